"""What every rule has, whether it comes from a TOML pack or from Python code.

``mtcheck rules list`` and ``rules explain`` read only this, so pack rules and built-in
checks are documented, selected and self-tested the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from mtcheck.lang import codes
from mtcheck.model import NO_META, Fix, Meta, Origin, Segment, Severity, Side


@dataclass(frozen=True, slots=True)
class Example:
    """A target (with its source when the rule reads one); ``fix`` is the expected target
    after the rule's fix, for bad examples that have one; ``meta`` what the file says about
    the unit (PO flags, plural forms, size limits) for the format-aware checks. The languages
    default to the rule's first (see ``example_segment``)."""

    target: str
    source: str | None = None
    fix: str | None = None
    tgt_lang: str | None = None
    src_lang: str | None = None
    meta: Meta = NO_META


#: A language that stands for a script when an example needs one.
_SCRIPT_EXAMPLE_LANGUAGE = {
    "Latn": "en", "Cyrl": "ru", "Grek": "el", "Arab": "ar", "Hebr": "he", "Hani": "zh", "Jpan": "ja", "Kore": "ko",
    "Thai": "th", "Deva": "hi",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a rule applies: its target and source languages or scripts (empty: any).

    An entry is a language (``de``: every German; ``pt-BR``: that one only) or an ISO 15924
    script (``Latn``, ``Cyrl``, ``Hani``, ``Jpan``, ``Kore``). A rule that names target
    languages never runs on a segment whose target language is unknown; one that names source
    languages still runs where the source language is unknown (or there is no source).
    """

    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def admits(self, src_lang: str | None, tgt_lang: str | None) -> bool:
        return _admits(self.targets, tgt_lang, unknown=False) and _admits(self.sources, src_lang, unknown=True)

    def example_languages(self) -> tuple[str | None, str | None]:
        """(source, target) languages for an example that states none."""
        return _example_language(self.sources), _example_language(self.targets)

    def __str__(self) -> str:
        targets = ", ".join(self.targets) or "any"
        return f"targets {targets}" + (f"; sources {', '.join(self.sources)}" if self.sources else "")


ANY = Scope()


def _admits(entries: tuple[str, ...], tag: str | None, *, unknown: bool) -> bool:
    if not entries:
        return True
    if tag is None:
        return unknown
    lang, script = codes.base(tag), codes.script(tag)
    lowered = tag.lower()
    for entry in entries:
        if entry[:1].isupper():
            if script == entry:
                return True
        elif "-" in entry:
            if lowered == entry.lower() or lowered.startswith(entry.lower() + "-"):
                return True
        elif lang == entry:
            return True
    return False


def _example_language(entries: tuple[str, ...]) -> str | None:
    if not entries:
        return None
    first = entries[0]
    return _SCRIPT_EXAMPLE_LANGUAGE.get(first, "und") if first[:1].isupper() else first


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    category: str
    severity: Severity
    summary: str
    why: str = ""
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    origin: str = "built-in"
    needs_source: bool = False
    #: Off unless selected by name (``--select``/``--extend-select``): rules whose premise a
    #: batch may legitimately break, such as cross-segment consistency.
    default: bool = True
    #: The languages the rule is written for; the engine runs it on no others.
    scope: Scope = ANY
    #: The rule judges the target's characters (punctuation, spacing, a repeated word): it
    #: never sees inside placeholders, inline codes, URLs or paths, and a finding whose text
    #: the source holds verbatim, or that the source shows just the same, is dropped: copied
    #: technical text (a command, a key list, an aligned column) is no error of the translation.
    surface: bool = False
    #: A surface rule's finding is dropped where the rule fires on the source too; False for a
    #: rule that weighs the source itself (``punct.unbalanced`` excuses only the source's kind
    #: of pair: an open quotation does not excuse a lost bracket).
    mirror_source: bool = True


class Hit(NamedTuple):
    """A rule's raw match; the engine turns it into a Finding with the rule's metadata."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    side: Side = Side.TARGET
    #: Overrides the rule's severity for this hit (a glossary entry can set its own).
    severity: Severity | None = None


class Rule(Protocol):
    """A pack rule or a built-in check, as the engine sees it."""

    @property
    def info(self) -> RuleInfo: ...

    @property
    def literals(self) -> frozenset[str] | None:
        """Lower-cased strings one of which occurs in every hit (None: run on every segment)."""
        ...

    def hits(self, segment: Segment) -> Iterable[Hit]: ...


def example_rule(rule: Rule) -> Rule:
    """The rule as its own examples run it: glossary rules bring a small glossary of their own."""
    for_examples = getattr(rule, "for_examples", None)
    return for_examples() if for_examples is not None else rule


def example_segment(rule: Rule, example: Example) -> Segment:
    """An example as the rule sees it: its languages, else the rule's first ones, else (for
    the source) those of its text and (for the target) English."""
    from mtcheck.lang.detect import from_text

    src_default, tgt_default = rule.info.scope.example_languages()
    src_lang = None
    if example.source is not None:
        src_lang = example.src_lang or src_default or from_text([example.source])
    return Segment(
        key="example",
        target=example.target,
        source=example.source,
        origin=Origin("example", 1),
        src_lang=src_lang,
        tgt_lang=example.tgt_lang or tgt_default or "en",
        meta=example.meta,
    )
