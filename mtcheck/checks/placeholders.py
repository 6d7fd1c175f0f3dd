"""Placeholders and tags: what software substitutes or renders must survive translation.

The dialect comes from the unit's format flags or, without flags, from what the text shows
(``mtcheck.placeholders``); tokens are compared by what they mean, not how they are written:
printf's ``%s … %d`` and ``%2$d … %1$s`` read the same arguments, ``{{ limit }}`` is
``{{limit}}``, a Qt ``%1`` may be used twice, a URL may be replaced by a localized one.
A missing one breaks the program or the page (major); an extra one is usually noise (minor).
A start tag and its end tag (``<g id="1">…</g>``, ``<b>…</b>``) lost or added together are
one element: one finding, on its start tag. XLIFF annotation markers are no placeholders:
``<mrk>`` (a term, a comment, a protected span, Trados's ``x-sdl-location``) and 2.0's empty
``<sm/>``/``<em/>`` mark up the text for the translator and stand for nothing in the original.

A gettext plural form is compared as msgfmt compares it: with ``msgid_plural``, and a form that
stands for a few counts only (German ``msgstr[0]``, n = 1) may leave the number out ("Eine
Datei"), while one that also stands for 21, 31… (Russian ``msgstr[0]``) may not. A
placeholder of either msgid is never extra.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mtcheck.checks.base import BuiltinCheck
from mtcheck.checks.special import source_is_key
from mtcheck.gates import Gate, literal
from mtcheck.lang.plural_forms import rare_forms
from mtcheck.model import Meta, Segment, Severity, Side
from mtcheck.placeholders import (
    DIALECTS,
    MARKUP,
    REPEATABLE,
    Argument,
    Scan,
    Token,
    closed_tags,
    dialects_for,
    markup,
    scan,
)
from mtcheck.rule import Example, Hit, RuleInfo

_C_FORMAT = Meta(flags=frozenset({"c-format"}))
_TYPE_NAMES = {"int": "an integer", "uint": "an unsigned integer", "double": "a floating-point number"}
_TYPE_NAMES |= {"string": "a string", "char": "a character", "pointer": "a pointer", "object": "an object"}
_TYPE_NAMES |= {"any": "any value", "float": "a floating-point number"}


@dataclass(frozen=True, slots=True)
class _Comparison:
    missing: tuple[Token, ...]  # source tokens (positions in segment.source; -1: not in it)
    extra: tuple[tuple[Token, str], ...]  # target tokens with their message
    order: tuple[Token, str] | None  # the first target token of a reordering, and the message
    target: Scan
    source: Scan


def _difference(wanted: list[Token], have: list[Token]) -> list[Token]:
    """Tokens of ``wanted`` that ``have`` lacks: repeatable families as sets (each key
    reported once), the rest counted; a token matches its exact text before its key."""
    counts = Counter(token.key for token in have)
    texts = Counter((token.key, token.text) for token in have)
    unmatched: list[Token] = []
    for token in wanted:  # exact text first, so "missing" names the URL that really is gone
        if token.key[0] not in REPEATABLE and texts[(token.key, token.text)] > 0:  # type: ignore[index]
            texts[(token.key, token.text)] -= 1
            counts[token.key] -= 1
        else:
            unmatched.append(token)
    out: list[Token] = []
    reported: set[object] = set()
    for token in unmatched:
        if token.key[0] in REPEATABLE:  # type: ignore[index]
            if counts[token.key] <= 0 and token.key not in reported:
                out.append(token)
                reported.add(token.key)
        elif counts[token.key] > 0:
            counts[token.key] -= 1
        else:
            out.append(token)
    return out


def _arguments(token: Token) -> dict[int, str]:
    """printf's (argument → type) pairs of a token."""
    return {index: kind for index, kind in token.key[1:]} if token.key and token.key[0] == "printf" else {}  # type: ignore[index,misc]


#: The last segment compared and its comparison: the four placeholder rules ask in turn about
#: the same segment object (hashing a whole Segment for an lru_cache costs more than that).
_last: tuple[Segment | None, _Comparison | None] = (None, None)

