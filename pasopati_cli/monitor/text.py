"""Indonesian words for matching: tokens, stems and phrase lookup. Pure and cached.

Indonesian builds words from a root with prefixes (me-, di-, ter-, ber-, pe-, ke-, se-, per-), suffixes
(-kan, -an, -i), particles (-lah, -kah, -pun) and possessives (-nya, -ku, -mu): "kabur" becomes
"dikaburkan", "lari" becomes "melarikan" and "pelarian". Rather than guess one root per word (which needs a
dictionary of roots, as Sastrawi has), a word here stands for every root it could come from, and a word
in a keyword list matches a word in a story when the two share a root. The keyword side is small, so
this is precise where it matters and needs no dictionary; each word's roots are computed once and cached.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
# prefix -> the root's possible first letters after the nasal (meN-/peN- assimilate: memukul <- pukul)
_NASAL = {
    "meny": ("s",),
    "peny": ("s",),
    "meng": ("", "k"),
    "peng": ("", "k"),
    "mem": ("", "p"),
    "pem": ("", "p"),
    "men": ("", "t"),
    "pen": ("", "t"),
}
_NASAL_ORDER = sorted(_NASAL, key=len, reverse=True)
_PLAIN = ("ber", "ter", "per", "me", "pe", "di", "ke", "se")
MIN_ROOT = 3


def plain_text(value: str) -> str:
    """Markup-free, unescaped, one-line text: what a feed's title or summary says, never how."""
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", value)))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    return _SPACE.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Lower-case words (hyphenated words and reduplications such as 'sabu-sabu' stay one word)."""
    return _TOKEN.findall(text.lower())


def _strip_suffixes(word: str) -> list[str]:
    forms = [word]
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        extra = []
        for form in forms:
            for suffix in group:
                if form.endswith(suffix) and len(form) - len(suffix) >= MIN_ROOT:
                    extra.append(form[: -len(suffix)])
        forms += extra
    return forms


def _strip_prefixes(word: str, depth: int = 2) -> list[str]:
    forms = [word]
    if depth == 0:
        return forms
    for prefix in _NASAL_ORDER:  # the longest nasal prefix only: 'menyerang' is meny+serang, not men+yerang
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            for first in _NASAL[prefix]:
                candidate = first + rest
                if len(candidate) >= MIN_ROOT:
                    forms += _strip_prefixes(candidate, depth - 1)
            break
    for prefix in _PLAIN:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_ROOT:
            forms += _strip_prefixes(word[len(prefix) :], depth - 1)
    return forms


@lru_cache(maxsize=200_000)
def roots(word: str) -> frozenset[str]:
    """Every root `word` may be built on, itself included ('dilarikan' -> {dilarikan, larikan, lari, ...})."""
    if len(word) <= MIN_ROOT + 1 or not word.isalpha():
        return frozenset((word,))
    found = {word}
    for form in _strip_suffixes(word):
        found.update(_strip_prefixes(form))
    return frozenset(found)


MIN_SHARED = 4


def _keys(word: str) -> frozenset[str]:
    """What a listed word is indexed under: itself and every root of four letters or more."""
    return frozenset(form for form in roots(word) if form == word or len(form) >= MIN_SHARED)


def same_word(listed: str, word: str) -> bool:
    """Does a word of a story stand for a listed word? The same word, or a shared root that the story's word
    really builds on ('dilarikan' and 'pelarian' share 'lari'); a bare word never stands for a derived listed
    word ('tinggal' is not 'meninggal', 'pukul' is not 'dipukul')."""
    if listed == word:
        return True
    return not _keys(listed).isdisjoint(roots(word) - {word})


@dataclass(frozen=True)
class Match:
    term: str  # the phrase as written in the list
    label: str  # what it stands for ('type:pelarian', 'negatif', 'unit' ...)
    start: int  # token positions in the story
    end: int

    @property
    def group(self) -> str:
        return self.label.partition(":")[0]


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    term: str
    label: str
    stem: bool


@dataclass
class PhraseIndex:
    """Phrases of one or more words, each with a label, found in a story's words in one pass.

    A phrase added with `stem=True` matches on shared roots (`same_word`); with `stem=False` word for word
    (names). Within one label group ('type', 'sentiment' ...) the longest phrase at a position wins and a
    word counts once; groups do not shadow each other."""

    _first: dict[str, list[_Entry]] = field(default_factory=dict)
    _cache: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)

    def add(self, phrase: str, label: str, *, stem: bool = True) -> None:
        words = tuple(tokens(phrase))
        if not words:
            return
        entry = _Entry(words, phrase, label, stem)
        for key in _keys(words[0]) if stem else (words[0],):
            self._first.setdefault(key, []).append(entry)
        self._cache.clear()

    def add_all(self, phrases: Iterable[str], label: str, *, stem: bool = True) -> None:
        for phrase in phrases:
            self.add(phrase, label, stem=stem)

    def _starting(self, word: str) -> tuple[_Entry, ...]:
        """The phrases whose first word `word` stands for (cached: news repeats its words)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: list[_Entry] = []
        for key in roots(word):
            for entry in self._first.get(key, ()):
                if entry in found:
                    continue
                first = entry.words[0]
                if (first == word) if not entry.stem else same_word(first, word):
                    found.append(entry)
        result = tuple(found)
        if len(self._cache) < 500_000:
            self._cache[word] = result
        return result

    def find(self, words: Sequence[str]) -> list[Match]:
        found: list[Match] = []
        used_until: dict[str, int] = {}
        count = len(words)
        for position, word in enumerate(words):
            entries = self._starting(word)
            if not entries:
                continue
            best: dict[str, list[_Entry]] = {}
            for entry in entries:
                size = len(entry.words)
                group = entry.label.partition(":")[0]
                if position < used_until.get(group, 0) or position + size > count:
                    continue
                if size > 1 and not all(
                    (entry.words[i] == words[position + i])
                    if not entry.stem
                    else same_word(entry.words[i], words[position + i])
                    for i in range(1, size)
                ):
                    continue
                chosen = best.get(group)
                if chosen is None or size > len(chosen[0].words):
                    best[group] = [entry]
                elif size == len(chosen[0].words):
                    chosen.append(entry)
            for group, chosen in best.items():
                end = position + len(chosen[0].words)
                found.extend(Match(entry.term, entry.label, position, end) for entry in chosen)
                used_until[group] = end
        return found
