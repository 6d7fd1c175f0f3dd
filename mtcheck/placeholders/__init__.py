"""Placeholders by dialect: what a program substitutes or renders in a translatable text.

One source of truth for "which characters of this text must survive translation untouched":
the placeholder checks compare what ``scan`` finds in source and target, and the fixer asks
``protected_spans`` which characters no fix may edit.

A segment's dialects come from its PO format flags (``c-format``, ``python-brace-format``,
``qt-format``…; ``no-c-format`` takes printf away) or, without flags, from a default set that
reads what a text shows (``FLAG_DIALECTS``, ``DEFAULT``). Markup, URLs, e-mail addresses and
character references count in every set. The dialects themselves are rows of a table
(``dialects.DIALECTS``) plus two parsers: markup (``markup.py``) and ICU/Java MessageFormat
(``messageformat.py``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from mtcheck.model import Segment
from mtcheck.placeholders import markup, messageformat
from mtcheck.placeholders.dialects import DIALECTS, REPEATABLE
from mtcheck.placeholders.messageformat import Argument

__all__ = [
    "DEFAULT",
    "DIALECTS",
    "FLAG_DIALECTS",
    "REPEATABLE",
    "Argument",
    "Scan",
    "Token",
    "closed_tags",
    "dialects_for",
    "protected_spans",
    "protected_tokens",
    "scan",
    "segment_spans",
]

#: Parsers and markup, besides the regex rows of ``DIALECTS``.
MARKUP = "markup"
ICU = "icu"
JAVA = "java"
PARSED = {
    MARKUP: "Markup: HTML, Pango, DocBook, Mallard, KUIT tags and XLIFF inline codes, raw or XML-escaped (&lt;b&gt;)",
    ICU: "ICU MessageFormat: {name}, {n, number}, {count, plural, one {# file} other {# files}}, select",
    JAVA: "Java MessageFormat: {0}, {0,number,integer}, {0,choice,…}; an apostrophe quotes ('' is one)",
}
#: What every set holds.
UNIVERSAL: tuple[str, ...] = ("url", "email", MARKUP, "entity")
#: Without a format flag: what each syntax looks like, where it cannot be mistaken for text.
DEFAULT: tuple[str, ...] = (
    *UNIVERSAL,
    ICU,
    "mustache",
    "template",
    "python-named",
    "symfony",
    "printf-text",
    "qt",
    "brace",
)

#: Added for protection, after a set's own dialects: what is shaped like a tag, a brace group, a
#: reference, a shell variable or a Lisp ``~a`` standing alone is never edited by a fix (nor
#: read by a punctuation or repeat rule: "~a a" is no doubled word), even where it is not
#: compared (a span protected by mistake costs at most a fix not offered). Qt's ``%1`` is in
#: the default set; a unit whose flag names another syntax (c-format) has no ``%1``.
PROTECTION: tuple[str, ...] = ("any-tag", "any-braces", "any-entity", "sh", "any-tilde")

#: gettext's format flags (and Weblate's), each with the dialects it names.
FLAG_DIALECTS: dict[str, tuple[str, ...]] = {
    "c-format": ("printf",),
    "objc-format": ("objc",),
    "c++-format": ("python-brace",),
    "python-format": ("python",),
    "python-brace-format": ("python-brace",),
    "java-format": (JAVA,),
    "java-printf-format": ("java-printf",),
    "csharp-format": ("dotnet",),
    "javascript-format": ("printf",),
    "scheme-format": ("tilde",),
    "lisp-format": ("tilde",),
    "elisp-format": ("printf",),
    "librep-format": ("printf",),
    "rust-format": ("python-brace",),
    "go-format": ("printf",),
    "ruby-format": ("ruby",),
    "sh-format": ("sh",),
    "awk-format": ("printf",),
    "lua-format": ("printf",),
    "object-pascal-format": ("printf",),
    "modula2-format": ("printf",),
    "d-format": ("printf",),
    "ocaml-format": ("printf",),
    "tcl-format": ("printf",),
    "perl-format": ("printf",),
    "perl-brace-format": ("perl-brace",),
    "php-format": ("php",),
    "gcc-internal-format": ("printf",),
    "gfc-internal-format": ("printf",),
    "qt-format": ("qt",),
    "qt-plural-format": ("qt-plural",),
    "kde-format": ("qt",),
    "kde-kuit-format": ("qt",),
    "boost-format": ("boost",),
    "smalltalk-format": ("qt",),
    "ycp-format": ("qt",),
    "icu-message-format": (ICU,),
    "angularjs-format": ("mustache",),
    "i18next-interpolation": ("mustache",),
}
#: A ``no-X-format`` flag takes these from the default set.
_DEFAULT_COUNTERPART = {
    "printf": "printf-text",
    "objc": "printf-text",
    "php": "printf-text",
    "java-printf": "printf-text",
    "ruby": "printf-text",
    "boost": "printf-text",
    "python": "python-named",
    "python-brace": "brace",
    "dotnet": "brace",
    "perl-brace": "brace",
    JAVA: ICU,
}


#: A strftime directive printf does not have (``%Y``, ``%H``, ``%b``): the text is a date format.
_STRFTIME = re.compile(r"%[-_0^#]?(?:[EO][A-Za-z]|[bBhHIjklMPrRTDVWUwyYzZ](?![A-Za-z]))")


def dialects_for(flags: frozenset[str], text: str | None = None) -> tuple[str, ...]:
    """The dialects a unit with these PO flags uses: the flags' own, or the default set minus
    what ``no-…-format`` flags rule out. Given the unit's source ``text``, a date format
    (``%b %e``) without a flag reads as strftime, whose directives a translation may change."""
    dialects = _flag_dialects(flags)
    if text is not None and "printf-text" in dialects and "%" in text and _STRFTIME.search(text):
        return tuple("strftime" if dialect == "printf-text" else dialect for dialect in dialects)
    return dialects


@lru_cache(maxsize=256)
def _flag_dialects(flags: frozenset[str]) -> tuple[str, ...]:
    named: list[str] = []
    for flag in sorted(flags):
        for dialect in FLAG_DIALECTS.get(flag, ()):
            if dialect not in named:
                named.append(dialect)
    if named:
        return (*UNIVERSAL, *named)
    excluded = set()
    for flag in flags:
        if flag.startswith("no-"):
            for dialect in FLAG_DIALECTS.get(flag[3:], ()):
                excluded.update((dialect, _DEFAULT_COUNTERPART.get(dialect, dialect)))
    return tuple(dialect for dialect in DEFAULT if dialect not in excluded)


class Token(NamedTuple):
    """A placeholder (``key`` set: compared between source and target) or protected syntax
    (``key`` None: ``%%``, ``{{`` in ``str.format``, an ICU branch's ``one {``, ``&amp;``)."""

    start: int
    end: int
    text: str
    dialect: str
    key: Hashable | None


@dataclass(frozen=True, slots=True)
class Scan:
    tokens: tuple[Token, ...]
    #: ICU/Java plural, select and selectordinal arguments, with their branch keys.
    arguments: tuple[Argument, ...] = ()
    #: Spans a MessageFormat apostrophe quotes (printed literally).
    quoted: tuple[tuple[int, int], ...] = ()

    @property
    def placeholders(self) -> list[Token]:
        return [token for token in self.tokens if token.key is not None]


_ICU_HINT = re.compile(r"\{\s*[A-Za-z0-9_.]+\s*,\s*(?:plural|select|selectordinal)\s*,")
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9_:.-]*)\s*>|&lt;/([A-Za-z][A-Za-z0-9_:.-]*)\s*&gt;")
_URL_TRAILING = ".,;:!?)]}'\"”’"


class _Scanner(NamedTuple):
    pattern: re.Pattern[str]
    groups: dict[str, str]  # group name → dialect


@lru_cache(maxsize=64)
def _scanner(dialects: tuple[str, ...]) -> _Scanner:
    """One alternation for a set's regex dialects, in the set's order (earlier wins a tie)."""
    parts: list[str] = []
    groups: dict[str, str] = {}
    for index, name in enumerate(dialects):
        if name == MARKUP:
            parts.append(f"(?P<g{index}e>{markup.ESCAPED_TAG})|(?P<g{index}>{markup.TAG})")
            groups[f"g{index}e"] = groups[f"g{index}"] = MARKUP
        elif name in DIALECTS:
            parts.append(f"(?P<g{index}>{DIALECTS[name].pattern})")
            groups[f"g{index}"] = name
        elif name not in (ICU, JAVA):
            raise ValueError(f"unknown placeholder dialect {name!r}")
    return _Scanner(re.compile("|".join(parts) or "(?!)"), groups)


@lru_cache(maxsize=64)
def _plan(dialects: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, frozenset[str]], ...]]:
    """Every marker of a set's regex dialects, and each dialect with the markers its tokens hold
    (the parsers are run by ``scan`` itself)."""
    by_dialect = []
    for name in dialects:
        if name == MARKUP:
            by_dialect.append((name, frozenset(("<", "&lt;"))))
        elif name in DIALECTS:
            by_dialect.append((name, frozenset(DIALECTS[name].markers)))
    markers = tuple(sorted(frozenset().union(*(needed for _, needed in by_dialect))))
    return markers, tuple(by_dialect)


