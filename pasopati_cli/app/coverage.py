"""`pasopati test`: every triage path of a guideline walked, its statements rendered and checked, and the
template branches no path reaches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pasopati_cli.app.guideline import CheckedGuideline
from pasopati_cli.problems import Problem


@dataclass(frozen=True)
class TypeSummary:
    """One crisis type: its classes of paths, the answer paths they stand for, what was rendered."""

    crisis_type: str
    classes: int
    paths: int
    levels: tuple[str, ...]
    statements: int  # renders
    checked: int  # renders the guard and the style check read
    branches: int
    covered: int

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.branches if self.branches else 100.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "crisis_type": self.crisis_type,
            "classes": self.classes,
            "paths": self.paths,
            "levels": list(self.levels),
            "statements": self.statements,
            "checked": self.checked,
            "branches": self.branches,
            "branches_covered": self.covered,
            "coverage": round(self.percent, 1),
        }


@dataclass(frozen=True)
class Tested:
    guideline: CheckedGuideline
    files: list[str]  # the playbooks and templates walked
    problems: list[Problem]
    types: list[TypeSummary]
    branches: int  # in every template rendered, partials counted once
    covered: int
    levels: int = 0  # levels of the guideline

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.branches if self.branches else 100.0

    def as_dict(self) -> dict[str, Any]:
        """The coverage part of the JSON report (the problems are the reporter's)."""
        return {
            "guideline": {"root": str(self.guideline.root), "name": self.guideline.name,
                          "version": self.guideline.version, "bundled": self.guideline.bundled},
            "types": [summary.as_dict() for summary in self.types],
            "branches": self.branches,
            "branches_covered": self.covered,
            "coverage": round(self.percent, 1),
        }  # fmt: skip


def cover_guideline(*, folder: Path | None, guideline: Path | None, cwd: Path, types: Sequence[str] = ()) -> Tested:
    """Walk every crisis type (or those of `types`) of the guideline `folder` (none: `guideline`, else the
    one `cwd` stands in, else the installed one, as `validate` chooses). A guideline with errors, or a type
    it does not have, is refused with the problems."""
    from pasopati_cli.app.guideline import guideline_in_force, where_guideline
    from pasopati_cli.pathrender import unit_with_website, unreached, walk_guideline
    from pasopati_cli.response import load_guide, sample_unit
    from pasopati_cli.scaffold import short_name

    root = folder.resolve() if folder is not None else guideline_in_force(paths=[], guideline=guideline, cwd=cwd)
    guide = load_guide(root)
    unit = unit_with_website(sample_unit(guide.guideline))
    chosen = [guide.crisis(type_id).id for type_id in dict.fromkeys(types)] or sorted(guide.types)
    reports, walk = walk_guideline(guide, unit, chosen)
    problems = list(walk.problems.values()) + unreached(walk)
    every = set().union(*(walk.family_branches(name) for name in walk.attempted)) if walk.attempted else set()
    templates = {
        guide.bundle.templates[member].file for name in walk.attempted for member in walk.families.get(name, {name})
    }
    playbooks = [guide.bundle.type_docs[type_id].file for type_id in chosen]
    checked = CheckedGuideline(
        root, short_name(guide.guideline.name.id), guide.guideline.version, root == where_guideline().resolve()
    )
    summaries = [
        TypeSummary(report.crisis_type, report.classes, report.paths, tuple(report.levels), report.renders,
                    report.checked, len(report.branches), len(report.covered & report.branches))
        for report in reports
    ]  # fmt: skip
    return Tested(checked, playbooks + sorted(templates), problems, summaries, len(every), len(every & walk.covered),
                  len(guide.guideline.levels))  # fmt: skip
