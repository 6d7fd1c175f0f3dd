"""Broken sentences and truncation: the marks a failed segmentation leaves in English.

Chinese segmenters split on 、 and ， and headline lines; when they fail, the English shows
a full stop in mid-phrase, a verbless fragment, a capitalised word mid-clause, or a
segment that stops on "that". See zh-en-domain.md §4.1 (T01, T04–T06, T08, T10).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import Gate
from mtcheck.lang.codes import base as base_lang
from mtcheck.lang.en import (
    ABBREVIATIONS,
    COMMON_VERBS,
    DANGLING_END_WORDS,
    QUOTE_RESTART_NOUNS,
    RESTART_WORDS,
    SENTENCE_WORDS,
)
from mtcheck.lang.locale import locale_for
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.nearby import match_near, token_before
from mtcheck.rule import Example, Hit, RuleInfo, Scope

GRAMMAR = "fluency/grammar"
OMISSION = "accuracy/omission"
#: Every check here reads English: its abbreviations, function words and capitals.
ENGLISH = Scope(("en",))

# --- trunc.lowercase-after-stop ----------------------------------------------------------

_STOP_THEN_LOWER = lazy(r"(?<!\.)\.([ \t]+)(?=[a-z]{2,}\b)")
_WORD = lazy(r"\w+")


def _lowercase_after_stop(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if ". " not in text and ".\t" not in text:
        return
    if _lowercased_output(text):
        return  # case.lowercase-output says it once
    for match in _STOP_THEN_LOWER.finditer(text):
        word = token_before(text, match.start()).lstrip("(“\"'‘").lower()
        if not word or len(word) == 1 or word in ABBREVIATIONS or "." in word or any(c.isdigit() for c in word):
            continue
        start = match.start()
        next_word = match_near(_WORD, text, match.end()).group()  # type: ignore[union-attr]
        end = match.end() + len(next_word)
        fix = Fix((Edit(start, match.end(), " "),), Safety.SUGGESTION, "Join the two halves of the sentence")
        yield Hit(start, end, f"Full stop before lower-case “{next_word}”: a sentence cut in two", fix)


LOWERCASE_AFTER_STOP = BuiltinCheck(
    RuleInfo(
        id="trunc.lowercase-after-stop",
        category=GRAMMAR,
        severity=Severity.MAJOR,
        summary="A full stop followed by a lower-case word (“security. team”)",
        why="The segmenter ended a sentence in mid-phrase; the English reads as two broken "
        "halves. Abbreviations (etc., e.g., U.S.), initials and numbers are exempt.",
        bad=(
            Example(
                "to create high-quality national security. team and build",
                fix="to create high-quality national security team and build",
            ),
            Example("Thank you. thank you all.", fix="Thank you thank you all."),
        ),
        good=(
            Example("fees, taxes, etc. to close the gap"),
            Example("Born in the U.S. he moved"),
            Example("See Fig. 3. and more"),
            Example("Wait... and then"),
        ),
        scope=ENGLISH,
    ),
    _lowercase_after_stop,
    gate=Gate("\\.[ \t]+[a-z][a-z]"),  # _STOP_THEN_LOWER without its look-arounds
)

# --- trunc.fragment -----------------------------------------------------------------------

_FRAGMENT = lazy(r"(?<=(\w+)\.[ \t]+)([A-Z][a-z]+(?:[ \t][a-z]+){1,2})\.(?=\s|$)")


def _fragment(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    for match in _FRAGMENT.finditer(text):
        before = match.group(1)
        if not before[-1:].islower() or before.lower() in ABBREVIATIONS:
            continue  # "Ask Dr. Brown today." has no sentence break before "Brown"
        words = match.group(2).lower().split()
        if any(word in SENTENCE_WORDS or word in COMMON_VERBS for word in words):
            continue
        if any(word.endswith(("ed", "ing", "es")) and len(word) > 4 for word in words[1:]):
            continue  # likely a verb: "Prices rose." reads fine, "Nobody listened." too
        start, end = match.span()
        yield Hit(start, end, f"“{match.group()}” is a verbless fragment: a sentence broken off its clause")


FRAGMENT = BuiltinCheck(
    RuleInfo(
        id="trunc.fragment",
        category=GRAMMAR,
        severity=Severity.MAJOR,
        summary="A two- or three-word sentence with no verb after a full sentence (“Strong atmosphere.”)",
        why="When a long Chinese sentence is cut in the wrong place its tail becomes a verbless "
        "sentence of its own (营造…的浓厚氛围 → “…national security. Strong atmosphere.”). "
        "Set formulas (“Thank you.”) and sentences with a pronoun, article or auxiliary are exempt.",
        bad=(Example("create an environment for maintaining national security. Strong atmosphere. We must act."),),
        good=(
            Example("Thank you. Thank you all."),
            Example("It failed. Make a copy."),
            Example("We tried. Nobody listened."),
            Example("Strong atmosphere. It was good."),
            Example("Costs fell. Prices rose."),
            Example("Ask Dr. Brown today."),
            Example("End of sentence.  Next one."),
        ),
        scope=ENGLISH,
    ),
    _fragment,
    gate=Gate("\\.[ \t]+[A-Z][a-z]+[ \t][a-z]"),  # _FRAGMENT's stop, capital and second word
)

# --- trunc.capitalized-word -------------------------------------------------------------

_CAPITAL_AFTER_COMMA = lazy(r",[ \t]+([A-Z][a-z]+)\b")
_CAPITAL_AFTER_QUOTE = lazy(r"(?<=[\p{Ll}\p{N}])[”\"][ \t]+([A-Z][a-z]+)\b")


def _capitalized_word(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    for pattern, lexicon, where in (
        (_CAPITAL_AFTER_COMMA, RESTART_WORDS, "after a comma"),
        (_CAPITAL_AFTER_QUOTE, QUOTE_RESTART_NOUNS, "after a closing quote"),
    ):
        for match in pattern.finditer(text):
            word = match.group(1)
            if word not in lexicon:
                continue
            start, end = match.span(1)
            lower = word[0].lower() + word[1:]
            fix = Fix((Edit(start, start + 1, lower[0]),), Safety.SUGGESTION, f"Lower-case “{lower}”")
            yield Hit(start, end, f"Capitalised “{word}” {where}: the sentence was restarted mid-clause", fix)


CAPITALIZED_WORD = BuiltinCheck(
    RuleInfo(
        id="trunc.capitalized-word",
        category=GRAMMAR,
        severity=Severity.MAJOR,
        summary="A capitalised common word mid-sentence, after a comma or a closing quote (“, Publicize”)",
        why="MT restarts a sentence where the segmenter split a clause chain, leaving a capital "
        "letter mid-sentence (“multi-dimensional , Publicize national security knowledge”, "
        "“the “five major security” Responsibility”). Only verbs, function words and abstract "
        "nouns that cannot be proper names are flagged.",
        bad=(
            Example(
                "theme exhibitions, multi-dimensional , Publicize national security knowledge",
                fix="theme exhibitions, multi-dimensional , publicize national security knowledge",
            ),
            Example(
                "maintaining the country’s “five major security” Responsibility, build",
                fix="maintaining the country’s “five major security” responsibility, build",
            ),
            Example("in its orbit, for example, In orbit", fix="in its orbit, for example, in orbit"),
        ),
        good=(
            Example("However, Einstein did not realize it."),
            Example("He said “no.” Responsibility matters."),
            Example("in Long Beach, California."),
        ),
        scope=ENGLISH,
    ),
    _capitalized_word,
    gate=Gate('[,"”][ \t]+[A-Z][a-z]'),  # a comma or closing quote, then a capitalised word
)

# --- trunc.dangling-end and trunc.unterminated --------------------------------------------

_LAST_WORD = lazy(r"(\w+)\W*$")
# A closing quote or bracket may follow the mark, even after a stray space ("Bang. \"").
_CLOSERS = r"(?:\s*[\"”’')\]）」』“‘»«›‹])*"  # and the closing quotes of German („…“), French, Swedish
_TERMINAL = lazy(r"[.!?…。！？:;：；]" + _CLOSERS + r"\s*$")
_SOURCE_ENDS_SENTENCE = lazy(r"[.!?…。！？]" + _CLOSERS + r"\s*$")


def _dangling_word(text: str) -> regex.Match[str] | None:
    if _TERMINAL.search(text):
        return None
    match = _LAST_WORD.search(text)
    if match and match.group(1) in DANGLING_END_WORDS:  # lower case only: "Plan A" ends fine
        return match
    return None


#: The gate of trunc.dangling-end: the last word ends in a lower-case ASCII letter (as every one
#: of DANGLING_END_WORDS does) and the text does not end on a mark and closers (_TERMINAL):
#: either only closers and blanks follow the word, or the last other character is no mark.
_AFTER_MARK = "[\"”’')\\]）」』“‘»«›‹ \t\n\r\f\v\u00a0]"
_NO_MARK = f"[^A-Za-z0-9_.!?…。！？:;：；{_AFTER_MARK[1:-1]}]"
_DANGLING_GATE = Gate(f"[a-z](?:{_AFTER_MARK}*|[^A-Za-z0-9_]*{_NO_MARK}{_AFTER_MARK}*)\\Z")


def _dangling_end(segment: Segment) -> Iterator[Hit]:
    match = _dangling_word(segment.target)
    if match is None:
        return
    source = segment.source
    if source is not None and not _SOURCE_ENDS_SENTENCE.search(source):
        return  # the source stops mid-sentence too: the split is the source's
    start, end = match.span(1)
    yield Hit(start, end, f"The segment stops on “{match.group(1)}” with no punctuation: the rest is missing")


DANGLING_END = BuiltinCheck(
    RuleInfo(
        id="trunc.dangling-end",
        category=OMISSION,
        severity=Severity.MAJOR,
        summary="The segment ends on a function word without punctuation (“he emphasized that”)",
        why="A Chinese headline often has a kicker line (许勤…时强调) above the main line; when "
        "the main line is lost the English stops on “that”. A sentence cannot end on a "
        "conjunction, article or preposition.",
        bad=(Example("When Xu Qin visited the exhibition, he emphasized that"),),
        good=(
            Example("He emphasized that."),
            Example("What are you looking at?"),
            Example("he stressed that", source="他强调，"),
            Example("We chose Plan A"),
        ),
        scope=ENGLISH,
    ),
    _dangling_end,
    gate=_DANGLING_GATE,
)


#: Inline codes a segment may end on: the sentence ends before them ("Done.</mrk>").
_HAN = lazy(r"\p{Han}")  # a Chinese source is not counted in words
_TRAILING_CODES = lazy(r"(?:\s*</?[A-Za-z][^<>]*>)+\s*$")
_SOURCE_ENDS = lazy(r"[.!?…。！？؟।]" + _CLOSERS + r"\s*$")


#: Sentence ends of scripts whatever the language (a language without a pack still writes them):
#: Arabic-script ؟ and Urdu ۔, Devanagari danda । and ॥, Greek question mark ;, Ethiopic ።,
#: Armenian ։, Myanmar ။.
_SCRIPT_STOPS = "؟۔।॥\u037e።։။"


@functools.lru_cache(maxsize=64)
def _terminal(sentence_end: str) -> regex.Pattern[str]:
    """A text ending on a sentence mark: the common ones and the language's own (Arabic ؟)."""
    # A comma ends a target that goes on in the next segment: it stops on a mark all the same.
    marks = "[.!?…。！？:;：；,，、" + _SCRIPT_STOPS + regex.escape(sentence_end) + "]"
    return regex.compile(marks + _CLOSERS + r"\s*$")


