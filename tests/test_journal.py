"""The incident journal: what is confirmed is kept, state follows from events, tampering is found."""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypedDict

import pytest

from pasopati_cli.events import Event
from pasopati_cli.incident import (
    Done,
    IncidentState,
    LevelChange,
    Note,
    Notice,
    Statement,
    content_hash,
    derive_state,
)
from pasopati_cli.journal import GENESIS, Journal, default_journal_path, event_hash
from pasopati_cli.problems import PasopatiError

UTC = timezone.utc
WIB = timezone(timedelta(hours=7))
T0 = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)


class Playbook(TypedDict):
    playbook_version: str
    playbook_hash: str


class Stamp(Playbook):
    operator: str


PLAYBOOK = Playbook(playbook_version="2025.1", playbook_hash="ab" * 32)
BY = Stamp(operator="Dewi (Humas)", **PLAYBOOK)
FIRST = "incident_id = '20261128-0001'"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def messages(error: PasopatiError | list[Any]) -> list[tuple[str, str, str]]:
    found = error.problems if isinstance(error, PasopatiError) else error
    return [(p.code, p.message("id"), p.message("en")) for p in found]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "jurnal.sqlite3"


@pytest.fixture
def journal(path: Path) -> Any:
    with Journal.open(path) as opened:
        yield opened


def six_events(journal: Journal) -> str:
    """An incident with events #1..#6 (opened + five notes)."""
    incident = journal.open_incident("kerusuhan", **BY, at=at(0))
    for number in range(2, 7):
        journal.append(incident, "note", {"text": f"catatan {number}"}, **BY, at=at(number))
    return incident


def tamper(path: Path, *statements: str) -> None:
    """Change the file behind the tool's back, the way someone with the sqlite3 shell would."""
    db = sqlite3.connect(path)
    db.executescript("DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;")
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


# ---- append and read -------------------------------------------------------------------------------


def test_an_appended_event_reads_back_exactly(journal: Journal) -> None:
    incident = journal.open_incident("kerusuhan", **BY, unit="Lapas Contoh", at=at(0))
    appended = journal.append(incident, "note", {"text": "Polres tiba", "jumlah": 2}, **BY, at=at(5))
    opened, note = journal.events(incident)
    assert note == appended
    assert note == Event(
        incident_id="20261128-0001",
        seq=2,
        type="note",
        at=at(5),
        operator="Dewi (Humas)",
        playbook_version="2025.1",
        playbook_hash="ab" * 32,
        data={"text": "Polres tiba", "jumlah": 2},
        prev_hash=opened.hash,
        hash=note.hash,
    )
    assert opened.prev_hash == GENESIS
    assert opened.data == {
        "crisis_type": "kerusuhan",
        "exercise": False,
        "start": "2026-11-28T07:00:00+00:00",
        "unit": "Lapas Contoh",
    }
    fields = {
        "incident_id": "20261128-0001", "seq": 2, "type": "note", "at": "2026-11-28T07:05:00.000000+00:00",
        "operator": "Dewi (Humas)", "playbook_version": "2025.1", "playbook_hash": "ab" * 32,
        "data": {"text": "Polres tiba", "jumlah": 2}, "prev_hash": opened.hash,
    }  # fmt: skip
    assert note.hash == event_hash(fields)


def test_events_survive_closing_and_reopening_the_file(path: Path) -> None:
    with Journal.open(path) as journal:
        incident = six_events(journal)
        before = journal.events(incident)
    with Journal.open(path) as journal:
        assert journal.events(incident) == before
        assert journal.verify() == []


def test_incident_ids_are_the_local_date_and_a_counter_per_day(journal: Journal) -> None:
    # 01.00 WIB on the 28th is still the 27th in UTC; the officer's id says the 28th.
    ids = [
        journal.open_incident("kebakaran", **BY, at=datetime(2026, 11, 28, 1, 0, tzinfo=WIB)),
        journal.open_incident("kebakaran", **BY, at=datetime(2026, 11, 28, 9, 0, tzinfo=WIB)),
        journal.open_incident("kebakaran", **BY, at=datetime(2026, 11, 28, 10, 0, tzinfo=WIB)),
        journal.open_incident("kebakaran", **BY, at=datetime(2026, 11, 29, 8, 0, tzinfo=WIB)),
    ]
    assert ids == ["20261128-0001", "20261128-0002", "20261128-0003", "20261129-0001"]
    assert [state.id for state in journal.incidents()] == sorted(ids)


