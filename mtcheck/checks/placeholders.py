"""Placeholders and tags: what software will substitute or render must survive translation.

printf (``%s``, ``%1$d``, ``%(name)s``), braces (``{0}``, ``{name}``, ``{{x}}``), XML/HTML
tags and XLIFF inline codes, URLs and e-mail addresses are compared as multisets between
source and target. A missing one breaks the program or the page (major); an extra one is
usually MT noise (minor). A start tag and its end tag (``<g id="1">…</g>``, ``<pc id="1">…</pc>``,
``<b>…</b>``) are one paired code: a pair that is missing is one finding, on its start tag.
XLIFF annotation markers are no placeholders: ``<mrk>`` (1.2 and 2.0: a term, a comment, a
protected span, Trados's ``x-sdl-location``) and 2.0's empty ``<sm/>``/``<em/>`` mark up the
text for the translator and stand for nothing in the original.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from mtcheck.checks.base import BuiltinCheck
from mtcheck.model import Segment, Severity, Side
from mtcheck.rule import Example, Hit, RuleInfo

PLACEHOLDER = regex.compile(
    r"%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[sdifuxXeEgGcp]"  # printf
    r"|%\([A-Za-z_]\w*\)[sdifr]"  # Python %(name)s
    r"|\{\{[^{}\s]*\}\}|\{[A-Za-z0-9_.:,-]*\}"  # {{x}}, {0}, {name}
    r"|</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>"  # tags and inline codes
    r"|(?:https?|ftp)://[^\s<>\"“”。，、；：！？）】」』]+|www\.[^\s<>\"“”。，、；：！？）】」』]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
)
_TRAILING = ".,;:!?)]}'\"”’"
_MARKERS = ("%", "{", "<", "@", "://", "www.")  # every placeholder contains one of these


def _placeholders(text: str) -> list[tuple[str, int, int]]:
    if not any(marker in text for marker in _MARKERS):
        return []
    found = []
    for match in PLACEHOLDER.finditer(text):
        token, start, end = match.group(), match.start(), match.end()
        if token.startswith(("http", "ftp", "www")):
            stripped = token.rstrip(_TRAILING)  # "see www.x.com." ends the sentence
            end -= len(token) - len(stripped)
            token = stripped
        if token.startswith("<") and _ANNOTATION.match(token):
            continue
        found.append((token, start, end))
    return _paired(found) if "</" in text else found


#: XLIFF annotation markers: ``<mrk …>``, ``</mrk>`` (any prefix), empty ``<sm …/>`` and ``<em …/>``.
_ANNOTATION = regex.compile(r"</?(?:[\w.-]+:)?mrk\b|<(?:sm|em)\b[^>]*/>")


def _tag_name(token: str) -> str:
    return _TAG_NAME.match(token).group(1)  # type: ignore[union-attr]  # every tag token has a name


_TAG_NAME = regex.compile(r"</?([^\s/>]+)")


def _paired(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A start tag and the end tag that closes it as one token, ``<g id="1">…</g>``, at the
    start tag's span; tags without a partner stay as they are."""
    pairs: dict[int, int] = {}
    open_tags: list[int] = []
    for index, (token, _, _) in enumerate(found):
        if not token.startswith("<") or token.endswith("/>"):
            continue
        if not token.startswith("</"):
            open_tags.append(index)
            continue
        name = _tag_name(token)
        for depth in range(len(open_tags) - 1, -1, -1):
            if _tag_name(found[open_tags[depth]][0]) == name:
                pairs[open_tags[depth]] = index
                del open_tags[depth:]  # tags opened inside and never closed stay single
                break
    if not pairs:
        return found
    closing = set(pairs.values())
    out = []
    for index, (token, start, end) in enumerate(found):
        if index in closing:
            continue
        if index in pairs:
            token = f"{token}…{found[pairs[index]][0]}"
        out.append((token, start, end))
    return out


def _missing(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    in_target = Counter(token for token, _, _ in _placeholders(segment.target))
    for token, start, end in _placeholders(segment.source):
        if in_target[token] > 0:
            in_target[token] -= 1
            continue
        yield Hit(start, end, f"“{token}” of the source is missing in the target", side=Side.SOURCE)


def _extra(segment: Segment) -> Iterator[Hit]:
    if segment.source is None:
        return
    in_source = Counter(token for token, _, _ in _placeholders(segment.source))
    for token, start, end in _placeholders(segment.target):
        if in_source[token] > 0:
            in_source[token] -= 1
            continue
        yield Hit(start, end, f"“{token}” is not in the source")


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
        ),
        needs_source=True,
    ),
    _missing,
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
)

CHECKS = (MISSING, EXTRA)