def _final_mark(source_end: str, sentence_end: str) -> str:
    """The mark the target should end on: a question or exclamation as the source's, in the
    target's own form where it has one (Arabic ؟, Greek ;); else a full stop, the language's
    own where it has one (Hindi ।, Japanese and Chinese 。)."""
    own = set(sentence_end)
    if source_end in "?？؟":
        return next((mark for mark in "؟？" if mark in own), ";" if ";" in own and "?" not in own else "?")
    if source_end in "!！":
        return "！" if "！" in own else "!"
    return next((mark for mark in "।。" if mark in own), ".")


#: An accelerator key written after a label, as CJK and some other teams do: "Pliki... (&u)".
_TRAILING_ACCELERATOR = lazy(r"\s*\((?:&|_|~)\w\)\s*$")
#: The source's final word before its full stop: an abbreviation's stop ends no sentence
#: ("(street, aerial, etc.)", "Keyboard Mode (alt.)").
_LAST_SOURCE_WORD = lazy(r"([\w.]+)\.[\"”’')\]]*\s*$")
_ABBREVIATIONS = ABBREVIATIONS | {"alt", "ver"}


def _expects_mark(segment: Segment) -> tuple[str, regex.Match[str]] | None:
    """The target (without trailing codes and accelerators) and the source's final mark, when
    the source ends a sentence and the target should too; else None."""
    source = segment.source
    if source is None:
        return None
    text = segment.target
    target = _TRAILING_CODES.sub("", text).rstrip() if ">" in text else text.rstrip()
    if target.endswith(")"):
        target = _TRAILING_ACCELERATOR.sub("", target)
    source = _TRAILING_CODES.sub("", source) if ">" in source else source
    ends = _SOURCE_ENDS.search(source)
    if not target or ends is None:
        return None
    if len(target.split()) <= 2 and len(source.split()) <= 4 and not _HAN.search(source):
        return None  # a greeting or a label ("Thank you." → "Vielen Dank"): its stop is a matter of style
    if ends.group()[0] == ".":
        last = _LAST_SOURCE_WORD.search(source)
        if last is not None and last.group(1).lower() in _ABBREVIATIONS:
            return None
    return target, ends


