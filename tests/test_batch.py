"""Batches in CI: discovery, parallel checking, the MQM gate, baselines, inline suppression."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.batch import ReadOptions, check_files
from mtcheck.discovery import Globs, Rules, discover
from mtcheck.engine import Checker, RuleSet
from mtcheck.mqm import Score


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_discover_directories_globs_include_exclude(tmp_path, monkeypatch) -> None:
    tree(
        tmp_path,
        {
            "l10n/a.xlf": "x",
            "l10n/de/b.xlf": "x",
            "l10n/de/notes.md": "x",
            "l10n/old/c.tsv": "a\tb\n",
            "d.txt": "x",
        },
    )
    monkeypatch.chdir(tmp_path)

    def files(paths: list[str], **globs: list[str]) -> list[str]:
        rules = Rules(**{key: (Globs(tmp_path, tuple(value)),) for key, value in globs.items()})
        return discover(paths, rules).files

    assert files(["l10n"]) == ["l10n/a.xlf", "l10n/de/b.xlf", "l10n/old/c.tsv"]
    assert files(["l10n/**/*.xlf"]) == ["l10n/a.xlf", "l10n/de/b.xlf"]
    assert files(["l10n"], exclude=["l10n/old/*"]) == ["l10n/a.xlf", "l10n/de/b.xlf"]
    assert files(["l10n"], include=["*.md"]) == ["l10n/de/notes.md"]
    assert files(["d.txt", "l10n/a.xlf", "d.txt", "-"]) == ["d.txt", "l10n/a.xlf", "-"]


def test_parallel_results_come_in_file_order_and_equal_serial(tmp_path) -> None:
    names = []
    for index in range(12):
        path = tmp_path / f"f{index:02}.txt"
        path.write_text(f"the the line {index} .\n" * (1 + index % 4), encoding="utf-8")
        names.append(str(path))
    checker = Checker(RuleSet.load(shipped=False).rules)
    serial = [(r.path, [f.signature for f in r.ordered()]) for r in check_files(checker, names, ReadOptions(), 1)]
    parallel = [(r.path, [f.signature for f in r.ordered()]) for r in check_files(checker, names, ReadOptions(), 2)]
    assert parallel == serial
    assert [path for path, _ in serial] == names


def test_run_scope_rules_see_every_file_in_parallel(tmp_path) -> None:
    tree(
        tmp_path,
        {
            "a.tsv": "source\ttarget\n保存文件\tSave file\n",
            "b.tsv": "source\ttarget\n保存文件\tSave file\n",
            "c.tsv": "source\ttarget\n保存文件\tStore the file\n",
        },
    )
    result = run_cli(
        "check",
        "--no-shipped-rules",
        "--extend-select",
        "consistency",
        "-j",
        "2",
        "--format",
        "jsonl",
        ".",
        cwd=tmp_path,
    )
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["path"]) for r in records] == [("consistency.source", "c.tsv")]


def test_mqm_score_and_min_score_gate(tmp_path) -> None:
    (tmp_path / "t.txt").write_text("The the end now.\nA fine sentence of six words.\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "--format", "json", "t.txt", cwd=tmp_path)
    mqm = json.loads(result.stdout)["summary"]["mqm"]
    assert mqm == {
        "score": 90.0,  # one minor finding (1 point) over 10 words
        "penalty": 1.0,
        "penalty_per_1000_words": 100.0,
        "words": 10,
        "weights": {"minor": 1.0, "major": 5.0, "critical": 25.0},
    }
    gate = run_cli("check", "--no-shipped-rules", "--fail-on", "never", "--min-score", "95", "t.txt", cwd=tmp_path)
    assert gate.returncode == 1
    passes = run_cli("check", "--no-shipped-rules", "--fail-on", "never", "--min-score", "90", "t.txt", cwd=tmp_path)
    assert passes.returncode == 0


def test_score_definition() -> None:
    assert Score(1000, 12.0).value == pytest.approx(98.8)
    assert Score(1000, 12.0).per_thousand == 12.0
    assert Score(10, 50.0).value == 0.0  # never negative
    assert Score(0, 0.0).value == 100.0


def test_baseline_round_trip(tmp_path) -> None:
    (tmp_path / "t.txt").write_text("the the end.\nit is is fine ,ok\n", encoding="utf-8")
    wrote = run_cli("check", "--no-shipped-rules", "--write-baseline", "base.json", "t.txt", cwd=tmp_path)
    assert wrote.returncode == 1
    assert wrote.stderr.decode() == "base.json: baseline of 2 findings written\n"
    same = run_cli("check", "--no-shipped-rules", "--baseline", "base.json", "t.txt", cwd=tmp_path)
    assert same.returncode == 0
    (tmp_path / "t.txt").write_text("the the end.\nit is is fine ,ok\nand and a new one.\n", encoding="utf-8")
    worse = run_cli(
        "check", "--no-shipped-rules", "--baseline", "base.json", "--format", "jsonl", "t.txt", cwd=tmp_path
    )
    assert worse.returncode == 1
    assert [json.loads(line)["text"] for line in worse.stdout.decode().splitlines()] == ["and and"]


def test_bad_baseline_is_a_one_line_error(tmp_path) -> None:
    (tmp_path / "base.json").write_text("{", encoding="utf-8")
    (tmp_path / "t.txt").write_text("ok\n", encoding="utf-8")
    result = run_cli("check", "--baseline", "base.json", "t.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("base.json: error: not a baseline file")
    assert result.stderr.decode().count("\n") == 1


def test_inline_suppression_in_a_tsv_notes_column(tmp_path) -> None:
    (tmp_path / "b.tsv").write_text(
        "source\ttarget\tnotes\n"
        "一\tthe the end ,ok\tmtcheck: ignore[repeat.word]\n"
        "二\tthe the end ,ok\t\n"
        "三\tthe the end ,ok\tmtcheck: ignore\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--no-shipped-rules", "--format", "jsonl", "b.tsv", cwd=tmp_path)
    records = [(r["line"], r["rule"]) for r in map(json.loads, result.stdout.decode().splitlines())]
    assert records == [(2, "punct.space-before"), (3, "repeat.word"), (3, "punct.space-before")]


def test_one_bad_file_does_not_hide_the_others_in_parallel(tmp_path) -> None:
    tree(tmp_path, {"a.txt": "the the a.\n", "c.txt": "the the c.\n"})
    (tmp_path / "b.txt").write_bytes(b"bad \xff\n")
    result = run_cli(
        "check", "--no-shipped-rules", "-j", "2", "--format", "jsonl", "a.txt", "b.txt", "c.txt", cwd=tmp_path
    )
    assert result.returncode == 2
    assert [json.loads(line)["path"] for line in result.stdout.decode().splitlines()] == ["a.txt", "c.txt"]
    assert result.stderr.decode() == "b.txt:1:5: error: not valid UTF-8 (byte 0xff); save the file as UTF-8\n"


def test_no_files_is_an_error(tmp_path) -> None:
    os.mkdir(tmp_path / "empty")
    result = run_cli("check", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "mtcheck: error: no files to check in empty\n"


def test_a_rule_timeout_in_a_worker_still_fails_the_run(tmp_path) -> None:
    (tmp_path / "slow.toml").write_text(
        '[pack]\nname = "slow"\n\n[[rule]]\nid = "my.slow"\npattern = \'^(a|a)*$\'\nmessage = "slow"\n'
        'category = "other"\nseverity = "minor"\nbad = ["aa"]\ngood = ["ab"]\n',
        encoding="utf-8",
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("a" * 40 + "b\n", encoding="utf-8")
    result = run_cli("check", "--no-shipped-rules", "-r", "slow.toml", "-j", "2", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "rule my.slow: pattern timed out on" in result.stderr.decode()


def test_per_path_overrides_in_parallel_groups(tmp_path) -> None:
    (tmp_path / "mtcheck.toml").write_text(
        'shipped-rules = false\n\n[[overrides]]\npaths = ["legacy/**"]\nignore = ["repeat"]\n', encoding="utf-8"
    )
    tree(
        tmp_path,
        {
            "a.txt": "the the a .\n",
            "legacy/b.txt": "the the b .\n",
            "c.txt": "the the c .\n",
            "legacy/d.txt": "the the d .\n",
        },
    )
    result = run_cli(
        "check", "-j", "2", "--format", "jsonl", "a.txt", "legacy/b.txt", "c.txt", "legacy/d.txt", cwd=tmp_path
    )
    records = [(r["path"], r["rule"]) for r in map(json.loads, result.stdout.decode().splitlines())]
    assert records == [
        ("a.txt", "repeat.word"),
        ("a.txt", "punct.space-before"),
        ("c.txt", "repeat.word"),
        ("c.txt", "punct.space-before"),
        ("legacy/b.txt", "punct.space-before"),
        ("legacy/d.txt", "punct.space-before"),
    ]


# --- streaming: a big file's findings are reported as it is checked ----------------------------


def test_a_files_findings_stream_segment_by_segment(tmp_path) -> None:
    (tmp_path / "big.txt").write_text("The the report .\n" * 500, encoding="utf-8")
    checker = Checker(RuleSet.load().rules)
    (result,) = check_files(checker, [str(tmp_path / "big.txt")], ReadOptions(), 1)
    stream = result.ordered()
    first = next(stream)
    assert (first.rule, first.line, result.segments) == ("repeat.word", 1, 1)  # one segment checked so far
    rest = list(stream)
    assert result.segments == 500 and len(rest) == 2 * 500 - 1
    assert [f.line for f in rest[:3]] == [1, 2, 2]  # in file order, segment by segment


def test_jsonl_prints_the_first_finding_before_the_file_is_checked(tmp_path) -> None:
    """The first line of a JSON Lines report arrives while the check of a big file goes on."""
    import subprocess
    import sys

    (tmp_path / "big.txt").write_text("The the report said , they left .\n" * 8_000, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mtcheck", "check", "--format", "jsonl", "big.txt"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    first = json.loads(process.stdout.readline())
    running = process.poll() is None
    lines = 1 + sum(1 for _ in process.stdout)
    process.wait()
    assert (first["rule"], first["line"]) == ("repeat.word", 1)
    assert running  # 8,000 segments take seconds; the first finding came out at the start
    assert lines == 3 * 8_000


def test_a_workers_findings_are_spooled_read_in_order_and_the_spools_removed(tmp_path, monkeypatch) -> None:
    import tempfile

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    names = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The the report .\n" * 200, encoding="utf-8")
        names.append(str(tmp_path / name))
    results = check_files(Checker(RuleSet.load().rules), names, ReadOptions(), 2)
    first = next(results)
    spool = first.spool
    assert spool is not None and first.findings == [] and os.path.exists(spool)
    findings = list(first.ordered())
    assert len(findings) == 400 and [f.line for f in findings[:3]] == [1, 1, 2]
    assert not os.path.exists(spool)  # read, then deleted
    (second,) = list(results)  # the run is over; its result can still be read
    assert second.spool is not None and os.path.exists(second.spool)
    spool = second.spool
    assert len(list(second.ordered())) == 400
    assert not os.path.exists(spool)


def test_reading_a_spool_holds_one_finding_at_a_time(tmp_path) -> None:
    """A spool of 20,000 findings is read in flat memory (one Unpickler for the whole file
    kept every finding it had read alive: 53 MiB here, 346 MiB on 90,000 findings)."""
    import tracemalloc

    from mtcheck.batch import _spool, _unspool
    from mtcheck.model import Finding, Origin, Segment, Severity

    def findings():
        for number in range(20_000):
            segment = Segment(f"k{number}", "The the report ." * 10, Origin("a.txt", number + 1))
            yield Finding("repeat.word", "fluency/grammar", Severity.MINOR, "doubled", segment, 0, 7)

    spool = _spool(findings(), str(tmp_path))
    tracemalloc.start()
    try:
        count = sum(1 for _ in _unspool(spool))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 2 * 2**20, f"{peak / 2**20:.1f} MiB"
    assert not os.path.exists(spool)


# --- one big file on every core: chunks, joined as one process would have checked it ----------


def test_a_big_file_checked_in_chunks_gives_what_one_process_gives(tmp_path, monkeypatch) -> None:
    """Chunks of one file in two workers: the same findings in the same order as one process,
    file-scope judgements (length calibrated on the file, per-file summaries, a term rendered
    two ways) made on the whole file's evidence, and the same counts."""
    import random

    import mtcheck.batch

    rng = random.Random(5)
    words = "the report said prices rose and people agreed then".split()
    rows = []
    for number in range(420):
        target = " ".join(rng.choice(words) for _ in range(rng.randint(6, 12))).capitalize() + "."
        if number % 97 == 3:
            target = "Short."  # far below the file's own length ratio
        if number % 50 == 7:
            target = target.replace(" ", "  ", 1)  # a double space: a segment finding
        term = "holistic approach to national security" if number % 3 else "holistic view of national security"
        if number % 40 == 0:
            target = f"Follow the {term}."
        rows.append(f"坚持总体国家安全观{'和发展' * rng.randint(4, 9)}。\t{target}\n")
    (tmp_path / "big.tsv").write_text("".join(rows), encoding="utf-8")
    (tmp_path / "g.tsv").write_text(
        "id\tsource\ttarget\tforbidden\n"
        "c1\t总体国家安全观\tholistic approach to national security | holistic view of national security\t\n",
        encoding="utf-8",
    )
    names = [str(tmp_path / "big.tsv")]
    options = ReadOptions(src_lang="zh", tgt_lang="en")

    def run(jobs: int) -> tuple[list[tuple[str, str, int]], int, int]:
        checker = Checker(RuleSet.load(glossaries=[str(tmp_path / "g.tsv")]).rules)
        (result,) = check_files(checker, names, options, jobs)
        found = [(f.rule, f.segment.key, f.start) for f in result.ordered()]
        return found, result.segments, result.words

    serial = run(1)
    monkeypatch.setattr(mtcheck.batch, "CHUNK_BYTES", 1)
    assert mtcheck.batch._tasks(names, 2) == [(names[0], 0, 2), (names[0], 1, 2)]
    chunked = run(2)
    assert chunked == serial
    rules = [rule for rule, _, _ in serial[0]]
    assert {"length.ratio", "punct.double-space", "term.inconsistent"} <= set(rules), rules
    assert rules[-1] in {"length.ratio", "term.inconsistent"}  # file-scope judgements come last
    assert serial[1] == 420


