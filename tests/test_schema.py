"""The published JSON Schemas: generated from the models, kept in schema/, honoured by shipped files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from pasopati_cli.loader import split_front_matter
from pasopati_cli.schema import dump, schemas
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
