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


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_words_count_as_the_unicode_pattern_does(text: str) -> None:
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


PIECES = st.lists(
    st.sampled_from(["the", "The", "a", "and", "or", "dept", " ", "  ", "-", "'", "_", "1", "%s", "%1", "{0}",
                     "{x}", "<b>", "</b>", "$HOME", "~a", "/usr/bin", ":wq", "--all", "http://x.org/the", "&amp;",
                     "\t", ".", ","]),
    max_size=14,
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(pieces=PIECES, lang=st.sampled_from(["en", "fr"]), source=st.sampled_from([None, "the", "%s the"]))
def test_a_word_pattern_that_finds_nothing_unmasked_means_no_finding(
    pieces: list[str], lang: str, source: str | None
) -> None:
    """BuiltinCheck.word_pattern: on an ASCII target the engine skips the surface view of a rule
    whose pattern matches nothing in the unmasked text; the view would have found nothing."""
    from mtcheck.checks.repetition import CHECKS
    from mtcheck.model import Origin, Segment
    from mtcheck.surface import SurfaceView

    target = "".join(pieces)
    segment = Segment("k", target, Origin("f", 1), source, "en" if source else None, lang)
    for check in CHECKS:
        assert check.word_pattern is not None
        if check.word_pattern.search(target) is None:
            assert SurfaceView(segment).hits(check) == [], (check.info.id, target)


NUMBER_TEXT = st.lists(
    st.sampled_from(["one", "Twenty", "three", "fold", "-fold", "threefold", "a", "an", "half", "quarter", "of",
                     "million", "and", "hundred", "twice", "Decades", "1", "2.5", "May", "XIV", " ", "-", ",", "x",
                     "someone", "often", "first", "fortieth", "thousands"]),
    max_size=12,
).map("".join)  # fmt: skip


class _Everything:
    def isdisjoint(self, other: object) -> bool:
        return False


@settings(max_examples=1000, deadline=None)
@given(text=NUMBER_TEXT, grouping=st.booleans())
def test_numbers_read_without_the_word_patterns_where_no_word_is_a_number_word(text: str, grouping: bool) -> None:
    """read_numbers skips its word patterns on an ASCII text with no number word: the same
    mentions as running them."""
    from mtcheck.checks import numbers

    fast = numbers.read_numbers(text, grouping)
    saved = numbers._SPELLED
    numbers._SPELLED = _Everything()  # type: ignore[assignment]
    try:
        assert numbers.read_numbers(text, grouping) == fast
    finally:
        numbers._SPELLED = saved
