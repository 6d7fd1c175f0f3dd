"""``mtcheck check``: find the files, run the rules, report, and set the exit status."""

from __future__ import annotations

import enum
import os
import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from mtcheck.cli.options import (
    AllowExternal,
    Color,
    ColorOption,
    ConfigFile,
    Configured,
    Exclude,
    ExtendExclude,
    ExtendIgnore,
    ExtendSelect,
    FailOn,
    ForceExclude,
    Glossaries,
    IdColumn,
    Ignore,
    Include,
    IncludeFuzzy,
    InputFormat,
    Isolated,
    NoShipped,
    Quiet,
    RespectGitignore,
    RulePacks,
    Select,
    SourceColumn,
    SrcLang,
    StdinFilename,
    TargetColumn,
    TgtLang,
    cli_values,
    configure,
    echo_problem,
    error,
    note_left_out,
    read_options,
    with_examples,
)

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable, Iterator

    from mtcheck.batch import FileResult, ReadOptions
    from mtcheck.cli.output import ReportFile
    from mtcheck.config import Settings
    from mtcheck.model import Finding
    from mtcheck.report.summary import Summary
    from mtcheck.rule import RuleInfo

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(enum.StrEnum):
    AUTO = "auto"
    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    GITLAB = "gitlab"
    HTML = "html"


