"""An incident keeps its guideline: the folder and content hash recorded at open are what every later
command uses; a change is asked, refused or accepted and recorded, and the report names it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pasopati_cli import scaffold
from pasopati_cli.app import incident, statements
from pasopati_cli.app.inputs import gather
from pasopati_cli.app.pin import GuidelineChoice, folder_hash
from pasopati_cli.app.prompter import RefusingPrompter, ScriptedPrompter
from pasopati_cli.app.response import respond
from pasopati_cli.events import GUIDELINE_CHANGED
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import SIAGA, START, UNIT, FixedClock, open_siaga

OWN = GuidelineChoice()  # no --guideline: the incident's own


@pytest.fixture
def opened(journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock) -> str:
    """A Siaga incident opened with the test guideline (a crisis type the bundled one does not have)."""
    return open_siaga(journal, guideline, tmp_path / "keluaran", clock)


def _edit(guideline: Path) -> None:
    """The unit edits a template after the incident opened."""
    template = guideline / "templates" / "uji" / "holding.id.md"
    template.write_text(template.read_text(encoding="utf-8") + "\nDiperbarui.\n", encoding="utf-8")


def _changes(journal: Journal, incident_id: str) -> list[dict[str, object]]:
    return [dict(e.data) for e in journal.events(incident_id) if e.type == GUIDELINE_CHANGED]


def test_the_folder_and_content_hash_are_recorded_at_open(journal: Journal, guideline: Path, opened: str) -> None:
    recorded = journal.first_event(opened).data["guideline"]
    assert recorded == {"folder": str(guideline.resolve()), "hash": folder_hash(guideline), "name": "Pedoman Uji",
                        "version": "0.1", "bundled": False}  # fmt: skip


def test_later_commands_use_the_recorded_folder_without_being_given_one(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # anywhere: the bundled guideline has no type "uji", the recorded one has
    status = incident.status(journal=journal, incident_id=opened, guideline_root=OWN)
    assert status.level == "siaga" and status.opened.guide.bundle.root == guideline.resolve()
    incident.log(journal=journal, incident_id=opened, text="catatan", people=None, operator=None, guideline_root=OWN)
    assert _changes(journal, opened) == []


def test_the_hash_covers_every_file_whatever_is_loaded_and_follows_an_edit(guideline: Path) -> None:
    files = {
        path.relative_to(guideline).as_posix(): path.read_bytes() for path in guideline.rglob("*") if path.is_file()
    }
    before = folder_hash(guideline)
    assert before == scaffold.content_hash(files)  # the hash `init` records as upstream.hash
    assert folder_hash(guideline) == before  # read again (from the cache): the same
    (guideline / "templates" / "_partials" / "kontak.md").write_text("lain\n", encoding="utf-8")
    assert folder_hash(guideline) != before  # a partial no command of the type loads directly


def test_a_linked_folder_is_not_followed_so_a_loop_cannot_hang_the_hash(guideline: Path) -> None:
    before = folder_hash(guideline)
    (guideline / "templates" / "putaran").symlink_to(guideline / "templates", target_is_directory=True)
    assert folder_hash(guideline) == before


def test_a_person_is_asked_about_changed_files_and_a_yes_is_recorded_with_the_reason(
    journal: Journal, guideline: Path, opened: str
) -> None:
    recorded_hash = folder_hash(guideline)
    _edit(guideline)
    officer = ScriptedPrompter(["ya", "Kanwil merevisi templat"])
    status = incident.status(journal=journal, incident_id=opened, guideline_root=GuidelineChoice(ask=lambda: officer))
    assert officer.asked == ["guideline", "guideline reason"]
    assert [tone for tone, _ in officer.said] == ["warning"]
    assert "berubah sejak insiden dibuka" in officer.said[0][1]
    change = _changes(journal, opened)
    assert change == [{"folder": str(guideline.resolve()), "hash": folder_hash(guideline), "name": "Pedoman Uji",
                       "version": "0.1", "bundled": False,
                       "previous": {"folder": str(guideline.resolve()), "hash": recorded_hash},
                       "reason": "Kanwil merevisi templat"}]  # fmt: skip
    assert status.opened.events[-1].type == GUIDELINE_CHANGED
    assert journal.verify(opened) == []
    # From now on the new files are the incident's: nothing is asked again.
    incident.status(journal=journal, incident_id=opened, guideline_root=GuidelineChoice(ask=lambda: ScriptedPrompter()))


def test_a_no_refuses_the_command_and_records_nothing(journal: Journal, guideline: Path, opened: str) -> None:
    _edit(guideline)
    count = len(journal.events(opened))
    officer = ScriptedPrompter(["tidak"])
    with pytest.raises(PasopatiError) as refused:
        incident.notify(journal=journal, incident_id=opened, role="kakanwil", channel=None, at=None, operator=None,
                        guideline_root=GuidelineChoice(ask=lambda: officer), lang="id")  # fmt: skip
    assert [p.code for p in refused.value.problems] == ["P513"]
    assert len(journal.events(opened)) == count


def test_without_a_person_a_change_is_refused_naming_the_flag_and_nothing_is_recorded(
    journal: Journal, guideline: Path, opened: str
) -> None:
    _edit(guideline)
    count = len(journal.events(opened))
    with pytest.raises(PasopatiError) as refused:
        incident.done(journal=journal, incident_id=opened, action="hitung", at=None, operator=None,
                      guideline_root=OWN, lang="en")  # fmt: skip
    (found,) = refused.value.problems
    assert (found.code, found.file) == ("P513", str(guideline.resolve()))
    short = folder_hash(guideline).removeprefix("sha256:")[:12]
    assert found.message("en") == (
        f"incident {opened}: the guideline's files changed since it opened; recorded Pedoman Uji 0.1, "
        f"sha256 {journal.first_event(opened).data['guideline']['hash'][7:19]}, now Pedoman Uji 0.1, sha256 {short}. "
        "Deadlines and texts may differ from those used so far; accept the change with --accept-guideline-change "
        "(recorded in the journal) or restore the files"
    )
    assert len(journal.events(opened)) == count


def test_a_change_accepted_up_front_is_recorded_by_the_operator_and_named_in_the_report(
    journal: Journal, guideline: Path, opened: str
) -> None:
    _edit(guideline)
    accept = GuidelineChoice(accept_change=True)
    incident.log(journal=journal, incident_id=opened, text="templat direvisi", people=None, operator="Rina",
                 guideline_root=accept)  # fmt: skip
    events = journal.events(opened)
    assert [e.type for e in events[-2:]] == [GUIDELINE_CHANGED, "note"]  # the change comes first
    assert (events[-2].operator, events[-2].data["reason"]) == ("Rina", "--accept-guideline-change")
    text = statements.report(journal=journal, incident_id=opened, output_format="md", output=None,
                             guideline_root=OWN, lang="id")  # fmt: skip
    short = folder_hash(guideline).removeprefix("sha256:")[:12]
    assert f"- **Pedoman:** Pedoman Uji 0.1 (sha256 {short}) — {guideline.resolve()}\n" in text
    assert "## Pergantian pedoman" in text
    assert f"| Pedoman Uji 0.1 (sha256 {short}) — {guideline.resolve()} | Rina | --accept-guideline-change |" in text
    document = json.loads(statements.report(journal=journal, incident_id=opened, output_format="json", output=None,
                                            guideline_root=OWN, lang="en"))  # fmt: skip
    assert document["guideline"]["recorded"]["hash"] == folder_hash(guideline)
    assert [(c["by"], c["reason"], c["to"]["hash"]) for c in document["guideline"]["changes"]] == [
        ("Rina", "--accept-guideline-change", folder_hash(guideline))
    ]


def test_another_folder_given_is_a_change_of_guideline(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # not in the folder removed below
    other = tmp_path / "pedoman-kanwil"
    shutil.copytree(guideline, other)
    with pytest.raises(PasopatiError) as refused:
        incident.status(journal=journal, incident_id=opened, guideline_root=GuidelineChoice(other))
    assert [(p.code, p.file) for p in refused.value.problems] == [("P513", str(other))]
    message = refused.value.problems[0].message("en")
    assert f"another guideline was given ({other.resolve()})" in message
    assert message.endswith("accept the change with --accept-guideline-change (recorded in the journal) or leave out "
                            "--guideline")  # fmt: skip
    # The same files elsewhere are still another folder: accepted, the incident follows it from now on.
    incident.status(journal=journal, incident_id=opened, guideline_root=GuidelineChoice(other, accept_change=True))
    assert _changes(journal, opened)[0]["folder"] == str(other.resolve())
    shutil.rmtree(guideline)
    assert incident.status(journal=journal, incident_id=opened, guideline_root=OWN).level == "siaga"


def test_a_recorded_folder_that_is_gone_names_it_and_the_flags(
    journal: Journal, guideline: Path, opened: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # not in the folder moved below
    moved = tmp_path / "dipindah"
    shutil.move(guideline, moved)
    with pytest.raises(PasopatiError) as refused:
        incident.status(journal=journal, incident_id=opened, guideline_root=OWN)
    (found,) = refused.value.problems
    assert (found.code, found.file) == ("P514", str(guideline.resolve()))
    assert found.message("en") == (
        "the guideline folder recorded for this incident no longer exists; give its folder with --guideline DIR "
        "--accept-guideline-change"
    )
    incident.status(journal=journal, incident_id=opened, guideline_root=GuidelineChoice(moved, accept_change=True))
    assert [c["folder"] for c in _changes(journal, opened)] == [str(moved.resolve())]


def test_a_closed_incident_takes_no_event_and_its_report_says_what_it_was_built_with(
    journal: Journal, guideline: Path, opened: str
) -> None:
    incident.close(journal=journal, incident_id=opened, operator=None, guideline_root=OWN, confirmed=True)
    recorded = journal.first_event(opened).data["guideline"]["hash"]
    _edit(guideline)
    with pytest.raises(PasopatiError):
        statements.report(journal=journal, incident_id=opened, output_format="md", output=None, guideline_root=OWN,
                          lang="en")  # fmt: skip
    text = statements.report(journal=journal, incident_id=opened, output_format="md", output=None,
                             guideline_root=GuidelineChoice(accept_change=True), lang="en")  # fmt: skip
    now = folder_hash(guideline)[7:19]
    assert (
        f"- **Guideline:** Pedoman Uji 0.1 (sha256 {recorded[7:19]}) — {guideline.resolve()}; this report was built "
        f"with Pedoman Uji 0.1 (sha256 {now}) — {guideline.resolve()}\n"
    ) in text
    assert _changes(journal, opened) == [] and journal.verify(opened) == []


def test_a_journal_from_before_guidelines_were_recorded_uses_the_one_given_and_says_so(
    journal: Journal, guideline: Path, clock: FixedClock
) -> None:
    from pasopati_cli.response import load_unit

    profile = load_unit(UNIT, None).model_dump(mode="json", by_alias=True)
    old = journal.open_incident("uji", operator="Humas", playbook_version="0.1", playbook_hash="0" * 64,
                                start=clock.moment, data={"unit_profile": profile, "people": []})  # fmt: skip
    with pytest.raises(PasopatiError) as bundled:  # as before: without --guideline, the bundled guideline
        incident.status(journal=journal, incident_id=old, guideline_root=OWN)
    assert [p.code for p in bundled.value.problems] == ["P201"]  # it has no type "uji"
    given = GuidelineChoice(guideline)
    assert incident.status(journal=journal, incident_id=old, guideline_root=given).level == "waspada"
    assert _changes(journal, old) == []  # nothing to compare with: nothing asked, nothing recorded
    text = statements.report(journal=journal, incident_id=old, output_format="md", output=None, guideline_root=given,
                             lang="id")  # fmt: skip
    short = folder_hash(guideline)[7:19]
    assert (
        f"- **Pedoman:** Pedoman Uji 0.1 (sha256 {short}) — {guideline.resolve()}; tidak tercatat saat insiden "
        "dibuka (jurnal lama); laporan ini memakai pedoman tersebut\n"
    ) in text


def test_a_resumed_walk_keeps_the_guideline_and_a_change_is_refused_then_accepted(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    from pasopati_cli.app.ports import Interrupted
    from pasopati_cli.app.prompter import CTRL_C

    officer = ScriptedPrompter(["", CTRL_C])  # no names to keep out, then Ctrl-C at the first question
    with pytest.raises(Interrupted) as stop:
        respond(journal=journal, prompter=officer, guideline_root=guideline, lang="id", inputs=gather(),
                crisis_type="uji", unit=UNIT, start=START, output=tmp_path, clock=clock)  # fmt: skip
    interrupted = stop.value.incident_id
    assert interrupted is not None
    _edit(guideline)
    resumed = {"journal": journal, "prompter": RefusingPrompter(), "lang": "id", "resume": interrupted,
               "inputs": gather(answer=SIAGA, sets=["lokasi=dapur"]), "output": tmp_path, "clock": clock}  # fmt: skip
    with pytest.raises(PasopatiError) as refused:
        respond(guideline_root=OWN, **resumed)
    assert [p.code for p in refused.value.problems] == ["P513"]
    done = respond(guideline_root=GuidelineChoice(accept_change=True), **resumed)
    assert (done.incident_id, done.statement_id) == (interrupted, "S1")
    assert [c["reason"] for c in _changes(journal, interrupted)] == ["--accept-guideline-change"]
