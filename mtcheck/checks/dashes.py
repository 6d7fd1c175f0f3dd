"""punct.dash-as-hyphen: the Chinese dash (——) that MT writes as a hyphen glued to a word.

"It's getting closer and closer-40000 years ago", "simple sequences-basically the DNA":
the reader takes the hyphen for a compound. Only where the source has a dash, with one of
two kinds of evidence:

- the word after the hyphen opens a clause and ends no compound (a sentence adverb, a
  possessive, a number after a common word);
- the count: the source has more dashes than the target renders (as —, –, --, " - ", or a
  hyphen before a function word, which en.punct.hyphen-as-dash flags), and the target has no
  more glued pairs that could be compounds than dashes are missing.

A pattern cannot count, so this is code; its word lists are in mtcheck/lang/en.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.lang.codes import base as base_lang
from mtcheck.lang.en import (
    CLAUSE_OPENERS,
    COMPOUND_HEADS,
    COMPOUND_TAILS,
    HYPHEN_DASH_WORDS,
    NUMBER_COMPOUND_HEADS,
)
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.nearby import match_near
from mtcheck.rule import Example, Hit, RuleInfo, Scope

#: A dash in the Chinese source: ——, —, a full-width dash, or hyphens set off by a space
#: next to Chinese text ("越来越近- 40000年前", "25万种-- 至少"). A hyphen glued between two
#: characters (和平救援-2021, 结束-新华网) is a name's or a headline's, not a dash.
_SOURCE_DASH = lazy(r"——|—+|–|－+|(?<=[\p{Han}，。；：！？”）])[ \t]*-+[ \t]+|[ \t]+-+[ \t]*(?=[\p{Han}“（])|--+")
_TARGET_DASH = lazy(r"—|–|--+|(?<=\S) - (?=\S)")
#: Two words (or a word and a number) joined by one hyphen, not part of a longer compound.
_GLUED_PAIR = lazy(r"(?<![\w'’-])(\p{L}+|\d+)-(\p{L}+|\d[\d,.]*\d|\d)(?![\w-])")
_HAN = lazy(r"\p{Han}")
#: A site name glued to a headline ("…Conference-Xinhuanet"): zh-en.news.site-suffix-hyphen's.
_SITE_SUFFIX = lazy(r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2}\s*$")


def _opens_clause(left: str, right: str) -> bool:
    """The word after the hyphen opens a clause: no compound ends in it."""
    if right[0].isdigit():
        return left.islower() and len(left) >= 3 and left not in NUMBER_COMPOUND_HEADS
    return right in CLAUSE_OPENERS


def _could_be_compound(left: str, right: str) -> bool:
    lower_left, lower_right = left.lower(), right.lower()
    return (
        left[0].isdigit()  # 8-foot, 3-D
        or len(left) == 1  # a-pyrrolidinylvalerone, e-commerce
        or (right[0].isdigit() and not left.islower())  # Rescue-2021, HQ-16
        or (left[0].isupper() and right[0].isupper())  # US-China, Producer-Consumer, Indo-Pacific
        or lower_right.endswith(("ed", "ing"))  # state-controlled, disease-associated, record-breaking
        or lower_left in COMPOUND_HEADS
        or lower_right in COMPOUND_TAILS
    )


def _dash_as_hyphen(segment: Segment) -> Iterator[Hit]:
    source, text = segment.source, segment.target
    if not source or "-" not in text or base_lang(segment.tgt_lang) not in (None, "en") or not _HAN.search(source):
        return
    missing = len(_SOURCE_DASH.findall(source)) - len(_TARGET_DASH.findall(text))
    if missing <= 0:
        return
    by_word: list[int] = []
    counted: list[int] = []
    for match in _GLUED_PAIR.finditer(text):
        left, right = match.group(1), match.group(2)
        hyphen = match.end(1)
        if f"-{right}" in source:
            continue  # the source's own hyphen, copied with its name or code (和平救援-2021)
        if match_near(_SITE_SUFFIX, text, hyphen + 1):
            missing -= 1  # zh-en.news.site-suffix-hyphen's finding
        elif right.lower() in HYPHEN_DASH_WORDS:
            missing -= 1  # en.punct.hyphen-as-dash's finding
        elif _opens_clause(left, right):
            by_word.append(hyphen)
        elif not _could_be_compound(left, right):
            counted.append(hyphen)
    missing -= len(by_word)
    if counted and len(counted) > missing:
        counted = []  # more candidates than missing dashes: some are compounds, none is known
    for hyphen in sorted(by_word + counted):
        why = "the next word opens a clause" if hyphen in by_word else "the source's dash is missing"
        fix = Fix((Edit(hyphen, hyphen + 1, " — "),), Safety.SUGGESTION, "Replace with a dash")
        yield Hit(hyphen, hyphen + 1, f"The source's dash rendered as a hyphen ({why}): write a dash (—)", fix)


DASH_AS_HYPHEN = BuiltinCheck(
    RuleInfo(
        id="punct.dash-as-hyphen",
        category="fluency/punctuation",
        severity=Severity.MINOR,
        summary="The Chinese dash (——) rendered as a hyphen glued to a word (“closer-40000 years ago”)",
        why="MT renders the Chinese dash —— as a bare hyphen glued to the next word; the reader "
        "takes it for a compound. Only where the source has a dash: when the next word opens a "
        "clause (an adverb, a possessive, a number), or when the source has more dashes than the "
        "target renders and the target has no more glued pairs than dashes are missing. On the TED "
        "zh→en MQM set it fires 0.73 times per 1,000 MT words, 70% of them within three "
        "characters of an annotated error (a random flagger of the same volume: 23%), never on "
        "the clean reference refB; on the WMT22 news test 0.04 on MT, never on a reference.",
        bad=(
            Example(
                "It's getting closer and closer-40000 years ago, we were still painting on cave walls.",
                source="它越来越近- 40000年前，我们还在洞穴的石壁上画画。",
                fix="It's getting closer and closer — 40000 years ago, we were still painting on cave walls.",
            ),
            Example(
                "We need to decode them into simple sequences-basically the DNA of our buildings.",
                source="我们需要把它们解码成简单的序列—— 基本上就是我们建筑的DNA。",
                fix="We need to decode them into simple sequences — basically the DNA of our buildings.",
            ),
            Example(
                "They are so important-plants have many other ways to reproduce.",
                source="它们是如此重要—— 植物有许多其他的繁殖方式。",
                fix="They are so important — plants have many other ways to reproduce.",
            ),
        ),
        good=(
            Example(
                "We need to decode them into simple sequences-basically the DNA of our buildings.",
                source="我们需要把它们解码成简单的序列，基本上就是我们建筑的DNA。",
            ),
            Example(
                "The “Peaceful rescue-2021” exercise — held in Guangxi — ended.",
                source="“和平救援-2021”演习——在广西举行——结束。",
            ),
            Example(
                "a self-esteem test on a four-year-old with a dam-like structure",
                source="一个四岁孩子的自尊测试——有一个像水坝的结构",
            ),
            Example(
                "The robots are large-scale — 8-foot, with hawk-moth wings and high-pitched sounds",
                source="这些机器人都是大规模的—— 8英尺",
            ),
            Example(
                "This is another kind of floret — located in different ultraviolet bands.",
                source="这是另一种小花—— 位于不同的紫外线频段。",
            ),
            Example(
                "Brazil's state-controlled oil company told the US-China conference",
                source="巴西国有石油公司——告诉中美会议",
            ),
        ),
        needs_source=True,
        scope=Scope(("en",)),
    ),
    _dash_as_hyphen,
    literals=frozenset({"-"}),
)
