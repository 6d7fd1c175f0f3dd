"""Plain text: one segment per non-blank line, optionally paired with a source file."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.formats.textio import display_name, read_lines
from mtcheck.model import InputError, InputProblem, Origin, Segment


def read_text(
    path: str,
    *,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Iterator[Segment]:
    """Yield a segment for every non-blank line of ``path``.

    With ``source_path``, line N of the source file is the source of line N of the target
    file; the two files must have the same number of lines. The whole input is validated
    before the first segment is yielded, so a bad file yields nothing.
    """
    name = display_name(path)
    targets = read_lines(path)
    sources: list[str] | None = None
    if source_path is not None:
        sources = read_lines(source_path)
        if len(sources) != len(targets):
            shorter, longer = (source_path, name) if len(sources) < len(targets) else (name, source_path)
            few, many = sorted((len(sources), len(targets)))
            raise InputError(
                InputProblem(
                    display_name(longer),
                    f"has {_lines(many)} but {display_name(shorter)} has {few}: "
                    "source and target must pair line by line",
                    few + 1,
                )
            )
    return _segments(name, targets, sources, source_path, src_lang, tgt_lang)


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"


def _segments(
    name: str,
    targets: list[str],
    sources: list[str] | None,
    source_path: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
) -> Iterator[Segment]:
    for index, target in enumerate(targets):
        if not target.strip():
            continue
        line = index + 1
        source = sources[index] if sources is not None else None
        yield Segment(
            key=f"{name}:{line}",
            target=target,
            source=source,
            origin=Origin(
                path=name,
                line=line,
                column=1,
                source_line=line if source is not None else None,
                source_column=1 if source is not None else None,
            ),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
        )
