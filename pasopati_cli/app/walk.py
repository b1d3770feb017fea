"""The walk every prompter goes through: triage questions with back and confirm, statement facts, review.

One loop for the terminal, the refusing prompter and the scripted one: what differs is only who answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli.app.inputs import Inputs
from pasopati_cli.app.ports import CANCELLED, CONFIRMED, Back, Interrupted, Prompter
from pasopati_cli.problems import Lang, PasopatiError, Problem

if TYPE_CHECKING:
    from pasopati_cli.model import CrisisType, Guideline, ManualRaise, UnitProfile
    from pasopati_cli.response import Guide
    from pasopati_cli.triage import Answer, TriageResult

OnAnswer = Callable[[str, "Answer"], None]
# A fact triage derived, typed again at the review: (the new value by name, the statement's other facts)
# -> what to tell the officer, if anything (the level it now requires); raises PasopatiError when the value
# cannot stand (the officer is told why and asked again).
OnChange = Callable[[Mapping[str, object], Mapping[str, object]], "str | None"]


def ask_triage(
    prompter: Prompter,
    crisis: CrisisType,
    inputs: Inputs,
    given: Mapping[str, Answer],
    remembered: dict[str, Answer],
    on_answer: OnAnswer | None = None,
) -> dict[str, Answer]:
    """One question at a time; '<' goes back one; given answers are not asked again. Each answer is in
    `inputs.typed` (and handed to `on_answer`, the journal) as soon as it is given."""
    from pasopati_cli.triage import missing_answers, next_question, prune

    answers = dict(given)
    history: list[str] = []
    order = [q.id for q in crisis.triage.questions]
    source = inputs.source("answers")
    while (question := next_question(crisis, answers)) is not None:
        # numbered as the summary will list it: among the questions answered, in the playbook's order
        number = 1 + sum(1 for earlier in order[: order.index(question.id)] if earlier in answers)
        missing = missing_answers(crisis, answers)
        try:
            answers[question.id] = prompter.question(
                question, number, remembered.get(question.id), missing=missing, source=source
            )
        except Back:
            if history:
                last = history.pop()
                remembered[last] = answers.pop(last)
                inputs.typed.answers.pop(last, None)
            continue
        history.append(question.id)
        inputs.typed.answers[question.id] = answers[question.id]
        if on_answer is not None:
            on_answer(question.id, answers[question.id])
    return prune(crisis, answers)


def decide_level(
    *,
    guide: Guide,
    crisis: CrisisType,
    inputs: Inputs,
    prompter: Prompter,
    confirm: bool,
    on_answer: OnAnswer | None = None,
    held: ManualRaise | None = None,
) -> TriageResult:
    """Answers from the inputs, then from the prompter, then the level and its reasons; with `confirm`,
    the officer sees the summary, may change any answer, and may raise the level by hand. `held` is the
    level a resumed incident is already at: kept while the answers require less (never lowered)."""
    from pasopati_cli.model import ManualRaise
    from pasopati_cli.triage import answers_from_values, decide, prune

    given = answers_from_values(crisis, dict(inputs.answers), inputs.source("answers"))
    raise_to = inputs.setting("raise_to")
    manual = ManualRaise(level=raise_to[0], reason=raise_to[1]) if raise_to else None
    prompter.begin_triage(crisis)
    remembered: dict[str, Answer] = {}
    answers = ask_triage(prompter, crisis, inputs, given, remembered, on_answer)
    while True:
        result = decide(guide.guideline, crisis, answers, manual)
        if manual is None and held is not None and _above(guide.guideline, held.level, result.required_level):
            result = decide(guide.guideline, crisis, answers, held)
        if not confirm:
            prompter.show_triage(guide.guideline, crisis, result)
            return result
        choice = prompter.confirm(guide.guideline, crisis, result)
        if choice == CONFIRMED:
            break
        if choice == CANCELLED:
            from pasopati_cli.app.prompter import cancelled

            raise cancelled()
        # Re-ask the chosen question (old answer as default), then whatever newly applies; answers that
        # no longer apply are pruned.
        remembered = dict(result.answers)
        kept = {k: v for k, v in result.answers.items() if k != choice}
        answers = prune(crisis, ask_triage(prompter, crisis, inputs, kept, remembered, on_answer))
    if manual is None:
        raised = prompter.offer_raise(guide.guideline, crisis, result)
        if raised is not None:
            result = decide(guide.guideline, crisis, result.answers, raised)
            prompter.show_triage(guide.guideline, crisis, result)
    return result


def _above(guideline: Guideline, level: str, other: str) -> bool:
    order = [known.id for known in guideline.levels]
    return level in order and other in order and order.index(level) > order.index(other)


@dataclass
class Draft:
    text: str  # rendered Markdown
    title: str  # the template's title
    facts: dict[str, object]  # every fact the statement was rendered with
    findings: list[Problem] = field(default_factory=list)  # the guard's, as reviewed (file: "<kind>")


def draft_statement(
    *,
    guide: Guide,
    crisis: CrisisType,
    kind: str,
    result: TriageResult,
    unit: UnitProfile,
    start: datetime,
    inputs: Inputs,
    prompter: Prompter,
    lang: Lang,
    reference: datetime | None = None,
    review: bool = True,
    on_change: OnChange | None = None,
) -> Draft:
    """The statement, its missing facts asked, shown for review until the officer saves it (or cancels).

    A time given without a date is placed relative to `reference`, by default the incident's start (the
    same day as a `--start` in the past); a statement drafted later in the incident passes now. A fact
    that triage derived (a count, "under control") may be typed again at the review: with `on_change`
    the new value is checked and recorded as the incident's fact before the statement uses it."""
    reference = reference or start
    derived: set[str] = set()  # the facts triage gave this statement
    changing: set[str] = set()  # those the officer chose to type again, not yet accepted

    def render() -> Draft:  # the facts given, the missing ones asked (each kept in `inputs` as typed)
        from pasopati_cli import clock
        from pasopati_cli.response import (
            fill_facts,
            render_context,
            render_statement,
            statement_use,
            template_for,
            unknown_facts,
            variables_of,
        )
        from pasopati_cli.triage import facts_from_answers

        use = statement_use(guide, crisis, kind, result.level)
        template = template_for(guide, use, lang)
        variables = variables_of(guide, template)
        names = {variable.name for variable in variables}
        zone = clock.resolve_zone(unit.unit.timezone)
        answered = facts_from_answers(crisis, variables, result.answers, lang)
        holders = {  # the head of the unit's name comes from the roster, not from the officer's memory
            name: unit.roster[role].name
            for name, role in guide.guideline.facts_from_roster.items()
            if name in names and role in unit.roster
        }
        inputs.layer("triage").facts = {**holders, **answered}  # not asked twice
        derived.update(answered)
        merged = inputs.facts
        typos = {k: v for k, v in merged.items() if k in inputs.flagged and k not in names}
        unknown = unknown_facts(variables, typos, None)
        if unknown:
            raise PasopatiError(unknown)
        source = inputs.source("facts")
        given = {k: v for k, v in merged.items() if k in names}
        values, missing, problems = fill_facts(variables, given, zone, reference, source, lang)
        if problems:
            raise PasopatiError(problems)
        title = template.meta.title or guide.guideline.statement_kind(kind).title.get(lang)
        inputs.drafting = names
        if missing:
            prompter.begin_facts(title)
        for index, variable in enumerate(missing):
            value = prompter.fact(variable, zone, reference, missing=missing[index:], source=source)
            while variable.name in changing and on_change is not None:
                try:
                    note = on_change({variable.name: value}, {k: v for k, v in values.items() if k != variable.name})
                except PasopatiError as refused:  # an impossible tally, a wrong type: why, then asked again
                    for found in refused.problems:
                        prompter.invalid(found.message(lang))
                    value = prompter.fact(variable, zone, reference, missing=missing[index:], source=source)
                    continue
                changing.discard(variable.name)
                if note:
                    prompter.warn(note)
            values[variable.name] = value
            inputs.typed.facts[variable.name] = value  # kept at once: Ctrl-C at the next fact saves it
        context = render_context(
            guide=guide,
            crisis=crisis,
            unit=unit,
            result=result,
            start=start,
            now=clock.now(zone),
            lang=lang,
            facts=values,
            exercise=bool(inputs.setting("exercise")),
        )
        text = render_statement(guide, template, context)
        from pasopati_cli.render import Untranslated

        order = [variable.name for variable in variables]  # as the template declares them: the numbers of the
        ranked = sorted(values, key=lambda k: order.index(k) if k in order else len(order))  # edit list stay put
        kept = {k: values[k] for k in ranked if not isinstance(values[k], Untranslated)}  # a stand-in: never kept
        return Draft(text, title, kept)

    while True:
        draft = render()
        if not review:
            return draft
        draft.findings = disclosure_problems(guide, draft.text, inputs.people, f"<{kind}>", roles=inputs.roles,
                                             crisis=crisis, facts={**inputs.facts, **draft.facts})  # fmt: skip
        again = prompter.review(draft.text, draft.findings, draft.facts)
        if again is None:
            return draft
        if again in derived:
            changing.add(again)
        inputs.retype(again, draft.facts)


