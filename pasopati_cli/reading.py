"""What a reader sees of a statement, with every offset mapped back to the text as written.

The disclosure guard matches its rules against this reading, not against the raw characters: a word broken
by a zero-width space, a soft hyphen or a bidi control, written with Cyrillic or Greek look-alike letters or
full-width forms, split by Markdown emphasis (`tidak *ada* komentar`), hidden in a link (`[text](url)`) or
spaced out ("H I V") reads the same to a person and must read the same to the guard.

The reading is built in stages. Each stage is one linear scan (a regular expression without nested
quantifiers, or `str.translate`) that records its edits as spans, so that a position in the reading maps back
to the original text by a binary search per stage; the cost of the map grows with the number of edits, never
with the text times the findings. Whitespace runs end as one character (a space, or one or two line breaks),
so that no rule's `\\s*` can scan a long run more than once.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

# Letters of other scripts that a reader takes for Latin ones (after NFKD). Unicode's confusables list is
# much longer; these are the ones that type from Cyrillic, Greek and Armenian keyboards and pass for
# Indonesian or English words.
CONFUSABLES = dict(
    zip(
        "АВЕЅІЈКМНОРСТХУҮҺԌԚԜ"  # Cyrillic capitals
        "аеѕіјорсхуүһԁԛԝӏ"  # Cyrillic small
        "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # Greek capitals
        "αοιρυνχκτ"  # Greek small
        "օսհոզ"  # Armenian
        "ıȷℓɡɑ",  # Latin look-alikes outside ASCII
        "ABESIJKMHOPCTXYYhGQWaesijopcxyyhdqwlABEZHIKMNOPTYXaoipuvxktounnqijlga",
        strict=True,
    )
)
# Characters a reader does not see: Unicode format characters (zero-width spaces and joiners, the soft
# hyphen, the word joiner, the BOM, bidi embeddings, overrides and isolates, tag characters) are found by
# their category; these fillers are letters by category but print as nothing.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f")


MAX_KEPT = 20_000


def hidden(char: str) -> bool:
    """Whether a reader cannot see the character (a format character, a filler, a combining joiner)."""
    return char in INVISIBLE or unicodedata.category(char) == "Cf"


class _Fold(dict[int, str]):
    """The reading of one character (NFKD, marks dropped, look-alikes folded), computed on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if hidden(char):
            folded = ""
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(CONFUSABLES.get(c, c) for c in decomposed if not unicodedata.combining(c))
        if len(self) < MAX_KEPT:  # a text of a million different characters does not grow it without end
            self[code] = folded
        return folded


_FOLD = _Fold()
_NON_ASCII = re.compile(r"[^\x00-\x7f]++")
# Markdown a reader never sees as characters: a link's brackets and target, emphasis and code marks that
# touch a letter or digit (a lone "___" field or "*" bullet stays), escaped marks, and character entities.
_MARKDOWN = re.compile(
    r"(?P<link>\[(?=[^\[\]\n]{1,300}+\]\([^()\s]{0,2000}+\)))"
    r"|(?P<target>\]\([^()\s]{0,2000}+\))"
    r"|(?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<escape>\\[*_~`\[\]])"
    r"|(?P<mark>[*_~`]{1,3}+(?=[^\W_])|(?<=[^\W_])[*_~`]{1,3}+)"
)
_SPACES = re.compile(r"\s{2,}+|[^\S \n]")
# Three or more single letters, each apart by one space, dot or hyphen, the same one throughout ("H I V",
# "H.I.V.", "N-I-K"), read as one word.
_SPACED = re.compile(r"(?<![^\W_])[^\W\d_](?P<sep>[ .\-])[^\W\d_](?![^\W_])(?:(?P=sep)[^\W\d_](?![^\W_]))++")


