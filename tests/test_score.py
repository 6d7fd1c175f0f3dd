"""``mtcheck score`` and mtcheck.score: every figure checked against sacrebleu's own API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_cli
from sacrebleu.metrics import BLEU, CHRF, TER

from mtcheck.model import Origin, Segment
from mtcheck.score import (
    FileUnits,
    ScoreError,
    Unit,
    align,
    detect_target_language,
    load_aligned,
    post_editing_order,
    ranking_lines,
    reference_chrf,
    reference_lines,
    reference_report,
    resolve_language,
    score_units,
    tokenizer_for,
    worst,
)

DIR = "tests/fixtures/score"
EN_MT, EN_REF, EN_REFB, EN_PE = f"{DIR}/en-mt.txt", f"{DIR}/en-ref.txt", f"{DIR}/en-refB.txt", f"{DIR}/en-pe.txt"
ZH_MT, ZH_REF, ZH_REFB = f"{DIR}/zh-mt.txt", f"{DIR}/zh-ref.txt", f"{DIR}/zh-refB.txt"

#: (hypothesis, references, tokenizer mtcheck must choose)
CASES = [
    pytest.param(EN_MT, [EN_REF], "13a", id="en-1ref"),
    pytest.param(EN_MT, [EN_REF, EN_REFB], "13a", id="en-2refs"),
    pytest.param(ZH_MT, [ZH_REF], "zh", id="zh-1ref"),
    pytest.param(ZH_MT, [ZH_REF, ZH_REFB], "zh", id="zh-2refs"),
]


def lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


def registered() -> bool:
    from mtcheck.cli import app

    return any(command.name == "score" for command in app.registered_commands)


STANDALONE = (
    "import sys, typer\n"
    "from mtcheck.cli.score import score\n"
    "app = typer.Typer(pretty_exceptions_enable=False, rich_markup_mode=None)\n"
    "app.command('score')(score)\n"
    "app.callback()(lambda: None)\n"
    "app(prog_name='mtcheck')\n"
)


def score_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """``mtcheck score ARGS`` in a subprocess (the command alone until cli/__init__ registers it)."""
    if registered():
        return run_cli("score", *args, stdin=stdin)
    return subprocess.run(
        [sys.executable, "-c", STANDALONE, "score", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def sacre(name: str, tokenize: str, *, sentence: bool = False):
    """The metric objects the figures must agree with, built as the docs say."""
    cjk = tokenize == "zh"
    return {
        "bleu": lambda: BLEU(tokenize=tokenize, effective_order=sentence),
        "chrf": lambda: CHRF(),
        "chrf++": lambda: CHRF(word_order=2),
        "ter": lambda: TER(normalized=cjk, asian_support=cjk),
    }[name]()


def expected_corpus(name: str, tokenize: str, hyps: list[str], refs: list[list[str]]) -> dict:
    metric = sacre(name, tokenize)
    result = metric.corpus_score(hyps, refs)
    record = {"score": result.score, "signature": str(metric.get_signature())}
    if name == "bleu":
        record |= {
            "counts": list(result.counts),
            "totals": list(result.totals),
            "precisions": list(result.precisions),
            "bp": result.bp,
            "sys_len": result.sys_len,
            "ref_len": result.ref_len,
        }
    if name == "ter":
        record |= {"num_edits": result.num_edits, "ref_length": result.ref_length}
    return record


# ------------------------------------------------------------------ figures vs the API


@pytest.mark.parametrize(("hyp", "refs", "tokenize"), CASES)
def test_corpus_scores_and_signatures_match_sacrebleu(hyp: str, refs: list[str], tokenize: str) -> None:
    aligned = load_aligned(str(ROOT / hyp), [str(ROOT / r) for r in refs])
    language = resolve_language(aligned)
    assert language.tokenize == tokenize
    scores = score_units(aligned.units, ["bleu", "chrf", "chrf++", "ter"], tokenize=language.tokenize)
    hyps, ref_streams = lines(hyp), [lines(r) for r in refs]
    for name in ("bleu", "chrf", "chrf++", "ter"):
        assert scores.corpus[name].as_dict() == expected_corpus(name, tokenize, hyps, ref_streams), name
    assert f"nrefs:{len(refs)}" in scores.corpus["bleu"].signature
    assert f"tok:{tokenize}" in scores.corpus["bleu"].signature


@pytest.mark.parametrize(("hyp", "refs", "tokenize"), CASES)
def test_sentence_scores_match_sentence_score(hyp: str, refs: list[str], tokenize: str) -> None:
    aligned = load_aligned(str(ROOT / hyp), [str(ROOT / r) for r in refs])
    names = ["bleu", "chrf", "chrf++", "ter"]
    scores = score_units(aligned.units, names, tokenize=tokenize, sentence=names)
    hyps, ref_streams = lines(hyp), [lines(r) for r in refs]
    for name in names:
        metric = sacre(name, tokenize, sentence=True)
        expected = [metric.sentence_score(h, [s[i] for s in ref_streams]).score for i, h in enumerate(hyps)]
        assert scores.sentence[name] == expected, name
        assert scores.sentence_signatures[name] == str(metric.get_signature()), name
    assert "eff:yes" in scores.sentence_signatures["bleu"]


def test_chunks_and_processes_change_nothing() -> None:
    aligned = load_aligned(str(ROOT / EN_MT), [str(ROOT / EN_REF), str(ROOT / EN_REFB)])
    names = ["bleu", "chrf", "chrf++", "ter"]
    whole = score_units(aligned.units, names, sentence=names)
    for chunked in (
        score_units(aligned.units, names, sentence=names, chunk=3),
        score_units(aligned.units, names, sentence=names, chunk=3, jobs=2),
    ):
        assert {n: r.as_dict() for n, r in chunked.corpus.items()} == {n: r.as_dict() for n, r in whole.corpus.items()}
        assert chunked.sentence == whole.sentence
        assert chunked.sentence_signatures == whole.sentence_signatures


def test_hter_is_ter_of_mt_against_post_edited() -> None:
    mt, pe = lines(EN_MT), lines(EN_PE)
    aligned = load_aligned(str(ROOT / EN_MT), [str(ROOT / EN_PE)])
    scores = score_units(aligned.units, ["hter"], sentence=["hter"])
    corpus = TER().corpus_score(mt, [pe])
    assert scores.corpus["hter"].score == corpus.score
    assert scores.corpus["hter"].signature == _signature(TER(), mt, [pe])
    assert scores.sentence["hter"] == [TER().sentence_score(m, [p]).score for m, p in zip(mt, pe, strict=True)]
    # edits to turn MT into PE, per word of PE
    for (edits, words), m, p in zip(scores.ter_stats, mt, pe, strict=True):
        assert words == len(p.split())
        assert edits == TER().sentence_score(m, [p]).num_edits


def _signature(metric, hyps: list[str], refs: list[list[str]]) -> str:
    metric.corpus_score(hyps, refs)
    return str(metric.get_signature())


# ------------------------------------------------------------------- the command line


@pytest.mark.parametrize(("hyp", "refs", "tokenize"), CASES)
def test_json_output_is_exactly_sacrebleus_figures(hyp: str, refs: list[str], tokenize: str) -> None:
    args = [hyp, *(a for r in refs for a in ("--ref", r)), "--format", "json", "--sentence"]
    proc = score_cli(*args)
    assert proc.returncode == 0, proc.stderr
    hyps, ref_streams = lines(hyp), [lines(r) for r in refs]
    names = ["bleu", "chrf", "chrf++", "ter"]
    sentence = {}
    for name in names:
        metric = sacre(name, tokenize, sentence=True)
        sentence[name] = [metric.sentence_score(h, [s[i] for s in ref_streams]).score for i, h in enumerate(hyps)]
        sentence[f"sig:{name}"] = str(metric.get_signature())
    expected = {
        "hypothesis": hyp,
        "references": refs,
        "segments": len(hyps),
        "aligned_by": "line",
        "tgt_lang": "zh" if tokenize == "zh" else None,
        "tgt_lang_from": "detected" if tokenize == "zh" else "none",
        "tokenize": tokenize,
        "corpus": {name: expected_corpus(name, tokenize, hyps, ref_streams) for name in names},
        "sentence": {
            "signatures": {name: sentence[f"sig:{name}"] for name in names},
            "segments": [
                {"key": f"{hyp}:{i + 1}", "id": str(i + 1), **{name: sentence[name][i] for name in names}}
                for i in range(len(hyps))
            ],
        },
    }
    assert json.loads(proc.stdout) == expected


def test_text_output_uses_sacrebleus_lines() -> None:
    proc = score_cli(EN_MT, "--ref", EN_REF)
    assert proc.returncode == 0
    out = proc.stdout.decode().splitlines()
    hyps, refs = lines(EN_MT), [lines(EN_REF)]
    assert out[0] == (f"{EN_MT} against {EN_REF}: 8 segments aligned by line; target not CJK; tokenize 13a")
    for line, name in zip(out[1:], ["bleu", "chrf", "chrf++", "ter"], strict=True):
        metric = sacre(name, "13a")
        result = metric.corpus_score(hyps, refs)
        assert line == result.format(signature=str(metric.get_signature()))


def test_hter_json() -> None:
    proc = score_cli(EN_MT, "--post-edited", EN_PE, "--sentence", "--format", "json", "--max-ter", "20")
    assert proc.returncode == 0, proc.stderr
    mt, pe = lines(EN_MT), lines(EN_PE)
    corpus_metric = TER()
    corpus = corpus_metric.corpus_score(mt, [pe])
    per = [TER().sentence_score(m, [p]) for m, p in zip(mt, pe, strict=True)]
    assert json.loads(proc.stdout) == {
        "mt": EN_MT,
        "post_edited": EN_PE,
        "segments": 8,
        "aligned_by": "line",
        "tgt_lang": "en-PE",  # the post-edited file is en-pe.txt: its path names a language
        "tgt_lang_from": "path",
        "tokenize": "13a",
        "hter": {
            "score": corpus.score,
            "signature": str(corpus_metric.get_signature()),
            "num_edits": corpus.num_edits,
            "ref_length": corpus.ref_length,
        },
        "sentence": {
            "signature": str(corpus_metric.get_signature()),
            "segments": [
                {
                    "key": f"{EN_MT}:{i + 1}",
                    "id": str(i + 1),
                    "hter": s.score,
                    "edits": s.num_edits,
                    "words": s.ref_length,
                }
                for i, s in enumerate(per)
            ],
        },
        "gates": [{"metric": "hter", "max": 20.0, "score": corpus.score, "passed": True}],
        "passed": True,
    }


def test_hter_gate_missed_and_worst_is_highest() -> None:
    proc = score_cli(EN_MT, "--post-edited", EN_PE, "--worst", "2", "--max-ter", "10")
    assert proc.returncode == 1
    out = proc.stdout.decode()
    per = [TER().sentence_score(m, [p]).score for m, p in zip(lines(EN_MT), lines(EN_PE), strict=True)]
    top = sorted(range(8), key=lambda i: (-per[i], i))[:2]
    assert f"2 segments with the highest HTER:\n  {EN_MT}:{top[0] + 1}  HTER {per[top[0]]:.2f}" in out
    assert f"    post-edited: {lines(EN_PE)[top[0]]}" in out
    assert out.rstrip().endswith("MISSED")


def test_chinese_targets_use_zh_and_option_overrides() -> None:
    auto = json.loads(score_cli(ZH_MT, "--ref", ZH_REF, "--format", "json", "--metrics", "bleu").stdout)
    assert auto["tokenize"] == "zh" and "tok:zh" in auto["corpus"]["bleu"]["signature"]
    forced = json.loads(
        score_cli(ZH_MT, "--ref", ZH_REF, "--format", "json", "--metrics", "bleu", "--tokenize", "13a").stdout
    )
    expected = BLEU(tokenize="13a").corpus_score(lines(ZH_MT), [lines(ZH_REF)]).score
    assert forced["tokenize"] == "13a" and forced["corpus"]["bleu"]["score"] == expected
    # the language option picks the tokenizer for an English-looking file too
    told = json.loads(
        score_cli(EN_MT, "--ref", EN_REF, "--format", "json", "--metrics", "bleu", "--tgt-lang", "zh-CN").stdout
    )
    assert told["tgt_lang"] == "zh-CN" and told["tgt_lang_from"] == "option" and told["tokenize"] == "zh"


def test_language_detection() -> None:
    assert detect_target_language(["我们站在地球上仰望夜空。", "The Big Bang 大爆炸"]) == "zh"
    assert detect_target_language(["We stand on the Earth. 地球"]) is None
    assert detect_target_language(["ひらがなとカタカナの文です。"]) == "ja"
    assert detect_target_language(["우리는 지구에 서 있다"]) == "ko"
    assert detect_target_language(["", "123 456"]) is None
    assert tokenizer_for("zh-Hant") == "zh" and tokenizer_for("en") == "13a" and tokenizer_for(None) == "13a"
    assert tokenizer_for("ja") == "13a"


# --------------------------------------------------------------------------- gates


@pytest.mark.parametrize(
    ("options", "status"),
    [
        (["--min-bleu", "38"], 0),
        (["--min-bleu", "39"], 1),
        (["--min-chrf", "61"], 0),
        (["--min-chrf", "62"], 1),
        (["--max-ter", "46"], 0),
        (["--max-ter", "45"], 1),
        (["--min-bleu", "30", "--min-chrf", "70"], 1),
    ],
)
def test_gates_set_the_exit_status(options: list[str], status: int) -> None:
    proc = score_cli(EN_MT, "--ref", EN_REF, "--metrics", "chrf", *options)
    assert proc.returncode == status, proc.stderr


def test_gated_metric_is_computed_even_when_not_listed() -> None:
    proc = score_cli(EN_MT, "--ref", EN_REF, "--metrics", "chrf", "--min-bleu", "39", "--format", "json")
    data = json.loads(proc.stdout)
    bleu = BLEU().corpus_score(lines(EN_MT), [lines(EN_REF)]).score
    assert sorted(data["corpus"]) == ["bleu", "chrf"]
    assert data["gates"] == [{"metric": "bleu", "min": 39.0, "score": bleu, "passed": False}]
    assert data["passed"] is False
    text = score_cli(EN_MT, "--ref", EN_REF, "--metrics", "chrf", "--min-bleu", "39").stdout.decode()
    assert text.rstrip().endswith(f"gate BLEU ≥ 39: {bleu:.2f} MISSED")


# ------------------------------------------------------------------------ alignment


def test_tsv_with_header_pairs_with_text_lines() -> None:
    tsv = json.loads(
        score_cli(f"{DIR}/en-mt.tsv", "--ref", f"{DIR}/en-ref.tsv", "--ref", EN_REFB, "--format", "json").stdout
    )
    txt = json.loads(score_cli(EN_MT, "--ref", EN_REF, "--ref", EN_REFB, "--format", "json").stdout)
    assert tsv["corpus"] == txt["corpus"]


def test_blank_hypothesis_line_is_an_empty_translation() -> None:
    hyps = lines(f"{DIR}/en-mt-blank.txt")
    assert hyps[2] == ""
    aligned = load_aligned(str(ROOT / DIR / "en-mt-blank.txt"), [str(ROOT / EN_REF)])
    assert [u.hypothesis for u in aligned.units] == hyps
    scores = score_units(aligned.units, ["chrf", "bleu"], sentence=["chrf"])
    assert scores.corpus["chrf"].score == CHRF().corpus_score(hyps, [lines(EN_REF)]).score
    assert scores.corpus["bleu"].score == BLEU().corpus_score(hyps, [lines(EN_REF)]).score
    assert scores.sentence["chrf"][2] == 0.0
    assert aligned.units[2].key.endswith("en-mt-blank.txt:3")


def test_short_reference_is_one_line_naming_both_files() -> None:
    proc = score_cli(EN_MT, "--ref", f"{DIR}/en-ref-short.txt")
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode() == (
        f"mtcheck: error: {EN_MT} and {DIR}/en-ref-short.txt do not align by line: "
        f"{DIR}/en-ref-short.txt ends before {EN_MT} lines 7, 8\n"
    )
    proc = score_cli(f"{DIR}/en-ref-short.txt", "--ref", EN_MT)
    assert proc.stderr.decode().endswith(f"{DIR}/en-ref-short.txt ends before {EN_MT} lines 7, 8\n")


def _segments(path: str, units: list[tuple[str, str]]) -> FileUnits:
    return FileUnits(path, [Segment(f"{path}#{uid}", text, Origin(path, n + 1)) for n, (uid, text) in enumerate(units)])


def test_align_by_unit_id_in_hypothesis_order() -> None:
    hyp = _segments("mt.xlf", [("u2", "b"), ("u1", "a"), ("u3", "c")])
    ref = _segments("ref.xlf", [("u1", "A"), ("u3", "C"), ("u2", "B")])
    by, units = align(hyp, [ref])
    assert by == "id"
    assert [(u.id, u.hypothesis, u.references) for u in units] == [
        ("u2", "b", ("B",)),
        ("u1", "a", ("A",)),
        ("u3", "c", ("C",)),
    ]
    assert units[0].key == "mt.xlf#u2"


def test_unit_id_mismatch_lists_them() -> None:
    hyp = _segments("mt.xlf", [(f"u{i}", "x") for i in range(1, 13)])
    ref = _segments("ref.xlf", [(f"u{i}", "x") for i in range(11, 14)])
    with pytest.raises(ScoreError) as caught:
        align(hyp, [ref])
    assert str(caught.value) == (
        "mt.xlf and ref.xlf do not align by unit id: "
        "ref.xlf has no units u1, u2, u3, u4, u5, u6, u7, u8 and 2 more; mt.xlf has no unit u13"
    )


def test_duplicate_unit_id_is_an_error() -> None:
    with pytest.raises(ScoreError, match=r"ref.xlf: unit id 'u1' occurs twice"):
        align(_segments("mt.xlf", [("u1", "a")]), [_segments("ref.xlf", [("u1", "a"), ("u1", "b")])])


def test_ids_against_lines_align_by_position() -> None:
    hyp = _segments("mt.xlf", [("u1", "a"), ("u2", "b")])
    ref = FileUnits("ref.txt", [Segment(f"ref.txt:{n}", t, Origin("ref.txt", n)) for n, t in ((1, "A"), (2, "B"))], 2)
    by, units = align(hyp, [ref])
    assert by == "order" and [u.references for u in units] == [("A",), ("B",)]
    with pytest.raises(ScoreError, match=r"they pair by position, and mt\.xlf has 2 units, ref\.txt has 1$"):
        align(hyp, [FileUnits("ref.txt", ref.segments[:1], 1)])


def test_jsonl_and_xliff_align_by_unit_id() -> None:
    """Hypotheses in JSON Lines, references in JSON Lines and XLIFF, each in another order."""
    hyp = f"{DIR}/en-mt.jsonl"
    proc = score_cli(
        hyp, "--ref", f"{DIR}/en-ref.jsonl", "--ref", f"{DIR}/en-refB.xlf", "--sentence", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    hyps, refs = lines(EN_MT), [lines(EN_REF), lines(EN_REFB)]
    assert data["aligned_by"] == "id"
    assert (data["tgt_lang"], data["tgt_lang_from"], data["tokenize"]) == ("en", "file", "13a")
    assert data["corpus"] == {
        name: expected_corpus(name, "13a", hyps, refs) for name in ("bleu", "chrf", "chrf++", "ter")
    }
    ids = [f"talk.2-{84 + i}" for i in range(8)]
    assert [(s["key"], s["id"]) for s in data["sentence"]["segments"]] == [(f"{hyp}#{i}", i) for i in ids]
    chrf = [CHRF().sentence_score(h, [r[i] for r in refs]).score for i, h in enumerate(hyps)]
    assert [s["chrf"] for s in data["sentence"]["segments"]] == chrf


def test_chinese_xliff_reference_declares_the_language() -> None:
    proc = score_cli(f"{DIR}/zh-mt.jsonl", "--ref", f"{DIR}/zh-ref.xlf", "--format", "json", "--worst", "1")
    data = json.loads(proc.stdout)
    assert (data["aligned_by"], data["tgt_lang"], data["tgt_lang_from"], data["tokenize"]) == (
        "id",
        "zh-CN",
        "file",
        "zh",
    )
    hyps, refs = lines(ZH_MT), [lines(ZH_REF)]
    assert data["corpus"] == {
        name: expected_corpus(name, "zh", hyps, refs) for name in ("bleu", "chrf", "chrf++", "ter")
    }
    worst_unit = data["worst"]["segments"][0]
    index = int(worst_unit["id"].rsplit("-", 1)[1]) - 84
    assert worst_unit["source"] == lines(EN_REF)[index]  # the JSONL hypothesis carries the source


def test_unit_id_mismatch_on_the_command_line() -> None:
    proc = score_cli(f"{DIR}/en-mt.jsonl", "--ref", f"{DIR}/en-ref-ids-off.jsonl")
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        f"mtcheck: error: {DIR}/en-mt.jsonl and {DIR}/en-ref-ids-off.jsonl do not align by unit id: "
        f"{DIR}/en-ref-ids-off.jsonl has no unit talk.2-91; {DIR}/en-mt.jsonl has no unit talk.3-1\n"
    )


def test_ids_against_a_text_file_pair_by_position() -> None:
    data = json.loads(score_cli(f"{DIR}/en-mt.jsonl", "--ref", EN_REF, "--format", "json").stdout)
    assert data["aligned_by"] == "order"
    assert data["corpus"]["chrf"] == expected_corpus("chrf", "13a", lines(EN_MT), [lines(EN_REF)])


def test_mixed_keys_and_multiline_formats_pair_by_position() -> None:
    ref = FileUnits("ref.txt", [Segment(f"ref.txt:{n}", t, Origin("ref.txt", n)) for n, t in ((1, "A"), (2, "B"))], 2)
    mixed = FileUnits(
        "mt.jsonl",
        [Segment("mt.jsonl#x", "a", Origin("mt.jsonl", 1)), Segment("mt.jsonl:2", "b", Origin("mt.jsonl", 2))],
    )
    assert align(mixed, [ref])[0] == "order"
    # a CSV without ids: its keys are lines, but a cell may span lines
    csv = FileUnits(
        "mt.csv", [Segment(f"mt.csv:{n}", t, Origin("mt.csv", n)) for n, t in ((2, "a"), (5, "b"))], 6, 0, False
    )
    by, units = align(csv, [ref])
    assert by == "order" and [(u.hypothesis, u.references) for u in units] == [("a", ("A",)), ("b", ("B",))]


def test_nothing_to_score() -> None:
    with pytest.raises(ScoreError, match=r"nothing to score: a\.txt and b\.txt have no segments"):
        align(FileUnits("a.txt", [], 0), [FileUnits("b.txt", [], 3)])


# --------------------------------------------------------------------- worst segments


def test_worst_lists_lowest_chrf_beside_source_and_references() -> None:
    proc = score_cli(
        EN_MT, "--ref", EN_REF, "--ref", EN_REFB, "--source", f"{DIR}/zh-src.txt", "--worst", "2", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    hyps, refs, src = lines(EN_MT), [lines(EN_REF), lines(EN_REFB)], lines(f"{DIR}/zh-src.txt")
    chrf = [CHRF().sentence_score(h, [r[i] for r in refs]).score for i, h in enumerate(hyps)]
    order = sorted(range(len(hyps)), key=lambda i: (chrf[i], i))[:2]
    assert json.loads(proc.stdout)["worst"] == {
        "metric": "chrf",
        "segments": [
            {
                "key": f"{EN_MT}:{i + 1}",
                "id": str(i + 1),
                "chrf": chrf[i],
                "source": src[i],
                "hypothesis": hyps[i],
                "references": [refs[0][i], refs[1][i]],
            }
            for i in order
        ],
    }
    assert "sentence" not in json.loads(proc.stdout)  # --worst alone lists no per-segment table


def test_worst_ranks_by_ter_without_chrf_and_keeps_ties_in_order() -> None:
    units = [Unit(str(i), f"k{i}", "h", ("r",)) for i in range(4)]
    assert [u.id for u, _ in worst(units, [50.0, 80.0, 80.0, 10.0], "ter", 2)] == ["1", "2"]
    assert [u.id for u, _ in worst(units, [50.0, 10.0, 10.0, 90.0], "chrf", 3)] == ["1", "2", "0"]
    proc = score_cli(EN_MT, "--ref", EN_REF, "--metrics", "ter", "--worst", "1", "--format", "json")
    assert json.loads(proc.stdout)["worst"]["metric"] == "ter"


# ------------------------------------------------------------------ errors and usage


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([EN_MT], "give references (--ref REF, repeatable) or the post-edited text (--post-edited PE)"),
        ([EN_MT, "--ref", EN_REF, "--post-edited", EN_PE], "give references"),
        ([EN_MT, "--ref", EN_REF, "--metrics", "bleu,meteor"], "unknown metric 'meteor'"),
        ([EN_MT, "--ref", EN_REF, "--tokenize", "nope"], "unknown tokenizer 'nope'"),
        ([EN_MT, "--post-edited", EN_PE, "--min-bleu", "3"], "--post-edited reports HTER only"),
        ([EN_MT, "--ref", EN_REF, "--input-format", "docx"], "unknown --input-format 'docx'"),
        ([EN_MT, "--ref", f"{DIR}/missing.txt"], f"{DIR}/missing.txt: error: No such file or directory"),
    ],
)
def test_usage_and_input_errors_exit_2_in_one_line(args: list[str], message: str) -> None:
    proc = score_cli(*args)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_stdin_hypothesis() -> None:
    proc = score_cli("-", "--ref", EN_REF, "--metrics", "chrf", "--format", "json", stdin=(ROOT / EN_MT).read_bytes())
    data = json.loads(proc.stdout)
    assert data["hypothesis"] == "<stdin>"
    assert data["corpus"]["chrf"]["score"] == CHRF().corpus_score(lines(EN_MT), [lines(EN_REF)]).score


def test_score_command_is_registered() -> None:
    if not registered():
        pytest.skip("cli/__init__.py does not register `score` yet")
    proc = run_cli("score", "--help")
    assert proc.returncode == 0 and b"--post-edited" in proc.stdout


# -------------------------------------------------------------------- start-up cost


def test_cli_import_does_not_load_sacrebleu() -> None:
    code = "import sys, mtcheck.cli, mtcheck.cli.score, mtcheck.score; print('sacrebleu' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.strip() == "False"


# ------------------------------------------------------------------- check --ref (item 5)


def _checked(path: str) -> list[Segment]:
    from mtcheck.formats import load

    return load(path).segments


def test_reference_chrf_per_checked_segment() -> None:
    segments = _checked(EN_MT)
    result = reference_chrf(segments, [EN_REF, EN_REFB])
    hyps, refs = lines(EN_MT), [lines(EN_REF), lines(EN_REFB)]
    assert result.chrf == {
        f"{EN_MT}:{i + 1}": CHRF().sentence_score(h, [r[i] for r in refs]).score for i, h in enumerate(hyps)
    }
    metric = CHRF()
    assert result.corpus == metric.corpus_score(hyps, refs).score
    assert result.signature == str(metric.get_signature())
    assert result.by == "line"


def test_reference_chrf_of_a_tsv_with_header() -> None:
    from mtcheck.formats import load

    expected = [CHRF().sentence_score(h, [r]).score for h, r in zip(lines(ZH_MT), lines(ZH_REF), strict=True)]
    for checked in (_checked(f"{DIR}/zh-mt.tsv"), load(f"{DIR}/zh-mt.tsv")):
        result = reference_chrf(checked, [ZH_REF])
        assert list(result.chrf.values()) == expected
        assert next(iter(result.chrf)) == f"{DIR}/zh-mt.tsv:2"


def test_reference_chrf_by_unit_id() -> None:
    from mtcheck.formats import load

    result = reference_chrf(load(f"{DIR}/en-mt.jsonl"), [f"{DIR}/en-ref.jsonl"])
    assert result.by == "id"
    assert list(result.chrf.values()) == [
        CHRF().sentence_score(h, [r]).score for h, r in zip(lines(EN_MT), lines(EN_REF), strict=True)
    ]


def test_reference_chrf_mismatch() -> None:
    with pytest.raises(ScoreError, match=r"en-ref-short\.txt ends before .*en-mt\.txt lines 7, 8"):
        reference_chrf(_checked(EN_MT), [f"{DIR}/en-ref-short.txt"])


def test_post_editing_order_most_findings_then_lowest_chrf() -> None:
    keys = ["f:1", "f:2", "f:3", "f:4", "f:5"]
    findings = {"f:2": 1, "f:3": 3, "f:4": 1}
    chrf = {"f:1": 20.0, "f:2": 70.0, "f:3": 90.0, "f:4": 40.0, "f:5": 20.0}
    ranked = post_editing_order(keys, findings, chrf)
    assert [(r.key, r.findings, r.chrf) for r in ranked] == [
        ("f:3", 3, 90.0),
        ("f:4", 1, 40.0),
        ("f:2", 1, 70.0),
        ("f:1", 0, 20.0),
        ("f:5", 0, 20.0),
    ]
    assert [r.key for r in post_editing_order(keys, findings, {}, limit=2)] == ["f:3", "f:2"]
    assert ranking_lines(ranked[:2]) == ["  3 findings  chrF  90.00  f:3", "  1 finding   chrF  40.00  f:4"]
    assert ranked[0].as_dict() == {"key": "f:3", "findings": 3, "chrf": 90.0}


def test_reference_summary_for_the_reports() -> None:
    segments = _checked(EN_MT)
    scored = reference_chrf(segments, [EN_REF])
    findings = {segments[4].key: 2, segments[1].key: 2, segments[7].key: 1}
    ranked = post_editing_order(segments, findings, scored.chrf, limit=3)
    assert [r.key for r in ranked[:2]] == sorted([segments[4].key, segments[1].key], key=lambda k: scored.chrf[k])
    assert reference_report(scored, ranked) == {
        "chrf": scored.corpus,
        "signature": scored.signature,
        "aligned_by": "line",
        "post_editing_order": [r.as_dict() for r in ranked],
    }
    text = reference_lines(scored, ranked)
    assert text[0] == f"chrF against the reference: {scored.corpus:.2f} ({scored.signature})"
    assert text[1] == "Start post-editing here (most findings, then lowest chrF):"
    assert text[2:] == ranking_lines(ranked)


def test_same_chrf_as_sacrebleus_command_line() -> None:
    """What the README shows: `sacrebleu REF -i HYP -m chrf` and `mtcheck score HYP --ref REF`."""
    for hyp, ref in ((EN_MT, EN_REF), (ZH_MT, ZH_REF)):
        cli = subprocess.run(
            [sys.executable, "-m", "sacrebleu", ref, "-i", hyp, "-m", "chrf", "-w", "6", "-b"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        ours = json.loads(score_cli(hyp, "--ref", ref, "--metrics", "chrf", "--format", "json").stdout)
        assert f"{ours['corpus']['chrf']['score']:.6f}" == cli.stdout.strip()


def test_fixtures_are_what_the_tests_assume() -> None:
    for path in (EN_MT, EN_REF, EN_REFB, EN_PE, ZH_MT, ZH_REF, ZH_REFB, f"{DIR}/zh-src.txt", f"{DIR}/en-mt.jsonl"):
        assert len(lines(path)) == 8, path
    assert Path(ROOT / DIR / "en-mt.tsv").read_text(encoding="utf-8").startswith("source\ttarget\n")


def test_check_with_a_reference_adds_chrf_and_a_post_editing_order(tmp_path) -> None:
    import json as _json

    from helpers import run_cli
    from sacrebleu.metrics import CHRF

    (tmp_path / "hyp.txt").write_text("He visited the the base .\nA fine day.\nThe cat sat.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("He visited the base.\nA fine day.\nThe dog sat.\n", encoding="utf-8")
    expected = CHRF().sentence_score("He visited the the base .", ["He visited the base."]).score
    jsonl = run_cli("check", "--no-shipped-rules", "--ref", "ref.txt", "--format", "jsonl", "hyp.txt", cwd=tmp_path)
    records = [_json.loads(line) for line in jsonl.stdout.decode().splitlines()]
    assert [(r["rule"], r["chrf"]) for r in records] == [
        ("repeat.word", pytest.approx(expected)),
        ("punct.space-before", pytest.approx(expected)),
    ]
    document = _json.loads(
        run_cli("check", "--no-shipped-rules", "--ref", "ref.txt", "--format", "json", "hyp.txt", cwd=tmp_path).stdout
    )
    order = document["reference"]["post_editing_order"]
    assert [(o["key"], o["findings"]) for o in order] == [("hyp.txt:1", 2), ("hyp.txt:3", 0), ("hyp.txt:2", 0)]
    text = run_cli("check", "--no-shipped-rules", "--ref", "ref.txt", "hyp.txt", cwd=tmp_path).stdout.decode()
    assert "Start post-editing here (most findings, then lowest chrF):\n  2 findings  chrF  92.11  hyp.txt:1\n" in text
