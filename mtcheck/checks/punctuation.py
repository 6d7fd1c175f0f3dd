"""Punctuation and spacing: the marks MT detokenisers and segment joins leave behind."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from mtcheck.checks.base import BuiltinCheck
from mtcheck.gates import Gate, literal
from mtcheck.lang.locale import Locale, locale_for
from mtcheck.lazyre import lazy
from mtcheck.model import Edit, Fix, Safety, Segment, Severity
from mtcheck.nearby import match_near
from mtcheck.protected import inside, protected_spans
from mtcheck.rule import Example, Hit, RuleInfo, Scope

PUNCTUATION = "fluency/punctuation"
#: Scripts that set punctuation the European way: a mark after the word, a space after it.
EUROPEAN = Scope(("Latn", "Cyrl", "Grek"))
#: Scripts whose texts take no space before . , ; : ! ? (Arabic and Hebrew use them too).
MARK_AFTER_WORD = Scope(("Latn", "Cyrl", "Grek", "Arab", "Hebr"))
#: Scripts written with spaces between words (not Chinese, Japanese or Thai).
SPACED = Scope(("Latn", "Cyrl", "Grek", "Arab", "Hebr", "Armn", "Geor", "Deva", "Kore", "Ethi"))
#: Scripts whose texts use no full-width punctuation (all but Chinese, Japanese and Korean).
NOT_CJK = Scope(("Latn", "Cyrl", "Grek", "Arab", "Hebr", "Armn", "Geor", "Deva", "Ethi", "Thai"))

# --- punct.space-before -------------------------------------------------------------

# A space before the mark; the mark ends the text or is followed by a space, a closing
# quote or bracket — or, for , ; : ? !, by a letter (the space went to the wrong side:
# "units ,ok"). A full stop glued to a letter may be ".NET" or ".com", so it needs a space.
_SPACE_BEFORE = lazy(r"(?<=\w)[ \t\u00a0]+(?:([,.;:?!])(?=\s|$|[\"”’)\]])|([,;:?!])(?=\p{L}))")
_SPACE_BEFORE_GATE = lazy(r"[ \t\u00a0][,.;:?!]")  # cheap necessary condition


def _space_before(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if _SPACE_BEFORE_GATE.search(text) is None:
        return
    spaced = locale_for(segment.tgt_lang).space_before  # French: ; : ! ? take a space
    protected: list[tuple[int, int]] | None = None
    for match in _SPACE_BEFORE.finditer(text):
        mark = match.group(1) or match.group(2)
        if mark in spaced:
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
        "joins do (“multi-dimensional , Publicize”). Languages that set some marks off with a "
        "space say so in their locale pack (French: ; : ! ?).",
        bad=(
            Example("exhibitions, multi-dimensional , publicize", fix="exhibitions, multi-dimensional, publicize"),
            Example("It varies from 40 to 400 .", fix="It varies from 40 to 400."),
            Example("It rose by 40 units ,ok", fix="It rose by 40 units, ok"),
            Example("Bonjour , monde", fix="Bonjour, monde", tgt_lang="fr"),
            Example("تم حفظ الملف .", fix="تم حفظ الملف.", tgt_lang="ar"),
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
            Example("Voulez-vous quitter ? Attention : danger !", tgt_lang="fr"),
        ),
        scope=MARK_AFTER_WORD,
        surface=True,
    ),
    _space_before,
    gate=Gate(_SPACE_BEFORE_GATE.pattern),
)

# --- punct.collision ------------------------------------------------------------------

_COLLISION = lazy(
    r"(?<!\.)\.[ \t]+,"  # ". ,"   a dropped segment between two marks (not an ellipsis's last dot)
    r"|[;:][ \t]*,"  # ";,"
    r"|,[ \t]*[;:]"  # ",;"
    r"|,[ \t]*\.(?![.\d])"  # ", ."  (not ", ..." nor ", .5")
    r"|,[ \t]*,"  # ",,"
    r"|;[ \t]*;"  # ";;"
    r"|(?<!\.)\.\.(?!\.)"  # ".." that is no ellipsis
)
_STRENGTH = {",": 0, ":": 1, ";": 2, ".": 3}


#: Further marks that belong to the same collision (",,," is one collision, not two).
_MORE_MARKS = lazy(r"(?:[ \t]*(?:[,;:]|\.(?!\.)))+")


def _collision(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    position = 0
    while (match := _COLLISION.search(text, position)) is not None:
        start, end = match.span()
        more = match_near(_MORE_MARKS, text, end)
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
        good=(
            Example("Wait... what?"),
            Example("He paused... , then went on."),
            Example("fees, taxes, etc., and more"),
            Example("It rose by .5 points."),
            Example("Compare %s..%s", source="Compare %s..%s"),
            Example("Pfad ../config", source="path ../config"),
        ),
        scope=MARK_AFTER_WORD,
        surface=True,
    ),
    _collision,
    gate=Gate("[.;:,][ \t]*[,;:.]"),  # every alternative of _COLLISION: two marks, blanks between
)

# --- punct.missing-space ----------------------------------------------------------------

_MISSING_SPACE = lazy(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|(?<=\p{Ll})[,;](?=\p{L})")
_DOMAIN = lazy(r"(?i)\.(?:com|org|net|edu|gov|io|co|uk|cn|de|fr|info|html?|php|txt|pdf|jpg|png)\b")


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
        if segment.source is not None and _separates(segment.source, mark):
            continue  # the source uses the mark as a separator too: a key word list "Maps;Karten;"
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


def _separates(source: str, mark: str) -> bool:
    """The source has the comma or semicolon ``mark`` with no space after it (``Maps;``,
    ``a,b``): a separator of a list, not punctuation. (A full stop never is.)"""
    if mark not in ",;":
        return False
    index = source.find(mark)
    while index != -1:
        if index + 1 == len(source) or not source[index + 1].isspace():
            return True
        index = source.find(mark, index + 1)
    return False


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
            Example("Änderung verwerfen [y,n,q,a,d]?", source="Discard change [y,n,q,a,d]?", tgt_lang="de"),
            Example("Acre,Acres,ac", source="acre,acres,ac", tgt_lang="de"),
            Example("Karten;Landkarte;", source="Maps;", tgt_lang="de"),
        ),
        scope=EUROPEAN,
        surface=True,
    ),
    _missing_space,
    gate=Gate("[a-z\u0080-\U0010ffff][.!?,;][A-Za-z\u0080-\U0010ffff]"),  # a lower-case letter, a mark, a letter
)

# --- punct.double-space -----------------------------------------------------------------

_DOUBLE_SPACE = lazy(r"(?<=[^\s.!?:]) {2,}(?=\S)")


def _double_space(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    if "  " not in text:
        return
    multiline = "\n" in text
    for match in _DOUBLE_SPACE.finditer(text):
        start, end = match.span()
        if (multiline and _aligned(text, start, end)) or _option_column(text, start):
            continue
        fix = Fix((Edit(start, end, " "),), Safety.SAFE, "Replace with one space")
        yield Hit(start, end, f"{end - start} spaces between words", fix)


#: The longest key a column of a help text lines its descriptions up after ("-s NUMBER").
_COLUMN_KEY = 25


def _aligned(text: str, start: int, end: int) -> bool:
    """Spaces that line up a column of a multi-line help text: after a short key at the start
    of a line, on an indented line or wider than a typing slip. Spaces in mid-sentence are
    a slip however wide ("della valutazione     dell'espressione")."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start]
    key = line.lstrip(" \t")
    indented = len(key) < len(line)
    return len(key) <= _COLUMN_KEY and (indented or end - start > 2)


