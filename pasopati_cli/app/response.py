"""The response use cases: list the types, triage, assign, write a statement, and the guided response
(`respond`, `incident open`, `incident resume`) recorded in the journal step by step."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock as system_clock
from pasopati_cli.app.inputs import Inputs, check_roles, check_type, start_time, unit_profile
from pasopati_cli.app.pin import given_root
from pasopati_cli.app.ports import Clock, Interrupted, Prompter
from pasopati_cli.app.walk import (
    Draft,
    decide_level,
    disclosure_problems,
    draft_statement,
    keep_interrupted,
    may_replace,
    save_answers,
    unique_path,
)
from pasopati_cli.files import write_file
from pasopati_cli.problems import Lang, PasopatiError, Problem, problem

if TYPE_CHECKING:
    from pasopati_cli.app.pin import IncidentGuideline
    from pasopati_cli.assign import Plan
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType, Guideline, UnitProfile
    from pasopati_cli.recording import Recorder
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import TriageResult


@dataclass
class Types:
    guideline: Guideline
    version: str
    types: list[CrisisType]  # crisis types first, then the others; by id

    def as_dict(self, lang: Lang) -> list[dict[str, Any]]:
        return [
            {"id": c.id, "title": c.title.get(lang), "summary": c.summary.get(lang), "phase": c.phase,
             "base_level": c.base_level}
            for c in self.types
        ]  # fmt: skip


def list_types(*, guideline_root: Path) -> Types:
    from pasopati_cli.response import load_guide

    guide = load_guide(guideline_root)
    types = sorted(guide.types.values(), key=lambda c: (c.phase != "crisis", c.id))
    return Types(guide.guideline, guide.version, types)


@dataclass
class Triaged:
    guideline: Guideline
    crisis: CrisisType
    result: TriageResult

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return self.result.as_dict(self.guideline, lang)


def triage(
    *,
    guideline_root: Path,
    crisis_type: str,
    inputs: Inputs,
    prompter: Prompter,
    save: Path | None,
    force: bool = False,
) -> Triaged:
    """The level from the answers given and asked; Ctrl-C keeps the answers in an answers file. An existing
    `save` is replaced with `force` or when the prompter's person agrees, asked before the questions."""
    from pasopati_cli.response import load_guide

    guide = load_guide(guideline_root, crisis_type)
    crisis = guide.crisis(crisis_type)
    check_type(inputs, crisis_type)
    operator = inputs.layer("answers").settings.get("operator")
    force = may_replace(save, force, prompter)
    try:
        result = decide_level(guide=guide, crisis=crisis, inputs=inputs, prompter=prompter, confirm=True)
    except KeyboardInterrupt:
        raise keep_interrupted(crisis, answers_so_far(crisis, inputs), {}, save, None, operator) from None
    if save is not None:
        save_answers(save, crisis, result.answers, {}, result, inputs.setting("start"), operator, force=force)
    return Triaged(guide.guideline, crisis, result)


def answers_so_far(crisis: CrisisType, inputs: Inputs) -> dict[str, Any]:
    from pasopati_cli.triage import answers_from_values, prune

    return prune(crisis, answers_from_values(crisis, dict(inputs.answers), None))


def _level_result(
    guide: Guide, crisis: CrisisType, level: str | None, inputs: Inputs, prompter: Prompter
) -> TriageResult:
    """--level alone is the level (checked); with answers, it raises what they decide, asked as needed."""
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.triage import decide

    if level is not None and not inputs.answers:
        return decide(guide.guideline, crisis, {}, ManualRaise(level=level, reason="--level"))
    if level is not None:
        inputs.layer("flags").settings["raise_to"] = (level, "--level")
    return decide_level(guide=guide, crisis=crisis, inputs=inputs, prompter=prompter, confirm=False)


def assign(
    *,
    guideline_root: Path,
    crisis_type: str,
    level: str | None,
    unit: Path | None,
    start: str | None,
    inputs: Inputs,
    prompter: Prompter,
    clock: Clock = system_clock,
) -> Plan:
    """Who must be told, by which channel, by when: the plan of the level given or decided."""
    from pasopati_cli.assign import plan
    from pasopati_cli.response import load_guide

    guide = load_guide(guideline_root, crisis_type)
    crisis = guide.crisis(crisis_type)
    profile = unit_profile(unit, guide)
    check_type(inputs, crisis_type)
    if level is not None and not inputs.answers:  # the level as given, any known one (a lower one too)
        if level not in [known.id for known in guide.guideline.levels]:
            _level_result(guide, crisis, level, inputs, prompter)  # raises the located problem
        chosen, answers = level, {}
    else:
        try:
            result = _level_result(guide, crisis, level, inputs, prompter)
        except KeyboardInterrupt:
            operator = inputs.layer("answers").settings.get("operator")
            raise keep_interrupted(crisis, answers_so_far(crisis, inputs), {}, None, None, operator) from None
        chosen, answers = result.level, dict(result.answers)
    moment = start_time(start, inputs.setting("start"), profile, clock=clock)
    return plan(guide.guideline, crisis, chosen, answers, profile, moment)


