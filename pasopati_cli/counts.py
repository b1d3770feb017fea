"""Counts inside templates: an estimate or a lower bound that a template can compare and print safely.

An exact count reaches a template as a plain int, as it always has. A count that is not exact reaches it
as a `Count`: comparisons and arithmetic work on its value (so "1 orang" / "2 orang" grammar still works),
it prints as a reporter writes it ("sekitar 50", "sedikitnya 49") through the `jumlah` filter and the
environment's finalize hook, and a count that is not known at all refuses to be compared, added or printed:
the template must ask `is known` first. A statement can then never turn "not known yet" into 0 or into
"no one was hurt". Pure.
"""

from __future__ import annotations

from typing import Any

from pasopati_cli.problems import Lang
from pasopati_cli.quantity import WORDS, Quantity, exact, parse


class UnknownCount(ValueError):
    """A template used a count that is not known yet without checking `.known`."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the count {name!r} is not known yet; the template must check '{name} is known' before using it"
        )
        self.name = name


class Count:
    """A count that is not exact (about, at least, or unknown), as templates see it."""

    __slots__ = ("name", "quantity")

    def __init__(self, quantity: Quantity, name: str = "") -> None:
        self.quantity = quantity
        self.name = name

    # --- what a template may ask -------------------------------------------------------------------------
    @property
    def known(self) -> bool:
        return self.quantity.known

    @property
    def exact(self) -> bool:
        return self.quantity.exact

    @property
    def estimated(self) -> bool:
        return self.quantity.kind == "about"

    @property
    def lower_bound(self) -> bool:
        return self.quantity.kind == "at_least"

    @property
    def value(self) -> int:
        return self._value()

    def _value(self) -> int:
        if self.quantity.value is None:
            raise UnknownCount(self.name)
        return self.quantity.value

    # --- comparisons and arithmetic on the value -----------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Count):
            return self.quantity == other.quantity
        if isinstance(other, int) and not isinstance(other, bool):
            return self._value() == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.quantity)

    def __lt__(self, other: object) -> bool:
        return self._value() < _number(other)

    def __le__(self, other: object) -> bool:
        return self._value() <= _number(other)

    def __gt__(self, other: object) -> bool:
        return self._value() > _number(other)

    def __ge__(self, other: object) -> bool:
        return self._value() >= _number(other)

    def __bool__(self) -> bool:
        return self._value() != 0

    def __add__(self, other: object) -> Count | int:
        return wrap(self.quantity.plus(_quantity(other)), self.name)

    __radd__ = __add__

    # A sum or difference with a count not known yet is itself not known (like `set dicari = jumlah_kabur -
    # kembali`): it is refused where it is compared or printed, so the template asks `is known` there.
    def __sub__(self, other: object) -> Count | int:
        return wrap(self.quantity.minus(_quantity(other)), self.name)

    def __rsub__(self, other: object) -> Count | int:
        return wrap(_quantity(other).minus(self.quantity), self.name)

    def __str__(self) -> str:
        return self.quantity.notation()

    def __repr__(self) -> str:
        return f"Count({self.quantity.notation()!r})"


def wrap(quantity: Quantity, name: str = "") -> Count | int:
    """An exact count as a plain int (what templates have always had); any other as a Count."""
    if quantity.exact and quantity.value is not None:
        return quantity.value
    return Count(quantity, name)


def coerce(raw: object, name: str = "") -> Count | int:
    """A count from text or YAML (InvalidQuantity on anything else)."""
    return wrap(parse(raw), name)


def phrase(value: object, lang: Lang, start: bool = False, letters: bool = False) -> str:
    """How a count is written: words up to ten, "sekitar 50", "sedikitnya 49"; `start` for the opening of a
    sentence ("Sebanyak 12", "Tiga", "Sekitar 50"), `letters` for official letters ("3 (tiga)")."""
    if isinstance(value, Count):
        quantity = value.quantity
        if not quantity.known:
            raise UnknownCount(value.name)
    elif isinstance(value, int) and not isinstance(value, bool):
        quantity = exact(value)
    else:
        return str(value)
    number = quantity.value or 0
    if letters and quantity.exact:
        if lang == "id" and 0 < number < 1_000_000:
            return f"{number} ({terbilang(number)})"
        return f"{number} ({WORDS[lang][number]})" if 0 < number <= 10 else str(number)
    text = quantity.phrase(lang)
    if not start:
        return text
    if quantity.exact and number > 10:
        return f"Sebanyak {text}" if lang == "id" else text
    return text[:1].upper() + text[1:]


def terbilang(number: int) -> str:
    """An Indonesian number in words, as official letters write it beside the digits (0 to 999.999):
    125 -> "seratus dua puluh lima", 1.000 -> "seribu"."""
    if number < 12:
        return [*WORDS["id"], "sebelas"][number]
    if number < 20:
        return f"{terbilang(number - 10)} belas"
    if number < 100:
        return f"{terbilang(number // 10)} puluh" + (f" {terbilang(number % 10)}" if number % 10 else "")
    if number < 200:
        return "seratus" + (f" {terbilang(number - 100)}" if number > 100 else "")
    if number < 1000:
        return f"{terbilang(number // 100)} ratus" + (f" {terbilang(number % 100)}" if number % 100 else "")
    if number < 2000:
        return "seribu" + (f" {terbilang(number - 1000)}" if number > 1000 else "")
    return f"{terbilang(number // 1000)} ribu" + (f" {terbilang(number % 1000)}" if number % 1000 else "")


def is_known(value: object) -> bool:
    """The Jinja test `known` / `diketahui`: false only for a count that is not known yet."""
    return not (isinstance(value, Count) and not value.known)


def finalize(value: Any, lang: Lang) -> Any:
    """What `{{ count }}` prints: a Count as a reporter writes it; anything else unchanged."""
    return phrase(value, lang) if isinstance(value, Count) else value


def _number(other: object) -> int:
    if isinstance(other, Count):
        return other._value()
    if isinstance(other, int) and not isinstance(other, bool):
        return other
    raise TypeError(f"a count cannot be compared with {type(other).__name__}")


def _quantity(other: object) -> Quantity:
    if isinstance(other, Count):
        return other.quantity
    if isinstance(other, int) and not isinstance(other, bool):
        return exact(other)
    raise TypeError(f"a count cannot be combined with {type(other).__name__}")
