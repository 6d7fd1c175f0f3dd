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
