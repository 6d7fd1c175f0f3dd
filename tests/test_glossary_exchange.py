"""Glossary exchange formats: TBX (v3 written, v3 and v2 read) and CSV.

Round trips must give back equal entries; hostile XML (entity expansion, external entities)
must fail fast with a one-line GlossaryError; error messages are compared exactly.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.glossary.csvfile import read_csv, render_csv, write_csv
from mtcheck.glossary.model import SEVERITIES, STATUSES, Entry
from mtcheck.glossary.tbx import read_tbx, render_tbx, write_tbx
from mtcheck.glossary.tsvfile import GlossaryError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "glossary"

RICH = [
    Entry(
        source=("总体国家安全观", "国家安全观"),
        target=("holistic approach to national security", "holistic view of national security"),
        forbidden=("overall national security concept", "national security outlook"),
        note="Xinhua, 2017 & \"AT&T\" <b> 'quoted' — see 《人民日报》",
        id="nsc-01",
        pos="noun",
        case_sensitive=True,
        status="proposed",
        severity="critical",
        src_lang="zh-CN",
        tgt_lang="en-GB",
    ),
    Entry(source=("一带一路",), target=("Belt and Road Initiative",), forbidden=("One Belt, One Road",)),
    Entry(source=("<tag> & \"q\" 'a'",), target=(), forbidden=("x > y",), id="9 not an NCName", status="deprecated"),
    Entry(source=("新常态",), target=("new normal",), id="nsc-01", severity="minor", pos="  noun "),
    Entry(source=(), target=(), pos="verb", note="an entry with no terms keeps its part of speech"),
]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory so that paths in messages are the short names given."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, data: bytes | str) -> str:
    Path(name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name


def tbx_error(path: str, **kwargs: str) -> str:
    with pytest.raises(GlossaryError) as info:
        read_tbx(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def csv_error(path: str, **kwargs: str) -> str:
    with pytest.raises(GlossaryError) as info:
        read_csv(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- TBX: writing and round trips ---------------------------------------------------------


def test_tbx_round_trip_keeps_every_field() -> None:
    write_tbx(RICH, "g.tbx", "zh", "en")
    entries, src, tgt = read_tbx("g.tbx")
    assert (entries, src, tgt) == (RICH, "zh", "en")
    assert [entry.line for entry in entries] == [12, 52, 70, 85, 102]


def test_tbx_written_document_is_exact() -> None:
    entries = [
        Entry(source=("一带一路",), target=("Belt and Road", "BRI"), forbidden=("OBOR",), note="a < b", pos="noun"),
        Entry(source=("新常态",), target=("new normal",), id="eco-2", case_sensitive=True, severity="major"),
    ]
    assert render_tbx(entries, "zh", "en").decode("utf-8") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="zh" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "  <tbxHeader>\n"
        "    <fileDesc>\n"
        "      <sourceDesc>\n"
        "        <p>mtcheck glossary, zh to en</p>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "  </tbxHeader>\n"
        "  <text>\n"
        "    <body>\n"
        '      <conceptEntry id="c1">\n'
        '        <admin type="x-mtcheck-id"></admin>\n'
        "        <note>a &lt; b</note>\n"
        '        <langSec xml:lang="zh">\n'
        "          <termSec>\n"
        "            <term>一带一路</term>\n"
        '            <termNote type="partOfSpeech">noun</termNote>\n'
        "          </termSec>\n"
        "        </langSec>\n"
        '        <langSec xml:lang="en">\n'
        "          <termSec>\n"
        "            <term>Belt and Road</term>\n"
        '            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n'
        '            <termNote type="partOfSpeech">noun</termNote>\n'
        "          </termSec>\n"
        "          <termSec>\n"
        "            <term>BRI</term>\n"
        '            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>\n'
        '            <termNote type="partOfSpeech">noun</termNote>\n'
        "          </termSec>\n"
        "          <termSec>\n"
        "            <term>OBOR</term>\n"
        '            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n'
        '            <termNote type="partOfSpeech">noun</termNote>\n'
        "          </termSec>\n"
        "        </langSec>\n"
        "      </conceptEntry>\n"
        '      <conceptEntry id="eco-2">\n'
        '        <admin type="x-mtcheck-caseSensitive">yes</admin>\n'
        '        <admin type="x-mtcheck-severity">major</admin>\n'
        '        <langSec xml:lang="zh">\n'
        "          <termSec>\n"
        "            <term>新常态</term>\n"
        "          </termSec>\n"
        "        </langSec>\n"
        '        <langSec xml:lang="en">\n'
        "          <termSec>\n"
        "            <term>new normal</term>\n"
        '            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n'
        "          </termSec>\n"
        "        </langSec>\n"
        "      </conceptEntry>\n"
        "    </body>\n"
        "  </text>\n"
        "</tbx>\n"
    )


def test_tbx_concept_ids_are_unique_ncnames() -> None:
    """xsd:ID needs a unique NCName; other ids go to x-mtcheck-id and come back exactly."""
    entries = [
        Entry(source=("a",), target=("A",), id="c2"),
        Entry(source=("b",), target=("B",), id=""),
        Entry(source=("c",), target=("C",), id="c2"),
        Entry(source=("d",), target=("D",), id="术语 1"),
    ]
    text = render_tbx(entries, "zh", "en").decode("utf-8")
    assert [line.strip() for line in text.splitlines() if "conceptEntry id" in line or "x-mtcheck-id" in line] == [
        '<conceptEntry id="c2">',
        '<conceptEntry id="c1">',
        '<admin type="x-mtcheck-id"></admin>',
        '<conceptEntry id="c3">',
        '<admin type="x-mtcheck-id">c2</admin>',
        '<conceptEntry id="c4">',
        '<admin type="x-mtcheck-id">术语 1</admin>',
    ]
    write("ids.tbx", text)
    assert read_tbx("ids.tbx")[0] == entries


def test_tbx_keeps_carriage_returns_and_replaces_what_xml_cannot_carry() -> None:
    write_tbx([Entry(source=("a",), target=("b",), note="one\r\ntwo\rthree\x01\x0bfour\ufffe")], "g.tbx", "zh", "en")
    assert read_tbx("g.tbx")[0][0].note == "one\r\ntwo\rthree\ufffd\ufffdfour\ufffd"


def test_tbx_write_replaces_the_file_and_needs_two_languages() -> None:
    write("g.tbx", b"old")
    write_tbx([Entry(source=("a",), target=("b",))], "g.tbx", "de", "fr")
    assert read_tbx("g.tbx")[1:] == ("de", "fr")
    assert sorted(path.name for path in Path(".").iterdir()) == ["g.tbx"]
    with pytest.raises(ValueError, match="two different languages"):
        write_tbx([], "h.tbx", "en", "EN")
    assert not Path("h.tbx").exists()


# --- TBX: reading files from other tools --------------------------------------------------


def test_tbx_v2_martif_from_a_cat_tool() -> None:
    """tig and ntig, supersededTerm is forbidden, preferred terms come first, whitespace
    around terms goes, descrip/admin/term-level notes are ignored, the DTD is not fetched."""
    entries, src, tgt = read_tbx(FIXTURES / "v2-martif.tbx")
    assert (src, tgt) == ("en-US", "zh-CN")
    assert entries == [
        Entry(
            source=("supply-side structural reform",),
            target=("供给侧结构性改革", "供给侧改革"),
            forbidden=("供应方改革",),
            note="Use in the annual report",
            id="eco-1",
            pos="noun",
        ),
        Entry(source=("new normal",), target=("新常态",)),
    ]
    assert [entry.line for entry in entries] == [14, 43]


def test_tbx_v3_basic_fixture() -> None:
    entries, src, tgt = read_tbx(FIXTURES / "v3-basic.tbx")
    assert (src, tgt) == ("zh", "en")
    assert entries == [
        Entry(
            source=("总体国家安全观",),
            target=("holistic approach to national security", "holistic view of national security"),
            forbidden=("overall national security concept",),
            note="Xinhua, 2017; see also Belt and Road",
            id="nsc-01",
            pos="noun",
        ),
        Entry(
            source=("一带一路",),
            target=("Belt and Road Initiative", "BRI"),
            forbidden=("One Belt, One Road",),
            id="bri",
            case_sensitive=True,
            severity="critical",
        ),
    ]


def test_tbx_v3_dct_style() -> None:
    write(
        "dct.tbx",
        '<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"'
        ' xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">'
        '<text><body><conceptEntry id="k1">'
        '<langSec xml:lang="en"><termSec><term>key</term><min:partOfSpeech>noun</min:partOfSpeech></termSec></langSec>'
        '<langSec xml:lang="de"><termSec><term>Taste</term></termSec><termSec><term>Schlüssel</term>'
        "<basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec></langSec>"
        "</conceptEntry></body></text></tbx>",
    )
    assert read_tbx("dct.tbx") == (
        [Entry(source=("key",), target=("Schlüssel", "Taste"), id="k1", pos="noun", line=1)],
        "en",
        "de",
    )


# --- TBX: which languages -----------------------------------------------------------------

MULTILINGUAL = """<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="a"><langSet xml:lang="en"><tig><term>file</term></tig></langSet>
  <langSet xml:lang="de"><tig><term>Datei</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>fichier</term></tig></langSet></termEntry>
