"""The command line: thin wiring of readers, engine and reports (one module per group)."""

from __future__ import annotations

from typing import Annotated

import typer

from mtcheck import __version__
from mtcheck.cli import check as check_command
from mtcheck.cli import config as config_command
from mtcheck.cli import fix as fix_command
from mtcheck.cli import glossary as glossary_commands
from mtcheck.cli import rules as rules_commands
from mtcheck.cli import score as score_command

app = typer.Typer(
    name="mtcheck",
    help="Check machine-translated text for calques, broken sentences, stray punctuation and more.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("check", no_args_is_help=True)(check_command.check)
app.command("fix", no_args_is_help=True)(fix_command.fix)
app.command("score", no_args_is_help=True)(score_command.score)
app.command("config")(config_command.config)
app.add_typer(rules_commands.app, name="rules")
app.add_typer(glossary_commands.app, name="glossary")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """mtcheck: a machine-translation post-editing and quality checker."""


def main() -> None:
    """The ``mtcheck`` command. Output that a terminal cannot encode is escaped, never a
    traceback; ctrl-C is one line and status 130; a closed pipe (``| head``) ends quietly."""
    import contextlib
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtcheck: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
