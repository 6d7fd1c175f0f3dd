"""Compile rules once, then check segments: segments in, findings out.

Speed comes from doing less. Every rule with a required literal (most calque rules, see
packs/prefilter.py) is registered in one Aho–Corasick automaton; a segment is scanned once
and only the rules whose literal occurs in it run their regex. Rules without a literal run
on every segment. A rule whose regex times out is switched off and reported, so one bad
user pattern cannot hang a batch: the limits are CPU time, per call and per run
(packs/cpulimit.py), and the shipped patterns have none (they are bounded by construction).

Every rule is contained: one that raises on a segment (a bug) costs that rule that segment,
reported as an internal error naming both (the run then exits 2), and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import ahocorasick
import regex

from mtcheck.checks import BUILTIN_CHECKS, UNTRANSLATED_PREFIX, special
from mtcheck.gates import Gates
from mtcheck.lang.codes import is_cjk
from mtcheck.lang.script import mostly_cjk
from mtcheck.model import AtPlace, Finding, Segment, Severity
from mtcheck.packs import shipped_rules_dir
from mtcheck.packs.loader import Pack, PackError, load_packs, pack_files
from mtcheck.packs.pattern import DEFAULT_TIMEOUT, RuleTimeout
from mtcheck.rule import Hit, Rule, RuleInfo
from mtcheck.selection import matches, select_ids
from mtcheck.surface import SurfaceView


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule available for a run, before selection: built-ins first, then packs."""

    rules: tuple[Rule, ...]
    #: The packs the rules came from (locale packs carry conventions and examples, no rules).
    packs: tuple[Pack, ...] = ()

    @classmethod
    def load(
        cls,
        extra_packs: Iterable[str | Path] = (),
        *,
        shipped: bool = True,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        check_examples: bool = True,
        glossaries: Iterable[str] = (),
        options: Mapping[str, object] | None = None,
    ) -> RuleSet:
        """Built-in checks, the shipped packs and extra packs, for every language: which of
        them run on a segment is the Checker's choice, by the segment's languages. The
        languages given pick the columns of a multilingual glossary (TBX, CSV) only.
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
            for rule in pack.rules:
                if rule.info.id in builtin_ids:
                    raise PackError(f"{pack.path}: rule {rule.info.id}: duplicate id (a built-in check)")
                rules.append(rule)
        rules.extend(_term_rules(glossaries, src_lang, tgt_lang))
        return cls(tuple(rules), tuple(packs))

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
    paths = list(glossaries)
    if not paths:  # the glossary machinery costs start-up; a run without a glossary needs none
        import gc

        from mtcheck.glossary.infos import idle_term_rules

        gc.freeze()  # as compile_glossaries leaves the heap: the same collections during the run
        return idle_term_rules()  # type: ignore[return-value]
    from mtcheck.glossary.checks import term_rules
    from mtcheck.glossary.load import compile_glossaries

    return term_rules(compile_glossaries(paths, src_lang, tgt_lang))  # type: ignore[return-value]


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


class _FixGate:
    """Stands for the fix gate in internal-error reports."""

    info = RuleInfo("fix-gate", "other", Severity.MINOR, "the fix safety gate", origin="built-in")


_FIX_GATE = _FixGate()


#: A message key standing where a source text should be: one identifier with a separator, a
#: digit or an inner capital (``timesheet.rules.duration``, ``translator-credits``,
#: ``cropXPostfix``, ``@TRANSLATION_NOTICE@``, ``0824486``).
_MESSAGE_KEY = regex.compile(r"(?=[\w.@-]*(?:[._@-]|\d|\p{Ll}\p{Lu}))[\w.@-]{3,}")


#: Characters no message key holds (none is a word character, ".", "@" or "-"): a source with one
#: is text, decided without the key pattern (most sources, Chinese ones included, have one).
_NOT_IN_KEYS = " ，。、,;:!?()（）"


def _is_message_key(source: str, target: str) -> bool:
    """The source is a key, not a text: the target is a phrase of several words while the source
    is one identifier. Checks that compare a target with its source have nothing to compare."""
    if target.count(" ") < 2:
        return False
    stripped = source.strip()
    if any(char in stripped for char in _NOT_IN_KEYS):
        return False
    return _MESSAGE_KEY.fullmatch(stripped) is not None


def _with_languages(segment: Segment) -> Segment:
    """A segment made without languages (by a caller of the library, not a reader: readers
    decide them per file) gets those of its own text, never a default."""
    from mtcheck.lang.detect import from_text

    target = segment.tgt_lang or from_text([segment.target])
    source = segment.src_lang or (from_text([segment.source]) if segment.source else None)
    return replace(segment, tgt_lang=target, src_lang=source)


#: Finds a streamed file's segments by (line, column) place (``StreamedSegments.at_places``).
Resolve = Callable[[set[tuple[int, int]]], dict[tuple[int, int], Segment]]


@dataclass(frozen=True, slots=True)
class _Selection:
    """The rules that apply to one language pair, worked out once per pair."""

    admitted: frozenset[int]
    always: list[int]
    always_monolingual: list[int]
    #: Untranslated text in a non-CJK target gets only the untranslated.* findings.
    cjk_target: bool


@dataclass
class Checker:
    """The compiled form of a rule selection. ``problems`` collects rules switched off
    during the run (timeouts), each a one-line message.

    Rules are selected per segment language: each rule's ``scope`` is matched against a
    language pair the first time a segment of that pair comes, and the selection is kept,
    so one batch may mix languages at no cost per segment.
    """

    rules: Sequence[Rule]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._order = {rule.info.id: index for index, rule in enumerate(self.rules)}
        # A rule that cannot fire in this run (a term rule with no glossary) is never called.
        self._always = [
            index for index, rule in enumerate(self.rules) if not rule.literals and not getattr(rule, "idle", False)
        ]
        # A monolingual segment never calls a rule that needs the source.
        self._needs_source = {index for index, rule in enumerate(self.rules) if rule.info.needs_source}
        self._surface = {index for index, rule in enumerate(self.rules) if rule.info.surface}
        #: Surface rules with a pattern to search on an ASCII target first (BuiltinCheck.word_pattern).
        self._word_patterns = {
            index: pattern for index in self._surface if (pattern := getattr(self.rules[index], "word_pattern", None))
        }
        self._selections: dict[tuple[str | None, str | None], _Selection] = {}
        self._disabled: set[int] = set()
        # Rules that gather run or file evidence must not see the fix gate's trial edits.
        self._stateful = frozenset(
            index
            for index, rule in enumerate(self.rules)
            if any(hasattr(rule, name) for name in ("finish", "finish_file", "export_state"))
        )
        self._errors: dict[str, int] = {}  # internal errors by rule id
        self._errors_seen: set[tuple[str, str | None]] = set()  # (rule id, segment key) reported
        self._more_at: dict[str, int] = {}  # where each rule's "N more" line is in problems
        # Necessary conditions of built-in checks, decided once per segment (mtcheck/gates.py).
        gates = {index: gate for index, rule in enumerate(self.rules) if (gate := getattr(rule, "gate", None))}
        self._gates = Gates(gates) if gates else None
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

    def _selection(self, src_lang: str | None, tgt_lang: str | None) -> _Selection:
        key = (src_lang, tgt_lang)
        selection = self._selections.get(key)
        if selection is None:
            admitted = frozenset(i for i, rule in enumerate(self.rules) if rule.info.scope.admits(src_lang, tgt_lang))
            always = [index for index in self._always if index in admitted]
            selection = _Selection(
                admitted, always, [i for i in always if i not in self._needs_source], is_cjk(tgt_lang)
            )
            self._selections[key] = selection
        return selection

    def _candidates(self, text: str, monolingual: bool, selection: _Selection) -> list[int]:
        """Indices of the rules worth running on ``text``, in no particular order."""
        always = selection.always_monolingual if monolingual else selection.always
        if self._automaton is None:
            return always
        lowered = text.lower()
        if len(lowered) != len(text):  # 'İ'.lower() grows: offsets would not line up
            return [i for i in range(len(self.rules)) if i in selection.admitted]
        hit: set[int] = set()
        for _end, indices in self._automaton.iter(lowered):
            hit.update(indices)
        if not hit:
            return always
        hit &= selection.admitted
        if monolingual:
            hit -= self._needs_source
        return [*always, *hit]

    def check_segment(self, segment: Segment) -> list[Finding]:
        if segment.tgt_lang is None or (segment.source and segment.src_lang is None):
            segment = _with_languages(segment)
        findings = self._findings(segment)
        if any(finding.fix is not None for finding in findings):
            # Every fix is tried before it is offered (DESIGN.md "Fix safety"); check and
            # fix both see findings through this gate. Findings without fixes pay nothing.
            from mtcheck.fixgate import gate_fixes

            try:
                findings = gate_fixes(findings, segment, self._trial_check)
            except Exception as exc:  # contained: the findings stay, their unproven fixes go
                self._internal_error(_FIX_GATE, segment, exc)
                findings = [replace(finding, fix=None) for finding in findings]
        return findings

    def _trial_check(self, segment: Segment) -> list[Finding]:
        """The fix gate's re-check of an edited segment: no stateful batch rules."""
        return self._findings(segment, skip=self._stateful)

    def _findings(self, segment: Segment, skip: frozenset[int] = frozenset()) -> list[Finding]:
        text = segment.target
        if not text.strip():
            return []
        reported = segment
        if segment.source is not None and _is_message_key(segment.source, text):
            segment = replace(segment, source=None, src_lang=None)  # nothing to compare with
        rules = self.rules
        selection = self._selection(segment.src_lang, segment.tgt_lang)
        candidates = self._candidates(text, segment.source is None, selection)
        if self._disabled or skip:
            candidates = [index for index in candidates if index not in self._disabled and index not in skip]
        kind = special.kind(reported)
        if kind is not None:
            # Precondition: translator credits and keyword lists are no translations of their source.
            candidates = [i for i in candidates if rules[i].info.id in special.RULES[kind]]
        elif not selection.cjk_target and not text.isascii() and mostly_cjk(text):
            # Precondition: an untranslated segment gets one kind of finding, not ten.
            candidates = [i for i in candidates if rules[i].info.id.startswith(UNTRANSLATED_PREFIX)]
        if self._gates is not None and segment.meta.plural is None:  # a plural unit's other forms count too
            candidates = self._gates.admitted(candidates, text, segment.source)
        findings: list[Finding] = []
        surface: SurfaceView | None = None
        ascii_target = text.isascii()
        for index in candidates:
            rule = rules[index]
            try:
                if index in self._surface:
                    pattern = self._word_patterns.get(index) if ascii_target else None
                    if pattern is not None and pattern.search(text) is None:
                        continue  # nothing unmasked, nothing masked (BuiltinCheck.word_pattern)
                    surface = surface or SurfaceView(segment)
                    hits = surface.hits(rule)
                else:
                    hits = list(rule.hits(segment))
            except RuleTimeout as timeout:
                self._disable(index, segment, timeout.budget)
                continue
            except Exception as exc:  # contained: see the module docstring
                self._internal_error(rule, segment, exc)
                continue
            if hits:
                findings.extend(self._finding(rule, reported, hit) for hit in hits)
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

    def export_file_state(self) -> dict[str, object]:
        """File-scope evidence gathered so far, handed over and cleared: a worker that checked
        one chunk of a big file gives it to the process that judges the whole file."""
        return {rule.info.id: rule.export_file_state() for rule in self.rules if hasattr(rule, "export_file_state")}

    def merge_file_state(self, state: dict[str, object]) -> None:
        """Add a chunk's file-scope evidence (chunks in file order); ``finish_file`` then judges."""
        for rule in self.rules:
            if rule.info.id in state and hasattr(rule, "merge_file_state"):
                rule.merge_file_state(state[rule.info.id])

    def start_file(self, segments: Iterable[Segment], *, streamed: bool = False) -> None:
        """Rules judged against their file's style (``trunc.unterminated``) read the whole file
        before its segments are checked. Without this call they judge each segment alone.

        The segments are read once for all of them (``begin_file``, ``observe_file`` per
        segment, ``end_file``): a streamed file (formats.stream) is read again on each pass.
        ``streamed``:
        the segments are read from disk on each pass, and file-scope rules keep compact
        evidence, not segments (``stream_file``; ``finish_file`` then needs ``resolve``)."""
        for rule in self.rules:
            if hasattr(rule, "stream_file"):
                self._contained(rule, rule.stream_file, streamed)
        observers = [
            rule for rule in self.rules if hasattr(rule, "observe_file") and self._contained(rule, rule.begin_file)
        ]
        if not observers:
            return
        failed: set[int] = set()
        for segment in segments:
            for index, rule in enumerate(observers):
                if index not in failed and not self._contained(rule, rule.observe_file, segment):
                    failed.add(index)
        for index, rule in enumerate(observers):
            if index not in failed:
                self._contained(rule, rule.end_file)

    def _contained(self, rule: Rule, method: Callable[..., object], *args: object) -> bool:
        """Run a rule's file-scope method; an exception is an internal error (as in
        check_segment), reported once, and the answer is False."""
        try:
            method(*args)
        except Exception as exc:
            self._internal_error(rule, None, exc)
            return False
        return True

    def finish_file(self, resolve: Resolve | None = None) -> list[Finding]:
        """File-scope batch rules (length calibration) report once a file has been seen.
        ``resolve`` finds the segments at the given (line, column) places of a streamed file:
        rules name the segments they flag there by place (``AtPlace``), having kept none."""
        return self._collect("finish_file", resolve)

    def finish(self) -> list[Finding]:
        """Run-scope batch rules (term consistency) report once every segment has been seen."""
        return self._collect("finish")

    def _collect(self, method: str, resolve: Resolve | None = None) -> list[Finding]:
        flagged: list[tuple[Rule, Segment | AtPlace, Hit]] = []
        for rule in self.rules:
            finish = getattr(rule, method, None)
            if finish is not None:
                try:
                    flagged.extend((rule, segment, hit) for segment, hit in finish())
                except Exception as exc:  # contained, as in check_segment
                    self._internal_error(rule, None, exc)
        places = {(segment.line, segment.column) for _, segment, _ in flagged if isinstance(segment, AtPlace)}
        found = resolve(places) if places and resolve is not None else {}
        findings = []
        for rule, segment, hit in flagged:
            if isinstance(segment, AtPlace):
                place = (segment.line, segment.column)
                if place not in found:  # the file changed since: nothing to report it on
                    continue
                segment = found[place]
            findings.append(self._finding(rule, segment, hit))
        return findings

    #: Internal errors shown per rule; beyond, one line counts the rest.
    SHOWN_ERRORS = 10

    def _internal_error(self, rule: Rule, segment: Segment | None, exc: Exception) -> None:
        from mtcheck.display import excerpt

        info = rule.info
        seen = (info.id, segment.key if segment is not None else None)
        if seen in self._errors_seen:  # the fix gate's trial of the same segment: said once
            return
        self._errors_seen.add(seen)
        count = self._errors[info.id] = self._errors.get(info.id, 0) + 1
        where = f" on {segment.origin.path}:{segment.origin.line}" if segment is not None else ""
        summary = f"{info.origin}: rule {info.id}: internal error"
        if count <= self.SHOWN_ERRORS:
            detail = f"{type(exc).__name__}: {excerpt(str(exc), 80)}"
            self.problems.append(f"{summary}{where} ({detail}); the rule skipped it, please report this")
            return
        more = f"{summary} on {count - self.SHOWN_ERRORS} more segment(s)"
        if info.id not in self._more_at:
            self._more_at[info.id] = len(self.problems)
            self.problems.append(more)
        else:
            self.problems[self._more_at[info.id]] = more

    def _disable(self, index: int, segment: Segment, budget: str = "") -> None:
        """Switch a user's rule off: over its CPU limit on one segment, or, with ``budget``
        (what it spent), over its budget for the run (mtcheck/packs/cpulimit.py)."""
        info = self.rules[index].info
        self._disabled.add(index)
        where = f"{segment.origin.path}:{segment.origin.line}"
        what = f"pattern used {budget} by {where}" if budget else f"pattern timed out on {where}"
        self.problems.append(f"{info.origin}: rule {info.id}: {what}; rule switched off for the rest of the run")

    def check(self, segments: Iterable[Segment]) -> Iterator[Finding]:
        for segment in segments:
            yield from self.check_segment(segment)


