#!/usr/bin/env python3
"""Measure mtcheck on the localization corpus: findings per 1,000 segments by language and rule.

    python bench/l10n/run.py                          # dev split, the venv's mtcheck, languages from the manifest
    python bench/l10n/run.py --split heldout          # the held-out projects (never tune on them)
    python bench/l10n/run.py --lang-from file         # pass no language flags: mtcheck must find them itself
    python bench/l10n/run.py --langs fr,de --projects git --sample 5 --sample-out /tmp/s.md
    python bench/l10n/run.py --mtcheck "/path/to/other/.venv/bin/mtcheck" --json out.json --markdown out.md

Runs `mtcheck check --format jsonl` once per corpus file (bench/data/l10n/, made by
collect.py), in parallel (`--workers`), and reports per split and target language: files,
segments (counted by corpus.py, not by the tool measured), findings and findings per 1,000
segments, by rule; safe fixes and how many change a character sequence the source has
verbatim; files the tool refused (exit 2, an `error:` line) and crashes (a traceback, or an
exit status other than 0, 1, 2); wall and CPU time.

"Source-verbatim": the flagged span widened to the whole whitespace-delimited token(s) it sits
in (for a span of spaces: the token before it with the spaces, or the spaces with the token
after) occurs, character for character, in the segment's source. A safe fix there edits text
the translator copied from the source on purpose: `%s..%s`, `../`, `{heads,tags}`,
`[y,n,q,a,d]`, `--all   show` in an aligned column. A safe fix is counted when it alters that
stretch; one that only adds at its edge (the space the source has after `Status:`, the final
`\n` after `%@`) leaves it whole. The JSON's `safe_fixes_on_source_verbatim_spans` counts every
safe fix on such a span, as the first version of this measure did.

`--sample N` writes up to N findings per rule and language (seeded, reproducible) with their
source, target and marked span to `--sample-out` (Markdown), for reading and triage.
Standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collect import DATA, read_manifest
from corpus import FileInfo, Unit, read_path

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------- source-verbatim measure


_WRAPPERS = "\"'«»‹›„“”‚‘’「」『』（）()[]【】〈〉《》<>:;,.!?。、，：；！？"


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def source_verbatim(target: str, start: int, end: int, source: str | None) -> str | None:
    """The stretch of target around [start, end) that the source holds verbatim, or None."""
    if not source or start < 0 or end > len(target) or start > end:
        return None
    left, right = _token_bounds(target, start, end)
    span = target[start:end]
    # a span of spaces (or an insertion point) is judged with the token before it or the one after it
    candidates = [target[left:right]] if span.strip() else [target[left:end], target[start:right]]
    if span.strip():  # the token without the quotes or brackets the translator may have put around it
        while left < start and target[left] in _WRAPPERS:
            left += 1
        while right > end and target[right - 1] in _WRAPPERS:
            right -= 1
        candidates.append(target[left:right])
    for candidate in candidates:
        if len(candidate.strip()) >= 2 and candidate in source:
            return candidate
    return None


def fix_changes_verbatim(target: str, start: int, end: int, replacement: str, verbatim: str) -> bool:
    """Whether replacing [start, end) with ``replacement`` alters the source-verbatim stretch
    ``verbatim`` around it. Text added at its edge (the space a source has after ``Status:``,
    the ``\n`` after ``%@``) leaves it whole; anything else (``%s..%s`` → ``%s.%s``) alters it."""
    at = next(
        (
            position
            for position in range(max(0, start - len(verbatim)), start + 1)
            if target.startswith(verbatim, position) and position + len(verbatim) >= end
        ),
        None,
    )
    if at is None:
        return True
    fixed = target[:start] + replacement + target[end:]
    grown = fixed[at : at + len(verbatim) + len(replacement) - (end - start)]
    return not (grown.startswith(verbatim) or grown.endswith(verbatim))


def inside_code(target: str, start: int, end: int) -> bool:
    """Whether [start, end) touches an inline code or tag as written in the target (`<x … equiv-text="…"/>`)."""
    return any(m.start() < max(end, start + 1) and start < m.end() for m in _TAG.finditer(target))


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


# ---------------------------------------------------------------- mapping findings to segments


class FileIndex:
    """Finds the corpus segment a finding's line and column fall in."""

    def __init__(self, info: FileInfo) -> None:
        self.info = info
        text = info.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.by_target = sorted(info.units, key=lambda unit: unit.target_span[0])
        self.target_starts = [unit.target_span[0] for unit in self.by_target]
        self.by_source = sorted((u for u in info.units if u.source_span), key=lambda u: u.source_span[0])  # type: ignore[index]
        self.source_starts = [unit.source_span[0] for unit in self.by_source]  # type: ignore[index]

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.line_starts):
            return None
        return self.line_starts[line - 1] + column - 1

    def unit(self, line: int, column: int, side: str, key: str = "") -> Unit | None:
        offset = self.offset(line, column)
        if offset is None:
            return None
        units, starts = (
            (self.by_source, self.source_starts) if side == "source" else (self.by_target, self.target_starts)
        )
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return None
        unit = units[index]
        span = unit.source_span if side == "source" else unit.target_span
        if not span or offset > span[1] + 1:
            return None
        form = re.search(r"\[(\d+)\]$", key)
        if side == "source" and form:  # plural forms share their source: the key's [n] says which one
            forms = [u for u in units[: index + 1] if u.source_span == span and u.key.endswith(f"[{form.group(1)}]")]
            unit = forms[-1] if forms else unit
        return unit


