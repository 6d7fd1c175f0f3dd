"""punct.dash-as-hyphen beyond its table: the properties that keep it from crying wolf, and
its word list kept equal to en.punct.hyphen-as-dash's."""

from __future__ import annotations

import tomllib

import regex
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.checks.dashes import DASH_AS_HYPHEN
from mtcheck.lang.en import HYPHEN_DASH_WORDS
from mtcheck.model import Origin, Segment
from mtcheck.packs import shipped_rules_dir

WORDS = st.sampled_from(
    "the a floret located basically our self esteem closer years free falling dam like Japan data 40000 8 foot".split()
)
#: English-like text: words, some glued by hyphens, some set off by dashes or commas.
TEXT = st.lists(st.tuples(WORDS, st.sampled_from([" ", "-", " — ", ", ", " - "])), min_size=1, max_size=12).map(
    lambda pairs: "".join(word + joint for word, joint in pairs).strip(" -—,")
)
CHINESE = st.text(alphabet="我们的建筑和机器小花位于频段", min_size=1, max_size=12)


def hits(target: str, source: str | None) -> list[tuple[int, int]]:
    segment = Segment("k", target, Origin("k", 1), source=source)
    return [(hit.start, hit.end) for hit in DASH_AS_HYPHEN.hits(segment)]


@given(TEXT, CHINESE)
def test_no_dash_in_the_source_no_finding(target: str, source: str) -> None:
    assert hits(target, source + "，" + source + "。") == []


@given(TEXT, st.lists(CHINESE, min_size=1, max_size=4))
def test_as_many_dashes_rendered_as_the_source_has_no_finding_but_by_word(target: str, parts: list[str]) -> None:
    """The count never flags a target that renders every dash; only a clause-opening word can."""
    source = "——".join(parts)
    rendered = target + " — " * (len(parts) - 1)
    for start, end in hits(rendered, source):
        assert rendered[start:end] == "-"
        following = regex.match(r"[\w]+", rendered[end:])
        assert following is not None and (following.group().isdigit() or following.group() in ("basically", "our"))


@given(TEXT, st.lists(CHINESE, min_size=2, max_size=4))
def test_every_finding_is_a_glued_hyphen(target: str, parts: list[str]) -> None:
    for start, end in hits(target, "——".join(parts)):
        assert target[start:end] == "-"
        assert target[start - 1].isalnum() and target[end].isalnum()


def test_function_words_equal_the_pack_rule_s() -> None:
    pack = tomllib.loads((shipped_rules_dir() / "en" / "typography.toml").read_text(encoding="utf-8"))
    (rule,) = [rule for rule in pack["rule"] if rule["id"] == "en.punct.hyphen-as-dash"]
    words = regex.search(r"\(\?=\(\?(?::|-i:)([a-zA-Z|]+)\)", rule["pattern"]).group(1).split("|")
    assert {word.lower() for word in words} == HYPHEN_DASH_WORDS
