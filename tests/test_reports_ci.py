"""The CI reports (SARIF, JUnit XML, GitHub annotations, ``--statistics``, ``--format auto``):
exact output on findings made by the real engine, and the escaping each format needs.

Long goldens live in tests/fixtures/reports/; after an intended change to rule texts or
report layout, regenerate them with ``MTCHECK_UPDATE_GOLDEN=1 pytest tests/test_reports_ci.py``
and read the diff.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from helpers import FIXTURES, ROOT

from mtcheck.engine import Checker, RuleSet
from mtcheck.formats import read_segments
from mtcheck.model import Edit, Finding, Fix, Origin, Safety, Segment, Severity, Side
from mtcheck.mqm import segment_words
from mtcheck.report.github import GithubReport, escape_data, escape_property
from mtcheck.report.jsonout import JsonLinesReport, JsonReport
from mtcheck.report.junit import JunitReport
from mtcheck.report.sarif import SarifReport, artifact_uri, end_position, fingerprint, rule_name
from mtcheck.report.select import FORMATS, make_report, resolve_format
from mtcheck.report.statistics import StatisticsReport, statistics_lines, statistics_records
from mtcheck.report.summary import Summary
from mtcheck.report.terminal import TerminalReport
from mtcheck.rule import RuleInfo

REPORTS = FIXTURES / "reports"
INPUTS = ("tests/fixtures/small.txt", "tests/fixtures/small.tsv", "tests/fixtures/reports/batch.tsv")
#: A fixed selection: the goldens list these rules, not every rule a later change adds.
SELECT = ("repeat", "punct.space-before", "trunc", "placeholder.missing")
VERSION = "0.0.0-test"
PROBLEM = "tests/fixtures/reports/missing.txt: error: No such file or directory"
UPDATE = os.environ.get("MTCHECK_UPDATE_GOLDEN") == "1"


@dataclass
class Run:
    rules: list[RuleInfo]
    findings: list[Finding]
    summary: Summary


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """The fixtures checked as `mtcheck check` does it, with paths relative to the checkout."""
    monkeypatch.chdir(ROOT)
    checker = Checker(RuleSet.load(shipped=False).selected(select=SELECT))
    summary = Summary()
    findings: list[Finding] = []
    for path in INPUTS:
        summary.files += 1
        for segment in read_segments(path):
            summary.segments += 1
            summary.words += segment_words(segment)
            findings.extend(checker.check_segment(segment))
        findings.extend(checker.finish_file())
    findings.extend(checker.finish())
    for finding in findings:
        summary.add(finding)
    return Run([rule.info for rule in checker.rules], findings, summary)


def render(report, findings: list[Finding], summary: Summary, problems: list[str] | None = None) -> str:
    for finding in findings:
        report.finding(finding)
    report.finish(summary, problems or [])
    return report.stream.getvalue()


def golden(name: str, actual: str) -> str:
    path = REPORTS / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="")
    return path.read_text(encoding="utf-8")


def synthetic(
    target: str = "Fifty percent done.",
    *,
    path: str = "a.txt",
    message: str = "a message",
    start: int = 0,
    end: int = 5,
    side: Side = Side.TARGET,
    fix: Fix | None = None,
    span: tuple[int, int] | None = None,
    source: str | None = None,
    rule: str = "test.rule",
    severity: Severity = Severity.MAJOR,
) -> Finding:
    """A finding made by hand, for the corners the engine's fixtures do not reach."""
    origin = Origin(path, 3, 7, 3 if source is not None else None, 1 if source is not None else None, span)
    segment = Segment(f"{path}:3", target, origin, source)
    return Finding(rule, "other", severity, message, segment, start, end, side, fix)


