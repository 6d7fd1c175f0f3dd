"""Which writing system a text is in, as far as the checks need to know."""

from __future__ import annotations

import regex

CJK_LANGS = frozenset({"zh", "ja", "ko", "yue", "wuu", "cmn", "lzh"})
#: Han, kana and Hangul letters: text a Latin-script target should not contain.
CJK_LETTERS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
LATIN_LETTER = regex.compile(r"\p{Latin}")


def base_lang(lang: str | None) -> str | None:
    return lang.split("-")[0].split("_")[0].lower() if lang else None


def is_latin_target(tgt_lang: str | None) -> bool:
    """Unknown target languages are taken to be Latin-script (mtcheck's packs are English)."""
    return base_lang(tgt_lang) not in CJK_LANGS


def mostly_cjk(text: str) -> bool:
    """More CJK letters than Latin ones: the segment was left untranslated."""
    cjk = sum(len(run) for run in CJK_LETTERS.findall(text))
    if not cjk:
        return False
    return cjk > len(LATIN_LETTER.findall(text))
