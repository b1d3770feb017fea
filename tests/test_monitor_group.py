"""One issue per story: same link, or the same story from several outlets; near-linear in the number of items."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pasopati_cli.monitor.group import Grouper, canonical_url, group

T = datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)


def test_the_same_link_is_one_issue_whatever_its_tracking_parameters() -> None:
    assert canonical_url("http://www.Berita.example/a/b/?utm_source=wa&id=3#top") == "https://berita.example/a/b?id=3"
    assert canonical_url("javascript:alert(1)") is None
    issues = group(
        [
            ("Judul pertama", "", "https://berita.example/a?utm_medium=x", T),
            ("Judul yang sama sekali lain", "", "http://www.berita.example/a/", T),
        ]
    )
    assert issues == [1, 1]


def test_the_same_story_told_by_three_outlets_is_one_issue_and_another_story_is_not() -> None:
    issues = group(
        [
            ("Dua Napi Lapas Cipinang Kabur Lewat Gorong-gorong", "Polisi memburu keduanya.", None, T),
            ("Dua Narapidana Kabur dari Lapas Cipinang melalui Gorong-Gorong", "", None, T + timedelta(minutes=20)),
            ("Lapas Cipinang: Dua Napi Kabur Lewat Gorong-gorong Diburu Polisi", "", None, T + timedelta(hours=1)),
            ("Remisi Natal untuk 300 Warga Binaan Lapas Cipinang", "", None, T),
        ]
    )
    assert issues == [1, 1, 1, 2]


def test_stories_further_apart_than_the_window_are_separate_issues() -> None:
    grouper = Grouper(window=timedelta(hours=72))
    first = grouper.assign("Napi Lapas Contoh kabur lewat atap", "", None, T)
    later = grouper.assign("Napi Lapas Contoh kabur lewat atap", "", None, T + timedelta(days=10))
    assert first != later


def test_a_flood_of_identical_titles_stays_one_issue_and_cheap() -> None:
    """Thousands of copies compare with a bounded number of issues each (the bucket cap)."""
    items = [("Hoaks pembebasan massal napi beredar lagi", f"salinan {i}", None, T) for i in range(3000)]
    assert set(group(items)) == {1}


def test_remembered_issues_keep_their_numbers_and_new_ones_take_the_next() -> None:
    grouper = Grouper()
    grouper.remember(7, "Kebakaran dapur Lapas Contoh", "", "https://a.example/1", T)
    assert grouper.assign("Dapur Lapas Contoh terbakar", "", "https://a.example/1", T) == 7
    assert grouper.assign("Warga binaan panen melon", "", None, T, new_key=8) == 8
