"""JUnit XML: the test-report format every CI dashboard reads (Jenkins, GitLab, Azure
Pipelines, CircleCI, the GitHub test-reporter actions).

Shape: one ``<testsuite>`` per file (name = path) and one ``<testcase>`` per finding,
holding exactly one ``<failure>`` (type = rule id, message = the message, body = location,
segment, flagged text and fix). One case per finding rather than per segment: the JUnit
schema allows a single failure per case, and Jenkins and GitLab show only the first, so a
segment with three findings would show one. Clean segments are not written as passed cases:
on a batch of a million segments that is a million lines nobody reads. A case is named
``<segment key> <rule>`` (numbered when a rule fires twice in a segment), which stays the
same from build to build while the segment and the problem do.

Problems that stopped a file being read are ``<error>`` cases in a suite named ``mtcheck``.
A clean run writes one passed case there, because some CI (Jenkins' ``junit`` step) fails a
build whose report holds no test at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TextIO

from mtcheck.model import Finding, Side
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

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.by_path: dict[str, list[Finding]] = {}

    def finding(self, finding: Finding) -> None:
        self.by_path.setdefault(finding.segment.origin.path, []).append(finding)

    def finish(self, summary: Summary, problems: list[str]) -> None:
        self.stream.write(self.render(summary, problems))
        self.stream.flush()

    def render(self, summary: Summary, problems: list[str]) -> str:
        findings = sum(len(found) for found in self.by_path.values())
        clean = not findings and not problems
        root = ET.Element(
            "testsuites",
            {
                "name": "mtcheck",
                "tests": str(findings + len(problems) + clean),
                "failures": str(findings),
                "errors": str(len(problems)),
            },
        )
        for path, found in self.by_path.items():
            self._suite(root, path, found)
        if problems or clean:
            suite = ET.SubElement(
                root,
                "testsuite",
                {"name": "mtcheck", "tests": str(len(problems) + clean), "failures": "0", "errors": str(len(problems))},
            )
            for problem in problems:
                case = ET.SubElement(suite, "testcase", {"name": _xml_safe(problem), "classname": "mtcheck"})
                ET.SubElement(case, "error", {"message": _xml_safe(problem), "type": "problem"})
            if clean:
                case = ET.SubElement(suite, "testcase", {"name": "no findings", "classname": "mtcheck"})
                files = "file" if summary.files == 1 else "files"
                out = ET.SubElement(case, "system-out")
                out.text = f"No findings in {summary.segments} segments of {summary.files} {files}."
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    @staticmethod
    def _suite(root: ET.Element, path: str, found: list[Finding]) -> None:
        safe_path = _xml_safe(path)
        suite = ET.SubElement(
            root, "testsuite", {"name": safe_path, "tests": str(len(found)), "failures": str(len(found)), "errors": "0"}
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
            failure = ET.SubElement(case, "failure", {"message": _xml_safe(finding.message), "type": finding.rule})
            failure.text = _xml_safe(failure_body(finding))
