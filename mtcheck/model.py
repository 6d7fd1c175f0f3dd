"""The vocabulary every module shares: segments in, findings out.

Offsets are code-point indices into a Python ``str`` (end exclusive), never bytes, so a
finding's span can be sliced straight out of ``Segment.target`` or ``Segment.source``.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """MQM severity tiers; ordered so gates can compare them."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Safety(enum.StrEnum):
    """Whether a fix may be applied without a human reading it (ruff's applicability)."""

    SAFE = "safe"
    SUGGESTION = "suggestion"


class Side(enum.StrEnum):
    TARGET = "target"
    SOURCE = "source"


#: The MQM typology categories mtcheck reports; rule packs are validated against this set.
CATEGORIES: frozenset[str] = frozenset(
    {
        "accuracy/addition",
        "accuracy/omission",
        "accuracy/mistranslation",
        "accuracy/untranslated",
        "fluency/punctuation",
        "fluency/grammar",
        "fluency/spelling",
        "fluency/register",
        "fluency/inconsistency",
        "style/awkward",
        "terminology/inappropriate",
        "terminology/inconsistent",
        "locale/date-format",
        "locale/number-format",
        "locale/convention",
        "design/markup",
        "other",
    }
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a segment sits in its file: 1-based line, and the 1-based column at which
    its target (and, for bilingual rows, its source) text starts on that line."""

    path: str
    line: int
    column: int = 1
    source_line: int | None = None
    source_column: int | None = None
    #: Where the target's raw text sits in the decoded file (start, end): the writer puts
    #: a fixed target there and changes nothing else.
    span: tuple[int, int] | None = None
    #: For files that escape their targets or let them span lines: (target offset, line,
    #: column) where the file and the decoded target stop advancing together (formats/runs.py).
    anchors: tuple[tuple[int, int, int], ...] | None = None
    #: The same for the source, when it sits in the same file.
    source_span: tuple[int, int] | None = None
    source_anchors: tuple[tuple[int, int, int], ...] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """The file's 1-based line and column of a target offset."""
        return _position(self.anchors, self.line, self.column, offset)

    def with_anchors(
        self, anchors: tuple[tuple[int, int, int], ...] | None, source_anchors: tuple[tuple[int, int, int], ...] | None
    ) -> Origin:
        """A copy with these anchors (built directly: readers call this once per segment)."""
        return Origin(
            self.path,
            self.line,
            self.column,
            self.source_line,
            self.source_column,
            self.span,
            anchors,
            self.source_span,
            source_anchors,
        )

    def source_position(self, offset: int) -> tuple[int, int]:
        """The file's 1-based line and column of a source offset."""
        line = self.source_line if self.source_line is not None else self.line
        return _position(self.source_anchors, line, self.source_column or 1, offset)


def _position(anchors: tuple[tuple[int, int, int], ...] | None, line: int, column: int, offset: int) -> tuple[int, int]:
    if anchors:
        index = bisect.bisect_right(anchors, (offset, 1 << 62, 0)) - 1
        if index >= 0:
            text_offset, anchor_line, anchor_column = anchors[index]
            return anchor_line, anchor_column + offset - text_offset
    return line, column + offset


@dataclass(frozen=True, slots=True)
class PluralForm:
    """Where a gettext plural form sits: ``msgstr[form]`` of an entry with ``msgid`` ``singular``
    and ``msgid_plural`` ``plural``. ``translated`` has one flag per msgstr[n] the entry has;
    ``nplurals`` and ``expression`` come from the file's ``Plural-Forms`` header (None without one)."""

    form: int
    singular: str
    plural: str
    translated: tuple[bool, ...]
    nplurals: int | None = None
    expression: str | None = None


@dataclass(frozen=True, slots=True)
class SizeLimit:
    """A maximum size the file declares for a target: ``unit`` is ``char`` (code points) or
    ``byte`` (in ``encoding``); ``origin`` names the declaration, for messages."""

    maximum: int
    unit: str
    origin: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Meta:
    """What a file says about a unit beyond its text, for format-aware checks. ``flags`` are the
    PO flags (``c-format``, ``no-python-format``…); ``context`` the msgctxt; ``comments`` the
    developer's (PO ``#.``) and ``references`` the PO ``#:`` source locations."""

    flags: frozenset[str] = frozenset()
    context: str | None = None
    comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    plural: PluralForm | None = None
    limits: tuple[SizeLimit, ...] = ()
    #: XLIFF: the line of the first unit with this unit's id, when the id repeats.
    duplicate_of: int | None = None


NO_META = Meta()


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit. ``source`` is None for monolingual input. ``system`` names the
    MT system that made the target when one file holds several systems' outputs (a
    ``system`` column or key): checks that compare renderings within a document
    (``term.inconsistent``) then take each system's output as its own document."""

    key: str
    target: str
    origin: Origin
    source: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    notes: tuple[str, ...] = ()
    system: str | None = None
    meta: Meta = NO_META

    def with_languages(self, src_lang: str | None, tgt_lang: str | None) -> Segment:
        """A copy in these languages, built directly: the reader's language decision makes one
        per segment, and ``dataclasses.replace`` costs several times as much."""
        return Segment(
            self.key, self.target, self.origin, self.source, src_lang, tgt_lang, self.notes, self.system, self.meta
        )


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    safety: Safety
    title: str = ""
    #: Why the fix is only a suggestion when its rule made it safe (set by the fix gate,
    #: mtcheck/fixgate.py), or why a rule offers it as a suggestion; "" when there is no such reason.
    reason: str = ""


