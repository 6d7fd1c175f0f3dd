"""The Python API (mtcheck/api.py): light to import, documented by examples that run, and the
same findings as the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from mtcheck.api import Checker, SettingsError, read_file, write_file

TED = ROOT.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"


def test_import_loads_neither_typer_nor_rich():
    code = (
        "import sys, mtcheck\n"
        "checker = mtcheck.Checker.load(isolated=True)\n"
        "assert checker.check([(None, 'A test ,ok.', 'k')])\n"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_readme_has_examples():
    assert len(_readme_examples()) == 3


@pytest.mark.parametrize("number", range(3))
def test_readme_example_runs(number, tmp_path):
    """Each example of the README's API page runs as written (its asserts are the expectations)."""
    code = _readme_examples()[number]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_check_keys_and_order():
    checker = Checker.load(select=["punct", "repeat"], isolated=True)
    findings = checker.check([(None, "One ,two."), ("源", "It is is the the end .", "mine")])
    assert [(f.segment.key, f.rule, f.start, f.end) for f in findings] == [
        ("segments:1", "punct.space-before", 3, 5),
        ("mine", "repeat.word", 9, 16),
        ("mine", "punct.space-before", 20, 22),
    ]


def test_fix_applies_safe_fixes_only():
    checker = Checker.load(isolated=True)
    assert checker.fix("Hello ,world .") == "Hello, world."
    assert checker.fix("Nothing wrong here.") == "Nothing wrong here."


def test_settings_error_is_one_line():
    with pytest.raises(SettingsError) as caught:
        Checker.load(select=["nope"], isolated=True)
    assert str(caught.value) == "no rule matches 'nope' (see `mtcheck rules list`)"


def test_config_file_is_read(tmp_path):
    (tmp_path / "mtcheck.toml").write_text('ignore = ["punct.space-before"]\n', encoding="utf-8")
    checker = Checker.load(root=str(tmp_path))
    assert "punct.space-before" not in checker.rule_ids
    assert "punct.space-before" in Checker.load(root=str(tmp_path), isolated=True).rule_ids


def test_write_file_elsewhere_leaves_the_original(tmp_path):
    original = "source\ttarget\nHi.\tSalut  toi.\n"
    (tmp_path / "fr.tsv").write_text(original, encoding="utf-8")
    checker = Checker.load(isolated=True)
    loaded = read_file(str(tmp_path / "fr.tsv"))
    assert write_file(loaded, checker.fixes(loaded.segments), tmp_path / "out.tsv")
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == "source\ttarget\nHi.\tSalut toi.\n"
    assert (tmp_path / "fr.tsv").read_text(encoding="utf-8") == original


def _clean(text: str) -> str:
    """As mqm_eval.py: tabs and newlines would break the TSV; a space keeps every offset."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def dev_sample(path: Path, count: int | None = None) -> list[tuple[str, str]]:
    """The development set's segments (MT and references; the first ``count``), cleaned as
    mqm_eval.py does, written as a bilingual TSV."""
    rows = []
    with open(TED, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            source, target = (_clean(record[side]) for side in ("source", "target"))
            rows.append((source, target))
            if len(rows) == count:
                break
    path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return rows


@pytest.mark.skipif(not TED.exists(), reason="the development set is not beside the checkout")
def test_api_and_cli_agree_on_the_development_set(tmp_path):
    rows = dev_sample(tmp_path / "dev.tsv")
    result = run_cli("check", "--isolated", "-g", "zh-en", "--format", "jsonl", str(tmp_path / "dev.tsv"))
    assert result.returncode in (0, 1), result.stderr
    cli = sorted(
        (
            f["line"] - 2,
            f["rule"],
            f["side"],
            f["start"],
            f["end"],
            f["severity"],
            f["message"],
            f["fix"]["replacement"] if f["fix"] else None,
        )
        for f in map(json.loads, result.stdout.decode().splitlines())
    )
    checker = Checker.load(glossaries=["zh-en"], isolated=True)
    findings = checker.check([(s, t, str(n)) for n, (s, t) in enumerate(rows)], name=str(tmp_path / "dev.tsv"))
    api = sorted(
        (int(f.segment.key), f.rule, str(f.side), f.start, f.end, str(f.severity), f.message, f.replacement)
        for f in findings
    )
    assert len(cli) > 400  # the set has findings to compare (455 when written)
    assert api == cli
