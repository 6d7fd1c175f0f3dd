"""The bilingual readers and writers: XLIFF 1.2/2.0, PO, TMX, CSV, JSON Lines.

Exact segments (key, target, source, positions, span, notes), exact one-line problems, and
the writers' promise: rendering with no edits gives the same bytes, and rendering with new
targets changes nothing outside their spans (a hypothesis property over every fixture).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.formats import FORMATS, Loaded, detect_format, jsonl, load, po, read_segments
from mtcheck.formats import csvfile as csv_format
from mtcheck.formats.textio import Document
from mtcheck.lang.detect import Decision
from mtcheck.model import InputError, Origin, Segment

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
SAMPLES = ["xliff12.xlf", "xliff20.xlf", "sample.po", "sample.tmx", "sample.csv", "sample.jsonl"]
BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory holding copies of the fixtures: messages name short paths."""
    for fixture in FIXTURES.iterdir():
        shutil.copy(fixture, tmp_path / fixture.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, data: str | bytes) -> str:
    Path(name).write_bytes(data.encode() if isinstance(data, str) else data)
    return name


def problem(path: str, **options: object) -> str:
    with pytest.raises(InputError) as info:
        load(path, **options)
    message = str(info.value.problem)
    assert "\n" not in message
    return message


def rows(loaded: Loaded) -> list[tuple]:
    """Each segment as (key, target, source, (line, column, source line, source column),
    span, raw text at the span, notes)."""
    out = []
    for s in loaded.segments:
        o = s.origin
        assert o.path == loaded.document.name
        assert o.span is not None
        raw = loaded.document.text[o.span[0] : o.span[1]]
        out.append(
            (s.key, s.target, s.source, (o.line, o.column, o.source_line, o.source_column), o.span, raw, s.notes)
        )
    return out


def languages(loaded: Loaded) -> set[tuple[str | None, str | None]]:
    return {(s.src_lang, s.tgt_lang) for s in loaded.segments}


# --- exact segments -----------------------------------------------------------------------


def test_xliff_12_segments() -> None:
    loaded = load("xliff12.xlf")
    assert loaded.format == "xliff"
    assert languages(loaded) == {("zh-CN", "en")}
    codes = 'A<bpt id="1"><b></bpt>B<ept id="1"></b></ept>'
    assert rows(loaded) == [
        (
            "xliff12.xlf#greeting",
            "Welcome & enjoy",
            "欢迎",
            (7, 36, 6, 17),
            (315, 334),
            "Welcome &amp; enjoy",
            ("Shown on the home page", "Keep it short."),
        ),
        ("xliff12.xlf#click", 'Click <x id="1"/> now', '点击<x id="1"/>现在', (15, 36, 14, 17), (601, 622),
         'Click <x id="1"/> now', ()),
        ("xliff12.xlf#bold", '<g id="1">Bold</g> text <b>', '<g id="1">粗体</g>文本', (19, 36, 18, 17), (760, 793),
         '<g id="1">Bold</g> text &lt;b&gt;', ()),
        ("xliff12.xlf#codes", codes + ' <ph id="2">{0}</ph>', codes, (29, 31, 28, 17), (1329, 1406),
         'A<bpt id="1">&lt;b&gt;</bpt>B<ept id="1">&lt;/b&gt;</ept> <ph id="2">{0}</ph>', ()),
        ("xliff12.xlf#cdata", '5 < 6 & "q" é中', "5 < 6", (31, 63, 31, 38), (1498, 1536),
         '<![CDATA[5 < 6 & "q"]]> &#233;&#x4e2d;', ()),
        ("xliff12.xlf#multi", "First line\nsecond line", "第一行\n第二行", (36, 17, 34, 17), (1734, 1756),
         "First line\nsecond line", ()),
    ]  # fmt: skip


def test_xliff_20_segments() -> None:
    loaded = load("xliff20.xlf")
    assert languages(loaded) == {("zh", "en")}
    assert rows(loaded) == [
        ("xliff20.xlf#u1/s1", "Open", "打开", (10, 17, 9, 17), (335, 339), "Open", ("Menu item",)),
        ("xliff20.xlf#u1/s2", 'Save <ph id="1"/>', '保存<ph id="1"/>', (14, 17, 13, 17), (460, 477),
         'Save <ph id="1"/>', ("Menu item",)),
        ("xliff20.xlf#u2/1", '<pc id="1">Save</pc> & quit', '<pc id="1">保存</pc>并退出', (20, 17, 19, 17),
         (614, 645), '<pc id="1">Save</pc> &amp; quit', ()),
        ("xliff20.xlf#u2/3", 'Third <sc id="2"/>bold<ec startRef="2"/> <mrk id="m1" translate="no">API</mrk>',
         "第三", (28, 17, 27, 17), (875, 953),
         'Third <sc id="2"/>bold<ec startRef="2"/> <mrk id="m1" translate="no">API</mrk>', ()),
    ]  # fmt: skip


