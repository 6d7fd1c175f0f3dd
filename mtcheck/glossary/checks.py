"""The term checks: rules generated from glossaries, not written by hand.

- ``term.forbidden``: a forbidden variant in the target; the fix puts the approved term in.
- ``term.missing``: the source has a glossary term and the target none of its approved
  renderings (nor a forbidden one, which ``term.forbidden`` reports already).
- ``term.inconsistent``: across the batch, one source term rendered with different
  approved variants; reported once the batch is done, on the less frequent variants.

All three read one analysis per segment (``GlossaryMatcher.analyse``), computed once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex

from mtcheck.glossary.matcher import Match, TermIndex, tokens
from mtcheck.glossary.model import Entry
from mtcheck.model import Edit, Fix, Safety, Segment, Severity, Side
from mtcheck.rule import Example, Hit, RuleInfo

TERMINOLOGY = "terminology/inappropriate"

#: The glossary the term rules' own examples run against (`mtcheck rules explain term.…`).
EXAMPLE_ENTRIES = (
    Entry(
        source=("总体国家安全观",),
        target=("holistic approach to national security", "holistic view of national security"),
        forbidden=("overall national security concept",),
        note="Xinhua since 2017",
    ),
)


@dataclass(frozen=True, slots=True)
class TermHit:
    entry: int  # index into the matcher's entries
    kind: str  # "target" (approved) or "forbidden"
    variant: int  # index into the entry's target or forbidden terms
    start: int
    end: int


@dataclass(slots=True)
class Analysis:
    segment: Segment
    target: list[TermHit]
    source: list[TermHit]


class GlossaryMatcher:
    """All enforced entries of the loaded glossaries, compiled once."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = [entry for entry in entries if entry.enforced]
        self.target_index = TermIndex(
            (term, (index, kind, variant))
            for index, entry in enumerate(self.entries)
            for kind, terms in (("target", entry.target), ("forbidden", entry.forbidden))
            for variant, term in enumerate(terms)
        )
        self.source_index = TermIndex(
            (term, (index, "source", variant))
            for index, entry in enumerate(self.entries)
            for variant, term in enumerate(entry.source)
        )
        self._last: Analysis | None = None

    def analyse(self, segment: Segment) -> Analysis:
        """The term hits of one segment; the three term rules share it."""
        if self._last is not None and self._last.segment is segment:
            return self._last
        target = self._hits(self.target_index.find(segment.target), segment.target)
        source = self._hits(self.source_index.find(segment.source), segment.source) if segment.source else []
        self._last = Analysis(segment, target, source)
        return self._last

    def _hits(self, matches: list[Match], text: str) -> list[TermHit]:
        hits = []
        for match in matches:
            index, kind, variant = match.payload  # type: ignore[misc]
            entry = self.entries[index]
            if entry.case_sensitive:
                terms = entry.source if kind == "source" else entry.target if kind == "target" else entry.forbidden
                if not _same_case(terms[variant], text[match.start : match.end]):
                    continue
            hits.append(TermHit(index, kind, variant, match.start, match.end))
        return hits


def _same_case(term: str, found: str) -> bool:
    """Case-sensitive entries: each word starts with the same case, acronyms stay upper."""
    for expected, actual in zip(tokens(term), tokens(found), strict=False):
        if expected[:1].isupper() != actual[:1].isupper():
            return False
        if len(expected) > 1 and expected.isupper() and not actual.isupper():
            return False
    return True


def _severity(entry: Entry, default: Severity) -> Severity:
    return Severity(entry.severity) if entry.severity else default


_ARTICLE_BEFORE = regex.compile(r"\b(an?|An?)\s+$")


def _article_for(phrase: str) -> str:
    """'a' or 'an' by the first letter: close enough for glossary terms."""
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _quoted(text: str) -> str:
    return text if text[:1] in "“\"'‘" else f"“{text}”"


def _with_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


@dataclass
class ForbiddenTerm:
    matcher: GlossaryMatcher
    literals: None = None
    info: RuleInfo = field(
        default_factory=lambda: RuleInfo(
            id="term.forbidden",
            category=TERMINOLOGY,
            severity=Severity.MAJOR,
            summary="A forbidden rendering of a glossary term in the target",
            why="The glossary lists renderings that are wrong for a concept (“overall national "
            "security concept” for 总体国家安全观); they are flagged whether or not a source is "
            "given. The fix puts in the preferred term: safe when the source has the term and "
            "the variant stands uninflected, a suggestion otherwise.",
            bad=(
                Example(
                    "they follow the overall national security concept",
                    fix="they follow the holistic approach to national security",
                ),
                Example(
                    "the Overall National Security Concepts",
                    source="总体国家安全观",
                    fix="the Holistic approach to national security",
                ),
            ),
            good=(Example("firmly follow the holistic approach to national security"),),
            origin="glossary",
        )
    )

    def hits(self, segment: Segment) -> Iterator[Hit]:
        analysis = self.matcher.analyse(segment)
        in_source = {hit.entry for hit in analysis.source}
        for hit in analysis.target:
            if hit.kind != "forbidden":
                continue
            entry = self.matcher.entries[hit.entry]
            start, end = hit.start, hit.end
            found = segment.target[start:end]
            concept = entry.source[0] if entry.source else entry.label
            message = f"{_quoted(found)} is a forbidden rendering of {concept}"
            fix = None
            if entry.preferred:
                message += f"; use {_quoted(entry.preferred)}"
                replacement = _with_case(found, entry.preferred)
                article = _ARTICLE_BEFORE.search(segment.target, 0, start)
                if article and _article_for(replacement) != article.group(1).lower():
                    # "an overall … concept" → "a holistic approach …": the article goes too
                    start = article.start()
                    replacement = _with_case(article.group(1), _article_for(replacement)) + " " + replacement
                exact = tokens(found.lower()) == tokens(entry.forbidden[hit.variant].lower())
                safety = Safety.SAFE if hit.entry in in_source and exact else Safety.SUGGESTION
                fix = Fix((Edit(start, end, replacement),), safety, f"Replace with “{replacement}”")
            yield Hit(start, end, message, fix, severity=_severity(entry, self.info.severity))

    def for_examples(self) -> ForbiddenTerm:
        return ForbiddenTerm(GlossaryMatcher(EXAMPLE_ENTRIES))