<termEntry id="b"><langSet xml:lang="de"><tig><term>nur Deutsch</term></tig></langSet></termEntry>
<termEntry id="c"><langSet xml:lang="fr"><tig><term>dossier</term></tig></langSet></termEntry>
</body></text></martif>"""


def test_tbx_languages_of_a_multilingual_file_must_be_named() -> None:
    write("m.tbx", MULTILINGUAL)
    assert tbx_error("m.tbx") == "m.tbx: cannot tell the source and target language from en, de, fr; name them"
    assert tbx_error("m.tbx", src_lang="en") == (
        "m.tbx: cannot tell the source and target language from en, de, fr; name them"
    )
    entries, src, tgt = read_tbx("m.tbx", src_lang="EN", tgt_lang="fr")
    assert (src, tgt) == ("en", "fr")  # the file's spelling
    assert entries == [  # concept b has neither language: left out
        Entry(source=("file",), target=("fichier",), id="a", line=2),
        Entry(source=(), target=("dossier",), id="c", line=6),
    ]


def test_tbx_one_override_picks_the_other_language() -> None:
    entries, src, tgt = read_tbx(FIXTURES / "v3-basic.tbx", tgt_lang="zh")
    assert (src, tgt) == ("en", "zh")
    assert entries[0].source == (
        "holistic view of national security",
        "overall national security concept",
        "holistic approach to national security",
    )
    assert entries[0].target == ("总体国家安全观",)
    assert read_tbx(FIXTURES / "v3-basic.tbx", src_lang="zh")[1:] == ("zh", "en")


def test_tbx_language_errors() -> None:
    path = FIXTURES / "v3-basic.tbx"
    assert tbx_error(path, src_lang="ja") == f"{path}: no langSec in the source language ja; the file has zh, en"
    assert tbx_error(path, tgt_lang="ja") == f"{path}: no langSec in the target language ja; the file has zh, en"
    assert tbx_error(path, src_lang="en", tgt_lang="EN") == f"{path}: the source and target language are both en"
    write("mono.tbx", '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>x</term></tig></langSet>')
    write("mono.tbx", Path("mono.tbx").read_text() + "</termEntry></body></text></martif>")
    assert tbx_error("mono.tbx") == "mono.tbx: every langSec is in en; name the source and target languages"
    assert read_tbx("mono.tbx", src_lang="en", tgt_lang="zh") == ([Entry(source=("x",), target=(), line=1)], "en", "zh")
    assert (
        tbx_error("mono.tbx", src_lang="en") == "mono.tbx: every langSec is in en; name the source and target languages"
    )


def test_tbx_without_concepts_has_the_languages_asked_for() -> None:
    write_tbx([], "empty.tbx", "zh", "en")
    assert read_tbx("empty.tbx") == ([], "", "")
    assert read_tbx("empty.tbx", src_lang="zh", tgt_lang="en") == ([], "zh", "en")


# --- TBX: hostile and broken files --------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx><text><body><conceptEntry><note>&lol9;</note></conceptEntry></body></text></tbx>
"""


