"""Regular expressions compiled on first use.

Compiling every pattern of the number checks at import costs about 35 ms of start-up, and a
run over a few segments without digits never uses most of them. ``lazy`` returns an object
that stands for the compiled pattern and compiles it the first time one of its methods or
attributes is asked for; it then keeps the compiled pattern's methods as its own, so a call
costs what a call on the compiled pattern costs. ``pattern`` and ``flags`` are known
without compiling. The shipped rule packs use it too (mtcheck/packs/loader.py).
"""

from __future__ import annotations

from typing import Any

import regex

#: What a check may ask of a pattern; all of them are taken over on the first use.
_TAKEN = (
    "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
    "groups", "groupindex", "scanner",
)  # fmt: skip


class LazyRegex:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> regex.Pattern[str]:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = regex.compile(self.pattern, self.flags)
            self.__dict__.update({name: getattr(compiled, name) for name in _TAKEN}, _compiled=compiled)
        return compiled

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern that compiles when first used (typed as the compiled pattern it stands for)."""
    return LazyRegex(pattern, flags)  # type: ignore[return-value]
