"""Options shared by several commands."""

from __future__ import annotations

import enum
from typing import Annotated

import typer


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
