"""The term checks: rules generated from glossaries, not written by hand.

- ``term.forbidden``: a forbidden variant in the target; the fix puts the approved term in.
- ``term.missing``: the source has a glossary term and the target none of its approved
  renderings (nor a forbidden one, which ``term.forbidden`` reports already).
- ``term.inconsistent``: within one document (a file, or one system's output in it), one
  source term rendered with different approved variants; reported once the file is done,
  on the less frequent variants.

All three read one analysis per segment (``GlossaryMatcher.analyse``), computed once.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from mtcheck.glossary.infos import FORBIDDEN_INFO, INCONSISTENT_INFO, MISSING_INFO
from mtcheck.glossary.matcher import Match, TermIndex, tokens
from mtcheck.glossary.model import Entry
from mtcheck.glossary.termfix import NoFix, plan_fix
from mtcheck.glossary.variant import Variant, parse_variant
from mtcheck.model import AtPlace, Edit, Fix, Segment, Severity, Side
from mtcheck.rule import Hit, RuleInfo

#: The glossary the term rules' own examples run against (`mtcheck rules explain term.…`).
EXAMPLE_ENTRIES = (
    Entry(
        source=("总体国家安全观",),
        target=("holistic approach to national security", "holistic view of national security"),
        forbidden=("overall national security concept",),
        note="Xinhua since 2017",
    ),
    Entry(source=("龙江",), target=("Heilongjiang",), forbidden=("[Longjiang] contributions",)),
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
        #: Each entry's forbidden variants with their term core (markup removed for matching).
        self.variants = [tuple(_variant(term) for term in entry.forbidden) for entry in self.entries]
        self.target_index = TermIndex(
            (term, (index, kind, variant))
            for index, entry in enumerate(self.entries)
            for kind, terms in (
                ("target", entry.target),
                ("forbidden", [v.text for v in self.variants[index]]),
            )
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
                terms = (
                    entry.source
                    if kind == "source"
                    else entry.target
                    if kind == "target"
                    else [v.text for v in self.variants[index]]
                )
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


def _variant(raw: str) -> Variant:
    """A variant as the matcher uses it; entries built in memory are not validated, so a
    malformed one is taken as plain text."""
    try:
        return parse_variant(raw)
    except ValueError:
        return Variant(raw, 0, len(raw))


def _quoted(text: str) -> str:
    return text if text[:1] in "“\"'‘" else f"“{text}”"


class _TermRule:
    """What the term rules share: a rule with no enforced entry loaded cannot fire, and the
    engine does not call it (``idle``)."""

    matcher: GlossaryMatcher

    @property
    def idle(self) -> bool:
        return not self.matcher.entries


@dataclass
class ForbiddenTerm(_TermRule):
    matcher: GlossaryMatcher
    literals: None = None
    info: RuleInfo = FORBIDDEN_INFO

    def hits(self, segment: Segment) -> Iterator[Hit]:
        analysis = self.matcher.analyse(segment)
        in_source = {hit.entry for hit in analysis.source}
        for hit in analysis.target:
            if hit.kind != "forbidden":
                continue
            entry = self.matcher.entries[hit.entry]
            variant = self.matcher.variants[hit.entry][hit.variant]
            found = segment.target[hit.start : hit.end]
            concept = entry.source[0] if entry.source else entry.label
            message = f"{_quoted(found)} is a forbidden rendering of {concept}"
            severity = _severity(entry, self.info.severity)
            if not (variant.replacement or entry.preferred):
                yield Hit(hit.start, hit.end, message, None, severity=severity)
                continue
            message += f"; use {_quoted(variant.rendered(entry.preferred))}"
            if variant.replacement == "":
                reason = "the glossary asks for a rewrite by hand"
                yield Hit(hit.start, hit.end, f"{message} (no automatic fix: {reason})", None, severity=severity)
                continue
            plan, start = plan_fix(segment.target, hit.start, hit.end, variant, entry.preferred, hit.entry in in_source)
            if isinstance(plan, NoFix):
                yield Hit(hit.start, hit.end, f"{message} (no automatic fix: {plan.reason})", None, severity=severity)
                continue
            edit = Edit(plan.start, plan.end, plan.replacement)
            title = f"Replace “{segment.target[plan.start : plan.end]}” with “{plan.replacement}”"
            fix = Fix((edit,), plan.safety, title, plan.reason)
            yield Hit(start, hit.end, message, fix, severity=severity)

    def for_examples(self) -> ForbiddenTerm:
        return ForbiddenTerm(GlossaryMatcher(EXAMPLE_ENTRIES))


@dataclass
class MissingTerm(_TermRule):
    matcher: GlossaryMatcher
    literals: None = None
    info: RuleInfo = MISSING_INFO

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


@dataclass(frozen=True, slots=True)
class _Use:
    """One approved rendering of a source term the segment's source has."""

    entry: int
    variant: int
    start: int
    end: int


class _Places:
    """Where one rendering of one term was used in a streamed file, a few bytes a use: places
    (``AtPlace.place``), offsets and the matched text (one shared string per distinct text).
    Places only grow (a file is read in order, chunks merged in order), so distinct segments
    are counted by change of place."""

    def __init__(self) -> None:
        self.places = array("q")
        self.starts = array("q")
        self.ends = array("q")
        self.texts: list[str] = []

    def add(self, place: int, start: int, end: int, text: str) -> None:
        self.places.append(place)
        self.starts.append(start)
        self.ends.append(end)
        self.texts.append(text)

    def extend(self, other: _Places) -> None:
        self.places.extend(other.places)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)
        self.texts.extend(other.texts)

    def segments(self) -> int:
        if not self.places:
            return 0
        return 1 + sum(place != following for place, following in pairwise(self.places))

    def uses(self) -> Iterator[tuple[AtPlace, int, int, str]]:
        for place, start, end, text in zip(self.places, self.starts, self.ends, self.texts, strict=True):
            yield AtPlace.at(place), start, end, text


