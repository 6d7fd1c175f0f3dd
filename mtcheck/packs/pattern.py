"""The ``pattern`` rule kind: a regex on the target, optionally conditioned on the source.

With ``side = "source"`` the regex runs on the source instead, and a match is reported (on
the source) only when the target lacks what would render it (``not-target``): a dateline,
a byline, a credit the translation dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from mtcheck.gates import Gate
from mtcheck.model import Edit, Fix, Safety, Segment, Side
from mtcheck.packs.cpulimit import PER_CALL, CpuTimeout, Limit
from mtcheck.rule import Hit, RuleInfo

#: CPU seconds one call of a user's pattern may take before the rule is switched off.
DEFAULT_TIMEOUT = PER_CALL


class RuleTimeout(Exception):
    """A user's pattern went over its CPU limit on one segment (catastrophic backtracking)
    or over its budget for the run (``budget`` then says how)."""

    def __init__(self, rule_id: str, segment: Segment, budget: str = "") -> None:
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.segment = segment
        self.budget = budget


@dataclass(frozen=True, slots=True)
class PatternRule:
    info: RuleInfo
    pattern: regex.Pattern[str]
    message: str
    replacement: str | None
    safety: Safety
    source_pattern: regex.Pattern[str] | None
    source_optional: bool
    not_source_pattern: regex.Pattern[str] | None
    literals: frozenset[str] | None
    #: CPU limits of a user's pattern; None for the shipped ones (bounded by construction).
    limit: Limit | None = None
    #: The target must not match (with ``on_source``: what a rendering would look like).
    not_target_pattern: regex.Pattern[str] | None = None
    #: The pattern runs on the source; hits are on the source side.
    on_source: bool = False
    #: What the source must hold for the rule to fire (the literals its source pattern needs).
    gate: Gate | None = None

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if self.limit is None:
            yield from self._hits(segment)
            return
        try:
            hits = list(self._hits(segment))
        except CpuTimeout:
            raise RuleTimeout(self.info.id, segment) from None
        budget = self.limit.budget
        if budget is not None and budget.exhausted:
            raise RuleTimeout(self.info.id, segment, budget.describe())
        yield from hits

    def _search(self, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
        return pattern.search(text) if self.limit is None else self.limit.search(pattern, text)

    def _finditer(self, pattern: regex.Pattern[str], text: str) -> Iterable[regex.Match[str]]:
        return pattern.finditer(text) if self.limit is None else self.limit.matches(pattern, text)

    def _source_allows(self, source: str | None) -> bool:
        """``source``: the source must match; without a source the rule is skipped, or,
        when ``source-optional``, judges the target alone. ``not-source``: the source must
        not match (a monolingual segment cannot be excluded)."""
        if self.source_pattern is not None:
            if source is None:
                if not self.source_optional:
                    return False
            elif self._search(self.source_pattern, source) is None:
                return False
        return not (
            self.not_source_pattern is not None
            and source is not None
            and self._search(self.not_source_pattern, source) is not None
        )

    def _hits(self, segment: Segment) -> Iterator[Hit]:
        if not self._source_allows(segment.source):
            return
        if self.on_source:  # the source match is the cheap, rare test: it goes first
            hits = list(self._source_hits(segment.source))
            if hits and not self._target_excluded(segment.target):
                yield from hits
            return
        if self._target_excluded(segment.target):
            return
        for match in self._finditer(self.pattern, segment.target):
            start, end = match.span()
            if start == end:
                continue
            matched = match.group()
            message = self.message.replace("{match}", matched)
            fix = None
            if self.replacement is not None:
                text = _match_case(matched, match.expand(self.replacement))
                fix = Fix((Edit(start, end, text),), self.safety, f"Replace with “{text}”")
            yield Hit(start, end, message, fix)

    def _target_excluded(self, target: str) -> bool:
        pattern = self.not_target_pattern
        return pattern is not None and self._search(pattern, target) is not None

    def _source_hits(self, source: str | None) -> Iterator[Hit]:
        if source is None:
            return
        for match in self._finditer(self.pattern, source):
            start, end = match.span()
            if start != end:
                yield Hit(start, end, self.message.replace("{match}", match.group()), side=Side.SOURCE)


def _match_case(matched: str, replacement: str) -> str:
    """A calque at the start of a sentence gets a capitalised rewrite."""
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
