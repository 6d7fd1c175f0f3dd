#!/usr/bin/env python3
"""Benchmark one long line: `mtcheck check` and `mtcheck fix` on a single huge segment.

    python bench/long_line.py [--sizes 100000,1000000]

A whole article on one line (a paragraph a converter did not split, a minified string
table) must cost time linear in its length. For each size (characters of target) this
builds, under bench/data/long-line/, a monolingual English text, a Chinese→English TSV
line and a German-source XLIFF unit with an English target, all made of words that wake
the checks (full stops before lower case, numbers with separators, doubled words, spaces
before marks, placeholders), then times, each as a separate process:

* `mtcheck check --format jsonl` on each file;
* `mtcheck fix --unsafe-fixes` on a copy of the XLIFF file (every fix to a fixed point).

It reports wall and CPU seconds (of the child process), peak resident memory and
characters per second, and the ratio of each time to the smallest size's (linear: about
the ratio of the sizes). Standard library only.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "long-line"

ENGLISH = (
    "the of and 1,000 in. to a Mr. said 2023 he It was then. which 12,345 over two decades {0} %s "
    "( ) , ; : - the the half million report prices rose committee agreed people were happy"
).split()
GERMAN = "der Bericht sagte, dass die Preise stiegen; und 1.000 Leute waren froh. dann 2023 %s".split()
CHINESE = "我们 的 。 1,000 在 ， 说 2023 他 然后 12,345 %s 两万 三十年".split()


def long_text(words: list[str], size: int, joiner: str = " ") -> str:
    """``size`` characters of ``words`` in a random order fixed by the size (tests use it too)."""
    rng = random.Random(size)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + len(joiner)
    return joiner.join(out)


def build(size: int) -> dict[str, tuple[Path, list[str]]]:
    """The files of one size, each with the language options it is checked with."""
    OUT.mkdir(parents=True, exist_ok=True)
    target = long_text(ENGLISH, size)
    mono = OUT / f"mono-{size}.txt"
    mono.write_text(target + "\n", encoding="utf-8")
    tsv = OUT / f"zh-en-{size}.tsv"
    tsv.write_text(f"{long_text(CHINESE, size // 3, '')}\t{target}\n", encoding="utf-8")
    source = long_text(GERMAN, size).replace("&", "&amp;").replace("<", "&lt;")
    escaped = target.replace("&", "&amp;").replace("<", "&lt;")
    xlf = OUT / f"de-en-{size}.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="long" source-language="de" target-language="en" datatype="plaintext"><body>\n'
        f'<trans-unit id="1"><source>{source}</source><target>{escaped}</target></trans-unit>\n'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    return {
        "monolingual txt": (mono, []),
        "zh→en tsv": (tsv, ["--src-lang", "zh", "--tgt-lang", "en"]),
        "de→en xliff": (xlf, []),
    }


def timed(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one child process (its own rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {code}: {errors[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="target sizes in characters, comma-separated")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    mtcheck = shutil.which("mtcheck") or sys.exit("bench: mtcheck is not installed")
    first: dict[str, float] = {}
    print(f"{'run':<28} {'chars':>9} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'chars/s':>9} {'×CPU':>6}")
    for size in sizes:
        runs = [
            (f"check {name}", [mtcheck, "check", "--format", "jsonl", *options, str(path)])
            for name, (path, options) in build(size).items()
        ]
        copy = OUT / f"fixed-{size}.xlf"
        shutil.copyfile(OUT / f"de-en-{size}.xlf", copy)
        runs.append(("fix de→en xliff", [mtcheck, "fix", "--unsafe-fixes", str(copy)]))
        for name, argv in runs:
            wall, cpu, peak = timed(argv)
            growth = cpu / first[name] if name in first else 1.0
            first.setdefault(name, cpu)
            print(f"{name:<28} {size:>9,} {wall:>8.1f} {cpu:>8.1f} {peak:>9.0f} {size / wall:>9,.0f} {growth:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
