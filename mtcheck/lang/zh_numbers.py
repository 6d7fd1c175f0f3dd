"""Numbers in Chinese text: numerals to values, and the numbers a sentence mentions.

A translation keeps a number's value, not its spelling: 2.5万 becomes 25,000, 十八大 the
18th Congress, 百分之三十 30%. So the source is read the way a translator reads it, into
values (exact fractions, never floats) with the readings a translation may choose
(90年代 is the '90s or the 1990s). Each mention also says whether a translation must
keep it: a bare 一 or 三 (一个人 "a person", 三个 "three") may become a word, an article
or nothing at all, while 十八, 2023年 or 第八 may not. Pure functions, no state.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from fractions import Fraction

import regex

from mtcheck.lazyre import lazy
from mtcheck.nearby import match_near


class Kind(enum.StrEnum):
    CARDINAL = "cardinal"
    ORDINAL = "ordinal"
    PERCENT = "percent"
    FRACTION = "fraction"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    DECADE = "decade"


@dataclass(frozen=True, slots=True)
class Mention:
    """A number in a text: ``values`` are the readings a faithful translation may use.

    ``required``: a translation must keep it (a significant number). ``flaggable``: when it
    appears in a translation without a counterpart in the source, it was added (numbers in
    digits; words like "one" are too idiomatic to count as additions).
    """

    start: int
    end: int
    value: Fraction
    kind: Kind = Kind.CARDINAL
    required: bool = True
    alternatives: frozenset[Fraction] = frozenset()
    flaggable: bool = True
    #: ``value`` and its ``alternatives``: what a counterpart must share one of.
    values: frozenset[Fraction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", self.alternatives | {self.value})


# --- numerals -------------------------------------------------------------------------

DIGITS: dict[str, int] = {
    **dict.fromkeys("〇零", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二贰貳两兩", 2),
    **dict.fromkeys("三叁參", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_ZEROS = frozenset("〇零")
SMALL_UNITS: dict[str, int] = {**dict.fromkeys("十拾", 10), **dict.fromkeys("百佰", 100), **dict.fromkeys("千仟", 1000)}
BIG_UNITS: dict[str, int] = {**dict.fromkeys("万萬", 10**4), **dict.fromkeys("亿億", 10**8)}
#: Every character a Chinese numeral is written with (廿 and 卅 are 20 and 30).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "廿卅"
_ABBREVIATED = str.maketrans({"廿": "二十", "卅": "三十"})


def _integer_value(text: str) -> int | None:
    """An integer numeral: positional (一百零五, 三千五, 两万五) or digit by digit (二〇二三)."""
    if all(ch in DIGITS for ch in text):
        if len(text) > 1 and ("两" in text or "兩" in text):
            return None  # 一两 is "one or two", not a digit string
        if len(text) > 60:
            return None  # no amount: a run of characters
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = section = small = 0
    digit: int | None = None
    unit = 0  # the last unit written: 三千五 is 3,500, its 五 counts in hundreds
    small_unit = 10**5  # units below 万 must fall: 十十 and 百千 are not numerals
    zero = False  # a 零 since the last unit: 一百零五 is 105, not 150
    for ch in text:
        if ch in _ZEROS:
            if digit is not None:
                return None
            zero = True
        elif ch in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            value = SMALL_UNITS[ch]
            if value >= small_unit or (digit is None and value != 10 and small):
                return None
            small += (1 if digit is None else digit) * value
            digit, unit, small_unit, zero = None, value, value, False
        else:
            value = BIG_UNITS[ch]
            small += digit or 0
            if value == 10**4:
                if small == 0 and section % 10**8:
                    return None  # 万万
                section += (small or 1) * value
            else:
                total = (total + section + small or 1) * value
                section = 0
            small, digit, unit, small_unit, zero = 0, None, value, 10**5, False
    value = total + section + small
    if digit is not None:
        value += digit * (unit // 10 if unit >= 100 and not zero else 1)
    return value


def numeral_value(text: str) -> Fraction | None:
    """The value of a Chinese numeral (十八 → 18, 三点五 → 3.5, 一亿两千万 → 120,000,000);
    None when ``text`` is not one numeral (三四 "three or four" is read digit by digit)."""
    text = text.translate(_ABBREVIATED)
    if not text:
        return None
    whole, dot, rest = text.partition("点")
    if not dot:
        value = _integer_value(text)
        return None if value is None else Fraction(value)
    # 三点五 is 3.5; 三点五亿 is 350 million: the units after the decimals scale the whole.
    decimals = rest.rstrip("".join(SMALL_UNITS) + "".join(BIG_UNITS))
    scale_text = rest[len(decimals) :]
    integer = _integer_value(whole) if whole else None
    if integer is None or not decimals or any(ch not in DIGITS for ch in decimals):
        return None
    value = Fraction(f"{integer}.{''.join(str(DIGITS[ch]) for ch in decimals)}")
    return value * scale(scale_text) if scale_text else value


def scale(units: str) -> int:
    """The multiplier a chain of units after a number stands for (千万 → 10⁷, 万亿 → 10¹²)."""
    result = 1
    for ch in units:
        result *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    return result


_GROUPING = str.maketrans("", "", ", \u00a0\u2009\u202f")


def arabic_value(text: str) -> Fraction:
    """Arabic digits as a Chinese text writes them: comma (or space) thousands, point decimals."""
    return Fraction(text.translate(_GROUPING))


# --- mentions -----------------------------------------------------------------------------

#: Full-width digits and marks, mapped one to one so offsets stay where they were.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# 三点五 is 3.5 and 三点五亿 350 million, but 三点五十分 is 3:50.
_CN = f"[{NUMERAL_CHARS}]+(?:点[〇零一二三四五六七八九]+(?![{NUMERAL_CHARS}]*分)[万亿]*)?"
# Thousands grouped with commas (14,000) or spaces (14 000, as some sources write them).
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUMBER = lazy(
    rf"(?P<pct>百分之(?P<pct_n>{_AR}|{_CN}))"
    rf"|(?P<frac>(?P<den>{_AR}|{_CN})分之(?P<num>{_AR}|{_CN}))"
    rf"|(?P<ord>第(?P<ord_n>{_AR}|{_CN}))"
    # 820万, and 820 万 as sources often space it; 2万4801 is 24,801.
    rf"|(?P<ar>{_AR})(?:\s?(?=[十百千]?[万亿]))?(?P<mult>[十百千]?[万亿]+|[十百千])?"
    r"(?:(?<=[万亿])(?P<rest>\d{1,4})(?![\d.,%]))?(?P<sign>%)?"
    rf"|(?P<cn>{_CN})"
)
# Idioms and words whose numerals count nothing: 十分 "very", 万一 "in case", 千万 "by all
# means", 百姓 "the people". Their numbers stay in the pool an added number is checked
# against, but a translation need not keep them.
_IDIOMS = lazy(
    rf"(?<![{NUMERAL_CHARS}])十分(?![钟鐘之])|十足|十字|十全十美|十有八九|十之八九|八九不离十|百分比|百分百|百分之百|百姓|百合|百科|百货|百度"
    r"|百般|百灵|百家争鸣|百花齐放|百发百中|百里挑一|百闻不如一见|千方百计|千奇百怪|千变万化|千篇一律|千载难逢"
    r"|千辛万苦|千军万马|千家万户|千丝万缕|千真万确|千钧一发|千里迢迢|千姿百态|千千万万|成千上万|成百上千|万紫千红"
    r"|万一|万物|万事|万分|万能|万岁|万象|万千|万般|万众|万古|万里|万全|万籁|万恶|万丈|万无一失|亿万|一本万利"
    r"|千万(?=[不别要莫记得小注])|乱七八糟|七上八下|七嘴八舌|横七竖八|九死一生|五花八门|五颜六色|四面八方|三番五次"
    r"|三心二意|一心一意|独一无二|数一数二|一石二鸟|一举两得|三三两两|接二连三|不三不四|丢三落四|说三道四|朝三暮四"
    r"|颠三倒四|四分五裂|一干二净|一清二楚|一箭双雕|半斤八两|举一反三|闻一知十|以一当十|一目十行|一成不变|三十而立"
    r"|数以[十百千万亿]+计|第一时间|第一线|第一大|(?<=世界|全球|全国|全省|全市|排名|位居|名列)第一|第二(?=[天日年])|(?:百万|亿万|千万)(?:富翁|富豪|富人)"
    # names and words: Bermuda, Broadway, Pepsi, a swing, Halloween, the Web, gravitation
    r"|百慕大|百老汇|百事|百威|百叶|百感|百态|百折不挠|百废待兴|百尺竿头|秋千|千金|千秋|千古|千禧|千里马|千岛"
    r"|万圣|万维网|万有引力|万花筒|万达|万科|万事达|万金油|万用|双十一|双11|双十二|十一(?=黄金周|长假|假期|期间)"
)
#: A vague quantity: 几十 "dozens", 数百 "hundreds", 上千 "a thousand or more", 十几 "a dozen or so".
_VAGUE_BEFORE = ("几", "数", "上", "成", "好几", "若干")
_VAGUE_AFTER = ("几",)
_WEEKDAY_BEFORE = ("星期", "礼拜", "周")
_HALF_AFTER = lazy(r"个?(?:小时|钟头|年|月|天|周|星期|世纪|公里|米|倍)?半")
_APPROX_SCALE = lazy(r"\s?([多余来几])([十百千]?[万亿]+|[十百千](?![克米瓦卡]))")
#: 千 before 克, 米, 瓦 or 卡 is the metric prefix: 3千米 is 3,000 metres or 3 km.
_KILO = lazy(r"(?<=千)[克米瓦卡]")
_LATIN_CODE = lazy(r"[A-Za-z]")
_CODE_HYPHEN = lazy(r"[A-Za-z]-$")
#: Units glued to a number: "5km" is a quantity, "MP3" and "4G" are names.
_GLUED_UNITS = lazy(r"(?i)(?:km|kg|cm|mm|m|g|mg|ml|l|kw|kwh|mph|ft|s|h|min|k|x)(?![A-Za-z])")


def _value(text: str) -> Fraction | None:
    if text[0].isdigit():
        return arabic_value(text)
    return numeral_value(text)


def _pieces(text: str, start: int) -> list[tuple[int, int, Fraction]]:
    """Split a run that is not one numeral (三四 "three or four", 十五六 "15 or 16",
    十一五) into its longest readable parts, left to right."""
    pieces = []
    i = 0
    while i < len(text):
        for j in range(len(text), i, -1):
            part = text[i:j]
            value = numeral_value(part) if (j - i == 1 or not all(ch in DIGITS for ch in part)) else None
            if value is not None:
                pieces.append((start + i, start + j, value))
                i = j
                break
        else:
            i += 1
    return pieces


def _suffix(text: str, end: int) -> str:
    return text[end : end + 3]


#: The cheap gate: a text without one of these has no required number (its numerals are
#: all small and unmarked, 一个, 三种), so find_numbers need not run for number.missing: a
#: digit, a numeral unit (十, 万), a percent sign or 第, or a numeral digit before another or
#: before 年, 月, 日, 号 or 点 (一九九九, 三月, 三点五; not 今年, 重点, 日本, which are most of
#: the texts an earlier gate on those characters alone let through).
_NUMERAL_DIGITS = "".join(DIGITS)
REQUIRED_GATE = lazy(rf"[\d０-９十百千万亿拾佰仟萬億廿卅%％第]|[{_NUMERAL_DIGITS}][年月日号点{_NUMERAL_DIGITS}]")


def find_numbers(text: str) -> list[Mention]:
    """Every number ``text`` mentions, in order, with the readings a translation may use.

    Required (must be kept): anything in Arabic digits, any numeral of 10 or more or with
    decimals, and anything marked as a percent (百分之, %), an ordinal (第), a fraction of tenths or finer,
    a year, month, day or decade (年, 月, 日, 年代), or a multiple of 万 or 亿. Not
    required: small bare numerals, vague quantities (几十, 数百, 十几, 三四), weekdays
    (星期三) and idioms (十分, 万一, 一心一意).
    """
    norm = text.translate(FULLWIDTH_DIGITS)
    idioms = [match.span() for match in _IDIOMS.finditer(norm)]
    mentions: list[Mention] = []
    pos = 0
    while (match := _NUMBER.search(norm, pos)) is not None:
        pos = match.end()
        in_idiom = any(s < match.end() and match.start() < e for s, e in idioms)
        if match.group("pct") is not None:
            mentions.extend(_percent(match, in_idiom))
        elif match.group("frac") is not None:
            mentions.extend(_fraction(match, in_idiom))
        elif match.group("ord") is not None:
            mentions.extend(_ordinal(match, in_idiom))
        else:
            found = _arabic(norm, match, in_idiom) if match.group("ar") is not None else _chinese(norm, match, in_idiom)
            mentions.extend(found)
            if found:
                pos = max(pos, found[-1].end)
    return _share_scales(norm, mentions)


#: Between the two ends of a range or a list: 180亿至210亿, 70、80年代, 1200万-1400万.
_RANGE = lazy(r"\s*(?:至|到|~|～|-|－|—|–|、|或|和|及)\s*")
_TRAILING_SCALE = lazy(r"[十百千]?[万亿]+$")


def _share_scales(text: str, mentions: list[Mention]) -> list[Mention]:
    """A range says its unit once: 180至210亿 may be "18 to 21 billion", 70、80年代 "the
    1970s and 1980s", and 20世纪70年代 "the 1970s" (the century is in the decade)."""
    out = list(mentions)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if text.startswith("世纪", first.end) and second.start == first.end + 2 and second.kind is Kind.DECADE:
            out[i] = replace(first, required=False)
            continue
        if (
            first.kind is not Kind.CARDINAL
            or first.value.denominator != 1
            or not _RANGE.fullmatch(text, first.end, second.start)
        ):
            continue
        if second.kind is Kind.DECADE and first.value < 100:
            readings = _decade_readings(text, second.start, first.value)
            out[i] = replace(first, kind=Kind.DECADE, alternatives=first.alternatives | readings)
            continue
        unit = _TRAILING_SCALE.search(text, second.start, second.end)
        if unit is not None and not _TRAILING_SCALE.search(text, first.start, first.end):
            out[i] = replace(first, alternatives=first.alternatives | {first.value * scale(unit.group())})
    return out


