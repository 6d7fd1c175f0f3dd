"""Test-wide settings: mtcheck's on-disk cache goes to a private directory, never the user's."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "MTCHECK_CACHE_DIR" not in os.environ:  # inherited by the command-line runs of the tests
    _CACHE = tempfile.mkdtemp(prefix="mtcheck-test-cache-")
    os.environ["MTCHECK_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)
