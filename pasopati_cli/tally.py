"""Running counts and the counts derived from them: escaped, recaptured, surrendered, still sought.

A playbook declares its tallies (`jumlah_kabur`, `jumlah_tertangkap`, ...) and the derived ones
(`jumlah_masih_dicari = jumlah_kabur - jumlah_tertangkap - jumlah_menyerahkan_diri`). Statements print the
current values; a set of values that cannot all be true (more recaptured than escaped) is refused before it
is recorded, naming the facts that contradict each other. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pasopati_cli.quantity import UNKNOWN, InvalidQuantity, NegativeCount, Quantity, parse


@dataclass(frozen=True)
class Derivation:
    """`id` = `base` + sum(`plus`) - sum(`minus`)."""

    id: str
    base: str
    minus: tuple[str, ...] = ()
    plus: tuple[str, ...] = ()

    def inputs(self) -> tuple[str, ...]:
        return (self.base, *self.plus, *self.minus)


class ImpossibleTally(ValueError):
    """The counts contradict each other: `derived` would be below zero."""

    def __init__(self, derived: str, base: str, total: int, parts: Sequence[str], taken: int) -> None:
        super().__init__(f"{derived} < 0")
        self.derived, self.base, self.total, self.parts, self.taken = derived, base, total, tuple(parts), taken

    def words(self) -> tuple[str, str]:
        """Why, in Indonesian and English, naming the facts."""
        listed = " + ".join(self.parts)
        return (
            f"{listed} = {self.taken} melebihi {self.base} = {self.total}, sehingga {self.derived} menjadi negatif; "
            f"periksa kembali angka-angkanya",
            f"{listed} = {self.taken} exceeds {self.base} = {self.total}, which would make {self.derived} "
            f"negative; check the counts",
        )


def quantities(values: Mapping[str, object], names: Iterable[str]) -> dict[str, Quantity]:
    """The named facts as quantities; a fact not given is unknown (never 0). InvalidQuantity on bad text."""
    found: dict[str, Quantity] = {}
    for name in names:
        raw = values.get(name)
        found[name] = UNKNOWN if raw is None else parse(raw)
    return found


def derive(values: Mapping[str, object], derivations: Sequence[Derivation]) -> dict[str, Quantity]:
    """Every derived tally from the current values, in declaration order (a derivation may use an earlier one).

    ImpossibleTally when one would go below zero with exact counts; InvalidQuantity when an input is not a
    count."""
    known: dict[str, object] = dict(values)
    derived: dict[str, Quantity] = {}
    for rule in derivations:
        inputs = quantities(known, rule.inputs())
        result = inputs[rule.base]
        for name in rule.plus:
            result = result.plus(inputs[name])
        taken = UNKNOWN
        for index, name in enumerate(rule.minus):
            taken = inputs[name] if index == 0 else taken.plus(inputs[name])
        # Counts already certain (exact or lower bounds) that exceed an exact total contradict it, even while
        # another part is not known yet: 5 recaptured of 3 escaped is wrong whatever the surrendered count.
        certain = [name for name in rule.minus if inputs[name].value is not None and inputs[name].kind != "about"]
        floor = sum(inputs[name].value or 0 for name in certain)
        if result.exact and result.value is not None and floor > result.value:
            raise ImpossibleTally(rule.id, rule.base, result.value, certain, floor)
        if rule.minus:
            try:
                result = result.minus(taken)
            except NegativeCount as negative:
                raise ImpossibleTally(rule.id, rule.base, negative.total, rule.minus, negative.taken) from None
        derived[rule.id] = result
        known[rule.id] = result
    return derived


def check(values: Mapping[str, object], derivations: Sequence[Derivation]) -> tuple[str, str] | None:
    """Why these values cannot all be true (id, en), or None."""
    try:
        derive(values, derivations)
    except ImpossibleTally as impossible:
        return impossible.words()
    except InvalidQuantity:
        return None  # a value that is not a count is the type check's business, with its own message
    return None
