"""TMX 1.4: one segment per ``<tu>``, the source and target ``<tuv>`` chosen by language.

The source language is ``src_lang`` or the header's ``srclang``; the target is ``tgt_lang``
or, in a unit of exactly two variants, the other one. Tags are compared case-insensitively,
and a bare language (``en``) also picks a unit's one regional variant (``en-GB``). A unit
without the source language, or with several candidates for the target, is an error: the
languages asked for are wrong, and guessing would check the wrong text. A unit without the
target language (untranslated) is skipped, unless no unit has it at all.

Inline codes (``<bpt>``, ``<ph>``, ``<hi>``…) stay in the text as written and a new target
is written back through its runs, as in XLIFF (see ``mtcheck.formats.xliff``);
``Origin.span`` is the target ``<seg>``'s content. Keys are
``path#tuid``, or ``path:line`` of the ``<tu>`` when it has no ``tuid``.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.formats import runs, xmlscan
from mtcheck.formats.common import Positions, UniqueKeys, input_error
from mtcheck.formats.linefile import LineFile
from mtcheck.formats.textio import Document
from mtcheck.formats.xmlscan import Element, ReadWhole, Stretch
from mtcheck.model import InputError, InputProblem, Segment

NAME = "tmx"
EXTENSIONS = (".tmx",)
OPTIONS: tuple[str, ...] = ()

INLINE = frozenset({"bpt", "ept", "ph", "it", "hi", "ut", "sub"})
sniff = xmlscan.sniff
#: Inline codes as text would spell them: a writer checks none appears as text where there was none.
CODE_TEXT = xmlscan.inline_tags(INLINE)

Variant = tuple[str, Element]  # (language, <tuv>)


def read(
    document: Document,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    **options: object,
) -> list[Segment]:
    root = xmlscan.parse(document)
    if root.name != "tmx":
        raise xmlscan.not_a(document, root, "a TMX document")
    header = root.find("header")
    source_language = src_lang or (header.attrs.get("srclang") if header is not None else None)
    if not source_language or source_language == "*all*":
        raise input_error(
            document,
            "no source language: the header has no srclang (or '*all*'); give the source language",
            (header or root).start,
        )
    text = Stretch(document.name, document.text, 0, Positions(document.text))
    keys = UniqueKeys(document, "tuid")
    taken: set[str] = set()
    body = root.find("body")
    units = list(body.findall("tu")) if body is not None else []
    segments = []
    for unit in units:
        found = _chosen(text, unit, source_language, tgt_lang)
        if found is None:
            continue
        source, target, line = found
        tuid = unit.attrs.get("tuid")
        key = f"{document.name}#{tuid}" if tuid is not None else f"{document.name}:{line}"
        if key in taken:  # TMX leaves tuid's uniqueness open: a repeat is keyed by its line too
            key = _fresh(f"{key}@{line}", taken)
        taken.add(key)
        keys.add(key, tuid if tuid is not None else f"line {line}", line)
        segments.append(_segment(text, key, unit, source, target))
    if tgt_lang and units and not any(_pick(_variants(text, u), tgt_lang) for u in units):
        raise InputError(InputProblem(document.name, f"no translation unit has a {tgt_lang!r} variant"))
    return segments


def _chosen(
    text: Stretch, unit: Element, source_language: str, tgt_lang: str | None
) -> tuple[Variant, Variant, int] | None:
    """The unit's source and target variants and its line; None when it has no target
    variant or a blank one (untranslated). InputError for a unit the languages do not fit."""
    line = text.line(unit.start)
    variants = _variants(text, unit)
    source = _pick(variants, source_language)
    if source is None:
        raise _problem(text, line, f"translation unit has no {source_language!r} variant ({_list(variants)})")
    target = _target(text, line, variants, source, tgt_lang)
    if target is None or text.blank(_seg(text, target[1])):
        return None
    return source, target, line


def raw_runs(document: Document, start: int, end: int) -> list[runs.Run]:
    return xmlscan.content_runs(document.text, start, end)


def rewrite(document: Document, segment: Segment, text: str) -> str:
    return xmlscan.rewrite(document, segment, text)


def _fresh(key: str, taken: set[str]) -> str:
    """``key``, numbered further while another unit has it (units on one line)."""
    candidate, repeat = key, 1
    while candidate in taken:
        repeat += 1
        candidate = f"{key}.{repeat}"
    return candidate


def _problem(document: Document | Stretch, line: int, message: str) -> InputError:
    return InputError(InputProblem(document.name, message, line))


def _variants(text: Stretch, unit: Element) -> list[Variant]:
    variants = []
    for tuv in unit.findall("tuv"):
        language = tuv.attrs.get("xml:lang") or tuv.attrs.get("lang")  # TMX 1.1 said lang
        if not language:
            raise _problem(text, text.line(tuv.start), "<tuv> without xml:lang")
        variants.append((language, tuv))
    return variants


def _pick(variants: list[Variant], language: str) -> Variant | None:
    """The variant in ``language``: the same tag, else the one regional variant of it."""
    wanted = language.casefold()
    exact = [variant for variant in variants if variant[0].casefold() == wanted]
    if exact:
        return exact[0]
    regional = [variant for variant in variants if variant[0].casefold().startswith(wanted + "-")]
    return regional[0] if len(regional) == 1 else None


def _target(
    document: Document | Stretch, line: int, variants: list[Variant], source: Variant, tgt_lang: str | None
) -> Variant | None:
    if tgt_lang:
        return _pick(variants, tgt_lang)
    others = [variant for variant in variants if variant[1] is not source[1]]
    if len(others) > 1:
        raise _problem(
            document,
            line,
            f"translation unit has {len(variants)} variants ({_list(variants)}); give the target language",
        )
    return others[0] if others else None


def _list(variants: list[Variant]) -> str:
    return ", ".join(language for language, _ in variants) or "none"


def _seg(text: Stretch, tuv: Element) -> Element:
    seg = tuv.find("seg")
    if seg is None:
        raise _problem(text, text.line(tuv.start), "<tuv> without <seg>")
    return seg


def _segment(text: Stretch, key: str, unit: Element, source: Variant, target: Variant) -> Segment:
    source_seg, target_seg = _seg(text, source[1]), _seg(text, target[1])
    notes = [*unit.findall("note"), *target[1].findall("note")]
    return Segment(
        key=key,
        target=text.inner(target_seg),
        source=text.inner(source_seg),
        origin=text.origin(target_seg, source_seg),
        src_lang=source[0],
        tgt_lang=target[0],
        notes=tuple(text.inner(note).strip() for note in notes),
    )


# --- streamed from disk (formats/stream.py) --------------------------------------------------

#: What ``iter_read`` understands besides ``read``'s options (see StreamedSegments.raw).
STREAM_OPTIONS = ("anchor", "only_lines")


def iter_read(
    source: LineFile,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    anchor: bool = True,
    only_lines: frozenset[int] | None = None,
    **options: object,
) -> Iterator[Segment]:
    """What ``read`` and ``load``'s anchoring give, a unit at a time, for a UTF-8 file parsed
    from disk a chunk at a time (``xmlscan.iter_parse``): one unit's elements in memory, and
    a hash of each key. Raises ValueError where only the whole read says what is wrong or
    what a unit means: any error ``read`` raises, a tuid that repeats (``read`` keys the
    repeat by its line), a unit whose languages differ from the first's. ``only_lines``:
    only the units on these lines are read (the rest are parsed and checked, not built)."""
    from mtcheck.formats import anchored

    root: Element | None = None
    body: Element | None = None
    source_language: str | None = src_lang
    units = 0
    target_seen = False
    languages: tuple[str, str] | None = None
    taken: set[int] = set()
    events = xmlscan.iter_parse(
        source.path, starts=frozenset({"header", "body"}), ends=frozenset({"tu"}), detached=_detached
    )
    for event, window in events:
        element, ancestors = event.element, event.ancestors
        if event.kind == "start":
            if not ancestors:
                if element.name != "tmx":
                    raise ReadWhole("not a TMX document")
                root = element
            elif ancestors == (root,) and element.name == "header" and source_language is None:
                source_language = element.attrs.get("srclang")
            elif ancestors == (root,) and element.name == "body" and body is None:
                if not source_language or source_language == "*all*":
                    raise ReadWhole("no source language")
                body = element
            continue
        if body is None or ancestors != (root, body):
            continue  # not where read looks for units
        assert source_language is not None
        units += 1
        text = Stretch(source.name, window.text, window.base, window)
        try:
            if tgt_lang and not target_seen:
                target_seen = _pick(_variants(text, element), tgt_lang) is not None
            found = _chosen(text, element, source_language, tgt_lang)
        except InputError as exc:
            raise ReadWhole(exc.problem.message) from None
        if found is None:
            continue
        source_variant, target_variant, line = found
        tuid = element.attrs.get("tuid")
        key = f"{source.name}#{tuid}" if tuid is not None else f"{source.name}:{line}"
        if hash(key) in taken:
            raise ReadWhole("a tuid repeats")
        taken.add(hash(key))
        if languages is None:
            languages = (source_variant[0], target_variant[0])
        elif languages != (source_variant[0], target_variant[0]):
            raise ReadWhole("units in other languages")
        if only_lines is not None and only_lines.isdisjoint(range(line, window.line_column(element.end)[0] + 1)):
            continue
        segment = _segment(text, key, element, source_variant, target_variant)
        yield anchored(segment, window, raw_runs) if anchor else segment
    if tgt_lang and units and not target_seen:
        raise ReadWhole(f"no translation unit has a {tgt_lang!r} variant")
    if root is not None and body is None and source_language in (None, "", "*all*"):
        raise ReadWhole("no source language")


def _detached(parent: Element, child: Element) -> bool:
    """A streamed read keeps no unit in the body once read (nor the body in the root)."""
    return (parent.name == "body" and child.name == "tu") or (parent.name == "tmx" and child.name == "body")
