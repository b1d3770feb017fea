"""`pasopati validate`: load and check guideline folders or single files, keeping going past bad ones.

A file inside a guideline folder (one holding `playbooks/`) is checked with the whole folder, since
its references point at other files; a file outside any guideline is checked against the active
guideline, as if it were added to it.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pasopati_cli.checks import check_bundle
from pasopati_cli.loader import (
    TEMPLATE_SUFFIXES,
    YAML_SUFFIXES,
    Bundle,
    add_yaml,
    display_path,
    load_bundle,
    load_template,
)
from pasopati_cli.problems import Problem, problem


@dataclass
class ValidationResult:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def guideline_root_of(path: Path) -> Path | None:
    """The guideline folder a path belongs to: a folder holding `playbooks/` (or the path itself)."""
    path = path.resolve()
    if path.is_dir() and (path / "playbooks").is_dir():
        return path
    for parent in path.parents:
        if (parent / "playbooks").is_dir() and (
            path.is_relative_to(parent / "playbooks") or path.is_relative_to(parent / "templates")
        ):
            return parent
    return None


def validate_paths(paths: Sequence[Path], active: Path, today: date) -> ValidationResult:
    """Every problem of every path. The cyclic garbage collector is paused meanwhile: loading builds
    millions of short-lived, acyclic objects (YAML nodes, pydantic inputs) and its passes over them
    would cost more than the validation itself; reference counting frees them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate_paths(paths, active, today)
    finally:
        if enabled:
            gc.enable()


def _validate_paths(paths: Sequence[Path], active: Path, today: date) -> ValidationResult:
    result = ValidationResult()
    checked_roots: dict[Path, tuple[Bundle, list[Problem]]] = {}

    def checked(root: Path) -> tuple[Bundle, list[Problem]]:
        if root not in checked_roots:
            bundle, problems = load_bundle(root)
            checked_roots[root] = (bundle, problems + check_bundle(bundle, today))
        return checked_roots[root]

    for path in paths or [active]:
        if not path.exists():
            result.problems.append(problem("P012", file=display_path(path), target=display_path(path)))
            continue
        root = guideline_root_of(path)
        if root is not None and path.resolve() == root:
            bundle, problems = checked(root)
            _merge(result, bundle.files, problems)
        elif root is not None:
            bundle, problems = checked(root)
            targets = _files_under(path)
            names = {display_path(target) for target in targets}
            _merge(result, sorted(names), [p for p in problems if p.file in names])
        else:
            for target in _files_under(path):
                files, problems = _standalone(target, active, today)
                _merge(result, files, problems)
    return result


def _merge(result: ValidationResult, files: Sequence[str], problems: Sequence[Problem]) -> None:
    seen = set(result.files)
    result.files += [name for name in files if name not in seen]
    known = set(result.problems)
    result.problems += [p for p in problems if p not in known]


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    suffixes = YAML_SUFFIXES + TEMPLATE_SUFFIXES
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _standalone(target: Path, active: Path, today: date) -> tuple[list[str], list[Problem]]:
    """Check one file outside any guideline against the active guideline."""
    bundle, _ = load_bundle(active)
    display = display_path(target)
    problems: list[Problem] = []
    if target.suffix.lower() in TEMPLATE_SUFFIXES:
        source, problems = load_template(target, display, target.name)
        if source is not None:
            bundle.templates = {**bundle.templates, source.name: source}
    else:
        loaded = add_yaml(bundle, target, problems, replace=True)
        if loaded is None or loaded.model is None:
            return [display], problems
    problems += check_bundle(bundle, today)
    return [display], [p for p in problems if p.file == display]