def test_po_segments() -> None:
    loaded = load("sample.po")
    assert loaded.format == "po"
    assert languages(loaded) == {("und-Latn", "fr")}  # the header's Language; msgids too short to tell
    assert rows(loaded) == [
        ("sample.po#Hello", "Bonjour", "Hello", (14, 9, 13, 8), (298, 307), '"Bonjour"',
         ("A translator comment", " indented second line")),
        ("sample.po#menu|Open", "Ouvrir", "Open", (18, 9, 17, 8), (344, 352), '"Ouvrir"', ()),
        ("sample.po#%d file[0]", "%d fichier", "%d file", (23, 12, 21, 8), (416, 428), '"%d fichier"', ()),
        ("sample.po#%d file[1]", "%d fichiers", "%d files", (24, 12, 22, 15), (439, 452), '"%d fichiers"', ()),
        ("sample.po#A long message on two lines\\n", "Un long message sur deux lignes\n",
         "A long message on two lines\n", (34, 2, 31, 2), (545, 586),
         '""\n"Un long message "\n"sur deux lignes\\n"', ()),
        ('sample.po#Tab\\there \\"quoted\\" back\\\\slash', 'Tab\tici « cité » "barre\\oblique"',
         'Tab\there "quoted" back\\slash', (38, 9, 37, 8), (636, 674),
         '"Tab\\tici « cité » \\"barre\\\\oblique\\""', ()),
        ("sample.po#One apple[0]", "Une pomme", "One apple", (45, 12, 43, 8), (761, 772), '"Une pomme"', ()),
    ]  # fmt: skip


def test_tmx_segments() -> None:
    loaded = load("sample.tmx")
    assert languages(loaded) == {("zh-CN", "en-US")}
    assert rows(loaded) == [
        ("sample.tmx#1", "He visited the base.", "他参观了基地。", (8, 34, 7, 34), (352, 372), "He visited the base.",
         ("From the 2023 report",)),
        ("sample.tmx:10", 'Welcome & <ph x="1"><br/></ph>', '欢迎<ph x="1"><br/></ph>', (12, 34, 11, 34),
         (511, 551), 'Welcome &amp; <ph x="1">&lt;br/&gt;</ph>', ()),
    ]  # fmt: skip


def test_csv_segments() -> None:
    loaded = load("sample.csv", src_lang="zh", tgt_lang="en")
    assert loaded.format == "csv"
    assert languages(loaded) == {("zh", "en")}
    assert rows(loaded) == [
        ("sample.csv#1", "Welcome", "欢迎", (2, 6, 2, 3), (31, 38), "Welcome", ()),
        ("sample.csv#2", 'He said "OK", then left', '他说："好"', (3, 15, 3, 4), (59, 86),
         '"He said ""OK"", then left"', ()),
        ("sample.csv#3", "Two\r\nlines", "两行", (5, 9, 5, 4), (107, 119), '"Two\r\nlines"', ()),
        ("sample.csv:8", "No id", "无编号", (8, 6, 8, 2), (139, 144), "No id", ()),
    ]  # fmt: skip


def test_jsonl_segments() -> None:
    loaded = load("sample.jsonl")
    assert rows(loaded) == [
        ("sample.jsonl#a1", "Welcome", "欢迎", (1, 41, 1, 25), (39, 48), '"Welcome"', ()),
        ("sample.jsonl#2", 'Tab\there "quoted" é', "制表符", (2, 22, 2, 63), (70, 99),
         '"Tab\\there \\"quoted\\" \\u00e9"', ()),
        ("sample.jsonl:4", "No id", "无编号", (4, 35, 4, 13), (152, 159), '"No id"', ()),
    ]  # fmt: skip


def test_a_whole_segment_is_exact() -> None:
    """The tuples above leave nothing out: a Segment is exactly these fields."""
    (segment,) = [s for s in read_segments("sample.tmx") if s.key == "sample.tmx#1"]
    assert segment == Segment(
        key="sample.tmx#1",
        target="He visited the base.",
        source="他参观了基地。",
        origin=segment.origin,
        src_lang="zh-CN",
        tgt_lang="en-US",
        notes=("From the 2023 report",),
    )


