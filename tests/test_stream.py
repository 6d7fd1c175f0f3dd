"""Line-format files checked from disk (formats/stream.py) read exactly as ``load`` reads them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import example as hypothesis_example
from hypothesis import strategies as st

from mtcheck.batch import ReadOptions, check_file
from mtcheck.engine import Checker, RuleSet
from mtcheck.formats import load
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.stream import StreamedSegments, open_segments
from mtcheck.model import InputError


@pytest.fixture(autouse=True)
def _stream_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream the small files of these tests (only files of STREAM_BYTES or more are)."""
    from mtcheck.formats import stream

    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream, "PO_STREAM_BYTES", 0)
    monkeypatch.setattr(stream, "XLIFF_STREAM_BYTES", 0)


CELL = st.text(alphabet=st.sampled_from(list("ab 国家。,.\r\u2028\ufeffé")), max_size=12)


def _both(path: Path, **options: object) -> tuple[list, list]:
    streamed = open_segments(str(path), **options)  # type: ignore[arg-type]
    assert isinstance(streamed, StreamedSegments)
    return list(streamed), load(str(path), **options).segments  # type: ignore[arg-type]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(CELL, CELL), max_size=8),
    header=st.sampled_from(["", "source\ttarget\n", "id\tsource\ttarget\tnotes\n"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    final=st.booleans(),
)
def test_a_streamed_tsv_gives_the_segments_load_gives(
    tmp_path: Path, rows: list[tuple[str, str]], header: str, newline: str, bom: bool, final: bool
) -> None:
    wide = header.startswith("id")
    lines = [f"u{i}\t{s}\t{t}\tnote" if wide else f"{s}\t{t}" for i, (s, t) in enumerate(rows)]
    text = header.replace("\n", newline) + newline.join(lines) + (newline if final and lines else "")
    path = tmp_path / "rows.tsv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    streamed, whole = _both(path)
    assert streamed == whole


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(CELL, max_size=8), newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_a_streamed_text_file_gives_the_segments_load_gives(
    tmp_path: Path, lines: list[str], newline: str, bom: bool
) -> None:
    path = tmp_path / "mt.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + newline.join(lines).encode("utf-8"))
    streamed, whole = _both(path, tgt_lang="en")
    assert streamed == whole


def test_languages_are_decided_as_load_decides_them(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("国家安全是根基。\tNational security is the bedrock.\n", encoding="utf-8")
    (segment,) = open_segments(str(path))
    assert (segment.src_lang, segment.tgt_lang) == ("zh", "en")
    assert segment == load(str(path)).segments[0]


def test_what_is_not_plain_utf8_or_pairs_two_files_is_read_whole(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.tsv"
    utf16.write_bytes(b"\xff\xfe" + "a\tb\n".encode("utf-16-le"))
    target, source = tmp_path / "mt.txt", tmp_path / "src.txt"
    target.write_text("He came.\n", encoding="utf-8")
    source.write_text("他来了。\n", encoding="utf-8")
    assert isinstance(open_segments(str(utf16)), list)
    assert open_segments(str(utf16)) == load(str(utf16)).segments
    paired = open_segments(str(target), source_path=str(source))
    assert isinstance(paired, list) and paired[0].source == "他来了。"
    assert isinstance(open_segments(str(target)), StreamedSegments)


def test_a_small_file_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.formats import stream

    path = tmp_path / "mt.txt"
    path.write_text("He came.\n" * 10, encoding="utf-8")
    monkeypatch.setattr(stream, "STREAM_BYTES", path.stat().st_size + 1)
    assert isinstance(open_segments(str(path)), list)
    monkeypatch.setattr(stream, "STREAM_BYTES", path.stat().st_size)
    assert isinstance(open_segments(str(path)), StreamedSegments)


def _checked(path: Path, options: ReadOptions | None = None) -> tuple[str | None, list]:
    checker = Checker(RuleSet.load().selected())
    result = check_file(checker, str(path), options or ReadOptions())
    findings = list(result.ordered()) if result.problem is None else []
    return result.problem, findings


def _same_as_load(path: Path) -> None:
    """Streamed, the file gives the segments load gives (anchors, the unanchored pass, places),
    or the check reports the problem load reports and no finding."""
    try:
        whole = load(str(path)).segments
    except InputError as refused:
        problem, findings = _checked(path)
        assert problem == str(refused.problem) and findings == []
        return
    streamed = open_segments(str(path))
    assert isinstance(streamed, StreamedSegments)
    assert list(streamed) == whole
    unanchored = [replace(s, origin=s.origin.with_anchors(None, None)) for s in whole]
    assert list(streamed.observed()) == unanchored
    places = {(s.origin.line, s.origin.column) for s in whole[::2]}
    assert streamed.at_places(places) == {(s.origin.line, s.origin.column): s for s in whole[::2]}


def test_a_bad_byte_after_a_bad_row_is_reported_as_load_reports_it(tmp_path: Path) -> None:
    """The first pass meets the bad row first; the file read whole reports the bad byte."""
    path = tmp_path / "rows.tsv"
    rows = "".join(f"源{i}。\tSource {i}.\n" for i in range(50))
    path.write_bytes(rows.encode() + b"one column only\n" + b"x\t\xff\n")
    with pytest.raises(InputError) as expected:
        load(str(path))
    problem, findings = _checked(path)
    assert problem == str(expected.value.problem) and findings == []
    assert "not valid UTF-8 (byte 0xff)" in problem and ":52:" in problem


def test_a_bad_row_is_reported_before_any_finding(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("他来了。\tHe came .\n" * 30 + "no tab here\n", encoding="utf-8")
    problem, findings = _checked(path)
    assert problem is not None and ":31:" in problem and "expected 2 tab-separated columns" in problem
    assert findings == []


def test_a_file_changed_while_checked_ends_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("他来了。\tHe came .\n" * 30, encoding="utf-8")
    checker = Checker(RuleSet.load().selected())
    result = check_file(checker, str(path), ReadOptions())
    assert result.problem is None
    path.write_text("他来了。\tHe came .\n" * 2 + "no tab here\n", encoding="utf-8")  # after the first pass
    findings = list(result.ordered())
    assert [f.rule for f in findings] == ["punct.space-before"] * 2
    assert result.problem == f"{path}: changed while it was being checked; check it again"


def _calibration_file(path: Path) -> None:
    """300 zh→en rows around 4 characters per Han character, and one at 2.1: in the pair's
    band, but an outlier of its file (length.ratio's calibration, a file-scope finding)."""
    source = "国家安全是民族复兴的根基社会稳定是国家强盛的前提"  # 24 Han characters
    rows = []
    for i in range(300):
        words = "National security is the bedrock of national rejuvenation and social stability"
        rows.append(f"{source}\t{words}{' and more' * (i % 3)}.")
    rows[150] = f"{source}\tNational security is the bedrock of it all."
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _list_findings(path: Path) -> list[tuple]:
    """The findings of the file read whole, checked as before streaming."""
    checker = Checker(RuleSet.load().selected())
    segments = load(str(path)).segments
    checker.start_file(segments)
    found = [f for segment in segments for f in checker.check_segment(segment)]
    found += checker.finish_file()
    return sorted((f.rule, f.segment.key, f.start, f.end, f.message) for f in found)


def test_file_scope_evidence_of_a_streamed_file_names_lines_and_finds_them_again(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    _calibration_file(path)
    problem, findings = _checked(path)
    assert problem is None
    ratio = [(f.segment.key, f.message) for f in findings if f.rule == "length.ratio"]
    message = "The target is unusually short for its source (1.8 characters per source character)"
    assert ratio == [(f"{path}:151", message)]
    assert findings[-1].rule == "length.ratio" and findings[-1].segment.source.startswith("国家安全")
    assert sorted((f.rule, f.segment.key, f.start, f.end, f.message) for f in findings) == _list_findings(path)


def test_a_streamed_file_in_chunks_gives_what_one_process_gives(tmp_path: Path, monkeypatch) -> None:
    from mtcheck import batch

    path = tmp_path / "rows.tsv"
    _calibration_file(path)
    monkeypatch.setattr(batch, "CHUNK_BYTES", 1000)
    checker = Checker(RuleSet.load().selected())
    (result,) = batch.check_files(checker, [str(path)], ReadOptions(), jobs=2)
    chunked = [(f.rule, f.segment.key, f.start, f.end, f.message, f.segment) for f in result.ordered()]
    _, alone = _checked(path)
    assert chunked == [(f.rule, f.segment.key, f.start, f.end, f.message, f.segment) for f in alone]
    assert any(rule == "length.ratio" for rule, *_ in chunked)


def test_a_flagged_line_gone_before_it_is_found_again_is_not_reported(tmp_path: Path) -> None:
    from mtcheck import batch

    path = tmp_path / "rows.tsv"
    _calibration_file(path)
    checker = Checker(RuleSet.load().selected())
    segments = batch._started(checker, open_segments(str(path)))
    for segment in segments:
        checker.check_segment(segment)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert checker.finish_file(segments.at_places) == []
    assert checker.problems == []


# --- PO, an entry at a time ------------------------------------------------------------------

PO_TEXT = st.text(alphabet=st.sampled_from(list('ab 国。,"\\\t\né%s')), max_size=10)


def _po_string(text: str) -> str:
    from mtcheck.formats.po import escape

    return '"' + escape(text) + '"'


@st.composite
def po_entries(draw: st.DrawFn) -> str:
    """One entry: comments and flags, a context, one or several strings per field, plurals."""
    lines = []
    if draw(st.booleans()):
        lines.append("# a translator's note")
    if draw(st.booleans()):
        lines.append("#: src/main.c:12")
    flags = draw(st.sampled_from(["", "#, fuzzy", "#, c-format", "#, fuzzy, python-format"]))
    if flags:
        lines.append(flags)
    obsolete = draw(st.booleans()) and draw(st.booleans())
    context = draw(st.integers(min_value=0, max_value=10**6))
    lines.append(f'msgctxt "{context}"')

    def field(keyword: str) -> None:
        parts = draw(st.lists(PO_TEXT, min_size=1, max_size=3))
        if len(parts) == 1:
            lines.append(f"{keyword} {_po_string(parts[0])}")
        else:
            lines.append(f'{keyword} ""')
            lines.extend(_po_string(part) for part in parts)

    field("msgid")
    if draw(st.booleans()):
        field("msgid_plural")
        field("msgstr[0]")
        field("msgstr[1]")
    else:
        field("msgstr")
    if obsolete:
        lines = ["#~ " + line if not line.startswith("#") else line for line in lines]
    return "\n".join(lines)


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(po_entries(), max_size=6),
    header=st.sampled_from(["first", "later", "none"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    fuzzy=st.booleans(),
)
def test_a_streamed_po_gives_the_segments_load_gives(
    tmp_path: Path, entries: list[str], header: str, newline: str, bom: bool, fuzzy: bool
) -> None:
    """Positions included: each entry is anchored within its own lines as load anchors it
    within the whole file (escapes, strings over several lines, CRLF)."""
    blocks = list(entries)
    if header == "first":
        blocks.insert(0, HEADER)
    elif header == "later":
        blocks.insert(len(blocks) // 2, HEADER)
    text = "\n\n".join(blocks).replace("\n", newline) + newline
    path = tmp_path / "de.po"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    try:
        whole = load(str(path), include_fuzzy=fuzzy).segments
    except InputError:
        return  # two entries drew the same context: load refuses it (the next test)
    streamed = open_segments(str(path), include_fuzzy=fuzzy)
    assert isinstance(streamed, StreamedSegments)
    assert list(streamed) == whole
    unanchored = [replace(s, origin=s.origin.with_anchors(None, None)) for s in whole]
    assert list(streamed.observed()) == unanchored  # the pass no finding is reported from
    places = {(s.origin.line, s.origin.column) for s in whole[::2]}
    assert streamed.at_places(places) == {(s.origin.line, s.origin.column): s for s in whole[::2]}


def test_a_po_file_streams_only_when_it_declares_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin.po"
    latin.write_bytes(HEADER.replace("UTF-8", "ISO-8859-1").encode() + b'\n\nmsgid "a"\nmsgstr "\xe9t\xe9"\n')
    assert isinstance(open_segments(str(latin)), list)
    assert open_segments(str(latin))[0].target == "été"
    utf8 = tmp_path / "utf8.po"
    utf8.write_text(HEADER + '\n\nmsgid "a"\nmsgstr "été"\n', encoding="utf-8")
    assert isinstance(open_segments(str(utf8)), StreamedSegments)


def test_a_duplicate_po_entry_is_reported_as_load_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "dup.po"
    entry = 'msgid "Open"\nmsgstr "Öffnen"\n'
    path.write_text(
        HEADER + "\n\n" + "".join(f'msgid "x{i}"\nmsgstr "y {i} ."\n\n' for i in range(30)) + entry + "\n" + entry,
        encoding="utf-8",
    )
    with pytest.raises(InputError) as expected:
        load(str(path))
    problem, findings = _checked(path)
    assert problem == str(expected.value.problem) and "duplicate message" in problem and findings == []


def test_every_po_fixture_streams_as_it_loads() -> None:
    fixtures = sorted(Path(__file__).parent.glob("fixtures/**/*.po"))
    assert fixtures
    for path in fixtures:
        try:
            whole = load(str(path)).segments
        except InputError:
            continue
        streamed = open_segments(str(path))
        if isinstance(streamed, StreamedSegments):
            assert list(streamed) == whole, path


def test_compact_keys_refuse_a_duplicate_without_keeping_the_keys(tmp_path: Path) -> None:
    from mtcheck.formats.common import UniqueKeys
    from mtcheck.formats.linefile import LineFile

    keys = UniqueKeys(LineFile(str(tmp_path / "a.po")), "message", compact=True)  # type: ignore[arg-type]
    keys.add("a.po#Open", "Open", 3)
    keys.add("a.po#Close", "Close", 6)
    with pytest.raises(InputError, match="duplicate message"):
        keys.add("a.po#Open", "Open", 9)
    assert keys._seen == {}  # only hashes are kept


TERM_ROWS = [
    "我们要牢固树立总体国家安全观。\tWe must firmly follow the holistic approach to national security.",
    "总体国家安全观是行动指南。\tThe holistic approach to national security guides our action.",
    "他阐述了总体国家安全观。\tHe expounded the holistic view of national security.",
    "今天天气很好。\tThe weather is nice today.",
]


def test_term_consistency_of_a_streamed_file_keeps_lines_and_finds_them_again(tmp_path: Path, monkeypatch) -> None:
    """term.inconsistent keeps a streamed file's lines, not its segments, and reports what the
    whole file read at once reports, in one process and in chunks."""
    from mtcheck import batch
    from mtcheck.glossary.checks import InconsistentTerm

    path = tmp_path / "rows.tsv"
    path.write_text("source\ttarget\n" + "\n".join(TERM_ROWS * 40) + "\n", encoding="utf-8")
    rules = RuleSet.load(glossaries=["zh-en"]).selected()
    kept: list[object] = []
    original = InconsistentTerm.finish_file

    def spy(self):  # what the rule holds at the end of the file
        kept.append((dict(self.seen), dict(self.places or {})))
        return original(self)

    monkeypatch.setattr(InconsistentTerm, "finish_file", spy)
    streamed = check_file(Checker(rules), str(path), ReadOptions())
    found = [(f.rule, f.segment.key, f.start, f.end, f.message, f.segment) for f in streamed.ordered()]
    ((seen, places),) = kept
    assert seen == {} and sum(len(p.places) for p in places.values()) == 120  # places, not segments
    inconsistent = [item for item in found if item[0] == "term.inconsistent"]
    assert len(inconsistent) == 40 and inconsistent[0][4].startswith("总体国家安全观 is rendered “holistic view")
    monkeypatch.setattr(batch, "CHUNK_BYTES", 1000)
    (chunked,) = batch.check_files(Checker(rules), [str(path)], ReadOptions(), jobs=2)
    assert [(f.rule, f.segment.key, f.start, f.end, f.message, f.segment) for f in chunked.ordered()] == found
    checker = Checker(rules)
    segments = load(str(path)).segments
    checker.start_file(segments)
    whole = [f for segment in segments for f in checker.check_segment(segment)] + checker.finish_file()
    key = lambda f: (f.rule, f.segment.key, f.start, f.end, f.message)  # noqa: E731
    assert sorted(map(key, whole)) == sorted(item[:5] for item in found)


# --- XLIFF, parsed from disk a chunk at a time ----------------------------------------------


def _xliff_fixtures() -> list[Path]:
    root = Path(__file__).parent / "fixtures"
    return sorted(p for p in root.glob("**/*") if p.suffix in (".xlf", ".sdlxliff", ".mqxliff"))


@pytest.mark.parametrize("chunk", [5, 64, 1 << 20])
def test_every_xliff_fixture_streams_as_it_loads(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """Whatever the chunk size (a tag, a character, a line end split between two reads)."""
    from mtcheck.formats import xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", chunk)
    fixtures = _xliff_fixtures()
    assert len(fixtures) >= 8
    streamed_any = False
    for path in fixtures:
        try:
            whole = load(str(path)).segments
        except InputError:
            problem, _ = _checked(path)  # refused streamed as read whole: the same one line
            with pytest.raises(InputError) as expected:
                load(str(path))
            assert problem == str(expected.value.problem), path
            continue
        streamed = open_segments(str(path))
        if isinstance(streamed, StreamedSegments):
            streamed_any = True
            assert list(streamed) == whole, path
            unanchored = [replace(s, origin=s.origin.with_anchors(None, None)) for s in whole]
            assert list(streamed.observed()) == unanchored, path
    assert streamed_any


XML_TEXT = st.text(alphabet=st.sampled_from(list("ab 国é\n&<>\"'")), max_size=10)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def xliff_documents(draw: st.DrawFn) -> str:
    """XLIFF 1.2 or 2.0 documents: several files, groups that say translate="no", units with
    and without ids (some repeated), segmented 1.2 targets, CDATA, references, notes, limits."""
    version = draw(st.sampled_from(["1.2", "2.0"]))
    files = []
    for number in range(draw(st.integers(1, 3))):
        units = []
        for index in range(draw(st.integers(0, 5))):
            unit_id = draw(st.sampled_from([f"u{index}", "same", None]))
            attrs = f' id="{unit_id}"' if unit_id is not None else ""
            source, target = _escaped(draw(XML_TEXT)), _escaped(draw(XML_TEXT))
            if draw(st.booleans()):
                target = f"<![CDATA[{draw(XML_TEXT).replace(']', '')}]]>x&#233;"
            note = f"<note>{_escaped(draw(XML_TEXT))}</note>" if draw(st.booleans()) else ""
            if version == "1.2":
                attrs += draw(st.sampled_from(["", ' translate="no"', ' maxwidth="3" size-unit="char"']))
                state = draw(st.sampled_from(["", ' state="new"', ' state="final"']))
                if draw(st.integers(0, 3)) == 0:
                    target = f'<mrk mtype="seg" mid="1">{target}</mrk> <mrk mtype="seg" mid="2">b</mrk>'
                    seg_source = f'<seg-source><mrk mtype="seg" mid="1">{source}</mrk></seg-source>'
                else:
                    seg_source = ""
                units.append(
                    f"<trans-unit{attrs}>\n<source>{source}</source>{seg_source}"
                    f"<target{state}>{target}</target>{note}</trans-unit>"
                )
            else:
                notes = f"<notes>{note}</notes>" if note else ""
                units.append(
                    f"<unit{attrs}>{notes}<segment><source>{source}</source><target>{target}</target></segment></unit>"
                )
        if units and draw(st.booleans()):
            translate = draw(st.sampled_from(["", ' translate="no"']))
            units = [units[0], f"<group id='g'{translate}>", *units[1:], "</group>"]
        body = "\n".join(units)
        if version == "1.2":
            languages = draw(st.sampled_from(['source-language="zh" target-language="en"', 'source-language="en"']))
            files.append(f'<file original="f{number}" {languages} datatype="plaintext"><body>{body}</body></file>')
        else:
            files.append(f'<file id="f{number}">{body}</file>')
    if version == "1.2":
        root = '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    else:
        root = '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="de">'
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + root + "\n".join(files) + "</xliff>\n"


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=xliff_documents(),
    chunk=st.sampled_from([3, 17, 1 << 20]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_a_streamed_xliff_gives_the_segments_load_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, chunk: int, newline: str, bom: bool
) -> None:
    """Segments, keys, positions and anchors as load gives them; where only a whole read can
    say it (a repeated id, files in other languages), the pass fails and the file is read
    whole: the findings of a check are the same either way."""
    from mtcheck.formats import stream, xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", chunk)
    monkeypatch.setattr(stream, "XLIFF_STREAM_BYTES", 0)  # streamed (an earlier example set it)
    path = tmp_path / "doc.xlf"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + document.replace("\n", newline).encode("utf-8"))
    whole = load(str(path)).segments
    streamed = open_segments(str(path))
    if isinstance(streamed, list):
        assert streamed == whole  # the language decision's pass failed: read whole
    else:
        try:
            segments = list(streamed)
        except ValueError:
            segments = None  # read whole by check (below)
        if segments is not None:
            assert segments == whole
            places = {(s.origin.line, s.origin.column) for s in whole[::2]}  # a line may hold several
            assert streamed.at_places(places) == {(s.origin.line, s.origin.column): s for s in whole[::2]}
    problem, findings = _checked(path)
    monkeypatch.setattr(stream, "XLIFF_STREAM_BYTES", 1 << 40)  # read whole
    whole_problem, whole_findings = _checked(path)
    assert problem is whole_problem is None
    assert [(f.rule, f.segment, f.start, f.end, f.message) for f in findings] == [
        (f.rule, f.segment, f.start, f.end, f.message) for f in whole_findings
    ]


def test_a_streamed_xliff_keeps_one_unit_and_a_chunk_in_memory(tmp_path: Path, monkeypatch) -> None:
    """The text held and the tree kept stay flat however many units the file has."""
    from mtcheck.formats import xliff, xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", 256)
    unit = '<trans-unit id="u{0}"><source>Open file {0}</source><target>Datei {0} öffnen</target></trans-unit>\n'
    body = "".join(unit.format(i) for i in range(3000))
    path = tmp_path / "big.xlf"
    path.write_text(
        '<xliff version="1.2"><file source-language="en" target-language="de"><body>\n'
        + body
        + "</body></file></xliff>",
        encoding="utf-8",
    )
    held = []
    events = xmlscan.iter_parse(
        str(path), starts=frozenset({"file"}), ends=frozenset({"trans-unit"}), detached=xliff._detached
    )
    for event, window in events:
        held.append(len(window.text))
        root = event.ancestors[0] if event.ancestors else event.element
    assert len(held) == 3000 + 2  # the root's start, the file's, every unit's end
    assert max(held) < 3 * 256 + 200  # a chunk, what is left of the last, one unit
    assert root.children == []  # no file, body or unit kept
    segments = list(xliff.iter_read(LineFile(str(path))))
    assert [s.target for s in segments[:2]] == ["Datei 0 öffnen", "Datei 1 öffnen"]
    assert segments[-1].origin.line == 3001 and segments[-1] == load(str(path)).segments[-1]


def test_a_malformed_streamed_xliff_is_reported_as_load_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlf"
    units = "".join(f'<trans-unit id="u{i}"><source>a</source><target>b {i} .</target></trans-unit>' for i in range(40))
    path.write_text(f'<xliff version="1.2"><file><body>{units}<trans-unit></body></file></xliff>', encoding="utf-8")
    with pytest.raises(InputError) as expected:
        load(str(path))
    problem, findings = _checked(path)
    assert problem == str(expected.value.problem) and "not well-formed" in problem and findings == []


@pytest.mark.parametrize("chunk", [4, 7, 1 << 20])
def test_several_files_are_told_from_a_file_tag_in_a_comment(tmp_path: Path, monkeypatch, chunk: int) -> None:
    from mtcheck.formats import xliff, xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", chunk)
    unit = '<trans-unit id="a"><source>x</source><target>y</target></trans-unit>'
    one = (
        '<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><!-- <file a> -->'
        f'<x:file original="o"><x:body>{unit}</x:body></x:file></x:xliff>'
    )
    two = one.replace("</x:file>", f"</x:file><x:file original='p'><x:body>{unit}</x:body></x:file>")
    for text, several in ((one, False), (two, True), (one.replace("<!-- <file a> -->", ""), False)):
        path = tmp_path / "f.xlf"
        path.write_text(text, encoding="utf-8")
        assert xliff._several_files(str(path)) is several
        assert [s.key for s in xliff.iter_read(LineFile(str(path)))] == [s.key for s in load(str(path)).segments]


# --- JSON Lines, a line at a time ------------------------------------------------------------

JSON_TEXT = st.text(alphabet=st.sampled_from(list('ab 国é"\\\t\n/\u2028')), max_size=8)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(JSON_TEXT, JSON_TEXT, st.sampled_from([None, "u1", "u2", 7]), st.booleans()), max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    ascii_only=st.booleans(),
)
def test_a_streamed_jsonl_gives_the_segments_load_gives(
    tmp_path: Path, rows: list[tuple[str, str, object, bool]], newline: str, bom: bool, ascii_only: bool
) -> None:
    """Positions and anchors included (escapes: each object anchored within its own line)."""
    import json

    lines = []
    for source, target, unit_id, system in rows:
        record: dict[str, object] = {"source": source, "target": target}
        if unit_id is not None:
            record["id"] = unit_id
        if system:
            record["system"] = "mt-a"
        lines.append(json.dumps(record, ensure_ascii=ascii_only))
    path = tmp_path / "rows.jsonl"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (newline.join(lines) + newline).encode("utf-8"))
    _same_as_load(path)  # an id given twice: refused as load refuses it


def test_every_jsonl_fixture_streams_as_it_loads() -> None:
    fixtures = sorted(Path(__file__).parent.glob("fixtures/**/*.jsonl"))
    assert fixtures
    for path in fixtures:
        try:
            whole = load(str(path)).segments
        except InputError:
            continue
        streamed = open_segments(str(path))
        assert isinstance(streamed, StreamedSegments)
        assert list(streamed) == whole, path


# --- TMX, parsed from disk a chunk at a time -------------------------------------------------


@st.composite
def tmx_documents(draw: st.DrawFn) -> str:
    """TMX 1.4 documents: a header with or without srclang, units with and without tuids (some
    repeated), variants in one, two or three languages (regional ones too), blank and missing
    targets, notes, inline codes, references."""
    srclang = draw(st.sampled_from([' srclang="en"'] * 4 + [' srclang="EN"', ' srclang="*all*"', ""]))
    units = []
    for index in range(draw(st.integers(0, 6))):
        tuid = draw(st.sampled_from([f' tuid="t{index}"', ' tuid="same"', ""]))
        variants = [f'<tuv xml:lang="en"><seg>{_escaped(draw(XML_TEXT))}</seg></tuv>']
        for lang in draw(st.sampled_from([["de"], ["de"], ["de"], ["de-DE"], [], ["de", "fr"], ["fr", "de-DE"]])):
            seg = draw(st.sampled_from([_escaped(draw(XML_TEXT)), "", 'a<ph x="1"/>b &amp; c']))
            note = "<note>n</note>" if draw(st.booleans()) else ""
            variants.append(f'<tuv xml:lang="{lang}">{note}<seg>{seg}</seg></tuv>')
        units.append(f"<tu{tuid}>\n" + "".join(draw(st.permutations(variants))) + "</tu>")
    body = "\n".join(units)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        f'<header creationtool="t" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"{srclang}/>'
        f"\n<body>\n{body}\n</body></tmx>\n"
    )


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=tmx_documents(),
    chunk=st.sampled_from([3, 17, 1 << 20]),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    languages=st.sampled_from([{}, {"tgt_lang": "de"}, {"src_lang": "en", "tgt_lang": "de-DE"}, {"src_lang": "en"}]),
)
@hypothesis_example(
    document='<tmx version="1.4"><header srclang="en"/><body>'
    + '<tu tuid="a"><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="de"><seg>Eins</seg></tuv></tu>' * 2
    + "</body></tmx>",
    chunk=1 << 20,
    newline="\n",
    bom=False,
    languages={},
)  # a tuid that repeats: read keys the repeat by its line
def test_a_streamed_tmx_gives_the_segments_load_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, chunk: int, newline: str, bom: bool, languages
) -> None:
    """Segments, keys, positions and anchors as load gives them; where only the whole read can
    say it (a problem with a unit or the languages, a repeated tuid, units in other
    languages), the pass fails and the file is read whole: the same problem or findings."""
    from mtcheck.formats import stream, xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", chunk)
    monkeypatch.setattr(stream, "XLIFF_STREAM_BYTES", 0)  # streamed (an earlier example set it)
    path = tmp_path / "tm.tmx"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + document.replace("\n", newline).encode("utf-8"))
    options = ReadOptions(src_lang=languages.get("src_lang"), tgt_lang=languages.get("tgt_lang"))
    try:
        whole = load(str(path), **languages).segments
    except InputError:
        whole = None
    if whole is not None:
        try:
            streamed = open_segments(str(path), **languages)
            segments = list(streamed)
        except (ValueError, InputError):
            segments = None  # read whole by check (below)
        if segments is not None:
            assert segments == whole
            if isinstance(streamed, StreamedSegments):
                places = {(s.origin.line, s.origin.column) for s in whole[::2]}
                assert streamed.at_places(places) == {(s.origin.line, s.origin.column): s for s in whole[::2]}
    problem, found = _checked(path, options)
    monkeypatch.setattr(stream, "XLIFF_STREAM_BYTES", 1 << 40)  # read whole
    whole_problem, expected = _checked(path, options)
    assert problem == whole_problem
    assert [(f.rule, f.segment, f.start, f.end, f.message) for f in found] == [
        (f.rule, f.segment, f.start, f.end, f.message) for f in expected
    ]


@pytest.mark.parametrize("chunk", [5, 1 << 20])
def test_every_tmx_fixture_streams_as_it_loads(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from mtcheck.formats import xmlscan

    monkeypatch.setattr(xmlscan, "CHUNK_BYTES", chunk)
    fixtures = sorted(Path(__file__).parent.glob("fixtures/**/*.tmx"))
    assert fixtures
    streamed_any = False
    for path in fixtures:
        try:
            whole = load(str(path)).segments
        except InputError:
            continue
        streamed = open_segments(str(path))
        if isinstance(streamed, StreamedSegments):
            streamed_any = True
            assert list(streamed) == whole, path
    assert streamed_any


MUTATIONS = [b"<", b">", b"&", b"</tu>", b"<tu>", b'tuid="x"', b'id="1"', b"</trans-unit>", b"\n", b"\r\n", b'"',
             b"\xc3", b"<![CDATA[", b"]]>", b"<!-- -->", b"<file>", b"</file>", b"}", b'{"id": 1}', b",", b";",
             b'""', b"\r", b'"\n"']  # fmt: skip


def test_a_damaged_file_checked_streamed_says_what_the_whole_read_says(tmp_path: Path, monkeypatch) -> None:
    """XLIFF, TMX, JSON Lines and CSV fixtures with bytes cut, inserted and copied (seeded): the
    streamed check gives the same one-line problem, or the same findings, as the whole read."""
    import random

    from mtcheck.formats import stream

    fixtures = [
        p for p in Path(__file__).parent.glob("fixtures/**/*") if p.suffix in (".xlf", ".tmx", ".jsonl", ".csv")
    ]
    rng = random.Random(16)

    def checked(path: Path, streamed: bool) -> tuple[str | None, list]:
        for name in ("STREAM_BYTES", "PO_STREAM_BYTES", "XLIFF_STREAM_BYTES"):
            monkeypatch.setattr(stream, name, 0 if streamed else 1 << 40)
        problem, found = _checked(path)
        return problem, [(f.rule, f.segment.key, f.start, f.end, f.message) for f in found]

    problems = 0
    for case in range(60):
        source = rng.choice(fixtures)
        data = bytearray(source.read_bytes())
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data) + 1)
            if rng.random() < 0.4:
                del data[at : at + rng.randint(1, 20)]
            else:
                data[at:at] = rng.choice(MUTATIONS)
        path = tmp_path / f"case{case}{source.suffix}"
        path.write_bytes(bytes(data))
        streamed = checked(path, True)
        assert streamed == checked(path, False), (source.name, case)
        problems += streamed[0] is not None
    assert 0 < problems < 60  # damaged and readable files both came up


