"""Configuration: discovery, precedence and sources, every key, errors, overrides, severity."""

from __future__ import annotations  # noqa: I001

import json
import os
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from helpers import run_cli
from typer.testing import CliRunner

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.cli.config import config as config_command
from mtcheck.cli.config import render, settings_json
from mtcheck.config import (
    DEFAULT_WEIGHTS,
    KEYS,
    ConfigError,
    Checkers,
    ConfigResolver,
    Settings,
    apply_severity,
    build_rules,
    find_config,
    glob_regex,
    path_matches,
    resolve,
    settings_for_file,
)
from mtcheck.engine import Checker, RuleSet
from mtcheck.model import Origin, Segment, Severity
from mtcheck.rule import Hit, RuleInfo
from mtcheck.selection import SelectionError

DEFAULT_SOURCES = dict.fromkeys(KEYS, "default")
PY = "pyproject.toml [tool.mtcheck]"

PACK = """\
[pack]
name = "mine"
target-lang = "en"

[[rule]]
id = "my.calque.carrier"
pattern = '\\bas (?:the|a) carrier\\b'
ignore-case = true
message = "“{match}” calques 以…为载体"
category = "style/awkward"
severity = "minor"
replacement = "as a platform"
why = "载体 is a platform here."
[[rule.bad]]
target = "use the day as the carrier to educate"
fix = "use the day as a platform to educate"
[[rule.good]]
target = "the carrier landed"
"""

