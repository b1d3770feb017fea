"""Deadlines over an incident's level history: each level counts from the moment it was entered, and the
earliest deadline holds. Pure: events in, due items out."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.assign import plan, plan_over_levels
from pasopati_cli.events import Event
from pasopati_cli.followup import due_items, incident_plan
from pasopati_cli.incident import derive_state, level_periods
from pasopati_cli.loader import load_bundle, load_yaml_file
from pasopati_cli.model import Guideline, UnitProfile

CASES = Path(__file__).parent / "cases"
WITA = ZoneInfo("Asia/Makassar")
START = datetime(2025, 11, 26, 14, 5, tzinfo=WITA)


def minutes(value: int) -> timedelta:
    return timedelta(minutes=value)


def with_notify(guideline: Guideline, **notify: dict[str, timedelta]) -> Guideline:
    roles = [
        role.model_copy(update={"notify": notify[role.id]}) if role.id in notify else role for role in guideline.roles
    ]
    return guideline.model_copy(update={"roles": roles})


@pytest.fixture(scope="module")
def loaded():
    """The test guideline with the deadlines of the examples: the Kalapas within 60 minutes at Waspada and
    15 at Darurat, the Kakanwil within 24 hours at Waspada and 30 minutes at Darurat."""
    bundle, _ = load_bundle(CASES / "base")
    unit, _ = load_yaml_file(CASES / "unit.yaml", "unit.yaml")
    assert isinstance(unit.model, UnitProfile)
    guideline = with_notify(
        bundle.guideline,
        kalapas={"waspada": minutes(60), "siaga": minutes(30), "darurat": minutes(15)},
        kakanwil={"waspada": timedelta(hours=24), "siaga": minutes(60), "darurat": minutes(30)},
    )
    return guideline, bundle.crisis_types["uji"], unit.model


def journal(*steps: tuple[int, str, dict[str, Any]]) -> list[Event]:
    """Events of one incident opened at the start; each step is (minutes after the start, type, data)."""
    opened = (0, "opened", {"crisis_type": "uji", "start": START.isoformat()})
    return [
        Event("20251126-0001", seq, kind, START + minutes(offset), "Petugas Uji", "0.1", "ab" * 32, data, "", "")
        for seq, (offset, kind, data) in enumerate([opened, *steps], start=1)
    ]


def table(events: list[Event], loaded) -> list[tuple[str, str, str, str | None, bool]]:
    guideline, crisis, unit = loaded
    state = derive_state(events)
    return [
        (item.what, item.key, f"{item.deadline:%H:%M}", f"{item.done_at:%H:%M}" if item.done_at else None, item.late())
        for item in due_items(incident_plan(guideline, crisis, state, unit), state)
    ]


def test_a_notice_in_time_under_the_earlier_level_stays_in_time_after_a_raise(loaded) -> None:
    # Waspada from 14.05; Darurat from 14.55 (start + 50 minutes). The Kalapas is due by
    # min(14.05 + 60m, 14.55 + 15m) = 15.05, so a notice at 15.00 is in time.
    events = journal(
        (1, "triaged", {"level": "waspada", "reasons": []}),
        (50, "level_raised", {"level": "darurat", "reason": "korban bertambah"}),
        (55, "role_notified", {"role": "kalapas", "channel": "telepon"}),
    )
    assert table(events, loaded) == [
        ("action", "hitung", "14:35", None, False),
        ("notify", "kalapas", "15:05", "15:00", False),
        ("notify", "polres", "15:10", None, False),  # only from Siaga: 14.55 + 15 minutes
        ("notify", "kakanwil", "15:25", None, False),  # 14.55 + 30 minutes, before 14.05 the next day
        ("statement", "holding", "15:55", None, False),  # no deadline at Waspada; 14.55 + 1 hour
    ]


def test_a_raise_two_hours_in_gives_the_kakanwil_thirty_minutes_from_the_raise(loaded) -> None:
    events = journal(
        (1, "triaged", {"level": "waspada", "reasons": []}),
        (120, "level_raised", {"level": "darurat", "reason": "liputan media nasional"}),
    )
    assert table(events, loaded) == [
        ("action", "hitung", "14:35", None, False),
        ("notify", "kalapas", "15:05", None, False),  # Waspada's 60 minutes come before 16.05 + 15 minutes
        ("notify", "polres", "16:20", None, False),
        ("notify", "kakanwil", "16:35", None, False),  # start + 2 h 30 min, not start + 30 min
        ("statement", "holding", "17:05", None, False),
    ]


def test_a_raise_makes_nothing_overdue_at_the_moment_it_is_made(loaded) -> None:
    guideline, crisis, unit = loaded
    events = journal(
        (1, "triaged", {"level": "waspada", "reasons": []}),
        (120, "level_raised", {"level": "darurat", "reason": "liputan media nasional"}),
    )
    state = derive_state(events)
    raised = START + minutes(120)
    overdue = [
        item.key for item in due_items(incident_plan(guideline, crisis, state, unit), state) if item.overdue(raised)
    ]
    assert overdue == ["hitung", "kalapas"]  # both were already overdue at Waspada


def test_the_first_level_counts_from_the_start_even_when_triaged_later(loaded) -> None:
    events = journal((25, "triaged", {"level": "siaga", "reasons": ["siaga: ada korban luka"]}))
    assert level_periods(derive_state(events)) == (("siaga", START),)
    assert table(events, loaded)[:2] == [
        ("action", "hitung", "14:35", None, False),
        ("notify", "kalapas", "14:35", None, False),  # Siaga's 30 minutes from 14.05, not from 14.30
    ]


def test_a_level_dated_by_its_data_counts_from_that_moment_but_never_before_the_start(loaded) -> None:
    events = journal(
        (2, "triaged", {"level": "waspada", "reasons": []}),
        (30, "level_raised", {"level": "siaga", "reason": "x", "at": (START + minutes(20)).isoformat()}),
        (40, "level_raised", {"level": "darurat", "reason": "y", "at": (START - minutes(30)).isoformat()}),
    )
    state = derive_state(events)
    assert [change.at for change in state.levels] == [START + minutes(2), START + minutes(20), START - minutes(30)]
    assert level_periods(state) == (("waspada", START), ("siaga", START + minutes(20)), ("darurat", START))


def test_the_walks_raise_at_the_start_replaces_the_triaged_level_as_the_walk_showed_it(loaded) -> None:
    guideline, crisis, unit = loaded
    events = journal(
        (25, "triaged", {"level": "siaga", "reasons": ["siaga: ada korban luka"]}),
        (25, "level_raised", {"level": "darurat", "reason": "liputan media", "at": START.isoformat()}),
    )
    state = derive_state(events)
    assert level_periods(state) == (("darurat", START),)  # Siaga was replaced at the moment it began
    assert incident_plan(guideline, crisis, state, unit) == plan(guideline, crisis, "darurat", {}, unit, START)


def test_an_incident_never_triaged_is_at_its_base_level_from_the_start(loaded) -> None:
    guideline, crisis, unit = loaded
    state = derive_state(journal((1, "answered", {"question": "ada_luka", "answer": False})))
    assert incident_plan(guideline, crisis, state, unit) == plan(
        guideline, crisis, "waspada", state.answers, unit, START
    )


@pytest.mark.parametrize("level", ["waspada", "siaga", "darurat"])
def test_one_level_from_the_start_is_the_plan_of_that_level(loaded, level: str) -> None:
    guideline, crisis, unit = loaded
    answers = {"ada_luka": True, "jumlah_luka": 3}
    assert plan_over_levels(guideline, crisis, [(level, START)], answers, unit, START) == plan(
        guideline, crisis, level, answers, unit, START
    )


def test_the_merged_plan_keeps_delays_from_the_start_and_the_current_level(loaded) -> None:
    guideline, crisis, unit = loaded
    merged = plan_over_levels(
        guideline, crisis, [("waspada", START), ("darurat", START + minutes(50))], {}, unit, START
    )
    assert (merged.level, merged.start) == ("darurat", START)
    assert [(a.role, a.delay, a.task.id if a.task else None) for a in merged.assignments] == [
        ("kalapas", minutes(60), None),
        ("polres", minutes(65), "Amankan perimeter"),
        ("kakanwil", minutes(80), None),
    ]
    assert [(s.kind, s.delay) for s in merged.statements] == [("holding", minutes(110))]


def test_the_report_judges_notices_against_the_same_deadlines_and_states_the_rule(loaded) -> None:
    from pasopati_cli.incident_report import build

    guideline, crisis, unit = loaded
    events = journal(
        (1, "triaged", {"level": "waspada", "reasons": []}),
        (50, "level_raised", {"level": "darurat", "reason": "korban bertambah"}),
        (55, "role_notified", {"role": "kalapas", "channel": "telepon"}),
        (90, "role_notified", {"role": "kakanwil", "channel": "telepon"}),
    )
    markdown, document = build(events, guideline, crisis, unit, "id")
    assert (
        "| Kepala Lapas | Siti Rahma | Rabu, 26 November 2025, 15.05 WITA | Rabu, 26 November 2025, 15.00 WITA "
        "| tepat waktu |" in markdown
    )
    assert (
        "| Kakanwil Ditjenpas | Budi Hartono | Rabu, 26 November 2025, 15.25 WITA "
        "| Rabu, 26 November 2025, 15.35 WITA | terlambat 10 menit |" in markdown
    )
    assert (
        "*Tenggat: tiap tingkat menetapkan tenggat yang dihitung sejak tingkat itu berlaku (tingkat pertama sejak "
        "mulai kejadian); yang berlaku adalah tenggat paling awal.*" in markdown
    )
    assert [(d["key"], d["deadline"], d["late"]) for d in document["deadlines"]] == [
        ("hitung", "2025-11-26T14:35:00+08:00", False),
        ("kalapas", "2025-11-26T15:05:00+08:00", False),
        ("polres", "2025-11-26T15:10:00+08:00", False),
        ("kakanwil", "2025-11-26T15:25:00+08:00", True),
        ("holding", "2025-11-26T15:55:00+08:00", False),
    ]
    english, _ = build(events, guideline, crisis, unit, "en")
    assert "*Deadlines: each level sets a deadline counted from the moment it took effect" in english


def test_an_answer_made_moot_by_a_changed_answer_does_not_schedule_anything(loaded) -> None:
    from pasopati_cli.model import Action

    guideline, crisis, unit = loaded
    evacuate = Action.model_validate(
        {"id": "evakuasi", "text": {"id": "Evakuasi korban", "en": "Evacuate the injured"}, "owner": "kalapas",
         "due": "10m", "when": {"question": "jumlah_luka", "at_least": 10}}
    )  # fmt: skip
    crisis = crisis.model_copy(update={"actions": [*crisis.actions, evacuate]})
    # 12 injured was answered, then "anyone injured?" was changed to no: the count no longer applies.
    events = journal(
        (1, "answered", {"question": "ada_luka", "answer": True}),
        (2, "answered", {"question": "jumlah_luka", "answer": 12}),
        (3, "answered", {"question": "ada_luka", "answer": False}),
        (4, "triaged", {"level": "waspada", "reasons": []}),
    )
    state = derive_state(events)
    assert [c.action for c in incident_plan(guideline, crisis, state, unit).checklist] == ["hitung"]
