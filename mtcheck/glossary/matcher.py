"""Find glossary terms in text: one Aho–Corasick automaton for all terms, on word stems.

A text is cut into tokens — runs of letters and digits, single CJK characters, single
punctuation marks — and each token is lower-cased and reduced to a light English stem
(concepts → concept, maintained → maintain, studies → study). The stems joined by spaces
form a key string, and every term is turned into a key the same way, so one automaton
scan finds every term:

- in any inflection of any of its words, without listing forms;
- case-insensitively (an entry can ask for its case to be checked afterwards);
- on whole words only, because keys start and end at token boundaries;
- in Chinese without spaces, because each CJK character is a token of its own (and so a
  CJK character is a word boundary next to a Latin word);
- with “ ” and " (and ‘ ’ and ') treated alike, and punctuation blocking a match.

Where hits overlap, the longest term wins (perf.md §3; pyahocorasick, measured at 59k
segments/s with 100k terms).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import ahocorasick
import regex

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_TOKEN = regex.compile(rf"[{_CJK}]|[^\W{_CJK}]+|[^\w\s]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"})

#: Words ending in -s that are not plurals (news is not new+s).
_KEEP_S = frozenset(
    "news series species means politics economics physics mathematics always perhaps whereas "
    "does yes gas bus plus thus lens bias atlas canvas chaos corps diabetes headquarters".split()
)
_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """A light English stemmer: enough to equate the regular inflections of a word."""
    cached = _stems.get(word)
    if cached is not None:
        return cached
    result = word
    if len(word) > 3 and word.isascii() and word.isalpha() and word not in _KEEP_S:
        if word.endswith(("ies", "ied")) and len(word) > 4:
            result = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            result = word[:-1]
        if result.endswith("ing") and len(result) > 5:
            result = result[:-3]
        elif result.endswith("ed") and len(result) > 4:
            result = result[:-2]
        if result.endswith("e") and len(result) > 3:
            result = result[:-1]
        if len(result) > 3 and result[-1] == result[-2] and result[-1] not in "aeiousl":
            result = result[:-1]
    if len(_stems) < 500_000:
        _stems[word] = result
    return result


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.translate(_QUOTES))


def term_key(term: str) -> str:
    """The key a term is found by: its token stems between spaces."""
    return " " + " ".join(stem(token.lower()) for token in tokens(term)) + " "


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    payload: Hashable
    length: int  # in tokens: longer terms win overlaps


class TermIndex:
    """Terms (with any hashable payload) compiled into one automaton."""

    def __init__(self, terms: Iterable[tuple[str, Hashable]]) -> None:
        payloads: dict[str, list[Hashable]] = {}
        for term, payload in terms:
            key = term_key(term)
            if key.strip():
                payloads.setdefault(key, []).append(payload)
        self.size = len(payloads)
        self._automaton: ahocorasick.Automaton | None = None
        if payloads:
            automaton = ahocorasick.Automaton()
            for key, values in payloads.items():
                automaton.add_word(key, (len(key), key.count(" ") - 1, tuple(values)))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[Match]:
        """Every occurrence, longest first where they overlap; offsets are into ``text``."""
        if self._automaton is None or not text:
            return []
        normalized = text.translate(_QUOTES)
        words = _TOKEN.findall(normalized)
        if not words:
            return []
        key = " " + " ".join([stem(word.lower()) for word in words]) + " "
        raw = list(self._automaton.iter(key))
        if not raw:
            return []
        spans = [match.span() for match in _TOKEN.finditer(normalized)]
        found = []
        for end_index, (key_length, length, values) in raw:
            start_index = end_index - key_length + 1  # the space before the first token
            first = key.count(" ", 0, start_index)
            start, end = spans[first][0], spans[first + length - 1][1]
            found.extend(Match(start, end, value, length) for value in values)
        return _longest_first(found)


def _longest_first(matches: list[Match]) -> list[Match]:
    """Drop matches that overlap a longer one; equal spans (one term, several entries) stay."""
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (-m.length, -(m.end - m.start), m.start)):
        if all(
            match.end <= other.start or other.end <= match.start or (match.start, match.end) == (other.start, other.end)
            for other in chosen
        ):
            chosen.append(match)
    return sorted(chosen, key=lambda m: (m.start, m.end))
