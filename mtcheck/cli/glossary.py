"""``mtcheck glossary …``: the terminologist's commands. Every write is atomic and keeps the
file's comments, order and untouched rows byte for byte."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mtcheck.cli.options import echo_problem, error, say, with_examples

if TYPE_CHECKING:
    from mtcheck.glossary.model import Entry, Glossary
    from mtcheck.glossary.tsvfile import GlossaryFile

app = typer.Typer(
    help="Maintain glossaries: add, remove, list, lint, fmt, import, export, stats, suggest.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

GlossaryPath = Annotated[str, typer.Argument(metavar="FILE", help="A glossary file (.tsv).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    error(message)
    return typer.Exit(code)


def _open(path: str, *, create: bool = False) -> GlossaryFile:
    from mtcheck.glossary.load import FORMATS
    from mtcheck.glossary.tsvfile import GlossaryError, GlossaryFile, read_glossary_file

    if FORMATS.get(Path(path).suffix.lower()) != "tsv":
        raise _fail(
            f"{path}: this command edits .tsv glossaries; convert with `mtcheck glossary import FILE -o NAME.tsv`"
        )

    if create and not os.path.exists(path):
        return GlossaryFile(path=path, header=["id", "source", "target", "forbidden", "note"])
    try:
        return read_glossary_file(path)
    except GlossaryError as exc:
        raise _fail(str(exc)) from None


def _shipped_or(path: str) -> str:
    """A shipped glossary's file for its name (``zh-en``) when no such file exists here."""
    from mtcheck.glossary.load import shipped_glossary

    if Path(path).is_file():
        return path
    shipped = shipped_glossary(path)
    return str(shipped) if shipped is not None else path


def _save(document: GlossaryFile) -> None:
    from mtcheck.glossary.tsvfile import write_glossary_file

    try:
        write_glossary_file(document)
    except OSError as exc:
        raise _fail(f"{document.path}: cannot write: {exc.strerror or exc}") from None


def _entries_of(path: str) -> list[Entry]:
    """The entries as the checks read them (the glossary's default severity applied)."""
    return _glossary_of(path).resolved()


def _glossary_of(path: str) -> Glossary:
    from mtcheck.glossary.load import load_glossary
    from mtcheck.glossary.tsvfile import GlossaryError

    try:
        return load_glossary(path)
    except GlossaryError as exc:
        raise _fail(str(exc)) from None


@app.command("add")
@with_examples(
    'mtcheck glossary add terms.tsv -s 总体国家安全观 -t "holistic approach to national security"',
    'mtcheck glossary add terms.tsv -s 领导干部 -t "officials" -f "leading cadres" --severity minor',
)
def add(
    path: GlossaryPath,
    source: Annotated[list[str], typer.Option("--source", "-s", metavar="TERM", help="Source term; repeatable.")],
    target: Annotated[
        list[str], typer.Option("--target", "-t", metavar="TERM", help="Approved target term, preferred first.")
    ],
    forbidden: Annotated[
        list[str] | None, typer.Option("--forbidden", "-f", metavar="TERM", help="Forbidden variant.")
    ] = None,
    note: Annotated[str, typer.Option(metavar="TEXT", help="Where the rendering comes from.")] = "",
    entry_id: Annotated[str, typer.Option("--id", metavar="ID", help="A stable id for the concept.")] = "",
    pos: Annotated[str, typer.Option(metavar="POS", help="Part of speech.")] = "",
    case_sensitive: Annotated[bool, typer.Option("--case-sensitive", help="Match the terms' case.")] = False,
    status: Annotated[
        str, typer.Option(metavar="[approved|proposed|deprecated]", help="The concept's status.")
    ] = "approved",
    severity: Annotated[
        str,
        typer.Option(
            metavar="[minor|major|critical]",
            help="The concept's severity (default: the glossary's default-severity, else the rule's).",
        ),
    ] = "",
    src_lang: Annotated[str, typer.Option("--src-lang", metavar="CODE", help="The source terms' language.")] = "",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", metavar="CODE", help="The target terms' language.")] = "",
) -> None:
    """Add a concept (the file is created if it does not exist)."""
    from mtcheck.glossary.fmt import insert_entry
    from mtcheck.glossary.lint import lint
    from mtcheck.glossary.matcher import term_key
    from mtcheck.glossary.model import SEVERITIES, STATUSES, Entry
    from mtcheck.glossary.tsvfile import GlossaryFile

    if not any(s.strip() for s in source) or not any(t.strip() for t in target):
        raise _fail("a concept needs a non-empty --source and --target")
    if status not in STATUSES:
        raise _fail(f"--status must be one of {', '.join(STATUSES)}")
    if severity and severity not in SEVERITIES:
        raise _fail(f"--severity must be one of {', '.join(SEVERITIES)}")
    document = _open(path, create=True)
    entry = Entry(
        source=tuple(s.strip() for s in source if s.strip()),
        target=tuple(t.strip() for t in target if t.strip()),
        forbidden=tuple(f.strip() for f in forbidden or () if f.strip()),
        note=note.strip(),
        id=entry_id.strip(),
        pos=pos.strip(),
        case_sensitive=case_sensitive,
        status=status,
        severity=severity,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )
    keys = {term_key(term) for term in entry.source}
    for existing in document.entries:
        if keys & {term_key(term) for term in existing.source} or (entry.id and entry.id == existing.id):
            raise _fail(f"{path}:{existing.line}: already has {existing.label}; remove it first or edit the row", 1)
    trial = GlossaryFile(path, list(document.header), [*document.rows], document.header_row)
    trial.append(entry)
    before = {str(problem) for problem in lint(document)}
    problems = [problem for problem in lint(trial) if str(problem) not in before]
    if problems:
        problem = problems[0]
        where = f"{path}:{problem.line}" if problem.line else path
        message = problem.message.replace("on line 0", "in the new concept")
        raise _fail(f"{where}: not added: {message}", 1)
    insert_entry(document, entry)  # where `glossary fmt` would put it
    _save(document)
    say(f"{path}: added {entry.label}")


