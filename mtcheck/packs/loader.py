"""Read rule packs (TOML) into PatternRules, refusing anything malformed.

Every problem names the file and the rule id: unknown or missing fields, a bad regex, a
duplicate id, and an example that does not behave (a bad example the rule does not flag,
a fix that does not produce the expected text, a good example it does flag).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from mtcheck import cache
from mtcheck.display import excerpt, quoted
from mtcheck.fileio import FileProblem, read_regular
from mtcheck.gates import Gate, literal
from mtcheck.lang.locale import Locale, LocaleError
from mtcheck.lang.locale import parse as parse_locale
from mtcheck.lazyre import lazy as lazy_regex
from mtcheck.model import CATEGORIES, Safety, Severity, apply_edits, non_overlapping
from mtcheck.packs import prefilter
from mtcheck.packs.cpulimit import Budget, Limit
from mtcheck.packs.pattern import DEFAULT_TIMEOUT, PatternRule, RuleTimeout
from mtcheck.packs.prefilter import required_literals
from mtcheck.rule import ANY, Example, RuleInfo, Scope, example_rule, example_segment
from mtcheck.surface import rule_hits

RULE_ID = regex.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)+")
LANG_CODE = regex.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

PACK_FIELDS = {"name", "description", "source-lang", "target-lang", "default"}
#: A language tag, or an ISO 15924 script (``Latn``, ``Cyrl``, ``Hani``) for every language in it.
SCRIPT_CODE = regex.compile(r"[A-Z][a-z]{3}")
RULE_FIELDS = {
    "id",
    "source-lang",
    "target-lang",
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
EXAMPLE_FIELDS = {"target", "source", "fix", "source-lang", "target-lang"}
#: A locale pack's examples: run through every rule; ``rule`` names the one that must flag
#: it (and ``fix`` what its fix gives), no ``rule`` means no rule may flag it.
LOCALE_EXAMPLE_FIELDS = {"target", "source", "rule", "fix", "flagged", "source-lang", "target-lang"}


class PackError(Exception):
    """A pack that cannot be used; the message is one line naming file and rule."""


@dataclass(frozen=True, slots=True)
class LocaleExample:
    """A locale pack's example: a target (and source) in the pack's language, the rule that
    must flag it (None: nothing may), the text its fix must give, and exactly what it flags:
    ``flagged`` texts, in order, each found after the previous one in the target."""

    target: str
    source: str | None = None
    rule: str | None = None
    fix: str | None = None
    tgt_lang: str | None = None
    src_lang: str | None = None
    flagged: tuple[str, ...] = ()

    def flagged_spans(self) -> list[tuple[int, int]] | None:
        """Where ``flagged`` lies in the target (None: a flagged text is not there)."""
        spans, at = [], 0
        for text in self.flagged:
            start = self.target.find(text, at)
            if start < 0:
                return None
            spans.append((start, start + len(text)))
            at = start + len(text)
        return spans


@dataclass(frozen=True, slots=True)
class Pack:
    path: str
    name: str
    description: str
    scope: Scope
    rules: tuple[PatternRule, ...]
    #: The ``[locale]`` table (see mtcheck.lang.locale), for locale packs.
    locale: Locale | None = None
    examples: tuple[LocaleExample, ...] = ()


def load_pack(
    path: str | Path, *, timeout: float | None = DEFAULT_TIMEOUT, check_examples: bool = True, lazy: bool = False
) -> Pack:
    """One pack. ``timeout``: CPU seconds one call of a rule's pattern may take (each rule
    also gets a run budget, mtcheck/packs/cpulimit.py); None for no limit (shipped packs).
    ``lazy``: compile each pattern when it first runs (the shipped packs, which the test suite
    compiles and checks whole): a run that never needs a rule never pays for its regex."""
    name = str(path)
    try:
        raw = read_regular(path)
        cache_key = _cache_key(raw)
        cached = cache.get("packs", cache_key)
        known = _cached_literals(cached)
        data = cached["data"] if known is not None else tomllib.loads(raw.decode("utf-8"))
    except FileProblem as exc:
        raise PackError(f"{name}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{name}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise PackError(f"{name}: not valid UTF-8") from None
    except RecursionError:
        raise PackError(f"{name}: not valid TOML: nested too deeply") from None
    except ValueError:  # an integer of thousands of digits
        raise PackError(f"{name}: not valid TOML: a number too long to read") from None

    unknown = set(data) - {"pack", "rule", "locale", "example"}
    if unknown:
        raise PackError(f"{name}: unknown top-level key(s) {_names(unknown)}; expected [pack] and [[rule]]")
    header = data.get("pack")
    if not isinstance(header, dict):
        raise PackError(f"{name}: missing [pack] table with at least `name`")
    _check_fields(name, "[pack]", header, PACK_FIELDS, ("name",))
    scope = Scope(_languages(name, "[pack]", header, "target-lang"), _languages(name, "[pack]", header, "source-lang"))
    locale = _locale(name, data, scope)
    default = header.get("default", True)
    if not isinstance(default, bool):
        raise PackError(f"{name}: [pack] default must be true or false")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not (entries or locale):
        raise PackError(f"{name}: no [[rule]] entries")

    rules: list[PatternRule] = []
    seen: set[str] = set()
    literals = _Literals(known or {})
    for index, entry in enumerate(entries):
        rule = _build_rule(name, index, entry, timeout, scope, default, lazy, literals)
        if rule.info.id in seen:
            raise PackError(f"{name}: rule {rule.info.id}: duplicate id")
        seen.add(rule.info.id)
        if check_examples:
            problems = example_problems(rule)
            if problems:
                raise PackError(f"{name}: rule {rule.info.id}: {problems[0]}")
        rules.append(rule)
    pack = Pack(
        path=name,
        name=_string(name, "[pack]", header, "name"),
        description=header.get("description", ""),
        scope=scope,
        rules=tuple(rules),
        locale=locale,
        examples=_locale_examples(name, data, scope),
    )
    if known is None or literals.learned:  # a pack that loads, read for the first time
        cache.put("packs", cache_key, {"data": data, "literals": literals.table})
    return pack


def _cache_key(raw: bytes) -> str:
    """The cache key of a pack's bytes: what is cached depends on them and on the prefilter."""
    return cache.key(raw, _prefilter_source())


