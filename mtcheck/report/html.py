"""The HTML report: one self-contained file for the people who act on findings outside a terminal.

One file, nothing fetched (no fonts, scripts or images from anywhere), readable offline and
as an e-mail attachment. It holds the findings twice, in two forms, so that it is both fast
and readable everywhere:

- **data**, gzip-compressed JSON in an inert ``<script type="application/octet-stream">``:
  the inline script decodes it and renders finding cards lazily, a window at a time, so a
  page of 50,000 findings opens and filters in well under two seconds (bench/html.py);
- **the fallback**, plain HTML after the script, grouped by file and segment: every finding
  in document order. The script stops the page loading (``window.stop()``) before the parser
  reaches it, so it costs nothing when JavaScript runs; with JavaScript off (an e-mail
  preview, a locked-down browser) it is the page.

The header, charts (inline SVG drawn here), files table and filter controls are plain HTML
shared by both. Safety: text from files reaches the page only through :func:`text_html`
(escaped, control/bidi characters shown as badges) or, in the script, ``textContent``; a
Content-Security-Policy admits only this page's own script and style, by hash.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, TextIO

import regex

from mtcheck.model import Finding, Severity, Side
from mtcheck.mqm import Score

#: Display order: worst first. The index is the ``data-s`` value the script filters on.
SEVERITIES: tuple[Severity, ...] = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)
_SEVERITY_INDEX = {severity: index for index, severity in enumerate(SEVERITIES)}
#: Bar colours (report.css has the same for the page).
SEVERITY_COLOURS = {Severity.CRITICAL: "#b3261e", Severity.MAJOR: "#e8710a", Severity.MINOR: "#c9a100"}
#: Rules drawn in the chart; the rest are summed in one bar.
CHART_RULES = 15
#: Cards show texts longer than this as a window around the span (the reader can open the
#: rest); the fallback, which shows each segment once, only clips very long ones.
MAX_SHOWN = 600
WINDOW = 200
FALLBACK_MAX_SHOWN = 5000
FALLBACK_WINDOW = 2000
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"})

#: Invisible or dangerous characters (``_SPECIAL_CODES`` below) are shown as a labelled badge:
#: C0 and C1 controls (but tab and line feed), bidi embeddings, overrides, isolates and marks,
#: line and paragraph separators, zero-width space, BOM, and lone surrogates. report.js has
#: the same class.
_SURROGATE = regex.compile("[\ud800-\udfff]")
CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
    0x061C: "ALM",
    0x200B: "ZWSP",
    0x200E: "LRM",
    0x200F: "RLM",
    0x2028: "LS",
    0x2029: "PS",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "BOM",
}


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
            ("files", _count(summary.files)),
            ("segments", _count(summary.segments)),
            ("words", _count(summary.words)),
            ("rules run", _count(self.rules_run)),
            ("findings", _count(len(self.findings))),
        ]
        fixes = Counter(f.fix.safety.value for f in self.findings if f.fix is not None)
        if fixes:
            facts.append(("fixes", f"{_count(fixes['safe'])} safe, {_count(fixes['suggestion'])} suggestions"))
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
        extra = {"segments changed": _count(touched), "fixes": _count(len(applied)), "TER": f"{ter:.2f}"}
        self.files.append(FileRow(path, segments, extra=extra))

    def finish(self, problems: list[str], *, ter: float, unsafe: bool) -> None:
        fixes = Counter(f.fix.safety.value for f in self.findings if f.fix is not None)
        facts = [
            ("files", _count(len(self.files))),
            ("segments", _count(self.segments)),
            ("segments changed", _count(self.touched)),
            ("fixes", f"{_count(fixes['safe'])} safe, {_count(fixes['suggestion'])} suggestions"),
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


# --- text -------------------------------------------------------------------------------


def _badge(code: int) -> str:
    name = CONTROL_NAMES.get(code, f"U+{code:04X}")
    if 0xD800 <= code <= 0xDFFF or code == 0:
        body = "\ufffd"  # not representable: the parser would replace it anyway
    elif 0x80 <= code <= 0x9F:
        body = chr(code)  # a character reference here would be read as windows-1252; the raw one is kept
    else:
        body = f"&#x{code:x};"
    return f'<span class="cc" data-n="{name}">{body}</span>'


_SPECIAL_CODES = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200B,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
    *range(0xD800, 0xE000),
]
_ESCAPES: dict[int, str] = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ESCAPES.update((code, _badge(code)) for code in _SPECIAL_CODES)
_NEEDS_BADGE = regex.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def text_html(text: str) -> str:
    """Text as HTML character data: markup escaped, invisible and control characters shown.

    A special character stays in the DOM (as a character reference where the HTML parser
    keeps it) inside an isolating badge that shows its name, so a highlighted span's text is
    still the finding's text; lone surrogates, which UTF-8 cannot carry, become U+FFFD.
    """
    if _NEEDS_BADGE.search(text):
        return text.translate(_ESCAPES)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str) -> str:
    """A string JSON can carry in UTF-8: lone surrogates become U+FFFD (offsets unchanged)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _direction(lang: str | None) -> str:
    return "rtl" if lang and lang.split("-")[0].lower() in RTL_LANGUAGES else "auto"


