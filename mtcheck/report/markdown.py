"""The Markdown summary GitHub shows on a workflow run's page (``$GITHUB_STEP_SUMMARY``).

Written by every ``mtcheck check`` run inside GitHub Actions, whatever ``--format`` says, so
the annotations and the summary come from one run. It says pass or fail against the gates,
the totals and score, the files below ``--min-score`` and by how much, findings per file and
per rule (with how many ``mtcheck fix`` can fix), the first ``LISTED`` findings, and the
problems. Text from files is escaped for Markdown and HTML (GitHub renders both): a file name
or message cannot add a link, an image or a table cell.
"""

from __future__ import annotations

import html
import re

from mtcheck.display import escape
from mtcheck.model import Finding, Severity
from mtcheck.report.summary import Summary

LISTED = 50
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """``text`` as literal Markdown inline text: one line, HTML-escaped, punctuation escaped."""
    return _MARKDOWN.sub(r"\\\1", html.escape(escape(text), quote=False))


def step_summary(summary: Summary, problems: list[str], findings: list[Finding], *, fail_on: str, passed: bool) -> str:
    files = "file" if summary.files == 1 else "files"
    verdict = "passed" if passed else "failed"
    lines = [f"## mtcheck: {'✅' if passed else '❌'} {verdict}", ""]
    score = summary.score
    if summary.findings:
        counts = ", ".join(f"{summary.by_severity[s]} {s.value}" for s in reversed(Severity))
        noun = "finding" if summary.findings == 1 else "findings"
        lines.append(
            f"{summary.findings} {noun} ({counts}) in {summary.segments} segments of {summary.files} {files}; "
            f"MQM score {score.value:.1f} ({score.penalty:g} penalty points, {score.per_thousand:.1f} per 1,000 words)."
        )
    else:
        lines.append(f"No findings in {summary.segments} segments of {summary.files} {files}.")
    lines.append("")
    gates = [f"`--fail-on {fail_on}`"]
    if summary.min_score is not None:
        gates.append(f"`--min-score {summary.min_score:g}`")
    lines.append("Gates: " + ", ".join(gates) + ".")
    short = summary.shortfalls()
    if short:
        lines += ["", "**Score gate failed:**", ""]
        lines += [f"- {md(s.text())}" for s in short]
    if summary.findings:
        lines += ["", "| file | segments | findings | score |", "|---|---:|---:|---:|"]
        for path, file_score in summary.file_scores.items():
            if summary.by_file[path]:
                segments = summary.file_segments.get(path, 0)
                lines.append(f"| {md(path)} | {segments} | {summary.by_file[path]} | {file_score.value:.1f} |")
        lines += ["", "| rule | findings | fixable |", "|---|---:|---:|"]
        for rule, count in sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"| `{rule}` | {count} | {summary.safe_by_rule[rule] or '–'} |")
        shown = "the first " + str(LISTED) if summary.findings > LISTED else "all"
        lines += ["", f"<details><summary>Findings ({shown})</summary>", ""]
        lines += ["| where | severity | rule | message |", "|---|---|---|---|"]
        for finding in findings[:LISTED]:
            where = f"{finding.segment.origin.path}:{finding.line}:{finding.column}"
            lines.append(f"| {md(where)} | {finding.severity.value} | `{finding.rule}` | {md(finding.message)} |")
        lines += ["", "</details>"]
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines += ["", f"**{len(problems)} {noun}:**", ""]
        lines += [f"- {md(problem)}" for problem in problems]
    return "\n".join(lines) + "\n\n"


class StepSummary:
    """Collects the first ``LISTED`` findings of a run and appends the summary to ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def add(self, finding: Finding) -> None:
        if len(self.findings) < LISTED:
            self.findings.append(finding)

    def write(self, summary: Summary, problems: list[str], fail_on: str, *, passed: bool) -> str:
        """Append the summary; a one-line warning when the file cannot be written, else ""."""
        text = step_summary(summary, problems, self.findings, fail_on=fail_on, passed=passed)
        try:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            return f"{self.path}: warning: cannot write the step summary: {exc.strerror or exc}"
        return ""
