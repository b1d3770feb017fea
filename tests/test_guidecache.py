"""The cache of validated playbooks: used only for the exact files it was made from, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli import guidecache
from pasopati_cli.response import load_guide


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PASOPATI_CACHE", str(tmp_path / "cache"))


def _entries() -> list[Path]:
    base = guidecache.folder()
    assert base is not None
    return sorted((base / "guides").glob("*.pickle"))


def test_a_second_load_comes_from_the_cache_with_the_same_content(guideline: Path) -> None:
    first = load_guide(guideline, "uji")
    entry = guidecache.fetch(guideline, "uji")
    assert entry is not None
    second = load_guide(guideline, "uji")
    assert second.guideline == first.guideline
    assert second.crisis("uji") == first.crisis("uji")
    assert second.content_hash() == first.content_hash()


def test_a_changed_playbook_is_loaded_and_checked_again(guideline: Path) -> None:
    load_guide(guideline, "uji")
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("base_level: waspada", "base_level: siaga"))
    assert guidecache.fetch(guideline, "uji") is None
    assert load_guide(guideline, "uji").crisis("uji").base_level == "siaga"


def test_a_template_that_disappeared_invalidates_the_entry(guideline: Path) -> None:
    guide = load_guide(guideline, "uji")
    name = guide.crisis("uji").statements[0].template["id"]
    (guideline / "templates" / name).unlink()
    assert guidecache.fetch(guideline, "uji") is None


def test_a_corrupt_entry_is_ignored(guideline: Path) -> None:
    load_guide(guideline, "uji")
    for entry in _entries():
        entry.write_bytes(b"not a pickle")
    assert guidecache.fetch(guideline, "uji") is None
    assert load_guide(guideline, "uji").crisis("uji").id == "uji"


def test_the_cache_can_be_switched_off(guideline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASOPATI_CACHE", "off")
    load_guide(guideline, "uji")
    assert guidecache.fetch(guideline, "uji") is None


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(guideline: Path, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PASOPATI_CACHE", str(blocker))
    assert load_guide(guideline, "uji").crisis("uji").id == "uji"
    assert guidecache.fetch(guideline, "uji") is None
