"""Quality scores beside the findings: sacrebleu's BLEU, chrF, chrF++ and TER, with signatures.

Hypothesis and reference files are read by mtcheck's own readers and aligned by unit id
(keys ``path#id``) or by line number (keys ``path:line``; a TSV header is not a row). A
unit missing from one side is an error that names it. A line that exists but is blank is an
empty translation, as it is for sacrebleu's command line.

Scores come from sacrebleu's metric classes. Each metric's per-segment statistics are
extracted once, in chunks so that chrF's reference n-grams never all sit in memory at once.
The corpus score aggregates them exactly as ``corpus_score`` does, and the sentence scores
are the same statistics scored one by one, as ``sentence_score`` does. So sentence-level
TER costs nothing beyond corpus TER. TER's shift search is the slow part, and it runs only
when TER is one of the metrics. sacrebleu is imported inside functions, so
``mtcheck check`` without ``--ref`` never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mtcheck.model import Segment

if TYPE_CHECKING:
    from mtcheck.formats import Loaded

#: Metric names as given to ``--metrics``, in report order.
METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")
#: Lower is better for these; higher for the rest.
LOWER_IS_BETTER = frozenset({"ter", "hter"})
#: ``--worst`` ranks by the first of these that was computed: chrF, or else TER.
WORST_PREFERENCE: tuple[str, ...] = ("chrf", "chrf++", "ter", "bleu")
#: Chinese target languages get sacrebleu's ``zh`` tokenizer.
CHINESE = frozenset({"zh", "cmn", "yue", "wuu", "lzh"})
#: Tokenizers that split CJK text into characters; TER then splits CJK text the same way
#: (``normalized`` + ``asian_support``). Otherwise a Chinese sentence is one TER "word".
CJK_TOKENIZERS = frozenset({"zh", "ja-mecab"})
#: Segments per call into sacrebleu: bounds the memory of cached reference n-grams.
CHUNK = 5_000
#: How many ids an alignment error lists before "and N more".
LISTED = 8
#: Formats with one unit per line: a ``path:line`` key there is a row number to pair by.
#: Elsewhere (a CSV cell may span lines, a TMX unit many) units without ids pair by position.
LINE_ORIENTED = frozenset({"text", "tsv", "jsonl"})


class ScoreError(Exception):
    """A one-line problem with the inputs or options (exit status 2)."""


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True)
class Unit:
    """One scored segment: a hypothesis and its references, in reference-file order."""

    id: str  # the unit id, or the line number
    key: str  # the hypothesis segment's key (``path:line`` for a blank hypothesis line)
    hypothesis: str
    references: tuple[str, ...]
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Aligned:
    hypothesis: str  # the hypothesis file's name
    references: tuple[str, ...]
    by: str  # "id", "line", or "order" (one file has unit ids and another has not)
    units: list[Unit]
    tgt_lang: str | None = None  # as declared by the files or named by their paths, if any
    tgt_lang_from: str = "file"  # "file" or "path"


@dataclass(frozen=True, slots=True)
class FileUnits:
    """One file's segments, with what alignment by line needs to know about the file."""

    name: str
    segments: list[Segment]
    lines: int | None = None  # lines in the file: a missing segment within them is a blank line
    header: int = 0  # header lines (a TSV's "source<TAB>target"): row N is line N + header
    line_oriented: bool = True  # see LINE_ORIENTED


def unit_id(segment: Segment) -> tuple[str, str]:
    """("id", unit id) for keys ``path#id``, ("line", number) for keys ``path:line``."""
    key = segment.key
    path = segment.origin.path
    rest = key[len(path) :] if key.startswith(path) else key
    if rest.startswith("#"):
        return "id", rest[1:]
    if rest.startswith(":"):
        return "line", rest[1:]
    if "#" in key:
        return "id", key.rpartition("#")[2]
    return "line", str(segment.origin.line)


def _listing(kind: str, ids: list[str]) -> str:
    noun = ("line" if kind == "line" else "unit") + ("s" if len(ids) > 1 else "")
    shown = ", ".join(ids[:LISTED])
    more = f" and {len(ids) - LISTED} more" if len(ids) > LISTED else ""
    return f"{noun} {shown}{more}"


