"""The incident use cases over the journal: read it (list, show, status), record steps (log, notify,
done, raise, close) and check its hash chain. `incident open` and `resume` are app.response.respond."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock as system_clock
from pasopati_cli.app.ports import Clock, Prompter
from pasopati_cli.problems import Lang, PasopatiError, Problem, Severity, did_you_mean, problem

if TYPE_CHECKING:
    from pasopati_cli.app.pin import IncidentGuideline
    from pasopati_cli.events import Event
    from pasopati_cli.followup import DueItem
    from pasopati_cli.incident import IncidentState
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType, UnitProfile
    from pasopati_cli.pin import GuidelineRecord
    from pasopati_cli.response import Guide


@dataclass
class Opened:
    """An incident as the use cases need it: journal state, its playbook and its unit profile, and the
    guideline in use (None for a journal from before guidelines were recorded)."""

    state: IncidentState
    guide: Guide
    crisis: CrisisType
    unit: UnitProfile
    events: list[Event] = field(default_factory=list)
    guideline: GuidelineRecord | None = None

    def zone(self) -> tzinfo:
        return system_clock.resolve_zone(self.unit.unit.timezone)


def open_incident(
    journal: Journal, incident_id: str, guideline_root: IncidentGuideline, operator: str | None = None
) -> Opened:
    """The incident with the guideline it recorded (app.pin): another one, or its files changed since, only
    when accepted, and then recorded (`guideline_changed`, by `operator`) before anything else."""
    from pasopati_cli.app.pin import incident_guide
    from pasopati_cli.incident import derive_state

    events = journal.events(incident_id)
    unit = unit_from_journal(journal, incident_id)
    if unit is None:
        raise PasopatiError(
            [
                problem(
                    "P501",
                    detail=f"insiden {incident_id} tidak menyimpan profil satuan kerja",
                    detail_en=f"incident {incident_id} has no unit profile recorded",
                )
            ]
        )
    guide, in_use, change = incident_guide(journal, events, guideline_root, operator, unit)
    events += [change] if change is not None else []
    state = derive_state(events)
    return Opened(state, guide, guide.crisis(state.crisis_type), unit, events, in_use)


def unit_from_journal(journal: Journal, incident_id: str) -> UnitProfile | None:
    """The unit profile recorded when the incident was opened (so later commands need no --unit)."""
    from pasopati_cli.model import UnitProfile

    snapshot = journal.first_event(incident_id).data.get("unit_profile")
    if not isinstance(snapshot, dict):
        return None
    try:
        return UnitProfile.model_validate(snapshot)
    except ValueError:
        return None


def append(journal: Journal, opened: Opened, operator: str | None, kind: str, data: dict[str, Any]) -> Event:
    from pasopati_cli.recording import Recorder, operator_name

    recorder = Recorder(
        journal,
        opened.state.id,
        operator_name(operator, opened.unit),
        opened.guide.version,
        opened.guide.content_hash(),
    )
    return recorder.append(kind, data)


def happened(text: str | None, opened: Opened, clock: Clock = system_clock) -> tuple[datetime | None, datetime]:
    """(the `--at` to record, or None for now; the moment in the unit's clock, to say back). A step cannot
    have happened before the incident began."""
    from pasopati_cli.app.inputs import start_time

    zone = opened.zone()
    if not text:
        return None, clock.now(zone)
    moment = start_time(text, None, opened.unit, "--at", clock=clock)
    start = system_clock.localize(opened.state.start or opened.state.opened_at, zone)
    if moment < start - system_clock.SKEW:
        began, began_en = system_clock.format_datetime(start), system_clock.format_datetime(start, "en")
        read, read_en = system_clock.format_datetime(moment), system_clock.format_datetime(moment, "en")
        raise PasopatiError([problem(
            "P407",  # said as read: a bare time is its latest past occurrence, so "17.00" at 15.34 is yesterday's
            detail=f"--at: {text} dibaca {read}, sebelum insiden dimulai ({began}); jam tanpa tanggal "
                   "dibaca sebagai yang terakhir sudah lewat",
            detail_en=f"--at: {text} reads as {read_en}, before the incident began ({began_en}); a time without a "
                      "date is read as its latest past occurrence",
        )])  # fmt: skip
    return moment, moment


# --- reading ----------------------------------------------------------------------------------------


def incidents(*, journal: Journal, exercise: bool) -> tuple[list[IncidentState], list[Problem]]:
    """The readable incidents (drills or real ones), and a warning naming the damaged event of each
    incident left out: one damaged row hides its own incident, never the others."""
    from dataclasses import replace

    states, damaged = journal.incidents_and_damage(exercise=exercise)
    return states, [replace(found, severity=Severity.WARNING) for found in damaged]


def summary(state: IncidentState) -> dict[str, Any]:
    return {
        "id": state.id,
        "crisis_type": state.crisis_type,
        "exercise": state.exercise,
        "level": state.level,
        "start": state.start.isoformat() if state.start else None,
        "unit": state.unit,
        "closed": state.closed,
        "opened_by": state.opened_by,
        "events": state.last_seq,
    }


def details(state: IncidentState, events: Sequence[Event] = ()) -> dict[str, Any]:
    """One incident in full, as `incident show --format json` writes it; with its events, the guideline in
    force (app.pin: the one opened with, or the last change accepted; None for an older journal)."""
    from pasopati_cli.pin import recorded

    guideline = recorded(events)
    return {
        **summary(state),
        "levels": [
            {"level": c.level, "reasons": list(c.reasons), "at": c.at.isoformat(), "by": c.by} for c in state.levels
        ],
        "answers": dict(state.answers),
        "notified": {
            role: {"at": n.at.isoformat(), "by": n.by, "channel": n.channel} for role, n in state.notified.items()
        },
        "notified_off_roster": off_roster(state),
        "actions": {action: {"at": d.at.isoformat(), "by": d.by} for action, d in state.actions.items()},
        "notes": [{"text": n.text, "at": n.at.isoformat(), "by": n.by} for n in state.notes],
        "statements": [
            {"id": s.id, "kind": s.kind, "status": s.status, "approver": s.approver, "content_hash": s.content_hash}
            for s in state.statements.values()
        ],
        "guideline": guideline.as_data() if guideline is not None else None,
    }  # fmt: skip


def off_roster(state: IncidentState) -> list[dict[str, Any]]:
    """The people told who are not on the roster, as JSON: name, the role they hold, channel, when, by whom."""
    return [{"person": n.person, "title": n.title, "channel": n.channel or None, "at": n.at.isoformat(), "by": n.by}
            for n in state.others]  # fmt: skip


@dataclass
class Status:
    """What is due and overdue for an incident, as of `now`."""

    opened: Opened
    level: str
    items: list[DueItem]
    now: datetime

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        state = self.opened.state
        return {"id": state.id, "level": self.level, "now": self.now.isoformat(), "closed": state.closed,
                "items": [item.as_dict(self.now, lang) for item in self.items],
                "notified_off_roster": off_roster(state)}  # fmt: skip


def _status(opened: Opened, now: datetime) -> Status:
    from pasopati_cli.followup import incident_due

    state = opened.state
    items = incident_due(opened.guide.guideline, opened.crisis, opened.events, state, opened.unit)
    return Status(opened, state.level or opened.crisis.base_level, items, now)


def status(
    *,
    journal: Journal,
    incident_id: str,
    guideline_root: IncidentGuideline,
    at: str | None = None,
    clock: Clock = system_clock,
) -> Status:
    from pasopati_cli.app.inputs import start_time

    opened = open_incident(journal, incident_id, guideline_root)
    now = start_time(at, None, opened.unit, "--at", past=False, clock=clock) if at else clock.now(opened.zone())
    return _status(opened, now)


# --- recording steps --------------------------------------------------------------------------------


def log(*, journal: Journal, incident_id: str, text: str, people: list[str] | None, operator: str | None,
        guideline_root: IncidentGuideline) -> None:  # fmt: skip
    """A note in the activity log (ICS 214)."""
    from pasopati_cli.events import NOTE
    from pasopati_cli.naming import parse_marks, unknown_roles

    opened = open_incident(journal, incident_id, guideline_root, operator)
    data: dict[str, object] = {"text": text}
    marked = parse_marks(people or [])
    if problems := unknown_roles(opened.guide.guideline.disclosure.naming, marked):
        raise PasopatiError(problems)
    if marked:
        data["people"] = list(marked)
    if roles := {name: role for name, role in marked.items() if role is not None}:
        data["roles"] = roles
    append(journal, opened, operator, NOTE, data)


@dataclass
class Recorded:
    """A step recorded: what (in the officer's words), how, when in the unit's clock, and that time as the
    officer's clock shows it (with the date when it is not today)."""

    what: str
    how: str
    when: datetime
    at: str
    already: bool = False  # recorded before: said back, not recorded twice


def notify(
    *,
    journal: Journal,
    incident_id: str,
    role: str | None,
    channel: str | None,
    at: str | None,
    operator: str | None,
    guideline_root: IncidentGuideline,
    lang: Lang,
    clock: Clock = system_clock,
    person: str | None = None,
    title: str | None = None,
) -> Recorded:
    """A role told: when, by whom, through which channel (the role's first channel unless given). Someone
    not on the roster (a Bupati, a Kapolda, a family member) is told by name (`person`) and the role they
    hold (`title`) instead: recorded and listed as such, never counted for a role of the guideline."""
    from pasopati_cli.app.inputs import UsageError
    from pasopati_cli.events import ROLE_NOTIFIED
    from pasopati_cli.messages import channel as channel_name

    if person is not None or title is not None:
        if role is not None:
            raise UsageError("peran ATAU --name dengan --as / a roster role OR --name with --as", "--as")
        return _notify_off_roster(journal=journal, incident_id=incident_id, person=person, title=title,
                                  channel=channel, at=at, operator=operator, guideline_root=guideline_root,
                                  lang=lang, clock=clock)  # fmt: skip
    if role is None:
        raise UsageError("sebutkan peran, atau --name dan --as / name a role, or --name with --as", "ROLE")
    opened = open_incident(journal, incident_id, guideline_root, operator)
    known = {r.id: r for r in opened.guide.guideline.roles}
    role = _known_id(role, known, "peran", "role", _OFF_ROSTER_HINT)
    used = _channel(channel) if channel else known[role].channels[0]
    earlier = opened.state.notified.get(role)
    if earlier is not None:
        when = system_clock.localize(earlier.at, opened.zone())
        return Recorded(known[role].title.get(lang), channel_name(earlier.channel, lang), when,
                        _said_at(when, lang, clock), already=True)  # fmt: skip
    moment, when = happened(at, opened, clock)
    data: dict[str, Any] = {"role": role, "channel": used}
    if moment is not None:
        data["at"] = moment.isoformat()
    append(journal, opened, operator, ROLE_NOTIFIED, data)
    return Recorded(known[role].title.get(lang), channel_name(used, lang), when, _said_at(when, lang, clock))


_OFF_ROSTER_HINT = (
    "; orang di luar daftar peran: --name NAMA --as JABATAN",
    "; someone not on the roster: --name NAME --as ROLE",
)


def _channel(typed: str) -> str:
    """A channel's id from what the officer typed ("WA", "telpon", "phone"); any real channel, not only a
    role's usual ones (P201 listing them)."""
    from typing import get_args

    from pasopati_cli.messages import channel_id
    from pasopati_cli.model import Channel

    used = channel_id(typed) or typed
    if used not in get_args(Channel):
        hint = f" ({', '.join(get_args(Channel))})"
        raise PasopatiError([problem("P201", what="saluran", what_en="channel", name=used, hint=hint)])
    return used


def _notify_off_roster(*, journal: Journal, incident_id: str, person: str | None, title: str | None,
                       channel: str | None, at: str | None, operator: str | None,
                       guideline_root: IncidentGuideline, lang: Lang, clock: Clock) -> Recorded:  # fmt: skip
    """Someone not on the roster told, by name and role; the same person in the same role told before is
    said back, not recorded twice."""
    from pasopati_cli.app.inputs import UsageError
    from pasopati_cli.events import ROLE_NOTIFIED
    from pasopati_cli.messages import channel as channel_name
    from pasopati_cli.messages import t

    name, held = " ".join((person or "").split()), " ".join((title or "").split())
    if not name or not held:
        flag = "--name" if not name else "--as"
        raise UsageError("--name NAMA dan --as JABATAN berdua / --name NAME and --as ROLE together", flag)
    opened = open_incident(journal, incident_id, guideline_root, operator)
    used = _channel(channel) if channel else ""
    what = f"{name}, {held} ({t('off_roster', lang)})"
    for earlier in opened.state.others:
        if (earlier.person.casefold(), earlier.title.casefold()) == (name.casefold(), held.casefold()):
            when = system_clock.localize(earlier.at, opened.zone())
            how = channel_name(earlier.channel, lang) if earlier.channel else "-"
            said = f"{earlier.person}, {earlier.title} ({t('off_roster', lang)})"  # as recorded
            return Recorded(said, how, when, _said_at(when, lang, clock), already=True)
    moment, when = happened(at, opened, clock)
    data: dict[str, Any] = {"person": name, "title": held}
    if used:
        data["channel"] = used
    if moment is not None:
        data["at"] = moment.isoformat()
    append(journal, opened, operator, ROLE_NOTIFIED, data)
    return Recorded(what, channel_name(used, lang) if used else "-", when, _said_at(when, lang, clock))


def done(*, journal: Journal, incident_id: str, action: str, at: str | None, operator: str | None,
         guideline_root: IncidentGuideline, lang: Lang, clock: Clock = system_clock) -> Recorded:  # fmt: skip
    """An action of the checklist done."""
    from pasopati_cli.events import ACTION_DONE

    opened = open_incident(journal, incident_id, guideline_root, operator)
    known = {a.id: a for a in opened.crisis.actions}
    action = _known_id(action, known, "tindakan", "action")
    earlier = opened.state.actions.get(action)
    if earlier is not None:
        when = system_clock.localize(earlier.at, opened.zone())
        return Recorded(known[action].text.get(lang), "", when, _said_at(when, lang, clock), already=True)
    moment, when = happened(at, opened, clock)
    data: dict[str, Any] = {"action": action}
    if moment is not None:
        data["at"] = moment.isoformat()
    append(journal, opened, operator, ACTION_DONE, data)
    return Recorded(known[action].text.get(lang), "", when, _said_at(when, lang, clock))


def _known_id(
    typed: str, known: Mapping[str, object], what: str, what_en: str, more: tuple[str, str] = ("", "")
) -> str:
    """The id an officer meant: as typed, or in another case ("Kakanwil"); else P201 with the nearest one,
    or with the known ids and `more`, what else the officer may do."""
    if typed in known:
        return typed
    folded = {key.lower(): key for key in known}
    if typed.strip().lower() in folded:
        return folded[typed.strip().lower()]
    near_id, near_en = did_you_mean(typed, known)
    listed = f" ({', '.join(known)})" if len(known) <= 15 else ""
    hint, hint_en = (near_id, near_en) if near_id else (listed + more[0], listed + more[1])
    raise PasopatiError([problem("P201", what=what, what_en=what_en, name=typed, hint=hint, hint_en=hint_en)])


def _said_at(moment: datetime, lang: Lang, clock: Clock) -> str:
    return system_clock.format_clock(moment, clock.now(moment.tzinfo or system_clock.resolve_zone("WIB")), lang)


@dataclass
class Raised:
    status: Status
    old: str
    new: str
    reason: str
    by: str

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        at = self.status.now.isoformat()
        raised = {"from": self.old, "to": self.new, "reason": self.reason, "by": self.by, "at": at}
        return {**self.status.as_dict(lang), "exercise": self.status.opened.state.exercise, "raised": raised}


def raise_level(*, journal: Journal, prompter: Prompter, incident_id: str, level: str, reason: str | None,
                operator: str | None, guideline_root: IncidentGuideline) -> Raised:  # fmt: skip
    """An open incident's level raised, with the reason (asked when not given); never lowered."""
    from pasopati_cli.events import LEVEL_RAISED
    from pasopati_cli.followup import check_raise

    opened = open_incident(journal, incident_id, guideline_root, operator)
    if opened.state.closed:
        raise journal.closed_error(incident_id)
    level = opened.guide.guideline.find_level(level) or level  # "Darurat" or "emergency" as well as the id
    check_raise(opened.guide.guideline, opened.crisis, opened.state, level)
    why = (reason or "").strip() or prompter.reason()  # asked only for a raise that may happen
    with journal.transaction():  # another terminal may have raised it meanwhile: check again, then write
        before = journal.state(incident_id)
        check_raise(opened.guide.guideline, opened.crisis, before, level)
        event = append(journal, opened, operator, LEVEL_RAISED, {"level": level, "reason": why})
    raised = Opened(journal.state(incident_id), opened.guide, opened.crisis, opened.unit)
    now = system_clock.localize(event.at, opened.zone())
    result = _status(raised, now)
    result.level = level
    return Raised(result, before.level or opened.crisis.base_level, level, why, event.operator)


@dataclass
class Closed:
    outstanding: list[str]  # the commands of the steps never recorded as done
    event: Event  # the closing event: its hash is the incident's verification code


def close(*, journal: Journal, incident_id: str, operator: str | None, guideline_root: IncidentGuideline,
          prompter: Prompter | None = None, confirmed: bool = False) -> Closed:  # fmt: skip
    """Close the incident; the steps still outstanding (notices, actions, statements that were due or
    promised and never released) are recorded and returned, with the closing event. Closing cannot be
    undone, so with steps outstanding it needs `confirmed` (--yes) or the officer's yes when asked; else
    P410, nothing recorded."""
    from pasopati_cli.events import CLOSED
    from pasopati_cli.followup import incident_due

    opened = open_incident(journal, incident_id, guideline_root, operator)
    items = incident_due(opened.guide.guideline, opened.crisis, opened.events, opened.state, opened.unit)
    outstanding = list(dict.fromkeys(item.command() for item in items if item.done_at is None))
    # Closing with gaps is allowed (a partner not needed after all), knowingly; the record says so.
    if outstanding and not confirmed:
        from pasopati_cli.app.prompter import RefusingPrompter

        confirmed = (prompter or RefusingPrompter()).close_anyway(outstanding)
    if outstanding and not confirmed:
        raise PasopatiError([problem("P410", id=incident_id, count=len(outstanding), items=", ".join(outstanding))])
    event = append(journal, opened, operator, CLOSED, {"outstanding": outstanding} if outstanding else {})
    return Closed(outstanding, event)


@dataclass
class Verified:
    head_seq: int | None  # the event whose hash is the verification code given, when one was given
    events: int  # the events of the incident (0 when every incident was checked)


def verify(*, journal: Journal, incident_id: str | None, head: str | None = None) -> Verified:
    """The hash chain of one incident (or all); a break is a located problem. `head`, a verification code
    from a report or a release, must be the hash of an event on the incident's intact chain (P509)."""
    from pasopati_cli.app.inputs import UsageError

    if head is not None and incident_id is None:
        raise UsageError("--head perlu id insiden / --head needs an incident id", "--head")
    problems = journal.verify(incident_id, head=head)  # an unknown id is a problem, not a clean chain
    if problems:
        raise PasopatiError(problems)
    if incident_id is None:
        return Verified(None, 0)
    events = journal.events(incident_id)
    code = (head or "").strip().lower()
    return Verified(next((e.seq for e in events if head is not None and e.hash == code), None), len(events))
