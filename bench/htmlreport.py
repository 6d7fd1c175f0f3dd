#!/usr/bin/env python3
"""Benchmark the HTML report: its size, how long it takes to write, and how fast it opens and
filters in headless Chromium.

    python bench/htmlreport.py [--findings 10000 50000] [--repeat 3] [--data PATH] [--chromium PATH]

Builds a bilingual batch from the development set (Chinese sources, real MT targets from
../shared/eval/data/ted_zhen.jsonl) with a doubled word and a stray " ," put into each target,
so that findings are plentiful on real text; checks it with every shipped rule until exactly
N findings are collected; writes the report to bench/data/report-N.html; and opens it in
Chromium (Playwright, the test extra), a fresh page each time, measuring (median of --repeat):

  - open: navigation start to the first findings painted (the page's `mtcheck-ready` mark);
    `data` is when the compressed data was decoded;
  - each filter, from the control's event to the next frame painted: a severity box, a rule,
    a file, the fix kind, text search (typed, 120 ms debounce included), sort, reset;
  - a jump to the last finding by its link.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_batch(data: Path, lines: int) -> Path:
    out = HERE / "data" / f"html-batch-{lines}.tsv"
    if out.exists():
        return out
    pairs = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record["is_reference"]:
                pairs.append((" ".join(record["source"].split()), " ".join(record["target"].split())))
    rng = random.Random(14)
    rows = []
    for index in range(lines):
        source, target = pairs[index % len(pairs)]
        words = target.split(" ")
        if len(words) > 4:
            at = rng.randrange(1, len(words) - 1)
            words.insert(at, words[at])
            at = rng.randrange(1, len(words) - 1)
            words[at] += " ,"
        rows.append(f"{source}\t{' '.join(words)}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(rows), encoding="utf-8")
    return out


def write_report(batch: Path, findings: int) -> tuple[Path, float, float, str]:
    """The report of the batch's first ``findings`` findings; (path, check seconds, write
    seconds, the last finding's link)."""
    from mtcheck import __version__
    from mtcheck.engine import Checker, RuleSet
    from mtcheck.formats import read_segments
    from mtcheck.mqm import Score, penalty, segment_words
    from mtcheck.report.html import HtmlReport
    from mtcheck.report.html_data import links
    from mtcheck.report.summary import Summary

    started = time.perf_counter()
    checker = Checker(RuleSet.load(src_lang="zh", tgt_lang="en").selected())
    summary = Summary()
    collected = []
    for segment in read_segments(str(batch), src_lang="zh", tgt_lang="en"):
        summary.segments += 1
        summary.words += segment_words(segment)
        collected.extend(checker.check_segment(segment))
        if len(collected) >= findings:
            break
    collected = collected[:findings]
    for finding in collected:
        summary.add(finding)
    summary.files = 1
    summary.file_segments[str(batch)] = summary.segments
    summary.file_scores[str(batch)] = Score(summary.words, penalty(summary.by_severity))
    checked = time.perf_counter() - started
    started = time.perf_counter()
    out = HERE / "data" / f"report-{findings}.html"
    buffer = io.StringIO()
    report = HtmlReport(buffer, __version__, [rule.info for rule in checker.rules])
    for finding in collected:
        report.finding(finding)
    report.finish(summary, [])
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out, checked, time.perf_counter() - started, links(collected)[-1][0]


ACTION = """async ([setup, text]) => {
  const api = window.mtcheckReport, before = api.applied;
  const t0 = performance.now();
  %s
  while (api.applied === before && performance.now() - t0 < 10000) { await new Promise(r => setTimeout(r, 5)); }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""
STEPS = {
    "severity box (minor off)": "const b = document.querySelector('input[name=sev][value=\"2\"]');"
    " b.checked = !b.checked; b.dispatchEvent(new Event('change'));",
    "rule": "const s = document.getElementById('f-rule'); s.value = s.value === '-1' ? '1' : '-1';"
    " s.dispatchEvent(new Event('change'));",
    "fix kind (suggestions)": "const s = document.getElementById('f-fix'); s.value = s.value === '-1' ? '1' : '-1';"
    " s.dispatchEvent(new Event('change'));",
    "text search": "const q = document.getElementById('f-q'); q.value = q.value ? '' : 'universe';"
    " q.dispatchEvent(new Event('input'));",
    "sort by severity": "const s = document.getElementById('f-sort'); s.value = s.value === 'doc' ? 'sev' : 'doc';"
    " s.dispatchEvent(new Event('change'));",
    "reset": "document.getElementById('reset').click();",
}


def measure(path: Path, repeat: int, chromium: str, last: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {"open": [], "data decoded": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            marks = _open(page, path.as_uri())
            results["open"].append(marks["mtcheck-ready"])
            results["data decoded"].append(marks["mtcheck-data"])
            page.wait_for_timeout(3500)  # the search index is built in idle time after opening
            for name, step in STEPS.items():
                for _ in range(2):  # on, then off again
                    results.setdefault(name, []).append(page.evaluate(ACTION % step, [None, None]))
            page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            marks = _open(page, f"{path.as_uri()}#{last}")
            assert page.evaluate("document.activeElement.id") == last
            results.setdefault("open at the last finding's link", []).append(marks["mtcheck-ready"])
            page.close()
        browser.close()
    return results


def _open(page, url: str) -> dict[str, float]:
    """Load the report and wait until its first findings are painted; the page's marks."""
    page.goto(url, wait_until="commit")
    page.wait_for_selector("html[data-ready]", state="attached", timeout=120_000)
    return page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))")


def sizes(path: Path) -> str:
    """Where the bytes go: the script's data, the plain listing for readers without JavaScript,
    and the page (header, charts, tables, style and script); and the file zipped."""
    page = path.read_bytes()
    data = sum(len(m) for m in re.findall(rb'<script type="application/octet-stream"[^>]*>[^<]*</script>', page))
    listing = len(page) - page.index(b'<div id="fallback">')
    zipped = len(gzip.compress(page, 9))
    kb = [f"{value / 1e3:,.0f} kB" for value in (data, listing, len(page) - data - listing, zipped)]
    return f"data {kb[0]}, listing {kb[1]}, page {kb[2]}; zipped {kb[3]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    batch = build_batch(args.data, max(args.findings))
    for count in args.findings:
        path, checked, written, last = write_report(batch, count)
        size = path.stat().st_size
        print(
            f"{count:,} findings: {size / 1e3:,.0f} kB ({size / count:.0f} bytes a finding: {sizes(path)}); "
            f"checked in {checked:.1f} s, report written in {written:.1f} s"
        )
        for name, values in measure(path, args.repeat, args.chromium, last).items():
            print(f"  {name:32} {statistics.median(values):7.0f} ms  (of {', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
