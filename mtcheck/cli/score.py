"""``mtcheck score``: BLEU, chrF, chrF++ and TER (sacrebleu, with signatures), or HTER."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mtcheck.cli.options import echo_problem, error, say, split_list, with_examples

if TYPE_CHECKING:  # sacrebleu and the scoring module are imported by the command, not at start-up
    from mtcheck.score import Aligned, Gate, Language, Scores, Unit

EXIT_PASSED, EXIT_GATE_MISSED, EXIT_ERROR = 0, 1, 2
NAMES = {"bleu": "BLEU", "chrf": "chrF", "chrf++": "chrF++", "ter": "TER", "hter": "HTER"}


class ScoreFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class _Request:
    """What both modes (references, post-edited) share."""

    hypothesis: str
    references: list[str]
    sentence: bool
    worst: int | None
    tokenize: str | None
    tgt_lang: str | None
    source: str | None
    input_format: str | None
    jobs: int


@with_examples(
    "mtcheck score mt.txt --ref ref.txt                    # corpus BLEU, chrF, chrF++, TER",
    "mtcheck score mt.xlf --ref ref.xlf --sentence --worst 10",
    "mtcheck score mt.txt --post-edited pe.txt             # HTER: the post-editing effort",
    "mtcheck score mt.txt --ref ref.txt --min-chrf 55 --format json   # a CI gate",
)
def score(
    hypothesis: Annotated[
        str, typer.Argument(metavar="HYP", help="The MT output (any format mtcheck reads); '-' reads stdin.")
    ],
    ref: Annotated[
        list[str] | None,
        typer.Option("--ref", metavar="FILE", help="A reference translation of the same units; repeatable."),
    ] = None,
    post_edited: Annotated[
        str | None,
        typer.Option(
            "--post-edited", metavar="FILE", help="The post-edited text of the same units: report HTER instead."
        ),
    ] = None,
    sentence: Annotated[bool, typer.Option("--sentence", help="Also list every segment's scores.")] = False,
    worst: Annotated[
        int | None,
        typer.Option(
            "--worst", min=1, metavar="N", help="List the N segments with the lowest chrF (highest TER without chrF)."
        ),
    ] = None,
    tokenize: Annotated[
        str | None,
        typer.Option(
            "--tokenize",
            metavar="NAME",
            help="sacrebleu's BLEU tokenizer (zh, 13a, intl, char, …); default by language.",
        ),
    ] = None,
    tgt_lang: Annotated[
        str | None,
        typer.Option(
            "--tgt-lang",
            metavar="CODE",
            help="Target language (zh → the zh tokenizer); default: the files', or detected.",
        ),
    ] = None,
    metrics: Annotated[
        list[str] | None,
        typer.Option(
            "--metrics",
            metavar="[bleu,chrf,chrf++,ter]",
            help="Comma-separated: bleu, chrf, chrf++, ter (default: all four).",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", "-s", metavar="FILE", help="Plain-text source paired line by line with HYP, shown by --worst."
        ),
    ] = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            metavar="[text|tsv|csv|xliff|po|tmx|jsonl]",
            help="Read every file as this format (default: by extension).",
        ),
    ] = None,
    output_format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Report format.")] = ScoreFormat.TEXT,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Processes for over 5,000 segments (0: one per core); same figures.",
        ),
    ] = 0,
    min_bleu: Annotated[
        float | None, typer.Option("--min-bleu", metavar="N", help="Exit 1 when corpus BLEU is lower.")
    ] = None,
    min_chrf: Annotated[
        float | None, typer.Option("--min-chrf", metavar="N", help="Exit 1 when corpus chrF is lower.")
    ] = None,
    max_ter: Annotated[
        float | None, typer.Option("--max-ter", metavar="N", help="Exit 1 when corpus TER (or HTER) is higher.")
    ] = None,
) -> None:
    """Score MT output against references (corpus BLEU, chrF, chrF++, TER), or against its
    post-edited version (HTER). Exit 1 when a --min/--max gate is missed, 2 on bad input.

    TER is the slow metric (its shift search); leave it out with --metrics for big files.
    """
    from mtcheck.formats import FORMATS
    from mtcheck.model import InputError
    from mtcheck.score import METRICS, ScoreError, check_tokenizer, default_jobs

    def fail(message: str) -> typer.Exit:
        error(message)
        return typer.Exit(EXIT_ERROR)

    if ref is None and post_edited is None:
        raise fail("give references (--ref REF, repeatable) or the post-edited text (--post-edited PE)")
    if ref is not None and post_edited is not None:
        raise fail("give references (--ref REF) or the post-edited text (--post-edited PE), not both")
    if input_format is not None and input_format not in FORMATS:
        raise fail(f"unknown --input-format {input_format!r}; known: {', '.join(FORMATS)}")
    chosen = split_list(metrics)
    unknown = [name for name in chosen if name not in METRICS]
    if unknown:
        raise fail(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRICS)}")
    if post_edited is not None and (chosen or min_bleu is not None or min_chrf is not None):
        raise fail("--post-edited reports HTER only: --metrics, --min-bleu and --min-chrf need --ref")
    request = _Request(
        hypothesis,
        [post_edited] if post_edited is not None else ref or [],
        sentence,
        worst,
        tokenize,
        tgt_lang,
        source,
        input_format,
        jobs or default_jobs(),
    )
    try:
        if tokenize is not None:
            check_tokenizer(tokenize)  # before reading big files
        if post_edited is not None:
            report = _hter(request, max_ter)
        else:
            names = [name for name in METRICS if name in chosen] if chosen else list(METRICS)
            gated = {"bleu": min_bleu, "chrf": min_chrf, "ter": max_ter}
            names += [name for name in METRICS if gated.get(name) is not None and name not in names]
            report = _against_refs(request, names, gated)
    except InputError as exc:
        echo_problem(str(exc.problem))
        raise typer.Exit(EXIT_ERROR) from None
    except ScoreError as exc:
        raise fail(str(exc)) from None
    data, lines, passed = report
    if output_format is ScoreFormat.JSON:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        say("\n".join(lines))
    raise typer.Exit(EXIT_PASSED if passed else EXIT_GATE_MISSED)


Report = tuple[dict[str, Any], list[str], bool]


def _prepare(request: _Request) -> tuple[Aligned, Language]:
    from mtcheck.score import check_tokenizer, load_aligned, resolve_language, tokenized_periods

    aligned = load_aligned(
        request.hypothesis, request.references, input_format=request.input_format, source_path=request.source
    )
    language = resolve_language(aligned, request.tgt_lang, request.tokenize)
    if request.tokenize is None:
        check_tokenizer(language.tokenize)
    periods = tokenized_periods(aligned.units)
    if periods >= 100:
        error_line = f"mtcheck: warning: {periods} hypotheses end in a tokenized period (' .'): detokenize them first"
        echo_problem(error_line)
    return aligned, language


def _header(aligned: Aligned, language: Language, against: str) -> list[str]:
    lang = language.tgt_lang or "not CJK"
    how = "" if language.found_by in ("option", "none") else f" ({language.found_by})"
    tok = f"tokenize {language.tokenize}" + (" (option)" if language.tokenize_by == "option" else "")
    count = len(aligned.units)
    noun = "segment" if count == 1 else "segments"
    return [
        f"{aligned.hypothesis} against {against}: {count} {noun} aligned by {aligned.by}; target {lang}{how}; {tok}"
    ]


def _common(aligned: Aligned, language: Language) -> dict[str, Any]:
    return {
        "segments": len(aligned.units),
        "aligned_by": aligned.by,
        "tgt_lang": language.tgt_lang,
        "tgt_lang_from": language.found_by,
        "tokenize": language.tokenize,
    }


def _gates(scores: Scores, thresholds: dict[str, float | None]) -> list[Gate]:
    from mtcheck.score import Gate

    gates = []
    for name, threshold in thresholds.items():
        if threshold is not None and name in scores.corpus:
            bound = "max" if name in ("ter", "hter") else "min"
            gates.append(Gate(name, bound, threshold, scores.corpus[name].score))
    return gates


def _gate_lines(gates: list[Gate]) -> list[str]:
    lines = []
    for gate in gates:
        sign = "≥" if gate.bound == "min" else "≤"
        verdict = "passed" if gate.passed else "MISSED"
        lines.append(f"gate {NAMES[gate.metric]} {sign} {gate.threshold:g}: {gate.score:.2f} {verdict}")
    return lines


def _worst_block(
    units: list[Unit], scores: Scores, n: int | None, ref_label: str = "reference"
) -> tuple[dict[str, Any] | None, list[str]]:
    from mtcheck.score import worst, worst_metric

    if n is None:
        return None, []
    metric = worst_metric(scores.sentence)
    if metric is None:
        return None, []
    chosen = worst(units, scores.sentence[metric], metric, n)
    records = []
    order = "highest" if metric in ("ter", "hter") else "lowest"
    noun = "segment" if len(chosen) == 1 else "segments"
    lines = ["", f"{len(chosen)} {noun} with the {order} {NAMES[metric]}:"]
    for unit, value in chosen:
        records.append(
            {
                "key": unit.key,
                "id": unit.id,
                metric: value,
                "source": unit.source,
                "hypothesis": unit.hypothesis,
                "references": list(unit.references),
            }
        )
        lines.append(f"  {unit.key}  {NAMES[metric]} {value:.2f}")
        if unit.source is not None:
            lines.append(f"    source:      {unit.source}")
        lines.append(f"    hypothesis:  {unit.hypothesis}")
        for index, reference in enumerate(unit.references):
            label = f"{ref_label}:" if len(unit.references) == 1 else f"{ref_label} {index + 1}:"
            lines.append(f"    {label:<12} {reference}")
    return {"metric": metric, "segments": records}, lines


def _sentence_lines(units: list[Unit], scores: Scores, names: list[str]) -> list[str]:
    width = max(len(unit.key) for unit in units)
    head = "segment".ljust(width) + "".join(f"  {NAMES[n]:>7}" for n in names)
    lines = ["", head]
    for index, unit in enumerate(units):
        lines.append(unit.key.ljust(width) + "".join(f"  {scores.sentence[n][index]:7.2f}" for n in names))
    lines += ["", *(f"{NAMES[n]} per segment: {scores.sentence_signatures[n]}" for n in names)]
    return lines


def _against_refs(request: _Request, names: list[str], thresholds: dict[str, float | None]) -> Report:
    from mtcheck.score import score_units, worst_metric

    aligned, language = _prepare(request)
    sentence_names = list(names) if request.sentence else []
    if request.worst is not None and not request.sentence:
        ranked_by = worst_metric(names)
        sentence_names = [ranked_by] if ranked_by else []
    scores = score_units(aligned.units, names, tokenize=language.tokenize, sentence=sentence_names, jobs=request.jobs)
    gates = _gates(scores, thresholds)
    passed = all(gate.passed for gate in gates)

    lines = _header(aligned, language, ", ".join(aligned.references))
    lines += [scores.corpus[name].formatted for name in names]
    data: dict[str, Any] = {
        "hypothesis": aligned.hypothesis,
        "references": list(aligned.references),
        **_common(aligned, language),
        "corpus": {name: scores.corpus[name].as_dict() for name in names},
    }
    if request.sentence:
        lines += _sentence_lines(aligned.units, scores, names)
        data["sentence"] = {
            "signatures": {name: scores.sentence_signatures[name] for name in names},
            "segments": [
                {"key": unit.key, "id": unit.id, **{name: scores.sentence[name][i] for name in names}}
                for i, unit in enumerate(aligned.units)
            ],
        }
    worst_data, worst_lines = _worst_block(aligned.units, scores, request.worst)
    if worst_data is not None:
        data["worst"] = worst_data
        lines += worst_lines
    if gates:
        data["gates"] = [gate.as_dict() for gate in gates]
        data["passed"] = passed
        lines += ["", *_gate_lines(gates)]
    return data, lines, passed


def _hter(request: _Request, max_ter: float | None) -> Report:
    """HTER: TER of the MT against its post-edited version, i.e. the edits that turned the
    MT into the post-edited text per word of the post-edited text."""
    from mtcheck.score import score_units

    aligned, language = _prepare(request)
    scores = score_units(aligned.units, ["hter"], tokenize=language.tokenize, sentence=["hter"], jobs=request.jobs)
    gates = _gates(scores, {"hter": max_ter})
    passed = all(gate.passed for gate in gates)
    result = scores.corpus["hter"]

    lines = _header(aligned, language, f"its post-edited version {aligned.references[0]}")
    lines.append(
        f"HTER = {result.score:.2f} ({result.details['num_edits']:g} edits / {result.details['ref_length']:g} words)"
    )
    lines.append(f"  {result.formatted}")
    data: dict[str, Any] = {
        "mt": aligned.hypothesis,
        "post_edited": aligned.references[0],
        **_common(aligned, language),
        "hter": result.as_dict(),
    }
    if request.sentence:
        width = max(len(unit.key) for unit in aligned.units)
        lines += ["", f"{'segment'.ljust(width)}     HTER   edits   words"]
        records = []
        for unit, value, (edits, words) in zip(aligned.units, scores.sentence["hter"], scores.ter_stats, strict=True):
            lines.append(f"{unit.key.ljust(width)}  {value:7.2f}  {edits:6g}  {words:6g}")
            records.append({"key": unit.key, "id": unit.id, "hter": value, "edits": edits, "words": words})
        data["sentence"] = {"signature": scores.sentence_signatures["hter"], "segments": records}
    worst_data, worst_lines = _worst_block(aligned.units, scores, request.worst, "post-edited")
    if worst_data is not None:
        data["worst"] = worst_data
        lines += worst_lines
    if gates:
        data["gates"] = [gate.as_dict() for gate in gates]
        data["passed"] = passed
        lines += ["", *_gate_lines(gates)]
    return data, lines, passed
