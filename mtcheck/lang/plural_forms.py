"""gettext ``Plural-Forms``: ``nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : …);``

The expression is C; it is parsed here (never ``eval``-ed) into a function of ``n``, so the
plural checks can tell which msgstr[k] a count selects, and which forms are rare: used for
fewer than five counts in 0…1000. A rare form may leave the number out (German ``msgstr[0]``
is n = 1 alone, French n = 0 or 1: "Eine Datei", "Un fichier"); a frequent one may not
(Russian ``msgstr[0]`` is 1, 21, 31…). msgfmt draws the same line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
#: How far msgfmt looks, and how many counts make a form frequent (gettext's msgl-check).
_PROBE = 1000
_OFTEN = 5

Expr = Callable[[int], int]


def parse_header(value: str) -> tuple[int | None, str | None]:
    """``(nplurals, expression)`` of a ``Plural-Forms`` value; None for what it lacks."""
    match = _HEADER.search(value.strip())
    if match is None:
        number = re.search(r"nplurals\s*=\s*(\d+)", value)
        return (int(number.group(1)) if number else None), None
    return int(match.group(1)), match.group(2)


_BINARY: dict[str, tuple[int, Callable[[int, int], int]]] = {
    "||": (1, lambda a, b: int(bool(a) or bool(b))),
    "&&": (2, lambda a, b: int(bool(a) and bool(b))),
    "==": (3, lambda a, b: int(a == b)),
    "!=": (3, lambda a, b: int(a != b)),
    "<": (4, lambda a, b: int(a < b)),
    ">": (4, lambda a, b: int(a > b)),
    "<=": (4, lambda a, b: int(a <= b)),
    ">=": (4, lambda a, b: int(a >= b)),
    "+": (5, lambda a, b: a + b),
    "-": (5, lambda a, b: a - b),
    "*": (6, lambda a, b: a * b),
    "/": (6, lambda a, b: a // b if b else 0),
    "%": (6, lambda a, b: a % b if b else 0),
}


class _Parser:
    """Precedence climbing over C's operators; ``?:`` binds loosest and to the right."""

    def __init__(self, text: str) -> None:
        self._tokens: list[str] = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise ValueError(f"unexpected {text[position : position + 10]!r} in plural expression")
            self._tokens.append(match.group(1) or match.group(2) or match.group(3))
            position = match.end()
            while position < len(text) and text[position].isspace():
                position += 1
        self._index = 0

    def parse(self) -> Expr:
        expr = self._ternary()
        if self._index != len(self._tokens):
            raise ValueError(f"unexpected {self._tokens[self._index]!r} in plural expression")
        return expr

    def _peek(self) -> str | None:
        return self._tokens[self._index] if self._index < len(self._tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected or 'more'} in plural expression")
        self._index += 1
        return token

    def _ternary(self) -> Expr:
        condition = self._binary(1)
        if self._peek() != "?":
            return condition
        self._take("?")
        then = self._ternary()
        self._take(":")
        otherwise = self._ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def _binary(self, least: int) -> Expr:
        left = self._unary()
        while (token := self._peek()) in _BINARY and _BINARY[token][0] >= least:
            precedence, operate = _BINARY[self._take()]
            right = self._binary(precedence + 1)
            left = (lambda a, b, op: lambda n: op(a(n), b(n)))(left, right, operate)
        return left

    def _unary(self) -> Expr:
        token = self._take()
        if token == "!":
            operand = self._unary()
            return lambda n: int(not operand(n))
        if token == "-":
            operand = self._unary()
            return lambda n: -operand(n)
        if token == "(":
            inner = self._ternary()
            self._take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError(f"unexpected {token!r} in plural expression")


@lru_cache(maxsize=64)
def compile_expression(expression: str) -> Expr:
    """The expression as a function of n; ValueError for one that is not C's plural syntax."""
    return _Parser(expression).parse()


@lru_cache(maxsize=64)
def counts(expression: str, nplurals: int) -> tuple[int, ...] | None:
    """How many counts in 0…1000 select each form; None for an expression that cannot be
    read or that selects a form outside 0…nplurals-1."""
    try:
        select = compile_expression(expression)
        tally = [0] * nplurals
        for n in range(_PROBE + 1):
            form = select(n)
            if not 0 <= form < nplurals:
                return None
            tally[form] += 1
    except (ValueError, RecursionError):
        return None
    return tuple(tally)


def rare_forms(expression: str | None, nplurals: int | None) -> frozenset[int]:
    """The forms fewer than five counts select. Without a usable header, msgfmt's default
    (the Germanic n != 1): form 0 is rare, unless there is only one form."""
    tally = counts(expression, nplurals) if expression and nplurals else None
    if tally is None:
        return frozenset() if nplurals == 1 else frozenset({0})
    return frozenset(form for form, count in enumerate(tally) if count < _OFTEN)
