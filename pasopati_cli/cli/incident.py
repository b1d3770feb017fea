"""`pasopati incident ...`: the journal of a response, from opening to the post-incident report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

import typer

from pasopati_cli.cli.common import (
    ASKS,
    ON_INCIDENT,
    RESULT_FORMATS,
    AnswerOption,
    AnswersOption,
    AtOption,
    IdArgument,
    Later,
    OutputFolderOption,
    PersonOption,
    Session,
    SetOption,
    UnitOption,
    VarsOption,
    command,
    display,
    emit,
    print_problems,
    said,
)

HELP = "Jurnal insiden: catat, pantau tenggat, laporan. / The incident journal."
OPEN_HELP = "Buka insiden baru dengan panduan respons lengkap. / Open an incident with the guided response."
ActionArgument = Annotated[str, typer.Argument(help="Id tindakan dari daftar tindakan. / Action id.")]
LevelArgument = Annotated[str, typer.Argument(help="Tingkat baru: id atau nama, mis. darurat. / The new level.")]
RaiseReasonOption = Annotated[str | None, typer.Option("--reason", show_default=False,
                              help="Alasan menaikkan tingkat (ditanyakan bila kosong). / Why.")]  # fmt: skip
HeadOption = Annotated[str | None, typer.Option("--head", show_default=False, help="Kode verifikasi dari laporan "
                       "atau rilis; harus ada di rantai insiden. / A verification code.")]  # fmt: skip
ValuesArgument = Annotated[list[str], typer.Argument(help="NAMA=NILAI, mis. jumlah_kabur=52, '~50', '>=49', '?'.")]
SourceOption = Annotated[str | None, typer.Option("--source", help="Sumber fakta, mis. Polres. / Where it came from.")]
WhenArgument = Annotated[str, typer.Argument(help="Kapan kejadian dimulai, mis. 'tadi 18.15' atau '10 Maret 18.15'.")]
RoleArgument = Annotated[str | None, typer.Argument(help="Id peran yang sudah diberi tahu (kosong dengan --name). / "
                                                    "Role told.")]  # fmt: skip
ChannelOption = Annotated[str | None, typer.Option("--channel", "-c", help="Saluran yang dipakai.")]
NameOption = Annotated[str | None, typer.Option("--name", help="Orang di luar daftar peran yang diberi tahu. / "
                                                "Someone not listed.")]  # fmt: skip
AsOption = Annotated[str | None, typer.Option("--as", help="Jabatannya, mis. 'Kapolda Metro Jaya'. / The role they "
                                              "hold.")]  # fmt: skip
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Tutup walau ada hal yang belum tercatat selesai. / "
                                         "Close although steps were never recorded as done.")]  # fmt: skip
ExerciseListOption = Annotated[bool, typer.Option("--latihan", "--exercise", help="Tampilkan insiden latihan (bukan "
                                                  "yang nyata).")]  # fmt: skip


@command(*ON_INCIDENT, *ASKS, "output_format", formats=RESULT_FORMATS)
def resume(s: Session, incident_id: IdArgument, unit: UnitOption = None, answer: AnswerOption = None,
           answers: AnswersOption = None, sets: SetOption = None, vars_file: VarsOption = None,
           output: OutputFolderOption = None) -> None:  # fmt: skip
    """Lanjutkan respons yang terputus dari langkah terakhir yang tercatat. / Resume an interrupted walk.

    `--answers` takes the file saved when the walk was interrupted, with the facts typed so far."""
    from pasopati_cli.cli.respond import run_response

    given = {"answer": answer, "answers_file": answers, "sets": sets, "vars_file": vars_file}
    run_response(s, given, unit=unit, output=output, resume=incident_id)


@command("journal", "output_format", "lang", formats=RESULT_FORMATS)
def list_incidents(s: Session, exercise: ExerciseListOption = False) -> None:
    """Daftar insiden (latihan dipisah). / List incidents (drills kept apart)."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.incident import incidents, summary

    states, damaged = incidents(journal=s.journal, exercise=exercise)
    print_problems(damaged, s.lang)  # named by event; the other incidents are listed as usual
    if s.format == "json":
        return emit([summary(state) for state in states])
    display(screens.incidents(states, exercise, s.lang))


