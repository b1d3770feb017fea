"""The published JSON Schemas: generated from the models, kept in schema/, honoured by shipped files."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regress
import yaml
from pydantic import BaseModel

from pasopati_cli.app.docs import guideline_ids
from pasopati_cli.loader import parse_yaml, split_front_matter
from pasopati_cli.model import FILE_KINDS, Invalid, TemplateMeta, parse_duration
from pasopati_cli.schema import dump, nodes, schemas
from pasopati_cli.schema_text import TEXTS
from tests.conftest import REPO, Run

SCHEMA_DIR = REPO / "schema"
SHIPPED_YAML = sorted([*REPO.glob("playbooks/**/*.yaml"), *REPO.glob("examples/**/*.yaml")], key=lambda p: p.as_posix())
SHIPPED_TEMPLATES = sorted(REPO.glob("templates/**/*.md"))


def test_schema_folder_matches_the_models_exactly() -> None:
    """Fails when a model changed and `pasopati schema --output schema` was not run."""
    generated = {f"{kind}.schema.json": dump(document) for kind, document in schemas().items()}
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}
    assert on_disk == generated


def test_the_schema_command_writes_one_file_per_kind(run: Run, tmp_path: Path) -> None:
    result = run("schema", "--output", str(tmp_path / "out"))
    assert result.code == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "answers.schema.json",
        "crisis-type.schema.json",
        "guideline.schema.json",
        "monitoring.schema.json",
        "template.schema.json",
        "unit-profile.schema.json",
    ]


def test_every_generated_schema_is_a_valid_draft_2020_12_schema() -> None:
    for document in schemas().values():
        jsonschema.Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_yaml_names_its_schema_on_the_first_line_and_validates_against_it(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema_path = (path.parent / first.removeprefix(prefix)).resolve()
    assert schema_path.parent == SCHEMA_DIR.resolve()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema_path.name == f"{data['kind']}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(_jsonable(data), schema, cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)  # fmt: skip


@pytest.mark.parametrize("path", SHIPPED_TEMPLATES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_template_front_matter_validates_against_the_template_schema(path: Path) -> None:
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    assert parts is not None
    data = yaml.safe_load(parts[0]) or {}
    schema = json.loads((SCHEMA_DIR / "template.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_jsonable(data), schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_rejects_what_the_models_reject() -> None:
    """An independent validator agrees on an unknown key and a bad duration."""
    schema = schemas()["guideline"]
    data = yaml.safe_load((REPO / "tests/cases/base/playbooks/guideline.yaml").read_text())
    jsonschema.validate(_jsonable(data), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_jsonable({**data, "extra": 1}), schema)
    data["roles"][0]["notify"]["siaga"] = "1 jam"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_jsonable(data), schema)


def _jsonable(value: object) -> object:
    """YAML dates and times as JSON Schema sees them: ISO strings."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


@cache
def generic_schemas() -> dict[str, dict[str, Any]]:
    return schemas()


@cache
def bundled_schemas() -> dict[str, dict[str, Any]]:
    """What `schema --guideline` writes for the bundled guideline."""
    return schemas(guideline_ids(REPO))


# --- standard, complete, bilingual ---------------------------------------------------------------------

# Draft 2020-12's keywords (core, applicator, validation, format and meta-data vocabularies).
STANDARD_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly", "type", "enum", "const", "format", "pattern", "minLength",
    "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
    "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "minContains", "maxContains",
    "properties", "patternProperties", "additionalProperties", "propertyNames", "required", "minProperties",
    "maxProperties", "dependentRequired", "dependentSchemas", "allOf", "anyOf", "oneOf", "not", "if", "then",
    "else", "unevaluatedItems", "unevaluatedProperties",
}  # fmt: skip
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")  # name -> schema
DATA = ("enum", "const", "default", "examples", "required", "dependentRequired")  # values, not schemas


def keywords(schema: object) -> Iterator[str]:
    """Every keyword used anywhere in a schema (property names and data values are not keywords)."""
    if isinstance(schema, list):
        for item in schema:
            yield from keywords(item)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            yield key
            if key in SCHEMA_MAPS:
                for child in value.values():
                    yield from keywords(child)
            elif key not in DATA:
                yield from keywords(value)