#: Marks every language's terminal pattern (``_terminal``) accepts: a target ending on one is
#: terminated whatever its source, and most targets do, so they are decided at once.
_ENDS_ANY_LANGUAGE = ".!?…。！？:;：；,，、"


def _unterminated(segment: Segment) -> Iterator[Hit]:
    stripped = segment.target.rstrip()
    if stripped and stripped[-1] in _ENDS_ANY_LANGUAGE:
        return
    expected = _expects_mark(segment)
    if expected is None:
        return
    target, ends = expected
    locale = locale_for(segment.tgt_lang)
    sentence_end = locale.sentence_end
    if _terminal(sentence_end).search(target):
        return
    if base_lang(segment.tgt_lang) == "en" and _dangling_word(target) is not None:
        return  # reported as a dangling end
    last = _LAST_WORD.search(target)
    start = last.start(1) if last else len(target) - 1
    end = len(target)
    mark = _final_mark(ends.group()[0], sentence_end)
    title = "Add a full stop" if mark == "." else f"Add “{mark}”"
    if mark in locale.space_before:
        mark = "\u202f" + mark  # French: a narrow no-break space before ? and !
    fix = Fix((Edit(end, end, mark),), Safety.SUGGESTION, title)
    yield Hit(start, end, "The source ends a sentence but the target stops without punctuation", fix)


