"""`pasopati test` called directly: the answer paths of a type counted exactly, grouped into classes, every
statement rendered and checked, and the template branches that no path reaches reported where they stand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pasopati_cli.app.coverage import Covered, cover_guideline
from pasopati_cli.loader import load_yaml_file, package_guideline_dir
from pasopati_cli.model import CrisisType, NumberQuestion
from pasopati_cli.pathcover import answer_values, outcomes
from pasopati_cli.problems import PasopatiError, Severity
from pasopati_cli.response import load_guide
from tests.conftest import CASES

TEMPLATE_HEAD = """---
title: Pernyataan awal uji
variables:
  - name: lokasi
    prompt: {id: Di mana?, en: Where?}
    example: area dapur
  - name: jumlah_luka
    prompt: {id: Berapa orang luka?, en: How many are injured?}
    type: integer
    example: 2
---
"""


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny test guideline: type `uji` asks three questions - ada_luka (yes/no, raises to siaga), then
    only after a yes jumlah_luka (a number, 10 or more raises to darurat), then skala (two options, a
    block raises to siaga)."""
    root = tmp_path / "pedoman"
    shutil.copytree(CASES / "base", root)
    monkeypatch.chdir(root)  # files are named from here, as a unit's CI names them
    return root


def _statement(root: Path, lang: str, body: str) -> None:
    (root / "templates" / "uji" / f"holding.{lang}.md").write_text(TEMPLATE_HEAD + body, encoding="utf-8")


def _facts_from_answers(root: Path) -> None:
    playbook = root / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "facts_from_answers:\n  jumlah_luka: jumlah_luka\n")


def test_the_number_question_stands_for_its_answers_below_at_and_above_its_threshold_and_its_uncertain_forms(
    base: Path,
) -> None:
    crisis = load_guide(base).crisis("uji")
    question = crisis.question("jumlah_luka")
    assert isinstance(question, NumberQuestion)
    assert answer_values(question, crisis) == [0, 9, 10, 11, "?", "~10", ">=9", ">=10"]


def test_three_questions_give_eighteen_paths_in_three_outcomes_counted_without_listing_them(base: Path) -> None:
    guide = load_guide(base)
    found = outcomes(guide.guideline, guide.crisis("uji"))
    # no injury: 2 options of skala; an injury: 8 answers to jumlah_luka times 2 options = 16
    summary = [(o.level, o.roles, o.raised, o.paths) for o in found]
    assert summary == [
        ("waspada", ("kalapas",), False, 1),  # no injury, one cell
        ("siaga", ("kakanwil", "kalapas", "polres"), True, 9),  # a block; or injured, 0, 9, ? or >=9
        ("darurat", ("kakanwil", "kalapas", "polres"), True, 8),  # injured 10, 11, ~10 or >=10
    ]
    assert found[0].answers == {"ada_luka": False, "skala": "satu_kamar"}
    assert found[2].answers == {"ada_luka": True, "jumlah_luka": 10, "skala": "satu_kamar"}


def test_the_use_case_counts_classes_and_paths_and_renders_every_statement_in_both_languages(base: Path) -> None:
    done = cover_guideline(folder=base, guideline=None, cwd=base)
    assert done.problems == []
    (summary,) = done.types
    assert (summary.crisis_type, summary.classes, summary.paths, summary.levels) == (
        "uji",
        3,
        18,
        ("waspada", "siaga", "darurat"),
    )
    # one render per level and language (the templates test nothing, so no other values are tried); each
    # template checked once
    assert (summary.statements, summary.checked, summary.branches, summary.covered) == (6, 2, 0, 0)
    assert done.guideline.root == base.resolve() and done.guideline.bundled is False
    assert done.files == [
        "playbooks/uji.yaml",
        "templates/_partials/kontak.md",
        "templates/uji/holding.en.md",
        "templates/uji/holding.id.md",
    ]


def test_a_branch_no_path_reaches_is_a_warning_at_its_line_and_the_others_count_as_covered(base: Path) -> None:
    _facts_from_answers(base)
    body = (
        "# Pernyataan awal\n"  # body line 1 = file line 12
        "\n"
        "Kejadian di {{ lokasi }}.\n"
        '{% if incident.level_id == "siaga" %}\n'  # line 15: reached
        "Kakanwil diberi tahu.\n"
        '{% elif incident.level_id == "nasional" %}\n'  # line 17: no level of that name
        "Tidak mungkin.\n"
        "{% else %}\n"  # line 19: waspada and darurat
        "Lainnya.\n"
        "{% endif %}\n"
        "{% if jumlah_luka is known and jumlah_luka > 0 %}Ada {{ jumlah_luka }} orang luka.{% endif %}\n"  # line 22
    )
    _statement(base, "id", body)
    _statement(base, "en", body)
    done = cover_guideline(folder=base, guideline=None, cwd=base)
    unreached = [(p.file, p.line, p.column, p.code, p.severity) for p in done.problems]
    warning = Severity.WARNING
    assert sorted(unreached) == [
        ("templates/uji/holding.en.md", 17, 1, "P320", warning),
        ("templates/uji/holding.id.md", 17, 1, "P320", warning),
    ]
    assert "elif" in done.problems[0].message("en")
    (summary,) = done.types
    assert (summary.branches, summary.covered) == (8, 6)
    assert (done.branches, done.covered) == (8, 6)


