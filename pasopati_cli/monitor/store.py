"""The monitoring store: feeds polled, items seen, issues worked. SQLite beside the incident journal.

A separate file from the journal because the journal is append-only and hash-chained (every row is
evidence) while news items arrive by the thousand and issues change status. Each feed's new items and
their issues are written in one transaction, so an interrupted poll leaves either all of a feed or none;
an item's key is UNIQUE, so the same story is never stored twice, from one feed or from several."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from pasopati_cli.problems import PasopatiError, problem

FORMAT = 1
STATUSES = ("baru", "ditinjau", "ditanggapi", "diabaikan")
STATUS_EN = {"baru": "new", "ditinjau": "reviewed", "ditanggapi": "answered", "diabaikan": "dismissed"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL, etag TEXT, last_modified TEXT,
    polled_at TEXT, status TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS issues (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'baru', reason TEXT, status_at TEXT, status_by TEXT,
    incident_id TEXT, statement_id TEXT, answered_at TEXT
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, feed_url TEXT NOT NULL, source TEXT NOT NULL,
    scope TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, url TEXT, published TEXT NOT NULL,
    fetched TEXT NOT NULL, relevant TEXT NOT NULL, crisis_type TEXT, sentiment TEXT NOT NULL,
    policy INTEGER NOT NULL, matched TEXT NOT NULL, issue_id INTEGER NOT NULL REFERENCES issues(id)
);
CREATE INDEX IF NOT EXISTS items_issue ON items(issue_id);
CREATE INDEX IF NOT EXISTS items_published ON items(published);
"""


def store_path(journal: Path) -> Path:
    """The store beside a journal: journal.sqlite3 -> journal.monitor.sqlite3."""
    return journal.with_name(f"{journal.stem}.monitor{journal.suffix or '.sqlite3'}")


def utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@dataclass(frozen=True)
class NewItem:
    key: str
    feed_url: str
    source: str
    scope: str
    title: str
    summary: str
    url: str | None
    published: datetime
    fetched: datetime
    relevant: str
    crisis_type: str | None
    sentiment: str
    policy: bool
    matched: dict[str, list[str]]


@dataclass(frozen=True)
class StoredItem(NewItem):
    id: int
    issue_id: int


@dataclass(frozen=True)
class StoredIssue:
    id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    status: str
    reason: str | None
    status_at: datetime | None
    status_by: str | None
    incident_id: str | None
    statement_id: str | None
    answered_at: datetime | None
    items: tuple[StoredItem, ...] = field(default=())


