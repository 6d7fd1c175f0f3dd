"""Untranslated text: CJK letters left in a Latin-script target."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.lang.script import CJK_LETTERS, is_latin_target
from mtcheck.model import Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo


def _cjk_residue(segment: Segment) -> Iterator[Hit]:
    if not is_latin_target(segment.tgt_lang) or segment.target.isascii():
        return
    for match in CJK_LETTERS.finditer(segment.target):
        yield Hit(match.start(), match.end(), f"Untranslated CJK text “{match.group()}”")


CJK_RESIDUE = BuiltinCheck(
    RuleInfo(
        id="untranslated.cjk",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="Chinese, Japanese or Korean characters left in a Latin-script target",
        why="MT copies words it cannot translate (names, rare terms, whole clauses) into the "
        "output unchanged; a reader of the target cannot read them.",
        bad=(Example("The 国之大者 must be kept in mind."), Example("全民 education day")),
        good=(Example("The country's most fundamental interests."), Example("Punctuation，only")),
    ),
    _cjk_residue,
)

CHECKS = (CJK_RESIDUE,)
