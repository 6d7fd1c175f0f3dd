"""Apply fixes to segments: which ones, in what order, and proof that they did no harm.

A pass checks the segment, takes the fixes that are allowed (safe ones; suggestions too
with ``unsafe``; only those a reviewer accepts in interactive mode), keeps a consistent
subset — a fix whose edits overlap or touch an already chosen one waits — and applies it.
Passes repeat until nothing changes (at most ``MAX_PASSES``), so a fix that had to wait is
applied in a later pass and a second ``mtcheck fix`` run finds nothing to do. Finally the
fixed segment is checked again: a finding that was not there before is reported as
introduced by the fixes (there should be none).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mtcheck.engine import Checker
from mtcheck.model import Edit, Finding, Safety, Segment, apply_edits

MAX_PASSES = 10

#: Decides whether a proposed fix is applied (interactive review); None accepts all.
Reviewer = Callable[[Finding], bool | str | None]


@dataclass
class SegmentFix:
    segment: Segment
    target: str  # the fixed target (equal to segment.target when nothing applied)
    applied: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)  # allowed but not applied (conflict, pass limit)
    introduced: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.target != self.segment.target


def allowed(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safety is Safety.SAFE or unsafe)


def choose(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """A consistent subset: leftmost first; a fix whose edits overlap or touch the chosen
    ones waits for the next pass (two edits at one point would garble each other).

    The chosen edits are kept as sorted, disjoint intervals, so each test is a binary
    search: a long segment with thousands of fixes is not quadratic.
    """
    chosen: list[Finding] = []
    waiting: list[Finding] = []
    starts: list[int] = []
    ends: list[int] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        edits = finding.fix.edits if finding.fix else ()
        if any(_conflicts(edit, starts, ends) for edit in edits):
            waiting.append(finding)
            continue
        chosen.append(finding)
        for edit in edits:
            at = bisect.bisect_right(starts, edit.start)
            starts.insert(at, edit.start)  # at the end, in the usual left-to-right order
            ends.insert(at, edit.end)
    return chosen, waiting


def _conflicts(edit: Edit, starts: list[int], ends: list[int]) -> bool:
    """Does ``edit`` overlap or touch one of the disjoint intervals ``starts``/``ends``? Only
    the last interval starting at or before the edit's end can."""
    at = bisect.bisect_right(starts, edit.end) - 1
    return at >= 0 and ends[at] >= edit.start


def fix_segment(
    checker: Checker, segment: Segment, *, unsafe: bool = False, review: Reviewer | None = None
) -> SegmentFix:
    """Fix one segment to a fixed point; ``review`` may accept, reject or edit each fix."""
    before = checker.check_segment(segment)
    result = SegmentFix(segment, segment.target)
    rejected: set[tuple[str, str, int]] = set()
    current, findings = segment, before
    for _ in range(MAX_PASSES):
        candidates = [f for f in findings if allowed(f, unsafe) and _identity(f) not in rejected]
        chosen, waiting = choose(candidates)
        edits: list[Edit] = []
        for finding in chosen:
            verdict = review(finding) if review is not None else True
            if verdict is False or verdict is None:
                rejected.add(_identity(finding))
                continue
            if isinstance(verdict, str):  # the reviewer typed another replacement
                edits.append(Edit(finding.start, finding.end, verdict))
            else:
                edits.extend(finding.fix.edits)  # type: ignore[union-attr]
            result.applied.append(finding)
        if edits:
            current = replace(segment, target=apply_edits(current.target, edits))
            findings = checker.check_segment(current)
            rejected = {(rule, text, _shifted(start, edits)) for rule, text, start in rejected}
        elif not waiting:
            break
        # else: every chosen fix was rejected; the ones that waited for them come next
    else:
        result.left = [f for f in findings if allowed(f, unsafe) and _identity(f) not in rejected]
    result.target = current.target
    if result.changed:
        remaining = Counter(f.signature for f in before)
        for finding in checker.check_segment(current):
            if remaining[finding.signature] > 0:
                remaining[finding.signature] -= 1
            else:
                result.introduced.append(finding)
    return result


def _identity(finding: Finding) -> tuple[str, str, int]:
    return (finding.rule, finding.text, finding.start)


def _shifted(position: int, edits: list[Edit]) -> int:
    """Where a position of the text before ``edits`` is after them: a rejected fix is known
    again after another fix earlier in the segment moved it."""
    return position + sum(len(edit.replacement) - (edit.end - edit.start) for edit in edits if edit.end <= position)
