"""Protected spans: stretches of a text that a fix must never edit.

A translation carries pieces that are not language: placeholders a program substitutes,
inline codes and their attributes, URLs, e-mail addresses, file paths, commands, times and
ratios, emoticons. Checks use these spans to stay quiet (``Type :wq`` has no "space before
a colon"), and the fix gate (mtcheck/fixgate.py) refuses any fix whose edit falls inside
one. ``protected_spans(text)`` is the one entry point; ``PATTERNS`` is the table it reads,
one named regex per kind, so a new dialect is one more row.

The patterns are deliberately generous: a span protected by mistake costs at most a fix
that is not offered, while an edit inside a placeholder breaks the software that reads it.
"""

from __future__ import annotations

import bisect
import functools
from typing import NamedTuple

import regex

#: (kind, pattern). Spans of different kinds may overlap; one inside another is dropped.
PATTERNS: tuple[tuple[str, str], ...] = (
    # Inline XML/HTML codes, with their attributes: <g id="1">, </g>, <x/>, <ph x="1"/>.
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>"),
    # Comments, CDATA and character or entity references.
    ("xml", r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);"),
    ("url", r"(?:https?|ftp|file)://[^\s<>\"“”'‘’]+|www\.[^\s<>\"“”'‘’]+"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # File paths: /usr/local/bin, ~/notes.txt, ./run.sh, C:\Users\x, \\server\share.
    ("path", r"(?<![\w/])(?:~|\.{1,2})/[\w.@+-]+(?:/[\w.@+-]+)*/?|(?<![\w/<])/[\w.@+-]+(?:/[\w.@+-]+)+/?"),
    ("path", r"(?<![\w])[A-Za-z]:\\[^\s\"“”<>|*?]*|\\\\[\w.-]+\\[^\s\"“”<>|*?]*"),
    # printf (%s, %1$d, %-5.2f, %@) and Python's %(name)s. No space flag: "5% of" is prose.
    ("printf", r"%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdifuxXoeEgGcpaA@]"),
    ("printf", r"%\([A-Za-z_]\w*\)[-+0#]*\d*(?:\.\d+)?[sdifrxXoeEgGc]"),
    # Braces: {0}, {name}, {{var}}, ${var}, ICU's {count, plural, …} (innermost braces).
    ("braces", r"\$?\{\{[^{}]*\}\}|\$?\{[^{}\s][^{}]*\}"),
    # Shell and template variables: $HOME, %PATH%, [[link]].
    ("variable", r"\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|\[\[[^\[\]\n]+\]\]"),
    # Inline code in backticks.
    ("code", r"`[^`\n]+`"),
    # A drive letter alone, with or without the space MT puts in: "C:", "C :".
    ("drive", r"(?<![\w.])[A-Z] ?:(?=[\s\\/]|$)"),
    # Commands: vi's :wq and :q!, command-line options --verbose and -v.
    ("command", r"(?<![\w:])(?<!\S):[A-Za-z]+!?(?![\w])|(?<![\w-])--?[A-Za-z][\w-]*"),
    # Qt's %1 and %L1, Lisp's and Guile's format directives ~a ~s ~%: "~a a" is no doubled word.
    ("printf", r"%L?\d+(?!\d)"),
    ("lisp", r"~[:@]*[asdDxXoOcbBfeEgGrRpPsS%&|~](?![\p{L}\p{N}])"),
    # Times and ratios, spaced symmetrically: 10:30, 10 : 30, 1:1, 3 : 1, 10:30:15.
    ("time", r"(?<![\w.,:])\d+(?P<sep> : |:)\d+(?:(?P=sep)\d+)?(?![\w:])"),
    # Emoticons: :) ;-) :( :P =D :/
    ("emoticon", r"(?<![\w:;=/])[:;=][-'^o]?[)(\]\[DPpO|/\\*3]+(?![\w/])"),
)


#: The characters a kind's pattern cannot match without: a pattern runs only on a text
#: that holds one of them (most texts hold none), so ``protected`` costs little.
MARKERS: dict[str, tuple[str, ...]] = {
    "tag": ("<",),
    "xml": ("<", "&"),
    "url": ("://", "www."),
    "email": ("@",),
    "path": ("/", "\\"),
    "printf": ("%",),
    "braces": ("{",),
    "variable": ("$", "%", "[["),
    "code": ("`",),
    "drive": (":",),
    "command": (":", "-"),
    "lisp": ("~",),
    "time": (":",),
    "emoticon": (":", ";", "="),
}


@functools.cache
def _compiled() -> tuple[tuple[str, tuple[str, ...], regex.Pattern[str]], ...]:
    """(kind, markers, pattern), compiled on first use: most runs never need them, and
    compiling costs start-up time. A kind missing from MARKERS always runs."""
    return tuple((kind, MARKERS.get(kind, ()), regex.compile(pattern)) for kind, pattern in PATTERNS)


_URL_TRAILING = ".,;:!?)]}'\"”’"


class Protected(NamedTuple):
    start: int
    end: int
    kind: str


def protected(text: str) -> list[Protected]:
    """Every protected stretch of ``text`` with its kind, sorted; a stretch inside another
    ("$d" inside the placeholder "%1$d") is left out, partly overlapping ones stay."""
    found: list[Protected] = []
    for kind, markers, pattern in _compiled():
        if markers and not any(marker in text for marker in markers):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "url":  # "see www.x.com." ends the sentence, not the address
                end = start + len(match.group().rstrip(_URL_TRAILING))
            if end > start:
                found.append(Protected(start, end, kind))
    if len(found) < 2:
        return found
    found.sort(key=lambda span: (span.start, -span.end))
    kept = [found[0]]
    reach = found[0].end
    for span in found[1:]:
        if span.end > reach:  # not inside an earlier span
            kept.append(span)
            reach = span.end
    return kept


def protected_spans(text: str) -> list[tuple[int, int]]:
    """The protected stretches of ``text`` as sorted, merged (start, end) pairs."""
    merged: list[tuple[int, int]] = []
    for start, end, _ in protected(text):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does an edit of ``[start, end)`` change a character inside one of the merged
    ``spans``? An insertion (start == end) touches a span it falls strictly inside;
    an edit that only borders a span leaves it intact."""
    index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    for span_start, span_end in spans[max(index, 0) : index + 2]:
        if start == end:
            if span_start < start < span_end:
                return True
        elif start < span_end and span_start < end:
            return True
    return False


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Is the character at ``position`` inside a protected span?"""
    return touches(spans, position, position + 1)
