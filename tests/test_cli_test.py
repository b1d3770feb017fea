"""`pasopati test`: exact outputs and exit codes in every format, on the tiny test guideline."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run

NEVER = (
    '{% if incident.level_id == "nasional" %}\n'  # file line 13: no such level
    "Tidak mungkin.\n"
    "{% endif %}\n"
)


def _with_branch(root: Path, lang: str = "id") -> None:
    path = root / "templates" / "uji" / f"holding.{lang}.md"
    path.write_text(path.read_text(encoding="utf-8") + NEVER, encoding="utf-8")


def test_a_clean_guideline_passes_with_its_summary_and_names_what_it_tested(run: Run, guideline: Path) -> None:
    result = run("test", "--format", "text", "--lang", "en")
    assert (result.code, result.err) == (0, f"Guideline tested: {guideline} (Pedoman Uji 0.1)\n")
    assert result.out.splitlines() == [
        "type classes paths levels renders checked branches coverage",
        "uji        3    18    3/3       6       2      0/0   100.0%",
        "all        3    18              6       2      0/0   100.0%",
        "",
        "4 file(s) checked: no problems.",
    ]


def test_a_branch_no_path_reaches_is_a_warning_that_fails_only_under_strict(run: Run, guideline: Path) -> None:
    _with_branch(guideline)
    result = run("test", "--format", "parsable", "--lang", "en")
    warning = (
        "templates/uji/holding.id.md:13:1: [warning] P320 this if branch was never rendered by any triage path or "
        "sample value (uji/holding.id.md); check its condition, or remove it if it can never apply\n"
    )
    assert (result.code, result.out) == (0, warning)
    strict = run("test", "--format", "parsable", "--strict", "--lang", "en")
    assert (strict.code, strict.out) == (1, warning)


def test_json_gives_the_problems_and_the_coverage_of_each_type(run: Run, guideline: Path) -> None:
    _with_branch(guideline)
    result = run("test", str(guideline), "--format", "json", "--lang", "en")
    assert result.code == 0
    document = json.loads(result.out)
    assert set(document) == {"ok", "files_checked", "problems", "guideline", "types", "branches",
                             "branches_covered", "coverage"}  # fmt: skip
    assert (document["ok"], document["files_checked"]) == (True, 4)
    assert [(p["file"], p["line"], p["code"], p["severity"]) for p in document["problems"]] == [
        ("templates/uji/holding.id.md", 13, "P320", "warning")
    ]
    assert document["guideline"] == {"root": str(guideline), "name": "Pedoman Uji", "version": "0.1",
                                     "bundled": False}  # fmt: skip
    assert document["types"] == [
        {
            "crisis_type": "uji",
            "classes": 3,
            "paths": 18,
            "levels": ["waspada", "siaga", "darurat"],
            "statements": 6,
            "checked": 2,
            "branches": 1,
            "branches_covered": 0,
            "coverage": 0.0,
        }
    ]
    assert (document["branches"], document["branches_covered"], document["coverage"]) == (1, 0, 0.0)


def test_a_render_failure_fails_the_run_in_junit_and_github_formats(run: Run, guideline: Path) -> None:
    path = guideline / "templates" / "uji" / "holding.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "{{ 1 // 0 }}\n", encoding="utf-8")
    junit = run("test", "--format", "junit", "--lang", "en")
    assert junit.code == 1
    assert '<testsuite name="pasopati validate" tests="4" failures="1" errors="0">' in junit.out
    assert '<failure message="1 problem(s)" type="P305">templates/uji/holding.en.md:13: [error] P305' in junit.out
    github = run("test", "--format", "github", "--lang", "en")
    assert github.code == 1
    assert github.out.startswith("::error file=templates/uji/holding.en.md,line=13,title=P305 render-failed::")
    assert (
        "uji: ada_luka=tidak, skala=satu_kamar [waspada, holding, en]: the template failed to render: integer division or modulo by zero"
        in github.out
    )


def test_a_broken_guideline_and_an_unknown_type_exit_1_with_their_problems(run: Run, guideline: Path) -> None:
    unknown = run("test", "--type", "kerusuhan", "--lang", "en")
    assert unknown.code == 1
    assert unknown.err == "error: P201 unknown crisis type 'kerusuhan' (uji)\n"
    (guideline / "playbooks" / "uji.yaml").write_text("kind: crisis-type\nid: uji\n", encoding="utf-8")
    broken = run("test", "--format", "parsable")
    assert broken.code == 1 and broken.out == ""
    assert "playbooks/uji.yaml:1:1: [error] P102" in broken.err


def test_a_format_it_does_not_know_is_a_usage_error(run: Run, guideline: Path) -> None:
    result = run("test", "--format", "xml")
    assert result.code == 2
