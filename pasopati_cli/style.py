"""The style check: how a released statement is written (EYD V for Indonesian, house style for English).

Pure functions over text. The rules come from the guideline's `style.rules`, so a unit can tune them; every
finding is an ordinary `Problem` (codes P701-P710, warnings unless the guideline says otherwise) located at
line and column, quoting what was found and giving the fix. Each check walks the text once with bounded
look-around, so a long one-line statement costs time in proportion to its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pasopati_cli.model import Guideline, Style, StyleRule
from pasopati_cli.problems import Lang, PasopatiError, Problem, Severity, problem

if TYPE_CHECKING:
    from pasopati_cli.naming import Context


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CATEGORY_CODES = {
    "serial_comma": "P701",
    "headline_case": "P702",
    "range_dash": "P703",
    "abbreviation": "P704",
    "digit_opening": "P705",
    "first_person": "P706",
    "post_length": "P707",
    "number_words": "P708",
    "number_pair": "P709",
    "regex": "P710",
}
# Words that open an introductory phrase ("Pada Kamis, petugas dan polisi ..."): the comma after such a
# phrase closes it, and what follows is no list.
_DAYS = _words(
    """
    senin selasa rabu kamis jumat sabtu minggu monday tuesday wednesday thursday friday saturday sunday
    """
)
_INTRO = _DAYS | _words(
    """
    pada di ke dari dalam setelah sesudah sebelum sejak saat ketika selama hingga sampai untuk bersama
    menurut selain namun sementara karena oleh sebagai berdasarkan sehubungan terkait dengan meskipun
    walaupun jika bila apabila agar demi atas kini sebelumnya selanjutnya kemudian akhirnya pukul
    sekitar yth dengan hormat on in at after before since during when while until for with from as by
    according however meanwhile today yesterday if although because following together dear
    """
)
_INTRO |= _words("of sesuai begitu usai seusai menjelang sebagaimana selagi tatkala kalau walau")
# Words that open a clause or an example after a comma ("..., karena A atau B", "..., including A and B"):
# what follows them is one item, not the last of a list.
_CLAUSE_WORDS = _INTRO | _words(
    """
    karena sehingga yang bahwa tetapi namun serta sedangkan lalu kemudian termasuk yaitu yakni misalnya
    seperti dan atau and or but so which who that including such whereas then because namely where
    """
)
_MONTHS = _words(
    """
    januari februari maret april mei juni juli agustus september oktober november desember january
    february march may june july august october december
    """
)
# Words before a figure that make it a label, not a count ("Pasal 5", "pukul 14", "Kelas 2").
_LABELS = _words(
    """
    pasal ayat huruf nomor no angka pukul jam tanggal kelas blok lantai halaman hlm lampiran tahun uu pp
    rt rw ke tingkat article section number page room level grade paragraph law at year
    """
)
_UNITS = _words(
    """
    persen km kg m cm mm meter ha x kali gram kilogram liter ton ribu juta miliar triliun
    """
)
_ABBREVIATION_DOTS = _words(
    """
    no jl yth kel kec tel telp dr drs ir hal plh plt rp st mr mrs ms prof hlm a.n u.p
    """
)

_ID_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words_id(n: int) -> str:
    """An Indonesian number in words ("seratus dua puluh lima"), 0 to 999,999,999."""
    if n < 10:
        return _ID_ONES[n] or "nol"
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ID_ONES[n - 10]} belas"
    for size, word, one in ((10**6, "juta", "satu juta"), (1000, "ribu", "seribu"), (100, "ratus", "seratus")):
        if n >= size:
            head, rest = divmod(n, size)
            text = one if head == 1 else f"{words_id(head)} {word}"
            return text if rest == 0 else f"{text} {words_id(rest)}"
    tens, rest = divmod(n, 10)
    return f"{_ID_ONES[tens]} puluh" + (f" {_ID_ONES[rest]}" if rest else "")


def words_en(n: int) -> str:
    """An English number in words ("one hundred twenty-five"), 0 to 999,999,999."""
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_ONES[rest]}" if rest else "")
    for size, word in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            return f"{words_en(head)} {word}" + (f" {words_en(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover - every n >= 100 is caught above


def in_words(n: int, lang: Lang) -> str:
    return words_en(n) if lang == "en" else words_id(n)


@dataclass(frozen=True)
class Finding:
    """One match of one rule: where it starts (0-based offset), what it matched and how to fix it."""

    rule: StyleRule
    start: int
    end: int
    found: str
    fix: str
    fix_en: str | None = None


@dataclass(frozen=True)
class Target:
    """What a statement is: its language and, when known, its statement kind."""

    lang: Lang
    kind: str | None = None


def applies(rule: StyleRule, target: Target) -> bool:
    if target.lang not in rule.langs:
        return False
    if rule.kinds and target.kind not in rule.kinds:
        return False
    return target.kind is None or target.kind not in rule.except_kinds


def code_of(rule: StyleRule) -> str:
    return CATEGORY_CODES[rule.category or rule.check]


# --- guessing what a statement is ---------------------------------------------------------------------

_ID_WORDS = frozenset(
    ["yang", "dan", "di", "dengan", "untuk", "ini", "tidak", "pada", "dari", "akan", "telah", "dalam", "kepada"]
)
_EN_WORDS = frozenset(
    ["the", "and", "of", "to", "is", "with", "for", "on", "are", "this", "that", "will", "has", "from"]
)
_WORD = re.compile(r"[A-Za-z]+")


def guess_lang(text: str) -> Lang:
    """Indonesian or English, by the commonest function words of the first 20,000 characters."""
    indonesian = english = 0
    for match in _WORD.finditer(text, 0, 20_000):
        word = match.group().lower()
        indonesian += word in _ID_WORDS
        english += word in _EN_WORDS
    return "en" if english > indonesian else "id"


def guess_kind(text: str, name: str, kinds: Sequence[str]) -> str | None:
    """The statement kind: named in the file name, or told by the text's own heading."""
    lowered = name.lower()
    for kind in sorted(kinds, key=len, reverse=True):
        if kind in lowered:
            return kind
    head = text[:5000]
    if ("SIARAN PERS" in head or "PRESS RELEASE" in head) and "siaran_pers" in kinds:
        return "siaran_pers"
    if ("Hak Jawab" in head or "Right of Reply" in head) and "hak_jawab" in kinds:
        return "hak_jawab"
    return None


