#!/usr/bin/env python3
"""Build the localization corpus (bench/data/l10n/) from fetched repository mirrors.

    python bench/l10n/collect.py                 # re-create bench/data/l10n/ from manifest.tsv
    python bench/l10n/collect.py --select        # choose the files anew from the mirrors; rewrite manifest.tsv

The translations themselves are not committed (bench/data/ is git-ignored): manifest.tsv names
each file by repository, commit, path and git blob, and this script copies it out of the mirror
that the `fetch` tool puts in /work/.mirror/OWNER+NAME/ (`git cat-file`, no work tree). A
repository missing there is listed at the end; fetch it (`github:OWNER/NAME`) and run again.
A newer snapshot still has the blob unless the file changed since; then the manifest's commit
is tried, and a file found at neither is reported, not guessed.

`--select` applies projects.py (which repositories, which paths, which languages, how many
files per language) to the mirrors' newest commits and records what it chose. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import FORMATS, lang_from_path, normalise_lang, read_bytes, xliff_version
from projects import PROJECTS, Project

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "manifest.tsv"
DATA = ROOT / "bench" / "data" / "l10n"
MIRRORS = Path("/work/.mirror")
COLUMNS = (
    "split",
    "project",
    "repo",
    "commit",
    "path",
    "blob",
    "local",
    "format",
    "tgt_lang",
    "src_lang",
    "segments",
    "licence",
)
MIN_SEGMENTS = 5


def git_dir(repo: str, mirrors: Path) -> Path | None:
    base = mirrors / repo.replace("/", "+", 1) / "repo"
    for candidate in (base, base / ".git"):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def git(gdir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gdir), *args], capture_output=True, check=True).stdout


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def local_path(split: str, repo: str, path: str) -> str:
    return f"{split}/{repo.replace('/', '+', 1)}/{path}"


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


# ---------------------------------------------------------------- select


def _format_name(fmt: str, data: bytes, text: str) -> str:
    if fmt == "xliff":
        return f"xliff-{xliff_version(text)}"
    if fmt == "tmx":
        match = re.search(r"<tmx\b[^>]*version=[\"']([\d.]+)", text[:2000])
        return f"tmx-{match.group(1) if match else '?'}"
    return fmt


def select_project(project: Project, mirrors: Path) -> list[dict[str, str]]:
    gdir = git_dir(project.repo, mirrors)
    if gdir is None:
        print(f"missing mirror: {project.repo} (fetch github:{project.repo})", file=sys.stderr)
        return []
    commit = git(gdir, "rev-parse", "HEAD").decode().strip()
    listing = git(gdir, "ls-tree", "-r", "-l", "-z", "HEAD").decode("utf-8", "replace")
    include = re.compile(project.include)
    exclude = re.compile(project.exclude) if project.exclude else None
    candidates: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in listing.split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        _mode, kind, blob, size = meta.split()
        fmt = FORMATS.get(Path(path).suffix.lower())
        if kind != "blob" or fmt is None or not include.search(path) or (exclude and exclude.search(path)):
            continue
        if not size.isdigit():  # too large for the snapshot: listed but absent
            continue
        data = git(gdir, "cat-file", "blob", blob)
        info = read_bytes(data, fmt, project.lang)
        lang = project.lang or normalise_lang(info.target_lang) or lang_from_path(path)
        if lang not in project.langs or info.segments < MIN_SEGMENTS:
            continue
        candidates[lang].append(
            {
                "split": project.split,
                "project": project.name,
                "repo": project.repo,
                "commit": commit,
                "path": path,
                "blob": blob,
                "local": local_path(project.split, project.repo, path),
                "format": _format_name(fmt, data, info.text),
                "tgt_lang": lang,
                "src_lang": normalise_lang(info.source_lang) or "en",
                "segments": str(info.segments),
                "licence": project.licence or "",
            }
        )
    rows = []
    for files in candidates.values():
        files.sort(key=lambda row: (-int(row["segments"]), row["path"]))
        rows.extend(files[: project.cap])
    return rows


def select(mirrors: Path) -> list[dict[str, str]]:
    rows = [row for project in PROJECTS for row in select_project(project, mirrors)]
    rows.sort(key=lambda row: (row["split"], row["project"], row["tgt_lang"], row["repo"], row["path"]))
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row[column] for column in COLUMNS) + "\n")
    return rows


# ---------------------------------------------------------------- build


def build(rows: list[dict[str, str]], mirrors: Path, data_dir: Path) -> int:
    written = unchanged = 0
    missing_repos: set[str] = set()
    missing_files: list[str] = []
    dirs: dict[str, Path | None] = {}
    for row in rows:
        target = data_dir / row["local"]
        if target.is_file() and blob_id(target.read_bytes()) == row["blob"]:
            unchanged += 1
            continue
        repo = row["repo"]
        if repo not in dirs:
            dirs[repo] = git_dir(repo, mirrors)
        gdir = dirs[repo]
        if gdir is None:
            missing_repos.add(repo)
            continue
        data = None
        for spec in (row["blob"], f"{row['commit']}:{row['path']}"):
            try:
                data = git(gdir, "cat-file", "blob", spec)
                break
            except subprocess.CalledProcessError:
                continue
        if data is None or blob_id(data) != row["blob"]:
            missing_files.append(f"{repo}:{row['path']}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    print(f"{len(rows)} files: {written} written, {unchanged} already there, into {data_dir}")
    for repo in sorted(missing_repos):
        print(f"missing mirror: {repo} (fetch github:{repo}, then run again)")
    for name in missing_files:
        print(f"not in the mirror at the recorded blob or commit: {name}")
    return 1 if missing_repos or missing_files else 0


def summary(rows: list[dict[str, str]]) -> None:
    by_split: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_lang: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    projects: dict[str, set[str]] = defaultdict(set)
    formats: dict[str, int] = defaultdict(int)
    for row in rows:
        for counter in (by_split[row["split"]], by_lang[(row["tgt_lang"], row["split"])]):
            counter[0] += 1
            counter[1] += int(row["segments"])
        projects[row["split"]].add(row["project"])
        formats[row["format"]] += 1
    for split, (files, segments) in sorted(by_split.items()):
        print(f"{split}: {len(projects[split])} projects, {files} files, {segments} segments")
    for (lang, split), (files, segments) in sorted(by_lang.items()):
        print(f"  {lang:6} {split:8} {files:4} files {segments:7} segments")
    print("formats:", dict(sorted(formats.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--select", action="store_true", help="choose files from the mirrors; rewrite manifest.tsv")
    parser.add_argument("--mirrors", type=Path, default=MIRRORS, help="where fetched repositories are")
    parser.add_argument("--data", type=Path, default=DATA, help="where the corpus is written")
    args = parser.parse_args()
    rows = select(args.mirrors) if args.select else read_manifest()
    summary(rows)
    return build(rows, args.mirrors, args.data)


if __name__ == "__main__":
    sys.exit(main())
