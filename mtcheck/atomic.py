"""Writing files so that a failure at any point leaves the old file intact, and the file that
is replaced is the one the user meant.

``write_atomic`` writes the new content to a temporary file in the same directory as the
real file (a symlink is followed to it, so the link stays a link and its target is what gets
fixed), flushes it to disk, gives it the old file's permissions, owner and group (as far as
the process may) and extended attributes, and only then renames it over the file. Two cases
are written in place instead, because a rename would break them: a file with several hard
links (the others would keep the old content), a file whose owner cannot be kept, and a
writable file in a directory where no new file may be created. With
``expected`` (a fingerprint of the bytes the caller read), a file that changed since — a
line appended by another process — is refused with ``FileChanged`` and left as it is.

``write_backup`` keeps the original as ``FILE.orig``. It never follows a link at that name
(whoever can create ``FILE.orig`` as a symlink must not choose what gets overwritten): the
copy goes to a new temporary file, created exclusively, and is renamed over the name, which
replaces a link rather than writing through it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from mtcheck.fileio import FileProblem, fingerprint, read_regular

CHANGED = "it changed after mtcheck read it; nothing was written, run mtcheck fix again"


class FileChanged(OSError):
    """The file is not what was read: another process changed it meanwhile."""


def write_atomic(path: str | Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the file at ``path`` (through symlinks) with ``data``; see the module docstring."""
    real = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if expected is not None:
        ensure_unchanged(real, expected)
    if info is not None and (info.st_nlink > 1 or not _can_keep_owner(info)):
        _write_in_place(real, data, expected)
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except PermissionError:
        if info is None or not os.access(real, os.W_OK):
            raise
        _write_in_place(real, data, expected)  # a directory we may not write in, a file we may
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if info is not None:
                _copy_metadata(stream.fileno(), info, real)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(stream.fileno(), 0o666 & ~umask)
            os.fsync(stream.fileno())
        if expected is not None:
            ensure_unchanged(real, expected)  # again, as late as can be: the window is the rename alone
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(real.parent)


def write_backup(path: str | Path, data: bytes) -> None:
    """``data`` (the original content) as ``PATH.orig``, replacing whatever is at that name,
    a symlink included, without following it; permissions as the original file's."""
    backup = Path(f"{path}.orig")
    directory = backup.parent if str(backup.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o600
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{backup.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, backup)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def ensure_unchanged(path: str | Path, expected: bytes) -> None:
    """FileChanged unless the file (through links) holds the bytes whose fingerprint is ``expected``."""
    try:
        current = read_regular(path)
    except FileProblem as exc:
        raise FileChanged(errno.ESTALE, f"it changed after mtcheck read it ({exc}); nothing was written") from None
    if fingerprint(current) != expected:
        raise FileChanged(errno.ESTALE, CHANGED)


def _can_keep_owner(info: os.stat_result) -> bool:
    """Whether a new file can have the old one's owner: ours already, or we may chown."""
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() or os.geteuid() == 0


def _copy_metadata(descriptor: int, info: os.stat_result, original: Path) -> None:
    """Owner and group first (a chown may clear set-id bits), then permissions, then extended
    attributes (ACLs, SELinux labels) where the system has them."""
    if hasattr(os, "fchown"):
        try:
            os.fchown(descriptor, info.st_uid, info.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.fchown(descriptor, -1, info.st_gid)  # a group we belong to
    os.fchmod(descriptor, stat.S_IMODE(info.st_mode))
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for name in os.listxattr(original):
                with contextlib.suppress(OSError):
                    os.setxattr(descriptor, name, os.getxattr(original, name))


def _write_in_place(path: Path, data: bytes, expected: bytes | None) -> None:
    """Rewrite the file's own content (keeps hard links and the owner; not atomic)."""
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        if expected is not None and fingerprint(_read_descriptor(descriptor)) != expected:
            raise FileChanged(
                errno.ESTALE, "it changed after mtcheck read it; nothing was written, run mtcheck fix again"
            )
        os.lseek(descriptor, 0, os.SEEK_SET)
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            view = view[written:]
        os.ftruncate(descriptor, len(data))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_descriptor(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a directory)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