# --- options ------------------------------------------------------------------------------


def test_skip_final() -> None:
    keys = [s.key for s in read_segments("xliff12.xlf", skip_final=True)]
    assert keys == ["xliff12.xlf#greeting", "xliff12.xlf#cdata", "xliff12.xlf#multi"]  # approved, signed-off, final
    assert [s.key for s in read_segments("xliff20.xlf", skip_final=True)] == [
        "xliff20.xlf#u1/s1",
        "xliff20.xlf#u2/1",
        "xliff20.xlf#u2/3",
    ]


def test_include_fuzzy() -> None:
    keys = [s.key for s in read_segments("sample.po", include_fuzzy=True)]
    assert "sample.po#Close" in keys
    assert "sample.po#Close" not in [s.key for s in read_segments("sample.po")]
    assert not [k for k in keys if "Old" in k or k == "sample.po#"]  # obsolete and header stay out


def test_the_files_languages_win_and_flags_fill_in() -> None:
    """The file is right about itself; a flag fills in what it leaves open."""
    assert languages(load("xliff12.xlf", src_lang="ja", tgt_lang="en-GB")) == {("zh-CN", "en")}
    assert languages(load("sample.po", src_lang="en", tgt_lang="fr-CA")) == {("en", "fr")}
    assert load("sample.po", src_lang="en").languages == Decision("en", "fr", "option", "file")


def test_csv_columns_by_option() -> None:
    write("t.csv", "ID,Original,Translation\nk1,源,Target\n")
    segments = list(read_segments("t.csv", source_column="Original", target_column="Translation"))
    assert [(s.key, s.source, s.target) for s in segments] == [("t.csv#k1", "源", "Target")]  # "id" ignoring case
    segments = list(read_segments("t.csv", source_column="Original", target_column="ID", id_column="Translation"))
    assert [(s.key, s.target) for s in segments] == [("t.csv#Target", "k1")]


def test_options_for_other_formats_are_ignored_and_unknown_ones_refused() -> None:
    assert len(list(read_segments("sample.tmx", skip_final=True, include_fuzzy=True, id_column=None))) == 2
    with pytest.raises(ValueError, match=r"^unknown read option 'skip_finale'$"):
        load("xliff12.xlf", skip_finale=True)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.xlf", "xliff"),
        ("a.XLIFF", "xliff"),
        ("a.po", "po"),
        ("a.pot", "po"),
        ("a.tmx", "tmx"),
        ("a.csv", "csv"),
        ("a.jsonl", "jsonl"),
        ("a.json", "text"),
    ],
)
def test_detect_format(path: str, fmt: str) -> None:
    assert detect_format(path) == fmt
    assert list(FORMATS)[-1] == "text"


def test_the_registry_says_what_each_format_module_says() -> None:
    """The registry is spelled out (a run imports only the readers it uses): it must agree
    with every module's NAME, EXTENSIONS and OPTIONS."""
    from mtcheck.formats import READ_OPTIONS, REGISTRY

    modules = {name: FORMATS[name] for name in FORMATS}
    assert all(name == module.NAME for name, module in modules.items())
    assert {name: extensions for name, (_, extensions) in REGISTRY.items()} == {
        name: module.EXTENSIONS for name, module in modules.items()
    }
    assert {option for module in modules.values() for option in getattr(module, "OPTIONS", ())} == READ_OPTIONS


def test_checking_a_tsv_file_imports_no_other_reader(tmp_path) -> None:
    import subprocess
    import sys

    path = tmp_path / "one.tsv"
    path.write_text("source\ttarget\n你好\tHello there.\n", encoding="utf-8")
    code = (
        "import sys; from mtcheck.cli import main; sys.argv = ['mtcheck', 'check', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('mtcheck.formats.')))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    loaded = result.stdout.strip().splitlines()[-1]
    for reader in ("po", "xliff", "tmx", "csvfile", "jsonl", "xmlscan"):
        assert f"'mtcheck.formats.{reader}'" not in loaded, loaded
    assert "'mtcheck.formats.tsv'" in loaded


# --- what is read and what is skipped ------------------------------------------------------

XLIFF_12 = (
    '<xliff version="1.2"><file original="{name}" source-language="en" target-language="fr" datatype="plaintext">'
    "<body>{units}</body></file></xliff>"
)


def test_a_repeated_xliff_unit_id_is_keyed_by_its_line_and_noted() -> None:
    """Neos's Main.xlf repeats 'workspace': the file is read whole, each unit keyed apart."""
    units = (
        '<trans-unit id="1"><target>a</target></trans-unit>\n' * 2
        + '<trans-unit id="1"><target>c</target></trans-unit>'
    )
    write("x.xlf", XLIFF_12.format(name="a", units=units))
    segments = read_segments("x.xlf")
    assert [(s.key, s.target, s.origin.line, s.meta.duplicate_of) for s in segments] == [
        ("x.xlf#1", "a", 1, None),
        ("x.xlf#1@2", "a", 2, 1),
        ("x.xlf#1@3", "c", 3, 1),
    ]


def test_units_repeating_an_id_on_one_line_get_keys_of_their_own() -> None:
    units = '<trans-unit id="1"><target>a</target></trans-unit>' * 3
    write("x.xlf", XLIFF_12.format(name="a", units=units))
    assert [s.key for s in read_segments("x.xlf")] == ["x.xlf#1", "x.xlf#1@1", "x.xlf#1@1.2"]


def test_a_repeated_tmx_tuid_is_keyed_by_its_line() -> None:
    """TMX leaves tuid's uniqueness to the tool: no finding, but each unit is read and fixed apart."""
    tu = '<tu tuid="7"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>{}</seg></tuv></tu>\n'
    write(
        "x.tmx", '<tmx version="1.4"><header srclang="en"/><body>\n' + tu.format("b") + tu.format("c") + "</body></tmx>"
    )
    segments = read_segments("x.tmx")
    assert [(s.key, s.target, s.meta.duplicate_of) for s in segments] == [
        ("x.tmx#7", "b", None),
        ("x.tmx#7@3", "c", None),
    ]


def test_xliff_several_files_prefix_the_key() -> None:
    unit = '<trans-unit id="1"><source>a</source><target>b</target></trans-unit>'
    files = XLIFF_12.format(name="one.txt", units=unit) + XLIFF_12.format(name="", units=unit)
    files = files.replace('</xliff><xliff version="1.2">', "")
    write("m.xlf", files)
    assert [s.key for s in read_segments("m.xlf")] == ["m.xlf#one.txt/1", "m.xlf#2/1"]


def test_xliff_unit_without_id_is_known_by_line() -> None:
    write("n.xlf", XLIFF_12.format(name="a", units="\n<trans-unit><source>a</source><target>b</target></trans-unit>"))
    assert [s.key for s in read_segments("n.xlf")] == ["n.xlf:2"]


def test_xliff_version_from_the_namespace() -> None:
    unit = '<trans-unit id="1"><source>a</source><target>b</target></trans-unit>'
    namespaced = XLIFF_12.format(name="a", units=unit).replace(
        'version="1.2"', 'xmlns="urn:oasis:names:tc:xliff:document:1.2"'
    )
    write("v.xlf", namespaced)
    assert [s.key for s in read_segments("v.xlf")] == ["v.xlf#1"]


def test_xliff_declared_encoding_is_read_and_doctype_is_allowed() -> None:
    body = XLIFF_12.format(name="a", units='<trans-unit id="1"><source>a</source><target>été</target></trans-unit>')
    head = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n'
    data = (head + body).encode("latin-1")
    write("l.xlf", data)
    loaded = load("l.xlf")
    (segment,) = loaded.segments
    assert (segment.target, segment.origin.line) == ("été", 3)
    assert loaded.render({}) == data


def test_tmx_languages() -> None:
    tu = '<tu><tuv xml:lang="zh-CN"><seg>源</seg></tuv><tuv xml:lang="en-US"><seg>en</seg></tuv>{more}</tu>'
    doc = '<tmx version="1.4"><header srclang="{src}"/><body>' + tu + "</body></tmx>"
    write("a.tmx", doc.format(src="*all*", more=""))
    assert problem("a.tmx") == (
        "a.tmx:1:20: error: no source language: the header has no srclang (or '*all*'); give the source language"
    )
    assert [s.target for s in read_segments("a.tmx", src_lang="zh")] == ["en"]  # a bare language finds zh-CN
    assert [s.target for s in read_segments("a.tmx", src_lang="EN-us")] == ["源"]
    write("b.tmx", doc.format(src="zh-CN", more='<tuv xml:lang="fr"><seg>fr</seg></tuv>'))
    assert (
        problem("b.tmx")
        == "b.tmx:1: error: translation unit has 3 variants (zh-CN, en-US, fr); give the target language"
    )
    assert [(s.tgt_lang, s.target) for s in read_segments("b.tmx", tgt_lang="fr")] == [("fr", "fr")]
    assert problem("b.tmx", tgt_lang="ja") == "b.tmx: error: no translation unit has a 'ja' variant"
    write("c.tmx", doc.format(src="zh-CN", more="<tuv><seg>x</seg></tuv>"))
    assert problem("c.tmx") == "c.tmx:1: error: <tuv> without xml:lang"


# --- problems -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xlf", "truncated.xlf:8:1: error: not well-formed XML (no element found)"),
        ("bad-quoting.po", 'bad-quoting.po:5:8: error: unterminated string: no closing " on this line'),
        ("wrong-lang.tmx", "wrong-lang.tmx:5: error: translation unit has no 'de' variant (zh-CN, en-US)"),
        ("bad.jsonl", "bad.jsonl:2:21: error: not valid JSON (Unterminated string)"),
        (
            "billion-laughs.xlf",
            "billion-laughs.xlf:3:3: error: refused XML entity declaration 'lol': "
            "entities can expand without bound or read other files",
        ),
    ],
)
def test_malformed_fixtures(name: str, message: str) -> None:
    started = time.perf_counter()
    assert problem(name) == message
    assert time.perf_counter() - started < 30  # a hang guard, not a speed test (bench/ measures speed)


XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  {declaration}
]>
<xliff version="1.2"><file original="a" source-language="en" target-language="fr" datatype="plaintext"><body>
<trans-unit id="1"><source>x</source><target>{reference}</target></trans-unit></body></file></xliff>
"""


@pytest.mark.parametrize(
    ("declaration", "reference", "message"),
    [
        (None, None, "xxe.xlf:3:3: error: refused XML entity declaration 'xxe': "),
        ('<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;", "x.xlf:3:3: error: refused XML entity declaration 'xxe': "),
        ('<!ENTITY % p SYSTEM "{secret}"> %p;', "", "x.xlf:3:3: error: refused XML entity declaration '%p': "),
        ('<!ENTITY e SYSTEM "{secret}" NDATA t>', "", "x.xlf:3:3: error: refused XML entity declaration 'e': "),
    ],
    ids=["fixture", "absolute", "parameter", "unparsed"],
)
def test_external_entities_are_refused_unread(tmp_path: Path, declaration, reference, message: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    name = "xxe.xlf"
    if declaration is not None:
        name = write("x.xlf", XXE.format(declaration=declaration.format(secret=secret), reference=reference))
    loaded = problem(name)
    assert loaded.startswith(message)
    assert "TOP-SECRET" not in loaded


def test_an_external_dtd_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT")
    write("evil.dtd", '<!ENTITY leak SYSTEM "secret.txt">')
    doc = XXE.replace("[\n  {declaration}\n]", 'SYSTEM "evil.dtd"').format(reference="&leak;")
    write("d.xlf", doc)
    assert problem("d.xlf") == "d.xlf:4:46: error: refused reference to undeclared XML entity 'leak'"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("<root/>", "x.xlf:1:1: error: not an XLIFF document: the root element is <root>"),
        ('<xliff version="3.0"/>', "x.xlf:1:1: error: unsupported XLIFF version '3.0' (1.2 and 2.0 are read)"),
        ("", "x.xlf:1:1: error: not well-formed XML (no element found)"),
        ("<xliff>\n  <a></b></xliff>", "x.xlf:2:8: error: not well-formed XML (mismatched tag)"),
        ("<xliff>\n  é<a x='1></xliff>", "x.xlf:2:12: error: not well-formed XML (invalid token)"),  # é counts once
        ('<xliff version="1.2"><x:a/></xliff>', "x.xlf:1:22: error: not well-formed XML (unbound prefix)"),
    ],
    ids=repr,
)
def test_xliff_problems(data: str, message: str) -> None:
    write("x.xlf", data)
    assert problem("x.xlf") == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('msgid "a"\nmsgstr "b" x\n', "x.po:2:12: error: unexpected text after the closing quote"),
        ('msgid "a"\nmsgstr "b\\q"\n', "x.po:2:10: error: unknown escape sequence \\q"),
        ('msgid "a"\nmsgstr b\n', "x.po:2:8: error: expected a quoted string after msgstr"),
        (
            'msgid "a"\nmsgstr "b"\nhello\n',
            "x.po:3:1: error: expected a comment, a keyword (msgctxt, msgid, msgid_plural, msgstr) or a quoted string",
        ),
        ('"orphan"\n', "x.po:1:1: error: a string outside any msgid or msgstr"),
        ('msgctxt "c"\nmsgstr "b"\n', "x.po:1: error: msgctxt without a msgid"),
        ('msgid "a"\n\nmsgstr "b"\n', "x.po:1: error: msgid without a msgstr"),  # a blank line ends an entry
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
            "x.po:1: error: msgid_plural needs msgstr[0], msgstr[1]…, not msgstr",
        ),
        ('msgid "a"\nmsgstr[0] "b"\n', "x.po:2: error: msgstr[0] without a msgid_plural"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "x.po:3:1: error: duplicate msgstr in one entry"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po:4: error: duplicate message 'a' (first at line 1)"),
        ('msgid "a"\nmsgstr "\\377"\n', "x.po:2:9: error: escape sequences that are not UTF-8"),
    ],
    ids=repr,
)
def test_po_problems(data: str, message: str) -> None:
    write("x.po", data)
    assert problem("x.po") == message


def test_po_layouts() -> None:
    """Entries need no blank line between them; octal escapes are UTF-8 bytes, as in gettext."""
    write(
        "y.po",
        '#~ msgid "old"\n#~ msgstr "vieux"\nmsgid "a"\nmsgstr "\\303\\251"\n'
        'msgctxt "c"\nmsgid "a"\nmsgstr  "b"\n#, fuzzy\nmsgid "f"\nmsgstr "g"\n',
    )
    assert [(s.key, s.target) for s in read_segments("y.po")] == [("y.po#a", "é"), ("y.po#c|a", "b")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("id,source,target\n1,a\n", "x.csv:2: error: expected 3 columns (as in the header), found 2"),
        ("source,target\na,b\n\n\na,b,c\n", "x.csv:5: error: expected 2 columns (as in the header), found 3"),
        (
            "source,translation\na,b\n",
            "x.csv:1: error: no 'target' column in the header (columns: source, translation)",
        ),
        ("\nsrc,target\na,b\n", "x.csv:2: error: no 'source' column in the header (columns: src, target)"),
        ('source,target\na,"b\nc\n', "x.csv:2:3: error: unterminated quoted field: no closing quote"),
        (
            'source,target\na,"b"c\n',
            "x.csv:2:6: error: unexpected text after a closing quote (double a quote inside a field)",
        ),
        ("id,source,target\n1,a,b\n1,c,d\n", "x.csv:3: error: duplicate id '1' (first at line 2)"),
    ],
    ids=repr,
)
def test_csv_problems(data: str, message: str) -> None:
    write("x.csv", data)
    assert problem("x.csv") == message


def test_csv_explicit_id_column_must_exist() -> None:
    write("x.csv", "source,target\na,b\n")
    assert (
        problem("x.csv", id_column="key") == "x.csv:1: error: no 'key' column in the header (columns: source, target)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"target": "a"}\n[1]\n', "x.jsonl:2: error: expected a JSON object, found an array"),
        ('{"target": 3}\n', 'x.jsonl:1: error: "target" must be a string, found a number'),
        ('{"target": "a", "source": {}}\n', 'x.jsonl:1: error: "source" must be a string, found an object'),
        ('{"target": "a", "id": true}\n', 'x.jsonl:1: error: "id" must be a string or an integer, found a boolean'),
        (
            '{"target": "a"}\n\n{"target": "b" "id": 1}\n',
            "x.jsonl:3:16: error: not valid JSON (Expecting ',' delimiter)",
        ),
        (
            '{"id": 1, "target": "a"}\n{"id": 1, "target": "b"}\n',
            "x.jsonl:2: error: duplicate id '1' (first at line 1)",
        ),
    ],
    ids=repr,
)
def test_jsonl_problems(data: str, message: str) -> None:
    write("x.jsonl", data)
    assert problem("x.jsonl") == message


# --- writing ------------------------------------------------------------------------------


def variants(data: bytes) -> list[bytes]:
    """The file as it is, with LF line ends, and with CRLF and a BOM."""
    lf = data.replace(b"\r\n", b"\n")
    return [data, lf, BOM + lf.replace(b"\n", b"\r\n")]


@pytest.mark.parametrize("name", SAMPLES)
def test_render_without_edits_is_byte_identical(name: str) -> None:
    for number, data in enumerate(variants(Path(name).read_bytes())):
        path = write(f"v{number}-{name}", data)
        loaded = load(path)
        assert loaded.segments
        assert loaded.render({}) == data


@pytest.mark.parametrize("name", SAMPLES)
def test_one_new_target_changes_only_its_bytes(name: str) -> None:
    for number, data in enumerate(variants(Path(name).read_bytes())):
        path = write(f"v{number}-{name}", data)
        loaded = load(path)
        first = loaded.segments[0]
        start, end = first.origin.span or (0, 0)
        new = 'A & B < "C", D\\E\nF\tG'
        rendered = loaded.render({first.key: new})
        text = loaded.document.text
        prefix = BOM if loaded.document.bom else b""
        written = rendered[len(prefix) :].decode()
        assert rendered.startswith(prefix)
        assert written.startswith(text[:start])
        assert written.endswith(text[end:])
        write(path, rendered)
        assert [s.target for s in load(path).segments] == [new, *(s.target for s in loaded.segments[1:])]


@pytest.mark.parametrize(
    ("module", "text", "encoded"),
    [
        (po, 'a\\b "c"\n\td\r', '"a\\\\b \\"c\\"\\n\\td\\r"'),
        (jsonl, 'é "q"\n', '"é \\"q\\"\\n"'),
    ],
    ids=repr,
)
def test_encode(module, text: str, encoded: str | None) -> None:
    segment = Segment(key="k", target="x", origin=_origin(0, 1))
    assert module.encode(text, segment) == (text if encoded is None else encoded)


@pytest.mark.parametrize(
    ("raw", "text", "encoded"),
    [
        ("plain", "new", "new"),
        ("plain", "a,b", '"a,b"'),  # quoted when the text needs it
        ("plain", 'say "hi"', '"say ""hi"""'),
        ("plain", "two\nlines", '"two\nlines"'),
        ('"quoted"', "new", '"new"'),  # a quoted cell stays quoted
    ],
)
def test_csv_encode_keeps_or_adds_quotes(raw: str, text: str, encoded: str) -> None:
    value = raw.strip('"')
    segment = Segment(key="k", target=value, origin=_origin(10, 10 + len(raw)))
    assert csv_format.encode(text, segment) == encoded


