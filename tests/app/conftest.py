"""Use cases called directly, as pre-commit's tests call its commands: a temporary journal, a fixed clock
and a scripted prompter standing in for the officer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.journal import Journal
from tests.conftest import CASES

UNIT = CASES / "unit.yaml"
MAKASSAR = ZoneInfo("Asia/Makassar")  # the test unit's WITA
START = "2025-11-26 14:05"


class FixedClock:
    """The clock port, stopped at one moment (in the zone asked for)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self, zone: object) -> datetime:
        return self.moment.astimezone(zone)  # type: ignore[arg-type]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """15:00 WITA the day of the test incident, for the use cases and for what they call below them."""
    fixed = FixedClock(datetime(2025, 11, 26, 15, 0, tzinfo=MAKASSAR))
    monkeypatch.setattr("pasopati_cli.clock.now", fixed.now)
    return fixed


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3") as opened:
        yield opened


SIAGA = ["ada_luka=ya", "jumlah_luka=3", "skala=satu_kamar"]  # the test type's answers for a Siaga incident


def open_siaga(journal: Journal, guideline: Path, output: Path, clock: FixedClock) -> str:
    """A Siaga incident of the test guideline's `uji` type, opened without prompts; its id."""
    from pasopati_cli.app.inputs import gather
    from pasopati_cli.app.prompter import RefusingPrompter
    from pasopati_cli.app.response import respond

    done = respond(journal=journal, prompter=RefusingPrompter(), guideline_root=guideline, lang="id",
                   inputs=gather(answer=SIAGA, sets=["lokasi=area dapur"]), crisis_type="uji", unit=UNIT,
                   start=START, output=output, clock=clock)  # fmt: skip
    return done.incident_id


@pytest.fixture
def opened(journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock) -> str:
    """A Siaga incident opened without prompts; its id."""
    return open_siaga(journal, guideline, tmp_path, clock)
