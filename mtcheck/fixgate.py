"""The fix gate: every fix a rule proposes is tried before it is offered (DESIGN.md, "Fix safety").

Three gates, for every rule — pack rules, built-in checks and glossary terms alike:

1. **Nothing protected.** No edit falls inside a placeholder, inline code or attribute, URL,
   e-mail address, path, command, time or emoticon (mtcheck/protected.py), and none changes
   text that the source holds verbatim (``Type :wq`` copied from the source, ``Walla Walla``).
2. **No new damage.** The edited segment is checked again: no finding that was not there
   (one with a safe fix of its own is let through: fix's next pass repairs it), no new
   doubled word or phrase (“for mankind for mankind”, “Provincial Provincial”, a content
   word of the replacement standing again right beside it: “the campaign to … crime
   campaign”), and in English no grammar break at the seams of the edit that a pattern can
   see (“will building”, “the a”, “a approach”).
3. **Inside its span.** Every edit lies inside the flagged text.

What a failure does: an edit of protected text, a doubled word, a seam break or a new
finding withhold the fix — the finding keeps no fix, and its message says why — because a
damaging edit is worse than none, even as a suggestion that ``--unsafe-fixes`` would apply.
Text the source holds verbatim, an edit outside the span, or a new term finding (the result
is still not an approved rendering) make a safe fix a suggestion with the reason.

The engine runs the gate where findings are made, so ``mtcheck check`` reports the safety
``mtcheck fix`` acts on. Only findings that carry a fix pay: one extra check of the segment
per fix, or, in a segment longer than ``LONG`` characters, of a window around the edit (so
many fixes in one huge segment cost linear, not quadratic, time). The window is checked
without the source, so source checks do not judge a long segment's fixes.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import regex

from mtcheck.lang.codes import base as base_lang
from mtcheck.lang.locale import locale_for
from mtcheck.model import Edit, Finding, Fix, Safety, Segment, Side, apply_edits
from mtcheck.nearby import token_after, token_before
from mtcheck.placeholders import dialects_for
from mtcheck.protected import protected, protected_spans, touches

Recheck = Callable[[Segment], list[Finding]]

#: Segments longer than this (characters) are re-checked in a window around each edit.
LONG = 2000
#: Characters each side of an edit in that window (widened to whitespace).
WINDOW = 500

_KIND_NAMES = {
    "tag": "an inline code",
    "xml": "an XML entity or comment",
    "printf": "a placeholder",
    "braces": "a placeholder",
    "variable": "a variable",
    "code": "inline code",
    "url": "a URL",
    "email": "an e-mail address",
    "path": "a file path",
    "drive": "a drive letter",
    "command": "a command",
    "time": "a time or ratio",
    "emoticon": "an emoticon",
}


def gate_fixes(findings: list[Finding], segment: Segment, recheck: Recheck) -> list[Finding]:
    """``findings`` of ``segment`` with each fix passed through the gates (see the module)."""
    spans: list[tuple[int, int]] | None = None
    gated = []
    for finding in findings:
        fix = finding.fix
        if fix is None or finding.side is not Side.TARGET or not fix.edits:
            gated.append(finding)
            continue
        if spans is None:
            spans = protected_spans(segment.target, dialects_for(segment.meta.flags, segment.source))
        action, reason = judge(finding, findings, segment, recheck, spans)
        if action == "withhold":
            gated.append(replace(finding, fix=None, message=f"{finding.message} (no automatic fix: {reason})"))
        elif action == "demote":
            gated.append(replace(finding, fix=demoted(fix, reason)))
        else:
            gated.append(finding)
    return gated


def judge(
    finding: Finding, before: Sequence[Finding], segment: Segment, recheck: Recheck, spans: list[tuple[int, int]]
) -> tuple[str, str]:
    """("keep" | "demote" | "withhold", reason) for one finding's fix."""
    assert finding.fix is not None
    edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
    target = segment.target
    for edit in edits:
        if touches(spans, edit.start, edit.end):
            dialects = dialects_for(segment.meta.flags, segment.source)
            return "withhold", f"it would edit {_protected_name(target, edit, dialects)}"
    demote = ""
    if any(edit.start < finding.start or edit.end > finding.end for edit in edits):
        demote = "it edits text outside the flagged span"
    if segment.source:
        verbatim = _verbatim(target, segment.source, edits)
        if verbatim:
            demote = demote or f"“{verbatim}” stands verbatim in the source"

    lo, hi = edits[0].start, edits[-1].end
    if len(target) > LONG:
        left = _widen_left(target, max(0, lo - WINDOW))
        right = _widen_right(target, min(len(target), hi + WINDOW))
        window = replace(segment, target=target[left:right], source=None)
        local = [Edit(e.start - left, e.end - left, e.replacement) for e in edits]
        old_findings: Sequence[Finding] = recheck(window)
        base = window
    else:
        left, local, old_findings, base = 0, edits, before, segment
    old_text = base.target
    new_text = apply_edits(old_text, local)
    growth = len(new_text) - len(old_text)
    old_region = (local[0].start, local[-1].end)
    new_region = (local[0].start, local[-1].end + growth)

    doubled = _new_double(old_text, old_region, new_text, new_region)
    if doubled:
        return "withhold", f"it would read “{doubled}”"
    if base_lang(segment.tgt_lang) in (None, "en"):
        seam = _new_seam_break(old_text, old_region, new_text, new_region)
        if seam:
            return "withhold", f"it would read “{seam}”"
    after = recheck(replace(base, target=new_text))
    new = _new_findings(old_findings, after, local)
    # A new finding with a safe fix of its own is repaired by fix's next pass (two full-width
    # commas become a comma collision); any other is damage. A term finding only demotes.
    damaging = [f for f in new if not f.rule.startswith("term.") and not _self_repairing(f)]
    if damaging:
        return "withhold", f"it would introduce {damaging[0].rule} ({damaging[0].message})"
    terms = [f for f in new if f.rule.startswith("term.")]
    if terms:
        demote = demote or f"afterwards {terms[0].rule}: {terms[0].message}"
    return ("demote", demote) if demote else ("keep", "")