def _origin(start: int, end: int) -> Origin:
    return Origin(path="x", line=1, span=(start, end))


# --- property: any new targets, nothing else changes ---------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn")),
        st.sampled_from(list('\n\r\t"\\<>&,;# ')),
    ),
    min_size=1,
    max_size=20,
).filter(lambda text: text.strip() != "")


def outside(loaded: Loaded) -> list[str]:
    """The document's text between the targets' spans."""
    pieces, cursor = [], 0
    for start, end in sorted(s.origin.span or (0, 0) for s in loaded.segments):
        pieces.append(loaded.document.text[cursor:start])
        cursor = end
    return [*pieces, loaded.document.text[cursor:]]


@pytest.mark.parametrize("name", SAMPLES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_new_targets_round_trip(name: str, data: st.DataObject) -> None:
    original = load(name)
    chosen = data.draw(st.lists(st.sampled_from([s.key for s in original.segments]), unique=True, min_size=1))
    new = {key: data.draw(TEXT, label=key) for key in chosen}
    Path("out").mkdir(exist_ok=True)
    path = write(f"out/{name}", original.render(new))
    again = load(path)
    assert [s.target for s in again.segments] == [new.get(s.key, s.target) for s in original.segments]
    # keys by id stay; keys by line (path:line) move when a new target has more lines
    assert [s.key.removeprefix("out/") for s in again.segments if "#" in s.key] == [
        s.key for s in original.segments if "#" in s.key
    ]
    assert outside(again) == outside(original)


# --- cross-checks against the standard readers --------------------------------------------


def test_po_scanner_agrees_with_polib() -> None:
    polib = pytest.importorskip("polib")
    expected = []
    for entry in polib.pofile("sample.po"):
        if entry.obsolete or entry.fuzzy or (entry.msgid == "" and entry.msgctxt is None):
            continue
        forms = sorted(entry.msgstr_plural.items()) if entry.msgid_plural else [(None, entry.msgstr)]
        for number, msgstr in forms:
            if msgstr.strip():
                source = entry.msgid_plural if number else entry.msgid
                expected.append((entry.msgctxt, source, msgstr, entry.tcomment))
    got = [
        (
            s.key.split("|")[0].removeprefix("sample.po#") if "|" in s.key else None,
            s.source,
            s.target,
            "\n".join(s.notes),
        )
        for s in read_segments("sample.po")
    ]
    assert got == expected


PO_TEXT = st.text(alphabet=st.sampled_from(list('ab é"\\\n\t#%')), min_size=1, max_size=120)


@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(
        st.tuples(st.none() | PO_TEXT, PO_TEXT, PO_TEXT.filter(lambda t: t.strip() != "")),
        min_size=1,
        max_size=4,
        unique_by=lambda m: (m[0], m[1]),
    )
)
def test_po_scanner_reads_what_polib_writes(messages: list[tuple[str | None, str, str]]) -> None:
    """polib wraps long strings over continuation lines; the scanner reads them back."""
    polib = pytest.importorskip("polib")
    catalog = polib.POFile(wrapwidth=40)
    for context, msgid, msgstr in messages:
        catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr, tcomment="note"))
    document = Document("p.po", str(catalog))
    assert [(s.source, s.target, s.notes) for s in po.read(document)] == [
        (msgid, msgstr, ("note",)) for _, msgid, msgstr in messages
    ]


