"""Statements of an incident: draft, revise, approve, release (with the guard and the release rules),
and the post-incident report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock as system_clock
from pasopati_cli.app.incident import Opened, append, open_incident
from pasopati_cli.app.inputs import Inputs
from pasopati_cli.app.ports import Clock, Prompter
from pasopati_cli.app.walk import disclosure_problems, draft_statement, may_replace
from pasopati_cli.files import write_file
from pasopati_cli.problems import Lang, PasopatiError, Problem, Severity, problem

if TYPE_CHECKING:
    from pasopati_cli.app.pin import IncidentGuideline
    from pasopati_cli.events import Event
    from pasopati_cli.incident import Statement
    from pasopati_cli.journal import Journal


def _guard(opened: Opened, text: str, file: str | None = None) -> list[Problem]:
    """The disclosure guard over a statement's text, with the incident's marked names, their roles and the
    stages its facts have reached."""
    from pasopati_cli.factsheet import fact_sheet

    state = opened.state
    facts = {**state.answers, **fact_sheet(opened.events).current()}
    return disclosure_problems(opened.guide, text, state.people, file, roles=state.roles, crisis=opened.crisis,
                               facts=facts)  # fmt: skip


def _against_sheet(opened: Opened, statement: Statement) -> list[Problem]:
    """Counts and state phrases of the statement that the incident's fact sheet has since replaced."""
    from pasopati_cli.consistency import sheet_problems
    from pasopati_cli.events import STATEMENT_DRAFTED
    from pasopati_cli.factsheet import fact_sheet

    lang = "id"
    for event in opened.events:
        written = event.data.get("lang")
        if event.type == STATEMENT_DRAFTED and event.data.get("statement") == statement.id and written == "en":
            lang = "en"
    return sheet_problems(statement.text, fact_sheet(opened.events), opened.crisis, None, lang)


def facts_now(journal: Journal, opened: Opened) -> dict[str, Any]:
    """What a new statement starts from: the incident's fact sheet as it stands, the tallies derived from
    it, and the number of the statement where the guideline numbers its kind (one more than released)."""
    from pasopati_cli.events import RELEASED
    from pasopati_cli.factrules import current_tallies
    from pasopati_cli.factsheet import fact_sheet

    sheet = fact_sheet(opened.events)
    facts: dict[str, Any] = {}
    for name, versions in sheet.history.items():
        latest = versions[-1]
        # A text taken from a draft keeps that draft's language ({lang: text}): an English statement never
        # reuses an Indonesian text as English.
        tagged = latest.lang is not None and isinstance(latest.value, str)
        facts[name] = {latest.lang: latest.value} if tagged else latest.value
    for name, quantity in current_tallies(facts, opened.crisis).items():
        if quantity.known:  # a count not known yet is asked for (or given with --set), never printed as "?"
            facts[name] = quantity.value if quantity.exact else quantity.notation()
    released = [s.kind for s in opened.state.statements.values() if s.status == RELEASED]
    for numbering in opened.guide.guideline.numbering:
        facts[numbering.variable] = released.count(numbering.kind) + 1
    return facts


@dataclass
class Drafted:
    statement_id: str
    text: str
    findings: list[Problem]


