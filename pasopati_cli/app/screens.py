"""What the officer sees after a command, as data: lines and tables of styled text, in the officer's language.

Every choice of what to show (which columns, in which order, which words, what is red) is made here, where
a test can read it without a terminal; `cli/views.py` only draws a `Screen` with Rich. Text is kept as
(text, style) spans, never as markup, so nothing typed by a person can turn into styling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pasopati_cli import clock
from pasopati_cli.messages import channel, t
from pasopati_cli.problems import Lang

if TYPE_CHECKING:
    from pathlib import Path

    from pasopati_cli.app.coverage import Covered
    from pasopati_cli.app.facts import FactsRecorded, FactsView
    from pasopati_cli.app.guideline import Initialised
    from pasopati_cli.app.incident import Raised, Status
    from pasopati_cli.app.monitor import PollOutcome, Tick
    from pasopati_cli.app.monitor_issues import IssueDetail
    from pasopati_cli.app.response import Responded, Types
    from pasopati_cli.app.upgrade import Upgraded
    from pasopati_cli.assign import Plan
    from pasopati_cli.incident import IncidentState
    from pasopati_cli.model import CrisisType, Guideline
    from pasopati_cli.monitor.issues import IssueSummary
    from pasopati_cli.triage import Answer, TriageResult

Span = tuple[str, str]  # (text, style); style "" is plain
Part = str | Span


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...]
    soft: bool = False  # printed whole on one line, as a message is, never wrapped to the screen


@dataclass(frozen=True)
class Column:
    header: str
    no_wrap: bool = False
    justify: Literal["left", "right"] = "left"
    ratio: int | None = None
    min_width: int | None = None
    fold: bool = False


@dataclass
class Grid:
    """A table: `rows` of cells (each cell a tuple of spans) with a style for the whole row."""

    title: str | None
    columns: list[Column]
    rows: list[tuple[tuple[tuple[Span, ...], ...], str]] = field(default_factory=list)
    expand: bool = False
    plain: bool = False  # no borders, bold headers: a sheet rather than a box
    tight: bool = False  # no borders and no padding at the edges: a summary of figures

    def add(self, *cells: Part | Sequence[Part], style: str = "") -> None:
        self.rows.append((tuple(spans(cell) for cell in cells), style))


Screen = list[Line | Grid]


def spans(cell: Part | Sequence[Part]) -> tuple[Span, ...]:
    """A cell or a line from a string, a (text, style) span, or a sequence of them."""
    if isinstance(cell, str):
        return ((cell, ""),)
    if isinstance(cell, tuple) and len(cell) == 2 and isinstance(cell[0], str) and isinstance(cell[1], str):
        return ((cell[0], cell[1]),)
    return tuple((part, "") if isinstance(part, str) else part for part in cell)


def line(*parts: Part) -> Line:
    return Line(spans(parts))


def grid(title: str | None, *headers: str | Column, expand: bool = False, plain: bool = False) -> Grid:
    columns = [header if isinstance(header, Column) else Column(header) for header in headers]
    return Grid(title, columns, expand=expand, plain=plain)


def triage(guideline: Guideline, crisis: CrisisType, result: TriageResult, lang: Lang) -> Screen:
    """The level in capitals and its colour, what it means, and every reason it has, each with its answer."""
    level = guideline.level(result.level)
    shown: Screen = [line((t("level_is", lang, level=level.title.get(lang).upper()), f"bold {level.color}"))]
    shown.append(line("  ", (level.criteria.get(lang), "dim")))
    shown.append(line(f"  • {guideline.level(result.base_level).title.get(lang)}: {t('base_reason', lang)}"))
    for decision in result.decisions:
        title = guideline.level(decision.level).title.get(lang)
        question = crisis.question(decision.question).text.get(lang)
        answer = show_answer(crisis, decision.question, decision.answer, lang)
        shown.append(line(f"  • {title}: {decision.reason(lang)} ", (f"({question} → {answer})", "dim")))
    if result.manual is not None:
        title = guideline.level(result.manual.level).title.get(lang)
        shown.append(line(f"  • {title}: {t('manual_reason', lang, reason=result.manual.reason)}"))
    return shown


def show_answer(crisis: CrisisType, question_id: str, answer: Answer, lang: Lang) -> str:
    if isinstance(answer, bool):
        return t("yes" if answer else "no", lang)
    for option in getattr(crisis.question(question_id), "options", None) or ():
        if option.id == answer:
            return str(option.label.get(lang))
    return str(answer)


def answers(crisis: CrisisType, given: dict[str, Answer], lang: Lang) -> Screen:
    table = grid(t("summary_title", lang), Column("#", justify="right"), t("question", lang), t("answer", lang))
    for index, (question_id, answer) in enumerate(given.items(), start=1):
        table.add(
            str(index), crisis.question(question_id).text.get(lang), show_answer(crisis, question_id, answer, lang)
        )
    return [table]


def plan(planned: Plan, lang: Lang) -> Screen:
    """Who must be told by which clock time, through which channel; the actions; the statements due."""
    start = planned.start
    deadline = Column(t("deadline", lang), no_wrap=True)
    shown: Screen = [line(f"{t('start', lang)}: {clock.format_datetime(start, lang)}")]
    people = grid(t("assign_title", lang), deadline, t("role", lang), t("person", lang), t("channel", lang))
    for item in planned.assignments:
        when: list[Part] = [
            clock.format_clock(item.deadline, start, lang),
            (f"\n({clock.format_delay(item.delay, lang)})", "dim"),
        ]
        role: list[Part] = [item.title.get(lang)] + ([(f"\n{item.task.get(lang)}", "dim")] if item.task else [])
        person = item.person.name + (f"\n{item.person.phone}" if item.person.phone else "")
        people.add(when, role, person, ", ".join(channel(c, lang) for c in item.channels))
    shown.append(people)
    if planned.checklist:
        checklist = grid(t("checklist_title", lang), deadline, t("action", lang), t("owner", lang))
        for action in planned.checklist:
            checklist.add(clock.format_clock(action.deadline, start, lang), action.text.get(lang), action.person.name)
        shown.append(checklist)
    if planned.statements:
        statements = grid(t("statements_title", lang), deadline, t("statement", lang))
        for due in planned.statements:
            moment = clock.format_clock(due.deadline, start, lang) if due.deadline else t("if_asked", lang)
            statements.add(moment, [f"{due.title.get(lang)} ", (f"({due.kind})", "dim")])
        shown.append(statements)
    return shown


def types(found: Types, lang: Lang) -> Screen:
    title = t("list_title", lang, name=found.guideline.name.get(lang), version=found.version)
    table = grid(title, Column(t("id", lang), no_wrap=True), t("title", lang), t("summary", lang))
    for crisis in found.types:
        table.add(crisis.id, crisis.title.get(lang), crisis.summary.lead(lang))
    return [table]


def incidents(states: list[IncidentState], exercise: bool, lang: Lang) -> Screen:
    if not states:  # drills are listed apart: say where they are, or that there is none
        return [line(t("no_drills" if exercise else "no_incidents", lang))]
    title = t("incidents_title", lang) + (" (LATIHAN)" if exercise else "")
    table = grid(title, *(t(f"col_{column}", lang) for column in ("id", "unit", "type", "level", "start", "status")))
    for state in states:
        start = state.start.strftime("%Y-%m-%d %H:%M") if state.start else "-"
        status = t("closed" if state.closed else "open", lang)
        table.add(state.id, state.unit or "-", state.crisis_type, state.level or "-", start, status)
    return [table]


def incident(state: IncidentState, lang: Lang) -> Screen:
    """One incident's history: levels with reasons, notices, actions, statements, in the unit's clock."""
    from pasopati_cli.incident_report import status_word

    zone = (state.start or state.opened_at).tzinfo

    def at(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return f"{local:%Y-%m-%d %H.%M} {clock.zone_label(local)}"

    drill = "LATIHAN · " if state.exercise else ""
    head = f" {state.crisis_type} · {state.level or '-'} · {drill}{t('closed' if state.closed else 'open', lang)}"
    shown: Screen = [line((state.id, "bold"), head)]
    shown += [line(f"  {at(change.at)}  {change.level}  {'; '.join(change.reasons)}") for change in state.levels]
    for role, notice in state.notified.items():
        shown.append(line(f"  {at(notice.at)}  ✓ {role} ({notice.channel or '-'}, {notice.by})"))
    for other in state.others:
        told = f"{other.person}, {other.title}; {t('off_roster', lang)}"
        shown.append(line(f"  {at(other.at)}  ✓ {told} ({other.channel or '-'}, {other.by})"))
    shown += [line(f"  {at(done.at)}  ✓ {action} ({done.by})") for action, done in state.actions.items()]
    for statement in state.statements.values():
        shown.append(line(f"  {statement.id} {statement.kind}: {status_word(statement.status, lang)}"))
    return shown


def status(found: Status, lang: Lang) -> Screen:
    """What is due, by which clock time, and whether it was done on time, late, or is overdue now."""
    opened, now = found.opened, found.now
    reference = clock.localize(now, opened.zone())
    state = opened.state
    level = opened.guide.guideline.level(state.level).title.get(lang) if state.level else "-"
    title = t("status_title", lang, id=state.id, level=level, now=clock.format_datetime(reference, lang))
    table = grid(("LATIHAN · " if state.exercise else "") + title, Column(t("deadline", lang), ratio=2),
                 Column(t("col_item", lang), ratio=5), Column(t("person", lang), ratio=2),
                 Column(t("col_status", lang), ratio=3, min_width=18), expand=True)  # fmt: skip
    zone = reference.tzinfo
    assert zone is not None
    for item in found.items:
        mark: Span
        if item.done_at is not None:
            done = clock.format_clock(clock.localize(item.done_at, zone), reference, lang)
            mark = (t("done_late", lang, at=done), "yellow") if item.late() else (t("done_at", lang, at=done), "green")
        elif item.overdue(now):
            mark = (t("overdue", lang, delay=clock.format_span(now - item.deadline, lang)), "bold red")
        else:
            mark = (t("left", lang, delay=clock.format_span(item.deadline - now, lang)), "")
        label: list[Part] = [item.label(lang), (f"\n{item.command()}", "dim")]  # what to type when it is done
        table.add(clock.format_clock(clock.localize(item.deadline, zone), reference, lang), label, item.who, mark)
    shown: Screen = [table]
    for other in state.others:  # told, though no role of the guideline asks for them
        when = clock.format_clock(clock.localize(other.at, zone), reference, lang)
        how = channel(other.channel, lang) if other.channel else "-"
        shown.append(line(t("told_off_roster", lang, person=other.person, title=other.title, channel=how, at=when)))
    return shown


def raised(done: Raised, lang: Lang) -> Screen:
    """A raise said in one line (from which level, to which, by whom, why), then the status it now has."""
    titles = {known.id: known.title.get(lang) for known in done.status.opened.guide.guideline.levels}
    text = t("level_raised", lang, id=done.status.opened.state.id, old=titles.get(done.old, done.old),
             new=titles[done.new], by=done.by, reason=done.reason)  # fmt: skip
    said = Line(spans(("LATIHAN · " if done.status.opened.state.exercise else "") + text), soft=True)
    return [said, *status(done.status, lang)]


def facts_recorded(recorded: FactsRecorded, lang: Lang) -> Screen:
    """What `incident fact` recorded, what it computed, and whether the level must now rise."""
    values = ", ".join(f"{name} = {value}" for name, value in recorded.values.items())
    shown: Screen = [line(t("facts_recorded", lang, id=recorded.incident_id, at=recorded.at_text, values=values))]
    if recorded.derived:
        waiting = {name: t("facts_waiting", lang, names=", ".join(names)) for name, names in recorded.waiting.items()}
        derived = ", ".join(f"{name} = {value}{waiting.get(name, '')}" for name, value in recorded.derived.items())
        shown.append(line(t("facts_derived", lang, values=derived)))
    if recorded.raise_proposed:
        reasons, title = "; ".join(recorded.reasons), recorded.required_title.upper()
        text = t("facts_raise", lang, id=recorded.incident_id, level=title, level_id=recorded.required_level,
                 reasons=reasons)  # fmt: skip
        shown.append(line((text, "bold red")))
    if recorded.open_counts:
        shown.append(line((t("facts_open", lang, names=", ".join(recorded.open_counts)), "yellow")))
    return shown


def facts(view: FactsView, lang: Lang) -> Screen:
    """The sheet, the running counts first: each fact's current value, then its earlier ones (dimmed) with
    when it became true, who recorded it and where it came from. Long texts are cut to one line here;
    `--format json` has them whole."""
    if not view.sheet.history:
        return [line(t("facts_none", lang, id=view.incident_id))]
    table = grid(None, *(t(f"col_{column}", lang) for column in ("fact", "value", "since", "by", "source")), plain=True)
    counted = [name for name in view.labels if name in view.sheet.history]
    now = clock.now(view.zone) if view.zone is not None else None
    for name in counted + [name for name in view.sheet.history if name not in view.labels]:
        for index, version in enumerate(reversed(view.sheet.history[name])):
            when = version.at.astimezone(view.zone) if view.zone is not None else version.at
            table.add(name if index == 0 else "", short_value(version.value, lang),
                      clock.format_clock(when, now or when, lang), version.by, version.source or "-",
                      style="" if index == 0 else "dim")  # fmt: skip
    for name, value in view.derived.items():
        table.add(name, value, "=", "", view.labels.get(name, ""), style="italic")
    return [table]


def short_value(value: object, lang: Lang, width: int = 40) -> str:
    """A fact on one line as the officer reads it: ya/tidak, a moment in words, a text in `lang`, cut to
    `width` (the sheet, the walk's edit list); never Python's True or an ISO timestamp."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, datetime):
        return clock.format_datetime(value, lang)
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


def response(done: Responded, summary: bool, lang: Lang) -> Screen:
    """What a response wrote and recorded, and what is due next; with `summary`, the level and the plan
    first (a walk at a terminal has shown them already)."""
    shown = (triage(done.guideline, done.crisis, done.result, lang) + plan(done.plan, lang)) if summary else []
    shown.append(line((t("written", lang, path=done.target), "green")))
    shown.append(line(t("recorded", lang, id=done.incident_id, statement=done.statement_id)))
    shown.append(line((f"{t('next_due', lang)}:", "bold")))
    return shown + [line(f"  • {due}") for due in done.due]


_TONE = {"negatif": "bold red", "positif": "green"}


def issue_table(issues: Sequence[IssueSummary], lang: Lang, title: str | None = None) -> Grid:
    """Media-monitoring issues, one a row: outlets and how fast they spread, relevance, type, tone, status."""
    table = grid(title, *(Column(head, fold=True) for head in t("issue_columns", lang).split()))
    for issue in issues:
        spread = f"{issue.outlets} ({issue.outlets_per_hour}/{t('per_hour', lang)})"
        tone = (issue.sentiment, _TONE.get(issue.sentiment, ""))
        table.add(f"M{issue.id}", issue.title, spread, issue.relevant, issue.crisis_type or "-", tone, issue.status)
    return table


def issues(found: Sequence[IssueSummary], lang: Lang) -> Screen:
    return [issue_table(found, lang)] if found else [line(t("no_issues", lang))]


def poll(outcome: PollOutcome, lang: Lang) -> Screen:
    feeds = grid(t("sources_title", lang), *t("source_columns", lang).split())
    for feed in outcome.feeds:
        state = (feed.status, "red" if feed.status == "error" else "")
        feeds.add(feed.name, state, str(feed.new), feed.error.message(lang) if feed.error else "")
    relevant = [issue for issue in outcome.issues if issue.relevant != "none"]
    if relevant:
        return [feeds, issue_table(relevant, lang, t("relevant_issues", lang))]
    return [feeds, line(t("no_new_issues", lang))]


def watch(tick: Tick | None, lang: Lang, table: bool = True) -> Screen:
    """A watch's status line (and the latest alerts): the live screen, or one entry of a log."""
    said = t("polling", lang)
    if tick is not None:
        at = datetime.now().astimezone().strftime("%H:%M:%S")
        said = t("polled", lang, n=tick.polls, at=at, answered=tick.outcome.answered, total=len(tick.outcome.feeds),
                 new=len(tick.outcome.items))  # fmt: skip
    if not table:
        return [line(said)]
    return [line(said), issue_table(tick.recent if tick is not None else (), lang, t("new_issues", lang))]


def issue(detail: IssueDetail, lang: Lang) -> Screen:
    """One issue in full: its facts, what answered it, each story with the words that matched."""
    s = detail.summary
    shown: Screen = [line((f"M{s.id}", "bold"), f" {s.title}")]
    values = (s.status, s.relevant, s.crisis_type or "-", s.sentiment, ", ".join(s.sources), s.first_seen.isoformat(),
              s.last_seen.isoformat())  # fmt: skip
    shown += [line(f"  {label}: {value}") for label, value in zip(t("issue_fields", lang).split(), values, strict=True)]
    if s.incident_id:
        shown.append(line(f"  {t('answered_by', lang)}: {s.incident_id} {s.statement_id or ''}"))
    if s.reason:
        shown.append(line(f"  {t('reason_label', lang)}: {s.reason}"))
    for story in detail.items:
        shown.append(line(f"• {story['source']}: {story['title']}"))
        if story["url"]:
            shown.append(line(f"  {story['url']}"))
        words = "; ".join(f"{kind}: {', '.join(found)}" for kind, found in story["matched"].items() if found)
        if words:
            shown.append(line("  ", (words, "dim")))
    return shown


def initialised(done: Initialised, root: Path, lang: Lang) -> Screen:
    """What `init` wrote, from which upstream, what is left to fill in, and the command that checks it."""
    up = done.upstream
    shown = [line(t("init_done", lang, root=root, count=len(done.files), name=up.name, version=up.version,
                    hash=up.hash[:19]))]  # fmt: skip
    if done.to_fill:
        shown.append(line(t("init_fill", lang, files=", ".join(done.to_fill))))
    return [*shown, line(t("init_next", lang, root=root))]


def upgraded(done: Upgraded, root: Path, lang: Lang) -> Screen:
    """Each file an upgrade changed and how, then from which release to which."""
    up = done.upstream
    if not done.changes:
        return [line(t("upgrade_current", lang, root=root, name=up.name, version=up.version))]
    shown = [line(f"  {t('upgrade_' + change.action, lang):<12} {change.file}") for change in done.changes]
    old = "-" if done.previous is None else f"{done.previous.name} {done.previous.version}"
    return [*shown, line(t("upgrade_done", lang, root=root, old=old, name=up.name, version=up.version,
                           count=len(done.changes), conflicts=len(done.problems)))]  # fmt: skip


def upgrade_next(done: Upgraded, root: Path, dry_run: bool, lang: Lang) -> Screen:
    """After a dry run or with conflicts left, what to do next."""
    if not done.changes or not (dry_run or done.problems):
        return []
    return [line(t("upgrade_dry" if dry_run else "upgrade_resolve", lang, root=root))]


def coverage(tested: Covered, lang: Lang) -> Screen:
    """The summary of `pasopati test`: per crisis type, its classes of paths, the answer paths they stand
    for, the levels reached (of all), the statements rendered and checked, and the template branches covered."""
    heads = t("coverage_columns", lang).split("|")
    table = Grid(None, [Column(heads[0], no_wrap=True)] + [Column(head, justify="right") for head in heads[1:]],
                 tight=True)  # fmt: skip
    for row in tested.types:
        table.add(row.crisis_type, str(row.classes), str(row.paths), f"{len(row.levels)}/{tested.levels}",
                  str(row.statements), str(row.checked), f"{row.covered}/{row.branches}",
                  f"{row.percent:.1f}%")  # fmt: skip
    rows = tested.types
    table.add((t("coverage_total", lang), "bold"), str(sum(row.classes for row in rows)),
              str(sum(row.paths for row in rows)), "", str(sum(row.statements for row in rows)),
              str(sum(row.checked for row in rows)), f"{tested.covered}/{tested.branches}",
              f"{tested.percent:.1f}%")  # fmt: skip
    return [table, line()]
