"""Writing fixed targets back: only what the fix changed is written fresh (formats/runs.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtcheck.discovery import discover
from mtcheck.formats import load
from mtcheck.formats.runs import WriteError, diff
from mtcheck.report.diff import quote_path, split_lines, unified_diff


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rewritten(name: str, content: str, new_target: str, index: int = 0) -> str:
    """The file after replacing one segment's target."""
    Path(name).write_text(content, encoding="utf-8")
    loaded = load(name)
    return loaded.render({loaded.segments[index].key: new_target}).decode("utf-8")


XLIFF = '<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n{}\n</body></file></xliff>\n'


@pytest.mark.parametrize(
    ("raw", "new", "written"),
    [
        # references and escapes the fix did not touch keep their spelling
        ("caf&#233; &#x2019;the the&#x2019;", "café ’the’", "caf&#233; &#x2019;the&#x2019;"),
        # inserted markup-like text is text, never a code
        ('Save <x id="1"/> now', 'Save <x id="1"/> <b>now</b>', 'Save <x id="1"/> &lt;b&gt;now&lt;/b&gt;'),
        ("&lt;/g&gt; the the", "</g> the", "&lt;/g&gt; the"),
        # an insertion inside CDATA stays inside it; text that could close it leaves and re-enters it
        ("<![CDATA[a < b]]>", "a <, b", "<![CDATA[a <, b]]>"),
        ("<![CDATA[a]]>", "a]]>", "<![CDATA[a]]>]]&gt;<![CDATA[]]>"),
        # a line end written as CRLF in the file stays so; a new CR is a reference
        ("one\r\ntwo", "one\ntwo\r", "one\r\ntwo&#13;"),
    ],
)
def test_xliff_rewrites_only_what_changed(raw: str, new: str, written: str) -> None:
    unit = f'<trans-unit id="1"><source>s</source><target>{raw}</target></trans-unit>'
    output = rewritten("a.xlf", XLIFF.format(unit), new)
    assert f"<target>{written}</target>" in output
    Path("a.xlf").write_text(output, encoding="utf-8")
    assert load("a.xlf").segments[0].target == new


def test_a_fix_that_would_change_a_code_is_refused() -> None:
    unit = '<trans-unit id="1"><source>s</source><target>Save <x id="1"/> now</target></trans-unit>'
    Path("a.xlf").write_text(XLIFF.format(unit))
    loaded = load("a.xlf")
    with pytest.raises(WriteError, match=r"^a.xlf: cannot write the fixes faithfully \(the inline codes of a.xlf#1"):
        loaded.render({"a.xlf#1": 'Save <x id="2"/> now'})
    assert Path("a.xlf").read_text() == XLIFF.format(unit)


def test_po_edited_msgstr_is_laid_out_as_msgcat_does() -> None:
    content = 'msgid "a"\nmsgstr ""\n"first \\"line\\" "\n"second ,line\\n"\n'
    output = rewritten("a.po", content, 'first "line" second, "line"\n')
    assert output == 'msgid "a"\nmsgstr "first \\"line\\" second, \\"line\\"\\n"\n'


def test_jsonl_keeps_unchanged_escapes() -> None:
    content = '{"id": 1, "target": "caf\\u00e9  ok \\"q\\""}\n'
    assert rewritten("a.jsonl", content, 'café ok "q" "r"') == '{"id": 1, "target": "caf\\u00e9 ok \\"q\\" \\"r\\""}\n'


@pytest.mark.parametrize(
    ("cell", "new", "written"),
    [
        ('"say ""hi""  now"', 'say "hi" now', '"say ""hi"" now"'),
        ("plain", "plain, now", '"plain, now"'),
        ("plain", "plainer", "plainer"),
    ],
)
def test_csv_keeps_quoting(cell: str, new: str, written: str) -> None:
    assert rewritten("a.csv", f"source,target\ns,{cell}\n", new) == f"source,target\ns,{written}\n"


def test_the_diff_keeps_every_unchanged_character() -> None:
    old, new = "a b c d e f", "a B c d E f"
    assert diff(old, new) == [
        ("equal", 0, 2, 0, 2),
        ("replace", 2, 3, 2, 3),
        ("equal", 3, 8, 3, 8),
        ("replace", 8, 9, 8, 9),
        ("equal", 9, 11, 9, 11),
    ]


def test_a_big_rewrite_stays_fast_and_correct() -> None:
    old = "word " * 20_000
    new = "".join(c.upper() if i % 7 == 0 else c for i, c in enumerate(old))
    text = []
    for tag, i1, i2, j1, j2 in diff(old, new):
        text.append(old[i1:i2] if tag == "equal" else new[j1:j2])
    assert "".join(text) == new


# --- diffs ---------------------------------------------------------------------------------------


def test_lines_split_only_after_newline() -> None:
    assert split_lines(b"a\xe2\x80\xa8b\rc\x0bd\nlast") == [b"a\xe2\x80\xa8b\rc\x0bd\n", b"last"]


def test_a_path_with_control_characters_is_quoted_as_git_quotes_it() -> None:
    assert quote_path('a\nb"c\\d\x1b') == '"a\\nb\\"c\\\\d\\033"'
    assert unified_diff("a.txt", b"x\n", b"y\n").startswith(b"--- a.txt\n+++ a.txt\n@@ -1 +1 @@\n-x\n+y\n")


# --- discovery --------------------------------------------------------------------------------------


def test_a_directory_that_cannot_be_listed_is_a_problem_not_a_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("d/locked").mkdir(parents=True)
    Path("d/a.po").write_text("x\n")
    Path("d/locked/b.po").write_text("x\n")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover(["d"])
    assert found.files == ["d/a.po"]
    assert found.problems == ["d/locked: error: cannot list this directory: Permission denied"]
