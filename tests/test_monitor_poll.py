"""Polling feeds from a local server: conditional requests, gzip, errors of every kind, hostile items."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pytest

from pasopati_cli.app.monitor import FeedSource, Schedule, Setup, load_setup, poll
from pasopati_cli.monitor.fetch import Fetcher, user_agent
from pasopati_cli.monitor.store import Store
from tests.conftest import REPO
from tests.monitor_server import FeedServer, feed_server

NOW = datetime(2026, 11, 26, 4, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@lru_cache(maxsize=1)
def base_setup() -> Setup:
    return load_setup(guideline=REPO, unit=REPO / "examples" / "unit.yaml")


def setup_for(server: FeedServer, *paths: str) -> Setup:
    feeds = tuple(FeedSource(server.url(p), f"Umpan {p.strip('/')}", "lokal") for p in paths)
    return replace(base_setup(), feeds=feeds)


def fetcher(**limits: float) -> Fetcher:
    return Fetcher(user_agent("Lapas Kelas IIA Contoh"), sleep=lambda seconds: None, **limits)  # type: ignore[arg-type]


def test_new_items_are_stored_once_and_a_second_poll_is_answered_304(server: FeedServer, tmp_path: Path) -> None:
    store = tmp_path / "pantau.sqlite3"
    setup = setup_for(server, "/warta", "/jurnal")
    first = poll(setup=setup, store_file=store, now=lambda: NOW, fetcher=fetcher())
    assert [(f.status, f.new) for f in first.feeds] == [("ok", 3), ("ok", 2)]
    assert server.seen_headers["/warta"]["user-agent"].startswith("pasopati/")
    assert "Lapas Kelas IIA Contoh" in server.seen_headers["/warta"]["user-agent"]
    escape = [i for i in first.issues if i.crisis_type == "pelarian"]
    assert len(escape) == 1 and escape[0].sources == (setup.feeds[0].name, setup.feeds[1].name)
    assert escape[0].relevant == "unit" and escape[0].sentiment == "negatif"

    second = poll(setup=setup, store_file=store, now=lambda: NOW, fetcher=fetcher())
    assert [(f.status, f.new) for f in second.feeds] == [("not_modified", 0), ("ok", 0)]
    assert server.seen_headers["/warta"]["if-none-match"] == '"warta-v1"'
    assert server.seen_headers["/warta"]["if-modified-since"] == "Thu, 26 Nov 2026 03:00:00 GMT"
    with Store.open(store) as opened:
        assert len(opened.recent_items(datetime(2000, 1, 1, tzinfo=timezone.utc))) == 5


def test_gzip_is_asked_for_and_unpacked(server: FeedServer, tmp_path: Path) -> None:
    outcome = poll(setup=setup_for(server, "/jurnal"), store_file=tmp_path / "s.sqlite3", fetcher=fetcher())
    assert "gzip" in server.seen_headers["/jurnal"]["accept-encoding"]
    assert outcome.feeds[0].new == 2


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/error", "P821"),
        ("/html", "P826"),
        ("/loop", "P823"),
        ("/huge", "P822"),
        ("/huge-declared", "P822"),
        ("/missing", "P821"),
    ],
)
def test_a_failing_feed_is_reported_and_the_others_still_answer(
    server: FeedServer, tmp_path: Path, path: str, code: str
) -> None:
    outcome = poll(setup=setup_for(server, path, "/warta"), store_file=tmp_path / "s.sqlite3", fetcher=fetcher())
    failed, good = outcome.feeds
    assert failed.status == "error" and failed.error is not None and failed.error.code == code
    assert good.status == "ok" and good.new == 3
    assert outcome.problems() == []
    assert failed.as_dict("en")["error"]


def test_broken_xml_is_marked_and_what_could_be_read_is_kept(server: FeedServer, tmp_path: Path) -> None:
    outcome = poll(setup=setup_for(server, "/malformed"), store_file=tmp_path / "s.sqlite3", fetcher=fetcher())
    feed = outcome.feeds[0]
    assert feed.status == "ok" and feed.new == 1
    assert feed.error is not None and feed.error.code == "P825" and feed.error.severity.value == "warning"
    assert "unclosed token" in feed.as_dict("en")["error"]


def test_a_server_error_is_retried_with_backoff_and_then_given_up(server: FeedServer, tmp_path: Path) -> None:
    waits: list[float] = []
    client = Fetcher("pasopati-test", retries=2, backoff=0.5, sleep=waits.append)
    before = server.hits["/error"]
    outcome = poll(setup=setup_for(server, "/error"), store_file=tmp_path / "s.sqlite3", fetcher=client)
    assert server.hits["/error"] - before == 3 and outcome.feeds[0].attempts == 3
    assert len(waits) == 2 and 0.5 <= waits[0] <= 0.75 and 1.0 <= waits[1] <= 1.5
    assert [p.code for p in outcome.problems()] == ["P804"]


def test_a_feed_slower_than_the_timeout_is_a_timeout(server: FeedServer, tmp_path: Path) -> None:
    server.slow_seconds = 0.6
    client = Fetcher("pasopati-test", timeout=0.2, retries=0, sleep=lambda s: None)
    outcome = poll(setup=setup_for(server, "/slow", "/jurnal"), store_file=tmp_path / "s.sqlite3", fetcher=client)
    assert outcome.feeds[0].error is not None and outcome.feeds[0].error.code == "P820"
    assert outcome.feeds[1].new == 2


def test_hostile_items_are_cleaned_and_nothing_in_them_is_kept_as_code(server: FeedServer, tmp_path: Path) -> None:
    outcome = poll(
        setup=setup_for(server, "/hostile"), store_file=tmp_path / "s.sqlite3", now=lambda: NOW, fetcher=fetcher()
    )
    feed = outcome.feeds[0]
    assert feed.status == "ok" and feed.new == 4 and feed.skipped == 1  # the empty item is left out
    by_title = {item.title: item for item in outcome.items}
    untitled = next(t for t in by_title if t.startswith("Butir tanpa judul"))
    assert by_title[untitled].url == "https://kabaraneh.example/tanpa-judul"
    future = by_title["Berita dari masa depan: Lapas Contoh raih penghargaan"]
    assert future.future_date and future.published == NOW
    assert "Ricuh di Rutan Kota Lama" in by_title
    assert all("<" not in title for title in by_title)
    javascript = by_title["Klik di sini: napi Lapas Contoh bebas massal"]
    assert javascript.url is None


def test_items_are_never_stored_twice_even_from_two_feeds(server: FeedServer, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    setup = setup_for(server, "/hostile")
    poll(setup=setup, store_file=store, now=lambda: NOW, fetcher=fetcher())
    again = poll(setup=setup, store_file=store, now=lambda: NOW, fetcher=fetcher())
    assert again.feeds[0].new == 0
    with Store.open(store) as opened:
        assert len(opened.recent_items(datetime(2000, 1, 1, tzinfo=timezone.utc))) == 4


def test_the_watch_schedule_polls_each_feed_on_its_own_interval_with_jitter() -> None:
    fast = FeedSource("https://a.example/rss", "A", "lokal", timedelta(minutes=10))
    slow = FeedSource("https://b.example/rss", "B", "nasional", timedelta(minutes=30))
    schedule = Schedule((fast, slow), rng=random.Random(3))
    assert schedule.due(0.0) == (fast, slow)
    schedule.polled((fast, slow), 0.0)
    assert 540 <= schedule.wait(0.0) <= 660  # ten minutes, give or take a tenth
    assert schedule.due(700.0) == (fast,)
    schedule.polled((fast,), 700.0)
    assert schedule.due(1990.0) == (fast, slow)
    together = Schedule((fast, slow), every=timedelta(seconds=30), rng=random.Random(3))
    together.polled((fast, slow), 0.0)
    assert 27 <= together.wait(0.0) <= 33
