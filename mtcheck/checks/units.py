"""Unit ids: XLIFF wants them unique within a <file>.

A runtime or CAT tool that looks a unit up by id sees only one of two units sharing it
(Symfony and Neos keep one of them), so the other translation is never shown, however good.
The XLIFF reader keys a repeat by its line and notes the first unit's line
(``Meta.duplicate_of``); the finding sits on the repeat, whose text is checked as usual.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.model import Meta, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo


def _duplicate(segment: Segment) -> Iterator[Hit]:
    first = segment.meta.duplicate_of
    if first is not None:
        yield Hit(
            0,
            len(segment.target),
            f"This unit repeats the id of the unit at line {first}: "
            "a tool that looks units up by id shows only one of the two translations",
        )


DUPLICATE_ID = BuiltinCheck(
    RuleInfo(
        id="unit.duplicate-id",
        category="design/markup",
        severity=Severity.MINOR,
        summary="An XLIFF unit whose id another unit of the same <file> already has",
        why="XLIFF 1.2 and 2.0 require unit ids unique within a <file>; runtimes and CAT tools "
        "look translations up by id and keep one of the two.",
        bad=(Example("Arbeitsbereich", source="Workspace", meta=Meta(duplicate_of=302)),),
        good=(Example("Arbeitsbereich", source="Workspace"),),
    ),
    _duplicate,
)
