"""Gettext PO and POT: one segment per translated msgstr (each plural form its own).

A scanner of our own, not polib: polib reports no positions and writes whole files back in
its own layout (re-wrapped strings, normalised comments), while a fix here must replace only
the bytes of one msgstr. The tests check this scanner against polib's reading.

``Origin.span`` covers a msgstr's quoted strings, from the first opening quote to the last
closing one (continuation lines included; ``source_span`` the msgid's or msgid_plural's), and
``rewrite`` writes a new target back through its runs (formats/runs.py): continuation lines,
escapes and octal bytes that the fix did not touch stay as they are. ``Origin.line``/``column``
point at the first character of the text (inside the first non-empty string).

The catalogue's encoding is its header's ``charset`` (``sniff``); octal and hex escapes are
bytes in that encoding, as gettext reads them.

Keys are ``path#msgid``, ``path#ctxt|msgid`` with a msgctxt, and ``[N]`` after plural forms,
with msgctxt and msgid escaped as in the file so a key is one line. Skipped: the header,
obsolete (``#~``) entries, untranslated msgstrs, and fuzzy entries unless ``include_fuzzy``.
Translator comments (``# ``) are the notes; the header's ``Language`` is the default
``tgt_lang``. ``Segment.meta`` carries the entry's flags (``c-format``…), msgctxt, developer
comments (``#.``) and references (``#:``), and for plural forms the form's number, both msgids,
which forms are translated, and the header's ``Plural-Forms``.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Iterator, Set
from dataclasses import dataclass, field

from mtcheck.display import excerpt
from mtcheck.formats import powrap
from mtcheck.formats.common import NO_KEYS, UniqueKeys
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.runs import ATOM, PLAIN, SYNTAX, Run, Splice
from mtcheck.formats.textio import Declared, Document, Line
from mtcheck.lang.plural_forms import parse_header
from mtcheck.model import InputError, InputProblem, Meta, Origin, PluralForm, Segment

NAME = "po"
EXTENSIONS = (".po", ".pot")
OPTIONS = ("include_fuzzy",)
#: What ``marks`` can write for an edited entry: the fuzzy flag (only when asked: gettext
#: then leaves the translation out of the compiled catalogue until a translator clears it).
MARKS = ("fuzzy",)
#: Reading back a file whose edited entries were marked fuzzy: they are read all the same.
MARKED_READ = {"include_fuzzy": True}
#: Encodings whose catalogues gettext lays out with ambiguous-width characters two columns wide.
_CJK_ENCODINGS = ("gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_jp", "euc_kr", "shift_jis", "cp932", "cp949")

_KEYWORD = re.compile(r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[([0-9]+)\])?)(?=[ \t\"])[ \t]*")
_STRING_BODY = re.compile(r'((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_SIMPLE_ESCAPES.update({c: c for c in "\\\"'?"})
_ENCODE = str.maketrans({value: f"\\{name}" for name, value in _SIMPLE_ESCAPES.items() if name not in "'?"})
_LANGUAGE = re.compile(r"^Language:[ \t]*([^\s]+)", re.MULTILINE)
_CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([A-Za-z0-9._:-]+)')
#: Inside a string: an escape, or a run of other characters.
_PIECE = re.compile(r'\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)|[^"\\]+', re.DOTALL)
_BYTE_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+)")
_PLURAL_FORMS = re.compile(r"^Plural-Forms:[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _String:
    start: int  # offset of the opening quote
    end: int  # offset after the closing quote
    line: int
    column: int  # 1-based column of the first character inside the quotes
    value: str


@dataclass(slots=True)
class _Field:
    line: int
    strings: list[_String] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "".join(string.value for string in self.strings)

    def text_start(self) -> _String:
        """The string the text starts in: ``msgstr ""`` then continuation lines is common."""
        return next((string for string in self.strings if string.value), self.strings[0])


@dataclass(slots=True)
class _Entry:
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # #. developer comments
    references: list[str] = field(default_factory=list)  # #: source locations
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    fields: dict[str, _Field] = field(default_factory=dict)
    flags_line: Line | None = None  # the first ``#,`` line
    previous_line: Line | None = None  # the first ``#|`` line
    keyword_line: Line | None = None  # the first keyword's line
    #: The entry's lines, when the scanner keeps them (a streamed file anchors one entry at a time).
    lines: list[Line] = field(default_factory=list)


def read(
    document: Document,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_fuzzy: bool = False,
    **options: object,
) -> list[Segment]:
    entries = _Scanner(document).entries()
    header = next((e for e in entries if _is_header(e)), None)
    tgt_lang, plural_forms = _from_header(header, tgt_lang)
    keys = UniqueKeys(document, "message")
    segments: list[Segment] = []
    for entry in entries:
        if entry.obsolete or _is_header(entry) or ("fuzzy" in entry.flags and not include_fuzzy):
            continue
        segments.extend(_segments(document, keys, entry, src_lang, tgt_lang, plural_forms))
    return segments


def iter_read(
    source: LineFile,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_fuzzy: bool = False,
    anchor: bool = True,
    only_lines: frozenset[int] | None = None,
    unique: bool = True,
    **options: object,
) -> Iterator[Segment]:
    """What ``read`` and ``load``'s anchoring give (``anchor``), an entry at a time, for a UTF-8 file read
    from disk a line at a time (formats/stream.py): one entry's lines in memory, and the
    keys seen. The header is the first entry in practice; where it is not, the file is read
    once more to find it, as ``read`` takes the first header anywhere. ``only_lines``: only
    the segments whose target starts on one of these lines (the rest are parsed, not built).
    ``unique``: check that no two entries share a key (by hash: a duplicate fails the pass,
    and the caller reads the file whole for the message); a pass after one that did need not."""
    from mtcheck.formats import Window, anchored

    entries = _Scanner(source, keep_lines=True).iter_entries()
    first = next(entries, None)
    if first is not None and _is_header(first):
        header: _Entry | None = first
    else:
        header = next((entry for entry in _Scanner(source).iter_entries() if _is_header(entry)), None)
    tgt_lang, plural_forms = _from_header(header, tgt_lang)
    keys = UniqueKeys(source, "message", compact=True) if unique else NO_KEYS  # type: ignore[arg-type]
    for entry in itertools.chain((first,) if first is not None else (), entries):
        if entry.obsolete or _is_header(entry) or ("fuzzy" in entry.flags and not include_fuzzy):
            continue
        if only_lines is not None and only_lines.isdisjoint(
            field.text_start().line for name, field in entry.fields.items() if name.startswith("msgstr")
        ):
            continue
        segments = _segments(source, keys, entry, src_lang, tgt_lang, plural_forms)  # type: ignore[arg-type]
        if not anchor:
            yield from segments
            continue
        window = Window(_raw_text(entry.lines), "utf-8", entry.lines[0].start, entry.lines[0].number)
        for segment in segments:
            yield anchored(segment, window, raw_runs, QUOTE)


def _from_header(header: _Entry | None, tgt_lang: str | None) -> tuple[str | None, tuple[int | None, str | None]]:
    """The target language (unless given) and the plural forms the header declares."""
    header_field = (header.fields.get("msgstr") or header.fields.get("msgstr[0]")) if header is not None else None
    header_text = header_field.value if header_field is not None else ""
    if tgt_lang is None and header is not None:
        match = _LANGUAGE.search(header_text)
        tgt_lang = match.group(1) if match else None
    plural_forms = _PLURAL_FORMS.search(header_text)
    return tgt_lang, (parse_header(plural_forms.group(1)) if plural_forms else (None, None))


def _raw_text(lines: list[Line]) -> str:
    """Consecutive lines as the file has them: each with the line end it had (``\\r\\n`` where
    the gap to the next line's offset is two characters)."""
    parts = []
    for line, following in itertools.pairwise(lines):
        parts.append(line.text)
        parts.append("\r\n" if following.start - line.start - len(line.text) == 2 else "\n")
    parts.append(lines[-1].text)
    return "".join(parts)


#: What ``iter_read`` can leave out of a streamed pass (formats/stream.py).
STREAM_OPTIONS = ("anchor", "only_lines", "unique")

#: What encloses a string: a target that is one quoted string, unescaped, on one line sits in
#: the file as it reads (formats.anchored needs no anchors for it).
QUOTE = '"'


def encode(text: str, segment: Segment | None = None) -> str:
    """One PO string literal: quotes, backslashes and control characters escaped."""
    return '"' + escape(text) + '"'


def escape(text: str) -> str:
    """Text inside a PO string: quotes, backslashes and C escapes (``\\n``, ``\\t``…)."""
    return text.translate(_ENCODE)


def sniff(data: bytes) -> Declared | None:
    """The header's charset (``Content-Type: text/plain; charset=ISO-8859-1``); None: UTF-8."""
    match = _CHARSET.search(data, 0, 1 << 16)
    if match is None or match.group(1).upper() == b"CHARSET":  # a template's placeholder
        return None
    return Declared(match.group(1).decode("ascii"), "its PO header")


def raw_runs(document: Document, start: int, end: int) -> list[Run]:
    """The runs of a field's quoted strings ``text[start:end]`` (from the first quote to the
    last): quotes and what lies between strings decode to nothing."""
    text, encoding = document.text, document.encoding
    runs: list[Run] = []
    cursor = start
    while cursor < end:
        if text[cursor] != '"':  # between two strings: blanks and a line end
            following = text.find('"', cursor, end)
            following = end if following < 0 else following
            runs.append(Run(SYNTAX, cursor - start, following - start))
            cursor = following
            continue
        closing = _string_end(text, cursor + 1, end)
        last = closing + 1 >= end
        runs.append(Run(SYNTAX, cursor - start, cursor + 1 - start))
        _string_runs(text, cursor + 1, closing, start, encoding, runs)
        runs.append(Run(SYNTAX, closing - start, closing + 1 - start, closes=last))
        cursor = closing + 1
    return _joined(runs)


#: A string's body up to its closing quote: anything but a quote, or an escaped character.
_BODY_RUN = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)


