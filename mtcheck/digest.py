"""BLAKE2b without OpenSSL: ``hashlib`` loads OpenSSL when imported (2.5 ms of a one-line
check's start-up), while the cache keys and file fingerprints need only BLAKE2b, which
CPython builds in (``_blake2``). Where that module is missing, ``hashlib``'s is the same hash."""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

__all__ = ["blake2b"]