def _mismatch(hyp: str, ref: str, kind: str, missing_in_ref: list[str], missing_in_hyp: list[str]) -> ScoreError:
    """One line naming both files and the units each lacks (line numbers in the file that has them)."""
    parts = []
    if kind == "line":
        if missing_in_ref:
            parts.append(f"{ref} ends before {hyp} {_listing(kind, missing_in_ref)}")
        if missing_in_hyp:
            parts.append(f"{hyp} ends before {ref} {_listing(kind, missing_in_hyp)}")
        return ScoreError(f"{hyp} and {ref} do not align by line: {'; '.join(parts)}")
    if missing_in_ref:
        parts.append(f"{ref} has no {_listing(kind, missing_in_ref)}")
    if missing_in_hyp:
        parts.append(f"{hyp} has no {_listing(kind, missing_in_hyp)}")
    return ScoreError(f"{hyp} and {ref} do not align by unit id: {'; '.join(parts)}")


def _keyed(side: FileUnits) -> tuple[str | None, dict[str, Segment]]:
    """How the file's units are known ("id", "line", "mixed"; None: no units), by that."""
    kinds: set[str] = set()
    by_id: dict[str, Segment] = {}
    for segment in side.segments:
        kind, uid = unit_id(segment)
        kinds.add(kind)
        if uid in by_id:
            raise ScoreError(f"{side.name}: unit id {uid!r} occurs twice; ids must be unique to align by them")
        by_id[uid] = segment
    if not kinds:
        return None, by_id
    if len(kinds) > 1:
        return "mixed", by_id
    kind = kinds.pop()
    return ("position" if kind == "line" and not side.line_oriented else kind), by_id


def _source(*segments: Segment | None) -> str | None:
    for segment in segments:
        if segment is not None and segment.source is not None:
            return segment.source
    return None


def align(hypothesis: FileUnits, references: Sequence[FileUnits]) -> tuple[str, list[Unit]]:
    """Pair every hypothesis unit with one unit of each reference file: by unit id when
    every file has ids, by line when every file is line-oriented without ids, else by
    position (the files must then have as many units)."""
    hyp_kind, hyp_map = _keyed(hypothesis)
    keyed = [_keyed(ref) for ref in references]
    kinds = {kind for kind in [hyp_kind, *(kind for kind, _ in keyed)] if kind is not None}
    if not kinds:
        names = " and ".join([hypothesis.name, *(ref.name for ref in references)])
        raise ScoreError(f"nothing to score: {names} have no segments")
    if kinds == {"id"}:
        return "id", _align_by_id(hypothesis, hyp_map, references, [m for _, m in keyed])
    if kinds == {"line"}:
        return "line", _align_by_line(hypothesis, hyp_map, references, [m for _, m in keyed])
    return "order", _align_by_order(hypothesis, references)


def _align_by_id(
    hyp: FileUnits, hyp_map: dict[str, Segment], refs: Sequence[FileUnits], ref_maps: list[dict[str, Segment]]
) -> list[Unit]:
    for ref, ref_map in zip(refs, ref_maps, strict=True):
        missing_in_ref = [uid for uid in hyp_map if uid not in ref_map]
        missing_in_hyp = [uid for uid in ref_map if uid not in hyp_map]
        if missing_in_ref or missing_in_hyp:
            raise _mismatch(hyp.name, ref.name, "id", missing_in_ref, missing_in_hyp)
    units = []
    for uid, segment in hyp_map.items():
        matched = [ref_map[uid] for ref_map in ref_maps]
        units.append(
            Unit(uid, segment.key, segment.target, tuple(s.target for s in matched), _source(segment, *matched))
        )
    return units


def _rows(side: FileUnits) -> int:
    """Data rows in the file (lines after the header), blank ones included."""
    lines = side.lines if side.lines is not None else max((s.origin.line for s in side.segments), default=0)
    return max(lines - side.header, 0)


