"""Which literal strings must occur in any match of a pattern.

The engine feeds these literals (lower-cased) to one Aho–Corasick automaton and runs a
rule's regex only on segments where one of its literals occurs: most calque rules then
cost nothing on most segments (perf.md §2, design (d)). A rule without a usable literal
simply runs everywhere, so the prefilter can only save work, never lose a match.

The pattern is parsed with the standard library's ``re`` parser; syntax that only the
``regex`` module knows makes the parse fail and the rule run unfiltered.
"""

from __future__ import annotations

import re
import warnings

try:  # Python 3.11 renamed sre_parse to re._parser
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_LITERAL = sre_constants.LITERAL
_IN = sre_constants.IN
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_AT = sre_constants.AT
_ASSERT = sre_constants.ASSERT
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?<(?=[A-Za-z_])")
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)

#: Letters shorter than this match almost every segment and are not worth a lookup;
#: punctuation ("-", "“") is rare enough to gate on even as a single character; blanks
#: alone never are (a required " " chosen over a "-" cost a lookup per space).
MIN_LITERAL = 3

Alternatives = frozenset[str]


def required_literals(pattern: str, flags: int = 0) -> Alternatives | None:
    """Return a set of lower-cased strings, one of which occurs in every match, or None."""
    # `regex` also accepts (?<name>...) for named groups; the `re` parser only (?P<name>...).
    pattern = _NAMED_GROUP.sub("(?P<", pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    return _sequence(list(parsed))


def _char(op: object, arg: object) -> str | None:
    """The lower-cased character an item always matches, if it is one fixed character."""
    if op is _LITERAL:
        char = chr(arg)  # type: ignore[arg-type]
    elif op is _IN:
        chars = {chr(a).lower() for o, a in arg if o is _LITERAL}  # type: ignore[union-attr]
        if len(chars) != 1 or any(o is not _LITERAL for o, _ in arg):  # type: ignore[union-attr]
            return None
        char = chars.pop()
    else:
        return None
    # Only ASCII and caseless characters (Han, digits, punctuation) lower-case the same
    # way everywhere; Greek final sigma or 'İ' would make the lookup unsound.
    if char.isascii() or char.lower() == char.upper():
        return char.lower()
    return None


def _sequence(items: list[tuple[object, object]]) -> Alternatives | None:
    candidates: list[Alternatives] = []
    run: list[str] = []

    def close_run() -> None:
        if "".join(run).isspace():
            pass  # blanks are in nearly every segment: a lookup that gates nothing
        elif (
            len(run) >= MIN_LITERAL
            or (run and not any(char.isalnum() for char in run))
            or (len(run) >= 2 and not any(char.isascii() for char in run))  # 来源: two Han are rare enough
        ):
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, arg in items:
        char = _char(op, arg)
        if char is not None:
            run.append(char)
            continue
        if op is _AT:
            continue  # zero-width anchors do not interrupt a literal run
        close_run()
        inner = _item(op, arg)
        if inner is not None:
            candidates.append(inner)
    close_run()
    if not candidates:
        return None
    # The best candidate is the one whose shortest alternative is longest.
    return max(candidates, key=lambda alts: (min(map(len, alts)), -len(alts)))


def _item(op: object, arg: object) -> Alternatives | None:
    if op is _SUBPATTERN:
        return _sequence(list(arg[-1]))  # type: ignore[index]
    if _ATOMIC is not None and op is _ATOMIC:
        return _sequence(list(arg))  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _high, body = arg  # type: ignore[misc]
        return _sequence(list(body)) if low >= 1 else None
    if op is _ASSERT:
        # A positive lookaround must match too, so its literals are in the text as well.
        _direction, body = arg  # type: ignore[misc]
        return _sequence(list(body))
    if op is _BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]  # type: ignore[index]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None
