"""The HTML report without a browser: escaping, the embedded data, the fallback, the page's
self-containment, ``-o`` and the CLI wiring. Its behaviour in Chromium is in
test_report_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, report_links, run_cli
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.model import Edit, Finding, Fix, Origin, Safety, Segment, Severity, Side
from mtcheck.report.html import compact, text_html
from mtcheck.report.html_data import anchor, decode_data, encode_data, layout, script_data
from mtcheck.report.html_fallback import excerpt, fallback
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


def _report(tmp_path: Path, *args: str, env: dict[str, str] | None = None, stderr: str = "") -> tuple[str, int]:
    out = tmp_path / "report.html"
    run = run_cli("check", *args, "--format", "html", "-o", str(out), env={**EPOCH, **(env or {})})
    assert run.stdout == b"" and run.stderr.decode() == stderr, run.stderr
    return out.read_text(encoding="utf-8"), run.returncode


def _data(page: str) -> tuple[dict, list[dict]]:
    index = re.search(r'<script type="application/octet-stream" id="data">([^<]*)</script>', page)
    chunks = re.findall(r'<script type="application/octet-stream" class="chunk">([^<]*)</script>', page)
    assert index and chunks
    return decode_data(index.group(1)), [decode_data(c) for c in chunks]


def _filled(text: str | list[str], flagged: str, replacement: str | None) -> str:
    if isinstance(text, list):
        return text[0]
    if replacement is not None:
        text = text.replace("\x02", replacement)
    return text.replace("\x01", flagged)


def test_the_data_holds_every_finding_with_its_exact_span_place_message_and_fix(batch: tuple[str, list[dict]]) -> None:
    """Read the data as report.js does: kinds, findings per segment, columns per chunk (the
    findings here all have their fix's edits inside their span)."""
    page, expected = batch
    index, chunks = _data(page)
    segment_of = [number for number, size in enumerate(index["counts"]) for _ in range(size)]
    file_of = [file for file, first, end in index["fileRanges"] for _ in range(first, end)]
    assert len(segment_of) == len(file_of) == len(index["kind"]) == len(expected)
    lines = [sum(index["lines"][: number + 1]) for number in range(len(index["counts"]))]
    found = []
    for chunk_number, chunk in enumerate(chunks):
        base = index["chunks"][chunk_number]
        first = segment_of.index(base)
        for x, target in enumerate(chunk["targets"]):
            line = lines[base + x]
            source = chunk["sources"][x]
            path = index["files"][file_of[segment_of.index(base + x)]]
            key = index["keys"].get(str(base + x))
            key = f"{path}:{line}" if key is None else path + key if isinstance(key, str) else key[0]
            source_place = chunk["sourcePlaces"].get(str(x), [line, 1])
            predicted = source_place[1] + len(source) + 1 if source is not None and source_place[0] == line else 1
            column = predicted + chunk["columns"][x]
            for number in range(len(segment_of)):
                if segment_of[number] != base + x:
                    continue
                local = number - first
                rule, severity, category, side, fix_kind = index["kinds"][index["kind"][number]]
                start = chunk["starts"][local]
                end = start + chunk["lengths"][local]
                body = source if side else target
                place = chunk["places"].get(str(local)) or (
                    [source_place[0], source_place[1] + start] if side else [line, column + start]
                )
                fix = chunk["fixes"][local]
                replacement = None
                if fix is not None and not side and all(0 <= a <= b <= end - start for a, b, _ in fix[1]):
                    flagged, cursor, pieces = body[start:end], 0, []
                    for a, b, text in fix[1]:
                        pieces += [flagged[cursor:a], text]
                        cursor = b
                    replacement = "".join(pieces) + flagged[cursor:]
                found.append(
                    (
                        path, key, place[0], place[1], index["rules"][rule], index["severities"][severity],
                        index["categories"][category], "source" if side else "target", body[start:end],
                        _filled(chunk["strings"][chunk["messages"][local]], body[start:end], replacement),
                        replacement,
                        ["safe", "suggestion", None][fix_kind],
                    )
                )  # fmt: skip
    assert sorted(found) == sorted(
        (
            f["path"], f["segment"], f["line"], f["column"], f["rule"], f["severity"], f["category"], f["side"],
            f["text"], f["message"], f["fix"] and f["fix"]["replacement"], f["fix"] and f["fix"]["safety"],
        )
        for f in expected
    )  # fmt: skip


def test_links_are_stable_and_unique(batch: tuple[str, list[dict]]) -> None:
    """A finding's fragment depends on its rule, segment and text only; a repeat in its segment
    gets -2 (report.js computes the same: test_report_html_browser checks it)."""
    _, expected = batch
    key, finding = zlib.crc32(b"a.txt:3"), zlib.crc32(b"repeat.word\0the the") >> 16
    assert anchor("repeat.word", "a.txt:3", "the the") == f"f-{key:08x}{finding:04x}"
    assert len({anchor("repeat.word", "a.txt:3", t) for t in ("the the", "a a", "the  the")}) == 3
    assert anchor("r", "k", "\ud800") == anchor("r", "k", "\ufffd")  # as the data carries it
    ids = report_links(expected)
    assert len(set(ids)) == len(expected)
    assert sum(i.endswith("-2") for i in ids) == 1  # hostile.tsv:5 has two stray “0”


def test_the_page_is_self_contained_and_its_policy_admits_only_its_own_script(batch: tuple[str, list[dict]]) -> None:
    page, _ = batch
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg")
    markup = re.sub(r'<script type="application/octet-stream"[^>]*>[^<]*</script>', "", page)  # base85 may spell url(
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", markup.split('id="fallback"')[0])
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy == (
        f"default-src 'none'; script-src 'sha256-{digest(script)}'; style-src 'sha256-{digest(style)}';"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )


def _listing(page: str) -> list[tuple[str, int, str, str, str]]:
    """(path, line, rule, severity, highlighted text) of each line of the listing."""
    fallback = page.split('<div id="fallback">', 1)[1]
    keys = {
        code: (rule, severity)
        for code, rule, severity in re.findall(
            r'<tr data-s="\d"><th>([a-z]+)</th><td><code>([^<]*)</code>(?: <span class="sd">source</span>)?</td>'
            r'<td class="sv">(\w+)</td>',
            fallback,
        )
    }
    rows = []
    summaries = r'<summary><span class="p">([^<]*)</span>[^\n]*?</summary><pre[^>]*>(.*?)</pre>'
    for path, body in re.findall(summaries, fallback, re.S):
        line = ""
        for row in body.split("\n"):
            location, rest = row.split("\t", 1)
            code, excerpt = rest.split(" ", 1)
            line = location or line  # none: the line above
            flagged = "".join(read_html(re.search(r"<b>(.*?)</b>", excerpt).group(1)).text)
            rows.append((path, int(line), *keys[code], flagged))
    return rows


def test_the_fallback_lists_every_finding_in_document_order(batch: tuple[str, list[dict]]) -> None:
    page, expected = batch
    fallback = page.split('<div id="fallback">', 1)[1]
    reader = read_html(fallback)
    assert {tag for tag, _ in reader.tags} <= {
        "table", "thead", "tbody", "tr", "th", "td", "code", "span", "b", "p", "details", "summary", "pre", "bdi",
    }  # fmt: skip
    order = sorted(expected, key=lambda f: (BATCH.index(f["path"]), f["line"], f["column"]))  # stable: arrival
    assert _listing(page) == [(f["path"], f["line"], f["rule"], f["severity"], f["text"]) for f in order]


def test_the_date_comes_from_source_date_epoch(batch: tuple[str, list[dict]]) -> None:
    assert '<time datetime="2023-11-14T22:13:20+00:00">2023-11-14 22:13 UTC</time>' in batch[0]


def test_header_gates_and_files_table(tmp_path: Path) -> None:
    page, status = _report(tmp_path, "tests/fixtures/small.tsv", "--fail-on", "major")
    assert status == 0
    assert '<p class="verdict" data-pass="true"><b>PASS</b> <span>gate: no major or worse finding' in page
    gate = (  # the log says why the run failed, whatever the report's format
        "mtcheck: the batch scores 80.00, 19.50 below --min-score 99.5\n"
        "mtcheck: tests/fixtures/small.tsv scores 80.00, 19.50 below --min-score 99.5\n"
    )
    page, status = _report(
        tmp_path, "tests/fixtures/small.tsv", "--fail-on", "never", "--min-score", "99.5", stderr=gate
    )
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


# --- the listing and the data, from findings made here ---------------------------------


def _segment(line: int, target: str, source: str, tgt_lang: str = "en") -> Segment:
    return Segment(f"t.tsv:{line}", target, Origin("t.tsv", line, len(source) + 2, line, 1), source, "zh", tgt_lang)


def _doubled(segment: Segment, word: str, start: int, safety: Safety = Safety.SAFE) -> Finding:
    end = start + 2 * len(word) + 1
    fix = Fix((Edit(start + len(word), end, ""),), safety, f"Remove the second “{word}”")
    message = f"Doubled word “{segment.target[start:end]}”"
    return Finding("repeat.word", "fluency/grammar", Severity.MINOR, message, segment, start, end, fix=fix)


def _made_findings() -> list[Finding]:
    one = _segment(1, "We went to the the market today.", "我们今天去了市场。")
    two = _segment(2, "It is is fine , and the the end.", "没问题，结束。")
    three = _segment(3, "Done done.", "完成。")
    four = _segment(4, "هذا هذا نص", "这是文本。", "ar")
    five = _segment(5, "He paid 4 yuan.", "他付了五元。")
    six = _segment(6, "Short.\nShort too.", "很长的句子。很长的句子。")
    seven = _segment(7, "A\x01B", "甲乙")
    space = Fix((Edit(13, 14, ""),), Safety.SAFE, "Remove the space before “,”")
    short = "accuracy/omission", Severity.MINOR
    return [
        _doubled(one, "the", 11),
        _doubled(two, "is", 3),
        Finding("punct.space-before", "fluency/punctuation", Severity.MINOR, "Space before “,”", two, 13, 15,
                fix=space),
        _doubled(two, "the", 20),
        _doubled(three, "Done", 0, Safety.SUGGESTION),  # made a suggestion by the fix gate
        _doubled(four, "هذا", 0),
        Finding("number.missing", "accuracy/omission", Severity.MAJOR,
                "Number 5 (五) of the source is missing in the target", five, 3, 4, side=Side.SOURCE),
        Finding("length.ratio", *short, "The target is short for its source (0.9)", six, 0, 17),
        Finding("length.ratio", *short, "The target is short for its source (0.5)", five, 0, 15),
        Finding("length.ratio", *short, "The target is short for its source (0.5)", three, 0, 10),
        Finding("control.char", "other", Severity.CRITICAL, "Control character “\x01”", seven, 1, 2,
                fix=Fix((Edit(1, 2, ""),), Safety.SAFE, "Remove “\x01”")),
    ]  # fmt: skip


def test_the_listing_says_each_thing_once() -> None:
    """A key per rule (with its severity, category and side) states the message and the fix;
    a line adds them only when they say more than the key: the suggestion that the fix gate
    made of a safe fix, a message with another number. Arabic is isolated, the source-side
    excerpt is in the source's language, a line feed in a span is a badge on its line."""
    listing = "".join(fallback(layout(_made_findings()), "findings"))
    keys = re.findall(r"<tr data-s=\"\d\">.*?</tr>", listing.split("<tbody>")[1])
    assert keys[1:] == [
        '<tr data-s="1"><th>b</th><td><code>number.missing</code> <span class="sd">source</span></td>'
        '<td class="sv">major</td><td>accuracy/omission</td><td>1</td>'
        "<td>Number 5 (五) of the source is missing in the target</td><td></td></tr>",
        '<tr data-s="2"><th>c</th><td><code>repeat.word</code></td><td class="sv">minor</td>'
        "<td>fluency/grammar</td><td>5</td><td>Doubled word “…”</td>"
        '<td><b class="sf" data-x="safe">safe fix</b> Remove the second “…” (4 of 5)</td></tr>',
        '<tr data-s="2"><th>d</th><td><code>length.ratio</code></td><td class="sv">minor</td>'
        "<td>accuracy/omission</td><td>3</td><td>The target is short for its source (0.5)</td><td></td></tr>",
        '<tr data-s="2"><th>e</th><td><code>punct.space-before</code></td><td class="sv">minor</td>'
        "<td>fluency/punctuation</td><td>1</td><td>Space before “,”</td>"
        '<td><b class="sf" data-x="safe">safe fix</b> Remove the space before “,”</td></tr>',
    ]
    assert re.search(r"<pre>(.*)</pre>", listing, re.S).group(1).split("\n") == [
        "1\tc <b>the the</b>",
        "2\tc It <b>is is</b>",
        "\te fine<b> ,</b> and",
        "\tc <b>the the</b>",
        "3\tc <b>Done done</b> ⇢ Done",
        "\td <b>Done done.</b>",
        "4\tc <bdi><b>هذا هذا</b></bdi>",
        '5\tb <bdi lang="zh">他付了<b>五</b>元。</bdi>',
        "\td <b>He paid 4 yuan.</b>",
        '6\td <b>Short.<span class="cc" data-n="LF">&#xa;</span>Short too.</b>'
        " — The target is short for its source (0.9)",
        '7\ta A<b><span class="cc" data-n="U+0001">&#x1;</span></b>B',
    ]


def test_the_data_puts_back_each_message_and_fix_title() -> None:
    findings = _made_findings()
    order = layout(findings)
    index, chunks = script_data(order, "findings", None)
    chunk = decode_data(encode_data(chunks[0]))
    strings = chunk["strings"]
    assert len(chunks) == 1 and strings[chunk["messages"][0]] == "Doubled word “\x01”"
    assert chunk["messages"][:4] == [0, 0, 3, 0]  # one string for the messages of the three doubled words
    assert chunk["fixes"][0] == [1, [[3, 7, ""]]] and strings[1] == "Remove \x02 second “\x02”"  # edits from the span
    assert strings[chunk["messages"][-1]] == ["Control character “\x01”"]  # holds a stand-in: kept as it is
    for number, finding in enumerate(order.findings):
        replacement = finding.replacement if finding.fix and finding.side is Side.TARGET else None
        assert _filled(strings[chunk["messages"][number]], finding.text, replacement) == finding.message
        if finding.fix:
            assert _filled(strings[chunk["fixes"][number][0]], finding.text, replacement) == finding.fix.title
    assert index["kinds"][index["kind"][-1]] == [
        order.rules.index("control.char"),
        0,
        order.categories.index("other"),
        0,
        0,
    ]
    assert index["counts"] == [1, 3, 2, 1, 2, 1, 1]  # findings per segment


@pytest.mark.parametrize(
    ("text", "flagged", "shown"),
    [
        ("We think about the universe , and more", " ,", "universe<b> ,</b> and"),  # a word past the room
        ("Look at the information , please", " ,", "<b> ,</b> please"),  # too long to add
        ("We went to the the market", "the the", "<b>the the</b>"),  # long enough alone
        ("It ends here ,", " ,", "here<b> ,</b>"),
        ("我们今天去了市场 ,好", " ,", "了市场<b> ,</b>好"),  # CJK: characters, half the room
        ("a<b>&c ,d", " ,", "a&lt;b&gt;&amp;c<b> ,</b>d"),
    ],
)
def test_an_excerpt_shows_a_little_context_in_whole_words(text: str, flagged: str, shown: str) -> None:
    start = text.index(flagged)
    assert excerpt(text, start, start + len(flagged)) == shown


def test_compact_drops_indentation_blank_lines_and_comment_lines_only() -> None:
    code = "/* a\n   comment */\n(function () {\n  // a note\n\n  var s = '// not a comment';  // kept\n}());\n"
    assert compact(code) == "(function () {\nvar s = '// not a comment';  // kept\n}());"
    assert compact(".a { color: red; }\n  /* b */\n.c {}") == ".a { color: red; }\n.c {}"
    with pytest.raises(ValueError, match="code after a comment"):
        compact("/* a */ var b;")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a" * 60, "a" * 60),
        ("a" * 30 + "b" + "c" * 30, "a" * 30 + "…" + "c" * 30),
        ("我" * 30, "我" * 30),  # 60 columns
        ("我" * 15 + "们" + "你" * 15, "我" * 15 + "…" + "你" * 15),
        ("我a" * 20 + "b", "我a" * 10 + "…" + "a我" * 9 + "ab"),
    ],
)
def test_a_long_flagged_text_is_shortened_in_the_middle_to_sixty_columns(text: str, shown: str) -> None:
    assert excerpt(text, 0, len(text)) == f"<b>{shown}</b>"


def test_the_index_holds_each_segments_line_and_the_keys_it_cannot_work_out() -> None:
    """Lines one after the other; a key only when it is not path:line (what follows the path,
    or the whole key): report.js finds a linked finding's segment from them."""

    def finding(key: str, line: int) -> Finding:
        segment = Segment(key, "the the", Origin("t.po", line, 8))
        return Finding("repeat.word", "fluency/grammar", Severity.MINOR, "Doubled word", segment, 0, 7)

    index, _ = script_data(layout([finding("t.po:1", 1), finding("t.po#ctx“ü”", 5), finding("unit 7", 3)]), "x", None)
    assert index["lines"] == [1, 2, 2]  # in document order: lines 1, 3, 5
    assert index["keys"] == {"1": ["unit 7"], "2": "#ctx“ü”"}
