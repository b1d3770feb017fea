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
    AnswerOption,
    AnswersOption,
    ExerciseOption,
    ForceOption,
    GuidelineOption,
    JournalOption,
    LangOption,
    NonInteractiveOption,
    OperatorOption,
    OutputFileOption,
    OutputFolderOption,
    ResultFormatOption,
    SetOption,
    UnitOption,
    check_choice,
    console,
    display,
    edge,
    emit,
    guideline_dir,
    journal_at,
    print_problems,
    prompter,
    refuse_unreleasable,
    said,
)

if TYPE_CHECKING:
    from pasopati_cli.app.monitor import Tick

HELP = "Pemantauan media: sumber berita, isu, tanggapan, laporan harian. / Media monitoring."
RESULT_FORMATS = ("text", "json")
FeedOption = Annotated[
    list[str] | None,
    typer.Option("--feed", help="Alamat feed (boleh berulang); bawaan: semua sumber di berkas pemantauan.",
                 show_default=False),
]  # fmt: skip
IssueArgument = Annotated[str, typer.Argument(help="Nomor isu (mis. M12). / Issue id.")]
NoteOption = Annotated[str | None, typer.Option("--reason", help="Alasan atau catatan. / Why.", show_default=False)]


def _store(journal: Path | None) -> Path:
    from pasopati_cli.app.monitor import monitor_store

    return monitor_store(journal)


