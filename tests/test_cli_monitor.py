"""`pasopati monitor` end to end against a local feed server (127.0.0.1 only)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tests.monitor_server import FeedServer, feed_server

UNIT = str(REPO / "examples" / "unit.yaml")


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "data" / "jurnal.sqlite3"


@pytest.fixture(scope="module")
def polled_store(server: FeedServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One poll of the two good feeds, made once; tests that start from it get a copy."""
    journal = tmp_path_factory.mktemp("polled") / "jurnal.sqlite3"
    poll_json(Run(), server, journal, "/warta", "/jurnal")
    return journal.parent / "jurnal.monitor.sqlite3"


@pytest.fixture
def polled(polled_store: Path, journal: Path) -> Path:
    journal.parent.mkdir(parents=True)
    shutil.copyfile(polled_store, journal.parent / "jurnal.monitor.sqlite3")
    return journal


def poll_json(run: Run, server: FeedServer, journal: Path, *paths: str) -> dict[str, object]:
    feeds = [arg for path in paths for arg in ("--feed", server.url(path))]
    result = run("monitor", "poll", *feeds, "--unit", UNIT, "--journal", str(journal), "--format", "json")
    assert result.code == 0, result
    document: dict[str, object] = json.loads(result.out)
    return document


def test_poll_writes_the_documented_json_and_stores_beside_the_journal(
    run: Run, server: FeedServer, journal: Path
) -> None:
    document = poll_json(run, server, journal, "/warta", "/jurnal", "/html")
    assert list(document) == ["feeds", "items", "issues"]
    feeds = document["feeds"]
    assert isinstance(feeds, list)
    assert [(f["status"], f["new"]) for f in feeds] == [("ok", 3), ("ok", 2), ("error", 0)]
    assert feeds[2]["error"] == "isi sumber bukan feed RSS atau Atom"
    items = document["items"]
    assert isinstance(items, list)
    assert set(items[0]) >= {"id", "title", "url", "source", "published", "relevant", "crisis_type", "sentiment",
                             "matched", "issue"}  # fmt: skip
    escape = next(i for i in document["issues"] if i["crisis_type"] == "pelarian")  # type: ignore[attr-defined]
    assert set(escape) >= {"id", "title", "items", "sources", "crisis_type", "sentiment", "first_seen", "last_seen"}
    assert escape["items"] == 2 and escape["outlets"] == 2 and escape["relevant"] == "unit"
    assert (journal.parent / "jurnal.monitor.sqlite3").is_file()


def test_poll_fails_with_exit_1_when_no_feed_answers(run: Run, server: FeedServer, journal: Path) -> None:
    result = run("monitor", "poll", "--feed", server.url("/html"), "--feed", server.url("/loop"),
                 "--journal", str(journal), "--lang", "en")  # fmt: skip
    assert result.code == 1
    assert "error: P804 no source answered (2 failed)" in result.err
    assert "more than 5 times" in result.out


def test_a_feed_address_that_is_not_http_is_refused(run: Run, journal: Path) -> None:
    result = run("monitor", "poll", "--feed", "file:///etc/passwd", "--journal", str(journal))
    assert result.code == 1 and "P803 'file:///etc/passwd' bukan alamat feed http atau https" in result.err


