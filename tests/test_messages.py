"""Messages a unit's officer can act on (issue 14.5): in the chosen language only, naming the mistake by
its kind and the fix. The golden cases (tests/cases/invalid) hold the English; these tests hold the
Indonesian, where library English used to leak through."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import Run


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, lambda _: replacement, text, count=1, flags=re.M)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def test_schema_mistakes_read_in_indonesian_with_the_likely_fix(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/guideline.yaml", r"notify: \{siaga: 1h", "notify: {siaga: 1 jam")
    _edit(guideline / "playbooks/guideline.yaml", r"scope: partner", "scope: partnr")
    _edit(guideline / "playbooks/uji.yaml", r"^      raises_to:", "      raise_to:")
    _edit(guideline / "playbooks/uji.yaml", r"type: choice", "type: choise")
    _edit(guideline / "playbooks/uji.yaml", r"due: 30m", "due: 30")
    result = run("validate", ".", "--format", "parsable")
    assert result.code == 1
    assert result.out == (
        "playbooks/guideline.yaml:25:21: [error] P104 roles[1].notify.siaga: nilai tidak sah: '1 jam' bukan durasi "
        "seperti '15m', '2h', '1h30m' atau '1d' (m menit, h jam, d hari)\n"
        "playbooks/guideline.yaml:29:12: [error] P104 roles[2].scope: nilai tidak sah: harus salah satu dari 'core' "
        "atau 'partner'; maksud Anda 'partner'?\n"
        "playbooks/uji.yaml:12:7: [error] P101 triage.questions[0].raise_to: kunci tidak dikenal 'raise_to'; "
        "maksud Anda 'raises_to'?\n"
        "playbooks/uji.yaml:25:13: [error] P104 triage.questions[2].type: nilai tidak sah: jenis 'choise' tidak "
        "dikenal; pilih 'yes_no', 'choice', 'number'; maksud Anda 'choice'?\n"
        "playbooks/uji.yaml:43:10: [error] P104 actions[0].due: nilai tidak sah: durasi perlu satuan: tulis '30m' "
        "(menit) atau '30h' (jam)\n"
    )


def test_yaml_mistakes_read_in_indonesian(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/uji.yaml", r"^summary: .*", "summary: Catatan: kejadian uji")
    _edit(guideline / "playbooks/guideline.yaml", r"^owner: .*", "owner: 'Tim Uji")
    out = run("validate", ".", "--format", "parsable").out
    assert out == (
        "playbooks/guideline.yaml:4:8: [error] P023 ''' yang dibuka di sini tidak pernah ditutup; tambahkan ''' di "
        "akhir nilainya (bila ada koma atau titik dua di dalam teks, beri tanda kutip pada teks itu)\n"
        "playbooks/uji.yaml:4:17: [error] P022 karakter ':' di sini dibaca sebagai tanda YAML, bukan bagian teks; "
        'beri tanda kutip pada seluruh teksnya, misalnya "Pukul 14.00: api padam"\n'
    )


def test_a_template_mistake_reads_in_indonesian(guideline: Path, run: Run) -> None:
    _edit(guideline / "templates/uji/holding.id.md", r"\{\{ lokasi \}\}", "{{ lokasi }")
    out = run("validate", ".", "--format", "parsable").out
    assert out == (
        "templates/uji/holding.id.md:10: [error] P301 sintaks Jinja salah: tanda '}' tidak terduga; periksa "
        "pasangan '{{ }}', '{% %}' dan tanda kurung\n"
    )


def test_a_crisis_type_defined_twice_names_the_file_of_the_first(guideline: Path, run: Run) -> None:
    shutil.copyfile(guideline / "playbooks/uji.yaml", guideline / "playbooks/uji_salinan.yaml")
    out = run("validate", ".", "--format", "parsable").out
    assert (
        "playbooks/uji_salinan.yaml:2:5: [error] P202 id: id 'uji' dipakai dua kali (pertama di playbooks/uji.yaml)\n"
        in out
    )


def test_a_repeated_question_names_the_line_of_the_first_in_indonesian(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/uji.yaml", r"- id: skala", "- id: ada_luka")
    out = run("validate", ".", "--format", "parsable").out
    assert (
        "playbooks/uji.yaml:24:11: [error] P202 triage.questions[2].id: id 'ada_luka' dipakai dua kali (pertama di baris 9)\n"
        in out
    )


def test_answers_and_levels_typed_at_the_command_line_get_the_nearest_name(guideline: Path, run: Run) -> None:
    result = run("triage", "uji", "-a", "skala=satu_blokk", "-a", "ada_lukaa=ya", "--lang", "en", "-g", str(guideline))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "error: P402 answer 'skala' is invalid: choose one of: satu_kamar, satu_blok (or its number); "
        "did you mean 'satu_blok'?\n"
        "error: P201 unknown question 'ada_lukaa'; did you mean 'ada_luka'? (ada_luka, jumlah_luka, skala)\n"
    )
    raised = run("triage", "uji", "-a", "skala=satu_blok", "-a", "ada_luka=tidak", "--raise-to", "siagaa",
                 "--reason", "x", "-g", str(guideline))  # fmt: skip
    assert raised.code == 1
    assert raised.err == "galat: P201 tingkat 'siagaa' tidak dikenal; maksud Anda 'siaga'? (waspada, siaga, darurat)\n"


def test_a_misspelt_crisis_type_gets_the_nearest(guideline: Path, run: Run) -> None:
    result = run("triage", "ujii", "-g", str(guideline), "--lang", "en")
    assert (result.code, result.err) == (1, "error: P201 unknown crisis type 'ujii'; did you mean 'uji'? (uji)\n")


def test_a_misspelt_time_zone_gets_the_nearest(guideline: Path, run: Run, tmp_path: Path) -> None:
    from tests.conftest import CASES

    unit = tmp_path / "unit.yaml"
    unit.write_text((CASES / "unit.yaml").read_text().replace("timezone: WITA", "timezone: Asia/Jakrta"))
    out = run("validate", str(unit), "--format", "parsable", "--lang", "en", "-g", str(guideline)).out
    assert out == (
        f"{unit}:7:13: [error] P104 unit.timezone: invalid value: unknown time zone 'Asia/Jakrta'; use WIB, WITA, "
        "WIT or an IANA name; did you mean 'Asia/Jakarta'?\n"
    )
