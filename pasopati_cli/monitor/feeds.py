"""A feed's bytes -> clean news items. Pure: no network (feedparser is given bytes, never a URL).

Whatever a feed holds is data: markup in titles is removed, a link that is not http(s) (`javascript:`,
`data:`) is dropped, a date in the future is replaced by the time the item was seen."""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from pasopati_cli.monitor.group import canonical_url
from pasopati_cli.monitor.text import plain_text
from pasopati_cli.problems import Problem, Severity, problem

MAX_TITLE, MAX_SUMMARY = 300, 1500
CLOCK_SKEW = timedelta(minutes=10)  # feeds whose clocks run a little fast are not "in the future"


@dataclass(frozen=True)
class FeedItem:
    key: str  # one story, wherever it was seen: its canonical link, else the feed's guid, else its title
    title: str
    summary: str
    url: str | None
    published: datetime  # aware, UTC
    future_date: bool = False


@dataclass(frozen=True)
class ParsedFeed:
    items: tuple[FeedItem, ...]
    skipped: int  # entries with neither title nor summary
    title: str
    problem: Problem | None = None  # set when nothing usable came out
    warning: Problem | None = None  # malformed, but items were recovered


def parse_feed(content: bytes, *, url: str, seen: datetime) -> ParsedFeed:
    import feedparser

    parsed: Any = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or [])
    if not entries and parsed.get("bozo"):
        reason = plain_text(str(parsed.get("bozo_exception") or ""))[:200]
        looks_xml = content.lstrip()[:5].lower().startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))
        found = problem("P825", reason=reason or "?") if looks_xml else problem("P826")
        return ParsedFeed((), 0, "", found)
    if not entries and not parsed.get("version"):
        return ParsedFeed((), 0, "", problem("P826"))
    items: list[FeedItem] = []
    skipped = 0
    for entry in entries:
        item = _item(entry, url, seen)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    title = plain_text(str(parsed.get("feed", {}).get("title") or ""))[:MAX_TITLE]
    warning = None
    error = parsed.get("bozo_exception")
    if parsed.get("bozo") and type(error).__name__ == "SAXParseException":
        # Broken XML that the lenient parser still read: keep what it recovered, and say the feed is broken.
        warning = problem("P825", severity=Severity.WARNING, reason=plain_text(str(error))[:200] or "?")
    return ParsedFeed(tuple(items), skipped, title, None, warning)


def _item(entry: Mapping[str, Any], feed_url: str, seen: datetime) -> FeedItem | None:
    summary = plain_text(str(entry.get("summary") or entry.get("description") or ""))[:MAX_SUMMARY]
    title = plain_text(str(entry.get("title") or ""))[:MAX_TITLE]
    if not title:
        if not summary:
            return None
        title = summary if len(summary) <= 120 else summary[:119].rsplit(" ", 1)[0] + "…"
    link = safe_link(str(entry.get("link") or ""), feed_url)
    published, future = _published(entry, seen)
    guid = str(entry.get("id") or "").strip()
    identity = canonical_url(link) or (f"guid:{feed_url}:{guid}" if guid else f"title:{feed_url}:{title}")
    key = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return FeedItem(key, title, summary, link, published, future)


def safe_link(link: str, base: str) -> str | None:
    """An http(s) address, resolved against the feed's; anything else (javascript:, data:, file:) is None."""
    link = link.strip()
    if not link or any(ord(ch) < 32 for ch in link):
        return None
    scheme = urlsplit(link).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return None
    absolute = urljoin(base, link)
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute[:2000]


def _published(entry: Mapping[str, Any], seen: datetime) -> tuple[datetime, bool]:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return seen, False
    try:
        moment = datetime.fromtimestamp(calendar.timegm(stamp), tz=timezone.utc)
    except (OverflowError, ValueError, OSError, TypeError):
        return seen, False
    if moment > seen + CLOCK_SKEW:
        return seen, True
    return moment, False
