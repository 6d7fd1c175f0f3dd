"""Keyboard accelerators: ``_File`` (GTK, GNOME), ``&File`` (Qt, KDE, Windows), ``~File``
(LibreOffice). When the source marks one key, the translation must mark exactly one.

Which character marks the key is the project's convention; it is read from the source, where
exactly one marker must stand before a letter or digit inside a plain word of a one-line label.
Doubled markers (``__``, ``&&``, ``~~``) are the literal character, ``&amp;`` and other
references are no marker, markers inside placeholders (``{{ compared_value }}``) neither, and
words that are identifiers or abbreviations (``MERGE_HEAD``, ``$ref_name``, ``AT&T``, ``R&D``)
are not labels. msgfmt's ``--check-accelerators`` counts the same way.

A missing accelerator is judged per file: where most of a file's labels have none (five
labels or more, half of them unmarked: gitk's Chinese and Russian catalogs, geany's Arabic),
dropping them is the translation team's convention, not a slip, and nothing is reported.
Where a quarter of them or more are unmarked (and five or more), the file lost them wholesale:
one finding, on the first, says how many more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import Gate
from mtcheck.model import Segment, Severity, Side
from mtcheck.nearby import match_near
from mtcheck.placeholders import dialects_for, scan
from mtcheck.placeholders.dialects import ENTITY
from mtcheck.rule import Example, Hit, RuleInfo

MARKERS = "_&~"
_ENTITY = re.compile(ENTITY)
_WORD_EDGES = "([{\"'“‘«„"
_WORD_ENDS = ".…:;!?)]}\"'”’»"
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
#: Labels are short: a longer text is a sentence or help, where a marker is something else.
_LABEL_LENGTH = 80


def marks(text: str, marker: str) -> Iterator[int]:
    """Offsets of ``marker`` in ``text`` that may mark a key: not doubled, not a reference,
    not inside a placeholder, and before a letter or digit."""
    # the exact placeholders, not what is merely shaped like one: "&Hecho;" marks the H
    protected = (
        [(t.start, t.end) for t in scan(text, dialects_for(frozenset(), text)).tokens]
        if any(c in text for c in "%{<&$")
        else []
    )
    for at in _undoubled(text, marker):
        if _following(text, at).isalnum() and not any(start <= at < end for start, end in protected):
            yield at


def _following(text: str, at: int) -> str:
    """The character the marker at ``at`` marks, past joiners and direction marks (Persian
    "_\u200cزبانه" marks the letter after the zero-width non-joiner)."""
    position = at + 1
    while position < len(text) and text[position] in _INVISIBLE:
        position += 1
    return text[position : position + 1]


def _undoubled(text: str, marker: str) -> Iterator[int]:
    position = text.find(marker)
    while position != -1:
        if text.startswith(marker * 2, position):
            position = text.find(marker, position + 2)
            continue
        if marker == "&" and match_near(_ENTITY, text, position):  # a reference, not a marker
            position = text.find(marker, position + 1)
            continue
        yield position
        position = text.find(marker, position + 1)


def _labels_a_key(text: str, at: int, marker: str) -> bool:
    """The marker at ``at`` stands before a letter or digit of a plain word (not an identifier,
    path or abbreviation)."""
    following = _following(text, at)
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = at + 1
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end].lstrip(_WORD_EDGES).rstrip(_WORD_ENDS)
    if not word.replace(marker, "", 1).isalnum():
        return False  # $pretty_name, 'GIT_DIR', a,b_c, file_name.txt
    before = text[at - 1 : at]
    if before.isupper() and following.isupper():
        return False  # MERGE_HEAD, AT&T, R&D
    # mid-word in a lower-case sentence: an identifier, not a label
    if before.isalpha() and not text.lstrip(_WORD_EDGES)[:1].isupper() and not text.startswith(marker):
        return False
    # an underscore inside a lower-case word of a sentence of five words or more: "The %r object_type is…"
    return not (marker == "_" and before.islower() and following.islower() and len(text.split()) >= 5)


def source_accelerator(source: str) -> tuple[str, int] | None:
    """The one marker and its offset when the source marks exactly one key."""
    if len(source) > _LABEL_LENGTH or "\n" in source:
        return None
    found: list[tuple[str, int]] = []
    for marker in MARKERS:
        if marker in source:
            found.extend((marker, at) for at in marks(source, marker) if _labels_a_key(source, at, marker))
    return found[0] if len(found) == 1 else None


#: A file's convention: with this many labels or more, and this share of them unmarked in the
#: target, the team drops accelerators (the corpus: such files drop 70–100%, others 0–41%).
CONVENTION_LABELS = 5
CONVENTION_SHARE = 0.5
#: Between a slip and a convention: from this share (and this many labels unmarked) a file's
#: labels lack their marker file-wide, one finding stands for them all (the corpus: 0–12 % of
#: labels in files with occasional slips, 28–41 % in the few between them and the conventions).
SUMMARY_SHARE = 0.25
SUMMARY_MISSING = 5


def _missing(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    accelerator = source_accelerator(segment.source)
    if accelerator is None:
        return
    marker, at = accelerator
    if next(marks(segment.target, marker), None) is None:  # (a marker at offset 0 is falsy)
        key = segment.source[at : at + 2]
        yield Hit(
            at,
            at + 2,
            f"The source marks “{key[1]}” as the keyboard accelerator (“{key}”); the target has no “{marker}”",
            side=Side.SOURCE,
        )


def _multiple(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    accelerator = source_accelerator(segment.source)
    if accelerator is None:
        return
    marker = accelerator[0]
    found = list(marks(segment.target, marker))
    for at in found[1:]:
        yield Hit(
            at,
            at + 2,
            f"A second accelerator marker “{segment.target[at : at + 2]}”: the source marks one key "
            f"(write “{marker * 2}” for a literal “{marker}”)",
        )


@dataclass
class MissingAccelerator:
    """accelerator.missing, reported when a file has been seen: not where the file's own
    convention is to drop accelerators."""

    info: RuleInfo
    literals: None = None
    #: The current file's labels, by segment key: the segment and its hit (None: marked).
    labels: dict[str, tuple[Segment, Hit | None]] = field(default_factory=dict)

    def fresh(self) -> MissingAccelerator:
        """A new instance for a new run: the labels are per file, never shared."""
        return MissingAccelerator(self.info)

    def for_examples(self) -> BuiltinCheck:
        """The rule on one segment, as its examples (and unit tests) run it."""
        return BuiltinCheck(self.info, _missing)

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if segment.source is not None and source_accelerator(segment.source) is not None:
            self.labels[segment.key] = (segment, next(_missing(segment), None))
        return iter(())

    def export_file_state(self) -> dict[str, tuple[Segment, Hit | None]]:
        """The file's evidence so far, handed over (a chunk of a big file checked in a worker)."""
        labels, self.labels = self.labels, {}
        return labels

    def merge_file_state(self, state: dict[str, tuple[Segment, Hit | None]]) -> None:
        self.labels.update(state)

    def finish_file(self) -> Iterator[tuple[Segment, Hit]]:
        labels, self.labels = list(self.labels.values()), {}
        missing = [(segment, hit) for segment, hit in labels if hit is not None]
        if len(labels) >= CONVENTION_LABELS and len(missing) >= CONVENTION_SHARE * len(labels):
            return  # the team's convention: no accelerators in this language
        if len(missing) >= SUMMARY_MISSING and len(missing) >= SUMMARY_SHARE * len(labels):
            segment, hit = missing[0]
            more = f"; nor do {len(missing) - 1} more of the file's {len(labels)} labels with one (reported once)"
            yield segment, hit._replace(message=hit.message + more)
            return
        yield from missing


