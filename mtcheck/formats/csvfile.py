"""Bilingual CSV (RFC 4180): a header row naming the columns, then one unit per row.

The columns are ``source_column`` ("source"), ``target_column`` ("target") and, when the
header has it, ``id_column`` ("id") and a ``system`` column (the MT system that made the
target, when one file holds several systems' outputs); names match exactly, else ignoring
case. The delimiter is a comma, or a semicolon or a tab when that is what splits the header
into the source and target columns (spreadsheets save "CSV" with ``;`` where the decimal
mark is a comma); a header that names neither way is refused. A scanner of our own, because
the csv module reports no positions; it reads what the csv module reads (the tests compare
them), but rejects text after a closing quote (``"a"b``) rather than guess.

``Origin.span`` is the whole raw cell, its quotes included when it has them (``source_span``
the source cell): ``rewrite`` keeps a quoted cell quoted, writing it through its runs so
unchanged doubled quotes stay as they are, and quotes an unquoted cell that gains the
delimiter, a quote or a line break. ``Origin.column`` is that of the text, inside the quote.
Keys are ``path#id``, or ``path:line`` for a row without an id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtcheck.display import excerpt
from mtcheck.formats.common import Positions, UniqueKeys, input_error
from mtcheck.formats.runs import ATOM, PLAIN, SYNTAX, Run, plain_runs
from mtcheck.formats.runs import rewrite as runs_rewrite
from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "csv"
EXTENSIONS = (".csv",)
OPTIONS = ("source_column", "target_column", "id_column")

_QUOTED = re.compile(r'"(?:[^"]|"")*"')
DELIMITERS = (",", ";", "\t")
_BARE = {delimiter: re.compile(rf"[^{re.escape(delimiter)}\r\n]*") for delimiter in DELIMITERS}
_NEEDS_QUOTES = {delimiter: re.compile(rf'[{re.escape(delimiter)}"\r\n]') for delimiter in DELIMITERS}


@dataclass(frozen=True, slots=True)
class Cell:
    start: int  # raw cell, quotes included
    end: int
    value: str
    quoted: bool

    @property
    def text_start(self) -> int:
        return self.start + 1 if self.quoted else self.start


def read(
    document: Document,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    source_column: str = "source",
    target_column: str = "target",
    id_column: str | None = None,
    **options: object,
) -> list[Segment]:
    positions = Positions(document.text)
    delimiter = sniff_delimiter(document, source_column, target_column)
    rows = [row for row in records(document, delimiter) if row != [Cell(row[0].start, row[0].start, "", False)]]
    if not rows:
        return []
    header, *body = rows
    names = [cell.value for cell in header]
    header_line = positions.line_column(header[0].start)[0]
    source_at = _column(document, names, source_column, header_line)
    target_at = _column(document, names, target_column, header_line)
    id_at = _column(document, names, id_column, header_line) if id_column else _find(names, "id")
    system_at = _find(names, "system")
    keys = UniqueKeys(document, "id")
    segments = []
    for row in body:
        line = positions.line_column(row[0].start)[0]
        if len(row) != len(header):
            raise InputError(
                InputProblem(
                    document.name, f"expected {len(header)} columns (as in the header), found {len(row)}", line
                )
            )
        source, target = row[source_at], row[target_at]
        if not target.value.strip():
            continue
        unit_id = row[id_at].value if id_at is not None else ""
        key = f"{document.name}#{unit_id}" if unit_id else f"{document.name}:{line}"
        keys.add(key, excerpt(unit_id) if unit_id else f"line {line}", line)
        system = (row[system_at].value.strip() or None) if system_at is not None else None
        segments.append(_segment(document, positions, key, source, target, src_lang, tgt_lang, system))
    return segments


def encode(text: str, segment: Segment, delimiter: str = ",") -> str:
    """A quoted cell stays quoted; an unquoted one is quoted only when the text needs it."""
    start, end = segment.origin.span or (0, len(segment.target))
    was_quoted = end - start != len(segment.target)
    if was_quoted or _NEEDS_QUOTES[delimiter].search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _delimiter_beside(document: Document, start: int, end: int) -> str:
    """The delimiter next to a cell (every row has at least the source and target cells)."""
    text = document.text
    before = text[start - 1 : start]
    if before in DELIMITERS:
        return before
    after = text[end : end + 1]
    return after if after in DELIMITERS else ","


def sniff_delimiter(document: Document, source_column: str = "source", target_column: str = "target") -> str:
    """The delimiter that splits the header into the source and target columns: a comma
    unless only a semicolon or a tab does."""
    for delimiter in DELIMITERS:
        try:
            header = _record(document, 0, delimiter)[0]
        except InputError:
            continue
        names = [cell.value for cell in header]
        if _find(names, source_column) is not None and _find(names, target_column) is not None:
            return delimiter
    return ","


def raw_runs(document: Document, start: int, end: int) -> list[Run]:
    """A quoted cell's runs: the quotes decode to nothing, a doubled quote to one."""
    text = document.text
    if not text.startswith('"', start) or end - start < 2:
        return plain_runs(text[start:end])
    runs = [Run(SYNTAX, 0, 1)]
    cursor = start + 1
    while cursor < end - 1:
        quote = text.find('""', cursor, end - 1)
        if quote < 0:
            runs.append(Run(PLAIN, cursor - start, end - 1 - start))
            break
        if quote > cursor:
            runs.append(Run(PLAIN, cursor - start, quote - start))
        runs.append(Run(ATOM, quote - start, quote + 2 - start, '"'))
        cursor = quote + 2
    runs.append(Run(SYNTAX, end - 1 - start, end - start, closes=True))
    return runs


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """A new cell: a quoted one through its runs (unchanged parts as written), an unquoted one
    as it is, or quoted when it now needs quotes."""
    start, end = segment.origin.span or (0, 0)
    raw = document.text[start:end]
    if not raw.startswith('"'):
        return encode(text, segment, _delimiter_beside(document, start, end))
    return runs_rewrite(raw, raw_runs(document, start, end), segment.target, text, lambda t: t.replace('"', '""'))


