"""Post-editing effort: what a fix run changed, measured the way the field measures it.

TER (sacrebleu, default settings) of the text before the fixes against the text after
them: the edits a post-editor would have made, per 100 words of the result. Only changed
segments are scored (TER's shift search is slow, perf.md §6); an unchanged segment adds
no edits and its length in words (TER's default tokenisation splits on whitespace).

TER's shift search grows much faster than the text, so a long segment (more than
``LONG_WORDS`` words, a whole article on one line) is not scored whole: its words before
and after are aligned (a greedy one-pass alignment, ``_changed_stretches``), and TER scores
only the changed stretches, each with a few words of context. Edits cannot shift across
unchanged stretches then, which a fix run (local edits) barely needs. A changed stretch
itself longer than ``LONG_WORDS`` counts one edit per word of its longer side (the edit
distance's upper bound) instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Segments (and changed stretches) longer than this, in words, are not scored whole by TER.
LONG_WORDS = 200
#: Unchanged words kept on each side of a changed stretch of a long segment.
CONTEXT_WORDS = 3


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
    if not changed:
        return effort
    scored: list[tuple[str, str]] = []  # (before, after) stretches TER scores
    for before, after in changed:
        before_words, after_words = before.split(), after.split()
        if max(len(before_words), len(after_words)) <= LONG_WORDS:
            scored.append((before, after))
            continue
        effort.ter_words += len(after_words)
        for old, new in _changed_stretches(before_words, after_words):
            if max(len(old), len(new)) > LONG_WORDS:
                effort.ter_edits += max(len(old), len(new))
            else:
                scored.append((" ".join(old), " ".join(new)))
                effort.ter_words -= len(new)  # TER's reference length counts them again
    if scored:
        from sacrebleu.metrics import TER  # only a fix run that changed something pays for it

        score = TER().corpus_score([before for before, _ in scored], [[after for _, after in scored]])
        effort.ter_edits += float(score.num_edits)
        effort.ter_words += float(score.ref_length)
    return effort


#: How far (in words) a changed stretch may reach before the alignment gives up on it.
RESYNC_WORDS = 40
#: Words that must agree again for a changed stretch to end.
ANCHOR_WORDS = 3


def _changed_stretches(before: list[str], after: list[str]) -> list[tuple[list[str], list[str]]]:
    """The differing stretches of two word lists, each with ``CONTEXT_WORDS`` of context.

    A greedy alignment in one pass: where the lists differ, the nearest point where
    ``ANCHOR_WORDS`` words agree again ends the stretch. Fixes are local, so this is linear
    where a general diff (difflib) is quadratic on a long, repetitive text.
    """
    stretches = []
    i = j = 0
    n, m = len(before), len(after)
    while i < n and j < m:
        if before[i] == after[j]:
            i, j = i + 1, j + 1
            continue
        di, dj = _resync(before, after, i, j)
        lo_b, lo_a = max(0, i - CONTEXT_WORDS), max(0, j - CONTEXT_WORDS)
        stretches.append((before[lo_b : i + di + CONTEXT_WORDS], after[lo_a : j + dj + CONTEXT_WORDS]))
        i, j = i + di, j + dj
    if i < n or j < m:
        lo_b, lo_a = max(0, i - CONTEXT_WORDS), max(0, j - CONTEXT_WORDS)
        stretches.append((before[lo_b:], after[lo_a:]))
    return stretches


def _resync(before: list[str], after: list[str], i: int, j: int) -> tuple[int, int]:
    """The shortest skip (di, dj) after which both lists agree for ``ANCHOR_WORDS`` words
    (or both end); the rest of both lists when there is none within ``RESYNC_WORDS``."""
    n, m = len(before), len(after)
    for total in range(1, 2 * RESYNC_WORDS + 1):
        for di in range(max(0, total - RESYNC_WORDS), min(total, RESYNC_WORDS) + 1):
            dj = total - di
            if i + di > n or j + dj > m:
                continue
            left, right = before[i + di : i + di + ANCHOR_WORDS], after[j + dj : j + dj + ANCHOR_WORDS]
            if left == right and (len(left) == ANCHOR_WORDS or (i + di == n and j + dj == m)):
                return di, dj
    return n - i, m - j
