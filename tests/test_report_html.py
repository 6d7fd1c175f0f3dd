"""The HTML report without a browser: escaping, the embedded data, the fallback, the page's
self-containment, ``-o`` and the CLI wiring. Its behaviour in Chromium is in
test_report_html_browser.py."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, run_cli
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.report.html import text_html
from mtcheck.report.select import resolve_format

BATCH = ("tests/fixtures/html/hostile.tsv", "tests/fixtures/html/cjk-emoji.txt", "tests/fixtures/small.tsv")
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


class _Reader(HTMLParser):
    """The text and the tags an HTML fragment holds, as a browser reads them: the HTML
    standard keeps a character reference to a control character (Python's unescape drops
    it); the report writes only hexadecimal references and &amp; &lt; &gt;."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_charref(self, name: str) -> None:
        assert name.startswith("x")
        self.text.append(chr(int(name[1:], 16)))

    def handle_entityref(self, name: str) -> None:
        self.text.append({"amp": "&", "lt": "<", "gt": ">"}[name])


def read_html(fragment: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader


def test_text_html_escapes_markup_and_badges_controls() -> None:
    assert text_html('<script>alert("x")</script> & co') == '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co'
    assert text_html("a\x1b[31mb") == 'a<span class="cc" data-n="ESC">&#x1b;</span>[31mb'
    assert text_html("\u202egnp.exe") == '<span class="cc" data-n="RLO">&#x202e;</span>gnp.exe'
    assert text_html("x\x85y") == 'x<span class="cc" data-n="NEL">\x85</span>y'  # raw: a reference means cp1252
    assert text_html("\ud800") == '<span class="cc" data-n="U+D800">\ufffd</span>'
    assert text_html("tab\tand\nline") == "tab\tand\nline"
    assert text_html("中文 😀 العربية") == "中文 😀 العربية"


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_text_html_reads_back_as_the_same_text_with_no_markup_but_badges(text: str) -> None:
    reader = read_html(text_html(text))
    assert {tag for tag, _ in reader.tags} <= {"span"}
    assert all(attrs[0] == ("class", "cc") for _, attrs in reader.tags)
    expected = re.sub("[\x00\ud800-\udfff]", "\ufffd", text)
    assert "".join(reader.text) == expected


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict]]:
    """The batch's report (made twice: the bytes must not change) and its findings as JSON."""
    tmp = tmp_path_factory.mktemp("batch")
    page, status = _report(tmp, *BATCH)
    assert status == 1
    assert _report(tmp, *BATCH)[0] == page
    return page, json.loads(run_cli("check", *BATCH, "--format", "json").stdout)["findings"]


def _report(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, int]:
    out = tmp_path / "report.html"
    run = run_cli("check", *args, "--format", "html", "-o", str(out), env={**EPOCH, **(env or {})})
    assert run.stdout == b"" and run.stderr == b"", run.stderr
    return out.read_text(encoding="utf-8"), run.returncode


def _decode(blob: str) -> object:
    return json.loads(gzip.decompress(base64.b64decode(blob)))


def _data(page: str) -> tuple[dict, list[dict]]:
    index = re.search(r'<script type="application/octet-stream" id="data">([^<]*)</script>', page)
    chunks = re.findall(r'<script type="application/octet-stream" class="chunk">([^<]*)</script>', page)
    assert index and chunks
    return _decode(index.group(1)), [_decode(c) for c in chunks]  # type: ignore[return-value]


def test_the_data_holds_every_finding_with_its_exact_span(batch: tuple[str, list[dict]]) -> None:
    page, expected = batch
    index, chunks = _data(page)
    segments = [s for chunk in chunks for s in chunk["segments"]]
    records = [f for chunk in chunks for f in chunk["findings"]]
    ids = index["ids"].split(" ")
    assert len(records) == len(index["severity"]) == len(ids) == len(set(ids)) == len(expected)
    found = set()
    for number, (start, end, line, column, message, _fix, _chrf) in enumerate(records):
        source, target, *_ = segments[index["segment"][number]]
        body = source if index["side"][number] else target
        path = index["files"][index["segmentFile"][index["segment"][number]]]
        found.add((path, line, column, index["rules"][index["rule"][number]], body[start:end], message))
    assert found == {(f["path"], f["line"], f["column"], f["rule"], f["text"], f["message"]) for f in expected}


