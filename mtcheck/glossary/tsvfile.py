"""The glossary file: tab-separated, one concept per row, edited in git or a spreadsheet.

    # comments start with '#', anywhere; blank lines are kept
    id<TAB>source<TAB>target<TAB>forbidden<TAB>note<TAB>...     (a header naming the columns)
    nsc-01<TAB>总体国家安全观<TAB>holistic approach to national security | holistic view
        of national security<TAB>overall national security concept<TAB>Xinhua, 2017 on
Columns may come in any order; ``source`` and ``target`` are required. Several terms in one
cell are separated by ``|``. Rows that a command does not change are written back byte for
byte, so a glossary's diff shows only what changed.

A comment line above the header may set the severity of every entry whose ``severity`` cell
is empty: ``# default-severity: minor``. It is a comment so that other tools read the file
as before, and it stays where the terminologist put it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mtcheck.atomic import write_atomic
from mtcheck.display import excerpt, quoted
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.glossary.errors import GlossaryError
from mtcheck.glossary.model import SEVERITIES, Entry, severity_problem

COLUMNS = ("id", "source", "target", "forbidden", "note", "pos", "case", "status", "severity", "src_lang", "tgt_lang")
REQUIRED_COLUMNS = ("source", "target")
DEFAULT_HEADER = ("id", "source", "target", "forbidden", "note")
MULTI = ("source", "target", "forbidden")
SEPARATOR = "|"
TRUE_WORDS = {"yes", "true", "1", "y"}
FALSE_WORDS = {"no", "false", "0", "n", ""}
DEFAULT_SEVERITY = "default-severity"
_SETTING = re.compile(rf"#\s*{DEFAULT_SEVERITY}\s*:\s*(.*?)\s*", re.IGNORECASE)


@dataclass(slots=True)
class Row:
    """One line of the file: an entry (with the text it was read from) or a comment/blank."""

    entry: Entry | None
    raw: str | None


@dataclass(slots=True)
class GlossaryFile:
    path: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    header_row: int = 0  # index in ``rows`` before which the header line is written
    newline: str = "\n"
    bom: bool = False

    @property
    def entries(self) -> list[Entry]:
        return [row.entry for row in self.rows if row.entry is not None]

    def append(self, entry: Entry) -> None:
        self.rows.append(Row(entry, None))

    def settings(self) -> list[Setting]:
        """Every ``# default-severity: …`` line, where it stands (read from the rows, so
        commands that add or move rows never leave it stale)."""
        found = []
        for index, row in enumerate(self.rows):
            match = _SETTING.fullmatch(row.raw.strip()) if row.entry is None and row.raw is not None else None
            if match:
                line = index + 1 + (index >= self.header_row)  # the header line sits before rows[header_row]
                found.append(Setting(line, match.group(1), index < self.header_row))
        return found

    @property
    def default_severity(self) -> str:
        """The severity of entries that set none ("": the rule's own)."""
        return next((setting.value for setting in self.settings() if setting.above_header), "")


@dataclass(frozen=True, slots=True)
class Setting:
    line: int
    value: str
    above_header: bool


def setting_problems(document: GlossaryFile) -> list[tuple[int, str, str]]:
    """(line, code, message) for a ``# default-severity:`` line the checks cannot apply: a
    value that is not a severity, one below the header, one given twice. Loading refuses
    them, as it refuses a bad cell; ``glossary lint`` lists them."""
    problems = []
    first = 0
    for setting in document.settings():
        if not setting.above_header:
            message = f"`# {DEFAULT_SEVERITY}:` below the header line is not read; move it above the header"
            problems.append((setting.line, "setting", message))
        elif first:
            problems.append((setting.line, "setting", f"`# {DEFAULT_SEVERITY}:` is also set on line {first}"))
        else:
            first = setting.line
            problem = severity_problem(setting.value, DEFAULT_SEVERITY) or (
                "" if setting.value else f"`# {DEFAULT_SEVERITY}:` needs a value: {', '.join(SEVERITIES)}"
            )
            if problem:
                problems.append((setting.line, "severity", problem))
    return problems


def split_terms(cell: str) -> tuple[str, ...]:
    if SEPARATOR not in cell:  # the common case, and this runs for every cell of every row
        term = cell.strip()
        return (term,) if term else ()
    return tuple(term.strip() for term in cell.split(SEPARATOR) if term.strip())


def join_terms(terms: tuple[str, ...]) -> str:
    return f" {SEPARATOR} ".join(terms)


def cell(entry: Entry, column: str) -> str:
    if column in MULTI:
        return join_terms(getattr(entry, column))
    if column == "case":
        return "yes" if entry.case_sensitive else ""
    if column == "status":
        return "" if entry.status == "approved" else entry.status
    return getattr(entry, column)


def format_row(entry: Entry, header: list[str]) -> str:
    return "\t".join(cell(entry, column).replace("\t", " ").replace("\n", " ") for column in header)


def parse_row(path: str, line_number: int, line: str, header: list[str]) -> Entry:
    cells = line.split("\t")
    if len(cells) > len(header):
        raise GlossaryError(f"{path}:{line_number}: {len(cells)} columns but the header names {len(header)}")
    if len(cells) < len(header):
        cells += [""] * (len(header) - len(cells))  # spreadsheets drop empty trailing cells
    values = dict(zip(header, cells))  # noqa: B905 - lengths made equal above
    case = values.get("case", "").strip().lower()
    if case not in TRUE_WORDS | FALSE_WORDS:
        raise GlossaryError(f"{path}:{line_number}: `case` must be yes or no, not {quoted(values['case'])}")
    return Entry(
        source=split_terms(values["source"]),
        target=split_terms(values["target"]),
        forbidden=split_terms(values.get("forbidden", "")),
        note=values.get("note", ""),
        id=values.get("id", ""),
        pos=values.get("pos", ""),
        case_sensitive=case in TRUE_WORDS,
        status=values.get("status", "").strip() or "approved",
        severity=values.get("severity", "").strip(),
        src_lang=values.get("src_lang", "").strip(),
        tgt_lang=values.get("tgt_lang", "").strip(),
        line=line_number,
    )


def check_header(path: str, line: int, header: list[str]) -> list[str]:
    """Known columns, the required ones, none twice (shared by the TSV and CSV readers)."""
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        shown = excerpt(", ".join(unknown))  # a short excerpt: the file may not be a glossary at all
        raise GlossaryError(f"{path}:{line}: unknown column(s) {shown}; known: {', '.join(COLUMNS)}")
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise GlossaryError(f"{path}:{line}: the header needs column(s) {', '.join(missing)}")
    if len(set(header)) != len(header):
        raise GlossaryError(f"{path}:{line}: a column is named twice in the header")
    return header


def read_glossary_file(path: str | Path) -> GlossaryFile:
    name = str(path)
    try:
        data = read_regular(path)
    except FileProblem as exc:
        raise GlossaryError(f"{name}: {exc}") from None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"{name}:{line}: not valid UTF-8") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]

    document = GlossaryFile(path=name, header=[], newline=newline, bom=bom)
    for number, line in enumerate(lines, start=1):
        if not document.header:
            if not line.strip() or line.lstrip().startswith("#"):
                document.rows.append(Row(None, line))
                continue
            document.header = check_header(name, number, [column.strip() for column in line.split("\t")])
            document.header_row = len(document.rows)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            document.rows.append(Row(None, line))
            continue
        document.rows.append(Row(parse_row(name, number, line, document.header), line))
    if not document.header:
        document.header = list(DEFAULT_HEADER)
        document.header_row = len(document.rows)
    return document


def render(document: GlossaryFile) -> bytes:
    lines = []
    for index, row in enumerate(document.rows):
        if index == document.header_row:
            lines.append("\t".join(document.header))
        if row.raw is not None:
            lines.append(row.raw)
        else:
            assert row.entry is not None
            lines.append(format_row(row.entry, document.header))
    if document.header_row >= len(document.rows):
        lines.append("\t".join(document.header))
    text = document.newline.join(lines) + document.newline
    return (b"\xef\xbb\xbf" if document.bom else b"") + text.encode("utf-8")


def write_glossary_file(document: GlossaryFile, path: str | Path | None = None) -> None:
    write_atomic(path or document.path, render(document))


def widen_header(document: GlossaryFile, entry: Entry) -> None:
    """Add the optional columns an entry needs, at the end of the header. Existing rows
    stay as they are: a row with fewer cells than the header reads its missing cells as
    empty."""
    document.header.extend(column for column in COLUMNS if column not in document.header and cell(entry, column))