# --- gate 1: protected and verbatim text ----------------------------------------------------


def _protected_name(text: str, edit: Edit, dialects: tuple[str, ...]) -> str:
    for start, end, kind in protected(text, dialects):
        if touches([(start, end)], edit.start, edit.end):
            return f"{_KIND_NAMES.get(kind, 'protected text')} (“{text[start:end]}”)"
    return "protected text"


def _widen_left(text: str, position: int) -> int:
    """``position`` moved left to the start of its token (at most ``nearby.LIMIT`` characters:
    a fix in a megabyte without spaces must not walk it once per edit)."""
    return position - len(token_before(text, position))


def _widen_right(text: str, position: int) -> int:
    return position + len(token_after(text, position))


_CODE_LIKE = regex.compile(r"(?=.*[\p{L}\p{N}])(?=.*[^\p{L}\p{N}\s,.;!?\"'“”‘’()])")


def _verbatim(target: str, source: str, edits: list[Edit]) -> str:
    """Text around an edit that the source holds as it stands: names, codes, numbers."""
    for edit in edits:
        # The edit with the whole words on both sides: "Walla Walla", "die die".
        wide = target[_widen_left(target, edit.start) : _widen_right(target, edit.end)].strip()
        if sum(char.isalnum() for char in wide) >= 2 and len(wide.split()) >= 2 and wide in source:
            return wide
        # Only the tokens the edit changes: ":wq" in "Type :wq".
        start = (
            _widen_left(target, edit.start)
            if edit.start < len(target) and not target[edit.start].isspace()
            else edit.start
        )
        last = max(edit.start, edit.end - 1)
        end = _widen_right(target, edit.end) if last < len(target) and not target[last].isspace() else edit.end
        narrow = target[start:end].strip()
        if narrow and _CODE_LIKE.match(narrow) and narrow in source:
            return narrow
        # Spaces taken out: with the token before or after them, an aligned column or an
        # indented block the source lays out the same way ("    BASH_VERSION").
        if edit.end > edit.start and target[edit.start : edit.end].isspace():
            for stretch in (
                target[_widen_left(target, edit.start) : edit.end],
                target[edit.start : _widen_right(target, edit.end)],
            ):
                if len(stretch.strip()) >= 2 and stretch in source:
                    return stretch.strip()
    return ""


