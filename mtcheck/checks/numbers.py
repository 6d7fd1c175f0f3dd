"""Numbers: how they are written in the target, and whether the source's numbers survive.

``number.missing`` and ``number.extra`` compare the numbers of source and target as
values (zh-en-domain.md §4.2 S-4): 2.5万 == 25,000 == "25 thousand", 十八大 == "18th",
4月 == "April". The Chinese side is read by mtcheck.lang.zh_numbers; the English side here.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from fractions import Fraction

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.checks.punctuation import NOT_CJK
from mtcheck.gates import Gate
from mtcheck.lang.codes import base as base_lang
from mtcheck.lang.codes import is_cjk
from mtcheck.lang.script import mostly_cjk
from mtcheck.lang.zh_numbers import REQUIRED_GATE, Kind, Mention, find_numbers, pool
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity, Side
from mtcheck.nearby import match_near
from mtcheck.placeholders import protected_spans
from mtcheck.protected import merged, overlaps
from mtcheck.rule import Example, Hit, RuleInfo, Scope

# Five to nine digits, not part of a decimal, a code, a time or a range of digits. Ten or
# more ungrouped digits are an identifier (ISBN 9787512415812, mobile 18912251735), never a
# quantity a writer would leave ungrouped.
_LONG_NUMBER = lazy(r"(?<![\w.,/:#+-])\d{5,9}(?![\w/:-]|[.,]\d|\d)")
#: Words before a number that make it an identifier, not a quantity: "No. 12345", "hotline
#: 95110", "call 12345", "phone number is 18912251735".
_IDENTIFIER_CUE = lazy(
    r"(?i)\b(?:no|nos|number|id|isbn|issn|code|zip|postcode|tel|phone|telephone|fax|hotline|helpline|dial|call"
    r"|room|account|ref|patent|model|serial)\.?(?:\s+(?:is|was|at|on))?:?\s*$"
)
#: ... or after it: "the 95110 hotline", "the 12306 website", "600884.SH" (a stock code).
_IDENTIFIER_AFTER = lazy(r"(?i)\s+(?:hotlines?|helplines?|service line|website|app)\b|(?-i:\.[A-Z]{2}\b)")
#: An acronym before a number names a standard or an item (ISO 27001, GB 18030, RFC 2616);
#: a currency code before it is a sum (RMB 25000), which English groups.
_ACRONYM_BEFORE = lazy(r"\b(?P<code>[A-Z]{2,5})(?:/[A-Z]{1,2})?[ \u00a0-]?$")
_CURRENCY_CODES = frozenset("USD RMB CNY EUR GBP JPY HKD AUD CAD SGD CHF KRW INR RUB NZD TWD MOP THB MYR".split())
#: A longer run of digits is no amount anyone writes (and Python would not convert it).
MAX_DIGITS = 60


def _grouped(digits: str) -> str:
    return f"{int(digits):,}"


def _identifier(text: str, start: int, end: int) -> bool:
    """A code, a standard, a phone number: digits that name, not count."""
    if _IDENTIFIER_CUE.search(text, max(0, start - 40), start) or match_near(_IDENTIFIER_AFTER, text, end):
        return True
    acronym = _ACRONYM_BEFORE.search(text, max(0, start - 12), start)
    return acronym is not None and acronym.group("code") not in _CURRENCY_CODES


def _thousands_separator(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    for match in _LONG_NUMBER.finditer(text):
        start, end = match.span()
        if match.group().startswith("0") or _identifier(text, start, end):
            continue
        grouped = _grouped(match.group())
        fix = Fix((Edit(start, end, grouped),), Safety.SUGGESTION, f"Write “{grouped}”")
        yield Hit(start, end, f"“{match.group()}” has no thousands separators: “{grouped}”", fix)


THOUSANDS_SEPARATOR = BuiltinCheck(
    RuleInfo(
        id="number.thousands-separator",
        category="locale/number-format",
        severity=Severity.MINOR,
        summary="A number of five or more digits without thousands separators in an English target",
        why="Chinese writes 25万 or 250000; English groups digits in threes (250,000). MT copies "
        "the digits unchanged. On the TED zh→en MQM set 52 of the 70 hits on MT are marked "
        "by the annotators. Identifiers are not quantities: a number after No., ZIP, hotline or "
        "call, a stock code (600884.SH), a standard after its acronym (ISO 27001, GB 18030; not a "
        "currency code: RMB 25000 is a sum), ten or more digits (an ISBN, a mobile number), "
        "decimals and codes.",
        bad=(
            Example("There are 250000 species of orchids.", fix="There are 250,000 species of orchids."),
            Example("about 40000 years ago", fix="about 40,000 years ago"),
            Example("a fee of RMB 25000", fix="a fee of RMB 25,000"),
        ),
        good=(
            Example("There are 250,000 species."),
            Example("Call No. 12345 or room 10001."),
            Example("Shanshan (600884.SH) certified to ISO 27001 and GB 18030"),
            Example("Call the hotline 95110, or the 12345 hotline; our phone number is 18912251735."),
            Example("ISBN 9787512415812"),
            Example("pi is 3.14159 and the year is 2023"),
            Example("ZIP 02139, serial 000123456"),
        ),
        scope=Scope(("en",)),  # other languages group with spaces or points, or not at all
    ),
    _thousands_separator,
    gate=Gate(r"\d\d\d\d\d"),  # _LONG_NUMBER's five digits
)


# --- number.missing and number.extra: the English side ------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_ONES = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: English number words: (value, role in a compound: one, ten or scale, ordinal?).
_WORDS: dict[str, tuple[int, str, bool]] = {
    **{word: (value, "one", False) for value, word in enumerate(_ONES)},
    **{word: (20 + 10 * i, "ten", False) for i, word in enumerate(_TENS)},
    **{word: (value, "one", True) for value, word in enumerate(_ORDINAL_ONES)},
    **{word: (20 + 10 * i, "ten", True) for i, word in enumerate(_ORDINAL_TENS)},
    **{word: (value, "scale", False) for word, value in _SCALES.items()},
    **{f"{word}th": (value, "scale", True) for word, value in _SCALES.items()},
}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_SCALE_WORD = "|".join(_SCALES)
_NUMBER_WORDS = lazy(
    rf"(?i)\b(?:an?\s+(?=(?:{_SCALE_WORD})\b))?(?:{_WORD})(?:(?:\s*-\s*|\s+(?:and\s+)?)(?:{_WORD}))*\b"
)
#: Words that stand for numbers without being numerals: "twice", "a decade" (十年),
#: "a century" (百年), "half" (一半, 百分之五十), "the nineties" (90年代).
_OTHER_WORDS: dict[str, tuple[Fraction, ...]] = {
    "once": (Fraction(1),),
    "twice": (Fraction(2),),
    "thrice": (Fraction(3),),
    "double": (Fraction(2),),
    "doubled": (Fraction(2),),
    "triple": (Fraction(3),),
    "tripled": (Fraction(3),),
    "quadrupled": (Fraction(4),),
    "both": (Fraction(2),),
    "centenary": (Fraction(100),),
    "centennial": (Fraction(100),),
    "bicentennial": (Fraction(200),),
    "dozen": (Fraction(12),),
    "decade": (Fraction(10),),
    "century": (Fraction(100),),
    "millennium": (Fraction(1000),),
    "half": (Fraction(1, 2), Fraction(50)),
    "quarter": (Fraction(1, 4), Fraction(4), Fraction(25)),
    "hundreds": (Fraction(100),),
    "thousands": (Fraction(1000),),
    "millions": (Fraction(10**6),),
    "billions": (Fraction(10**9),),
    **{word[:-1] + "ies": (Fraction(20 + 10 * i), Fraction(1920 + 10 * i)) for i, word in enumerate(_TENS)},
}
_OTHER = lazy(rf"(?i)\b(?:{'|'.join(_OTHER_WORDS)})\b|\b(?P<fold>{_WORD})-?fold\b")
#: Every word a match of _NUMBER_WORDS, _OTHER or _PART_OF_SCALE holds whole (a number word,
#: "twice", "half", "threefold"): an ASCII text with none of them as a word has no match.
_SPELLED = frozenset(_WORDS) | frozenset(_OTHER_WORDS) | frozenset(f"{word}fold" for word in _WORDS)
_ASCII_WORDS = re.compile("[a-z]+")
_MONTH_NAMES = (
    "January|Jan\\.", "February|Feb\\.", "March|Mar\\.", "April|Apr\\.", "May", "June", "July", "August|Aug\\.",
    "September|Sept?\\.", "October|Oct\\.", "November|Nov\\.", "December|Dec\\.",
)  # fmt: skip
_MONTHS = lazy(r"\b(?:" + "|".join(f"(?P<m{i}>{names})" for i, names in enumerate(_MONTH_NAMES, 1)) + r")(?!\w)")
_ROMAN = lazy(r"\b(?:WW)?(?=[IVXLC]{2,}\b)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# English groups thousands with commas (or spaces: 1 000); other Latin-script languages may
# also use points (1.000) and a decimal comma (3,5).
_DIGITS = lazy(r"(?<!\d|\d\.)(\d{1,3}([, \u00a0\u202f\u2009])\d{3}(?:\2\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)")
_DIGITS_LATIN = lazy(r"(?<!\d|\d[.,])(\d{1,3}([,. \u00a0\u202f\u2009])\d{3}(?:\2\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)")
_MONTH_DOT_DAY = lazy(r"(1[0-2]|[1-9])\.([12]\d|3[01]|0?[1-9])")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_AFTER_DIGITS = lazy(
    rf"(?i)(?P<ord>st|nd|rd|th)\b|(?P<decade>['’]?s)\b|(?P<pct>\s?%|\s?per\s?cent\b)"
    rf"|[\s-]?(?P<scale>{_SCALE_WORD}|bn|mn)\b|(?P<k>k)\b"
)
#: Units glued to a number: "5km" is a quantity; "4G", "3D" and "MP3" are names.
_GLUED_UNIT = lazy(r"(?i)(?:km|kg|cm|mm|m|g|mg|ml|l|kw|kwh|mph|ft|lbs?|am|pm|a\.m|p\.m|s|h|x)(?![A-Za-z])")
_LETTER = lazy(r"[^\W\d_]")
_CURRENCY_BEFORE = lazy(r"[$£€¥]$")
_CODE_BEFORE = lazy(r"[^\W\d_]-?$")
_AND_A_HALF = lazy(r"(?i)[\s-]+and[\s-]+a[\s-]+half\b")
_SCALE_AFTER = lazy(rf"(?i)\s+({_SCALE_WORD})\b")
#: "half a million" (50万), "a quarter of a million" (25万).
_PART_OF_SCALE = lazy(rf"(?i)\b(?:(?P<half>half)\s+an?|an?\s+quarter\s+of\s+an?)\s+(?P<scale>{_SCALE_WORD})\b")
#: "two decades" may render 二十年, "three centuries" 三百年.
_MULTIPLE_OF = lazy(r"(?i)\s+(?:(?P<ten>decades?)|(?P<hundred>centur(?:y|ies))|(?P<dozen>dozens?))\b")


def _roman(match: regex.Match[str]) -> int:
    letters = "".join(match.groups())
    total = 0
    for i, ch in enumerate(letters):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[letters[i + 1]] if i + 1 < len(letters) else 0
        total += -value if value < following else value
    return total


def _word_numbers(text: str, start: int, end: int) -> Iterator[Mention]:
    """A run of number words, split where it stops being one number ("one, two" is two)."""
    tokens = [
        (m.group().lower(), m.start(), m.end()) for m in regex.finditer(r"[A-Za-z]+", text, pos=start, endpos=end)
    ]
    i = 0
    while i < len(tokens):
        total = current = 0
        last, last_scale, ordinal, j = "", 10**15, False, i
        if tokens[i][0] in ("a", "an"):
            current, last, j = 1, "one", i + 1
        while j < len(tokens) and not ordinal:
            word = tokens[j][0]
            if word == "and":
                if last not in ("hundred", "scale") or j + 1 >= len(tokens) or tokens[j + 1][0] not in _WORDS:
                    break
                j += 1
                continue
            value, role, ordinal = _WORDS[word]
            if (role == "one" and (last in ("", "hundred", "scale") or (last == "ten" and value < 10))) or (
                role == "ten" and last in ("", "hundred", "scale")
            ):
                current += value
            elif role == "scale" and value == 100 and last in ("", "one", "ten") and current < 100:
                current, role = (current or 1) * 100, "hundred"
            elif role == "scale" and value > 100 and value < last_scale:
                total, current, last_scale = total + (current or 1) * value, 0, value
            else:
                ordinal = False
                break
            last, j = role, j + 1
        if last == "" or (j == i + 1 and tokens[i][0] in ("a", "an")):
            i += 1
            continue
        kind = Kind.ORDINAL if ordinal else Kind.CARDINAL
        yield Mention(tokens[i][1], tokens[j - 1][2], Fraction(total + current), kind, flaggable=False)
        i = j


def _latin_readings(token: str) -> frozenset[Fraction]:
    """In a Latin-script source "1.000" is 1000 (or 1), "1,5" is 1.5, "1 000" is 1000."""
    bare = token.translate(_SPACES)
    readings = set()
    for group, decimal in ((",", "."), (".", ",")):
        if bare.count(decimal) > 1:
            continue
        whole, _, fraction = bare.partition(decimal)
        groups = whole.split(group)
        if all(len(g) == 3 for g in groups[1:]) and group not in fraction:
            readings.add(Fraction("".join(groups) + (f".{fraction}" if fraction else "")))
    return frozenset(readings)


def _digit_numbers(text: str, any_grouping: bool) -> Iterator[Mention]:
    for match in (_DIGITS_LATIN if any_grouping else _DIGITS).finditer(text):
        start, end = match.span(1)
        token = match.group(1)
        if text[start - 1 : start] == ":" and token == "00":
            continue  # the minutes of "3:00"
        if len(token) > MAX_DIGITS:
            continue
        values = _latin_readings(token) if any_grouping else {Fraction(token.replace(",", "").translate(_SPACES))}
        if not values:  # 192.168.1.1: no grouping reads it as one number
            continue
        value = max(values)
        if match.group(2) == " ":  # "1 000" in French, or two numbers: "in 2019 100 people"
            parts = list(regex.finditer(r"\d+", token))
            values |= {Fraction(part.group()) for part in parts}
            for part in parts:
                yield Mention(start + part.start(), start + part.end(), Fraction(part.group()), flaggable=False)
        # MP3, G20, COVID-19: a name
        kind, flaggable = Kind.CARDINAL, not _CODE_BEFORE.search(text, max(0, start - 2), start)
        after = match_near(_AFTER_DIGITS, text, end)
        if after is not None:
            if after.group("ord"):
                kind = Kind.ORDINAL
            elif after.group("decade"):
                kind = Kind.DECADE
                values |= {v + 1900 for v in values if v < 100 and v % 10 == 0}  # the '90s
            elif after.group("pct"):
                kind = Kind.PERCENT
            elif after.group("scale"):
                word = after.group("scale").lower()
                factor = {"bn": 10**9, "mn": 10**6}.get(word) or _SCALES[word]
                value, values = value * factor, {v * factor for v in values}
            else:
                values |= {v * 1000 for v in values}  # 5k
            end = after.end()
        elif text[end : end + 1] == "m" and _CURRENCY_BEFORE.search(text, max(0, start - 3), start):
            if not match_near(_LETTER, text, end + 1):  # £5m is five million pounds, not five metres
                value, values = value * 10**6, {v * 10**6 for v in values}
                end += 1
        elif match_near(_LETTER, text, end) and not match_near(_GLUED_UNIT, text, end):
            flaggable = False  # 3D, 4G: a name
        yield Mention(start, end, value, kind, True, frozenset(values) - {value}, flaggable)
        date = _MONTH_DOT_DAY.fullmatch(token) if after is None else None
        if date is not None:  # “4.15” is April 15 (4·15) as often as a decimal
            yield Mention(start, start + len(date.group(1)), Fraction(date.group(1)), flaggable=False)
            yield Mention(end - len(date.group(2)), end, Fraction(date.group(2)), flaggable=False)


def _readings(text: str, mention: Mention) -> Mention:
    """Readings a number gains from the words after it: "two and a half million" is
    2.5 million (两百五十万), "three decades" 30 years (三十年)."""
    end, values = mention.end, {mention.value}
    half = match_near(_AND_A_HALF, text, end)
    if half is not None:
        values.add(mention.value + Fraction(1, 2))
        end = half.end()
        scale = match_near(_SCALE_AFTER, text, end)
        if scale is not None:
            values.add((mention.value + Fraction(1, 2)) * _SCALES[scale.group(1).lower()])
    multiple = match_near(_MULTIPLE_OF, text, end)
    if multiple is not None:
        values.add(mention.value * (10 if multiple.group("ten") else 100 if multiple.group("hundred") else 12))
    if len(values) == 1:
        return mention
    return replace(mention, alternatives=mention.alternatives | values - {mention.value})


#: Between the two ends of a range: "18 to 21 billion", "12-14 million", "between 5 and 6 million".
_RANGE = lazy(r"\s*(?:to|-|–|—|~|or|and)\s*(?:US|HK)?[$£€¥]?")
_TRAILING_SCALE = lazy(rf"(?i)(?:\s|-)?(?:{_SCALE_WORD}|bn|mn)$|(?<=\d)[mk]$")


def _share_scales(text: str, mentions: list[Mention]) -> list[Mention]:
    """A range says its scale word once: in "18 to 21 billion" the 18 is 18 billion too."""
    digits = sorted((m for m in mentions if m.flaggable or m.kind is Kind.CARDINAL), key=lambda m: m.start)
    scaled: dict[int, Mention] = {}
    for first, second in itertools.pairwise(digits):
        if first.end > second.start or not _RANGE.fullmatch(text, first.end, second.start):
            continue
        unit = _TRAILING_SCALE.search(text, second.start, second.end)
        if unit is None or _TRAILING_SCALE.search(text, first.start, first.end) or not first.value:
            continue
        bare = regex.match(r"[\d.,]+", text[second.start : second.end])
        if bare is None:
            continue
        factor = second.value / Fraction(bare.group().replace(",", ""))
        scaled[id(first)] = replace(first, alternatives=first.alternatives | {first.value * factor})
    return [scaled.get(id(m), m) for m in mentions] if scaled else mentions


def read_numbers(text: str, any_grouping: bool = False) -> list[Mention]:
    """Every number an English (or other Latin-script) text mentions: digits, number words,
    ordinals, month names, roman numerals, "twice", "a decade". Only digits are
    ``flaggable``: number words are too idiomatic to call additions."""
    mentions = list(_digit_numbers(text, any_grouping))
    # The word patterns cost more than the rest together; most texts spell no number.
    spelled = not text.isascii() or not _SPELLED.isdisjoint(_ASCII_WORDS.findall(text.lower()))
    taken = merged(sorted((m.start, m.end) for m in mentions))  # "million" in "2.5 million" is read already
    for match in _NUMBER_WORDS.finditer(text) if spelled else ():
        mentions.extend(m for m in _word_numbers(text, *match.span()) if not overlaps(m.start, m.end, taken))
    mentions = _share_scales(text, [_readings(text, mention) for mention in mentions])
    for match in _PART_OF_SCALE.finditer(text) if spelled else ():
        part = Fraction(1, 2) if match.group("half") else Fraction(1, 4)
        value = part * _SCALES[match.group("scale").lower()]
        mentions.append(Mention(match.start(), match.end(), value, flaggable=False))
    for match in _OTHER.finditer(text) if spelled else ():
        if match.group("fold"):
            values = tuple(m.value for m in _word_numbers(text, *match.span("fold")))
        else:
            values = _OTHER_WORDS[match.group().lower()]
        if values:
            alternatives = frozenset(values[1:])
            mentions.append(Mention(match.start(), match.end(), values[0], alternatives=alternatives, flaggable=False))
    for match in _MONTHS.finditer(text):
        month = next(int(name[1:]) for name, value in match.groupdict().items() if value)
        mentions.append(Mention(match.start(), match.end(), Fraction(month), Kind.MONTH, flaggable=False))
    for match in _ROMAN.finditer(text):
        if value := _roman(match):
            mentions.append(Mention(match.start(), match.end(), Fraction(value), flaggable=False))
    return mentions


# --- number.missing and number.extra: the comparison -----------------------------------------

_HAN = lazy(r"\p{Han}")
_TARGET_DIGIT = lazy(r"\d")
_ENGLISH_WORDS = lazy(r"(?i)\b(?:the|and|of|is|are|was|were|to|with|that)\b")
_MASK_GATE = lazy(r"[%{<@/]|www")
#: Numbers English idioms add: "24/7" (全天候), "a 360-degree view" (全方位), "Economics 101".
_TARGET_IDIOMS = lazy(
    r"(?i)\b24/7\b|\b360(?:-|\s)?(?:degrees?\b|°)|\b9-to-5\b|\b50-50\b|\b20/20\b"
    r"|\bCatch-22\b|(?-i:\b[A-Z]\w+ 101\b)|\b7-Eleven\b"
)


def _source_numbers(source: str, chinese: bool) -> list[Mention]:
    if chinese:
        return find_numbers(source)
    # A Latin-script source: its digits must be kept; its words ("three") need not.
    return [replace(m, required=m.flaggable) for m in read_numbers(source, any_grouping=True)]


def _source_pool(source: str, mentions: list[Mention], chinese: bool) -> frozenset[Fraction]:
    """Every value the source could account for in a translation; "fourteen billion" also
    accounts for the 14 of "14 Milliarden", whose scale word only English is read for."""
    if chinese:
        return pool(source, mentions)
    values = {value for mention in mentions for value in mention.values}
    return frozenset(values | _heads(values))


def _heads(values: Iterable[Fraction]) -> set[Fraction]:
    """What is left of each value once a scale word says the rest: 14 of 14,000,000,000."""
    return {value / scale for value in values for scale in _SCALES.values() if value >= scale >= 1000}


def _with_heads(mention: Mention) -> Mention:
    return replace(mention, alternatives=mention.alternatives | frozenset(_heads(mention.values)))


#: A quantity in an imperial unit in the source may be converted in the target ("200 feet",
#: "60 Meter"; "115 Fahrenheit", "43 °C"): neither number is then an error.
_IMPERIAL_AFTER = lazy(
    r"(?i)[\s-]?(?:feet|foot|ft|inch(?:es)?|in\.|miles?|yards?|pounds?|lbs?|ounces?|oz|gallons?|acres?|"
    r"(?:degrees\s+)?fahrenheit|°\s?F)\b"
)
_METRIC_AFTER = lazy(
    r"(?i)\s?(?:km|m|cm|mm|kg|g|l|ml|ha|°\s?C?|grad|degrés?|grados?|gradi|(?:kilo|zenti|milli)?met(?:er|re|ro)s?n?|"
    r"(?:kilo|centi|milli)?mètres?|(?:kilo|centi)?metri|kilo(?:gramm?e?s?)?|liter|litres?|litros?|hektar|hectares?)\b"
)


def _converted(source: str, target: str, missing: list[Mention], extra: list[Mention]) -> tuple[list, list]:
    """Drop the numbers a unit conversion accounts for (an imperial source, a metric target)."""
    if not (missing or extra) or not _IMPERIAL_AFTER.search(source):
        return missing, extra
    missing = [m for m in missing if not match_near(_IMPERIAL_AFTER, source, m.end)]
    extra = [m for m in extra if not match_near(_METRIC_AFTER, target, m.end)]
    return missing, extra


def _outside(text: str, mentions: list[Mention]) -> list[Mention]:
    """Numbers in URLs, tags and placeholders are not quantities."""
    if not mentions or not _MASK_GATE.search(text):
        return mentions
    masked = protected_spans(text)
    return [m for m in mentions if not overlaps(m.start, m.end, masked)]


def _match(required: list[Mention], found: list[Mention]) -> list[Mention]:
    """The required mentions a one-to-one matching by value leaves unmatched (a source
    number said twice must be there twice).

    Kuhn's augmenting paths, taken in order (so which mentions are left over is the greedy
    choice in source order), over an index by value rather than every pair: a segment
    with thousands of numbers must not cost millions of comparisons. Within one search,
    a found mention already visited is never scanned again, and the search is a loop, not
    a recursion, however long the path.
    """
    by_value: dict[Fraction, list[int]] = {}
    for j, mention in enumerate(found):
        for value in mention.values:
            by_value.setdefault(value, []).append(j)
    owner: dict[int, int] = {}  # found index -> required index
    free_at: dict[Fraction, int] = {}  # per value: found mentions before this one are owned
    scan_at: dict[Fraction, int] = {}  # per value: found mentions before this one are visited
    visited: set[int] = set()

    def free_partner(i: int) -> int | None:
        for value in required[i].values:
            indices = by_value.get(value, ())
            k = free_at.get(value, 0)
            while k < len(indices) and indices[k] in owner:
                k += 1
            free_at[value] = k
            if k < len(indices):
                return indices[k]
        return None

    def owned_partners(i: int) -> Iterator[int]:
        for value in required[i].values:
            indices = by_value.get(value, ())
            while (k := scan_at.get(value, 0)) < len(indices):
                scan_at[value] = k + 1
                if indices[k] not in visited:
                    yield indices[k]

    def augment(root: int) -> bool:
        stack = [(root, owned_partners(root))]
        via: list[int] = []  # via[k] leads from stack[k] to stack[k + 1]
        while stack:
            partners = stack[-1][1]
            j = next(partners, None)
            if j is None:
                stack.pop()
                if via:
                    via.pop()
                continue
            visited.add(j)
            via.append(j)
            holder = owner[j]
            free = free_partner(holder)
            if free is not None:
                owner[free] = holder
                for k in range(len(via) - 1, -1, -1):
                    owner[via[k]] = stack[k][0]
                return True
            stack.append((holder, owned_partners(holder)))
        return False

    unmatched = []
    for i, mention in enumerate(required):
        free = free_partner(i)
        if free is not None:
            owner[free] = i
        elif augment(i):
            visited.clear()
            scan_at.clear()
        else:
            unmatched.append(mention)
    return unmatched


#: Between two mentions of one number, words that let a translation say it once.
_FACTORED = lazy(r"\W*[与和及或到至、跟同]\W*\w?\W*")


def _required(source: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions a translation must keep, a repeat joined by a conjunction ("前20%与后20%":
    "the top and bottom 20%") counted once."""
    required: list[Mention] = []
    for mention in mentions:
        if not mention.required:
            continue
        if required and required[-1].values == mention.values:
            between = source[required[-1].end : mention.start]
            if len(between) <= 4 and _FACTORED.fullmatch(between):
                continue
        required.append(mention)
    return required


