"""Regular expressions that can take exponential time: a quantified group whose body repeats too.

`(a+)+b`, `(\\w+\\s?)*` or `(?:x*)+` on a long run that does not end in a match try every way of splitting the
run between the two quantifiers; one such rule in a guideline stalls `pasopati check` on a hostile statement.
A repetition that cannot give back what it took (a possessive quantifier `++`, `*+`, `{n,}+`, or an atomic
group `(?>...)`) has one way only, and so does a repetition bounded by a small count. This is the star-height
test that regex linters use, on the pattern's text: it needs no regex engine internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A counted repetition with an upper bound past this is treated as unbounded ("{1,1000}").
LARGE_COUNT = 20
_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")


@dataclass
class _Group:
    start: int
    contained: bool  # atomic group or lookaround: what repeats inside does not reach the enclosing group
    repeats: bool = False  # its body holds a repetition that can backtrack


def nested_quantifier(pattern: str) -> int | None:
    """The offset of the first group that repeats a body that itself repeats (backtracking both), or None."""
    stack = [_Group(0, contained=False)]
    index, size = 0, len(pattern)
    last: _Group | None = None  # the atom just read, when it was a group (None: a character, class or escape)
    while index < size:
        char = pattern[index]
        if char == "\\":
            index, last = index + 2, None
            continue
        if char == "[":
            index, last = _class_end(pattern, index), None
            continue
        if char == "(":
            if pattern.startswith("(?#", index):
                index = pattern.find(")", index) + 1 or size
                continue
            flags = re.match(r"\(\?[aiLmsux-]+\)", pattern[index:])
            if flags:
                index, last = index + flags.end(), None
                continue
            contained = pattern.startswith(("(?>", "(?=", "(?!", "(?<=", "(?<!"), index)
            stack.append(_Group(index, contained=contained))
            index += 1
            continue
        if char == ")" and len(stack) > 1:
            last = stack.pop()
            index += 1
            if not _quantifier_at(pattern, index) and last.repeats and not last.contained:
                stack[-1].repeats = True  # an unquantified group passes its repetition on
            continue
        quantifier = _quantifier_at(pattern, index)
        if quantifier is not None:
            end, unbounded = quantifier
            possessive = end < size and pattern[end] == "+"
            lazy = end < size and pattern[end] == "?"
            group = last
            index = end + (1 if possessive or lazy else 0)
            last = None
            if possessive:
                continue
            if group is not None and not group.contained and group.repeats and unbounded:
                return group.start
            if unbounded or (group is not None and group.repeats and not group.contained):
                stack[-1].repeats = True
            continue
        index, last = index + 1, None
    return None


def _quantifier_at(pattern: str, index: int) -> tuple[int, bool] | None:
    """(end, unbounded) of a quantifier starting at `index`, or None."""
    if index >= len(pattern):
        return None
    char = pattern[index]
    if char in "*+":
        return index + 1, True
    if char == "?":
        return index + 1, False
    if char == "{":
        count = _COUNT.match(pattern, index)
        if count is None or not (count.group(1) or count.group(3)):
            return None  # a literal brace
        _, comma, high = count.groups()
        unbounded = bool(comma) and (not high or int(high) > LARGE_COUNT)
        return count.end(), unbounded
    return None


def _class_end(pattern: str, index: int) -> int:
    """The offset after the character class opening at `index`."""
    at = index + 1
    if at < len(pattern) and pattern[at] == "^":
        at += 1
    if at < len(pattern) and pattern[at] == "]":
        at += 1
    while at < len(pattern):
        if pattern[at] == "\\":
            at += 2
            continue
        if pattern[at] == "]":
            return at + 1
        at += 1
    return len(pattern)
