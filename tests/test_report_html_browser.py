"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Reports are made by the real CLI from small fixtures (hostile markup, bidi controls and ANSI
escapes, Arabic, CJK and emoji) and, for exact edge cases and the lazy-rendering smoke
test, from findings built here. One browser serves the whole module. The screenshot of the
batch report is kept in build/test-artifacts/ (or $MTCHECK_TEST_ARTIFACTS).

These tests need Chromium: the README's test command installs it. Without it they fail
(they do not skip), unless MTCHECK_SKIP_BROWSER=1 says so on purpose.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, report_links, run_cli

from mtcheck.model import Edit, Finding, Fix, Origin, Safety, Segment, Severity, Side
from mtcheck.report.html import HtmlReport
from mtcheck.report.html_data import links as html_links
from mtcheck.report.summary import Summary

HTML_FIXTURES = FIXTURES / "html"
ARTIFACTS = Path(os.environ.get("MTCHECK_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: What the page says about each card, read in the browser.
CARDS_JS = """() => [...document.querySelectorAll('article.f')].map(a => ({
  id: a.id,
  location: a.querySelector('h3 a').textContent,
  rule: a.querySelector('h3 code').textContent,
  severity: a.querySelector('h3 .sv').textContent,
  side: a.querySelector('.sd') ? 'source' : 'target',
  mark: (a.querySelector('.sd') ? a.querySelector('.sr mark') : a.querySelector('.tg mark')).textContent,
  target: a.querySelector('.tg').textContent,
}))"""


def chromium() -> str | None:
    if os.environ.get("MTCHECK_CHROMIUM"):
        return os.environ["MTCHECK_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("MTCHECK_SKIP_BROWSER") == "1":
        pytest.skip("MTCHECK_SKIP_BROWSER=1")
    path = chromium()
    if path is None:
        pytest.fail(
            "no Chromium for the HTML report tests: apt-get install chromium (the README's test command does),"
            " or set MTCHECK_CHROMIUM=/path/to/chrome; MTCHECK_SKIP_BROWSER=1 skips them"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Opened:
    page: object
    errors: list[str]
    dialogs: list[str]


@pytest.fixture
def opener(browser):
    """Opens reports in fresh pages; fails the test on any script error or dialog."""
    contexts = []
    opened: list[Opened] = []

    def open_report(path: Path, fragment: str = "", *, javascript: bool = True, width: int = 1280) -> Opened:
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        result = Opened(page, [], [])
        page.on("pageerror", lambda error: result.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and result.errors.append(message.text))

        def on_dialog(dialog) -> None:
            result.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        url = path.as_uri() + (f"#{fragment}" if fragment else "")
        if javascript:
            page.goto(url, wait_until="commit")
            page.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)
        else:
            page.goto(url, wait_until="load")
        opened.append(result)
        return result

    yield open_report
    for context in contexts:
        context.close()
    for result in opened:
        assert result.errors == []
        assert result.dialogs == []


# --- reports ----------------------------------------------------------------------------


@dataclass
class Made:
    html: Path
    findings: list[dict]


def _check(tmp: Path, name: str, *args: str) -> Made:
    html = tmp / f"{name}.html"
    run = run_cli("check", *args, "--format", "html", "-o", str(html), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.returncode in (0, 1), run.stderr
    as_json = run_cli("check", *args, "--format", "json")
    return Made(html, json.loads(as_json.stdout)["findings"])


BATCH = ["tests/fixtures/html/hostile.tsv", "tests/fixtures/html/cjk-emoji.txt", "tests/fixtures/small.tsv"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Made:
    """Hostile markup, bidi and ANSI, CJK and emoji, and plain text: one batch of three files."""
    return _check(tmp_path_factory.mktemp("batch"), "batch", *BATCH)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Made:
    return _check(
        tmp_path_factory.mktemp("arabic"),
        "arabic",
        "tests/fixtures/html/arabic.tsv",
        "--src-lang",
        "en",
        "--tgt-lang",
        "ar",
    )


def _segment(target: str, source: str | None = None, *, path: str = "edge.tsv", line: int = 1) -> Segment:
    return Segment(f"{path}:{line}", target, Origin(path, line, len(source) + 2 if source else 1), source, "zh", "en")


def edge_findings() -> list[Finding]:
    """Findings whose spans test the offsets: astral emoji before the span, a ZWJ family,
    controls inside the span, a source-side span, several edits, an insertion, a long target;
    segment keys that are not path:line (a PO-style key with non-ASCII, one naming no file)."""
    emoji = _segment("😀😀 We went to the the market 👩\u200d👩\u200d👧 ok.", "我们去了市场。", line=1)
    controls = _segment("Name: \u202eexe.txt\u202c and \x1b[2J done", "名字。", line=2)
    assert controls.target[6:15] == "\u202eexe.txt\u202c" and controls.target[20:24] == "\x1b[2J"
    long_target = "word " * 400 + "the the end." + " more" * 300
    long = _segment(long_target, "很长。", line=3)
    insert = _segment("Hello,world and apples,pears.", None, line=4)
    po = Segment("edge.po#ctx\u0004“Ünit” 😀", "Ünits units", Origin("edge.po", 7, 8), None, None, "de")
    elsewhere = Segment("unit-9", "Same same", Origin("edge.po", 9, 8), None, None, "en")
    return [
        Finding("repeat.word", "fluency/grammar", Severity.MINOR, "Doubled word “the”", emoji, 14, 21,
                fix=Fix((Edit(17, 21, ""),), Safety.SAFE, "Remove the second “the”")),
        Finding("emoji.family", "other", Severity.MAJOR, "A family", emoji, 29, 37),
        Finding("bidi.override", "other", Severity.CRITICAL, "Bidi override in the name", controls, 6, 15,
                fix=Fix((Edit(6, 7, ""), Edit(14, 15, "")), Safety.SUGGESTION, "Remove the bidi controls")),
        Finding("ansi.escape", "other", Severity.MAJOR, "ANSI escape", controls, 20, 24),
        Finding("term.missing", "terminology/inappropriate", Severity.MAJOR, "Term “市场” missing", emoji, 4, 6,
                side=Side.SOURCE),
        Finding("repeat.word", "fluency/grammar", Severity.MINOR, "Doubled word “the”", long, 2000, 2007,
                fix=Fix((Edit(2003, 2007, ""),), Safety.SAFE, "Remove the second “the”")),
        Finding("punct.missing-space", "fluency/punctuation", Severity.MINOR, "No space after “,”", insert, 5, 7,
                fix=Fix((Edit(6, 6, " "),), Safety.SAFE, "Add a space")),
        Finding("case.doubled", "other", Severity.MINOR, "Ünits", po, 0, 5),
        Finding("repeat.word", "fluency/grammar", Severity.MINOR, "Doubled word “Same”", elsewhere, 0, 9),
    ]  # fmt: skip


def write_synthetic(path: Path, findings: list[Finding]) -> Path:
    summary = Summary()
    for finding in findings:
        summary.add(finding)
    buffer = io.StringIO()
    report = HtmlReport(buffer, "0.0.0-test", [])
    for finding in findings:
        report.finding(finding)
    report.finish(summary, [])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def edge(tmp_path_factory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("edge") / "edge.html", edge_findings())


def wait_until(page, script: str, timeout: float = 20.0) -> None:
    """Poll a JavaScript condition (the page's CSP forbids Playwright's own string evaluation)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"timed out waiting for {script}"
        page.wait_for_timeout(50)


def _location(finding: dict) -> str:
    return f"{finding['path']}:{finding['line']}:{finding['column']}"


# --- the tests --------------------------------------------------------------------------


def test_every_highlighted_span_is_the_findings_text(opener, batch: Made) -> None:
    opened = opener(batch.html)
    cards = opened.page.evaluate(CARDS_JS)
    assert len(cards) == len(batch.findings) > 20
    by_place = {(c["location"], c["rule"], c["mark"]) for c in cards}
    for finding in batch.findings:
        assert (_location(finding), finding["rule"], finding["text"]) in by_place, finding
    header = opened.page.inner_text("header")
    assert "FAIL" in header and f"{len(batch.findings)}" in header
    # the links the page computes are the ones html_data.anchors makes (one is a repeat: -2)
    order = sorted(batch.findings, key=lambda f: (BATCH.index(f["path"]), f["line"], f["column"]))
    assert [c["id"] for c in cards] == report_links(order)


def test_edge_spans_astral_emoji_controls_source_side_and_long_targets(opener, edge: Path) -> None:
    opened = opener(edge)
    cards = {c["rule"] + ":" + c["location"]: c for c in opened.page.evaluate(CARDS_JS)}
    for finding in edge_findings():
        card = cards[f"{finding.rule}:{finding.segment.origin.path}:{finding.line}:{finding.column}"]
        assert card["mark"] == finding.text
        assert card["side"] == finding.side.value
    # the links the page computes are html_data's, whatever the segment keys are
    links = [link for link, _ in html_links(edge_findings())]
    assert [c["id"] for c in opened.page.evaluate(CARDS_JS)] == links
    assert opener(edge, links[-2]).page.evaluate("document.activeElement.id") == links[-2]
    page = opened.page
    # a long target is a window around the span, and the ellipsis opens the whole of it
    long_card = page.locator("article.f", has_text="edge.tsv:3:")
    assert len(long_card.locator(".tg").inner_text()) < 700
    long_card.locator(".tg .el").first.click()
    assert long_card.locator(".tg").evaluate("p => p.textContent") == "word " * 400 + "the the end." + " more" * 300
    # fixes: before with the removed characters, after with the inserted ones
    fix_card = page.locator("article.f", has_text="edge.tsv:4:")
    assert fix_card.locator(".bf").evaluate("p => p.textContent") == "Hello,world and apples,pears."
    assert fix_card.locator(".af ins").evaluate("e => e.textContent") == " "
    assert fix_card.locator(".af").evaluate("p => p.textContent") == "Hello, world and apples,pears."
    bidi = page.locator("article.f", has_text="bidi.override")
    assert bidi.locator(".bf del").evaluate_all("es => es.map(e => e.textContent)") == ["\u202e", "\u202c"]


def test_injected_markup_shows_as_text_and_runs_nothing(opener, batch: Made) -> None:
    opened = opener(batch.html)
    page = opened.page
    page.locator("article.f", has_text="hostile.tsv:1:").first.click()
    for key in "jjjjkk":
        page.keyboard.press(key)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, textarea, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert page.evaluate("[...document.scripts].filter(s => !s.type || s.type.includes('javascript')).length") == 1
    targets = page.evaluate("[...document.querySelectorAll('.tg')].map(p => p.textContent)")
    assert any("<script>window.__pwned = 1</script>" in t for t in targets)
    assert any('</textarea><img src=x onerror="window.__pwned=2">' in t for t in targets)
    assert any("javascript:window.__pwned=3" in t for t in targets)
    # ANSI escapes and bidi controls are badges, in the DOM as the characters themselves
    names = set(page.evaluate("[...document.querySelectorAll('.cc')].map(b => b.dataset.n)"))
    assert {"ESC", "RLO", "PDF", "BEL"} <= names
    # the override is isolated: the file name after it still runs left to right
    left, right = page.evaluate(
        """() => {
        const p = [...document.querySelectorAll('.tg')].find(p => p.textContent.includes('gnp.exe'));
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.data.startsWith('gnp.exe')) {}
        const at = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                          return r.getBoundingClientRect().left; };
        return [at(0), at(6)];
    }"""
    )
    assert left < right
    assert page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content").startswith(
        "default-src 'none'; script-src 'sha256-"
    )


def test_filters_sort_collapse_and_counts(opener, batch: Made) -> None:
    page = opener(batch.html).page
    total = len(batch.findings)

    def shown() -> int:
        return page.evaluate("document.querySelectorAll('details.file:not([hidden]) article.f').length")

    assert shown() == total
    page.uncheck("input[name=sev][value='2']")  # minor off
    assert shown() == sum(f["severity"] != "minor" for f in batch.findings)
    assert page.inner_text("#shown") == f"{shown()} of {total} findings"
    page.click("#reset")
    page.select_option("#f-rule", label=f"repeat.word ({sum(f['rule'] == 'repeat.word' for f in batch.findings)})")
    rules = page.evaluate("[...document.querySelectorAll('article.f h3 code')].map(c => c.textContent)")
    assert rules and set(rules) == {"repeat.word"}
    page.click("#reset")
    page.select_option("#f-file", label="tests/fixtures/html/cjk-emoji.txt (6)")
    assert shown() == 6
    page.select_option("#f-fix", value="0")
    assert shown() == sum(f["path"].endswith("cjk-emoji.txt") and f["fix"] is not None for f in batch.findings)
    page.click("#reset")
    page.fill("#f-q", "pwned")
    wait_until(page, "document.getElementById('shown').textContent.includes(' of ')")
    assert 0 < shown() < total
    page.click("#reset")
    # sort: critical, major, minor within each file
    page.select_option("#f-sort", value="sev")
    for ranks in page.evaluate(
        "[...document.querySelectorAll('details.file')]"
        ".map(d => [...d.querySelectorAll('article.f')].map(a => +a.dataset.s))"
    ):
        assert ranks == sorted(ranks)
    page.click("#collapse")
    assert page.evaluate("document.querySelectorAll('details.file[open]').length") == 0
    page.click("#expand")
    assert page.evaluate("document.querySelectorAll('details.file[open]').length") == 3
    # a chart bar filters by its category
    page.locator("#charts g.row[data-k='cat']").first.click()
    assert page.input_value("#f-cat") != "-1"


def test_click_keyboard_link_and_copy(opener, batch: Made, browser) -> None:
    opened = opener(batch.html)
    page = opened.page
    cards = page.evaluate(CARDS_JS)
    third = cards[2]
    page.click(f"#{third['id']} .m")
    assert page.evaluate("location.hash") == f"#{third['id']}"
    assert page.evaluate("document.querySelector('article.f.cur').id") == third["id"]
    assert page.locator(f"#{third['id']} mark").first.text_content() == third["mark"]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == cards[3]["id"]
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == cards[1]["id"]
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "f-q"
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    copied = page.evaluate("window.mtcheckReport.copied")
    finding = next(f for f in batch.findings if (_location(f), f["rule"]) == (cards[1]["location"], cards[1]["rule"]))
    assert copied.startswith(f"{_location(finding)}: {finding['severity']} {finding['rule']} ({finding['category']})\n")
    assert f"\u27e6{finding['text']}\u27e7" in copied and f"#{cards[1]['id']}\n" in copied
    # the link opens the report at that finding, far down or not
    last = cards[-1]["id"]
    again = opener(batch.html, last).page
    assert again.evaluate("document.activeElement.id") == last
    again.wait_for_timeout(500)  # lazy loading around it must not push it out of view
    assert 0 <= again.evaluate(f"document.getElementById('{last}').getBoundingClientRect().top") < 900


def test_arabic_targets_run_right_to_left(opener, arabic: Made) -> None:
    page = opener(arabic.html).page
    cards = page.evaluate(CARDS_JS)
    assert {(c["rule"], c["mark"]) for c in cards} == {(f["rule"], f["text"]) for f in arabic.findings}
    card = page.locator("article.f", has_text="repeat.word")
    target = card.locator(".tg")
    assert target.get_attribute("dir") == "rtl" and target.get_attribute("lang") == "ar"
    assert target.evaluate("p => getComputedStyle(p).direction") == "rtl"
    # the first word of a right-to-left line sits at its right end
    mark, box = target.evaluate(
        "p => [p.querySelector('mark').getBoundingClientRect().right, p.getBoundingClientRect().right]"
    )
    assert box - mark < 40


def test_without_javascript_every_finding_is_there_in_document_order(opener, batch: Made) -> None:
    """One line per finding: its line (none: the line above), the key of its rule, the
    flagged text highlighted, exactly, as the browser reads the page."""
    page = opener(batch.html, javascript=False).page
    keys = dict(
        page.evaluate(
            "[...document.querySelectorAll('table.keys tbody tr')]"
            ".map(r => [r.querySelector('th').textContent, r.querySelector('code').textContent])"
        )
    )
    files = page.evaluate(
        """() => [...document.querySelectorAll('#fallback details.file')].map(d => [
        d.querySelector('summary .p').textContent,
        d.querySelector('pre').textContent.split('\\n'),
        [...d.querySelectorAll('pre b')].map(b => b.textContent)
    ])"""
    )
    listed = []
    for path, lines, marks in files:
        assert len(lines) == len(marks)
        line = ""
        for text, mark in zip(lines, marks, strict=True):
            location, rest = text.split("\t", 1)
            line = location or line
            listed.append((path, int(line), keys[rest.split(" ")[0]], mark))
    order = sorted(batch.findings, key=lambda f: (BATCH.index(f["path"]), f["line"], f["column"]))
    assert listed == [(f["path"], f["line"], f["rule"], f["text"]) for f in order]
    assert page.evaluate("document.querySelectorAll('img, textarea, script:not([type])').length") == 1  # the script
    assert page.evaluate("window.__pwned") is None
    assert page.is_hidden("#toolbar")
    # a badge stays on its line, an Arabic or Hebrew excerpt cannot reorder the line's start
    assert page.evaluate("getComputedStyle(document.querySelector('#fallback pre .cc')).whiteSpace") == "nowrap"


def test_lazy_rendering_of_a_large_report(opener, tmp_path: Path) -> None:
    """The small version of bench/htmlreport.py: 3,000 findings render a page at a time."""
    findings = []
    for line in range(1, 1501):
        target = f"Line {line} has the the word and a a gap."
        segment = _segment(target, f"第{line}行。", path="big.tsv", line=line)
        the, a = target.index("the the"), target.index("a a")
        findings.append(
            Finding("repeat.word", "fluency/grammar", Severity.MINOR, "Doubled “the”", segment, the, the + 7)
        )
        findings.append(Finding("repeat.article", "fluency/grammar", Severity.MAJOR, "Doubled “a”", segment, a, a + 3))
    path = write_synthetic(tmp_path / "big.html", findings)
    page = opener(path).page
    rendered = page.evaluate("document.querySelectorAll('article.f').length")
    assert rendered == 100
    assert page.inner_text("#shown") == "3,000 findings"
    page.evaluate("document.querySelector('details.file button.more:not([hidden])').scrollIntoView()")
    wait_until(page, f"document.querySelectorAll('article.f').length > {rendered}")
    page.uncheck("input[name=sev][value='2']")
    assert page.inner_text("#shown") == "1,500 of 3,000 findings"
    assert page.evaluate("[...document.querySelectorAll('article.f mark')].every(m => m.textContent === 'a a')")
    page.fill("#f-q", "line 1499 ")
    wait_until(page, "document.getElementById('shown').textContent.startsWith('1 of')")
    page.click("#reset")
    # a link deep into the file opens there, and stays in view while the page fills in around it
    deep = html_links(findings)[2345][0]
    linked = opener(path, deep).page
    assert linked.evaluate("document.activeElement.id") == deep
    linked.mouse.wheel(0, -300)
    linked.wait_for_timeout(500)
    top = linked.evaluate(f"document.getElementById('{deep}').getBoundingClientRect().top")
    assert 0 <= top < 900
    assert linked.evaluate("document.querySelectorAll('article.f').length") < 400


def test_fix_report_shows_each_change_before_and_after(opener, batch: Made, tmp_path: Path) -> None:
    html = tmp_path / "fixes.html"
    hostile = "tests/fixtures/html/hostile.tsv"
    run = run_cli("fix", "--diff", "--format", "html", hostile, "-o", str(html))
    assert run.returncode == 1, run.stderr
    assert (ROOT / hostile).read_bytes().count(b"here here") == 1  # --diff writes nothing
    page = opener(html).page
    assert "mtcheck proposed fixes" in page.inner_text("h1")
    changes = page.evaluate(
        """() => [...document.querySelectorAll('article.f .fx')].map(fx => {
        const ins = [...fx.querySelectorAll('.af ins')].map(e => e.textContent);
        let k = 0;
        const swapped = [...fx.querySelector('.bf').childNodes].map(n => n.nodeType === 3 ? n.data
            : n.tagName === 'DEL' ? ins[k++] : n.textContent).join('');
        return [swapped, fx.querySelector('.af').textContent, fx.querySelector('.sf').dataset.x];
    })"""
    )
    safe = [f for f in batch.findings if f["path"] == hostile and f["fix"] and f["fix"]["safety"] == "safe"]
    assert len(changes) == len(safe) > 3
    for before_with_insertions, after, safety in changes:
        assert before_with_insertions == after
        assert safety == "safe"


def test_screenshot_is_kept(opener, batch: Made) -> None:
    page = opener(batch.html).page
    page.click("article.f .m")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