#: A token of any dialect holds one of the dialects' markers (``scan`` runs only the dialects
#: whose markers occur) or a brace (MessageFormat); markup a "<" or "&lt;". Without one in the
#: source or the target there is nothing to compare (a plural unit's other forms: the engine
#: does not gate it).
_MARKERS = "|".join(
    literal(marker)
    for marker in sorted({m for dialect in DIALECTS.values() for m in dialect.markers} | {"{", "<", "&"})
)
PLACEHOLDER_GATE = Gate(_MARKERS, _MARKERS, either=True)


def compare(segment: Segment) -> _Comparison | None:
    """What the target lacks and adds, against its source (None without one)."""
    global _last
    if _last[0] is segment:
        return _last[1]
    comparison = _compare(segment)
    _last = (segment, comparison)
    return comparison


def _compare(segment: Segment) -> _Comparison | None:
    if segment.source is None or source_is_key(segment):
        return None
    dialects = dialects_for(segment.meta.flags, segment.source)
    plural = segment.meta.plural
    texts = [segment.source, segment.target] + ([plural.singular, plural.plural] if plural else [])
    closed = frozenset().union(*(closed_tags(text) for text in texts))
    source = scan(segment.source, dialects, closed=closed)
    target = scan(segment.target, dialects, closed=closed)
    source_tokens, target_tokens = source.placeholders, target.placeholders
    allowed, required = source_tokens, source_tokens
    if plural is not None:
        singular = scan(plural.singular, dialects, closed=closed).placeholders
        plural_tokens = scan(plural.plural, dialects, closed=closed).placeholders
        allowed = _union(singular, plural_tokens)
        required = (
            []
            if plural.form in rare_forms(plural.expression, plural.nplurals)
            else _on_source(plural_tokens, source_tokens)
        )
    if not (allowed or required or target_tokens):
        return None
    missing = _difference(required, target_tokens)
    extra = _difference(target_tokens, allowed)
    order = _reordering(source_tokens, target_tokens) if missing and extra else None
    if order is not None:
        missing = [token for token in missing if not _arguments(token)]
        extra = [token for token in extra if not _arguments(token)]
    extras, missing = _explain_types(extra, missing)
    return _Comparison(tuple(missing), tuple(extras), order, target, source)


def _union(first: list[Token], second: list[Token]) -> list[Token]:
    """Every token of both msgids, each key as often as the msgid that has it most."""
    counts = Counter(token.key for token in second)
    out = list(second)
    for token in first:
        if counts[token.key] > 0:
            counts[token.key] -= 1
        else:
            out.append(token)
    return out


def _on_source(tokens: list[Token], source: list[Token]) -> list[Token]:
    """``msgid_plural``'s tokens, placed where ``segment.source`` has the same key, else at -1."""
    spare = list(source)
    out = []
    for token in tokens:
        same = next((s for s in spare if s.key == token.key), None)
        if same is not None:
            spare.remove(same)
            out.append(same)
        else:
            out.append(token._replace(start=-1, end=-1))
    return out


def _reordering(source: list[Token], target: list[Token]) -> tuple[Token, str] | None:
    """printf arguments moved without numbers (``%s … %d`` → ``%d … %s``), or numbered and
    unnumbered ones mixed: the program reads the wrong argument."""
    source_printf = [token for token in source if _arguments(token)]
    target_printf = [token for token in target if _arguments(token)]
    if not target_printf:
        return None
    numbered = [token for token in target_printf if "$" in token.text]
    unnumbered = [token for token in target_printf if "$" not in token.text]
    if numbered and unnumbered:
        return unnumbered[0], (
            f"“{unnumbered[0].text}” is unnumbered beside “{numbered[0].text}”: number every argument or none"
        )
    kinds = sorted(kind for token in source_printf for kind in _arguments(token).values())
    if numbered or kinds != sorted(kind for token in target_printf for kind in _arguments(token).values()):
        return None
    pairs = zip(target_printf, source_printf, strict=False)
    first = next((t for t, s in pairs if _arguments(t) != _arguments(s)), None)
    if first is None:
        return None
    wanted = ", ".join(_numbered(token, index) for index, token in enumerate(source_printf, start=1))
    return (
        first,
        f"The arguments are reordered without numbers: the program fills them in the source's order ({wanted})",
    )


