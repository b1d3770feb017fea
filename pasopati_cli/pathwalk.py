"""`pasopati test` over a guideline's crisis types: walked in this process, or shared between forked
processes (one per CPU, each walking some types and compiling only their templates) and merged; then
the branches no render went through (P320)."""

from __future__ import annotations

from dataclasses import dataclass

from pasopati_cli.branches import Branch
from pasopati_cli.model import CrisisType, UnitProfile
from pasopati_cli.pathrender import Walk
from pasopati_cli.problems import Problem, Severity, problem
from pasopati_cli.response import Guide


@dataclass(frozen=True)
class TypeSummary:
    """One crisis type walked: its classes of paths, the answer paths they stand for, what was rendered."""

    crisis_type: str
    classes: int
    paths: int
    levels: tuple[str, ...]
    statements: int  # renders
    checked: int  # renders the guard and the style check read
    branches: int  # in the templates its statements use
    covered: int

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.branches if self.branches else 100.0


@dataclass
class Walked:
    """What walking some crisis types found: per type, every problem, and each branch of the templates
    rendered (with the statement templates that include it) and whether a render went through it."""

    types: list[TypeSummary]
    problems: list[Problem]
    branches: dict[Branch, set[str]]
    covered: set[Branch]
    templates: set[str]  # every template rendered, partials included


def walk_types(guide: Guide, unit: UnitProfile, types: list[str]) -> Walked:
    """The crisis types `types` walked in this process, in that order."""
    walk = Walk(guide, unit, types)
    reports = [walk.cover(guide.types[type_id]) for type_id in types]
    summaries = [
        TypeSummary(report.crisis_type, report.classes, report.paths, tuple(report.levels), report.renders,
                    report.checked, len(report.branches), len(report.covered & report.branches))
        for report in reports
    ]  # fmt: skip
    branches: dict[Branch, set[str]] = {}
    for name in walk.attempted:
        for number in walk.family_branches(name):
            branches.setdefault(walk.traced.branches[number], set()).add(name)
    covered = {walk.traced.branches[number] for number in walk.covered}
    templates = {member for name in walk.attempted for member in walk.families.get(name, {name})}
    return Walked(summaries, list(walk.problems.values()), branches, covered, templates)


_SHARED: list[tuple[Guide, UnitProfile]] = []  # what forked workers walk from (a fork copies it)


def _walk_part(types: list[str]) -> Walked:
    guide, unit = _SHARED[0]
    return walk_types(guide, unit, types)


def walk_guideline(guide: Guide, unit: UnitProfile, types: list[str], workers: int = 1) -> Walked:
    """The crisis types `types` walked, split over `workers` forked processes where the system forks (each
    walks its share of the types and compiles only their templates); the results merged in type order."""
    import multiprocessing

    workers = min(workers, len(types))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return walk_types(guide, unit, types)
    shares: list[list[str]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for type_id in sorted(types, key=lambda type_id: -_weight(guide.types[type_id])):
        lightest = loads.index(min(loads))
        shares[lightest].append(type_id)
        loads[lightest] += _weight(guide.types[type_id])
    _SHARED[:] = [(guide, unit)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_walk_part, shares)
    finally:
        _SHARED.clear()
    merged = Walked([], [], {}, set(), set())
    seen: set[tuple[object, ...]] = set()
    for part in parts:
        merged.types += part.types
        for found in part.problems:
            key = (found.file, found.line, found.column, found.code, found.message("en"))
            if key not in seen:
                seen.add(key)
                merged.problems.append(found)
        for branch, names in part.branches.items():
            merged.branches.setdefault(branch, set()).update(names)
        merged.covered |= part.covered
        merged.templates |= part.templates
    merged.types.sort(key=lambda summary: types.index(summary.crisis_type))
    return merged


def _weight(crisis: CrisisType) -> int:
    """A guess at how long a type takes: its statements at their levels, and its questions."""
    return sum(len(use.levels) * len(use.template) for use in crisis.statements) * (1 + len(crisis.triage.questions))


def unreached(walked: Walked) -> list[Problem]:
    """A warning at every branch of the templates rendered that no render went through, naming the
    statement templates that include it."""
    found: list[Problem] = []
    for branch, users in sorted(
        walked.branches.items(), key=lambda item: (item[0].file, item[0].line, item[0].column or 0)
    ):
        if branch in walked.covered:
            continue
        names = sorted(users)
        shown = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        found.append(problem("P320", file=branch.file, line=branch.line, column=branch.column,
                             severity=Severity.WARNING, tag=branch.tag, templates=shown))  # fmt: skip
    return found
