"""The disclosure guard: what a statement must not say, found with its line and column.

Pure functions over text. The rules come from the guideline's `disclosure.rules`, so a unit can tune
them; every finding is an ordinary `Problem` (codes P601-P610) that names the rule, quotes what was
found, says why and cites the law.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pasopati_cli import naming
from pasopati_cli.model import Disclosure, DisclosureRule, Text
from pasopati_cli.problems import Problem, Severity, problem
from pasopati_cli.reading import Lines, Reading, hidden, only_spacing, read

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
    "allegation": "P609",
    "initials": "P610",
}
CHECK_CATEGORIES = {
    "regex": "other",
    "phrase": "other",
    "person_name": "personal_name",
    "child_name": "child_identity",
    "placeholder": "placeholder",
    "headline": "allegation",
}
# How far (in characters, within one sentence) a child word and a name may be apart to count as together.
CHILD_WINDOW = 80
# Words that introduce a name or initials ("a boy named ...", "berinisial ..."), in any case; the name
# after them starts with a capital, so "inisial yang mudah dikenali" or "called the police" is no name.
NAME_MARKERS = (
    r"(?:bernama|berinisial|inisial|atas\s+nama|dengan\s+nama|named|called|initials?|identified\s+as"
    r"|whose\s+name\s+is)"
)
MARKED_NAME = rf"(?i:{NAME_MARKERS})(?:\s*+:)?\s++[\"'“‘(]?[A-Z]\S*+"
# Initials with an age, as news reports write them: "RA (15)", "RA (15 tahun)". Dotted initials are not
# matched on their own: academic degrees ("S.H.", "M.Si.") and "H." (haji) look the same.
INITIALS = r"\b[A-Z]{1,3}\s*+\(\s*+\d{1,2}(?:\s*+(?:tahun|thn|th|years?|yo))?\s*+\)"


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


@lru_cache(maxsize=4096)
def _needle(phrase: str) -> str:
    """A phrase as the folded reading spells it: read like a statement, lower case, one space between words."""
    return " ".join((phrase if only_spacing(phrase) else read(phrase)).lower().split())


def _phrase_spans(phrase: str, reading: Reading) -> Iterator[tuple[int, int]]:
    """(start, end) in the reading of every whole-word occurrence of `phrase`, any case, any spacing."""
    needle = _needle(phrase)
    folded = reading.folded
    at = folded.find(needle) if needle else -1
    if at == -1:
        return
    size = len(needle)
    check_left, check_right = _wordish(needle[0]), _wordish(needle[-1])
    while at != -1:
        end = at + size
        if not (check_left and at > 0 and _wordish(folded[at - 1])) and not (
            check_right and end < len(folded) and _wordish(folded[end])
        ):
            yield at, end
        at = folded.find(needle, at + 1)


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


def _phrase_findings(rule: DisclosureRule, reading: Reading) -> list[Finding]:
    """Every phrase of a rule, leftmost first; a match inside an earlier one of the same rule is dropped.

    Offsets are the reading's; `find` maps them back to the original text."""
    spans = sorted(
        (span for phrase in rule.patterns for span in _phrase_spans(phrase, reading)),
        key=lambda span: (span[0], -span[1]),
    )
    found: list[Finding] = []
    for start, end in spans:
        if found and start < found[-1].end:
            continue
        found.append(Finding(rule, start, end, reading.text[start:end]))
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

    "Budi Santoso" finds "Budi Santoso", "BUDI SANTOSO", "Santoso"; its initials are `_initials_regex`'s.
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


