"""`pasopati monitor`: watch the news, understand each story, work the issues, report the day.

The edge only: options -> one call into app.monitor -> print -> exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasopati_cli.cli.common import (
    EXIT_INVALID,
    GuidelineOption,
    LangOption,
    console,
    edge,
    guideline_dir,
    print_problems,
    resolve_lang,
)
from pasopati_cli.cli.inputs import (
    AnswerOption,
    AnswersOption,
    NonInteractiveOption,
    ResultFormatOption,
    SetOption,
    UnitOption,
    check_result_format,
    interactive,
)

if TYPE_CHECKING:
    from rich.table import Table

    from pasopati_cli.app.monitor import PollOutcome
    from pasopati_cli.monitor.issues import IssueSummary
    from pasopati_cli.problems import Lang

HELP = "Pemantauan media: sumber berita, isu, tanggapan, laporan harian. / Media monitoring."
JournalOption = Annotated[
    Path | None,
    typer.Option(
        "--journal",
        envvar="PASOPATI_JOURNAL",
        help="Berkas jurnal; data pemantauan disimpan di sebelahnya (*.monitor.sqlite3). / Journal file.",
        show_default=False,
    ),
]
FeedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--feed", help="Alamat feed (boleh berulang); bawaan: semua sumber di berkas pemantauan.", show_default=False
    ),
]
IssueArgument = Annotated[str, typer.Argument(help="Nomor isu (mis. M12). / Issue id.")]
_TONE_STYLE = {"negatif": "bold red", "netral": "", "positif": "green"}


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _json(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


# --- poll and watch ------------------------------------------------------------------------------


def poll(
    feed: FeedOption = None,
    unit: UnitOption = None,
    output_format: ResultFormatOption = "text",
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Ambil semua sumber sekali; simpan dan kelompokkan berita baru. / Poll every source once."""
    check_result_format(output_format)
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.app import monitor as app

        setup = app.load_setup(guideline=guideline_dir(guideline), unit=unit, feeds=feed or ())
        outcome = app.poll(setup=setup, store_file=app.monitor_store(journal))
    if output_format == "json":
        _json(outcome.as_dict(language))
    else:
        _print_poll(outcome, language)
    failed = outcome.problems()
    if failed:
        print_problems(failed, language)
        raise typer.Exit(EXIT_INVALID)


def _print_poll(outcome: PollOutcome, lang: Lang) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    feeds = Table(title="Sumber" if lang == "id" else "Sources", title_justify="left")
    for column in ("sumber", "status", "baru", "keterangan") if lang == "id" else ("source", "status", "new", "note"):
        feeds.add_column(column)
    for feed in outcome.feeds:
        note = feed.error.message(lang) if feed.error else ""
        style = "red" if feed.status == "error" else ""
        feeds.add_row(
            escape(feed.name), f"[{style}]{feed.status}[/]" if style else feed.status, str(feed.new), escape(note)
        )
    out.print(feeds)
    relevant = [issue for issue in outcome.issues if issue.relevant != "none"]
    if relevant:
        out.print(_issue_table(relevant, lang, "Isu relevan" if lang == "id" else "Relevant issues"))
    else:
        out.print("Tidak ada isu relevan yang baru." if lang == "id" else "No new relevant issues.")


def _issue_table(issues: Sequence[IssueSummary], lang: Lang, title: str | None = None) -> Table:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    heads = ("isu", "judul", "media", "relevan", "jenis", "sentimen", "status")
    for column in heads if lang == "id" else ("issue", "title", "outlets", "relevant", "type", "tone", "status"):
        table.add_column(column, overflow="fold")
    for issue in issues:
        tone = _TONE_STYLE.get(issue.sentiment, "")
        table.add_row(
            f"M{issue.id}",
            escape(issue.title),
            f"{issue.outlets} ({issue.outlets_per_hour}/j)"
            if lang == "id"
            else f"{issue.outlets} ({issue.outlets_per_hour}/h)",
            issue.relevant,
            issue.crisis_type or "-",
            f"[{tone}]{issue.sentiment}[/]" if tone else issue.sentiment,
            issue.status,
        )
    return table


