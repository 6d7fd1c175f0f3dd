"""The checks that read the target against its source: placeholders, untranslated text,
length, sentence count, and cross-segment consistency."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli

from mtcheck.checks import consistency, length, placeholders, untranslated
from mtcheck.engine import Checker, RuleSet
from mtcheck.model import Origin, Segment, Side


def segment(target: str, source: str | None, tgt_lang: str | None = "en", key: str = "s") -> Segment:
    """A segment with an English target unless another language is given."""
    return Segment(key, target, Origin("t", 1), source=source, tgt_lang=tgt_lang)


def hits(check, target: str, source: str | None, tgt_lang: str | None = None):
    return [(h.start, h.end, h.side, h.message) for h in check.hits(segment(target, source, tgt_lang))]


S, T = Side.SOURCE, Side.TARGET

CASES = [
    # placeholders
    (
        placeholders.MISSING,
        "Hello, welcome",
        "你好，%s，欢迎",
        [(3, 5, S, "“%s” of the source is missing in the target")],
    ),
    (placeholders.MISSING, "Hello %s, welcome", "你好，%s，欢迎", []),
    (
        placeholders.MISSING,
        "You have messages",
        "你有{count}条消息",
        [(2, 9, S, "“{count}” of the source is missing in the target")],
    ),
    (
        placeholders.MISSING,
        "Click here",
        "点击<b>这里</b>",
        [(2, 5, S, "“<b>…</b>” of the source is missing in the target")],  # a pair: one finding
    ),
    (placeholders.MISSING, "Visit www.example.com.", "访问 www.example.com。", []),
    (placeholders.MISSING, "Mail us", "写信到 a@b.cn", [(4, 10, S, "“a@b.cn” of the source is missing in the target")]),
    (placeholders.MISSING, "%1$s and %2$s", "%2$s和%1$s", []),  # order may change
    (placeholders.MISSING, "Hi", None, []),
    (placeholders.EXTRA, "Hello {0}, {1} messages", "你有{1}条消息", [(6, 9, T, "“{0}” is not in the source")]),
    (placeholders.EXTRA, "30% of people", "30%的人", []),  # a percent sign is no placeholder
    (placeholders.EXTRA, "A <br/> break", "一个换行", [(2, 7, T, "“<br/>” is not in the source")]),
    # untranslated
    (untranslated.IDENTICAL, "国家安全。", "国家安全。", [(0, 5, T, "The target is the source, untranslated")]),
    (
        untranslated.IDENTICAL,
        " Click the button to go on ",
        "Click the button to go on",
        [(1, 26, T, "The target is the source, untranslated")],
    ),
    (untranslated.IDENTICAL, "iPhone 15", "iPhone 15", []),
    (untranslated.IDENTICAL, "National security.", "国家安全。", []),
    (
        untranslated.SOURCE_SCRIPT,
        "The Кремль said",
        "Кремль заявил",
        [(4, 10, T, "Untranslated Cyrillic text “Кремль” from the source")],
    ),
    (untranslated.SOURCE_SCRIPT, "Кремль заявил сегодня", "Кремль заявил", []),  # identical start, but ru→ru
    (untranslated.SOURCE_SCRIPT, "The Kremlin said", "Кремль заявил", []),
    # sentence count
    (
        length.SENTENCE_COUNT,
        "The meeting was held.",
        "会议召开了。代表们发言了。",
        [(0, 13, S, "The source has 2 sentences, the target 1: one may be missing")],
    ),
    (length.SENTENCE_COUNT, "The meeting was held. Delegates spoke.", "会议召开了。代表们发言了。", []),
    (length.SENTENCE_COUNT, "It is embedded; there is no input.", "它是直接嵌入的；没有外部指令输入。", []),
    (length.SENTENCE_COUNT, "One.", "One. Two.", []),  # not a Chinese source
    # an abbreviation's stop ends no sentence mid-text, but the last one ends the text
    (length.SENTENCE_COUNT, "We were worried. So we wrote in the BMJ.", "我们很担心。所以我们在期刊上写了。", []),
    # a question with its reporting clause is one English sentence
    (length.SENTENCE_COUNT, '"Why does it do this," I hear you ask.', "为什么要这么做？我听到你们问。", []),
    (length.SENTENCE_COUNT, '"What?!," Rascona asked.', "“怎么了？！，”拉斯科纳问道。", []),
    (
        length.SENTENCE_COUNT,
        "Why? He does not know.",
        "为什么？他说不知道。我们不知道。",
        [(0, 16, S, "The source has 3 sentences, the target 2: one may be missing")],
    ),
    (
        length.SENTENCE_COUNT,
        "He moved to the U.S. Army base.",
        "他搬到了美国。陆军基地。",
        [(0, 12, S, "The source has 2 sentences, the target 1: one may be missing")],
    ),
]


@pytest.mark.parametrize(
    ("check", "target", "source", "expected"), CASES, ids=[f"{c[0].info.id}|{c[1]!r}" for c in CASES]
)
def test_check(check, target: str, source: str | None, expected) -> None:
    lang = "ru" if target.startswith("Кремль") else None
    assert hits(check, target, source, lang) == expected


def test_untranslated_segment_gets_one_finding_not_a_cascade() -> None:
    checker = Checker(RuleSet.load(shipped=False).rules)
    findings = checker.check_segment(segment("国家安全是民族复兴的根基。", "国家安全是民族复兴的根基。"))
    assert [f.rule for f in findings] == ["untranslated.identical"]


# --- length ratio ------------------------------------------------------------------------------

SOURCE = "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。"  # 24 Han characters


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Security matters.", "The target is unusually short for its source (0.7 characters per source character)"),
        ("x " * 120, "The target is unusually long for its source (10.0 characters per source character)"),
        ("National security is the bedrock of national rejuvenation and social stability a prerequisite.", None),
    ],
)
def test_length_ratio_against_the_pair_band(target: str, expected: str | None) -> None:
    rule = length.LENGTH_RATIO.fresh()
    found = [(h.start, h.end, h.side, h.message) for h in rule.hits(segment(target, SOURCE))]
    assert found == ([(0, len(SOURCE), S, expected)] if expected else [])


def test_length_ratio_ignores_short_sources_and_other_pairs() -> None:
    rule = length.LENGTH_RATIO.fresh()
    assert list(rule.hits(segment("Thanks.", "谢谢。"))) == []  # under 15 Han characters
    assert list(rule.hits(segment("Hi", "Bonjour tout le monde, comment allez-vous aujourd'hui ?"))) == []


def test_length_ratio_calibrates_on_a_large_file() -> None:
    rule = length.LENGTH_RATIO.fresh()
    normal = "x" * 90  # about 4 characters per Han character, within the band
    source = "国" * 20
    for index in range(300):
        target = normal[: 76 + index % 9]  # 3.8 – 4.2: the file's own spread
        list(rule.hits(segment(target, source, key=f"k{index}")))
    list(rule.hits(segment("y" * 50, source, key="short")))  # 2.5: inside the band, far below this file
    flagged = [(seg.key, hit.message) for seg, hit in rule.finish_file()]
    assert flagged == [("short", "The target is unusually short for its source (2.5 characters per source character)")]
    assert list(rule.finish_file()) == []  # the measurements were for that file only


def test_length_ratio_no_calibration_on_a_small_file() -> None:
    rule = length.LENGTH_RATIO.fresh()
    for index in range(50):
        list(rule.hits(segment("x" * 80, "国" * 20, key=f"k{index}")))
    list(rule.hits(segment("y" * 50, "国" * 20, key="short")))
    assert list(rule.finish_file()) == []


# --- consistency (opt-in) ------------------------------------------------------------------


BATCH = (
    "source\ttarget\n"
    "保存文件\tSave file\n"
    "保存文件\tSave file\n"
    "保存文件\tStore the file\n"
    "打开文件\tOpen file\n"
    "关闭文件\tOpen file\n"
)


def test_consistency_is_off_by_default_and_selectable(tmp_path) -> None:
    (tmp_path / "b.tsv").write_text(BATCH, encoding="utf-8")
    default = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "b.tsv", cwd=tmp_path)
    assert b"consistency" not in default.stdout
    result = run_cli(
        "check", "--no-shipped-rules", "--extend-select", "consistency", "--format", "jsonl", "b.tsv", cwd=tmp_path
    )
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["line"], r["text"], r["message"]) for r in records] == [
        (
            "consistency.source",
            4,
            "Store the file",
            "The same source is translated differently elsewhere in the batch: see b.tsv:2",
        ),
        (
            "consistency.target",
            6,
            "Open file",
            "Different sources share this translation elsewhere in the batch: see b.tsv:5",
        ),
    ]


def test_batch_rules_start_fresh_for_each_run() -> None:
    first = RuleSet.load(shipped=False).get("consistency.source")
    second = RuleSet.load(shipped=False).get("consistency.source")
    assert first is not second and first is not consistency.SAME_SOURCE
