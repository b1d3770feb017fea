"""The disclosure guard: what a statement must not say, found with its line and column.

Pure functions over text. The rules come from the guideline's `disclosure.rules`, so a unit can tune
them; every finding is an ordinary `Problem` (codes P601-P608) that names the rule, quotes what was
found, says why and cites the law.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pasopati_cli.model import Disclosure, DisclosureRule
from pasopati_cli.problems import Problem, Severity, problem

# The problem code of each rule category; the category defaults from the kind of check.
CATEGORY_CODES = {
    "identity_number": "P601",
    "personal_name": "P602",
    "child_identity": "P603",
    "medical": "P604",
    "security": "P605",
    "forbidden_phrase": "P606",
    "placeholder": "P607",
    "other": "P608",
}
CHECK_CATEGORIES = {
    "regex": "other",
    "phrase": "other",
    "person_name": "personal_name",
    "child_name": "child_identity",
    "placeholder": "placeholder",
}
# How far (in characters, within one sentence) a child word and a name may be apart to count as together.
CHILD_WINDOW = 80
# Words that introduce a name or initials ("a boy named ...", "berinisial ..."), in any case; the name
# after them starts with a capital, so "inisial yang mudah dikenali" or "called the police" is no name.
NAME_MARKERS = (
    r"(?:bernama|berinisial|inisial|atas\s+nama|dengan\s+nama|named|called|initials?|identified\s+as"
    r"|whose\s+name\s+is)"
)
MARKED_NAME = rf"(?i:{NAME_MARKERS})\s*:?\s+[\"'“‘(]?[A-Z]\S*"
# Initials with an age, as news reports write them: "RA (15)", "RA (15 tahun)". Dotted initials are not
# matched on their own: academic degrees ("S.H.", "M.Si.") and "H." (haji) look the same.
INITIALS = r"\b[A-Z]{1,3}\s*\(\s*\d{1,2}(?:\s*(?:tahun|thn|th|years?|yo))?\s*\)"


# Placeholder openers and closers that enclose one unfilled part.
PAIRS = (("{{", "}}"), ("{%", "%}"), ("[[", "]]"))


@dataclass(frozen=True)
class Finding:
    """One match of one rule: where it starts (0-based offset) and what it matched."""

    rule: DisclosureRule
    start: int
    end: int
    found: str


def code_of(rule: DisclosureRule) -> str:
    return CATEGORY_CODES[rule.category or CHECK_CATEGORIES[rule.check]]


def _phrase_regex(phrase: str) -> str:
    """A phrase matched as whole words, any case, any run of spaces or a line break between words."""
    words = [re.escape(word) for word in phrase.split()]
    body = r"\s+".join(words)
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return f"{left}{body}{right}"


class Folded:
    """A text lower-cased with every run of whitespace as one space, mapped back to the original offsets.

    Phrase rules are plain substring searches in it: no regular expression to compile on every start-up.
    """

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        offsets: list[int] = []
        space = False
        for index, char in enumerate(text):
            if char.isspace():
                if space:
                    continue
                chars.append(" ")
                space = True
            else:
                lower = char.lower()
                chars.append(lower if len(lower) == 1 else char)
                space = False
            offsets.append(index)
        offsets.append(len(text))
        self.text = text
        self.folded = "".join(chars)
        self.offsets = offsets

    def spans(self, phrase: str) -> Iterator[tuple[int, int]]:
        """(start, end) in the original text of every whole-word occurrence of `phrase`, any case."""
        needle = " ".join(phrase.lower().split())
        if not needle:
            return
        folded, size = self.folded, len(needle)
        check_left, check_right = _wordish(needle[0]), _wordish(needle[-1])
        at = folded.find(needle)
        while at != -1:
            end = at + size
            if not (check_left and at > 0 and _wordish(folded[at - 1])) and not (
                check_right and end < len(folded) and _wordish(folded[end])
            ):
                yield self.offsets[at], self.offsets[end - 1] + 1
            at = folded.find(needle, at + 1)


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


def _phrase_findings(rule: DisclosureRule, folded: Folded) -> list[Finding]:
    """Every phrase of a rule, leftmost first; a match inside an earlier one of the same rule is dropped."""
    spans = sorted(
        (span for phrase in rule.patterns for span in folded.spans(phrase)), key=lambda span: (span[0], -span[1])
    )
    found: list[Finding] = []
    for start, end in spans:
        if found and start < found[-1].end:
            continue
        found.append(Finding(rule, start, end, folded.text[start:end]))
    return found


@lru_cache(maxsize=256)
def _compiled(check: str, patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation per rule; None when the rule has no pattern."""
    expression = _expression(check, patterns)
    return None if expression is None else re.compile(expression)


