#!/usr/bin/env python3
"""Benchmark a CI-sized batch: 1,000,000 segments in 200 files, with --jobs 1 and 2.

    python bench/batch.py [--files 200] [--per-file 5000] [--data PATH]

Builds bench/data/batch-<files>x<per-file>/ from the development set's MT segments
(bilingual TSV: source<TAB>target, repeated in order), then times, each as a separate
process, `mtcheck check --format jsonl -j N DIR` for N = 1 and 2 with every shipped rule,
and reports segments per second, the speed-up, and the peak resident memory of the
largest process (the main process or one worker). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"


def build(data: Path, files: int, per_file: int) -> Path:
    out = HERE / "data" / f"batch-{files}x{per_file}"
    if out.exists():
        return out
    rows = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record["is_reference"]:
                rows.append(f"{' '.join(record['source'].split())}\t{' '.join(record['target'].split())}\n")
    out.mkdir(parents=True)
    index = 0
    for number in range(files):
        with open(out / f"part-{number:03}.tsv", "w", encoding="utf-8") as handle:
            handle.write("source\ttarget\n")
            for _ in range(per_file):
                handle.write(rows[index % len(rows)])
                index += 1
    return out


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MiB) of the largest process it started."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {proc.returncode}: {proc.stderr[-500:]}")
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--per-file", type=int, default=5000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    opts = parser.parse_args()

    mtcheck = shutil.which("mtcheck") or str(Path(sys.executable).parent / "mtcheck")
    batch = build(opts.data, opts.files, opts.per_file)
    segments = opts.files * opts.per_file
    walls = {}
    for jobs in (1, 2):
        wall, peak = run([mtcheck, "check", "--format", "jsonl", "-j", str(jobs), str(batch)])
        walls[jobs] = wall
        print(f"--jobs {jobs}: {wall:.1f} s, {segments / wall:,.0f} segments/s, peak RSS so far {peak:.0f} MiB")
    print(f"{segments:,} segments in {opts.files} files; --jobs 2 speed-up {walls[1] / walls[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
