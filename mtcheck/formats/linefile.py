"""A UTF-8 file read a line at a time: what a line format's reader needs of a document.

Readers of line formats (TSV, plain text) use two things of a ``Document``: its ``name``
and its ``lines()``. ``LineFile`` gives both from disk, one line in memory at a time, with
the same numbers and character offsets ``Document.lines()`` gives for the decoded file
(UTF-8 never has the byte of a line feed inside a character, so the bytes are split on it
before they are decoded). A byte that is not UTF-8 raises UnicodeDecodeError: the caller
then reads the file whole, which reports it as it always has (formats/stream.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from mtcheck.formats.textio import Line, display_name

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class LineFile:
    path: str
    label: str | None = None  # as Document.label
    #: As Document's, for readers that decode escapes in the file's encoding (PO).
    encoding: ClassVar[str] = "utf-8"
    encoding_name: ClassVar[str] = "UTF-8"

    @property
    def name(self) -> str:
        return self.label or display_name(self.path)

    def lines(self) -> Iterator[Line]:
        """As ``Document.lines()``: split on ``\\n`` alone, a ``\\r`` before it dropped, and
        a final newline adds no line; offsets count characters after the BOM."""
        for line in self.raw_lines():
            text = line.text
            body = text[:-1] if text.endswith("\n") else text
            yield Line(line.number, line.start, body[:-1] if body.endswith("\r") else body)

    def raw_lines(self) -> Iterator[Line]:
        """The lines with their line ends, as the file has them (a reader whose records run
        over several lines, CSV, puts them together again); offsets as ``lines()``."""
        start = 0
        number = 1
        with open(self.path, "rb") as handle:
            for raw in handle:
                if number == 1 and raw.startswith(UTF8_BOM):
                    raw = raw[len(UTF8_BOM) :]
                text = raw.decode("utf-8")
                yield Line(number, start, text)
                start += len(text)
                number += 1
