"""Fuzzing: seeded hostile inputs through the command line, the writers and the positions.

A bounded number of cases runs in the normal suite (about a minute); ``MTCHECK_FUZZ=N``
multiplies them by N (``MTCHECK_FUZZ=100 pytest tests/test_fuzz.py`` for a campaign).
``MTCHECK_FUZZ_SEED`` changes the seed. Generators and oracle: tests/fuzzing.py.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import zlib
from pathlib import Path

import pytest
from fuzzing import BUILDERS, XML_SUFFIXES, Case, attacks, cases, independent_units, run_case, valid_document

from mtcheck.engine import Checker, RuleSet
from mtcheck.fixer import fix_segment
from mtcheck.formats import load
from mtcheck.formats.runs import WriteError
from mtcheck.model import Side

SCALE = max(1, int(os.environ.get("MTCHECK_FUZZ", "1") or 1))
SEED = int(os.environ.get("MTCHECK_FUZZ_SEED", "20240601"))
CHUNKS = 8


@pytest.fixture(scope="module")
def checker() -> Checker:
    """Every built-in and shipped rule, and the shipped glossary (term.missing is on the source)."""
    rules = RuleSet.load(glossaries=["zh-en"]).selected(select=["ALL"])
    return Checker(rules)


# --- the command line under hostile input ------------------------------------------------------


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_command_line_cases_pass_the_oracle(tmp_path: Path, chunk: int) -> None:
    """No traceback, exit 0/1/2, one-line escaped errors naming the file, reports free of raw
    control characters, machine reports that parse, a time bound; a fix never half-writes."""
    count = 10 * SCALE
    failures = []
    for number, case in enumerate(cases(SEED + chunk, count)):
        directory = tmp_path / str(number)
        directory.mkdir()
        for problem in run_case(case, directory, timeout=60):
            failures.append(f"{case.args}: {problem}")
    assert failures == []


ATTACKS = dict(attacks(10 if SCALE > 1 else 1))


@pytest.mark.parametrize("name", list(ATTACKS), ids=repr)
def test_structural_attacks_are_refused_or_read_in_bounded_time(tmp_path: Path, name: str) -> None:
    data = ATTACKS[name]
    for args in (["check", name, "--format", "terminal"], ["fix", "--diff", name]):
        case = Case("attack", {name: data}, args)
        directory = tmp_path / args[0]
        directory.mkdir()
        assert run_case(case, directory, timeout=60) == []


# --- fixes: the written file parses with an independent parser and holds the intended targets ----


def _fix_all(loaded, checker: Checker) -> dict[str, str]:  # type: ignore[no-untyped-def]
    new = {}
    for segment in loaded.segments:
        result = fix_segment(checker, segment, unsafe=True)
        if result.changed:
            new[segment.key] = result.target
    return new


def _codes(target: str) -> list[str]:
    return re.findall(r"\x00TAG:(.*?)\x00", target, flags=re.DOTALL)


def _decoded(target: str) -> str:
    """The independent reading as mtcheck's reader defines a target: codes as written."""
    return re.sub(r"\x00TAG:(.*?)\x00", lambda m: m.group(1), target, flags=re.DOTALL)