def _string_end(text: str, position: int, end: int) -> int:
    """The offset of the quote that closes the string whose body starts at ``position``
    (``end - 1`` where none does before ``end``)."""
    stop = _BODY_RUN.match(text, position, end).end()  # type: ignore[union-attr]
    return stop if stop < end and text[stop] == '"' else end - 1


def _string_runs(text: str, start: int, end: int, base: int, encoding: str, runs: list[Run]) -> None:
    pending: list[tuple[int, int, int]] = []  # byte escapes: (start, end, byte)
    codec = encoding if _ascii_compatible(encoding) else "utf-8"

    def flush() -> None:
        if not pending:
            return
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        group_start = pending[0][0]
        for escape_start, escape_end, value in pending:
            produced = decoder.decode(bytes([value]))
            if produced:
                runs.append(Run(ATOM, group_start - base, escape_end - base, produced))
                group_start = escape_end
            del escape_start
        pending.clear()

    for match in _PIECE.finditer(text, start, end):
        piece = match.group()
        if piece.startswith("\\"):
            if _BYTE_ESCAPE.fullmatch(piece):
                digits = piece[1:]
                value = (int(digits[1:], 16) if digits.startswith("x") else int(digits, 8)) & 0xFF
                pending.append((match.start(), match.end(), value))
                continue
            flush()
            runs.append(Run(ATOM, match.start() - base, match.end() - base, _SIMPLE_ESCAPES.get(piece[1], piece[1])))
        else:
            flush()
            runs.append(Run(PLAIN, match.start() - base, match.end() - base))
    flush()


