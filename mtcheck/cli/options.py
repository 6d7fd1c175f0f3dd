"""Options shared by several commands."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from mtcheck.batch import ReadOptions
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


def error(message: str) -> None:
    typer.echo(f"mtcheck: error: {message}", err=True)


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


def make_checker(
    *,
    rules: list[str] | None,
    no_shipped_rules: bool,
    src_lang: str | None,
    tgt_lang: str | None,
    glossary: list[str] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    extend_select: list[str] | None = None,
) -> Checker:
    """The rules a command runs, or a one-line error and exit status 2."""
    from mtcheck.engine import Checker, RuleSet
    from mtcheck.glossary.tsvfile import GlossaryError
    from mtcheck.packs.loader import PackError
    from mtcheck.selection import SelectionError

    try:
        ruleset = RuleSet.load(
            rules or (),
            shipped=not no_shipped_rules,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            glossaries=glossary or (),
        )
        return Checker(ruleset.selected(split_list(select), split_list(ignore), split_list(extend_select)))
    except (PackError, SelectionError, GlossaryError) as exc:
        error(str(exc))
        raise typer.Exit(2) from None


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
