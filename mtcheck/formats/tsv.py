"""Bilingual TSV: ``source<TAB>target`` per line, with an optional ``source<TAB>target`` header.

A header ``source<TAB>target<TAB>notes`` adds a third column for the unit's notes, where
a reviewer can write ``mtcheck: ignore[rule.id]`` to silence a finding.
"""

from __future__ import annotations

from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab")
HEADER = "source\ttarget"
HEADER_WITH_NOTES = "source\ttarget\tnotes"


def read(document: Document, *, src_lang: str | None = None, tgt_lang: str | None = None) -> list[Segment]:
    """Every row must have exactly two columns; blank rows and blank targets are skipped."""
    name = document.name
    segments = []
    width, labels = 2, "source, target"
    for line in document.lines():
        if line.number == 1 and line.text in (HEADER, HEADER_WITH_NOTES):
            if line.text == HEADER_WITH_NOTES:
                width, labels = 3, "source, target, notes"
            continue
        if not line.text.strip():
            continue
        columns = line.text.split("\t")
        if len(columns) != width:
            raise InputError(
                InputProblem(
                    name,
                    f"expected {width} tab-separated columns ({labels}), found {len(columns)}",
                    line.number,
                )
            )
        source, target = columns[0], columns[1]
        notes = (columns[2],) if width == 3 and columns[2].strip() else ()
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
                notes=notes,
            )
        )
    return segments


def encode(text: str, segment: Segment) -> str:
    """A cell holds no tab or line break: they would break the row."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