@functools.cache
def _prefilter_source() -> bytes:
    return Path(prefilter.__file__).read_bytes()


def _cached_literals(cached: object) -> dict[str, list[str] | None] | None:
    """A cache entry's literal table, if the entry has the shape this code writes."""
    if not isinstance(cached, dict) or not isinstance(cached.get("data"), dict):
        return None
    table = cached.get("literals")
    return table if isinstance(table, dict) else None


class _Literals:
    """``required_literals`` of a pack's patterns, remembered by pattern and flags (the cache
    keeps the table: parsing 58 patterns costs more than the rest of a one-line check)."""

    def __init__(self, table: dict[str, list[str] | None]) -> None:
        self.table = table
        self.learned = False

    def __call__(self, pattern: str, flags: int) -> frozenset[str] | None:
        name = f"{flags}:{pattern}"
        if name not in self.table:
            found = required_literals(pattern, flags)
            self.table[name] = sorted(found) if found is not None else None
            self.learned = True
        value = self.table[name]
        return frozenset(value) if value is not None else None


def _languages(path: str, where: str, table: dict[str, Any], key: str) -> tuple[str, ...]:
    """A ``source-lang``/``target-lang`` value: one language or script, or a list of them."""
    if key not in table:
        return ()
    value = table[key]
    values = [value] if isinstance(value, str) else value
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and (LANG_CODE.fullmatch(v) or SCRIPT_CODE.fullmatch(v)) for v in values)
    ):
        raise PackError(
            f"{path}: {where} {key} must be a language code such as 'zh' or 'en-GB', a script such as "
            "'Latn', or a list of them"
        )
    return tuple(values)


