"""Gates (mtcheck/gates.py) only ever skip a check that would have found nothing, and the
Hyperscan and regex paths decide every gate alike."""

from __future__ import annotations

import functools
import importlib.util

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import example as hypothesis_example
from hypothesis import strategies as st

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.engine import Checker
from mtcheck.gates import Gate, Gates, _Hyperscan, _Searched, hyperscan_syntax
from mtcheck.model import Origin, Segment
from mtcheck.rule import example_segment
from mtcheck.surface import rule_hits

GATED = [rule for rule in BUILTIN_CHECKS if getattr(rule, "gate", None) is not None]
HAS_HYPERSCAN = importlib.util.find_spec("hyperscan") is not None

#: Pieces of text the gated checks look for: marks, blanks at the edges, digits of several
#: scripts, Chinese numerals, placeholders, words the truncation checks read, letters whose
#: case folds oddly.
PIECES = [
    "the", "The", "that", "of", "and", "Publicize", "Responsibility", "atmosphere", "Strong", "he",
    "a", "A", "é", "ς", "İ", "x", "Z", "date", "2023-04-16", "12345", "123456", "3,500", "٣", "５",
    "十", "年", "第", "%", "%s", "{0}", "{name}", "<b>", "</b>", "&amp;", "$x", "${x}", "@", "~a",
    "www.x.com", "http://a.b", ".", ",", ";", ":", "!", "?", "…", "。", "，", "、", "（", "）", "“",
    "”", '"', "'", "’", "(", ")", "[", "]", "»", "«", "-", "—", " ", " ", "  ", "\t", "\n", "\u00a0", "；", "？",
    "\u3000", "\u202f", "¿", "¡", "_", "&", "\ue000",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
languages = st.sampled_from([("zh", "en"), ("en", "de"), ("en", "fr"), ("en", "es"), (None, "en"), ("en", "ja")])


def _segment(target: str, source: str | None, langs: tuple[str | None, str]) -> Segment:
    src_lang, tgt_lang = langs
    if source is None:
        src_lang = None
    elif src_lang is None:
        src_lang = "en"
    return Segment("k", target, Origin("t.tsv", 1), source, src_lang, tgt_lang)


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.info.id)
@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(target=texts, source=st.one_of(st.none(), texts), langs=languages)
def test_a_closed_gate_means_no_finding(rule, target, source, langs):
    segment = _segment(target, source, langs)
    gates = Gates({0: rule.gate})
    if gates.admitted([0], segment.target, segment.source):
        return
    assert rule_hits(rule, segment) == [], f"{rule.info.id} fires where its gate is closed"


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.info.id)
def test_the_gate_opens_on_every_bad_example(rule):
    gates = Gates({0: rule.gate})
    for example in rule.info.bad:
        segment = example_segment(rule, example)
        assert gates.admitted([0], segment.target, segment.source) == [0], example.target


def test_gates_change_no_finding_on_any_example():
    """Every built-in rule's examples, checked with and without gates."""
    gated = Checker([getattr(rule, "fresh", lambda r=rule: r)() for rule in BUILTIN_CHECKS])
    plain = Checker([getattr(rule, "fresh", lambda r=rule: r)() for rule in BUILTIN_CHECKS])
    plain._gates = None
    assert gated._gates is not None
    examples = [(rule, example) for rule in BUILTIN_CHECKS for example in (*rule.info.bad, *rule.info.good)]
    for rule, example in examples:
        segment = example_segment(rule, example)
        assert gated.check_segment(segment) == plain.check_segment(segment), example.target


def test_hyperscan_syntax_spells_what_regex_reads():
    assert hyperscan_syntax("[ \t\u00a0]\\Z") == "[ \\x{9}\\x{a0}]\\z"
    assert hyperscan_syntax(r"[\uff01-\uff5e]\U0001f600") == "[\\x{ff01}-\\x{ff5e}]\\x{1f600}"
    digits = hyperscan_syntax(r"\d")
    assert digits.startswith("[\\x{30}-\\x{39}\\x{660}-\\x{669}") and digits.endswith("]")
    inside = hyperscan_syntax(r"[\d十%]")
    assert inside.startswith("[\\x{30}-\\x{39}") and inside.endswith("\\x{5341}%]") and inside.count("[") == 1


@pytest.mark.skipif(not HAS_HYPERSCAN, reason="hyperscan is not installed here")
def test_every_shipped_gate_compiles_for_hyperscan():
    """A pattern Hyperscan refused would silently leave every run on the slower path."""
    gates = Gates({index: rule.gate for index, rule in enumerate(GATED)})
    assert _Hyperscan.build(gates.target_patterns, gates.source_patterns) is not None


@functools.cache
def _shipped_scanner() -> tuple[Gates, _Hyperscan]:
    gates = Gates({index: rule.gate for index, rule in enumerate(GATED)})
    scanner = _Hyperscan.build(gates.target_patterns, gates.source_patterns)
    assert scanner is not None
    return gates, scanner


@pytest.mark.skipif(not HAS_HYPERSCAN, reason="hyperscan is not installed here")
@settings(max_examples=300, deadline=None)
@given(target=texts, source=texts)
@hypothesis_example(target="", source="thethe12345&thethethePublicize\xa0")  # Hyperscan alone missed the trailing blank
def test_hyperscan_and_regex_decide_alike(target, source):
    gates, scanner = _shipped_scanner()
    scanned = scanner.scan(target, source)
    assert scanned is not None
    target_hits, source_hits = scanned
    by_regex_target = _Searched(target, [regex.compile(p) for p in gates.target_patterns])
    by_regex_source = _Searched(source, [regex.compile(p) for p in gates.source_patterns])
    assert target_hits == {i for i in range(len(gates.target_patterns)) if i in by_regex_target}
    assert source_hits == {i for i in range(len(gates.source_patterns)) if i in by_regex_source}


