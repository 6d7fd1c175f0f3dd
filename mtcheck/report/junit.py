"""JUnit XML: the test-report format every CI dashboard reads (Jenkins, GitLab, Azure
Pipelines, CircleCI, the GitHub test-reporter actions).

Shape: one ``<testsuite>`` per file (name = path) and one ``<testcase>`` per finding. A
finding at or above ``--fail-on`` holds exactly one ``<failure>`` (type = rule id, message =
the message, body = location, segment, flagged text and fix); one below it is a passed case
whose ``<system-out>`` holds the same text, so the dashboard's red count is the count that
failed the build. One case per finding rather than per segment: the JUnit schema allows a
single failure per case, and Jenkins and GitLab show only the first. Clean segments are not
written as passed cases: on a batch of a million segments that is a million lines nobody
reads. A case is named ``<segment key> <rule>`` (numbered when a rule fires twice in a
segment), which stays the same from build to build while the segment and the problem do.

Problems that stopped a file being read are ``<error>`` cases in a suite named ``mtcheck``;
a failed ``--min-score`` gate is a failing ``min-score`` case there, saying which scores fell
short and by how much. A run with no case at all writes one passed case there, because some
CI (Jenkins' ``junit`` step) fails a build whose report holds no test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TextIO

from mtcheck.model import Finding, Severity, Side
from mtcheck.report.summary import Summary

#: Characters XML 1.0 cannot carry even escaped; a segment may hold them (a stray U+000B
#: from a word processor). They are written as ``\\xNN`` so the report stays well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def failure_body(finding: Finding) -> str:
    segment = finding.segment
    body = segment.target if finding.side is Side.TARGET else (segment.source or "")
    lines = [
        f"{segment.origin.path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.rule}"
        f" ({finding.category})",
        finding.message,
        f"segment {segment.key}, {finding.side.value}: {body}",
        f"flagged: “{finding.text}”",
    ]
    fix = finding.fix
    if fix is not None and finding.side is Side.TARGET:
        lines.append(f"fix ({fix.safety.value}): {fix.title}: “{finding.text}” → “{finding.replacement}”")
    return "\n".join(lines)


class JunitReport:
    """Findings are grouped by file until ``finish``: an XML document is written at once."""

    def __init__(self, stream: TextIO, fail_on: str = "minor") -> None:
        self.stream = stream
        self.fail_rank = Severity(fail_on).rank if fail_on in tuple(Severity) else None  # None: never
        self.by_path: dict[str, list[Finding]] = {}

    def fails(self, finding: Finding) -> bool:
        return self.fail_rank is not None and finding.severity.rank >= self.fail_rank

    def finding(self, finding: Finding) -> None:
        self.by_path.setdefault(finding.segment.origin.path, []).append(finding)

    def finish(self, summary: Summary, problems: list[str]) -> None:
        self.stream.write(self.render(summary, problems))
        self.stream.flush()

    def render(self, summary: Summary, problems: list[str]) -> str:
        findings = sum(len(found) for found in self.by_path.values())
        failures = sum(self.fails(f) for found in self.by_path.values() for f in found)
        short = summary.shortfalls()
        gate = 1 if short else 0
        empty = not findings and not problems and not gate
        root = ET.Element(
            "testsuites",
            {
                "name": "mtcheck",
                "tests": str(findings + len(problems) + gate + empty),
                "failures": str(failures + gate),
                "errors": str(len(problems)),
            },
        )
        for path, found in self.by_path.items():
            self._suite(root, path, found)
        if problems or gate or empty:
            suite = ET.SubElement(
                root,
                "testsuite",
                {
                    "name": "mtcheck",
                    "tests": str(len(problems) + gate + empty),
                    "failures": str(gate),
                    "errors": str(len(problems)),
                },
            )
            for problem in problems:
                case = ET.SubElement(suite, "testcase", {"name": _xml_safe(problem), "classname": "mtcheck"})
                ET.SubElement(case, "error", {"message": _xml_safe(problem), "type": "problem"})
            if gate:
                case = ET.SubElement(suite, "testcase", {"name": "min-score", "classname": "mtcheck"})
                failure = ET.SubElement(case, "failure", {"message": _xml_safe(short[0].text()), "type": "min-score"})
                failure.text = _xml_safe("\n".join(s.text() for s in short))
            if empty:
                case = ET.SubElement(suite, "testcase", {"name": "no findings", "classname": "mtcheck"})
                files = "file" if summary.files == 1 else "files"
                out = ET.SubElement(case, "system-out")
                out.text = f"No findings in {summary.segments} segments of {summary.files} {files}."
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def _suite(self, root: ET.Element, path: str, found: list[Finding]) -> None:
        safe_path = _xml_safe(path)
        failing = sum(self.fails(f) for f in found)
        suite = ET.SubElement(
            root, "testsuite", {"name": safe_path, "tests": str(len(found)), "failures": str(failing), "errors": "0"}
        )
        seen: Counter[tuple[str, str]] = Counter()
        for finding in found:
            key = (finding.segment.key, finding.rule)
            seen[key] += 1
            name = f"{finding.segment.key} {finding.rule}" + (f" ({seen[key]})" if seen[key] > 1 else "")
            case = ET.SubElement(
                suite,
                "testcase",
                {"name": _xml_safe(name), "classname": safe_path, "file": safe_path, "line": str(finding.line)},
            )
            if self.fails(finding):
                failure = ET.SubElement(case, "failure", {"message": _xml_safe(finding.message), "type": finding.rule})
                failure.text = _xml_safe(failure_body(finding))
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _xml_safe(failure_body(finding))
