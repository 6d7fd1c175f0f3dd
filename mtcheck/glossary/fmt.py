"""``mtcheck glossary fmt``: one canonical layout, so that diffs show only real changes.

Columns in the standard order; cells trimmed, several terms joined with `` | ``; within
each run of entries between comments or blank lines, entries sorted by id (numbers in
ids compared as numbers), else by source term. Comments and blank lines stay where they
are, so a glossary organised in commented sections keeps its sections.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import COLUMNS, GlossaryFile, Row, cell

_NUMBER = regex.compile(r"(\d+)")


def _sort_key(entry: Entry) -> tuple:
    text = entry.id or (entry.source[0] if entry.source else entry.preferred)
    return tuple(int(part) if part.isdigit() else part.lower() for part in _NUMBER.split(text))


def _trimmed(entry: Entry) -> Entry:
    return replace(entry, note=entry.note.strip(), id=entry.id.strip(), pos=entry.pos.strip())


def canonical(document: GlossaryFile) -> GlossaryFile:
    header = [
        column for column in COLUMNS if column in document.header or any(cell(e, column) for e in document.entries)
    ]
    rows: list[Row] = []
    run: list[Entry] = []

    def flush() -> None:
        rows.extend(Row(entry, None) for entry in sorted(run, key=_sort_key))
        run.clear()

    for row in document.rows:
        if row.entry is None:
            flush()
            rows.append(Row(None, row.raw.rstrip() if row.raw else ""))
        else:
            run.append(_trimmed(row.entry))
    flush()
    return GlossaryFile(
        path=document.path,
        header=header,
        rows=rows,
        header_row=document.header_row,
        newline=document.newline,
        bom=document.bom,
    )
