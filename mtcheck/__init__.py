"""mtcheck: a machine-translation post-editing and quality checker.

The library (mtcheck/api.py) is loaded on first use of its names, so ``import mtcheck`` and
``mtcheck --version`` stay instant: ``mtcheck.Checker.load(glossaries=["zh-en"])``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: Names of mtcheck.api served from the package itself.
_API = ("Checker", "Finding", "InputError", "Segment", "SettingsError", "read_file", "write_file")


def __getattr__(name: str) -> Any:
    if name in _API:
        from mtcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'mtcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
