"""One shard, checked where it is scheduled (a Dask worker, or the driver itself).

Rules and glossaries are compiled once per worker process: checkers are cached by a hash of
the settings that decide the rules (``Settings.rules_key``), so the hundredth shard a worker
gets costs no compilation. A cached checker carries no evidence from one shard to the next:
file-scope rules read each batch as a file, and run-scope evidence is exported (and reset)
at the end of every shard, for the driver to merge.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtcheck.corpus.shards import Columns, read_batches
from mtcheck.corpus.tables import Judge, PartWriter, Stats, finding_row, findings_schema, segments_schema
from mtcheck.model import InputError

if TYPE_CHECKING:
    from mtcheck.config import Settings
    from mtcheck.engine import Checker

_CHECKERS: dict[str, Checker] = {}
_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()
#: How many times this process compiled each settings' rules (tests read it on every worker).
COMPILATIONS: Counter[str] = Counter()


def settings_hash(settings: Settings) -> str:
    """Equal for settings that compile to the same rules."""
    return hashlib.sha256(repr(settings.rules_key).encode()).hexdigest()[:16]


def checker_for(settings: Settings) -> tuple[Checker, threading.Lock]:
    """This process's checker for ``settings``, compiled on first use, and the lock its users
    take (a worker with several threads runs one shard per checker at a time)."""
    key = settings_hash(settings)
    with _GUARD:
        checker = _CHECKERS.get(key)
        if checker is None:
            from mtcheck.config import build_rules
            from mtcheck.engine import Checker

            checker = _CHECKERS[key] = Checker(build_rules(settings))
            _LOCKS[key] = threading.Lock()
            COMPILATIONS[key] += 1
        return checker, _LOCKS[key]


def adopt(settings: Settings, checker: Checker) -> None:
    """Use a checker the driver already compiled, for shards checked in the driver's process."""
    key = settings_hash(settings)
    with _GUARD:
        if key not in _CHECKERS:
            _CHECKERS[key] = checker
            _LOCKS[key] = threading.Lock()


def compilations() -> dict[str, int]:
    return dict(COMPILATIONS)


@dataclass(frozen=True, slots=True)
class ShardTask:
    path: str
    part: str  # the part files' number, "00003"
    out: str  # the output directory
    settings: Settings
    columns: Columns
    batch: int
    max_penalty: float
    input_format: str | None = None
    run_scope: bool = False  # run-scope rules run: the segments part is the base the driver completes


@dataclass
class ShardResult:
    path: str
    part: str
    stats: Stats = field(default_factory=Stats)
    state: dict[str, object] = field(default_factory=dict)
    problem: str | None = None  # the shard could not be read: one line
    rule_problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the worker process's CPU time while it checked the shard
    worker: int = 0  # the process id
    peak_mib: float = 0.0  # the process's peak resident memory so far


def part_path(out: str, table: str, part: str) -> str:
    return os.path.join(out, table, f"part-{part}.parquet")


def check_shard(task: ShardTask) -> ShardResult:
    """Check one shard, writing its findings and segments parts; the result carries its counts,
    its run-scope evidence and any problem."""
    from mtcheck.lang.detect import resolve
    from mtcheck.mqm import segment_words

    started, cpu = time.perf_counter(), time.process_time()
    result = ShardResult(task.path, task.part, worker=os.getpid())
    checker, lock = checker_for(task.settings)
    settings = task.settings
    judge = Judge({str(k): v for k, v in settings.weights.items()}, task.max_penalty)
    with lock:
        known = len(checker.problems)
        findings_part = PartWriter(part_path(task.out, "findings", task.part), findings_schema())
        table = "base" if task.run_scope else "segments"
        segments_part = PartWriter(part_path(task.out, table, task.part), segments_schema())
        try:
            for batch in read_batches(task.path, task.columns, task.batch, task.input_format):
                segments, _decision = resolve(batch, task.path, settings.src_lang, settings.tgt_lang)
                checker.start_file(segments)
                found = [checker.check_segment(segment) for segment in segments]
                _attach(segments, found, checker.finish_file())
                rows, finding_rows = [], []
                for segment, findings in zip(segments, found, strict=True):
                    row = judge.row(segment, segment_words(segment), findings)
                    result.stats.add_row(row)
                    rows.append(row)
                    for finding in findings:
                        result.stats.add_finding(finding)
                        finding_rows.append(finding_row(finding))
                findings_part.write(finding_rows)
                segments_part.write(rows)
        except InputError as exc:
            findings_part.abandon()
            segments_part.abandon()
            checker.finish_file()  # nor is the unfinished batch's, for the next shard
            checker.export_state()  # this shard's evidence is not counted
            result.problem = str(exc.problem)
            return result
        except BaseException:
            findings_part.abandon()
            segments_part.abandon()
            checker.finish_file()
            checker.export_state()
            raise
        findings_part.commit()
        segments_part.commit()
        result.state = {rule: state for rule, state in checker.export_state().items() if state}
        result.rule_problems = checker.problems[known:]
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu
    result.peak_mib = _peak_mib()
    return result


def _peak_mib() -> float:
    """Peak resident memory of this process (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _attach(segments: list, found: list[list], file_scope: list) -> None:
    """File-scope findings (reported once the batch is read) join their segment's list."""
    if not file_scope:
        return
    by_id = {id(segment): index for index, segment in enumerate(segments)}
    by_key: dict[str, int] = {}
    for index, segment in enumerate(segments):
        by_key.setdefault(segment.key, index)
    for finding in file_scope:
        index = by_id.get(id(finding.segment), by_key.get(finding.segment.key))
        if index is not None:
            found[index].append(finding)
