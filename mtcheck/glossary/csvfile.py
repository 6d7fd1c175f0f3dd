"""Glossaries as CSV (RFC 4180), for spreadsheets that mangle tab-separated text.

The columns and cells mean what they mean in the TSV file (``tsvfile.COLUMNS``; several
terms in one cell separated by `` | ``), and a header row is required. The usual exports'
headers are understood too — ``Source,Target``, memoQ's language codes ``zh-CN,en-US``,
``term_zh,term_en``, ``Comment`` for the note — and ``--columns`` names any other
(``map_header``). Like the TSV file, a
cell holds one line: tabs and line breaks in a cell are read, and written, as spaces, so a
note typed with Alt+Enter in Excel does not break the one-row-per-concept layout. Files are
UTF-8; a byte order mark is accepted, and written, because Excel needs it to open CJK text.
Cells are written as they are: a cell starting with ``=``, ``+``, ``-`` or ``@`` would be a
formula to a spreadsheet, but changing it would change the term.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from mtcheck.atomic import write_atomic
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import (
    COLUMNS,
    DEFAULT_HEADER,
    REQUIRED_COLUMNS,
    GlossaryError,
    check_header,
    format_row,
    parse_row,
)

BOM = b"\xef\xbb\xbf"


def read_csv(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> list[Entry]:
    """Entries in file order; ``Entry.line`` is the line where the entry's row starts."""
    return read_csv_mapped(path, columns=columns, src_lang=src_lang, tgt_lang=tgt_lang)[0]


def read_csv_mapped(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> tuple[list[Entry], ColumnMap]:
    """The entries, and which header cell was taken for which field (see ``map_header``)."""
    import csv
    import io

    name = str(path)
    try:
        data = read_regular(path)
    except FileProblem as exc:
        raise GlossaryError(f"{name}: {exc}") from None
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"{name}:{line}: not valid UTF-8") from None

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    mapping: ColumnMap | None = None
    entries = []
    start = 1
    try:
        for row in reader:
            number, start = start, reader.line_num + 1
            cells = [cell.replace("\r", " ").replace("\n", " ").replace("\t", " ") for cell in row]
            if not any(cell.strip() for cell in cells):
                continue
            if mapping is None:
                mapping = map_header(name, number, cells, columns or {}, src_lang, tgt_lang)
                continue
            header = mapping.header
            while len(cells) > len(header) and not cells[-1].strip():
                cells.pop()  # spreadsheets pad rows to the widest one
            entries.append(parse_row(name, number, "\t".join(cells), header))
    except csv.Error as exc:
        raise GlossaryError(f"{name}:{reader.line_num}: not valid CSV ({exc})") from None
    if mapping is None and columns:
        raise GlossaryError(f"{name}: no header row to map --columns onto")
    return entries, mapping or ColumnMap([], [], [])


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """``header``: the field each column is read as ("" for an ignored column); ``taken``:
    (header cell, field) where the cell is not the field's own name; ``ignored``: cells."""

    header: list[str]
    taken: list[tuple[str, str]]
    ignored: list[str]

    def describe(self) -> str:
        """“zh-CN” → source, “en-US” → target; ignored: zh-CN_Def (for ``glossary import``)."""
        parts = [", ".join(f"“{cell}” → {field}" for cell, field in self.taken)] if self.taken else []
        if self.ignored:
            parts.append("ignored: " + ", ".join(f"“{cell}”" for cell in self.ignored))
        return "; ".join(parts)


#: Header names of the usual exports (spreadsheets, memoQ, Trados, Phrase, Crowdin), by
#: field; compared lower-cased, with spaces, hyphens and underscores removed.
ALIASES = {
    "id": "id entryid termid conceptid entry",
    "source": "source src term terms sourceterm termsource sourcetext sourcelanguage",
    "target": "target tgt targetterm termtarget translation targettext targetlanguage",
    "forbidden": "forbidden forbiddenterm forbiddenterms donotuse deprecated deprecatedterm prohibited notallowed",
    "note": "note notes comment comments remark remarks entrynote",
    "pos": "pos partofspeech",
    "case": "case casesensitive matchcase",
    "status": "status termstatus",
    "severity": "severity",
    "src_lang": "srclang sourcelang",
    "tgt_lang": "tgtlang targetlang",
}
_ALIAS = {alias: field for field, aliases in ALIASES.items() for alias in aliases.split()}
#: Columns of the usual exports that mtcheck has no field for: read past, and reported.
IGNORED = frozenset("definition definitions example examples context domain subject project client url image".split())
#: Language names some sheets use for their term columns.
_LANGUAGE_NAMES = {
    "english": "en", "chinese": "zh", "german": "de", "french": "fr", "spanish": "es", "japanese": "ja",
    "korean": "ko", "russian": "ru", "italian": "it", "portuguese": "pt", "arabic": "ar", "dutch": "nl",
}  # fmt: skip
_CODE = r"([a-z]{2,3}(?:[-_][a-z]{2,4})?)"
_LANGUAGE_COLUMN = regex.compile(rf"(?i)(?:terms?[ _-]?)?{_CODE}(?:[ _-]?terms?)?|terms?[ _-]?\({_CODE}\)")
#: A language-coded column of another kind ("zh-CN_Def", "en-US_Example"): ignored.
_LANGUAGE_EXTRA = regex.compile(r"(?i)[a-z]{2,3}(?:[-_][a-z]{2,4})?[ _-].+")


