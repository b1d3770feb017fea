"""YAML text -> node tree -> plain data, refusing duplicate keys, runaway alias expansion and deep nesting.

Split from the loader so that a run whose files all come from the cache never imports PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pasopati_cli.loader import MAX_DEPTH, MAX_NODES, YamlDoc
from pasopati_cli.problems import Problem, problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        if "single document" in str(exc.context or ""):
            return None, [problem("P006", file=file, line=line, column=column)]
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [problem("P004", file=file, line=line, column=column, reason=reason)]
    except yaml.YAMLError as exc:
        return None, [problem("P004", file=file, reason=exc)]
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
    doc = YamlDoc(file, data, text, line_offset)
    object.__setattr__(doc, "_nodes", root)  # positions come from this tree until the document is pickled
    return doc, builder.problems


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
            try:
                return _CONSTRUCTOR.construct_object(node)
            except yaml.YAMLError as exc:
                raise _Stop(problem("P004", **self._at(node), reason=getattr(exc, "problem", exc))) from None
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