def disclosure_problems(
    guide: Guide,
    text: str,
    people: Sequence[str],
    file: str | None = None,
    *,
    roles: Mapping[str, str | None] | None = None,
    crisis: CrisisType | None = None,
    facts: Mapping[str, object] | None = None,
) -> list[Problem]:
    """The disclosure guard over a rendered statement, with the names the officer marked; their `roles`,
    the `crisis` type and the `facts` of the incident say whose initials may appear (disclosure.naming)."""
    from pasopati_cli.guard import guard_statement

    disclosure = guide.guideline.disclosure
    context = None
    if disclosure.naming is not None:
        from pasopati_cli.naming import context as naming_context

        context = naming_context(disclosure.naming, roles=roles, names=people, crisis=crisis, facts=facts)
    return guard_statement(text, disclosure, names=people, file=file, context=context)


def unique_path(path: Path) -> Path:
    """`path`, or the first free NAME-2, NAME-3, ... beside it; a dangling link under a name counts as taken."""
    if not os.path.lexists(path):
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    return path


def may_replace(path: Path | None, force: bool, prompter: Prompter) -> bool:
    """Whether the file at `path` may be replaced: `--force`, or the person the prompter asks says so.

    Decided before the work starts: when no one may replace it, an existing file is refused now (P421),
    not after the walk; a link, fifo, device or folder is refused whatever the answer (P420)."""
    from pasopati_cli.files import check_target, exists_as_file

    if path is None:
        return force
    check_target(path, force=True)
    if force or not exists_as_file(path):
        return force
    if prompter.replace(path):
        return True
    check_target(path)
    return False


