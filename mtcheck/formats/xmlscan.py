"""Safe XML scanning for the XML formats (XLIFF, TMX): a tree of elements with offsets.

Expat is the parser (it reports byte positions, which the writers need: ElementTree and
defusedxml drop them). It is guarded the way defusedxml guards it: any entity declaration is
refused at once (billion laughs, and the only way to name a local file: XXE); external
entities and external DTDs are never fetched; a reference to an entity nobody declared is
refused too. A refusal is a one-line InputError at the declaration, never a hang or a read.

Only elements are recorded, with the offsets (into ``Document.text``, in characters) of
their start tag, content and end tag; text is read back from the raw file with ``inner``,
which keeps markup as written and decodes character data, so a target's inline codes stay
in its text and a writer can put them back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from mtcheck.formats.common import input_error
from mtcheck.formats.textio import Document
from mtcheck.model import InputError

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

#: A start or empty-element tag as expat accepted it: quoted values may hold ``>``.
_TAG = re.compile(r"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
#: The markup inside an element's content, kept verbatim by ``inner``.
_MARKUP = re.compile(
    r"""(<!\[CDATA\[.*?\]\]>)|<!--.*?-->|<\?.*?\?>|</?[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""",
    re.DOTALL,
)
_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][\w.-]*));")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile("[&<>]")


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


class _Refused(Exception):
    def __init__(self, message: str, byte_index: int, *, declaration: bool = False) -> None:
        super().__init__(message)
        self.byte_index = byte_index
        self.declaration = declaration


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
        self._parser = parser
        self.offsets = _Offsets(text, data)
        self._stack: list[Element] = []
        self.root: Element | None = None
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = self._entity_declaration
        parser.UnparsedEntityDeclHandler = self._unparsed_entity
        parser.ExternalEntityRefHandler = self._external_entity
        parser.SkippedEntityHandler = self._skipped_entity

    def _start(self, qualified: str, attrs: dict[str, str]) -> None:
        start = self.offsets.char(self._parser.CurrentByteIndex)
        tag = _TAG.match(self._text, start)
        assert tag is not None, "expat accepted a start tag the scanner cannot match"
        namespace, _, name = qualified.rpartition(" ")
        element = Element(
            namespace,
            name,
            {_attribute_name(key): value for key, value in attrs.items()},
            start,
            tag.end(),
            empty=tag.group().endswith("/>"),
        )
        if self._stack:
            self._stack[-1].children.append(element)
        else:
            self.root = element
        self._stack.append(element)

    def _end(self, qualified: str) -> None:
        element = self._stack.pop()
        if element.empty:
            element.content_end = element.end = element.content_start
            return
        element.content_end = self.offsets.char(self._parser.CurrentByteIndex)
        element.end = self._text.index(">", element.content_end) + 1

    def _entity_declaration(self, name: str, is_parameter: bool, *_: object) -> None:
        label = f"%{name}" if is_parameter else name
        raise _Refused(
            f"refused XML entity declaration {label!r}: entities can expand without bound or read other files",
            self._parser.CurrentByteIndex,
            declaration=True,
        )

    def _unparsed_entity(self, name: str, *_: object) -> None:
        self._entity_declaration(name, False)

    def _external_entity(self, context: str, base: str | None, system_id: str | None, public_id: str | None) -> int:
        raise _Refused(f"refused external XML entity {system_id!r}", self._parser.CurrentByteIndex)

    def _skipped_entity(self, name: str, is_parameter: bool) -> None:
        raise _Refused(f"refused reference to undeclared XML entity {name!r}", self._parser.CurrentByteIndex)


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
            offset = max(document.text.rfind("<!ENTITY", 0, offset + 1), 0)
        raise input_error(document, str(exc), offset) from None
    assert builder.root is not None, "expat accepted a document without a root element"
    return builder.root


def inner(text: str, element: Element) -> str:
    """The element's content: markup (inline codes, comments) verbatim, character data
    decoded (references resolved, CDATA unwrapped)."""
    out: list[str] = []
    cursor = element.content_start
    for match in _MARKUP.finditer(text, element.content_start, element.content_end):
        out.append(_decode(text[cursor : match.start()]))
        cdata = match.group(1)
        out.append(cdata[len("<![CDATA[") : -len("]]>")] if cdata else match.group())
        cursor = match.end()
    out.append(_decode(text[cursor : element.content_end]))
    return "".join(out)


def _decode(data: str) -> str:
    return _REFERENCE.sub(_resolve, data) if "&" in data else data


def _resolve(match: re.Match[str]) -> str:
    hexadecimal, decimal, name = match.groups()
    if hexadecimal:
        return chr(int(hexadecimal, 16))
    if decimal:
        return chr(int(decimal))
    return _PREDEFINED[name]  # expat let no other entity through


def inline_code_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """Tags of a format's inline elements (any prefix), comments and processing instructions:
    the markup ``escape`` leaves as it is."""
    alternatives = "|".join(sorted(names))
    return re.compile(
        rf"""<!--.*?-->|<\?.*?\?>|</?(?:[\w.-]+:)?(?:{alternatives})(?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*/?>""",
        re.DOTALL,
    )


def escape(text: str, keep: re.Pattern[str]) -> str:
    """Text as XML content: ``& < >`` escaped except inside the markup ``keep`` matches, so
    inline codes given back in a target are written back as codes."""
    out: list[str] = []
    cursor = 0
    for match in keep.finditer(text):
        out.append(_SPECIAL.sub(lambda m: _ESCAPES[m.group()], text[cursor : match.start()]))
        out.append(match.group())
        cursor = match.end()
    out.append(_SPECIAL.sub(lambda m: _ESCAPES[m.group()], text[cursor:]))
    return "".join(out)


def not_a(document: Document, root: Element, what: str) -> InputError:
    """The problem for a well-formed file of another XML vocabulary."""
    return input_error(document, f"not {what}: the root element is <{root.name}>", root.start)
