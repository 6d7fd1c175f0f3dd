"""Untranslated text: a target identical to its source, or the source's script left in it.

Preconditions stop cascades: an identical target gets one finding (``untranslated.identical``),
not another for each CJK run in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.checks.punctuation import NOT_CJK
from mtcheck.gates import Gate
from mtcheck.lang.codes import base as base_lang
from mtcheck.lang.script import CJK_LETTERS
from mtcheck.lazyre import lazy
from mtcheck.model import Segment, Severity
from mtcheck.protected import protected_spans
from mtcheck.rule import Example, Hit, RuleInfo
from mtcheck.surface import masked


def _identical(segment: Segment) -> bool:
    return segment.source is not None and segment.source.strip() == segment.target.strip()


def _cjk_residue(segment: Segment) -> Iterator[Hit]:
    if segment.target.isascii() or _identical(segment):
        return
    for match in CJK_LETTERS.finditer(segment.target):
        yield Hit(match.start(), match.end(), f"Untranslated CJK text “{match.group()}”")


CJK_RESIDUE = BuiltinCheck(
    RuleInfo(
        id="untranslated.cjk",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="Chinese, Japanese or Korean characters left in a target in another script",
        why="MT copies words it cannot translate (names, rare terms, whole clauses) into the "
        "output unchanged; a reader of the target cannot read them.",
        bad=(Example("The 国之大者 must be kept in mind."), Example("全民 education day")),
        good=(Example("The country's most fundamental interests."), Example("Punctuation，only")),
        scope=NOT_CJK,
    ),
    _cjk_residue,
    gate=Gate("[^\x00-\x7f]"),  # an ASCII target returns at once
)

_TOKEN = lazy(r"[\w'’-]+")
#: A word of prose: letters only, not an identifier with an inner capital (``LuceneCJKTokenizer``).
_PROSE_WORD = lazy(r"(?!\p{L}*\p{Ll}\p{Lu})\p{L}+(?:['’-]\p{L}+)*")
#: Command synopses and code: ``[-v var]``, ``[in WORDS ... ;]``, ``a::b``, ``f()``, ``org.omegat.x``.
_SYNOPSIS = lazy(r"\[[^\]\n]*(?:-|\||\.\.\.|\b[A-Z]{2,}\b)[^\]\n]*\]|::|\w\(\)|\w\.\w+\.\w")
#: A list of aliases a program matches (gnome-calculator's ``degF,°F,F,Fahrenheit``): commas
#: with no space after them; a copyright line, which stays as it is written; a file type's
#: name with its patterns (``Microsoft Office Open XML (*.docx, *.xlsx)``); a regular
#: expression (``\h+an\h+[^aeiou]``, ``li[cs]en[cs]e``); a character's name with its code point
#: (``U+200E``).
_NOT_PROSE = lazy(
    r"^(?!.*,\s)[^,]+(?:,[^,]+){2,}$|^\s*(?:Copyright\b|©|\(C\) \d)|\(\*\.\w|\\[bhswdBHSWD][+*?]?|\bU\+[0-9A-F]{4,}"
    r"|\w\[[^\]\s]+\]\w",
    regex.IGNORECASE,
)


#: Licence text, which teams keep in English on purpose (only the original of the GNU GPL is
#: legally binding): the OmegaT zh_CN memory holds the whole GPL untranslated.
_LICENCE = lazy(
    r"\b(?:GNU (?:Lesser |Library |Affero )?General Public License|Free Software Foundation|GPL|[Ww]arrant(?:y|ies)|"
    r"WARRANTY|Corresponding Source|covered works?|licensors?|[Pp]atent licen[sc]e|[Pp]atents|Licen[sc](?:es?|ing)|"
    r"copyright|[Ll]egal [Nn]otices?)\b"
)


def _has_prose(source: str) -> bool:
    """Something to translate: CJK letters, or four words of prose that make up nearly all of
    the text once placeholders, code and paths are set aside. Names, codes, "OK", command
    synopses and messages for programmers (``pop_var_context: head of shell_variables not a
    function context``) are often left the same on purpose."""
    if CJK_LETTERS.search(source):
        return True
    if _SYNOPSIS.search(source) or _NOT_PROSE.search(source) or _LICENCE.search(source):
        return False
    spans = protected_spans(source)
    text = masked(source, spans) if spans else source
    tokens = _TOKEN.findall(text)
    prose = [token for token in tokens if _PROSE_WORD.fullmatch(token)]
    return len(prose) >= 4 and len(prose) >= 0.8 * len(tokens)


def _untranslated_segment(segment: Segment) -> Iterator[Hit]:
    """Identical to a source that has something to translate (see ``_has_prose``), in
    another language than the source's."""
    same_language = segment.src_lang is not None and base_lang(segment.src_lang) == base_lang(segment.tgt_lang)
    if not _identical(segment) or same_language:
        return
    if not _has_prose(segment.source or ""):
        return
    text = segment.target
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    yield Hit(start, end, "The target is the source, untranslated")


