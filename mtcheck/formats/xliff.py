"""XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit><segment>``): one segment per translated unit
(1.2), per ``<mrk mtype="seg">`` of a segmented 1.2 unit, or per 2.0 segment. Trados
(``.sdlxliff``) and memoQ (``.mqxliff``) files are XLIFF 1.2 with vendor namespaces: read the
same way, with their segment status (formats/xliffstate.py).

Inline codes stay in the text as written: a target reads ``Click <x id="1"/> now`` or
``<pc id="1">Save</pc> &amp; quit`` decoded to ``<pc id="1">Save</pc> & quit``. Checks see
the codes (and can compare them with the source's); character data between them is decoded.
``rewrite`` writes a new target back through the target's runs (formats/runs.py): what the
fix did not change keeps its raw spelling — codes stay codes, ``&lt;x/&gt;`` stays escaped
text, character references stay references, CDATA stays CDATA — and what it changed is
escaped, so text can never become markup.

**Segmented 1.2**, as CAT tools export it: ``<seg-source>`` and ``<target>`` hold
``<mrk mtype="seg" mid="…">`` segments (inside ``<g>`` codes too). Each target ``mrk`` with
text is a segment, its source the ``seg-source`` ``mrk`` of the same ``mid``; what lies
between the ``mrk``s (the spaces between sentences, the codes around them) is no segment's
text, so the segmentation markup is never read as inline codes. A unit whose target is not
segmented is read whole, as any 1.2 unit.

``Origin.span`` is the target element's (or ``mrk``'s) content, so a fix replaces nothing
else. Skipped: ``translate="no"`` units (inherited from files and groups), units without a
target or with a blank one, units whose target copies the source while its state says it is
not translated yet (1.2 ``new``/``needs-translation``, 2.0 ``initial``: untranslated, like an
empty PO msgstr), and with ``skip_final`` units whose target is final (see
``xliffstate.final``).

Size limits a unit declares (1.2 ``maxwidth``/``size-unit`` and ``maxbytes``, 2.0
``slr:sizeRestriction``/``slr:storageRestriction``, ITS ``its:storageSize``) go to
``Segment.meta.limits`` for ``length.limit``.

Keys are ``path#unit-id`` (2.0: ``path#unit-id/segment-id``, the segment's 1-based position
when it has no id; segmented 1.2: ``path#unit-id/mid``); in a document of several ``<file>``
elements, whose unit ids may repeat, the file's ``original`` (1.2) or ``id`` (2.0), else its
1-based position, comes first: ``path#file/unit-id``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mtcheck.formats import runs, xliffstate, xmlscan
from mtcheck.formats.common import Positions, UniqueKeys, input_error
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.textio import Document
from mtcheck.formats.xmlscan import Element, ReadWhole, Stretch
from mtcheck.model import NO_META, Meta, Segment, SizeLimit

if TYPE_CHECKING:
    from mtcheck.formats import Window

NAME = "xliff"
EXTENSIONS = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
OPTIONS = ("skip_final",)
#: What ``marks`` can write for an edited segment: its review state.
MARKS = ("review",)

#: Inline elements of 1.2 and 2.0: their tags in a target are codes, not text.
INLINE = frozenset({"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk", "sub", "pc", "sc", "ec", "sm", "em", "cp"})
sniff = xmlscan.sniff
#: Inline codes as text would spell them: a writer checks none appears as text where there was none.
CODE_TEXT = xmlscan.inline_tags(INLINE)
#: States of a target not translated yet: 1.2 new and needs-translation, 2.0 initial.
_NOT_TRANSLATED = frozenset({"new", "needs-translation", "initial"})
_SLR = "{urn:oasis:names:tc:xliff:sizerestriction:2.0}"
_ITS = "{http://www.w3.org/2005/11/its}"
_ITS_SIZE, _ITS_ENCODING = f"{_ITS}storageSize", f"{_ITS}storageEncoding"
_STORAGE_PROFILES = {"xliff:utf8": "utf-8", "xliff:utf16": "utf-16-le", "xliff:utf32": "utf-32-le"}


@dataclass(frozen=True, slots=True)
class Found:
    """One translated segment as the walk finds it: where its text and its status are."""

    key: str
    label: str  # the key as messages name it
    unit: Element
    target: Element  # the element whose content is the target text: <target>, or a segment's <mrk>
    source: Element | None
    notes: tuple[Element, ...]
    languages: tuple[str | None, str | None]
    status: xliffstate.Status
    #: The state attribute that says whether the target is translated yet (1.2 target, 2.0 segment).
    state: str | None = None
    limits: tuple[SizeLimit, ...] = ()
    #: The line of the first unit with the same id, when this one repeats it (see _distinct).
    duplicate_of: int | None = None


def read(
    document: Document,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    skip_final: bool = False,
    **options: object,
) -> list[Segment]:
    """The translated segments; languages given here win over the file's own."""
    text = Stretch(document.name, document.text, 0, Positions(document.text))
    keys = UniqueKeys(document, "unit id")
    segments = []
    for found in walk(document, text.lines, src_lang, tgt_lang):
        segment = _segment(text, found, skip_final)
        if segment is not None:
            keys.add(found.key, found.label, text.line(found.unit.start))
            segments.append(segment)
    return segments


