"""The terminal prompter with scripted keystrokes: what it prints, and the value it returns."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from pasopati_cli.app.prompter import Prompt
from pasopati_cli.cli.terminal import TerminalPrompter
from pasopati_cli.model import Text, Variable

JAKARTA = ZoneInfo("Asia/Jakarta")
TWO_AM = datetime(2025, 11, 30, 2, 5, tzinfo=JAKARTA)


class ScriptedAsker(TerminalPrompter):
    def __init__(self, typed: list[str], lang: str = "id") -> None:
        super().__init__(Console(record=True, width=200, no_color=True, force_terminal=False), lang)  # type: ignore[arg-type]
        self.typed = list(typed)

    def _input(self, prompt: str) -> str:
        self.console.print(prompt, end="")
        answer = self.typed.pop(0)
        self.console.print(answer)
        return answer

    @property
    def screen(self) -> str:
        return self.console.export_text()


@pytest.fixture(autouse=True)
def two_am(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pasopati_cli.clock.now", lambda zone: TWO_AM.astimezone(zone))


def _moment(tense: str) -> Variable:
    prompt = Text(id="Kapan kejadian mulai?", en="When did the incident start?")
    return Variable(name="waktu", prompt=prompt, type="datetime", tense=tense, example="2025-11-26 14:05")  # type: ignore[arg-type]


def test_a_time_alone_typed_at_two_in_the_morning_is_last_night() -> None:
    asker = ScriptedAsker(["23.50"])
    assert asker.fact(_moment("past"), JAKARTA, TWO_AM) == datetime(2025, 11, 29, 23, 50, tzinfo=JAKARTA)
    assert "belum terjadi" not in asker.screen


def test_a_start_typed_in_the_future_is_shown_in_full_and_used_only_when_confirmed() -> None:
    asker = ScriptedAsker(["2025-11-30 23.50", "tidak", "2025-11-29 23.50"])
    assert asker.fact(_moment("past"), JAKARTA, TWO_AM) == datetime(2025, 11, 29, 23, 50, tzinfo=JAKARTA)
    assert asker.screen.splitlines()[:4] == [
        "Kapan kejadian mulai? (contoh: 2025-11-26 14:05): 2025-11-30 23.50",
        "Minggu, 30 November 2025, 23.50 WIB: waktu itu belum terjadi (sekarang Minggu, 30 November 2025, 02.05 WIB).",
        "Tetap pakai waktu ini? (ya/tidak) [tidak]: tidak",
        "Kapan kejadian mulai? (contoh: 2025-11-26 14:05): 2025-11-29 23.50",  # the declined time not offered
    ]


def test_a_next_update_already_past_is_kept_when_the_officer_says_so() -> None:
    asker = ScriptedAsker(["2025-11-29 20.00", "ya"], lang="en")
    assert asker.fact(_moment("future"), JAKARTA, TWO_AM) == datetime(2025, 11, 29, 20, 0, tzinfo=JAKARTA)
    assert "Saturday, 29 November 2025, 20:00 WIB: that time has already passed" in asker.screen


def test_a_yes_no_fact_says_how_to_answer_and_a_number_says_its_range() -> None:
    yes_no = Variable(name="v", prompt=Text(id="Keluarga sudah diberi tahu?", en="x"), type="yes_no", example=True)
    update = Variable(name="n", prompt=Text(id="Pembaruan ke berapa?", en="x"), type="integer", min=1, example=1)
    asker = ScriptedAsker(["ya", "0", "2"])
    assert asker.fact(yes_no, JAKARTA, TWO_AM) is True
    assert asker.fact(update, JAKARTA, TWO_AM) == 2
    assert asker.screen.splitlines() == [
        "Keluarga sudah diberi tahu? (ya/tidak): ya",
        "Pembaruan ke berapa? (contoh: 1; angka minimal 1): 0",
        "Jawaban tidak sah: harus angka minimal 1",
        "Pembaruan ke berapa? (contoh: 1; angka minimal 1): 2",
    ]


def test_the_type_chooser_says_what_a_number_must_be() -> None:
    from pasopati_cli.loader import package_guideline_dir
    from pasopati_cli.response import load_guide

    types = load_guide(package_guideline_dir()).types
    asker = ScriptedAsker(["", "99", "-1", "1"])
    chosen = asker.choose_type(types, lambda types, text: [])
    assert chosen == sorted(types, key=lambda t: (types[t].phase != "crisis", t))[0]
    assert asker.screen.count(f"Pilih nomor 1 sampai {len(types)}, ketik id jenisnya") == 3


def test_a_line_as_long_as_the_terminal_passes_is_flagged_as_possibly_cut() -> None:
    asker = ScriptedAsker(["x" * 4095, "pendek"], lang="en")
    assert asker.text(Prompt("ringkasan", "Ringkasan")) == "x" * 4095
    assert "This text may be cut short: the terminal passes only 4095 characters per line." in asker.screen
    assert asker.text(Prompt("ringkasan", "Ringkasan")) == "pendek"
    assert asker.screen == "Ringkasan: pendek\n"  # (the screen so far was read above)
