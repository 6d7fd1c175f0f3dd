"""The human report: location, severity, rule, message, the excerpt with the span marked,
the proposed fix as ``-``/``+`` lines, then a summary by category and severity.

Lines are built as (text, style) pieces; rich renders them in colour on a terminal, and a
plain writer prints the same characters when stdout is a pipe or colour is off (rich is then
never imported). Every line fits the width it is given (the terminal's, else ``COLUMNS``,
else 100): excerpts are cropped around the span by terminal cells (report/cells.py: CJK and
emoji take two, joiners and combining marks none), messages wrapped. A source-side finding
(a term or a placeholder of the source missing in the target) says so, and shows the target
under the source.
"""

from __future__ import annotations

from typing import TextIO

from mtcheck.display import escape
from mtcheck.model import Edit, Finding, Severity, Side, apply_edits
from mtcheck.report.cells import crop, crop_from, wrap
from mtcheck.report.summary import Summary

Piece = tuple[str, str | None]
Line = list[Piece]

SEVERITY_STYLE = {Severity.CRITICAL: "bold white on red", Severity.MAJOR: "bold red", Severity.MINOR: "yellow"}
DEFAULT_WIDTH = 100
GUTTER = "  │ "
SOURCE_GUTTER = "  source │ "
TARGET_GUTTER = "  target │ "


def finding_lines(finding: Finding, width: int = DEFAULT_WIDTH) -> list[Line]:
    segment = finding.segment
    source_side = finding.side is Side.SOURCE
    body = segment.target if not source_side else (segment.source or "")
    location = escape(f"{segment.origin.path}:{finding.line}:{finding.column}:")
    head: Line = [
        (location, "bold"),
        (" ", None),
        (finding.severity.value, SEVERITY_STYLE[finding.severity]),
        (" ", None),
        (finding.rule, "cyan"),
    ]
    if source_side:
        head.append((" (in the source)", "dim"))
    lines: list[Line] = [head]
    lines.extend([(line, None)] for line in wrap("  " + escape(finding.message), width, "  "))
    gutter = SOURCE_GUTTER if source_side else GUTTER
    shown = crop(body, finding.start, finding.end, width - len(gutter))
    lines.append([(gutter, "dim"), (shown.text, None)])
    carets = " " * (len(gutter) - 2) + "│ "
    lines.append([(carets, "dim"), (" " * shown.pad, None), ("^" * shown.span, SEVERITY_STYLE[finding.severity])])
    if source_side:
        lines.append([(TARGET_GUTTER, "dim"), (crop_from(segment.target, 0, width - len(TARGET_GUTTER)), None)])
    fix = finding.fix
    if fix is not None and not source_side:
        title = f"  fix ({fix.safety.value}): {escape(fix.title)}"
        if fix.reason:
            title += f" (not safe: {escape(fix.reason)})"
        style = "green" if fix.safety == "safe" else "magenta"
        lines.extend([(line, style)] for line in wrap(title, width, "    "))
        lines.extend(_fix_lines(body, finding, width))
    return lines


def _fix_lines(body: str, finding: Finding, width: int) -> list[Line]:
    """The text before and after the fix, both cropped from the same offset so they line up.
    Only a window is rebuilt: a long segment with many fixes stays linear."""
    edits = finding.fix.edits if finding.fix else ()
    lo = min([finding.start, *(edit.start for edit in edits)])
    hi = max([finding.end, *(edit.end for edit in edits)])
    room = width - 4
    before = crop(body, lo, hi, room)
    right = min(len(body), hi + 4 * room)
    shifted = [Edit(edit.start - before.left, edit.end - before.left, edit.replacement) for edit in edits]
    fixed = apply_edits(body[before.left : right], shifted)
    after = ("…" if before.left > 0 else "") + crop_from(
        fixed, 0, room - (1 if before.left > 0 else 0), continues=right < len(body)
    )
    return [[("  - ", "red"), (before.text, "red")], [("  + ", "green"), (after, "green")]]


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
    lines.extend(gate_lines(summary))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines.append([(f"{len(problems)} {noun} reported on stderr.", "bold red")])
    return lines


def gate_lines(summary: Summary) -> list[Line]:
    """A failed ``--min-score`` gate: the batch's score, then each file below the threshold."""
    short = summary.shortfalls()
    if not short:
        return []
    lines: list[Line] = [[(escape(f"Score gate failed: {short[0].text()}"), "bold red")]]
    lines.extend([(f"  {escape(s.text())}", "red")] for s in short[1:])
    return lines


class TerminalReport:
    #: It says itself that the score gate failed (cli/check.py need not say it again).
    SHOWS_GATE = True

    def __init__(
        self, stream: TextIO, *, color: bool, width: int = DEFAULT_WIDTH, quiet: bool = False, show_fixes: bool = False
    ) -> None:
        self.stream = stream
        self.width = width
        self.quiet = quiet
        self.show_fixes = show_fixes
        self.fixable: list[Finding] = []
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
        lines = finding_lines(finding, self.width)
        if self.chrf is not None and finding.segment.key in self.chrf:
            lines[0].append((f"  chrF {self.chrf[finding.segment.key]:.2f}", "dim"))
        if self.show_fixes and finding.fix is not None and finding.side is Side.TARGET:
            self.fixable.append(finding)
        self._write([*lines, []])

    def finish(self, summary: Summary, problems: list[str]) -> None:
        lines: list[Line] = fix_list_lines(self.fixable) if self.show_fixes else []
        if not self.quiet:
            lines.extend(summary_lines(summary, problems))
            lines.extend([(escape(line), None)] for line in self.extra_summary or ())
        else:  # quiet: the findings, and why the run failed
            lines.extend(gate_lines(summary))
        self._write(lines)
        self.stream.flush()


def fix_list_lines(findings: list[Finding]) -> list[Line]:
    """``--show-fixes``: every fix on offer, one line each, safe ones first."""
    if not findings:
        return [[("No fixes available.", "dim")], []]
    ordered = sorted(findings, key=lambda f: f.fix.safety != "safe" if f.fix else True)
    safe = sum(1 for f in findings if f.fix and f.fix.safety == "safe")
    lines: list[Line] = [[(f"Fixes available ({safe} safe, {len(findings) - safe} suggestions):", "bold")]]
    for finding in ordered:
        fix = finding.fix
        assert fix is not None
        where = escape(f"{finding.segment.origin.path}:{finding.line}:{finding.column}")
        change = f"“{escape(finding.text)}” → “{escape(finding.replacement or '')}”"
        lines.append([(f"  {where} {finding.rule}: {change} ({fix.safety.value})", None)])
    return [*lines, []]
