"""Every output format, asserted to the character."""

from __future__ import annotations

import io
import json

from rich.console import Console

from pasopati_cli import report
from pasopati_cli.problems import Severity, problem

PROBLEMS = [
    problem("P207", file="playbooks/guideline.yaml", line=5, column=12, path="review_by",
            severity=Severity.WARNING, date="2020-01-31"),
    problem("P101", file="playbooks/kerusuhan.yaml", line=4, column=1, path="summmary", key="summmary"),
    problem("P015", file="playbooks"),
]  # fmt: skip
FILES = ["playbooks/guideline.yaml", "playbooks/kerusuhan.yaml", "templates/a.md"]


def test_parsable_is_one_line_per_problem_sorted_by_file_and_line() -> None:
    assert report.parsable(PROBLEMS, "en") == (
        "playbooks: [error] P015 no guideline file ('kind: guideline') in this folder\n"
        "playbooks/guideline.yaml:5:12: [warning] P207 review_by: the review-by date 2020-01-31 has passed\n"
        "playbooks/kerusuhan.yaml:4:1: [error] P101 summmary: unknown key 'summmary'\n"
    )


def test_parsable_speaks_indonesian_by_default() -> None:
    assert report.parsable(PROBLEMS[1:2], "id") == (
        "playbooks/kerusuhan.yaml:4:1: [error] P101 summmary: kunci tidak dikenal 'summmary'\n"
    )


def test_github_writes_workflow_annotations_with_escaped_properties() -> None:
    assert report.github(PROBLEMS, "en") == (
        "::error file=playbooks,title=P015 no-guideline-file::no guideline file ('kind: guideline') in this folder\n"
        "::warning file=playbooks/guideline.yaml,line=5,col=12,title=P207 review-overdue::review_by: "
        "the review-by date 2020-01-31 has passed\n"
        "::error file=playbooks/kerusuhan.yaml,line=4,col=1,title=P101 unknown-key::summmary: unknown key 'summmary'\n"
    )


def test_json_has_exactly_the_documented_keys_and_null_positions() -> None:
    document = json.loads(report.as_json(FILES, PROBLEMS, "en"))
    assert document == {
        "ok": False,
        "files_checked": 3,
        "problems": [
            {"file": "playbooks", "line": None, "column": None, "path": None, "code": "P015",
             "severity": "error", "message": "no guideline file ('kind: guideline') in this folder"},
            {"file": "playbooks/guideline.yaml", "line": 5, "column": 12, "path": "review_by", "code": "P207",
             "severity": "warning", "message": "the review-by date 2020-01-31 has passed"},
            {"file": "playbooks/kerusuhan.yaml", "line": 4, "column": 1, "path": "summmary", "code": "P101",
             "severity": "error", "message": "unknown key 'summmary'"},
        ],
    }  # fmt: skip


def test_json_is_ok_with_warnings_only_unless_strict() -> None:
    assert json.loads(report.as_json(FILES, PROBLEMS[:1], "en"))["ok"] is True
    assert json.loads(report.as_json(FILES, PROBLEMS[:1], "en", strict=True))["ok"] is False


def test_junit_has_one_case_per_file_and_fails_only_files_with_errors() -> None:
    assert report.junit(FILES, PROBLEMS, "en") == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<testsuites name="pasopati validate" tests="4" failures="2">\n'
        '  <testsuite name="pasopati validate" tests="4" failures="2" errors="0">\n'
        '    <testcase classname="pasopati" name="playbooks/guideline.yaml">\n'
        "      <system-out>playbooks/guideline.yaml:5:12: [warning] P207 review_by: the review-by date "
        "2020-01-31 has passed\n</system-out>\n"
        "    </testcase>\n"
        '    <testcase classname="pasopati" name="playbooks/kerusuhan.yaml">\n'
        '      <failure message="1 problem(s)" type="P101">playbooks/kerusuhan.yaml:4:1: [error] P101 '
        "summmary: unknown key 'summmary'\n</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="pasopati" name="templates/a.md"/>\n'
        '    <testcase classname="pasopati" name="playbooks">\n'
        '      <failure message="1 problem(s)" type="P015">playbooks: [error] P015 no guideline file '
        "('kind: guideline') in this folder\n</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_text_groups_by_file_and_ends_with_a_summary() -> None:
    out = io.StringIO()
    report.print_text(Console(file=out, width=120, color_system=None), FILES, PROBLEMS, "id")
    assert out.getvalue() == (
        "playbooks\n"
        "          galat      P015 no-guideline-file  tidak ada berkas pedoman ('kind: guideline') di folder ini\n"
        "\n"
        "playbooks/guideline.yaml\n"
        "  5:12    peringatan P207 review-overdue  review_by: tanggal tinjau ulang 2020-01-31 sudah lewat\n"
        "\n"
        "playbooks/kerusuhan.yaml\n"
        "  4:1     galat      P101 unknown-key  summmary: kunci tidak dikenal 'summmary'\n"
        "\n"
        "3 masalah (2 galat, 1 peringatan) dalam 3 dari 3 berkas.\n"
    )


def test_text_says_so_when_clean() -> None:
    out = io.StringIO()
    report.print_text(Console(file=out, width=120, color_system=None), FILES, [], "en")
    assert out.getvalue() == "3 file(s) checked: no problems.\n"


def test_auto_picks_github_under_actions_text_on_a_terminal_and_parsable_otherwise(monkeypatch) -> None:
    assert report.pick_format("auto", is_terminal=True) == "text"
    assert report.pick_format("auto", is_terminal=False) == "parsable"
    assert report.pick_format("json", is_terminal=True) == "json"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert report.pick_format("auto", is_terminal=True) == "github"
