"""JSON Lines: one object per non-blank line, ``{"id": …, "source": …, "target": …}``.

The keys are ``source_column``, ``target_column`` and ``id_column`` when given (else
``source``, ``target``, ``id``). ``Origin.span`` is the raw JSON string literal of the
target, quotes included (``source_span`` the source's), and ``rewrite`` writes a new literal
through its runs (formats/runs.py): unchanged escapes stay as written, so every other key,
value and space on the line stays byte for byte. ``Origin.column`` is that of the text,
inside the quote. A line whose target is null or blank is skipped. Keys are ``path#id``, or
``path:line`` for an object without an id. An optional ``"system"`` names the MT system that
made the target, when one file holds several systems' outputs.

Refused with one line, never read as nothing: an object without the target key (``{"src":
…, "tgt": …}``), one without the source key that holds a key usually naming it (``src``,
``source_text``, ``original``…), one without an id key named by option; a lone surrogate
(``"\\ud800"``: JSON can spell it, no file encoding can hold it), nesting deeper than
Python's parser goes, integers of thousands of digits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json.decoder import scanstring

from mtcheck.display import excerpt
from mtcheck.formats.common import UniqueKeys
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.runs import ATOM, PLAIN, SYNTAX, Run
from mtcheck.formats.runs import rewrite as runs_rewrite
from mtcheck.formats.textio import Document, Line
from mtcheck.model import InputError, InputProblem, Origin, Segment

NAME = "jsonl"
EXTENSIONS = (".jsonl",)
OPTIONS = ("source_column", "target_column", "id_column")
#: What ``iter_read`` understands for a streamed file (formats/stream.py, StreamedSegments.raw).
STREAM_OPTIONS = ("anchor", "only_lines", "unique", "languages")
#: Keys that usually hold the source: an object with one of them but no source key is refused.
SOURCE_LIKE = frozenset({"src", "source_text", "sourcetext", "original", "orig", "input", "source_string"})

_BLANK = re.compile(r"[ \t\n\r]*")
#: Inside a string literal: an escape (a surrogate pair as one), or other characters.
_PIECE = re.compile(
    r'\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|[^"\\]+', re.DOTALL
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Longer integers are refused: Python will not convert them (and it would take time).
MAX_DIGITS = 1000


class _TooLong(ValueError):
    pass


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(digits)
    return int(digits)


_DECODER = json.JSONDecoder(parse_int=_integer)


def read(document: Document, **options: object) -> list[Segment]:
    """Every object's segment (``load`` anchors them in the whole text)."""
    return list(iter_read(document, anchor=False, **options))  # type: ignore[arg-type]


def iter_read(
    document: Document | LineFile,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
    id_column: str | None = None,
    anchor: bool = True,
    only_lines: frozenset[int] | None = None,
    unique: bool = True,
    **options: object,
) -> Iterator[Segment]:
    """``read``, a line at a time (formats/stream.py reads big files so, from disk), each
    segment anchored within its own line as ``load`` anchors it (``anchor``). ``only_lines``:
    only the objects on these lines (the others are read and checked, not built). ``unique``:
    check that no two objects share an id (by hash for a file on disk: a duplicate fails the
    pass, and the caller reads the file whole for the message)."""
    from mtcheck.formats import Window, anchored

    keys = UniqueKeys(document, "id", compact=isinstance(document, LineFile)) if unique else None  # type: ignore[arg-type]
    source_key, target_key, id_key = source_column or "source", target_column or "target", id_column or "id"
    for line in document.lines():
        if not line.text.strip():
            continue
        record = _object(document, line)
        _require(document, line, record, target_key, "--target-column")
        if id_column is not None:
            _require(document, line, record, id_key, "--id-column")
        if source_key not in record and (source_column is not None or SOURCE_LIKE & {k.casefold() for k in record}):
            _require(document, line, record, source_key, "--source-column")
        target = _string(document, line, record, target_key)
        if target is None or not target.strip():
            continue
        source = _string(document, line, record, source_key)
        system = _string(document, line, record, "system")
        unit_id = record.get(id_key)
        if isinstance(unit_id, str) and _LONE_SURROGATE.search(unit_id):
            raise _error(document, line, f'"{id_key}" holds a lone surrogate, not a character')
        if unit_id is not None and (isinstance(unit_id, bool) or not isinstance(unit_id, str | int)):
            raise _error(document, line, f'"{id_key}" must be a string or an integer, found {_kind(unit_id)}')
        key = f"{document.name}#{unit_id}" if unit_id is not None else f"{document.name}:{line.number}"
        if keys is not None:
            keys.add(key, excerpt(str(unit_id)) if unit_id is not None else f"line {line.number}", line.number)
        if only_lines is not None and line.number not in only_lines:
            continue
        spans = _value_spans(line.text)
        target_start, target_end = spans[target_key]
        source_at = spans[source_key][0] + 2 if source is not None else None
        source_span = None
        if source is not None:
            source_span = (line.start + spans[source_key][0], line.start + spans[source_key][1])
        segment = Segment(
            key=key,
            target=target,
            source=source,
            origin=Origin(
                path=document.name,
                line=line.number,
                column=target_start + 2,
                source_line=line.number if source is not None else None,
                source_column=source_at,
                span=(line.start + target_start, line.start + target_end),
                source_span=source_span,
            ),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            system=(system or "").strip() or None,
        )
        yield anchored(segment, Window(line.text, "utf-8", line.start, line.number), raw_runs) if anchor else segment


