"""``--select`` / ``--ignore``: choose rules by dotted id prefix, as ruff does by code prefix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class SelectionError(ValueError):
    """A selector that matches no rule: almost always a typo, so it is an error."""


def matches(rule_id: str, selector: str) -> bool:
    """``punct`` matches ``punct.space-before``; ``punct.space`` does not (whole components)."""
    return selector == "ALL" or rule_id == selector or rule_id.startswith(selector + ".")


def select_ids(rule_ids: Sequence[str], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """The ids kept by the selectors, in their original order."""
    select = [s.strip() for s in select if s.strip()]
    ignore = [s.strip() for s in ignore if s.strip()]
    for selector in (*select, *ignore):
        if not any(matches(rule_id, selector) for rule_id in rule_ids):
            raise SelectionError(f"no rule matches {selector!r} (see `mtcheck rules list`)")
    kept = []
    for rule_id in rule_ids:
        if select and not any(matches(rule_id, s) for s in select):
            continue
        if any(matches(rule_id, s) for s in ignore):
            continue
        kept.append(rule_id)
    return kept
