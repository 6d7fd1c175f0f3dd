"""Rule packs: TOML files of pattern rules, shipped under ``rules/`` or written by users."""

from __future__ import annotations

from pathlib import Path


def shipped_rules_dir() -> Path:
    """The packs that come with mtcheck.

    A wheel carries them inside the package (``mtcheck/_rules``, see pyproject.toml); a
    source checkout or an editable install reads the repository's ``rules/`` directly.
    """
    packaged = Path(__file__).resolve().parent.parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "rules"
