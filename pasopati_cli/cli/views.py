"""How results look in the terminal: the level with its reasons, the notification table, the checklist."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pasopati_cli import clock
from pasopati_cli.assign import Plan
from pasopati_cli.messages import channel, t
from pasopati_cli.model import CrisisType, Guideline
from pasopati_cli.problems import Lang
from pasopati_cli.triage import Answer, TriageResult


def level_style(guideline: Guideline, level_id: str) -> str:
    return guideline.level(level_id).color


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


def when(moment: datetime, reference: datetime, lang: Lang) -> str:
    return clock.format_clock(moment, reference, lang)


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
            when(item.deadline, start, lang) + f"\n[dim]({clock.format_delay(item.delay, lang)})[/]",
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
            checklist.add_row(
                when(action.deadline, start, lang), escape(action.text.get(lang)), escape(action.person.name)
            )
        console.print(checklist)
    if plan.statements:
        statements = Table(title=t("statements_title", lang), title_justify="left")
        statements.add_column(t("deadline", lang), no_wrap=True)
        statements.add_column(t("statement", lang))
        for due in plan.statements:
            moment = when(due.deadline, start, lang) if due.deadline else t("if_asked", lang)
            statements.add_row(moment, f"{escape(due.title.get(lang))} [dim]({due.kind})[/]")
        console.print(statements)
