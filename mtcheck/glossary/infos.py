"""The term rules' descriptions, and what stands for them in a run without a glossary.

A run without a glossary still lists the term rules (``--select term.*``, ``mtcheck rules``),
but they can never fire: ``idle_term_rules`` gives each as its description alone, so such a
run imports none of the glossary machinery (a tenth of a one-line check's start-up).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mtcheck.model import Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo

TERMINOLOGY = "terminology/inappropriate"

FORBIDDEN_INFO = RuleInfo(
    id="term.forbidden",
    category=TERMINOLOGY,
    severity=Severity.MAJOR,
    summary="A forbidden rendering of a glossary term in the target",
    why="The glossary lists renderings that are wrong for a concept (“overall national "
    "security concept” for 总体国家安全观); they are flagged whether or not a source is "
    "given. The fix replaces the variant's term core — the part in [brackets] when the "
    "glossary marks one, so context words such as “contributions” in “[Longjiang] "
    "contributions” stay — with the preferred term, fitted to the sentence (case, article, "
    "words the text already has at the seams). It is safe only when the source has the "
    "term and the variant stands uninflected; a plural or verb form carried over is a "
    "suggestion, and the fix gate withholds any fix that would double a word. The "
    "severity is the entry's, else the glossary's `# default-severity:`, else major.",
    bad=(
        Example(
            "they follow the overall national security concept",
            fix="they follow the holistic approach to national security",
        ),
        Example(
            "the Overall National Security Concepts",
            source="总体国家安全观",
            fix="the Holistic Approaches to National Security",
        ),
        Example(
            "We will make Longjiang contributions to the country.",
            source="为国家贡献龙江力量。",
            fix="We will make Heilongjiang contributions to the country.",
        ),
    ),
    good=(Example("firmly follow the holistic approach to national security"),),
    origin="glossary",
)

MISSING_INFO = RuleInfo(
    id="term.missing",
    category=TERMINOLOGY,
    severity=Severity.MAJOR,
    summary="A glossary term in the source without an approved rendering in the target",
    why="Clients audit terminology first: when the source uses a glossary term, the "
    "target must use one of its approved renderings. The severity is the entry's, else "
    "the glossary's `# default-severity:`, else major.",
    bad=(Example("firmly establish an overall security outlook", source="牢固树立总体国家安全观"),),
    good=(
        Example("firmly follow the holistic approach to national security", source="牢固树立总体国家安全观"),
        Example("firmly follow the holistic approaches to national security", source="牢固树立总体国家安全观"),
    ),
    origin="glossary",
    needs_source=True,
)

INCONSISTENT_INFO = RuleInfo(
    id="term.inconsistent",
    category="terminology/inconsistent",
    severity=Severity.MINOR,
    summary="One source term rendered with different approved variants within a document",
    why="Approved variants are all correct, but a document should use one of them "
    "throughout; the less frequent ones are flagged. A document is one file, or one "
    "system's output when the file names the system of each segment (a `system` "
    "column or key): the files of a batch, and the systems of a file, are never "
    "compared with each other.",
    bad=(),
    good=(),
    origin="glossary",
    needs_source=True,
)


@dataclass(frozen=True, slots=True)
class IdleTermRule:
    """A term rule with no glossary loaded: its description; the engine never calls it."""

    info: RuleInfo
    literals: None = None

    @property
    def idle(self) -> bool:
        return True

    def hits(self, segment: Segment) -> Iterator[Hit]:
        return iter(())

    def for_examples(self) -> object:
        """The rule with the glossary its examples are written against (mtcheck/rule.py)."""
        from mtcheck.glossary.checks import GlossaryMatcher, term_rules

        rule = next(rule for rule in term_rules(GlossaryMatcher(())) if rule.info.id == self.info.id)
        return getattr(rule, "for_examples", lambda: rule)()


def idle_term_rules() -> list[IdleTermRule]:
    return [IdleTermRule(FORBIDDEN_INFO), IdleTermRule(MISSING_INFO), IdleTermRule(INCONSISTENT_INFO)]
