"""A PO string laid out as GNU ``msgcat`` lays it out, so an edited msgstr makes no churn
when the catalogue next goes through msgmerge, msgcat or a translation platform.

gettext escapes the string, cuts it after each ``\\n`` (each piece starts a line), and
breaks the pieces into lines of at most 79 columns, quotes included, at the line-break
opportunities of Unicode's line-breaking algorithm (UAX #14, as libunistring applies it),
filling each line greedily; a piece with no opportunity runs over. The first line follows
the keyword (``msgstr "…"``) when the whole string fits there; otherwise the keyword gets
``""`` and the string starts on the next line.

The opportunities here are the rules that matter for translated text, checked against
msgcat 0.21 (tests/test_powrap.py compares thousands of strings with the real program when
it is installed): after spaces (not before ``, . : ; ! ? ) ] } /``), after hyphens,
dashes, ellipses, slashes and sentence punctuation (not before digits), around CJK
ideographs and kana (not before closing punctuation, not after opening), never inside an
escape, a word, a number or quotes. Columns are display cells: East Asian wide characters
count two, combining marks none.
"""

from __future__ import annotations

import unicodedata

#: gettext's default page width: no line longer, quotes included, unless it cannot break.
WIDTH = 79

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_ESCAPES.update({"\\": "\\\\", '"': '\\"'})

# Line-breaking classes (UAX #14), as far as they matter here.
SP, AL, NU, HY, BA, B2, IN, SY, IS, EX, OP, CP, CL, QU, PR, PO, ID, NS, CM, GL = (
    "SP AL NU HY BA B2 IN SY IS EX OP CP CL QU PR PO ID NS CM GL".split()
)
#: East Asian opening punctuation: OP, but letters and digits may break before it.
OPEN_EA = "OPEA"
#: The ``\\n`` escape: never a break before it.
NEWLINE = "NL"
_ASCII = {
    " ": SP,
    "-": HY,
    "/": SY,
    ",": IS,
    ".": IS,
    ":": IS,
    ";": IS,
    "!": EX,
    "?": EX,
    "(": OP,
    "[": OP,
    "{": OP,
    ")": CP,
    "]": CP,
    "}": CL,
    '"': QU,
    "'": QU,
    "$": PR,
    "+": PR,
    "\\": PR,
    "%": PO,
}
_OTHER = {
    "\u2013": BA,  # en dash
    "\u2014": B2,  # em dash
    "\u2026": IN,  # ellipsis
    "\u2018": QU,
    "\u2019": QU,
    "\u201c": QU,
    "\u201d": QU,
    "\u00ab": QU,
    "\u00bb": QU,
    "\u3000": BA,
    "\u3001": CL,
    "\u3002": CL,
    "\uff0c": CL,
    "\uff0e": CL,
    "\uff09": CL,
    "\uff08": OPEN_EA,
    "\uff01": EX,
    "\uff1f": EX,
    "\uff1a": NS,
    "\uff1b": NS,
    "\u30fb": NS,
    "\u30fc": NS,
    "\u00a0": GL,
}
_OPENING_CJK = "〈《「『【〔〖〘〚"
_CLOSING_CJK = "〉》」』】〕〗〙〛"
_SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻"
#: Never a break before these, even after spaces (UAX #14 LB13).
_NO_BREAK_BEFORE = frozenset({CP, CL, EX, IS, SY})


def line_class(char: str) -> str:
    found = _ASCII.get(char) or _OTHER.get(char)
    if found:
        return found
    if char.isdigit() and char.isascii():
        return NU
    if char in _OPENING_CJK:
        return OPEN_EA
    if char in _CLOSING_CJK:
        return CL
    if char in _SMALL_KANA:
        return NS
    if unicodedata.category(char) in ("Mn", "Me"):
        return CM
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return ID
    return AL


