"""Where a target character sits in the file when the file escapes it.

A finding's offsets index the decoded target (``&lt;`` is one ``<``, a CSV ``""`` one ``"``,
a JSON ``\\t`` one tab, a PO string continues on the next line). To report the right line
and column, a reader's raw target is walked once and an *anchor* (text offset, line,
column) is noted wherever raw and decoded text stop advancing together; between anchors
they advance one for one on one line. Formats whose raw target is the text (plain text,
TSV) need none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mtcheck.formats.common import Positions

#: (raw characters consumed, text characters produced) at raw[i]; (1, 1) is an ordinary character.
Step = Callable[[str, int], tuple[int, int]]

_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][\w.-]*);")
_CDATA_OPEN = "<![CDATA["


def xml_step(raw: str, i: int) -> tuple[int, int]:
    if raw[i] == "&":
        match = _ENTITY.match(raw, i)
        if match:
            return len(match.group()), 1
    if raw.startswith(_CDATA_OPEN, i):
        return len(_CDATA_OPEN), 0
    if raw.startswith("]]>", i):
        return 3, 0
    return 1, 1


def csv_step(raw: str, i: int) -> tuple[int, int]:
    if raw[i] == '"':
        if raw.startswith('""', i) and 0 < i < len(raw) - 2:
            return 2, 1  # a doubled quote inside a quoted cell
        return 1, 0  # the cell's opening or closing quote
    return 1, 1


def json_step(raw: str, i: int) -> tuple[int, int]:
    char = raw[i]
    if char == '"':
        return 1, 0
    if char == "\\":
        if raw.startswith("u", i + 1):
            high = int(raw[i + 2 : i + 6], 16)
            if 0xD800 <= high < 0xDC00 and raw.startswith("\\u", i + 6):
                return 12, 1  # a surrogate pair is one character
            return 6, 1
        return 2, 1
    return 1, 1


def po_steps() -> Step:
    """PO strings: quotes and the blanks between continuation strings produce nothing,
    but a blank inside a string is text — so this step remembers which side it is on."""
    inside = False

    def step(raw: str, i: int) -> tuple[int, int]:
        nonlocal inside
        char = raw[i]
        if char == '"':
            inside = not inside
            return 1, 0
        if not inside:
            return 1, 0
        if char == "\\":
            return 2, 1
        return 1, 1

    return step


def anchors(positions: Positions, raw: str, raw_start: int, step: Step) -> tuple[tuple[int, int, int], ...] | None:
    """(text offset, line, column) wherever the plain one-for-one walk breaks; None if it never does."""
    found: list[tuple[int, int, int]] = []
    text_offset = 0
    i = 0
    aligned = True
    while i < len(raw):
        consumed, produced = step(raw, i)
        plain = consumed == 1 and produced == 1 and raw[i] != "\n"
        if not aligned and plain:
            line, column = positions.line_column(raw_start + i)
            found.append((text_offset, line, column))
        aligned = plain
        if not plain and produced:
            line, column = positions.line_column(raw_start + i)
            found.append((text_offset, line, column))  # the escape itself starts here
            aligned = False
        i += consumed
        text_offset += produced
    if not found:
        return None
    return tuple(found)


#: A fresh step function per target (the PO one keeps state).
STEPS: dict[str, Callable[[], Step]] = {
    "xliff": lambda: xml_step,
    "tmx": lambda: xml_step,
    "csv": lambda: csv_step,
    "jsonl": lambda: json_step,
    "po": po_steps,
}
