"""Forbidden variants whose term core is marked, so a fix replaces the term and only the term.

A forbidden variant often needs context words to match safely — "Longjiang" alone is a
place name, "Longjiang contributions" is the calque of 龙江 in 贡献龙江力量 — but the fix must
not delete them. A terminologist marks the part of the variant that is the term in
square brackets; the rest is context, required for the match and kept by the fix:

    [Longjiang] contributions                        → Heilongjiang contributions
    national security work [pattern]                 → national security work framework
    Commission for [Disciplinary => Discipline] Inspection
    [community of common destiny => community with a shared future]

``=>`` inside the brackets gives the core's own replacement; without it the core is
replaced by the entry's preferred term; ``[core =>]`` (nothing after the arrow) flags the
variant and offers no fix, for a term no replacement fits mechanically (a noun phrase
where the approved term is a verb phrase). A variant without brackets is all core.
Matching uses the variant with the markup removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

ARROW = "=>"


@dataclass(frozen=True, slots=True)
class Variant:
    """A forbidden variant: ``text`` is what is matched, ``text[core_start:core_end]`` is
    the term core, ``replacement`` its own replacement (None: the entry's preferred term;
    "": no automatic fix)."""

    text: str
    core_start: int
    core_end: int
    replacement: str | None = None
    marked: bool = False

    @property
    def core(self) -> str:
        return self.text[self.core_start : self.core_end]

    @property
    def left(self) -> str:
        """Context words before the core."""
        return self.text[: self.core_start]

    @property
    def right(self) -> str:
        """Context words after the core."""
        return self.text[self.core_end :]

    def rendered(self, preferred: str) -> str:
        """The variant as it should read: its context around the core's replacement (the
        preferred term alone when the glossary asks for no automatic fix)."""
        if self.replacement == "":
            return preferred
        return self.left + (self.replacement or preferred) + self.right


def markup_error(raw: str) -> str:
    """Why ``raw`` is not a well-formed variant ("" when it is)."""
    opens, closes = raw.count("["), raw.count("]")
    if opens == closes == 0:
        return "" if ARROW not in raw else f"“{raw}”: {ARROW} belongs inside the [core] it replaces"
    if opens != 1 or closes != 1 or raw.index("[") > raw.index("]"):
        return f"“{raw}”: mark one term core as [core] or [core {ARROW} replacement]"
    inside = raw[raw.index("[") + 1 : raw.index("]")]
    core = inside.partition(ARROW)[0]
    if not core.strip():
        return f"“{raw}”: the [core] is empty"
    if ARROW in raw.replace(inside, "", 1):
        return f"“{raw}”: {ARROW} belongs inside the [core] it replaces"
    return ""


@lru_cache(maxsize=65536)
def parse_variant(raw: str) -> Variant:
    """The variant ``raw`` describes; raises ValueError (the message of ``markup_error``)."""
    problem = markup_error(raw)
    if problem:
        raise ValueError(problem)
    if "[" not in raw:
        return Variant(raw, 0, len(raw))
    before, rest = raw.split("[", 1)
    inside, after = rest.split("]", 1)
    core, arrow, replacement = inside.partition(ARROW)
    core = core.strip()
    start = len(before)
    return Variant(before + core + after, start, start + len(core), replacement.strip() if arrow else None, True)


def plain(raw: str) -> str:
    """The variant as matched (markup removed); a malformed one is taken as it stands."""
    try:
        return parse_variant(raw).text
    except ValueError:
        return raw
