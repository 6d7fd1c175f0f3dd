"""Bilingual TSV: ``source<TAB>target`` per line, or columns named by a header.

A first line that names a ``source`` and a ``target`` column (``source_column`` and
``target_column`` when given; names match ignoring case) is a header, and every row is read
by it, whatever the order and however many columns: ``id<TAB>source<TAB>target``, the usual
export, keys each unit by its id (``path#id``; ``id_column`` names another), ``notes`` holds
the unit's notes, where a reviewer can write ``mtcheck: ignore[rule.id]`` to silence a
finding, and ``system`` the MT system that made the target, when one file holds several
systems' outputs (``term.inconsistent`` then compares renderings within each system's
output). Other columns are kept as they are. Without a header every row is exactly
``source<TAB>target``. A first line that looks like a header but names no source or target
column (``src<TAB>tgt``), or a header missing a column given by option, is refused: read as
a row, it would check the wrong text.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.display import excerpt
from mtcheck.formats.common import UniqueKeys
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.textio import Document, Line
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab")
OPTIONS = ("source_column", "target_column", "id_column")
#: What ``iter_read`` understands for a streamed file (formats/stream.py, StreamedSegments.raw).
STREAM_OPTIONS = ("only_lines", "languages")
HEADER = "source\ttarget"
HEADER_WITH_NOTES = "source\ttarget\tnotes"
#: Words that make a first line a header even when it names no source or target column.
HEADER_WORDS = frozenset(
    {"src", "tgt", "trg", "source_text", "target_text", "translation", "original", "id", "key", "notes", "context"}
)


def header_columns(
    text: str, source_column: str = "source", target_column: str = "target", id_column: str = "id"
) -> dict[str, int] | None:
    """The columns a first line names (role → index: source, target, id, notes, system), or
    None when it names no source and target column (a first row)."""
    names = [cell.strip().casefold() for cell in text.split("\t")]
    roles = {"source": source_column, "target": target_column, "id": id_column, "notes": "notes", "system": "system"}
    if any(names.count(name.casefold()) > 1 for name in roles.values()):
        return None  # which of two "system" columns? A row, then.
    found = {role: names.index(name.casefold()) for role, name in roles.items() if name.casefold() in names}
    return found if "source" in found and "target" in found else None


def read(document: Document, **options: object) -> list[Segment]:
    """Every row must have as many columns as the header (two without one); blank rows and
    blank targets are skipped."""
    return list(iter_read(document, **options))  # type: ignore[arg-type]


def iter_read(
    document: Document | LineFile,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
    id_column: str | None = None,
    only_lines: frozenset[int] | None = None,
    **options: object,
) -> Iterator[Segment]:
    """``read``, a row at a time (formats/stream.py reads big files so, from disk).
    ``only_lines``: only the rows on these lines (the others are read and checked, not built)."""
    name = document.name
    columns = {"source": 0, "target": 1}
    header = ["source", "target"]
    keys = UniqueKeys(document, "id")
    for line in document.lines():
        if line.number == 1:
            named = header_columns(line.text, source_column or "source", target_column or "target", id_column or "id")
            if named is not None:
                columns, header = named, line.text.split("\t")
                if id_column is not None and "id" not in named:
                    raise _missing(document, line, id_column)
                continue
            _refuse_header_like(document, line, source_column, target_column)
        if not line.text.strip():
            continue
        cells = line.text.split("\t")
        if len(cells) != len(header):
            described = excerpt(", ".join(header), 80)
            raise InputError(
                InputProblem(
                    name, f"expected {len(header)} tab-separated columns ({described}), found {len(cells)}", line.number
                )
            )
        if only_lines is not None and line.number not in only_lines:
            continue
        segment = _segment(document, line, cells, columns, keys, src_lang, tgt_lang)
        if segment is not None:
            yield segment


def _refuse_header_like(
    document: Document | LineFile, line: Line, source_column: str | None, target_column: str | None
) -> None:
    """A first line that is no header but looks like one, or a missing named column."""
    for given in (source_column, target_column):
        if given is not None and given.casefold() not in (cell.strip().casefold() for cell in line.text.split("\t")):
            raise _missing(document, line, given)
    cells = [cell.strip().casefold() for cell in line.text.split("\t")]
    if all(cell in HEADER_WORDS or cell in ("source", "target") for cell in cells):
        raise InputError(
            InputProblem(
                document.name,
                f"the first line looks like a header ({excerpt(', '.join(cells), 60)}) but names no 'source' and "
                "'target' column: rename them, or name them with --source-column and --target-column",
                line.number,
            )
        )


def _missing(document: Document | LineFile, line: Line, column: str) -> InputError:
    cells = ", ".join(line.text.split("\t"))
    message = f"no {column!r} column in the header (columns: {excerpt(cells, 80)})"
    return InputError(InputProblem(document.name, message, line.number))


def _segment(
    document: Document | LineFile,
    line: Line,
    cells: list[str],
    columns: dict[str, int],
    keys: UniqueKeys,
    src_lang: str | None,
    tgt_lang: str | None,
) -> Segment | None:
    source, target = cells[columns["source"]], cells[columns["target"]]
    if not target.strip():
        return None
    starts = [0]
    for cell in cells:
        starts.append(starts[-1] + len(cell) + 1)
    notes_at, system_at, id_at = columns.get("notes"), columns.get("system"), columns.get("id")
    notes = (cells[notes_at],) if notes_at is not None and cells[notes_at].strip() else ()
    system = (cells[system_at].strip() or None) if system_at is not None else None
    unit_id = cells[id_at].strip() if id_at is not None else ""
    if unit_id:
        key = f"{document.name}#{unit_id}"
        keys.add(key, excerpt(unit_id), line.number)
    else:
        key = f"{document.name}:{line.number}"
    target_start = line.start + starts[columns["target"]]
    source_column = starts[columns["source"]] + 1
    return Segment(
        key=key,
        target=target,
        source=source,
        origin=Origin(
            path=document.name,
            line=line.number,
            column=starts[columns["target"]] + 1,
            source_line=line.number,
            source_column=source_column,
            span=(target_start, target_start + len(target)),
        ),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        notes=notes,
        system=system,
    )


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """The raw text is the text: the new target as it is (escaped for the format)."""
    return encode(text, segment)


def encode(text: str, segment: Segment) -> str:
    """A cell holds no tab or line break: they would break the row."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
