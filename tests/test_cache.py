"""The on-disk cache of parsed packs and prefilter literals can only save time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mtcheck import cache
from mtcheck.packs import loader
from mtcheck.packs.loader import load_pack

PACK = """
[pack]
name = "cache test"

[[rule]]
id = "xx.calque.first-move"
category = "style/awkward"
severity = "minor"
pattern = '(?i)\\bplay (?:the )?first moves?\\b'
message = "A calque of 下好先手棋"
bad = ["We must play first moves."]
good = ["We must act first."]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_second_load_reads_the_cache_and_builds_the_same_rules(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _pack(tmp_path)
    first = load_pack(path)
    (entry,) = (cache_dir / "packs").iterdir()
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["literals"] == {"0:(?i)\\bplay (?:the )?first moves?\\b": ["first move"]}

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(loader.tomllib, "loads", no_parsing)
    monkeypatch.setattr(loader, "required_literals", no_parsing)
    second = load_pack(path)
    assert [r.info for r in second.rules] == [r.info for r in first.rules]
    assert second.rules[0].literals == first.rules[0].literals == frozenset({"first move"})


def test_an_edited_pack_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = _pack(tmp_path)
    load_pack(path)
    _pack(tmp_path, PACK.replace('"A calque of 下好先手棋"', '"Edited"'))
    assert load_pack(path).rules[0].message == "Edited"
    assert len(list((cache_dir / "packs").iterdir())) == 2


@pytest.mark.parametrize("content", ["", "{not json", '{"data": [], "literals": {}}', '{"data": {}, "literals": 3}'])
def test_a_corrupt_entry_is_ignored_and_replaced(tmp_path: Path, cache_dir: Path, content: str) -> None:
    path = _pack(tmp_path)
    load_pack(path)
    (entry,) = (cache_dir / "packs").iterdir()
    entry.write_text(content, encoding="utf-8")
    assert load_pack(path).rules[0].literals == frozenset({"first move"})
    assert json.loads(entry.read_text(encoding="utf-8"))["data"]["pack"]["name"] == "cache test"


def test_an_unwritable_cache_costs_nothing_but_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    assert load_pack(_pack(tmp_path)).rules[0].literals == frozenset({"first move"})


def test_mtcheck_no_cache_writes_nothing(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTCHECK_NO_CACHE", "1")
    load_pack(_pack(tmp_path))
    assert cache.directory() is None and not cache_dir.exists()


def test_the_default_place_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MTCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "mtcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.directory() == Path(os.path.expanduser("~")) / ".cache" / "mtcheck"


def test_values_that_json_cannot_hold_are_not_stored(cache_dir: Path) -> None:
    import datetime

    cache.put("packs", "k", {"when": datetime.date(2026, 12, 2)})
    assert cache.get("packs", "k") is None
    cache.put("packs", "k", {"n": 1.0, "s": "下好先手棋"})
    assert cache.get("packs", "k") == {"n": 1.0, "s": "下好先手棋"}
