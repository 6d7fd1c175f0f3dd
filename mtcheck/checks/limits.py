"""Length limits: a target longer than the room its file, or the project, gives it.

Limits come from the file (``Meta.limits``: XLIFF 1.2 ``maxwidth`` with ``size-unit`` ``char``
or ``byte`` and ``maxbytes``; XLIFF 2 ``slr:sizeRestriction`` and ``slr:storageRestriction``;
ITS ``its:storageSize``), from Weblate's ``max-length:N`` PO flag, and from the ``max-length``
setting (characters, for the UI strings an override's ``paths`` name). Pixel widths need the
font and are not measured. XLIFF inline codes take no room; native code inside ``<ph>``,
``<bpt>``, ``<ept>`` and ``<it>`` neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial

from mtcheck.checks.base import BuiltinCheck
from mtcheck.model import Meta, Segment, Severity, SizeLimit
from mtcheck.rule import Example, Hit, RuleInfo

_INLINE = r"(?:[A-Za-z0-9_.-]+:)?(?:g|x|bx|ex|ph|bpt|ept|it|mrk|sub|pc|sc|ec|sm|em|cp)"
_NATIVE = re.compile(r"<((?:[A-Za-z0-9_.-]+:)?(?:ph|bpt|ept|it))\b[^<>]*>.*?</\1\s*>", re.DOTALL)
_CODE = re.compile(rf"</?{_INLINE}\b(?:\s+[^<>]*)?/?>")
_FLAG = re.compile(r"max-length:(\d+)")


def visible(text: str) -> str:
    """The text without XLIFF inline codes: what the limit measures."""
    if "<" not in text:
        return text
    return _CODE.sub("", _NATIVE.sub("", text))


def _size(text: str, limit: SizeLimit) -> int:
    if limit.unit == "byte":
        try:
            return len(text.encode(limit.encoding))
        except (LookupError, UnicodeEncodeError):
            return len(text.encode("utf-8"))
    return len(text)


def limits(segment: Segment, configured: int | None = None) -> list[SizeLimit]:
    """Every limit that applies to the segment: the file's, a PO flag's, the setting's."""
    found = list(segment.meta.limits)
    for flag in segment.meta.flags:
        match = _FLAG.fullmatch(flag)
        if match:
            found.append(SizeLimit(int(match.group(1)), "char", f"#, {flag}"))
    if configured is not None:
        found.append(SizeLimit(configured, "char", f"max-length = {configured}"))
    return found


def _over(segment: Segment, configured: int | None = None) -> Iterator[Hit]:
    applicable = limits(segment, configured)
    if not applicable:
        return
    text = visible(segment.target)
    for limit in applicable:
        size = _size(text, limit)
        if size > limit.maximum:
            unit = "characters" if limit.unit == "char" else f"bytes in {limit.encoding.upper()}"
            yield Hit(
                0,
                len(segment.target),
                f"The target is {size} {unit} long; the limit is {limit.maximum} ({limit.origin})",
            )
            return  # one finding per segment: the first limit it breaks


@dataclass(frozen=True, slots=True)
class LimitCheck(BuiltinCheck):
    """The check, with the ``max-length`` setting bound in (``configured``)."""

    def configured(self, options: Mapping[str, object]) -> LimitCheck:
        maximum = options.get("max-length")
        if maximum is None:
            return self
        return replace(self, hits=partial(_over, configured=int(maximum)))  # type: ignore[arg-type]


def _meta(*limits: SizeLimit) -> Meta:
    return Meta(limits=limits)


_CHAR_15 = SizeLimit(15, "char", 'maxwidth="15" size-unit="char"')
LIMIT = LimitCheck(
    RuleInfo(
        id="length.limit",
        category="locale/convention",
        severity=Severity.MAJOR,
        summary="A target longer than its limit: XLIFF maxwidth/maxbytes, XLIFF 2 size restrictions, "
        "its:storageSize, a max-length flag or setting",
        why="A label that does not fit is cut off or breaks the layout; a string over its storage size "
        "does not fit the field or buffer the program gives it.",
        bad=(
            Example("Einstellungen speichern", source="Save settings", meta=_meta(_CHAR_15)),
            Example("Größe", source="Size", meta=_meta(SizeLimit(5, "byte", 'maxbytes="5"'))),
        ),
        good=(
            Example("Speichern", source="Save", meta=_meta(_CHAR_15)),
            Example('<g id="1">Speichern</g> jetzt', source="Save now", meta=_meta(_CHAR_15)),
            Example("Größe", source="Size", meta=_meta(SizeLimit(5, "char", 'slr:sizeRestriction="5"'))),
        ),
    ),
    _over,
)

CHECKS = (LIMIT,)