#: A file's style: with this many sentences or more, and this share of them without a final mark
#: in the target, the team leaves marks off (the development corpus: such files leave off
#: 26–94% of them; others 0–18%, most under 5%).
STYLE_SENTENCES = 10
STYLE_SHARE = 0.25


@dataclass
class Unterminated:
    """trunc.unterminated, judged against the file's style: the engine's ``start_file`` reads the whole file
    first, and a file whose team leaves final marks off gets no findings."""

    info: RuleInfo
    literals: None = None
    #: The current file leaves final marks off by its own style.
    unmarked_style: bool = False
    _sentences: int = 0
    _unmarked: int = 0

    def fresh(self) -> Unterminated:
        return Unterminated(self.info)

    def for_examples(self) -> BuiltinCheck:
        """The rule on one segment, as its examples (and unit tests) run it."""
        return BuiltinCheck(self.info, _unterminated)

    # Engine.Checker.start_file reads the file once for every rule that reads it first.
    def begin_file(self) -> None:
        self._sentences = self._unmarked = 0

    def observe_file(self, segment: Segment) -> None:
        if not self.info.scope.admits(segment.src_lang, segment.tgt_lang) or _expects_mark(segment) is None:
            return
        self._sentences += 1
        self._unmarked += next(_unterminated(segment), None) is not None

    def end_file(self) -> None:
        sentences, unmarked = self._sentences, self._unmarked
        self.unmarked_style = sentences >= STYLE_SENTENCES and unmarked >= STYLE_SHARE * sentences

    def hits(self, segment: Segment) -> Iterator[Hit]:
        return iter(()) if self.unmarked_style else _unterminated(segment)


