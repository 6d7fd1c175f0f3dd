"""The fix for a forbidden variant: replace the term core, and make the replacement fit.

Given where a variant was found, ``plan_fix`` replaces only its core (variant.py) and adapts
the replacement to the sentence where that is mechanical:

- the case of the first letter follows the text ("Overall …" at a sentence start → "Holistic …");
- the article before it follows the replacement ("an overall …" → "a holistic …"), and a
  replacement's own article is dropped after a determiner ("the a …");
- words the replacement shares with the text at its seams are not written twice
  ("Provincial" + "Provincial Commission …", "… for mankind" + "for mankind");
- a regular inflection is carried over where it is one word: a plural head noun
  ("concepts" → "approaches to national security"), the form of a leading verb ("build" →
  the replacement's "building" becomes "build").

A carried-over inflection or a title-cased replacement is a suggestion, never safe; so is
any fix without source evidence for the concept. When the variant was found in an
inflection that cannot be carried over, there is no fix: the message names the approved
term. The fix gate (mtcheck/fixgate.py) then tries every fix on the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from mtcheck.glossary.matcher import _QUOTES, _TOKEN, stem
from mtcheck.glossary.variant import Variant
from mtcheck.model import Safety


@dataclass(frozen=True, slots=True)
class TermFix:
    start: int
    end: int
    replacement: str
    safety: Safety
    reason: str = ""


@dataclass(frozen=True, slots=True)
class NoFix:
    reason: str


_PREPOSITIONS = frozenset("of to for in on at by with from against over into about among between through".split())
_DETERMINERS = frozenset("a an the this that these those its their our his her my your".split())
#: Words a replacement may end on that are no noun to put in the plural.
_NOT_NOUNS = frozenset("well too also only more most together forward".split())
_MINOR_WORDS = frozenset("a an the of to for in on at by with from and or but as".split())
_ARTICLE_BEFORE = regex.compile(r"\b(an?|An?)\s+$")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}][\p{L}\p{N}'’-]*)\s+$")
_LEADING_ARTICLE = regex.compile(r"(?i)(?:a|an|the)\s+")


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the matcher's tokens (words, CJK characters, punctuation) in ``text``."""
    normalized = text.translate(_QUOTES)  # one character for one: offsets stay
    return [match.span() for match in _TOKEN.finditer(normalized, start, len(text) if end is None else end)]


def plan_fix(
    target: str, start: int, end: int, variant: Variant, preferred: str, evidence: bool
) -> tuple[TermFix | NoFix, int]:
    """The fix for ``variant`` found at ``target[start:end]``, and the finding's start
    (earlier than ``start`` when the article before the variant changes too)."""
    replacement = variant.replacement or preferred
    if not replacement:
        return NoFix("the entry has no approved term"), start
    core_start, core_end = _core_in_text(target, start, end, variant)
    found = target[core_start:core_end]
    found_words = [w.lower() for w in _words(found)]
    core_words = [w.lower() for w in _words(variant.core)]
    notes: list[str] = []
    if found_words != core_words:
        adapted = _inflected(found_words, core_words, replacement)
        if adapted is None:
            return NoFix(f"“{found}” is inflected; put the term in the same form by hand"), start
        replacement = adapted
        notes.append(f"the replacement was inflected like “{found}”")
    conformed = _conform_leading_verb(found, variant.core, replacement)
    if conformed != replacement:
        replacement = conformed
        notes.append(f"“{replacement.split()[0]}” was put in the form of “{found.split()[0]}”")
    replacement, titled = _with_case(found, replacement)
    if titled:
        notes.append("the replacement was title-cased like the text")
    replacement = _merge_seams(target, core_start, core_end, replacement)
    edit_start = core_start
    before = target[:core_start]
    word_before = _WORD_BEFORE.search(before)
    if word_before and word_before.group(1).lower() in _DETERMINERS:
        stripped = _LEADING_ARTICLE.match(replacement)
        if stripped and len(replacement) > stripped.end():
            replacement = replacement[stripped.end() :]
    article = _ARTICLE_BEFORE.search(before)
    if article and _article_for(replacement) != article.group(1).lower():
        # "an overall … concept" → "a holistic approach …": the article changes too
        edit_start = article.start()
        replacement = _same_first_case(article.group(1), _article_for(replacement)) + " " + replacement
    if not evidence:
        notes.insert(0, "the source does not show the concept")
    safety = Safety.SUGGESTION if notes else Safety.SAFE
    return TermFix(edit_start, core_end, replacement, safety, "; ".join(notes)), min(start, edit_start)


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in token_spans(text)]


def _core_in_text(target: str, start: int, end: int, variant: Variant) -> tuple[int, int]:
    """The found core: the matcher matches token for token, so the variant's core tokens
    are the same tokens of the found text."""
    if not variant.marked:
        return start, end
    found = token_spans(target, start, end)
    spans = token_spans(variant.text)
    core = [i for i, (s, e) in enumerate(spans) if s >= variant.core_start and e <= variant.core_end]
    if len(found) != len(spans) or not core:
        return start, end
    return found[core[0]][0], found[core[-1]][1]


