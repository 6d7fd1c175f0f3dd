"""A glossary is a list of concepts; each concept has source terms, approved target terms
(the first one preferred) and forbidden target variants. File formats map onto this."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Entry statuses. Only approved entries are enforced by the term checks; proposed and
#: deprecated ones stay in the file for the terminologist's record.
STATUSES = ("approved", "proposed", "deprecated")
SEVERITIES = ("minor", "major", "critical")


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
    """Entries in file order, with the comments and layout needed to write the file back."""

    entries: list[Entry]
    path: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
