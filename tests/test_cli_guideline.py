"""`pasopati init`, `where`, `--version`, and `validate` checking what you stand in: exact outputs and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pasopati_cli import __version__
from pasopati_cli.loader import package_guideline_dir
from pasopati_cli.scaffold import ci_workflow
from tests.conftest import CASES, REPO, Run

UNIT_WITHOUT_POLICE = """\
kind: unit-profile
unit: {name: Lapas Uji, class: Kelas IIA, city: Kota Uji, address: Jl. Uji 1, timezone: WITA}
spokesperson: kalapas
roster:
  kalapas: {name: Siti Rahma, title: Kepala Lapas, title_en: Head of the Prison}
  kakanwil: {name: Budi Hartono, title: Kepala Kanwil, title_en: Head of the Regional Office}
"""


def test_version_is_printed(run: Run) -> None:
    result = run("--version")
    assert (result.code, result.out) == (0, f"pasopati {__version__}\n")


def test_where_prints_the_installed_guideline_folder(run: Run) -> None:
    result = run("where")
    assert (result.code, result.out) == (0, f"{package_guideline_dir()}\n")


def test_a_new_unit_inits_and_validates_with_every_value_to_fill_a_warning(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = run("init", "lapas")
    assert made.code == 0, made
    lines = made.out.splitlines()
    assert re.fullmatch(rf"Pedoman unit dibuat di lapas: \d+ berkas dari Pasopati {__version__} \(sha256:[0-9a-f]{{12}}\)\.",
                        lines[0])  # fmt: skip
    assert lines[1:] == [
        "Isi penanda [[ISI: ...]] di: .github/workflows/pedoman.yml, .pre-commit-config.yaml, unit/unit.yaml",
        "Lalu periksa: cd lapas && pasopati validate . unit/unit.yaml",
    ]
    root = tmp_path / "lapas"
    monkeypatch.chdir(root)
    # in the unit profile to fill, checked against the guideline it stands in, the roster covers it and every
    # value still to fill is a warning (the whole new guideline validates clean: tests/test_cli_upgrade.py)
    clean = run("validate", "unit/unit.yaml", "--format", "parsable", "--lang", "en")
    assert (clean.code, clean.err) == (0, f"Guideline checked: {root} (Pasopati 1.0.0)\n")
    warnings = clean.out.splitlines()
    assert (
        warnings[0]
        == "unit/unit.yaml:13:9: [warning] P127 unit.name: still a placeholder: [[ISI: nama / name]]; fill in the unit's details"
    )
    assert len(warnings) == (root / "unit" / "unit.yaml").read_text().count(': "[[ISI:')
    assert all(" [warning] P127 " in line for line in warnings)

    # a conflict left by a merge: tests/test_cli_upgrade.py (the whole way) and tests/app/test_guideline.py


def test_validate_with_no_path_checks_the_guideline_stood_in_and_names_it(
    guideline: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(guideline / "templates" / "uji")
    result = run("validate", "--format", "parsable", "--strict")
    assert (result.code, result.out, result.err) == (0, "", f"Pedoman yang diperiksa: {guideline} (Pedoman Uji 0.1)\n")


def test_init_refuses_a_folder_that_is_not_empty_unless_forced(run: Run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lapas").mkdir()
    (tmp_path / "lapas" / "catatan.txt").write_text("milik unit\n")
    refused = run("init", "lapas")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "lapas: [error] P126 folder lapas tidak kosong; pilih folder baru atau tambahkan --force untuk menimpa "
        "berkas pedoman\n"
    )
    forced = run("init", "lapas", "--force", "--repo", "https://example.org/pasopati.git", "--lang", "en")
    assert forced.code == 0
    assert forced.out.splitlines()[1:] == [
        "Fill in the [[ISI: ...]] placeholders in: unit/unit.yaml",
        "Then check it: cd lapas && pasopati validate . unit/unit.yaml",
    ]
    assert (tmp_path / "lapas" / "catatan.txt").read_text() == "milik unit\n"  # nothing else touched
    config = (tmp_path / "lapas" / ".pre-commit-config.yaml").read_text()
    assert f'repo: "https://example.org/pasopati.git"\n    rev: v{__version__}' in config


def test_a_unit_profile_is_checked_against_the_folder_given_with_it(guideline: Path, run: Run, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(UNIT_WITHOUT_POLICE)
    result = run("validate", str(unit), ".", "--format", "parsable")
    assert result.code == 1
    assert result.out == (
        f"{unit}:4:1: [error] P125 roster: daftar petugas tidak punya peran 'polres', yang dibutuhkan jenis "
        "kejadian 'uji' pada tingkat siaga\n"
    )
    assert result.err == f"Pedoman yang diperiksa: {guideline} (Pedoman Uji 0.1)\n"


def test_a_full_roster_passes_against_the_folder(guideline: Path, run: Run) -> None:
    result = run("validate", ".", str(CASES / "unit.yaml"), "--format", "parsable", "--strict")
    assert (result.code, result.out) == (0, "")


def test_conflict_markers_in_a_template_are_located_and_a_markdown_underline_is_not(guideline: Path, run: Run) -> None:
    template = guideline / "templates" / "uji" / "holding.en.md"
    text = template.read_text()
    template.write_text(text + "Heading\n=======\n<<<<<<< ours\nA\n=======\nB\n>>>>>>> theirs\n")
    (guideline / "schema").mkdir()
    (guideline / "schema" / "guideline.schema.json").write_text(
        '{\n<<<<<<< ours\n"a": 1\n=======\n"a": 2\n>>>>>>> theirs\n}\n'
    )
    first = text.count("\n") + 3
    result = run("validate", ".", "--format", "parsable", "--lang", "en")
    assert [line for line in result.out.splitlines() if "P120" in line] == [
        "schema/guideline.schema.json:2:1: [error] P120 git conflict marker '<<<<<<<' left in the file; finish the merge and remove the marker",
        "schema/guideline.schema.json:4:1: [error] P120 git conflict marker '=======' left in the file; finish the merge and remove the marker",
        "schema/guideline.schema.json:6:1: [error] P120 git conflict marker '>>>>>>>' left in the file; finish the merge and remove the marker",
        f"templates/uji/holding.en.md:{first}:1: [error] P120 git conflict marker '<<<<<<<' left in the file; finish the merge and remove the marker",
        f"templates/uji/holding.en.md:{first + 2}:1: [error] P120 git conflict marker '=======' left in the file; finish the merge and remove the marker",
        f"templates/uji/holding.en.md:{first + 4}:1: [error] P120 git conflict marker '>>>>>>>' left in the file; finish the merge and remove the marker",
    ]
    assert result.code == 1


def test_a_file_named_apart_from_its_id_and_thresholds_that_cannot_matter_are_warnings(
    guideline: Path, run: Run
) -> None:
    source = guideline / "playbooks" / "uji.yaml"
    text = source.read_text().replace(
        "      thresholds:\n",
        "      min: 1\n      max: 8\n      thresholds:\n        - at_least: 1\n          raises_to: {level: siaga, reason: {id: ada, en: any}}\n",
    )
    source.unlink()
    (guideline / "playbooks" / "ujian.yaml").write_text(text)
    result = run("validate", ".", "--format", "parsable", "--lang", "en")
    assert result.code == 0
    assert result.out == (
        "playbooks/ujian.yaml:2:5: [warning] P122 id: file name 'ujian.yaml' differs from id 'uji'; name the file 'uji.yaml'\n"
        "playbooks/ujian.yaml:22:21: [warning] P124 triage.questions[1].thresholds[0].at_least: threshold at_least 1 always fires: the smallest answer is 1; raise base_level instead\n"
        "playbooks/ujian.yaml:24:21: [warning] P123 triage.questions[1].thresholds[1].at_least: threshold at_least 10 can never fire: the largest answer is 8\n"
    )


def test_the_unit_hook_picks_unit_profiles_and_checks_them_against_the_guideline_stood_in(
    guideline: Path, run: Run
) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    unit_hook = hooks["pasopati-validate-unit"]
    picked = re.compile(unit_hook["files"])
    names = ["unit/unit.yaml", "units/lapas-a.yml", "lapas.unit.yaml", "playbooks/guideline.yaml",
             ".github/workflows/pedoman.yml", ".pre-commit-config.yaml"]  # fmt: skip
    assert [name for name in names if picked.search(name)] == ["unit/unit.yaml", "units/lapas-a.yml", "lapas.unit.yaml"]
    assert unit_hook["pass_filenames"] is True
    (guideline / "unit").mkdir()
    (guideline / "unit" / "unit.yaml").write_text(UNIT_WITHOUT_POLICE)
    # what pre-commit runs at the repository root: the entry, then the changed profiles
    result = run(*unit_hook["entry"].split()[1:], "unit/unit.yaml")
    assert (result.code, result.out) == (
        1,
        "unit/unit.yaml:4:1: [error] P125 roster: daftar petugas tidak punya peran 'polres', yang dibutuhkan "
        "jenis kejadian 'uji' pada tingkat siaga\n",
    )


def test_the_ci_docs_show_the_workflow_init_writes_for_this_version() -> None:
    workflow = ci_workflow(f"git+<this repository's URL>@v{__version__}")
    assert f"```yaml\n{workflow}```\n" in (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in (REPO / ".pre-commit-hooks.yaml").read_text()