def test_the_page_is_self_contained_and_its_policy_admits_only_its_own_script(batch: tuple[str, list[dict]]) -> None:
    page, _ = batch
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg")
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page.split('id="fallback"')[0])
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy == (
        f"default-src 'none'; script-src 'sha256-{digest(script)}'; style-src 'sha256-{digest(style)}';"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )


def test_the_fallback_lists_every_finding_in_document_order(batch: tuple[str, list[dict]]) -> None:
    page, expected = batch
    fallback = page.split('<div id="fallback">', 1)[1]
    reader = read_html(fallback)
    assert {tag for tag, _ in reader.tags} <= {
        "details", "summary", "span", "div", "p", "mark", "ul", "li", "a", "b", "code", "del", "ins",
    }  # fmt: skip
    items = re.findall(r'<li id="(f-[0-9a-f-]+)" data-s="\d"><a href="#\1">(\d+):(\d+)</a>', fallback)
    assert len(items) == len(expected)
    by_file = [re.findall(r'<li id="f-[0-9a-f-]+" data-s="\d"><a href="#[^"]+">(\d+):(\d+)</a>', part) for part in
               fallback.split('<details class="file"')[1:]]  # fmt: skip
    for positions in by_file:
        assert [tuple(map(int, p)) for p in positions] == sorted(tuple(map(int, p)) for p in positions)


def test_the_date_comes_from_source_date_epoch(batch: tuple[str, list[dict]]) -> None:
    assert '<time datetime="2023-11-14T22:13:20+00:00">2023-11-14 22:13 UTC</time>' in batch[0]


def test_header_gates_and_files_table(tmp_path: Path) -> None:
    page, status = _report(tmp_path, "tests/fixtures/small.tsv", "--fail-on", "major")
    assert status == 0
    assert '<p class="verdict" data-pass="true"><b>PASS</b> <span>gate: no major or worse finding' in page
    page, status = _report(tmp_path, "tests/fixtures/small.tsv", "--fail-on", "never", "--min-score", "99.5")
    assert status == 1
    assert "<b>FAIL</b> <span>gate: MQM score at least 99.5 (--min-score)</span>" in page
    assert '<a href="#file-0">tests/fixtures/small.tsv</a>' in page


def test_no_findings_is_a_short_page(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("All is well here.\n", encoding="utf-8")
    page, status = _report(tmp_path, str(clean))
    assert status == 0
    assert '<p class="none">No findings.</p>' in page and "<script" not in page


def test_output_option_and_format_from_its_extension(tmp_path: Path) -> None:
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.sarif", "{"), ("r.json", "{"), ("r.txt", "tests/")):
        run = run_cli("check", "tests/fixtures/small.tsv", "-o", str(tmp_path / name))
        assert run.returncode == 1 and run.stdout == b""
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json", "r.sarif", "r.txt"]  # no temporaries
    assert resolve_format("auto", {}, "out.HTML") == "html"
    run = run_cli("check", "tests/fixtures/small.tsv", "-o", str(tmp_path / "missing" / "r.html"))
    assert run.returncode == 2
    assert run.stderr.decode().splitlines() == [
        f"mtcheck: error: {tmp_path / 'missing' / 'r.html'}: cannot write: No such file or directory"
    ]


def test_stdout_html(tmp_path: Path) -> None:
    run = run_cli("check", "tests/fixtures/small.tsv", "--format", "html", env=EPOCH)
    assert run.returncode == 1
    assert run.stdout.startswith(b"<!DOCTYPE html>\n") and run.stdout.endswith(b"</html>\n")


def test_fix_html_needs_diff_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "mt.txt"
    target.write_bytes((ROOT / "tests/fixtures/small.txt").read_bytes())
    run = run_cli("fix", "--format", "html", str(target))
    assert run.returncode == 2
    message = "mtcheck: error: --format html shows the fixes that would be made: use it with --diff\n"
    assert run.stderr.decode() == message
    run = run_cli("fix", "--diff", "--format", "html", str(target), env=EPOCH)
    assert run.returncode == 1 and run.stderr == b""
    assert run.stdout.startswith(b"<!DOCTYPE html>") and b"mtcheck proposed fixes" in run.stdout
    assert target.read_bytes() == (ROOT / "tests/fixtures/small.txt").read_bytes()
