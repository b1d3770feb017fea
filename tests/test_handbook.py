"""`pasopati docs`: the guideline as a handbook a Kalapas reads, generated from the playbooks so it cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasopati_cli.cli import app
from pasopati_cli.cli import docs as docs_command
from pasopati_cli.cli.common import add_commands
from pasopati_cli.handbook import build_handbook
from pasopati_cli.problems import Lang
from pasopati_cli.response import load_guide, load_unit, sample_unit
from tests.conftest import CASES, REPO, Run

BASE = CASES / "base"
UNIT = CASES / "unit.yaml"


@pytest.fixture(autouse=True)
def _docs_registered() -> None:
    """The command as users get it (a no-op once cli/common.register adds it)."""
    if not any(command.name == "docs" for command in app.registered_commands):
        add_commands(app, docs_command.COMMANDS, None, False)


def handbook(lang: Lang = "id", root: Path = BASE, unit: Path | None = UNIT) -> dict[str, str]:
    guide = load_guide(root)
    profile = load_unit(unit, guide.guideline) if unit is not None else sample_unit(guide.guideline)
    return build_handbook(guide, profile, lang)


def section(page: str, heading: str) -> str:
    """The text of one `## heading` section, up to the next `## `."""
    start = page.index(f"\n## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start + 1 : end if end != -1 else None]


# --- the pages ----------------------------------------------------------------------------------------


def test_there_is_an_index_and_one_page_per_crisis_type() -> None:
    assert list(handbook()) == ["index", "uji"]


def test_the_index_names_the_guideline_and_links_every_type() -> None:
    index = handbook()["index"]
    assert index.startswith("# Buku Pedoman: Pedoman Uji\n")
    assert "- **Versi:** 0.1\n- **Pemilik:** Tim Uji\n- **Tinjau ulang paling lambat:** 31 Desember 2099\n" in index
    assert "### Fase krisis\n\n- [Kejadian uji](uji.md): Kejadian untuk pengujian\n" in index


def test_the_index_lists_the_levels_with_their_criteria_in_order() -> None:
    levels = section(handbook()["index"], "Tingkat krisis")
    assert (
        "### 1. Waspada\n\nTerkendali\n\n### 2. Siaga\n\nAda korban luka\n\n### 3. Darurat\n\nAda korban jiwa\n"
        in levels
    )


def test_the_index_gives_the_roles_registry_with_deadlines_per_level() -> None:
    roles = section(handbook()["index"], "Daftar peran")
    assert (
        "| Peran | Cakupan | Waspada | Siaga | Darurat | Saluran |\n"
        "|---|---|---|---|---|---|\n"
        "| Kepala Lapas (`kalapas`) | inti | 15 menit | 15 menit | segera | telepon |\n"
        "| Kakanwil Ditjenpas (`kakanwil`) | inti | — | 1 jam | 30 menit | telepon, WhatsApp |\n"
        "| Polres (`polres`) | mitra | 1 jam | 30 menit | 15 menit | telepon |\n"
    ) in roles


DISCLOSURE = """disclosure:
  rules:
    - id: nik
      check: regex
      patterns: ['\\b\\d{16}\\b']
      message: {id: Jangan cetak NIK., en: Never print a NIK.}
      law: {id: UU 27/2022, en: Law 27/2022}
  release_requires:
    - id: kanwil_dulu
      levels: [darurat]
      roles_notified: [kakanwil]
      message: {id: Kakanwil diberi tahu lebih dahulu., en: Tell the regional head first.}
  approvers: {darurat: kakanwil}
