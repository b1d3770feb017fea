"""The statements of every triage outcome rendered, checked, and the template branches they went through.

For each crisis type and each level its answer paths reach, every statement kind offered at that level is
rendered in each language it has, through the tool's own sandboxed renderer, once for each outcome's path
(renders that agree on every value the template tests are made once), with the facts the path's answers
give (`facts_from_answers`), the roster's names (`facts_from_roster`) and, for every other variable, its
example or a value of its type. Then, once per template, other values are tried where its conditions
read them: each other value of a yes/no or choice variable, counts at, below and above the numbers the
template compares them with and in the forms of a count that is not exact, a missing optional value, an
exercise and a unit profile without its optional fields. The disclosure guard and the style check (as
`validate` runs them on its trial render, so that a finding stands at the template line that wrote it)
read the fewest renders of each template that went through every branch its renders went through. Each
problem's key path is the path (and the values) that led to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from pasopati_cli import clock
from pasopati_cli.branches import TRACER, Instrumented, Tracer, instrument
from pasopati_cli.loader import TemplateSource
from pasopati_cli.model import CrisisType, StatementUse, UnitProfile, Variable
from pasopati_cli.pathcover import Outcome, outcomes, path_words
from pasopati_cli.problems import Lang, PasopatiError, Problem
from pasopati_cli.response import (
    EXAMPLE_WRITTEN_AFTER,
    Guide,
    example_start,
    fill_facts,
    render_context,
    render_statement,
    statement_use,
    template_for,
    variables_of,
)
from pasopati_cli.triage import Answer, TriageResult, decide, facts_from_answers
from pasopati_cli.validation import in_our_words, rendered_problems, template_family

LANGS: tuple[Lang, ...] = ("id", "en")


@dataclass
class TypeCoverage:
    """What the walk of one crisis type found: its classes of paths and what their statements covered."""

    crisis_type: str
    classes: int = 0  # outcomes whose statements went through the same branches, taken together
    paths: int = 0  # answer paths they stand for
    levels: list[str] = field(default_factory=list)
    renders: int = 0  # statements rendered
    checked: int = 0  # of them checked by the guard and the style check
    branches: set[int] = field(default_factory=set)  # in the templates its statements use
    covered: set[int] = field(default_factory=set)


@dataclass
class _Input:
    """One render: the values given to the template, and where they came from (for the key path)."""

    given: dict[str, object]
    result: TriageResult
    path: str
    exercise: bool = False
    unit: str = "full"


@dataclass(frozen=True)
class _Kept:
    """A render that went through a branch no earlier render of its template did: a candidate for the checks."""

    branches: frozenset[int]
    text: str
    where: str
    template: TemplateSource
    lang: Lang
    kind: str


class Walk:
    """Renders, checks and branch coverage of one guideline."""

    def __init__(self, guide: Guide, unit: UnitProfile, types: list[str]) -> None:
        self.guide, self.units = guide, {"full": unit, "bare": bare_unit(unit)}
        self.zone = clock.resolve_zone(unit.unit.timezone)
        self.start = example_start(unit)
        self.tracer = Tracer()
        names = {name for name, source in guide.bundle.templates.items() if not source.meta.partial}
        used = {name for type_id in types for use in guide.types[type_id].statements for name in use.template.values()}
        self.families = {name: template_family(guide.bundle.templates, name) for name in sorted(names & used)}
        self.traced: Instrumented = instrument(guide.bundle.templates, set().union(*self.families.values()))
        self.seen: dict[str, set[int]] = {}  # template -> branches its renders went through
        self.rendered: dict[tuple[object, ...], frozenset[int] | None] = {}
        self.pending: dict[str, list[_Kept]] = {}  # template -> renders that went through new branches
        self.checked_partials: set[int] = set()
        self.attempted: set[str] = set()  # statement templates rendered (or tried)
        self.problems: dict[tuple[object, ...], Problem] = {}

    @property
    def covered(self) -> set[int]:
        return set().union(*self.seen.values()) if self.seen else set()

    def family_branches(self, name: str) -> set[int]:
        return {n for member in self.families.get(name, {name}) for n in self.traced.by_template.get(member, [])}

    def _tested(self, name: str) -> tuple[set[str], dict[str, set[int]]]:
        """The names the template and its partials test, and the numbers each is compared with."""
        family = self.families.get(name, {name})
        tested = set().union(*(self.traced.tested.get(member, set()) for member in family))
        compared: dict[str, set[int]] = {}
        for member in family:
            for variable, numbers in self.traced.compared.get(member, {}).items():
                compared.setdefault(variable, set()).update(numbers)
        return tested, compared

    def cover(self, crisis: CrisisType) -> TypeCoverage:
        """Every outcome of the type: its statements rendered and checked; its classes counted."""
        found = outcomes(self.guide.guideline, crisis)
        report = TypeCoverage(crisis.id, paths=sum(outcome.paths for outcome in found))
        order = [level.id for level in self.guide.guideline.levels]
        report.levels = sorted({outcome.level for outcome in found}, key=order.index)
        taken: list[set[int]] = [set() for _ in found]
        seeds: dict[str, tuple[StatementUse, Lang, _Input]] = {}
        for level in report.levels:
            group = [(index, outcome) for index, outcome in enumerate(found) if outcome.level == level]
            for use in self._uses_at(crisis, level):
                for lang in (lang for lang in LANGS if lang in use.template):
                    seed = self._template(crisis, use, lang, group, taken, report)
                    seeds.setdefault(use.template[lang], (use, lang, seed))
        # then the values no answer gives, once per template, after every path has had its renders
        for use, lang, seed in seeds.values():
            self._explore(crisis, use, template_for(self.guide, use, lang), lang, seed, report)
        self._check(report)
        report.classes = len({(found[i].level, found[i].roles, frozenset(seen)) for i, seen in enumerate(taken)})
        return report

    def _uses_at(self, crisis: CrisisType, level: str) -> Iterator[StatementUse]:
        for kind in dict.fromkeys(use.kind for use in crisis.statements if level in use.levels):
            yield statement_use(self.guide, crisis, kind, level)

    def _template(
        self,
        crisis: CrisisType,
        use: StatementUse,
        lang: Lang,
        group: list[tuple[int, Outcome]],
        taken: list[set[int]],
        report: TypeCoverage,
    ) -> _Input:
        """One template at one level, rendered for each outcome's path; the first that rendered is returned
        (the seed of the other values: a seed that fails would fail them all)."""
        template = template_for(self.guide, use, lang)
        self.attempted.add(template.name)
        report.branches |= self.family_branches(template.name)
        variables = variables_of(self.guide, template)
        tested = self._tested(template.name)[0]
        base = {variable.name: generated(variable, self.start, lang) for variable in variables}
        first: _Input | None = None
        rendered: _Input | None = None
        for index, outcome in group:
            given = self._given(crisis, variables, outcome.answers, base, lang)
            result = decide(self.guide.guideline, crisis, outcome.answers)
            render = _Input(given, result, f"{crisis.id}: {path_words(outcome.answers)}")
            branches = self._render(crisis, use, template, variables, lang, render, tested, report)
            if branches is not None:
                taken[index] |= branches
                rendered = rendered or render
            first = first or render
        assert first is not None  # every level in a group has an outcome
        return rendered or first

    def _explore(
        self, crisis: CrisisType, use: StatementUse, template: TemplateSource, lang: Lang, seed: _Input,
        report: TypeCoverage,
    ) -> None:  # fmt: skip
        """Other values where the template tests them, from `seed` and then from each render that reached
        new branches (three rounds, so that an `if` inside an `if` inside an `if` is reached too). Every value
        the conditions of the branches not reached yet read is tried; of the other values the template tests,
        the ones an officer can always give (a count not known yet, an estimate, a lower bound, nothing for an
        optional value) are tried once, from the seed, since a template must still render with them."""
        variables = variables_of(self.guide, template)
        tested, compared = self._tested(template.name)
        branches = self.family_branches(template.name)
        seeds, robust = [seed], tested
        for _ in range(3):
            left = branches - self.seen.get(template.name, set())
            wanted = tested & set().union(*(self.traced.branches[number].tests for number in left))
            following: list[_Input] = []
            for current in seeds:
                for render in self._variations(current, variables, wanted, robust, compared):
                    before = len(self.seen.get(template.name, ()))
                    self._render(crisis, use, template, variables, lang, render, tested, report)
                    if len(self.seen.get(template.name, ())) > before:
                        following.append(render)
            seeds, robust = following, set()

    def _variations(
        self, seed: _Input, variables: list[Variable], wanted: set[str], robust: set[str], compared: dict[str, set[int]]
    ) -> Iterator[_Input]:
        if "exercise" in wanted:
            yield replace(seed, exercise=not seed.exercise, path=seed.path + "; latihan / exercise")
        if "unit" in wanted and seed.unit == "full":
            yield replace(seed, unit="bare", path=seed.path + "; unit: -")
        for variable in variables:
            if variable.name not in wanted and variable.name not in robust:
                continue
            for value in other_values(variable, seed.given.get(variable.name), compared.get(variable.name, set())):
                if variable.name in wanted or value is None or (isinstance(value, str) and value[:1] in "?~>"):
                    shown = "-" if value is None else value
                    yield replace(seed, given={**seed.given, variable.name: value},
                                  path=f"{seed.path}; {variable.name}={shown}")  # fmt: skip

    def _render(
        self,
        crisis: CrisisType,
        use: StatementUse,
        template: TemplateSource,
        variables: list[Variable],
        lang: Lang,
        render: _Input,
        tested: set[str],
        report: TypeCoverage,
    ) -> frozenset[int] | None:
        """The branches one render went through (None when it failed). Renders that agree on every value
        the template tests go through the same branches: only the first is made. A render that reaches a
        branch new to its template (or its first) is checked."""
        result = render.result
        key = (template.name, result.level, bool(result.decisions), render.exercise, render.unit,
               repr(sorted((name, value) for name, value in render.given.items() if name in tested)))  # fmt: skip
        if key in self.rendered:
            report.covered |= self.rendered[key] or set()
            return self.rendered[key]
        self.rendered[key] = None
        where = f"{render.path} [{result.level}, {use.kind}, {lang}]"
        report.renders += 1
        values, _, problems = fill_facts(variables, render.given, self.zone, self.start, template.file, lang)
        if problems:
            self._keep(problems, where)
            return None
        context = render_context(guide=self.guide, crisis=crisis, unit=self.units[render.unit], result=result,
                                 start=self.start, now=self.start + EXAMPLE_WRITTEN_AFTER, lang=lang, facts=values,
                                 exercise=render.exercise)  # fmt: skip
        try:
            text = render_statement(self.guide, template, context, self.traced.compiled, {TRACER: self.tracer.hit})
        except PasopatiError as error:
            self.tracer.take()
            self._keep([in_our_words(failure) for failure in error.problems], where)
            return None
        branches = self.rendered[key] = self.tracer.take()
        report.covered |= branches
        seen = self.seen.setdefault(template.name, set())
        if not seen or not branches <= seen:
            seen |= branches
            self.pending.setdefault(template.name, []).append(_Kept(branches, text, where, template, lang, use.kind))
        return branches

    def _check(self, report: TypeCoverage) -> None:
        """The guard and the style check over the fewest renders of each template that went through every
        branch its renders went through (greedily: the render with the most branches not yet checked first)."""
        for name, kept in self.pending.items():
            family = self.families.get(name, {name})
            partials = [self.guide.bundle.templates[member] for member in sorted(family) if member != name]
            # a partial's branch needs its check once, in whichever statement first went through it
            left = set().union(*(render.branches for render in kept)) - self.checked_partials
            first = True
            while kept and (left or first):
                first = False
                best = max(kept, key=lambda render: len(render.branches & left))
                kept.remove(best)
                report.checked += 1
                guideline = self.guide.guideline
                self._keep(rendered_problems(best.text, guideline, best.template, partials, best.lang, best.kind),
                           best.where)  # fmt: skip
                left -= best.branches
                self.checked_partials |= {n for n in best.branches if self.traced.branches[n].template != name}
        self.pending = {}

    def _keep(self, problems: list[Problem], where: str) -> None:
        for found in problems:
            key = (found.file, found.line, found.column, found.code, found.message("en"))
            self.problems.setdefault(key, replace(found, path=where))

    def _given(
        self, crisis: CrisisType, variables: list[Variable], answers: Mapping[str, Answer], base: dict[str, object],
        lang: Lang,
    ) -> dict[str, object]:  # fmt: skip
        """The values of a render: generated, the roster's names, then what the answers give."""
        names = {variable.name for variable in variables}
        unit = self.units["full"]
        holders = {
            name: unit.roster[role].name
            for name, role in self.guide.guideline.facts_from_roster.items()
            if name in names and role in unit.roster
        }
        return {**base, **holders, **facts_from_answers(crisis, variables, answers, lang)}