def _key(cell: str) -> str:
    return regex.sub(r"[\s_-]+", "", cell.lower())


def _language_of(cell: str) -> str | None:
    """The language a term column holds: "zh-CN", "en_US", "term_zh", "zh_term", "Term (en)",
    "English"; None for other cells."""
    named = _LANGUAGE_NAMES.get(cell.strip().lower())
    if named:
        return named
    match = _LANGUAGE_COLUMN.fullmatch(cell.strip())
    if match is None:
        return None
    code = (match.group(1) or match.group(2)).replace("_", "-")
    base, _, region = code.partition("-")
    if base.lower() in _ALIAS or base.lower() in ("term", "terms"):
        return None
    return base.lower() + ("-" + (region.upper() if len(region) == 2 else region.title()) if region else "")


def _same_language(code: str, wanted: str) -> bool:
    return code.lower() == wanted.lower() or code.split("-")[0].lower() == wanted.split("-")[0].lower()


def map_header(
    name: str, line: int, cells: list[str], columns: dict[str, str], src_lang: str | None, tgt_lang: str | None
) -> ColumnMap:
    """Which field each header cell is. In order: ``columns`` (field → header cell, from
    ``--columns``); mtcheck's own names; the usual exports' names (``ALIASES``); language
    codes (``zh-CN``, ``term_en``): the columns in ``src_lang`` and ``tgt_lang``, or, without
    them, the first two language columns as source and target. A header of mtcheck's own
    names gets the TSV header's checks and messages."""
    header = [cell.strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    if not columns and all(cell in COLUMNS for cell in header):
        return ColumnMap(check_header(name, line, header), [], [])
    fields = [""] * len(header)
    taken: list[tuple[str, str]] = []
    for field, cell in columns.items():
        if field not in COLUMNS:
            raise GlossaryError(f"{name}: --columns: unknown field {field!r}; fields: {', '.join(COLUMNS)}")
        matches = [i for i, text in enumerate(header) if text == cell] or [
            i for i, text in enumerate(header) if text.lower() == cell.lower()
        ]
        if not matches:
            raise GlossaryError(f"{name}:{line}: --columns: no column {cell!r}; the header has {', '.join(header)}")
        fields[matches[0]] = field
        taken.append((header[matches[0]], field))
    languages: list[tuple[int, str]] = []
    unknown: list[str] = []
    ignored: list[str] = []
    for index, cell in enumerate(header):
        if fields[index] or not cell:
            continue
        field = cell if cell in COLUMNS else _ALIAS.get(_key(cell))
        if field is not None and field not in fields:
            fields[index] = field
            if field != cell:
                taken.append((cell, field))
            continue
        language = _language_of(cell)
        if language is not None:
            languages.append((index, language))
        elif _key(cell) in IGNORED or (
            _LANGUAGE_EXTRA.fullmatch(cell) and _language_of(regex.split(r"[ _-]", cell, maxsplit=1)[0])
        ):
            ignored.append(cell)
        else:
            unknown.append(cell)
    if unknown:
        raise GlossaryError(
            f"{name}:{line}: unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)} "
            "(or name them with --columns, e.g. source=Term,target=Translation)"
        )
    _assign_languages(name, line, header, fields, taken, ignored, languages, src_lang, tgt_lang)
    missing = [field for field in REQUIRED_COLUMNS if field not in fields]
    if missing:
        raise GlossaryError(f"{name}:{line}: the header needs column(s) {', '.join(missing)}")
    order = {cell: index for index, cell in enumerate(header)}
    taken.sort(key=lambda pair: order.get(pair[0], 0))
    ignored.sort(key=lambda cell: order.get(cell, 0))
    return ColumnMap(fields, taken, ignored)


def _assign_languages(
    name: str,
    line: int,
    header: list[str],
    fields: list[str],
    taken: list[tuple[str, str]],
    ignored: list[str],
    languages: list[tuple[int, str]],
    src_lang: str | None,
    tgt_lang: str | None,
) -> None:
    """Source and target from the language-coded columns (see ``map_header``)."""
    if not languages:
        return
    wanted = [("source", src_lang), ("target", tgt_lang)]
    free = [(index, code) for index, code in languages]
    for field, lang in wanted:
        if field in fields or lang is None:
            continue
        chosen = [(index, code) for index, code in free if _same_language(code, lang)]
        if not chosen:
            listed = ", ".join(header[index] for index, _ in languages)
            raise GlossaryError(f"{name}:{line}: no column in the {field} language {lang}; language columns: {listed}")
        fields[chosen[0][0]] = field
        taken.append((header[chosen[0][0]], field))
        free.remove(chosen[0])
    for field, _ in wanted:
        if field in fields:
            continue
        if len(free) > 1 and len(languages) > 2:
            listed = ", ".join(header[index] for index, _ in languages)
            raise GlossaryError(
                f"{name}:{line}: several language columns ({listed}); name them with --src-lang and --tgt-lang"
            )
        if free:
            index, _ = free.pop(0)
            fields[index] = field
            taken.append((header[index], field))
    ignored.extend(header[index] for index, _ in free)


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