@dataclass
class Stated:
    text: str  # Markdown
    document: str  # in the format asked for
    output: Path | None
    findings: list[Problem]
    length_note: str | None = None  # WhatsApp text: its length against each platform the kind is posted on


def statement(
    *,
    guideline_root: Path,
    crisis_type: str,
    kind: str,
    level: str | None,
    unit: Path | None,
    start: str | None,
    inputs: Inputs,
    prompter: Prompter,
    lang: Lang,
    output: Path | None,
    document_format: str,
    force: bool = False,
    clock: Clock = system_clock,
) -> Stated:
    """A statement from its template (written to `output` when given), and what the guard finds in it.
    An existing `output` is replaced with `force` or when the prompter's person agrees, asked first."""
    from pasopati_cli.render import to_format
    from pasopati_cli.response import load_guide

    guide = load_guide(guideline_root, crisis_type)
    crisis = guide.crisis(crisis_type)
    check_roles(inputs, guide.guideline.disclosure.naming)
    profile = unit_profile(unit, guide)
    check_type(inputs, crisis_type)
    force = may_replace(output, force, prompter)
    try:
        result = _level_result(guide, crisis, level, inputs, prompter)
        moment = start_time(start, inputs.setting("start"), profile, clock=clock)
        draft = draft_statement(guide=guide, crisis=crisis, kind=kind, result=result, unit=profile, start=moment,
                                inputs=inputs, prompter=prompter, lang=lang, review=False)  # fmt: skip
    except KeyboardInterrupt:
        raise Interrupted() from None
    document = to_format(draft.text, document_format, draft.title, lang)
    if output is not None:
        write_file(output, document, force=force)
    findings = disclosure_problems(guide, draft.text, inputs.people, str(output) if output else f"<{kind}>",
                                   roles=inputs.roles, crisis=crisis, facts=draft.facts)  # fmt: skip
    note = None
    if document_format == "whatsapp":
        from pasopati_cli.style import platform_limits
        from pasopati_cli.whatsapp import length_note

        note = length_note(document, platform_limits(guide.guideline.style, kind, lang), lang)
    return Stated(draft.text, document, output, findings, note)


# --- the guided response --------------------------------------------------------------------------


@dataclass
class Responded:
    """A response recorded in the journal: the level, the plan, the first statement drafted."""

    incident_id: str
    exercise: bool
    guideline: Guideline
    crisis: CrisisType
    result: TriageResult
    plan: Plan
    start: datetime
    statement_id: str
    kind: str
    target: Path
    lang: Lang
    document_format: str
    due: list[str]
    findings: list[Problem]

    def as_dict(self) -> dict[str, Any]:
        from pasopati_cli.report import problem_dicts

        lang = self.lang
        plan = self.plan.as_dict(lang)
        return {
            "id": self.incident_id,
            "exercise": self.exercise,
            **self.result.as_dict(self.guideline, lang),
            "start": self.start.isoformat(),
            "timezone": system_clock.zone_label(self.start),
            **{k: v for k, v in plan.items() if k in ("assignments", "actions", "statements")},
            "statement": {
                "id": self.statement_id,
                "kind": self.kind,
                "file": str(self.target),
                "lang": lang,
                "format": self.document_format,
            },
            "next_due": self.due,
            "disclosure": problem_dicts(self.findings, lang),
        }


