"""A YAML file merged three ways, key by key, written back in the unit's own words.

The data decides (`merge3.merge_tree` over the three versions read as node trees); the text follows it:

1. the plain line merge of the three texts, when it is clean and reads back as exactly the merged data
   (every comment of both sides kept; the common case: different parts of the file changed);
2. else the unit's text, entry by entry: an entry upstream changed is upstream's lines (its comments too),
   re-indented to the unit's; an entry both changed differently is a conflict between git-style markers;
   a flow mapping such as `notify: {siaga: 15m, darurat: 0m}` changed on both sides in different keys is
   written again on its line from each value's own source text. The result is read back and must give
   the merged data (the unit's side at each conflict);
3. when it does not (a layout the second way cannot follow), the line merge with its markers, so that
   nothing is ever merged wrongly in silence: `validate` refuses the markers until someone decides.
Pure: texts in, text and conflicts out.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from pasopati_cli import merge3
from pasopati_cli.merge3 import MISSING, Conflict, Decision, Id, Merged, Path, Take


@dataclass(frozen=True)
class Leaf:
    """A scalar as written: 'x' and "x" and x are the same value; 1 and "1" are not."""

    tag: str
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class YamlConflict:
    line: int  # 1-based, the `<<<<<<<` line in the merged text
    path: Path  # () when only the line merge could place it
    kind: str


@dataclass(frozen=True)
class YamlMerge:
    text: str
    conflicts: list[YamlConflict]
    how: str  # "lines", "entries" or "fallback"


class _Unfit(Exception):
    """The entry-by-entry writer cannot follow this layout."""


def to_data(node: Node | None) -> object:
    """A node tree as plain data with `Leaf` scalars (keys as their text)."""
    if node is None:
        return Leaf("tag:yaml.org,2002:null", "")
    if isinstance(node, MappingNode):
        return {str(key.value): to_data(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [to_data(item) for item in node.value]
    return Leaf(node.tag, str(node.value))


class _Broken:
    """A text that does not read as YAML."""


_BROKEN = _Broken()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> Node | _Broken | None:
    try:
        node: Node | None = yaml.compose(text, Loader=_LOADER)
        to_data(node)  # nesting too deep for Python is no YAML this merge can handle: left to the lines
        return node
    except (yaml.YAMLError, RecursionError):
        return _BROKEN


def merge_yaml(base: str, ours: str, theirs: str, ours_label: str, theirs_label: str) -> YamlMerge | None:
    """The merged text and its conflicts; None when a version does not read as YAML (merge it as lines)."""
    nodes = [compose(text) for text in (base, ours, theirs)]
    if any(isinstance(node, _Broken) for node in nodes):
        return None
    data = [to_data(node) for node in nodes]  # type: ignore[arg-type]
    decision = merge3.merge_tree(*data)
    wanted = merge3.value_of(decision, data[1], data[2])
    conflicts = merge3.conflicts_in(decision)
    chunks = merge3.merge_lines(*(text.splitlines(keepends=True) for text in (base, ours, theirs)))
    by_lines, opened = merge3.render_lines(chunks, ours_label, theirs_label)
    if not conflicts and not opened and _reads_as(by_lines, wanted):
        return YamlMerge(by_lines, [], "lines")
    try:
        writer = _Writer(ours, theirs, nodes[1], nodes[2], ours_label, theirs_label)  # type: ignore[arg-type]
        text, found = writer.document(decision)
        if _reads_as(_our_side(text), wanted):
            return YamlMerge(text, found, "entries")
    except _Unfit:
        pass
    if opened or (not conflicts and _reads_as(by_lines, wanted)):
        return YamlMerge(by_lines, [YamlConflict(line, (), "changed") for line in opened], "fallback")
    # the line merge reads as something else than the merge: the whole file is left to a person
    whole = merge3.markers(ours.splitlines(keepends=True), theirs.splitlines(keepends=True), ours_label, theirs_label)
    return YamlMerge("".join(whole), [YamlConflict(1, (), "changed")], "fallback")


def _reads_as(text: str, wanted: object) -> bool:
    node = compose(text)
    return not isinstance(node, _Broken) and to_data(node) == wanted


def _our_side(text: str) -> str:
    """The text with each conflict decided for the unit (what the merged data holds at a conflict)."""
    kept: list[str] = []
    state = "out"
    for line in text.splitlines(keepends=True):
        marker = line[:7]
        if marker == "<<<<<<<":
            state = "ours"
        elif marker == "=======" and state == "ours":
            state = "theirs"
        elif marker == ">>>>>>>" and state == "theirs":
            state = "out"
        elif state != "theirs":
            kept.append(line)
    return "".join(kept)


@dataclass(frozen=True)
class _Entry:
    lead: int  # first line of the comments and blank lines before it
    first: int  # its first line (the key, or the item's dash)
    last: int  # its last line
    column: int  # where the key or the dash stands
    key: Node | None
    value: Node


def _last_line(node: Node) -> int:
    if isinstance(node, MappingNode | SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        return _last_line(last[1] if isinstance(node, MappingNode) else last)
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


class _Side:
    def __init__(self, text: str, root: Node | None) -> None:
        self.lines = text.splitlines(keepends=True)
        self.root = root

    def entries(self, node: Node) -> dict[Hashable, _Entry]:
        if not isinstance(node, MappingNode | SequenceNode) or node.flow_style:
            raise _Unfit
        found: dict[Hashable, _Entry] = {}
        previous: int | None = None
        for item in node.value:
            key, value = item if isinstance(node, MappingNode) else (None, item)
            start = key.start_mark if key is not None else value.start_mark
            column = start.column if key is not None else self.lines[start.line].rfind("-", 0, start.column)
            if column < 0:
                raise _Unfit
            name: Hashable = str(key.value) if key is not None else _id_of(value)
            lead = start.line if previous is None else previous + 1
            found[name] = _Entry(lead, start.line, _last_line(value), column, key, value)
            previous = found[name].last
        return found

    def span(self, entry: _Entry, lead: bool = False) -> list[str]:
        return self.lines[entry.lead if lead else entry.first : entry.last + 1]

    def source(self, node: Node) -> str:
        """A value's own text when it stands on one line (a scalar or a flow collection)."""
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or (isinstance(node, MappingNode | SequenceNode) and not node.flow_style):
            raise _Unfit
        return self.lines[start.line][start.column : end.column]


