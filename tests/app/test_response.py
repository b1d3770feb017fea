"""The response use cases with a scripted officer, a refusing prompter and a temporary journal."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pasopati_cli.app.inputs import Inputs, gather
from pasopati_cli.app.ports import Interrupted
from pasopati_cli.app.prompter import CTRL_C, RefusingPrompter, ScriptedPrompter
from pasopati_cli.app.response import assign, list_types, respond, statement, triage
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import SIAGA, START, UNIT, FixedClock


def codes(error: pytest.ExceptionInfo[PasopatiError]) -> list[tuple[str | None, str]]:
    return [(found.file, found.code) for found in error.value.problems]


def test_the_types_are_listed_crisis_first(guideline: Path) -> None:
    found = list_types(guideline_root=guideline)
    assert [crisis.id for crisis in found.types] == ["uji"]
    assert found.as_dict("en")[0]["title"] == "Test incident"


def test_triage_walks_back_changes_an_answer_at_the_summary_and_raises_by_hand(guideline: Path) -> None:
    officer = ScriptedPrompter(["ya", "banyak", "<", "tidak", "2", "1", "ya", "3", "", "ya", "1", "keluarga bertanya"])
    done = triage(guideline_root=guideline, crisis_type="uji", inputs=Inputs(), prompter=officer, save=None)
    assert officer.asked == ["ada_luka", "jumlah_luka", "jumlah_luka", "ada_luka", "skala", "confirm", "ada_luka",
                             "jumlah_luka", "confirm", "raise?", "raise to", "reason"]  # fmt: skip
    assert officer.refused == [
        "Jawaban tidak sah: jawab dengan jumlah: 49 (pasti), ~50 atau 'sekitar 50' (perkiraan), >=49 atau 'sedikitnya 49' "
        "(batas bawah), 'puluhan', ? atau 'belum diketahui'"
    ]
    assert dict(done.result.answers) == {"ada_luka": True, "jumlah_luka": 3, "skala": "satu_blok"}
    assert (done.result.required_level, done.result.level) == ("siaga", "darurat")
    assert done.result.manual is not None and done.result.manual.reason == "keluarga bertanya"


def test_without_a_person_every_missing_answer_is_named_at_once(guideline: Path) -> None:
    inputs = gather(answer=["ada_luka=ya"])
    with pytest.raises(PasopatiError) as refused:
        triage(guideline_root=guideline, crisis_type="uji", inputs=inputs, prompter=RefusingPrompter(), save=None)
    assert codes(refused) == [(None, "P401"), (None, "P401")]
    assert [found.args["name"] for found in refused.value.problems] == ["jumlah_luka", "skala"]


def test_ctrl_c_in_triage_keeps_the_answers_given_and_typed(guideline: Path, tmp_path: Path) -> None:
    saved = tmp_path / "jawaban.yaml"
    officer = ScriptedPrompter(["tidak", CTRL_C])
    with pytest.raises(Interrupted) as stop:
        triage(guideline_root=guideline, crisis_type="uji", inputs=Inputs(), prompter=officer, save=saved)
    assert stop.value.saved == saved
    assert yaml.safe_load(saved.read_text())["answers"] == {"ada_luka": False}


def test_assign_takes_a_level_as_given(guideline: Path, clock: FixedClock) -> None:
    plan = assign(guideline_root=guideline, crisis_type="uji", level="siaga", unit=UNIT, start=START,
                  inputs=Inputs(), prompter=RefusingPrompter(), clock=clock)  # fmt: skip
    assert plan.level == "siaga"
    assert [item.role for item in plan.assignments][:1] == ["kalapas"]


def test_a_statement_asks_its_missing_fact_and_the_guard_reads_it(guideline: Path, clock: FixedClock) -> None:
    officer = ScriptedPrompter(["dapur, NIK 3201234567890123"])
    done = statement(guideline_root=guideline, crisis_type="uji", kind="holding", level="siaga", unit=UNIT,
                     start=START, inputs=Inputs(), prompter=officer, lang="id", output=None,
                     document_format="markdown", clock=clock)  # fmt: skip
    assert "dapur, NIK" in done.text
    assert [found.code for found in done.findings] == ["P608"]


def test_a_missing_fact_without_a_person_names_the_flag(guideline: Path, clock: FixedClock) -> None:
    with pytest.raises(PasopatiError) as refused:
        statement(guideline_root=guideline, crisis_type="uji", kind="holding", level="siaga", unit=UNIT,
                  start=START, inputs=Inputs(), prompter=RefusingPrompter(), lang="id", output=None,
                  document_format="markdown", clock=clock)  # fmt: skip
    assert codes(refused) == [(None, "P404")]
    assert "--set lokasi=NILAI" in refused.value.problems[0].message("id")


def _respond(journal: Journal, guideline: Path, tmp_path: Path, officer: object, inputs: Inputs, **given: object):
    return respond(journal=journal, prompter=officer, guideline_root=guideline, inputs=inputs, lang="id",  # type: ignore[arg-type]
                   unit=UNIT, output=tmp_path / "keluaran", **given)  # type: ignore[arg-type]  # fmt: skip


def test_respond_records_every_step_and_the_first_statement(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    officer = ScriptedPrompter(
        ["kejadian uji", "", "", "tidak", "1", "ya", "tidak", "area dapur", "ubah", "lokasi", "ruang makan", "ya"]
    )  # fmt: skip (the third: no names to keep out)
    done = _respond(journal, guideline, tmp_path, officer, Inputs(), start=START, clock=clock)
    assert officer.asked[:2] == ["type", "guess"]  # a description, read by the keywords, the guess confirmed
    assert done.statement_id == "S1" and done.target.read_text().count("ruang makan") == 1
    state = journal.state(done.incident_id)
    assert dict(state.answers) == {"ada_luka": False, "skala": "satu_kamar"}
    assert list(state.statements) == ["S1"] and state.level == "waspada"
    assert done.as_dict()["statement"]["file"] == str(done.target)


def test_ctrl_c_at_a_fact_keeps_the_facts_typed_and_resume_finishes(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    saved = tmp_path / "sejauh-ini.yaml"
    officer = ScriptedPrompter(["", "ya", "2", "1", "ya", "tidak", CTRL_C])  # no names to keep out, then triage
    with pytest.raises(Interrupted) as stop:
        _respond(journal, guideline, tmp_path, officer, Inputs(), crisis_type="uji", start=START, save=saved,
                 clock=clock)  # fmt: skip
    incident = stop.value.incident_id
    assert incident is not None and stop.value.saved == saved
    assert dict(journal.state(incident).answers) == {"ada_luka": True, "jumlah_luka": 2, "skala": "satu_kamar"}
    # resumed without a person: the answers are the journal's, the fact comes from --set
    done = _respond(journal, guideline, tmp_path, RefusingPrompter(), gather(answers_file=saved, sets=["lokasi=dapur"]),
                    resume=incident, clock=clock)  # fmt: skip
    assert (done.incident_id, done.statement_id, done.result.level) == (incident, "S1", "siaga")
    with pytest.raises(PasopatiError) as complete:
        _respond(journal, guideline, tmp_path, RefusingPrompter(), Inputs(), resume=incident, clock=clock)
    assert codes(complete) == [(None, "P503")]


def test_a_refused_walk_says_how_to_complete_it_from_the_journal(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    with pytest.raises(PasopatiError) as refused:
        _respond(journal, guideline, tmp_path, RefusingPrompter(), gather(answer=SIAGA), crisis_type="uji",
                 start=START, clock=clock)  # fmt: skip
    assert codes(refused) == [(None, "P404")]
    assert refused.value.hint is not None and "pasopati incident resume" in refused.value.hint
    (incident,) = journal.incidents()
    assert incident.level == "siaga"  # what was given is in the journal


def test_when_conditions_decide_which_questions_are_asked(guideline: Path) -> None:
    officer = ScriptedPrompter(["tidak", "satu_kamar", "ya", "tidak"])
    done = triage(guideline_root=guideline, crisis_type="uji", inputs=Inputs(), prompter=officer, save=None)
    assert dict(done.result.answers) == {"ada_luka": False, "skala": "satu_kamar"}
    assert officer.asked == ["ada_luka", "skala", "confirm", "raise?"]  # jumlah_luka only follows a yes


def test_the_walk_asks_when_it_began_first_and_deadlines_count_from_it(
    guideline: Path, journal: Journal, tmp_path: Path, clock: FixedClock
) -> None:
    # 15.00 WITA: the officer says it began at 14.20, and a time that cannot be read is asked again.
    officer = ScriptedPrompter(["tadi jam", "tadi 14.20", "Budi Santoso, Dewi  Lestari", "ya", "tidak", "ya"])
    done = respond(journal=journal, prompter=officer, guideline_root=guideline, lang="id",
                   inputs=gather(answer=SIAGA, sets=["lokasi=area dapur"]), crisis_type="uji", unit=UNIT,
                   output=tmp_path, clock=clock)  # fmt: skip
    assert officer.asked[:2] == ["start", "start"]
    assert officer.refused == [
        "Jawaban tidak sah: jamnya tidak terbaca (mis. 18.15, tadi 18.15, kemarin 23.50, 18.15 WIB, 10/3 18.15, "
        "10 Maret 18.15, 2026-03-10 18:15)"
    ]
    assert f"{journal.state(done.incident_id).start:%d %H.%M}" == "26 14.20"
    assert journal.state(done.incident_id).people == ("Budi Santoso", "Dewi Lestari")  # asked once, kept


def test_a_question_that_can_raise_the_level_offers_no_default_for_enter(guideline: Path) -> None:
    from pasopati_cli.loader import load_bundle
    from pasopati_cli.triage import can_raise

    bundle, _ = load_bundle(guideline)
    crisis = bundle.crisis_types["uji"]
    assert [q.id for q in crisis.triage.questions if can_raise(q)] == ["ada_luka", "jumlah_luka", "skala"]
    officer = ScriptedPrompter(["", "tidak", "1", "ya", "tidak"])  # Enter alone is not an answer here
    done = triage(guideline_root=guideline, crisis_type="uji", inputs=Inputs(), prompter=officer, save=None)
    assert officer.asked[:2] == ["ada_luka", "ada_luka"] and len(officer.refused) == 1
    assert done.result.answers["ada_luka"] is False
