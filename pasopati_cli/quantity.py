"""Counts as a journalist reports them while they are still moving: exact, about, at least, or not known yet.

During the first hours of an escape, a riot or a fire the counts change: officials gave 49, 50, 51 and 52
escapees in one night. A statement must never print an estimate as an exact figure, and "not known yet"
must never become 0 (which would also drop a mass escape from Darurat to Siaga). A `Quantity` keeps the
kind of knowledge beside the number; triage asks it whether a threshold is certainly met (`at_least`),
and statements phrase it the way a reporter would ("sedikitnya 49 orang", "about 50 people").

Pure: no I/O, no dependency on the rest of the package but `problems.Lang`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pasopati_cli.problems import Lang

Kind = Literal["exact", "about", "at_least", "unknown"]

# Words that open an estimate or a lower bound, in either language (lower case, spaces folded).
_ABOUT = (
    "sekitar",
    "kurang lebih",
    "kira-kira",
    "kira kira",
    "lebih kurang",
    "diperkirakan",
    "perkiraan",
    "about",
    "around",
    "approximately",
    "approx.",
    "approx",
    "roughly",
    "some",
    "an estimated",
    "estimated",
)
_AT_LEAST = (
    "sedikitnya",
    "setidaknya",
    "sekurang-kurangnya",
    "sekurangnya",
    "paling sedikit",
    "minimal",
    "at least",
    "no fewer than",
    "a minimum of",
)
_MORE_THAN = ("lebih dari", "lebih daripada", "more than", "over")
_UNKNOWN = (
    "?",
    "belum diketahui",
    "tidak diketahui",
    "belum pasti",
    "masih dihitung",
    "masih dipastikan",
    "sedang dihitung",
    "belum jelas",
    "unknown",
    "not known",
    "not yet known",
    "being counted",
    "still being counted",
    "to be confirmed",
)
# Vague amounts: the lower bound they certainly mean, and the word kept for the statement.
_VAGUE = {
    "belasan": 11,
    "puluhan": 20,
    "ratusan": 200,
    "ribuan": 2000,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
}
_VAGUE_EN = {"belasan": "more than ten", "puluhan": "dozens", "ratusan": "hundreds", "ribuan": "thousands"}
_VAGUE_ID = {"dozens": "puluhan", "scores": "puluhan", "hundreds": "ratusan", "thousands": "ribuan"}

_NUMBER = re.compile(r"(\d{1,9}|\d{1,3}(?:[.,]\d{3}){1,2})\s*(?:orang|people|persons?|jiwa)?")
_SPACES = re.compile(r"\s+")

WORDS = {
    "id": ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"],
    "en": ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
}

FORMS = {
    "id": "49 (pasti), ~50 atau 'sekitar 50' (perkiraan), >=49 atau 'sedikitnya 49' (batas bawah), "
    "'puluhan', ? atau 'belum diketahui'",
    "en": "49 (exact), ~50 or 'about 50' (estimate), >=49 or 'at least 49' (lower bound), 'dozens', ? or 'unknown'",
}


class InvalidQuantity(ValueError):
    """The text is none of the accepted forms; `FORMS` says which are."""


class NegativeCount(ValueError):
    """A tally would go below zero (more recaptured than escaped): the facts contradict each other."""

    def __init__(self, total: int, taken: int) -> None:
        super().__init__(f"{total} - {taken} < 0")
        self.total, self.taken = total, taken


@dataclass(frozen=True)
class Quantity:
    """A count and how well it is known. `value` is None exactly when the count is unknown."""

    kind: Kind
    value: int | None = None
    word: str | None = None  # a vague amount as the officer said it ("puluhan"), kept for the statement

    def __post_init__(self) -> None:
        if (self.value is None) != (self.kind == "unknown"):
            raise ValueError("a quantity has a value exactly when it is known")
        if self.value is not None and self.value < 0:
            raise ValueError("a count is never negative")

    # --- what it is -----------------------------------------------------------------------------------------
    @property
    def known(self) -> bool:
        return self.kind != "unknown"

    @property
    def exact(self) -> bool:
        return self.kind == "exact"

    def notation(self) -> str:
        """The short written form that `parse` reads back: 49, ~50, >=49, ?, or the vague word."""
        if self.word is not None:
            return self.word
        if self.kind == "exact":
            return str(self.value)
        if self.kind == "about":
            return f"~{self.value}"
        if self.kind == "at_least":
            return f">={self.value}"
        return "?"

    def __str__(self) -> str:
        return self.notation()

    # --- what triage may conclude -------------------------------------------------------------------------
    def at_least(self, threshold: int) -> bool | None:
        """Is the count certainly >= threshold? None when it cannot be said yet.

        An estimate counts as its value (when unsure, the higher level); a lower bound answers yes when it
        reaches the threshold and "cannot say" below it; unknown never answers, so it never lowers a level."""
        if self.value is None:
            return None
        if self.kind == "at_least":
            return True if self.value >= threshold else None
        return self.value >= threshold

    def at_most(self, threshold: int) -> bool | None:
        """Is the count certainly <= threshold? None when it cannot be said yet."""
        if self.value is None:
            return None
        if self.kind == "at_least":
            return False if self.value > threshold else None
        return self.value <= threshold

    def equals(self, number: int) -> bool | None:
        if self.kind == "exact":
            return self.value == number
        if self.kind == "at_least" and self.value is not None and self.value > number:
            return False
        return None

    # --- arithmetic for tallies ---------------------------------------------------------------------------
    def plus(self, other: Quantity) -> Quantity:
        if self.value is None or other.value is None:
            return UNKNOWN
        return Quantity(_weaker(self.kind, other.kind), self.value + other.value)

    def minus(self, other: Quantity) -> Quantity:
        """What is left: an exact count of escapees less the recaptured is exact; a lower bound less an exact
        count is still a lower bound; anything less an uncertain count can only be estimated or not known."""
        if self.value is None or other.value is None:
            return UNKNOWN
        value = self.value - other.value
        if other.kind == "exact":
            kind: Kind = self.kind
        elif self.kind == "exact" and other.kind == "about":
            kind = "about"
        else:
            return UNKNOWN
        if value < 0:
            if kind == "exact":
                raise NegativeCount(self.value, other.value)
            return UNKNOWN  # an estimate below what is already counted says nothing
        return Quantity(kind, value)

    # --- how a statement says it --------------------------------------------------------------------------
    def phrase(self, lang: Lang = "id", noun: str | None = None, words_up_to: int = 10) -> str:
        """The count as a reporter writes it mid-sentence: "sedikitnya 49 orang", "about 50 people", "tiga
        orang". Unknown reads "jumlahnya masih dipastikan" / "the number is still being confirmed"."""
        if self.value is None:
            return "jumlahnya masih dipastikan" if lang == "id" else "the number is still being confirmed"
        if self.word is not None:
            word = self.word if lang == _word_lang(self.word) else _translate_word(self.word, lang)
            if not noun:
                return word
            noun = _plural(noun, self.value, lang)
            return f"{word} of {noun}" if lang == "en" and not word.startswith("more") else f"{word} {noun}"
        number = WORDS[lang][self.value] if 0 <= self.value <= words_up_to <= 10 else _grouped(self.value, lang)
        if self.kind == "exact":
            text = number
        elif self.kind == "about":
            text = f"sekitar {number}" if lang == "id" else f"about {number}"
        else:
            text = f"sedikitnya {number}" if lang == "id" else f"at least {number}"
        if noun:
            text = f"{text} {_plural(noun, self.value, lang)}"
        return text