#: The longest option synopsis a help line lines its description up after
#: ("-d, --discard[=<stratégie>]").
_OPTION_KEY = 50
#: An option at the start of a line (masked as protected text but for its dashes: "--_______");
#: not a bullet "- item".
_OPTION = lazy(r"--?\w")


def _option_column(text: str, start: int) -> bool:
    """The first run of spaces of a line that starts with a command-line option: the column
    its description is lined up in (util-linux: `` --disk-id <périph.> [<chaîne>]    afficher``)."""
    line_start = text.rfind("\n", 0, start) + 1
    key = text[line_start:start].lstrip(" \t")
    return _OPTION.match(key) is not None and len(key) <= _OPTION_KEY and "  " not in key


DOUBLE_SPACE = BuiltinCheck(
    RuleInfo(
        id="punct.double-space",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Two or more spaces between words",
        why="Runs of spaces inside a sentence are left by dropped words or careless joins; two "
        "spaces after a full stop are a typing convention and are not flagged.",
        bad=(
            Example("the national  security team", fix="the national security team"),
            Example(
                "Stato:\n    Restituisce 0 o 1 a seconda della valutazione     dell'espressione",
                fix="Stato:\n    Restituisce 0 o 1 a seconda della valutazione dell'espressione",
                tgt_lang="it",
            ),
            Example("概览文件保存在  %(outdir)s 目录中", fix="概览文件保存在 %(outdir)s 目录中", tgt_lang="zh"),
        ),
        good=(
            Example("End of sentence.  Next one."),
            Example("Leading  "),
            Example("one space only"),
            Example("status    Pfade mit Änderungen anzeigen", source="status    show paths with changes"),
            Example("Optionen:\n  -s Zahl     Die ersten Zeilen verwerfen", tgt_lang="de"),
            Example(" --disk-id <périph.> [<chaîne>]    afficher l’ID du disque\n", tgt_lang="fr"),
            Example("状态:\n  -s 数字     丢弃前几行", tgt_lang="zh"),
        ),
        surface=True,
    ),
    _double_space,
    gate=Gate("  "),
)

