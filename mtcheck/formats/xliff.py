"""XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit><segment>``): one segment per translated unit
(1.2) or segment (2.0).

Inline codes stay in the text as written: a target reads ``Click <x id="1"/> now`` or
``<pc id="1">Save</pc> &amp; quit`` decoded to ``<pc id="1">Save</pc> & quit``. Checks see
the codes (and can compare them with the source's); character data between them is decoded.
``rewrite`` writes a new target back through the target's runs (formats/runs.py): what the
fix did not change keeps its raw spelling — codes stay codes, ``&lt;x/&gt;`` stays escaped
text, character references stay references — and what it changed is escaped, so text can
never become markup.

``Origin.span`` is the target element's content (between its tags), so a fix replaces
nothing else. Skipped: ``translate="no"`` units (inherited from files and groups), units
without a target or with a blank one, units whose target copies the source while its state
says it is not translated yet (1.2 ``new``/``needs-translation``, 2.0 ``initial``: untranslated,
like an empty PO msgstr), and with ``skip_final`` units whose target is final:
1.2 ``state="final"``/``"signed-off"`` or ``approved="yes"``, 2.0 ``state="final"``.

Keys are ``path#unit-id`` (2.0: ``path#unit-id/segment-id``, the segment's 1-based position
when it has no id); in a document of several ``<file>`` elements, whose unit ids may repeat,
the file's ``original`` (1.2) or ``id`` (2.0), else its 1-based position, comes first:
``path#file/unit-id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from mtcheck.formats import runs, xmlscan
from mtcheck.formats.common import Positions, UniqueKeys, input_error
from mtcheck.formats.textio import Document
from mtcheck.formats.xmlscan import Element
from mtcheck.model import NO_META, Meta, Origin, Segment, SizeLimit

NAME = "xliff"
EXTENSIONS = (".xlf", ".xliff")
OPTIONS = ("skip_final",)

#: Inline elements of 1.2 and 2.0: their tags in a target are codes, not text.
INLINE = frozenset({"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub", "pc", "sc", "ec", "sm", "em", "cp"})
sniff = xmlscan.sniff
#: Inline codes as text would spell them: a writer checks none appears as text where there was none.
CODE_TEXT = xmlscan.inline_tags(INLINE)
_FINAL_12 = frozenset({"final", "signed-off"})
#: States of a target not translated yet: 1.2 new and needs-translation, 2.0 initial.
_NOT_TRANSLATED = frozenset({"new", "needs-translation", "initial"})
_SLR = "{urn:oasis:names:tc:xliff:sizerestriction:2.0}"
_ITS = "{http://www.w3.org/2005/11/its}"
_STORAGE_PROFILES = {"xliff:utf8": "utf-8", "xliff:utf16": "utf-16-le", "xliff:utf32": "utf-32-le"}


@dataclass(slots=True)
class _Reader:
    """What the 1.2 and 2.0 walks share: the options, positions, keys seen and segments."""

    document: Document
    src_lang: str | None
    tgt_lang: str | None
    skip_final: bool
    positions: Positions
    keys: UniqueKeys
    segments: list[Segment] = field(default_factory=list)

    def add(
        self,
        keyed: tuple[str, str],
        unit: Element,
        target: Element,
        source: Element | None,
        notes: list[Element],
        languages: tuple[str | None, str | None],
        limits: tuple[SizeLimit, ...] = (),
    ) -> None:
        text = self.document.text
        key, label = keyed
        line, column = self.positions.line_column(target.content_start)
        self.keys.add(key, label, self.positions.line_column(unit.start)[0])
        source_line, source_column = (
            self.positions.line_column(source.content_start) if source is not None else (None, None)
        )
        self.segments.append(
            Segment(
                key=key,
                target=xmlscan.inner(text, target),
                source=xmlscan.inner(text, source) if source is not None else None,
                origin=Origin(
                    path=self.document.name,
                    line=line,
                    column=column,
                    source_line=source_line,
                    source_column=source_column,
                    span=(target.content_start, target.content_end),
                    source_span=(source.content_start, source.content_end) if source is not None else None,
                ),
                src_lang=languages[0],
                tgt_lang=languages[1],
                notes=tuple(xmlscan.inner(text, note).strip() for note in notes),
                meta=Meta(limits=limits) if limits else NO_META,
            )
        )

    def translated(self, target: Element | None) -> bool:
        return target is not None and not xmlscan.blank(self.document.text, target)

    def awaiting(self, target: Element, source: Element | None, state: str | None) -> bool:
        """A target that copies its source while its state says it is not translated yet: a
        placeholder the tool filled in, untranslated like an empty PO msgstr."""
        if state not in _NOT_TRANSLATED or source is None:
            return False
        text = self.document.text
        return xmlscan.inner(text, target).strip() == xmlscan.inner(text, source).strip()


def read(
    document: Document,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    skip_final: bool = False,
    **options: object,
) -> list[Segment]:
    """The translated units; languages given here win over the file's own."""
    root = xmlscan.parse(document)
    if root.name != "xliff":
        raise xmlscan.not_a(document, root, "an XLIFF document")
    version = root.attrs.get("version") or root.namespace.rpartition(":")[2]  # urn:…:document:1.2
    if not version.startswith(("1.", "2.")):
        raise input_error(document, f"unsupported XLIFF version {version!r} (1.2 and 2.0 are read)", root.start)
    positions = Positions(document.text)
    reader = _Reader(document, src_lang, tgt_lang, skip_final, positions, UniqueKeys(document, "unit id"))
    files = list(root.findall("file"))
    for number, file in enumerate(files, start=1):
        prefix = _file_prefix(file, version, number) if len(files) > 1 else ""
        if version.startswith("1."):
            _read_file_12(reader, file, prefix)
        else:
            _read_file_20(reader, file, prefix, root)
    return reader.segments


