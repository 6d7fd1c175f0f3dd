"""Bilingual TSV: ``source<TAB>target`` per line, with an optional ``source<TAB>target`` header.

The header may name more columns after those two, in any order: ``notes`` for the unit's
notes, where a reviewer can write ``mtcheck: ignore[rule.id]`` to silence a finding, and
``system`` for the MT system that made the target, when one file holds several systems'
outputs (``term.inconsistent`` then compares renderings within each system's output).
"""

from __future__ import annotations

from mtcheck.formats.textio import Document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab")
HEADER = "source\ttarget"
HEADER_WITH_NOTES = "source\ttarget\tnotes"
#: Columns a header may name after ``source`` and ``target``.
EXTRA_COLUMNS = ("notes", "system")


def header_columns(text: str) -> list[str] | None:
    """The columns a first line names, or None when it is not a header (a first row)."""
    columns = text.split("\t")
    extra = columns[2:]
    if columns[:2] != ["source", "target"] or len(set(extra)) != len(extra):
        return None
    return columns if all(column in EXTRA_COLUMNS for column in extra) else None


def read(document: Document, *, src_lang: str | None = None, tgt_lang: str | None = None) -> list[Segment]:
    """Every row must have as many columns as the header (two without one); blank rows and
    blank targets are skipped."""
    name = document.name
    segments = []
    header = ["source", "target"]
    for line in document.lines():
        if line.number == 1 and (named := header_columns(line.text)) is not None:
            header = named
            continue
        if not line.text.strip():
            continue
        columns = line.text.split("\t")
        if len(columns) != len(header):
            raise InputError(
                InputProblem(
                    name,
                    f"expected {len(header)} tab-separated columns ({', '.join(header)}), found {len(columns)}",
                    line.number,
                )
            )
        source, target = columns[0], columns[1]
        cells = dict(zip(header[2:], columns[2:], strict=True))
        notes = (cells["notes"],) if cells.get("notes", "").strip() else ()
        system = cells.get("system", "").strip() or None
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
                system=system,
            )
        )
    return segments


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """The raw text is the text: the new target as it is (escaped for the format)."""
    return encode(text, segment)


def encode(text: str, segment: Segment) -> str:
    """A cell holds no tab or line break: they would break the row."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