def _locale(path: str, data: dict[str, Any], scope: Scope) -> Locale | None:
    if "locale" not in data:
        return None
    table = data["locale"]
    if not isinstance(table, dict):
        raise PackError(f"{path}: [locale] must be a table")
    if len(scope.targets) != 1 or SCRIPT_CODE.fullmatch(scope.targets[0]):
        raise PackError(f"{path}: a pack with [locale] names its one language in [pack] target-lang")
    try:
        return parse_locale(table, scope.targets[0])
    except LocaleError as exc:
        raise PackError(f"{path}: [locale] {exc}") from None


def _locale_examples(path: str, data: dict[str, Any], scope: Scope) -> tuple[LocaleExample, ...]:
    raw = data.get("example", [])
    if raw and "locale" not in data:
        raise PackError(f"{path}: [[example]] belongs to a pack with [locale]; a rule's examples are its bad/good")
    if not isinstance(raw, list):
        raise PackError(f"{path}: [[example]] must be a list of tables")
    examples = []
    for index, item in enumerate(raw, start=1):
        where = f"example #{index}"
        if not isinstance(item, dict):
            raise PackError(f"{path}: {where}: must be a table")
        _check_fields(path, where, item, LOCALE_EXAMPLE_FIELDS, ("target",))
        flagged = item.get("flagged", [])
        flagged = [flagged] if isinstance(flagged, str) else flagged
        if not isinstance(flagged, list) or not all(isinstance(text, str) and text for text in flagged):
            raise PackError(f"{path}: {where}: `flagged` must be the flagged text, or a list of them")
        for key, value in item.items():
            if key != "flagged" and not isinstance(value, str):
                raise PackError(f"{path}: {where}: `{key}` must be a string")
        for key in ("fix", "flagged"):
            if key in item and "rule" not in item:
                raise PackError(f"{path}: {where}: a `{key}` needs the `rule` that flags the example")
        examples.append(
            LocaleExample(
                target=item["target"],
                source=item.get("source"),
                rule=item.get("rule"),
                fix=item.get("fix"),
                tgt_lang=item.get("target-lang", scope.targets[0] if scope.targets else None),
                src_lang=item.get("source-lang", "en" if "source" in item else None),
                flagged=tuple(flagged),
            )
        )
    return tuple(examples)


def _names(keys: Iterable[str]) -> str:
    return ", ".join(f"`{excerpt(k)}`" for k in sorted(keys))


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


def _compile(path: str, where: str, key: str, pattern: str, flags: int = 0, lazy: bool = False) -> regex.Pattern[str]:
    if lazy:
        return lazy_regex(pattern, flags | regex.VERSION0)
    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except regex.error as exc:
        raise PackError(f"{path}: {where}: bad regex in `{key}`: {exc}") from None


def _build_rule(
    path: str,
    index: int,
    entry: Any,
    timeout: float,
    pack_scope: Scope = ANY,
    default: bool = True,
    lazy: bool = False,
    literals_of: Callable[[str, int], frozenset[str] | None] = required_literals,
) -> PatternRule:
    if not isinstance(entry, dict):
        raise PackError(f"{path}: rule #{index + 1}: must be a table")
    rule_id = entry.get("id")
    where = f"rule {excerpt(rule_id)}" if isinstance(rule_id, str) else f"rule #{index + 1}"
    _check_fields(path, where, entry, RULE_FIELDS, REQUIRED_RULE_FIELDS)
    scope = Scope(
        _languages(path, where, entry, "target-lang") or pack_scope.targets,
        _languages(path, where, entry, "source-lang") or pack_scope.sources,
    )
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        raise PackError(f"{path}: {where}: id must be dotted lower-case words, e.g. 'zh-en.calque.first-move'")

    category = _string(path, where, entry, "category")
    if category not in CATEGORIES:
        raise PackError(f"{path}: {where}: unknown category {quoted(category)}; use one of {_names(CATEGORIES)}")
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
    pattern = _compile(path, where, "pattern", pattern_text, flags, lazy)
    source = (
        _compile(path, where, "source", _string(path, where, entry, "source"), flags, lazy)
        if "source" in entry
        else None
    )
    not_source = (
        _compile(path, where, "not-source", _string(path, where, entry, "not-source"), flags, lazy)
        if "not-source" in entry
        else None
    )
    not_target = (
        _compile(path, where, "not-target", _string(path, where, entry, "not-target"), flags, lazy)
        if "not-target" in entry
        else None
    )
    replacement = _string(path, where, entry, "replacement") if "replacement" in entry else None
    if replacement is not None and not lazy:  # a lazy (shipped) pack's groups are checked by the suite
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
        scope=scope,
    )
    # The literal prefilter reads the target; what the source must hold is a gate (mtcheck/gates.py).
    literals = None if on_source else literals_of(pattern_text, _re_flags(ignore_case))
    # The source pattern that must match: the pattern itself on the source side, else `source`
    # unless it is optional.
    source_text = pattern_text if on_source else None if source_optional else entry.get("source")
    source_literals = literals_of(source_text, _re_flags(ignore_case)) if isinstance(source_text, str) else None
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
        limit=None if timeout is None else Limit(timeout, Budget()),
        gate=source_gate(source_literals),
    )


