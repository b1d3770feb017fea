"""The response domain: load what a response needs, and turn facts into a rendered statement.

Sits between the CLI and the pure modules (triage, assign, render): it loads through the loader,
refuses a playbook with errors (with their locations), and builds the render context. No printing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pasopati_cli import clock
from pasopati_cli.loader import Bundle, LoadedYaml, TemplateSource, load_for_response, load_yaml_file
from pasopati_cli.model import Answers, CrisisType, Guideline, Person, StatementUse, UnitProfile, Variable
from pasopati_cli.problems import Lang, PasopatiError, Problem, Severity, did_you_mean, problem
from pasopati_cli.triage import TriageResult

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

    from pasopati_cli import guidecache


@dataclass
class Guide:
    """A loaded, checked guideline: what every response command works from."""

    bundle: Bundle
    guideline: Guideline

    @property
    def types(self) -> dict[str, CrisisType]:
        return self.bundle.crisis_types

    def crisis(self, type_id: str) -> CrisisType:
        if type_id not in self.types:
            known = f" ({', '.join(sorted(self.types))})"
            close_id, close_en = did_you_mean(type_id, self.types)
            raise PasopatiError(
                [problem("P201", what="jenis krisis", what_en="crisis type", name=type_id,
                         hint=close_id + known, hint_en=close_en + known)]
            )  # fmt: skip
        return self.types[type_id]

    @property
    def version(self) -> str:
        return self.guideline.version

    def content_hash(self) -> str:
        return self.bundle.content_hash()


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def load_guide(root: Path, type_id: str | None = None) -> Guide:
    """Load the guideline (only `type_id` when given); refuse it when it has errors."""
    if not (root / "playbooks").is_dir():
        raise PasopatiError([problem("P012", file=str(root), target=f"{root}/playbooks/")])
    from pasopati_cli import guidecache

    if type_id is not None:
        entry = guidecache.fetch(root, type_id)
        if entry is not None:
            return _cached_guide(root, entry)
    bundle, problems = load_for_response(root, type_id)
    if bundle.guideline is None or bundle.guideline_doc is None:
        raise PasopatiError(_errors(problems) or [problem("P015", file=str(root / "playbooks"))])
    if type_id is not None and type_id in bundle.crisis_types:
        from pasopati_cli.checks import check_crisis_type  # a cache miss only: the meaning checks and the guard

        problems += check_crisis_type(bundle.crisis_types[type_id], bundle.type_docs[type_id], bundle.guideline, bundle)
    if _errors(problems):
        raise PasopatiError(_errors(problems))
    if type_id is not None and type_id in bundle.crisis_types and set(bundle.crisis_types) == {type_id}:
        guidecache.store(root, type_id, bundle.guideline, bundle.crisis_types[type_id])
    return Guide(bundle, bundle.guideline)


def _cached_guide(root: Path, entry: guidecache.Entry) -> Guide:
    """A guide from the cache: the same models, templates still read on first use."""
    from pasopati_cli.loader import TemplateStore, display_path

    digests = {display_path(root / relative): digest for relative, digest in entry.digests.items()}
    bundle = Bundle(
        root=root,
        guideline=entry.guideline,
        crisis_types={entry.crisis.id: entry.crisis},
        templates=TemplateStore(root / "templates"),
        files=list(digests),
        digests=digests,
    )
    return Guide(bundle, entry.guideline)


def load_guideline(root: Path) -> Guideline:
    """Only the guideline file (`playbooks/guideline.yaml`), for commands that need no crisis type."""
    path = root / "playbooks" / "guideline.yaml"
    if path.is_file():
        loaded, problems = load_yaml_file(path, _display(path))
        if loaded is not None and isinstance(loaded.model, Guideline) and not _errors(problems):
            return loaded.model
    return load_guide(root).guideline


def load_unit(path: Path, guideline: Guideline | None) -> UnitProfile:
    loaded, problems = _load_yaml_remembered(path, "unit")
    if loaded is not None and loaded.model is not None and not isinstance(loaded.model, UnitProfile):
        problems.append(loaded.doc.problem("P010", ("kind",), found=repr(loaded.kind), expected="unit-profile"))
    if loaded is not None and isinstance(loaded.model, UnitProfile):
        from pasopati_cli.checks import check_unit_profile

        problems += check_unit_profile(loaded.model, loaded.doc, guideline)
    if _errors(problems) or loaded is None or not isinstance(loaded.model, UnitProfile):
        raise PasopatiError(_errors(problems) or problems)
    return loaded.model


def load_answers(path: Path) -> Answers:
    loaded, problems = _load_yaml_remembered(path, "answers")
    if loaded is not None and loaded.model is not None and not isinstance(loaded.model, Answers):
        problems.append(loaded.doc.problem("P010", ("kind",), found=repr(loaded.kind), expected="answers"))
    if _errors(problems) or loaded is None or not isinstance(loaded.model, Answers):
        raise PasopatiError(_errors(problems) or problems)
    return loaded.model


def _load_yaml_remembered(path: Path, kind: str) -> tuple[LoadedYaml | None, list[Problem]]:
    from pasopati_cli import guidecache

    display = _display(path)
    return guidecache.remembered(path, display, kind, lambda: load_yaml_file(path, display))


def _display(path: Path) -> str:
    from pasopati_cli.loader import display_path

    return display_path(path)


# --- choosing a crisis type -------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def guess_types(types: Mapping[str, CrisisType], description: str) -> list[tuple[str, int]]:
    """Crisis types ranked by how many of their keywords the description contains (best first)."""
    text = " ".join(_WORD.findall(description.lower()))
    words = set(text.split())
    scores = []
    for type_id, crisis in types.items():
        score = 0
        for keyword in crisis.keywords:
            key = " ".join(_WORD.findall(keyword.lower()))
            if not key:
                continue
            if (" " in key and f" {key} " in f" {text} ") or key in words:
                score += 2
            elif any(word.startswith(key) or (len(word) >= 5 and key.startswith(word)) for word in words):
                score += 1
        if score:
            scores.append((type_id, score))
    if not scores:  # a typo at 2 a.m. ("kerushan", "kebakran"): the nearest ids and keywords
        scores = _near_types(types, words)
    return sorted(scores, key=lambda item: (-item[1], item[0]))


def _near_types(types: Mapping[str, CrisisType], words: set[str]) -> list[tuple[str, int]]:
    import difflib

    found = []
    for type_id, crisis in types.items():
        known = {type_id, *(part for keyword in crisis.keywords for part in _WORD.findall(keyword.lower()))}
        known = {word for word in known if len(word) >= 4}
        score = sum(1 for word in words if len(word) >= 4 and difflib.get_close_matches(word, known, n=1, cutoff=0.8))
        if score:
            found.append((type_id, score))
    return found


# --- statements -------------------------------------------------------------------------------------


def statement_use(guide: Guide, crisis: CrisisType, kind: str, level: str | None) -> StatementUse:
    uses = [use for use in crisis.statements if use.kind == kind]
    if not uses:
        kinds = list(dict.fromkeys(use.kind for use in crisis.statements))
        known = f" ({', '.join(kinds)})"
        close_id, close_en = did_you_mean(kind, kinds)
        raise PasopatiError(
            [problem("P201", what="jenis pernyataan", what_en="statement kind", name=kind,
                     hint=close_id + known, hint_en=close_en + known)]
        )  # fmt: skip
    fitting = [use for use in uses if level is None or level in use.levels]
    return (fitting or uses)[0]


def template_for(guide: Guide, use: StatementUse, lang: Lang, fallback: bool = False) -> TemplateSource:
    """The template in `lang`. A statement kind without an English template is refused in English (P309, at
    the playbook's `template`), never written in Indonesian instead; `fallback` (the handbook, which shows
    what there is) takes the Indonesian one."""
    name = use.template.get(lang)
    if name is None and lang == "en" and not fallback:
        raise PasopatiError([_no_english_template(guide, use)])
    name = name or use.template["id"]
    try:
        return guide.bundle.templates[name]
    except KeyError:
        store_problems = getattr(guide.bundle.templates, "problems", [])
        raise PasopatiError(
            store_problems or [problem("P201", what="templat", what_en="template", name=name, hint="")]
        ) from None


def _no_english_template(guide: Guide, use: StatementUse) -> Problem:
    for type_id, crisis in guide.types.items():
        doc = guide.bundle.type_docs.get(type_id)
        if doc is not None and any(other is use for other in crisis.statements):
            index = next(i for i, other in enumerate(crisis.statements) if other is use)
            return doc.problem("P309", ("statements", index, "template"), kind=use.kind)
    return problem("P309", kind=use.kind)


def variables_of(guide: Guide, template: TemplateSource) -> list[Variable]:
    """Declared variables of a template and the partials it includes, in order, each once."""
    seen: dict[str, Variable] = {}
    pending = [template]
    visited: set[str] = set()
    while pending:
        current = pending.pop(0)
        if current.name in visited:
            continue
        visited.add(current.name)
        for variable in current.meta.variables:
            seen.setdefault(variable.name, variable)
        for name in referenced_templates(current.body):
            if name and name in guide.bundle.templates:
                pending.append(guide.bundle.templates[name])
    return list(seen.values())


_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_REFERENCE_TAG = re.compile(r"\{%[-+]?\s*(include|import|from|extends|raw)\b")
_LITERAL_REFERENCE = re.compile(r"""\{%[-+]?\s*(?:include|import|from|extends)\s+(?:"([^"]*)"|'([^']*)')""")


