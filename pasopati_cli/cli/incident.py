"""`pasopati incident ...`: the journal of a response, from opening to the post-incident report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from pasopati_cli.cli.common import (
    AcceptGuidelineOption,
    AnswerOption,
    AnswersOption,
    AtOption,
    GuidelineOption,
    IdArgument,
    InteractiveOption,
    JournalOption,
    LangOption,
    NonInteractiveOption,
    OperatorOption,
    OutputFolderOption,
    PersonOption,
    ResultFormatOption,
    SetOption,
    UnitOption,
    VarsOption,
    check_choice,
    display,
    emit,
    journal_at,
    pinned,
    print_problems,
    prompter,
    renamed,
    said,
)
from pasopati_cli.cli.respond import RESULT_FORMATS, respond, run_response

if TYPE_CHECKING:
    pass

HELP = "Jurnal insiden: catat, pantau tenggat, laporan. / The incident journal."
OPEN_HELP = "Buka insiden baru dengan panduan respons lengkap. / Open an incident with the guided response."


def resume(
    incident_id: IdArgument,
    unit: UnitOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    output: OutputFolderOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Lanjutkan respons yang terputus dari langkah terakhir yang tercatat. / Resume an interrupted walk.

    `--answers` takes the file saved when the walk was interrupted, with the facts typed so far."""
    given = {"answer": answer, "answers_file": answers, "sets": sets, "vars_file": vars_file}
    run_response(given, (non_interactive, force_interactive), output_format, lang, journal, unit=unit, output=output,
                 operator=operator, resume=incident_id, guideline_root=guideline, accept=accept)  # fmt: skip


def list_incidents(
    exercise: Annotated[
        bool, typer.Option("--latihan", "--exercise", help="Tampilkan insiden latihan (bukan yang nyata).")
    ] = False,
    journal: JournalOption = None,
    output_format: ResultFormatOption = "text",
    lang: LangOption = None,
) -> None:
    """Daftar insiden (latihan dipisah). / List incidents (drills kept apart)."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.incident import incidents, summary

        states, damaged = incidents(journal=store, exercise=exercise)
        print_problems(damaged, language)  # named by event; the other incidents are listed as usual
        if output_format == "json":
            return emit([summary(state) for state in states])
        display(screens.incidents(states, exercise, language))


def show(incident_id: IdArgument, journal: JournalOption = None, output_format: ResultFormatOption = "text",
         lang: LangOption = None) -> None:  # fmt: skip
    """Ringkasan satu insiden. / One incident's summary."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.incident import details

        state = store.state(incident_id)
        if output_format == "json":
            return emit(details(state, store.events(incident_id)))
        display(screens.incident(state, language))


def status(
    incident_id: IdArgument,
    at: Annotated[str | None, typer.Option("--at", help="Hitung pada waktu ini (bawaan: sekarang).")] = None,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    output_format: ResultFormatOption = "text",
    lang: LangOption = None,
) -> None:
    """Apa yang jatuh tempo dan apa yang terlambat, dalam jam satuan kerja. / What is due and overdue."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import status as due

        found = due(journal=store, incident_id=incident_id, guideline_root=pinned(guideline, accept, language), at=at)
        if output_format == "json":
            return emit(found.as_dict(language))
        from pasopati_cli.app import screens

        display(screens.status(found, language))


def log(
    incident_id: IdArgument,
    text: Annotated[str, typer.Argument(help="Catatan. / The note.")],
    people: PersonOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Catat kegiatan (ICS 214). / Log an activity."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import log as note

        note(journal=store, incident_id=incident_id, text=text, people=people, operator=operator,
             guideline_root=pinned(guideline, accept, language))  # fmt: skip
        said("logged", language, id=incident_id)


def notify(
    incident_id: IdArgument,
    role: Annotated[
        str | None, typer.Argument(help="Id peran yang sudah diberi tahu (kosong dengan --name). / Role told.")
    ] = None,
    channel: Annotated[str | None, typer.Option("--channel", "-c", help="Saluran yang dipakai.")] = None,
    person: Annotated[
        str | None,
        typer.Option("--name", help="Orang di luar daftar peran yang diberi tahu. / Someone not listed."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--as", help="Jabatannya, mis. 'Kapolda Metro Jaya'. / The role they hold.")
    ] = None,
    at: AtOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Tandai satu peran, atau orang di luar daftar peran, sudah diberi tahu. / Mark a role or a person as told."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import notify as told

        done = told(journal=store, incident_id=incident_id, role=role, channel=channel, at=at, operator=operator,
                    guideline_root=pinned(guideline, accept, language), lang=language, person=person,
                    title=title)  # fmt: skip
        key = "already_notified" if done.already else "notified"
        said(key, language, id=incident_id, role=done.what, channel=done.how, at=done.at)


def done(
    incident_id: IdArgument,
    action: Annotated[str, typer.Argument(help="Id tindakan dari daftar tindakan. / Action id.")],
    at: AtOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Tandai satu tindakan selesai. / Mark an action done."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import done as finished

        step = finished(journal=store, incident_id=incident_id, action=action, at=at, operator=operator,
                        guideline_root=pinned(guideline, accept, language), lang=language)  # fmt: skip
        said("already_done" if step.already else "action_done", language, id=incident_id, action=step.what, at=step.at)


def raise_level(
    incident_id: IdArgument,
    level: Annotated[
        str, typer.Argument(help="Tingkat baru: id atau nama, mis. darurat. / The new level: id or title.")
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Alasan menaikkan tingkat (ditanyakan bila kosong). / Why.", show_default=False),
    ] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Naikkan tingkat insiden yang masih terbuka, dengan alasan. / Raise an open incident's level."""
    check_choice(output_format, RESULT_FORMATS)
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.incident import raise_level as escalate
        from pasopati_cli.messages import t

        asking = (non_interactive, force_interactive)
        raised = escalate(journal=store, prompter=prompter(*asking, language, stderr=True), incident_id=incident_id,
                          level=level, reason=reason, operator=operator,
                          guideline_root=pinned(guideline, accept, language, *asking))  # fmt: skip
        if output_format == "json":
            return emit(raised.as_dict(language))
        titles = {known.id: known.title.get(language) for known in raised.status.opened.guide.guideline.levels}
        text = t("level_raised", language, id=incident_id, old=titles.get(raised.old, raised.old),
                 new=titles[raised.new], by=raised.by, reason=raised.reason)  # fmt: skip
        typer.echo(("LATIHAN · " if raised.status.opened.state.exercise else "") + text)
        display(screens.status(raised.status, language))