def poll(feed: FeedOption = None, unit: UnitOption = None, output_format: ResultFormatOption = "text",
         journal: JournalOption = None, guideline: GuidelineOption = None,
         lang: LangOption = None) -> None:  # fmt: skip
    """Ambil semua sumber sekali; simpan dan kelompokkan berita baru. / Poll every source once."""
    check_choice(output_format, RESULT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.monitor import poll_feeds

        done = poll_feeds(guideline=guideline_dir(guideline), unit=unit, feeds=feed or (), store_file=_store(journal))
        emit(done.as_dict(language)) if output_format == "json" else display(screens.poll(done, language))
        if done.problems():
            print_problems(done.problems(), language)
            raise typer.Exit(EXIT_INVALID)


def watch(
    every: Annotated[str | None, typer.Option("--every", help="Selang antarpengambilan (30s, 5m, 1h); bawaan: "
                                              "selang tiap sumber.", show_default=False)] = None,
    on_alert: Annotated[str | None, typer.Option("--on-alert", help="Perintah untuk tiap isu relevan baru (JSON di "
                                                 "stdin; tanpa shell). / Run for each new relevant issue.",
                                                 show_default=False)] = None,
    max_polls: Annotated[int | None, typer.Option("--max-polls", min=1, help="Berhenti setelah N kali pengambilan.",
                                                  show_default=False)] = None,
    feed: FeedOption = None, unit: UnitOption = None, journal: JournalOption = None,
    guideline: GuidelineOption = None, lang: LangOption = None,
) -> None:  # fmt: skip
    """Pantau terus dengan jadwal; isu relevan baru ditampilkan dan diberitakan. / Watch on a schedule."""
    with edge(lang) as language:
        from rich.live import Live

        from pasopati_cli.app import screens
        from pasopati_cli.app.monitor import watch as run
        from pasopati_cli.cli.views import renderable

        out = console()
        live = (
            Live(renderable(screens.watch(None, language)), console=out, auto_refresh=False)
            if out.is_terminal
            else None
        )

        def show(tick: Tick) -> None:
            if any(issue.sentiment == "negatif" for issue in tick.alerts):
                out.bell()
            print_problems(list(tick.problems), language)
            if live is not None:
                live.update(renderable(screens.watch(tick, language)), refresh=True)
            else:  # a log, not a screen: each poll once, with what it brought
                out.print(renderable(screens.watch(tick, language, table=bool(tick.alerts))))

        with live if live is not None else nullcontext():
            run(guideline=guideline_dir(guideline), unit=unit, feeds=feed or (), store_file=_store(journal),
                every=every, on_alert=on_alert, max_polls=max_polls, show=show)  # fmt: skip


def list_issues(
    status: Annotated[str | None, typer.Option("--status", help="baru, ditinjau, ditanggapi atau diabaikan.",
                                               show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Sejak tanggal/waktu (2026-11-26).",
                                              show_default=False)] = None,
    include_all: Annotated[bool, typer.Option("--all", help="Termasuk berita yang tidak relevan.")] = False,
    unit: UnitOption = None, output_format: ResultFormatOption = "text", journal: JournalOption = None,
    lang: LangOption = None,
) -> None:  # fmt: skip
    """Daftar isu. / List issues."""
    check_choice(output_format, RESULT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.monitor_issues import list_issues as listed

        found = listed(store_file=_store(journal), status=status, since=since, unit=unit,
                       include_irrelevant=include_all)  # fmt: skip
        if output_format == "json":
            return emit({"issues": [issue.as_dict() for issue in found]})
        display(screens.issues(found, language))


def show(issue: IssueArgument, output_format: ResultFormatOption = "text", journal: JournalOption = None,
         lang: LangOption = None) -> None:  # fmt: skip
    """Rincian satu isu: berita, media, kata yang cocok, tanggapan. / One issue in full."""
    check_choice(output_format, RESULT_FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app import screens
        from pasopati_cli.app.monitor_issues import show_issue

        detail = show_issue(store_file=_store(journal), issue=issue)
        emit(detail.as_dict()) if output_format == "json" else display(screens.issue(detail, language))


def _set_status(issue: str, status: str, reason: str | None, operator: str | None, journal: Path | None,
                lang: str | None) -> None:  # fmt: skip
    with edge(lang):
        from pasopati_cli.app.monitor_issues import set_status

        updated = set_status(store_file=_store(journal), issue=issue, status=status, reason=reason, operator=operator)
        typer.echo(f"M{updated.id}: {updated.status}")


def dismiss(issue: IssueArgument, reason: NoteOption = None, operator: OperatorOption = None,
            journal: JournalOption = None, lang: LangOption = None) -> None:  # fmt: skip
    """Abaikan isu, dengan alasan. / Dismiss an issue, with a reason."""
    _set_status(issue, "diabaikan", reason, operator, journal, lang)


def review(issue: IssueArgument, reason: NoteOption = None, operator: OperatorOption = None,
           journal: JournalOption = None, lang: LangOption = None) -> None:  # fmt: skip
    """Tandai isu sudah ditinjau. / Mark an issue reviewed."""
    _set_status(issue, "ditinjau", reason, operator, journal, lang)


def respond(
    issue: IssueArgument,
    crisis_type: Annotated[str | None, typer.Option("--type", help="Jenis kejadian; bawaan: yang disarankan isu, "
                                                    "atau berita_negatif.", show_default=False)] = None,
    unit: UnitOption = None, answer: AnswerOption = None, answers: AnswersOption = None, sets: SetOption = None,
    output: OutputFolderOption = None,
    document_format: Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")] = "markdown",
    exercise: ExerciseOption = False, non_interactive: NonInteractiveOption = False,
    output_format: ResultFormatOption = "text", operator: OperatorOption = None, journal: JournalOption = None,
    guideline: GuidelineOption = None, lang: LangOption = None,
) -> None:  # fmt: skip
    """Tanggapi isu: respons terisi media, judul, tautan, waktu terbit dan sebaran. / Respond to an issue."""
    check_choice(output_format, RESULT_FORMATS)
    check_choice(document_format, ("markdown", "text", "html"), "--statement-format")
    with journal_at(journal, lang) as (store, language):
        from pasopati_cli.app import screens
        from pasopati_cli.app.inputs import gather
        from pasopati_cli.app.monitor_issues import respond as run

        asker = prompter(non_interactive, False, language)
        inputs = gather(answer=answer, answers_file=answers, sets=sets)
        done = run(journal=store, prompter=asker, store_file=_store(journal), issue=issue,
                   guideline_root=guideline_dir(guideline), inputs=inputs,
                   lang=language, crisis_type=crisis_type, unit=unit, operator=operator, output=output,
                   document_format=document_format, exercise=exercise)  # fmt: skip
        if output_format == "json":
            emit(done.responded.as_dict())
        else:
            display(screens.response(done.responded, not asker.pauses, language))
            said("issue_answered", language, err=True, issue=done.linked.issue.id, id=done.linked.incident_id)
        refuse_unreleasable(done.responded.findings, language)


def report(
    day: Annotated[str | None, typer.Option("--date", help="Tanggal (2026-11-26); bawaan: hari ini.",
                                            show_default=False)] = None,
    report_format: Annotated[str, typer.Option("--format", "-f", help="md, html atau json.")] = "md",
    output: OutputFileOption = None, force: ForceOption = False, unit: UnitOption = None,
    journal: JournalOption = None, lang: LangOption = None,
) -> None:  # fmt: skip
    """Laporan monitoring media harian. / The daily media-monitoring report."""
    check_choice(report_format, ("md", "html", "json"))
    with edge(lang) as language:
        from pasopati_cli.app.monitor_issues import daily_report

        done = daily_report(store_file=_store(journal), day=day, unit=unit, report_format=report_format,
                            lang=language, output=output, force=force)  # fmt: skip
        typer.echo(str(done.written), err=True) if done.written else sys.stdout.write(done.text)


def register(root: typer.Typer, only: str | None = None, listing: bool = False,
             rest: Sequence[str] | None = None) -> None:  # fmt: skip
    """The `monitor` group; only the subcommand that `rest` names is built."""
    from pasopati_cli.cli.common import add_commands, listed, wanted

    if listing:
        root.command("monitor", help=HELP)(listed(register))
        return
    group = typer.Typer(name="monitor", help=HELP, no_args_is_help=True)
    sub, sub_listing = (None, False) if rest is None else wanted(rest, COMMANDS)
    add_commands(group, COMMANDS, sub, sub_listing)
    root.add_typer(group, name="monitor")


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
