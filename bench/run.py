#!/usr/bin/env python3
"""Benchmark `mtcheck check` on 100,000 real MT segments.

    python bench/run.py [--segments 100000] [--data PATH] [--repeat 3]

Builds bench/data/ted-<N>.txt from the development set's MT targets (the TED zh→en set
in ../shared/eval/data/ted_zhen.jsonl), repeated in order until it has N segments, then
times, each as a separate process, with every shipped rule and built-in check:

  - `mtcheck --version` (start-up);
  - `mtcheck check --format jsonl FILE` end to end (read, check, write findings);

and reports segments per second and the peak resident memory of the check process.
The median of --repeat runs is reported. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"


def build_corpus(data: Path, segments: int) -> Path:
    out = HERE / "data" / f"ted-{segments}.txt"
    if out.exists():
        return out
    targets = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record["is_reference"]:
                targets.append(" ".join(record["target"].split()))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for index in range(segments):
            handle.write(targets[index % len(targets)] + "\n")
    return out


def run(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB of the child, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {proc.returncode}: {proc.stderr[-500:]}")
    # ru_maxrss of children is the maximum over all children so far: only trust it when
    # this child set a new maximum, which the check runs do (they dwarf --version).
    return wall, max(peak, before), proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()

    mtcheck = shutil.which("mtcheck") or str(Path(sys.executable).parent / "mtcheck")
    corpus = build_corpus(opts.data, opts.segments)
    findings = subprocess.run(
        [mtcheck, "check", "--format", "jsonl", str(corpus)], capture_output=True, text=True
    ).stdout.count("\n")

    startup = statistics.median(run([mtcheck, "--version"])[0] for _ in range(5))
    walls, peaks = [], []
    for _ in range(opts.repeat):
        wall, peak, _ = run([mtcheck, "check", "--format", "jsonl", str(corpus)])
        walls.append(wall)
        peaks.append(peak)
    wall = statistics.median(walls)
    print(f"corpus: {corpus} ({opts.segments:,} segments, {corpus.stat().st_size / 1e6:.1f} MB)")
    print(f"findings: {findings:,}")
    print(f"mtcheck --version: {startup * 1000:.0f} ms (median of 5)")
    print(
        f"mtcheck check --format jsonl: {wall:.2f} s wall (median of {opts.repeat}), "
        f"{opts.segments / wall:,.0f} segments/s, peak RSS {max(peaks) / 1024:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