def close(
    incident_id: IdArgument,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Tutup insiden; setelah ini tidak dapat diubah. / Close the incident; no change after this."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import close as end

        closed = end(journal=store, incident_id=incident_id, operator=operator,
                     guideline_root=pinned(guideline, accept, language))  # fmt: skip
        if outstanding := closed.outstanding:
            items = ", ".join(outstanding)
            said("closed_outstanding", language, err=True, count=len(outstanding), items=items)
        said("closed_now", language, id=incident_id)
        said("verification_code", language, seq=closed.event.seq, code=closed.event.hash)


def verify(
    incident_id: Annotated[str | None, typer.Argument(help="Id insiden; bawaan: semua.")] = None,
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="Kode verifikasi dari laporan atau rilis; harus ada di rantai insiden. / A verification code.",
            show_default=False,
        ),
    ] = None,
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Periksa rantai hash jurnal. / Check the journal's hash chain."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.incident import verify as check_chain

        found = check_chain(journal=store, incident_id=incident_id, head=head)
        said("verified", language, scope=incident_id or "*")
        if found.head_seq is not None:
            said("head_found", language, id=incident_id, seq=found.head_seq, count=found.events)


def fact(
    incident_id: IdArgument,
    values: Annotated[list[str], typer.Argument(help="NAMA=NILAI, mis. jumlah_kabur=52, '~50', '>=49', '?'.")],
    source: Annotated[
        str | None, typer.Option("--source", help="Sumber fakta, mis. Polres. / Where it came from.")
    ] = None,
    at: AtOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Catat nilai baru fakta insiden (beberapa sekaligus). / Record new values of the incident's facts."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.facts import record_facts

        recorded = record_facts(journal=store, incident_id=incident_id, assignments=values, source=source, at=at,
                                operator=operator, guideline_root=pinned(guideline, accept, language),
                                lang=language)  # fmt: skip
        display(screens.facts_recorded(recorded, language))


def facts(
    incident_id: IdArgument,
    journal: JournalOption = None,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Lembar fakta insiden dan riwayat tiap fakta. / The incident's fact sheet and each fact's history."""
    check_choice(output_format, RESULT_FORMATS, "--format")
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.facts import facts as sheet_of

        view = sheet_of(journal=store, incident_id=incident_id, guideline_root=pinned(guideline, accept, language),
                        lang=language)  # fmt: skip
        emit(view.as_dict()) if output_format == "json" else display(screens.facts(view, language))


def start(
    incident_id: IdArgument,
    when: Annotated[str, typer.Argument(help="Kapan kejadian dimulai, mis. 'tadi 18.15' atau '10 Maret 18.15'.")],
    reason: Annotated[str | None, typer.Option("--reason", help="Mengapa dikoreksi. / Why.")] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Koreksi waktu mulai insiden, dengan alasan. / Correct when the incident began, with a reason."""
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app.facts import correct_start

        done = correct_start(journal=store, incident_id=incident_id, when=when, reason=reason, operator=operator,
                             guideline_root=pinned(guideline, accept, language))  # fmt: skip
        said("start_corrected", language, id=incident_id, previous=done.previous_text(language),
             start=done.start_text(language))  # fmt: skip


def register(
    root: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
    """The `incident` group; inside it, like at the top, only the subcommand that `rest` names is built."""
    from pasopati_cli.cli import incident_statements
    from pasopati_cli.cli.common import add_commands, listed, wanted

    if listing:
        root.command("incident", help=HELP)(listed(register))
        return
    group = typer.Typer(name="incident", help=HELP, no_args_is_help=True)
    commands = {**COMMANDS, **incident_statements.COMMANDS}
    sub, sub_listing = (None, False) if rest is None else wanted(rest, commands)
    add_commands(group, commands, sub, sub_listing)
    root.add_typer(group, name="incident")


COMMANDS: dict[str, Callable[..., None]] = {
    "open": renamed(respond, OPEN_HELP),
    "fact": fact,
    "facts": facts,
    "start": start,
    "resume": resume,
    "list": list_incidents,
    "show": show,
    "status": status,
    "log": log,
    "notify": notify,
    "done": done,
    "raise": raise_level,
    "close": close,
    "verify": verify,
}