# --- the checks ---------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _word_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole words; a word in lower case also matches capitalised, one with capitals matches exactly."""
    variants: set[str] = set()
    for word in words:
        word = " ".join(word.split())
        if not word:
            continue
        variants.add(word)
        if word == word.lower():
            variants.add(word[:1].upper() + word[1:])
    if not variants:
        return None
    body = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w@])")


_QUOTE_MARKS = re.compile(r'[“”"]|\n[ \t]*\n')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (“...” or "..."), each within one paragraph: a quote may say "kami"."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    closer = ""
    for mark in _QUOTE_MARKS.finditer(text):
        char = mark.group()
        if opened is None:
            if char in '“"':
                opened, closer = mark.start(), "”" if char == "“" else '"'
        elif char == closer:
            spans.append((opened, mark.end()))
            opened = None
        elif char.startswith("\n"):
            opened = None
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    from bisect import bisect_right

    at = bisect_right(spans, (offset, len("\uffff"))) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _first_person(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    pattern = _word_regex(tuple(rule.patterns))
    if pattern is None:
        return
    spans = _quoted_spans(text)
    unit = "the unit's name" if target.lang == "en" else "nama unit"
    for match in pattern.finditer(text):
        if not _inside(spans, match.start()):
            yield Finding(rule, match.start(), match.end(), match.group(), f"«{unit}»", "«the unit's name»")


def _abbreviations(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    wanted: dict[str, str] = {}
    for short, full in rule.replace.items():
        wanted[short] = full
        if short == short.lower():
            wanted[short[:1].upper() + short[1:]] = full[:1].upper() + full[1:]
    pattern = _word_regex(tuple(rule.replace))
    if pattern is None:
        return
    for match in pattern.finditer(text):
        found = match.group()
        full = wanted.get(found) or wanted.get(" ".join(found.split()), "")
        yield Finding(rule, match.start(), match.end(), found, f"«{full}»")


# Where a clause ends: a stop before a space (not the dot of "14.05" or "No.1"), a line break, brackets, quotes.
_CLAUSE_END = re.compile(r'[.!?:](?=\s|$)|[\n;()“”"]')
# A title cited in quotes ("berjudul “...”", "titled '...'") is the outlet's text, quoted as it was written.
_CITED = re.compile(r"(?i:berjudul|judul|titled|entitled|headlined)\s*:?\s*$")


def _clauses(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for end in _CLAUSE_END.finditer(text):
        yield start, text[start : end.start()]
        start = end.end()
    yield start, text[start:]


def _cited_spans(text: str) -> list[tuple[int, int]]:
    return [span for span in _quoted_spans(text) if _CITED.search(text[max(0, span[0] - 20) : span[0]])]


# A list item holds no verb: an item that does ("petugas membuka kamar", "security was stepped up") is a
# clause, and a comma between clauses is no list. Indonesian verbs by their prefix, English ones by form.
_VERB_PREFIX = re.compile(r"(?:me|di|ber|ter)[a-z]{3,}")
_NOT_VERBS = _words(
    """
    berkas berita beras dinas dialog direktur diskusi mesin menit merek meter terminal hundred speed
    """
)
_EN_VERBS = _words(
    """
    is are was were has have had been being held made taken given kept put remains remain will can
    """
)
# Words that close a list after a comma ("..., serta dokumentasi", "..., as well as ..."): the list ended there.
_CLOSERS = ("serta ", "as well as ", "plus ")


def _has_verb(words: Sequence[str]) -> bool:
    for word in words:
        bare = word.strip("*_.,;:").lower()
        if bare in _NOT_VERBS or not word[:1].islower():
            continue
        if _VERB_PREFIX.fullmatch(bare) or bare in _EN_VERBS or (len(bare) >= 5 and bare.endswith("ed")):
            return True
    return False


def _list_head(words: list[str]) -> list[str]:
    """The first item of a list that a longer clause leads into ("... dan mendapat air minum, makanan dan
    ...", "... atas kesabaran, kewaspadaan dan ..."): the few words after its last verb, preposition or clause
    word. A short lead with no verb is the item itself."""
    if len(words) <= 6 and not _has_verb(words):
        return words
    bare = [word.lower().strip("*_.,;:") for word in words]
    cuts = [i for i, word in enumerate(words) if bare[i] in _CLAUSE_WORDS or _has_verb([word])]
    head = words[cuts[-1] + 1 :] if cuts else []
    return head if 0 < len(head) <= 3 else []


def _until_clause_word(words: list[str]) -> list[str]:
    """The last item of a list: the words up to a clause word ("video yang belum terverifikasi" -> "video")."""
    for i, word in enumerate(words):
        if word.lower().strip("*_.,;:") in _CLAUSE_WORDS:
            return words[:i]
    return words


def _serial_commas(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    """ "a, b dan c" -> "a, b, dan c": in each clause, the last item after a comma joined by a conjunction
    with no comma before it, when the items around it are short, hold no verb, and the item before the comma
    is no opening phrase ("Pada Kamis, petugas dan polisi ..."). A clause may lead into the list ("... dan
    mendapat air minum, makanan dan alas tidur"), and a clause joined after it ("a, b dan c, dan ...") is
    no item of it."""
    if not rule.patterns:
        return
    words = "|".join(re.escape(w) for w in rule.patterns)
    conjunctions = re.compile(rf"\s(?:{words})\s")
    opening = re.compile(rf"(?:{words})\s")
    cited = _cited_spans(text) if "“" in text or '"' in text else []
    for base, body in _clauses(text):
        if ", " not in body or (cited and _inside(cited, base)):
            continue
        parts = body.split(", ")
        joined = [i for i in range(1, len(parts)) if opening.match(parts[i]) or conjunctions.search(parts[i])]
        if not joined:
            continue
        # the last list, not a clause joined after it ("a, b dan c, dan ..."): skip parts that open with the
        # conjunction
        inner = [i for i in joined if not opening.match(parts[i])]
        if not inner:
            continue
        last = inner[-1]
        rest = [bool(opening.match(p)) for p in parts[last + 1 :]]
        if True in rest and False in rest[: rest.index(True)]:
            continue  # "a, b dan c, d, dan e": "b dan c" is one item of a longer list
        part, before = parts[last], parts[last - 1]
        joint = conjunctions.search(part)
        if opening.match(part) or joint is None or any(p.startswith(_CLOSERS) for p in parts[last + 1 :]):
            continue
        first = _list_head(before.split())
        middle = part[: joint.start()].split()
        if not first or not middle or len(first) > 6 or len(middle) > 5:
            continue
        if first != before.split() and _has_verb(_until_clause_word(part[joint.end() :].split())):
            continue  # "..., pendampingan bagi penghuni dan petugas tetap berjalan": clauses, not a list
        if first[0].lower().strip("*_") in _INTRO or middle[0].lower() in _CLAUSE_WORDS:
            continue
        if first[-1].lower().strip("*_") in _DAYS or any(char.isdigit() for char in " ".join(first)):
            continue
        if _has_verb(first) or _has_verb(middle) or before.rstrip().endswith(("S.H.", "M.H.")):
            continue
        here = base + sum(len(p) + 2 for p in parts[:last])
        word = joint.group().strip()
        found = part[: joint.end() - 1].strip()
        yield Finding(rule, here, here + joint.end() - 1, found, f"«{part[: joint.start()].strip()}, {word}»")


_HEADLINE = re.compile(r"(?m)^#[ \t]+(.+)$")
# The title of a statement under its level-one heading ("# PERNYATAAN AWAL", blank lines, "**Kebakaran di
# Lapas ...**"): a line that is only bold. EYD V capitalises the words of any title; English house style keeps
# that line in sentence case, so only Indonesian statements have it read.
_BOLD_TITLE = re.compile(r"(?m)^#[ \t]+.+\n(?:[ \t]*\n)*\*\*([^*\n]+)\*\*[ \t]*$")


def _titles(text: str, lang: Lang) -> Iterator[tuple[int, str]]:
    """(offset, text) of each headline, and in Indonesian of each bold title line under one."""
    lines = [(m.start(1), m.group(1)) for m in _HEADLINE.finditer(text)]
    if lang == "id":
        lines += [(m.start(1), m.group(1)) for m in _BOLD_TITLE.finditer(text)]
    return iter(sorted(lines))


def _headline_case(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    """The headline (a level-one heading) and an Indonesian title line under it: each word capitalised except
    function words, unless first."""
    small = {word.lower() for word in rule.patterns}
    for offset, title in _titles(text, target.lang):
        first = True
        for token in re.finditer(r"\S+", title):
            word = token.group().strip("*_\"“”'‘’(),.:;!?")
            start = offset + token.start() + token.group().find(word[:1]) if word else 0
            if not word or not word[0].isalpha():
                first = False
                continue
            if first:
                first = False
                continue
            if word.lower() in small and word[0].isupper() and not word.isupper():
                yield Finding(rule, start, start + len(word), word, f"«{word.lower()}»")
            elif word.lower() not in small and word[0].islower() and word.replace("-", "").isalpha():
                fixed = "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
                yield Finding(rule, start, start + len(word), word, f"«{fixed}»")


_RANGE = re.compile(r"(?<![\w.,:/\-–])(\d{1,4}(?:[.:]\d{2})?)( ?- ?)(\d{1,4}(?:[.:]\d{2})?)(?![\w/\-–]|[.,:]\d)")


def _range_dashes(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    for match in _RANGE.finditer(text):
        low, high = match.group(1), match.group(3)
        if low.startswith("0") and len(low) > 1 and low.isdigit():
            continue  # a telephone number, not a range
        yield Finding(rule, match.start(), match.end(), match.group(), f"«{low}–{high}»")


_SENTENCE_START = re.compile(
    r"(?m)(?:^[ \t]*(?:#+[ \t]+|[-*+>][ \t]+|\d{1,3}[.)][ \t]+|\|[ \t]*)?(?:\*\*|__|\*|_)?)(?=\d)(?!\d{1,3}[.)][ \t])"
)
# The word before the stop is read at most 32 characters back, so a long run without spaces costs one pass.
_AFTER_STOP = re.compile(r"(\S{0,32})[.!?][\"”’)]?[ \t]+(?:\*\*|\*|_)?(?=\d)")
_DATE_LINE = re.compile(r"\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$")


def _digit_openings(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    starts: list[int] = []
    for match in _SENTENCE_START.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        rest = text[match.end() : min(line_end, match.end() + 41)]  # a date line is short: never copy a long one
        if not _DATE_LINE.match(rest[:40]) or len(rest) > 40:
            starts.append(match.end())
    for match in _AFTER_STOP.finditer(text):
        word = match.group(1).strip("*_(").lower()
        if word in _ABBREVIATION_DOTS or (len(word) <= 4 and "." in word) or len(word) == 1:
            continue
        starts.append(match.end())
    for start in sorted(set(starts)):
        figure = re.match(r"\d+(?:[.,]\d+)*", text[start : start + 40])
        if figure is None:
            continue
        token = figure.group()
        number = token.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token) else token
        if number.isdigit() and len(_words_of(int(number), target.lang).split()) <= 2:
            spelled = _words_of(int(number), target.lang)
            fix = spelled[:1].upper() + spelled[1:]
            fix_en = None
        else:
            fix = f"Sebanyak {token}" if target.lang == "id" else f"rephrase, e.g. «A total of {token}»"
            fix_en = f"rephrase, e.g. «A total of {token}»" if target.lang == "en" else f"«Sebanyak {token}»"
        yield Finding(rule, start, start + len(token), token, f"«{fix}»" if fix_en is None else fix, fix_en)


def _words_of(n: int, lang: Lang) -> str:
    return in_words(n, lang) if n < 10**9 else str(n)


_COUNT = re.compile(r"(?<![\w.,:/()\-–])(\d{1,3}(?:\.\d{3})+|\d{1,9})(?![\w.,:/%\-–]|\s*\()[ \t]+([a-z][a-z\-]*)")


def _counts(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Figures that count something ("4 orang"), not labels ("Pasal 5"), times or dates."""
    for match in _COUNT.finditer(text):
        if match.group(2) in _UNITS or match.group(2) in _MONTHS:
            continue
        before = re.search(r"([A-Za-z]+)\.?\s*$", text[max(0, match.start() - 16) : match.start()])
        if before is not None and (before.group(1).lower() in _LABELS or before.group(1).lower() in _MONTHS):
            continue
        yield match, int(match.group(1).replace(".", ""))


def _say_in_words(rule: StyleRule, n: int, lang: Lang) -> bool:
    if rule.words_up_to == "eyd":
        return n > 0 and len(in_words(n, lang).replace("-", " ").split()) <= 2
    return 0 < n <= rule.words_up_to


def _number_words(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    for match, n in _counts(text):
        if _say_in_words(rule, n, target.lang):
            found = f"{match.group(1)} {match.group(2)}"
            yield Finding(rule, match.start(), match.end(), found, f"«{in_words(n, target.lang)} {match.group(2)}»")


def _number_pairs(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    for match, n in _counts(text):
        if n >= 10**9:
            continue
        found = f"{match.group(1)} {match.group(2)}"
        yield Finding(
            rule, match.start(), match.end(), found, f"«{match.group(1)} ({in_words(n, target.lang)}) {match.group(2)}»"
        )


def _post_length(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    body = text.strip()
    lead = len(text) - len(text.lstrip())
    for platform, limit in sorted(rule.limits.items(), key=lambda item: item[1]):
        if len(body) > limit:
            over = len(body) - limit
            yield Finding(
                rule,
                lead + limit,
                lead + len(body),
                f"{platform}: {len(body)}/{limit}",
                f"potong {over} karakter",
                f"cut {over} characters",
            )


@lru_cache(maxsize=64)
def _regexes(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    from pasopati_cli.guard import scoped

    if not patterns:
        return None
    return re.compile("|".join(f"(?:{scoped(pattern)})" for pattern in patterns))


def _regex(rule: StyleRule, text: str, target: Target) -> Iterator[Finding]:
    try:
        pattern = _regexes(tuple(rule.patterns))
    except re.error as exc:  # a guideline used without `validate`: a located refusal, not a traceback
        raise PasopatiError(
            [
                problem(
                    "P104",
                    path=f"style.{rule.id}.patterns",
                    detail=f"regex salah: {exc}",
                    detail_en=f"bad regex: {exc}",
                )
            ]
        ) from None
    if pattern is None:
        return
    for match in pattern.finditer(text):
        if match.end() > match.start():
            yield Finding(rule, match.start(), match.end(), match.group(), "")


CHECKS = {
    "serial_comma": _serial_commas,
    "headline_case": _headline_case,
    "range_dash": _range_dashes,
    "abbreviation": _abbreviations,
    "digit_opening": _digit_openings,
    "first_person": _first_person,
    "post_length": _post_length,
    "number_words": _number_words,
    "number_pair": _number_pairs,
    "regex": _regex,
}


def _masked(text: str) -> str:
    """The text with web addresses and e-mail addresses blanked (same length): "2026-11-26" in a link is no
    range, "WA" in an address is no abbreviation."""
    return _ADDRESS.sub(lambda m: "·" * len(m.group()), text)


# An e-mail's local part is at most 64 characters and each domain label 63 (RFC 5321), so a long run of
# word characters without "@" is passed over in one pass instead of being tried from every position.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S++|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def find(text: str, style: Style, target: Target) -> list[Finding]:
    """Every finding of every rule that applies to the statement, in reading order."""
    masked = _masked(text)
    findings = [
        finding for rule in style.rules if applies(rule, target) for finding in CHECKS[rule.check](rule, masked, target)
    ]
    findings = [
        Finding(
            f.rule, f.start, f.end, text[f.start : f.end] if f.rule.check != "post_length" else f.found, f.fix, f.fix_en
        )
        for f in findings
    ]
    findings.sort(key=lambda f: (f.start, code_of(f.rule), f.rule.id))
    return findings


# --- problems ------------------------------------------------------------------------------------------


def to_problem(finding: Finding, text: str, file: str | None) -> Problem:
    from pasopati_cli.guard import quote
    from pasopati_cli.reading import Lines

    rule = finding.rule
    line, column = Lines(text).position(finding.start)
    quoted = quote(finding.found)
    fix_id = f" Perbaikan: {finding.fix}." if finding.fix else ""
    fix_en = finding.fix_en if finding.fix_en is not None else finding.fix
    return problem(
        code_of(rule),
        file=file,
        line=line,
        column=column,
        path=f"style.{rule.id}",
        severity=Severity(rule.severity),
        detail=f"«{quoted}»: {rule.message.id}{fix_id}",
        detail_en=f"«{quoted}»: {rule.message.en}" + (f" Fix: {fix_en}." if fix_en else ""),
    )


def style_statement(text: str, style: Style, target: Target, *, file: str | None = None) -> list[Problem]:
    """The style check over one statement: every finding, located at line and column."""
    return [to_problem(finding, text, file) for finding in find(text, style, target)]


def platform_limits(style: Style, kind: str, lang: Lang) -> dict[str, int]:
    """The character limit of each platform a statement of `kind` is posted on (the guideline's post_length
    rules), strictest first."""
    limits: dict[str, int] = {}
    for rule in style.rules:
        if rule.check == "post_length" and applies(rule, Target(lang, kind)):
            for platform, limit in rule.limits.items():
                limits[platform] = min(limit, limits.get(platform, limit))
    return dict(sorted(limits.items(), key=lambda item: item[1]))


def check_statements(
    texts: Sequence[tuple[str, str]],
    guideline: Guideline,
    *,
    names: Sequence[str] = (),
    kind: str | None = None,
    lang: Lang | None = None,
    context: Context | None = None,
) -> list[Problem]:
    """`pasopati check`: the disclosure guard and the style check over named texts (file name, text).

    The statement's language and kind are guessed from each text (and its file name) unless given."""
    from pasopati_cli.guard import guard_statement

    kinds = [k.id for k in guideline.statement_kinds]
    problems: list[Problem] = []
    for file, text in texts:
        target = Target(lang or guess_lang(text), kind or guess_kind(text, file, kinds))
        found = guard_statement(text, guideline.disclosure, names=names, file=file, context=context)
        found += style_statement(text, guideline.style, target, file=file)
        problems += sorted(found, key=Problem.sort_key)
    return problems
