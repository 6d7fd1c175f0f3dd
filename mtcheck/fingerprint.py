"""A finding's identity across runs: what baselines, SARIF ``partialFingerprints`` and GitLab
fingerprints are keyed on.

Keyed on content, never on positions or on how a path was spelled: the rule; the file's path
relative to the root of the git work tree that holds it (``./l10n/x.tsv``, ``l10n/x.tsv`` and
an absolute path are one file; outside a work tree, relative to the working directory); the
segment's unit id where the format has one (an XLIFF unit, a PO msgctxt and msgid, an ``id``
column) — never a line number; the flagged text; and up to ``CONTEXT`` characters of the
same text on either side, which tell apart the same word flagged in two places. Inserting a
line at the top of a file, or editing a segment away from a finding, leaves its key as it was.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import astuple, dataclass
from pathlib import Path

from mtcheck.model import Finding, Segment, Side

CONTEXT = 16
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True, order=True)
class ContentKey:
    rule: str
    path: str
    unit: str  # "" where the format has no unit ids (plain text, TSV, rows without an id)
    text: str
    before: str
    after: str

    def digest(self) -> str:
        """A hash of the key (hex SHA-256), for fingerprints."""
        data = "\x00".join(astuple(self)).encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()


def content_key(finding: Finding) -> ContentKey:
    segment = finding.segment
    body = segment.target if finding.side is Side.TARGET else (segment.source or "")
    return ContentKey(
        finding.rule,
        normal_path(segment.origin.path),
        unit_id(segment),
        body[finding.start : finding.end],
        body[max(0, finding.start - CONTEXT) : finding.start],
        body[finding.end : finding.end + CONTEXT],
    )


def unit_id(segment: Segment) -> str:
    """The id in a segment key ``path#id``; "" for a key by line (``path:12``)."""
    key, path = segment.key, segment.origin.path
    rest = key[len(path) :] if key.startswith(path) else key
    return rest[1:] if rest.startswith("#") else ""


def normal_path(path: str) -> str:
    """``path`` relative to its work tree's root (or the working directory), with ``/``."""
    if path == STDIN_NAME:
        return path
    absolute = os.path.abspath(path)
    root = _work_tree(os.path.dirname(absolute))
    relative = os.path.relpath(absolute, root or os.getcwd())
    return relative.replace(os.sep, "/")


@functools.lru_cache(maxsize=1024)
def _work_tree(directory: str) -> str | None:
    from mtcheck.discovery import work_tree

    root = work_tree(Path(directory))
    return str(root) if root is not None else None
