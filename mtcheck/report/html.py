"""The HTML report: one self-contained file for the people who act on findings outside a terminal.

One file, nothing fetched (no fonts, scripts or images from anywhere), readable offline and
as an e-mail attachment. It holds the findings twice, in two forms, so that it is both fast
and readable everywhere:

- **data**, gzip-compressed JSON in inert ``<script type="application/octet-stream">``
  elements (html_data.py): the inline script decodes it and renders finding cards lazily, a
  window at a time, so a page of 50,000 findings opens and filters in well under two seconds
  (bench/htmlreport.py);
- **the fallback**, plain HTML after the script (html_fallback.py): a key table of the rules,
  then one short line per finding, in document order. The script stops the page loading
  (``window.stop()``) before the parser reaches it, so it costs nothing when JavaScript runs;
  with JavaScript off (an e-mail preview, a locked-down browser) it is the page.

The header, charts (inline SVG drawn here), files table and filter controls are plain HTML
shared by both. Safety: text from files reaches the page only through :func:`text_html`
(escaped, control/bidi characters shown as badges) or, in the script, ``textContent``; a
Content-Security-Policy admits only this page's own script and style, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, TextIO

from mtcheck.model import Finding, Severity
from mtcheck.mqm import Score
from mtcheck.report.html_data import Layout, encode_data, layout, script_data
from mtcheck.report.html_fallback import fallback
from mtcheck.report.html_text import SEVERITIES, SEVERITY_COLOURS, count, text_html

__all__ = ["FileRow", "FixHtmlReport", "Gates", "HtmlReport", "Page", "render_page", "text_html", "write_page"]

#: Rules drawn in the chart; the rest are summed in one bar.
CHART_RULES = 15


@dataclass(frozen=True, slots=True)
class Gates:
    """The run's pass/fail rule and its outcome, decided by the command (exit status 0 = pass)."""

    fail_on: str
    min_score: float | None
    passed: bool


@dataclass
class FileRow:
    """One line of the files table."""

    path: str
    segments: int | None = None
    words: int | None = None
    score: Score | None = None
    #: Extra columns (label → value), e.g. TER for the fix report.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """Everything one report page shows; ``check`` and ``fix --diff`` each fill one."""

    title: str
    version: str
    generated: datetime
    findings: list[Finding]
    facts: list[tuple[str, str]]
    files: list[FileRow]
    problems: list[str] = field(default_factory=list)
    gates: Gates | None = None
    overall: Score | None = None
    chrf: Mapping[str, float] | None = None
    #: The word the page uses for its items: "findings" or "fixes".
    noun: str = "findings"


class HtmlReport:
    """``mtcheck check --format html``: collects the findings, writes the page at the end."""

    #: Set by the command before ``finish``: the gates and whether the run passed.
    gates: Gates | None = None
    #: `check --ref`: sentence chrF by segment key, shown beside each finding.
    chrf: dict[str, float] | None = None

    def __init__(
        self, stream: TextIO, version: str, rules: Sequence[object] = (), generated: datetime | None = None
    ) -> None:
        self.stream = stream
        self.version = version
        self.rules_run = len(rules)
        self.generated = generated or datetime.now().astimezone()
        self.findings: list[Finding] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding)

    def finish(self, summary: Any, problems: list[str]) -> None:
        file_segments: dict[str, int] = getattr(summary, "file_segments", {})
        files = [
            FileRow(path, file_segments.get(path), score.words, score) for path, score in summary.file_scores.items()
        ]
        facts = [
            ("files", count(summary.files)),
            ("segments", count(summary.segments)),
            ("words", count(summary.words)),
            ("rules run", count(self.rules_run)),
            ("findings", count(len(self.findings))),
        ]
        fixes = Counter(f.fix.safety.value for f in self.findings if f.fix is not None)
        if fixes:
            facts.append(("fixes", f"{count(fixes['safe'])} safe, {count(fixes['suggestion'])} suggestions"))
        page = Page(
            title="mtcheck QA report",
            version=self.version,
            generated=self.generated,
            findings=self.findings,
            facts=facts,
            files=files,
            problems=problems,
            gates=self.gates,
            overall=summary.score,
            chrf=self.chrf,
        )
        write_page(self.stream, page)


