"""Open a glossary in any format mtcheck reads, by extension; find the shipped ones."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import GlossaryError, read_glossary_file

if TYPE_CHECKING:
    from mtcheck.glossary.checks import GlossaryMatcher

FORMATS = {".tsv": "tsv", ".txt": "tsv", ".tbx": "tbx", ".xml": "tbx", ".csv": "csv"}


def shipped_glossaries_dir() -> Path:
    """Glossaries that ship with mtcheck (inside a wheel, or the checkout's glossaries/)."""
    packaged = Path(__file__).resolve().parent.parent / "_glossaries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "glossaries"


def resolve(path: str) -> Path:
    """A path as given, or the name of a shipped glossary: ``zh-en/political`` or ``zh-en``."""
    given = Path(path)
    if given.exists():
        return given
    shipped = shipped_glossaries_dir()
    for candidate in (shipped / path, shipped / f"{path}.tsv"):
        if candidate.is_file():
            return candidate
    if (shipped / path).is_dir():
        files = sorted((shipped / path).glob("*.tsv"))
        if len(files) == 1:
            return files[0]
    return given


def glossary_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GlossaryError(f"{path}: unknown glossary format {suffix or '(no extension)'}; use .tsv, .csv or .tbx")
    return FORMATS[suffix]


def load_entries(path: str) -> list[Entry]:
    """Entries of one glossary file; raises GlossaryError with a one-line message."""
    resolved = resolve(path)
    fmt = glossary_format(resolved)
    if fmt == "tbx":
        from mtcheck.glossary.tbx import read_tbx

        return read_tbx(str(resolved))[0]
    if fmt == "csv":
        from mtcheck.glossary.csvfile import read_csv

        return read_csv(str(resolved))
    return read_glossary_file(resolved).entries


def compile_glossaries(paths: Iterable[str]) -> GlossaryMatcher:
    """Read glossaries and compile their entries into the matcher the term rules share.

    A 100,000-entry glossary makes millions of small objects, and the cyclic garbage
    collector would rescan them again and again while they are built: pausing it halves
    the load time (2.5 s → 1.3 s measured). None of them form cycles; afterwards they are
    frozen, so the collections during the run do not rescan them either.
    """
    from mtcheck.glossary.checks import GlossaryMatcher

    enabled = gc.isenabled()
    gc.disable()
    try:
        matcher = GlossaryMatcher(entry for path in paths for entry in load_entries(path))
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return matcher
