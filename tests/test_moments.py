"""When it started, as typed at 2 a.m.: every form an officer uses, read in the unit's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.moments import InvalidMoment, parse_moment

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
NOW = datetime(2026, 3, 11, 2, 5, tzinfo=WIB)  # Wednesday 11 March 2026, 02.05 WIB


@pytest.mark.parametrize(
    ("typed", "expected", "dated"),
    [
        ("23.50", datetime(2026, 3, 10, 23, 50, tzinfo=WIB), False),
        ("tadi 01.40", datetime(2026, 3, 11, 1, 40, tzinfo=WIB), False),
        ("tadi pukul 01.40", datetime(2026, 3, 11, 1, 40, tzinfo=WIB), False),
        ("18:15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), False),
        ("18.15 WIB", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), False),
        ("kemarin 23.50", datetime(2026, 3, 10, 23, 50, tzinfo=WIB), True),
        ("semalam pukul 23.50", datetime(2026, 3, 10, 23, 50, tzinfo=WIB), False),
        ("yesterday 18:15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("10/3 18.15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("10/3/2026 18.15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("10 Maret 18.15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("Selasa, 10 Maret 2026, 18.15 WIB", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("10 Mar 18.15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("March 10 18:15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("2026-03-10 18:15", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), True),
        ("2026-03-10T18:15:00+09:00", datetime(2026, 3, 10, 16, 15, tzinfo=WIB), True),
        ("20.15 WIT", datetime(2026, 3, 10, 18, 15, tzinfo=WIB), False),
        ("24 Desember 18.15", datetime(2025, 12, 24, 18, 15, tzinfo=WIB), True),
        ("sekarang", datetime(2026, 3, 11, 2, 5, tzinfo=WIB), True),
        # an hour said without minutes, after "jam" or "pukul", as officers say it at night
        ("tadi jam 1", datetime(2026, 3, 11, 1, 0, tzinfo=WIB), False),
        ("pukul 9 malam", datetime(2026, 3, 10, 21, 0, tzinfo=WIB), False),
        ("jam 3 sore", datetime(2026, 3, 10, 15, 0, tzinfo=WIB), False),
        ("jam 2 dini hari", datetime(2026, 3, 11, 2, 0, tzinfo=WIB), False),
        ("jam 12 malam", datetime(2026, 3, 11, 0, 0, tzinfo=WIB), False),
        ("kemarin jam 23", datetime(2026, 3, 10, 23, 0, tzinfo=WIB), True),
    ],
)
def test_the_forms_officers_type_are_read_as_they_mean(typed: str, expected: datetime, dated: bool) -> None:
    reading = parse_moment(typed, NOW, WIB)
    assert reading.moment == expected
    assert reading.moment.utcoffset() == expected.utcoffset()
    assert reading.dated is dated


def test_a_time_is_read_in_the_units_own_zone() -> None:
    reading = parse_moment("03.50", NOW, WIT)  # 04.05 WIT now
    assert reading.moment == datetime(2026, 3, 11, 3, 50, tzinfo=WIT)
    assert reading.moment.tzinfo == WIT


def test_a_future_tense_takes_the_next_occurrence() -> None:
    assert parse_moment("06.00", NOW, WIB, tense="future").moment == datetime(2026, 3, 11, 6, 0, tzinfo=WIB)
    assert parse_moment("1 Januari 06.00", NOW, WIB, tense="future").moment == datetime(2027, 1, 1, 6, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "tadi",
        "25.00",
        "18.75",
        "30/2 18.15",
        "10/13 18.15",
        "10 Maretz 18.15",
        "0000-01-01 00:00",
        "2027-02-30 10:00",
        "2026-03-10T18:15+99:99",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "kemarin lusa 18.15",
        "x" * 500,
    ],
)
def test_what_cannot_be_read_is_refused_with_a_reason_never_a_crash(typed: str) -> None:
    with pytest.raises(InvalidMoment) as raised:
        parse_moment(typed, NOW, WIB)
    assert raised.value.reason_id and raised.value.reason_en


def test_a_date_time_fact_reads_the_same_forms() -> None:
    from pasopati_cli.model import Text, Variable
    from pasopati_cli.render import coerce_fact

    variable = Variable(name="waktu_kejadian", prompt=Text(id="Kapan?", en="When?"), type="datetime", tense="past")
    assert coerce_fact(variable, "tadi 01.40", WIB, NOW) == datetime(2026, 3, 11, 1, 40, tzinfo=WIB)
    assert coerce_fact(variable, "10 Maret 18.15", WIB, NOW) == datetime(2026, 3, 10, 18, 15, tzinfo=WIB)
