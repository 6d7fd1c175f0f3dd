#!/usr/bin/env python3
"""Benchmark glossary scale: load time and check time with 1,000 and 100,000 entries.

    python bench/glossary.py [--segments 100000] [--data PATH]

Builds, from the development set (../shared/eval/data/ted_zhen.jsonl):

- bench/data/ted-bi-<N>.tsv: N bilingual segments (source<TAB>target), the MT segments
  repeated in order;
- bench/data/gloss-1000.tsv and gloss-100000.tsv: the same 1,000 realistic entries,
  the larger one padded with 99,000 rarely-matching entries (see build_glossary); every
  entry has a forbidden variant.

Then times, each in a separate process: loading each glossary (read + compile, imports
included), and `mtcheck check --format jsonl -g GLOSSARY` over the batch, every rule on. Reports
segments per second, the 100k/1k time ratio and peak memory. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "data" / "ted_zhen.jsonl"
HAN = [chr(c) for c in range(0x4E00, 0x9FA5)]


def load_pairs(data: Path) -> list[tuple[str, str]]:
    pairs = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record["is_reference"]:
                pairs.append((" ".join(record["source"].split()), " ".join(record["target"].split())))
    return pairs


def build_batch(pairs: list[tuple[str, str]], segments: int) -> Path:
    out = HERE / "data" / f"ted-bi-{segments}.tsv"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as handle:
            handle.write("source\ttarget\n")
            for index in range(segments):
                source, target = pairs[index % len(pairs)]
                handle.write(f"{source}\t{target}\n")
    return out


def build_glossary(pairs: list[tuple[str, str]], size: int) -> Path:
    """The same 1,000 realistic entries in every size, padded with rarely-matching ones.

    Realistic entries pair a frequent Chinese 3–4-character substring of the sources with
    the English phrase that co-occurs with it most (so most hits are renderings, as in a
    real termbase); padding entries are random Han strings and random word combinations.
    Hits per segment are then the same at every size, and the time ratio measures how the
    matcher scales with the glossary, not how many findings get printed.
    """
    out = HERE / "data" / f"gloss-{size}.tsv"
    if out.exists():
        return out
    rng = random.Random(42)
    sample = pairs[:4000]
    zh_segments: dict[str, set[int]] = defaultdict(set)
    en_segments: dict[str, set[int]] = defaultdict(set)
    for index, (source, target) in enumerate(sample):
        for n in (3, 4):
            for i in range(len(source) - n + 1):
                gram = source[i : i + n]
                if all("\u4e00" <= c <= "\u9fff" for c in gram):
                    zh_segments[gram].add(index)
        words = [w.strip(".,!?;:\"'()").lower() for w in target.split()]
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                if all(words[i : i + n]):
                    en_segments[" ".join(words[i : i + n])].add(index)
    vocabulary = sorted({w for g in en_segments for w in g.split()})
    lines = ["id\tsource\ttarget\tforbidden"]
    frequent = sorted(zh_segments, key=lambda g: -len(zh_segments[g]))[:3000]
    for gram in frequent:
        if len(lines) > 1000:
            break
        where = zh_segments[gram]
        best = max(
            (phrase for phrase in en_segments if len(en_segments[phrase]) < len(sample) // 20),
            key=lambda phrase: len(where & en_segments[phrase]) / (len(where) + len(en_segments[phrase])),
        )
        lines.append(f"r{len(lines)}\t{gram}\t{best}\t{' '.join(rng.sample(vocabulary, 3))}")
    seen = {line.split("\t")[1] for line in lines[1:]}
    while len(lines) <= size:
        source = "".join(rng.choice(HAN) for _ in range(rng.randint(3, 5)))
        if source in seen:
            continue
        seen.add(source)
        target = " ".join(rng.sample(vocabulary, rng.randint(2, 3)))
        lines.append(f"p{len(lines)}\t{source}\t{target}\t{' '.join(rng.sample(vocabulary, 3))}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def build_shared_prefix(pairs: list[tuple[str, str]], size: int, prefix: str) -> Path:
    """``size`` entries that all start with ``prefix`` (a two-word English phrase, or a
    frequent Chinese word): the worst case for an index keyed on the first tokens."""
    name = "en" if prefix.isascii() else "zh"
    out = HERE / "data" / f"gloss-shared-{name}-{size}.tsv"
    if out.exists():
        return out
    rng = random.Random(7)
    vocabulary = sorted({w.strip(".,!?;:\"'()").lower() for _, target in pairs[:4000] for w in target.split()} - {""})
    lines, seen = ["id\tsource\ttarget\tforbidden"], set()
    while len(lines) <= size:
        if name == "en":  # English-side terms: the target and its forbidden variant share the prefix
            tail = " ".join(rng.sample(vocabulary, rng.randint(1, 3)))
            source, target = "".join(rng.choice(HAN) for _ in range(4)), f"{prefix} {tail}"
        else:
            tail = "".join(rng.choice(HAN) for _ in range(rng.randint(1, 3)))
            source, target = f"{prefix}{tail}", " ".join(rng.sample(vocabulary, 2))
        if (source, target) in seen:
            continue
        seen.add((source, target))
        # A forbidden variant sharing the prefix too (English); none for the Chinese set, whose
        # targets are random words: a forbidden common word would flag every segment.
        forbidden = f"{prefix} {rng.choice(vocabulary)}" if name == "en" else ""
        lines.append(f"s{len(lines)}\t{source}\t{target}\t{forbidden}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def timed(argv: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {proc.returncode}: {proc.stderr[-500:]}")
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


LOAD = (
    "import sys, time; t = time.perf_counter();"
    "from mtcheck.glossary.load import compile_glossaries;"
    "compile_glossaries([sys.argv[1]]); print(time.perf_counter() - t)"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--shared-prefix",
        action="store_true",
        help="also 100,000 entries sharing a prefix frequent in the text (English 'we are', Chinese 我们)",
    )
    opts = parser.parse_args()

    mtcheck = shutil.which("mtcheck") or str(Path(sys.executable).parent / "mtcheck")
    pairs = load_pairs(opts.data)
    batch = build_batch(pairs, opts.segments)
    results = {}
    for size in (1000, 100_000):
        glossary = build_glossary(pairs, size)
        loads = [
            float(subprocess.run([sys.executable, "-c", LOAD, str(glossary)], capture_output=True, text=True).stdout)
            for _ in range(opts.repeat)
        ]
        walls = [
            timed([mtcheck, "check", "--format", "jsonl", "-g", str(glossary), str(batch)])[0]
            for _ in range(opts.repeat)
        ]
        results[size] = (statistics.median(loads), statistics.median(walls))
        print(
            f"{size:>7,} entries: load {results[size][0]:.2f} s; check {results[size][1]:.2f} s wall, "
            f"{opts.segments / results[size][1]:,.0f} segments/s (median of {opts.repeat})"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"100k / 1k check time: {results[100_000][1] / results[1000][1]:.2f}x; peak RSS {peak:.0f} MiB")
    if opts.shared_prefix:
        small = build_batch(pairs, 5000)
        for prefix in ("we are", "我们"):
            glossary = build_shared_prefix(pairs, 100_000, prefix)
            wall = statistics.median(
                timed([mtcheck, "check", "--format", "jsonl", "-g", str(glossary), str(small)])[0]
                for _ in range(opts.repeat)
            )
            print(f"100,000 entries sharing the prefix {prefix!r}, 5,000 segments: check {wall:.2f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
