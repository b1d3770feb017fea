"""Counts that are still moving: parsed as officers type them, phrased as reporters write them."""

from __future__ import annotations

import pytest

from pasopati_cli.quantity import UNKNOWN, InvalidQuantity, NegativeCount, Quantity, exact, parse


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("49", Quantity("exact", 49)),
        (49, Quantity("exact", 49)),
        ("49 orang", Quantity("exact", 49)),
        ("2.800", Quantity("exact", 2800)),
        ("2,800 people", Quantity("exact", 2800)),
        ("~50", Quantity("about", 50)),
        ("± 50", Quantity("about", 50)),
        ("sekitar 50", Quantity("about", 50)),
        ("Sekitar  50 orang", Quantity("about", 50)),
        ("kurang lebih 50", Quantity("about", 50)),
        ("about 50", Quantity("about", 50)),
        (">=49", Quantity("at_least", 49)),
        ("≥ 49", Quantity("at_least", 49)),
        ("49+", Quantity("at_least", 49)),
        ("sedikitnya 49", Quantity("at_least", 49)),
        ("setidaknya 49 orang", Quantity("at_least", 49)),
        ("at least 49", Quantity("at_least", 49)),
        ("lebih dari 48", Quantity("at_least", 49)),
        (">48", Quantity("at_least", 49)),
        ("puluhan", Quantity("at_least", 20, word="puluhan")),
        ("belasan", Quantity("at_least", 11, word="belasan")),
        ("dozens", Quantity("at_least", 24, word="dozens")),
        ("?", UNKNOWN),
        ("belum diketahui", UNKNOWN),
        ("Masih dihitung", UNKNOWN),
        ("unknown", UNKNOWN),
        (None, UNKNOWN),
    ],
)
def test_every_form_an_officer_types_is_understood(typed: object, expected: Quantity) -> None:
    assert parse(typed) == expected


@pytest.mark.parametrize("typed", ["", "banyak", "-3", -3, "sekitar", "50 kambing", "1e9", True, "x" * 200, "~ ~50"])
def test_anything_else_is_refused_not_guessed(typed: object) -> None:
    with pytest.raises(InvalidQuantity):
        parse(typed)


@pytest.mark.parametrize(
    "quantity", [exact(49), Quantity("about", 50), Quantity("at_least", 49), UNKNOWN, parse("puluhan")]
)
def test_the_notation_reads_back_to_the_same_quantity(quantity: Quantity) -> None:
    assert parse(quantity.notation()) == quantity


@pytest.mark.parametrize(
    ("quantity", "lang", "phrase"),
    [
        (exact(49), "id", "49 orang"),
        (exact(3), "id", "tiga orang"),
        (exact(1), "en", "one person"),
        (exact(3), "en", "three people"),
        (Quantity("about", 50), "id", "sekitar 50 orang"),
        (Quantity("about", 50), "en", "about 50 people"),
        (Quantity("at_least", 49), "id", "sedikitnya 49 orang"),
        (Quantity("at_least", 49), "en", "at least 49 people"),
        (exact(2800), "id", "2.800 orang"),
        (exact(2800), "en", "2,800 people"),
        (parse("puluhan"), "id", "puluhan orang"),
        (parse("puluhan"), "en", "dozens of people"),
        (UNKNOWN, "id", "jumlahnya masih dipastikan"),
        (UNKNOWN, "en", "the number is still being confirmed"),
    ],
)
def test_a_statement_never_prints_an_estimate_as_an_exact_figure(quantity: Quantity, lang: str, phrase: str) -> None:
    noun = "orang" if lang == "id" else "person"
    assert quantity.phrase(lang, noun) == phrase  # type: ignore[arg-type]


def test_unknown_never_meets_or_misses_a_threshold() -> None:
    assert UNKNOWN.at_least(5) is None
    assert UNKNOWN.at_most(5) is None
    assert UNKNOWN.equals(0) is None


def test_a_lower_bound_meets_thresholds_it_reaches_and_cannot_say_below_them() -> None:
    at_least_49 = Quantity("at_least", 49)
    assert at_least_49.at_least(5) is True
    assert at_least_49.at_least(50) is None
    assert at_least_49.at_most(10) is False
    assert at_least_49.at_most(100) is None


def test_an_estimate_counts_as_its_value_so_the_higher_level_wins() -> None:
    assert Quantity("about", 50).at_least(50) is True
    assert Quantity("about", 4).at_least(5) is False


def test_tally_arithmetic_keeps_the_weakest_knowledge() -> None:
    assert exact(52).minus(exact(8)) == exact(44)
    assert Quantity("at_least", 49).minus(exact(8)) == Quantity("at_least", 41)
    assert Quantity("about", 50).minus(exact(8)) == Quantity("about", 42)
    assert exact(50).minus(Quantity("about", 8)) == Quantity("about", 42)
    assert exact(50).minus(Quantity("at_least", 8)) == UNKNOWN
    assert exact(50).minus(UNKNOWN) == UNKNOWN
    assert exact(8).plus(Quantity("at_least", 2)) == Quantity("at_least", 10)
    assert Quantity("about", 8).plus(Quantity("at_least", 2)) == Quantity("about", 10)


def test_more_recaptured_than_escaped_is_a_contradiction_not_a_negative_count() -> None:
    with pytest.raises(NegativeCount):
        exact(5).minus(exact(8))
    assert Quantity("about", 5).minus(exact(8)) == UNKNOWN
