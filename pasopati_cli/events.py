"""The kinds of event an incident's journal holds, and one stored event. Pure data.

Apart from `incident` (the state derived from events) so that writing to the journal does not build the
state's classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

OPENED = "opened"
ANSWERED = "answered"
TRIAGED = "triaged"
LEVEL_RAISED = "level_raised"
ROLE_NOTIFIED = "role_notified"
ACTION_DONE = "action_done"
NOTE = "note"
STATEMENT_DRAFTED = "statement_drafted"
STATEMENT_APPROVED = "statement_approved"
STATEMENT_RELEASED = "statement_released"
CLOSED = "closed"
FACT_RECORDED = "fact_recorded"  # new values of facts: {"facts": {name: value}, "source": ..., "at": ...}
START_CORRECTED = "start_corrected"  # the moment the incident began, corrected: {"start": ..., "reason": ...}
# another guideline (or its files changed) accepted for the incident: the new record (folder, hash, name, version,
# bundled), "previous" (folder, hash) and "reason"
GUIDELINE_CHANGED = "guideline_changed"
EVENT_TYPES = (
    OPENED, ANSWERED, TRIAGED, LEVEL_RAISED, ROLE_NOTIFIED, ACTION_DONE, NOTE,
    STATEMENT_DRAFTED, STATEMENT_APPROVED, STATEMENT_RELEASED, CLOSED, FACT_RECORDED, START_CORRECTED,
    GUIDELINE_CHANGED,
)  # fmt: skip

DRAFT, APPROVED, RELEASED = "draft", "approved", "released"


@dataclass(frozen=True)
class Event:
    """One stored event. `hash` is sha256 over the canonical JSON of every other field (see journal)."""

    incident_id: str
    seq: int
    type: str
    at: datetime
    operator: str
    playbook_version: str
    playbook_hash: str
    data: Mapping[str, Any]
    prev_hash: str
    hash: str
