#!/usr/bin/env python3
"""Benchmark what users run: bilingual files with and without glossaries, in one interleaved run.

    python bench/engine.py [--rows 100000] [--repeat 3] [--only NAME,...] [--jobs-file]

Builds, under bench/data/engine-<rows>/, from the development set's MT segments (the TED
zh→en set, repeated in order): a bilingual TSV (source<TAB>target), the same rows as a PO
catalogue and as an XLIFF 1.2 file, the targets alone as plain text, and a synthetic
10,000-entry glossary (bench/glossary.py's builder: 1,000 realistic entries, the rest rare).

Then runs each configuration as its own process, every configuration once per round, rounds
interleaved (a shared machine's load then falls on all of them alike), and reports the
median round's wall time, CPU time (user + system, from the child's own rusage), peak RSS
and segments per CPU-second:

  floor       read the TSV and run one regex per target (the cost of reading, no checks)
  mono        mtcheck check on the targets alone
  tsv         mtcheck check on the bilingual TSV, every shipped rule
  tsv+zh-en   … with the shipped zh-en glossary
  tsv+10k     … with the 10,000-entry glossary
  po          mtcheck check on the PO catalogue
  xliff       mtcheck check on the XLIFF file
  pofilter    translate-toolkit's pofilter on the same PO (when installed: it is the
              ratio users ask for; `pip install translate-toolkit`)

`--jobs-file` adds `mtcheck check -j 2` on the one TSV (one big file on both cores).
Standard library only (pofilter is optional).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from glossary import DEFAULT_DATA, build_glossary, load_pairs  # noqa: E402

FLOOR = r"""
import sys, regex
pattern = regex.compile(r"\s\s|\.\s*,")
hits = 0
with open(sys.argv[1], encoding="utf-8") as handle:
    next(handle)
    for line in handle:
        source, _, target = line.rstrip("\n").partition("\t")
        hits += pattern.search(target) is not None
print(hits)
"""


def build(pairs: list[tuple[str, str]], rows: int) -> dict[str, Path]:
    out = HERE / "data" / f"engine-{rows}"
    files = {name: out / name for name in ("rows.tsv", "mono.txt", "rows.po", "rows.xlf")}
    if all(path.exists() for path in files.values()):
        return files
    out.mkdir(parents=True, exist_ok=True)
    chosen = [pairs[index % len(pairs)] for index in range(rows)]
    with open(files["rows.tsv"], "w", encoding="utf-8") as handle:
        handle.write("source\ttarget\n")
        handle.writelines(f"{source}\t{target}\n" for source, target in chosen)
    with open(files["mono.txt"], "w", encoding="utf-8") as handle:
        handle.writelines(f"{target}\n" for _, target in chosen)
    with open(files["rows.po"], "w", encoding="utf-8") as handle:
        handle.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n')
        for index, (source, target) in enumerate(chosen):
            # msgctxt keeps repeated sources apart (a catalogue has each msgid once).
            handle.write(f'msgctxt "{index}"\nmsgid "{_po(source)}"\nmsgstr "{_po(target)}"\n\n')
    with open(files["rows.xlf"], "w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '<file original="bench" source-language="zh" target-language="en" datatype="plaintext"><body>\n'
        )
        for index, (source, target) in enumerate(chosen):
            unit = f"<source>{escape(source)}</source><target>{escape(target)}</target>"
            handle.write(f'<trans-unit id="{index}">{unit}</trans-unit>\n')
        handle.write("</body></file></xliff>\n")
    return files


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


#: The children run as a user's would: with bytecode caches (a sandbox may set
#: PYTHONDONTWRITEBYTECODE, and compiling every module again is then part of each run).
_USERS_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, env=_USERS_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = proc.stderr.read().decode(errors="replace")[-500:] if proc.stderr else ""
        sys.exit(f"bench: {' '.join(argv)} exited {code}: {error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def configurations(files: dict[str, Path], glossary: Path, jobs_file: bool) -> dict[str, list[str]]:
    beside = Path(sys.executable).parent / "mtcheck"  # this environment's, when it is not on PATH
    mtcheck = str(beside) if beside.exists() else shutil.which("mtcheck")
    if mtcheck is None:
        sys.exit("bench: mtcheck is not installed in this environment")
    check = [mtcheck, "check", "--format", "jsonl", "--isolated", "-j", "1"]
    tsv = str(files["rows.tsv"])
    configs = {
        "floor": [sys.executable, "-c", FLOOR, tsv],
        "mono": [*check, "--tgt-lang", "en", str(files["mono.txt"])],
        "tsv": [*check, tsv],
        "tsv+zh-en": [*check, "-g", "zh-en", tsv],
        "tsv+10k": [*check, "-g", str(glossary), tsv],
        "po": [*check, "--src-lang", "zh", str(files["rows.po"])],
        "xliff": [*check, str(files["rows.xlf"])],
    }
    if jobs_file:
        configs["tsv -j 2"] = [*check[:-2], "-j", "2", tsv]
    pofilter = str(beside.parent / "pofilter") if (beside.parent / "pofilter").exists() else shutil.which("pofilter")
    if pofilter:
        configs["pofilter"] = [pofilter, "--progress=none", "-i", str(files["rows.po"]), "-o", os.devnull]
    return configs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", default="", help="comma-separated configuration names")
    parser.add_argument("--jobs-file", action="store_true", help="also -j 2 on the one TSV")
    args = parser.parse_args()
    pairs = load_pairs(args.data)
    files = build(pairs, args.rows)
    glossary = build_glossary(pairs, 10_000)
    configs = configurations(files, glossary, args.jobs_file)
    if args.only:
        wanted = set(args.only.split(","))
        configs = {name: argv for name, argv in configs.items() if name in wanted or name == "floor"}
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in configs}
    for _ in range(args.repeat):
        for name, argv in configs.items():
            results[name].append(run(argv))
    floor_cpu = statistics.median(cpu for _, cpu, _ in results["floor"])
    print(f"{args.rows:,} rows, {args.repeat} interleaved rounds, medians (2-core shared machine)\n")
    print("| configuration | wall s | CPU s | segments per CPU-second | × floor CPU | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, runs in results.items():
        wall = statistics.median(run_[0] for run_ in runs)
        cpu = statistics.median(run_[1] for run_ in runs)
        peak = max(run_[2] for run_ in runs) / 1024
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {args.rows / cpu:,.0f} | {cpu / floor_cpu:.1f} | {peak:.0f} |")
    if "pofilter" in results and "po" in results:
        ratio = statistics.median(r[1] for r in results["pofilter"]) / statistics.median(r[1] for r in results["po"])
        print(f"\npofilter takes {ratio:.2f}× mtcheck's CPU time on the same PO")


if __name__ == "__main__":
    main()
