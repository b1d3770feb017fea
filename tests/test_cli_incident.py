"""The incident journal through the CLI: recording, status against deadlines, approval and release, report."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import CASES, Run

UNIT = str(CASES / "unit.yaml")
START = ["--start", "2025-11-26 14:05"]
SIAGA = ["--answer", "ada_luka=ya", "--answer", "jumlah_luka=3", "--answer", "skala=satu_kamar"]
DARURAT = ["--answer", "ada_luka=ya", "--answer", "jumlah_luka=12", "--answer", "skala=satu_kamar"]


@pytest.fixture
def cli(guideline: Path, run: Run):
    def call(*args: str):
        needs_guideline = args[:2] not in (("incident", "list"), ("incident", "show"), ("incident", "verify"))
        return run(*args, *(["--guideline", str(guideline)] if needs_guideline else []))

    return call


@pytest.fixture
def opened(cli, tmp_path: Path):
    """A Siaga incident opened by a non-interactive response; returns its id."""

    def make(*answers: str, exercise: bool = False) -> str:
        flags = ["--latihan"] if exercise else []
        result = cli("incident", "open", "uji", "--unit", UNIT, *START, *(answers or SIAGA), "--set", "lokasi=area dapur",
                     "--output", str(tmp_path / "keluaran"), "--format", "json", *flags)  # fmt: skip
        assert result.code == 0, result.err
        return str(json.loads(result.out)["id"])

    return make


def test_opening_records_the_response_and_lists_it(cli, opened) -> None:
    incident = opened()
    listed = json.loads(cli("incident", "list", "--format", "json").out)
    assert [(i["id"], i["crisis_type"], i["level"], i["closed"], i["opened_by"]) for i in listed] == [
        (incident, "uji", "siaga", False, "Petugas Uji")
    ]
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert shown["answers"] == {"ada_luka": True, "jumlah_luka": 3, "skala": "satu_kamar"}
    assert shown["statements"][0]["id"] == "S1" and shown["statements"][0]["status"] == "draft"


def test_exercise_incidents_are_kept_apart_and_marked(cli, opened, tmp_path: Path) -> None:
    real = opened()
    drill = opened(exercise=True)
    assert [i["id"] for i in json.loads(cli("incident", "list", "--format", "json").out)] == [real]
    assert [i["id"] for i in json.loads(cli("incident", "list", "--latihan", "--format", "json").out)] == [drill]
    assert [p.name for p in sorted((tmp_path / "keluaran").iterdir())] == [
        "LATIHAN-uji-holding-20251126-1405.id.md",
        "uji-holding-20251126-1405.id.md",
    ]
    report = cli("incident", "report", drill).out
    assert "**LATIHAN — BUKAN KEJADIAN NYATA**" in report


def test_status_shows_what_is_due_and_overdue_in_the_unit_clock(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:12").code == 0
    status = json.loads(cli("incident", "status", incident, "--at", "2025-11-26 14:40", "--format", "json").out)
    assert [(i["what"], i["key"], i["deadline"], i["done_at"], i["overdue"]) for i in status["items"]] == [
        ("notify", "kalapas", "2025-11-26T14:20:00+08:00", "2025-11-26T14:12:00+08:00", False),
        ("action", "hitung", "2025-11-26T14:35:00+08:00", None, True),
        ("notify", "polres", "2025-11-26T14:35:00+08:00", None, True),
        ("notify", "kakanwil", "2025-11-26T15:05:00+08:00", None, False),
        ("statement", "holding", "2025-11-26T16:05:00+08:00", None, False),
    ]


def test_status_text_marks_overdue_items(cli, opened) -> None:
    incident = opened()
    text = cli("incident", "status", incident, "--at", "2025-11-26 14:40").out
    assert "TERLAMBAT 5 menit" in text
    assert "sisa 25 menit" in text


@pytest.fixture
def clock_at(monkeypatch: pytest.MonkeyPatch):
    """Stop the clock at a WITA time on the incident day ("14:30"); call again to move it."""
    from datetime import datetime, timedelta, timezone, tzinfo

    moment = [datetime(2025, 11, 26, tzinfo=timezone(timedelta(hours=8)))]

    def now(zone: tzinfo) -> datetime:
        return moment[0].astimezone(zone)

    def set_to(hhmm: str) -> None:
        hours, minutes = (int(part) for part in hhmm.split(":"))
        moment[0] = moment[0].replace(hour=hours, minute=minutes)

    monkeypatch.setattr("pasopati_cli.clock.now", now)
    return set_to


def test_a_raise_in_the_opening_walk_counts_from_the_start_as_the_walk_showed_it(cli, clock_at, tmp_path) -> None:
    clock_at("14:30")  # the response is run 25 minutes after the incident started
    result = cli("incident", "open", "uji", "--unit", UNIT, *START, *SIAGA, "--raise-to", "darurat", "--reason",
                 "liputan media nasional", "--set", "lokasi=area dapur", "--output", str(tmp_path), "--format", "json")  # fmt: skip
    assert result.code == 0, result.err
    opened = json.loads(result.out)
    shown = [(a["role"], a["deadline"]) for a in opened["assignments"]]
    assert shown == [
        ("kalapas", "2025-11-26T14:05:00+08:00"),
        ("polres", "2025-11-26T14:20:00+08:00"),
        ("kakanwil", "2025-11-26T14:35:00+08:00"),
    ]
    status = json.loads(cli("incident", "status", opened["id"], "--format", "json").out)
    assert [(i["key"], i["deadline"]) for i in status["items"] if i["what"] == "notify"] == shown


def test_a_role_or_action_not_in_the_playbook_is_refused(cli, opened) -> None:
    incident = opened()
    role = cli("incident", "notify", incident, "bupati", "--lang", "en")
    assert (role.code, role.err) == (1, "error: P201 unknown role 'bupati' (kalapas, kakanwil, polres)\n")
    action = cli("incident", "done", incident, "evakuasi", "--lang", "en")
    assert (action.code, action.err) == (1, "error: P201 unknown action 'evakuasi' (hitung)\n")


def test_an_unknown_incident_is_refused(cli) -> None:
    result = cli("incident", "status", "20990101-0001", "--lang", "en")
    assert result.code == 1
    assert "P501" in result.err and "20990101-0001" in result.err


def test_a_closed_incident_cannot_be_changed(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "close", incident).code == 0
    result = cli("incident", "log", incident, "catatan terlambat", "--lang", "en")
    assert result.code == 1
    assert result.err.endswith(f"[error] P503 incident {incident} is closed and can no longer be changed\n")


def test_release_needs_the_approver_of_the_level_and_an_unchanged_text(cli, opened, tmp_path: Path) -> None:
    incident = opened()
    unapproved = cli("incident", "release", incident, "S1", "--lang", "en")
    assert unapproved.code == 1
    assert unapproved.err == (
        f"error: P503 statement S1 is not approved (or changed after approval); run: pasopati incident approve {incident} S1 --by NAME\n"
    )
    wrong = cli("incident", "approve", incident, "S1", "--by", "Budi Hartono", "--lang", "en")
    assert (wrong.code, wrong.err) == (
        1,
        "error: P503 at level Standby a statement must be approved by Head of the prison (Siti Rahma), not 'Budi Hartono'\n",
    )
    assert cli("incident", "approve", incident, "S1", "--by", "siti rahma").code == 0
    revised = tmp_path / "revisi.md"
    revised.write_text("# Pernyataan awal\n\nTeks yang diubah setelah disetujui.\n")
    assert cli("incident", "revise", incident, "S1", "--file", str(revised)).code == 0
    assert cli("incident", "release", incident, "S1").code == 1
    assert cli("incident", "approve", incident, "S1", "--by", "kalapas").code == 0
    released = cli("incident", "release", incident, "S1", "--lang", "en")
    assert (released.code, released.out) == (0, "Statement S1 released.\n")
    again = cli("incident", "release", incident, "S1", "--lang", "en")
    assert (again.code, again.err) == (1, "error: P503 statement S1 has already been released\n")


def test_a_darurat_statement_waits_for_the_kanwil_or_an_override_with_a_reason(cli, opened) -> None:
    incident = opened(*DARURAT)
    assert cli("incident", "approve", incident, "S1", "--by", "Budi Hartono").code == 0
    blocked = cli("incident", "release", incident, "S1", "--lang", "en")
    assert blocked.code == 1
    assert blocked.err == (
        "error: P503 At Emergency the regional head must be told first. Missing: notify Regional head "
        f"(pasopati incident notify {incident} kakanwil)\n"
    )
    forced = cli(
        "incident", "release", incident, "S1", "--override", "ancaman nyawa: warga diminta menjauh", "--lang", "en"
    )
    assert forced.code == 0
    assert forced.out == "Statement S1 released under OVERRIDE: ancaman nyawa: warga diminta menjauh\n"
    report = json.loads(cli("incident", "report", incident, "--format", "json").out)
    assert report["statements"][0]["override_reason"] == "ancaman nyawa: warga diminta menjauh"


def test_a_failed_non_interactive_response_keeps_its_answers_and_can_be_resumed(cli, tmp_path: Path) -> None:
    failed = cli("respond", "uji", "--unit", UNIT, *START, "--answer", "ada_luka=ya", "--output", str(tmp_path))
    assert failed.code == 1
    incident = failed.err.rsplit("pasopati incident resume ", 1)[1].strip()
    assert json.loads(cli("incident", "show", incident, "--format", "json").out)["answers"] == {"ada_luka": True}
    resumed = cli("incident", "resume", incident, "--answer", "jumlah_luka=2", "--answer", "skala=satu_blok",
                  "--set", "lokasi=dapur", "--output", str(tmp_path), "--format", "json")  # fmt: skip
    assert resumed.code == 0, resumed.err
    assert json.loads(resumed.out)["id"] == incident
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert shown["level"] == "siaga" and shown["answers"] == {"ada_luka": True, "jumlah_luka": 2, "skala": "satu_blok"}


def test_the_next_statement_is_drafted_with_the_facts_already_known(cli, opened) -> None:
    incident = opened()
    drafted = cli("incident", "statement", incident, "holding")
    assert drafted.code == 0
    assert "area dapur" in drafted.out
    assert drafted.err.endswith(f"Draf pernyataan S2 tercatat untuk insiden {incident}.\n")


def test_the_report_lists_the_timeline_levels_and_deadlines(cli, opened) -> None:
    incident = opened()
    cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:12")
    cli("incident", "done", incident, "hitung", "--at", "2025-11-26 14:50")
    cli("incident", "log", incident, "Situasi terkendali.")
    report = cli("incident", "report", incident).out
    assert f"# Laporan Pasca-Insiden {incident}" in report
    assert (
        "| Kepala Lapas | Siti Rahma | Rabu, 26 November 2025, 14.20 WITA | Rabu, 26 November 2025, 14.12 WITA | tepat waktu |"
        in report
    )
    assert (
        "| Hitung penghuni | Siti Rahma | Rabu, 26 November 2025, 14.35 WITA | Rabu, 26 November 2025, 14.50 WITA | terlambat 15 menit |"
        in report
    )
    assert "| Polres | AKBP Dewi Lestari | Rabu, 26 November 2025, 14.35 WITA | - | belum tercatat |" in report
    assert "Situasi terkendali." in report
    html = cli("incident", "report", incident, "--format", "html").out
    assert html.startswith("<!DOCTYPE html>") and "<table>" in html


def test_verify_finds_a_row_changed_behind_the_tools_back(cli, opened) -> None:
    import os

    incident = opened()
    assert cli("incident", "verify").code == 0
    db = sqlite3.connect(os.environ["PASOPATI_JOURNAL"])
    db.execute("DROP TRIGGER IF EXISTS events_no_update")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f"DROP TRIGGER {name}")
    db.execute("UPDATE events SET operator = 'orang lain' WHERE incident_id = ? AND seq = 2", (incident,))
    db.commit()
    db.close()
    result = cli("incident", "verify", incident, "--lang", "en")
    assert result.code == 1
    assert (
        result.err
        == f"{os.environ['PASOPATI_JOURNAL']}: [error] P502 incident {incident}: event #2 was changed (hash mismatch)\n"
    )


def test_a_file_that_is_not_a_journal_is_refused(cli, tmp_path: Path, monkeypatch) -> None:
    bogus = tmp_path / "bukan.sqlite3"
    bogus.write_bytes(b"ini bukan jurnal\n" * 10)
    monkeypatch.setenv("PASOPATI_JOURNAL", str(bogus))
    result = cli("incident", "list", "--lang", "en")
    assert result.code == 1
    assert "P501" in result.err


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that starts at 14:06 WITA on the incident day and moves on one minute at every reading."""
    from datetime import datetime, timedelta, timezone, tzinfo

    moment = [datetime(2025, 11, 26, 6, 5, tzinfo=timezone.utc)]

    def now(zone: tzinfo) -> datetime:
        moment[0] += timedelta(minutes=1)
        return moment[0].astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)


