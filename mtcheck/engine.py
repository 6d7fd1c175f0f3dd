"""Compile rules once, then check segments: segments in, findings out.

Speed comes from doing less. Every rule with a required literal (most calque rules, see
packs/prefilter.py) is registered in one Aho–Corasick automaton; a segment is scanned once
and only the rules whose literal occurs in it run their regex. Rules without a literal run
on every segment. A rule whose regex times out is switched off and reported, so one bad
user pattern cannot hang a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
import regex

from mtcheck.checks import BUILTIN_CHECKS, UNTRANSLATED_PREFIX, special
from mtcheck.lang.script import mostly_cjk
from mtcheck.model import Finding, Segment
from mtcheck.packs import shipped_rules_dir
from mtcheck.packs.loader import PackError, load_packs, pack_files
from mtcheck.packs.pattern import DEFAULT_TIMEOUT, RuleTimeout
from mtcheck.rule import Hit, Rule
from mtcheck.selection import matches, select_ids


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule available for a run, before selection: built-ins first, then packs."""

    rules: tuple[Rule, ...]

    @classmethod
    def load(
        cls,
        extra_packs: Iterable[str | Path] = (),
        *,
        shipped: bool = True,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        check_examples: bool = True,
        glossaries: Iterable[str] = (),
        options: Mapping[str, object] | None = None,
    ) -> RuleSet:
        """Built-in checks, the shipped packs that fit the language pair, and extra packs.
        ``options`` are settings that checks read (``max-length``), for the checks that have
        a ``configured`` method.

        Raises PackError (one line, naming file and rule) for any bad pack.
        """
        files: list[Path] = []
        shipped_files = pack_files(shipped_rules_dir()) if shipped else []
        files.extend(shipped_files)
        for path in extra_packs:
            files.extend(pack_files(path))
        # A user may name a shipped pack again (`--rules rules/zh-en` in a checkout).
        unique: dict[Path, Path] = {}
        for file in files:
            unique.setdefault(file.resolve(), file)
        files = list(unique.values())
        # The shipped packs' examples run in the test suite and in `mtcheck rules test`, not
        # on every start (they cost more than the rest of loading); a user's packs are checked.
        packs = load_packs(files, timeout=timeout, check_examples=check_examples, trusted=shipped_files)
        # Batch checks keep state per run: each load gets fresh instances.
        rules: list[Rule] = [getattr(check, "fresh", lambda c=check: c)() for check in BUILTIN_CHECKS]
        if options:
            rules = [rule.configured(options) if hasattr(rule, "configured") else rule for rule in rules]
        builtin_ids = {check.info.id for check in BUILTIN_CHECKS}
        for pack in packs:
            if not pack.applies_to(src_lang, tgt_lang):
                continue
            for rule in pack.rules:
                if rule.info.id in builtin_ids:
                    raise PackError(f"{pack.path}: rule {rule.info.id}: duplicate id (a built-in check)")
                rules.append(rule)
        rules.extend(_term_rules(glossaries, src_lang, tgt_lang))
        return cls(tuple(rules))

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.info.id == rule_id), None)

    def selected(
        self, select: Iterable[str] = (), ignore: Iterable[str] = (), extend: Iterable[str] = ()
    ) -> list[Rule]:
        """Raises SelectionError for a selector that matches nothing."""
        ids = [rule.info.id for rule in self.rules]
        defaults = [rule.info.id for rule in self.rules if rule.info.default]
        keep = set(select_ids(ids, select, ignore, extend, defaults))
        return [rule for rule in self.rules if rule.info.id in keep]


def _term_rules(glossaries: Iterable[str], src_lang: str | None = None, tgt_lang: str | None = None) -> list[Rule]:
    """The term.* rules, over every entry of the given glossaries (none: they never fire);
    the languages pick the columns of a multilingual TBX or CSV glossary.

    Raises GlossaryError (one line, naming the file) for a glossary that cannot be read.
    """
    from mtcheck.glossary.checks import term_rules
    from mtcheck.glossary.load import compile_glossaries

    return term_rules(compile_glossaries(glossaries, src_lang, tgt_lang))  # type: ignore[return-value]


#: ``mtcheck: ignore[punct.space-before, zh-en.calque]`` in a unit's comment or note
#: (PO translator comment, XLIFF note, a TSV/CSV notes column); bare ``mtcheck: ignore``
#: silences every rule for that unit.
_SUPPRESSION = regex.compile(r"mtcheck:\s*ignore(?:\[([^\]]*)\])?")


def _unsuppressed(findings: list[Finding], notes: tuple[str, ...]) -> list[Finding]:
    selectors: list[str] = []
    for note in notes:
        for match in _SUPPRESSION.finditer(note):
            if match.group(1) is None:
                return []
            selectors.extend(part.strip() for part in match.group(1).split(",") if part.strip())
    if not selectors:
        return findings
    return [f for f in findings if not any(matches(f.rule, selector) for selector in selectors)]