@dataclass(frozen=True, slots=True)
class AtPlace:
    """A file-scope rule's name for a segment it no longer holds: the one whose target starts
    at this line and column of a file streamed from disk (a line may hold several segments:
    an XLIFF unit's sentences, a minified file). The engine reads the file again to find it
    (``Checker.finish_file(resolve)``). Rules keep it as one int (``place``/``at``)."""

    line: int
    column: int

    @staticmethod
    def place(segment: Segment) -> int:
        """The segment's place as one int for a rule's array: line and column, 32 bits each."""
        return segment.origin.line << 32 | segment.origin.column

    @staticmethod
    def at(place: int) -> AtPlace:
        return AtPlace(place >> 32, place & 0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    segment: Segment
    start: int
    end: int
    side: Side = Side.TARGET
    fix: Fix | None = None

    @property
    def text(self) -> str:
        """The flagged characters."""
        body = self.segment.target if self.side is Side.TARGET else (self.segment.source or "")
        return body[self.start : self.end]

    @property
    def replacement(self) -> str | None:
        """What the fix puts in place of ``text``: a fix's edits lie inside its finding's span."""
        if self.fix is None:
            return None
        shifted = [Edit(e.start - self.start, e.end - self.start, e.replacement) for e in self.fix.edits]
        return apply_edits(self.text, shifted)

    @property
    def signature(self) -> tuple[str, str, str]:
        """Stable identity for baselines and suppressions: offsets shift, text does not."""
        return (self.rule, self.segment.key, self.text)

    @property
    def line(self) -> int:
        return self.place[0]

    @property
    def column(self) -> int:
        return self.place[1]

    @property
    def place(self) -> tuple[int, int]:
        """The file's line and column of the finding's first character, source or target."""
        origin = self.segment.origin
        if self.side is Side.SOURCE:
            return origin.source_position(self.start)
        return origin.position(self.start)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file mtcheck could not read: reported as one line, exit status 2."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        from mtcheck.display import escape

        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return escape(f"{place}: error: {self.message}")


class InputError(Exception):
    """Raised by readers; carries the one-line problem description."""

    def __init__(self, problem: InputProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """Apply non-overlapping edits (any order) to ``text``; overlapping edits are a bug."""
    out: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at {edit.start}")
        out.append(text[cursor : edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def non_overlapping(edits: list[Edit] | tuple[Edit, ...]) -> list[Edit]:
    """The edits that can be applied together: leftmost first, later overlapping ones dropped.

    Edits that only touch (one ends where the next starts) are kept when neither is an
    insertion at the shared point, so two fixes never garble each other's text.
    """
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if chosen:
            last = chosen[-1]
            if edit.start < last.end or (edit.start == last.end and (edit.start == edit.end or last.start == last.end)):
                continue
        chosen.append(edit)
    return chosen
