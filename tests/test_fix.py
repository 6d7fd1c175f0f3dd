"""mtcheck fix: conflicts, idempotence, byte faithfulness, atomic writes, review, diffs, effort."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess

import pytest
from helpers import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.engine import Checker, RuleSet
from mtcheck.fixer import choose, fix_segment
from mtcheck.model import Edit, Finding, Fix, Origin, Safety, Segment, Severity
from mtcheck.review import InteractiveReview
from mtcheck.rule import example_segment

SEED = ROOT / "examples" / "seed-mt-zh-en.txt"
TED = ROOT.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"
BUILTINS = Checker(BUILTIN_CHECKS)


def segment(target: str, source: str | None = None) -> Segment:
    return Segment("s", target, Origin("t", 1), source=source)


def fixed(text: str, checker: Checker = BUILTINS, unsafe: bool = False) -> str:
    return fix_segment(checker, segment(text), unsafe=unsafe).target


def finding(start: int, end: int, replacement: str, rule: str = "r") -> Finding:
    fix = Fix((Edit(start, end, replacement),), Safety.SAFE)
    return Finding(rule, "other", Severity.MINOR, "m", segment("x" * 20), start, end, fix=fix)


# --- conflicts ------------------------------------------------------------------------------


def test_overlapping_and_touching_fixes_wait_for_a_later_pass() -> None:
    a, b, c, d = finding(0, 3, "A"), finding(2, 5, "B"), finding(5, 7, "C"), finding(9, 10, "D")
    chosen, waiting = choose([d, c, b, a])
    assert chosen == [a, c, d]  # b overlaps a; c touches b only, not a
    assert waiting == [b]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  a", "a"),  # double space and doubled word compete for the same characters
        ("the the  end ,", "the end,"),
        ("apples，，pears", "apples, pears"),  # full-width commas, then the collision they form
        ("responsibility. , resolutely and departments and departments", "responsibility, resolutely and departments"),
    ],
)
def test_competing_fixes_all_land_in_one_run(text: str, expected: str) -> None:
    assert fixed(text) == expected
    assert fixed(expected) == expected


TOKENS = st.sampled_from(
    ["the", "The", "a", "and", "departments", "team", ",", ".", ";", " ", "  ", "，", "。", "Publicize", "  ,", ". ,"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TOKENS, max_size=14).map("".join) | st.text(max_size=30))
def test_fix_is_idempotent(text: str) -> None:
    """fix(fix(x)) == fix(x): a second run finds nothing to do."""
    once = fixed(text)
    assert fixed(once) == once


# --- every shipped rule's fixes introduce nothing -----------------------------------------

ALL = RuleSet.load(check_examples=False, glossaries=[str(ROOT / "glossaries" / "zh-en" / "political.tsv")])
DEFAULTS = [rule for rule in ALL.rules if rule.info.default]
EVERYTHING = Checker(DEFAULTS)


@pytest.mark.parametrize("rule", ALL.rules, ids=lambda rule: rule.info.id)
def test_fixing_a_rules_examples_introduces_no_finding(rule) -> None:
    """Against every default rule, and the rule itself when it is opt-in (opt-in rules are
    house-style choices, some of them opposites: curly or straight quotes)."""
    checker = EVERYTHING if rule.info.default else Checker([*DEFAULTS, rule])
    rule = getattr(rule, "for_examples", lambda: rule)()
    for example in rule.info.bad:
        result = fix_segment(checker, example_segment(rule, example), unsafe=True)
        assert result.introduced == [], (example.target, result.target, [f.rule for f in result.introduced])


# --- files: byte faithfulness, atomic writes ------------------------------------------------

DIRTY = "The the exhibition opened .\nA clean line.\nIt rose by 40000 units ,ok"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (DIRTY + "\n", "The exhibition opened.\nA clean line.\nIt rose by 40000 units, ok\n"),
        (
            DIRTY.replace("\n", "\r\n") + "\r\n",
            "The exhibition opened.\r\nA clean line.\r\nIt rose by 40000 units, ok\r\n",
        ),
        (DIRTY, "The exhibition opened.\nA clean line.\nIt rose by 40000 units, ok"),  # no final newline
        ("\ufeff" + DIRTY + "\n", "\ufeffThe exhibition opened.\nA clean line.\nIt rose by 40000 units, ok\n"),
    ],
    ids=["lf", "crlf", "no-final-newline", "bom"],
)
def test_fix_changes_nothing_but_the_edits(tmp_path, content: str, expected: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(content.encode("utf-8"))
    result = run_cli("fix", "--no-shipped-rules", "t.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == expected.encode("utf-8")


def test_tsv_source_column_and_header_stay(tmp_path) -> None:
    content = "source\ttarget\r\n他 ,参观。\tHe visited the the base .\r\n欢迎。\tWelcome.\r\n"
    path = tmp_path / "b.tsv"
    path.write_bytes(content.encode())
    assert run_cli("fix", "--no-shipped-rules", "b.tsv", cwd=tmp_path).returncode == 0
    assert path.read_bytes().decode() == content.replace("the the base .", "the base.")


def test_a_file_without_fixes_is_not_rewritten(tmp_path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("A clean line.\n", encoding="utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    result = run_cli("fix", "clean.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert path.stat().st_mtime == 1_000_000_000


def test_permissions_are_kept_and_backup_is_made(tmp_path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("the the end.\n", encoding="utf-8")
    path.chmod(0o640)
    assert run_cli("fix", "--no-shipped-rules", "--backup", "t.txt", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == "the end.\n"
    assert (tmp_path / "t.txt.orig").read_text(encoding="utf-8") == "the the end.\n"


def test_a_failing_write_leaves_the_original(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from mtcheck.cli import app

    path = tmp_path / "t.txt"
    path.write_text("the the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def failing_replace(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = CliRunner().invoke(app, ["fix", "--no-shipped-rules", "t.txt"])
    assert result.exit_code == 2
    assert "t.txt: error: cannot write: No space left on device" in result.output
    assert path.read_text(encoding="utf-8") == "the the end.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]


def test_stdin_is_fixed_to_stdout() -> None:
    result = run_cli("fix", "--no-shipped-rules", "-", stdin=b"the the end .\n")
    assert result.stdout == b"the end.\n"
    assert result.returncode == 0


# --- diffs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [DIRTY + "\n", DIRTY.replace("\n", "\r\n"), "\ufeff" + DIRTY])
def test_diff_applies_with_patch_and_git(tmp_path, content: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(content.encode("utf-8"))
    result = run_cli("fix", "--no-shipped-rules", "--diff", "t.txt", cwd=tmp_path)
    assert result.returncode == 1  # changes would be made
    assert path.read_bytes() == content.encode("utf-8")  # --diff writes nothing
    assert result.stdout.startswith(b"--- t.txt\n+++ t.txt\n@@ ")
    expected = run_cli("fix", "--no-shipped-rules", "-", stdin=content.encode("utf-8")).stdout
    (tmp_path / "patch.diff").write_bytes(result.stdout)
    if shutil.which("git"):
        check = subprocess.run(["git", "apply", "-p0", "--check", "patch.diff"], cwd=tmp_path, capture_output=True)
        assert check.returncode == 0, check.stderr
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    applied = subprocess.run(["patch", "-p0", "-i", "patch.diff"], cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert path.read_bytes() == expected


def test_seed_diff_shows_the_safe_repairs_and_suggestions_only_when_asked() -> None:
    safe = run_cli("fix", "--diff", str(SEED)).stdout.decode()
    removed = [line for line in safe.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in safe.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 2
    assert "responsibility. , resolutely" in removed[0] and "responsibility, resolutely" in added[0]
    assert "various departments and departments in" in removed[0]
    assert "at all levels in various departments in the province" in added[0]
    assert "multi-dimensional , Publicize" in removed[1] and "multi-dimensional, Publicize" in added[1]
    unsafe = run_cli("fix", "--diff", "--unsafe-fixes", "-g", "zh-en", str(SEED)).stdout.decode()
    assert "act pre-emptively" in unsafe
    assert "holistic approach to national security" in unsafe


def test_after_fixing_the_seed_its_fixed_findings_are_gone(tmp_path) -> None:
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    before = run_cli("check", "-g", "zh-en", "--format", "jsonl", "seed.txt", cwd=tmp_path).stdout.decode()
    result = run_cli("fix", "--unsafe-fixes", "-g", "zh-en", "seed.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert b"warning" not in result.stderr
    after = run_cli("check", "-g", "zh-en", "--format", "jsonl", "seed.txt", cwd=tmp_path).stdout.decode()
    records_before = [json.loads(line) for line in before.splitlines()]
    records_after = [json.loads(line) for line in after.splitlines()]
    assert not [r for r in records_after if r["fix"] is not None]
    unfixable = {(r["rule"], r["text"]) for r in records_before if r["fix"] is None}
    assert {(r["rule"], r["text"]) for r in records_after} <= unfixable


# --- interactive review ---------------------------------------------------------------------


def review(answers: str) -> tuple[InteractiveReview, io.StringIO]:
    out = io.StringIO()
    return InteractiveReview(io.StringIO(answers).readline, out.write), out


def test_review_keys() -> None:
    checker = BUILTINS
    text = "the the end , and a a b ,c"
    reviewer, out = review("y\nn\ne\nX\n")
    result = fix_segment(checker, segment(text), review=reviewer)
    # three fixes proposed: "the the" (yes), " ," (no), "a a" (edited to "X"); then the
    # missing space after the last comma is proposed and end of input quits the review
    assert result.target == "the end , and X b ,c"
    assert "[y]es [n]o [e]dit [a]ll of rule [d]rop rule [q]uit? " in out.getvalue()
    assert "replacement for “a a”: " in out.getvalue()
    assert reviewer.quit


def test_review_all_and_drop_a_rule() -> None:
    reviewer, _ = review("a\nd\n")
    result = fix_segment(BUILTINS, segment("the the x , y a a z , w"), review=reviewer)
    assert result.target == "the x , y a z , w"  # repeat.word accepted for all, space-before dropped


def test_review_quit_keeps_what_was_accepted() -> None:
    reviewer, _ = review("y\nq\n")
    result = fix_segment(BUILTINS, segment("the the x , y a a"), review=reviewer)
    assert result.target == "the x , y a a"


def test_interactive_cli_writes_only_accepted_edits(tmp_path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("the the end ,ok\n", encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", "-i", "t.txt", cwd=tmp_path, stdin=b"y\nn\nn\n")
    assert result.returncode == 0
    assert path.read_text(encoding="utf-8") == "the end ,ok\n"


# --- effort ----------------------------------------------------------------------------------


def test_effort_is_sacrebleu_ter_over_the_file(tmp_path) -> None:
    from sacrebleu.metrics import TER

    path = tmp_path / "t.txt"
    path.write_text("the the end .\nA clean line here.\n", encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", "--format", "json", "t.txt", cwd=tmp_path)
    document = json.loads(result.stdout)
    (record,) = document["files"]
    score = TER().corpus_score(["the the end ."], [["the end."]])
    expected = 100 * score.num_edits / (score.ref_length + 4)  # + the unchanged line's 4 words
    assert record["ter"] == round(expected, 2)
    assert record["edits_by_rule"] == {"punct.space-before": 1, "repeat.word": 1}
    assert (record["segments"], record["segments_touched"], record["introduced"]) == (2, 1, [])


@pytest.mark.skipif(not TED.exists(), reason="the development set is not beside the checkout")
def test_development_set_fix_twice_changes_nothing_the_second_time(tmp_path) -> None:
    targets = [json.loads(line)["target"] for line in TED.read_text(encoding="utf-8").splitlines()]
    lines = [" ".join(t.split()) for t in targets]
    path = tmp_path / "ted.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("fix", "ted.txt", cwd=tmp_path).returncode == 0
    once = path.read_text(encoding="utf-8").split("\n")
    changed = [i for i, (a, b) in enumerate(zip(lines, once, strict=False)) if a != b]
    assert 0 < len(changed) < len(lines) // 10
    run_cli("fix", "ted.txt", cwd=tmp_path)
    assert path.read_text(encoding="utf-8").split("\n") == once


# --- fix reads what check reads (issue 13) ----------------------------------------------------------


def _tree(root) -> None:
    (root / "l10n" / "sub").mkdir(parents=True)
    (root / "vendor").mkdir()
    (root / "l10n" / "a.txt").write_text("the the end\n", encoding="utf-8")
    (root / "l10n" / "b.tsv").write_text("id\tsource\ttarget\nk\t你好\tHello  there\n", encoding="utf-8")
    (root / "l10n" / "sub" / "c.po").write_text('msgid "x"\nmsgstr "a a b"\n', encoding="utf-8")
    (root / "l10n" / "skip.txt").write_text("the the skip\n", encoding="utf-8")
    (root / "vendor" / "d.txt").write_text("the the vendor\n", encoding="utf-8")


def _contents(root) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_fix_takes_directories_include_exclude_and_configuration(tmp_path) -> None:
    _tree(tmp_path)
    config = (
        'include = ["*.txt", "*.tsv", "*.po"]\nexclude = ["vendor/*", "skip.txt"]\n'  # a walk skips .txt unless told
    )
    (tmp_path / "mtcheck.toml").write_text(config, encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _contents(tmp_path) == {
        "l10n/a.txt": "the end\n",
        "l10n/b.tsv": "id\tsource\ttarget\nk\t你好\tHello there\n",
        "l10n/skip.txt": "the the skip\n",
        "l10n/sub/c.po": 'msgid "x"\nmsgstr "a b"\n',
        "mtcheck.toml": config,
        "vendor/d.txt": "the the vendor\n",
    }


def test_fix_takes_globs_include_and_input_format(tmp_path) -> None:
    _tree(tmp_path)
    (tmp_path / "l10n" / "e.dat").write_text("你好\tthe the\n", encoding="utf-8")
    result = run_cli(
        "fix", "--no-shipped-rules", "--include", "*.po", "--exclude", "skip.txt", "l10n", "l10n/*.txt", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    files = _contents(tmp_path)
    assert (files["l10n/sub/c.po"], files["l10n/a.txt"], files["l10n/skip.txt"]) == (
        'msgid "x"\nmsgstr "a b"\n',
        "the end\n",
        "the the skip\n",
    )
    assert files["l10n/b.tsv"] == "id\tsource\ttarget\nk\t你好\tHello  there\n"  # not included
    result = run_cli("fix", "--no-shipped-rules", "--input-format", "tsv", "l10n/e.dat", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "l10n" / "e.dat").read_text(encoding="utf-8") == "你好\tthe\n"


def test_fix_with_no_files_is_an_error(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("fix", "empty", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (2, "mtcheck: error: no files to fix in empty\n")


def test_review_never_asks_again_about_a_rejected_fix_after_an_earlier_fix_moved_it() -> None:
    # "the the" (accepted) shortens the text before " ," (rejected): it must not come back
    reviewer, out = review("y\nn\ny\ny\ny\n")
    result = fix_segment(BUILTINS, segment("the the cat sat , here and and there"), review=reviewer)
    assert result.target == "the cat sat , here and there"
    assert out.getvalue().count("[y]es [n]o") == 3


def test_interactive_review_offers_suggestions_too(tmp_path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("We built national security. team work matters\n", encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", "-i", "t.txt", cwd=tmp_path, stdin=b"y\n")
    assert result.returncode == 0, result.stderr
    assert "fix (suggestion): Join the two halves of the sentence" in result.stdout.decode()
    assert path.read_text(encoding="utf-8") == "We built national security team work matters\n"
    assert "without --unsafe-fixes" not in result.stdout.decode()