def test_tbx_billion_laughs_is_refused_at_once() -> None:
    write("lol.tbx", BILLION_LAUGHS)
    started = time.perf_counter()
    assert tbx_error("lol.tbx") == "lol.tbx:3: entity declarations are not allowed in TBX (entity 'lol')"
    assert time.perf_counter() - started < 30  # a hang guard, not a speed test (bench/ measures speed)


@pytest.mark.parametrize(
    ("declaration", "use", "message"),
    [
        (
            '<!ENTITY xxe SYSTEM "{uri}">',
            "&xxe;",
            "xxe.tbx:2: entity declarations are not allowed in TBX (entity 'xxe')",
        ),
        (
            '<!ENTITY % xxe SYSTEM "{uri}"> %xxe;',
            "",
            "xxe.tbx:2: entity declarations are not allowed in TBX (entity 'xxe')",
        ),
    ],
    ids=["general-entity", "parameter-entity"],
)
def test_tbx_external_entities_are_refused(tmp_path: Path, declaration: str, use: str, message: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    write(
        "xxe.tbx",
        '<?xml version="1.0"?>\n'
        f"<!DOCTYPE tbx [ {declaration.format(uri=secret.as_uri())} ]>\n"
        '<tbx><text><body><conceptEntry id="a"><note>' + use + "</note>"
        '<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec>'
        '<langSec xml:lang="de"><termSec><term>y</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n",
    )
    assert tbx_error("xxe.tbx") == message


def test_tbx_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    """An external DTD that would define an entity is not read, so the entity stays unknown."""
    (tmp_path / "evil.dtd").write_text('<!ENTITY leak "TOP-SECRET-TOKEN">')
    write("dtd.tbx", '<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "evil.dtd">\n<tbx><text>&leak;</text></tbx>\n')
    assert tbx_error("dtd.tbx") == "dtd.tbx:3:12: not well-formed XML (undefined entity &leak;)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<tbx type="TBX-Basic">\n  <text>\n    <body>\n', "bad.tbx:4:1: not well-formed XML (no element found)"),
        (b"<tbx>\n  <text>\n    <body", "bad.tbx:3:5: not well-formed XML (unclosed token)"),
        (b"<tbx>\n  <text></body>\n</tbx>", "bad.tbx:2:11: not well-formed XML (mismatched tag)"),
        (b"<tbx>a & b</tbx>", "bad.tbx:1:9: not well-formed XML (invalid token)"),
        (b"<tbx>\xff</tbx>", "bad.tbx:1:6: not well-formed XML (invalid token)"),
        (b"", "bad.tbx:1:1: not well-formed XML (no element found)"),
        (b"<tbx/>\n<tbx/>", "bad.tbx:2:1: not well-formed XML (junk after document element)"),
        (
            b'<?xml version="1.0" encoding="GBK"?><tbx/>',
            "bad.tbx: cannot read the XML (multi-byte encodings are not supported); save it as UTF-8",
        ),
        (b"<html><body/></html>", "bad.tbx: not a TBX file (the root element is <html>)"),
    ],
    ids=["truncated", "truncated-tag", "mismatched", "ampersand", "not-utf8", "empty", "junk", "gbk", "html"],
)
def test_tbx_broken_file_is_one_line_error_with_position(data: bytes, message: str) -> None:
    write("bad.tbx", data)
    assert tbx_error("bad.tbx") == message


