"""Unified diffs of fixed files: what `mtcheck fix --diff` prints instead of writing.

The diff is made of the file's bytes, cut into lines exactly where ``patch`` and ``git apply``
cut them: after each ``\\n`` and nowhere else (not at a lone CR, U+2028, U+0085, a form feed
or the other characters ``str.splitlines`` breaks at), so that applying it reproduces the
in-place fix byte for byte, whatever the file's encoding. Paths appear as given on both
sides (``--- path`` / ``+++ path``), for ``patch -p0`` or ``git apply -p0``; a path with a
control character, a quote or a backslash is quoted as git quotes it. A last line without a
newline gets the standard ``\\ No newline at end of file`` marker.

Through a pipe the diff is bytes for tools. On a terminal ``for_terminal`` shows it to a
person: decoded, control characters escaped (mtcheck.display), coloured.
"""

from __future__ import annotations

import difflib
import re

from mtcheck.display import escape

NO_NEWLINE = b"\\ No newline at end of file\n"
_NEEDS_QUOTES = re.compile(r'[\x00-\x1f\x7f"\\]')
_C_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b"}
_C_ESCAPES.update({"\f": "\\f", "\v": "\\v"})


def split_lines(data: bytes) -> list[bytes]:
    """Lines as patch reads them: each ends after its ``\\n``; the last may have none."""
    lines = data.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def quote_path(path: str) -> str:
    """A path as a diff header carries it: as it is, or C-quoted (as git writes such names)."""
    if not _NEEDS_QUOTES.search(path):
        return path
    body = "".join(
        _C_ESCAPES.get(char) or (f"\\{ord(char):03o}" if ord(char) < 0x20 or char == "\x7f" else char) for char in path
    )
    return f'"{body}"'


def unified_diff(path: str, before: bytes, after: bytes, context: int = 3) -> bytes:
    name = quote_path(path).encode("utf-8", errors="surrogateescape")
    out: list[bytes] = []
    for line in difflib.diff_bytes(
        difflib.unified_diff, split_lines(before), split_lines(after), fromfile=name, tofile=name, n=context
    ):
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n" + NO_NEWLINE)
    return b"".join(out)


_COLOURS = ((b"---", "1"), (b"+++", "1"), (b"-", "31"), (b"+", "32"), (b"@@", "36"))


def for_terminal(diff: bytes, *, colour: bool) -> str:
    """The diff for a person: each line decoded (undecodable bytes shown as escapes), its
    control characters escaped, and with ``colour`` removed lines red, added green, hunk
    headers cyan."""
    shown = []
    for line in split_lines(diff):
        text = escape(line.rstrip(b"\n").decode("utf-8", errors="backslashreplace"))
        style = next((code for prefix, code in _COLOURS if line.startswith(prefix)), None) if colour else None
        shown.append(f"\x1b[{style}m{text}\x1b[0m" if style else text)
    return "\n".join(shown) + ("\n" if shown else "")


def colourize(diff: str) -> str:
    """ANSI colours for a diff already shown as text (kept for callers that have one)."""
    return for_terminal(diff.encode("utf-8", errors="surrogateescape"), colour=True)
