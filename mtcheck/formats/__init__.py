"""Readers and writers, one module per format, chosen by extension or by name.

A format module has ``NAME``, ``EXTENSIONS``, ``read(document, **options) -> list[Segment]``
(each segment's ``origin.span`` marks its raw target in the document, ``source_span`` its
source when it has one there) and ``rewrite(document, segment, text) -> str`` (a new target
as raw file text). A format that escapes its texts has ``raw_runs(text, start, end)``: how a
raw span decodes (formats/runs.py), from which positions are anchored and new targets
written; one that lets files declare their encoding has ``sniff(data)``.

Writing back is the same for every format: splice the rewritten targets into the document,
then read the result again with the same reader and compare: every unit must hold exactly
the intended target (the others theirs), and no inline code may have appeared or gone. A
file that would not is never written (``WriteError``, one line).

A format whose units carry a workflow state has ``MARKS`` (the kinds of mark it can write:
``"review"`` for XLIFF's states, ``"fuzzy"`` for PO's flag) and ``marks(document, keys,
kinds, options)``: the splices that mark the edited units; ``render`` adds them when asked.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from mtcheck.formats.common import Positions
from mtcheck.formats.runs import MARKUP, Run, WriteError
from mtcheck.formats.textio import Document, decoded, read_document
from mtcheck.lang.detect import Decision
from mtcheck.lang.detect import resolve as resolve_languages
from mtcheck.model import InputError, InputProblem, Segment

#: The registry: every format (its ``NAME``), its module and its ``EXTENSIONS``, in the order
#: extensions are tried; plain text is the fallback. Spelled out here so that a run imports
#: only the readers it uses (each XML or PO reader costs milliseconds of start-up);
#: tests/test_formats_bilingual.py checks it against the modules.
REGISTRY: dict[str, tuple[str, tuple[str, ...]]] = {
    "tsv": ("tsv", (".tsv", ".tab")),
    "csv": ("csvfile", (".csv",)),
    "xliff": ("xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff")),
    "po": ("po", (".po", ".pot")),
    "tmx": ("tmx", (".tmx",)),
    "jsonl": ("jsonl", (".jsonl",)),
    "text": ("plaintext", ()),
}
#: Reader options, each understood by some formats (``OPTIONS`` in the module). An option
#: another format does not know is not passed to it: one command line checks mixed files.
READ_OPTIONS: frozenset[str] = frozenset({"source_column", "target_column", "id_column", "skip_final", "include_fuzzy"})


class _Formats(Mapping[str, ModuleType]):
    """Format name → module, imported the first time it is asked for."""

    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(f"mtcheck.formats.{REGISTRY[name][0]}")

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY)

    def __len__(self) -> int:
        return len(REGISTRY)

    def __contains__(self, name: object) -> bool:
        return name in REGISTRY


FORMATS: Mapping[str, ModuleType] = _Formats()


def detect_format(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    for name, (_, extensions) in REGISTRY.items():
        if suffix in extensions:
            return name
    return "text"


@dataclass(frozen=True, slots=True)
class Loaded:
    document: Document
    format: str
    segments: list[Segment]
    #: How the file was read (reader options): ``render`` reads its result the same way.
    options: tuple[tuple[str, object], ...] = ()
    #: The file's languages and how they were found (see mtcheck.lang.detect).
    languages: Decision | None = None

    def render(self, new_targets: Mapping[str, str], marks: Set[str] = frozenset()) -> bytes:
        """The file's bytes with the given targets (by segment key) replaced, proven by reading
        them back; WriteError (one line, naming the file) when they cannot be written faithfully.
        ``marks`` asks for the edited units to be marked (``"review"``, ``"fuzzy"``) where the
        format has such a mark."""
        module = FORMATS[self.format]
        replacements = []
        edited: set[str] = set()
        for segment in self.segments:
            new = new_targets.get(segment.key)
            if new is not None and new != segment.target and segment.origin.span is not None:
                start, end = segment.origin.span
                try:
                    replacements.append((start, end, module.rewrite(self.document, segment, new)))
                except WriteError as exc:
                    raise WriteError(f"{self.document.name}: cannot write the fix of {segment.key}: {exc}") from None
                edited.add(segment.key)
        if not replacements:
            return self.document.encode()
        wanted = set(marks) & set(getattr(module, "MARKS", ()))
        marked = module.marks(self.document, edited, wanted, dict(self.options)) if wanted else []
        try:
            data = self.document.splice([*replacements, *marked])
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start : exc.start + 1]
            raise WriteError(
                f"{self.document.name}: cannot write U+{ord(char):04X} in the file's encoding "
                f"({self.document.encoding_name})"
            ) from None
        self._verify(data, new_targets, marked=bool(marked))
        return data

    def _verify(self, data: bytes, new_targets: Mapping[str, str], *, marked: bool = False) -> None:
        """Read ``data`` back as this file was read: exactly the intended targets, the same codes.
        Units the marks made skippable (a PO entry now fuzzy) are read back too
        (``MARKED_READ``): every unit read before must still be there."""
        module = FORMATS[self.format]
        document = self.document
        problem = ""
        options = dict(self.options)
        if marked:
            options.update(getattr(module, "MARKED_READ", {}))
        try:
            bom, encoding, declared, text = decoded(data, document.path, getattr(module, "sniff", None))
            again_document = Document(
                document.path, text, bom, encoding, declared.name if declared else None, label=document.label
            )
            segments = module.read(again_document, **options)
        except InputError as exc:
            segments = []
            problem = exc.problem.message
        if marked and getattr(module, "MARKED_READ", None):  # units read only now are not compared
            known = {s.key for s in self.segments}
            segments = [s for s in segments if s.key in known]
        # Units in file order (keys by line shift when a target gains a line), blank ones skipped.
        kept = [(s, new_targets.get(s.key, s.target)) for s in self.segments]
        kept = [(s, target) for s, target in kept if target.strip()]
        if not problem:
            if len(segments) != len(kept):
                problem = f"{len(segments)} units would read back instead of {len(kept)}"
            else:
                for (old, target), again in zip(kept, segments, strict=True):
                    if again.target != target:
                        problem = f"{old.key} would read back as another text"
                        break
                    if target != old.target and hasattr(module, "raw_runs"):
                        before, after = _codes(module, document, old), _codes(module, again_document, again)
                        if not _codes_kept(before, after, target) or not _no_code_became_text(
                            module, old.target, before, target, after
                        ):
                            problem = f"the inline codes of {old.key} would change"
                            break
        if problem:
            raise WriteError(f"{document.name}: cannot write the fixes faithfully ({problem}); file left unchanged")


def _codes_kept(before: list[str], after: list[str], text: str) -> bool:
    """No code appeared (escaped text never turns into one), none moved, and every code the
    new text still spells is still a code (none turned into escaped text)."""
    remaining = iter(before)
    if not all(any(code == old for old in remaining) for code in after):
        return False
    return all(after.count(code) >= min(before.count(code), text.count(code)) for code in set(before))


def _no_code_became_text(module: ModuleType, old: str, before: list[str], new: str, after: list[str]) -> bool:
    """When a code went, text spelling an inline code (``<x id="2"/>`` written as
    ``&lt;x id="2"/&gt;``) may not have appeared: a code edited by hand would otherwise come
    back as text that looks like a code. (A full-width ＜g＞ fixed to ``<g>`` is text, and
    stays text: no code went.)"""
    pattern = getattr(module, "CODE_TEXT", None)
    if pattern is None or not Counter(before) - Counter(after):  # no code went: none became text
        return True
    old_text = Counter(pattern.findall(old)) - Counter(before)
    new_text = Counter(pattern.findall(new)) - Counter(after)
    return all(count <= old_text[code] for code, count in new_text.items())


def _codes(module: ModuleType, document: Document, segment: Segment) -> list[str]:
    start, end = segment.origin.span or (0, 0)
    text = document.text
    return [
        text[start + run.raw_start : start + run.raw_end]
        for run in module.raw_runs(document, start, end)
        if run.kind == MARKUP
    ]


def _with_anchors(document: Document, module: ModuleType, segments: list[Segment]) -> list[Segment]:
    """Note where escaped (or multi-line) targets' and sources' characters sit in the file,
    for exact line and column."""
    raw_runs = getattr(module, "raw_runs", None)
    if raw_runs is None:
        return segments
    window = Window(document.text, document.encoding)
    quote = getattr(module, "QUOTE", "")
    return [anchored(segment, window, raw_runs, quote) for segment in segments]


class Window:
    """A stretch of a file's text that starts at a line start: ``base`` is its offset in the
    file, ``first_line`` its line number. Anchoring reads a segment's raw spans (file offsets)
    through it: the whole text for ``load``, one entry's lines for a streamed reader."""

    def __init__(self, text: str, encoding: str = "utf-8", base: int = 0, first_line: int = 1) -> None:
        self.text, self.encoding, self.base, self.first_line = text, encoding, base, first_line
        self._positions: Positions | None = None

    def line_column(self, offset: int) -> tuple[int, int]:
        """The file's (line, column) of a file offset inside the window."""
        if self._positions is None:
            self._positions = Positions(self.text)
        line, column = self._positions.line_column(offset - self.base)
        return line + self.first_line - 1, column


