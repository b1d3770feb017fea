"""English is English: an English statement never carries Indonesian in silence. A value given only in
Indonesian is refused where the template uses it, naming the value and where its English comes from; every
shipped English statement, from its templates' examples and from its type's example answers, reads as
English (no Indonesian function words outside names and quotations)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pasopati_cli import clock
from pasopati_cli.response import (
    fill_facts,
    load_answers,
    render_context,
    render_example,
    render_statement,
    template_for,
    variables_of,
)
from pasopati_cli.triage import answers_from_values, decide, facts_from_answers, prune
from tests.conftest import CASES, REPO, Run
from tests.test_default_guideline import guide
from tests.test_default_guideline import unit as example_unit

# Words that carry an Indonesian sentence and are no English word: one of them in an English statement means
# a sentence (or a title) went out untranslated.
INDONESIAN_WORDS = "yang|dan|dengan|untuk|telah|sedang|tidak|adalah|akan|pada|dalam|bahwa|kami|oleh|serta|juga|sudah|belum|dapat|ini|itu|di|ke|dari|kepada|atas|bagi|sebagai|tersebut|masih|karena"
# Titles and offices that went out untranslated ("Pengelola Hubungan Masyarakat", "Kantor Wilayah ...").
INDONESIAN_PHRASES = (
    "warga binaan|petugas|pukul|kepala|seksi|pengelola|hubungan masyarakat|kantor wilayah|direktorat jenderal|"
    "pemasyarakatan|narapidana"
)
_INDONESIAN = re.compile(rf"\b(?:{INDONESIAN_WORDS}|{INDONESIAN_PHRASES})\b", re.IGNORECASE)
# What may stay Indonesian in English text: a quotation (the headline of an Indonesian report), a link or
# e-mail address, a street's name, and the names of the unit and its people (given to `indonesian_in`).
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|\S+@\S+|https?://\S+|\b(?:Jalan|Jl\.) [A-Z]\w*")
PROPER_NAMES = ("Zero Halinar",)


def indonesian_in(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """The lines of `text` that hold Indonesian words outside quotations, links and `names` (the unit's name
    and address, people's names)."""
    found = []
    for line in text.splitlines():
        plain = _QUOTED.sub("", line)
        for name in (*names, *PROPER_NAMES):
            plain = plain.replace(name, "")
        if _INDONESIAN.search(plain):
            found.append(line.strip())
    return found


def test_the_scan_finds_an_indonesian_sentence_and_passes_english_with_names_and_quotes() -> None:
    assert indonesian_in("Petugas telah mengamankan seluruh area.\nStaff secured the area.") == [
        "Petugas telah mengamankan seluruh area."
    ]
    assert indonesian_in("Rina Kartika, Pengelola Hubungan Masyarakat Lapas Kelas IIA Contoh") != []
    assert indonesian_in("In coordination with the Kantor Wilayah Ditjenpas Jawa Barat.") != []
    english = (
        "Lapas Kelas IIA Contoh and Sukamaju Police brought the situation under control.\n"
        'The report "Video Napi Dipukuli di Lapas Sukamaju" of 26 November, https://x.example/di-lapas-dan\n'
        "Write to humas.dan@example.go.id; Zero Halinar applies. Kediri, Indonesia. #PemasyarakatanPastiBermanfaat\n"
        "Avoid Jalan Pemasyarakatan, in front of Lapas Kelas IIA Contoh, Jl. Pemasyarakatan No. 1."
    )
    assert indonesian_in(english) == []


START = datetime(2026, 11, 26, 14, 5)


TYPES = sorted(guide().types)


def unit_names() -> tuple[str, ...]:
    """What stays as it is in any language: the unit's name and address, and the people's names."""
    unit = example_unit()
    return (unit.unit.name, unit.unit.address, *(person.name for person in unit.roster.values()))


def english_statements_from_examples(type_id: str) -> dict[str, str]:
    g, crisis = guide(), guide().crisis(type_id)
    order = [level.id for level in g.guideline.levels]
    rendered = {}
    for use in crisis.statements:
        if use.kind in rendered:
            continue
        level = next((lv for lv in use.levels if order.index(lv) >= order.index(crisis.base_level)), use.levels[0])
        rendered[use.kind] = render_example(g, crisis, template_for(g, use, "en"), example_unit(), level, "en")
    return rendered


def english_statements_from_answers(type_id: str) -> dict[str, str]:
    """Each statement kind of the type in English, from examples/<type>.answers.yaml as `statement --answers`
    would render it."""
    g, crisis = guide(), guide().crisis(type_id)
    document = load_answers(REPO / "examples" / f"{type_id}.answers.yaml")
    answers = prune(crisis, answers_from_values(crisis, document.answers, None))
    zone = clock.resolve_zone(example_unit().unit.timezone)
    start = clock.localize(document.start or START, zone)
    rendered = {}
    for use in crisis.statements:
        if use.kind in rendered:
            continue
        result = decide(g.guideline, crisis, answers)
        template = template_for(g, use, "en")
        variables = variables_of(g, template)
        given = {**facts_from_answers(crisis, variables, result.answers, "en"), **document.facts}
        given = {k: v for k, v in given.items() if k in {v.name for v in variables}}
        facts, missing, problems = fill_facts(variables, given, zone, start, "answers.yaml", "en")
        assert (missing, problems) == ([], []), (use.kind, missing, problems)
        context = render_context(
            guide=g,
            crisis=crisis,
            unit=example_unit(),
            result=result,
            start=start,
            now=start + timedelta(minutes=50),
            lang="en",
            facts=facts,
        )
        rendered[use.kind] = render_statement(g, template, context)
    return rendered


@pytest.mark.parametrize("type_id", TYPES)
def test_every_shipped_english_statement_reads_as_english(type_id: str) -> None:
    for source, statements in (
        ("template examples", english_statements_from_examples(type_id)),
        ("example answers", english_statements_from_answers(type_id)),
    ):
        for kind, text in statements.items():
            assert indonesian_in(text, unit_names()) == [], f"{type_id} {kind} from the {source}"


# --- a value given only in Indonesian is refused where an English statement uses it ----------------------------

UNIT = str(CASES / "unit.yaml")
HOLDING_EN = Path("templates/uji/holding.en.md")


@pytest.fixture
def statement(guideline: Path, run: Run):
    def call(*args: str, unit: str = UNIT):
        return run("statement", "uji", "holding", "--level", "siaga", "--unit", unit, *args, "--guideline", ".")

    return call


def answers_file(tmp_path: Path, lokasi: str) -> str:
    path = tmp_path / "jawaban.yaml"
    path.write_text(f"kind: answers\ncrisis_type: uji\nfacts:\n  lokasi: {lokasi}\n", encoding="utf-8")
    return str(path)


def test_a_fact_given_only_in_indonesian_is_refused_in_english_naming_it_and_where_to_add_it(
    statement, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, "{id: area dapur}")
    result = statement("--answers", answers, "--lang", "en")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "templates/uji/holding.en.md:10: [error] P308 the English statement uses 'lokasi', which exists only in "
        f"Indonesian: add an 'en' value in {answers} (lokasi: {{id: ..., en: ...}}) or give it with "
        "--set lokasi=VALUE\n"
    )
    indonesian = statement("--answers", answers, "--lang", "en", "--set", "lokasi=the kitchen")
    assert indonesian.code == 0 and "incident in the kitchen on" in indonesian.out
    assert statement("--answers", answers).code == 0  # Indonesian takes the Indonesian text