#: 七八十 "seventy or eighty", 六七十年代 "the sixties and seventies": two digits share a unit.
_SHARED_UNIT = lazy("([一二三四五六七八九])([一二三四五六七八九])([十百千万亿]+)")


def _shared_unit(text: str, match: regex.Match[str], start: int, kind: Kind) -> list[Mention]:
    """Each of the two digits times the unit, neither required (the source gives a range)."""
    unit = scale(match.group(3))
    end = start + len(match.group())
    first, second = DIGITS[match.group(1)] * unit, DIGITS[match.group(2)] * unit
    if kind is Kind.CARDINAL and unit == 10 and text.startswith("年代", end):
        return [
            Mention(start, start + 1, Fraction(first), Kind.DECADE, False, _decade_readings(text, start, first)),
            Mention(start + 1, end + 2, Fraction(second), Kind.DECADE, False, _decade_readings(text, start, second)),
        ]
    return [
        Mention(start, start + 1, Fraction(first), kind, False),
        Mention(start + 1, end, Fraction(second), kind, False),
    ]


def _percent(match: regex.Match[str], in_idiom: bool) -> list[Mention]:
    value = _value(match.group("pct_n"))
    shared = _SHARED_UNIT.fullmatch(match.group("pct_n"))
    if shared is not None:  # 百分之七八十: 70% or 80%
        return _shared_unit(match.string, shared, match.start("pct_n"), Kind.PERCENT)
    if value is None:
        return []
    return [Mention(match.start(), match.end(), value, Kind.PERCENT, required=not in_idiom)]


