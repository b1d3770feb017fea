"""The interactive walk: triage questions, confirmation, statement facts, review; Ctrl-C keeps answers."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from pasopati_cli.cli.common import (
    EXIT_INTERRUPTED,
)

if TYPE_CHECKING:
    from pasopati_cli.model import CrisisType, UnitProfile
    from pasopati_cli.problems import Lang, Problem
    from pasopati_cli.prompts import Asker
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import Answer, TriageResult

from pasopati_cli.cli.inputs import Inputs

# --- the triage walk ----------------------------------------------------------------------------------


class Interrupted(Exception):
    """Ctrl-C in the middle of a walk, carrying what was confirmed so far."""

    def __init__(self, crisis: CrisisType, answers: dict[str, Answer], facts: dict[str, object]) -> None:
        self.crisis, self.answers, self.facts = crisis, answers, facts


def ask_triage(
    asker: Asker,
    crisis: CrisisType,
    given: dict[str, Answer],
    remembered: dict[str, Answer],
    on_answer: Callable[[str, Answer], None] | None = None,
) -> dict[str, Answer]:
    """One question at a time; '<' goes back one; given answers are not asked again."""
    from pasopati_cli.prompts import Back
    from pasopati_cli.triage import next_question, prune

    answers = dict(given)
    history: list[str] = []
    order = [q.id for q in crisis.triage.questions]
    try:
        while (question := next_question(crisis, answers)) is not None:
            # numbered as the summary will list it: among the questions answered, in the playbook's order
            number = 1 + sum(1 for earlier in order[: order.index(question.id)] if earlier in answers)
            try:
                answers[question.id] = asker.question(question, number, remembered.get(question.id))
                history.append(question.id)
                if on_answer is not None:
                    on_answer(question.id, answers[question.id])
            except Back:
                if history:
                    last = history.pop()
                    remembered[last] = answers.pop(last)
    except KeyboardInterrupt:
        raise Interrupted(crisis, prune(crisis, answers), {}) from None
    return prune(crisis, answers)


def decide_level(
    guide: Guide,
    crisis: CrisisType,
    inputs: Inputs,
    asker: Asker | None,
    lang: Lang,
    confirm: bool,
) -> TriageResult:
    """Answers from inputs, then the terminal (when interactive), then the level and its reasons."""
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.triage import answers_from_values, decide, missing_answers

    given = answers_from_values(crisis, inputs.answers, inputs.answers_source)
    manual = ManualRaise(level=inputs.raise_to[0], reason=inputs.raise_to[1]) if inputs.raise_to else None
    if asker is None:
        missing = missing_answers(crisis, given)
        if missing:
            raise PasopatiError([problem("P401", file=inputs.answers_source, name=name) for name in missing])
        return decide(guide.guideline, crisis, given, manual)
    from pasopati_cli.cli.views import print_answers, print_triage

    out = asker.console
    out.rule(t_("triage_title", lang, title=crisis.title.get(lang)))
    out.print(f"[dim]{t_('back_hint', lang)}[/]")
    remembered: dict[str, Answer] = {}
    answers = ask_triage(asker, crisis, given, remembered, inputs.on_answer)
    while True:
        result = decide(guide.guideline, crisis, answers, manual)
        if not confirm:
            break
        print_answers(out, crisis, dict(result.answers), lang)
        print_triage(out, guide.guideline, crisis, result, lang)
        ids = list(result.answers)
        while True:  # the same question until the answer is one it offers (the table stays on screen)
            try:
                choice = asker.text(t_("confirm_ask", lang), t_("yes", lang)).lower()
            except KeyboardInterrupt:
                raise Interrupted(crisis, dict(result.answers), {}) from None
            fits = choice in ("y", "ya", "yes", "lanjut", "batal", "cancel", "b", "c")
            if fits or (choice.isdigit() and 1 <= int(choice) <= len(ids)):
                break
            out.print(f"[red]{t_('invalid', lang, reason=t_('confirm_choices', lang, last=len(ids)))}[/]")
        if choice in ("y", "ya", "yes", "lanjut"):
            break
        if choice in ("batal", "cancel", "b", "c"):
            raise PasopatiError([problem("P503", detail=t_("cancelled", "id"), detail_en=t_("cancelled", "en"))])
        if choice.isdigit() and 1 <= int(choice) <= len(ids):
            question_id = ids[int(choice) - 1]
            remembered = dict(result.answers)
            kept = {k: v for k, v in result.answers.items() if k != question_id}
            # Re-ask the chosen question (old answer as default), then whatever newly applies;
            # answers that no longer apply are pruned.
            answers = ask_triage(asker, crisis, kept, remembered, inputs.on_answer)
    if not confirm:
        print_triage(out, guide.guideline, crisis, result, lang)
    if manual is None and confirm:
        result = _offer_raise(asker, guide, crisis, result, lang)
    return result


def _offer_raise(asker: Asker, guide: Guide, crisis: CrisisType, result: TriageResult, lang: Lang) -> TriageResult:
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.triage import decide

    levels = [level.id for level in guide.guideline.levels]
    higher = levels[levels.index(result.level) + 1 :]
    if not higher or not asker.yes_no(t_("raise_ask", lang), False):
        return result
    titles = {level.id: level.title for level in guide.guideline.levels if level.id in higher}
    shown = ", ".join(f"{index} {titles[level].get(lang)}" for index, level in enumerate(higher, start=1))
    while True:
        typed = asker.text(f"{t_('raise_to', lang)} ({shown})", titles[higher[0]].get(lang)).strip()
        number = int(typed) if typed.isdigit() else 0
        level = higher[number - 1] if 1 <= number <= len(higher) else guide.guideline.find_level(typed) or ""
        if level in higher:
            break
        asker.console.print(f"[red]{t_('invalid', lang, reason=t_('raise_choices', lang, levels=shown))}[/]")
    reason = ask_reason(asker, lang)
    raised = decide(guide.guideline, crisis, result.answers, ManualRaise(level=level, reason=reason))
    from pasopati_cli.cli.views import print_triage

    print_triage(asker.console, guide.guideline, crisis, raised, lang)
    return raised


def ask_reason(asker: Asker, lang: Lang) -> str:
    """Why the level goes up, asked until given: it goes into the journal and the report."""
    while True:
        reason = asker.text(t_("raise_why", lang)).strip()
        if reason:
            return reason
        asker.console.print(f"[red]{t_('invalid', lang, reason=t_('reason_required', lang))}[/]")


def t_(key: str, lang: Lang, **values: object) -> str:
    from pasopati_cli.messages import t

    return t(key, lang, **values)


# --- statement facts and rendering ------------------------------------------------------------------


def statement_text(
    guide: Guide,
    crisis: CrisisType,
    kind: str,
    result: TriageResult,
    unit: UnitProfile,
    start: datetime,
    inputs: Inputs,
    asker: Asker | None,
    lang: Lang,
    collected: dict[str, object],
    reference: datetime | None = None,
) -> tuple[str, str]:
    """(rendered Markdown, template title). Asks for missing facts when interactive.

    A time given without a date is placed relative to `reference`, by default the incident's start (the
    same day as a `--start` in the past); a statement drafted later in the incident passes now."""
    from pasopati_cli import clock
    from pasopati_cli.problems import PasopatiError, problem
    from pasopati_cli.response import (
        fill_facts,
        render_context,
        render_statement,
        statement_use,
        template_for,
        unknown_facts,
        variables_of,
    )

    use = statement_use(guide, crisis, kind, result.level)
    template = template_for(guide, use, lang)
    variables = variables_of(guide, template)
    zone = clock.resolve_zone(unit.unit.timezone)
    from pasopati_cli.triage import facts_from_answers

    answered = facts_from_answers(crisis, variables, result.answers, lang)  # not asked twice
    given = {**answered, **{k: v for k, v in inputs.facts.items() if k in {v_.name for v_ in variables}}}
    typed = {k: v for k, v in inputs.facts.items() if k in inputs.flagged and k not in given}
    unknown = unknown_facts(variables, typed, None)
    if unknown:
        raise PasopatiError(unknown)
    values, missing, problems = fill_facts(variables, given, zone, reference or start, inputs.facts_source, lang)
    if problems:
        raise PasopatiError(problems)
    if missing and asker is None:
        raise PasopatiError(
            [
                problem(
                    "P404",
                    file=inputs.facts_source,
                    name=v.name,
                    hint=f" (beri dengan --set {v.name}=NILAI atau --vars BERKAS)",
                    hint_en=f" (give it with --set {v.name}=VALUE or --vars FILE)",
                )
                for v in missing
            ]
        )
    title = template.meta.title or guide.guideline.statement_kind(kind).title.get(lang)
    if asker is not None and missing:
        asker.console.rule(t_("facts_title", lang, title=title))
        for variable in missing:
            try:
                values[variable.name] = asker.fact(variable, zone, reference or start)
            except KeyboardInterrupt:
                collected.update({k: v for k, v in values.items() if v is not None})
                raise
    collected.update(values)
    now = clock.now(zone)
    context = render_context(
        guide=guide,
        crisis=crisis,
        unit=unit,
        result=result,
        start=start,
        now=now,
        lang=lang,
        facts=values,
        exercise=inputs.exercise,
    )
    return render_statement(guide, template, context), title


def unique_path(path: Path) -> Path:
    if not os.path.lexists(path):  # a dangling link planted under the name counts as taken
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    return path


def may_replace(path: Path | None, force: bool, asker: Asker | None, lang: Lang) -> bool:
    """Whether the file at `path` may be replaced: `--force`, or the officer says so at a prompt.

    Asked before the work starts: without a prompt an existing file is refused now (P421), not after
    the walk; a link, fifo or device is refused whatever the answer (P420)."""
    from pasopati_cli.files import check_target, exists_as_file

    if path is None:
        return force
    check_target(path, force=True)
    if force or not exists_as_file(path):
        return force
    if asker is not None and asker.yes_no(t_("replace_ask", lang, path=path), False):
        return True
    check_target(path)
    return False


def save_answers(path: Path, crisis: CrisisType, answers: dict[str, Answer], facts: dict[str, object],
                 result: TriageResult | None, start: datetime | None, operator: str | None,
                 force: bool = False) -> None:  # fmt: skip
    import yaml

    document: dict[str, Any] = {"kind": "answers", "crisis_type": crisis.id, "answers": dict(answers)}
    if result is not None and result.manual is not None:
        document["raise_to"] = {"level": result.manual.level, "reason": result.manual.reason}
    if start is not None:
        document["start"] = start.isoformat()
    if operator:
        document["operator"] = operator
    clean = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in facts.items() if v is not None}
    if clean:
        document["facts"] = clean
    header = "# pasopati: berkas jawaban (kind: answers); putar ulang dengan --answers / replay with --answers\n"
    from pasopati_cli.files import write_file

    write_file(path, header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False), force=force)


def interrupted_path(crisis: CrisisType, given: Path | None) -> Path:
    if given is not None:
        return given
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"pasopati-{crisis.id}-{stamp}.answers.yaml"


def stop_interrupted(
    stop: Interrupted,
    save: Path | None,
    lang: Lang,
    start: datetime | None,
    operator: str | None,
    incident_id: str | None = None,
    flags: str = "",
) -> None:
    """Ctrl-C: keep what was confirmed (answers file, and the journal already has it), exit 130.

    With a journal, the one command to continue names both the incident and the file of facts typed
    since the last confirmed step, so that resuming loses neither."""
    if not stop.answers and not stop.facts:
        if incident_id is not None:
            sys.stderr.write("\n" + t_("interrupted_journal", lang, id=incident_id, flags=flags))
        sys.stderr.write("\n" + t_("interrupted_nothing", lang) + "\n")
        raise typer.Exit(EXIT_INTERRUPTED)
    path = unique_path(interrupted_path(stop.crisis, save))  # an interruption never replaces a file
    save_answers(path, stop.crisis, stop.answers, stop.facts, None, start, operator)
    if incident_id is not None:
        sys.stderr.write("\n" + t_("interrupted_journal_file", lang, id=incident_id, path=path, flags=flags) + "\n")
    else:
        sys.stderr.write("\n" + t_("interrupted", lang, path=path) + "\n")
    raise typer.Exit(EXIT_INTERRUPTED)


def disclosure_problems(guide: Guide, text: str, inputs: Inputs, file: str | None = None) -> list[Problem]:
    """The disclosure guard over a rendered statement, with the names the officer marked."""
    from pasopati_cli.guard import guard_statement

    return guard_statement(text, guide.guideline.disclosure, names=inputs.people, file=file)


def approve_text(
    asker: Asker,
    text: str,
    lang: Lang,
    collected: dict[str, object],
    inputs: Inputs,
    findings: Sequence[Problem] = (),
) -> bool:
    """Show the statement and what the guard found; True to save it, False to re-ask a fact (cancel raises)."""
    from rich.markdown import Markdown
    from rich.panel import Panel

    from pasopati_cli.problems import PasopatiError, problem

    asker.console.print(Panel(Markdown(text), title=t_("review_title", lang), expand=False))
    if findings:
        from rich.markup import escape

        for found in findings:
            colour = "red" if found.severity.value == "error" else "yellow"
            where = f"{found.line}:{found.column}" if found.line else "-"
            asker.console.print(f"[{colour}]• {where} {found.code}[/] {escape(found.message(lang))}")
        asker.console.print(f"[yellow]{t_('guard_fix', lang)}[/]")
    while True:
        choice = asker.text(t_("save_ask", lang), t_("yes", lang)).lower()
        if choice in ("y", "ya", "yes", "simpan", "save"):
            return True
        if choice in ("batal", "cancel", "b", "c"):
            raise PasopatiError([problem("P503", detail=t_("cancelled", "id"), detail_en=t_("cancelled", "en"))])
        if choice in ("ubah", "edit", "u", "e"):
            which = _choose_fact(asker, collected, lang)
            if which is not None:
                inputs.facts = {
                    **inputs.facts,
                    **{k: v for k, v in collected.items() if k != which and v is not None},
                }
                inputs.facts.pop(which, None)
                inputs.facts_source = inputs.facts_source or "-"
                return False
        else:
            asker.console.print(f"[red]{t_('invalid', lang, reason=t_('save_choices', lang))}[/]")


def _choose_fact(asker: Asker, collected: dict[str, object], lang: Lang) -> str | None:
    """The fact to type again, by number or name, from a numbered list with the values given; None
    (back to the save question) for an empty answer."""
    from rich.markup import escape

    names = list(collected)
    for index, name in enumerate(names, start=1):
        value = collected[name]
        shown = value.isoformat(sep=" ", timespec="minutes") if isinstance(value, datetime) else value
        text = str(shown) if len(str(shown)) <= 60 else str(shown)[:57] + "..."
        asker.console.print(f"  {index:>2}. {name} = {escape(text)}")
    while True:
        which = asker.text(t_("edit_which", lang))
        if not which:
            return None
        if which in collected:
            return which
        if which.isdigit() and 1 <= int(which) <= len(names):
            return names[int(which) - 1]
        asker.console.print(f"[red]{t_('invalid', lang, reason=t_('edit_choices', lang, last=len(names)))}[/]")
