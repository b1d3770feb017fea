"""The living incident's facts: record new values, show the sheet, correct when it started.

`incident fact ID NAME=VALUE...` records several facts as one event; `incident facts ID` shows the current
sheet with each fact's history; `incident start ID TIME --reason` corrects the moment the incident began,
from which every deadline counts. Every refusal is a located problem and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock as system_clock
from pasopati_cli.app.incident import Opened, append, happened, open_incident
from pasopati_cli.app.ports import Clock
from pasopati_cli.problems import Lang, PasopatiError, problem

if TYPE_CHECKING:
    from pasopati_cli.app.pin import IncidentGuideline
    from pasopati_cli.factsheet import FactSheet
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType


@dataclass
class FactsRecorded:
    incident_id: str
    values: dict[str, Any]
    derived: dict[str, str]
    at: datetime
    at_text: str  # the time as the officer's clock shows it
    level: str | None
    required_level: str  # what triage requires with the new facts
    required_title: str = ""  # its title in the reader's language ("Darurat", "Emergency")
    reasons: list[str] = field(default_factory=list)  # why, in the reader's language, when it rose
    open_counts: tuple[str, ...] = ()  # counts not known well enough to say whether the level must rise
    waiting: dict[str, list[str]] = field(default_factory=dict)  # a derived count not known yet: what it awaits

    @property
    def raise_proposed(self) -> bool:
        return self.level is not None and self.required_level != self.level


@dataclass
class FactsView:
    incident_id: str
    sheet: FactSheet
    labels: dict[str, str]
    derived: dict[str, str]
    start: datetime | None
    zone: Any = None  # the unit's time zone, for showing times

    def _local(self, moment: datetime) -> str:
        return (moment.astimezone(self.zone) if self.zone is not None else moment).isoformat()

    def as_dict(self) -> dict[str, Any]:
        """The --format json document: current values, derived tallies and each fact's history."""
        current = self.sheet.current()
        return {
            "incident": self.incident_id,
            "start": self._local(self.start) if self.start else None,
            "facts": {
                name: {
                    "value": current[name],
                    "label": self.labels.get(name),
                    "history": [
                        {
                            "value": version.value,
                            "at": self._local(version.at),
                            "recorded_at": self._local(version.recorded_at),
                            "by": version.by,
                            "source": version.source,
                        }
                        for version in versions
                    ],
                }
                for name, versions in self.sheet.history.items()
            },
            "derived": self.derived,
            "start_history": [
                {
                    "start": self._local(item.start),
                    "recorded_at": self._local(item.recorded_at),
                    "by": item.by,
                    "reason": item.reason,
                }
                for item in self.sheet.starts
            ],
        }


@dataclass
class StartCorrected:
    incident_id: str
    previous: datetime | None
    start: datetime

    def previous_text(self, lang: Lang) -> str:
        return system_clock.format_datetime(self.previous, lang) if self.previous else "-"

    def start_text(self, lang: Lang) -> str:
        return system_clock.format_datetime(self.start, lang)


def parse_assignments(assignments: Sequence[str]) -> dict[str, str]:
    """NAME=VALUE pairs, in order; a pair without '=' or a name given twice is a usage problem."""
    found: dict[str, str] = {}
    problems = []
    for pair in assignments:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(
                problem(
                    "P431",
                    name=pair,
                    detail="tulis NAMA=NILAI, mis. jumlah_kabur=52; nilai yang berisi spasi diberi tanda kutip: "
                    "jumlah_kabur='sedikitnya 49'",
                    detail_en="write NAME=VALUE, e.g. jumlah_kabur=52; quote a value with spaces: "
                    "jumlah_kabur='at least 49'",
                )
            )
        elif name in found:
            problems.append(
                problem(
                    "P431",
                    name=name,
                    detail="disebut dua kali dalam satu perintah",
                    detail_en="given twice in one command",
                )
            )
        else:
            found[name] = value.strip()
    if not found and not problems:
        problems.append(
            problem("P431", name="-", detail="tidak ada fakta yang diberikan", detail_en="no fact was given")
        )
    if problems:
        raise PasopatiError(problems)
    return found


