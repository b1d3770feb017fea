"""New facts for a living incident: typed and checked before anything is recorded."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.factrules import catalogue, check_new_facts, required_level
from pasopati_cli.loader import package_guideline_dir
from pasopati_cli.problems import PasopatiError
from pasopati_cli.response import load_guide

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 10, 18, 15, tzinfo=WIB)


@pytest.fixture(scope="module")
def escape():  # type: ignore[no-untyped-def]
    guide = load_guide(package_guideline_dir(), "pelarian")
    crisis = guide.crisis("pelarian")
    return guide, crisis, catalogue(guide, crisis)


def record(escape, current: dict[str, object], **given: object):  # type: ignore[no-untyped-def]
    _, crisis, variables = escape
    return check_new_facts(crisis=crisis, variables=variables, current=current, given=given, zone=WIB, reference=START)


def messages(raised: pytest.ExceptionInfo[PasopatiError]) -> list[str]:
    return [f"{p.code} {p.message('id')}" for p in raised.value.problems]


def test_counts_are_typed_as_reported_and_the_derived_tally_follows(escape) -> None:  # type: ignore[no-untyped-def]
    new = record(escape, {"jumlah_kabur": "~50"}, jumlah_kabur="52", jumlah_tertangkap="8", jumlah_menyerahkan_diri="2")
    assert new.values == {"jumlah_kabur": 52, "jumlah_tertangkap": 8, "jumlah_menyerahkan_diri": 2}
    assert new.derived == {"jumlah_masih_dicari": "42"}
    assert new.answers == {"jumlah_kabur": 52}
    estimate = record(escape, {}, jumlah_kabur="sedikitnya 49", jumlah_tertangkap="3", jumlah_menyerahkan_diri="0")
    assert estimate.values["jumlah_kabur"] == ">=49"
    assert estimate.derived == {"jumlah_masih_dicari": ">=46"}


def test_a_rising_count_says_which_level_triage_now_requires(escape) -> None:  # type: ignore[no-untyped-def]
    guide, crisis, _ = escape
    new = record(escape, {}, jumlah_kabur=">=49")
    assert required_level(guide.guideline, crisis, {"jumlah_kabur": 2}, new.answers).required_level == "darurat"


def test_every_mistake_is_reported_at_once_and_nothing_is_accepted(escape) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PasopatiError) as raised:
        record(escape, {}, jumlah_kabr="5", jumlah_tertangkap="banyak", jumlah_masih_dicari="3")
    assert messages(raised) == [
        "P430 playbook pelarian tidak mengenal fakta 'jumlah_kabr'; maksud Anda jumlah_kabur?",
        "P431 nilai fakta 'jumlah_tertangkap' tidak sah: harus jumlah: 49 (pasti), ~50 atau 'sekitar 50' "
        "(perkiraan), >=49 atau 'sedikitnya 49' (batas bawah), 'puluhan', ? atau 'belum diketahui'",
        "P432 'jumlah_masih_dicari' dihitung dari jumlah_kabur, jumlah_tertangkap, jumlah_menyerahkan_diri; "
        "catat angka-angka itu, bukan hasilnya",
    ]


def test_more_recaptured_than_escaped_is_refused(escape) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PasopatiError) as raised:
        record(escape, {"jumlah_kabur": 5, "jumlah_menyerahkan_diri": 0}, jumlah_tertangkap="6")
    assert messages(raised) == [
        "P433 jumlah_tertangkap + jumlah_menyerahkan_diri = 6 melebihi jumlah_kabur = 5, sehingga "
        "jumlah_masih_dicari menjadi negatif; periksa kembali angka-angkanya"
    ]


def test_a_count_may_be_negative_nowhere(escape) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PasopatiError) as raised:
        record(escape, {}, jumlah_tertangkap="-2")
    assert messages(raised) == ["P431 nilai fakta 'jumlah_tertangkap' tidak sah: harus angka minimal 0"]
