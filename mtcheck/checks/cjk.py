"""Chinese, Japanese and Korean targets: the typography their own style guides ask for.

Half-width punctuation between Han or kana characters, full-width digits and Latin letters,
spaces around full-width punctuation, and (off by default, a house-style choice) spacing
between CJK and Latin text that changes within a segment. What counts as full-width and
which marks take no space come from the language's locale pack.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.lang.locale import locale_for
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo, Scope

PUNCTUATION = "fluency/punctuation"
#: Targets written in Han or kana (Chinese, Japanese); Korean spaces words and uses Latin marks.
HAN_KANA = Scope(("Hani", "Jpan"))
CJK = Scope(("Hani", "Jpan", "Kore"))
_CJK_LETTER = r"[\p{Han}\p{Hiragana}\p{Katakana}ー]"

# --- cjk.halfwidth-punct ------------------------------------------------------------------

_HALFWIDTH_BETWEEN = lazy(rf"(?<={_CJK_LETTER})[,.!?:;](?={_CJK_LETTER})")


def _halfwidth_punct(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    table = locale_for(segment.tgt_lang).fullwidth_punctuation
    if not table:
        return
    for match in _HALFWIDTH_BETWEEN.finditer(text):
        mark = match.group()
        full = table.get(mark)
        if full is None or _separator_in(segment.source, mark):
            continue
        start, end = match.span()
        fix = Fix((Edit(start, end, full),), Safety.SAFE, f"Write the full-width “{full}”")
        yield Hit(start, end, f"Half-width “{mark}” between Chinese or Japanese characters: “{full}”", fix)


def _separator_in(source: str | None, mark: str) -> bool:
    """The source glues the same mark between two words (``quart,quarts,qt``, ``Zoom Level:Integer``):
    a list or key separator the format needs, not punctuation of the sentence."""
    return source is not None and mark in source and _GLUED[mark].search(source) is not None


_GLUED = {mark: regex.compile(rf"[\p{{L}}\p{{N}}]{regex.escape(mark)}[\p{{L}}\p{{N}}]") for mark in ",.!?:;"}


HALFWIDTH_PUNCT = BuiltinCheck(
    RuleInfo(
        id="cjk.halfwidth-punct",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Half-width punctuation (, . ! ? : ;) between Han or kana characters",
        why="Chinese and Japanese set punctuation full-width (，。！？：；, Japanese 、 for the "
        "comma); a half-width mark between two characters is left from an English source or a "
        "Latin keyboard. The locale pack maps each mark to its full-width form.",
        bad=(
            Example("文件已保存,是否继续?", fix="文件已保存，是否继续?", tgt_lang="zh"),
            Example("設定を保存しました,次へ", fix="設定を保存しました、次へ", tgt_lang="ja"),
        ),
        good=(
            Example("文件已保存，是否继续？", tgt_lang="zh"),
            Example("版本 2.0,3.0", tgt_lang="zh"),
            Example("打开 config.yaml 文件", tgt_lang="zh"),
            Example("夸脱,夸脱,qt", source="quart,quarts,qt", tgt_lang="zh"),
            Example("ファイル;フォルダー;", source="file;folder;", tgt_lang="ja"),
        ),
        scope=HAN_KANA,
        surface=True,
    ),
    _halfwidth_punct,
)

# --- cjk.fullwidth-alnum -------------------------------------------------------------------

_FULLWIDTH_ALNUM = lazy(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def _fullwidth_alnum(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    lone_digit_ok = locale_for(segment.tgt_lang).fullwidth_digit
    for match in _FULLWIDTH_ALNUM.finditer(text):
        start, end = match.span()
        if lone_digit_ok and end - start == 1 and match.group().isdigit():
            continue
        half = "".join(chr(ord(char) - 0xFEE0) for char in match.group())
        fix = Fix((Edit(start, end, half),), Safety.SUGGESTION, f"Write “{half}”")
        yield Hit(start, end, f"Full-width “{match.group()}”: digits and Latin letters are written half-width", fix)


FULLWIDTH_ALNUM = BuiltinCheck(
    RuleInfo(
        id="cjk.fullwidth-alnum",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="Full-width digits or Latin letters (０１２, ＡＢＣ) in a Chinese, Japanese or Korean target",
        why="Software and current style guides write digits and Latin letters half-width in CJK "
        "text; full-width forms break search, sorting and copying of names and numbers. A "
        "suggestion, and a lone digit is left alone where the locale pack says so (Japanese "
        "house styles write counters full-width: ３つ).",
        bad=(
            Example("第１章", fix="第1章", tgt_lang="zh"),
            Example("ＵＳＢメモリを接続してください", fix="USBメモリを接続してください", tgt_lang="ja"),
        ),
        good=(
            Example("第1章", tgt_lang="zh"),
            Example("USB 메모리를 연결하세요", tgt_lang="ko"),
            Example("３つのシンボルレイヤーが必要です", tgt_lang="ja"),
        ),
        scope=CJK,
        surface=True,
    ),
    _fullwidth_alnum,
)

# --- cjk.space-around-punct -----------------------------------------------------------------


def _space_around_punct(segment: Segment) -> Iterator[Hit]:
    marks = locale_for(segment.tgt_lang).no_space_around
    text = segment.target
    if not marks or " " not in text:
        return
    pattern = _space_pattern(marks)
    for match in pattern.finditer(text):
        start, end = match.span("space")
        fix = Fix((Edit(start, end, ""),), Safety.SAFE, "Remove the space")
        yield Hit(start, end, f"Space beside full-width “{match.group('mark')}”: full-width marks take no space", fix)


@functools.lru_cache(maxsize=16)
def _space_pattern(marks: str) -> regex.Pattern[str]:
    escaped = regex.escape(marks)
    # A space between a CJK letter and a mark, or between a mark and a CJK letter.
    return regex.compile(
        rf"(?<={_CJK_LETTER})(?P<space>[ \u00a0]+)(?P<mark>[{escaped}])"
        rf"|(?P<mark>[{escaped}])(?P<space>[ \u00a0]+)(?={_CJK_LETTER})"
    )


SPACE_AROUND_PUNCT = BuiltinCheck(
    RuleInfo(
        id="cjk.space-around-punct",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="A space before or after full-width punctuation (，。「」（）) between CJK characters",
        why="A full-width mark carries its own spacing; an added space shows as a wide gap. It "
        "comes from English habits or from joining segments.",
        bad=(
            Example("文件已保存 。然后", fix="文件已保存。然后", tgt_lang="zh"),
            Example("保存しました。 次へ", fix="保存しました。次へ", tgt_lang="ja"),
        ),
        good=(Example("文件已保存。然后", tgt_lang="zh"), Example("使用 Git 提交", tgt_lang="zh")),
        scope=HAN_KANA,
        surface=True,
    ),
    _space_around_punct,
)

# --- cjk.mixed-spacing (off by default) ----------------------------------------------------------

_BOUNDARY = lazy(rf"(?<={_CJK_LETTER})(?P<space> ?)(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?P<space> ?)(?={_CJK_LETTER})")


def _mixed_spacing(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    boundaries = [(match.start(), match.end()) for match in _BOUNDARY.finditer(text)]
    spaced = [b for b in boundaries if b[1] > b[0]]
    glued = [b for b in boundaries if b[1] == b[0]]
    if not spaced or not glued:
        return
    if len(spaced) > len(glued):
        for position, _ in glued:
            fix = Fix((Edit(position, position, " "),), Safety.SUGGESTION, "Add a space, as elsewhere in the segment")
            yield Hit(position - 1, position + 1, "No space between CJK and Latin text, unlike the rest", fix)
    elif len(glued) > len(spaced):
        for start, end in spaced:
            fix = Fix((Edit(start, end, ""),), Safety.SUGGESTION, "Remove the space, as elsewhere in the segment")
            yield Hit(start, end, "A space between CJK and Latin text, unlike the rest", fix)


MIXED_SPACING = BuiltinCheck(
    RuleInfo(
        id="cjk.mixed-spacing",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="Spacing between CJK and Latin text or digits that changes within a segment",
        why="House styles differ (some put a space between 中文 and English, others none), but "
        "one segment should follow one. Off by default: select it where the style is settled.",
        bad=(Example("使用 Git 和GitHub 管理代码", fix="使用 Git 和 GitHub 管理代码", tgt_lang="zh"),),
        good=(Example("使用 Git 和 GitHub 管理代码", tgt_lang="zh"), Example("使用Git和GitHub管理代码", tgt_lang="zh")),
        scope=CJK,
        surface=True,
        default=False,
    ),
    _mixed_spacing,
)

CHECKS = (HALFWIDTH_PUNCT, FULLWIDTH_ALNUM, SPACE_AROUND_PUNCT, MIXED_SPACING)
