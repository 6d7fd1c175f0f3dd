"""An MQM-style quality score: penalty points per word, from the findings' severities.

    score = 100 × (1 − penalty / words)        (MQM 2.0's overall quality score)
    penalty = Σ weight(severity), weights minor 1, major 5, critical 25 by default

``words`` is the evaluation word count: the source's words where the source is written
with spaces, else (Chinese, Japanese, or no source at all) the target's words. The
report also gives the penalty per 1,000 words, the figure QA teams compare across jobs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import regex

from mtcheck.model import Segment, Severity

DEFAULT_WEIGHTS: dict[str, float] = {"minor": 1.0, "major": 5.0, "critical": 25.0}
#: Possessive (``*+``): nothing follows the run, so no match differs, and the engine keeps no
#: backtracking state (twice as fast; every segment is counted).
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*+")
#: The same words in ASCII text, where letters and numbers are these: the stdlib engine
#: counts them in half the time (every segment is counted).
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def words(text: str) -> int:
    return len((_ASCII_WORD if text.isascii() else _WORD).findall(text))


def segment_words(segment: Segment) -> int:
    source = segment.source
    if source and not _UNSPACED.search(source):
        return words(source)
    return words(segment.target)


@dataclass(frozen=True, slots=True)
class Score:
    words: int
    penalty: float

    @property
    def per_thousand(self) -> float:
        return 1000.0 * self.penalty / self.words if self.words else 0.0

    @property
    def value(self) -> float:
        return max(0.0, 100.0 * (1.0 - self.penalty / self.words)) if self.words else 100.0

    def as_dict(self) -> dict[str, float]:
        return {
            "score": round(self.value, 2),
            "penalty": round(self.penalty, 2),
            "penalty_per_1000_words": round(self.per_thousand, 2),
            "words": self.words,
        }


def penalty(counts: Mapping[Severity | str, int], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float:
    return sum(weights[str(severity)] * count for severity, count in counts.items())
