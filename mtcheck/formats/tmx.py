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

from mtcheck.formats import runs, xmlscan
from mtcheck.formats.common import Positions, UniqueKeys, input_error
from mtcheck.formats.textio import Document
from mtcheck.formats.xmlscan import Element
from mtcheck.model import InputError, InputProblem, Origin, Segment

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
    positions = Positions(document.text)
    keys = UniqueKeys(document, "tuid")
    taken: set[str] = set()
    body = root.find("body")
    units = list(body.findall("tu")) if body is not None else []
    segments = []
    for unit in units:
        line = positions.line_column(unit.start)[0]
        variants = _variants(document, positions, unit)
        source = _pick(variants, source_language)
        if source is None:
            raise _problem(document, line, f"translation unit has no {source_language!r} variant ({_list(variants)})")
        target = _target(document, line, variants, source, tgt_lang)
        if target is None:
            continue
        target_seg = _seg(document, positions, target[1])
        if xmlscan.blank(document.text, target_seg):
            continue
        tuid = unit.attrs.get("tuid")
        key = f"{document.name}#{tuid}" if tuid is not None else f"{document.name}:{line}"
        if key in taken:  # TMX leaves tuid's uniqueness open: a repeat is keyed by its line too
            key = _fresh(f"{key}@{line}", taken)
        taken.add(key)
        keys.add(key, tuid if tuid is not None else f"line {line}", line)
        segments.append(_segment(document, positions, key, unit, source, target))
    if tgt_lang and units and not any(_pick(_variants(document, positions, u), tgt_lang) for u in units):
        raise InputError(InputProblem(document.name, f"no translation unit has a {tgt_lang!r} variant"))
    return segments


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


def _problem(document: Document, line: int, message: str) -> InputError:
    return InputError(InputProblem(document.name, message, line))


def _variants(document: Document, positions: Positions, unit: Element) -> list[Variant]:
    variants = []
    for tuv in unit.findall("tuv"):
        language = tuv.attrs.get("xml:lang") or tuv.attrs.get("lang")  # TMX 1.1 said lang
        if not language:
            raise _problem(document, positions.line_column(tuv.start)[0], "<tuv> without xml:lang")
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
    document: Document, line: int, variants: list[Variant], source: Variant, tgt_lang: str | None
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


def _seg(document: Document, positions: Positions, tuv: Element) -> Element:
    seg = tuv.find("seg")
    if seg is None:
        raise _problem(document, positions.line_column(tuv.start)[0], "<tuv> without <seg>")
    return seg


def _segment(
    document: Document, positions: Positions, key: str, unit: Element, source: Variant, target: Variant
) -> Segment:
    text = document.text
    source_seg, target_seg = _seg(document, positions, source[1]), _seg(document, positions, target[1])
    line, column = positions.line_column(target_seg.content_start)
    source_line, source_column = positions.line_column(source_seg.content_start)
    notes = [*unit.findall("note"), *target[1].findall("note")]
    return Segment(
        key=key,
        target=xmlscan.inner(text, target_seg),
        source=xmlscan.inner(text, source_seg),
        origin=Origin(
            path=document.name,
            line=line,
            column=column,
            source_line=source_line,
            source_column=source_column,
            span=(target_seg.content_start, target_seg.content_end),
            source_span=(source_seg.content_start, source_seg.content_end),
        ),
        src_lang=source[0],
        tgt_lang=target[0],
        notes=tuple(xmlscan.inner(text, note).strip() for note in notes),
    )