@command("journal", "output_format", "lang", formats=RESULT_FORMATS)
def show(s: Session, incident_id: IdArgument) -> None:
    """Ringkasan satu insiden. / One incident's summary."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.incident import details

    state = s.journal.state(incident_id)
    if s.format == "json":
        return emit(details(state, s.journal.events(incident_id)))
    display(screens.incident(state, s.lang))


@command("journal", "guideline", "accept", "output_format", "lang", formats=RESULT_FORMATS)
def status(s: Session, incident_id: IdArgument,
           at: Annotated[str | None, typer.Option("--at", help="Hitung pada waktu ini (bawaan: sekarang).")] = None,
           ) -> None:  # fmt: skip
    """Apa yang jatuh tempo dan apa yang terlambat, dalam jam satuan kerja. / What is due and overdue."""
    from pasopati_cli.app.incident import status as due

    found = due(journal=s.journal, incident_id=incident_id, guideline_root=s.pinned, at=at)
    if s.format == "json":  # the JSON of a long incident, read by scripts: nothing drawn, nothing loaded for it
        return emit(found.as_dict(s.lang))
    from pasopati_cli.app import screens

    display(screens.status(found, s.lang))


@command(*ON_INCIDENT)
def log(s: Session, incident_id: IdArgument, text: Annotated[str, typer.Argument(help="Catatan. / The note.")],
        people: PersonOption = None) -> None:  # fmt: skip
    """Catat kegiatan (ICS 214). / Log an activity."""
    from pasopati_cli.app.incident import log as note

    note(journal=s.journal, incident_id=incident_id, text=text, people=people, operator=s.operator,
         guideline_root=s.pinned)  # fmt: skip
    said("logged", s.lang, id=incident_id)


@command(*ON_INCIDENT)
def notify(s: Session, incident_id: IdArgument, role: RoleArgument = None, channel: ChannelOption = None,
           person: NameOption = None, title: AsOption = None, at: AtOption = None) -> None:  # fmt: skip
    """Tandai satu peran, atau orang di luar daftar peran, sudah diberi tahu. / Mark a role or a person as told."""
    from pasopati_cli.app.incident import notify as told

    done = told(journal=s.journal, incident_id=incident_id, role=role, channel=channel, at=at, operator=s.operator,
                guideline_root=s.pinned, lang=s.lang, person=person, title=title)  # fmt: skip
    key = "already_notified" if done.already else "notified"
    said(key, s.lang, id=incident_id, role=done.what, channel=done.how, at=done.at)


@command(*ON_INCIDENT)
def done(s: Session, incident_id: IdArgument, action: ActionArgument, at: AtOption = None) -> None:
    """Tandai satu tindakan selesai. / Mark an action done."""
    from pasopati_cli.app.incident import done as finished

    step = finished(journal=s.journal, incident_id=incident_id, action=action, at=at, operator=s.operator,
                    guideline_root=s.pinned, lang=s.lang)  # fmt: skip
    said("already_done" if step.already else "action_done", s.lang, id=incident_id, action=step.what, at=step.at)


@command(*ON_INCIDENT, *ASKS, "output_format", formats=RESULT_FORMATS)
def raise_level(s: Session, incident_id: IdArgument, level: LevelArgument, reason: RaiseReasonOption = None) -> None:
    """Naikkan tingkat insiden yang masih terbuka, dengan alasan. / Raise an open incident's level."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.incident import raise_level as escalate

    raised = escalate(journal=s.journal, prompter=s.asker(stderr=True), incident_id=incident_id, level=level,
                      reason=reason, operator=s.operator, guideline_root=s.pinned)  # fmt: skip
    emit(raised.as_dict(s.lang)) if s.format == "json" else display(screens.raised(raised, s.lang))


