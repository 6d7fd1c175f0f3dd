"""Unified diffs of fixed files: what `mtcheck fix --diff` prints instead of writing.

Paths appear as given on both sides (``--- path`` / ``+++ path``), so the output applies
with ``patch -p0`` or ``git apply -p0``. Line ends are kept as they are in the file (CRLF
lines stay CRLF), and a last line without a newline gets the standard
``\\ No newline at end of file`` marker that both tools expect.
"""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    old = before.splitlines(keepends=True) if before else []
    new = after.splitlines(keepends=True) if after else []
    out = []
    for line in difflib.unified_diff(old, new, fromfile=path, tofile=path, n=context):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def colourize(diff: str) -> str:
    """ANSI colours for a terminal: removed red, added green, hunk headers cyan."""
    styled = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("---", "+++")):
            styled.append(f"\x1b[1m{line.rstrip(chr(10))}\x1b[0m\n")
        elif line.startswith("-"):
            styled.append(f"\x1b[31m{line.rstrip(chr(10))}\x1b[0m\n")
        elif line.startswith("+"):
            styled.append(f"\x1b[32m{line.rstrip(chr(10))}\x1b[0m\n")
        elif line.startswith("@@"):
            styled.append(f"\x1b[36m{line.rstrip(chr(10))}\x1b[0m\n")
        else:
            styled.append(line)
    return "".join(styled)
