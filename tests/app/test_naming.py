"""Initials by role and stage through the use cases: the walk asks each name's role once, the journal keeps
it, and a statement naming a suspect by initials is refused until the incident records that the
investigators have named one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from pasopati_cli.app import facts, incident, statements
from pasopati_cli.app.inputs import gather
from pasopati_cli.app.prompter import RefusingPrompter, ScriptedPrompter
from pasopati_cli.app.response import respond
from pasopati_cli.journal import Journal
from pasopati_cli.loader import package_guideline_dir
from pasopati_cli.problems import PasopatiError
from pasopati_cli.response import load_guideline
from tests.app.conftest import FixedClock

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BUNDLED = package_guideline_dir()
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def smuggling(journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, FixedClock]:
    """The example smuggling attempt (the visitor Desi Susanti marked as tersangka, the inmate she visited,
    Roni Hasibuan, as warga_binaan), opened at 11.00 WIB; its id."""
    clock = FixedClock(datetime(2026, 11, 26, 11, 0, tzinfo=WIB))
    monkeypatch.setattr("pasopati_cli.clock.now", clock.now)
    done = respond(journal=journal, prompter=RefusingPrompter(), guideline_root=BUNDLED, lang="id",
                   inputs=gather(answers_file=EXAMPLES / "penyelundupan.answers.yaml"), crisis_type="penyelundupan",
                   unit=EXAMPLES / "unit.yaml", output=tmp_path, clock=clock)  # fmt: skip
    return done.incident_id, clock


def approve(journal: Journal, incident_id: str, tmp_path: Path, text: str) -> str:
    draft = tmp_path / "revised.md"
    draft.write_text(text, encoding="utf-8")
    statements.revise(journal=journal, incident_id=incident_id, statement_id="S1", file=draft, operator=None,
                      guideline_root=BUNDLED)  # fmt: skip
    return statements.approve(journal=journal, incident_id=incident_id, statement_id="S1", by="kalapas",
                              operator=None, guideline_root=BUNDLED)  # fmt: skip


SUSPECT = (
    "# Lapas Kelas IIA Contoh Serahkan Pengunjung kepada Polres\n\n"
    "Seorang pengunjung berinisial D.S. telah diserahkan kepada Satuan Reserse Narkoba Polres Sukamaju.\n"
)


def test_the_suspects_initials_are_refused_before_the_investigators_name_her_and_allowed_after(
    journal: Journal, smuggling: tuple[str, FixedClock], tmp_path: Path
) -> None:
    incident_id, clock = smuggling
    assert journal.state(incident_id).roles == {"Desi Susanti": "tersangka", "Roni Hasibuan": "warga_binaan"}
    with pytest.raises(PasopatiError) as refused:
        approve(journal, incident_id, tmp_path, SUSPECT)
    [found] = refused.value.problems
    assert (found.line, found.column, found.code) == (3, 31, "P610")
    assert "a person marked as tersangka" in found.message("en")
    assert "ditetapkan_tersangka=yes" in found.message("en")
    facts.record_facts(journal=journal, incident_id=incident_id, assignments=["ditetapkan_tersangka=ya"],
                       source="Polres", at=None, operator="Rina", guideline_root=BUNDLED, lang="id",
                       clock=clock)  # fmt: skip
    assert approve(journal, incident_id, tmp_path, SUSPECT)  # the stage is recorded: approved


def test_the_inmate_visited_is_never_named_by_initials_whatever_the_stage(
    journal: Journal, smuggling: tuple[str, FixedClock], tmp_path: Path
) -> None:
    incident_id, clock = smuggling
    facts.record_facts(journal=journal, incident_id=incident_id, assignments=["ditetapkan_tersangka=ya"],
                       source="Polres", at=None, operator="Rina", guideline_root=BUNDLED, lang="id",
                       clock=clock)  # fmt: skip
    with pytest.raises(PasopatiError) as refused:
        approve(journal, incident_id, tmp_path, "Barang itu ditujukan kepada RH, seorang narapidana.\n")
    assert [(p.column, p.code) for p in refused.value.problems] == [(29, "P610")]
    assert "marked as warga_binaan" in refused.value.problems[0].message("en")


def test_a_role_given_in_the_activity_log_joins_the_incident(
    journal: Journal, smuggling: tuple[str, FixedClock], tmp_path: Path
) -> None:
    incident_id, _ = smuggling
    incident.log(journal=journal, incident_id=incident_id, text="saksi dimintai keterangan",
                 people=["Maya Nur=saksi"], operator=None, guideline_root=BUNDLED)  # fmt: skip
    assert journal.state(incident_id).roles["Maya Nur"] == "saksi"
    with pytest.raises(PasopatiError) as unknown:
        incident.log(journal=journal, incident_id=incident_id, text="-", people=["Maya Nur=saksii"], operator=None,
                     guideline_root=BUNDLED)  # fmt: skip
    assert [p.code for p in unknown.value.problems] == ["P201"]


def test_the_walk_asks_each_names_role_once_by_number_or_id() -> None:
    naming = load_guideline(BUNDLED).disclosure.naming
    prompter = ScriptedPrompter(["Desi Susanti, Roni  Hasibuan", "penjahat", "1", "warga_binaan"], lang="en")
    assert prompter.people(naming) == {"Desi Susanti": "tersangka", "Roni Hasibuan": "warga_binaan"}
    assert prompter.asked == ["people", "role", "role", "role"]
    assert prompter.refused == ["Invalid answer: choose a number from 1 to 10 or the role's id"]
    hints = [text for tone, text in prompter.said if tone == "hint"]
    assert hints[1].splitlines()[:3] == [
        "Each person's role decides when their initials may be printed:",
        "  1 tersangka: a person detained or reported for an alleged offence",
        "  2 terduga: staff under internal examination",
    ]


def test_a_name_left_at_the_default_takes_the_default_role_and_no_naming_asks_no_role() -> None:
    naming = load_guideline(BUNDLED).disclosure.naming
    assert ScriptedPrompter(["Desi Susanti", ""]).people(naming) == {"Desi Susanti": "lainnya"}
    assert ScriptedPrompter(["Desi Susanti"]).people(None) == {"Desi Susanti": None}


def test_an_unknown_role_in_the_answers_file_is_refused_before_the_incident_opens(
    journal: Journal, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    text = (EXAMPLES / "penyelundupan.answers.yaml").read_text(encoding="utf-8")
    answers.write_text(text.replace("role: tersangka}", "role: tersangak}"), encoding="utf-8")
    with pytest.raises(PasopatiError) as refused:
        respond(journal=journal, prompter=RefusingPrompter(), guideline_root=BUNDLED, lang="id",
                inputs=gather(answers_file=answers), crisis_type="penyelundupan", unit=EXAMPLES / "unit.yaml",
                output=tmp_path)  # fmt: skip
    [found] = refused.value.problems
    assert (found.code, found.path) == ("P201", "people[0].role")
    assert found.message("en").startswith("unknown role in the incident 'tersangak'; did you mean 'tersangka'?")
    assert journal.incidents() == []


def test_a_resumed_walk_guards_with_the_names_and_roles_the_journal_keeps(journal: Journal, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = (EXAMPLES / "penyelundupan.answers.yaml").read_text(encoding="utf-8")
    answers.write_text(text.replace("  lokasi_umum:\n", "  lokasi_lain:\n"), encoding="utf-8")
    with pytest.raises(PasopatiError) as stopped:  # lokasi_umum is missing: the incident waits in the journal
        respond(journal=journal, prompter=RefusingPrompter(), guideline_root=BUNDLED, lang="id",
                inputs=gather(answers_file=answers), crisis_type="penyelundupan", unit=EXAMPLES / "unit.yaml",
                output=tmp_path)  # fmt: skip
    assert [p.code for p in stopped.value.problems] == ["P404"]
    [waiting] = journal.incidents()
    facts = yaml.safe_load(answers.read_text(encoding="utf-8"))["facts"]  # the facts alone: no names given
    facts["lokasi_umum"] = "area kunjungan, tempat D.S. diamankan"
    given = tmp_path / "facts.yaml"
    given.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    done = respond(journal=journal, prompter=RefusingPrompter(), guideline_root=BUNDLED, lang="id",
                   inputs=gather(vars_file=given), resume=waiting.id, unit=EXAMPLES / "unit.yaml",
                   output=tmp_path)  # fmt: skip
    assert [p.code for p in done.findings] == ["P610"]
    assert "a person marked as tersangka" in done.findings[0].message("en")


def test_a_name_has_letters_and_a_role_may_be_typed_with_a_space() -> None:
    naming = load_guideline(BUNDLED).disclosure.naming
    prompter = ScriptedPrompter(["<", "Roni Hasibuan", "warga binaan"])
    assert prompter.people(naming) == {"Roni Hasibuan": "warga_binaan"}
    assert prompter.asked == ["people", "people", "role"]
    assert prompter.refused == ["Jawaban tidak sah: tulis nama lengkap (huruf), dipisah koma; Enter bila tidak ada"]
