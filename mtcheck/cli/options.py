"""Options shared by several commands."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from mtcheck.api import Configured

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from mtcheck.batch import ReadOptions


class InputFormatName(enum.StrEnum):
    TEXT = "text"
    TSV = "tsv"
    CSV = "csv"
    XLIFF = "xliff"
    PO = "po"
    TMX = "tmx"
    JSONL = "jsonl"


InputFormat = Annotated[
    InputFormatName | None, typer.Option("--input-format", help="Override the format chosen by file extension.")
]


class FailOn(enum.StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"
    NEVER = "never"


def with_examples(*lines: str) -> Callable[[F], F]:
    """Append an ``Examples:`` block to a command's help (``\\b`` keeps its lines as written)."""

    def decorate(function: F) -> F:
        import inspect

        body = inspect.cleandoc(function.__doc__ or "")
        function.__doc__ = body + "\n\nExamples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines) + "\n"
        return function

    return decorate


def split_list(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


RulePacks = Annotated[
    list[str] | None,
    typer.Option(
        "--rules", "-r", metavar="PATH", help="An extra rule pack (.toml) or a directory of packs; repeatable."
    ),
]
NoShipped = Annotated[bool, typer.Option("--no-shipped-rules", help="Do not load the packs that ship with mtcheck.")]
AllowExternal = Annotated[
    bool,
    typer.Option(
        "--allow-external-paths",
        help="Let configuration files name rule packs and glossaries outside their repository.",
    ),
]
Glossaries = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary",
        "-g",
        metavar="FILE|NAME",
        help="A glossary (.tsv, .csv, .tbx), or a shipped one by name (zh-en); repeatable.",
    ),
]
SrcLang = Annotated[
    str | None, typer.Option("--src-lang", metavar="CODE", help="Source language code (e.g. zh); selects packs.")
]
TgtLang = Annotated[
    str | None, typer.Option("--tgt-lang", metavar="CODE", help="Target language code (e.g. en); selects packs.")
]


IncludeFuzzy = Annotated[bool, typer.Option("--include-fuzzy", help="PO: read fuzzy entries too.")]
SourceColumn = Annotated[
    str | None,
    typer.Option("--source-column", metavar="NAME", help="CSV, TSV, JSON Lines: the source column (or key)."),
]
TargetColumn = Annotated[
    str | None,
    typer.Option("--target-column", metavar="NAME", help="CSV, TSV, JSON Lines: the target column (or key)."),
]
IdColumn = Annotated[
    str | None, typer.Option("--id-column", metavar="NAME", help="CSV, TSV, JSON Lines: the unit id column (or key).")
]


def error(message: str) -> None:
    """``mtcheck: error: MESSAGE`` on stderr, one line, control characters escaped."""
    echo_problem(f"mtcheck: error: {message}")


def echo_problem(line: str) -> None:
    """A problem line on stderr (``path:line: error: …``): one line, control characters escaped."""
    from mtcheck.display import escape

    typer.echo(escape(line), err=True)


def say(text: str) -> None:
    """Human-readable output on stdout: each line with its control characters escaped."""
    from mtcheck.display import escape_lines

    typer.echo(escape_lines(text))


Include = Annotated[
    list[str] | None,
    typer.Option(
        "--include", metavar="GLOB", help="Check only these files in directories (repeatable; default: every format's)."
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="Skip files and directories matching these, instead of the default list (.venv, node_modules, build…).",
    ),
]
ExtendExclude = Annotated[
    list[str] | None,
    typer.Option("--extend-exclude", metavar="GLOB", help="Skip these too, on top of --exclude (repeatable)."),
]
RespectGitignore = Annotated[
    bool | None,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Skip what .gitignore and .git/info/exclude ignore in directory walks [default: respect].",
        show_default=False,
    ),
]
ForceExclude = Annotated[
    bool | None,
    typer.Option(
        "--force-exclude/--no-force-exclude",
        help="Apply the exclusions to files named on the command line too (for pre-commit).",
        show_default=False,
    ),
]


class Color(enum.StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


ColorOption = Annotated[
    Color,
    typer.Option(
        "--color", help="Colour the report: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)."
    ),
]
ConfigFile = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="PATH",
        help="Use this configuration file (mtcheck.toml or pyproject.toml) instead of searching for one.",
    ),
]
Isolated = Annotated[bool, typer.Option("--isolated", help="Use no configuration file at all.")]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print the findings (or the changes) and errors, nothing else.")
]
StdinFilename = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="PATH",
        help="The file '-' stands for: its extension picks the format; it names findings and finds the config.",
    ),
]
ExtendIgnore = Annotated[
    list[str] | None,
    typer.Option("--extend-ignore", metavar="IDS", help="Skip these rules too, on top of --ignore and the config."),
]
Select = Annotated[
    list[str] | None,
    typer.Option("--select", metavar="IDS", help="Only rules whose id starts with these (comma-separated)."),
]
ExtendSelect = Annotated[
    list[str] | None,
    typer.Option("--extend-select", metavar="IDS", help="Add rules to the default set, e.g. the opt-in `consistency`."),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="IDS", help="Skip rules whose id starts with these (comma-separated)."),
]


def configure(
    paths: list[str],
    cli: dict[str, object],
    *,
    discover_files: bool = True,
    allow_external: bool = False,
    target_column: str | None = None,
    input_format: str | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    stdin_filename: str | None = None,
) -> Configured:
    """The library's ``configure`` (mtcheck/api.py): a bad config, pack, glossary or selector
    is one line on stderr and exit status 2, before any output."""
    from mtcheck.api import SettingsError
    from mtcheck.api import configure as build

    try:
        return build(
            paths,
            cli,
            discover_files=discover_files,
            allow_external=allow_external,
            target_column=target_column,
            input_format=input_format,
            config_file=config_file,
            isolated=isolated,
            stdin_filename=stdin_filename,
        )
    except SettingsError as exc:
        error(str(exc))
        raise typer.Exit(2) from None


def note_left_out(configured: Configured) -> None:
    """One line for the tables a walk left out as data (no target column): never silently."""
    skipped = configured.not_translations
    if not skipped:
        return
    shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
    noun = "file" if len(skipped) == 1 else "files"
    echo_problem(f"mtcheck: note: skipped {len(skipped)} {noun} whose header names no target column: {shown}")


def cli_values(
    *,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    rules: list[str] | None,
    glossary: list[str] | None,
    src_lang: str | None,
    tgt_lang: str | None,
    no_shipped_rules: bool,
    **more: object,
) -> dict[str, object]:
    """The flags a user actually gave (None: not given), keyed as the config keys."""
    from mtcheck.api import flag_values

    return flag_values(
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        rules=rules,
        glossaries=glossary,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        shipped_rules=not no_shipped_rules,
        **more,
    )


def read_options(
    *,
    input_format: InputFormatName | None,
    source: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    stdin_name: str | None = None,
    **format_options: object,
) -> ReadOptions:
    """How files are read: the format, a paired source, languages, the formats' options, and
    the name standard input stands for."""
    from mtcheck.batch import ReadOptions

    given = tuple(sorted((key, value) for key, value in format_options.items() if value not in (None, False)))
    return ReadOptions(input_format.value if input_format else None, source, src_lang, tgt_lang, given, stdin_name)
