"""Which new facts an incident may record, typed and checked before anything is written.

`pasopati incident fact ID jumlah_kabur=52 jumlah_tertangkap=8` must refuse, with one located problem per
mistake and nothing recorded: a name the incident's playbook does not know (with the nearest names), a
value of the wrong type (with the accepted forms), a derived tally typed by hand, and counts that cannot
all be true. A fact that is also a triage answer updates the answer, so the caller can say when the
level the facts require has risen. Pure.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from pasopati_cli import counts, tally
from pasopati_cli.model import CrisisType, Guideline, NumberQuestion, Variable
from pasopati_cli.problems import PasopatiError, Problem, problem
from pasopati_cli.quantity import FORMS, InvalidQuantity, Quantity
from pasopati_cli.render import InvalidFact, coerce_fact
from pasopati_cli.response import Guide, variables_of
from pasopati_cli.triage import Answer, InvalidAnswer, TriageResult, decide, parse_answer


@dataclass(frozen=True)
class NewFacts:
    values: dict[str, Any]  # plain JSON, as the journal stores them (a count not exact keeps its notation)
    answers: dict[str, Answer]  # triage answers these facts change
    derived: dict[str, str]  # derived tallies after the change, in notation


def derivations(crisis: CrisisType) -> list[tally.Derivation]:
    return [
        tally.Derivation(item.id, item.derived.base, tuple(item.derived.minus), tuple(item.derived.plus))
        for item in crisis.tallies
        if item.derived is not None
    ]


def current_tallies(values: Mapping[str, Any], crisis: CrisisType) -> dict[str, Quantity]:
    """The derived tallies these values give; none while the counts contradict each other or a stored value
    is not a count (incident fact refuses new contradictions, so only an old sheet can be in that state)."""
    try:
        return tally.derive(values, derivations(crisis))
    except (tally.ImpossibleTally, InvalidQuantity):
        return {}


def catalogue(guide: Guide, crisis: CrisisType) -> dict[str, Variable]:
    """Every variable the type's statement templates declare (first declaration wins), by name, and the
    yes/no stages of the guideline's `disclosure.naming` (`ditetapkan_tersangka`)."""
    found: dict[str, Variable] = {}
    for use in crisis.statements:
        for name in use.template.values():
            template = guide.bundle.templates.get(name)
            if template is None:
                continue
            for variable in variables_of(guide, template):
                found.setdefault(variable.name, variable)
    naming = guide.guideline.disclosure.naming
    for stage in naming.stages if naming is not None else []:  # the stages that let initials be printed
        found.setdefault(stage.id, Variable(name=stage.id, prompt=stage.title, type="yes_no"))
    return found


def known_names(crisis: CrisisType, variables: Mapping[str, Variable]) -> list[str]:
    names = dict.fromkeys([*variables, *(item.id for item in crisis.tallies)])
    names.update(dict.fromkeys(question.id for question in crisis.triage.questions))
    return list(names)


def check_new_facts(
    *,
    crisis: CrisisType,
    variables: Mapping[str, Variable],
    current: Mapping[str, Any],
    given: Mapping[str, object],
    zone: tzinfo,
    reference: datetime,
) -> NewFacts:
    """The given raw values, typed; PasopatiError with every problem when any is wrong."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    answers: dict[str, Answer] = {}
    questions = {question.id: question for question in crisis.triage.questions}
    derived_ids = {rule.id: rule for rule in derivations(crisis)}
    tallies = {item.id for item in crisis.tallies}
    names = known_names(crisis, variables)
    for name, raw in given.items():
        if name in derived_ids:
            problems.append(problem("P432", name=name, inputs=", ".join(derived_ids[name].inputs())))
            continue
        if name not in names:
            problems.append(_unknown(crisis, name, names))
            continue
        question = questions.get(name)
        try:
            if question is not None and name not in variables and name not in tallies:
                typed: Any = parse_answer(question, raw)
            else:
                typed = _typed(name, raw, variables.get(name), name in tallies, zone, reference)
            if question is not None:
                answers[name] = parse_answer(question, typed)
        except (InvalidFact, InvalidAnswer) as exc:
            problems.append(problem("P431", name=name, detail=exc.id_text, detail_en=exc.en_text))
            continue
        values[name] = typed
        source = crisis.facts_from_answers.get(name)
        if isinstance(source, str) and isinstance(questions.get(source), NumberQuestion):
            answers[source] = typed  # a count given for the variable is the count triage asked for
    if problems:
        raise PasopatiError(problems)
    merged = {**current, **values}
    derived: dict[str, str] = {}
    try:
        for rule_id, quantity in tally.derive(merged, derivations(crisis)).items():
            derived[rule_id] = quantity.notation()
    except tally.ImpossibleTally as impossible:
        detail_id, detail_en = impossible.words()
        raise PasopatiError([problem("P433", detail=detail_id, detail_en=detail_en)]) from None
    except InvalidQuantity:
        pass  # a stored value that is not a count (recorded before the tally was declared): nothing derived
    return NewFacts(values, answers, derived)


def required_level(
    guideline: Guideline, crisis: CrisisType, answers: Mapping[str, Answer], new: Mapping[str, Answer]
) -> TriageResult:
    """What triage requires once the new answers replace the old ones."""
    return decide(guideline, crisis, {**answers, **new})


def _typed(name: str, raw: object, variable: Variable | None, is_tally: bool, zone: tzinfo, reference: datetime) -> Any:
    if variable is not None:
        value = coerce_fact(variable, raw, zone, reference)
    elif is_tally:
        try:
            value = counts.coerce(raw, name)
        except InvalidQuantity:
            raise InvalidFact(f"harus jumlah: {FORMS['id']}", f"must be a count: {FORMS['en']}") from None
    else:
        return raw if isinstance(raw, bool | int) else str(raw).strip()
    return plain(value)


def plain(value: object) -> Any:
    """A typed fact as plain JSON: counts as an int or their notation, times in ISO 8601."""
    if isinstance(value, counts.Count):
        return value.quantity.notation()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _unknown(crisis: CrisisType, name: str, names: Sequence[str]) -> Problem:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        hint_id, hint_en = f"; maksud Anda {' atau '.join(close)}?", f"; did you mean {' or '.join(close)}?"
    else:
        listed = ", ".join(sorted(names)[:20])
        hint_id, hint_en = f" (yang dikenal: {listed})", f" (known: {listed})"
    return problem("P430", type=crisis.id, name=name, hint=hint_id, hint_en=hint_en)