def test_the_refusal_is_located_and_reads_in_both_languages() -> None:
    from pasopati_cli.render import render_template, untranslated_fact

    context = {"lang": "en", "lokasi": untranslated_fact("lokasi", "jawaban.yaml")}
    text, problems = render_template({"t.md": "a\n{{ lokasi | upper }}\n"}, "t.md", context, file="t.md", first_line=4)
    assert text is None
    assert [(p.code, p.file, p.line) for p in problems] == [("P308", "t.md", 5)]
    assert problems[0].message("id") == (
        "pernyataan berbahasa Inggris memakai 'lokasi', yang hanya ada dalam bahasa Indonesia: tambahkan nilai 'en' "
        "di jawaban.yaml (lokasi: {id: ..., en: ...}) atau beri dengan --set lokasi=NILAI"
    )


def test_a_fact_given_in_both_languages_is_taken_in_the_statements_language(statement, tmp_path: Path) -> None:
    answers = answers_file(tmp_path, "{id: area dapur, en: the kitchen}")
    assert "incident in the kitchen on" in statement("--answers", answers, "--lang", "en").out
    assert "kejadian di area dapur pada" in statement("--answers", answers).out


def plant(guideline: Path, line: str) -> None:
    path = guideline / HOLDING_EN
    path.write_text(path.read_text().replace("{% include", line + "\n\n{% include"))


def unit_without_english(tmp_path: Path) -> str:
    text = (CASES / "unit.yaml").read_text(encoding="utf-8")
    text = text.replace(" title_en: Head of the Prison,", "").replace(
        "  timezone: WITA\n", "  timezone: WITA\n  regional_office: Kanwil Uji\n"
    )
    path = tmp_path / "unit.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("line", "name", "key"),
    [
        ("Spokesperson: {{ spokesperson.title }}", "spokesperson.title", "roster.kalapas.title_en"),
        ("{{ roster.kalapas.title | upper }}", "roster.kalapas.title", "roster.kalapas.title_en"),
        ("{% if unit.regional_office %}With the {{ unit.regional_office }}.{% endif %}", "unit.regional_office",
         "unit.regional_office_en"),
    ],
)  # fmt: skip
def test_an_office_or_title_without_english_is_refused_at_the_line_that_prints_it(
    statement, guideline: Path, tmp_path: Path, line: str, name: str, key: str
) -> None:
    plant(guideline, line)
    result = statement("--set", "lokasi=the kitchen", "--lang", "en", unit=unit_without_english(tmp_path))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"templates/uji/holding.en.md:12: [error] P308 the English statement uses '{name}', which exists only in "
        f"Indonesian: add {key} to the unit profile (--unit)\n"
    )