def test_tbx_missing_file() -> None:
    assert tbx_error("missing.tbx") == "missing.tbx: No such file or directory"


def test_tbx_utf16_export_reads() -> None:
    """MultiTerm exports UTF-16 with a byte order mark."""
    write_tbx(RICH[:2], "g.tbx", "zh", "en")
    text = Path("g.tbx").read_text("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    write("g16.tbx", text.encode("utf-16"))
    assert read_tbx("g16.tbx")[0] == RICH[:2]


def test_importing_the_modules_loads_no_xml_or_csv_code() -> None:
    code = (
        "import sys, mtcheck.glossary.tbx, mtcheck.glossary.csvfile;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xml', 'defusedxml', 'pyexpat', 'csv')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


# --- CSV ----------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_field() -> None:
    write_csv(RICH, "g.csv")
    entries = read_csv("g.csv")
    assert entries == RICH
    assert [entry.line for entry in entries] == [2, 3, 4, 5, 6]


def test_csv_written_bytes_are_exact() -> None:
    entries = [
        Entry(source=("一带一路",), target=("Belt and Road", "BRI"), note='says "hi", twice'),
        Entry(source=("新常态",), target=("new normal",), id="e2", pos="noun", case_sensitive=True),
    ]
    assert render_csv(entries) == (
        "\ufeffid,source,target,forbidden,note,pos,case\r\n"
        ',一带一路,Belt and Road | BRI,,"says ""hi"", twice",,\r\n'
        "e2,新常态,new normal,,,noun,yes\r\n"
    ).encode("utf-8")
    assert render_csv([]) == b"\xef\xbb\xbfid,source,target,forbidden,note\r\n"


def test_csv_line_breaks_and_tabs_in_cells_become_spaces() -> None:
    """A cell holds one line, as in the TSV file: written and read as spaces."""
    write_csv([Entry(source=("a",), target=("b",), note="one\ntwo\r\nthree\tfour")], "g.csv")
    assert Path("g.csv").read_bytes().endswith(b",a,b,,one two  three four\r\n")
    assert read_csv("g.csv")[0].note == "one two  three four"


def test_csv_as_excel_saves_it() -> None:
    """BOM, CRLF, a cell typed with Alt+Enter, rows padded to the widest, blank rows."""
    write(
        "excel.csv",
        b"\xef\xbb\xbfsource,target,note,,\r\n"
        b",,,,\r\n"
        b'\xe4\xb8\x80\xe5\xb8\xa6\xe4\xb8\x80\xe8\xb7\xaf,Belt and Road | BRI,"first line\nsecond line",,\r\n'
        b"\xe6\x96\xb0\xe5\xb8\xb8\xe6\x80\x81,new normal,,,\r\n",
    )
    entries = read_csv("excel.csv")
    assert entries == [
        Entry(source=("一带一路",), target=("Belt and Road", "BRI"), note="first line second line"),
        Entry(source=("新常态",), target=("new normal",)),
    ]
    assert [entry.line for entry in entries] == [3, 5]


def test_csv_without_bom_and_empty_files() -> None:
    write("plain.csv", "source,target\nfoo,bar\n")
    assert read_csv("plain.csv") == [Entry(source=("foo",), target=("bar",))]
    write("empty.csv", b"")
    assert read_csv("empty.csv") == []
    write("header.csv", b"\xef\xbb\xbfid,source,target\r\n")
    assert read_csv("header.csv") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "source,target,colour\r\n",
            "bad.csv:1: unknown column(s) colour; known: id, source, target, forbidden, note, pos, case, status, "
            "severity, src_lang, tgt_lang (or name them with --columns, e.g. source=Term,target=Translation)",
        ),
        ("\r\nid,target\r\n", "bad.csv:2: the header needs column(s) source"),
        ("source,target,source\r\n", "bad.csv:1: a column is named twice in the header"),
        (
            "一带一路,Belt and Road\r\n",
            "bad.csv:1: unknown column(s) 一带一路, Belt and Road; known: id, source, "
            "target, forbidden, note, pos, case, status, severity, src_lang, tgt_lang "
            "(or name them with --columns, e.g. source=Term,target=Translation)",
        ),
        ("source,target\r\na,b,c\r\n", "bad.csv:2: 3 columns but the header names 2"),
        ("source,target,case\r\na,b,maybe\r\n", "bad.csv:2: `case` must be yes or no, not 'maybe'"),
        ('source,target\r\na,"b\r\n', "bad.csv:2: not valid CSV (unexpected end of data)"),
        ('source,target\r\na,"b"c\r\n', "bad.csv:2: not valid CSV (',' expected after '\"')"),
        (b"source,target\r\na,\xff\r\n", "bad.csv:2: not valid UTF-8"),
    ],
    ids=["unknown", "missing", "twice", "no-header", "too-many", "case", "open-quote", "after-quote", "not-utf8"],
)
def test_csv_errors_name_file_and_line(data: str | bytes, message: str) -> None:
    write("bad.csv", data)
    assert csv_error("bad.csv") == message