def test_drills_are_kept_apart_from_real_incidents(journal: Journal) -> None:
    real = journal.open_incident("pelarian", **BY, at=at(0))
    drill = journal.open_incident("pelarian", **BY, exercise=True, at=at(1))
    assert [s.id for s in journal.incidents(exercise=False)] == [real]
    assert [s.id for s in journal.incidents(exercise=True)] == [drill]
    assert [(s.id, s.exercise) for s in journal.incidents()] == [(real, False), (drill, True)]


def test_a_group_commits_once_and_keeps_what_came_before_an_error(journal: Journal) -> None:
    incident = journal.open_incident("wabah", **BY, at=at(0))
    with pytest.raises(RuntimeError), journal.group():
        journal.append(incident, "answered", {"question": "a", "answer": 1}, **BY, at=at(1))
        journal.append(incident, "answered", {"question": "b", "answer": 2}, **BY, at=at(1))
        raise RuntimeError("a fact is missing: the answers given stay recorded")
    assert [e.seq for e in journal.events(incident)] == [1, 2, 3]
    assert journal.verify() == []


def test_appends_in_one_transaction_commit_together_or_not_at_all(journal: Journal) -> None:
    incident = journal.open_incident("wabah", **BY, at=at(0))
    with pytest.raises(RuntimeError), journal.transaction():
        journal.append(incident, "answered", {"question": "a", "answer": 1}, **BY, at=at(1))
        journal.append(incident, "answered", {"question": "b", "answer": 2}, **BY, at=at(1))
        raise RuntimeError("the officer pressed Ctrl-C")
    assert [e.seq for e in journal.events(incident)] == [1]
    with journal.transaction():
        journal.append(incident, "answered", {"question": "a", "answer": 1}, **BY, at=at(2))
        journal.append(incident, "triaged", {"level": "siaga", "reasons": []}, **BY, at=at(2))
    assert [e.type for e in journal.events(incident)] == ["opened", "answered", "triaged"]
    assert journal.verify() == []


# ---- derived state ---------------------------------------------------------------------------------


def test_state_after_a_realistic_response(journal: Journal) -> None:
    start = datetime(2026, 11, 28, 13, 55, tzinfo=WIB)
    incident = journal.open_incident(
        "kerusuhan", **BY, unit="Lapas Kelas IIA Contoh", start=start, data={"lokasi": "Blok C"}, at=at(0)
    )
    steps: list[tuple[str, dict[str, Any], str]] = [
        ("answered", {"question": "ada_luka", "answer": True}, "Dewi"),
        ("answered", {"question": "jumlah_luka", "answer": 3}, "Dewi"),
        ("answered", {"question": "jumlah_luka", "answer": 4}, "Dewi"),
        ("triaged", {"level": "siaga", "reasons": ["ada korban luka", "polisi dilibatkan"]}, "Dewi"),
        ("role_notified", {"role": "kalapas", "channel": "telepon"}, "Dewi"),
        ("role_notified", {"role": "kakanwil", "channel": "whatsapp", "at": "2026-11-28T14:20:00+07:00"}, "Budi"),
        ("action_done", {"action": "amankan_lokasi"}, "Budi"),
        ("level_raised", {"level": "darurat", "reason": "liputan media nasional"}, "Dewi"),
        ("note", {"text": "Polres tiba pukul 14.40 WIB"}, "Budi"),
        ("statement_drafted", {"statement": "s1", "kind": "holding", "text": "Draf pertama"}, "Dewi"),
        ("statement_drafted", {"statement": "s1", "kind": "holding", "text": "Draf kedua"}, "Dewi"),
        ("statement_approved", {"statement": "s1", "approver": "Kalapas", "override_reason": "P606 dicek"}, "Dewi"),
        ("statement_released", {"statement": "s1"}, "Dewi"),
        ("statement_drafted", {"statement": "s2", "kind": "update", "text": "Pembaruan"}, "Dewi"),
        ("closed", {"summary": "situasi terkendali"}, "Dewi"),
    ]
    for minute, (kind, data, operator) in enumerate(steps, start=1):
        journal.append(incident, kind, data, operator=operator, **PLAYBOOK, at=at(minute))

    state = journal.state(incident)
    assert state == IncidentState(
        id=incident,
        crisis_type="kerusuhan",
        exercise=False,
        start=start,
        unit="Lapas Kelas IIA Contoh",
        opened_at=at(0),
        opened_by="Dewi (Humas)",
        level="darurat",
        levels=(
            LevelChange("siaga", ("ada korban luka", "polisi dilibatkan"), at(4), "Dewi"),
            LevelChange("darurat", ("liputan media nasional",), at(8), "Dewi"),
        ),
        answers={"ada_luka": True, "jumlah_luka": 4},
        notified={
            "kalapas": Notice(at(5), "Dewi", "telepon"),
            "kakanwil": Notice(datetime(2026, 11, 28, 14, 20, tzinfo=WIB), "Budi", "whatsapp"),
        },
        actions={"amankan_lokasi": Done(at(7), "Budi")},
        notes=(Note("Polres tiba pukul 14.40 WIB", at(9), "Budi"),),
        statements={
            "s1": Statement(
                id="s1",
                kind="holding",
                status="released",
                text="Draf kedua",
                content_hash=content_hash("Draf kedua"),
                drafted_at=at(11),
                drafted_by="Dewi",
                approver="Kalapas",
                approved_at=at(12),
                approved_hash=content_hash("Draf kedua"),
                override_reason="P606 dicek",
                released_at=at(13),
                released_by="Dewi",
            ),
            "s2": Statement("s2", "update", "draft", "Pembaruan", content_hash("Pembaruan"), at(14), "Dewi"),
        },
        closed=True,
        closed_at=at(15),
        last_seq=16,
        updated_at=at(15),
        playbook_version="2025.1",
        playbook_hash="ab" * 32,
    )
    assert state.start is not None and state.start.utcoffset() == timedelta(hours=7)
    assert list(state.answers) == ["ada_luka", "jumlah_luka"]
    assert derive_state(journal.events(incident)) == state


