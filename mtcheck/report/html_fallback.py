"""The HTML report without JavaScript: every finding in document order, one short line each.

An e-mail preview or a locked-down browser shows this plain HTML instead of the cards. Plain
HTML cannot be compressed, so it says each thing once: a key table gives each rule (with its
severity, category and side) a short key, its message and its fix, with the parts that quote
the flagged text shown as “…”; then each file is a ``<pre>`` with one line per finding:

    12<TAB>b we<b> ,</b> know about
    <TAB>a to <b>the the</b> market

its line (none when it is the line above; no column: the excerpt finds the place, and the
cards show both), a tab, its key, the flagged text highlighted with a few words either side
and, only when the key's entry does not already say it, the fix (``→`` safe, ``⇢``
suggestion: what replaces the highlighted text) and the message (after ``—``).
"""

from __future__ import annotations

import functools
import html
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from mtcheck.model import Finding, Severity, Side
from mtcheck.report.html_data import Layout
from mtcheck.report.html_text import SEVERITIES, SEVERITY_INDEX, count, counted, text_html

#: Context either side of the flagged text: whole words within this many characters less its
#: length (or a first word half as long again); in text without spaces (CJK), half as many.
CONTEXT = 8
#: Longer flagged texts, replacements and messages are shortened in the middle (in columns:
#: a wide character takes two).
LONGEST = 60
LONGEST_MESSAGE = 120
_QUOTED = regex.compile(r"“[^“”]*”")
_RTL = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_LINE_BREAKS = {
    ord("\n"): '<span class="cc" data-n="LF">&#xa;</span>',
    ord("\t"): '<span class="cc" data-n="TAB">&#x9;</span>',
}


@functools.lru_cache(maxsize=4096)
def template(text: str, flagged: str) -> str:
    """A message or fix title with what varies from finding to finding left out: anything in
    curly quotes, and the flagged text where it does not cut a word, become “…”."""
    if "“" in text:
        text = _QUOTED.sub("“…”", text)
    if not flagged.strip():
        return text
    pieces, at = [], 0
    while (found := text.find(flagged, at)) >= 0:
        end = found + len(flagged)
        cuts = (found > 0 and _is_word(text[found - 1]) and _is_word(flagged[0])) or (
            end < len(text) and _is_word(text[end]) and _is_word(flagged[-1])
        )
        pieces.append(text[at:found] + (flagged if cuts else "…"))
        at = end
    return "".join(pieces) + text[at:]


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


@dataclass
class _Key:
    """One entry of the key table: a rule with a severity, category and side."""

    code: str
    rule: str
    severity: Severity
    category: str
    side: Side
    findings: int = 0
    messages: Counter[str] = field(default_factory=Counter)
    message_templates: Counter[str] = field(default_factory=Counter)
    titles: Counter[tuple[str, str]] = field(default_factory=Counter)  # (safety, title)
    fixes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (safety, title template)

    @property
    def message(self) -> str:
        """The entry's message: the message of all its findings, or their commonest template."""
        if len(self.messages) == 1:
            return next(iter(self.messages))
        return self.message_templates.most_common(1)[0][0]

    @property
    def fix(self) -> tuple[str, str] | None:
        """The entry's fix, (safety, title or commonest template), if it has fixes."""
        if len(self.titles) == 1:
            return next(iter(self.titles))
        return self.fixes.most_common(1)[0][0] if self.fixes else None

    def says_message(self, finding: Finding, shown: str | None) -> bool:
        return len(self.messages) == 1 or _said(finding.message, self.message, finding.text, shown)

    def says_fix(self, finding: Finding) -> bool:
        fix, main = finding.fix, self.fix
        if fix is None or main is None or fix.safety.value != main[0]:
            return False
        return len(self.titles) == 1 or _said(fix.title, main[1], finding.text, None)


