"""The disclosure guard: planted problems are found exactly where they are; clean statements raise nothing.

The corpus lives in tests/guard_corpus: `planted/` holds statements with one problem each (expected position
and code in planted/EXPECTED), `clean/` holds statements that must pass. Every shipped template rendered
with its example values is checked in test_default_guideline.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pasopati_cli.guard import find, guard_statement
from pasopati_cli.model import Disclosure, DisclosureRule, Text
from pasopati_cli.response import load_guideline

REPO = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "guard_corpus"


def _expected() -> list[tuple[str, int, int, str, list[str]]]:
    cases = []
    for line in (CORPUS / "planted" / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, position, code, *rest = line.split(" ", 3)
        row, column = (int(part) for part in position.split(":"))
        people = rest[0].removeprefix("person=").split("|") if rest else []
        cases.append((name, row, column, code, people))
    return cases


PLANTED = _expected()
DISCLOSURE = load_guideline(REPO).disclosure


def test_the_planted_corpus_covers_every_default_rule_category() -> None:
    assert len(PLANTED) >= 20
    assert {code for *_, code, _ in PLANTED} == {
        "P601", "P602", "P603", "P604", "P605", "P606", "P607", "P609", "P610"
    }  # fmt: skip
    assert sorted(path.name for path in (CORPUS / "planted").glob("*.md")) == sorted(name for name, *_ in PLANTED)


@pytest.mark.parametrize(("name", "line", "column", "code", "people"), PLANTED, ids=[case[0] for case in PLANTED])
def test_a_planted_problem_is_found_once_at_its_line_and_column(
    name: str, line: int, column: int, code: str, people: list[str]
) -> None:
    path = CORPUS / "planted" / name
    problems = guard_statement(path.read_text(encoding="utf-8"), DISCLOSURE, names=people, file=name)
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [(name, line, column, code)]


@pytest.mark.parametrize("path", sorted((CORPUS / "clean").glob("*.md")), ids=lambda path: path.name)
def test_a_clean_statement_raises_nothing(path: Path) -> None:
    # "Budi Hartono": the full name and its parts are searched; no clean text carries its initials "BH"
    assert guard_statement(path.read_text(encoding="utf-8"), DISCLOSURE, names=["Budi Hartono"]) == []


@pytest.mark.parametrize("written", ["BS", "B.S.", "B. S.", "B.S", "berinisial BS,"])
def test_the_initials_of_a_marked_name_are_protected_too(written: str) -> None:
    text = f"Seorang pengunjung {written} diamankan petugas."
    found = guard_statement(text, DISCLOSURE, names=["Budi Santoso"])
    assert [p.code for p in found] == ["P610"]  # marked without a role: the default role, never by initials
    assert written.removeprefix("berinisial ").rstrip(",") in found[0].message("en")


@pytest.mark.parametrize("written", ["BS", "B.S.", "berinisial BS,"])
def test_without_a_naming_rule_the_initials_of_a_marked_name_are_personal_names(written: str) -> None:
    disclosure = DISCLOSURE.model_copy(update={"naming": None})
    found = guard_statement(f"Seorang pengunjung {written} diamankan petugas.", disclosure, names=["Budi Santoso"])
    assert [p.code for p in found] == ["P602"]


@pytest.mark.parametrize(
    "text",
    [
        "Seorang warga berinisial BSP telah mendapat penanganan medis.",  # other initials
        "Kepala Lapas, Bambang Hartono, S.H., M.H., menyampaikan hal itu.",  # a degree after a comma
        "Alamat pengaduan: RT 03 RW 05, Kelurahan Sukamaju.",  # neighbourhood numbers
        "Sebanyak bs orang dan kata bsd tidak dihitung.",  # lower case
    ],
)
def test_other_capitals_degrees_and_numbers_pass_beside_marked_initials(text: str) -> None:
    assert (
        guard_statement(text, DISCLOSURE, names=["Budi Santoso", "Siti Handayani", "Rudi Tanjung", "Rina Wati"]) == []
    )


def test_a_one_word_name_protects_no_single_letter() -> None:
    assert guard_statement("Huruf S dan huruf B tertulis di papan.", DISCLOSURE, names=["Sukarno", "Budi"]) == []


def test_the_initials_of_an_injured_inmate_are_refused_whether_marked_or_not() -> None:
    text = (CORPUS / "planted" / "80_inisial_warga_binaan.md").read_text(encoding="utf-8")
    marked = guard_statement(text, DISCLOSURE, names=["Budi Santoso"])
    assert [(p.line, p.column, p.code) for p in marked] == [(3, 25, "P610")]
    assert "marked without a role (the default role lainnya" in marked[0].message("en")
    unmarked = guard_statement(text, DISCLOSURE, names=["Budi Hartono"])
    assert [(p.line, p.column, p.code) for p in unmarked] == [(3, 25, "P610")]
    assert "initials after «Warga binaan», which names the role warga_binaan" in unmarked[0].message("en")


def test_initials_search_stays_linear_on_long_capitals() -> None:
    import time

    text = "D. " * 20000 + "S"
    began = time.perf_counter()
    guard_statement(text, DISCLOSURE, names=["Dewi Sartika"])
    assert time.perf_counter() - began < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "Identitas anak, termasuk inisial yang mudah dikenali, tidak dimuat.",
        "Families, including children, called the family desk for news.",
        "A student named in the report as a witness was not at the prison.",
    ],
)
def test_a_child_word_near_a_marker_without_a_capitalised_name_passes(text: str) -> None:
    assert guard_statement(text, DISCLOSURE) == []


def test_a_message_quotes_what_was_found_and_cites_the_law() -> None:
    [found] = guard_statement("Kami tidak ada komentar.", DISCLOSURE)
    assert found.message("id").startswith("«tidak ada komentar»: Jangan pernah menjawab")
    assert "UU 14/2008 Pasal 10" in found.message("id")
    assert "Law 14/2008 art. 10" in found.message("en")
    assert found.path == "disclosure.tanpa_komentar"


def test_an_english_statement_is_guarded_as_its_indonesian_original_is() -> None:
    english = guard_statement("An inmate has HIV and was stabbed in the abdomen.", DISCLOSURE)
    indonesian = guard_statement("Seorang warga binaan positif HIV dan mengalami luka tusuk di perut.", DISCLOSURE)
    found = [[(p.code, p.severity.value) for p in problems] for problems in (english, indonesian)]
    assert found == [[("P604", "error"), ("P604", "warning")]] * 2
    assert [p.column for p in english] == [11, 27]


def test_a_unit_tunes_the_rules_in_its_guideline() -> None:
    rule = DisclosureRule(
        id="nomor_paspor",
        check="regex",
        category="identity_number",
        patterns=[r"(?i)\bpaspor\s+[A-Z]\d{7}\b"],
        message=Text(id="Nomor paspor.", en="Passport number."),
        law=Text(id="UU 27/2022", en="Law 27/2022"),
        severity="warning",
    )
    [found] = guard_statement("Paspor X1234567 disita.", Disclosure(rules=[rule]))
    assert (found.code, found.severity.value, found.line, found.column) == ("P601", "warning", 1, 1)


def test_matches_are_reported_in_reading_order() -> None:
    found = find("pos jaga\nTODO dan diagnosis", DISCLOSURE)
    assert [(f.rule.id, f.start) for f in found] == [
        ("rincian_keamanan", 0),
        ("belum_selesai", 9),
        ("data_kesehatan", 18),
    ]


# --- the command ------------------------------------------------------------------------------------


def test_check_reports_every_planted_problem_and_exits_1(run, monkeypatch) -> None:
    monkeypatch.chdir(CORPUS / "planted")
    files = [name for name, *_ in PLANTED if name.startswith(("01", "18", "23"))]
    result = run("check", *files, "--format", "parsable", "--guideline", str(REPO))
    assert result.code == 1
    guard_lines = [line for line in result.out.splitlines() if " P6" in line]  # style has its own tests
    assert [line.split(" [")[0] for line in guard_lines] == [
        "01_nik_16_digit.md:9:15:",
        "18_no_comment.md:9:16:",
        "23_placeholder_braces.md:9:30:",
    ]


def test_check_json_is_the_validate_format(run) -> None:
    path = CORPUS / "planted" / "05_full_name.md"
    result = run("check", str(path), "--person", "Budi Santoso", "--format", "json", "--guideline", str(REPO))
    assert result.code == 1
    document = json.loads(result.out)
    assert document["ok"] is False and document["files_checked"] == 1
    [found] = [p for p in document["problems"] if p["code"].startswith("P6")]  # style has its own tests
    assert {k: found[k] for k in ("line", "column", "code", "severity", "path")} == {
        "line": 9,
        "column": 14,
        "code": "P602",
        "severity": "error",
        "path": "disclosure.nama_orang",
    }


def test_check_of_a_clean_statement_exits_0(run) -> None:
    result = run(
        "check", *map(str, sorted((CORPUS / "clean").glob("*.md"))), "-f", "parsable", "--guideline", str(REPO)
    )
    # the style check may warn about these texts; the guard finds nothing in them
    assert result.code == 0
    assert [line for line in result.out.splitlines() if "] P6" in line] == []


def test_check_in_english_fails_on_english_health_data(run, tmp_path) -> None:
    statement = tmp_path / "chk2.md"
    statement.write_text("An inmate has HIV and was stabbed in the abdomen.\n", encoding="utf-8")
    result = run("check", str(statement), "--lang", "en", "-f", "parsable", "--guideline", str(REPO))
    assert result.code == 1
    assert [line.split(": «")[0] for line in result.out.splitlines()] == [
        f"{statement}:1:11: [error] P604 disclosure.data_kesehatan",
        f"{statement}:1:27: [warning] P604 disclosure.rincian_luka_pola",
    ]


def test_check_takes_names_from_an_answers_file(run, tmp_path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("kind: answers\ncrisis_type: kerusuhan\npeople: [Budi Santoso]\n", encoding="utf-8")
    statement = tmp_path / "s.md"
    statement.write_text("Korban, Budi Santoso, dirawat.\n", encoding="utf-8")
    result = run("check", str(statement), "--answers", str(answers), "-f", "parsable", "--guideline", str(REPO))
    assert result.code == 1
    assert result.out.startswith(f"{statement}:1:9: [error] P602 disclosure.nama_orang: «Budi Santoso»: ")


def test_check_of_a_missing_or_binary_file_is_a_located_error(run, tmp_path) -> None:
    binary = tmp_path / "b.md"
    binary.write_bytes(b"ok\n\xff\xfe")
    result = run("check", str(tmp_path / "missing.md"), str(binary), "-f", "parsable", "--guideline", str(REPO))
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{binary}:2:1: [error] P003 ")
    assert lines[1].startswith(f"{tmp_path / 'missing.md'}: [error] P001 ")


def test_an_invalid_rule_pattern_is_a_located_validation_error(guideline: Path, run) -> None:
    path = guideline / "playbooks" / "guideline.yaml"
    text = path.read_text(encoding="utf-8")
    assert "disclosure:" in text
    path.write_text(
        text.replace("  rules:\n", "  rules:\n    - id: rusak\n      check: regex\n      patterns: ['(tutup']\n"
                     "      message: {id: x, en: x}\n      law: {id: x, en: x}\n", 1),
        encoding="utf-8",
    )  # fmt: skip
    result = run("validate", str(guideline), "--format", "parsable")
    assert result.code == 1
    assert result.out == (
        "playbooks/guideline.yaml:40:18: [error] P104 disclosure.rules[0].patterns[0]: nilai tidak sah: "
        "regex salah: missing ), unterminated subpattern at position 0\n"
    )


# --- issue 13: the guard as thorough in Indonesian as in English ---------------------------------------

# (case id, statement line, expected code, where the one finding starts)
RULE_CASES = [
    # cause named before a finding
    ("api-korsleting", "Api diduga berasal dari korsleting listrik di dapur.", "P606", "Api"),
    ("diduga-dipicu", "Kerusuhan diduga dipicu oleh perselisihan antarkelompok.", "P606", "diduga"),
    ("disebabkan-oleh", "Kebakaran disebabkan oleh korsleting.", "P606", "disebabkan"),
    ("kemungkinan-besar", "Kejadian ini kemungkinan besar terjadi pada malam hari.", "P606", "kemungkinan"),
    ("akibat-kelalaian", "Kebakaran terjadi akibat kelalaian.", "P606", "akibat"),
    ("penyebab-adalah", "Penyebab kebakaran adalah korsleting listrik.", "P606", "Penyebab"),
    ("diduga-kuat", "Kericuhan diduga kuat melibatkan pihak luar.", "P606", "diduga"),
    ("caused-by-en", "The fire was caused by a short circuit.", "P606", "caused"),
    ("believed-started-en", "The fire is believed to have started in the kitchen.", "P606", "is"),
    ("suspected-cause-en", "The suspected cause is an electrical fault.", "P606", "The"),
    # a headline that states an allegation
    ("judul-pungli", "# Petugas Lakukan Pungli terhadap Keluarga Warga Binaan", "P609", "Pungli"),
    ("judul-oleh-pengunjung", "# Lapas Gagalkan Penyelundupan Sabu oleh Pengunjung", "P609", "Penyelundupan"),
    ("headline-en", "## Officer Extorted Families, Unit Says", "P609", "Extorted"),
    # placeholders in any form, conflict markers
    ("kurung-siku", "Korban [nama korban] dirawat.", "P607", "["),
    ("kurung-sudut", "Kejadian pada <tanggal> pukul 14.00 WIB.", "P607", "<"),
    ("garis-bawah", "Narahubung: ___", "P607", "___"),
    ("xxx-kecil", "Nomor surat: xxx/PAS/2026.", "P607", "xxx"),
    ("elipsis", "Kejadian pukul ... WIB.", "P607", "..."),
    ("elipsis-satu-huruf", "Kejadian pukul … WIB.", "P607", "…"),
    ("konflik-awal", "<<<<<<< HEAD", "P607", "<"),
    ("konflik-akhir", ">>>>>>> perbaikan-rilis", "P607", ">"),
    # staffing and posts, in words or digits
    ("dijaga-dua", "Saat kejadian, blok itu hanya dijaga oleh dua petugas.", "P605", "dijaga"),
    ("berjumlah-angka", "Petugas jaga berjumlah 4 orang.", "P605", "Petugas"),
    ("rasio", "Rasio petugas dan warga binaan 1 banding 60.", "P605", "Rasio"),
    ("satu-untuk-200", "Satu petugas mengawasi 200 warga binaan.", "P605", "Satu"),
    ("kekurangan", "Lapas kekurangan petugas pengamanan.", "P605", "kekurangan"),
    ("pos-kosong", "Pos atas kosong saat itu.", "P605", "Pos"),
    ("understaffed-en", "The prison is understaffed.", "P605", "understaffed"),
    ("guarded-by-en", "The wing was guarded by only three officers.", "P605", "guarded"),
    ("ratio-en", "There is one guard for every 150 inmates.", "P605", "one"),
    ("post-unmanned-en", "The post was left unmanned.", "P605", "post"),
]


@pytest.mark.parametrize(("case", "line", "code", "anchor"), RULE_CASES, ids=[case[0] for case in RULE_CASES])
def test_a_rule_of_the_guideline_finds_its_case_where_it_is_written(
    case: str, line: str, code: str, anchor: str
) -> None:
    text = f"Pernyataan\n\n{line}\n"
    problems = guard_statement(text, DISCLOSURE, file="s.md")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, line.index(anchor) + 1, code)]


@pytest.mark.parametrize(
    "text",
    [
        "Api diduga berasal dari korsleting, namun penyebab pastinya masih diselidiki bersama Polres.",
        "Penyebab kebakaran belum diketahui dan masih didalami bersama Damkar.",
        "The cause is still being established; investigators are checking whether it was caused by a short circuit.",
        "Petugas yang diduga terlibat telah dibebastugaskan selama pemeriksaan.",
        "# Lapas Tangani Dugaan Pungli terhadap Keluarga Warga Binaan",
        "# Unit Suspends Officer over Alleged Extortion",
        "Pungutan liar tidak ditoleransi di lingkungan pemasyarakatan.",
        "Kami menunggu... hasil pemeriksaan laboratorium.",
        "Judul\n=======\n\nIsi.",
        "Penjagaan ditingkatkan dan petugas tambahan dikerahkan.",
    ],
)
def test_hedged_causes_headlines_and_ordinary_text_pass(text: str) -> None:
    assert guard_statement(text, DISCLOSURE) == []


def test_a_unit_excuses_a_rule_in_a_sentence_that_says_so() -> None:
    rule = DisclosureRule(
        id="sebab",
        check="phrase",
        patterns=["dipicu"],
        unless=["belum pasti"],
        message=Text(id="Sebab.", en="Cause."),
        law=Text(id="Doktrin", en="Doctrine"),
    )
    rules = Disclosure(rules=[rule])
    assert guard_statement("Dipicu hujan, dan itu belum pasti. Lalu dipicu angin.", rules)[0].column == 41
    assert len(guard_statement("Dipicu hujan, dan itu belum pasti. Lalu dipicu angin.", rules)) == 1


def test_two_rules_of_one_code_at_one_place_are_one_finding() -> None:
    [found] = guard_statement("Isi: <isi nama korban>.", DISCLOSURE)
    assert (found.code, found.column, found.path) == ("P607", 6, "disclosure.belum_selesai")


def test_a_rule_pattern_that_can_take_exponential_time_is_a_located_validation_error(guideline: Path, run) -> None:
    path = guideline / "playbooks" / "guideline.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  rules:\n", "  rules:\n    - id: lambat\n      check: regex\n      patterns: ['ok', '(?i)(\\w+\\s?)*x']\n"
                     "      message: {id: x, en: x}\n      law: {id: x, en: x}\n", 1),
        encoding="utf-8",
    )  # fmt: skip
    result = run("validate", str(guideline), "--format", "parsable", "--lang", "en")
    assert result.code == 1
    assert result.out == (
        "playbooks/guideline.yaml:40:24: [error] P104 disclosure.rules[0].patterns[1]: invalid value: the regex can "
        "take exponential time: the group at position 4 repeats a body that repeats too; use possessive "
        "quantifiers (++, *+) or an atomic group (?>...)\n"
    )


@pytest.mark.parametrize(
    ("pattern", "position"),
    [
        (r"(a+)+b", 0),
        (r"(\w+\s?)*$", 0),
        (r"x(?:y*)+", 1),
        (r"((a+)?)+", 0),
        (r"(?:(?:a+)b)*c", 0),
        (r"(a+){2,100}", 0),
        (r"(?=(a+)+)", 3),
        (r"(?>a+)+", None),
        (r"(a++)+", None),
        (r"(a+)++", None),
        (r"(?:\w+\s+){0,3}?", None),
        (r"[(+]+(a)", None),
        (r"\(a+\)+", None),
        (r"(?#c(a+)+)x", None),
    ],
)
def test_nested_repetition_is_found_and_possessive_or_bounded_repetition_passes(
    pattern: str, position: int | None
) -> None:
    from pasopati_cli.regexsafety import nested_quantifier

    assert nested_quantifier(pattern) == position


def test_no_shipped_rule_pattern_can_take_exponential_time() -> None:
    from pasopati_cli.regexsafety import nested_quantifier

    patterns = [p for rule in DISCLOSURE.rules if rule.check == "regex" for p in rule.patterns]
    assert len(patterns) > 30
    assert [p for p in patterns if nested_quantifier(p) is not None] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dua warga binaan melarikan diri dengan memanjat tembok belakang.", "memanjat tembok"),
        ("Keduanya keluar lewat gorong-gorong di sisi timur.", "lewat gorong-gorong"),
        ("The two inmates sawed through the bars of their cell.", "sawed through the bars"),
        ("They climbed over the wall before the morning count.", "climbed over the wall"),
    ],
)
def test_how_or_by_which_way_an_escape_was_made_is_a_security_detail(text: str, found: str) -> None:
    assert [(p.code, text[p.column - 1 : p.column - 1 + len(found)]) for p in guard_statement(text, DISCLOSURE)] == [
        ("P605", found)
    ]


def test_that_an_escape_happened_and_how_is_being_established_passes() -> None:
    text = "Dua warga binaan melarikan diri; bagaimana pelarian terjadi masih didalami bersama kepolisian."
    assert guard_statement(text, DISCLOSURE) == []