def _joined(runs: list[Run]) -> list[Run]:
    """Adjacent syntax runs as one (a closing quote, the line end, the next opening quote)."""
    out: list[Run] = []
    for run in runs:
        if out and run.kind == SYNTAX and out[-1].kind == SYNTAX and not out[-1].closes:
            out[-1] = Run(SYNTAX, out[-1].raw_start, run.raw_end, closes=run.closes)
        else:
            out.append(run)
    return out


def _ascii_compatible(encoding: str) -> bool:
    return not encoding.startswith(("utf-16", "utf-32"))


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """A new msgstr laid out as msgcat lays it out (formats/powrap.py), so that the next
    msgmerge or msgcat changes nothing: wrapped at 79 columns, or not at all in a catalogue
    whose lines run longer (written with ``--no-wrap``). Only this msgstr's strings change."""
    start, end = segment.origin.span or (0, 0)
    line_start = document.text.rfind("\n", 0, start) + 1
    prefix = document.text[line_start:start]
    line_end = document.text.find("\n", end)
    newline = "\r\n" if line_end > 0 and document.text[line_end - 1] == "\r" else "\n"
    cjk = codecs.lookup(document.encoding).name.replace("-", "_") in _CJK_ENCODINGS
    lines = powrap.layout(prefix, text, wrap=_wrapped(document), cjk=cjk)
    return newline.join(lines)[len(prefix) :]


