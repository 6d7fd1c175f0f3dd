"""Per-language writing conventions, as data: the ``[locale]`` table of ``rules/<lang>/locale.toml``.

The generic checks (punctuation, repetition, numbers, CJK spacing) read the conventions of
the segment's target language here instead of assuming English: which marks end a sentence,
which quotation marks pair up, which marks take a space before them, how numbers are
grouped, which words may stand twice in a row. A language without a pack gets ``DEFAULT``,
which claims as little as possible (brackets pair; nothing else is assumed).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mtcheck.lang.codes import base

#: The keys of a ``[locale]`` table.
FIELDS = frozenset(
    {
        "sentence-end",
        "opening-marks",
        "quotes",
        "space-before",
        "no-space-around",
        "fullwidth-punctuation",
        "decimal",
        "group",
        "repeats",
        "repeat-prefixes",
        "rtl",
        "fullwidth-digit",
    }
)
#: Brackets pair the same way in every language.
BRACKETS: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"), ("{", "}"), ("（", "）"), ("《", "》"), ("【", "】"))


class LocaleError(ValueError):
    """A malformed ``[locale]`` table; the message names the key."""


@dataclass(frozen=True)
class Locale:
    """The conventions of one language (see the module's docstring for what reads each)."""

    lang: str = "und"
    #: Marks that end a sentence.
    sentence_end: str = ".!?…"
    #: Marks that open a sentence of their kind (Spanish ¿ ¡).
    opening_marks: str = ""
    #: Quotation pairs, opening then closing; a mark may open one pair and close another.
    quotes: tuple[tuple[str, str], ...] = ()
    #: Marks a space (often a narrow no-break space) goes before: French ; : ! ? ».
    space_before: str = ""
    #: Full-width marks that take no space on either side (Chinese, Japanese).
    no_space_around: str = ""
    #: Half-width marks between two Han or kana characters and their full-width forms.
    fullwidth_punctuation: Mapping[str, str] = field(default_factory=dict)
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    #: Lower-case words that may stand twice in a row ("vous vous", "die die").
    repeats: frozenset[str] = frozenset()
    #: Words beginning with these may stand twice in a row: Arabic و "and" coordinates a word
    #: with itself before a modifier ("والخدمة والخدمة التحريرية").
    repeat_prefixes: tuple[str, ...] = ()
    #: Written right to left (Arabic, Hebrew): brackets and quotes are stored in logical order.
    rtl: bool = False
    #: A lone full-width digit is a house style, not an error (Japanese counters: ３つ).
    fullwidth_digit: bool = False

    @functools.cached_property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Brackets, then the language's quotation marks."""
        return BRACKETS + self.quotes

    @functools.cached_property
    def pair_marks(self) -> frozenset[str]:
        """Every mark of ``pairs``: a text with none of them needs no pairing."""
        return frozenset(char for pair in self.pairs for char in pair)


DEFAULT = Locale(quotes=(('"', '"'),))


def parse(table: Mapping[str, Any], lang: str) -> Locale:
    """A ``[locale]`` table as a Locale; raises LocaleError naming the bad key."""
    unknown = set(table) - FIELDS
    if unknown:
        raise LocaleError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(FIELDS))}")
    values: dict[str, Any] = {"lang": lang}
    for key in ("sentence-end", "opening-marks", "space-before", "no-space-around", "decimal"):
        if key in table:
            values[key.replace("-", "_")] = _string(table, key)
    if "quotes" in table:
        pairs = _strings(table, "quotes")
        if any(len(pair) != 2 for pair in pairs):
            raise LocaleError("`quotes` is a list of two-character strings: opening mark, closing mark")
        values["quotes"] = tuple((pair[0], pair[1]) for pair in pairs)
    if "group" in table:
        values["group"] = tuple(_strings(table, "group"))
    if "repeats" in table:
        values["repeats"] = frozenset(word.lower() for word in _strings(table, "repeats"))
    if "repeat-prefixes" in table:
        values["repeat_prefixes"] = tuple(_strings(table, "repeat-prefixes"))
    if "fullwidth-punctuation" in table:
        mapping = table["fullwidth-punctuation"]
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) == 1 and len(v) == 1 for k, v in mapping.items()
        ):
            raise LocaleError("`fullwidth-punctuation` maps one half-width mark to one full-width mark")
        values["fullwidth_punctuation"] = dict(mapping)
    for key in ("rtl", "fullwidth-digit"):
        if key in table:
            if not isinstance(table[key], bool):
                raise LocaleError(f"`{key}` must be true or false")
            values[key.replace("-", "_")] = table[key]
    return Locale(**values)


def _string(table: Mapping[str, Any], key: str) -> str:
    value = table[key]
    if not isinstance(value, str):
        raise LocaleError(f"`{key}` must be a string")
    return value


def _strings(table: Mapping[str, Any], key: str) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise LocaleError(f"`{key}` must be a list of strings")
    return value


@functools.lru_cache(maxsize=256)
def locale_for(tag: str | None) -> Locale:
    """The conventions of a language tag's language (``de-AT`` → German), else ``DEFAULT``."""
    lang = base(tag)
    if not lang or lang == "und":
        return DEFAULT
    return _shipped().get(lang, DEFAULT)


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Locale]:
    """Every shipped ``rules/<lang>/locale.toml``, read on first use (they are small)."""
    from mtcheck.packs import shipped_rules_dir

    locales = {}
    for path in sorted(shipped_rules_dir().glob("*/locale.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        lang = data.get("pack", {}).get("target-lang", path.parent.name)
        locales[base(lang) or path.parent.name] = parse(data.get("locale", {}), lang)
    return locales
