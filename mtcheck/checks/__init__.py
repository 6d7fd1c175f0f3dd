"""The registry of built-in checks: one explicit table, in report order (no reflection)."""

from __future__ import annotations

from mtcheck.checks import (
    consistency,
    dashes,
    length,
    numbers,
    placeholders,
    punctuation,
    repetition,
    truncation,
    untranslated,
)
from mtcheck.rule import Rule

BUILTIN_CHECKS: tuple[Rule, ...] = (
    punctuation.SPACE_BEFORE,
    punctuation.COLLISION,
    punctuation.MISSING_SPACE,
    punctuation.DOUBLE_SPACE,
    punctuation.FULLWIDTH,
    punctuation.UNBALANCED,
    dashes.DASH_AS_HYPHEN,
    repetition.DOUBLED_WORD,
    repetition.DOUBLED_COORDINATION,
    truncation.LOWERCASE_AFTER_STOP,
    truncation.FRAGMENT,
    truncation.CAPITALIZED_WORD,
    truncation.DANGLING_END,
    truncation.UNTERMINATED,
    truncation.HEADER_RESIDUE,
    truncation.LOWERCASE_OUTPUT,
    untranslated.CJK_RESIDUE,
    numbers.THOUSANDS_SEPARATOR,
    untranslated.IDENTICAL,
    untranslated.SOURCE_SCRIPT,
    placeholders.MISSING,
    placeholders.EXTRA,
    length.LENGTH_RATIO,
    length.SENTENCE_COUNT,
    consistency.SAME_SOURCE,
    consistency.SAME_TARGET,
    numbers.MISSING,
    numbers.EXTRA,
)

#: Checks still run on a segment that is mostly CJK; the rest would only pile up noise.
UNTRANSLATED_PREFIX = "untranslated."
