#!/usr/bin/env python3
"""Benchmark `mtcheck corpus` on Dask against single-process `mtcheck check`, in one run.

    python bench/corpus.py [--segments 10000000] [--shard-size 100000] [--small 10] [--data PATH]

Builds bench/data/corpus-<N>x<shard>/ — bilingual TSV shards (source<TAB>target) of the
development set's MT segments repeated in order, which both commands read — then times, each
as a separate process with every default rule:

- `mtcheck check --format jsonl -j 1 DIR` (one process; findings to /dev/null);
- `mtcheck corpus DIR --workers 0` (the same shards in one process, no Dask: Parquet out);
- `mtcheck corpus DIR --workers 1` and `--workers 2` (a local Dask cluster of worker processes);
- `--workers 2` again on 1/`--small` of the shards: each worker's peak memory at two sizes.

Reports segments per second, the speed-up, the summed time the shards took on the workers
(per-core throughput), the wall time the scheduler and start-up added, and each worker's peak
resident memory (from the run's summary.json). Ends with the estimate for a billion segments.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"


def build(data: Path, segments: int, shard_size: int) -> Path:
    out = HERE / "data" / f"corpus-{segments}x{shard_size}"
    if out.exists():
        return out
    rows = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record["is_reference"]:
                rows.append(f"{' '.join(record['source'].split())}\t{' '.join(record['target'].split())}\n")
    building = out.with_suffix(".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    index = 0
    for number in range((segments + shard_size - 1) // shard_size):
        count = min(shard_size, segments - number * shard_size)
        with open(building / f"part-{number:05}.tsv", "w", encoding="utf-8") as handle:
            handle.write("source\ttarget\n")
            handle.writelines(rows[(index + i) % len(rows)] for i in range(count))
        index += count
    building.rename(out)
    return out


def timed(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the processes it started, and their largest peak RSS (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {proc.returncode}: {proc.stderr[-800:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def corpus(mtcheck: str, shards: list[str], workers: int, out: Path) -> dict:
    argv = [mtcheck, "corpus", *shards, "-o", str(out), "--workers", str(workers), "--isolated"]
    wall, cpu, _ = timed([*argv, "--overwrite", "-q"])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary["wall"], summary["cpu"] = wall, cpu
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000_000)
    parser.add_argument("--shard-size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10, help="the memory run's second size: 1/SMALL of the shards")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    opts = parser.parse_args()

    bin_dir = Path(sys.executable).parent
    mtcheck = shutil.which("mtcheck", path=str(bin_dir)) or shutil.which("mtcheck") or "mtcheck"
    started = time.perf_counter()
    directory = build(opts.data, opts.segments, opts.shard_size)
    shards = sorted(str(path) for path in directory.glob("*.tsv"))
    n = opts.segments
    built = time.perf_counter() - started
    print(f"{n:,} segments in {len(shards)} TSV shards of {opts.shard_size:,} ({built:.0f} s to build)")
    check_argv = [mtcheck, "check", "--isolated", "--no-respect-gitignore", "--format", "jsonl", "-j", "1"]
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as scratch:
        wall, cpu, peak = timed([*check_argv, str(directory)])
        check_wall = wall
        print(
            f"{'mtcheck check -j 1:':27}{wall:7.1f} s wall, {n / wall:7,.0f} segments/s; "
            f"CPU {cpu:6.1f} s, {n / cpu:6,.0f} segments per CPU-second; peak RSS {peak:.0f} MiB"
        )
        summaries = {}
        for workers in (0, 1, 2):
            summary = corpus(mtcheck, shards, workers, Path(scratch) / f"w{workers}")
            summaries[workers] = summary
            peaks = ", ".join(f"{v:.0f}" for v in summary["worker_peak_mib"].values())
            print(
                f"{f'mtcheck corpus --workers {workers}:':27}{summary['wall']:7.1f} s wall, "
                f"{n / summary['wall']:7,.0f} segments/s; CPU {summary['cpu']:6.1f} s "
                f"(shards {summary['task_cpu_seconds']:.1f} s: {n / summary['task_cpu_seconds']:6,.0f} segments "
                f"per CPU-second); peak RSS per worker {peaks} MiB"
            )
        small_shards = shards[: max(2, len(shards) // opts.small)]
        small_n = min(n, len(small_shards) * opts.shard_size)
        small = corpus(mtcheck, small_shards, 2, Path(scratch) / "small")
    one, two = summaries[1], summaries[2]
    counts = {workers: summary["findings"] for workers, summary in summaries.items()}
    if len(set(counts.values())) != 1:
        sys.exit(f"bench: the runs found different numbers of findings: {counts}")
    print(f"findings: {two['findings']:,} in every corpus run; kept {two['kept']:,}, dropped {two['dropped']:,}")
    print(
        f"peak RSS per worker, --workers 2: {small_n:,} segments "
        f"{', '.join(f'{v:.0f}' for v in small['worker_peak_mib'].values())} MiB; {n:,} segments "
        f"{', '.join(f'{v:.0f}' for v in two['worker_peak_mib'].values())} MiB"
    )
    print(
        f"wall speed-up of --workers 2: {one['wall'] / two['wall']:.2f}x over --workers 1, "
        f"{check_wall / two['wall']:.2f}x over mtcheck check -j 1 (load average now {os.getloadavg()[0]:.1f})"
    )
    # Per-core throughput: segments per CPU-second of shard work (a loaded machine stretches
    # wall time, not CPU time). The CPU spent beyond the shards is start-up (cluster, imports)
    # plus a cost per shard (scheduler, results, manifest); the two sizes separate them.
    per_core = n / two["task_cpu_seconds"]
    extra_big = two["cpu"] - two["task_cpu_seconds"]
    extra_small = small["cpu"] - small["task_cpu_seconds"]
    per_shard = max(0.0, (extra_big - extra_small) / (len(shards) - len(small_shards)))
    start_up = max(0.0, extra_small - per_shard * len(small_shards))
    print(
        f"per-core throughput: {per_core:,.0f} segments per CPU-second; CPU beyond the shards: "
        f"{extra_big:.1f} s = start-up {start_up:.1f} s + {per_shard:.3f} s per shard"
    )
    billion = 1_000_000_000
    shards_needed = billion / opts.shard_size
    for cores in (64, 256, 1024):
        hours = (billion / per_core / cores + per_shard * shards_needed / cores + start_up) / 3600
        print(f"estimate, 10^9 segments on {cores} cores ({shards_needed:,.0f} shards): {hours:.2f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