@dataclass
class MissingTerm:
    matcher: GlossaryMatcher
    literals: None = None
    info: RuleInfo = field(
        default_factory=lambda: RuleInfo(
            id="term.missing",
            category=TERMINOLOGY,
            severity=Severity.MAJOR,
            summary="A glossary term in the source without an approved rendering in the target",
            why="Clients audit terminology first: when the source uses a glossary term, the "
            "target must use one of its approved renderings.",
            bad=(Example("firmly establish an overall security outlook", source="牢固树立总体国家安全观"),),
            good=(
                Example("firmly follow the holistic approach to national security", source="牢固树立总体国家安全观"),
                Example("firmly follow the holistic approaches to national security", source="牢固树立总体国家安全观"),
            ),
            origin="glossary",
            needs_source=True,
        )
    )

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.source:
            return
        analysis = self.matcher.analyse(segment)
        rendered = {hit.entry for hit in analysis.target}  # approved, or forbidden (reported there)
        reported: set[int] = set()
        for hit in analysis.source:
            if hit.entry in rendered or hit.entry in reported:
                continue
            reported.add(hit.entry)
            entry = self.matcher.entries[hit.entry]
            term = segment.source[hit.start : hit.end]
            wanted = " or ".join(f"“{t}”" for t in entry.target[:3]) or "an approved term"
            message = f"{term} is not rendered as {wanted}"
            yield Hit(hit.start, hit.end, message, None, Side.SOURCE, _severity(entry, self.info.severity))

    def for_examples(self) -> MissingTerm:
        return MissingTerm(GlossaryMatcher(EXAMPLE_ENTRIES))


@dataclass
class InconsistentTerm:
    """Remembers which approved variant each source term got, and reports the minority."""

    matcher: GlossaryMatcher
    literals: None = None
    uses: dict[int, dict[int, list[tuple[Segment, int, int]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    info: RuleInfo = field(
        default_factory=lambda: RuleInfo(
            id="term.inconsistent",
            category="terminology/inconsistent",
            severity=Severity.MINOR,
            summary="One source term rendered with different approved variants across the batch",
            why="Approved variants are all correct, but a document should use one of them "
            "throughout; the less frequent ones are flagged.",
            bad=(),
            good=(),
            origin="glossary",
            needs_source=True,
        )
    )

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.source:
            return iter(())
        analysis = self.matcher.analyse(segment)
        in_source = {hit.entry for hit in analysis.source}
        for hit in analysis.target:
            if hit.kind == "target" and hit.entry in in_source:
                self.uses[hit.entry][hit.variant].append((segment, hit.start, hit.end))
        return iter(())

    def export_state(self) -> dict[int, dict[int, list[tuple[Segment, int, int]]]]:
        """Hand the evidence gathered so far to the main process, and start afresh."""
        state = {entry: dict(variants) for entry, variants in self.uses.items()}
        self.uses.clear()
        return state

    def merge_state(self, state: dict[int, dict[int, list[tuple[Segment, int, int]]]]) -> None:
        for entry, variants in state.items():
            for variant, places in variants.items():
                self.uses[entry][variant].extend(places)

    def finish(self) -> Iterator[tuple[Segment, Hit]]:
        for index, variants in self.uses.items():
            if len(variants) < 2:
                continue
            entry = self.matcher.entries[index]
            counts = Counter({variant: len(places) for variant, places in variants.items()})
            majority, count = counts.most_common(1)[0]
            for variant, places in variants.items():
                if variant == majority:
                    continue
                for segment, start, end in places:
                    concept = entry.source[0] if entry.source else entry.label
                    others = f"{count} other segment{'s' if count != 1 else ''}"
                    message = (
                        f"{concept} is rendered “{segment.target[start:end]}” here "
                        f"but “{entry.target[majority]}” in {others}"
                    )
                    yield segment, Hit(start, end, message)
        self.uses.clear()


def term_rules(matcher: GlossaryMatcher) -> list[object]:
    return [ForbiddenTerm(matcher), MissingTerm(matcher), InconsistentTerm(matcher)]