def test_a_statement_that_speculates_on_some_path_is_a_guard_problem_at_the_template_line(base: Path) -> None:
    _facts_from_answers(base)
    guideline = base / "playbooks" / "guideline.yaml"
    rule = (
        "    - id: spekulasi\n"
        "      check: phrase\n"
        "      category: forbidden_phrase\n"
        "      patterns: [diduga akibat, thought to be caused by]\n"
        "      message: {id: Jangan berspekulasi tentang penyebab., en: Do not speculate about the cause.}\n"
        "      law: {id: Doktrin CERC, en: CERC doctrine}\n"
    )
    text = guideline.read_text(encoding="utf-8")
    guideline.write_text(text.replace("  release_requires:\n", rule + "  release_requires:\n", 1), encoding="utf-8")
    body = (
        "# Pernyataan awal\n"
        "\n"
        "Kejadian di {{ lokasi }}.\n"
        "{% if jumlah_luka is known and jumlah_luka >= 10 %}\n"  # line 15: where ten or more are hurt
        "Kejadian ini diduga akibat kelalaian petugas.\n"  # line 16
        "{% endif %}\n"
    )
    _statement(base, "id", body)
    done = cover_guideline(folder=base, guideline=None, cwd=base)
    found = [p for p in done.problems if p.code == "P606"]
    assert [(p.file, p.line, p.column) for p in found] == [("templates/uji/holding.id.md", 16, 14)]
    assert found[0].path == "uji: ada_luka=ya, jumlah_luka=10, skala=satu_kamar [darurat, holding, id]"


def test_a_count_not_known_yet_that_a_template_compares_is_a_render_failure_on_that_path(base: Path) -> None:
    _facts_from_answers(base)
    _statement(base, "id", "# Awal\n\n{{ lokasi }}.\n{% if jumlah_luka > 0 %}Ada korban luka.{% endif %}\n")
    done = cover_guideline(folder=base, guideline=None, cwd=base)
    failed = [p for p in done.problems if p.severity is Severity.ERROR]
    assert [(p.file, p.line, p.code) for p in failed] == [("templates/uji/holding.id.md", 15, "P305")]
    assert failed[0].path is not None and "jumlah_luka=?" in failed[0].path


def test_a_guideline_with_errors_or_an_unknown_type_is_refused_with_its_problems(base: Path) -> None:
    with pytest.raises(PasopatiError) as unknown:
        cover_guideline(folder=base, guideline=None, cwd=base, types=["kebakran"])
    assert [p.code for p in unknown.value.problems] == ["P201"]
    (base / "playbooks" / "uji.yaml").write_text("kind: crisis-type\nid: uji\n", encoding="utf-8")
    with pytest.raises(PasopatiError) as broken:
        cover_guideline(folder=base, guideline=None, cwd=base)
    assert {p.code for p in broken.value.problems} == {"P102"}


def test_with_no_folder_the_guideline_one_stands_in_is_tested_else_the_bundled_one(base: Path, tmp_path: Path) -> None:
    inside = base / "templates" / "uji"
    done = cover_guideline(folder=None, guideline=None, cwd=inside)
    assert done.guideline.root == base.resolve() and done.guideline.name == "Pedoman Uji"
    elsewhere = tmp_path / "kosong"
    elsewhere.mkdir()
    bundled = cover_guideline(folder=None, guideline=None, cwd=elsewhere, types=["publikasi_kegiatan"])
    assert bundled.guideline.bundled and bundled.guideline.root == package_guideline_dir().resolve()


def test_the_bundled_smuggling_playbook_every_statement_at_every_level_rendered_and_its_paths_counted() -> None:
    done = cover_guideline(folder=package_guideline_dir(), guideline=None, cwd=Path.cwd(), types=["penyelundupan"])
    (summary,) = done.types
    assert (summary.paths, summary.classes, summary.levels) == (4320, 20, ("waspada", "siaga", "darurat"))
    loaded, _ = load_yaml_file(package_guideline_dir() / "playbooks" / "penyelundupan.yaml", "penyelundupan.yaml")
    assert loaded is not None and isinstance(loaded.model, CrisisType)
    crisis = loaded.model
    offered = {(use.kind, level, lang) for use in crisis.statements for level in use.levels for lang in use.template}
    assert summary.statements >= len(offered)  # every kind offered at each level, in each of its languages
    assert 0 < summary.checked < summary.statements
    assert 0 < summary.covered <= summary.branches and summary.percent > 90
    assert all(p.file is not None and p.line is not None and p.path for p in done.problems if p.code != "P320")


def test_types_shared_between_two_processes_find_what_one_process_finds(base: Path) -> None:
    _facts_from_answers(base)
    _statement(base, "id", "# Awal\n\n{{ lokasi }}.\n{% if jumlah_luka > 0 %}Ada korban luka.{% endif %}\n")
    second = (base / "playbooks" / "uji.yaml").read_text(encoding="utf-8").replace("id: uji\n", "id: uji_dua\n", 1)
    (base / "playbooks" / "uji_dua.yaml").write_text(second, encoding="utf-8")
    alone = cover_guideline(folder=base, guideline=None, cwd=base, workers=1)
    shared = cover_guideline(folder=base, guideline=None, cwd=base, workers=2)

    def seen(done: Covered) -> object:
        problems = sorted((p.file or "", p.line or 0, p.code) for p in done.problems)
        types = [(s.crisis_type, s.classes, s.paths, s.levels, s.branches, s.covered) for s in done.types]
        return problems, types, done.branches, done.covered, done.files

    assert seen(alone) == seen(shared)
    assert [s.crisis_type for s in shared.types] == ["uji", "uji_dua"]
    assert [p.code for p in shared.problems] == ["P305"]
