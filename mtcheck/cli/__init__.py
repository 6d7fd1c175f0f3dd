"""The command line: thin wiring of readers, engine and reports (one module per group)."""

from __future__ import annotations

from typing import Annotated

import typer

from mtcheck import __version__
from mtcheck.cli import check as check_command
from mtcheck.cli import config as config_command
from mtcheck.cli import corpus as corpus_command
from mtcheck.cli import fix as fix_command
from mtcheck.cli import glossary as glossary_commands
from mtcheck.cli import rules as rules_commands
from mtcheck.cli import score as score_command


def _plain_argument_names() -> None:
    """Arguments named by a metavar show that name alone: typer's own help writer (0.2x) adds
    the Python type (``PATH <list[str]>``), which tells a user nothing. Older typer (click's
    writer) never adds it, so this is a no-op there."""
    core = getattr(typer, "core", None)
    argument = getattr(core, "TyperArgument", None)
    original = getattr(argument, "display_type_rich", None)
    if original is None:
        return

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None if self.metavar else original(self, ctx)

    argument.display_type_rich = display_type_rich  # type: ignore[union-attr]


_plain_argument_names()

app = typer.Typer(
    name="mtcheck",
    help="""Check machine-translated text for calques, broken sentences, stray punctuation and more.

Examples:

\b
  mtcheck check .                        # every translation file of the repository
  mtcheck fix --diff l10n/de.po          # the safe fixes, as a diff
  mtcheck rules list                     # every rule
  mtcheck check --help                   # a command's options and examples
  mtcheck --install-completion           # tab completion for your shell
""",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("check", no_args_is_help=True)(check_command.check)
app.command("fix", no_args_is_help=True)(fix_command.fix)
app.command("score", no_args_is_help=True)(score_command.score)
app.command("config")(config_command.config)
app.command("corpus", no_args_is_help=True)(corpus_command.corpus)
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
        app(prog_name="mtcheck")  # also under `python -m mtcheck`: help and completion name the command
    except KeyboardInterrupt:
        sys.stderr.write("mtcheck: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
