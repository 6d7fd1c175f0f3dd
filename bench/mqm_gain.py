#!/usr/bin/env python3
"""Real errors found beyond a random flagger, per 1,000 MT words, on the MQM development set.

    python ../shared/eval/mqm_eval.py --cmd "mtcheck check" --out /tmp/mqm
    python bench/mqm_gain.py /tmp/mqm/flags.jsonl [--data ../shared/eval/data/ted_zhen.jsonl]

The figure issue 15 is judged by: span flags on MT × (span precision within 3 characters −
the random flagger's, which moves each flag to a random place of the same length in its
segment) ÷ MT words × 1,000, for the whole tool and for each rule, with score_flags.py's own
definitions and seeds. Segment-level flags (no span: number.missing, length.*) are shown
apart, counted at their segment precision minus the share of MT segments with an error.
Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("flags", help="flags.jsonl written by mqm_eval.py --out")
    ap.add_argument("--data", default=str(SHARED / "data" / "ted_zhen.jsonl"))
    ap.add_argument("--shared", default=str(SHARED), help="the folder holding score_flags.py")
    opts = ap.parse_args(argv)
    sys.path.insert(0, opts.shared)
    import score_flags  # lives beside the data, outside the project

    segments = score_flags.load_segments(opts.data)
    stats: collections.Counter[str] = collections.Counter()
    flags = score_flags.load_flags(opts.flags, segments, stats)
    mt_words = sum(s["words"] for s in segments.values() if not s["ref"])
    prevalence = sum(s["has_error"] for s in segments.values() if not s["ref"]) / sum(
        not s["ref"] for s in segments.values()
    )

    def gain(selected: dict) -> tuple[int, float, float, float]:
        scores = score_flags.score(segments, selected, 3, 20, 12345, 0, collections.Counter())
        n = scores["span_flags_mt"]
        if not n:
            return 0, 0.0, 0.0, 0.0
        precision, chance = scores["span_precision_near"], scores["random_span_precision_near"]["mean"]
        return n, precision, chance, 1000 * n * (precision - chance) / mt_words

    def segment_level(selected: dict) -> float:
        total = sum(
            segments[key]["has_error"] - prevalence
            for key, found in selected.items()
            if not segments[key]["ref"]
            for start, _end, _rule in found
            if start < 0
        )
        return 1000 * total / mt_words

    n, precision, chance, per_1k = gain(flags)
    print(f"{mt_words} MT words; {n} span flags on MT, span precision {precision:.1%} (random {chance:.1%})")
    print(f"real errors found beyond random: {per_1k:.3f} per 1,000 MT words (span flags)")
    print(f"  with segment-level flags: {per_1k + segment_level(flags):.3f}\n")
    print("| rule | span flags on MT | span precision | random | beyond random /1k MT words |")
    print("|---|---:|---:|---:|---:|")
    rules = sorted({rule for found in flags.values() for _s, _e, rule in found})
    rows = []
    for rule in rules:
        selected = {k: [f for f in v if f[2] == rule] for k, v in flags.items()}
        selected = {k: v for k, v in selected.items() if v}
        rows.append((rule, *gain(selected)))
    for rule, n, precision, chance, per_1k in sorted(rows, key=lambda row: -row[4]):
        if n:
            print(f"| {rule} | {n} | {precision:.1%} | {chance:.1%} | {per_1k:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
