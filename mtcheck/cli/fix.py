"""``mtcheck fix``: apply fixes in place, print them as a diff, or review them one by one."""

from __future__ import annotations

import enum
import json
import os
import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from mtcheck.cli.options import (
    AllowExternal,
    Color,
    ColorOption,
    ConfigFile,
    Exclude,
    ExtendExclude,
    ExtendIgnore,
    ExtendSelect,
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
    from mtcheck.cli.output import ReportFile
    from mtcheck.effort import Effort
    from mtcheck.fixer import Reviewer, SegmentFix
    from mtcheck.formats import Loaded
    from mtcheck.model import Finding
    from mtcheck.report.html import FixHtmlReport


class FixFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


@with_examples(
    "mtcheck fix l10n/de.po                       # apply the safe fixes in place",
    "mtcheck fix --diff l10n/de.po > fixes.diff   # write nothing: a diff for patch -p0",
    "mtcheck fix --unsafe-fixes -g zh-en a.tsv    # suggestions too: calque rewrites, term swaps",
    "mtcheck fix -i l10n/de.po                    # review each fix",
    "cat de.po | mtcheck fix - --stdin-filename l10n/de.po > fixed.po",
    "mtcheck fix --show-fixes l10n/de.po          # and list each fix made",
)
def fix(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH", help="Files, directories or glob patterns to fix in place; '-' reads standard input."
        ),
    ],
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Apply suggestions too (calque rewrites, term swaps).")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print a unified diff (patch -p0).")] = False,
    interactive: Annotated[
        bool,
        typer.Option("--interactive", "-i", help="Review each fix, suggestions too: accept, reject, edit."),
    ] = False,
    backup: Annotated[bool, typer.Option("--backup", help="Keep the original as FILE.orig.")] = False,
    output_format: Annotated[
        FixFormat,
        typer.Option("--format", "-f", help="Summary format; html (with --diff): the fixes, before and after."),
    ] = FixFormat.TEXT,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the summary (or the HTML report) to this file."),
    ] = None,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List every fix made (or, with --diff, that would be made).")
    ] = False,
    quiet: Quiet = False,
    color: ColorOption = Color.AUTO,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", "-s", metavar="FILE", help="Plain-text source paired line by line with the one target."
        ),
    ] = None,
    config_file: ConfigFile = None,
    isolated: Isolated = False,
    force_exclude: ForceExclude = None,
    stdin_filename: StdinFilename = None,
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
    input_format: InputFormat = None,
    include: Include = None,
    exclude: Exclude = None,
    extend_exclude: ExtendExclude = None,
    respect_gitignore: RespectGitignore = None,
    skip_final: Annotated[
        bool,
        typer.Option(
            "--skip-final/--no-skip-final",
            help="XLIFF: leave final, approved, signed-off and locked units alone (the default).",
        ),
    ] = True,
    include_fuzzy: IncludeFuzzy = False,
    source_column: SourceColumn = None,
    target_column: TargetColumn = None,
    id_column: IdColumn = None,
    mark_review: Annotated[
        bool,
        typer.Option(
            "--mark-review/--no-mark-review",
            help="XLIFF, Trados, memoQ: mark each edited unit for review in the file's own way (the default).",
        ),
    ] = True,
    mark_fuzzy: Annotated[
        bool, typer.Option("--mark-fuzzy", help="PO: flag each edited entry fuzzy (gettext then leaves it out).")
    ] = False,
) -> None:
    """Apply safe fixes (and suggestions with --unsafe-fixes), changing no other byte."""
    from mtcheck.effort import Effort
    from mtcheck.formats.runs import WriteError
    from mtcheck.model import InputError

    if source is not None and len(paths) != 1:
        error("--source pairs one source file with one target file; give exactly one target")
        raise typer.Exit(2)
    if interactive and "-" in paths:
        error("--interactive reads your answers from standard input; it cannot also read the file from it")
        raise typer.Exit(2)
    if config_file is not None and isolated:
        error("--config and --isolated contradict each other: give one")
        raise typer.Exit(2)
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
    for line in configured.problems:  # directories that could not be listed
        echo_problem(line)
    if not quiet:
        note_left_out(configured)
    if not configured.files:
        if configured.excluded and not configured.problems:
            raise typer.Exit(0)  # pre-commit handed only files the configuration excludes
        error(f"no files to fix in {' '.join(paths)}")
        raise typer.Exit(2)
    if output_format is FixFormat.HTML and not diff:
        error("--format html shows the fixes that would be made: use it with --diff")
        raise typer.Exit(2)
    review = _reviewer() if interactive else None
    report_file = _report_file(output)
    info = report_file.stream if report_file else sys.stderr if diff or "-" in paths else sys.stdout
    html_report = None
    if output_format is FixFormat.HTML:
        html_report = _html_report(report_file.stream if report_file else sys.stdout)
    problems: list[str] = list(configured.problems)
    changed_files = 0
    total = Effort()
    records = []
    marks = {"review"} if mark_review else set()
    if mark_fuzzy:
        marks.add("fuzzy")
    shown: list[Finding] = []
    for path in configured.files:
        settings = configured.settings(path)
        checker = configured.checker(path)
        options = read_options(
            input_format=input_format,
            source=source,
            src_lang=settings.src_lang,
            tgt_lang=settings.tgt_lang,
            skip_final=skip_final,
            include_fuzzy=include_fuzzy,
            source_column=source_column,
            target_column=target_column,
            id_column=id_column,
            stdin_name=stdin_filename,
        )
        try:
            loaded = options.load(path)
        except InputError as exc:
            problems.append(str(exc.problem))
            echo_problem(str(exc.problem))
            continue
        from mtcheck.fixer import fix_segment

        checker.start_file(loaded.segments)
        # A reviewer sees every fix, suggestions too: a person looks at each one.
        unsafe = unsafe_fixes or review is not None
        results = [fix_segment(checker, s, unsafe=unsafe, review=review) for s in loaded.segments]
        checker.finish_file()  # batch findings carry no fixes; drop the file's measurements
        effort = _effort(results)
        total.add(effort)
        new_targets = {r.segment.key: r.target for r in results if r.changed}
        if new_targets:
            changed_files += 1
        if new_targets and html_report is None:  # else the HTML report shows the changes
            try:
                _emit(loaded, loaded.render(new_targets, marks), diff=diff, backup=backup, color=color)
            except WriteError as exc:
                problems.append(str(exc))
                echo_problem(problems[-1])
            except OSError as exc:
                problems.append(f"{path}: error: cannot write: {exc.strerror or exc}")
                echo_problem(problems[-1])
        introduced = [f for r in results for f in r.introduced]
        for finding in introduced:
            echo_problem(
                f"{finding.segment.origin.path}:{finding.line}:{finding.column}: warning: the fixes introduced "
                f"{finding.rule}: {finding.message}"
            )
        records.append(_record(loaded.document.name, results, effort, introduced))
        if show_fixes:
            shown.extend(f for r in results for f in r.applied)
        if html_report is not None:
            applied = [f for r in results for f in r.applied]
            html_report.file(path, applied, segments=len(results), touched=effort.touched, ter=effort.ter)
    for checker in configured.checkers:  # rules that failed on a segment (contained, reported)
        for line in checker.problems:
            echo_problem(line)
        problems.extend(checker.problems)
    if html_report is not None:
        html_report.finish(problems, ter=total.ter, unsafe=unsafe_fixes)
    elif not quiet or output_format is FixFormat.JSON:
        _summary(records, total, output_format, info, unsafe_fixes or interactive, diff, shown if show_fixes else None)
    if report_file is not None:
        try:
            report_file.commit()
        except OSError as exc:
            error(f"{output}: cannot write: {exc.strerror or exc}")
            problems.append(str(exc))
    if problems:
        raise typer.Exit(2)
    if any(r["introduced"] for r in records):
        raise typer.Exit(1)
    raise typer.Exit(1 if diff and changed_files else 0)