def _fraction(match: regex.Match[str], in_idiom: bool) -> list[Mention]:
    """三分之一 is "a third", 十分之一 "a tenth" or "10%", 千分之三 "0.3%" or "3 in 1,000"."""
    den, num = _value(match.group("den")), _value(match.group("num"))
    if den is None or num is None or den == 0:
        return []
    readings = frozenset({den, num, num / den, 100 * num / den})
    required = den >= 10 and not in_idiom
    return [Mention(match.start(), match.end(), num / den, Kind.FRACTION, required, readings)]


def _ordinal(match: regex.Match[str], in_idiom: bool) -> list[Mention]:
    value = _value(match.group("ord_n"))
    if value is None:
        return []
    return [Mention(match.start(), match.end(), value, Kind.ORDINAL, required=not in_idiom)]


def _calendar(
    text: str, start: int, end: int, value: Fraction, arabic: bool, required: bool
) -> tuple[int, Kind, bool, frozenset[Fraction]]:
    """What the character after a number makes of it: (end, kind, required, readings)."""
    after = _suffix(text, end)
    integer = value.denominator == 1
    significant = required and (arabic or value >= 10 or not integer)
    if after.startswith("年代") and integer:
        return end + 2, Kind.DECADE, required, _decade_readings(text, start, value)
    if after.startswith("年") and integer:
        if 1000 <= value < 3000 and (end - start == 4 if arabic else all(ch in DIGITS for ch in text[start:end])):
            return end + 1, Kind.YEAR, required, frozenset()  # 2023年, 一九九九年; not 140亿年
        if arabic and value < 100 and end - start == 2:
            return end, Kind.CARDINAL, required, frozenset({value + 1900, value + 2000})  # 98年 is 1998
        return end, Kind.CARDINAL, significant, frozenset()
    if after.startswith("月") and integer and 1 <= value <= 12:
        return end + 1, Kind.MONTH, required, frozenset()
    if after[:1] in ("日", "号") and integer and 1 <= value <= 31:
        dated = text[max(0, start - 1) : start] == "月"
        return end + 1, Kind.DAY, required and (arabic or dated or value >= 10), frozenset()
    if after[:1] in ("大", "届") and integer and not arabic and 11 <= value <= 29:
        # 十八大: the 18th Congress, held in 2012 (every five years since the 12th, 1982)
        held = frozenset({1982 + 5 * (value - 12)}) if value >= 12 and after[:1] == "大" else frozenset()
        return end + 1, Kind.ORDINAL, required, held
    if after[:1] == "后" and arabic and integer and end - start == 2:
        return end, Kind.CARDINAL, required, frozenset({value + 1900, value + 2000})  # 95后: born after 1995
    if after[:1] == "成" and integer and 1 <= value <= 9:
        return end, Kind.CARDINAL, False, frozenset({value * 10})  # 三成 is 30%
    if after[:1] == "倍":  # 增长1倍 "doubled", 10倍 "ten times" or "1,000%"
        return end, Kind.CARDINAL, significant, frozenset({value + 1, value * 100})
    if after[:1] in ("时", "点") and integer and 13 <= value <= 24:
        return end, Kind.CARDINAL, required, frozenset({value - 12})  # 15时 is 3 p.m.
    return end, Kind.CARDINAL, significant, frozenset()


