"""An incident keeps its guideline: what the journal records of it, and which one is in force. Pure.

The `opened` event records the guideline folder, the hash of its content (`scaffold.content_hash`: every
file under playbooks/ and templates/, whatever a command loads of it), its name and version; each
`guideline_changed` event records the one accepted instead, who accepted it and why. A journal written
before this has no record: its commands use the guideline they are given, as they always did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pasopati_cli.events import GUIDELINE_CHANGED, OPENED, Event

KEY = "guideline"  # the key of the record in the `opened` event's data


@dataclass(frozen=True)
class GuidelineRecord:
    """One guideline as the journal records it."""

    folder: str  # absolute; for the bundled guideline, where it was installed when recorded
    hash: str  # "sha256:..." over the folder's content
    name: str
    version: str
    bundled: bool = False  # the guideline installed with pasopati: found again wherever pasopati now is

    def as_data(self) -> dict[str, Any]:
        return {"folder": self.folder, "hash": self.hash, "name": self.name, "version": self.version,
                "bundled": self.bundled}  # fmt: skip

    @staticmethod
    def from_data(data: object) -> GuidelineRecord | None:
        """The record in an event's data, or None when there is none (or it is damaged)."""
        if not isinstance(data, Mapping):
            return None
        texts = [data.get(key) for key in ("folder", "hash", "name", "version")]
        if not all(isinstance(text, str) for text in texts) or not texts[0] or not texts[1]:
            return None
        folder, digest, name, version = (str(text) for text in texts)
        return GuidelineRecord(folder, digest, name, version, data.get("bundled") is True)

    def short(self) -> str:
        """The hash as a reader compares it: its first 12 hexadecimal digits."""
        return self.hash.removeprefix("sha256:")[:12]


@dataclass(frozen=True)
class GuidelineChange:
    """A change of guideline accepted for an incident: from what, to what, when, by whom, why."""

    before: GuidelineRecord | None
    after: GuidelineRecord
    at: datetime
    by: str
    reason: str


def changes(events: Sequence[Event]) -> list[GuidelineChange]:
    """Every accepted change of guideline, in order."""
    found: list[GuidelineChange] = []
    current = recorded(events[:1])
    for event in events:
        after = GuidelineRecord.from_data(event.data) if event.type == GUIDELINE_CHANGED else None
        if after is not None:
            reason = event.data.get("reason")
            found.append(
                GuidelineChange(current, after, event.at, event.operator, reason if isinstance(reason, str) else "")
            )
            current = after
    return found


def recorded(events: Sequence[Event]) -> GuidelineRecord | None:
    """The guideline in force after these events: the one opened with, or the last change accepted; None for
    an incident opened before guidelines were recorded (and never changed since)."""
    current = None
    for event in events:
        if event.type == OPENED:
            current = GuidelineRecord.from_data(event.data.get(KEY)) or current
        elif event.type == GUIDELINE_CHANGED:
            current = GuidelineRecord.from_data(event.data) or current
    return current