def test_issues_are_listed_shown_reviewed_and_dismissed_with_a_reason(
    run: Run, server: FeedServer, journal: Path
) -> None:
    poll_json(run, server, journal, "/warta", "/jurnal")
    listed = json.loads(run("monitor", "list", "--journal", str(journal), "--format", "json").out)["issues"]
    assert {i["title"][:20] for i in listed} == {"Dua Napi Lapas Kelas", "Warga Binaan Lapas C", "Keluarga Napi Keluhk"}
    everything = json.loads(run("monitor", "list", "--all", "--journal", str(journal), "--format", "json").out)
    assert len(everything["issues"]) == 4  # the football story is kept, but not listed by default
    escape = next(i["id"] for i in listed if i["crisis_type"] == "pelarian")
    shown = run("monitor", "show", escape, "--journal", str(journal))
    assert shown.code == 0 and "kabur" in shown.out and "melarikan diri" in shown.out

    refused = run("monitor", "dismiss", escape, "--journal", str(journal))
    assert refused.code == 1 and "P812" in refused.err
    assert run("monitor", "review", escape, "--journal", str(journal)).out == f"{escape}: ditinjau\n"
    done = run("monitor", "dismiss", escape, "--reason", "sudah diklarifikasi Kanwil", "--journal", str(journal))
    assert done.code == 0 and done.out == f"{escape}: diabaikan\n"
    dismissed = json.loads(run("monitor", "list", "--status", "diabaikan", "--journal", str(journal), "-f", "json").out)
    assert [(i["id"], i["reason"]) for i in dismissed["issues"]] == [(escape, "sudah diklarifikasi Kanwil")]
    assert "P806" in run("monitor", "list", "--status", "selesai", "--journal", str(journal)).err
    assert "P805 isu 'M99' tidak ditemukan" in run("monitor", "show", "M99", "--journal", str(journal)).err


def test_respond_fills_the_story_links_the_incident_and_the_report_lists_the_issue(
    run: Run, polled: Path, tmp_path: Path
) -> None:
    journal = polled
    listed = json.loads(run("monitor", "list", "--journal", str(journal), "--format", "json").out)["issues"]
    escape = next(i for i in listed if i["crisis_type"] == "pelarian")
    answers = str(REPO / "examples" / "berita_negatif.answers.yaml")
    result = run("monitor", "respond", escape["id"], "--type", "berita_negatif", "--unit", UNIT, "--answers", answers, "--non-interactive",
                 "--output", str(tmp_path), "--journal", str(journal), "--format", "json")  # fmt: skip
    assert result.code == 0, result
    response = json.loads(result.out)
    statement = Path(response["statement"]["file"]).read_text(encoding="utf-8")
    outlets = ", ".join(escape["sources"])
    assert f"beredar berita daring di {outlets}" in statement
    assert "pukul 08.30 WIB" in statement  # the first outlet's publication time, in the unit's zone
    given = response["answers"]  # the story's facts answer triage; an answers file fills the rest
    assert (given["sumber"], given["jangkauan"], given["kebenaran"]) == ("media_pers", "lokal", "video_lama")

    shown = json.loads(run("monitor", "show", escape["id"], "--journal", str(journal), "--format", "json").out)
    assert shown["status"] == "ditanggapi" and shown["incident"] == response["id"] and shown["statement"] == "S1"
    report = run("incident", "report", response["id"], "--journal", str(journal))
    assert f"Isu pemantauan media {escape['id']}" in report.out and escape["url"] in report.out
    again = run("monitor", "respond", escape["id"], "--unit", UNIT, "--non-interactive", "--journal", str(journal))
    assert again.code == 1 and "P807" in again.err


def test_watch_polls_a_bounded_number_of_times_and_hands_new_issues_to_the_alert_command(
    run: Run, server: FeedServer, journal: Path, tmp_path: Path
) -> None:
    sink = tmp_path / "alerts.jsonl"
    command = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'a').write(sys.stdin.read() + chr(10))\" {sink}"
    result = run("monitor", "watch", "--feed", server.url("/jurnal"), "--feed", server.url("/html"), "--unit", UNIT,
                 "--every", "0s", "--max-polls", "2", "--on-alert", command, "--journal", str(journal))  # fmt: skip
    assert result.code == 0, result
    alerts = [json.loads(line) for line in sink.read_text(encoding="utf-8").splitlines()]
    assert sorted(a["crisis_type"] for a in alerts) == ["pelarian", "pungutan_liar"]  # once each, not per poll
    assert "Pengambilan ke-2" in result.out and "1/2 sumber menjawab" in result.out


def test_an_alert_command_that_fails_is_reported_and_the_watch_goes_on(
    run: Run, server: FeedServer, journal: Path
) -> None:
    result = run("monitor", "watch", "--feed", server.url("/jurnal"), "--unit", UNIT, "--every", "0s",
                 "--max-polls", "1", "--on-alert", "perintah-yang-tidak-ada --x", "--journal", str(journal))  # fmt: skip
    assert result.code == 0 and result.err.count("P811") == 2


