"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=mtcheck RULE::message``, one line
per finding, written as it is found. critical and major findings are errors, minor ones
warnings (the same split as SARIF's levels). Data and properties are escaped as the Actions
toolkit does, so a segment's ``%``, newlines, ``,`` or ``:`` cannot end a command early or
start a new one. Columns are 1-based code points with an exclusive end; the runner rejects
``col``/``endColumn`` on a span across lines, so those then carry lines only.

A failed ``--min-score`` gate is an ``::error`` for the batch and one for each file scoring
below the threshold (on that file), saying by how much. The last line is a ``::notice`` with
the totals: GitHub shows only the first ten errors and ten warnings of a step as annotations,
and the notice says how many there were.
"""

from __future__ import annotations

from typing import TextIO

from mtcheck.display import escape
from mtcheck.model import Finding, Severity, Side
from mtcheck.report.sarif import STDIN_NAME, end_position
from mtcheck.report.summary import Summary

COMMANDS: dict[Severity, str] = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}


def escape_data(text: str) -> str:
    """The toolkit's escapes; the runner reads the rest raw, so a log viewer would see them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(escape(str(value)))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    path = finding.segment.origin.path
    message = f"{escape(finding.message)} ({finding.severity.value}, {finding.category})"
    fix = finding.fix
    if fix is not None and finding.side is Side.TARGET:
        # The one line break GitHub shows (%0A); the texts themselves are escaped.
        message += f"\nfix ({fix.safety.value}): {escape(fix.title or finding.replacement or '')}"
    properties: dict[str, str | int] = {}
    if path == STDIN_NAME:
        # No file to annotate: the location goes into the message, as in the terminal report.
        message = f"{escape(path)}:{finding.line}:{finding.column}: {message}"
    else:
        end_line, end_column = end_position(finding)
        properties = {"file": path, "line": finding.line, "endLine": end_line}
        if end_line == finding.line:
            properties["col"] = finding.column
            properties["endColumn"] = end_column
    properties["title"] = f"mtcheck {finding.rule}"
    return command(COMMANDS[finding.severity], properties, message)


def summary_text(summary: Summary, problems: list[str]) -> str:
    files = "file" if summary.files == 1 else "files"
    where = f"{summary.segments} segments of {summary.files} {files}"
    if summary.findings:
        counts = ", ".join(f"{summary.by_severity[s]} {s.value}" for s in reversed(Severity))
        noun = "finding" if summary.findings == 1 else "findings"
        score = summary.score
        text = f"{summary.findings} {noun} ({counts}) in {where}; MQM score {score.value:.1f} ({score.words} words)"
    else:
        text = f"No findings in {where}"
    if problems:
        text += f"; {len(problems)} {'problem' if len(problems) == 1 else 'problems'}"
    return text + "."


class GithubReport:
    #: It says itself that the score gate failed (cli/check.py need not say it again).
    SHOWS_GATE = True

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def finding(self, finding: Finding) -> None:
        self.stream.write(annotation(finding) + "\n")

    def finish(self, summary: Summary, problems: list[str]) -> None:
        for problem in problems:
            self.stream.write(command("error", {"title": "mtcheck"}, escape(problem)) + "\n")
        for short in summary.shortfalls():  # a failed --min-score gate: the batch, then each file below
            properties: dict[str, str | int] = {}
            if short.path is not None and short.path != STDIN_NAME:
                properties["file"] = short.path
            properties["title"] = "mtcheck min-score"
            self.stream.write(command("error", properties, escape(short.text())) + "\n")
        self.stream.write(command("notice", {"title": "mtcheck"}, summary_text(summary, problems)) + "\n")
        self.stream.flush()