def _align_by_line(
    hyp: FileUnits, hyp_map: dict[str, Segment], refs: Sequence[FileUnits], ref_maps: list[dict[str, Segment]]
) -> list[Unit]:
    """Row N of every file together (a header line is not a row); a row that is blank in
    one file is an empty text there, and a row past the end of a file is a mismatch."""
    hyp_rows = {int(line) - hyp.header: segment for line, segment in hyp_map.items()}
    ref_rows = [
        {int(line) - ref.header: segment for line, segment in ref_map.items()}
        for ref, ref_map in zip(refs, ref_maps, strict=True)
    ]
    hyp_count = _rows(hyp)
    for ref, by_row in zip(refs, ref_rows, strict=True):
        ref_count = _rows(ref)
        missing_in_ref = [str(row + hyp.header) for row in sorted(hyp_rows) if row > ref_count]
        missing_in_hyp = [str(row + ref.header) for row in sorted(by_row) if row > hyp_count]
        if missing_in_ref or missing_in_hyp:
            raise _mismatch(hyp.name, ref.name, "line", missing_in_ref, missing_in_hyp)
    units = []
    for row in sorted(set(hyp_rows).union(*ref_rows)):
        segment = hyp_rows.get(row)
        matched = [by_row.get(row) for by_row in ref_rows]
        line = row + hyp.header
        units.append(
            Unit(
                str(line),
                segment.key if segment is not None else f"{hyp.name}:{line}",
                segment.target if segment is not None else "",
                tuple(s.target if s is not None else "" for s in matched),
                _source(segment, *matched),
            )
        )
    return units


def _align_by_order(hyp: FileUnits, refs: Sequence[FileUnits]) -> list[Unit]:
    for ref in refs:
        if len(ref.segments) != len(hyp.segments):
            raise ScoreError(
                f"{hyp.name} and {ref.name} do not align: without unit ids in both (or lines in "
                f"both) they pair by position, and {hyp.name} has {len(hyp.segments)} units, "
                f"{ref.name} has {len(ref.segments)}"
            )
    units = []
    for index, segment in enumerate(hyp.segments):
        matched = [ref.segments[index] for ref in refs]
        units.append(
            Unit(
                unit_id(segment)[1],
                segment.key,
                segment.target,
                tuple(s.target for s in matched),
                _source(segment, *matched),
            )
        )
    return units


def _header_lines(fmt: str, text: str) -> int:
    """1 for a TSV that starts with its optional header, so its rows pair with a text file's lines."""
    from mtcheck.formats import tsv

    first = text.split("\n", 1)[0].rstrip("\r")
    return 1 if fmt == tsv.NAME and tsv.header_columns(first) is not None else 0


def _side(loaded: Loaded, segments: Sequence[Segment] | None = None) -> FileUnits:
    """The file's units (``segments``: those of it that were read elsewhere)."""
    text = loaded.document.text
    lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    return FileUnits(
        loaded.document.name,
        list(loaded.segments if segments is None else segments),
        lines,
        _header_lines(loaded.format, text),
        loaded.format in LINE_ORIENTED,
    )


def load_aligned(
    hypothesis: str,
    references: Sequence[str],
    *,
    input_format: str | None = None,
    source_path: str | None = None,
) -> Aligned:
    """Read the files and align them; raises InputError for an unreadable file and
    ScoreError for files whose units do not pair up."""
    from mtcheck.formats import load

    hyp = load(hypothesis, input_format=input_format, source_path=source_path)
    refs = [load(path, input_format=input_format) for path in references]
    by, units = align(_side(hyp), [_side(ref) for ref in refs])
    declared = next(
        (
            loaded.languages
            for loaded in (hyp, *refs)
            if loaded.languages is not None and loaded.languages.tgt_from in ("file", "path")
        ),
        None,
    )
    names = (hyp.document.name, tuple(ref.document.name for ref in refs))
    if declared is None:
        return Aligned(*names, by, units)
    return Aligned(*names, by, units, declared.tgt_lang, declared.tgt_from)


# ------------------------------------------------------------------ language, tokenizer


def detect_target_language(texts: Iterable[str], sample: int = 2000) -> str | None:
    """The target language when CJK letters are most of the letters in the first ``sample``
    texts: zh (or ja, ko); None otherwise, a space-separated language."""
    import regex

    letters = regex.compile(r"\p{L}")
    han = regex.compile(r"\p{Han}")
    kana = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
    hangul = regex.compile(r"\p{Hangul}")
    counts = [0, 0, 0, 0]  # letters, han, kana, hangul
    for index, text in enumerate(texts):
        if index >= sample:
            break
        counts[0] += len(letters.findall(text))
        counts[1] += len(han.findall(text))
        counts[2] += len(kana.findall(text))
        counts[3] += len(hangul.findall(text))
    total, n_han, n_kana, n_hangul = counts
    cjk = n_han + n_kana + n_hangul
    if not total or cjk * 2 <= total:
        return None
    if n_hangul > n_han + n_kana:
        return "ko"
    if n_kana * 10 >= cjk:
        return "ja"
    return "zh"


