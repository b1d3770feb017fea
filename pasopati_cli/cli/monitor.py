"""`pasopati monitor`: watch the news, understand each story, work the issues, report the day.

The edge only: options -> one keyword-only call into app/monitor or app/monitor_issues -> render -> exit code.
The monitoring store lives beside the journal (`--journal`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pasopati_cli.cli.common import (
    EXIT_INVALID,
    RESULT_FORMATS,
    AnswerOption,
    AnswersOption,
    ExerciseOption,
    ForceOption,
    JournalOption,
    OutputFileOption,
    OutputFolderOption,
    Session,
    SetOption,
    UnitOption,
    check_choice,
    command,
    console,
    display,
    emit,
    print_problems,
    refuse_unreleasable,
    said,
)

if TYPE_CHECKING:
    from pasopati_cli.app.monitor import Tick

HELP = "Pemantauan media: sumber berita, isu, tanggapan, laporan harian. / Media monitoring."
FeedOption = Annotated[
    list[str] | None,
    typer.Option("--feed", help="Alamat feed (boleh berulang); bawaan: semua sumber di berkas pemantauan.",
                 show_default=False),
]  # fmt: skip
IssueArgument = Annotated[str, typer.Argument(help="Nomor isu (mis. M12). / Issue id.")]
NoteOption = Annotated[str | None, typer.Option("--reason", help="Alasan atau catatan. / Why.", show_default=False)]
StoreOption = JournalOption  # the monitoring store lives beside the journal
EveryOption = Annotated[str | None, typer.Option("--every", show_default=False, help="Selang antarpengambilan (30s, "
                        "5m, 1h); bawaan: selang tiap sumber.")]  # fmt: skip
OnAlertOption = Annotated[str | None, typer.Option("--on-alert", show_default=False, help="Perintah untuk tiap isu "
                          "relevan baru (JSON di stdin; tanpa shell). / Run for each new relevant issue.")]  # fmt: skip
MaxPollsOption = Annotated[int | None, typer.Option("--max-polls", min=1, show_default=False, help="Berhenti setelah N "
                           "kali pengambilan.")]  # fmt: skip
StatusOption = Annotated[str | None, typer.Option("--status", show_default=False, help="baru, ditinjau, ditanggapi "
                         "atau diabaikan.")]  # fmt: skip
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Sejak tanggal/waktu (2026-11-26).", show_default=False)
]
AllOption = Annotated[bool, typer.Option("--all", help="Termasuk berita yang tidak relevan.")]
TypeOption = Annotated[str | None, typer.Option("--type", show_default=False, help="Jenis kejadian; bawaan: yang "
                       "disarankan isu, atau berita_negatif.")]  # fmt: skip
StatementFormatOption = Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")]
DateOption = Annotated[str | None, typer.Option("--date", help="Tanggal (2026-11-26); bawaan: hari ini.",
                                                show_default=False)]  # fmt: skip
MonitorReportFormatOption = Annotated[str, typer.Option("--format", "-f", help="md, html atau json.")]


def _store(journal: Path | None) -> Path:
    from pasopati_cli.app.monitor import monitor_store

    return monitor_store(journal)


@command("guideline", "output_format", "lang", formats=RESULT_FORMATS)
def poll(s: Session, feed: FeedOption = None, unit: UnitOption = None, journal: StoreOption = None) -> None:
    """Ambil semua sumber sekali; simpan dan kelompokkan berita baru. / Poll every source once."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.monitor import poll_feeds

    done = poll_feeds(guideline=s.root, unit=unit, feeds=feed or (), store_file=_store(journal))
    emit(done.as_dict(s.lang)) if s.format == "json" else display(screens.poll(done, s.lang))
    if done.problems():
        print_problems(done.problems(), s.lang)
        raise typer.Exit(EXIT_INVALID)


@command("guideline", "lang")
def watch(s: Session, every: EveryOption = None, on_alert: OnAlertOption = None, max_polls: MaxPollsOption = None,
          feed: FeedOption = None, unit: UnitOption = None, journal: StoreOption = None) -> None:  # fmt: skip
    """Pantau terus dengan jadwal; isu relevan baru ditampilkan dan diberitakan. / Watch on a schedule."""
    from rich.live import Live

    from pasopati_cli.app import screens
    from pasopati_cli.app.monitor import watch as run
    from pasopati_cli.cli.views import renderable

    out = console()
    live = Live(renderable(screens.watch(None, s.lang)), console=out, auto_refresh=False) if out.is_terminal else None

    def show(tick: Tick) -> None:
        if any(issue.sentiment == "negatif" for issue in tick.alerts):
            out.bell()
        print_problems(list(tick.problems), s.lang)
        if live is not None:
            live.update(renderable(screens.watch(tick, s.lang)), refresh=True)
        else:  # a log, not a screen: each poll once, with what it brought
            out.print(renderable(screens.watch(tick, s.lang, table=bool(tick.alerts))))

    with live if live is not None else nullcontext():
        run(guideline=s.root, unit=unit, feeds=feed or (), store_file=_store(journal), every=every,
            on_alert=on_alert, max_polls=max_polls, show=show)  # fmt: skip


