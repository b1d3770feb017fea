"""Triage: (playbook, answers) -> level and the reasons that decided it. Pure functions.

The level is the highest of the base level and every floor an answer raises; the officer may raise
it further with a recorded reason, never lower it. The walk asks through a callable it is given, so
the terminal, an answers file and a test script all drive the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pasopati_cli import quantity
from pasopati_cli.model import (
    ChoiceAsYesNo,
    ChoiceQuestion,
    Condition,
    CrisisType,
    FactSource,
    Floor,
    Guideline,
    ManualRaise,
    NumberQuestion,
    Question,
    Variable,
    YesNoAsValue,
    YesNoQuestion,
    range_words,
)
from pasopati_cli.problems import Lang, PasopatiError, Problem, did_you_mean, problem

Answer = bool | int | str
AnyQuestion = YesNoQuestion | ChoiceQuestion | NumberQuestion

YES = frozenset({"y", "ya", "yes", "true", "benar", "1", "iya"})
NO = frozenset({"t", "n", "tidak", "no", "false", "salah", "0", "tdk", "gak", "nggak", "enggak"})


@dataclass(frozen=True)
class Decision:
    """One answer that lifted the level, and why."""

    question: str
    answer: Answer
    level: str
    reason_id: str
    reason_en: str

    def reason(self, lang: Lang) -> str:
        return self.reason_en if lang == "en" else self.reason_id


@dataclass(frozen=True)
class TriageResult:
    crisis_type: str
    base_level: str
    required_level: str
    level: str
    decisions: tuple[Decision, ...]
    answers: Mapping[str, Answer]
    manual: ManualRaise | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self, guideline: Guideline, lang: Lang) -> dict[str, Any]:
        return {
            "crisis_type": self.crisis_type,
            "level": self.level,
            "level_title": guideline.level(self.level).title.get(lang),
            "base_level": self.base_level,
            "required_level": self.required_level,
            "reasons": [
                {"question": d.question, "answer": d.answer, "level": d.level, "reason": d.reason(lang)}
                for d in self.decisions
            ],
            "manual_raise": ({"level": self.manual.level, "reason": self.manual.reason} if self.manual else None),
            "answers": dict(self.answers),
        }


class InvalidAnswer(ValueError):
    """An answer that does not fit its question; the text says why, in both languages."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(en_text)
        self.id_text, self.en_text = id_text, en_text

    def text(self, lang: Lang) -> str:
        return self.en_text if lang == "en" else self.id_text


def parse_answer(question: AnyQuestion, raw: object) -> Answer:
    """Typed answer from what a person typed (or a YAML value); InvalidAnswer says what fits."""
    if isinstance(question, YesNoQuestion):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise InvalidAnswer("jawab ya atau tidak", "answer yes or no")
    if isinstance(question, ChoiceQuestion):
        text = str(raw).strip()
        ids = [option.id for option in question.options]
        if text in ids:
            return text
        if text.isdigit() and 1 <= int(text) <= len(ids):
            return ids[int(text) - 1]
        for option in question.options:
            if text.lower() in (option.label.id.lower(), option.label.en.lower()):
                return option.id
        listed = ", ".join(ids)
        close_id, close_en = did_you_mean(text, ids)
        raise InvalidAnswer(
            f"pilih salah satu: {listed} (atau nomornya){close_id}",
            f"choose one of: {listed} (or its number){close_en}",
        )
    if isinstance(raw, bool):
        raise InvalidAnswer("jawab dengan angka", "answer with a number")
    words_id, words_en = range_words(question.min, question.max)
    try:
        count = quantity.parse(raw)
    except quantity.InvalidQuantity:
        if str(raw).strip().lstrip("-").isdigit():
            raise InvalidAnswer(f"jawab dengan {words_id}", f"answer with {words_en}") from None
        raise InvalidAnswer(
            f"jawab dengan jumlah: {quantity.FORMS['id']}", f"answer with a count: {quantity.FORMS['en']}"
        ) from None
    low, high = question.min, question.max
    if count.value is not None and (count.value < low or (high is not None and count.value > high)):
        raise InvalidAnswer(f"jawab dengan {words_id}", f"answer with {words_en}")
    # An exact count stays a number; an estimate, a lower bound or "not known" keeps its notation (~50, >=49,
    # ?), so that it is never printed as an exact figure and never read as 0.
    return count.value if count.exact and count.value is not None else count.notation()


