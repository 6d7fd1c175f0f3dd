#!/usr/bin/env python3
"""The per-rule table of the README: every rule on the MQM development set and the news bench.

    python bench/rule_table.py [--cmd "mtcheck check"] [--args "..."] [--news bench/data/news-dev.jsonl]

For each rule: flags per 1,000 words on the development set's MT and on its clean reference
refB, span precision (within 3 characters of an annotated error) against the random flagger
of the same volume (../shared/eval/mqm_eval.py), then flags per 1,000 words on the news
bench's MT and references (bench/news_eval.py; no annotations there). Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cmd", default="mtcheck check")
    ap.add_argument("--args", default="")
    ap.add_argument("--shared", default=str(SHARED), type=Path)
    ap.add_argument("--news", default=str(HERE / "data" / "news-dev.jsonl"))
    opts = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [sys.executable, str(opts.shared / "mqm_eval.py"), "--cmd", opts.cmd, "--args", opts.args,
             "--out", str(out / "mqm"), "--json", str(out / "mqm.json")],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        scores = json.loads((out / "mqm.json").read_text())
        systems = {}
        refb_words = 0
        with open(opts.shared / "data" / "ted_zhen.jsonl", encoding="utf-8") as data:
            for line in data:
                seg = json.loads(line)
                systems[seg["key"]] = seg["system"]
                if seg["system"] == "refB":
                    refb_words += len(seg["target"].split())
        refb: collections.Counter[str] = collections.Counter()
        with open(out / "mqm" / "flags.jsonl", encoding="utf-8") as flags:
            for line in flags:
                flag = json.loads(line)
                if systems[flag["seg_key"]] == "refB":
                    refb[flag["rule"]] += 1
        news = {}
        if Path(opts.news).exists():
            subprocess.run(
                [sys.executable, str(HERE / "news_eval.py"), "--data", opts.news, "--cmd", opts.cmd,
                 "--args", opts.args, "--json", str(out / "news.json")],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            news = {row["rule"]: row for row in json.loads((out / "news.json").read_text())["rules"]}
    random = 100 * scores["random_span_precision_near"]["mean"]
    dev = {row["rule"]: row for row in scores["rules"]}
    print(f"random flagger's span precision (within 3 characters): {random:.1f}%\n")
    print("| rule | dev MT /1k | dev refB /1k | dev span precision | news MT /1k | news refs /1k |")
    print("|---|---:|---:|---:|---:|---:|")
    for rule in sorted(set(dev) | set(news)):
        d, n = dev.get(rule), news.get(rule)
        span = d["span_precision_near"] if d else None
        print(
            f"| {rule} | {d['per_1k_mt']:.2f} | {1000 * refb[rule] / refb_words:.2f} | "
            f"{'n/a' if span is None else f'{100 * span:.0f}%'} | "
            if d
            else f"| {rule} | 0 | 0 | n/a | ",
            end="",
        )
        print(f"{n['per_1k_mt']:.2f} | {n['per_1k_ref']:.2f} |" if n else "0 | 0 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
