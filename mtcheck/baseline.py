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
from pathlib import Path

from mtcheck.atomic import write_atomic
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
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: error: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: error: not a baseline file ({exc})") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{path}: error: not an mtcheck baseline (version {FORMAT_VERSION})")
    counts: Counter[tuple[str, str, str]] = Counter()
    try:
        for record in document["findings"]:
            counts[(record["rule"], record["segment"], record["text"])] += int(record.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: error: malformed finding record ({exc})") from None
    return counts


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
