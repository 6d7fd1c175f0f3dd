"""Speed-ups that must not change an answer: each faster form against the plain one it replaced."""

from __future__ import annotations

import regex
from hypothesis import given, settings
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


@settings(max_examples=500, deadline=None)
@given(
    source=st.text(alphabet=st.sampled_from(list("ab.A_-@1 ，。国,:()\t")), max_size=12),
    target=st.text(alphabet=st.sampled_from(list("ab ")), max_size=8),
)
def test_the_message_key_test_answers_as_the_pattern_alone(source: str, target: str) -> None:
    from mtcheck.engine import _MESSAGE_KEY, _is_message_key

    assert _is_message_key(source, target) == (
        target.count(" ") >= 2 and _MESSAGE_KEY.fullmatch(source.strip()) is not None
    )
