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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from mtcheck.display import excerpt
from mtcheck.formats import Window
from mtcheck.formats.common import NO_KEYS, UniqueKeys, input_error
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.runs import ATOM, PLAIN, SYNTAX, Run, plain_runs
from mtcheck.formats.runs import rewrite as runs_rewrite
from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "csv"
EXTENSIONS = (".csv",)
OPTIONS = ("source_column", "target_column", "id_column")
#: A cell's quote: a quoted cell with no doubled quote or line break needs no anchors.
QUOTE = '"'
#: What ``iter_read`` understands for a streamed file (formats/stream.py, StreamedSegments.raw).
STREAM_OPTIONS = ("anchor", "only_lines", "unique", "languages")

_QUOTED = re.compile(r'"(?:[^"]|"")*"')
#: The same, without giving back: where it fails on a stretch of whole lines, a quoted cell
#: is still open (its closing quote is on a later line), or the file is malformed (where
#: ``_QUOTED`` finds a shorter match, the next character is a quote: an error either way).
_QUOTED_OPEN_ENDED = re.compile(r'"(?:[^"]|"")*+"')
#: A quoted cell still open after this many characters: the stream gives up, and the caller
#: reads the file whole (which says where the quote is).
MAX_OPEN_CELL = 1 << 23
DELIMITERS = (",", ";", "\t")
_BARE = {delimiter: re.compile(rf"[^{re.escape(delimiter)}\r\n]*") for delimiter in DELIMITERS}
_NEEDS_QUOTES = {delimiter: re.compile(rf'[{re.escape(delimiter)}"\r\n]') for delimiter in DELIMITERS}


class Cell(NamedTuple):
    """A cell's raw text (quotes included) and its value. A tuple: a file has millions."""

    start: int
    end: int
    value: str
    quoted: bool

    @property
    def text_start(self) -> int:
        return self.start + 1 if self.quoted else self.start


def read(document: Document, **options: object) -> list[Segment]:
    """Every row's segment (``load`` anchors them in the whole text)."""
    window = Window(document.text, document.encoding)
    delimiter = sniff_delimiter(document, *_named(options))
    rows = ((row, window) for row in records(document, delimiter))
    keys = UniqueKeys(document, "id")
    return [segment for segment, _ in _segments(document, rows, keys, None, **options)]  # type: ignore[arg-type]


def iter_read(
    source: LineFile,
    *,
    anchor: bool = True,
    only_lines: frozenset[int] | None = None,
    unique: bool = True,
    **options: object,
) -> Iterator[Segment]:
    """``read`` and ``load``'s anchoring (``anchor``), a record at a time, for a UTF-8 file
    read from disk a line at a time (formats/stream.py): one record's lines in memory (a
    quoted cell may hold line breaks), and the keys seen. ``only_lines``: only the rows whose
    target starts on one of these lines. ``unique``: check that no two rows share an id (by
    hash: a duplicate fails the pass, and the caller reads the file whole for the message)."""
    from mtcheck.formats import anchored

    delimiter = _streamed_delimiter(source, *_named(options))
    keys = UniqueKeys(source, "id", compact=True) if unique else NO_KEYS  # type: ignore[arg-type]
    rows = _streamed_records(source, delimiter, only_lines)
    for segment, window in _segments(source, rows, keys, only_lines, **options):  # type: ignore[arg-type]
        yield anchored(segment, window, raw_runs, QUOTE) if anchor else segment


def _named(options: dict[str, object]) -> tuple[str, str]:
    """The source and target column names asked for."""
    return str(options.get("source_column") or "source"), str(options.get("target_column") or "target")


def _segments(
    document: Document | LineFile,
    rows: Iterable[tuple[list[Cell], Window]],
    keys: UniqueKeys,
    only_lines: frozenset[int] | None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
    id_column: str | None = None,
    **options: object,
) -> Iterator[tuple[Segment, Window]]:
    """Each body row's segment and the window its cells' offsets are read through: the first
    row that is not blank is the header."""
    name = document.name
    header: list[Cell] | None = None
    for row, window in rows:
        if _blank(row):
            continue
        if header is None:
            header = row
            names = [cell.value for cell in header]
            header_line = window.line_column(header[0].start)[0]
            source_at = _column(document, names, source_column or "source", header_line)
            target_at = _column(document, names, target_column or "target", header_line)
            id_at = _column(document, names, id_column, header_line) if id_column else _find(names, "id")
            system_at = _find(names, "system")
            continue
        line = window.line_column(row[0].start)[0]
        if len(row) != len(header):
            message = f"expected {len(header)} columns (as in the header), found {len(row)}"
            raise InputError(InputProblem(name, message, line))
        source, target = row[source_at], row[target_at]
        if not target.value.strip():
            continue
        unit_id = row[id_at].value if id_at is not None else ""
        key = f"{name}#{unit_id}" if unit_id else f"{name}:{line}"
        keys.add(key, excerpt(unit_id) if unit_id else f"line {line}", line)
        if only_lines is not None and window.line_column(target.text_start)[0] not in only_lines:
            continue
        system = (row[system_at].value.strip() or None) if system_at is not None else None
        yield _segment(name, window, key, source, target, src_lang, tgt_lang, system), window


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


