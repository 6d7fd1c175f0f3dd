"""``mtcheck fix --interactive``: a post-editor reviews each proposed fix.

One finding at a time: where it is, the rule and message, the source when there is one,
the target with the span marked, and the proposed change. Keys:

    y  accept          n  reject          e  edit the replacement
    a  accept all fixes of this rule      d  reject all fixes of this rule
    q  quit: keep what was accepted, reject the rest

Input and output are plain streams, so the review runs in a terminal, in a pipe and in
tests alike; end of input counts as quit.
"""

from __future__ import annotations

from collections.abc import Callable

from mtcheck.display import escape
from mtcheck.model import Finding
from mtcheck.report.terminal import finding_lines

KEYS = "[y]es [n]o [e]dit [a]ll of rule [d]rop rule [q]uit"
_AGAIN = object()  # an unknown key: ask again


class InteractiveReview:
    def __init__(self, read_line: Callable[[], str], write: Callable[[str], None]) -> None:
        self.read_line = read_line
        self.write = write
        self.accept_rules: set[str] = set()
        self.reject_rules: set[str] = set()
        self.quit = False
        self.accepted = 0
        self.rejected = 0

    def __call__(self, finding: Finding) -> bool | str | None:
        if self.quit or finding.rule in self.reject_rules:
            self.rejected += 1
            return None
        if finding.rule in self.accept_rules:
            self.accepted += 1
            return True
        self._show(finding)
        while True:
            self.write(f"{KEYS}? ")
            answer = self.read_line()
            if not answer:  # end of input
                self.quit = True
                self.rejected += 1
                self.write("\n")
                return None
            key = answer.strip().lower()[:1]
            verdict = self._decide(key, finding)
            if verdict is not _AGAIN:
                return verdict  # type: ignore[return-value]

    def _decide(self, key: str, finding: Finding) -> bool | str | object | None:
        if key == "y":
            self.accepted += 1
            return True
        if key == "n":
            self.rejected += 1
            return None
        if key == "a":
            self.accept_rules.add(finding.rule)
            self.accepted += 1
            return True
        if key == "d":
            self.reject_rules.add(finding.rule)
            self.rejected += 1
            return None
        if key == "q":
            self.quit = True
            self.rejected += 1
            return None
        if key == "e":
            self.write(f"replacement for “{escape(finding.text)}”: ")
            typed = self.read_line()
            if not typed:
                self.quit = True
                self.rejected += 1
                return None
            self.accepted += 1
            return typed.rstrip("\r\n")
        return _AGAIN

    def _show(self, finding: Finding) -> None:
        lines = ["".join(text for text, _ in line) for line in finding_lines(finding)]
        if finding.segment.source:
            lines.insert(2, f"  source: {escape(finding.segment.source)}")
        self.write("\n".join(lines) + "\n")
