"""JSON Schema for every file kind, generated from the models (so the two can never disagree)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from pasopati_cli.model import FILE_KINDS, TemplateMeta

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "guideline": "Pasopati guideline file (levels, roles, statement kinds, disclosure rules)",
    "crisis-type": "Pasopati crisis type playbook",
    "unit-profile": "Pasopati unit profile (per installation: names, contacts, time zone)",
    "answers": "Pasopati answers file (a replayable record of a response)",
    "template": "Pasopati statement template front matter",
    "monitoring": "Pasopati media monitoring sources (feeds, relevance words, sentiment lexicon)",
}


def schemas() -> dict[str, dict[str, Any]]:
    """File kind -> JSON Schema document."""
    models: dict[str, type[BaseModel]] = {**FILE_KINDS, "template": TemplateMeta}
    result = {}
    for kind, model in models.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        result[kind] = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{kind}.schema.json",
            **schema,
            "title": TITLES[kind],
        }
    return result


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
