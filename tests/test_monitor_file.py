"""The monitoring file kind: loaded, validated and located like every other guideline file."""

from __future__ import annotations

from pathlib import Path

from pasopati_cli.loader import load_yaml_file
from pasopati_cli.model import Monitoring, UnitProfile
from tests.conftest import REPO, Run


def test_the_bundled_monitoring_file_loads_with_its_feeds_and_lexicon() -> None:
    loaded, problems = load_yaml_file(REPO / "playbooks" / "monitoring.yaml", "monitoring.yaml")
    assert problems == []
    assert loaded is not None and isinstance(loaded.model, Monitoring)
    monitoring = loaded.model
    assert {feed.scope for feed in monitoring.feeds} == {"nasional", "lokal"}
    assert all(feed.url.startswith("https://") and ".example" in feed.url for feed in monitoring.feeds)
    assert "kabur" in monitoring.sentiment.negatif and "prestasi" in monitoring.sentiment.positif
    assert monitoring.response_type == "berita_negatif"


def test_the_example_unit_names_its_aliases_and_officials() -> None:
    loaded, problems = load_yaml_file(REPO / "examples" / "unit.yaml", "unit.yaml")
    assert problems == [] and loaded is not None and isinstance(loaded.model, UnitProfile)
    assert "LP Contoh" in loaded.model.aliases and "Hendra Wijaya" in loaded.model.officials


def _copy(root: Path, response_type: str = "uji") -> Path:
    """The bundled monitoring file inside the small test guideline (whose types are not the default's)."""
    text = (REPO / "playbooks" / "monitoring.yaml").read_text(encoding="utf-8")
    target = root / "playbooks" / "monitoring.yaml"
    target.write_text(
        text.replace("response_type: berita_negatif", f"response_type: {response_type}"), encoding="utf-8"
    )
    return root


def test_a_bad_scope_is_located(run: Run, guideline: Path) -> None:
    path = _copy(guideline) / "playbooks" / "monitoring.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    scope: lokal\n    every: 15m", "    scope: provinsi\n    every: 15m", 1))
    result = run("validate", str(path), "--format", "parsable")
    assert result.code == 1
    assert ":26:12: [error] P104 feeds[2].scope: nilai tidak sah" in result.out


def test_two_feeds_with_one_address_are_refused(run: Run, guideline: Path) -> None:
    path = _copy(guideline) / "playbooks" / "monitoring.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "https://kabarhukum.example/feed/hukum-kriminal", "https://www.wartanusantara.example/rss/nasional"
        )
    )
    result = run("validate", str(path), "--format", "parsable", "--lang", "en")
    assert result.code == 1
    assert "P104 feeds:" in result.out and "same url 'https://www.wartanusantara.example/rss/nasional'" in result.out


def test_a_response_type_that_is_not_a_playbook_is_an_unknown_reference(run: Run, guideline: Path) -> None:
    assert run("validate", str(_copy(guideline)), "--format", "parsable").code == 0
    root = _copy(guideline, "hoaks")
    result = run("validate", str(root), "--format", "parsable")
    assert result.code == 1
    assert (
        result.out
        == "playbooks/monitoring.yaml:11:16: [error] P201 response_type: jenis krisis 'hoaks' tidak dikenal (uji)\n"
    )
