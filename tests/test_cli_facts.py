"""incident fact / facts / start through the CLI: what the officer types and reads, with exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest

from tests.conftest import Run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def escape(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The example escape of two, opened at 06.00 WIB for a start of 05.30; its id."""

    def now(zone: tzinfo) -> datetime:
        return datetime(2026, 11, 26, 6, 0, tzinfo=timezone(timedelta(hours=7))).astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)
    result = run("incident", "open", "pelarian", "--answers", str(EXAMPLES / "pelarian.answers.yaml"), "--unit",
                 str(EXAMPLES / "unit.yaml"), "--output", str(tmp_path / "out"), "--format", "json")  # fmt: skip
    assert result.code == 0, result.err
    return str(json.loads(result.out)["id"])


def test_recording_counts_says_them_back_with_what_they_imply(run: Run, escape: str) -> None:
    result = run("incident", "fact", escape, "jumlah_kabur=sedikitnya 6", "jumlah_tertangkap=1",
                 "jumlah_menyerahkan_diri=0", "--source", "KPLP", "--operator", "Rina")  # fmt: skip
    assert result.code == 0, result.err
    assert " ".join(result.out.split()) == (
        f"Tercatat pukul 06.00 WIB — insiden {escape}: jumlah_kabur = >=6, jumlah_tertangkap = 1, "
        "jumlah_menyerahkan_diri = 0. Dihitung: jumlah_masih_dicari = >=5. Fakta ini kini menuntut tingkat DARURAT "
        f"(pelarian massal (5 orang atau lebih)). Naikkan dengan: pasopati incident raise {escape} darurat --reason TEKS"
    )


def test_the_sheet_in_json_keeps_each_facts_history(run: Run, escape: str) -> None:
    run("incident", "fact", escape, "jumlah_kabur=~3", "--source", "KPLP", "--at", "05.50", "--operator", "Rina")
    sheet = json.loads(run("incident", "facts", escape, "--format", "json").out)
    history = sheet["facts"]["jumlah_kabur"]["history"]
    assert [(h["value"], h["source"], h["by"], h["at"][11:16]) for h in history] == [
        (2, "statement S1", "Petugas Uji", "06:00"),
        ("~3", "KPLP", "Rina", "05:50"),
    ]
    assert sheet["facts"]["jumlah_kabur"]["value"] == "~3"
    assert sheet["facts"]["jumlah_kabur"]["label"] == "Jumlah warga binaan yang melarikan diri"


@pytest.mark.parametrize(
    ("args", "err"),
    [
        (
            ["jumlah_kabur=3", "jumlah_tertangkap=5"],
            "galat: P433 jumlah_tertangkap = 5 melebihi jumlah_kabur = 3, sehingga jumlah_masih_dicari menjadi negatif; "
            "periksa kembali angka-angkanya\n",
        ),
        (
            ["jumlah_kabr=3"],
            "galat: P430 playbook pelarian tidak mengenal fakta 'jumlah_kabr'; maksud Anda jumlah_kabur?\n",
        ),
        (
            ["jumlah_kabur=banyak"],
            "galat: P431 nilai fakta 'jumlah_kabur' tidak sah: harus jumlah: 49 (pasti), ~50 atau 'sekitar 50' (perkiraan), "
            ">=49 atau 'sedikitnya 49' (batas bawah), 'puluhan', ? atau 'belum diketahui'\n",
        ),
        (
            ["jumlah_masih_dicari=0"],
            "galat: P432 'jumlah_masih_dicari' dihitung dari jumlah_kabur, jumlah_tertangkap, jumlah_menyerahkan_diri; "
            "catat angka-angka itu, bukan hasilnya\n",
        ),
        (
            ["jumlah_kabur=3", "--at", "2026-11-26 07.00"],
            "galat: P407 --at: waktu itu belum terjadi (sekarang Kamis, 26 November 2026, 06.00 WIB)\n",
        ),
    ],
)
def test_a_bad_fact_is_refused_with_exit_1_and_nothing_recorded(
    run: Run, escape: str, args: list[str], err: str
) -> None:
    before = json.loads(run("incident", "facts", escape, "--format", "json").out)
    result = run("incident", "fact", escape, *args)
    assert (result.code, result.out, result.err) == (1, "", err)
    assert json.loads(run("incident", "facts", escape, "--format", "json").out) == before


def test_the_start_is_corrected_with_a_reason_and_refused_without_one(run: Run, escape: str) -> None:
    refused = run("incident", "start", escape, "05.10")
    assert (refused.code, refused.err) == (
        1,
        "galat: P435 koreksi perlu alasan (--reason TEKS): catatan insiden harus menjelaskan setiap perubahan\n",
    )
    result = run("incident", "start", escape, "tadi 05.10", "--reason", "rekaman CCTV")
    assert (result.code, result.out) == (
        0,
        f"Waktu mulai insiden {escape} dikoreksi: Kamis, 26 November 2026, 05.30 WIB → Kamis, 26 November 2026, "
        "05.10 WIB. Tenggat dihitung dari waktu ini.\n",
    )
    shown = json.loads(run("incident", "show", escape, "--format", "json").out)
    assert shown["start"] == "2026-11-26T05:10:00+07:00"


def test_the_level_the_facts_require_is_named_in_the_readers_language(run: Run, escape: str) -> None:
    result = run("incident", "fact", escape, "jumlah_kabur=6", "--lang", "en")
    assert result.code == 0
    assert "These facts now require EMERGENCY" in " ".join(result.out.split())