def _record(
    document: Document | _Stretch, position: int, delimiter: str, open_ended: bool = False, base: int = 0
) -> tuple[list[Cell], int]:
    """The record at ``position`` and where the next one starts. ``open_ended``: the text
    may go on (raises ``_StillOpen`` where a quoted cell has no closing quote yet). ``base``:
    the text's offset in the file, added to the cells' offsets."""
    text = document.text
    row: list[Cell] = []
    while True:
        cell = _cell(document, position, delimiter, open_ended, base)
        row.append(cell)
        position = cell.end - base
        if position < len(text) and text[position] == delimiter:
            position += 1
            continue
        break
    return row, position + (2 if text.startswith("\r\n", position) else 1)


def _cell(
    document: Document | _Stretch, position: int, delimiter: str, open_ended: bool = False, base: int = 0
) -> Cell:
    text = document.text
    if not text.startswith('"', position):
        bare = _BARE[delimiter].match(text, position)
        assert bare is not None  # it matches the empty string
        return Cell(position + base, bare.end() + base, bare.group(), False)
    quoted = (_QUOTED_OPEN_ENDED if open_ended else _QUOTED).match(text, position)
    if quoted is None:
        if open_ended:
            raise _StillOpen
        raise input_error(document, "unterminated quoted field: no closing quote", position)
    end = quoted.end()
    if end < len(text) and text[end] not in (delimiter, "\r", "\n"):
        raise input_error(document, "unexpected text after a closing quote (double a quote inside a field)", end)
    return Cell(position + base, end + base, text[position + 1 : end - 1].replace('""', '"'), True)


class _StillOpen(Exception):
    """A quoted cell goes on past the lines read so far."""


@dataclass(frozen=True, slots=True)
class _Stretch:
    """Whole lines of a file read from disk, as ``_record`` reads a document."""

    name: str
    text: str


def _streamed_records(
    source: LineFile, delimiter: str, only_lines: frozenset[int] | None = None
) -> Iterator[tuple[list[Cell], Window]]:
    """Every record of a file read a line at a time, its cells at file offsets, with the
    window of whole lines it lies in (lines are added while a quoted cell is open; a line
    may hold several records where a lone CR ends them). ``only_lines``: after the first
    record, a line that starts a record and holds no quote is left unread unless it is one
    of these (its records start and end on it)."""
    pending: list[str] = []
    base = first_line = resume = 0
    started = False
    for line in source.raw_lines():
        text = line.text
        if not pending:
            if '"' not in text:  # the common row: cells split on the delimiter
                if only_lines is not None and started and line.number not in only_lines:
                    continue
                row = _split_line(text, delimiter, line.start)
                if row is not None:
                    yield row, _OneLine(text, "utf-8", line.start, line.number)
                    started = started or not _blank(row)
                    continue
            base, first_line, resume = line.start, line.number, 0
        elif '"' not in text:  # an open quoted cell cannot close on this line
            pending.append(text)
            _refuse_long(source, pending, first_line)
            continue
        pending.append(text)
        text = "".join(pending) if len(pending) > 1 else text
        stretch = _Stretch(source.name, text)
        window = Window(text, "utf-8", base, first_line)
        position = resume
        try:
            while position < len(text):
                row, position = _record(stretch, position, delimiter, True, base)
                started = started or not _blank(row)
                yield row, window
        except _StillOpen:
            cut = text.rfind("\n", 0, position) + 1  # windows start at a line start
            pending, resume = [text[cut:]], position - cut
            base, first_line = base + cut, first_line + text.count("\n", 0, cut)
            _refuse_long(source, pending, first_line)
            continue
        pending = []
    if pending:
        raise InputError(InputProblem(source.name, "unterminated quoted field: no closing quote", first_line))


def _split_line(text: str, delimiter: str, base: int) -> list[Cell] | None:
    """The record of a line without quotes, as ``_record`` reads it; None for a line that
    holds a CR other than its line end's (it ends a record there)."""
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\r"):
        body = body[:-1]
    if "\r" in body:
        return None
    row = []
    start = base
    for value in body.split(delimiter):
        end = start + len(value)
        row.append(Cell(start, end, value, False))
        start = end + 1
    return row


def _blank(row: list[Cell]) -> bool:
    """A blank line's record: one empty cell, unquoted."""
    return len(row) == 1 and row[0].start == row[0].end


class _OneLine(Window):
    """A window of one line: every offset in it is on that line."""

    def line_column(self, offset: int) -> tuple[int, int]:
        return self.first_line, offset - self.base + 1


def _refuse_long(source: LineFile, pending: list[str], line: int) -> None:
    if sum(map(len, pending)) > MAX_OPEN_CELL:
        raise InputError(InputProblem(source.name, "a quoted field too long to stream", line))


def _streamed_delimiter(source: LineFile, source_column: str, target_column: str) -> str:
    """``sniff_delimiter`` of a file read from disk: the delimiter that splits its first
    record into the source and target columns."""
    for delimiter in DELIMITERS:
        records = _streamed_records(source, delimiter)
        try:
            header = next(records, None)
        except InputError:
            continue
        finally:
            records.close()
        if header is None:
            break
        names = [cell.value for cell in header[0]]
        if _find(names, source_column) is not None and _find(names, target_column) is not None:
            return delimiter
    return ","


def _find(names: list[str], wanted: str) -> int | None:
    if wanted in names:
        return names.index(wanted)
    folded = [index for index, name in enumerate(names) if name.casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None


def _column(document: Document | LineFile, names: list[str], wanted: str, line: int) -> int:
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
    name: str,
    positions: Window,
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
            path=name,
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