def _report_file(output: str | None) -> ReportFile | None:
    """``-o FILE``: the report goes to a temporary file renamed over FILE when complete."""
    if output is None or output == "-":
        return None
    from mtcheck.cli.output import ReportFile

    try:
        return ReportFile(output)
    except OSError as exc:
        error(f"{output}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def _html_report(stream: TextIO) -> FixHtmlReport:
    from mtcheck import __version__
    from mtcheck.report.html import FixHtmlReport
    from mtcheck.report.select import report_time

    return FixHtmlReport(stream, __version__, generated=report_time(os.environ))


def _reviewer() -> Reviewer:
    from mtcheck.review import InteractiveReview

    def write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    return InteractiveReview(sys.stdin.readline, write)


def _emit(loaded: Loaded, data: bytes, *, diff: bool, backup: bool, color: Color = Color.AUTO) -> None:
    """Print a diff, write the fixed bytes to stdout (for '-'), or replace the file atomically
    (refusing when it changed since it was read)."""
    from mtcheck.atomic import ensure_unchanged, write_atomic, write_backup

    document = loaded.document
    if diff:
        from mtcheck.display import use_color
        from mtcheck.report.diff import for_terminal, unified_diff

        patch = unified_diff(document.name, document.encode(), data)
        sys.stdout.flush()
        coloured = use_color(color.value, sys.stdout, os.environ)
        if sys.stdout.isatty() or coloured:  # for a person: control characters escaped, colour as --color says
            sys.stdout.write(for_terminal(patch, colour=coloured))
        else:  # for patch and git apply: the file's own bytes
            sys.stdout.buffer.write(patch)
            sys.stdout.buffer.flush()
        return
    if document.path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if backup:
        if document.digest is not None:
            ensure_unchanged(document.path, document.digest)
        write_backup(document.path, document.encode())
    write_atomic(document.path, data, expected=document.digest)


def _effort(results: list[SegmentFix]) -> Effort:
    from mtcheck.effort import measure

    pairs = [(r.segment.target, r.target) for r in results]
    return measure(pairs, [f.rule for r in results for f in r.applied])


def _record(path: str, results: list[SegmentFix], effort: Effort, introduced: list) -> dict:
    from mtcheck.report.jsonout import finding_record

    return {
        "path": "<stdin>" if path == "-" else path,
        "changed": any(r.changed for r in results),
        **effort.as_dict(),
        "left": sum(len(r.left) for r in results),
        "introduced": [finding_record(f) for f in introduced],
    }


def escape_lines(text: str) -> str:
    from mtcheck.display import escape_lines as escaped

    return escaped(text)


def _summary(
    records: list[dict],
    total: Effort,
    output_format: FixFormat,
    stream: TextIO,
    unsafe: bool,
    diff: bool,
    shown: list[Finding] | None = None,
) -> None:
    if output_format is FixFormat.JSON:
        document = {"files": records, "total": {**total.as_dict(), "files_changed": sum(r["changed"] for r in records)}}
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    verb = "Would fix" if diff else "Fixed"
    edits = sum(total.edits_by_rule.values())
    files = sum(r["changed"] for r in records)
    lines = [
        f"{verb} {total.touched} of {total.segments} segments in {files} of {len(records)} "
        f"file{'s' if len(records) != 1 else ''} ({edits} fix{'es' if edits != 1 else ''})."
    ]
    if edits:
        by_rule = ", ".join(f"{rule} {count}" for rule, count in sorted(total.edits_by_rule.items()))
        lines.append(f"  by rule: {by_rule}")
        lines.append("  post-editing effort (TER before → after):")
        for record in records:
            if record["changed"]:
                lines.append(f"    {record['path']}: {record['ter']:.2f}")
        lines.append(f"    overall: {total.ter:.2f}")
    left = sum(r["left"] for r in records)
    if left:
        lines.append(f"{left} fix{'es' if left != 1 else ''} could not be applied (conflicts): run mtcheck fix again.")
    if shown is not None:
        lines.append(("Would apply" if diff else "Applied") + f" {len(shown)} fix{'es' if len(shown) != 1 else ''}:")
        for finding in shown:
            where = f"{finding.segment.origin.path}:{finding.line}:{finding.column}"
            lines.append(f"  {where} {finding.rule}: “{finding.text}” → “{finding.replacement or ''}”")
    if not unsafe:
        lines.append("Suggestions are not applied without --unsafe-fixes (see `mtcheck check`).")
    stream.write(escape_lines("\n".join(lines)) + "\n")