def test_the_english_title_and_office_are_printed_in_english(statement, guideline: Path, tmp_path: Path) -> None:
    plant(guideline, "{{ spokesperson.name }}, {{ spokesperson.title }}.")
    result = statement("--set", "lokasi=the kitchen", "--lang", "en")
    assert result.code == 0 and "Siti Rahma, Head of the Prison." in result.out
    assert "Kepala" not in result.out
    indonesian = statement("--set", "lokasi=dapur")
    assert indonesian.code == 0 and "Siti Rahma, Head of the Prison." not in indonesian.out


def test_an_office_the_unit_profile_does_not_have_is_no_refusal(statement, guideline: Path) -> None:
    plant(guideline, "In coordination with the {{ unit.regional_office or 'regional office' }}.")
    result = statement("--set", "lokasi=the kitchen", "--lang", "en")
    assert result.code == 0 and "In coordination with the regional office." in result.out


def test_numbers_dates_and_choices_given_per_language_are_the_same_in_both() -> None:
    from zoneinfo import ZoneInfo

    from pasopati_cli.model import Text, Variable

    prompt = Text(id="?", en="?")
    variables = [Variable(name="jumlah", prompt=prompt, type="integer"), Variable(name="lokasi", prompt=prompt)]
    given = {"jumlah": {"id": "3"}, "lokasi": {"en": "the kitchen"}}
    zone, now = ZoneInfo("Asia/Makassar"), datetime(2025, 11, 26, 14, 5)
    assert fill_facts(variables, given, zone, now, "f.yaml", "en")[0] == {"jumlah": 3, "lokasi": "the kitchen"}
    values, missing, _ = fill_facts(variables, given, zone, now, "f.yaml", "id")
    assert values == {"jumlah": 3} and [v.name for v in missing] == ["lokasi"]  # no English in an Indonesian text


def test_a_fact_the_journal_holds_from_an_indonesian_draft_is_not_reused_as_english(
    guideline: Path, run: Run, tmp_path: Path
) -> None:
    import json

    def cli(*args: str):
        return run(*args, "--guideline", str(guideline))

    opened = cli("incident", "open", "uji", "--unit", UNIT, "--start", "2025-11-26 14:05", "--answer", "ada_luka=ya",
                 "--answer", "jumlah_luka=3", "--answer", "skala=satu_kamar", "--set", "lokasi=area dapur",
                 "--output", str(tmp_path / "keluaran"), "--format", "json")  # fmt: skip
    assert opened.code == 0, opened.err
    incident = str(json.loads(opened.out)["id"])
    english = cli("incident", "statement", incident, "holding", "--lang", "en")
    assert (english.code, english.out) == (1, "")
    assert english.err.startswith(
        "templates/uji/holding.en.md:10: [error] P308 the English statement uses 'lokasi', which exists only in "
        "Indonesian: the journal holds it only from an Indonesian statement; give it in English with --set "
        "lokasi=VALUE"
    )
    indonesian = cli("incident", "statement", incident, "holding")
    assert indonesian.code == 0 and "area dapur" in indonesian.out
    english = cli("incident", "statement", incident, "holding", "--lang", "en", "--set", "lokasi=the kitchen")
    assert english.code == 0 and "incident in the kitchen on" in english.out
    # The latest value wins: a fact given again in one language is not taken from an older text in the other.
    assert cli("incident", "statement", incident, "holding").code == 1


def test_a_statement_kind_without_an_english_template_is_refused_not_written_in_indonesian(
    statement, guideline: Path
) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace(", en: uji/holding.en.md}", "}"), encoding="utf-8")
    (guideline / HOLDING_EN).unlink()
    result = statement("--set", "lokasi=the kitchen", "--lang", "en")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "playbooks/uji.yaml:47:15: [error] P309 statements[0].template: statement kind 'holding' has no English "
        "template: add 'en' under "
        "'template', or write this statement in Indonesian (--lang id)\n"
    )
    assert statement("--set", "lokasi=dapur").code == 0


def test_validate_warns_about_each_office_and_title_the_unit_profile_has_only_in_indonesian(
    guideline: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASOPATI_GUIDELINE", str(guideline))
    result = run("validate", unit_without_english(tmp_path), "--format", "parsable", "--lang", "en")
    assert (result.code, result.err) == (0, f"Guideline checked: {guideline} (Pedoman Uji 0.1)\n")
    assert result.out.splitlines() == [
        f"{tmp_path / 'unit.yaml'}:8:20: [warning] P310 unit.regional_office: no English counterpart "
        "('unit.regional_office_en'); an English statement that prints this value will be refused",
        f"{tmp_path / 'unit.yaml'}:12:38: [warning] P310 roster.kalapas.title: no English counterpart "
        "('roster.kalapas.title_en'); an English statement that prints this value will be refused",
    ]
    assert run("validate", UNIT, "--format", "parsable").out == ""
