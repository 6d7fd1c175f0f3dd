"""CI outputs that tell the truth: JUnit failures only at or above --fail-on, a failed
--min-score gate named with its shortfall in every format, the GitHub step summary, and the
GitLab Code Quality report."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from helpers import FIXTURES, run_cli

from mtcheck.model import Finding, Origin, Segment, Severity
from mtcheck.mqm import Score
from mtcheck.report.junit import JunitReport
from mtcheck.report.markdown import md, step_summary
from mtcheck.report.summary import Shortfall, Summary

CHECK = ("check", "--no-shipped-rules", "--select", "repeat,punct")
#: a.txt: 1 minor finding in 6 words; b.txt: 1 minor in 1 word.
FILES = {"a.txt": "One two three four five five\n", "b.txt": "Done .\n"}


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def finding(severity: Severity, path: str = "a.txt", line: int = 1) -> Finding:
    segment = Segment(f"{path}:{line}", "the the cat", Origin(path, line))
    return Finding("repeat.word", "fluency/grammar", severity, "Doubled word", segment, 0, 7)


# --- JUnit --------------------------------------------------------------------------------------


def junit(findings: list[Finding], fail_on: str, summary: Summary | None = None) -> ET.Element:
    report = JunitReport(io.StringIO(), fail_on)
    summary = summary or Summary(files=1, segments=len(findings))
    for found in findings:
        report.finding(found)
        summary.add(found)
    report.finish(summary, [])
    return ET.fromstring(report.stream.getvalue())


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [("minor", 3), ("major", 2), ("critical", 1), ("never", 0)],
)
def test_junit_fails_only_findings_at_or_above_fail_on(fail_on: str, failing: int) -> None:
    findings = [finding(Severity.MINOR), finding(Severity.MAJOR, line=2), finding(Severity.CRITICAL, line=3)]
    root = junit(findings, fail_on)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", str(failing), "0")
    [suite] = root.findall("testsuite")
    assert suite.get("failures") == str(failing)
    cases = suite.findall("testcase")
    assert [case.find("failure") is not None for case in cases] == [i >= 3 - failing for i in range(3)]
    passed = [case for case in cases if case.find("failure") is None]
    assert all((case.findtext("system-out") or "").startswith("a.txt:") for case in passed)


def test_junit_below_fail_on_is_exact() -> None:
    report = JunitReport(io.StringIO(), "major")
    found = finding(Severity.MINOR)
    report.finding(found)
    summary = Summary(files=1, segments=1)
    summary.add(found)
    report.finish(summary, [])
    assert report.stream.getvalue() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="mtcheck" tests="1" failures="0" errors="0">\n'
        '  <testsuite name="a.txt" tests="1" failures="0" errors="0">\n'
        '    <testcase name="a.txt:1 repeat.word" classname="a.txt" file="a.txt" line="1">\n'
        "      <system-out>a.txt:1:1: minor repeat.word (fluency/grammar)\n"
        "Doubled word\n"
        "segment a.txt:1, target: the the cat\n"
        "flagged: “the the”</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_junit_min_score_gate_is_a_failing_case() -> None:
    summary = Summary(files=1, segments=1, words=10, min_score=95)
    summary.file_scores["a.txt"] = Score(10, 1)
    root = junit([finding(Severity.MINOR)], "never", summary)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    gate = root.find("testsuite[@name='mtcheck']/testcase[@name='min-score']/failure")
    assert gate is not None
    assert gate.get("message") == "the batch scores 90.00, 5.00 below --min-score 95"
    assert (
        gate.text == "the batch scores 90.00, 5.00 below --min-score 95\na.txt scores 90.00, 5.00 below --min-score 95"
    )


# --- the score gate in every format ----------------------------------------------------------------


def test_shortfalls_name_the_batch_and_the_files_below() -> None:
    summary = Summary(words=100, min_score=98)
    summary.by_severity[Severity.MAJOR] = 1  # 5 points in 100 words: 95
    summary.file_scores = {"a.po": Score(50, 5), "b.po": Score(50, 0)}
    assert summary.shortfalls() == [Shortfall(None, 95.0, 98), Shortfall("a.po", 90.0, 98)]
    assert summary.shortfalls()[1].text() == "a.po scores 90.00, 8.00 below --min-score 98"
    summary.min_score = 95
    assert summary.shortfalls() == []
    assert Summary().shortfalls() == []


GATE = "the batch scores 71.43, 18.57 below --min-score 90"
GATE_A = "a.txt scores 83.33, 6.67 below --min-score 90"
GATE_B = "b.txt scores 0.00, 90.00 below --min-score 90"


def gate_run(batch: Path, *options: str, env: dict[str, str] | None = None):
    return run_cli(*CHECK, "--fail-on", "never", "--min-score", "90", *options, "a.txt", "b.txt", cwd=batch, env=env)


def test_the_gate_in_the_terminal_report(batch: Path) -> None:
    result = gate_run(batch)
    assert result.returncode == 1
    assert result.stdout.decode().endswith(f"Score gate failed: {GATE}\n  {GATE_A}\n  {GATE_B}\n")
    assert result.stderr == b""
    quiet = gate_run(batch, "-q")
    assert quiet.stdout.decode().endswith(f"+ Done.\n\nScore gate failed: {GATE}\n  {GATE_A}\n  {GATE_B}\n")


def test_the_gate_in_github_annotations(batch: Path) -> None:
    result = gate_run(batch, "--format", "github")
    lines = result.stdout.decode().splitlines()
    assert lines[-4:-1] == [
        "::error title=mtcheck min-score::the batch scores 71.43, 18.57 below --min-score 90",
        "::error file=a.txt,title=mtcheck min-score::a.txt scores 83.33, 6.67 below --min-score 90",
        "::error file=b.txt,title=mtcheck min-score::b.txt scores 0.00, 90.00 below --min-score 90",
    ]
    assert result.returncode == 1


def test_the_gate_in_sarif(batch: Path) -> None:
    result = gate_run(batch, "--format", "sarif")
    log = json.loads(result.stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": GATE}, "descriptor": {"id": "min-score"}},
        {
            "level": "error",
            "message": {"text": GATE_A},
            "descriptor": {"id": "min-score"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.txt"}}}],
        },
        {
            "level": "error",
            "message": {"text": GATE_B},
            "descriptor": {"id": "min-score"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "b.txt"}}}],
        },
    ]
    schema = json.loads((FIXTURES / "reports" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert result.stderr.decode() == f"mtcheck: {GATE}\nmtcheck: {GATE_A}\nmtcheck: {GATE_B}\n"


def test_the_gate_in_junit_and_json(batch: Path) -> None:
    root = ET.fromstring(gate_run(batch, "--format", "junit").stdout)
    assert root.find("testsuite[@name='mtcheck']/testcase[@name='min-score']/failure").get("message") == GATE
    assert root.get("failures") == "1"  # --fail-on never: the findings pass, the gate fails
    document = json.loads(gate_run(batch, "--format", "json").stdout)
    assert document["summary"]["min_score"] == {
        "threshold": 90,
        "passed": False,
        "short": [
            {"path": None, "score": 71.43, "short_by": 18.57},
            {"path": "a.txt", "score": 83.33, "short_by": 6.67},
            {"path": "b.txt", "score": 0.0, "short_by": 90.0},
        ],
    }


def test_a_passed_gate_says_nothing(batch: Path) -> None:
    result = run_cli(*CHECK, "--fail-on", "never", "--min-score", "70", "--format", "json", "a.txt", "b.txt", cwd=batch)
    assert result.returncode == 0 and result.stderr == b""
    assert json.loads(result.stdout)["summary"]["min_score"] == {"threshold": 70, "passed": True, "short": []}


# --- $GITHUB_STEP_SUMMARY -----------------------------------------------------------------------


def test_the_step_summary_is_exact(batch: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = gate_run(batch, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert summary.read_text(encoding="utf-8") == (
        "earlier step\n"
        "## mtcheck: ❌ failed\n"
        "\n"
        "2 findings (0 critical, 0 major, 2 minor) in 2 segments of 2 files; MQM score 71.4 (2 penalty points, "
        "285.7 per 1,000 words).\n"
        "\n"
        "Gates: `--fail-on never`, `--min-score 90`.\n"
        "\n"
        "**Score gate failed:**\n"
        "\n"
        f"- {GATE}\n"
        f"- {GATE_A}\n"
        f"- {GATE_B}\n"
        "\n"
        "| file | segments | findings | score |\n"
        "|---|---:|---:|---:|\n"
        "| a.txt | 1 | 1 | 83.3 |\n"
        "| b.txt | 1 | 1 | 0.0 |\n"
        "\n"
        "| rule | findings | fixable |\n"
        "|---|---:|---:|\n"
        "| `punct.space-before` | 1 | 1 |\n"
        "| `repeat.word` | 1 | 1 |\n"
        "\n"
        "<details><summary>Findings (all)</summary>\n"
        "\n"
        "| where | severity | rule | message |\n"
        "|---|---|---|---|\n"
        "| a.txt:1:20 | minor | `repeat.word` | Doubled word “five five” |\n"
        "| b.txt:1:5 | minor | `punct.space-before` | Space before “.” |\n"
        "\n"
        "</details>\n"
        "\n"
    )


def test_the_step_summary_escapes_what_files_say() -> None:
    assert md("a|b <img src=x> [link](http://x) `code` *em*\x1b[2J") == (
        "a\\|b &lt;img src=x&gt; \\[link\\](http://x) \\`code\\` \\*em\\*\\\\x1b\\[2J"
    )
    hostile = Finding(
        "repeat.word", "other", Severity.MINOR, "m|<b>", Segment("x|y.txt:1", "t", Origin("x|y.txt", 1)), 0, 1
    )
    summary = Summary(files=1, segments=1)
    summary.add(hostile)
    summary.file_scores["x|y.txt"] = Score(1, 1)
    text = step_summary(summary, ["p<q>: error: bad"], [hostile], fail_on="minor", passed=False)
    assert "| x\\|y.txt | 0 | 1 | 0.0 |" in text
    assert "| x\\|y.txt:1:1 | minor | `repeat.word` | m\\|&lt;b&gt; |" in text
    assert "- p&lt;q&gt;: error: bad" in text


def test_no_step_summary_outside_github(batch: Path) -> None:
    result = run_cli(*CHECK, "a.txt", cwd=batch)
    assert result.returncode == 1
    assert sorted(p.name for p in batch.iterdir()) == [".git", "a.txt", "b.txt"]


# --- GitLab Code Quality --------------------------------------------------------------------------


def test_gitlab_code_quality_is_exact(batch: Path) -> None:
    (batch / "l10n").mkdir()
    (batch / "l10n" / "c.tsv").write_text("A\tThe the cat\nB\tThe the cat\n", encoding="utf-8")
    result = run_cli(*CHECK, "--format", "gitlab", "./l10n/c.tsv", "b.txt", cwd=batch)
    issues = json.loads(result.stdout)
    for issue in issues:
        assert len(issue.pop("fingerprint")) == 64
    assert issues == [
        {
            "description": "Doubled word “The the” (fluency/grammar)",
            "check_name": "repeat.word",
            "severity": "minor",
            "location": {"path": "l10n/c.tsv", "lines": {"begin": 1}},
        },
        {
            "description": "Doubled word “The the” (fluency/grammar)",
            "check_name": "repeat.word",
            "severity": "minor",
            "location": {"path": "l10n/c.tsv", "lines": {"begin": 2}},
        },
        {
            "description": "Space before “.” (fluency/punctuation)",
            "check_name": "punct.space-before",
            "severity": "minor",
            "location": {"path": "b.txt", "lines": {"begin": 1}},
        },
    ]
    prints = [issue["fingerprint"] for issue in json.loads(result.stdout)]
    assert len(set(prints)) == 3  # unique, as GitLab needs, though two findings share a content key
    assert result.returncode == 1
    moved = run_cli(*CHECK, "--format", "gitlab", "l10n/c.tsv", "b.txt", cwd=batch)
    assert [issue["fingerprint"] for issue in json.loads(moved.stdout)] == prints


def test_gitlab_report_of_a_clean_run_is_an_empty_array(batch: Path) -> None:
    (batch / "ok.txt").write_text("Fine.\n", encoding="utf-8")
    result = run_cli(*CHECK, "--format", "gitlab", "ok.txt", cwd=batch)
    assert (result.returncode, result.stdout) == (0, b"[]\n")
