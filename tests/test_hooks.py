"""The shipped CI recipes, run as CI would run them, in a throwaway repository that is not
mtcheck's own: the GitHub Action (action.yml), the pre-commit hooks (.pre-commit-hooks.yaml)
and the README's workflow step. The repository holds what real ones do: a virtual environment
with PO files inside, a glossary folder, requirements.txt, an unrelated data.csv, a vendored
folder the configuration excludes, and translations."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ENVIRONMENT_SET_BY_TESTS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PO = 'msgid "Save file"\nmsgstr "Datei speichern ."\n'
XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2"><file source-language="en" target-language="fr" datatype="plaintext"><body>\n'
    '<trans-unit id="1"><source>Open the the file</source><target>Ouvrir le le fichier</target></trans-unit>\n'
    "</body></file></xliff>\n"
)
REPOSITORY = {
    ".gitignore": ".venv/\n",
    ".venv/pyvenv.cfg": "home = /usr/bin\n",
    ".venv/lib/python3.11/site-packages/babel/locale/de/LC_MESSAGES/messages.po": PO,
    "glossaries/terms.tsv": "source\ttarget\nSave file\tDatei speichern .\n",
    "requirements.txt": "requests==2.31.0\nrich>=13 ,<14\n",
    "data.csv": "name,value\nthe the,1 ,2\n",
    "l10n/de.po": PO,
    "l10n/fr.xlf": XLIFF,
    "vendor/it.po": PO,
    "mtcheck.toml": 'extend-exclude = ["vendor/"]\n',
}
ARGS = ["--no-shipped-rules", "--select", "punct,repeat"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name, text in REPOSITORY.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_SET_BY_TESTS}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def untouched(repo: Path, *names: str) -> bool:
    return all((repo / name).read_text(encoding="utf-8") == REPOSITORY[name] for name in names)


# --- pre-commit -----------------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def staged(repo: Path, hook: dict) -> list[str]:
    """The files pre-commit hands a hook: git's files that match its `files` (and not `exclude`)."""
    files = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    include, exclude = re.compile(hook["files"]), re.compile(hook.get("exclude", "^$"))
    return [name for name in files if include.search(name) and not exclude.search(name)]


def run_hook(repo: Path, hook: dict, files: list[str], args: list[str] = ARGS) -> subprocess.CompletedProcess[str]:
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mtcheck"
    command = [sys.executable, "-m", "mtcheck", *entry[1:], *args, *files]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=environment(), timeout=120)


def test_the_hooks_match_translation_formats_only() -> None:
    defined = hooks()
    assert set(defined) == {"mtcheck", "mtcheck-fix"}
    for hook in defined.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert "--force-exclude" in shlex.split(hook["entry"])
        pattern = re.compile(hook["files"])
        for name in ("l10n/de.po", "a.xlf", "b.XLIFF", "c.sdlxliff", "d.mqxliff", "memory.tmx"):
            assert pattern.search(name), name
        for name in ("requirements.txt", "data.csv", "glossaries/terms.tsv", "t.tbx", "a.pot", "x.json", "po"):
            assert not pattern.search(name), name


def test_pre_commit_hooks_touch_translations_only(repo: Path) -> None:
    check, fixer = hooks()["mtcheck"], hooks()["mtcheck-fix"]
    files = staged(repo, check)
    assert files == ["l10n/de.po", "l10n/fr.xlf", "vendor/it.po"]
    checked = run_hook(repo, check, files, [*ARGS, "--format", "jsonl"])
    assert checked.returncode == 1, checked.stderr
    found = [(r["path"], r["rule"], r["text"]) for r in map(json.loads, checked.stdout.splitlines())]
    assert found == [
        ("l10n/de.po", "punct.space-before", " ."),
        ("l10n/fr.xlf", "repeat.word", "le le"),
    ]
    assert checked.stderr == ""
    fixed = run_hook(repo, fixer, staged(repo, fixer))
    assert fixed.returncode == 0, fixed.stderr
    assert (repo / "l10n/de.po").read_text(encoding="utf-8") == PO.replace("speichern .", "speichern.")
    assert "Ouvrir le fichier" in (repo / "l10n/fr.xlf").read_text(encoding="utf-8")
    assert untouched(repo, "vendor/it.po", "requirements.txt", "data.csv", "glossaries/terms.tsv")
    again = run_hook(repo, check, files)
    assert (again.returncode, again.stderr) == (0, "")


def test_pre_commit_hooks_pass_when_the_configuration_excludes_every_file(repo: Path) -> None:
    for hook in hooks().values():
        result = run_hook(repo, hook, ["vendor/it.po"])
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert untouched(repo, "vendor/it.po")