class FixHtmlReport:
    """``mtcheck fix --diff --format html``: the fixes that would be applied, before and after."""

    def __init__(self, stream: TextIO, version: str, generated: datetime | None = None) -> None:
        self.stream = stream
        self.version = version
        self.generated = generated or datetime.now().astimezone()
        self.findings: list[Finding] = []
        self.files: list[FileRow] = []
        self.segments = 0
        self.touched = 0

    def file(self, path: str, applied: Iterable[Finding], *, segments: int, touched: int, ter: float) -> None:
        """One file's applied fixes (each a finding carrying its fix) and its effort."""
        applied = list(applied)
        self.findings.extend(applied)
        self.segments += segments
        self.touched += touched
        extra = {"segments changed": count(touched), "fixes": count(len(applied)), "TER": f"{ter:.2f}"}
        self.files.append(FileRow(path, segments, extra=extra))

    def finish(self, problems: list[str], *, ter: float, unsafe: bool) -> None:
        fixes = Counter(f.fix.safety.value for f in self.findings if f.fix is not None)
        facts = [
            ("files", count(len(self.files))),
            ("segments", count(self.segments)),
            ("segments changed", count(self.touched)),
            ("fixes", f"{count(fixes['safe'])} safe, {count(fixes['suggestion'])} suggestions"),
            ("post-editing effort", f"TER {ter:.2f}"),
            ("applied", "safe fixes and suggestions" if unsafe else "safe fixes (suggestions: --unsafe-fixes)"),
        ]
        page = Page(
            title="mtcheck proposed fixes",
            version=self.version,
            generated=self.generated,
            findings=self.findings,
            facts=facts,
            files=self.files,
            problems=problems,
            noun="fixes",
        )
        write_page(self.stream, page)


# --- charts -----------------------------------------------------------------------------


def bar_chart(title: str, rows: list[tuple[str, Counter[Severity], str | None]], kind: str) -> str:
    """Horizontal bars stacked by severity, one row per label, as inline SVG.

    Each row is (label, counts by severity, filter value): the script turns a row with a
    filter value into a filter on click; the totals are printed beside the bars.
    """
    if not rows:
        return ""
    longest = max(len(label) for label, _, _ in rows)
    label_width = min(40, longest) * 7 + 16
    bar_width = 260
    row_height = 22
    height = row_height * len(rows) + 8
    width = label_width + bar_width + 60
    most = max(sum(counts.values()) for _, counts, _ in rows) or 1
    parts = [
        f'<figure class="chart"><figcaption>{html.escape(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-label="{html.escape(title)}">'
    ]
    for index, (label, counts, value) in enumerate(rows):
        y = 4 + index * row_height
        total = sum(counts.values())
        shown = label if len(label) <= 40 else label[:39] + "…"
        detail = ", ".join(f"{counts[s]} {s.value}" for s in SEVERITIES if counts[s])
        attrs = f' data-k="{kind}" data-v="{html.escape(value)}"' if value is not None else ""
        parts.append(f'<g class="row"{attrs}><title>{text_html(label)}: {total} ({detail})</title>')
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" class="lb">{text_html(shown)}</text>')
        x = float(label_width)
        for severity in SEVERITIES:
            if counts[severity]:
                w = max(1.0, bar_width * counts[severity] / most)
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_height - 6}"'
                    f' fill="{SEVERITY_COLOURS[severity]}"/>'
                )
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="nm">{count(total)}</text></g>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _charts(page: Page, order: Layout) -> str:
    by_category: dict[str, Counter[Severity]] = {}
    by_rule: dict[str, Counter[Severity]] = {}
    for finding in page.findings:
        for table, key in ((by_category, finding.category), (by_rule, finding.rule)):
            if key not in table:
                table[key] = Counter()
            table[key][finding.severity] += 1
    category_index = {c: i for i, c in enumerate(order.categories)}
    rule_index = {r: i for i, r in enumerate(order.rules)}
    category_rows: list[tuple[str, Counter[Severity], str | None]] = [
        (c, by_category[c], str(category_index[c]))
        for c in sorted(by_category, key=lambda c: (-sum(by_category[c].values()), c))
    ]
    top_rules = sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r))
    rule_rows: list[tuple[str, Counter[Severity], str | None]] = [
        (r, by_rule[r], str(rule_index[r])) for r in top_rules[:CHART_RULES]
    ]
    if len(top_rules) > CHART_RULES:
        rest = Counter[Severity]()
        for r in top_rules[CHART_RULES:]:
            rest.update(by_rule[r])
        rule_rows.append((f"{len(top_rules) - CHART_RULES} other rules", rest, None))
    keys = "".join(f'<span class="key" data-s="{i}">{s.value}</span>' for i, s in enumerate(SEVERITIES))
    return (
        f'<section id="charts"><h2>{page.noun.capitalize()} by category and rule</h2><p class="legend">{keys}</p>'
        f'<div class="charts">{bar_chart("By MQM category", category_rows, "cat")}'
        f"{bar_chart('By rule', rule_rows, 'rule')}</div></section>"
    )