def _inflected(found: list[str], core: list[str], replacement: str) -> str | None:
    """The replacement inflected as the found core is, where that is one regular change."""
    if len(found) != len(core):
        return None
    differ = [i for i, (a, b) in enumerate(zip(found, core, strict=True)) if a != b]
    words = replacement.split()
    if differ == [len(core) - 1] and _is_plural_of(found[-1], core[-1]):
        # Only a plain noun phrase ("new security pattern"), whose last word is its head,
        # passes its plural on; the replacement's head is the word before its first
        # preposition ("holistic approach to …"), and must look like a singular noun.
        if any(word in _PREPOSITIONS or word in ("and", "or") for word in core):
            return None
        head = next((i - 1 for i, word in enumerate(words) if word.lower() in _PREPOSITIONS and i > 0), len(words) - 1)
        noun = words[head]
        if not noun.isalpha() or noun.lower().endswith(("s", "ed", "ing")) or noun.lower() in _NOT_NOUNS:
            return None
        words[head] = _plural(noun)
        return " ".join(words)
    if differ == [0] and words:
        if words[0].lower() == core[0]:
            words[0] = found[0]
            return " ".join(words)
        inflected = _verb_like(words[0], core[0], found[0])
        if inflected is not None:
            words[0] = inflected
            return " ".join(words)
    return None


#: Verbs whose past forms are not "-ed": their "-ed" cannot be carried over mechanically.
_IRREGULAR = frozenset(
    "be have do make take give keep hold lead bring build set put run win fight get stand think teach find "
    "pay say tell go come see know grow show draw drive write speak break choose rise begin feel meet sell "
    "send spend leave lose understand undertake uphold withstand".split()
)


def _verb_like(word: str, base: str, found: str) -> str | None:
    """``word`` with the regular ending that turns ``base`` into ``found`` (escort →
    escorting: safeguard → safeguarding); None when the ending is not a regular one."""
    if not word.isalpha() or not word.islower() or stem(found) != stem(base):
        return None
    if found in (base + "s", base + "es"):
        return _plural(word)
    if found.endswith("ing") and not base.endswith("ing"):
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
            return word[:-1] + "ing"
        return word + "ing"
    if found.endswith("ed") and not base.endswith("ed") and word not in _IRREGULAR:
        if word.endswith("e"):
            return word + "d"
        if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
            return word[:-1] + "ied"
        return word + "ed"
    return None


def _is_plural_of(word: str, base: str) -> bool:
    return word in (base + "s", base + "es") or (base.endswith("y") and word == base[:-1] + "ies")


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _conform_leading_verb(found: str, core: str, replacement: str) -> str:
    """A replacement that starts with another form of the core's first word takes the
    text's form: variant "build a well-off society…", preferred "building a moderately
    prosperous society…", text "will build a well-off society…" → "build a moderately…"."""
    found_words, core_words, words = found.split(), core.split(), replacement.split()
    if not found_words or not core_words or len(words) < 2:
        return replacement
    first, core_first = words[0], core_words[0]
    if first.lower() == core_first.lower() or not first.isalpha() or not core_first.isalpha():
        return replacement
    if stem(first.lower()) == stem(core_first.lower()):
        return " ".join([found_words[0], *words[1:]])
    return replacement


def _with_case(found: str, replacement: str) -> tuple[str, bool]:
    """The first letter's case follows the text; a title-cased text makes a title-cased
    replacement (reported: it is a guess)."""
    if not found[:1].isupper() or not replacement[:1].islower():
        return replacement, False
    words = found.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words if w.isalpha() and w.lower() not in _MINOR_WORDS):
        titled = [
            w if (i and w.lower() in _MINOR_WORDS) or not w[:1].islower() else w[0].upper() + w[1:]
            for i, w in enumerate(replacement.split())
        ]
        return " ".join(titled), True
    return replacement[0].upper() + replacement[1:], False


def _merge_seams(target: str, start: int, end: int, replacement: str) -> str:
    """Drop the replacement's first (last) words where the text already has them right
    before (after) the core: "the Provincial [Commission …]" + "Provincial Commission …"."""
    words = replacement.split()
    lowered = [w.lower() for w in words]
    joined_before = start > 0 and not target[start - 1].isspace()
    joined_after = end < len(target) and not target[end].isspace()
    before = [] if joined_before else target[max(0, start - 120) : start].lower().split()
    after = [] if joined_after else target[end : end + 120].lower().split()
    for k in range(min(4, len(words) - 1), 0, -1):
        if before[-k:] == lowered[:k]:
            words, lowered = words[k:], lowered[k:]
            break
    for k in range(min(4, len(words) - 1), 0, -1):
        if after[:k] == lowered[-k:]:
            words = words[:-k]
            break
    return " ".join(words)


def _article_for(phrase: str) -> str:
    """'a' or 'an' by the first letter: close enough for glossary terms."""
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _same_first_case(model: str, word: str) -> str:
    return word[0].upper() + word[1:] if model[:1].isupper() else word
