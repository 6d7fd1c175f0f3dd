"""Glossaries as CSV (RFC 4180), for spreadsheets that mangle tab-separated text.

The columns and cells mean what they mean in the TSV file (``tsvfile.COLUMNS``; several
terms in one cell separated by `` | ``), and a header row is required. Like the TSV file, a
cell holds one line: tabs and line breaks in a cell are read, and written, as spaces, so a
note typed with Alt+Enter in Excel does not break the one-row-per-concept layout. Files are
UTF-8; a byte order mark is accepted, and written, because Excel needs it to open CJK text.
Cells are written as they are: a cell starting with ``=``, ``+``, ``-`` or ``@`` would be a
formula to a spreadsheet, but changing it would change the term.
"""

from __future__ import annotations

from pathlib import Path

from mtcheck.atomic import write_atomic
from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import COLUMNS, DEFAULT_HEADER, GlossaryError, check_header, format_row, parse_row

BOM = b"\xef\xbb\xbf"


def read_csv(path: str | Path) -> list[Entry]:
    """Entries in file order; ``Entry.line`` is the line where the entry's row starts."""
    import csv
    import io

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{name}: {exc.strerror or exc}") from None
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"{name}:{line}: not valid UTF-8") from None

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    entries = []
    start = 1
    try:
        for row in reader:
            number, start = start, reader.line_num + 1
            cells = [cell.replace("\r", " ").replace("\n", " ").replace("\t", " ") for cell in row]
            if not any(cell.strip() for cell in cells):
                continue
            if not header:
                header = _header(name, number, cells)
                continue
            while len(cells) > len(header) and not cells[-1].strip():
                cells.pop()  # spreadsheets pad rows to the widest one
            entries.append(parse_row(name, number, "\t".join(cells), header))
    except csv.Error as exc:
        raise GlossaryError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from None
    return entries


def _header(name: str, number: int, cells: list[str]) -> list[str]:
    """The checks (and messages) of the TSV header."""
    header = [cell.strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    return check_header(name, number, header)


def write_csv(entries: list[Entry], path: str | Path) -> None:
    """Write atomically: a failed export leaves the old file intact."""
    write_atomic(path, render_csv(entries))


def render_csv(entries: list[Entry]) -> bytes:
    """The default TSV columns, plus the optional ones some entry needs; CRLF line ends."""
    import csv
    import io

    rows = [
        dict(zip(COLUMNS, format_row(entry, list(COLUMNS)).replace("\r", " ").split("\t"), strict=True))
        for entry in entries
    ]
    header = [*DEFAULT_HEADER, *(c for c in COLUMNS if c not in DEFAULT_HEADER and any(row[c] for row in rows))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row[column] for column in header] for row in rows)
    return BOM + out.getvalue().encode("utf-8")
