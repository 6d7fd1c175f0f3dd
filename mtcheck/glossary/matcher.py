"""Find glossary terms in text: one index for all terms, on word stems.

A text is cut into tokens — runs of letters and digits, single CJK characters, single
punctuation marks — and each token is lower-cased and reduced to a light English stem
(concepts → concept, maintained → maintain, studies → study). The stems joined by spaces
form a key string, and every term is turned into a key the same way, so one scan of
the text finds every term:

- in any inflection of any of its words, without listing forms;
- case-insensitively (an entry can ask for its case to be checked afterwards);
- on whole words only, because keys start and end at token boundaries;
- in Chinese without spaces, because each CJK character is a token of its own (and so a
  CJK character is a word boundary next to a Latin word);
- with “ ” and " (and ‘ ’ and ') treated alike, and punctuation blocking a match.

Where hits overlap, the longest term wins. Terms are found by hashing, not by an
automaton: see _PrefixIndex for the measurement that decided it.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

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


_PURE_CJK = regex.compile(rf"[{_CJK}]+")


class TermIndex:
    """Terms (with any hashable payload) compiled into automata.

    Terms written only in CJK characters need no tokens: they are found as plain
    substrings (each character is a word of its own anyway), which saves tokenising
    Chinese sources. Every other term goes through the stemmed token keys.
    """

    def __init__(self, terms: Iterable[tuple[str, Hashable]]) -> None:
        by_token_key: dict[str, list[Hashable]] = {}
        by_substring: dict[str, list[Hashable]] = {}
        #: Each stem that occurs in some term gets one character: a term becomes a string
        #: of as many characters as it has tokens, and so does a text (unknown stems map
        #: to NUL, which no key contains). The automaton then steps once per token.
        self._vocabulary: dict[str, str] = {}
        #: Lower-cased word → its stem's code ("" when no term has the stem): one lookup
        #: per word once a word has been seen, in terms and texts alike.
        self._word_codes: dict[str, str] = {}
        codes, new_code = self._word_codes, self._new_code
        for term, payload in terms:
            if term.isascii():
                lowered = term.lower()
                # Plain words need no tokenizer (most terms): the same tokens, faster.
                words = lowered.split() if lowered.replace(" ", "").isalnum() else tokens(lowered)
            elif _PURE_CJK.fullmatch(term):
                if term in by_substring:
                    by_substring[term].append(payload)
                else:
                    by_substring[term] = [payload]
                continue
            else:
                words = tokens(term.lower())
            if words:
                key = "".join([codes.get(word) or new_code(word) for word in words])
                if key in by_token_key:
                    by_token_key[key].append(payload)
                else:
                    by_token_key[key] = [payload]
        self.size = len(by_token_key) + len(by_substring)
        self._tokens = _index(by_token_key) if by_token_key else None
        self._substrings = _index(by_substring) if by_substring else None

    def _new_code(self, word: str) -> str:
        """Give a term word's stem a code (once per stem; NUL is never a code)."""
        word_stem = stem(word)
        code = self._vocabulary.get(word_stem)
        if code is None:
            number = len(self._vocabulary) + 1
            code = chr(number if number < 0xD800 else number + 0x800)  # skip the surrogates
            self._vocabulary[word_stem] = code
        self._word_codes[word] = code
        return code

    def _text_code(self, word: str) -> str:
        """The code of a text word's stem, or NUL when no term has that stem."""
        code = self._vocabulary.get(stem(word), "\0")
        if len(self._word_codes) < 1_000_000:
            self._word_codes[word] = code
        return code

    def find(self, text: str) -> list[Match]:
        """Every occurrence, longest first where they overlap; offsets are into ``text``."""
        if not text:
            return []
        found = []
        if self._substrings is not None:
            for end_index, (length, values) in self._substrings.iter(text):
                start = end_index - length + 1
                found.extend(Match(start, end_index + 1, value, length) for value in values)
        if self._tokens is not None:
            found.extend(self._find_tokens(text))
        return _longest_first(found) if len(found) > 1 else found

    def _find_tokens(self, text: str) -> list[Match]:
        assert self._tokens is not None
        normalized = text.translate(_QUOTES)
        words = _TOKEN.findall(normalized)
        if not words:
            return []
        lookup, fallback = self._word_codes.get, self._text_code
        coded = "".join([lookup(word) or fallback(word) for word in map(str.lower, words)])
        raw = self._tokens.iter(coded)
        if not raw:
            return []
        spans = [match.span() for match in _TOKEN.finditer(normalized)]
        found = []
        for last, (length, values) in raw:
            first = last - length + 1
            found.extend(Match(spans[first][0], spans[last][1], value, length) for value in values)
        return found


