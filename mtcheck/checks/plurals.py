"""gettext plural entries: as many ``msgstr[n]`` as the header's ``nplurals``, all translated.

The PO reader gives each plural form's segment the entry's shape (``Meta.plural``): which
forms exist and which are translated, and the file's ``Plural-Forms``. An entry is judged
once, on its first translated form. msgfmt refuses a catalog whose entries have another
number of forms than ``nplurals``; an empty form shows the English text (or nothing) for
every count that selects it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from mtcheck.checks.base import BuiltinCheck
from mtcheck.model import Meta, PluralForm, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo

_RU = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"


def _form(form: int, translated: tuple[bool, ...], nplurals: int = 3) -> Meta:
    """An example's plural entry: a Russian catalog's ``%d file``/``%d files``."""
    return Meta(plural=PluralForm(form, "%d file", "%d files", translated, nplurals, _RU))


def _first_translated(plural: PluralForm) -> bool:
    return plural.form == next((n for n, done in enumerate(plural.translated) if done), -1)


def _count(segment: Segment) -> Iterator[Hit]:
    plural = segment.meta.plural
    if plural is None or plural.nplurals is None or not _first_translated(plural):
        return
    forms = len(plural.translated)
    if forms != plural.nplurals:
        yield Hit(0, len(segment.target), _message(forms, plural.nplurals, 0))


def _message(forms: int, nplurals: int, more: int) -> str:
    entries = f"This entry and {more} more have" if more else "This entry has"
    return (
        f"{entries} {forms} plural form{'s' if forms != 1 else ''}; the Plural-Forms header asks for "
        f"{nplurals} (nplurals={nplurals}), and msgfmt refuses the difference"
    )


@dataclass
class PluralForms:
    """plural.forms, reported when a file has been seen: a catalogue whose every plural entry
    has 4 forms for a header's nplurals=3 has one fault (the header, or the team's habit), so
    entries sharing a wrong count are one finding, on the first of them, as ``msgfmt -c`` says
    it once. Only the first entry of each wrong count is kept, not every Segment."""

    info: RuleInfo
    literals: None = None
    #: Per wrong number of forms: the first such entry, its header's nplurals, and how many.
    wrong: dict[int, tuple[Segment, int, int]] = field(default_factory=dict)

    def fresh(self) -> PluralForms:
        return PluralForms(self.info)

    def for_examples(self) -> BuiltinCheck:
        """The rule on one segment, as its examples (and unit tests) run it."""
        return BuiltinCheck(self.info, _count)

    def hits(self, segment: Segment) -> Iterator[Hit]:
        plural = segment.meta.plural
        if next(_count(segment), None) is not None and plural is not None and plural.nplurals is not None:
            forms = len(plural.translated)
            first, nplurals, seen = self.wrong.get(forms, (segment, plural.nplurals, 0))
            self.wrong[forms] = (first, nplurals, seen + 1)
        return iter(())

    def export_file_state(self) -> dict[int, tuple[Segment, int, int]]:
        """The file's evidence so far, handed over (a chunk of a big file checked in a worker)."""
        wrong, self.wrong = self.wrong, {}
        return wrong

    def merge_file_state(self, state: dict[int, tuple[Segment, int, int]]) -> None:
        """A later chunk's evidence: its first entries count only where this one has none."""
        for forms, (segment, nplurals, seen) in state.items():
            first, known, before = self.wrong.get(forms, (segment, nplurals, 0))
            self.wrong[forms] = (first, known, before + seen)

    def finish_file(self) -> Iterator[tuple[Segment, Hit]]:
        wrong, self.wrong = self.wrong, {}
        for forms, (segment, nplurals, seen) in wrong.items():
            yield segment, Hit(0, len(segment.target), _message(forms, nplurals, seen - 1))


def _empty(segment: Segment) -> Iterator[Hit]:
    plural = segment.meta.plural
    if plural is None or all(plural.translated) or not _first_translated(plural):
        return
    empty = [f"msgstr[{n}]" for n, done in enumerate(plural.translated) if not done]
    verb = "is" if len(empty) == 1 else "are"
    yield Hit(
        0,
        len(segment.target),
        f"{', '.join(empty)} {verb} empty while msgstr[{plural.form}] is translated: "
        "the counts that select it show the untranslated text",
    )


FORMS = PluralForms(
    RuleInfo(
        id="plural.forms",
        category="locale/convention",
        severity=Severity.MAJOR,
        summary="A plural entry with another number of msgstr[n] forms than the header's nplurals",
        why="gettext picks msgstr[n] with the header's plural expression; msgfmt rejects an entry "
        "with fewer or more forms than nplurals, and a missing form has no text for its counts. Judged "
        "per file: the entries sharing one wrong count are one finding, on the first of them.",
        bad=(Example("%d файл", source="%d file", meta=_form(0, (True, True))),),
        good=(
            Example("%d файл", source="%d file", meta=_form(0, (True, True, True))),
            Example("%d файла", source="%d files", meta=_form(1, (True, True))),  # judged on msgstr[0]
        ),
        needs_source=True,
    )
)

EMPTY_FORM = BuiltinCheck(
    RuleInfo(
        id="plural.empty-form",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="A plural entry with some msgstr[n] translated and others empty",
        why="gettext falls back to the untranslated msgid for the counts whose form is empty: "
        "a Polish user sees English for 2–4 files, Polish for 5.",
        bad=(Example("%d файл", source="%d file", meta=_form(0, (True, False, True))),),
        good=(Example("%d файл", source="%d file", meta=_form(0, (True, True, True))),),
        needs_source=True,
    ),
    _empty,
)

CHECKS = (FORMS, EMPTY_FORM)