"""


def with_disclosure(root: Path, disclosure: str) -> None:
    """The test guideline with exactly this disclosure section (or none)."""
    path = root / "playbooks" / "guideline.yaml"
    text = path.read_text()
    kept = text[: text.index("disclosure:")] if "disclosure:" in text else text
    path.write_text(kept + disclosure)


def test_the_index_gives_statement_kinds_and_disclosure_rules_with_their_law(guideline: Path) -> None:
    with_disclosure(guideline, DISCLOSURE)
    index = handbook(root=guideline)["index"]
    assert "- **Pernyataan awal** (`holding`) *(pernyataan pertama pada setiap tingkat)*: Pernyataan pertama\n" in index
    assert section(index, "Aturan keterbukaan informasi") == (
        "## Aturan keterbukaan informasi\n\n"
        "Diperiksa pada setiap pernyataan sebelum dirilis.\n\n"
        "| Aturan | Pesan | Dasar hukum |\n"
        "|---|---|---|\n"
        "| `nik` | Jangan cetak NIK. | UU 27/2022 |\n\n"
        "### Syarat sebelum rilis\n\n"
        "- Kakanwil diberi tahu lebih dahulu.\n\n"
        "### Persetujuan pernyataan\n\n"
        "- Darurat: disetujui oleh Kakanwil Ditjenpas\n"
    )


def test_without_disclosure_rules_the_index_has_no_such_section(guideline: Path) -> None:
    with_disclosure(guideline, "")
    assert "Aturan keterbukaan informasi" not in handbook(root=guideline)["index"]


def test_a_type_page_opens_with_title_summary_base_level_and_keywords() -> None:
    page = handbook()["uji"]
    assert page.startswith("# Kejadian uji\n\n[← Daftar isi](index.md)\n")
    assert (
        "Kejadian untuk pengujian\n\n- **Fase:** krisis\n- **Tingkat dasar:** Waspada\n- **Kata kunci:** uji, test\n"
        in page
    )


def test_each_triage_question_shows_its_type_what_raises_the_level_and_why() -> None:
    questions = section(handbook()["uji"], "Pertanyaan triase")
    assert questions.endswith(
        "1. **Ada korban luka?** (`ada_luka`, ya/tidak)\n"
        "   - Ya → Siaga: ada korban luka\n"
        "2. **Berapa orang luka?** (`jumlah_luka`, angka 0+)\n"
        "   - ditanyakan bila: ada_luka = ya\n"
        "   - ≥ 10 → Darurat: korban luka massal\n"
        "3. **Seberapa luas?** (`skala`, pilihan)\n"
        "   - Satu kamar\n"
        "   - Satu blok → Siaga: satu blok terdampak\n"
    )


def test_the_notify_table_has_core_roles_at_every_level_and_the_partner_from_its_level() -> None:
    notify = section(handbook()["uji"], "Siapa diberi tahu")
    assert (
        "| Peran | Waspada | Siaga | Darurat | Bila | Tugas |\n"
        "|---|---|---|---|---|---|\n"
        "| Kepala Lapas | 15 menit | 15 menit | segera | setiap kejadian | — |\n"
        "| Kakanwil Ditjenpas | — | 1 jam | 30 menit | setiap kejadian | — |\n"
        "| Polres | — | 30 menit | 15 menit | mulai Siaga | Amankan perimeter |\n"
    ) in notify


def test_the_checklist_gives_deadline_action_owner_and_when() -> None:
    checklist = section(handbook()["uji"], "Daftar tindakan")
    assert checklist == (
        "## Daftar tindakan\n\n"
        "| Tenggat | Tindakan | Penanggung jawab | Bila |\n"
        "|---|---|---|---|\n"
        "| 30 menit | Hitung penghuni | Kepala Lapas | setiap kejadian |\n"
    )


def test_each_statement_shows_levels_deadlines_and_its_example_rendering_as_a_quote() -> None:
    statements = section(handbook()["uji"], "Pernyataan")
    assert (
        "### Pernyataan awal (`holding`)\n\n"
        "Pernyataan pertama\n\n"
        "- Berlaku pada: Waspada (tanpa tenggat), Siaga (2 jam), Darurat (1 jam)\n"
        "- Templat: `uji/holding.id.md`, `uji/holding.en.md`\n\n"
        "Contoh pada tingkat Waspada:\n\n"
        "> # Pernyataan awal\n"
        ">\n"
        "> Lapas Kelas IIA Uji mengetahui adanya kejadian di area dapur pada Kamis, 26 November 2026, 14.05 WITA.\n"
        ">\n"
        "> Narahubung: Siti Rahma (0812-0000-0001)\n"
    ) in statements


def test_a_when_condition_on_a_choice_reads_as_the_option_label(guideline: Path) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(
        playbook.read_text().replace(
            "    task: {id: Amankan perimeter, en: Secure the perimeter}",
            "    when: {question: skala, in: [satu_blok]}\n    task: {id: Amankan perimeter, en: Secure the perimeter}",
        )
    )
    notify = section(handbook(root=guideline)["uji"], "Siapa diberi tahu")
    assert (
        "| Polres | — | 30 menit | 15 menit | mulai Siaga; skala salah satu dari: Satu blok | Amankan perimeter |\n"
        in notify
    )


def test_the_english_handbook_uses_english_labels_and_the_english_template() -> None:
    pages = handbook("en")
    assert pages["index"].startswith("# Handbook: Test guideline\n")
    page = pages["uji"]
    assert "   - Yes → Standby: people are injured\n" in page
    assert "| Head of the prison | 15 min | 15 min | immediately | every incident | — |\n" in page
    assert "   - asked when: ada_luka = yes\n" in page
    assert "Example at level Alert:\n\n> # Holding statement\n" in page
    assert (
        "> Lapas Kelas IIA Uji is aware of an incident in the kitchen on Thursday, 26 November 2026, 14:05 WITA.\n"
        in page
    )
    assert "Daftar" not in page and "Pertanyaan" not in page


def test_without_an_english_template_the_english_handbook_shows_the_indonesian_example(guideline: Path) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text().replace(", en: uji/holding.en.md}", "}"))
    page = handbook("en", root=guideline)["uji"]
    assert "(there is no English template; the example is in Indonesian):\n\n> # Pernyataan awal\n" in page


def test_without_a_unit_profile_the_examples_use_the_built_in_sample_unit() -> None:
    page = handbook(unit=None)["uji"]
    assert (
        "> Lapas Kelas IIA Contoh mengetahui adanya kejadian di area dapur pada Kamis, 26 November 2026, 14.05 WIB.\n"
        in page
    )


def test_no_page_has_template_code_left_over() -> None:
    for lang in ("id", "en"):
        for name, page in handbook(lang).items():  # type: ignore[arg-type]
            assert "{{" not in page and "{%" not in page and "}}" not in page, (lang, name)


def test_the_bundled_guideline_builds_a_complete_handbook_in_both_languages() -> None:
    unit = REPO / "examples" / "unit.yaml"
    for lang in ("id", "en"):
        pages = handbook(lang, root=REPO, unit=unit if unit.is_file() else None)  # type: ignore[arg-type]
        assert "index" in pages and len(pages) >= 2
        for name, page in pages.items():
            assert "{{" not in page and "{%" not in page and "None" not in page, (lang, name)
            if name != "index":
                assert f"]({'index'}.md)" in page


# --- the command --------------------------------------------------------------------------------------


def test_the_command_writes_one_file_per_page_and_prints_their_paths(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "buku"
    result = run("docs", "--output", str(out), "--guideline", str(BASE), "--unit", str(UNIT))
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{out / 'index.md'}\n{out / 'uji.md'}\n"
    assert (out / "uji.md").read_text(encoding="utf-8") == handbook()["uji"]


def test_the_command_speaks_english_with_lang_en(run: Run, tmp_path: Path) -> None:
    result = run("docs", "--output", str(tmp_path), "--guideline", str(BASE), "--unit", str(UNIT), "--lang", "en")
    assert result.code == 0
    assert (tmp_path / "index.md").read_text(encoding="utf-8").startswith("# Handbook: Test guideline\n")


def test_the_default_output_folder_is_pasopati_handbook(run: Run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("docs", "--guideline", str(BASE), "--unit", str(UNIT))
    assert result.code == 0
    assert result.out == "pasopati-handbook/index.md\npasopati-handbook/uji.md\n"
    assert (tmp_path / "pasopati-handbook" / "uji.md").is_file()


def test_examples_unit_yaml_in_the_guideline_folder_is_the_default_unit(
    guideline: Path, run: Run, tmp_path: Path
) -> None:
    (guideline / "examples").mkdir()
    (guideline / "examples" / "unit.yaml").write_text(
        UNIT.read_text().replace("Lapas Kelas IIA Uji", "Rutan Contoh Lain")
    )
    result = run("docs", "--output", str(tmp_path / "out"), "--guideline", str(guideline))
    assert result.code == 0
    assert "> Rutan Contoh Lain mengetahui" in (tmp_path / "out" / "uji.md").read_text(encoding="utf-8")


def test_html_pages_link_to_each_other_and_escape_raw_html(guideline: Path, run: Run, tmp_path: Path) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(
        playbook.read_text().replace("summary: {id: Kejadian untuk pengujian", "summary: {id: <script>x</script> & Co")
    )
    result = run(
        "docs", "--format", "html", "--output", str(tmp_path), "--guideline", str(guideline), "--unit", str(UNIT)
    )
    assert result.code == 0
    assert result.out == f"{tmp_path / 'index.html'}\n{tmp_path / 'uji.html'}\n"
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    page = (tmp_path / "uji.html").read_text(encoding="utf-8")
    assert '<a href="uji.html">Kejadian uji</a>: &lt;script&gt;x&lt;/script&gt; &amp; Co' in index
    assert "<script>" not in index and "<script>" not in page
    assert '<a href="index.html">← Daftar isi</a>' in page
    assert "<title>Kejadian uji</title>" in page
    assert "<blockquote>\n<h1>Pernyataan awal</h1>" in page
    assert '.md"' not in index + page


def test_a_template_that_fails_to_render_stops_the_command_with_its_location(
    guideline: Path, run: Run, tmp_path: Path
) -> None:
    template = guideline / "templates" / "uji" / "holding.id.md"
    template.write_text(template.read_text().replace("{{ lokasi }}", "{{ lokasi }} {{ 1 / 0 }}"))
    result = run("docs", "--output", str(tmp_path / "out"), "--guideline", str(guideline), "--unit", str(UNIT))
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith(
        "templates/uji/holding.id.md:10: [error] P305 templat gagal dirender: division by zero"
    )
    assert not (tmp_path / "out").exists()


def test_a_required_variable_without_an_example_is_located_at_its_declaration(
    guideline: Path, run: Run, tmp_path: Path
) -> None:
    template = guideline / "templates" / "uji" / "holding.en.md"
    template.write_text(template.read_text().replace("    example: the kitchen\n", ""))
    result = run("docs", "--output", str(tmp_path), "--guideline", str(guideline), "--unit", str(UNIT), "--lang", "en")
    assert result.code == 1
    assert result.err == (
        "templates/uji/holding.en.md:4:5: [warning] P306 variables[0].example: required variable 'lokasi' has no "
        "'example', so the templates that use it cannot be trial-rendered\n"
        "templates/uji/holding.en.md:4:11: [error] P404 variables[0].name: no value for 'lokasi' "
        "(give it an `example` value in the template's front matter)\n"
    )


def test_a_guideline_with_errors_is_refused_with_located_problems(guideline: Path, run: Run, tmp_path: Path) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text().replace("  - role: polres", "  - role: pemadam"))
    result = run("docs", "--output", str(tmp_path / "out"), "--guideline", str(guideline), "--lang", "en")
    assert result.code == 1
    assert (
        result.err
        == "playbooks/uji.yaml:36:11: [error] P201 roles[0].role: unknown role 'pemadam' (kakanwil, kalapas, polres)\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_unknown_format_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("docs", "--format", "pdf", "--output", str(tmp_path), "--guideline", str(BASE))
    assert result.code == 2
    assert "--format" in result.err
