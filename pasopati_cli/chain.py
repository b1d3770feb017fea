"""How a journal's events are chained and checked: hashes, the optional unit key, head seals (pure).

An unkeyed journal hashes each event with sha256; a keyed one (created with `PASOPATI_JOURNAL_KEY`)
with HMAC-SHA256 under the unit's key, so that a chain recomputed without the key no longer verifies.
The per-incident head record and the journal's event count are sealed the same way. The rules and what
they do and do not detect are in docs/journal-format.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

KEY_VARIABLE = "PASOPATI_JOURNAL_KEY"
GENESIS = "0" * 64  # prev_hash of an incident's first event
FIELDS = (
    "incident_id", "seq", "type", "at", "operator", "playbook_version", "playbook_hash", "data", "prev_hash", "hash",
)  # fmt: skip
_TEXT_FIELDS = ("incident_id", "type", "at", "operator", "playbook_version", "playbook_hash", "prev_hash", "hash")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEY_CHECK = b"pasopati-journal key check"


def canonical(value: object) -> str:
    """The one serialisation that is stored and hashed: sorted keys, compact, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def event_hash(fields: Mapping[str, Any]) -> str:
    """sha256 over the canonical JSON of an event's stored fields except `hash` (data as an object)."""
    return Chain(None).event_hash(fields)


def journal_key() -> bytes | None:
    """The unit key from `PASOPATI_JOURNAL_KEY` (its UTF-8 bytes), or None when unset or blank."""
    value = os.environ.get(KEY_VARIABLE, "")
    return value.encode("utf-8") if value.strip() else None


def is_code(text: str) -> bool:
    """A verification code: 64 lowercase hex digits (the hash of an event)."""
    return _HEX64.fullmatch(text) is not None


@dataclass(frozen=True)
class Chain:
    """The hashing rule of one journal: plain sha256, or HMAC-SHA256 under a key."""

    key: bytes | None

    @property
    def keyed(self) -> bool:
        return self.key is not None

    def digest(self, text: str) -> str:
        if self.key is None:
            return hashlib.sha256(text.encode("utf-8")).hexdigest()
        return hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def event_hash(self, fields: Mapping[str, Any]) -> str:
        return self.digest(canonical({key: value for key, value in fields.items() if key != "hash"}))

    def head_seal(self, incident_id: str, seq: int, hash: str, closed: bool) -> str:
        """Seals an incident's head record: its last seq and hash and whether it was closed."""
        return self.digest(canonical(["head", incident_id, seq, hash, closed]))

    def count_seal(self, count: int) -> str:
        """Seals the number of events the whole journal holds."""
        return self.digest(canonical(["count", count]))

    def key_check(self) -> str:
        """What meta records of a keyed journal, so that a wrong key is told apart from tampering."""
        return self.digest(_KEY_CHECK.decode())[:16]


def key_finding(keyed: bool, key_check: str | None, key: bytes | None) -> tuple[str, str] | None:
    """(id, en) saying why a journal cannot be written or verified with the key at hand, or None."""
    if keyed and key is None:
        return (
            f"jurnal ini berkunci; atur {KEY_VARIABLE} dengan kunci satuan kerja",
            f"this journal is keyed; set {KEY_VARIABLE} to the unit's key",
        )
    if keyed and Chain(key).key_check() != key_check:
        return (f"{KEY_VARIABLE} bukan kunci jurnal ini", f"{KEY_VARIABLE} is not the key of this journal")
    if not keyed and key is not None:
        return (
            f"jurnal ini tidak berkunci padahal {KEY_VARIABLE} diatur: rantainya mungkin dihitung ulang "
            "tanpa kunci, atau jurnal dibuat sebelum kunci dipakai (mulai jurnal baru dengan kunci)",
            f"this journal is not keyed although {KEY_VARIABLE} is set: its chain may have been recomputed "
            "without the key, or it was created before the key was used (start a new journal with the key)",
        )
    return None


def count_finding(chain: Chain, recorded: str, seal: str | None, count: int) -> tuple[str, str, str] | None:
    """(code, id, en) when the journal's sealed event count was changed or differs from `count`."""
    if not recorded.isdigit() or chain.count_seal(int(recorded)) != seal:
        return (
            "P508",
            "catatan jumlah peristiwa jurnal telah diubah (segel tidak cocok)",
            "the journal's event count record was changed (its seal does not match)",
        )
    if int(recorded) != count:
        return (
            "P512",
            f"jurnal berisi {count} peristiwa, padahal tercatat {recorded}: ada yang dihapus atau disisipkan",
            f"the journal holds {count} events but recorded {recorded}: events were removed or inserted",
        )
    return None


def code_finding(code: str, hashes: Sequence[str]) -> tuple[str, str, str] | None:
    """(code, id, en) when a verification code is not one of an incident's event hashes."""
    if not is_code(code):
        return (
            "P509",
            f"'{code[:80]}' bukan kode verifikasi (64 digit heksadesimal)",
            f"'{code[:80]}' is not a verification code (64 hexadecimal digits)",
        )
    if code in hashes:
        return None
    return (
        "P509",
        f"kode verifikasi {code} tidak ada di rantainya: peristiwa sebelum kode itu diubah, "
        "atau peristiwa sampai kode itu dipotong",
        f"verification code {code} is not on its chain: an event before it was changed, "
        "or the events up to it were cut off",
    )