# --- punct.fullwidth --------------------------------------------------------------------

_FULLWIDTH = lazy(r"[\uff01-\uff5e\u3001\u3002\u300a-\u300f\u3010\u3011\u3008\u3009]")
_ASCII_FOR = {"\u3001": ",", "\u3002": ".", "\u3010": "[", "\u3011": "]"}
_SPACE_AFTER = set(",.;:?!")


def _ascii_equivalent(char: str) -> str | None:
    if "\uff01" <= char <= "\uff5e":
        return chr(ord(char) - 0xFEE0)
    return _ASCII_FOR.get(char)


def _fullwidth(segment: Segment) -> Iterator[Hit]:
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
        yield Hit(start, end, f"Full-width CJK punctuation “{char}” outside Chinese, Japanese or Korean text", fix)


FULLWIDTH = BuiltinCheck(
    RuleInfo(
        id="punct.fullwidth",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="Full-width CJK punctuation (，。：；？！、（）) in a target not in Chinese, Japanese or Korean",
        why="MT copies Chinese punctuation into English; the full-width forms look wrong and "
        "break tokenisation downstream.",
        bad=(
            Example("Hello，world", fix="Hello, world"),
            Example("It works（mostly）。", fix="It works(mostly)."),
            Example("Привет，мир", fix="Привет, мир", tgt_lang="ru"),
        ),
        good=(Example("He said “yes”."), Example("A normal (ASCII) sentence.")),
        scope=NOT_CJK,
        surface=True,
    ),
    _fullwidth,
    gate=Gate(_FULLWIDTH.pattern),
)

# --- punct.unbalanced -------------------------------------------------------------------

