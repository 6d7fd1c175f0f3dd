"""Baselines and fingerprints keyed on content: they survive inserted lines, other spellings of
a path and runs from another directory; format-1 baselines are still honoured, with a warning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.fingerprint import ContentKey, content_key, normal_path, unit_id
from mtcheck.formats import read_segments
from mtcheck.model import Finding, Origin, Segment, Severity

CHECK = ("check", "--no-shipped-rules", "--select", "repeat,punct")
TSV = "source\ttarget\nA\tthe the cat\nB\tA dog ,\nC\tFine.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "l10n").mkdir()
    (tmp_path / "l10n" / "x.tsv").write_text(TSV, encoding="utf-8")
    return tmp_path


def findings(result) -> list[tuple[str, int, str, str]]:
    return [(r["path"], r["line"], r["rule"], r["text"]) for r in map(json.loads, result.stdout.decode().splitlines())]


def test_normal_path_is_relative_to_the_work_tree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    spellings = ["l10n/x.tsv", "./l10n/x.tsv", "l10n//x.tsv", "l10n/../l10n/x.tsv", str(repo / "l10n/x.tsv")]
    assert {normal_path(p) for p in spellings} == {"l10n/x.tsv"}
    monkeypatch.chdir(repo / "l10n")
    assert normal_path("x.tsv") == normal_path("../l10n/x.tsv") == "l10n/x.tsv"
    assert normal_path("<stdin>") == "<stdin>"


def test_normal_path_outside_a_work_tree_is_relative_to_the_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normal_path("./a/b.po") == normal_path(str(tmp_path / "a" / "b.po")) == "a/b.po"


def test_unit_ids_come_from_keys_by_id_only() -> None:
    def segment(key: str) -> Segment:
        return Segment(key, "t", Origin("d/a.po", 3))

    assert unit_id(segment("d/a.po#ctx|Hello")) == "ctx|Hello"
    assert unit_id(segment("d/a.po#unit-7/2")) == "unit-7/2"
    assert unit_id(segment("d/a.po:3")) == ""
    assert unit_id(segment("d/a.po:3/1")) == ""


def test_content_key_reads_the_context_on_the_finding_side(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    segment = Segment("l10n/x.tsv:2", "x" * 20 + " the the " + "y" * 20, Origin("./l10n/x.tsv", 2), "Quelle")
    finding = Finding("repeat.word", "other", Severity.MINOR, "m", segment, 21, 28)
    assert content_key(finding) == ContentKey(
        "repeat.word", "l10n/x.tsv", "", "the the", "x" * 15 + " ", " " + "y" * 15
    )


def test_po_units_are_keyed_by_msgid_not_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.po").write_text('msgid "Cat"\nmsgstr "the the cat"\n', encoding="utf-8")
    [before] = read_segments("a.po")
    Path("a.po").write_text('\n\nmsgid "Dog"\nmsgstr "Hund"\n\nmsgid "Cat"\nmsgstr "the the cat"\n', encoding="utf-8")
    after = list(read_segments("a.po"))[1]
    keys = [content_key(Finding("repeat.word", "other", Severity.MINOR, "m", s, 0, 7)) for s in (before, after)]
    assert keys[0] == keys[1] == ContentKey("repeat.word", "a.po", "Cat", "the the", "", " cat")


def test_baseline_survives_inserted_lines_and_other_spellings(repo: Path) -> None:
    wrote = run_cli(*CHECK, "--write-baseline", "base.json", "l10n/x.tsv", cwd=repo)
    assert (wrote.returncode, wrote.stderr.decode()) == (1, "base.json: baseline of 2 findings written\n")
    document = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert document == {
        "tool": "mtcheck",
        "version": 2,
        "findings": [
            {"rule": "punct.space-before", "path": "l10n/x.tsv", "unit": "", "text": " ,", "before": "A dog",
             "after": "", "count": 1},
            {"rule": "repeat.word", "path": "l10n/x.tsv", "unit": "", "text": "the the", "before": "",
             "after": " cat", "count": 1},
        ],
    }  # fmt: skip
    x = repo / "l10n" / "x.tsv"
    x.write_text("source\ttarget\nNew\tA new line.\nNewer\tAnother.\n" + TSV.split("\n", 1)[1], encoding="utf-8")
    for path, cwd in (("l10n/x.tsv", repo), ("./l10n/x.tsv", repo), ("x.tsv", repo / "l10n")):
        base = "base.json" if cwd == repo else "../base.json"
        result = run_cli(*CHECK, "--baseline", base, "--format", "jsonl", path, cwd=cwd)
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b""), path
    x.write_text(x.read_text(encoding="utf-8") + "D\tA bird bird.\n", encoding="utf-8")
    new = run_cli(*CHECK, "--baseline", "base.json", "--format", "jsonl", "./l10n/x.tsv", cwd=repo)
    assert new.returncode == 1
    assert findings(new) == [("./l10n/x.tsv", 7, "repeat.word", "bird bird")]


def test_the_same_text_twice_is_counted(repo: Path) -> None:
    (repo / "l10n" / "x.tsv").write_text("A\tthe the cat\nB\tthe the cat\n", encoding="utf-8")
    run_cli(*CHECK, "--write-baseline", "base.json", "l10n", cwd=repo)
    assert json.loads((repo / "base.json").read_text())["findings"][0]["count"] == 2
    (repo / "l10n" / "x.tsv").write_text("A\tthe the cat\nB\tthe the cat\nC\tthe the cat\n", encoding="utf-8")
    result = run_cli(*CHECK, "--baseline", "base.json", "--format", "jsonl", "l10n", cwd=repo)
    assert findings(result) == [("l10n/x.tsv", 3, "repeat.word", "the the")]


def test_sarif_fingerprints_survive_inserted_lines_and_other_spellings(repo: Path) -> None:
    def prints(path: str) -> list[str]:
        result = run_cli(*CHECK, "--format", "sarif", path, cwd=repo)
        return [r["partialFingerprints"]["mtcheck/v2"] for r in json.loads(result.stdout)["runs"][0]["results"]]

    before = prints("l10n/x.tsv")
    x = repo / "l10n" / "x.tsv"
    x.write_text("source\ttarget\nNew\tA new line.\n" + TSV.split("\n", 1)[1], encoding="utf-8")
    assert prints("./l10n/x.tsv") == before
    assert prints(str(x)) == before
    assert len(set(before)) == 2


def test_a_format_1_baseline_is_honoured_with_a_warning_and_upgraded(repo: Path) -> None:
    legacy = {
        "tool": "mtcheck",
        "version": 1,
        "findings": [{"rule": "repeat.word", "segment": "l10n/x.tsv:2", "text": "the the", "count": 1}],
    }
    (repo / "old.json").write_text(json.dumps(legacy), encoding="utf-8")
    result = run_cli(*CHECK, "--baseline", "old.json", "--format", "jsonl", "l10n/x.tsv", cwd=repo)
    assert findings(result) == [("l10n/x.tsv", 3, "punct.space-before", " ,")]
    assert result.stderr.decode() == (
        "old.json: warning: this baseline is of format 1, which matches findings by line and by the path as "
        "spelled; record it again (--baseline old.json --write-baseline old.json) to key it on content\n"
    )
    upgraded = run_cli(*CHECK, "--baseline", "old.json", "--write-baseline", "old.json", "l10n/x.tsv", cwd=repo)
    assert upgraded.returncode == 1
    assert json.loads((repo / "old.json").read_text())["version"] == 2
    again = run_cli(*CHECK, "--baseline", "old.json", "l10n/x.tsv", cwd=repo)
    assert (again.returncode, again.stderr) == (0, b"")


def test_an_unknown_version_is_refused(repo: Path) -> None:
    (repo / "b.json").write_text('{"tool": "mtcheck", "version": 3, "findings": []}', encoding="utf-8")
    result = run_cli(*CHECK, "--baseline", "b.json", "l10n/x.tsv", cwd=repo)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "b.json: error: not an mtcheck baseline (version 2, or the older 1)\n",
    )


def test_fingerprints_do_not_depend_on_the_working_directory(repo: Path) -> None:
    os.makedirs(repo / "sub")
    from_root = run_cli(*CHECK, "--format", "gitlab", "l10n", cwd=repo)
    from_sub = run_cli(*CHECK, "--format", "gitlab", "../l10n", cwd=repo / "sub")
    root_prints = [(r["fingerprint"], r["location"]["path"]) for r in json.loads(from_root.stdout)]
    assert root_prints == [(r["fingerprint"], r["location"]["path"]) for r in json.loads(from_sub.stdout)]
    assert [path for _, path in root_prints] == ["l10n/x.tsv", "l10n/x.tsv"]
