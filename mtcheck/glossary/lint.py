"""``mtcheck glossary lint``: the problems terminologists make and matchers suffer from.

Each problem names the file, the line and a code, so a CI log points at the row to edit.
Terms are compared the way the matcher compares them (case, inflection and quotes
ignored, a variant's core markup removed), so "approved in one concept, forbidden in
another" catches what would really collide at check time. Values the checks cannot enforce
(status, severity, language codes, variant markup, the ``# default-severity:`` line) are the
loader's own refusals (model.value_problems, tsvfile.setting_problems), and fixlint.py names
variants whose fix would drop or double words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from mtcheck.glossary.fixlint import check_fixes
from mtcheck.glossary.matcher import term_key
from mtcheck.glossary.model import Entry, value_problems
from mtcheck.glossary.tsvfile import MULTI, SEPARATOR, GlossaryFile, setting_problems
from mtcheck.glossary.variant import plain

Report = Callable[[int, str, str], None]


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

    for line, code, message in setting_problems(document):
        report(line, code, message)
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
        if term_key(plain(term)) in approved:
            report(line, "approved-and-forbidden", f"“{term}” is both approved and forbidden")
    variants = tuple(plain(term) for term in entry.forbidden)
    for column, terms in (("source", entry.source), ("target", entry.target), ("forbidden", variants)):
        keys = [term_key(term) for term in terms]
        if len(set(keys)) != len(keys):
            report(line, "duplicate-term", f"`{column}` lists the same term twice")
    for code, message in value_problems(entry):
        report(line, code, message)
    if entry.enforced:
        check_fixes(entry, report)


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
            for other in approved_in.get(term_key(plain(term)), []):
                if other is not entry:
                    report(
                        entry.line,
                        "forbidden-elsewhere-approved",
                        f"“{term}” is forbidden here but approved on line {other.line}",
                    )
