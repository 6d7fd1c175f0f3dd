"""Entries that are not translations of their source, and the one check keyword lists get.

- **Translator credits**: ``translator-credits`` (GNOME, Xfce), KDE's ``Your names`` and
  ``Your emails`` (msgctxt ``NAME OF TRANSLATORS``, ``EMAIL OF TRANSLATORS``): the target is a
  list of people and addresses, which no check should read against the source.
- **Keyword lists**: the ``Keywords`` of a ``.desktop`` file (``calculation;arithmetic;``),
  search terms a translator may add to or reorder; only their separators are checked.
- **Header-like entries**: a PO header that slipped into a unit (``Language-Team:``,
  ``Project-Id-Version:`` lines), as conversions from PO to XLIFF or TMX leave them.

The engine asks ``kind`` before running the rules of a segment (a cheap test: most segments
fail its first comparison) and runs only ``RULES[kind]`` on special ones.

Files keyed by message id (Symfony's and Kimai's ``search.no_results``, numeric ids) carry the
key where the source text would be: ``source_is_key`` tells the checks that compare a target
with its source (placeholders, whitespace) that there is nothing to compare with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import SPACES, Gate
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo

CREDITS = "credits"
KEYWORDS = "keywords"
HEADER = "header"

_CREDIT_SOURCES = frozenset(
    {
        "translator-credits",
        "translator_credits",
        "translatorcredits",
        "translator-credits-please-add-yourself-here",
        "translators",
        "your names",
        "your emails",
        "name of translators",
        "email of translators",
    }
)
_CREDIT_CONTEXTS = frozenset({"NAME OF TRANSLATORS", "EMAIL OF TRANSLATORS"})
#: Two or more short items, each ended by a semicolon, and no sentence: a keyword list even
#: where nothing else says so.
_KEYWORD_LIST = re.compile(r"(?:[^;.!?。\n]{1,40};){2,}")
_KEYWORD_HINTS = ("semicolon", "keyword", "search terms")
_MESSAGE_KEY = re.compile(
    r"[A-Za-z0-9_-]+(?:[.:/][A-Za-z0-9_-]+)+|[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+|\d+|(?=[a-f]*\d)[0-9a-f]{6,40}"
)
#: One lower-case word for a source whose target is a sentence: Kimai's "pagination".
_WORD_KEY = re.compile(r"[a-z][a-z0-9]*")
_HEADER_FIELDS = re.compile(r"^(?:Project-Id-Version|Language-Team|Last-Translator|POT-Creation-Date):", re.MULTILINE)


def kind(segment: Segment) -> str | None:
    """``CREDITS``, ``KEYWORDS``, ``HEADER`` or None (a translation like any other)."""
    source = segment.source
    if source is not None:
        stripped = source.strip()
        if len(stripped) <= 45:
            lowered = stripped.lower()
            if lowered in _CREDIT_SOURCES or (lowered.startswith("_: ") and "of translators" in lowered):
                return CREDITS  # the last: KDE 3's "_: NAME OF TRANSLATORS\nYour names"
        if segment.meta.context in _CREDIT_CONTEXTS:
            return CREDITS
        if stripped.endswith(";") and _is_keyword_list(segment, stripped):
            return KEYWORDS
    target = segment.target
    if ("-Version:" in target or "Language-Team:" in target) and len(_HEADER_FIELDS.findall(target)) >= 2:
        return HEADER
    return None


def source_is_key(segment: Segment) -> bool:
    """The source is a message id (``search.no_results``, ``admin_toggle``, ``0824486``,
    ``8a4cd70``; ``pagination`` for a target of three words or more), not text."""
    source = segment.source
    if source is None or source == segment.target or " " in source:
        return False
    if _MESSAGE_KEY.fullmatch(source):
        return True
    return _WORD_KEY.fullmatch(source) is not None and len(segment.target.split()) >= 3


def _is_keyword_list(segment: Segment, source: str) -> bool:
    meta = segment.meta
    if any(".desktop" in reference for reference in meta.references) or meta.context == "Keywords":
        return True
    if any(hint in comment.lower() for comment in meta.comments for hint in _KEYWORD_HINTS):
        return True
    return _KEYWORD_LIST.fullmatch(source) is not None


def _keywords(segment: Segment) -> Iterator[Hit]:
    if kind(segment) != KEYWORDS:
        return
    target = segment.target
    for match in re.finditer("；", target):
        fix = Fix((Edit(match.start(), match.end(), ";"),), Safety.SAFE, "Write the ASCII semicolon")
        yield Hit(match.start(), match.end(), "A full-width “；” separates keywords: the list needs “;”", fix)
    stripped = target.rstrip()
    if stripped and not stripped.endswith((";", "；")):
        end = len(stripped)
        fix = Fix((Edit(end, end, ";"),), Safety.SAFE, "End the list with “;”")
        yield Hit(max(end - 1, 0), end, "A keyword list must end with “;”, as its source does", fix)


KEYWORDS_SEMICOLON = BuiltinCheck(
    RuleInfo(
        id="keywords.semicolon",
        category="locale/convention",
        severity=Severity.MAJOR,
        summary="A .desktop keyword list that does not end with “;” or separates with a full-width “；”",
        why="Keywords are a semicolon-separated list that must end with “;” (desktop-file-validate "
        "rejects the file otherwise); a full-width “；” makes the whole list one keyword.",
        bad=(
            Example("Rechner;Arithmetik", source="calculator;arithmetic;", fix="Rechner;Arithmetik;"),
            Example("计算器；算术;", source="calculator;arithmetic;", fix="计算器;算术;"),
        ),
        good=(Example("Rechner;Arithmetik;Taschenrechner;", source="calculator;arithmetic;"),),
        needs_source=True,
    ),
    _keywords,
    gate=Gate(source=f";[{SPACES}]*\\Z"),  # KEYWORDS: a source that ends with ";" once stripped
)

#: The rules a special entry still gets, by kind (none for credits and headers).
RULES: dict[str, frozenset[str]] = {
    CREDITS: frozenset(),
    HEADER: frozenset(),
    KEYWORDS: frozenset({KEYWORDS_SEMICOLON.info.id}),
}
