"""An interrupted walk resumed: the level the journal already holds is never recorded a second time (and
never lowered); only a triage that really changed is recorded again."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.app.inputs import Inputs, gather
from pasopati_cli.app.ports import Interrupted
from pasopati_cli.app.prompter import CTRL_C, RefusingPrompter, ScriptedPrompter
from pasopati_cli.app.response import respond
from pasopati_cli.journal import Journal
from tests.app.conftest import START, UNIT, FixedClock


def _respond(journal: Journal, guideline: Path, tmp_path: Path, officer: object, inputs: Inputs, **given: object):
    return respond(journal=journal, prompter=officer, guideline_root=guideline, inputs=inputs, lang="id",  # type: ignore[arg-type]
                   unit=UNIT, output=tmp_path / "keluaran", **given)  # type: ignore[arg-type]  # fmt: skip


def _levels(journal: Journal, incident_id: str) -> list[tuple[str, str]]:
    """The level events of the incident: (kind, level)."""
    return [(e.type, e.data["level"]) for e in journal.events(incident_id) if e.type in ("triaged", "level_raised")]


def _interrupted(journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock, *script: str) -> str:
    """A walk stopped by Ctrl-C at the statement's first fact, after triage was confirmed; its incident."""
    officer = ScriptedPrompter(["", *script, CTRL_C])  # no names to keep out, the triage, then Ctrl-C at "lokasi"
    with pytest.raises(Interrupted) as stop:
        _respond(journal, guideline, tmp_path, officer, Inputs(), crisis_type="uji", start=START, clock=clock)
    assert officer.asked[-1] == "lokasi"
    assert stop.value.incident_id is not None
    return stop.value.incident_id


def test_a_resumed_walk_records_the_level_once(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    incident = _interrupted(journal, guideline, tmp_path, clock, "ya", "2", "1", "ya", "tidak")
    assert _levels(journal, incident) == [("triaged", "siaga")]
    done = _respond(journal, guideline, tmp_path, RefusingPrompter(), gather(sets=["lokasi=dapur"]), resume=incident,
                    clock=clock)  # fmt: skip
    assert (done.statement_id, done.result.level) == ("S1", "siaga")
    assert _levels(journal, incident) == [("triaged", "siaga")]
    assert len(journal.state(incident).levels) == 1


def test_a_raise_made_in_the_walk_is_neither_recorded_again_nor_lost_on_resume(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    incident = _interrupted(journal, guideline, tmp_path, clock, "ya", "2", "1", "ya", "ya", "1", "media nasional")
    assert _levels(journal, incident) == [("triaged", "siaga"), ("level_raised", "darurat")]
    officer = ScriptedPrompter(["ya", "dapur", "ya"])  # the summary confirmed, the fact, the statement saved
    done = _respond(journal, guideline, tmp_path, officer, Inputs(), resume=incident, clock=clock)
    assert "raise?" not in officer.asked  # the journal's raise stands: not offered again
    assert done.result.level == "darurat"
    assert _levels(journal, incident) == [("triaged", "siaga"), ("level_raised", "darurat")]
    assert journal.state(incident).level == "darurat"


def test_a_triage_that_changed_on_resume_is_recorded_again(
    journal: Journal, guideline: Path, tmp_path: Path, clock: FixedClock
) -> None:
    incident = _interrupted(journal, guideline, tmp_path, clock, "ya", "2", "1", "ya", "tidak")
    inputs = gather(answer=["jumlah_luka=12"], sets=["lokasi=dapur"])  # a mass casualty: Darurat now
    done = _respond(journal, guideline, tmp_path, RefusingPrompter(), inputs, resume=incident, clock=clock)
    assert done.result.level == "darurat"
    assert _levels(journal, incident) == [("triaged", "siaga"), ("triaged", "darurat")]
