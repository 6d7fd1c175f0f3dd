"""Writers that make no churn: an edited PO msgstr is laid out exactly as GNU msgcat lays it
out (and flagged fuzzy only when asked); every other entry stays byte for byte.

The expected layouts below were produced by msgcat 0.21; when msgcat is installed, the
layout is also compared with the real program on a few thousand random strings.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.formats import load, po
from mtcheck.formats.powrap import layout

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("short", ['msgstr "short"']),
        ("a" * 70, [f'msgstr "{"a" * 70}"']),  # 79 columns: fits after the keyword
        ("a" * 71, [f'msgstr "{"a" * 71}"']),  # no place to break: runs over
        ("word " * 20, ['msgstr ""', '"' + "word " * 15 + '"', '"' + "word " * 5 + '"']),
        ("well-known hyphenated-words are-here and some/slashes/path and more text to wrap around the line width ok",
         ['msgstr ""', '"well-known hyphenated-words are-here and some/slashes/path and more text to "',
          '"wrap around the line width ok"']),
        ("line one\nline two\n", ['msgstr ""', '"line one\\n"', '"line two\\n"']),
        ("ends with newline\n", ['msgstr "ends with newline\\n"']),
        ("https://example.com/some/long/path/that/is/long/enough/to/wrap/around/the/width/limit/ok.html text",
         ['msgstr ""', '"https://example.com/some/long/path/that/is/long/enough/to/wrap/around/the/"',
          '"width/limit/ok.html text"']),
        ("中文文本" * 12, ['msgstr ""', '"' + "中文文本" * 9 + '中文"', '"文本' + "中文文本" * 2 + '"']),
        ("x" * 60 + " aaaaaaaa." + "b" * 37, ['msgstr ""', '"' + "x" * 60 + ' aaaaaaaa."', '"' + "b" * 37 + '"']),
        ("x" * 60 + " aaaaaaaa%" + "b" * 37, ['msgstr ""', '"' + "x" * 60 + ' "', '"aaaaaaaa%' + "b" * 37 + '"']),
        ("tab\there and \"quotes\" and back\\slash " * 3,
         ['msgstr ""', '"tab\\there and \\"quotes\\" and back\\\\slash tab\\there and \\"quotes\\" and "',
          '"back\\\\slash tab\\there and \\"quotes\\" and back\\\\slash "']),
        ("b" * 76 + " " + "c" * 74 + " dd", ['msgstr ""', '"' + "b" * 76 + ' "', '"' + "c" * 74 + ' dd"']),
        ("b" * 76 + " " + "c" * 75 + " dd", ['msgstr ""', '"' + "b" * 76 + ' "', '"' + "c" * 75 + ' "', '"dd"']),
        ("", ['msgstr ""']),
    ],
)  # fmt: skip
def test_layout_as_msgcat(text: str, lines: list[str]) -> None:
    assert layout("msgstr ", text) == lines


def test_layout_without_wrapping_still_starts_a_line_after_each_newline() -> None:
    text = "word " * 20 + "\nmore"
    assert layout("msgstr ", text, wrap=False) == ['msgstr ""', '"' + "word " * 20 + '\\n"', '"more"']


ALPHABET = (
    list("abcdefghij ABC 0123456789 ") * 3
    + list(",.;:!?-/()[]{}\"'%$+&*=_@#\\\n\t")
    + list("–—…’“”«» ")
    + list("中文字体设置，。、：；！？（）「」《》ー々ぁあカキャ한국")
    + ["é", "ü", "ß", "\u0301"]
)


def msgcat_layout(texts: list[str], prefix: str = "msgstr") -> list[list[str]]:
    """How msgcat writes each text as the msgstr of an entry of its own."""
    catalogue = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for number, text in enumerate(texts):
        catalogue += f'msgid "m{number}"\n{prefix} "{po.escape(text)}"\n\n'
    Path("in.po").write_text(catalogue, encoding="utf-8")
    out = subprocess.run([MSGCAT, "in.po"], capture_output=True, text=True, check=True).stdout  # type: ignore[list-item]
    return [block.strip("\n").split("\n")[1:] for block in out.split("\n\n")[1:]]


@needs_msgcat
def test_layout_agrees_with_msgcat_on_random_strings() -> None:
    chance = random.Random(13)
    texts = ["".join(chance.choice(ALPHABET) for _ in range(chance.randint(1, 170))) for _ in range(3000)]
    expected = msgcat_layout(texts)
    disagreements = [text for text, lines in zip(texts, expected, strict=True) if layout("msgstr ", text) != lines]
    assert disagreements == []


@needs_msgcat
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=200), min_size=1, max_size=20))
def test_layout_agrees_with_msgcat(texts: list[str]) -> None:
    assert [layout("msgstr ", text) for text in texts] == msgcat_layout(texts)


# --- the writer ------------------------------------------------------------------------------------

CATALOGUE = """\
# Translators: keep it short.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: src/main.c:10
#, c-format
msgid "这是一个很长的句子，用来测试换行。"
msgstr ""
"This is a long sentence,used to test how an edited message is wrapped by the "
"writer, as msgcat wraps it."