def _numbered(token: Token, index: int) -> str:
    return f"%{index}${token.text[1:]}" if token.text.startswith("%") else token.text


def _explain_types(extra: list[Token], missing: list[Token]) -> tuple[list[tuple[Token, str]], list[Token]]:
    """A printf argument read as another type (``%s`` where the source has ``%d``) is one
    error, reported on the target; other extras get the plain message."""
    by_index = {index: (token, kind) for token in missing for index, kind in _arguments(token).items()}
    explained: list[tuple[Token, str]] = []
    matched: set[Token] = set()
    for token in extra:
        message = f"“{token.text}” is not in the source"
        for index, kind in _arguments(token).items():
            if index in by_index and by_index[index][1] != kind:
                original, wanted = by_index[index]
                matched.add(original)
                message = (
                    f"“{token.text}” reads argument {index} as {_TYPE_NAMES.get(kind, kind)}; "
                    f"the source's “{original.text}” passes {_TYPE_NAMES.get(wanted, wanted)}"
                )
                break
        explained.append((token, message))
    return explained, [token for token in missing if token not in matched]


def _pairs(tokens: Sequence[Token]) -> list[tuple[Token, Token | None]]:
    """Tokens in order, an opening tag with the closing tag of its element when both are in
    ``tokens`` (a lost ``<b>…</b>`` is one error, not two); every other token alone."""
    tags = {token: markup.parse(token.text) for token in tokens if token.dialect == MARKUP}
    closing: dict[Token, Token] = {}
    taken: set[Token] = set()
    for index, token in enumerate(tokens):
        tag = tags.get(token)
        if tag is None or tag.kind != "open":
            continue
        depth = 0
        for later in tokens[index + 1 :]:
            other = tags.get(later)
            if other is None or other.name != tag.name or other.escaped != tag.escaped or later in taken:
                continue
            if other.kind == "open":
                depth += 1
            elif other.kind == "close":
                if depth == 0:
                    closing[token] = later
                    taken.add(later)
                    break
                depth -= 1
    return [(token, closing.get(token)) for token in tokens if token not in taken]


def _shown(token: Token, closing: Token | None) -> str:
    return f"{token.text}…{closing.text}" if closing is not None else token.text


def _missing(segment: Segment) -> Iterator[Hit]:
    comparison = compare(segment)
    if comparison is None:
        return
    for token, closing in _pairs(comparison.missing):
        quoted = _quoted_in(comparison.target, segment.target, token.text)
        if quoted is not None:
            yield Hit(
                *quoted,
                f"“{token.text}” is quoted by an apostrophe here, so it prints literally: write '' for an apostrophe",
            )
        elif token.start < 0:
            shown = _shown(token, closing)
            yield Hit(0, len(segment.target), f"“{shown}” of msgid_plural is missing in this plural form")
        else:
            shown = _shown(token, closing)
            yield Hit(token.start, token.end, f"“{shown}” of the source is missing in the target", side=Side.SOURCE)


def _quoted_in(target: Scan, text: str, token: str) -> tuple[int, int] | None:
    for start, end in target.quoted:
        found = text.find(token, start, end)
        if found != -1:
            return start, end
    return None


def _extra(segment: Segment) -> Iterator[Hit]:
    comparison = compare(segment)
    if comparison is None:
        return
    messages = dict(comparison.extra)
    for token, closing in _pairs([token for token, _ in comparison.extra]):
        message = messages[token] if closing is None else f"“{_shown(token, closing)}” is not in the source"
        yield Hit(token.start, token.end, message)


def _order(segment: Segment) -> Iterator[Hit]:
    comparison = compare(segment)
    if comparison is not None and comparison.order is not None:
        token, message = comparison.order
        yield Hit(token.start, token.end, message)


def _branches(segment: Segment) -> Iterator[Hit]:
    comparison = compare(segment)
    if comparison is None or not (comparison.target.arguments or comparison.source.arguments):
        return
    by_name = {argument.name: argument for argument in comparison.source.arguments}
    for argument in comparison.target.arguments:
        yield from _branch_problems(argument, by_name.get(argument.name))


