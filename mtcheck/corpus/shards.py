"""Corpus shards: which files a run reads, and their rows as Segments, a batch at a time.

A shard is one file: Parquet (``.parquet``, ``.pq``), JSON Lines (``.jsonl``, ``.ndjson``)
or TSV with a header row (``.tsv``, ``.tab``; cells split at tabs, as ``mtcheck check``
reads TSV). Columns are found by name (``Columns``); a row's key is its key column's value,
else ``path:N`` — N the file's line for JSON Lines and TSV (as ``mtcheck check`` keys a TSV
row), the row's number from 1 for Parquet. Rows are read ``batch`` at a time so memory holds
one batch, never the shard; a blank or missing target is a segment with nothing to check.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mtcheck.model import InputError, InputProblem, Origin, Segment

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".tab": "tsv"}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns hold what; ``key`` None: keys are ``path:N``; ``source`` None: monolingual."""

    source: str | None = "source"
    target: str = "target"
    key: str | None = None


def find_shards(patterns: list[str], input_format: str | None = None) -> tuple[list[str], list[str]]:
    """Shards named, matched by a glob, or found under a directory (recursively, by extension),
    sorted within each argument and never twice; and one line for each argument that found none."""
    shards: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        if any(char in pattern for char in "*?["):
            found = sorted(path for path in glob.glob(pattern, recursive=True) if os.path.isfile(path))
        elif os.path.isdir(pattern):
            found = sorted(
                str(path)
                for path in Path(pattern).rglob("*")
                if path.is_file() and (input_format or path.suffix.lower() in FORMATS)
            )
        elif os.path.isfile(pattern):
            found = [pattern]
        else:
            problems.append(f"{pattern}: error: no such file, directory or matching path")
            continue
        if not found:
            problems.append(f"{pattern}: error: no shards found")
        for path in found:
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                shards.append(path)
    return shards, problems


def shard_format(path: str, input_format: str | None = None) -> str:
    """The shard's format: given, or by extension; InputError for an unknown extension."""
    if input_format:
        return input_format
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(InputProblem(path, "unknown shard format (give --input-format parquet, jsonl or tsv)"))
    return fmt


def read_batches(path: str, columns: Columns, batch: int, input_format: str | None = None) -> Iterator[list[Segment]]:
    """The shard's segments, ``batch`` rows at a time; InputError (one line naming the file and
    line or row) for a file that is not what it claims."""
    fmt = shard_format(path, input_format)
    reader = {"parquet": _parquet, "jsonl": _jsonl, "tsv": _tsv}[fmt]
    try:
        yield from reader(path, columns, batch)
    except OSError as exc:
        raise InputError(InputProblem(path, f"cannot read: {exc.strerror or exc}")) from None


def _segment(path: str, number: int, source: object, target: object, key: object) -> Segment:
    text = target if isinstance(target, str) else ""
    return Segment(
        str(key) if key is not None else f"{path}:{number}",
        text,
        Origin(path, number),
        source if isinstance(source, str) else None,
    )


def _tsv(path: str, columns: Columns, batch: int) -> Iterator[list[Segment]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = handle.readline().rstrip("\r\n")
        names = [cell.strip().casefold() for cell in header.split("\t")]
        index = _indices(path, names, columns, place=1)
        width = len(names)
        out: list[Segment] = []
        for number, line in enumerate(handle, start=2):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != width:
                raise InputError(InputProblem(path, f"{len(cells)} cells where the header has {width}", number))
            out.append(_segment(path, number, *(cells[i] if i is not None else None for i in index)))
            if len(out) == batch:
                yield out
                out = []
        if out:
            yield out


def _indices(path: str, names: list[str], columns: Columns, place: int) -> tuple[int | None, int, int | None]:
    def find(name: str | None, role: str) -> int | None:
        if name is None:
            return None
        try:
            return names.index(name.casefold())
        except ValueError:
            raise InputError(InputProblem(path, f"no {role} column {name!r} in the header", place)) from None

    target = find(columns.target, "target")
    assert target is not None
    return find(columns.source, "source"), target, find(columns.key, "key")


def _jsonl(path: str, columns: Columns, batch: int) -> Iterator[list[Segment]]:
    wanted = [(columns.source, "source"), (columns.target, "target"), (columns.key, "key")]
    with open(path, encoding="utf-8-sig") as handle:
        out: list[Segment] = []
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(InputProblem(path, f"not JSON: {exc.msg}", number, exc.colno)) from None
            if not isinstance(record, dict):
                raise InputError(InputProblem(path, "not a JSON object", number))
            values = []
            for name, role in wanted:
                if name is None:
                    values.append(None)
                    continue
                if name not in record:
                    raise InputError(InputProblem(path, f"no {role} key {name!r}", number))
                value = record[name]
                if role != "key" and value is not None and not isinstance(value, str):
                    raise InputError(InputProblem(path, f"the {role} {name!r} is not a string", number))
                values.append(value)
            out.append(_segment(path, number, *values))
            if len(out) == batch:
                yield out
                out = []
        if out:
            yield out


def _parquet(path: str, columns: Columns, batch: int) -> Iterator[list[Segment]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowInvalid, pa.ArrowIOError) as exc:
        raise InputError(InputProblem(path, f"not a Parquet file ({excerpt(exc)})")) from None
    present = set(handle.schema_arrow.names)
    names = [name for name in (columns.source, columns.target, columns.key) if name is not None]
    for name, role in ((columns.source, "source"), (columns.target, "target"), (columns.key, "key")):
        if name is not None and name not in present:
            raise InputError(InputProblem(path, f"no {role} column {name!r}"))
    number = 0
    for record_batch in handle.iter_batches(batch_size=batch, columns=list(dict.fromkeys(names))):
        data = record_batch.to_pydict()
        count = record_batch.num_rows
        sources = data[columns.source] if columns.source is not None else [None] * count
        keys = data[columns.key] if columns.key is not None else [None] * count
        out = []
        for source, target, key in zip(sources, data[columns.target], keys, strict=True):
            number += 1
            out.append(_segment(path, number, source, target, key))
        yield out


def excerpt(exc: Exception) -> str:
    from mtcheck.display import excerpt as cut

    return cut(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 80)
