"""Lint for the fixes an entry makes: a forbidden variant whose fix would drop or double words.

A fix replaces a variant's term core (variant.py) with the core's own replacement or the
entry's preferred term. Three shapes go wrong in real sentences, and lint names them so
the terminologist marks the core or gives it its own replacement:

- ``fix-drops-words``: an unmarked variant of several words whose replacement is much
  shorter ("national security work pattern" → "framework" loses "national security");
  if every word is the term, bracket the whole variant to say so.
- ``fix-doubles-words``: the variant, fixed, repeats a word or phrase ("[Longjiang]
  contributions" with the replacement "Heilongjiang contributions").
- ``fix-adds-words``: the replacement adds words before the core's first word or after
  it ("Commission for Disciplinary Inspection" → "Provincial Commission …" turns "the
  Municipal Commission …" into "the Municipal Provincial Commission …").
"""

from __future__ import annotations

from collections.abc import Callable

from mtcheck.glossary.matcher import stem
from mtcheck.glossary.model import Entry
from mtcheck.glossary.variant import ARROW, parse_variant

Report = Callable[[int, str, str], None]
_PREPOSITIONS = frozenset("of to for in on at by with from".split())


def check_fixes(entry: Entry, report: Report) -> None:
    for raw in entry.forbidden:
        try:
            variant = parse_variant(raw)
        except ValueError:
            continue  # reported as a bad variant
        replacement = entry.preferred if variant.replacement is None else variant.replacement
        if not replacement:
            continue
        words = variant.text.split()
        core = [w.lower() for w in variant.core.split()]
        new = replacement.split()
        lowered = [w.lower() for w in new]
        if not variant.marked and len(words) >= 2 and (len(new) == 1 or len(words) - len(new) >= 2):
            report(
                entry.line,
                "fix-drops-words",
                f"the fix replaces all {len(words)} words of “{raw}” with “{replacement}”: mark the term core "
                f"([…]) if some words are context, or bracket the whole variant if all are the term",
            )
        rendered = variant.rendered(replacement)
        doubled = _doubled(rendered)
        if doubled and doubled not in _doubled_all(variant.text):
            report(entry.line, "fix-doubles-words", f"the fix of “{raw}” would read “{rendered}”")
            continue
        if not core:
            continue
        if core[0] in lowered[1:]:
            at = lowered.index(core[0], 1)
            added = new[:at]
            if not set(lowered[:at]) & set(core):
                report(
                    entry.line,
                    "fix-adds-words",
                    f"the fix puts “{' '.join(added)}” before “{variant.core}”: a text with another word there "
                    f"would read “… {' '.join(added)} {variant.core.split()[0]} …”; mark the core or give it its "
                    f"own replacement ([core {ARROW} text])",
                )
                continue
        tail = _added_tail(core, lowered)
        if tail:
            report(
                entry.line,
                "fix-adds-words",
                f"the fix adds “{' '.join(new[-tail:])}” after “{variant.core}”: a text that goes on with it "
                f"would read it twice; give the core its own replacement ([core {ARROW} text])",
            )


def _added_tail(core: list[str], replacement: list[str]) -> int:
    """Words of a trailing prepositional phrase the replacement adds to a core it starts
    like ("community of common destiny" → "community with … for mankind": 2)."""
    if len(replacement) < 3 or replacement[0] != core[0]:
        return 0
    for size in (2, 3):
        tail = replacement[-size:]
        if tail[0] in _PREPOSITIONS and not _stems(tail) & _stems(core) and size < len(replacement) - 1:
            return size
    return 0


def _stems(words: list[str]) -> set[str]:
    return {stem(word) for word in words}


def _doubled(text: str) -> str:
    found = _doubled_all(text)
    return found[0] if found else ""


def _doubled_all(text: str) -> list[str]:
    words = [w.lower().strip(".,;:“”\"'") for w in text.split()]
    found = []
    for k in range(1, 4):
        for i in range(len(words) - 2 * k + 1):
            if words[i : i + k] == words[i + k : i + 2 * k]:
                found.append(" ".join(words[i : i + 2 * k]))
    return found
