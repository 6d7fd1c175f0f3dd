"""CPU-time limits for a user's regular expressions.

A user's pattern may backtrack catastrophically. The ``regex`` module's own ``timeout`` is
wall-clock time, so on a loaded machine an ordinary pattern "timed out" on an ordinary line
and switched itself off: results depended on other processes. Here the limit is the CPU
time of this process (``ITIMER_PROF``, a ``SIGPROF`` that the ``regex`` module notices
between steps), so the same rule on the same text gives the same answer on any machine
load. Where signals cannot be used (not the main thread, no ``setitimer``, or another tool
already owns ``SIGPROF``) the wall-clock timeout is the fallback, at a multiple of the limit.

Two limits, both per rule: ``per_call`` CPU seconds for one regex call (a catastrophic
pattern on one segment), and a run ``Budget`` (a pattern slow on every segment would
otherwise take a whole batch down silently: 0.35 s per segment is 10 hours on 100,000).

Shipped patterns get no limit: they are bounded by construction and their examples and
an adversarial test (tests/test_shipped_patterns.py) show it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import regex

T = TypeVar("T")

#: CPU seconds one call of a user's pattern may take.
PER_CALL = 1.0
#: With no signals: wall seconds per CPU second of the limit (a loaded machine is slower).
WALL_FALLBACK_FACTOR = 5.0


class CpuTimeout(Exception):
    """A pattern call took more CPU time than its limit."""


@dataclass
class Budget:
    """What one user rule may spend over a run: ``base`` CPU seconds plus ``per_char`` per
    character it was run on (so a big batch gets a proportionate budget)."""

    base: float = 5.0
    per_char: float = 20e-6
    spent: float = 0.0
    chars: int = 0
    calls: int = 0

    @property
    def allowed(self) -> float:
        return self.base + self.per_char * self.chars

    def charge(self, seconds: float, chars: int) -> None:
        self.spent += seconds
        self.chars += chars
        self.calls += 1

    @property
    def exhausted(self) -> bool:
        return self.spent > self.allowed

    def describe(self) -> str:
        return (
            f"{self.spent:.1f} s of CPU in {self.calls:,} calls, more than its budget "
            f"({self.base:g} s + {self.per_char * 1e6:g} µs per character checked)"
        )


def _on_sigprof(signum: int, frame: object) -> None:
    raise CpuTimeout


_installed: bool | None = None  # None: not tried yet


def _signals_usable() -> bool:
    """Whether SIGPROF can carry the limit here: main thread, POSIX, and no one else's."""
    global _installed
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return False
    if _installed is None:
        current = signal.getsignal(signal.SIGPROF)
        if current in (signal.SIG_DFL, signal.SIG_IGN, None):
            signal.signal(signal.SIGPROF, _on_sigprof)
            _installed = True
        else:
            _installed = current is _on_sigprof  # a profiler owns SIGPROF: leave it be
    return _installed


@dataclass
class Limit:
    """The limits of one user rule: ``per_call`` CPU seconds and a run ``budget``."""

    per_call: float = PER_CALL
    budget: Budget | None = None

    def search(self, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
        return self._run(pattern.search, text)

    def matches(self, pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
        """Every match of ``pattern`` in ``text`` (a list: the work is done inside the limit)."""
        return self._run(lambda text, **kw: list(pattern.finditer(text, **kw)), text)

    def _run(self, call: Callable[..., T], text: str) -> T:
        started = time.process_time()
        try:
            if _signals_usable():
                signal.setitimer(signal.ITIMER_PROF, self.per_call)
                try:
                    return call(text)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
            try:
                return call(text, timeout=self.per_call * WALL_FALLBACK_FACTOR)
            except TimeoutError:
                raise CpuTimeout from None
        finally:
            if self.budget is not None:
                self.budget.charge(time.process_time() - started, len(text))