#: src/main.c:12
msgid "未修改"
msgstr "Untouched ,\\tkept   as written"

#: src/main.c:14
#| msgid "旧的"
msgid "新的"
msgstr "the the new one"

msgid "一个"
msgid_plural "多个"
msgstr[0] "one file"
msgstr[1] "%d files files"
"""


def test_an_edited_msgstr_is_rewrapped_and_nothing_else_changes() -> None:
    Path("a.po").write_text(CATALOGUE, encoding="utf-8")
    result = run_cli("fix", "--no-shipped-rules", "--select", "punct.missing-space,repeat", "a.po", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    assert Path("a.po").read_text(encoding="utf-8") == CATALOGUE.replace(
        '"This is a long sentence,used to test how an edited message is wrapped by the "\n'
        '"writer, as msgcat wraps it."',
        '"This is a long sentence, used to test how an edited message is wrapped by "\n'
        '"the writer, as msgcat wraps it."',
    ).replace('msgstr "the the new one"', 'msgstr "the new one"').replace(
        'msgstr[1] "%d files files"', 'msgstr[1] "%d files"'
    )


@needs_msgcat
def test_after_a_fix_msgcat_changes_nothing() -> None:
    Path("raw.po").write_text(CATALOGUE.replace('"Untouched ,\\tkept   as written"', '"Untouched"'), encoding="utf-8")
    normalised = subprocess.run([MSGCAT, "raw.po"], capture_output=True, check=True).stdout  # type: ignore[list-item]
    Path("a.po").write_bytes(normalised)
    result = run_cli("fix", "--no-shipped-rules", "a.po", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    fixed = Path("a.po").read_bytes()
    assert fixed != normalised
    assert subprocess.run([MSGCAT, "a.po"], capture_output=True, check=True).stdout == fixed  # type: ignore[list-item]


def test_crlf_and_unwrapped_catalogues_keep_their_layout() -> None:
    long_line = "word " * 20
    content = f'msgid "a"\r\nmsgstr "{long_line}"\r\n\r\nmsgid "b"\r\nmsgstr "x  y"\r\n'
    Path("a.po").write_bytes(content.encode())
    loaded = load("a.po")
    rendered = loaded.render({"a.po#b": "x y\nz"})
    assert rendered == content.replace('msgstr "x  y"', 'msgstr ""\r\n"x y\\n"\r\n"z"').encode()


def test_fuzzy_is_marked_only_when_asked_and_as_msgcat_writes_it() -> None:
    Path("a.po").write_text(CATALOGUE, encoding="utf-8")
    loaded = load("a.po")
    new = {
        "a.po#这是一个很长的句子，用来测试换行。": "Short.",
        "a.po#新的": "the new one",
        "a.po#一个[1]": "%d files",
    }
    assert b"fuzzy" not in loaded.render(new)
    assert loaded.render(new, {"fuzzy"}).decode() == CATALOGUE.replace("#, c-format\n", "#, fuzzy, c-format\n").replace(
        '"This is a long sentence,used to test how an edited message is wrapped by the "\n'
        '"writer, as msgcat wraps it."\n',
        "",
    ).replace(
        'msgid "这是一个很长的句子，用来测试换行。"\nmsgstr ""\n',
        'msgid "这是一个很长的句子，用来测试换行。"\nmsgstr "Short."\n',
    ).replace(
        '#| msgid "旧的"\nmsgid "新的"\nmsgstr "the the new one"',
        '#, fuzzy\n#| msgid "旧的"\nmsgid "新的"\nmsgstr "the new one"',
    ).replace('msgid "一个"', '#, fuzzy\nmsgid "一个"').replace('"%d files files"', '"%d files"')


def test_cli_mark_fuzzy_and_a_second_run_changes_nothing() -> None:
    Path("a.po").write_text(CATALOGUE, encoding="utf-8")
    first = run_cli("fix", "--no-shipped-rules", "--mark-fuzzy", "a.po", cwd=Path.cwd())
    assert first.returncode == 0, first.stderr
    text = Path("a.po").read_text(encoding="utf-8")
    assert text.count("#, fuzzy") == 4  # every entry the fixes edited
    second = run_cli("fix", "--no-shipped-rules", "--mark-fuzzy", "a.po", cwd=Path.cwd())
    assert second.returncode == 0
    assert Path("a.po").read_text(encoding="utf-8") == text
