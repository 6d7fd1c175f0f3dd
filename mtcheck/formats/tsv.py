"""Bilingual TSV: ``source<TAB>target`` per line, with an optional ``source<TAB>target`` header."""

from __future__ import annotations

from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab")
HEADER = "source\ttarget"


def read(document: Document, *, src_lang: str | None = None, tgt_lang: str | None = None) -> list[Segment]:
    """Every row must have exactly two columns; blank rows and blank targets are skipped."""
    name = document.name
    segments = []
    for line in document.lines():
        if not line.text.strip() or (line.number == 1 and line.text == HEADER):
            continue
        columns = line.text.split("\t")
        if len(columns) != 2:
            raise InputError(
                InputProblem(
                    name,
                    f"expected 2 tab-separated columns (source, target), found {len(columns)}",
                    line.number,
                )
            )
        source, target = columns
        if not target.strip():
            continue
        target_start = line.start + len(source) + 1
        segments.append(
            Segment(
                key=f"{name}:{line.number}",
                target=target,
                source=source,
                origin=Origin(
                    path=name,
                    line=line.number,
                    column=len(source) + 2,
                    source_line=line.number,
                    source_column=1,
                    span=(target_start, target_start + len(target)),
                ),
                src_lang=src_lang,
                tgt_lang=tgt_lang,
            )
        )
    return segments


def encode(text: str, segment: Segment) -> str:
    """A cell holds no tab or line break: they would break the row."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