def _initials_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """The initials of marked names of two words or more, in capitals, plain or dotted: "DS", "D.S.", "D. S.".

    A marked person is protected in initials too: the initials of someone not charged ("seorang pengunjung
    berinisial DS") identify them to everyone who knows them. Used when the guideline has no
    `disclosure.naming`; with one, `naming` judges each marked person's initials by their role."""
    letters = [naming.initials_of(name) for name in names]
    return naming.marked_initials_regex(word for word in letters if len(word) >= 2)


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*+\n")
_MARKED_NAME = re.compile(MARKED_NAME)
_INITIALS = re.compile(INITIALS)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences and paragraphs of a text."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _child_findings(rule: DisclosureRule, reading: Reading, names: re.Pattern[str] | None) -> Iterator[Finding]:
    """A child word and a name (marked name, "bernama X", initials with an age) in one sentence, close together.

    One sweep over the sentences and the child words; the marks near a word are found by binary search."""
    words = _phrase_findings(rule, reading)
    if not words:
        return
    text = reading.text
    identity = [_MARKED_NAME, _INITIALS] if names is None else [_MARKED_NAME, _INITIALS, names]
    next_word = 0
    for start, end in _sentences(text):
        while next_word < len(words) and words[next_word].start < start:
            next_word += 1
        first_word = next_word
        while next_word < len(words) and words[next_word].start < end:
            next_word += 1
        if first_word == next_word:
            continue
        sentence = text[start:end]
        marks = sorted((m.start() + start, m.end() + start) for p in identity for m in p.finditer(sentence))
        mark_starts = [mark[0] for mark in marks]
        for word in words[first_word:next_word]:
            near = marks[
                bisect_left(mark_starts, word.start - CHILD_WINDOW) : bisect_right(
                    mark_starts, word.start + CHILD_WINDOW
                )
            ]
            if near:
                first = min([*(m[0] for m in near), word.start])
                last = max([*(m[1] for m in near), word.end])
                yield Finding(rule, first, last, text[first:last])
                break


def find(
    text: str, disclosure: Disclosure, names: Sequence[str] = (), context: naming.Context | None = None
) -> list[Finding]:
    """Every match of every rule in `text`, in reading order; one finding per rule and position.

    The rules run over what a reader sees (`reading.Reading`: invisible characters dropped, look-alike
    letters folded, Markdown flattened, spaced letters joined); each finding is mapped back to the span
    of `text` it came from. With the guideline's `disclosure.naming`, initials are judged by the role of
    the person and the stage of the incident (`context`: the marked names' roles, the stages reached)."""
    reading = Reading(text)
    marked = _names_regex(read(name) for name in names)
    rule_of_naming = disclosure.naming
    initials = _initials_regex(read(name) for name in names) if rule_of_naming is None else None
    sentences = _Sentences(reading.text)
    found: list[Finding] = []
    for rule in disclosure.rules:
        hits: list[Finding] = []
        if rule.check == "person_name":
            for pattern in (marked, initials):
                if pattern is not None:
                    hits += [Finding(rule, m.start(), m.end(), m.group()) for m in pattern.finditer(reading.text)]
            hits.sort(key=lambda hit: hit.start)
        elif rule.check == "child_name":
            hits = list(_child_findings(rule, reading, marked))
        elif rule.check == "phrase":
            hits = _phrase_findings(rule, reading)
        elif rule.check == "headline":
            hits = _headline_findings(rule, reading)
        else:
            compiled = _compiled(rule.check, tuple(rule.patterns))
            if compiled is not None:
                hits = [Finding(rule, m.start(), m.end(), m.group()) for m in compiled.finditer(reading.text)]
        if rule.unless and rule.check != "headline":
            hits = _not_excused(hits, rule, reading, sentences)
        found += hits
    if rule_of_naming is not None:
        # a child's initials are the child rule's (P603): said once, with the law that protects children
        children = [(f.start, f.end) for f in found if code_of(f.rule) == "P603"]
        for start, end, said_id, said_en in naming.refused(reading.text, rule_of_naming, names, context):
            if not any(low <= start < high for low, high in children):
                said = Text(id=said_id, en=said_en)
                judged = DisclosureRule(id="naming", check="person_name", category="initials", message=said,
                                        law=rule_of_naming.law)  # fmt: skip
                found.append(Finding(judged, start, end, reading.text[start:end]))
    findings = []
    for finding in found:
        start, end = reading.original_span(finding.start, finding.end)
        findings.append(Finding(finding.rule, start, end, text[start:end]))
    findings.sort(key=lambda f: (f.start, code_of(f.rule), f.rule.severity != "error", f.rule.id))
    return _one_per_place(findings)


