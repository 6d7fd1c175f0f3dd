"""Line and column of findings in files that escape their targets (XML entities, CSV
quotes, JSON escapes, PO continuation lines) point at the flagged characters in the file."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

CASES = {
    "a.xlf": [("repeat.word", "the the", 7, 38), ("punct.space-before", " ,", 7, 60)],
    "d.csv": [("punct.space-before", " ,", 2, 12), ("repeat.word", "the the", 2, 32)],
    "e.jsonl": [("repeat.word", "the the", 1, 45), ("punct.space-before", " ,", 1, 52)],
    "c.po": [("repeat.word", "the the", 7, 2), ("punct.space-before", " ,", 8, 6)],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_positions_point_into_the_file(name: str) -> None:
    path = FIXTURES / "positions" / name
    result = run_cli("check", "--no-shipped-rules", "--select", "repeat,punct", "--format", "jsonl", str(path))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["text"], r["line"], r["column"]) for r in records] == CASES[name]
    lines = path.read_text(encoding="utf-8").split("\n")
    for record in records:
        assert lines[record["line"] - 1][record["column"] - 1 :].startswith(record["text"])
