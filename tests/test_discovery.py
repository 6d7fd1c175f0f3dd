"""Discovery in real repositories: git's ignore rules (checked against git itself), the default
exclusions, glossaries and rule packs beside translations, named files, --force-exclude."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.discovery import GitIgnore, Globs, Rules, discover, git_dir, holds_translations

GIT_ENV = {
    "HOME": "/nonexistent",  # no global excludes file
    "XDG_CONFIG_HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "PATH": os.environ.get("PATH", ""),
}


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def git_keeps(root: Path) -> list[str]:
    """What git itself does not ignore: the untracked files of a repository with no commits."""
    return sorted(git(root, "ls-files", "--others", "--exclude-standard").splitlines())


def everything(root: Path) -> Rules:
    """Every file (no default exclusions, no extension filter): git's rules alone."""
    return Rules(include=(Globs(root, ("*",)),))


def walked(root: Path, rules: Rules | None = None) -> list[str]:
    old = os.getcwd()
    os.chdir(root)
    try:
        return discover(["."], rules or everything(root)).files
    finally:
        os.chdir(old)


# --- git's ignore rules, compared with git --------------------------------------------------------

TRICKY = {
    ".gitignore": (
        "# comment\n*.log\n!keep.log\n/top-only.txt\nbuild-out/\ndocs/**/draft.txt\n**/tmp\n"
        "\\#hash.txt\n\\!bang.txt\nspace\\ \nfoo/*\n!foo/bar\n[abc].txt\nx?.txt\n"
    ),
    "a.log": "",
    "keep.log": "",
    "sub/keep.log": "",
    "sub/b.log": "",
    "top-only.txt": "",
    "sub/top-only.txt": "",
    "build-out/x.txt": "",
    "sub/build-out/y.txt": "",
    "build-out.txt": "",
    "docs/a/b/draft.txt": "",
    "docs/draft.txt": "",
    "draft.txt": "",
    "deep/er/tmp/z.txt": "",
    "tmp": "",
    "#hash.txt": "",
    "!bang.txt": "",
    "space ": "",
    "foo/bar": "",
    "foo/baz": "",
    "a.txt": "",
    "d.txt": "",
    "xy.txt": "",
    "xyz.txt": "",
    # nested files: a deeper one overrides, and re-includes what a parent ignores
    "l10n/.gitignore": "*.po\n!de.po\ngen/\n",
    "l10n/de.po": "",
    "l10n/fr.po": "",
    "l10n/gen/x.xlf": "",
    "l10n/x.xlf": "",
    "l10n/sub/.gitignore": "!fr.po\n",
    "l10n/sub/fr.po": "",
    "l10n/sub/it.po": "",
    # a directory git ignores cannot have files re-included below it
    "ignored-dir/.gitignore": "!*\n",
    "ignored-dir/a.txt": "",
}