#: A source file whose strings the team keeps in the source language (GNOME settings
#: descriptions in a .gschema.xml): at least this many of a file's entries with prose come from
#: it, and this share of them are copies (dev corpus: 75-100% for such files, under 20% for
#: every other source file).
KEPT_ENTRIES = 8
KEPT_SHARE = 0.7


def _references(segment: Segment) -> frozenset[str]:
    """The program source files a PO entry comes from (``#: src/main.c:12`` → ``src/main.c``)."""
    return frozenset(reference.rsplit(":", 1)[0] for reference in segment.meta.references)


@dataclass
class Identical:
    """untranslated.identical, with the file read first (the engine's ``start_file``): the strings of a
    program source file that the team keeps in the source language are no oversight."""

    info: RuleInfo
    literals: None = None
    #: Program source files whose strings this catalogue keeps untranslated.
    kept: frozenset[str] = frozenset()

    def fresh(self) -> Identical:
        return Identical(self.info)

    def for_examples(self) -> BuiltinCheck:
        """The rule on one segment, as its examples (and unit tests) run it."""
        return BuiltinCheck(self.info, _untranslated_segment)

    # Engine.Checker.start_file reads the file once for every rule that reads it first.
    def begin_file(self) -> None:
        self._entries: Counter[str] = Counter()
        self._copies: Counter[str] = Counter()

    def observe_file(self, segment: Segment) -> None:
        if not segment.meta.references or not _has_prose(segment.source or ""):
            return
        copied = next(_untranslated_segment(segment), None) is not None
        for reference in _references(segment):
            self._entries[reference] += 1
            self._copies[reference] += copied

    def end_file(self) -> None:
        entries, copies = self._entries, self._copies
        self.kept = frozenset(
            reference
            for reference, count in entries.items()
            if count >= KEPT_ENTRIES and copies[reference] >= KEPT_SHARE * count
        )
        self._entries, self._copies = Counter(), Counter()

    def hits(self, segment: Segment) -> Iterator[Hit]:
        if self.kept and segment.meta.references and _references(segment) <= self.kept:
            return iter(())
        return _untranslated_segment(segment)