def draft(
    *,
    journal: Journal,
    prompter: Prompter,
    incident_id: str,
    kind: str,
    inputs: Inputs,
    output: Path | None,
    operator: str | None,
    guideline_root: IncidentGuideline,
    lang: Lang,
    force: bool = False,
    clock: Clock = system_clock,
) -> Drafted:
    """The next statement with the incident's facts so far, reviewed by the officer, then recorded. An
    existing `output` is replaced with `force` or when the prompter's person agrees, asked first."""
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.recording import Recorder, operator_name, plain
    from pasopati_cli.triage import answers_from_values, decide, prune

    opened = open_incident(journal, incident_id, guideline_root, operator)
    force = may_replace(output, force, prompter)
    state = opened.state
    inputs.from_journal({}, facts_now(journal, opened), exercise=state.exercise)
    inputs.people = list(state.people)  # what the guard shows at review: the names marked for the incident
    inputs.roles = dict(state.roles)
    answers = prune(opened.crisis, answers_from_values(opened.crisis, state.answers, None))
    required = decide(opened.guide.guideline, opened.crisis, answers)
    manual = None
    if state.level and state.level != required.level:
        manual = ManualRaise(level=state.level, reason="jurnal")
    result = decide(opened.guide.guideline, opened.crisis, answers, manual)

    def changed(values: Mapping[str, object], others: Mapping[str, object]) -> str | None:  # a derived fact retyped
        from pasopati_cli.app.facts import record_changed

        return record_changed(journal=journal, opened=opened, operator=operator, values=values, others=others,
                              lang=lang)  # fmt: skip

    done = draft_statement(guide=opened.guide, crisis=opened.crisis, kind=kind, result=result, unit=opened.unit,
                           start=state.start or state.opened_at, inputs=inputs, prompter=prompter, lang=lang,
                           reference=clock.now(opened.zone()), on_change=changed)  # fmt: skip
    if output is not None:
        write_file(output, done.text, force=force)
    recorder = Recorder(journal, incident_id, operator_name(operator, opened.unit), opened.guide.version,
                        opened.guide.content_hash())  # fmt: skip
    statement_id = recorder.drafted(kind, lang, done.text, plain(done.facts), str(output) if output else None)
    return Drafted(statement_id, done.text, _guard(opened, done.text, str(output) if output else None))


def revise(*, journal: Journal, incident_id: str, statement_id: str, file: Path, operator: str | None,
           guideline_root: IncidentGuideline) -> None:  # fmt: skip
    """A draft's text replaced from a file; any approval lapses (the content hash changes)."""
    from pasopati_cli.events import STATEMENT_DRAFTED
    from pasopati_cli.loader import display_path, read_text

    text, problems = read_text(file, display_path(file))
    if text is None:
        raise PasopatiError(problems)
    opened = open_incident(journal, incident_id, guideline_root, operator)
    old = _statement(opened, statement_id)
    data = {"statement": old.id, "kind": old.kind, "text": text, "file": str(file), "revision": True}
    append(journal, opened, operator, STATEMENT_DRAFTED, data)


def _statement(opened: Opened, statement_id: str, released: bool = True) -> Statement:
    """The statement; with `released` False, one already released is refused."""
    from pasopati_cli.events import RELEASED

    statement = opened.state.statements.get(statement_id)
    if statement is None:
        known = ", ".join(opened.state.statements) or "-"
        raise PasopatiError(
            [problem("P201", what="pernyataan", what_en="statement", name=statement_id, hint=f" ({known})")]
        )
    if not released and statement.status == RELEASED:
        raise PasopatiError(
            [
                problem(
                    "P503",
                    detail=f"pernyataan {statement_id} sudah dirilis",
                    detail_en=f"statement {statement_id} has already been released",
                )
            ]
        )
    return statement


def approve(*, journal: Journal, incident_id: str, statement_id: str, by: str, operator: str | None,
            guideline_root: IncidentGuideline) -> str:  # fmt: skip
    """The approval of the official entitled at the incident's level; returns the approver's name."""
    from pasopati_cli.events import STATEMENT_APPROVED
    from pasopati_cli.followup import resolve_approver

    opened = open_incident(journal, incident_id, guideline_root, operator)
    statement = _statement(opened, statement_id, released=False)
    level = opened.state.level or opened.crisis.base_level
    name, problems = resolve_approver(opened.guide.guideline, opened.unit, level, by)
    problems += [p for p in _guard(opened, statement.text) if p.severity is Severity.ERROR]
    problems += _against_sheet(opened, statement)
    if problems or name is None:
        raise PasopatiError(problems or [problem("P503", detail="-", detail_en="-")])
    data = {"statement": statement.id, "approver": name, "content_hash": statement.content_hash}
    append(journal, opened, operator, STATEMENT_APPROVED, data)
    return name


@dataclass
class Released:
    bypassed: list[Problem]  # with an override, the blockers released over, as warnings
    event: Event  # the release: its hash is the verification code printed with the statement
    approver: str | None = None  # with an override, the official who approved it