CELL = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\té')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(table=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=5))
def test_csv_scanner_agrees_with_the_csv_module(table: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["id", "source", "target"], *table])
    text = buffer.getvalue()
    cells = [[cell.value for cell in row] for row in csv_format.records(Document("t.csv", text))]
    expected = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    assert [row for row in cells if row != [""]] == expected


def test_large_xliff_reads_every_unit() -> None:
    """Reading speed is measured in bench/, not here: this checks that a big file is read whole."""
    unit = (
        '<trans-unit id="u{}"><source>源文本 {}</source><target>Target é {} &amp; <x id="1"/></target></trans-unit>\n'
    )
    write("big.xlf", XLIFF_12.format(name="a", units="".join(unit.format(i, i, i) for i in range(5000))))
    segments = list(read_segments("big.xlf"))
    assert len(segments) == 5000
    assert segments[-1].target == 'Target é 4999 & <x id="1"/>'


def test_keys_without_a_line_break() -> None:
    """A key is one line even when msgid holds line breaks (baselines are line-based)."""
    assert all("\n" not in s.key for s in read_segments("sample.po"))
    assert re.fullmatch(r"sample\.po#A long message on two lines\\n", next(
        s.key for s in read_segments("sample.po") if s.key.startswith("sample.po#A long")
    ))  # fmt: skip