def watch(
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            help="Selang antarpengambilan (30s, 5m, 1h); bawaan: selang tersingkat sumber.",
            show_default=False,
        ),
    ] = None,
    on_alert: Annotated[
        str | None,
        typer.Option(
            "--on-alert",
            help="Perintah yang dijalankan untuk tiap isu relevan baru (JSON di stdin; "
            "tanpa shell). / Command run for each new relevant issue.",
            show_default=False,
        ),
    ] = None,
    max_polls: Annotated[
        int | None,
        typer.Option(
            "--max-polls", min=1, help="Berhenti setelah N kali pengambilan. / Stop after N polls.", show_default=False
        ),
    ] = None,
    feed: FeedOption = None,
    unit: UnitOption = None,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Pantau terus dengan jadwal; isu relevan baru ditampilkan dan diberitakan. / Watch on a schedule."""
    language = resolve_lang(lang)
    with edge(language):
        import time
        from dataclasses import replace

        from rich.live import Live

        from pasopati_cli.app import monitor as app

        setup = app.load_setup(guideline=guideline_dir(guideline), unit=unit, feeds=feed or ())
        schedule = app.Schedule(setup.feeds, app.parse_interval(every) if every else None)
        store = app.monitor_store(journal)
        out = console()
        seen: list[IssueSummary] = []
        polls = 0
        live = Live(_watch_view(seen, None, 0, language), console=out, auto_refresh=False) if out.is_terminal else None
        with live if live is not None else nullcontext():
            while True:
                due = schedule.due(time.monotonic())
                outcome = app.poll(setup=replace(setup, feeds=due), store_file=store)
                schedule.polled(due, time.monotonic())
                polls += 1
                alerts = outcome.alerts()
                for issue in alerts:
                    seen.insert(0, issue)
                    if issue.sentiment == "negatif":
                        out.bell()
                    if on_alert:
                        ran = app.run_alert(command=on_alert, issue=issue)
                        if ran.problem is not None:
                            print_problems([ran.problem], language)
                del seen[50:]
                if live is not None:
                    live.update(_watch_view(seen, outcome, polls, language), refresh=True)
                else:  # a log, not a screen: each poll once, with what it brought
                    out.print(_watch_view(alerts, outcome, polls, language, table=bool(alerts)))
                if max_polls is not None and polls >= max_polls:
                    break
                time.sleep(schedule.wait(time.monotonic()))


def _watch_view(
    issues: list[IssueSummary], outcome: PollOutcome | None, polls: int, lang: Lang, table: bool = True
) -> Any:
    from rich.console import Group
    from rich.text import Text

    if outcome is None:
        status = "Mengambil sumber..." if lang == "id" else "Polling sources..."
    else:
        answered, total = outcome.answered, len(outcome.feeds)
        moment = _utcnow().astimezone().strftime("%H:%M:%S")
        new = len(outcome.items)
        status = (
            f"Pengambilan ke-{polls} pukul {moment}: {answered}/{total} sumber menjawab, {new} berita baru."
            if lang == "id"
            else f"Poll {polls} at {moment}: {answered}/{total} sources answered, {new} new stories."
        )
    if not table:
        return Text(status)
    title = "Isu relevan baru" if lang == "id" else "New relevant issues"
    return Group(Text(status), _issue_table(issues, lang, title))


# --- working the issues -----------------------------------------------------------------------------


def list_issues(
    status: Annotated[
        str | None,
        typer.Option("--status", help="baru, ditinjau, ditanggapi atau diabaikan.", show_default=False),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Sejak tanggal/waktu (2026-11-26).", show_default=False)
    ] = None,
    include_all: Annotated[bool, typer.Option("--all", help="Termasuk berita yang tidak relevan.")] = False,
    unit: UnitOption = None,
    output_format: ResultFormatOption = "text",
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Daftar isu. / List issues."""
    check_result_format(output_format)
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.app import monitor_issues as app

        moment = app.parse_moment(since, _zone(unit)) if since else None
        found = app.list_issues(
            store_file=app.monitor_store(journal), status=status, since=moment, include_irrelevant=include_all
        )
    if output_format == "json":
        _json({"issues": [issue.as_dict() for issue in found]})
    elif found:
        console().print(_issue_table(found, language))
    else:
        typer.echo("Tidak ada isu." if language == "id" else "No issues.")