def sarif_validator() -> jsonschema.Draft4Validator:
    # The OASIS schema, vendored: CI has no ../shared beside the checkout.
    schema = json.loads((REPORTS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def summary_of(findings: list[Finding], files: int = 1, segments: int = 1) -> Summary:
    summary = Summary(files=files, segments=segments)
    for finding in findings:
        summary.add(finding)
    return summary


# --- the engine's findings, as the goldens expect them ------------------------------------


def test_fixture_findings(run: Run) -> None:
    """What every golden below shows: target and source sides, safe and suggested fixes."""
    assert [(f.segment.origin.path, f.line, f.column, f.rule, f.side.value) for f in run.findings] == [
        ("tests/fixtures/small.txt", 1, 1, "repeat.word", "target"),
        ("tests/fixtures/small.txt", 1, 26, "punct.space-before", "target"),
        ("tests/fixtures/small.txt", 2, 20, "repeat.coordination", "target"),
        ("tests/fixtures/small.txt", 2, 63, "trunc.dangling-end", "target"),
        ("tests/fixtures/small.tsv", 2, 24, "trunc.unterminated", "target"),
        ("tests/fixtures/reports/batch.tsv", 2, 5, "placeholder.missing", "source"),
        ("tests/fixtures/reports/batch.tsv", 3, 35, "punct.space-before", "target"),
    ]


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_exact(run: Run) -> None:
    actual = render(SarifReport(io.StringIO(), VERSION, run.rules), run.findings, run.summary)
    assert actual == golden("expected.sarif", actual)


def test_sarif_is_valid_against_the_official_schema(run: Run) -> None:
    validator = sarif_validator()
    for problems in ([], [PROBLEM]):
        document = json.loads(
            render(SarifReport(io.StringIO(), VERSION, run.rules), run.findings, run.summary, problems)
        )
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, errors[0].message


def test_sarif_lists_every_selected_rule_and_indexes_results_into_them(run: Run) -> None:
    document = json.loads(render(SarifReport(io.StringIO(), VERSION, run.rules), run.findings, run.summary))
    (sarif_run,) = document["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [info.id for info in run.rules]
    assert len(rules) > len({f.rule for f in run.findings})  # rules that found nothing are listed too
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_source_side_finding_points_into_the_file_without_a_fix(run: Run) -> None:
    document = json.loads(render(SarifReport(io.StringIO(), VERSION, run.rules), run.findings, run.summary))
    (result,) = [r for r in document["runs"][0]["results"] if r["properties"]["side"] == "source"]
    region = result["locations"][0]["physicalLocation"]["region"]
    # “请点击 {name}”: the placeholder starts at code point 5 of line 2, the source column.
    assert region == {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 11, "snippet": {"text": "{name}"}}
    assert "fixes" not in result


def test_sarif_problems_make_the_invocation_unsuccessful(run: Run) -> None:
    out = render(SarifReport(io.StringIO(), VERSION, run.rules), [], summary_of([]), [PROBLEM, "second problem"])
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": PROBLEM}},
            {"level": "error", "message": {"text": "second problem"}},
        ],
    }


def test_sarif_fingerprint_follows_the_content_not_the_lines() -> None:
    here = synthetic("the the cat", start=0, end=7)
    moved = Finding(here.rule, here.category, here.severity, here.message, replace_line(here.segment, 40), 0, 7)
    assert fingerprint(here) == fingerprint(moved)
    assert fingerprint(here) != fingerprint(synthetic("Yes, the the cat", start=5, end=12))  # other context
    report = SarifReport(io.StringIO(), VERSION, [])
    out = render(report, [here, moved], summary_of([here, moved]))
    prints = [r["partialFingerprints"]["mtcheck/v2"] for r in json.loads(out)["runs"][0]["results"]]
    assert prints == [f"{fingerprint(here)}:1", f"{fingerprint(here)}:2"]


def replace_line(segment: Segment, line: int) -> Segment:
    """The same segment further down its file (a line-based key names the new line)."""
    origin = Origin(segment.origin.path, line, segment.origin.column)
    return Segment(f"{segment.origin.path}:{line}", segment.target, origin, segment.source)


def test_sarif_fix_only_where_target_columns_are_file_columns() -> None:
    fix = Fix((Edit(0, 5, "Half"),), Safety.SUGGESTION, "Say half")
    literal = synthetic(span=(100, 119), fix=fix)  # 19 code points of raw text for 19 of target
    escaped = synthetic(span=(100, 125), fix=fix)  # entities or escapes in the file: columns drift
    unknown = synthetic(fix=fix)
    out = render(SarifReport(io.StringIO(), VERSION, []), [literal, escaped, unknown], summary_of([]))
    results = json.loads(out)["runs"][0]["results"]
    assert results[0]["fixes"] == [
        {
            "description": {"text": "Say half"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "a.txt"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 12},
                            "insertedContent": {"text": "Half"},
                        }
                    ],
                }
            ],
            "properties": {"safety": "suggestion"},
        }
    ]
    assert "fixes" not in results[1]
    assert "fixes" not in results[2]
    assert not list(sarif_validator().iter_errors(json.loads(out)))


