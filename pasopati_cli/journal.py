"""The incident journal: append-only, hash-chained events in one SQLite file (docs/journal-format.md).

Several terminals may share a file: every write is one `BEGIN IMMEDIATE` transaction, committed durably
(WAL, `synchronous=FULL`), so an event is on disk once `append` returns and a killed process loses
nothing that was confirmed. Every failure of the file or the disk is a `PasopatiError` (P501) naming the
file; a broken chain is reported by `verify` (P502); changing a closed incident is refused (P503).
"""

from __future__ import annotations

import hashlib
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
from pasopati_cli.events import CLOSED, EVENT_TYPES, OPENED, Event
from pasopati_cli.problems import PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.incident import IncidentState

FORMAT_VERSION = 1
APPLICATION_ID = 0x50415350  # "PASP", in the SQLite header (PRAGMA application_id)
APPLICATION = "pasopati-journal"
GENESIS = "0" * 64  # prev_hash of an incident's first event
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIELDS = "incident_id, seq, type, at, operator, playbook_version, playbook_hash, data, prev_hash, hash"

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE events (
        rowid INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
        operator TEXT NOT NULL, playbook_version TEXT NOT NULL, playbook_hash TEXT NOT NULL,
        data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
        UNIQUE (incident_id, seq))""",
    "CREATE TABLE heads (incident_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL,"
    " closed INTEGER NOT NULL)",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END",
    f"PRAGMA application_id = {APPLICATION_ID}",
    f"PRAGMA user_version = {FORMAT_VERSION}",
)

_REASONS = {  # sqlite's English reasons, in Indonesian for the first language
    "database or disk is full": "disk penuh",
    "attempt to write a readonly database": "berkas hanya dapat dibaca",
    "unable to open database file": "berkas tidak dapat dibuka",
    "disk I/O error": "galat baca/tulis disk",
    "database is locked": "jurnal sedang dipakai proses lain terlalu lama",
    "file is not a database": "berkas bukan basis data SQLite",
    "No such file or directory": "berkas atau folder tidak ada",
    "Permission denied": "izin ditolak",
    "Read-only file system": "sistem berkas hanya dapat dibaca",
    "No space left on device": "disk penuh",
}


def default_journal_path() -> Path:
    """`PASOPATI_JOURNAL` if set, else the user's data folder (platformdirs) / journal.sqlite3."""
    override = os.environ.get("PASOPATI_JOURNAL")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("pasopati", appauthor=False)) / "journal.sqlite3"


