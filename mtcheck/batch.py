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
from typing import TYPE_CHECKING, Any

from mtcheck.engine import Checker
from mtcheck.model import Finding, InputError, Segment

if TYPE_CHECKING:
    from mtcheck.formats import Loaded
    from mtcheck.formats.stream import StreamedSegments


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
    #: From a worker: run-scope evidence ("run", by rule id) and a chunk's file-scope evidence ("file").
    state: dict[str, dict[str, object]] = field(default_factory=dict)
    rule_problems: list[str] = field(default_factory=list)  # rules switched off in a worker
    stream: Iterator[Finding] | None = field(default=None, repr=False, compare=False)
    #: From a worker: the file its findings were written to, read back by ``ordered``.
    spool: str | None = None

    def ordered(self) -> Iterator[Finding]:
        """The findings in report order: segment by segment, each segment's by position, the
        file-scope ones (which judge the whole file) last. A worker's result is read from its
        spool, which is deleted once read (or when the process ends)."""
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

    def segments(self, path: str) -> list[Segment] | StreamedSegments:
        """The file's segments for a check: a line format's streamed from disk (formats/stream.py)."""
        from mtcheck.formats.stream import open_segments

        return open_segments(path, **self._arguments())

    def load(self, path: str) -> Loaded:
        from mtcheck.formats import load

        return load(path, **self._arguments())

    def _arguments(self) -> dict[str, Any]:
        """``formats.load``'s keyword arguments (``open_segments`` takes the same)."""
        return {
            "input_format": self.input_format,
            "source_path": self.source_path,
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
            "stdin_name": self.stdin_name,
            **dict(self.format_options),
        }


def check_file(checker: Checker, path: str, options: ReadOptions, chunk: tuple[int, int] = (0, 1)) -> FileResult:
    """Read ``path``; its findings (of chunk ``k`` of ``n``: see ``_findings``) stream from
    ``result.ordered()`` as segments are checked, so a report prints the first finding of a
    big file at once and memory holds no list of them (a worker spools them: ``_check_in_worker``)."""
    result = FileResult(path)
    try:
        segments = _started(checker, options.segments(path))
    except InputError as exc:
        result.problem = str(exc.problem)
        return result
    result.stream = _findings(checker, segments, result, chunk)
    return result


def _started(checker: Checker, segments: list[Segment] | StreamedSegments) -> list[Segment] | StreamedSegments:
    """The rules that read a file first have read it (``start_file``); a streamed file has
    been read through, so every row is known readable before the first finding. When that
    pass fails, the file is read whole, which raises the InputError ``load`` raises."""
    from mtcheck.formats.stream import READ_ERRORS, StreamedSegments

    if isinstance(segments, StreamedSegments):
        try:
            checker.start_file(segments.observed(), streamed=True)
            segments.read_through()
            return segments
        except READ_ERRORS:
            segments = segments.whole()  # raises what is wrong, as a whole read says it
    checker.start_file(segments)
    return segments


