"""Readers, one module per format, chosen by extension or by name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from mtcheck.formats.plaintext import read_text
from mtcheck.formats.tsv import read_tsv
from mtcheck.model import InputError, InputProblem, Segment

FORMATS = ("text", "tsv")
_BY_EXTENSION = {".tsv": "tsv", ".tab": "tsv"}


def detect_format(path: str) -> str:
    return _BY_EXTENSION.get(PurePath(path).suffix.lower(), "text")


def read_segments(
    path: str,
    *,
    input_format: str | None = None,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Iterator[Segment]:
    """Open ``path`` and return its segments; raises InputError before yielding any."""
    fmt = input_format or detect_format(path)
    if fmt == "tsv":
        if source_path is not None:
            raise InputError(
                InputProblem(path, "--source pairs plain-text files; a TSV file has its own source column")
            )
        return read_tsv(path, src_lang=src_lang, tgt_lang=tgt_lang)
    if fmt == "text":
        return read_text(path, source_path=source_path, src_lang=src_lang, tgt_lang=tgt_lang)
    raise ValueError(f"unknown input format {fmt!r}")
