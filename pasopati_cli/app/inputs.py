"""What a use case is given, as layers whose precedence is data (copier's AnswersMap is the model).

Highest first: what the officer typed during the walk, flags (--answer, --set, --raise-to), the --vars
file, the answers file, the journal (a resumed incident), and last the facts that triage answers fill.
A value is read from the first layer that has it; nothing is merged into a dict by hand, so a fact typed
at a prompt is in `Inputs.typed` the moment it is typed and an interrupted walk can save it.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli.problems import PasopatiError, problem

if TYPE_CHECKING:
    from pasopati_cli.app.ports import Clock
    from pasopati_cli.model import Naming, UnitProfile
    from pasopati_cli.response import Guide

# The layers, highest precedence first. The order is the rule.
ORDER = ("typed", "flags", "vars", "answers", "journal", "triage")


# Which layers locate problems in answers or facts (flags have no file: problems name no file).
_LOCATES = {"flags": ("answers", "facts"), "vars": ("facts",), "answers": ("answers", "facts"), "journal": ("facts",)}


class UsageError(Exception):
    """A flag used wrongly (exit 2 at the edge, as the parser's own errors)."""

    def __init__(self, message: str, flag: str) -> None:
        super().__init__(message)
        self.message, self.flag = message, flag


@dataclass
class Layer:
    """One source of inputs. `source` names it in problems (a file's display path; None for flags);
    `given` says whether the source was named at all (an empty answers file still locates problems)."""

    name: str
    source: str | None = None
    given: bool = False
    answers: dict[str, object] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)  # start, operator, crisis_type, raise_to, exercise


@dataclass
class Inputs:
    """Every layer of a run's inputs, and the lookups over them."""

    layers: dict[str, Layer] = field(default_factory=lambda: {name: Layer(name) for name in ORDER})
    people: list[str] = field(default_factory=list)  # full names the guard keeps out of statements
    roles: dict[str, str] = field(default_factory=dict)  # a marked name -> its role in the incident (naming)
    # Facts the officer chose to type again: lower layers no longer supply them.
    retyped: set[str] = field(default_factory=set)
    # The variables of the statement being drafted, once its facts are being filled.
    drafting: set[str] = field(default_factory=set)

    def layer(self, name: str) -> Layer:
        return self.layers[name]

    def mark(self, marked: Mapping[str, str | None]) -> None:
        """Names the guard keeps out of statements, each with its role when one is given."""
        for name, role in marked.items():
            if name not in self.people:
                self.people.append(name)
            if role is not None:
                self.roles[name] = role

    def marked(self) -> dict[str, str | None]:
        """Each marked name and its role (None: the guideline's default role)."""
        return {name: self.roles.get(name) for name in self.people}

    @property
    def typed(self) -> Layer:
        return self.layers["typed"]

    @property
    def answers(self) -> Mapping[str, object]:
        return ChainMap(*(self.layers[name].answers for name in ORDER))

    @property
    def facts(self) -> Mapping[str, object]:
        lower = [{k: v for k, v in self.layers[name].facts.items() if k not in self.retyped} for name in ORDER[1:]]
        return ChainMap(self.typed.facts, *lower)

    def statement_facts(self) -> dict[str, object]:
        """The facts of the statement being drafted, given and typed: what an interrupted walk keeps."""
        return {k: v for k, v in self.facts.items() if k in self.drafting and v is not None}

    def setting(self, key: str) -> Any:
        return next((self.layers[name].settings[key] for name in ORDER if key in self.layers[name].settings), None)

    def source(self, kind: str) -> str | None:
        """The file that answers (kind "answers") or facts ("facts") come from, to locate problems: the
        highest layer that was given; the typed layer only when nothing else was."""
        for name, kinds in _LOCATES.items():
            layer = self.layers[name]
            if kind in kinds and layer.given and (name != "flags" or getattr(layer, kind)):
                return layer.source
        return self.typed.source

    @property
    def flagged(self) -> set[str]:
        """Facts typed with --set: a name no template declares is a typo, reported at once."""
        return set(self.layers["flags"].facts)

    def retype(self, name: str, filled: Mapping[str, object]) -> None:
        """The officer wants `name` asked again: keep the other values as typed, forget this one."""
        self.typed.facts.update({k: v for k, v in filled.items() if k != name and v is not None})
        self.typed.facts.pop(name, None)
        self.retyped.add(name)
        self.typed.source = self.typed.source or "-"
        self.typed.given = True

    def from_journal(self, answers: Mapping[str, object], facts: Mapping[str, object], **settings: Any) -> None:
        journal = self.layers["journal"]
        journal.answers.update(answers)
        journal.facts.update(facts)
        journal.settings.update({k: v for k, v in settings.items() if v is not None})
        if facts:
            journal.source, journal.given = "jurnal", True


def _pairs(values: Sequence[str] | None, option: str) -> dict[str, object]:
    result: dict[str, object] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"'{item}': pakai NAMA=NILAI / use NAME=VALUE", option)
        result[key.strip()] = value
    return result


