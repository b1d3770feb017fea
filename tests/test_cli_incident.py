"""The incident journal through the CLI: recording, status against deadlines, approval and release, report."""

from __future__ import annotations

import json
import os
import re
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
    assert "notify kalapas" in text and "done hitung" in text  # the words the next command needs


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


WASPADA = ["--answer", "ada_luka=tidak", "--answer", "skala=satu_kamar"]


@pytest.fixture
def example_deadlines(guideline: Path) -> None:
    """The deadlines of the examples in docs/journal-format.md: the Kalapas within 60 minutes at Waspada,
    30 at Siaga and 15 at Darurat; the Kakanwil within 24 hours at Waspada, 1 hour at Siaga and 30 minutes
    at Darurat. (Polres is called in from Siaga; the holding statement is due from Siaga.)"""
    path = guideline / "playbooks" / "guideline.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("notify: {waspada: 15m, siaga: 15m, darurat: 0m}", "notify: {waspada: 60m, siaga: 30m, darurat: 15m}"),
        ("notify: {siaga: 1h, darurat: 30m}", "notify: {waspada: 24h, siaga: 1h, darurat: 30m}"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_raising_records_the_level_and_shows_what_is_due_from_the_raise(
    cli, opened, clock_at, example_deadlines
) -> None:
    clock_at("14:06")
    incident = opened(*WASPADA)
    clock_at("14:55")  # start + 50 minutes
    raised = cli("incident", "raise", incident, "darurat", "--reason", "korban luka bertambah", "--operator", "Dewi")
    assert (raised.code, raised.err) == (0, "")
    # The Kalapas: min(14.05 + 60 min, 14.55 + 15 min); Polres and the statement exist from Darurat on and
    # count from 14.55; only what was already overdue at Waspada is overdue.
    assert lines(raised.out) == [
        f"Insiden {incident}: tingkat dinaikkan dari Waspada ke Darurat oleh Dewi. Alasan: korban luka bertambah",
        f"Insiden {incident} · Darurat · per Rabu, 26 November 2025, 14.55 WITA",
        "┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Paling lambat  ┃ Apa                                    ┃ Nama           ┃ Status                ┃",
        "┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ 14.35 WITA     │ Hitung penghuni                        │ Siti Rahma     │ TERLAMBAT 20 menit    │",
        "│                │ done hitung                            │                │                       │",
        "│ 15.05 WITA     │ Kepala Lapas                           │ Siti Rahma     │ sisa 10 menit         │",
        "│                │ notify kalapas                         │                │                       │",
        "│ 15.10 WITA     │ Polres                                 │ AKBP Dewi      │ sisa 15 menit         │",
        "│                │ notify polres                          │ Lestari        │                       │",
        "│ 15.25 WITA     │ Kakanwil Ditjenpas                     │ Budi Hartono   │ sisa 30 menit         │",
        "│                │ notify kakanwil                        │                │                       │",
        "│ 15.55 WITA     │ Pernyataan awal                        │                │ sisa 1 jam            │",
        "│                │ statement holding                      │                │                       │",
        "└────────────────┴────────────────────────────────────────┴────────────────┴───────────────────────┘",
    ]
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert shown["level"] == "darurat"
    assert [(c["level"], c["reasons"], c["at"], c["by"]) for c in shown["levels"]][1:] == [
        ("darurat", ["korban luka bertambah"], "2025-11-26T06:55:00+00:00", "Dewi")
    ]
    # Status from then on uses the same deadlines.
    status = cli("incident", "status", incident, "--at", "2025-11-26 14:55")
    assert lines(status.out) == lines(raised.out)[1:]


def test_a_notice_in_time_under_waspada_stays_in_time_after_the_raise(cli, opened, clock_at, example_deadlines) -> None:
    clock_at("14:06")
    incident = opened(*WASPADA)
    clock_at("14:55")
    assert cli("incident", "raise", incident, "darurat", "--reason", "korban luka bertambah").code == 0
    assert cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 15:00").code == 0  # start + 55 min
    status = json.loads(cli("incident", "status", incident, "--at", "2025-11-26 15:30", "--format", "json").out)
    assert [(i["key"], i["deadline"], i["done_at"], i["overdue"], i["late"]) for i in status["items"]] == [
        ("hitung", "2025-11-26T14:35:00+08:00", None, True, False),
        ("kalapas", "2025-11-26T15:05:00+08:00", "2025-11-26T15:00:00+08:00", False, False),
        ("polres", "2025-11-26T15:10:00+08:00", None, True, False),
        ("kakanwil", "2025-11-26T15:25:00+08:00", None, True, False),
        ("holding", "2025-11-26T15:55:00+08:00", None, False, False),
    ]
    report = cli("incident", "report", incident).out
    assert (
        "| Kepala Lapas | Siti Rahma | Rabu, 26 November 2025, 15.05 WITA | Rabu, 26 November 2025, 15.00 WITA "
        "| tepat waktu |" in report
    )
    assert "| Polres | AKBP Dewi Lestari | Rabu, 26 November 2025, 15.10 WITA | - | belum tercatat |" in report


def test_a_raise_two_hours_in_gives_the_kakanwil_thirty_minutes_from_the_raise(
    cli, opened, clock_at, example_deadlines
) -> None:
    clock_at("14:06")
    incident = opened(*WASPADA)
    clock_at("14:55")  # the notice is recorded a few minutes after it was made
    assert cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:50").code == 0
    clock_at("16:05")  # start + 2 hours
    raised = cli("incident", "raise", incident, "darurat", "--reason", "liputan media nasional", "--format", "json")
    assert raised.code == 0, raised.err
    document = json.loads(raised.out)
    assert document["raised"] == {
        "from": "waspada",
        "to": "darurat",
        "reason": "liputan media nasional",
        "by": "Petugas Uji",
        "at": "2025-11-26T16:05:00+08:00",
    }
    assert (document["id"], document["level"], document["now"], document["exercise"], document["closed"]) == (
        incident, "darurat", "2025-11-26T16:05:00+08:00", False, False
    )  # fmt: skip
    assert [(i["key"], i["deadline"], i["done_at"], i["overdue"]) for i in document["items"]] == [
        ("hitung", "2025-11-26T14:35:00+08:00", None, True),
        ("kalapas", "2025-11-26T15:05:00+08:00", "2025-11-26T14:50:00+08:00", False),
        ("polres", "2025-11-26T16:20:00+08:00", None, False),
        ("kakanwil", "2025-11-26T16:35:00+08:00", None, False),  # start + 2 h 30 min
        ("holding", "2025-11-26T17:05:00+08:00", None, False),
    ]
    clock_at("16:31")
    assert cli("incident", "notify", incident, "kakanwil", "--at", "2025-11-26 16:30").code == 0
    report = json.loads(cli("incident", "report", incident, "--format", "json").out)
    assert [(d["key"], d["deadline"], d["late"]) for d in report["deadlines"] if d["what"] == "notify"] == [
        ("kalapas", "2025-11-26T15:05:00+08:00", False),
        ("polres", "2025-11-26T16:20:00+08:00", False),
        ("kakanwil", "2025-11-26T16:35:00+08:00", False),
    ]


def test_a_resumed_walk_that_raises_the_level_shows_the_deadlines_status_will_show(
    cli, opened, clock_at, example_deadlines, tmp_path
) -> None:
    clock_at("14:06")
    incident = opened(*WASPADA)
    clock_at("14:55")  # new answers 50 minutes in require Darurat
    resumed = cli("incident", "resume", incident, "--answer", "ada_luka=ya", "--answer", "jumlah_luka=12",
                  "--set", "lokasi=dapur", "--output", str(tmp_path), "--format", "json")  # fmt: skip
    assert resumed.code == 0, resumed.err
    document = json.loads(resumed.out)
    shown = [(a["role"], a["deadline"]) for a in document["assignments"]]
    assert shown == [
        ("kalapas", "2025-11-26T15:05:00+08:00"),
        ("polres", "2025-11-26T15:10:00+08:00"),
        ("kakanwil", "2025-11-26T15:25:00+08:00"),
    ]
    assert document["next_due"][0] == "Hitung penghuni: paling lambat 14.35 WITA (TERLAMBAT 20 menit)"
    status = json.loads(cli("incident", "status", incident, "--format", "json").out)
    assert [(i["key"], i["deadline"]) for i in status["items"] if i["what"] == "notify"] == shown


def test_the_level_only_goes_up(cli, opened) -> None:
    incident = opened()  # Siaga
    lowered = cli("incident", "raise", incident, "waspada", "--reason", "situasi reda", "--lang", "en")
    assert (lowered.code, lowered.err) == (
        1,
        f"error: P409 the level can only go up: incident {incident} is already at Standby; "
        "lowering it to Alert is not allowed\n",
    )
    same = cli("incident", "raise", incident, "siaga", "--reason", "x")
    assert (same.code, same.err) == (
        1,
        f"galat: P409 tingkat hanya dapat naik: insiden {incident} sudah Siaga; "
        "pilih tingkat yang lebih tinggi (darurat)\n",
    )
    assert cli("incident", "raise", incident, "Emergency", "--reason", "korban bertambah").code == 0  # a title
    top = cli("incident", "raise", incident, "darurat", "--reason", "x", "--lang", "en")
    assert (top.code, top.err) == (
        1,
        f"error: P409 the level can only go up: incident {incident} is already at Emergency, the highest level\n",
    )
    unknown = cli("incident", "raise", incident, "Merah", "--reason", "x", "--lang", "en")
    assert (unknown.code, unknown.err) == (1, "error: P201 unknown level 'Merah' (waspada, siaga, darurat)\n")
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert [c["level"] for c in shown["levels"]] == ["siaga", "darurat"]


def test_without_a_terminal_the_reason_is_required_and_nothing_is_written(cli, opened) -> None:
    incident = opened()
    before = json.loads(cli("incident", "show", incident, "--format", "json").out)["events"]
    for reason in ([], ["--reason", "  "]):
        result = cli("incident", "raise", incident, "darurat", *reason, "--non-interactive")
        assert result.code == 2
        flowed = " ".join(result.err.replace("│", " ").split())
        assert "Invalid value for --reason: alasan menaikkan tingkat wajib diisi bila tidak interaktif" in flowed
    assert json.loads(cli("incident", "show", incident, "--format", "json").out)["events"] == before


def test_closing_with_steps_never_recorded_says_so_and_keeps_the_list(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:12").code == 0
    refused = cli("incident", "close", incident, "--lang", "en")  # no one at a terminal to say yes
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        f"error: P410 incident {incident} was not closed: 4 items never recorded as done (done hitung, notify "
        "polres, notify kakanwil, statement holding); record them first, or close anyway with --yes (closing "
        "cannot be undone; the report lists what was left)\n"
    )
    assert not cli("incident", "show", incident, "--format", "json").out.count('"closed": true')
    closed = cli("incident", "close", incident, "--yes", "--lang", "en")
    said, code_line = closed.out.splitlines()
    assert (closed.code, said) == (0, f"Incident {incident} closed.")
    assert re.fullmatch(r"Verification code \(chain head, event #\d+\): [0-9a-f]{64}", code_line)
    assert closed.err == (
        "Note: closed with 4 items never recorded as done (done hitung, notify polres, notify kakanwil, "
        "statement holding); the report shows them.\n"
    )  # the holding statement was drafted at the opening but never released
    report = json.loads(cli("incident", "report", incident, "--format", "json").out)
    outstanding = ["done hitung", "notify polres", "notify kakanwil", "statement holding"]
    assert report["events"][-1]["data"] == {"outstanding": outstanding}
    text = cli("incident", "report", incident).out
    assert (
        "| insiden ditutup | Petugas Uji | belum tercatat selesai: done hitung, notify polres, notify kakanwil, "
        "statement holding |" in text
    )


def test_the_english_report_gives_the_guideline_reasons_in_english(cli, opened) -> None:
    incident = opened()
    english = cli("incident", "report", incident, "--lang", "en").out
    assert "| siaga: people are injured |" in english
    assert "| level decided | Petugas Uji | siaga (siaga: people are injured) |" in english
    indonesian = cli("incident", "report", incident).out
    assert "| siaga: ada korban luka |" in indonesian


def test_a_closed_incident_cannot_be_raised(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "close", incident, "--yes").code == 0
    result = cli("incident", "raise", incident, "darurat", "--reason", "terlambat", "--lang", "en")
    assert (result.code, result.err) == (
        1,
        f"{os.environ['PASOPATI_JOURNAL']}: [error] P503 incident {incident} is closed and can no longer be changed\n",
    )


def test_raising_a_drill_is_marked_latihan(cli, opened, clock_at) -> None:
    clock_at("14:10")
    incident = opened(*WASPADA, exercise=True)
    raised = cli("incident", "raise", incident, "siaga", "--reason", "skenario latihan", "--lang", "en")
    assert raised.code == 0, raised.err
    assert lines(raised.out)[:2] == [
        f"LATIHAN · Incident {incident}: level raised from Alert to Standby by Petugas Uji. Reason: skenario latihan",
        f"LATIHAN · Incident {incident} · Standby · as of Wednesday, 26 November 2025, 14:10 WITA",
    ]
    again = json.loads(cli("incident", "raise", incident, "darurat", "--reason", "eskalasi", "--format", "json").out)
    assert (again["exercise"], again["raised"]["from"], again["level"]) == (True, "siaga", "darurat")


def test_a_role_or_action_not_in_the_playbook_is_refused(cli, opened) -> None:
    incident = opened()
    role = cli("incident", "notify", incident, "bupati", "--lang", "en")
    assert (role.code, role.err) == (
        1,
        "error: P201 unknown role 'bupati' (kalapas, kakanwil, polres); someone not on the roster: --name NAME --as ROLE\n",
    )
    action = cli("incident", "done", incident, "evakuasi", "--lang", "en")
    assert (action.code, action.err) == (1, "error: P201 unknown action 'evakuasi' (hitung)\n")
    english = cli("incident", "notify", incident, "kalapas", "--channel", "phone", "--lang", "en")
    assert english.code == 0 and "told (phone)" in english.out  # a channel's word in either language
    channel = cli("incident", "notify", incident, "kalapas", "--channel", "merpati", "--lang", "en")
    assert (channel.code, channel.err) == (
        1,
        "error: P201 unknown channel 'merpati' (telepon, whatsapp, sms, email, radio, langsung, surat, aplikasi)\n",
    )


def test_a_step_is_said_back_with_its_time_and_cannot_precede_the_incident(cli, opened) -> None:
    incident = opened()  # started 14.05 WITA on 26 November 2025
    told = cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:12", "--lang", "en")
    assert (
        told.out
        == f"Recorded: Head of the prison told (phone) at 14:12 WITA (Wednesday, 26 November 2025) — incident {incident}.\n"
    )
    early = cli("incident", "done", incident, "hitung", "--at", "2025-11-26 13:00", "--lang", "en")
    assert (early.code, early.err) == (
        1,
        "error: P407 --at: 2025-11-26 13:00 reads as Wednesday, 26 November 2025, 13:00 WITA, before the incident "
        "began (Wednesday, 26 November 2025, 14:05 WITA); a time without a date is read as its latest past "
        "occurrence\n",
    )


def test_show_gives_times_in_the_unit_clock_and_statuses_in_words(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "notify", incident, "kalapas", "--at", "2025-11-26 14:12").code == 0
    shown = cli("incident", "show", incident).out.splitlines()
    assert shown[0] == f"{incident} uji · siaga · terbuka"
    assert "  2025-11-26 14.12 WITA  ✓ kalapas (telepon, Petugas Uji)" in shown
    assert shown[-1] == "  S1 holding: draf"


def test_a_name_that_ends_with_a_period_does_not_get_a_second_one() -> None:
    from pasopati_cli.messages import t

    said = t("approved", "id", statement="S1", by="Hendra Wijaya, S.H., M.H.")
    assert said == "Pernyataan S1 disetujui oleh Hendra Wijaya, S.H., M.H."
    assert t("approved", "en", statement="S1", by="Rina") == "Statement S1 approved by Rina."


def test_an_unknown_incident_is_refused(cli) -> None:
    result = cli("incident", "status", "20990101-0001", "--lang", "en")
    assert result.code == 1
    assert "P501" in result.err and "20990101-0001" in result.err


def test_a_closed_incident_cannot_be_changed(cli, opened) -> None:
    incident = opened()
    assert cli("incident", "close", incident, "--yes").code == 0
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
    assert (released.code, released.out.splitlines()[0]) == (0, "Statement S1 released.")
    assert re.fullmatch(r"Verification code \(chain head, event #\d+\): [0-9a-f]{64}", released.out.splitlines()[1])
    again = cli("incident", "release", incident, "S1", "--lang", "en")
    assert (again.code, again.err) == (1, "error: P503 statement S1 has already been released\n")


def test_a_darurat_statement_waits_for_the_kanwil_or_an_override_approved_with_a_reason(cli, opened) -> None:
    incident = opened(*DARURAT)
    assert cli("incident", "approve", incident, "S1", "--by", "Budi Hartono").code == 0
    blocked = cli("incident", "release", incident, "S1", "--lang", "en")
    assert blocked.code == 1
    assert blocked.err == (
        "error: P503 At Emergency the regional head must be told first. Missing: notify Regional head "
        f"(pasopati incident notify {incident} kakanwil)\n"
    )
    bare = cli("incident", "release", incident, "S1", "--override", "--reason", "ancaman nyawa")
    assert (bare.code, bare.out, bare.err) == (
        1,
        "",
        "galat: P520 --override perlu --approved-by NAMA: pengecualian dicatat dengan nama pejabat yang menyetujuinya "
        "(Kakanwil Ditjenpas (Budi Hartono)) dan alasannya; tidak ada yang dicatat\n",
    )
    alone = cli("incident", "release", incident, "S1", "--reason", "ancaman nyawa", "--lang", "en")
    assert alone.code == 2 and "hanya bersama --override / only with --override" in " ".join(
        alone.err.replace("│", "").split()
    )
    forced = cli("incident", "release", incident, "S1", "--override", "--approved-by", "kakanwil",
                 "--reason", "ancaman nyawa: warga diminta menjauh", "--lang", "en")  # fmt: skip
    assert forced.code == 0
    assert forced.out.splitlines()[0] == (
        "Statement S1 released under OVERRIDE approved by Budi Hartono: ancaman nyawa: warga diminta menjauh"
    )
    assert forced.out.splitlines()[1].startswith("Verification code (chain head, event #")
    report = json.loads(cli("incident", "report", incident, "--format", "json").out)
    released = report["statements"][0]
    assert (released["override_reason"], released["override_by"]) == (
        "ancaman nyawa: warga diminta menjauh",
        "Budi Hartono",
    )


def test_a_failed_non_interactive_response_keeps_its_answers_and_can_be_resumed(cli, tmp_path: Path) -> None:
    failed = cli("respond", "uji", "--unit", UNIT, *START, "--answer", "ada_luka=ya", "--output", str(tmp_path))
    assert failed.code == 1
    incident, *flags = failed.err.rsplit("pasopati incident resume ", 1)[1].split()
    assert flags == ["--output", str(tmp_path)]  # the command that continues writes where this one did
    assert json.loads(cli("incident", "show", incident, "--format", "json").out)["answers"] == {"ada_luka": True}
    resumed = cli("incident", "resume", incident, "--answer", "jumlah_luka=2", "--answer", "skala=satu_blok",
                  "--set", "lokasi=dapur", "--output", str(tmp_path), "--format", "json")  # fmt: skip
    assert resumed.code == 0, resumed.err
    assert json.loads(resumed.out)["id"] == incident
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert shown["level"] == "siaga" and shown["answers"] == {"ada_luka": True, "jumlah_luka": 2, "skala": "satu_blok"}


def test_resuming_a_response_that_is_complete_is_refused_and_names_the_next_step(cli, opened) -> None:
    incident = opened()
    resumed = cli("incident", "resume", incident, "--lang", "en")
    assert (resumed.code, resumed.err) == (
        1,
        f"error: P503 the response of incident {incident} is complete (S1 drafted); next statement: "
        f"pasopati incident statement {incident} KIND (triage answers that changed: --answer ID=VALUE)\n",
    )


def test_resuming_with_an_answers_file_of_another_type_is_refused(cli, tmp_path: Path) -> None:
    failed = cli("respond", "uji", "--unit", UNIT, *START, "--answer", "ada_luka=ya", "--output", str(tmp_path))
    incident = failed.err.rsplit("pasopati incident resume ", 1)[1].split()[0]
    other = tmp_path / "lain.answers.yaml"
    other.write_text("kind: answers\ncrisis_type: lain\nanswers: {}\n")
    resumed = cli("incident", "resume", incident, "--answers", str(other), "--lang", "en")
    assert resumed.code == 1
    assert resumed.err == f"{other}: [error] P406 this answers file is for type 'lain', not 'uji'\n"


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
    """A clock that starts at 15:01 WITA on the incident day and moves on one minute at every reading.

    The incident starts at 14:05; the steps are recorded afterwards with `--at` (which must be past)."""
    from datetime import datetime, timedelta, timezone, tzinfo

    moment = [datetime(2025, 11, 26, 7, 0, tzinfo=timezone.utc)]

    def now(zone: tzinfo) -> datetime:
        moment[0] += timedelta(minutes=1)
        return moment[0].astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)


