"""Terminal cells: how wide text is on screen, and excerpts cropped to a width around a span.

A terminal draws text by grapheme clusters (what a reader sees as one character), each one or
two cells wide: an East Asian wide or full-width character (CJK, Hangul, most emoji) takes two,
so does an emoji sequence joined by U+200D (a family is one two-cell picture, not three), a flag
(two regional indicators) and a character with the emoji presentation selector U+FE0F (❤️);
combining marks and format characters (zero-width space, joiners, direction marks) take none.
Control characters never reach the screen raw: they are shown escaped (display.py), and the
escape is what is measured. Clusters are never cut: a crop keeps or drops a whole cluster.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from mtcheck.display import escape

ELLIPSIS = "…"
_CLUSTER = regex.compile(r"\X")
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})
_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
_REGIONAL = regex.compile(r"[\U0001F1E6-\U0001F1FF]{2}")


def visible(text: str) -> str:
    """As shown: a tab as a space, control characters escaped."""
    return escape(text.replace("\t", " "))


def cluster_width(cluster: str) -> int:
    """Cells a grapheme cluster takes on a terminal (0, 1 or 2)."""
    first = cluster[0]
    if len(cluster) > 1:
        if "\ufe0f" in cluster or _REGIONAL.match(cluster):
            return 2
        if "\u200d" in cluster and _PICTOGRAPHIC.match(first):
            return 2
    if unicodedata.category(first) in _ZERO_WIDTH:
        # A cluster of marks and format characters alone (a stray combining accent, a ZWSP).
        return 0 if all(unicodedata.category(c) in _ZERO_WIDTH for c in cluster) else 1
    return 2 if unicodedata.east_asian_width(first) in "WF" else 1


def width(text: str) -> int:
    """Cells ``text`` takes once shown (escaped)."""
    return sum(cell.width for cell in cells(text))


@dataclass(frozen=True, slots=True)
class Cell:
    start: int  # code-point offsets of the cluster in the text
    end: int
    shown: str  # as printed: the cluster, or its escape
    width: int


def cells(text: str) -> list[Cell]:
    out = []
    for match in _CLUSTER.finditer(text):
        cluster = match.group()
        shown = visible(cluster)
        size = len(shown) if shown != cluster else cluster_width(cluster)
        out.append(Cell(match.start(), match.end(), shown, size))
    return out


@dataclass(frozen=True, slots=True)
class Crop:
    text: str  # the excerpt as printed, "…" where it was cut
    pad: int  # cells before the span in ``text``
    span: int  # cells of the span shown (at least 1, for the carets)
    left: int  # code-point offset where the excerpt starts in the whole text


def crop(text: str, start: int, end: int, limit: int) -> Crop:
    """The part of ``text`` around ``[start, end)`` that fits in ``limit`` cells, with ``…``
    where it was cut. The span's start always shows; context is added a cluster at a time on
    each side in turn, so a side with little text leaves the room to the other. Only a window
    of the text is measured, so a huge segment costs no more than a short one."""
    limit = max(limit, 8)
    offset = max(0, start - 4 * limit)
    stop = min(len(text), max(end, start) + 4 * limit, start + 8 * limit)
    units = cells(text[offset:stop])
    total = len(text)
    first = next((i for i, cell in enumerate(units) if cell.end + offset > start), len(units))
    last = first
    if end > start:
        last = next((i for i, cell in enumerate(units) if cell.start + offset >= end), len(units))

    def starts(index: int) -> int:  # the code-point offset of a cluster boundary in the whole text
        return units[index].start + offset if index < len(units) else stop

    def size(lo: int, hi: int, used: int) -> int:
        return used + (starts(lo) > 0) + (starts(hi) < total)

    lo = hi = first
    used = 0
    while hi < last and size(lo, hi + 1, used + units[hi].width) <= limit:  # the span, as far as it fits
        used += units[hi].width
        hi += 1
    if hi == last:  # the whole span fits: context, a cluster on each side in turn
        grew = True
        while grew:
            grew = False
            if lo > 0 and size(lo - 1, hi, used + units[lo - 1].width) <= limit:
                lo -= 1
                used += units[lo].width
                grew = True
            if hi < len(units) and size(lo, hi + 1, used + units[hi].width) <= limit:
                used += units[hi].width
                hi += 1
                grew = True
    head = ELLIPSIS if starts(lo) > 0 else ""
    tail = ELLIPSIS if starts(hi) < total else ""
    shown = head + "".join(cell.shown for cell in units[lo:hi]) + tail
    pad = len(head) + sum(cell.width for cell in units[lo:first])
    span = sum(cell.width for cell in units[first : min(last, hi)])
    return Crop(shown, pad, max(1, span), starts(lo))


def crop_from(text: str, left: int, limit: int, *, continues: bool = False) -> str:
    """``text`` from code-point offset ``left`` (``…`` before it when not 0), cut to ``limit``
    cells with ``…`` (also when ``continues``: more text follows that ``text`` does not hold):
    the second line of a ``-``/``+`` pair, aligned with the first."""
    stop = min(len(text), left + 4 * max(limit, 8))
    more = continues or stop < len(text)
    units = cells(text[left:stop])
    head = ELLIPSIS if left > 0 else ""
    used = len(head)
    shown = []
    for index, cell in enumerate(units):
        reserve = 1 if more or index < len(units) - 1 else 0
        if used + cell.width + reserve > limit:
            return head + "".join(shown) + ELLIPSIS
        shown.append(cell.shown)
        used += cell.width
    return head + "".join(shown) + (ELLIPSIS if more else "")


def wrap(text: str, limit: int, indent: str = "") -> list[str]:
    """``text`` broken at spaces into lines of at most ``limit`` cells (a longer word stands
    alone on its line); ``text``'s own leading spaces stay, and every line after the first
    starts with ``indent``."""
    body = text.lstrip(" ")
    current = text[: len(text) - len(body)]
    lines: list[str] = []
    fresh = True  # nothing but indentation on the current line yet
    for word in body.split(" "):
        candidate = current + word if fresh else f"{current} {word}"
        if not fresh and width(candidate) > limit:
            lines.append(current)
            current, fresh = indent + word, False
        else:
            current, fresh = candidate, False
    lines.append(current)
    return lines
