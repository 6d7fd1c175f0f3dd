"""Carrier sentences for glossary fixes: every forbidden variant of a glossary placed in
ordinary sentences (start, middle, end; after an article; plural; title case), fixed, and
judged by what a careful reader checks: no word outside the term lost, no word doubled,
no visible grammar break, and the approved term present — or the fix withheld with a reason.

Used by tests/test_carriers.py; ``python tests/carriers.py`` prints the counts (how many
fixes were applied safe, offered as suggestions, withheld) for the shipped glossary.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mtcheck.engine import Checker, RuleSet
from mtcheck.fixer import fix_segment
from mtcheck.glossary.checks import GlossaryMatcher
from mtcheck.glossary.load import load_entries
from mtcheck.glossary.matcher import stem
from mtcheck.glossary.model import Entry
from mtcheck.glossary.variant import Variant, parse_variant
from mtcheck.model import Origin, Safety, Segment

#: (template, kind): {v} is the variant; the words around it are what must survive.
NOUN_TEMPLATES = (
    ("{V} was discussed at the meeting.", "start"),
    ("We will study the {v} carefully this year.", "middle"),
    ("The report explains the {v}.", "end"),
    ("It is {a} {v} that matters.", "article"),
    ("Officials praised the {v_plural} in their speeches.", "plural"),
    ("The Document Describes The {v_title} In Detail.", "title"),
    ("Experts said “{v}” again, and others agreed.", "quoted"),
)
VERB_TEMPLATES = (
    ("{V} is the task for this year.", "verb-start"),
    ("We must {v} in the coming years.", "verb-middle"),
    ("The province promised to {v}.", "verb-end"),
    ("The county is {v_ing} this year.", "verb-inflected"),
)
PHRASE_TEMPLATES = (
    ("The Party Central Committee {v} has issued a plan.", "phrase-middle"),
    ("The speech {v} for our work.", "phrase-past"),
)
QUOTED_TEMPLATES = (("The report explains the {v}.", "end"), ("We will study the {v} carefully this year.", "middle"))
#: First words of the shipped variants that are verb phrases ("make overall plans for …").
VERBS = frozenset(
    "guarantee ensure make coordinate insist play fight sweep prevent build create escort comprehensively don't".split()
)
_WORD = re.compile(r"[\w'’-]+")
_ARTICLES = {"a", "an", "the"}
_MODAL_GERUND = re.compile(r"\b(?:will|would|shall|should|can|could|may|might|must)\s+\w{2,}ing\b", re.I)
_TWO_ARTICLES = re.compile(r"\b(?:a|an|the)\s+(?:a|an|the)\b", re.I)


@dataclass(frozen=True)
class Carrier:
    entry: Entry
    variant: Variant
    raw: str
    kind: str
    target: str
    source: str | None
    prefix: str  # the carrier's text before the variant
    suffix: str  # and after it


def words(text: str) -> list[str]:
    """Lower-cased words, each reduced to the matcher's stem (the carrier's plural of a
    context word is still that word)."""
    return [stem(w.lower()) for w in _WORD.findall(text.replace("’", "'"))]


def _plural(text: str) -> str | None:
    last = text.split()[-1] if text.split() else ""
    if not last.isalpha() or last.endswith("s"):
        return None
    if last.endswith(("x", "z", "ch", "sh")):
        return text + "es"
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        return text[:-1] + "ies"
    return text + "s"


def _ing(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.endswith("e") and not first.endswith("ee"):
        first = first[:-1]
    elif len(first) > 2 and first[-1] in "pgtn" and first[-2] in "aeiou" and first[-3] not in "aeiou":
        first += first[-1]
    return f"{first}ing {rest}".strip()


def _title(text: str) -> str:
    minor = ("of", "and", "the", "for")
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() and w not in minor else w for w in text.split())


def carriers(entries: list[Entry], *, with_source: bool) -> list[Carrier]:
    out = []
    for entry in entries:
        if not entry.enforced:
            continue
        source = f"我们今天讨论了{entry.source[0]}的问题。" if with_source and entry.source else None
        for raw in entry.forbidden:
            variant = parse_variant(raw)
            text = variant.text
            first = text.split()[0].lower()
            if text[:1] in "“\"'‘":
                kinds = QUOTED_TEMPLATES
            elif first in VERBS:
                kinds = VERB_TEMPLATES
            elif first == "with" or first.endswith("ed"):
                kinds = PHRASE_TEMPLATES[:1] if first == "with" else PHRASE_TEMPLATES[1:]
            else:
                kinds = NOUN_TEMPLATES
            for template, kind in kinds:
                values = {
                    "v": text,
                    "V": text[:1].upper() + text[1:],
                    "a": "an" if text[:1].lower() in "aeiou" else "a",
                    "v_plural": _plural(text),
                    "v_title": _title(text),
                    "v_ing": _ing(text),
                }
                if kind == "plural" and values["v_plural"] is None:
                    continue
                if kind == "quoted" and any(q in text for q in '“”"'):
                    continue
                marker = "{" + template.split("{", 2)[-1].split("}")[0] + "}"
                prefix, suffix = template.split(marker)
                prefix = prefix.format(**values)
                found = str(values[marker[1:-1]])
                target = prefix + found + suffix
                out.append(Carrier(entry, variant, raw, kind, target, source, prefix, suffix))
    return out


@dataclass
class Outcome:
    carrier: Carrier
    before: str
    after: str
    term_findings: list  # term.forbidden findings on the carrier before fixing
    problems: list[str]


def judge(checker: Checker, matcher: GlossaryMatcher, carrier: Carrier, *, unsafe: bool) -> Outcome:
    segment = Segment("c", carrier.target, Origin("c", 1), source=carrier.source, tgt_lang="en")
    findings = [f for f in checker.check_segment(segment) if f.rule == "term.forbidden"]
    after = fix_segment(checker, segment, unsafe=unsafe).target
    problems = []
    # 1. every word outside the term is still there, in order
    context = [*words(carrier.variant.left), *words(carrier.variant.right)]
    prefix = words(carrier.prefix)
    if prefix and prefix[-1] in _ARTICLES:
        prefix = prefix[:-1]  # "a"/"an" follows the replacement; "the" may merge with its article
    kept = [*prefix, *context, *words(carrier.suffix)]
    remaining = iter(words(after))
    lost = [word for word in kept if word not in remaining]
    if lost:
        problems.append(f"lost {lost}")
    # 2. no word or phrase doubled that was not doubled before
    doubled = _doubles(after) - _doubles(carrier.target)
    if doubled:
        problems.append(f"doubled {sorted(doubled)}")
    # 3. no grammar break a pattern sees
    for pattern in (_MODAL_GERUND, _TWO_ARTICLES):
        if len(pattern.findall(after)) > len(pattern.findall(carrier.target)):
            problems.append(f"grammar: {pattern.findall(after)}")
    # 4. the approved term is there, or the fix was withheld with a reason
    still = [hit for hit in matcher.analyse(replace_target(segment, after)).target if hit.kind == "forbidden"]
    if still and not any("(no automatic fix:" in f.message or (f.fix and not _applied(f, unsafe)) for f in findings):
        problems.append("forbidden variant left without a reason")
    if not still and after == carrier.target and findings:
        problems.append("nothing changed")
    return Outcome(carrier, carrier.target, after, findings, problems)


def replace_target(segment: Segment, target: str) -> Segment:
    from dataclasses import replace

    return replace(segment, target=target)


def _applied(finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.safety is Safety.SAFE)


def _doubles(text: str) -> Counter[str]:
    tokens = words(text)
    found: Counter[str] = Counter()
    for k in range(1, 5):
        for i in range(len(tokens) - 2 * k + 1):
            if tokens[i : i + k] == tokens[i + k : i + 2 * k]:
                found[" ".join(tokens[i : i + k])] += 1
    return found


def shipped_checker() -> tuple[Checker, GlossaryMatcher, list[Entry]]:
    rules = RuleSet.load(shipped=False, glossaries=["zh-en"]).rules
    checker = Checker(rules)
    matcher = next(rule.matcher for rule in rules if rule.info.id == "term.forbidden")  # type: ignore[attr-defined]
    return checker, matcher, load_entries("zh-en")


def tally(outcomes: list[Outcome], unsafe: bool) -> Counter[str]:
    """How the term fixes of the carriers came out: safe; a suggestion (no source evidence,
    fitted by an inflection or title case, or demoted by the fix gate); withheld (by the
    gate, or because no replacement fits mechanically)."""
    counts: Counter[str] = Counter()
    gate_reasons = ("afterwards", "stands verbatim", "it edits text outside")
    for outcome in outcomes:
        for finding in outcome.term_findings:
            if finding.fix is None:
                gate = "it would" in finding.message.rsplit("(no automatic fix:", 1)[-1]
                counts["withheld by the gate" if gate else "withheld: no mechanical fit"] += 1
            elif finding.fix.safety is Safety.SAFE:
                counts["safe"] += 1
            elif "source does not show" in finding.fix.reason:
                counts["suggestion: no source evidence"] += 1
            elif finding.fix.reason.startswith(gate_reasons):
                counts["suggestion: demoted by the gate"] += 1
            else:
                counts["suggestion: inflection or title case carried over"] += 1
        counts["carriers"] += 1
        counts["carriers with a problem"] += bool(outcome.problems)
    return counts


if __name__ == "__main__":
    checker, matcher, entries = shipped_checker()
    for with_source in (True, False):
        for unsafe in (False, True):
            outcomes = [judge(checker, matcher, c, unsafe=unsafe) for c in carriers(entries, with_source=with_source)]
            label = f"{'with' if with_source else 'without'} source, {'--unsafe-fixes' if unsafe else 'safe only'}"
            print(label, dict(tally(outcomes, unsafe)))
            for outcome in outcomes:
                if outcome.problems:
                    print("  ", outcome.before, "→", outcome.after, outcome.problems)