@dataclass
class Checker:
    """The compiled form of a rule selection. ``problems`` collects rules switched off
    during the run (timeouts), each a one-line message."""

    rules: Sequence[Rule]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._order = {rule.info.id: index for index, rule in enumerate(self.rules)}
        self._always = [index for index, rule in enumerate(self.rules) if not rule.literals]
        # A monolingual segment never calls a rule that needs the source.
        self._needs_source = {index for index, rule in enumerate(self.rules) if rule.info.needs_source}
        self._always_monolingual = [index for index in self._always if index not in self._needs_source]
        self._disabled: set[int] = set()
        # Rules that gather run or file evidence must not see the fix gate's trial edits.
        self._stateful = frozenset(
            index
            for index, rule in enumerate(self.rules)
            if any(hasattr(rule, name) for name in ("finish", "finish_file", "export_state"))
        )
        self._automaton: ahocorasick.Automaton | None = None
        by_literal: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            for literal in rule.literals or ():
                by_literal.setdefault(literal, []).append(index)
        if by_literal:
            automaton = ahocorasick.Automaton()
            for literal, indices in by_literal.items():
                automaton.add_word(literal, tuple(indices))
            automaton.make_automaton()
            self._automaton = automaton

    def _candidates(self, text: str, monolingual: bool) -> list[int]:
        """Indices of the rules worth running on ``text``, in no particular order."""
        always = self._always_monolingual if monolingual else self._always
        if self._automaton is None:
            return always
        lowered = text.lower()
        if len(lowered) != len(text):  # 'İ'.lower() grows: offsets would not line up
            return list(range(len(self.rules)))
        hit: set[int] = set()
        for _end, indices in self._automaton.iter(lowered):
            hit.update(indices)
        if not hit:
            return always
        if monolingual:
            hit -= self._needs_source
        return [*always, *hit]

    def check_segment(self, segment: Segment) -> list[Finding]:
        findings = self._findings(segment)
        if any(finding.fix is not None for finding in findings):
            # Every fix is tried before it is offered (DESIGN.md "Fix safety"); check and
            # fix both see findings through this gate. Findings without fixes pay nothing.
            from mtcheck.fixgate import gate_fixes

            findings = gate_fixes(findings, segment, self._trial_check)
        return findings

    def _trial_check(self, segment: Segment) -> list[Finding]:
        """The fix gate's re-check of an edited segment: no stateful batch rules."""
        return self._findings(segment, skip=self._stateful)

    def _findings(self, segment: Segment, skip: frozenset[int] = frozenset()) -> list[Finding]:
        text = segment.target
        if not text.strip():
            return []
        rules = self.rules
        candidates = self._candidates(text, segment.source is None)
        if self._disabled or skip:
            candidates = [index for index in candidates if index not in self._disabled and index not in skip]
        kind = special.kind(segment)
        if kind is not None:
            # Precondition: translator credits and keyword lists are no translations of their source.
            candidates = [i for i in candidates if rules[i].info.id in special.RULES[kind]]
        elif not text.isascii() and mostly_cjk(text):
            # Precondition: an untranslated segment gets one kind of finding, not ten.
            candidates = [i for i in candidates if rules[i].info.id.startswith(UNTRANSLATED_PREFIX)]
        findings: list[Finding] = []
        for index in candidates:
            rule = rules[index]
            try:
                hits = list(rule.hits(segment))
            except RuleTimeout:
                self._disable(index, segment)
                continue
            if hits:
                findings.extend(self._finding(rule, segment, hit) for hit in hits)
        if findings and segment.notes:
            findings = _unsuppressed(findings, segment.notes)
        if len(findings) > 1:
            findings.sort(key=lambda f: (f.side != "target", f.start, f.end, self._order[f.rule]))
        return findings

    @staticmethod
    def _finding(rule: Rule, segment: Segment, hit: Hit) -> Finding:
        info = rule.info
        severity = hit.severity or info.severity
        return Finding(info.id, info.category, severity, hit.message, segment, hit.start, hit.end, hit.side, hit.fix)

    def export_state(self) -> dict[str, object]:
        """Run-scope evidence gathered so far (for a worker to hand to the main process)."""
        return {rule.info.id: rule.export_state() for rule in self.rules if hasattr(rule, "export_state")}

    def merge_state(self, state: dict[str, object]) -> None:
        for rule in self.rules:
            if rule.info.id in state and hasattr(rule, "merge_state"):
                rule.merge_state(state[rule.info.id])

    def finish_file(self) -> list[Finding]:
        """File-scope batch rules (length calibration) report once a file has been seen."""
        return self._collect("finish_file")

    def finish(self) -> list[Finding]:
        """Run-scope batch rules (term consistency) report once every segment has been seen."""
        return self._collect("finish")

    def _collect(self, method: str) -> list[Finding]:
        findings = []
        for rule in self.rules:
            finish = getattr(rule, method, None)
            if finish is not None:
                findings.extend(self._finding(rule, segment, hit) for segment, hit in finish())
        return findings

    def _disable(self, index: int, segment: Segment) -> None:
        info = self.rules[index].info
        self._disabled.add(index)
        where = f"{segment.origin.path}:{segment.origin.line}"
        self.problems.append(
            f"{info.origin}: rule {info.id}: pattern timed out on {where}; rule switched off for the rest of the run"
        )

    def check(self, segments: Iterable[Segment]) -> Iterator[Finding]:
        for segment in segments:
            yield from self.check_segment(segment)
