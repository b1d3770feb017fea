"""The journal after an attack campaign: nothing confirmed lost in any file layout, damage named by event,
read-only copies readable, and forgeries found by verification codes and the unit key."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from pasopati_cli.chain import FIELDS, GENESIS, KEY_VARIABLE, Chain
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError, Problem
from tests.test_journal import tamper

FIXTURES = Path(__file__).parent / "fixtures"
T0 = datetime(2026, 11, 28, 7, 0, tzinfo=timezone.utc)
BY: dict[str, Any] = {"operator": "Dewi (Humas)", "playbook_version": "2025.1", "playbook_hash": "ab" * 32}
FIRST = "incident_id = '20261128-0001'"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def codes(found: list[Problem]) -> list[str]:
    return [p.code for p in found]


def english(found: list[Problem] | PasopatiError) -> list[str]:
    problems = found.problems if isinstance(found, PasopatiError) else found
    return [p.message("en") for p in problems]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "jurnal.sqlite3"


def two_incidents(path: Path, close_first: bool = False) -> tuple[str, str]:
    """#1: opened + five notes (+ closed); #2: opened + one note."""
    with Journal.open(path) as journal, journal.transaction():  # one commit keeps the tests fast
        first = journal.open_incident("kerusuhan", **BY, at=at(0))
        for number in range(2, 7):
            journal.append(first, "note", {"text": f"catatan {number}"}, **BY, at=at(number))
        if close_first:
            journal.append(first, "closed", {}, **BY, at=at(9))
        second = journal.open_incident("kebakaran", **BY, at=at(30))
        journal.append(second, "note", {"text": "tidak disentuh"}, **BY, at=at(31))
    return first, second


def recompute(path: Path, key: bytes | None = None) -> None:
    """The forger's tool: rewrite every hash, head, seal and the event count as pasopati would, with
    `key` (or without one)."""
    chain = Chain(key)
    db = sqlite3.connect(path)
    db.executescript("DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;")
    rows = db.execute(f"SELECT rowid, {', '.join(FIELDS)} FROM events ORDER BY incident_id, seq").fetchall()
    last: dict[str, tuple[int, str, bool, str]] = {}
    for rowid, *row in rows:
        fields = dict(zip(FIELDS, row, strict=True))
        fields["data"] = json.loads(fields["data"])
        fields["prev_hash"] = last[fields["incident_id"]][1] if fields["incident_id"] in last else GENESIS
        digest = chain.event_hash(fields)
        db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE rowid = ?", (fields["prev_hash"], digest, rowid))
        last[fields["incident_id"]] = (fields["seq"], digest, fields["type"] == "closed", fields["at"])
    db.execute("DELETE FROM heads")
    for name, (seq, digest, closed, moment) in last.items():
        seal = chain.head_seal(name, seq, digest, closed)
        db.execute("INSERT INTO heads VALUES (?, ?, ?, ?, ?, ?)", (name, seq, digest, int(closed), moment, seal))
    db.execute("UPDATE meta SET value = ? WHERE key = 'event_count'", (str(len(rows)),))
    db.execute("UPDATE meta SET value = ? WHERE key = 'count_seal'", (chain.count_seal(len(rows)),))
    db.commit()
    db.close()


# ---- durable in every layout ----------------------------------------------------------------------


def test_the_main_file_alone_holds_every_confirmed_event_while_another_connection_is_open(path: Path) -> None:
    first, _ = two_incidents(path)
    with Journal.open(path) as holder, Journal.open(path) as writer:  # another terminal keeps it open
        for number in range(7, 12):
            writer.append(first, "note", {"text": f"catatan {number}"}, **BY, at=at(number))
        Path(f"{path}-wal").unlink(missing_ok=True)  # the side file goes away (or is never copied)
        Path(f"{path}-shm").unlink(missing_ok=True)
        copy = path.with_name("kiriman-kanwil.sqlite3")
        shutil.copyfile(path, copy)  # only the .sqlite3 file is sent
        assert [e.seq for e in holder.events(first)] == list(range(1, 12))
    assert not Path(f"{path}-wal").exists()
    with Journal.open(copy) as received:
        assert [e.seq for e in received.events(first)] == list(range(1, 12))
        assert received.verify() == []
    with Journal.open(path) as journal:  # new events continue the numbers, none is reused
        assert journal.append(first, "note", {"text": "sesudahnya"}, **BY, at=at(20)).seq == 12
        assert journal.verify() == []


