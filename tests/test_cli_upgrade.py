"""Issue 14's "done when", through the commands only: a new unit inits its guideline, makes it its own,
validates it, takes an upstream release with a conflict, resolves it, and validates again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pasopati_cli import __version__, scaffold
from pasopati_cli.loader import package_guideline_dir
from tests.conftest import Run

KALAPAS = "notify: {waspada: 15m, siaga: 15m, darurat: 0m}"
CLOSING = "templates/kebakaran/closing.id.md"
THANKS = "**Terima kasih**"
LAST = "Dengan pernyataan ini, pembaruan berkala kami akhiri."
CONFLICT = (
    "playbooks/guideline.yaml:{line}:1: [error] P135 roles[id=kalapas].notify.siaga: merge conflict: the unit and "
    "upstream 0.2.0 both changed this, differently; keep the right text between the markers, then remove the markers"
)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def release(folder: Path, version: str) -> Path:
    """A later pasopati release as its repository holds it: the guideline folders and the package version."""
    for name in scaffold.GUIDELINE_FOLDERS:
        shutil.copytree(package_guideline_dir() / name, folder / name)
    (folder / "pasopati_cli").mkdir()
    (folder / "pasopati_cli" / "__init__.py").write_text(f'"""pasopati"""\n\n__version__ = "{version}"\n')
    return folder


def test_a_unit_inits_edits_validates_takes_a_release_with_a_conflict_resolves_it_and_validates(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "lapas").code == 0
    unit = tmp_path / "lapas"
    monkeypatch.chdir(unit)
    # the unit makes the guideline its own: a tighter deadline and its own wording in a template
    edit(unit / scaffold.GUIDELINE_FILE, KALAPAS, KALAPAS.replace("siaga: 15m", "siaga: 10m"))
    edit(unit / CLOSING, THANKS, "**Ucapan terima kasih**")
    assert run("validate", "--format", "parsable").code == 0
    # every path of the type the unit edited renders and passes the checks, unknown counts ("?") included;
    # one type keeps the suite fast (the whole guideline takes ~15 s)
    tested = run("test", "--type", "kebakaran", "--format", "json")
    assert tested.code == 0
    report = json.loads(tested.out)
    assert (report["ok"], report["guideline"]["root"], report["guideline"]["bundled"]) == (True, str(unit), False)
    assert [kind["crisis_type"] for kind in report["types"]] == ["kebakaran"]
    assert [problem for problem in report["problems"] if problem["severity"] == "error"] == []

    # upstream 0.2.0 moves the same deadline elsewhere and rewords another line of the same template
    newer = release(tmp_path / "pasopati-0.2.0", "0.2.0")
    edit(newer / scaffold.GUIDELINE_FILE, KALAPAS, KALAPAS.replace("siaga: 15m", "siaga: 20m"))
    edit(newer / CLOSING, LAST, "Dengan pernyataan ini, pembaruan berkala berakhir.")

    dry = run("upgrade", "--to", str(newer), "--dry-run", "--format", "json", "--lang", "en")
    planned = json.loads(dry.out)
    assert (dry.code, dry.err, planned["written"]) == (1, "", False)
    assert planned["changes"] == [
        {"file": "playbooks/guideline.yaml", "action": "conflict"},
        {"file": CLOSING, "action": "merged"},
    ]
    assert (planned["from"]["version"], planned["to"]["version"]) == (__version__, "0.2.0")
    assert "siaga: 10m" in (unit / scaffold.GUIDELINE_FILE).read_text(encoding="utf-8")  # nothing written

    taken = run("upgrade", "--to", str(newer), "--lang", "en")
    lines = (unit / scaffold.GUIDELINE_FILE).read_text(encoding="utf-8").splitlines()
    at = lines.index("<<<<<<< unit") + 1
    assert (taken.code, taken.out, taken.err) == (
        1,
        "  CONFLICT     playbooks/guideline.yaml\n"
        f"  merged       {CLOSING}\n"
        f"The guideline in . was upgraded from Pasopati {__version__} to Pasopati 0.2.0: files changed 2, "
        "conflicts 1.\n"
        "Resolve each conflict between the <<<<<<< and >>>>>>> markers, then check: pasopati validate .\n",
        CONFLICT.format(line=at) + "\n",
    )
    closing = (unit / CLOSING).read_text(encoding="utf-8")
    assert "**Ucapan terima kasih**" in closing and "pembaruan berkala berakhir." in closing
    blocked = run("validate", "--format", "parsable", "--lang", "en")
    assert blocked.code == 1
    assert (
        f"playbooks/guideline.yaml:{at}:1: [error] P120 git conflict marker '<<<<<<<' left in the file" in blocked.out
    )

    # the unit keeps upstream's deadline: the markers and its own line go
    resolved = [*lines[: at - 1], lines[at + 2], *lines[at + 4 :]]
    (unit / scaffold.GUIDELINE_FILE).write_text("\n".join(resolved) + "\n", encoding="utf-8")
    clean = run("validate", "--format", "parsable", "--lang", "en")
    assert (clean.code, clean.out, clean.err) == (0, "", f"Guideline checked: {unit} (Pasopati 1.0.0)\n")
    assert 'version: "0.2.0"' in (unit / scaffold.GUIDELINE_FILE).read_text(encoding="utf-8")
    again = run("upgrade", "--to", str(newer))
    assert (again.code, again.out) == (
        0,
        "Pedoman di . sudah berdasar Pasopati 0.2.0; tidak ada yang diubah.\n",
    )