def test_sarif_unknown_rule_gets_a_descriptor() -> None:
    out = render(SarifReport(io.StringIO(), VERSION, []), [synthetic(rule="x.y")], summary_of([]))
    sarif_run = json.loads(out)["runs"][0]
    assert sarif_run["tool"]["driver"]["rules"] == [{"id": "x.y"}]
    assert sarif_run["results"][0]["ruleIndex"] == 0


def test_sarif_information_uri_is_optional() -> None:
    report = SarifReport(io.StringIO(), VERSION, [], information_uri="https://example.org/mtcheck")
    driver = json.loads(render(report, [], summary_of([])))["runs"][0]["tool"]["driver"]
    assert driver == {
        "name": "mtcheck",
        "version": VERSION,
        "informationUri": "https://example.org/mtcheck",
        "rules": [],
    }


def test_artifact_uri() -> None:
    assert artifact_uri("tests/fixtures/small.txt") == "tests/fixtures/small.txt"
    assert artifact_uri("docs/a b,c%d#e?.txt") == "docs/a%20b%2Cc%25d%23e%3F.txt"
    assert artifact_uri("译文/第1章.txt") == "%E8%AF%91%E6%96%87/%E7%AC%AC1%E7%AB%A0.txt"
    assert artifact_uri("a:b.txt") == "a%3Ab.txt"  # not a URI scheme
    assert artifact_uri("<stdin>") == "stdin"
    assert artifact_uri("/abs/x y.txt") == "file:///abs/x%20y.txt"


def test_end_position_counts_code_points_and_lines() -> None:
    assert end_position(synthetic("数字 35 个", start=3, end=5)) == (3, 7 + 5)
    assert end_position(synthetic("one\ntwo three", start=0, end=7)) == (4, 4)
    assert end_position(synthetic("a.", start=2, end=2)) == (3, 9)  # an insertion point: empty region


def test_rule_name() -> None:
    assert rule_name("repeat.word") == "RepeatWord"
    assert rule_name("zh-en.calque.first-move") == "ZhEnCalqueFirstMove"


# --- JUnit XML -----------------------------------------------------------------------------


def test_junit_exact(run: Run) -> None:
    actual = render(JunitReport(io.StringIO()), run.findings, run.summary)
    assert actual == golden("expected.junit.xml", actual)


def test_junit_parses_back_with_one_failure_per_case(run: Run) -> None:
    root = ET.fromstring(render(JunitReport(io.StringIO()), run.findings, run.summary))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "7", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(INPUTS)
    for suite in suites:
        cases = suite.findall("testcase")
        assert suite.get("tests") == suite.get("failures") == str(len(cases))
        for case in cases:
            assert case.get("classname") == suite.get("name")
            assert len(case.findall("failure")) == 1
    assert sum(len(s.findall("testcase")) for s in suites) == len(run.findings)