# --- gate 2: doubled words, seams, new findings ---------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")  # stdlib re: several times faster here
_STOP = frozenset(
    """
    the and that this with from into for have has had been were was are will would shall should
    their there these those them they which what when where while than then also such more most
    other some only very over under about upon each both same into onto your ours
    """.split()
)
_CONTEXT = 90  # characters each side of an edit scanned for doubles (eight words and more)


def _words(text: str, region: tuple[int, int]) -> list[tuple[str, int, int]]:
    """(lower-cased word, start, end) around ``region``."""
    lo = _widen_left(text, max(0, region[0] - _CONTEXT))
    hi = _widen_right(text, min(len(text), region[1] + _CONTEXT))
    stretch = text[lo:hi]
    lowered = stretch.lower()
    if len(lowered) != len(stretch):  # "İ" grows when lowered: offsets would shift
        return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]
    return [(m.group(), lo + m.start(), lo + m.end()) for m in _WORD.finditer(lowered)]


def _doubles(text: str, region: tuple[int, int]) -> Counter[str]:
    """Doubled words and phrases (up to four words) with one copy touching ``region``, and
    content words of ``region`` that stand again right beside it ("the campaign to combat
    … crime campaign")."""
    lo, hi = region
    words = _words(text, region)
    # Only words near the region can be part of a double that touches it (a doubled
    # four-word phrase spans eight words): keep eight words each side of it.
    starts = [start for _, start, _ in words]
    first = max(0, bisect.bisect_left(starts, lo) - 1)
    last = bisect.bisect_right(starts, hi)
    words = words[max(0, first - 8) : last + 8]
    tokens = [w for w, _, _ in words]
    found: Counter[str] = Counter()
    for k in range(1, 5):
        for i in range(len(tokens) - 2 * k + 1):
            if tokens[i] != tokens[i + k] or tokens[i : i + k] != tokens[i + k : i + 2 * k]:
                continue
            if words[i][1] > hi or words[i + 2 * k - 1][2] < lo:
                continue
            if not text[words[i + k - 1][2] : words[i + k][1]].isspace():
                continue  # "Security Law”, “Law on …": punctuation between is no stutter
            if k == 1 and (tokens[i] in locale_for("en").repeats or tokens[i].isdigit()):  # "had had"
                continue
            found[" ".join(tokens[i : i + 2 * k])] += 1
    inner = [i for i, (_, start, end) in enumerate(words) if start >= lo and end <= hi]
    if inner:
        content = {w for w, _, _ in words[inner[0] : inner[-1] + 1] if len(w) >= 4 and w not in _STOP}
        first, last = words[inner[0]], words[inner[-1]]
        for index in (inner[0] - 1, inner[-1] + 1):
            if not 0 <= index < len(words) or words[index][0] not in content:
                continue
            word, start, end = words[index]
            gap = text[end : first[1]] if index < inner[0] else text[last[2] : start]
            if gap.isspace():
                found[f"{word} … {word}"] += 1
        found.update(_echoes(tokens, inner[0], inner[-1]))
    return found


def _echoes(words: list[str], first: int, last: int) -> Counter[str]:
    """The region's last (first) two or three words said again just after (before) it, one
    extra word allowed: "… a shared future for mankind for all mankind"."""
    found: Counter[str] = Counter()
    for k in (2, 3):
        if last - first + 1 < k:
            break
        tail, head = words[last - k + 1 : last + 1], words[first : first + k]
        after, before = words[last + 1 : last + 2 + k], words[max(0, first - k - 1) : first]
        if _content(tail) and after[:1] == tail[:1] and _subsequence(tail, after):
            found[f"{' '.join(tail)} … {' '.join(tail)}"] += 1
        if _content(head) and before[-1:] == head[-1:] and _subsequence(head, before):
            found[f"{' '.join(head)} … {' '.join(head)}"] += 1
    return found


