#!/usr/bin/env python3
"""Where the CPU goes, rule by rule: each rule's ``hits`` timed by CPU clock on a file.

    python bench/rule_cpu.py FILE [-g GLOSSARY] [--src-lang zh] [--tgt-lang en] [--top 30]

Reads FILE as `mtcheck check` would, then checks every segment with each rule's ``hits``
wrapped in a CPU-time counter (time.process_time: a wall clock would blame whatever
rule was running when the shared machine descheduled us). Prints the reader's time, the
engine's own time (everything outside the rules: selection, prefilter, fix gate's own
work) and each rule's time and calls. Use it to decide what to gate, never as a test.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from mtcheck.api import configure, flag_values
from mtcheck.batch import ReadOptions
from mtcheck.engine import Checker


class _Timed:
    """A rule whose ``hits`` counts CPU time; everything else is the rule's own."""

    def __init__(self, rule: object, spent: Counter[str], calls: Counter[str]) -> None:
        self._rule, self._spent, self._calls = rule, spent, calls

    def __getattr__(self, name: str) -> object:
        return getattr(self._rule, name)

    def hits(self, segment: object) -> list[object]:
        start = time.process_time()
        try:
            return list(self._rule.hits(segment))  # type: ignore[attr-defined]
        finally:
            rule_id = self._rule.info.id  # type: ignore[attr-defined]
            self._spent[rule_id] += time.process_time() - start
            self._calls[rule_id] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("-g", "--glossary", action="append", default=[])
    parser.add_argument("--src-lang")
    parser.add_argument("--tgt-lang")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    flags = flag_values(glossaries=args.glossary, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    configured = configure([args.file], flags, isolated=True)
    spent: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    checker = Checker([_Timed(rule, spent, calls) for rule in configured.checker(args.file).rules])
    start = time.process_time()
    loaded = ReadOptions(src_lang=args.src_lang, tgt_lang=args.tgt_lang).load(args.file)
    read = time.process_time() - start
    start = time.process_time()
    checker.start_file(loaded.segments)
    started = time.process_time() - start
    start = time.process_time()
    for segment in loaded.segments:
        checker.check_segment(segment)
    checked = time.process_time() - start
    in_rules = sum(spent.values())
    count = len(loaded.segments)
    print(f"{count:,} segments: read {read:.2f} s, start_file {started:.2f} s, check {checked:.2f} s")
    print(f"engine outside the rules: {checked - in_rules:.2f} s ({(checked - in_rules) / count * 1e6:.0f} µs/segment)")
    print("| rule | CPU s | share of check | calls | µs per call |\n|---|---:|---:|---:|---:|")
    for rule_id, seconds in spent.most_common(args.top):
        per_call = seconds / calls[rule_id] * 1e6
        print(f"| {rule_id} | {seconds:.2f} | {seconds / checked:.1%} | {calls[rule_id]:,} | {per_call:.1f} |")


if __name__ == "__main__":
    main()