def generated(variable: Variable, start: datetime, lang: Lang) -> object:
    """A value of a variable's type: its example, else one made for it."""
    if variable.example is not None:
        return variable.example
    if variable.default is not None:
        return variable.default
    if variable.type == "integer":
        return max(variable.lowest, 1) if variable.max is None else min(max(variable.lowest, 1), variable.max)
    if variable.type == "yes_no":
        return True
    if variable.type == "choice":
        return variable.choices[0] if variable.choices else ""
    if variable.type in ("datetime", "time"):
        moment = start + timedelta(hours=4) if variable.tense == "future" else start
        return moment.strftime("%Y-%m-%d %H:%M") if variable.type == "datetime" else moment.strftime("%H:%M")
    if variable.type == "date":
        return start.date()
    return ("contoh " if lang == "id" else "sample ") + variable.name.replace("_", " ")


def other_values(variable: Variable, current: object, numbers: set[int]) -> list[object]:
    """The values worth a render besides `current`: the other answer of a yes/no, every other choice, counts
    at, below and above each number the templates compare it with and as a count not known exactly yet
    (?, ~N, >=N); nothing for an optional value (None)."""
    values: list[object] = []
    if variable.type == "yes_no":
        values = [not bool(current)]
    elif variable.type == "choice":
        values = [choice for choice in variable.choices if choice != current]
    elif variable.type == "integer":
        low, high = variable.lowest, variable.max
        bounds = sorted(numbers)
        near = sorted({low, *(n + step for n in bounds for step in (-1, 0, 1))})
        # one count for each way it compares with the template's numbers (the current one's way is done)
        ways: dict[tuple[int, ...], int] = {}
        if isinstance(current, int) and not isinstance(current, bool):
            ways[tuple((current > n) - (current < n) for n in bounds)] = current
        for n in near:
            if n >= low and (high is None or n <= high):
                ways.setdefault(tuple((n > b) - (n < b) for b in bounds), n)
        middle = next((n for n in bounds if n > low), low + 1)
        values = [n for n in ways.values() if n != current] + ["?", f"~{middle}", f">={middle}"]
    if not variable.required and current is not None:
        values.append(None)
    return values


def bare_unit(unit: UnitProfile) -> UnitProfile:
    """The unit profile without any optional field: no regional office, phone, email, website or about."""
    info = unit.unit.model_copy(
        update={
            "regional_office": None,
            "regional_office_en": None,
            "phone": None,
            "email": None,
            "website": None,
            "about": None,
        }
    )
    return unit.model_copy(update={"unit": info})


def unit_with_website(unit: UnitProfile) -> UnitProfile:
    """The sample unit with a website, so that every optional field of a unit is filled."""
    return unit.model_copy(
        update={"unit": unit.unit.model_copy(update={"website": "https://lapas-contoh.example.go.id"})}
    )