def referenced_templates(body: str) -> list[str | None]:
    """The templates a body includes, imports or extends (None for a name only known when rendering).

    Nearly every template names its partials with a literal, which a scan finds without Jinja's lexer
    (whose set-up is a tenth of a response's start-up); anything else is left to Jinja's own parser."""
    text = _COMMENT.sub("", body)
    tags = _REFERENCE_TAG.findall(text)
    literals = [double or single for double, single in _LITERAL_REFERENCE.findall(text)]
    if "raw" not in tags and len(literals) == len(tags):
        return list(literals)
    from jinja2 import meta

    from pasopati_cli.render import environment

    try:
        return list(meta.find_referenced_templates(environment({}).parse(body)))
    except Exception:  # a syntax error surfaces when rendering, located
        return []


def fill_facts(
    variables: list[Variable],
    given: Mapping[str, object],
    zone: Any,
    reference: datetime,
    source: str | None = None,
    lang: Lang = "id",
) -> tuple[dict[str, object], list[Variable], list[Problem]]:
    """(typed values, required variables still missing, problems with the values given).

    A value given per language ({id: ..., en: ...}) is taken in `lang`, else in Indonesian; a time
    without a date is placed relative to `reference` (see `clock.time_on_day`).
    """
    from pasopati_cli.render import InvalidFact, Untranslated, coerce_fact

    values: dict[str, object] = {}
    missing: list[Variable] = []
    problems: list[Problem] = []
    for variable in variables:
        raw = given.get(variable.name, variable.default)
        if isinstance(raw, Mapping):
            raw = _in_language(variable, raw, lang, source)
        if isinstance(raw, Untranslated):
            values[variable.name] = raw
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if variable.required:
                missing.append(variable)
            else:
                values[variable.name] = None
            continue
        try:
            values[variable.name] = coerce_fact(variable, raw, zone, reference)
        except InvalidFact as exc:
            problems.append(problem("P402", file=source, name=variable.name, detail=exc.id_text, detail_en=exc.en_text))
    return values, missing, problems


