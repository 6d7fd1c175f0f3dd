"""A glossary is a list of concepts; each concept has source terms, approved target terms
(the first one preferred) and forbidden target variants. File formats map onto this."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

#: Entry statuses. Only approved entries are enforced by the term checks; proposed and
#: deprecated ones stay in the file for the terminologist's record.
STATUSES = ("approved", "proposed", "deprecated")
SEVERITIES = ("minor", "major", "critical")
LANG_CODE = regex.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?")


@dataclass(frozen=True, slots=True)
class Entry:
    source: tuple[str, ...]
    target: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    note: str = ""
    id: str = ""
    pos: str = ""
    case_sensitive: bool = False
    status: str = "approved"
    severity: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    #: 1-based line in the file it was read from (0 when built in memory); not compared.
    line: int = field(default=0, compare=False)

    @property
    def preferred(self) -> str:
        return self.target[0] if self.target else ""

    @property
    def enforced(self) -> bool:
        return self.status == "approved"

    @property
    def label(self) -> str:
        """How messages and lint name the entry."""
        return self.id or (self.source[0] if self.source else self.preferred)


@dataclass(slots=True)
class Glossary:
    """A glossary's entries in file order, and its settings for all of them."""

    entries: list[Entry]
    path: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    #: The severity of the findings of entries that set none ("" for the rule's own).
    default_severity: str = ""

    def resolved(self) -> list[Entry]:
        """The entries as the term checks read them: an entry's own severity, else the
        glossary's default (the rule's default applies when both are empty)."""
        return with_default_severity(self.entries, self.default_severity)


def with_default_severity(entries: list[Entry], severity: str) -> list[Entry]:
    if not severity:
        return entries
    return [entry if entry.severity else replace(entry, severity=severity) for entry in entries]


def severity_problem(value: str, what: str = "severity") -> str | None:
    """Why ``value`` cannot be a severity, or None (an empty value means "not set")."""
    if value and value not in SEVERITIES:
        return f"{what} {value!r} is not one of {', '.join(SEVERITIES)}"
    return None


def value_problems(entry: Entry) -> list[tuple[str, str]]:
    """(code, message) for each field value the term checks cannot enforce: a status,
    severity or language code outside its set, a forbidden variant whose core markup is
    malformed. Loading refuses an entry with any (one line naming file and line); ``glossary
    lint`` lists them all."""
    from mtcheck.glossary.variant import markup_error

    problems = []
    if entry.status not in STATUSES:
        problems.append(("status", f"status {entry.status!r} is not one of {', '.join(STATUSES)}"))
    severity = severity_problem(entry.severity)
    if severity:
        problems.append(("severity", severity))
    for column, code in (("src_lang", entry.src_lang), ("tgt_lang", entry.tgt_lang)):
        if code and not LANG_CODE.fullmatch(code):
            problems.append(("language", f"`{column}` {code!r} is not a language code such as zh, en or en-GB"))
    for term in entry.forbidden:
        problem = markup_error(term)
        if problem:
            problems.append(("variant", f"forbidden variant {problem}"))
    return problems
