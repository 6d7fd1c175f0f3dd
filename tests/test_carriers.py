"""Every forbidden variant of the shipped glossary, in carrier sentences, fixed: no word
outside the term lost, no word doubled, no grammar break the patterns see, and the approved
term present or the fix withheld with a reason (tests/carriers.py has the judge)."""

from __future__ import annotations

import pytest
from carriers import Carrier, carriers, judge, shipped_checker
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.fixer import fix_segment
from mtcheck.glossary.variant import parse_variant
from mtcheck.model import Origin, Safety, Segment

CHECKER, MATCHER, ENTRIES = shipped_checker()


@pytest.mark.parametrize(("with_source", "unsafe"), [(True, True), (False, True), (True, False)])
def test_every_shipped_variant_in_carrier_sentences(with_source: bool, unsafe: bool) -> None:
    cases = carriers(ENTRIES, with_source=with_source)
    assert len(cases) > 800  # every variant, in several positions
    outcomes = [judge(CHECKER, MATCHER, carrier, unsafe=unsafe) for carrier in cases]
    bad = [(o.before, o.after, o.problems) for o in outcomes if o.problems]
    assert bad == []
    changed = sum(o.after != o.before for o in outcomes)
    if unsafe or with_source:
        assert changed > 0.85 * len(outcomes)  # most are repaired, not merely left alone


def sentence(target: str, source: str | None = None) -> str:
    segment = Segment("s", target, Origin("s", 1), source=source, tgt_lang="en")
    return fix_segment(CHECKER, segment).target


@pytest.mark.parametrize(
    ("target", "source", "fixed"),
    [
        ("Advance Chinese-style modernization.", "推进中国式现代化。", "Advance Chinese modernization."),
        (
            "Firmly establish the overall national security concept.",
            "牢固树立总体国家安全观。",
            "Firmly establish the holistic approach to national security.",
        ),
        (
            "It follows an overall national security concept.",
            "坚持总体国家安全观。",
            "It follows a holistic approach to national security.",
        ),
        (
            "We will make Longjiang contributions to safeguarding national security.",
            "为维护国家安全贡献龙江力量。",
            "We will make Heilongjiang contributions to safeguarding national security.",
        ),
        (
            "Promote the building of a community of common destiny for mankind.",
            "推动构建人类命运共同体。",
            "Promote the building of a community with a shared future for mankind.",
        ),
        (
            "We will build a well-off society in an all-round way.",
            "全面建成小康社会。",
            "We will build a moderately prosperous society in all respects.",
        ),
        (
            "Train high-quality cadres for the new era.",
            "培养新时代高素质干部。",
            "Train high-caliber officials for the new era.",
        ),
        (
            "The Provincial Commission for Disciplinary Inspection held a meeting.",
            "省纪委召开会议。",
            "The Provincial Commission for Discipline Inspection held a meeting.",
        ),
        (
            "Build a national security work pattern.",
            "构建国家安全工作格局。",
            "Build a national security work framework.",
        ),
        ("Strengthen risk research and judgment.", "加强风险研判。", "Strengthen risk analysis and assessment."),
    ],
)
def test_the_issue_rows_are_repaired_safely(target: str, source: str, fixed: str) -> None:
    assert sentence(target, source) == fixed


def test_a_municipal_commission_stays_municipal() -> None:
    """No source evidence for 省纪委: a suggestion, and it replaces only "Disciplinary"."""
    target = "The Municipal Commission for Disciplinary Inspection held a meeting."
    (finding,) = [f for f in CHECKER.check_segment(Segment("s", target, Origin("s", 1), source="市纪委召开会议。"))]
    assert finding.fix is not None and finding.fix.safety is Safety.SUGGESTION
    segment = Segment("s", target, Origin("s", 1), source="市纪委召开会议。")
    assert fix_segment(CHECKER, segment, unsafe=True).target == (
        "The Municipal Commission for Discipline Inspection held a meeting."
    )


# --- unseen carriers: random words around a random variant ---------------------------------

VARIANTS = [(entry, raw) for entry in ENTRIES if entry.enforced for raw in entry.forbidden]
FILLER = st.sampled_from(
    "the officials said that we will study in this year and its new plan for work on a report "
    "carefully across provinces before experts agreed".split()
)


@settings(max_examples=150, deadline=None)
@given(
    pick=st.sampled_from(VARIANTS),
    before=st.lists(FILLER, min_size=0, max_size=6, unique=True),
    after=st.lists(FILLER, min_size=0, max_size=6, unique=True),
    end=st.sampled_from([".", ",", "", "!"]),
    upper=st.booleans(),
    with_source=st.booleans(),
)
def test_random_carriers(pick, before: list[str], after: list[str], end: str, upper: bool, with_source: bool) -> None:
    entry, raw = pick
    variant = parse_variant(raw)
    text = variant.text[:1].upper() + variant.text[1:] if upper and not before else variant.text
    prefix = " ".join(before) + (" " if before else "")
    suffix = (" " if after else "") + " ".join(after) + end
    source = f"他们说{entry.source[0]}。" if with_source else None
    carrier = Carrier(entry, variant, raw, "random", prefix + text + suffix, source, prefix, suffix)
    outcome = judge(CHECKER, MATCHER, carrier, unsafe=True)
    assert outcome.problems == [], (outcome.before, outcome.after)
