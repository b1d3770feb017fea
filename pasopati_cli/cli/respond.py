"""`pasopati list`, `triage`, `assign`, `statement` and `respond`: the guided response.

Every answer the walk asks for can also come from flags or files; with --non-interactive (or when
stdin is not a terminal) a missing answer fails at once, naming it, instead of waiting for input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasopati_cli.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    GuidelineOption,
    LangOption,
    console,
    edge,
    guideline_dir,
    print_problems,
    resolve_lang,
)

if TYPE_CHECKING:
    from datetime import datetime

    from pasopati_cli.assign import Plan
    from pasopati_cli.cli.inputs import Inputs
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType, UnitProfile
    from pasopati_cli.problems import Lang, Problem
    from pasopati_cli.prompts import Asker
    from pasopati_cli.recording import Recorder
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import TriageResult

from pasopati_cli.cli.inputs import (
    AnswerOption,
    AnswersOption,
    ForceOption,
    InteractiveOption,
    NonInteractiveOption,
    PersonOption,
    RaiseOption,
    ReasonOption,
    ResultFormatOption,
    SaveAnswersOption,
    SetOption,
    StartOption,
    TypeArgument,
    UnitOption,
    VarsOption,
    check_result_format,
    check_type,
    gather,
    interactive,
    start_time,
    unit_profile,
)
from pasopati_cli.cli.walk import (
    Interrupted,
    approve_text,
    decide_level,
    disclosure_problems,
    may_replace,
    save_answers,
    statement_text,
    stop_interrupted,
    t_,
    unique_path,
)

# --- commands ---------------------------------------------------------------------------------------


def list_types(
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Daftar jenis kejadian dalam pedoman. / The crisis types of the guideline."""
    language = resolve_lang(lang)
    with edge(language):
        from rich.table import Table

        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline))
        types = sorted(guide.types.values(), key=lambda c: (c.phase != "crisis", c.id))
        if output_format == "json":
            rows = [
                {
                    "id": c.id,
                    "title": c.title.get(language),
                    "summary": c.summary.get(language),
                    "phase": c.phase,
                    "base_level": c.base_level,
                }
                for c in types
            ]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        check_result_format(output_format)
        name = guide.guideline.name.get(language)
        table = Table(title=t_("list_title", language, name=name, version=guide.version), title_justify="left")
        table.add_column(t_("id", language), no_wrap=True)
        table.add_column(t_("title", language))
        table.add_column(t_("summary", language))
        for crisis in types:
            table.add_row(crisis.id, crisis.title.get(language), crisis.summary.lead(language))
        console().print(table)