def closed_tags(text: str) -> frozenset[str]:
    """Names of the tags a text closes (``</b>``, ``&lt;/b&gt;``), lower-cased."""
    if "</" not in text and "&lt;/" not in text:
        return frozenset()
    return frozenset((m.group(1) or m.group(2)).lower() for m in _CLOSING.finditer(text))


@lru_cache(maxsize=2048)
def scan(text: str, dialects: tuple[str, ...] = DEFAULT, *, closed: frozenset[str] = frozenset()) -> Scan:
    """Every placeholder and piece of protected syntax in ``text``, in order.

    ``closed`` adds tag names the compared text closes: ``<b>`` left open in a target whose
    source has ``<b>…</b>`` is still a tag. Cached: a catalog repeats its sources (plural
    msgids, the same message in every language's file).
    """
    parsed = _parse_messageformat(text, dialects)
    found: list[Token] = []
    if parsed is not None:
        kind = JAVA if JAVA in dialects else ICU
        found.extend(Token(p.start, p.end, text[p.start : p.end], kind, p.key) for p in parsed.pieces)
    elif (ICU in dialects or JAVA in dialects) and "brace" not in dialects and "{" in text:
        dialects = (*dialects, "brace")  # unbalanced braces: still find the simple {0}, {name}
    # Only the dialects whose markers occur: a smaller alternation, tried at fewer places.
    markers, by_dialect = _plan(dialects)
    found_markers = {marker for marker in markers if marker in text}
    present = tuple(name for name, needed in by_dialect if needed & found_markers) if found_markers else ()
    if present:
        found.extend(_regex_tokens(text, _scanner(present), closed, parsed))
    found.sort()
    if parsed is None:
        return Scan(tuple(found))
    return Scan(tuple(found), tuple(parsed.arguments), tuple(parsed.quoted))


