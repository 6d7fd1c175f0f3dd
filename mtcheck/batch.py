"""Batches: check files one by one or in parallel, in a stable order (which files: discovery.py).

Each file is read, checked and reported on its own, so memory holds one file's segments
at a time (per worker), never the batch; in one process its findings are reported as each
segment is checked, never held for the whole file. With ``jobs > 1`` files are checked in worker
processes (forked after the rules are compiled, so they inherit them) and their results
come back in the order the files were given, whatever order the workers finish in. Rules
that judge the whole run (term consistency) collect their evidence in each worker; the
evidence is merged in the main process and judged there once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtcheck.engine import Checker
from mtcheck.model import Finding, InputError, Segment

if TYPE_CHECKING:
    from mtcheck.formats import Loaded


@dataclass
class FileResult:
    """One file's outcome. Checked in this process, its findings are a stream (``ordered``
    yields them as the segments are checked, and ``segments`` and ``words`` are complete
    once it is exhausted); from a worker, a list in the same order."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    segments: int = 0
    words: int = 0
    problem: str | None = None
    state: dict[str, object] = field(default_factory=dict)  # run-scope evidence, by rule id
    rule_problems: list[str] = field(default_factory=list)  # rules switched off in a worker
    stream: Iterator[Finding] | None = field(default=None, repr=False, compare=False)
    #: From a worker: the file its findings were written to, read back by ``ordered``.
    spool: str | None = None

    def ordered(self) -> Iterator[Finding]:
        """The findings in report order: segment by segment, each segment's by position, the
        file-scope ones (which judge the whole file) last. A worker's result must be read
        before ``check_files`` is asked for the next one (its spool is then deleted)."""
        if self.stream is not None:
            stream, self.stream = self.stream, None
            yield from stream
        elif self.spool is not None:
            spool, self.spool = self.spool, None
            yield from _unspool(spool)
        else:
            yield from self.findings


def position(finding: Finding) -> tuple[int, int, int, str]:
    """Where a finding starts in its file: the order of one segment's findings in a report."""
    line, column = finding.place
    return line, column, finding.start, finding.rule


@dataclass(frozen=True, slots=True)
class ReadOptions:
    input_format: str | None = None
    source_path: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    format_options: tuple[tuple[str, object], ...] = ()  # skip_final, source_column, …
    stdin_name: str | None = None  # --stdin-filename

    def load(self, path: str) -> Loaded:
        from mtcheck.formats import load

        return load(
            path,
            input_format=self.input_format,
            source_path=self.source_path,
            src_lang=self.src_lang,
            tgt_lang=self.tgt_lang,
            stdin_name=self.stdin_name,
            **dict(self.format_options),
        )


def check_file(checker: Checker, path: str, options: ReadOptions) -> FileResult:
    """Read ``path``; its findings stream from ``result.ordered()`` as segments are checked,
    so a report prints the first finding of a big file at once and memory holds no list of
    them (a worker collects the list: ``_check_in_worker``)."""
    result = FileResult(path)
    try:
        loaded = options.load(path)
    except InputError as exc:
        result.problem = str(exc.problem)
        return result
    result.stream = _findings(checker, loaded.segments, result)
    return result


def _findings(checker: Checker, segments: list[Segment], result: FileResult) -> Iterator[Finding]:
    from mtcheck.mqm import segment_words

    checker.start_file(segments)
    for segment in segments:
        result.segments += 1
        result.words += segment_words(segment)
        findings = checker.check_segment(segment)
        if len(findings) > 1:
            findings.sort(key=position)
        yield from findings
    yield from sorted(checker.finish_file(), key=position)


# --- parallel ---------------------------------------------------------------------------------

_worker: tuple[Checker, ReadOptions, str] | None = None


def _init(checker: Checker, options: ReadOptions, spool_dir: str) -> None:
    """A worker ignores ctrl-C: the main process alone handles it (one line, no tracebacks)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker
    _worker = (checker, options, spool_dir)


def _check_in_worker(path: str) -> FileResult:
    """Check one file in a worker. Its findings go to a spool file as they are found (a list
    would hold a big file's findings in the worker, then again in the main process)."""
    assert _worker is not None
    checker, options, spool_dir = _worker
    known = len(checker.problems)
    result = check_file(checker, path, options)
    if result.stream is not None:
        result.spool = _spool(result.ordered(), spool_dir)
    result.state = checker.export_state()
    result.rule_problems = checker.problems[known:]
    return result


def _spool(findings: Iterator[Finding], directory: str) -> str:
    """Write ``findings`` one pickle each. (One Pickler for all would be smaller, but its
    reader's memo keeps every object it read alive until the end: memory would grow.)"""
    import pickle
    import tempfile

    with tempfile.NamedTemporaryFile("wb", dir=directory, suffix=".findings", delete=False) as handle:
        for finding in findings:
            pickle.dump(finding, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return handle.name


def _unspool(path: str) -> Iterator[Finding]:
    """Read a spool back in order, then delete it. Written by our own worker into a private
    directory (mode 0700), so unpickling reads nothing another user wrote."""
    import os
    import pickle

    try:
        with open(path, "rb") as handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    return
    finally:
        os.unlink(path)


def check_files(checker: Checker, paths: list[str], options: ReadOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Results in the order of ``paths``. Run-scope evidence from workers is merged into
    ``checker`` as results arrive, so ``checker.finish()`` afterwards sees the whole run."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield check_file(checker, path, options)
        return
    import multiprocessing
    import shutil
    import tempfile

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    spool_dir = tempfile.mkdtemp(prefix="mtcheck-")
    try:
        with context.Pool(jobs, initializer=_init, initargs=(checker, options, spool_dir)) as pool:
            for result in pool.imap(_check_in_worker, paths, chunksize=1):
                checker.merge_state(result.state)
                result.state = {}
                for problem in result.rule_problems:
                    if problem not in checker.problems:  # each worker reports its own switch-off once
                        checker.problems.append(problem)
                yield result
    finally:
        shutil.rmtree(spool_dir, ignore_errors=True)  # spools of results not read (ctrl-C, an error)
