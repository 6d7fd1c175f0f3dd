"""ICU MessageFormat and Java's MessageFormat, parsed rather than matched: braces nest.

``{count, plural, one {# file} other {# files}}`` holds an argument (``count``), branches
chosen by keys (``one``, ``other``) and, inside them, more text, arguments and ``#`` (the
number). The parser reports the arguments and ``#`` as placeholders, the syntax around the
branch texts (``{count, plural,`` ``one {`` ``}``) as protected spans, each plural or select
argument with its keys (so the checks can compare branches), and the spans an apostrophe
quotes (a French ``l'{0}`` in Java quotes the ``{0}`` away: it is printed literally).

Apostrophes: in ICU an apostrophe quotes only when a ``{``, ``}``, ``#`` (in a plural) or ``|``
follows it, ``''`` is one apostrophe; in Java every single apostrophe starts a quotation.
Markup tags (``<x id="1" equiv-text="{{n}}"/>``) are skipped as text, so braces in their
attributes do not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

_COMPLEX = frozenset({"plural", "select", "selectordinal"})


class Argument(NamedTuple):
    """A plural, select or selectordinal argument and its branch keys, in order."""

    name: str
    type: str
    keys: tuple[str, ...]
    start: int
    end: int  # after the argument's closing brace


class Piece(NamedTuple):
    start: int
    end: int
    key: tuple[str, str] | None  # None: syntax, protected only


@dataclass
class Parsed:
    pieces: list[Piece] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)


class _Unbalanced(Exception):
    pass


class _Parser:
    def __init__(self, text: str, java: bool) -> None:
        self.text = text
        self.java = java
        self.out = Parsed()

    def message(self, position: int, in_plural: bool, in_choice: bool = False) -> int:
        """Text up to the ``}`` that closes it (or the end); returns that position."""
        text = self.text
        while position < len(text):
            char = text[position]
            if char == "'":
                position = self._apostrophe(position, in_plural, in_choice)
            elif char == "{":
                position = self._argument(position)
            elif char == "}" or (char == "|" and in_choice):
                return position
            elif char == "#" and in_plural:
                self.out.pieces.append(Piece(position, position + 1, ("icu", "#")))
                position += 1
            elif char == "<":
                end = text.find(">", position)
                position = end + 1 if end != -1 and "<" not in text[position + 1 : end] else position + 1
            else:
                position += 1
        return position

    def _apostrophe(self, position: int, in_plural: bool, in_choice: bool) -> int:
        text = self.text
        following = text[position + 1 : position + 2]
        if following == "'":
            return position + 2
        special = following in ("{", "}") or (following == "#" and in_plural) or (following == "|" and in_choice)
        if not (self.java or special):
            return position + 1
        cursor = position + 1
        while cursor < len(text):
            if text[cursor] == "'":
                if text[cursor + 1 : cursor + 2] == "'":
                    cursor += 2
                    continue
                break
            cursor += 1
        end = min(cursor + 1, len(text))  # an apostrophe never closed quotes the rest
        self.out.quoted.append((position, end))
        return end

    def _skip_space(self, position: int) -> int:
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return position

    def _word(self, position: int) -> tuple[str, int]:
        start = position
        while position < len(self.text) and not self.text[position].isspace() and self.text[position] not in ",{}":
            position += 1
        return self.text[start:position], position

    def _argument(self, start: int) -> int:
        text = self.text
        name, position = self._word(self._skip_space(start + 1))
        position = self._skip_space(position)
        if not name or position >= len(text) or any(char in name for char in "<>'#"):
            raise _Unbalanced  # no argument name: {<b>} is text
        if text[position] == "}":
            self.out.pieces.append(Piece(start, position + 1, ("icu", name)))
            return position + 1
        if text[position] != ",":
            raise _Unbalanced
        kind, position = self._word(self._skip_space(position + 1))
        position = self._skip_space(position)
        if kind in _COMPLEX:
            return self._complex(start, name, kind, position)
        if kind == "choice" and self.java:
            return self._choice(start, name, position)
        # number, date, time, spellout…: an optional style, which may nest braces (skeletons do not)
        depth = 0
        while position < len(text):
            if text[position] == "{":
                depth += 1
            elif text[position] == "}":
                if depth == 0:
                    self.out.pieces.append(Piece(start, position + 1, ("icu", name)))
                    return position + 1
                depth -= 1
            position += 1
        raise _Unbalanced

    def _complex(self, start: int, name: str, kind: str, position: int) -> int:
        text = self.text
        if position >= len(text) or text[position] != ",":
            raise _Unbalanced
        position = self._skip_space(position + 1)
        if text.startswith("offset:", position):
            _, position = self._word(position)
            position = self._skip_space(position)
        self.out.pieces.append(Piece(start, position, ("icu", name)))
        keys = []
        while position < len(text) and text[position] != "}":
            key_start = position
            key, position = self._word(position)
            position = self._skip_space(position)
            if not key or position >= len(text) or text[position] != "{":
                raise _Unbalanced
            keys.append(key)
            self.out.pieces.append(Piece(key_start, position + 1, None))
            end = self.message(position + 1, in_plural=kind != "select")
            if end >= len(text):
                raise _Unbalanced
            self.out.pieces.append(Piece(end, end + 1, None))
            position = self._skip_space(end + 1)
        if position >= len(text):
            raise _Unbalanced
        self.out.pieces.append(Piece(position, position + 1, None))
        self.out.arguments.append(Argument(name, kind, tuple(keys), start, position + 1))
        return position + 1

    def _choice(self, start: int, name: str, position: int) -> int:
        """Java's ``{0,choice,0#no files|1#one file|1<{0} files}``: limits, then messages."""
        text = self.text
        if position >= len(text) or text[position] != ",":
            raise _Unbalanced
        self.out.pieces.append(Piece(start, position + 1, ("icu", name)))
        position += 1
        while position < len(text):
            limit_end = position
            while limit_end < len(text) and text[limit_end] not in "#<≤}":
                limit_end += 1
            if limit_end >= len(text) or text[limit_end] == "}":
                raise _Unbalanced
            self.out.pieces.append(Piece(position, limit_end + 1, None))
            end = self.message(limit_end + 1, in_plural=False, in_choice=True)
            if end >= len(text):
                raise _Unbalanced
            if text[end] == "}":
                self.out.pieces.append(Piece(end, end + 1, None))
                return end + 1
            position = end + 1  # past the |
        raise _Unbalanced


def parse(text: str, *, java: bool = False) -> Parsed | None:
    """The message's placeholders and structure; None when its braces do not balance."""
    parser = _Parser(text, java)
    try:
        end = parser.message(0, in_plural=False)
    except (_Unbalanced, RecursionError):  # braces nested past Python's stack: not a message
        return None
    if end != len(text):  # a stray closing brace
        return None
    parser.out.pieces.sort()
    return parser.out
