"""Punctuation and spacing: the marks MT detokenisers and segment joins leave behind."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.lang.script import base_lang, is_latin_target
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.protected import inside, protected_spans
from mtcheck.rule import Example, Hit, RuleInfo

PUNCTUATION = "fluency/punctuation"

# --- punct.space-before -------------------------------------------------------------

# A space before the mark; the mark ends the text or is followed by a space, a closing
# quote or bracket — or, for , ; : ? !, by a letter (the space went to the wrong side:
# "units ,ok"). A full stop glued to a letter may be ".NET" or ".com", so it needs a space.
_SPACE_BEFORE = regex.compile(r"(?<=\w)[ \t\u00a0]+(?:([,.;:?!])(?=\s|$|[\"”’)\]])|([,;:?!])(?=\p{L}))")
_SPACE_BEFORE_GATE = regex.compile(r"[ \t\u00a0][,.;:?!]")  # cheap necessary condition
#: French sets ; : ? ! off with a (thin) space; only , and . are wrong there.
_SPACED_MARKS = {"fr": ",."}


def _space_before(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if _SPACE_BEFORE_GATE.search(text) is None:
        return
    allowed_marks = _SPACED_MARKS.get(base_lang(segment.tgt_lang) or "")
    protected: list[tuple[int, int]] | None = None
    for match in _SPACE_BEFORE.finditer(text):
        mark = match.group(1) or match.group(2)
        if allowed_marks is not None and mark not in allowed_marks:
            continue
        start, end = match.span()
        if protected is None:
            protected = protected_spans(text)
        if inside(protected, end - 1):
            continue  # ":wq", "10 : 30", "C :", ":)" — a command, a time, a drive, a face
        if match.group(2):  # "units ,ok": the space moves after the mark
            fix = Fix((Edit(start, end, mark + " "),), Safety.SAFE, f"Move the space after “{mark}”")
        else:
            fix = Fix((Edit(start, end, mark),), Safety.SAFE, f"Remove the space before “{mark}”")
        yield Hit(start, end, f"Space before “{mark}”", fix)


SPACE_BEFORE = BuiltinCheck(
    RuleInfo(
        id="punct.space-before",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Space before a comma, full stop, semicolon, colon, question or exclamation mark",
        why="English never puts a space before these marks; MT detokenisation and segment "
        "joins do (“multi-dimensional , Publicize”).",
        bad=(
            Example("exhibitions, multi-dimensional , publicize", fix="exhibitions, multi-dimensional, publicize"),
            Example("It varies from 40 to 400 .", fix="It varies from 40 to 400."),
            Example("It rose by 40 units ,ok", fix="It rose by 40 units, ok"),
        ),
        good=(
            Example("Wait ... what?"),
            Example("It costs $ .50 now."),
            Example("Version .NET 8"),
            Example("Type :wq to save and quit."),
            Example("The meeting starts at 10 : 30 tomorrow."),
            Example("Copy the files to C : before you start."),
            Example("Thanks :) see you"),
            Example("They won 3 : 1 at home."),
        ),
    ),
    _space_before,
)

# --- punct.collision ------------------------------------------------------------------

_COLLISION = regex.compile(
    r"\.[ \t]+,"  # ". ,"   a dropped segment between two marks
    r"|[;:][ \t]*,"  # ";,"
    r"|,[ \t]*[;:]"  # ",;"
    r"|,[ \t]*\.(?![.\d])"  # ", ."  (not ", ..." nor ", .5")
    r"|,[ \t]*,"  # ",,"
    r"|;[ \t]*;"  # ";;"
    r"|(?<!\.)\.\.(?!\.)"  # ".." that is no ellipsis
)
_STRENGTH = {",": 0, ":": 1, ";": 2, ".": 3}


#: Further marks that belong to the same collision (",,," is one collision, not two).
_MORE_MARKS = regex.compile(r"(?:[ \t]*(?:[,;:]|\.(?!\.)))+")


def _collision(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    position = 0
    while (match := _COLLISION.search(text, position)) is not None:
        start, end = match.span()
        more = _MORE_MARKS.match(text, end)
        if more is not None:
            end = more.end()
        position = end
        shown = text[start:end]
        marks = [char for char in shown if char in _STRENGTH]
        following = text[end:].lstrip()[:1]
        # The sentence goes on in lower case: keep the weaker mark; otherwise the stronger.
        continues = following.islower() or following.isdigit()
        keep = min(marks, key=_STRENGTH.__getitem__) if continues else max(marks, key=_STRENGTH.__getitem__)
        fix = Fix((Edit(start, end, keep),), Safety.SAFE, f"Replace “{shown}” with “{keep}”")
        yield Hit(start, end, f"Colliding punctuation “{shown}”: a join artifact or a dropped segment", fix)


COLLISION = BuiltinCheck(
    RuleInfo(
        id="punct.collision",
        category=PUNCTUATION,
        severity=Severity.MAJOR,
        summary="Two punctuation marks collide (“. ,”, “,,”, “..” that is no ellipsis)",
        why="Colliding marks mean two segments were joined badly or something between them "
        "was dropped (“strengthen responsibility. , resolutely implement”).",
        bad=(
            Example(
                "and strengthen responsibility. , resolutely implement",
                fix="and strengthen responsibility, resolutely implement",
            ),
            Example("This is how clever it is.. It is called", fix="This is how clever it is. It is called"),
            Example("apples,, pears", fix="apples, pears"),
            Example("apples,,, pears", fix="apples, pears"),
        ),
        good=(Example("Wait... what?"), Example("fees, taxes, etc., and more"), Example("It rose by .5 points.")),
    ),
    _collision,
)

# --- punct.missing-space ----------------------------------------------------------------

_MISSING_SPACE = regex.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|(?<=\p{Ll})[,;](?=\p{L})")
_DOMAIN = regex.compile(r"(?i)\.(?:com|org|net|edu|gov|io|co|uk|cn|de|fr|info|html?|php|txt|pdf|jpg|png)\b")


def _missing_space(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    protected: list[tuple[int, int]] | None = None
    run = (0, 0)
    for match in _MISSING_SPACE.finditer(text):
        position = match.start()
        if not run[0] <= position < run[1]:
            run = _run_at(text, position)
        token = text[run[0] : run[1]]
        if "://" in token or "@" in token or token.lower().startswith("www.") or _DOMAIN.search(token):
            continue
        if protected is None:
            protected = protected_spans(text)
        if inside(protected, position):
            continue  # a path, a placeholder, an inline code
        mark = match.group()
        fix = Fix((Edit(position + 1, position + 1, " "),), Safety.SAFE, f"Insert a space after “{mark}”")
        yield Hit(position, position + 2, f"No space after “{mark}”", fix)


def _run_at(text: str, position: int) -> tuple[int, int]:
    """The run of non-space characters around ``position``, found locally (and reused for
    the hits inside it) so that a long segment with many hits stays linear."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


