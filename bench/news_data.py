#!/usr/bin/env python3
"""Rebuild the zh→en news bench data (bench/data/, git-ignored) from public repositories.

    python bench/news_data.py [--mirrors /work/.mirror]

Reads git snapshots of the repositories in MANIFEST (fetched beforehand, e.g. with the
project's `fetch` tool, into MIRRORS/<owner>+<name>/repo) and writes JSON Lines, one
segment a line: {"set", "key", "system", "ref", "source", "target"}.

- bench/data/news-dev.jsonl: WMT22 general test zh→en (news, e-commerce, social,
  conversation; 12 MT systems and two professional references A and B) and the WMT18 and
  WMT19 newstest zh→en references. Rules are tuned on this.
- bench/data/news-heldout.jsonl: WMT23 general test zh→en (15 MT systems, reference A)
  and the WMT20 newstest references. Measured only; never used to write or tune a rule.

Standard library only; the data stay out of git (their licences are the sources').
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WMT22 = "wmt-conference/wmt22-news-systems"
WMT23 = "wmt-conference/wmt23-news-systems"
DAMO = "philexohf/Practical_AI_with_PyTorch"
DAMO_DIR = "datasets/WMT-Chinese-to-English-Machine-Translation-newstest"

#: (output, set name, repository, commit, source path, [(system, path, is_ref)]) or a CSV
MANIFEST: dict[str, list[dict]] = {
    "news-dev": [
        {
            "set": "wmt22",
            "repo": WMT22,
            "commit": "20240a2e96a50e823ea8cdf37fd8af52547146e3",
            "source": "txt-ts/sources/generaltest2022.zh-en.src.zh",
            "targets": "txt-ts/references/generaltest2022.zh-en.ref.{A,B}.en "
            "txt-ts/system-outputs/generaltest2022.zh-en.hyp.*.en",
        },
        {"set": "wmt18", "repo": DAMO, "commit": "6fb89a2", "csv": f"{DAMO_DIR}/damo_mt_testsets_zh2en_news_wmt18.csv"},
        {"set": "wmt19", "repo": DAMO, "commit": "6fb89a2", "csv": f"{DAMO_DIR}/damo_mt_testsets_zh2en_news_wmt19.csv"},
    ],
    "news-heldout": [
        {
            "set": "wmt23",
            "repo": WMT23,
            "commit": "99b5b9de2a535c2c5542fd4ec404682903299894",
            "source": "txt-ts/sources/generaltest2023.zh-en.src.zh",
            "targets": "txt-ts/references/generaltest2023.zh-en.ref.refA.en "
            "txt-ts/system-outputs/generaltest2023.zh-en.hyp.*.en",
        },
        {"set": "wmt20", "repo": DAMO, "commit": "6fb89a2", "csv": f"{DAMO_DIR}/damo_mt_testsets_zh2en_news_wmt20.csv"},
    ],
}


def git(mirror: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(mirror), *args], check=True, capture_output=True, text=True).stdout


def expand(mirror: Path, commit: str, patterns: str) -> list[str]:
    import fnmatch

    names = git(mirror, "ls-tree", "-r", "--name-only", commit).splitlines()
    out = []
    for pattern in patterns.split():
        if "{" in pattern:
            head, rest = pattern.split("{", 1)
            alts, tail = rest.split("}", 1)
            out += [head + alt + tail for alt in alts.split(",")]
        else:
            out += sorted(n for n in names if fnmatch.fnmatch(n, pattern))
    return out


def rows(mirrors: Path, entry: dict) -> list[dict]:
    mirror = mirrors / entry["repo"].replace("/", "+") / "repo"
    commit = entry["commit"]
    if "csv" in entry:
        text = git(mirror, "show", f"{commit}:{entry['csv']}")
        reader = csv.reader(io.StringIO(text))
        next(reader)
        return [
            {"set": entry["set"], "key": f"{entry['set']}:{i}", "system": "ref", "ref": True, "source": s, "target": t}
            for i, (s, t) in enumerate(reader, 1)
        ]
    sources = git(mirror, "show", f"{commit}:{entry['source']}").split("\n")
    out = []
    for path in expand(mirror, commit, entry["targets"]):
        name = path.rsplit("/", 1)[1].split(".")
        system = name[-2] if name[-2].startswith("ref") else ("ref" + name[-2] if name[-3] == "ref" else name[-2])
        targets = git(mirror, "show", f"{commit}:{path}").split("\n")
        for i, (source, target) in enumerate(zip(sources, targets, strict=False), 1):
            if source.strip() and target.strip() and target.strip() != "NO TRANSLATION AVAILABLE":
                out.append(
                    {
                        "set": entry["set"],
                        "key": f"{entry['set']}:{i}",
                        "system": system,
                        "ref": system.startswith("ref"),
                        "source": source,
                        "target": target,
                    }
                )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirrors", default="/work/.mirror", type=Path)
    opts = ap.parse_args(argv)
    out_dir = HERE / "data"
    out_dir.mkdir(exist_ok=True)
    for name, entries in MANIFEST.items():
        with open(out_dir / f"{name}.jsonl", "w", encoding="utf-8") as out:
            n = 0
            for entry in entries:
                for row in rows(opts.mirrors, entry):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        print(f"{out_dir / name}.jsonl: {n} segments", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
