"""The human report: location, severity, rule, message, the excerpt with the span marked,
the proposed fix as ``-``/``+`` lines, then a summary by category and severity.

Lines are built as (text, style) pieces; rich renders them in colour on a terminal, and a
plain writer prints the same characters when stdout is a pipe or NO_COLOR is set (rich is
then never imported).
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from mtcheck.display import escape
from mtcheck.model import Edit, Finding, Severity, Side, apply_edits
from mtcheck.report.summary import Summary

Piece = tuple[str, str | None]
Line = list[Piece]

SEVERITY_STYLE = {Severity.CRITICAL: "bold white on red", Severity.MAJOR: "bold red", Severity.MINOR: "yellow"}
CONTEXT = 40
GUTTER = "  │ "


def display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _visible(text: str) -> str:
    """As shown: a tab as a space, control characters escaped (so carets line up with them)."""
    return escape(text.replace("\t", " "))


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    return max(0, start - CONTEXT), min(len(text), end + CONTEXT)


def _ellipsis(text: str, left: int, right: int, length: int) -> str:
    return ("…" if left > 0 else "") + _visible(text) + ("…" if right < length else "")


def finding_lines(finding: Finding) -> list[Line]:
    segment = finding.segment
    body = segment.target if finding.side is Side.TARGET else (segment.source or "")
    location = escape(f"{segment.origin.path}:{finding.line}:{finding.column}:")
    lines: list[Line] = [
        [
            (location, "bold"),
            (" ", None),
            (finding.severity.value, SEVERITY_STYLE[finding.severity]),
            (" ", None),
            (finding.rule, "cyan"),
        ],
        [("  " + escape(finding.message), None)],
    ]
    left, right = _window(body, finding.start, finding.end)
    prefix = "…" if left > 0 else ""
    excerpt = _ellipsis(body[left:right], left, right, len(body))
    caret_pad = display_width(prefix + _visible(body[left : finding.start]))
    caret_len = max(1, display_width(_visible(body[finding.start : finding.end])))
    lines.append([(GUTTER, "dim"), (excerpt, None)])
    lines.append([(GUTTER, "dim"), (" " * caret_pad, None), ("^" * caret_len, SEVERITY_STYLE[finding.severity])])
    fix = finding.fix
    if fix is not None and finding.side is Side.TARGET:
        head = f"  fix ({fix.safety.value}): {escape(fix.title)}"
        if fix.reason:
            head += f" (not safe: {escape(fix.reason)})"
        lines.append([(head, "green" if fix.safety == "safe" else "magenta")])
        lo = min([finding.start, *(edit.start for edit in fix.edits)])
        hi = max([finding.end, *(edit.end for edit in fix.edits)])
        left, right = _window(body, lo, hi)
        # Only the excerpt is rebuilt: a long segment with many fixes stays linear.
        shifted = [Edit(edit.start - left, edit.end - left, edit.replacement) for edit in fix.edits]
        fixed = apply_edits(body[left:right], shifted)
        lines.append([("  - ", "red"), (_ellipsis(body[left:right], left, right, len(body)), "red")])
        lines.append([("  + ", "green"), (_ellipsis(fixed, left, right, len(body)), "green")])
    return lines


def summary_lines(summary: Summary, problems: list[str]) -> list[Line]:
    severities = [Severity.CRITICAL, Severity.MAJOR, Severity.MINOR]
    files = "file" if summary.files == 1 else "files"
    if not summary.findings:
        head = f"No findings in {summary.segments} segments of {summary.files} {files}."
        lines: list[Line] = [[(head, "bold green")]]
    else:
        counts = ", ".join(f"{summary.by_severity[s]} {s.value}" for s in severities)
        noun = "finding" if summary.findings == 1 else "findings"
        head = f"{summary.findings} {noun} ({counts}) in {summary.segments} segments of {summary.files} {files}"
        lines = [[(head, "bold")]]
        width = max(len("category"), *(len(c) for c in summary.by_category))
        lines.append([("  " + "category".ljust(width) + "".join(f"{s.value:>10}" for s in severities), "dim")])
        for category, counts_by in sorted(summary.by_category.items()):
            row = "  " + category.ljust(width) + "".join(f"{counts_by[s]:>10}" for s in severities)
            lines.append([(row, None)])
        score = summary.score
        lines.append(
            [
                (
                    f"MQM score {score.value:.1f} ({score.penalty:g} penalty points, "
                    f"{score.per_thousand:.1f} per 1,000 words; {score.words} words)",
                    None,
                )
            ]
        )
        safe, suggestions = summary.fixes["safe"], summary.fixes["suggestion"]
        if safe or suggestions:
            noun = "suggestion" if suggestions == 1 else "suggestions"
            lines.append(
                [
                    (
                        f"Fixes available: {safe} safe (`mtcheck fix`), {suggestions} {noun} "
                        "(`mtcheck fix --unsafe-fixes`, or review with `-i`).",
                        None,
                    )
                ]
            )
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append([(f"{len(problems)} {noun} reported on stderr.", "bold red")])
    return lines


class TerminalReport:
    def __init__(self, stream: TextIO, *, color: bool) -> None:
        self.stream = stream
        self.console = None
        if color:
            from rich.console import Console

            self.console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True, emoji=False)

    def _write(self, lines: list[Line]) -> None:
        if self.console is None:
            for line in lines:
                self.stream.write("".join(text for text, _ in line) + "\n")
            return
        from rich.text import Text

        for line in lines:
            self.console.print(Text.assemble(*((t, s or "") for t, s in line)))

    #: `check --ref`: sentence chrF by segment key, shown after the rule id.
    chrf: dict[str, float] | None = None
    #: `check --ref`: lines for the end of the summary (corpus chrF, where to start).
    extra_summary: list[str] | None = None

    def finding(self, finding: Finding) -> None:
        lines = finding_lines(finding)
        if self.chrf is not None and finding.segment.key in self.chrf:
            lines[0].append((f"  chrF {self.chrf[finding.segment.key]:.2f}", "dim"))
        self._write([*lines, []])

    def finish(self, summary: Summary, problems: list[str]) -> None:
        lines = summary_lines(summary, problems)
        lines.extend([(escape(line), None)] for line in self.extra_summary or ())
        self._write(lines)
        self.stream.flush()