def _spellable(value: Fraction) -> bool:
    """Numbers a language other than English may well write as a word (drei, zwanzig, mille)."""
    if value.denominator != 1:
        return False
    n = value.numerator
    while n >= 10 and n % 10 == 0:
        n //= 10
    return value <= 20 or n < 10


def _english(lang: str | None) -> bool:
    return base_lang(lang) == "en"


def _english_source(source: str, src_lang: str | None) -> bool:
    if src_lang is None:
        return _ENGLISH_WORDS.search(source) is not None
    return base_lang(src_lang) == "en"


@functools.lru_cache(maxsize=64)
def _compare(
    source: str, target: str, src_lang: str | None, tgt_lang: str | None
) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """(required source numbers the target lacks, digit numbers the source lacks).
    Cached: number.missing and number.extra ask about the same segment in turn."""
    has_digit = _TARGET_DIGIT.search(target) is not None
    if is_cjk(tgt_lang) or not (has_digit or REQUIRED_GATE.search(source)):
        return (), ()
    if mostly_cjk(target):
        return (), ()  # untranslated: untranslated.* reports it
    chinese = _HAN.search(source) is not None
    in_source = _source_numbers(source, chinese)
    required = _required(source, _outside(source, in_source))
    words_in_target = _english(tgt_lang)  # number words are read in English only
    if not words_in_target:
        required = [
            _with_heads(m) for m in required if not _spellable(m.value) and m.kind is not Kind.MONTH
        ]  # "2.5 million" may be "2,5 Millionen", whose scale word is not read
    if not required and not has_digit:
        return (), ()
    grouping = not words_in_target  # 1.000 is 1000 in German
    # Only digits can be additions: number words are read only to find the required ones.
    if required:
        in_target = read_numbers(target, grouping)
    else:
        in_target = [_readings(target, m) for m in _digit_numbers(target, grouping)]
    in_target = _outside(target, in_target)
    missing = _match(required, in_target) if required else []
    flaggable = [m for m in in_target if m.flaggable]
    if flaggable and _TARGET_IDIOMS.search(target):
        idioms = [match.span() for match in _TARGET_IDIOMS.finditer(target)]
        flaggable = [m for m in flaggable if not any(s <= m.start and m.end <= e for s, e in idioms)]
    if flaggable and not (chinese or _english_source(source, src_lang)):
        flaggable = [m for m in flaggable if not _spellable(m.value)]  # the source may say "drei"
    extra: list[Mention] = []
    if flaggable:
        values = _source_pool(source, in_source, chinese)
        extra = [m for m in flaggable if m.values.isdisjoint(values)]
    if not chinese:
        missing, extra = _converted(source, target, missing, extra)
    return tuple(missing), tuple(extra)


