"""An on-disk cache for work that depends only on bytes mtcheck already holds.

Start-up is what a pre-commit hook pays on every commit: parsing the 27 shipped TOML packs
and the prefilter's analysis of their patterns cost about 110 ms of CPU per run, for an
answer that changes only when a pack's bytes (or mtcheck) change. The answer is kept as
JSON — data, never pickled code, so a cache file can never run anything — under a key
that hashes everything it depends on, written atomically, and ignored when missing,
unreadable, corrupt or unwritable: the cache can only save time, never change a result.

Where: ``$MTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtcheck``, else ``~/.cache/mtcheck``;
``MTCHECK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from mtcheck.digest import blake2b


def directory() -> Path | None:
    if os.environ.get("MTCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("MTCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtcheck"


def key(*parts: bytes) -> str:
    """A key for data derived from ``parts`` by this Python (its parsers may change)."""
    digest = blake2b(sys.version.encode(), digest_size=32)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def get(kind: str, name: str) -> Any | None:
    root = directory()
    if root is None:
        return None
    try:
        with open(root / kind / f"{name}.json", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):  # missing, unreadable or corrupt: work it out again
        return None


def put(kind: str, name: str, value: Any) -> None:
    """Store ``value`` (JSON types only; anything else is not stored)."""
    root = directory()
    if root is None:
        return
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # a TOML date, say: not worth a format of our own
        return
    folder = root / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when something is stored: not on the start-up path

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, folder / f"{name}.json")
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # read-only home, full disk: run without the cache
        return
