#!/usr/bin/env python3
"""Flags per rule on the zh→en news bench (bench/news_data.py builds it).

    python bench/news_eval.py [--data bench/data/news-dev.jsonl] [--cmd "mtcheck check"] [--args "..."]
                              [--show RULE] [--limit 40] [--json OUT]

Runs CMD on the data as one bilingual TSV and prints, per rule: flags on MT and on the
professional references, each per 1,000 target words. There are no error annotations
here: a flag on MT is read by hand (--show RULE prints each flagged segment with the span
marked), a flag on a reference is presumed a false alarm until read. Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE / "data" / "news-dev.jsonl"))
    ap.add_argument("--cmd", default="mtcheck check")
    ap.add_argument("--args", default="")
    ap.add_argument("--show", action="append", default=[], help="print the segments this rule (prefix) flags")
    ap.add_argument("--refs-only", action="store_true", help="with --show: only flags on references")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--json", default=None)
    opts = ap.parse_args(argv)

    with open(opts.data, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    words = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "news.tsv"
        with open(tsv, "w", encoding="utf-8") as out:
            out.write("source\ttarget\n")
            for row in rows:
                out.write(f"{clean(row['source'])}\t{clean(row['target'])}\n")
                words["ref" if row["ref"] else "mt"] += len(row["target"].split())
        argv_ = [*shlex.split(opts.cmd), "--format", "jsonl", str(tsv), *shlex.split(opts.args)]
        proc = subprocess.run(argv_, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:], file=sys.stderr)
        return 2
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    shown: collections.Counter = collections.Counter()
    for line in proc.stdout.splitlines():
        finding = json.loads(line)
        row = rows[finding["line"] - 2]
        side = "ref" if row["ref"] else "mt"
        counts[finding["rule"]][side] += 1
        if any(finding["rule"] == s or finding["rule"].startswith(s + ".") for s in opts.show):
            if opts.refs_only and side != "ref":
                continue
            if shown[finding["rule"]] >= opts.limit:
                continue
            shown[finding["rule"]] += 1
            text = row["source"] if finding["side"] == "source" else row["target"]
            s, e = finding["start"], finding["end"]
            marked = text[:s] + "[[" + text[s:e] + "]]" + text[e:]
            print(f"--- {finding['rule']} {row['key']} {row['system']}: {finding['message']}")
            if finding["side"] == "source":
                print(f"  SRC {marked}\n  TGT {row['target']}")
            else:
                print(f"  SRC {row['source']}\n  TGT {marked}")
    print(f"\n{len(rows)} segments; {words['mt']} MT words, {words['ref']} reference words\n")
    print("| rule | MT | ref | /1k MT | /1k ref |\n|---|---:|---:|---:|---:|")
    table = []
    for rule, c in sorted(counts.items(), key=lambda kv: -kv[1]["mt"]):
        mt_rate = 1000 * c["mt"] / max(words["mt"], 1)
        ref_rate = 1000 * c["ref"] / max(words["ref"], 1)
        table.append({"rule": rule, "mt": c["mt"], "ref": c["ref"], "per_1k_mt": mt_rate, "per_1k_ref": ref_rate})
        print(f"| {rule} | {c['mt']} | {c['ref']} | {mt_rate:.2f} | {ref_rate:.2f} |")
    if opts.json:
        Path(opts.json).write_text(json.dumps({"words": words, "rules": table}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
