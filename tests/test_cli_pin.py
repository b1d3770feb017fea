"""An incident keeps its guideline, through the CLI: later commands need no --guideline; a changed
guideline is asked at a terminal, refused in a script unless --accept-guideline-change, and reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pasopati_cli.app.pin import folder_hash
from tests.conftest import CASES, Run

UNIT = str(CASES / "unit.yaml")
OPEN = ["incident", "open", "uji", "--unit", UNIT, "--start", "2025-11-26 14:05", "--answer", "ada_luka=ya",
        "--answer", "jumlah_luka=3", "--answer", "skala=satu_kamar", "--set", "lokasi=area dapur"]  # fmt: skip


@pytest.fixture
def incident(run: Run, guideline: Path, tmp_path: Path) -> str:
    """An incident opened with the test guideline (`--guideline`), which the bundled one does not replace."""
    result = run(*OPEN, "--output", str(tmp_path / "keluaran"), "--format", "json", "--guideline", str(guideline))
    assert result.code == 0, result.err
    return str(json.loads(result.out)["id"])


def _edit(guideline: Path) -> None:
    template = guideline / "templates" / "uji" / "holding.id.md"
    template.write_text(template.read_text(encoding="utf-8") + "\nDiperbarui.\n", encoding="utf-8")


def test_every_later_command_uses_the_recorded_guideline(run: Run, incident: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # away from the guideline; the bundled one has no type "uji"
    (statement,) = (tmp_path / "keluaran").glob("*.md")
    revised = tmp_path / "S2.md"
    revised.write_text("# Pembaruan\n\nLapas Kelas IIA Uji menangani kejadian di area dapur.\n", encoding="utf-8")
    for command in (("incident", "status", incident), ("incident", "notify", incident, "kakanwil"),
                    ("incident", "done", incident, "hitung"), ("incident", "log", incident, "catatan"),
                    ("incident", "fact", incident, "jumlah_luka=4"), ("incident", "facts", incident),
                    ("incident", "start", incident, "2025-11-26 14:00", "--reason", "laporan KPLP"),
                    ("incident", "statement", incident, "holding", "--output", str(tmp_path / "S2.id.md")),
                    ("incident", "revise", incident, "S2", "--file", str(revised)),
                    ("incident", "approve", incident, "S1", "--by", "Siti Rahma"), ("incident", "release", incident, "S1"),
                    ("check", "--incident", incident, str(statement)), ("incident", "show", incident),
                    ("incident", "report", incident), ("incident", "close", incident, "--yes"),
                    ("incident", "verify", incident)):  # fmt: skip
        result = run(*command)
        assert result.code == 0, (command, result.err)
    assert "Pedoman Uji 0.1" in run("incident", "report", incident).out
    assert json.loads(run("incident", "show", incident, "--format", "json").out)["guideline"]["name"] == "Pedoman Uji"


def test_a_script_is_refused_with_the_located_problem_and_nothing_is_recorded(
    run: Run, guideline: Path, incident: str
) -> None:
    recorded = folder_hash(guideline)[7:19]
    _edit(guideline)
    before = json.loads(run("incident", "show", incident, "--format", "json").out)["events"]
    result = run("incident", "notify", incident, "kakanwil", "--lang", "en")
    assert result.code == 1
    assert result.err == (
        f"{guideline}: [error] P513 incident {incident}: the guideline's files changed since it opened; "
        f"recorded Pedoman Uji 0.1, sha256 {recorded}, now Pedoman Uji 0.1, sha256 {folder_hash(guideline)[7:19]}. "
        "Deadlines and texts may differ from those used so far; accept the change with --accept-guideline-change "
        "(recorded in the journal) or restore the files\n"
    )
    assert json.loads(run("incident", "show", incident, "--format", "json").out)["events"] == before


def test_an_accepted_change_is_recorded_and_the_report_names_it(run: Run, guideline: Path, incident: str) -> None:
    _edit(guideline)
    result = run("incident", "notify", incident, "kakanwil", "--accept-guideline-change")
    assert result.code == 0, result.err
    assert run("incident", "status", incident).code == 0  # accepted once: the incident's guideline now
    report = run("incident", "report", incident, "--lang", "en").out
    assert "## Changes of guideline" in report
    assert "| Petugas Uji | --accept-guideline-change |" in report
    assert "| guideline changed | Petugas Uji |" in report  # in the timeline too
    assert run("incident", "verify", incident).code == 0


def test_at_a_terminal_the_officer_is_asked_and_gives_the_reason(run: Run, guideline: Path, incident: str) -> None:
    _edit(guideline)
    result = run("incident", "raise", incident, "darurat", "--reason", "korban jiwa", "--interactive",
                 input="ya\nKanwil merevisi templat\n")  # fmt: skip
    assert result.code == 0, result.err
    assert "berubah sejak insiden dibuka" in result.err
    report = json.loads(run("incident", "report", incident, "--format", "json").out)
    assert [c["reason"] for c in report["guideline"]["changes"]] == ["Kanwil merevisi templat"]


def test_another_guideline_given_is_a_change_and_a_missing_folder_names_the_flags(
    run: Run, guideline: Path, incident: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "lain"
    shutil.move(guideline, other)
    missing = run("incident", "status", incident)
    assert missing.code == 1
    assert missing.err == (
        f"{guideline}: [error] P514 folder pedoman yang tercatat untuk insiden ini tidak ada lagi; berikan "
        "foldernya dengan --guideline FOLDER --accept-guideline-change\n"
    )
    given = run("incident", "status", incident, "--guideline", str(other))
    assert (given.code, given.err.split(" ")[2]) == (1, "P513")
    assert run("incident", "status", incident, "--guideline", str(other), "--accept-guideline-change").code == 0
    assert run("incident", "status", incident).code == 0
