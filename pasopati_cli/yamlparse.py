"""YAML text -> node tree -> plain data, refusing duplicate keys, runaway alias expansion and deep nesting.

Split from the loader so that a run whose files all come from the cache never imports PyYAML.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pasopati_cli import clock
from pasopati_cli.loader import MAX_DEPTH, MAX_NODES, YamlDoc
from pasopati_cli.problems import Problem, problem
from pasopati_cli.yamlerrors import syntax_problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Scalar tags a playbook may carry, explicitly or as YAML resolves plain values; anything else is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": "!!null",
    "tag:yaml.org,2002:bool": "!!bool",
    _INT_TAG: "!!int",
    "tag:yaml.org,2002:float": "!!float",
    _TIMESTAMP_TAG: "!!timestamp",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp
# A moment must stay a moment in every zone (deadlines are computed from it in the unit's zone), so the
# first and last day of Python's range are refused, whatever offset the text gives.
_FIRST_MOMENT = datetime(1, 1, 2)
_LAST_MOMENT = datetime(9999, 12, 30)
_SHOWN = 40
_DIGIT_BITS = 3.321928094887362  # log2(10): bits per decimal digit


def compose(text: str) -> Node | None:
    """The node tree of a text that parsed before (for positions), or None when it no longer does."""
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def parse(text: str, file: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """One YAML mapping document -> YamlDoc, or the problems that stop it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file, line_offset)]
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of UTF-8, the pure-Python reader counts characters.
        raw = text.encode("utf-8") if _Loader is not yaml.SafeLoader else None
        before = raw[: exc.position].decode("utf-8", "ignore") if raw is not None else text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return None, [problem("P019", file=file, line=line, column=column, character=f"U+{character:04X}")]
    except yaml.YAMLError as exc:  # pragma: no cover - every error libyaml raises carries a mark
        return None, [problem("P004", file=file, line=1 + line_offset, column=1, reason=exc)]
    finally:
        loader.dispose()
    if root is None:
        return None, [problem("P009", file=file, line=1 + line_offset, column=1)]
    if not isinstance(root, MappingNode):
        found = "daftar (list)" if isinstance(root, SequenceNode) else f"'{root.value}'"
        mark = root.start_mark
        return None, [problem("P005", file=file, line=mark.line + 1 + line_offset, column=mark.column + 1, found=found)]
    builder = _Builder(file, line_offset)
    try:
        data = builder.build(root, 0)
    except _Stop as stop:
        return None, [stop.problem]
    # The node tree is dropped here, freed at once by reference counting: positions are needed only for a
    # problem, and a document composes its text again on its first problem (YamlDoc.nodes). Kept, the trees
    # of a whole guideline (every scalar with two marks) outweighed its data many times over.
    return YamlDoc(file, data, text, line_offset), builder.problems


class _Stop(Exception):
    def __init__(self, found: Problem) -> None:
        self.problem = found


class _Builder:
    """Node tree -> plain data. Counts nodes as aliases expand, so a bomb stops early."""

    def __init__(self, file: str, line_offset: int) -> None:
        self.file = file
        self.line_offset = line_offset
        self.count = 0
        self.problems: list[Problem] = []

    def _at(self, node: Node) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": node.start_mark.line + 1 + self.line_offset,
            "column": node.start_mark.column + 1,
        }

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Stop(problem("P008", **self._at(node), limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise _Stop(problem("P014", **self._at(node), limit=MAX_DEPTH))
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG:
                return node.value
            return self.scalar(node)
        if node.tag not in (_SEQ_TAG, _MAP_TAG):
            raise _Stop(problem("P004", **self._at(node), reason=f"tag {node.tag} tidak diizinkan / not allowed"))
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            first_seen: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(problem("P013", **self._at(key_node)))
                    continue
                key = key_node.value
                if key_node.tag == _MERGE_TAG:
                    self.problems.append(problem("P025", **self._at(key_node)))
                    continue
                if key in first_seen:
                    self.problems.append(
                        problem(
                            "P007",
                            **self._at(key_node),
                            key=key,
                            first_line=first_seen[key].start_mark.line + 1 + self.line_offset,
                        )
                    )
                    continue
                first_seen[key] = key_node
                result[key] = self.build(value_node, depth + 1)
            return result
        raise _Stop(problem("P004", **self._at(node), reason=f"unexpected node {node!r}"))  # pragma: no cover

    def scalar(self, node: ScalarNode) -> Any:
        """A typed scalar (number, date, boolean, null); a value that does not fit its type is a located
        problem here, never an exception from the constructor further up."""
        at = self._at(node)
        tag = _SCALAR_TAGS.get(node.tag)
        if tag is None:
            short = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Stop(problem("P018", **at, value=shown(node.value), tag=short, **_expected(node.tag)))
        if node.tag == _INT_TAG:
            digits = sum(char.isdigit() for char in node.value)
            limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
            if limit and digits > limit and not node.value.lstrip("+-").startswith(("0x", "0b", "0o")):
                raise _Stop(problem("P017", **at, digits=digits, limit=limit))
        if node.tag == _TIMESTAMP_TAG and _TIMESTAMP.match(node.value):
            reason = clock.impossible_date(node.value)
            if reason is not None:
                raise _Stop(problem("P016", **at, value=shown(node.value), reason=reason[0], reason_en=reason[1]))
        try:
            value = _CONSTRUCTOR.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, LookupError, AttributeError, ArithmeticError):
            raise _Stop(problem("P018", **at, value=shown(node.value), tag=tag, **_expected(node.tag))) from None
        limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
        if limit and type(value) is int and value.bit_length() > limit * _DIGIT_BITS + 1:  # hex, octal, binary
            digits = int(value.bit_length() / _DIGIT_BITS) + 1  # past what str() can print
            raise _Stop(problem("P017", **at, digits=digits, limit=limit))
        if isinstance(value, datetime) and not _in_range(value):
            raise _Stop(
                problem(
                    "P016",
                    **at,
                    value=shown(node.value),
                    reason="di luar rentang tahun 0001-9999 setelah zona waktunya dihitung",
                    reason_en="outside the years 0001-9999 once its offset is applied",
                )
            )
        return value


def shown(value: str) -> str:
    """A value as quoted in a message: long ones cut, so that a 5,000-digit number stays one line."""
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


_EXPECTED = {
    "!!null": ("kosong (null atau ~)", "empty (null or ~)"),
    "!!bool": ("true atau false", "true or false"),
    "!!int": ("bilangan bulat seperti 12", "a whole number such as 12"),
    "!!float": ("bilangan seperti 1.5", "a number such as 1.5"),
    "!!timestamp": ("tanggal seperti 2026-11-26 atau 2026-11-26T14:35:00+07:00", "a date such as 2026-11-26"),
}


def _expected(tag: str) -> dict[str, Any]:
    found = _EXPECTED.get(_SCALAR_TAGS.get(tag, ""), ("teks biasa, tanpa tag", "plain text, without a tag"))
    return {"expected": found[0], "expected_en": found[1]}


def _in_range(moment: datetime) -> bool:
    offset = moment.utcoffset() or timedelta(0)
    try:
        utc = moment.replace(tzinfo=None) - offset
    except OverflowError:
        return False
    return _FIRST_MOMENT <= utc <= _LAST_MOMENT