_CENTURY_BEFORE = lazy(rf"(?:(?P<ar>\d{{1,2}})|(?P<cn>[{NUMERAL_CHARS}]{{1,3}}))世纪$")


def _decade_readings(text: str, start: int, value: Fraction) -> frozenset[Fraction]:
    """70年代 is the 1970s; 21世纪20年代 the 2020s: the century before it says which."""
    if value >= 100:
        return frozenset()
    century = _CENTURY_BEFORE.search(text, max(0, start - 5), start)
    number = None
    if century is not None:
        number = Fraction(century.group("ar")) if century.group("ar") else numeral_value(century.group("cn"))
    base = (number - 1) * 100 if number is not None and number.denominator == 1 and 1 <= number <= 30 else 1900
    return frozenset({base + value})


def _with_half(text: str, end: int, value: Fraction) -> frozenset[Fraction]:
    """两年半 is two and a half years: the half may join the number in a translation."""
    return frozenset({value + Fraction(1, 2)}) if match_near(_HALF_AFTER, text, end) else frozenset()


def _approximate_scale(text: str, end: int) -> tuple[int, int, bool]:
    """50多万 and 三十多万 are "more than 500,000" and "300,000 or so": the units after 多
    scale the number. Returns (multiplier, new end, vague: 十几万 is "100,000-odd")."""
    match = match_near(_APPROX_SCALE, text, end)
    if match is None:
        return 1, end, False
    return scale(match.group(2)), match.end(), match.group(1) == "几"