def raw_runs(document: Document, start: int, end: int) -> list[runs.Run]:
    """How a target's (or source's) raw content decodes (see formats/runs.py)."""
    return xmlscan.content_runs(document.text, start, end)


def rewrite(document: Document, segment: Segment, text: str) -> str:
    """The raw content for a new target: unchanged parts as written, changed parts escaped."""
    return xmlscan.rewrite(document, segment, text)


def _file_prefix(file: Element, version: str, number: int) -> str:
    """The file's name (1.2 ``original``, 2.0 ``id``), else its position, then a slash."""
    label = file.attrs.get("original" if version.startswith("1.") else "id") or str(number)
    return f"{label}/"


def _units(element: Element, unit_name: str, translate: str) -> Iterator[tuple[Element, str]]:
    """Units under ``element`` (through groups, however deep), each with its inherited
    ``translate``, in document order."""
    stack = [(iter(element.children), translate)]
    while stack:
        children, inherited = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif child.name in ("body", "group"):
            stack.append((iter(child.children), child.attrs.get("translate", inherited)))
        elif child.name == unit_name:
            yield child, child.attrs.get("translate", inherited)


def _key(reader: _Reader, unit: Element, prefix: str, suffix: str = "") -> tuple[str, str]:
    """The key and its label in messages; a unit without an id is known by its line."""
    unit_id = unit.attrs.get("id")
    if unit_id is None:
        line = reader.positions.line_column(unit.start)[0]
        return f"{reader.document.name}:{line}{suffix}", f"line {line}"
    return f"{reader.document.name}#{prefix}{unit_id}{suffix}", f"{prefix}{unit_id}{suffix}"


def _read_file_12(reader: _Reader, file: Element, prefix: str) -> None:
    languages = (
        reader.src_lang or file.attrs.get("source-language"),
        reader.tgt_lang or file.attrs.get("target-language"),
    )
    for unit, translate in _units(file, "trans-unit", "yes"):
        target = unit.find("target")
        if translate == "no" or target is None or not reader.translated(target):
            continue
        final = unit.attrs.get("approved") == "yes" or target.attrs.get("state") in _FINAL_12
        if reader.skip_final and final:
            continue
        source = unit.find("source")
        if reader.awaiting(target, source, target.attrs.get("state")):
            continue
        key = _key(reader, unit, prefix)
        limits = _limits_12(unit) + _its_limits(unit, target)
        reader.add(key, unit, target, source, list(unit.findall("note")), languages, limits)


def _read_file_20(reader: _Reader, file: Element, prefix: str, root: Element) -> None:
    languages = (reader.src_lang or root.attrs.get("srcLang"), reader.tgt_lang or root.attrs.get("trgLang"))
    profiles = file.find("profiles")
    storage = _STORAGE_PROFILES.get(profiles.attrs.get("storageProfile", "") if profiles is not None else "", "utf-8")
    for unit, translate in _units(file, "unit", file.attrs.get("translate", "yes")):
        if translate == "no":
            continue
        notes_element = unit.find("notes")
        notes = list(notes_element.findall("note")) if notes_element is not None else []
        for index, segment in enumerate(unit.findall("segment"), start=1):
            target = segment.find("target")
            if target is None or not reader.translated(target):
                continue
            if reader.skip_final and segment.attrs.get("state") == "final":
                continue
            source = segment.find("source")
            if reader.awaiting(target, source, segment.attrs.get("state")):
                continue
            key = _key(reader, unit, prefix, f"/{segment.attrs.get('id', index)}")
            limits = _limits_20(unit, storage) + _its_limits(unit, target)
            reader.add(key, unit, target, source, notes, languages, limits)


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().isdigit() else None


def _limits_12(unit: Element) -> tuple[SizeLimit, ...]:
    """1.2 ``maxwidth`` in ``size-unit`` ``char`` or ``byte`` (pixels, points… need fonts), and ``maxbytes``."""
    limits = []
    width, size_unit = _number(unit.attrs.get("maxwidth")), unit.attrs.get("size-unit", "pixel")
    if width is not None and size_unit in ("char", "byte"):
        limits.append(SizeLimit(width, size_unit, f'maxwidth="{width}" size-unit="{size_unit}"'))
    maximum = _number(unit.attrs.get("maxbytes"))
    if maximum is not None:
        limits.append(SizeLimit(maximum, "byte", f'maxbytes="{maximum}"'))
    return tuple(limits)


def _limits_20(unit: Element, storage: str) -> tuple[SizeLimit, ...]:
    """2.0 size restriction module: ``slr:sizeRestriction`` (code points, the standard general
    profile) and ``slr:storageRestriction`` (bytes in the file's storage profile)."""
    limits = []
    size = _number(unit.attrs.get(f"{_SLR}sizeRestriction"))
    if size is not None:
        limits.append(SizeLimit(size, "char", f'slr:sizeRestriction="{size}"'))
    stored = _number(unit.attrs.get(f"{_SLR}storageRestriction"))
    if stored is not None:
        limits.append(SizeLimit(stored, "byte", f'slr:storageRestriction="{stored}"', storage))
    return tuple(limits)


def _its_limits(unit: Element, target: Element) -> tuple[SizeLimit, ...]:
    """ITS 2.0 ``its:storageSize`` (bytes in ``its:storageEncoding``, UTF-8 by default)."""
    for element in (target, unit):
        size = _number(element.attrs.get(f"{_ITS}storageSize"))
        if size is not None:
            encoding = element.attrs.get(f"{_ITS}storageEncoding", "UTF-8")
            return (SizeLimit(size, "byte", f'its:storageSize="{size}"', encoding.lower()),)
    return ()
