"""Inputs as layers: precedence is the order of the layers, and every use case module is free of the terminal."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import pasopati_cli.app
from pasopati_cli.app.inputs import UsageError, gather
from pasopati_cli.app.walk import save_answers


def test_flags_win_over_the_vars_file_over_the_answers_file_over_the_journal(tmp_path: Path) -> None:
    answers = tmp_path / "jawaban.yaml"
    answers.write_text("kind: answers\ncrisis_type: uji\nanswers: {ada_luka: tidak, skala: satu_kamar}\n"
                       "facts: {lokasi: gudang, waktu: '14:00', sumber: berkas}\nstart: '2025-11-26 14:05'\n")  # fmt: skip
    facts = tmp_path / "isian.yaml"
    facts.write_text("lokasi: dapur\nwaktu: '14:10'\n")
    inputs = gather(answer=["ada_luka=ya"], answers_file=answers, sets=["lokasi=aula"], vars_file=facts)
    inputs.from_journal({"skala": "satu_blok", "jumlah_luka": 2}, {"saksi": "jurnal"})
    assert dict(inputs.answers) == {"ada_luka": "ya", "skala": "satu_kamar", "jumlah_luka": 2}
    assert dict(inputs.facts) == {"lokasi": "aula", "waktu": "14:10", "sumber": "berkas", "saksi": "jurnal"}
    assert (inputs.source("answers"), inputs.source("facts")) == (None, None)  # flags: no file to name
    assert inputs.flagged == {"lokasi"} and inputs.setting("crisis_type") == "uji"


def test_problems_name_the_highest_file_given(tmp_path: Path) -> None:
    answers = tmp_path / "jawaban.yaml"
    answers.write_text("kind: answers\ncrisis_type: uji\nanswers: {}\n")
    facts = tmp_path / "isian.yaml"
    facts.write_text("lokasi: dapur\n")
    inputs = gather(answers_file=answers, vars_file=facts)
    assert (Path(inputs.source("answers") or "").name, Path(inputs.source("facts") or "").name) == (
        "jawaban.yaml",
        "isian.yaml",
    )


def test_a_fact_typed_again_is_no_longer_taken_from_below() -> None:
    inputs = gather(sets=["lokasi=aula", "waktu=14:10"])
    inputs.retype("lokasi", {"lokasi": "aula", "waktu": "14:10"})
    assert dict(inputs.facts) == {"waktu": "14:10"}
    inputs.typed.facts["lokasi"] = "dapur"
    assert inputs.facts["lokasi"] == "dapur"


def test_misused_flags_are_usage_errors() -> None:
    with pytest.raises(UsageError) as pair:
        gather(answer=["ada_luka"])
    assert pair.value.flag == "--answer"
    with pytest.raises(UsageError) as reason:
        gather(raise_to="darurat")
    assert reason.value.flag == "--reason"


def test_an_answers_file_is_written_by_one_writer_and_read_back(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from pasopati_cli.model import CrisisType

    crisis = CrisisType.model_construct(id="uji")
    moment = datetime(2025, 11, 26, 6, 5, tzinfo=timezone.utc)
    save_answers(tmp_path / "a.yaml", crisis, {"ada_luka": True}, {"waktu": moment, "kosong": None}, None, moment,
                 "Rina")  # fmt: skip
    inputs = gather(answers_file=tmp_path / "a.yaml")
    assert dict(inputs.facts) == {"waktu": "2025-11-26T06:05:00+00:00"}
    assert inputs.setting("operator") == "Rina"


def test_no_use_case_module_imports_typer_or_rich() -> None:
    names = [f"pasopati_cli.app.{found.name}" for found in pkgutil.iter_modules(pasopati_cli.app.__path__)]
    assert "pasopati_cli.app.response" in names
    script = "import sys\n" + "".join(f"import {name}\n" for name in names)
    script += "assert 'typer' not in sys.modules and 'rich' not in sys.modules, sorted(sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