def record_facts(
    *,
    journal: Journal,
    incident_id: str,
    assignments: Sequence[str],
    source: str | None,
    at: str | None,
    operator: str | None,
    guideline_root: IncidentGuideline,
    lang: Lang,
    clock: Clock = system_clock,
) -> FactsRecorded:
    """New values for the incident's facts, as one event; refused whole when any is wrong."""
    from pasopati_cli.events import FACT_RECORDED
    from pasopati_cli.factrules import catalogue, check_new_facts, required_level
    from pasopati_cli.factsheet import fact_sheet
    from pasopati_cli.triage import open_thresholds

    given = parse_assignments(assignments)
    opened = open_incident(journal, incident_id, guideline_root, operator)
    if opened.state.closed:
        raise journal.closed_error(incident_id)
    moment, when = happened(at, opened, clock)  # refuses a time before the start or still to come
    sheet = fact_sheet(opened.events)
    start = opened.state.start or opened.state.opened_at
    new = check_new_facts(
        crisis=opened.crisis,
        variables=catalogue(opened.guide, opened.crisis),
        current=sheet.current(),
        given=given,
        zone=opened.zone(),
        reference=start,
    )
    data: dict[str, Any] = {"facts": new.values}
    if source and source.strip():
        data["source"] = source.strip()
    if moment is not None:
        data["at"] = moment.isoformat()
    answers = dict(opened.state.answers)
    for question, answer in new.answers.items():
        data.setdefault("answers", {})[question] = answer
    append(journal, opened, operator, FACT_RECORDED, data)
    result = required_level(opened.guide.guideline, opened.crisis, answers, new.answers)
    order = [level.id for level in opened.guide.guideline.levels]
    current = opened.state.level
    rose = current is not None and order.index(result.required_level) > order.index(current)
    reasons = [
        decision.reason_en if lang == "en" else decision.reason_id
        for decision in result.decisions
        if rose and decision.level == result.required_level
    ]
    said_at = system_clock.format_clock(when, clock.now(opened.zone()), lang)
    required = result.required_level if rose or current is None else current
    return FactsRecorded(
        incident_id,
        new.values,
        new.derived,
        when,
        said_at,
        current,
        required,
        opened.guide.guideline.level(required).title.get(lang),
        reasons,
        open_thresholds(opened.crisis, {**answers, **new.answers}),
        _waiting(opened.crisis, {**sheet.current(), **new.values}, new.derived),
    )


def _waiting(crisis: CrisisType, values: Mapping[str, object], derived: Mapping[str, str]) -> dict[str, list[str]]:
    """For each derived count still unknown ("?"), the counts it is computed from that are not known yet."""
    from pasopati_cli.factrules import derivations
    from pasopati_cli.quantity import InvalidQuantity, parse

    def unknown(name: str) -> bool:
        try:
            return name not in values or parse(values[name]).kind == "unknown"
        except InvalidQuantity:
            return False

    return {rule.id: [name for name in rule.inputs() if unknown(name)] for rule in derivations(crisis)
            if derived.get(rule.id) == "?"}  # fmt: skip