def _branch_problems(argument: Argument, original: Argument | None) -> Iterator[Hit]:
    where = (argument.start, argument.end)
    if original is not None and original.type != argument.type:
        yield Hit(*where, f"“{argument.name}” is a {argument.type} here, a {original.type} in the source")
        return
    if "other" not in argument.keys:
        yield Hit(*where, f"The {argument.type} of “{argument.name}” has no “other” branch, which ICU requires")
    if original is not None and argument.type == "select":
        lost = [key for key in original.keys if key not in argument.keys]
        added = [key for key in argument.keys if key not in original.keys]
        if lost or added:
            parts = ([f"lacks {', '.join(lost)}"] if lost else []) + ([f"adds {', '.join(added)}"] if added else [])
            yield Hit(*where, f"The select of “{argument.name}” {' and '.join(parts)}: its keys are the program's")


MISSING = BuiltinCheck(
    RuleInfo(
        id="placeholder.missing",
        category="accuracy/omission",
        severity=Severity.MAJOR,
        summary="A placeholder, tag, URL or e-mail address of the source is missing in the target",
        why="Software substitutes placeholders and renders tags at run time: a lost %s or {0} "
        "crashes or garbles the program, a lost tag breaks the page.",
        bad=(
            Example("Hello, welcome back", source="你好，%s，欢迎回来"),
            Example("Click here", source="点击<b>这里</b>"),
        ),
        good=(
            Example("Hello %s, welcome back", source="你好，%s，欢迎回来"),
            Example("Visit www.example.com.", source="访问 www.example.com。"),
            Example("Fehler in %2$s: %1$s", source="Error %s in %s"),
            Example("git add <Datei>", source="git add <file>"),
        ),
        needs_source=True,
    ),
    _missing,
    gate=PLACEHOLDER_GATE,
)

EXTRA = BuiltinCheck(
    RuleInfo(
        id="placeholder.extra",
        category="accuracy/addition",
        severity=Severity.MINOR,
        summary="A placeholder, tag, URL or e-mail address in the target that the source does not have",
        why="An extra placeholder is filled with nothing or with the wrong value at run time; "
        "an extra tag or address is MT noise.",
        bad=(Example("Hello {0}, you have {1} messages", source="你有{1}条消息"),),
        good=(Example("You have {1} messages", source="你有{1}条消息"), Example("30% of people", source="30%的人")),
        needs_source=True,
    ),
    _extra,
    gate=PLACEHOLDER_GATE,
)

ORDER = BuiltinCheck(
    RuleInfo(
        id="placeholder.order",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="printf arguments reordered without numbers, or numbered and unnumbered ones mixed",
        why="printf fills unnumbered directives in order: a translation that swaps %s and %d reads a "
        "number as a string and crashes; %2$d … %1$s is how to reorder.",
        bad=(Example("%d Dateien in %s", source="In %s: %d files", meta=_C_FORMAT),),
        good=(
            Example("%2$d Dateien in %1$s", source="In %s: %d files", meta=_C_FORMAT),
            Example("%d Dateien in %s", source="In %s: %d files"),  # no flag: maybe not printf at all
        ),
        needs_source=True,
    ),
    _order,
    gate=PLACEHOLDER_GATE,
)

BRANCHES = BuiltinCheck(
    RuleInfo(
        id="placeholder.branches",
        category="accuracy/mistranslation",
        severity=Severity.MAJOR,
        summary="An ICU plural or select without “other”, with other select keys than the source, or of another type",
        why="ICU falls back to “other” and fails without it; select keys are values the program "
        "passes, so a translated or missing key is never chosen.",
        bad=(
            Example(
                "{gender, select, männlich {Er} other {Sie}}",
                source="{gender, select, male {He} other {They}}",
            ),
            Example("{n, plural, one {# Datei} few {# Dateien}}", source="{n, plural, one {# file} other {# files}}"),
        ),
        good=(
            Example(
                "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}",
                source="{n, plural, one {# file} other {# files}}",
            ),
        ),
        needs_source=True,
    ),
    _branches,
    gate=PLACEHOLDER_GATE,
)

CHECKS = (MISSING, EXTRA, ORDER, BRANCHES)