def every_schema() -> Iterator[tuple[str, dict[str, Any]]]:
    """The generic schemas and those `schema --guideline` writes for the bundled guideline."""
    yield from generic_schemas().items()
    yield from ((f"{kind} --guideline", document) for kind, document in bundled_schemas().items())


def test_every_schema_uses_only_standard_draft_2020_12_keywords_and_no_discriminator() -> None:
    for kind, document in every_schema():
        used = set(keywords(document))
        assert used <= STANDARD_KEYWORDS, (kind, used - STANDARD_KEYWORDS)
        assert "discriminator" not in dump(document), kind


def test_a_question_of_an_unknown_type_gets_one_precise_error_not_a_failed_one_of() -> None:
    data = _load(REPO / "tests/cases/invalid/bad-question-type/playbooks/uji.yaml")
    errors = list(jsonschema.Draft202012Validator(generic_schemas()["crisis-type"]).iter_errors(data))
    assert [(list(error.absolute_path), error.message) for error in errors] == [
        (["triage", "questions", 2, "type"], "'pilihan' is not one of ['choice', 'number', 'yes_no']")
    ]


def bilingual(text: str) -> bool:
    """'Indonesian / English': two non-empty halves that differ."""
    indonesian, _, english = text.partition(" / ")
    return bool(indonesian.strip() and english.strip()) and indonesian.strip() != english.strip()


def test_every_property_of_every_schema_has_a_description_in_indonesian_then_english() -> None:
    lacking = []
    for kind, document in every_schema():
        objects = [document, *document.get("$defs", {}).values()]
        objects += [node for node in nodes(document) if "allOf" in node and "properties" in node]  # tagged unions
        for node in objects:
            for name, prop in node.get("properties", {}).items():
                if not bilingual(prop.get("description", "")):
                    lacking.append(f"{kind}: {node.get('title')}.{name}")
        for node in nodes(document):
            text = node.get("description")
            if isinstance(text, str) and not bilingual(text):
                lacking.append(f"{kind}: {text}")
    assert lacking == []
    question = generic_schemas()["crisis-type"]["$defs"]["Condition"]["properties"]["question"]["description"]
    assert question == "Id pertanyaan yang ditanyakan lebih awal. / Id of a question asked earlier."


def test_every_description_entry_names_a_model_or_property_that_exists() -> None:
    existing = set()
    models: list[type[BaseModel]] = [*FILE_KINDS.values(), TemplateMeta]
    for model in models:
        document = model.model_json_schema(by_alias=True)
        for name, node in [*document.get("$defs", {}).items(), (model.__name__, document)]:
            existing |= {name, *(f"{name}.{key}" for key in node.get("properties", {}))}
    assert set(TEXTS) - existing == set()


# --- the rules the loader enforces, said by the schema -------------------------------------------------

LOADER_AGREES = ["15m", "2h", "1h30m", "1d", "0m", "1d 2h", " 90 min ", "30min"]
LOADER_REFUSES = ["", " ", "1 jam", "h", "m", "1x", "15", "1m2h", "1h 2d", "2 days"]


@pytest.mark.parametrize("value", LOADER_AGREES + LOADER_REFUSES)
def test_the_schema_accepts_exactly_the_durations_the_loader_accepts(value: str) -> None:
    data = yaml.safe_load((REPO / "tests/cases/base/playbooks/guideline.yaml").read_text())
    data["roles"][0]["notify"]["siaga"] = value
    schema_errors = list(jsonschema.Draft202012Validator(generic_schemas()["guideline"]).iter_errors(_jsonable(data)))
    try:
        parse_duration(value)
        loader_accepts = True
    except Invalid:
        loader_accepts = False
    assert loader_accepts == (value in LOADER_AGREES)
    assert [list(error.absolute_path) for error in schema_errors] == (
        [] if loader_accepts else [["roles", 0, "notify", "siaga"]]
    )