def tokenizer_for(tgt_lang: str | None) -> str:
    """sacrebleu's ``zh`` tokenizer for Chinese targets and ``13a`` for the rest."""
    from mtcheck.lang.codes import base as base_lang

    return "zh" if base_lang(tgt_lang) in CHINESE else "13a"


@dataclass(frozen=True, slots=True)
class Language:
    tgt_lang: str | None
    found_by: str  # "option", "file", "path", "detected", or "none"
    tokenize: str
    tokenize_by: str  # "option" or "language"


def resolve_language(aligned: Aligned, tgt_lang: str | None = None, tokenize: str | None = None) -> Language:
    """Target language from the option, else the files, else the text; tokenizer from
    the option, else the language."""
    if tgt_lang:
        lang, found_by = tgt_lang, "option"
    elif aligned.tgt_lang:
        lang, found_by = aligned.tgt_lang, aligned.tgt_lang_from
    else:
        texts = (text for unit in aligned.units for text in (*unit.references, unit.hypothesis))
        detected = detect_target_language(texts)
        lang, found_by = detected, ("detected" if detected else "none")
    if tokenize:
        return Language(lang, found_by, tokenize, "option")
    return Language(lang, found_by, tokenizer_for(lang), "language")


def check_tokenizer(tokenize: str) -> None:
    """Raise ScoreError for a tokenizer sacrebleu does not have or cannot load here."""
    from sacrebleu.metrics import BLEU

    if tokenize not in BLEU.TOKENIZERS:
        raise ScoreError(f"unknown tokenizer {tokenize!r}; sacrebleu has: {', '.join(BLEU.TOKENIZERS)}")
    try:
        BLEU(tokenize=tokenize)
    except Exception as exc:  # a missing optional package (mecab, sentencepiece) or download
        raise ScoreError(f"tokenizer {tokenize!r} is not usable here: {exc}") from None


# ---------------------------------------------------------------------------- scoring


def make_metric(name: str, tokenize: str = "13a", *, sentence: bool = False) -> Any:
    """The sacrebleu metric object for a name. Sentence BLEU uses effective order, as
    sacrebleu recommends (and ``sentence_bleu`` does); TER splits CJK text into
    characters when the tokenizer does (see CJK_TOKENIZERS)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "bleu":
        return BLEU(tokenize=tokenize, effective_order=sentence)
    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name in ("ter", "hter"):
        cjk = tokenize in CJK_TOKENIZERS
        return TER(normalized=cjk, asian_support=cjk)
    raise ValueError(f"unknown metric {name!r}")


@dataclass(frozen=True, slots=True)
class Result:
    """One corpus score: the figure, sacrebleu's signature, and its verbose details."""

    metric: str
    score: float
    signature: str
    formatted: str  # sacrebleu's own line: "NAME|signature = score details"
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "signature": self.signature, **self.details}


@dataclass
class Scores:
    tokenize: str
    corpus: dict[str, Result] = field(default_factory=dict)
    #: Per metric, one score per unit (in unit order), when sentence scores were asked for.
    sentence: dict[str, list[float]] = field(default_factory=dict)
    sentence_signatures: dict[str, str] = field(default_factory=dict)
    #: TER only: per unit (edits, reference length), for HTER's "edits per words".
    ter_stats: list[tuple[float, float]] = field(default_factory=list)


def _details(name: str, score: Any) -> dict[str, Any]:
    if name == "bleu":
        return {
            "counts": list(score.counts),
            "totals": list(score.totals),
            "precisions": list(score.precisions),
            "bp": score.bp,
            "sys_len": score.sys_len,
            "ref_len": score.ref_len,
        }
    if name in ("ter", "hter"):
        return {"num_edits": score.num_edits, "ref_length": score.ref_length}
    return {}


def _chunks(units: Sequence[Unit], chunk: int) -> Iterator[tuple[list[str], list[list[str]]]]:
    n_refs = len(units[0].references) if units else 0
    for start in range(0, len(units), chunk):
        part = units[start : start + chunk]
        yield [unit.hypothesis for unit in part], [[unit.references[i] for unit in part] for i in range(n_refs)]


_WORKER_METRICS: dict[tuple[str, str], Any] = {}