UNKNOWN = Quantity("unknown")


def exact(value: int) -> Quantity:
    return Quantity("exact", value)


def parse(raw: object) -> Quantity:
    """A count from what an officer typed or a YAML value; InvalidQuantity names the accepted forms.

    49, "49 orang" -> exact; ~50, ±50, "sekitar 50", "about 50" -> about; >=49, ≥49, 49+, "sedikitnya 49",
    "at least 49" -> at least; "lebih dari 48" -> at least 49; "puluhan", "dozens" -> at least 20/24 with
    the word kept; ?, "belum diketahui", "unknown" -> unknown."""
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, bool):
        raise InvalidQuantity(str(raw))
    if isinstance(raw, int):
        if raw < 0:
            raise InvalidQuantity(str(raw))
        return Quantity("exact", raw)
    if raw is None:
        return UNKNOWN
    text = _SPACES.sub(" ", str(raw).strip().lower())
    if len(text) > 80 or not text:
        raise InvalidQuantity(str(raw)[:80])
    if text in _UNKNOWN:
        return UNKNOWN
    if text in _VAGUE:
        return Quantity("at_least", _VAGUE[text], word=text)
    symbols: tuple[tuple[str, Kind], ...] = (("~", "about"), ("±", "about"), (">=", "at_least"), ("≥", "at_least"))
    for symbol, kind in symbols:
        if text.startswith(symbol):
            return Quantity(kind, _number(text[len(symbol) :], raw))
    if text.endswith("+"):
        return Quantity("at_least", _number(text[:-1], raw))
    openers: tuple[tuple[tuple[str, ...], Kind], ...] = ((_ABOUT, "about"), (_AT_LEAST, "at_least"))
    for words, opened in openers:
        for word in words:
            if text.startswith(word + " "):
                return Quantity(opened, _number(text[len(word) + 1 :], raw))
    for word in _MORE_THAN:
        if text.startswith(word + " "):
            return Quantity("at_least", _number(text[len(word) + 1 :], raw) + 1)
    if text.startswith(">"):
        return Quantity("at_least", _number(text[1:], raw) + 1)
    return Quantity("exact", _number(text, raw))


_SPELLED = {word: index for lang in ("id", "en") for index, word in enumerate(WORDS[lang])} | {
    "zero": 0,
    "tidak ada": 0,
}


def _number(text: str, raw: object) -> int:
    text = text.strip()
    spelled = re.sub(r"\s+(?:orang|people|persons?|jiwa)$", "", text)
    if spelled in _SPELLED:
        return _SPELLED[spelled]
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise InvalidQuantity(str(raw)[:80])
    return int(re.sub(r"[.,]", "", match.group(1)))


_STRENGTH: dict[Kind, int] = {"exact": 0, "about": 1, "at_least": 2, "unknown": 3}


def _weaker(a: Kind, b: Kind) -> Kind:
    if {a, b} == {"about", "at_least"}:
        return "about"  # an estimate plus a lower bound is no longer a bound, only an estimate
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def _grouped(value: int, lang: Lang) -> str:
    """Thousands grouped as each language writes them: 2.800 in Indonesian, 2,800 in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def _plural(noun: str, value: int, lang: Lang) -> str:
    if lang == "en" and value != 1 and noun == "person":
        return "people"
    if lang == "en" and value != 1 and noun in ("inmate", "officer", "detainee", "escapee", "hostage", "visitor"):
        return noun + "s"
    return noun


def _word_lang(word: str) -> Lang:
    return "en" if word in _VAGUE_ID else "id"


def _translate_word(word: str, lang: Lang) -> str:
    return _VAGUE_EN.get(word, word) if lang == "en" else _VAGUE_ID.get(word, word)
