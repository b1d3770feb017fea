"""What is due and what may be released for an incident in the journal. Pure functions.

Input: the plan for the levels the incident has been at (`incident_plan`, through
assign.plan_over_levels) and its derived state (incident.py). Output: due items with deadlines and what
has been done, the steps still missing before a statement may be released (release rules and approval
from the guideline's disclosure section), and whether the level may be raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pasopati_cli.assign import Plan, plan_over_levels
from pasopati_cli.events import Event
from pasopati_cli.incident import IncidentState, Statement, level_periods
from pasopati_cli.model import CrisisType, Guideline, ReleaseRequirement, UnitProfile
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem
from pasopati_cli.triage import prune


@dataclass(frozen=True)
class DueItem:
    what: str  # notify, action or statement
    key: str  # role id, action id or statement kind
    label_id: str
    label_en: str
    who: str
    deadline: datetime
    done_at: datetime | None
    drafted_at: datetime | None = None  # a statement drafted but not yet released
    promised_by: str | None = None  # the released statement that promised it (its next-update time)

    def label(self, lang: Lang) -> str:
        return self.label_en if lang == "en" else self.label_id

    def command(self) -> str:
        """What the officer types after `pasopati incident ID` to record it: "notify kalapas", "done hitung"."""
        verb = {"notify": "notify", "action": "done", "statement": "statement"}.get(self.what, self.what)
        return f"{verb} {self.key}"

    def overdue(self, now: datetime) -> bool:
        return self.done_at is None and now > self.deadline

    def late(self) -> bool:
        """Done, but after the deadline."""
        return self.done_at is not None and self.done_at > self.deadline

    def as_dict(self, now: datetime, lang: Lang) -> dict[str, Any]:
        return {
            "what": self.what,
            "key": self.key,
            "label": self.label(lang),
            "who": self.who,
            "deadline": self.deadline.isoformat(),
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "overdue": self.overdue(now),
            "late": self.late(),
            "drafted_at": self.drafted_at.isoformat() if self.drafted_at else None,
            "promised_by": self.promised_by,
        }


def incident_plan(guideline: Guideline, crisis: CrisisType, state: IncidentState, unit: UnitProfile) -> Plan:
    """What is due for the incident, by the deadline rule of `assign.plan_over_levels` over its level
    history (`incident.level_periods`), with the answers that still apply (an answer to a question that a
    changed answer made moot does not count). An incident never triaged is at the type's base level from
    its start; a level the guideline no longer knows is left out."""
    start = state.start or state.opened_at
    known = {level.id for level in guideline.levels}
    periods = [(level, since) for level, since in level_periods(state) if level in known]
    answers = prune(crisis, state.answers)
    return plan_over_levels(guideline, crisis, periods or [(crisis.base_level, start)], answers, unit, start)


def due_items(plan: Plan, state: IncidentState) -> list[DueItem]:
    """Every notification, action and statement with a deadline in `plan`, by deadline."""
    items = [
        DueItem(
            "notify",
            a.role,
            a.title.id,
            a.title.en,
            a.person.name,
            a.deadline,
            state.notified[a.role].at if a.role in state.notified else None,
        )
        for a in plan.assignments
    ]
    items += [
        DueItem(
            "action",
            c.action,
            c.text.id,
            c.text.en,
            c.person.name,
            c.deadline,
            state.actions[c.action].at if c.action in state.actions else None,
        )
        for c in plan.checklist
    ]
    released = _released_by_kind(state.statements.values())
    drafted = _drafted_by_kind(state.statements.values())
    items += [
        DueItem("statement", s.kind, s.title.id, s.title.en, "", s.deadline, released.get(s.kind), drafted.get(s.kind))
        for s in plan.statements
        if s.deadline is not None
    ]
    return sorted(items, key=lambda item: (item.deadline, item.what))


def incident_due(
    guideline: Guideline, crisis: CrisisType, events: Sequence[Event], state: IncidentState, unit: UnitProfile
) -> list[DueItem]:
    """Everything due for the incident: the plan over its level history, and every next update a released
    statement promised (kept when the promised kind was released by then, see promises.py)."""
    from pasopati_cli.promises import promises

    items = due_items(incident_plan(guideline, crisis, state, unit), state)
    declared = {promise.variable: promise.kind for promise in guideline.promises}
    kinds = {kind.id: kind.title for kind in guideline.statement_kinds}
    drafted = _drafted_by_kind(state.statements.values())
    for made in promises(events, declared):
        if made.replaced_by is not None:
            continue  # renewed in time by a later release: the newer promise stands for it
        title = kinds.get(made.kind)
        label_id = f"{title.id if title else made.kind} (dijanjikan dalam {made.statement})"
        label_en = f"{title.en if title else made.kind} (promised in {made.statement})"
        pending = drafted.get(made.kind) if made.kept_at is None else None
        items.append(
            DueItem(
                "statement", made.kind, label_id, label_en, "", made.deadline, made.kept_at, pending, made.statement
            )
        )
    return sorted(items, key=lambda item: (item.deadline, item.what))


def _drafted_by_kind(statements: Sequence[Statement] | Any) -> dict[str, datetime]:
    """The latest draft of each kind not released yet."""
    found: dict[str, datetime] = {}
    for statement in statements:
        if statement.released_at is None:
            found[statement.kind] = statement.drafted_at
    return found


def _released_by_kind(statements: Sequence[Statement] | Any) -> dict[str, datetime]:
    first: dict[str, datetime] = {}
    for statement in statements:
        if statement.released_at is not None and statement.kind not in first:
            first[statement.kind] = statement.released_at
    return first


# --- release --------------------------------------------------------------------------------------

_NEGATED = re.compile(r"\b(tidak ada|tanpa|no|not|none|nihil|belum ada)\b[^.;\n]{0,40}$", re.IGNORECASE)


def mentions(text: str, words: Sequence[str]) -> list[str]:
    """Words of `words` found in `text` on word boundaries, skipping ones just after a negation
    ("tidak ada korban meninggal" does not name a death)."""
    found = []
    for word in words:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            if not _NEGATED.search(text[max(0, match.start() - 50) : match.start()]):
                found.append(word)
                break
    return found


def _unmet(
    guideline: Guideline, crisis: CrisisType, state: IncidentState, statement: Statement
) -> list[tuple[ReleaseRequirement, list[str], list[str]]]:
    """The release requirements that apply to this statement and are not met yet, with the roles still to
    notify and the actions still to do."""
    level = state.level or crisis.base_level
    unmet = []
    for rule in guideline.disclosure.release_requires:
        if rule.levels and level not in rule.levels:
            continue
        if rule.mentions and not mentions(statement.text, rule.mentions):
            continue
        missing_roles = [r for r in rule.roles_notified if r not in state.notified]
        missing_actions = [a for a in rule.actions_done if a not in state.actions]
        if missing_roles or missing_actions:
            unmet.append((rule, missing_roles, missing_actions))
    return unmet


def _steps(
    guideline: Guideline, crisis: CrisisType, state: IncidentState, roles: list[str], actions_missing: list[str]
) -> tuple[list[str], list[str]]:
    """The steps still missing, in Indonesian and English, each with the command that records it."""
    actions = {action.id: action for action in crisis.actions}
    steps_id = [f"beri tahu {guideline.role(r).title.id} (pasopati incident notify {state.id} {r})" for r in roles]
    steps_en = [f"notify {guideline.role(r).title.en} (pasopati incident notify {state.id} {r})" for r in roles]
    for action_id in actions_missing:
        text = actions[action_id].text if action_id in actions else None
        steps_id.append(f"{text.id if text else action_id} (pasopati incident done {state.id} {action_id})")
        steps_en.append(f"{text.en if text else action_id} (pasopati incident done {state.id} {action_id})")
    return steps_id, steps_en


def release_blockers(
    guideline: Guideline, crisis: CrisisType, state: IncidentState, statement: Statement
) -> list[Problem]:
    """Steps the guideline requires in the journal before this statement may go out."""
    problems: list[Problem] = []
    for rule, missing_roles, missing_actions in _unmet(guideline, crisis, state, statement):
        steps_id, steps_en = _steps(guideline, crisis, state, missing_roles, missing_actions)
        problems.append(
            problem(
                "P503",
                detail=f"{rule.message.id} Belum: " + "; ".join(steps_id),
                detail_en=f"{rule.message.en} Missing: " + "; ".join(steps_en),
            )
        )
    return problems


def named_too_early(
    guideline: Guideline, crisis: CrisisType, state: IncidentState, statement: Statement
) -> list[Problem]:
    """What no override may release (P521): the name of a person marked for the incident, in a statement
    whose words set off a release requirement not met yet (in the default guideline: a death, before the
    family is recorded as told). Located at the first name, as the guard finds it."""
    from pasopati_cli.guard import code_of, find, quote
    from pasopati_cli.reading import Lines

    unmet = [found for found in _unmet(guideline, crisis, state, statement) if found[0].mentions]
    if not unmet or not state.people:
        return []
    named = [f for f in find(statement.text, guideline.disclosure, state.people) if code_of(f.rule) == "P602"]
    if not named:
        return []
    steps_id: list[str] = []
    steps_en: list[str] = []
    for rule, missing_roles, missing_actions in unmet:
        found_id, found_en = _steps(guideline, crisis, state, missing_roles, missing_actions)
        steps_id += [f"{rule.message.id} Belum: " + "; ".join(found_id)]
        steps_en += [f"{rule.message.en} Missing: " + "; ".join(found_en)]
    names = ", ".join(dict.fromkeys(f"«{quote(finding.found)}»" for finding in named))
    line, column = Lines(statement.text).position(named[0].start)
    where, where_en = f"{statement.id}, baris {line} kolom {column}", f"{statement.id}, line {line} column {column}"
    found = problem("P521", line=line, column=column, names=names, where=where, where_en=where_en,
                    steps=" ".join(steps_id), steps_en=" ".join(steps_en))  # fmt: skip
    return [found]


# --- raising the level ----------------------------------------------------------------------------


def check_raise(guideline: Guideline, crisis: CrisisType, state: IncidentState, level: str) -> None:
    """Refuse a raise to `level` that is not a level of the guideline (P201, listing them) or not above
    the incident's current level (P409): the level only goes up, as `triage.decide` refuses a manual
    lowering. Whether the incident is closed is the journal's check (P503)."""
    order = [known.id for known in guideline.levels]
    if level not in order:
        hint = f" ({', '.join(order)})"
        raise PasopatiError([problem("P201", what="tingkat", what_en="level", name=level, hint=hint)])
    current = state.level or crisis.base_level
    if current not in order or order.index(level) > order.index(current):
        return
    higher = order[order.index(current) + 1 :]
    if level == current:
        hint_id = f"; pilih tingkat yang lebih tinggi ({', '.join(higher)})" if higher else ", tingkat tertinggi"
        hint_en = f"; choose a higher level ({', '.join(higher)})" if higher else ", the highest level"
    else:
        wanted = guideline.level(level).title
        hint_id = f"; menurunkan ke {wanted.id} tidak diperbolehkan"
        hint_en = f"; lowering it to {wanted.en} is not allowed"
    title = guideline.level(current).title
    raise PasopatiError(
        [problem("P409", id=state.id, current=title.id, current_en=title.en, hint=hint_id, hint_en=hint_en)]
    )


