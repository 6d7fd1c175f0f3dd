"""The HTML report's findings in document order, their links, and the data its script reads.

The data is JSON, gzip-compressed (the browser's ``DecompressionStream`` undoes it) and
base85-encoded into inert ``<script type="application/octet-stream">`` elements:

- the **index**, decoded first: per finding one small number, its *kind* (rule, severity,
  category, side, fix kind: what the filters and counts need), and per segment the number of
  its findings (they follow each other), so the script knows each finding's segment and file,
  and its line and key, so that it can find a linked finding's segment without its texts;
- the **texts**, in chunks of segments, decoded when a card needs them or in idle time:
  sources, targets and places of the segments; offsets, messages and fixes of their
  findings. Columns, not records, and everything the script can work out is left out: a
  finding's line and column (from its segment's and its offset: only the exceptions are
  stored), the key of a ``path:line`` segment, fix offsets (relative to the span), the flagged
  text and the fix's replacement in messages and fix titles (see :func:`_templated`), and the
  finding's link, which the script computes as :func:`anchor` does.
"""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mtcheck.model import Finding, Segment, Side
from mtcheck.report.html_text import CONTROL_NAMES, RTL_LANGUAGES, SEVERITIES, SEVERITY_INDEX, plain

#: Cards show texts longer than this as a window around the span (the reader can open the rest).
MAX_SHOWN = 600
WINDOW = 200
#: A chunk of the texts closes after this many characters of segment text (or segments).
CHUNK_CHARACTERS = 200_000
CHUNK_SEGMENTS = 1000
#: Fix kinds, as the script's filter numbers them.
FIX_KINDS = {"safe": 0, "suggestion": 1, None: 2}


@dataclass
class Layout:
    """The page's findings in document order: by file, then by segment (in the order of each
    segment's first finding), then by line and column; and the tables the data indexes into."""

    files: list[str]
    categories: list[str]
    rules: list[str]
    findings: list[Finding]
    positions: list[tuple[int, int]]  # (line, column) of each finding
    segments: list[Segment]  # the segments with findings, in order
    counts: list[int]  # findings per segment: segment k has the next counts[k] findings
    segment_files: list[int]  # the file (index into ``files``) of each segment

    def file_findings(self) -> list[list[int]]:
        """[file, first finding, end) for each file with findings, in order."""
        ranges: list[list[int]] = []
        first = 0
        for file_number, size in zip(self.segment_files, self.counts, strict=True):
            if ranges and ranges[-1][0] == file_number:
                ranges[-1][2] += size
            else:
                ranges.append([file_number, first, first + size])
            first += size
        return ranges


def layout(findings: Sequence[Finding], paths: Iterable[str] = ()) -> Layout:
    """Findings in document order; files in the order of ``paths`` (the files table), then of
    their first finding."""
    files = list(dict.fromkeys([*paths, *(f.segment.origin.path for f in findings)]))
    file_index = {path: i for i, path in enumerate(files)}
    per_file: list[dict[str, list[tuple[int, int, int, Finding]]]] = [{} for _ in files]
    for arrival, finding in enumerate(findings):
        by_segment = per_file[file_index[finding.segment.origin.path]]
        by_segment.setdefault(finding.segment.key, []).append((finding.line, finding.column, arrival, finding))
    result = Layout(
        files, sorted({f.category for f in findings}), sorted({f.rule for f in findings}), [], [], [], [], []
    )
    for file_number, by_segment in enumerate(per_file):
        for members in sorted(by_segment.values(), key=min):
            members.sort()
            result.segments.append(members[0][3].segment)
            result.counts.append(len(members))
            result.segment_files.append(file_number)
            for line, column, _, finding in members:
                result.findings.append(finding)
                result.positions.append((line, column))
    return result


# --- links ------------------------------------------------------------------------------


def anchor(rule: str, key: str, text: str) -> str:
    """The URL fragment of a finding, stable across runs: it depends on its rule, segment key
    and flagged text only. 48 bits: the CRC-32 of the segment's key, then the upper half of
    the CRC-32 of the rule and the text (of their UTF-8 bytes). report.js works them out from
    the data, so no link is stored; and from the first part it finds a linked finding's
    segment in the index, decoding only that segment's texts."""
    finding = zlib.crc32(f"{plain(rule)}\0{plain(text)}".encode()) >> 16
    return f"f-{zlib.crc32(plain(key).encode()):08x}{finding:04x}"


