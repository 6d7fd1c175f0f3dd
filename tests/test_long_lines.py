"""A long line (a whole article, a megabyte without a line break) is checked in time linear
in its length: no check searches from the start of the text per match, no ``regex`` match
scans the rest of the text for a literal, no number matching compares every pair.

These are hang guards, not speed measurements (bench/long_line.py measures): the bounds are
CPU seconds, many times what a linear check needs, and far below what a quadratic one took
(a 100 kB line took 60 s in trunc.lowercase-after-stop alone, 1 MB never finished).
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.checks.numbers import _match
from mtcheck.engine import Checker, RuleSet
from mtcheck.lang.zh_numbers import Mention
from mtcheck.model import Origin, Segment
from mtcheck.nearby import REACH, match_near, token_after, token_before
from mtcheck.surface import rule_hits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from long_line import long_text  # the benchmark's generator: one text for both

#: Words that wake the checks that were quadratic: full stops before lower case, abbreviations,
#: numbers with separators, number words, quotes, placeholders, doubled words, spaces before marks.
ENGLISH = (
    "the of and 1,000 in. to a Mr. said 2023 he It was then. which 12,345 over two decades {0} %s "
    '<b> ( ) " , ; : - the the half million'
).split()
GERMAN = "der die die und 1.000 in. zu ein Herr sagte 2023 er Es war dann. welche 12.345 über „ “ %s , ; :".split()
CHINESE = "我们 的 。 1,000 在 ， 说 2023 他 “ ” 然后 12,345 《 》 %s 两万 三十年".split()

MEGABYTE = 1_000_000
#: CPU seconds any one rule may take on a megabyte (linear ones take well under 3).
RULE_BOUND = 30.0


@pytest.fixture(scope="module")
def rules() -> tuple:
    return RuleSet.load(glossaries=["zh-en"], check_examples=False).rules


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang"),
    [(None, "en"), ("zh", "en"), ("en", "de")],
)
def test_every_rule_is_linear_on_a_one_megabyte_line(rules: tuple, src_lang: str | None, tgt_lang: str) -> None:
    target = long_text(GERMAN if tgt_lang == "de" else ENGLISH, MEGABYTE)
    source = None
    if src_lang == "zh":
        source = long_text(CHINESE, MEGABYTE // 3, "")
    elif src_lang == "en":
        source = long_text(ENGLISH, MEGABYTE)
    segment = Segment("long", target, Origin("long.txt", 1), source, src_lang, tgt_lang)
    slow = []
    hits = 0
    for rule in rules:
        if not rule.info.scope.admits(src_lang, tgt_lang):
            continue
        started = time.process_time()
        hits += len(rule_hits(rule, segment))
        spent = time.process_time() - started
        if spent > RULE_BOUND:
            slow.append(f"{rule.info.id}: {spent:.1f} s")
    assert slow == []
    assert hits > 0  # the line does wake the checks


def test_a_long_line_with_thousands_of_fixes_is_gated_in_linear_time() -> None:
    """The fix gate re-checks a window around each edit of a long segment, not the segment."""
    checker = Checker(RuleSet.load(check_examples=False).rules)
    target = long_text(ENGLISH, 100_000)
    started = time.process_time()
    findings = checker.check_segment(Segment("long", target, Origin("long.txt", 1), tgt_lang="en"))
    spent = time.process_time() - started
    assert sum(finding.fix is not None for finding in findings) > 1000
    assert spent < 120.0, f"{spent:.1f} s"


# --- the pieces: tokens and matches near a position -----------------------------------------


def test_token_before_and_after_are_the_non_space_runs_touching_the_position() -> None:
    text = "see Fig. 3. and more"
    assert token_before(text, 8) == "Fig."
    assert token_before(text, 9) == ""
    assert token_after(text, 4) == "Fig."
    assert token_after(text, 3) == ""
    assert token_before(text, 0) == "" and token_after(text, len(text)) == ""


def test_a_token_is_followed_no_further_than_the_limit() -> None:
    text = "x" * 10_000
    assert len(token_before(text, 10_000)) == 256
    assert len(token_after(text, 0)) == 256


@given(
    st.text(alphabet="ab decad\n", max_size=600),
    st.integers(min_value=0, max_value=600),
    st.sampled_from([r"\s+decades?\b", r"a+$", r"(?i)[\s-]+and[\s-]+a[\s-]+half\b", r"b*", r"\s*d"]),
)
def test_match_near_answers_as_the_unbounded_match(text: str, position: int, pattern: str) -> None:
    import regex

    compiled = regex.compile(pattern)
    position = min(position, len(text))
    expected = compiled.match(text, position)
    found = match_near(compiled, text, position)
    assert (found.span() if found else None) == (expected.span() if expected else None)


def test_match_near_looks_past_its_reach_when_the_match_does() -> None:
    import regex

    text = " " * (REACH + 10) + "decade"
    assert match_near(regex.compile(r"\s+decades?\b"), text, 0).span() == (0, len(text))  # type: ignore[union-attr]
    assert match_near(regex.compile(r"\s+decades?\b"), text + "nt", 0) is None


# --- number matching: an index by value, the same answer as every pair ---------------------


def _reference_match(required: list[Mention], found: list[Mention]) -> list[Mention]:
    """Kuhn's algorithm over every pair, in order: what ``_match`` must agree with."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j, mention in enumerate(found):
            if j in seen or required[i].values.isdisjoint(mention.values):
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    matched = {i for i in range(len(required)) if assign(i, set())}
    return [mention for i, mention in enumerate(required) if i not in matched]


_values = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=3, unique=True)


def _mentions(values: list[list[int]]) -> list[Mention]:
    return [
        Mention(i, i + 1, Fraction(first), alternatives=frozenset(Fraction(v) for v in rest))
        for i, (first, *rest) in enumerate(values)
    ]


@given(st.lists(_values, max_size=12), st.lists(_values, max_size=12))
def test_number_matching_leaves_the_same_mentions_over_as_kuhns_over_every_pair(
    required: list[list[int]], found: list[list[int]]
) -> None:
    left, right = _mentions(required), _mentions(found)
    assert _match(left, right) == _reference_match(left, right)


def test_number_matching_of_thousands_of_one_value_is_not_quadratic() -> None:
    required = _mentions([[2023]] * 20_000)
    found = _mentions([[2023]] * 10_000)
    started = time.process_time()
    left = _match(required, found)
    assert len(left) == 10_000 and left[0].start == 10_000
    assert time.process_time() - started < 20.0
