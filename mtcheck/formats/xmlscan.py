"""Safe XML scanning for the XML formats (XLIFF, TMX): a tree of elements with offsets.

Expat is the parser (it reports byte positions, which the writers need: ElementTree and
defusedxml drop them). It is guarded the way defusedxml guards it: any entity declaration is
refused at once (billion laughs, and the only way to name a local file: XXE); external
entities and external DTDs are never fetched; a reference to an entity nobody declared is
refused too. A refusal is a one-line InputError at the declaration, never a hang or a read.

Declarations that would change what the document says are refused as well: an attribute
default in the internal subset (``<!ATTLIST trans-unit translate CDATA "no">`` would hide
every unit). A DOCTYPE that only names a DTD is fine: it is never read.

Only elements are recorded, with the offsets (into ``Document.text``, in characters) of
their start tag, content and end tag; text is read back from the raw file through its
runs (``content_runs``, see formats/runs.py): markup as written, character data decoded
(references resolved, CDATA unwrapped, line ends normalised to ``\n`` as XML does), so a
target's inline codes stay in its text and a writer can put them back unchanged.

The file's encoding is the document's (``sniff`` finds a declared one, or UTF-16 without a
BOM from the first bytes); the scanner hands expat the decoded text as UTF-8, so expat and
the offsets agree whatever the file is written in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers import expat

from mtcheck.display import excerpt
from mtcheck.formats.common import Positions, input_error
from mtcheck.formats.runs import ATOM, MARKUP, PLAIN, SYNTAX, Literal, Run, WriteError, decoded
from mtcheck.formats.runs import rewrite as runs_rewrite
from mtcheck.formats.textio import Declared, Document
from mtcheck.model import InputError, Origin, Segment

if TYPE_CHECKING:
    from mtcheck.formats import Window

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

#: A start or empty-element tag as expat accepted it: quoted values may hold ``>``.
_TAG = re.compile(r"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
#: What content holds besides plain characters, in a well-formed document (expat said so).
_CONTENT = re.compile(
    r"""(?P<cdata><!\[CDATA\[)|(?P<markup><!--.*?-->|<\?.*?\?>|<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>)"""
    r"""|&(?:\#x(?P<hex>[0-9A-Fa-f]+)|\#(?P<dec>[0-9]+)|(?P<name>[A-Za-z_][\w.-]*));|(?P<newline>\r\n?)""",
    re.DOTALL,
)
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_SPECIAL = re.compile("[&<>\r]")
#: Characters XML 1.0 cannot hold, not even as a reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CDATA = Literal(close="]]>", reopen="<![CDATA[")
#: Tags, comments and processing instructions as they appear in decoded text: the pieces a
#: diff matches whole (see runs.diff).
CODES = re.compile(r"""<!--.*?-->|<\?.*?\?>|</?[A-Za-z_][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""", re.DOTALL)
_DECLARATION = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1""")


@dataclass(slots=True, eq=False)
class Element:
    """An element's name, attributes and offsets: ``start`` is its ``<``, ``content_start``
    and ``content_end`` bound what lies between its tags, ``end`` follows its end tag."""

    namespace: str
    name: str
    attrs: dict[str, str]
    start: int
    content_start: int
    content_end: int = -1
    end: int = -1
    empty: bool = False  # written as <name/>
    children: list[Element] = field(default_factory=list)

    def find(self, name: str) -> Element | None:
        """The first child called ``name`` (local name)."""
        return next((child for child in self.children if child.name == name), None)

    def findall(self, name: str) -> Iterator[Element]:
        return (child for child in self.children if child.name == name)


@dataclass(frozen=True, slots=True)
class Stretch:
    """A document's text, or the stretch of it a streamed read holds (``iter_parse``): ``base``
    is where it starts in the document, ``lines`` gives the (line, column) of a document
    offset. What a reader needs to read elements whose offsets are the document's."""

    name: str
    text: str
    base: int
    lines: Positions | Window

    def inner(self, element: Element) -> str:
        return inner(self.text, element, self.base)

    def blank(self, element: Element) -> bool:
        return blank(self.text, element, self.base)

    def line(self, offset: int) -> int:
        return self.lines.line_column(offset)[0]

    def origin(self, target: Element, source: Element | None) -> Origin:
        """Where a target element's content (and its source's) sits: what ``Origin`` says."""
        line, column = self.lines.line_column(target.content_start)
        source_line, source_column = self.lines.line_column(source.content_start) if source else (None, None)
        return Origin(
            path=self.name,
            line=line,
            column=column,
            source_line=source_line,
            source_column=source_column,
            span=(target.content_start, target.content_end),
            source_span=(source.content_start, source.content_end) if source is not None else None,
        )


class ReadWhole(ValueError):
    """What a streamed read (``iter_parse``) cannot say as the whole read says it — a repeated
    key, units in other languages, anything the whole read refuses: the caller reads the file
    whole (formats/stream.py)."""


class _Refused(Exception):
    def __init__(self, message: str, byte_index: int, *, declaration: bool = False, keyword: str = "<!ENTITY") -> None:
        super().__init__(message)
        self.byte_index = byte_index
        self.declaration = declaration
        self.keyword = keyword


class _Offsets:
    """Byte offsets (expat's) to character offsets (``Document.text``'s). Expat reports
    positions in document order, so decoding from the last one keeps this linear."""

    def __init__(self, text: str, data: bytes) -> None:
        self._data = data
        self._ascii = len(data) == len(text)
        self._byte = 0
        self._char = 0

    def char(self, byte: int) -> int:
        if self._ascii:
            return byte
        if byte < self._byte:
            self._byte = self._char = 0
        self._char += len(self._data[self._byte : byte].decode("utf-8", errors="replace"))
        self._byte = byte
        return self._char


class _Builder:
    """Expat handlers that build the element tree and refuse what is unsafe."""

    def __init__(self, text: str, data: bytes, parser: expat.XMLParserType) -> None:
        self._text = text
        self._base = 0  # where ``_text`` starts in the document (a streamed read holds a stretch)
        self._parser = parser
        self.offsets: _Offsets | _StreamOffsets = _Offsets(text, data)
        self._stack: list[Element] = []
        self.root: Element | None = None
        self._names: dict[str, tuple[str, str]] = {}  # qualified name → (namespace, local name)
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = self._entity_declaration
        parser.UnparsedEntityDeclHandler = self._unparsed_entity
        parser.ExternalEntityRefHandler = self._external_entity
        parser.SkippedEntityHandler = self._skipped_entity
        parser.AttlistDeclHandler = self._attribute_declaration

    def _start(self, qualified: str, attrs: dict[str, str]) -> None:
        start = self.offsets.char(self._parser.CurrentByteIndex)
        tag = _TAG.match(self._text, start - self._base)
        if tag is None:  # expat and the scanner disagree: refuse rather than guess
            raise _Refused("a start tag mtcheck cannot read back", self._parser.CurrentByteIndex)
        names = self._names.get(qualified)
        if names is None:
            names = self._names[qualified] = qualified.rpartition(" ")[::2]
        for key in attrs:
            if " " in key:  # a namespaced attribute: every name spelled as _attribute_name says
                attrs = {_attribute_name(key): value for key, value in attrs.items()}
                break
        end = tag.end()
        element = Element(
            names[0], names[1], attrs, start, end + self._base, empty=self._text.startswith("/>", end - 2)
        )
        if self._stack:
            self._attach(self._stack[-1], element)
        else:
            self.root = element
        self._stack.append(element)

    def _attach(self, parent: Element, child: Element) -> None:
        parent.children.append(child)

    def _end(self, qualified: str) -> None:
        element = self._stack.pop()
        if element.empty:
            element.content_end = element.end = element.content_start
            return
        element.content_end = self.offsets.char(self._parser.CurrentByteIndex)
        element.end = self._text.index(">", element.content_end - self._base) + 1 + self._base

    def _entity_declaration(self, name: str, is_parameter: bool, *_: object) -> None:
        label = f"%{name}" if is_parameter else name
        raise _Refused(
            f"refused XML entity declaration {label!r}: entities can expand without bound or read other files",
            self._parser.CurrentByteIndex,
            declaration=True,
        )

    def _attribute_declaration(
        self, element: str, attribute: str, kind: str, default: str | None, required: bool
    ) -> None:
        if default is None:  # #IMPLIED or #REQUIRED: says nothing about the content
            return
        raise _Refused(
            f"refused DTD attribute default <!ATTLIST {element} {attribute} … {default!r}>: it would change "
            "what the document says",
            self._parser.CurrentByteIndex,
            declaration=True,
            keyword="<!ATTLIST",
        )

    def _unparsed_entity(self, name: str, *_: object) -> None:
        self._entity_declaration(name, False)

    def _external_entity(self, context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
        raise _Refused(f"refused external XML entity {system_id!r}", self._parser.CurrentByteIndex)

    def _skipped_entity(self, name: str, is_parameter: bool) -> None:
        raise _Refused(f"refused reference to undeclared XML entity {name!r}", self._parser.CurrentByteIndex)


class _StreamOffsets:
    """Byte offsets to character offsets for a document fed a chunk at a time: only the bytes
    not yet passed are kept (expat reports positions in document order)."""

    def __init__(self) -> None:
        self._data = b""  # the bytes from ``_data_byte`` on
        self._data_byte = 0
        self._byte = 0  # the last position asked for, and its character offset
        self._char = 0

    def feed(self, chunk: bytes) -> None:
        used = self._byte - self._data_byte
        self._data = self._data[used:] + chunk
        self._data_byte = self._byte

    def char(self, byte: int) -> int:
        if byte < self._byte:
            raise ValueError("expat reported a position before the last one")
        piece = self._data[self._byte - self._data_byte : byte - self._data_byte]
        self._char += len(piece) if piece.isascii() else len(piece.decode("utf-8"))
        self._byte = byte
        return self._char

    @property
    def last(self) -> int:
        """The character offset of the last position asked for."""
        return self._char


@dataclass(frozen=True, slots=True)
class Event:
    """An element ``iter_parse`` reports: ``"start"`` (its attributes known, no content yet)
    or ``"end"`` (whole, with its children); ``ancestors`` from the root down."""

    kind: str
    element: Element
    ancestors: tuple[Element, ...]


class _StreamBuilder(_Builder):
    """The builder for ``iter_parse``: keeps a stretch of the text, reports events, and
    leaves out of the tree what the reader says it will not look for there again."""

    def __init__(
        self,
        parser: expat.XMLParserType,
        starts: frozenset[str],
        ends: frozenset[str],
        detached: Callable[[Element, Element], bool],
    ) -> None:
        super().__init__("", b"", parser)
        self.stream_offsets = self.offsets = _StreamOffsets()
        self._starts, self._ends, self._detached = starts, ends, detached
        self.events: list[Event] = []

    def _start(self, qualified: str, attrs: dict[str, str]) -> None:
        super()._start(qualified, attrs)
        element = self._stack[-1]
        if element.name in self._starts or len(self._stack) == 1:
            self.events.append(Event("start", element, tuple(self._stack[:-1])))

    def _attach(self, parent: Element, child: Element) -> None:
        if not self._detached(parent, child):
            parent.children.append(child)

    def _end(self, qualified: str) -> None:
        element = self._stack[-1]
        super()._end(qualified)
        if element.name in self._ends:
            self.events.append(Event("end", element, tuple(self._stack)))

    def keep_from(self) -> int:
        """The first offset still needed: the start of the outermost open element that will
        be reported at its end, else the last position expat reported."""
        for element in self._stack:
            if element.name in self._ends:
                return min(element.start, self.stream_offsets.last)
        return self.stream_offsets.last


#: Bytes ``iter_parse`` reads and parses at a time.
CHUNK_BYTES = 1 << 20


def iter_parse(
    path: str,
    *,
    starts: frozenset[str] = frozenset(),
    ends: frozenset[str] = frozenset(),
    detached: Callable[[Element, Element], bool] = lambda parent, child: False,
) -> Iterator[tuple[Event, Window]]:
    """A UTF-8 file parsed from disk a chunk at a time, as ``parse`` parses it whole (the same
    elements, offsets and refusals): the starts of the root and of elements named in
    ``starts``, the ends of those named in ``ends``, each with the stretch of the text that
    holds everything since the outermost open element named in ``ends`` (a ``Window``: it
    starts at a line start, offsets are the document's). A child for which ``detached(parent,
    child)`` is true is not kept in its parent (a reader done with each unit keeps none).

    Raises ValueError for anything ``parse`` would refuse (the caller reads the file whole,
    which says what is wrong), UnicodeDecodeError for a byte that is not UTF-8."""
    import codecs

    from mtcheck.formats import Window

    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = _StreamBuilder(parser, starts, ends, detached)
    decoder = codecs.getincrementaldecoder("utf-8")()
    text, base, first_line = "", 0, 1
    with open(path, "rb") as handle:
        first = True
        while True:
            chunk = handle.read(CHUNK_BYTES)
            if first and chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]  # offsets count characters after the BOM
            first = False
            # What is no longer needed goes, from a line start (a Window starts at one).
            cut = text.rfind("\n", 0, max(builder.keep_from() - base, 0)) + 1
            if cut:
                first_line += text.count("\n", 0, cut)
                text, base = text[cut:], base + cut
            text += decoder.decode(chunk, final=not chunk)
            builder._text, builder._base = text, base
            builder.stream_offsets.feed(chunk)
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                raise ValueError(f"not well-formed XML ({exc})") from None
            except _Refused as exc:
                raise ValueError(str(exc)) from None
            if builder.events:
                window = Window(text, "utf-8", base, first_line)
                events, builder.events = builder.events, []
                for event in events:
                    yield event, window
            if not chunk:
                break
    if builder.root is None:
        raise ValueError("not well-formed XML (no element found)")


def _attribute_name(qualified: str) -> str:
    """``xml:lang`` for the XML namespace, ``{uri}name`` for others, plain names as they are."""
    namespace, _, name = qualified.rpartition(" ")
    if not namespace:
        return name
    return f"xml:{name}" if namespace == XML_NAMESPACE else f"{{{namespace}}}{name}"


def parse(document: Document) -> Element:
    """The root element of a well-formed, safe document; InputError otherwise."""
    data = document.text.encode("utf-8")
    # The text was decoded as UTF-8 whatever the XML declaration says; expat must agree.
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = _Builder(document.text, data, parser)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) or str(exc)
        if reason.startswith("not well-formed (") and reason.endswith(")"):
            reason = reason[len("not well-formed (") : -1]
        offset = _Offsets(document.text, data).char(max(parser.ErrorByteIndex, 0))
        raise input_error(document, f"not well-formed XML ({reason})", offset) from None
    except _Refused as exc:
        offset = _Offsets(document.text, data).char(max(exc.byte_index, 0))
        if exc.declaration:  # expat reports a point inside the declaration: name its start
            offset = max(document.text.rfind(exc.keyword, 0, offset + 1), 0)
        raise input_error(document, str(exc), offset) from None
    if builder.root is None:  # expat would have said "no element found"
        raise input_error(document, "not well-formed XML (no element found)", 0)
    return builder.root


def content_runs(text: str, start: int, end: int) -> list[Run]:
    """The runs of ``text[start:end]`` (an element's content), offsets relative to ``start``."""
    runs: list[Run] = []
    cursor = start
    while cursor < end:
        match = _CONTENT.search(text, cursor, end)
        if match is None:
            break
        if match.start() > cursor:
            runs.append(Run(PLAIN, cursor - start, match.start() - start))
        if match.group("cdata"):
            close = text.find("]]>", match.end(), end)
            close = end - 3 if close < 0 else close
            runs.append(Run(SYNTAX, match.start() - start, match.end() - start, opens=True))
            _literal_runs(text, match.end(), close, start, runs)
            runs.append(Run(SYNTAX, close - start, close + 3 - start, closes=True))
            cursor = close + 3
            continue
        if match.group("markup"):
            runs.append(Run(MARKUP, match.start() - start, match.end() - start))
        elif match.group("newline"):
            runs.append(Run(ATOM, match.start() - start, match.end() - start, "\n"))
        else:
            runs.append(Run(ATOM, match.start() - start, match.end() - start, _character(match)))
        cursor = match.end()
    if cursor < end:
        runs.append(Run(PLAIN, cursor - start, end - start))
    return runs


def _literal_runs(text: str, start: int, end: int, base: int, runs: list[Run]) -> None:
    """A CDATA section's characters: as they are, but for line ends (normalised there too)."""
    cursor = start
    for match in re.finditer("\r\n?", text[start:end]):
        at = start + match.start()
        if at > cursor:
            runs.append(Run(PLAIN, cursor - base, at - base))
        runs.append(Run(ATOM, at - base, start + match.end() - base, "\n"))
        cursor = start + match.end()
    if cursor < end:
        runs.append(Run(PLAIN, cursor - base, end - base))


def _character(match: re.Match[str]) -> str:
    hexadecimal, decimal, name = match.group("hex"), match.group("dec"), match.group("name")
    if hexadecimal:
        return chr(int(hexadecimal, 16))
    if decimal:
        return chr(int(decimal))
    return _PREDEFINED[name]  # expat let no other entity through


def blank(text: str, element: Element, base: int = 0) -> bool:
    """Whether the element's content reads as nothing but white space (cheaply, usually).
    ``base``: the offset in the document where ``text`` starts (a streamed read's stretch)."""
    raw = text[element.content_start - base : element.content_end - base]
    if not raw.strip():
        return True
    if "&" not in raw and "<![CDATA[" not in raw:
        return False  # a character or a code: not blank
    return not inner(text, element, base).strip()


def element_runs(text: str, element: Element, base: int = 0) -> list[Run]:
    return content_runs(text, element.content_start - base, element.content_end - base)


def inner(text: str, element: Element, base: int = 0) -> str:
    """The element's content: markup (inline codes, comments) verbatim, character data
    decoded (references resolved, CDATA unwrapped, line ends normalised)."""
    raw = text[element.content_start - base : element.content_end - base]
    if not _SPECIAL.search(raw) and "]]>" not in raw:
        return raw
    return decoded(raw, element_runs(text, element, base))


def escaper(encoding: str):
    """Escaping for text inserted into content: ``& < >`` (and CR, which would be read as a
    line end) as references; characters the encoding lacks as numeric references. Inserted
    text is never markup, so a tag-like text stays text."""

    def escape(text: str) -> str:
        bad = _NOT_XML.search(text)
        if bad:
            raise WriteError(f"U+{ord(bad.group()):04X} cannot be written in XML, not even as a reference")
        escaped = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text)
        if encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            return escaped
        return escaped.encode(encoding, errors="xmlcharrefreplace").decode(encoding)

    return escape


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """A new target's raw content (see formats/runs.py): unchanged characters as the file
    spells them, changed ones escaped for the file's encoding."""
    start, end = segment.origin.span or (0, 0)
    raw = document.text[start:end]
    return runs_rewrite(
        raw,
        content_runs(document.text, start, end),
        segment.target,
        text,
        escaper(document.encoding),
        codes=CODES,
        literal=_cdata(document.encoding),
    )