def test_a_format_1_journal_is_migrated_with_a_backup_and_still_verifies(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite3"
    shutil.copyfile(FIXTURES / "journal-format1.sqlite3", path)
    with Journal.open(path, read_only=True) as old:
        before = [(s.id, s.closed, s.level, s.exercise, s.last_seq) for s in old.incidents()]
        assert (old.version, old.verify()) == (1, [])
    with Journal.open(path) as journal:
        assert journal.version == 2
        assert [(s.id, s.closed, s.level, s.exercise, s.last_seq) for s in journal.incidents()] == before
        assert journal.verify() == []
        assert journal.verify("20251126-0001", head=journal.events("20251126-0001")[-1].hash) == []
        with pytest.raises(PasopatiError) as refused:
            journal.append("20251126-0001", "note", {"text": "x"}, **BY)
        assert codes(refused.value.problems) == ["P503"]  # closed before the migration, closed after it
        journal.append("20251126-0002", "note", {"text": "sesudah migrasi"}, **BY)
        assert journal.verify() == []
    db = sqlite3.connect(path)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    db.close()
    assert (meta["format_version"], meta["migrated_from"], meta["chain"], mode) == ("2", "1", "sha256", "delete")
    backup = tmp_path / "lama.sqlite3.v1.bak"
    with Journal.open(backup, read_only=True) as kept:
        assert (kept.version, kept.verify()) == (1, [])


def test_a_read_only_copy_opens_for_every_reading_command(path: Path, run: Any) -> None:
    first, _ = two_incidents(path)
    folder = path.parent / "arsip"
    folder.mkdir()
    copy = folder / "jurnal.sqlite3"
    shutil.copyfile(path, copy)
    shutil.copyfile(FIXTURES / "journal-format1.sqlite3", folder / "lama.sqlite3")
    os.chmod(copy, 0o444)
    os.chmod(folder / "lama.sqlite3", 0o444)
    os.chmod(folder, 0o555)
    try:
        for journal in (copy, folder / "lama.sqlite3"):
            incident = first if journal == copy else "20251126-0001"
            for command in (["list"], ["show", incident], ["verify"], ["verify", incident]):
                result = run("incident", *command, "--journal", str(journal))
                assert result.code == 0, (command, result.err)
        assert first in run("incident", "list", "--journal", str(copy), "--format", "json").out
        assert sorted(p.name for p in folder.iterdir()) == ["jurnal.sqlite3", "lama.sqlite3"]  # nothing added
        with Journal.open(copy, read_only=True) as journal:
            assert journal.verify() == []
            with pytest.raises(PasopatiError) as refused:
                journal.append(first, "note", {"text": "x"}, **BY)
        assert codes(refused.value.problems) == ["P510"]
        assert "is read-only" in english(refused.value)[0]
    finally:
        os.chmod(folder, 0o755)


def test_a_journal_the_user_cannot_write_opens_read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = two_incidents(path)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # what a non-root user meets on chmod 444
    with Journal.open(path) as journal:
        assert journal.read_only
        assert [s.id for s in journal.incidents()] == [first, "20261128-0002"]
        with pytest.raises(PasopatiError) as refused:
            journal.append(first, "note", {"text": "x"}, **BY)
    assert codes(refused.value.problems) == ["P510"]


def test_a_missing_journal_is_not_created_when_read_only(path: Path) -> None:
    with pytest.raises(PasopatiError) as missing:
        Journal.open(path, read_only=True)
    assert codes(missing.value.problems) == ["P501"]
    assert not path.exists()


# ---- damage, gaps, reuse, time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "what"),
    [
        ("data = 'bukan json'", "data is not valid JSON"),
        ("data = '[1, 2]'", "data is not a JSON object"),
        ("at = x'3132'", "column at is not text"),
        ("at = 12345", "time '12345' cannot be read"),
        ("at = 'kemarin sore'", "time 'kemarin sore' cannot be read"),
        ("seq = 'tiga'", "the sequence number is not an integer"),
    ],
)
def test_a_damaged_row_is_named_by_event_and_blocks_no_other_incident(
    path: Path, run: Any, change: str, what: str
) -> None:
    first, second = two_incidents(path)
    tamper(path, f"UPDATE events SET {change} WHERE {FIRST} AND seq = 3")
    with Journal.open(path) as journal:
        found = journal.verify()
        assert codes(found)[0] == "P504"
        if "seq" not in change:
            assert english(found)[0] == f"incident {first}: event #3 is damaged: {what}"
        assert journal.verify(second) == []
        states, damaged = journal.incidents_and_damage()
        assert [s.id for s in states] == [second]
        assert codes(damaged) == ["P504"] and first in english(damaged)[0]
        assert journal.events(second)[-1].data == {"text": "tidak disentuh"}
        journal.append(second, "note", {"text": "tetap bisa dicatat"}, **BY, at=at(40))
        with pytest.raises(PasopatiError) as unreadable:
            journal.events(first)
        assert codes(unreadable.value.problems) == ["P504"]
    listed = run("incident", "list", "--journal", str(path))
    assert listed.code == 0 and second in listed.out and first not in listed.out
    assert "P504" in listed.err