def test_a_batch_of_every_format_reports_bad_files_in_one_line_and_checks_the_rest() -> None:
    import json

    from helpers import ROOT, run_cli

    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "tests/fixtures/formats", cwd=ROOT)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert sorted(line.split(":")[0].rsplit("/", 1)[1] for line in errors) == [
        "bad-quoting.po",
        "bad.jsonl",
        "billion-laughs.xlf",
        "truncated.xlf",
        "wrong-lang.tmx",
        "xxe.xlf",
    ]
    assert all(": error: " in line for line in errors)
    checked = {json.loads(line)["path"].rsplit("/", 1)[1] for line in result.stdout.decode().splitlines()}
    assert {"xliff12.xlf", "xliff20.xlf"} <= checked


def test_xliff_targets_that_copy_the_source_awaiting_translation_are_skipped() -> None:
    """Tools fill a new unit's target with its source (Angular: state="new"): untranslated,
    like an empty PO msgstr. A copy in any other state, or a new unit translated, is read."""
    units = (
        '<trans-unit id="a"><source>Save all</source><target state="new">Save all</target></trans-unit>'
        '<trans-unit id="b"><source>Save all</source><target state="needs-translation">Save all</target></trans-unit>'
        '<trans-unit id="c"><source>Save all</source><target state="new">Tout enregistrer</target></trans-unit>'
        '<trans-unit id="d"><source>Save all</source><target state="translated">Save all</target></trans-unit>'
        '<trans-unit id="e"><source>Save all</source><target>Save all</target></trans-unit>'
    )
    write("s.xlf", XLIFF_12.format(name="x", units=units))
    assert [s.key for s in read_segments("s.xlf")] == ["s.xlf#c", "s.xlf#d", "s.xlf#e"]
    write(
        "s2.xlf",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="u"><segment state="initial"><source>Save all</source><target>Save all</target>'
        "</segment><segment><source>Quit</source><target>Quitter</target></segment></unit></file></xliff>",
    )
    assert [s.key for s in read_segments("s2.xlf")] == ["s2.xlf#u/2"]