def canonical(value: object) -> str:
    """The one serialisation that is stored and hashed: sorted keys, compact, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def event_hash(fields: Mapping[str, Any]) -> str:
    """sha256 over the canonical JSON of an event's stored fields except `hash` (data as an object)."""
    body = {key: value for key, value in fields.items() if key != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


class Journal:
    """One open journal file. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self._in_transaction = False

    # ---- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Journal:
        """Open the journal at `path`, creating it (and its folder) if absent. P501 if it is not one."""
        path = Path(path)
        file = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            head = b""
            if path.is_file():
                with path.open("rb") as handle:
                    head = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise _failure(file, exc) from exc
        if head and head != _SQLITE_MAGIC:
            raise _not_a_journal(file)
        try:
            db = sqlite3.connect(file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise _failure(file, exc) from exc
        journal = cls(path, db)
        try:
            journal._prepare()
        except BaseException:
            db.close()
            raise
        return journal

    def _prepare(self) -> None:
        with self._errors():
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self._kind() == "new":
                self._db.execute("PRAGMA journal_mode = WAL")
                with self.transaction():
                    if self._kind() == "new":  # another process may have created it meanwhile
                        for statement in _SCHEMA:
                            self._db.execute(statement)
                        created = utc_text(clock.now(timezone.utc))
                        meta = {"format_version": str(FORMAT_VERSION), "application": APPLICATION}
                        meta |= {"created_at": created, "created_by": f"pasopati {__version__}"}
                        self._db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            self._check_format()
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")

    def _kind(self) -> str:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return "new" if (app_id, version, tables) == (0, 0, 0) else "existing"

    def _check_format(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise _not_a_journal(str(self.path))
        if version > FORMAT_VERSION:
            raise self._error(
                f"format jurnal {version} dibuat oleh pasopati yang lebih baru; perbarui pasopati",
                f"journal format {version} was written by a newer pasopati; upgrade pasopati",
            )
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            meta = {}
        if version != FORMAT_VERSION or meta.get("format_version") != str(version):
            raise self._error("jurnal rusak: versi format tidak cocok", "damaged journal: format versions differ")

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
        """Add one event to an open incident. P501 for an unknown incident, P503 for a closed one."""
        if type not in EVENT_TYPES or type == OPENED:
            raise ValueError(f"not an event type that can be appended: {type!r}")
        with self.transaction():
            with self._errors():
                head = self._db.execute(
                    "SELECT seq, hash, closed FROM heads WHERE incident_id = ?", (incident_id,)
                ).fetchone()
            if head is None:
                raise self._unknown(incident_id)
            if head[2]:
                raise self.closed_error(incident_id)
            return self._insert(
                incident_id, head[0] + 1, head[1], type, data, operator, playbook_version, playbook_hash, at
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
            fields["hash"] = event_hash(fields)
        except (TypeError, ValueError) as exc:
            raise self._error(
                f"data peristiwa tidak dapat disimpan: {exc}", f"event data cannot be stored: {exc}"
            ) from exc
        row = [fields[name] for name in _FIELDS.split(", ")]
        row[7] = text
        with self._errors():
            self._db.execute(f"INSERT INTO events ({_FIELDS}) VALUES ({', '.join('?' * 10)})", row)
            self._db.execute(
                "INSERT INTO heads VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE"
                " SET seq = excluded.seq, hash = excluded.hash, closed = excluded.closed",
                (incident_id, seq, fields["hash"], int(type == CLOSED)),
            )
        return _event(row, str(self.path))

    # ---- reading -------------------------------------------------------------------------------
    def events(self, incident_id: str) -> list[Event]:
        """The events of one incident in order. P501 if the journal has no such incident."""
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
        """Every incident by id (oldest first); `exercise` keeps only drills (True) or only real ones."""
        from pasopati_cli.incident import derive_state

        with self._errors():
            rows = self._db.execute(f"SELECT {_FIELDS} FROM events ORDER BY incident_id, seq").fetchall()
        groups: dict[str, list[Event]] = {}
        for row in rows:
            groups.setdefault(row[0], []).append(_event(row, str(self.path)))
        states = [derive_state(events) for events in groups.values()]
        return [s for s in states if exercise is None or s.exercise == exercise]

    def verify(self, incident_id: str | None = None) -> list[Problem]:
        """Recompute every chain; one P502 per incident naming its first broken event. Empty if intact."""
        where, args = ("WHERE incident_id = ?", (incident_id,)) if incident_id else ("", ())
        with self._errors():
            rows = self._db.execute(f"SELECT {_FIELDS} FROM events {where} ORDER BY incident_id, seq", args)
            chains: dict[str, list[tuple[Any, ...]]] = {}
            for row in rows:
                chains.setdefault(row[0], []).append(row)
            heads = {
                r[0]: (r[1], r[2]) for r in self._db.execute(f"SELECT incident_id, seq, hash FROM heads {where}", args)
            }
            damage = [] if incident_id else [r[0] for r in self._db.execute("PRAGMA quick_check") if r[0] != "ok"]
        if incident_id and not chains and not heads:
            raise self._unknown(incident_id)
        found = [self._broken("", f"basis data rusak: {d}", f"database damaged: {d}") for d in damage[:1]]
        for name in sorted(chains.keys() | heads.keys()):
            issue = _first_break(chains.get(name, []), heads.get(name))
            if issue:
                found.append(self._broken(name, *issue))
        return found

    # ---- problems ------------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise _failure(str(self.path), exc) from exc

    def closed_error(self, incident_id: str) -> PasopatiError:
        """P503 for a change to a closed incident (what `append` raises), for callers that check first."""
        return _fail(
            "P503",
            str(self.path),
            f"insiden {incident_id} sudah ditutup dan tidak dapat diubah lagi",
            f"incident {incident_id} is closed and can no longer be changed",
        )

    def _error(self, id_text: str, en_text: str) -> PasopatiError:
        return _fail("P501", str(self.path), id_text, en_text)

    def _unknown(self, incident_id: str) -> PasopatiError:
        return self._error(
            f"insiden {incident_id} tidak ada di jurnal", f"incident {incident_id} is not in the journal"
        )

    def _broken(self, incident_id: str, id_text: str, en_text: str) -> Problem:
        prefix = (f"insiden {incident_id}: ", f"incident {incident_id}: ") if incident_id else ("", "")
        return _say("P502", str(self.path), prefix[0] + id_text, prefix[1] + en_text)


def _first_break(rows: list[tuple[Any, ...]], head: tuple[int, str] | None) -> tuple[str, str] | None:
    """(id, en) text naming the first broken event of one incident's rows (ordered by seq), or None."""
    prev_hash, expected = GENESIS, 1
    for row in rows:
        seq = row[1]
        if seq != expected:
            return (
                f"peristiwa #{expected} hilang (sesudah #{expected - 1} langsung #{seq})",
                f"event #{expected} is missing (#{expected - 1} is followed by #{seq})",
            )
        if row[8] != prev_hash:
            return (
                f"rantai putus di peristiwa #{seq}: hash sebelumnya tidak cocok dengan #{seq - 1}",
                f"chain broken at event #{seq}: its previous hash does not match event #{seq - 1}",
            )
        fields = dict(zip(_FIELDS.split(", "), row, strict=True))
        try:
            fields["data"] = json.loads(row[7])
            intact = event_hash(fields) == row[9]
        except (TypeError, ValueError):
            intact = False
        if not intact:
            return (f"peristiwa #{seq} telah diubah (hash tidak cocok)", f"event #{seq} was changed (hash mismatch)")
        prev_hash, expected = row[9], seq + 1
    last = expected - 1
    if head is None:
        return ("tidak tercatat di daftar kepala rantai", "missing from the chain heads")
    if head[0] > last:
        return (
            f"peristiwa #{last + 1} hilang (jurnal mencatat sampai #{head[0]})",
            f"event #{last + 1} is missing (the journal recorded up to #{head[0]})",
        )
    if head != (last, prev_hash):
        return (f"kepala rantai tidak cocok dengan peristiwa #{last}", f"chain head does not match event #{last}")
    return None


def _event(row: tuple[Any, ...] | list[Any], file: str) -> Event:
    try:
        data = json.loads(row[7])
        at = datetime.fromisoformat(row[3])
        if not isinstance(data, dict):
            raise ValueError("data is not an object")
    except (TypeError, ValueError) as exc:
        raise _fail(
            "P502",
            file,
            f"insiden {row[0]}: peristiwa #{row[1]} rusak; jalankan verifikasi",
            f"incident {row[0]}: event #{row[1]} is damaged; run verify ({exc})",
        ) from exc
    return Event(row[0], row[1], row[2], at, row[4], row[5], row[6], data, row[8], row[9])


def _failure(file: str, exc: BaseException) -> PasopatiError:
    reason = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in reason:
        return _not_a_journal(file)
    reason_id = _REASONS.get(reason, reason)
    return _fail("P501", file, f"jurnal {file}: {reason_id}", f"journal {file}: {reason}")


def _not_a_journal(file: str) -> PasopatiError:
    return _fail("P501", file, f"{file} bukan jurnal pasopati", f"{file} is not a pasopati journal")


def _say(code: str, file: str, id_text: str, en_text: str) -> Problem:
    """A free-text journal problem, in both languages."""
    return problem(code, file=file, detail=id_text, detail_en=en_text)


def _fail(code: str, file: str, id_text: str, en_text: str) -> PasopatiError:
    return PasopatiError([_say(code, file, id_text, en_text)])
