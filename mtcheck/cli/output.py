"""``-o/--output FILE``: a report written beside its final name and renamed into place.

A run that fails or is interrupted never leaves half a report, nor clobbers the last good
one: the report streams into a temporary file in the same directory, which replaces FILE
only when the report is complete (and is removed otherwise, at the latest when the process
exits).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TextIO


class ReportFile:
    def __init__(self, path: str) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(dir=directory, prefix=f".{self.path.name}.", suffix=".tmp")
        self.stream: TextIO = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self.done = False
        atexit.register(self.discard)

    def commit(self) -> None:
        """Flush the report to disk and put it in place (with the old file's permissions)."""
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        try:
            mode = stat.S_IMODE(self.path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.temporary, mode)
        os.replace(self.temporary, self.path)
        self.done = True

    def discard(self) -> None:
        if self.done:
            return
        self.done = True
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)