def _wrapped(document: Document) -> bool:
    """Whether the catalogue is wrapped: no string line runs past msgcat's width where it
    could have been broken at a space (a catalogue written with ``--no-wrap`` has such lines)."""
    cached = _WRAPPED.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    wrapped = not any(
        len(line) > powrap.WIDTH and " " in line.strip(" ") and line.lstrip().startswith(('"', "msg"))
        for line in document.text.splitlines()
    )
    _WRAPPED.clear()
    _WRAPPED[id(document)] = (document, wrapped)
    return wrapped


_WRAPPED: dict[int, tuple[Document, bool]] = {}


def marks(document: Document, keys: Set[str], kinds: Set[str], options: dict[str, object]) -> list[Splice]:
    """Splices that flag the entries of ``keys`` fuzzy as msgcat writes the flag: first in the
    entry's ``#,`` line (``#, fuzzy, c-format``), or a ``#, fuzzy`` line of its own before
    the ``#|`` previous-message lines and the keywords."""
    if "fuzzy" not in kinds or not keys:
        return []
    splices: list[Splice] = []
    for entry in _Scanner(document).entries():
        if entry.obsolete or _is_header(entry) or "fuzzy" in entry.flags or entry.keyword_line is None:
            continue
        label = _label(entry)
        if not any(key == f"{document.name}#{label}" or key.startswith(f"{document.name}#{label}[") for key in keys):
            continue
        flags = entry.flags_line
        if flags is not None:
            at = flags.text.index("#,") + 2
            splices.append((flags.start + at, flags.start + at, " fuzzy," if flags.text[at:].strip() else " fuzzy"))
            continue
        before = entry.previous_line or entry.keyword_line
        newline = "\r\n" if document.text.startswith("\r\n", before.end) else "\n"
        indent = before.text[: len(before.text) - len(before.text.lstrip())]
        splices.append((before.start, before.start, f"{indent}#, fuzzy{newline}"))
    return splices


def _label(entry: _Entry) -> str:
    """The entry's part of a key: msgctxt and msgid, escaped as in the file."""
    label = entry.fields["msgid"].value.translate(_ENCODE)
    if "msgctxt" in entry.fields:
        label = f"{entry.fields['msgctxt'].value.translate(_ENCODE)}|{label}"
    return label


def _is_header(entry: _Entry) -> bool:
    return "msgctxt" not in entry.fields and entry.fields["msgid"].value == ""


