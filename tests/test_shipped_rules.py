"""Every example of every shipped rule, pack and built-in, is a test (a rule cannot ship
without proof). Each fix must also stay inside its finding's span."""

from __future__ import annotations

import pytest

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.engine import RuleSet, locale_example_problems
from mtcheck.packs import shipped_rules_dir
from mtcheck.packs.loader import example_problems
from mtcheck.rule import example_rule, example_segment


def _every_shipped_rule() -> tuple:
    """Every rule, including packs for one variety (en-US), which load only where it is declared."""
    rules = {rule.info.id: rule for rule in RuleSet.load(check_examples=False).rules}
    for rule in RuleSet.load(check_examples=False, tgt_lang="en-US").rules:
        rules.setdefault(rule.info.id, rule)
    return tuple(rules.values())


ALL_RULES = _every_shipped_rule()


def test_shipped_packs_are_found() -> None:
    packs = sorted(p.relative_to(shipped_rules_dir()).as_posix() for p in shipped_rules_dir().rglob("*.toml"))
    assert "zh-en/calques.toml" in packs


def test_registry_has_every_family() -> None:
    families = {check.info.id.split(".")[0] for check in BUILTIN_CHECKS}
    assert families == {
        "punct",
        "repeat",
        "trunc",
        "case",
        "untranslated",
        "number",
        "placeholder",
        "plural",
        "accelerator",
        "whitespace",
        "keywords",
        "length",
        "consistency",
        "cjk",
        "unit",
    }
    assert len({check.info.id for check in BUILTIN_CHECKS}) == len(BUILTIN_CHECKS)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.info.id)
def test_rule_examples_behave(rule) -> None:
    assert example_problems(rule) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.info.id)
def test_rule_is_documented(rule) -> None:
    info = rule.info
    assert info.summary and info.why, "every rule says what it flags and why"
    working = example_rule(rule)  # (a term rule without a glossary is its description alone)
    if hasattr(working, "finish") or hasattr(working, "finish_file"):  # run- or file-scope batch rules
        return  # a batch rule: its examples are whole batches or files, in its own tests
    assert info.bad and info.good


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.info.id)
def test_fixes_stay_inside_their_span(rule) -> None:
    for example in rule.info.bad:
        for hit in rule.hits(example_segment(rule, example)):
            assert hit.start < hit.end
            for edit in hit.fix.edits if hit.fix else ():
                assert hit.start <= edit.start <= edit.end <= hit.end, (hit, edit)


LOCALE_PACKS = [pack for pack in RuleSet.load(check_examples=False).packs if pack.locale is not None]


def test_every_promised_language_has_a_locale_pack_with_examples() -> None:
    languages = {pack.scope.targets[0] for pack in LOCALE_PACKS}
    assert {"de", "fr", "es", "it", "pt", "ru", "pl", "ja", "zh", "ko", "ar", "he", "en"} <= languages
    for pack in LOCALE_PACKS:
        flagged = [example for example in pack.examples if example.rule]
        assert flagged and len(flagged) < len(pack.examples), f"{pack.path}: needs examples flagged and clean"


@pytest.mark.parametrize("pack", LOCALE_PACKS, ids=lambda pack: pack.scope.targets[0])
def test_locale_pack_examples_behave(pack) -> None:
    assert locale_example_problems(pack, ALL_RULES) == []
