"""Settings: command-line flags, then per-path overrides, then the config file, then defaults.

The config file is ``mtcheck.toml`` (keys at top level) or the ``[tool.mtcheck]`` table of
``pyproject.toml``. It is found by walking up from the checked path (a file's directory, or
the directory itself) to the filesystem root; the first directory that has one wins, and in
a directory with both, ``mtcheck.toml`` wins. A ``pyproject.toml`` without ``[tool.mtcheck]``
does not count (as ruff skips one without ``[tool.ruff]``): most Python projects have one,
and it must not hide the project's real config further up. Paths in a config file (rule
packs, glossaries, override globs) are relative to its directory, so a config means the same
thing whichever directory mtcheck runs from.

A configuration file comes with the repository, so a pull request can change it: the files it
names (rule packs, glossaries) must lie inside the repository that holds it (the nearest
parent with ``.git``, else the config file's own directory), symlinks resolved, unless the
user allows more (``--allow-external-paths``). Otherwise ``glossaries = ["/etc/secret"]``
would print that file's first line into a public CI log.

Precedence is per key: the highest layer that sets a key wins. Rule selection follows ruff:
the highest layer that sets ``select`` starts the chain, and ``extend-select`` and ``ignore``
from that layer and the layers above it add up (lower ones are dropped: ``--select X`` runs
X, whatever the config ignores). ``severity`` and ``weights`` tables merge entry by entry.

This module is read on every run, so it imports only the standard library and model.py; the
engine is imported by the functions that build rules.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.model import Severity

if TYPE_CHECKING:
    from mtcheck.engine import Checker
    from mtcheck.rule import Rule, RuleInfo

CONFIG_FILE = "mtcheck.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("minor", "major", "critical", "never")
DEFAULT_WEIGHTS: Mapping[Severity, float] = {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}
#: What directory walks skip unless ``exclude`` replaces the list (ruff's default list, plus the
#: build and cache folders a localization repository has): tool state, dependencies, build output.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".venv",
    "venv",
    ".tox",
    ".nox",
    ".direnv",
    ".eggs",
    "*.egg-info",
    "__pycache__",
    "__pypackages__",
    "site-packages",
    "node_modules",
    "bower_components",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".ipynb_checkpoints",
    ".cache",
    "build",
    "dist",
    "_build",
)

#: Every key, in the order ``mtcheck config`` shows them, with its default.
DEFAULTS: Mapping[str, Any] = {
    "src-lang": None,
    "tgt-lang": None,
    "rules": (),
    "shipped-rules": True,
    "glossaries": (),
    "select": (),
    "extend-select": (),
    "ignore": (),
    "severity": {},
    "fail-on": "minor",
    "min-score": None,
    "weights": DEFAULT_WEIGHTS,
    "include": (),
    "exclude": DEFAULT_EXCLUDE,
    "extend-exclude": (),
    "respect-gitignore": True,
    "force-exclude": False,
    "max-length": None,
}
KEYS: tuple[str, ...] = (*DEFAULTS, "overrides")
#: What a ``[[overrides]]`` table may set besides ``paths``.
OVERRIDE_KEYS: tuple[str, ...] = (
    "select",
    "extend-select",
    "ignore",
    "severity",
    "src-lang",
    "tgt-lang",
    "glossaries",
    "max-length",
)
#: The flag that sets each key, for ``sources`` ("--select") and for error messages.
FLAGS: Mapping[str, str] = {
    "src-lang": "--src-lang",
    "tgt-lang": "--tgt-lang",
    "rules": "--rules",
    "shipped-rules": "--no-shipped-rules",
    "glossaries": "--glossary",
    "select": "--select",
    "extend-select": "--extend-select",
    "ignore": "--ignore",
    "severity": "--severity",
    "fail-on": "--fail-on",
    "min-score": "--min-score",
    "weights": "--weights",
    "include": "--include",
    "exclude": "--exclude",
    "extend-exclude": "--extend-exclude",
    "respect-gitignore": "--no-respect-gitignore",
    "force-exclude": "--force-exclude",
}
#: Keys the highest layer setting them decides outright.
_REPLACED = ("src-lang", "tgt-lang", "rules", "shipped-rules", "glossaries", "select")
_REPLACED += ("fail-on", "min-score", "include", "exclude", "respect-gitignore", "force-exclude", "max-length")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
PATH_LIMIT = 200  # a path in a message is shown whole up to this length


class ConfigError(ValueError):
    """A bad config file or flag value: one line naming the file (and line when known) and key."""


# --- layers: one table of values and where it came from -------------------------------------


@dataclass(frozen=True)
class Layer:
    """The values one source sets: a config file's table, one override, or the flags.

    ``values`` holds checked values under their TOML keys; ``file`` is None for flags.
    """

    values: dict[str, Any] = field(default_factory=dict)
    file: str | None = None  # as shown to the user: relative to the working directory when inside it
    path: Path | None = None
    section: str = ""  # "[tool.mtcheck]", "[tool.mtcheck] overrides[0]", "overrides[0]", or ""
    table: str = ""  # the TOML table, to find a key's line: "tool.mtcheck", "overrides", "" (top level)
    index: int | None = None  # which [[table]] of an array
    root: Path | None = None  # the files it names must lie under this directory (None: anywhere)

    def label(self, key: str) -> str:
        """Where ``key`` came from, for ``Settings.sources``."""
        if self.file is None:
            return FLAGS.get(key, f"--{key}")
        return f"{self.file} {self.section}".rstrip()

    def error(
        self, problem: str, key: str | None = None, *, find: str | None = None, entry: str | None = None
    ) -> ConfigError:
        """A ConfigError for ``key`` in this layer; ``find``/``entry`` locate its line."""
        if self.file is None:
            name = find or key or ""
            detail = f"{key}: " if key and key != name else ""  # severity."punct"
            return ConfigError(f"{FLAGS.get(name, '--' + name)}: {detail}{problem}")
        line = _line_of(self, find or key, entry) if (find or key) else None
        where = f"{self.file}:{line}" if line else self.file
        section = f"{self.section} " if self.section else ""
        return ConfigError(f"{where}: {section}{f'{key}: ' if key else ''}{problem}")


@dataclass(frozen=True)
class Override:
    """A ``[[overrides]]`` table: its values apply to files matching one of ``paths``."""

    paths: tuple[str, ...]
    layer: Layer
    base_dir: Path
    patterns: tuple[re.Pattern[str], ...] = field(repr=False, compare=False)

    def matches(self, file_path: str | os.PathLike[str]) -> bool:
        return _matches(file_path, self.patterns, self.base_dir)


def path_matches(file_path: str | os.PathLike[str], globs: Iterable[str], base_dir: Path) -> bool:
    """Whether ``file_path`` lies under ``base_dir`` and its path relative to it matches one
    of ``globs`` (see glob_regex): how override ``paths``, and ``include``/``exclude`` with
    ``Settings.config_dir``, are meant to be matched."""
    return _matches(file_path, [glob_regex(glob) for glob in globs], base_dir)


def _matches(file_path: str | os.PathLike[str], patterns: Iterable[re.Pattern[str]], base_dir: Path) -> bool:
    if str(file_path) == "-":
        return False
    relative = os.path.relpath(os.path.abspath(file_path), base_dir).replace(os.sep, "/")
    if relative == ".." or relative.startswith("../"):
        return False
    return any(pattern.fullmatch(relative) for pattern in patterns)


@dataclass(frozen=True)
class Config:
    """One parsed config file."""

    path: Path
    file: str
    base: Layer
    overrides: tuple[Override, ...] = ()


# --- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Every effective value, and in ``sources`` where each came from (keyed by TOML key):
    "default", "pyproject.toml [tool.mtcheck]", "mtcheck.toml overrides[0]", "--select", or
    several joined by " + " for the keys that add up (extend-select, ignore, severity, weights).

    Paths from a config file are absolute; paths from flags are as given. ``select`` empty
    means the default rules, as in ``RuleSet.selected``.
    """

    src_lang: str | None = None
    tgt_lang: str | None = None
    rules: tuple[str, ...] = ()
    shipped_rules: bool = True
    glossaries: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str = "minor"
    min_score: float | None = None
    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    #: The most characters a target may have (length.limit), for the files an override names.
    max_length: int | None = None
    overrides: tuple[Override, ...] = ()
    config_file: str | None = None
    #: The config file's directory: what its relative paths and globs are relative to.
    config_dir: Path | None = None
    sources: Mapping[str, str] = field(default_factory=lambda: dict.fromkeys(KEYS, "default"))
    #: The config file's layer and the flags' layer: settings_for_file puts overrides between.
    config: Config | None = field(default=None, repr=False, compare=False)
    base_layer: Layer | None = field(default=None, repr=False, compare=False)
    flag_layer: Layer | None = field(default=None, repr=False, compare=False)
    #: The layer each selector and severity entry came from, to name it in an error.
    origins: Mapping[tuple[str, str], Layer] = field(default_factory=dict, repr=False, compare=False)

    def value(self, key: str) -> Any:
        """The value of a TOML key ("fail-on")."""
        return getattr(self, key.replace("-", "_"))

    @property
    def rules_key(self) -> tuple[Any, ...]:
        """Equal for settings that run the same rules: files sharing it can share a Checker."""
        return (
            self.rules,
            self.shipped_rules,
            self.src_lang,
            self.tgt_lang,
            self.glossaries,
            self.select,
            self.extend_select,
            self.ignore,
            tuple(sorted(self.severity.items())),
            self.max_length,
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values under their TOML keys (``mtcheck config --json``)."""
        out: dict[str, Any] = {}
        for key in DEFAULTS:
            value = self.value(key)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = {str(k): (v.value if isinstance(v, Severity) else v) for k, v in value.items()}
            out[key] = value
        out["overrides"] = [override_dict(o) for o in self.overrides]
        return out


def override_dict(override: Override) -> dict[str, Any]:
    out: dict[str, Any] = {"paths": list(override.paths)}
    for key in OVERRIDE_KEYS:
        if key in override.layer.values:
            value = override.layer.values[key]
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = {k: str(v) for k, v in value.items()}
            out[key] = value
    return out


def _compose(
    base: Layer | None, matched: Sequence[Layer], flags: Layer | None, config: Config | None = None
) -> Settings:
    overrides = config.overrides if config else ()
    layers = [layer for layer in (base, *matched, flags) if layer is not None]
    values: dict[str, Any] = dict(DEFAULTS)
    sources = dict.fromkeys(KEYS, "default")
    origins: dict[tuple[str, str], Layer] = {}
    for layer in layers:
        for key in _REPLACED:
            if key in layer.values:
                values[key] = layer.values[key]
                sources[key] = layer.label(key)
    # The highest layer that sets select starts the chain; modifiers below it are dropped.
    start = max((i for i, layer in enumerate(layers) if "select" in layer.values), default=0)
    if layers and "select" in layers[start].values:
        for item in values["select"]:
            origins["select", item] = layers[start]
    for key in ("extend-select", "ignore"):
        items: list[str] = []
        labels: list[str] = []
        for layer in layers[start:]:
            if key in layer.values:
                labels.append(layer.label(key))
                for item in layer.values[key]:
                    if item not in items:
                        items.append(item)
                    origins[key, item] = layer
        values[key] = tuple(items)
        if labels:
            sources[key] = " + ".join(labels)
        elif any(key in layer.values for layer in layers[:start]):
            sources[key] = layers[start].label("select")  # reset by that select
    # extend-exclude adds up across every layer (a config file's globs and the flag's).
    extended: list[str] = []
    labels = []
    for layer in layers:
        if "extend-exclude" in layer.values:
            labels.append(layer.label("extend-exclude"))
            extended.extend(item for item in layer.values["extend-exclude"] if item not in extended)
    values["extend-exclude"] = tuple(extended)
    if labels:
        sources["extend-exclude"] = " + ".join(labels)
    for key in ("severity", "weights"):
        merged = dict(DEFAULTS[key])
        labels = []
        for layer in layers:
            if key in layer.values:
                merged.update(layer.values[key])
                labels.append(layer.label(key))
                if key == "severity":
                    for selector in layer.values[key]:
                        origins["severity", selector] = layer
        values[key] = merged
        if labels:
            sources[key] = " + ".join(labels)
    if overrides and base is not None:
        sources["overrides"] = base.label("overrides")
    return Settings(
        **{key.replace("-", "_"): value for key, value in values.items()},
        overrides=overrides,
        config_file=config.file if config else None,
        config_dir=config.path.parent if config else None,
        config=config,
        sources=sources,
        base_layer=base,
        flag_layer=flags,
        origins=origins,
    )


def settings_for_file(settings: Settings, file_path: str | os.PathLike[str]) -> Settings:
    """The settings for one file: the overrides whose globs match it, in file order (a later
    one wins), sit between the config file and the flags."""
    matched = [o.layer for o in settings.overrides if o.matches(file_path)]
    if not matched:
        return settings
    return _compose(settings.base_layer, matched, settings.flag_layer, settings.config)


# --- discovery ----------------------------------------------------------------------------------


def start_dir(path: str | os.PathLike[str]) -> Path:
    """Where the search starts: a directory itself, a file's directory; '-' (stdin) is the
    working directory. A missing path counts as a file."""
    if str(path) == "-":
        return Path(os.getcwd())
    absolute = Path(os.path.abspath(path))
    try:
        return absolute if absolute.is_dir() else absolute.parent
    except OSError:  # inside a directory we may not search: it is read (and refused) later
        return absolute.parent


class ConfigResolver:
    """``resolve`` for many files: each directory is searched, and each file parsed, once."""

    def __init__(
        self,
        cli_values: Mapping[str, Any] | None = None,
        *,
        config_file: str | os.PathLike[str] | None = None,
        isolated: bool = False,
        allow_external: bool = False,
    ) -> None:
        """``config_file`` names the file to use instead of searching; ``isolated`` uses none;
        ``allow_external`` lets config files name files outside their repository."""
        self.flags = flag_layer(cli_values or {})
        self.allow_external = allow_external
        self.explicit = (
            load_config(Path(config_file), explicit=True, allow_external=allow_external)
            if config_file is not None
            else None
        )
        self.isolated = isolated
        self._by_dir: dict[Path, Config | None] = {}
        self._settings: dict[Path | None, Settings] = {}

    def find(self, path: str | os.PathLike[str]) -> Config | None:
        """The config governing ``path``, or None."""
        if self.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        directory = start_dir(path)
        visited: list[Path] = []
        found: Config | None = None
        for candidate in (directory, *directory.parents):
            if candidate in self._by_dir:
                found = self._by_dir[candidate]
                break
            visited.append(candidate)
            found = _config_in(candidate, self.allow_external)
            if found is not None:
                break
        for seen in visited:
            self._by_dir[seen] = found
        return found

    def settings(self, path: str | os.PathLike[str]) -> Settings:
        """The settings for ``path`` before per-path overrides."""
        config = self.find(path)
        key = config.path if config else None
        if key not in self._settings:
            self._settings[key] = _compose(config.base if config else None, (), self.flags, config)
        return self._settings[key]

    def for_file(self, path: str | os.PathLike[str]) -> Settings:
        """The settings for one file, overrides applied."""
        return settings_for_file(self.settings(path), path)

    def for_run(self, paths: Iterable[str | os.PathLike[str]]) -> Settings:
        """Run-wide settings (fail-on, min-score, weights, include, exclude) for several
        paths: those of the config governing all of them, found from their common directory."""
        starts = [str(start_dir(p)) for p in paths]
        if not starts:
            return self.settings(".")
        try:
            common = os.path.commonpath(starts)
        except ValueError:  # different drives
            common = starts[0]
        return self.settings(common)


def resolve(
    path: str | os.PathLike[str],
    cli_values: Mapping[str, Any] | None = None,
    *,
    config_file: str | os.PathLike[str] | None = None,
    isolated: bool = False,
) -> Settings:
    """The settings for checking ``path``: ``cli_values`` holds the flags the user gave (a
    None value counts as not given), keyed by TOML key or its snake_case form."""
    return ConfigResolver(cli_values, config_file=config_file, isolated=isolated).settings(path)


def find_config(path: str | os.PathLike[str]) -> Path | None:
    """The config file that governs ``path`` (without parsing more than needed), or None."""
    config = ConfigResolver().find(path)
    return config.path if config else None


def _config_in(directory: Path, allow_external: bool = False) -> Config | None:
    for name in (CONFIG_FILE, PYPROJECT):
        candidate = directory / name
        if _exists(candidate):
            return load_config(candidate, allow_external=allow_external)
    return None


def _exists(path: Path) -> bool:
    """Whether anything is there (a FIFO or a directory by that name is then refused by
    ``load_config``, as a file that cannot be read); a directory we may not search has none."""
    try:
        return path.is_file() or (path.exists() and not path.is_dir())
    except OSError:
        return False


def repository_root(directory: Path) -> Path:
    """The nearest directory at or above ``directory`` holding ``.git`` (a work tree), else
    ``directory`` itself."""
    for candidate in (directory, *directory.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            break
    return directory


def _display(path: Path) -> str:
    """Relative to the working directory when under it or in one of its parents
    (``../pyproject.toml``); absolute otherwise."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    parts = Path(relative).parts
    climbs = [part == ".." for part in parts[:-1]]
    return relative if all(climbs) or not any(climbs) else str(path)


def load_config(path: Path, *, explicit: bool = False, allow_external: bool = False) -> Config | None:
    """Parse a config file: ``[tool.mtcheck]`` of a file named pyproject.toml, the top-level
    table of any other. None for a pyproject.toml without the table (unless ``explicit``)."""
    from mtcheck.fileio import FileProblem, read_regular

    path = Path(os.path.abspath(path))
    file = _display(path)
    try:
        raw = read_regular(path)
    except FileProblem as exc:
        raise ConfigError(f"{file}: cannot read: {exc}") from None
    pyproject = path.name == PYPROJECT
    if pyproject and b"mtcheck" not in raw and not explicit:
        return None  # cheap: most pyproject.toml files never mention mtcheck
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(file, exc) from None
    except RecursionError:
        raise ConfigError(f"{file}: invalid TOML: nested too deeply") from None
    except ValueError:  # an integer of thousands of digits
        raise ConfigError(f"{file}: invalid TOML: a number too long to read") from None
    root = None if allow_external else repository_root(path.parent)
    if pyproject:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "mtcheck" not in tool:
            if explicit:
                raise ConfigError(f"{file}: no [tool.mtcheck] table")
            return None
        table = tool["mtcheck"]
        base = Layer(file=file, path=path, section="[tool.mtcheck]", table="tool.mtcheck", root=root)
        if not isinstance(table, dict):
            raise base.error(f"expected a table, got {_show(table)}", find="mtcheck")
    else:
        table = data
        base = Layer(file=file, path=path, root=root)
    base_dir = path.parent
    overrides = _parse_table(table, base, base_dir, allowed=(*DEFAULTS, "overrides"))
    return Config(path, file, base, overrides)


def _toml_error(file: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    match = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message)
    if match:
        return ConfigError(f"{file}:{match[2]}:{match[3]}: invalid TOML: {match[1]}")
    return ConfigError(f"{file}: invalid TOML: {message}")


# --- parsing and checking values --------------------------------------------------------------


def _parse_table(
    table: Mapping[str, Any], layer: Layer, base_dir: Path, allowed: Sequence[str]
) -> tuple[Override, ...]:
    """Check every key of ``table`` into ``layer.values``; returns its overrides."""
    overrides: tuple[Override, ...] = ()
    for key, value in table.items():
        if key not in allowed:
            raise _unknown_key(key, layer, allowed)
        if key == "overrides":
            overrides = _parse_overrides(value, layer, base_dir)
        else:
            layer.values[key] = _CHECKS[key](value, key, layer, base_dir)
    return overrides


def _unknown_key(key: str, layer: Layer, allowed: Sequence[str]) -> ConfigError:
    import difflib

    if key in DEFAULTS:  # a key that exists, but not in an override
        listed = ", ".join(("paths", *OVERRIDE_KEYS))
        return layer.error(f"'{key}' cannot be set per path (an override sets {listed})", find=key)
    suggestion = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
    if key == "tool" and layer.section == "":
        hint = " (in mtcheck.toml the keys are at top level, without [tool.mtcheck])"
    return layer.error(f"unknown key {_show(key)}{hint}", find=key)


def _parse_overrides(value: Any, layer: Layer, base_dir: Path) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        header = "[[tool.mtcheck.overrides]]" if layer.table else "[[overrides]]"
        raise layer.error(f"expected an array of tables ({header}), got {_show(value)}", "overrides")
    overrides = []
    for index, table in enumerate(value):
        section = f"{layer.section} overrides[{index}]".lstrip()
        own = Layer(
            file=layer.file,
            path=layer.path,
            section=section,
            table=f"{layer.table}.overrides".lstrip("."),
            index=index,
            root=layer.root,
        )
        if "paths" not in table:
            raise own.error("missing 'paths' (a list of globs, relative to the config file's directory)")
        paths = _strings(table["paths"], "paths", own, base_dir)
        if not paths:
            raise own.error("expected at least one glob", "paths")
        _parse_table({k: v for k, v in table.items() if k != "paths"}, own, base_dir, OVERRIDE_KEYS)
        try:
            patterns = tuple(glob_regex(pattern) for pattern in paths)
        except re.error as exc:
            raise own.error(f"bad glob ({exc})", "paths") from None
        overrides.append(Override(paths, own, base_dir, patterns))
    return tuple(overrides)


def _show(value: Any, limit: int = 40) -> str:
    """A value as the user wrote it, roughly, for error messages: a short, escaped excerpt."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        from mtcheck.display import quoted

        return quoted(value, limit)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _strings(value: Any, key: str, layer: Layer, base_dir: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise layer.error(f"expected a list of strings, got {_show(value)}", key)
    items = tuple(item.strip() for item in value)
    if any(not item for item in items):
        raise layer.error("expected a list of strings, got an empty string", key)
    return items


def _selectors(value: Any, key: str, layer: Layer, base_dir: Path | None) -> tuple[str, ...]:
    items = _strings(value, key, layer, base_dir)
    for item in items:
        if "," in item or any(char.isspace() for char in item):
            raise layer.error(f"{item!r} is not a rule id prefix (give one per string)", key)
    return items


def _lang(value: Any, key: str, layer: Layer, base_dir: Path | None) -> str:
    if not isinstance(value, str) or not _LANG.fullmatch(value):
        raise layer.error(f"expected a language code such as 'zh' or 'en-US', got {_show(value)}", key)
    return value


def _bool(value: Any, key: str, layer: Layer, base_dir: Path | None) -> bool:
    if not isinstance(value, bool):
        raise layer.error(f"expected true or false, got {_show(value)}", key)
    return value


def _fail_on(value: Any, key: str, layer: Layer, base_dir: Path | None) -> str:
    if value not in FAIL_ON:
        raise layer.error(f"expected one of {', '.join(FAIL_ON)}, got {_show(value)}", key)
    return str(value)


def _number(value: Any, key: str, layer: Layer, base_dir: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise layer.error(f"expected a number, got {_show(value)}", key)
    return value


def _positive_int(value: Any, key: str, layer: Layer, base_dir: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise layer.error(f"expected a whole number of characters (1 or more), got {_show(value)}", key)
    return value


def _severity_table(value: Any, key: str, layer: Layer, base_dir: Path | None) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise layer.error(
            f'expected a table of rule id → severity, such as {{"punct" = "major"}}, got {_show(value)}', key
        )
    table: dict[str, Severity] = {}
    names = ", ".join(s.value for s in Severity)
    for selector, severity in value.items():
        if severity not in tuple(Severity):
            raise layer.error(
                f"expected one of {names}, got {_show(severity)}", f'{key}."{selector}"', find=key, entry=selector
            )
        table[selector] = Severity(severity)
    return table


def _weights(value: Any, key: str, layer: Layer, base_dir: Path | None) -> dict[Severity, float]:
    if not isinstance(value, dict):
        raise layer.error(f"expected a table such as {{minor = 1, major = 5, critical = 25}}, got {_show(value)}", key)
    table: dict[Severity, float] = {}
    for tier, weight in value.items():
        if tier not in tuple(Severity):
            names = ", ".join(s.value for s in Severity)
            raise layer.error(f"unknown severity {tier!r} (expected {names})", key, find=key, entry=tier)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not weight >= 0 or weight == math.inf:
            raise layer.error(f"expected a number ≥ 0, got {_show(weight)}", f"{key}.{tier}", find=key, entry=tier)
        table[Severity(tier)] = weight
    return table


def _pack_paths(value: Any, key: str, layer: Layer, base_dir: Path | None) -> tuple[str, ...]:
    items = _strings(value, key, layer, base_dir)
    if base_dir is None:
        return items
    resolved = []
    for item in items:
        path = Path(os.path.abspath(base_dir / item))
        _contained(path, item, key, layer)
        if not os.path.exists(path):  # (os.path.exists: a directory we may not search is no traceback)
            raise layer.error(
                f"{_show(item, PATH_LIMIT)} does not exist (paths are relative to the config file's directory)", key
            )
        resolved.append(str(path))
    return tuple(resolved)


def _contained(path: Path, item: str, key: str, layer: Layer) -> None:
    """Refuse a path outside the layer's repository (symlinks resolved): see the module docstring."""
    if layer.root is None:
        return
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(layer.root))
    if real != root and root not in real.parents:
        raise layer.error(
            f"{_show(item, PATH_LIMIT)} is outside the repository ({root}); a configuration file may only name files "
            "inside it (--allow-external-paths allows others)",
            key,
        )


