"""Choosing a report: ``--format`` (``auto`` by default) and ``--statistics``.

``auto`` means GitHub annotations inside GitHub Actions (which sets ``GITHUB_ACTIONS=true``
in every step) and the terminal report everywhere else, so a workflow that runs plain
``mtcheck check`` gets annotations on the pull request with no flag. Report modules are
imported only once chosen: ``mtcheck check`` stays quick to start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Protocol, TextIO

from mtcheck.model import Finding
from mtcheck.report.summary import Summary
from mtcheck.rule import RuleInfo

#: Every ``--format`` value, ``auto`` first (the default).
FORMATS: tuple[str, ...] = ("auto", "terminal", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html")
#: ``auto`` with ``-o FILE`` follows the file's extension.
EXTENSION_FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".sarif": "sarif",
}


class Report(Protocol):
    def finding(self, finding: Finding) -> None: ...

    def finish(self, summary: Summary, problems: list[str]) -> None: ...


def resolve_format(name: str, environ: Mapping[str, str], output: str | None = None) -> str:
    """The concrete format for ``name``: only ``auto`` depends on the environment, and on
    the extension of the ``-o`` file (``report.html`` is an HTML report)."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}")
    if name != "auto":
        return name
    if output is not None:
        return EXTENSION_FORMATS.get(os.path.splitext(output)[1].lower(), "terminal")
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "terminal"


def make_report(
    name: str,
    stream: TextIO,
    *,
    version: str,
    rules: Sequence[RuleInfo],
    environ: Mapping[str, str],
    statistics: bool = False,
    output: str | None = None,
    fail_on: str = "minor",
    color: str = "auto",
    quiet: bool = False,
    show_fixes: bool = False,
) -> Report:
    """The report for ``--format name`` (and ``--statistics``), writing to ``stream``.

    ``rules`` are the run's selected rules (SARIF lists them; statistics describe them).
    Under ``--statistics`` the json and jsonl formats give the table as JSON, every other
    format as text. ``fail_on`` decides JUnit's failures; ``color`` (auto, always, never),
    ``quiet`` and ``show_fixes`` shape the terminal report.
    """
    fmt = resolve_format(name, environ, output)
    if statistics:
        from mtcheck.report.statistics import StatisticsReport

        return StatisticsReport(stream, rules, style=fmt if fmt in ("json", "jsonl") else "text")
    if fmt == "json":
        from mtcheck.report.jsonout import JsonReport

        return JsonReport(stream, version)
    if fmt == "jsonl":
        from mtcheck.report.jsonout import JsonLinesReport

        return JsonLinesReport(stream)
    if fmt == "sarif":
        from mtcheck.report.sarif import SarifReport

        return SarifReport(stream, version, rules)
    if fmt == "junit":
        from mtcheck.report.junit import JunitReport

        return JunitReport(stream, fail_on)
    if fmt == "gitlab":
        from mtcheck.report.gitlab import GitlabReport

        return GitlabReport(stream)
    if fmt == "html":
        from mtcheck.report.html import HtmlReport

        return HtmlReport(stream, version, rules, generated=report_time(environ))
    if fmt == "github":
        from mtcheck.report.github import GithubReport

        return GithubReport(stream)
    from mtcheck.display import terminal_width, use_color
    from mtcheck.report.terminal import TerminalReport

    return TerminalReport(
        stream,
        color=use_color(color, stream, environ),
        width=terminal_width(stream, environ),
        quiet=quiet,
        show_fixes=show_fixes,
    )


def report_time(environ: Mapping[str, str]) -> datetime:
    """When the report was made: now, or ``SOURCE_DATE_EPOCH`` for reproducible output."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now().astimezone()