def _chunk_statistics(task: tuple[str, str, list[str], list[list[str]]]) -> list[list[Any]]:
    """In a worker process: one chunk's statistics, with a metric built once per process."""
    name, tokenize, hyps, refs = task
    metric = _WORKER_METRICS.get((name, tokenize))
    if metric is None:
        metric = _WORKER_METRICS[(name, tokenize)] = make_metric(name, tokenize)
        metric._force = True
    return metric._extract_corpus_statistics(hyps, refs)


def default_jobs() -> int:
    """The CPUs this process may use."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def segment_statistics(
    metric: Any,
    units: Sequence[Unit],
    chunk: int = CHUNK,
    *,
    jobs: int = 1,
    name: str = "",
    tokenize: str = "13a",
) -> list[list[Any]]:
    """sacrebleu's per-segment statistics (what ``corpus_score`` aggregates), a chunk at a time.

    With ``jobs`` > 1 and more than one chunk, the chunks go to forked worker processes
    (``name`` and ``tokenize`` rebuild the metric there); the statistics come back in
    order, so every figure is the same as in one process.
    """
    import multiprocessing

    tasks = _chunks(units, chunk)
    parallel = jobs > 1 and len(units) > chunk and "fork" in multiprocessing.get_all_start_methods()
    if not parallel:
        return [stats for hyps, refs in tasks for stats in metric._extract_corpus_statistics(hyps, refs)]
    # The parent's metric learns the number of references (its signature reports it).
    metric._extract_corpus_statistics([units[0].hypothesis], [[r] for r in units[0].references])
    workers = min(jobs, -(-len(units) // chunk))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.imap(_chunk_statistics, ((name, tokenize, hyps, refs) for hyps, refs in tasks))
        return [stats for part in results for stats in part]


def score_units(
    units: Sequence[Unit],
    metrics: Iterable[str],
    *,
    tokenize: str = "13a",
    sentence: Iterable[str] = (),
    chunk: int = CHUNK,
    jobs: int = 1,
) -> Scores:
    """Corpus scores for ``metrics`` and sentence scores for those also in ``sentence``;
    ``jobs`` processes share the work (see segment_statistics)."""
    if not units:
        raise ScoreError("nothing to score")
    wanted_sentence = set(sentence)
    scores = Scores(tokenize)
    for name in metrics:
        metric = make_metric(name, tokenize)
        metric._force = True  # not per chunk: the command warns once (tokenized_periods)
        stats = segment_statistics(metric, units, chunk, jobs=jobs, name=name, tokenize=tokenize)
        corpus = metric._aggregate_and_compute(stats)
        signature = str(metric.get_signature())
        scores.corpus[name] = Result(
            name, corpus.score, signature, corpus.format(signature=signature), _details(name, corpus)
        )
        if name in ("ter", "hter"):
            scores.ter_stats = [(s[0], s[1]) for s in stats]
        if name in wanted_sentence:
            scorer = metric
            if name == "bleu":
                scorer = make_metric(name, tokenize, sentence=True)
                scorer.num_refs = metric.num_refs  # set by scoring; the signature reports it
            scores.sentence[name] = [scorer._compute_score_from_stats(s).score for s in stats]
            scores.sentence_signatures[name] = str(scorer.get_signature())
    return scores


def tokenized_periods(units: Sequence[Unit]) -> int:
    """Hypotheses ending in " ." (sacrebleu warns at 100: the text looks tokenized)."""
    return sum(1 for unit in units if unit.hypothesis.endswith(" ."))


def worst_metric(computed: Iterable[str]) -> str | None:
    """What ``--worst`` ranks by: chrF when there is one, else TER, else BLEU."""
    available = set(computed)
    return next((name for name in (*WORST_PREFERENCE, "hter") if name in available), None)


def worst(units: Sequence[Unit], values: Sequence[float], metric: str, n: int) -> list[tuple[Unit, float]]:
    """The ``n`` worst units by ``metric`` (lowest, or highest for TER); ties in file order."""
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    order = sorted(range(len(units)), key=lambda i: (sign * values[i], i))
    return [(units[i], values[i]) for i in order[:n]]


# --------------------------------------------------------------------------- gates


@dataclass(frozen=True, slots=True)
class Gate:
    metric: str
    bound: str  # "min" or "max"
    threshold: float
    score: float

    @property
    def passed(self) -> bool:
        return self.score >= self.threshold if self.bound == "min" else self.score <= self.threshold

    def as_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            self.bound: self.threshold,
            "score": self.score,
            "passed": self.passed,
        }


# ------------------------------------------------------------- check --ref (item 5)


@dataclass(frozen=True, slots=True)
class ReferenceScores:
    """chrF of checked segments against a reference, for ``mtcheck check --ref``."""

    chrf: dict[str, float]  # segment key -> sentence chrF
    corpus: float
    signature: str
    by: str  # how the files were aligned


def reference_chrf(
    checked: Loaded | Sequence[Segment],
    references: Sequence[str],
    *,
    input_format: str | None = None,
    jobs: int = 1,
) -> ReferenceScores:
    """Sentence chrF of each segment of one checked file against its reference(s).

    ``checked`` is the file as read (``formats.load``), or its segments, and then the file
    is read again for what alignment by line needs. References are read by their own
    extension unless ``input_format`` is given. Raises InputError for an unreadable file
    and ScoreError when the units do not align. Blank lines in the checked file count as
    empty translations, as in ``mtcheck score``.
    """
    from mtcheck.formats import Loaded, load

    if isinstance(checked, Loaded):
        hyp = _side(checked)
    elif not checked:
        raise ScoreError("nothing to score: the checked file has no segments")
    elif checked[0].origin.path == "<stdin>":
        hyp = FileUnits("<stdin>", list(checked))
    else:
        hyp = _side(load(checked[0].origin.path), checked)
    refs = [load(path, input_format=input_format) for path in references]
    by, units = align(hyp, [_side(ref) for ref in refs])
    scores = score_units(units, ("chrf",), sentence=("chrf",), jobs=jobs)
    keys = {segment.key for segment in hyp.segments}
    chrf = {unit.key: value for unit, value in zip(units, scores.sentence["chrf"], strict=True) if unit.key in keys}
    corpus = scores.corpus["chrf"]
    return ReferenceScores(chrf, corpus.score, corpus.signature, by)


@dataclass(frozen=True, slots=True)
class RankedSegment:
    key: str
    findings: int
    chrf: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "findings": self.findings, "chrf": self.chrf}


def post_editing_order(
    segments: Sequence[Segment] | Sequence[str],
    findings: Mapping[str, int],
    chrf: Mapping[str, float],
    limit: int | None = None,
) -> list[RankedSegment]:
    """Where a post-editor should start: most findings first, then lowest chrF, then
    file order. ``segments`` are the checked segments (or their keys)."""
    keys = [s if isinstance(s, str) else s.key for s in segments]
    ranked = [RankedSegment(key, findings.get(key, 0), chrf.get(key)) for key in keys]
    order = sorted(
        range(len(ranked)),
        key=lambda i: (-ranked[i].findings, ranked[i].chrf if ranked[i].chrf is not None else float("inf"), i),
    )
    chosen = [ranked[i] for i in order]
    return chosen if limit is None else chosen[:limit]


def ranking_lines(ranked: Sequence[RankedSegment]) -> list[str]:
    """The ranking as terminal lines: "  3 findings  chrF  41.20  file.txt:7"."""
    width = max((len(str(r.findings)) for r in ranked), default=1)
    lines = []
    for r in ranked:
        noun = "finding " if r.findings == 1 else "findings"
        chrf = f"{r.chrf:6.2f}" if r.chrf is not None else "     -"
        lines.append(f"  {r.findings:>{width}} {noun}  chrF {chrf}  {r.key}")
    return lines


def reference_report(scored: ReferenceScores, ranked: Sequence[RankedSegment]) -> dict[str, Any]:
    """For a JSON report: the corpus chrF with its signature, and the post-editing order."""
    return {
        "chrf": scored.corpus,
        "signature": scored.signature,
        "aligned_by": scored.by,
        "post_editing_order": [r.as_dict() for r in ranked],
    }


def reference_lines(scored: ReferenceScores, ranked: Sequence[RankedSegment]) -> list[str]:
    """For the terminal summary: the corpus chrF, then where a post-editor should start."""
    lines = [f"chrF against the reference: {scored.corpus:.2f} ({scored.signature})"]
    if ranked:
        lines.append("Start post-editing here (most findings, then lowest chrF):")
        lines += ranking_lines(ranked)
    return lines