def _arabic(text: str, match: regex.Match[str], in_idiom: bool) -> list[Mention]:
    start, end = match.span()
    value = arabic_value(match.group("ar"))
    mult = match.group("mult")
    if mult:
        value *= scale(mult)
        if match.group("rest"):  # 2万4801: the digits after 万 count in ones
            value += Fraction(match.group("rest"))
    elif not match.group("sign"):
        factor, end, vague = _approximate_scale(text, end)
        value *= factor
        in_idiom = in_idiom or vague
    required = not in_idiom
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    code_before = _LATIN_CODE.match(before) or _CODE_HYPHEN.search(text, max(0, start - 2), start)
    if code_before or (_LATIN_CODE.match(after) and not match_near(_GLUED_UNITS, text, end)):
        required = False  # MP3, G20, 4G, COVID-19: names, copied or rendered as words
    if match.group("sign"):
        return [Mention(start, end, value, Kind.PERCENT, required)]
    readings = frozenset({value / 1000}) if match_near(_KILO, text, end) else frozenset()
    end, kind, required, extra = _calendar(text, start, end, value, True, required)
    return [Mention(start, end, value, kind, required, readings | extra | _with_half(text, end, value))]


def _chinese(text: str, match: regex.Match[str], in_idiom: bool) -> list[Mention]:
    start, end = match.span()
    run = match.group()
    if run == "千" and match_near(_KILO, text, end):
        return []  # 千米 "kilometre" on its own: a unit, not a number
    value = numeral_value(run)
    before = text[max(0, start - 2) : start]
    vague = before.endswith(_VAGUE_BEFORE) or text.startswith(_VAGUE_AFTER, end)
    weekday = before.endswith(_WEEKDAY_BEFORE)
    digit_string = value is not None and len(run) >= 3 and all(ch in DIGITS for ch in run)
    if digit_string and not (text.startswith("年", end) or any(ch in _ZEROS for ch in run)):
        value = None  # 一二三 is counting, not 123; 二〇二三年 and 一九九九年 are years
    shared = _SHARED_UNIT.fullmatch(run)
    if shared is not None:
        return _shared_unit(text, shared, start, Kind.CARDINAL)
    if value is None or (len(run) == 2 and all(ch in DIGITS for ch in run)):
        # 三四个 "three or four", 十五六 "15 or 16": each part may be meant, none is required.
        return [Mention(s, e, v, required=False) for s, e, v in _pieces(run, start)]
    factor, end, vaguer = _approximate_scale(text, end)
    value *= factor
    # A unit on its own (百年, 万人) is as often a word (a century, a myriad, the surname Wan).
    alone = len(run) == 1 and run in "百佰千仟万萬亿億"
    required = not (in_idiom or vague or vaguer or weekday or alone)
    dozen = frozenset({Fraction(12)}) if value == 10 and text[end : end + 1] in ("多", "余", "来") else frozenset()
    kilo = frozenset({value / 1000}) if match_near(_KILO, text, end) else frozenset()
    end, kind, required, extra = _calendar(text, start, end, value, False, required)
    return [Mention(start, end, value, kind, required, kilo | dozen | extra | _with_half(text, end, value))]


