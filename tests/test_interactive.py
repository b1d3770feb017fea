"""The real interactive walk in a pseudo-terminal, as an officer types it (pexpect)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from tests.conftest import CASES, process_environment

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    env = process_environment(
        cwd / "journal.sqlite3", COLUMNS="120", LINES="50", TERM="dumb", NO_COLOR="1", PYTHONIOENCODING="utf-8"
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pasopati_cli", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
    )
    return child


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pasopati without a terminal, on the test's own journal."""
    env = process_environment(tmp_path / "journal.sqlite3")
    return subprocess.run([sys.executable, "-m", "pasopati_cli", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_respond_walks_from_the_first_prompt_to_the_written_statement(guideline: Path, tmp_path: Path) -> None:
    out = tmp_path / "keluaran"
    child = spawn(
        [
            "respond",
            "--guideline",
            str(guideline),
            "--unit",
            str(CASES / "unit.yaml"),
            "--start",
            "2025-11-26 14:05",
            "--output",
            str(out),
        ],
        tmp_path,
    )
    child.expect("ceritakan singkat apa yang terjadi")
    child.sendline("ada uji coba di dapur")
    child.expect(r"Dugaan jenis kejadian: Kejadian uji \(uji\)\. Benar\?")
    child.sendline("")
    child.expect("Nama lengkap orang yang terlibat")
    child.sendline("")  # nobody to keep out of the statements
    child.expect(r"\[1\] Ada korban luka\?")
    child.sendline("ya")
    child.expect(r"\[2\] Berapa orang luka\?")
    child.sendline("banyak")
    child.expect("Jawaban tidak sah: jawab dengan jumlah: 49 \\(pasti\\)")
    child.sendline("<")  # back to the previous question, its answer offered as the default
    child.expect(r"\[1\] Ada korban luka\? \(ya/tidak\) \[ya\]")
    child.sendline("tidak")
    child.expect(r"\[2\] Seberapa luas\?")  # the second question answered: jumlah was skipped
    child.sendline("2")
    child.expect("Ringkasan jawaban")
    child.expect("Tingkat: SIAGA")
    child.expect(r"Lanjut\?")
    child.sendline("ya")
    child.expect(r"Naikkan tingkat secara manual\?")
    child.sendline("")
    child.expect("14.20 WITA")
    child.expect(r"Di mana\?")
    child.sendline("area dapur")
    child.expect("Tinjau pernyataan sebelum disimpan")
    child.expect(r"Simpan pernyataan ini\?")
    child.sendline("ya")
    child.expect("Pernyataan ditulis ke")
    child.expect("paling lambat 14.20 WITA")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = out / "uji-holding-20251126-1405.id.md"
    assert (
        "Lapas Kelas IIA Uji mengetahui adanya kejadian di area dapur pada Rabu, 26 November 2025, 14.05 WITA."
        in written.read_text()
    )


def test_ctrl_c_keeps_the_answers_and_exits_130(guideline: Path, tmp_path: Path) -> None:
    child = spawn(["triage", "uji", "--guideline", str(guideline)], tmp_path)
    child.expect(r"\[1\] Ada korban luka\?")
    child.sendline("ya")
    child.expect(r"\[2\] Berapa orang luka\?")
    child.sendintr()
    child.expect("Jawaban sejauh ini disimpan di")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = list(tmp_path.glob("pasopati-uji-*.answers.yaml"))
    assert len(saved) == 1
    assert yaml.safe_load(saved[0].read_text()) == {
        "kind": "answers",
        "crisis_type": "uji",
        "answers": {"ada_luka": True},
    }


def test_a_killed_walk_keeps_every_confirmed_answer_and_resumes(guideline: Path, tmp_path: Path) -> None:
    import json
    import signal

    child = spawn(["respond", "uji", "--guideline", str(guideline), "--unit", str(CASES / "unit.yaml")], tmp_path)
    child.expect(r"Kapan kejadian ini dimulai atau pertama kali diketahui\?")
    child.sendline("")  # Enter: it began now
    child.expect("Nama lengkap orang yang terlibat")
    child.sendline("")
    child.expect(r"\[1\] Ada korban luka\?")
    child.sendline("ya")
    child.expect(r"\[2\] Berapa orang luka\?")
    child.sendline("4")
    child.expect(r"\[3\] Seberapa luas\?")
    child.kill(signal.SIGKILL)
    child.close()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run(tmp_path, *args)

    assert cli("incident", "verify").returncode == 0
    listed = json.loads(cli("incident", "list", "--format", "json").stdout)
    assert len(listed) == 1
    incident = listed[0]["id"]
    shown = json.loads(cli("incident", "show", incident, "--format", "json").stdout)
    assert shown["answers"] == {"ada_luka": True, "jumlah_luka": 4}
    resumed = spawn(
        ["incident", "resume", incident, "--guideline", str(guideline), "--output", str(tmp_path)], tmp_path
    )
    resumed.expect(r"\[3\] Seberapa luas\?")
    resumed.sendline("1")
    resumed.expect(r"Lanjut\?")
    resumed.sendline("")
    resumed.expect(r"Naikkan tingkat")
    resumed.sendline("")
    resumed.expect(r"Di mana\?")
    resumed.sendline("area dapur")
    resumed.expect(r"Simpan pernyataan ini\?")
    resumed.sendline("")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    final = json.loads(cli("incident", "show", incident, "--format", "json").stdout)
    assert final["level"] == "siaga" and [s["id"] for s in final["statements"]] == ["S1"]


def test_ctrl_d_stops_like_ctrl_c_and_names_the_one_command_that_continues(guideline: Path, tmp_path: Path) -> None:
    import json
    import re

    child = spawn(
        ["respond", "uji", "--guideline", str(guideline), "--unit", str(CASES / "unit.yaml"), "--start", "14.05"],
        tmp_path,
    )
    child.expect("Nama lengkap orang yang terlibat")
    child.sendline("")
    child.expect(r"\[1\] Ada korban luka\?")
    child.sendline("tidak")
    child.expect(r"\[2\] Seberapa luas\?")
    child.sendline("1")
    child.expect(r"Lanjut\?")
    child.sendline("")
    child.expect(r"Naikkan tingkat")
    child.sendline("")
    child.expect(r"Di mana\?")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    said = " ".join((child.before or "").split())
    found = re.search(r"lanjutkan dengan: pasopati incident resume (\S+) --answers (\S+\.answers\.yaml)", said)
    assert found, said
    incident, saved = found.groups()
    resumed = run(tmp_path, "incident", "resume", incident, "--answers", saved, "--set", "lokasi=area dapur",
                  "--guideline", str(guideline), "--output", str(tmp_path), "--non-interactive")  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    listed = run(tmp_path, "incident", "list", "--format", "json")
    assert [row["id"] for row in json.loads(listed.stdout)] == [incident]  # resumed, not opened again


def test_raising_and_editing_say_what_fits_instead_of_asking_again_in_silence(guideline: Path, tmp_path: Path) -> None:
    child = spawn(
        ["respond", "uji", "--guideline", str(guideline), "--unit", str(CASES / "unit.yaml"), "--start", "14.05",
         "--output", str(tmp_path), "--lang", "en"],
        tmp_path,
    )  # fmt: skip
    child.expect("Full names of the people involved")
    child.sendline("")
    child.expect(r"\[1\] ")
    child.sendline("no")
    child.expect(r"\[2\] ")
    child.sendline("1")
    child.expect(r"Continue\?")
    child.sendline("10")
    child.expect(r"Invalid answer: answer yes, cancel, or the number of an answer to change \(1 to 2\)")
    child.sendline("")
    child.expect(r"Raise the level by hand\?")
    child.sendline("yes")
    child.expect(r"Raise to level \(1 Standby, 2 Emergency\)")
    child.sendline("merah")
    child.expect(r"Invalid answer: choose one of: 1 Standby, 2 Emergency")
    child.sendline("emergency")  # the title in the chosen language, as the summary shows it
    child.expect(r"Reason for raising the level")
    child.sendline("")
    child.expect(r"Invalid answer: a reason is required; it goes into the journal")
    child.sendline("media nasional")
    child.expect(r"EMERGENCY")
    child.expect(r"Where\?")
    child.sendline("area dapur")
    child.expect(r"Save this statement\?")
    child.sendline("simpan dong")
    child.expect(r"Invalid answer: answer yes, edit or cancel")
    child.sendline("edit")
    child.expect(r"1\. lokasi = area dapur")
    child.expect(r"Which fact to change")
    child.sendline("9")
    child.expect(r"Invalid answer: choose a number from 1 to 1 or a fact's name")
    child.sendline("1")
    child.expect(r"Where\?")
    child.sendline("area aula")
    child.expect(r"Save this statement\?")
    child.sendline("yes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = next(tmp_path.glob("uji-holding-*.en.md")).read_text()
    assert "area aula" in written and "area dapur" not in written


def test_raise_asks_for_the_reason_until_one_is_given(guideline: Path, tmp_path: Path) -> None:
    import json

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run(tmp_path, *args)

    opened = cli("incident", "open", "uji", "--guideline", str(guideline), "--unit", str(CASES / "unit.yaml"),
                 "--answer", "ada_luka=tidak", "--answer", "skala=satu_kamar", "--set", "lokasi=dapur",
                 "--output", str(tmp_path), "--format", "json")  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    incident = json.loads(opened.stdout)["id"]
    child = spawn(["incident", "raise", incident, "siaga", "--guideline", str(guideline)], tmp_path)
    child.expect("Alasan menaikkan tingkat: ")
    child.sendline("  ")  # a blank reason is asked again
    child.expect("Alasan menaikkan tingkat: ")
    child.sendline("satu blok terdampak")
    child.expect(f"Insiden {incident}: tingkat dinaikkan dari Waspada ke Siaga oleh Petugas Uji. "
                 "Alasan: satu blok terdampak")  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = json.loads(cli("incident", "show", incident, "--format", "json").stdout)
    assert [(c["level"], c["reasons"]) for c in shown["levels"]] == [
        ("waspada", []),
        ("siaga", ["satu blok terdampak"]),
    ]


def test_a_later_statement_is_shown_for_review_before_it_is_recorded(guideline: Path, tmp_path: Path) -> None:
    import json

    opened = run(tmp_path, "incident", "open", "uji", "--guideline", str(guideline), "--unit",
                 str(CASES / "unit.yaml"), "--start", "14.05", "--answer", "ada_luka=tidak", "--answer",
                 "skala=satu_kamar", "--set", "lokasi=area dapur", "--output", str(tmp_path), "--format", "json")  # fmt: skip
    incident = json.loads(opened.stdout)["id"]
    child = spawn(["incident", "statement", incident, "holding", "--guideline", str(guideline)], tmp_path)
    child.expect(r"Tinjau pernyataan sebelum disimpan")
    child.expect(r"Simpan pernyataan ini\?")
    child.sendline("ubah")
    child.expect(r"1\. lokasi = area dapur")
    child.sendline("1")
    child.expect(r"Di mana\?")
    child.sendline("area aula")
    child.expect(r"Simpan pernyataan ini\?")
    child.sendline("ya")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown = run(tmp_path, "incident", "show", incident, "--format", "json")
    assert [s["id"] for s in json.loads(shown.stdout)["statements"]] == ["S1", "S2"]
