"""Look near a position in time bounded by the neighbourhood, not by the text.

Checks look at the word before a match or the words after a number once per match. Done
naively that is quadratic on a long line (a 1 MB paragraph), in two ways this module avoids:

* searching from the start of the text for the token that ends at a position;
* ``pattern.match(text, pos)`` with the ``regex`` module, which first looks for the
  pattern's required literal ("decade" in ``\\s+decades?\\b``) anywhere after ``pos``: a
  scan of the rest of the text per call when the literal is absent.

Tokens are followed no further than ``LIMIT`` characters (a longer "word" is no word a
check judges, and the bound keeps many matches inside one long run linear), and
``match_near`` bounds the match to ``REACH`` characters, checking again without the bound
in the rare case the match reaches it (so ``\\b`` and ``$`` mean what they meant).
"""

from __future__ import annotations

import regex

#: How far a token is followed from the position; longer runs are cut here.
LIMIT = 256
#: How far a match after a position may reach before it is tried on the whole text.
REACH = 256

_BEFORE = regex.compile(r"\S*", regex.REVERSE)
_AFTER = regex.compile(r"\S*")


def token_before(text: str, position: int) -> str:
    """The run of non-space characters ending at ``position`` ("" after a space)."""
    return _BEFORE.match(text, max(0, position - LIMIT), position).group()  # type: ignore[union-attr]


def token_after(text: str, position: int) -> str:
    """The run of non-space characters starting at ``position`` ("" before a space)."""
    return _AFTER.match(text, position, position + LIMIT).group()  # type: ignore[union-attr]


def match_near(pattern: regex.Pattern[str], text: str, position: int) -> regex.Match[str] | None:
    """``pattern.match(text, position)``, in time bounded by the match, not the text."""
    end = position + REACH
    if end >= len(text):
        return pattern.match(text, position)
    match = pattern.match(text, position, end)
    if match is not None and match.end() < end:
        return match
    # No match, or one that ran into the bound: only the whole text can say. A miss is
    # the common case, so look again only when the bound could have changed the answer:
    # when a match reached it, or when the pattern could still match across it.
    if match is None and pattern.match(text, position, end, partial=True) is None:
        return None
    return pattern.match(text, position)