def respond(
    *,
    journal: Journal,
    prompter: Prompter,
    guideline_root: IncidentGuideline,
    inputs: Inputs,
    lang: Lang,
    crisis_type: str | None = None,
    unit: Path | None = None,
    start: str | None = None,
    output: Path | None = None,
    kind: str | None = None,
    document_format: str = "markdown",
    save: Path | None = None,
    force: bool = False,
    operator: str | None = None,
    exercise: bool = False,
    resume: str | None = None,
    clock: Clock = system_clock,
) -> Responded:
    """Triage, the plan, the first statement reviewed and written; every confirmed step in the journal.

    `resume` takes up an incident whose walk was interrupted: its answers and start are the journal's,
    answers given now change them. Ctrl-C raises Interrupted once what was confirmed is kept. An existing
    `save` file is replaced with `force` or when the prompter's person agrees, asked before the incident opens."""
    from pasopati_cli.assign import next_due_lines
    from pasopati_cli.recording import operator_name
    from pasopati_cli.render import SUFFIXES, to_format
    from pasopati_cli.response import guess_types, load_guide

    file_operator = inputs.layer("answers").settings.get("operator")
    given_operator = operator or file_operator
    if exercise:
        inputs.layer("flags").settings["exercise"] = True
    start_given = inputs.setting("start")
    guide = None
    if resume is not None:
        resumed = journal.state(resume)
        if resumed.statements and not inputs.answers:  # ended, and nothing new to triage
            raise PasopatiError([_complete(resumed.id, ", ".join(resumed.statements))])
        check_type(inputs, resumed.crisis_type)
        inputs.from_journal(resumed.answers, {}, crisis_type=resumed.crisis_type, exercise=resumed.exercise)
        inputs.mark({name: resumed.roles.get(name) for name in resumed.people})  # what the guard keeps out
        start_given = resumed.start or start_given  # the start stays the journal's
        from pasopati_cli.app.incident import unit_from_journal
        from pasopati_cli.app.pin import incident_guide

        events = journal.events(resume)
        guide = incident_guide(journal, events, guideline_root, given_operator, unit_from_journal(journal, resume))[0]
    chosen_type = crisis_type or inputs.setting("crisis_type")
    guide = guide or load_guide(given_root(guideline_root), chosen_type)
    if chosen_type is None:
        try:
            chosen_type = prompter.choose_type(guide.types, guess_types)
        except KeyboardInterrupt:
            raise Interrupted() from None
    crisis = guide.crisis(chosen_type)
    check_type(inputs, chosen_type)
    check_roles(inputs, guide.guideline.disclosure.naming)  # before anything is asked
    profile = None
    if resume is not None and unit is None:
        from pasopati_cli.app.incident import unit_from_journal

        profile = unit_from_journal(journal, resume)
    profile = profile or unit_profile(unit, guide)
    asked = None
    if start is None and start_given is None and resume is None:
        zone = system_clock.resolve_zone(profile.unit.timezone)
        asked = prompter.start(zone, clock.now(zone))  # before triage: deadlines count from it
    if resume is None and not inputs.people:
        # once, recorded with the incident: the guard keeps the names out, and initials where the role says
        inputs.mark(prompter.people(guide.guideline.disclosure.naming))
    moment = asked or start_time(start, start_given, profile, clock=clock)
    who = operator_name(given_operator, profile)
    force = may_replace(save, force, prompter)
    # Without a person answering, every step is given at once: one durable write for them all, from the
    # opening to the statement drafted, instead of one per answer (each step is its own write when the
    # officer confirms it at a prompt). What came before an error is kept either way.
    together = nullcontext() if prompter.pauses else journal.group()
    with together:
        recorder = _recorder(journal, resume, guide, crisis, profile, moment, who, inputs)
        # The command that continues must carry on as this one: same language, same output folder.
        flags = (" --lang en" if lang == "en" else "") + (f" --output {output}" if output else "")
        try:
            result, plan, statement_kind, draft = _walk(guide, crisis, profile, moment, inputs, prompter, lang,
                                                        recorder, kind, resume is not None)  # fmt: skip
        except PasopatiError as error:
            from pasopati_cli.messages import t

            error.hint = t("kept_in_journal", lang, id=recorder.incident_id, flags=flags)
            raise
        except KeyboardInterrupt:
            answered = dict(journal.state(recorder.incident_id).answers)
            raise keep_interrupted(crisis, answered, inputs.statement_facts(), save, moment, file_operator,
                                   recorder.incident_id, flags) from None  # fmt: skip
        stamp = moment.strftime("%Y%m%d-%H%M")
        prefix = "LATIHAN-" if inputs.setting("exercise") else ""
        name = f"{prefix}{crisis.id}-{statement_kind}-{stamp}.{lang}{SUFFIXES[document_format]}"
        target = unique_path((output if output is not None else Path.cwd()) / name)
        write_file(target, to_format(draft.text, document_format, draft.title, lang))
        from pasopati_cli.recording import plain

        statement_id = recorder.drafted(statement_kind, lang, draft.text, plain(draft.facts), str(target))
    findings = [replace(finding, file=str(target)) for finding in draft.findings]  # the reviewed text's
    if save is not None:
        save_answers(save, crisis, result.answers, draft.facts, result, moment, file_operator, force=force)
    due = next_due_lines(plan, lang, now=clock.now(system_clock.resolve_zone(profile.unit.timezone)))
    return Responded(recorder.incident_id, bool(inputs.setting("exercise")), guide.guideline, crisis, result, plan,
                     moment, statement_id, statement_kind, target, lang, document_format, due, findings)  # fmt: skip