def _id_of(item: Node) -> Hashable:
    for key, value in item.value if isinstance(item, MappingNode) else ():
        if key.value == "id":
            return to_data(value)
    raise _Unfit


class _Writer:
    def __init__(self, ours: str, theirs: str, mine: Node | None, upstream: Node | None, label: str,
                 upstream_label: str) -> None:  # fmt: skip
        self.ours, self.theirs = _Side(ours, mine), _Side(theirs, upstream)
        self.labels = (label, upstream_label)
        self.out: list[str] = []
        self.conflicts: list[YamlConflict] = []

    def document(self, decision: Decision) -> tuple[str, list[YamlConflict]]:
        mine, upstream = self.ours.root, self.theirs.root
        if decision == Take("ours"):
            return "".join(self.ours.lines), []
        if not isinstance(decision, Merged) or mine is None or upstream is None:
            raise _Unfit
        entries = self.ours.entries(mine)
        if not entries:
            raise _Unfit
        first = min(entry.lead for entry in entries.values())
        last = max(entry.last for entry in entries.values())
        self.out += self.ours.lines[:first]
        self.collection(decision, mine, upstream, ())
        self.out += self.ours.lines[last + 1 :]
        return "".join(self.out), self.conflicts

    def collection(self, decision: Merged, mine: Node, upstream: Node, path: Path) -> None:
        ours, theirs = self.ours.entries(mine), self.theirs.entries(upstream)
        column = min(entry.column for entry in ours.values()) if ours else None
        for key, inner in decision.entries:
            step = Id(str(key)) if decision.by_id else str(key)
            mine_entry, upstream_entry = ours.get(key), theirs.get(key)
            if isinstance(inner, Take) and inner.side == "ours":
                if mine_entry is not None:
                    self.out += self.ours.span(mine_entry, lead=True)
            elif isinstance(inner, Take):
                if upstream_entry is not None:
                    self.out += self.moved(self.theirs.span(upstream_entry, lead=True), upstream_entry, column)
            elif isinstance(inner, merge3.Value):
                raise _Unfit  # items merged as lines: only the line merge can write them
            elif isinstance(inner, Conflict):
                self.conflict(mine_entry, upstream_entry, column, (*path, step), inner.kind)
            elif mine_entry is None or upstream_entry is None:
                raise _Unfit
            else:
                self.merged(inner, mine_entry, upstream_entry, column, (*path, step))

    def merged(self, inner: Merged, mine: _Entry, upstream: _Entry, column: int | None, path: Path) -> None:
        value = mine.value
        if isinstance(value, MappingNode | SequenceNode) and not value.flow_style:
            # up to the first inner entry: the key line, or only the comments of an item whose first key
            # shares the dash's line
            inner_first = min(e.lead for e in self.ours.entries(value).values())
            self.out += self.ours.lines[mine.lead : inner_first]
            self.collection(inner, value, upstream.value, path)
            return
        flow = self.flow(inner, value, upstream.value)
        if flow is None:  # a conflict inside a flow collection: the whole entry is the conflict
            found = merge3.conflicts_in(inner, path)
            self.conflict(mine, upstream, column, found[0][0], found[0][1].kind)
            return
        line = self.ours.lines[value.start_mark.line]
        if value.start_mark.line != mine.first or value.end_mark.line != mine.first:
            raise _Unfit
        self.out += self.ours.lines[mine.lead : mine.first]
        self.out.append(line[: value.start_mark.column] + flow + line[value.end_mark.column :])

    def flow(self, decision: Decision, mine: object, upstream: object) -> str | None:
        """A flow value written again from its parts' own texts; None at a conflict."""
        if isinstance(decision, Conflict):
            return None
        if isinstance(decision, Take):
            node = mine if decision.side == "ours" else upstream
            if not isinstance(node, Node):
                raise _Unfit
            return (self.ours if decision.side == "ours" else self.theirs).source(node)
        if isinstance(decision, merge3.Value) or not (
            isinstance(mine, MappingNode | SequenceNode) and isinstance(upstream, MappingNode | SequenceNode)
        ):
            raise _Unfit
        parts: list[str] = []
        for key, inner in decision.entries:
            ours_pair, theirs_pair = _flow_part(mine, key, decision.by_id), _flow_part(upstream, key, decision.by_id)
            if _gone(inner, ours_pair, theirs_pair):
                continue
            text = self.flow(inner, ours_pair[1] if ours_pair else MISSING, theirs_pair[1] if theirs_pair else MISSING)
            if text is None:
                return None
            chosen = theirs_pair if ours_pair is None or _taken_from_theirs(inner) else ours_pair
            if chosen is None:
                raise _Unfit
            if chosen[0] is not None:
                side = self.ours if chosen is ours_pair else self.theirs
                text = side.source(chosen[0]) + ": " + text
            parts.append(text)
        return ("{" + ", ".join(parts) + "}") if isinstance(mine, MappingNode) else ("[" + ", ".join(parts) + "]")

    def conflict(self, mine: _Entry | None, upstream: _Entry | None, column: int | None, path: Path,
                 kind: str) -> None:  # fmt: skip
        if mine is not None:
            self.out += self.ours.lines[mine.lead : mine.first]
        self.conflicts.append(YamlConflict(len(self.out) + 1, path, kind))
        ours = self.ours.span(mine) if mine is not None else []
        theirs = self.moved(self.theirs.span(upstream), upstream, column) if upstream is not None else []
        self.out += merge3.markers(ours, theirs, *self.labels)

    @staticmethod
    def moved(lines: Sequence[str], entry: _Entry, column: int | None) -> list[str]:
        """Upstream's lines at the unit's indentation."""
        shift = 0 if column is None else column - entry.column
        if shift >= 0:
            return [(" " * shift + line) if line.strip() else line for line in lines]
        cut = -shift
        return [line[cut:] if line[:cut].strip() == "" else line.lstrip(" ") for line in lines]


def _flow_part(node: MappingNode | SequenceNode, key: Hashable, by_id: bool) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        return next(((k, v) for k, v in node.value if str(k.value) == key), None)
    return next(((None, item) for item in node.value if by_id and _id_of(item) == key), None)


def _taken_from_theirs(decision: Decision) -> bool:
    return isinstance(decision, Take) and decision.side == "theirs"


def _gone(decision: Decision, ours: object, theirs: object) -> bool:
    """A key the merge drops: taken from a side that does not have it."""
    if not isinstance(decision, Take):
        return False
    return (ours if decision.side == "ours" else theirs) is None
