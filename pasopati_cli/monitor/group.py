"""One issue per story: the same link, or the same story told by several outlets. Pure.

Near-duplicates are found with MinHash signatures over each item's content words and locality-sensitive
hashing: an item is compared only with the few issues that share a band of its signature, so grouping
n items costs about n, not n². A candidate is confirmed by the Jaccard similarity of the words themselves
(title, or title and summary), so a band collision never merges two different stories."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pasopati_cli.monitor.text import tokens

_STOP_TEXT = """
yang dan di ke dari untuk dengan pada dalam ini itu atau juga akan telah sudah oleh karena tak tidak
bagi sebagai saat usai setelah sebelum hingga sampai agar kata ujar menurut para se jadi ada adalah
bisa dapat lebih masih pun lagi hari kamis jumat sabtu minggu senin selasa rabu ia mereka kami kita
the a an of in on to and for is are was were by with at
"""
STOPWORDS = frozenset(_STOP_TEXT.split())
BANDS, ROWS = 10, 2
_MASK = (1 << 61) - 1
_SEEDS = [((i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK) | 1 for i in range(BANDS * ROWS)]
_OFFSETS = [(i * 0xC2B2AE3D27D4EB4F + 0x165667B19E3779F9) & _MASK for i in range(BANDS * ROWS)]
MAX_PER_BUCKET = 8  # issues compared per shared band: keeps a flood of identical stories linear
_TRACKING = ("utm_", "fbclid", "gclid", "amp", "ref", "src")


def canonical_url(url: str | None) -> str | None:
    """The address of a story as it is shared: lower-case host, no fragment, no tracking parameters, no
    trailing slash, http and https alike."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)])
    return urlunsplit(("https", host, parts.path.rstrip("/") or "/", query, ""))


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in tokens(text) if len(w) > 1 and w not in STOPWORDS)


_HASHES: dict[str, tuple[int, ...]] = {}


def _word_hashes(word: str) -> tuple[int, ...]:
    cached = _HASHES.get(word)
    if cached is None:
        base = zlib.crc32(word.encode())
        cached = tuple((seed * base + offset) & _MASK for seed, offset in zip(_SEEDS, _OFFSETS, strict=True))
        if len(_HASHES) < 1_000_000:
            _HASHES[word] = cached
    return cached


def signature(words: Iterable[str]) -> tuple[int, ...]:
    rows = [_word_hashes(w) for w in words]
    if not rows:
        return ()
    return tuple(map(min, zip(*rows, strict=True)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@dataclass
class _Issue:
    key: int
    title_words: frozenset[str]
    words: frozenset[str]
    last_seen: datetime


@dataclass
class Grouper:
    """Assigns items to issues incrementally; existing issues are added first with `remember`."""

    similarity: float = 0.45
    window: timedelta = timedelta(hours=72)
    _by_url: dict[str, int] = field(default_factory=dict)
    _buckets: dict[tuple[int, tuple[int, ...]], list[int]] = field(default_factory=dict)
    _issues: dict[int, _Issue] = field(default_factory=dict)
    _next: int = 1

    def remember(self, issue: int, title: str, summary: str, url: str | None, seen: datetime) -> None:
        """An item already in an issue (from storage)."""
        self._next = max(self._next, issue + 1)
        self._place(issue, content_words(title), content_words(f"{title} {summary}"), canonical_url(url), seen)

    def assign(self, title: str, summary: str, url: str | None, seen: datetime, new_key: int | None = None) -> int:
        """The issue of a new item: the one with its link, else the closest similar story in the window,
        else a new issue (numbered `new_key`, or the next free number)."""
        link = canonical_url(url)
        title_words = content_words(title)
        words = content_words(f"{title} {summary}")
        issue = self._by_url.get(link) if link else None
        if issue is None:
            issue = self._similar(title_words, words, seen)
        if issue is None:
            issue = new_key if new_key is not None else self._next
            self._next = max(self._next, issue + 1)
        self._place(issue, title_words, words, link, seen)
        return issue

    def _bands(self, words: frozenset[str], kind: int) -> list[tuple[int, tuple[int, ...]]]:
        sig = signature(words)
        if not sig:
            return []
        return [(kind * BANDS + b, sig[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)]

    def _similar(self, title_words: frozenset[str], words: frozenset[str], seen: datetime) -> int | None:
        best: tuple[float, int] | None = None
        checked: set[int] = set()
        for band in self._bands(title_words, 0) + self._bands(words, 1):
            for key in self._buckets.get(band, ()):
                if key in checked:
                    continue
                checked.add(key)
                other = self._issues[key]
                if abs(seen - other.last_seen) > self.window:
                    continue
                score = max(jaccard(title_words, other.title_words), jaccard(words, other.words))
                if score >= self.similarity and (best is None or score > best[0]):
                    best = (score, key)
        return best[1] if best else None

    def _place(
        self, issue: int, title_words: frozenset[str], words: frozenset[str], link: str | None, seen: datetime
    ) -> None:
        if link:
            self._by_url.setdefault(link, issue)
        known = self._issues.get(issue)
        if known is not None:
            known.last_seen = max(known.last_seen, seen)
            return  # the first story of an issue stands for it: later copies add nothing new to compare
        self._issues[issue] = _Issue(issue, title_words, words, seen)
        for band in self._bands(title_words, 0) + self._bands(words, 1):
            members = self._buckets.setdefault(band, [])
            if len(members) < MAX_PER_BUCKET:
                members.append(issue)


def group(items: Sequence[tuple[str, str, str | None, datetime]], similarity: float = 0.45) -> list[int]:
    """Issue numbers for (title, summary, url, seen) items, in order (a convenience for tests and benches)."""
    grouper = Grouper(similarity=similarity)
    return [grouper.assign(title, summary, url, seen) for title, summary, url, seen in items]
