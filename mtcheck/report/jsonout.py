"""JSON and JSON Lines: the contract other tools build on (fields as in DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mtcheck.model import Finding


def finding_record(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "path": finding.segment.origin.path,
        "segment": finding.segment.key,
        "line": finding.line,
        "column": finding.column,
        "start": finding.start,
        "end": finding.end,
        "side": finding.side.value,
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "text": finding.text,
        "fix": None
        if fix is None
        else {"replacement": finding.replacement, "safety": fix.safety.value, "reason": fix.reason or None},
    }


def _with_chrf(record: dict[str, Any], chrf: dict[str, float] | None, key: str) -> dict[str, Any]:
    """`check --ref` adds the segment's sentence chrF to each finding."""
    if chrf is not None:
        record["chrf"] = chrf.get(key)
    return record


class JsonLinesReport:
    """One finding per line, written as it is found: memory stays flat on big batches."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    chrf: dict[str, float] | None = None

    def finding(self, finding: Finding) -> None:
        record = _with_chrf(finding_record(finding), self.chrf, finding.segment.key)
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def finish(self, summary: Any, problems: list[str]) -> None:
        self.stream.flush()


class JsonReport:
    """One document: findings, the problems that stopped files being read, and a summary."""

    def __init__(self, stream: TextIO, version: str) -> None:
        self.stream = stream
        self.version = version
        self.records: list[dict[str, Any]] = []

    chrf: dict[str, float] | None = None
    #: `check --ref`: the corpus chrF and the post-editing order, under "reference".
    reference: dict[str, Any] | None = None

    def finding(self, finding: Finding) -> None:
        self.records.append(_with_chrf(finding_record(finding), self.chrf, finding.segment.key))

    def finish(self, summary: Any, problems: list[str]) -> None:
        document = {
            "tool": {"name": "mtcheck", "version": self.version},
            "findings": self.records,
            "errors": problems,
            "summary": summary.as_dict(),
        }
        if self.reference is not None:
            document["reference"] = self.reference
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
