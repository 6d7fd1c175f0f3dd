"""How a built-in check is declared: the same metadata as a pack rule, plus a function."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

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
    #: For a surface rule whose pattern reads only word characters, blanks and the boundaries
    #: between them (``repeat.word``): that pattern, or one that matches wherever it does on
    #: ASCII text. Masking keeps every ASCII character's class (a letter, digit or ``_`` becomes
    #: ``_``, anything else a non-word mask) and leaves the text of an unmasked finding as it
    #: was, so on an ASCII target where the pattern matches nothing unmasked the rule finds
    #: nothing masked: the engine searches it there first, and works out no protected spans.
    word_pattern: regex.Pattern[str] | re.Pattern[str] | None = None
