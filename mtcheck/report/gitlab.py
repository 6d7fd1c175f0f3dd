"""GitLab Code Quality: the JSON array a ``codequality`` report artifact holds, shown in merge
requests and pipelines.

Each finding is one object with the fields GitLab requires: ``description`` (the message),
``check_name`` (the rule id), ``fingerprint``, ``severity`` and ``location`` (``path``
relative to the repository root, ``lines.begin``). GitLab compares reports of the base and the
merge request by fingerprint, so it is the finding's content key (fingerprint.py), which lines
moving do not change; a second finding with the same key gets the key's hash with its number,
because GitLab needs every fingerprint of a report to be unique. MQM's minor, major and critical
are GitLab's severities of the same names.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, TextIO

from mtcheck.fingerprint import content_key
from mtcheck.model import Finding
from mtcheck.report.summary import Summary


def issue(finding: Finding, occurrence: int = 1) -> dict[str, Any]:
    key = content_key(finding)
    digest = key.digest()
    if occurrence > 1:
        digest = hashlib.sha256(f"{digest}:{occurrence}".encode()).hexdigest()
    return {
        "description": f"{finding.message} ({finding.category})",
        "check_name": finding.rule,
        "fingerprint": digest,
        "severity": finding.severity.value,
        "location": {"path": key.path, "lines": {"begin": finding.line}},
    }


class GitlabReport:
    """Issues are kept until ``finish``: the report is one JSON array."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.issues: list[dict[str, Any]] = []
        self.seen: Counter[str] = Counter()

    def finding(self, finding: Finding) -> None:
        digest = content_key(finding).digest()
        self.seen[digest] += 1
        self.issues.append(issue(finding, self.seen[digest]))

    def finish(self, summary: Summary, problems: list[str]) -> None:
        json.dump(self.issues, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
        self.stream.flush()
