"""`pasopati validate`: load and check guideline folders or single files, keeping going past bad ones.

A file inside a guideline folder (one holding `playbooks/`) is checked with the whole folder, since
its references point at other files; a file outside any guideline is checked against the active
guideline, as if it were added to it.
"""

from __future__ import annotations

import gc
import posixpath
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pasopati_cli.checks import check_bundle
from pasopati_cli.coherence import check_coherence, conflicts_in
from pasopati_cli.loader import (
    TEMPLATE_SUFFIXES,
    YAML_SUFFIXES,
    Bundle,
    add_yaml,
    display_path,
    load_bundle,
    load_template,
)
from pasopati_cli.problems import PasopatiError, Problem, Severity, problem

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

    from pasopati_cli.loader import TemplateSource
    from pasopati_cli.model import CrisisType, Guideline
    from pasopati_cli.problems import Lang


@dataclass
class ValidationResult:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # every guideline folder the files were checked in or against, with its guideline file when it loaded
    guidelines: dict[Path, Guideline | None] = field(default_factory=dict)


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
            from pasopati_cli.render import MemoryBytecodeCache

            bundle, problems = load_bundle(root)
            compiled = MemoryBytecodeCache()
            problems += check_bundle(bundle, today, compiled)
            problems += check_coherence(bundle, problems)
            checked_roots[root] = (bundle, problems + trial_render(bundle, problems, compiled))
            result.guidelines[root] = bundle.guideline
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
                files, problems, against = _standalone(target, active, today)
                result.guidelines.setdefault(active.resolve(), against)
                _merge(result, files, problems + conflicts_in([target]))
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


def _standalone(target: Path, active: Path, today: date) -> tuple[list[str], list[Problem], Guideline | None]:
    """Check one file outside any guideline against the active guideline (and name that guideline)."""
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
            return [display], problems, bundle.guideline
    problems += check_bundle(bundle, today)
    return [display], [p for p in problems if p.file == display], bundle.guideline


# --- the trial render ---------------------------------------------------------------------------------


# All trial renders of one guideline together: each is bounded (render.RENDER_SECONDS), but a hostile loop
# copied into many templates would otherwise add up.
TRIAL_RENDER_SECONDS = 20.0


def trial_render(bundle: Bundle, problems: Sequence[Problem], compiled: BytecodeCache | None = None) -> list[Problem]:
    """Render every statement template once, as `respond` would, so that a template that parses but fails
    while rendering (a division by zero, an attribute the unit does not have, a filter given the wrong
    type) is found now rather than in the middle of an incident.

    Each template is rendered for the first crisis type (by id) that uses it, at the mildest level of that
    statement the type can reach, in the language it is named for, with the example values of its variables
    and those of the partials it includes, and the built-in sample unit (`sample_unit`: an officer for
    every role of the guideline, every unit field filled), never a unit profile of this machine, so that
    the answer is the same in CI and on every desk. Templates are skipped where the result would mean
    nothing: those whose own or whose partials' files already have errors (or a variable without an
    example, P306), and those used only by crisis types with errors. A template no crisis type uses is not
    rendered: nothing can render it. `compiled`: the code the checks compiled, reused here."""
    from pasopati_cli.response import Guide, example_level, render_example, sample_unit

    guideline = bundle.guideline
    if guideline is None:
        return []
    broken = {p.file for p in problems if p.severity is Severity.ERROR or p.code == "P306"}
    order = [level.id for level in guideline.levels]
    chosen: dict[str, tuple[CrisisType, str, Lang, str]] = {}
    for type_id in sorted(bundle.crisis_types):
        crisis = bundle.crisis_types[type_id]
        if bundle.type_docs[type_id].file in broken or crisis.base_level not in order:
            continue
        for use in crisis.statements:
            levels = [level for level in order if level in use.levels]
            if not levels:
                continue
            level = example_level(crisis, levels, order)
            for lang, name in use.template.items():
                chosen.setdefault(posixpath.normpath(name), (crisis, level, lang, use.kind))

    def family(name: str) -> set[str]:
        return template_family(bundle.templates, name)

    guide = Guide(bundle, guideline)
    unit = sample_unit(guideline)
    found: dict[tuple[str | None, int | None, str, str], Problem] = {}
    names = [name for name in sorted(chosen) if name in bundle.templates and not bundle.templates[name].meta.partial]
    started = time.monotonic()
    for index, name in enumerate(names):
        if time.monotonic() - started > TRIAL_RENDER_SECONDS:  # hostile templates must not stall CI
            where = bundle.guideline_doc.file if bundle.guideline_doc is not None else None
            found[(None, None, "P307", "")] = problem(
                "P307", file=where, severity=Severity.WARNING, seconds=f"{TRIAL_RENDER_SECONDS:g}",
                count=len(names) - index,
            )  # fmt: skip
            break
        source = bundle.templates[name]
        if any(bundle.templates[member].file in broken for member in family(name)):
            continue
        crisis, level, lang, kind = chosen[name]
        try:
            text = render_example(guide, crisis, source, unit, level, lang, compiled)
        except PasopatiError as error:
            for failure in error.problems:
                # a partial that fails for every statement including it is reported once, for the first,
                # and the statements that include it are not rendered again
                key = (failure.file, failure.line, failure.code, failure.args.get("reason", failure.message("en")))
                found.setdefault(key, in_our_words(failure))
                broken.add(failure.file)
            continue
        if bundle.guideline_doc is not None and bundle.guideline_doc.file in broken:
            continue  # the guideline's own rules are in doubt: nothing to check the render against
        members = [bundle.templates[member] for member in sorted(family(name)) if member != name]
        for checked in rendered_problems(text, guideline, source, members, lang, kind, crisis):
            key = (checked.file, checked.line, checked.code, checked.message("en"))
            found.setdefault(key, checked)
    return list(found.values())


