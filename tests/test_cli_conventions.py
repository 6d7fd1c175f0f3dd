"""Conventions users know from ruff and eslint: -h, examples in every command's help, choices
shown instead of types, --config and --isolated, --quiet, --color with NO_COLOR and FORCE_COLOR,
--extend-ignore, --output-format, --show-fixes, --stdin-filename, shell completion, and a
terminal report that fits the terminal, in file order, with source-side findings labelled."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.report.cells import width

COMMANDS = [
    ["check"],
    ["fix"],
    ["score"],
    ["config"],
    ["corpus"],
    ["rules", "list"],
    ["rules", "explain"],
    ["rules", "test"],
    *(["glossary", name] for name in ("add", "remove", "list", "lint", "fmt", "import", "export", "stats", "suggest")),
]


def help_text(*args: str):
    """In-process (the help is the same as a subprocess's; the suite stays quick)."""
    from typer.testing import CliRunner

    from mtcheck.cli import app

    return CliRunner().invoke(app, list(args), prog_name="mtcheck")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_short_help_with_examples_and_no_python_types(command: list[str]) -> None:
    short, long = help_text(*command, "-h"), help_text(*command, "--help")
    assert short.exit_code == 0 and short.output == long.output
    text = short.output
    assert "\n  Examples:\n\n    mtcheck " + " ".join(command) in text
    assert not re.search(r"<(str|list\[str\]|int|float|int range)>", text), text


def test_the_root_help_and_its_groups() -> None:
    for command in ([], ["rules"], ["glossary"]):
        result = help_text(*command, "-h")
        assert result.exit_code == 0 and "-h, --help" in result.output
    assert "--install-completion" in help_text("-h").output
    as_run = run_cli("check", "-h").stdout.decode()  # as a user runs it
    assert as_run.startswith("Usage: mtcheck check [OPTIONS] {PATH...}\n") and "\n  Examples:\n" in as_run


def test_choices_are_listed() -> None:
    text = help_text("check", "-h").output
    assert "-f, --format, --output-format <auto|terminal|json|jsonl|sarif|junit|github|gitlab|html>" in text
    assert "--color <auto|always|never>" in text
    assert "--fail-on <minor|major|critical|never>" in text
    assert "--glossary FILE|NAME" in text and "--min-score N" in text
    assert "--status [approved|proposed|deprecated]" in help_text("glossary", "add", "-h").output


def test_shell_completion_is_typers() -> None:
    result = run_cli("--show-completion", "bash")
    assert result.returncode == 0
    script = result.stdout.decode()
    assert "_mtcheck_completion()" in script and "complete -o default -F _mtcheck_completion mtcheck" in script


# --- configuration flags ----------------------------------------------------------------------------

DOUBLED = "The the end ,ok\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "t.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "mtcheck.toml").write_text('ignore = ["repeat"]\n', encoding="utf-8")
    (tmp_path / "ci.toml").write_text('ignore = ["punct"]\n', encoding="utf-8")
    return tmp_path


def rules_of(result) -> list[str]:
    return [json.loads(line)["rule"] for line in result.stdout.decode().splitlines()]


def test_config_isolated_and_extend_ignore(work: Path) -> None:
    base = ("check", "--no-shipped-rules", "--output-format", "jsonl", "t.txt")
    assert rules_of(run_cli(*base, cwd=work)) == ["punct.space-before"]
    assert rules_of(run_cli(*base, "--config", "ci.toml", cwd=work)) == ["repeat.word"]
    assert rules_of(run_cli(*base, "--isolated", cwd=work)) == ["repeat.word", "punct.space-before"]
    assert rules_of(run_cli(*base, "--extend-ignore", "punct", cwd=work)) == []
    both = run_cli(*base, "--config", "ci.toml", "--isolated", cwd=work)
    assert (both.returncode, both.stderr.decode()) == (
        2,
        "mtcheck: error: --config and --isolated contradict each other: give one\n",
    )
    missing = run_cli(*base, "--config", "nope.toml", cwd=work)
    assert missing.returncode == 2 and missing.stderr.decode().startswith("mtcheck: error: nope.toml: cannot read")
    shown = run_cli("config", "--config", "ci.toml", cwd=work).stdout.decode()
    assert shown.startswith("# config file: ci.toml\n")
    assert run_cli("config", "--isolated", cwd=work).stdout.decode().startswith("# config file: none found")