IDENTICAL = Identical(
    RuleInfo(
        id="untranslated.identical",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="The target is identical to its source",
        why="A target copied from its source was never translated (an MT pass that failed, "
        "or a unit left as pre-filled). Segments with little prose — names, codes, “OK”, "
        "command synopses, identifiers, placeholders and paths — are exempt unless they hold "
        "CJK text; so are licence texts (kept in English on purpose) and pairs whose source and "
        "target are the same language. A PO file read whole also tells which program files' "
        "strings its team keeps in the source language (GNOME settings descriptions): most of "
        "their entries are copies, by choice.",
        bad=(
            Example("国家安全是民族复兴的根基。", source="国家安全是民族复兴的根基。"),
            Example("Click the button to continue", source="Click the button to continue", tgt_lang="de"),
            Example(
                "Uri of the default side pane background. Only used if side_pane_background_set is true.",
                source="Uri of the default side pane background. Only used if side_pane_background_set is true.",
                tgt_lang="he",
            ),
            Example("handle a poedit:// URI", source="handle a poedit:// URI", tgt_lang="he"),
        ),
        good=(
            Example("iPhone 15", source="iPhone 15"),
            Example("National security.", source="国家安全。"),
            Example("printf [-v var] format [arguments]", source="printf [-v var] format [arguments]", tgt_lang="de"),
            Example(
                "pop_var_context: head of shell_variables not a function context",
                source="pop_var_context: head of shell_variables not a function context",
                tgt_lang="de",
            ),
            Example("This value is not valid.", source="This value is not valid.", tgt_lang="en-GB"),
            Example(
                "xtrace fd (%d) != fileno xtrace fp (%d)",
                source="xtrace fd (%d) != fileno xtrace fp (%d)",
                tgt_lang="ru",
            ),
            Example("Linux root (RISC-V-32)", source="Linux root (RISC-V-32)", tgt_lang="ja"),
            Example(
                "Millimeter of Mercury,millimeter of mercury,mmHg",
                source="Millimeter of Mercury,millimeter of mercury,mmHg",
                tgt_lang="de",
            ),
            Example(
                "There is NO WARRANTY, to the extent permitted by law.",
                source="There is NO WARRANTY, to the extent permitted by law.",
                tgt_lang="zh-CN",
            ),
            Example(
                "ODF - OASIS Open Document Format (*.ods, *.odt)",
                source="ODF - OASIS Open Document Format (*.ods, *.odt)",
                tgt_lang="zh-CN",
            ),
            Example("li[cs]en[cs]e", source="li[cs]en[cs]e", tgt_lang="zh-CN"),
            Example("Left-to-Right Mark (LRM U+200E)", source="Left-to-Right Mark (LRM U+200E)", tgt_lang="zh-CN"),
            Example(
                "You may offer support or warranty protection for a fee.",
                source="You may offer support or warranty protection for a fee.",
                tgt_lang="zh-CN",
            ),
            Example(
                "10. Automatic Licensing of Downstream Recipients.",
                source="10. Automatic Licensing of Downstream Recipients.",
                tgt_lang="zh-CN",
            ),
            Example(
                "Copyright (C) 2025 Free Software Foundation, Inc.",
                source="Copyright (C) 2025 Free Software Foundation, Inc.",
                tgt_lang="de",
            ),
        ),
        needs_source=True,
    )
)

#: Scripts a source may be written in whose letters should not survive in the target.
#: CJK is untranslated.cjk's; Latin is too often legitimate (names, brands) to flag.
_SCRIPTS = {
    "Cyrillic": ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"),
    "Greek": ("el",),
    "Arabic": ("ar", "fa", "ur", "ps", "ug"),
    "Hebrew": ("he", "yi"),
    "Thai": ("th",),
    "Devanagari": ("hi", "mr", "ne", "sa"),
    "Armenian": ("hy",),
    "Georgian": ("ka",),
}
_SCRIPT_LETTERS = {name: regex.compile(rf"\p{{Script={name}}}{{2,}}") for name in _SCRIPTS}
_ANY_SCRIPT = lazy("|".join(rf"\p{{Script={name}}}" for name in _SCRIPTS))  # one cheap gate


def _source_script(segment: Segment) -> Iterator[Hit]:
    source = segment.source
    if not source or source.isascii() or _ANY_SCRIPT.search(source) is None or _identical(segment):
        return
    counts = {name: sum(map(len, pattern.findall(source))) for name, pattern in _SCRIPT_LETTERS.items()}
    script = max(counts, key=counts.__getitem__)
    if not counts[script] or base_lang(segment.tgt_lang) in _SCRIPTS[script]:
        return
    for match in _SCRIPT_LETTERS[script].finditer(segment.target):
        yield Hit(match.start(), match.end(), f"Untranslated {script} text “{match.group()}” from the source")


SOURCE_SCRIPT = BuiltinCheck(
    RuleInfo(
        id="untranslated.source-script",
        category="accuracy/untranslated",
        severity=Severity.MAJOR,
        summary="Letters of the source's script (Cyrillic, Greek, Arabic, …) left in the target",
        why="Words MT could not translate are copied in the source's script; a reader of the "
        "target cannot read them. (CJK sources are covered by untranslated.cjk.)",
        bad=(Example("The Кремль said on Monday", source="Кремль заявил в понедельник"),),
        good=(
            Example("The Kremlin said on Monday", source="Кремль заявил в понедельник"),
            Example("Prices rose by 5%", source="Цены выросли на 5%"),
        ),
        needs_source=True,
    ),
    _source_script,
    # Letters of those scripts, on both sides: a character outside ASCII in each.
    gate=Gate(target="[^\x00-\x7f]", source="[^\x00-\x7f]"),
)

CHECKS = (CJK_RESIDUE, IDENTICAL, SOURCE_SCRIPT)