#: Up to this many keys an Aho–Corasick automaton finds them faster (measured on 10,000 dev
#: sources: 500 Chinese terms 0.09 s against 0.14, 2,000 0.17 against 0.19, 5,000 0.24
#: against 0.19); beyond, its wide trie nodes make _PrefixIndex the faster (see there).
AUTOMATON_KEYS = 2_000


def _index(keys: dict[str, list[Hashable]]) -> _PrefixIndex | _AutomatonIndex:
    """The faster index for this many keys; both find every occurrence of every key."""
    return _AutomatonIndex(keys) if len(keys) <= AUTOMATON_KEYS else _PrefixIndex(keys)


class _AutomatonIndex:
    """Keys in an Aho–Corasick automaton: the same answers as _PrefixIndex (every occurrence,
    overlapping ones too), in the order the automaton finds them (by end, not start: the
    matcher sorts them anyway)."""

    def __init__(self, keys: dict[str, list[Hashable]]) -> None:
        import ahocorasick

        self.keys = keys
        self._automaton = ahocorasick.Automaton()
        for key, payloads in keys.items():
            self._automaton.add_word(key, (len(key), payloads))
        self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.keys)

    def iter(self, text: str) -> list[tuple[int, object]]:
        """(index of the last character, value) of every key occurring in ``text``."""
        return list(self._automaton.iter(text))


class _PrefixIndex:
    """Keys looked up by their first one or two characters, at every position of a text.

    Measured against pyahocorasick on 20,000 Chinese sources: with 1,000 terms the
    automaton is faster (520k against 100k segments/s), but with 100,000 terms it drops to
    22k segments/s — its trie nodes scan their children, and a CJK or token-coded root has
    tens of thousands — while these hash lookups stay at 98k. A glossary check must not
    slow down as the termbase grows, so this is the one index used.
    """

    def __init__(self, keys: dict[str, list[Hashable]]) -> None:
        self.keys = keys
        self.single: dict[str, tuple[int, list[Hashable]]] = {}
        #: Every key of two characters or more, and, per two-character prefix, the lengths
        #: such keys have. At a position the text is looked up once per length, not once per
        #: key: 100,000 terms sharing a prefix ("national security …", "我们…") cost a
        #: handful of lookups where they share it, not 100,000 comparisons.
        self.longer: dict[str, tuple[int, list[Hashable]]] = {}
        lengths: dict[str, set[int]] = {}
        for key, payloads in keys.items():
            if len(key) == 1:
                self.single[key] = (1, payloads)
            else:
                self.longer[key] = (len(key), payloads)
                lengths.setdefault(key[:2], set()).add(len(key))
        self.lengths = {prefix: tuple(sorted(sizes)) for prefix, sizes in lengths.items()}

    def __len__(self) -> int:
        return len(self.keys)

    def iter(self, text: str) -> list[tuple[int, object]]:
        """(index of the last character, value) of every key occurring in ``text``."""
        single, longer, lengths = self.single, self.longer, self.lengths
        found = []
        size = len(text)
        for i in range(size):
            value = single.get(text[i])
            if value is not None:
                found.append((i, value))
            sizes = lengths.get(text[i : i + 2])
            if sizes is not None:
                for length in sizes:
                    if i + length > size:
                        break
                    value = longer.get(text[i : i + length])
                    if value is not None:
                        found.append((i + length - 1, value))
        return found


def _longest_first(matches: list[Match]) -> list[Match]:
    """Drop matches that overlap a longer one; equal spans (one term, several entries) stay."""
    chosen: list[Match] = []  # sorted by start; chosen spans never overlap (equal ones aside)
    starts: list[int] = []
    for match in sorted(matches, key=lambda m: (-m.length, -(m.end - m.start), m.start)):
        at = bisect.bisect_left(starts, match.start)
        neighbours = chosen[max(0, at - 1) : at + 2]
        if all(
            match.end <= other.start or other.end <= match.start or (match.start, match.end) == (other.start, other.end)
            for other in neighbours
        ):
            chosen.insert(at, match)
            starts.insert(at, match.start)
    return chosen