def source_gate(literals: frozenset[str] | None) -> Gate | None:
    """A gate on the source from the literals its pattern requires, when none of them has a
    case (Chinese, digits, punctuation): the prefilter's literals are lower-cased, a gate reads
    the text as it is, and for caseless characters the two agree."""
    if not literals or any(char.lower() != char.upper() for literal in literals for char in literal):
        return None
    return Gate(source="|".join(map(literal, sorted(literals))))


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
        examples.append(
            Example(
                target=item["target"],
                source=item.get("source"),
                fix=item.get("fix"),
                tgt_lang=item.get("target-lang"),
                src_lang=item.get("source-lang"),
            )
        )
    return tuple(examples)


def example_problems(rule: Any) -> list[str]:
    """Run a rule's own examples; return what misbehaved (empty when all is well).

    Works for pack rules and built-in checks alike: anything with ``info`` and ``hits``.
    """
    problems = []
    rule = example_rule(rule)
    for kind, examples in (("bad", rule.info.bad), ("good", rule.info.good)):
        for example in examples:
            segment = example_segment(rule, example)
            try:
                # As the engine runs it: not at all on a language it is not for.
                admitted = rule.info.scope.admits(segment.src_lang, segment.tgt_lang)
                hits = rule_hits(rule, segment) if admitted else []
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
    timeout: float | None = DEFAULT_TIMEOUT,
    check_examples: bool = True,
    trusted: Iterable[Path] = (),
) -> list[Pack]:
    """Load several packs, refusing a rule id that two packs both define. ``trusted``
    packs (the shipped ones, whose examples the test suite runs) skip the example run and
    run with no time limit: their patterns are bounded by construction, so a loaded machine
    can never switch one off (tests/test_shipped_patterns.py)."""
    packs = []
    owners: dict[str, str] = {}
    skip = set(trusted)
    for path in paths:
        shipped = Path(path) in skip
        pack = load_pack(
            path, timeout=None if shipped else timeout, check_examples=check_examples and not shipped, lazy=shipped
        )
        if pack.locale is not None and Path(path) not in skip:
            raise PackError(f"{pack.path}: [locale] tables are read from the shipped packs only (rules/<lang>/)")
        for rule in pack.rules:
            if rule.info.id in owners:
                raise PackError(f"{pack.path}: rule {rule.info.id}: duplicate id (also in {owners[rule.info.id]})")
            owners[rule.info.id] = pack.path
        packs.append(pack)
    return packs


def pack_files(root: str | Path) -> list[Path]:
    """A pack path may be one .toml file or a directory searched recursively."""
    root = Path(root)
    try:
        if root.is_dir():
            return sorted(path for path in root.rglob("*.toml") if not path.is_dir())
    except OSError as exc:
        raise PackError(f"{root}: cannot list: {exc.strerror or exc}") from None
    return [root]