def _content(words: list[str]) -> bool:
    return any(len(word) >= 4 and word not in _STOP for word in words)


def _subsequence(needle: list[str], hay: list[str]) -> bool:
    remaining = iter(hay)
    return all(word in remaining for word in needle)


def _new_double(old_text: str, old_region: tuple[int, int], new_text: str, new_region: tuple[int, int]) -> str:
    before = _doubles(old_text, old_region)
    after = _doubles(new_text, new_region)
    for phrase, count in after.items():
        if count > before[phrase]:
            return phrase
    return ""


_MODAL_GERUND = regex.compile(
    r"\b(?:will|would|shall|should|can|could|may|might|must|cannot)\s+"
    r"(?!(?:bring|sing|ring|spring|sting|string|swing|wing|cling|fling|sling|wring|ping)\b)\w{2,}ing\b",
    regex.IGNORECASE,
)
_TWO_ARTICLES = regex.compile(r"\b(?:a|an|the)\s+(?:a|an|the)\b", regex.IGNORECASE)
_A_BEFORE_VOWEL = regex.compile(
    r"\ba\s+(?=[aeiouAEIOU])(?![Uu](?:ni|s[eu]|ti|r[aeiou]|biq|k)|[Ee]u|[Oo]n(?:e|ce)\b)\p{L}(?!\p{Lu})\w*"
)
_AN_BEFORE_CONSONANT = regex.compile(
    r"\ban\s+(?![Hh](?:our|onest|onou?r|eir))[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z](?=\p{Ll})\w*", regex.IGNORECASE
)
_SEAMS = (_MODAL_GERUND, _TWO_ARTICLES, _A_BEFORE_VOWEL, _AN_BEFORE_CONSONANT)


def _seam_breaks(text: str, region: tuple[int, int]) -> Counter[str]:
    lo = _widen_left(text, max(0, region[0] - 40))
    hi = _widen_right(text, min(len(text), region[1] + 40))
    found: Counter[str] = Counter()
    for pattern in _SEAMS:
        for match in pattern.finditer(text, lo, hi):
            if match.start() <= region[1] and region[0] <= match.end():
                found[match.group().lower()] += 1
    return found


def _new_seam_break(old_text: str, old_region: tuple[int, int], new_text: str, new_region: tuple[int, int]) -> str:
    before = _seam_breaks(old_text, old_region)
    for phrase, count in _seam_breaks(new_text, new_region).items():
        if count > before[phrase]:
            return phrase
    return ""


def _self_repairing(finding: Finding) -> bool:
    fix = finding.fix
    return fix is not None and fix.safety is Safety.SAFE and not finding.rule.startswith("repeat.")


def _shift(position: int, edits: list[Edit]) -> int:
    """Where ``position`` of the text before ``edits`` (sorted) lands after them; a
    position inside an edited stretch lands at the start of its replacement."""
    delta = 0
    for edit in edits:
        if position <= edit.start:
            break
        if position < edit.end:
            return edit.start + delta
        delta += len(edit.replacement) - (edit.end - edit.start)
    return position + delta


def _new_findings(before: Sequence[Finding], after: list[Finding], edits: list[Edit]) -> list[Finding]:
    """Findings after the edit that no finding before it accounts for (same rule, and the
    same text or an overlapping span once the edit is applied)."""
    old: dict[str, list[tuple[Side, str, int, int]]] = {}
    for finding in before:
        start, end = finding.start, finding.end
        if finding.side is Side.TARGET:
            start, end = _shift(start, edits), _shift(end, edits)
        old.setdefault(finding.rule, []).append((finding.side, finding.text, start, end))
    new = []
    for finding in after:
        known = old.get(finding.rule, ())
        if not any(
            side is finding.side
            and (
                text == finding.text
                or (side is Side.TARGET and start <= finding.end and finding.start <= end)
                or (start, end) == (finding.start, finding.end)
            )
            for side, text, start, end in known
        ):
            new.append(finding)
    return new


def demoted(fix: Fix, reason: str) -> Fix:
    """The fix as a suggestion that says why it is not safe."""
    return replace(fix, safety=Safety.SUGGESTION, reason=fix.reason or reason)