def _glossary_paths(value: Any, key: str, layer: Layer, base_dir: Path | None) -> tuple[str, ...]:
    """A file relative to the config file, else the name of a shipped glossary ("zh-en")."""
    items = _strings(value, key, layer, base_dir)
    from mtcheck.glossary.load import SHIPPED_PREFIX, shipped_glossary, shipped_names

    if base_dir is None:
        return items
    resolved = []
    for item in items:
        path = Path(os.path.abspath(base_dir / item))
        if not item.startswith(SHIPPED_PREFIX) and (os.path.isfile(path) or os.path.islink(path)):
            _contained(path, item, key, layer)
            resolved.append(str(path))
        elif shipped_glossary(item) is not None:  # a zh-en/ folder beside the config does not hide it
            resolved.append(item)
        else:
            _contained(path, item, key, layer)
            raise layer.error(
                f"{_show(item, PATH_LIMIT)} is neither a file (relative to the config file's directory) nor a shipped "
                f"glossary ({', '.join(shipped_names())})",
                key,
            )
    return tuple(resolved)


_CHECKS = {
    "src-lang": _lang,
    "tgt-lang": _lang,
    "rules": _pack_paths,
    "shipped-rules": _bool,
    "glossaries": _glossary_paths,
    "select": _selectors,
    "extend-select": _selectors,
    "ignore": _selectors,
    "severity": _severity_table,
    "fail-on": _fail_on,
    "min-score": _number,
    "weights": _weights,
    "include": _strings,
    "exclude": _strings,
    "extend-exclude": _strings,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "max-length": _positive_int,
}


