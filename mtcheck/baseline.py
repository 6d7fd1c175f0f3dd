"""Baselines: adopt mtcheck on a legacy batch and fail only on what gets worse.

``--write-baseline FILE`` records today's findings by their stable signature (rule, segment
key, flagged text — not offsets, which shift when a segment is edited elsewhere), with a
count for repeats. ``--baseline FILE`` then reports only findings beyond those. Segment
keys include the path as given, so run from the same directory both times.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from mtcheck.atomic import write_atomic
from mtcheck.display import excerpt
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.model import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used; one line naming the file."""


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    counts = Counter(finding.signature for finding in findings)
    records = [
        {"rule": rule, "segment": segment, "text": text, "count": count}
        for (rule, segment, text), count in sorted(counts.items())
    ]
    document = {"tool": "mtcheck", "version": FORMAT_VERSION, "findings": records}
    write_atomic(path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


def read_baseline(path: str) -> Counter[tuple[str, str, str]]:
    """The recorded signatures and counts; BaselineError (one line) for anything else: a file
    that is not a regular file, not JSON, another version, a record without its three
    strings, a count that is not a positive integer."""
    try:
        data = read_regular(path)
    except FileProblem as exc:
        raise BaselineError(f"{path}: error: {exc}") from None
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_int=_integer, parse_constant=_constant)
    except RecursionError:
        raise BaselineError(f"{path}: error: not a baseline file (JSON nested too deeply)") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: error: not a baseline file ({excerpt(str(exc), 80)})") from None
    version = document.get("version") if isinstance(document, dict) else None
    if type(version) is not int or version != FORMAT_VERSION:
        raise BaselineError(f"{path}: error: not an mtcheck baseline (version {FORMAT_VERSION})")
    records = document.get("findings")
    if not isinstance(records, list):
        raise BaselineError(f'{path}: error: malformed baseline ("findings" must be a list)')
    counts: Counter[tuple[str, str, str]] = Counter()
    for number, record in enumerate(records, start=1):
        problem = _record_problem(record)
        if problem:
            raise BaselineError(f"{path}: error: malformed finding record {number} ({problem})")
        counts[(record["rule"], record["segment"], record["text"])] += record.get("count", 1)
    return counts


def _record_problem(record: object) -> str:
    if not isinstance(record, dict):
        return "not an object"
    for key in ("rule", "segment", "text"):
        if not isinstance(record.get(key), str):
            return f"{key!r} must be a string"
    count = record.get("count", 1)
    if type(count) is not int or count < 1:
        return "'count' must be a positive integer"
    return ""


def _integer(digits: str) -> int:
    if len(digits) > 18:
        raise ValueError("a number too large for a count")
    return int(digits)


def _constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


class Baseline:
    """Lets through only the findings the baseline does not already hold."""

    def __init__(self, counts: Counter[tuple[str, str, str]]) -> None:
        self.remaining = counts
        self.absorbed = 0

    def is_new(self, finding: Finding) -> bool:
        signature = finding.signature
        if self.remaining[signature] > 0:
            self.remaining[signature] -= 1
            self.absorbed += 1
            return False
        return True