#: One rendering's evidence: how many segments use it, and each use (segment or line, offsets, text).
_Variant = tuple[int, Iterator[tuple[Segment | AtPlace, int, int, str]]]


@dataclass
class InconsistentTerm(_TermRule):
    """Remembers which approved variant each source term got in the file, and reports the
    minority once the file is done.

    The scope is one document: a file, or one system's output within it when the segments
    name their system (``Segment.system``). A batch of files, or a file of several systems'
    translations of the same text, is a set of alternatives, not one text whose terms must
    agree; comparing across them would flag every system that chose a different approved
    variant than the others. Being file-scope, it needs no evidence from other files, so
    parallel runs (each worker checks whole files) report what a serial run reports.
    """

    matcher: GlossaryMatcher
    literals: None = None
    #: The current file's uses, by segment key (a fix run checks a segment more than once).
    seen: dict[str, tuple[Segment, tuple[_Use, ...]]] = field(default_factory=dict, init=False)
    #: A file streamed from disk (each segment checked once, in order): the uses by (system,
    #: entry, variant), as lines and offsets (a million rows with terms, not a million segments).
    places: dict[tuple[str | None, int, int], _Places] | None = field(default=None, init=False)
    _texts: dict[str, str] = field(default_factory=dict, init=False)
    info: RuleInfo = INCONSISTENT_INFO

    def fresh(self) -> InconsistentTerm:
        """A new instance with its own, empty evidence."""
        return InconsistentTerm(self.matcher, info=self.info)

    def stream_file(self, streamed: bool) -> None:
        """The engine says, before a file's segments, whether they are streamed."""
        self.places = {} if streamed else None
        self._texts = {}

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if not segment.source:
            return iter(())
        analysis = self.matcher.analyse(segment)
        in_source = {hit.entry for hit in analysis.source}
        uses = tuple(
            _Use(hit.entry, hit.variant, hit.start, hit.end)
            for hit in analysis.target
            if hit.kind == "target" and hit.entry in in_source
        )
        if self.places is not None:
            for use in uses:
                found = segment.target[use.start : use.end]  # the segment is not kept: its text is
                text = self._texts.setdefault(found, found)
                places = self.places.setdefault((segment.system, use.entry, use.variant), _Places())
                places.add(AtPlace.place(segment), use.start, use.end, text)
        elif uses:
            self.seen[segment.key] = (segment, uses)
        else:
            self.seen.pop(segment.key, None)
        return iter(())

    def export_file_state(self) -> object:
        """The file's evidence so far, handed over (a chunk of a big file checked in a worker)."""
        if self.places is not None:
            places, self.places = self.places, {}
            return places
        seen, self.seen = self.seen, {}
        return seen

    def merge_file_state(self, state: object) -> None:
        """Add a chunk's evidence (chunks in file order)."""
        if self.places is not None:
            for key, places in state.items():  # type: ignore[attr-defined]
                self.places.setdefault(key, _Places()).extend(places)
            return
        self.seen.update(state)  # type: ignore[arg-type]

    def finish_file(self) -> Iterator[tuple[Segment | AtPlace, Hit]]:
        by_document: dict[str | None, dict[int, dict[int, _Variant]]] = defaultdict(lambda: defaultdict(dict))
        if self.places is not None:
            streamed, self.places = self.places, {}
            for (system, entry, variant), places in streamed.items():
                by_document[system][entry][variant] = (places.segments(), places.uses())
        else:
            seen, self.seen = self.seen, {}
            listed: dict[str | None, dict[int, dict[int, list[tuple[str, Segment, _Use]]]]] = defaultdict(
                lambda: defaultdict(lambda: defaultdict(list))
            )
            for key, (segment, uses) in seen.items():
                for use in uses:
                    listed[segment.system][use.entry][use.variant].append((key, segment, use))
            for system, entries in listed.items():
                for entry, variants in entries.items():
                    for variant, found in variants.items():
                        uses_of = (
                            (segment, use.start, use.end, segment.target[use.start : use.end])
                            for _, segment, use in found
                        )
                        by_document[system][entry][variant] = (len({key for key, _, _ in found}), uses_of)
        for system, entries in by_document.items():
            for index, variants in entries.items():
                if len(variants) > 1:
                    yield from self._minority(system, self.matcher.entries[index], variants)

    @staticmethod
    def _minority(
        system: str | None, entry: Entry, variants: dict[int, _Variant]
    ) -> Iterator[tuple[Segment | AtPlace, Hit]]:
        """The uses of every variant but the most frequent (the first seen, on a tie)."""
        segments = {variant: count for variant, (count, _) in variants.items()}
        majority = max(segments, key=lambda variant: segments[variant])  # max keeps the first of equals
        count = segments[majority]
        concept = entry.source[0] if entry.source else entry.label
        document = "this file" if system is None else f"{system}'s output"
        elsewhere = f"{count} other segment{'s' if count != 1 else ''} of {document}"
        for variant, (_, uses) in variants.items():
            if variant == majority:
                continue
            for record, start, end, text in uses:
                message = f"{concept} is rendered “{text}” here but “{entry.target[majority]}” in {elsewhere}"
                yield record, Hit(start, end, message)


def term_rules(matcher: GlossaryMatcher) -> list[object]:
    return [ForbiddenTerm(matcher), MissingTerm(matcher), InconsistentTerm(matcher)]
