"""The living incident's facts through the use cases: a night of counts that change, and a corrected start."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pasopati_cli.app import facts
from pasopati_cli.app.inputs import gather
from pasopati_cli.app.prompter import RefusingPrompter
from pasopati_cli.app.response import respond
from pasopati_cli.journal import Journal
from pasopati_cli.loader import package_guideline_dir
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import FixedClock

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WIB = ZoneInfo("Asia/Jakarta")
BUNDLED = package_guideline_dir()


@pytest.fixture
def night(journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, FixedClock]:
    """A Siaga escape of two at 05.30 WIB, opened at 06.00 from the example answers."""
    clock = FixedClock(datetime(2026, 11, 26, 6, 0, tzinfo=WIB))
    monkeypatch.setattr("pasopati_cli.clock.now", clock.now)
    done = respond(journal=journal, prompter=RefusingPrompter(), guideline_root=BUNDLED, lang="id",
                   inputs=gather(answers_file=EXAMPLES / "pelarian.answers.yaml"), crisis_type="pelarian",
                   unit=EXAMPLES / "unit.yaml", output=tmp_path, clock=clock)  # fmt: skip
    return done.incident_id, clock


def record(journal: Journal, incident_id: str, clock: FixedClock, *pairs: str, at: str | None = None,
           source: str | None = None) -> facts.FactsRecorded:  # fmt: skip
    return facts.record_facts(journal=journal, incident_id=incident_id, assignments=list(pairs), source=source,
                              at=at, operator="Rina", guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip


def test_counts_change_through_the_night_and_the_sheet_keeps_every_version(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    incident_id, clock = night
    first = record(journal, incident_id, clock, "jumlah_kabur=sedikitnya 4", "jumlah_tertangkap=1",
                   "jumlah_menyerahkan_diri=0", source="KPLP")  # fmt: skip
    assert first.values == {"jumlah_kabur": ">=4", "jumlah_tertangkap": 1, "jumlah_menyerahkan_diri": 0}
    assert first.derived == {"jumlah_masih_dicari": ">=3"}
    assert (first.level, first.required_level, first.raise_proposed) == ("siaga", "siaga", False)
    assert first.open_counts == ("jumlah_kabur",)
    second = record(journal, incident_id, clock, "jumlah_kabur=6", at="05.55", source="Polres")
    assert (second.required_level, second.raise_proposed) == ("darurat", True)
    assert second.reasons == ["pelarian massal (5 orang atau lebih)"]
    view = facts.facts(journal=journal, incident_id=incident_id, guideline_root=BUNDLED, lang="id")
    history = view.sheet.history["jumlah_kabur"]
    assert [(v.value, v.source) for v in history] == [(2, "statement S1"), (">=4", "KPLP"), (6, "Polres")]
    assert f"{history[-1].at:%H.%M}" == "05.55"
    assert view.derived == {"jumlah_masih_dicari": "5"}
    assert view.labels["jumlah_masih_dicari"] == "Jumlah yang masih dicari"
    assert journal.state(incident_id).answers["jumlah_kabur"] == 6  # triage follows the facts


def test_a_wrong_fact_is_refused_whole_and_nothing_is_recorded(journal: Journal, night: tuple[str, FixedClock]) -> None:
    incident_id, clock = night
    before = len(journal.events(incident_id))
    with pytest.raises(PasopatiError) as refused:
        record(journal, incident_id, clock, "jumlah_kabur=3", "jumlah_tertangkap=5", "jumlah_menyerahkan_diri=0")
    assert [p.code for p in refused.value.problems] == ["P433"]
    for pairs, code in [
        (["jumlah_kabur"], "P431"),
        (["kabur=3"], "P430"),
        (["jumlah_kabur=1", "jumlah_kabur=2"], "P431"),
    ]:
        with pytest.raises(PasopatiError) as refused:
            record(journal, incident_id, clock, *pairs)
        assert [p.code for p in refused.value.problems] == [code]
    with pytest.raises(PasopatiError) as refused:
        record(journal, incident_id, clock, "jumlah_kabur=3", at="05.00")
    assert [p.code for p in refused.value.problems] == ["P407"]  # before the incident began
    assert len(journal.events(incident_id)) == before


def test_the_start_is_corrected_with_a_reason_and_deadlines_follow(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    from pasopati_cli.app import incident

    incident_id, clock = night
    with pytest.raises(PasopatiError) as refused:
        facts.correct_start(journal=journal, incident_id=incident_id, when="05.10", reason=" ", operator=None,
                            guideline_root=BUNDLED, clock=clock)  # fmt: skip
    assert [p.code for p in refused.value.problems] == ["P435"]
    with pytest.raises(PasopatiError) as refused:
        facts.correct_start(journal=journal, incident_id=incident_id, when="besok 05.10", reason="x", operator=None,
                            guideline_root=BUNDLED, clock=clock)  # fmt: skip
    assert [p.code for p in refused.value.problems] == ["P434"]
    corrected = facts.correct_start(journal=journal, incident_id=incident_id, when="tadi 05.10",
                                    reason="rekaman CCTV", operator=None, guideline_root=BUNDLED, clock=clock)  # fmt: skip
    assert (f"{corrected.previous:%H.%M}", f"{corrected.start:%H.%M}") == ("05.30", "05.10")
    assert f"{journal.state(incident_id).start:%H.%M}" == "05.10"
    status = incident.status(journal=journal, incident_id=incident_id, guideline_root=BUNDLED)
    kalapas = next(item for item in status.items if item.key == "kalapas")
    assert f"{kalapas.deadline:%H.%M}" == "05.25"  # 15 minutes from the corrected start


def test_a_later_statement_speaks_from_the_sheet_as_it_stands_and_numbers_itself(
    journal: Journal, night: tuple[str, FixedClock], tmp_path: Path
) -> None:
    from pasopati_cli.app import statements

    incident_id, clock = night
    record(
        journal,
        incident_id,
        clock,
        "jumlah_kabur=3",
        "jumlah_tertangkap=1",
        "jumlah_menyerahkan_diri=0",
        source="Polres",
    )

    def draft() -> tuple[str, str]:
        done = statements.draft(journal=journal, prompter=RefusingPrompter(), incident_id=incident_id, kind="update",
                                inputs=gather(sets=["perkembangan=Satu orang diamankan kembali.",
                                                   "langkah_berjalan=Pencarian berlanjut."]), output=None,
                                operator=None, guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
        return done.statement_id, done.text

    from pasopati_cli.app import incident

    incident.notify(journal=journal, incident_id=incident_id, role="kakanwil", channel=None, at=None, operator=None,
                    guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    first_id, first = draft()
    assert "PEMBARUAN INFORMASI KE-1" in first
    assert "pelarian tiga orang warga binaan" in first
    assert "satu orang telah kembali diamankan dan dua orang masih dalam pencarian" in first
    for step in ("approve", "release"):
        if step == "approve":
            statements.approve(journal=journal, incident_id=incident_id, statement_id=first_id, by="Hendra Wijaya",
                               operator=None, guideline_root=BUNDLED)  # fmt: skip
        else:
            statements.release(journal=journal, incident_id=incident_id, statement_id=first_id,
                               operator=None, guideline_root=BUNDLED)  # fmt: skip
    _, second = draft()
    assert "PEMBARUAN INFORMASI KE-2" in second


def test_a_promised_update_is_due_at_its_time_and_close_says_when_it_never_came(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    from pasopati_cli.app import incident, statements

    incident_id, clock = night
    incident.notify(journal=journal, incident_id=incident_id, role="kakanwil", channel=None, at=None, operator=None,
                    guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    statements.approve(journal=journal, incident_id=incident_id, statement_id="S1", by="Hendra Wijaya", operator=None,
                       guideline_root=BUNDLED)  # fmt: skip
    statements.release(journal=journal, incident_id=incident_id, statement_id="S1", operator=None,
                       guideline_root=BUNDLED)  # fmt: skip
    status = incident.status(journal=journal, incident_id=incident_id, guideline_root=BUNDLED, at="2026-11-26 10:30")
    promised = [item for item in status.items if item.promised_by == "S1"]
    assert [(i.what, i.key, f"{i.deadline:%d %H.%M}", i.overdue(status.now)) for i in promised] == [
        ("statement", "update", "26 10.00", True)
    ]
    assert promised[0].as_dict(status.now, "en")["label"] == "Update (promised in S1)"
    closed = incident.close(
        journal=journal, incident_id=incident_id, operator=None, guideline_root=BUNDLED, confirmed=True
    )
    assert "statement update" in closed.outstanding


def test_a_statement_the_sheet_has_overtaken_cannot_be_approved_or_released(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    from pasopati_cli.app import statements

    incident_id, clock = night
    record(journal, incident_id, clock, "jumlah_kabur=3", source="Polres")
    with pytest.raises(PasopatiError) as refused:
        statements.approve(journal=journal, incident_id=incident_id, statement_id="S1", by="Hendra Wijaya",
                           operator=None, guideline_root=BUNDLED)  # fmt: skip
    sheet = [p for p in refused.value.problems if p.code == "P436"]
    message = "'dua' contradicts the incident's fact sheet: jumlah_kabur is now 3; update the statement"
    assert [p.message("en") for p in sheet] == [message, message]  # wherever the old count stands
    assert len({p.line for p in sheet}) == 2


def test_the_operator_is_the_units_press_officer_never_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from pasopati_cli.recording import operator_name
    from pasopati_cli.response import load_unit

    unit = load_unit(EXAMPLES / "unit.yaml", None)
    monkeypatch.delenv("PASOPATI_OPERATOR", raising=False)
    assert operator_name(None, unit) == f"{unit.roster['humas'].name} ({unit.roster['humas'].title})"
    assert operator_name(None) == "Humas"
    assert operator_name("  Rina  ", unit) == "Rina"
    monkeypatch.setenv("PASOPATI_OPERATOR", "Dewi")
    assert operator_name(None, unit) == "Dewi"


def test_the_head_of_the_unit_signs_as_the_roster_says_without_being_asked(
    journal: Journal, night: tuple[str, FixedClock], tmp_path: Path
) -> None:
    import yaml

    from pasopati_cli.app import statements

    incident_id, clock = night
    answers = yaml.safe_load((EXAMPLES / "pelarian.answers.yaml").read_text(encoding="utf-8"))
    del answers["facts"]["nama_kepala_unit"]  # nobody types the head's name: the roster holds it
    without = tmp_path / "tanpa-nama.yaml"
    without.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    done = statements.draft(journal=journal, prompter=RefusingPrompter(), incident_id=incident_id,
                            kind="laporan_internal", inputs=gather(answers_file=without), output=None,
                            operator=None, guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    assert "**Hendra Wijaya, S.H., M.H.**" in done.text


def test_a_derived_count_not_known_yet_is_asked_for_not_printed_as_a_question_mark(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    from pasopati_cli.app.incident import open_incident
    from pasopati_cli.app.statements import facts_now

    incident_id, clock = night
    record(journal, incident_id, clock, "jumlah_kabur=3", "jumlah_tertangkap=1")  # surrendered: not known yet
    assert "jumlah_masih_dicari" not in facts_now(journal, open_incident(journal, incident_id, BUNDLED))
    record(journal, incident_id, clock, "jumlah_menyerahkan_diri=0")
    assert facts_now(journal, open_incident(journal, incident_id, BUNDLED))["jumlah_masih_dicari"] == 2


def test_a_count_triage_gave_is_changed_at_the_review_checked_and_recorded_as_a_fact(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    """The walk's edit step offers a fact that triage derived (the escape count) and treats a new value as
    `incident fact` does: an impossible tally is refused with its reason and asked again, then recorded."""
    from pasopati_cli.app import statements
    from pasopati_cli.app.prompter import ScriptedPrompter

    incident_id, clock = night
    record(journal, incident_id, clock, "jumlah_tertangkap=2", "jumlah_menyerahkan_diri=0", source="Polres")
    before = len(journal.events(incident_id))
    officer = ScriptedPrompter(["ubah", "jumlah_kabur", "0", "1", "6", "ya"])
    done = statements.draft(journal=journal, prompter=officer, incident_id=incident_id, kind="update",
                            inputs=gather(sets=["perkembangan=Satu orang diamankan kembali.",
                                                "langkah_berjalan=Pencarian berlanjut."]), output=None,
                            operator="Rina", guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    assert officer.asked == ["save", "edit", "jumlah_kabur", "jumlah_kabur", "jumlah_kabur", "save"]
    assert officer.refused == [  # what triage accepts, then a tally that cannot be true
        "Jawaban tidak sah: nilai fakta 'jumlah_kabur' tidak sah: jawab dengan angka minimal 1",
        "Jawaban tidak sah: jumlah_tertangkap + jumlah_menyerahkan_diri = 2 melebihi jumlah_kabur = 1, sehingga "
        "jumlah_masih_dicari menjadi negatif; periksa kembali angka-angkanya",
    ]
    added = journal.events(incident_id)[before:]
    assert [(e.type, dict(e.data)) for e in added] == [
        ("fact_recorded", {"facts": {"jumlah_kabur": 6}, "answers": {"jumlah_kabur": 6}}),
        ("statement_drafted", dict(added[1].data)),
    ]
    assert added[0].operator == "Rina"
    assert journal.state(incident_id).answers["jumlah_kabur"] == 6  # triage follows, as with incident fact
    assert ("warning", f"Fakta ini kini menuntut tingkat DARURAT (pelarian massal (5 orang atau lebih)). Naikkan "
            f"dengan: pasopati incident raise {incident_id} darurat --reason TEKS") in officer.said  # fmt: skip
    assert "pelarian enam orang warga binaan" in done.text
    assert "dua orang telah kembali diamankan dan empat orang masih dalam pencarian" in done.text
    view = facts.facts(journal=journal, incident_id=incident_id, guideline_root=BUNDLED, lang="id")
    assert view.derived == {"jumlah_masih_dicari": "4"}


def test_a_fact_typed_by_the_officer_at_the_review_is_not_recorded_as_a_triage_fact(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    """Only what triage derived becomes a fact event at the edit step; the rest goes with the draft."""
    from pasopati_cli.app import statements
    from pasopati_cli.app.prompter import ScriptedPrompter

    incident_id, clock = night
    before = len(journal.events(incident_id))
    officer = ScriptedPrompter(["ubah", "langkah_berjalan", "Pencarian diperluas.", "ya"])
    done = statements.draft(journal=journal, prompter=officer, incident_id=incident_id, kind="update",
                            inputs=gather(sets=["perkembangan=Belum ada perkembangan.",
                                                "langkah_berjalan=Pencarian berlanjut.", "jumlah_tertangkap=0",
                                                "jumlah_menyerahkan_diri=0"]),
                            output=None, operator=None, guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    assert "Pencarian diperluas." in done.text
    assert [e.type for e in journal.events(incident_id)[before:]] == ["statement_drafted"]


def test_the_opening_walk_records_a_count_triage_gave_and_the_officer_changed_at_the_review(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasopati_cli.app.prompter import ScriptedPrompter

    clock = FixedClock(datetime(2026, 11, 26, 6, 0, tzinfo=WIB))
    monkeypatch.setattr("pasopati_cli.clock.now", clock.now)
    # no names to keep out, the summary confirmed, no raise; at the review the count is typed again
    officer = ScriptedPrompter(["", "ya", "tidak", "ubah", "jumlah_kabur", "sekitar 3", "ya"])
    done = respond(journal=journal, prompter=officer, guideline_root=BUNDLED, lang="id",
                   inputs=gather(answers_file=EXAMPLES / "pelarian.answers.yaml"), crisis_type="pelarian",
                   unit=EXAMPLES / "unit.yaml", output=tmp_path, clock=clock)  # fmt: skip
    assert officer.asked == ["people", "confirm", "raise?", "save", "edit", "jumlah_kabur", "save"]
    recorded = [dict(e.data) for e in journal.events(done.incident_id) if e.type == "fact_recorded"]
    assert recorded == [{"facts": {"jumlah_kabur": "~3"}, "answers": {"jumlah_kabur": "~3"}}]
    assert journal.state(done.incident_id).answers["jumlah_kabur"] == "~3"
    assert [text for tone, text in officer.said if tone == "warning"] == []  # about 3: Siaga still holds
    assert "sekitar tiga orang" in done.target.read_text()
    view = facts.facts(journal=journal, incident_id=done.incident_id, guideline_root=BUNDLED, lang="id")
    assert [v.value for v in view.sheet.history["jumlah_kabur"]] == ["~3"]  # the draft repeats it: one version


def test_the_edit_list_keeps_its_numbers_from_one_edit_to_the_next(
    journal: Journal, night: tuple[str, FixedClock]
) -> None:
    """A number remembered from the list names the same fact after an edit: a retyped fact keeps its place."""
    from pasopati_cli.app import statements
    from pasopati_cli.app.prompter import ScriptedPrompter

    incident_id, clock = night
    record(journal, incident_id, clock, "jumlah_tertangkap=2", "jumlah_menyerahkan_diri=0", source="Polres")
    officer = ScriptedPrompter(["ubah", "langkah_berjalan", "Pencarian diperluas.", "ubah", "", "ya"])
    statements.draft(journal=journal, prompter=officer, incident_id=incident_id, kind="update",
                     inputs=gather(sets=["perkembangan=Satu orang diamankan kembali.",
                                         "langkah_berjalan=Pencarian berlanjut."]), output=None,
                     operator="Rina", guideline_root=BUNDLED, lang="id", clock=clock)  # fmt: skip
    listed = [text.strip() for _, text in officer.said if text[:4].strip().isdigit() and " = " in text]
    first, second = listed[: len(listed) // 2], listed[len(listed) // 2 :]
    assert len(first) == len(second) > 3
    assert [line.split(" = ")[0] for line in first] == [line.split(" = ")[0] for line in second]
    changed = [line for line in second if "langkah_berjalan" in line]
    assert changed == [first[[line.split(" = ")[0] for line in first].index(changed[0].split(" = ")[0])].split(
        " = ")[0] + " = Pencarian diperluas."]  # fmt: skip
    assert "situasi_terkendali = True" not in " ".join(listed)  # a yes/no reads ya/tidak


def test_a_derived_count_not_known_yet_says_what_it_waits_for(journal: Journal, night: tuple[str, FixedClock]) -> None:
    from pasopati_cli.app import screens

    incident_id, clock = night
    waiting = record(journal, incident_id, clock, "jumlah_kabur=3", "jumlah_tertangkap=1", "jumlah_menyerahkan_diri=?")
    assert (waiting.derived, waiting.waiting) == ({"jumlah_masih_dicari": "?"}, {
        "jumlah_masih_dicari": ["jumlah_menyerahkan_diri"]})  # fmt: skip
    assert screens.facts_recorded(waiting, "id")[1] == screens.line(
        "Dihitung: jumlah_masih_dicari = ? (menunggu jumlah_menyerahkan_diri).")  # fmt: skip
    known = record(journal, incident_id, clock, "jumlah_menyerahkan_diri=0")
    assert (known.derived, known.waiting) == ({"jumlah_masih_dicari": "2"}, {})
