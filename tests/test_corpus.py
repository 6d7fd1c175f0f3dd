"""``mtcheck corpus`` on a real local Dask cluster (worker processes): the same findings as one
process and as ``mtcheck check``, run-scope rules merged across shards, rules compiled once
per worker, resumption, and the per-segment table's numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

from helpers import ROOT, run_cli  # noqa: E402

from mtcheck.api import configure, flag_values  # noqa: E402
from mtcheck.corpus.run import CorpusError, CorpusOptions, run_corpus  # noqa: E402
from mtcheck.corpus.shards import Columns  # noqa: E402
from mtcheck.corpus.worker import compilations, settings_hash  # noqa: E402

#: Rows with known findings: a doubled word, a space before a stop, and one source translated
#: two ways in different shards (consistency.source, a run-scope rule).
ROWS = [
    ("这是一个测试。", "This is a test."),
    ("我们明天见。", "We will see you tomorrow ."),
    ("他看见了猫。", "He saw the the cat."),
    ("请稍候。", "Please wait."),
    ("欢迎回来。", "Welcome back."),
]


def rows_for(shard: int, count: int = 40) -> list[tuple[str, str]]:
    """Each shard repeats ROWS; shard 2 translates 请稍候 another way (run-scope evidence)."""
    out = []
    for index in range(count):
        source, target = ROWS[index % len(ROWS)]
        if shard == 2 and source == "请稍候。":
            target = "Wait a moment, please."
        out.append((source, target))
    return out


def write_shards(directory: Path, kinds=("tsv", "jsonl", "parquet", "tsv")) -> list[str]:
    paths = []
    for number, kind in enumerate(kinds):
        rows = rows_for(number)
        path = directory / f"shard{number}.{kind}"
        if kind == "tsv":
            path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
        elif kind == "jsonl":
            path.write_text(
                "".join(json.dumps({"source": s, "target": t}, ensure_ascii=False) + "\n" for s, t in rows),
                encoding="utf-8",
            )
        else:
            table = pa.table({"source": [s for s, _ in rows], "target": [t for _, t in rows]})
            pq.write_table(table, path)
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def client():
    """One real local cluster for the module: two worker processes of one thread each."""
    import logging

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    with distributed.Client(cluster) as made:
        yield made
    cluster.close()


def run(shards, out: Path, *, client=None, extend_select=("consistency",), **options):
    configured = configure(shards, flag_values(extend_select=list(extend_select)), discover_files=False, isolated=True)
    return run_corpus(configured, CorpusOptions(str(out), **options), client=client), configured


def table(out: Path, name: str) -> list[dict]:
    rows = pq.read_table(out / name).to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def test_cluster_equals_one_process_with_run_scope_rules(tmp_path, client):
    shards = write_shards(tmp_path)
    cluster_summary, _ = run(shards, tmp_path / "cluster", client=client)
    local_summary, _ = run(shards, tmp_path / "local")
    findings = table(tmp_path / "cluster", "findings")
    assert findings == table(tmp_path / "local", "findings")
    assert table(tmp_path / "cluster", "segments") == table(tmp_path / "local", "segments")
    # The run-scope rule compared shard 2's rendering with the other shards'.
    run_scope = [f for f in findings if f["rule"] == "consistency.source"]
    # Shard 2 is Parquet: rows are numbered from 1 (TSV rows by their line, after the header).
    assert sorted(f["line"] for f in run_scope) == [4, 9, 14, 19, 24, 29, 34, 39]
    assert {f["key"] for f in run_scope} == {f"{shards[2]}:{f['line']}" for f in run_scope}
    assert {f["message"] for f in run_scope} == {
        f"The same source is translated differently elsewhere in the batch: see {shards[0]}:5"
    }
    assert cluster_summary.run_scope_findings == local_summary.run_scope_findings == 8
    assert cluster_summary.stats.as_dict() == local_summary.stats.as_dict()
    assert cluster_summary.stats.findings == len(findings)


def test_findings_equal_mtcheck_check(tmp_path):
    shards = write_shards(tmp_path, kinds=("tsv", "tsv", "tsv"))
    run(shards, tmp_path / "out")
    result = run_cli("check", "--isolated", "--extend-select", "consistency", "--format", "jsonl", *shards)
    assert result.returncode == 1, result.stderr
    cli = sorted(
        (f["segment"], f["rule"], f["side"], f["start"], f["end"], f["message"])
        for f in map(json.loads, result.stdout.decode().splitlines())
    )
    corpus = sorted(
        (f["key"], f["rule"], f["side"], f["start"], f["end"], f["message"])
        for f in table(tmp_path / "out", "findings")
    )
    assert len(cli) > 20
    assert corpus == cli


def test_rules_are_compiled_once_per_worker(tmp_path, client):
    shards = write_shards(tmp_path, kinds=("tsv",) * 6)
    _, configured = run(shards, tmp_path / "out", client=client, extend_select=("consistency.target",))
    key = settings_hash(configured.run)
    counts = client.run(compilations)
    ran = {worker: count[key] for worker, count in counts.items() if key in count}
    assert ran, "no worker checked a shard"
    assert set(ran.values()) == {1}  # 6 shards, 2 workers: each compiled these rules once


def test_segments_table(tmp_path):
    path = tmp_path / "one.tsv"
    path.write_text(
        "id\tsource\ttarget\na\t他看见了猫。\tHe saw the the cat .\nb\t请稍候。\tPlease wait.\n",
        encoding="utf-8",
    )
    run([str(path)], tmp_path / "out", extend_select=(), columns=Columns(key="id"), max_penalty=1.0)
    rows = pq.read_table(tmp_path / "out" / "segments").to_pylist()
    assert [(r["key"], r["line"], r["findings"], r["minor"], r["cat_fluency_punctuation"]) for r in rows] == [
        ("a", 2, 2, 2, 1),
        ("b", 3, 0, 0, 0),
    ]
    assert [(r["penalty"], r["keep"], r["words"]) for r in rows] == [(2.0, False, 5), (0.0, True, 2)]
    assert rows[0]["score"] == pytest.approx(60.0)
    findings = pq.read_table(tmp_path / "out" / "findings").to_pylist()
    assert [(f["key"], f["rule"], f["start"], f["end"], f["text"], f["replacement"]) for f in findings] == [
        ("a", "repeat.word", 7, 14, "the the", "the"),
        ("a", "punct.space-before", 18, 20, " .", "."),
    ]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["segments"], summary["findings"], summary["kept"], summary["dropped"]) == (2, 2, 1, 1)


def test_resume_skips_finished_shards(tmp_path, client):
    shards = write_shards(tmp_path)
    out = tmp_path / "out"
    run(shards, out, client=client)
    whole = (table(out, "findings"), table(out, "segments"))
    # As if the run had stopped before shard 1 finished: its parts gone, the manifest's line
    # saying it finished never written (and the last line cut short by the crash).
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    real = os.path.realpath(shards[1])
    done = [line for line in lines if json.loads(line).get("shard") == real and "stats" in json.loads(line)]
    assert len(done) == 1
    lines.remove(done[0])
    (out / "manifest.jsonl").write_text("".join(lines) + '{"shard": "cut sh', encoding="utf-8")
    part = json.loads(done[0])["part"]
    for name in ("findings", "base"):
        (out / name / f"part-{part}.parquet").unlink()
    kept = out / "findings" / "part-00000.parquet"
    before = kept.stat().st_mtime_ns
    summary, _ = run(shards, out, client=client)
    assert (summary.shards, summary.checked) == (4, 1)
    assert kept.stat().st_mtime_ns == before  # a finished shard is not written again
    assert (table(out, "findings"), table(out, "segments")) == whole
    assert (out / "manifest.jsonl").read_text(encoding="utf-8").count('{"shard": "cut sh\n') == 1
    # Nothing left to do: nothing is checked, the outputs stay the same.
    again, _ = run(shards, out)
    assert again.checked == 0
    assert (table(out, "findings"), table(out, "segments")) == whole


def test_other_settings_are_refused(tmp_path):
    shards = write_shards(tmp_path, kinds=("tsv",))
    run(shards, tmp_path / "out")
    with pytest.raises(CorpusError, match="holds a run with other settings"):
        run(shards, tmp_path / "out", max_penalty=0.0)


def test_command_on_a_local_cluster(tmp_path):
    shards = write_shards(tmp_path, kinds=("tsv", "jsonl"))
    out = tmp_path / "out"
    result = run_cli("corpus", *shards, "-o", str(out), "--workers", "2", "--isolated", "--json", "--src-lang", "zh")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary == json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["workers"].startswith("2 (tcp://127.0.0.1:")
    assert (summary["segments"], summary["shards"], summary["shards_checked"]) == (80, 2, 2)
    assert summary["by_rule"] == {"punct.space-before": 16, "repeat.word": 16}
    assert summary["findings"] == len(table(out, "findings"))


def test_bad_shard_is_one_line_and_exit_2(tmp_path):
    good = write_shards(tmp_path, kinds=("tsv",))
    bad = tmp_path / "bad.tsv"
    bad.write_text("source\ttarget\n一\tOne.\n二\tTwo.\textra\n", encoding="utf-8")
    result = run_cli("corpus", *good, str(bad), "-o", str(tmp_path / "out"), "--workers", "0", "--isolated", "-q")
    assert result.returncode == 2
    assert result.stderr.decode() == f"{bad}:3: error: 3 cells where the header has 2\n"
    finished = [
        json.loads(line)["shard"]
        for line in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if "stats" in json.loads(line)
    ]
    assert finished == [os.path.realpath(good[0])]


def test_missing_column_names_the_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"src": "一", "target": "One."}\n', encoding="utf-8")
    result = run_cli("corpus", str(path), "-o", str(tmp_path / "out"), "--workers", "0", "--isolated", "-q")
    assert result.returncode == 2
    assert result.stderr.decode() == f"{path}:1: error: no source key 'source'\n"


def test_monolingual_jsonl_with_a_key_column(tmp_path):
    path = tmp_path / "mono.jsonl"
    path.write_text('{"id": "x1", "text": "A test ,ok."}\n\n{"id": 7, "text": "Fine."}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "corpus", str(path), "-o", str(out), "--workers", "0", "--isolated", "-q",
        "--source-column", "", "--target-column", "text", "--key-column", "id",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [(f["key"], f["line"], f["rule"], f["text"]) for f in table(out, "findings")] == [
        ("x1", 1, "punct.space-before", " ,")
    ]
    assert [(r["key"], r["line"], r["findings"]) for r in pq.read_table(out / "segments").to_pylist()] == [
        ("x1", 1, 1),
        ("7", 3, 0),
    ]


def test_a_directory_of_shards_with_the_output_inside(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write_shards(data, kinds=("tsv", "parquet"))
    (data / "README.txt").write_text("not a shard\n", encoding="utf-8")
    args = ("corpus", str(data), "-o", str(data / "checked"), "--workers", "0", "--isolated", "--json")
    first = json.loads(run_cli(*args).stdout)
    again = json.loads(run_cli(*args).stdout)  # the parts written under data/ are no shards
    assert (first["shards"], first["shards_checked"], first["segments"]) == (2, 2, 80)
    assert (again["shards"], again["shards_checked"], again["shards_resumed"], again["segments"]) == (2, 0, 2, 80)


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    import mtcheck.corpus.run as corpus_run

    monkeypatch.setattr(corpus_run, "CONNECT_TIMEOUT", "1s")
    shards = write_shards(tmp_path, kinds=("tsv",))
    with pytest.raises(CorpusError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: "):
        run(shards, tmp_path / "out", scheduler="tcp://127.0.0.1:9")


def test_without_the_extra_it_says_how_to_install(tmp_path):
    code = (
        "import sys\n"
        "sys.modules['pyarrow'] = None\n"
        "sys.modules['distributed'] = None\n"
        "sys.argv = ['mtcheck', 'corpus', 'x.tsv', '-o', 'out']\n"
        "from mtcheck.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (
        "mtcheck: error: mtcheck corpus needs the corpus extra (Dask, pyarrow): pip install 'mtcheck[corpus]'\n"
    )
    assert not (tmp_path / "out").exists()


def test_readme_documents_the_command():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Corpora at scale" in text
    assert "mtcheck corpus" in text and "--scheduler tcp://" in text
