"""``mtcheck glossary suggest``: glossary candidates mined from a bilingual batch.

A candidate is a source term that recurs in the batch and is rendered in more than one
way. Without a word aligner, renderings are found by association: a target phrase whose
segments largely coincide with the source term's segments (Dice coefficient) is taken as
one of its renderings; phrases inside a longer phrase with the same segments are merged
into it. Two renderings that rarely share a segment are alternatives: the term is
rendered inconsistently, and a terminologist should choose.

With a glossary, its own source terms are counted instead, rendering by rendering: the
approved variants, the forbidden ones, and none of them. Without one, source terms are
recurring CJK character n-grams (closed: a shorter one is dropped when a longer one
occurs in the same segments) or, for Latin-script sources, word n-grams.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from mtcheck.glossary.matcher import tokens
from mtcheck.glossary.model import Entry
from mtcheck.model import Origin, Segment

_HAN_RUN = regex.compile(r"\p{Han}{2,}")
_WORD = regex.compile(r"\w+")
STOPWORDS = frozenset(
    "a an the of to in on at for with by from and or but is are was were be been it its this that these those "
    "as we you they he she i our their his her my your not no so if then than there here which who what".split()
)
MAX_PHRASE = 6


@dataclass(frozen=True, slots=True)
class Rendering:
    text: str
    count: int
    status: str = ""  # "approved" / "forbidden" when a glossary knows it


@dataclass(frozen=True, slots=True)
class Candidate:
    source: str
    segments: int
    renderings: tuple[Rendering, ...]


def _phrases(target: str) -> set[tuple[str, ...]]:
    """Word n-grams of the target (stemmed), not starting or ending on a stopword."""
    words = [token.lower() for token in tokens(target) if _WORD.fullmatch(token)]
    found = set()
    for i, first in enumerate(words):
        if first in STOPWORDS:
            continue
        for j in range(i + 1, min(i + MAX_PHRASE, len(words)) + 1):
            if words[j - 1] not in STOPWORDS:
                found.add(tuple(words[i:j]))
    return found


def _source_terms(sources: list[str], min_count: int) -> dict[str, set[int]]:
    """Recurring, closed n-grams of the sources: Han characters, or words for Latin scripts."""
    occurrences: dict[str, set[int]] = defaultdict(set)
    for index, source in enumerate(sources):
        runs = _HAN_RUN.findall(source)
        if runs:
            for run in runs:
                for size in range(2, min(8, len(run)) + 1):
                    for start in range(len(run) - size + 1):
                        occurrences[run[start : start + size]].add(index)
        else:
            words = [w.lower() for w in _WORD.findall(source)]
            for size in range(2, 5):
                for start in range(len(words) - size + 1):
                    gram = words[start : start + size]
                    if gram[0] not in STOPWORDS and gram[-1] not in STOPWORDS:
                        occurrences[" ".join(gram)].add(index)
    # In most segments of a real batch: a function word (我们, 这个), not a term.
    common = len(sources) // 2 if len(sources) >= 20 else len(sources) + 1
    kept = {term: where for term, where in occurrences.items() if min_count <= len(where) <= common}
    closed = {}
    for term, where in kept.items():
        if not any(len(other) > len(term) and term in other and kept[other] == where for other in kept):
            closed[term] = where
    return closed


def suggest(
    segments: Iterable[Segment], *, glossary: Iterable[Entry] = (), min_count: int = 2, min_dice: float = 0.4
) -> list[Candidate]:
    pairs = [(s.source, s.target) for s in segments if s.source]
    entries = list(glossary)
    if entries:
        return _glossary_renderings(pairs, entries, min_count)
    sources = [source for source, _ in pairs]
    phrases = [_phrases(target) for _, target in pairs]
    terms = _source_terms(sources, min_count)
    frequency: Counter[tuple[str, ...]] = Counter(p for found in phrases for p in found)

    candidates = []
    for term, where in terms.items():
        together: Counter[tuple[str, ...]] = Counter(p for i in where for p in phrases[i])
        associated = {
            phrase: count
            for phrase, count in together.items()
            if count >= min(2, min_count) and 2 * count / (len(where) + frequency[phrase]) >= min_dice
        }
        renderings = _merge_nested(associated, phrases, where)
        if len(renderings) < 2:
            continue
        ranked = sorted(renderings.items(), key=lambda item: (-item[1], item[0]))
        candidates.append(
            Candidate(
                source=term,
                segments=len(where),
                renderings=tuple(Rendering(_text(phrase, pairs, where), count) for phrase, count in ranked),
            )
        )
    return sorted(candidates, key=lambda c: (-c.segments, c.source))


def _merge_nested(
    associated: dict[tuple[str, ...], int], phrases: list[set[tuple[str, ...]]], where: set[int]
) -> dict[tuple[str, ...], int]:
    """Keep maximal phrases; then keep only alternatives (phrases that rarely share a segment)."""
    maximal = {
        phrase: count
        for phrase, count in associated.items()
        if not any(
            len(other) > len(phrase) and _inside(phrase, other) and associated[other] >= count for other in associated
        )
    }
    # A phrase in every segment of the term is shared by all its renderings ("national
    # security" in both "holistic approach to national security" and "overall national
    # security concept"): it cannot tell alternatives apart.
    maximal = {phrase: count for phrase, count in maximal.items() if count < len(where)}
    segments_of = {phrase: {i for i in where if phrase in phrases[i]} for phrase in maximal}
    alternatives: dict[tuple[str, ...], int] = {}
    for phrase, count in sorted(maximal.items(), key=lambda item: (-item[1], item[0])):
        mine = segments_of[phrase]
        if all(len(mine & segments_of[other]) <= len(mine) // 2 for other in alternatives):
            alternatives[phrase] = count
    return alternatives


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _text(phrase: tuple[str, ...], pairs: list[tuple[str, str]], where: set[int]) -> str:
    """The phrase as it is written in the first target that has it (original case)."""
    pattern = regex.compile(r"\b" + r"\W+".join(map(regex.escape, phrase)) + r"\b", regex.IGNORECASE)
    for i in sorted(where):
        match = pattern.search(pairs[i][1])
        if match:
            return match.group()
    return " ".join(phrase)


def _glossary_renderings(pairs: list[tuple[str, str]], entries: list[Entry], min_count: int) -> list[Candidate]:
    """For a glossary's own terms: which of its renderings (approved, forbidden, or none of
    them) each recurring source term got in the batch."""
    from mtcheck.glossary.checks import GlossaryMatcher  # the matcher the checks use

    matcher = GlossaryMatcher(entries)
    counts: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for index, (source, target) in enumerate(pairs):
        segment = Segment(key=str(index), target=target, source=source, origin=Origin("batch", index + 1))
        analysis = matcher.analyse(segment)
        rendered: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for hit in analysis.target:
            entry = matcher.entries[hit.entry]
            term = entry.target[hit.variant] if hit.kind == "target" else entry.forbidden[hit.variant]
            rendered[hit.entry].add((term, "approved" if hit.kind == "target" else "forbidden"))
        for entry_index in {hit.entry for hit in analysis.source}:
            for rendering in rendered.get(entry_index) or {("(none of the glossary's renderings)", "")}:
                counts[entry_index][rendering] += 1
    candidates = []
    for entry_index, renderings in counts.items():
        total = sum(renderings.values())
        wrong = any(status != "approved" for _, status in renderings)
        if total < min_count or (len(renderings) < 2 and not wrong):
            continue
        entry = matcher.entries[entry_index]
        ranked = sorted(renderings.items(), key=lambda item: (-item[1], item[0]))
        candidates.append(
            Candidate(
                source=entry.source[0] if entry.source else entry.label,
                segments=total,
                renderings=tuple(Rendering(text, count, status) for (text, status), count in ranked),
            )
        )
    return sorted(candidates, key=lambda c: (-c.segments, c.source))