def _segment(text: Stretch, found: Found, skip_final: bool) -> Segment | None:
    """The segment a translated unit (or ``mrk``) gives; None for a final one with
    ``skip_final`` and for one awaiting translation."""
    if (skip_final and found.status.final) or _awaiting(text, found):
        return None
    target, source = found.target, found.source
    return Segment(
        key=found.key,
        target=text.inner(target),
        source=text.inner(source) if source is not None else None,
        origin=text.origin(target, source),
        src_lang=found.languages[0],
        tgt_lang=found.languages[1],
        notes=tuple(text.inner(note).strip() for note in found.notes),
        meta=Meta(limits=found.limits, duplicate_of=found.duplicate_of)
        if found.limits or found.duplicate_of
        else NO_META,
    )


def _awaiting(text: Stretch, found: Found) -> bool:
    """A target that copies its source while its state says it is not translated yet: a
    placeholder the tool filled in, untranslated like an empty PO msgstr."""
    if found.state not in _NOT_TRANSLATED or found.source is None:
        return False
    return text.inner(found.target).strip() == text.inner(found.source).strip()


def marks(document: Document, keys: Set[str], kinds: Set[str], options: dict[str, object]) -> list[runs.Splice]:
    """Attribute edits that mark the segments ``keys`` for review, in the file's own way
    (xliffstate.review_marks); nothing unless ``"review"`` is asked for."""
    if "review" not in kinds or not keys:
        return []
    found = [f for f in walk(document, Positions(document.text)) if f.key in keys]
    return xliffstate.review_marks(document, [f.status for f in found])


def walk(
    document: Document, positions: Positions, src_lang: str | None = None, tgt_lang: str | None = None
) -> Iterator[Found]:
    """Every translated segment of the document, in document order, final ones included."""
    text = Stretch(document.name, document.text, 0, positions)
    root = xmlscan.parse(document)
    version = _version(document, root)
    files = list(root.findall("file"))
    for number, file in enumerate(files, start=1):
        prefix = _file_prefix(file, version, number) if len(files) > 1 else ""
        languages = _languages(version, root, file, src_lang, tgt_lang)
        if version.startswith("1."):
            found = (
                f
                for unit, translate in _units(file, "trans-unit", "yes")
                for f in _found_12(text, unit, translate, prefix, languages)
            )
        else:
            storage = _storage(file)
            found = (
                f
                for unit, translate in _units(file, "unit", file.attrs.get("translate", "yes"))
                for f in _found_20(text, unit, translate, prefix, languages, storage)
            )
        yield from _distinct(positions, found)


