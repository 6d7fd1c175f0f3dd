"""Necessary conditions for built-in checks, decided once per segment.

Most built-in checks find nothing on most segments, and calling one that finds nothing
still costs its Python call and its own scan. A check may declare a ``gate``: a pattern
its target must match (and/or one its source must match) for it to have anything to say —
a space before a mark for ``punct.space-before``, a full stop before a lower-case word for
``trunc.lowercase-after-stop``. The engine asks the gates first and calls only the checks
whose gates pass. A gate only ever skips a call that would have found nothing, so the
findings are the same with or without gates (tests/test_gates.py checks each gate against
its check on generated text; tests/test_engine_snapshot.py the whole engine).

Gates are written in the small part of regular-expression syntax on which ``regex`` and
Hyperscan agree exactly: literal characters, character classes with explicit ranges, ``[^…]``,
alternation, ``* + ? {m,n}``, ``\\A`` and ``\\Z`` (the absolute ends of the text), and ``\\d``,
which Hyperscan is given as the explicit class of every character ``regex`` calls a digit.
No ``\\s``, ``\\w``, ``\\p{…}``, case folding or look-around: those depend on each engine's
Unicode tables. A class that must hold "any letter" says so as ``A-Za-z`` plus every non-ASCII
character, which is wider than the check's own class, never narrower.

How they are decided: with Hyperscan (when its wheel is installed), one scan of the target
and one of the source report every gate that passes; the database is compiled once and cached
on disk (mtcheck/cache.py). Otherwise, and for a run's first segments (a one-line check pays
no database), each gate a candidate check needs is one ``regex`` search, remembered for the
segment. Both give the same answers.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from mtcheck import cache
from mtcheck.lazyre import lazy


@dataclass(frozen=True, slots=True)
class Gate:
    """What a check needs to have anything to say. ``target``/``source``: patterns the text
    must match; with ``either`` the check may fire when one of them matches (a leading space
    in the source or in the target), else both must (a number in the source, for
    ``number.missing``). A source pattern never passes a segment without a source."""

    target: str | None = None
    source: str | None = None
    either: bool = False


#: Every character ``str.isspace`` accepts (what ``strip`` removes), spelled out for a class:
#: tests/test_gates.py holds it to Python's own.
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def literal(text: str) -> str:
    """``text`` as a gate pattern matching it literally: ASCII punctuation as ``\\xHH`` (the
    escape both engines read the same way), everything else as it is."""
    return "".join(char if not char.isascii() or char.isalnum() else f"\\x{ord(char):02x}" for char in text)


#: Segments decided by ``regex`` before a run builds (or loads) its Hyperscan database.
WARM_UP = 200

#: Anything outside printable ASCII, spelled for Hyperscan (it reads the pattern as C text).
_ESCAPE = regex.compile(r"[^\x20-\x7e]")


def hyperscan_syntax(pattern: str) -> str:
    """A gate pattern as Hyperscan reads it: the same expression, non-ASCII characters and
    controls as ``\\x{…}``, ``\\Z`` (regex: the very end) as ``\\z``, ``\\d`` as the
    digits ``regex`` knows (its Unicode tables may be newer than Hyperscan's)."""
    pattern = pattern.replace(r"\Z", r"\z")
    pattern = _CODE_ESCAPE.sub(lambda match: f"\\x{{{int(match.group(1) or match.group(2), 16):x}}}", pattern)
    pattern = _ESCAPE.sub(lambda match: f"\\x{{{ord(match.group()):x}}}", pattern)
    if r"\d" in pattern:
        pattern = _IN_CLASS_DIGIT.sub(lambda match: match.group(1) + _digit_ranges(), pattern)
        pattern = pattern.replace(r"\d", f"[{_digit_ranges()}]")
    return pattern


#: ``\uXXXX`` and ``\UXXXXXXXX`` as a pattern may spell them (regex reads them, Hyperscan does not).
_CODE_ESCAPE = regex.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: ``\d`` inside a character class (after ``[`` and anything but ``]``).
_IN_CLASS_DIGIT = regex.compile(r"(\[[^\]]*?)\\d")


@functools.cache
def _digit_ranges() -> str:
    """Every character ``regex`` matches with ``\\d``, as class ranges in Hyperscan syntax
    (read a plane at a time: the whole of Unicode at once would take 50 MB)."""
    ranges: list[list[int]] = []
    for plane in range(0x11):
        first = plane << 16
        codes = [code for code in range(first, first + 0x10000) if not 0xD800 <= code < 0xE000]
        text = "".join(map(chr, codes))
        for match in regex.finditer(r"\d", text):
            code = codes[match.start()]
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\x{{{first:x}}}-\\x{{{last:x}}}" for first, last in ranges)


class Gates:
    """The gates of one rule list, by rule index."""

    def __init__(self, gates: Mapping[int, Gate]) -> None:
        self.target_patterns: list[str] = []
        self.source_patterns: list[str] = []
        self._rules: dict[int, tuple[int, int, bool]] = {}
        for index, gate in gates.items():
            target = self._id(self.target_patterns, gate.target)
            source = self._id(self.source_patterns, gate.source)
            self._rules[index] = (target, source, gate.either)
        # Compiled when first searched: a one-line check never needs most of them.
        self._target_regex = [_searcher(pattern) for pattern in self.target_patterns]
        self._source_regex = [_searcher(pattern) for pattern in self.source_patterns]
        self._all_gated = frozenset(self._rules)
        # For Hyperscan's answer (every matching pattern at once): the rules a pattern lets
        # through alone, and those that need one pattern on each side.
        self._pass_by_target: list[set[int]] = [set() for _ in self.target_patterns]
        self._pass_by_source: list[set[int]] = [set() for _ in self.source_patterns]
        self._both: list[tuple[int, int, int]] = []  # (rule, target pattern, source pattern)
        for index, (target_id, source_id, either) in self._rules.items():
            if not either and target_id >= 0 and source_id >= 0:
                self._both.append((index, target_id, source_id))
                continue
            if target_id >= 0 and (either or source_id < 0):
                self._pass_by_target[target_id].add(index)
            if source_id >= 0 and (either or target_id < 0):
                self._pass_by_source[source_id].add(index)
        self._segments = 0
        self._hyperscan: _Hyperscan | None = None

    @staticmethod
    def _id(patterns: list[str], pattern: str | None) -> int:
        if pattern is None:
            return -1
        if pattern not in patterns:
            patterns.append(pattern)
        return patterns.index(pattern)

    def admitted(self, candidates: Sequence[int], target: str, source: str | None) -> list[int]:
        """The candidates whose gates pass on this segment (order kept)."""
        self._segments += 1
        if self._segments == WARM_UP and os.environ.get("MTCHECK_NO_HYPERSCAN", "") in ("", "0"):
            self._hyperscan = _Hyperscan.build(self.target_patterns, self.source_patterns)
        scanned = self._hyperscan.scan(target, source) if self._hyperscan is not None else None
        if scanned is not None:
            blocked = self._blocked(*scanned)
            return [index for index in candidates if index not in blocked]
        target_hits, source_hits = _Searched(target, self._target_regex), _Searched(source, self._source_regex)
        rules = self._rules
        return [index for index in candidates if index not in rules or _passes(rules[index], target_hits, source_hits)]

    def _blocked(self, target_hits: set[int], source_hits: set[int]) -> frozenset[int] | set[int]:
        """The gated rules that do not pass, given every pattern that matched."""
        if not target_hits and not source_hits:
            return self._all_gated
        passing: set[int] = set()
        for pattern_id in target_hits:
            passing.update(self._pass_by_target[pattern_id])
        for pattern_id in source_hits:
            passing.update(self._pass_by_source[pattern_id])
        for index, target_id, source_id in self._both:
            if target_id in target_hits and source_id in source_hits:
                passing.add(index)
        return self._all_gated - passing


def _passes(gate: tuple[int, int, bool], target_hits: Container[int], source_hits: Container[int]) -> bool:
    target_id, source_id, either = gate
    if either:
        return (target_id >= 0 and target_id in target_hits) or (source_id >= 0 and source_id in source_hits)
    return (target_id < 0 or target_id in target_hits) and (source_id < 0 or source_id in source_hits)


def _searcher(pattern: str) -> regex.Pattern[str] | _Edge:
    """The pattern for ``regex`` to search, compiled on first use: one that ends at the end of
    the text is searched from the end (the trunc.dangling-end gate: 7.5 µs a segment forward,
    0.3 µs backward; a match exists either way or neither). A pattern that only looks at an
    edge of the text (``\\A[ \\t]``, ``;[…]*\\Z``) is answered by string methods (``_Edge``)."""
    edge = _Edge.parse(pattern)
    if edge is not None:
        return edge
    return lazy(pattern, regex.REVERSE) if pattern.endswith("\\Z") else lazy(pattern)


def _one(name: str) -> str:
    """One character as a gate spells it: a literal (no metacharacter), or a class of literal
    characters (no escape, range or negation)."""
    return rf"(?:(?P<{name}>[^\\\[\]().*+?{{}}|^$])|\[(?P<{name}_class>[^\]\\^\-][^\]\\\-]*)\])"


_EDGE_FORMS = (
    ("start", re.compile(r"\\A" + _one("char"), re.DOTALL)),
    ("end", re.compile(_one("char") + r"\\Z", re.DOTALL)),
    ("end_after", re.compile(_one("char") + _one("trail") + r"\*\\Z", re.DOTALL)),
)


class _Edge:
    """A gate that looks only at an edge of the text, as alternatives of: a character (or
    class) at its start (``\\A…``), at its end (``…\\Z``), or at its end before any run of a
    class (``;[ \\t]*\\Z``). Two string tests instead of a regex search, same answers
    (tests/test_gates.py compares them)."""

    __slots__ = ("tests",)

    def __init__(self, tests: list[tuple[str, frozenset[str], str]]) -> None:
        #: (form, characters, trail) per alternative: ``"start"`` or ``"end"``; a trail is a
        #: class of characters the end may be followed by.
        self.tests = tests

    @classmethod
    def parse(cls, pattern: str) -> _Edge | None:
        tests = []
        for alternative in pattern.split("|"):  # a | inside a class fails to parse: regex then
            found = next(((form, m) for form, syntax in _EDGE_FORMS if (m := syntax.fullmatch(alternative))), None)
            if found is None:
                return None
            form, match = found
            chars = frozenset(match.group("char") or match.group("char_class"))
            trail = ""
            if form == "end_after":
                trail = match.group("trail") or match.group("trail_class")
                if not chars.isdisjoint(trail):
                    return None  # ";[;]*\Z": the run could take the character
            tests.append((form, chars, trail))
        return cls(tests)

    def search(self, text: str) -> bool | None:
        """True where the pattern matches, else None (as ``regex``'s search answers)."""
        for form, chars, trail in self.tests:
            edge = text[:1] if form == "start" else text.rstrip(trail)[-1:]
            if edge in chars:
                return True
        return None


class _Searched:
    """The patterns (by id) that match a text, each searched for at most once, when asked."""

    __slots__ = ("_compiled", "_known", "_text")

    def __init__(self, text: str | None, compiled: list[regex.Pattern[str]]) -> None:
        self._text, self._compiled, self._known = text, compiled, {}

    def __contains__(self, pattern_id: object) -> bool:
        known: dict[object, bool] = self._known
        found = known.get(pattern_id)
        if found is None:
            text = self._text
            found = known[pattern_id] = text is not None and self._compiled[pattern_id].search(text) is not None  # type: ignore[index]
        return found


#: Hyperscan 0.9.1 (UTF-8 mode) misses matches of some patterns anchored at an end of the text
#: whose class holds characters of different UTF-8 lengths (``[ \t\xa0\u202f]\Z`` on a text ending
#: in a no-break space, depending on the text and on the other patterns in the database): such
#: a miss would skip a check that has something to say. Anchored patterns are therefore always
#: decided by ``regex`` (they are cheap: one position to look at).
_ANCHORED = ("\\A", "\\Z")


class _Hyperscan:
    """One database per side with every unanchored gate pattern, each reported at most once;
    the anchored ones searched with ``regex`` (see _ANCHORED)."""

    def __init__(self, module: Any, target_patterns: list[str], source_patterns: list[str]) -> None:
        self._target, self._target_anchored = _side(module, target_patterns)
        self._source, self._source_anchored = _side(module, source_patterns)

    @classmethod
    def build(cls, target_patterns: list[str], source_patterns: list[str]) -> _Hyperscan | None:
        """None where Hyperscan is not installed or refuses a pattern: the regex path stays."""
        try:
            import hyperscan
        except ImportError:
            return None
        try:
            return cls(hyperscan, target_patterns, source_patterns)
        except Exception:
            return None

    def scan(self, target: str, source: str | None) -> tuple[set[int], set[int]] | None:
        """(gates passed on the target, on the source), or None for text Hyperscan cannot take (a lone
        surrogate cannot be encoded as UTF-8): the caller keeps its regex answers."""
        try:
            target_hits = self._scan(self._target, target)
            source_hits = self._scan(self._source, source) if source is not None else set()
        except UnicodeEncodeError:
            return None
        target_hits.update(self._target_anchored.hits(target))
        if source is not None:
            source_hits.update(self._source_anchored.hits(source))
        return target_hits, source_hits

    @staticmethod
    def _scan(database: tuple[Any, Any] | None, text: str) -> set[int]:
        found: set[int] = set()
        if database is not None and text:
            db, scratch = database
            db.scan(text.encode("utf-8"), match_event_handler=_collect, context=found, scratch=scratch)
        return found


def _collect(pattern_id: int, start: int, end: int, flags: int, found: set[int]) -> None:
    found.add(pattern_id)


class _Anchored:
    """One side's anchored patterns, answered together: the edge tests (``_Edge``) as tables
    from a first or last character to the patterns it passes (one dict lookup each), the
    rest searched with ``regex``."""

    __slots__ = ("_firsts", "_lasts", "_searched", "_trailed")

    def __init__(self, anchored: list[tuple[int, regex.Pattern[str] | _Edge]]) -> None:
        firsts: dict[str, list[int]] = {}
        lasts: dict[str, list[int]] = {}
        self._trailed: list[tuple[int, frozenset[str], str]] = []
        self._searched: list[tuple[int, regex.Pattern[str]]] = []
        for index, pattern in anchored:
            if not isinstance(pattern, _Edge):
                self._searched.append((index, pattern))
                continue
            for form, chars, trail in pattern.tests:
                if trail:
                    self._trailed.append((index, chars, trail))
                    continue
                for char in chars:
                    (firsts if form == "start" else lasts).setdefault(char, []).append(index)
        self._firsts = {char: tuple(indices) for char, indices in firsts.items()}
        self._lasts = {char: tuple(indices) for char, indices in lasts.items()}

    def hits(self, text: str) -> list[int]:
        """The patterns (by id) that match ``text``."""
        found = [*self._firsts.get(text[:1], ()), *self._lasts.get(text[-1:], ())]
        for index, chars, trail in self._trailed:
            if text.rstrip(trail)[-1:] in chars:
                found.append(index)
        for index, pattern in self._searched:
            if pattern.search(text) is not None:
                found.append(index)
        return found


def _side(module: Any, patterns: list[str]) -> tuple[tuple[Any, Any] | None, _Anchored]:
    """One side's database and scratch (None without an unanchored pattern), and its anchored
    patterns (see _ANCHORED)."""
    anchored = [(index, _searcher(p)) for index, p in enumerate(patterns) if any(a in p for a in _ANCHORED)]
    skipped = {index for index, _ in anchored}
    database = _database(module, [(index, p) for index, p in enumerate(patterns) if index not in skipped])
    return ((database, module.Scratch(database)) if database is not None else None), _Anchored(anchored)


def _database(hyperscan: Any, numbered: list[tuple[int, str]]) -> Any:
    """The compiled database for these (id, pattern) pairs, from the on-disk cache when it holds
    one (keyed by ids, patterns and both engines' versions: ``\\d`` is expanded from regex's
    tables)."""
    if not numbered:
        return None
    import base64

    ids = [index for index, _ in numbered]
    patterns = [pattern for _, pattern in numbered]
    parts = (str(ids).encode(), *(p.encode() for p in patterns))
    name = cache.key(hyperscan.__version__.encode(), regex.__version__.encode(), *parts)
    stored = cache.get("gates", name)
    if isinstance(stored, str):
        try:
            return hyperscan.loadb(base64.b64decode(stored), hyperscan.HS_MODE_BLOCK)
        except Exception:  # a stale or corrupt entry: compile again
            pass
    expressions = [hyperscan_syntax(pattern).encode() for pattern in patterns]
    database = hyperscan.Database()
    flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8
    count = len(expressions)
    database.compile(expressions=expressions, ids=ids, elements=count, flags=[flags] * count)
    cache.put("gates", name, base64.b64encode(hyperscan.dumpb(database)).decode("ascii"))
    return database
