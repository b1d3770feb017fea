"""`pasopati validate` as CI runs it: exit codes, formats, single files, strictness."""

from __future__ import annotations

import json
from pathlib import Path

from pasopati_cli.loader import package_guideline_dir
from tests.conftest import REPO, Run


def test_the_bundled_guideline_validates_from_any_directory(run: Run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--format", "json", "--strict")
    document = json.loads(result.out)
    assert document["problems"] == []
    assert document["ok"] is True
    assert document["files_checked"] >= 3
    assert result.code == 0
    assert result.err == f"Pedoman yang diperiksa: {package_guideline_dir()} (Pasopati 1.0.0, bawaan)\n"


def test_a_clean_folder_prints_nothing_in_parsable_form_and_exits_0(guideline: Path, run: Run) -> None:
    result = run("validate", ".", "--format", "parsable")
    assert (result.code, result.out) == (0, "")


def test_text_format_reports_a_clean_folder(guideline: Path, run: Run) -> None:
    result = run("validate", ".", "--format", "text")
    assert (result.code, result.out) == (0, "5 berkas diperiksa: tidak ada masalah.\n")


def test_every_bad_file_is_reported_before_exiting(guideline: Path, run: Run) -> None:
    (guideline / "playbooks" / "uji.yaml").write_text("kind: crisis-type\nid: [\n")
    (guideline / "templates" / "uji" / "holding.en.md").write_text("no front matter\n")
    result = run("validate", ".", "--format", "parsable", "--lang", "en")
    assert result.code == 1
    assert result.out == (
        "playbooks/uji.yaml:2:5: [error] P023 the '[' opened here is never closed; add ']' at the end of the value "
        "(put text with a comma or a colon inside it in quotes)\n"
        "templates/uji/holding.en.md:1:1: [error] P011 a template must start with YAML front matter "
        "between two '---' lines\n"
    )


def test_warnings_pass_unless_strict(guideline: Path, run: Run) -> None:
    path = guideline / "playbooks" / "guideline.yaml"
    path.write_text(path.read_text().replace("review_by: 2099-12-31", "review_by: 2020-01-31"))
    assert run("validate", ".", "--format", "parsable").code == 0
    strict = run("validate", ".", "--format", "parsable", "--strict")
    assert strict.code == 1
    assert strict.out == (
        "playbooks/guideline.yaml:5:12: [warning] P207 review_by: tanggal tinjau ulang 2020-01-31 sudah lewat\n"
    )


def test_a_single_file_is_checked_with_the_folder_it_belongs_to(guideline: Path, run: Run) -> None:
    path = guideline / "playbooks" / "uji.yaml"
    path.write_text(path.read_text().replace("role: polres", "role: polisi"))
    result = run("validate", "playbooks/uji.yaml", "playbooks/guideline.yaml", "--format", "json", "--lang", "en")
    document = json.loads(result.out)
    assert result.code == 1
    assert document["files_checked"] == 2
    assert [(p["file"], p["line"], p["code"]) for p in document["problems"]] == [("playbooks/uji.yaml", 36, "P201")]


def test_a_file_outside_any_guideline_is_checked_against_the_active_one(tmp_path: Path, run: Run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unit.yaml").write_text(
        (REPO / "examples" / "unit.yaml").read_text().replace("timezone:", "timezone: Asia/Atlantis #")
    )
    result = run("validate", "unit.yaml", "--format", "parsable", "--lang", "en")
    assert result.code == 1
    assert "unit.yaml:" in result.out and "unknown time zone 'Asia/Atlantis" in result.out


def test_a_missing_path_is_reported(tmp_path: Path, run: Run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate", "tidak-ada", "--format", "parsable")
    assert (result.code, result.out) == (1, "tidak-ada: [error] P012 tidak ditemukan: tidak-ada\n")


def test_the_guideline_can_come_from_the_environment(guideline: Path, run: Run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PASOPATI_GUIDELINE", str(guideline))
    (guideline / "playbooks" / "uji.yaml").write_text("- a\n")
    result = run("validate", "--format", "parsable", "--lang", "en")
    assert result.code == 1
    assert result.out.endswith(
        "uji.yaml:1:1: [error] P005 the document must be a mapping (key: value), not daftar (list)\n"
    )


def test_an_unknown_format_is_a_usage_error(guideline: Path, run: Run) -> None:
    result = run("validate", ".", "--format", "xml")
    assert result.code == 2
    assert "--format" in result.err


def test_github_format_under_actions_by_default(guideline: Path, run: Run, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (guideline / "playbooks" / "uji.yaml").write_text("")
    result = run("validate", ".")
    assert result.code == 1
    assert result.out == "::error file=playbooks/uji.yaml,line=1,col=1,title=P009 empty-file::berkas kosong\n"


def test_python_dash_m_runs_the_same_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pasopati_cli", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "validate" in done.stdout