def test_derive_state_needs_at_least_one_event() -> None:
    with pytest.raises(ValueError):
        derive_state([])


def test_a_closed_incident_refuses_every_change(journal: Journal) -> None:
    incident = journal.open_incident("pelarian", **BY, at=at(0))
    journal.append(incident, "closed", {}, **BY, at=at(1))
    with pytest.raises(PasopatiError) as raised:
        journal.append(incident, "note", {"text": "terlambat"}, **BY, at=at(2))
    assert messages(raised.value) == [
        (
            "P503",
            "insiden 20261128-0001 sudah ditutup dan tidak dapat diubah lagi",
            "incident 20261128-0001 is closed and can no longer be changed",
        )
    ]
    with pytest.raises(PasopatiError):
        journal.append(incident, "closed", {}, **BY, at=at(3))
    assert [e.seq for e in journal.events(incident)] == [1, 2]


def test_an_unknown_incident_is_a_journal_problem(journal: Journal) -> None:
    expected = [("P501", "insiden 20261128-0042 tidak ada di jurnal", "incident 20261128-0042 is not in the journal")]
    for attempt in (
        lambda: journal.append("20261128-0042", "note", {"text": "x"}, **BY),
        lambda: journal.events("20261128-0042"),
        lambda: journal.state("20261128-0042"),
        lambda: journal.verify("20261128-0042"),
    ):
        with pytest.raises(PasopatiError) as raised:
            attempt()
        assert messages(raised.value) == expected
        assert raised.value.problems[0].file == str(journal.path)


def test_programming_errors_are_not_user_problems(journal: Journal) -> None:
    incident = journal.open_incident("wabah", **BY, at=at(0))
    with pytest.raises(ValueError):
        journal.append(incident, "opened", {}, **BY)
    with pytest.raises(ValueError):
        journal.append(incident, "bogus", {}, **BY)
    with pytest.raises(ValueError):
        journal.append(incident, "note", {}, **BY, at=datetime(2026, 11, 28, 7, 0))


def test_data_that_cannot_be_stored_and_a_missing_operator_are_refused(journal: Journal) -> None:
    incident = journal.open_incident("wabah", **BY, at=at(0))
    with pytest.raises(PasopatiError) as raised:
        journal.append(incident, "note", {"nilai": float("nan")}, **BY)
    assert raised.value.problems[0].code == "P501"
    assert raised.value.problems[0].message("id").startswith("data peristiwa tidak dapat disimpan: ")
    with pytest.raises(PasopatiError) as raised:
        journal.append(incident, "note", {"text": "x"}, operator="  ", **PLAYBOOK)
    assert messages(raised.value) == [("P501", "nama operator wajib diisi", "the operator's name is required")]
    assert [e.seq for e in journal.events(incident)] == [1]


