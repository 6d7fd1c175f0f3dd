"""Reliability and security (issue 11): each test reproduces one failure the audit found.

Runs go through the real command line, in this process (tests/fuzzing.py), which is how the
audit ran them; the few that need a real process (signals, another user) start one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fuzzing import RAW_CONTROL, run_inprocess
from helpers import ROOT

from mtcheck.display import escape, excerpt
from mtcheck.engine import Checker
from mtcheck.formats import load
from mtcheck.formats.runs import WriteError
from mtcheck.model import Origin, Segment, Severity
from mtcheck.report.diff import for_terminal, unified_diff
from mtcheck.report.github import annotation
from mtcheck.report.terminal import TerminalReport
from mtcheck.rule import Hit, RuleInfo

XLIFF = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="f" source-language="zh" target-language="en" datatype="plaintext"><body>\n'
    "{units}</body></file></xliff>\n"
)


def unit(unit_id: str, target: str, source: str = "a") -> str:
    return f'<trans-unit id="{unit_id}"><source>{source}</source><target>{target}</target></trans-unit>\n'


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: bytes = b"") -> tuple[int | None, str, str]:
    outcome = run_inprocess(list(args), Path.cwd(), stdin=stdin)
    assert outcome.exception is None, outcome.traceback
    return outcome.code, outcome.stdout.decode(), outcome.stderr.decode()


def one_line_errors(stderr: str) -> list[str]:
    """Every stderr line, checked to be one line with no raw control character."""
    lines = stderr.splitlines()
    for line in lines:
        assert not RAW_CONTROL.search(line), line
    return lines


# --- 1. fix --backup never writes through a link -------------------------------------------------


def test_backup_replaces_a_link_at_its_name_and_never_writes_through_it(tmp_path: Path) -> None:
    Path("victim").write_text("precious\n")
    Path("a.txt").write_text("the the end\n")
    os.symlink(tmp_path / "victim", "a.txt.orig")
    code, _, stderr = run("fix", "--backup", "a.txt")
    assert (code, stderr) == (0, "")
    assert Path("victim").read_text() == "precious\n"
    assert not Path("a.txt.orig").is_symlink()
    assert Path("a.txt.orig").read_text() == "the the end\n"
    assert Path("a.txt").read_text() == "the end\n"


# --- 2. fix writes through to the real file, keeps links, owner; refuses a changed file ---------


def test_fix_through_a_symlink_fixes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    Path("real").mkdir()
    Path("real/a.txt").write_text("the the end\n")
    os.symlink("real/a.txt", "link.txt")
    assert run("fix", "link.txt")[0] == 0
    assert os.readlink("link.txt") == "real/a.txt"
    assert Path("real/a.txt").read_text() == "the end\n"


def test_fix_keeps_hard_links_together() -> None:
    Path("a.txt").write_text("the the end\n")
    os.link("a.txt", "b.txt")
    inode = os.stat("a.txt").st_ino
    assert run("fix", "a.txt")[0] == 0
    assert Path("b.txt").read_text() == "the end\n"
    assert os.stat("a.txt").st_ino == os.stat("b.txt").st_ino == inode


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_keeps_another_users_file_theirs() -> None:
    Path("a.txt").write_text("the the end\n")
    os.chown("a.txt", 65534, 65534)
    os.chmod("a.txt", 0o640)
    assert run("fix", "a.txt")[0] == 0
    info = os.stat("a.txt")
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert Path("a.txt").read_text() == "the end\n"


def test_fix_refuses_a_file_changed_while_it_was_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.formats import Loaded

    Path("a.txt").write_text("the the end\n")
    render = Loaded.render

    def render_while_another_process_appends(self, new_targets, marks=frozenset()):  # type: ignore[no-untyped-def]
        with open("a.txt", "a") as stream:
            stream.write("a line appended meanwhile\n")
        return render(self, new_targets, marks)

    monkeypatch.setattr(Loaded, "render", render_while_another_process_appends)
    code, _, stderr = run("fix", "a.txt")
    assert code == 2
    assert one_line_errors(stderr) == [
        "a.txt: error: cannot write: it changed after mtcheck read it; nothing was written, run mtcheck fix again"
    ]
    assert Path("a.txt").read_text() == "the the end\na line appended meanwhile\n"


# --- 3 and 5. control characters are escaped wherever text reaches a person -------------------------

HOSTILE = "the the \x1b[2J \x1b]52;c;ZXZpbA==\x07 \x1b]0;title\x07 end\u2028next \u202eevil"


def test_escape_is_one_line_and_idempotent() -> None:
    shown = escape("a\nb\r\x1b[2J\x00\x9b\u2028\u202e\ud800\tc")
    assert shown == "a\\nb\\r\\x1b[2J\\x00\\x9b\\u2028\\u202e\\ud800\\tc"
    assert escape(shown) == shown
    assert excerpt("x" * 50, 10) == "xxxxxxxxxx…"


@pytest.mark.parametrize("fmt", ["terminal", "github"])
def test_reports_for_people_carry_no_raw_control_character(fmt: str) -> None:
    name = "e\x1b[1mvil\n::error::x.txt"
    Path(name).write_text(HOSTILE + "\n")
    code, stdout, stderr = run("check", name, "--format", fmt)
    assert code == 1 and stderr == ""
    assert "e\\x1b[1mvil\\n" in stdout
    if fmt == "terminal":
        assert "\\x1b[2J" in stdout and "\\x1b]52;c;ZXZpbA==\\x07" in stdout
    for line in stdout.split("\n"):
        assert not RAW_CONTROL.search(line), line
    if fmt == "github":
        assert all(line.startswith("::") for line in stdout.splitlines())


def test_the_colour_terminal_report_escapes_content_too() -> None:
    import io

    segment = Segment("k", HOSTILE, Origin("a\x1b]0;x\x07.txt", 1))
    finding = Checker(_rules_of("repeat.word")).check_segment(segment)[0]
    stream = io.StringIO()
    TerminalReport(stream, color=True).finding(finding)
    shown = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())  # rich's own colours
    assert RAW_CONTROL.sub("", shown.replace("\n", "")) == shown.replace("\n", "")
    assert "a\\x1b]0;x\\x07.txt:1:1:" in shown


def test_a_diff_on_a_terminal_is_escaped_and_through_a_pipe_is_the_files_bytes() -> None:
    before, after = b"the the \x1b[2J\n", b"the \x1b[2J\n"
    patch = unified_diff("a.txt", before, after)
    assert b"-the the \x1b[2J\n+the \x1b[2J\n" in patch
    shown = for_terminal(patch, colour=True)
    assert "\\x1b[2J" in shown
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown).count("\x1b") == 0


def test_error_messages_are_one_escaped_line() -> None:
    Path("h.csv").write_text('"id\n\x1b[2J",src,target\n1,a,b\n')
    Path("bad.po").write_text('msgid "a"\nmsgstr "b \\\x1b c"\n')
    code, _, stderr = run("check", "--jobs", "1", "h.csv", "bad.po")
    assert code == 2
    assert one_line_errors(stderr) == [
        "h.csv:1: error: no 'source' column in the header (columns: id\\n\\x1b[2J, src, target)",
        "bad.po:2:11: error: unknown escape sequence \\\\x1b",
    ]


def test_github_annotations_cannot_be_ended_early_by_a_message() -> None:
    segment = Segment("k", "x", Origin("a.txt", 1))
    info = RuleInfo("x.y", "other", Severity.MAJOR, "s")
    from mtcheck.model import Finding

    finding = Finding(info.id, info.category, info.severity, "bad\n::error::injected \x1b[2J", segment, 0, 1)
    line = annotation(finding)
    assert "\n" not in line and "\x1b" not in line
    assert line.endswith("::bad\\n::error::injected \\x1b[2J (major, other)")


# --- 4. a configuration cannot make mtcheck print files outside its repository --------------------


@pytest.mark.parametrize("key", ["glossaries", "rules"])
def test_config_paths_outside_the_repository_are_refused(tmp_path: Path, key: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-0123456789abcdef-very-secret\tx\n")
    Path("repo/.git").mkdir(parents=True)
    Path("repo/mtcheck.toml").write_text(f'{key} = ["{secret}"]\n')
    Path("repo/a.txt").write_text("fine\n")
    code, stdout, stderr = run("check", "repo/a.txt")
    assert code == 2 and stdout == ""
    assert "TOKEN" not in stderr
    assert one_line_errors(stderr) == [
        f"mtcheck: error: repo/mtcheck.toml:1: {key}: '{secret}' is outside the repository "
        f"({tmp_path / 'repo'}); a configuration file may only name files inside it (--allow-external-paths "
        "allows others)"
    ]


def test_a_symlink_inside_the_repository_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    Path("secret.tsv").write_text("TOKEN-0123456789abcdef\n")
    Path("repo/.git").mkdir(parents=True)
    os.symlink(tmp_path / "secret.tsv", "repo/terms.tsv")
    Path("repo/mtcheck.toml").write_text('glossaries = ["terms.tsv"]\n')
    Path("repo/a.txt").write_text("fine\n")
    code, _, stderr = run("check", "repo/a.txt")
    assert code == 2 and "outside the repository" in stderr and "TOKEN" not in stderr


def test_allowed_external_glossary_errors_show_only_a_short_excerpt(tmp_path: Path) -> None:
    secret = tmp_path / "secret.tsv"
    secret.write_text("TOKEN-0123456789abcdef-0123456789abcdef-0123456789-the-rest-stays-hidden\n")
    Path("repo").mkdir()
    Path("repo/mtcheck.toml").write_text(f'glossaries = ["{secret}"]\n')
    Path("repo/a.txt").write_text("fine\n")
    code, _, stderr = run("check", "--allow-external-paths", "repo/a.txt")
    assert code == 2
    assert "the-rest-stays-hidden" not in stderr and "…" in stderr
    assert len(one_line_errors(stderr)) == 1


# --- 6. a fix never turns escaped text into markup; every written file parses ------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Close &lt;/g&gt; the the tag", "Close &lt;/g&gt; the tag"),
        ("a&lt;bx &gt; y the the x", "a&lt;bx &gt; y the x"),
        ("full ＜g＞ x", "full &lt;g&gt; x"),
        ('Real <g id="1">bold</g> the the <x id="2"/> end', 'Real <g id="1">bold</g> the <x id="2"/> end'),
        ("caf&#233; &#x2019;the the&#x2019; <![CDATA[a < b]]>", "caf&#233; &#x2019;the&#x2019; <![CDATA[a < b]]>"),
        ("<![CDATA[the the <g> & x]]>", "<![CDATA[the <g> & x]]>"),
    ],
)
def test_xliff_fix_keeps_text_text_and_codes_codes(raw: str, fixed: str) -> None:
    import xml.etree.ElementTree as ET

    Path("a.xlf").write_text(XLIFF.format(encoding="UTF-8", units=unit("1", raw)))
    before = load("a.xlf").segments[0].target
    assert run("fix", "--no-mark-review", "--select", "repeat,punct", "a.xlf")[0] in (0, 1)
    written = Path("a.xlf").read_text()
    assert f"<target>{fixed}</target>" in written
    target = ET.parse("a.xlf").getroot().find(".//{urn:oasis:names:tc:xliff:document:1.2}target")
    assert len(list(target)) == raw.count("<g id") + raw.count("<x id")  # no code appeared or went
    assert load("a.xlf").segments[0].target != before


def test_tmx_fix_keeps_escaped_codes_text() -> None:
    Path("a.tmx").write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
        '<tuv xml:lang="de"><seg>&lt;/g&gt; und und <ph x="1">&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>'
    )  # (German "das das" may be right: "das Haus, das das Kind sah")
    assert run("fix", "--select", "repeat", "a.tmx")[0] == 0
    assert '<seg>&lt;/g&gt; und <ph x="1">&lt;br/&gt;</ph></seg>' in Path("a.tmx").read_text()


@pytest.mark.parametrize("encoding", ["us-ascii", "ISO-8859-1", "windows-1252"])
def test_declared_encoding_is_written_back_with_references_for_what_it_lacks(encoding: str) -> None:
    raw = XLIFF.format(encoding=encoding, units=unit("1", "caf&#233; &#x4e2d; the the x") + unit("2", "keep &#233;"))
    Path("a.xlf").write_bytes(raw.encode("ascii"))
    loaded = load("a.xlf")
    assert [s.target for s in loaded.segments] == ["café 中 the the x", "keep é"]
    data = loaded.render({loaded.segments[0].key: "café 中 the x — ok"})
    text = data.decode("ascii" if encoding == "us-ascii" else encoding)
    assert "<target>caf&#233; &#x4e2d; the x" in text  # the references the fix did not touch stay
    assert "<target>keep &#233;</target>" in text
    dash = "&#8212;" if encoding != "windows-1252" else "\u2014"
    assert f"x {dash} ok</target>" in text


def test_a_target_xml_cannot_hold_is_refused_and_the_file_left_alone() -> None:
    Path("a.xlf").write_text(XLIFF.format(encoding="UTF-8", units=unit("1", "the the")))
    loaded = load("a.xlf")
    with pytest.raises(WriteError, match=r"^a.xlf: cannot write the fix of a.xlf#1: U\+0001 cannot be written in XML"):
        loaded.render({"a.xlf#1": "the \x01"})


# --- 7. diffs split lines as patch does ---------------------------------------------------------------


@pytest.mark.skipif(shutil.which("patch") is None or shutil.which("git") is None, reason="needs patch and git")
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"])
def test_diff_applies_to_the_same_bytes_as_the_fix(tmp_path: Path, separator: str) -> None:
    content = f"one the the{separator}two ,three\nfour the the\n{separator}five ,six".encode()
    Path("a.txt").write_bytes(content)
    code, diff, _ = run("fix", "--diff", "a.txt")
    assert code == 1
    Path("fixed").mkdir()
    Path("fixed/a.txt").write_bytes(content)
    assert run("fix", "fixed/a.txt")[0] == 0
    for tool in (["patch", "-p0", "--quiet"], ["git", "apply", "-p0"]):
        work = tmp_path / tool[0]
        work.mkdir()
        (work / "a.txt").write_bytes(content)
        subprocess.run(tool, input=diff.encode(), cwd=work, check=True, capture_output=True)
        assert (work / "a.txt").read_bytes() == Path("fixed/a.txt").read_bytes()


# --- 8. DTD declarations that change the content are refused ----------------------------------------


def test_an_attribute_default_in_the_dtd_is_refused() -> None:
    body = XLIFF.format(encoding="UTF-8", units=unit("1", "the the"))
    doctype = '<!DOCTYPE xliff [<!ATTLIST trans-unit translate CDATA "no">]>\n'
    Path("a.xlf").write_text(body.replace("<xliff ", doctype + "<xliff ", 1))
    code, _, stderr = run("check", "a.xlf")
    assert code == 2
    assert one_line_errors(stderr) == [
        "a.xlf:2:18: error: refused DTD attribute default <!ATTLIST trans-unit translate … 'no'>: "
        "it would change what the document says"
    ]


def test_a_dtd_that_only_names_attributes_or_a_file_is_read() -> None:
    body = XLIFF.format(encoding="UTF-8", units=unit("1", "the the"))
    doctype = '<!DOCTYPE xliff SYSTEM "xliff.dtd" [<!ATTLIST trans-unit note CDATA #IMPLIED>]>\n'
    Path("a.xlf").write_text(body.replace("<xliff ", doctype + "<xliff ", 1))
    assert run("check", "a.xlf", "--select", "repeat")[0] == 1


# --- 14. special files ----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "fifo.txt"], "fifo.txt: error: is a FIFO (named pipe), not a file"),
        (["check", "/dev/zero"], "/dev/zero: error: is a character device, not a file"),
        (["check", "-g", "fifo.tsv", "a.txt"], "mtcheck: error: fifo.tsv: is a FIFO (named pipe), not a file"),
        (["check", "--rules", "fifo.toml", "a.txt"], "mtcheck: error: fifo.toml: is a FIFO (named pipe), not a file"),
        (["check", "--baseline", "fifo.json", "a.txt"], "fifo.json: error: is a FIFO (named pipe), not a file"),
        (["check", "--source", "fifo.txt", "a.txt"], "fifo.txt: error: is a FIFO (named pipe), not a file"),
        (["fix", "fifo.txt"], "fifo.txt: error: is a FIFO (named pipe), not a file"),
    ],
)
def test_special_files_are_refused_at_once(args: list[str], expected: str) -> None:
    for name in ("fifo.txt", "fifo.tsv", "fifo.toml", "fifo.json"):
        os.mkfifo(name)
    Path("a.txt").write_text("fine\n")
    started = time.perf_counter()
    code, _, stderr = run(*args)
    assert code == 2
    assert expected in one_line_errors(stderr)
    assert time.perf_counter() - started < 30  # the point: no block, no endless read


def test_a_config_file_that_is_a_fifo_is_refused() -> None:
    os.mkfifo("mtcheck.toml")
    Path("a.txt").write_text("fine\n")
    code, _, stderr = run("check", "a.txt")
    assert code == 2
    assert one_line_errors(stderr) == ["mtcheck: error: mtcheck.toml: cannot read: is a FIFO (named pipe), not a file"]


def test_standard_input_from_a_device_is_refused() -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "mtcheck", "check", "-"], stdin=zero, capture_output=True, timeout=60, cwd=ROOT
        )
    assert result.returncode == 2
    assert result.stderr.decode() == "<stdin>: error: is a character device, not a file or a pipe\n"


# --- 15. a rule that raises is contained ---------------------------------------------------------------


class Exploding:
    """A rule with a bug: it raises on segments holding "boom"."""

    info = RuleInfo("test.exploding", "other", Severity.MINOR, "explodes")
    literals = None

    def hits(self, segment: Segment):  # type: ignore[no-untyped-def]
        if "boom" in segment.target:
            raise ValueError("max() arg is an empty sequence")
        yield Hit(0, 1, "first character")


def _rules_of(*ids: str):  # type: ignore[no-untyped-def]
    from mtcheck.checks import BUILTIN_CHECKS

    return [check for check in BUILTIN_CHECKS if check.info.id in ids]


def test_a_rule_that_raises_costs_that_rule_that_segment_only() -> None:
    checker = Checker([Exploding(), *_rules_of("repeat.word")])
    first = Segment("a.txt:1", "boom the the", Origin("a.txt", 1))
    second = Segment("a.txt:2", "fine", Origin("a.txt", 2))
    assert [f.rule for f in checker.check_segment(first)] == ["repeat.word"]
    assert [f.rule for f in checker.check_segment(second)] == ["test.exploding"]
    assert checker.problems == [
        "built-in: rule test.exploding: internal error on a.txt:1 (ValueError: max() arg is an empty sequence); "
        "the rule skipped it, please report this"
    ]


def test_internal_errors_beyond_ten_are_counted_on_one_line() -> None:
    checker = Checker([Exploding()])
    for number in range(1, 26):
        checker.check_segment(Segment(f"a.txt:{number}", "boom", Origin("a.txt", number)))
    assert len(checker.problems) == 11
    assert checker.problems[-1] == "built-in: rule test.exploding: internal error on 15 more segment(s)"


def test_an_ip_address_in_the_source_is_checked() -> None:
    Path("a.tsv").write_text("服务器 192.168.1.1 已启动\tServer 192.168.1.1 started\n地址 1.2.3.4\tAddress 1.2.3.5\n")
    code, _stdout, stderr = run("check", "--select", "number", "--format", "jsonl", "a.tsv")
    assert stderr == ""
    assert code in (0, 1)


# --- 16. inputs that used to end in a traceback ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "s.jsonl",
            b'{"id": 1, "target": "a \\ud800 b"}\n',
            's.jsonl:1: error: "target" holds a lone surrogate \\ud800, not a character',
        ),
        (
            "d.jsonl",
            b'{"target": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
            "d.jsonl:1: error: JSON nested too deeply",
        ),
        (
            "i.jsonl",
            b'{"id": ' + b"7" * 5000 + b', "target": "x"}\n',
            "i.jsonl:1: error: an integer of more than 1000 digits",
        ),
    ],
)
def test_hostile_jsonl_is_one_line(name: str, data: bytes, expected: str) -> None:
    Path(name).write_bytes(data)
    code, _, stderr = run("check", name)
    assert (code, one_line_errors(stderr)) == (2, [expected])


def test_a_long_digit_run_in_a_target_is_checked() -> None:
    Path("a.tsv").write_text("数字\tThe value " + "9" * 4400 + " is 250000 the the\n")
    code, stdout, stderr = run("check", "--format", "jsonl", "--select", "repeat,number,punct", "a.tsv")
    assert stderr == "" and code == 1
    assert "repeat.word" in stdout


def test_deeply_nested_groups_are_read() -> None:
    body = "<group>" * 5000 + unit("1", "the the") + "</group>" * 5000
    Path("a.xlf").write_text(XLIFF.format(encoding="UTF-8", units=body))
    assert [s.target for s in load("a.xlf").segments] == ["the the"]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "mtcheck.toml",
            b"a = " + b"[" * 50_000 + b"]" * 50_000,
            "mtcheck: error: mtcheck.toml: invalid TOML: nested too deeply",
        ),
        (
            "pyproject.toml",
            b"[tool.mtcheck]\nmin-score = " + b"9" * 5000,
            "mtcheck: error: pyproject.toml: invalid TOML: a number too long to read",
        ),
    ],
)
def test_hostile_configuration_is_one_line(name: str, data: bytes, expected: str) -> None:
    Path(name).write_bytes(data)
    Path("a.txt").write_text("fine\n")
    code, _, stderr = run("check", "a.txt")
    assert (code, one_line_errors(stderr)) == (2, [expected])


def test_a_deeply_nested_rule_pack_is_one_line() -> None:
    Path("p.toml").write_bytes(b"x = " + b"[" * 50_000 + b"]" * 50_000)
    Path("a.txt").write_text("fine\n")
    code, _, stderr = run("check", "--rules", "p.toml", "a.txt")
    assert (code, one_line_errors(stderr)) == (2, ["mtcheck: error: p.toml: not valid TOML: nested too deeply"])


def test_a_po_header_with_plural_forms_is_read() -> None:
    Path("a.po").write_bytes(
        b'msgid ""\nmsgid_plural "p"\nmsgstr[0] "Language: de\\n"\nmsgstr[1] ""\n\nmsgid "a"\nmsgstr "das das"\n'
    )
    segments = load("a.po").segments
    assert [(s.target, s.tgt_lang) for s in segments] == [("das das", "de")]


def test_utf16_xml_without_a_bom_is_read() -> None:
    data = XLIFF.format(encoding="UTF-16", units=unit("1", "the the é")).encode("utf-16-le")
    Path("a.xlf").write_bytes(data)
    loaded = load("a.xlf")
    assert [s.target for s in loaded.segments] == ["the the é"]
    fixed = loaded.render({"a.xlf#1": "the é"})
    assert fixed == data.replace("the the é".encode("utf-16-le"), "the é".encode("utf-16-le"))


def test_utf16_text_starting_with_nul_is_not_taken_for_utf32() -> None:
    """FF FE 00 00 begins UTF-32-LE, and also UTF-16-LE whose first character is U+0000."""
    data = b"\xff\xfe" + "\x00the the\r\n".encode("utf-16-le")
    Path("a.txt").write_bytes(data)
    loaded = load("a.txt")
    assert [s.target for s in loaded.segments] == ["\x00the the"]
    assert loaded.render({}) == data
    # a fix is written back the same way, and read back (to prove it) the same way too
    key = loaded.segments[0].key
    assert loaded.render({key: "\x00the"}) == b"\xff\xfe" + "\x00the\r\n".encode("utf-16-le")
    Path("b.txt").write_bytes("\ufeffthe the\n".encode("utf-32-le"))
    assert [s.target for s in load("b.txt").segments] == ["the the"]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            '{"tool": "mtcheck", "version": true, "findings": []}',
            "base.json: error: not an mtcheck baseline (version 2, or the older 1)",
        ),
        (
            '{"tool": "mtcheck", "version": 1.0, "findings": []}',
            "base.json: error: not an mtcheck baseline (version 2, or the older 1)",
        ),
        (
            '{"version": 1, "findings": [{"rule": "r", "segment": "s", "text": "t", "count": 1e400}]}',
            "base.json: error: malformed finding record 1 ('count' must be a positive integer)",
        ),
        (
            '{"version": 1, "findings": [{"rule": "r", "segment": "s", "text": "t", "count": -3}]}',
            "base.json: error: malformed finding record 1 ('count' must be a positive integer)",
        ),
        (
            '{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "base.json: error: not a baseline file (JSON nested too deeply)",
        ),
        (
            '{"version": 1, "findings": [{"rule": "r", "segment": 1, "text": "t"}]}',
            "base.json: error: malformed finding record 1 ('segment' must be a string)",
        ),
    ],
)
def test_a_bad_baseline_is_refused(document: str, expected: str) -> None:
    Path("base.json").write_text(document)
    Path("a.txt").write_text("the the\n")
    code, stdout, stderr = run("check", "--baseline", "base.json", "a.txt")
    assert (code, stdout, one_line_errors(stderr)) == (2, "", [expected])


def _as_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def _nobody_can_run_mtcheck() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    probe = [sys.executable, "-c", "import mtcheck"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        return (
            subprocess.run(probe, preexec_fn=_as_nobody, capture_output=True, env=environment, timeout=60).returncode
            == 0
        )
    except OSError:
        return False


@pytest.mark.skipif(not _nobody_can_run_mtcheck(), reason="needs root, and a Python another user may run")
def test_unreadable_places_are_one_line_and_the_rest_is_checked(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    for name in ("open", "locked", "shut"):
        Path(name).mkdir()
    Path("open/a.txt").write_text("the the\n")
    Path("locked/b.txt").write_text("the the\n")
    Path("shut/c.txt").write_text("the the\n")
    Path("locked").chmod(0o300)  # may enter, may not list
    Path("shut").chmod(0o000)  # neither
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "check", "--format", "jsonl", "open", "locked", "shut/c.txt"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=_as_nobody,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "locked: error: cannot list this directory: Permission denied",
        "shut/c.txt: error: Permission denied",
    ]
    assert [json.loads(line)["path"] for line in result.stdout.decode().splitlines()] == ["open/a.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_with_jobs_prints_no_traceback(tmp_path: Path) -> None:
    Path("many").mkdir()
    for number in range(400):
        Path(f"many/{number}.txt").write_text("the the security. team and 250000 people\n" * 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "mtcheck", "check", "--jobs", "2", "--format", "jsonl", "--include", "*.txt", "many"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
        # A shell's background job ignores SIGINT, and so would everything it starts (Python then
        # installs no handler): the user's terminal delivers it, so the test does too.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    process.stdout.readline()  # the workers are at work
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, stderr = process.communicate(timeout=120)
    assert b"Traceback" not in stderr
    assert process.returncode == 130, stderr
    assert len(stderr.splitlines()) <= 1  # nothing, or one line


# --- 12.5 encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.txt", "the the é\n"),
        ("a.tsv", "源\tthe the é\n"),
        ("a.csv", "source,target\n源,the the é\n"),
        ("a.jsonl", '{"target": "the the é"}\n'),
        ("a.po", 'msgid "a"\nmsgstr "the the é"\n'),
    ],
)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_and_written_back_in_utf16(name: str, text: str, codec: str) -> None:
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    Path(name).write_bytes(bom + text.encode(codec))
    assert run("fix", "--select", "repeat", name)[0] == 0
    assert Path(name).read_bytes() == bom + text.replace("the the", "the").encode(codec)


def test_a_po_catalogue_in_its_declared_charset() -> None:
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "a"\nmsgstr "caf\xe9 le le \\351t\\351"\n'
    )
    Path("a.po").write_bytes(data)
    loaded = load("a.po")
    assert [s.target for s in loaded.segments] == ["café le le été"]
    # the edited msgstr is written as msgcat writes it: characters in the charset, not escapes
    assert loaded.render({loaded.segments[0].key: "café le été"}) == data.replace(b"le le \\351t\\351", b"le \xe9t\xe9")
    with pytest.raises(WriteError, match=r"cannot write U\+4E2D in the file's encoding \(ISO-8859-1\)"):
        loaded.render({loaded.segments[0].key: "café 中"})


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "a.xlf",
            b'<?xml version="1.0" encoding="x-no-such"?><xliff/>',
            "a.xlf: error: unknown encoding 'x-no-such' (declared in its XML declaration); save it as UTF-8",
        ),
        (
            "a.po",
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=X-NOPE\\n"\n',
            "a.po: error: unknown encoding 'X-NOPE' (declared in its PO header); save it as UTF-8",
        ),
        (
            "b.xlf",
            b'<?xml version="1.0" encoding="Shift_JIS"?>\n<xliff>\x81</xliff>',
            "b.xlf:2:8: error: not valid Shift_JIS (byte 0x81), the encoding its XML declaration declares",
        ),
    ],
)
def test_an_unreadable_encoding_names_the_declared_one(name: str, data: bytes, expected: str) -> None:
    Path(name).write_bytes(data)
    code, _, stderr = run("check", name)
    assert (code, one_line_errors(stderr)) == (2, [expected])
