"""No silent passes: TSV, CSV and JSON Lines are read by their header or keys, in any order,
with any extra columns, or refused with one line and exit status 2 — never read as nothing,
never with the sides swapped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.formats import load
from mtcheck.model import InputError


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, data: str) -> str:
    Path(name).write_bytes(data.encode("utf-8"))
    return name


def pairs(name: str, **options: object) -> list[tuple[str, str | None, str, int]]:
    return [(s.key, s.source, s.target, s.origin.column) for s in load(name, **options).segments]


def problem(name: str, **options: object) -> str:
    with pytest.raises(InputError) as info:
        load(name, **options)
    return str(info.value.problem)


# --- TSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("target\tsource\nHello\t你好\n", [("x.tsv:2", "你好", "Hello", 1)]),  # not swapped
        ("id\tsource\ttarget\nk1\t你好\tHello\nk2\t再见\tBye\n",
         [("x.tsv#k1", "你好", "Hello", 7), ("x.tsv#k2", "再见", "Bye", 7)]),
        ("ID\tSource\tTarget\tcomment\n7\t你好\tHello\tcheck it\n", [("x.tsv#7", "你好", "Hello", 6)]),
        ("source\tcontext\ttarget\n你好\tgreeting\tHello\n", [("x.tsv:2", "你好", "Hello", 13)]),
        ("id\tsource\ttarget\n\t你好\tHello\n", [("x.tsv:2", "你好", "Hello", 5)]),  # an empty id: by line
    ],
)  # fmt: skip
def test_tsv_columns_by_header(content: str, expected: list[tuple]) -> None:
    write("x.tsv", content)
    assert pairs("x.tsv") == expected


def test_tsv_columns_by_option() -> None:
    write("x.tsv", "key\ten\tde\nk1\tHello\tHallo\n")
    assert pairs("x.tsv", source_column="en", target_column="de", id_column="key") == [
        ("x.tsv#k1", "Hello", "Hallo", 10)
    ]


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("src\ttgt\nHello\tHallo\n", {},
         "x.tsv:1: error: the first line looks like a header (src, tgt) but names no 'source' and 'target' column: "
         "rename them, or name them with --source-column and --target-column"),
        ("id\tsource\ttranslation\nk\ta\tb\n", {},
         "x.tsv:1: error: the first line looks like a header (id, source, translation) but names no 'source' and "
         "'target' column: rename them, or name them with --source-column and --target-column"),
        ("source\ttarget\na\tb\n", {"target_column": "de"},
         "x.tsv:1: error: no 'de' column in the header (columns: source, target)"),
        ("source\ttarget\na\tb\n", {"id_column": "key"},
         "x.tsv:1: error: no 'key' column in the header (columns: source, target)"),
        ("id\tsource\ttarget\nk\ta\tb\nk\tc\td\n", {}, "x.tsv:3: error: duplicate id 'k' (first at line 2)"),
        ("id\tsource\ttarget\nk\ta\tb\nc\td\n", {},
         "x.tsv:3: error: expected 3 tab-separated columns (id, source, target), found 2"),
    ],
)  # fmt: skip
def test_tsv_refused_with_one_line(content: str, options: dict, message: str) -> None:
    write("x.tsv", content)
    assert problem("x.tsv", **options) == message


def test_tsv_fix_edits_only_the_target_cell(tmp_path: Path) -> None:
    write("x.tsv", "id\ttarget\tsource\tnotes\nk1\tHello  world\t你好 世界\tkeep  this\r\n")
    result = run_cli("fix", "--no-shipped-rules", "x.tsv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        Path("x.tsv").read_bytes() == "id\ttarget\tsource\tnotes\nk1\tHello world\t你好 世界\tkeep  this\r\n".encode()
    )


CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\t\r\n", exclude_categories=("Cs",)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    order=st.permutations(["id", "source", "target", "notes", "extra"]),
    rows=st.lists(st.tuples(CELL, CELL, CELL.filter(lambda t: t.strip() != ""), CELL, CELL), min_size=1, max_size=4),
    new=CELL.filter(lambda t: t.strip() != ""),
    crlf=st.booleans(),
)
def test_tsv_round_trip_in_any_column_order(order, rows, new: str, crlf: bool) -> None:
    end = "\r\n" if crlf else "\n"
    lines = ["\t".join(order)]
    for number, (_, source, target, notes, extra) in enumerate(rows):
        cells = {"id": f"u{number}", "source": source, "target": target, "notes": notes, "extra": extra}
        lines.append("\t".join(cells[name] for name in order))
    data = (end.join(lines) + end).encode("utf-8")
    Path("p.tsv").write_bytes(data)
    loaded = load("p.tsv")
    assert [(s.key, s.source, s.target) for s in loaded.segments] == [
        (f"p.tsv#u{n}", source, target) for n, (_, source, target, _, _) in enumerate(rows)
    ]
    assert loaded.render({}) == data
    first = loaded.segments[0]
    rendered = loaded.render({first.key: new})
    assert rendered == data.replace(
        lines[1].encode("utf-8"),
        "\t".join({**dict(zip(order, lines[1].split("\t"), strict=True)), "target": new}[n] for n in order).encode(),
        1,
    )


# --- CSV -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_with_semicolons_or_tabs_is_read_and_fixed_by_its_header(tmp_path: Path, delimiter: str) -> None:
    d = delimiter
    content = f'id{d}source{d}target\r\n1{d}"a{d}b"{d}Hello  world\r\n2{d}x{d}"Say ""hi""  now"\r\n'
    write("x.csv", content)
    assert pairs("x.csv") == [("x.csv#1", f"a{d}b", "Hello  world", 9), ("x.csv#2", "x", 'Say "hi"  now', 6)]
    result = run_cli("fix", "--no-shipped-rules", "x.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path("x.csv").read_bytes().decode("utf-8") == content.replace("Hello  world", "Hello world").replace(
        '""hi""  now', '""hi"" now'
    )


def test_csv_new_target_holding_the_delimiter_is_quoted() -> None:
    write("x.csv", "source;target\na;b\n")
    loaded = load("x.csv")
    assert loaded.render({loaded.segments[0].key: "b;c"}) == b'source;target\na;"b;c"\n'


def test_csv_header_named_neither_way_is_refused() -> None:
    write("x.csv", "src;tgt\na;b\n")
    assert problem("x.csv") == "x.csv:1: error: no 'source' column in the header (columns: src;tgt)"


# --- JSON Lines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ('{"src": "你好", "tgt": "Hello"}\n', {},
         'x.jsonl:1: error: no "target" key (keys: src, tgt); name it with --target-column'),
        ('{"source_text": "你好", "target": "Hello"}\n', {},
         'x.jsonl:1: error: no "source" key (keys: source_text, target); name it with --source-column'),
        ('{"id": 1, "source": "a", "target": "b"}\n{"id": 2, "source": "c"}\n', {},
         'x.jsonl:2: error: no "target" key (keys: id, source); name it with --target-column'),
        ('{"source": "a", "target": "b"}\n', {"id_column": "uid"},
         'x.jsonl:1: error: no "uid" key (keys: source, target); name it with --id-column'),
        ('{"src": "a", "target": "b"}\n', {"source_column": "en"},
         'x.jsonl:1: error: no "en" key (keys: src, target); name it with --source-column'),
    ],
)  # fmt: skip
def test_jsonl_without_its_keys_is_refused(content: str, options: dict, message: str) -> None:
    write("x.jsonl", content)
    assert problem("x.jsonl", **options) == message


def test_jsonl_keys_by_option(tmp_path: Path) -> None:
    content = (
        '{"uid": "a1", "src": "你好", "tgt": "Hello  world", "other": 1}\n{"uid": "a2", "src": "x", "tgt": null}\n'
    )
    write("x.jsonl", content)
    options = {"source_column": "src", "target_column": "tgt", "id_column": "uid"}
    assert pairs("x.jsonl", **options) == [("x.jsonl#a1", "你好", "Hello  world", 36)]
    result = run_cli(
        "fix", "--no-shipped-rules", "--source-column", "src", "--target-column", "tgt", "x.jsonl", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert Path("x.jsonl").read_text(encoding="utf-8") == content.replace("Hello  world", "Hello world")


def test_a_monolingual_jsonl_is_still_read() -> None:
    write("x.jsonl", '{"id": 1, "target": "Hello", "system": "A"}\n')
    assert pairs("x.jsonl") == [("x.jsonl#1", None, "Hello", 22)]


def test_cli_refusal_is_one_line_and_exit_2_and_the_other_files_are_checked(tmp_path: Path) -> None:
    write("a.jsonl", '{"src": "你好", "tgt": "Hello"}\n')
    write("b.tsv", "target\tsource\nthe the\t这个\n")
    result = run_cli("check", "--format", "jsonl", "--no-shipped-rules", "a.jsonl", "b.tsv", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.decode() == 'a.jsonl:1: error: no "target" key (keys: src, tgt); name it with --target-column\n'
    )
    found = [(r["path"], r["rule"], r["text"]) for r in map(json.loads, result.stdout.decode().splitlines())]
    assert found == [("b.tsv", "repeat.word", "the the")]