def _lang_attrs(lang: str | None) -> str:
    attrs = f' dir="{_direction(lang)}"'
    if lang:
        attrs += f' lang="{html.escape(lang)}"'
    return attrs


def _marked_html(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the union of ``spans`` in <mark>, clipped to a window when very long."""
    left, right = 0, len(text)
    if len(text) > FALLBACK_MAX_SHOWN and spans:
        left = max(0, min(s for s, _ in spans) - FALLBACK_WINDOW)
        right = min(len(text), max(e for _, e in spans) + FALLBACK_WINDOW)
    elif len(text) > FALLBACK_MAX_SHOWN:
        right = FALLBACK_MAX_SHOWN
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = ['<span class="el">…</span>' if left > 0 else ""]
    cursor = left
    for start, end in merged:
        start, end = max(start, left), min(end, right)
        if start < cursor or end < start:
            continue
        out.append(f"{text_html(text[cursor:start])}<mark>{text_html(text[start:end])}</mark>")
        cursor = end
    out.append(text_html(text[cursor:right]))
    if right < len(text):
        out.append('<span class="el">…</span>')
    return "".join(out)


# --- identities and order ---------------------------------------------------------------


def _anchors(findings: Iterable[Finding]) -> Iterator[str]:
    """URL fragments that name each finding across runs: rule, segment and flagged text."""
    seen: Counter[str] = Counter()
    for finding in findings:
        rule, key, text = finding.signature
        digest = hashlib.blake2b(f"{rule}\0{key}\0{text}".encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
        seen[digest] += 1
        yield f"f-{digest}" if seen[digest] == 1 else f"f-{digest}-{seen[digest]}"


@dataclass
class _Layout:
    """The page's findings in document order (``findings``), grouped by file and segment,
    with the tables that the data and the filters index into."""

    files: list[str]
    categories: list[str]
    rules: list[str]
    findings: list[Finding]
    positions: list[tuple[int, int]]  # (line, column) of each finding
    anchors: list[str]
    #: Per file: its segments in order, each as (segment index, [finding indices]).
    groups: list[list[tuple[int, list[int]]]]
    segments: list[Finding]  # a finding standing for each segment (its first)


def _layout(page: Page) -> _Layout:
    files = list({row.path: None for row in page.files})
    for finding in page.findings:
        files.append(finding.segment.origin.path)
    files = list(dict.fromkeys(files))
    file_index = {path: i for i, path in enumerate(files)}
    per_file: list[dict[str, list[tuple[int, int, int, Finding]]]] = [{} for _ in files]
    for arrival, finding in enumerate(page.findings):
        by_segment = per_file[file_index[finding.segment.origin.path]]
        by_segment.setdefault(finding.segment.key, []).append((finding.line, finding.column, arrival, finding))
    ordered: list[Finding] = []
    positions: list[tuple[int, int]] = []
    groups: list[list[tuple[int, list[int]]]] = []
    segments: list[Finding] = []
    for by_segment in per_file:
        group: list[tuple[int, list[int]]] = []
        for members in sorted(by_segment.values(), key=min):
            members.sort()
            group.append((len(segments), list(range(len(ordered), len(ordered) + len(members)))))
            segments.append(members[0][3])
            for line, column, _, finding in members:
                ordered.append(finding)
                positions.append((line, column))
        groups.append(group)
    return _Layout(
        files=files,
        categories=sorted({f.category for f in ordered}),
        rules=sorted({f.rule for f in ordered}),
        findings=ordered,
        positions=positions,
        anchors=list(_anchors(ordered)),
        groups=groups,
        segments=segments,
    )


# --- data for the script ----------------------------------------------------------------

#: A chunk of the texts closes after this many characters of segment text (or segments).
CHUNK_CHARACTERS = 200_000
CHUNK_SEGMENTS = 500


def _data(page: Page, layout: _Layout) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What report.js renders from: a small columnar index of every finding (what filters,
    counts and links need), decoded first; and the texts in chunks of segments (sources,
    targets, messages, fixes), decoded when a card needs them or in idle time."""
    category_index = {c: i for i, c in enumerate(layout.categories)}
    rule_index = {r: i for i, r in enumerate(layout.rules)}
    file_index = {p: i for i, p in enumerate(layout.files)}
    languages: dict[str | None, int] = {None: 0}
    segment_of: dict[int, int] = {}
    for group in layout.groups:
        for segment_number, members in group:
            for index in members:
                segment_of[index] = segment_number
    chunks: list[dict[str, Any]] = []
    chunk_starts: list[int] = []
    size = CHUNK_CHARACTERS
    for segment_number, stand_in in enumerate(layout.segments):
        segment = stand_in.segment
        if size >= CHUNK_CHARACTERS or len(chunks[-1]["segments"]) >= CHUNK_SEGMENTS:
            chunks.append({"segments": [], "findings": [], "first": None})
            chunk_starts.append(segment_number)
            size = 0
        unit = segment.key.rpartition("#")[2] if "#" in segment.key else None
        source = None if segment.source is None else _plain(segment.source)
        src = languages.setdefault(segment.src_lang, len(languages))
        tgt = languages.setdefault(segment.tgt_lang, len(languages))
        chunks[-1]["segments"].append([source, _plain(segment.target), src, tgt, unit])
        size += len(segment.target) + len(segment.source or "")
    chunk_of_segment = []
    for number, start in enumerate(chunk_starts):
        end = chunk_starts[number + 1] if number + 1 < len(chunk_starts) else len(layout.segments)
        chunk_of_segment.extend([number] * (end - start))
    for index, finding in enumerate(layout.findings):
        chunk = chunks[chunk_of_segment[segment_of[index]]]
        if chunk["first"] is None:
            chunk["first"] = index
        fix = finding.fix
        fix_record = None
        if fix is not None:
            edits = [[e.start, e.end, _plain(e.replacement)] for e in sorted(fix.edits, key=lambda e: (e.start, e.end))]
            fix_record = [_plain(fix.title), edits]
        chrf = page.chrf.get(finding.segment.key) if page.chrf is not None else None
        line, column = layout.positions[index]
        chunk["findings"].append(
            [
                finding.start,
                finding.end,
                line,
                column,
                _plain(finding.message),
                fix_record,
                None if chrf is None else round(chrf, 1),
            ]
        )
    findings = layout.findings
    index = {
        "noun": page.noun,
        "severities": [s.value for s in SEVERITIES],
        "files": [_plain(p) for p in layout.files],
        "categories": layout.categories,
        "rules": [_plain(r) for r in layout.rules],
        "languages": [lang or "" for lang in languages],
        "rtl": sorted(RTL_LANGUAGES),
        "names": {f"{code:x}": name for code, name in CONTROL_NAMES.items()},
        "maxShown": MAX_SHOWN,
        "window": WINDOW,
        "chunks": chunk_starts,
        "segmentFile": [file_index[f.segment.origin.path] for f in layout.segments],
        "fileRanges": _file_ranges(layout),
        "segment": [segment_of[i] for i in range(len(findings))],
        "severity": [_SEVERITY_INDEX[f.severity] for f in findings],
        "category": [category_index[f.category] for f in findings],
        "rule": [rule_index[f.rule] for f in findings],
        "side": [1 if f.side is Side.SOURCE else 0 for f in findings],
        "fix": [2 if f.fix is None else 0 if f.fix.safety.value == "safe" else 1 for f in findings],
        "ids": " ".join(layout.anchors),
    }
    return index, chunks


def _file_ranges(layout: _Layout) -> list[list[int]]:
    """[file, first, end) of each file's findings, which document order keeps together."""
    ranges = []
    for file_number, group in enumerate(layout.groups):
        if group:
            ranges.append([file_number, group[0][1][0], group[-1][1][-1] + 1])
    return ranges


def encode_data(data: object) -> str:
    """gzip (reproducibly: no timestamp) and base64: text compresses 3–8×, and base64 holds no '<'."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


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
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="nm">{_count(total)}</text></g>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _charts(page: Page, layout: _Layout) -> str:
    by_category: dict[str, Counter[Severity]] = {}
    by_rule: dict[str, Counter[Severity]] = {}
    for finding in page.findings:
        for table, key in ((by_category, finding.category), (by_rule, finding.rule)):
            if key not in table:
                table[key] = Counter()
            table[key][finding.severity] += 1
    category_index = {c: i for i, c in enumerate(layout.categories)}
    rule_index = {r: i for i, r in enumerate(layout.rules)}
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


def _count(number: int) -> str:
    return f"{number:,}"


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


def _files_table(page: Page, layout: _Layout) -> str:
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
            f'<td data-s="{i}">{_count(by_severity[s])}</td>' if by_severity[s] else '<td class="z">0</td>'
            for i, s in enumerate(SEVERITIES)
        )

    for index, path in enumerate(layout.files):
        row = rows.get(path, FileRow(path))
        cells = [f'<th scope="row"><a href="#file-{index}">{text_html(path)}</a></th>']
        cells.append(f"<td>{_count(row.segments) if row.segments is not None else ''}</td>")
        if has_scores:
            cells.append(f"<td>{_count(row.words) if row.words is not None else ''}</td>")
        cells.append(severity_cells(counts.get(path, Counter())))
        cells.extend(f"<td>{html.escape(row.extra.get(label, ''))}</td>" for label in extra_columns)
        if has_scores:
            score = row.score
            cells.append(f"<td>{score.value:.1f}</td><td>{score.per_thousand:.1f}</td>" if score else "<td></td>" * 2)
        out.append("<tr>" + "".join(cells) + "</tr>")
    if has_scores and page.overall is not None and len(layout.files) > 1:
        total = Counter(f.severity for f in page.findings)
        cells = ['<th scope="row">all files</th>', f"<td>{_count(sum(r.segments or 0 for r in page.files))}</td>"]
        cells.append(f"<td>{_count(page.overall.words)}</td>{severity_cells(total)}")
        cells.extend("<td></td>" for _ in extra_columns)
        cells.append(f"<td>{page.overall.value:.1f}</td><td>{page.overall.per_thousand:.1f}</td>")
        out.append("<tr class='all'>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _options(values: Sequence[str], counts: Counter[str], everything: str) -> str:
    options = [f'<option value="-1">{everything}</option>']
    options.extend(
        f'<option value="{i}">{text_html(value)} ({_count(counts[value])})</option>' for i, value in enumerate(values)
    )
    return "".join(options)


def _toolbar(page: Page, layout: _Layout) -> str:
    findings = page.findings
    by_severity = Counter(f.severity for f in findings)
    by_fix = Counter(f.fix.safety.value if f.fix else "none" for f in findings)
    severities = "".join(
        f'<label class="key" data-s="{i}"><input type="checkbox" name="sev" value="{i}" checked> '
        f"{s.value} ({_count(by_severity[s])})</label>"
        for i, s in enumerate(SEVERITIES)
    )
    fixes = (
        '<option value="-1">any</option>'
        f'<option value="0">safe fix ({_count(by_fix["safe"])})</option>'
        f'<option value="1">suggestion ({_count(by_fix["suggestion"])})</option>'
        f'<option value="2">no fix ({_count(by_fix["none"])})</option>'
    )
    categories = _options(layout.categories, Counter(f.category for f in findings), "all categories")
    rules = _options(layout.rules, Counter(f.rule for f in findings), "all rules")
    files = _options(layout.files, Counter(f.segment.origin.path for f in findings), "all files")
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
        f'<output id="shown">{_count(len(findings))} {page.noun}</output>'
        '<span class="keys"><kbd>j</kbd> <kbd>k</kbd> next, previous · <kbd>/</kbd> search · <kbd>c</kbd> copy'
        " · <kbd>Esc</kbd> leave search</span></nav>"
    )


# --- the fallback: every finding as plain HTML ------------------------------------------


def _fallback_finding(finding: Finding, anchor: str, position: tuple[int, int]) -> str:
    severity = _SEVERITY_INDEX[finding.severity]
    side = ' <span class="sd">source</span>' if finding.side is Side.SOURCE else ""
    fix = ""
    if finding.fix is not None:
        label = "safe fix" if finding.fix.safety.value == "safe" else "suggestion"
        change = ""
        if finding.side is Side.TARGET and finding.fix.edits:
            change = f" <del>{text_html(finding.text)}</del> → <ins>{text_html(finding.replacement or '')}</ins>"
        fix = (
            f' <span class="fx"><b class="sf" data-x="{finding.fix.safety.value}">{label}</b>'
            f" {text_html(finding.fix.title)}{change}</span>"
        )
    return (
        f'<li id="{anchor}" data-s="{severity}"><a href="#{anchor}">{position[0]}:{position[1]}</a>'
        f' <b class="sv">{finding.severity.value}</b> <code>{text_html(finding.rule)}</code>{side}'
        f" {text_html(finding.message)}{fix}</li>"
    )


def _fallback(page: Page, layout: _Layout) -> Iterator[str]:
    yield '<div id="fallback">'
    for file_number, group in enumerate(layout.groups):
        if not group:
            continue
        path = layout.files[file_number]
        members = [i for _, m in group for i in m]
        counts = Counter(layout.findings[i].severity for i in members)
        detail = ", ".join(f"{_count(counts[s])} {s.value}" for s in SEVERITIES if counts[s])
        yield (
            f'<details class="file" id="file-{file_number}" open><summary><span class="p">{text_html(path)}</span>'
            f' <span class="cnt">{_count(len(members))} {page.noun} ({detail})</span></summary>'
        )
        chunk: list[str] = []
        for segment_number, indices in group:
            segment = layout.segments[segment_number].segment
            found = [layout.findings[i] for i in indices]
            target = _marked_html(segment.target, [(f.start, f.end) for f in found if f.side is Side.TARGET])
            texts = f'<p class="tg"{_lang_attrs(segment.tgt_lang)}>{target}</p>'
            if segment.source is not None:
                source = _marked_html(segment.source, [(f.start, f.end) for f in found if f.side is Side.SOURCE])
                texts = f'<p class="sr"{_lang_attrs(segment.src_lang)}>{source}</p>{texts}'
            items = "".join(
                _fallback_finding(layout.findings[i], layout.anchors[i], layout.positions[i]) for i in indices
            )
            mono = "" if segment.source is not None else " mono"
            chunk.append(f'<div class="sg"><div class="st{mono}">{texts}</div><ul>{items}</ul></div>')
            if len(chunk) >= 200:
                yield "".join(chunk)
                chunk.clear()
        yield "".join(chunk)
        yield "</details>"
    yield "</div>"


# --- the page ---------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("mtcheck.report").joinpath("html_assets", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(page: Page) -> Iterator[str]:
    """The document, in chunks (the fallback is the bulk)."""
    layout = _layout(page)
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
        f"<title>{html.escape(page.title)}: {_count(total)} {page.noun}</title><style>{style}</style></head><body>"
    )
    yield _header(page)
    if page.problems:
        items = "".join(f"<li>{text_html(problem)}</li>" for problem in page.problems)
        yield f'<section id="problems"><h2>Problems (files not read, rules switched off)</h2><ul>{items}</ul></section>'
    if page.findings:
        yield _charts(page, layout)
    yield f'<section id="files"><h2>Files</h2>{_files_table(page, layout)}</section>'
    yield f'<section id="list"><h2>{page.noun.capitalize()}</h2>'
    if not page.findings:
        yield f'<p class="none">No {page.noun}.</p></section></body></html>\n'
        return
    # The data, then the script (which stops the parser), then the fallback: see the docstring.
    yield _toolbar(page, layout)
    yield '<div id="cards"></div>'
    index, chunks = _data(page, layout)
    yield f'<script type="application/octet-stream" id="data">{encode_data(index)}</script>'
    for chunk in chunks:
        yield f'<script type="application/octet-stream" class="chunk">{encode_data(chunk)}</script>'
    yield f"<script>{script}</script>"
    yield from _fallback(page, layout)
    yield "</section></body></html>\n"


def write_page(stream: TextIO, page: Page) -> None:
    for chunk in render_page(page):
        stream.write(chunk)
    stream.flush()