def locate(text: str, finding: dict) -> tuple[int, int] | None:
    """Where the finding's flagged text is in our reading of the segment (offsets may differ by escaping)."""
    start, end, flagged = finding.get("start", -1), finding.get("end", -1), finding.get("text") or ""
    if 0 <= start <= end <= len(text) and text[start:end] == flagged:
        return start, end
    if not flagged:
        return None
    positions = [m.start() for m in re.finditer(re.escape(flagged), text)]
    if not positions:
        return None
    best = min(positions, key=lambda position: abs(position - start))
    return best, best + len(flagged)


# ---------------------------------------------------------------- running


@dataclass
class FileResult:
    row: dict[str, str]
    exit_code: int
    findings: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crash: str | None = None


@dataclass
class RunResult:
    """One mtcheck process over one or more files."""

    exit_code: int
    wall: float
    cpu: float
    stdout: str
    stderr: str

    @property
    def crash(self) -> str | None:
        if "Traceback (most recent call last)" in self.stderr or self.exit_code not in (0, 1, 2):
            tail = [line for line in self.stderr.strip().splitlines() if line.strip()]
            return f"exit {self.exit_code}: " + (tail[-1] if tail else "(no message)")
        return None


def run_mtcheck(
    command: list[str], rows: list[dict[str, str]], data: Path, lang_from: str, extra: list[str]
) -> RunResult:
    argv = [*command, "check", "--format", "jsonl", "--jobs", "1"]
    if lang_from == "manifest":  # a group shares one source and one target language
        argv += ["--src-lang", rows[0]["src_lang"], "--tgt-lang", rows[0]["tgt_lang"]]
    argv += [*extra, *(str(data / row["local"]) for row in rows)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return RunResult(process.returncode, wall, usage.ru_utime + usage.ru_stime, stdout, stderr)


def split_results(run: RunResult, rows: list[dict[str, str]], data: Path) -> tuple[list[FileResult], int]:
    """Each file's findings and error lines out of one run's output; and the number of unreadable lines."""
    by_path = {str(data / row["local"]): FileResult(row, run.exit_code) for row in rows}
    bad_lines = 0
    for line in run.stdout.splitlines():
        if not line.strip():
            continue
        try:
            finding = json.loads(line)
        except json.JSONDecodeError:
            bad_lines += 1
            continue
        owner = by_path.get(finding.get("path", ""))
        if owner is None:
            bad_lines += 1
        else:
            owner.findings.append(finding)
    for line in run.stderr.splitlines():
        if re.search(r":\s*error:", line):
            owner = next((result for path, result in by_path.items() if line.startswith(path)), None)
            if owner is not None:
                owner.errors.append(line)
    return list(by_path.values()), bad_lines


# ---------------------------------------------------------------- measuring


@dataclass
class Tally:
    files: int = 0
    segments: int = 0
    findings: int = 0
    safe_fixes: int = 0
    safe_verbatim: int = 0
    safe_on_verbatim: int = 0
    safe_in_code: int = 0
    verbatim_findings: int = 0
    unlocated: int = 0
    refused: int = 0
    crashes: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    rules: Counter = field(default_factory=Counter)
    safe_by_rule: Counter = field(default_factory=Counter)
    safe_verbatim_by_rule: Counter = field(default_factory=Counter)

    def per_1k(self, count: int | None = None) -> float:
        count = self.findings if count is None else count
        return 1000.0 * count / self.segments if self.segments else 0.0

    def as_json(self) -> dict:
        return {
            "files": self.files,
            "segments": self.segments,
            "findings": self.findings,
            "findings_per_1k": round(self.per_1k(), 2),
            "safe_fixes": self.safe_fixes,
            "safe_fixes_source_verbatim": self.safe_verbatim,
            "safe_fixes_on_source_verbatim_spans": self.safe_on_verbatim,
            "safe_fixes_in_inline_code": self.safe_in_code,
            "findings_source_verbatim": self.verbatim_findings,
            "findings_not_located": self.unlocated,
            "files_refused": self.refused,
            "crashes": self.crashes,
            "wall_s": round(self.wall, 2),
            "cpu_s": round(self.cpu, 2),
            "rules": dict(self.rules.most_common()),
            "safe_fixes_by_rule": dict(self.safe_by_rule.most_common()),
            "safe_fixes_source_verbatim_by_rule": dict(self.safe_verbatim_by_rule.most_common()),
        }


@dataclass
class Sample:
    row: dict[str, str]
    finding: dict
    unit: Unit | None
    span: tuple[int, int] | None
    verbatim: str | None


def analyse(result: FileResult, data_dir: Path, tallies: list[Tally], samples: list[Sample] | None) -> None:
    row = result.row
    info = read_path(data_dir / row["local"], row["tgt_lang"])
    index = FileIndex(info)
    for tally in tallies:
        tally.files += 1
        tally.segments += int(row["segments"])
        tally.refused += bool(result.errors)
        tally.crashes += result.crash is not None
    for finding in result.findings:
        side = finding.get("side", "target")
        unit = index.unit(finding.get("line", 0), finding.get("column", 0), side, finding.get("segment", ""))
        span = verbatim = None
        in_code = False
        if unit is not None:
            text = unit.source if side == "source" else unit.target
            span = locate(text, finding)
            if span is not None and side == "target":
                verbatim = source_verbatim(unit.target, span[0], span[1], unit.source)
                in_code = inside_code(unit.target, span[0], span[1])
        fix = finding.get("fix") or {}
        safe = fix.get("safety") == "safe"
        changes = (
            safe
            and span is not None
            and verbatim is not None
            and fix_changes_verbatim(unit.target, span[0], span[1], fix.get("replacement") or "", verbatim)
        )
        rule = finding.get("rule", "?")
        for tally in tallies:
            tally.findings += 1
            tally.rules[rule] += 1
            tally.unlocated += span is None
            tally.verbatim_findings += verbatim is not None
            if safe:
                tally.safe_fixes += 1
                tally.safe_by_rule[rule] += 1
                if verbatim is not None:
                    tally.safe_on_verbatim += 1
                    if changes:
                        tally.safe_verbatim += 1
                        tally.safe_verbatim_by_rule[rule] += 1
                tally.safe_in_code += in_code
        if samples is not None:
            samples.append(Sample(row, finding, unit, span, verbatim))


# ---------------------------------------------------------------- reports


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value else "—"  # not measured per project when files share a process


def markdown_table(groups: dict[tuple[str, str], Tally], label: str) -> str:
    lines = [
        f"| split | {label} | files | segments | findings | per 1k | safe fixes | safe, source-verbatim "
        "| safe, in inline code | refused | crashes | wall s | CPU s | top rules (per 1k) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for (split, name), tally in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] == "all", item[0][1])):
        top = ", ".join(f"`{rule}` {tally.per_1k(count):.1f}" for rule, count in tally.rules.most_common(4))
        lines.append(
            f"| {split} | {name} | {tally.files} | {tally.segments:,} | {tally.findings:,} | {tally.per_1k():.1f} "
            f"| {tally.safe_fixes:,} | {tally.safe_verbatim:,} | {tally.safe_in_code:,} "
            f"| {tally.refused} | {tally.crashes} "
            f"| {_seconds(tally.wall)} | {_seconds(tally.cpu)} | {top} |"
        )
    return "\n".join(lines)


def rule_table(groups: dict[tuple[str, str], Tally], split: str) -> str:
    languages = sorted(name for (s, name) in groups if s == split and name != "all")
    total = groups[(split, "all")]
    header = "| rule | all | " + " | ".join(languages) + " |"
    lines = [header, "|---|" + "---:|" * (len(languages) + 1)]
    for rule, _count in total.rules.most_common():
        cells = [f"{total.per_1k(total.rules[rule]):.1f}"]
        for language in languages:
            tally = groups[(split, language)]
            cells.append(f"{tally.per_1k(tally.rules[rule]):.1f}" if tally.rules[rule] else "·")
        lines.append(f"| `{rule}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _mark(text: str, span: tuple[int, int] | None, limit: int = 300) -> str:
    if span is None:
        shown = text
    else:
        shown = text[: span[0]] + "⟦" + text[span[0] : span[1]] + "⟧" + text[span[1] :]
        if len(shown) > limit:
            begin = max(0, span[0] - limit // 2)
            shown = ("…" if begin else "") + shown[begin : begin + limit] + "…"
    if len(shown) > limit + 2:
        shown = shown[:limit] + "…"
    return shown.replace("\n", "⏎").replace("|", "\\|").replace("`", "ˋ")


def write_samples(samples: list[Sample], per_group: int, seed: int, path: Path) -> int:
    groups: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[(sample.finding.get("rule", "?"), sample.row["tgt_lang"])].append(sample)
    rng = random.Random(seed)
    chosen: list[tuple[int, Sample]] = []
    number = 0
    lines = ["# mtcheck findings on the localization corpus: samples", ""]
    for (rule, lang), members in sorted(groups.items()):
        members.sort(key=lambda s: (s.row["local"], s.finding.get("line", 0), s.finding.get("column", 0), rule))
        picked = rng.sample(members, min(per_group, len(members)))
        lines += [f"## `{rule}` — {lang} ({len(members)} findings)", ""]
        for sample in picked:
            number += 1
            chosen.append((number, sample))
            finding, row = sample.finding, sample.row
            fix = finding.get("fix")
            fix_text = f"{fix['safety']}: “{fix['replacement']}”" if fix else "none"
            source = (
                _mark(sample.unit.source, sample.span if finding.get("side") == "source" else None)
                if sample.unit
                else "?"
            )
            target = (
                _mark(sample.unit.target, sample.span if finding.get("side") != "source" else None)
                if sample.unit
                else "?"
            )
            lines += [
                f"{number}. `{row['repo']}` {row['path']}:{finding.get('line')} · {finding.get('severity')} · "
                f"{finding.get('message')} · fix {fix_text}"
                + (f" · **source has “{sample.verbatim}” verbatim**" if sample.verbatim else ""),
                f"   - src: {source}",
                f"   - tgt: {target}",
                "   - verdict: ",
                "",
            ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


# ---------------------------------------------------------------- main


def mtcheck_command(given: str | None) -> list[str]:
    if given:
        return shlex.split(given)
    local = Path(sys.executable).parent / "mtcheck"
    found = str(local) if local.exists() else shutil.which("mtcheck")
    if not found:
        sys.exit("run.py: no mtcheck in this venv or on PATH; give --mtcheck")
    return [found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--mtcheck", help="the command to run (default: mtcheck of this Python's venv)")
    parser.add_argument(
        "--lang-from", choices=["manifest", "file"], default="manifest", help="pass --src-lang/--tgt-lang, or none"
    )
    parser.add_argument("--args", default="", help="extra mtcheck check arguments, e.g. '--select punct'")
    parser.add_argument("--langs", help="only these target languages (comma-separated, as in the manifest)")
    parser.add_argument("--projects", help="only projects matching this regular expression")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="mtcheck processes at once")
    parser.add_argument(
        "--per-file", action="store_true", help="one process per file (default: one per split and language)"
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="write the full results here")
    parser.add_argument("--markdown", type=Path, help="write the Markdown tables here")
    parser.add_argument("--findings", type=Path, help="write every finding (JSON Lines, with project and language)")
    parser.add_argument("--sample", type=int, default=0, help="sample this many findings per rule and language")
    parser.add_argument("--sample-out", type=Path, default=Path("l10n-samples.md"))
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()

    rows = read_manifest()
    if args.split != "all":
        rows = [row for row in rows if row["split"] == args.split]
    if args.langs:
        wanted = set(args.langs.split(","))
        rows = [row for row in rows if row["tgt_lang"] in wanted]
    if args.projects:
        rows = [row for row in rows if re.search(args.projects, row["project"])]
    missing = [row["local"] for row in rows if not (args.data / row["local"]).is_file()]
    if missing:
        sys.exit(f"run.py: {len(missing)} corpus files missing (first: {missing[0]}); run bench/l10n/collect.py")
    command = mtcheck_command(args.mtcheck)
    extra = shlex.split(args.args)

    version = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.strip()
    groups: dict[tuple[str, str], Tally] = defaultdict(Tally)
    projects: dict[tuple[str, str], Tally] = defaultdict(Tally)
    formats: dict[tuple[str, str], Tally] = defaultdict(Tally)
    samples: list[Sample] | None = [] if args.sample else None
    problems: list[dict] = []
    lock = threading.Lock()
    findings_out = open(args.findings, "w", encoding="utf-8") if args.findings else None  # noqa: SIM115
    started = time.perf_counter()
    done = bad_lines = 0

    batches: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        key = (row["split"], row["tgt_lang"], row["src_lang"])
        batches[(*key, row["local"]) if args.per_file else key].append(row)

    def record(result: FileResult) -> None:
        row = result.row
        tallies = [
            groups[(row["split"], row["tgt_lang"])],
            groups[(row["split"], "all")],
            projects[(row["split"], row["project"])],
            formats[(row["split"], row["format"])],
        ]
        analyse(result, args.data, tallies, samples)
        if result.errors or result.crash:
            problems.append({"file": row["local"], "crash": result.crash, "errors": result.errors[:3]})
        if findings_out:
            for finding in result.findings:
                entry = {"project": row["project"], "split": row["split"], "lang": row["tgt_lang"], **finding}
                findings_out.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def work(batch: list[dict[str, str]]) -> None:
        nonlocal done, bad_lines
        run = run_mtcheck(command, batch, args.data, args.lang_from, extra)
        reruns: list[tuple[FileResult, RunResult]] = []
        if run.crash and len(batch) > 1:  # find which file it was: each on its own
            for row in batch:
                alone = run_mtcheck(command, [row], args.data, args.lang_from, extra)
                result = split_results(alone, [row], args.data)[0][0]
                result.crash = alone.crash
                reruns.append((result, alone))
            results, lost = [result for result, _ in reruns], 0
        else:
            results, lost = split_results(run, batch, args.data)
            for result in results:
                result.crash = run.crash
        with lock:
            bad_lines += lost
            row = batch[0]
            for key in ((row["split"], row["tgt_lang"]), (row["split"], "all")):
                groups[key].wall += run.wall
                groups[key].cpu += run.cpu
            if args.per_file:
                projects[(row["split"], row["project"])].wall += run.wall
                projects[(row["split"], row["project"])].cpu += run.cpu
            for result in results:
                record(result)
            done += len(batch)
            print(f"\r{done}/{len(rows)} files", end="", file=sys.stderr, flush=True)

    ordered = sorted(batches.values(), key=lambda batch: -sum(int(row["segments"]) for row in batch))
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        list(pool.map(work, ordered))
    elapsed = time.perf_counter() - started
    print(file=sys.stderr)
    if findings_out:
        findings_out.close()

    splits = sorted({split for split, _ in groups})
    report = [
        f"mtcheck: `{version}` · `{' '.join(extra)}` · languages from {args.lang_from} · "
        f"{len(rows)} files in {elapsed:.0f} s wall ({args.workers} at once)",
        "",
        markdown_table(groups, "language"),
    ]
    for split in splits:
        report += ["", f"Findings per 1,000 segments by rule ({split}):", "", rule_table(groups, split)]
    report += ["", "By format:", "", markdown_table(formats, "format")]
    report += ["", "By project:", "", markdown_table(projects, "project")]
    if problems:
        report += ["", "Files refused or crashed:", ""]
        report += [f"- `{p['file']}`: {p['crash'] or '; '.join(p['errors'])}" for p in problems]
    if bad_lines:
        report += ["", f"{bad_lines} output lines were not JSON findings of a corpus file."]
    text = "\n".join(report) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        payload = {
            "mtcheck": version,
            "args": extra,
            "lang_from": args.lang_from,
            "wall_s": round(elapsed, 1),
            "languages": {f"{s}/{n}": t.as_json() for (s, n), t in sorted(groups.items())},
            "projects": {f"{s}/{n}": t.as_json() for (s, n), t in sorted(projects.items())},
            "formats": {f"{s}/{n}": t.as_json() for (s, n), t in sorted(formats.items())},
            "problems": problems,
            "unreadable_output_lines": bad_lines,
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if samples is not None:
        count = write_samples(samples, args.sample, args.seed, args.sample_out)
        print(f"{count} sampled findings written to {args.sample_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