def record_changed(*, journal: Journal, opened: Opened, operator: str | None, values: Mapping[str, object],
                   others: Mapping[str, object], lang: Lang) -> str | None:  # fmt: skip
    """Facts that triage derived, typed again at the walk's review (`walk.draft_statement`'s `on_change`):
    checked as `incident fact` checks them, against the sheet and the statement's other facts (the type;
    counts that cannot all be true, P433), and recorded as one `fact_recorded` event with the triage
    answers they change. Refused whole (PasopatiError), nothing recorded. Returns what to tell the officer
    when the level the facts now require is above the incident's (with the `incident raise` command)."""
    from pasopati_cli.events import FACT_RECORDED
    from pasopati_cli.factrules import catalogue, check_new_facts, plain, required_level
    from pasopati_cli.factsheet import fact_sheet
    from pasopati_cli.messages import t

    current = {**fact_sheet(opened.events).current(), **{k: plain(v) for k, v in others.items() if v is not None}}
    new = check_new_facts(
        crisis=opened.crisis,
        variables=catalogue(opened.guide, opened.crisis),
        current=current,
        given={name: plain(value) for name, value in values.items()},
        zone=opened.zone(),
        reference=opened.state.start or opened.state.opened_at,
    )
    data: dict[str, Any] = {"facts": new.values}
    if new.answers:
        data["answers"] = dict(new.answers)
    append(journal, opened, operator, FACT_RECORDED, data)
    guideline, level = opened.guide.guideline, opened.state.level
    result = required_level(guideline, opened.crisis, opened.state.answers, new.answers)
    order = [known.id for known in guideline.levels]
    if level not in order or order.index(result.required_level) <= order.index(level):
        return None
    reasons = [
        d.reason_en if lang == "en" else d.reason_id for d in result.decisions if d.level == result.required_level
    ]
    title = guideline.level(result.required_level).title.get(lang).upper()
    return t("facts_raise", lang, id=opened.state.id, level=title, level_id=result.required_level,
             reasons="; ".join(reasons))  # fmt: skip


def facts(*, journal: Journal, incident_id: str, guideline_root: IncidentGuideline, lang: Lang) -> FactsView:
    """The current sheet, each fact's history and the derived tallies."""
    from pasopati_cli.factrules import current_tallies
    from pasopati_cli.factsheet import fact_sheet

    opened = open_incident(journal, incident_id, guideline_root)
    sheet = fact_sheet(opened.events)
    labels = {item.id: item.label.get(lang) for item in opened.crisis.tallies}
    derived = {name: q.notation() for name, q in current_tallies(sheet.current(), opened.crisis).items()}
    return FactsView(incident_id, sheet, labels, derived, opened.state.start, opened.zone())


def correct_start(
    *,
    journal: Journal,
    incident_id: str,
    when: str,
    reason: str | None,
    operator: str | None,
    guideline_root: IncidentGuideline,
    clock: Clock = system_clock,
) -> StartCorrected:
    """The moment the incident began, corrected as an audited event: deadlines, status and report follow."""
    from pasopati_cli.events import START_CORRECTED
    from pasopati_cli.moments import FORMS, InvalidMoment, parse_moment

    if not reason or not reason.strip():
        raise PasopatiError([problem("P435")])
    opened = open_incident(journal, incident_id, guideline_root, operator)
    if opened.state.closed:
        raise journal.closed_error(incident_id)
    zone = opened.zone()
    now = clock.now(zone)
    try:
        start = parse_moment(when, now, zone).moment
    except InvalidMoment as exc:
        raise PasopatiError(
            [
                problem(
                    "P434",
                    detail=f"waktu mulai '{when}': {exc.reason_id} ({FORMS['id']})",
                    detail_en=f"start '{when}': {exc.reason_en} ({FORMS['en']})",
                )
            ]
        ) from None
    opened_at = system_clock.localize(opened.state.opened_at, zone)
    if start > opened_at + system_clock.SKEW:
        shown, shown_en = system_clock.format_datetime(opened_at), system_clock.format_datetime(opened_at, "en")
        raise PasopatiError(
            [
                problem(
                    "P434",
                    detail=f"waktu mulai tidak boleh setelah insiden dibuka ({shown})",
                    detail_en=f"the start cannot be after the incident was opened ({shown_en})",
                )
            ]
        )
    append(journal, opened, operator, START_CORRECTED, {"start": start.isoformat(), "reason": reason.strip()})
    return StartCorrected(incident_id, opened.state.start, start)