def records(document: Document, delimiter: str = ",") -> list[list[Cell]]:
    """Every record's cells; a line break inside quotes belongs to the cell."""
    length = len(document.text)
    rows: list[list[Cell]] = []
    position = 0
    while position < length:
        row, position = _record(document, position, delimiter)
        rows.append(row)
    return rows


def _record(document: Document, position: int, delimiter: str) -> tuple[list[Cell], int]:
    """The record at ``position`` and where the next one starts."""
    text = document.text
    row: list[Cell] = []
    while True:
        cell = _cell(document, position, delimiter)
        row.append(cell)
        position = cell.end
        if position < len(text) and text[position] == delimiter:
            position += 1
            continue
        break
    return row, position + (2 if text.startswith("\r\n", position) else 1)


def _cell(document: Document, position: int, delimiter: str) -> Cell:
    text = document.text
    if not text.startswith('"', position):
        bare = _BARE[delimiter].match(text, position)
        assert bare is not None  # it matches the empty string
        return Cell(position, bare.end(), bare.group(), False)
    quoted = _QUOTED.match(text, position)
    if quoted is None:
        raise input_error(document, "unterminated quoted field: no closing quote", position)
    end = quoted.end()
    if end < len(text) and text[end] not in (delimiter, "\r", "\n"):
        raise input_error(document, "unexpected text after a closing quote (double a quote inside a field)", end)
    return Cell(position, end, text[position + 1 : end - 1].replace('""', '"'), True)


def _find(names: list[str], wanted: str) -> int | None:
    if wanted in names:
        return names.index(wanted)
    folded = [index for index, name in enumerate(names) if name.casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None


def _column(document: Document, names: list[str], wanted: str, line: int) -> int:
    index = _find(names, wanted)
    if index is None:
        raise InputError(
            InputProblem(
                document.name,
                f"no {wanted!r} column in the header (columns: {excerpt(', '.join(names), 80)})",
                line,
            )
        )
    return index


def _segment(
    document: Document,
    positions: Positions,
    key: str,
    source: Cell,
    target: Cell,
    src_lang: str | None,
    tgt_lang: str | None,
    system: str | None = None,
) -> Segment:
    line, column = positions.line_column(target.text_start)
    source_line, source_column = positions.line_column(source.text_start)
    return Segment(
        key=key,
        target=target.value,
        source=source.value,
        origin=Origin(
            path=document.name,
            line=line,
            column=column,
            source_line=source_line,
            source_column=source_column,
            span=(target.start, target.end),
            source_span=(source.start, source.end),
        ),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        system=system,
    )