def _one_per_place(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that starts inside an earlier one of the same code ("<isi nama>" is one unfilled part,
    whether one rule or two see it); the earlier, or at one place the error, is kept."""
    kept: list[Finding] = []
    ends: dict[str, int] = {}
    for finding in findings:
        code = code_of(finding.rule)
        if finding.start < ends.get(code, -1):
            continue
        kept.append(finding)
        ends[code] = finding.end
    return kept


class _Sentences:
    """The sentence spans of a text, found on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] = []
        self._ends: list[int] = []

    def around(self, offset: int) -> tuple[int, int]:
        if not self._starts and self._text:
            for start, end in _sentences(self._text):
                self._starts.append(start)
                self._ends.append(end)
        index = bisect_right(self._starts, offset) - 1
        return (self._starts[index], self._ends[index]) if index >= 0 else (0, len(self._text))


def _starts_of(phrases: Sequence[str], reading: Reading) -> list[int]:
    return sorted(start for phrase in phrases for start, _ in _phrase_spans(phrase, reading))


def _any_in(starts: list[int], low: int, high: int) -> bool:
    """Whether a sorted list of offsets holds one in [low, high)."""
    index = bisect_left(starts, low)
    return index < len(starts) and starts[index] < high


def _not_excused(hits: list[Finding], rule: DisclosureRule, reading: Reading, sentences: _Sentences) -> list[Finding]:
    """The findings whose sentence holds none of the rule's `unless` phrases ("penyebabnya masih diselidiki")."""
    if not hits:
        return hits
    excuses = _starts_of(rule.unless, reading)
    return [hit for hit in hits if not _any_in(excuses, *sentences.around(hit.start))]


_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]++[^\n]++")


def _headline_findings(rule: DisclosureRule, reading: Reading) -> list[Finding]:
    """A headline (a Markdown heading line) that states what a rule's phrases name (an allegation) with none
    of its `unless` phrases (a hedge such as "diduga"): one finding per headline, at the first phrase."""
    claims = [hit.start for hit in _phrase_findings(rule, reading)]
    if not claims:
        return []
    hedges = _starts_of(rule.unless, reading)
    found: list[Finding] = []
    for heading in _HEADING.finditer(reading.text):
        start, end = heading.span()
        index = bisect_left(claims, start)
        if index < len(claims) and claims[index] < end and not _any_in(hedges, start, end):
            found.append(Finding(rule, claims[index], end, reading.text[claims[index] : end]))
    return found


def quote(found: str) -> str:
    """What was found, on one line, with each hidden character shown by its code point (a zero-width space
    as <U+200B>): the officer sees where it hides, and a bidi control cannot reorder the message."""
    flat = " ".join(found.split())
    flat = flat if len(flat) <= 60 else flat[:57] + "..."
    return "".join(f"<U+{ord(char):04X}>" if hidden(char) else char for char in flat)


def to_problem(finding: Finding, lines: Lines, file: str | None) -> Problem:
    rule = finding.rule
    line, column = lines.position(finding.start)
    quoted = quote(finding.found)
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
    text: str,
    disclosure: Disclosure,
    *,
    names: Sequence[str] = (),
    file: str | None = None,
    context: naming.Context | None = None,
) -> list[Problem]:
    """The guard over one statement: every disclosure problem, located at line and column."""
    findings = find(text, disclosure, names, context)
    if not findings:
        return []
    lines = Lines(text)  # one scan for the line breaks, however many findings
    return [to_problem(finding, lines, file) for finding in findings]


def check_texts(
    texts: Sequence[tuple[str, str]],
    disclosure: Disclosure,
    names: Sequence[str] = (),
    context: naming.Context | None = None,
) -> list[Problem]:
    """The guard over several named texts (file name, text), problems in file order."""
    return [
        p for file, text in texts for p in guard_statement(text, disclosure, names=names, file=file, context=context)
    ]