def flag_layer(cli_values: Mapping[str, Any]) -> Layer | None:
    """The flags the user gave, checked like config values. Selector flags may hold
    comma-separated lists (``--select punct,trunc``); None means not given."""
    layer = Layer()
    for name, value in cli_values.items():
        key = name.replace("_", "-")
        if key not in DEFAULTS:
            raise TypeError(f"resolve(): unknown setting {name!r}")
        if value is None:
            continue
        if key in ("select", "extend-select", "ignore"):
            value = [part.strip() for item in value for part in str(item).split(",") if part.strip()]
        elif key in ("rules", "glossaries", "include", "exclude", "extend-exclude"):
            value = [str(item) for item in value]
        elif key in ("fail-on", "src-lang", "tgt-lang") and not isinstance(value, str):
            value = str(value)
        layer.values[key] = _CHECKS[key](value, key, layer, None)
    return layer if layer.values else None


# --- locating a key's line (tomllib gives none) -------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?")


def _normal_header(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _line_of(layer: Layer, key: str | None, entry: str | None = None) -> int | None:
    """Best effort: the line that sets ``key`` (or ``entry`` of the ``key`` table) in the
    layer's table. None when the file uses a form this does not follow (dotted keys across
    tables, inline tables)."""
    if layer.path is None or key is None:
        return None
    try:
        lines = layer.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    searches = [(layer.table, layer.index, key)]
    if entry is not None:
        searches.insert(0, (f"{layer.table}.{key}".lstrip("."), None, entry))
    for table, index, wanted in searches:
        line = _find(lines, table, index, wanted)
        if line is not None:
            return line
    return None


def _find(lines: list[str], table: str, index: int | None, key: str) -> int | None:
    assignment = re.compile(rf"\s*([\"']?){re.escape(key)}\1\s*[=.]")
    current, current_index = "", None
    counts: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        header = _HEADER.fullmatch(line)
        if header:
            current = _normal_header(header[2])
            if header[1] == "[[":
                counts[current] = counts.get(current, -1) + 1
                current_index = counts[current]
            else:
                current_index = None
            sub = f"{table}.{key}".lstrip(".")
            if index is None and (current == sub or current.startswith(sub + ".")):
                return number  # [tool.mtcheck.severity]
            continue
        if current == table and current_index == index and assignment.match(line):
            return number
    return None


# --- globs ----------------------------------------------------------------------------------------


def glob_regex(pattern: str, *, contents: bool = True) -> re.Pattern[str]:
    """A gitignore-style glob, matched against a path relative to the config's directory:
    ``*`` and ``?`` stay within one directory, ``**`` spans any number; a glob without ``/``
    matches at any depth (``*.po``); a glob that matches a directory covers its files (unless
    ``contents`` is false: then it matches the directory's own path only)."""
    glob = pattern.strip().replace("\\", "/")
    if glob.startswith("./"):
        glob = glob[2:]
    anchored = "/" in glob.rstrip("/")
    glob = glob.strip("/")
    if not anchored:
        glob = "**/" + glob
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[" and (end := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return re.compile("".join(out) + ("(?:/.*)?" if contents else ""), re.DOTALL)


# --- rules: selection and severity overrides --------------------------------------------------


def build_rules(settings: Settings) -> list[Rule]:
    """The rules ``settings`` run: packs, glossaries, selection, severity overrides.

    A config selector (select/ignore/extend-select/severity) that names no rule is a
    ConfigError naming the file and key; a flag's is a SelectionError, as before. Every
    language's rules are loaded (the Checker picks them per segment), so a selector naming
    rules of another language pair is known. Raises PackError and GlossaryError too.
    """
    from mtcheck.engine import RuleSet
    from mtcheck.selection import matches, select_ids

    ruleset = RuleSet.load(
        settings.rules,
        shipped=settings.shipped_rules,
        src_lang=settings.src_lang,  # a multilingual glossary's columns
        tgt_lang=settings.tgt_lang,
        glossaries=settings.glossaries,
        options={"max-length": settings.max_length} if settings.max_length is not None else None,
    )
    ids = [rule.info.id for rule in ruleset.rules]
    selectors = [
        (key, item)
        for key in ("select", "extend-select", "ignore", "severity")
        for item in (settings.severity if key == "severity" else settings.value(key))
    ]
    for key, selector in selectors:
        layer = settings.origins.get((key, selector))
        if layer is not None and layer.file is not None and not any(matches(i, selector) for i in ids):
            problem = f"no rule matches {selector!r} (see `mtcheck rules list`)"
            if key == "severity":
                raise layer.error(problem, key, entry=selector)
            raise layer.error(problem, key)
    defaults = [rule.info.id for rule in ruleset.rules if rule.info.default]
    keep = set(select_ids(ids, settings.select, settings.ignore, settings.extend_select, defaults))
    selected = [rule for rule in ruleset.rules if rule.info.id in keep]
    return apply_severity(selected, settings.severity, known_ids=ids)


def apply_severity(
    rules: Sequence[Rule], severity: Mapping[str, Severity | str], *, known_ids: Iterable[str] | None = None
) -> list[Rule]:
    """``rules`` with their default severity overridden by ``severity`` (rule id prefix →
    severity; the most specific prefix wins, ``ALL`` least). A hit that sets its own
    severity (a glossary entry's) keeps it: the table changes a rule's default only.

    Raises SelectionError for a prefix matching none of ``known_ids`` (default: the rules').
    """
    from mtcheck.selection import SelectionError, matches

    if not severity:
        return list(rules)
    table = {selector: Severity(value) for selector, value in severity.items()}
    known = list(known_ids) if known_ids is not None else [rule.info.id for rule in rules]
    for selector in table:
        if not any(matches(rule_id, selector) for rule_id in known):
            raise SelectionError(f"no rule matches {selector!r} (see `mtcheck rules list`)")
    out: list[Rule] = []
    for rule in rules:
        chosen = [s for s in table if matches(rule.info.id, s)]
        if not chosen:
            out.append(rule)
            continue
        best = max(chosen, key=lambda s: -1 if s == "ALL" else s.count("."))
        if table[best] == rule.info.severity:
            out.append(rule)
        else:
            out.append(with_info(rule, replace(rule.info, severity=table[best])))
    return out


def with_info(rule: Rule, info: RuleInfo) -> Rule:
    """A copy of ``rule`` with other metadata. Dataclass rules (pack rules, built-in checks,
    glossary term rules, batch checks) are copied with ``dataclasses.replace``; a batch
    check's ``fresh()`` then gives the copy its own empty state. Any other rule is wrapped."""
    if is_dataclass(rule) and any(f.name == "info" and f.init for f in fields(rule)):
        copy = replace(rule, info=info)  # type: ignore[type-var]
        fresh = getattr(copy, "fresh", None)
        return fresh() if callable(fresh) else copy
    return _WithInfo(rule, info)  # type: ignore[return-value]


class _WithInfo:
    """A rule that is not a dataclass, seen with different metadata."""

    def __init__(self, rule: Rule, info: RuleInfo) -> None:
        self._rule = rule
        self.info = info

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)


class Checkers:
    """One Checker per distinct rule configuration, built on first use: files that share
    settings (all of them, without overrides) share compiled rules and batch state."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[Any, ...], Checker] = {}

    def get(self, settings: Settings) -> Checker:
        from mtcheck.engine import Checker

        key = settings.rules_key
        if key not in self._by_key:
            self._by_key[key] = Checker(build_rules(settings))
        return self._by_key[key]

    def __iter__(self):
        return iter(list(self._by_key.values()))
