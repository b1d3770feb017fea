"""The guideline use cases called directly: init, where, validate of what one stands in; and the domain
checks under them (conflict markers, the upstream record, the roles a guideline can require)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pasopati_cli import __version__
from pasopati_cli.app.guideline import (
    CheckedGuideline,
    guideline_in_force,
    init_guideline,
    validate_guideline,
    where_guideline,
)
from pasopati_cli.coherence import conflict_markers, required_roles
from pasopati_cli.loader import load_bundle, load_yaml_file, package_guideline_dir
from pasopati_cli.model import Guideline, UnitProfile
from pasopati_cli.problems import PasopatiError
from pasopati_cli.scaffold import UpstreamRecord, content_hash, with_upstream
from tests.conftest import CASES

TODAY = date(2026, 1, 15)


def test_init_copies_the_installed_guideline_and_records_where_it_came_from(tmp_path: Path) -> None:
    done = init_guideline(target=tmp_path / "lapas")
    source = where_guideline()
    copied = {
        path.relative_to(source).as_posix(): path.read_bytes()
        for folder in ("playbooks", "templates")
        for path in (source / folder).rglob("*")
        if path.is_file()
    }
    assert done.upstream == UpstreamRecord("Pasopati", __version__, content_hash(copied))
    loaded, problems = load_yaml_file(done.root / "playbooks" / "guideline.yaml", "guideline.yaml")
    assert problems == [] and loaded is not None and isinstance(loaded.model, Guideline)
    upstream = loaded.model.upstream
    assert upstream is not None
    assert (upstream.name, upstream.version, upstream.hash) == ("Pasopati", __version__, done.upstream.hash)
    assert {".pre-commit-config.yaml", ".github/workflows/pedoman.yml", "README.md", "unit/unit.yaml"} <= set(
        done.files
    )
    assert done.to_fill == [".github/workflows/pedoman.yml", ".pre-commit-config.yaml", "unit/unit.yaml"]
    # every other file is the installed one, byte for byte
    assert all(
        (done.root / name).read_bytes() == data for name, data in copied.items() if name != "playbooks/guideline.yaml"
    )


def test_the_unit_profile_to_fill_loads_and_every_person_is_a_marked_placeholder(tmp_path: Path) -> None:
    done = init_guideline(target=tmp_path / "lapas")
    loaded, problems = load_yaml_file(done.root / "unit" / "unit.yaml", "unit.yaml")
    assert problems == [] and loaded is not None and isinstance(loaded.model, UnitProfile)
    profile = loaded.model
    example, _ = load_yaml_file(package_guideline_dir() / "examples" / "unit.yaml", "example.yaml")
    assert example is not None and isinstance(example.model, UnitProfile)
    assert set(profile.roster) == set(example.model.roster)  # the roles stay, the people go
    assert all(
        person.name.startswith("[[ISI: ") and person.title.startswith("[[ISI: ") for person in profile.roster.values()
    )
    assert (profile.unit.name, profile.unit.timezone) == ("[[ISI: nama / name]]", "WIB")
    assert profile.unit.about is not None and profile.unit.about.id.startswith("[[ISI: ")


def test_init_refuses_a_folder_with_anything_in_it_and_a_file(tmp_path: Path) -> None:
    (tmp_path / "lapas").mkdir()
    (tmp_path / "lapas" / ".git").mkdir()
    with pytest.raises(PasopatiError) as refused:
        init_guideline(target=tmp_path / "lapas")
    assert [p.code for p in refused.value.problems] == ["P126"]
    (tmp_path / "berkas").write_text("x")
    with pytest.raises(PasopatiError) as not_folder:
        init_guideline(target=tmp_path / "berkas", force=True)
    assert [p.code for p in not_folder.value.problems] == ["P408"]


def test_with_no_path_the_guideline_stood_in_is_checked_and_named(tmp_path: Path) -> None:
    root = tmp_path / "pedoman"
    shutil.copytree(CASES / "base", root)
    result = validate_guideline(paths=[], guideline=None, cwd=root / "templates" / "uji", today=TODAY)
    assert result.guidelines == [CheckedGuideline(root.resolve(), "Pedoman Uji", "0.1", bundled=False)]
    assert (result.problems, len(result.files)) == ([], 5)


def test_the_guideline_in_force_is_a_folder_given_then_the_option_then_the_one_stood_in_then_the_installed(
    tmp_path: Path,
) -> None:
    base, unit, option = CASES / "base", CASES / "unit.yaml", tmp_path / "lain"
    inside = base / "playbooks"
    assert guideline_in_force(paths=[unit, base], guideline=option, cwd=tmp_path) == base.resolve()
    assert guideline_in_force(paths=[unit, inside / "uji.yaml"], guideline=option, cwd=tmp_path) == base.resolve()
    assert guideline_in_force(paths=[unit], guideline=option, cwd=inside) == option
    assert guideline_in_force(paths=[unit], guideline=None, cwd=inside) == base.resolve()
    assert guideline_in_force(paths=[], guideline=None, cwd=tmp_path) == package_guideline_dir().resolve()


def test_a_profile_is_checked_against_the_folder_given_with_it(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text((CASES / "unit.yaml").read_text())
    strict = tmp_path / "ketat"  # the base guideline with one more core role, told at every level
    shutil.copytree(CASES / "base", strict)
    path = strict / "playbooks" / "guideline.yaml"
    path.write_text(path.read_text().replace("roles:\n", "roles:\n  - id: humas\n    title: {id: Humas, en: PR}\n"
                    "    scope: core\n    notify: {darurat: 30m}\n    channels: [telepon]\n", 1))  # fmt: skip
    clean = validate_guideline(paths=[unit, CASES / "base"], guideline=strict, cwd=tmp_path, today=TODAY)
    assert ([p.code for p in clean.problems], [g.root for g in clean.guidelines]) == ([], [(CASES / "base").resolve()])
    lacking = validate_guideline(paths=[unit, strict], guideline=None, cwd=tmp_path, today=TODAY)
    assert [(p.code, p.file, p.message("en")) for p in lacking.problems] == [
        ("P125", str(unit), "the roster names nobody for role 'humas', needed by every crisis type at level darurat")
    ]


def test_conflict_markers_include_diff3_bases_and_leave_markdown_underlines_alone() -> None:
    text = "Judul\n=======\n<<<<<<< HEAD\na\n||||||| base\nb\n=======\nc\n>>>>>>> upstream\n========\n"
    found = conflict_markers(text, "t.md")
    assert [(p.line, p.args["marker"]) for p in found] == [
        (3, "<<<<<<<"), (5, "|||||||"), (7, "======="), (9, ">>>>>>>"),
    ]  # fmt: skip


def test_the_upstream_record_replaces_an_earlier_one_and_keeps_every_other_line() -> None:
    text = "# catatan\nkind: guideline\nversion: '2'\nowner: x # pemilik\n"
    once = with_upstream(text, UpstreamRecord("Pasopati", "0.1.0", "sha256:" + "a" * 64))
    twice = with_upstream(once, UpstreamRecord("Pasopati", "0.2.0", "sha256:" + "b" * 64))
    assert twice == (
        "# catatan\nkind: guideline\nversion: '2'\n"
        "# Where this guideline started (written by `pasopati init`; an upgrade merges from it). Leave as is.\n"
        'upstream:\n  name: "Pasopati"\n  version: "0.2.0"\n  hash: sha256:' + "b" * 64 + "\n"
        "owner: x # pemilik\n"
    )


def test_the_roles_a_guideline_can_require_name_what_requires_them() -> None:
    bundle, _ = load_bundle(CASES / "base")
    assert bundle.guideline is not None
    needs = required_roles(bundle.guideline, bundle.crisis_types)
    assert {role: reasons[0][1] for role, reasons in needs.items()} == {
        "kalapas": "every crisis type at level waspada",
        "kakanwil": "every crisis type at level siaga",
        "polres": "crisis type 'uji' at level siaga",
    }
