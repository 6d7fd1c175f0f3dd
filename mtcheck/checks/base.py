"""How a built-in check is declared: the same metadata as a pack rule, plus a function."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mtcheck.gates import Gate
from mtcheck.model import Segment
from mtcheck.rule import Hit, RuleInfo


@dataclass(frozen=True, slots=True)
class BuiltinCheck:
    """A check that needs code. ``literals``, when given, gates it like a pack rule's
    prefilter: the function only runs on segments containing one of them (lower-cased);
    ``gate``, when given, is what a segment must show for the function to find anything
    (mtcheck/gates.py): the engine calls it only where the gate passes."""

    info: RuleInfo
    #: The check itself (a plain function: no wrapper call on the hot path).
    hits: Callable[[Segment], Iterable[Hit]]
    literals: frozenset[str] | None = None
    gate: Gate | None = None
