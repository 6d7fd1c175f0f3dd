"""Where an XLIFF segment's workflow status lives, whether it is final, and how an edited
segment is marked for review, in each dialect:

- XLIFF 1.2: ``<target state>`` and ``<trans-unit approved>``; final: ``final``,
  ``signed-off``, ``approved="yes"``; marked: ``<target state="needs-review-translation">``.
- XLIFF 2.0: ``<segment state subState>``; final: ``final``; marked: ``state="translated"
  subState="mtcheck:edited"``.
- Trados: ``<sdl:seg conf locked>``, one per ``mid`` in the unit's ``<sdl:seg-defs>``;
  final: ``ApprovedTranslation``, ``ApprovedSignOff``, ``locked="true"``; marked:
  ``conf="Draft"``.
- memoQ: ``<trans-unit mq:status mq:locked>``; final: ``Reviewer1Confirmed``,
  ``Reviewer2Confirmed``, ``Proofread``, ``mq:locked``; marked: ``mq:status="PartiallyEdited"``.

A vendor's status wins where it exists (the tools read theirs, not the standard attribute);
final in either sense is final. Trados's ``Draft`` and memoQ's ``PartiallyEdited`` are what
the tools themselves set when a translator has edited a segment without confirming it.
A mark is one attribute written into one start tag: every other byte stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mtcheck.formats.runs import Splice
from mtcheck.formats.textio import Document
from mtcheck.formats.xmlscan import Element

SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MEMOQ = "MQXliff"
FINAL_12 = frozenset({"final", "signed-off"})
FINAL_SDL = frozenset({"ApprovedTranslation", "ApprovedSignOff"})
FINAL_MEMOQ = frozenset({"Reviewer1Confirmed", "Reviewer2Confirmed", "Proofread"})
LOCKED_MEMOQ = frozenset({"locked", "true"})

#: The attributes each dialect writes on an edited segment: (namespace or None, name, value).
REVIEW: dict[str, tuple[tuple[str | None, str, str], ...]] = {
    "1.2": ((None, "state", "needs-review-translation"),),
    "2.0": ((None, "state", "translated"), (None, "subState", "mtcheck:edited")),
    "sdl": ((None, "conf", "Draft"),),
    "memoq": ((MEMOQ, "status", "PartiallyEdited"),),
}


@dataclass(frozen=True, slots=True)
class Status:
    """A segment's status: whether it is final (approved, signed off or locked) and which
    element's start tag holds it, in which dialect (a key of ``REVIEW``)."""

    final: bool
    element: Element
    dialect: str


_MEMOQ_PREFIX = f"{{{MEMOQ}}}"


def unit_status_12(unit: Element, target: Element, mid: str | None) -> Status:
    """The status of a 1.2 unit, or of its segment ``mid`` in a segmented unit."""
    final = unit.attrs.get("approved") == "yes" or target.attrs.get("state") in FINAL_12
    if any(name.startswith(_MEMOQ_PREFIX) for name in unit.attrs):
        status = unit.attrs.get(f"{_MEMOQ_PREFIX}status")
        locked = unit.attrs.get(f"{_MEMOQ_PREFIX}locked", "").lower() in LOCKED_MEMOQ
        return Status(final or status in FINAL_MEMOQ or locked, unit, "memoq")
    seg = _sdl_seg(unit, mid)
    if seg is not None:
        locked = seg.attrs.get("locked", "").lower() == "true"
        return Status(final or seg.attrs.get("conf") in FINAL_SDL or locked, seg, "sdl")
    return Status(final, target, "1.2")


def segment_status_20(segment: Element) -> Status:
    return Status(segment.attrs.get("state") == "final", segment, "2.0")


def _sdl_seg(unit: Element, mid: str | None) -> Element | None:
    """The unit's ``<sdl:seg>`` for ``mid`` (for an unsegmented unit: its only one)."""
    defs = next((c for c in unit.children if c.name == "seg-defs" and c.namespace == SDL), None)
    if defs is None:
        return None
    segs = [c for c in defs.children if c.name == "seg" and c.namespace == SDL]
    if mid is None:
        return segs[0] if len(segs) == 1 else None
    return next((seg for seg in segs if seg.attrs.get("id") == mid), None)


def review_marks(document: Document, statuses: Iterable[Status]) -> list[Splice]:
    """One start-tag rewrite per status element (several segments of a unit may share one)."""
    splices: dict[int, Splice] = {}
    for status in statuses:
        element = status.element
        if element.start in splices:
            continue
        splice = set_attributes(document, element, REVIEW[status.dialect])
        if splice is not None:
            splices[element.start] = splice
    return list(splices.values())


def set_attributes(
    document: Document, element: Element, values: Iterable[tuple[str | None, str, str]]
) -> Splice | None:
    """The element's start tag with these attributes set (a value replaced in its own
    quotes, a missing attribute added after the last one); None when nothing changes or a
    namespace has no prefix in the document."""
    text = document.text
    tag = original = text[element.start : element.content_start]
    for namespace, name, value in values:
        if namespace is None:
            qualified = name
        else:
            prefix = _prefix(text, namespace)
            if prefix is None:
                return None
            qualified = f"{prefix}:{name}"
        existing = re.search(rf"""(\s{re.escape(qualified)}\s*=\s*)(["'])(.*?)\2""", tag, re.DOTALL)
        if existing is not None:
            quote = existing.group(2)
            tag = tag[: existing.start()] + f"{existing.group(1)}{quote}{value}{quote}" + tag[existing.end() :]
        else:
            close = len(tag) - (2 if tag.endswith("/>") else 1)
            at = len(tag[:close].rstrip())
            tag = f'{tag[:at]} {qualified}="{value}"{tag[at:]}'
    if tag == original:
        return None
    return (element.start, element.content_start, tag)


def _prefix(text: str, namespace: str) -> str | None:
    match = re.search(rf"""\sxmlns:([\w.-]+)\s*=\s*(["']){re.escape(namespace)}\2""", text)
    return match.group(1) if match else None
