"""The registry of built-in checks: one explicit table, in report order (no reflection)."""

from __future__ import annotations

from mtcheck.checks import (
    accelerators,
    consistency,
    length,
    limits,
    numbers,
    placeholders,
    plurals,
    punctuation,
    repetition,
    special,
    truncation,
    untranslated,
    whitespace,
)
from mtcheck.rule import Rule

BUILTIN_CHECKS: tuple[Rule, ...] = (
    punctuation.SPACE_BEFORE,
    punctuation.COLLISION,
    punctuation.MISSING_SPACE,
    punctuation.DOUBLE_SPACE,
    punctuation.FULLWIDTH,
    punctuation.UNBALANCED,
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
    placeholders.ORDER,
    placeholders.BRANCHES,
    plurals.FORMS,
    plurals.EMPTY_FORM,
    accelerators.MISSING,
    accelerators.MULTIPLE,
    whitespace.NEWLINE,
    whitespace.LEADING,
    whitespace.TRAILING,
    limits.LIMIT,
    length.LENGTH_RATIO,
    length.SENTENCE_COUNT,
    consistency.SAME_SOURCE,
    consistency.SAME_TARGET,
    numbers.MISSING,
    numbers.EXTRA,
    special.KEYWORDS_SEMICOLON,
)

#: Checks still run on a segment that is mostly CJK; the rest would only pile up noise.
UNTRANSLATED_PREFIX = "untranslated."
