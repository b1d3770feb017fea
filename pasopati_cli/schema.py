"""JSON Schema for every file kind, generated from the models, then made standard and complete.

pydantic's output is the start; four passes make it what other validators and editors need:
- standard draft 2020-12 only: a tagged union's `discriminator` (an OpenAPI keyword that validators
  ignore or misread) becomes `if`/`then` on the tag, which also gives one precise error instead of
  "not valid under any of the given schemas";
- a mapping whose keys have a pattern checks its keys with `propertyNames` (pydantic's
  `patternProperties` alone lets a key that breaks the pattern through, with any value);
- the rules the models check in code that a schema can say (`RULES`), and those the meaning checks
  apply to one file without needing another (a rule's required patterns, a template path that leaves the
  folder); what no schema can say is listed in docs/schema.md;
- a description in Indonesian and English on every property (`schema_text`).
`GuidelineIds` adds one guideline's ids as enums, for completion in an editor (`schema --guideline`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from pydantic import BaseModel

from pasopati_cli.model import FILE_KINDS, ChoiceQuestion, CrisisType, Guideline, TemplateMeta

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "guideline": "Berkas pedoman Pasopati (tingkat, peran, jenis pernyataan, aturan keterbukaan) / "
    "Pasopati guideline file (levels, roles, statement kinds, disclosure rules)",
    "crisis-type": "Buku pedoman satu jenis kejadian Pasopati / Pasopati crisis type playbook",
    "unit-profile": "Profil unit Pasopati (per pemasangan: nama, kontak, zona waktu) / "
    "Pasopati unit profile (per installation: names, contacts, time zone)",
    "answers": "Berkas jawaban Pasopati (catatan tanggapan yang dapat diulang) / "
    "Pasopati answers file (a replayable record of a response)",
    "template": "Front matter templat pernyataan Pasopati / Pasopati statement template front matter",
    "monitoring": "Sumber pemantauan media Pasopati (umpan, kata relevansi, leksikon sentimen) / "
    "Pasopati media monitoring sources (feeds, relevance words, sentiment lexicon)",
}
Schema = dict[str, Any]


@dataclass(frozen=True)
class GuidelineIds:
    """The ids one guideline defines, offered as enums (levels, roles and kinds in the guideline's order;
    questions and options of every crisis type, since a schema cannot tell which type a file is)."""

    name: str
    levels: tuple[str, ...]
    roles: tuple[str, ...]
    kinds: tuple[str, ...]
    questions: tuple[str, ...]
    options: tuple[str, ...]
    crisis_types: tuple[str, ...]

    @classmethod
    def of(cls, guideline: Guideline, crisis_types: Iterable[CrisisType]) -> GuidelineIds:
        types = list(crisis_types)
        questions = [question for crisis in types for question in crisis.triage.questions]
        options = {
            option.id for question in questions if isinstance(question, ChoiceQuestion) for option in question.options
        }
        return cls(
            name=f"{guideline.name.id} {guideline.version}",
            levels=tuple(level.id for level in guideline.levels),
            roles=tuple(role.id for role in guideline.roles),
            kinds=tuple(kind.id for kind in guideline.statement_kinds),
            questions=tuple(sorted({question.id for question in questions})),
            options=tuple(sorted(options)),
            crisis_types=tuple(sorted(crisis.id for crisis in types)),
        )


def schemas(ids: GuidelineIds | None = None) -> dict[str, Schema]:
    """File kind -> JSON Schema document; with `ids`, narrowed to one guideline's ids."""
    from pasopati_cli.schema_text import describe

    models: dict[str, type[BaseModel]] = {**FILE_KINDS, "template": TemplateMeta}
    result = {}
    for kind, model in models.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        _each(schema, "patternProperties", _keys_by_property_names)
        named = {**schema.get("$defs", {}), model.__name__: schema}
        for name, node in named.items():
            for rule in RULES.get(name, ()):
                rule(node)
            describe(name, node)
        _each(schema, "discriminator", partial(_tag_by_if_then, defs=schema.get("$defs", {})))
        description = None
        if ids is not None:
            narrow(named, ids)
            description = (
                f"Dengan id tingkat, peran, jenis pernyataan, pertanyaan, dan opsi pedoman {ids.name}; buat ulang "
                f"skema bila id berubah. / With the level, role, statement kind, question and option ids of guideline "
                f"{ids.name}; generate the schema again when the ids change."
            )
        result[kind] = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{kind}.schema.json",
            **schema,
            "title": TITLES[kind],
            **({"description": description} if description else {}),
        }
    return result


