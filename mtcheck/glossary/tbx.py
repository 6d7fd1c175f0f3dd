"""TBX (ISO 30042), the format terminology tools exchange glossaries in.

``write_tbx`` writes TBX v3, dialect TBX-Basic, DCA style. ``read_tbx`` reads that, the DCT
style, and TBX v2 (``<martif>``, ``<termEntry>``, ``<langSet>``, ``<tig>``/``<ntig>``), which
most tools still export. The mapping:

    conceptEntry/@id                     Entry.id
    conceptEntry/note                    Entry.note (several notes are joined with "; ")
    source langSec, every termSec        Entry.source, in file order
    target langSec, termSec with
      administrativeStatus preferredTerm   Entry.target[0] (preferred terms come first)
      admittedTerm, or no status           Entry.target[1:]
      deprecatedTerm or supersededTerm     Entry.forbidden
    termNote partOfSpeech                Entry.pos (written on every term; read from the first)
    conceptEntry/admin x-mtcheck-*       what TBX-Basic has no category for: caseSensitive
                                         (yes), status, severity, srcLang, tgtLang, pos (only
                                         when the entry has no term to carry it), and id (the
                                         entry's own id when it is empty or not an XML NCName,
                                         so the conceptEntry gets a generated ``c1``, ``c2``...)
    tbxHeader//p[@type=x-mtcheck-        the glossary's default severity (for entries that set
      defaultSeverity]                   none; ``# default-severity:`` in the TSV file)

The languages of the file: the caller's ``src_lang``/``tgt_lang`` when given; otherwise the
file must use exactly two languages in its langSecs, and the one that appears first in the
document is the source (``write_tbx`` puts the source langSec first). A single override picks
the other language when exactly one is left. The root ``xml:lang`` is only the language of the
file's prose, so it is not used.

XML is parsed with defusedxml: entity declarations (billion laughs, XXE) are refused, and
external DTDs are never fetched. XML modules are imported inside the functions because
``mtcheck`` must start fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mtcheck.atomic import write_atomic
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.glossary.model import Entry
from mtcheck.glossary.tsvfile import TRUE_WORDS, GlossaryError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN = "x-mtcheck-"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
CONCEPTS = ("conceptEntry", "termEntry")  # v3, v2
HEADERS = ("tbxHeader", "martifHeader")  # v3, v2
DEFAULT_SEVERITY = f"{ADMIN}defaultSeverity"
LANGUAGES = ("langSec", "langSet")
TERMS = ("termSec", "tig", "ntig")
STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
FORBIDDEN_STATUSES = ("deprecatedterm", "supersededterm")

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")  # ASCII only: safely a valid xsd:ID
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_POSITION = re.compile(r": line \d+, column \d+$")


@dataclass(slots=True)
class _Term:
    text: str
    status: str  # "preferred", "admitted" or "forbidden"
    pos: str


@dataclass(slots=True)
class _Concept:
    line: int
    id: str
    admin: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    languages: list[tuple[str, list[_Term]]] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------


class TbxGlossary(NamedTuple):
    entries: list[Entry]
    source: str
    target: str
    default_severity: str


def read_tbx(
    path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> tuple[list[Entry], str, str]:
    """The file's concepts as entries, with its source and target language (rule above)."""
    entries, source, target, _ = read_tbx_file(path, src_lang, tgt_lang)
    return entries, source, target


def read_tbx_file(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None) -> TbxGlossary:
    """``read_tbx``, and the glossary's default severity from the header ("" when none)."""
    name = str(path)
    root, lines = _parse(name)
    kind = _local(root.tag)
    if kind not in ("tbx", "martif"):
        raise GlossaryError(f"{name}: not a TBX file (the root element is <{_one_line(kind)}>)")
    elements = [element for element in root.iter() if _local(element.tag) in CONCEPTS]
    concepts = [_concept(element, line) for element, line in zip(elements, lines, strict=True)]
    source, target = _languages(name, concepts, src_lang, tgt_lang)
    entries = []
    for concept in concepts:
        source_terms = [t for lang, terms in concept.languages if lang.lower() == source.lower() for t in terms]
        target_terms = [t for lang, terms in concept.languages if lang.lower() == target.lower() for t in terms]
        if concept.languages and not source_terms + target_terms:
            continue  # a concept only in other languages of a multilingual termbase
        entries.append(_entry(concept, source_terms, target_terms))
    default = next(
        (
            _text(element).strip()
            for header in root
            if _local(header.tag) in HEADERS
            for element in header.iter()
            if _local(element.tag) == "p" and element.get("type") == DEFAULT_SEVERITY
        ),
        "",
    )
    return TbxGlossary(entries, source, target, default)