# --- the GitHub Action ----------------------------------------------------------------------------


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def step(name: str) -> dict:
    return next(s for s in action()["runs"]["steps"] if s["name"] == name)


def test_the_action_is_a_composite_action_with_documented_inputs() -> None:
    definition = action()
    assert definition["runs"]["using"] == "composite"
    assert set(definition["inputs"]) == {"paths", "args", "python-version", "working-directory"}
    assert all(spec.get("description") for spec in definition["inputs"].values())
    setup = step("Set up Python")
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}", "update-environment": False}
    for name in ("Install mtcheck", "Check translations"):
        assert step(name)["shell"] == "bash"
        assert "${{" not in step(name)["run"]  # inputs reach the scripts as environment variables only


def fake_python(directory: Path, log: Path) -> Path:
    """A `python3` that makes a venv of itself and logs what pip was asked to install."""
    script = directory / "python3"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python"; exit 0; fi\n'
        f'echo "$@" >> "{log}"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_the_action_installs_mtcheck_from_its_own_path(tmp_path: Path) -> None:
    log, output = tmp_path / "pip.log", tmp_path / "github_output"
    python = fake_python(tmp_path, log)
    env = environment(
        GITHUB_ACTION_PATH=str(ROOT),
        RUNNER_TEMP=str(tmp_path / "runner"),
        GITHUB_OUTPUT=str(output),
        MTCHECK_PYTHON=str(python),
    )
    install = subprocess.run(["bash", "-e", "-c", step("Install mtcheck")["run"]], env=env, capture_output=True)
    assert install.returncode == 0, install.stderr
    assert log.read_text() == f"-m pip install --quiet --disable-pip-version-check {ROOT}\n"
    assert output.read_text() == f"python={tmp_path}/runner/mtcheck-venv/bin/python\n"


def test_the_action_checks_translations_only_and_writes_a_step_summary(repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = environment(
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        MTCHECK_PYTHON=sys.executable,
        MTCHECK_PATHS=". 'l10n/*.xlf'",
        MTCHECK_ARGS=" ".join([*ARGS, "--fail-on", "major"]),
    )
    run = subprocess.run(
        ["bash", "-e", "-c", step("Check translations")["run"]], cwd=repo, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr  # two minor findings: below --fail-on major
    lines = run.stdout.splitlines()
    assert [line.split("::")[1].split(",")[0] for line in lines[:-1]] == [
        "warning file=l10n/de.po",
        "warning file=l10n/fr.xlf",
    ]
    assert lines[-1] == (
        "::notice title=mtcheck::2 findings (0 critical, 0 major, 2 minor) in 2 segments of 2 files; "
        "MQM score 66.7 (6 words)."
    )
    assert run.stderr == "mtcheck: note: skipped 1 file whose header names no target column: data.csv\n"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "## mtcheck: ✅ passed\n\n2 findings (0 critical, 0 major, 2 minor) in 2 segments of 2 files;"
    )
    assert "| l10n/de.po | 1 | 1 | 50.0 |\n| l10n/fr.xlf | 1 | 1 | 75.0 |\n" in text  # file, segments, findings, score
    assert "| `punct.space-before` | 1 | 1 |" in text and "| `repeat.word` | 1 | 1 |" in text
    assert "vendor" not in text and ".venv" not in text and "glossaries" not in text


def test_the_readme_workflow_uses_the_action() -> None:
    block = README.split("<!-- github-actions -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(block)
    uses = [s for s in steps if "mtcheck" in s.get("uses", "")]
    assert len(uses) == 1 and set(uses[0]["with"]) <= set(action()["inputs"])


def test_the_readme_gitlab_recipe_reports_translations_only(repo: Path) -> None:
    block = README.split("<!-- gitlab-ci -->", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    job = yaml.safe_load(block)["translations"]
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "mtcheck-junit.xml",
    }
    script = [line for line in job["script"] if not line.startswith("pip install")]
    shell = f'mtcheck() {{ "{sys.executable}" -m mtcheck "$@" {" ".join(ARGS)}; }}\n' + "\n".join(script)
    run = subprocess.run(["bash", "-c", shell], cwd=repo, env=environment(), capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the two findings fail the job (--fail-on minor)
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["location"]["path"], i["check_name"]) for i in issues] == [
        ("l10n/de.po", "punct.space-before"),
        ("l10n/fr.xlf", "repeat.word"),
    ]
    assert "l10n/fr.xlf" in (repo / "mtcheck-junit.xml").read_text(encoding="utf-8")
