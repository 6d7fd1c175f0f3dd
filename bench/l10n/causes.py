#!/usr/bin/env python3
"""Sort every finding of a corpus run into the false-alarm causes TRIAGE.md found by hand.

    python bench/l10n/run.py --findings /tmp/f.jsonl ...     # first, a run that keeps its findings
    python bench/l10n/causes.py /tmp/f.jsonl [--markdown out.md]

Each finding gets the first cause whose pattern it fits (the patterns are the mechanical
signature of each cause in TRIAGE.md, not a judgement): a cause says the finding is *very
likely* a false alarm of that kind; `other` is what is left, where the real errors are. The
counts show how much each fix to mtcheck would remove, and after a fix, what remains.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collect import DATA, read_manifest
from corpus import FileInfo, Unit, read_path
from run import FileIndex, inside_code, locate, source_verbatim

#: Cause id → what it is (the headings of TRIAGE.md).
CAUSES = {
    "state-new": "XLIFF unit in state new / needs-translation (not translated yet, like a PO fuzzy entry)",
    "keyed-source": "the source is a message key (`confirmed_by_at`), not text: every source check is meaningless",
    "credits": "translator credits / translation notice entries",
    "segmented-mrk": 'segmented XLIFF: `<mrk mtype="seg">` markers in the target, compared with the unsegmented source',
    "inside-inline-code": 'the flagged span is inside an inline code or tag (`equiv-text="&lt;span…"`)',
    "source-verbatim": "the flagged text, with its token, is copied from the source (`%s..%s`, `../`, `[y,n,q]`)",
    "inline-code-identity": "the same XLIFF inline code (same id) with a different equiv-text or attribute",
    "angle-metavariable": "`<file>`, `<Space>`: angle-bracket metavariables and key names, rightly translated",
    "aligned-columns": "runs of spaces that align columns (help text, tables): the source has such runs too",
    "keyword-list": "comma or semicolon lists without spaces (unit aliases, .desktop Keywords)",
    "abbreviation": "a full stop after an abbreviation of the target language (bzw., p. ex., np., см.)",
    "english-only-rule": "an English-only heuristic on a non-English target (verbless fragment, `</a>` read as “a”)",
    "locale-quotes": "locale quotation marks („…“, „…”, ”…”, ”…“ in RTL) taken as unbalanced",
    "printf-dialect": "placeholders of another dialect: positional `%1$s`, `%-Od`, Symfony `%name%`",
    "legit-repeat": "a doubled word that is grammatical or a placeholder next to a word (`%s s`, `Sie sie`)",
    "other": "none of the above: where the real errors are (and unclassified false alarms)",
}

_HTML = set(
    "a abbr b big blockquote br button caption cite code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr i img input "
    "kbd label li mark ol p pre q s samp small span strike strong sub sup table tbody td th thead tr tt u ul var "
    "html body head title link meta script style g x ph bpt ept it mrk pc sc ec bx ex".split()
)
_KEY = re.compile(r"^[A-Za-z0-9_.:\-/]+$")
_CREDITS = re.compile(r"translator[-_ ]credits|TRANSLATION_NOTICE|translator_?s?$", re.I)
_ANGLE = re.compile(r"^</?([^\s<>/=\"']+)(?:[\s-][^<>=\"]*)?/?>$")
_PRINTF_OTHER = re.compile(r"%\d+\$|%-?O|%[A-Za-z_]+%|%\(\w+\)")
_QUOTES = "„“”‚‘’«»‹›\"'"
_LEGIT_REPEAT = {
    "de": {"sie", "die", "der", "das", "den"},
    "fr": {"vous", "nous", "le", "la", "les"},
    "pt": {"a", "o", "e"},
    "pt-BR": {"a", "o", "e"},
    "es": {"a"},
    "it": {"a"},
}


def _state(info: FileInfo, unit: Unit) -> str | None:
    start = info.text.rfind("<target", 0, unit.target_span[0])
    tag = info.text[start : unit.target_span[0]] if start >= 0 else ""
    match = re.search(r'state="([^"]+)"', tag)
    return match.group(1) if match else None


def classify(finding: dict, info: FileInfo, unit: Unit | None, lang: str) -> str:
    rule = finding.get("rule", "")
    text = finding.get("text") or ""
    if unit is None:
        return "other"
    source, target = unit.source, unit.target
    if info.format == "xliff" and _state(info, unit) in {"new", "needs-translation", "initial"}:
        return "state-new"
    if _CREDITS.search(source.strip()):
        return "credits"
    if _KEY.match(source.strip()) and (" " in target.strip() or rule.startswith(("number", "placeholder"))):
        return "keyed-source"
    if "mrk" in text or (rule == "trunc.unterminated" and target.rstrip().endswith("</mrk>")):
        return "segmented-mrk"
    side_text = source if finding.get("side") == "source" else target
    span = locate(side_text, finding)
    if span is not None and finding.get("side") != "source" and not rule.startswith("untranslated"):
        if inside_code(target, *span) and not rule.startswith("placeholder"):
            return "inside-inline-code"
        if source_verbatim(target, span[0], span[1], source):
            return "source-verbatim"
    if rule.startswith("placeholder"):
        ident = re.match(r'<(?:x|ph|bx|ex|bpt|ept|it|g|pc|sc|ec)\b[^>]*\bid="([^"]+)"', text)
        other = target if finding.get("side") == "source" else source
        if ident and re.search(rf'\bid="{re.escape(ident.group(1))}"', other):
            return "inline-code-identity"
        angle = _ANGLE.match(text)
        if angle and angle.group(1).lower() not in _HTML:
            return "angle-metavariable"
        if _PRINTF_OTHER.search(other) or _PRINTF_OTHER.search(side_text):
            return "printf-dialect"
    if rule in {"punct.double-space", "punct.space-before", "repeat.word"} and re.search(r"\S {2,}\S|\t", source):
        return "aligned-columns"
    if rule in {"punct.missing-space", "punct.collision"} and re.search(r"\w[,;]\w", source) and ", " not in source:
        return "keyword-list"
    if rule == "trunc.lowercase-after-stop" and re.search(r"(?:^|[\s(])\w{1,5}\.$", text.split()[0] if text else ""):
        return "abbreviation"
    if rule == "trunc.lowercase-after-stop" and span and re.search(r"\b\w{1,5}$", target[: span[0]]):
        return "abbreviation"
    if rule in {"trunc.fragment", "trunc.dangling-end", "trunc.lowercase-after-stop"} and not lang.startswith("en"):
        return "english-only-rule"
    if rule == "punct.unbalanced" and text and text in _QUOTES:
        return "locale-quotes"
    if rule == "repeat.word":
        words = text.lower().split()
        before = target[max(0, span[0] - 1) : span[0]] if span else ""
        if (words and words[0] in _LEGIT_REPEAT.get(lang, set())) or before in {"%", "{", "$"}:
            return "legit-repeat"
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("findings", type=Path, help="the --findings file of a run.py run")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    by_path = {str(args.data / row["local"]): row for row in read_manifest()}
    files: dict[str, tuple[FileInfo, FileIndex]] = {}
    counts: Counter = Counter()
    by_rule: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    with open(args.findings, encoding="utf-8") as handle:
        for line in handle:
            finding = json.loads(line)
            row = by_path.get(finding["path"])
            if row is None:
                continue
            if finding["path"] not in files:
                info = read_path(Path(finding["path"]), row["tgt_lang"])
                files[finding["path"]] = (info, FileIndex(info))
            info, index = files[finding["path"]]
            unit = index.unit(finding["line"], finding["column"], finding.get("side", "target"), finding["segment"])
            cause = classify(finding, info, unit, row["tgt_lang"])
            counts[cause] += 1
            by_rule[cause][finding["rule"]] += 1
            by_lang[cause][row["tgt_lang"]] += 1
    total = sum(counts.values())
    lines = ["| cause | findings | share | top rules | languages |", "|---|---:|---:|---|---|"]
    for cause in CAUSES:
        if not counts[cause]:
            continue
        rules = ", ".join(f"`{rule}` {n}" for rule, n in by_rule[cause].most_common(3))
        langs = ", ".join(f"{lang} {n}" for lang, n in by_lang[cause].most_common(5))
        lines.append(f"| {cause} | {counts[cause]:,} | {counts[cause] / total:.0%} | {rules} | {langs} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
