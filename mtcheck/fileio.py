"""Reading input files safely: regular files only, and never more than a bound.

Every file mtcheck reads — inputs, sources, references, glossaries, rule packs, configuration
files, baselines — comes through ``read_regular``. A FIFO named like a file would block the
run forever and ``/dev/zero`` would fill the memory, so the file is opened without blocking
and refused unless it is a regular file; standard input may be a pipe or a file, never a
device, and is read only up to the bound. The problem is one line, worded for a person.
"""

from __future__ import annotations

import os
import stat
import sys

from mtcheck.digest import blake2b

#: The most a single input may hold (1 GiB); ``MTCHECK_MAX_INPUT_BYTES`` changes it.
DEFAULT_LIMIT = 1 << 30
STDIN = "-"


class FileProblem(Exception):
    """A file that cannot be read; ``str()`` is the reason without the path (``is a FIFO…``)."""


def fingerprint(data: bytes) -> bytes:
    """What ``fix`` compares to refuse a file changed since it was read."""
    return blake2b(data, digest_size=16).digest()


def input_limit() -> int:
    value = os.environ.get("MTCHECK_MAX_INPUT_BYTES", "")
    return int(value) if value.isdigit() and len(value) < 19 else DEFAULT_LIMIT


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of a regular file (``-``: standard input); FileProblem otherwise."""
    limit = input_limit() if limit is None else limit
    if str(path) == STDIN:
        return _read_stdin(limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(_reason(exc)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = _kind(info.st_mode)
            raise FileProblem(f"is {kind}, not a file" if kind.startswith("a ") else kind)
        if info.st_size > limit:
            raise FileProblem(f"is larger than {_size(limit)}; mtcheck reads files up to that size")
        return _read_all(descriptor, limit)
    except OSError as exc:
        raise FileProblem(_reason(exc)) from None
    finally:
        os.close(descriptor)


def _read_all(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise FileProblem(f"holds more than {_size(limit)}; mtcheck reads files up to that size")
        chunks.append(chunk)


def _read_stdin(limit: int) -> bytes:
    stream = sys.stdin.buffer
    try:
        descriptor = stream.fileno()
        mode = os.fstat(descriptor).st_mode
    except (AttributeError, OSError, ValueError):  # a replaced stdin (tests): read what it holds
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise FileProblem(f"holds more than {_size(limit)}; mtcheck reads input up to that size") from None
        return data
    if stat.S_ISCHR(mode) and not os.isatty(descriptor) and not _is_null_device(mode, descriptor):
        raise FileProblem("is a character device, not a file or a pipe")
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileProblem(f"holds more than {_size(limit)}; mtcheck reads input up to that size")
    return data


def _is_null_device(mode: int, descriptor: int) -> bool:
    try:
        return os.fstat(descriptor).st_rdev == os.stat(os.devnull).st_rdev
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    if exc.errno == getattr(os, "ELOOP", None):
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def _size(limit: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit} bytes"