def _in_language(variable: Variable, raw: Mapping[str, object], lang: Lang, source: str | None) -> object:
    """A value given per language: a text in `lang` only (in English, an Indonesian text alone stands as
    `Untranslated`); a number, date or choice is the same in any language."""
    if variable.type not in ("text", "long_text"):
        return raw.get(lang) or raw.get("id") or raw.get("en")
    if lang == "en" and not raw.get("en") and raw.get("id"):
        from pasopati_cli.render import untranslated_fact

        return untranslated_fact(variable.name, source)
    return raw.get(lang)


def unknown_facts(variables: list[Variable], given: Mapping[str, object], source: str | None) -> list[Problem]:
    names = {variable.name for variable in variables}
    hint = f" ({', '.join(sorted(names))})" if names else ""
    return [
        problem("P201", file=source, what="isian", what_en="variable", name=key, hint=hint)
        for key in given
        if key not in names
    ]


def render_context(
    *,
    guide: Guide,
    crisis: CrisisType,
    unit: UnitProfile,
    result: TriageResult,
    start: datetime,
    now: datetime,
    lang: Lang,
    facts: Mapping[str, object],
    exercise: bool = False,
) -> dict[str, Any]:
    from pasopati_cli.render import in_language

    zone = clock.resolve_zone(unit.unit.timezone)
    info = unit.unit
    speaker = unit.roster[unit.spokesperson]
    incident = {
        "type_id": crisis.id,
        "type": crisis.title.get(lang),
        "level_id": result.level,
        "level": guide.guideline.level(result.level).title.get(lang),
        "start": clock.localize(start, zone),
        "reasons": [decision.reason(lang) for decision in result.decisions],
        "exercise": exercise,
    }
    return {
        **facts,
        "unit": {
            "name": info.name,
            "unit_class": info.unit_class,
            "city": info.city,
            "address": info.address,
            "timezone": clock.zone_label(clock.localize(now, zone)),
            "regional_office": in_language(
                lang, info.regional_office, info.regional_office_en, "unit.regional_office", "unit.regional_office_en"
            ),
            "phone": info.phone or "",
            "email": info.email or "",
            "website": info.website or "",
            "about": info.about.get(lang) if info.about else "",
        },
        "spokesperson": _person(speaker, unit.spokesperson, lang, "spokesperson"),
        "roster": {role: _person(person, role, lang, f"roster.{role}") for role, person in unit.roster.items()},
        "incident": incident,
        "lang": lang,
        "now": clock.localize(now, zone),
        "exercise": exercise,
    }


