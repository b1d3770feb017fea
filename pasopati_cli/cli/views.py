"""How outcomes look in the terminal (Rich): the level with its reasons, the plan, the incident and what is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.table import Table

from pasopati_cli import clock
from pasopati_cli.assign import Plan
from pasopati_cli.messages import channel, t
from pasopati_cli.model import CrisisType, Guideline
from pasopati_cli.problems import Lang
from pasopati_cli.triage import Answer, TriageResult

if TYPE_CHECKING:
    from pasopati_cli.app.coverage import Covered
    from pasopati_cli.app.facts import FactsRecorded, FactsView
    from pasopati_cli.app.incident import Status
    from pasopati_cli.app.monitor import PollOutcome, Tick
    from pasopati_cli.app.monitor_issues import IssueDetail
    from pasopati_cli.app.response import Responded, Types
    from pasopati_cli.incident import IncidentState
    from pasopati_cli.monitor.issues import IssueSummary


def print_triage(console: Console, guideline: Guideline, crisis: CrisisType, result: TriageResult, lang: Lang) -> None:
    level = guideline.level(result.level)
    style = level.color
    console.print(f"[bold {style}]{escape(t('level_is', lang, level=level.title.get(lang).upper()))}[/]")
    console.print(f"  [dim]{escape(level.criteria.get(lang))}[/]")
    base = guideline.level(result.base_level).title.get(lang)
    console.print(f"  • {escape(base)}: {t('base_reason', lang)}")
    for decision in result.decisions:
        title = guideline.level(decision.level).title.get(lang)
        question = crisis.question(decision.question).text.get(lang)
        console.print(
            f"  • {escape(title)}: {escape(decision.reason(lang))} "
            f"[dim]({escape(question)} → {escape(show_answer(crisis, decision.question, decision.answer, lang))})[/]"
        )
    if result.manual is not None:
        title = guideline.level(result.manual.level).title.get(lang)
        console.print(f"  • {escape(title)}: {escape(t('manual_reason', lang, reason=result.manual.reason))}")


def show_answer(crisis: CrisisType, question_id: str, answer: Answer, lang: Lang) -> str:
    question = crisis.question(question_id)
    if isinstance(answer, bool):
        return t("yes" if answer else "no", lang)
    options = getattr(question, "options", None)
    if options:
        for option in options:
            if option.id == answer:
                return str(option.label.get(lang))
    return str(answer)


def print_answers(console: Console, crisis: CrisisType, answers: dict[str, Answer], lang: Lang) -> None:
    table = Table(title=t("summary_title", lang), title_justify="left", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column(t("question", lang))
    table.add_column(t("answer", lang))
    for index, (question_id, answer) in enumerate(answers.items(), start=1):
        table.add_row(
            str(index),
            escape(crisis.question(question_id).text.get(lang)),
            escape(show_answer(crisis, question_id, answer, lang)),
        )
    console.print(table)


def print_plan(console: Console, plan: Plan, lang: Lang) -> None:
    start = plan.start
    console.print(f"{t('start', lang)}: {clock.format_datetime(start, lang)}")
    table = Table(title=t("assign_title", lang), title_justify="left")
    table.add_column(t("deadline", lang), no_wrap=True)
    table.add_column(t("role", lang))
    table.add_column(t("person", lang))
    table.add_column(t("channel", lang))
    for item in plan.assignments:
        person = f"{item.person.name}" + (f"\n{item.person.phone}" if item.person.phone else "")
        role = item.title.get(lang) + (f"\n[dim]{escape(item.task.get(lang))}[/]" if item.task else "")
        table.add_row(
            clock.format_clock(item.deadline, start, lang) + f"\n[dim]({clock.format_delay(item.delay, lang)})[/]",
            role,
            escape(person),
            ", ".join(channel(c, lang) for c in item.channels),
        )
    console.print(table)
    if plan.checklist:
        checklist = Table(title=t("checklist_title", lang), title_justify="left")
        checklist.add_column(t("deadline", lang), no_wrap=True)
        checklist.add_column(t("action", lang))
        checklist.add_column(t("owner", lang))
        for action in plan.checklist:
            deadline = clock.format_clock(action.deadline, start, lang)
            checklist.add_row(deadline, escape(action.text.get(lang)), escape(action.person.name))
        console.print(checklist)
    if plan.statements:
        statements = Table(title=t("statements_title", lang), title_justify="left")
        statements.add_column(t("deadline", lang), no_wrap=True)
        statements.add_column(t("statement", lang))
        for due in plan.statements:
            moment = clock.format_clock(due.deadline, start, lang) if due.deadline else t("if_asked", lang)
            statements.add_row(moment, f"{escape(due.title.get(lang))} [dim]({due.kind})[/]")
        console.print(statements)


def print_types(console: Console, found: Types, lang: Lang) -> None:
    name = found.guideline.name.get(lang)
    table = Table(title=t("list_title", lang, name=name, version=found.version), title_justify="left")
    table.add_column(t("id", lang), no_wrap=True)
    table.add_column(t("title", lang))
    table.add_column(t("summary", lang))
    for crisis in found.types:
        table.add_row(crisis.id, crisis.title.get(lang), crisis.summary.lead(lang))
    console.print(table)


def print_incidents(console: Console, states: list[IncidentState], exercise: bool, lang: Lang) -> None:
    table = Table(title=t("incidents_title", lang) + (" (LATIHAN)" if exercise else ""), title_justify="left")
    for column in ("id", "unit", "type", "level", "start", "status"):
        table.add_column(t(f"col_{column}", lang))
    for state in states:
        status = t("closed" if state.closed else "open", lang)
        start = state.start.strftime("%Y-%m-%d %H:%M") if state.start else "-"
        table.add_row(state.id, escape(state.unit or "-"), state.crisis_type, state.level or "-", start, status)
    console.print(table)


def print_incident(console: Console, state: IncidentState, lang: Lang) -> None:
    from pasopati_cli.incident_report import status_word

    zone = (state.start or state.opened_at).tzinfo

    def at(moment: datetime) -> str:  # in the unit's clock, as everything the officer reads
        local = moment.astimezone(zone)
        return f"{local:%Y-%m-%d %H.%M} {clock.zone_label(local)}"

    console.print(
        f"[bold]{state.id}[/] {state.crisis_type} · {state.level or '-'} · "
        f"{'LATIHAN · ' if state.exercise else ''}{t('closed' if state.closed else 'open', lang)}"
    )
    for change in state.levels:
        console.print(f"  {at(change.at)}  {change.level}  {escape('; '.join(change.reasons))}")
    for role, notice in state.notified.items():
        console.print(f"  {at(notice.at)}  ✓ {role} ({notice.channel or '-'}, {escape(notice.by)})")
    for action, done in state.actions.items():
        console.print(f"  {at(done.at)}  ✓ {action} ({escape(done.by)})")
    for statement in state.statements.values():
        console.print(f"  {statement.id} {statement.kind}: {status_word(statement.status, lang)}")


def print_status(console: Console, status: Status, lang: Lang) -> None:
    opened, now = status.opened, status.now
    reference = clock.localize(now, opened.zone())
    state = opened.state
    level = opened.guide.guideline.level(state.level).title.get(lang) if state.level else "-"
    title = t("status_title", lang, id=state.id, level=level, now=clock.format_datetime(reference, lang))
    table = Table(title=("LATIHAN · " if state.exercise else "") + title, title_justify="left", expand=True)
    table.add_column(t("deadline", lang), ratio=2)
    table.add_column(t("col_item", lang), ratio=5)
    table.add_column(t("person", lang), ratio=2)
    table.add_column(t("col_status", lang), ratio=3, min_width=18)
    zone = reference.tzinfo
    assert zone is not None
    for item in status.items:
        deadline = clock.format_clock(clock.localize(item.deadline, zone), reference, lang)
        if item.done_at is not None:
            done = clock.format_clock(clock.localize(item.done_at, zone), reference, lang)
            key, colour = ("done_late", "yellow") if item.late() else ("done_at", "green")
            mark = f"[{colour}]{t(key, lang, at=done)}[/]"
        elif item.overdue(now):
            mark = f"[bold red]{t('overdue', lang, delay=clock.format_span(now - item.deadline, lang))}[/]"
        else:
            mark = t("left", lang, delay=clock.format_span(item.deadline - now, lang))
        label = f"{escape(item.label(lang))}\n[dim]{escape(item.command())}[/]"  # what to type when done
        table.add_row(deadline, label, escape(item.who), mark)
    console.print(table)


def print_facts_recorded(console: Console, recorded: FactsRecorded, lang: Lang) -> None:
    """What `incident fact` recorded, what it computed, and whether the level must now rise."""
    values = ", ".join(f"{name} = {value}" for name, value in recorded.values.items())
    console.print(escape(t("facts_recorded", lang, id=recorded.incident_id, at=recorded.at_text, values=values)))
    if recorded.derived:
        derived = ", ".join(f"{name} = {value}" for name, value in recorded.derived.items())
        console.print(escape(t("facts_derived", lang, values=derived)))
    if recorded.raise_proposed:
        level, reasons = recorded.required_level, "; ".join(recorded.reasons)
        title = recorded.required_title.upper()
        text = t("facts_raise", lang, id=recorded.incident_id, level=title, level_id=level, reasons=reasons)
        console.print(f"[bold red]{escape(text)}[/]")
    if recorded.open_counts:
        console.print(f"[yellow]{escape(t('facts_open', lang, names=', '.join(recorded.open_counts)))}[/]")


def print_facts(console: Console, view: FactsView, lang: Lang) -> None:
    """The sheet, the running counts first: each fact's current value, then its earlier ones (dimmed) with
    when it became true, who recorded it and where it came from. Long texts are cut to one line here;
    `--format json` has them whole."""
    if not view.sheet.history:
        console.print(t("facts_none", lang, id=view.incident_id))
        return
    headers = [t(f"col_{column}", lang) for column in ("fact", "value", "since", "by", "source")]
    table = Table(*headers, show_header=True, header_style="bold", box=None)
    counted = [name for name in view.labels if name in view.sheet.history]
    ordered = counted + [name for name in view.sheet.history if name not in view.labels]
    now = clock.now(view.zone) if view.zone is not None else None
    for name in ordered:
        for index, version in enumerate(reversed(view.sheet.history[name])):
            when = version.at.astimezone(view.zone) if view.zone is not None else version.at
            table.add_row(
                escape(name if index == 0 else ""),
                escape(_short(version.value, lang)),
                escape(clock.format_clock(when, now or when, lang)),
                escape(version.by),
                escape(version.source or "-"),
                style="" if index == 0 else "dim",
            )
    for name, value in view.derived.items():
        table.add_row(escape(name), escape(value), "=", "", escape(view.labels.get(name, "")), style="italic")
    console.print(table)


def _short(value: object, lang: Lang, width: int = 40) -> str:
    if isinstance(value, bool):
        return ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return clock.format_datetime(moment, lang)
    if isinstance(value, dict):
        value = value.get(lang) or next(iter(value.values()), "")
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_response(console: Console, done: Responded, summary: bool, lang: Lang) -> None:
    """What a response wrote and recorded, and what is due next; with `summary`, the level and the plan
    first (a walk at a terminal has shown them already)."""
    if summary:
        print_triage(console, done.guideline, done.crisis, done.result, lang)
        print_plan(console, done.plan, lang)
    console.print(f"[green]{t('written', lang, path=done.target)}[/]")
    console.print(t("recorded", lang, id=done.incident_id, statement=done.statement_id))
    console.print(f"[bold]{t('next_due', lang)}:[/]")
    for line in done.due:
        console.print(f"  • {line}")


_TONE = {"negatif": "bold red", "positif": "green"}


def _say(lang: Lang, indonesian: str, english: str) -> str:
    return indonesian if lang == "id" else english


def issue_table(issues: Sequence[IssueSummary], lang: Lang, title: str | None = None) -> Table:
    """Media-monitoring issues, one a row: outlets and how fast they spread, relevance, type, tone, status."""
    table = Table(title=title, title_justify="left")
    heads = _say(lang, "isu judul media relevan jenis sentimen status", "issue title outlets relevant type tone status")
    for column in heads.split():
        table.add_column(column, overflow="fold")
    for issue in issues:
        tone = _TONE.get(issue.sentiment)
        spread = f"{issue.outlets} ({issue.outlets_per_hour}/{_say(lang, 'j', 'h')})"
        sentiment = f"[{tone}]{issue.sentiment}[/]" if tone else issue.sentiment
        table.add_row(f"M{issue.id}", escape(issue.title), spread, issue.relevant, issue.crisis_type or "-", sentiment,
                      issue.status)  # fmt: skip
    return table


def print_poll(console: Console, outcome: PollOutcome, lang: Lang) -> None:
    feeds = Table(title=_say(lang, "Sumber", "Sources"), title_justify="left")
    for column in _say(lang, "sumber status baru keterangan", "source status new note").split():
        feeds.add_column(column)
    for feed in outcome.feeds:
        status = f"[red]{feed.status}[/]" if feed.status == "error" else feed.status
        feeds.add_row(escape(feed.name), status, str(feed.new), escape(feed.error.message(lang) if feed.error else ""))
    console.print(feeds)
    relevant = [issue for issue in outcome.issues if issue.relevant != "none"]
    if relevant:
        console.print(issue_table(relevant, lang, _say(lang, "Isu relevan", "Relevant issues")))
    else:
        console.print(_say(lang, "Tidak ada isu relevan yang baru.", "No new relevant issues."))


def watch_view(tick: Tick | None, lang: Lang, table: bool = True) -> RenderableType:
    """A watch's status line (and the latest alerts): the live screen, or one entry of a log."""
    from rich.console import Group
    from rich.text import Text

    status = _say(lang, "Mengambil sumber...", "Polling sources...")
    if tick is not None:
        n, answered, total, new = tick.polls, tick.outcome.answered, len(tick.outcome.feeds), len(tick.outcome.items)
        at = datetime.now().astimezone().strftime("%H:%M:%S")
        status = _say(lang, f"Pengambilan ke-{n} pukul {at}: {answered}/{total} sumber menjawab, {new} berita baru.",
                      f"Poll {n} at {at}: {answered}/{total} sources answered, {new} new stories.")  # fmt: skip
    if not table:
        return Text(status)
    recent = tick.recent if tick is not None else ()
    return Group(Text(status), issue_table(recent, lang, _say(lang, "Isu relevan baru", "New relevant issues")))


