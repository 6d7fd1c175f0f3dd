"""The driver of a corpus run: shards become Dask tasks (or run here), results are recorded as
they arrive, run-scope rules are judged once every shard is in, and a summary is written.

Output directory::

    findings/part-NNNNN.parquet    one per shard; findings/part-run-scope.parquet for run-scope rules
    segments/part-NNNNN.parquet    one per shard: the per-segment table
    base/part-NNNNN.parquet        (run-scope rules only) segments before run-scope findings
    state/part-NNNNN.pickle        (run-scope rules only) the shard's run-scope evidence
    manifest.jsonl                 the settings' fingerprint, then a line per shard started and finished
    summary.json                   the run's counts

Resuming: a shard recorded in the manifest, unchanged since (size and modification time),
whose parts exist, is not checked again; its counts and evidence come from the manifest and
its state file. Run-scope evidence is merged in shard order, whatever order the workers
finish in, so a run on any number of workers writes the same findings as one on none.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtcheck.corpus.shards import Columns
from mtcheck.corpus.tables import CATEGORY_COLUMNS, Judge, PartWriter, Stats, finding_row, findings_schema
from mtcheck.corpus.worker import ShardResult, ShardTask, adopt, check_shard, part_path, settings_hash

if TYPE_CHECKING:
    from mtcheck.api import Configured
    from mtcheck.config import Settings

MANIFEST_VERSION = 1
#: How long to try to reach a scheduler given by address.
CONNECT_TIMEOUT = "10s"


class CorpusError(Exception):
    """A run that cannot start or go on (one line)."""


@dataclass(frozen=True)
class CorpusOptions:
    output: str
    columns: Columns = field(default_factory=Columns)
    batch: int = 20_000
    max_penalty: float = 4.0
    input_format: str | None = None
    workers: int = 0  # 0: in this process, no Dask
    scheduler: str | None = None  # an existing cluster's address
    overwrite: bool = False


@dataclass
class RunSummary:
    stats: Stats
    shards: int
    checked: int  # shards checked in this run (the others were finished before)
    seconds: float
    checked_segments: int
    run_scope_findings: int
    problems: list[str] = field(default_factory=list)
    workers: str = "none"
    #: Peak resident memory (MiB) of each process that checked shards in this run, by process id.
    peak_mib: dict[int, float] = field(default_factory=dict)
    #: Seconds the shards took where they ran, summed (the run's CPU-bound work).
    task_seconds: float = 0.0
    task_cpu_seconds: float = 0.0

    def as_dict(self, output: str) -> dict[str, object]:
        rate = self.checked_segments / self.seconds if self.seconds else 0.0
        return {
            **self.stats.as_dict(),
            "run_scope_findings": self.run_scope_findings,
            "shards": self.shards,
            "shards_checked": self.checked,
            "shards_resumed": self.shards - self.checked,
            "workers": self.workers,
            "seconds": round(self.seconds, 2),
            "task_seconds": round(self.task_seconds, 2),
            "task_cpu_seconds": round(self.task_cpu_seconds, 2),
            "worker_peak_mib": {str(pid): round(peak, 1) for pid, peak in sorted(self.peak_mib.items())},
            "segments_per_second": round(rate, 1),
            "output": {
                "findings": os.path.join(output, "findings"),
                "segments": os.path.join(output, "segments"),
            },
            "problems": self.problems,
        }


def run_corpus(
    configured: Configured,
    options: CorpusOptions,
    *,
    client: object | None = None,
    progress: Callable[[ShardResult, int, int], None] | None = None,
) -> RunSummary:
    """Check ``configured.files`` (the shards) into ``options.output``. ``client`` is a
    ``distributed.Client`` to use; else one is made for ``options.scheduler`` or a local
    cluster of ``options.workers`` processes, or, with no workers, the shards run here."""
    started = time.perf_counter()
    out = options.output
    shards = configured.files
    settings_of = {path: configured.settings(path) for path in shards}
    run_scope = any(hasattr(rule, "finish") for checker in configured.checkers for rule in checker.rules)
    fingerprint = _fingerprint(settings_of.values(), options)
    manifest = Manifest.open(out, fingerprint, run_scope, options.overwrite)
    parts = manifest.parts
    numbers = [int(entry["part"]) for entry in parts.values()]
    next_number = max(numbers, default=-1) + 1
    tasks: list[ShardTask] = []
    started_lines: list[dict] = []
    for path in shards:
        real = os.path.realpath(path)
        entry = parts.get(real)
        if entry is not None and _finished(out, entry, real, run_scope):
            continue
        if entry is None:
            entry = {"part": f"{next_number:05d}"}
            next_number += 1
        entry = parts[real] = {"shard": real, "part": entry["part"], "path": path}
        started_lines.append(entry)
        tasks.append(
            ShardTask(
                path,
                entry["part"],
                os.path.abspath(out),
                settings_of[path],
                options.columns,
                options.batch,
                options.max_penalty,
                options.input_format,
                run_scope,
            )
        )
    manifest.record(started_lines)
    problems: list[str] = []
    checked_segments = 0
    done = 0
    workers = "none"
    peaks: dict[int, float] = {}
    task_seconds = task_cpu = 0.0
    for checker_settings in settings_of.values():  # shards checked here reuse the driver's rules
        adopt(checker_settings, configured.checkers.get(checker_settings))
    for result, described in _execute(tasks, options, client):
        workers = described
        done += 1
        if progress is not None:
            progress(result, done, len(tasks))
        if result.problem is not None:
            problems.append(result.problem)
            continue
        for problem in result.rule_problems:
            if problem not in problems:
                problems.append(problem)
        checked_segments += result.stats.segments
        peaks[result.worker] = max(peaks.get(result.worker, 0.0), result.peak_mib)
        task_seconds += result.seconds
        task_cpu += result.cpu_seconds
        entry = parts[os.path.realpath(result.path)]
        if run_scope:
            _save_pickle(os.path.join(out, "state", f"part-{result.part}.pickle"), result.state)
        stat = os.stat(result.path)
        entry.update(
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            stats=result.stats.as_dict(),
            seconds=round(result.seconds, 3),
        )
        manifest.record([entry])
    for checker in configured.checkers:
        for problem in checker.problems:
            if problem not in problems:
                problems.append(problem)
    totals = Stats()
    wanted = [parts[os.path.realpath(path)] for path in shards]
    for entry in wanted:
        if "stats" in entry:
            totals.merge(Stats.from_dict(entry["stats"]))
    run_scope_findings = 0
    complete = all("stats" in entry for entry in wanted)
    if run_scope and complete:
        run_scope_findings = _judge_run(configured, out, shards, parts, options, totals)
    summary = RunSummary(
        totals,
        len(shards),
        len(tasks),
        time.perf_counter() - started,
        checked_segments,
        run_scope_findings,
        problems,
        workers,
        peaks,
        task_seconds,
        task_cpu,
    )
    _save_json(os.path.join(out, "summary.json"), summary.as_dict(out))
    return summary


def _execute(
    tasks: list[ShardTask], options: CorpusOptions, client: object | None
) -> Iterator[tuple[ShardResult, str]]:
    """Results as they finish, with a description of the workers."""
    if not tasks:
        return
    if client is None and options.workers == 0 and options.scheduler is None:
        for task in tasks:
            yield check_shard(task), "none (in process)"
        return
    from distributed import as_completed

    own = None
    if client is None:
        own = _client(options)
        client = own[0]
    try:
        count = len(client.scheduler_info().get("workers", {}))  # type: ignore[attr-defined]
        described = f"{count} ({client.scheduler.address})"  # type: ignore[attr-defined]
        futures = [client.submit(check_shard, task, pure=False) for task in tasks]  # type: ignore[attr-defined]
        for future in as_completed(futures):
            result = future.result()
            future.release()
            yield result, described
    finally:
        if own is not None:
            own[0].close()
            if own[1] is not None:
                own[1].close()


def _client(options: CorpusOptions):  # type: ignore[no-untyped-def]
    """A client of the cluster at ``options.scheduler``, or of a new local cluster of
    ``options.workers`` worker processes of one thread each (the checks hold the GIL)."""
    import logging

    from distributed import Client, LocalCluster

    if options.scheduler is not None:
        try:
            return Client(options.scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError) as exc:
            raise CorpusError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from None
    cluster = LocalCluster(
        n_workers=options.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def _judge_run(
    configured: Configured,
    out: str,
    shards: list[str],
    parts: Mapping[str, dict],
    options: CorpusOptions,
    totals: Stats,
) -> int:
    """Run-scope rules: every shard's evidence merged in shard order, judged once; their
    findings written as one more findings part, and each shard's segments part completed
    from its base part."""
    import pyarrow.parquet as pq

    by_settings: dict[str, Settings] = {}
    for path in shards:
        settings = configured.settings(path)
        by_settings.setdefault(settings_hash(settings), settings)
        checker = configured.checkers.get(settings)
        part = parts[os.path.realpath(path)]["part"]
        with open(os.path.join(out, "state", f"part-{part}.pickle"), "rb") as handle:
            checker.merge_state(pickle.load(handle))
    findings = [finding for checker in configured.checkers for finding in checker.finish()]
    writer = PartWriter(part_path(out, "findings", "run-scope"), findings_schema())
    writer.write([finding_row(finding) for finding in findings])
    writer.commit()
    by_place: dict[tuple[str, int], list] = {}
    for finding in findings:
        origin = finding.segment.origin
        by_place.setdefault((origin.path, origin.line), []).append(finding)
        totals.add_finding(finding)
    touched = {place[0] for place in by_place}
    for path in shards:
        settings = configured.settings(path)
        judge = Judge({str(k): v for k, v in settings.weights.items()}, options.max_penalty)
        part = parts[os.path.realpath(path)]["part"]
        if path not in touched:
            os.makedirs(os.path.join(out, "segments"), exist_ok=True)
            shutil.copyfile(part_path(out, "base", part), part_path(out, "segments", part))
            continue
        base = pq.ParquetFile(part_path(out, "base", part))
        writer = PartWriter(part_path(out, "segments", part), base.schema_arrow)
        for batch in base.iter_batches(batch_size=65_536):
            rows = batch.to_pylist()
            for row in rows:
                extra = by_place.get((row["shard"], row["line"]))
                if extra:
                    before_keep, before_penalty = row["keep"], row["penalty"]
                    severities = Counter({name: row[name] for name in ("minor", "major", "critical")})
                    categories = Counter({category: row[column] for category, column in CATEGORY_COLUMNS.items()})
                    for finding in extra:
                        severities[str(finding.severity)] += 1
                        categories[finding.category] += 1
                    judge.finish(row, severities, categories, len(extra))
                    totals.kept += int(row["keep"]) - int(before_keep)
                    totals.penalty += row["penalty"] - before_penalty
            writer.write(rows)
        writer.commit()
    return len(findings)


def _fingerprint(settings: Iterable[Settings], options: CorpusOptions) -> str:
    """What decides the outputs: a run with another fingerprint cannot resume this one."""
    from mtcheck import __version__

    described = {
        "mtcheck": __version__,
        "rules": sorted({settings_hash(s) for s in settings}),
        "weights": sorted({json.dumps({str(k): v for k, v in s.weights.items()}, sort_keys=True) for s in settings}),
        "columns": [options.columns.source, options.columns.target, options.columns.key],
        "batch": options.batch,
        "max_penalty": options.max_penalty,
        "input_format": options.input_format,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]


class Manifest:
    """``manifest.jsonl``: a header line (format version, the settings' fingerprint), then one
    line per event, appended and flushed: a shard given its part number (``shard``, ``part``,
    ``path``), and the same with ``size``, ``mtime_ns``, ``stats`` and ``seconds`` once it is
    finished. The last line about a shard is its state. Appending keeps recording a shard as
    cheap at the millionth shard as at the first; a line cut short by a crash is ignored."""

    NAME = "manifest.jsonl"

    def __init__(self, path: str, parts: dict[str, dict]) -> None:
        self.path = path
        self.parts = parts

    @classmethod
    def open(cls, out: str, fingerprint: str, run_scope: bool, overwrite: bool) -> Manifest:
        path = os.path.join(out, cls.NAME)
        if os.path.exists(path) and not overwrite:
            return cls(path, cls._read(path, out, fingerprint))
        if overwrite:
            for name in ("findings", "segments", "base", "state"):
                shutil.rmtree(os.path.join(out, name), ignore_errors=True)
            for name in (cls.NAME, "summary.json"):
                if os.path.exists(os.path.join(out, name)):
                    os.unlink(os.path.join(out, name))
        elif os.path.isdir(out) and os.listdir(out):
            raise CorpusError(f"{out}: error: not empty and holds no mtcheck corpus run; give another --output")
        os.makedirs(out, exist_ok=True)
        header = {"version": MANIFEST_VERSION, "fingerprint": fingerprint, "run_scope": run_scope}
        _replace(path, (json.dumps(header) + "\n").encode("utf-8"))
        return cls(path, {})

    @staticmethod
    def _read(path: str, out: str, fingerprint: str) -> dict[str, dict]:
        parts: dict[str, dict] = {}
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
            header = json.loads(lines[0]) if lines else {}
        except (OSError, ValueError) as exc:
            raise CorpusError(f"{path}: error: cannot read the manifest ({exc}); give --overwrite") from None
        if not isinstance(header, dict) or header.get("fingerprint") != fingerprint:
            raise CorpusError(
                f"{out}: error: holds a run with other settings (rules, columns, batch, threshold); "
                "give --overwrite to start again, or another --output"
            )
        for line in lines[1:]:
            try:
                entry = json.loads(line)
            except ValueError:  # cut short by a crash: that shard is checked again
                continue
            if isinstance(entry, dict) and "shard" in entry and "part" in entry:
                parts[entry["shard"]] = entry
        return parts

    def record(self, entries: list[dict]) -> None:
        if not entries:
            return
        with open(self.path, "rb") as handle:  # a line cut short by a crash is ended first
            cut = False
            if handle.seek(0, os.SEEK_END) > 0:
                handle.seek(-1, os.SEEK_END)
                cut = handle.read(1) != b"\n"
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write("\n" * cut + "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries))
            handle.flush()
            os.fsync(handle.fileno())


def _finished(out: str, entry: Mapping[str, object], real: str, run_scope: bool) -> bool:
    """Recorded as checked, unchanged since, and its parts all there."""
    if "stats" not in entry:
        return False
    try:
        stat = os.stat(real)
    except OSError:
        return False
    if stat.st_size != entry.get("size") or stat.st_mtime_ns != entry.get("mtime_ns"):
        return False
    part = str(entry["part"])
    needed = [part_path(out, "findings", part), part_path(out, "base" if run_scope else "segments", part)]
    if run_scope:
        needed.append(os.path.join(out, "state", f"part-{part}.pickle"))
    return all(os.path.exists(path) for path in needed)


def _save_json(path: str, data: object) -> None:
    _replace(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def _save_pickle(path: str, data: object) -> None:
    _replace(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _replace(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
