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


# --- issue 11 item 18: sources too, line breaks inside targets, escapes in CDATA and tags ---------

SOURCES_AND_TARGETS = {
    "s.tmx": (
        '<tmx version="1.4"><header srclang="zh"/><body>\n'
        '<tu><tuv xml:lang="zh"><seg>甲 &amp; 乙 &lt;b&gt;\n有 250 个</seg></tuv>\n'
        '<tuv xml:lang="en"><seg>A &amp; B <![CDATA[x &amp; y the the]]> and\n'
        '<x id="a&amp;b"/> the the</seg></tuv></tu>\n</body></tmx>\n',
        [("number.missing", "source", 3, 3), ("repeat.word", "target", 4, 54), ("repeat.word", "target", 5, 19)],
    ),
    "s.csv": (
        'id,source,target\n1,"He said ""hi""\nthen 250 left","He said ""hi"" the the\nthen left"\n',
        [("number.missing", "source", 3, 6), ("repeat.word", "target", 3, 32)],
    ),
    "s.po": (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid ""\n"first line \\"q\\" "\n"has 250 apples"\nmsgstr "\\303\\251t\\303\\251 the the "\n"apples"\n',
        [("number.missing", "source", 6, 6), ("repeat.word", "target", 7, 27)],
    ),
    "s.jsonl": (
        '{"id": 1, "source": "tab\\there \\u00e9 250 x", "target": "tab\\there \\u00e9 the the x"}\n',
        [("number.missing", "source", 1, 39), ("repeat.word", "target", 1, 75)],
    ),
    "s.xlf": (
        '<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n'
        '<trans-unit id="1"><source>第一行\n第二行 250</source><target>First line\nsecond the the\n'
        "third</target></trans-unit>\n</body></file></xliff>\n",
        [("number.missing", "source", 3, 5), ("repeat.word", "target", 4, 8)],
    ),
}


@pytest.mark.parametrize("name", sorted(SOURCES_AND_TARGETS))
def test_source_and_target_positions_point_at_the_text(tmp_path, name: str) -> None:
    content, expected = SOURCES_AND_TARGETS[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "--select", "repeat,number", "--format", "jsonl", str(path))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["side"], r["line"], r["column"]) for r in records] == expected  # in file order
