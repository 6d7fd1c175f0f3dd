"""Rule packs: loading, validation errors, the literal prefilter, timeouts, self-tests."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest
import regex
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.engine import Checker, RuleSet
from mtcheck.model import Origin, Segment
from mtcheck.packs.cpulimit import Budget, CpuTimeout, Limit
from mtcheck.packs.loader import PackError, load_pack
from mtcheck.packs.pattern import RuleTimeout
from mtcheck.packs.prefilter import required_literals

GOOD_RULE = """
[[rule]]
id = "my.calque.carrier"
pattern = '\\bas (?:the|a) carrier\\b'
ignore-case = true
message = "“{match}” calques 以…为载体"
category = "style/awkward"
severity = "minor"
replacement = "as a platform"
why = "载体 is a platform here."
[[rule.bad]]
target = "use the day as the carrier to educate"
fix = "use the day as a platform to educate"
[[rule.good]]
target = "the carrier landed"
"""
HEADER = '[pack]\nname = "mine"\ntarget-lang = "en"\n'


def write_pack(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def segment(target: str, source: str | None = None) -> Segment:
    """A segment in English, the language of the packs written here."""
    return Segment(key="t", target=target, source=source, origin=Origin("t", 1), tgt_lang="en")


def test_a_good_pack_loads_and_fixes(tmp_path) -> None:
    pack = load_pack(write_pack(tmp_path, GOOD_RULE))
    (rule,) = pack.rules
    assert rule.literals == frozenset({" carrier"})
    (hit,) = rule.hits(segment("As the carrier of culture"))
    assert (hit.start, hit.end, hit.message) == (0, 14, "“As the carrier” calques 以…为载体")
    assert hit.fix.edits[0].replacement == "As a platform"  # the capital is kept


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ('severity = "minor"', 'severity = "huge"'),
            "rule my.calque.carrier: severity must be minor, major or critical",
        ),
        (
            ('category = "style/awkward"', 'category = "style/bad"'),
            "rule my.calque.carrier: unknown category 'style/bad'",
        ),
        (("why =", "whyy ="), "rule my.calque.carrier: unknown field(s) `whyy`"),
        (
            ("pattern = '\\bas (?:the|a) carrier\\b'", "pattern = '(unclosed'"),
            "rule my.calque.carrier: bad regex in `pattern`: missing )",
        ),
        (('id = "my.calque.carrier"', 'id = "Carrier"'), "rule Carrier: id must be dotted lower-case words"),
        (
            ('fix = "use the day as a platform to educate"', 'fix = "wrong"'),
            "bad example 'use the day as the carrier to educate': fix gives",
        ),
        (
            ('target = "the carrier landed"', 'target = "as the carrier"'),
            "good example 'as the carrier' is flagged at 0-14",
        ),
        (('replacement = "as a platform"', 'replacement = "as \\\\3"'), "bad `replacement`: unknown group 3"),
    ],
)
def test_problems_name_file_and_rule(tmp_path, edit: tuple[str, str], message: str) -> None:
    body = GOOD_RULE.replace(*edit)
    assert body != GOOD_RULE
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_duplicate_ids_are_refused(tmp_path) -> None:
    path = write_pack(tmp_path, GOOD_RULE + GOOD_RULE)
    with pytest.raises(PackError, match=r"rule my\.calque\.carrier: duplicate id"):
        load_pack(path)


def test_duplicate_of_a_builtin_is_refused(tmp_path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace("my.calque.carrier", "punct.collision"))
    with pytest.raises(PackError, match=r"rule punct\.collision: duplicate id \(a built-in check\)"):
        RuleSet.load([path], shipped=False)


def test_rule_needs_bad_and_good_examples(tmp_path) -> None:
    body = GOOD_RULE.split("[[rule.good]]")[0]
    with pytest.raises(PackError, match="needs at least one `bad` and one `good` example"):
        load_pack(write_pack(tmp_path, body))


def test_toml_syntax_error_names_the_file(tmp_path) -> None:
    path = write_pack(tmp_path, "[[rule]\n")
    with pytest.raises(PackError, match=r"not valid TOML: .*line"):
        load_pack(path)


def test_source_conditions(tmp_path) -> None:
    body = GOOD_RULE.replace('why = "', "source = '载体'\nwhy = \"").replace(
        'target = "use the day as the carrier to educate"',
        'target = "use the day as the carrier to educate"\nsource = "以节日为载体"',
    )
    (rule,) = load_pack(write_pack(tmp_path, body)).rules
    assert rule.info.needs_source
    assert list(rule.hits(segment("as the carrier", "以节日为载体")))
    assert not list(rule.hits(segment("as the carrier", "航空母舰")))
    assert not list(rule.hits(segment("as the carrier")))  # no source: cannot judge


def test_not_source_condition(tmp_path) -> None:
    body = GOOD_RULE.replace('why = "', "not-source = '航母'\nwhy = \"")
    (rule,) = load_pack(write_pack(tmp_path, body)).rules
    assert not list(rule.hits(segment("as the carrier", "航母")))
    assert list(rule.hits(segment("as the carrier", "载体")))
    assert list(rule.hits(segment("as the carrier")))


CATASTROPHIC = """
[[rule]]
id = "my.slow"
pattern = '^(a|a)*$'
message = "slow"
category = "other"
severity = "minor"
[[rule.bad]]
target = "aa"
[[rule.good]]
target = "ab"
"""


def test_catastrophic_pattern_times_out_instead_of_hanging(tmp_path) -> None:
    (rule,) = load_pack(write_pack(tmp_path, CATASTROPHIC), timeout=0.05).rules
    with pytest.raises(RuleTimeout):
        list(rule.hits(segment("a" * 40 + "b")))
    checker = Checker([rule])
    assert checker.check_segment(segment("a" * 40 + "b")) == []
    assert len(checker.problems) == 1
    assert checker.problems[0].endswith(
        "rule my.slow: pattern timed out on t:1; rule switched off for the rest of the run"
    )
    assert checker.check_segment(segment("aaa")) == []  # switched off


def test_the_limit_is_cpu_time_so_a_descheduled_pattern_never_times_out() -> None:
    """On a loaded machine a call waits for the CPU: that wall time is no pattern's fault."""
    limit = Limit(per_call=0.05)
    assert limit._run(lambda text, **_: time.sleep(0.3) or text.upper(), "done") == "DONE"
    with pytest.raises(CpuTimeout):
        limit.search(regex.compile(r"^(a|a)*$"), "a" * 40 + "b")