@pytest.mark.parametrize("output_format", ["md", "json", "html"])
def test_the_report_of_a_whole_incident_matches_its_golden_file(cli, ticking_clock, output_format) -> None:
    # The statement goes to a folder relative to the guideline copy (the working directory), so that the
    # journal, and with it the hash chain, is the same on every run.
    result = cli("incident", "open", "uji", "--unit", UNIT, *START, *DARURAT, "--set", "lokasi=area dapur",
                 "--output", "keluaran", "--format", "json")  # fmt: skip
    assert result.code == 0, result.err
    incident = json.loads(result.out)["id"]
    steps = [
        ("incident", "notify", incident, "kalapas", "--channel", "telepon", "--at", "2025-11-26 14:06"),
        ("incident", "notify", incident, "kakanwil", "--channel", "telepon", "--at", "2025-11-26 14:20"),
        ("incident", "done", incident, "hitung", "--at", "2025-11-26 14:50"),
        ("incident", "log", incident, "Situasi terkendali; penghitungan penghuni lengkap."),
        ("incident", "approve", incident, "S1", "--by", "Budi Hartono"),
        ("incident", "release", incident, "S1"),
        ("incident", "close", incident),
    ]
    for step in steps:
        result = cli(*step)
        assert result.code == 0, (step, result.err)
    report = cli("incident", "report", incident, "--format", output_format)
    assert report.code == 0, report.err
    golden = GOLDEN / f"incident_report.{output_format}"
    if os.environ.get("PASOPATI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(report.out, encoding="utf-8")
    assert report.out == golden.read_text(encoding="utf-8")
