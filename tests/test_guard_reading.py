"""The guard reads what people read: hidden characters, look-alike letters, Markdown and spacing do not hide a
problem, every finding is located in the text as written, and hostile input costs linear time.

Each case in BYPASSES once passed the guard (issue 16: 30 of 43 attempts passed); `anchor` is the text as
written where the one finding must start.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pasopati_cli.guard import find, guard_statement
from pasopati_cli.reading import Lines, Reading, only_spacing, read
from pasopati_cli.response import load_guideline

REPO = Path(__file__).parent.parent
DISCLOSURE = load_guideline(REPO).disclosure
ZWSP, ZWNJ, ZWJ, SHY, WJ, BOM = "\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff"
RLO, PDF, LRI, PDI, LRM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200e"

# (case id, statement line, expected code, where the finding starts in the line as written)
BYPASSES = [
    # invisible characters inside a word or a phrase
    ("zwsp-phrase", f"Kami tidak{ZWSP} ada komen{ZWSP}tar.", "P606", "tidak"),
    ("zwsp-every-letter", "Ia " + ZWSP.join("positif HIV") + ".", "P604", "p"),
    ("zwnj-word", f"Hasil diag{ZWNJ}nosis belum ada.", "P604", "diag"),
    ("zwj-word", f"Ada riwayat{ZWJ} penyakit.", "P604", "riwayat"),
    ("soft-hyphen", f"Menurut diag{SHY}no{SHY}sis dokter.", "P604", "diag"),
    ("word-joiner", f"Ia mengalami over{WJ}dosis.", "P604", "over"),
    ("bom-inside", f"Sebuah {BOM}pos jaga dibakar.", "P605", "pos"),
    ("invisible-en", f"We have no com{ZWSP}ment.", "P606", "no"),
    ("mongolian-separator", "tanpa\u180e komentar dari kami.", "P606", "tanpa"),
    ("hangul-filler", "tanpa\u3164 komentar dari kami.", "P606", "tanpa"),
    ("combining-grapheme-joiner", "Ia men\u034fgidap HIV.", "P604", "men"),
    # bidi controls
    ("rlo-pdf", f"Ada {RLO}rekam medis{PDF} yang bocor.", "P604", "rekam"),
    ("isolate", f"Ada {LRI}rekam{PDI} medis.", "P604", "rekam"),
    ("lrm", f"Hasil auto{LRM}psi menunjukkan.", "P604", "Hasil"),
    # look-alike letters
    ("cyrillic-a-o", "Kami menolak berkоmentаr.", "P606", "menolak"),
    ("cyrillic-capitals", "Ia positif НІV.", "P604", "positif"),
    ("cyrillic-all", "Сatatan: оverdosis.", "P604", "оverdosis"),
    ("greek", "Ia mengidap ΗΙV.", "P604", "mengidap"),
    ("fullwidth", "Hasil ｄｉａｇｎｏｓｉｓ keluar.", "P604", "ｄ"),
    ("math-bold", "Kami 𝐭𝐢𝐝𝐚𝐤 𝐚𝐝𝐚 𝐤𝐨𝐦𝐞𝐧𝐭𝐚𝐫.", "P606", "𝐭"),
    ("accents", "Hasil dïägnösis keluar.", "P604", "d"),
    ("combining-marks", "Hasil dia\u0301gno\u0308sis keluar.", "P604", "d"),
    ("dotless-i", "Hasil dıagnosıs keluar.", "P604", "d"),
    # Markdown that a reader does not see
    ("emphasis-star", "Kami tidak *ada* komentar.", "P606", "tidak"),
    ("emphasis-strong", "Kami tidak **ada** komentar.", "P606", "tidak"),
    ("emphasis-underscore", "Kami tidak _ada_ komentar.", "P606", "tidak"),
    ("emphasis-inside-word", "Hasil diag**no**sis keluar.", "P604", "diag"),
    ("strikethrough", "Kami ~~tidak ada~~ komentar.", "P606", "tidak"),
    ("code-span", "Ada `rekam medis` yang bocor.", "P604", "rekam"),
    ("link", "Lihat [rekam medis](https://contoh.id/a) itu.", "P604", "rekam"),
    ("link-split", "Kami tidak [ada](https://contoh.id/x) komentar.", "P606", "tidak"),
    ("escaped-emphasis", "Kami tidak \\*ada\\* komentar.", "P606", "tidak"),
    ("entity", "Hasil diag&shy;nosis keluar.", "P604", "diag"),
    ("numeric-entity", "Hasil diag&#8203;nosis keluar.", "P604", "diag"),
    # spacing
    ("spaced-letters", "Ia positif H I V.", "P604", "positif"),
    ("spaced-word", "Ada pos jaga di A B C.", "P605", "pos"),
    ("spaced-letters-en", "The inmate has H I V.", "P604", "has"),
    ("dotted-letters", "Ia positif H.I.V. sejak lama.", "P604", "positif"),
    ("hyphenated-letters", "Ia positif H-I-V.", "P604", "positif"),
    ("no-break-space", "Kami tidak\u00a0ada\u2003komentar.", "P606", "tidak"),
    ("many-spaces", "Kami tidak    ada \t komentar.", "P606", "tidak"),
    # identity numbers with separators
    ("nik-spaces-4", "Identitas 3201 0101 0101 0001 sudah dicatat.", "P601", "3201"),
    ("nik-dots", "Identitas 3201.0101.0101.0001 sudah dicatat.", "P601", "3201"),
    ("nik-dashes", "Identitas 3201-0101-0101-0001 sudah dicatat.", "P601", "3201"),
    ("nik-6-6-4", "Identitas 320101 010101 0001 sudah dicatat.", "P601", "3201"),
    ("nik-every-digit", "Identitas 3 2 0 1 0 1 0 1 0 1 0 1 0 0 0 1 sudah dicatat.", "P601", "3 2"),
    ("nik-zwsp-digits", "Identitas " + ZWSP.join("3201010101010001") + " sudah dicatat.", "P601", "3"),
    ("nik-fullwidth", "Identitas ３２０１０１０１０１０１０００１ sudah dicatat.", "P601", "３"),
    ("nik-label-spaces", "NIK" + " " * 40 + "3201 0101 0101 0001.", "P601", "NIK"),
    ("nik-markdown", "Identitas **3201010101010001** sudah dicatat.", "P601", "3201"),
]


@pytest.mark.parametrize(("case", "line", "code", "anchor"), BYPASSES, ids=[case[0] for case in BYPASSES])
def test_a_hidden_problem_is_found_where_it_is_written(case: str, line: str, code: str, anchor: str) -> None:
    text = f"# PERNYATAAN\n\n{line}\n"
    problems = guard_statement(text, DISCLOSURE, file="s.md")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, line.index(anchor) + 1, code)]


def test_the_bypass_cases_cover_every_class_of_the_issue() -> None:
    assert len(BYPASSES) >= 43
    assert {code for *_, code, _ in BYPASSES} >= {"P601", "P604", "P605", "P606"}


def test_a_finding_quotes_the_text_as_written() -> None:
    [finding] = find(f"Kami tidak *ada* kom{ZWSP}entar.", DISCLOSURE)
    assert finding.found == f"tidak *ada* kom{ZWSP}entar"


def test_a_message_shows_where_a_hidden_character_is() -> None:
    [found] = guard_statement(f"Kami tidak ada kom{ZWSP}en{RLO}tar.", DISCLOSURE)
    assert found.message("en").startswith("«tidak ada kom<U+200B>en<U+202E>tar»: Never answer")


def test_a_marked_name_is_found_in_look_alike_letters_and_with_hidden_characters() -> None:
    text = f"Korban, Вudi San{ZWSP}toso, dirawat. Lalu BUDI."
    problems = guard_statement(text, DISCLOSURE, names=["Budi Santoso"])
    assert [(p.column, p.code) for p in problems] == [(9, "P602"), (38, "P602")]


@pytest.mark.parametrize(
    "text",
    [
        "Daftar:\n* butir pertama\n* butir _kedua_\n- [x] selesai\n- [ ] belum",
        "[KLARIFIKASI] Video itu bukan dari Lapas. Info: <humas@contoh.go.id>, <https://contoh.go.id>.",
        "Layanan kunjungan 08.00-15.00 WIB, Senin 26-11-2025 14.35-15.00 WIB.",
        "Telepon (021) 1234 5678 atau 0812-3456-7890.",
        "Surat Nomor W.11-PAS.01.01-1234 tanggal 26.11.2025.",
        "Jumlah: 10 20 30 40 orang.",
        "Saya ingin a b.",
        "Ditandatangani a.n. Kepala Lapas, R.A. Kartini dan PT. A.B.C. Sejahtera.",
        "Kata ﬁnal dan café tetap terbaca; “kutipan” juga.",
    ],
)
def test_ordinary_text_with_numbers_marks_and_unicode_stays_clean(text: str) -> None:
    assert guard_statement(text, DISCLOSURE) == []


def test_the_reading_maps_every_character_back_to_the_text_as_written() -> None:
    text = f"A{ZWSP}b *cc* [dd](u) H I V　ｅｅ\r\n\n\nf&amp;g"
    reading = Reading(text)
    assert reading.text == "Ab cc dd HIV ee\n\nf&g"
    assert len(reading.folded) == len(reading.text)
    pieces = [text[slice(*reading.original_span(i, i + 1))] for i in range(len(reading.text))]
    assert pieces[:9] == ["A", "b", " ", "c", "c", " ", "d", "d", " "]
    assert pieces[9:12] == ["H I V"] * 3
    assert pieces[13:15] == ["ｅ", "ｅ"] and pieces[15:17] == ["\r\n\n\n"] * 2 and pieces[-2] == "&amp;"


def _words(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.mark.parametrize(
    "phrase",
    ["H I V", "h.i.v", "N-I-K", "x  y  z", "*tidak* ada", "rekam_medis", "a &amp; b", "[isi]", "a\\b", "`kode`",
     "ſel", "İnsiden", "ｐｏｓ", "tanpa\u200bkomentar"],
)  # fmt: skip
def test_a_phrase_the_reading_would_change_is_read_in_full(phrase: str) -> None:
    assert not only_spacing(phrase)


def test_a_phrase_read_as_plain_words_reads_as_the_reading_does() -> None:
    """The guard spells its phrases without a Reading when the reading would change their spacing alone."""
    phrases = [p for rule in DISCLOSURE.rules for p in [*rule.patterns, *rule.unless] if rule.check != "regex"]
    plain = [p for p in phrases if only_spacing(p)]
    assert len(plain) > 400  # nearly all of them
    assert [_words(read(p)) for p in plain] == [_words(p) for p in plain]
    assert only_spacing("sel  blok\tC") and _words(read("sel  blok\tC")) == "sel blok c"


def test_line_and_column_come_from_one_scan() -> None:
    lines = Lines("ab\ncd\n\nef")
    assert [lines.position(offset) for offset in (0, 1, 3, 6, 7, 8)] == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (4, 2)]


# --- linear time ------------------------------------------------------------------------------------

HOSTILE = (
    "NIK" + " " * 30_000,
    ZWSP.join("tidak ada komentar diagnosis"),
    "3" * 5_000 + " " + "a" * 5_000,
    "bernama " * 500 + "anak " * 500 + "stabbed " * 500 + "urine " * 500 + "blok " * 500,
    "NIK 3201010101010001 " * 200,
    "*" * 2_000 + "[" * 2_000 + "](" * 1_000,
    "Ia рositif H I V, tidak *ada* komentar. " * 100,
    "# " + "pungli diduga " * 300 + "\n" + "diduga " * 500 + "penyebab " * 500,
    "<" + "a" * 5_000 + " " + "." * 3_000 + " " + "x" * 3_000 + " " + "<<<<<<< " * 300,
)


def _cpu(function: object) -> float:
    assert callable(function)
    start = time.process_time()
    function()
    return time.process_time() - start


def test_a_hostile_text_costs_no_more_than_a_few_ordinary_texts_of_its_size() -> None:
    size = 100_000
    clean = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "tests/guard_corpus/clean").glob("*.md")))
    ordinary = (clean * (size // len(clean) + 1))[:size]
    block = "\n".join(HOSTILE)
    hostile = (block * (size // len(block) + 1))[:size]
    assert guard_statement(hostile, DISCLOSURE)  # it is hostile: the planted problems are there
    ordinary_cost = min(_cpu(lambda: guard_statement(ordinary, DISCLOSURE)) for _ in range(2))
    hostile_cost = min(_cpu(lambda: guard_statement(hostile, DISCLOSURE)) for _ in range(2))
    assert hostile_cost <= 4 * ordinary_cost  # quadratic rules took minutes here (issue 16)


def test_a_text_of_many_different_characters_keeps_the_fold_table_bounded() -> None:
    from pasopati_cli import reading

    text = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 30_000)) + " tidak ada komentar"
    [found] = guard_statement(text, DISCLOSURE)
    assert (found.code, found.column) == ("P606", 30_002)
    assert len(reading._FOLD) <= reading.MAX_KEPT