def _version(document: Document | None, root: Element) -> str:
    """The document's XLIFF version; InputError (ValueError without a ``document``: a streamed
    read) for another vocabulary or version."""
    problem = ""
    version = root.attrs.get("version") or root.namespace.rpartition(":")[2]  # urn:…:document:1.2
    if root.name != "xliff":
        if document is not None:
            raise xmlscan.not_a(document, root, "an XLIFF document")
        problem = "not an XLIFF document"
    elif not version.startswith(("1.", "2.")):
        if document is not None:
            raise input_error(document, f"unsupported XLIFF version {version!r} (1.2 and 2.0 are read)", root.start)
        problem = "unsupported XLIFF version"
    if problem:
        raise ReadWhole(problem)
    return version


def _languages(
    version: str, root: Element, file: Element, src_lang: str | None, tgt_lang: str | None
) -> tuple[str | None, str | None]:
    if version.startswith("1."):
        return (src_lang or file.attrs.get("source-language"), tgt_lang or file.attrs.get("target-language"))
    return (src_lang or root.attrs.get("srcLang"), tgt_lang or root.attrs.get("trgLang"))


def _storage(file: Element) -> str:
    """The encoding a 2.0 file's storage restrictions count bytes in (its storage profile)."""
    profiles = file.find("profiles")
    return _STORAGE_PROFILES.get(profiles.attrs.get("storageProfile", "") if profiles is not None else "", "utf-8")


def _distinct(positions: Positions, found: Iterator[Found]) -> Iterator[Found]:
    """Segments with keys of their own. XLIFF wants unit ids unique within a <file>, but real
    catalogues repeat one now and then (Neos's Main.xlf has two units 'workspace'): refusing the
    whole file hid every other finding, so a repeat is keyed by its line as well, still checked
    and fixed in place, and carries the first unit's line for the unit.duplicate-id check."""
    first_line: dict[str, int] = {}
    taken: set[str] = set()
    for item in found:
        line = positions.line_column(item.unit.start)[0]
        first = first_line.setdefault(item.key, line)
        if item.key not in taken:
            taken.add(item.key)
            yield item
            continue
        key, repeat = f"{item.key}@{line}", 1
        while key in taken:  # units on one line (a minified file)
            repeat += 1
            key = f"{item.key}@{line}.{repeat}"
        taken.add(key)
        yield replace(item, key=key, label=f"{item.label} (line {line})", duplicate_of=first)


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


def _key(text: Stretch, unit: Element, prefix: str, suffix: str = "") -> tuple[str, str]:
    """The key and its label in messages; a unit without an id is known by its line."""
    unit_id = unit.attrs.get("id")
    if unit_id is None:
        line = text.line(unit.start)
        return f"{text.name}:{line}{suffix}", f"line {line}"
    return f"{text.name}#{prefix}{unit_id}{suffix}", f"{prefix}{unit_id}{suffix}"


def _translated(text: Stretch, element: Element | None) -> bool:
    return element is not None and not text.blank(element)


def _found_12(
    text: Stretch, unit: Element, translate: str, prefix: str, languages: tuple[str | None, str | None]
) -> Iterator[Found]:
    """The translated segments of one 1.2 ``trans-unit``."""
    target = unit.find("target")
    if translate == "no" or target is None or not _translated(text, target):
        return
    notes = tuple(unit.findall("note"))
    segment_marks = list(seg_marks(target))
    state = target.attrs.get("state")
    limits = _limits_12(unit) + _its_limits(unit, target)
    if not segment_marks:  # a unit read whole
        key, label = _key(text, unit, prefix)
        status = xliffstate.unit_status_12(unit, target, None)
        yield Found(key, label, unit, target, unit.find("source"), notes, languages, status, state, limits)
        return
    seg_source = unit.find("seg-source")
    sources = {mark.attrs.get("mid"): mark for mark in seg_marks(seg_source)} if seg_source is not None else {}
    only_source = unit.find("source") if len(segment_marks) == 1 and not sources else None
    for position, mark in enumerate(segment_marks, start=1):
        if not _translated(text, mark):
            continue
        mid = mark.attrs.get("mid") or str(position)
        key, label = _key(text, unit, prefix, f"/{mid}")
        status = xliffstate.unit_status_12(unit, target, mid)
        source = sources.get(mark.attrs.get("mid"), only_source)
        yield Found(key, label, unit, mark, source, notes, languages, status, state, limits)