# ---- verify ----------------------------------------------------------------------------------------


def test_an_intact_journal_verifies_clean(journal: Journal) -> None:
    six_events(journal)
    assert journal.verify() == []
    assert journal.verify("20261128-0001") == []


def test_the_file_itself_refuses_updates_and_deletes(path: Path, journal: Journal) -> None:
    six_events(journal)
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(f"UPDATE events SET data = '{{}}' WHERE {FIRST} AND seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(f"DELETE FROM events WHERE {FIRST} AND seq = 6")
    db.close()


@pytest.mark.parametrize(
    ("statements", "id_text", "en_text"),
    [
        pytest.param(
            [f'UPDATE events SET data = \'{{"text":"diubah"}}\' WHERE {FIRST} AND seq = 4'],
            "insiden 20261128-0001: peristiwa #4 telah diubah (hash tidak cocok)",
            "incident 20261128-0001: event #4 was changed (hash mismatch)",
            id="changed-data",
        ),
        pytest.param(
            [f"UPDATE events SET operator = 'Orang Lain' WHERE {FIRST} AND seq = 1"],
            "insiden 20261128-0001: peristiwa #1 telah diubah (hash tidak cocok)",
            "incident 20261128-0001: event #1 was changed (hash mismatch)",
            id="changed-operator",
        ),
        pytest.param(
            [f"DELETE FROM events WHERE {FIRST} AND seq = 3"],
            "insiden 20261128-0001: peristiwa #3 hilang (sesudah #2 langsung #4)",
            "incident 20261128-0001: event #3 is missing (#2 is followed by #4)",
            id="deleted",
        ),
        pytest.param(
            [f"DELETE FROM events WHERE {FIRST} AND seq = 6"],
            "insiden 20261128-0001: peristiwa #6 hilang (jurnal mencatat sampai #6)",
            "incident 20261128-0001: event #6 is missing (the journal recorded up to #6)",
            id="deleted-last",
        ),
        pytest.param(
            [
                f"UPDATE events SET seq = -3 WHERE {FIRST} AND seq = 3",
                f"UPDATE events SET seq = 3 WHERE {FIRST} AND seq = 4",
                f"UPDATE events SET seq = 4 WHERE {FIRST} AND seq = -3",
            ],
            "insiden 20261128-0001: rantai putus di peristiwa #3: hash sebelumnya tidak cocok dengan #2",
            "incident 20261128-0001: chain broken at event #3: its previous hash does not match event #2",
            id="reordered",
        ),
    ],
)
def test_verify_names_the_first_broken_event(path: Path, statements: list[str], id_text: str, en_text: str) -> None:
    with Journal.open(path) as journal:
        six_events(journal)
        other = journal.open_incident("kebakaran", **BY, at=at(30))
        journal.append(other, "note", {"text": "tidak disentuh"}, **BY, at=at(31))
    tamper(path, *statements)
    with Journal.open(path) as journal:
        found = messages(journal.verify())
        assert found[0] == ("P502", id_text, en_text)
        # a deleted row also leaves the journal's sealed event count behind
        assert [code for code, _, _ in found[1:]] == (["P512"] if "DELETE" in statements[0] else [])
        assert journal.verify(other) == []
        assert journal.verify()[0].file == str(path)


def test_a_rewritten_event_with_a_fresh_hash_breaks_the_next_link(path: Path) -> None:
    with Journal.open(path) as journal:
        incident = six_events(journal)
        fourth = journal.events(incident)[3]
    forged = {**fourth.__dict__, "at": "2026-11-28T07:04:00.000000+00:00", "data": {"text": "versi lain"}}
    rewrite = f"data = '{{\"text\":\"versi lain\"}}', hash = '{event_hash(forged)}'"
    tamper(path, f"UPDATE events SET {rewrite} WHERE {FIRST} AND seq = 4")
    with Journal.open(path) as journal:
        assert messages(journal.verify()) == [
            (
                "P502",
                "insiden 20261128-0001: rantai putus di peristiwa #5: hash sebelumnya tidak cocok dengan #4",
                "incident 20261128-0001: chain broken at event #5: its previous hash does not match event #4",
            )
        ]


def test_an_append_after_a_deleted_tail_keeps_the_evidence(path: Path) -> None:
    with Journal.open(path) as journal:
        incident = six_events(journal)
    tamper(path, f"DELETE FROM events WHERE {FIRST} AND seq = 6")
    with Journal.open(path) as journal:
        journal.append(incident, "note", {"text": "sesudahnya"}, **BY, at=at(10))
        assert [e.seq for e in journal.events(incident)] == [1, 2, 3, 4, 5, 7]
        assert messages(journal.verify())[0][2] == "incident 20261128-0001: event #6 is missing (#5 is followed by #7)"


# ---- files that are not journals, and disks that fail ----------------------------------------------


def test_random_bytes_are_not_a_journal(tmp_path: Path) -> None:
    target = tmp_path / "acak.sqlite3"
    target.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(PasopatiError) as raised:
        Journal.open(target)
    assert messages(raised.value) == [
        ("P501", f"{target} bukan jurnal pasopati", f"{target} is not a pasopati journal")
    ]
    assert raised.value.problems[0].file == str(target)


def test_another_sqlite_database_is_not_a_journal_and_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "lain.db"
    db = sqlite3.connect(target)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()
    before = target.read_bytes()
    with pytest.raises(PasopatiError) as raised:
        Journal.open(target)
    assert messages(raised.value) == [
        ("P501", f"{target} bukan jurnal pasopati", f"{target} is not a pasopati journal")
    ]
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lain.db"]


def test_a_journal_from_a_newer_pasopati_is_refused(path: Path) -> None:
    Journal.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 3")
    db.close()
    with pytest.raises(PasopatiError) as raised:
        Journal.open(path)
    assert messages(raised.value) == [
        (
            "P501",
            "format jurnal 3 dibuat oleh pasopati yang lebih baru; perbarui pasopati",
            "journal format 3 was written by a newer pasopati; upgrade pasopati",
        )
    ]


def test_a_file_that_cannot_be_created_is_a_journal_problem() -> None:
    target = Path("/proc/pasopati/jurnal.sqlite3")
    with pytest.raises(PasopatiError) as raised:
        Journal.open(target)
    assert messages(raised.value) == [
        (
            "P501",
            f"jurnal {target}: berkas atau folder tidak ada",
            f"journal {target}: No such file or directory",
        )
    ]


def test_a_directory_in_place_of_the_file_is_a_journal_problem(tmp_path: Path) -> None:
    with pytest.raises(PasopatiError) as raised:
        Journal.open(tmp_path)
    assert messages(raised.value) == [
        ("P501", f"jurnal {tmp_path}: berkas tidak dapat dibuka", f"journal {tmp_path}: unable to open database file")
    ]


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
journal = Journal.open(Path(sys.argv[1]))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1, resource.RLIM_INFINITY))  # every write past byte 1 fails
try:
    journal.append(sys.argv[2], "note", {"text": "x" * 100_000}, operator="A", playbook_version="1",
                   playbook_hash="h")
