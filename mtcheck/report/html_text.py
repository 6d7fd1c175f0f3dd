"""Text for the HTML report: escaping, badges for invisible characters, direction, counts.

Every piece of text from a checked file reaches the page's HTML through :func:`text_html`
(the script uses ``textContent``); report.js has the same character class and names.
"""

from __future__ import annotations

import html

import regex

from mtcheck.model import Severity

#: Display order: worst first. The index is the ``data-s`` value the script filters on.
SEVERITIES: tuple[Severity, ...] = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)
SEVERITY_INDEX = {severity: index for index, severity in enumerate(SEVERITIES)}
#: Bar colours (report.css has the same for the page).
SEVERITY_COLOURS = {Severity.CRITICAL: "#b3261e", Severity.MAJOR: "#e8710a", Severity.MINOR: "#c9a100"}
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"})

#: Invisible or dangerous characters (``_SPECIAL_CODES`` below) are shown as a labelled badge:
#: C0 and C1 controls (but tab and line feed), bidi embeddings, overrides, isolates and marks,
#: line and paragraph separators, zero-width space, BOM, and lone surrogates. report.js has
#: the same class.
_SURROGATE = regex.compile("[\ud800-\udfff]")
CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
    0x061C: "ALM",
    0x200B: "ZWSP",
    0x200E: "LRM",
    0x200F: "RLM",
    0x2028: "LS",
    0x2029: "PS",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "BOM",
}


def _badge(code: int) -> str:
    name = CONTROL_NAMES.get(code, f"U+{code:04X}")
    if 0xD800 <= code <= 0xDFFF or code == 0:
        body = "\ufffd"  # not representable: the parser would replace it anyway
    elif 0x80 <= code <= 0x9F:
        body = chr(code)  # a character reference here would be read as windows-1252; the raw one is kept
    else:
        body = f"&#x{code:x};"
    return f'<span class="cc" data-n="{name}">{body}</span>'


_SPECIAL_CODES = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200B,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
    *range(0xD800, 0xE000),
]
_ESCAPES: dict[int, str] = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ESCAPES.update((code, _badge(code)) for code in _SPECIAL_CODES)
_NEEDS_BADGE = regex.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def text_html(text: str) -> str:
    """Text as HTML character data: markup escaped, invisible and control characters shown.

    A special character stays in the DOM (as a character reference where the HTML parser
    keeps it) inside an isolating badge that shows its name, so a highlighted span's text is
    still the finding's text; lone surrogates, which UTF-8 cannot carry, become U+FFFD.
    """
    if _NEEDS_BADGE.search(text):
        return text.translate(_ESCAPES)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """A string JSON can carry in UTF-8: lone surrogates become U+FFFD (offsets unchanged)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def direction(lang: str | None) -> str:
    return "rtl" if lang and lang.split("-")[0].lower() in RTL_LANGUAGES else "auto"


def lang_attrs(lang: str | None) -> str:
    attrs = f' dir="{direction(lang)}"'
    if lang:
        attrs += f' lang="{html.escape(lang)}"'
    return attrs


def count(number: int) -> str:
    """A count as the page prints it: 12,345."""
    return f"{number:,}"


def counted(number: int, noun: str) -> str:
    """“1 finding”, “2 findings”: ``noun`` is the plural (findings, fixes)."""
    if number == 1:
        noun = {"findings": "finding", "fixes": "fix"}.get(noun, noun)
    return f"{count(number)} {noun}"