@pytest.mark.parametrize("suffix", list(BUILDERS))
def test_fixed_files_parse_and_hold_exactly_the_intended_targets(tmp_path: Path, checker: Checker, suffix: str) -> None:
    rng = random.Random(SEED + zlib.crc32(suffix.encode()) % 1000)
    written = 0
    for number in range(25 * SCALE):
        _name, data = valid_document(rng, suffix)
        path = tmp_path / f"{number}{suffix}"
        path.write_bytes(data)
        loaded = load(str(path))
        new = _fix_all(loaded, checker)
        try:
            output = loaded.render(new)
        except WriteError:
            continue  # refused as a whole, the file untouched: allowed (and rare)
        written += bool(new)
        path.write_bytes(output)
        again = load(str(path))
        # mtcheck's own reading: exactly the intended targets, in order
        expected = [new.get(s.key, s.target) for s in loaded.segments]
        assert [s.target for s in again.segments] == [t for t in expected if t.strip()]
        # an independent parser: the file parses, sources unchanged, targets as intended
        before, after = independent_units(suffix, data), independent_units(suffix, output)
        if before is None:
            continue  # a file the independent parser refuses to begin with (e.g. a charset it lacks)
        assert after is not None, f"{suffix} written by fix does not parse"
        assert len(after) == len(before)
        ours = iter(loaded.segments)
        for (source, target), (new_source, new_target) in zip(before, after, strict=True):
            assert new_source == source
            if suffix in XML_SUFFIXES:
                assert _codes(new_target) == _codes(target)  # no code appeared, went or turned into text
                target, new_target = _decoded(target), _decoded(new_target)
            if not target.strip():
                continue  # mtcheck skips blank targets
            segment = next(ours)
            assert target == segment.target  # the independent parser and mtcheck's reader agree
            assert new_target == new.get(segment.key, segment.target)
    assert written > 0 or (SCALE == 1 and suffix in (".txt",))


# --- positions: every finding's line:column points at its text ------------------------------------

_XML_CHAR = re.compile(r"&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_XML_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _first_character(suffix: str, raw: str, at: int) -> str:
    """The character the file spells at ``raw[at:]``, decoded as the format says (an oracle
    of its own, not mtcheck's runs)."""
    if suffix in XML_SUFFIXES:
        match = _XML_CHAR.match(raw, at)
        if match:
            hexadecimal, decimal, name = match.groups()
            return chr(int(hexadecimal, 16)) if hexadecimal else chr(int(decimal)) if decimal else _XML_NAMED[name]
        if raw.startswith("\r\n", at) or raw.startswith("\r", at):
            return "\n"
        return raw[at]
    if suffix == ".po" and raw[at] == "\\":
        data = raw[at:].encode("utf-8")
        for length in range(2, min(len(data), 17) + 1):
            piece = data[:length]
            if piece.endswith(b"\\") or (length < len(data) and data[length : length + 1].isdigit()):
                continue
            try:
                return codecs.escape_decode(piece)[0].decode("utf-8")[:1]
            except (UnicodeDecodeError, ValueError):
                continue
        return "?"
    if suffix == ".jsonl" and raw[at] == "\\":
        match = re.match(r"\\u[dD][89abAB]\w{2}\\u\w{4}|\\u\w{4}|\\.", raw[at:])
        return json.loads(f'"{match.group()}"') if match else "?"
    if suffix == ".csv" and raw.startswith('""', at):
        return '"'
    return raw[at]


@pytest.mark.parametrize("suffix", list(BUILDERS))
def test_every_finding_points_at_its_text(tmp_path: Path, checker: Checker, suffix: str) -> None:
    rng = random.Random(SEED * 7 + zlib.crc32(suffix.encode()) % 1000)
    checked = {Side.TARGET: 0, Side.SOURCE: 0}
    for number in range(20 * SCALE):
        _name, data = valid_document(rng, suffix)
        if (not data.startswith(b"<?xml") and suffix in XML_SUFFIXES) or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            continue  # positions are about text: UTF-8 files here (encodings are tested elsewhere)
        if suffix == ".po" and b"charset=UTF-8" not in data:
            continue
        path = tmp_path / f"{number}{suffix}"
        path.write_bytes(data)
        try:
            loaded = load(str(path))
        except Exception:
            continue
        lines = loaded.document.text.split("\n")
        for segment in loaded.segments:
            for finding in checker.check_segment(segment):
                if not finding.text:
                    continue
                line = lines[finding.line - 1]
                at = finding.column - 1
                assert at < len(line) or line[at:] == "", (finding.rule, finding.line, finding.column)
                shown = _first_character(suffix, line + "\n", at)
                assert shown == finding.text[0], (finding.rule, finding.side, finding.text, line[at : at + 20])
                checked[finding.side] += 1
    assert checked[Side.TARGET] > 0
    assert checked[Side.SOURCE] > 0 or suffix == ".txt"
