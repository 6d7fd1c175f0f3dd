"""The README's GitHub Actions step and the pre-commit hook definitions, exercised as written."""

from __future__ import annotations

import re
import shlex

import yaml
from helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def actions_step() -> list[dict]:
    block = README.split("<!-- github-actions -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    return yaml.safe_load(block)


def test_the_actions_step_is_valid_and_annotates(tmp_path) -> None:
    steps = actions_step()
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "3.11"
    commands = [line.strip() for line in steps[1]["run"].splitlines() if line.strip()]
    assert commands[0] == "pip install ."
    check = shlex.split(commands[1])
    assert check[0] == "mtcheck"
    l10n = tmp_path / "l10n"
    l10n.mkdir()
    row = "省政协召开会议。\tThe Provincial Political Consultative Conference held a meeting.\n"  # a wrong name: major
    (l10n / "a.tsv").write_text("source\ttarget\n" + row, encoding="utf-8")
    result = run_cli(*check[1:], cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("::error file=l10n/a.tsv,line=2,")
    assert "title=mtcheck term.forbidden::" in lines[0]
    assert result.returncode == 1  # a major finding fails the step (--fail-on major)


def test_pre_commit_hooks_run_as_defined(tmp_path) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mtcheck", "mtcheck-fix"}
    pattern = re.compile(hooks["mtcheck"]["files"])
    assert pattern.search("l10n/de.xlf") and pattern.search("a.po") and not pattern.search("README.md")
    (tmp_path / "t.txt").write_text("the the end ,ok\n", encoding="utf-8")
    entry = shlex.split(hooks["mtcheck"]["entry"])
    assert entry[0] == "mtcheck"
    checked = run_cli(*entry[1:], "--no-shipped-rules", "t.txt", cwd=tmp_path)
    assert checked.returncode == 1
    fixer = shlex.split(hooks["mtcheck-fix"]["entry"])
    fixed = run_cli(*fixer[1:], "--no-shipped-rules", "t.txt", cwd=tmp_path)
    assert fixed.returncode == 0
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "the end, ok\n"
