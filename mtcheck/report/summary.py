"""Counts shared by every report: findings by category and severity, fixes by safety."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mtcheck.model import Finding, Safety, Severity
from mtcheck.mqm import DEFAULT_WEIGHTS, Score, penalty


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A score under ``--min-score``: the batch's (``path`` None) or a file's."""

    path: str | None
    score: float
    threshold: float

    @property
    def short(self) -> float:
        return self.threshold - self.score

    def text(self) -> str:
        who = "the batch" if self.path is None else self.path
        return f"{who} scores {self.score:.2f}, {self.short:.2f} below --min-score {self.threshold:g}"


@dataclass
class Summary:
    files: int = 0
    segments: int = 0
    findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_category: dict[str, Counter[str]] = field(default_factory=dict)
    by_rule: Counter[str] = field(default_factory=Counter)
    fixes: Counter[str] = field(default_factory=Counter)
    worst: Severity | None = None
    words: int = 0
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    file_scores: dict[str, Score] = field(default_factory=dict)
    file_segments: dict[str, int] = field(default_factory=dict)
    by_file: Counter[str] = field(default_factory=Counter)
    #: Per rule: findings with a safe fix (what `mtcheck fix` applies), and with a suggestion.
    safe_by_rule: Counter[str] = field(default_factory=Counter)
    suggestions_by_rule: Counter[str] = field(default_factory=Counter)
    #: The score gate (``--min-score``), when set.
    min_score: float | None = None

    def shortfalls(self) -> list[Shortfall]:
        """Why the score gate fails: the batch's score, then every file scoring below the
        threshold (where the points were lost); empty when the gate passes or there is none."""
        threshold = self.min_score
        if threshold is None or self.score.value >= threshold:
            return []
        files = [
            Shortfall(path, score.value, threshold)
            for path, score in self.file_scores.items()
            if score.value < threshold
        ]
        return [Shortfall(None, self.score.value, threshold), *files]

    @property
    def score(self) -> Score:
        """The batch's MQM-style score (see mtcheck/mqm.py)."""
        return Score(self.words, penalty(self.by_severity, self.weights))

    def add(self, finding: Finding) -> None:
        self.findings += 1
        self.by_severity[finding.severity] += 1
        self.by_category.setdefault(finding.category, Counter())[finding.severity] += 1
        self.by_rule[finding.rule] += 1
        self.by_file[finding.segment.origin.path] += 1
        if finding.fix is not None:
            self.fixes[finding.fix.safety] += 1
            counts = self.safe_by_rule if finding.fix.safety == Safety.SAFE else self.suggestions_by_rule
            counts[finding.rule] += 1
        if self.worst is None or finding.severity.rank > self.worst.rank:
            self.worst = finding.severity

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "segments": self.segments,
            "findings": self.findings,
            "by_severity": {s.value: self.by_severity[s] for s in Severity},
            "by_category": {
                category: {s.value: counts[s] for s in Severity}
                for category, counts in sorted(self.by_category.items())
            },
            "by_rule": dict(sorted(self.by_rule.items())),
            "fixes": {s.value: self.fixes[s] for s in Safety},
            "mqm": {**self.score.as_dict(), "weights": self.weights},
            "files_mqm": {path: score.as_dict() for path, score in self.file_scores.items()},
            **({"min_score": self._gate_dict()} if self.min_score is not None else {}),
        }

    def _gate_dict(self) -> dict[str, object]:
        short = self.shortfalls()
        return {
            "threshold": self.min_score,
            "passed": not short,
            "short": [{"path": s.path, "score": round(s.score, 2), "short_by": round(s.short, 2)} for s in short],
        }