def _display(value: Fraction) -> str:
    if value.denominator != 1:
        return f"{float(value):g}"
    return f"{value.numerator:,}" if value >= 10_000 else str(value.numerator)


def _missing(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    for mention in _compare(segment.source, segment.target, segment.src_lang, segment.tgt_lang)[0]:
        text = segment.source[mention.start : mention.end]
        shown = text if regex.fullmatch(r"[\d.,%\s]+", text) else f"{_display(mention.value)} ({text})"
        message = f"Number {shown} of the source is missing in the target"
        yield Hit(mention.start, mention.end, message, side=Side.SOURCE)


def _extra(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    for mention in _compare(segment.source, segment.target, segment.src_lang, segment.tgt_lang)[1]:
        text = segment.target[mention.start : mention.end]
        yield Hit(mention.start, mention.end, f"Number {text} is not in the source")


MISSING = BuiltinCheck(
    RuleInfo(
        id="number.missing",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="A number of the source is not in the target (compared as values: 2.5万 = 25,000)",
        why="A dropped or changed number is an accuracy error that still reads fluently. Numbers "
        "are compared as values: 十八大 matches “18th”, 第八 “eighth”, 2.5万 “25,000”, 百分之三十 "
        "“30%”, 4月 “April”. Only numbers a translation must keep count: digits, numerals of 10 or "
        "more, decimals, percents, ordinals and dates; a bare 一 or 三 may become “a” or a word, "
        "and idioms (十分 “very”, 万一 “in case”) hold no number. On the TED zh→en MQM set its 5 "
        "flags on MT are all real errors (4 annotated Major; the fifth renders 两百五十万 as "
        "“five and a half million”), and its 2 flags on the clean human reference are annotated errors.",
        bad=(
            Example("The 19th National Congress of the CPC", source="党的十八大以来"),
            Example("There are 20,000 species of orchids.", source="至少有2.5万种兰花"),
        ),
        good=(
            Example("Since the 18th CPC National Congress", source="党的十八大以来"),
            Example(
                "April 15, 2023 marked the eighth National Security Education Day.",
                source="2023年4月15日是第八个全民国家安全教育日",
            ),
            Example("There are 25,000 species of orchids.", source="至少有2.5万种兰花"),
            Example("Thirty percent of people", source="百分之三十的人"),
            Example("This is very important to a person.", source="这对一个人十分重要"),
        ),
        needs_source=True,
        scope=NOT_CJK,
    ),
    _missing,
    # _compare's own first test: a digit in the target or a number character in the source
    gate=Gate(r"\d", REQUIRED_GATE.pattern, either=True),
)

EXTRA = BuiltinCheck(
    RuleInfo(
        id="number.extra",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="A number in digits in the target that the source does not have",
        why="MT changes numbers (十八大 → “19th”) and hallucinates them (“all for less than $9 a "
        "month” in a talk on black holes). Only numbers written in digits count, and every numeral "
        "of the source may account for one, small ones and idioms included, as may 首 “first” and "
        "半 “half”. Names (MP3, G20, COVID-19), URLs, placeholders and English idioms (24/7) are skipped.",
        bad=(Example("Since the 19th CPC National Congress", source="党的十八大以来"),),
        good=(
            Example("Since the 18th CPC National Congress", source="党的十八大以来"),
            Example("It took 2 years.", source="花了两年时间"),
            Example("Download the MP3 at https://example.com/2019/", source="下载这个文件"),
        ),
        needs_source=True,
        scope=NOT_CJK,
    ),
    _extra,
    gate=Gate(r"\d"),  # only digits can be additions (_digit_numbers)
)

CHECKS = (THOUSANDS_SEPARATOR, MISSING, EXTRA)
