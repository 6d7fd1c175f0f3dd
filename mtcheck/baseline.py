"""Baselines: adopt mtcheck on a legacy batch and fail only on what gets worse.

``--write-baseline FILE`` records today's findings by their content key (fingerprint.py: rule,
path relative to the repository root, unit id, flagged text and its context — no line
numbers or offsets), with a count for repeats. ``--baseline FILE`` then reports only the
findings beyond those: a line inserted at the top of a file, a path written ``./l10n/x.tsv``
instead of ``l10n/x.tsv``, or a run from another directory of the repository changes nothing.

Format 1 (mtcheck before this change) keyed findings on the segment key, which holds the
path as given and, for line-based formats, the line. It is still honoured — findings match
it the old way — with a warning saying how to rewrite it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import astuple

from mtcheck.atomic import write_atomic
from mtcheck.display import excerpt
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.fingerprint import ContentKey, content_key
from mtcheck.model import Finding

FORMAT_VERSION = 2
LEGACY_VERSION = 1
FIELDS = ("rule", "path", "unit", "text", "before", "after")
LEGACY_FIELDS = ("rule", "segment", "text")


class BaselineError(Exception):
    """A baseline file that cannot be used; one line naming the file."""


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    counts = Counter(content_key(finding) for finding in findings)
    records = [
        {**dict(zip(FIELDS, astuple(key), strict=True)), "count": count} for key, count in sorted(counts.items())
    ]
    document = {"tool": "mtcheck", "version": FORMAT_VERSION, "findings": records}
    write_atomic(path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


class Baseline:
    """Lets through only the findings the baseline does not already hold."""

    def __init__(self, counts: Counter[Hashable], *, legacy: bool = False) -> None:
        self.remaining = counts
        self.legacy = legacy
        self.absorbed = 0

    def is_new(self, finding: Finding) -> bool:
        key: Hashable = finding.signature if self.legacy else content_key(finding)
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            self.absorbed += 1
            return False
        return True


def read_baseline(path: str) -> Baseline:
    """The recorded findings; BaselineError (one line) for anything else: a file that is not
    a regular file, not JSON, of an unknown version, a record without its strings, a count
    that is not a positive integer."""
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
    if type(version) is not int or version not in (FORMAT_VERSION, LEGACY_VERSION):
        raise BaselineError(f"{path}: error: not an mtcheck baseline (version {FORMAT_VERSION}, or the older 1)")
    records = document.get("findings")
    if not isinstance(records, list):
        raise BaselineError(f'{path}: error: malformed baseline ("findings" must be a list)')
    fields = FIELDS if version == FORMAT_VERSION else LEGACY_FIELDS
    counts: Counter[Hashable] = Counter()
    for number, record in enumerate(records, start=1):
        problem = _record_problem(record, fields)
        if problem:
            raise BaselineError(f"{path}: error: malformed finding record {number} ({problem})")
        values = tuple(record[name] for name in fields)
        counts[ContentKey(*values) if version == FORMAT_VERSION else values] += record.get("count", 1)
    return Baseline(counts, legacy=version == LEGACY_VERSION)


def legacy_warning(path: str) -> str:
    return (
        f"{path}: warning: this baseline is of format 1, which matches findings by line and by the path as "
        f"spelled; record it again (--baseline {path} --write-baseline {path}) to key it on content"
    )


def _record_problem(record: object, fields: tuple[str, ...]) -> str:
    if not isinstance(record, dict):
        return "not an object"
    for key in fields:
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