MISSING = MissingAccelerator(
    RuleInfo(
        id="accelerator.missing",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="The source marks a keyboard accelerator (_File, &File, ~File) and the target marks none",
        why="Without its marker a menu item or button cannot be reached with Alt and a key. Judged per "
        "file: where most labels of a file have none, that is the team's convention and nothing is reported; "
        "where a quarter or more have none, one finding stands for them all.",
        bad=(
            Example("Datei", source="_File"),
            Example("Speichern unter", source="Save &As"),
            Example("ファイル", source="~File"),
        ),
        good=(
            Example("_Datei", source="_File"),
            Example("ファイル(_F)", source="_File"),
            Example("Speichern &unter", source="Save &As"),
            Example("Trinidad und Tobago", source="T&T Dollar"),
            Example("MERGE_HEAD fehlt", source="MERGE_HEAD missing"),
            Example("$pretty_name ist aktuell", source="Already up to date with $pretty_name"),
            Example("Tom und Jerry", source="Tom &amp; Jerry"),
            Example("Le type de l'objet %r est déjà enregistré", source="The %r object_type is already registered"),
        ),
        needs_source=True,
    )
)

MULTIPLE = BuiltinCheck(
    RuleInfo(
        id="accelerator.multiple",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="The target marks more than one keyboard accelerator where the source marks one",
        why="Only one key can open the item; the toolkit uses one marker and shows the other as text.",
        bad=(Example("_Datei _öffnen", source="_Open File"),),
        good=(Example("Datei _öffnen", source="_Open File"), Example("_Datei && Ordner", source="_File && Folder")),
        needs_source=True,
    ),
    _multiple,
    gate=Gate(source=f"[{MARKERS}]"),  # source_accelerator: a marker in the source
)

CHECKS = (MISSING, MULTIPLE)
