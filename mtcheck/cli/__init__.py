"""The command line: thin wiring of readers, engine and reports (one module per group)."""

from __future__ import annotations

from typing import Annotated

import typer

from mtcheck import __version__


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

HELP = """Check machine-translated text for calques, broken sentences, stray punctuation and more.

Examples:

\b
  mtcheck check .                        # every translation file of the repository
  mtcheck fix --diff l10n/de.po          # the safe fixes, as a diff
  mtcheck rules list                     # every rule
  mtcheck check --help                   # a command's options and examples
  mtcheck --install-completion           # tab completion for your shell
"""

#: Commands: name -> (module, function, no_args_is_help); groups: name -> module (its ``app``).
COMMANDS = {
    "check": ("check", "check", True),
    "fix": ("fix", "fix", True),
    "score": ("score", "score", True),
    "config": ("config", "config", False),
    "corpus": ("corpus", "corpus", True),
}
GROUPS = {"rules": "rules", "glossary": "glossary"}


def build(only: str | None = None) -> typer.Typer:
    """The application; ``only`` names the one command (or group) to register. Typer reads the
    signature of every registered command each time it runs (about 50 ms for all of them, as
    much as the rest of a one-line check), so a run of one command builds only that one."""
    import importlib

    application = typer.Typer(
        name="mtcheck",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for name, (module, function, no_args_is_help) in COMMANDS.items():
        if only is None or only == name:
            command = getattr(importlib.import_module(f"mtcheck.cli.{module}"), function)
            application.command(name, no_args_is_help=no_args_is_help)(command)
    for name, module in GROUPS.items():
        if only is None or only == name:
            application.add_typer(importlib.import_module(f"mtcheck.cli.{module}").app, name=name)
    application.callback()(root)
    return application


def __getattr__(name: str) -> typer.Typer:
    """``mtcheck.cli.app``: the whole application, built on first use."""
    if name != "app":
        raise AttributeError(name)
    whole = globals()["app"] = build()
    return whole


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


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
    first = sys.argv[1] if len(sys.argv) > 1 else None
    if first in COMMANDS or first in GROUPS:
        application = build(first)
    elif sys.argv[1:] == ["--version"]:
        application = build("")  # the root alone: it prints the version
    else:
        application = build()
    try:
        application(prog_name="mtcheck")  # also under `python -m mtcheck`: help and completion name the command
    except KeyboardInterrupt:
        sys.stderr.write("mtcheck: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