def _findings(
    checker: Checker, segments: list[Segment] | StreamedSegments, result: FileResult, chunk: tuple[int, int] = (0, 1)
) -> Iterator[Finding]:
    """The findings of a file's segments, or of chunk ``k`` of ``n`` of them (every chunk has
    read the whole file first: ``start_file``, the file's style is the whole file's); only
    the last of a single chunk judges the file (``finish_file``); a chunk of several leaves
    its file-scope evidence in the checker for ``export_file_state``. A streamed file that
    cannot be read again as it was read first ends its findings with a problem."""
    import itertools

    from mtcheck.formats.stream import READ_ERRORS
    from mtcheck.mqm import segment_words

    index, count = chunk
    total = len(segments)
    try:
        for segment in itertools.islice(segments, total * index // count, total * (index + 1) // count):
            result.segments += 1
            result.words += segment_words(segment)
            findings = checker.check_segment(segment)
            if len(findings) > 1:
                findings.sort(key=position)
            yield from findings
    except READ_ERRORS:
        result.problem = f"{result.path}: changed while it was being checked; check it again"
        return
    if count == 1:
        yield from sorted(checker.finish_file(getattr(segments, "at_places", None)), key=position)


# --- parallel ---------------------------------------------------------------------------------

_worker: tuple[Checker, ReadOptions, str] | None = None


def _init(checker: Checker, options: ReadOptions, spool_dir: str) -> None:
    """A worker ignores ctrl-C: the main process alone handles it (one line, no tracebacks)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker
    _worker = (checker, options, spool_dir)


def _check_in_worker(task: tuple[str, int, int]) -> FileResult:
    """Check one file, or chunk ``k`` of ``n`` of a big one, in a worker. Its findings go to a
    spool file as they are found (a list would hold a big file's findings in the worker, then
    again in the main process); a chunk also hands over its file-scope evidence."""
    assert _worker is not None
    checker, options, spool_dir = _worker
    path, index, count = task
    known = len(checker.problems)
    result = check_file(checker, path, options, (index, count))
    if result.problem is not None:
        return result
    result.spool = _spool(result.ordered(), spool_dir)
    if count > 1:
        result.state = {"file": checker.export_file_state()}
    result.state["run"] = checker.export_state()
    result.rule_problems = checker.problems[known:]
    return result


#: A file at least this big (bytes) is checked in chunks, one per worker, when there are
#: several workers: one big file then uses every core.
CHUNK_BYTES = 2_000_000


def _tasks(paths: list[str], jobs: int) -> list[tuple[str, int, int]]:
    """(path, chunk, chunks) per task: a big file in ``jobs`` chunks, in order."""
    import os

    tasks = []
    for path in paths:
        try:
            big = path != "-" and os.path.getsize(path) >= CHUNK_BYTES
        except OSError:
            big = False  # the reader says what is wrong with it
        count = jobs if big else 1
        tasks.extend((path, index, count) for index in range(count))
    return tasks


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
        os.unlink(path)  # (not its directory: workers of a run still going may write the next)


def check_files(checker: Checker, paths: list[str], options: ReadOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Results in the order of ``paths``. Run-scope evidence from workers is merged into
    ``checker`` as results arrive, so ``checker.finish()`` afterwards sees the whole run."""
    tasks = _tasks(paths, jobs) if jobs > 1 else []
    if len(tasks) <= 1:  # one process: no workers to start for one small file
        for path in paths:
            yield check_file(checker, path, options)
        return
    import atexit
    import multiprocessing
    import shutil
    import tempfile

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    spool_dir = tempfile.mkdtemp(prefix="mtcheck-")
    atexit.register(shutil.rmtree, spool_dir, True)  # spools never read: gone when the process ends
    finished = False
    try:
        with context.Pool(jobs, initializer=_init, initargs=(checker, options, spool_dir)) as pool:
            chunks: list[FileResult] = []
            for (_, index, count), result in zip(tasks, pool.imap(_check_in_worker, tasks, chunksize=1), strict=True):
                checker.merge_state(result.state.get("run", {}))
                for problem in result.rule_problems:
                    if problem not in checker.problems:  # each worker reports its own switch-off once
                        checker.problems.append(problem)
                if count == 1:
                    result.state = {}
                    yield result
                    continue
                chunks.append(result)
                if index == count - 1:
                    yield _joined(checker, chunks, options)
                    chunks = []
        finished = True
    finally:
        if finished:  # results handed out may still be read: each spool goes once read, the rest at exit
            _remove_if_empty(spool_dir)
        else:  # ctrl-C, an error, or a caller that stopped early: nothing will read them
            shutil.rmtree(spool_dir, ignore_errors=True)


def _remove_if_empty(directory: str) -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError):
        os.rmdir(directory)


def _joined(checker: Checker, chunks: list[FileResult], options: ReadOptions) -> FileResult:
    """One file's result from its chunks: their findings in order, then the file-scope ones,
    judged here on the evidence of every chunk (as one process would have judged it; the
    segments a streamed file's rules name by line are read from it here)."""
    import itertools

    result = FileResult(chunks[0].path)
    problem = next((chunk.problem for chunk in chunks if chunk.problem is not None), None)
    if problem is not None:
        result.problem = problem
        for chunk in chunks:
            if chunk.spool is not None:
                _discard(chunk.spool)
        return result
    for chunk in chunks:
        result.segments += chunk.segments
        result.words += chunk.words
        checker.merge_file_state(chunk.state.get("file", {}))
    judged = sorted(checker.finish_file(lambda places: _at_places(result.path, options, places)), key=position)
    result.stream = itertools.chain(*(chunk.ordered() for chunk in chunks), judged)
    return result


def _at_places(path: str, options: ReadOptions, places: set[tuple[int, int]]) -> dict[tuple[int, int], Segment]:
    """The segments at these places of a streamed file, opened again (its chunks were read in workers)."""
    try:
        segments = options.segments(path)
    except InputError:
        return {}
    return segments.at_places(places) if hasattr(segments, "at_places") else {}


def _discard(path: str) -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError):
        os.unlink(path)
