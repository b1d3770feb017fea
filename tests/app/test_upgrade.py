"""`upgrade_guideline` called directly: a unit's guideline taken from its recorded upstream to a newer one
(built here by copying the installed guideline and changing it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pasopati_cli import scaffold
from pasopati_cli.app.guideline import guideline_files_of, init_guideline, where_guideline
from pasopati_cli.app.upgrade import Change, upgrade_guideline
from pasopati_cli.coherence import conflicts_in, guideline_files
from pasopati_cli.loader import load_template, load_yaml_file
from pasopati_cli.model import Guideline
from pasopati_cli.problems import PasopatiError

KALAPAS = "notify: {waspada: 15m, siaga: 15m, darurat: 0m}"
KPLP = "notify: {waspada: 5m, siaga: 5m, darurat: 0m}"
CLOSING = "templates/kebakaran/closing.id.md"
THANKS = "**Terima kasih**"
LAST = "Dengan pernyataan ini, pembaruan berkala kami akhiri."


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    return init_guideline(target=tmp_path / "lapas").root


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """The installed guideline as a next release would change it."""
    root = tmp_path / "rilis"
    for folder in scaffold.GUIDELINE_FOLDERS:
        shutil.copytree(where_guideline() / folder, root / folder)
    return root


def recorded(root: Path) -> tuple[str, str] | None:
    loaded, _ = load_yaml_file(root / scaffold.GUIDELINE_FILE, "guideline.yaml")
    assert loaded is not None and isinstance(loaded.model, Guideline)
    up = loaded.model.upstream
    return None if up is None else (up.version, up.hash)


def test_keys_changed_on_both_sides_and_template_lines_apart_merge_cleanly(unit: Path, newer: Path) -> None:
    guideline = unit / scaffold.GUIDELINE_FILE
    edit(guideline, KALAPAS, KALAPAS.replace("siaga: 15m", "siaga: 10m") + "  # Kalapas kami minta 10 menit")
    edit(newer / scaffold.GUIDELINE_FILE, KPLP, KPLP.replace("waspada: 5m", "waspada: 3m"))
    edit(newer / scaffold.GUIDELINE_FILE, KALAPAS, KALAPAS.replace("waspada: 15m", "waspada: 20m"))
    edit(unit / CLOSING, THANKS, "**Ucapan terima kasih**")
    edit(newer / CLOSING, LAST, "Dengan pernyataan ini, pembaruan berkala berakhir.")
    before = guideline.read_text(encoding="utf-8")

    done = upgrade_guideline(target=unit, installed=newer, version="0.2.0")

    assert (done.changes, done.problems) == ([Change(scaffold.GUIDELINE_FILE, "merged"), Change(CLOSING, "merged")], [])
    after = guideline.read_text(encoding="utf-8")
    assert "notify: {waspada: 20m, siaga: 10m, darurat: 0m}  # Kalapas kami minta 10 menit" in after
    assert "notify: {waspada: 3m, siaga: 5m, darurat: 0m}" in after
    # every other line is the unit's own, the upstream record aside
    assert len(after.splitlines()) == len(before.splitlines())
    closing = (unit / CLOSING).read_text(encoding="utf-8")
    assert "**Ucapan terima kasih**" in closing and "pembaruan berkala berakhir." in closing
    assert recorded(unit) == ("0.2.0", done.upstream.hash)  # the merged guideline file loads
    assert done.upstream.hash == scaffold.content_hash(guideline_files_of(newer))
    kept = scaffold.unpack_base((unit / scaffold.BASE_ARCHIVE).read_bytes())
    assert kept == guideline_files_of(newer)  # the next upgrade merges from this release
    template, problems = load_template(unit / CLOSING, CLOSING, "kebakaran/closing.id.md")
    assert template is not None and problems == []


def test_a_key_both_changed_is_a_located_conflict_that_validate_refuses_until_resolved(unit: Path, newer: Path) -> None:
    guideline = unit / scaffold.GUIDELINE_FILE
    edit(guideline, KALAPAS, KALAPAS.replace("siaga: 15m", "siaga: 10m"))
    edit(newer / scaffold.GUIDELINE_FILE, KALAPAS, KALAPAS.replace("siaga: 15m", "siaga: 20m"))

    done = upgrade_guideline(target=unit, installed=newer, version="0.2.0")

    lines = guideline.read_text(encoding="utf-8").splitlines()
    at = lines.index("<<<<<<< unit") + 1
    assert lines[at - 1 : at + 4] == [
        "<<<<<<< unit",
        "    notify: {waspada: 15m, siaga: 10m, darurat: 0m}",
        "=======",
        "    notify: {waspada: 15m, siaga: 20m, darurat: 0m}",
        ">>>>>>> upstream v0.2.0",
    ]
    assert done.changes == [Change(scaffold.GUIDELINE_FILE, "conflict")]
    assert [(p.code, p.file, p.line, p.column, p.path, p.message("en")) for p in done.problems] == [
        (
            "P135", str(guideline), at, 1, "roles[id=kalapas].notify.siaga",
            "merge conflict: the unit and upstream 0.2.0 both changed this, differently; keep the right text "
            "between the markers, then remove the markers",
        )
    ]  # fmt: skip
    # what validate reports about a guideline's files (coherence.check_coherence)
    assert [(p.code, p.line) for p in conflicts_in(guideline_files(unit))] == [
        ("P120", at), ("P120", at + 2), ("P120", at + 4),
    ]  # fmt: skip
    with pytest.raises(PasopatiError) as unfinished:  # a second upgrade waits for the first to be finished
        upgrade_guideline(target=unit, installed=newer, version="0.2.0")
    assert [p.code for p in unfinished.value.problems] == ["P120", "P120", "P120"]

    resolved = [line for line in lines if line[:7] not in ("<<<<<<<", "=======", ">>>>>>>") and "20m" not in line]
    guideline.write_text("\n".join(resolved) + "\n", encoding="utf-8")
    assert conflicts_in(guideline_files(unit)) == []  # a full validate of it: tests/test_cli_upgrade.py
    assert recorded(unit) == ("0.2.0", done.upstream.hash)
    again = upgrade_guideline(target=unit, installed=newer, version="0.2.0")
    assert (again.changes, again.written) == ([], False)  # it already stands on that release


def test_files_added_upstream_come_deleted_ones_stay_deleted_and_a_deleted_one_changed_conflicts(
    unit: Path, newer: Path
) -> None:
    (newer / "templates" / "kebakaran" / "baru.id.md").write_text("---\ntitle: Baru\n---\nIsi baru.\n")
    (unit / "templates" / "kebakaran" / "update.en.md").unlink()  # upstream leaves it alone
    (unit / "templates" / "kebakaran" / "tanya_jawab.en.md").unlink()  # upstream changes it
    edit(newer / "templates" / "kebakaran" / "tanya_jawab.en.md", "---\ntitle:", "---\n# changed upstream\ntitle:")
    edit(unit / "templates" / "kebakaran" / "holding.en.md", "---\ntitle:", "---\n# changed by the unit\ntitle:")
    (newer / "templates" / "kebakaran" / "holding.en.md").unlink()

    dry = upgrade_guideline(target=unit, installed=newer, version="0.2.0", dry_run=True)
    assert not (unit / "templates" / "kebakaran" / "baru.id.md").exists() and not dry.written
    done = upgrade_guideline(target=unit, installed=newer, version="0.2.0")

    assert (dry.changes, dry.problems) == (done.changes, done.problems)
    assert done.changes == [
        Change(scaffold.GUIDELINE_FILE, "updated"),  # the new upstream recorded
        Change("templates/kebakaran/baru.id.md", "added"),
        Change("templates/kebakaran/holding.en.md", "conflict"),
        Change("templates/kebakaran/tanya_jawab.en.md", "conflict"),
    ]
    assert [(p.file, p.line, p.message("en").split(";")[0]) for p in done.problems] == [
        (str(unit / "templates/kebakaran/holding.en.md"), 1,
         "merge conflict: upstream 0.2.0 deleted this, the unit changed it"),
        (str(unit / "templates/kebakaran/tanya_jawab.en.md"), 1,
         "merge conflict: the unit deleted this, upstream 0.2.0 changed it"),
    ]  # fmt: skip
    assert not (unit / "templates" / "kebakaran" / "update.en.md").exists()
    restored = (unit / "templates" / "kebakaran" / "tanya_jawab.en.md").read_text(encoding="utf-8")
    assert restored.startswith("<<<<<<< unit\n=======\n---\n# changed upstream\n")
    assert restored.endswith(">>>>>>> upstream v0.2.0\n")


def test_without_its_base_an_upgrade_is_refused_and_says_how_to_go_on(unit: Path, newer: Path) -> None:
    archive = unit / scaffold.BASE_ARCHIVE
    kept = archive.read_bytes()
    archive.unlink()
    with pytest.raises(PasopatiError) as missing:
        upgrade_guideline(target=unit, installed=newer, version="0.2.0")
    assert [(p.code, p.file, p.message("en")) for p in missing.value.problems] == [
        (
            "P136", str(archive),
            f"the pristine copy of Pasopati 0.1.0 (the merge base) is missing: {archive}; give --base FOLDER "
            "holding that release's playbooks/ and templates/ (e.g. git clone --branch v0.1.0 pasopati-URL)",
        )
    ]  # fmt: skip
    archive.write_bytes(scaffold.pack_base({"playbooks/lain.yaml": b"kind: lain\n"}))
    with pytest.raises(PasopatiError) as other:
        upgrade_guideline(target=unit, installed=newer, version="0.2.0")
    [found] = other.value.problems
    assert (found.code, found.file, found.path) == ("P137", str(unit / scaffold.GUIDELINE_FILE), "upstream.hash")
    with pytest.raises(PasopatiError) as wrong_folder:
        upgrade_guideline(target=unit, installed=newer, version="0.2.0", base=newer / "playbooks")
    assert [p.code for p in wrong_folder.value.problems] == ["P012"]

    archive.unlink()
    current = upgrade_guideline(target=unit, base=where_guideline())  # the installed release is the one it has
    assert (current.changes, current.written, archive.read_bytes()) == ([], False, kept)

    edit(newer / scaffold.GUIDELINE_FILE, KPLP, KPLP.replace("waspada: 5m", "waspada: 3m"))
    archive.unlink()
    done = upgrade_guideline(target=unit, installed=newer, version="0.2.0", base=where_guideline())
    assert (done.changes, done.problems) == ([Change(scaffold.GUIDELINE_FILE, "merged")], [])
    assert archive.is_file()


def test_a_guideline_that_records_no_upstream_needs_its_base_given(unit: Path, newer: Path) -> None:
    guideline = unit / scaffold.GUIDELINE_FILE
    text = guideline.read_text(encoding="utf-8")
    guideline.write_text(text[: text.index("# Where this")] + text[text.index("owner:") :], encoding="utf-8")
    with pytest.raises(PasopatiError) as refused:
        upgrade_guideline(target=unit, installed=newer, version="0.2.0")
    assert [(p.code, p.line) for p in refused.value.problems] == [("P138", 1)]
    done = upgrade_guideline(target=unit, installed=newer, version="0.2.0", base=where_guideline())
    assert (done.previous, recorded(unit)) == (None, ("0.2.0", done.upstream.hash))
