"""Whitespace at the edges: the line breaks and spaces a program pastes strings together with.

``"Usage: %s\\n"`` printed without its final ``\\n`` runs into the next line; ``"Name: "``
without its trailing space glues the value to the colon; ``"  (use \\"git add\\")"`` lost its
indentation in a column. msgfmt ``--check`` rejects a PO entry whose msgid and msgstr do not
both begin, and both end, with ``\\n``.

Spaces are compared as runs of blanks at the very start and end (a no-break space counts as a
space), and only present against absent: a run of another length is a column re-aligned for
longer or wider words (git's ``"   or: %s"`` becomes ``"      oder: %s"``). One space the
source does not have is not reported (it glues nothing together); a dropped one, an added
indentation or tab is. Chinese and
Japanese put no space between words, so one space more or less next to Han or kana text is no
error either (``名前：`` for ``Name: ``); indentation of two or more is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.checks.special import source_is_key
from mtcheck.gates import Gate
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.rule import Example, Hit, RuleInfo

_BLANKS = " \t\u00a0\u202f\u3000"
#: Gates (mtcheck/gates.py): a side starts or ends with a line break, or with a blank.
_EDGE_NEWLINE = "\\A\n|\n\\Z"
_LEADING = f"\\A[{_BLANKS}]"
_TRAILING = f"[{_BLANKS}]\\Z"
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u3000": " "})


_HAN_KANA = re.compile("[\u3001-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _newline(segment: Segment) -> Iterator[Hit]:
    source, target = segment.source, segment.target
    if not source or not target or source_is_key(segment):
        return
    if source.startswith("\n") != target.startswith("\n"):
        yield _newline_hit(target, source.startswith("\n"), leading=True)
    if source.endswith("\n") != target.endswith("\n"):
        yield _newline_hit(target, source.endswith("\n"), leading=False)


def _newline_hit(target: str, wanted: bool, *, leading: bool) -> Hit:
    edge = "starts" if leading else "ends"
    if wanted:
        at = 0 if leading else len(target)
        fix = Fix((Edit(at, at, "\n"),), Safety.SAFE, f"{'Start' if leading else 'End'} with a line break")
        span = (0, 1) if leading else (len(target) - 1, len(target))
        message = f"The source {edge} with a line break (\\n), the target does not"
    else:
        stripped = target.lstrip("\n") if leading else target.rstrip("\n")
        span = (0, len(target) - len(stripped)) if leading else (len(stripped), len(target))
        fix = Fix((Edit(*span, ""),), Safety.SAFE, "Remove the line break")
        message = f"The target {edge} with a line break (\\n), the source does not"
    return Hit(*span, message, fix)


def _run(text: str, leading: bool) -> str:
    stripped = text.lstrip(_BLANKS) if leading else text.rstrip(_BLANKS)
    return text[: len(text) - len(stripped)] if leading else text[len(stripped) :]


def _describe(run: str) -> str:
    if "\t" in run:
        return "a tab" if run == "\t" else "tabs and spaces" if run.strip("\t") else f"{len(run)} tabs"
    return "a space" if len(run) == 1 else f"{len(run)} spaces"


def _edge(segment: Segment, *, leading: bool) -> Iterator[Hit]:
    source, target = segment.source, segment.target
    if source is None or not source.strip() or not target.strip() or source_is_key(segment):
        return
    wanted, found = _run(source, leading), _run(target, leading)
    if bool(wanted) == bool(found):
        return  # the same, or a column re-aligned
    if found and len(found) == 1 and found != "\t":
        return  # one space more than the source: invisible, and harmless where nothing follows
    if len(wanted + found) == 1 and _HAN_KANA.search(target):
        return  # 名前： for "Name: ": no spaces between Chinese or Japanese words
    edge = "starts" if leading else "ends"
    if not found:
        message = f"The source {edge} with {_describe(wanted)}, the target does not"
    else:
        message = f"The target {edge} with {_describe(found)}, the source does not"
    start, end = (0, len(found)) if leading else (len(target) - len(found), len(target))
    safety = Safety.SAFE if not (wanted + found).strip(" \t") else Safety.SUGGESTION
    fix = Fix(
        (Edit(start, end, wanted),), safety, "Use the source's " + ("leading" if leading else "trailing") + " space"
    )
    if start == end:  # nothing to mark: flag the character next to the gap
        start, end = (0, 1) if leading else (len(target) - 1, len(target))
    yield Hit(start, end, message, fix)


def _leading(segment: Segment) -> Iterator[Hit]:
    return _edge(segment, leading=True)


def _trailing(segment: Segment) -> Iterator[Hit]:
    return _edge(segment, leading=False)


NEWLINE = BuiltinCheck(
    RuleInfo(
        id="whitespace.newline",
        category="locale/convention",
        severity=Severity.MAJOR,
        summary="The source starts or ends with a line break (\\n) and the target does not, or the reverse",
        why="Programs print such strings one after another: a dropped \\n runs two messages into one "
        "line, an added one leaves a blank line. msgfmt --check rejects the difference.",
        bad=(
            Example("Verwendung: %s", source="Usage: %s\n", fix="Verwendung: %s\n"),
            Example("\nFertig.\n", source="Done.\n", fix="Fertig.\n"),
        ),
        good=(Example("Verwendung: %s\n", source="Usage: %s\n"), Example("Zeile 1\nZeile 2", source="Line 1\nLine 2")),
        needs_source=True,
    ),
    _newline,
    gate=Gate(_EDGE_NEWLINE, _EDGE_NEWLINE, either=True),
)

LEADING = BuiltinCheck(
    RuleInfo(
        id="whitespace.leading",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="Spaces or tabs at the start of the target differ from the source's (indentation)",
        why="Leading blanks indent help text and align columns; the program does not add them back.",
        bad=(Example('(benutzen Sie "git add")', source='  (use "git add")', fix='  (benutzen Sie "git add")'),),
        good=(
            Example('  (benutzen Sie "git add")', source='  (use "git add")'),
            Example("（可选）", source=" (optional)"),
            Example("      oder: %s", source="   or: %s"),
        ),
        needs_source=True,
    ),
    _leading,
    gate=Gate(_LEADING, _LEADING, either=True),  # one of the two starts with a blank
)

TRAILING = BuiltinCheck(
    RuleInfo(
        id="whitespace.trailing",
        category="locale/convention",
        severity=Severity.MINOR,
        summary="Spaces or tabs at the end of the target differ from the source's",
        why="A trailing space separates the string from what the program appends (“Name: ” + value); "
        "without it the two run together, with an extra one the layout shifts.",
        bad=(Example("Nom :", source="Name: ", fix="Nom : "), Example("Name:  ", source="Name:", fix="Name:")),
        # (one extra space is not reported: "Name: " for "Name:")
        good=(
            Example("Nom : ", source="Name: "),
            Example("名前：", source="Name: "),
            Example("正在读取模板...", source="reading templates... "),
            Example("Nom :\u00a0", source="Name: "),
        ),
        needs_source=True,
    ),
    _trailing,
    gate=Gate(_TRAILING, _TRAILING, either=True),
)

CHECKS = (NEWLINE, LEADING, TRAILING)
