"""What a surface rule (punctuation, spacing, repeats) must leave alone in a target.

Two things: text that is code, not language — the protected spans of mtcheck/protected.py:
placeholders, inline codes, URLs, e-mail addresses, paths, commands and options — which the
rule never sees (``masked``); and findings the source shows the same way — ``%s..%s``,
``[y,n,q,a,d]``, an aligned column, a command copied verbatim — which are no error of the
translation (``mirrored``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from mtcheck.model import Segment
from mtcheck.nearby import token_after, token_before
from mtcheck.placeholders import dialects_for
from mtcheck.protected import overlaps, protected_spans
from mtcheck.rule import Hit, Rule

#: Stand for a protected character, a word character (``_``: "--verbose ," still has a word
#: before its space) or any other (``MASK``: "<b> ," has none); neither is a letter, a space
#: or a punctuation mark a rule looks for.
WORD_MASK = "_"
MASK = "\ue000"


def masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every protected character replaced by a mask of its kind (offsets
    unchanged). The dashes that start a span stay: a rule can tell a command-line option
    (``--verbose`` → ``--_______``) from other code (``<b>`` → three masks)."""
    out = list(text)
    for start, end in spans:
        dashes = len(text[start:end]) - len(text[start:end].lstrip("-"))
        out[start + dashes : end] = [
            WORD_MASK if char.isalnum() or char == "_" else MASK for char in text[start + dashes : end]
        ]
    return "".join(out)


def contexts(text: str, start: int, end: int) -> tuple[str, ...]:
    """The flagged text widened to the non-space runs that touch it: on both sides, on the
    left only, on the right only (``Name:  `` of an aligned column is the same on one side)."""
    left = token_before(text, start)
    right = token_after(text, end)
    flagged = text[start:end]
    return (left + flagged + right, left + flagged, flagged + right)


def context(text: str, start: int, end: int) -> str:
    """The flagged text with the non-space runs that touch it on either side."""
    return contexts(text, start, end)[0]


def mirrored(
    source: str,
    target: str,
    start: int,
    end: int,
    source_fires: Callable[[], bool],
    in_source: Callable[[str], bool] | None = None,
) -> bool:
    """The source has the flagged text with a neighbouring token verbatim, or the rule fires on
    the source as well (``source_fires``: computed only when needed). ``in_source`` answers
    "is this text in the source?" (a view caches it: many hits on a long line ask the same)."""
    if in_source is None:
        in_source = source.__contains__
    flagged = target[start:end]
    # the flagged text alone counts when it is words ("Committee Committee" copied from the
    # source), not when it is a mark or a space the source may have anywhere (" .")
    words = sum(any(char.isalnum() for char in token) for token in flagged.split()) >= 2
    if words and in_source(flagged):  # quoted differently: `help help' → »help help«
        return True
    for widened in contexts(target, start, end):
        if len(widened.strip()) >= 2 and (widened != flagged or words) and in_source(widened):
            return True
    return source_fires()


class SurfaceView:
    """One segment as surface rules see it: protected spans masked, and findings dropped
    where they touch a protected span or the source shows the same thing."""

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        #: The unit's placeholder dialects (its format flags', else what its source shows).
        self.dialects = dialects_for(segment.meta.flags, segment.source)
        self.spans = protected_spans(segment.target, self.dialects)
        self.view = replace(segment, target=masked(segment.target, self.spans)) if self.spans else segment
        self._source_view: Segment | None = None
        self._in_source: dict[str, bool] = {}

    def hits(self, rule: Rule) -> list[Hit]:
        hits = list(rule.hits(self.view))
        if not hits:
            return hits
        if self.spans:
            hits = [hit for hit in hits if hit.side != "target" or not overlaps(hit.start, hit.end, self.spans)]
        source = self.segment.source
        if not hits or source is None:
            return hits
        fires: list[bool] = []

        def source_fires() -> bool:
            if not fires:
                fires.append(rule.info.mirror_source and self._fires_on_source(rule))
            return fires[0]

        return [
            hit
            for hit in hits
            if hit.side != "target"
            or not mirrored(source, self.segment.target, hit.start, hit.end, source_fires, self._contained)
        ]

    def _contained(self, text: str) -> bool:
        """``text in source``, remembered: on a long line many hits ask about the same text."""
        known = self._in_source.get(text)
        if known is None:
            known = self._in_source[text] = text in (self.segment.source or "")
        return known

    def _fires_on_source(self, rule: Rule) -> bool:
        """Whether the rule, read in the source's language, flags the source too."""
        segment = self.segment
        if segment.src_lang is None or not rule.info.scope.admits(None, segment.src_lang):
            return False
        if self._source_view is None:
            source = segment.source or ""
            self._source_view = replace(
                segment,
                target=masked(source, protected_spans(source, self.dialects)),
                source=None,
                tgt_lang=segment.src_lang,
            )
        return any(True for _ in rule.hits(self._source_view))


def rule_hits(rule: Rule, segment: Segment) -> list[Hit]:
    """A rule's hits on one segment as the engine computes them (surface rules through a view)."""
    if rule.info.surface:
        return SurfaceView(segment).hits(rule)
    return list(rule.hits(segment))