def template_family(templates: Mapping[str, TemplateSource], name: str) -> set[str]:
    """The template and every template it includes or imports, to any depth."""
    from pasopati_cli.response import referenced_templates

    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        source = templates.get(current)
        if current in seen or source is None:
            continue
        seen.add(current)
        pending += [posixpath.normpath(child) for child in referenced_templates(source.body) if child]
    return seen


def rendered_problems(
    text: str,
    guideline: Guideline,
    source: TemplateSource,
    partials: Sequence[TemplateSource],
    lang: Lang,
    kind: str,
    crisis: CrisisType | None = None,
) -> list[Problem]:
    """The disclosure guard and the style check over a trial render, each finding located where the template
    says it: in the template's or a partial's text, else at the example value it came from, else at the
    template's first line (the message then names the line of the render). Initials are judged with the
    crisis type's naming overrides and the stages the template's examples reach."""
    from pasopati_cli import guard, naming, style

    located: list[Problem] = []
    from pasopati_cli.reading import Lines

    lines = Lines(text)
    context = None
    if guideline.disclosure.naming is not None:
        examples = {variable.name: variable.example for variable in source.meta.variables}
        context = naming.context(guideline.disclosure.naming, crisis=crisis, facts=examples)
    found = [
        (f.start, f.end, guard.to_problem(f, lines, None))
        for f in guard.find(text, guideline.disclosure, context=context)
    ]
    found += [
        (f.start, f.end, style.to_problem(f, text, None))
        for f in style.find(text, guideline.style, style.Target(lang, kind))
    ]
    for start, end, checked in found:
        file, line, column = _template_position(text, start, end, source, partials)
        args = dict(checked.args)
        if line is None:
            line = source.body_line
            args["detail"] += f" (baris {checked.line} hasil percobaan render)"
            args["detail_en"] += f" (line {checked.line} of the trial render)"
        located.append(replace(checked, file=file, line=line, column=column, args=args))
    return located


def _template_position(
    text: str, start: int, end: int, source: TemplateSource, partials: Sequence[TemplateSource]
) -> tuple[str, int | None, int | None]:
    """Where the rendered text[start:end] is written: in the template's or a partial's text, else in an
    example value. The phrase is looked up with as much of its rendered surroundings as the source shares
    (so that a one-word finding is not placed at the first such word), the widest context first."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    contexts: list[tuple[int, int]] = []
    for margin in (40, 20, 10, 0):
        contexts += [(max(line_start, start - margin), min(line_end, end + margin))]
        contexts += [(start, min(line_end, end + margin)), (max(line_start, start - margin), end)]
    for low, high in dict.fromkeys(contexts):
        wanted = text[low:high]
        if len(wanted.strip()) < 2:
            continue
        for template in (source, *partials):
            at = template.body.find(wanted)
            if at != -1:
                at += start - low
                line = template.body_line + template.body.count("\n", 0, at)
                return template.file, line, at - (template.body.rfind("\n", 0, at) + 1) + 1
        flat = " ".join(wanted.split())
        for template in (source, *partials):
            for index, variable in enumerate(template.meta.variables):
                if flat in " ".join(str(variable.example or "").split()):
                    at_line, at_column, _ = template.doc.position(("variables", index, "example"))
                    return template.file, at_line, at_column
    return source.file, None, None


def in_our_words(failure: Problem) -> Problem:
    """A render failure that carries Jinja's or Python's English in both languages, said in ours."""
    from dataclasses import replace

    from pasopati_cli.jinjaerrors import render_reason

    reason = failure.args.get("reason")
    if failure.code != "P305" or reason is None or failure.args.get("reason_en", reason) != reason:
        return failure
    reason_id, reason_en = render_reason(reason)
    return replace(failure, args={**failure.args, "reason": reason_id, "reason_en": reason_en})
