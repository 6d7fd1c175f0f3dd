"""``term.inconsistent`` compares renderings within one document — a file, or one system's
output in it (a ``system`` column or key) — never across a batch of alternative translations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.batch import ReadOptions, check_files
from mtcheck.engine import Checker, RuleSet
from mtcheck.formats import read_segments
from mtcheck.glossary.checks import GlossaryMatcher, term_rules
from mtcheck.glossary.model import Entry
from mtcheck.model import InputError, Origin, Segment

HEADER = "id\tsource\ttarget\tforbidden\tseverity\n"
ROWS = (
    "c1\t总体国家安全观\tholistic approach to national security | holistic view of national security"
    "\toverall national security concept\t\n"
    "c2\t两个维护\tTwo Upholds\ttwo maintenances\tmajor\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- term.inconsistent: one document at a time ----------------------------------------------------

NSEC = Entry(
    source=("总体国家安全观",),
    target=("holistic approach to national security", "holistic view of national security"),
    forbidden=("overall national security concept",),
)
APPROACH = "follow the holistic approach to national security"
VIEW = "follow the holistic view of national security"


def segment(key: str, target: str, system: str | None = None) -> Segment:
    return Segment(key, target, Origin("t", 1), source="坚持总体国家安全观", system=system)


def inconsistent(checker: Checker) -> list[tuple[str, str, str]]:
    return [(f.segment.key, f.text, f.message) for f in checker.finish_file() if f.rule == "term.inconsistent"]


def test_renderings_are_compared_within_the_file_when_it_is_done() -> None:
    checker = Checker(term_rules(GlossaryMatcher([NSEC])))  # type: ignore[arg-type]
    for index, target in enumerate([APPROACH, APPROACH, VIEW]):
        assert checker.check_segment(segment(str(index), target)) == []
    assert checker.finish() == []  # nothing waits for the end of the run
    assert inconsistent(checker) == [
        (
            "2",
            "holistic view of national security",
            "总体国家安全观 is rendered “holistic view of national security” here but "
            "“holistic approach to national security” in 2 other segments of this file",
        )
    ]
    assert checker.finish_file() == []  # the next file starts afresh


def test_a_segment_checked_again_counts_once() -> None:
    checker = Checker(term_rules(GlossaryMatcher([NSEC])))  # type: ignore[arg-type]
    for target in [VIEW, APPROACH, VIEW]:  # a fix run re-checks a unit; its last text counts
        checker.check_segment(segment("a", target))
    checker.check_segment(segment("b", VIEW))
    assert [(key, text) for key, text, _ in inconsistent(checker)] == []
    checker.check_segment(segment("a", APPROACH))
    checker.check_segment(segment("b", VIEW))
    checker.check_segment(segment("c", VIEW))
    assert [(key, text) for key, text, _ in inconsistent(checker)] == [("a", "holistic approach to national security")]


def test_each_system_is_its_own_document() -> None:
    checker = Checker(term_rules(GlossaryMatcher([NSEC])))  # type: ignore[arg-type]
    for key, target, system in [
        ("1", APPROACH, "A"),
        ("2", APPROACH, "A"),
        ("3", VIEW, "B"),
        ("4", VIEW, "B"),
        ("5", VIEW, "A"),
    ]:
        checker.check_segment(segment(key, target, system))
    assert inconsistent(checker) == [
        (
            "5",
            "holistic view of national security",
            "总体国家安全观 is rendered “holistic view of national security” here but "
            "“holistic approach to national security” in 2 other segments of A's output",
        )
    ]


GLOSSARY = HEADER + ROWS


def run_jsonl(tmp_path: Path, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", "--no-shipped-rules", "-g", "g.tsv", "--format", "jsonl", *args, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    records = map(json.loads, result.stdout.decode().splitlines())
    return [(r["path"], r["line"], r["message"]) for r in records if r["rule"] == "term.inconsistent"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_files_of_a_batch_are_not_compared_with_each_other(tmp_path: Path, jobs: str) -> None:
    write(tmp_path / "g.tsv", GLOSSARY)
    write(tmp_path / "a.tsv", f"坚持总体国家安全观\t{APPROACH}\n坚持总体国家安全观\t{APPROACH}\n")
    write(tmp_path / "b.tsv", f"坚持总体国家安全观\t{VIEW}\n")
    write(tmp_path / "c.tsv", "".join(f"坚持总体国家安全观\t{target}\n" for target in [VIEW, VIEW, APPROACH]))
    assert run_jsonl(tmp_path, "-j", jobs, "a.tsv", "b.tsv", "c.tsv") == [
        (
            "c.tsv",
            3,
            "总体国家安全观 is rendered “holistic approach to national security” here but "
            "“holistic view of national security” in 2 other segments of this file",
        )
    ]


def test_serial_and_parallel_batches_agree(tmp_path: Path) -> None:
    names = []
    for number in range(4):
        rows = [APPROACH] * number + [VIEW] * (3 - number) + [APPROACH]
        names.append(str(write(tmp_path / f"{number}.tsv", "".join(f"坚持总体国家安全观\t{row}\n" for row in rows))))
    rules = RuleSet.load(shipped=False, glossaries=[str(write(tmp_path / "g.tsv", GLOSSARY))])
    checker = Checker(rules.selected(select=["term"]))
    serial = [[(f.rule, f.segment.key) for f in r.ordered()] for r in check_files(checker, names, ReadOptions(), 1)]
    parallel = [[(f.rule, f.segment.key) for f in r.ordered()] for r in check_files(checker, names, ReadOptions(), 2)]
    assert serial == parallel
    assert [len(findings) for findings in serial] == [1, 2, 1, 0]  # a tie keeps the first rendering seen
    assert checker.finish() == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "systems.tsv",
            "source\ttarget\tsystem\n"
            f"坚持总体国家安全观\t{APPROACH}\tA\n坚持总体国家安全观\t{VIEW}\tB\n"
            f"坚持总体国家安全观\t{APPROACH}\tA\n坚持总体国家安全观\t{VIEW}\tB\n坚持总体国家安全观\t{VIEW}\tA\n",
        ),
        (
            "systems.jsonl",
            "".join(
                json.dumps({"source": "坚持总体国家安全观", "target": target, "system": system}, ensure_ascii=False)
                + "\n"
                for target, system in [(APPROACH, "A"), (VIEW, "B"), (APPROACH, "A"), (VIEW, "B"), (VIEW, "A")]
            ),
        ),
        (
            "systems.csv",
            "source,target,system\n"
            f"坚持总体国家安全观,{APPROACH},A\n坚持总体国家安全观,{VIEW},B\n"
            f"坚持总体国家安全观,{APPROACH},A\n坚持总体国家安全观,{VIEW},B\n坚持总体国家安全观,{VIEW},A\n",
        ),
    ],
)
def test_a_system_column_or_key_splits_a_file_into_documents(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / "g.tsv", GLOSSARY)
    write(tmp_path / name, text)
    line = 6 if name.endswith((".tsv", ".csv")) else 5
    assert run_jsonl(tmp_path, name) == [
        (
            name,
            line,
            "总体国家安全观 is rendered “holistic view of national security” here but "
            "“holistic approach to national security” in 2 other segments of A's output",
        )
    ]


# --- reading the system -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("source\ttarget\tsystem", "源\tsource text\tNiuTrans", ((), "NiuTrans")),
        ("source\ttarget\tnotes\tsystem", "源\tsource text\tmtcheck: ignore\tMiSS", (("mtcheck: ignore",), "MiSS")),
        ("source\ttarget\tsystem\tnotes", "源\tsource text\t  \tsee memo", (("see memo",), None)),
    ],
)
def test_tsv_header_names_the_system_column(
    tmp_path: Path, header: str, row: str, expected: tuple[tuple[str, ...], str | None]
) -> None:
    path = write(tmp_path / "s.tsv", f"{header}\n{row}\n")
    (unit,) = list(read_segments(str(path)))
    assert (unit.source, unit.target, unit.origin.column, (unit.notes, unit.system)) == (
        "源",
        "source text",
        3,
        expected,
    )


def test_tsv_row_width_follows_the_header(tmp_path: Path) -> None:
    path = write(tmp_path / "s.tsv", "source\ttarget\tsystem\n源\ttext\n")
    with pytest.raises(InputError) as raised:
        list(read_segments(str(path)))
    assert str(raised.value) == f"{path}:2: error: expected 3 tab-separated columns (source, target, system), found 2"


def test_a_header_with_an_unknown_or_repeated_column_is_a_row(tmp_path: Path) -> None:
    path = write(tmp_path / "s.tsv", "source\ttarget\tsystem\tsystem\n")
    with pytest.raises(InputError) as raised:
        list(read_segments(str(path)))
    assert str(raised.value) == f"{path}:1: error: expected 2 tab-separated columns (source, target), found 4"


def test_jsonl_system_must_be_a_string(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", '{"source": "源", "target": "text", "system": 7}\n')
    with pytest.raises(InputError) as raised:
        list(read_segments(str(path)))
    assert str(raised.value) == f'{path}:1: error: "system" must be a string, found a number'


def test_fixing_a_file_with_a_system_column_changes_only_the_target(tmp_path: Path) -> None:
    write(tmp_path / "g.tsv", GLOSSARY)
    original = "source\ttarget\tsystem\r\n坚持总体国家安全观\tfollow the overall national security concept\tA\r\n"
    (tmp_path / "s.tsv").write_bytes(original.encode("utf-8"))
    result = run_cli("fix", "--no-shipped-rules", "-g", "g.tsv", "s.tsv", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "s.tsv").read_bytes() == original.replace(
        "overall national security concept", "holistic approach to national security"
    ).encode("utf-8")