def approver_role(guideline: Guideline, level: str) -> str | None:
    return guideline.disclosure.approvers.get(level)


def approver_named(guideline: Guideline, unit: UnitProfile, level: str) -> tuple[str, str]:
    """Who approves at `level`, in Indonesian and English: the role's title with the roster's name."""
    role_id = approver_role(guideline, level)
    if role_id is None:
        return "pejabat yang berwenang", "the official in charge"
    holder = unit.roster.get(role_id)
    title = guideline.role(role_id).title
    if holder is None:
        return title.id, title.en
    return f"{title.id} ({holder.name})", f"{title.en} ({holder.name})"


def resolve_approver(
    guideline: Guideline, unit: UnitProfile, level: str, given: str
) -> tuple[str | None, list[Problem]]:
    """(approver's name, problems). `given` is a name or a role id; it must hold the required role."""
    role_id = approver_role(guideline, level)
    if role_id is None:
        return given, []
    holder = unit.roster.get(role_id)
    if given == role_id and holder is not None:
        return holder.name, []
    if holder is not None and _same_name(given, holder.name):
        return holder.name, []
    who_id, who_en = approver_named(guideline, unit, level)
    level_title = guideline.level(level).title
    return None, [
        problem(
            "P503",
            detail=f"pada tingkat {level_title.id} pernyataan harus disetujui oleh {who_id}, bukan '{given}'",
            detail_en=f"at level {level_title.en} a statement must be approved by {who_en}, not '{given}'",
        )
    ]


def _same_name(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.lower().replace(",", " ").split())

    return norm(a) == norm(b) or norm(b).startswith(norm(a) + " ")
