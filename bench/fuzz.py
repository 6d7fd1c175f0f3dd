"""A fuzzing campaign: many more cases than the test suite runs, counted by the kind of failure.

    python bench/fuzz.py --cases 20000 --seed 1          # CLI runs judged by the oracle
    python bench/fuzz.py --cases 3000 --fix-only        # only the in-place fixes and diffs
    MTCHECK_FUZZ=100 pytest tests/test_fuzz.py           # the suite's fuzz tests, 100 times more

Special files (FIFOs, devices, links, unreadable places) are tested in tests/test_reliability.py.

The generators and the oracle are those of the test suite (``tests/fuzzing.py``). Failures are
grouped by their first line; one example of each is kept under ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import collections
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzzing


def fix_content_problems(case: fuzzing.Case, directory: Path) -> list[str]:
    """After an in-place fix of a well-formed file: the file still parses, the other units are unchanged."""
    name = case.fix_target
    assert name is not None
    suffix = Path(name).suffix
    before = case.files[name]
    after = (directory / name).read_bytes()
    old = fuzzing.independent_units(suffix, before)
    if old is None or after == before:
        return []
    new = fuzzing.independent_units(suffix, after)
    if new is None:
        return [f"written {suffix} file does not parse"]
    if len(old) != len(new):
        return [f"written {suffix} file has other units"]
    found = []
    for (source, target), (new_source, new_target) in zip(old, new, strict=True):
        if new_source != source:
            found.append(f"{suffix}: a source changed")
            break
        if target.count("\x00TAG:") != new_target.count("\x00TAG:"):
            found.append(f"{suffix}: inline codes changed (text became markup or markup text)")
            break
    return found


def diff_problems(case: fuzzing.Case, directory: Path, outcome: fuzzing.Outcome) -> list[str]:
    """``fix --diff`` applied with patch gives what an in-place fix writes."""
    name = case.args[-1]
    if outcome.code != 1 or not outcome.stdout:
        return []
    copy = directory / "inplace"
    copy.mkdir()
    (copy / name).write_bytes(case.files[name])
    args = [arg for arg in case.args if arg != "--diff"]
    fixed = fuzzing.run_inprocess(args, copy)
    if fixed.code not in (0, 1):
        return []
    return fuzzing.diff_applies(case.files[name], outcome.stdout, (copy / name).read_bytes(), directory, name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--fix-only", action="store_true")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--patch-sample", type=float, default=1.0, help="share of --diff cases checked with patch")
    options = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    failures: collections.Counter[str] = collections.Counter()
    by_kind: collections.Counter[str] = collections.Counter()
    examples: dict[str, fuzzing.Case] = {}
    slowest = 0.0
    started = time.perf_counter()
    ran = 0
    for case in fuzzing.cases(options.seed, options.cases, attack_scale=10):
        if options.fix_only and not case.kind.startswith("fix"):
            continue
        ran += 1
        by_kind[case.kind] += 1
        directory = Path(tempfile.mkdtemp(prefix="fuzz-"))
        try:
            for name, data in case.files.items():
                (directory / name).write_bytes(data)
            outcome = fuzzing.run_inprocess(case.args, directory, timeout=options.timeout)
            slowest = max(slowest, outcome.seconds)
            found = fuzzing.judge(case, outcome, time_bound=options.timeout)
            if not found and case.kind == "fix-valid" and b"cannot write the fix" in outcome.stderr:
                found = ["fix refused to write a well-formed file: " + outcome.stderr.decode()[:120]]
            if not found and case.fix_target and case.kind == "fix-valid":
                found = fix_content_problems(case, directory)
            if not found and "--diff" in case.args and case.kind == "fix-valid":
                found = diff_problems(case, directory, outcome)
        except MemoryError:
            found = ["memory exhausted"]
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        for problem in found:
            label = problem.split(":")[0] + ": " + ":".join(problem.split(":")[1:])[:90]
            failures[label] += 1
            if label not in examples:
                examples[label] = case
                if options.keep:
                    keep = options.keep / f"{len(examples):03d}"
                    keep.mkdir(parents=True, exist_ok=True)
                    for name, data in case.files.items():
                        (keep / name.replace("/", "_")).write_bytes(data)
                    (keep / "ARGS").write_text(repr(case.args) + "\n" + problem + "\n")
        if ran % 500 == 0:
            print(
                f"{ran} cases, {sum(failures.values())} failures, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
    elapsed = time.perf_counter() - started
    print(f"cases run: {ran} in {elapsed:.0f} s (slowest {slowest:.1f} s of processor time); by kind: {dict(by_kind)}")
    print(f"failing cases: {sum(failures.values())}")
    for label, count in failures.most_common():
        print(f"  {count:6d}  {label}  e.g. {examples[label].args}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
