"""How a target's raw text in the file maps to the decoded text checks see, and back.

A format that escapes its targets (XML references and CDATA, PO and JSON escapes, CSV
quotes) cuts a raw target into *runs*, in file order:

- ``PLAIN``: characters that are the same in the file and in the text, one for one;
- ``MARKUP``: an inline tag, comment or processing instruction, kept verbatim in the text
  (one for one too), but a unit: no edit may go inside it;
- ``ATOM``: an escape that decodes to ``text`` (``&amp;`` to ``&``, ``\\n`` to a newline,
  ``""`` to ``"``, ``\\303\\251`` to ``é``);
- ``SYNTAX``: raw text that decodes to nothing (quotes, a PO continuation ``"\\n"``, the
  ``<![CDATA[`` and ``]]>`` markers).

Two things are built on the runs, so that they cannot disagree with the reader:

- ``anchors``: where each decoded character sits in the file (line and column), for
  findings on escaped targets, on targets that span lines, and on sources;
- ``rewrite``: the raw text for a new target. The old and new texts are compared, and only
  what changed is written fresh (escaped by the format's ``escape``); every unchanged
  character keeps its raw spelling — a character reference stays a reference, escaped
  tag-like text stays escaped, a real inline code stays a code. Inserted text is always
  escaped, so a fix can never turn text into markup.

The comparison is a Myers diff: by characters while the edits are few (the usual fix),
else by pieces (inline codes as wholes, then words); each level is bounded in edits and in
comparisons, so a huge rewrite stays about linear: beyond the bounds the changed middle is
written whole (still escaped, still verified by the reader, see formats/__init__.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

PLAIN, MARKUP, ATOM, SYNTAX = "plain", "markup", "atom", "syntax"

#: A replacement of the document's text: ``text[start:end]`` becomes the string.
Splice = tuple[int, int, str]

#: Diff effort bounds: edits found character by character (the usual case: a few fixes), then
#: piece by piece (inline codes, words), before the whole changed middle is taken as new.
MAX_CHARACTER_EDITS = 64
MAX_EDITS = 400


@dataclass(frozen=True, slots=True)
class Run:
    kind: str
    raw_start: int  # offsets into the raw target
    raw_end: int
    text: str = ""  # ATOM: what it decodes to (PLAIN and MARKUP: the raw slice itself; SYNTAX: nothing)
    opens: bool = False  # SYNTAX: opens a literal section (CDATA) where inserted text needs closing it
    closes: bool = False  # SYNTAX: closes one, or ends the text (a final quote): insertions go before it


class WriteError(Exception):
    """A new target this format cannot hold (a character XML forbids, one the encoding lacks)."""


def decoded(raw: str, runs: Sequence[Run]) -> str:
    """The text the runs decode to (what the reader gives checks)."""
    return "".join(_text(raw, run) for run in runs)


def _text(raw: str, run: Run) -> str:
    if run.kind in (PLAIN, MARKUP):
        return raw[run.raw_start : run.raw_end]
    return run.text


def plain_runs(raw: str) -> list[Run]:
    """A raw text that is its own text."""
    return [Run(PLAIN, 0, len(raw))] if raw else []


# --- positions ------------------------------------------------------------------------------


class LineColumns(Protocol):
    """File offsets to 1-based (line, column): ``common.Positions``, or a ``formats.Window``."""

    def line_column(self, offset: int) -> tuple[int, int]: ...


def anchors(
    positions: LineColumns, raw_start: int, raw: str, runs: Sequence[Run], start: tuple[int, int]
) -> tuple[tuple[int, int, int], ...] | None:
    """(text offset, line, column) wherever file and text stop advancing one for one on a
    line; between anchors they do. None when the text starts at ``start`` (line, column)
    and never stops (the origin's own line and column then say it all)."""
    found: list[tuple[int, int, int]] = []
    offset = 0

    def note(text_offset: int, raw_offset: int) -> None:
        line, column = positions.line_column(raw_start + raw_offset)
        if found:
            last = found[-1]
            if last[1] == line and last[2] + (text_offset - last[0]) == column:
                return  # the last anchor predicts it
        found.append((text_offset, line, column))

    for run in runs:
        if run.kind in (PLAIN, MARKUP):
            note(offset, run.raw_start)
            newline = raw.find("\n", run.raw_start, run.raw_end)
            while newline >= 0:
                note(offset + newline + 1 - run.raw_start, newline + 1)
                newline = raw.find("\n", newline + 1, run.raw_end)
            offset += run.raw_end - run.raw_start
        elif run.kind == ATOM:
            note(offset, run.raw_start)
            offset += len(run.text)
    if not found or found == [(0, *start)]:
        return None
    return tuple(found)


# --- the diff -------------------------------------------------------------------------------

Opcode = tuple[str, int, int, int, int]  # ("equal" | "delete" | "insert" | "replace", i1, i2, j1, j2)


def _common_prefix(a: str, b: str, a_start: int, b_start: int, a_end: int, b_end: int) -> int:
    """Length of the common prefix of a[a_start:a_end] and b[b_start:b_end], found by halving."""
    low, high = 0, min(a_end - a_start, b_end - b_start)
    while low < high:
        middle = (low + high + 1) // 2
        if a[a_start : a_start + middle] == b[b_start : b_start + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, a_start: int, b_start: int, a_end: int, b_end: int) -> int:
    low, high = 0, min(a_end - a_start, b_end - b_start)
    while low < high:
        middle = (low + high + 1) // 2
        if a[a_end - middle : a_end] == b[b_end - middle : b_end]:
            low = middle
        else:
            high = middle - 1
    return low


def _myers(a: Sequence[str], b: Sequence[str], limit: int) -> list[tuple[int, int, int]] | None:
    """Matching blocks (i, j, length) of a shortest edit script (Myers 1986), or None past
    ``limit`` edits or a few times the inputs' length in comparisons (a bound on time)."""
    n, m = len(a), len(b)
    offset = limit + 1
    frontier = [0] * (2 * limit + 3)
    trace: list[list[int]] = []
    budget = 8 * (n + m) + limit * limit
    for d in range(min(n + m, limit) + 1):
        trace.append(frontier[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and frontier[offset + k - 1] < frontier[offset + k + 1]):
                x = frontier[offset + k + 1]
            else:
                x = frontier[offset + k - 1] + 1
            y = x - k
            start = x
            step = 64
            while step:  # long snakes in big strides: slices compare in C
                while x + step <= n and y + step <= m and a[x : x + step] == b[y : y + step]:
                    x += step
                    y += step
                step //= 4
            budget -= x - start + 1
            frontier[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m, offset, d)
        if budget < 0:
            return None
    return None


def _backtrack(trace: list[list[int]], n: int, m: int, offset: int, d: int) -> list[tuple[int, int, int]]:
    blocks: list[tuple[int, int, int]] = []
    x, y = n, m
    for depth in range(d, 0, -1):
        frontier = trace[depth]
        k = x - y
        if k == -depth or (k != depth and frontier[offset + k - 1] < frontier[offset + k + 1]):
            previous_k = k + 1
            previous_x = frontier[offset + previous_k]  # came down: an insertion
            previous_y = previous_x - previous_k
            snake_x, snake_y = previous_x, previous_y + 1
        else:
            previous_k = k - 1
            previous_x = frontier[offset + previous_k]  # came right: a deletion
            previous_y = previous_x - previous_k
            snake_x, snake_y = previous_x + 1, previous_y
        if x > snake_x:
            blocks.append((snake_x, snake_y, x - snake_x))
        x, y = previous_x, previous_y
    if x > 0:
        blocks.append((0, 0, x))
    blocks.reverse()
    return blocks


_WORDS = re.compile(r"\w+|\s+|.", re.DOTALL)


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[list[str], list[int]]:
    """``text[start:end]`` cut into pieces: the matches of ``pattern`` and the text between
    them; with each piece's offset (one more: ``end``)."""
    if pattern is _WORDS:
        pieces = pattern.findall(text, start, end)
    else:
        pieces = [piece for piece in _splitter(pattern).split(text[start:end]) if piece]
    offsets = list(accumulate((len(piece) for piece in pieces), initial=start))
    return pieces, offsets


def _splitter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    splitter = _SPLITTERS.get(pattern)
    if splitter is None:
        splitter = _SPLITTERS[pattern] = re.compile(f"({pattern.pattern})", pattern.flags)
    return splitter


_SPLITTERS: dict[re.Pattern[str], re.Pattern[str]] = {}


def diff(old: str, new: str, codes: re.Pattern[str] | None = None) -> list[Opcode]:
    """Opcodes turning ``old`` into ``new``, character offsets. A few edits are found character
    by character; more, by pieces: codes (inline tags) as wholes, then words, then characters
    at the edges of what changed."""
    out: list[Opcode] = []
    _diff_range(old, new, 0, len(old), 0, len(new), [_CHARACTERS, *(p for p in (codes, _WORDS) if p is not None)], out)
    return _merge(out)


#: The first level: characters (the strings themselves are the sequences).
_CHARACTERS = re.compile(".", re.DOTALL)


def _diff_range(
    old: str, new: str, i1: int, i2: int, j1: int, j2: int, levels: list[re.Pattern[str]], out: list[Opcode]
) -> None:
    prefix = _common_prefix(old, new, i1, j1, i2, j2)
    if prefix:
        out.append(("equal", i1, i1 + prefix, j1, j1 + prefix))
        i1, j1 = i1 + prefix, j1 + prefix
    suffix = _common_suffix(old, new, i1, j1, i2, j2)
    tail = ("equal", i2 - suffix, i2, j2 - suffix, j2) if suffix else None
    i2, j2 = i2 - suffix, j2 - suffix
    if i1 < i2 or j1 < j2:
        _middle(old, new, i1, i2, j1, j2, levels, out)
    if tail:
        out.append(tail)


def _middle(
    old: str, new: str, i1: int, i2: int, j1: int, j2: int, levels: list[re.Pattern[str]], out: list[Opcode]
) -> None:
    if i1 == i2 or j1 == j2 or not levels:
        out.append(_change(i1, i2, j1, j2))
        return
    pattern, rest = levels[0], levels[1:]
    if pattern is _CHARACTERS:
        blocks = _myers(old[i1:i2], new[j1:j2], MAX_CHARACTER_EDITS)
        if blocks is None:  # many edits: by pieces
            _middle(old, new, i1, i2, j1, j2, rest, out)
            return
        x = y = 0
        for block_x, block_y, length in [*blocks, (i2 - i1, j2 - j1, 0)]:
            if x < block_x or y < block_y:
                out.append(_change(i1 + x, i1 + block_x, j1 + y, j1 + block_y))
            if length:
                out.append(("equal", i1 + block_x, i1 + block_x + length, j1 + block_y, j1 + block_y + length))
            x, y = block_x + length, block_y + length
        return
    a, a_at = _pieces(old, i1, i2, pattern)
    b, b_at = _pieces(new, j1, j2, pattern)
    blocks = _myers(a, b, MAX_EDITS)
    if blocks is None:  # too many changes for a fine diff: the whole middle is new
        _middle(old, new, i1, i2, j1, j2, [], out)
        return
    x = y = 0
    for block_x, block_y, length in [*blocks, (len(a), len(b), 0)]:
        if x < block_x or y < block_y:  # a changed stretch between matches: look closer
            _diff_range(
                old, new, a_at[x], a_at[block_x], b_at[y], b_at[block_y], [p for p in rest if p is not _CHARACTERS], out
            )
        if length:
            out.append(("equal", a_at[block_x], a_at[block_x + length], b_at[block_y], b_at[block_y + length]))
        x, y = block_x + length, block_y + length


def _change(i1: int, i2: int, j1: int, j2: int) -> Opcode:
    kind = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
    return (kind, i1, i2, j1, j2)


def _merge(opcodes: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of one kind as one; empty ones dropped."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 == i2 and j1 == j2:
            continue
        if out and out[-1][0] == tag == "equal" and out[-1][2] == i1 and out[-1][4] == j1:
            out[-1] = (tag, out[-1][1], i2, out[-1][3], j2)
        elif out and out[-1][0] != "equal" and tag != "equal" and out[-1][2] == i1 and out[-1][4] == j1:
            out[-1] = _change(out[-1][1], i2, out[-1][3], j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    """How to leave and re-enter a literal section (CDATA) to insert escaped text in it, and
    which text may go in as it is (``verbatim``): then the section stays whole."""

    close: str
    reopen: str
    verbatim: Callable[[str], bool] | None = None


def rewrite(
    raw: str,
    runs: Sequence[Run],
    old: str,
    new: str,
    escape: Callable[[str], str],
    *,
    codes: re.Pattern[str] | None = None,
    literal: Literal | None = None,
) -> str:
    """The raw text for ``new``: unchanged characters keep their raw spelling, changed ones are
    written by ``escape``. ``old`` must be what ``runs`` decode to."""
    if old == new:
        return raw
    writer = _Writer(raw, runs, escape, literal)
    for tag, i1, i2, j1, j2 in diff(old, new, codes):
        if tag == "equal":
            writer.advance(i2, keep=True)
        elif tag == "delete":
            writer.advance(i2, keep=False)
        elif tag == "insert":
            writer.insert(new[j1:j2], at_end=i1 == len(old))
        else:
            writer.insert(new[j1:j2], at_end=False)
            writer.advance(i2, keep=False)
    writer.advance(len(old), keep=True)
    writer.rest()
    return "".join(writer.out)


class _Writer:
    """Walks the runs in file order, emitting kept raw text, escaped new text and syntax."""

    def __init__(self, raw: str, runs: Sequence[Run], escape: Callable[[str], str], literal: Literal | None) -> None:
        self.raw = raw
        self.runs = runs
        self.escape = escape
        self.literal = literal
        self.out: list[str] = []
        self.index = 0  # the next run
        self.text_at = 0  # text offset at the start of run ``index`` (plus ``inside`` within it)
        self.inside = 0  # characters of run ``index`` already passed
        self.in_literal = False

    def _length(self, run: Run) -> int:
        return run.raw_end - run.raw_start if run.kind in (PLAIN, MARKUP) else len(run.text)

    def _syntax(self, run: Run) -> None:
        self.out.append(self.raw[run.raw_start : run.raw_end])
        if run.opens:
            self.in_literal = True
        elif run.closes:
            self.in_literal = False

    def advance(self, to: int, *, keep: bool) -> None:
        """Pass the text up to offset ``to``, keeping (or dropping) it; syntax on the way stays."""
        while self.index < len(self.runs):
            run = self.runs[self.index]
            length = self._length(run)
            position = self.text_at + self.inside
            if run.kind == SYNTAX:
                if self.text_at >= to:
                    return
                self._syntax(run)
                self.index += 1
                continue
            if position >= to:
                return
            take = min(to - position, length - self.inside)
            if keep:
                if run.kind in (ATOM, MARKUP):
                    if self.inside == 0 and take == length:
                        self.out.append(self.raw[run.raw_start : run.raw_end])
                    else:  # part of an escape, or of a code: what is left of it is text
                        self.out.append(self._escaped(_text(self.raw, run)[self.inside : self.inside + take]))
                else:
                    start = run.raw_start + self.inside
                    self.out.append(self.raw[start : start + take])
            self.inside += take
            if self.inside == length:
                self.index += 1
                self.text_at += length
                self.inside = 0

    def insert(self, text: str, *, at_end: bool) -> None:
        """New text here; at the very end it goes before the closing syntax (a final quote)."""
        if not at_end and self.inside == 0:
            while (
                self.index < len(self.runs)
                and self.runs[self.index].kind == SYNTAX
                and not self.runs[self.index].closes
            ):
                self._syntax(self.runs[self.index])
                self.index += 1
        self.out.append(self._escaped(text))

    def _escaped(self, text: str) -> str:
        if self.in_literal and self.literal is not None:
            if self.literal.verbatim is not None and self.literal.verbatim(text):
                return text
            return self.literal.close + self.escape(text) + self.literal.reopen
        escaped = self.escape(text)
        return escaped

    def rest(self) -> None:
        while self.index < len(self.runs):
            run = self.runs[self.index]
            if run.kind == SYNTAX:
                self._syntax(run)
            self.index += 1
