"""`validate` renders every statement template once with its example values: what parses but fails while
rendering is found before `respond` meets it. The golden cases render-failure* show the output; these
tests pin down what is rendered, how, and what is deliberately not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pasopati_cli.checks import check_bundle
from pasopati_cli.loader import load_bundle
from pasopati_cli.render import MemoryBytecodeCache
from pasopati_cli.validation import trial_render
from tests.conftest import REPO, Run

HOLDING_ID = Path("templates/uji/holding.id.md")
HOLDING_EN = Path("templates/uji/holding.en.md")


def add_line(guideline: Path, template: Path, line: str) -> None:
    """Add `line` to the body of `template`, just before its closing include."""
    path = guideline / template
    path.write_text(
        path.read_text().replace(
            '{% include "_partials/kontak.md" %}', f'{line}\n{{% include "_partials/kontak.md" %}}'
        )
    )


def validate(run: Run, *args: str, lang: str = "en") -> tuple[int, list[str]]:
    result = run("validate", *(args or (".",)), "--format", "parsable", "--lang", lang)
    assert result.err.count("\n") == 1 and result.err.startswith(("Guideline checked: ", "Pedoman yang diperiksa: "))
    return result.code, result.out.splitlines()


def test_a_division_by_zero_fails_validation_at_its_line_in_both_languages(guideline: Path, run: Run) -> None:
    add_line(guideline, HOLDING_ID, "{{ 7 // (incident.reasons | length) }}")
    assert validate(run) == (
        1,
        [
            "templates/uji/holding.id.md:12: [error] P305 the template failed to render: integer division or modulo by zero"
        ],
    )
    assert validate(run, lang="id")[1] == [
        "templates/uji/holding.id.md:12: [error] P305 templat gagal dirender: pembagian dengan nol; periksa nilai "
        "pembaginya dahulu dengan '{% if %}'"
    ]


def test_a_single_template_is_trial_rendered_with_its_folder(guideline: Path, run: Run) -> None:
    add_line(guideline, HOLDING_EN, "{{ lokasi | jam }}")
    code, lines = validate(run, str(HOLDING_EN))
    assert code == 1
    assert [line.split(" P")[0] for line in lines] == ["templates/uji/holding.en.md:12: [error]"]
    assert validate(run, str(HOLDING_ID)) == (0, [])


def test_the_statement_is_rendered_at_the_mildest_level_its_crisis_type_can_reach(guideline: Path, run: Run) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text().replace("base_level: waspada", "base_level: siaga"))
    add_line(guideline, HOLDING_ID, "{% if incident.level_id == 'waspada' %}{{ 1 / 0 }}{% endif %}")
    assert validate(run)[0] == 0  # warnings only (P208: floors at the new base level)
    add_line(guideline, HOLDING_ID, "{% if incident.level_id == 'siaga' %}{{ 1 / 0 }}{% endif %}")
    assert [line for line in validate(run)[1] if "[error]" in line] == [
        "templates/uji/holding.id.md:13: [error] P305 the template failed to render: division by zero"
    ]


def test_each_template_is_rendered_in_its_own_language(guideline: Path, run: Run) -> None:
    add_line(guideline, HOLDING_EN, "{% if lang != 'en' %}{{ 1 / 0 }}{% endif %}")
    add_line(guideline, HOLDING_ID, "{% if lang != 'id' %}{{ 1 / 0 }}{% endif %}")
    assert validate(run) == (0, [])


def test_the_sample_unit_has_an_officer_for_every_role_and_nothing_else(
    guideline: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASOPATI_UNIT", str(REPO / "examples" / "unit.yaml"))  # never read by validate
    add_line(guideline, HOLDING_ID, "{{ roster.polres.name }}, {{ unit.website }}, {{ unit.about }}")
    assert validate(run) == (0, [])
    add_line(guideline, HOLDING_ID, "{{ roster.humas.name }}")
    assert validate(run)[1] == [
        "templates/uji/holding.id.md:13: [error] P305 the template failed to render: "
        "'dict object' has no attribute 'humas'; check the name after the dot, or use '| default('')' where it "
        "may be absent"
    ]


def test_a_template_with_a_broken_partial_is_not_rendered_on_top_of_the_partials_error(
    guideline: Path, run: Run
) -> None:
    partial = guideline / "templates" / "_partials" / "kontak.md"
    partial.write_text(partial.read_text() + "{% if spokesperson %}\n")
    assert validate(run) == (
        1,
        [
            "templates/_partials/kontak.md:5:1: [error] P301 Jinja syntax error: the '{% if %}' block opened on "
            "line 5 is never closed (no '{% endif %}')"
        ],
    )


def test_a_template_used_only_by_a_crisis_type_with_errors_is_not_rendered(guideline: Path, run: Run) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text().replace("owner: kalapas", "owner: kalapaz"))
    add_line(guideline, HOLDING_ID, "{{ 1 / 0 }}")
    code, lines = validate(run)
    assert code == 1
    assert [line.split(" ")[2] for line in lines] == ["P201"]


def test_a_template_no_crisis_type_uses_is_not_rendered(guideline: Path, run: Run) -> None:
    spare = guideline / "templates" / "uji" / "cadangan.id.md"
    spare.write_text("---\ntitle: Cadangan\n---\n{{ 1 / 0 }}\n")
    assert validate(run) == (  # not rendered (no P305); reported as unused instead
        0,
        ["templates/uji/cadangan.id.md:1:1: [warning] P121 template 'uji/cadangan.id.md' is not used by any playbook"],
    )


def test_a_partial_failing_for_every_statement_is_reported_once(guideline: Path, run: Run) -> None:
    partial = guideline / "templates" / "_partials" / "kontak.md"
    partial.write_text(partial.read_text() + "{{ spokesperson.tidak_ada.nomor }}\n")
    assert validate(run)[1] == [
        "templates/_partials/kontak.md:5: [error] P305 the template failed to render: 'dict object' has no "
        "attribute 'tidak_ada'; check the name after the dot, or use '| default('')' where it may be absent "
        "(while rendering templates/uji/holding.en.md)"
    ]


def test_the_trial_render_reuses_the_checks_compiled_code_with_the_same_result(guideline: Path) -> None:
    add_line(guideline, HOLDING_ID, "{{ incident.start | inisial | jam }}")
    bundle, problems = load_bundle(guideline)
    compiled = MemoryBytecodeCache()
    problems += check_bundle(bundle, date(2026, 1, 1), compiled)
    assert problems == []
    assert len(compiled.codes) == len(bundle.templates) == 3
    reused = trial_render(bundle, problems, compiled)
    assert [(p.code, p.line) for p in reused] == [("P305", 12)]
    assert trial_render(bundle, problems) == reused


def test_a_runaway_loop_in_a_shared_partial_costs_one_render_budget_not_one_per_statement(
    guideline: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasopati_cli import render

    monkeypatch.setattr(render, "RENDER_SECONDS", 0.2)
    partial = guideline / "templates" / "_partials" / "kontak.md"
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    partial.write_text(partial.read_text() + loop + "\n")
    code, lines = validate(run)
    assert code == 1
    assert lines == [
        "templates/_partials/kontak.md:5: [error] P305 the template failed to render: rendering took longer "
        "than 0.2 s; a loop is far too large (while rendering templates/uji/holding.en.md)"
    ]


def test_all_trial_renders_together_stop_at_their_own_budget(
    guideline: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pasopati_cli import validation

    monkeypatch.setattr(validation, "TRIAL_RENDER_SECONDS", 0.0)
    code, lines = validate(run)
    assert (code, lines) == (
        0,
        ["playbooks/guideline.yaml: [warning] P307 the trial render stopped after 0 s; templates not tried: 2"],
    )