MISSING_SPACE = BuiltinCheck(
    RuleInfo(
        id="punct.missing-space",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="No space after a sentence mark or comma",
        why="Joined segments lose the space between them (“of a second.In the process”).",
        bad=(
            Example("in a fraction of a second.In the process,", fix="in a fraction of a second. In the process,"),
            Example("apples,pears", fix="apples, pears"),
        ),
        good=(
            Example("Visit www.Example.com today."),
            Example("It costs 3,500 yuan."),
            Example("Write to a.b@Mail.org."),
        ),
    ),
    _missing_space,
)

# --- punct.double-space -----------------------------------------------------------------

_DOUBLE_SPACE = regex.compile(r"(?<=[^\s.!?:]) {2,}(?=\S)")


def _double_space(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if "  " not in text:
        return
    for match in _DOUBLE_SPACE.finditer(text):
        start, end = match.span()
        fix = Fix((Edit(start, end, " "),), Safety.SAFE, "Replace with one space")
        yield Hit(start, end, f"{end - start} spaces between words", fix)


DOUBLE_SPACE = BuiltinCheck(
    RuleInfo(
        id="punct.double-space",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Two or more spaces between words",
        why="Runs of spaces inside a sentence are left by dropped words or careless joins; two "
        "spaces after a full stop are a typing convention and are not flagged.",
        bad=(Example("the national  security team", fix="the national security team"),),
        good=(Example("End of sentence.  Next one."), Example("Leading  "), Example("one space only")),
    ),
    _double_space,
)

# --- punct.fullwidth --------------------------------------------------------------------

_FULLWIDTH = regex.compile(r"[\uff01-\uff5e\u3001\u3002\u300a-\u300f\u3010\u3011\u3008\u3009]")
_ASCII_FOR = {"\u3001": ",", "\u3002": ".", "\u3010": "[", "\u3011": "]"}
_SPACE_AFTER = set(",.;:?!")


def _ascii_equivalent(char: str) -> str | None:
    if "\uff01" <= char <= "\uff5e":
        return chr(ord(char) - 0xFEE0)
    return _ASCII_FOR.get(char)


def _fullwidth(segment: Segment) -> Iterator[Hit]:
    if not is_latin_target(segment.tgt_lang):
        return
    text = segment.target
    for match in _FULLWIDTH.finditer(text):
        start, end = match.span()
        char = match.group()
        ascii_char = _ascii_equivalent(char)
        fix = None
        if ascii_char is not None:
            replacement = ascii_char
            following = text[end : end + 1]
            if ascii_char in _SPACE_AFTER and following and not following.isspace() and following not in '"”’)]':
                replacement += " "
            fix = Fix((Edit(start, end, replacement),), Safety.SAFE, f"Replace with “{replacement.strip()}”")
        yield Hit(start, end, f"Full-width CJK punctuation “{char}” in a Latin-script target", fix)


FULLWIDTH = BuiltinCheck(
    RuleInfo(
        id="punct.fullwidth",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Full-width CJK punctuation (，。：；？！、（）) in a Latin-script target",
        why="MT copies Chinese punctuation into English; the full-width forms look wrong and "
        "break tokenisation downstream.",
        bad=(
            Example("Hello，world", fix="Hello, world"),
            Example("It works（mostly）。", fix="It works(mostly)."),
        ),
        good=(Example("He said “yes”."), Example("A normal (ASCII) sentence.")),
    ),
    _fullwidth,
)

# --- punct.unbalanced -------------------------------------------------------------------

_OPENERS = {"(": ")", "[": "]", "{": "}", "“": "”", "《": "》", "（": "）"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
_ENUMERATOR = regex.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
_PAIR_CHARS = set(_OPENERS) | set(_CLOSERS) | {'"'}
_QUOTES = frozenset('“”"')
#: The source's pairs, by kind: Chinese corner brackets and title marks pair like quotes.
_SOURCE_PAIRS = {
    "quote": (("“", "”"), ("「", "」"), ("『", "』")),
    "bracket": (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("《", "》"), ("〈", "〉")),
}


def _source_unbalanced(source: str | None) -> frozenset[str]:
    """The kinds of pair ("quote", "bracket") the source itself leaves open or closes without
    opening: a quotation that runs over several segments, a bracket split off with its clause.
    The target that follows the source there is faithful, not broken."""
    if not source:
        return frozenset()
    kinds = {
        kind
        for kind, pairs in _SOURCE_PAIRS.items()
        if any(source.count(opening) != source.count(closing) for opening, closing in pairs)
    }
    if source.count('"') % 2:
        kinds.add("quote")
    return frozenset(kinds)


def _unbalanced(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if not _PAIR_CHARS.intersection(text):
        return
    enumerators = {match.end() - 1 for match in _ENUMERATOR.finditer(text)}
    stack: list[tuple[str, int]] = []
    unmatched: list[int] = []
    for position, char in enumerate(text):
        if char in _OPENERS:
            stack.append((char, position))
        elif char in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            elif position not in enumerators:  # "1)" in a list has no opener by design
                unmatched.append(position)
    unmatched.extend(position for _, position in stack)
    straight = [position for position, char in enumerate(text) if char == '"']
    if len(straight) % 2:
        unmatched.append(straight[-1])
    excused = _source_unbalanced(segment.source)
    for position in sorted(unmatched):
        char = text[position]
        if ("quote" if char in _QUOTES else "bracket") in excused:
            continue
        yield Hit(position, position + 1, f"Unbalanced “{char}”: its partner is missing")


UNBALANCED = BuiltinCheck(
    RuleInfo(
        id="punct.unbalanced",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="A bracket or quotation mark without its partner",
        why="A lost bracket or quote usually means part of the segment was dropped or two "
        "segments were split in the wrong place. A source that leaves the same kind of pair "
        "open (a quotation running over several segments, 他说：“…) excuses the target: on the "
        "WMT22 news test that was two thirds of the flags on MT and on the references alike.",
        bad=(
            Example("party committees (party groups at all levels"),
            Example("the “five major security areas"),
            Example('He said: "We know how hard the job is.', source="他说：“我们知道这项工作有多难。”"),
        ),
        good=(
            Example("party committees (party groups) at all levels"),
            Example("Steps: 1) plan, 2) act."),
            Example("(see Table 2)"),
            Example('He said: "We know how hard the job is.', source="他说：“我们知道这项工作有多难。"),
            Example("This is why we must change.”", source="这也是我们必须改变的原因。”"),
        ),
    ),
    _unbalanced,
)

CHECKS = (SPACE_BEFORE, COLLISION, MISSING_SPACE, DOUBLE_SPACE, FULLWIDTH, UNBALANCED)
