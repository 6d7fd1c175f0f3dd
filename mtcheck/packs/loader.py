"""Read rule packs (TOML) into PatternRules, refusing anything malformed.

Every problem names the file and the rule id: unknown or missing fields, a bad regex, a
duplicate id, and an example that does not behave (a bad example the rule does not flag,
a fix that does not produce the expected text, a good example it does flag).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from mtcheck.model import CATEGORIES, Safety, Severity, apply_edits, non_overlapping
from mtcheck.packs.pattern import DEFAULT_TIMEOUT, PatternRule, RuleTimeout
from mtcheck.packs.prefilter import required_literals
from mtcheck.rule import Example, RuleInfo, example_rule

RULE_ID = regex.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)+")
LANG_CODE = regex.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

PACK_FIELDS = {"name", "description", "source-lang", "target-lang", "default"}
RULE_FIELDS = {
    "id",
    "pattern",
    "ignore-case",
    "source",
    "source-optional",
    "not-source",
    "not-target",
    "side",
    "message",
    "category",
    "severity",
    "replacement",
    "safety",
    "why",
    "bad",
    "good",
}
REQUIRED_RULE_FIELDS = ("id", "pattern", "message", "category", "severity")
EXAMPLE_FIELDS = {"target", "source", "fix"}


class PackError(Exception):
    """A pack that cannot be used; the message is one line naming file and rule."""


@dataclass(frozen=True, slots=True)
class Pack:
    path: str
    name: str
    description: str
    source_lang: str | None
    target_lang: str | None
    rules: tuple[PatternRule, ...]

    def applies_to(self, src_lang: str | None, tgt_lang: str | None) -> bool:
        """A pack applies unless a language it names is known to differ. A pack that names
        a variety (``en-US``) applies only where that variety is declared: its rules (US
        date order) would be wrong for the others."""
        return _same_lang(self.source_lang, src_lang) and _same_lang(self.target_lang, tgt_lang)


def _same_lang(declared: str | None, actual: str | None) -> bool:
    if declared is not None and "-" in declared:
        return actual is not None and actual.lower().startswith(declared.lower())
    if declared is None or actual is None:
        return True
    return declared.split("-")[0].lower() == actual.split("-")[0].lower()


def load_pack(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT, check_examples: bool = True) -> Pack:
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise PackError(f"{name}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{name}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise PackError(f"{name}: not valid UTF-8") from None

    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise PackError(f"{name}: unknown top-level key(s) {_names(unknown)}; expected [pack] and [[rule]]")
    header = data.get("pack")
    if not isinstance(header, dict):
        raise PackError(f"{name}: missing [pack] table with at least `name`")
    _check_fields(name, "[pack]", header, PACK_FIELDS, ("name",))
    for key in ("source-lang", "target-lang"):
        if key in header and not (isinstance(header[key], str) and LANG_CODE.fullmatch(header[key])):
            raise PackError(f"{name}: [pack] {key} must be a language code such as 'zh' or 'en-GB'")
    default = header.get("default", True)
    if not isinstance(default, bool):
        raise PackError(f"{name}: [pack] default must be true or false")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise PackError(f"{name}: no [[rule]] entries")

    rules: list[PatternRule] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        rule = _build_rule(name, index, entry, timeout, default)
        if rule.info.id in seen:
            raise PackError(f"{name}: rule {rule.info.id}: duplicate id")
        seen.add(rule.info.id)
        if check_examples:
            problems = example_problems(rule)
            if problems:
                raise PackError(f"{name}: rule {rule.info.id}: {problems[0]}")
        rules.append(rule)
    return Pack(
        path=name,
        name=_string(name, "[pack]", header, "name"),
        description=header.get("description", ""),
        source_lang=header.get("source-lang"),
        target_lang=header.get("target-lang"),
        rules=tuple(rules),
    )


def _names(keys: Iterable[str]) -> str:
    return ", ".join(f"`{k}`" for k in sorted(keys))


def _check_fields(path: str, where: str, table: dict[str, Any], allowed: set[str], required: Iterable[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise PackError(f"{path}: {where}: unknown field(s) {_names(unknown)}; allowed: {_names(allowed)}")
    missing = [key for key in required if key not in table]
    if missing:
        raise PackError(f"{path}: {where}: missing field(s) {_names(missing)}")


def _string(path: str, where: str, table: dict[str, Any], key: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise PackError(f"{path}: {where}: `{key}` must be a string")
    return value


def _compile(path: str, where: str, key: str, pattern: str, flags: int = 0) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        raise PackError(f"{path}: {where}: bad regex in `{key}`: {exc}") from None


def _build_rule(path: str, index: int, entry: Any, timeout: float, default: bool = True) -> PatternRule:
    if not isinstance(entry, dict):
        raise PackError(f"{path}: rule #{index + 1}: must be a table")
    rule_id = entry.get("id")
    where = f"rule {rule_id}" if isinstance(rule_id, str) else f"rule #{index + 1}"
    _check_fields(path, where, entry, RULE_FIELDS, REQUIRED_RULE_FIELDS)
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        raise PackError(f"{path}: {where}: id must be dotted lower-case words, e.g. 'zh-en.calque.first-move'")

    category = _string(path, where, entry, "category")
    if category not in CATEGORIES:
        raise PackError(f"{path}: {where}: unknown category {category!r}; use one of {_names(CATEGORIES)}")
    try:
        severity = Severity(_string(path, where, entry, "severity"))
    except ValueError:
        raise PackError(f"{path}: {where}: severity must be minor, major or critical") from None
    try:
        safety = Safety(_string(path, where, entry, "safety", "suggestion"))
    except ValueError:
        raise PackError(f"{path}: {where}: safety must be safe or suggestion") from None
    ignore_case = entry.get("ignore-case", False)
    source_optional = entry.get("source-optional", False)
    for key, value in (("ignore-case", ignore_case), ("source-optional", source_optional)):
        if not isinstance(value, bool):
            raise PackError(f"{path}: {where}: `{key}` must be true or false")
    if source_optional and "source" not in entry:
        raise PackError(f"{path}: {where}: `source-optional` only makes sense with `source`")
    side = _string(path, where, entry, "side", "target")
    if side not in ("target", "source"):
        raise PackError(f"{path}: {where}: side must be target or source")
    on_source = side == "source"
    if on_source and ("not-target" not in entry or "replacement" in entry or "source" in entry):
        raise PackError(
            f"{path}: {where}: a rule with side = 'source' flags what the target lacks: it needs "
            "`not-target`, and takes neither `source` nor `replacement`"
        )

    pattern_text = _string(path, where, entry, "pattern")
    flags = regex.IGNORECASE if ignore_case else 0
    pattern = _compile(path, where, "pattern", pattern_text, flags)
    source = (
        _compile(path, where, "source", _string(path, where, entry, "source"), flags) if "source" in entry else None
    )
    not_source = (
        _compile(path, where, "not-source", _string(path, where, entry, "not-source"), flags)
        if "not-source" in entry
        else None
    )
    not_target = (
        _compile(path, where, "not-target", _string(path, where, entry, "not-target"), flags)
        if "not-target" in entry
        else None
    )
    replacement = _string(path, where, entry, "replacement") if "replacement" in entry else None
    if replacement is not None:
        try:
            if regex.search(r"\\g(?!<\w+>)", replacement):
                raise regex.error("\\g must be followed by <name> or <number>")
            for group in regex.findall(r"\\g<(\w+)>|\\(\d+)", replacement):
                ref = group[0] or group[1]
                if (ref.isdigit() and int(ref) > pattern.groups) or (
                    not ref.isdigit() and ref not in pattern.groupindex
                ):
                    raise regex.error(f"unknown group {ref}")
        except regex.error as exc:
            raise PackError(f"{path}: {where}: bad `replacement`: {exc}") from None

    bad = _examples(path, where, entry, "bad")
    good = _examples(path, where, entry, "good")
    if not bad or not good:
        raise PackError(f"{path}: {where}: needs at least one `bad` and one `good` example")
    info = RuleInfo(
        id=rule_id,
        category=category,
        severity=severity,
        summary=_string(path, where, entry, "message").replace("{match}", "…"),
        why=_string(path, where, entry, "why", ""),
        bad=bad,
        good=good,
        origin=path,
        needs_source=on_source or (source is not None and not source_optional),
        default=default,
    )
    # The literal prefilter reads the target: a rule on the source runs on every bilingual segment.
    literals = None if on_source else required_literals(pattern_text, _re_flags(ignore_case))
    return PatternRule(
        info=info,
        pattern=pattern,
        message=_string(path, where, entry, "message"),
        replacement=replacement,
        safety=safety,
        source_pattern=source,
        source_optional=source_optional,
        not_source_pattern=not_source,
        not_target_pattern=not_target,
        on_source=on_source,
        literals=literals,
        timeout=timeout,
    )


def _re_flags(ignore_case: bool) -> int:
    return re.IGNORECASE if ignore_case else 0


def _examples(path: str, where: str, entry: dict[str, Any], key: str) -> tuple[Example, ...]:
    raw = entry.get(key, [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise PackError(f"{path}: {where}: `{key}` must be a list of examples")
    examples = []
    for item in raw:
        if isinstance(item, str):
            examples.append(Example(target=item))
            continue
        if not isinstance(item, dict):
            raise PackError(f"{path}: {where}: each `{key}` example is a string or a table")
        _check_fields(path, f"{where}: {key} example", item, EXAMPLE_FIELDS, ("target",))
        if key == "good" and "fix" in item:
            raise PackError(f"{path}: {where}: a good example has no `fix`")
        for field in EXAMPLE_FIELDS & set(item):
            if not isinstance(item[field], str):
                raise PackError(f"{path}: {where}: {key} example `{field}` must be a string")
        examples.append(Example(target=item["target"], source=item.get("source"), fix=item.get("fix")))
    return tuple(examples)


def example_problems(rule: Any) -> list[str]:
    """Run a rule's own examples; return what misbehaved (empty when all is well).

    Works for pack rules and built-in checks alike: anything with ``info`` and ``hits``.
    """
    problems = []
    rule = example_rule(rule)
    for kind, examples in (("bad", rule.info.bad), ("good", rule.info.good)):
        for example in examples:
            segment = example.segment()
            try:
                hits = list(rule.hits(segment))
            except RuleTimeout:
                problems.append(f"{kind} example {example.target!r} timed out: the pattern backtracks catastrophically")
                continue
            if kind == "good":
                if hits:
                    first = hits[0]
                    problems.append(
                        f"good example {example.target!r} is flagged at "
                        f"{first.start}-{first.end} ({example.target[first.start : first.end]!r})"
                    )
                continue
            if not hits:
                problems.append(f"bad example {example.target!r} is not flagged")
                continue
            if example.fix is not None:
                edits = [edit for hit in hits if hit.fix for edit in hit.fix.edits]
                if not edits:
                    problems.append(f"bad example {example.target!r} expects a fix but the rule offers none")
                    continue
                fixed = apply_edits(example.target, non_overlapping(edits))
                if fixed != example.fix:
                    problems.append(f"bad example {example.target!r}: fix gives {fixed!r}, expected {example.fix!r}")
    return problems


def load_packs(
    paths: Iterable[str | Path],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    check_examples: bool = True,
    trusted: Iterable[Path] = (),
) -> list[Pack]:
    """Load several packs, refusing a rule id that two packs both define. ``trusted``
    packs (the shipped ones, whose examples the test suite runs) skip the example run."""
    packs = []
    owners: dict[str, str] = {}
    skip = set(trusted)
    for path in paths:
        pack = load_pack(path, timeout=timeout, check_examples=check_examples and Path(path) not in skip)
        for rule in pack.rules:
            if rule.info.id in owners:
                raise PackError(f"{pack.path}: rule {rule.info.id}: duplicate id (also in {owners[rule.info.id]})")
            owners[rule.info.id] = pack.path
        packs.append(pack)
    return packs


def pack_files(root: str | Path) -> list[Path]:
    """A pack path may be one .toml file or a directory searched recursively."""
    root = Path(root)
    if root.is_dir():
        return sorted(root.rglob("*.toml"))
    return [root]
