"""What the bilingual readers share: offsets to line and column, one-line problems, unique keys."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem

_NEWLINE = re.compile("\n")


class Positions:
    """Offsets in a document's text to 1-based (line, column), by bisecting line starts:
    readers note a position for every target, so a scan per lookup would be quadratic."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line_column(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def input_error(document: Document, message: str, offset: int) -> InputError:
    """An InputError naming the file, and the line and column of an offset into its text."""
    line, column = Positions(document.text).line_column(offset)
    return InputError(InputProblem(document.name, message, line, column))


class UniqueKeys:
    """Keys must be unique: a writer replaces targets by key, so two units sharing one would
    both receive the other's fix."""

    def __init__(self, document: Document, what: str, *, compact: bool = False) -> None:
        self._document = document
        self._what = what
        self._seen: dict[str, int] = {}
        #: ``compact``: remember each key's hash only (a streamed file's million keys in a
        #: third of the memory); a duplicate then says no first line, and a clash of hashes
        #: reads as one: the caller reads the file whole, which says exactly what is wrong.
        self._hashes: set[int] | None = set() if compact else None

    def add(self, key: str, label: str, line: int, shown: Callable[[str], str] | None = None) -> None:
        """``shown``: how the label appears in the message (worked out only for a duplicate)."""
        if self._hashes is not None:
            digest = hash(key)
            if digest in self._hashes:
                raise InputError(InputProblem(self._document.name, f"duplicate {self._what}", line))
            self._hashes.add(digest)
            return
        first = self._seen.get(key)
        if first is not None:
            label = shown(label) if shown is not None else label
            raise InputError(
                InputProblem(self._document.name, f"duplicate {self._what} {label!r} (first at line {first})", line)
            )
        self._seen[key] = line


class NoKeys:
    """Keys not checked again (a streamed file's pass after the one that checked them)."""

    def add(self, key: str, label: str, line: int, shown: object = None) -> None:
        pass


NO_KEYS = NoKeys()
