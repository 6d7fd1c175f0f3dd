"""``--statistics``: one line per rule that fired, most frequent first (ruff's ``--statistics``).

On a large batch the question is usually "which rules matter here", not "where is each
finding": this answers it in a screenful. The counts come from the Summary; severity,
category and summary from the rules' info (a rule's default severity: a glossary entry may
have raised single findings). Ties are broken by rule id so the output is stable. The
``fixable`` column counts the findings with a safe fix (what ``mtcheck fix`` applies); the text
table ends with a total, and says how many more a review of the suggestions could fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, TextIO

from mtcheck.report.summary import Summary
from mtcheck.rule import RuleInfo


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    count: int
    fixable: int  # findings with a safe fix
    suggestions: int  # findings with a suggested fix
    severity: str
    category: str
    summary: str


def rule_counts(summary: Summary, rules: Iterable[RuleInfo]) -> list[RuleCount]:
    info = {rule.id: rule for rule in rules}
    rows = []
    for rule_id, count in summary.by_rule.items():
        if not count:
            continue
        known = info.get(rule_id)
        rows.append(
            RuleCount(
                rule=rule_id,
                count=count,
                fixable=summary.safe_by_rule[rule_id],
                suggestions=summary.suggestions_by_rule[rule_id],
                severity=known.severity.value if known else "",
                category=known.category if known else "",
                summary=known.summary if known else "",
            )
        )
    rows.sort(key=lambda row: (-row.count, row.rule))
    return rows


def statistics_lines(summary: Summary, rules: Iterable[RuleInfo]) -> list[str]:
    """Aligned columns under a header: count, rule, fixable, severity, category, summary; then
    the total (no lines when nothing fired)."""
    rows = rule_counts(summary, rules)
    if not rows:
        return []
    header = ("count", "rule", "fixable", "severity", "category")
    table = [(str(row.count), row.rule, str(row.fixable or "-"), row.severity, row.category) for row in rows]
    fixable = sum(row.fixable for row in rows)
    total = (str(sum(row.count for row in rows)), "total", str(fixable or "-"), "", "")
    widths = [max(len(cells[i]) for cells in (header, *table, total)) for i in range(5)]

    def line(cells: tuple[str, ...], summary_text: str) -> str:
        count, rule, fixes, *rest = cells
        padded = [rule.ljust(widths[1]), fixes.rjust(widths[2])]
        padded += [value.ljust(width) for value, width in zip(rest, widths[3:], strict=True)]
        return "  ".join([count.rjust(widths[0]), *padded, summary_text]).rstrip()

    lines = [line(header, "summary")]
    lines += [line(cells, row.summary) for row, cells in zip(rows, table, strict=True)]
    suggestions = sum(row.suggestions for row in rows)
    more = f"; {suggestions} more with --unsafe-fixes" if suggestions else ""
    lines.append(line(total, f"{fixable} fixable with `mtcheck fix`{more}"))
    return lines


def statistics_records(summary: Summary, rules: Iterable[RuleInfo]) -> list[dict[str, Any]]:
    """The JSON variant: one object per rule, in the text variant's order."""
    return [asdict(row) for row in rule_counts(summary, rules)]


class StatisticsReport:
    """Stands in for the chosen report under ``--statistics``: findings are only counted
    (the Summary does that), and the table is written at the end. ``style`` is ``text``,
    ``json`` (one array) or ``jsonl`` (one object a line)."""

    def __init__(self, stream: TextIO, rules: Iterable[RuleInfo], *, style: str = "text") -> None:
        if style not in ("text", "json", "jsonl"):
            raise ValueError(f"unknown statistics style {style!r}")
        self.stream = stream
        self.rules = list(rules)
        self.style = style

    def finding(self, finding: object) -> None:
        pass

    def finish(self, summary: Summary, problems: list[str]) -> None:
        if self.style == "json":
            json.dump(statistics_records(summary, self.rules), self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        elif self.style == "jsonl":
            for record in statistics_records(summary, self.rules):
                self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            for line in statistics_lines(summary, self.rules):
                self.stream.write(line + "\n")
        self.stream.flush()