def _code(number: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[number] if number < 26 else _code(number // 26 - 1) + letters[number % 26]


def _keys(findings: list[Finding]) -> dict[tuple[str, Severity, str, Side], _Key]:
    """The key table's entries, worst and commonest first."""
    by_group: dict[tuple[str, Severity, str, Side], list[Finding]] = {}
    for finding in findings:
        by_group.setdefault((finding.rule, finding.severity, finding.category, finding.side), []).append(finding)
    ordered = sorted(by_group, key=lambda g: (SEVERITY_INDEX[g[1]], -len(by_group[g]), g[0], g[3].value))
    keys = {}
    for number, group in enumerate(ordered):
        key = _Key(_code(number), *group)
        for finding in by_group[group]:
            key.findings += 1
            key.messages[finding.message] += 1
            key.message_templates[template(finding.message, finding.text)] += 1
            if finding.fix is not None:
                safety = finding.fix.safety.value
                key.titles[(safety, finding.fix.title)] += 1
                key.fixes[(safety, template(finding.fix.title, finding.text))] += 1
        keys[group] = key
    return keys


def _said(text: str, key_template: str, flagged: str, shown: str | None) -> bool:
    """Whether a line already says ``text`` (a message or fix title) with its key's entry: it
    has the entry's template, and every quoted part is in the flagged text or is the
    replacement the line shows (the flagged text itself is on the line)."""
    if template(text, flagged) != key_template:
        return False
    return all(part[1:-1] in flagged or part[1:-1] == shown for part in _QUOTED.findall(text))


def _shorten(text: str, longest: int = LONGEST) -> str:
    """Text of more than ``longest`` columns (a wide CJK character takes two, and three bytes)
    as its start and end, ``…`` between."""
    if len(text) <= longest // 2:
        return text
    widths = [2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text]
    if sum(widths) <= longest:
        return text
    left = _fits(widths, longest // 2)
    right = _fits(widths[::-1], longest // 2)
    return f"{text[:left]}…{text[len(text) - right :]}"


def _fits(widths: list[int], room: int) -> int:
    """How many of the first characters fit in ``room`` columns."""
    used = 0
    for number, width in enumerate(widths):
        used += width
        if used > room:
            return number
    return len(widths)


def _piece(text: str) -> str:
    """Escaped text that cannot break its line: line feeds and tabs become badges too (written
    as references, so that each line of the listing is one line of the file)."""
    return text_html(text).translate(_LINE_BREAKS)


def excerpt(text: str, start: int, end: int) -> str:
    """The flagged text in <b>, with a little context when it is short (see CONTEXT)."""
    room = max(0, CONTEXT - (end - start))
    reach = room + room // 2
    left = start - _context(text[max(0, start - reach - 1) : start][::-1], room)
    right = end + _context(text[end : end + reach + 1], room)
    return f"{_piece(text[left:start])}<b>{_piece(_shorten(text[start:end]))}</b>{_piece(text[end:right])}"


def _context(text: str, room: int) -> int:
    """How much of ``text`` (what follows the flagged text, or what precedes it, reversed, as
    far as the reach) to show: the whole words within ``room`` characters; if that is none, a
    first word of up to half as long again; in text without spaces, up to half the room of
    wide (CJK) characters."""
    if len(text) <= room or text[room].isspace():
        return min(room, len(text))  # the room ends at a word's edge
    cut = max((i for i in range(room) if text[i].isspace()), default=0)
    if text[:cut].strip():
        return cut  # the words before the one the room cuts
    if unicodedata.east_asian_width(text[0]) in "WF":
        return next((i for i in range(room // 2) if unicodedata.east_asian_width(text[i]) not in "WF"), room // 2)
    edge = next((i for i in range(room, len(text)) if text[i].isspace()), None)
    if edge is None and len(text) <= room + room // 2:
        edge = len(text)  # the text ends
    return edge or 0  # the first word, if it ends within the reach


def _isolated(markup: str, plain: str) -> str:
    """Right-to-left text in <bdi>, so that it cannot reorder the location and key before it."""
    return f"<bdi>{markup}</bdi>" if _RTL.search(plain) else markup


def _line(finding: Finding, key: _Key, location: str) -> str:
    """One finding's line of the listing (see the module's docstring)."""
    body = finding.segment.target if finding.side is Side.TARGET else finding.segment.source or ""
    shown_text = excerpt(body, finding.start, finding.end)
    if finding.side is Side.SOURCE and finding.segment.src_lang:
        shown_text = f'<bdi lang="{html.escape(finding.segment.src_lang)}">{shown_text}</bdi>'
    else:
        shown_text = _isolated(shown_text, body[max(0, finding.start - 2 * CONTEXT) : finding.end + 2 * CONTEXT])
    out = [location, "\t", key.code, " ", shown_text]
    shown = None
    if finding.fix is None:
        if key.fix is not None:
            out.append(" (no fix)")
    elif not key.says_fix(finding):
        shown = finding.replacement or ""
        arrow = " → " if finding.fix.safety.value == "safe" else " ⇢ "
        out.append(arrow + (_isolated(_piece(_shorten(shown)), shown) if shown else "(delete)"))
    if not key.says_message(finding, shown):
        message = _shorten(finding.message, LONGEST_MESSAGE)
        out.append(" — " + _isolated(_piece(message), message))
    return "".join(out)


def _key_table(keys: dict[tuple[str, Severity, str, Side], _Key], noun: str) -> str:
    head = ("key", "rule", "severity", "category", noun, "message", "fix")
    rows = []
    for key in keys.values():
        side = ' <span class="sd">source</span>' if key.side is Side.SOURCE else ""
        fix = ""
        if key.fix is not None:
            label = "safe fix" if key.fix[0] == "safe" else "suggestion"
            with_it = key.titles.total() if len(key.titles) == 1 else key.fixes[key.fix]
            share = "" if with_it == key.findings else f" ({count(with_it)} of {count(key.findings)})"
            fix = f'<b class="sf" data-x="{key.fix[0]}">{label}</b> {text_html(key.fix[1])}{share}'
        cells = (
            f"<th>{key.code}</th>",
            f"<td><code>{text_html(key.rule)}</code>{side}</td>",
            f'<td class="sv">{key.severity.value}</td>',
            f"<td>{text_html(key.category)}</td>",
            f"<td>{count(key.findings)}</td>",
            f"<td>{text_html(key.message)}</td>",
            f"<td>{fix}</td>",
        )
        rows.append(f'<tr data-s="{SEVERITY_INDEX[key.severity]}">{"".join(cells)}</tr>')
    return (
        f'<table class="keys"><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<p class="how">One line per {counted(1, noun)[2:]}, in the order of the file: its line'
        " (none: the line above), the key above, the flagged text (highlighted) with a"
        " few words either side; then, when the key does not say it: <code>→</code> a safe fix or"
        " <code>⇢</code> a suggestion (what replaces the highlighted text), <code>(no fix)</code>,"
        " <code>—</code> the message.</p>"
    )


def fallback(layout: Layout, noun: str) -> Iterator[str]:
    """The listing, in chunks: the key table, then each file's lines in a <pre>."""
    keys = _keys(layout.findings)
    yield '<div id="fallback">'
    yield _key_table(keys, noun)
    for file_number, first, end in layout.file_findings():
        findings = layout.findings[first:end]
        counts = Counter(f.severity for f in findings)
        detail = ", ".join(f"{count(counts[s])} {s.value}" for s in SEVERITIES if counts[s])
        languages = {f.segment.tgt_lang for f in findings}
        lang = f' lang="{html.escape(next(iter(languages)))}"' if len(languages) == 1 and None not in languages else ""
        yield (
            f'<details class="file" id="file-{file_number}" open><summary><span class="p">'
            f'{text_html(layout.files[file_number])}</span> <span class="cnt">{counted(len(findings), noun)}'
            f" ({detail})</span></summary><pre{lang}>"
        )
        lines: list[str] = []
        previous = None
        for index in range(first, end):
            finding = findings[index - first]
            line = layout.positions[index][0]
            location = "" if line == previous else str(line)
            previous = line
            key = keys[(finding.rule, finding.severity, finding.category, finding.side)]
            lines.append(("\n" if index > first else "") + _line(finding, key, location))
            if len(lines) >= 500:
                yield "".join(lines)
                lines.clear()
        yield "".join(lines)
        yield "</pre></details>"
    yield "</div>"