def locale_example_problems(pack: Pack, rules: Sequence[Rule]) -> list[str]:
    """Run a locale pack's examples through every default rule, as a check run would: an
    example naming a rule must be flagged by it, exactly where it says (and fixed as stated);
    any other must get no finding at all. Returns what misbehaved."""
    from mtcheck.model import Origin, apply_edits, non_overlapping

    checker = Checker([rule for rule in rules if rule.info.default])
    problems = []
    for example in pack.examples:
        segment = Segment(
            "example", example.target, Origin("example", 1), example.source, example.src_lang, example.tgt_lang
        )
        findings = checker.check_segment(segment)
        shown = [f"{f.rule} at {f.start}-{f.end} ({f.text!r})" for f in findings]
        if example.rule is None:
            if findings:
                problems.append(f"example {example.target!r} is flagged: {'; '.join(shown)}")
            continue
        mine = [f for f in findings if f.rule == example.rule]
        if not mine:
            problems.append(
                f"example {example.target!r} is not flagged by {example.rule} ({'; '.join(shown) or 'nothing'})"
            )
            continue
        if example.flagged:
            spans = [(f.start, f.end) for f in mine]
            if spans != example.flagged_spans():
                problems.append(
                    f"example {example.target!r}: {example.rule} flags "
                    f"{[f.text for f in mine]!r}, expected {list(example.flagged)!r}"
                )
        if example.fix is not None:
            edits = [edit for f in mine if f.fix for edit in f.fix.edits]
            fixed = apply_edits(example.target, non_overlapping(edits))
            if fixed != example.fix:
                problems.append(f"example {example.target!r}: fix gives {fixed!r}, expected {example.fix!r}")
    return problems
