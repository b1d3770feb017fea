"""Assignment as a pure function: roles at the level, with clock-time deadlines in the unit's zone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.assign import plan
from pasopati_cli.loader import load_bundle, load_yaml_file
from pasopati_cli.model import UnitProfile
from pasopati_cli.problems import PasopatiError

CASES = Path(__file__).parent / "cases"
START = datetime(2025, 11, 26, 14, 5, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.fixture(scope="module")
def loaded():
    bundle, _ = load_bundle(CASES / "base")
    unit, _ = load_yaml_file(CASES / "unit.yaml", "unit.yaml")
    assert isinstance(unit.model, UnitProfile)
    return bundle.guideline, bundle.crisis_types["uji"], unit.model


def test_waspada_tells_only_the_core_roles_with_a_deadline_at_that_level(loaded) -> None:
    guideline, crisis, unit = loaded
    result = plan(guideline, crisis, "waspada", {}, unit, START)
    assert [(a.role, a.person.name, a.deadline.strftime("%H:%M %Z")) for a in result.assignments] == [
        ("kalapas", "Siti Rahma", "14:20 WITA"),
    ]


def test_siaga_adds_the_partner_the_type_activates_sorted_by_deadline(loaded) -> None:
    guideline, crisis, unit = loaded
    result = plan(guideline, crisis, "siaga", {}, unit, START)
    assert [(a.role, a.channel, a.deadline.isoformat()) for a in result.assignments] == [
        ("kalapas", "telepon", "2025-11-26T14:20:00+08:00"),
        ("polres", "telepon", "2025-11-26T14:35:00+08:00"),
        ("kakanwil", "telepon", "2025-11-26T15:05:00+08:00"),
    ]
    assert result.assignments[1].task.id == "Amankan perimeter"


def test_the_checklist_and_statement_deadlines_count_from_the_start(loaded) -> None:
    guideline, crisis, unit = loaded
    result = plan(guideline, crisis, "darurat", {}, unit, START)
    assert [(c.action, c.deadline.strftime("%H:%M")) for c in result.checklist] == [("hitung", "14:35")]
    assert [(s.kind, s.deadline.strftime("%H:%M")) for s in result.statements] == [("holding", "15:05")]


def test_a_naive_start_is_taken_in_the_unit_zone(loaded) -> None:
    guideline, crisis, unit = loaded
    result = plan(guideline, crisis, "waspada", {}, unit, datetime(2025, 11, 26, 14, 5))
    assert result.start.isoformat() == "2025-11-26T14:05:00+08:00"


def test_a_roster_without_a_needed_role_names_the_role(loaded) -> None:
    guideline, crisis, unit = loaded
    thin = unit.model_copy(update={"roster": {"kalapas": unit.roster["kalapas"]}})
    with pytest.raises(PasopatiError) as caught:
        plan(guideline, crisis, "siaga", {}, thin, START)
    assert [p.message("en") for p in caught.value.problems] == [
        "the unit profile names nobody for role 'kakanwil'",
        "the unit profile names nobody for role 'polres'",
    ]


def test_the_json_form_gives_iso_deadlines_with_offset(loaded) -> None:
    guideline, crisis, unit = loaded
    document = plan(guideline, crisis, "waspada", {}, unit, START).as_dict("id")
    assert document["assignments"] == [
        {
            "role": "kalapas",
            "title": "Kepala Lapas",
            "person": "Siti Rahma",
            "person_title": "Kepala Lapas",
            "phone": "0812-0000-0001",
            "email": None,
            "channel": "telepon",
            "deadline": "2025-11-26T14:20:00+08:00",
            "task": None,
        }
    ]
