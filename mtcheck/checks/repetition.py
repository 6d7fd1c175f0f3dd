"""Repetition: a word doubled by the decoder, or a coordination collapsed onto one word."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.checks.punctuation import SPACED
from mtcheck.lang.en import ITERATIVE_PAIRS
from mtcheck.lang.locale import locale_for
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo, Scope

# Possessive quantifiers: a word start either doubles or not, no backtracking needed.
# A run of repeats is one finding ("a a a"), so one fix removes every extra copy.
_DOUBLED = lazy(r"\b(\w++)(?:\s++(\1)\b)++", regex.IGNORECASE)
#: Marks that join a word to the next: a copy touching one belongs to a compound or elision.
_JOINERS = ("-", "'", "’")


#: Capitalised doubles of these are no names: "Provincial Provincial", "Committee Committee".
_ENGLISH_SUFFIXES = (
    "al", "ee", "ion", "ment", "ity", "ive", "ous", "ence", "ance", "ship", "ness", "ism", "ist",
    "ary", "ory", "ure", "ful", "less", "able", "ible", "ize", "ise", "ing", "ated",
)  # fmt: skip
_FUNCTION_WORDS = frozenset("the of and for to in on at by with from as or a an".split())


def _english_word(word: str) -> bool:
    """A capitalised word that is an English word, not a name: a function word, or a long
    word with an English derivational suffix (names like Walla, Tian, Bora have none)."""
    lowered = word.lower()
    return lowered in _FUNCTION_WORDS or (len(word) >= 6 and word[1:].islower() and lowered.endswith(_ENGLISH_SUFFIXES))


def _joined(text: str, start: int, end: int) -> bool:
    """A hyphen or apostrophe joins the run to a word on its other side (``l'a a``, ``e e-mail``);
    one with a space on its other side is a quotation mark (``’the the’``)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if before in _JOINERS and start >= 2 and text[start - 2].isalnum():
        return True
    return after in _JOINERS and end + 1 < len(text) and text[end + 1].isalnum()


def _doubled_word(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    locale = locale_for(segment.tgt_lang)
    repeats = locale.repeats  # "had had", "vous vous", "die die"
    for match in _DOUBLED.finditer(text):
        word = match.group(1)
        if word.lower() in repeats or word.isdigit():
            continue
        second = match.group(2)
        if word[:1].isupper() and second[:1].isupper() and not _english_word(word):
            continue  # reduplicated names: "Tian Tian", "Walla Walla"
        if _joined(text, match.start(), match.end()):
            continue  # part of a compound or an elision: "peut-être être", "tornando-a a", "l'a a", "e e-mail"
        if word.lower().startswith(locale.repeat_prefixes):
            continue  # Arabic "والخدمة والخدمة التحريرية": "and service and editorial service"
        if second.isupper() and not word.isupper():
            continue  # a metavariable: "the variable array ARRAY"
        start, end = match.span()
        copies = len(match.captures(2))
        title = f"Remove the second “{second}”" if copies == 1 else f"Remove the {copies} repeated copies"
        fix = Fix((Edit(match.end(1), end, ""),), Safety.SAFE, title)
        message = f"Doubled word “{word} {second}”" if copies == 1 else f"“{word}” repeated {copies + 1} times"
        yield Hit(start, end, message, fix)


DOUBLED_WORD = BuiltinCheck(
    RuleInfo(
        id="repeat.word",
        category="fluency/grammar",
        severity=Severity.MINOR,
        summary="The same word twice in a row (“the the”)",
        why="Decoders stutter; a doubled word is never intended in edited text, except where "
        "grammar repeats it (English “had had”, French “vous vous”, German “die die”: each "
        "language's pack lists them) and in reduplicated names. A capitalised double is taken "
        "for a name (“Walla Walla”) unless it is a function word or a long word with an English "
        "suffix (“Provincial Provincial”, “Committee Committee”).",
        bad=(
            Example("We visited the the exhibition.", fix="We visited the exhibition."),
            Example("The the end.", fix="The end."),
            Example("a a a day", fix="a day"),
            Example("café ’the the’ here", fix="café ’the’ here"),
            Example(
                "the Provincial Provincial Commission for Discipline Inspection",
                fix="the Provincial Commission for Discipline Inspection",
            ),
            Example("the Standing Committee Committee met", fix="the Standing Committee met"),
        ),
        good=(
            Example("She had had enough."),
            Example("Where a country is is a sort of average score."),
            Example("Tian Tian spreads the pollen."),
            Example("They flew to Walla Walla and Wagga Wagga."),
            Example("bye bye"),
            Example("Vous vous êtes trompé.", tgt_lang="fr"),
            Example("Ich weiß, dass die die Besten sind.", tgt_lang="de"),
            Example("%s s'arrête", source="%s stops", tgt_lang="fr"),
            Example("Esperando ~a a que termine", source="Waiting for ~a to finish", tgt_lang="es"),
            Example("il devrait peut-être être déplacé", tgt_lang="fr"),
            Example("tornando-a a nova pasta", tgt_lang="pt"),
            Example("na variável array ARRAY", tgt_lang="pt"),
            Example("o nome de usuário e e-mail", tgt_lang="pt"),
            Example("فرز العضوية والخدمة والخدمة التحريرية", tgt_lang="ar"),
        ),
        scope=SPACED,
        surface=True,
        # a stutter the source has too ("Open the the file" → "Ouvrir le le fichier") is still one
        mirror_source=False,
    ),
    _doubled_word,
    # The stdlib engine, twice as fast: on ASCII text it reads \w, \b and case as regex does
    # (and \s more widely), so it matches wherever _DOUBLED does.
    word_pattern=re.compile(r"\b(\w++)\s++\1\b", re.IGNORECASE),
)

_COORDINATED = lazy(r"\b(\w{3,})(?:\s+(?:and|or)\s+\1\b)+", regex.IGNORECASE)


def _doubled_coordination(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    for match in _COORDINATED.finditer(text):
        word = match.group(1).lower()
        # "again and again", "years and years", "faster and faster" are English emphasis.
        if word in ITERATIVE_PAIRS or (word.endswith("er") and len(word) > 4) or word.isdigit():
            continue
        start, end = match.span()
        fix = Fix((Edit(match.end(1), end, ""),), Safety.SAFE, f"Collapse to “{match.group(1)}”")
        yield Hit(start, end, f"“{match.group()}” coordinates a word with itself: a collapsed list", fix)


DOUBLED_COORDINATION = BuiltinCheck(
    RuleInfo(
        id="repeat.coordination",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="A word coordinated with itself (“departments and departments”)",
        why="MT collapses two different items of a list onto one word (各级各部门 → “various "
        "departments and departments”): one of them is lost.",
        bad=(
            Example(
                "at all levels in various departments and departments in the province",
                fix="at all levels in various departments in the province",
            ),
            Example("departments and departments and departments", fix="departments"),
        ),
        good=(
            Example("It got faster and faster."),
            Example("again and again"),
            Example("things got worse and worse"),
            Example("for ever and ever"),
            Example("departments and agencies"),
        ),
        scope=Scope(("en",)),
        surface=True,
    ),
    _doubled_coordination,
    literals=frozenset({"and", "or"}),  # any blanks may surround them: no spaces in the gate
    word_pattern=re.compile(r"\b(\w{3,})\s+(?:and|or)\s+\1\b", re.IGNORECASE),  # as above, for _COORDINATED
)

CHECKS = (DOUBLED_WORD, DOUBLED_COORDINATION)
