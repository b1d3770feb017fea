"""The incident journal: append-only, hash-chained events in one SQLite file (docs/journal-format.md).

Several terminals may share a file: every write is one `BEGIN IMMEDIATE` transaction, committed durably
in rollback-journal mode (`journal_mode=DELETE`, `synchronous=FULL`), so an event is in the main file
once `append` returns: a killed process, a lost side file or a copy of the `.sqlite3` file alone loses
nothing that was confirmed. Every failure of the file or the disk is a `PasopatiError` (P501) naming the
file; `verify` reports a broken chain (P502) and the findings P504-P512; changing a closed incident is
refused (P503). A journal the user cannot write opens read-only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pasopati_cli import __version__, clock
from pasopati_cli.chain import (
    FIELDS,
    GENESIS,
    Chain,
    canonical,
    code_finding,
    count_finding,
    damage,
    event_hash,
    first_break,
    journal_key,
    key_finding,
)
from pasopati_cli.events import CLOSED, EVENT_TYPES, OPENED, Event
from pasopati_cli.journal_file import BUSY_TIMEOUT_MS, connect, fail, failure, free_name, not_a_journal, say, writable
from pasopati_cli.problems import PasopatiError, Problem

if TYPE_CHECKING:
    from pasopati_cli.incident import IncidentState

__all__ = ["GENESIS", "Journal", "canonical", "default_journal_path", "event_hash", "utc_text"]

FORMAT_VERSION = 2
APPLICATION_ID = 0x50415350  # "PASP", in the SQLite header (PRAGMA application_id)
APPLICATION = "pasopati-journal"
# A rollback journal: the main file holds every committed transaction (docs/benchmarks.md has the cost).
JOURNAL_MODE = "delete"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIELDS = ", ".join(FIELDS)

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE events (
        rowid INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
        operator TEXT NOT NULL, playbook_version TEXT NOT NULL, playbook_hash TEXT NOT NULL,
        data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
        UNIQUE (incident_id, seq))""",
    "CREATE TABLE heads (incident_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL,"
    " closed INTEGER NOT NULL, at TEXT NOT NULL DEFAULT '', seal TEXT)",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END",
    f"PRAGMA application_id = {APPLICATION_ID}",
)
_MIGRATE_1_TO_2 = (
    "ALTER TABLE heads ADD COLUMN at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE heads ADD COLUMN seal TEXT",
    "UPDATE heads SET at = coalesce((SELECT e.at FROM events e WHERE e.incident_id = heads.incident_id"
    " AND e.seq = heads.seq), '')",
)


def default_journal_path() -> Path:
    """`PASOPATI_JOURNAL` if set, else the user's data folder (platformdirs) / journal.sqlite3."""
    override = os.environ.get("PASOPATI_JOURNAL")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("pasopati", appauthor=False)) / "journal.sqlite3"


def utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


