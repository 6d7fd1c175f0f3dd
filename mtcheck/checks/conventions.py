"""Conventions a language's locale pack declares that no other language has: Spanish ¿ ¡."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import Gate
from mtcheck.lang.locale import locale_for
from mtcheck.lazyre import lazy
from mtcheck.model import Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo, Scope

#: Each opening mark and the closing mark it belongs to.
_CLOSING = {"¿": "?", "¡": "!"}
#: A closing ? or ! after a letter or digit (not "???", not "?!" runs), ending a sentence.
_CLOSE = lazy(r"(?<=[\p{L}\p{N}\"”»)])[?!](?=[\s\"”»)]|$)")
#: Where the sentence a closing mark ends begins (a line break in a UI string is only a wrap).
_SENTENCE_BREAK = lazy(r"[.?!…:]\s")


def _opening_mark(segment: Segment) -> Iterator[Hit]:
    openers = locale_for(segment.tgt_lang).opening_marks
    text = segment.target
    if not openers or ("?" not in text and "!" not in text):
        return
    wanted = {_CLOSING[mark]: mark for mark in openers if mark in _CLOSING}
    for match in _CLOSE.finditer(text):
        mark = match.group()
        opener = wanted.get(mark)
        if opener is None:
            continue
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, match.start())]
        sentence_start = breaks[-1] if breaks else 0
        if opener in text[sentence_start : match.start()]:
            continue
        start = match.start()
        yield Hit(start, start + 1, f"“{mark}” without its opening “{opener}”")


OPENING_MARK = BuiltinCheck(
    RuleInfo(
        id="punct.opening-mark",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="A Spanish question or exclamation without its opening ¿ or ¡",
        why="Spanish opens questions and exclamations with ¿ and ¡; a sentence with only the "
        "closing mark follows the English source. Professional Spanish catalogues keep the rule "
        "(one exception in 75 questions of git's Spanish catalogue). The locale pack's "
        "`opening-marks` says which languages have them; no fix, since where the sentence begins "
        "needs a reader.",
        bad=(
            Example("Desea guardar los cambios?", tgt_lang="es"),
            Example("Hecho. Desea salir?", tgt_lang="es"),
        ),
        good=(
            Example("¿Desea guardar los cambios?", tgt_lang="es"),
            Example("Hecho. ¿Desea salir? ¡Atención!", tgt_lang="es"),
            Example("¿Qué hacer ahora???", tgt_lang="es"),
            Example("¿Confirma que quiere mover\na la papelera «%s»?", tgt_lang="es"),
            Example("Do you want to save?", tgt_lang="en"),
        ),
        scope=Scope(("Latn",)),
        surface=True,
    ),
    _opening_mark,
    gate=Gate("[?!]"),
)

CHECKS = (OPENING_MARK,)