@app.command("remove")
@with_examples(
    "mtcheck glossary remove terms.tsv nsec-001",
    "mtcheck glossary remove terms.tsv 总体国家安全观",
)
def remove(
    path: GlossaryPath, term: Annotated[str, typer.Argument(metavar="ID|TERM", help="An id or a source term.")]
) -> None:
    """Remove the concept with this id or source term."""
    document = _open(path)
    doomed = {
        index
        for index, row in enumerate(document.rows)
        if row.entry is not None and (term == row.entry.id or term in row.entry.source)
    }
    if not doomed:
        raise _fail(f"{path}: no entry with id or source term {term!r}", 1)
    removed = len(doomed)
    document.header_row -= sum(1 for index in doomed if index < document.header_row)
    document.rows = [row for index, row in enumerate(document.rows) if index not in doomed]
    _save(document)
    say(f"{path}: removed {removed} entr{'y' if removed == 1 else 'ies'}")


@app.command("list")
@with_examples(
    "mtcheck glossary list terms.tsv --term security",
    "mtcheck glossary list zh-en --json",
)
def list_entries(
    path: GlossaryPath,
    term: Annotated[
        str, typer.Option("--term", metavar="TEXT", help="Only entries with a term containing this text.")
    ] = "",
    lang: Annotated[str, typer.Option("--lang", metavar="CODE", help="Only entries for this language code.")] = "",
    as_json: AsJson = False,
) -> None:
    """List concepts, filtered by term or language."""
    entries = _entries_of(path)
    needle = term.lower()
    chosen = [
        e
        for e in entries
        if (not needle or any(needle in t.lower() for t in (*e.source, *e.target, *e.forbidden)))
        and (not lang or lang.lower() in (e.src_lang.lower(), e.tgt_lang.lower()))
    ]
    if as_json:
        records = [
            {
                "id": e.id,
                "source": list(e.source),
                "target": list(e.target),
                "forbidden": list(e.forbidden),
                "note": e.note,
                "status": e.status,
                "line": e.line,
            }
            for e in chosen
        ]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for e in chosen:
        line = f"{e.id or '-'}\t{' | '.join(e.source)}\t→ {' | '.join(e.target)}"
        if e.forbidden:
            line += f"\t✗ {' | '.join(e.forbidden)}"
        say(line)
    say(f"{len(chosen)} of {len(entries)} entries")


@app.command("lint")
@with_examples(
    "mtcheck glossary lint terms.tsv",
    "mtcheck glossary lint zh-en",
)
def lint_command(
    paths: Annotated[list[str], typer.Argument(metavar="FILE", help="Glossary files, or shipped names (zh-en).")],
) -> None:
    """Report duplicate concepts, conflicting terms, padded or empty fields, bad codes (exit 1)."""
    from mtcheck.glossary.lint import lint

    found = 0
    unreadable = 0
    for path in paths:
        try:
            document = _open(_shipped_or(path))
        except typer.Exit:
            unreadable += 1  # the one-line error is printed; the other files are still linted
            continue
        for problem in lint(document):
            found += 1
            say(str(problem))
    say(f"{found} problem{'s' if found != 1 else ''} in {len(paths)} file{'s' if len(paths) != 1 else ''}")
    raise typer.Exit(2 if unreadable else 1 if found else 0)