def release(*, journal: Journal, incident_id: str, statement_id: str, operator: str | None,
            guideline_root: IncidentGuideline, override: bool = False, reason: str | None = None,
            approved_by: str | None = None) -> Released:  # fmt: skip
    """An approved statement that passes the guard and the release rules, released. With `override` (UU
    14/2008 art. 10), released anyway, on the word of the official who approves at the incident's level
    (`approved_by`) and for a `reason`: both are recorded with the blockers bypassed, which are returned as
    warnings. No override releases a marked person's name before the family is recorded as told (P521)."""
    from pasopati_cli.app.inputs import UsageError
    from pasopati_cli.events import APPROVED, STATEMENT_RELEASED
    from pasopati_cli.followup import release_blockers

    if not override and (reason is not None or approved_by is not None):
        raise UsageError("--reason dan --approved-by hanya bersama --override / only with --override", "--override")
    opened = open_incident(journal, incident_id, guideline_root, operator)
    statement = _statement(opened, statement_id, released=False)
    approver = _override_approver(opened, statement, reason, approved_by) if override else None
    blockers: list[Problem] = []
    if statement.status != APPROVED or statement.approved_hash != statement.content_hash:
        blockers.append(
            problem(
                "P503",
                detail=f"pernyataan {statement_id} belum disetujui (atau diubah setelah disetujui); "
                f"jalankan: pasopati incident approve {incident_id} {statement_id} --by NAMA",
                detail_en=f"statement {statement_id} is not approved (or changed after approval); "
                f"run: pasopati incident approve {incident_id} {statement_id} --by NAME",
            )
        )
    blockers += [p for p in _guard(opened, statement.text) if p.severity is Severity.ERROR]
    blockers += _against_sheet(opened, statement)
    blockers += release_blockers(opened.guide.guideline, opened.crisis, opened.state, statement)
    if blockers and approver is None:
        raise PasopatiError(blockers)
    data: dict[str, Any] = {"statement": statement.id, "content_hash": statement.content_hash}
    if approver is not None and blockers:  # an override with nothing to go past is an ordinary release
        data |= {"override_reason": (reason or "").strip(), "override_by": approver,
                 "bypassed": [p.message("en") for p in blockers]}  # fmt: skip
    event = append(journal, opened, operator, STATEMENT_RELEASED, data)
    return Released([replace(p, severity=Severity.WARNING) for p in blockers], event, approver)


def _override_approver(opened: Opened, statement: Statement, reason: str | None, approved_by: str | None) -> str:
    """The name of the official who approves the override at the incident's level (P520 when the name or
    the reason is missing, P503 when the name is not the approver's); refused whatever is given when the
    statement names a marked person before the family is recorded as told (P521)."""
    from pasopati_cli.followup import approver_named, named_too_early, resolve_approver

    guideline, level = opened.guide.guideline, opened.state.level or opened.crisis.base_level
    given = {"--approved-by": (approved_by, "NAMA", "NAME"), "--reason": (reason, "TEKS", "TEXT")}
    missing = [(flag, id_, en) for flag, (value, id_, en) in given.items() if not (value or "").strip()]
    problems: list[Problem] = []
    name: str | None = None
    if missing:
        who_id, who_en = approver_named(guideline, opened.unit, level)
        flags_id = " dan ".join(f"{flag} {word}" for flag, word, _ in missing)
        flags_en = " and ".join(f"{flag} {word}" for flag, _, word in missing)
        problems.append(problem("P520", missing=flags_id, missing_en=flags_en, who=who_id, who_en=who_en))
    if approved_by and approved_by.strip():
        name, found = resolve_approver(guideline, opened.unit, level, approved_by.strip())
        problems += found
    problems += named_too_early(guideline, opened.crisis, opened.state, statement)
    if problems or name is None:
        raise PasopatiError(problems)
    return name


REPORT_FORMATS = ("md", "json", "html")


def report(*, journal: Journal, incident_id: str, output_format: str, output: Path | None,
           guideline_root: IncidentGuideline, lang: Lang, force: bool = False) -> str:  # fmt: skip
    """The post-incident report (timeline, levels, deadlines, statements), written to `output` if given
    (an existing file only with `force`)."""
    import json

    from pasopati_cli.app.pin import record_of
    from pasopati_cli.incident_report import build
    from pasopati_cli.render import to_format

    opened = open_incident(journal, incident_id, guideline_root)
    used = record_of(opened.guide.bundle.root, opened.guide.guideline)
    markdown, document = build(opened.events, opened.guide.guideline, opened.crisis, opened.unit, lang, used)
    if output_format == "json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    elif output_format == "html":
        text = to_format(markdown, "html", f"{incident_id}", lang)
    else:
        text = markdown
    if output is not None:
        write_file(output, text, force=force)
    return text
