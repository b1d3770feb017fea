"""Checks of a guideline as a whole, as a unit keeps its own: conflict markers a merge left, templates no
playbook uses, file names that differ from ids, thresholds that can never or always fire, and a unit
roster that misses a role some path of the guideline can require, and a unit profile still holding the
placeholders `init` wrote (P120-P125, P127).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath

from pasopati_cli.loader import YAML_SUFFIXES, Bundle, YamlDoc, display_path
from pasopati_cli.model import Condition, CrisisType, Guideline, NumberQuestion, UnitProfile
from pasopati_cli.problems import Problem, Severity, problem

_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")


def conflict_markers(text: str, file: str) -> list[Problem]:
    """Every line a git merge left (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`). A `=======` outside an
    opened conflict is a Markdown heading underline, not a marker."""
    found: list[Problem] = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line[:7]
        if marker not in _MARKERS or (len(line) > 7 and line[7] not in " \t"):
            continue
        if marker == "<<<<<<<":
            inside = True
        elif marker in ("=======", "|||||||") and not inside:
            continue
        elif marker == ">>>>>>>":
            inside = False
        found.append(problem("P120", file=file, line=number, column=1, marker=marker))
    return found


def conflicts_in(paths: Iterable[Path]) -> list[Problem]:
    """Conflict markers in files on disk (unreadable files are reported by the loader)."""
    found: list[Problem] = []
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        if "<<<<<<<" in text or ">>>>>>>" in text:
            found += conflict_markers(text, display_path(path))
    return found


def guideline_files(root: Path) -> list[Path]:
    """The files of a guideline folder a merge can touch: everything under playbooks/, templates/ and
    schema/ (which `init` copies, so an upgrade merges it too)."""
    return sorted(
        path
        for folder in ("playbooks", "templates", "schema")
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


def check_coherence(bundle: Bundle, problems: Sequence[Problem]) -> list[Problem]:
    """The whole-guideline checks of a loaded folder; `problems`: what loading and the checks found."""
    found = conflicts_in(guideline_files(bundle.root))
    found += _unused_templates(bundle)
    for type_id in sorted(bundle.crisis_types):
        crisis, doc = bundle.crisis_types[type_id], bundle.type_docs[type_id]
        found += _file_name(crisis, doc)
        found += _thresholds(crisis, doc)
    return found


def _unused_templates(bundle: Bundle) -> list[Problem]:
    unread = [name for name in bundle.files if PurePath(name).suffix.lower() in YAML_SUFFIXES]
    if any(name not in bundle.digests for name in unread):
        return []  # a playbook that did not load may be the one that uses them
    used = {
        posixpath.normpath(name)
        for crisis in bundle.crisis_types.values()
        for use in crisis.statements
        for name in use.template.values()
    }
    return [
        problem("P121", file=source.file, line=1, column=1, severity=Severity.WARNING, name=name)
        for name, source in sorted(bundle.templates.items())
        if not source.meta.partial and name not in used
    ]


def _file_name(crisis: CrisisType, doc: YamlDoc) -> list[Problem]:
    path = PurePath(doc.file)
    if path.stem == crisis.id:
        return []
    return [
        doc.problem(
            "P122", ("id",), severity=Severity.WARNING, file_name=path.name, id=crisis.id,
            expected=crisis.id + path.suffix,
        )
    ]  # fmt: skip


def _thresholds(crisis: CrisisType, doc: YamlDoc) -> list[Problem]:
    found: list[Problem] = []
    for index, question in enumerate(crisis.triage.questions):
        if not isinstance(question, NumberQuestion):
            continue
        for number, threshold in enumerate(question.thresholds):
            loc = ("triage", "questions", index, "thresholds", number, "at_least")
            if question.max is not None and threshold.at_least > question.max:
                found.append(doc.problem("P123", loc, severity=Severity.WARNING, at_least=threshold.at_least,
                                         max=question.max))  # fmt: skip
            elif threshold.at_least <= question.min:
                found.append(doc.problem("P124", loc, severity=Severity.WARNING, at_least=threshold.at_least,
                                         min=question.min))  # fmt: skip
    return found


def unfilled(doc: YamlDoc, marker: str = "[[ISI:") -> list[Problem]:
    """A warning at every value of a file that still holds a placeholder `pasopati init` wrote."""
    found: list[Problem] = []

    def walk(value: object, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, str) and marker in value:
            found.append(doc.problem("P127", loc, severity=Severity.WARNING, value=value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))

    walk(doc.data, ())
    return found


# --- the roster a guideline needs --------------------------------------------------------------------

Need = tuple[str, str]  # (Indonesian, English) description of what requires a role


def roster_gaps(
    profile: UnitProfile, doc: YamlDoc, guideline: Guideline, types: Mapping[str, CrisisType]
) -> list[Problem]:
    """A problem per role the roster lacks that some reachable level or answer can require, naming the
    first thing (in guideline order) that requires it and how many more do."""
    needs = required_roles(guideline, types)
    found: list[Problem] = []
    for role_id, reasons in needs.items():
        if role_id in profile.roster:
            continue
        more = len(reasons) - 1
        found.append(
            doc.problem(
                "P125", ("roster",), at_key=True, role=role_id, need=reasons[0][0], need_en=reasons[0][1],
                more=f" (dan {more} jalur lain)" if more else "", more_en=f" (and {more} other paths)" if more else "",
            )
        )  # fmt: skip
    return found


def required_roles(guideline: Guideline, types: Mapping[str, CrisisType]) -> dict[str, list[Need]]:
    """Every role some path can require, with what requires it: the core roles told at a level some type
    can reach, each type's roles and action owners from their levels and under their conditions, and the
    approvers of statements. Conditions are taken as satisfiable: the roster must hold for every answer."""
    order = [level.id for level in guideline.levels]
    roles = {role.id: role for role in guideline.roles}
    needs: dict[str, list[Need]] = {}

    def need(role_id: str, reason: Need) -> None:
        if role_id in roles and reason not in needs.setdefault(role_id, []):
            needs[role_id].append(reason)

    reachable = {type_id: order[order.index(c.base_level) :] for type_id, c in types.items() if c.base_level in order}
    every = [level for level in order if any(level in levels for levels in reachable.values())]
    for core in guideline.roles:
        for level_id in every:
            if core.scope == "core" and level_id in core.notify:
                need(
                    core.id,
                    (f"setiap jenis kejadian pada tingkat {level_id}", f"every crisis type at level {level_id}"),
                )
    for type_id in sorted(reachable):
        crisis, levels = types[type_id], reachable[type_id]
        for activation in crisis.roles:
            first = _first(levels, activation.min_level, order)
            role = roles.get(activation.role)
            if first is None or role is None:
                continue
            if activation.deadline is None and not any(lv in role.notify for lv in order[order.index(first) :]):
                continue  # never scheduled (the crisis-type checks report the missing deadline)
            need(role.id, _path(type_id, first, activation.when))
        for action in crisis.actions:
            owner_from = _first(levels, action.min_level, order)
            if owner_from is not None:
                id_text, en_text = _path(type_id, owner_from, action.when)
                need(action.owner, (f"tindakan '{action.id}' {id_text}", f"action '{action.id}' of {en_text}"))
    for level_id, role_id in guideline.disclosure.approvers.items():
        need(role_id, (f"persetujuan pernyataan pada tingkat {level_id}", f"approving statements at level {level_id}"))
    return needs


def _first(levels: Sequence[str], min_level: str | None, order: Sequence[str]) -> str | None:
    if min_level is None:
        return levels[0] if levels else None
    if min_level not in order:
        return None
    return next((level for level in levels if order.index(level) >= order.index(min_level)), None)


def _path(type_id: str, level: str, when: Sequence[Condition]) -> Need:
    id_text = f"jenis kejadian '{type_id}' pada tingkat {level}"
    en_text = f"crisis type '{type_id}' at level {level}"
    if when:
        id_text += " bila " + " dan ".join(_condition(c, "id") for c in when)
        en_text += " when " + " and ".join(_condition(c, "en") for c in when)
    return id_text, en_text


def _condition(condition: Condition, lang: str) -> str:
    name = condition.question
    parts: list[str] = []
    if condition.equals is not None:
        value = condition.equals
        if isinstance(value, bool):
            value = ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")
        parts.append(f"{name} = {value}")
    if condition.in_ is not None:
        parts.append(f"{name} {'salah satu dari' if lang == 'id' else 'one of'} {', '.join(condition.in_)}")
    if condition.at_least is not None:
        parts.append(f"{name} ≥ {condition.at_least}")
    if condition.at_most is not None:
        parts.append(f"{name} ≤ {condition.at_most}")
    return (" dan " if lang == "id" else " and ").join(parts) or name