def anchors(findings: Iterable[Finding]) -> Iterator[str]:
    """The fragments of findings in document order: a repeat within a segment (the same rule
    and text) gets ``-2``, ``-3``…"""
    seen: Counter[str] = Counter()
    key = None
    for finding in findings:
        if finding.segment.key != key:
            key = finding.segment.key
            seen.clear()
        digest = anchor(*finding.signature)
        seen[digest] += 1
        yield digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def links(findings: Sequence[Finding]) -> list[tuple[str, Finding]]:
    """Each finding with its fragment, in document order (what tests and bench/ link to)."""
    ordered = layout(findings).findings
    return list(zip(anchors(ordered), ordered, strict=True))


# --- the data ---------------------------------------------------------------------------


def script_data(layout: Layout, noun: str, chrf: Mapping[str, float] | None) -> tuple[dict[str, Any], list[dict]]:
    """The index and the text chunks (see the module's docstring; report.js reads them)."""
    category_index = {c: i for i, c in enumerate(layout.categories)}
    rule_index = {r: i for i, r in enumerate(layout.rules)}
    kinds: dict[tuple[int, ...], int] = {}
    kind = []
    for finding in layout.findings:
        fix = None if finding.fix is None else finding.fix.safety.value
        key = (
            rule_index[finding.rule],
            SEVERITY_INDEX[finding.severity],
            category_index[finding.category],
            1 if finding.side is Side.SOURCE else 0,
            FIX_KINDS[fix],
        )
        kind.append(kinds.setdefault(key, len(kinds)))
    languages: dict[str | None, int] = {None: 0}
    pairs: dict[tuple[int, int], int] = {}
    chunks: list[dict[str, Any]] = []
    chunk_starts: list[int] = []
    lines: list[int] = []
    keys: dict[str, str | list[str]] = {}
    size = CHUNK_CHARACTERS
    first = 0
    previous_line = 0
    for number, segment in enumerate(layout.segments):
        if size >= CHUNK_CHARACTERS or len(chunks[-1]["targets"]) >= CHUNK_SEGMENTS:
            chunks.append(_new_chunk(chrf is not None))
            known: dict[object, int] = {}
            chunk_starts.append(number)
            size = 0
        chunk = chunks[-1]
        path = plain(layout.files[layout.segment_files[number]])
        lines.append(segment.origin.line - previous_line)
        previous_line = segment.origin.line
        key = plain(segment.key)
        if key != f"{path}:{segment.origin.line}":
            keys[str(number)] = key[len(path) :] if key.startswith(path) else [key]
        _add_segment(chunk, segment, (languages, pairs), chrf)
        for index in range(first, first + layout.counts[number]):
            _add_finding(chunk, known, layout.findings[index], layout.positions[index])
        first += layout.counts[number]
        size += len(segment.target) + len(segment.source or "")
    index = {
        "noun": noun,
        "severities": [s.value for s in SEVERITIES],
        "files": [plain(p) for p in layout.files],
        "categories": layout.categories,
        "rules": [plain(r) for r in layout.rules],
        "languages": [lang or "" for lang in languages],
        "languagePairs": [list(pair) for pair in pairs],
        "rtl": sorted(RTL_LANGUAGES),
        "names": {f"{code:x}": name for code, name in CONTROL_NAMES.items()},
        "maxShown": MAX_SHOWN,
        "window": WINDOW,
        "kinds": [list(k) for k in kinds],
        "kind": kind,
        "counts": layout.counts,
        "lines": lines,
        "keys": keys,
        "fileRanges": layout.file_findings(),
        "chunks": chunk_starts,
    }
    return index, chunks


def _new_chunk(with_chrf: bool) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "sources": [],
        "targets": [],
        "languages": [],
        "columns": [],
        "sourcePlaces": {},
        "starts": [],
        "lengths": [],
        "strings": [],
        "messages": [],
        "fixes": [],
        "places": {},
    }
    if with_chrf:
        chunk["chrf"] = []
    return chunk


