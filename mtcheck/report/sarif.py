"""SARIF 2.1.0: the log format code-scanning services read (GitHub code scanning, Azure
DevOps, the VS Code SARIF viewer).

One run. ``tool.driver.rules`` lists every rule the run selected, so a viewer can show a
rule's help even where it found nothing; each result names its rule by id and index. The
invocation's notifications carry the files that could not be read and a failed
``--min-score`` gate (the batch's score and each file's below it, by how much).

Levels: SARIF has error, warning and note; MQM has critical, major and minor. critical and
major are ``error`` (meaning changed or content lost); minor is ``warning``, not ``note``,
because it still fails the default ``--fail-on minor`` gate. The MQM tier itself is kept in
``properties.severity`` of the rule and of each result (a glossary entry can raise it).

Positions are the JSON report's: 1-based lines, columns in Unicode code points
(``run.columnKind``), the end column exclusive as SARIF defines it. Fixes are written only
for target-side findings in segments whose target stands in the file character for
character (no escapes, one line): elsewhere a column counted in decoded text would land the
replacement in the wrong place, and a viewer that applies it would corrupt the file.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from mtcheck.fingerprint import content_key
from mtcheck.model import Finding, Segment, Severity, Side
from mtcheck.report.summary import Summary
from mtcheck.rule import RuleInfo

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "mtcheck/v2"
LEVELS: dict[Severity, str] = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}
STDIN_NAME = "<stdin>"


def end_position(finding: Finding) -> tuple[int, int]:
    """The line and exclusive 1-based column just after the flagged text."""
    text = finding.text
    newlines = text.count("\n")
    if not newlines:
        return finding.line, finding.column + len(text)
    return finding.line + newlines, len(text) - text.rfind("\n")


def artifact_uri(path: str) -> str:
    """A relative path stays relative (percent-escaped); an absolute one becomes file://."""
    if path == STDIN_NAME:
        return "stdin"
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def rule_name(rule_id: str) -> str:
    """SARIF's human-facing ``name``: the id in PascalCase (``repeat.word`` → ``RepeatWord``)."""
    parts = [part for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part]
    return "".join(part[:1].upper() + part[1:] for part in parts) or rule_id


def fingerprint(finding: Finding) -> str:
    """A hash of the finding's content key (fingerprint.py): lines and offsets shift, it does not."""
    return content_key(finding).digest()


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": rule_name(info.id),
        "shortDescription": {"text": info.summary},
    }
    if info.why:
        descriptor["fullDescription"] = {"text": info.why}
    descriptor["help"] = {"text": info.why or info.summary}
    descriptor["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    descriptor["properties"] = {
        "category": info.category,
        "severity": info.severity.value,
        "tags": [info.category],
    }
    return descriptor


def _writes_in_place(segment: Segment) -> bool:
    """Whether target offsets map onto file columns one to one (see the module docstring)."""
    span = segment.origin.span
    return span is not None and span[1] - span[0] == len(segment.target) and "\n" not in segment.target


def _fixes(finding: Finding, uri: str) -> list[dict[str, Any]]:
    fix = finding.fix
    segment = finding.segment
    if fix is None or finding.side is not Side.TARGET or not _writes_in_place(segment):
        return []
    line, column = segment.origin.line, segment.origin.column
    replacements = [
        {
            "deletedRegion": {
                "startLine": line,
                "startColumn": column + edit.start,
                "endLine": line,
                "endColumn": column + edit.end,
            },
            "insertedContent": {"text": edit.replacement},
        }
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end))
    ]
    record: dict[str, Any] = {}
    if fix.title:
        record["description"] = {"text": fix.title}
    record["artifactChanges"] = [{"artifactLocation": {"uri": uri}, "replacements": replacements}]
    record["properties"] = {"safety": fix.safety.value}
    return [record]


class SarifReport:
    """Results are kept until ``finish``: a SARIF log is one JSON document."""

    def __init__(
        self, stream: TextIO, version: str, rules: Sequence[RuleInfo], *, information_uri: str | None = None
    ) -> None:
        self.stream = stream
        self.version = version
        self.information_uri = information_uri
        self.rules: list[dict[str, Any]] = [rule_descriptor(info) for info in rules]
        self.rule_index: dict[str, int] = {}
        for index, info in enumerate(rules):
            self.rule_index.setdefault(info.id, index)
        self.results: list[dict[str, Any]] = []
        self.seen: Counter[str] = Counter()

    def _index(self, rule_id: str) -> int:
        """A finding from a rule not in the selection (none expected) still gets a descriptor."""
        if rule_id not in self.rule_index:
            self.rule_index[rule_id] = len(self.rules)
            self.rules.append({"id": rule_id})
        return self.rule_index[rule_id]

    def finding(self, finding: Finding) -> None:
        uri = artifact_uri(finding.segment.origin.path)
        end_line, end_column = end_position(finding)
        digest = fingerprint(finding)
        # Two findings with one signature (the same word flagged twice in a segment) stay
        # distinct, the way GitHub numbers its own line hashes.
        self.seen[digest] += 1
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": self._index(finding.rule),
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": end_line,
                            "endColumn": end_column,
                            "snippet": {"text": finding.text},
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{self.seen[digest]}"},
        }
        fixes = _fixes(finding, uri)
        if fixes:
            result["fixes"] = fixes
        result["properties"] = {
            "category": finding.category,
            "severity": finding.severity.value,
            "side": finding.side.value,
            "segment": finding.segment.key,
        }
        self.results.append(result)

    def finish(self, summary: Summary, problems: list[str]) -> None:
        driver: dict[str, Any] = {"name": "mtcheck", "version": self.version}
        if self.information_uri:
            driver["informationUri"] = self.information_uri
        driver["rules"] = self.rules
        invocation: dict[str, Any] = {"executionSuccessful": not problems}
        notifications: list[dict[str, Any]] = [{"level": "error", "message": {"text": p}} for p in problems]
        for short in summary.shortfalls():  # a failed --min-score gate: the batch, then each file below
            notification: dict[str, Any] = {
                "level": "error",
                "message": {"text": short.text()},
                "descriptor": {"id": "min-score"},
            }
            if short.path is not None:
                notification["locations"] = [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(short.path)}}}
                ]
            notifications.append(notification)
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            # The batch's MQM-style score: it needs the word count, which results do not carry.
            "properties": {"mqm": summary.score.as_dict()},
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
        self.stream.flush()