@app.command("fmt")
@with_examples(
    "mtcheck glossary fmt terms.tsv",
    "mtcheck glossary fmt --check glossaries/*.tsv   # in CI",
)
def fmt_command(
    paths: Annotated[list[str], typer.Argument(metavar="FILE", help="Glossary files.")],
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 if a file is not formatted.")] = False,
) -> None:
    """Rewrite in canonical column order and layout, entries sorted within each section."""
    from mtcheck.glossary.fmt import canonical
    from mtcheck.glossary.tsvfile import render

    changed = 0
    for path in paths:
        document = _open(path)
        formatted = canonical(document)
        if render(formatted) == Path(path).read_bytes():
            continue
        changed += 1
        if check:
            say(f"would reformat {path}")
        else:
            _save(formatted)
            say(f"reformatted {path}")
    if check and changed:
        raise typer.Exit(1)


@app.command("import")
@with_examples(
    "mtcheck glossary import termbase.tbx -o terms.tsv --src-lang zh --tgt-lang en",
    "mtcheck glossary import memoq.csv -o terms.tsv --columns source=Begriff,target=Übersetzung",
)
def import_command(
    source: Annotated[str, typer.Argument(metavar="FILE", help="A .tbx or .csv file.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="The .tsv glossary to write.")],
    src_lang: Annotated[
        str | None,
        typer.Option("--src-lang", metavar="CODE", help="Source language of a multilingual TBX or CSV (zh, zh-CN)."),
    ] = None,
    tgt_lang: Annotated[
        str | None, typer.Option("--tgt-lang", metavar="CODE", help="Target language (en, en-US).")
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="FIELD=HEADER,…",
            help="CSV: which header cell is which field, e.g. source=Term,target=Translation.",
        ),
    ] = None,
) -> None:
    """Convert a TBX or CSV glossary to mtcheck's TSV, saying which columns were taken for what."""
    from mtcheck.glossary.load import glossary_format
    from mtcheck.glossary.model import LANG_CODE, severity_problem, value_problems
    from mtcheck.glossary.tsvfile import DEFAULT_SEVERITY, GlossaryError, GlossaryFile, Row, widen_header

    if not output.lower().endswith(".tsv"):
        raise _fail(f"{output}: import writes mtcheck's .tsv glossary format")
    for option, code in (("--src-lang", src_lang), ("--tgt-lang", tgt_lang)):
        if code is not None and not LANG_CODE.fullmatch(code):
            raise _fail(f"{option} {code!r} is not a language code such as zh, en or en-GB")
    mapping = _column_mapping(columns)
    default = ""
    try:
        fmt = glossary_format(source)
        if fmt == "csv":
            from mtcheck.glossary.csvfile import read_csv_mapped

            entries, used = read_csv_mapped(source, columns=mapping, src_lang=src_lang, tgt_lang=tgt_lang)
            described = used.describe()
            if described:
                say(f"{source}: columns {described}")
        elif mapping:
            raise GlossaryError(f"{source}: --columns is for CSV files")
        elif fmt == "tbx":
            from mtcheck.glossary.tbx import read_tbx_file

            entries, found_src, found_tgt, default = read_tbx_file(source, src_lang, tgt_lang)
            say(f"{source}: {found_src} terms → source, {found_tgt} terms → target")
        else:
            raise GlossaryError(f"{source}: import reads .tbx or .csv; a .tsv glossary needs no import")
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    for entry in entries:
        problems = value_problems(entry)
        if problems:
            raise _fail(f"{source}:{entry.line}: {problems[0][1]}")
    problem = severity_problem(default, "default severity")
    if problem:
        raise _fail(f"{source}: {problem}")
    document = GlossaryFile(path=output, header=["id", "source", "target", "forbidden", "note"])
    if default:
        document.rows.append(Row(None, f"# {DEFAULT_SEVERITY}: {default}"))
        document.header_row = 1
    for entry in entries:
        widen_header(document, entry)
        document.append(entry)
    _save(document)
    say(f"{output}: {len(entries)} entries from {source}")


def _column_mapping(columns: str | None) -> dict[str, str]:
    """``source=Term,target=Translation`` → {"source": "Term", "target": "Translation"}."""
    mapping: dict[str, str] = {}
    for part in (columns or "").split(","):
        if not part.strip():
            continue
        field, equals, cell = part.partition("=")
        if not equals or not field.strip() or not cell.strip():
            raise _fail(f"--columns: {part.strip()!r} is not FIELD=HEADER (e.g. source=Term)")
        mapping[field.strip()] = cell.strip()
    return mapping


@app.command("export")
@with_examples(
    "mtcheck glossary export terms.tsv -o terms.tbx --src-lang zh --tgt-lang en",
    "mtcheck glossary export terms.tsv -o terms.csv",
)
def export_command(
    path: GlossaryPath,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="A .tbx or .csv file to write.")],
    src_lang: Annotated[str, typer.Option("--src-lang", metavar="CODE", help="Source language code for TBX.")] = "zh",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", metavar="CODE", help="Target language code for TBX.")] = "en",
) -> None:
    """Convert a glossary to TBX (TBX-Basic) or CSV. A CSV has no place for the glossary's
    default severity: it is written into the severity cell of each entry that has none."""
    from mtcheck.glossary.model import LANG_CODE

    for option, code in (("--src-lang", src_lang), ("--tgt-lang", tgt_lang)):
        if not LANG_CODE.fullmatch(code):
            raise _fail(f"{option} {code!r} is not a language code such as zh, en or en-GB")
    from mtcheck.glossary.load import glossary_format
    from mtcheck.glossary.tsvfile import GlossaryError

    glossary = _glossary_of(path)
    entries = glossary.entries
    try:
        fmt = glossary_format(output)
        if fmt == "tbx":
            from mtcheck.glossary.tbx import write_tbx

            write_tbx(entries, output, src_lang, tgt_lang, glossary.default_severity)
        elif fmt == "csv":
            from mtcheck.glossary.csvfile import write_csv

            write_csv(glossary.resolved(), output)
        else:
            raise GlossaryError(f"{output}: export writes .tbx or .csv")
    except GlossaryError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    say(f"{output}: {len(entries)} entries")