def _parse(name: str) -> tuple[Element, list[int]]:
    """The root element, and the line of each concept's start tag in document order."""
    from xml.etree.ElementTree import TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.common import EntitiesForbidden
    from defusedxml.ElementTree import DefusedXMLParser, ParseError

    class Builder(TreeBuilder):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[int] = []
            self.expat: Any = None

        def start(self, tag: str, attrs: dict[str, str]) -> Element:
            if _local(tag) in CONCEPTS:
                self.lines.append(self.expat.CurrentLineNumber)
            return super().start(tag, attrs)

    try:
        data = read_regular(name)
    except FileProblem as exc:
        raise GlossaryError(f"{name}: {exc}") from None
    builder = Builder()
    parser = DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except EntitiesForbidden as exc:
        line = parser.parser.CurrentLineNumber
        raise GlossaryError(
            f"{name}:{line}: entity declarations are not allowed in TBX (entity {_one_line(exc.name)!r})"
        ) from None
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        raise GlossaryError(f"{name}:{line}: unsafe XML refused ({_one_line(str(exc))})") from None
    except ParseError as exc:
        line, column = exc.position
        detail = _POSITION.sub("", str(exc))
        if detail.startswith("not well-formed (") and detail.endswith(")"):
            detail = detail[len("not well-formed (") : -1]
        raise GlossaryError(f"{name}:{line}:{column + 1}: not well-formed XML ({_one_line(detail)})") from None
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read, e.g. GBK
        raise GlossaryError(f"{name}: cannot read the XML ({_one_line(str(exc))}); save it as UTF-8") from None
    return root, builder.lines


def _concept(element: Element, line: int) -> _Concept:
    concept = _Concept(line=line, id=element.get("id", ""))
    for child in element:
        kind = _local(child.tag)
        if kind == "admin" and child.get("type", "").startswith(ADMIN):
            concept.admin[child.get("type", "")[len(ADMIN) :]] = _text(child)
        elif kind == "note":
            concept.notes.append(_text(child))
        elif kind in LANGUAGES:
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            terms = [term for section in child if _local(section.tag) in TERMS if (term := _term(section))]
            concept.languages.append((lang, terms))
    return concept


def _term(section: Element) -> _Term | None:
    """A termSec (v3), tig or ntig (v2); DCT-style elements named after the category count too."""
    text, status, pos = "", "admitted", ""
    for element in section.iter():
        kind = _local(element.tag)
        category = element.get("type", "") if kind == "termNote" else kind
        if kind == "term" and not text:
            text = _text(element).strip()
        elif category in STATUS_TYPES:
            value = _text(element).strip().lower().removesuffix("-admn-sts")
            status = "preferred" if value == "preferredterm" else "forbidden" if value in FORBIDDEN_STATUSES else status
        elif category == "partOfSpeech" and not pos:
            pos = _text(element)
    return _Term(text, status, pos) if text else None