def _segments(
    document: Document,
    keys: UniqueKeys,
    entry: _Entry,
    src_lang: str | None,
    tgt_lang: str | None,
    plural_forms: tuple[int | None, str | None],
) -> list[Segment]:
    fields = entry.fields
    msgid = fields["msgid"]
    label = _label(entry)
    keys.add(f"{document.name}#{label}", label, msgid.line, shown=excerpt)
    forms = sorted(
        ((int(name[len("msgstr[") : -1]), value) for name, value in fields.items() if name.startswith("msgstr[")),
        key=lambda form: form[0],
    )
    if "msgid_plural" not in fields:
        forms = [(None, fields["msgstr"])]
    meta = Meta(
        flags=frozenset(entry.flags),
        context=fields["msgctxt"].value if "msgctxt" in fields else None,
        comments=tuple(entry.extracted),
        references=tuple(entry.references),
    )
    numbered = {number: bool(msgstr.value.strip()) for number, msgstr in forms if number is not None}
    translated = tuple(numbered.get(number, False) for number in range(max(numbered, default=-1) + 1))
    segments = []
    for number, msgstr in forms:
        if not msgstr.value.strip():
            continue
        source = msgid if not number else fields["msgid_plural"]
        target_start, source_start = msgstr.text_start(), source.text_start()
        suffix = "" if number is None else f"[{number}]"
        segments.append(
            Segment(
                key=f"{document.name}#{label}{suffix}",
                target=msgstr.value,
                source=source.value,
                origin=Origin(
                    path=document.name,
                    line=target_start.line,
                    column=target_start.column,
                    source_line=source_start.line,
                    source_column=source_start.column,
                    span=(msgstr.strings[0].start, msgstr.strings[-1].end),
                    source_span=(source.strings[0].start, source.strings[-1].end),
                ),
                src_lang=src_lang,
                tgt_lang=tgt_lang,
                notes=tuple(entry.comments),
                meta=meta if number is None else _plural_meta(meta, number, fields, translated, plural_forms),
            )
        )
    return segments


def _plural_meta(
    meta: Meta,
    number: int,
    fields: dict[str, _Field],
    translated: tuple[bool, ...],
    header: tuple[int | None, str | None],
) -> Meta:
    plural = PluralForm(number, fields["msgid"].value, fields["msgid_plural"].value, translated, *header)
    return Meta(meta.flags, meta.context, meta.comments, meta.references, plural)


