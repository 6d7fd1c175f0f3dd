"""``mtcheck corpus``: check corpus shards on Dask; write findings, a per-segment table and a summary."""

from __future__ import annotations

import enum
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mtcheck.cli.options import (
    AllowExternal,
    ConfigFile,
    ExtendIgnore,
    ExtendSelect,
    Glossaries,
    Ignore,
    Isolated,
    NoShipped,
    Quiet,
    RulePacks,
    Select,
    SrcLang,
    TgtLang,
    cli_values,
    configure,
    echo_problem,
    error,
    say,
    with_examples,
)

if TYPE_CHECKING:
    from mtcheck.corpus.run import RunSummary


class ShardFormat(enum.StrEnum):
    PARQUET = "parquet"
    JSONL = "jsonl"
    TSV = "tsv"


@with_examples(
    "mtcheck corpus 'data/*.parquet' -o checked/ --src-lang zh --tgt-lang en   # a local cluster, one worker a core",
    "mtcheck corpus data/ -o checked/ --workers 2 --max-penalty 1              # drop segments over 1 penalty point",
    "mtcheck corpus 'tm/*.jsonl' -o checked/ --source-column src --target-column mt --key-column id",
    "mtcheck corpus 's3-mount/*.parquet' -o checked/ --scheduler tcp://10.0.0.5:8786   # an existing cluster",
    "mtcheck corpus 'data/*.tsv' -o checked/    # again after an interruption: finished shards are skipped",
)
def corpus(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="SHARD", help="Parquet, JSON Lines or TSV shards: files, directories or globs."),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="DIR", help="Directory for findings/, segments/ and summary.json."),
    ],
    source_column: Annotated[
        str, typer.Option("--source-column", metavar="NAME", help="The source column ('' for none: monolingual).")
    ] = "source",
    target_column: Annotated[
        str, typer.Option("--target-column", metavar="NAME", help="The target column.")
    ] = "target",
    key_column: Annotated[
        str | None,
        typer.Option("--key-column", metavar="NAME", help="The column of row keys [default: SHARD:LINE or SHARD:ROW]."),
    ] = None,
    input_format: Annotated[
        ShardFormat | None, typer.Option("--input-format", help="The shards' format, instead of their extensions.")
    ] = None,
    max_penalty: Annotated[
        float,
        typer.Option("--max-penalty", metavar="N", help="Keep segments with an MQM penalty of N or less.", min=0),
    ] = 4.0,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", metavar="N", help="Rows read at a time; rules that read a file read a batch.", min=1
        ),
    ] = 20_000,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", metavar="N", help="Local Dask worker processes [default: a core each; 0: none].", min=0
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS", help="Run on an existing Dask cluster (tcp://host:8786)."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start again in an output directory that holds another run.")
    ] = False,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the summary as JSON (as summary.json).")] = False,
    quiet: Quiet = False,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    extend_ignore: ExtendIgnore = None,
    rules: RulePacks = None,
    no_shipped_rules: NoShipped = False,
    allow_external_paths: AllowExternal = False,
    glossary: Glossaries = None,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
) -> None:
    """Check corpus shards in parallel on Dask and write what a data team joins back to filter them."""
    from mtcheck.corpus import missing

    if workers is None:
        workers = os.cpu_count() or 1
    hint = missing(dask=workers > 0 or scheduler is not None)
    if hint is not None:
        error(hint)
        raise typer.Exit(2)
    if config_file is not None and isolated:
        error("--config and --isolated contradict each other: give one")
        raise typer.Exit(2)
    from mtcheck.corpus.run import CorpusError, CorpusOptions, run_corpus
    from mtcheck.corpus.shards import Columns, find_shards

    shards, problems = find_shards(paths, input_format.value if input_format else None)
    written = os.path.realpath(output) + os.sep  # a rerun must not take the outputs for shards
    shards = [shard for shard in shards if not os.path.realpath(shard).startswith(written)]
    for problem in problems:
        echo_problem(problem)
    if problems:
        raise typer.Exit(2)
    configured = configure(
        shards,
        cli_values(
            select=select,
            extend_select=extend_select,
            ignore=[*(ignore or ()), *(extend_ignore or ())] or None,
            rules=rules,
            glossary=glossary,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            no_shipped_rules=no_shipped_rules,
        ),
        discover_files=False,
        allow_external=allow_external_paths,
        config_file=config_file,
        isolated=isolated,
    )
    options = CorpusOptions(
        output,
        Columns(source_column or None, target_column, key_column),
        batch_size,
        max_penalty,
        input_format.value if input_format else None,
        workers,
        scheduler,
        overwrite,
    )
    bar = _progress(quiet)
    try:
        summary = run_corpus(configured, options, progress=bar)
    except CorpusError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        error(f"interrupted; finished shards are recorded in {output}: run the same command again to resume")
        raise typer.Exit(130) from None
    finally:
        bar(None, 0, 0)
    for problem in summary.problems:
        echo_problem(problem)
    if json_summary:
        import json

        typer.echo(json.dumps(summary.as_dict(output), indent=1, ensure_ascii=False))
    elif not quiet:
        say(_text(summary, output, max_penalty))
    raise typer.Exit(2 if summary.problems else 0)


def _text(summary: RunSummary, output: str, max_penalty: float) -> str:
    stats = summary.stats
    data = summary.as_dict(output)
    severity = ", ".join(f"{name} {stats.severity.get(name, 0):,}" for name in ("minor", "major", "critical"))
    top = ", ".join(f"{name} {count:,}" for name, count in stats.category.most_common(5)) or "none"
    rules = ", ".join(f"{name} {count:,}" for name, count in stats.rule.most_common(5)) or "none"
    lines = [
        f"{stats.segments:,} segments, {stats.words:,} words in {summary.shards} shards "
        f"({summary.checked} checked, {summary.shards - summary.checked} done before) "
        f"in {summary.seconds:.1f} s, {data['segments_per_second']:,.0f} segments/s; workers: {summary.workers}",
        f"findings: {stats.findings:,} ({severity}); run-scope: {summary.run_scope_findings:,}",
        f"kept {stats.kept:,}, dropped {stats.segments - stats.kept:,} (penalty over {max_penalty:g})",
        f"categories: {top}",
        f"rules: {rules}",
        f"written: {os.path.join(output, 'findings')}/, {os.path.join(output, 'segments')}/, "
        f"{os.path.join(output, 'summary.json')}",
    ]
    return "\n".join(lines)


def _progress(quiet: bool):
    """A progress bar of shards on stderr, only when stderr is a terminal."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda result, done, total: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = None

    def advance(result, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        nonlocal task
        if result is None:
            if task is not None:
                bar.stop()
            return
        if task is None:
            bar.start()
            task = bar.add_task("checking shards", total=total)
        bar.update(task, completed=done, description=os.path.basename(result.path))

    return advance