@with_examples(
    "mtcheck check .                                  # every translation file of the repository",
    "mtcheck check l10n/de.po -g zh-en                # one file, with the shipped zh-en glossary",
    "mtcheck check 'l10n/**/*.xlf' --fail-on major    # a glob; only major findings fail the run",
    "mtcheck check target.txt --source source.txt     # plain text, paired line by line",
    "cat de.po | mtcheck check - --stdin-filename l10n/de.po",
    "mtcheck check . --format sarif -o mtcheck.sarif  # also json, jsonl, junit, github, gitlab, html",
    "mtcheck check . --statistics                     # one line per rule, and what `mtcheck fix` fixes",
    "mtcheck check . --baseline .mtcheck-baseline.json   # only findings newer than the baseline",
)
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...", help="Files, directories or glob patterns ('l10n/**/*.xlf'); '-' reads stdin."
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            metavar="FILE",
            help="Plain-text source file paired line by line with the one target file.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "--output-format",
            "-f",
            help="Report format; auto: GitHub annotations in GitHub Actions, else terminal.",
        ),
    ] = OutputFormat.AUTO,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (auto: the format its extension names).",
        ),
    ] = None,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="One line per rule with its count and how many are fixable, and a total."),
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List every fix on offer after the findings (terminal report).")
    ] = False,
    quiet: Quiet = False,
    color: ColorOption = Color.AUTO,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    extend_ignore: ExtendIgnore = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe [default: minor].")
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", metavar="N", help="Exit 1 when the batch's MQM-style score is below N."),
    ] = None,
    rules: RulePacks = None,
    no_shipped_rules: NoShipped = False,
    allow_external_paths: AllowExternal = False,
    glossary: Glossaries = None,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
    input_format: InputFormat = None,
    stdin_filename: StdinFilename = None,
    include: Include = None,
    exclude: Exclude = None,
    extend_exclude: ExtendExclude = None,
    respect_gitignore: RespectGitignore = None,
    force_exclude: ForceExclude = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", metavar="N", help="Files checked in parallel (0: one per core).", min=0),
    ] = 0,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", metavar="FILE", help="Report only findings that this baseline file does not hold."),
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option("--write-baseline", metavar="FILE", help="Record the findings of this run as a baseline file."),
    ] = None,
    ref: Annotated[
        list[str] | None,
        typer.Option(
            "--ref",
            metavar="FILE",
            help="A reference for the one checked file (repeatable): chrF beside the findings.",
        ),
    ] = None,
    skip_final: Annotated[
        bool, typer.Option("--skip-final", help="XLIFF: skip final, approved, signed-off or locked units.")
    ] = False,
    include_fuzzy: IncludeFuzzy = False,
    source_column: SourceColumn = None,
    target_column: TargetColumn = None,
    id_column: IdColumn = None,
) -> None:
    """Check translated files and report what is wrong, with fixes where they are mechanical."""
    # Imported here so that `mtcheck --version` and `--help` stay fast.
    from collections import Counter

    from mtcheck.mqm import Score, penalty
    from mtcheck.report.summary import Summary

    if source is not None and len(paths) != 1:
        error("--source pairs one source file with one target file; give exactly one target")
        raise typer.Exit(EXIT_ERROR)
    if write_baseline == "-":
        error("--write-baseline needs a file name (standard output carries the report)")
        raise typer.Exit(EXIT_ERROR)
    if config_file is not None and isolated:
        error("--config and --isolated contradict each other: give one")
        raise typer.Exit(EXIT_ERROR)
    configured = configure(
        paths,
        cli_values(
            select=select,
            extend_select=extend_select,
            ignore=[*(ignore or ()), *(extend_ignore or ())] or None,
            rules=rules,
            glossary=glossary,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            no_shipped_rules=no_shipped_rules,
            fail_on=fail_on.value if fail_on else None,
            min_score=min_score,
            include=include,
            exclude=exclude,
            extend_exclude=extend_exclude,
            respect_gitignore=respect_gitignore,
            force_exclude=force_exclude,
        ),
        allow_external=allow_external_paths,
        target_column=target_column,
        input_format=input_format.value if input_format else None,
        config_file=config_file,
        isolated=isolated,
        stdin_filename=stdin_filename,
    )
    run, files = configured.run, configured.files
    for line in configured.problems:
        echo_problem(line)
    if not quiet:
        note_left_out(configured)
    if not files:
        if configured.excluded and not configured.problems:
            raise typer.Exit(EXIT_CLEAN)  # pre-commit handed only files the configuration excludes
        error(f"no files to check in {' '.join(paths)}")
        raise typer.Exit(EXIT_ERROR)
    keep = _baseline_filter(baseline)
    recorded: list[Finding] = []

    def options(settings: Settings) -> ReadOptions:
        return read_options(
            input_format=input_format,
            source=source,
            src_lang=settings.src_lang,
            tgt_lang=settings.tgt_lang,
            stdin_name=stdin_filename,
            skip_final=skip_final,
            include_fuzzy=include_fuzzy,
            source_column=source_column,
            target_column=target_column,
            id_column=id_column,
        )

    report_file = _report_file(output)
    stream = report_file.stream if report_file else sys.stdout
    report = _make_report(
        output_format,
        _rule_infos(configured),
        stream,
        output,
        statistics=statistics,
        fail_on=run.fail_on,
        color=color.value,
        quiet=quiet,
        show_fixes=show_fixes,
    )
    scored = _reference_scores(ref, files, options(run), jobs) if ref else None
    if scored is not None:
        report.chrf = scored.chrf  # the formats that show it (terminal, json, jsonl) read it
    findings_by_segment: Counter[str] = Counter()
    weights = {str(severity): weight for severity, weight in run.weights.items()}
    summary = Summary(weights=weights, min_score=run.min_score)
    problems: list[str] = list(configured.problems)
    step = _step_summary()

    def emit(finding: Finding, counts: Counter[str] | None = None) -> None:
        if write_baseline is not None:
            recorded.append(finding)
        if keep is not None and not keep(finding):
            return
        summary.add(finding)
        findings_by_segment[finding.segment.key] += 1
        if counts is not None:
            counts[finding.severity] += 1
        if step is not None:
            step.add(finding)
        report.finding(finding)

    progress = _progress(len(files), quiet)
    order = {path: index for index, path in enumerate(files)}
    for result in _results(configured, options, jobs or os.cpu_count() or 1):
        progress(result.path)
        if result.problem is not None:
            problems.append(result.problem)
            echo_problem(result.problem)
            continue
        counts: Counter[str] = Counter()
        for finding in result.ordered():  # streamed: reported as the file is checked
            emit(finding, counts)
        if result.problem is not None:  # a file streamed from disk that changed while checked
            problems.append(result.problem)
            echo_problem(result.problem)
        summary.files += 1
        summary.segments += result.segments
        summary.words += result.words
        summary.file_segments[result.path] = result.segments
        summary.file_scores[result.path] = Score(result.words, penalty(counts, weights))
    progress(None)
    from mtcheck.batch import position

    for checker in configured.checkers:
        finished = checker.finish()
        for finding in sorted(finished, key=lambda f: (order.get(f.segment.origin.path, len(order)), *position(f))):
            emit(finding)
        for problem in checker.problems:
            echo_problem(problem)
        problems.extend(checker.problems)
    if write_baseline is not None:
        _write_baseline(write_baseline, recorded, problems, quiet)
    if scored is not None:
        _add_ranking(report, scored, findings_by_segment)
    status = _exit_status(summary, problems, FailOn(run.fail_on))
    if hasattr(report, "gates"):  # the HTML report shows the gates and the verdict
        from mtcheck.report.html import Gates

        report.gates = Gates(run.fail_on, run.min_score, passed=status == EXIT_CLEAN)
    report.finish(summary, problems)
    if report_file is not None:
        try:
            report_file.commit()
        except OSError as exc:
            error(f"{output}: cannot write: {exc.strerror or exc}")
            status = EXIT_ERROR
    if not _shows_gate(report):
        for short in summary.shortfalls():
            echo_problem(f"mtcheck: {short.text()}")
    if step is not None:
        failure = step.write(summary, problems, run.fail_on, passed=status == EXIT_CLEAN)
        if failure:
            echo_problem(failure)
    raise typer.Exit(status)