UNTERMINATED = Unterminated(
    RuleInfo(
        id="trunc.unterminated",
        category=OMISSION,
        severity=Severity.MINOR,
        summary="The source ends a sentence, the target has no terminal punctuation",
        why="A target that stops without the full stop its source has was often cut short "
        "(OpusFilter's terminal-punctuation filter uses the same signal); in a catalogue, the "
        "final mark of a message was dropped. The one trunc rule that is not English: it reads "
        "the target language's sentence ends from its locale pack (Arabic ؟), and looks before "
        "trailing inline codes. Not for Chinese, Japanese and Korean, whose interface strings "
        "often end without a mark by design. Judged against the file: where a quarter of a "
        "file's sentences or more end without a mark, that is the team's style and nothing is "
        "reported; an abbreviation's stop (“etc.)”) ends no sentence.",
        bad=(
            Example("He visited the base", source="他参观了基地。", fix="He visited the base."),
            Example("Die Datei wurde gespeichert", source="The file was saved.", fix="Die Datei wurde gespeichert."),
            Example(
                "Voulez-vous quitter", source="Do you want to quit?", fix="Voulez-vous quitter\u202f?", tgt_lang="fr"
            ),
            Example("هل تريد الحفظ", source="Do you want to save?", fix="هل تريد الحفظ؟", tgt_lang="ar"),
        ),
        good=(
            Example("He visited the base.", source="他参观了基地。"),
            Example("He visited the base", source="他参观了基地"),
            Example("He visited the base"),
            Example('The biggest of which is the " Big Bang. "', source="就是“宇宙大爆炸”了。"),
            Example("هل تريد الحفظ؟", source="Do you want to save?", tgt_lang="ar"),
            Example('<mrk mid="1">概要です。</mrk>', source='<mrk mid="1">Overview.</mrk>', tgt_lang="de"),
            Example("文件已保存", source="The file was saved.", tgt_lang="zh"),
            Example(
                "wie: „Oh, wer würde an einen Urknall glauben?“",
                source='like, "Oh, who would believe it?"',
                tgt_lang="de",
            ),
            Example("Und das ist eine Nachahmerin,", source="And this is the mimic.", tgt_lang="de"),
            Example("Vielen Dank", source="Thank you.", tgt_lang="de"),
            Example("Pliki źródłowe... (&u)", source="So&urce Files...", tgt_lang="pl"),
            Example(
                "O tipo de mapa (ruas, satélite etc)", source="The type of map (street, aerial, etc.)", tgt_lang="pt"
            ),
        ),
        needs_source=True,
        scope=Scope(("Latn", "Cyrl", "Grek", "Arab", "Hebr", "Deva")),
    )
)

# --- trunc.header-residue ---------------------------------------------------------------