class Journal:
    """One open journal file. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path, db: sqlite3.Connection, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.version = FORMAT_VERSION
        self.chain = Chain(None)
        self._db = db
        self._in_transaction = False
        self._refusal: Problem | None = None  # why this journal cannot be appended to or verified

    # ---- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, read_only: bool | None = None) -> Journal:
        """Open the journal at `path`, creating it (and its folder) if absent. P501 if it is not one.

        A journal whose file or folder the user cannot write (an archived copy, `chmod 444`) opens
        read-only: it can be read and verified, and an append is refused with P510. `read_only=True`
        asks for that; it never creates or migrates the file."""
        path = Path(path)
        file = str(path)
        try:
            if read_only is None:
                read_only = path.exists() and not (writable(path) and writable(path.parent))
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            head = b""
            if path.is_file():
                with path.open("rb") as handle:
                    head = handle.read(20)
            elif read_only:
                raise FileNotFoundError(2, "No such file or directory", file)
        except OSError as exc:
            raise failure(file, exc) from exc
        if head and head[: len(_SQLITE_MAGIC)] != _SQLITE_MAGIC:
            raise not_a_journal(file)
        db = connect(path, read_only, wal=head[18:19] == b"\x02")
        journal = cls(path, db, read_only)
        try:
            journal._prepare()
        except BaseException:
            journal.close()
            raise
        return journal

    def _prepare(self) -> None:
        with self._errors():
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self.read_only:
                self._check_format()
                self._load_chain()
                return
            if self._kind() == "new":
                self._db.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
                with self.transaction():
                    if self._kind() == "new":  # another process may have created it meanwhile
                        self._create()
            self._check_format()
            if self.version < FORMAT_VERSION:
                self._migrate()
            if self._db.execute("PRAGMA journal_mode").fetchone()[0] != JOURNAL_MODE:
                # The main file must hold every confirmed event: a WAL side file can be lost or left behind.
                self._db.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
            self._db.execute("PRAGMA synchronous = FULL")
            self._load_chain()

    def _create(self) -> None:
        key = journal_key()
        chain = Chain(key)
        for statement in _SCHEMA:
            self._db.execute(statement)
        created = utc_text(clock.now(timezone.utc))
        meta = {"format_version": str(FORMAT_VERSION), "application": APPLICATION}
        meta |= {"created_at": created, "created_by": f"pasopati {__version__}"}
        meta |= {
            "chain": "hmac-sha256" if chain.keyed else "sha256",
            "event_count": "0",
            "count_seal": chain.count_seal(0),
        }
        if chain.keyed:
            meta["key_check"] = chain.key_check()
        self._db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        self._db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")

    def _migrate(self) -> None:
        """Format 1 -> 2: a backup copy first, then new head columns, seals and the event count.

        Stored events are never rewritten; their hashes keep verifying under the format-1 rule (sha256)."""
        backup = free_name(self.path.with_name(self.path.name + ".v1.bak"))
        self._db.execute("VACUUM INTO ?", (str(backup),))
        chain = Chain(None)
        with self.transaction():
            if self._db.execute("PRAGMA user_version").fetchone()[0] != 1:
                return  # another process migrated it meanwhile
            for statement in _MIGRATE_1_TO_2:
                self._db.execute(statement)
            heads = self._db.execute("SELECT incident_id, seq, hash, closed FROM heads").fetchall()
            self._db.executemany(
                "UPDATE heads SET seal = ? WHERE incident_id = ?",
                [(chain.head_seal(name, seq, hash, bool(closed)), name) for name, seq, hash, closed in heads],
            )
            count = self._db.execute("SELECT count(*) FROM events").fetchone()[0]
            migrated = {"chain": "sha256", "event_count": str(count), "count_seal": chain.count_seal(count)}
            migrated |= {"migrated_at": utc_text(clock.now(timezone.utc)), "migrated_by": f"pasopati {__version__}"}
            migrated |= {"migrated_from": "1", "format_version": str(FORMAT_VERSION)}
            self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", migrated.items())
            self._db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
        self.version = FORMAT_VERSION

    def _kind(self) -> str:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return "new" if (app_id, version, tables) == (0, 0, 0) else "existing"

    def _check_format(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise not_a_journal(str(self.path))
        if version > FORMAT_VERSION:
            raise self._error(
                f"format jurnal {version} dibuat oleh pasopati yang lebih baru; perbarui pasopati",
                f"journal format {version} was written by a newer pasopati; upgrade pasopati",
            )
        meta = self._meta()
        if version < 1 or meta.get("format_version") != str(version):
            raise self._error("jurnal rusak: versi format tidak cocok", "damaged journal: format versions differ")
        self.version = version

    def _meta(self) -> dict[str, str]:
        try:
            return {str(k): str(v) for k, v in self._db.execute("SELECT key, value FROM meta").fetchall()}
        except sqlite3.Error:
            return {}

    def _load_chain(self) -> None:
        """The journal's hashing rule, and why it cannot be appended to or verified here, if so."""
        meta, key = self._meta(), journal_key()
        keyed = meta.get("chain") == "hmac-sha256"
        self.chain = Chain(key if keyed else None)
        refusal = key_finding(keyed, meta.get("key_check"), key)
        if refusal:
            self._refusal = say("P511", str(self.path), *refusal)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable write transaction; appends inside it commit together (or not at all)."""
        with self._write(keep_on_error=False):
            yield

    @contextmanager
    def group(self) -> Iterator[None]:
        """Appends inside commit together in one durable write when the block ends, however it ends.

        For steps given all at once (a walk without prompts: every answer is on the command line), one
        fsync instead of one per step; what was appended before an error is kept, as it would have been
        step by step. Inside a transaction or a group, it is part of that one."""
        with self._write(keep_on_error=True):
            yield

    @contextmanager
    def _write(self, keep_on_error: bool) -> Iterator[None]:
        if self._in_transaction:
            yield
            return
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        committed = False
        try:
            yield
            committed = True
        finally:
            self._in_transaction = False
            try:
                if committed or keep_on_error:
                    with self._errors():
                        self._db.execute("COMMIT")
            finally:  # not committed, or the commit failed: nothing half-written stays open
                if self._db.in_transaction:
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")

    def _checkwritable(self) -> None:
        if self.read_only:
            raise PasopatiError(
                [
                    say(
                        "P510",
                        str(self.path),
                        f"jurnal {self.path} hanya dapat dibaca (berkas atau foldernya tidak dapat ditulis); "
                        "daftar, tampilkan, status, laporan dan verifikasi tetap dapat dipakai",
                        f"journal {self.path} is read-only (its file or folder cannot be written); "
                        "list, show, status, report and verify still work",
                    )
                ]
            )
        if self._refusal is not None:
            raise PasopatiError([self._refusal])

    def open_incident(
        self,
        crisis_type: str,
        *,
        operator: str,
        playbook_version: str,
        playbook_hash: str,
        exercise: bool = False,
        start: datetime | None = None,
        unit: str | None = None,
        data: Mapping[str, Any] | None = None,
        at: datetime | None = None,
    ) -> str:
        """Record an `opened` event under a new id `YYYYMMDD-NNNN`: the date it was opened in the zone of
        its start (the unit's: an incident opened at 02.05 WIB on the 30th is 20xx1130, not the UTC 29th),
        and a counter per day."""
        self._checkwritable()
        at = at or clock.now(timezone.utc)
        opening = {**(data or {}), "crisis_type": crisis_type, "exercise": exercise}
        begun = start or at
        if begun.tzinfo is None:
            raise ValueError("journal times must be timezone-aware")
        day = at.astimezone(begun.tzinfo).strftime("%Y%m%d")
        opening["start"] = begun.isoformat()  # in the zone given, so the unit's local time reads back
        if unit is not None:
            opening["unit"] = unit
        with self.transaction():
            with self._errors():
                row = self._db.execute(
                    "SELECT max(CAST(substr(incident_id, 10) AS INTEGER)) FROM heads"
                    " WHERE incident_id > ? AND incident_id < ?",
                    (f"{day}-", f"{day}."),
                ).fetchone()
            incident_id = f"{day}-{(row[0] or 0) + 1:04d}"
            self._insert(incident_id, 1, GENESIS, OPENED, opening, operator, playbook_version, playbook_hash, at)
        return incident_id

    def append(
        self,
        incident_id: str,
        type: str,
        data: Mapping[str, Any],
        *,
        operator: str,
        playbook_version: str,
        playbook_hash: str,
        at: datetime | None = None,
    ) -> Event:
        """Add one event to an open incident. P501 for an unknown incident, P503 for a closed one, P506
        for a time before the incident's last event, P510 for a read-only journal, P511 for a key problem."""
        if type not in EVENT_TYPES or type == OPENED:
            raise ValueError(f"not an event type that can be appended: {type!r}")
        self._checkwritable()
        with self.transaction():
            with self._errors():
                head = self._db.execute(
                    "SELECT seq, hash, closed, at, seal FROM heads WHERE incident_id = ?", (incident_id,)
                ).fetchone()
            if head is None:
                raise self._unknown(incident_id)
            if head[2]:
                raise self.closed_error(incident_id)
            if head[4] != self.chain.head_seal(incident_id, head[0], head[1], bool(head[2])):
                # a head rewritten behind the tool's back (a cut-off close, in a keyed journal) is not built on
                raise fail(
                    "P508",
                    str(self.path),
                    f"insiden {incident_id}: catatan kepala rantai telah diubah (segel tidak cocok); "
                    "jalankan: pasopati incident verify",
                    f"incident {incident_id}: the chain head record was changed (its seal does not match); "
                    "run: pasopati incident verify",
                )
            moment = at or clock.now(timezone.utc)
            if utc_text(moment) < head[3]:
                raise fail(
                    "P506",
                    str(self.path),
                    f"insiden {incident_id}: waktu {utc_text(moment)} lebih awal dari peristiwa terakhirnya "
                    f"(#{head[0]}, {head[3]}); periksa jam komputer",
                    f"incident {incident_id}: time {utc_text(moment)} is before its last event "
                    f"(#{head[0]}, {head[3]}); check the computer's clock",
                )
            return self._insert(
                incident_id, head[0] + 1, head[1], type, data, operator, playbook_version, playbook_hash, moment
            )

    def _insert(
        self,
        incident_id: str,
        seq: int,
        prev_hash: str,
        type: str,
        data: Mapping[str, Any],
        operator: str,
        playbook_version: str,
        playbook_hash: str,
        at: datetime | None,
    ) -> Event:
        if not operator.strip():
            raise self._error("nama operator wajib diisi", "the operator's name is required")
        moment = utc_text(at or clock.now(timezone.utc))
        fields: dict[str, Any] = {
            "incident_id": incident_id, "seq": seq, "type": type, "at": moment, "operator": operator,
            "playbook_version": playbook_version, "playbook_hash": playbook_hash, "data": dict(data),
            "prev_hash": prev_hash,
        }  # fmt: skip
        try:
            text = canonical(fields["data"])
            fields["hash"] = self.chain.event_hash(fields)
        except (TypeError, ValueError) as exc:
            raise self._error(
                f"data peristiwa tidak dapat disimpan: {exc}", f"event data cannot be stored: {exc}"
            ) from exc
        row = [fields[name] for name in FIELDS]
        row[7] = text
        closed = type == CLOSED
        with self._errors():
            self._db.execute(f"INSERT INTO events ({_FIELDS}) VALUES ({', '.join('?' * 10)})", row)
            self._db.execute(
                "INSERT INTO heads VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE"
                " SET seq = excluded.seq, hash = excluded.hash, closed = excluded.closed, at = excluded.at,"
                " seal = excluded.seal",
                (incident_id, seq, fields["hash"], int(closed), moment,
                 self.chain.head_seal(incident_id, seq, fields["hash"], closed)),
            )  # fmt: skip
            count = int(self._db.execute("SELECT value FROM meta WHERE key = 'event_count'").fetchone()[0]) + 1
            self._db.executemany(
                "UPDATE meta SET value = ? WHERE key = ?",
                ((str(count), "event_count"), (self.chain.count_seal(count), "count_seal")),
            )
        return _event(row, str(self.path))

    # ---- reading -------------------------------------------------------------------------------
    def events(self, incident_id: str) -> list[Event]:
        """The events of one incident in order. P501 if the journal has no such incident, P504 if one
        of its rows cannot be read."""
        with self._errors():
            rows = self._db.execute(
                f"SELECT {_FIELDS} FROM events WHERE incident_id = ? ORDER BY seq", (incident_id,)
            ).fetchall()
        if not rows:
            raise self._unknown(incident_id)
        return [_event(row, str(self.path)) for row in rows]

    def first_event(self, incident_id: str) -> Event:
        """The `opened` event of one incident (what it was opened with), without reading the rest."""
        with self._errors():
            row = self._db.execute(
                f"SELECT {_FIELDS} FROM events WHERE incident_id = ? ORDER BY seq LIMIT 1", (incident_id,)
            ).fetchone()
        if row is None:
            raise self._unknown(incident_id)
        return _event(row, str(self.path))

    def state(self, incident_id: str) -> IncidentState:
        from pasopati_cli.incident import derive_state

        return derive_state(self.events(incident_id))

    def incidents(self, *, exercise: bool | None = None) -> list[IncidentState]:
        """Every readable incident by id (oldest first); `exercise` keeps only drills (True) or only
        real ones. An incident with a damaged row is left out (see `incidents_and_damage`)."""
        return self.incidents_and_damage(exercise=exercise)[0]

    def incidents_and_damage(self, *, exercise: bool | None = None) -> tuple[list[IncidentState], list[Problem]]:
        """The readable incidents, and one P504 per incident left out because a row of it is damaged."""
        from pasopati_cli.incident import derive_state

        with self._errors():
            rows = self._db.execute(f"SELECT {_FIELDS} FROM events ORDER BY incident_id, seq").fetchall()
        groups: dict[str, list[Event]] = {}
        damaged: dict[str, Problem] = {}
        for row in rows:
            name = str(row[0])
            if name in damaged:
                continue
            try:
                groups.setdefault(name, []).append(_event(row, str(self.path)))
            except PasopatiError as error:
                damaged[name] = error.problems[0]
                groups.pop(name, None)
        states = [derive_state(events) for events in groups.values()]
        return [s for s in states if exercise is None or s.exercise == exercise], list(damaged.values())

    def verify(self, incident_id: str | None = None, *, head: str | None = None) -> list[Problem]:
        """Recompute every chain; one problem per incident naming its first broken event. Empty if intact.

        `head` is a verification code printed earlier (a report, a released statement): P509 unless it is
        the hash of an event on the incident's intact chain (an edit before it or a cut after it fails)."""
        if self._refusal is not None:
            return [self._refusal]
        where, args = ("WHERE incident_id = ?", (incident_id,)) if incident_id else ("", ())
        sealed = ", seal" if self.version >= 2 else ", NULL"
        with self._errors():
            rows = self._db.execute(f"SELECT {_FIELDS} FROM events {where} ORDER BY incident_id, seq", args)
            chains: dict[str, list[tuple[Any, ...]]] = {}
            for row in rows:
                chains.setdefault(str(row[0]), []).append(row)
            heads = {
                r[0]: (r[1], r[2], bool(r[3]), r[4])
                for r in self._db.execute(f"SELECT incident_id, seq, hash, closed{sealed} FROM heads {where}", args)
            }
            damage = [] if incident_id else [r[0] for r in self._db.execute("PRAGMA quick_check") if r[0] != "ok"]
        if incident_id and not chains and not heads:
            raise self._unknown(incident_id)
        found = [self._broken("", "P502", f"basis data rusak: {d}", f"database damaged: {d}") for d in damage[:1]]
        for name in sorted(chains.keys() | heads.keys()):
            issue = first_break(name, chains.get(name, []), self.chain, heads.get(name))
            if issue:
                found.append(self._broken(name, *issue))
        if incident_id is None and self.version >= 2:
            meta = self._meta()
            count = sum(len(rows) for rows in chains.values())
            issue = count_finding(self.chain, meta.get("event_count", ""), meta.get("count_seal"), count)
            if issue:
                found.append(self._broken("", *issue))
        if head is not None and incident_id is not None:
            issue = code_finding(head.strip().lower(), [row[9] for row in chains.get(incident_id, [])])
            if issue:
                found.append(self._broken(incident_id, *issue))
        return found

    # ---- problems ------------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise failure(str(self.path), exc) from exc

    def closed_error(self, incident_id: str) -> PasopatiError:
        """P503 for a change to a closed incident (what `append` raises), for callers that check first."""
        return fail(
            "P503",
            str(self.path),
            f"insiden {incident_id} sudah ditutup dan tidak dapat diubah lagi",
            f"incident {incident_id} is closed and can no longer be changed",
        )

    def _error(self, id_text: str, en_text: str) -> PasopatiError:
        return fail("P501", str(self.path), id_text, en_text)

    def _unknown(self, incident_id: str) -> PasopatiError:
        return self._error(
            f"insiden {incident_id} tidak ada di jurnal", f"incident {incident_id} is not in the journal"
        )

    def _broken(self, incident_id: str, code: str, id_text: str, en_text: str) -> Problem:
        prefix = (f"insiden {incident_id}: ", f"incident {incident_id}: ") if incident_id else ("", "")
        return say(code, str(self.path), prefix[0] + id_text, prefix[1] + en_text)


def _event(row: tuple[Any, ...] | list[Any], file: str) -> Event:
    broken = damage(row)
    if broken:
        raise fail(
            "P504",
            file,
            f"insiden {row[0]}: peristiwa #{row[1]} rusak ({broken[0]}); insiden lain tidak terpengaruh; "
            "jalankan: pasopati incident verify",
            f"incident {row[0]}: event #{row[1]} is damaged ({broken[1]}); other incidents are not affected; "
            "run: pasopati incident verify",
        )
    data = json.loads(row[7])
    return Event(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4], row[5], row[6], data, row[8], row[9])
