"""CAT-tool XLIFF: segmented 1.2 (``<seg-source>``/``<mrk mtype="seg">``), Trados ``.sdlxliff``
and memoQ ``.mqxliff``, read segment by segment, with their status, fixed inside the right
``mrk``, marked for review in each tool's own way, and every other byte kept.

The fixtures are small files of our own modelled on real exports: Trados's from the Okapi
framework's test data (a Trados Studio 2019 export of a .docx), memoQ's from a memoQ 12
bilingual export (the Supervertaler project); the segmented one as SAP and Okapi write them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.engine import Checker
from mtcheck.formats import detect_format, load
from mtcheck.model import Origin, Segment

CAT = FIXTURES / "cat"
NAMES = ["segmented.xlf", "trados.sdlxliff", "memoq.mqxliff"]
TRADOS_1 = "trados.sdlxliff#45632a88-7455-4f65-88ce-b5aa809197d6"
TRADOS_2 = "trados.sdlxliff#6fca20db-4fb3-4332-9fba-086c09c6c04a"
TRADOS_3 = "trados.sdlxliff#a31b0480-0459-4060-a884-396845353a0f"
TRADOS_4 = "trados.sdlxliff#b8549f0b-a874-4f34-9937-692a31ed9531"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in NAMES:
        shutil.copy(CAT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rows(name: str, **options: object) -> list[tuple]:
    loaded = load(name, **options)
    text = loaded.document.text
    return [
        (s.key, s.target, s.source, (s.origin.line, s.origin.column), text[slice(*s.origin.span)])  # type: ignore[misc]
        for s in loaded.segments
    ]


def findings(*args: str) -> list[tuple]:
    result = run_cli("check", "--format", "jsonl", "--no-shipped-rules", *args, cwd=Path.cwd())
    assert result.stderr == b""
    return [
        (r["segment"], r["line"], r["column"], r["rule"], r["text"])
        for r in map(json.loads, result.stdout.decode().splitlines())
    ]


# --- reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.sdlxliff", "B.SDLXLIFF", "c.mqxliff", "d.xlf", "e.xliff"])
def test_cat_files_are_xliff_by_extension(name: str) -> None:
    assert detect_format(name) == "xliff"


def test_segmented_xliff_is_read_segment_by_segment() -> None:
    assert rows("segmented.xlf") == [
        ("segmented.xlf#greeting/1", "Hallo .", "Hello.", (8, 61), "Hallo ."),
        ("segmented.xlf#greeting/2", "Willkommen im Shop — viel  Spaß!", "Welcome to the shop.", (8, 100),
         "Willkommen im <![CDATA[Shop]]> &#x2014; viel  Spa&#223;!"),
        ("segmented.xlf#save/1", "Datei  speichern.", "Save the file.", (13, 61), "Datei  speichern."),
        ("segmented.xlf#bold/1", "Klicken Sie hier.", 'Click <g id="1">here</g>.', (18, 68), "Klicken Sie hier."),
        ("segmented.xlf#whole", "Nicht segmentiert .", "Not segmented.", (22, 17), "Nicht segmentiert ."),
    ]  # fmt: skip


def test_trados_segments_and_their_status() -> None:
    assert rows("trados.sdlxliff") == [
        (f"{TRADOS_1}/1", "Ceci est la phrase .", "This is the sentence.", (2, 248), "Ceci est la phrase ."),
        (f"{TRADOS_2}/3", "Ceci est la phrase.", "This is the sentence.", (3, 390), "Ceci est la phrase."),
        (f"{TRADOS_2}/4", "Et et plus.", "And more.", (3, 441), "Et et plus."),
        (f"{TRADOS_2}/5", 'Cliquez sur <g id="5">Enregistrer</g> maintenant.', 'Click <g id="5">Save</g> now.',
         (3, 484), 'Cliquez sur <g id="5">Enregistrer</g> maintenant.'),
        (f"{TRADOS_3}/6", "Beaucoup  d'espace.", "Lots of space.", (4, 258), "Beaucoup  d'espace."),
        (f"{TRADOS_4}/7", 'Avant <x id="10"/> après après.', 'Before <x id="10"/> after.', (5, 258),
         'Avant <x id="10"/> après après.'),
    ]  # fmt: skip
    # ApprovedSignOff (mid 3) and a locked ApprovedTranslation (mid 6) are final
    assert [key for key, *_ in rows("trados.sdlxliff", skip_final=True)] == [
        f"{TRADOS_1}/1",
        f"{TRADOS_2}/4",
        f"{TRADOS_2}/5",
        f"{TRADOS_4}/7",
    ]
    assert {(s.src_lang, s.tgt_lang) for s in load("trados.sdlxliff").segments} == {("en-US", "fr-FR")}


def test_memoq_segments_and_their_status() -> None:
    code, end = '<bpt id="1" ctype="bold">{}</bpt>', '<ept id="1">{}</ept>'
    assert [row[:3] for row in rows("memoq.mqxliff")] == [
        ("memoq.mqxliff#1", f"{code}Personal  details{end}", f"{code}Persoonlijke gegevens{end}"),
        ("memoq.mqxliff#2", "He played for Napoli and and Atalanta.", "Hij speelde voor Napoli en Atalanta."),
        ("memoq.mqxliff#3", "Born on 29 January 1983 .", "Geboren op 29 januari 1983."),
        ("memoq.mqxliff#4", 'He started his career at <bpt id="1" ctype="underlined">{}</bpt>Atalanta<ept id="1">{}'
         "</ept> .", 'Hij begon zijn carrière bij <bpt id="1" ctype="underlined">{}</bpt>Atalanta<ept id="1">{}'
         "</ept>."),
    ]  # fmt: skip
    # Reviewer1Confirmed (2) and mq:locked (3) are final; NotStarted (5) has no target
    assert [key for key, *_ in rows("memoq.mqxliff", skip_final=True)] == ["memoq.mqxliff#1", "memoq.mqxliff#4"]


def test_segmentation_markup_is_never_a_placeholder_and_errors_inside_segments_are_found() -> None:
    assert findings("segmented.xlf", "trados.sdlxliff", "memoq.mqxliff") == [
        ("segmented.xlf#greeting/1", 8, 66, "punct.space-before", " ."),
        ("segmented.xlf#greeting/2", 8, 144, "punct.double-space", "  "),
        ("segmented.xlf#save/1", 13, 66, "punct.double-space", "  "),
        ("segmented.xlf#bold/1", 17, 52, "placeholder.missing", '<g id="1">'),  # the pair, once
        ("segmented.xlf#whole", 22, 34, "punct.space-before", " ."),
        (f"{TRADOS_1}/1", 2, 266, "punct.space-before", " ."),
        (f"{TRADOS_2}/4", 3, 441, "repeat.word", "Et et"),
        (f"{TRADOS_3}/6", 4, 266, "punct.double-space", "  "),
        (f"{TRADOS_4}/7", 5, 277, "repeat.word", "après après"),
        ("memoq.mqxliff#1", 15, 71, "punct.double-space", "  "),
        ("memoq.mqxliff#2", 28, 51, "repeat.word", "and and"),
        ("memoq.mqxliff#3", 35, 53, "punct.space-before", " ."),
    ]


def test_directories_include_trados_and_memoq_files(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "jsonl", "--no-shipped-rules", ".", cwd=tmp_path)
    paths = {json.loads(line)["path"] for line in result.stdout.decode().splitlines()}
    assert paths == {"memoq.mqxliff", "segmented.xlf", "trados.sdlxliff"}


# --- paired codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ('Click <g id="1">here</g>.', "Click here.", [("placeholder.missing", 6, 16, "source")]),
        ('<pc id="1">Save</pc> &amp; quit', "Save & quit", [("placeholder.missing", 0, 11, "source")]),
        ("Save & quit", '<pc id="1">Save</pc> &amp; quit', [("placeholder.extra", 0, 11, "target")]),
        ('<g id="1">a</g>', '<g id="2">a</g>',
         [("placeholder.extra", 0, 10, "target"), ("placeholder.missing", 0, 10, "source")]),
        ('<g id="1">a</g>', '<g id="1">b</g>', []),
    ],
)  # fmt: skip
def test_a_start_and_end_tag_are_one_paired_code(source: str, target: str, expected: list[tuple]) -> None:
    checker = Checker([c for c in BUILTIN_CHECKS if c.info.id.startswith("placeholder.")])
    segment = Segment("k", target.replace("&amp;", "&"), Origin("x", 1), source=source.replace("&amp;", "&"))
    assert [(f.rule, f.start, f.end, f.side.value) for f in checker.check_segment(segment)] == expected


def test_a_missing_pair_says_both_tags() -> None:
    checker = Checker([c for c in BUILTIN_CHECKS if c.info.id == "placeholder.missing"])
    segment = Segment("k", "Click here.", Origin("x", 1), source='Click <g id="1">here</g>.')
    assert [f.message for f in checker.check_segment(segment)] == [
        '“<g id="1">…</g>” of the source is missing in the target'
    ]


# --- fixing and marking -------------------------------------------------------------------------


def replaced(original: bytes, *pairs: tuple[str, str]) -> bytes:
    """``original`` with each old text (which must occur once) replaced."""
    text = original.decode("utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text.encode("utf-8")


def test_fix_writes_inside_the_right_mrk_and_marks_the_unit_for_review() -> None:
    original = Path("segmented.xlf").read_bytes()
    result = run_cli("fix", "--no-shipped-rules", "segmented.xlf", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert Path("segmented.xlf").read_bytes() == replaced(
        original,
        (
            '<target state="translated"><mrk mtype="seg" mid="1">Hallo .</mrk> <mrk mtype="seg" mid="2">Willkommen im '
            "<![CDATA[Shop]]> &#x2014; viel  Spa&#223;!</mrk></target>",
            '<target state="needs-review-translation"><mrk mtype="seg" mid="1">Hallo.</mrk> <mrk mtype="seg" mid="2">'
            "Willkommen im <![CDATA[Shop]]> &#x2014; viel Spa&#223;!</mrk></target>",
        ),
        (
            "<target>Nicht segmentiert .</target>",
            '<target state="needs-review-translation">Nicht segmentiert.</target>',
        ),
    )  # the signed-off unit "save" keeps its double space; CRLF, CDATA and references stay


def test_trados_fix_keeps_vendor_markup_and_sets_draft_on_the_edited_segments_only() -> None:
    original = Path("trados.sdlxliff").read_bytes()
    result = run_cli("fix", "--no-shipped-rules", "trados.sdlxliff", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert Path("trados.sdlxliff").read_bytes() == replaced(
        original,
        ('mid="1">Ceci est la phrase .</mrk>', 'mid="1">Ceci est la phrase.</mrk>'),
        ('<sdl:seg id="1" conf="Translated" origin="interactive">',
         '<sdl:seg id="1" conf="Draft" origin="interactive">'),
        ("Et et plus.", "Et plus."),  # mid 4 was Draft already
        ("après après.", "après."),
        ('<sdl:seg id="7" origin="mt" origin-system="Machine translation"/>',
         '<sdl:seg id="7" origin="mt" origin-system="Machine translation" conf="Draft"/>'),
    )  # fmt: skip  # the signed-off mid 3 and the locked mid 6 are left alone


def test_memoq_fix_sets_partially_edited() -> None:
    original = Path("memoq.mqxliff").read_bytes()
    result = run_cli("fix", "--no-shipped-rules", "memoq.mqxliff", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert Path("memoq.mqxliff").read_bytes() == replaced(
        original,
        ('mq:status="ManuallyConfirmed"', 'mq:status="PartiallyEdited"'),
        ("Personal  details", "Personal details"),
    )  # Reviewer1Confirmed "and and" and locked "1983 ." are left alone


def test_no_skip_final_and_no_mark_review() -> None:
    original = Path("memoq.mqxliff").read_bytes()
    result = run_cli(
        "fix", "--no-shipped-rules", "--no-skip-final", "--no-mark-review", "memoq.mqxliff", cwd=Path.cwd()
    )
    assert result.returncode == 0, result.stderr
    assert Path("memoq.mqxliff").read_bytes() == replaced(
        original,
        ("Personal  details", "Personal details"),
        ("Napoli and and Atalanta", "Napoli and Atalanta"),
        ("1983 .", "1983."),
    )


def test_xliff_20_marks_state_and_substate(tmp_path: Path) -> None:
    content = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="u1"><segment id="s1" state="reviewed"><source>Hello.</source>'
        '<target>Bonjour .</target></segment><segment id="s2" state="final"><source>Bye.</source>'
        '<target>Au revoir .</target></segment><segment id="s3"><source>Yes.</source><target>Oui  oui.</target>'
        "</segment></unit></file></xliff>\n"
    )
    Path("a.xlf").write_text(content, encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", "--select", "punct", "a.xlf", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert Path("a.xlf").read_text(encoding="utf-8") == content.replace(
        '<segment id="s1" state="reviewed">', '<segment id="s1" state="translated" subState="mtcheck:edited">'
    ).replace("<target>Bonjour .</target>", "<target>Bonjour.</target>").replace(
        '<segment id="s3">', '<segment id="s3" state="translated" subState="mtcheck:edited">'
    ).replace("Oui  oui.", "Oui oui.")


# --- round trips ---------------------------------------------------------------------------------


def variants(data: bytes) -> list[bytes]:
    lf = data.replace(b"\r\n", b"\n")
    return [data, lf, b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")]


@pytest.mark.parametrize("name", NAMES)
def test_render_without_edits_is_byte_identical(name: str) -> None:
    for number, data in enumerate(variants(Path(name).read_bytes())):
        path = f"v{number}-{name}"
        Path(path).write_bytes(data)
        loaded = load(path)
        assert loaded.render({}) == data
        assert loaded.render({}, {"review", "fuzzy"}) == data  # no edit, no mark


TEXT = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn")), st.sampled_from("<>&]\n ")),
    min_size=1,
    max_size=15,
).filter(lambda text: text.strip() != "")


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_new_targets_change_only_their_spans_and_marks(name: str, data: st.DataObject) -> None:
    original = load(name)
    keys = data.draw(st.lists(st.sampled_from([s.key for s in original.segments]), unique=True, min_size=1))
    new = {key: data.draw(TEXT, label=key) for key in keys}
    marks = data.draw(st.sampled_from([set(), {"review"}]))
    rendered = original.render(new, marks)
    Path("out").mkdir(exist_ok=True)
    Path(f"out/{name}").write_bytes(rendered)
    again = load(f"out/{name}")
    assert [s.target for s in again.segments] == [new.get(s.key, s.target) for s in original.segments]
    # outside the targets only start tags may differ, and only with marks asked for
    pieces, cursor = [], 0
    for segment in again.segments:
        start, end = segment.origin.span  # type: ignore[misc]
        pieces.append(again.document.text[cursor:start])
        cursor = end
    outside = "".join([*pieces, again.document.text[cursor:]])
    before, cursor = [], 0
    for segment in original.segments:
        start, end = segment.origin.span  # type: ignore[misc]
        before.append(original.document.text[cursor:start])
        cursor = end
    outside_before = "".join([*before, original.document.text[cursor:]])
    if not marks:
        assert outside == outside_before
    else:
        assert outside.count("<") == outside_before.count("<")  # no element appeared or went