def test_csv_missing_file() -> None:
    assert csv_error("missing.csv") == "missing.csv: No such file or directory"


# --- properties ---------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn"), exclude_characters="|"), max_size=12)
TERMS = st.lists(TEXT.map(str.strip).filter(bool), max_size=3).map(tuple)
ENTRIES = st.lists(
    st.builds(
        Entry,
        source=st.lists(TEXT.map(str.strip).filter(bool), min_size=1, max_size=3).map(tuple),
        target=TERMS,
        forbidden=TERMS,
        note=TEXT,
        id=st.sampled_from(["", "c1", "c2", "nsc-01"]) | TEXT,
        pos=st.sampled_from(["", "noun", "verb"]) | TEXT,
        case_sensitive=st.booleans(),
        status=st.sampled_from(STATUSES),
        severity=st.sampled_from(("", *SEVERITIES)),
        src_lang=st.sampled_from(("", "zh", "zh-TW")),
        tgt_lang=st.sampled_from(("", "en", "en-GB")),
    ),
    max_size=4,
)


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=ENTRIES)
def test_tbx_round_trip_property(tmp_path_factory: pytest.TempPathFactory, entries: list[Entry]) -> None:
    path = tmp_path_factory.mktemp("tbx") / "g.tbx"
    write_tbx(entries, path, "zh", "en")
    bilingual = any(entry.target or entry.forbidden for entry in entries)  # else only zh langSecs
    languages = {} if bilingual else {"src_lang": "zh", "tgt_lang": "en"}
    assert read_tbx(path, **languages) == (entries, "zh", "en")


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=ENTRIES)
def test_csv_round_trip_property(tmp_path_factory: pytest.TempPathFactory, entries: list[Entry]) -> None:
    path = tmp_path_factory.mktemp("csv") / "g.csv"
    write_csv(entries, path)
    assert read_csv(path) == entries


