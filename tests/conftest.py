"""Shared fixtures: a small guideline tree per test, and the CLI run the way a user runs it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pasopati_cli.cli import build_app

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Indonesian by default, no CI detection, a fixed terminal width, a journal of the test's own:
    outputs can be asserted exactly and no test writes outside its temporary folders."""
    for name in (
        "LANG",
        "LC_ALL",
        "PASOPATI_LANG",
        "PASOPATI_GUIDELINE",
        "PASOPATI_UNIT",
        "GITHUB_ACTIONS",
        "PASOPATI_JOURNAL_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PASOPATI_JOURNAL", str(tmp_path_factory.mktemp("jurnal") / "journal.sqlite3"))
    monkeypatch.setenv("PASOPATI_OPERATOR", "Petugas Uji")
    monkeypatch.setenv("PASOPATI_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    # Anything that falls back to the user's folders (and every process a test starts) stays in tmp too.
    home = tmp_path_factory.getbasetemp() / "home"
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (
        ("CONFIG", ".config"),
        ("CACHE", ".cache"),
        ("DATA", ".local/share"),
        ("STATE", ".local/state"),
    ):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / folder))


PROCESS_ENVIRONMENT = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "PASOPATI_CACHE")


def process_environment(journal: Path, **extra: str) -> dict[str, str]:
    """The whole environment of a process a test starts: its own journal, and HOME, the XDG folders and the
    cache in the session's temporary folder (never the user's)."""
    kept = {name: os.environ[name] for name in PROCESS_ENVIRONMENT}
    return {"PATH": "/usr/bin:/bin", **kept, "PASOPATI_JOURNAL": str(journal), "PASOPATI_OPERATOR": "Petugas Uji",
            **extra}  # fmt: skip


@pytest.fixture
def guideline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of tests/cases/base in a temporary folder, which is also the working directory."""
    root = tmp_path / "pedoman"
    shutil.copytree(CASES / "base", root)
    monkeypatch.chdir(root)
    yield root


def overlay(root: Path, case: Path) -> None:
    """Lay a case's files over a guideline copy; `delete.txt` lists base files to remove."""
    for source in case.rglob("*"):
        relative = source.relative_to(case)
        if source.is_dir() or relative.name in ("expected.txt", "delete.txt"):
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    deletions = case / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text().split():
            (root / line).unlink()


class Run:
    """Invoke the CLI in-process and keep stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        # As `pasopati` runs: only the command the arguments name is built (the whole app costs ~0.1 s).
        result = self.runner.invoke(build_app(list(args)), list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def run() -> Run:
    return Run()