def test_a_pattern_slow_on_every_segment_exhausts_its_run_budget(tmp_path) -> None:
    (rule,) = load_pack(write_pack(tmp_path, CATASTROPHIC)).rules
    assert rule.limit is not None
    rule.limit.budget = Budget(base=0.05, per_char=0.0)
    checker = Checker([rule])
    checked = 0
    while not checker.problems and checked < 1000:  # about 15 ms a segment: well under the per-call limit
        checker.check_segment(segment("a" * 17 + "b"))
        checked += 1
    assert 2 <= checked < 1000
    (problem,) = checker.problems
    assert regex.fullmatch(
        r".*mine\.toml: rule my\.slow: pattern used \d+\.\d s of CPU in \d+ calls, more than its budget "
        r"\(0\.05 s \+ 0 µs per character checked\) by t:1; rule switched off for the rest of the run",
        problem,
    ), problem
    assert checker.check_segment(segment("a" * 17 + "b")) == []  # switched off


def test_the_shipped_patterns_have_no_time_limit() -> None:
    rules = RuleSet.load(check_examples=False).rules
    shipped = [rule for rule in rules if hasattr(rule, "limit")]
    assert len(shipped) > 50
    assert all(rule.limit is None for rule in shipped)


def test_a_users_rule_gets_a_cpu_limit_and_a_budget(tmp_path) -> None:
    (rule,) = load_pack(write_pack(tmp_path, CATASTROPHIC)).rules
    assert rule.limit is not None and rule.limit.per_call == 1.0
    assert rule.limit.budget is not None and (rule.limit.budget.base, rule.limit.budget.per_char) == (5.0, 20e-6)