# --- CSV, a record at a time over the lines a quoted cell spans ---------------------------------

CSV_TEXT = st.text(alphabet=st.sampled_from(list('ab 国é",;\t\n\r')), max_size=8)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(CSV_TEXT, CSV_TEXT, st.sampled_from(["", "u1", "u2", "7"])), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    quote_all=st.booleans(),
    with_id=st.booleans(),
    blank_lines=st.booleans(),
    bom=st.booleans(),
)
def test_a_streamed_csv_gives_the_segments_load_gives(
    tmp_path: Path,
    rows: list[tuple[str, str, str]],
    delimiter: str,
    newline: str,
    quote_all: bool,
    with_id: bool,
    blank_lines: bool,
    bom: bool,
) -> None:
    """Quoted cells over several lines, doubled quotes, lone CR record ends, blank lines,
    every delimiter: positions and anchors included, or the same refusal."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerow(["id", "source", "target"] if with_id else ["source", "target", "system"])
    for source, target, unit_id in rows:
        writer.writerow([unit_id, source, target] if with_id else [source, target, unit_id])
        if blank_lines:
            buffer.write(newline)
    path = tmp_path / "rows.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    _same_as_load(path)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('ab,;"\n\r国')), max_size=40))
def test_any_csv_text_streams_as_it_loads(tmp_path: Path, text: str) -> None:
    """Malformed files too (a quote left open, text after a closing quote, ragged rows): the
    same segments, or the check reports load's problem."""
    path = tmp_path / "rows.csv"
    path.write_bytes(("source,target\n" + text).encode("utf-8"))
    _same_as_load(path)


def test_every_csv_fixture_streams_as_it_loads() -> None:
    fixtures = sorted(Path(__file__).parent.glob("fixtures/**/*.csv"))
    assert fixtures
    for path in fixtures:
        _same_as_load(path)


def test_a_quoted_cell_left_open_is_reported_as_load_reports_it(tmp_path: Path, monkeypatch) -> None:
    """Streamed, the open cell is carried line by line to the end of the file (or until
    MAX_OPEN_CELL): then the file is read whole, which says where the quote opened."""
    from mtcheck.formats import csvfile

    path = tmp_path / "rows.csv"
    path.write_text("source,target\n" + "他来了。,He came .\n" * 20 + '源,"open\n' + "more text\n" * 50, "utf-8")
    with pytest.raises(InputError) as refused:
        load(str(path))
    assert str(refused.value.problem).endswith(":22:3: error: unterminated quoted field: no closing quote")
    for limit in (1 << 23, 30):
        monkeypatch.setattr(csvfile, "MAX_OPEN_CELL", limit)
        assert _checked(path) == (str(refused.value.problem), [])