def test_a_reused_sequence_number_is_found(path: Path) -> None:
    first, _ = two_incidents(path)
    tamper(
        path,
        "CREATE TABLE copy AS SELECT * FROM events",
        "DROP TABLE events",
        "ALTER TABLE copy RENAME TO events",
        f"INSERT INTO events SELECT * FROM events WHERE {FIRST} AND seq = 3",
    )
    with Journal.open(path) as journal:
        found = journal.verify()
    assert codes(found)[0] == "P505"
    assert english(found)[0] == f"incident {first}: sequence number #3 is used twice"


def test_an_event_dated_before_the_incidents_last_one_is_refused(path: Path) -> None:
    first, _ = two_incidents(path)
    with Journal.open(path) as journal:
        with pytest.raises(PasopatiError) as refused:
            journal.append(first, "note", {"text": "mundur"}, **BY, at=at(3))
        assert [e.seq for e in journal.events(first)] == [1, 2, 3, 4, 5, 6]
        assert journal.append(first, "note", {"text": "sama"}, **BY, at=at(6)).seq == 7  # the same time is fine
    assert codes(refused.value.problems) == ["P506"]
    assert english(refused.value) == [
        f"incident {first}: time 2026-11-28T07:03:00.000000+00:00 is before its last event "
        "(#6, 2026-11-28T07:06:00.000000+00:00); check the computer's clock"
    ]


def test_a_backdated_event_is_flagged_even_with_a_recomputed_chain(path: Path) -> None:
    first, _ = two_incidents(path)
    tamper(path, f"UPDATE events SET at = '2026-11-28T06:59:00.000000+00:00' WHERE {FIRST} AND seq = 4")
    recompute(path)
    with Journal.open(path) as journal:
        found = journal.verify()
    assert codes(found) == ["P506"]
    assert english(found)[0].startswith(f"incident {first}: event #4 is dated 2026-11-28T06:59:00")


def test_events_after_a_close_are_found(path: Path) -> None:
    first, _ = two_incidents(path, close_first=True)
    tamper(
        path,
        f"INSERT INTO events ({', '.join(FIELDS)}) SELECT incident_id, 8, 'note', at, operator, playbook_version,"
        f" playbook_hash, data, prev_hash, hash FROM events WHERE {FIRST} AND seq = 7",
    )
    recompute(path)
    with Journal.open(path) as journal:
        found = journal.verify()
    assert codes(found) == ["P507"]
    assert english(found)[0] == f"incident {first}: event #8 was written after the incident was closed at #7"


# ---- forgery: verification codes, truncation, the unit key ------------------------------------------


def test_a_recomputed_chain_fails_against_the_code_printed_before(path: Path) -> None:
    first, _ = two_incidents(path)
    with Journal.open(path) as journal:
        earlier = journal.events(first)[3].hash  # a code printed when #4 was the head
        code = journal.events(first)[-1].hash
        journal.append(first, "note", {"text": "sesudah laporan"}, **BY, at=at(7))
        assert journal.verify(first, head=code) == []
        assert journal.verify(first, head=f"  {earlier.upper()} ") == []  # still at its place
    tamper(path, f"""UPDATE events SET data = '{{"text":"versi lain"}}' WHERE {FIRST} AND seq = 2""")
    recompute(path)
    with Journal.open(path) as journal:
        assert journal.verify() == []  # without a key or a code, a full recomputation is not visible
        found = journal.verify(first, head=code)
        assert codes(found) == ["P509"]
        assert english(found)[0].startswith(f"incident {first}: verification code {code} is not on its chain")
        assert codes(journal.verify(first, head="a63364a4")) == ["P509"]  # not a whole code


def test_a_cut_off_close_is_found(path: Path) -> None:
    first, _ = two_incidents(path, close_first=True)
    with Journal.open(path) as journal:
        close_code = journal.events(first)[-1].hash
    tamper(path, f"DELETE FROM events WHERE {FIRST} AND seq = 7")
    with Journal.open(path) as journal:  # the head record still says closed
        with pytest.raises(PasopatiError) as refused:
            journal.append(first, "note", {"text": "dibuka lagi?"}, **BY, at=at(20))
        assert codes(refused.value.problems) == ["P503"]
        assert codes(journal.verify()) == ["P502", "P512"]
    recompute(path)  # head and count rewritten too: only the code printed at the close tells
    with Journal.open(path) as journal:
        assert codes(journal.verify(first, head=close_code)) == ["P509"]


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> Iterator[bytes]:
    monkeypatch.setenv(KEY_VARIABLE, "kunci-satuan-lapas-contoh")
    yield b"kunci-satuan-lapas-contoh"


