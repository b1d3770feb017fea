"""Three-way merges, pure: lines of text (diff3, as git merges a file) and trees of data (key by key).

`merge_lines` finds the stretches where base, ours and theirs agree (difflib's matching blocks of base
against each side, intersected) and decides each stretch between them: changed on one side only, take
that side; changed alike on both, take it once; changed differently, a conflict. `merge_tree` does the
same for data read from YAML: mappings key by key, lists of items with an `id` item by item, everything
else (a scalar, a list without ids) as one value. Both return decisions, not text; `render_lines` writes
git-style markers and `yamlmerge` writes YAML.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

Side = Literal["ours", "theirs"]


class _Missing:
    """A key or item that one version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


# --- lines -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clean:
    lines: list[str]


@dataclass(frozen=True)
class LineConflict:
    ours: list[str]
    theirs: list[str]
    base: list[str]


def merge_lines(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[Clean | LineConflict]:
    """diff3: the merged lines as clean runs and conflicts (lines keep their line ends)."""
    chunks: list[Clean | LineConflict] = []
    at_base = at_ours = at_theirs = 0
    for b0, b1, o0, o1, t0, t1 in _stable(base, ours, theirs):
        b, o, t = list(base[at_base:b0]), list(ours[at_ours:o0]), list(theirs[at_theirs:t0])
        if o == t or t == b:
            _add(chunks, o)
        elif o == b:
            _add(chunks, t)
        else:
            head = _common_prefix(o, t)
            tail = _common_prefix(o[head:][::-1], t[head:][::-1])
            _add(chunks, o[:head])
            chunks.append(LineConflict(o[head : len(o) - tail], t[head : len(t) - tail], b))
            _add(chunks, o[len(o) - tail :])
        _add(chunks, list(ours[o0:o1]))
        at_base, at_ours, at_theirs = b1, o1, t1
    return chunks


def _stable(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[tuple[int, ...]]:
    """The stretches (base, ours and theirs start and end) where all three hold the same lines, ending
    with the empty stretch at the three ends."""
    left = SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    right = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    found: list[tuple[int, ...]] = []
    i = j = 0
    while i < len(left) and j < len(right):
        a, b = left[i], right[j]
        low, high = max(a.a, b.a), min(a.a + a.size, b.a + b.size)
        if low < high:
            found.append((low, high, a.b + low - a.a, a.b + high - a.a, b.b + low - b.a, b.b + high - b.a))
        if a.a + a.size < b.a + b.size:
            i += 1
        else:
            j += 1
    found.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return found


def _common_prefix(one: Sequence[str], other: Sequence[str]) -> int:
    count = 0
    for left, right in zip(one, other, strict=False):
        if left != right:
            break
        count += 1
    return count


def _add(chunks: list[Clean | LineConflict], lines: list[str]) -> None:
    if not lines:
        return
    if chunks and isinstance(chunks[-1], Clean):
        chunks[-1].lines.extend(lines)
    else:
        chunks.append(Clean(list(lines)))


def markers(ours: Sequence[str], theirs: Sequence[str], ours_label: str, theirs_label: str) -> list[str]:
    """One conflict as git writes it (each side's lines end with a newline)."""
    return [
        f"<<<<<<< {ours_label}\n",
        *_ended(ours),
        "=======\n",
        *_ended(theirs),
        f">>>>>>> {theirs_label}\n",
    ]


def _ended(lines: Sequence[str]) -> list[str]:
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def render_lines(chunks: Sequence[Clean | LineConflict], ours_label: str, theirs_label: str) -> tuple[str, list[int]]:
    """The merged text with git-style markers, and the line (1-based) of each conflict's `<<<<<<<`."""
    out: list[str] = []
    opened: list[int] = []
    for chunk in chunks:
        if isinstance(chunk, Clean):
            out += chunk.lines
            continue
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        opened.append(len(out) + 1)
        out += markers(chunk.ours, chunk.theirs, ours_label, theirs_label)
    return "".join(out), opened


# --- data --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Id:
    """A path step into a list of items by the item's id."""

    value: str


Step = str | Id
Path = tuple[Step, ...]


@dataclass(frozen=True)
class Take:
    """The whole value of one side (MISSING there: the key or item goes)."""

    side: Side


@dataclass(frozen=True)
class Conflict:
    """Both sides changed the value differently; `kind`: changed on both, or deleted on one side."""

    kind: Literal["changed", "deleted-upstream", "deleted-by-unit"]


@dataclass(frozen=True)
class Merged:
    """A mapping merged key by key, or a list of items merged by id, in the merged order."""

    entries: list[tuple[Hashable, Decision]] = field(default_factory=list)
    by_id: bool = False


@dataclass(frozen=True)
class Value:
    """A list without ids that both sides changed in different items: merged item by item as diff3 merges
    lines (each item compared whole)."""

    value: list[object]


Decision = Take | Conflict | Merged | Value


def merge_tree(base: object, ours: object, theirs: object) -> Decision:
    """How each part of the merged value is made (MISSING for an absent version)."""
    if ours == theirs or theirs == base:
        return Take("ours")
    # Containers are merged part by part even when only upstream changed them, so that what stays is
    # the unit's own text (its comments and layout) and only what upstream changed is upstream's.
    if isinstance(ours, dict) and isinstance(theirs, dict) and isinstance(base, dict | _Missing):
        old = base if isinstance(base, dict) else {}
        return Merged([(key, merge_tree(old.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)))
                       for key in _order(list(ours), list(theirs))])  # fmt: skip
    ids = [_ids(value) for value in (base, ours, theirs)]
    if ids[1] is not None and ids[2] is not None and (ids[0] is not None or base is MISSING or base == []):
        old_items = ids[0] or {}
        return Merged(
            [
                (key, merge_tree(old_items.get(key, MISSING), ids[1].get(key, MISSING), ids[2].get(key, MISSING)))
                for key in _order(list(ids[1]), list(ids[2]))
            ],
            by_id=True,
        )
    if ours == base:
        return Take("theirs")
    if isinstance(ours, list) and isinstance(theirs, list) and isinstance(base, list):
        items = _merge_items(base, ours, theirs)
        if items is not None:
            return Value(items)
    if ours is MISSING:
        return Conflict("deleted-by-unit")
    return Conflict("deleted-upstream" if theirs is MISSING else "changed")


def _merge_items(base: list[object], ours: list[object], theirs: list[object]) -> list[object] | None:
    """diff3 over the items (compared by their repr); None at a conflict."""
    known = {repr(item): item for item in (*base, *ours, *theirs)}
    chunks = merge_lines([repr(item) for item in base], [repr(item) for item in ours], [repr(item) for item in theirs])
    if any(isinstance(chunk, LineConflict) for chunk in chunks):
        return None
    return [known[key] for chunk in chunks if isinstance(chunk, Clean) for key in chunk.lines]


def _order(ours: list[Hashable], theirs: list[Hashable]) -> list[Hashable]:
    """Our order, each key only upstream has put after the key upstream has before it."""
    order = list(ours)
    at = -1
    for key in theirs:
        if key in order:
            at = order.index(key)
        else:
            at += 1
            order.insert(at, key)
    return order


def _ids(value: object) -> dict[Hashable, object] | None:
    """A list whose items are all mappings with distinct ids, by id; else None."""
    if not isinstance(value, list) or not value:
        return None
    found: dict[Hashable, object] = {}
    for item in value:
        key = item.get("id") if isinstance(item, dict) else None
        if key is None or not isinstance(key, Hashable) or key in found:
            return None
        found[key] = item
    return found


def conflicts_in(decision: Decision, path: Path = ()) -> list[tuple[Path, Conflict]]:
    """Every conflict of a decision tree with its path, in merged order."""
    if isinstance(decision, Conflict):
        return [(path, decision)]
    if isinstance(decision, Take | Value):
        return []
    return [
        found
        for key, inner in decision.entries
        for found in conflicts_in(inner, (*path, Id(str(key)) if decision.by_id else str(key)))
    ]


def value_of(decision: Decision, ours: object, theirs: object) -> object:
    """The merged value (our side where there is a conflict); MISSING when it goes."""
    if isinstance(decision, Conflict):
        return ours
    if isinstance(decision, Take):
        return ours if decision.side == "ours" else theirs
    if isinstance(decision, Value):
        return decision.value
    if decision.by_id:
        mine, upstream = _ids(ours) or {}, _ids(theirs) or {}
        items = [value_of(inner, mine.get(key, MISSING), upstream.get(key, MISSING)) for key, inner in decision.entries]
        return [item for item in items if item is not MISSING]
    assert isinstance(ours, dict) and isinstance(theirs, dict)
    merged = {key: value_of(inner, ours.get(key, MISSING), theirs.get(key, MISSING)) for key, inner in decision.entries}
    return {key: value for key, value in merged.items() if value is not MISSING}


def shown_path(path: Path) -> str:
    """`roles[id=kalapas].notify.siaga`: a path as problems show it."""
    text = ""
    for step in path:
        text += f"[id={step.value}]" if isinstance(step, Id) else ("." if text else "") + step
    return text