except PasopatiError as error:
    print(error.problems[0].code, error.problems[0].file, error.problems[0].message("en"), sep="\\n")
"""


def test_a_failing_disk_write_is_raised_not_swallowed(path: Path) -> None:
    with Journal.open(path) as journal:
        incident = six_events(journal)
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path), incident], capture_output=True, text=True, timeout=30
    )
    code, file, message = result.stdout.splitlines()
    assert (result.returncode, code, file) == (0, "P501", str(path))
    assert message in (f"journal {path}: disk I/O error", f"journal {path}: database or disk is full")
    with Journal.open(path) as journal:
        assert [e.seq for e in journal.events(incident)] == [1, 2, 3, 4, 5, 6]
        assert journal.verify() == []


# ---- crashes and several processes -----------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from pasopati_cli.journal import Journal
path, incident, count, size, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
pause = float(sys.argv[6])
go = Path(sys.argv[7]) if len(sys.argv) > 7 else None
with Journal.open(Path(path)) as journal:
    if go is not None:  # both writers open, then both start together
        Path(f"{go}.{tag}").touch()
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
    for number in range(count):
        event = journal.append(incident, "note", {"text": "x" * size, "tag": tag, "n": number},
                               operator=tag, playbook_version="1", playbook_hash="h")
        print(event.seq, flush=True)
        time.sleep(pause)
"""


