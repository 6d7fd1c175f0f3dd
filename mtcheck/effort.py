"""Post-editing effort: what a fix run changed, measured the way the field measures it.

TER (sacrebleu, default settings) of the text before the fixes against the text after
them: the edits a post-editor would have made, per 100 words of the result. Only changed
segments are scored (TER's shift search is slow, perf.md §6); an unchanged segment adds
no edits and its length in words (TER's default tokenisation splits on whitespace).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Effort:
    segments: int = 0
    touched: int = 0
    edits_by_rule: Counter[str] = field(default_factory=Counter)
    ter_edits: float = 0.0
    ter_words: float = 0.0

    @property
    def ter(self) -> float:
        return 100.0 * self.ter_edits / self.ter_words if self.ter_words else 0.0

    def add(self, other: Effort) -> None:
        self.segments += other.segments
        self.touched += other.touched
        self.edits_by_rule.update(other.edits_by_rule)
        self.ter_edits += other.ter_edits
        self.ter_words += other.ter_words

    def as_dict(self) -> dict[str, object]:
        return {
            "segments": self.segments,
            "segments_touched": self.touched,
            "edits_by_rule": dict(sorted(self.edits_by_rule.items())),
            "ter": round(self.ter, 2),
        }


def measure(pairs: list[tuple[str, str]], applied_rules: list[str]) -> Effort:
    """``pairs`` are (before, after) targets of every segment of a file."""
    effort = Effort(segments=len(pairs), edits_by_rule=Counter(applied_rules))
    changed = [(before, after) for before, after in pairs if before != after]
    effort.touched = len(changed)
    effort.ter_words = float(sum(len(after.split()) for before, after in pairs if before == after))
    if changed:
        from sacrebleu.metrics import TER  # only a fix run that changed something pays for it

        score = TER().corpus_score([before for before, _ in changed], [[after for _, after in changed]])
        effort.ter_edits = float(score.num_edits)
        effort.ter_words += float(score.ref_length)
    return effort