_HEADER = lazy(
    r"^\s*(?:date|time|published|posted|updated|source|title|author|editor|url|日期|时间|来源)"
    r"\s*[:：]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\b",
    regex.IGNORECASE,
)


def _header_residue(segment: Segment) -> Iterator[Hit]:
    match = _HEADER.match(segment.target)
    if match is None:
        return
    start = len(match.group()) - len(match.group().lstrip())
    rest = segment.target[match.end() :]
    end = match.end() + len(rest) - len(rest.lstrip())  # the spaces after it go too
    fix = Fix((Edit(start, end, ""),), Safety.SUGGESTION, "Delete the metadata")
    yield Hit(start, end, f"Scraper metadata “{match.group().strip()}” left at the start of the text", fix)


HEADER_RESIDUE = BuiltinCheck(
    RuleInfo(
        id="trunc.header-residue",
        category="accuracy/addition",
        severity=Severity.MAJOR,
        summary="Scraper metadata at the start of a segment (“date 2023-04-16”)",
        why="Text scraped from a web page keeps fields (date, source, author) that are not part "
        "of the article and should not be translated or published.",
        bad=(Example(" date 2023-04-16 When Xu Qin visited", fix=" When Xu Qin visited"),),
        good=(Example("On 2023-04-16 Xu Qin visited"), Example("The date 2023-04-16 was chosen.")),
        scope=ENGLISH,
    ),
    _header_residue,
    gate=Gate(r"\d\d\d\d"),  # _HEADER's year
)

# --- case.lowercase-output ---------------------------------------------------------------

_UPPER = lazy(r"\p{Lu}")
_FIRST_WORD = lazy(r"\w+")


_ENDS_SENTENCE = lazy(r"[.!?][\"”’')]*\s*$")


def _lowercased_output(text: str) -> bool:
    """Three or more sentences, from a lower-case start to a full stop, with no capital
    anywhere: the output was lower-cased (by a system or a pipeline step), not cut in pieces."""
    return (
        text[:1].islower()
        and _UPPER.search(text) is None
        and _ENDS_SENTENCE.search(text) is not None
        and len(_STOP_THEN_LOWER.findall(text)) >= 2  # one break may be a cut; three sentences are not
    )


def _lowercase_output(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if ". " not in text and ".\t" not in text:
        return
    if not _lowercased_output(text):
        return
    first = _FIRST_WORD.search(text)
    if first is None:
        return
    yield Hit(
        first.start(),
        first.end(),
        "The whole segment is in lower case, sentence starts and names too: the output was "
        "lower-cased (not cut into pieces); restore the capitals",
    )


LOWERCASE_OUTPUT = BuiltinCheck(
    RuleInfo(
        id="case.lowercase-output",
        category="fluency/spelling",
        severity=Severity.MINOR,
        summary="Three or more sentences with no capital letter at all: the output was lower-cased",
        why="Some systems and pipelines lower-case their output. Each sentence start then looks "
        "like a sentence cut in two (trunc.lowercase-after-stop), which misleads the post-editor "
        "and buries the one real fault under many findings: this check says it once, instead.",
        bad=(Example("the talks resumed on monday. both sides said progress was made. talks go on."),),
        good=(
            Example("The talks resumed on Monday. Both sides said progress was made."),
            Example("and then we went home."),
            Example("to create high-quality national security. team and build"),
            Example("security. team and build a strong work system."),
        ),
        # Any cased script: three sentences without a capital are lower-cased output in German too.
        scope=Scope(("Latn", "Cyrl", "Grek")),
    ),
    _lowercase_output,
    gate=Gate("\\.[ \t]+[a-z][a-z]"),  # two of _STOP_THEN_LOWER, so one at least
)

CHECKS = (
    LOWERCASE_AFTER_STOP,
    FRAGMENT,
    CAPITALIZED_WORD,
    DANGLING_END,
    UNTERMINATED,
    HEADER_RESIDUE,
    LOWERCASE_OUTPUT,
)
