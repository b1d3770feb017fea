"""The style check: each rule of the bundled guideline finds its problem where it is, with the fix, and
leaves well-written text alone; rules are data that a guideline tunes; a long text costs linear time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pasopati_cli.model import Style, StyleRule
from pasopati_cli.regexsafety import nested_quantifier
from pasopati_cli.response import load_guideline
from pasopati_cli.style import Target, find, guess_kind, guess_lang, style_statement, words_en, words_id

REPO = Path(__file__).parent.parent
STYLE = load_guideline(REPO).style


def found(text: str, lang: str = "id", kind: str | None = None) -> list[tuple[int, int, str, str]]:
    """(line, column, code, English message) of every finding."""
    return [
        (p.line or 0, p.column or 0, p.code, p.message("en"))
        for p in style_statement(text, STYLE, Target(lang, kind))  # type: ignore[arg-type]
    ]


def codes(text: str, lang: str = "id", kind: str | None = None) -> list[str]:
    return [code for _, _, code, _ in found(text, lang, kind)]


@pytest.mark.parametrize(
    ("text", "lang", "kind", "where", "code", "fix"),
    [
        ("Petugas, polisi dan pemadam datang.", "id", None, (1, 10), "P701", "«polisi, dan»"),
        ("Staff, police and firefighters came.", "en", None, (1, 8), "P701", "«police, and»"),
        ("Bantuan: air, makanan atau selimut.", "id", None, (1, 15), "P701", "«makanan, atau»"),
        ("# Lapas Tangani Kebakaran Setelah Korsleting\n", "id", "siaran_pers", (1, 27), "P702", "«setelah»"),
        ("# Lapas tangani Kebakaran\n", "id", "siaran_pers", (1, 9), "P702", "«Tangani»"),
        ("# Prison Responds To a Fire\n", "en", "siaran_pers", (1, 19), "P702", "«to»"),
        ("# PERNYATAAN AWAL\n\n**Kabar duka dari Lapas**\n", "id", "holding", (3, 9), "P702", "«Duka»"),
        (
            "Penghuni di area aman mendapat air minum, makanan dan alas tidur.",
            "id",
            None,
            (1, 43),
            "P701",
            "«makanan, dan»",
        ),
        (
            "Dipamerkan kain batik, kerajinan kayu, sandal anyaman dan roti, dan pameran ramai.",
            "id",
            None,
            (1, 40),
            "P701",
            "«sandal anyaman, dan»",
        ),
        (
            "Kami berterima kasih kepada warga atas kesabaran, kewaspadaan dan kerja samanya.",
            "id",
            None,
            (1, 51),
            "P701",
            "«kewaspadaan, dan»",
        ),
        ("# PENUTUP\n**Keadaan Telah Normal Setelah Banjir**\n", "id", "closing", (2, 24), "P702", "«setelah»"),
        ("Kunjungan pukul 08.00-15.00 WIB.", "id", None, (1, 17), "P703", "«08.00–15.00»"),
        ("Visits from 2 - 4 pm.", "en", None, (1, 13), "P703", "«2–4»"),
        ("Hubungi posko, telp. 0812-0000-0099.", "id", None, (1, 16), "P704", "«telepon»"),
        ("Kirim pesan WA ke humas.", "id", None, (1, 13), "P704", "«WhatsApp»"),
        ("Bawa pakaian, dll.", "id", None, (1, 15), "P704", "«dan lain-lain»"),
        ("Petugas datang.\n\n4 orang terluka.", "id", None, (3, 1), "P705", "«Empat»"),
        ("Api padam. 14.40 WIB petugas menghitung.", "id", None, (1, 12), "P705", "«Sebanyak 14.40»"),
        ("The fire is out. 3 people were hurt.", "en", None, (1, 18), "P705", "«Three»"),
        ("Lapas bergerak cepat. Kami menghitung penghuni.", "id", "siaran_pers", (1, 23), "P706", "the unit's name"),
        ("Staff acted fast, and we counted everyone.", "en", "siaran_pers", (1, 23), "P706", "the unit's name"),
        ("Sebanyak 4 orang dirawat di klinik.", "id", "holding", (1, 10), "P708", "«empat orang»"),
        ("Staff took 3 people to hospital.", "en", "update", (1, 12), "P708", "«three people»"),
        (
            "Korban: 4 orang luka; 1 (satu) orang dirujuk.",
            "id",
            "laporan_internal",
            (1, 9),
            "P709",
            "«4 (empat) orang»",
        ),
    ],
)
def test_each_rule_finds_its_problem_with_the_fix(
    text: str, lang: str, kind: str | None, where: tuple[int, int], code: str, fix: str
) -> None:
    hits = [hit for hit in found(text, lang, kind) if hit[2] == code]
    assert len(hits) == 1, found(text, lang, kind)
    assert hits[0][:2] == where
    assert fix in hits[0][3]


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Petugas, polisi, dan pemadam datang.", "id", None),
        ("Pada Kamis, petugas dan polisi datang.", "id", None),
        ("Situasi terkendali, karena polisi dan petugas bergerak cepat.", "id", None),
        ("Staff and police came, and the fire was put out.", "en", None),
        ("On Thursday, staff and police came.", "en", None),
        ("# Lapas dan Polres Kendalikan Keributan di Blok Hunian\n", "id", "siaran_pers"),
        ("# Prison and Police Bring a Disturbance under Control\n".replace("under", "Under"), "en", "siaran_pers"),
        ("Kunjungan pukul 08.00–15.00 WIB. Telepon 0812-0000-0099.", "id", None),
        ("Nomor: W10.PAS.PAS.12-HM.01.02-123 tanggal 2026-11-26.", "id", None),
        ("Lihat https://contoh.example.go.id/2026-11-26/berita atau surel humas@example.go.id.", "id", None),
        ("Kalapas menyatakan: “Kami bergerak cepat.” Lapas terus memantau.", "id", "siaran_pers"),
        ('The head said: "We acted fast." The prison keeps watch.', "en", "siaran_pers"),
        ("Kami akan menyampaikan perkembangan.", "id", "holding"),
        ("1. Berita menyebut puluhan napi kabur.\n2. Faktanya tidak.", "id", None),
        ("Jl. Pemasyarakatan No. 1, Kota Sukamaju.", "id", None),
        ("Berdasarkan Pasal 5 ayat (2) UU 40/1999, pada 26 November 2026 pukul 14.05 WIB.", "id", None),
        ("Sebanyak 12 orang dirawat; empat orang pulang.", "id", "holding"),
        ("Korban: 4 (empat) orang luka.", "id", "laporan_internal"),
        ("Korban: 4 orang luka.", "id", "media_sosial"),
        ("# PERNYATAAN AWAL\n\n**Kabar Duka dari Lapas**\n\nIsi.\n\n**Yang sudah dipastikan**\n", "id", "holding"),
        ("**KOP SURAT**\n\n# PERNYATAAN AWAL\n\n**Kebakaran di Lapas**\n", "id", "holding"),
        ("# HOLDING STATEMENT\n\n**Sad news from the prison**\n", "en", "holding"),
        (
            "Pemeriksaan oleh pihak yang berwenang kami dukung, pendampingan bagi penghuni dan petugas tetap berjalan.",
            "id",
            None,
        ),
        ("The earthquake that, according to the BMKG, shook Sukamaju and the area around it.", "en", None),
        ("Lampiran: kronologi, daftar sandera dan pelaku, catatan negosiasi, dan foto.", "id", None),
    ],
)
def test_well_written_text_raises_nothing(text: str, lang: str, kind: str | None) -> None:
    assert found(text, lang, kind) == []


def test_a_post_longer_than_a_platform_allows_is_found_at_the_first_character_too_many() -> None:
    post = "x" * 300
    hits = found(post, "id", "media_sosial")
    assert [(line, column, code) for line, column, code, _ in hits] == [(1, 281, "P707")]
    assert "x: 300/280" in hits[0][3] and "cut 20 characters" in hits[0][3]
    assert found("x" * 300, "id", "siaran_pers") == []


def _rule(**fields: object) -> StyleRule:
    return StyleRule.model_validate({"id": "r", "message": {"id": "pesan", "en": "message"}, **fields})


def test_rules_are_data_a_unit_can_tune() -> None:
    eyd = Style(rules=[_rule(check="number_words", words_up_to="eyd")])
    assert [f.fix for f in find("Ada 20 orang dan 21 orang.", eyd, Target("id"))] == ["«dua puluh orang»"]
    platforms = Style(rules=[_rule(check="post_length", limits={"x": 280, "mastodon": 500})])
    assert [f.found for f in find("y" * 600, platforms, Target("en", "media_sosial"))] == [
        "x: 600/280",
        "mastodon: 600/500",
    ]
    own = Style(rules=[_rule(check="regex", patterns=[r"(?i)\bnapi\b"], severity="error")])
    problems = style_statement("Puluhan napi kabur.", own, Target("id"))
    assert [(p.code, p.severity.value, p.column) for p in problems] == [("P710", "error", 9)]
    english_only = Style(rules=[_rule(check="abbreviation", langs=["en"], replace={"pls": "please"})])
    assert find("pls call", english_only, Target("id")) == []


def test_numbers_in_words() -> None:
    assert [words_id(n) for n in (1, 11, 15, 20, 125, 1000, 1200, 2026)] == [
        "satu",
        "sebelas",
        "lima belas",
        "dua puluh",
        "seratus dua puluh lima",
        "seribu",
        "seribu dua ratus",
        "dua ribu dua puluh enam",
    ]
    assert [words_en(n) for n in (4, 21, 300)] == ["four", "twenty-one", "three hundred"]


def test_language_and_kind_are_guessed_from_the_text_and_its_name() -> None:
    assert guess_lang("Petugas telah mengamankan seluruh area dan melakukan penghitungan.") == "id"
    assert guess_lang("Staff have secured the whole area and counted the inmates.") == "en"
    kinds = ["holding", "siaran_pers", "media_sosial"]
    assert guess_kind("", "out/kerusuhan-media_sosial.id.md", kinds) == "media_sosial"
    assert guess_kind("**SIARAN PERS**\n", "rilis.md", kinds) == "siaran_pers"
    assert guess_kind("Teks biasa.", "a.md", kinds) is None


@pytest.mark.parametrize(
    ("pattern", "risky"),
    [
        ("(a+)+b", True),
        (r"(\w+\s?)*$", True),
        (r"(?:x(?:y+))+", True),
        (r"((ab)*c)*", True),
        (r"\bNIK\b\s*(?:no\.?\s*|number\s*)?[:.]?\s*\d(?:[\d .-]{0,30}\d)?", False),
        (r"[(+)]+", False),
        (r"\(a+\)+", False),
        (r"(?:ab){2,5}", False),
    ],
)
def test_a_regex_that_can_take_exponential_time_is_recognised(pattern: str, risky: bool) -> None:
    assert (nested_quantifier(pattern) is not None) == risky


def _cost(text: str) -> float:
    started = time.process_time()
    find(text, STYLE, Target("id", "siaran_pers"))
    return time.process_time() - started


def test_a_one_megabyte_line_is_checked_in_linear_time() -> None:
    unit = (
        "Petugas, polisi dan 4 orang 08.00-15.00 kami telp. “kami” Pada Kamis, a, b dan c. 12 x "
        "Lapas Kelas IIA Contoh bersama Polres Sukamaju menangani gangguan keamanan dan ketertiban yang "
        "melibatkan sejumlah warga binaan di salah satu blok hunian pada Kamis, 26 November 2026 sekitar "
        "pukul 14.05 WIB. Situasi kini telah terkendali, dan empat orang yang terluka telah dirawat. "
    )
    small = unit * (100_000 // len(unit))
    large = unit * (1_000_000 // len(unit))
    assert "\n" not in large and len(large) > 990_000
    _cost(small)  # warm the caches of compiled expressions
    small_cost, large_cost = _cost(small), _cost(large)
    assert large_cost < 20 * max(small_cost, 0.005), (small_cost, large_cost)


def test_text_built_to_make_the_style_check_backtrack_costs_what_ordinary_text_does() -> None:
    ordinary = ("Lapas Kelas IIA Contoh menangani gangguan keamanan pada Kamis, 26 November 2026. " * 2500)[:200_000]
    runs = [
        "a" * 50_000,  # a word with no stop and no "@": once tried from every position by the address mask
        "x." * 25_000,  # stops with no space after them
        "NIK" + " " * 30_000 + "1",
        ("kata " * 10_000) + "3 orang",  # a sentence opening with a figure after a long line
    ]
    hostile = "\n".join(runs)[:200_000]
    _cost(ordinary)  # warm the caches of compiled expressions
    ordinary_cost, hostile_cost = _cost(ordinary), _cost(hostile)
    assert hostile_cost < 4 * max(ordinary_cost, 0.01), (ordinary_cost, hostile_cost)


def test_check_warns_about_style_and_fails_under_strict(run, tmp_path: Path) -> None:
    statement = tmp_path / "rilis.md"
    statement.write_text("**SIARAN PERS**\n\nPetugas, polisi dan pemadam datang. Kami menghitung penghuni.\n")
    args = ["check", str(statement), "-f", "parsable", "--guideline", str(REPO), "--lang", "en"]
    result = run(*args)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"{statement}:3:10: [warning] P701 style.koma_serial: «polisi dan»: In a list of three or more items, put a "
        'comma before "dan"/"atau" (EYD V). Fix: «polisi, dan».',
        f"{statement}:3:37: [warning] P706 style.orang_ketiga_siaran_pers: «Kami»: A press release speaks of the "
        'unit in the third person (its name), not "we"; the first person belongs inside quotes only. '
        "Fix: «the unit's name».",
    ]
    assert run(*args, "--strict").code == 1
    # told that it is a holding statement, "kami" is right
    assert "P706" not in run(*args, "--kind", "holding").out
