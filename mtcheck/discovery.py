"""Which files a run checks: files named on the command line, directory walks, glob patterns.

``mtcheck check .`` in a real repository must read the translations and nothing else, so a
walk (and a glob pattern, which walks from its fixed prefix) skips:

- what git ignores: ``.gitignore`` files at every level from the work tree's root down, and
  ``.git/info/exclude`` — inside a git work tree only, as git, ruff and ripgrep do; off with
  ``respect-gitignore = false`` (``--no-respect-gitignore``);
- the ``exclude`` globs (by default ``DEFAULT_EXCLUDE``: virtual environments, dependencies,
  build and cache folders) and the ``extend-exclude`` globs added to them;
- always: version-control metadata, virtual environments whatever their name (a directory
  holding ``pyvenv.cfg`` or ``conda-meta``), ``glossaries/`` folders, TBX files, and the files
  the configuration or the flags name as glossaries and rule packs: a glossary is a TSV or a
  CSV like a batch, and read as one it would be checked as translations.

A file named on the command line is always checked (it was asked for), unless
``force-exclude`` is set: then the excludes and the glossary and pack rules apply to it too,
which is what a pre-commit hook needs, since pre-commit names every file it hands over.
Globs are gitignore-style (``config.glob_regex``), relative to the directory of the config
file that sets them, or for flags to the working directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.config import glob_regex

if TYPE_CHECKING:
    from mtcheck.config import Settings

#: Directories no walk enters: version-control metadata.
VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", ".jj"})
#: Directories of glossaries, kept beside translations in localization repositories.
GLOSSARY_DIRS = frozenset({"glossaries"})
#: Files never read as a batch: termbases.
NEVER_BATCH_SUFFIXES = (".tbx",)


def default_include() -> tuple[str, ...]:
    """What a walk looks for without --include: every extension a reader claims. Not ``.txt``:
    a repository's text files are READMEs, licences and ``requirements.txt``; plain-text
    translations are named, globbed (``'l10n/*.txt'``) or included (``--include '*.txt'``)."""
    from mtcheck.formats import REGISTRY

    return tuple(f"*{ext}" for _, extensions in REGISTRY.values() for ext in extensions)


@dataclass(frozen=True)
class Globs:
    """Globs and the directory they are relative to."""

    base: Path
    globs: tuple[str, ...]

    @cached_property
    def deep(self) -> tuple[re.Pattern[str], ...]:
        """A match of a directory covers its files (for named files under --force-exclude).
        Compiled when first asked for: a run on named files never asks (the default list's
        two score of globs cost milliseconds of every pre-commit run)."""
        return tuple(glob_regex(g) for g in self.globs)

    @cached_property
    def shallow(self) -> tuple[re.Pattern[str], ...]:
        """A match of the path itself (in a walk, where a matched directory is not entered)."""
        return tuple(glob_regex(g, contents=False) for g in self.globs)

    def matches(self, path: str, *, deep: bool = False) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return any(pattern.fullmatch(relative) for pattern in (self.deep if deep else self.shallow))


def _any(globs: Iterable[Globs], path: str, *, deep: bool = False) -> bool:
    return any(g.matches(path, deep=deep) for g in globs)


@dataclass(frozen=True)
class Rules:
    """What discovery keeps: see the module docstring."""

    include: tuple[Globs, ...] = ()  # empty: default_include()
    exclude: tuple[Globs, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    #: Real paths of the glossaries and rule packs the run names (files or directories).
    tools: frozenset[str] = frozenset()
    #: How tables name their target column (``--target-column``), and ``--input-format``:
    #: a walked CSV, TSV or JSON Lines file that names no target is data, not translations.
    target_column: str | None = None
    input_format: str | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        cwd: Path | None = None,
        *,
        target_column: str | None = None,
        input_format: str | None = None,
    ) -> Rules:
        """The run's rules: each glob relative to where it was set (a config file's directory,
        or the working directory for flags)."""
        cwd = cwd or Path(os.getcwd())
        config_dir = settings.config_dir or cwd

        def base(key: str) -> Path:
            return config_dir if settings.sources.get(key, "").startswith(settings.config_file or "\0") else cwd

        include = (Globs(base("include"), settings.include),) if settings.include else ()
        exclude = [Globs(base("exclude"), settings.exclude)]
        for layer, directory in ((settings.base_layer, config_dir), (settings.flag_layer, cwd)):
            extra = layer.values.get("extend-exclude", ()) if layer is not None else ()
            if extra:
                exclude.append(Globs(directory, tuple(extra)))
        named = [*settings.rules, *settings.glossaries]
        for override in settings.overrides:
            named.extend(override.layer.values.get("glossaries", ()))
        tools = frozenset(os.path.realpath(p) for p in named if os.path.exists(p))
        return cls(
            tuple(include),
            tuple(exclude),
            settings.respect_gitignore,
            settings.force_exclude,
            tools,
            target_column,
            input_format,
        )


@dataclass
class Found:
    """What discovery found, and what it left out that the user may want to hear about."""

    files: list[str] = field(default_factory=list)
    #: Directories that could not be listed (one line each, for stderr and exit status 2).
    problems: list[str] = field(default_factory=list)
    #: Walked tables that name no target column: data, not translations.
    not_translations: list[str] = field(default_factory=list)
    #: Named files left out under --force-exclude.
    excluded: list[str] = field(default_factory=list)


def discover(paths: Iterable[str], rules: Rules | None = None) -> Found:
    """Files named, files under directories, and glob patterns (``'l10n/**/*.xlf'``), sorted
    within each argument and never twice. A directory that cannot be listed is a problem, not
    a silent gap."""
    rules = rules or Rules(exclude=(Globs(Path(os.getcwd()), _default_exclude()),))
    include = rules.include
    default_names = None if include else tuple(default_include())
    found = Found()
    seen: set[str] = set()

    def wanted(path: str) -> bool:
        if include:
            return _any(include, path, deep=True)
        name = os.path.basename(path)
        return any(_fnmatch(name, pattern) for pattern in default_names or ())

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    def unlistable(error: OSError) -> None:
        found.problems.append(f"{error.filename}: error: cannot list this directory: {error.strerror or error}")

    for argument in paths:
        if argument == "-":
            add(argument)
        elif os.path.isdir(argument):
            for path in sorted(_walk(argument, rules, unlistable)):
                if not wanted(path) or path in seen:
                    continue
                if holds_translations(path, rules.input_format, rules.target_column):
                    add(path)
                else:
                    found.not_translations.append(path)
        elif any(char in argument for char in "*?[") and not os.path.exists(argument):
            root, pattern = _split_glob(argument)
            matcher = glob_regex("/" + pattern, contents=False)  # anchored at the root, as a shell does
            for path in sorted(_walk(root, rules, unlistable)):
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                if matcher.fullmatch(relative):
                    add(path)
        elif rules.force_exclude and excluded_when_named(argument, rules):
            found.excluded.append(argument)
        else:
            add(argument)  # a missing file is reported when it is read
    return found


def holds_translations(path: str, input_format: str | None = None, target_column: str | None = None) -> bool:
    """Whether a table found in a walk is a translation file, by its first line: a CSV whose
    header names the target column; a TSV with two columns (``source<TAB>target``, with or
    without that header) or a header naming the target column; a JSON Lines file whose first
    record has the target key. Other formats, and files this cannot read, are kept (the reader
    judges them, and says what is wrong)."""
    from mtcheck.formats import detect_format

    fmt = input_format or detect_format(path)
    if fmt not in ("csv", "tsv", "jsonl"):
        return True
    line = _first_line(path)
    if line is None:
        return True
    target = (target_column or "target").strip().lower()
    if fmt == "jsonl":
        import json

        try:
            record = json.loads(line)
        except ValueError:
            return True  # malformed: the reader says where
        return not isinstance(record, dict) or (target_column or "target") in record
    delimiter = "\t" if fmt == "tsv" else max((",", ";", "\t"), key=line.count)
    cells = [cell.strip().strip('"').strip().lower() for cell in line.split(delimiter)]
    return target in cells or (fmt == "tsv" and len(cells) == 2)


def _first_line(path: str, limit: int = 1 << 16) -> str | None:
    """The first non-blank line of a text file (None when it cannot be read or decoded)."""
    import codecs

    try:
        with open(path, "rb") as handle:
            data = handle.read(limit)
    except OSError:
        return None
    encoding = "utf-8"
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig")):
        if data.startswith(bom):
            encoding = name
            break
    else:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
    text = data.decode(encoding, errors="replace")
    return next((line for line in text.splitlines() if line.strip()), None)


def excluded_when_named(path: str, rules: Rules) -> bool:
    """--force-exclude: a named file in an excluded place, or a glossary, pack or termbase."""
    real = os.path.realpath(path)
    if real in rules.tools or any(real.startswith(tool + os.sep) for tool in rules.tools):
        return True
    if path.lower().endswith(NEVER_BATCH_SUFFIXES):
        return True
    parts = Path(os.path.abspath(path)).parts[:-1]
    if any(part in VCS_DIRS or part in GLOSSARY_DIRS for part in parts):
        return True
    return _any(rules.exclude, path, deep=True)


def _walk(directory: str, rules: Rules, onerror: Callable[[OSError], None]) -> Iterator[str]:
    """Every file under ``directory`` that the rules keep (symlinked directories are not
    entered: no cycles)."""
    top = os.path.abspath(directory)
    ignore = GitIgnore.around(Path(top)) if rules.respect_gitignore else None
    stack: list[tuple[str, GitIgnore | None]] = [(directory, ignore)]
    while stack:
        current, ignore = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            onerror(exc)
            continue
        names = {entry.name for entry in entries}
        if current != directory and _is_environment(current, names):
            continue
        if rules.respect_gitignore and ".git" in names and current != directory:
            ignore = GitIgnore(Path(os.path.abspath(current)))  # a nested repository: its own rules
        for entry in entries:
            path = str(Path(entry.path))
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                if entry.name in VCS_DIRS or entry.name in GLOSSARY_DIRS:
                    continue
                if _skipped(path, True, rules, ignore):
                    continue
                stack.append((path, ignore))
            elif (
                is_file
                and entry.name not in VCS_DIRS  # a linked work tree's .git file
                and not entry.name.lower().endswith(NEVER_BATCH_SUFFIXES)
                and not _skipped(path, False, rules, ignore)
            ):
                yield path


def _skipped(path: str, is_dir: bool, rules: Rules, ignore: GitIgnore | None) -> bool:
    if rules.tools and os.path.realpath(path) in rules.tools:
        return True
    if _any(rules.exclude, path):
        return True
    return ignore is not None and ignore.ignored(Path(os.path.abspath(path)), is_dir)


def _is_environment(directory: str, names: set[str]) -> bool:
    """A Python virtual environment (``pyvenv.cfg``) or a conda environment (``conda-meta/``)."""
    return "pyvenv.cfg" in names or ("conda-meta" in names and os.path.isdir(os.path.join(directory, "conda-meta")))


def _split_glob(pattern: str) -> tuple[str, str]:
    parts = Path(pattern).parts
    for index, part in enumerate(parts):
        if any(char in part for char in "*?["):
            root = str(Path(*parts[:index])) if index else "."
            return root, "/".join(parts[index:])
    return ".", pattern


def _fnmatch(name: str, pattern: str) -> bool:
    import fnmatch

    return fnmatch.fnmatch(name.lower(), pattern)


def _default_exclude() -> tuple[str, ...]:
    from mtcheck.config import DEFAULT_EXCLUDE

    return DEFAULT_EXCLUDE


# --- git's ignore rules -------------------------------------------------------------------------


def work_tree(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` that holds ``.git`` (a directory, or
    the file a linked work tree or submodule has), or None outside a work tree."""
    for candidate in (directory, *directory.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            return None
    return None


def git_dir(root: Path) -> Path | None:
    """The repository directory of a work tree, whose ``info/exclude`` holds local ignores:
    ``.git`` itself, or for a linked work tree (``.git`` a file: ``gitdir: …``) the common
    directory its ``commondir`` names."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        first = dot_git.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first.startswith("gitdir:"):
        return None
    directory = Path(first[len("gitdir:") :].strip())
    directory = directory if directory.is_absolute() else root / directory
    try:
        common = (directory / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return directory
    return Path(common) if Path(common).is_absolute() else directory / common


class GitIgnore:
    """The ignore rules of one git work tree: each directory's ``.gitignore`` (read once, when
    first needed) and ``info/exclude``. A path's fate is decided by the deepest file with a
    pattern that matches it, the last such pattern in that file winning (``!`` re-includes);
    ``info/exclude`` ranks below every ``.gitignore``, as in git. The user's global excludes
    file is not read: a CI runner and a laptop must see the same files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._specs: dict[Path, Any] = {}
        repository = git_dir(root)
        self._exclude = _spec_from(repository / "info" / "exclude") if repository else None

    @classmethod
    def around(cls, directory: Path) -> GitIgnore | None:
        root = work_tree(directory)
        return cls(root) if root is not None else None

    def _spec(self, directory: Path) -> Any:
        if directory not in self._specs:
            self._specs[directory] = _spec_from(directory / ".gitignore")
        return self._specs[directory]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (absolute, inside the work tree)."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        suffix = "/" if is_dir else ""
        parts = relative.parts
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._spec(self.root.joinpath(*parts[:depth]))
            if spec is not None:
                result = spec.check_file("/".join(parts[depth:]) + suffix)
                if result.include is not None:
                    return bool(result.include)
        if self._exclude is not None:
            result = self._exclude.check_file("/".join(parts) + suffix)
            return bool(result.include)
        return False


def _spec_from(path: Path) -> Any:
    """The patterns of an ignore file (pathspec's gitignore semantics), None when it is absent,
    unreadable or empty of patterns."""
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    lines = text.splitlines()
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)