# --- the usual exports' headers, column mapping, languages ---------------------------------


@pytest.mark.parametrize(
    ("header", "taken"),
    [
        ("Source,Target,Comment", "“Source” → source, “Target” → target, “Comment” → note"),
        ("zh-CN,en-US", "“zh-CN” → source, “en-US” → target"),
        ("term_zh,term_en", "“term_zh” → source, “term_en” → target"),
        ("Entry_ID,zh-CN,zh-CN_Def,en-US,en-US_Def", "“Entry_ID” → id, “zh-CN” → source, “en-US” → target; "
         "ignored: “zh-CN_Def”, “en-US_Def”"),
        ("Term,Translation,Definition", "“Term” → source, “Translation” → target; ignored: “Definition”"),
    ],
)  # fmt: skip
def test_csv_headers_of_the_usual_exports(header: str, taken: str) -> None:
    from mtcheck.glossary.csvfile import read_csv_mapped

    columns = header.split(",")
    row = ["" if "Def" in c or c == "Definition" else "n1" if "ID" in c else "x" for c in columns]
    row[next(i for i, c in enumerate(columns) if c in ("Source", "zh-CN", "term_zh", "Term"))] = "一带一路"
    row[next(i for i, c in enumerate(columns) if c in ("Target", "en-US", "term_en", "Translation"))] = "Belt and Road"
    write("g.csv", header + "\r\n" + ",".join(row) + "\r\n")
    entries, mapping = read_csv_mapped("g.csv")
    assert (entries[0].source, entries[0].target) == (("一带一路",), ("Belt and Road",))
    assert mapping.describe() == taken


