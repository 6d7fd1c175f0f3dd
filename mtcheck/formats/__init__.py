"""Readers and writers, one module per format, chosen by extension or by name.

A format module has ``NAME``, ``EXTENSIONS``, ``read(document, **options) -> list[Segment]``
(each segment's ``origin.span`` marks its raw target in the document) and
``encode(text, segment) -> str`` (a new target as raw file text: escaped for the format).
Writing back is the same for every format: splice the encoded targets into the document.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from mtcheck.formats import csvfile, jsonl, plaintext, po, tmx, tsv, xliff
from mtcheck.formats.textio import Document, read_document
from mtcheck.model import InputError, InputProblem, Segment

#: The registry: every format, in the order extensions are tried. plain text is the fallback.
FORMATS: dict[str, ModuleType] = {module.NAME: module for module in (tsv, csvfile, xliff, po, tmx, jsonl, plaintext)}
#: Reader options, each understood by some formats (``OPTIONS`` in the module). An option
#: another format does not know is not passed to it: one command line checks mixed files.
READ_OPTIONS: frozenset[str] = frozenset(name for module in FORMATS.values() for name in getattr(module, "OPTIONS", ()))


def detect_format(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    for name, module in FORMATS.items():
        if suffix in module.EXTENSIONS:
            return name
    return plaintext.NAME


@dataclass(frozen=True, slots=True)
class Loaded:
    document: Document
    format: str
    segments: list[Segment]

    def render(self, new_targets: Mapping[str, str]) -> bytes:
        """The file's bytes with the given targets (by segment key) replaced."""
        module = FORMATS[self.format]
        replacements = []
        for segment in self.segments:
            if segment.key in new_targets and segment.origin.span is not None:
                start, end = segment.origin.span
                replacements.append((start, end, module.encode(new_targets[segment.key], segment)))
        return self.document.splice(replacements)


def _with_anchors(document: Document, fmt: str, segments: list[Segment]) -> list[Segment]:
    """Note where escaped targets' characters sit in the file, for exact line and column."""
    from mtcheck.formats.positions import STEPS, anchors

    steps = STEPS.get(fmt)
    if steps is None:
        return segments
    from dataclasses import replace

    from mtcheck.formats.common import Positions

    positions = Positions(document.text)
    out = []
    for segment in segments:
        span = segment.origin.span
        if span is not None:
            raw = document.text[span[0] : span[1]]
            if raw != segment.target:
                found = anchors(positions, raw, span[0], steps())
                if found:
                    segment = replace(segment, origin=replace(segment.origin, anchors=found))
        out.append(segment)
    return out


def load(
    path: str,
    *,
    input_format: str | None = None,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    **options: object,
) -> Loaded:
    """Read and validate a whole file; raises InputError (one line) for a bad one.

    ``options`` are the formats' reader options (``READ_OPTIONS``); None means the default.
    """
    fmt = input_format or detect_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}")
    unknown = sorted(set(options) - READ_OPTIONS)
    if unknown:
        raise ValueError(f"unknown read option {unknown[0]!r}")
    document = read_document(path)
    if source_path is not None:
        if fmt != plaintext.NAME:
            raise InputError(InputProblem(path, "--source pairs plain-text files; this format has its own source"))
        segments = plaintext.read(document, source_path=source_path, src_lang=src_lang, tgt_lang=tgt_lang)
    else:
        module = FORMATS[fmt]
        accepted = getattr(module, "OPTIONS", ())
        given = {name: value for name, value in options.items() if name in accepted and value is not None}
        segments = module.read(document, src_lang=src_lang, tgt_lang=tgt_lang, **given)
    return Loaded(document, fmt, _with_anchors(document, fmt, segments))


def read_segments(path: str, **options: object) -> Iterator[Segment]:
    """The segments of a file (see ``load``)."""
    return iter(load(path, **options).segments)  # type: ignore[arg-type]