def _zone(unit: Path | None) -> Any:
    from pasopati_cli import clock

    if unit is None:
        return clock.resolve_zone("WIB")
    from pasopati_cli.response import load_unit

    return clock.resolve_zone(load_unit(unit, None).unit.timezone)


def show(
    issue: IssueArgument,
    output_format: ResultFormatOption = "text",
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Rincian satu isu: berita, media, kata yang cocok, tanggapan. / One issue in full."""
    check_result_format(output_format)
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.app import monitor_issues as app

        detail = app.show_issue(store_file=app.monitor_store(journal), issue=issue)
    if output_format == "json":
        _json(detail.as_dict())
        return
    from rich.markup import escape

    out = console()
    s = detail.summary
    out.print(f"[bold]M{s.id}[/] {escape(s.title)}")
    labels = (
        ("status", "relevan", "jenis", "sentimen", "media", "pertama", "terakhir")
        if language == "id"
        else ("status", "relevant", "type", "tone", "outlets", "first", "last")
    )
    values = (
        s.status,
        s.relevant,
        s.crisis_type or "-",
        s.sentiment,
        ", ".join(s.sources),
        s.first_seen.isoformat(),
        s.last_seen.isoformat(),
    )
    for label, value in zip(labels, values, strict=True):
        out.print(f"  {label}: {escape(value)}")
    if s.incident_id:
        answered = "dijawab oleh insiden" if language == "id" else "answered by incident"
        out.print(f"  {answered}: {escape(s.incident_id)} {escape(s.statement_id or '')}")
    if s.reason:
        out.print(f"  {'alasan' if language == 'id' else 'reason'}: {escape(s.reason)}")
    for story in detail.items:
        out.print(f"• {escape(story['source'])}: {escape(story['title'])}")
        if story["url"]:
            out.print(f"  {escape(story['url'])}")
        words = "; ".join(f"{k}: {', '.join(v)}" for k, v in story["matched"].items() if v)
        if words:
            out.print(f"  [dim]{escape(words)}[/]")


def _set_status(
    issue: str, status: str, reason: str | None, operator: str | None, journal: Path | None, lang: str | None
) -> None:
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.app import monitor_issues as app
        from pasopati_cli.recording import operator_name

        updated = app.set_status(
            store_file=app.monitor_store(journal),
            issue=issue,
            status=status,
            reason=reason,
            operator=operator_name(operator),
            now=_utcnow(),
        )
    typer.echo(f"M{updated.id}: {updated.status}")


OperatorOption = Annotated[
    str | None,
    typer.Option("--operator", envvar="PASOPATI_OPERATOR", help="Nama petugas. / The operator.", show_default=False),
]


def dismiss(
    issue: IssueArgument,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Mengapa diabaikan. / Why.", show_default=False)
    ] = None,
    operator: OperatorOption = None,
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Abaikan isu, dengan alasan. / Dismiss an issue, with a reason."""
    _set_status(issue, "diabaikan", reason, operator, journal, lang)


def review(
    issue: IssueArgument,
    reason: Annotated[str | None, typer.Option("--reason", help="Catatan. / A note.", show_default=False)] = None,
    operator: OperatorOption = None,
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Tandai isu sudah ditinjau. / Mark an issue reviewed."""
    _set_status(issue, "ditinjau", reason, operator, journal, lang)


def respond(
    issue: IssueArgument,
    crisis_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="Jenis kejadian; bawaan: response_type berkas pemantauan (berita_negatif).",
            show_default=False,
        ),
    ] = None,
    unit: UnitOption = None,
    answer: AnswerOption = None,
    answers: AnswersOption = None,
    sets: SetOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Folder untuk pernyataan.", show_default=False)
    ] = None,
    document_format: Annotated[str, typer.Option("--statement-format", help="markdown, text, html.")] = "markdown",
    exercise: Annotated[bool, typer.Option("--latihan", "--exercise", help="Insiden latihan. / A drill.")] = False,
    non_interactive: NonInteractiveOption = False,
    output_format: ResultFormatOption = "text",
    operator: OperatorOption = None,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tanggapi isu: respons terisi media, judul, tautan, waktu terbit dan sebaran. / Respond to an issue."""
    check_result_format(output_format)
    language = resolve_lang(lang)
    import tempfile

    from pasopati_cli.cli.respond import Request, run_response
    from pasopati_cli.recording import journal_path, operator_name

    journal_file = journal_path(journal)
    root = guideline_dir(guideline)
    with edge(language):
        from pasopati_cli.app import monitor_issues as app

        store = app.monitor_store(journal)
        prefill = app.prepare_response(
            store_file=store, issue=issue, guideline=root, crisis_type=crisis_type, zone=_zone(unit), now=_utcnow()
        )
        before = app.incident_ids(journal_file=journal_file)
    with tempfile.TemporaryDirectory(prefix="pasopati-isu-") as folder:
        request = Request(
            crisis_type=prefill.crisis_type,
            unit=unit,
            answer=[*prefill.answers, *(answer or [])],
            answers=answers,
            sets=sets,
            vars_file=app.write_facts(prefill=prefill, folder=Path(folder)),
            output=output,
            document_format=document_format,
            is_interactive=interactive(non_interactive, False),
            output_format=output_format,
            guideline=guideline,
            journal=journal_file,
            operator=operator,
            exercise=exercise,
        )
        try:
            run_response(request, language)
        finally:  # a response refused after it was recorded (the disclosure guard) still answers the issue
            with edge(language):
                created = sorted(app.incident_ids(journal_file=journal_file) - before)
                if created:
                    linked = app.link_response(
                        store_file=store,
                        journal_file=journal_file,
                        issue=issue,
                        incident_id=created[-1],
                        operator=operator_name(operator),
                        now=_utcnow(),
                        lang=language,
                    )
                    if output_format != "json":
                        said = "ditanggapi oleh insiden" if language == "id" else "answered by incident"
                        typer.echo(f"M{linked.issue.id}: {said} {linked.incident_id}", err=True)


# --- the daily report ------------------------------------------------------------------------------


def report(
    day: Annotated[
        str | None, typer.Option("--date", help="Tanggal (2026-11-26); bawaan: hari ini.", show_default=False)
    ] = None,
    report_format: Annotated[str, typer.Option("--format", "-f", help="md, html atau json.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas tujuan; bawaan: layar.", show_default=False)
    ] = None,
    unit: UnitOption = None,
    journal: JournalOption = None,
    lang: LangOption = None,
) -> None:
    """Laporan monitoring media harian. / The daily media-monitoring report."""
    if report_format not in ("md", "html", "json"):
        raise typer.BadParameter(f"'{report_format}' (md, html, json)", param_hint="--format")
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.app import monitor_issues as app
        from pasopati_cli.monitor.report import to_html, to_markdown

        zone = _zone(unit)
        now = _utcnow()
        wanted = app.parse_moment(day, zone).date() if day else now.astimezone(zone).date()
        built = app.daily_report(store_file=app.monitor_store(journal), day=wanted, zone=zone, now=now)
        if report_format == "json":
            text = json.dumps(built.as_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = to_html(built, language) if report_format == "html" else to_markdown(built, language)
        if output is None:
            sys.stdout.write(text)
        else:
            from pasopati_cli.cli.walk import write_text

            write_text(output, text)
            typer.echo(str(output), err=True)


def register(
    root: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
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