#: Text that can stand in a CDATA section as it is: no ``]`` or ``>`` (which could close it),
#: no CR (read as a line end), nothing XML cannot hold.
_IN_CDATA = re.compile("[^\\]>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]*")


def _cdata(encoding: str) -> Literal:
    """CDATA for a file in ``encoding``: inserted text goes in as it is when it can (a fix
    inside a CDATA section keeps the section whole), else the section is left and re-entered."""

    def verbatim(text: str) -> bool:
        if not _IN_CDATA.fullmatch(text):
            return False
        try:
            text.encode(encoding)
        except UnicodeEncodeError:  # a character the encoding lacks needs a reference, outside CDATA
            return False
        return True

    return Literal(close=CDATA.close, reopen=CDATA.reopen, verbatim=verbatim)


def inline_tags(names: frozenset[str]) -> re.Pattern[str]:
    """Tags of a format's inline elements (any prefix), as text would spell them: what a
    writer must never let appear as text where there was none (a code turned into text)."""
    alternatives = "|".join(sorted(names))
    return re.compile(rf"""</?(?:[\w.-]+:)?(?:{alternatives})(?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*/?>""")


def sniff(data: bytes) -> Declared | None:
    """The encoding an XML file without a BOM is in: UTF-16 from its first bytes, else what
    its declaration says (None: UTF-8)."""
    if data[:2] in (b"<\x00", b"\x00<") or (len(data) > 1 and (data[0] == 0) != (data[1] == 0)):
        return Declared("UTF-16LE" if data[1:2] == b"\x00" else "UTF-16BE", "its first bytes")
    match = _DECLARATION.match(data, 0, 400)
    if match is None:
        return None
    return Declared(match.group(2).decode("ascii"), "its XML declaration")


def not_a(document: Document, root: Element, what: str) -> InputError:
    """The problem for a well-formed file of another XML vocabulary."""
    return input_error(document, f"not {what}: the root element is <{excerpt(root.name)}>", root.start)
