"""``--select`` / ``--ignore``: choose rules by dotted id prefix, as ruff does by code prefix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class SelectionError(ValueError):
    """A selector that matches no rule: almost always a typo, so it is an error."""


def matches(rule_id: str, selector: str) -> bool:
    """``punct`` matches ``punct.space-before``; ``punct.space`` does not (whole components)."""
    return selector == "ALL" or rule_id == selector or rule_id.startswith(selector + ".")


def select_ids(
    rule_ids: Sequence[str],
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend: Iterable[str] = (),
    defaults: Iterable[str] | None = None,
) -> list[str]:
    """The ids kept by the selectors, in their original order.

    Without ``select`` the default rules run (``defaults``; all when None), plus those
    ``extend`` names; ``select`` replaces the defaults. ``ignore`` always wins.
    """
    select = [s.strip() for s in select if s.strip()]
    ignore = [s.strip() for s in ignore if s.strip()]
    extend = [s.strip() for s in extend if s.strip()]
    for selector in (*select, *ignore, *extend):
        if not any(matches(rule_id, selector) for rule_id in rule_ids):
            raise SelectionError(f"no rule matches {selector!r} (see `mtcheck rules list`)")
    default_ids = set(rule_ids if defaults is None else defaults)
    kept = []
    for rule_id in rule_ids:
        chosen = any(matches(rule_id, s) for s in select) if select else rule_id in default_ids
        if not chosen and not any(matches(rule_id, s) for s in extend):
            continue
        if any(matches(rule_id, s) for s in ignore):
            continue
        kept.append(rule_id)
    return kept
