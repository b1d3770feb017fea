"""pydantic's validation errors as our own problems: located, in both languages, with the likely fix.

An unknown key gets the nearest allowed key ("did you mean"), a text that YAML read as a boolean
(`no`, `yes`, `on`) is explained as such, an unknown choice gets the nearest allowed value, and a rule
of the model (model.Invalid) speaks Indonesian as well as English.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from pasopati_cli.loader import Loc, YamlDoc
from pasopati_cli.model import Invalid
from pasopati_cli.problems import Problem, did_you_mean

_TYPE_ID = {
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "float_type": "harus berupa bilangan",
    "float_parsing": "harus berupa bilangan",
    "bool_type": "harus berupa ya/tidak (true/false)",
    "bool_parsing": "harus berupa ya/tidak (true/false)",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "date_type": "harus berupa tanggal (YYYY-MM-DD)",
    "date_parsing": "harus berupa tanggal (YYYY-MM-DD)",
    "date_from_datetime_parsing": "harus berupa tanggal (YYYY-MM-DD)",
    "date_from_datetime_inexact": "harus berupa tanggal tanpa jam (YYYY-MM-DD)",
    "datetime_type": "harus berupa tanggal dan jam (YYYY-MM-DDTHH:MM+07:00)",
    "datetime_parsing": "harus berupa tanggal dan jam (YYYY-MM-DDTHH:MM+07:00)",
    "datetime_from_date_parsing": "harus berupa tanggal dan jam (YYYY-MM-DDTHH:MM+07:00)",
    "fact_source": "id pertanyaan, {question, means_yes: [...]} atau {question, if_no: NILAI}",
    "none_required": "harus kosong",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
}
# The plain words YAML 1.1 reads as booleans; `true`/`false` are meant as such.
_BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n"}


def _detail_id(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _TYPE_ID:
        return _TYPE_ID[kind]
    if kind == "literal_error":
        return f"harus salah satu dari {str(ctx.get('expected')).replace(' or ', ' atau ')}"
    if kind == "string_pattern_mismatch":
        return "id hanya boleh huruf kecil, angka dan garis bawah, diawali huruf"
    if kind == "string_too_short":
        return "tidak boleh kosong"
    if kind == "too_short":
        return f"minimal {ctx.get('min_length')} butir"
    if kind in ("too_long", "string_too_long"):
        return f"maksimal {ctx.get('max_length')} butir/karakter"
    if kind == "union_tag_invalid":
        return f"jenis '{ctx.get('tag')}' tidak dikenal; pilih {ctx.get('expected_tags')}"
    if kind == "value_error" and isinstance(ctx.get("error"), Invalid):
        return str(ctx["error"].id)
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return "nilai tidak sesuai aturan"


def error_to_problem(doc: YamlDoc, error: Any, model: type[BaseModel]) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(doc, loc, model)
    if kind == "missing":
        return doc.problem("P102", loc, key=loc[-1] if loc else "")
    if kind == "union_tag_invalid":
        loc = (*loc, str(error["ctx"]["discriminator"]).strip("'"))
    if kind == "union_tag_not_found":
        return doc.problem("P102", (*loc, str(error["ctx"]["discriminator"]).strip("'")), key="type")
    if isinstance(error.get("input"), bool):
        source = _source_text(doc, loc)
        if source is not None and source.lower() in _BOOLEAN_WORDS:
            return doc.problem("P105", loc, source=source, value=str(error["input"]).lower())
    detail_en = str(error["msg"]).removeprefix("Value error, ")
    detail_id = _detail_id(error)
    if kind in ("literal_error", "union_tag_invalid") and isinstance(error.get("input"), str | dict):
        tag = error["ctx"]["tag"] if kind == "union_tag_invalid" else error["input"]
        expected = re.findall(
            r"'([^']*)'", str(error["ctx"].get("expected_tags" if kind != "literal_error" else "expected"))
        )
        hint_id, hint_en = did_you_mean(tag, expected)
        detail_id, detail_en = detail_id + hint_id, detail_en + hint_en
    code = "P103" if kind.endswith(("_type", "_parsing")) else "P104"
    return doc.problem(code, loc, detail=detail_id, detail_en=detail_en)


def _source_text(doc: YamlDoc, loc: Loc) -> str | None:
    from yaml.nodes import ScalarNode

    node = doc.node_at(loc)
    return node.value if isinstance(node, ScalarNode) and not node.style else None


def _unknown_key(doc: YamlDoc, loc: Loc, model: type[BaseModel]) -> Problem:
    from yaml.nodes import ScalarNode

    key = loc[-1] if loc else ""
    hint_id, hint_en = did_you_mean(key, _keys_of(_annotation_at(model, loc[:-1])))
    node = doc.node_at(loc)
    if not hint_id and isinstance(node, ScalarNode) and node.tag.endswith(":null") and not node.value:
        # `{id: Satu, dua, en: ...}`: a comma in unquoted text splits it, and the rest becomes a key.
        hint_id = "; bila ini bagian teks yang berkoma, beri tanda kutip pada seluruh teksnya"
        hint_en = "; if this is part of a text with a comma, put the whole text in quotes"
    return doc.problem("P101", loc, at_key=True, key=key, hint=hint_id, hint_en=hint_en)


# --- the model's shape at a location -----------------------------------------------------------------


def _members(annotation: Any) -> Sequence[Any]:
    """The alternatives of a union (Annotated and Optional unwrapped), or the annotation alone."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [member for arg in typing.get_args(annotation) for member in _members(arg)]
    return [annotation]


def _model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _tag_of(member: type[BaseModel]) -> tuple[str, ...]:
    field = member.model_fields.get("type")
    return tuple(str(arg) for arg in typing.get_args(field.annotation)) if field is not None else ()


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one step along `loc` (a union tag steps to its member), or None."""
    members = _members(annotation)
    for member in members:  # a pydantic union tag names the member: its class or its `type` literal
        cls = _model(member)
        if cls is not None and len(members) > 1 and (part == cls.__name__ or part in _tag_of(cls)):
            return cls
    for member in members:
        cls = _model(member)
        origin, args = typing.get_origin(member), typing.get_args(member)
        if cls is not None and isinstance(part, str):
            for name, field in cls.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
        elif origin is list and isinstance(part, int) and args:
            return args[0]
        elif origin is dict and isinstance(part, str) and len(args) == 2:
            return args[1]
    return None


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    return annotation


def _keys_of(annotation: Any) -> list[str]:
    keys: list[str] = []
    for member in _members(annotation):
        cls = _model(member)
        if cls is not None:
            keys += [field.alias or name for name, field in cls.model_fields.items()]
    return keys