def _parse_messageformat(text: str, dialects: tuple[str, ...]) -> messageformat.Parsed | None:
    if JAVA in dialects and ("{" in text or "'" in text):
        return messageformat.parse(text, java=True)
    # Named by a flag, every text is ICU; in the default set only one with plural or select is.
    if ICU in dialects and "{" in text and ("brace" not in dialects or _ICU_HINT.search(text)):
        return messageformat.parse(text)
    return None


def _regex_tokens(
    text: str, scanner: _Scanner, closed: frozenset[str], parsed: messageformat.Parsed | None
) -> list[Token]:
    by_dialect: dict[str, list[tuple[int, int, str]]] = {}
    taken = parsed.pieces if parsed is not None else []
    quoted = parsed.quoted if parsed is not None else []
    for match in scanner.pattern.finditer(text):
        start, end, token = match.start(), match.end(), match.group()
        dialect = scanner.groups[match.lastgroup or ""]
        if taken and any(p.start < end and start < p.end for p in taken):
            continue  # the MessageFormat parse owns these characters
        if quoted and dialect != MARKUP and any(q[0] <= start and end <= q[1] for q in quoted):
            continue  # quoted: literal text
        if dialect == "url":
            stripped = token.rstrip(_URL_TRAILING)  # "see www.x.com." ends the sentence
            end -= len(token) - len(stripped)
            token = stripped
        by_dialect.setdefault(dialect, []).append((start, end, token))
    tokens: list[Token] = []
    for dialect, found in by_dialect.items():
        if dialect == MARKUP:
            tokens.extend(_markup_tokens(found, closed))
            continue
        keys = DIALECTS[dialect].keys([token for _, _, token in found])
        pairs = zip(found, keys, strict=True)
        tokens.extend(Token(start, end, token, dialect, key) for (start, end, token), key in pairs)
    return tokens


def _markup_tokens(found: list[tuple[int, int, str]], closed: frozenset[str]) -> Iterable[Token]:
    tags = [markup.parse(token) for _, _, token in found]
    closed = closed | markup.closed_names(tags)
    for (start, end, token), tag in zip(found, tags, strict=True):
        # A word in angle brackets (git's <file>) is not compared, but no fix may edit it either.
        yield Token(start, end, token, MARKUP, markup.key(tag) if markup.is_markup(tag, closed) else None)


def protected_tokens(text: str, dialects: tuple[str, ...] | None = None) -> tuple[Token, ...]:
    """The tokens no fix may edit: those of ``dialects`` (by default what the text shows) and
    of ``PROTECTION``, in order (they never overlap)."""
    if dialects is None:
        dialects = dialects_for(frozenset(), text)
    return scan(text, _with_protection(dialects)).tokens


@lru_cache(maxsize=256)
def _with_protection(dialects: tuple[str, ...]) -> tuple[str, ...]:
    """The dialects and every protection-only one (a unit's set repeats across a file)."""
    return (*dialects, *(name for name in PROTECTION if name not in dialects))


def protected_spans(text: str, dialects: tuple[str, ...] | None = None) -> list[tuple[int, int]]:
    """The spans of ``text`` no fix may edit: placeholders, escapes, markup, MessageFormat
    syntax, URLs, e-mail addresses, references, and what is shaped like them."""
    return [(token.start, token.end) for token in protected_tokens(text, dialects)]


def segment_spans(segment: Segment) -> list[tuple[int, int]]:
    """The protected spans of a segment's target, read with the dialects its format flags and
    its source choose (a c-format unit's ``%s``; a Qt unit's ``%1``)."""
    return protected_spans(segment.target, dialects_for(segment.meta.flags, segment.source))