def writer(
    path: Path, incident: str, count: int, size: int = 10, tag: str = "w", pause: float = 0.0, go: Path | None = None
) -> subprocess.Popen[str]:
    """A process appending `count` notes, printing each committed seq; `pause` seconds between them; with
    `go`, it says it is ready (`go.TAG`) and waits for the `go` file before the first append."""
    command = [sys.executable, "-c", WRITER, str(path), incident, str(count), str(size), tag, str(pause)]
    command += [str(go)] if go is not None else []
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_after(process: subprocess.Popen[str], reports: int, delay: float) -> list[int]:
    """SIGKILL the writer once it has reported `reports` commits (plus `delay`); every seq it reported."""
    assert process.stdout is not None
    seen = [int(process.stdout.readline()) for _ in range(reports)]
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return seen + [int(line) for line in rest.split()]


@pytest.mark.parametrize(
    ("size", "reports", "delay"),
    [(10, 20, 0.0), (10, 40, 0.013), (10, 5, 0.031), (4_000_000, 2, 0.0), (4_000_000, 1, 0.02)],
    ids=["small", "small-later", "small-early", "large", "large-later"],
)
def test_a_killed_writer_loses_nothing_it_confirmed(path: Path, size: int, reports: int, delay: float) -> None:
    with Journal.open(path) as journal:
        incident = journal.open_incident("kerusuhan", **BY, at=at(0))
    confirmed = kill_after(writer(path, incident, 100_000, size), reports, delay)
    with Journal.open(path) as journal:
        assert journal.verify() == []
        stored = [e.seq for e in journal.events(incident)]
    assert confirmed == list(range(2, len(confirmed) + 2))
    assert stored[: len(confirmed) + 1] == [1, *confirmed]
    assert len(stored) <= len(confirmed) + 2  # at most the one write in flight when it died


def test_two_processes_appending_at_once_lose_nothing(path: Path) -> None:
    with Journal.open(path) as journal:
        incident = journal.open_incident("kerusuhan", **BY, at=at(0))
    go = path.parent / "go"
    processes = [writer(path, incident, 100, tag=tag, pause=0.005, go=go) for tag in ("a", "b")]
    deadline = time.monotonic() + 30  # a loaded machine starts the two at different times: wait for both
    while not all(Path(f"{go}.{tag}").exists() for tag in ("a", "b")) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()
    outputs = [process.communicate(timeout=60) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    with Journal.open(path) as journal:
        assert journal.verify() == []
        events = journal.events(incident)
    assert [e.seq for e in events] == list(range(1, 202))
    turns = sum(1 for before, after in itertools.pairwise(events[1:]) if before.operator != after.operator)
    # the two really wrote at the same time (a rollback journal hands the lock over less often than WAL did)
    assert turns >= 2
    for tag, (out, _) in zip(("a", "b"), outputs, strict=True):
        mine = [e for e in events if e.operator == tag]
        assert [e.data["n"] for e in mine] == list(range(100))
        assert [e.seq for e in mine] == [int(line) for line in out.split()]


def test_two_processes_creating_the_same_new_file_agree(path: Path) -> None:
    script = "import sys; from pathlib import Path; from pasopati_cli.journal import Journal; Journal.open(Path(sys.argv[1]))"
    processes = [subprocess.Popen([sys.executable, "-c", script, str(path)]) for _ in range(4)]
    assert [p.wait(timeout=30) for p in processes] == [0, 0, 0, 0]
    with Journal.open(path) as journal:
        assert journal.verify() == []
        assert journal.incidents() == []


# ---- where the journal lives -----------------------------------------------------------------------


def test_the_default_path_is_in_the_user_data_folder_unless_overridden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_data_dir

    monkeypatch.delenv("PASOPATI_JOURNAL", raising=False)
    assert default_journal_path() == Path(user_data_dir("pasopati", appauthor=False)) / "journal.sqlite3"
    monkeypatch.setenv("PASOPATI_JOURNAL", str(tmp_path / "lain.sqlite3"))
    assert default_journal_path() == tmp_path / "lain.sqlite3"


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "a" / "b" / "jurnal.sqlite3") as journal:
        assert journal.incidents() == []
