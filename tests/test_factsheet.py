"""The fact sheet and the tallies of a living incident: what is true now, and since when."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.events import FACT_RECORDED, OPENED, START_CORRECTED, STATEMENT_DRAFTED, Event
from pasopati_cli.factsheet import fact_sheet
from pasopati_cli.quantity import UNKNOWN, Quantity, exact
from pasopati_cli.tally import Derivation, ImpossibleTally, check, derive

WIB = ZoneInfo("Asia/Jakarta")
T0 = datetime(2026, 3, 10, 18, 40, tzinfo=WIB)


def event(seq: int, kind: str, data: dict[str, object], minutes: int = 0, by: str = "humas") -> Event:
    return Event("X", seq, kind, T0 + timedelta(minutes=minutes), by, "1", "h", data, "p", "h")


NIGHT = [
    event(1, OPENED, {"crisis_type": "pelarian", "start": "2026-03-10T18:15:00+07:00"}),
    event(2, STATEMENT_DRAFTED, {"statement": "S1", "kind": "holding", "facts": {"jumlah_kabur": "~50"}}, 20),
    event(3, FACT_RECORDED, {"facts": {"jumlah_kabur": ">=49", "jumlah_tertangkap": 3}, "source": "KPLP"}, 90),
    event(
        4,
        FACT_RECORDED,
        {"facts": {"jumlah_kabur": 52, "jumlah_tertangkap": 8}, "source": "Polres", "at": "2026-03-10T22:30:00+07:00"},
        250,
        "kalapas",
    ),
    event(5, START_CORRECTED, {"start": "2026-03-10T18:05:00+07:00", "reason": "CCTV"}, 260),
]


def test_the_sheet_holds_each_facts_current_value_and_every_version() -> None:
    sheet = fact_sheet(NIGHT)
    assert sheet.current() == {"jumlah_kabur": 52, "jumlah_tertangkap": 8}
    versions = sheet.history["jumlah_kabur"]
    assert [v.value for v in versions] == ["~50", ">=49", 52]
    assert [v.source for v in versions] == ["statement S1", "KPLP", "Polres"]
    assert versions[-1].by == "kalapas"
    assert versions[-1].at == datetime(2026, 3, 10, 22, 30, tzinfo=WIB)  # when it became true, as recorded
    assert versions[-1].recorded_at == T0 + timedelta(minutes=250)


def test_a_correction_of_the_start_is_kept_with_its_reason() -> None:
    sheet = fact_sheet(NIGHT)
    assert sheet.start == datetime(2026, 3, 10, 18, 5, tzinfo=WIB)
    assert [(s.start.hour, s.start.minute, s.reason) for s in sheet.starts] == [(18, 15, None), (18, 5, "CCTV")]


def test_what_a_statement_could_know_is_the_sheet_as_of_its_event() -> None:
    sheet = fact_sheet(NIGHT)
    assert sheet.as_of(2) == {"jumlah_kabur": "~50"}
    assert sheet.as_of(3) == {"jumlah_kabur": ">=49", "jumlah_tertangkap": 3}


def test_a_value_already_replaced_at_a_statements_time_is_named_with_its_replacement() -> None:
    sheet = fact_sheet(NIGHT)
    replacement = sheet.replaced("jumlah_kabur", "~50", seq=4)
    assert replacement is not None and replacement.value == 52
    assert sheet.replaced("jumlah_kabur", 52, seq=4) is None
    assert sheet.replaced("jumlah_kabur", "~50", seq=2) is None  # still current when S1 was drafted


def test_odd_event_data_never_breaks_the_sheet() -> None:
    sheet = fact_sheet([event(1, OPENED, {"start": "not a date"}), event(2, FACT_RECORDED, {"facts": [1, 2]})])
    assert sheet.current() == {}
    assert sheet.start is None


ESCAPE = [
    Derivation("jumlah_masih_dicari", "jumlah_kabur", minus=("jumlah_tertangkap", "jumlah_menyerahkan_diri")),
]


@pytest.mark.parametrize(
    ("values", "still_sought"),
    [
        ({"jumlah_kabur": 52, "jumlah_tertangkap": 8, "jumlah_menyerahkan_diri": 2}, exact(42)),
        ({"jumlah_kabur": ">=49", "jumlah_tertangkap": 8, "jumlah_menyerahkan_diri": 0}, Quantity("at_least", 41)),
        ({"jumlah_kabur": "~50", "jumlah_tertangkap": 8, "jumlah_menyerahkan_diri": 0}, Quantity("about", 42)),
        ({"jumlah_kabur": 52, "jumlah_tertangkap": 8}, UNKNOWN),  # surrendered not known: never taken as 0
        ({"jumlah_kabur": "?", "jumlah_tertangkap": 8, "jumlah_menyerahkan_diri": 0}, UNKNOWN),
    ],
)
def test_a_derived_tally_follows_its_inputs_and_keeps_their_uncertainty(
    values: dict[str, object], still_sought: Quantity
) -> None:
    assert derive(values, ESCAPE)["jumlah_masih_dicari"] == still_sought


def test_more_recaptured_than_escaped_is_refused_naming_the_facts() -> None:
    values = {"jumlah_kabur": 5, "jumlah_tertangkap": 4, "jumlah_menyerahkan_diri": 2}
    with pytest.raises(ImpossibleTally) as raised:
        derive(values, ESCAPE)
    assert raised.value.words() == (
        "jumlah_tertangkap + jumlah_menyerahkan_diri = 6 melebihi jumlah_kabur = 5, sehingga jumlah_masih_dicari "
        "menjadi negatif; periksa kembali angka-angkanya",
        "jumlah_tertangkap + jumlah_menyerahkan_diri = 6 exceeds jumlah_kabur = 5, which would make "
        "jumlah_masih_dicari negative; check the counts",
    )
    assert check(values, ESCAPE) == raised.value.words()
    assert check({"jumlah_kabur": 6, "jumlah_tertangkap": 4, "jumlah_menyerahkan_diri": 2}, ESCAPE) is None


def test_counts_already_certain_contradict_a_total_even_while_another_part_is_unknown() -> None:
    with pytest.raises(ImpossibleTally) as raised:
        derive({"jumlah_kabur": 3, "jumlah_tertangkap": 5}, ESCAPE)
    assert raised.value.words()[1] == (
        "jumlah_tertangkap = 5 exceeds jumlah_kabur = 3, which would make jumlah_masih_dicari negative; check the counts"
    )
    assert derive({"jumlah_kabur": 3, "jumlah_tertangkap": 2}, ESCAPE)["jumlah_masih_dicari"] == UNKNOWN
