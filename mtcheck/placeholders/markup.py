"""Markup in a translatable text: HTML, Pango, DocBook, Mallard, KUIT tags and XLIFF inline codes,
written as they are (``<b>``) or XML-escaped (``&lt;b&gt;``, as PO files of XML and HTML strings
hold them).

``<file>`` in ``git add <file>`` is no tag but a word for the reader, which translators
translate (``<Datei>``, ``<fichier>``). What tells them apart needs no list of tag names: a
tag has attributes (``<a href="…">``, ``<x id="1"/>``), closes itself (``<br/>``), is a closing
tag, is a void HTML element (``<br>``), or has its closing tag in the same text or in the text
it is compared with (``<b>…</b>``). A lone ``<options>`` is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_NAME = r"[A-Za-z][A-Za-z0-9_:.-]*"
_ATTRIBUTE = r"""\s+[A-Za-z0-9_:.{}-]+\s*=\s*(?:"[^"<]*"|'[^'<]*')"""
_ESCAPED_ATTRIBUTE = r"""\s+[A-Za-z0-9_:.-]+\s*=\s*(?:&quot;(?:(?!&quot;)[^<>])*&quot;|"[^"<>]*"|'[^'<>]*')"""
#: Raw tags, then escaped ones: the scanner adds both to its alternation.
TAG = rf"</?{_NAME}(?:{_ATTRIBUTE})*\s*/?>"
ESCAPED_TAG = rf"&lt;/?{_NAME}(?:{_ESCAPED_ATTRIBUTE})*\s*/?&gt;"

_PARTS = re.compile(rf"(?P<close>/)?(?P<name>{_NAME})(?P<attributes>.*?)(?P<empty>/)?\s*$", re.DOTALL)
_ATTRIBUTES = re.compile(r"""([A-Za-z0-9_:.{}-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|&quot;(.*?)&quot;)""", re.DOTALL)
#: HTML elements that never close.
VOID = frozenset({"br", "hr", "img", "input", "wbr", "nl"})
#: XLIFF 1.2 and 2.0 inline elements: their ``id`` is what ties a target's code to the source's.
XLIFF_INLINE = frozenset(
    {"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub", "pc", "sc", "ec", "sm", "em", "cp"}
)
#: Attributes whose values are text for the reader, or a link a translation may localize.
_TRANSLATABLE = frozenset({"title", "alt", "href", "src", "aria-label", "label", "placeholder", "equiv-text", "disp"})


class Tag(NamedTuple):
    escaped: bool
    kind: str  # "open", "close" or "empty"
    name: str  # lower-cased
    attributes: tuple[tuple[str, str], ...]
    has_attributes: bool


def parse(token: str) -> Tag:
    escaped = token.startswith("&lt;")
    inner = token[4:-4] if escaped else token[1:-1]
    match = _PARTS.match(inner)
    assert match is not None, token
    name = match["name"].lower()
    kind = "close" if match["close"] else "empty" if match["empty"] else "open"
    pairs = [(m.group(1), next(v for v in m.groups()[1:] if v is not None)) for m in _ATTRIBUTES.finditer(inner)]
    if name.rpartition(":")[2] in XLIFF_INLINE:
        kept = tuple((key, value) for key, value in pairs if key == "id")
    else:
        kept = tuple(sorted((key.lower(), "" if key.lower() in _TRANSLATABLE else value) for key, value in pairs))
    return Tag(escaped, kind, name, kept, bool(pairs))


def key(tag: Tag) -> tuple[object, ...] | None:
    """What a tag is compared by; None for XLIFF annotations (``<mrk>``, 2.0 ``<sm/>`` and
    ``<em/>``: segmentation and term marks that tools add and drop), which are protected only."""
    local = tag.name.rpartition(":")[2]
    if local in ("mrk", "sm") or (local == "em" and tag.kind == "empty"):
        return None
    return ("tag", tag.escaped, tag.kind, tag.name, tag.attributes)


def closed_names(tags: Iterable[Tag]) -> frozenset[str]:
    """Names a text closes (``</b>``): an opening tag of such a name is markup."""
    return frozenset(tag.name for tag in tags if tag.kind == "close")


def is_markup(tag: Tag, closed: frozenset[str]) -> bool:
    return tag.kind != "open" or tag.has_attributes or tag.name in VOID or tag.name in closed
