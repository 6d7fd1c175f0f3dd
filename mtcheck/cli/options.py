"""Options shared by several commands."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from mtcheck.batch import ReadOptions
    from mtcheck.config import Checkers, Settings
    from mtcheck.engine import Checker


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


def split_list(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


RulePacks = Annotated[
    list[str] | None,
    typer.Option("--rules", "-r", help="An extra rule pack (.toml) or a directory of packs; repeatable."),
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
        help="A glossary (.tsv, .csv, .tbx), or a shipped one by name (zh-en); repeatable.",
    ),
]
SrcLang = Annotated[str | None, typer.Option("--src-lang", help="Source language code (e.g. zh); selects packs.")]
TgtLang = Annotated[str | None, typer.Option("--tgt-lang", help="Target language code (e.g. en); selects packs.")]


IncludeFuzzy = Annotated[bool, typer.Option("--include-fuzzy", help="PO: read fuzzy entries too.")]
SourceColumn = Annotated[
    str | None, typer.Option("--source-column", help="CSV, TSV, JSON Lines: the source column (or key).")
]
TargetColumn = Annotated[
    str | None, typer.Option("--target-column", help="CSV, TSV, JSON Lines: the target column (or key).")
]
IdColumn = Annotated[str | None, typer.Option("--id-column", help="CSV, TSV, JSON Lines: the unit id column (or key).")]


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
Select = Annotated[
    list[str] | None, typer.Option("--select", help="Only rules whose id starts with these (comma-separated).")
]
ExtendSelect = Annotated[
    list[str] | None,
    typer.Option("--extend-select", help="Add rules to the default set, e.g. the opt-in `consistency`."),
]
Ignore = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip rules whose id starts with these (comma-separated).")
]


@dataclass
class Configured:
    """What a command runs with: the run's settings, each file's, and their checkers."""

    run: Settings
    files: list[str]
    per_file: dict[str, Settings] | None  # None: one set of rules for every file
    checkers: Checkers
    problems: list[str] = field(default_factory=list)  # directories that could not be listed
    #: Walked tables that name no target column, and named files --force-exclude left out.
    not_translations: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def settings(self, path: str | None = None) -> Settings:
        """A file's settings (the run's when no per-path override applies)."""
        return self.per_file[path] if self.per_file is not None and path is not None else self.run

    def checker(self, path: str | None = None) -> Checker:
        return self.checkers.get(self.settings(path))


def configure(
    paths: list[str],
    cli: dict[str, object],
    *,
    discover_files: bool = True,
    allow_external: bool = False,
    target_column: str | None = None,
    input_format: str | None = None,
) -> Configured:
    """Flags, then per-path overrides, then pyproject.toml/mtcheck.toml, then defaults.

    Every file's rules are built before any file is read, so a bad config, pack, glossary
    or selector is one line on stderr and exit status 2, before any output.
    """
    from mtcheck.config import Checkers, ConfigError, ConfigResolver
    from mtcheck.discovery import Found, Rules, discover
    from mtcheck.glossary.tsvfile import GlossaryError
    from mtcheck.packs.loader import PackError
    from mtcheck.selection import SelectionError

    try:
        resolver = ConfigResolver({key: value for key, value in cli.items()}, allow_external=allow_external)
        run = resolver.for_run(paths)
        if discover_files:
            rules = Rules.from_settings(run, target_column=target_column, input_format=input_format)
            found = discover(paths, rules)
        else:
            found = Found(list(paths))
        files = found.files
        per_file = {path: resolver.for_file(path) for path in files} if run.overrides else None
        checkers = Checkers()
        checkers.get(run)
        for settings in (per_file or {}).values():
            checkers.get(settings)
    except (ConfigError, PackError, SelectionError, GlossaryError) as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    return Configured(run, files, per_file, checkers, found.problems, found.not_translations, found.excluded)


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
    return {
        "select": select,
        "extend_select": extend_select,
        "ignore": ignore,
        "rules": rules,
        "glossaries": glossary,
        "src_lang": src_lang,
        "tgt_lang": tgt_lang,
        "shipped_rules": False if no_shipped_rules else None,
        **more,
    }


def read_options(
    *,
    input_format: InputFormatName | None,
    source: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    **format_options: object,
) -> ReadOptions:
    """How files are read: the format, a paired source, languages, the formats' options."""
    from mtcheck.batch import ReadOptions

    given = tuple(sorted((key, value) for key, value in format_options.items() if value not in (None, False)))
    return ReadOptions(input_format.value if input_format else None, source, src_lang, tgt_lang, given)
