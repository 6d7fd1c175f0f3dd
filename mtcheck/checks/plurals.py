"""gettext plural entries: as many ``msgstr[n]`` as the header's ``nplurals``, all translated.

The PO reader gives each plural form's segment the entry's shape (``Meta.plural``): which
forms exist and which are translated, and the file's ``Plural-Forms``. An entry is judged
once, on its first translated form. msgfmt refuses a catalog whose entries have another
number of forms than ``nplurals``; an empty form shows the English text (or nothing) for
every count that selects it.
"""

from __future__ import annotations

from collections.abc import Iterator

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
        yield Hit(
            0,
            len(segment.target),
            f"This entry has {forms} plural form{'s' if forms != 1 else ''}; the Plural-Forms header asks for "
            f"{plural.nplurals} (nplurals={plural.nplurals}), and msgfmt refuses the difference",
        )


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


FORMS = BuiltinCheck(
    RuleInfo(
        id="plural.forms",
        category="locale/convention",
        severity=Severity.MAJOR,
        summary="A plural entry with another number of msgstr[n] forms than the header's nplurals",
        why="gettext picks msgstr[n] with the header's plural expression; msgfmt rejects an entry "
        "with fewer or more forms than nplurals, and a missing form has no text for its counts.",
        bad=(Example("%d файл", source="%d file", meta=_form(0, (True, True))),),
        good=(
            Example("%d файл", source="%d file", meta=_form(0, (True, True, True))),
            Example("%d файла", source="%d files", meta=_form(1, (True, True))),  # judged on msgstr[0]
        ),
        needs_source=True,
    ),
    _count,
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