# --- header, files, toolbar -------------------------------------------------------------


def _header(page: Page) -> str:
    facts = "".join(f"<div><dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd></div>" for k, v in page.facts)
    if page.overall is not None:
        facts += (
            f"<div><dt>MQM score</dt><dd><b>{page.overall.value:.1f}</b> ({page.overall.penalty:g} penalty"
            f" points, {page.overall.per_thousand:.1f} per 1,000 words)</dd></div>"
        )
    generated = page.generated.isoformat(timespec="seconds")
    shown = page.generated.strftime("%Y-%m-%d %H:%M %Z").strip()
    return (
        f'<header id="top"><h1>{html.escape(page.title)}</h1>{_verdict(page)}<dl class="facts">{facts}</dl>'
        f'<p class="meta">mtcheck {html.escape(page.version)} · <time datetime="{generated}">{shown}</time></p>'
        "</header>"
    )


def _verdict(page: Page) -> str:
    gates = page.gates
    if gates is None:
        return ""
    rules = []
    if gates.fail_on != "never":
        rules.append(f"no {html.escape(gates.fail_on)} or worse finding (--fail-on {html.escape(gates.fail_on)})")
    if gates.min_score is not None:
        rules.append(f"MQM score at least {gates.min_score:g} (--min-score)")
    if page.problems:
        rules.append("every file readable")
    word = "PASS" if gates.passed else "FAIL"
    condition = "; ".join(rules) if rules else "no gate set"
    passed = str(gates.passed).lower()
    return f'<p class="verdict" data-pass="{passed}"><b>{word}</b> <span>gate: {condition}</span></p>'