def _person(person: Person, role: str, lang: Lang, name: str) -> dict[str, object]:
    """A roster entry as templates see it: the title in the statement's language."""
    from pasopati_cli.render import in_language

    title = in_language(lang, person.title, person.title_en, f"{name}.title", f"roster.{role}.title_en")
    return {**person.model_dump(), "title": title}


def render_statement(
    guide: Guide,
    template: TemplateSource,
    context: Mapping[str, Any],
    bytecode: BytecodeCache | None = None,
    globals: Mapping[str, Any] | None = None,
) -> str:
    """The statement as the officer gets it; a failure is raised at the template line where it happened.
    `bytecode`: where compiled templates come from (validation's in-memory cache; else the user cache);
    `globals`: see `render.render_template`."""
    templates = _TemplateBodies(guide.bundle)
    from pasopati_cli.render import render_template

    def where(name: str) -> tuple[str | None, int]:
        source = guide.bundle.templates[name]
        return source.file, source.body_line

    text, problems = render_template(
        templates,
        template.name,
        context,
        file=template.file,
        first_line=template.body_line,
        where=where,
        bytecode=bytecode,
        globals=globals,
    )
    if text is None:
        raise PasopatiError(problems)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# --- example renderings (the handbook, and validation's trial render) --------------------------------

EXAMPLE_START = (2026, 11, 26, 14, 5)  # the example incident starts at 14.05 in the unit's own zone
EXAMPLE_WRITTEN_AFTER = timedelta(minutes=30)  # the example statement is written half an hour later
_MISSING_EXAMPLE = (
    " (beri nilai `example` di front matter templat)",
    " (give it an `example` value in the template's front matter)",
)


def example_start(unit: UnitProfile) -> datetime:
    """The fixed start of the example incident, in the unit's time zone."""
    return datetime(*EXAMPLE_START, tzinfo=clock.resolve_zone(unit.unit.timezone))


def example_level(crisis: CrisisType, levels: list[str], order: list[str]) -> str:
    """The mildest of a statement's `levels` (in `order`) that the crisis type can reach."""
    reachable = [lv for lv in levels if order.index(lv) >= order.index(crisis.base_level)]
    return (reachable or levels)[0]


