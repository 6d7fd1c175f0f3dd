"""The shipped patterns are bounded by construction: they run with no time limit (so a
loaded machine can never switch one off, mtcheck/packs/cpulimit.py), and this shows they
need none. Each runs on adversarial 30 kB texts: its own required literals repeated
(what makes a pattern with nested or unbounded repetition backtrack), long runs of one
letter, of spaces, of words, of CJK; a pattern that backtracks goes from milliseconds to
minutes on them. The bound is CPU seconds, far above a linear pattern's cost.
"""

from __future__ import annotations

import time

import pytest

from mtcheck.engine import RuleSet
from mtcheck.model import Origin, Segment
from mtcheck.packs.pattern import PatternRule
from mtcheck.packs.prefilter import required_literals

SIZE = 30_000
#: CPU seconds one shipped pattern may take on all the adversarial texts together.
BOUND = 1.0

SHIPPED = [rule for rule in RuleSet.load(check_examples=False).rules if isinstance(rule, PatternRule)]


def _repeat(piece: str) -> str:
    return (piece * (SIZE // max(len(piece), 1) + 1))[:SIZE]


def _adversaries(rule: PatternRule) -> list[str]:
    texts = [
        _repeat("a"),
        _repeat(" "),
        _repeat("the of and a "),
        _repeat("Party party, the Party. "),
        _repeat("我们的"),
        _repeat("1,000 "),
        _repeat("A. b. "),
    ]
    for literal in sorted(rule.literals or ()):
        texts += [_repeat(literal), _repeat(literal + " "), _repeat(literal + "a"), _repeat(" " + literal.upper())]
    # Its own examples over and over: many matches (bad) or near-matches (good) in one text.
    texts += [_repeat(example.target + " ") for example in (*rule.info.bad, *rule.info.good)]
    return texts


def _source(rule: PatternRule, text: str) -> str:
    """A source the rule's source condition accepts (its trigger), then the text."""
    pattern = rule.source_pattern
    literals = required_literals(pattern.pattern, pattern.flags) if pattern is not None else None
    return " ".join(sorted(literals or ())) + " " + text


@pytest.mark.parametrize("rule", SHIPPED, ids=[rule.info.id for rule in SHIPPED])
def test_a_shipped_pattern_is_linear_on_adversarial_text(rule: PatternRule) -> None:
    assert rule.limit is None
    started = time.process_time()
    for text in _adversaries(rule):
        # on the target, and on the source when the rule reads it
        list(rule.hits(Segment("x", text, Origin("x", 1), source=_source(rule, text), src_lang="zh", tgt_lang="en")))
        list(rule.hits(Segment("x", text, Origin("x", 1), tgt_lang="en")))
    spent = time.process_time() - started
    assert spent < BOUND, f"{rule.info.id}: {spent:.1f} s of CPU on adversarial text"


def test_the_shipped_packs_compile_lazily_and_load_eagerly_without_a_problem() -> None:
    """A run compiles a shipped pattern when it first runs (start-up pays for none it does
    not need); loaded eagerly, as a user's pack is, every shipped pack passes every check:
    its regexes compile and its replacements name groups its patterns have."""
    from mtcheck.lazyre import LazyRegex
    from mtcheck.packs import shipped_rules_dir
    from mtcheck.packs.loader import load_pack, pack_files

    assert all(isinstance(rule.pattern, LazyRegex) for rule in SHIPPED)
    files = pack_files(shipped_rules_dir())
    assert len(files) > 20
    for path in files:
        for rule in load_pack(path, check_examples=False).rules:
            assert not isinstance(rule.pattern, LazyRegex)