def save_answers(
    path: Path,
    crisis: CrisisType,
    answers: Mapping[str, Answer],
    facts: Mapping[str, object],
    result: TriageResult | None,
    start: datetime | None,
    operator: str | None,
    *,
    force: bool = False,
) -> None:
    """A replayable answers file (kind: answers) for --save-answers and interrupted walks: the one writer.
    An existing file is replaced only with `force`."""
    import yaml

    document: dict[str, Any] = {"kind": "answers", "crisis_type": crisis.id, "answers": dict(answers)}
    if result is not None and result.manual is not None:
        document["raise_to"] = {"level": result.manual.level, "reason": result.manual.reason}
    if start is not None:
        document["start"] = start.isoformat()
    if operator:
        document["operator"] = operator
    from pasopati_cli.recording import plain

    if clean := plain(facts):
        document["facts"] = clean
    header = "# pasopati: berkas jawaban (kind: answers); putar ulang dengan --answers / replay with --answers\n"
    from pasopati_cli.files import write_file

    write_file(path, header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False), force=force)


def keep_interrupted(
    crisis: CrisisType,
    answers: Mapping[str, Answer],
    facts: Mapping[str, object],
    save: Path | None,
    start: datetime | None,
    operator: str | None,
    incident_id: str | None = None,
    flags: str = "",
) -> Interrupted:
    """Ctrl-C: what was confirmed is kept (the journal has it already; answers and facts typed go to an
    answers file, `save` or a new one in the working folder). The Interrupted to raise says where."""
    if not answers and not any(value is not None for value in facts.values()):
        return Interrupted(None, incident_id, flags)
    if save is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        save = Path.cwd() / f"pasopati-{crisis.id}-{stamp}.answers.yaml"
    save = unique_path(save)  # an interruption never replaces a file
    save_answers(save, crisis, answers, facts, None, start, operator)
    return Interrupted(save, incident_id, flags)