def encode(text: str, segment: Segment | None = None) -> str:
    """A JSON string literal, quotes included; non-ASCII stays readable."""
    return json.dumps(text, ensure_ascii=False)


def _escape(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def raw_runs(document: Document, start: int, end: int) -> list[Run]:
    """The runs of a string literal ``text[start:end]``, its quotes included."""
    text = document.text
    runs = [Run(SYNTAX, 0, 1)]
    for match in _PIECE.finditer(text, start + 1, end - 1):
        piece = match.group()
        if piece.startswith("\\"):
            runs.append(Run(ATOM, match.start() - start, match.end() - start, json.loads(f'"{piece}"')))
        else:
            runs.append(Run(PLAIN, match.start() - start, match.end() - start))
    runs.append(Run(SYNTAX, end - 1 - start, end - start, closes=True))
    return runs


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """A new target literal: unchanged escapes as written, changed text escaped."""
    start, end = segment.origin.span or (0, 0)
    raw = document.text[start:end]
    return runs_rewrite(raw, raw_runs(document, start, end), segment.target, text, _escape)


def _require(document: Document, line: Line, record: dict[str, object], key: str, option: str) -> None:
    if key not in record:
        present = ", ".join(record) or "none"
        raise _error(document, line, f'no "{key}" key (keys: {excerpt(present, 60)}); name it with {option}')


def _error(document: Document, line: Line, message: str, column: int | None = None) -> InputError:
    return InputError(InputProblem(document.name, message, line.number, column))


def _object(document: Document, line: Line) -> dict[str, object]:
    try:
        record = _DECODER.decode(line.text)
    except json.JSONDecodeError as exc:
        raise _error(document, line, f"not valid JSON ({exc.msg.removesuffix(' starting at')})", exc.colno) from None
    except _TooLong:
        raise _error(document, line, f"an integer of more than {MAX_DIGITS} digits") from None
    except RecursionError:
        raise _error(document, line, "JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise _error(document, line, f"expected a JSON object, found {_kind(record)}")
    return record


def _string(document: Document, line: Line, record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise _error(document, line, f'"{name}" must be a string, found {_kind(value)}')
    if value is not None:
        surrogate = _LONE_SURROGATE.search(value)
        if surrogate:
            raise _error(
                document,
                line,
                f'"{name}" holds a lone surrogate \\u{ord(surrogate.group()):04x}, not a character',
            )
    return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}[type(value)]


def _value_spans(text: str) -> dict[str, tuple[int, int]]:
    """Where each top-level value of a (valid) JSON object sits on its line; with a key
    given twice the last one counts, as in ``json.loads``."""
    spans: dict[str, tuple[int, int]] = {}
    position = _skip(text, 0) + 1  # past "{"
    position = _skip(text, position)
    while text[position] != "}":
        key, position = scanstring(text, position + 1)
        position = _skip(text, _skip(text, position) + 1)  # past ":"
        _, end = _DECODER.raw_decode(text, position)
        spans[key] = (position, end)
        position = _skip(text, end)
        if text[position] == ",":
            position = _skip(text, position + 1)
    return spans


def _skip(text: str, position: int) -> int:
    match = _BLANK.match(text, position)
    assert match is not None  # it matches the empty string
    return match.end()