def test_tricky_patterns_agree_with_git(tmp_path: Path) -> None:
    tree(tmp_path, TRICKY)
    (tmp_path / ".gitignore").write_text(TRICKY[".gitignore"] + "ignored-dir/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    expected = git_keeps(tmp_path)
    assert "keep.log" in expected and "l10n/de.po" in expected and "l10n/sub/fr.po" in expected  # the test bites
    assert walked(tmp_path) == expected


def test_info_exclude_ranks_below_every_gitignore(tmp_path: Path) -> None:
    tree(tmp_path, {"a.po": "", "b.po": "", "l10n/c.po": "", "l10n/.gitignore": "!c.po\n"})
    git(tmp_path, "init", "-q")
    (tmp_path / ".git" / "info" / "exclude").write_text("*.po\n!b.po\n", encoding="utf-8")
    assert walked(tmp_path) == git_keeps(tmp_path) == ["b.po", "l10n/.gitignore", "l10n/c.po"]


def test_a_linked_work_tree_reads_the_common_info_exclude(tmp_path: Path) -> None:
    main = tmp_path / "main"
    tree(main, {"a.po": "x"})
    git(main, "init", "-q")
    git(main, "-c", "user.name=t", "-c", "user.email=t@t", "add", "a.po")
    git(main, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")
    git(main, "worktree", "add", "-q", str(tmp_path / "linked"))
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("*.tmp.po\n", encoding="utf-8")
    linked = tmp_path / "linked"
    tree(linked, {"b.tmp.po": "", "c.po": ""})
    assert git_dir(linked).resolve() == (main / ".git").resolve()
    assert walked(linked) == ["a.po", "c.po"]
    assert git_keeps(linked) == ["c.po"]  # (a.po is tracked: git lists only untracked files)


@pytest.mark.parametrize("seed", range(6))
def test_random_trees_agree_with_git(tmp_path: Path, seed: int) -> None:
    """Random patterns from a small alphabet over a random tree: discovery keeps exactly what
    git does not ignore."""
    rng = random.Random(seed)
    names = ["a", "b", "de", "x.po", "y.xlf", "z.log"]
    dirs = ["", "l10n/", "l10n/de/", "src/", "src/l10n/"]
    files = {d + rng.choice(names[3:]) for d in dirs for _ in range(3)}
    files |= {d + rng.choice(names[:3]) + "/" + rng.choice(names[3:]) for d in dirs for _ in range(2)}
    pieces = ["*.po", "*.log", "de/", "/l10n", "l10n/de", "**/de", "src/**/x.po", "a", "b/", "*", "y.*", "**/l10n/*"]
    contents = {name: "" for name in files}
    for directory in rng.sample(dirs, 3):
        patterns = [("!" if rng.random() < 0.3 else "") + rng.choice(pieces) for _ in range(rng.randint(1, 4))]
        contents[directory + ".gitignore"] = "\n".join(patterns) + "\n"
    tree(tmp_path, contents)
    git(tmp_path, "init", "-q")
    assert walked(tmp_path) == git_keeps(tmp_path), contents


def test_gitignore_applies_only_inside_a_work_tree(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.po\n", "a.po": "", "b.xlf": ""})
    assert GitIgnore.around(tmp_path) is None
    assert walked(tmp_path) == [".gitignore", "a.po", "b.xlf"]
    (tmp_path / ".git").mkdir()
    assert walked(tmp_path) == [".gitignore", "b.xlf"]


def test_a_nested_repository_has_its_own_rules(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.xlf\n", "a.xlf": "", "vendor/lib/.gitignore": "*.po\n"})
    tree(tmp_path, {"vendor/lib/b.xlf": "", "vendor/lib/c.po": "", "d.po": ""})
    (tmp_path / ".git").mkdir()
    (tmp_path / "vendor/lib/.git").mkdir()
    assert walked(tmp_path) == [".gitignore", "d.po", "vendor/lib/.gitignore", "vendor/lib/b.xlf"]


# --- what a walk skips by default ----------------------------------------------------------------

PO = 'msgid "Hello"\nmsgstr "Hallo ."\n'
REPO = {
    "l10n/de.po": PO,
    "l10n/fr/app.xlf": '<xliff version="1.2"><file source-language="en" target-language="fr"><body/></file></xliff>',
    "l10n/ui.tsv": "source\ttarget\nHello\tHallo .\n",
    "l10n/strings.csv": "id,source,target\n1,Hello,Hallo .\n",
    "l10n/notes.txt": "the the\n",
    "requirements.txt": "requests==2.0\n",
    "data.csv": "name,value\nx,1\n",
    "stats.tsv": "a\tb\tc\n1\t2\t3\n",
    "events.jsonl": '{"event": "x"}\n',
    "units.jsonl": '{"id": "1", "source": "Hello", "target": "Hallo ."}\n',
    "glossaries/terms.tsv": "source\ttarget\nHello\tHallo\n",
    "terms/company.tbx": "<martif/>",
    "qa/terms.tsv": "source\ttarget\nHello\tHallo\n",
    "qa/packs/house.toml": "",
    "env/pyvenv.cfg": "home = /usr/bin\n",
    "env/lib/site/de.po": PO,
    "conda/conda-meta/history": "",
    "conda/share/de.po": PO,
    "node_modules/pkg/de.po": PO,
    "build/de.po": PO,
    "dist/de.po": PO,
    ".cache/de.po": PO,
    "docs/_build/de.po": PO,
    "pkg.egg-info/de.po": PO,
    ".git/de.po": PO,
}


def test_only_translations_are_found_in_a_repository(tmp_path: Path) -> None:
    tree(tmp_path, REPO)
    rules = Rules.from_settings(_settings(tmp_path), tmp_path)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        found = discover(["."], rules)
    finally:
        os.chdir(old)
    translations = ["l10n/de.po", "l10n/fr/app.xlf", "l10n/strings.csv", "l10n/ui.tsv"]
    assert found.files == [*translations, "qa/terms.tsv", "units.jsonl"]  # no configuration names qa/terms.tsv
    assert found.not_translations == ["data.csv", "events.jsonl", "stats.tsv"]


def _settings(root: Path, config: str = "", **flags: object):
    from mtcheck.config import ConfigResolver

    if config:
        (root / "mtcheck.toml").write_text(config, encoding="utf-8")
    return ConfigResolver(flags).settings(root)


def test_holds_translations_by_the_first_line(tmp_path: Path) -> None:
    cases = {
        "a.csv": ("Source;Target\nx;y\n", True),
        "b.csv": ('"id","source","target"\n', True),
        "c.csv": ("name,value\n", False),
        "d.tsv": ("Hello\tHallo\n", True),  # a pair without a header
        "e.tsv": ("id\tsource\ttarget\n", True),
        "f.tsv": ("a\tb\tc\n", False),
        "g.jsonl": ('\n{"target": "x"}\n', True),
        "h.jsonl": ('{"text": "x"}\n', False),
        "i.jsonl": ("not json\n", True),  # the reader says what is wrong
        "j.csv": ("", True),
        "k.po": ("anything", True),
    }
    for name, (text, _) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert {name: holds_translations(str(tmp_path / name)) for name in cases} == {
        name: expected for name, (_, expected) in cases.items()
    }
    assert holds_translations(str(tmp_path / "c.csv"), target_column="value")
    (tmp_path / "u.csv").write_bytes("source,target\n".encode("utf-16"))
    assert holds_translations(str(tmp_path / "u.csv"))


# --- on the command line -------------------------------------------------------------------------


def jsonl_paths(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return sorted({json.loads(line)["path"] for line in result.stdout.decode().splitlines()})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    tree(tmp_path, REPO)
    tree(tmp_path, {".gitignore": "/generated/\n*.bak.po\n", "generated/de.po": PO, "l10n/old.bak.po": PO})
    git(tmp_path, "init", "-q")
    return tmp_path


CHECK = ("check", "--no-shipped-rules", "--select", "punct", "--format", "jsonl")


def test_check_dot_reads_the_translations_only(repo: Path) -> None:
    result = run_cli(*CHECK, ".", cwd=repo)
    assert jsonl_paths(result) == ["l10n/de.po", "l10n/strings.csv", "l10n/ui.tsv", "units.jsonl"]
    assert result.stderr.decode() == (
        "mtcheck: note: skipped 3 files whose header names no target column: data.csv, events.jsonl, stats.tsv\n"
    )
    assert result.returncode == 1


def test_no_respect_gitignore_and_the_exclude_options(repo: Path) -> None:
    loose = run_cli(*CHECK, "--no-respect-gitignore", ".", cwd=repo)
    assert jsonl_paths(loose) == [
        "generated/de.po",
        "l10n/de.po",
        "l10n/old.bak.po",
        "l10n/strings.csv",
        "l10n/ui.tsv",
        "units.jsonl",
    ]
    extended = run_cli(*CHECK, "--extend-exclude", "l10n/*.csv", "--extend-exclude", "units.*", ".", cwd=repo)
    assert jsonl_paths(extended) == ["l10n/de.po", "l10n/ui.tsv"]
    replaced = run_cli(*CHECK, "--exclude", "l10n", ".", cwd=repo)  # the default list is gone: build/ is read
    assert jsonl_paths(replaced) == [
        ".cache/de.po",
        "build/de.po",
        "dist/de.po",
        "docs/_build/de.po",
        "node_modules/pkg/de.po",
        "pkg.egg-info/de.po",
        "units.jsonl",
    ]


def test_config_excludes_are_relative_to_the_config_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.mtcheck]\nextend-exclude = ["l10n/ui.tsv", "*.csv"]\nrespect-gitignore = false\n', encoding="utf-8"
    )
    result = run_cli(*CHECK, "l10n", cwd=repo / "l10n")  # run from elsewhere: the globs mean the same files
    assert result.returncode == 2  # l10n/l10n does not exist
    result = run_cli(*CHECK, ".", cwd=repo / "l10n")
    assert jsonl_paths(result) == ["de.po", "old.bak.po"]
    config = run_cli("config", "--json", cwd=repo)
    settings = json.loads(config.stdout)
    assert settings["settings"]["extend-exclude"] == ["l10n/ui.tsv", "*.csv"]
    assert settings["settings"]["respect-gitignore"] is False
    assert settings["sources"]["extend-exclude"] == "pyproject.toml [tool.mtcheck]"
    assert settings["settings"]["exclude"][:3] == [".venv", "venv", ".tox"]


def test_glossaries_and_packs_the_config_names_are_never_batches(repo: Path) -> None:
    (repo / "mtcheck.toml").write_text('glossaries = ["qa/terms.tsv"]\nrules = ["qa/packs"]\n', encoding="utf-8")
    (repo / "qa/packs/house.toml").unlink()
    (repo / "qa/packs/extra.tsv").write_text("source\ttarget\nHello\tHallo .\n", encoding="utf-8")
    with_config = run_cli(*CHECK, "--include", "*.tsv", ".", cwd=repo)
    assert jsonl_paths(with_config) == ["l10n/ui.tsv"]
    (repo / "mtcheck.toml").unlink()
    without = run_cli(*CHECK, "--include", "*.tsv", ".", cwd=repo)
    assert jsonl_paths(without) == ["l10n/ui.tsv", "qa/packs/extra.tsv"]
    flagged = run_cli(*CHECK, "-g", "qa/terms.tsv", "--include", "*.tsv", ".", cwd=repo)
    assert jsonl_paths(flagged) == ["l10n/ui.tsv", "qa/packs/extra.tsv"]


def test_named_files_are_always_checked(repo: Path) -> None:
    named = ["build/de.po", "generated/de.po", "glossaries/terms.tsv", "env/lib/site/de.po"]
    result = run_cli(*CHECK, *named, cwd=repo)
    assert result.returncode == 1
    assert jsonl_paths(result) == ["build/de.po", "env/lib/site/de.po", "generated/de.po"]  # terms.tsv is clean


def test_force_exclude_applies_the_exclusions_to_named_files(repo: Path) -> None:
    (repo / "mtcheck.toml").write_text('extend-exclude = ["l10n/ui.tsv"]\n', encoding="utf-8")
    result = run_cli(*CHECK, "--force-exclude", "build/de.po", "glossaries/terms.tsv", "l10n/de.po", cwd=repo)
    assert jsonl_paths(result) == ["l10n/de.po"]
    none_left = run_cli(*CHECK, "--force-exclude", "build/de.po", "l10n/ui.tsv", "terms/company.tbx", cwd=repo)
    assert (none_left.returncode, none_left.stdout, none_left.stderr) == (0, b"", b"")


def test_glob_patterns_skip_what_walks_skip(repo: Path) -> None:
    result = run_cli(*CHECK, "**/*.po", cwd=repo)
    assert jsonl_paths(result) == ["l10n/de.po"]
    top = run_cli(*CHECK, "*.jsonl", cwd=repo)  # a glob without a slash is the top directory's, as in a shell
    assert jsonl_paths(top) == ["units.jsonl"]


def test_an_empty_walk_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "de.po").write_text(PO, encoding="utf-8")
    result = run_cli(*CHECK, ".", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (2, "mtcheck: error: no files to check in .\n")
