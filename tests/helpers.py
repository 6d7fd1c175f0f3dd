"""Shared test helpers: run the real CLI in a subprocess, as users and CI do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Variables that change mtcheck's output: each test sets the ones it is about.
ENVIRONMENT_SET_BY_TESTS = ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "COLUMNS")


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, env: dict[str, str] | None = None):
    """Run ``python -m mtcheck ARGS``; returns the CompletedProcess with text output."""
    environment = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT_SET_BY_TESTS}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


def report_links(findings: list[dict]) -> list[str]:
    """The HTML report's fragments of findings (JSON, in document order): html_data.anchor of
    each, with -2, -3… for a repeat in its segment."""
    from collections import Counter

    from mtcheck.report.html_data import anchor

    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for finding in findings:
        digest = anchor(finding["rule"], finding["segment"], finding["text"])
        seen[(finding["segment"], digest)] += 1
        repeat = seen[(finding["segment"], digest)]
        out.append(digest if repeat == 1 else f"{digest}-{repeat}")
    return out