def _expression(check: str, patterns: tuple[str, ...]) -> str | None:
    if not patterns:
        return None
    if check == "regex":
        # Inline flags such as (?i) are only valid at the start of a whole expression: wrap each.
        return "|".join(f"(?:{scoped(pattern)})" for pattern in patterns)
    if check == "placeholder":
        # A whole "{{ name }}" is one finding, not two: pairs of openers and closers match as a span first.
        spans = [
            f"{re.escape(opener)}[^\n]{{0,80}}?{re.escape(closer)}"
            for opener, closer in PAIRS
            if opener in patterns and closer in patterns
        ]
        return "|".join(spans + [_placeholder_regex(pattern) for pattern in patterns])
    raise ValueError(f"no regular expression for a {check!r} rule")


def _placeholder_regex(pattern: str) -> str:
    """Marker characters and capitalised markers (such as "TBD") literally; lower-case words as phrases, any
    case."""
    if pattern == pattern.lower() and any(char.isalpha() for char in pattern) and pattern[:1].isalpha():
        return f"(?i:{_phrase_regex(pattern)})"
    return re.escape(pattern)


def scoped(pattern: str) -> str:
    """Turn a leading global flag group `(?i)` into a scoped one `(?i:...)` so patterns can be combined."""
    match = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    if match is None:
        return pattern
    return f"(?{match.group(1)}:{pattern[match.end() :]})"


def _names_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """Marked names: the full name, and each part of it of three letters or more, as whole words.

    "Budi Santoso" finds "Budi Santoso", "BUDI SANTOSO", "Santoso"; initials ("BS") pass, which is the point.
    """
    variants: set[str] = set()
    for name in names:
        words = [word.strip(".,") for word in name.split()]
        words = [word for word in words if word]
        if not words:
            continue
        variants.add(r"\s+".join(re.escape(word) for word in words))
        variants.update(re.escape(word) for word in words if len(word) >= 3 and word[0].isalpha())
    if not variants:
        return None
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences and paragraphs of a text."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _child_findings(rule: DisclosureRule, folded: Folded, names: re.Pattern[str] | None) -> Iterator[Finding]:
    """A child word and a name (marked name, "bernama X", initials with an age) in one sentence, close together."""
    words = _phrase_findings(rule, folded)
    if not words:
        return
    text = folded.text
    identity = [re.compile(MARKED_NAME), re.compile(INITIALS)]
    if names is not None:
        identity.append(names)
    for start, end in _sentences(text):
        inside = [word for word in words if start <= word.start < end]
        if not inside:
            continue
        marks = [(m.start() + start, m.end() + start) for p in identity for m in p.finditer(text[start:end])]
        for word in inside:
            near = [mark for mark in marks if abs(mark[0] - word.start) <= CHILD_WINDOW]
            if near:
                first = min([*(m[0] for m in near), word.start])
                last = max([*(m[1] for m in near), word.end])
                yield Finding(rule, first, last, text[first:last])
                break


def find(text: str, disclosure: Disclosure, names: Sequence[str] = ()) -> list[Finding]:
    """Every match of every rule in `text`, in reading order; one finding per rule and position."""
    marked = _names_regex(names)
    folded = Folded(text)
    findings: list[Finding] = []
    for rule in disclosure.rules:
        if rule.check == "person_name":
            if marked is not None:
                findings += [Finding(rule, m.start(), m.end(), m.group()) for m in marked.finditer(text)]
        elif rule.check == "child_name":
            findings += _child_findings(rule, folded, marked)
        elif rule.check == "phrase":
            findings += _phrase_findings(rule, folded)
        else:
            compiled = _compiled(rule.check, tuple(rule.patterns))
            if compiled is not None:
                findings += [Finding(rule, m.start(), m.end(), m.group()) for m in compiled.finditer(text)]
    findings.sort(key=lambda f: (f.start, code_of(f.rule), f.rule.id))
    return findings


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _quote(found: str) -> str:
    flat = " ".join(found.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def to_problem(finding: Finding, text: str, file: str | None) -> Problem:
    rule = finding.rule
    line, column = _position(text, finding.start)
    quoted = _quote(finding.found)
    return problem(
        code_of(rule),
        file=file,
        line=line,
        column=column,
        path=f"disclosure.{rule.id}",
        severity=Severity(rule.severity),
        detail=f"«{quoted}»: {rule.message.id} Dasar: {rule.law.id}.",
        detail_en=f"«{quoted}»: {rule.message.en} Grounds: {rule.law.en}.",
    )


def guard_statement(
    text: str, disclosure: Disclosure, *, names: Sequence[str] = (), file: str | None = None
) -> list[Problem]:
    """The guard over one statement: every disclosure problem, located at line and column."""
    return [to_problem(finding, text, file) for finding in find(text, disclosure, names)]


def check_texts(texts: Sequence[tuple[str, str]], disclosure: Disclosure, names: Sequence[str] = ()) -> list[Problem]:
    """The guard over several named texts (file name, text), problems in file order."""
    return [p for file, text in texts for p in guard_statement(text, disclosure, names=names, file=file)]
