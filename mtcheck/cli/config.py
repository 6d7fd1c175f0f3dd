"""``mtcheck config [PATH]``: the effective settings, and where each one came from."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mtcheck.cli.options import AllowExternal, ConfigFile, Isolated, error, say, with_examples

if TYPE_CHECKING:
    from mtcheck.config import Settings

#: Comments line up at this column unless a line is longer.
COMMENT_COLUMN = 40


@with_examples(
    "mtcheck config                      # the settings of the current directory",
    "mtcheck config l10n/legacy/a.po     # a file's, its overrides applied",
    "mtcheck config --json",
    "mtcheck config --config ci/mtcheck.toml",
)
def config(
    path: Annotated[
        str,
        typer.Argument(metavar="PATH", help="A file (its overrides applied) or a directory; default: the current one."),
    ] = ".",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of TOML-like lines.")] = False,
    allow_external_paths: AllowExternal = False,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
) -> None:
    """Show the settings `mtcheck check PATH` would use, and the file or flag each comes from."""
    from mtcheck.config import ConfigError, ConfigResolver, build_rules
    from mtcheck.glossary.errors import GlossaryError
    from mtcheck.packs.loader import PackError
    from mtcheck.selection import SelectionError

    if not os.path.exists(path):
        error(f"{path}: no such file or directory")
        raise typer.Exit(2)
    try:
        resolver = ConfigResolver(config_file=config_file, isolated=isolated, allow_external=allow_external_paths)
        settings = resolver.for_file(path) if os.path.isfile(path) else resolver.settings(path)
        build_rules(settings)  # the rule ids in select, ignore and severity must exist
    except (ConfigError, PackError, GlossaryError, SelectionError) as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    file = path if os.path.isfile(path) else None
    if as_json:
        typer.echo(json.dumps(settings_json(settings, file), ensure_ascii=False, indent=2))
    else:
        say(render(settings, file).removesuffix("\n"))


def settings_json(settings: Settings, file: str | None = None) -> dict[str, Any]:
    """The JSON document: stored values (config paths absolute) and their sources."""
    return {
        "config_file": settings.config_file,
        "file": file,
        "settings": settings.as_dict(),
        "sources": dict(settings.sources),
    }


def render(settings: Settings, file: str | None = None) -> str:
    """One line per key, ``key = value   # source``, values in TOML syntax (paths relative
    to the working directory when under it)."""
    from mtcheck.config import KEYS, override_dict

    header = [f"# config file: {settings.config_file or 'none found (defaults)'}"]
    if file is not None:
        header.append(f"# settings for: {file}")
    pairs = []
    for key in KEYS:
        if key == "overrides":
            value = [override_dict(o) for o in settings.overrides]
        else:
            value = settings.value(key)
            if key in ("rules", "glossaries"):
                value = [_shown_path(p) for p in value]
        pairs.append((f"{key} = {toml_value(value)}", settings.sources[key]))
    width = max((len(left) for left, _ in pairs if len(left) <= COMMENT_COLUMN), default=0)
    lines = [f"{left.ljust(width)}   # {source}" for left, source in pairs]
    return "\n".join([*header, *lines]) + "\n"


def toml_value(value: Any) -> str:
    """A value as TOML would write it inline; None (no TOML equivalent) as ``(not set)``."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_key(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    return "[" + ", ".join(toml_value(item) for item in value) + "]"


def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _shown_path(path: str) -> str:
    if not os.path.isabs(path):
        return path  # as given, or a shipped glossary's name
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
