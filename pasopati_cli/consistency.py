"""Does a statement still agree with the incident's fact sheet? Counts and state phrases that contradict it.

A statement drafted at 20.00 says "50 warga binaan"; at 22.30 the sheet says 52. Before it is approved or
released (and with `pasopati check --incident`), every count in its text that matches a value the sheet
has since replaced, with the current value nowhere in it, is an error located at line and column; so is a
phrase that describes a state the sheet no longer holds ("masih berupaya mengendalikan" when the situation
is under control). Pure; linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pasopati_cli.factsheet import FactSheet
from pasopati_cli.model import CrisisType
from pasopati_cli.problems import Problem, problem
from pasopati_cli.quantity import WORDS, InvalidQuantity, Quantity, parse


@dataclass(frozen=True)
class Contradiction:
    """`found` at `offset` in the text contradicts fact `fact`, whose current value is `current`."""

    fact: str
    found: str
    offset: int
    current: str

    def words(self) -> tuple[str, str]:
        return (
            f"'{self.found}' tidak sesuai dengan lembar fakta: {self.fact} kini {self.current}",
            f"'{self.found}' contradicts the fact sheet: {self.fact} is now {self.current}",
        )


@dataclass(frozen=True)
class StatePhrases:
    """Phrases that contradict fact `fact` when its current value is `value` (e.g. situation under control)."""

    fact: str
    value: object
    phrases: tuple[str, ...]
    lang: str | None = None  # the language of the phrases; None for any


# A count is a number that people are counted with: "52 orang", "sebanyak 52", "52 warga binaan", "52 inmates".
_COUNT_CONTEXT_AFTER = (
    r"(?:orang|warga\s+binaan|narapidana|napi|tahanan|petugas|korban|sandera|people|persons?|inmates?|"
    r"prisoners?|detainees?|officers?|escapees?|hostages?|victims?)"
)
_COUNT_CONTEXT_BEFORE = r"(?:sebanyak|sejumlah|sedikitnya|setidaknya|sekitar|total|jumlah(?:nya)?|at\s+least|about)"


def contradictions(
    text: str,
    sheet: FactSheet,
    facts: Sequence[str],
    states: Sequence[StatePhrases] = (),
    derived: Sequence[int] = (),
) -> list[Contradiction]:
    """Every count in `text` that the sheet has replaced for one of `facts`, and every contradicting phrase.
    `derived`: the current values of the counts computed from the sheet (still sought), which stand too."""
    found: list[Contradiction] = []
    current = sheet.current()
    # A figure that is some count's current value ("dua orang terluka") is not taken for another's old one.
    standing = set(derived) | {
        quantity.value
        for fact in facts
        if fact in current and (quantity := _quantity(current[fact])) is not None and quantity.value is not None
    }
    counts = _counts(text)
    for fact in facts:
        if fact not in current:
            continue
        now = _quantity(current[fact])
        if now is None or now.value is None:
            continue
        old_values = {
            quantity.value
            for version in sheet.history.get(fact, ())
            if (quantity := _quantity(version.value)) is not None and quantity.value is not None
        }
        old_values.discard(now.value)
        if not old_values:
            continue
        if any(value == now.value for value, _, _ in counts):
            continue  # the current value is there: an old figure beside it is history ("dari 50 menjadi 52")
        for value, offset, written in counts:
            if value in old_values and value not in standing:
                found.append(Contradiction(fact, written, offset, now.notation()))
    lowered = text.lower()
    for state in states:
        if current.get(state.fact) != state.value:
            continue
        for phrase in state.phrases:
            start = lowered.find(phrase.lower())
            while start >= 0:
                found.append(Contradiction(state.fact, text[start : start + len(phrase)], start, str(state.value)))
                start = lowered.find(phrase.lower(), start + len(phrase))
    return sorted(found, key=lambda item: item.offset)


def _quantity(value: object) -> Quantity | None:
    try:
        return parse(value)
    except InvalidQuantity:
        return None


_NUMBER_WORDS = {word: index for lang in ("id", "en") for index, word in enumerate(WORDS[lang]) if index > 0}
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_COUNT = re.compile(
    rf"(?i)(?<![\w.,]){_NUMBER}(?=\s+(?:\(\w+\)\s+)?{_COUNT_CONTEXT_AFTER}\b)"
    rf"|\b{_COUNT_CONTEXT_BEFORE}\s+{_NUMBER}(?![\w.,]\d)"
)


# "Tiga orang lagi diamankan", "two more people": a count of what happened since, not a total.
_INCREMENT = re.compile(
    r"\s+(?:\(\w+\)\s+)?(?:orang\s+|warga\s+binaan\s+|people\s+|inmates?\s+)?(?:lagi|more|other|another)\b",
    re.IGNORECASE,
)


def _counts(text: str) -> list[tuple[int, int, str]]:
    """(value, offset, as written) of every count of people in the text that stands for a total."""
    results: list[tuple[int, int, str]] = []
    for match in _COUNT.finditer(text):
        group = 1 if match.group(1) is not None else 2
        if _INCREMENT.match(text, match.end(group)):
            continue
        written = match.group(group)
        lowered = written.lower()
        value = _NUMBER_WORDS[lowered] if lowered in _NUMBER_WORDS else int(written.replace(".", ""))
        results.append((value, match.start(group), written))
    return results


def states_from(declared: Mapping[str, Mapping[str, Sequence[str]]]) -> list[StatePhrases]:
    """Declarations `{fact: {value: [phrase, ...]}}` (as a playbook writes them) as StatePhrases."""
    return [
        StatePhrases(fact, _typed(value), tuple(phrases))
        for fact, by_value in declared.items()
        for value, phrases in by_value.items()
    ]


def _typed(value: str) -> object:
    lowered = value.strip().lower()
    if lowered in ("ya", "yes", "true"):
        return True
    if lowered in ("tidak", "no", "false"):
        return False
    return value


def sheet_problems(text: str, sheet: FactSheet, crisis: CrisisType, file: str | None, lang: str) -> list[Problem]:
    """The contradictions between a statement and its incident's sheet as located problems (P436), the
    crisis type's tallies and state phrases (in the statement's language) checked."""
    from pasopati_cli.factrules import current_tallies

    computed = current_tallies(sheet.current(), crisis)
    derived = [quantity.value for quantity in computed.values() if quantity.value is not None]
    tallies = [item.id for item in crisis.tallies]
    states = [state for state in declared_states(crisis) if state.lang in (lang, None)]
    problems = []
    for item in contradictions(text, sheet, tallies, states, derived):
        line = text.count("\n", 0, item.offset) + 1
        column = item.offset - (text.rfind("\n", 0, item.offset) + 1) + 1
        found_text, fact, current = f"'{item.found}'", item.fact, item.current
        problems.append(
            problem("P436", file=file, line=line, column=column, found=found_text, fact=fact, current=current)
        )
    return problems


def declared_states(crisis: CrisisType) -> list[StatePhrases]:
    """The crisis type's state phrases, one entry per language."""
    return [
        StatePhrases(state.fact, state.value, tuple(phrases), lang)
        for state in crisis.states
        for lang, phrases in state.contradicts.items()
    ]
