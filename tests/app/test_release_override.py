"""Releasing past the release rules (`--override`): only on the word of the official who approves at the
incident's level and for a reason, both recorded and reported; never a marked person's name in a statement
about a death before the step the guideline requires first is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.app import incident, statements
from pasopati_cli.app.inputs import UsageError
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import FixedClock, open_siaga

# The test guideline's disclosure rules, with the guard's rule for the names marked in the journal.
PERSON_RULE = """    - id: nama_orang
      check: person_name
      message: {id: Jangan sebut nama orang yang ditandai., en: Never print a marked name.}
      law: {id: UU 27/2022, en: Law 27/2022}
"""


@pytest.fixture
def opened(journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock) -> str:
    """A Siaga incident (approver: the Kalapas, Siti Rahma) whose guideline keeps marked names out; its id."""
    playbook = guideline / "playbooks" / "guideline.yaml"
    playbook.write_text(playbook.read_text().replace("  release_requires:\n", PERSON_RULE + "  release_requires:\n"))
    return open_siaga(journal, guideline, tmp_path, clock)


def _text(journal: Journal, guideline: Path, incident_id: str, tmp_path: Path, text: str) -> None:
    """S1's text replaced by `text` (its approval lapses, so releasing it needs an override)."""
    revised = tmp_path / "s1.md"
    revised.write_text(text)
    statements.revise(journal=journal, incident_id=incident_id, statement_id="S1", file=revised, operator=None,
                      guideline_root=guideline)  # fmt: skip


def _release(journal: Journal, guideline: Path, incident_id: str, **override: object) -> statements.Released:
    return statements.release(journal=journal, incident_id=incident_id, statement_id="S1", operator=None,
                              guideline_root=guideline, **override)  # type: ignore[arg-type]  # fmt: skip


def test_an_override_without_its_approver_or_its_reason_is_refused_and_records_nothing(
    journal: Journal, guideline: Path, opened: str
) -> None:
    before = journal.state(opened).last_seq
    with pytest.raises(PasopatiError) as neither:
        _release(journal, guideline, opened, override=True)
    assert [(found.code, found.message("id")) for found in neither.value.problems] == [
        (
            "P520",
            "--override perlu --approved-by NAMA dan --reason TEKS: pengecualian dicatat dengan nama pejabat yang "
            "menyetujuinya (Kepala Lapas (Siti Rahma)) dan alasannya; tidak ada yang dicatat",
        )
    ]
    with pytest.raises(PasopatiError) as no_reason:
        _release(journal, guideline, opened, override=True, approved_by="kalapas", reason="  ")
    assert [(found.code, found.message("en")) for found in no_reason.value.problems] == [
        (
            "P520",
            "--override needs --reason TEXT: an override is recorded with the name of the official who approves it "
            "(Head of the prison (Siti Rahma)) and its reason; nothing was recorded",
        )
    ]
    with pytest.raises(PasopatiError) as not_the_approver:  # at Siaga the Kalapas approves, not the Kakanwil
        _release(journal, guideline, opened, override=True, approved_by="Budi Hartono", reason="ancaman nyawa")
    assert [(found.code, found.message("en")) for found in not_the_approver.value.problems] == [
        (
            "P503",
            "at level Standby a statement must be approved by Head of the prison (Siti Rahma), not 'Budi Hartono'",
        )
    ]
    with pytest.raises(UsageError) as without_override:
        _release(journal, guideline, opened, reason="ancaman nyawa")
    assert without_override.value.flag == "--override"
    assert journal.state(opened).last_seq == before


def test_an_override_records_its_approver_and_reason_and_the_report_gives_both(
    journal: Journal, guideline: Path, opened: str
) -> None:
    released = _release(journal, guideline, opened, override=True, approved_by="siti rahma", reason=" ancaman nyawa ")
    assert released.approver == "Siti Rahma"
    assert [found.code for found in released.bypassed] == ["P503"]  # S1 was never approved
    assert dict(journal.events(opened)[-1].data) == {
        "statement": "S1",
        "content_hash": journal.state(opened).statements["S1"].content_hash,
        "override_reason": "ancaman nyawa",
        "override_by": "Siti Rahma",
        "bypassed": [released.bypassed[0].message("en")],
    }
    report = statements.report(journal=journal, incident_id=opened, output_format="md", output=None,
                               guideline_root=guideline, lang="id")  # fmt: skip
    assert (
        "- **Dirilis dengan pengecualian, alasan:** ancaman nyawa\n- **Pengecualian disetujui oleh:** Siti Rahma\n"
        in report
    )
    document = statements.report(journal=journal, incident_id=opened, output_format="json", output=None,
                                 guideline_root=guideline, lang="en")  # fmt: skip
    assert '"override_reason": "ancaman nyawa",\n      "override_by": "Siti Rahma"' in document


def test_an_override_with_nothing_to_go_past_is_an_ordinary_release(
    journal: Journal, guideline: Path, opened: str
) -> None:
    statements.approve(journal=journal, incident_id=opened, statement_id="S1", by="kalapas", operator=None,
                       guideline_root=guideline)  # fmt: skip
    released = _release(journal, guideline, opened, override=True, approved_by="kalapas", reason="cepat")
    assert released.bypassed == [] and "override_reason" not in journal.events(opened)[-1].data
    assert journal.state(opened).statements["S1"].override_by is None


def test_no_override_names_the_dead_before_the_step_the_guideline_requires_first(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path
) -> None:
    incident.log(journal=journal, incident_id=opened, text="korban", people=["Andi Wijaya"], operator=None,
                 guideline_root=guideline)  # fmt: skip
    _text(journal, guideline, opened, tmp_path, "# Pernyataan\n\nWarga binaan Andi Wijaya meninggal dunia.\n")
    before = journal.state(opened).last_seq
    with pytest.raises(PasopatiError) as refused:
        _release(journal, guideline, opened, override=True, approved_by="kalapas", reason="desakan media")
    assert [(found.code, found.line, found.column, found.message("en")) for found in refused.value.problems] == [
        (
            "P521",
            3,
            14,
            "--override cannot release a statement that carries the name of a marked person («Andi Wijaya»; S1, "
            "line 3 column 14) before its requirement is recorded: Count the inmates before mentioning a death. "
            f"Missing: Count the inmates (pasopati incident done {opened} hitung)",
        )
    ]
    with pytest.raises(PasopatiError) as also_incomplete:  # every reason at once
        _release(journal, guideline, opened, override=True)
    assert [found.code for found in also_incomplete.value.problems] == ["P520", "P521"]
    assert journal.state(opened).last_seq == before
    incident.done(journal=journal, incident_id=opened, action="hitung", at=None, operator=None,
                  guideline_root=guideline, lang="id")  # fmt: skip
    released = _release(journal, guideline, opened, override=True, approved_by="kalapas", reason="desakan media")
    assert [found.code for found in released.bypassed] == ["P503", "P602"]  # unapproved, and the name


def test_an_override_may_name_a_marked_person_when_no_death_is_mentioned(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path
) -> None:
    incident.log(journal=journal, incident_id=opened, text="kabur", people=["Andi Wijaya"], operator=None,
                 guideline_root=guideline)  # fmt: skip
    _text(journal, guideline, opened, tmp_path, "# Pernyataan\n\nAndi Wijaya masih dicari; warga diminta melapor.\n")
    released = _release(journal, guideline, opened, override=True, approved_by="kalapas", reason="keselamatan warga")
    assert [found.code for found in released.bypassed] == ["P503", "P602"]
