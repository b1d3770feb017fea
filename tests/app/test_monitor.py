"""The monitoring use cases called directly: respond through the response use case, watch with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pasopati_cli.app.inputs import gather
from pasopati_cli.app.monitor import Tick, watch
from pasopati_cli.app.monitor_issues import daily_report, list_issues, respond, show_issue
from pasopati_cli.app.prompter import RefusingPrompter
from pasopati_cli.journal import Journal
from pasopati_cli.problems import PasopatiError
from tests.app.conftest import FixedClock
from tests.conftest import REPO
from tests.monitor_server import FeedServer, feed_server

UNIT = REPO / "examples" / "unit.yaml"
ANSWERS = REPO / "examples" / "berita_negatif.answers.yaml"


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def _watch(server: FeedServer, store: Path, polls: int, on_alert: str | None = None) -> list[Tick]:
    ticks: list[Tick] = []
    waits: list[float] = []
    done = watch(guideline=REPO, unit=UNIT, feeds=[server.url("/warta"), server.url("/html")], store_file=store,
                 every="5m", on_alert=on_alert, max_polls=polls, show=ticks.append, sleep=waits.append,
                 monotonic=lambda: 1000.0 + 300.0 * len(waits))  # fmt: skip
    assert done == polls and len(waits) == polls - 1 and all(wait <= 330 for wait in waits)
    return ticks


def test_watch_shows_every_poll_and_alerts_each_new_relevant_issue_once(server: FeedServer, tmp_path: Path) -> None:
    ticks = _watch(server, tmp_path / "pantau.sqlite3", polls=2, on_alert="perintah-yang-tidak-ada")
    assert [tick.polls for tick in ticks] == [1, 2]
    assert ticks[0].outcome.answered == 1 and len(ticks[0].outcome.feeds) == 2  # the HTML page fails alone
    first = {issue.id for issue in ticks[0].alerts}
    assert first and not ticks[1].alerts and {issue.id for issue in ticks[1].recent} == first
    assert [p.code for p in ticks[0].problems] == ["P811"] * len(first)  # reported; the watch went on


@pytest.fixture
def polled(server: FeedServer, tmp_path: Path) -> Path:
    store = tmp_path / "pantau.sqlite3"
    _watch(server, store, polls=1)
    return store


def test_respond_runs_the_response_use_case_with_the_story_filled_in_and_links_both_ways(
    polled: Path, tmp_path: Path
) -> None:
    story = next(issue for issue in list_issues(store_file=polled) if issue.crisis_type is None)
    clock = FixedClock(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc))  # after the answers file's start
    inputs = gather(answers_file=ANSWERS, answer=["jangkauan=nasional"], sets=["bentuk_konten=video"])
    with Journal.open(tmp_path / "jurnal.sqlite3") as journal:
        done = respond(journal=journal, prompter=RefusingPrompter(), store_file=polled, issue=f"M{story.id}",
                       guideline_root=REPO, inputs=inputs, lang="id", unit=UNIT, output=tmp_path, clock=clock)  # fmt: skip
        state = journal.state(done.responded.incident_id)
        assert state.crisis_type == "berita_negatif"  # the type a story that suggests none is answered with
        assert (state.answers["sumber"], state.answers["jangkauan"]) == ("media_pers", "nasional")  # the flag wins
        notes = [event.data.get("monitoring_issue") for event in journal.events(state.id)]
        assert f"M{story.id}" in notes
    statement = done.responded.target.read_text(encoding="utf-8")
    assert "video" in statement and story.sources[0] in statement
    shown = show_issue(store_file=polled, issue=f"M{story.id}").summary
    assert (shown.status, shown.incident_id, shown.statement_id) == ("ditanggapi", state.id, "S1")
    with Journal.open(tmp_path / "jurnal.sqlite3") as journal, pytest.raises(PasopatiError) as again:
        respond(journal=journal, prompter=RefusingPrompter(), store_file=polled, issue=f"M{story.id}",
                guideline_root=REPO, inputs=gather(), lang="id", unit=UNIT, clock=clock)  # fmt: skip
    assert [p.code for p in again.value.problems] == ["P807"]


def test_the_report_is_the_units_day_and_written_whole(polled: Path, tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc))
    target = tmp_path / "laporan" / "hari.md"
    done = daily_report(store_file=polled, day=None, unit=UNIT, report_format="md", lang="id", output=target,
                        clock=clock)  # fmt: skip
    assert done.written == target and target.read_text(encoding="utf-8") == done.text
    assert done.text.startswith("# Laporan Monitoring Media: Kamis, 26 November 2026\n")
