"""Numbers across source and target: mtcheck.lang.zh_numbers and number.missing / number.extra.

The check rows are real shapes: the zh→en news seed (十八大, 第八个, 4月15日), the TED MQM set
(2.5万, 两百五十万, 每一百万) and the idioms whose numerals count nothing (十分, 万一, 千万).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtcheck.checks import numbers
from mtcheck.checks.numbers import EXTRA, MISSING, read_numbers
from mtcheck.engine import Checker
from mtcheck.lang.zh_numbers import REQUIRED_GATE, Kind, find_numbers, numeral_value, pool, scale
from mtcheck.model import Origin, Segment, Side

# --- numerals to values -------------------------------------------------------------------

NUMERALS = [
    ("一", 1),
    ("两", 2),
    ("十", 10),
    ("十八", 18),
    ("二十", 20),
    ("一十", 10),
    ("二十一", 21),
    ("廿一", 21),
    ("一百", 100),
    ("一百零五", 105),
    ("一百一十", 110),
    ("一百五", 150),  # colloquial: the last digit counts in the next unit down
    ("一千零五十", 1050),
    ("三千五百", 3500),
    ("三千五", 3500),
    ("两万", 20000),
    ("两万五", 25000),
    ("十万", 100000),
    ("五十万", 500000),
    ("一百万", 1000000),
    ("两百五十万", 2500000),
    ("一千二百万", 12000000),
    ("十亿", 1000000000),
    ("一亿两千万", 120000000),
    ("三亿五千万", 350000000),
    ("一万亿", 10**12),
    ("二十万零三", 200003),
    ("壹佰贰拾叁", 123),
    ("二〇二三", 2023),  # digit by digit, as years are written
    ("一九九九", 1999),
    ("三点五", Fraction(7, 2)),
    ("零点五", Fraction(1, 2)),
    ("三点五亿", 350000000),
]


@pytest.mark.parametrize(("text", "value"), NUMERALS, ids=[row[0] for row in NUMERALS])
def test_numeral_value(text: str, value: int | Fraction) -> None:
    assert numeral_value(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百千", "万万", "一两", "点五", "三点"])
def test_not_one_numeral(text: str) -> None:
    assert numeral_value(text) is None


def test_scale_of_units_after_a_number() -> None:
    assert scale("万") == 10**4
    assert scale("千万") == 10**7
    assert scale("万亿") == 10**12


_DIGIT_NAMES = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """The standard written form of ``n`` (a reference writer for the round trip)."""
    if n == 0:
        return "零"

    def section(value: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = value // unit % 10
            if digit:
                out += ("零" if zero else "") + _DIGIT_NAMES[digit] + name
                zero = False
            elif out:
                zero = True
        return out

    out, gap = "", False
    for value, name in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if value == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += section(value) + name
        gap = False
    return out


@given(st.integers(min_value=0, max_value=10**12 - 1))
@example(100005)
@example(10_000_001)
@example(110)
def test_numeral_round_trip(n: int) -> None:
    assert numeral_value(chinese(n)) == n


# --- the numbers a Chinese source mentions -------------------------------------------------

CN = Kind.CARDINAL
MENTIONS = [
    ("党的十八大以来", [("十八大", 18, Kind.ORDINAL, True)]),
    ("第八个全民国家安全教育日", [("第八", 8, Kind.ORDINAL, True)]),
    ("至少有2.5万种", [("2.5万", 25000, CN, True)]),
    ("有3亿人", [("3亿", 300000000, CN, True)]),
    ("百分之三十的人", [("百分之三十", 30, Kind.PERCENT, True)]),
    ("增长30%", [("30%", 30, Kind.PERCENT, True)]),
    ("增长３０％", [("３０％", 30, Kind.PERCENT, True)]),  # full-width digits, same offsets
    ("２０２３年", [("２０２３年", 2023, Kind.YEAR, True)]),
    (
        "2023年4月15日",
        [("2023年", 2023, Kind.YEAR, True), ("4月", 4, Kind.MONTH, True), ("15日", 15, Kind.DAY, True)],
    ),
    ("一九九九年", [("一九九九年", 1999, Kind.YEAR, True)]),
    ("140亿年过去了", [("140亿", 14000000000, CN, True)]),  # a duration, not a year
    ("90年代", [("90年代", 90, Kind.DECADE, True)]),
    ("50多万", [("50多万", 500000, CN, True)]),
    ("三十多万人", [("三十多万", 300000, CN, True)]),
    ("十八个人", [("十八", 18, CN, True)]),
    ("三个人", [("三", 3, CN, False)]),  # "three", "a few" or nothing: not required
    ("一个人", [("一", 1, CN, False)]),
    ("三点五倍", [("三点五", Fraction(7, 2), CN, True)]),
    ("十分之一", [("十分之一", Fraction(1, 10), Kind.FRACTION, True)]),
    ("三分之二", [("三分之二", Fraction(2, 3), Kind.FRACTION, False)]),
    ("三四个", [("三", 3, CN, False), ("四", 4, CN, False)]),  # "three or four"
    ("十几个", [("十", 10, CN, False)]),  # "a dozen or so"
    ("几十年", [("十", 10, CN, False)]),
    ("数百万人", [("百万", 1000000, CN, False)]),
    ("十分重要", [("十", 10, CN, False)]),  # "very"
    ("十分钟", [("十", 10, CN, True)]),  # "ten minutes"
    ("万一出事", [("万一", 11000, CN, False)]),  # read as 万一千, but an idiom: "in case"
    ("千万不要", [("千万", 10000000, CN, False)]),
    ("星期三", [("三", 3, CN, False)]),
    ("第二天", [("第二", 2, Kind.ORDINAL, False)]),  # "the next day"
    ("MP3和G20", [("3", 3, CN, False), ("20", 20, CN, False)]),
    ("新冠COVID-19", [("19", 19, CN, False)]),
    ("5km", [("5", 5, CN, True)]),
    ("三点五十分", [("三", 3, CN, False), ("五十", 50, CN, True)]),  # 3:50, not 3.5
    ("千米", []),  # the unit "kilometre"
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[row[0] for row in MENTIONS])
def test_find_numbers(text: str, expected: list[tuple[str, int | Fraction, Kind, bool]]) -> None:
    found = [(text[m.start : m.end], m.value, m.kind, m.required) for m in find_numbers(text)]
    assert found == expected


@settings(max_examples=3000)
@given(
    st.text(
        alphabet="一二三四五六七八九两〇零壹贰叁兩个人年月日号第十百千万亿廿卅"
        "半成倍分之点几数上周星期初元正3%％．１ab ，",
        max_size=12,
    )
)
@example("三点五")
@example("一九九九年")
@example("二〇二三")
@example("零点五")
def test_a_text_outside_the_gate_has_no_required_number(text: str) -> None:
    if REQUIRED_GATE.search(text) is None:
        assert [m for m in find_numbers(text) if m.required] == []


def test_readings_a_translation_may_choose() -> None:
    (decade,) = find_numbers("80年代")
    assert decade.values == {80, 1980}
    (congress,) = find_numbers("十八大")
    assert congress.values == {18, 2012}  # "since the 18th Congress in 2012"
    (years,) = find_numbers("两年半")
    assert years.values == {2, Fraction(5, 2)}
    (times,) = find_numbers("增长1倍")
    assert times.values == {1, 2, 100}  # doubled, a 100% rise
    (hour,) = find_numbers("15时")
    assert hour.values == {15, 3}  # 3 p.m.


def test_pool_holds_every_value_the_source_can_account_for() -> None:
    text = "“九一八”事变，一心一意，首次，4·15"
    values = pool(text, find_numbers(text))
    assert {Fraction(18), Fraction(918), Fraction(1), Fraction(9), Fraction("4.15")} <= values


# --- the numbers an English target mentions ---------------------------------------------------

ENGLISH = [
    ("Since the 18th CPC National Congress", [("18th", 18, True)]),
    ("25,000 and 2.5 million", [("25,000", 25000, True), ("2.5 million", 2500000, True)]),
    ("30% and 30 percent and 30 per cent", [("30%", 30, True), ("30 percent", 30, True), ("30 per cent", 30, True)]),
    ("twenty-five and one hundred and five", [("twenty-five", 25, False), ("one hundred and five", 105, False)]),
    ("a billion years and fourteen billion", [("a billion", 10**9, False), ("fourteen billion", 14 * 10**9, False)]),
    ("the eighth day and the twenty-first", [("eighth", 8, False), ("twenty-first", 21, False)]),
    ("one, two", [("one", 1, False), ("two", 2, False)]),
    ("April 15, 2023", [("April", 4, False), ("15", 15, True), ("2023", 2023, True)]),
    ("World War II", [("II", 2, False)]),
    ("in the 1990s", [("1990s", 1990, True)]),
    ("MP3, 3D, COVID-19 and 5km", [("3", 3, False), ("3", 3, False), ("19", 19, False), ("5", 5, True)]),
    ("at 3:00", [("3", 3, True)]),
    ("over a decade, twice", [("decade", 10, False), ("twice", 2, False)]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH, ids=[row[0] for row in ENGLISH])
def test_read_numbers(text: str, expected: list[tuple[str, int, bool]]) -> None:
    found = sorted(read_numbers(text), key=lambda m: (m.start, -m.end))
    assert [(text[m.start : m.end], m.value, m.flaggable) for m in found] == expected


def test_english_readings() -> None:
    def values(text: str) -> set[Fraction]:
        return {value for mention in read_numbers(text) for value in mention.values}

    assert 2500000 in values("two and a half million parts")
    assert 500000 in values("half a million")
    assert 250000 in values("a quarter of a million")
    assert 30 in values("three decades")
    assert {90, 1990} <= values("the nineties")
    assert {4, 15} <= values("the “4.15” day")  # 4·15, written with a point
    assert 1000 in values("1 000 espèces")


# --- number.missing and number.extra -----------------------------------------------------------


def hits(source: str | None, target: str, src_lang: str | None = None, tgt_lang: str | None = "en"):
    segment = Segment("t", target, Origin("t", 1), source=source, src_lang=src_lang, tgt_lang=tgt_lang)
    return [(h.side, h.start, h.end, h.message) for check in (MISSING, EXTRA) for h in check.hits(segment)]


S, T = Side.SOURCE, Side.TARGET

PAIRS = [
    # 十八大 vs 18th
    ("党的十八大以来", "Since the 18th CPC National Congress", []),
    (
        "党的十八大以来",
        "Since the 19th CPC National Congress",
        [
            (S, 2, 5, "Number 18 (十八大) of the source is missing in the target"),
            (T, 10, 14, "Number 19th is not in the source"),
        ],
    ),
    ("党的十八大以来", "Since the 18th CPC National Congress in 2012", []),
    # 第八个 vs eighth
    ("4月15日是第八个全民国家安全教育日", "April 15 is the eighth National Security Education Day.", []),
    (
        "4月15日是第八个全民国家安全教育日",
        "April 15 is National Security Education Day.",
        [(S, 6, 8, "Number 8 (第八) of the source is missing in the target")],
    ),
    (
        "15日是第八个全民国家安全教育日",
        "The 15th is the 8th National Security Education Day.",
        [],
    ),
    # 2.5万 vs 25,000
    ("至少有2.5万种兰花", "There are at least 25,000 species of orchids.", []),
    ("至少有2.5万种兰花", "There are at least 25 thousand species of orchids.", []),
    (
        "至少有2.5万种兰花",
        "There are at least 2,500 species of orchids.",
        [
            (S, 3, 7, "Number 25,000 (2.5万) of the source is missing in the target"),
            (T, 19, 24, "Number 2,500 is not in the source"),
        ],
    ),
    # 百分之三十 vs 30%
    ("百分之三十的人", "30% of people", []),
    ("百分之三十的人", "Thirty percent of people", []),
    (
        "百分之三十的人",
        "13% of people",
        [
            (S, 0, 5, "Number 30 (百分之三十) of the source is missing in the target"),
            (T, 0, 3, "Number 13% is not in the source"),
        ],
    ),
    # 2023年4月15日 vs April 15, 2023
    ("2023年4月15日", "April 15, 2023", []),
    ("2023年4月15日", "15 April 2023", []),
    (
        "2023年4月15日",
        "April 16, 2023",
        [
            (S, 7, 10, "Number 15 (15日) of the source is missing in the target"),
            (T, 6, 8, "Number 16 is not in the source"),
        ],
    ),
    ("2023年4月15日", "May 15, 2023", [(S, 5, 7, "Number 4 (4月) of the source is missing in the target")]),
    # the TED set
    ("两百五十万个部分", "two and a half million parts", []),
    (
        "两百五十万个部分",
        "five and a half million parts",
        [(S, 0, 5, "Number 2,500,000 (两百五十万) of the source is missing in the target")],
    ),
    ("谋杀率从每一百万15 起直到150 起。", "The murder rate ranges from 15 to 150 per million.", []),
    (
        "谋杀率从每一百万15 起直到150 起。",
        "The rate of murder ranged from 15 to 150.",
        [(S, 5, 8, "Number 1,000,000 (一百万) of the source is missing in the target")],
    ),
    ("有25万种-- 至少我们知道的有这么多-- 25万中开花植物。", "a quarter of a million -- a quarter of a million", []),
    ("比较每个国家的前20% 与后20% 的收入差距", "the gap between the top and bottom 20%", []),
    ("140亿年过去了", "Fourteen billion years have passed", []),
    (
        "不仅是它将升温至155华氏度",
        "it raises itself to 115 Fahrenheit",
        [
            (S, 8, 11, "Number 155 of the source is missing in the target"),
            (T, 20, 23, "Number 115 is not in the source"),
        ],
    ),
    ("看左面，[1,1] 的输入等于0输出", "On the left, [1,1] input equals 0 output", []),
    ("这个物体", "All for less than $9 a month.", [(T, 19, 20, "Number 9 is not in the source")]),
    # a number said in a way a translation may choose
    ("十年来", "Over the past decade", []),
    ("十多个国家", "more than a dozen countries", []),
    ("近百年来", "over the past century", []),
    ("上世纪80年代", "in the 1980s", []),
    ("上世纪80年代", "in the eighties", []),
    ("该市人口增长了1倍", "The city's population doubled", []),
    ("会议于15时开幕", "The meeting opened at 3 p.m.", []),
    ("4·15全民国家安全教育日", "the “4.15” National Security Education Day", []),
    ("“九一八”事变", "the September 18th Incident", []),
    ("十九届六中全会", "the Sixth Plenary Session of the 19th CPC Central Committee", []),
    ("我们实现了第一个百年奋斗目标", "We have realized the first centenary goal", []),
    ("二十国集团峰会", "The G20 summit", []),
    ("两年半的时间", "2.5 years", []),
    # idioms and small numbers: nothing to keep
    ("这对一个人十分重要", "This matters a great deal to a person.", []),
    ("他有三个孩子", "He has kids.", []),
    ("万一出现问题", "In case of problems", []),
    ("千万不要忘记历史", "We must never forget history", []),
    ("数以万计的游客", "Tens of thousands of tourists", []),
    ("几十年来", "For decades", []),
    ("第二天，他们又回来了", "The next day, they came back", []),
    ("全球第一大经济体", "the world's largest economy", []),
    ("老百姓的生活", "the lives of ordinary people", []),
    ("他们全天候工作", "They work 24/7", []),
    ("经济学入门", "Economics 101", []),
    # numbers that are names, addresses or code
    ("下载这个文件", "Download the MP3 at https://example.com/2019/", []),
    ("新冠肺炎疫情", "the COVID-19 epidemic", []),
    ("你好，{0}", "Hello {0}", []),
]


@pytest.mark.parametrize(("source", "target", "expected"), PAIRS, ids=[f"{row[0]}|{row[1][:30]}" for row in PAIRS])
def test_missing_and_extra(source: str, target: str, expected) -> None:
    assert hits(source, target) == expected


def test_a_number_said_twice_must_be_there_twice() -> None:
    source = "有25万种-- 至少我们知道的有这么多-- 25万中开花植物。"
    target = "There are 250000 species - at least as many as we know - of flowering plants."
    assert hits(source, target) == [(S, 22, 25, "Number 250,000 (25万) of the source is missing in the target")]


def test_nothing_without_a_source_or_for_a_cjk_or_untranslated_target() -> None:
    assert hits(None, "Since the 19th CPC National Congress") == []
    assert hits("党的十八大以来", "党的十九大以来", tgt_lang="zh") == []
    assert hits("党的十八大以来", "党的十八大以来 since") == []  # untranslated.* reports it
    assert hits("", "Nothing") == []


def test_latin_script_sources() -> None:
    assert hits("Es gibt 1.000 Arten und drei Gattungen.", "There are 1,000 species and 3 genera.") == []
    assert hits("La tasa es del 3,5%", "The rate is 3.5%") == []
    assert hits("La tasa es del 3,5%", "The rate is 35%") == [
        (S, 15, 19, "Number 3,5% of the source is missing in the target"),
        (T, 12, 15, "Number 35% is not in the source"),
    ]
    # English words are read in English only: "drei" and "trois" may stand for 3.
    assert hits("There are 1,000 species and three genera.", "Il y a 1 000 espèces et 3 genres.") == []
    assert hits("There are 1,500 species.", "Es gibt 1.600 Arten.", "en", "de") == [
        (S, 10, 15, "Number 1,500 of the source is missing in the target"),
        (T, 8, 13, "Number 1.600 is not in the source"),
    ]
    assert hits("这有2.5万种", "Es gibt 25.000 Arten", "zh", "de") == []
    assert hits("这有三十种", "Il y en a trente", "zh", "fr") == []  # 30 may be a word


def test_engine_reports_missing_numbers_on_the_source() -> None:
    segment = Segment("t", "Since the 19th Congress", Origin("t", 1), source="党的十八大以来")
    findings = Checker([MISSING, EXTRA]).check_segment(segment)
    assert [(f.rule, f.side, f.text) for f in findings] == [
        ("number.extra", Side.TARGET, "19th"),
        ("number.missing", Side.SOURCE, "十八大"),
    ]


def test_the_comparison_is_shared_by_both_checks() -> None:
    numbers._compare.cache_clear()
    hits("党的十八大以来", "Since the 19th CPC National Congress")
    info = numbers._compare.cache_info()
    assert (info.misses, info.hits) == (1, 1)


# --- normalisations that stop false alarms (issue 15; shapes from WMT news zh→en) ---------------

NORMALISED = [
    # 九二共识: a two-digit year written digit by digit
    ("坚持九二共识", "upholding the 1992 Consensus"),
    # a range says its scale once, on either side
    ("预计营收180亿至210亿元", "revenue of 18 to 21 billion yuan"),
    ("预计营收180亿至210亿元", "revenue of between 18 and 21 billion yuan"),
    ("预计营收180至210亿元", "revenue of 18 billion to 21 billion yuan"),
    ("1200万至1400万人", "12 to 14 million people"),
    ("1200万-1400万人", "12-14 million people"),
    # decades: the century is inside the decade
    ("20世纪70年代", "in the 1970s"),
    ("21世纪20年代", "in the 2020s"),
    ("20世纪六七十年代", "in the 1960s and 1970s"),
    ("上世纪70、80年代", "in the 1970s and 1980s"),
    # how sources write numbers: space-grouped, a space before 万, 万 inside a number
    ("共有14 000人", "a total of 14,000 people"),
    ("支付了 1000 万美元", "paid $10 million"),
    ("投资了 500 多万英镑", "invested more than £5m"),
    ("沙巴今年共发出2万4801张报生纸", "Sabah has issued 24,801 birth certificates this year"),
    # two digits sharing a unit, a generation, a shopping day
    ("百分之七八十能救过来", "70% or 80% of them can be saved"),
    ("95后的弟弟", "a young man born after 1995"),
    ("等418银行活动", "to wait for the bank offers on April 18"),
]


@pytest.mark.parametrize(("source", "target"), NORMALISED, ids=[f"{s}|{t[:30]}" for s, t in NORMALISED])
def test_normalised_numbers_are_no_false_alarm(source: str, target: str) -> None:
    assert [h for h in hits(source, target) if h[0] is T] == []
    if source != "等418银行活动":  # 418 is required: "April 18" is a reading, not the number
        assert hits(source, target) == []


def test_normalisations_still_catch_wrong_numbers() -> None:
    assert hits("营收12亿元", "revenue of 12 to 14 billion yuan") == [
        (S, 2, 5, "Number 1,200,000,000 (12亿) of the source is missing in the target"),
        (T, 11, 13, "Number 12 is not in the source"),
        (T, 17, 27, "Number 14 billion is not in the source"),
    ]
    assert hits("20世纪70年代", "in the 1980s") == [
        (S, 4, 8, "Number 70 (70年代) of the source is missing in the target"),
        (T, 7, 12, "Number 1980s is not in the source"),
    ]
    assert hits("共有14 000人", "a total of 14,500 people") == [
        (S, 2, 8, "Number 14 000 of the source is missing in the target"),
        (T, 11, 17, "Number 14,500 is not in the source"),
    ]


def test_source_number_shapes() -> None:
    (grouped,) = find_numbers("共有14 000人")
    assert (grouped.value, grouped.required) == (14000, True)
    (spaced,) = find_numbers("支付了 1000 万美元")
    assert spaced.value == 10**7
    (inner,) = find_numbers("2万4801张")
    assert inner.value == 24801
    century, decade = find_numbers("20世纪70年代")
    assert (century.required, decade.kind, decade.values) == (False, Kind.DECADE, {70, 1970})
    first, second = find_numbers("180亿至210亿元")
    assert first.values == {18 * 10**9} and second.values == {21 * 10**9}
    low, _high = find_numbers("180至210亿元")
    assert low.values == {180, 18 * 10**9}
    seventy, eighty = find_numbers("百分之七八十")
    assert [(m.value, m.kind, m.required) for m in (seventy, eighty)] == [
        (70, Kind.PERCENT, False),
        (80, Kind.PERCENT, False),
    ]
    assert {1992, 2092} <= pool("九二共识", find_numbers("九二共识"))


def test_english_ranges_share_their_scale() -> None:
    def values(text: str) -> list[set[Fraction]]:
        return [set(m.values) for m in sorted(read_numbers(text), key=lambda m: m.start)]

    assert values("18 to 21 billion") == [{18, 18 * 10**9}, {21 * 10**9}]
    assert values("between 5 and 6 million") == [{5, 5 * 10**6}, {6 * 10**6}]
    assert values("$12-$14 million") == [{12, 12 * 10**6}, {14 * 10**6}]
    assert values("£5m and 5m") == [{5 * 10**6}, {5}]  # money, then metres
    assert values("18 and 21") == [{18}, {21}]  # no scale: nothing shared
