"""The engine's findings on the development sets, pinned: speed work must not change one.

Every finding of `mtcheck check` on the two expert-annotated development sets (TED zh→en,
7,935 segments; TED en→de, 7,406), as the evaluation runs them (a TSV of source and
target), is reduced to one line (line, rule, span, side, severity, message, fix) and the
lines are hashed. A change to the engine that should change no finding (a prefilter, a
gate, a faster reader) must leave the hash as it is; a rule change that changes findings
on purpose updates the snapshot, and says so in its commit:

    python tests/test_engine_snapshot.py --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "eval" / "data"
SNAPSHOT = HERE / "fixtures" / "engine_snapshot.json"
#: set -> (file, source language, target language) as ../shared/eval/mqm_eval.py runs it.
SETS = {"ted_zhen": ("ted_zhen.jsonl", None, None), "ted_ende": ("ted_ende.jsonl", "en", "de")}


def findings_digest(name: str, workdir: Path) -> dict[str, object]:
    from mtcheck.api import configure, flag_values
    from mtcheck.batch import ReadOptions, check_file

    file, src_lang, tgt_lang = SETS[name]
    table = workdir / f"{name}.tsv"
    with open(DATA / file, encoding="utf-8") as handle, open(table, "w", encoding="utf-8") as out:
        out.write("source\ttarget\n")
        for line in handle:
            record = json.loads(line)
            out.write(f"{' '.join(record['source'].split())}\t{' '.join(record['target'].split())}\n")
    path = str(table)
    checker = configure([path], flag_values(src_lang=src_lang, tgt_lang=tgt_lang), isolated=True).checker(path)
    result = check_file(checker, path, ReadOptions(src_lang=src_lang, tgt_lang=tgt_lang))
    digest = hashlib.sha256()
    rules: Counter[str] = Counter()
    for finding in result.ordered():
        fix = finding.fix
        edits = [(e.start, e.end, e.replacement) for e in fix.edits] if fix else None
        line = [*finding.place, finding.rule, finding.start, finding.end, finding.side, finding.severity]
        line += [finding.message, edits, fix.safety if fix else None]
        digest.update(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        rules[finding.rule] += 1
    assert result.problem is None, result.problem
    return {"findings": sum(rules.values()), "sha256": digest.hexdigest(), "rules": dict(sorted(rules.items()))}


@pytest.mark.skipif(not DATA.is_dir(), reason="the development sets (../shared/eval/data) are not here")
@pytest.mark.parametrize("name", sorted(SETS))
def test_findings_on_the_development_sets_are_unchanged(name: str, tmp_path: Path) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))[name]
    got = findings_digest(name, tmp_path)
    assert got["rules"] == expected["rules"]  # the first thing to read when it fails
    assert got == expected, "same counts, other spans, messages or fixes"


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        snapshot = {name: findings_digest(name, Path(work)) for name in sorted(SETS)}
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT}: " + ", ".join(f"{name} {value['findings']} findings" for name, value in snapshot.items()))
