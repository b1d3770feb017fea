"""The journal's file: how it is opened (read-write, read-only, immutable), and its failures as problems.

Split from `journal.py`, which holds the format and the events; this part knows only SQLite and the disk.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from pasopati_cli.problems import PasopatiError, Problem, problem

BUSY_TIMEOUT_MS = 10_000

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


def connect(path: Path, read_only: bool, wal: bool) -> sqlite3.Connection:
    """A connection in autocommit mode. Read-only through a `mode=ro` URI; a file in WAL mode (format 1)
    read-only as `immutable=1`, as WAL would create side files beside it, or fail where it cannot."""
    file = str(path)
    try:
        if not read_only:
            return sqlite3.connect(file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        uri = "file:" + quote(str(path.absolute()))
        if wal:
            return sqlite3.connect(uri + "?immutable=1", isolation_level=None, uri=True)
        db = sqlite3.connect(uri + "?mode=ro", timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=True)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            db.close()
            db = sqlite3.connect(uri + "?immutable=1", isolation_level=None, uri=True)
        return db
    except (sqlite3.Error, OSError) as exc:
        raise failure(file, exc) from exc


def writable(path: Path) -> bool:
    """The user may write it, and it is not marked read-only for everyone (`chmod a-w`: an archived copy,
    which even root leaves as it is)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3 ... appended when a file of that name exists already."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def failure(file: str, exc: BaseException) -> PasopatiError:
    reason = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in reason:
        return not_a_journal(file)
    reason_id = _REASONS.get(reason, reason)
    return fail("P501", file, f"jurnal {file}: {reason_id}", f"journal {file}: {reason}")


def not_a_journal(file: str) -> PasopatiError:
    return fail("P501", file, f"{file} bukan jurnal pasopati", f"{file} is not a pasopati journal")


def say(code: str, file: str, id_text: str, en_text: str) -> Problem:
    """A free-text journal problem, in both languages."""
    return problem(code, file=file, detail=id_text, detail_en=en_text)


def fail(code: str, file: str, id_text: str, en_text: str) -> PasopatiError:
    return PasopatiError([say(code, file, id_text, en_text)])
