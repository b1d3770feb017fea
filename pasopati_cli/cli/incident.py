"""`pasopati incident ...`: the journal of a response, from opening to the post-incident report."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasopati_cli.cli.common import GuidelineOption, LangOption, console, edge, guideline_dir, resolve_lang
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
    UnitOption,
    VarsOption,
    check_result_format,
    interactive,
)
from pasopati_cli.cli.respond import ExerciseOption, JournalOption, OperatorOption, Request, run_response

if TYPE_CHECKING:
    from pasopati_cli.events import Event
    from pasopati_cli.incident import IncidentState
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType, UnitProfile
    from pasopati_cli.problems import Lang
    from pasopati_cli.response import Guide

HELP = "Jurnal insiden: catat, pantau tenggat, laporan. / The incident journal."

IdArgument = Annotated[str, typer.Argument(help="Id insiden, mis. 20261126-0001. / Incident id.")]
OutputFormat = Annotated[str, typer.Option("--format", "-f", help="text atau json.")]


@dataclass
class Opened:
    """An incident as the commands need it: journal state, its playbook and its unit profile."""

    state: IncidentState
    guide: Guide
    crisis: CrisisType
    unit: UnitProfile


def _open(journal: Journal, incident_id: str, guideline: Path | None) -> Opened:
    from pasopati_cli.cli.respond import unit_from_journal
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.response import load_guide

    state = journal.state(incident_id)
    guide = load_guide(guideline_dir(guideline), state.crisis_type)
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
    return Opened(state, guide, guide.crisis(state.crisis_type), unit)


@contextmanager
def _journal(path: Path | None) -> Iterator[Journal]:
    from pasopati_cli.journal import Journal
    from pasopati_cli.recording import journal_path

    with Journal.open(journal_path(path)) as journal:
        yield journal


def _append(journal: Journal, opened: Opened, operator: str | None, kind: str, data: dict[str, Any]) -> Event:
    from pasopati_cli.recording import Recorder, operator_name

    recorder = Recorder(
        journal, opened.state.id, operator_name(operator), opened.guide.version, opened.guide.content_hash()
    )
    return recorder.append(kind, data)


def _moment(text: str | None, unit: UnitProfile, past: bool = True) -> datetime:
    from pasopati_cli.cli.inputs import start_time

    return start_time(text, None, unit, "--at", past)


def _happened(text: str | None, opened: Opened) -> tuple[datetime | None, datetime]:
    """(the `--at` to record, or None for now; the moment in the unit's clock, to say back). A step cannot
    have happened before the incident began."""
    from pasopati_cli import clock
    from pasopati_cli.problems import PasopatiError, problem

    zone = clock.resolve_zone(opened.unit.unit.timezone)
    if not text:
        return None, clock.now(zone)
    moment = _moment(text, opened.unit)
    start = clock.localize(opened.state.start or opened.state.opened_at, zone)
    if moment < start - clock.SKEW:
        began, began_en = clock.format_datetime(start), clock.format_datetime(start, "en")
        raise PasopatiError(
            [
                problem(
                    "P407",
                    detail=f"--at: sebelum insiden dimulai ({began})",
                    detail_en=f"--at: before the incident began ({began_en})",
                )
            ]
        )
    return moment, moment


# --- opening and resuming -------------------------------------------------------------------------


def open_incident(
    crisis_type: Annotated[str | None, typer.Argument(help="Id jenis kejadian; bila kosong, dipilih.")] = None,
    unit: UnitOption = None,
    start: StartOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    raise_to: RaiseOption = None,
    reason: ReasonOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder pernyataan.")] = None,
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
    """Buka insiden baru dengan panduan respons lengkap. / Open an incident with the guided response."""
    run_response(
        Request(
            crisis_type, unit, start, answer, answers, sets, vars_file, raise_to, reason, output, None,
            "markdown", save, interactive(non_interactive, force_interactive), output_format, guideline,
            journal, operator, exercise, people=people, force=force,
        ),
        resolve_lang(lang),
    )  # fmt: skip


def resume(
    incident_id: IdArgument,
    unit: UnitOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    vars_file: VarsOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder pernyataan.")] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    non_interactive: NonInteractiveOption = False,
    force_interactive: InteractiveOption = False,
    output_format: ResultFormatOption = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Lanjutkan respons yang terputus dari langkah terakhir yang tercatat. / Resume an interrupted walk.

    `--answers` takes the file saved when the walk was interrupted, with the facts typed so far."""
    request = Request(
        None, unit, None, answer, answers, sets, vars_file, None, None, output, None, "markdown", None,
        interactive(non_interactive, force_interactive), output_format, guideline, journal, operator, False,
        incident_id,
    )  # fmt: skip
    run_response(request, resolve_lang(lang))


# --- reading --------------------------------------------------------------------------------------


def list_incidents(
    exercise: Annotated[
        bool, typer.Option("--latihan", "--exercise", help="Tampilkan insiden latihan (bukan yang nyata).")
    ] = False,
    journal: JournalOption = None,
    output_format: OutputFormat = "text",
    lang: LangOption = None,
) -> None:
    """Daftar insiden (latihan dipisah). / List incidents (drills kept apart)."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        states, damaged = store.incidents_and_damage(exercise=exercise)
        if damaged:  # named by event; the other incidents are listed as usual
            from dataclasses import replace

            from pasopati_cli.cli.common import print_problems
            from pasopati_cli.problems import Severity

            print_problems([replace(p, severity=Severity.WARNING) for p in damaged], language)
        if output_format == "json":
            rows = [_summary(state) for state in states]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        from rich.table import Table

        from pasopati_cli.messages import t

        table = Table(title=t("incidents_title", language) + (" (LATIHAN)" if exercise else ""), title_justify="left")
        for column in ("id", "type", "level", "start", "status"):
            table.add_column(t(f"col_{column}", language))
        for state in states:
            status = t("closed" if state.closed else "open", language)
            start = state.start.strftime("%Y-%m-%d %H:%M") if state.start else "-"
            table.add_row(state.id, state.crisis_type, state.level or "-", start, status)
        console().print(table)


def _summary(state: IncidentState) -> dict[str, Any]:
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


def show(
    incident_id: IdArgument,
    journal: JournalOption = None,
    output_format: OutputFormat = "text",
    lang: LangOption = None,
) -> None:
    """Ringkasan satu insiden. / One incident's summary."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        state = store.state(incident_id)
        document = {
            **_summary(state),
            "levels": [
                {"level": c.level, "reasons": list(c.reasons), "at": c.at.isoformat(), "by": c.by} for c in state.levels
            ],
            "answers": dict(state.answers),
            "notified": {
                role: {"at": n.at.isoformat(), "by": n.by, "channel": n.channel} for role, n in state.notified.items()
            },
            "actions": {action: {"at": d.at.isoformat(), "by": d.by} for action, d in state.actions.items()},
            "notes": [{"text": n.text, "at": n.at.isoformat(), "by": n.by} for n in state.notes],
            "statements": [
                {"id": s.id, "kind": s.kind, "status": s.status, "approver": s.approver, "content_hash": s.content_hash}
                for s in state.statements.values()
            ],
        }  # fmt: skip
        if output_format == "json":
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            return
        from rich.markup import escape

        from pasopati_cli import clock
        from pasopati_cli.incident_report import status_word
        from pasopati_cli.messages import t

        zone = (state.start or state.opened_at).tzinfo

        def when(moment: datetime) -> str:  # in the unit's clock, as everything the officer reads
            local = moment.astimezone(zone)
            return f"{local:%Y-%m-%d %H.%M} {clock.zone_label(local)}"

        out = console()
        out.print(
            f"[bold]{state.id}[/] {state.crisis_type} · {state.level or '-'} · "
            f"{'LATIHAN · ' if state.exercise else ''}{t('closed' if state.closed else 'open', language)}"
        )
        for change in state.levels:
            out.print(f"  {when(change.at)}  {change.level}  {escape('; '.join(change.reasons))}")
        for role, notice in state.notified.items():
            out.print(f"  {when(notice.at)}  ✓ {role} ({notice.channel or '-'}, {escape(notice.by)})")
        for action, done in state.actions.items():
            out.print(f"  {when(done.at)}  ✓ {action} ({escape(done.by)})")
        for statement in state.statements.values():
            out.print(f"  {statement.id} {statement.kind}: {status_word(statement.status, language)}")


def status(
    incident_id: IdArgument,
    at: Annotated[str | None, typer.Option("--at", help="Hitung pada waktu ini (bawaan: sekarang).")] = None,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    output_format: OutputFormat = "text",
    lang: LangOption = None,
) -> None:
    """Apa yang jatuh tempo dan apa yang terlambat, dalam jam satuan kerja. / What is due and overdue."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        from pasopati_cli import clock
        from pasopati_cli.followup import due_items, incident_plan

        opened = _open(store, incident_id, guideline)
        state = opened.state
        zone = clock.resolve_zone(opened.unit.unit.timezone)
        now = _moment(at, opened.unit, past=False) if at else clock.now(zone)
        level = state.level or opened.crisis.base_level
        items = due_items(incident_plan(opened.guide.guideline, opened.crisis, state, opened.unit), state)
        if output_format == "json":
            document = _status_document(state, level, items, now, language)
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            return
        _print_status(opened, items, now, language)


def _status_document(state: IncidentState, level: str, items: list[Any], now: datetime, lang: Lang) -> dict[str, Any]:
    return {
        "id": state.id,
        "level": level,
        "now": now.isoformat(),
        "closed": state.closed,
        "items": [item.as_dict(now, lang) for item in items],
    }


def _print_status(opened: Opened, items: list[Any], now: datetime, lang: Lang) -> None:
    from rich.markup import escape
    from rich.table import Table

    from pasopati_cli import clock
    from pasopati_cli.messages import t

    reference = clock.localize(now, clock.resolve_zone(opened.unit.unit.timezone))
    state = opened.state
    title = t("status_title", lang, id=state.id, level=opened.guide.guideline.level(state.level or "").title.get(lang)
              if state.level else "-", now=clock.format_datetime(reference, lang))  # fmt: skip
    table = Table(title=("LATIHAN · " if state.exercise else "") + title, title_justify="left", expand=True)
    table.add_column(t("deadline", lang), ratio=2)
    table.add_column(t("col_item", lang), ratio=5)
    table.add_column(t("person", lang), ratio=2)
    table.add_column(t("col_status", lang), ratio=3, min_width=18)
    for item in items:
        deadline = clock.format_clock(clock.localize(item.deadline, reference.tzinfo), reference, lang)  # type: ignore[arg-type]
        if item.done_at is not None:
            done = clock.format_clock(clock.localize(item.done_at, reference.tzinfo), reference, lang)  # type: ignore[arg-type]
            mark = (
                f"[yellow]{t('done_late', lang, at=done)}[/]"
                if item.late()
                else f"[green]{t('done_at', lang, at=done)}[/]"
            )
        elif item.overdue(now):
            mark = f"[bold red]{t('overdue', lang, delay=clock.format_span(now - item.deadline, lang))}[/]"
        else:
            mark = t("left", lang, delay=clock.format_span(item.deadline - now, lang))
        label = f"{escape(item.label(lang))}\n[dim]{escape(item.command())}[/]"  # what to type when done
        table.add_row(deadline, label, escape(item.who), mark)
    console().print(table)


# --- recording steps ------------------------------------------------------------------------------


def log(
    incident_id: IdArgument,
    text: Annotated[str, typer.Argument(help="Catatan. / The note.")],
    people: PersonOption = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Catat kegiatan (ICS 214). / Log an activity."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        from pasopati_cli.events import NOTE

        opened = _open(store, incident_id, guideline)
        data: dict[str, object] = {"text": text}
        if people:
            data["people"] = list(people)
        _append(store, opened, operator, NOTE, data)
        typer.echo(_said("logged", language, id=incident_id))


def notify(
    incident_id: IdArgument,
    role: Annotated[str, typer.Argument(help="Id peran yang sudah diberi tahu. / Role told.")],
    channel: Annotated[str | None, typer.Option("--channel", "-c", help="Saluran yang dipakai.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="Kapan (bawaan: sekarang).")] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tandai satu peran sudah diberi tahu: kapan, oleh siapa, lewat apa. / Mark a role as told."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        from pasopati_cli.events import ROLE_NOTIFIED
        from pasopati_cli.problems import PasopatiError, problem

        opened = _open(store, incident_id, guideline)
        known = {r.id: r for r in opened.guide.guideline.roles}
        if role not in known:
            hint = f" ({', '.join(known)})"
            raise PasopatiError([problem("P201", what="peran", what_en="role", name=role, hint=hint)])
        from typing import get_args

        from pasopati_cli.messages import channel as channel_name
        from pasopati_cli.messages import channel_id
        from pasopati_cli.model import Channel

        used = (channel_id(channel) or channel) if channel else known[role].channels[0]
        if used not in get_args(Channel):  # any real channel, not only the role's usual ones
            hint = f" ({', '.join(get_args(Channel))})"
            raise PasopatiError([problem("P201", what="saluran", what_en="channel", name=used, hint=hint)])
        moment, when = _happened(at, opened)
        data: dict[str, Any] = {"role": role, "channel": used}
        if moment is not None:
            data["at"] = moment.isoformat()
        _append(store, opened, operator, ROLE_NOTIFIED, data)
        title = known[role].title.get(language)
        said_channel = channel_name(used, language)
        typer.echo(
            _said("notified", language, id=incident_id, role=title, channel=said_channel, at=_clock(when, language))
        )


def done(
    incident_id: IdArgument,
    action: Annotated[str, typer.Argument(help="Id tindakan dari daftar tindakan. / Action id.")],
    at: Annotated[str | None, typer.Option("--at", help="Kapan (bawaan: sekarang).")] = None,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tandai satu tindakan selesai. / Mark an action done."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        from pasopati_cli.events import ACTION_DONE
        from pasopati_cli.problems import PasopatiError, problem

        opened = _open(store, incident_id, guideline)
        known = {a.id: a for a in opened.crisis.actions}
        if action not in known:
            hint = f" ({', '.join(known)})" if len(known) <= 15 else ""
            raise PasopatiError([problem("P201", what="tindakan", what_en="action", name=action, hint=hint)])
        moment, when = _happened(at, opened)
        data: dict[str, Any] = {"action": action}
        if moment is not None:
            data["at"] = moment.isoformat()
        _append(store, opened, operator, ACTION_DONE, data)
        text = known[action].text.get(language)
        typer.echo(_said("action_done", language, id=incident_id, action=text, at=_clock(when, language)))


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
    output_format: OutputFormat = "text",
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Naikkan tingkat insiden yang masih terbuka, dengan alasan. / Raise an open incident's level."""
    language = resolve_lang(lang)
    check_result_format(output_format)
    why = (reason or "").strip()
    asking = interactive(non_interactive, force_interactive)
    if not why and not asking:
        raise typer.BadParameter(
            "alasan menaikkan tingkat wajib diisi bila tidak interaktif / "
            "the reason for raising the level is required when not interactive",
            param_hint="--reason",
        )
    with edge(language), _journal(journal) as store:
        from pasopati_cli import clock
        from pasopati_cli.events import LEVEL_RAISED
        from pasopati_cli.followup import check_raise, due_items, incident_plan

        opened = _open(store, incident_id, guideline)
        if opened.state.closed:
            raise store.closed_error(incident_id)
        level = opened.guide.guideline.find_level(level) or level  # "Darurat" or "emergency" as well as the id
        check_raise(opened.guide.guideline, opened.crisis, opened.state, level)
        if not why:
            from pasopati_cli.cli.walk import ask_reason
            from pasopati_cli.prompts import Asker

            why = ask_reason(Asker(console(stderr=True), language), language)
        with store.transaction():  # another terminal may have raised it meanwhile: check again, then write
            before = store.state(incident_id)
            check_raise(opened.guide.guideline, opened.crisis, before, level)
            event = _append(store, opened, operator, LEVEL_RAISED, {"level": level, "reason": why})
        state = store.state(incident_id)
        raised = Opened(state, opened.guide, opened.crisis, opened.unit)
        items = due_items(incident_plan(opened.guide.guideline, opened.crisis, state, opened.unit), state)
        now = clock.localize(event.at, clock.resolve_zone(opened.unit.unit.timezone))
        titles = {known.id: known.title.get(language) for known in opened.guide.guideline.levels}
        old = before.level or opened.crisis.base_level
        if output_format == "json":
            document = {
                **_status_document(state, level, items, now, language),
                "exercise": state.exercise,
                "raised": {"from": old, "to": level, "reason": why, "by": event.operator, "at": now.isoformat()},
            }
            sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            return
        said = _said("level_raised", language, id=state.id, old=titles.get(old, old), new=titles[level],
                     by=event.operator, reason=why)  # fmt: skip
        typer.echo(("LATIHAN · " if state.exercise else "") + said)
        _print_status(raised, items, now, language)


def close(
    incident_id: IdArgument,
    journal: JournalOption = None,
    operator: OperatorOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tutup insiden; setelah ini tidak dapat diubah. / Close the incident; no change after this."""
    language = resolve_lang(lang)
    with edge(language), _journal(journal) as store:
        from pasopati_cli.events import CLOSED
        from pasopati_cli.followup import due_items, incident_plan

        opened = _open(store, incident_id, guideline)
        state = opened.state
        plan = incident_plan(opened.guide.guideline, opened.crisis, state, opened.unit)
        outstanding = [
            item.command() for item in due_items(plan, state) if item.done_at is None and item.what != "statement"
        ]
        # Closing with gaps is allowed (a partner not needed after all); the record says so, and so do we.
        event = _append(store, opened, operator, CLOSED, {"outstanding": outstanding} if outstanding else {})
        if outstanding:
            sys.stderr.write(
                _said("closed_outstanding", language, count=len(outstanding), items=", ".join(outstanding)) + "\n"
            )
        typer.echo(_said("closed_now", language, id=incident_id))
        typer.echo(_said("verification_code", language, seq=event.seq, code=event.hash))


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
    language = resolve_lang(lang)
    if head is not None and incident_id is None:
        raise typer.BadParameter("--head needs an incident id / --head perlu id insiden", param_hint="--head")
    with edge(language), _journal(journal) as store:
        from pasopati_cli.problems import PasopatiError

        problems = store.verify(incident_id, head=head)  # an unknown id is a problem, not a clean chain
        if problems:
            raise PasopatiError(problems)
        typer.echo(_said("verified", language, scope=incident_id or "*"))
        events = store.events(incident_id) if head is not None and incident_id is not None else []
        found = [e.seq for e in events if head is not None and e.hash == head.strip().lower()]
        if found:
            typer.echo(_said("head_found", language, id=incident_id, seq=found[0], count=len(events)))


def _clock(moment: datetime, lang: Lang) -> str:
    """A moment as the officer's clock shows it, with the date when it is not today."""
    from pasopati_cli import clock

    return clock.format_clock(moment, clock.now(moment.tzinfo or clock.resolve_zone("WIB")), lang)


def _said(key: str, lang: Lang, **values: object) -> str:
    from pasopati_cli.messages import t

    return t(key, lang, **values)


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
    "open": open_incident,
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
