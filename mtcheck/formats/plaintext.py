"""Plain text: one segment per non-blank line, optionally paired with a source file."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.formats.linefile import LineFile
from mtcheck.formats.textio import Document, display_name, read_document
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "text"
EXTENSIONS: tuple[str, ...] = ()  # the fallback for every extension no other format claims


def read(
    document: Document,
    *,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> list[Segment]:
    """A segment for every non-blank line.

    With ``source_path``, line N of the source file is the source of line N of the target
    file; the two files must have the same number of lines.
    """
    if source_path is None:
        return list(iter_read(document, src_lang=src_lang, tgt_lang=tgt_lang))
    name = document.name
    lines = list(document.lines())
    sources: list[str] | None = None
    if source_path is not None:
        sources = [line.text for line in read_document(source_path).lines()]
        if len(sources) != len(lines):
            shorter, longer = (source_path, name) if len(sources) < len(lines) else (name, source_path)
            few, many = sorted((len(sources), len(lines)))
            raise InputError(
                InputProblem(
                    display_name(longer),
                    f"has {_lines(many)} but {display_name(shorter)} has {few}: "
                    "source and target must pair line by line",
                    few + 1,
                )
            )
    segments = []
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        source = sources[index] if sources is not None else None
        segments.append(_segment(name, line.number, line.start, line.text, source, src_lang, tgt_lang))
    return segments


#: What ``iter_read`` understands for a streamed file (formats/stream.py, StreamedSegments.raw).
STREAM_OPTIONS = ("only_lines", "languages")


def iter_read(
    document: Document | LineFile,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    only_lines: frozenset[int] | None = None,
) -> Iterator[Segment]:
    """``read`` without a source file, a line at a time (formats/stream.py reads big files so).
    ``only_lines``: only the segments on these lines."""
    name = document.name
    for line in document.lines():
        if line.text.strip() and (only_lines is None or line.number in only_lines):
            yield _segment(name, line.number, line.start, line.text, None, src_lang, tgt_lang)


def _segment(
    name: str, number: int, start: int, text: str, source: str | None, src_lang: str | None, tgt_lang: str | None
) -> Segment:
    return Segment(
        key=f"{name}:{number}",
        target=text,
        source=source,
        origin=Origin(
            path=name,
            line=number,
            column=1,
            source_line=number if source is not None else None,
            source_column=1 if source is not None else None,
            span=(start, start + len(text)),
        ),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """The raw text is the text: the new target as it is (escaped for the format)."""
    return encode(text, segment)


def encode(text: str, segment: Segment) -> str:
    """A line holds any text but a line break; a fix never introduces one."""
    return text


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"