class _Scanner:
    """Lines to entries: comments, then keywords each followed by one or more strings.
    An entry ends at a blank line, a comment, or a msgctxt/msgid after its msgstr."""

    def __init__(self, document: Document | LineFile, *, keep_lines: bool = False) -> None:
        self._document = document
        self._entry = _Entry()
        self._last: _Field | None = None
        self._entries: list[_Entry] = []
        self._keep_lines = keep_lines
        self._pending: list[Line] = []  # the current entry's lines so far (keep_lines)

    def entries(self) -> list[_Entry]:
        for line in self._document.lines():
            self._line(line)
        self._finish()
        return self._entries

    def iter_entries(self) -> Iterator[_Entry]:
        """The entries as each is complete (a streamed file holds one at a time)."""
        keep = self._keep_lines
        for line in self._document.lines():
            self._line(line)  # may complete the entry before this line
            if self._entries:
                yield from self._entries
                self._entries.clear()
            if keep and line.text.strip():
                self._pending.append(line)
        self._finish()
        yield from self._entries
        self._entries.clear()

    def _error(self, message: str, line: int, column: int | None = None) -> InputError:
        return InputError(InputProblem(self._document.name, message, line, column))

    def _line(self, line: Line) -> None:
        text = line.text
        stripped = text.lstrip()
        if not stripped:
            self._finish()
        elif stripped.startswith("#"):
            self._comment(stripped, line)
        elif stripped.startswith('"'):
            if self._last is None:
                raise self._error("a string outside any msgid or msgstr", line.number, len(text) - len(stripped) + 1)
            self._last.strings.append(self._string(line, len(text) - len(stripped)))
        else:
            self._keyword(line)

    def _comment(self, comment: str, line: Line) -> None:
        if self._entry.fields:
            self._finish()
        kind = comment[1:2]
        if kind == "~":
            self._entry.obsolete = True
        elif kind == ",":
            self._entry.flags.update(flag.strip() for flag in comment[2:].split(","))
            self._entry.flags_line = self._entry.flags_line or line
        elif kind == "|":
            self._entry.previous_line = self._entry.previous_line or line
        elif kind == ".":
            if comment[2:].strip():
                self._entry.extracted.append(comment[2:].strip())
        elif kind == ":":
            self._entry.references.extend(comment[2:].split())
        else:
            note = comment[2:] if kind == " " else comment[1:]
            if note.strip():
                self._entry.comments.append(note)

    def _keyword(self, line: Line) -> None:
        match = _KEYWORD.match(line.text)
        if match is None:
            column = len(line.text) - len(line.text.lstrip()) + 1
            raise self._error(
                "expected a comment, a keyword (msgctxt, msgid, msgid_plural, msgstr) or a quoted string",
                line.number,
                column,
            )
        keyword = match.group(1)
        if self._entry.obsolete:  # live lines right after an obsolete entry start a new one
            self._finish()
        fields = self._entry.fields
        if keyword in ("msgctxt", "msgid") and any(name.startswith("msgstr") for name in fields):
            self._finish()
            fields = self._entry.fields
        if keyword in fields:
            raise self._error(f"duplicate {keyword} in one entry", line.number, match.start(1) + 1)
        self._last = fields[keyword] = _Field(line.number)
        self._entry.keyword_line = self._entry.keyword_line or line
        if not line.text.startswith('"', match.end()):
            raise self._error(f"expected a quoted string after {keyword}", line.number, match.end() + 1)
        self._last.strings.append(self._string(line, match.end()))

    def _string(self, line: Line, quote: int) -> _String:
        """The string whose opening quote is at ``quote`` on the line; only blanks may follow."""
        body = _STRING_BODY.match(line.text, quote + 1)
        if body is None:
            raise self._error('unterminated string: no closing " on this line', line.number, quote + 1)
        rest = line.text[body.end() :]
        if rest.strip():
            column = body.end() + len(rest) - len(rest.lstrip()) + 1
            raise self._error("unexpected text after the closing quote", line.number, column)
        value = self._unescape(body.group(1), line, quote + 2)
        return _String(line.start + quote, line.start + body.end(), line.number, quote + 2, value)

    def _unescape(self, raw: str, line: Line, column: int) -> str:
        """C escapes; octal and hex ones are bytes, as in gettext, in the catalogue's encoding."""
        if "\\" not in raw:
            return raw
        encoding = self._document.encoding
        codec = encoding if _ascii_compatible(encoding) else "utf-8"
        out = bytearray()
        cursor = 0
        for match in _ESCAPE.finditer(raw):
            out += raw[cursor : match.start()].encode(codec, errors="surrogatepass")
            octal, hexadecimal, char = match.groups()
            if octal or hexadecimal:
                out.append((int(octal, 8) if octal else int(hexadecimal[-8:], 16)) & 0xFF)
            elif char in _SIMPLE_ESCAPES:
                out += _SIMPLE_ESCAPES[char].encode(codec)
            else:
                raise self._error(f"unknown escape sequence \\{excerpt(char)}", line.number, column + match.start())
            cursor = match.end()
        out += raw[cursor:].encode(codec, errors="surrogatepass")
        try:
            return out.decode(codec)
        except UnicodeDecodeError:
            name = self._document.encoding_name
            raise self._error(f"escape sequences that are not {name}", line.number, column) from None

    def _finish(self) -> None:
        """Close the current entry: check it is complete and keep it."""
        entry, self._entry, self._last = self._entry, _Entry(), None
        if self._keep_lines:
            entry.lines, self._pending = self._pending, []
        if not entry.fields or entry.obsolete:
            return
        fields = entry.fields
        first = min(fields.values(), key=lambda f: f.line)
        if "msgid" not in fields:
            name = next(name for name, value in fields.items() if value is first)
            raise self._error(f"{name} without a msgid", first.line)
        plural = "msgid_plural" in fields
        forms = [name for name in fields if name.startswith("msgstr[")]
        if plural and (not forms or "msgstr" in fields):
            raise self._error("msgid_plural needs msgstr[0], msgstr[1]…, not msgstr", fields["msgid"].line)
        if not plural and forms:
            raise self._error(f"{forms[0]} without a msgid_plural", fields[forms[0]].line)
        if not plural and "msgstr" not in fields:
            raise self._error("msgid without a msgstr", fields["msgid"].line)
        self._entries.append(entry)
