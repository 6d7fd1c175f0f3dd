"""Consistency across a batch: one source translated two ways, two sources translated alike.

Off by default (select ``consistency`` to run them): a batch of alternative translations —
several MT systems' outputs side by side, A/B tests, the MQM development set — breaks their
premise by design. In a client's job, the same sentence translated differently is a
finding a reviewer must settle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mtcheck.model import Segment, Severity
from mtcheck.rule import Hit, RuleInfo

#: How many occurrences of each variant are kept to be reported.
KEEP = 20


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Consistency:
    """Groups segments by one side and reports groups whose other side varies."""

    info: RuleInfo
    group_by: Callable[[Segment], str | None]
    vary_by: Callable[[Segment], str | None]
    literals: None = None
    groups: dict[str, dict[str, list[Segment]]] = field(default_factory=dict)

    def fresh(self) -> Consistency:
        return Consistency(self.info, self.group_by, self.vary_by)

    def hits(self, segment: Segment) -> Iterator[Hit]:
        key, variant = self.group_by(segment), self.vary_by(segment)
        if key and variant:
            places = self.groups.setdefault(key, {}).setdefault(variant, [])
            if len(places) < KEEP and all(p.key != segment.key for p in places):
                places.append(segment)
        return iter(())

    def export_state(self) -> dict[str, dict[str, list[Segment]]]:
        """Hand the evidence gathered so far to the main process, and start afresh."""
        state, self.groups = self.groups, {}
        return state

    def merge_state(self, state: dict[str, dict[str, list[Segment]]]) -> None:
        for key, variants in state.items():
            mine = self.groups.setdefault(key, {})
            for variant, places in variants.items():
                kept = mine.setdefault(variant, [])
                kept.extend(places[: max(0, KEEP - len(kept))])

    def finish(self) -> Iterator[tuple[Segment, Hit]]:
        groups, self.groups = self.groups, {}
        for variants in groups.values():
            if len(variants) < 2:
                continue
            ranked = sorted(variants.items(), key=lambda item: (-len(item[1]), item[1][0].key))
            majority = ranked[0][1][0]
            for _, places in ranked[1:]:
                for segment in places:
                    message = self.info.summary.split(":")[0] + f": see {majority.origin.path}:{majority.origin.line}"
                    yield segment, Hit(0, len(segment.target), message)


def _source(segment: Segment) -> str | None:
    return _normal(segment.source) if segment.source else None


def _target(segment: Segment) -> str | None:
    return _normal(segment.target) if segment.source else None


SAME_SOURCE = Consistency(
    RuleInfo(
        id="consistency.source",
        category="terminology/inconsistent",
        severity=Severity.MINOR,
        summary="The same source is translated differently elsewhere in the batch: unify the translations",
        why="Repeated sentences (headings, boilerplate, UI strings) must read the same everywhere; "
        "the less frequent translations are reported.",
        needs_source=True,
        default=False,
    ),
    _source,
    _target,
)

SAME_TARGET = Consistency(
    RuleInfo(
        id="consistency.target",
        category="accuracy/mistranslation",
        severity=Severity.MINOR,
        summary="Different sources share this translation elsewhere in the batch: one of them is wrong",
        why="Two different source sentences rarely mean exactly the same; one translation was "
        "probably copied onto the wrong unit.",
        needs_source=True,
        default=False,
    ),
    _target,
    _source,
)

CHECKS = (SAME_SOURCE, SAME_TARGET)
