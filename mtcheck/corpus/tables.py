"""The two tables a corpus run writes, as Parquet, one part file per shard.

``findings``: one row per finding — key, shard, line, rule, category, severity, side, start,
end (code points), text, message, replacement (None without a fix), safety.

``segments``: one row per segment — key, shard, line, words (mtcheck's MQM word count),
findings, a count per severity and per category (``cat_<category>`` with ``/`` and ``-``
written ``_``), penalty (mtcheck's MQM weights: minor 1, major 5, critical 25 unless the
configuration says otherwise), score (MQM 100 × (1 − penalty / words)), keep (penalty at most
the run's ``max_penalty``), and run_scope (how many of the findings came from run-scope rules).

Part files are written to a temporary name and renamed when complete: a part that exists is whole.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mtcheck.model import CATEGORIES, Finding, Segment, Severity

SEVERITIES = tuple(str(severity) for severity in Severity)


def category_column(category: str) -> str:
    return "cat_" + category.replace("/", "_").replace("-", "_")


CATEGORY_COLUMNS = {category: category_column(category) for category in sorted(CATEGORIES)}


def findings_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("key", pa.string()),
            ("shard", pa.string()),
            ("line", pa.int64()),
            ("rule", pa.string()),
            ("category", pa.string()),
            ("severity", pa.string()),
            ("side", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("message", pa.string()),
            ("replacement", pa.string()),
            ("safety", pa.string()),
        ]
    )


def segments_schema():
    import pyarrow as pa

    counts = [(name, pa.int32()) for name in ("findings", *SEVERITIES, *CATEGORY_COLUMNS.values())]
    return pa.schema(
        [
            ("key", pa.string()),
            ("shard", pa.string()),
            ("line", pa.int64()),
            ("words", pa.int32()),
            *counts,
            ("penalty", pa.float64()),
            ("score", pa.float64()),
            ("keep", pa.bool_()),
            ("run_scope", pa.int32()),
        ]
    )


def finding_row(finding: Finding) -> dict[str, object]:
    segment = finding.segment
    fix = finding.fix
    return {
        "key": segment.key,
        "shard": segment.origin.path,
        "line": segment.origin.line,
        "rule": finding.rule,
        "category": finding.category,
        "severity": str(finding.severity),
        "side": str(finding.side),
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "replacement": finding.replacement,
        "safety": str(fix.safety) if fix is not None else None,
    }


@dataclass
class Judge:
    """Turns a segment's findings into its row: counts, penalty, score and the keep decision."""

    weights: Mapping[str, float]
    max_penalty: float

    def row(self, segment: Segment, words: int, findings: Iterable[Finding], run_scope: int = 0) -> dict[str, object]:
        row: dict[str, object] = {"key": segment.key, "shard": segment.origin.path, "line": segment.origin.line}
        row["words"] = words
        severities: Counter[str] = Counter()
        categories: Counter[str] = Counter()
        for finding in findings:
            severities[str(finding.severity)] += 1
            categories[finding.category] += 1
        return self.finish(row, severities, categories, run_scope)

    def finish(
        self, row: dict[str, object], severities: Counter[str], categories: Counter[str], run_scope: int
    ) -> dict[str, object]:
        from mtcheck.mqm import Score, penalty

        row["findings"] = sum(severities.values())
        for name in SEVERITIES:
            row[name] = severities[name]
        for category, column in CATEGORY_COLUMNS.items():
            row[column] = categories[category]
        points = penalty(severities, self.weights)
        row["penalty"] = points
        row["score"] = round(Score(int(row["words"]), points).value, 4)  # type: ignore[call-overload]
        row["keep"] = points <= self.max_penalty
        row["run_scope"] = run_scope
        return row


@dataclass
class Stats:
    """What a shard (or a run) held: counts for the summary, kept in the manifest."""

    segments: int = 0
    words: int = 0
    findings: int = 0
    kept: int = 0
    penalty: float = 0.0
    severity: Counter[str] = field(default_factory=Counter)
    category: Counter[str] = field(default_factory=Counter)
    rule: Counter[str] = field(default_factory=Counter)

    def add_row(self, row: Mapping[str, object]) -> None:
        self.segments += 1
        self.words += int(row["words"])  # type: ignore[call-overload]
        self.kept += bool(row["keep"])
        self.penalty += float(row["penalty"])  # type: ignore[arg-type]

    def add_finding(self, finding: Finding) -> None:
        self.findings += 1
        self.severity[str(finding.severity)] += 1
        self.category[finding.category] += 1
        self.rule[finding.rule] += 1

    def merge(self, other: Stats) -> None:
        self.segments += other.segments
        self.words += other.words
        self.findings += other.findings
        self.kept += other.kept
        self.penalty += other.penalty
        self.severity.update(other.severity)
        self.category.update(other.category)
        self.rule.update(other.rule)

    def as_dict(self) -> dict[str, object]:
        return {
            "segments": self.segments,
            "words": self.words,
            "findings": self.findings,
            "kept": self.kept,
            "dropped": self.segments - self.kept,
            "penalty": round(self.penalty, 2),
            "by_severity": dict(sorted(self.severity.items())),
            "by_category": dict(sorted(self.category.items())),
            "by_rule": dict(sorted(self.rule.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Stats:
        return cls(
            int(data["segments"]),  # type: ignore[call-overload]
            int(data["words"]),  # type: ignore[call-overload]
            int(data["findings"]),  # type: ignore[call-overload]
            int(data["kept"]),  # type: ignore[call-overload]
            float(data["penalty"]),  # type: ignore[arg-type]
            Counter(data["by_severity"]),  # type: ignore[arg-type]
            Counter(data["by_category"]),  # type: ignore[arg-type]
            Counter(data["by_rule"]),  # type: ignore[arg-type]
        )


class PartWriter:
    """A Parquet part written batch by batch to a temporary name, renamed over ``path`` on
    ``commit`` (so an interrupted run leaves no part that looks whole)."""

    def __init__(self, path: str, schema) -> None:  # type: ignore[no-untyped-def]
        import pyarrow.parquet as pq

        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.path = path
        self.temporary = f"{path}.{os.getpid()}.tmp"
        self.schema = schema
        self.writer = pq.ParquetWriter(self.temporary, schema, compression="zstd")

    def write(self, rows: list[dict[str, object]]) -> None:
        import pyarrow as pa

        if rows:
            self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def commit(self) -> None:
        self.writer.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.writer.close()
        if os.path.exists(self.temporary):
            os.unlink(self.temporary)