def gather(
    *,
    answer: Sequence[str] | None = None,
    answers_file: Path | None = None,
    sets: Sequence[str] | None = None,
    vars_file: Path | None = None,
    raise_to: str | None = None,
    reason: str | None = None,
    people: Sequence[str] | None = None,
) -> Inputs:
    """The layers from flags and files (each file read and checked, every problem located)."""
    from pasopati_cli.loader import display_path
    from pasopati_cli.response import load_answers

    inputs = Inputs()
    if answers_file is not None:
        document = load_answers(answers_file)
        settings: dict[str, Any] = {"start": document.start, "operator": document.operator}
        settings["crisis_type"] = document.crisis_type
        if document.raise_to is not None:
            settings["raise_to"] = (document.raise_to.level, document.raise_to.reason)
        settings = {k: v for k, v in settings.items() if v is not None}
        inputs.layers["answers"] = Layer("answers", display_path(answers_file), True, dict(document.answers),
                                         dict(document.facts), settings)  # fmt: skip
        inputs.layers["answers"].settings["people"] = document.marked()  # kept apart to locate a bad role
        inputs.mark(document.marked())
    if vars_file is not None:
        inputs.layers["vars"] = Layer("vars", display_path(vars_file), True, facts=load_vars(vars_file))
    flags = inputs.layers["flags"]
    flags.answers, flags.facts = _pairs(answer, "--answer"), _pairs(sets, "--set")
    flags.given = bool(flags.answers or flags.facts)
    from pasopati_cli.naming import parse_marks

    flags.settings["people"] = parse_marks(people or [])
    inputs.mark(flags.settings["people"])
    if raise_to is not None:
        if not reason:
            raise UsageError("--raise-to perlu --reason / needs --reason", "--reason")
        flags.settings["raise_to"] = (raise_to, reason)
    return inputs


def load_vars(path: Path) -> dict[str, object]:
    from pasopati_cli.loader import display_path, parse_yaml, read_text

    text, problems = read_text(path, display_path(path))
    if text is None:
        raise PasopatiError(problems)
    doc, problems = parse_yaml(text, display_path(path))
    if doc is None or problems:
        raise PasopatiError(problems)
    return dict(doc.data)


def check_roles(inputs: Inputs, naming: Naming | None) -> None:
    """Every role given with a marked name (answers file, --person) is one of the guideline's (P201)."""
    from pasopati_cli.naming import unknown_roles

    problems = []
    for name in ("answers", "flags"):
        layer = inputs.layer(name)
        problems += unknown_roles(naming, layer.settings.get("people") or {}, layer.source)
    if problems:
        raise PasopatiError(problems)


def check_type(inputs: Inputs, type_id: str) -> None:
    """An answers file written for another crisis type is refused."""
    expected = inputs.layer("answers").settings.get("crisis_type")
    if expected is not None and expected != type_id:
        raise PasopatiError(
            [
                problem(
                    "P406",
                    file=inputs.source("answers"),
                    detail=f"berkas jawaban ini untuk jenis '{expected}', bukan '{type_id}'",
                    detail_en=f"this answers file is for type '{expected}', not '{type_id}'",
                )
            ]
        )


def unit_profile(path: Path | None, guide: Guide) -> UnitProfile:
    from pasopati_cli.response import load_unit

    if path is None:
        raise PasopatiError(
            [
                problem(
                    "P406",
                    detail="profil satuan kerja belum diberikan: pakai --unit BERKAS atau PASOPATI_UNIT "
                    "(contoh: examples/unit.yaml)",
                    detail_en="no unit profile: use --unit FILE or PASOPATI_UNIT (example: examples/unit.yaml)",
                )
            ]
        )
    return load_unit(path, guide.guideline)


def start_time(
    text: str | None,
    fallback: datetime | None,
    unit: UnitProfile,
    flag: str = "--start",
    past: bool = True,
    clock: Clock | None = None,
) -> datetime:
    """When the incident began: `--start` (a time alone is the latest such time), else the answers
    file's `start`, else now. A start that has not happened yet is refused: deadlines count from it.
    Also reads `--at`, named by `flag` in errors: when a notice or action really happened (past), or the
    moment `incident status` looks from (`past=False`: a time alone is the nearest such time, any day)."""
    from pasopati_cli import clock as system_clock
    from pasopati_cli.model import Text, Variable
    from pasopati_cli.render import InvalidFact, coerce_fact, tense_conflict

    zone = system_clock.resolve_zone(unit.unit.timezone)
    now = (clock or system_clock).now(zone)
    if text is None and fallback is None:
        return now.replace(second=0, microsecond=0)
    # Constructed, not validated: building the model's validator costs more than the rest of a response.
    prompt = Text.model_construct(id="mulai", en="start")
    variable = Variable.model_construct(name="start", prompt=prompt, type="datetime", tense="past" if past else None)
    try:
        typed = _as_typed(text, past, zone, now) if text is not None else None
        value = typed if typed is not None else coerce_fact(variable, text if text is not None else fallback, zone, now)
    except InvalidFact as exc:
        reason = system_clock.impossible_date(text) if text is not None else None
        id_text, en_text = (
            (f"'{text}' tidak ada: {reason[0]}", f"'{text}' does not exist: {reason[1]}")
            if reason
            else (exc.id_text, exc.en_text)
        )
        raise PasopatiError([problem("P407", detail=f"{flag}: {id_text}", detail_en=f"{flag}: {en_text}")]) from None
    assert isinstance(value, datetime)
    conflict = tense_conflict(variable, value, now)
    if conflict is not None:
        flag = flag if text is not None else "start"
        raise PasopatiError([problem("P407", detail=f"{flag}: {conflict[0]}", detail_en=f"{flag}: {conflict[1]}")])
    return value


def _as_typed(text: str, past: bool, zone: Any, now: datetime) -> datetime | None:
    """A moment in the forms officers type ("tadi 18.15", "kemarin 23.50", "10 Maret 18.15"), or None to
    let the plain formats decide (and word the error)."""
    if not past:
        return None
    from pasopati_cli.moments import InvalidMoment, parse_moment

    try:
        return parse_moment(text, now, zone).moment
    except InvalidMoment:
        return None