def print_issue(console: Console, detail: IssueDetail, lang: Lang) -> None:
    """One issue in full: its facts, what answered it, each story with the words that matched."""
    s = detail.summary
    console.print(f"[bold]M{s.id}[/] {escape(s.title)}")
    labels = _say(lang, "status relevan jenis sentimen media pertama terakhir",
                  "status relevant type tone outlets first last")  # fmt: skip
    values = (s.status, s.relevant, s.crisis_type or "-", s.sentiment, ", ".join(s.sources), s.first_seen.isoformat(),
              s.last_seen.isoformat())  # fmt: skip
    for label, value in zip(labels.split(), values, strict=True):
        console.print(f"  {label}: {escape(value)}")
    if s.incident_id:
        console.print(f"  {_say(lang, 'dijawab oleh insiden', 'answered by incident')}: {escape(s.incident_id)} "
                      f"{escape(s.statement_id or '')}")  # fmt: skip
    if s.reason:
        console.print(f"  {_say(lang, 'alasan', 'reason')}: {escape(s.reason)}")
    for story in detail.items:
        console.print(f"• {escape(story['source'])}: {escape(story['title'])}")
        if story["url"]:
            console.print(f"  {escape(story['url'])}")
        words = "; ".join(f"{kind}: {', '.join(found)}" for kind, found in story["matched"].items() if found)
        if words:
            console.print(f"  [dim]{escape(words)}[/]")


def print_coverage(console: Console, tested: Covered, lang: Lang) -> None:
    """The summary of `pasopati test`: per crisis type, its classes of paths, the answer paths they stand
    for, the levels reached (of all), the statements rendered and checked, and the template branches covered."""
    table = Table(*t("coverage_columns", lang).split("|"), box=None, pad_edge=False, collapse_padding=True)
    for column in table.columns[1:]:
        column.justify = "right"
    table.columns[0].no_wrap = True
    for row in tested.types:
        levels, branches = f"{len(row.levels)}/{tested.levels}", f"{row.covered}/{row.branches}"
        table.add_row(row.crisis_type, str(row.classes), str(row.paths), levels, str(row.statements),
                      str(row.checked), branches, f"{row.percent:.1f}%")  # fmt: skip
    rows = tested.types
    table.add_row(f"[bold]{t('coverage_total', lang)}[/]", str(sum(row.classes for row in rows)),
                  str(sum(row.paths for row in rows)), "", str(sum(row.statements for row in rows)),
                  str(sum(row.checked for row in rows)), f"{tested.covered}/{tested.branches}",
                  f"{tested.percent:.1f}%")  # fmt: skip
    console.print(table)
    console.print()
