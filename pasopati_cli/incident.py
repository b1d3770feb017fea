"""Incident events and the state derived from them. Pure: no I/O, no clock, no printing.

The journal stores events; everything the tool shows about an incident (its level, who was told, which
statements went out) is `derive_state(events)`. The function never raises on odd data (a damaged journal
is `verify`'s business): a missing key reads as empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pasopati_cli.events import (
    ACTION_DONE,
    ANSWERED,
    APPROVED,
    CLOSED,
    DRAFT,
    FACT_RECORDED,
    LEVEL_RAISED,
    NOTE,
    OPENED,
    RELEASED,
    ROLE_NOTIFIED,
    START_CORRECTED,
    STATEMENT_APPROVED,
    STATEMENT_DRAFTED,
    STATEMENT_RELEASED,
    TRIAGED,
    Event,
)


@dataclass(frozen=True)
class LevelChange:
    """The incident entered `level`: when (the data's `at` if given, else the event's), by whom, why."""

    level: str
    reasons: tuple[str, ...]
    at: datetime
    by: str
    reasons_en: tuple[str, ...] = ()  # the guideline's reasons in English, when recorded (else as `reasons`)

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        return self.reasons_en if lang == "en" and self.reasons_en else self.reasons


@dataclass(frozen=True)
class Notice:
    """A role was told: when (the data's `at` if given, else the event's), by whom, through which channel."""

    at: datetime
    by: str
    channel: str


@dataclass(frozen=True)
class OffRosterNotice:
    """Someone who holds no role of the guideline was told (a Bupati, a Kapolda, a family member), by name
    and the role they hold; listed apart, never counted as a role's notice."""

    person: str
    title: str
    at: datetime
    by: str
    channel: str  # empty when not recorded


@dataclass(frozen=True)
class Done:
    at: datetime
    by: str


@dataclass(frozen=True)
class Note:
    text: str
    at: datetime
    by: str


@dataclass(frozen=True)
class Statement:
    id: str
    kind: str
    status: str  # draft, approved or released
    text: str
    content_hash: str  # sha256 of the text (UTF-8) as last drafted
    drafted_at: datetime
    drafted_by: str
    approver: str | None = None
    approved_at: datetime | None = None
    approved_hash: str | None = None  # the content hash the approver saw
    override_reason: str | None = None
    override_by: str | None = None  # the official who approved releasing past the release rules
    released_at: datetime | None = None
    released_by: str | None = None


@dataclass(frozen=True)
class IncidentState:
    id: str
    crisis_type: str
    exercise: bool
    start: datetime | None
    unit: str | None
    opened_at: datetime
    opened_by: str
    level: str | None
    levels: tuple[LevelChange, ...]
    answers: Mapping[str, Any]
    notified: Mapping[str, Notice]
    actions: Mapping[str, Done]
    notes: tuple[Note, ...]
    statements: Mapping[str, Statement]
    closed: bool
    closed_at: datetime | None
    last_seq: int
    updated_at: datetime
    playbook_version: str  # in force at the last event
    playbook_hash: str
    people: tuple[str, ...] = ()  # full names marked by the officer; the guard keeps them out of statements
    others: tuple[OffRosterNotice, ...] = ()  # people told who are not on the roster, in order
    roles: Mapping[str, str] = field(default_factory=dict)  # a marked name -> its role in the incident (naming)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _optional(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value else None


def _moment(value: object, fallback: datetime | None) -> datetime | None:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return fallback
        return moment if moment.tzinfo is not None else fallback
    return fallback


def _reasons(data: Mapping[str, Any]) -> tuple[str, ...]:
    reasons = data.get("reasons")
    if isinstance(reasons, list):
        return tuple(str(reason) for reason in reasons)
    reason = data.get("reason")
    return (reason,) if isinstance(reason, str) and reason else ()


def derive_state(events: Sequence[Event]) -> IncidentState:
    """The current state of one incident from its events, in order. ValueError if there are none."""
    if not events:
        raise ValueError("an incident has at least one event")
    first = events[0]
    opening = first.data if first.type == OPENED else {}
    level: str | None = None
    levels: list[LevelChange] = []
    answers: dict[str, Any] = {}
    notified: dict[str, Notice] = {}
    others: list[OffRosterNotice] = []
    actions: dict[str, Done] = {}
    notes: list[Note] = []
    statements: dict[str, Statement] = {}
    closed_at: datetime | None = None
    people: list[str] = []
    roles: dict[str, str] = {}
    corrected: datetime | None = None
    for event in events:
        data, at, by = event.data, event.at, event.operator
        marked = data.get("people")
        if isinstance(marked, list):
            people += [name for name in marked if isinstance(name, str) and name and name not in people]
        given = data.get("roles")
        if isinstance(given, Mapping):
            roles.update({name: role for name, role in given.items() if isinstance(role, str) and name in people})
        if event.type == ANSWERED and isinstance(data.get("question"), str):
            answers[data["question"]] = data.get("answer")
        elif event.type in (TRIAGED, LEVEL_RAISED) and isinstance(data.get("level"), str):
            level = data["level"]
            moment = _moment(data.get("at"), at) or at
            english = data.get("reasons_en")
            english = tuple(str(reason) for reason in english) if isinstance(english, list) else ()
            levels.append(LevelChange(data["level"], _reasons(data), moment, by, english))
        elif event.type == ROLE_NOTIFIED and _text(data, "role"):
            notified[data["role"]] = Notice(_moment(data.get("at"), at) or at, by, _text(data, "channel"))
        elif event.type == ROLE_NOTIFIED and _text(data, "person") and _text(data, "title"):
            moment = _moment(data.get("at"), at) or at
            others.append(OffRosterNotice(data["person"], data["title"], moment, by, _text(data, "channel")))
        elif event.type == ACTION_DONE and _text(data, "action"):
            actions[data["action"]] = Done(_moment(data.get("at"), at) or at, by)
        elif event.type == NOTE:
            notes.append(Note(_text(data, "text"), at, by))
        elif event.type == STATEMENT_DRAFTED and _text(data, "statement"):
            text = _text(data, "text")
            statements[data["statement"]] = Statement(
                data["statement"], _text(data, "kind"), DRAFT, text, content_hash(text), at, by
            )
        elif event.type == STATEMENT_APPROVED and _text(data, "statement") in statements:
            old = statements[data["statement"]]
            statements[old.id] = replace(
                old,
                status=APPROVED,
                approver=_optional(data, "approver") or by,
                approved_at=at,
                approved_hash=_optional(data, "content_hash") or old.content_hash,
                override_reason=_optional(data, "override_reason"),
            )
        elif event.type == STATEMENT_RELEASED and _text(data, "statement") in statements:
            old = statements[data["statement"]]
            override = _optional(data, "override_reason") or old.override_reason
            statements[old.id] = replace(old, status=RELEASED, released_at=at, released_by=by, override_reason=override,
                                         override_by=_optional(data, "override_by"))  # fmt: skip
        elif event.type == CLOSED:
            closed_at = at
        elif event.type == FACT_RECORDED and isinstance(data.get("answers"), Mapping):
            answers.update({str(key): value for key, value in data["answers"].items()})
        elif event.type == START_CORRECTED:
            corrected = _moment(data.get("start"), None) or corrected
    last = events[-1]
    return IncidentState(
        id=first.incident_id,
        crisis_type=_text(opening, "crisis_type"),
        exercise=opening.get("exercise") is True,
        start=corrected or _moment(opening.get("start"), None),
        unit=_optional(opening, "unit"),
        opened_at=first.at,
        opened_by=first.operator,
        level=level,
        levels=tuple(levels),
        answers=answers,
        notified=notified,
        actions=actions,
        notes=tuple(notes),
        statements=statements,
        closed=closed_at is not None,
        closed_at=closed_at,
        last_seq=last.seq,
        updated_at=last.at,
        playbook_version=last.playbook_version,
        playbook_hash=last.playbook_hash,
        people=tuple(people),
        others=tuple(others),
        roles=roles,
    )


def level_periods(state: IncidentState) -> tuple[tuple[str, datetime], ...]:
    """Each level the incident has been at, with the moment its deadlines count from.

    The first level counts from the incident's start; every later one from the moment it was entered
    (`LevelChange.at`), never earlier than the start. A level replaced at the very moment it was entered
    was never in force and is left out (the walk's triage followed by the officer's raise at the start).
    Empty when the incident was never triaged.
    """
    start = state.start or state.opened_at
    periods: list[tuple[str, datetime]] = []
    for index, change in enumerate(state.levels):
        since = start if index == 0 else max(change.at, start)
        if periods and periods[-1][1] == since:
            periods.pop()
        periods.append((change.level, since))
    return tuple(periods)