def cells(char: str, cjk: bool = False) -> int:
    """Display columns of a character, as gettext counts them (in a CJK encoding, characters
    of ambiguous width count two)."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in (("W", "F", "A") if cjk else ("W", "F")) else 1


def _direct(before: str, after: str) -> bool:
    """May a line break between two adjacent units of these classes (no space between)?
    (UAX #14's pair table as libunistring applies it, for these classes.)"""
    if after in _NO_BREAK_BEFORE or after in (HY, BA, IN, NS, CM, GL, QU) or before in (OP, OPEN_EA, QU, GL):
        return False
    if before == PR:
        return after in (B2, PR, PO)
    if before in (HY, SY, IS):
        return after != NU
    if before in (BA, EX, IN, NS):
        return True
    if before == B2:
        return after != B2
    if before == CP:
        return after not in (AL, NU, PR, PO)
    if before == CL:
        return after not in (PR, PO)
    if before == PO:
        return after not in (AL, NU, OP, OPEN_EA)
    if before in (AL, NU, CM):
        return after not in (AL, NU, OP, PR, PO)
    if before == ID:
        return after != PO
    return True


class _Unit:
    """A character, or an escape sequence (never broken inside)."""

    __slots__ = ("after", "before", "text", "width")

    def __init__(self, text: str, before: str, after: str, width: int) -> None:
        self.text = text
        self.before = before  # the class a break before it sees
        self.after = after  # the class a break after it sees
        self.width = width


def _units(piece: str, cjk: bool = False) -> list[_Unit]:
    """Characters and escapes; a combining mark goes with the character before it (UAX #14
    LB9), whose classes it keeps."""
    units: list[_Unit] = []
    for char in piece:
        escape = _ESCAPES.get(char)
        if escape is not None:
            units.append(_Unit(escape, NEWLINE if char == "\n" else PR, line_class(escape[1]), 2))
        elif line_class(char) == CM and units and units[-1].before not in (SP, NEWLINE):
            last = units[-1]
            units[-1] = _Unit(last.text + char, last.before, last.after, last.width)
        else:
            cls = line_class(char)
            units.append(_Unit(char, cls, cls, cells(char, cjk)))
    return units


def _opportunities(units: list[_Unit]) -> list[bool]:
    """``result[i]``: a line may break before unit ``i``."""
    result = [False] * len(units)
    last_solid: str | None = None  # the class of the last unit that is not a space
    spaces = False
    for index in range(1, len(units)):
        previous, unit = units[index - 1], units[index]
        if previous.before != SP:
            last_solid = previous.after
            spaces = False
        else:
            spaces = True
        if unit.before in (SP, NEWLINE):  # gettext keeps a newline escape with the text before it
            continue
        if spaces:
            result[index] = not (
                unit.before in _NO_BREAK_BEFORE
                or last_solid in (OP, OPEN_EA)  # LB14
                or (last_solid == QU and unit.before in (OP, OPEN_EA))  # LB15
                or (last_solid in (CL, CP) and unit.before == NS)  # LB16
                or (last_solid == B2 and unit.before == B2)  # LB17
            )
        else:
            result[index] = _direct(previous.after, unit.before)
    return result


def _break(units: list[_Unit], start_column: int, width: int) -> list[int]:
    """Where lines start (unit indices after the first), filled greedily as libunistring does;
    every line after a break starts after its opening quote, in column 1."""
    allowed = _opportunities(units)
    breaks: list[int] = []
    last: int | None = None  # the last opportunity
    last_column = start_column  # columns up to it
    piece = 0  # columns since it
    for index, unit in enumerate(units):
        if allowed[index]:
            if last is not None and last_column + piece > width:
                breaks.append(last)
                last_column = 1
            last = index
            last_column += piece
            piece = 0
        piece += unit.width
    if last is not None and last_column + piece > width:
        breaks.append(last)
    return breaks


def _pieces(text: str) -> list[str]:
    pieces = []
    start = 0
    while True:
        newline = text.find("\n", start)
        if newline < 0:
            break
        pieces.append(text[start : newline + 1])
        start = newline + 1
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def _lines(piece: str, start_column: int, width: int, wrap: bool, cjk: bool) -> list[str]:
    units = _units(piece, cjk)
    breaks = _break(units, start_column, width) if wrap else []
    lines, begin = [], 0
    for at in [*breaks, len(units)]:
        lines.append("".join(unit.text for unit in units[begin:at]))
        begin = at
    return lines


def layout(prefix: str, text: str, *, wrap: bool = True, width: int = WIDTH, cjk: bool = False) -> list[str]:
    """The lines of a keyword and its string, as msgcat writes them: ``prefix`` is what
    precedes the first quote (``msgstr ``, ``msgstr[1] ``); each line is returned without its
    line end, the first starting with ``prefix``."""
    pieces = _pieces(text)
    inner = width - 1  # the closing quote must fit
    first = _lines(pieces[0], sum(cells(char, cjk) for char in prefix) + 1, inner, wrap, cjk)
    if len(pieces) == 1 and len(first) == 1:
        return [f'{prefix}"{first[0]}"']
    lines = [f'{prefix}""']
    for piece in pieces:
        lines.extend(f'"{line}"' for line in _lines(piece, 1, inner, wrap, cjk))
    return lines
