"""Bilingual TSV: ``source<TAB>target`` per line, with an optional ``source<TAB>target`` header."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.formats.textio import display_name, read_lines
from mtcheck.model import InputError, InputProblem, Origin, Segment

HEADER = "source\ttarget"


def read_tsv(path: str, *, src_lang: str | None = None, tgt_lang: str | None = None) -> Iterator[Segment]:
    """Validate every row first (exactly two columns), then yield the non-blank ones."""
    name = display_name(path)
    lines = read_lines(path)
    rows: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        if not line.strip() or (index == 0 and line == HEADER):
            continue
        columns = line.split("\t")
        if len(columns) != 2:
            raise InputError(
                InputProblem(
                    name,
                    f"expected 2 tab-separated columns (source, target), found {len(columns)}",
                    index + 1,
                )
            )
        rows.append((index + 1, columns[0], columns[1]))
    return _segments(name, rows, src_lang, tgt_lang)


def _segments(
    name: str, rows: list[tuple[int, str, str]], src_lang: str | None, tgt_lang: str | None
) -> Iterator[Segment]:
    for line, source, target in rows:
        if not target.strip():
            continue
        yield Segment(
            key=f"{name}:{line}",
            target=target,
            source=source,
            origin=Origin(
                path=name,
                line=line,
                column=len(source) + 2,
                source_line=line,
                source_column=1,
            ),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
        )