def test_junit_clean_run_has_one_passed_case() -> None:
    out = render(JunitReport(io.StringIO()), [], summary_of([], files=2, segments=5))
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="mtcheck" tests="1" failures="0" errors="0">\n'
        '  <testsuite name="mtcheck" tests="1" failures="0" errors="0">\n'
        '    <testcase name="no findings" classname="mtcheck">\n'
        "      <system-out>No findings in 5 segments of 2 files.</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_problems_are_errors() -> None:
    finding = synthetic(severity=Severity.MINOR)
    out = render(JunitReport(io.StringIO()), [finding], summary_of([finding]), [PROBLEM])
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="mtcheck" tests="2" failures="1" errors="1">\n'
        '  <testsuite name="a.txt" tests="1" failures="1" errors="0">\n'
        '    <testcase name="a.txt:3 test.rule" classname="a.txt" file="a.txt" line="3">\n'
        '      <failure message="a message" type="test.rule">a.txt:3:7: minor test.rule (other)\n'
        "a message\n"
        "segment a.txt:3, target: Fifty percent done.\n"
        "flagged: “Fifty”</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="mtcheck" tests="1" failures="0" errors="1">\n'
        f'    <testcase name="{PROBLEM}" classname="mtcheck">\n'
        f'      <error message="{PROBLEM}" type="problem" />\n'
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_escapes_markup_and_replaces_characters_xml_cannot_hold() -> None:
    target = 'Tom & "Jerry" <b>\x0bnext\x00'
    finding = synthetic(target, path="a&b<c>.txt", message='<“quoted” & "plain">\nsecond line', start=0, end=3)
    twice = synthetic(target, path="a&b<c>.txt", start=10, end=13)
    out = render(JunitReport(io.StringIO()), [finding, twice], summary_of([finding, twice]))
    root = ET.fromstring(out)  # well-formed
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "a&b<c>.txt"
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == ["a&b<c>.txt:3 test.rule", "a&b<c>.txt:3 test.rule (2)"]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("message") == '<“quoted” & "plain">\nsecond line'
    assert 'target: Tom & "Jerry" <b>\\x0bnext\\x00' in (failure.text or "")


# --- GitHub annotations ----------------------------------------------------------------------

EXPECTED_GITHUB = """\
::warning file=tests/fixtures/small.txt,line=1,endLine=1,col=1,endColumn=8,title=mtcheck repeat.word::Doubled word “The the” (minor, fluency/grammar)%0Afix (safe): Remove the second “the”
::warning file=tests/fixtures/small.txt,line=1,endLine=1,col=26,endColumn=28,title=mtcheck punct.space-before::Space before “.” (minor, fluency/punctuation)%0Afix (safe): Remove the space before “.”
::error file=tests/fixtures/small.txt,line=2,endLine=2,col=20,endColumn=47,title=mtcheck repeat.coordination::“departments and departments” coordinates a word with itself: a collapsed list (major, accuracy/mistranslation)%0Afix (safe): Collapse to “departments”
::error file=tests/fixtures/small.txt,line=2,endLine=2,col=63,endColumn=67,title=mtcheck trunc.dangling-end::The segment stops on “that” with no punctuation: the rest is missing (major, accuracy/omission)
::warning file=tests/fixtures/small.tsv,line=2,endLine=2,col=24,endColumn=28,title=mtcheck trunc.unterminated::The source ends a sentence but the target stops without punctuation (minor, accuracy/omission)%0Afix (suggestion): Add a full stop
::error file=tests/fixtures/reports/batch.tsv,line=2,endLine=2,col=5,endColumn=11,title=mtcheck placeholder.missing::“{name}” of the source is missing in the target (major, accuracy/omission)
::warning file=tests/fixtures/reports/batch.tsv,line=3,endLine=3,col=35,endColumn=37,title=mtcheck punct.space-before::Space before “.” (minor, fluency/punctuation)%0Afix (safe): Remove the space before “.”
::notice title=mtcheck::7 findings (0 critical, 3 major, 4 minor) in 8 segments of 3 files; MQM score 36.7 (30 words).
"""  # noqa: E501


def test_github_exact(run: Run) -> None:
    assert render(GithubReport(io.StringIO()), run.findings, run.summary) == EXPECTED_GITHUB


