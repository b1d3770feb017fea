"""`pasopati test`: every triage path of a guideline walked, its statements rendered and checked, and the
template branches no path reaches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pasopati_cli.app.guideline import CheckedGuideline
from pasopati_cli.pathwalk import TypeSummary
from pasopati_cli.problems import Problem


def _type_dict(summary: TypeSummary) -> dict[str, Any]:
    return {
        "crisis_type": summary.crisis_type,
        "classes": summary.classes,
        "paths": summary.paths,
        "levels": list(summary.levels),
        "statements": summary.statements,
        "checked": summary.checked,
        "branches": summary.branches,
        "branches_covered": summary.covered,
        "coverage": round(summary.percent, 1),
    }


@dataclass(frozen=True)
class Covered:
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
            "types": [_type_dict(summary) for summary in self.types],
            "branches": self.branches,
            "branches_covered": self.covered,
            "coverage": round(self.percent, 1),
        }  # fmt: skip


def cover_guideline(
    *, folder: Path | None, guideline: Path | None, cwd: Path, types: Sequence[str] = (), workers: int | None = None
) -> Covered:
    """Walk every crisis type (or those of `types`) of the guideline `folder` (none: `guideline`, else the
    one `cwd` stands in, else the installed one, as `validate` chooses). A guideline with errors, or a type
    it does not have, is refused with the problems. `workers`: processes to share the types between (by
    default one per CPU this process may use)."""
    from pasopati_cli.app.guideline import guideline_in_force, where_guideline
    from pasopati_cli.pathrender import unit_with_website
    from pasopati_cli.pathwalk import unreached, walk_guideline
    from pasopati_cli.response import load_guide, sample_unit
    from pasopati_cli.scaffold import short_name

    root = folder.resolve() if folder is not None else guideline_in_force(paths=[], guideline=guideline, cwd=cwd)
    guide = load_guide(root)
    unit = unit_with_website(sample_unit(guide.guideline))
    chosen = [guide.crisis(type_id).id for type_id in dict.fromkeys(types)] or sorted(guide.types)
    walked = walk_guideline(guide, unit, chosen, workers if workers is not None else _cpus())
    playbooks = [guide.bundle.type_docs[type_id].file for type_id in chosen]
    templates = sorted(guide.bundle.templates[name].file for name in walked.templates)
    checked = CheckedGuideline(
        root, short_name(guide.guideline.name.id), guide.guideline.version, root == where_guideline().resolve()
    )
    every, covered = len(walked.branches), len(walked.covered & set(walked.branches))
    return Covered(checked, playbooks + templates, walked.problems + unreached(walked), walked.types, every, covered,
                  len(guide.guideline.levels))  # fmt: skip


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