class _Stage:
    """One stage's edits: spans of its input replaced by other text, and how to map back through them."""

    def __init__(self, source: str, edits: Iterable[tuple[int, int, str]]) -> None:
        pieces: list[str] = []
        old_starts: list[int] = []
        old_ends: list[int] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        linear: list[bool] = []
        at = 0
        shift = 0
        for start, end, replacement in edits:
            pieces += (source[at:start], replacement)
            new_start = start + shift
            shift += len(replacement) - (end - start)
            old_starts.append(start)
            old_ends.append(end)
            new_starts.append(new_start)
            new_ends.append(end + shift)
            linear.append(len(replacement) == end - start)
            at = end
        pieces.append(source[at:])
        self.text = "".join(pieces)
        self._old_starts, self._old_ends = old_starts, old_ends
        self._new_starts, self._new_ends, self._linear = new_starts, new_ends, linear

    def back(self, offset: int, *, end: bool) -> int:
        """The input offset of an output offset: the start of what a character came from, or (end=True) the
        end of what the character before `offset` came from."""
        probe = offset - 1 if end else offset
        index = bisect_right(self._new_starts, probe) - 1
        if index < 0:
            return offset
        new_start, new_end = self._new_starts[index], self._new_ends[index]
        old_start, old_end = self._old_starts[index], self._old_ends[index]
        if probe >= new_end:  # after this edit: the same distance after its input end
            return old_end + (offset - new_end)
        if self._linear[index]:
            return old_start + (offset - new_start)
        return old_end if end else old_start


def _fold_edits(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _NON_ASCII.finditer(text):
        run = match.group()
        folded = run.translate(_FOLD)
        if folded == run:
            continue
        start = match.start()
        if len(folded) == len(run) and all(len(_FOLD[ord(c)]) == 1 for c in set(run)):
            yield start, match.end(), folded  # letter for letter: positions inside stay exact
            continue
        for index, char in enumerate(run):
            one = _FOLD[ord(char)]
            if one != char:
                yield start + index, start + index + 1, one


def _markdown_edits(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _MARKDOWN.finditer(text):
        if match.lastgroup == "entity":
            import html  # only for a statement that holds an entity; the usual one has none

            decoded = html.unescape(match.group())
            if decoded == match.group():
                continue
            yield match.start(), match.end(), decoded.translate(_FOLD)
        else:
            yield match.start(), match.end(), ""


def _space_edits(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _SPACES.finditer(text):
        run = match.group()
        breaks = run.count("\n")
        yield match.start(), match.end(), "\n\n" if breaks > 1 else "\n" if breaks else " "


def _spaced_edits(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _SPACED.finditer(text):
        yield match.start(), match.end(), match.group().replace(match.group("sep"), "")


STAGES: tuple[Callable[[str], Iterable[tuple[int, int, str]]], ...] = (
    _fold_edits,
    _markdown_edits,
    _space_edits,
    _spaced_edits,
)


class Reading:
    """A text as a reader sees it (`text`, case kept; `folded`, lower case with line breaks as spaces, the
    same length), and `original(start, end)` to map a span of it back to the text as written."""

    def __init__(self, original: str) -> None:
        self.original = original
        stages: list[_Stage] = []
        text = original
        for edits in STAGES:
            stage = _Stage(text, edits(text))
            if stage._new_starts:
                stages.append(stage)
                text = stage.text
        self._stages = stages
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer: keep it as it is
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.folded = lower.replace("\n", " ")

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the reading's [start, end) came from."""
        for stage in reversed(self._stages):
            start, end = stage.back(start, end=False), stage.back(end, end=True)
        return start, end


def read(text: str) -> str:
    """The reading of a short text (a phrase, a name), to compare with a `Reading`."""
    return Reading(text).text


# Characters that can start a Markdown edit (link, link target, entity, escape, emphasis or code mark).
_MARKUP = frozenset("[]&\\*_~`")


def only_spacing(text: str) -> bool:
    """Whether the reading of `text` differs from it in whitespace alone: ASCII (no letter to fold), no
    character that starts a Markdown edit, no spaced-out letters once its spaces are single. Then the words
    of `read(text)` are the words of `text`, without building a `Reading` (the guard's hundreds of phrases)."""
    return text.isascii() and _MARKUP.isdisjoint(text) and _SPACED.search(" ".join(text.split())) is None


class Lines:
    """1-based line and column of offsets in one text, from one scan for its line breaks."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1
