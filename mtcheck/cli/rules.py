"""``mtcheck rules list | explain | test``: the rules, pack and built-in alike."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from mtcheck.cli.options import NoShipped, RulePacks, SrcLang, TgtLang, error, say, with_examples

if TYPE_CHECKING:  # the engine is imported by each command, not at start-up
    from mtcheck.engine import RuleSet
    from mtcheck.rule import Example, Rule

app = typer.Typer(help="List, explain and test rules.", no_args_is_help=True, rich_markup_mode=None)


def _load(rules: list[str] | None, no_shipped: bool) -> RuleSet:
    from mtcheck.engine import RuleSet
    from mtcheck.packs.loader import PackError

    try:
        return RuleSet.load(rules or (), shipped=not no_shipped)
    except PackError as exc:
        error(str(exc))
        raise typer.Exit(2) from None


@app.command("list")
@with_examples(
    "mtcheck rules list",
    "mtcheck rules list --src-lang zh --tgt-lang en --json",
)
def list_rules(
    rules: RulePacks = None,
    no_shipped_rules: NoShipped = False,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Every rule: id, category, default severity, where it comes from, and what it flags;
    with --src-lang/--tgt-lang, only the rules that run on that language pair."""
    from mtcheck.lang.codes import normalize

    ruleset = _load(rules, no_shipped_rules)
    source, target = normalize(src_lang), normalize(tgt_lang)
    shown = [
        rule
        for rule in ruleset.rules
        if (src_lang is None and tgt_lang is None) or rule.info.scope.admits(source, target)
    ]
    records = [
        {
            "id": rule.info.id,
            "category": rule.info.category,
            "severity": rule.info.severity.value,
            "origin": rule.info.origin,
            "summary": rule.info.summary,
            "targets": list(rule.info.scope.targets),
            "sources": list(rule.info.scope.sources),
        }
        for rule in shown
    ]
    if as_json:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    id_width = max(len(r["id"]) for r in records)
    cat_width = max(len(r["category"]) for r in records)
    for r in records:
        say(f"{r['id']:<{id_width}}  {r['category']:<{cat_width}}  {r['severity']:<8}  {r['summary']}")
    say(f"\n{len(records)} rules")


def _example_lines(rule: Rule, example: Example, bad: bool) -> list[str]:
    from mtcheck.model import apply_edits, non_overlapping
    from mtcheck.rule import example_segment
    from mtcheck.surface import rule_hits

    lines = [f"  {'✗' if bad else '✓'} {example.target}"]
    if example.source is not None:
        lines.append(f"      source: {example.source}")
    context = _meta_text(example)
    if context:
        lines.append(f"      file: {context}")
    if bad:
        edits = [edit for hit in rule_hits(rule, example_segment(rule, example)) if hit.fix for edit in hit.fix.edits]
        if edits:
            lines.append(f"    → {apply_edits(example.target, non_overlapping(edits))}")
    return lines


def _meta_text(example: Example) -> str:
    """What the file says about an example's unit, when the rule reads it: flags, plural form, limits."""
    meta = example.meta
    parts = []
    if meta.flags:
        parts.append("#, " + ", ".join(sorted(meta.flags)))
    if meta.plural is not None:
        plural = meta.plural
        empty = [f"msgstr[{n}]" for n, done in enumerate(plural.translated) if not done]
        shape = f"msgstr[{plural.form}] of {len(plural.translated)} forms"
        parts.append(shape + (f" ({', '.join(empty)} empty)" if empty else "") + f", nplurals={plural.nplurals}")
    parts.extend(limit.origin for limit in meta.limits)
    return "; ".join(parts)


@app.command("explain")
@with_examples(
    "mtcheck rules explain punct.collision",
    "mtcheck rules explain zh-en.calque.first-move",
)
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. punct.collision.")],
    rules: RulePacks = None,
    no_shipped_rules: NoShipped = False,
) -> None:
    """Show one rule: what it flags, why, and its examples (✗ flagged, → fixed, ✓ not flagged)."""
    ruleset = _load(rules, no_shipped_rules)
    rule = ruleset.get(rule_id)
    if rule is None:
        error(f"no rule {rule_id!r} (see `mtcheck rules list`)")
        raise typer.Exit(2)
    from mtcheck.rule import example_rule

    rule = example_rule(rule)
    info = rule.info
    lines = [
        info.id,
        f"  {info.summary}",
        f"  category: {info.category}   severity: {info.severity.value}   from: {info.origin}",
    ]
    lines.append(f"  languages: {info.scope}")
    if info.needs_source:
        lines.append("  needs the source text")
    if info.why:
        lines += ["", f"Why: {info.why}"]
    lines += ["", "Flagged:"]
    for example in info.bad:
        lines += _example_lines(rule, example, bad=True)
    lines += ["", "Not flagged:"]
    for example in info.good:
        lines += _example_lines(rule, example, bad=False)
    say("\n".join(lines))


@app.command("test")
@with_examples(
    "mtcheck rules test qa/rules/house.toml",
    "mtcheck rules test qa/rules/        # every pack of a directory",
)
def test(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Pack files or directories; none: the shipped packs and built-ins."),
    ] = None,
) -> None:
    """Run every example of every rule: bad ones must be flagged (and fixed as stated), good ones
    not; and every example of every locale pack, through all the rules."""
    from mtcheck.engine import RuleSet, locale_example_problems
    from mtcheck.packs.loader import Pack, PackError, example_problems, load_pack, pack_files

    rules: list[Rule] = []
    packs: list[Pack] = []
    try:
        every = RuleSet.load(check_examples=False)
        if paths:
            for path in paths:
                for file in pack_files(path):
                    packs.append(load_pack(file, check_examples=False))
                    rules.extend(packs[-1].rules)
        else:
            rules.extend(every.rules)
            packs.extend(every.packs)
    except PackError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    failures = 0
    examples = 0
    for rule in rules:
        examples += len(rule.info.bad) + len(rule.info.good)
        for problem in example_problems(rule):
            failures += 1
            say(f"{rule.info.origin}: rule {rule.info.id}: {problem}")
    for pack in packs:
        examples += len(pack.examples)
        for problem in locale_example_problems(pack, every.rules) if pack.examples else ():
            failures += 1
            say(f"{pack.path}: {problem}")
    passed = examples - failures
    say(f"{len(rules)} rules: {passed} passed, {failures} failed")
    raise typer.Exit(1 if failures else 0)
