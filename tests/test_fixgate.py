"""The fix gate (DESIGN.md "Fix safety") for every rule, the protected spans it reads, and
fixing long segments without quadratic work."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mtcheck.checks import BUILTIN_CHECKS
from mtcheck.engine import Checker, RuleSet
from mtcheck.fixer import choose, fix_segment
from mtcheck.glossary.checks import GlossaryMatcher, term_rules
from mtcheck.glossary.model import Entry
from mtcheck.model import Edit, Finding, Fix, Origin, Safety, Segment, Severity
from mtcheck.protected import protected, protected_spans, touches
from mtcheck.rule import Hit, RuleInfo

BUILTINS = Checker(BUILTIN_CHECKS)


def segment(target: str, source: str | None = None, tgt_lang: str | None = None) -> Segment:
    return Segment("s", target, Origin("t", 1), source=source, tgt_lang=tgt_lang)


# --- protected spans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Type :wq to save", [(":wq", "command")]),
        ("Run it with --dry-run first", [("--dry-run", "command")]),
        ("Meet at 10 : 30 today", [("10 : 30", "time")]),
        ("It ended 3:1, then 10:30:15", [("3:1", "time"), ("10:30:15", "time")]),
        ("Copy it to C : now", [("C :", "drive")]),
        ("Great :) see you ;-)", [(":)", "emoticon"), (";-)", "emoticon")]),
        ("(getrennt durch '=')", []),  # a quoted "=" in brackets, no "=')" emoticon
        ("(por ejemplo D:\\dicts\\es).", [("D:\\dicts\\es", "path")]),  # not the ")." after it
        ("see http://x.com/a?b=1. Next", [("http://x.com/a?b=1", "url")]),
        ("Mail a.b@c.org now", [("a.b@c.org", "email")]),
        ("Open /usr/local/bin or ~/notes.txt", [("/usr/local/bin", "path"), ("~/notes.txt", "path")]),
        ("Hello %s, %1$d and %(name)s", [("%s", "printf"), ("%1$d", "printf"), ("%(name)s", "printf")]),
        ("{0} of {count} and {{user}}", [("{0}", "braces"), ("{count}", "braces"), ("{{user}}", "braces")]),
        ('Click <g id="1" ctype="x-link">here</g>', [('<g id="1" ctype="x-link">', "tag"), ("</g>", "tag")]),
        ("Set $HOME and %PATH% and `ls -la`", [("$HOME", "variable"), ("%PATH%", "variable"), ("`ls -la`", "code")]),
        ("5% of people said so: yes", []),
        ("He said: hello, and/or goodbye", []),
    ],
)
def test_protected_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[start:end], kind) for start, end, kind in protected(text)] == expected


def test_spans_merge_and_touch() -> None:
    text = 'Path C:\\Users\\x and <ph id="1"/>'
    spans = protected_spans(text)
    assert [text[s:e] for s, e in spans] == ["C:\\Users\\x", '<ph id="1"/>']
    start, end = spans[1]
    assert touches(spans, start + 4, start + 5)  # inside the attribute
    assert touches(spans, start + 1, start + 1)  # an insertion inside
    assert not touches(spans, start, start)  # an insertion just before it
    assert not touches(spans, end, end + 1)  # an edit right after it


# --- punctuation leaves code, times and commands alone --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Type :wq to save and quit.",
        "The meeting starts at 10 : 30 tomorrow.",
        "Copy the files to C : before you start.",
        "Thanks :) see you",
        "They won 3 : 1 at home.",
        "Use the option --verbose ,then look.",
    ],
)
def test_space_before_leaves_code_times_and_commands(text: str) -> None:
    findings = [f for f in BUILTINS.check_segment(segment(text)) if f.rule == "punct.space-before"]
    assert [(f.text, f.fix.safety.value if f.fix else None) for f in findings] == (
        [(" ,", "safe")] if "," in text else []
    )
    fixed = fix_segment(BUILTINS, segment(text)).target
    for kept in (":wq", "10 : 30", "C :", ":)", "3 : 1", "--verbose"):
        assert (kept in fixed) == (kept in text)


# --- the three gates, for any rule ------------------------------------------------------------


PROPOSER = RuleInfo("test.proposer", "other", Severity.MINOR, "proposes an edit", "why")


@dataclass
class Proposer:
    """A test rule that flags one span and proposes one edit: the gate must judge it."""

    flag: tuple[int, int]
    edit: Edit
    safety: Safety = Safety.SAFE
    literals: None = None
    info: RuleInfo = PROPOSER

    def hits(self, seg: Segment) -> list[Hit]:
        return [Hit(*self.flag, "flagged", Fix((self.edit,), self.safety, "edit"))]


def gated(rule: Proposer, target: str, source: str | None = None) -> Finding:
    (finding,) = [
        f for f in Checker([rule, *BUILTIN_CHECKS]).check_segment(segment(target, source)) if f.rule == "test.proposer"
    ]
    return finding


def test_an_edit_inside_a_placeholder_is_withheld() -> None:
    target = "Hello {name}, welcome."
    finding = gated(Proposer((6, 12), Edit(7, 11, "Name")), target)
    assert finding.fix is None
    assert finding.message == "flagged (no automatic fix: it would edit a placeholder (“{name}”))"


def test_an_edit_of_text_the_source_holds_verbatim_is_a_suggestion() -> None:
    target = "Press Ctrl+Alt+Del to restart"
    finding = gated(Proposer((6, 18), Edit(6, 18, "Control-Alt-Delete")), target, source="按 Ctrl+Alt+Del 重启")
    assert finding.fix is not None
    assert (finding.fix.safety, finding.fix.reason) == (
        Safety.SUGGESTION,
        "“Ctrl+Alt+Del” stands verbatim in the source",
    )


@pytest.mark.parametrize(
    ("target", "edit", "source", "reason"),
    [
        # An indented block the source lays out the same way, and an aligned column.
        ("    BASH_VERSION\tVersion", Edit(0, 4, ""), "Names:\n    BASH_VERSION\tVersion", "“BASH_VERSION”"),
        (" -n, --noheadings       keine", Edit(17, 24, " "), " -n, --noheadings       don't", "“--noheadings”"),
    ],
)
def test_spaces_taken_out_of_a_layout_the_source_has_are_a_suggestion(
    target: str, edit: Edit, source: str, reason: str
) -> None:
    finding = gated(Proposer((edit.start, edit.end), edit), target, source=source)
    assert finding.fix is not None
    assert (finding.fix.safety, finding.fix.reason) == (Safety.SUGGESTION, f"{reason} stands verbatim in the source")
    plain = gated(Proposer((edit.start, edit.end), edit), target, source="Something else entirely")
    assert plain.fix is not None and plain.fix.safety is Safety.SAFE


def test_an_edit_outside_the_flagged_span_is_a_suggestion() -> None:
    finding = gated(Proposer((0, 3), Edit(4, 9, "large")), "One small step")
    assert finding.fix is not None
    assert (finding.fix.safety, finding.fix.reason) == (Safety.SUGGESTION, "it edits text outside the flagged span")


@pytest.mark.parametrize(
    ("target", "flag", "edit", "reason"),
    [
        ("the Provincial Committee met", (4, 14), Edit(4, 14, "Committee"), "it would read “committee committee”"),
        (
            "a community for mankind",
            (2, 11),
            Edit(2, 11, "community for mankind"),
            "it would read “for mankind for mankind”",
        ),
        ("We will build it", (8, 13), Edit(8, 13, "building"), "it would read “will building”"),
        ("It is the plan", (10, 14), Edit(10, 14, "a plan"), "it would read “the a”"),
        ("It is a plan now", (8, 12), Edit(8, 12, "approach"), "it would read “a approach”"),
    ],
)
def test_an_edit_that_doubles_a_word_or_breaks_a_seam_is_withheld(
    target: str, flag: tuple[int, int], edit: Edit, reason: str
) -> None:
    finding = gated(Proposer(flag, edit), target)
    assert finding.fix is None
    assert finding.message == f"flagged (no automatic fix: {reason})"


def test_an_edit_that_introduces_a_finding_is_withheld() -> None:
    finding = gated(Proposer((0, 3), Edit(3, 3, " “")), "Yes we can")
    assert finding.fix is None
    assert finding.message == (
        "flagged (no automatic fix: it would introduce punct.unbalanced (Unbalanced ““”: its partner is missing))"
    )


def test_a_new_finding_with_a_safe_fix_of_its_own_is_no_damage() -> None:
    """Two full-width commas: fixing one makes a comma collision the next pass repairs."""
    assert fix_segment(BUILTINS, segment("apples，，pears")).target == "apples, pears"


def test_check_reports_the_safety_fix_acts_on(tmp_path) -> None:
    from helpers import run_cli

    (tmp_path / "t.txt").write_text("Type :wq ,then quit. It is 10 : 30 .\n", encoding="utf-8")
    check = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "t.txt", cwd=tmp_path)
    import json

    records = [json.loads(line) for line in check.stdout.decode().splitlines()]
    assert [(r["rule"], r["text"], r["fix"]) for r in records] == [
        ("punct.space-before", " ,", {"replacement": ", ", "safety": "safe", "reason": None}),
        ("punct.space-before", " .", {"replacement": ".", "safety": "safe", "reason": None}),
    ]
    assert run_cli("fix", "--no-shipped-rules", "t.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "Type :wq, then quit. It is 10 : 30.\n"


# --- repeat.word: capitalised doubles that are no names ---------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("the Provincial Provincial Commission", "Provincial Provincial"),
        ("the Standing Committee Committee", "Committee Committee"),
        ("Of Of Mice and Men", "Of Of"),
        ("They flew to Walla Walla.", None),
        ("Tian Tian spreads the pollen.", None),
        ("Bora Bora and Wagga Wagga", None),
    ],
)
def test_capitalised_doubles(text: str, flagged: str | None) -> None:
    found = [f.text for f in BUILTINS.check_segment(segment(text)) if f.rule == "repeat.word"]
    assert found == ([flagged] if flagged else [])


def test_a_name_copied_from_the_source_is_not_fixed_safely() -> None:
    """An English source holding "Committee Committee" (a name in a list): repeat.word, a
    surface rule, drops a finding the source shows verbatim (mtcheck/surface.py); and were a
    rule to flag it, the gate would make its fix a suggestion."""
    copied = segment("Die Committee Committee tagte.", source="The Committee Committee met.", tgt_lang="de")
    assert BUILTINS.check_segment(copied) == []
    from mtcheck.checks.repetition import DOUBLED_WORD
    from mtcheck.fixgate import gate_fixes

    (hit,) = DOUBLED_WORD.hits(copied)
    info = DOUBLED_WORD.info
    flagged = Finding(info.id, info.category, info.severity, hit.message, copied, hit.start, hit.end, fix=hit.fix)
    (finding,) = gate_fixes([flagged], copied, BUILTINS.check_segment)
    assert finding.fix is not None and finding.fix.safety is Safety.SUGGESTION
    assert finding.fix.reason == "“Committee Committee” stands verbatim in the source"


# --- terms through the gate -------------------------------------------------------------------

ENTRIES = [
    Entry(
        source=("人类命运共同体",),
        target=("community with a shared future for mankind",),
        forbidden=("community of common destiny",),
    ),
    Entry(
        source=("扫黑除恶",),
        target=("campaign to combat and root out organized crime",),
        forbidden=("sweep away black and eliminate evil",),
    ),
]
TERMS = Checker(term_rules(GlossaryMatcher(ENTRIES)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "replacement", "message_end"),
    [
        ("build a community of common destiny for mankind", "community with a shared future", None),
        ("build a community of common destiny.", "community with a shared future for mankind", None),
        (
            "build a community of common destiny for all mankind",
            None,
            "(no automatic fix: it would read “for mankind … for mankind”)",
        ),
        (
            "the sweep away black and eliminate evil campaign",
            None,
            "(no automatic fix: it would read “campaign … campaign”)",
        ),
    ],
)
def test_term_fixes_through_the_gate(target: str, replacement: str | None, message_end: str | None) -> None:
    source = "扫黑除恶" if "sweep" in target else "人类命运共同体"
    (finding,) = TERMS.check_segment(segment(target, source))
    assert finding.replacement == replacement
    if message_end:
        assert finding.message.endswith(message_end)


# --- long segments: linear work ---------------------------------------------------------------


class Counting(Checker):
    """Records how many characters each check call reads."""

    def __init__(self, rules) -> None:  # type: ignore[no-untyped-def]
        super().__init__(rules)
        self.read: list[int] = []

    def _findings(self, seg: Segment, skip: frozenset[int] = frozenset()) -> list[Finding]:
        self.read.append(len(seg.target))
        return super()._findings(seg, skip)


def test_a_long_segment_with_many_fixes_is_fixed_in_linear_work(monkeypatch) -> None:
    from mtcheck import effort, fixgate

    units = 600
    text = " ".join(f"alpha beta gamma word{i} ," for i in range(units))  # 600 "space before a comma", 17 kB
    checker = Counting(BUILTIN_CHECKS)
    result = fix_segment(checker, segment(text))
    assert result.target == " ".join(f"alpha beta gamma word{i}," for i in range(units))
    assert len(result.applied) == units and not result.left
    # Every trial check of a fix reads a window, not the 17 kB segment: the characters read
    # grow with the number of fixes times the window, never with fixes times the length.
    trial_reads = [n for n in checker.read if n < len(text) - units]
    assert len(trial_reads) == 2 * units  # before and after, for each fix of the one pass
    assert max(trial_reads) <= 2 * fixgate.WINDOW + 40
    assert sum(checker.read) <= 4 * len(text) + 2 * units * (2 * fixgate.WINDOW + 40)

    # TER never scores the whole segment: it scores the changed stretches.
    scored: list[int] = []
    from sacrebleu.metrics import TER

    original = TER.corpus_score

    def spy(self, hypotheses, references):  # type: ignore[no-untyped-def]
        scored.extend(len(h.split()) for h in hypotheses)
        return original(self, hypotheses, references)

    monkeypatch.setattr(TER, "corpus_score", spy)
    measured = effort.measure([(text, result.target)], ["punct.space-before"] * units)
    assert max(scored) <= 2 * effort.CONTEXT_WORDS + 2
    # The same effort TER gives a short stretch of the same text, scored whole, per fix.
    short = 50
    whole = original(TER(), [" ".join(text.split()[: 5 * short])], [[" ".join(result.target.split()[: 4 * short])]])
    assert (measured.ter_edits, measured.ter_words) == (whole.num_edits * units / short, 4 * units)


def test_choose_takes_every_disjoint_fix_of_a_long_segment() -> None:
    long = segment("y" * 100_000)

    def finding(start: int, end: int) -> Finding:
        fix = Fix((Edit(start, end, "x"),), Safety.SAFE)
        return Finding("r", "other", Severity.MINOR, "m", long, start, end, fix=fix)

    findings = [finding(i * 10, i * 10 + 3) for i in range(10_000)]
    overlapping = [finding(i * 10 + 2, i * 10 + 5) for i in range(10_000)]
    chosen, waiting = choose(findings + overlapping)
    assert chosen == findings
    assert waiting == overlapping


def test_every_shipped_rule_is_gated() -> None:
    """The gate runs in the engine, for pack rules, built-ins and terms alike."""
    rules = RuleSet.load(check_examples=False, glossaries=["zh-en"]).rules
    checker = Checker(rules)
    target = "Type :wq to play first moves and fight well ."
    findings = checker.check_segment(segment(target))
    by_rule = {f.rule: f for f in findings}
    assert "zh-en.calque.first-move" in by_rule
    assert by_rule["punct.space-before"].fix is not None  # " ." at the end is no command
