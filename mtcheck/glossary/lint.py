"""``mtcheck glossary lint``: the problems terminologists make and matchers suffer from.

Each problem names the file, the line and a code, so a CI log points at the row to edit.
Terms are compared the way the matcher compares them (case, inflection and quotes
ignored), so "approved in one concept, forbidden in another" catches what would really
collide at check time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import regex

from mtcheck.glossary.matcher import term_key
from mtcheck.glossary.model import SEVERITIES, STATUSES, Entry
from mtcheck.glossary.tsvfile import MULTI, SEPARATOR, GlossaryFile

Report = Callable[[int, str, str], None]
LANG_CODE = regex.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?")


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.code}]"


def lint(document: GlossaryFile) -> list[Problem]:
    problems: list[Problem] = []
    path = document.path

    def report(line: int, code: str, message: str) -> None:
        problems.append(Problem(path, line, code, message))

    for row in document.rows:
        if row.entry is not None and row.raw is not None:
            _check_cells(row.entry, row.raw, document.header, report)
    entries = document.entries
    for entry in entries:
        _check_entry(entry, report)
    _check_across(entries, report)
    return sorted(problems, key=lambda p: (p.line, p.code, p.message))


def _check_cells(entry: Entry, raw: str, header: list[str], report: Report) -> None:
    for column, cell in zip(header, raw.split("\t"), strict=False):
        if cell != cell.strip():
            report(entry.line, "padded", f"`{column}` has leading or trailing whitespace: {cell!r}")
        if column in MULTI and cell.strip():
            parts = cell.split(SEPARATOR)
            if any(not part.strip() for part in parts):
                report(entry.line, "empty-term", f"`{column}` has an empty term between `{SEPARATOR}` separators")


def _check_entry(entry: Entry, report: Report) -> None:
    line = entry.line
    if not entry.source:
        report(line, "empty", "no source term")
    if not entry.target and entry.enforced:
        report(line, "empty", "no approved target term")
    approved = {term_key(term): term for term in entry.target}
    for term in entry.forbidden:
        if term_key(term) in approved:
            report(line, "approved-and-forbidden", f"“{term}” is both approved and forbidden")
    for column, terms in (("source", entry.source), ("target", entry.target), ("forbidden", entry.forbidden)):
        keys = [term_key(term) for term in terms]
        if len(set(keys)) != len(keys):
            report(line, "duplicate-term", f"`{column}` lists the same term twice")
    for column, code in (("src_lang", entry.src_lang), ("tgt_lang", entry.tgt_lang)):
        if code and not LANG_CODE.fullmatch(code):
            report(line, "language", f"`{column}` {code!r} is not a language code such as zh, en or en-GB")
    if entry.status not in STATUSES:
        report(line, "status", f"status {entry.status!r} is not one of {', '.join(STATUSES)}")
    if entry.severity and entry.severity not in SEVERITIES:
        report(line, "severity", f"severity {entry.severity!r} is not one of {', '.join(SEVERITIES)}")


def _check_across(entries: list[Entry], report: Report) -> None:
    ids: dict[str, Entry] = {}
    sources: dict[str, Entry] = {}
    approved_in: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.id:
            if entry.id in ids:
                report(entry.line, "duplicate-id", f"id {entry.id!r} is also used on line {ids[entry.id].line}")
            else:
                ids[entry.id] = entry
        for term in entry.source:
            key = (entry.src_lang, term_key(term))
            other = sources.get(str(key))
            if other is not None:
                report(entry.line, "duplicate-concept", f"source term “{term}” is also an entry on line {other.line}")
            else:
                sources[str(key)] = entry
        for term in entry.target:
            approved_in[term_key(term)].append(entry)
    for entry in entries:
        for term in entry.forbidden:
            for other in approved_in.get(term_key(term), []):
                if other is not entry:
                    report(
                        entry.line,
                        "forbidden-elsewhere-approved",
                        f"“{term}” is forbidden here but approved on line {other.line}",
                    )