def condition_holds(condition: Condition, answers: Mapping[str, Answer]) -> bool:
    if condition.question not in answers:
        return False
    value = answers[condition.question]
    if condition.equals is not None:
        return type(value) is type(condition.equals) and value == condition.equals
    if condition.in_ is not None:
        return value in condition.in_
    count = count_of(value)
    if count is None:
        return False
    # A count not known exactly yet (unknown, an estimate, a lower bound) that may meet the condition is
    # taken to meet it: the question is asked, the role is told - when unsure, the higher level.
    if condition.at_least is not None:
        return count.at_least(condition.at_least) is not False
    return condition.at_most is not None and count.at_most(condition.at_most) is not False


def count_of(answer: Answer) -> quantity.Quantity | None:
    """A number question's answer as a Quantity (None for an answer that is not a count)."""
    if isinstance(answer, bool):
        return None
    try:
        return quantity.parse(answer)
    except quantity.InvalidQuantity:
        return None


def applies(conditions: list[Condition], answers: Mapping[str, Answer]) -> bool:
    return all(condition_holds(condition, answers) for condition in conditions)


def floor_of(question: AnyQuestion, answer: Answer) -> Floor | None:
    """The level floor an answer raises, if any."""
    if isinstance(question, YesNoQuestion):
        return question.raises_to if answer is True else None
    if isinstance(question, ChoiceQuestion):
        option = next((o for o in question.options if o.id == answer), None)
        return option.raises_to if option else None
    count = count_of(answer)
    reached = [t for t in question.thresholds if count is not None and count.at_least(t.at_least) is True]
    return reached[-1].raises_to if reached else None


def can_raise(question: AnyQuestion) -> bool:
    """Whether some answer to the question raises the level: such a question offers no default that Enter
    would accept without a look (a count of 1, "under control", "no coverage yet")."""
    if isinstance(question, YesNoQuestion):
        return question.raises_to is not None
    if isinstance(question, ChoiceQuestion):
        return any(option.raises_to is not None for option in question.options)
    return bool(question.thresholds)