def _files_table(page: Page, order: Layout) -> str:
    counts: dict[str, Counter[Severity]] = {}
    for finding in page.findings:
        path = finding.segment.origin.path
        if path not in counts:
            counts[path] = Counter()
        counts[path][finding.severity] += 1
    rows = {row.path: row for row in page.files}
    extra_columns = list({label: None for row in page.files for label in row.extra})
    has_scores = any(row.score is not None for row in page.files)
    head = ["file", "segments"] + (["words"] if has_scores else []) + [s.value for s in SEVERITIES] + extra_columns
    head += ["MQM score", "penalty / 1,000 words"] if has_scores else []
    out = ["<table class='files'><thead><tr>", *(f"<th>{html.escape(label)}</th>" for label in head), "</tr></thead>"]
    out.append("<tbody>")

    def severity_cells(by_severity: Counter[Severity]) -> str:
        return "".join(
            f'<td data-s="{i}">{count(by_severity[s])}</td>' if by_severity[s] else '<td class="z">0</td>'
            for i, s in enumerate(SEVERITIES)
        )

    for index, path in enumerate(order.files):
        row = rows.get(path, FileRow(path))
        cells = [f'<th scope="row"><a href="#file-{index}">{text_html(path)}</a></th>']
        cells.append(f"<td>{count(row.segments) if row.segments is not None else ''}</td>")
        if has_scores:
            cells.append(f"<td>{count(row.words) if row.words is not None else ''}</td>")
        cells.append(severity_cells(counts.get(path, Counter())))
        cells.extend(f"<td>{html.escape(row.extra.get(label, ''))}</td>" for label in extra_columns)
        if has_scores:
            score = row.score
            cells.append(f"<td>{score.value:.1f}</td><td>{score.per_thousand:.1f}</td>" if score else "<td></td>" * 2)
        out.append("<tr>" + "".join(cells) + "</tr>")
    if has_scores and page.overall is not None and len(order.files) > 1:
        total = Counter(f.severity for f in page.findings)
        cells = ['<th scope="row">all files</th>', f"<td>{count(sum(r.segments or 0 for r in page.files))}</td>"]
        cells.append(f"<td>{count(page.overall.words)}</td>{severity_cells(total)}")
        cells.extend("<td></td>" for _ in extra_columns)
        cells.append(f"<td>{page.overall.value:.1f}</td><td>{page.overall.per_thousand:.1f}</td>")
        out.append("<tr class='all'>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _options(values: Sequence[str], counts: Counter[str], everything: str) -> str:
    options = [f'<option value="-1">{everything}</option>']
    options.extend(
        f'<option value="{i}">{text_html(value)} ({count(counts[value])})</option>' for i, value in enumerate(values)
    )
    return "".join(options)


def _toolbar(page: Page, order: Layout) -> str:
    findings = page.findings
    by_severity = Counter(f.severity for f in findings)
    by_fix = Counter(f.fix.safety.value if f.fix else "none" for f in findings)
    severities = "".join(
        f'<label class="key" data-s="{i}"><input type="checkbox" name="sev" value="{i}" checked> '
        f"{s.value} ({count(by_severity[s])})</label>"
        for i, s in enumerate(SEVERITIES)
    )
    fixes = (
        '<option value="-1">any</option>'
        f'<option value="0">safe fix ({count(by_fix["safe"])})</option>'
        f'<option value="1">suggestion ({count(by_fix["suggestion"])})</option>'
        f'<option value="2">no fix ({count(by_fix["none"])})</option>'
    )
    categories = _options(order.categories, Counter(f.category for f in findings), "all categories")
    rules = _options(order.rules, Counter(f.rule for f in findings), "all rules")
    files = _options(order.files, Counter(f.segment.origin.path for f in findings), "all files")
    return (
        '<nav id="toolbar" hidden aria-label="Filters">'
        f'<div class="sevs" role="group" aria-label="Severity">{severities}</div>'
        f'<label>Category <select id="f-cat">{categories}</select></label>'
        f'<label>Rule <select id="f-rule">{rules}</select></label>'
        f'<label>File <select id="f-file">{files}</select></label>'
        f'<label>Fix <select id="f-fix">{fixes}</select></label>'
        '<label class="q">Search <input id="f-q" type="search" placeholder="text, message, rule, file…"'
        ' autocomplete="off" spellcheck="false"></label>'
        '<label>Sort <select id="f-sort"><option value="doc">document order</option>'
        '<option value="sev">severity</option><option value="rule">rule</option>'
        '<option value="cat">category</option></select></label>'
        '<button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button>'
        '<button type="button" id="reset">Reset</button>'
        f'<output id="shown">{count(len(findings))} {page.noun}</output>'
        '<span class="keys"><kbd>j</kbd> <kbd>k</kbd> next, previous · <kbd>/</kbd> search · <kbd>c</kbd> copy'
        " · <kbd>Esc</kbd> leave search</span></nav>"
    )


# --- the page ---------------------------------------------------------------------------


def _asset(name: str) -> str:
    return compact(resources.files("mtcheck.report").joinpath("html_assets", name).read_text(encoding="utf-8"))


def compact(code: str) -> str:
    """A script or style sheet without indentation, blank lines and lines that are only a
    comment: a fifth of report.js, on every page. What is left of each line is as written,
    so this cannot change what the code does (the assets hold no multi-line strings)."""
    kept = []
    in_comment = False
    for line in code.splitlines():
        line = line.strip()
        if in_comment or line.startswith("/*"):
            end = line.find("*/", 0 if in_comment else 2)
            in_comment = end < 0
            if in_comment or end == len(line) - 2:
                continue
            raise ValueError(f"code after a comment on its line: {line}")  # keep the assets plain
        if line and not line.startswith("//"):
            kept.append(line)
    return "\n".join(kept)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(page: Page) -> Iterator[str]:
    """The document, in chunks (the fallback is the bulk)."""
    order = layout(page.findings, (row.path for row in page.files))
    style = _asset("report.css")
    script = _asset("report.js")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)};"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )
    total = len(page.findings)
    yield (
        '<!DOCTYPE html>\n<html lang="en" class="nojs"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="mtcheck {html.escape(page.version)}">'
        f"<title>{html.escape(page.title)}: {count(total)} {page.noun}</title><style>{style}</style></head><body>"
    )
    yield _header(page)
    if page.problems:
        items = "".join(f"<li>{text_html(problem)}</li>" for problem in page.problems)
        yield f'<section id="problems"><h2>Problems (files not read, rules switched off)</h2><ul>{items}</ul></section>'
    if page.findings:
        yield _charts(page, order)
    yield f'<section id="files"><h2>Files</h2>{_files_table(page, order)}</section>'
    yield f'<section id="list"><h2>{page.noun.capitalize()}</h2>'
    if not page.findings:
        yield f'<p class="none">No {page.noun}.</p></section></body></html>\n'
        return
    # The data, then the script (which stops the parser), then the fallback: see the docstring.
    yield _toolbar(page, order)
    yield '<div id="cards"></div>'
    index, chunks = script_data(order, page.noun, page.chrf)
    yield f'<script type="application/octet-stream" id="data">{encode_data(index)}</script>'
    for chunk in chunks:
        yield f'<script type="application/octet-stream" class="chunk">{encode_data(chunk)}</script>'
    yield f"<script>{script}</script>"
    yield from fallback(order, page.noun)
    yield "</section></body></html>\n"


def write_page(stream: TextIO, page: Page) -> None:
    for chunk in render_page(page):
        stream.write(chunk)
    stream.flush()