def test_the_duration_pattern_matches_the_loader_on_every_short_text_in_both_regex_dialects() -> None:
    """Every text of up to five characters over the duration alphabet: the loader, Python's `re` (the
    jsonschema library) and ECMA-262 (regress, check-jsonschema's default) say the same."""
    pattern = generic_schemas()["guideline"]["$defs"]["Role"]["properties"]["notify"]["additionalProperties"]["pattern"]
    python, ecma = re.compile(pattern), regress.Regex(pattern)
    differing = []
    for length in range(6):
        for letters in itertools.product("10dhmin x", repeat=length):
            text = "".join(letters)
            try:
                parse_duration(text)
                loader = True
            except Invalid:
                loader = False
            if not loader == bool(python.search(text)) == (ecma.find(text) is not None):
                differing.append(text)
    assert differing == []


def _load(path: Path) -> Any:
    """A playbook as the loader reads it (libyaml's reading of flow mappings), dates as ISO text."""
    doc, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None and problems == []
    return _jsonable(doc.data)


def _crisis(change: Callable[[dict[str, Any]], None]) -> list[tuple[list[str | int], str]]:
    data = _load(REPO / "tests/cases/base/playbooks/uji.yaml")
    change(data)
    validator = jsonschema.Draft202012Validator(generic_schemas()["crisis-type"])
    return sorted((list(error.absolute_path), error.validator) for error in validator.iter_errors(data))


def _guideline(change: Callable[[dict[str, Any]], None]) -> list[tuple[list[str | int], str]]:
    data = _jsonable(yaml.safe_load((REPO / "tests/cases/base/playbooks/guideline.yaml").read_text()))
    change(data)  # type: ignore[arg-type]
    validator = jsonschema.Draft202012Validator(generic_schemas()["guideline"])
    return sorted((list(error.absolute_path), error.validator) for error in validator.iter_errors(data))


def test_a_condition_needs_exactly_one_operator_as_the_model_says() -> None:
    def two(data: dict[str, Any]) -> None:
        data["triage"]["questions"][1]["when"] = {"question": "ada_luka", "equals": True, "at_least": 1}

    def none(data: dict[str, Any]) -> None:
        data["triage"]["questions"][1]["when"] = [{"question": "ada_luka", "equals": None}]

    assert _crisis(two) == [(["triage", "questions", 1, "when"], "anyOf")]
    assert _crisis(none) == [(["triage", "questions", 1, "when"], "anyOf")]


def test_a_statement_needs_an_indonesian_template_inside_the_guideline_folder() -> None:
    def english_only(data: dict[str, Any]) -> None:
        data["statements"][0]["template"] = {"en": "uji/holding.en.md"}

    def outside(data: dict[str, Any]) -> None:
        data["statements"][0]["template"]["id"] = "../../etc/passwd"

    assert _crisis(english_only) == [(["statements", 0, "template"], "required")]
    assert _crisis(outside) == [(["statements", 0, "template", "id"], "pattern")]


def test_rules_need_what_their_check_uses_and_limits_above_zero() -> None:
    def regex_without_patterns(data: dict[str, Any]) -> None:
        data["disclosure"]["rules"][0]["patterns"] = []

    def post_length(data: dict[str, Any]) -> None:
        data.setdefault("style", {})["rules"] = [
            {"id": "panjang", "check": "post_length", "message": {"id": "x", "en": "x"}},
            {"id": "nol", "check": "post_length", "limits": {"x": 0}, "message": {"id": "x", "en": "x"}},
        ]

    assert _guideline(regex_without_patterns) == [(["disclosure", "rules", 0, "patterns"], "minItems")]
    assert _guideline(post_length) == [
        (["style", "rules", 0], "required"),
        (["style", "rules", 1, "limits", "x"], "minimum"),
    ]


def test_a_key_that_breaks_its_pattern_is_refused_not_let_through() -> None:
    def bad_variable(data: dict[str, Any]) -> None:
        data["facts_from_answers"] = {"Nama Besar": "ada_luka"}

    assert _crisis(bad_variable) == [(["facts_from_answers"], "pattern")]


