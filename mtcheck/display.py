"""Text from files, shown to a person: control characters escaped, messages on one line.

A target, a file name or a glossary cell can hold anything: ``ESC[2J`` clears a terminal,
``ESC]52;…`` writes its clipboard, a newline followed by ``::error …`` is a new GitHub
workflow command, U+202E turns the rest of a line around. Everything mtcheck prints for a
person (messages, the terminal report, diffs on a terminal, glossary and rule listings)
passes through ``escape``; machine formats (JSON, SARIF, JUnit) escape in their own syntax.

Escaping is idempotent: the escapes themselves are printable, so text escaped twice reads
the same as text escaped once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: C0 controls (tab and newline too: a message is one line), DEL, C1 controls, the line and
#: paragraph separators, bidirectional embeddings, overrides and isolates, lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape(text: str) -> str:
    """``text`` with every unsafe character written as an escape (``\\x1b``, ``\\n``, ``\\u2028``)."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


def escape_lines(text: str) -> str:
    """Each line of ``text`` escaped; the newlines between them, and tabs (listings are laid
    out with them), kept: multi-line output."""
    return "\n".join("\t".join(escape(cell) for cell in line.split("\t")) for line in text.split("\n"))


def excerpt(text: str, limit: int = 40) -> str:
    """A short, escaped excerpt for a message: the start of ``text`` and ``…`` if it goes on."""
    if len(text) <= limit:
        return escape(text)
    return escape(text[:limit]) + "…"


def quoted(text: str, limit: int = 40) -> str:
    """An excerpt in quotes, as messages show a value: ``'abc…'``."""
    return f"'{excerpt(text, limit)}'"


def use_color(choice: str, stream: object, environ: Mapping[str, str]) -> bool:
    """``--color always|never|auto``: auto colours a terminal, unless ``NO_COLOR`` is set
    (no-color.org); ``FORCE_COLOR`` (force-color.org) colours a pipe too. The flag beats both."""
    if choice in ("always", "never"):
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width(stream: object, environ: Mapping[str, str], default: int = 100) -> int:
    """Columns to fit: ``COLUMNS`` when set, else the terminal's, else ``default`` (a pipe or a file)."""
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        import os

        try:
            return os.get_terminal_size(stream.fileno()).columns or default  # type: ignore[attr-defined]
        except (OSError, AttributeError, ValueError):
            return default
    return default
