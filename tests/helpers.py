"""Shared test helpers: run the real CLI in a subprocess, as users and CI do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, env: dict[str, str] | None = None):
    """Run ``python -m mtcheck ARGS``; returns the CompletedProcess with text output."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )
