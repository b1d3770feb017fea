"""Assignment: who must be told, by which clock time, through which channel; and the checklist.

Pure: (guideline, crisis type, level, answers, unit profile, start time) -> a Plan with absolute
deadlines in the unit's time zone, sorted by deadline. `plan_over_levels` does the same for an incident
that has been at several levels: each level's deadlines count from the moment it was entered, and an
item's deadline is the earliest of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from pasopati_cli import clock
from pasopati_cli.messages import channel as channel_name
from pasopati_cli.messages import t
from pasopati_cli.model import Action, CrisisType, Guideline, Person, Text, UnitProfile
from pasopati_cli.problems import Lang, PasopatiError, problem
from pasopati_cli.triage import Answer, applies


@dataclass(frozen=True)
class Assignment:
    role: str
    title: Text
    person: Person
    channels: tuple[str, ...]
    delay: timedelta
    deadline: datetime
    task: Text | None = None

    @property
    def channel(self) -> str:
        return self.channels[0]


@dataclass(frozen=True)
class ChecklistItem:
    action: str
    text: Text
    owner: str
    person: Person
    delay: timedelta
    deadline: datetime


@dataclass(frozen=True)
class StatementDue:
    kind: str
    title: Text
    delay: timedelta | None
    deadline: datetime | None


@dataclass(frozen=True)
class Plan:
    crisis_type: str
    level: str
    start: datetime
    assignments: tuple[Assignment, ...]
    checklist: tuple[ChecklistItem, ...]
    statements: tuple[StatementDue, ...]

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "crisis_type": self.crisis_type,
            "level": self.level,
            "start": self.start.isoformat(),
            "assignments": [
                {
                    "role": a.role,
                    "title": a.title.get(lang),
                    "person": a.person.name,
                    "person_title": a.person.title,
                    "phone": a.person.phone,
                    "email": a.person.email,
                    "channel": a.channel,
                    "deadline": a.deadline.isoformat(),
                    "task": a.task.get(lang) if a.task else None,
                }
                for a in self.assignments
            ],
            "actions": [
                {
                    "action": item.action,
                    "text": item.text.get(lang),
                    "owner": item.owner,
                    "person": item.person.name,
                    "deadline": item.deadline.isoformat(),
                }
                for item in self.checklist
            ],
            "statements": [
                {
                    "kind": s.kind,
                    "title": s.title.get(lang),
                    "deadline": s.deadline.isoformat() if s.deadline else None,
                }
                for s in self.statements
            ],
        }


def plan(
    guideline: Guideline,
    crisis: CrisisType,
    level: str,
    answers: Mapping[str, Answer],
    unit: UnitProfile,
    start: datetime,
) -> Plan:
    """Everything due at `level`. A role the unit's roster does not name is a problem, not a blank."""
    zone = clock.resolve_zone(unit.unit.timezone)
    start = clock.localize(start, zone)
    delays, items = _due(guideline, crisis, level, answers)
    needed = list(delays) + [action.owner for action, _ in items if action.owner not in delays]
    missing = [role_id for role_id in dict.fromkeys(needed) if role_id not in unit.roster]
    if missing:
        raise PasopatiError([problem("P403", name=role_id) for role_id in missing])

    role_rank = {role.id: index for index, role in enumerate(guideline.roles)}
    assignments = sorted(
        (
            Assignment(
                role=role_id,
                title=guideline.role(role_id).title,
                person=unit.roster[role_id],
                channels=tuple(guideline.role(role_id).channels),
                delay=delay,
                deadline=start + delay,
                task=task,
            )
            for role_id, (delay, task) in delays.items()
        ),
        key=lambda a: (a.delay, role_rank[a.role]),
    )
    checklist = sorted(
        (
            ChecklistItem(action.id, action.text, action.owner, unit.roster[action.owner], due, start + due)
            for action, due in items
        ),
        key=lambda item: item.delay,
    )
    statements = []
    for use in crisis.statements:
        if level in use.levels:
            delay = use.due.get(level)
            statements.append(
                StatementDue(
                    use.kind,
                    guideline.statement_kind(use.kind).title,
                    delay,
                    start + delay if delay is not None else None,
                )
            )
    return Plan(crisis.id, level, start, tuple(assignments), tuple(checklist), tuple(statements))


def roles_due(guideline: Guideline, crisis: CrisisType, level: str, answers: Mapping[str, Answer]) -> set[str]:
    """The roles a plan at `level` tells or gives an action to (what a unit's roster must name)."""
    delays, items = _due(guideline, crisis, level, answers)
    return set(delays) | {action.owner for action, _ in items}


def _due(
    guideline: Guideline, crisis: CrisisType, level: str, answers: Mapping[str, Answer]
) -> tuple[dict[str, tuple[timedelta, Text | None]], list[tuple[Action, timedelta]]]:
    """Who is told how soon after the start (with the type's task), and the actions due, at `level`."""
    order = [lv.id for lv in guideline.levels]
    rank = order.index(level)

    def reached(min_level: str | None) -> bool:
        return min_level is None or order.index(min_level) <= rank

    delays: dict[str, tuple[timedelta, Text | None]] = {}
    for role in guideline.roles:
        if role.scope == "core" and level in role.notify:
            delays[role.id] = (role.notify[level], None)
    for activation in crisis.roles:
        if not (reached(activation.min_level) and applies(activation.when, answers)):
            continue
        role = guideline.role(activation.role)
        delay = activation.deadline if activation.deadline is not None else role.notify.get(level)
        if delay is None:
            continue  # checks.py refuses such a playbook; nothing to schedule
        earlier = delays.get(role.id)
        if earlier is None or delay < earlier[0]:
            delays[role.id] = (delay, activation.task or (earlier[1] if earlier else None))
    items = [
        (action, action.due) for action in crisis.actions if reached(action.min_level) and applies(action.when, answers)
    ]
    return delays, items


def plan_over_levels(
    guideline: Guideline,
    crisis: CrisisType,
    periods: Sequence[tuple[str, datetime]],
    answers: Mapping[str, Answer],
    unit: UnitProfile,
    start: datetime,
) -> Plan:
    """Everything due for an incident that has been at each of `periods` (level, moment it was entered).

    Each level sets a deadline for an item counting from the moment that level was entered; the item's
    deadline is the earliest of them. So a notice made in time under an earlier level stays in time after
    a raise, a raise never makes an item overdue at the instant it is made, and an item that exists only
    from a higher level counts from when that level was entered. The plan's level is the last period's,
    its start is `start`, and every delay is counted from `start`. With one period (level, start) this is
    `plan(level, start)`.
    """
    if not periods:
        raise ValueError("an incident plan needs at least one level")
    zone = clock.resolve_zone(unit.unit.timezone)
    start = clock.localize(start, zone)
    plans = [plan(guideline, crisis, level, answers, unit, since) for level, since in periods]

    assignments: dict[str, Assignment] = {}
    for each in plans:
        for item in each.assignments:
            earlier = assignments.get(item.role)
            if earlier is None or item.deadline < earlier.deadline:
                task = item.task or (earlier.task if earlier else None)
                assignments[item.role] = replace(item, delay=item.deadline - start, task=task)
            elif earlier.task is None and item.task is not None:
                assignments[item.role] = replace(earlier, task=item.task)
    checklist: dict[str, ChecklistItem] = {}
    for each in plans:
        for action in each.checklist:
            if action.action not in checklist or action.deadline < checklist[action.action].deadline:
                checklist[action.action] = replace(action, delay=action.deadline - start)
    statements: dict[str, StatementDue] = {}
    for each in plans:
        for due in each.statements:
            known = statements.get(due.kind)
            if known is None or (
                due.deadline is not None and (known.deadline is None or due.deadline < known.deadline)
            ):
                delay = due.deadline - start if due.deadline is not None else None
                statements[due.kind] = replace(due, delay=delay)

    role_rank = {role.id: index for index, role in enumerate(guideline.roles)}
    action_rank = {action.id: index for index, action in enumerate(crisis.actions)}
    kind_rank = {use.kind: index for index, use in reversed(list(enumerate(crisis.statements)))}
    return Plan(
        crisis.id,
        periods[-1][0],
        start,
        tuple(sorted(assignments.values(), key=lambda a: (a.delay, role_rank[a.role]))),
        tuple(sorted(checklist.values(), key=lambda c: (c.delay, action_rank[c.action]))),
        tuple(sorted(statements.values(), key=lambda s: kind_rank[s.kind])),
    )


def next_due_lines(plan: Plan, lang: Lang, limit: int = 3, now: datetime | None = None) -> list[str]:
    """The earliest deadlines, as sentences with clock times; one already past `now` says by how much."""
    entries: list[tuple[datetime, str]] = [
        (item.deadline, f"{item.title.get(lang)} ({item.person.name}, {channel_name(item.channel, lang)})")
        for item in plan.assignments
    ]
    entries += [(item.deadline, item.text.get(lang)) for item in plan.checklist]
    entries += [(due.deadline, due.title.get(lang)) for due in plan.statements if due.deadline is not None]
    entries.sort(key=lambda entry: entry[0])
    lines = []
    for moment, who in entries[:limit]:
        line = _due_line(who, clock.format_clock(moment, plan.start, lang), lang)
        if now is not None and now > moment:
            line += f" ({t('overdue', lang, delay=clock.format_span(now - moment, lang))})"
        lines.append(line)
    return lines


def _due_line(who: str, when: str, lang: Lang) -> str:
    who = who.rstrip(". ")
    return f"{who}: by {when}" if lang == "en" else f"{who}: paling lambat {when}"
