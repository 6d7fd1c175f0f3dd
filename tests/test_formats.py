"""The readers: plain text, TSV, --source pairing and standard input.

Exact segments (key, target, source, origin) and exact one-line problems
(``str(exc.problem)``), as users see them on stderr.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from mtcheck.formats import detect_format, read_segments
from mtcheck.formats.textio import split_lines
from mtcheck.model import InputError, Origin, Segment

NOT_UTF8 = "not valid UTF-8 (byte 0x{:02x}); save the file as UTF-8"
PAIRING = "has {} lines but {} has {}: source and target must pair line by line"
COLUMNS = "expected 2 tab-separated columns (source, target), found {}"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory so that paths in messages are the short names given."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, data: bytes) -> str:
    Path(name).write_bytes(data)
    return name


def lines_of(segments) -> list[tuple[int, str]]:
    return [(s.origin.line, s.target) for s in segments]


def problem(path: str, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        list(read_segments(path, **kwargs))
    return str(info.value.problem)


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


# --- plain text ---------------------------------------------------------------------------


def test_text_segment_is_exact() -> None:
    write("t.txt", b"He visited the base\n")
    assert list(read_segments("t.txt", src_lang="zh", tgt_lang="en")) == [
        Segment(
            key="t.txt:1",
            target="He visited the base",
            origin=Origin(path="t.txt", line=1, column=1, source_line=None, source_column=None, span=(0, 19)),
            source=None,
            src_lang="zh",
            tgt_lang="en",
        )
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"first\n\n   \nsecond\n\t\nthird\n", [(1, "first"), (4, "second"), (6, "third")]),
        (b"a\nb", [(1, "a"), (2, "b")]),  # no final newline
        (b"a\n\n", [(1, "a")]),
        (b"\n\n\n", []),
        (b"", []),
        (b"one\r\ntwo\r\n\r\nthree\r\n", [(1, "one"), (2, "two"), (4, "three")]),  # CRLF
        (b"one\r\ntwo\nthree", [(1, "one"), (2, "two"), (3, "three")]),  # mixed endings
        (b"\xef\xbb\xbfHello\nworld\n", [(1, "Hello"), (2, "world")]),  # the BOM is dropped
        (b"\xef\xbb\xbf\n\nHello\n", [(3, "Hello")]),
        (b"  padded  \n", [(1, "  padded  ")]),  # a target keeps its own spaces
        (b" date 2023-04-16 When\n", [(1, " date 2023-04-16 When")]),
    ],
    ids=repr,
)
def test_text_lines_and_line_numbers(data: bytes, expected) -> None:
    write("t.txt", data)
    segments = list(read_segments("t.txt"))
    assert lines_of(segments) == expected
    assert [s.key for s in segments] == [f"t.txt:{line}" for line, _ in expected]
    assert [(s.origin.column, s.origin.source_line, s.origin.source_column, s.source) for s in segments] == [
        (1, None, None, None)
    ] * len(expected)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"], ids=repr)
def test_only_newline_splits_lines(separator: str) -> None:
    """str.splitlines() would split on these and shift every later line number."""
    write("t.txt", f"a{separator}b\nnext\n".encode())
    assert lines_of(read_segments("t.txt")) == [(1, f"a{separator}b"), (2, "next")]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", []),
        ("\n", [""]),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\r\n", ["a"]),
        ("a\n\n", ["a", ""]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\u2028b\n", ["a\u2028b"]),
    ],
    ids=repr,
)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


@pytest.mark.parametrize(
    ("data", "where", "byte"),
    [
        (b"ok\n\xc3\xa9a\xffb\n", "2:3", 0xFF),  # columns count characters: é is one
        (b"fine\nbroken \xff byte\n", "2:8", 0xFF),
        (b"\xef\xbb\xbfab\xfe", "1:3", 0xFE),  # the BOM is no column
        (b"abc\xe4\xbd", "1:4", 0xE4),  # a sequence cut short at the end
        (b"a\r\nb\r\n\x80", "3:1", 0x80),
        ("一二\n四五".encode() + b"\xff" + "六".encode(), "2:3", 0xFF),
    ],
    ids=repr,
)
def test_non_utf8_is_reported_at_line_and_column(data: bytes, where: str, byte: int) -> None:
    write("bad.txt", data)
    assert problem("bad.txt") == f"bad.txt:{where}: error: {NOT_UTF8.format(byte)}"


def test_a_bad_file_raises_before_any_segment_is_read() -> None:
    write("bad.txt", b"good line\n" * 50 + b"\xff\n")
    with pytest.raises(InputError) as info:
        read_segments("bad.txt")  # not iterated: the whole file is checked first
    assert str(info.value.problem) == f"bad.txt:51:1: error: {NOT_UTF8.format(0xFF)}"
    assert str(info.value) == str(info.value.problem)


def test_missing_file() -> None:
    assert problem("missing.txt") == "missing.txt: error: No such file or directory"


def test_directory() -> None:
    Path("folder").mkdir()
    assert problem("folder") == "folder: error: is a directory, not a file"


# --- --source pairing ---------------------------------------------------------------------


def test_source_pairs_line_by_line() -> None:
    write("tgt.txt", b"He visited the base\n\nWelcome.\n")
    write("src.txt", "他参观了基地。\n\n欢迎。\n".encode())
    assert list(read_segments("tgt.txt", source_path="src.txt", src_lang="zh", tgt_lang="en")) == [
        Segment(
            key="tgt.txt:1",
            target="He visited the base",
            origin=Origin(path="tgt.txt", line=1, column=1, source_line=1, source_column=1, span=(0, 19)),
            source="他参观了基地。",
            src_lang="zh",
            tgt_lang="en",
        ),
        Segment(
            key="tgt.txt:3",
            target="Welcome.",
            origin=Origin(path="tgt.txt", line=3, column=1, source_line=3, source_column=1, span=(21, 29)),
            source="欢迎。",
            src_lang="zh",
            tgt_lang="en",
        ),
    ]


def test_source_pairing_skips_blank_targets_and_keeps_blank_sources() -> None:
    write("tgt.txt", b"a\n\nc\nd\r\n")
    write("src.txt", b"\xef\xbb\xbfx\ny\n\r\nw")
    segments = list(read_segments("tgt.txt", source_path="src.txt"))
    assert [(s.origin.line, s.target, s.source) for s in segments] == [(1, "a", "x"), (3, "c", ""), (4, "d", "w")]


@pytest.mark.parametrize(
    ("target", "source", "message"),
    [
        (b"one\ntwo\nthree\n", b"1\n2\n", "tgt.txt:3: error: " + PAIRING.format(3, "src.txt", 2)),
        (b"one\n", b"1\n2\n3\n", "src.txt:2: error: " + PAIRING.format(3, "tgt.txt", 1)),
        (b"a\n\nc\n", b"x\ny\n", "tgt.txt:3: error: " + PAIRING.format(3, "src.txt", 2)),  # blank lines count
        pytest.param(
            b"",
            b"x\n",
            "src.txt:1: error: has 1 line but tgt.txt has 0: source and target must pair line by line",
        ),
    ],
    ids=["target-longer", "source-longer", "blank-lines-count", "empty-target"],
)
def test_source_and_target_of_different_lengths(target: bytes, source: bytes, message: str) -> None:
    write("tgt.txt", target)
    write("src.txt", source)
    with pytest.raises(InputError) as info:
        read_segments("tgt.txt", source_path="src.txt")
    assert str(info.value.problem) == message


def test_bad_byte_in_the_source_file_names_the_source_file() -> None:
    write("tgt.txt", b"a\nb\n")
    write("src.txt", b"x\ny\xff\n")
    assert problem("tgt.txt", source_path="src.txt") == f"src.txt:2:2: error: {NOT_UTF8.format(0xFF)}"


def test_source_with_a_tsv_target_is_refused() -> None:
    write("x.tsv", b"a\tb\n")
    write("src.txt", b"a\n")
    assert problem("x.tsv", source_path="src.txt") == (
        "x.tsv: error: --source pairs plain-text files; this format has its own source"
    )


# --- TSV ----------------------------------------------------------------------------------


def test_tsv_segments_are_exact() -> None:
    write("x.tsv", "source\ttarget\n他参观了基地。\tHe visited the base\n\n欢迎\tWelcome.\n".encode())
    assert list(read_segments("x.tsv", src_lang="zh", tgt_lang="en")) == [
        Segment(
            key="x.tsv:2",
            target="He visited the base",
            origin=Origin(path="x.tsv", line=2, column=9, source_line=2, source_column=1, span=(22, 41)),
            source="他参观了基地。",
            src_lang="zh",
            tgt_lang="en",
        ),
        Segment(
            key="x.tsv:4",
            target="Welcome.",
            origin=Origin(path="x.tsv", line=4, column=4, source_line=4, source_column=1, span=(46, 54)),
            source="欢迎",
            src_lang="zh",
            tgt_lang="en",
        ),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\tb\n", [(1, "a", "b", 3)]),  # no header
        (b"source\ttarget\na\tb\n", [(2, "a", "b", 3)]),
        (b"\xef\xbb\xbfsource\ttarget\r\na\tb\r\n", [(2, "a", "b", 3)]),  # BOM and CRLF around the header
        (b"Source\tTarget\na\tb\n", [(2, "a", "b", 3)]),  # names match ignoring case
        (b"\nsource\ttarget\n", [(2, "source", "target", 8)]),  # and only on the first line
        (b"a\tb\nsource\ttarget\n", [(1, "a", "b", 3), (2, "source", "target", 8)]),
        (b"src\t  b  \n", [(1, "src", "  b  ", 5)]),  # the target keeps its spaces
        ("𝕏é\tb\n".encode(), [(1, "𝕏é", "b", 4)]),  # columns count code points
        (b"\tb\n", [(1, "", "b", 2)]),  # an empty source is still a source
        (b"a\t\nb\t  \n  \n\t\nc\td", [(5, "c", "d", 3)]),  # blank targets and blank lines are skipped
    ],
    ids=repr,
)
def test_tsv_rows(data: bytes, expected) -> None:
    write("x.tsv", data)
    segments = list(read_segments("x.tsv"))
    assert [(s.origin.line, s.source, s.target, s.origin.column) for s in segments] == expected
    for s in segments:
        assert (s.key, s.origin.source_line, s.origin.source_column) == (f"x.tsv:{s.origin.line}", s.origin.line, 1)


@pytest.mark.parametrize(
    ("data", "line", "found"),
    [
        (b"a\tb\tc\n", 1, 3),
        (b"source\ttarget\na\tb\nonly one column\n", 3, 1),
        (b"a\tb\n\n\nbad\n", 4, 1),
        (b"a\tb\nc\td\t\n", 2, 3),  # a trailing tab is a third, empty column
    ],
    ids=repr,
)
def test_tsv_wrong_column_count(data: bytes, line: int, found: int) -> None:
    write("x.tsv", data)
    with pytest.raises(InputError) as info:
        read_segments("x.tsv")  # raised before any segment is yielded
    assert str(info.value.problem) == f"x.tsv:{line}: error: {COLUMNS.format(found)}"


def test_tsv_non_utf8() -> None:
    write("x.tsv", b"a\tb\nc\t\xc3\xa9\xc3\n")
    assert problem("x.tsv") == f"x.tsv:2:4: error: {NOT_UTF8.format(0xC3)}"


# --- choosing the format ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("x.tsv", "tsv"),
        ("x.TSV", "tsv"),
        ("x.tab", "tsv"),
        ("x.txt", "text"),
        ("x", "text"),
        ("-", "text"),
        ("dir.tsv/x.txt", "text"),
        ("x.tsv.txt", "text"),
    ],
)
def test_detect_format(path: str, fmt: str) -> None:
    assert detect_format(path) == fmt


def test_input_format_overrides_the_extension() -> None:
    write("x.txt", b"a\tb\n")
    write("y.tsv", b"a\tb\n")
    assert [(s.source, s.target) for s in read_segments("x.txt", input_format="tsv")] == [("a", "b")]
    assert [(s.source, s.target) for s in read_segments("y.tsv", input_format="text")] == [(None, "a\tb")]


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match=r"^unknown input format 'xml'$"):
        read_segments("x.txt", input_format="xml")


# --- standard input -----------------------------------------------------------------------


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"\xef\xbb\xbfok\r\n\nthe the end.\n")
    segments = list(read_segments("-", tgt_lang="en"))
    assert segments == [
        Segment(
            key="<stdin>:1", target="ok", origin=Origin(path="<stdin>", line=1, column=1, span=(0, 2)), tgt_lang="en"
        ),
        Segment(
            key="<stdin>:3",
            target="the the end.",
            origin=Origin(path="<stdin>", line=3, column=1, span=(5, 17)),
            tgt_lang="en",
        ),
    ]


def test_stdin_as_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, "source\ttarget\n欢迎\tWelcome.\n".encode())
    assert list(read_segments("-", input_format="tsv")) == [
        Segment(
            key="<stdin>:2",
            target="Welcome.",
            origin=Origin(path="<stdin>", line=2, column=4, source_line=2, source_column=1, span=(17, 25)),
            source="欢迎",
            src_lang="zh",  # the script of the text
            tgt_lang="und-Latn",  # Latin letters, too few words to say which language
        )
    ]


def test_stdin_is_named_in_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"fine\na\xffb\n")
    assert problem("-") == f"<stdin>:2:2: error: {NOT_UTF8.format(0xFF)}"
    stdin(monkeypatch, b"a\tb\tc\n")
    assert problem("-", input_format="tsv") == f"<stdin>:1: error: {COLUMNS.format(3)}"


def test_stdin_target_with_a_source_file(monkeypatch: pytest.MonkeyPatch) -> None:
    write("src.txt", "他参观了基地。\n".encode())
    stdin(monkeypatch, b"He visited the base\n")
    assert [(s.key, s.source) for s in read_segments("-", source_path="src.txt")] == [("<stdin>:1", "他参观了基地。")]
    stdin(monkeypatch, b"one\ntwo\n")
    assert problem("-", source_path="src.txt") == "<stdin>:2: error: " + PAIRING.format(2, "src.txt", 1)
    write("src.txt", b"1\n2\n3\n")
    stdin(monkeypatch, b"one\n")
    assert problem("-", source_path="src.txt") == "src.txt:2: error: " + PAIRING.format(3, "<stdin>", 1)
