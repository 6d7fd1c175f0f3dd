"""The command line end to end: exact output, exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

SMALL_TXT = "tests/fixtures/small.txt"
SMALL_TSV = "tests/fixtures/small.tsv"

EXPECTED_TERMINAL = """\
tests/fixtures/small.txt:1:1: minor repeat.word
  Doubled word “The the”
  │ The the exhibition opened .
  │ ^^^^^^^
  fix (safe): Remove the second “the”
  - The the exhibition opened .
  + The exhibition opened .

tests/fixtures/small.txt:1:26: minor punct.space-before
  Space before “.”
  │ The the exhibition opened .
  │                          ^^
  fix (safe): Remove the space before “.”
  - The the exhibition opened .
  + The the exhibition opened.

tests/fixtures/small.txt:2:20: major repeat.coordination
  “departments and departments” coordinates a word with itself: a collapsed list
  │ He visited various departments and departments, he emphasized that
  │                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  fix (safe): Collapse to “departments”
  - He visited various departments and departments, he emphasized that
  + He visited various departments, he emphasized that

tests/fixtures/small.txt:2:63: major trunc.dangling-end
  The segment stops on “that” with no punctuation: the rest is missing
  │ He visited various departments and departments, he emphasized that
  │                                                               ^^^^

tests/fixtures/small.tsv:2:24: minor trunc.unterminated
  The source ends a sentence but the target stops without punctuation
  │ He visited the base
  │                ^^^^
  fix (suggestion): Add a full stop
  - He visited the base
  + He visited the base.

5 findings (0 critical, 2 major, 3 minor) in 5 segments of 2 files
  category                 critical     major     minor
  accuracy/mistranslation         0         1         0
  accuracy/omission               0         1         1
  fluency/grammar                 0         0         1
  fluency/punctuation             0         0         1