def test_quiet_prints_findings_only(work: Path) -> None:
    result = run_cli("check", "--no-shipped-rules", "--isolated", "-q", "t.txt", cwd=work)
    assert result.returncode == 1
    assert result.stdout.decode().endswith("  - The the end ,ok\n  + The the end, ok\n\n")  # no summary
    (work / "ok.txt").write_text("Fine.\n", encoding="utf-8")
    clean = run_cli("check", "--no-shipped-rules", "--isolated", "-q", "ok.txt", cwd=work)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, b"", b"")
    fixed = run_cli("fix", "--no-shipped-rules", "--isolated", "-q", "t.txt", cwd=work)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, b"", b"")
    assert (work / "t.txt").read_text(encoding="utf-8") == "The end, ok\n"


@pytest.mark.parametrize(
    ("flags", "env", "coloured"),
    [
        ((), {}, False),  # a pipe
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # the flag beats the environment
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, False),
    ],
)
def test_color_flag_and_environment(work: Path, flags: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    result = run_cli("check", "--no-shipped-rules", "--isolated", *flags, "t.txt", cwd=work, env=env)
    assert (b"\x1b[" in result.stdout) is coloured


def test_fix_diff_colour_follows_the_flag(work: Path) -> None:
    plain = run_cli("fix", "--diff", "--isolated", "--no-shipped-rules", "t.txt", cwd=work)
    assert plain.stdout.startswith(b"--- t.txt\n") and b"\x1b[" not in plain.stdout
    coloured = run_cli("fix", "--diff", "--isolated", "--no-shipped-rules", "--color", "always", "t.txt", cwd=work)
    assert b"\x1b[" in coloured.stdout


def test_show_fixes(work: Path) -> None:
    result = run_cli("check", "--no-shipped-rules", "--isolated", "--show-fixes", "-q", "t.txt", cwd=work)
    assert result.stdout.decode().endswith(
        "Fixes available (2 safe, 0 suggestions):\n"
        "  t.txt:1:1 repeat.word: “The the” → “The” (safe)\n"
        "  t.txt:1:12 punct.space-before: “ ,” → “, ” (safe)\n\n"
    )
    fixed = run_cli("fix", "--no-shipped-rules", "--isolated", "--show-fixes", "--diff", "t.txt", cwd=work)
    assert fixed.stderr.decode().splitlines()[-4:-1] == [
        "Would apply 2 fixes:",
        "  t.txt:1:1 repeat.word: “The the” → “The”",
        "  t.txt:1:12 punct.space-before: “ ,” → “, ”",
    ]


def test_stdin_filename_picks_the_format_names_the_findings_and_finds_the_config(tmp_path: Path) -> None:
    (tmp_path / "l10n").mkdir()
    (tmp_path / "l10n" / "mtcheck.toml").write_text('ignore = ["repeat"]\n', encoding="utf-8")
    po = b'msgid "Save"\nmsgstr "the the Speichern ."\n'
    args = ("check", "--no-shipped-rules", "--format", "jsonl", "-", "--stdin-filename", "l10n/de.po")
    result = run_cli(*args, stdin=po, cwd=tmp_path)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["path"], r["segment"], r["line"], r["column"], r["rule"]) for r in records] == [
        ("l10n/de.po", "l10n/de.po#Save", 2, 26, "punct.space-before")
    ]
    bad = run_cli(*args, stdin=b'msgid "a\nmsgstr "b"\n', cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.decode().startswith("l10n/de.po:1")
    fixed = run_cli("fix", "--no-shipped-rules", "-", "--stdin-filename", "l10n/de.po", stdin=po, cwd=tmp_path)
    assert fixed.stdout == b'msgid "Save"\nmsgstr "the the Speichern."\n'


def test_statistics_on_the_command_line(work: Path) -> None:
    result = run_cli("check", "--no-shipped-rules", "--isolated", "--statistics", "t.txt", cwd=work)
    assert result.stdout.decode() == (
        "count  rule                fixable  severity  category             summary\n"
        "    1  punct.space-before        1  minor     fluency/punctuation  Space before a comma, full stop, "
        "semicolon, colon, question or exclamation mark\n"
        "    1  repeat.word               1  minor     fluency/grammar      The same word twice in a row "
        "(“the the”)\n"
        "    2  total                     2                                 2 fixable with `mtcheck fix`\n"
    )


# --- the terminal report ------------------------------------------------------------------------------


def terminal(tmp_path: Path, name: str, text: str, columns: int, *options: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    env = {"COLUMNS": str(columns)}
    result = run_cli("check", "--no-shipped-rules", "--isolated", "-q", *options, name, cwd=tmp_path, env=env)
    return result.stdout.decode()


def test_excerpts_are_cropped_around_the_span_to_the_width(tmp_path: Path) -> None:
    text = "A long sentence that goes on and on before the the doubled word and then goes on further still.\n"
    out = terminal(tmp_path, "t.txt", text, 40)
    assert out == (
        "t.txt:1:44: minor repeat.word\n"
        "  Doubled word “the the”\n"
        "  │ …and on before the the doubled word…\n"
        "  │                ^^^^^^^\n"
        "  fix (safe): Remove the second “the”\n"
        "  - …and on before the the doubled word…\n"
        "  + …and on before the doubled word and…\n"
        "\n"
    )
    assert all(width(line) <= 40 for line in out.splitlines())


@pytest.mark.parametrize(
    "target",
    [
        "Delegates from 北京市 and 上海市 met 深圳市人民政府办公厅 and the the 杭州市人民政府办公厅 to discuss "
        "长江三角洲.",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family \U0001f1ef\U0001f1f5 flag \u2764\ufe0f heart " * 3
        + "the the"
        + " \U0001f600 after\u200bzero\u200bwidth \u200b" * 4,
        "e\u0301" * 30 + " the the " + "\u200b" * 10 + "x" * 60,
    ],
    ids=["cjk", "emoji", "combining-and-zero-width"],
)
def test_excerpts_fit_in_terminal_cells_and_carets_sit_under_the_span(tmp_path: Path, target: str) -> None:
    # (English, as the flag says: the CJK case is mostly Han, which the text alone would read as Chinese)
    out = terminal(tmp_path, "t.txt", target + "\n", 50, "--select", "repeat", "--tgt-lang", "en")
    lines = out.splitlines()
    excerpt, carets = lines[2], lines[3]
    assert all(width(line) <= 50 for line in lines), out
    assert carets.strip("│ ^") == "" and carets.count("^") == 7
    before_span = excerpt[: excerpt.index("the the")]
    assert width(before_span) == carets.index("^"), (excerpt, carets)


def test_findings_are_in_file_order_and_source_side_ones_are_labelled(tmp_path: Path) -> None:
    text = "source\ttarget\nDelete {name}?\tLöschen ?\nOne two three.\tthe the one two three.\n"
    out = terminal(tmp_path, "t.tsv", text, 80, "--select", "placeholder,punct,repeat")
    assert out == (
        "t.tsv:2:8: major placeholder.missing (in the source)\n"
        "  “{name}” of the source is missing in the target\n"
        "  source │ Delete {name}?\n"
        "         │        ^^^^^^\n"
        "  target │ Löschen ?\n"
        "\n"
        "t.tsv:2:23: minor punct.space-before\n"
        "  Space before “?”\n"
        "  │ Löschen ?\n"
        "  │        ^^\n"
        "  fix (safe): Remove the space before “?”\n"
        "  - Löschen ?\n"
        "  + Löschen?\n"
        "\n"
        "t.tsv:3:16: minor repeat.word\n"
        "  Doubled word “the the”\n"
        "  │ the the one two three.\n"
        "  │ ^^^^^^^\n"
        "  fix (safe): Remove the second “the”\n"
        "  - the the one two three.\n"
        "  + the one two three.\n"
        "\n"
    )


def test_long_messages_wrap_to_the_width(tmp_path: Path) -> None:
    text = "He visited various departments and departments, he emphasized that\n"
    out = terminal(tmp_path, "t.txt", text, 40, "--select", "repeat.coordination")
    assert out.splitlines()[1:4] == [
        "  “departments and departments”",
        "  coordinates a word with itself: a",
        "  collapsed list",
    ]


def test_a_run_builds_only_its_command() -> None:
    """Typer reads every registered command's signature on each run: `mtcheck check` builds one."""
    import typer.main

    from mtcheck.cli import COMMANDS, GROUPS, build

    def names(application: typer.Typer) -> set[str]:
        return set(typer.main.get_command(application).commands)  # type: ignore[attr-defined]

    assert names(build("check")) == {"check"}
    assert names(build("glossary")) == {"glossary"}
    assert names(build()) == set(COMMANDS) | set(GROUPS)
    assert run_cli("--version").stdout.decode().startswith("mtcheck ")
    assert "Commands:" in run_cli("--help").stdout.decode()