def dump(schema: Schema) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def nodes(value: Any) -> Iterator[Schema]:
    """Every mapping in a schema document, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


# --- standard keywords only -------------------------------------------------------------------------


def _each(schema: Schema, keyword: str, change: Callable[[Schema], None]) -> None:
    for node in list(nodes(schema)):
        if keyword in node:
            change(node)


def _tag_by_if_then(node: Schema, defs: dict[str, Schema]) -> None:
    """`oneOf` + `discriminator` -> the tag's values as an enum, and `if tag is X then X's schema`."""
    discriminator = node.pop("discriminator")
    node.pop("oneOf", None)
    tag = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    texts = [defs[ref.rsplit("/", 1)[-1]]["properties"][tag].get("description", "") for ref in mapping.values()]
    ids, english = zip(*(text.split(" / ", 1) for text in texts), strict=True)
    node["type"] = "object"
    node["required"] = [tag]
    node["properties"] = {tag: {"enum": list(mapping), "description": f"{' '.join(ids)} / {' '.join(english)}"}}
    node["allOf"] = [
        {"if": {"properties": {tag: {"const": value}}, "required": [tag]}, "then": {"$ref": ref}}
        for value, ref in mapping.items()
    ]


def _keys_by_property_names(node: Schema) -> None:
    """{pattern: value} -> every key must match the pattern (`propertyNames`), every value is a value."""
    if "properties" in node:
        return
    ((pattern, value),) = node.pop("patternProperties").items()
    node["propertyNames"] = {**node.get("propertyNames", {}), "pattern": pattern}
    node["additionalProperties"] = value


# --- rules the models and the one-file checks enforce in code ---------------------------------------


def _not_null(key: str) -> Schema:
    return {"required": [key], "properties": {key: {"not": {"type": "null"}}}}


def _only_for_types(node: Schema, keys: tuple[str, ...], types: list[str]) -> None:
    """`keys` may be given (not null) only when `type` is one of `types` (`type` defaults to text)."""
    node.setdefault("allOf", []).append(
        {
            "if": {"not": {"required": ["type"], "properties": {"type": {"enum": types}}}},
            "then": {"properties": {key: {"type": "null"} for key in keys}},
        }
    )


def _needs_when(node: Schema, checks: list[str], key: str, size: str) -> None:
    """A rule whose `check` is one of `checks` needs a non-empty `key`."""
    node.setdefault("allOf", []).append(
        {
            "if": {"properties": {"check": {"enum": checks}}, "required": ["check"]},
            "then": {"required": [key], "properties": {key: {size: 1}}},
        }
    )


def _one_operator(node: Schema) -> None:
    node["oneOf"] = [_not_null(key) for key in ("equals", "in", "at_least", "at_most")]


def _variable_options(node: Schema) -> None:
    _only_for_types(node, ("min", "max"), ["integer"])
    _only_for_types(node, ("tense",), ["datetime", "date", "time"])


def _disclosure_patterns(node: Schema) -> None:
    _needs_when(node, ["regex", "phrase", "child_name", "placeholder", "headline"], "patterns", "minItems")


def _style_needs(node: Schema) -> None:
    _needs_when(node, ["serial_comma", "headline_case", "first_person", "regex"], "patterns", "minItems")
    _needs_when(node, ["abbreviation"], "replace", "minProperties")
    _needs_when(node, ["post_length"], "limits", "minProperties")
    node["properties"]["limits"]["additionalProperties"]["minimum"] = 1


# A template path that starts with '/', '\' or '..', or holds ':' or '\', leaves the guideline folder
# (checks._template_ref); one that climbs out after a first folder ('a/../../x') needs path arithmetic.
TEMPLATE_PATH = r"^(?![/\\])(?!\.\.)[^:\\]*$"


def _statement_use(node: Schema) -> None:
    template = node["properties"]["template"]
    template["required"] = ["id"]
    template["additionalProperties"]["pattern"] = TEMPLATE_PATH


RULES: dict[str, tuple[Callable[[Schema], None], ...]] = {
    "Condition": (_one_operator,),
    "Variable": (_variable_options,),
    "DisclosureRule": (_disclosure_patterns,),
    "StyleRule": (_style_needs,),
    "StatementUse": (_statement_use,),
}


# --- one guideline's ids -------------------------------------------------------------------------

# (model, property, where, which ids): where is "values" (every text the property holds), "keys" (the
# keys of a mapping) or "names" (keys offered for completion, others still allowed: the loader only
# warns about a roster role the guideline does not know).
SITES: tuple[tuple[str, str, str, str], ...] = (
    ("Role", "notify", "keys", "levels"),
    ("Disclosure", "approvers", "keys", "levels"),
    ("Disclosure", "approvers", "values", "roles"),
    ("ReleaseRequirement", "levels", "values", "levels"),
    ("ReleaseRequirement", "roles_notified", "values", "roles"),
    ("Guideline", "first_statement", "values", "kinds"),
    ("Guideline", "facts_from_roster", "values", "roles"),
    ("Promise", "kind", "values", "kinds"),
    ("Numbering", "kind", "values", "kinds"),
    ("StyleRule", "kinds", "values", "kinds"),
    ("StyleRule", "except_kinds", "values", "kinds"),
    ("CrisisType", "base_level", "values", "levels"),
    ("CrisisType", "first_statement", "values", "kinds"),
    ("CrisisType", "facts_from_answers", "values", "questions"),
    ("Floor", "level", "values", "levels"),
    ("Condition", "question", "values", "questions"),
    ("Condition", "equals", "values", "options"),
    ("Condition", "in", "values", "options"),
    ("RoleActivation", "role", "values", "roles"),
    ("RoleActivation", "min_level", "values", "levels"),
    ("Action", "owner", "values", "roles"),
    ("Action", "min_level", "values", "levels"),
    ("StatementUse", "kind", "values", "kinds"),
    ("StatementUse", "levels", "values", "levels"),
    ("StatementUse", "due", "keys", "levels"),
    ("ChoiceAsYesNo", "question", "values", "questions"),
    ("ChoiceAsYesNo", "means_yes", "values", "options"),
    ("YesNoAsValue", "question", "values", "questions"),
    ("UnitProfile", "roster", "names", "roles"),
    ("Answers", "crisis_type", "values", "crisis_types"),
    ("Answers", "answers", "keys", "questions"),
    ("ManualRaise", "level", "values", "levels"),
    ("Monitoring", "response_type", "values", "crisis_types"),
)


def narrow(named: dict[str, Schema], ids: GuidelineIds) -> None:
    """Add the guideline's ids where the playbooks refer to them (`named`: the models of one document)."""
    for model, key, where, which in SITES:
        values: tuple[str, ...] = getattr(ids, which)
        if model not in named or not values:
            continue
        node = named[model]["properties"][key]
        if where == "keys":
            node["propertyNames"] = {**node.get("propertyNames", {}), "enum": list(values)}
        elif where == "names":
            node["properties"] = {value: node["additionalProperties"] for value in values}
        else:
            for text in _texts(node):
                text["enum"] = list(values)


def _texts(node: Schema) -> Iterator[Schema]:
    """The string schemas written out inside a property (not behind a `$ref`, not its keys)."""
    if node.get("type") == "string":
        yield node
    for key, value in node.items():
        if key in ("propertyNames", "description", "examples", "default", "title"):
            continue
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, dict):
                yield from _texts(child)
