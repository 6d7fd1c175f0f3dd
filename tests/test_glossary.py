"""Glossaries: matching, the term checks, and the maintenance commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.engine import Checker, RuleSet
from mtcheck.glossary.checks import GlossaryMatcher, term_rules
from mtcheck.glossary.lint import lint
from mtcheck.glossary.matcher import TermIndex, _PrefixIndex, stem
from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import GlossaryError, read_glossary_file, render, write_glossary_file
from mtcheck.model import Origin, Segment, Side

# --- matching -------------------------------------------------------------------------------


def spans(terms: list[str], text: str) -> list[tuple[str, str]]:
    index = TermIndex((term, term) for term in terms)
    return [(text[m.start : m.end], m.payload) for m in index.find(text)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("concept", "concept"),
        ("concepts", "concept"),
        ("maintain", "maintain"),
        ("maintains", "maintain"),
        ("maintained", "maintain"),
        ("maintaining", "maintain"),
        ("study", "study"),
        ("studies", "study"),
        ("studied", "study"),
        ("approaches", "approach"),
        ("stopped", "stop"),
        ("news", "news"),  # not new + s
        ("class", "class"),
        ("status", "status"),
    ],
)
def test_stemmer_equates_regular_inflections(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("terms", "text", "found"),
    [
        (
            ["national security concept"],
            "the National Security Concepts",
            [("National Security Concepts", "national security concept")],
        ),
        (["maintain stability"], "maintaining stability", [("maintaining stability", "maintain stability")]),
        (["security"], "insecurity and securities", [("securities", "security")]),  # whole words only
        (["Python"], "我们使用Python语言", [("Python", "Python")]),  # Han characters are boundaries
        (["国家安全"], "维护国家安全工作", [("国家安全", "国家安全")]),  # CJK without spaces
        (
            ["national security", "holistic approach to national security"],
            "the holistic approach to national security",
            [("holistic approach to national security", "holistic approach to national security")],
        ),  # the longest term wins
        (['"big country"'], "keep in mind the “big country”", [("“big country”", '"big country"')]),
        (["Xi Jinping's thought"], "Xi Jinping’s thought", [("Xi Jinping’s thought", "Xi Jinping's thought")]),
        (["security concept"], "security, concept", []),  # punctuation blocks a match
        (["bottom-up"], "bottom up", []),
    ],
)
def test_term_index(terms: list[str], text: str, found: list[tuple[str, str]]) -> None:
    assert spans(terms, text) == found


def test_overlapping_terms_of_equal_length_both_stay_when_apart() -> None:
    assert spans(["new era", "era of socialism"], "a new era of socialism") == [
        ("era of socialism", "era of socialism")
    ]
    assert spans(["new era"], "new era, new era") == [("new era", "new era"), ("new era", "new era")]


# --- the term checks ------------------------------------------------------------------------

ENTRIES = [
    Entry(
        source=("总体国家安全观",),
        target=("holistic approach to national security", "holistic view of national security"),
        forbidden=("overall national security concept",),
        id="nsec-1",
    ),
    Entry(source=("党",), target=("Party",), forbidden=(), case_sensitive=True, id="cpc"),
    Entry(source=("两个维护",), target=("Two Upholds",), forbidden=("two maintenances",), severity="critical"),
    Entry(source=("旧词",), target=("old term",), forbidden=("bad old term",), status="deprecated"),
]


def check(target: str, source: str | None = None) -> list[tuple[str, str, int, int, str | None, str | None]]:
    checker = Checker(term_rules(GlossaryMatcher(ENTRIES)))  # type: ignore[arg-type]
    segment = Segment("s", target, Origin("t", 1), source=source)
    findings = checker.check_segment(segment)
    return [
        (f.rule, f.severity.value, f.start, f.end, f.replacement, f.fix.safety.value if f.fix else None)
        for f in findings
    ]


def test_forbidden_without_source_is_a_suggestion() -> None:
    assert check("they follow the overall national security concept") == [
        ("term.forbidden", "major", 16, 49, "holistic approach to national security", "suggestion")
    ]


def test_forbidden_fix_fixes_the_article_too() -> None:
    target = "firmly establish an overall national security concept"
    assert check(target) == [
        ("term.forbidden", "major", 17, 53, "a holistic approach to national security", "suggestion")
    ]


def test_forbidden_with_source_evidence_is_safe_unless_inflected() -> None:
    assert check("follow the overall national security concept.", "坚持总体国家安全观。")[0][5] == "safe"
    assert check("follow the overall national security concepts.", "坚持总体国家安全观。")[0][5] == "suggestion"


def test_entry_severity_overrides_the_rule() -> None:
    assert check("achieve the two maintenances") == [
        ("term.forbidden", "critical", 12, 28, "Two Upholds", "suggestion")
    ]


def test_deprecated_entries_are_not_enforced() -> None:
    assert check("a bad old term") == []


def test_missing_term_points_at_the_source() -> None:
    checker = Checker(term_rules(GlossaryMatcher(ENTRIES)))  # type: ignore[arg-type]
    segment = Segment("s", "firmly establish a security outlook", Origin("t", 1), source="牢固树立总体国家安全观")
    (finding,) = checker.check_segment(segment)
    assert (finding.rule, finding.side, finding.start, finding.end, finding.text) == (
        "term.missing",
        Side.SOURCE,
        4,
        11,
        "总体国家安全观",
    )
    assert finding.message == (
        "总体国家安全观 is not rendered as “holistic approach to national security” "
        "or “holistic view of national security”"
    )


def test_approved_variant_satisfies_the_source_and_forbidden_is_not_reported_twice() -> None:
    assert check("follow the holistic view of national security", "坚持总体国家安全观") == []
    assert [row[0] for row in check("the overall national security concept", "坚持总体国家安全观")] == [
        "term.forbidden"
    ]


def test_case_sensitive_entry() -> None:
    assert check("the Party committee", "党委") == []
    assert [row[:4] for row in check("the party committee", "党委")] == [("term.missing", "major", 0, 1)]


def test_inconsistent_renderings_are_reported_after_the_file() -> None:
    checker = Checker(term_rules(GlossaryMatcher(ENTRIES)))  # type: ignore[arg-type]
    targets = [
        "follow the holistic approach to national security",
        "follow the holistic approach to national security",
        "follow the holistic view of national security",
    ]
    for index, target in enumerate(targets):
        assert checker.check_segment(Segment(str(index), target, Origin("t", index + 1), source="总体国家安全观")) == []
    (finding,) = checker.finish_file()
    assert (finding.rule, finding.segment.key, finding.text, finding.severity.value) == (
        "term.inconsistent",
        "2",
        "holistic view of national security",
        "minor",
    )
    assert finding.message == (
        "总体国家安全观 is rendered “holistic view of national security” here "
        "but “holistic approach to national security” in 2 other segments of this file"
    )


SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-mt-zh-en.txt"
SEED_TERMS = [
    "overall national security concept",
    "Xi Jinping’s new era of socialism with Chinese characteristics",
    "two overall situations",
    "“big country”",
    "two maintenances",
    "two establishments",
    "five major security",
    "Longjiang contributions",
    "Provincial Political Consultative Conference",
    "Provincial Military Region",
    "Commission for Disciplinary Inspection",
    "new security pattern",
    "Secrecy Law",
    "National Security Education Day for All",
    "leading cadres",
]


def test_shipped_glossary_catches_every_seed_term() -> None:
    rules = RuleSet.load(shipped=False, glossaries=["zh-en"]).selected(["term"])
    checker = Checker(rules)
    from mtcheck.formats import read_segments

    flagged = [f.text for s in read_segments(str(SEED)) for f in checker.check_segment(s)]
    for term in SEED_TERMS:
        assert any(term.lower() in text.lower() for text in flagged), term


def test_shipped_glossary_is_lint_clean() -> None:
    from mtcheck.glossary.load import resolve

    document = read_glossary_file(resolve("zh-en"))
    assert len(document.entries) >= 100
    assert lint(document) == []


# --- the file format ------------------------------------------------------------------------

GLOSSARY = (
    "# zh→en terms\n"
    "\n"
    "id\tsource\ttarget\tforbidden\tnote\n"
    "# national security\n"
    "n2\t新安全格局\tnew security architecture\tnew security pattern\tS3\n"
    "n1\t总体国家安全观\tholistic approach to national security | holistic view of national security\t"
    "overall national security concept\tS1, S2\n"
)


def write(tmp_path: Path, text: str = GLOSSARY, name: str = "g.tsv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_reading_and_writing_back_changes_no_byte(tmp_path) -> None:
    for text in (GLOSSARY, GLOSSARY.replace("\n", "\r\n"), "\ufeff" + GLOSSARY, GLOSSARY + "n3\t党\tParty\t\t\n"):
        path = write(tmp_path, text)
        document = read_glossary_file(path)
        assert render(document) == path.read_bytes()


def test_rows_read_into_entries(tmp_path) -> None:
    entries = read_glossary_file(write(tmp_path)).entries
    assert entries[1] == Entry(
        source=("总体国家安全观",),
        target=("holistic approach to national security", "holistic view of national security"),
        forbidden=("overall national security concept",),
        note="S1, S2",
        id="n1",
    )
    assert entries[1].line == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source\ttarget\tcolour\n", "g.tsv:1: unknown column(s) colour; known: id, source, target"),
        ("source\tnote\n", "g.tsv:1: the header needs column(s) target"),
        ("source\ttarget\na\tb\tc\n", "g.tsv:2: 3 columns but the header names 2"),
        ("source\ttarget\tcase\na\tb\tmaybe\n", "g.tsv:2: `case` must be yes or no, not 'maybe'"),
    ],
)
def test_bad_glossary_files(tmp_path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as info:
        read_glossary_file(path)
    assert str(info.value).startswith(f"{path.parent / message.split(':')[0]}:{message.split(':', 1)[1]}")


def test_a_failed_write_leaves_the_file_intact(tmp_path, monkeypatch) -> None:
    path = write(tmp_path)
    before = path.read_bytes()
    document = read_glossary_file(path)
    document.append(Entry(source=("党",), target=("Party",)))

    def broken_replace(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_glossary_file(document)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.tsv"]  # no temporary file left behind


# --- lint -----------------------------------------------------------------------------------

LINT_CASES = [
    ("a\tx\ty\ty\n", "approved-and-forbidden", "“y” is both approved and forbidden"),
    ("a\tx\ty\t\na\tz\tw\t\n", "duplicate-id", "id 'a' is also used on line 2"),
    ("a\tx\ty\t\nb\tX\tw\t\n", "duplicate-concept", "source term “X” is also an entry on line 2"),
    (
        "a\tx\tsecurity concept\t\nb\tz\tq\tsecurity concepts\n",
        "forbidden-elsewhere-approved",
        "“security concepts” is forbidden here but approved on line 2",
    ),
    ("a\t\ty\t\n", "empty", "no source term"),
    ("a\tx\t\t\n", "empty", "no approved target term"),
    ("a\tx \ty\t\n", "padded", "`source` has leading or trailing whitespace: 'x '"),
    ("a\tx\ty ||z\t\n", "empty-term", "`target` has an empty term between `|` separators"),
]


@pytest.mark.parametrize(("rows", "code", "message"), LINT_CASES)
def test_lint_finds(tmp_path, rows: str, code: str, message: str) -> None:
    path = write(tmp_path, "id\tsource\ttarget\tforbidden\n" + rows)
    problems = lint(read_glossary_file(path))
    assert any(p.code == code and p.message == message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("src_lang", "Chinese", "language"),
        ("tgt_lang", "en_US", "language"),
        ("status", "maybe", "status"),
        ("severity", "huge", "severity"),
    ],
)
def test_lint_checks_codes(tmp_path, column: str, value: str, code: str) -> None:
    path = write(tmp_path, f"source\ttarget\t{column}\nx\ty\t{value}\n")
    assert [p.code for p in lint(read_glossary_file(path))] == [code]


def test_lint_command_exit_status(tmp_path) -> None:
    write(tmp_path, "source\ttarget\tforbidden\nx\ty\ty\n", "bad.tsv")
    write(tmp_path, GLOSSARY, "good.tsv")
    result = run_cli("glossary", "lint", "good.tsv", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "0 problems in 1 file\n")
    result = run_cli("glossary", "lint", "bad.tsv", "good.tsv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "bad.tsv:2: “y” is both approved and forbidden [approved-and-forbidden]\n1 problem in 2 files\n"
    )


# --- fmt, add, remove -----------------------------------------------------------------------


def test_fmt_sorts_within_sections_and_keeps_comments(tmp_path) -> None:
    path = write(tmp_path, GLOSSARY.replace("\tS3\n", "\t S3 \n").replace(" | holistic", "|holistic"))
    result = run_cli("glossary", "fmt", "--check", "g.tsv", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (1, "would reformat g.tsv\n")
    assert run_cli("glossary", "fmt", "g.tsv", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "# zh→en terms\n"
        "\n"
        "id\tsource\ttarget\tforbidden\tnote\n"
        "# national security\n"
        "n1\t总体国家安全观\tholistic approach to national security | holistic view of national security\t"
        "overall national security concept\tS1, S2\n"
        "n2\t新安全格局\tnew security architecture\tnew security pattern\tS3\n"
    )
    assert run_cli("glossary", "fmt", "--check", "g.tsv", cwd=tmp_path).returncode == 0


def test_add_and_remove_keep_every_other_byte(tmp_path) -> None:
    path = write(tmp_path, GLOSSARY.replace("\n", "\r\n"))
    before = path.read_bytes()
    result = run_cli(
        "glossary",
        "add",
        "g.tsv",
        "-s",
        "两个维护",
        "-t",
        "Two Upholds",
        "-f",
        "two maintenances",
        "--id",
        "n3",
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout.decode()) == (0, "g.tsv: added n3\n")
    assert path.read_bytes() == before + "n3\t两个维护\tTwo Upholds\ttwo maintenances\t\r\n".encode()
    result = run_cli("glossary", "remove", "g.tsv", "n3", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "g.tsv: removed 1 entry\n")
    assert path.read_bytes() == before


def test_add_refuses_a_duplicate_or_a_conflict(tmp_path) -> None:
    write(tmp_path)
    result = run_cli("glossary", "add", "g.tsv", "-s", "总体国家安全观", "-t", "x", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "mtcheck: error: g.tsv:6: already has n1; remove it first or edit the row\n"
    result = run_cli("glossary", "add", "g.tsv", "-s", "新词", "-t", "new security pattern", cwd=tmp_path)
    assert result.returncode == 1
    assert "not added" in result.stderr.decode()


def test_add_widens_the_header_for_new_fields(tmp_path) -> None:
    path = write(tmp_path)
    result = run_cli("glossary", "add", "g.tsv", "-s", "党", "-t", "Party", "--case-sensitive", cwd=tmp_path)
    assert result.returncode == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "id\tsource\ttarget\tforbidden\tnote\tcase"
    assert lines[-1] == "\t党\tParty\t\t\tyes"
    assert read_glossary_file(path).entries[-1].case_sensitive


def test_list_filters(tmp_path) -> None:
    write(tmp_path)
    result = run_cli("glossary", "list", "g.tsv", "--term", "pattern", "--json", cwd=tmp_path)
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["n2"]


def test_check_with_a_glossary_and_a_bad_one(tmp_path) -> None:
    write(tmp_path)
    (tmp_path / "t.txt").write_text("We follow the new security patterns.\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "-g", "g.tsv", "--format", "jsonl", "t.txt", cwd=tmp_path)
    record = json.loads(result.stdout)
    assert (record["rule"], record["text"], record["fix"]) == (
        "term.forbidden",
        "new security patterns",
        {
            "replacement": "new security architectures",
            "safety": "suggestion",
            "reason": "the source does not show the concept; "
            "the replacement was inflected like “new security patterns”",
        },
    )
    write(tmp_path, "source\tcolour\n", "bad.tsv")
    result = run_cli("check", "-g", "bad.tsv", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("mtcheck: error: bad.tsv:1: unknown column(s) colour")


# --- suggest --------------------------------------------------------------------------------

BATCH = (
    "source\ttarget\n"
    "我们要牢固树立总体国家安全观。\tWe must firmly follow the holistic approach to national security.\n"
    "会议强调总体国家安全观的重要性。\tThe meeting stressed the importance of the overall national security concept.\n"
    "总体国家安全观是行动指南。\tThe holistic approach to national security guides our action.\n"
    "他阐述了总体国家安全观。\tHe expounded the overall national security concept.\n"
    "学习总体国家安全观。\tStudy the holistic approach to national security.\n"
    "今天天气很好。\tThe weather is nice today.\n"
    "他参观了基地。\tHe visited the base.\n"
    "深入理解总体国家安全观\tUnderstand the overall national security concept deeply\n"
)


def test_suggest_finds_the_inconsistent_term(tmp_path) -> None:
    (tmp_path / "batch.tsv").write_text(BATCH, encoding="utf-8")
    result = run_cli("glossary", "suggest", "batch.tsv", cwd=tmp_path)
    assert result.stdout.decode() == (
        "总体国家安全观 (6 segments)\n"
        "     3  holistic approach to national security\n"
        "     3  overall national security concept\n"
        "1 candidate\n"
    )


def test_suggest_with_a_glossary_labels_renderings(tmp_path) -> None:
    (tmp_path / "batch.tsv").write_text(BATCH, encoding="utf-8")
    write(tmp_path)
    result = run_cli("glossary", "suggest", "batch.tsv", "-g", "g.tsv", "--json", cwd=tmp_path)
    assert json.loads(result.stdout) == [
        {
            "source": "总体国家安全观",
            "segments": 6,
            "renderings": [
                {"text": "holistic approach to national security", "count": 3, "status": "approved"},
                {"text": "overall national security concept", "count": 3, "status": "forbidden"},
            ],
        }
    ]


def test_stats(tmp_path) -> None:
    write(tmp_path)
    result = run_cli("glossary", "stats", "g.tsv", "--json", cwd=tmp_path)
    figures = json.loads(result.stdout)
    assert (figures["entries"], figures["approved_terms"], figures["forbidden_variants"]) == (2, 3, 2)


def test_commands_refuse_to_edit_a_non_tsv_glossary(tmp_path) -> None:
    result = run_cli("glossary", "add", "g.tbx", "-s", "党", "-t", "Party", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("mtcheck: error: g.tbx: this command edits .tsv glossaries")
    assert not (tmp_path / "g.tbx").exists()


def test_add_refuses_empty_terms_and_bad_values(tmp_path) -> None:
    assert run_cli("glossary", "add", "g.tsv", "-s", " ", "-t", "x", cwd=tmp_path).returncode == 2
    assert run_cli("glossary", "add", "g.tsv", "-s", "a", "-t", "x", "--severity", "huge", cwd=tmp_path).returncode == 2
    assert not (tmp_path / "g.tsv").exists()


def test_add_conflict_names_the_other_row(tmp_path) -> None:
    write(tmp_path, "source\ttarget\tforbidden\n安全\tsecurity\tsafety\n")
    result = run_cli("glossary", "add", "g.tsv", "-s", "新", "-t", "safety", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "mtcheck: error: g.tsv:2: not added: “safety” is forbidden here but approved in the new concept\n"
    )


def test_export_to_a_missing_directory_is_a_one_line_error(tmp_path) -> None:
    write(tmp_path)
    result = run_cli("glossary", "export", "g.tsv", "-o", "nodir/e.tbx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "mtcheck: error: nodir/e.tbx: cannot write: No such file or directory\n"


def test_lint_goes_on_past_an_unreadable_file(tmp_path) -> None:
    write(tmp_path, "source\ttarget\tforbidden\nx\ty\ty\n", "bad.tsv")
    write(tmp_path, "source\tcolour\n", "broken.tsv")
    result = run_cli("glossary", "lint", "broken.tsv", "bad.tsv", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.tsv:2: “y” is both approved and forbidden" in result.stdout.decode()


def test_lint_finds_a_term_listed_twice_in_one_cell(tmp_path) -> None:
    path = write(tmp_path, "source\ttarget\nx\tsecurity concept | security concepts\n")
    problems = lint(read_glossary_file(path))
    assert [(p.line, p.code, p.message) for p in problems] == [
        (2, "duplicate-term", "`target` lists the same term twice")
    ]


# --- forbidden variants with a marked term core -------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "core", "replacement"),
    [
        ("overall security concept", "overall security concept", "overall security concept", None),
        ("[Longjiang] contributions", "Longjiang contributions", "Longjiang", None),
        ("national security work [pattern]", "national security work pattern", "pattern", None),
        ("Commission for [Disciplinary => Discipline] Inspection", "Commission for Disciplinary Inspection",
         "Disciplinary", "Discipline"),
        ("[overall situation awareness =>]", "overall situation awareness", "overall situation awareness", ""),
    ],
)  # fmt: skip
def test_variant_markup(raw: str, text: str, core: str, replacement: str | None) -> None:
    from mtcheck.glossary.variant import parse_variant

    variant = parse_variant(raw)
    assert (variant.text, variant.core, variant.replacement) == (text, core, replacement)


MARKED = [
    Entry(source=("龙江",), target=("Heilongjiang",), forbidden=("[Longjiang] contributions", "[Longjiang] wisdom")),
    Entry(source=("工作格局",), target=("framework",), forbidden=("national security work [pattern]",)),
    Entry(
        source=("省纪委",),
        target=("Provincial Commission for Discipline Inspection",),
        forbidden=("Commission for [Disciplinary => Discipline] Inspection",),
    ),
    Entry(
        source=("全面建成小康社会",),
        target=("building a moderately prosperous society in all respects",),
        forbidden=("build a well-off society in an all-round way",),
    ),
    Entry(
        source=("大局意识",), target=("think in big-picture terms",), forbidden=("[overall situation awareness =>]",)
    ),
    Entry(source=("中国式现代化",), target=("Chinese modernization",), forbidden=("Chinese-style modernization",)),
    Entry(source=("先手棋",), target=("make proactive moves",), forbidden=("play first moves",)),
]


def marked(target: str, source: str | None = None) -> list[tuple[str, str | None, str | None, str]]:
    checker = Checker(term_rules(GlossaryMatcher(MARKED)))  # type: ignore[arg-type]
    findings = checker.check_segment(Segment("s", target, Origin("t", 1), source=source))
    return [(f.text, f.replacement, f.fix.safety.value if f.fix else None, f.message) for f in findings]


@pytest.mark.parametrize(
    ("target", "source", "text", "replacement", "safety"),
    [
        ("We will make Longjiang contributions to it.", "贡献龙江力量", "Longjiang contributions",
         "Heilongjiang contributions", "safe"),
        ("Offer Longjiang wisdom.", None, "Longjiang wisdom", "Heilongjiang wisdom", "suggestion"),
        ("Build a national security work pattern.", "构建国家安全工作格局", "national security work pattern",
         "national security work framework", "safe"),
        ("The Municipal Commission for Disciplinary Inspection met.", "市纪委",
         "Commission for Disciplinary Inspection", "Commission for Discipline Inspection", "suggestion"),
        ("the Provincial Commission for Disciplinary Inspection", "省纪委", "Commission for Disciplinary Inspection",
         "Commission for Discipline Inspection", "safe"),
        # the replacement's verb takes the text's form ("building" → "build"): a suggestion
        ("We will build a well-off society in an all-round way.", "全面建成小康社会",
         "build a well-off society in an all-round way", "build a moderately prosperous society in all respects",
         "suggestion"),
        # a plural head carried over, and the first capital of a sentence
        ("Chinese-style modernizations differ.", "中国式现代化", "Chinese-style modernizations",
         "Chinese modernizations", "suggestion"),
    ],
)  # fmt: skip
def test_a_term_fix_replaces_the_core_and_keeps_the_context(
    target: str, source: str | None, text: str, replacement: str, safety: str
) -> None:
    ((found, fixed, fix_safety, _),) = marked(target, source)
    assert (found, fixed, fix_safety) == (text, replacement, safety)


def test_a_variant_marked_for_no_fix_names_the_approved_term() -> None:
    assert marked("Raise overall situation awareness.", "增强大局意识") == [
        (
            "overall situation awareness",
            None,
            None,
            "“overall situation awareness” is a forbidden rendering of 大局意识; use “think in big-picture terms” "
            "(no automatic fix: the glossary asks for a rewrite by hand)",
        )
    ]


def test_an_inflection_that_cannot_be_carried_over_gets_no_fix() -> None:
    ((_, fixed, safety, message),) = marked("They played first moves.", "下好先手棋")  # "make" → "maked"? no
    assert (fixed, safety) == (None, None)
    assert message.endswith(
        "(no automatic fix: “played first moves” is inflected; put the term in the same form by hand)"
    )
    ((_, fixed, safety, _),) = marked("They are playing first moves.", "下好先手棋")
    assert (fixed, safety) == ("making proactive moves", "suggestion")


# --- glossaries load as strictly as they lint ---------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x\ty\t\tMajor\t", "g.tsv:2: severity 'Major' is not one of minor, major, critical"),
        ("x\ty\t\t\tmaybe", "g.tsv:2: status 'maybe' is not one of approved, proposed, deprecated"),
        ("x\ty\t[a b\t\t", "g.tsv:2: forbidden variant “[a b”: mark one term core as [core] or [core => replacement]"),
    ],
)
def test_a_bad_value_is_a_one_line_error_not_a_traceback(tmp_path, row: str, message: str) -> None:
    write(tmp_path, "source\ttarget\tforbidden\tseverity\tstatus\n" + row + "\n")
    (tmp_path / "t.txt").write_text("a y\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "-g", "g.tsv", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1].endswith(f"{message} (see `mtcheck glossary lint`)")
    assert b"Traceback" not in result.stderr
    lint_result = run_cli("glossary", "lint", "g.tsv", cwd=tmp_path)
    assert lint_result.returncode == 1
    assert lint_result.stdout.decode().splitlines()[0].startswith(message)


def test_a_bad_value_in_a_csv_or_tbx_glossary_is_refused_too(tmp_path) -> None:
    (tmp_path / "g.csv").write_text("source,target,severity\r\nx,y,Major\r\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("a y\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "-g", "g.csv", "t.txt", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode().strip()) == (
        2,
        "mtcheck: error: g.csv:2: severity 'Major' is not one of minor, major, critical (see `mtcheck glossary lint`)",
    )


@pytest.mark.parametrize(
    ("forbidden", "preferred", "code"),
    [
        ("national security work pattern", "framework", "fix-drops-words"),
        ("[Longjiang] contributions", "Heilongjiang contributions", "fix-doubles-words"),
        ("Commission for Disciplinary Inspection", "Provincial Commission for Discipline Inspection", "fix-adds-words"),
        ("community of common destiny", "community with a shared future for mankind", "fix-adds-words"),
    ],
)
def test_lint_names_fixes_that_drop_or_double_words(tmp_path, forbidden: str, preferred: str, code: str) -> None:
    path = write(tmp_path, f"source\ttarget\tforbidden\nx\t{preferred}\t{forbidden}\n")
    assert [p.code for p in lint(read_glossary_file(path))] == [code]


def test_marking_the_core_silences_lint(tmp_path) -> None:
    path = write(
        tmp_path,
        "source\ttarget\tforbidden\n"
        "x\tframework\tnational security work [pattern]\n"
        "y\tProvincial Commission for Discipline Inspection\tCommission for [Disciplinary => Discipline] Inspection\n"
        "z\tFour Consciousnesses\t[consciousness of the ideology, the whole, the core and the line]\n",
    )
    assert lint(read_glossary_file(path)) == []


# --- shipped names are not shadowed -----------------------------------------------------------


def test_a_zh_en_folder_does_not_hide_the_shipped_glossary(tmp_path) -> None:
    (tmp_path / "zh-en").mkdir()
    (tmp_path / "zh-en" / "strings.txt").write_text("Advance Chinese-style modernization.\n", encoding="utf-8")
    for spelling in ("zh-en", "shipped:zh-en", "zh-en/political"):
        args = ("--no-shipped-rules", "-g", spelling, "--format", "jsonl", "--include", "*.txt", "zh-en")
        result = run_cli("check", *args, cwd=tmp_path)
        assert json.loads(result.stdout.splitlines()[0])["rule"] == "term.forbidden", (spelling, result.stderr)
    (tmp_path / "mtcheck.toml").write_text('glossaries = ["zh-en"]\n', encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "--include", "*.txt", "zh-en", cwd=tmp_path)
    assert json.loads(result.stdout.splitlines()[0])["rule"] == "term.forbidden", result.stderr


def test_an_unknown_glossary_name_says_what_exists(tmp_path) -> None:
    (tmp_path / "t.txt").write_text("x\n", encoding="utf-8")
    result = run_cli("check", "-g", "zh-fr", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "mtcheck: error: zh-fr: no such file, and no shipped glossary of that name; "
        "shipped glossaries: zh-en, zh-en/political"
    )


# --- glossary add writes what fmt accepts -----------------------------------------------------


def test_add_puts_the_entry_where_fmt_would(tmp_path) -> None:
    path = write(tmp_path)
    assert run_cli("glossary", "fmt", "g.tsv", cwd=tmp_path).returncode == 0
    for args in (
        ["-s", "新词", "-t", "new word", "--id", "n1b"],
        ["-s", "旧词", "-t", "old word", "--id", "a0", "--pos", "noun"],
        ["-s", "党", "-t", "Party", "--id", "n9", "--case-sensitive", "--severity", "major"],
    ):
        assert run_cli("glossary", "add", "g.tsv", *args, cwd=tmp_path).returncode == 0
        result = run_cli("glossary", "fmt", "--check", "g.tsv", cwd=tmp_path)
        assert result.returncode == 0, (args, result.stdout)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "id\tsource\ttarget\tforbidden\tnote\tpos\tcase\tseverity"
    assert [line.split("\t")[0] for line in lines[4:]] == ["a0", "n1", "n1b", "n2", "n9"]


# --- the prefix index: every key at every position, however many share a prefix -----------


@given(
    st.lists(st.text(alphabet="abc", min_size=1, max_size=5), min_size=1, max_size=30, unique=True),
    st.text(alphabet="abcd", max_size=40),
)
def test_the_prefix_index_finds_every_occurrence_of_every_key(keys: list[str], text: str) -> None:
    index = _PrefixIndex({key: [key] for key in keys})
    found = sorted((end, value[1][0]) for end, value in index.iter(text))
    expected = sorted(
        (start + len(key) - 1, key) for key in keys for start in range(len(text)) if text.startswith(key, start)
    )
    assert found == expected


def test_terms_sharing_a_long_prefix_are_all_found_among_many() -> None:
    """100,000 terms that share their first two words: each text position costs a lookup per
    term length, not one comparison per term (the index used to scan them all)."""
    terms = [(f"national security {word}", word) for word in (f"w{n}" for n in range(100_000))]
    index = TermIndex(terms)
    text = "national security w5 and national security w99999 and national security nothing"
    assert [(m.start, m.end, m.payload) for m in index.find(text)] == [(0, 20, "w5"), (25, 49, "w99999")]