@pytest.mark.parametrize("output_format", ["md", "json", "html"])
def test_the_report_of_a_whole_incident_matches_its_golden_file(cli, guideline, ticking_clock, output_format) -> None:
    # The statement goes to a folder relative to the guideline copy (the working directory); the journal
    # records the guideline's folder, which is this run's temporary one, and with it the hash chain: both
    # are replaced by placeholders (the guideline's content hash stays).
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
        ("incident", "close", incident, "--yes"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.code == 0, (step, result.err)
    report = cli("incident", "report", incident, "--format", output_format)
    assert report.code == 0, report.err
    chain = r'(?<!sha256:)(?<!"content_hash": ")(?<!"playbook_hash": ")\b[0-9a-f]{64}\b'  # the events' hashes
    text = re.sub(chain, "<kode>", report.out.replace(str(guideline), "<pedoman>"))
    golden = GOLDEN / f"incident_report.{output_format}"
    if os.environ.get("PASOPATI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_report_file_is_replaced_only_with_force_and_its_code_verifies(cli, opened, tmp_path: Path) -> None:
    incident = opened()
    target = tmp_path / "laporan.md"
    target.write_text("laporan lama\n", encoding="utf-8")
    refused = cli("incident", "report", incident, "--output", str(target))
    assert refused.code == 1 and "P421" in refused.err and target.read_text(encoding="utf-8") == "laporan lama\n"
    assert cli("incident", "report", incident, "--output", str(target), "--force").code == 0
    code = re.search(r"--head ([0-9a-f]{64})`", target.read_text(encoding="utf-8"))
    assert code is not None
    checked = cli("incident", "verify", incident, "--head", code.group(1))
    assert checked.code == 0, checked.err
    assert cli("incident", "verify", incident, "--head", "0" * 64).code == 1


def test_a_read_only_copy_gives_status_and_report_and_refuses_a_change(cli, opened, tmp_path: Path) -> None:
    import shutil

    incident = opened()
    archive = tmp_path / "arsip"
    archive.mkdir()
    copy = archive / "jurnal.sqlite3"
    shutil.copyfile(os.environ["PASOPATI_JOURNAL"], copy)
    copy.chmod(0o444)
    archive.chmod(0o555)
    try:
        for command in ("status", "report"):
            result = cli("incident", command, incident, "--journal", str(copy))
            assert result.code == 0, (command, result.err)
        refused = cli("incident", "log", incident, "catatan", "--journal", str(copy))
        assert refused.code == 1 and "P510" in refused.err
        assert [p.name for p in archive.iterdir()] == ["jurnal.sqlite3"]
    finally:
        archive.chmod(0o755)


def test_close_prints_the_verification_code_that_verify_finds_at_the_chain_head(cli, opened) -> None:
    incident = opened()
    closed = cli("incident", "close", incident, "--yes", "--lang", "en")
    assert closed.code == 0, closed.err
    found = re.fullmatch(r"Verification code \(chain head, event #(\d+)\): ([0-9a-f]{64})", closed.out.splitlines()[-1])
    assert found is not None, closed.out
    checked = cli("incident", "verify", incident, "--head", found.group(2), "--lang", "en")
    assert checked.code == 0, checked.err
    seq = found.group(1)
    assert (
        checked.out.splitlines()[-1]
        == f"The verification code is on incident {incident}'s chain at event #{seq} of {seq}."
    )
    without_id = cli("incident", "verify", "--head", found.group(2))
    assert without_id.code == 2 and "--head" in without_id.err


def test_the_incident_list_names_the_unit(cli, opened) -> None:
    opened()
    listed = cli("incident", "list")
    assert listed.code == 0 and "Satuan kerja" in listed.out and "Lapas Kelas IIA Uji" in listed.out


def test_notices_take_roles_in_any_case_channels_by_their_common_words_and_are_not_recorded_twice(cli, opened) -> None:
    incident = opened()
    first = cli("incident", "notify", incident, "Kakanwil", "--channel", "WA", "--at", "2025-11-26 14:20")
    assert (first.code, first.out) == (
        0,
        f"Tercatat: Kakanwil Ditjenpas sudah diberi tahu (WhatsApp) pukul 14.20 WITA (Rabu, 26 November 2025) — insiden {incident}.\n",
    )
    again = cli("incident", "notify", incident, "kakanwil", "--channel", "HT")
    assert (again.code, again.out) == (
        0,
        f"Sudah tercatat sebelumnya: Kakanwil Ditjenpas diberi tahu (WhatsApp) pukul 14.20 WITA (Rabu, 26 November 2025) — insiden {incident}; tidak dicatat dua kali.\n",
    )
    radio = cli("incident", "notify", incident, "kalapas", "--channel", "ht", "--at", "2025-11-26 14:21")
    assert "(radio)" in radio.out
    typo = cli("incident", "notify", incident, "kakanwill")
    assert (typo.code, typo.err) == (1, "galat: P201 peran 'kakanwill' tidak dikenal; maksud Anda 'kakanwil'?\n")
    shown = json.loads(cli("incident", "show", incident, "--format", "json").out)
    assert sorted(shown["notified"]) == ["kakanwil", "kalapas"]  # the second notice of kakanwil was not recorded


def test_someone_not_on_the_roster_is_told_by_name_and_role_and_status_lists_them_apart(cli, opened) -> None:
    incident = opened()
    told = cli("incident", "notify", incident, "--name", "Irjen Karyoto", "--as", "Kapolda Metro Jaya",
               "--channel", "telpon", "--at", "2025-11-26 14:30")  # fmt: skip
    assert (told.code, told.out) == (
        0,
        "Tercatat: Irjen Karyoto, Kapolda Metro Jaya (di luar daftar peran) sudah diberi tahu (telepon) pukul "
        f"14.30 WITA (Rabu, 26 November 2025) — insiden {incident}.\n",
    )
    status = cli("incident", "status", incident, "--at", "2025-11-26 14:40")
    assert status.out.splitlines()[-1] == (
        "Diberi tahu di luar daftar peran: Irjen Karyoto, Kapolda Metro Jaya (telepon) pukul 14.30 WITA."
    )
    listed = json.loads(cli("incident", "status", incident, "--format", "json").out)
    assert [(n["person"], n["title"], n["channel"]) for n in listed["notified_off_roster"]] == [
        ("Irjen Karyoto", "Kapolda Metro Jaya", "telepon")
    ]
    shown = " ".join(cli("incident", "show", incident).out.split())  # as read, at any terminal width
    assert "14.30 WITA ✓ Irjen Karyoto, Kapolda Metro Jaya; di luar daftar peran (telepon, Petugas Uji)" in shown
    assert "notify kalapas" in cli("incident", "close", incident, "--yes").err  # the Kalapas is still not told
    half = cli("incident", "notify", incident, "--name", "Bupati Uji")
    assert half.code == 2 and "--as" in half.err


@pytest.mark.parametrize("command", [["list"], ["show", "X"], ["status", "X"], ["facts", "X"], ["raise", "X", "siaga"]])
def test_a_format_no_command_writes_is_a_usage_error_before_anything_is_opened(cli, command: list[str]) -> None:
    refused = cli("incident", *command, "--format", "xml")
    assert refused.code == 2 and "Invalid value for --format: 'xml' (text, json)" in refused.err


def test_incident_open_is_the_guided_response_with_every_option_of_respond(run: Run) -> None:
    listed = run("incident", "--help")
    assert listed.code == 0 and listed.out.index("open") < listed.out.index("fact")
    opened, responded = run("incident", "open", "--help"), run("respond", "--help")
    assert "Buka insiden baru dengan panduan respons lengkap." in opened.out
    options = [re.findall(r"--[a-z][a-z-]+", result.out) for result in (opened, responded)]
    assert options[0] == options[1] and "--statement-format" in options[0] and "--journal" in options[0]