def test_csv_language_columns_by_the_languages_asked_for() -> None:
    write("m.csv", "en,zh,de\r\nfile,文件,Datei\r\n")
    assert (
        csv_error("m.csv") == "m.csv:1: several language columns (en, zh, de); name them with --src-lang and --tgt-lang"
    )
    (entry,) = read_csv("m.csv", src_lang="zh-CN", tgt_lang="de")
    assert (entry.source, entry.target) == (("文件",), ("Datei",))
    assert csv_error("m.csv", src_lang="ja", tgt_lang="en") == (
        "m.csv:1: no column in the source language ja; language columns: en, zh, de"
    )


def test_csv_columns_named_by_hand() -> None:
    write("g.csv", "Begriff,Übersetzung,Hinweis\r\n一带一路,Belt and Road,S31\r\n")
    (entry,) = read_csv("g.csv", columns={"source": "Begriff", "target": "Übersetzung", "note": "Hinweis"})
    assert (entry.source, entry.target, entry.note) == (("一带一路",), ("Belt and Road",), "S31")


def test_tbx_languages_match_by_base_code() -> None:
    write("m.tbx", MULTILINGUAL.replace('xml:lang="de"', 'xml:lang="de-DE"'))
    entries, src, tgt = read_tbx("m.tbx", src_lang="en-US", tgt_lang="de")
    assert (src, tgt) == ("en", "de-DE")
    assert entries[0] == Entry(source=("file",), target=("Datei",), id="a", line=2)


def test_import_and_check_a_multilingual_termbase() -> None:
    from helpers import run_cli

    write("m.tbx", MULTILINGUAL)
    Path("t.tsv").write_text("source\ttarget\nfile\tfichier x\n", encoding="utf-8")
    here = Path.cwd()
    result = run_cli("glossary", "import", "m.tbx", "-o", "m.tsv", "--src-lang", "en", "--tgt-lang", "fr", cwd=here)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "m.tbx: en terms → source, fr terms → target\nm.tsv: 2 entries from m.tbx\n"
    result = run_cli("glossary", "import", "m.tbx", "-o", "m.tsv", cwd=here)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "mtcheck: error: m.tbx: cannot tell the source and target language from en, de, fr; name them\n",
    )
    check = run_cli(
        "check", "--no-shipped-rules", "-g", "m.tbx", "--src-lang", "en", "--tgt-lang", "de", "t.tsv", cwd=here
    )
    assert b"term.missing" in check.stdout and b"Datei" in check.stdout


def test_import_says_which_column_it_took() -> None:
    from helpers import run_cli

    write("memoq.csv", "\ufeffzh-CN,en-US,Entry_Note\r\n一带一路,Belt and Road,S31\r\n")
    result = run_cli("glossary", "import", "memoq.csv", "-o", "g.tsv", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "memoq.csv: columns “zh-CN” → source, “en-US” → target, “Entry_Note” → note\ng.tsv: 1 entries from memoq.csv\n"
    )
    write("sheet.csv", "Begriff,Übersetzung\r\n一带一路,Belt and Road\r\n")
    result = run_cli(
        "glossary",
        "import",
        "sheet.csv",
        "-o",
        "s.tsv",
        "--columns",
        "source=Begriff,target=Übersetzung",
        cwd=Path.cwd(),
    )
    assert result.returncode == 0, result.stderr
    assert Path("s.tsv").read_text(encoding="utf-8").splitlines()[-1] == "\t一带一路\tBelt and Road\t\t"
