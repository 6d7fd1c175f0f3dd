"""``mtcheck check``: read files, run the rules, report, and set the exit status."""

from __future__ import annotations

import enum
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mtcheck.cli.options import (
    ExtendSelect,
    FailOn,
    Glossaries,
    Ignore,
    NoShipped,
    RulePacks,
    Select,
    SrcLang,
    TgtLang,
    error,
    make_checker,
)

if TYPE_CHECKING:
    from mtcheck.report.summary import Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(enum.StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    JSONL = "jsonl"


class InputFormat(enum.StrEnum):
    TEXT = "text"
    TSV = "tsv"


def check(
    paths: Annotated[list[str], typer.Argument(help="Files to check; '-' reads standard input.")],
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", help="Plain-text source file paired line by line with the one target file."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TERMINAL,
    select: Select = None,
    extend_select: ExtendSelect = None,
    ignore: Ignore = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.MINOR,
    rules: RulePacks = None,
    no_shipped_rules: NoShipped = False,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Override the format chosen by file extension.")
    ] = None,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
    glossary: Glossaries = None,
) -> None:
    """Check translated files and report what is wrong, with fixes where they are mechanical."""
    # Imported here so that `mtcheck --version` and `--help` stay fast.
    from mtcheck.formats import read_segments
    from mtcheck.model import InputError
    from mtcheck.report.summary import Summary

    if source is not None and len(paths) != 1:
        error("--source pairs one source file with one target file; give exactly one target")
        raise typer.Exit(EXIT_ERROR)
    checker = make_checker(
        rules=rules,
        no_shipped_rules=no_shipped_rules,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        glossary=glossary,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
    )

    report = _make_report(output_format)
    summary = Summary()
    problems: list[str] = []
    for path in paths:
        try:
            segments = read_segments(
                path,
                input_format=input_format.value if input_format else None,
                source_path=source,
                src_lang=src_lang,
                tgt_lang=tgt_lang,
            )
        except InputError as exc:
            problems.append(str(exc.problem))
            typer.echo(str(exc.problem), err=True)
            continue
        summary.files += 1
        for segment in segments:
            summary.segments += 1
            for finding in checker.check_segment(segment):
                summary.add(finding)
                report.finding(finding)
        for finding in checker.finish_file():
            summary.add(finding)
            report.finding(finding)
    for finding in checker.finish():
        summary.add(finding)
        report.finding(finding)
    for problem in checker.problems:
        typer.echo(problem, err=True)
    problems.extend(checker.problems)
    report.finish(summary, problems)
    raise typer.Exit(_exit_status(summary, problems, fail_on))


def _make_report(output_format: OutputFormat):
    from mtcheck import __version__

    stream = sys.stdout
    if output_format is OutputFormat.JSON:
        from mtcheck.report.jsonout import JsonReport

        return JsonReport(stream, __version__)
    if output_format is OutputFormat.JSONL:
        from mtcheck.report.jsonout import JsonLinesReport

        return JsonLinesReport(stream)
    from mtcheck.report.terminal import TerminalReport

    color = stream.isatty() and not os.environ.get("NO_COLOR")
    return TerminalReport(stream, color=color)


def _exit_status(summary: Summary, problems: list[str], fail_on: FailOn) -> int:
    from mtcheck.model import Severity

    if problems:
        return EXIT_ERROR
    if fail_on is FailOn.NEVER or summary.worst is None:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.worst.rank >= Severity(fail_on.value).rank else EXIT_CLEAN