def _languages(name: str, concepts: list[_Concept], src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    found: dict[str, str] = {}  # lower-case → first spelling, in document order
    for concept in concepts:
        for lang, _ in concept.languages:
            found.setdefault(lang.lower(), lang)
    listed = ", ".join(_one_line(lang) for lang in found.values())

    chosen = {
        role: None if lang is None else found.get(lang.lower(), _by_base(lang, found))
        for role, lang in (("source", src_lang), ("target", tgt_lang))
    }
    source, target = chosen["source"], chosen["target"]
    if source is not None and target is not None and source.lower() == target.lower():
        raise GlossaryError(f"{name}: the source and target language are both {source}")
    named = {lang.lower() for lang in chosen.values() if lang is not None}
    unused = [lang for key, lang in found.items() if key not in named]
    for role, lang in chosen.items():
        if lang is not None and lang.lower() not in found and unused:  # a typo, not a one-sided file
            raise GlossaryError(f"{name}: no langSec in the {role} language {lang}; the file has {listed}")
    if source is not None and target is not None:
        return source, target
    if not found:
        return source or "", target or ""
    if source is None and target is None and len(unused) == 2:
        return unused[0], unused[1]
    if (source is None) != (target is None) and len(unused) == 1:
        return source or unused[0], target or unused[0]
    if len(found) == 1:
        raise GlossaryError(f"{name}: every langSec is in {listed}; name the source and target languages")
    raise GlossaryError(f"{name}: cannot tell the source and target language from {listed}; name them")


def _by_base(lang: str, found: dict[str, str]) -> str:
    """``zh`` for a file's only ``zh-CN`` (and ``zh-CN`` for its only ``zh``); else ``lang``."""
    base = lang.lower().split("-")[0]
    same = [spelling for key, spelling in found.items() if key.split("-")[0] == base]
    return same[0] if len(same) == 1 else lang


def _entry(concept: _Concept, source: list[_Term], target: list[_Term]) -> Entry:
    admin = concept.admin
    return Entry(
        source=tuple(term.text for term in source),
        target=tuple(t.text for t in target if t.status == "preferred")
        + tuple(t.text for t in target if t.status == "admitted"),
        forbidden=tuple(term.text for term in target if term.status == "forbidden"),
        note="; ".join(concept.notes),
        id=admin.get("id", concept.id),
        pos=next((term.pos for term in source + target if term.pos), admin.get("pos", "")),
        case_sensitive=admin.get("caseSensitive", "").strip().lower() in TRUE_WORDS,
        status=admin.get("status", "").strip() or "approved",
        severity=admin.get("severity", "").strip(),
        src_lang=admin.get("srcLang", "").strip(),
        tgt_lang=admin.get("tgtLang", "").strip(),
        line=concept.line,
    )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(element: Element) -> str:
    return "".join(element.itertext())


def _one_line(text: str) -> str:
    """Messages are one line, whatever the file puts in a name."""
    return text if text.splitlines() == [text] else " ".join(text.split())


# --- writing ----------------------------------------------------------------------------------


def write_tbx(entries: list[Entry], path: str | Path, src_lang: str, tgt_lang: str, default_severity: str = "") -> None:
    """Write atomically: a failed export leaves the old file intact."""
    write_atomic(path, render_tbx(entries, src_lang, tgt_lang, default_severity))


def render_tbx(entries: list[Entry], src_lang: str, tgt_lang: str, default_severity: str = "") -> bytes:
    """The TBX document. Characters XML cannot carry (most C0 controls) become U+FFFD."""
    if not src_lang or not tgt_lang or src_lang.lower() == tgt_lang.lower():
        raise ValueError(f"TBX needs two different languages, not {src_lang!r} and {tgt_lang!r}")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="{_attr(src_lang)}" xmlns="{NAMESPACE}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <sourceDesc>",
        f"        <p>mtcheck glossary, {_text_node(src_lang)} to {_text_node(tgt_lang)}</p>",
        *([f'        <p type="{DEFAULT_SEVERITY}">{_text_node(default_severity)}</p>'] if default_severity else []),
        "      </sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for entry, concept_id in zip(entries, _concept_ids(entries), strict=True):
        out.append(f'      <conceptEntry id="{_attr(concept_id)}">')
        admin = {
            "id": entry.id if entry.id != concept_id else None,
            "caseSensitive": "yes" if entry.case_sensitive else "",
            "status": "" if entry.status == "approved" else entry.status,
            "severity": entry.severity,
            "srcLang": entry.src_lang,
            "tgtLang": entry.tgt_lang,
            "pos": entry.pos if not (entry.source or entry.target or entry.forbidden) else "",
        }
        for category, value in admin.items():
            if value or (category == "id" and value is not None):
                out.append(f'        <admin type="{ADMIN}{category}">{_text_node(value or "")}</admin>')
        if entry.note:
            out.append(f"        <note>{_text_node(entry.note)}</note>")
        target = [(term, PREFERRED if i == 0 else ADMITTED) for i, term in enumerate(entry.target)]
        for lang, terms in (
            (src_lang, [(term, "") for term in entry.source]),
            (tgt_lang, target + [(term, DEPRECATED) for term in entry.forbidden]),
        ):
            if terms:
                out.append(f'        <langSec xml:lang="{_attr(lang)}">')
                out.extend(line for term, status in terms for line in _term_section(term, status, entry.pos))
                out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out).encode("utf-8")


def _term_section(term: str, status: str, pos: str) -> list[str]:
    lines = ["          <termSec>", f"            <term>{_text_node(term)}</term>"]
    if status:
        lines.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
    if pos:
        lines.append(f'            <termNote type="partOfSpeech">{_text_node(pos)}</termNote>')
    return [*lines, "          </termSec>"]


def _concept_ids(entries: list[Entry]) -> list[str]:
    """Each entry's own id when it is a unique NCName (xsd:ID requires it), else c1, c2..."""
    taken: set[str] = set()
    own = []
    for entry in entries:
        usable = bool(_NCNAME.fullmatch(entry.id)) and entry.id not in taken
        own.append(usable)
        if usable:
            taken.add(entry.id)
    ids, counter = [], 0
    for entry, usable in zip(entries, own, strict=True):
        if usable:
            ids.append(entry.id)
            continue
        counter += 1
        while f"c{counter}" in taken:
            counter += 1
        ids.append(f"c{counter}")
    return ids


def _text_node(text: str) -> str:
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(text: str) -> str:
    escaped = _text_node(text).replace('"', "&quot;")
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;")