@app.command("stats")
@with_examples(
    "mtcheck glossary stats terms.tsv",
    "mtcheck glossary stats zh-en --json",
)
def stats(path: GlossaryPath, as_json: AsJson = False) -> None:
    """Counts: entries by status, terms, forbidden variants, notes, languages."""
    from collections import Counter

    entries = _entries_of(path)
    figures = {
        "entries": len(entries),
        "by_status": dict(Counter(e.status for e in entries)),
        "source_terms": sum(len(e.source) for e in entries),
        "approved_terms": sum(len(e.target) for e in entries),
        "forbidden_variants": sum(len(e.forbidden) for e in entries),
        "with_forbidden": sum(1 for e in entries if e.forbidden),
        "with_note": sum(1 for e in entries if e.note),
        "case_sensitive": sum(1 for e in entries if e.case_sensitive),
        "languages": sorted({f"{e.src_lang or '?'}→{e.tgt_lang or '?'}" for e in entries}),
    }
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key, value in figures.items():
        say(f"{key.replace('_', ' ')}: {value}")


@app.command("suggest")
@with_examples(
    "mtcheck glossary suggest batch.tsv",
    "mtcheck glossary suggest batch.tsv -g terms.tsv --min-count 3",
)
def suggest_command(
    batch: Annotated[str, typer.Argument(metavar="FILE", help="A bilingual file (TSV source<TAB>target).")],
    glossary: Annotated[
        str | None, typer.Option("--glossary", "-g", metavar="FILE", help="Look only at this glossary's source terms.")
    ] = None,
    min_count: Annotated[
        int, typer.Option("--min-count", metavar="N", help="A term must recur in this many segments.")
    ] = 2,
    as_json: AsJson = False,
) -> None:
    """Candidate entries: recurring source terms rendered in more than one way, with counts."""
    from mtcheck.formats import read_segments
    from mtcheck.glossary.suggest import suggest
    from mtcheck.model import InputError

    try:
        segments = list(read_segments(batch))
    except InputError as exc:
        echo_problem(str(exc.problem))
        raise typer.Exit(2) from None
    candidates = suggest(segments, glossary=_entries_of(glossary) if glossary else (), min_count=min_count)
    if as_json:
        records = [
            {
                "source": c.source,
                "segments": c.segments,
                "renderings": [{"text": r.text, "count": r.count, "status": r.status} for r in c.renderings],
            }
            for c in candidates
        ]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for candidate in candidates:
        say(f"{candidate.source} ({candidate.segments} segments)")
        for rendering in candidate.renderings:
            status = f"  [{rendering.status}]" if rendering.status else ""
            say(f"  {rendering.count:>4}  {rendering.text}{status}")
    say(f"{len(candidates)} candidate{'s' if len(candidates) != 1 else ''}")