def test_watch_stops_on_ctrl_c_with_exit_130(server: FeedServer, journal: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d"),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "PASOPATI_JOURNAL": str(journal)}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "pasopati_cli", "monitor", "watch", "--feed", server.url("/warta"), "--every", "1h"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:  # the first poll is done and shown
        if "Pengambilan ke-1" in line:
            break
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130 and "Dihentikan." in err
    from pasopati_cli.monitor.store import Store

    with Store.open(journal.parent / "jurnal.monitor.sqlite3") as store:
        assert len(store.issues()) == 3  # the first poll, whole


def test_the_daily_report_in_markdown_html_and_json(
    run: Run, server: FeedServer, journal: Path, tmp_path: Path
) -> None:
    poll_json(run, server, journal, "/warta", "/jurnal")
    md = run("monitor", "report", "--date", "2026-11-26", "--unit", UNIT, "--journal", str(journal))
    assert md.code == 0 and md.out.startswith("# Laporan Monitoring Media: Kamis, 26 November 2026\n")
    assert "| lainnya | 3 | 0 | 1 | 4 |" in md.out  # the escape twice and extortion; the harvest (ad hoc: lainnya)
    target = tmp_path / "laporan.html"
    html = run("monitor", "report", "--date", "2026-11-26", "--format", "html", "-o", str(target), "--unit", UNIT,
               "--journal", str(journal), "--lang", "en")  # fmt: skip
    assert html.code == 0
    page = target.read_text(encoding="utf-8")
    assert "@page { size: A4" in page and "<h1>Media Monitoring Report: Thursday, 26 November 2026</h1>" in page
    data = json.loads(run("monitor", "report", "--date", "2026-11-26", "-f", "json", "--unit", UNIT,
                          "--journal", str(journal)).out)  # fmt: skip
    assert data["by_sentiment"] == {"negatif": 3, "netral": 0, "positif": 1} and len(data["open"]) == 3
    assert "P808" in run("monitor", "report", "--date", "kemarin", "--journal", str(journal)).err


def test_respond_opens_the_type_the_issue_suggests_and_news_when_it_suggests_none(polled: Path) -> None:
    from pasopati_cli.app.monitor_issues import list_issues, prepare_response
    from pasopati_cli.clock import resolve_zone
    from pasopati_cli.monitor.store import store_path

    store = store_path(polled)
    issues = {issue.title[:12]: issue for issue in list_issues(store_file=store)}
    zone = resolve_zone("WIB")
    escape = prepare_response(store_file=store, issue=f"M{issues['Dua Napi Lap'].id}", guideline=REPO, crisis_type=None,
                              zone=zone, now=issues["Dua Napi Lap"].last_seen)  # fmt: skip
    harvest = prepare_response(store_file=store, issue=f"M{issues['Warga Binaan'].id}", guideline=REPO,
                               crisis_type=None, zone=zone, now=issues["Warga Binaan"].last_seen)  # fmt: skip
    assert (escape.crisis_type, harvest.crisis_type) == ("pelarian", "berita_negatif")
    assert escape.answers == ()  # the escape playbook asks none of the news questions
    assert harvest.answers == ("sumber=media_pers", "jangkauan=lokal", "hari_sejak_terbit=0")
    assert harvest.facts["nama_media"].endswith("/warta") and harvest.facts["tanggal_berita"] == "2026-11-26"


def test_a_store_that_is_not_a_database_is_a_located_problem_not_a_traceback(run: Run, journal: Path) -> None:
    journal.parent.mkdir(parents=True)
    (journal.parent / "jurnal.monitor.sqlite3").write_bytes(b"bukan basis data " * 100)
    result = run("monitor", "list", "--journal", str(journal), "--lang", "en")
    assert result.code == 1 and "P810 the monitoring store" in result.err and "Traceback" not in result.err