def seg_marks(element: Element) -> Iterator[Element]:
    """The ``<mrk mtype="seg">`` segments inside ``element`` (inside codes too), in order."""
    stack = [iter(element.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.name == "mrk" and child.attrs.get("mtype") == "seg":
            yield child
        else:
            stack.append(iter(child.children))


def _found_20(
    text: Stretch,
    unit: Element,
    translate: str,
    prefix: str,
    languages: tuple[str | None, str | None],
    storage: str,
) -> Iterator[Found]:
    """The translated segments of one 2.0 ``unit``."""
    if translate == "no":
        return
    notes_element = unit.find("notes")
    notes = tuple(notes_element.findall("note")) if notes_element is not None else ()
    for index, segment in enumerate(unit.findall("segment"), start=1):
        target = segment.find("target")
        if target is None or not _translated(text, target):
            continue
        key, label = _key(text, unit, prefix, f"/{segment.attrs.get('id', index)}")
        status = xliffstate.segment_status_20(segment)
        limits = _limits_20(unit, storage) + _its_limits(unit, target)
        source = segment.find("source")
        state = segment.attrs.get("state")
        yield Found(key, label, unit, target, source, notes, languages, status, state, limits)


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
        size = _number(element.attrs.get(_ITS_SIZE))
        if size is not None:
            encoding = element.attrs.get(_ITS_ENCODING, "UTF-8")
            return (SizeLimit(size, "byte", f'its:storageSize="{size}"', encoding.lower()),)
    return ()


# --- streamed from disk (formats/stream.py) --------------------------------------------------

#: What ``iter_read`` understands besides ``read``'s options (see StreamedSegments.raw).
STREAM_OPTIONS = ("anchor", "only_lines")
#: Elements that hold units: a streamed read keeps no unit (nor group) in them once read.
_CONTAINERS = frozenset({"xliff", "file", "body", "group"})
_UNITS = frozenset({"trans-unit", "unit"})


def iter_read(
    source: LineFile,
    *,
    skip_final: bool = False,
    anchor: bool = True,
    only_lines: frozenset[int] | None = None,
    **options: object,
) -> Iterator[Segment]:
    """What ``read`` and ``load``'s anchoring give, a unit at a time, for a UTF-8 file parsed from
    disk a chunk at a time (``xmlscan.iter_parse``): one unit's elements in memory, and a hash
    of each key. Raises ValueError where the file must be read whole to say what ``read`` says:
    a unit id that repeats (``read`` keys it by its line), a later file whose languages differ
    from the first's, storage profiles declared after a file's first unit, anything malformed.
    ``only_lines``: only the units on these lines are read (the rest are parsed, not read)."""
    from mtcheck.formats import anchored

    several = _several_files(source.path)
    version = ""
    root: Element | None = None
    file: Element | None = None
    files = 0
    languages: tuple[str | None, str | None] = (None, None)
    first_languages: tuple[str | None, str | None] | None = None
    storage, prefix, units = "utf-8", "", 0
    taken: set[int] = set()
    events = xmlscan.iter_parse(
        source.path, starts=frozenset({"file"}), ends=frozenset({*_UNITS, "profiles"}), detached=_detached
    )
    for event, window in events:
        element, ancestors = event.element, event.ancestors
        if event.kind == "start":
            if not ancestors:
                root, version = element, _version(None, element)
            elif element.name == "file" and len(ancestors) == 1:
                assert root is not None
                files += 1
                file, units, taken = element, 0, set()
                prefix = _file_prefix(file, version, files) if several else ""
                languages = _languages(version, root, file, None, None)
                storage = "utf-8"
            continue
        if element.name == "profiles":
            if file is not None and ancestors == (root, file):
                if units:
                    raise ReadWhole("storage profiles after a unit")
                storage = _STORAGE_PROFILES.get(element.attrs.get("storageProfile", ""), "utf-8")
            continue
        translate = _inherited(ancestors, element, version)
        if translate is None or file is None or ancestors[1] is not file:
            continue  # not where read looks for units (inside another unit, outside a file)
        units += 1
        if only_lines is not None and not _on_lines(window, element, only_lines):
            continue
        text = Stretch(source.name, window.text, window.base, window)
        if version.startswith("1."):
            found = _found_12(text, element, translate, prefix, languages)
        else:
            found = _found_20(text, element, translate, prefix, languages, storage)
        for item in found:
            digest = hash(item.key)
            if digest in taken:
                raise ReadWhole("a unit id repeats")
            taken.add(digest)
            segment = _segment(text, item, skip_final)
            if segment is None:
                continue
            if first_languages is None:
                first_languages = languages
            elif languages != first_languages:
                raise ReadWhole("files in other languages")
            yield anchored(segment, window, raw_runs) if anchor else segment


def _on_lines(window: Window, unit: Element, lines: frozenset[int]) -> bool:
    """Whether one of the unit's lines is one of ``lines``."""
    first, last = window.line_column(unit.start)[0], window.line_column(max(unit.end - 1, unit.start))[0]
    return not lines.isdisjoint(range(first, last + 1))


def _detached(parent: Element, child: Element) -> bool:
    """A streamed read keeps no unit, group or file in the element that holds it (it reads
    each unit when it ends): memory stays flat."""
    return parent.name in _CONTAINERS and (child.name in _UNITS or child.name in _CONTAINERS)


def _inherited(ancestors: tuple[Element, ...], unit: Element, version: str) -> str | None:
    """The ``translate`` a unit inherits (as ``_units`` works it out), or None when ``walk`` would
    not find the unit there: units are read in ``<file>`` (a child of the root), through
    ``<body>`` and ``<group>`` only, and are named ``trans-unit`` (1.2) or ``unit`` (2.0)."""
    path = ancestors
    if unit.name != ("trans-unit" if version.startswith("1.") else "unit") or len(path) < 2:
        return None
    if path[1].name != "file":
        return None
    translate = "yes" if version.startswith("1.") else path[1].attrs.get("translate", "yes")
    for element in path[2:]:
        if element.name not in ("body", "group"):
            return None
        translate = element.attrs.get("translate", translate)
    return unit.attrs.get("translate", translate)


#: What every ``<file>`` start tag holds, prefixed or not (``<file ``, ``<x:file>``): six bytes,
#: so a chunked search misses none that spans two chunks (the text may hold it too: then a parse counts).
_FILE_TAG = re.compile(rb"[<:]file[\s/>]")


def _several_files(path: str) -> bool:
    """Whether the document has several ``<file>`` elements (keys then name their file): a
    look for the tag in the bytes, a chunk at a time (a map of the file would count in the
    process's memory), and, when it shows twice (a comment may spell it), a count of the
    root's ``file`` children by a parse."""
    tags = 0
    with open(path, "rb") as handle:
        tail = b""
        while tags < 2:
            chunk = handle.read(xmlscan.CHUNK_BYTES)
            if not chunk:
                break
            data = tail + chunk
            for match in _FILE_TAG.finditer(data):
                if match.end() > len(tail):  # not one the last chunk's tail held already
                    tags += 1
            tail = data[-5:]
    if tags < 2:
        return False
    count = 0
    for event, _ in xmlscan.iter_parse(path, starts=frozenset({"file"}), detached=lambda parent, child: True):
        if event.element.name == "file" and len(event.ancestors) == 1:
            count += 1
    return count > 1
