"""Bytes to lines, the same way for every line-based format.

UTF-8 only, with or without a BOM; lines end in LF or CRLF. Lines are split on ``\\n``
alone (``str.splitlines`` would also split on U+2028 and form feeds and shift every line
number after them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mtcheck.model import InputError, InputProblem

UTF8_BOM = b"\xef\xbb\xbf"
STDIN = "-"


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


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


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; a final newline does not make an extra line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_lines(path: str) -> list[str]:
    return split_lines(decode(read_bytes(path), path))