def test_github_escapes_data_and_properties() -> None:
    finding = synthetic(path="dir,1/a:b%.txt", message="50% done\r\nnext: a,b", rule="x.y", severity=Severity.CRITICAL)
    out = render(GithubReport(io.StringIO()), [finding], summary_of([finding]))
    assert out.splitlines()[0] == (
        "::error file=dir%2C1/a%3Ab%25.txt,line=3,endLine=3,col=7,endColumn=12,title=mtcheck x.y"
        "::50%25 done\\r\\nnext: a,b (critical, other)"
    )
    assert out.count("\n") == 2  # the finding and the summary: nothing leaked onto a line of its own
    assert escape_data("a%0A\n") == "a%250A%0A"
    assert escape_property("k:v,w") == "k%3Av%2Cw"


def test_github_span_across_lines_has_no_columns() -> None:
    finding = synthetic("one\ntwo three", start=2, end=6, severity=Severity.MINOR)
    line = render(GithubReport(io.StringIO()), [finding], summary_of([finding])).splitlines()[0]
    assert line.startswith("::warning file=a.txt,line=3,endLine=4,title=mtcheck test.rule::")


def test_github_stdin_has_no_file_and_keeps_the_location_in_the_message() -> None:
    finding = synthetic(path="<stdin>")
    line = render(GithubReport(io.StringIO()), [finding], summary_of([finding])).splitlines()[0]
    assert line == "::error title=mtcheck test.rule::<stdin>:3:7: a message (major, other)"


def test_github_problems_and_clean_summary() -> None:
    out = render(GithubReport(io.StringIO()), [], summary_of([], files=1, segments=4), [PROBLEM])
    assert out == (
        f"::error title=mtcheck::{PROBLEM}\n::notice title=mtcheck::No findings in 4 segments of 1 file; 1 problem.\n"
    )


# --- --statistics ------------------------------------------------------------------------------

EXPECTED_STATISTICS = """\
count  rule                 fixable  severity  category                 summary
    2  punct.space-before         2  minor     fluency/punctuation      Space before a comma, full stop, semicolon, colon, question or exclamation mark
    1  placeholder.missing        -  major     accuracy/omission        A placeholder, tag, URL or e-mail address of the source is missing in the target
    1  repeat.coordination        1  major     accuracy/mistranslation  A word coordinated with itself (“departments and departments”)
    1  repeat.word                1  minor     fluency/grammar          The same word twice in a row (“the the”)
    1  trunc.dangling-end         -  major     accuracy/omission        The segment ends on a function word without punctuation (“he emphasized that”)
    1  trunc.unterminated         -  minor     accuracy/omission        The source ends a sentence, the target has no terminal punctuation
    7  total                      4                                     4 fixable with `mtcheck fix`; 1 more with --unsafe-fixes
"""  # noqa: E501


def test_statistics_text_exact(run: Run) -> None:
    assert "\n".join(statistics_lines(run.summary, run.rules)) + "\n" == EXPECTED_STATISTICS
    assert render(StatisticsReport(io.StringIO(), run.rules), run.findings, run.summary) == EXPECTED_STATISTICS


def test_statistics_json_and_jsonl(run: Run) -> None:
    records = statistics_records(run.summary, run.rules)
    assert records[0] == {
        "rule": "punct.space-before",
        "count": 2,
        "fixable": 2,
        "suggestions": 0,
        "severity": "minor",
        "category": "fluency/punctuation",
        "summary": "Space before a comma, full stop, semicolon, colon, question or exclamation mark",
    }
    assert [(r["rule"], r["count"]) for r in records] == [
        ("punct.space-before", 2),
        ("placeholder.missing", 1),
        ("repeat.coordination", 1),
        ("repeat.word", 1),
        ("trunc.dangling-end", 1),
        ("trunc.unterminated", 1),
    ]
    as_json = render(StatisticsReport(io.StringIO(), run.rules, style="json"), run.findings, run.summary)
    assert as_json == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    as_jsonl = render(StatisticsReport(io.StringIO(), run.rules, style="jsonl"), run.findings, run.summary)
    assert [json.loads(line) for line in as_jsonl.splitlines()] == records


