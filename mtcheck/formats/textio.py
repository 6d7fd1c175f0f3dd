"""Bytes to text and back, the same way for every format.

UTF-8 only, with or without a BOM; lines end in LF or CRLF. A ``Document`` keeps the
decoded text whole, so a reader can note where each target sits (``Origin.span``) and a
writer can splice new targets in, leaving every other byte — BOM, line ends, the final
newline, other columns — exactly as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mtcheck.model import InputError, InputProblem

UTF8_BOM = b"\xef\xbb\xbf"
STDIN = "-"


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the line in the document text
    text: str  # without its line end

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # as given ("-" for standard input)
    text: str
    bom: bool = False

    @property
    def name(self) -> str:
        return display_name(self.path)

    def lines(self) -> Iterator[Line]:
        """Lines split on ``\\n`` alone (``str.splitlines`` would also split on U+2028 and
        form feeds and shift every line number after them); a final newline adds none."""
        text = self.text
        start = 0
        number = 1
        length = len(text)
        while start < length:
            end = text.find("\n", start)
            if end < 0:
                end = length
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            yield Line(number, start, text[start:stop])
            start = end + 1
            number += 1

    def splice(self, replacements: Iterable[tuple[int, int, str]]) -> bytes:
        """The file's bytes with ``text[start:end]`` replaced; nothing else changes."""
        out: list[str] = []
        cursor = 0
        for start, end, new in sorted(replacements):
            if start < cursor:
                raise ValueError(f"overlapping replacements at {start}")
            out.append(self.text[cursor:start])
            out.append(new)
            cursor = end
        out.append(self.text[cursor:])
        return (UTF8_BOM if self.bom else b"") + "".join(out).encode("utf-8")

    def encode(self) -> bytes:
        return (UTF8_BOM if self.bom else b"") + self.text.encode("utf-8")


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(InputProblem(path, "is a directory, not a file")) from None
    except OSError as exc:
        raise InputError(InputProblem(path, exc.strerror or str(exc))) from None


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (BOM dropped); a bad byte is reported at its line and column."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start]
        raise InputError(
            InputProblem(
                display_name(path),
                f"not valid UTF-8 (byte 0x{bad:02x}); save the file as UTF-8",
                line,
                column,
            )
        ) from None


def read_document(path: str) -> Document:
    data = read_bytes(path)
    return Document(path, decode(data, path), data.startswith(UTF8_BOM))


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; a final newline does not make an extra line."""
    return [line.text for line in Document("", text).lines()]