def render_example(
    guide: Guide,
    crisis: CrisisType,
    template: TemplateSource,
    unit: UnitProfile,
    level: str,
    lang: Lang,
    bytecode: BytecodeCache | None = None,
) -> str:
    """A statement rendered with its templates' example values, as the tool would write it at `level`."""
    zone = clock.resolve_zone(unit.unit.timezone)
    start = example_start(unit)
    variables = variables_of(guide, template)
    given = {v.name: v.example for v in variables if v.example is not None}
    facts, missing, problems = fill_facts(variables, given, zone, start, template.file, lang)
    for variable in missing:
        problems.append(_missing_example(guide, variable.name, template.file))
    if problems:
        raise PasopatiError(problems)
    result = TriageResult(crisis.id, crisis.base_level, level, level, (), {})
    context = render_context(
        guide=guide,
        crisis=crisis,
        unit=unit,
        result=result,
        start=start,
        now=start + EXAMPLE_WRITTEN_AFTER,
        lang=lang,
        facts=facts,
    )
    return render_statement(guide, template, context, bytecode)


def _missing_example(guide: Guide, name: str, fallback_file: str) -> Problem:
    """A required variable without an example, located at its declaration."""
    hint, hint_en = _MISSING_EXAMPLE
    for source in guide.bundle.templates.values():
        for index, variable in enumerate(source.meta.variables):
            if variable.name == name and variable.example is None and variable.required:
                return source.doc.problem("P404", ("variables", index, "name"), name=name, hint=hint, hint_en=hint_en)
    return problem("P404", file=fallback_file, name=name, hint=hint, hint_en=hint_en)


_SAMPLE_PEOPLE = {
    "kalapas": ("Hendra Wijaya, S.H., M.H.", "Kepala Lapas Kelas IIA Contoh", "Head of Lapas Kelas IIA Contoh"),
    "kplp": ("Agus Salim Nugroho, S.H.", "Kepala Kesatuan Pengamanan Lapas", "Head of Prison Security"),
    "humas": (
        "Rina Kartika, S.I.Kom.",
        "Pengelola Hubungan Masyarakat Lapas Kelas IIA Contoh",
        "Public Relations Officer, Lapas Kelas IIA Contoh",
    ),
    "kakanwil": (
        "Dr. Bambang Setiadi, S.H., M.Si.",
        "Kepala Kantor Wilayah Ditjenpas Jawa Barat",
        "Head of the West Java Regional Office of the Directorate General of Corrections",
    ),
}


def sample_unit(guideline: Guideline) -> UnitProfile:
    """A fictional unit (Lapas Kelas IIA Contoh, Sukamaju) with an officer for every role of the guideline,
    every office and title in both languages."""
    roster: dict[str, Any] = {}
    for number, role in enumerate(guideline.roles, 1):
        fallback = (f"Petugas Contoh {number}", role.title.id, role.title.en)
        name, title, title_en = _SAMPLE_PEOPLE.get(role.id, fallback)
        roster[role.id] = {"name": name, "title": title, "title_en": title_en, "phone": f"0812-0000-{number:04d}"}
    core = [role.id for role in guideline.roles if role.scope == "core"]
    spokesperson = "humas" if "humas" in roster else (core or list(roster))[0]
    return UnitProfile.model_validate(
        {
            "kind": "unit-profile",
            "unit": {
                "name": "Lapas Kelas IIA Contoh",
                "class": "Kelas IIA",
                "city": "Sukamaju",
                "address": "Jl. Contoh No. 1, Sukamaju",
                "timezone": "WIB",
                "regional_office": "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Barat",
                "regional_office_en": "West Java Regional Office of the Directorate General of Corrections",
                "phone": "(0260) 000000",
                "email": "lapas.contoh@example.go.id",
                "about": {
                    "id": "Lapas Kelas IIA Contoh adalah unit fiktif untuk contoh dalam buku pedoman.",
                    "en": "Lapas Kelas IIA Contoh is a fictional unit for the examples in the handbook.",
                },
            },
            "spokesperson": spokesperson,
            "roster": roster,
        }
    )


class _TemplateBodies(Mapping[str, str]):
    """Template bodies by name, for Jinja's loader, read through the bundle's (lazy) templates. It holds the
    templates, not the bundle: a Jinja environment is a reference cycle, and through it the bundle's every
    playbook would wait for the cyclic garbage collector instead of being freed when the work is done."""

    def __init__(self, bundle: Bundle) -> None:
        self.templates = bundle.templates

    def __getitem__(self, name: str) -> str:
        return self.templates[name].body

    def __iter__(self) -> Any:
        return iter(self.templates)

    def __len__(self) -> int:
        return len(self.templates)