def triage(
    crisis_type: TypeArgument,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    save: SaveAnswersOption = None,
    force: ForceOption = False,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tentukan tingkat krisis dari jawaban. / Decide the level from the answers."""
    language = resolve_lang(lang)
    check_result_format(output_format)
    with edge(language):
        from pasopati_cli.cli.views import print_triage
        from pasopati_cli.prompts import Asker
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        inputs = gather(answer, answers, None, None, raise_to, reason)
        check_type(inputs, crisis_type)
        asker = Asker(console(), language) if interactive(non_interactive, force_interactive) else None
        force = may_replace(save, force, asker, language)
        try:
            result = decide_level(guide, crisis, inputs, asker, language, confirm=asker is not None)
        except Interrupted as stop:
            stop_interrupted(stop, save, language, None, inputs.operator)
        if save is not None:
            save_answers(save, crisis, dict(result.answers), {}, result, inputs.start, inputs.operator, force)
        if output_format == "json":
            sys.stdout.write(json.dumps(result.as_dict(guide.guideline, language), ensure_ascii=False, indent=2) + "\n")
        elif asker is None:
            print_triage(console(), guide.guideline, crisis, result, language)


def assign(
    crisis_type: TypeArgument,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="Tingkat (bila tanpa jawaban triase).", show_default=False),
    ] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Siapa diberi tahu, lewat apa, paling lambat jam berapa. / Who to notify, how, by when."""
    language = resolve_lang(lang)
    check_result_format(output_format)
    with edge(language):
        from pasopati_cli.assign import plan
        from pasopati_cli.cli.views import print_plan
        from pasopati_cli.prompts import Asker
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        profile = unit_profile(unit, guide)
        inputs = gather(answer, answers, None, None, None, None)
        check_type(inputs, crisis_type)
        if level is not None and not inputs.answers:
            from pasopati_cli.triage import decide

            if level not in [lv.id for lv in guide.guideline.levels]:
                result = decide(guide.guideline, crisis, {}, _manual(level))  # raises the located problem
            chosen, answered = level, {}
        else:
            if level is not None:
                inputs.raise_to = (level, "--level")
            asker = Asker(console(), language) if interactive(non_interactive, force_interactive) else None
            try:
                result = decide_level(guide, crisis, inputs, asker, language, confirm=False)
            except Interrupted as stop:
                stop_interrupted(stop, None, language, None, inputs.operator)
            chosen, answered = result.level, dict(result.answers)
        moment = start_time(start, inputs.start, profile)
        result_plan = plan(guide.guideline, crisis, chosen, answered, profile, moment)
        if output_format == "json":
            sys.stdout.write(json.dumps(result_plan.as_dict(language), ensure_ascii=False, indent=2) + "\n")
        else:
            print_plan(console(), result_plan, language)


def _manual(level: str) -> Any:
    from pasopati_cli.model import ManualRaise

    return ManualRaise(level=level, reason="--level")


def statement(
    crisis_type: TypeArgument,
    kind: Annotated[str, typer.Argument(help="Jenis pernyataan, mis. holding. / Statement kind.")],
    level: Annotated[str | None, typer.Option("--level", "-l", help="Tingkat.", show_default=False)] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    people: PersonOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas tujuan; bawaan: layar.", show_default=False)
    ] = None,
    document_format: Annotated[str, typer.Option("--format", "-f", help="markdown, text, html.")] = "markdown",
    force: ForceOption = False,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Susun pernyataan dari templat. / Write a statement from its template."""
    language = resolve_lang(lang)
    from pasopati_cli.render import OUTPUT_FORMATS

    if document_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"'{document_format}' ({', '.join(OUTPUT_FORMATS)})", param_hint="--format")
    with edge(language):
        from pasopati_cli.prompts import Asker
        from pasopati_cli.render import to_format
        from pasopati_cli.response import load_guide

        guide = load_guide(guideline_dir(guideline), crisis_type)
        crisis = guide.crisis(crisis_type)
        profile = unit_profile(unit, guide)
        inputs = gather(answer, answers, sets, vars_file, None, None, people)
        check_type(inputs, crisis_type)
        asker = Asker(console(stderr=True), language) if interactive(non_interactive, force_interactive) else None
        force = may_replace(output, force, asker, language)
        if level is not None:
            inputs.raise_to = (level, "--level")
        collected: dict[str, object] = {}
        try:
            if level is not None and not inputs.answers:
                from pasopati_cli.triage import decide

                result = decide(guide.guideline, crisis, {}, _manual(level))
            else:
                result = decide_level(guide, crisis, inputs, asker, language, confirm=False)
            moment = start_time(start, inputs.start, profile)
            text, title = statement_text(
                guide, crisis, kind, result, profile, moment, inputs, asker, language, collected
            )
        except (Interrupted, KeyboardInterrupt):
            sys.stderr.write("\n" + t_("interrupted_nothing", language) + "\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        document = to_format(text, document_format, title, language)
        if output is None:
            sys.stdout.write(document)
        else:
            from pasopati_cli.files import write_file

            write_file(output, document, force=force)
            sys.stderr.write(t_("written", language, path=output) + "\n")
        findings = disclosure_problems(guide, text, inputs, str(output) if output else f"<{kind}>")
        _refuse_unreleasable(findings, language)


JournalOption = Annotated[
    Path | None,
    typer.Option(
        "--journal",
        envvar="PASOPATI_JOURNAL",
        help="Berkas jurnal insiden; bawaan: folder data pengguna. / Incident journal file.",
        show_default=False,
    ),
]
OperatorOption = Annotated[
    str | None,
    typer.Option(
        "--operator",
        envvar="PASOPATI_OPERATOR",
        help="Nama petugas yang menjalankan. / The operator's name.",
        show_default=False,
    ),
]
ExerciseOption = Annotated[
    bool,
    typer.Option("--latihan", "--exercise", help="Insiden latihan: semua keluaran bertanda LATIHAN. / A drill."),
]


@dataclass
class Request:
    """Everything `respond` (and `incident open`/`resume`) was asked to do."""

    crisis_type: str | None = None
    unit: Path | None = None
    start: str | None = None
    answer: list[str] | None = None
    answers: Path | None = None
    sets: list[str] | None = None
    vars_file: Path | None = None
    raise_to: str | None = None
    reason: str | None = None
    output: Path | None = None
    kind: str | None = None
    document_format: str = "markdown"
    save: Path | None = None
    is_interactive: bool = False
    output_format: str = "text"
    guideline: Path | None = None
    journal: Path | None = None
    operator: str | None = None
    exercise: bool = False
    resume: str | None = None
    people: list[str] | None = None
    force: bool = False


def respond(
    crisis_type: Annotated[str | None, typer.Argument(help="Id jenis kejadian; bila kosong, dipilih.")] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder untuk pernyataan; bawaan: folder kerja.", show_default=False),
    ] = None,
    kind: Annotated[str | None, typer.Option("--statement", help="Jenis pernyataan; bawaan: pernyataan awal.")] = None,
    document_format: Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")] = "markdown",
    save: SaveAnswersOption = None,
    force: ForceOption = False,
    people: PersonOption = None,
    exercise: ExerciseOption = False,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Panduan lengkap: triase, pemberitahuan, pernyataan awal; dicatat di jurnal. / The guided response."""
    run_response(
        Request(
            crisis_type, unit, start, answer, answers, sets, vars_file, raise_to, reason, output, kind,
            document_format, save, interactive(non_interactive, force_interactive), output_format,
            guideline, journal, operator, exercise, people=people, force=force,
        ),
        resolve_lang(lang),
    )  # fmt: skip


def run_response(request: Request, language: Lang) -> None:
    check_result_format(request.output_format)
    from pasopati_cli.render import OUTPUT_FORMATS

    if request.document_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(
            f"'{request.document_format}' ({', '.join(OUTPUT_FORMATS)})", param_hint="--statement-format"
        )
    with edge(language):
        _respond(request, language)


def _respond(request: Request, language: Lang) -> None:
    from pasopati_cli import clock
    from pasopati_cli.assign import next_due_lines
    from pasopati_cli.journal import Journal
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.recording import journal_path, operator_name
    from pasopati_cli.render import SUFFIXES, to_format
    from pasopati_cli.report import problem_dicts
    from pasopati_cli.response import guess_types, load_guide

    inputs = gather(
        request.answer,
        request.answers,
        request.sets,
        request.vars_file,
        request.raise_to,
        request.reason,
        request.people,
    )
    inputs.exercise = request.exercise
    operator = operator_name(request.operator or inputs.operator)
    with Journal.open(journal_path(request.journal)) as journal:
        resumed = journal.state(request.resume) if request.resume else None
        if resumed is not None and resumed.statements and not inputs.answers:  # ended, and nothing new to triage
            done = ", ".join(resumed.statements)
            raise PasopatiError(
                [
                    problem(
                        "P503",
                        detail=f"respons insiden {resumed.id} sudah selesai ({done} sudah didraf); pernyataan "
                        f"berikutnya: pasopati incident statement {resumed.id} JENIS (jawaban triase yang berubah: "
                        "--answer ID=NILAI)",
                        detail_en=f"the response of incident {resumed.id} is complete ({done} drafted); next "
                        f"statement: pasopati incident statement {resumed.id} KIND (triage answers that changed: "
                        "--answer ID=VALUE)",
                    )
                ]
            )
        if resumed is not None:  # answers given now change those recorded; the start stays the journal's
            check_type(inputs, resumed.crisis_type)
            inputs.answers = {**resumed.answers, **inputs.answers}
            inputs.crisis_type, inputs.exercise = resumed.crisis_type, resumed.exercise
            inputs.start = resumed.start or inputs.start
        chosen_type = request.crisis_type or inputs.crisis_type
        guide = load_guide(guideline_dir(request.guideline), chosen_type)
        asker = _asker(console(), language) if request.is_interactive else None
        force = may_replace(request.save, request.force, asker, language)
        if chosen_type is None:
            if asker is None:
                raise PasopatiError([problem("P401", name="TYPE")])
            try:
                chosen_type = asker.choose_type(guide.types, guess_types)
            except KeyboardInterrupt:
                sys.stderr.write("\n" + t_("interrupted_nothing", language) + "\n")
                raise typer.Exit(EXIT_INTERRUPTED) from None
        crisis = guide.crisis(chosen_type)
        check_type(inputs, chosen_type)
        profile = unit_from_journal(journal, resumed.id) if resumed is not None and request.unit is None else None
        profile = profile or unit_profile(request.unit, guide)
        moment = start_time(request.start, inputs.start, profile)
        recorder = _recorder(journal, request.resume, guide, crisis, profile, moment, operator, inputs)
        inputs.on_answer = recorder.answered
        collected: dict[str, object] = {}
        result: TriageResult | None = None
        # Without prompts every step is given at once: one durable write for them all (each step is its
        # own write when the officer confirms it at a prompt).
        together = journal.group() if asker is None else nullcontext()
        # The command that continues must carry on as this one: same language, same output folder.
        flags = (" --lang en" if language == "en" else "") + (f" --output {request.output}" if request.output else "")
        try:
            with together:
                result, result_plan, statement_kind, text, title = _walk(
                    request, guide, crisis, profile, moment, inputs, asker, language, collected, recorder
                )
        except PasopatiError as error:
            error.hint = t_("kept_in_journal", language, id=recorder.incident_id, flags=flags)
            raise
        except Interrupted as stop:
            stop_interrupted(stop, request.save, language, moment, inputs.operator, recorder.incident_id, flags)
        except KeyboardInterrupt:
            answered = dict(journal.state(recorder.incident_id).answers)
            halt = Interrupted(crisis, answered, collected)
            stop_interrupted(halt, request.save, language, moment, inputs.operator, recorder.incident_id, flags)
        assert result is not None
        folder = request.output if request.output is not None else Path.cwd()
        stamp = moment.strftime("%Y%m%d-%H%M")
        prefix = "LATIHAN-" if inputs.exercise else ""
        name = f"{prefix}{crisis.id}-{statement_kind}-{stamp}.{language}{SUFFIXES[request.document_format]}"
        target = unique_path(folder / name)
        from pasopati_cli.files import write_file

        write_file(target, to_format(text, request.document_format, title, language))
        drafted = 0 if request.resume is None else len(journal.state(recorder.incident_id).statements)
        statement_id = f"S{drafted + 1}"
        recorder.drafted(statement_id, statement_kind, language, text, _plain(collected), str(target))
        findings = disclosure_problems(guide, text, inputs, str(target))
    if request.save is not None:
        save_answers(request.save, crisis, dict(result.answers), collected, result, moment, inputs.operator, force)
    due = next_due_lines(result_plan, language, now=clock.now(clock.resolve_zone(profile.unit.timezone)))
    if request.output_format == "json":
        document = {
            "id": recorder.incident_id,
            "exercise": inputs.exercise,
            **result.as_dict(guide.guideline, language),
            "start": moment.isoformat(),
            "timezone": clock.zone_label(moment),
            **{k: v for k, v in result_plan.as_dict(language).items() if k in ("assignments", "actions", "statements")},
            "statement": {
                "id": statement_id,
                "kind": statement_kind,
                "file": str(target),
                "lang": language,
                "format": request.document_format,
            },
            "next_due": due,
            "disclosure": problem_dicts(findings, language),
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        _refuse_unreleasable(findings, language)
        return
    if asker is None:
        from pasopati_cli.cli.views import print_plan, print_triage

        print_triage(console(), guide.guideline, crisis, result, language)
        print_plan(console(), result_plan, language)
    out = asker.console if asker is not None else console()
    out.print(f"[green]{t_('written', language, path=target)}[/]")
    out.print(t_("recorded", language, id=recorder.incident_id, statement=statement_id))
    out.print(f"[bold]{t_('next_due', language)}:[/]")
    for line in due:
        out.print(f"  • {line}")
    _refuse_unreleasable(findings, language)


def _walk(
    request: Request,
    guide: Guide,
    crisis: CrisisType,
    profile: UnitProfile,
    moment: datetime,
    inputs: Inputs,
    asker: Asker | None,
    language: Lang,
    collected: dict[str, object],
    recorder: Recorder,
) -> tuple[TriageResult, Plan, str, str, str]:
    """Triage (recorded), the plan (shown when interactive), the statement approved by the officer.

    The plan is the incident's, over its level history as recorded (followup.incident_plan): for a new
    incident that is the plan of the level decided, from the start; a resumed walk that changes the level
    counts the new level from the moment it was recorded, as `incident status` will."""
    result = decide_level(guide, crisis, inputs, asker, language, confirm=asker is not None)
    recorder.triaged(result)
    if request.resume is None:  # one level, from the start: no incident state to derive (start-up time)
        from pasopati_cli.assign import plan

        result_plan = plan(guide.guideline, crisis, result.level, result.answers, profile, moment)
    else:
        from pasopati_cli.followup import incident_plan

        state = recorder.journal.state(recorder.incident_id)
        result_plan = incident_plan(guide.guideline, crisis, state, profile)
    if asker is not None:
        from pasopati_cli.cli.views import print_plan

        print_plan(asker.console, result_plan, language)
    statement_kind = request.kind or crisis.first_statement_kind(guide.guideline)
    while True:
        text, title = statement_text(
            guide, crisis, statement_kind, result, profile, moment, inputs, asker, language, collected
        )
        findings = disclosure_problems(guide, text, inputs, f"<{statement_kind}>") if asker is not None else []
        if asker is None or approve_text(asker, text, language, collected, inputs, findings):
            return result, result_plan, statement_kind, text, title


def _refuse_unreleasable(findings: list[Problem], language: Lang) -> None:
    """Report what the guard found in a draft; a draft with an error is written but exits 1."""
    from pasopati_cli.problems import has_errors

    if findings:
        print_problems(findings, language)
    if has_errors(findings, False):
        sys.stderr.write(t_("guard_blocked", language) + "\n")
        raise typer.Exit(EXIT_INVALID)


def _asker(out: Any, language: Lang) -> Asker:
    from pasopati_cli.prompts import Asker

    return Asker(out, language)


def _plain(values: dict[str, object]) -> dict[str, object]:
    from datetime import datetime

    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items() if v is not None}


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
        incident_id = journal.open_incident(
            crisis.id,
            operator=operator,
            playbook_version=version,
            playbook_hash=digest,
            exercise=inputs.exercise,
            start=moment,
            unit=profile.unit.name,
            data={"unit_profile": profile.model_dump(mode="json", by_alias=True), "people": inputs.people},
        )
    else:
        incident_id = resume
    recorder = Recorder(journal, incident_id, operator, version, digest)
    recorded = journal.state(incident_id).answers if resume is not None else {}
    for question, answer in answers_from_values(crisis, inputs.answers, inputs.answers_source).items():
        if recorded.get(question) != answer:
            recorder.answered(question, answer)
    return recorder


def register(
    app: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
    from pasopati_cli.cli.common import add_commands

    add_commands(app, COMMANDS, only, listing)


COMMANDS: dict[str, Callable[..., None]] = {
    "list": list_types,
    "triage": triage,
    "assign": assign,
    "statement": statement,
    "respond": respond,
}