_DIGIT_RUN = lazy(f"[{''.join(DIGITS)}]{{2,}}")
_MONTH_DAY_CODE = lazy(r"(?<![\d.])(1[0-2]|[1-9])([12]\d|3[01]|0[1-9])(?![\d.])")
_DOTTED_DATE = lazy(r"(?<!\d)(\d{1,2})[·・．.](\d{1,2})(?!\d)")

#: Characters that stand for a number without being numerals: 首次 "the first time",
#: 双 "a pair", 半 "half". An added number equal to one of them is not an addition.
IMPLIED: dict[str, tuple[Fraction, ...]] = {
    **dict.fromkeys("首头初单独唯", (Fraction(1),)),
    **dict.fromkeys("双俩对", (Fraction(2),)),
    "仨": (Fraction(3),),
    "半": (Fraction(1, 2), Fraction(50), Fraction(30)),  # half, 50%, half past (:30)
    "打": (Fraction(12),),
}


_CHAR_VALUES: dict[str, tuple[Fraction, ...]] = {
    **{ch: (Fraction(value),) for table in (DIGITS, SMALL_UNITS, BIG_UNITS) for ch, value in table.items()},
    **IMPLIED,
}
_POOL_CHARS = lazy(f"[{''.join(_CHAR_VALUES)}]")


def pool(text: str, mentions: list[Mention]) -> frozenset[Fraction]:
    """Every value ``text`` could account for in a translation: its mentions' readings,
    each numeral character on its own, and what IMPLIED characters stand for."""
    values: set[Fraction] = set()
    for mention in mentions:
        values |= mention.values
    for match in _DOTTED_DATE.finditer(text):
        values.add(Fraction(f"{match.group(1)}.{match.group(2)}"))  # 4·15 may be written “4.15”
    for match in _DIGIT_RUN.finditer(text):  # 九一八 "September 18", 五四 "May 4"
        run = match.group()
        parts = (_integer_value(run[i:j]) for i in range(len(run)) for j in range(i + 1, len(run) + 1))
        values.update(Fraction(part) for part in parts if part is not None)
        if len(run) == 2 and (year := _integer_value(run)) is not None:
            values.update({Fraction(1900 + year), Fraction(2000 + year)})  # 九二共识: the 1992 Consensus
    for match in _MONTH_DAY_CODE.finditer(text):  # 618, 双11: shopping days named by their date
        values.update({Fraction(match.group(1)), Fraction(match.group(2))})
    for ch in set(_POOL_CHARS.findall(text)):
        values.update(_CHAR_VALUES[ch])
    return frozenset(values)
