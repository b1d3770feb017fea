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


class Counting:
    """A loader that says how often it ran."""

    def __init__(self, value: object, problems: list[object] | None = None) -> None:
        self.value, self.problems, self.calls = value, problems or [], 0

    def __call__(self) -> tuple[object, list[object]]:
        self.calls += 1
        return self.value, list(self.problems)


def test_a_clean_single_file_is_read_once_for_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text("kind: unit-profile\n", encoding="utf-8")
    load = Counting({"unit": "Lapas Contoh"})
    assert guidecache.remembered(path, "unit.yaml", "unit", load) == ({"unit": "Lapas Contoh"}, [])
    assert guidecache.remembered(path, "unit.yaml", "unit", load) == ({"unit": "Lapas Contoh"}, [])
    assert load.calls == 1
    path.write_text("kind: unit-profile\n# diubah\n", encoding="utf-8")
    guidecache.remembered(path, "unit.yaml", "unit", load)
    assert load.calls == 2


def test_a_file_is_remembered_apart_for_each_name_it_is_shown_by_and_each_kind(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    load = Counting("isi")
    guidecache.remembered(path, "a.yaml", "unit", load)
    guidecache.remembered(path, "../a.yaml", "unit", load)
    guidecache.remembered(path, "a.yaml", "answers", load)
    assert load.calls == 3


def test_a_file_with_any_problem_is_read_again_so_its_warning_shows_every_time(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    load = Counting("isi", problems=["peringatan"])
    assert guidecache.remembered(path, "a.yaml", "unit", load) == ("isi", ["peringatan"])
    assert guidecache.remembered(path, "a.yaml", "unit", load) == ("isi", ["peringatan"])
    assert load.calls == 2


def test_a_damaged_single_file_entry_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    load = Counting("isi")
    guidecache.remembered(path, "a.yaml", "unit", load)
    base = guidecache.folder()
    assert base is not None
    for entry in (base / "files").glob("*.pickle"):
        entry.write_bytes(b"bukan pickle")
    assert guidecache.remembered(path, "a.yaml", "unit", load) == ("isi", [])
    assert load.calls == 2


def test_with_the_cache_off_every_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASOPATI_CACHE", "off")
    path = tmp_path / "a.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    load = Counting("isi")
    guidecache.remembered(path, "a.yaml", "unit", load)
    guidecache.remembered(path, "a.yaml", "unit", load)
    assert load.calls == 2