GLOSSARY = (
    "id\tsource\ttarget\tforbidden\tseverity\n"
    "t1\t总体国家安全观\tholistic approach to national security\toverall national security concept\t\n"
    "t2\t干部\tofficials\tcadres\tcritical\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, made the working directory."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    return project


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pyproject(directory: Path, body: str) -> Path:
    return write(directory / "pyproject.toml", '[project]\nname = "demo"\n\n[tool.mtcheck]\n' + textwrap.dedent(body))


def sources(**changed: str) -> dict[str, str]:
    return {**DEFAULT_SOURCES, **{key.replace("_", "-"): value for key, value in changed.items()}}


def segment(target: str, source: str | None = None, path: str = "t.txt") -> Segment:
    return Segment(key="t", target=target, source=source, origin=Origin(path, 1))


# --- discovery -----------------------------------------------------------------------------------


def test_no_config_gives_the_defaults(root: Path) -> None:
    settings = resolve(".")
    assert settings.config_file is None
    assert settings.sources == DEFAULT_SOURCES
    assert settings == Settings()
    assert settings.weights == {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}


def test_search_walks_up_from_the_files_directory(root: Path) -> None:
    pyproject(root, 'select = ["punct"]\n')
    write(root / "a" / "b" / "c.txt", "x\n")
    settings = resolve("a/b/c.txt")
    assert settings.config_file == "pyproject.toml"
    assert settings.select == ("punct",)
    assert settings.sources == sources(select=PY)
    assert find_config("a/b/c.txt") == root / "pyproject.toml"
    assert find_config("a/b") == root / "pyproject.toml"
    assert find_config("a/b/missing.txt") == root / "pyproject.toml"


def test_a_directory_is_searched_itself(root: Path) -> None:
    write(root / "sub" / "mtcheck.toml", 'select = ["trunc"]\n')
    assert resolve("sub").select == ("trunc",)
    assert resolve("sub").config_file == os.path.join("sub", "mtcheck.toml")
    assert resolve(".").config_file is None


def test_config_above_the_working_directory_is_shown_relative(root: Path, monkeypatch) -> None:
    write(root / "mtcheck.toml", 'select = ["trunc"]\n')
    (root / "docs").mkdir()
    monkeypatch.chdir(root / "docs")
    settings = resolve(".")
    assert settings.config_file == os.path.join("..", "mtcheck.toml")
    assert settings.sources["select"] == os.path.join("..", "mtcheck.toml")


def test_pyproject_without_the_table_is_skipped(root: Path) -> None:
    write(root / "mtcheck.toml", 'select = ["punct"]\n')
    write(root / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    # mentions mtcheck, so it is parsed, but has no [tool.mtcheck] either
    write(root / "pkg" / "sub" / "pyproject.toml", '[project]\ndependencies = ["mtcheck"]\n')
    assert resolve("pkg/sub").config_file == "mtcheck.toml"
    assert resolve("pkg").select == ("punct",)


def test_unrelated_broken_pyproject_is_skipped(root: Path) -> None:
    write(root / "mtcheck.toml", 'select = ["punct"]\n')
    write(root / "pkg" / "pyproject.toml", "[project\n")
    assert resolve("pkg").config_file == "mtcheck.toml"


def test_an_empty_table_still_stops_the_search(root: Path) -> None:
    write(root / "mtcheck.toml", 'select = ["punct"]\n')
    pyproject(root / "pkg", "")
    settings = resolve("pkg")
    assert settings.config_file == os.path.join("pkg", "pyproject.toml")
    assert settings.select == ()
    assert settings.sources == DEFAULT_SOURCES


def test_mtcheck_toml_wins_over_pyproject_in_one_directory(root: Path) -> None:
    pyproject(root, 'select = ["punct"]\n')
    write(root / "mtcheck.toml", 'select = ["trunc"]\n')
    settings = resolve(".")
    assert settings.config_file == "mtcheck.toml"
    assert settings.select == ("trunc",)
    assert settings.sources == sources(select="mtcheck.toml")


def test_explicit_config_file_and_isolated(root: Path) -> None:
    write(root / "mtcheck.toml", 'select = ["trunc"]\n')
    write(root / "elsewhere" / "ci.toml", 'select = ["punct"]\n')
    explicit = resolve(".", config_file="elsewhere/ci.toml")
    assert explicit.select == ("punct",)
    assert explicit.sources == sources(select=os.path.join("elsewhere", "ci.toml"))
    assert resolve(".", isolated=True) == Settings()


def test_resolver_parses_each_file_once(root: Path) -> None:
    write(root / "mtcheck.toml", 'select = ["trunc"]\n')
    write(root / "a" / "x.txt", "x\n")
    write(root / "b" / "y.txt", "y\n")
    resolver = ConfigResolver()
    first = resolver.settings("a/x.txt")
    (root / "mtcheck.toml").write_text('select = ["punct"]\n', encoding="utf-8")
    assert resolver.settings("b/y.txt") is first  # one run, one reading
    assert resolver.for_run(["a/x.txt", "b/y.txt"]) is first


# --- precedence and sources -------------------------------------------------------------------


def test_flag_beats_override_beats_file_beats_default(root: Path) -> None:
    write(
        root / "mtcheck.toml",
        """\
        src-lang = "zh"
        [[overrides]]
        paths = ["ja/**"]
        src-lang = "ja"
        """,
    )
    write(root / "ja" / "a.txt", "x\n")
    write(root / "b.txt", "x\n")
    assert resolve(".", isolated=True).sources["src-lang"] == "default"
    base = resolve("b.txt")
    assert (base.src_lang, base.sources) == ("zh", sources(src_lang="mtcheck.toml", overrides="mtcheck.toml"))
    assert settings_for_file(base, "b.txt") is base
    per_file = settings_for_file(resolve("ja/a.txt"), "ja/a.txt")
    assert per_file.src_lang == "ja"
    assert per_file.sources == sources(src_lang="mtcheck.toml overrides[0]", overrides="mtcheck.toml")
    flagged = settings_for_file(resolve("ja/a.txt", {"src_lang": "ko", "tgt_lang": None}), "ja/a.txt")
    assert flagged.src_lang == "ko"
    assert flagged.sources == sources(src_lang="--src-lang", overrides="mtcheck.toml")


def test_flags_are_the_only_source_without_config(root: Path) -> None:
    settings = resolve(
        ".",
        {
            "select": ["punct,trunc", "repeat"],
            "extend-select": None,
            "ignore": ["punct.double-space"],
            "rules": ["my/pack.toml"],
            "glossaries": ["zh-en"],
            "shipped_rules": False,
            "fail_on": "never",
            "min_score": 90,
        },
    )
    assert settings.select == ("punct", "trunc", "repeat")
    assert settings.ignore == ("punct.double-space",)
    assert settings.rules == ("my/pack.toml",)  # as given: relative to the working directory
    assert settings.glossaries == ("zh-en",)
    assert (settings.shipped_rules, settings.fail_on, settings.min_score) == (False, "never", 90)
    assert settings.sources == sources(
        select="--select",
        ignore="--ignore",
        rules="--rules",
        glossaries="--glossary",
        shipped_rules="--no-shipped-rules",
        fail_on="--fail-on",
        min_score="--min-score",
    )


def test_selection_chain_follows_ruff(root: Path) -> None:
    pyproject(root, 'select = ["punct", "trunc"]\nextend-select = ["consistency"]\nignore = ["punct.double-space"]\n')
    base = resolve(".")
    assert base.sources == sources(select=PY, extend_select=PY, ignore=PY)
    # --ignore and --extend-select add to the config's
    added = resolve(".", {"ignore": ["trunc.fragment"], "extend_select": ["repeat"]})
    assert added.select == ("punct", "trunc")
    assert added.ignore == ("punct.double-space", "trunc.fragment")
    assert added.extend_select == ("consistency", "repeat")
    assert added.sources == sources(select=PY, extend_select=f"{PY} + --extend-select", ignore=f"{PY} + --ignore")
    # --select starts over: the config's modifiers are dropped
    fresh = resolve(".", {"select": ["punct.double-space"]})
    assert (fresh.select, fresh.extend_select, fresh.ignore) == (("punct.double-space",), (), ())
    assert fresh.sources == sources(select="--select", extend_select="--select", ignore="--select")
    assert [rule.info.id for rule in build_rules(fresh)] == ["punct.double-space"]


def test_override_select_starts_over_and_override_ignore_adds(root: Path) -> None:
    write(
        root / "mtcheck.toml",
        """\
        ignore = ["punct.double-space"]
        [[overrides]]
        paths = ["glossary-only/**"]
        select = ["term"]
        [[overrides]]
        paths = ["legacy/**"]
        ignore = ["trunc"]
        """,
    )
    settings = resolve(".")
    only = settings_for_file(settings, "glossary-only/a.txt")
    assert (only.select, only.ignore) == (("term",), ())
    assert only.sources == sources(
        select="mtcheck.toml overrides[0]", ignore="mtcheck.toml overrides[0]", overrides="mtcheck.toml"
    )
    legacy = settings_for_file(settings, "legacy/a.txt")
    assert legacy.ignore == ("punct.double-space", "trunc")
    assert legacy.sources["ignore"] == "mtcheck.toml + mtcheck.toml overrides[1]"


def test_later_override_wins_and_tables_merge(root: Path) -> None:
    write(
        root / "mtcheck.toml",
        """\
        tgt-lang = "en"
        weights = {major = 4}
        [severity]
        punct = "major"
        repeat = "critical"
        [[overrides]]
        paths = ["*.po"]
        tgt-lang = "en-GB"
        severity = {punct = "minor"}
        [[overrides]]
        paths = ["ui/**"]
        tgt-lang = "en-US"
        """,
    )
    both = settings_for_file(resolve("."), "ui/app.po")
    assert both.tgt_lang == "en-US"
    assert both.severity == {"punct": Severity.MINOR, "repeat": Severity.CRITICAL}
    assert both.weights == {Severity.MINOR: 1, Severity.MAJOR: 4, Severity.CRITICAL: 25}
    assert both.sources == sources(
        tgt_lang="mtcheck.toml overrides[1]",
        severity="mtcheck.toml + mtcheck.toml overrides[0]",
        weights="mtcheck.toml",
        overrides="mtcheck.toml",
    )


# --- every key ----------------------------------------------------------------------------------


def test_every_key_is_parsed(root: Path) -> None:
    write(root / "packs" / "mine.toml", PACK)
    write(root / "terms.tsv", GLOSSARY)
    pyproject(
        root,
        """\
        src-lang = "zh"
        tgt-lang = "en-US"
        rules = ["packs/mine.toml", "packs"]
        shipped-rules = false
        glossaries = ["terms.tsv", "zh-en"]
        select = ["punct", "my"]
        extend-select = ["consistency.source"]
        ignore = ["punct.fullwidth"]
        severity = {"my.calque" = "critical", punct = "major"}
        fail-on = "critical"
        min-score = 92.5
        weights = {minor = 0.5, major = 5, critical = 10}
        include = ["*.xlf", "l10n/**/*.po"]
        exclude = ["vendor/**"]
        extend-exclude = ["old/"]
        respect-gitignore = false
        force-exclude = true
        max-length = 200

        [[tool.mtcheck.overrides]]
        paths = ["legacy/**", "*.tmx"]
        select = ["trunc"]
        extend-select = ["term"]
        ignore = ["trunc.fragment"]
        severity = {trunc = "minor"}
        src-lang = "ja"
        tgt-lang = "en"
        glossaries = ["terms.tsv"]
        max-length = 40
        """,
    )
    settings = resolve(".")
    assert settings.src_lang == "zh"
    assert settings.tgt_lang == "en-US"
    assert settings.rules == (str(root / "packs" / "mine.toml"), str(root / "packs"))
    assert settings.shipped_rules is False
    assert settings.glossaries == (str(root / "terms.tsv"), "zh-en")
    assert settings.select == ("punct", "my")
    assert settings.extend_select == ("consistency.source",)
    assert settings.ignore == ("punct.fullwidth",)
    assert settings.severity == {"my.calque": Severity.CRITICAL, "punct": Severity.MAJOR}
    assert settings.fail_on == "critical"
    assert settings.min_score == 92.5
    assert settings.weights == {Severity.MINOR: 0.5, Severity.MAJOR: 5, Severity.CRITICAL: 10}
    assert settings.include == ("*.xlf", "l10n/**/*.po")
    assert settings.exclude == ("vendor/**",)
    assert settings.extend_exclude == ("old/",)
    assert settings.respect_gitignore is False
    assert settings.force_exclude is True
    assert settings.max_length == 200
    assert settings.sources == {key: PY for key in KEYS}
    [override] = settings.overrides
    assert override.paths == ("legacy/**", "*.tmx")
    assert override.layer.values == {
        "select": ("trunc",),
        "extend-select": ("term",),
        "ignore": ("trunc.fragment",),
        "severity": {"trunc": Severity.MINOR},
        "src-lang": "ja",
        "tgt-lang": "en",
        "glossaries": (str(root / "terms.tsv"),),
        "max-length": 40,
    }
    legacy = settings_for_file(settings, "a.tmx")
    assert (legacy.select, legacy.extend_select, legacy.ignore) == (("trunc",), ("term",), ("trunc.fragment",))
    assert legacy.src_lang == "ja"
    assert legacy.glossaries == (str(root / "terms.tsv"),)
    assert legacy.max_length == 40
    assert legacy.severity == {"my.calque": Severity.CRITICAL, "punct": Severity.MAJOR, "trunc": Severity.MINOR}
    assert [rule.info.id for rule in build_rules(settings)][-2:] == ["consistency.source", "my.calque.carrier"]


def test_paths_are_relative_to_the_config_file_not_the_working_directory(root: Path, monkeypatch) -> None:
    write(root / "l10n" / "packs" / "mine.toml", PACK)
    write(root / "l10n" / "terms.tsv", GLOSSARY)
    write(root / "l10n" / "mtcheck.toml", 'rules = ["packs"]\nglossaries = ["terms.tsv"]\n')
    write(root / "l10n" / "fr" / "a.txt", "x\n")
    monkeypatch.chdir(root / "l10n" / "fr")
    settings = resolve("a.txt")
    assert settings.rules == (str(root / "l10n" / "packs"),)
    assert settings.glossaries == (str(root / "l10n" / "terms.tsv"),)
    ids = [rule.info.id for rule in build_rules(settings)]
    assert "my.calque.carrier" in ids
    found = Checker(build_rules(settings)).check_segment(segment("the cadres met", "干部开会"))
    assert [(f.rule, f.severity) for f in found] == [("term.forbidden", Severity.CRITICAL)]


# --- errors ---------------------------------------------------------------------------------------

ERRORS = [
    ('fial-on = "major"\n', "pyproject.toml:5: [tool.mtcheck] unknown key 'fial-on' (did you mean 'fail-on'?)"),
    ('fail_on = "major"\n', "pyproject.toml:5: [tool.mtcheck] unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("colour = true\n", "pyproject.toml:5: [tool.mtcheck] unknown key 'colour'"),
    (
        'fail-on = "hgih"\n',
        "pyproject.toml:5: [tool.mtcheck] fail-on: expected one of minor, major, critical, never, got 'hgih'",
    ),
    ('select = "punct"\n', "pyproject.toml:5: [tool.mtcheck] select: expected a list of strings, got 'punct'"),
    (
        'ignore = ["punct, trunc"]\n',
        "pyproject.toml:5: [tool.mtcheck] ignore: 'punct, trunc' is not a rule id prefix (give one per string)",
    ),
    (
        'extend-select = [""]\n',
        "pyproject.toml:5: [tool.mtcheck] extend-select: expected a list of strings, got an empty string",
    ),
    ('min-score = "high"\n', "pyproject.toml:5: [tool.mtcheck] min-score: expected a number, got 'high'"),
    ("min-score = nan\n", "pyproject.toml:5: [tool.mtcheck] min-score: expected a number, got nan"),
    ('shipped-rules = "no"\n', "pyproject.toml:5: [tool.mtcheck] shipped-rules: expected true or false, got 'no'"),
    (
        'src-lang = "Chinese (simplified)"\n',
        "pyproject.toml:5: [tool.mtcheck] src-lang: expected a language code such as 'zh' or 'en-US', got 'Chinese (simplified)'",  # noqa: E501
    ),
    (
        "tgt-lang = 1\n",
        "pyproject.toml:5: [tool.mtcheck] tgt-lang: expected a language code such as 'zh' or 'en-US', got 1",
    ),
    (
        'rules = ["packs/missing.toml"]\n',
        "pyproject.toml:5: [tool.mtcheck] rules: 'packs/missing.toml' does not exist (paths are relative to the config file's directory)",  # noqa: E501
    ),
    (
        'glossaries = ["nope.tsv"]\n',
        "pyproject.toml:5: [tool.mtcheck] glossaries: 'nope.tsv' is neither a file (relative to the config file's directory) nor a shipped glossary (zh-en, zh-en/political)",  # noqa: E501
    ),
    (
        'severity = "major"\n',
        'pyproject.toml:5: [tool.mtcheck] severity: expected a table of rule id → severity, such as {"punct" = "major"}, got \'major\'',  # noqa: E501
    ),
    (
        '[tool.mtcheck.severity]\npunct = "major"\n"repeat.word" = "blocker"\n',
        "pyproject.toml:7: [tool.mtcheck] severity.\"repeat.word\": expected one of minor, major, critical, got 'blocker'",  # noqa: E501
    ),
    (
        "weights = 5\n",
        "pyproject.toml:5: [tool.mtcheck] weights: expected a table such as {minor = 1, major = 5, critical = 25}, got 5",  # noqa: E501
    ),
    (
        "[tool.mtcheck.weights]\nblocker = 100\n",
        "pyproject.toml:6: [tool.mtcheck] weights: unknown severity 'blocker' (expected minor, major, critical)",
    ),
    ("weights = {major = -1}\n", "pyproject.toml:5: [tool.mtcheck] weights.major: expected a number ≥ 0, got -1"),
    ("include = [1]\n", "pyproject.toml:5: [tool.mtcheck] include: expected a list of strings, got an array"),
    (
        "overrides = 1\n",
        "pyproject.toml:5: [tool.mtcheck] overrides: expected an array of tables ([[tool.mtcheck.overrides]]), got 1",
    ),
    (
        '[[tool.mtcheck.overrides]]\nselect = ["punct"]\n',
        "pyproject.toml: [tool.mtcheck] overrides[0] missing 'paths' (a list of globs, relative to the config file's directory)",  # noqa: E501
    ),
    (
        "[[tool.mtcheck.overrides]]\npaths = []\n",
        "pyproject.toml:6: [tool.mtcheck] overrides[0] paths: expected at least one glob",
    ),
    (
        '[[tool.mtcheck.overrides]]\npaths = ["a/**"]\n[[tool.mtcheck.overrides]]\npaths = ["b/**"]\nfail-on = "major"\n',  # noqa: E501
        "pyproject.toml:9: [tool.mtcheck] overrides[1] 'fail-on' cannot be set per path (an override sets paths, select, extend-select, ignore, severity, src-lang, tgt-lang, glossaries, max-length)",  # noqa: E501
    ),
    (
        '[[tool.mtcheck.overrides]]\npaths = ["a/**"]\nignroe = ["punct"]\n',
        "pyproject.toml:7: [tool.mtcheck] overrides[0] unknown key 'ignroe' (did you mean 'ignore'?)",
    ),
    (
        '[[tool.mtcheck.overrides]]\npaths = ["a/**"]\nsrc-lang = "zh cn"\n',
        "pyproject.toml:7: [tool.mtcheck] overrides[0] src-lang: expected a language code such as 'zh' or 'en-US', got 'zh cn'",  # noqa: E501
    ),
    ('select = ["a" "b"]\n', "pyproject.toml:5:15: invalid TOML: Unclosed array"),
    ("select = [\n", "pyproject.toml: invalid TOML: Invalid value (at end of document)"),
]


@pytest.mark.parametrize(("body", "message"), ERRORS, ids=[message.split("] ")[-1][:40] for _, message in ERRORS])
def test_bad_config_is_one_line_naming_file_and_key(root: Path, body: str, message: str) -> None:
    pyproject(root, body)
    with pytest.raises(ConfigError) as caught:
        resolve(".")
    assert str(caught.value) == message


def test_errors_in_mtcheck_toml(root: Path) -> None:
    write(root / "mtcheck.toml", '[tool.mtcheck]\nselect = ["punct"]\n')
    with pytest.raises(
        ConfigError,
        match=r"^mtcheck.toml:1: unknown key 'tool' \(in mtcheck.toml the keys are at top level, without \[tool.mtcheck\]\)$",  # noqa: E501
    ):
        resolve(".")
    write(root / "mtcheck.toml", 'select = ["punct"]\n\n[[overrides]]\npaths = ["x"]\nsrc_lang = "zh"\n')
    with pytest.raises(ConfigError) as caught:
        resolve(".")
    assert str(caught.value) == "mtcheck.toml:5: overrides[0] unknown key 'src_lang' (did you mean 'src-lang'?)"
    write(root / "mtcheck.toml", 'select = ["punct"]\nfial-on = 1\n')
    with pytest.raises(ConfigError) as caught:
        resolve(".")
    assert str(caught.value) == "mtcheck.toml:2: unknown key 'fial-on' (did you mean 'fail-on'?)"


def test_error_without_a_line_still_names_file_and_key(root: Path) -> None:
    write(root / "mtcheck.toml", 'severity = {punct = "huge"}\n')  # an inline table: no line per entry
    with pytest.raises(ConfigError) as caught:
        resolve(".")
    assert str(caught.value) == "mtcheck.toml:1: severity.\"punct\": expected one of minor, major, critical, got 'huge'"
    write(root / "mtcheck.toml", "x.fial-on = 1\n")
    with pytest.raises(ConfigError) as caught:
        resolve(".")
    assert str(caught.value) == "mtcheck.toml:1: unknown key 'x'"


def test_bad_flag_values(root: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(".", {"fail_on": "sometimes"})
    assert str(caught.value) == "--fail-on: expected one of minor, major, critical, never, got 'sometimes'"
    with pytest.raises(ConfigError) as caught:
        resolve(".", {"severity": {"punct": "huge"}})
    assert str(caught.value) == "--severity: severity.\"punct\": expected one of minor, major, critical, got 'huge'"
    with pytest.raises(TypeError, match="unknown setting 'colour'"):
        resolve(".", {"colour": True})


def test_unknown_rule_ids_in_config_name_file_and_key(root: Path) -> None:
    pyproject(root, 'select = ["punt"]\n')
    with pytest.raises(ConfigError) as caught:
        build_rules(resolve("."))
    assert (
        str(caught.value)
        == "pyproject.toml:5: [tool.mtcheck] select: no rule matches 'punt' (see `mtcheck rules list`)"
    )
    pyproject(root, 'ignore = ["punct"]\n[tool.mtcheck.severity]\npunct = "major"\n"repeat.wrd" = "minor"\n')
    with pytest.raises(ConfigError) as caught:
        build_rules(resolve("."))
    assert (
        str(caught.value)
        == "pyproject.toml:8: [tool.mtcheck] severity: no rule matches 'repeat.wrd' (see `mtcheck rules list`)"
    )
    pyproject(root, '[[tool.mtcheck.overrides]]\npaths = ["a/**"]\nextend-select = ["consistensy"]\n')
    settings = resolve(".")
    build_rules(settings)  # the override applies to no file yet
    with pytest.raises(ConfigError) as caught:
        build_rules(settings_for_file(settings, "a/x.txt"))
    assert (
        str(caught.value)
        == "pyproject.toml:7: [tool.mtcheck] overrides[0] extend-select: no rule matches 'consistensy' (see `mtcheck rules list`)"  # noqa: E501
    )


def test_unknown_rule_ids_from_flags_keep_the_usual_error(root: Path) -> None:
    pyproject(root, 'ignore = ["punct"]\n')
    with pytest.raises(SelectionError, match=r"^no rule matches 'repeat.wo' \(see `mtcheck rules list`\)$"):
        build_rules(resolve(".", {"select": ["repeat.wo"]}))


def test_rules_of_another_language_pair_are_known_and_run_only_on_their_pair(root: Path) -> None:
    pyproject(root, 'severity = {"zh-en.calque" = "critical"}\nextend-select = ["zh-en.calque.first-move"]\n')
    rules = build_rules(resolve(".", {"src_lang": "ja"}))
    [first_move] = [rule for rule in rules if rule.info.id == "zh-en.calque.first-move"]
    assert first_move.info.severity is Severity.CRITICAL
    checker = Checker(rules)
    target = "We must play the first chess well."

    def calques(source: str, src_lang: str) -> list[str]:
        found = checker.check_segment(
            Segment("t", target, Origin("t", 1), source=source, src_lang=src_lang, tgt_lang="en")
        )
        return [f.rule for f in found if f.rule.startswith("zh-en.")]

    assert calques("下好先手棋。", "zh") == ["zh-en.calque.first-move"]
    assert calques("先手を打つ。", "ja") == []  # the same words in a Japanese source: not this pack's pair
    only = resolve(".", {"src_lang": "ja", "select": ["zh-en"]})
    assert {rule.info.id.split(".")[0] for rule in build_rules(only)} == {"zh-en"}


# --- per-path overrides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "yes", "no"),
    [
        ("*.po", ["a.po", "x/y/a.po"], ["a.pot", "a.po.txt"]),
        ("docs/*.txt", ["docs/a.txt"], ["docs/x/a.txt", "other/docs/a.txt", "a.txt"]),
        ("docs/**", ["docs/a.txt", "docs/x/y/a.txt"], ["docsx/a.txt", "a/docs/b.txt"]),
        ("**/legacy/*.txt", ["legacy/a.txt", "x/y/legacy/a.txt"], ["legacy/x/a.txt"]),
        ("legacy", ["legacy/a.txt", "x/legacy/b/c.txt", "legacy"], ["legacy2/a.txt"]),
        ("docs/", ["docs/a.txt"], ["a/docs.txt"]),
        ("./ui/*.xlf", ["ui/a.xlf"], ["x/ui/a.xlf"]),
        ("/ui/*.xlf", ["ui/a.xlf"], ["x/ui/a.xlf"]),
        ("[ab]?.txt", ["a1.txt", "d/b2.txt"], ["c1.txt", "a12.txt"]),
        ("[!a]*.txt", ["b.txt"], ["a.txt"]),
        ("a[.txt", ["a[.txt"], ["a.txt"]),
    ],
)
def test_glob(pattern: str, yes: list[str], no: list[str]) -> None:
    regex = glob_regex(pattern)
    assert [p for p in yes if not regex.fullmatch(p)] == []
    assert [p for p in no if regex.fullmatch(p)] == []


def test_override_globs_are_relative_to_the_config_directory(root: Path, monkeypatch) -> None:
    write(root / "l10n" / "mtcheck.toml", '[[overrides]]\npaths = ["fr/*.txt"]\nselect = ["trunc"]\n')
    write(root / "l10n" / "fr" / "a.txt", "x\n")
    write(root / "fr" / "b.txt", "x\n")
    settings = resolve("l10n/fr/a.txt")
    assert settings_for_file(settings, "l10n/fr/a.txt").select == ("trunc",)
    assert settings_for_file(settings, "fr/b.txt").select == ()  # outside the config's directory
    assert settings_for_file(settings, "-").select == ()
    monkeypatch.chdir(root / "l10n" / "fr")
    assert ConfigResolver().for_file("a.txt").select == ("trunc",)


def test_include_and_exclude_match_relative_to_the_config_directory(root: Path, monkeypatch) -> None:
    write(root / "mtcheck.toml", 'include = ["*.xlf"]\nexclude = ["vendor/**"]\n')
    (root / "vendor").mkdir()
    monkeypatch.chdir(root / "vendor")
    settings = resolve(".")
    assert settings.config_dir == root
    assert path_matches("a.xlf", settings.include, settings.config_dir)
    assert path_matches("a.xlf", settings.exclude, settings.config_dir)
    assert not path_matches("../a.xlf", settings.exclude, settings.config_dir)
    assert not path_matches("../../a.xlf", settings.include, settings.config_dir)  # outside the project


# --- severity overrides -------------------------------------------------------------------------


def test_severity_overrides_change_findings(root: Path) -> None:
    text = "The the exhibition opened ."
    default = Checker(build_rules(resolve(".")))
    assert [(f.rule, f.severity) for f in default.check_segment(segment(text))] == [
        ("repeat.word", Severity.MINOR),
        ("punct.space-before", Severity.MINOR),
    ]
    pyproject(root, '[tool.mtcheck.severity]\nALL = "critical"\n"punct.space-before" = "major"\n')
    checker = Checker(build_rules(resolve(".")))
    assert [(f.rule, f.severity) for f in checker.check_segment(segment(text))] == [
        ("repeat.word", Severity.CRITICAL),
        ("punct.space-before", Severity.MAJOR),
    ]


def test_glossary_entry_severity_beats_the_rule_default(root: Path) -> None:
    write(root / "terms.tsv", GLOSSARY)
    pyproject(root, 'glossaries = ["terms.tsv"]\nseverity = {"term.forbidden" = "minor"}\n')
    checker = Checker(build_rules(resolve(".")))
    found = checker.check_segment(segment("cadres follow the overall national security concept"))
    assert [(f.text, f.severity) for f in found] == [
        ("cadres", Severity.CRITICAL),  # the entry's own severity
        ("overall national security concept", Severity.MINOR),  # the rule's default, overridden
    ]


class Plain:
    """A rule that is not a dataclass: apply_severity wraps it."""

    def __init__(self) -> None:
        self.info = RuleInfo("plain.rule", "other", Severity.MINOR, "A plain rule")
        self.literals = frozenset({"x"})

    def hits(self, segment: Segment):
        yield Hit(0, 1, "x")


def test_every_kind_of_rule_takes_a_severity(root: Path) -> None:
    write(root / "terms.tsv", GLOSSARY)
    rules = [*RuleSet.load(glossaries=[str(root / "terms.tsv")]).rules, Plain()]
    kinds = {type(rule).__name__ for rule in rules}
    assert {"BuiltinCheck", "PatternRule", "Consistency", "LengthRatio", "ForbiddenTerm", "MissingTerm"} <= kinds
    assert {"InconsistentTerm", "Plain"} <= kinds
    changed = apply_severity(rules, {"ALL": "critical"})
    assert len(changed) == len(rules)
    for before, after in zip(rules, changed, strict=True):
        assert after.info == replace(before.info, severity=Severity.CRITICAL)
        assert after.literals == before.literals
        if type(before).__name__ != "Plain":
            assert type(after) is type(before)
    plain = changed[-1]
    assert [hit.message for hit in plain.hits(segment("x"))] == ["x"]
    # unchanged severity: the very same object
    same = apply_severity(rules[:1], {rules[0].info.id: rules[0].info.severity})
    assert same[0] is rules[0]


def test_batch_checks_get_their_own_state(root: Path) -> None:
    [consistency] = [rule for rule in RuleSet.load().rules if rule.info.id == "consistency.source"]
    [copy] = apply_severity([consistency], {"consistency": "major"})
    assert copy.groups is not consistency.groups
    builtin_ids = [check.info.id for check in BUILTIN_CHECKS]
    assert "consistency.source" in builtin_ids


def test_apply_severity_refuses_unknown_ids_and_prefers_specific_prefixes() -> None:
    rules = [rule for rule in RuleSet.load(shipped=False).rules if rule.info.id.startswith("punct.")]
    with pytest.raises(SelectionError, match="no rule matches 'punt'"):
        apply_severity(rules, {"punt": "major"})
    changed = apply_severity(rules, {"punct": "major", "punct.space-before": "critical", "ALL": "minor"})
    assert {rule.info.id: rule.info.severity for rule in changed}["punct.space-before"] is Severity.CRITICAL
    assert {rule.info.severity for rule in changed if rule.info.id != "punct.space-before"} == {Severity.MAJOR}
    assert apply_severity(rules, {"repeat": "major"}, known_ids=["repeat.word"]) == rules


# --- mtcheck config --------------------------------------------------------------------------------

RENDERED = """\
# config file: pyproject.toml
src-lang = "zh"                   # pyproject.toml [tool.mtcheck]
tgt-lang = (not set)              # default
rules = ["packs/mine.toml"]       # pyproject.toml [tool.mtcheck]
shipped-rules = true              # default
glossaries = ["zh-en"]            # pyproject.toml [tool.mtcheck]
select = ["punct", "trunc"]       # pyproject.toml [tool.mtcheck]
extend-select = []                # default
ignore = ["punct.double-space"]   # pyproject.toml [tool.mtcheck]
severity = {"punct.space-before" = "major"}   # pyproject.toml [tool.mtcheck]
fail-on = "major"                 # pyproject.toml [tool.mtcheck]
min-score = 90                    # pyproject.toml [tool.mtcheck]
weights = {minor = 1, major = 5, critical = 10}   # pyproject.toml [tool.mtcheck]
include = []                      # default
exclude = ["vendor/**"]           # pyproject.toml [tool.mtcheck]
extend-exclude = []               # default
respect-gitignore = true          # default
force-exclude = false             # default
max-length = (not set)            # default
overrides = [{paths = ["legacy/**"], ignore = ["trunc"]}]   # pyproject.toml [tool.mtcheck]
"""

CONFIG_BODY = """\
src-lang = "zh"
rules = ["packs/mine.toml"]
glossaries = ["zh-en"]
select = ["punct", "trunc"]
ignore = ["punct.double-space"]
fail-on = "major"
min-score = 90
weights = {critical = 10}
exclude = ["vendor/**"]
[tool.mtcheck.severity]
"punct.space-before" = "major"
[[tool.mtcheck.overrides]]
paths = ["legacy/**"]
ignore = ["trunc"]
"""


def test_render(root: Path) -> None:
    write(root / "packs" / "mine.toml", PACK)
    pyproject(root, CONFIG_BODY)
    assert render(resolve(".")) == RENDERED
    for_file = render(settings_for_file(resolve("legacy/a.txt"), "legacy/a.txt"), "legacy/a.txt")
    lines = for_file.splitlines()
    assert lines[:2] == ["# config file: pyproject.toml", "# settings for: legacy/a.txt"]
    assert (
        lines[9]
        == 'ignore = ["punct.double-space", "trunc"]   # pyproject.toml [tool.mtcheck] + pyproject.toml [tool.mtcheck] overrides[0]'  # noqa: E501
    )


def test_render_defaults_and_flags(root: Path) -> None:
    text = render(resolve(".", {"select": ["punct"], "shipped_rules": False}))
    assert text == (
        "# config file: none found (defaults)\n"
        "src-lang = (not set)       # default\n"
        "tgt-lang = (not set)       # default\n"
        "rules = []                 # default\n"
        "shipped-rules = false      # --no-shipped-rules\n"
        "glossaries = []            # default\n"
        'select = ["punct"]         # --select\n'
        "extend-select = []         # default\n"
        "ignore = []                # default\n"
        "severity = {}              # default\n"
        'fail-on = "minor"          # default\n'
        "min-score = (not set)      # default\n"
        "weights = {minor = 1, major = 5, critical = 25}   # default\n"
        "include = []               # default\n"
        'exclude = [".venv", "venv", ".tox", ".nox", ".direnv", ".eggs", "*.egg-info", "__pycache__", '
        '"__pypackages__", "site-packages", "node_modules", "bower_components", ".mypy_cache", ".pytest_cache", '
        '".ruff_cache", ".hypothesis", ".ipynb_checkpoints", ".cache", "build", "dist", "_build"]   # default\n'
        "extend-exclude = []        # default\n"
        "respect-gitignore = true   # default\n"
        "force-exclude = false      # default\n"
        "max-length = (not set)     # default\n"
        "overrides = []             # default\n"
    )


def test_settings_json(root: Path) -> None:
    write(root / "packs" / "mine.toml", PACK)
    pyproject(root, CONFIG_BODY)
    document = settings_json(resolve("."))
    assert document["config_file"] == "pyproject.toml"
    assert document["file"] is None
    assert document["settings"] == {
        "src-lang": "zh",
        "tgt-lang": None,
        "rules": [str(root / "packs" / "mine.toml")],
        "shipped-rules": True,
        "glossaries": ["zh-en"],
        "select": ["punct", "trunc"],
        "extend-select": [],
        "ignore": ["punct.double-space"],
        "severity": {"punct.space-before": "major"},
        "fail-on": "major",
        "min-score": 90,
        "weights": {"minor": 1, "major": 5, "critical": 10},
        "include": [],
        "exclude": ["vendor/**"],
        "extend-exclude": [],
        "respect-gitignore": True,
        "force-exclude": False,
        "max-length": None,
        "overrides": [{"paths": ["legacy/**"], "ignore": ["trunc"]}],
    }
    assert document["sources"] == {**{key: PY for key in KEYS}, "tgt-lang": "default", "shipped-rules": "default"} | {
        "extend-select": "default",
        "include": "default",
        "extend-exclude": "default",
        "respect-gitignore": "default",
        "force-exclude": "default",
        "max-length": "default",
    }
    json.dumps(document)


def _invoke(*args: str):
    app = typer.Typer()
    app.command()(config_command)
    return CliRunner().invoke(app, list(args))


def test_config_command(root: Path) -> None:
    write(root / "packs" / "mine.toml", PACK)
    pyproject(root, CONFIG_BODY)
    result = _invoke()
    assert (result.exit_code, result.stdout) == (0, RENDERED)
    result = _invoke("--json")
    assert json.loads(result.stdout)["settings"]["select"] == ["punct", "trunc"]
    write(root / "legacy" / "a.txt", "x\n")
    assert "# settings for: legacy/a.txt" in _invoke("legacy/a.txt").stdout
    pyproject(root, 'select = ["punt"]\n')
    result = _invoke()
    assert result.exit_code == 2
    assert (
        result.stderr
        == "mtcheck: error: pyproject.toml:5: [tool.mtcheck] select: no rule matches 'punt' (see `mtcheck rules list`)\n"  # noqa: E501
    )


def _registered() -> bool:
    from mtcheck.cli import app

    return any(command.name == "config" for command in app.registered_commands)


@pytest.mark.skipif(not _registered(), reason="`mtcheck config` is not registered in mtcheck/cli/__init__.py yet")
def test_config_subprocess(root: Path) -> None:
    write(root / "packs" / "mine.toml", PACK)
    pyproject(root, CONFIG_BODY)
    result = run_cli("config", cwd=root)
    assert (result.returncode, result.stdout.decode(), result.stderr.decode()) == (0, RENDERED, "")
    pyproject(root, "fial-on = 1\n")
    result = run_cli("config", cwd=root)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "mtcheck: error: pyproject.toml:5: [tool.mtcheck] unknown key 'fial-on' (did you mean 'fail-on'?)\n"
    )


def test_default_weights_are_the_mqm_ones() -> None:
    assert DEFAULT_WEIGHTS == {"minor": 1, "major": 5, "critical": 25}


def test_files_with_the_same_rules_share_a_checker(root: Path) -> None:
    write(
        root / "mtcheck.toml",
        """\
        [[overrides]]
        paths = ["legacy/**"]
        ignore = ["trunc"]
        [[overrides]]
        paths = ["*.po"]
        src-lang = "zh"
        """,
    )
    resolver, checkers = ConfigResolver(), Checkers()
    a, b, old, po = (checkers.get(resolver.for_file(p)) for p in ("a.txt", "b/c.txt", "legacy/x.txt", "x.po"))
    assert a is b
    assert len({id(a), id(old), id(po)}) == 3
    assert list(checkers) == [a, old, po]
    assert not any(rule.info.id.startswith("trunc.") for rule in old.rules)


def test_a_bad_override_glob_is_a_config_error(tmp_path) -> None:
    from helpers import run_cli

    (tmp_path / "mtcheck.toml").write_text('[[overrides]]\npaths = ["[z-a]"]\nignore = ["trunc"]\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text("ok\n", encoding="utf-8")
    result = run_cli("check", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1
    assert "bad glob" in result.stderr.decode()