MQM score 38.1 (13 penalty points, 619.0 per 1,000 words; 21 words)
Fixes available: 3 safe (`mtcheck fix`), 1 suggestion (`mtcheck fix --unsafe-fixes`, or review with `-i`).
"""


def test_terminal_report_is_exact_and_plain_when_piped() -> None:
    result = run_cli("check", "--no-shipped-rules", SMALL_TXT, SMALL_TSV)
    assert result.stdout.decode() == EXPECTED_TERMINAL
    assert result.stderr == b""
    assert result.returncode == 1
    assert b"\x1b[" not in result.stdout


def test_colour_only_on_a_terminal_without_no_color(tmp_path) -> None:
    # Through a pipe there is no colour even when asked for by FORCE_COLOR-free env;
    # the renderer itself colours when told the stream is a terminal.
    import io

    from mtcheck.engine import Checker, RuleSet
    from mtcheck.formats import read_segments
    from mtcheck.report.terminal import TerminalReport

    checker = Checker(RuleSet.load(shipped=False).rules)
    findings = [f for s in read_segments(str(FIXTURES / "small.txt")) for f in checker.check_segment(s)]
    coloured, plain = io.StringIO(), io.StringIO()
    TerminalReport(coloured, color=True).finding(findings[0])
    TerminalReport(plain, color=False).finding(findings[0])
    assert "\x1b[" in coloured.getvalue()
    assert "\x1b[" not in plain.getvalue()
    assert plain.getvalue().startswith(f"{FIXTURES / 'small.txt'}:1:1: minor repeat.word\n")


def test_jsonl_has_exactly_the_design_fields() -> None:
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", SMALL_TXT)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert records[0] == {
        "path": SMALL_TXT,
        "segment": f"{SMALL_TXT}:1",
        "line": 1,
        "column": 1,
        "start": 0,
        "end": 7,
        "side": "target",
        "rule": "repeat.word",
        "category": "fluency/grammar",
        "severity": "minor",
        "message": "Doubled word “The the”",
        "text": "The the",
        "fix": {"replacement": "The", "safety": "safe", "reason": None},
    }
    assert [(r["rule"], r["line"], r["column"], r["text"]) for r in records] == [
        ("repeat.word", 1, 1, "The the"),
        ("punct.space-before", 1, 26, " ."),
        ("repeat.coordination", 2, 20, "departments and departments"),
        ("trunc.dangling-end", 2, 63, "that"),
    ]
    assert records[3]["fix"] is None
    assert result.returncode == 1


def test_json_is_one_document_with_summary() -> None:
    result = run_cli("check", "--no-shipped-rules", "--format", "json", SMALL_TSV)
    document = json.loads(result.stdout)
    assert document["tool"]["name"] == "mtcheck"
    assert [f["rule"] for f in document["findings"]] == ["trunc.unterminated"]
    assert document["findings"][0]["column"] == 24  # after the source column and the tab
    assert document["findings"][0]["fix"] == {"replacement": "base.", "safety": "suggestion", "reason": None}
    assert document["errors"] == []
    assert document["summary"]["findings"] == 1
    assert document["summary"]["by_severity"] == {"minor": 1, "major": 0, "critical": 0}


@pytest.mark.parametrize(
    ("fail_on", "status"),
    [("minor", 1), ("major", 1), ("critical", 0), ("never", 0)],
)
def test_fail_on_gates_the_exit_status(fail_on: str, status: int) -> None:
    result = run_cli("check", "--no-shipped-rules", "--fail-on", fail_on, "--format", "jsonl", SMALL_TXT)
    assert result.returncode == status


def test_fail_on_major_passes_minor_only_findings() -> None:
    result = run_cli("check", "--no-shipped-rules", "--fail-on", "major", "--format", "jsonl", SMALL_TSV)
    assert result.returncode == 0
    assert b"trunc.unterminated" in result.stdout


def test_clean_file_exits_zero() -> None:
    result = run_cli("check", "-", stdin=b"A clean sentence.\nAnother one.\n")
    assert result.returncode == 0
    assert result.stdout.decode() == "No findings in 2 segments of 1 file.\n"


def test_stdin_is_named_in_locations() -> None:
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "-", stdin=b"ok\nthe the end.\n")
    record = json.loads(result.stdout)
    assert (record["path"], record["segment"], record["line"]) == ("<stdin>", "<stdin>:2", 2)


@pytest.mark.parametrize(
    ("select", "ignore", "rules"),
    [
        ("repeat", "", ["repeat.word", "repeat.coordination"]),
        ("repeat.word,trunc", "", ["repeat.word", "trunc.dangling-end"]),
        ("", "repeat,punct", ["trunc.dangling-end"]),
        ("repeat", "repeat.word", ["repeat.coordination"]),
    ],
)
def test_select_and_ignore_by_prefix(select: str, ignore: str, rules: list[str]) -> None:
    args = ["check", "--no-shipped-rules", "--format", "jsonl", SMALL_TXT]
    if select:
        args += ["--select", select]
    if ignore:
        args += ["--ignore", ignore]
    result = run_cli(*args)
    assert [json.loads(line)["rule"] for line in result.stdout.decode().splitlines()] == rules


def test_prefix_matches_whole_components_only() -> None:
    result = run_cli("check", "--select", "repeat.wo", SMALL_TXT)
    assert result.returncode == 2
    assert result.stderr.decode() == "mtcheck: error: no rule matches 'repeat.wo' (see `mtcheck rules list`)\n"


def test_source_file_pairs_lines(tmp_path) -> None:
    (tmp_path / "src.txt").write_text("他参观了基地。\n欢迎。\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("He visited the base\nWelcome.\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "tgt.txt", "--source", "src.txt", cwd=tmp_path)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["line"], r["column"]) for r in records] == [("trunc.unterminated", 1, 16)]


BAD_INPUTS = [
    (
        "bad.txt",
        b"fine\nbroken \xff byte\n",
        [],
        "bad.txt:2:8: error: not valid UTF-8 (byte 0xff); save the file as UTF-8",
    ),
    (
        "bad.tsv",
        b"source\ttarget\na\tb\nonly one column\n",
        [],
        "bad.tsv:3: error: expected 2 tab-separated columns (source, target), found 1",
    ),
    ("missing.txt", None, [], "missing.txt: error: No such file or directory"),
    (
        "tgt.txt",
        b"one\ntwo\nthree\n",
        ["--source", "src.txt"],
        "tgt.txt:3: error: has 3 lines but src.txt has 2: source and target must pair line by line",
    ),
]


@pytest.mark.parametrize(("name", "content", "extra", "message"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_other_files_still_checked(tmp_path, name, content, extra, message) -> None:
    (tmp_path / "src.txt").write_bytes("一\n二\n".encode())
    if content is not None:
        (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_bytes(b"the the end.\n")
    paths = [name] if extra else [name, "good.txt"]
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", *paths, *extra, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == message + "\n"
    if not extra:
        assert [json.loads(line)["path"] for line in result.stdout.decode().splitlines()] == ["good.txt"]


def test_source_needs_exactly_one_target() -> None:
    result = run_cli("check", SMALL_TXT, SMALL_TXT, "--source", SMALL_TXT)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1


def test_unknown_option_value_is_a_usage_error() -> None:
    result = run_cli("check", "--format", "xml", SMALL_TXT)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"'xml' is not one of" in result.stderr


def test_version_is_fast_path() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("mtcheck ")


def test_rules_list_shows_builtin_and_pack_rules() -> None:
    result = run_cli("rules", "list")
    lines = result.stdout.decode().splitlines()
    by_id = {line.split()[0]: line for line in lines if line and not line.endswith(" rules")}
    assert by_id["punct.collision"].split()[1:3] == ["fluency/punctuation", "major"]
    assert "zh-en.calque.first-move" in by_id
    assert result.returncode == 0


def test_rules_explain_shows_examples_and_fix() -> None:
    result = run_cli("rules", "explain", "punct.collision")
    text = result.stdout.decode()
    assert text.startswith("punct.collision\n  Two punctuation marks collide")
    assert "  ✗ and strengthen responsibility. , resolutely implement\n" in text
    assert "    → and strengthen responsibility, resolutely implement\n" in text
    assert "  ✓ Wait... what?\n" in text
    assert result.returncode == 0


def test_rules_explain_unknown_id() -> None:
    result = run_cli("rules", "explain", "no.such-rule")
    assert result.returncode == 2
    assert result.stderr.decode() == "mtcheck: error: no rule 'no.such-rule' (see `mtcheck rules list`)\n"


def _run_in_terminal(env_extra: dict[str, str]) -> bytes:
    """Run the CLI with stdout on a pseudo-terminal, as a user at a shell would."""
    import os
    import pty
    import subprocess
    import sys

    from helpers import ROOT

    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(env_extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtcheck", "check", "--no-shipped-rules", SMALL_TXT],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(primary)
    return b"".join(chunks)


def test_terminal_output_is_coloured_unless_no_color() -> None:
    assert b"\x1b[" in _run_in_terminal({})
    plain = _run_in_terminal({"NO_COLOR": "1"})
    assert b"\x1b[" not in plain
    assert plain.replace(b"\r\n", b"\n").decode().startswith("tests/fixtures/small.txt:1:1: minor repeat.word\n")