@command(*ON_INCIDENT, *ASKS)
def close(s: Session, incident_id: IdArgument, yes: YesOption = False) -> None:
    """Tutup insiden; setelah ini tidak dapat diubah. / Close the incident; no change after this."""
    from pasopati_cli.app.incident import close as end

    closed = end(journal=s.journal, incident_id=incident_id, operator=s.operator, guideline_root=s.pinned,
                 prompter=s.asker(), confirmed=yes)  # fmt: skip
    if outstanding := closed.outstanding:
        said("closed_outstanding", s.lang, err=True, count=len(outstanding), items=", ".join(outstanding))
    said("closed_now", s.lang, id=incident_id)
    said("verification_code", s.lang, seq=closed.event.seq, code=closed.event.hash)


@command("journal", "lang")
def verify(s: Session, incident_id: Annotated[str | None, typer.Argument(help="Id insiden; bawaan: semua.")] = None,
           head: HeadOption = None) -> None:  # fmt: skip
    """Periksa rantai hash jurnal. / Check the journal's hash chain."""
    from pasopati_cli.app.incident import verify as check_chain

    found = check_chain(journal=s.journal, incident_id=incident_id, head=head)
    said("verified", s.lang, scope=incident_id or "*")
    if found.head_seq is not None:
        said("head_found", s.lang, id=incident_id, seq=found.head_seq, count=found.events)


@command(*ON_INCIDENT)
def fact(s: Session, incident_id: IdArgument, values: ValuesArgument, source: SourceOption = None,
         at: AtOption = None) -> None:  # fmt: skip
    """Catat nilai baru fakta insiden (beberapa sekaligus). / Record new values of the incident's facts."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.facts import record_facts

    recorded = record_facts(journal=s.journal, incident_id=incident_id, assignments=values, source=source, at=at,
                            operator=s.operator, guideline_root=s.pinned, lang=s.lang)  # fmt: skip
    display(screens.facts_recorded(recorded, s.lang))


@command("journal", "output_format", "guideline", "accept", "lang", formats=RESULT_FORMATS)
def facts(s: Session, incident_id: IdArgument) -> None:
    """Lembar fakta insiden dan riwayat tiap fakta. / The incident's fact sheet and each fact's history."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.facts import facts as sheet_of

    view = sheet_of(journal=s.journal, incident_id=incident_id, guideline_root=s.pinned, lang=s.lang)
    emit(view.as_dict()) if s.format == "json" else display(screens.facts(view, s.lang))


@command(*ON_INCIDENT)
def start(s: Session, incident_id: IdArgument, when: WhenArgument,
          reason: Annotated[str | None, typer.Option("--reason", help="Mengapa dikoreksi. / Why.")] = None,
          ) -> None:  # fmt: skip
    """Koreksi waktu mulai insiden, dengan alasan. / Correct when the incident began, with a reason."""
    from pasopati_cli.app.facts import correct_start

    done = correct_start(journal=s.journal, incident_id=incident_id, when=when, reason=reason, operator=s.operator,
                         guideline_root=s.pinned)  # fmt: skip
    said("start_corrected", s.lang, id=incident_id, previous=done.previous_text(s.lang), start=done.start_text(s.lang))


def register(root: typer.Typer, only: str | None = None, listing: bool = False,
             rest: Sequence[str] | None = None) -> None:  # fmt: skip
    """The `incident` group; inside it, like at the top, only the subcommand that `rest` names is built."""
    from pasopati_cli.cli import incident_statements
    from pasopati_cli.cli.common import add_group

    add_group(root, "incident", HELP, {**COMMANDS, **incident_statements.COMMANDS}, register, only, listing, rest)


COMMANDS: dict[str, Callable[..., None] | Later] = {
    "open": Later("pasopati_cli.cli.respond:respond", OPEN_HELP),
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