class Store:
    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    @classmethod
    def open(cls, path: Path) -> Store:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise _error(path, exc) from None
        store = cls(path, db)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, FORMAT):
                raise PasopatiError([problem("P810", store=path, reason=f"format {version} > {FORMAT}")])
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={FORMAT}")
        except sqlite3.Error as exc:
            db.close()
            raise _error(path, exc) from None
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing (Ctrl-C included): BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None

    # ---- feeds -----------------------------------------------------------------------------------
    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._query("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,))
        return (row[0][0], row[0][1]) if row else (None, None)

    def record_feed(
        self,
        url: str,
        name: str,
        scope: str,
        status: str,
        at: datetime,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        """Remember how a feed answered; validators are kept from the last good answer when not replaced."""
        self._query(
            """INSERT INTO feeds (url, name, scope, etag, last_modified, polled_at, status, error)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET name = excluded.name, scope = excluded.scope,
                 etag = COALESCE(excluded.etag, feeds.etag),
                 last_modified = COALESCE(excluded.last_modified, feeds.last_modified),
                 polled_at = excluded.polled_at, status = excluded.status, error = excluded.error""",
            (url, name, scope, etag, last_modified, utc(at), status, error),
        )

    # ---- items and issues ------------------------------------------------------------------------
    def known_keys(self, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self._query(f"SELECT key FROM items WHERE key IN ({marks})", chunk))
        return found

    def next_issue_id(self) -> int:
        return int(self._query("SELECT COALESCE(MAX(id), 0) + 1 FROM issues")[0][0])

    def recent_items(self, since: datetime) -> list[StoredItem]:
        rows = self._query(f"SELECT {_ITEM_FIELDS} FROM items WHERE fetched >= ? ORDER BY id", (utc(since),))
        return [_item(row) for row in rows]

    def add(self, item: NewItem, issue_id: int) -> bool:
        """Store a new item in its issue (created if new); False when the item was already stored."""
        published = utc(item.published)
        cursor = self._db.execute(
            """INSERT OR IGNORE INTO issues (id, title, first_seen, last_seen) VALUES (?, ?, ?, ?)""",
            (issue_id, item.title, published, published),
        )
        del cursor
        inserted = self._db.execute(
            f"""INSERT OR IGNORE INTO items ({_ITEM_FIELDS.replace("id, ", "", 1)}) VALUES
                (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                item.key,
                item.feed_url,
                item.source,
                item.scope,
                item.title,
                item.summary,
                item.url,
                published,
                utc(item.fetched),
                item.relevant,
                item.crisis_type,
                item.sentiment,
                int(item.policy),
                json.dumps(item.matched, ensure_ascii=False),
                issue_id,
            ),
        ).rowcount
        if inserted:
            self._db.execute(
                """UPDATE issues SET first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?) WHERE id = ?""",
                (published, published, issue_id),
            )
        return bool(inserted)

    def issue(self, issue_id: int) -> StoredIssue | None:
        rows = self._query(f"SELECT {_ISSUE_FIELDS} FROM issues WHERE id = ?", (issue_id,))
        if not rows:
            return None
        items = self._query(f"SELECT {_ITEM_FIELDS} FROM items WHERE issue_id = ? ORDER BY published, id", (issue_id,))
        return _issue(rows[0], tuple(_item(row) for row in items))

    def issues(self, *, since: datetime | None = None, until: datetime | None = None) -> list[StoredIssue]:
        """Issues seen in [since, until) (by their last item), with their items, newest first."""
        where, args = [], []
        if since is not None:
            where.append("last_seen >= ?")
            args.append(utc(since))
        if until is not None:
            where.append("first_seen < ?")
            args.append(utc(until))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._query(f"SELECT {_ISSUE_FIELDS} FROM issues {clause} ORDER BY last_seen DESC, id DESC", args)
        if not rows:
            return []
        ids = [row[0] for row in rows]
        grouped: dict[int, list[StoredItem]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._query(
                f"SELECT {_ITEM_FIELDS} FROM items WHERE issue_id IN ({marks}) ORDER BY published, id", chunk
            ):
                item = _item(row)
                grouped.setdefault(item.issue_id, []).append(item)
        return [_issue(row, tuple(grouped.get(row[0], ()))) for row in rows]

    def set_status(self, issue_id: int, status: str, *, reason: str | None, by: str, at: datetime) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE issues SET status = ?, reason = ?, status_at = ?, status_by = ? WHERE id = ?",
                (status, reason, utc(at), by, issue_id),
            )

    def link_response(
        self, issue_id: int, *, incident_id: str, statement_id: str | None, by: str, at: datetime
    ) -> None:
        with self.transaction():
            self._db.execute(
                """UPDATE issues SET status = 'ditanggapi', incident_id = ?, statement_id = ?, answered_at = ?,
                   status_at = ?, status_by = ?, reason = NULL WHERE id = ?""",
                (incident_id, statement_id, utc(at), utc(at), by, issue_id),
            )

    def issues_of_incident(self, incident_id: str) -> list[StoredIssue]:
        rows = self._query(f"SELECT {_ISSUE_FIELDS} FROM issues WHERE incident_id = ? ORDER BY id", (incident_id,))
        return [_issue(row, ()) for row in rows]


_ITEM_FIELDS = (
    "id, key, feed_url, source, scope, title, summary, url, published, fetched, relevant, crisis_type, "
    "sentiment, policy, matched, issue_id"
)
_ISSUE_FIELDS = (
    "id, title, first_seen, last_seen, status, reason, status_at, status_by, incident_id, statement_id, answered_at"
)


def _item(row: Sequence[Any]) -> StoredItem:
    return StoredItem(
        key=row[1], feed_url=row[2], source=row[3], scope=row[4], title=row[5], summary=row[6], url=row[7],
        published=parse_utc(row[8]), fetched=parse_utc(row[9]), relevant=row[10], crisis_type=row[11],
        sentiment=row[12], policy=bool(row[13]), matched=json.loads(row[14]), id=row[0], issue_id=row[15],
    )  # fmt: skip


def _maybe(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None


def _issue(row: Sequence[Any], items: tuple[StoredItem, ...]) -> StoredIssue:
    return StoredIssue(
        row[0],
        row[1],
        parse_utc(row[2]),
        parse_utc(row[3]),
        row[4],
        row[5],
        _maybe(row[6]),
        row[7],
        row[8],
        row[9],
        _maybe(row[10]),
        items,
    )


def _error(path: Path, exc: BaseException) -> PasopatiError:
    return PasopatiError([problem("P810", store=path, reason=str(exc) or type(exc).__name__)])
