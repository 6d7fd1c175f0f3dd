"""Protected spans: stretches of a text that a fix must never edit.

A translation carries pieces that are not language: placeholders a program substitutes,
inline codes and their attributes, URLs, e-mail addresses, file paths, commands, times and
ratios, emoticons. Checks use these spans to stay quiet (``Type :wq`` has no "space before
a colon"), and the fix gate (mtcheck/fixgate.py) refuses any fix whose edit falls inside
one. ``protected_spans(text)`` is the one entry point.

Placeholders, markup, URLs, e-mail addresses and references are recognized by the
placeholder dialects (mtcheck/placeholders: one source of placeholder truth, with the
dialects a unit's format flags choose, and what is merely shaped like a tag or a brace group
added for protection); ``PATTERNS`` holds the rest, one named regex per kind.

The patterns are deliberately generous: a span protected by mistake costs at most a fix
that is not offered, while an edit inside a placeholder breaks the software that reads it.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from typing import NamedTuple

import regex

from mtcheck.lazyre import lazy

#: (kind, pattern). Spans of different kinds may overlap; one inside another is dropped.
PATTERNS: tuple[tuple[str, str], ...] = (
    # Comments and CDATA (tags and references are the placeholder dialects').
    ("xml", r"<!--.*?-->|<!\[CDATA\[.*?\]\]>"),
    # File paths: /usr/local/bin, ~/notes.txt, ./run.sh, C:\Users\x, \\server\share.
    ("path", r"(?<![\w/])(?:~|\.{1,2})/[\w.@+-]+(?:/[\w.@+-]+)*/?|(?<![\w/<])/[\w.@+-]+(?:/[\w.@+-]+)+/?"),
    # (A Windows path ends before the punctuation that ends its sentence: "(e.g. D:\dicts).")
    ("path", r"(?<![\w])[A-Za-z]:\\(?:[^\s\"“”<>|*?]*[^\s\"“”<>|*?.,;:!)\]])?|\\\\[\w.-]+\\[^\s\"“”<>|*?]*"),
    # Wiki links: [[link]].
    ("variable", r"\[\[[^\[\]\n]+\]\]"),
    # Inline code in backticks, and reStructuredText's double backticks (``myhost``).
    ("code", r"``[^`\n]+``|`[^`\n]+`"),
    # A drive letter alone, with or without the space MT puts in: "C:", "C :".
    ("drive", r"(?<![\w.])[A-Z] ?:(?=[\s\\/]|$)"),
    # Commands: vi's :wq and :q!, command-line options --verbose and -v.
    ("command", r"(?<![\w:])(?<!\S):[A-Za-z]+!?(?![\w])|(?<![\w-])--?[A-Za-z][\w-]*"),
    # Times and ratios, spaced symmetrically: 10:30, 10 : 30, 1:1, 3 : 1, 10:30:15.
    ("time", r"(?<![\w.,:])\d+(?P<sep> : |:)\d+(?:(?P=sep)\d+)?(?![\w:])"),
    # Emoticons, standing alone: :) ;-) :( :P =D :/ (not "'=')" closing a bracket).
    ("emoticon", r"(?<![^\s(])[:;=][-'^o]?[)(\]\[DPpO|/\\*3]+(?![\w/])"),
)


#: The characters a kind's pattern cannot match without: a pattern runs only on a text
#: that holds one of them (most texts hold none), so ``protected`` costs little.
MARKERS: dict[str, tuple[str, ...]] = {
    "xml": ("<!",),
    "path": ("/", "\\"),
    "variable": ("[[",),
    "code": ("`",),
    "drive": (":",),
    "command": (":", "-"),
    "time": (":",),
    "emoticon": (":", ";", "="),
}


_ALL_MARKERS = frozenset(marker for markers in MARKERS.values() for marker in markers)


@functools.cache
def _compiled() -> tuple[tuple[str, tuple[str, ...], regex.Pattern[str]], ...]:
    """(kind, markers, pattern), compiled on first use: most runs never need them, and
    compiling costs start-up time. A kind missing from MARKERS always runs."""
    return tuple((kind, MARKERS.get(kind, ()), lazy(pattern)) for kind, pattern in PATTERNS)


#: The kind a placeholder dialect's spans are protected as (fixgate names them in messages).
_DIALECT_KINDS = {
    "markup": "tag",
    "any-tag": "tag",
    "entity": "xml",
    "any-entity": "xml",
    "url": "url",
    "email": "email",
    "sh": "variable",
    "template": "variable",
    "symfony": "variable",
    "brace": "braces",
    "any-braces": "braces",
    "python-brace": "braces",
    "dotnet": "braces",
    "perl-brace": "braces",
    "mustache": "braces",
    "icu": "braces",
    "java": "braces",
}


class Protected(NamedTuple):
    start: int
    end: int
    kind: str


def protected(text: str, dialects: tuple[str, ...] | None = None) -> list[Protected]:
    """Every protected stretch of ``text`` with its kind, sorted; a stretch inside another
    is left out, partly overlapping ones stay. ``dialects`` are the placeholder dialects of
    the unit (``placeholders.dialects_for``); by default, what the text shows."""
    from mtcheck.placeholders import protected_tokens

    found = [
        Protected(token.start, token.end, _DIALECT_KINDS.get(token.dialect, "printf"))
        for token in protected_tokens(text, dialects)
    ]
    present = {marker for marker in _ALL_MARKERS if marker in text}  # each marker looked for once
    for kind, markers, pattern in _compiled():
        if markers and present.isdisjoint(markers):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if end > start:
                found.append(Protected(start, end, kind))
    if len(found) < 2:
        return found
    found.sort(key=lambda span: (span.start, -span.end))
    kept = [found[0]]
    reach = found[0].end
    for span in found[1:]:
        if span.end > reach:  # not inside an earlier span
            kept.append(span)
            reach = span.end
    return kept


def protected_spans(text: str, dialects: tuple[str, ...] | None = None) -> list[tuple[int, int]]:
    """The protected stretches of ``text`` as sorted, merged (start, end) pairs."""
    return merged((start, end) for start, end, _ in protected(text, dialects))


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sorted by start) with overlapping and touching ones joined: what ``overlaps``
    and ``touches`` search."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` (an insertion: the character at ``start``) overlap one of the
    sorted, disjoint ``spans``? A bisection: a long line has many spans and many hits."""
    index = bisect.bisect_left(spans, (max(end, start + 1),)) - 1  # the last span starting before the end
    return index >= 0 and spans[index][1] > start


def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does an edit of ``[start, end)`` change a character inside one of the merged
    ``spans``? An insertion (start == end) touches a span it falls strictly inside;
    an edit that only borders a span leaves it intact."""
    index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    for span_start, span_end in spans[max(index, 0) : index + 2]:
        if start == end:
            if span_start < start < span_end:
                return True
        elif start < span_end and span_start < end:
            return True
    return False


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Is the character at ``position`` inside a protected span?"""
    return touches(spans, position, position + 1)
