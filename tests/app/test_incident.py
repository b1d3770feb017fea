"""The incident and statement use cases over a temporary journal: record, follow up, approve, release."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.app import incident, statements
from pasopati_cli.app.inputs import gather
from pasopati_cli.app.prompter import CTRL_C, RefusingPrompter, ScriptedPrompter
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError


def test_steps_are_recorded_and_status_follows_them(journal: Journal, guideline: Path, opened: str) -> None:
    told = incident.notify(journal=journal, incident_id=opened, role="kakanwil", channel="WhatsApp", at="14:20",
                           operator=None, guideline_root=guideline, lang="en")  # fmt: skip
    assert (told.what, told.how, f"{told.when:%H:%M}") == ("Regional head", "WhatsApp", "14:20")
    incident.done(journal=journal, incident_id=opened, action="hitung", at=None, operator="Rina",
                  guideline_root=guideline, lang="id")  # fmt: skip
    incident.log(journal=journal, incident_id=opened, text="keluarga ditelepon", people=None, operator=None,
                 guideline_root=guideline)  # fmt: skip
    status = incident.status(journal=journal, incident_id=opened, guideline_root=guideline)
    done = {item.key for item in status.items if item.done_at is not None}
    assert "kakanwil" in done and "hitung" in done
    assert incident.details(journal.state(opened))["notes"][0]["text"] == "keluarga ditelepon"


def test_a_step_before_the_incident_began_is_refused(journal: Journal, guideline: Path, opened: str) -> None:
    with pytest.raises(PasopatiError) as refused:
        incident.done(journal=journal, incident_id=opened, action="hitung", at="2025-11-26 13:00", operator=None,
                      guideline_root=guideline, lang="id")  # fmt: skip
    assert [found.code for found in refused.value.problems] == ["P407"]


def test_a_raise_asks_the_reason_of_a_person_and_refuses_without_one(
    journal: Journal, guideline: Path, opened: str
) -> None:
    from pasopati_cli.app.inputs import UsageError

    with pytest.raises(UsageError):
        incident.raise_level(journal=journal, prompter=RefusingPrompter(), incident_id=opened, level="darurat",
                             reason=None, operator=None, guideline_root=guideline)  # fmt: skip
    officer = ScriptedPrompter(["", "media nasional"])
    raised = incident.raise_level(journal=journal, prompter=officer, incident_id=opened, level="Emergency",
                                  reason=None, operator=None, guideline_root=guideline)  # fmt: skip
    assert (raised.old, raised.new, raised.reason) == ("siaga", "darurat", "media nasional")
    assert officer.asked == ["reason", "reason"] and len(officer.refused) == 1  # an empty reason asked again
    assert raised.as_dict("en")["level"] == "darurat"
    assert incident.close(
        journal=journal, incident_id=opened, operator=None, guideline_root=guideline, confirmed=True
    ).outstanding
    incident.verify(journal=journal, incident_id=opened)
    with pytest.raises(PasopatiError):
        incident.raise_level(journal=journal, prompter=officer, incident_id=opened, level="darurat", reason="x",
                             operator=None, guideline_root=guideline)  # fmt: skip


def test_a_later_statement_is_reviewed_edited_then_approved_and_released(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path
) -> None:
    officer = ScriptedPrompter(["ubah", "1", "ruang makan", "ya"])
    drafted = statements.draft(journal=journal, prompter=officer, incident_id=opened, kind="holding",
                               inputs=gather(), output=None, operator=None, guideline_root=guideline, lang="id")  # fmt: skip
    assert drafted.statement_id == "S2" and "ruang makan" in drafted.text  # S1 is the response's
    assert officer.asked == ["save", "edit", "lokasi", "save"]
    with pytest.raises(PasopatiError) as unapproved:
        statements.release(journal=journal, incident_id=opened, statement_id="S2", operator=None,
                           guideline_root=guideline)  # fmt: skip
    assert [found.code for found in unapproved.value.problems] == ["P503"]
    name = statements.approve(journal=journal, incident_id=opened, statement_id="S2", by="kalapas", operator=None,
                              guideline_root=guideline)  # fmt: skip
    assert name == "Siti Rahma"
    assert statements.release(journal=journal, incident_id=opened, statement_id="S2",
                              operator=None, guideline_root=guideline).bypassed == []  # fmt: skip
    report = statements.report(journal=journal, incident_id=opened, output_format="json", output=tmp_path / "r.json",
                               guideline_root=guideline, lang="en")  # fmt: skip
    assert (tmp_path / "r.json").read_text() == report


def test_a_revised_draft_needs_approval_again_and_an_override_is_recorded(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path
) -> None:
    kwargs = {"journal": journal, "incident_id": opened, "statement_id": "S1", "operator": None}
    statements.approve(by="Siti Rahma", guideline_root=guideline, **kwargs)  # type: ignore[arg-type]
    revised = tmp_path / "s1.md"
    revised.write_text("# Pernyataan\n\nTeks baru.\n")
    statements.revise(file=revised, guideline_root=guideline, **kwargs)  # type: ignore[arg-type]
    released = statements.release(
        override=True, reason="ancaman nyawa", approved_by="kalapas", guideline_root=guideline, **kwargs
    )  # type: ignore[arg-type]
    assert [(found.code, found.severity.value) for found in released.bypassed] == [("P503", "warning")]
    assert journal.verify(opened, head=released.event.hash) == []  # the code printed is on the chain
    assert journal.state(opened).statements["S1"].status == "released"


def test_ctrl_c_while_drafting_records_nothing(journal: Journal, guideline: Path, opened: str) -> None:
    officer = ScriptedPrompter([CTRL_C])
    with pytest.raises(KeyboardInterrupt):
        statements.draft(journal=journal, prompter=officer, incident_id=opened, kind="holding", inputs=gather(),
                         output=None, operator=None, guideline_root=guideline, lang="id")  # fmt: skip
    assert list(journal.state(opened).statements) == ["S1"]


def test_a_statement_output_that_exists_is_replaced_only_when_the_officer_agrees(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path
) -> None:
    target = tmp_path / "s2.md"
    target.write_text("lama\n")
    kwargs = {"journal": journal, "incident_id": opened, "kind": "holding", "output": target, "operator": None,
              "guideline_root": guideline, "lang": "id"}  # fmt: skip
    with pytest.raises(PasopatiError) as refused:  # no one to ask: refused before any question
        statements.draft(prompter=RefusingPrompter(), inputs=gather(), **kwargs)  # type: ignore[arg-type]
    assert [found.code for found in refused.value.problems] == ["P421"] and target.read_text() == "lama\n"
    declined = ScriptedPrompter(["tidak"])
    with pytest.raises(PasopatiError):
        statements.draft(prompter=declined, inputs=gather(), **kwargs)  # type: ignore[arg-type]
    assert declined.asked == ["replace"] and len(journal.state(opened).statements) == 1
    officer = ScriptedPrompter(["ya", "ya"])
    drafted = statements.draft(prompter=officer, inputs=gather(), **kwargs)  # type: ignore[arg-type]
    assert officer.asked == ["replace", "save"] and target.read_text() == drafted.text


def test_closing_with_steps_never_done_is_asked_once_and_no_keeps_it_open(
    journal: Journal, guideline: Path, opened: str
) -> None:
    officer = ScriptedPrompter(["tidak"])
    with pytest.raises(PasopatiError) as kept_open:
        incident.close(journal=journal, incident_id=opened, operator=None, guideline_root=guideline, prompter=officer)
    assert [p.code for p in kept_open.value.problems] == ["P410"] and not journal.state(opened).closed
    assert officer.asked == ["close"] and ("hint", "  • notify kakanwil") in officer.said
    closed = incident.close(journal=journal, incident_id=opened, operator=None, guideline_root=guideline,
                            prompter=ScriptedPrompter(["ya"]))  # fmt: skip
    assert closed.outstanding and journal.state(opened).closed
