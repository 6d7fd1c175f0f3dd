"""Numbers: how they are written in the target (the source-aware checks come with sources)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.lang.script import base_lang
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo

# Five or more digits, not part of a decimal, a code, a time or a range of digits.
_LONG_NUMBER = regex.compile(r"(?<![\w.,/:#+-])\d{5,}(?![\w/:-]|[.,]\d)")
#: Words before a number that make it an identifier, not a quantity.
_IDENTIFIER_CUE = regex.compile(
    r"(?i)\b(?:no|nos|number|id|isbn|issn|code|zip|postcode|tel|phone|fax|room|account|ref|patent|model|serial)\.?:?\s*$"
)
#: English groups digits in threes with commas; other languages use spaces or dots.
_COMMA_GROUPING = {None, "en"}


def _grouped(digits: str) -> str:
    return f"{int(digits):,}"


def _thousands_separator(segment: Segment) -> Iterator[Hit]:
    if base_lang(segment.tgt_lang) not in _COMMA_GROUPING:
        return
    text = segment.target
    for match in _LONG_NUMBER.finditer(text):
        if _IDENTIFIER_CUE.search(text, 0, match.start()) or match.group().startswith("0"):
            continue
        start, end = match.span()
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
        "by the annotators. Identifiers (No. 12345, ZIP 10001), decimals and codes are exempt.",
        bad=(
            Example("There are 250000 species of orchids.", fix="There are 250,000 species of orchids."),
            Example("about 40000 years ago", fix="about 40,000 years ago"),
        ),
        good=(
            Example("There are 250,000 species."),
            Example("Call No. 12345 or room 10001."),
            Example("pi is 3.14159 and the year is 2023"),
            Example("ZIP 02139, serial 000123456"),
        ),
    ),
    _thousands_separator,
)

CHECKS = (THOUSANDS_SEPARATOR,)
