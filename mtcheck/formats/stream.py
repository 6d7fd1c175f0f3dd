"""Line-format files checked from disk, never held whole in memory.

Read whole, a file of a million rows costs a gigabyte: its decoded text and a Segment per
row. ``check`` needs each segment once, in order, after looking at the file twice: its
languages (decided from its first rows, as ``formats.load`` decides them) and the rules
that read a file before judging it (``Checker.start_file``, whose pass also proves every
row readable before the first finding is reported). So a file in a line format (TSV, plain
text) is read a line at a time, again for each pass (``StreamedSegments``).

Only what reads the same both ways is streamed: a regular UTF-8 file (with or without its
BOM) in TSV, plain text, JSON Lines, CSV, PO (whose header declares UTF-8 or no charset),
XLIFF or TMX (whose XML declaration does) with no separate source file, of ``STREAM_BYTES``
or more (16 MB for the formats whose records are parsed again on each pass).
Standard input, other encodings, and any file whose reading fails go through ``load``,
which reports exactly what it always has. ``load`` stays the reader for ``fix`` (which
writes the file back) and the library.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from types import ModuleType

from mtcheck.fileio import input_limit
from mtcheck.formats import FORMATS, READ_OPTIONS, detect_format, load, plaintext, tsv
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.textio import BOMS, codec
from mtcheck.lang.detect import Decision, decide, decided
from mtcheck.model import InputError, Segment

#: The formats whose readers read from disk a piece at a time (``iter_read``): TSV, plain
#: text and JSON Lines a row at a time, CSV a record at a time (over the lines a quoted cell
#: spans), PO an entry at a time (anchored within its own lines),
#: XLIFF and TMX a unit at a time (parsed a chunk at a time).
STREAMED = (tsv.NAME, plaintext.NAME, "jsonl", "csv", "po", "xliff", "tmx")
#: Files smaller than this are read whole: each pass of a streamed file reads and parses it
#: again (about a tenth more CPU), which only a file big enough to need the memory pays for.
STREAM_BYTES = 4_000_000
#: A PO or CSV file is parsed again on each pass at a cost closer to its checking's (100,000
#: PO entries: 19.6 s CPU streamed, 42 MB, against 14.3 s and 407 MB read whole; 100,000 CSV
#: rows: 12.2 s, 35 MB against 10.4 s, 190 MB): streamed from this size, where memory is the
#: thing to save (a PO file just below it peaks near 300 MB).
PO_STREAM_BYTES = 16_000_000
#: An XLIFF or TMX file is parsed again on each pass too: streamed from this size (see the
#: README's memory table for what each costs).
XLIFF_STREAM_BYTES = 16_000_000


#: What reading a streamed file may raise (a pass fails, or the file changed since the last).
READ_ERRORS = (InputError, UnicodeDecodeError, OSError, ValueError, KeyError, IndexError)


class StreamedSegments:
    """A file's segments, in their languages, read from disk on each iteration. ``len`` is
    known once a pass has read the whole file (``read_through``)."""

    def __init__(
        self,
        path: str,
        module: ModuleType,
        options: dict[str, object],
        languages: Decision,
        whole: Callable[[], list[Segment]],
    ) -> None:
        self.path = path
        self._module = module
        self._options = options
        self.languages = languages
        #: The file read whole, as ``load`` reads it: when a pass fails, its InputError is the
        #: one to report (a row error before a bad byte further on is not what load says).
        self.whole = whole
        self._count: int | None = None

    def raw(
        self, *, anchored: bool = True, only_lines: frozenset[int] | None = None, languages: bool = False
    ) -> Iterator[Segment]:
        """The reader's segments, before their languages are decided. A reader that can
        (``STREAM_OPTIONS``) leaves out anchors (``anchored=False``: no finding is reported
        from that pass) or every segment on other lines (``only_lines``), or, for a format whose
        files never declare languages (TSV, plain text), builds its segments in the decided
        ones (``languages``: ``decided`` then has nothing to change, and copies no segment)."""
        options = self._options
        understood = getattr(self._module, "STREAM_OPTIONS", ())
        if languages and "languages" in understood:
            options = {**options, "src_lang": self.languages.src_lang, "tgt_lang": self.languages.tgt_lang}
        if not anchored and "anchor" in understood:
            options = {**options, "anchor": False}
        if only_lines is not None and "only_lines" in understood:
            options = {**options, "only_lines": only_lines}
        if self._count is not None and "unique" in understood:  # a whole pass has checked the keys
            options = {**options, "unique": False}
        return self._module.iter_read(LineFile(self.path), **options)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Segment]:
        return self._segments(anchored=True)

    def observed(self) -> Iterator[Segment]:
        """The segments for the rules that read a file first (``Checker.start_file``): they
        judge text and line numbers, never columns, so a reader need not anchor them."""
        return self._segments(anchored=False)

    def _segments(self, *, anchored: bool) -> Iterator[Segment]:
        count = 0
        for segment in self.raw(anchored=anchored, languages=True):
            count += 1
            yield decided(segment, self.languages)
        self._count = count

    def __len__(self) -> int:
        if self._count is None:
            raise TypeError("the file has not been read through yet")
        return self._count

    def at_places(self, places: set[tuple[int, int]]) -> dict[tuple[int, int], Segment]:
        """The segments whose targets start at these (line, column) places, found by reading
        the file once more (what file-scope rules name by place, ``AtPlace``); a file changed
        since gives what it still has."""
        found: dict[tuple[int, int], Segment] = {}
        try:
            for raw in self.raw(only_lines=frozenset(line for line, _ in places), languages=True):
                place = (raw.origin.line, raw.origin.column)
                if place in places:
                    found[place] = decided(raw, self.languages)
                    if len(found) == len(places):
                        break
        except READ_ERRORS:
            pass
        return found

    def read_through(self) -> None:
        """Read every row once, if no pass has (the rows are proven readable, and counted)."""
        if self._count is None:
            for _ in self:
                pass


def open_segments(
    path: str,
    *,
    input_format: str | None = None,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    stdin_name: str | None = None,
    **options: object,
) -> list[Segment] | StreamedSegments:
    """The segments ``load`` gives, streamed from disk where that reads the same (see the
    module's docstring). Raises InputError as ``load`` does (a streamed file's rows are
    proven readable by its first pass: ``StreamedSegments.read_through``)."""
    given_all = dict(options)
    fmt = input_format or detect_format(path)

    def whole() -> list[Segment]:
        loaded = load(
            path,
            input_format=input_format,
            source_path=source_path,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            stdin_name=stdin_name,
            **given_all,
        )
        return loaded.segments

    if fmt not in STREAMED or source_path is not None or path == "-" or set(options) - READ_OPTIONS:
        return whole()
    module = FORMATS[fmt]
    minimum = {
        "po": PO_STREAM_BYTES,
        "csv": PO_STREAM_BYTES,
        "xliff": XLIFF_STREAM_BYTES,
        "tmx": XLIFF_STREAM_BYTES,
    }.get(fmt, STREAM_BYTES)
    if not _plain_utf8_file(path, minimum, module):
        return whole()
    accepted = getattr(module, "OPTIONS", ())
    given = {name: value for name, value in options.items() if name in accepted and value is not None}
    if fmt == "tmx":  # (as load: TMX picks each unit's variants by the languages asked for)
        given.update(src_lang=src_lang, tgt_lang=tgt_lang)
    segments = StreamedSegments(path, module, given, Decision(None, None, "unknown", "unknown"), whole)
    try:
        # Every streamed reader gives all of a file's segments the same languages (PO: its header's).
        segments.languages = decide(_Raw(segments), path, src_lang, tgt_lang, uniform=True)
    except READ_ERRORS:
        return whole()  # it says what is wrong, as it always has
    return segments


class _Raw:
    """The reader's segments, read again on each iteration (the language decision looks at
    the first rows up to four times)."""

    def __init__(self, segments: StreamedSegments) -> None:
        self._segments = segments

    def __iter__(self) -> Iterator[Segment]:
        return self._segments.raw()


def _plain_utf8_file(path: str, minimum: int, module: ModuleType) -> bool:
    """A regular file big enough to stream (``minimum`` bytes) within the input limit that
    starts with no BOM but UTF-8's, and, in a format that lets a file name its encoding (a PO
    header's charset), names UTF-8 or nothing: it then decodes as LineFile decodes it."""
    try:
        if not os.path.isfile(path) or not minimum <= os.path.getsize(path) <= input_limit():
            return False
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)  # as far as a sniffer reads
    except OSError:
        return False
    if any(head.startswith(mark) for mark, name, _ in BOMS if name != "utf-8"):
        return False
    sniff = getattr(module, "sniff", None)
    declared = sniff(head) if sniff is not None else None
    return declared is None or codec(declared.name) == "utf-8"
