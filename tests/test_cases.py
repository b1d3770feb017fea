"""Golden cases: each folder under tests/cases/invalid is a guideline with one kind of mistake,
laid over tests/cases/base; `expected.txt` is exactly what `validate --format parsable` must print.

Set PASOPATI_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change (then review the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CASES, Run, overlay

INVALID = sorted(path for path in (CASES / "invalid").iterdir() if path.is_dir())


def test_the_base_guideline_is_clean(guideline: Path, run: Run) -> None:
    result = run("validate", ".", "--format", "parsable", "--strict")
    assert (result.code, result.out) == (0, "")
    assert result.err == f"Pedoman yang diperiksa: {guideline} (Pedoman Uji 0.1)\n"


@pytest.mark.parametrize("case", INVALID, ids=[path.name for path in INVALID])
def test_invalid_case_reports_exactly_its_problems(case: Path, guideline: Path, run: Run) -> None:
    overlay(guideline, case)
    result = run("validate", ".", "--format", "parsable", "--lang", "en")
    expected_file = case / "expected.txt"
    if os.environ.get("PASOPATI_UPDATE_GOLDEN"):
        expected_file.write_text(result.out)
    expected = expected_file.read_text()
    errors = [line for line in expected.splitlines() if "[error]" in line]
    assert result.out == expected
    assert result.code == (1 if errors else 0)
    assert result.err.startswith(f"Guideline checked: {guideline}") and result.err.count("\n") == 1
