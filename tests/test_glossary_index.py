"""The two term indexes (mtcheck/glossary/matcher.py) find the same occurrences, so the
matcher gives the same matches whichever one a glossary's size chooses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.glossary import matcher
from mtcheck.glossary.matcher import TermIndex, _AutomatonIndex, _PrefixIndex

ALPHABET = st.sampled_from(list("ab国家安全\x00"))
KEYS = st.dictionaries(st.text(ALPHABET, min_size=1, max_size=4), st.lists(st.integers(), min_size=1, max_size=2))


@settings(max_examples=300, deadline=None)
@given(keys=KEYS, text=st.text(ALPHABET, max_size=30))
def test_both_indexes_find_every_occurrence(keys, text):
    if not keys:
        return
    assert sorted(_AutomatonIndex(keys).iter(text), key=repr) == sorted(_PrefixIndex(keys).iter(text), key=repr)


TEXT_WORDS = ["national", "Security", "the", "国家安全", "approach", "to", ",", "team", "安全"]
TEXT_WORDS = ["national", "Security", "the", "国家安全", "approach", "to", ",", "team", "安全"]
WORDS = st.sampled_from(["national", "security", "the", "holistic", "approach", "to", "国家安全", "安全", "team"])


@settings(max_examples=200, deadline=None)
@given(
    terms=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8),
    text=st.lists(st.sampled_from(TEXT_WORDS), max_size=12),
)
def test_the_matcher_finds_the_same_matches_with_either_index(terms, text):
    joined = " ".join(text)
    payloads = [(term, index) for index, term in enumerate(terms)]
    kept = matcher.AUTOMATON_KEYS
    try:
        matcher.AUTOMATON_KEYS = 10**9
        with_automaton = TermIndex(payloads).find(joined)
        matcher.AUTOMATON_KEYS = 0
        with_prefixes = TermIndex(payloads).find(joined)
    finally:
        matcher.AUTOMATON_KEYS = kept
    assert with_automaton == with_prefixes
