"""Speed-ups that must not change an answer: each faster form against the plain one it replaced."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.checks.length import _source_units
from mtcheck.lang.codes import base
from mtcheck.mqm import words

TEXT = st.text(alphabet=st.sampled_from(list("ab1 '’-.,国家\u3000é")), max_size=60)


@given(TEXT)
def test_words_count_as_the_greedy_pattern_did(text: str) -> None:
    assert words(text) == len(regex.findall(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*", text))


@given(TEXT)
def test_han_characters_counted_by_runs_as_one_by_one(text: str) -> None:
    assert _source_units(text) == len(regex.findall(r"\p{Han}", text))


def test_the_cached_language_subtag() -> None:
    assert [base(tag) for tag in ("pt-BR", "zh_Hans_CN", "EN", "", None)] == ["pt", "zh", "en", None, None]