def open_thresholds(crisis: CrisisType, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """Number questions whose count is not known well enough to say whether a higher threshold is met:
    the level may still rise when they are known (the walk and status say so)."""
    questions = {question.id: question for question in crisis.triage.questions}
    found = []
    for question_id, answer in answers.items():
        question = questions.get(question_id)
        count = count_of(answer)
        if not isinstance(question, NumberQuestion) or count is None:
            continue
        if any(count.at_least(threshold.at_least) is None for threshold in question.thresholds):
            found.append(question_id)
    return tuple(found)


def next_question(crisis: CrisisType, answers: Mapping[str, Answer]) -> Question | None:
    """The first question that applies and has no answer yet (questions are asked in file order)."""
    for question in crisis.triage.questions:
        if question.id not in answers and applies(question.when, answers):
            return question
    return None


def prune(crisis: CrisisType, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """Drop answers whose question no longer applies (after an earlier answer was changed)."""
    kept: dict[str, Answer] = {}
    for question in crisis.triage.questions:
        if question.id in answers and applies(question.when, kept):
            kept[question.id] = answers[question.id]
    return kept


def decide(
    guideline: Guideline, crisis: CrisisType, answers: Mapping[str, Answer], manual: ManualRaise | None = None
) -> TriageResult:
    """The level the answers require (and the manual raise, if it is not a lowering)."""
    order = [level.id for level in guideline.levels]
    answers = prune(crisis, answers)
    required = crisis.base_level
    decisions = []
    for question in crisis.triage.questions:
        if question.id not in answers:
            continue
        floor = floor_of(question, answers[question.id])
        if floor is None or order.index(floor.level) <= order.index(crisis.base_level):
            continue
        decisions.append(Decision(question.id, answers[question.id], floor.level, floor.reason.id, floor.reason.en))
        if order.index(floor.level) > order.index(required):
            required = floor.level
    level = required
    if manual is not None:
        if manual.level not in order:
            raise PasopatiError([_unknown_level(manual.level, order)])
        if order.index(manual.level) < order.index(required):
            raise PasopatiError([problem("P405", level=guideline.level(required).title.id)])
        level = manual.level
    skipped = tuple(q.id for q in crisis.triage.questions if q.id not in answers)
    return TriageResult(crisis.id, crisis.base_level, required, level, tuple(decisions), answers, manual, skipped)


def _unknown_level(level_id: str, order: list[str]) -> Problem:
    close_id, close_en = did_you_mean(level_id, order)
    listed = f" ({', '.join(order)})"
    return problem(
        "P201", what="tingkat", what_en="level", name=level_id, hint=close_id + listed, hint_en=close_en + listed
    )


def answers_from_values(crisis: CrisisType, values: Mapping[str, object], source: str | None) -> dict[str, Answer]:
    """Typed answers from an answers file or --answer flags; every bad one is reported at once."""
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    known = {q.id: q for q in crisis.triage.questions}
    for key, raw in values.items():
        question = known.get(key)
        if question is None:
            listed = f" ({', '.join(known)})" if len(known) <= 12 else ""
            close_id, close_en = did_you_mean(key, known)
            problems.append(
                problem("P201", file=source, what="pertanyaan", what_en="question", name=key,
                        hint=close_id + listed, hint_en=close_en + listed)
            )  # fmt: skip
            continue
        try:
            answers[key] = parse_answer(question, raw)
        except InvalidAnswer as exc:
            problems.append(problem("P402", file=source, name=key, detail=exc.id_text, detail_en=exc.en_text))
    if problems:
        raise PasopatiError(problems)
    return answers


def missing_answers(crisis: CrisisType, answers: Mapping[str, Answer]) -> list[str]:
    """Questions that apply but have no answer: what a non-interactive run must refuse to guess."""
    missing = []
    known = dict(answers)
    for question in crisis.triage.questions:
        if question.id in known or not applies(question.when, known):
            continue
        missing.append(question.id)
    return missing


# --- answers as statement facts -----------------------------------------------------------------------

_FACT_TYPES: dict[type, tuple[str, ...]] = {
    YesNoQuestion: ("yes_no",),
    NumberQuestion: ("integer", "text", "long_text"),
    ChoiceQuestion: ("choice", "text", "long_text"),
}


def answer_fits(variable: Variable, question: Question, source: FactSource) -> bool:
    """Whether a statement variable can take this question's answer through `source` (a choice variable
    needs every option; a choice read as yes/no fills a yes/no variable; a yes/no question's `if_no`
    value must be of the variable's type)."""
    if isinstance(source, ChoiceAsYesNo):
        return variable.type == "yes_no" and isinstance(question, ChoiceQuestion)
    if isinstance(source, YesNoAsValue):
        return isinstance(question, YesNoQuestion) and _value_fits(variable, source.if_no)
    if variable.type not in _FACT_TYPES.get(type(question), ()):
        return False
    if variable.type == "choice" and isinstance(question, ChoiceQuestion):
        return all(option.id in variable.choices for option in question.options)
    return True


def _value_fits(variable: Variable, value: Answer) -> bool:
    if variable.type == "yes_no":
        return isinstance(value, bool)
    if variable.type == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and value >= variable.lowest
    if variable.type == "choice":
        return isinstance(value, str) and value in variable.choices
    return variable.type in ("text", "long_text") and isinstance(value, str)


def fact_from_answer(
    variable: Variable, question: Question, answer: Answer, lang: Lang, source: FactSource
) -> Answer | None:
    """The variable's value from an answer: as given, a choice's label in `lang` for a text variable,
    whether the chosen option is one of `means_yes`, or `if_no` for a no (None: not given by this answer)."""
    if not answer_fits(variable, question, source):
        return None
    if isinstance(source, ChoiceAsYesNo):
        return str(answer) in source.means_yes
    if isinstance(source, YesNoAsValue):
        return source.if_no if answer is False else None
    if isinstance(question, ChoiceQuestion) and variable.type in ("text", "long_text"):
        option = next((option for option in question.options if option.id == str(answer)), None)
        return option.label.get(lang) if option is not None else None
    return answer


def fact_sources(spec: FactSource | list[FactSource]) -> list[FactSource]:
    """The sources of one `facts_from_answers` entry, in the order they are tried."""
    return list(spec) if isinstance(spec, list) else [spec]


def source_question(source: FactSource) -> str:
    return source if isinstance(source, str) else source.question


def facts_from_answers(
    crisis: CrisisType, variables: list[Variable], answers: Mapping[str, Answer], lang: Lang
) -> dict[str, Answer]:
    """Values for the statement's variables that the type fills from triage answers the officer gave."""
    questions = {question.id: question for question in crisis.triage.questions}
    found: dict[str, Answer] = {}
    for variable in variables:
        for source in fact_sources(crisis.facts_from_answers.get(variable.name, [])):
            question_id = source_question(source)
            question = questions.get(question_id)
            if question is None or question_id not in answers:
                continue
            value = fact_from_answer(variable, question, answers[question_id], lang, source)
            if value is not None:
                found[variable.name] = value
                break
    return found
