"""``mtcheck glossary fmt``: one canonical layout, so that diffs show only real changes.

Columns in the standard order; cells trimmed, several terms joined with `` | ``; within
each run of entries between comments or blank lines, entries sorted by id (numbers in
ids compared as numbers), else by source term. Comments and blank lines stay where they
are, so a glossary organised in commented sections keeps its sections; a ``# default-severity:``
line above the header is written in one spelling.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import COLUMNS, DEFAULT_SEVERITY, GlossaryFile, Row, cell

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

    settings = {setting.line: setting for setting in document.settings() if setting.above_header}
    for index, row in enumerate(document.rows):
        if row.entry is None:
            flush()
            setting = settings.get(index + 1) if index < document.header_row else None
            raw = f"# {DEFAULT_SEVERITY}: {setting.value}" if setting else row.raw.rstrip() if row.raw else ""
            rows.append(Row(None, raw))
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


def insert_entry(document: GlossaryFile, entry: Entry) -> None:
    """Add ``entry`` where ``glossary fmt`` would put it, changing no other row's text
    beyond the empty cells a new column needs: new columns take their canonical place in the
    header, and the entry goes into the run of entries (between comments or blank lines)
    that holds the entry sorting just before it, at its sorted place. A formatted file stays
    formatted."""
    from mtcheck.glossary.tsvfile import render

    formatted = render(canonical(document)) == render(document)
    _widen_canonically(document, entry, pad=formatted)
    key = _sort_key(entry)
    runs: list[list[int]] = []  # row indices of each run of entries
    previous = -2
    for index, row in enumerate(document.rows):
        if row.entry is None:
            continue
        if index != previous + 1 or not runs:
            runs.append([])
        runs[-1].append(index)
        previous = index
    if not runs:
        document.rows.append(Row(entry, None))
        return
    keyed = [(_sort_key(document.rows[i].entry), n) for n, run in enumerate(runs) for i in run]  # type: ignore[arg-type]
    before = [(k, n) for k, n in keyed if k <= key]
    run = runs[max(before)[1] if before else min(keyed)[1]]
    at = next((i for i in run if _sort_key(document.rows[i].entry) > key), run[-1] + 1)  # type: ignore[arg-type]
    document.rows.insert(at, Row(entry, None))
    if at < document.header_row:
        document.header_row += 1


def _widen_canonically(document: GlossaryFile, entry: Entry, *, pad: bool) -> None:
    """The optional columns ``entry`` needs, each before the first header column that
    follows it in the canonical order. Rows with cells beyond it get an empty one there;
    with ``pad`` (the file was formatted), so do complete rows, which fmt writes in full."""
    for column in COLUMNS:
        if column in document.header or not cell(entry, column):
            continue
        rank = COLUMNS.index(column)
        at = next(
            (i for i, name in enumerate(document.header) if name in COLUMNS and COLUMNS.index(name) > rank),
            len(document.header),
        )
        document.header.insert(at, column)
        for row in document.rows:
            if row.raw is not None and row.entry is not None:
                cells = row.raw.split("\t")
                if len(cells) > at or (pad and len(cells) == at):
                    cells.insert(at, "")
                    row.raw = "\t".join(cells)