def _complete(incident_id: str, done: str) -> Problem:
    return problem(
        "P503",
        detail=f"respons insiden {incident_id} sudah selesai ({done} sudah didraf); pernyataan "
        f"berikutnya: pasopati incident statement {incident_id} JENIS (jawaban triase yang berubah: "
        "--answer ID=NILAI)",
        detail_en=f"the response of incident {incident_id} is complete ({done} drafted); next "
        f"statement: pasopati incident statement {incident_id} KIND (triage answers that changed: "
        "--answer ID=VALUE)",
    )


def _walk(
    guide: Guide,
    crisis: CrisisType,
    profile: UnitProfile,
    moment: datetime,
    inputs: Inputs,
    prompter: Prompter,
    lang: Lang,
    recorder: Recorder,
    kind: str | None,
    resumed: bool,
) -> tuple[TriageResult, Plan, str, Draft]:
    """Triage (recorded), the plan (shown to the officer), the statement approved by the officer.

    The plan is the incident's, over its level history as recorded (followup.incident_plan): for a new
    incident that is the plan of the level decided, from the start; a resumed walk that changes the level
    counts the new level from the moment it was recorded, as `incident status` will."""
    held = None
    if resumed:  # the level the journal holds stays, unless the answers now require more
        from pasopati_cli.model import ManualRaise

        state = recorder.journal.state(recorder.incident_id)
        if state.level is not None and state.levels:
            held = ManualRaise(level=state.level, reason="; ".join(state.levels[-1].reasons) or "jurnal")
    result = decide_level(guide=guide, crisis=crisis, inputs=inputs, prompter=prompter, confirm=True,
                          on_answer=recorder.answered, held=held)  # fmt: skip
    recorder.triaged(result, resumed=resumed)
    if not resumed:  # one level, from the start: no incident state to derive (start-up time)
        from pasopati_cli.assign import plan

        result_plan = plan(guide.guideline, crisis, result.level, result.answers, profile, moment)
    else:
        from pasopati_cli.followup import incident_plan

        result_plan = incident_plan(guide.guideline, crisis, recorder.journal.state(recorder.incident_id), profile)
    prompter.show_plan(result_plan)
    statement_kind = kind or crisis.first_statement_kind(guide.guideline)

    def changed(values: Mapping[str, object], others: Mapping[str, object]) -> str | None:  # a derived fact retyped
        from pasopati_cli.app.facts import record_changed
        from pasopati_cli.app.incident import Opened
        from pasopati_cli.incident import derive_state

        events = recorder.journal.events(recorder.incident_id)
        opened = Opened(derive_state(events), guide, crisis, profile, events)
        return record_changed(journal=recorder.journal, opened=opened, operator=recorder.operator, values=values,
                              others=others, lang=lang)  # fmt: skip

    draft = draft_statement(guide=guide, crisis=crisis, kind=statement_kind, result=result, unit=profile,
                            start=moment, inputs=inputs, prompter=prompter, lang=lang, on_change=changed)  # fmt: skip
    return result, result_plan, statement_kind, draft


def _recorder(
    journal: Journal,
    resume: str | None,
    guide: Guide,
    crisis: CrisisType,
    profile: UnitProfile,
    moment: datetime,
    operator: str,
    inputs: Inputs,
) -> Recorder:
    """Open the incident (or take up the resumed one) and record the answers given up front."""
    from pasopati_cli.recording import Recorder
    from pasopati_cli.triage import answers_from_values

    version, digest = guide.version, guide.content_hash()
    if resume is None:
        from pasopati_cli.app.pin import record_of
        from pasopati_cli.pin import KEY

        pinned = record_of(guide.bundle.root, guide.guideline).as_data()  # later commands use the same folder
        incident_id = journal.open_incident(
            crisis.id,
            operator=operator,
            playbook_version=version,
            playbook_hash=digest,
            exercise=bool(inputs.setting("exercise")),
            start=moment,
            unit=profile.unit.name,
            data={"unit_profile": profile.model_dump(mode="json", by_alias=True), "people": inputs.people, KEY: pinned}
            | ({"roles": inputs.roles} if inputs.roles else {}),
        )
    else:
        incident_id = resume
    recorder = Recorder(journal, incident_id, operator, version, digest)
    recorded = journal.state(incident_id).answers if resume is not None else {}
    for question, answer in answers_from_values(crisis, dict(inputs.answers), inputs.source("answers")).items():
        if recorded.get(question) != answer:
            recorder.answered(question, answer)
    return recorder