def test_file_scope_evidence_split_in_two_and_merged_judges_as_the_whole_file() -> None:
    """Every file-scope rule hands its evidence over and takes a later chunk's: two checkers
    over the two halves of a file, merged, judge what one checker over the file judges."""
    import random

    from mtcheck.model import Meta, Origin, PluralForm, Segment

    rng = random.Random(3)
    segments = []
    for number in range(300):
        source = "国" * 20
        target = "x" * int(20 * rng.uniform(4.5, 5.5))  # about 5 characters per source character
        if number in (50, 250):
            target = "x" * 45  # inside the zh→en band (2–9), far below this file's own ratio
        segments.append(Segment(f"k{number}", target, Origin("f.tsv", number + 1), source, "zh", "en"))
    for number in range(40):  # accelerators lost in more than a quarter of the labels: one summary
        target = "Datei" if number % 3 == 0 else "_Datei"
        segments.append(Segment(f"a{number}", target, Origin("f.po", number + 1), "_File", "en", "de"))
    for number in range(6):  # every plural entry with 3 forms for nplurals=2: one finding
        plural = PluralForm(form=0, singular="%d file", plural="%d files", translated=(True,) * 3, nplurals=2)
        segments.append(
            Segment(
                f"p{number}",
                "%d Dateien",
                Origin("f.po", 100 + number),
                "%d file",
                "en",
                "de",
                meta=Meta(plural=plural),
            )
        )

    def judged(*parts: list[Segment]) -> list[tuple[str, str, str]]:
        checkers = [Checker(RuleSet.load().rules) for _ in parts]
        for checker, part in zip(checkers, parts, strict=True):
            checker.start_file(segments)
            for segment in part:
                checker.check_segment(segment)
        first = checkers[0]
        for other in checkers[1:]:
            first.merge_file_state(other.export_file_state())
        return [(f.rule, f.segment.key, f.message) for f in first.finish_file()]

    whole = judged(segments)
    assert {rule for rule, _, _ in whole} >= {"length.ratio", "accelerator.missing", "plural.forms"}, whole
    assert judged(segments[:170], segments[170:]) == whole
    assert judged(segments[:20], segments[20:330], segments[330:]) == whole