def damage(row: Sequence[Any]) -> tuple[str, str] | None:
    """(id, en) text saying what is wrong with the types of a stored row, or None if it can be read."""
    fields = dict(zip(FIELDS, row, strict=True))
    for name in _TEXT_FIELDS:
        if not isinstance(fields[name], str):
            return (f"kolom {name} bukan teks", f"column {name} is not text")
    if not isinstance(fields["seq"], int) or isinstance(fields["seq"], bool):
        return ("nomor urut bukan bilangan bulat", "the sequence number is not an integer")
    try:
        moment = datetime.fromisoformat(fields["at"])
    except ValueError:
        return (f"waktu '{fields['at'][:40]}' tidak terbaca", f"time '{fields['at'][:40]}' cannot be read")
    if moment.tzinfo is None:
        return ("waktu tanpa zona waktu", "time without a time zone")
    if not isinstance(fields["data"], str):
        return ("kolom data bukan teks", "column data is not text")
    try:
        data = json.loads(fields["data"])
    except ValueError:
        return ("data bukan JSON yang sah", "data is not valid JSON")
    if not isinstance(data, dict):
        return ("data bukan objek JSON", "data is not a JSON object")
    return None


def first_break(
    incident_id: str, rows: Sequence[Sequence[Any]], chain: Chain, head: tuple[int, str, bool, str | None] | None
) -> tuple[str, str, str] | None:
    """(code, id, en) naming the first problem of one incident's rows (ordered by seq), or None.

    `head` is the incident's head record (seq, hash, closed, seal; seal None in a format-1 journal)."""
    for row in rows:  # a damaged row first: it may not even sort where it belongs
        broken = damage(row)
        if broken:
            return ("P504", f"peristiwa #{row[1]} rusak: {broken[0]}", f"event #{row[1]} is damaged: {broken[1]}")
    prev_hash, expected, previous_at = GENESIS, 1, ""
    closed_at: int | None = None
    for row in rows:
        seq = row[1]
        if seq == expected - 1:
            return (
                "P505",
                f"nomor urut #{seq} dipakai dua kali",
                f"sequence number #{seq} is used twice",
            )
        if seq != expected:
            return (
                "P502",
                f"peristiwa #{expected} hilang (sesudah #{expected - 1} langsung #{seq})",
                f"event #{expected} is missing (#{expected - 1} is followed by #{seq})",
            )
        if row[8] != prev_hash:
            return (
                "P502",
                f"rantai putus di peristiwa #{seq}: hash sebelumnya tidak cocok dengan #{seq - 1}",
                f"chain broken at event #{seq}: its previous hash does not match event #{seq - 1}",
            )
        fields = dict(zip(FIELDS, row, strict=True))
        fields["data"] = json.loads(row[7])
        if chain.event_hash(fields) != row[9]:
            return (
                "P502",
                f"peristiwa #{seq} telah diubah (hash tidak cocok)",
                f"event #{seq} was changed (hash mismatch)",
            )
        if datetime.fromisoformat(row[3]) < datetime.fromisoformat(previous_at or row[3]):
            return (
                "P506",
                f"waktu peristiwa #{seq} ({row[3]}) lebih awal dari peristiwa #{seq - 1} ({previous_at})",
                f"event #{seq} is dated {row[3]}, before event #{seq - 1} ({previous_at})",
            )
        if closed_at is not None:
            return (
                "P507",
                f"peristiwa #{seq} ditulis sesudah insiden ditutup di #{closed_at}",
                f"event #{seq} was written after the incident was closed at #{closed_at}",
            )
        if row[2] == "closed":
            closed_at = seq
        prev_hash, expected, previous_at = row[9], seq + 1, row[3]
    last = expected - 1
    if head is None:
        return ("P502", "tidak tercatat di daftar kepala rantai", "missing from the chain heads")
    if head[0] > last:
        return (
            "P502",
            f"peristiwa #{last + 1} hilang (jurnal mencatat sampai #{head[0]})",
            f"event #{last + 1} is missing (the journal recorded up to #{head[0]})",
        )
    if head[3] is not None and head[3] != chain.head_seal(incident_id, head[0], head[1], head[2]):
        return (
            "P508",
            "catatan kepala rantai telah diubah (segel tidak cocok)",
            "the chain head record was changed (its seal does not match)",
        )
    if (head[0], head[1]) != (last, prev_hash):
        return (
            "P502",
            f"kepala rantai tidak cocok dengan peristiwa #{last}",
            f"chain head does not match event #{last}",
        )
    if head[2] != (closed_at is not None):
        return (
            "P507",
            "insiden tercatat ditutup tetapi peristiwa penutupnya tidak ada",
            "the incident is recorded as closed but its closing event is gone",
        )
    return None