def test_cli_reports_timeout_and_keeps_other_findings(tmp_path) -> None:
    write_pack(tmp_path, CATASTROPHIC)
    (tmp_path / "t.txt").write_text("a" * 40 + "b\nthe the end.\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "-r", "mine.toml", "--format", "jsonl", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "mine.toml: rule my.slow: pattern timed out on t.txt:1; rule switched off for the rest of the run\n"
    )
    assert [json.loads(line)["rule"] for line in result.stdout.decode().splitlines()] == ["repeat.word"]


def test_rules_test_command_on_a_user_pack(tmp_path) -> None:
    write_pack(tmp_path, GOOD_RULE)
    result = run_cli("rules", "test", "mine.toml", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "1 rules: 2 passed, 0 failed\n")
    write_pack(tmp_path, GOOD_RULE.replace('target = "the carrier landed"', 'target = "as a carrier"'))
    result = run_cli("rules", "test", "mine.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "mine.toml: rule my.calque.carrier: good example 'as a carrier' is flagged at 0-12 ('as a carrier')\n"
        "1 rules: 1 passed, 1 failed\n"
    )


def test_rules_test_refuses_a_malformed_pack(tmp_path) -> None:
    write_pack(tmp_path, GOOD_RULE.replace("severity", "sevrity"))
    result = run_cli("rules", "test", "mine.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(
        "mtcheck: error: mine.toml: rule my.calque.carrier: unknown field(s) `sevrity`"
    )


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bplay(?:s|ed)? (?:a |the )?first move\b", {"first move"}),
        (r"(?i)\b[Tt]ake the initiative\b|\bfight well\b", {"take the initiative", "fight well"}),
        (r"\b(\w+)\s+\1\b", None),
        (r"\p{Han}+", None),  # regex-only syntax: no prefilter, the rule runs everywhere
        (r"ab", None),  # too short to be worth a lookup
        (r"(?:x|yy)zzz", {"zzz"}),
        (r"先手棋", {"先手棋"}),
        (r"(?<=[,;] )\d{4}-\d\d", {"-"}),  # a required blank gates nothing: the hyphen does
        (r"\w+ \w+", None),
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == literals


PATTERNS = [
    r"\bdo(?:es|ing)? a (?:good|better) job (?:in|of)\b",
    r"(?i)\bthe whole people(?:'s)?\b",
    r"\b[Ss]trong atmosphere\b",
    r"(?:of|for) the whole (?:people|society)",
    r"X{2,}yz whole",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet=st.sampled_from(list("aAdoesingtheWHOLEpPlyXxzS gjb'f")), max_size=60),
    st.sampled_from(
        ["do a good job in", "The Whole People's", "strong atmosphere", "for the whole society", "XXXyz whole"]
    ),
    st.integers(min_value=0, max_value=60),
)
def test_prefilter_never_hides_a_match(pattern: str, noise: str, phrase: str, cut: int) -> None:
    """Soundness: whenever the regex matches, one of its literals occurs in the lowered text."""
    text = noise[:cut] + phrase + noise[cut:]
    literals = required_literals(pattern)
    assert literals is not None
    if regex.search(pattern, text):
        assert any(literal in text.lower() for literal in literals)


def test_a_malformed_group_in_replacement_is_refused(tmp_path) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace('replacement = "as a platform"', 'replacement = "as \\\\g<x"'))
    with pytest.raises(PackError, match=r"rule my\.calque\.carrier: bad `replacement`"):
        load_pack(path)


# --- rules on the source, opt-in packs, packs for one variety (issue 15) -------------------------