@command("output_format", "lang", formats=RESULT_FORMATS)
def list_issues(s: Session, status: StatusOption = None, since: SinceOption = None, include_all: AllOption = False,
                unit: UnitOption = None, journal: StoreOption = None) -> None:  # fmt: skip
    """Daftar isu. / List issues."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.monitor_issues import list_issues as listed

    found = listed(store_file=_store(journal), status=status, since=since, unit=unit, include_irrelevant=include_all)
    if s.format == "json":
        return emit({"issues": [issue.as_dict() for issue in found]})
    display(screens.issues(found, s.lang))


@command("output_format", "lang", formats=RESULT_FORMATS)
def show(s: Session, issue: IssueArgument, journal: StoreOption = None) -> None:
    """Rincian satu isu: berita, media, kata yang cocok, tanggapan. / One issue in full."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.monitor_issues import show_issue

    detail = show_issue(store_file=_store(journal), issue=issue)
    emit(detail.as_dict()) if s.format == "json" else display(screens.issue(detail, s.lang))


def _set_status(s: Session, issue: str, status: str, reason: str | None, journal: Path | None) -> None:
    from pasopati_cli.app.monitor_issues import set_status

    updated = set_status(store_file=_store(journal), issue=issue, status=status, reason=reason, operator=s.operator)
    typer.echo(f"M{updated.id}: {updated.status}")


@command("operator", "lang")
def dismiss(s: Session, issue: IssueArgument, reason: NoteOption = None, journal: StoreOption = None) -> None:
    """Abaikan isu, dengan alasan. / Dismiss an issue, with a reason."""
    _set_status(s, issue, "diabaikan", reason, journal)


@command("operator", "lang")
def review(s: Session, issue: IssueArgument, reason: NoteOption = None, journal: StoreOption = None) -> None:
    """Tandai isu sudah ditinjau. / Mark an issue reviewed."""
    _set_status(s, issue, "ditinjau", reason, journal)


@command("journal", "operator", "non_interactive", "output_format", "guideline", "lang", formats=RESULT_FORMATS)
def respond(s: Session, issue: IssueArgument, crisis_type: TypeOption = None, unit: UnitOption = None,
            answer: AnswerOption = None, answers: AnswersOption = None, sets: SetOption = None,
            output: OutputFolderOption = None, document_format: StatementFormatOption = "markdown",
            exercise: ExerciseOption = False) -> None:  # fmt: skip
    """Tanggapi isu: respons terisi media, judul, tautan, waktu terbit dan sebaran. / Respond to an issue."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.monitor_issues import respond as run

    check_choice(document_format, ("markdown", "text", "html"), "--statement-format")
    asker = s.asker()
    done = run(journal=s.journal, prompter=asker, store_file=_store(s.options["journal"]), issue=issue,
               guideline_root=s.root, inputs=gather(answer=answer, answers_file=answers, sets=sets), lang=s.lang,
               crisis_type=crisis_type, unit=unit, operator=s.operator, output=output,
               document_format=document_format, exercise=exercise)  # fmt: skip
    if s.format == "json":
        emit(done.responded.as_dict())
    else:
        display(screens.response(done.responded, not asker.pauses, s.lang))
        said("issue_answered", s.lang, err=True, issue=done.linked.issue.id, id=done.linked.incident_id)
    refuse_unreleasable(done.responded.findings, s.lang)


@command("lang")
def report(s: Session, day: DateOption = None, report_format: MonitorReportFormatOption = "md",
           output: OutputFileOption = None, force: ForceOption = False, unit: UnitOption = None,
           journal: StoreOption = None) -> None:  # fmt: skip
    """Laporan monitoring media harian. / The daily media-monitoring report."""
    from pasopati_cli.app.monitor_issues import daily_report

    check_choice(report_format, ("md", "html", "json"))
    done = daily_report(store_file=_store(journal), day=day, unit=unit, report_format=report_format, lang=s.lang,
                        output=output, force=force)  # fmt: skip
    typer.echo(str(done.written), err=True) if done.written else sys.stdout.write(done.text)


def register(root: typer.Typer, only: str | None = None, listing: bool = False,
             rest: Sequence[str] | None = None) -> None:  # fmt: skip
    """The `monitor` group; only the subcommand that `rest` names is built."""
    from pasopati_cli.cli.common import add_group

    add_group(root, "monitor", HELP, COMMANDS, register, only, listing, rest)


COMMANDS: dict[str, Callable[..., None]] = {
    "poll": poll,
    "watch": watch,
    "list": list_issues,
    "show": show,
    "review": review,
    "dismiss": dismiss,
    "respond": respond,
    "report": report,
}
