"""Every distinct triage outcome of a crisis type, and how many answer paths lead to each. Pure.

Listing answer paths explodes (ten questions with a few answers each are already hundreds of thousands of
walks), so they are counted, not listed: the questions are taken in the order they are asked and the walks
so far are kept as states, one per distinct "what still matters" - the level reached, whether an answer
raised it, and the outcome of every `when` condition still to be read (by a later question, a role or an
action). Two walks in one state continue alike, so they merge and their counts add up (dynamic programming).
A number question takes representative answers: below, at and above every boundary its thresholds and
conditions use, and the forms of a count that is not exact (an estimate, a lower bound, not known yet).

Each outcome keeps the first walk that reached it: the renders of `pasopati test` start from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pasopati_cli.assign import roles_due
from pasopati_cli.model import ChoiceQuestion, Condition, CrisisType, Guideline, NumberQuestion, YesNoQuestion
from pasopati_cli.triage import (
    Answer,
    AnyQuestion,
    InvalidAnswer,
    applies,
    condition_holds,
    decide,
    floor_of,
    parse_answer,
)

Answers = dict[str, Answer]


@dataclass(frozen=True)
class Outcome:
    """The paths that end at one level with one set of roles to tell (and reasons or none for the level)."""

    level: str
    roles: tuple[str, ...]
    raised: bool  # some answer raised the level above the base (the statements then give reasons)
    paths: int  # how many answer paths end here
    answers: Answers  # the first of them


@dataclass
class _State:
    paths: int
    answers: Answers


def answer_values(question: AnyQuestion, crisis: CrisisType) -> list[Answer]:
    """The answers of a question that stand for all others: yes and no, every option; for a number, its
    smallest answer and one below, at and above every boundary the thresholds and the conditions on it use,
    then not known (?), an estimate at each boundary (~N) and a lower bound just below and at it (>=N)."""
    if isinstance(question, YesNoQuestion):
        return [False, True]
    if isinstance(question, ChoiceQuestion):
        return [option.id for option in question.options]
    bounds = number_bounds(question, crisis)
    raw: list[object] = [question.min]
    for bound in bounds:
        raw += [bound - 1, bound, bound + 1]
    raw += ["?"]
    for bound in bounds or [question.min + 1]:
        raw += [f"~{bound}", f">={bound - 1}", f">={bound}"]
    values: list[Answer] = []
    for value in raw:
        try:
            typed = parse_answer(question, value)
        except InvalidAnswer:
            continue  # outside the question's min and max
        if typed not in values:
            values.append(typed)
    return values


def number_bounds(question: NumberQuestion, crisis: CrisisType) -> list[int]:
    """Where the answer to a number question starts to matter: each threshold and each condition on it."""
    bounds = {threshold.at_least for threshold in question.thresholds}
    for condition in conditions_of(crisis):
        if condition.question != question.id:
            continue
        if condition.at_least is not None:
            bounds.add(condition.at_least)
        if condition.at_most is not None:
            bounds.add(condition.at_most + 1)
        if isinstance(condition.equals, int) and not isinstance(condition.equals, bool):
            bounds |= {condition.equals, condition.equals + 1}
    return sorted(bounds)


def conditions_of(crisis: CrisisType) -> list[Condition]:
    """Every `when` condition of the type: its questions', its roles' and its actions'."""
    found: list[Condition] = []
    for holder in (*crisis.triage.questions, *crisis.roles, *crisis.actions):
        found += holder.when
    return found


def outcomes(guideline: Guideline, crisis: CrisisType) -> list[Outcome]:
    """The distinct outcomes of the type's answer paths, each with how many paths end there."""
    order = [level.id for level in guideline.levels]
    questions = crisis.triage.questions
    conditions = conditions_of(crisis)
    # the step after which a condition is never read again: its question's, or the end for roles and actions
    last_read = [len(questions)] * len(conditions)
    for index, question in enumerate(questions):
        for condition in question.when:
            for number, other in enumerate(conditions):
                if other is condition:
                    last_read[number] = index
    base = order.index(crisis.base_level)
    states: dict[tuple[object, ...], _State] = {(base, False, (False,) * len(conditions)): _State(1, {})}
    for step, question in enumerate(questions):
        reading = [number for number, condition in enumerate(conditions) if condition.question == question.id]
        values = answer_values(question, crisis)
        following: dict[tuple[object, ...], _State] = {}
        for key, state in states.items():
            if not applies(question.when, state.answers):
                _merge(following, _forget(key, last_read, step), state)
                continue
            level, raised, held = key
            assert isinstance(level, int) and isinstance(held, tuple)
            for value in values:
                floor = floor_of(question, value)
                new_level, new_raised = level, raised
                if floor is not None and floor.level in order and order.index(floor.level) > base:
                    new_level, new_raised = max(level, order.index(floor.level)), True
                outcome = list(held)
                for number in reading:
                    outcome[number] = condition_holds(conditions[number], {question.id: value})
                new_key = _forget((new_level, new_raised, tuple(outcome)), last_read, step)
                _merge(following, new_key, _State(state.paths, {**state.answers, question.id: value}))
        states = following
    return _grouped(guideline, crisis, states.values(), order)


def _forget(key: tuple[object, ...], last_read: list[int], step: int) -> tuple[object, ...]:
    """The state without the outcomes of conditions no later step reads (so more walks merge)."""
    level, raised, held = key
    assert isinstance(held, tuple)
    return level, raised, tuple(value if last_read[number] > step else None for number, value in enumerate(held))


def _merge(states: dict[tuple[object, ...], _State], key: tuple[object, ...], state: _State) -> None:
    known = states.get(key)
    if known is None:
        states[key] = _State(state.paths, state.answers)
    else:
        known.paths += state.paths


def _grouped(guideline: Guideline, crisis: CrisisType, states: Iterable[_State], order: list[str]) -> list[Outcome]:
    found: dict[tuple[str, tuple[str, ...], bool], _State] = {}
    for state in states:
        result = decide(guideline, crisis, state.answers)
        roles = roles_due(guideline, crisis, result.level, state.answers)
        key = (result.level, tuple(sorted(roles)), bool(result.decisions))
        _merge(found, key, state)  # type: ignore[arg-type]
    return sorted(
        (Outcome(level, roles, raised, state.paths, state.answers) for (level, roles, raised), state in found.items()),
        key=lambda outcome: (order.index(outcome.level), outcome.raised, outcome.roles),
    )


def path_words(answers: Mapping[str, Answer]) -> str:
    """A walk as `question=answer` pairs (yes/no as ya/tidak), for a problem's key path."""
    shown = {True: "ya", False: "tidak"}
    return ", ".join(f"{name}={shown[value] if isinstance(value, bool) else value}" for name, value in answers.items())
