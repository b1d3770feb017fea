"""A statement checked against the incident's current fact sheet."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pasopati_cli.consistency import contradictions, states_from
from pasopati_cli.events import FACT_RECORDED, OPENED, Event
from pasopati_cli.factsheet import fact_sheet

WIB = ZoneInfo("Asia/Jakarta")
T0 = datetime(2026, 3, 10, 18, 40, tzinfo=WIB)


def sheet_of(*versions: dict[str, object]):  # type: ignore[no-untyped-def]
    events = [Event("X", 1, OPENED, T0, "h", "1", "h", {}, "p", "h")]
    for index, facts in enumerate(versions, start=2):
        events.append(
            Event("X", index, FACT_RECORDED, T0 + timedelta(hours=index), "h", "1", "h", {"facts": facts}, "p", "h")
        )
    return fact_sheet(events)


SHEET = sheet_of({"jumlah_kabur": "~50", "situasi_terkendali": False}, {"jumlah_kabur": 52, "situasi_terkendali": True})
STATES = states_from({"situasi_terkendali": {"ya": ["masih berupaya mengendalikan", "still trying to bring"]}})


def test_a_count_the_sheet_has_replaced_is_found_where_it_stands() -> None:
    text = "Sebanyak 50 warga binaan melarikan diri. Petugas masih berupaya mengendalikan situasi."
    found = contradictions(text, SHEET, ["jumlah_kabur"], STATES)
    assert [(c.fact, c.found, c.offset, c.current) for c in found] == [
        ("jumlah_kabur", "50", 9, "52"),
        ("situasi_terkendali", "masih berupaya mengendalikan", 49, "True"),
    ]
    assert found[0].words() == (
        "'50' tidak sesuai dengan lembar fakta: jumlah_kabur kini 52",
        "'50' contradicts the fact sheet: jumlah_kabur is now 52",
    )


def test_counts_in_words_and_in_letters_are_counts_too() -> None:
    sheet = sheet_of({"jumlah_tertangkap": 3}, {"jumlah_tertangkap": 8})
    text = "Tiga orang telah tertangkap kembali; dalam surat: 3 (tiga) orang."
    found = contradictions(text, sheet, ["jumlah_tertangkap"])
    assert [(c.found, c.offset) for c in found] == [("Tiga", 0), ("3", 50)]


def test_the_current_value_beside_an_old_one_is_history_not_a_contradiction() -> None:
    text = "Jumlah yang kabur diperbarui dari 50 orang menjadi 52 orang."
    assert contradictions(text, SHEET, ["jumlah_kabur"]) == []


def test_numbers_that_are_not_counts_of_people_are_left_alone() -> None:
    text = "Pukul 22.50 WIB, di Blok 50, pada 10 Maret 2026 (nomor 50/2026)."
    assert contradictions(text, SHEET, ["jumlah_kabur"]) == []


def test_a_statement_that_agrees_with_the_sheet_passes() -> None:
    text = "Sebanyak 52 warga binaan melarikan diri. Situasi telah terkendali."
    assert contradictions(text, SHEET, ["jumlah_kabur"], STATES) == []


def test_a_long_text_is_checked_in_one_pass() -> None:
    text = ("Sebanyak 52 orang. " * 50_000) + "sekitar 50 orang"
    assert contradictions(text, SHEET, ["jumlah_kabur"]) == []  # the current value is there


def test_a_figure_that_is_another_counts_current_value_is_not_flagged() -> None:
    sheet = sheet_of({"jumlah_kabur": 2, "jumlah_korban_luka": 2}, {"jumlah_kabur": 3})
    text = "Dua orang terluka dan tiga orang melarikan diri."
    assert contradictions(text, sheet, ["jumlah_kabur", "jumlah_korban_luka"]) == []


def test_a_count_of_what_happened_since_is_not_a_total() -> None:
    sheet = sheet_of({"jumlah_tertangkap": 3}, {"jumlah_tertangkap": 40})
    text = "Tiga orang lagi diamankan di terminal; two more people gave themselves up."
    assert contradictions(text, sheet, ["jumlah_tertangkap"]) == []


def test_a_derived_count_stands_like_a_recorded_one() -> None:
    sheet = sheet_of({"jumlah_menyerahkan_diri": 5}, {"jumlah_menyerahkan_diri": 7})
    text = "Lima orang masih dalam pencarian kepolisian."
    assert [c.found for c in contradictions(text, sheet, ["jumlah_menyerahkan_diri"])] == ["Lima"]
    assert contradictions(text, sheet, ["jumlah_menyerahkan_diri"], derived=[5]) == []