def test_min_max_and_tense_only_for_the_types_they_apply_to() -> None:
    schema = generic_schemas()["template"]
    variables = [
        {"name": "a", "prompt": {"id": "a", "en": "a"}, "min": 1},
        {"name": "b", "prompt": {"id": "b", "en": "b"}, "type": "integer", "min": 1, "max": 3},
        {"name": "c", "prompt": {"id": "c", "en": "c"}, "type": "text", "tense": "past"},
        {"name": "d", "prompt": {"id": "d", "en": "d"}, "type": "time", "tense": "past"},
    ]
    errors = jsonschema.Draft202012Validator(schema).iter_errors({"variables": variables})
    assert sorted(list(error.absolute_path) for error in errors) == [["variables", 0, "min"], ["variables", 2, "tense"]]


# --- schema --guideline ----------------------------------------------------------------------------


def test_schema_with_a_guideline_offers_its_ids_as_enums(run: Run, guideline: Path, tmp_path: Path) -> None:
    result = run("schema", "--guideline", ".", "-o", str(tmp_path / "out"))
    assert (result.code, result.err) == (0, "")
    crisis = json.loads((tmp_path / "out/crisis-type.schema.json").read_text())
    defs = crisis["$defs"]
    levels, roles = ["waspada", "siaga", "darurat"], ["kalapas", "kakanwil", "polres"]
    assert defs["Floor"]["properties"]["level"]["enum"] == levels
    assert crisis["properties"]["base_level"]["enum"] == levels
    assert defs["RoleActivation"]["properties"]["min_level"]["anyOf"][0]["enum"] == levels
    assert defs["StatementUse"]["properties"]["due"]["propertyNames"]["enum"] == levels
    assert defs["RoleActivation"]["properties"]["role"]["enum"] == roles
    assert defs["Action"]["properties"]["owner"]["enum"] == roles
    assert defs["StatementUse"]["properties"]["kind"]["enum"] == ["holding"]
    assert defs["Condition"]["properties"]["question"]["enum"] == ["ada_luka", "jumlah_luka", "skala"]
    assert defs["Condition"]["properties"]["in"]["anyOf"][0]["items"]["enum"] == ["satu_blok", "satu_kamar"]
    assert crisis["description"].startswith(
        "Dengan id tingkat, peran, jenis pernyataan, pertanyaan, dan opsi pedoman Pedoman Uji 0.1;"
    )
    answers = json.loads((tmp_path / "out/answers.schema.json").read_text())
    assert answers["properties"]["crisis_type"]["enum"] == ["uji"]
    assert answers["properties"]["answers"]["propertyNames"] == {"enum": ["ada_luka", "jumlah_luka", "skala"]}
    profile = json.loads((tmp_path / "out/unit-profile.schema.json").read_text())
    roster = profile["properties"]["roster"]
    assert list(roster["properties"]) == roles  # offered for completion; another role is still allowed (a warning)
    assert roster["additionalProperties"] == {"$ref": "#/$defs/Person"}


def test_schema_without_guideline_is_the_generic_one_even_with_pasopati_guideline_set(
    run: Run, guideline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASOPATI_GUIDELINE", str(guideline))
    result = run("schema", "-o", str(tmp_path / "out"))
    assert result.code == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "out").iterdir()}
    assert written == {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}
    assert "enum" not in json.loads(written["crisis-type.schema.json"])["$defs"]["Floor"]["properties"]["level"]


def test_schema_with_a_guideline_that_does_not_load_is_refused_with_its_problems(
    run: Run, guideline: Path, tmp_path: Path
) -> None:
    (guideline / "playbooks/uji.yaml").write_text("kind: crisis-type\nid: [\n", encoding="utf-8")
    result = run("schema", "--guideline", ".", "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.code == 1
    assert result.err == (
        "playbooks/uji.yaml:2:5: [error] P023 the '[' opened here is never closed; add ']' at the end of the value "
        "(put text with a comma or a colon inside it in quotes)\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("path", [p for p in SHIPPED_YAML if "playbooks" in p.parts], ids=lambda p: p.name)
def test_shipped_playbooks_validate_against_the_schema_of_their_own_guideline(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = bundled_schemas()[data["kind"]]
    jsonschema.validate(_jsonable(data), document, cls=jsonschema.Draft202012Validator)