def _step_summary():
    """``$GITHUB_STEP_SUMMARY``: the run as Markdown on the workflow run's page, when set."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return None
    from mtcheck.report.markdown import StepSummary

    return StepSummary(path)


def _shows_gate(report: object) -> bool:
    """Whether the report itself says that the score gate failed, where a person reads it
    (``SHOWS_GATE``: the terminal report and GitHub's annotations)."""
    return getattr(report, "SHOWS_GATE", False)


def _rule_infos(configured: Configured) -> list[RuleInfo]:
    """Every rule some file runs (SARIF describes them all), first occurrence first."""
    infos: dict[str, RuleInfo] = {}
    for checker in configured.checkers:
        for rule in checker.rules:
            infos.setdefault(rule.info.id, rule.info)
    return list(infos.values())


def _results(configured: Configured, options: Callable[[Settings], ReadOptions], jobs: int) -> Iterator[FileResult]:
    """Files that share rules and languages are checked together, in parallel. Without
    per-path overrides that is every file, in the order given; with them, the groups come
    in the order of their first file, each group's files in the order given."""
    from mtcheck.batch import check_files

    if configured.per_file is None:
        yield from check_files(configured.checker(), configured.files, options(configured.run), jobs)
        return
    groups: dict[tuple[object, ...], tuple[Settings, list[str]]] = {}
    for path, settings in configured.per_file.items():
        key = (settings.rules_key, settings.src_lang, settings.tgt_lang)
        groups.setdefault(key, (settings, []))[1].append(path)
    for settings, paths in groups.values():
        yield from check_files(configured.checkers.get(settings), paths, options(settings), jobs)


def _reference_scores(refs: list[str], files: list[str], options: ReadOptions, jobs: int):
    """Sentence chrF of the one checked file against its reference(s); sacrebleu loads here only."""
    from mtcheck.model import InputError
    from mtcheck.score import ScoreError, reference_chrf

    if len(files) != 1 or files[0] == "-":
        error("--ref scores one checked file; give exactly one (not standard input)")
        raise typer.Exit(EXIT_ERROR)
    try:
        return reference_chrf(options.load(files[0]), refs, jobs=jobs or os.cpu_count() or 1)
    except InputError as exc:
        echo_problem(str(exc.problem))
        raise typer.Exit(EXIT_ERROR) from None
    except ScoreError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_ERROR) from None


def _add_ranking(report: object, scored: object, findings: Counter[str]) -> None:
    """Where a post-editor should start: most findings first, then lowest chrF."""
    from mtcheck.score import post_editing_order, reference_lines, reference_report

    ranked = post_editing_order(list(scored.chrf), findings, scored.chrf, limit=10)  # type: ignore[attr-defined]
    if hasattr(report, "reference"):
        report.reference = reference_report(scored, ranked)  # type: ignore[attr-defined,arg-type]
    if hasattr(report, "extra_summary"):
        report.extra_summary = reference_lines(scored, ranked)  # type: ignore[attr-defined,arg-type]


def _baseline_filter(path: str | None):
    if path is None:
        return None
    from mtcheck.baseline import BaselineError, legacy_warning, read_baseline

    try:
        recorded = read_baseline(path)
    except BaselineError as exc:
        echo_problem(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    if recorded.legacy:
        echo_problem(legacy_warning(path))
    return recorded.is_new


def _write_baseline(path: str, findings: list[Finding], problems: list[str], quiet: bool) -> None:
    from mtcheck.baseline import write_baseline

    try:
        count = write_baseline(path, findings)
    except OSError as exc:
        problems.append(f"{path}: error: cannot write: {exc.strerror or exc}")
        echo_problem(problems[-1])
        return
    if not quiet:
        echo_problem(f"{path}: baseline of {count} finding{'s' if count != 1 else ''} written")


def _progress(total: int, quiet: bool = False):
    """A progress bar on stderr for batches, only when stderr is a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        return lambda path: None
    from rich.progress import Progress

    bar = Progress(transient=True, console=None)
    task = bar.add_task("checking", total=total)
    bar.start()

    def advance(path: str | None) -> None:
        if path is None:
            bar.stop()
        else:
            bar.update(task, advance=1, description=os.path.basename(path))

    return advance


def _make_report(
    output_format: OutputFormat,
    rules: list[RuleInfo],
    stream: TextIO,
    output: str | None,
    **options: object,
):
    from mtcheck import __version__
    from mtcheck.report.select import make_report

    return make_report(
        output_format.value,
        stream,
        version=__version__,
        rules=rules,
        environ=os.environ,
        output=output,
        **options,  # type: ignore[arg-type]
    )


def _report_file(output: str | None) -> ReportFile | None:
    """``-o FILE``: the report goes to a temporary file renamed over FILE when complete."""
    if output is None or output == "-":
        return None
    from mtcheck.cli.output import ReportFile

    try:
        return ReportFile(output)
    except OSError as exc:
        error(f"{output}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None


def _exit_status(summary: Summary, problems: list[str], fail_on: FailOn) -> int:
    from mtcheck.model import Severity

    if problems:
        return EXIT_ERROR
    if summary.shortfalls():
        return EXIT_FINDINGS
    if fail_on is FailOn.NEVER or summary.worst is None:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.worst.rank >= Severity(fail_on.value).rank else EXIT_CLEAN
