"""mtcheck as a library: the settings the command line uses, compiled once, then segments in,
findings out. No typer or rich is imported on this path, so a CAT-tool plug-in, a webhook or a
notebook pays for the rules only.

The command line builds its rules here too (``configure``): a flag, a ``mtcheck.toml`` or a
``[tool.mtcheck]`` table means the same to both, and so do the findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

from mtcheck.model import Finding, InputError, Origin, Segment

if TYPE_CHECKING:
    from mtcheck.config import Checkers, Settings
    from mtcheck.engine import Checker as Engine
    from mtcheck.formats import Loaded

__all__ = [
    "Checker",
    "Configured",
    "Finding",
    "InputError",
    "Segment",
    "SettingsError",
    "configure",
    "flag_values",
    "read_file",
    "write_file",
]

#: What ``Checker.check`` accepts: a Segment, ``(source, target, key)`` or ``(source, target)``
#: (source None for monolingual text).
SegmentLike = Union[Segment, tuple[str | None, str, str], tuple[str | None, str]]  # noqa: UP007


class SettingsError(ValueError):
    """A bad configuration file, rule pack, glossary or rule selector; the message is one line
    naming the file and place (the command line prints it and exits 2)."""


@dataclass
class Configured:
    """What a run uses: the run's settings, each file's, and their compiled checkers."""

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

    def checker(self, path: str | None = None) -> Engine:
        return self.checkers.get(self.settings(path))


def flag_values(
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    rules: Sequence[str] | None = None,
    glossaries: Sequence[str] | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    shipped_rules: bool = True,
    **more: object,
) -> dict[str, object]:
    """Settings given as flags (None: not given, so the configuration file's value holds),
    keyed as the configuration file's keys."""

    def given(values: Sequence[str] | None) -> list[str] | None:
        return list(values) if values else None

    return {
        "select": given(select),
        "extend_select": given(extend_select),
        "ignore": given(ignore),
        "rules": given(rules),
        "glossaries": given(glossaries),
        "src_lang": src_lang,
        "tgt_lang": tgt_lang,
        "shipped_rules": None if shipped_rules else False,
        **more,
    }


def configure(
    paths: Sequence[str],
    flags: Mapping[str, object],
    *,
    discover_files: bool = True,
    allow_external: bool = False,
    target_column: str | None = None,
    input_format: str | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    stdin_filename: str | None = None,
) -> Configured:
    """Flags, then per-path overrides, then pyproject.toml/mtcheck.toml, then defaults.

    Every file's rules are built before any file is read, so a bad configuration, pack,
    glossary or selector is one ``SettingsError`` before any output.
    """
    from mtcheck.config import Checkers, ConfigError, ConfigResolver
    from mtcheck.discovery import Found, Rules, discover
    from mtcheck.glossary.errors import GlossaryError
    from mtcheck.packs.loader import PackError
    from mtcheck.selection import SelectionError

    try:
        resolver = ConfigResolver(
            dict(flags), config_file=config_file, isolated=isolated, allow_external=allow_external
        )

        def where(path: str) -> str:  # standard input's settings are those of the file it stands for
            return stdin_filename if path == "-" and stdin_filename else path

        run = resolver.for_run([where(path) for path in paths])
        if discover_files:
            found = discover(paths, Rules.from_settings(run, target_column=target_column, input_format=input_format))
        else:
            found = Found(list(paths))
        files = found.files
        per_file = {path: resolver.for_file(where(path)) for path in files} if run.overrides else None
        checkers = Checkers()
        checkers.get(run)
        for settings in (per_file or {}).values():
            checkers.get(settings)
    except (ConfigError, PackError, SelectionError, GlossaryError) as exc:
        raise SettingsError(str(exc)) from None
    return Configured(run, files, per_file, checkers, found.problems, found.not_translations, found.excluded)


class Checker:
    """Rules compiled once from the command line's settings; check and fix as often as needed.

    ``check`` takes one batch as ``mtcheck check`` takes one file: rules that read the whole
    file (length calibration, the file's style of sentence ends) read the batch, and rules that
    judge a whole run (``consistency``, opt-in) report at its end.
    """

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        #: The compiled rules (mtcheck.engine.Checker): ``engine.rules`` lists them.
        self.engine = engine

    @classmethod
    def load(
        cls,
        *,
        select: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        rules: Sequence[str] = (),
        glossaries: Sequence[str] = (),
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        shipped_rules: bool = True,
        config: str | None = None,
        isolated: bool = False,
        root: str = ".",
        allow_external: bool = False,
    ) -> Checker:
        """Compile the rules as ``mtcheck check`` would for a file in ``root``: the flags given
        here, then ``config`` (or the mtcheck.toml/pyproject.toml found from ``root`` unless
        ``isolated``), then defaults. ``rules`` are extra pack files or directories,
        ``glossaries`` files or shipped names (``"zh-en"``); ``select``/``ignore`` take rule id
        prefixes. Raises SettingsError (one line) for anything bad."""
        flags = flag_values(
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            rules=rules,
            glossaries=glossaries,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            shipped_rules=shipped_rules,
        )
        configured = configure(
            [root], flags, discover_files=False, config_file=config, isolated=isolated, allow_external=allow_external
        )
        return cls(configured.settings(root), configured.checker(root))

    @property
    def rule_ids(self) -> list[str]:
        """The ids of the rules this checker runs."""
        return [rule.info.id for rule in self.engine.rules]

    @property
    def problems(self) -> list[str]:
        """Rules switched off or failing during the run (one line each); empty when all went well."""
        return self.engine.problems

    def segments(self, items: Iterable[SegmentLike], *, name: str = "segments") -> list[Segment]:
        """Segments from tuples, keyed ``name:N`` when no key is given, with their languages
        decided as a file's are: the settings', else from the texts of the whole batch."""
        from mtcheck.lang.detect import resolve

        made: list[Segment] = []
        for number, item in enumerate(items, start=1):
            if isinstance(item, Segment):
                made.append(item)
                continue
            source, target, *rest = item
            key = str(rest[0]) if rest else f"{name}:{number}"
            made.append(Segment(key, target, Origin(name, number), source))
        resolved, _decision = resolve(made, name, self.settings.src_lang, self.settings.tgt_lang)
        return resolved

    def check(self, items: Iterable[SegmentLike], *, name: str = "segments") -> list[Finding]:
        """Every finding on the batch: each segment's in order, then the run-scope ones."""
        segments = self.segments(items, name=name)
        engine = self.engine
        engine.start_file(segments)
        findings = [finding for segment in segments for finding in engine.check_segment(segment)]
        findings.extend(engine.finish_file())
        order = {id(segment): index for index, segment in enumerate(segments)}
        by_key = {segment.key: index for index, segment in enumerate(segments)}
        findings.sort(key=lambda f: order.get(id(f.segment), by_key.get(f.segment.key, len(order))))
        findings.extend(engine.finish())
        return findings

    def fixes(self, segments: Sequence[Segment], *, unsafe: bool = False) -> dict[str, str]:
        """New targets by segment key, for the segments a fix changes (safe fixes; suggestions
        too with ``unsafe``), as ``mtcheck fix`` makes them."""
        from mtcheck.fixer import fix_segment

        engine = self.engine
        engine.start_file(segments)
        results = [fix_segment(engine, segment, unsafe=unsafe) for segment in segments]
        engine.finish_file()
        return {result.segment.key: result.target for result in results if result.changed}

    def fix(self, target: str, source: str | None = None, *, unsafe: bool = False) -> str:
        """``target`` with its fixes applied (safe ones; suggestions too with ``unsafe``)."""
        segments = self.segments([(source, target, "text")], name="text")
        return self.fixes(segments, unsafe=unsafe).get("text", target)

    def check_file(self, path: str, **options: object) -> list[Finding]:
        """The findings on one file (any supported format; ``options`` as ``read_file``'s)."""
        loaded = read_file(path, src_lang=self.settings.src_lang, tgt_lang=self.settings.tgt_lang, **options)
        return self.check(loaded.segments, name=path)


def read_file(
    path: str,
    *,
    input_format: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    **options: object,
) -> Loaded:
    """Read any supported file (TSV, CSV, XLIFF, PO, TMX, JSON Lines, text; chosen by extension
    or ``input_format``). ``options`` are reader options (``source_column``, ``target_column``,
    ``id_column``, ``skip_final``, ``include_fuzzy``). ``.segments`` holds the units. Raises
    InputError (one line naming file and place) for a bad file."""
    from mtcheck.formats import load

    return load(path, input_format=input_format, src_lang=src_lang, tgt_lang=tgt_lang, **options)


def write_file(loaded: Loaded, new_targets: Mapping[str, str], path: str | Path | None = None) -> bool:
    """Write ``loaded`` with the targets in ``new_targets`` (by segment key) replaced, changing
    no other byte, atomically; to its own path (refused if the file changed since it was read)
    or to ``path``. Returns whether anything changed. Raises WriteError when a target cannot be
    written faithfully in the format."""
    from mtcheck.atomic import write_atomic

    data = loaded.render(new_targets)
    document = loaded.document
    if path is None:
        if data == document.encode():
            return False
        write_atomic(document.path, data, expected=document.digest)
    else:
        write_atomic(path, data)
    return data != document.encode()