@pytest.mark.skipif(not HAS_HYPERSCAN, reason="hyperscan is not installed here")
def test_text_hyperscan_cannot_encode_is_decided_by_regex():
    gates = Gates({0: Gate("  "), 1: Gate("[?!]")})
    gates._hyperscan = _Hyperscan.build(gates.target_patterns, gates.source_patterns)
    assert gates.admitted([0, 1], "a  b\ud800?", None) == [0, 1]  # a lone surrogate
    assert gates.admitted([0, 1], "a b", None) == []


@pytest.mark.parametrize("with_hyperscan", [False, True] if HAS_HYPERSCAN else [False])
def test_either_and_both_sides(with_hyperscan):
    gates = Gates({0: Gate("x", "y", either=True), 1: Gate("x", "y"), 2: Gate(source="y")})
    if with_hyperscan:
        gates._hyperscan = _Hyperscan.build(gates.target_patterns, gates.source_patterns)
    assert gates.admitted([0, 1, 2], "x", "y") == [0, 1, 2]
    assert gates.admitted([0, 1, 2], "x", "n") == [0]
    assert gates.admitted([0, 1, 2], "n", "y") == [0, 2]
    assert gates.admitted([0, 1, 2], "x", None) == [0]
    assert gates.admitted([3, 0], "n", "n") == [3]  # a rule without a gate always passes


@pytest.mark.skipif(not HAS_HYPERSCAN, reason="hyperscan is not installed here")
def test_the_database_is_compiled_once_and_loaded_from_the_cache(tmp_path, monkeypatch):
    import hyperscan

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTCHECK_NO_CACHE", raising=False)
    gates = Gates({0: Gate("  "), 1: Gate(source=r"\d")})
    assert _Hyperscan.build(gates.target_patterns, gates.source_patterns) is not None
    assert len(list((tmp_path / "gates").glob("*.json"))) == 2

    class NoCompiling:
        def compile(self, **_: object) -> None:
            raise AssertionError("compiled again")

    monkeypatch.setattr(hyperscan, "Database", NoCompiling)
    loaded = _Hyperscan.build(gates.target_patterns, gates.source_patterns)
    assert loaded is not None
    assert loaded.scan("a  b", "x7") == ({0}, {0})
    assert loaded.scan("a b", "x") == (set(), set())


def _shipped_gated_pack_rules() -> list:
    from mtcheck.engine import RuleSet

    return [rule for rule in RuleSet.load().rules if rule not in BUILTIN_CHECKS and getattr(rule, "gate", None)]


def test_pack_rules_gate_on_caseless_source_literals_only():
    from mtcheck.packs.loader import source_gate

    assert source_gate(frozenset({"来源"})) == Gate(source="来源")
    assert source_gate(frozenset({"记者", "a:b"})) is None  # a literal with a case: the gate would read it wrong
    assert source_gate(frozenset({"《", "(1)"})) == Gate(source="\\x281\\x29|《")
    assert source_gate(None) is None
    gated = {rule.info.id for rule in _shipped_gated_pack_rules()}
    assert {"zh-en.news.credit-dropped", "zh-en.news.reporter-learned", "quotes.title-marks"} <= gated


def test_every_gated_pack_rule_opens_on_its_bad_examples_and_finds_what_it_found():
    rules = _shipped_gated_pack_rules()
    for rule in rules:
        gates = Gates({0: rule.gate})
        for example in rule.info.bad:
            segment = example_segment(rule, example)
            assert gates.admitted([0], segment.target, segment.source) == [0], (rule.info.id, example.target)
    gated, plain = Checker(rules), Checker(rules)
    plain._gates = None
    for rule in rules:
        for example in (*rule.info.bad, *rule.info.good):
            segment = example_segment(rule, example)
            assert gated.check_segment(segment) == plain.check_segment(segment), (rule.info.id, example.target)


def test_spaces_are_what_python_strips():
    from mtcheck.gates import SPACES

    assert set(SPACES) == {chr(code) for code in range(0x110000) if chr(code).isspace()}


def test_the_pair_marks_gate_holds_every_locales_marks():
    from mtcheck.checks.punctuation import PAIR_MARKS
    from mtcheck.lang.locale import DEFAULT, _shipped

    marks = set(DEFAULT.pair_marks).union(*(locale.pair_marks for locale in _shipped().values()))
    assert marks <= set(PAIR_MARKS), sorted(marks - set(PAIR_MARKS))


EDGE_TEXTS = st.lists(
    st.sampled_from(["a", ";", " ", "\t", "\n", "\xa0", "\u3000", "x;", "\u2028", "|"]), max_size=6
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=EDGE_TEXTS)
def test_edge_gates_answer_as_regex_does(text):
    """Gates that look only at an edge of the text are answered by string tests (_Edge): the
    same answer as the pattern's search, for every shipped one and a few of other shapes."""
    from mtcheck.gates import SPACES, _Edge

    gates = Gates({index: rule.gate for index, rule in enumerate(GATED)})
    anchored = [p for p in [*gates.target_patterns, *gates.source_patterns] if "\\A" in p or "\\Z" in p]
    others = ["\\A;|;\\Z", f";[{SPACES}]*\\Z", "[;|]\\Z", "\\A[ a]", ";[;]*\\Z", "[a-z]\\Z"]
    parsed = 0
    for pattern in anchored + others:
        edge = _Edge.parse(pattern)
        if edge is not None:
            parsed += 1
            assert (edge.search(text) is not None) == (regex.search(pattern, text) is not None), pattern
    assert parsed >= len(anchored) - 1 + 3  # all shipped ones but trunc.dangling-end's