DROPPED = """
[[rule]]
id = "my.news.dateline-dropped"
side = "source"
pattern = '^\\p{Han}{2,8}?\\d{1,2}日电'
not-target = '^.{0,40}?(?:Xinhua|\\d)'
message = "The dateline “{match}” is missing"
category = "accuracy/omission"
severity = "major"
why = "Omission."
[[rule.bad]]
target = "The talks resumed."
source = "新华社北京11日电 谈判恢复。"
[[rule.good]]
target = "BEIJING, Dec. 11 (Xinhua) -- The talks resumed."
source = "新华社北京11日电 谈判恢复。"
"""


def test_a_rule_on_the_source_flags_what_the_target_lacks(tmp_path) -> None:
    (rule,) = load_pack(write_pack(tmp_path, DROPPED)).rules
    assert rule.info.needs_source and rule.literals is None  # the prefilter reads targets only
    (hit,) = rule.hits(segment("The talks resumed.", "新华社北京11日电 谈判恢复。"))
    assert (hit.side, hit.start, hit.end, hit.message) == ("source", 0, 9, "The dateline “新华社北京11日电” is missing")
    assert not list(rule.hits(segment("Xinhua: the talks resumed.", "新华社北京11日电 谈判恢复。")))
    assert not list(rule.hits(segment("The talks resumed.", "谈判恢复。")))
    assert not list(rule.hits(segment("The talks resumed.")))
    findings = Checker([rule]).check_segment(segment("The talks resumed.", "新华社北京11日电 谈判恢复。"))
    assert [(f.rule, f.side, f.text) for f in findings] == [("my.news.dateline-dropped", "source", "新华社北京11日电")]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("not-target = '^.{0,40}?(?:Xinhua|\\d)'\n", ""), "needs `not-target`"),
        (('side = "source"', 'side = "both"'), "side must be target or source"),
        (("why =", "replacement = 'x'\nwhy ="), "takes neither `source` nor `replacement`"),
    ],
)
def test_source_side_rules_are_checked_on_load(tmp_path, edit: tuple[str, str], message: str) -> None:
    path = write_pack(tmp_path, DROPPED.replace(*edit))
    with pytest.raises(PackError, match=regex.escape(message)):
        load_pack(path)


def test_an_opt_in_pack_runs_only_when_selected(tmp_path) -> None:
    path = write_pack(tmp_path, GOOD_RULE, header=HEADER + "default = false\n")
    (rule,) = load_pack(path).rules
    assert rule.info.default is False
    rules = RuleSet.load([path], shipped=False)
    assert "my.calque.carrier" not in {r.info.id for r in rules.selected()}
    assert "my.calque.carrier" in {r.info.id for r in rules.selected(extend=["my.calque"])}
    with pytest.raises(PackError, match="default must be true or false"):
        load_pack(write_pack(tmp_path, GOOD_RULE, header=HEADER + 'default = "no"\n'))


def test_a_pack_for_one_variety_needs_it_declared(tmp_path) -> None:
    path = write_pack(tmp_path, GOOD_RULE, header='[pack]\nname = "us"\ntarget-lang = "en-US"\n')
    scope = load_pack(path).scope
    assert scope.admits(None, "en-US") and scope.admits("zh", "en-US")
    assert not scope.admits(None, None) and not scope.admits(None, "en") and not scope.admits(None, "en-GB")
    plain = load_pack(write_pack(tmp_path, GOOD_RULE)).scope  # target-lang = "en": every English
    assert plain.admits(None, "en") and plain.admits(None, "en-GB") and not plain.admits(None, None)


def test_shipped_us_pack_runs_only_for_us_english() -> None:
    checker = Checker(RuleSet.load().rules)
    target = "The meeting is on 9 December."

    def rules(tgt_lang: str) -> set[str]:
        return {f.rule for f in checker.check_segment(Segment("t", target, Origin("t", 1), tgt_lang=tgt_lang))}

    assert "en-us.date.day-month" in rules("en-US")
    assert "en-us.date.day-month" not in rules("en")
    assert "en-us.date.day-month" not in rules("en-GB")