#: "1)", "b)", "iv)" opening an item of a list (after a space, a full stop or at the start).
_ENUMERATOR = lazy(r"(?<![\p{L}\p{N}(\[])(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
#: Guillemets used as arrows or separators: "« Previous", "Next »", "Bolt » Login".
_ARROW = lazy(r"^(?P<mark>[«‹])\s|\s(?P<mark>[»›])(?:\s|$)")
#: A mark standing for itself in brackets: "Missing minute symbol (′)", "(“)".
_SYMBOL = lazy(r"(?<=[(\[]\s?)[\"“”„‘’«»'](?=\s?[)\]])")


def _unmatched(text: str, pairs: tuple[tuple[str, str], ...]) -> list[int]:
    """Positions of marks without their partner. A mark that may both open and close (Swedish
    ” ”, German “ after „ but English “ before ”) closes the innermost open pair if it is
    that pair's closing mark, else opens one; a straight quote after "=" opens an attribute's
    value (Polish „Overwrite="true"”: the first " does not close „)."""
    openers: dict[str, set[str]] = {}
    closers: dict[str, set[str]] = {}
    for opening, closing in pairs:
        openers.setdefault(opening, set()).add(closing)
        closers.setdefault(closing, set()).add(opening)
    enumerators = {match.end() - 1 for match in _ENUMERATOR.finditer(text)} if ")" in text else set()
    stack: list[tuple[str, int]] = []
    unmatched: list[int] = []
    for position, char in enumerate(text):
        value = char == '"' and text[position - 1 : position] == "="  # an attribute's value opens: a="b"
        if char in closers and stack and stack[-1][0] in closers[char] and not (value and stack[-1][0] != char):
            stack.pop()
        elif char in openers:
            stack.append((char, position))
        elif char in closers and position not in enumerators:  # "1)" in a list has no opener by design
            unmatched.append(position)
    unmatched.extend(position for _, position in stack)
    return sorted(unmatched)


def _pairs_for(text: str, locale: Locale) -> tuple[tuple[str, str], ...]:
    """The locale's pairs, and those the text shows it uses: a closing quotation mark whose
    opening mark never occurs stands on both sides (”…” typed as in Swedish), and in
    right-to-left text quotation marks may be typed as they look (”…“), since unlike brackets
    they are not mirrored on screen."""
    pairs = locale.pairs
    extra = [(close, close) for open_, close in locale.quotes if close in text and open_ not in text and open_ != close]
    if locale.rtl:
        extra += [(close, open_) for open_, close in locale.quotes if open_ != close]
    return pairs + tuple(extra) if extra else pairs


#: Every mark of every language's pairs (the shipped locales' and the default's): a target with
#: none of them gives _unbalanced nothing to pair (tests/test_gates.py holds it to the locales).
PAIR_MARKS = '"()[]{}«»‘‚“”„‹›〈〉《》「」『』【】（）'
PAIR_MARKS_GATE = f"[{literal(PAIR_MARKS)}]"


def _unbalanced(segment: Segment) -> Iterator[Hit]:
    text = segment.target
    locale = locale_for(segment.tgt_lang)
    if locale.pair_marks.isdisjoint(text):
        return
    pairs = _pairs_for(text, locale)
    arrows = [match.start("mark") for match in _ARROW.finditer(text)]
    if len(arrows) > 1:
        arrows = []  # « x » in French: quotation marks, paired as such
    symbols = [match.start() for match in _SYMBOL.finditer(text)]
    if symbols:
        text = masked_at(text, symbols)
    unmatched = [position for position in _unmatched(text, pairs) if position not in arrows]
    excused = _source_unbalanced(segment)
    if excused:
        # The source's open kind of pair, open in the target too, is set aside and the rest
        # paired again: « { » (the source's `{') leaves no « open.
        kept = [position for position in unmatched if _kind(text[position], locale) in excused]
        if kept:
            text = masked_at(text, kept)
            unmatched = [position for position in _unmatched(text, pairs) if position not in arrows]
    wrong_pairs = _wrong_pairs(text, unmatched, pairs)
    if wrong_pairs:
        unmatched = [position for position in unmatched if position not in wrong_pairs]
    for position in unmatched:
        char = text[position]
        if position in wrong_pairs.values():
            opening = next(first for first, second in wrong_pairs.items() if second == position)
            yield Hit(position, position + 1, _wrong_pair_message(text[opening], char, pairs))
            continue
        if locale.rtl and _reversed(text, position, unmatched, pairs):
            message = f"Reversed “{char}”: right-to-left text stores brackets in reading order, “(” first"
        else:
            message = f"Unbalanced “{char}”: its partner is missing"
        yield Hit(position, position + 1, message)


def _kind(mark: str, locale: Locale) -> str:
    """ "quote" for a quotation mark of the language (and ``"``), else "bracket"."""
    return "quote" if mark == '"' or any(mark in pair for pair in locale.quotes) else "bracket"


def _source_unbalanced(segment: Segment) -> frozenset[str]:
    """The kinds of pair ("quote", "bracket") the source itself leaves open or closes without
    opening, read as the source's language pairs them: a quotation that runs over several
    segments (他说：“…), a bracket split off with its clause. The target that follows the
    source there is faithful, not broken; a pair of the other kind is still judged."""
    source = segment.source
    if not source:
        return frozenset()
    src_lang = segment.src_lang
    if src_lang is None:  # a caller's segment without languages: the text tells
        from mtcheck.lang.detect import from_text

        src_lang = from_text([source])
    locale = locale_for(src_lang)
    if locale.pair_marks.isdisjoint(source):
        return frozenset()
    return frozenset(_kind(source[position], locale) for position in _unmatched(source, _pairs_for(source, locale)))


def _wrong_pairs(text: str, unmatched: list[int], pairs: tuple[tuple[str, str], ...]) -> dict[int, int]:
    """Two unmatched marks that are one pair written wrong: an opening mark closed by a mark of
    another pair or width (``（…)``, ``„…”``), or repeated where its closing mark belongs
    (``“%s“``): opening position → closing position. One error, reported once."""
    closing_of: dict[str, str] = {}
    closers = {closing for _, closing in pairs}
    for opening, closing in pairs:
        closing_of.setdefault(opening, closing)
    found: dict[int, int] = {}
    for first, second in itertools.pairwise(unmatched):
        if first in found.values():
            continue
        opening, mark = text[first], text[second]
        if opening not in closing_of or (mark != opening and mark not in closers):
            continue
        if (opening, mark) in pairs:
            continue  # the right partner, crossing another pair: "(a [b) c]" is two errors
        if mark == opening:  # in closing position: after a non-space, before no letter or digit
            after = text[second + 1 : second + 2]
            if text[second - 1].isspace() or after.isalnum():
                continue
        found[first] = second
    return found


def _wrong_pair_message(opening: str, mark: str, pairs: tuple[tuple[str, str], ...]) -> str:
    expected = next(closing for first, closing in pairs if first == opening)
    if mark == opening:
        return f"“{opening}…{mark}”: the closing mark is written as an opening one (“{expected}”)"
    return f"“{opening}” is closed by “{mark}”: the pair is “{opening}…{expected}”"


def masked_at(text: str, positions: list[int]) -> str:
    """``text`` with the characters at ``positions`` replaced by a space (offsets unchanged)."""
    chars = list(text)
    for position in positions:
        chars[position] = " "
    return "".join(chars)


def _reversed(text: str, position: int, unmatched: list[int], pairs: tuple[tuple[str, str], ...]) -> bool:
    """A closing mark typed where its opening one belongs, and the opening one after it (as a
    right-to-left text looks on screen): ``)sin(``."""
    char = text[position]
    for opening, closing in pairs:
        if char == closing and any(p > position and text[p] == opening for p in unmatched):
            return True
        if char == opening and any(p < position and text[p] == closing for p in unmatched):
            return True
    return False


UNBALANCED = BuiltinCheck(
    RuleInfo(
        id="punct.unbalanced",
        category=PUNCTUATION,
        severity=Severity.MINOR,
        summary="A bracket or quotation mark without its partner",
        why="A lost bracket or quote usually means part of the segment was dropped or two "
        "segments were split in the wrong place. Quotation marks pair as the target language "
        "writes them (German „…“, French « … », Swedish ”…”, Japanese 「…」): its locale pack "
        "says which; a language without one is checked for brackets and straight quotes only. "
        "A source that breaks its pairs the same way (a quotation running over several segments, "
        "他说：“…) excuses the target: on the WMT22 news test that was two thirds of the flags on "
        "MT and on the references alike.",
        bad=(
            Example("party committees (party groups at all levels"),
            Example("the “five major security areas"),
            Example("die „fünf Bereiche", tgt_lang="de"),
            Example("「設定を開く", tgt_lang="ja"),
            Example('He said: "We know how hard the job is.', source="他说：“我们知道这项工作有多难。”"),
        ),
        good=(
            Example("party committees (party groups) at all levels"),
            Example("Steps: 1) plan, 2) act."),
            Example("(see Table 2)"),
            Example("Er sagte: „Das ist gut.“", tgt_lang="de"),
            Example("Il a dit « oui ».", tgt_lang="fr"),
            Example("Välj ”Spara” och ”Stäng”", tgt_lang="sv"),
            Example("Range [0, 1)", source="Range [0, 1)"),
            Example("« &Poprzednie", tgt_lang="pl"),
            Example("Bolt » Logowanie", tgt_lang="pl"),
            Example("Símbolo dos minutos em falta (“)", tgt_lang="pt"),
            Example("se termine par ”%s”, mais par ”%s”.", tgt_lang="fr"),
            Example("في الملف ”%s“.", tgt_lang="ar"),
            Example("インストールする。2) Visual Studio をインストールする。", tgt_lang="ja"),
            Example('He said: "We know how hard the job is.', source="他说：“我们知道这项工作有多难。"),
            Example("This is why we must change.”", source="这也是我们必须改变的原因。”"),
        ),
        scope=Scope(),
        surface=True,
        mirror_source=False,
    ),
    _unbalanced,
    gate=Gate(target=PAIR_MARKS_GATE),
)

CHECKS = (SPACE_BEFORE, COLLISION, MISSING_SPACE, DOUBLE_SPACE, FULLWIDTH, UNBALANCED)