def test_a_keyed_chain_recomputed_without_the_key_fails_plain_verify(path: Path, key: bytes) -> None:
    first, _ = two_incidents(path)
    with Journal.open(path) as journal:
        assert journal.chain.keyed and journal.verify() == []
    recompute(path, key)  # what the tool itself would write: still clean
    with Journal.open(path) as journal:
        assert journal.verify() == []
    tamper(path, f"""UPDATE events SET data = '{{"text":"versi lain"}}' WHERE {FIRST} AND seq = 2""")
    recompute(path)  # without the key
    with Journal.open(path) as journal:
        found = journal.verify()
    assert codes(found) == ["P502", "P502", "P508"]  # each incident from event #1, then the count's seal
    assert english(found)[0] == f"incident {first}: event #1 was changed (hash mismatch)"
    tamper(path, "UPDATE meta SET value = 'sha256' WHERE key = 'chain'")  # and claims never to have been keyed
    with Journal.open(path) as journal:
        found = journal.verify()
    assert codes(found) == ["P511"] and "is not keyed although PASOPATI_JOURNAL_KEY is set" in english(found)[0]


def test_a_keyed_journal_finds_a_cut_off_close_without_any_code(path: Path, key: bytes) -> None:
    first, _ = two_incidents(path, close_first=True)
    tamper(path, f"DELETE FROM events WHERE {FIRST} AND seq = 7")
    db = sqlite3.connect(path)  # the forger rewrites the head as it was before the close, without the key
    sixth = db.execute(f"SELECT hash, at FROM events WHERE {FIRST} AND seq = 6").fetchone()
    db.execute(f"UPDATE heads SET seq = 6, hash = ?, at = ?, closed = 0 WHERE {FIRST}", sixth)
    db.commit()
    db.close()
    with Journal.open(path) as journal:
        with pytest.raises(PasopatiError) as refused:
            journal.append(first, "note", {"text": "dibuka lagi?"}, **BY, at=at(20))
        assert codes(refused.value.problems) == ["P508"]
        assert codes(journal.verify()) == ["P508", "P512"]


def test_a_keyed_journal_needs_its_key_to_be_written_or_verified(
    path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = two_incidents(path)
    for value, message in [
        (None, "this journal is keyed; set PASOPATI_JOURNAL_KEY to the unit's key"),
        ("kunci-lain", "PASOPATI_JOURNAL_KEY is not the key of this journal"),
    ]:
        if value is None:
            monkeypatch.delenv(KEY_VARIABLE)
        else:
            monkeypatch.setenv(KEY_VARIABLE, value)
        with Journal.open(path) as journal:
            assert english(journal.verify()) == [message]
            assert [e.seq for e in journal.events(first)] == [1, 2, 3, 4, 5, 6]  # reading needs no key
            with pytest.raises(PasopatiError) as refused:
                journal.append(first, "note", {"text": "x"}, **BY, at=at(20))
            assert (codes(refused.value.problems), english(refused.value)) == (["P511"], [message])


def test_an_unkeyed_journal_is_not_written_under_a_key(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = two_incidents(path)
    monkeypatch.setenv(KEY_VARIABLE, "kunci")
    with Journal.open(path) as journal:
        assert codes(journal.verify()) == ["P511"]
        with pytest.raises(PasopatiError) as refused:
            journal.append(first, "note", {"text": "x"}, **BY, at=at(20))
    assert codes(refused.value.problems) == ["P511"]


def test_the_verification_code_of_a_report_is_checked_by_the_cli(path: Path, run: Any) -> None:
    first, _ = two_incidents(path)
    with Journal.open(path) as journal:
        code = journal.events(first)[-1].hash
    good = run("incident", "verify", first, "--head", code, "--journal", str(path), "--lang", "en")
    assert (good.code, good.out.splitlines()[-1]) == (
        0,
        f"The verification code is on incident {first}'s chain at event #6 of 6.",
    )
    tamper(path, f"""UPDATE events SET data = '{{"text":"versi lain"}}' WHERE {FIRST} AND seq = 2""")
    recompute(path)
    forged = run("incident", "verify", first, "--head", code, "--journal", str(path))
    assert forged.code == 1 and "P509" in forged.err
    assert run("incident", "verify", "--head", code, "--journal", str(path)).code == 2  # a code needs an incident
    assert stat.S_ISREG(os.stat(path).st_mode)
