"""Meaning checks that a schema cannot express: references between files, question order, templates.

Input: a loaded Bundle. Output: problems, each located at the key that holds the bad reference.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from pasopati_cli import clock
from pasopati_cli.coherence import roster_gaps, unfilled
from pasopati_cli.guard import scoped as _scoped
from pasopati_cli.loader import Bundle, Loc, TemplateSource, TemplateStore, YamlDoc
from pasopati_cli.model import (
    INITIALS_ALWAYS,
    INITIALS_NEVER,
    ChoiceAsYesNo,
    ChoiceQuestion,
    Condition,
    CrisisType,
    FactSource,
    Guideline,
    Monitoring,
    Naming,
    NumberQuestion,
    Question,
    UnitProfile,
    Variable,
    YesNoAsValue,
    YesNoQuestion,
)
from pasopati_cli.problems import Problem, Severity, did_you_mean, problem
from pasopati_cli.regexsafety import nested_quantifier

if TYPE_CHECKING:
    from jinja2 import nodes

    from pasopati_cli.render import MemoryBytecodeCache

# What a reference points at, in both languages, for P201 messages.
_WHAT = {
    "level": ("tingkat", "level"),
    "role": ("peran", "role"),
    "kind": ("jenis pernyataan", "statement kind"),
    "question": ("pertanyaan", "question"),
    "option": ("opsi", "option"),
    "template": ("templat", "template"),
    "type": ("jenis krisis", "crisis type"),
    "action": ("tindakan", "action"),
    "variable": ("isian", "variable"),
    "tally": ("hitungan", "tally"),
    "naming_role": ("peran dalam insiden", "role in the incident"),
    "stage": ("tahap", "stage"),
}


def _unknown(doc: YamlDoc, loc: Loc, what: str, name: object, known: Iterable[str]) -> Problem:
    known = sorted(known)
    listed = f" ({', '.join(known)})" if known and len(known) <= 12 else ""
    close_id, close_en = did_you_mean(name, known)
    what_id, what_en = _WHAT[what]
    return doc.problem(
        "P201", loc, what=what_id, what_en=what_en, name=name, hint=close_id + listed, hint_en=close_en + listed
    )


def _duplicates(doc: YamlDoc, base: Loc, ids: Sequence[str], key: str = "id") -> list[Problem]:
    """Every repeated id, naming the line of its first use."""
    first: dict[str, int] = {}
    found = []
    for index, item in enumerate(ids):
        if item in first:
            line, _, _ = doc.position((*base, first[item], key))
            found.append(
                doc.problem(
                    "P202", (*base, index, key), name=item,
                    first=f" (pertama di baris {line})", first_en=f" (first on line {line})",
                )
            )  # fmt: skip
        first.setdefault(item, index)
    return found


def check_bundle(bundle: Bundle, today: date, compiled: MemoryBytecodeCache | None = None) -> list[Problem]:
    """Every meaning check of a loaded folder. `compiled`, when given, keeps each template's compiled code
    for a render that follows (validation's trial render)."""
    problems: list[Problem] = []
    guideline, gdoc = bundle.guideline, bundle.guideline_doc
    if guideline is not None and gdoc is not None:
        problems += check_guideline(guideline, gdoc, today, bundle)
        for type_id, crisis in bundle.crisis_types.items():
            problems += check_crisis_type(crisis, bundle.type_docs[type_id], guideline, bundle)
        for loaded in bundle.others:
            if isinstance(loaded.model, UnitProfile):
                problems += check_unit_profile(loaded.model, loaded.doc, guideline)
                problems += roster_gaps(loaded.model, loaded.doc, guideline, bundle.crisis_types)
                problems += unfilled(loaded.doc)
            elif isinstance(loaded.model, Monitoring) and loaded.model.response_type not in bundle.crisis_types:
                name = loaded.model.response_type
                problems.append(_unknown(loaded.doc, ("response_type",), "type", name, bundle.crisis_types))
    problems += check_templates(bundle, compiled)
    return problems


def check_guideline(guideline: Guideline, doc: YamlDoc, today: date, bundle: Bundle) -> list[Problem]:
    problems = _duplicates(doc, ("levels",), [level.id for level in guideline.levels])
    problems += _duplicates(doc, ("roles",), [role.id for role in guideline.roles])
    problems += _duplicates(doc, ("statement_kinds",), [kind.id for kind in guideline.statement_kinds])
    levels = {level.id for level in guideline.levels}
    roles = {role.id for role in guideline.roles}
    kinds = {kind.id for kind in guideline.statement_kinds}
    for index, role in enumerate(guideline.roles):
        for level_id in role.notify:
            if level_id not in levels:
                problems.append(_unknown(doc, ("roles", index, "notify", level_id), "level", level_id, levels))
    if guideline.first_statement not in kinds:
        problems.append(_unknown(doc, ("first_statement",), "kind", guideline.first_statement, kinds))
    roles = {role.id for role in guideline.roles}
    for variable, role_id in guideline.facts_from_roster.items():
        if role_id not in roles:
            problems.append(_unknown(doc, ("facts_from_roster", variable), "role", role_id, roles))
    declared = [("promises", index, entry.kind) for index, entry in enumerate(guideline.promises)]
    declared += [("numbering", index, entry.kind) for index, entry in enumerate(guideline.numbering)]
    for key, index, kind in declared:
        if kind not in kinds:
            problems.append(_unknown(doc, (key, index, "kind"), "kind", kind, kinds))
    if guideline.review_by < today:
        problems.append(
            doc.problem("P207", ("review_by",), severity=Severity.WARNING, date=guideline.review_by.isoformat())
        )
    disclosure = guideline.disclosure
    for level_id, role_id in disclosure.approvers.items():
        loc: Loc = ("disclosure", "approvers", level_id)
        if level_id not in levels:
            problems.append(_unknown(doc, loc, "level", level_id, levels))
        if role_id not in roles:
            problems.append(_unknown(doc, loc, "role", role_id, roles))
    for index, rule in enumerate(disclosure.rules):
        if rule.check in ("regex", "phrase", "child_name", "placeholder", "headline") and not rule.patterns:
            problems.append(
                doc.problem(
                    "P104",
                    ("disclosure", "rules", index, "patterns"),
                    detail=f"aturan '{rule.check}' membutuhkan paling sedikit satu pola",
                    detail_en=f"a '{rule.check}' rule needs at least one pattern",
                )
            )
    actions = {action.id for crisis in bundle.crisis_types.values() for action in crisis.actions}
    for index, requirement in enumerate(disclosure.release_requires):
        base: Loc = ("disclosure", "release_requires", index)
        problems += _refs(doc, (*base, "levels"), requirement.levels, "level", levels)
        problems += _refs(doc, (*base, "roles_notified"), requirement.roles_notified, "role", roles)
        if bundle.crisis_types:
            problems += _refs(doc, (*base, "actions_done"), requirement.actions_done, "action", actions)
    for index, rule in enumerate(disclosure.rules):
        for number, pattern in enumerate(rule.patterns):
            if rule.check == "regex":
                problems += _regex_problems(doc, ("disclosure", "rules", index, "patterns", number), pattern)
    problems += _style_problems(guideline, doc, kinds)
    if disclosure.naming is not None:
        problems += _naming_problems(disclosure.naming, doc)
    return problems


def _naming_problems(naming: Naming, doc: YamlDoc) -> list[Problem]:
    """Roles and stages of `disclosure.naming`: unique, and every reference to them known."""
    base: Loc = ("disclosure", "naming")
    roles = [role.id for role in naming.roles]
    problems = _duplicates(doc, (*base, "roles"), roles)
    problems += _duplicates(doc, (*base, "stages"), [stage.id for stage in naming.stages])
    if naming.default_role not in roles:
        problems.append(_unknown(doc, (*base, "default_role"), "naming_role", naming.default_role, set(roles)))
    for index, role in enumerate(naming.roles):
        problems += _initials_when(doc, (*base, "roles", index, "initials"), role.initials, naming)
    return problems


def _initials_when(doc: YamlDoc, loc: Loc, when: str, naming: Naming) -> list[Problem]:
    """'never', 'always' or a stage of the guideline's `disclosure.naming`."""
    stages = {stage.id for stage in naming.stages}
    if when in (INITIALS_NEVER, INITIALS_ALWAYS) or when in stages:
        return []
    return [_unknown(doc, loc, "stage", when, {INITIALS_NEVER, INITIALS_ALWAYS, *stages})]


def _crisis_naming(crisis: CrisisType, doc: YamlDoc, guideline: Guideline) -> list[Problem]:
    """A crisis type's `naming:` overrides name roles and stages of the guideline's `disclosure.naming`."""
    naming = guideline.disclosure.naming
    if not crisis.naming:
        return []
    if naming is None:
        return [_unknown(doc, ("naming", role), "naming_role", role, []) for role in crisis.naming]
    roles = {role.id for role in naming.roles}
    problems: list[Problem] = []
    for role_id, when in crisis.naming.items():
        if role_id not in roles:
            problems.append(_unknown(doc, ("naming", role_id), "naming_role", role_id, roles))
        problems += _initials_when(doc, ("naming", role_id), when, naming)
    return problems


def _regex_problems(doc: YamlDoc, loc: Loc, pattern: str) -> list[Problem]:
    """A guideline's regular expression: it compiles, and it cannot take exponential time on a long text."""
    try:
        re.compile(_scoped(pattern))
    except re.error as exc:
        return [doc.problem("P104", loc, detail=f"regex salah: {exc}", detail_en=f"bad regex: {exc}")]
    nested = nested_quantifier(pattern)
    if nested is not None:
        detail, detail_en = _slow_regex(nested)
        return [doc.problem("P104", loc, detail=detail, detail_en=detail_en)]
    return []


# What each style check needs from its rule, by key.
_STYLE_NEEDS = {
    "serial_comma": "patterns",
    "headline_case": "patterns",
    "first_person": "patterns",
    "regex": "patterns",
    "abbreviation": "replace",
    "post_length": "limits",
}


def _style_problems(guideline: Guideline, doc: YamlDoc, kinds: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(doc, ("style", "rules"), [rule.id for rule in guideline.style.rules])
    for index, rule in enumerate(guideline.style.rules):
        base: Loc = ("style", "rules", index)
        needed = _STYLE_NEEDS.get(rule.check)
        if needed is not None and not getattr(rule, needed):
            problems.append(
                doc.problem(
                    "P104",
                    (*base, "check"),
                    detail=f"aturan '{rule.check}' membutuhkan '{needed}' yang tidak kosong",
                    detail_en=f"a '{rule.check}' rule needs a non-empty '{needed}'",
                )
            )
        problems += _refs(doc, (*base, "kinds"), rule.kinds, "kind", kinds)
        problems += _refs(doc, (*base, "except_kinds"), rule.except_kinds, "kind", kinds)
        if rule.check == "regex":
            for number, pattern in enumerate(rule.patterns):
                problems += _regex_problems(doc, (*base, "patterns", number), pattern)
        for platform, limit in rule.limits.items():
            if limit < 1:
                problems.append(
                    doc.problem(
                        "P104",
                        (*base, "limits", platform),
                        detail="batas karakter harus lebih dari 0",
                        detail_en="a character limit must be above 0",
                    )
                )
    return problems


def _slow_regex(position: int) -> tuple[str, str]:
    """The words (id, en) for a pattern whose nested repetition can take exponential time on hostile text."""
    return (
        f"regex dapat berjalan sangat lambat: kelompok pada posisi {position} mengulang isi yang juga "
        "berulang; gunakan kuantifier posesif (++, *+) atau kelompok atomik (?>...)",
        f"the regex can take exponential time: the group at position {position} repeats a body that "
        "repeats too; use possessive quantifiers (++, *+) or an atomic group (?>...)",
    )


def _refs(doc: YamlDoc, base: Loc, names: Sequence[str], what: str, known: set[str]) -> list[Problem]:
    return [_unknown(doc, (*base, i), what, name, known) for i, name in enumerate(names) if name not in known]


def _level_ref(doc: YamlDoc, loc: Loc, level_id: str | None, levels: set[str]) -> list[Problem]:
    if level_id is None or level_id in levels:
        return []
    return [_unknown(doc, loc, "level", level_id, levels)]


def check_crisis_type(crisis: CrisisType, doc: YamlDoc, guideline: Guideline, bundle: Bundle) -> list[Problem]:
    levels = {level.id for level in guideline.levels}
    order = [level.id for level in guideline.levels]
    roles = {role.id: role for role in guideline.roles}
    kinds = {kind.id for kind in guideline.statement_kinds}
    problems = _level_ref(doc, ("base_level",), crisis.base_level, levels)
    base_rank = order.index(crisis.base_level) if crisis.base_level in levels else 0
    questions = crisis.triage.questions
    problems += _duplicates(doc, ("triage", "questions"), [q.id for q in questions])

    def floor(loc: Loc, level_id: str) -> list[Problem]:
        if level_id not in levels:
            return [_unknown(doc, (*loc, "level"), "level", level_id, levels)]
        if order.index(level_id) <= base_rank:
            return [
                doc.problem("P208", (*loc, "level"), severity=Severity.WARNING, level=level_id, base=crisis.base_level)
            ]
        return []

    asked: dict[str, YesNoQuestion | ChoiceQuestion | NumberQuestion] = {}
    all_ids = {q.id for q in questions}
    for index, question in enumerate(questions):
        qloc: Loc = ("triage", "questions", index)
        problems += _conditions(doc, (*qloc, "when"), question.when, asked, all_ids)
        if isinstance(question, YesNoQuestion) and question.raises_to:
            problems += floor((*qloc, "raises_to"), question.raises_to.level)
        elif isinstance(question, ChoiceQuestion):
            option_ids = [option.id for option in question.options]
            problems += _duplicates(doc, (*qloc, "options"), option_ids)
            for number, option in enumerate(question.options):
                if option.raises_to:
                    problems += floor((*qloc, "options", number, "raises_to"), option.raises_to.level)
            if question.default is not None and question.default not in option_ids:
                problems.append(_unknown(doc, (*qloc, "default"), "option", question.default, option_ids))
        elif isinstance(question, NumberQuestion):
            for number, threshold in enumerate(question.thresholds):
                problems += floor((*qloc, "thresholds", number, "raises_to"), threshold.raises_to.level)
            if question.max is not None and question.max < question.min:
                problems.append(doc.problem("P104", (*qloc, "max"), detail="max < min", detail_en="max < min"))
        asked.setdefault(question.id, question)

    for index, activation in enumerate(crisis.roles):
        loc: Loc = ("roles", index)
        role = roles.get(activation.role)
        if role is None:
            problems.append(_unknown(doc, (*loc, "role"), "role", activation.role, roles))
        problems += _level_ref(doc, (*loc, "min_level"), activation.min_level, levels)
        problems += _conditions(doc, (*loc, "when"), activation.when, asked, all_ids)
        if role is not None and activation.deadline is None and activation.min_level in levels | {None}:
            start = order.index(activation.min_level) if activation.min_level else base_rank
            lacking = [lvl for lvl in order[max(start, base_rank) :] if lvl not in role.notify]
            if lacking:
                problems.append(
                    doc.problem(
                        "P104",
                        (*loc, "role"),
                        detail=f"peran '{role.id}' tidak punya tenggat pada tingkat {', '.join(lacking)}; "
                        "isi 'deadline' atau 'notify' di pedoman",
                        detail_en=f"role '{role.id}' has no deadline at level {', '.join(lacking)}; "
                        "set 'deadline' here or 'notify' in the guideline",
                    )
                )

    problems += _duplicates(doc, ("actions",), [action.id for action in crisis.actions])
    for index, action in enumerate(crisis.actions):
        loc = ("actions", index)
        if action.owner not in roles:
            problems.append(_unknown(doc, (*loc, "owner"), "role", action.owner, roles))
        problems += _level_ref(doc, (*loc, "min_level"), action.min_level, levels)
        problems += _conditions(doc, (*loc, "when"), action.when, asked, all_ids)

    first = crisis.first_statement_kind(guideline)
    if crisis.first_statement is not None and crisis.first_statement not in kinds:
        problems.append(_unknown(doc, ("first_statement",), "kind", crisis.first_statement, kinds))
    covered: set[str] = set()
    for index, use in enumerate(crisis.statements):
        loc = ("statements", index)
        if use.kind not in kinds:
            problems.append(_unknown(doc, (*loc, "kind"), "kind", use.kind, kinds))
        problems += _refs(doc, (*loc, "levels"), use.levels, "level", levels)
        for level_id in use.due:
            problems += _level_ref(doc, (*loc, "due", level_id), level_id, levels)
        for lang, name in use.template.items():
            problems += _template_ref(doc, (*loc, "template", lang), name, bundle)
        if use.kind == first:
            covered.update(use.levels)
    problems += _facts_from_answers(crisis, doc, bundle, asked, all_ids)
    problems += _tallies(crisis, doc)
    problems += _crisis_naming(crisis, doc, guideline)
    uncovered = [level_id for level_id in order[base_rank:] if level_id not in covered]
    if uncovered:
        problems.append(doc.problem("P204", ("statements",), levels=", ".join(uncovered), kind=first))
    return problems


def _tallies(crisis: CrisisType, doc: YamlDoc) -> list[Problem]:
    """Tally ids are unique, and a derived tally uses only tallies declared before it (so no cycle)."""
    problems = _duplicates(doc, ("tallies",), [tally.id for tally in crisis.tallies])
    earlier: list[str] = []
    for index, tally in enumerate(crisis.tallies):
        if tally.derived is not None:
            derived = tally.derived
            named: list[tuple[str, int | None, str]] = [("base", None, derived.base)]
            named += [("minus", position, name) for position, name in enumerate(derived.minus)]
            named += [("plus", position, name) for position, name in enumerate(derived.plus)]
            for key, position, name in named:
                if name not in earlier:
                    loc: Loc = ("tallies", index, "derived", key) + (() if position is None else (position,))
                    problems.append(_unknown(doc, loc, "tally", name, earlier))
        earlier.append(tally.id)
    return problems


def _facts_from_answers(
    crisis: CrisisType,
    doc: YamlDoc,
    bundle: Bundle,
    asked: Mapping[str, YesNoQuestion | ChoiceQuestion | NumberQuestion],
    all_ids: set[str],
) -> list[Problem]:
    """Each variable names a question of this type; with the templates loaded (validate), the variable is
    declared by one of the type's statement templates and can take that question's answer."""
    from pasopati_cli.triage import answer_fits, fact_sources, source_question

    problems: list[Problem] = []
    loaded = None if isinstance(bundle.templates, TemplateStore) else bundle.templates
    declared: dict[str, list[Variable]] = {}
    if loaded is not None:
        for use in crisis.statements:
            for name in use.template.values():
                source = loaded.get(posixpath.normpath(name))
                for variable in source.meta.variables if source is not None else []:
                    declared.setdefault(variable.name, []).append(variable)
    for name, spec in crisis.facts_from_answers.items():
        before = len(problems)
        for index, fact_source in enumerate(fact_sources(spec)):
            loc: Loc = ("facts_from_answers", name, index) if isinstance(spec, list) else ("facts_from_answers", name)
            question_id = source_question(fact_source)
            question = asked.get(question_id)
            if question is None:
                where = loc if isinstance(fact_source, str) else (*loc, "question")
                problems.append(_unknown(doc, where, "question", question_id, all_ids))
                continue
            if isinstance(fact_source, ChoiceAsYesNo) and isinstance(question, ChoiceQuestion):
                option_ids = [option.id for option in question.options]
                problems += [
                    _unknown(doc, (*loc, "means_yes", index), "option", option, option_ids)
                    for index, option in enumerate(fact_source.means_yes)
                    if option not in option_ids
                ]
            for variable in declared.get(name, []):
                if not answer_fits(variable, question, fact_source):
                    problems.append(_unfit(doc, loc, variable, question, fact_source))
                    break
        if loaded is not None and name not in declared and len(problems) == before:
            problems.append(_unknown(doc, ("facts_from_answers", name), "variable", name, []))
    return problems


def _unfit(doc: YamlDoc, loc: Loc, variable: Variable, question: Question, source: FactSource) -> Problem:
    name, question_id = variable.name, question.id
    if isinstance(source, YesNoAsValue) and not isinstance(question, YesNoQuestion):
        return doc.problem(
            "P104",
            (*loc, "question"),
            detail=f"if_no hanya untuk pertanyaan yes_no; '{question_id}' adalah {question.type}",
            detail_en=f"if_no is only for a yes_no question; '{question_id}' is {question.type}",
        )
    if isinstance(source, YesNoAsValue):
        return doc.problem(
            "P104",
            (*loc, "if_no"),
            detail=f"isian '{name}' ({variable.type}) tidak dapat bernilai {source.if_no!r}",
            detail_en=f"variable '{name}' ({variable.type}) cannot take the value {source.if_no!r}",
        )
    return doc.problem(
        "P104",
        loc,
        detail=f"isian '{name}' ({variable.type}) tidak dapat diisi dari jawaban '{question_id}' ({question.type})",
        detail_en=f"variable '{name}' ({variable.type}) cannot take the answer of '{question_id}' ({question.type})",
    )


def _template_ref(doc: YamlDoc, loc: Loc, name: str, bundle: Bundle) -> list[Problem]:
    normal = posixpath.normpath(name)
    if name.startswith(("/", "\\")) or normal.startswith("..") or ":" in name or "\\" in name:
        return [doc.problem("P205", loc, target=name)]
    if isinstance(bundle.templates, TemplateStore):
        # A response checks existence only; each template is parsed when (and if) it is rendered.
        return [] if bundle.templates.exists(normal) else [_unknown(doc, loc, "template", name, [])]
    source = bundle.templates.get(normal)
    if source is None:
        if normal in bundle.unloadable:
            return []  # the template's own problems are reported at the template
        return [_unknown(doc, loc, "template", name, [])]
    if source.meta.partial:
        return [
            doc.problem(
                "P104",
                loc,
                detail=f"'{name}' adalah potongan (partial), bukan pernyataan",
                detail_en=f"'{name}' is a partial, not a statement",
            )
        ]
    return []


def _conditions(
    doc: YamlDoc,
    base: Loc,
    conditions: Sequence[Condition],
    asked: dict[str, YesNoQuestion | ChoiceQuestion | NumberQuestion],
    all_ids: set[str],
) -> list[Problem]:
    problems: list[Problem] = []
    for index, condition in enumerate(conditions):
        loc: Loc = (*base, index, "question") if len(conditions) > 1 or _is_list(doc, base) else (*base, "question")
        question = asked.get(condition.question)
        if question is None:
            if condition.question in all_ids:
                problems.append(doc.problem("P203", loc, name=condition.question))
            else:
                problems.append(_unknown(doc, loc, "question", condition.question, asked))
            continue
        problems += _condition_fits(doc, loc, condition, question)
    return problems


def _is_list(doc: YamlDoc, loc: Loc) -> bool:
    data = doc.data
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, list)


def _condition_fits(
    doc: YamlDoc, loc: Loc, condition: Condition, question: YesNoQuestion | ChoiceQuestion | NumberQuestion
) -> list[Problem]:
    def mismatch(id_text: str, en_text: str) -> list[Problem]:
        return [doc.problem("P206", loc, name=question.id, detail=id_text, detail_en=en_text)]

    if isinstance(question, YesNoQuestion):
        if not isinstance(condition.equals, bool):
            return mismatch("pertanyaan ya/tidak memakai 'equals: true' atau 'equals: false'",
                            "a yes/no question takes 'equals: true' or 'equals: false'")  # fmt: skip
    elif isinstance(question, ChoiceQuestion):
        option_ids = {option.id for option in question.options}
        if condition.at_least is not None or condition.at_most is not None:
            return mismatch("pertanyaan pilihan memakai 'equals' atau 'in'", "a choice question takes 'equals' or 'in'")
        # Located at the wrong option itself, not at `question:`.
        wanted: list[tuple[Loc, object]] = (
            [((*loc[:-1], "in", index), value) for index, value in enumerate(condition.in_)]
            if condition.in_ is not None
            else [((*loc[:-1], "equals"), condition.equals)]
        )
        return [_unknown_option(doc, at, value, option_ids) for at, value in wanted if value not in option_ids]
    elif isinstance(condition.equals, bool | str) or condition.in_ is not None:
        return mismatch("pertanyaan angka memakai 'at_least', 'at_most' atau 'equals: <angka>'",
                        "a number question takes 'at_least', 'at_most' or 'equals: <number>'")  # fmt: skip
    return []


def _untranslated_profile(profile: UnitProfile, doc: YamlDoc) -> list[Problem]:
    """Warnings for the office and titles that English statements print but the profile has only in
    Indonesian (a unit may write in Indonesian only; its English statements are then refused, P308)."""
    missing: list[tuple[tuple[str, ...], str]] = []  # (the Indonesian key, the English key it lacks)
    if profile.unit.regional_office and not profile.unit.regional_office_en:
        missing.append((("unit", "regional_office"), "unit.regional_office_en"))
    for role, person in profile.roster.items():
        if not person.title_en:
            missing.append((("roster", role, "title"), f"roster.{role}.title_en"))
    return [doc.problem("P310", loc, english=english, severity=Severity.WARNING) for loc, english in missing]


def _unknown_option(doc: YamlDoc, loc: Loc, value: object, option_ids: set[str]) -> Problem:
    """An option a condition names that the question does not have; `equals: no` read by YAML as false
    is explained as such."""
    from yaml.nodes import ScalarNode

    node = doc.node_at(loc)
    if isinstance(value, bool) and isinstance(node, ScalarNode) and not node.style:
        return doc.problem("P105", loc, source=node.value, value=str(value).lower())
    return _unknown(doc, loc, "option", value, option_ids)


def check_unit_profile(profile: UnitProfile, doc: YamlDoc, guideline: Guideline | None) -> list[Problem]:
    problems: list[Problem] = []
    try:
        clock.resolve_zone(profile.unit.timezone)
    except clock.UnknownZone:
        zone = profile.unit.timezone
        close_id, close_en = did_you_mean(zone, [*clock.ZONE_ALIASES, *clock.ZONE_ALIASES.values()])
        problems.append(
            doc.problem(
                "P104",
                ("unit", "timezone"),
                detail=f"zona waktu '{zone}' tidak dikenal; pakai WIB, WITA, WIT atau nama IANA{close_id}",
                detail_en=f"unknown time zone '{zone}'; use WIB, WITA, WIT or an IANA name{close_en}",
            )
        )
    if profile.spokesperson not in profile.roster:
        problems.append(_unknown(doc, ("spokesperson",), "role", profile.spokesperson, profile.roster))
    problems += _untranslated_profile(profile, doc)
    if guideline is not None:
        roles = {role.id for role in guideline.roles}
        for role_id in profile.roster:
            if role_id not in roles:
                found = _unknown(doc, ("roster", role_id), "role", role_id, roles)
                problems.append(
                    Problem(
                        found.code,
                        found.args,
                        found.file,
                        found.line,
                        found.column,
                        found.path,
                        Severity.WARNING,
                    )
                )
    return problems


# --- templates --------------------------------------------------------------------------------------


def _in_our_words(found: Problem, filters: Iterable[str]) -> Problem:
    """A syntax problem that carries Jinja's own English in both languages, said in ours by its kind."""
    from dataclasses import replace

    from pasopati_cli.jinjaerrors import jinja_reason

    if found.code != "P301" or found.args.get("reason") != found.args.get("reason_en"):
        return found
    reason, reason_en = jinja_reason(found.args.get("reason", ""), filters)
    return replace(found, args={**found.args, "reason": reason, "reason_en": reason_en})


def check_templates(bundle: Bundle, compiled: MemoryBytecodeCache | None = None) -> list[Problem]:
    from jinja2 import TemplateSyntaxError, meta, nodes

    from pasopati_cli.render import BUILTIN_NAMES, CheckingSandbox, environment, syntax_problems

    env = environment({name: source.body for name, source in bundle.templates.items()}, sandbox=CheckingSandbox)
    assert isinstance(env, CheckingSandbox)
    used: dict[str, set[str]] = {}
    includes: dict[str, list[str]] = {}
    problems: list[Problem] = []
    parsed: dict[str, nodes.Template] = {}
    for name, source in bundle.templates.items():
        try:
            ast = env.parse(source.body, name, name)
            code = env.compile(ast, name, name)
        except TemplateSyntaxError as exc:
            found = syntax_problems(env, exc, source.body, source.file, source.body_line)
            problems += [_in_our_words(p, env.filters).located(line=source.body_line) for p in found]
            continue
        if compiled is not None:
            compiled.keep(env, name, source.body, code)
        parsed[name] = ast
        used[name] = env.context_names.get(name, set())  # noted as it compiled: no second pass
        includes[name] = []
        for include in meta.find_referenced_templates(ast):
            if include is None:
                continue
            normal = posixpath.normpath(include)
            if include.startswith("/") or normal.startswith(".."):
                problems.append(problem("P205", file=source.file, line=_line_of(source, include), target=include))
            elif normal not in bundle.templates:
                what_id, what_en = _WHAT["template"]
                problems.append(
                    problem(
                        "P201",
                        file=source.file,
                        line=_line_of(source, include),
                        what=what_id,
                        what_en=what_en,
                        name=include,
                        hint="",
                    )
                )
            else:
                includes[name].append(normal)
        for getattr_node in ast.find_all(nodes.Getattr):
            if getattr_node.attr.startswith("_"):
                line = source.body_line + getattr_node.lineno - 1
                problems.append(problem("P304", file=source.file, line=line, reason=f"'.{getattr_node.attr}'"))
        problems += _examples(source)

    def closure(name: str, seen: set[str]) -> set[str]:
        if name in seen:
            return set()
        seen.add(name)
        names = {name}
        for child in includes.get(name, []):
            names |= closure(child, seen)
        return names

    for name, source in bundle.templates.items():
        if name not in parsed:
            continue
        family = closure(name, set())
        declared = {v.name for member in family for v in bundle.templates[member].meta.variables}
        own_declared = {v.name for v in source.meta.variables}
        for missing in sorted(used[name] - declared - BUILTIN_NAMES):
            problems.append(
                problem("P302", file=source.file, line=_name_line(source, parsed[name], missing), name=missing)
            )
        family_used = set().union(*(used[m] for m in family if m in used))
        for index, variable in enumerate(source.meta.variables):
            if variable.name not in family_used and variable.name in own_declared:
                problems.append(
                    source.doc.problem(
                        "P303", ("variables", index, "name"), severity=Severity.WARNING, name=variable.name
                    )
                )
    return problems


def _examples(source: TemplateSource) -> list[Problem]:
    """Each variable's `example` (and `default`) must be a value of its type, as the officer could type it;
    a required variable with neither cannot be trial-rendered (a warning)."""
    from pasopati_cli.render import InvalidFact, coerce_fact

    zone = clock.resolve_zone("WIB")  # any zone: only whether the value is read matters
    problems = []
    for index, variable in enumerate(source.meta.variables):
        if variable.required and variable.example is None and variable.default is None:
            problems.append(
                source.doc.problem(
                    "P306", ("variables", index, "example"), severity=Severity.WARNING, name=variable.name
                )
            )
        for key in ("example", "default"):
            value = getattr(variable, key)
            if value is None:
                continue
            try:
                coerce_fact(variable, value, zone, _SOME_MOMENT)
            except InvalidFact as exc:
                problems.append(
                    source.doc.problem(
                        "P104",
                        ("variables", index, key),
                        detail=f"'{key}' tidak cocok dengan tipe '{variable.type}': {exc.id_text}",
                        detail_en=f"the {key} does not fit type '{variable.type}': {exc.en_text}",
                    )
                )
    return problems


# Where a time alone is placed when checking examples (any moment will do: only whether it reads counts).
_SOME_MOMENT = datetime(2025, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=7)))


def _name_line(source: TemplateSource, ast: nodes.Template, name: str) -> int:
    from jinja2 import nodes

    for node in ast.find_all(nodes.Name):
        if node.name == name:
            return source.body_line + node.lineno - 1
    return source.body_line


def _line_of(source: TemplateSource, text: str) -> int:
    for offset, line in enumerate(source.body.splitlines()):
        if text in line:
            return source.body_line + offset
    return source.body_line
