"""Which writing system a text is in, as far as the checks need to know."""

from __future__ import annotations

import regex

#: Han, kana and Hangul letters: text a Latin-script target should not contain.
CJK_LETTERS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
LATIN_LETTER = regex.compile(r"\p{Latin}")


def mostly_cjk(text: str) -> bool:
    """More CJK letters than Latin ones: the segment was left untranslated."""
    cjk = sum(len(run) for run in CJK_LETTERS.findall(text))
    if not cjk:
        return False
    return cjk > len(LATIN_LETTER.findall(text))
