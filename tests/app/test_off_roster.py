"""Telling someone who is not on the roster (a Bupati, a Kapolda, a family member): recorded by name and
role, said back, shown in show, status and the report, and never counted for a role of the guideline."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.app import incident, statements
from pasopati_cli.app.inputs import UsageError
from pasopati_cli.app.prompter import RefusingPrompter
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import FixedClock


def _tell(journal: Journal, guideline: Path, incident_id: str, **given: object) -> incident.Recorded:
    values: dict[str, object] = {"role": None, "channel": None, "at": None, "operator": None, "lang": "id"} | given
    return incident.notify(journal=journal, incident_id=incident_id, guideline_root=guideline, **values)  # type: ignore[arg-type]


def test_someone_off_the_roster_is_recorded_by_name_and_role_and_listed_apart(
    journal: Journal, guideline: Path, opened: str, clock: FixedClock
) -> None:
    told = _tell(journal, guideline, opened, person=" Irjen  Karyoto ", title="Kapolda Metro Jaya", channel="WA",
                 at="14:30", clock=clock)  # fmt: skip
    assert (told.what, told.how, told.at, told.already) == (
        "Irjen Karyoto, Kapolda Metro Jaya (di luar daftar peran)",
        "WhatsApp",
        "14.30 WITA",
        False,
    )
    event = journal.events(opened)[-1]
    assert (event.type, dict(event.data)) == (
        "role_notified",
        {"person": "Irjen Karyoto", "title": "Kapolda Metro Jaya", "channel": "whatsapp",
         "at": "2025-11-26T14:30:00+08:00"},
    )  # fmt: skip
    status = incident.status(journal=journal, incident_id=opened, guideline_root=guideline, clock=clock)
    assert [(item.key, item.done_at) for item in status.items if item.what == "notify"] == [
        ("kalapas", None),
        ("polres", None),
        ("kakanwil", None),
    ]  # no role of the guideline is counted as told
    listed = [{"person": "Irjen Karyoto", "title": "Kapolda Metro Jaya", "channel": "whatsapp",
               "at": "2025-11-26T14:30:00+08:00", "by": "Petugas Uji"}]  # fmt: skip
    assert status.as_dict("id")["notified_off_roster"] == listed
    assert incident.details(journal.state(opened))["notified_off_roster"] == listed
    report = statements.report(journal=journal, incident_id=opened, output_format="md", output=None,
                               guideline_root=guideline, lang="id")  # fmt: skip
    assert (
        "**Diberi tahu di luar daftar peran:**\n\n"
        "- Irjen Karyoto, Kapolda Metro Jaya (whatsapp): Rabu, 26 November 2025, 14.30 WITA — Petugas Uji\n"
    ) in report
    assert "| Petugas Uji | Irjen Karyoto, Kapolda Metro Jaya (whatsapp) |" in report  # the timeline


def test_the_same_person_in_the_same_role_is_said_back_not_recorded_twice(
    journal: Journal, guideline: Path, opened: str, clock: FixedClock
) -> None:
    _tell(journal, guideline, opened, person="Ibu Sri", title="keluarga korban", clock=clock)
    before = journal.state(opened).last_seq
    again = _tell(journal, guideline, opened, person="ibu sri", title="Keluarga Korban", channel="telepon",
                  lang="en", clock=clock)  # fmt: skip
    assert (again.what, again.how, again.already) == ("Ibu Sri, keluarga korban (not on the roster)", "-", True)
    assert journal.state(opened).last_seq == before
    other = _tell(journal, guideline, opened, person="Bapak Joko", title="keluarga korban", clock=clock)
    assert not other.already and len(journal.state(opened).others) == 2


def test_a_person_needs_both_a_name_and_a_role_and_never_with_a_roster_role(
    journal: Journal, guideline: Path, opened: str
) -> None:
    before = journal.state(opened).last_seq
    with pytest.raises(UsageError) as no_role:
        _tell(journal, guideline, opened, person="Irjen Karyoto")
    assert no_role.value.flag == "--as"
    with pytest.raises(UsageError) as no_name:
        _tell(journal, guideline, opened, person="  ", title="Bupati")
    assert no_name.value.flag == "--name"
    with pytest.raises(UsageError) as both:
        _tell(journal, guideline, opened, role="kalapas", person="Siti Rahma", title="Kalapas")
    assert both.value.flag == "--as"
    with pytest.raises(UsageError) as nothing:
        _tell(journal, guideline, opened)
    assert nothing.value.flag == "ROLE"
    with pytest.raises(PasopatiError) as channel:
        _tell(journal, guideline, opened, person="H. Andi", title="Bupati", channel="merpati")
    assert [found.code for found in channel.value.problems] == ["P201"]
    assert journal.state(opened).last_seq == before


def test_an_unknown_role_points_to_the_way_of_telling_someone_off_the_roster(
    journal: Journal, guideline: Path, opened: str
) -> None:
    with pytest.raises(PasopatiError) as refused:
        _tell(journal, guideline, opened, role="bupati")
    assert [found.message("id") for found in refused.value.problems] == [
        "peran 'bupati' tidak dikenal (kalapas, kakanwil, polres); orang di luar daftar peran: --name NAMA --as JABATAN"
    ]
    with pytest.raises(PasopatiError) as typo:  # near a roster role: the role is what was meant
        _tell(journal, guideline, opened, role="kakanwill", lang="en")
    assert [found.message("en") for found in typo.value.problems] == [
        "unknown role 'kakanwill'; did you mean 'kakanwil'?"
    ]


def test_telling_the_regional_head_by_name_off_the_roster_does_not_meet_a_release_rule(
    journal: Journal, guideline: Path, opened: str
) -> None:
    """Only the roster's role satisfies what the guideline requires before a release."""
    incident.raise_level(journal=journal, prompter=RefusingPrompter(), incident_id=opened, level="darurat",
                         reason="media nasional", operator=None, guideline_root=guideline)  # fmt: skip
    _tell(journal, guideline, opened, person="Budi Hartono", title="Kakanwil")
    statements.approve(journal=journal, incident_id=opened, statement_id="S1", by="kakanwil", operator=None,
                       guideline_root=guideline)  # fmt: skip
    with pytest.raises(PasopatiError) as blocked:
        statements.release(journal=journal, incident_id=opened, statement_id="S1", operator=None,
                           guideline_root=guideline)  # fmt: skip
    assert [found.code for found in blocked.value.problems] == ["P503"]