def _add_segment(
    chunk: dict[str, Any],
    segment: Segment,
    languages: tuple[dict[str | None, int], dict[tuple[int, int], int]],
    chrf: Mapping[str, float] | None,
) -> None:
    """A segment's texts, languages (a pair's number) and place (its line is in the index):
    the target's column (after the predicted one: right after the source on its line, else
    1); the source's line and column when they are not the target's line and column 1."""
    origin = segment.origin
    number = len(chunk["targets"])
    chunk["sources"].append(None if segment.source is None else plain(segment.source))
    chunk["targets"].append(plain(segment.target))
    names, pairs = languages
    pair = (names.setdefault(segment.src_lang, len(names)), names.setdefault(segment.tgt_lang, len(names)))
    chunk["languages"].append(pairs.setdefault(pair, len(pairs)))
    chunk["columns"].append(origin.column - _predicted_column(segment))
    source_line = origin.source_line if origin.source_line is not None else origin.line
    source_column = origin.source_column or 1
    if (source_line, source_column) != (origin.line, 1):
        chunk["sourcePlaces"][str(number)] = [source_line, source_column]
    if chrf is not None:
        value = chrf.get(segment.key)
        chunk["chrf"].append(None if value is None else round(value, 1))


def _predicted_column(segment: Segment) -> int:
    """Where the target starts on its line if the file is plain: after the source and one
    separator when the source shares its line (a TSV row), else at 1."""
    origin = segment.origin
    if segment.source is not None and origin.source_line in (None, origin.line):
        return (origin.source_column or 1) + len(segment.source) + 1
    return 1


def _add_finding(chunk: dict[str, Any], known: dict[object, int], finding: Finding, position: tuple[int, int]) -> None:
    """A finding's offset and length, message and fix (its title and message as numbers in the
    chunk's table of them; its edits from the span's start for a target-side finding), and its
    line and column where they are not its segment's line and column plus its offset."""
    number = len(chunk["starts"])
    chunk["starts"].append(finding.start)
    chunk["lengths"].append(finding.end - finding.start)
    fix = finding.fix
    flagged = plain(finding.text)
    replacement = None
    if (
        fix is not None
        and finding.side is Side.TARGET
        and all(finding.start <= e.start <= e.end <= finding.end for e in fix.edits)
    ):
        replacement = plain(finding.replacement or "")
    chunk["messages"].append(_string(chunk, known, _templated(plain(finding.message), flagged, replacement)))
    if fix is None:
        chunk["fixes"].append(None)
    else:
        base = finding.start if finding.side is Side.TARGET else 0
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        title = _string(chunk, known, _templated(plain(fix.title), flagged, replacement))
        chunk["fixes"].append([title, [[e.start - base, e.end - base, plain(e.replacement)] for e in edits]])
    origin = finding.segment.origin
    if finding.side is Side.TARGET:
        predicted = (origin.line, origin.column + finding.start)
    else:
        line = origin.source_line if origin.source_line is not None else origin.line
        predicted = (line, (origin.source_column or 1) + finding.start)
    if position != predicted:
        chunk["places"][str(number)] = list(position)


def _string(chunk: dict[str, Any], known: dict[object, int], text: str | list[str]) -> int:
    """The number of a message or fix title in the chunk's table of them (most repeat)."""
    key = text if isinstance(text, str) else (text[0],)
    if key not in known:
        known[key] = len(chunk["strings"])
        chunk["strings"].append(text)
    return known[key]


#: Stand-ins in messages and fix titles for the flagged text and for what the fix puts there.
FLAGGED, REPLACEMENT = "\x01", "\x02"


def _templated(text: str, flagged: str, replacement: str | None) -> str | list[str]:
    """A message or fix title with the flagged text as FLAGGED and the fix's replacement (when
    its edits lie in the span, so that report.js can work it out) as REPLACEMENT: the messages
    of a rule then repeat, and compress to almost nothing. A text that holds either character
    itself is kept as it is, in a list."""
    if any(mark in part for mark in (FLAGGED, REPLACEMENT) for part in (text, flagged, replacement or "")):
        return [text]
    if flagged:
        text = text.replace(flagged, FLAGGED)
    if replacement:
        text = text.replace(replacement, REPLACEMENT)
    return text


#: Base85 (four bytes in five characters, where base64 takes six), the alphabet of Python's
#: ``b85encode`` with "." for "<", so that no "</script" can appear. report.js has the same.
_BASE85_SAFE = bytes.maketrans(b"<", b".")


def encode_data(data: object) -> str:
    """JSON, gzip-compressed (reproducibly: no timestamp) and base85-encoded."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b85encode(gzip.compress(raw, compresslevel=9, mtime=0)).translate(_BASE85_SAFE).decode("ascii")


def decode_data(text: str) -> Any:
    """What :func:`encode_data` encoded (for tests and tools that read a report)."""
    return json.loads(gzip.decompress(base64.b85decode(text.replace(".", "<"))))