def anchored(
    segment: Segment, window: Window, raw_runs: Callable[[Window, int, int], list[Run]], quote: str = ""
) -> Segment:
    """The segment with anchors where its target's or source's raw text (in ``window``) does
    not advance one for one with the decoded text (escapes, strings over several lines).
    ``quote``: the format's string delimiter; one plain quoted string needs no anchors."""
    from mtcheck.formats.runs import anchors

    def anchor(span: tuple[int, int] | None, decoded: str | None, start: tuple[int, int]):
        if span is None or decoded is None:
            return None
        local = (span[0] - window.base, span[1] - window.base)
        raw = window.text[local[0] : local[1]]
        if "\n" not in raw and (raw == decoded or (quote and raw == quote + decoded + quote and "\\" not in raw)):
            return None
        return anchors(window, span[0], raw, raw_runs(window, *local), start)

    origin = segment.origin
    target = anchor(origin.span, segment.target, (origin.line, origin.column))
    source = anchor(origin.source_span, segment.source, (origin.source_line or origin.line, origin.source_column or 1))
    if target is None and source is None:
        return segment
    from dataclasses import replace

    return replace(segment, origin=origin.with_anchors(target, source))


def load(
    path: str,
    *,
    input_format: str | None = None,
    source_path: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    stdin_name: str | None = None,
    **options: object,
) -> Loaded:
    """Read and validate a whole file; raises InputError (one line) for a bad one.

    ``options`` are the formats' reader options (``READ_OPTIONS``); None means the default.
    ``stdin_name`` is the file standard input stands for: its extension chooses the format,
    and keys and messages name it.
    """
    label = stdin_name if path == "-" and stdin_name else None
    fmt = input_format or detect_format(label or path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}")
    unknown = sorted(set(options) - READ_OPTIONS)
    if unknown:
        raise ValueError(f"unknown read option {unknown[0]!r}")
    module = FORMATS[fmt]
    document = read_document(path, getattr(module, "sniff", None), label)
    if source_path is not None:
        if fmt != "text":
            raise InputError(InputProblem(path, "--source pairs plain-text files; this format has its own source"))
        given: dict[str, object] = {"source_path": source_path}
    else:
        accepted = getattr(module, "OPTIONS", ())
        given = {name: value for name, value in options.items() if name in accepted and value is not None}
    # Readers report only what the file declares; TMX also needs the wanted languages to
    # pick a unit's variants. The rest (path, flags, the text) is decided below.
    if fmt == "tmx":
        given.update(src_lang=src_lang, tgt_lang=tgt_lang)
    segments = _read(module, document, given)
    segments, languages = resolve_languages(segments, path, src_lang, tgt_lang)
    return Loaded(document, fmt, _with_anchors(document, module, segments), tuple(given.items()), languages)


def _read(module: ModuleType, document: Document, options: dict[str, object]) -> list[Segment]:
    """The reader's segments; a reader that fails in a way nobody foresaw (a bug) still gives
    one line naming the file, never a traceback, and the rest of the batch is checked."""
    try:
        return module.read(document, **options)
    except InputError:
        raise
    except RecursionError:
        raise InputError(InputProblem(document.name, "nested too deeply to read")) from None
    except (ValueError, KeyError, IndexError, AssertionError, UnicodeError, OverflowError) as exc:
        message = f"internal error while reading this file ({type(exc).__name__}); please report it"
        raise InputError(InputProblem(document.name, message)) from None


def read_segments(path: str, **options: object) -> Iterator[Segment]:
    """The segments of a file (see ``load``)."""
    return iter(load(path, **options).segments)  # type: ignore[arg-type]
