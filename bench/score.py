#!/usr/bin/env python3
"""Benchmark scoring (mtcheck.score over sacrebleu) on 100,000 real MT segments.

    python bench/score.py [--segments 100000] [--system Facebook-AI] [--jobs 1] [--sentence-ter] [--compare]
                          [--only read,bleu,…]

Builds, from the development set (../shared/eval/data/ted_zhen.jsonl), two aligned
plain-text files: bench/data/score-<system>-<N>.txt (one system's MT targets) and
bench/data/score-ref-<N>.txt (the human ``ref`` targets of the same segments), both the
529 segments repeated in order until there are N. The targets are English, so BLEU uses
the 13a tokenizer.

Then times each step in its own process, so that each reports its own peak memory:

  - read + align the two files (mtcheck's readers, alignment by line, language detection);
  - corpus BLEU, chrF, chrF++ and TER;
  - sentence chrF (corpus chrF plus a score for every segment);
  - with --sentence-ter: sentence TER (slow, so opt-in);
  - with --compare: sacrebleu's own corpus_score for chrF and a sentence_score loop for
    chrF, the direct API that mtcheck's figures equal, to show what the chunked
    extraction costs or saves.

With --jobs N, mtcheck's steps score in N processes (the figures do not change).
Each line: seconds (excluding imports and reading), segments/s, peak RSS of the step's
process (workers not included), and the score.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"

STEPS = ["read", "bleu", "chrf", "chrf++", "ter", "sentence-chrf"]
OPT_IN = {
    "sentence-ter": "--sentence-ter",
    "sacrebleu-corpus-chrf": "--compare",
    "sacrebleu-sentence-chrf": "--compare",
}


def build(data: Path, system: str, segments: int) -> tuple[Path, Path]:
    """The two files, built once: the system's targets and the ``ref`` targets, paired."""
    hyp_path = HERE / "data" / f"score-{system}-{segments}.txt"
    ref_path = HERE / "data" / f"score-ref-{segments}.txt"
    if hyp_path.exists() and ref_path.exists():
        return hyp_path, ref_path
    by_system: dict[str, dict[tuple[str, int], str]] = {}
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            key = (record["doc"], int(record["seg_id"]))
            by_system.setdefault(record["system"], {})[key] = " ".join(record["target"].split())
    if system not in by_system:
        sys.exit(f"bench: no system {system!r}; have: {', '.join(sorted(by_system))}")
    keys = sorted(set(by_system[system]) & set(by_system["ref"]))
    hyp_path.parent.mkdir(parents=True, exist_ok=True)
    with open(hyp_path, "w", encoding="utf-8") as hyp, open(ref_path, "w", encoding="utf-8") as ref:
        for index in range(segments):
            key = keys[index % len(keys)]
            hyp.write(by_system[system][key] + "\n")
            ref.write(by_system["ref"][key] + "\n")
    return hyp_path, ref_path


def step(name: str, hyp_path: Path, ref_path: Path, jobs: int) -> dict[str, object]:
    """Run one step in this process; returns seconds and the score."""
    from mtcheck.score import load_aligned, resolve_language, score_units

    start = time.perf_counter()
    aligned = load_aligned(str(hyp_path), [str(ref_path)])
    language = resolve_language(aligned)
    read = time.perf_counter() - start
    import sacrebleu  # noqa: F401  (import time is not scoring time)

    units = aligned.units
    start = time.perf_counter()
    if name == "read":
        return {"seconds": read, "score": None, "tokenize": language.tokenize}
    if name in ("bleu", "chrf", "chrf++", "ter"):
        result = score_units(units, [name], tokenize=language.tokenize, jobs=jobs).corpus[name].score
    elif name in ("sentence-chrf", "sentence-ter"):
        metric = name.split("-")[1]
        scores = score_units(units, [metric], tokenize=language.tokenize, sentence=[metric], jobs=jobs)
        result = scores.corpus[metric].score
    elif name == "sacrebleu-corpus-chrf":
        from sacrebleu.metrics import CHRF

        result = CHRF().corpus_score([u.hypothesis for u in units], [[u.references[0] for u in units]]).score
    elif name == "sacrebleu-sentence-chrf":
        from sacrebleu.metrics import CHRF

        metric = CHRF()
        scores_list = [metric.sentence_score(u.hypothesis, list(u.references)).score for u in units]
        result = sum(scores_list) / len(scores_list)  # the mean sentence chrF, not a corpus figure
    else:
        raise SystemExit(f"bench: unknown step {name!r}")
    return {"seconds": time.perf_counter() - start, "score": result}


def run_step(name: str, hyp_path: Path, ref_path: Path, jobs: int) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, __file__, "--step", name, "--jobs", str(jobs), "--files", str(hyp_path), str(ref_path)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"bench: step {name} failed: {proc.stderr[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--system", default="Facebook-AI", help="The MT system whose targets are scored.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, default=1, help="Processes for mtcheck's scoring steps.")
    parser.add_argument("--sentence-ter", action="store_true", help="Also time sentence-level TER (slow).")
    parser.add_argument("--compare", action="store_true", help="Also time sacrebleu's own API on chrF.")
    parser.add_argument("--only", help="Comma-separated steps to run (default: all that are on).")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs=2, type=Path, help=argparse.SUPPRESS)
    opts = parser.parse_args()

    if opts.step:  # a child: one step, one JSON line
        record = step(opts.step, *opts.files, opts.jobs)
        record["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(record))
        return 0

    hyp_path, ref_path = build(opts.data, opts.system, opts.segments)
    steps = list(STEPS)
    if opts.sentence_ter:
        steps.append("sentence-ter")
    if opts.compare:
        steps += ["sacrebleu-corpus-chrf", "sacrebleu-sentence-chrf"]
    if opts.only:
        steps = [name for name in opts.only.split(",") if name]
    print(f"{hyp_path.name} against {ref_path.name}: {opts.segments:,} segments, --jobs {opts.jobs}")
    for name in steps:
        record = run_step(name, hyp_path, ref_path, opts.jobs)
        seconds = float(record["seconds"])  # type: ignore[arg-type]
        rate = opts.segments / seconds if seconds else float("inf")
        score = "" if record["score"] is None else f"  score {record['score']:.2f}"
        print(f"{name:<24} {seconds:8.2f} s  {rate:>9,.0f} segments/s  peak {record['peak_mib']:,.0f} MiB{score}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