def test_statistics_of_a_clean_run_and_of_an_unknown_rule() -> None:
    assert statistics_lines(Summary(), []) == []
    assert render(StatisticsReport(io.StringIO(), []), [], Summary()) == ""
    finding = synthetic(rule="custom.rule")
    assert statistics_lines(summary_of([finding]), []) == [
        "count  rule         fixable  severity  category  summary",
        "    1  custom.rule        -",
        "    1  total              -                      0 fixable with `mtcheck fix`",
    ]
    with pytest.raises(ValueError, match="statistics style"):
        StatisticsReport(io.StringIO(), [], style="xml")


# --- --format auto and the report factory ----------------------------------------------------


def test_resolve_format() -> None:
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {"GITHUB_ACTIONS": "false"}) == "terminal"
    assert resolve_format("auto", {}) == "terminal"
    for name in FORMATS[1:]:
        assert resolve_format(name, {"GITHUB_ACTIONS": "true"}) == name
    with pytest.raises(ValueError, match="unknown report format"):
        resolve_format("pdf", {})


@pytest.mark.parametrize(
    ("name", "environ", "statistics", "expected"),
    [
        ("auto", {"GITHUB_ACTIONS": "true"}, False, GithubReport),
        ("auto", {}, False, TerminalReport),
        ("terminal", {"GITHUB_ACTIONS": "true"}, False, TerminalReport),
        ("json", {}, False, JsonReport),
        ("jsonl", {}, False, JsonLinesReport),
        ("sarif", {}, False, SarifReport),
        ("junit", {}, False, JunitReport),
        ("github", {}, False, GithubReport),
        ("auto", {"GITHUB_ACTIONS": "true"}, True, StatisticsReport),
    ],
)
def test_make_report(name: str, environ: dict[str, str], statistics: bool, expected: type) -> None:
    report = make_report(name, io.StringIO(), version=VERSION, rules=[], environ=environ, statistics=statistics)
    assert type(report) is expected


@pytest.mark.parametrize(("name", "style"), [("json", "json"), ("jsonl", "jsonl"), ("sarif", "text"), ("auto", "text")])
def test_statistics_style_follows_the_format(name: str, style: str) -> None:
    report = make_report(name, io.StringIO(), version=VERSION, rules=[], environ={}, statistics=True)
    assert isinstance(report, StatisticsReport) and report.style == style


def test_vendored_schema_is_the_oasis_one() -> None:
    schema = json.loads(Path(REPORTS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


# --- the same outputs through the command line ----------------------------------------------


def cli(fmt: str) -> tuple[int, str]:
    from helpers import run_cli

    result = run_cli("check", "--no-shipped-rules", "--select", ",".join(SELECT), "--format", fmt, *INPUTS)
    return result.returncode, result.stdout.decode()


def test_cli_github_is_exact() -> None:
    assert cli("github") == (1, EXPECTED_GITHUB)


def test_cli_junit_is_exact() -> None:
    assert cli("junit") == (1, (REPORTS / "expected.junit.xml").read_text(encoding="utf-8"))


def test_cli_sarif_is_exact_but_for_the_version_and_valid() -> None:
    status, output = cli("sarif")
    document = json.loads(output)
    sarif_validator().validate(document)
    document["runs"][0]["tool"]["driver"]["version"] = VERSION
    assert (status, document) == (1, json.loads((REPORTS / "expected.sarif").read_text(encoding="utf-8")))


def test_cli_auto_picks_annotations_in_github_actions() -> None:
    from helpers import run_cli

    args = ("check", "--no-shipped-rules", "--select", ",".join(SELECT), *INPUTS)
    assert run_cli(*args, env={"GITHUB_ACTIONS": "true"}).stdout.decode() == EXPECTED_GITHUB
    assert run_cli(*args).stdout.decode().startswith("tests/fixtures/small.txt:1:1: minor repeat.word\n")
