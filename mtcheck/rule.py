"""What every rule has, whether it comes from a TOML pack or from Python code.

``mtcheck rules list`` and ``rules explain`` read only this, so pack rules and built-in
checks are documented, selected and self-tested the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from mtcheck.model import NO_META, Fix, Meta, Segment, Severity, Side


@dataclass(frozen=True, slots=True)
class Example:
    """A target (with its source when the rule reads one); ``fix`` is the expected target
    after the rule's fix, for bad examples that have one; ``meta`` what the file says about
    the unit (PO flags, plural forms, size limits) for the format-aware checks."""

    target: str
    source: str | None = None
    fix: str | None = None
    meta: Meta = NO_META

    def segment(self) -> Segment:
        """The example as a segment to check."""
        from mtcheck.model import Origin

        return Segment("example", self.target, Origin("example", 1), source=self.source, meta=self.meta)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    category: str
    severity: Severity
    summary: str
    why: str = ""
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    origin: str = "built-in"
    needs_source: bool = False
    #: Off unless selected by name (``--select``/``--extend-select``): rules whose premise a
    #: batch may legitimately break, such as cross-segment consistency.
    default: bool = True


class Hit(NamedTuple):
    """A rule's raw match; the engine turns it into a Finding with the rule's metadata."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    side: Side = Side.TARGET
    #: Overrides the rule's severity for this hit (a glossary entry can set its own).
    severity: Severity | None = None


class Rule(Protocol):
    """A pack rule or a built-in check, as the engine sees it."""

    @property
    def info(self) -> RuleInfo: ...

    @property
    def literals(self) -> frozenset[str] | None:
        """Lower-cased strings one of which occurs in every hit (None: run on every segment)."""
        ...

    def hits(self, segment: Segment) -> Iterable[Hit]: ...


def example_rule(rule: Rule) -> Rule:
    """The rule as its own examples run it: glossary rules bring a small glossary of their own."""
    for_examples = getattr(rule, "for_examples", None)
    return for_examples() if for_examples is not None else rule
