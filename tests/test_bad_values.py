"""Values that YAML reads but that cannot be what they claim (issue 16, the attack campaign): each is one
located problem with its code, line and column, and exit 1 - never an internal error (exit 3).

The same cases are replayed by the fuzz test (tests/test_fuzz.py) from tests/fuzz_corpus/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, Run

BIG = "9" * 5000
ANSWERS = "kind: answers\ncrisis_type: uji\nstart: 2025-11-26T14:05:00+08:00\nanswers:\n  ada_luka: false\n  skala: satu_kamar\n"

# (case id, file, text replaced (regex, first match), replacement, (code, line, column))
CASES_IN_FILES = [
    ("impossible-day", "playbooks/guideline.yaml", r"review_by: .*", "review_by: 2027-02-30", ("P016", 5, 12)),
    ("year-zero", "playbooks/guideline.yaml", r"review_by: .*", "review_by: 0000-01-01", ("P016", 5, 12)),
    ("month-13", "playbooks/guideline.yaml", r"review_by: .*", "review_by: 2027-13-01", ("P016", 5, 12)),
    ("hour-25", "playbooks/guideline.yaml", r"review_by: .*", "review_by: 2027-01-01 25:00:00", ("P016", 5, 12)),
    (
        "offset-99",
        "playbooks/guideline.yaml",
        r"review_by: .*",
        "review_by: 2027-01-01T10:00:00+99:99",
        ("P016", 5, 12),
    ),
    ("float-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [!!float abc]", ("P018", 5, 12)),
    ("int-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [uji, !!int abc]", ("P018", 5, 17)),
    ("timestamp-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [!!timestamp abc]", ("P018", 5, 12)),
    ("bool-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [!!bool abc]", ("P018", 5, 12)),
    ("empty-int-tag", "playbooks/uji.yaml", r"base_level: .*", "base_level: !!int", ("P018", 6, 13)),
    ("binary-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [!!binary abc]", ("P018", 5, 12)),
    ("local-tag", "playbooks/uji.yaml", r"keywords: .*", "keywords: [!rahasia abc]", ("P018", 5, 12)),
    ("huge-integer", "playbooks/uji.yaml", r"at_least: 10", f"at_least: {BIG}", ("P017", 20, 21)),
    ("huge-hex-integer", "playbooks/uji.yaml", r"at_least: 10", "at_least: 0x" + "f" * 4000, ("P017", 20, 21)),
    ("kind-as-list", "playbooks/uji.yaml", r"kind: crisis-type", "kind: [crisis-type]", ("P010", 1, 7)),
    ("kind-as-mapping", "playbooks/uji.yaml", r"kind: crisis-type", "kind: {type: crisis-type}", ("P010", 1, 7)),
    ("control-character", "playbooks/uji.yaml", r"keywords: \[uji", "keywords: [u\x07ji", ("P019", 5, 13)),
    ("template-date", "templates/uji/holding.id.md", r"title: .*", "title: !!timestamp 2027-02-30", ("P016", 2, 8)),
    ("template-int", "templates/uji/holding.id.md", r"example: .*", "example: !!int abc", ("P018", 6, 14)),
    ("template-kind", "templates/uji/holding.id.md", r"title: .*", f"title: {BIG}", ("P017", 2, 8)),
]


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, lambda _: replacement, text, count=1)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def _located(output: str) -> list[tuple[str, int, int]]:
    found = re.findall(r"^\S+?:(\d+):(\d+): \[error\] (P\d{3}) ", output, flags=re.M)
    return [(code, int(line), int(column)) for line, column, code in found]


@pytest.mark.parametrize(
    ("file", "pattern", "replacement", "expected"),
    [case[1:] for case in CASES_IN_FILES],
    ids=[case[0] for case in CASES_IN_FILES],
)
def test_a_bad_value_in_a_guideline_file_is_located(
    guideline: Path, run: Run, file: str, pattern: str, replacement: str, expected: tuple[str, int, int]
) -> None:
    _edit(guideline / file, pattern, replacement)
    result = run("validate", ".", "--format", "parsable", "--lang", "en")
    # The guideline checked is named, with its name and version when its own file could be read.
    named = (f"Guideline checked: {guideline}\n", f"Guideline checked: {guideline} (Pedoman Uji 0.1)\n")
    assert (result.code, _located(result.out), result.err in named) == (1, [expected], True)
    assert f"{file}:{expected[1]}:{expected[2]}: [error] {expected[0]}" in result.out


def test_the_largest_integer_python_can_print_is_still_a_number(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/uji.yaml", r"at_least: 10", "at_least: " + "9" * 4300)
    assert run("validate", ".", "--format", "parsable").code == 0


def test_the_messages_name_the_fix_in_both_languages(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/guideline.yaml", r"review_by: .*", "review_by: 2027-02-30")
    english = run("validate", ".", "--format", "parsable", "--lang", "en").out
    indonesian = run("validate", ".", "--format", "parsable").out
    assert english == (
        "playbooks/guideline.yaml:5:12: [error] P016 date/time '2027-02-30' does not exist: 2027-02 has days 1 to "
        "28 only; write a real date (YYYY-MM-DD, time HH:MM:SS, offset such as +07:00), or quote it if it is "
        "meant as text\n"
    )
    assert indonesian == (
        "playbooks/guideline.yaml:5:12: [error] P016 tanggal/jam '2027-02-30' tidak ada: bulan 02/2027 hanya punya "
        "tanggal 1 sampai 28; tulis tanggal yang ada (YYYY-MM-DD, jam HH:MM:SS, zona seperti +07:00), atau beri "
        "tanda kutip bila maksudnya teks\n"
    )


def test_a_huge_number_is_shown_by_its_length_not_its_digits(guideline: Path, run: Run) -> None:
    _edit(guideline / "playbooks/uji.yaml", r"at_least: 10", f"at_least: {BIG}")
    out = run("validate", ".", "--format", "parsable", "--lang", "en").out
    assert out == (
        "playbooks/uji.yaml:20:21: [error] P017 a number with 5000 digits is too long (the limit is 4300); "
        "quote it if it is meant as text\n"
    )


# --- answers and unit profiles, through the command that reads them -------------------------------

HEAD = "kind: answers\ncrisis_type: uji\n"
RESPONSE_CASES = [
    ("answers-latest-moment", HEAD + "start: 9999-12-31T23:59:59-12:00\n", ("P016", 3, 8)),
    ("answers-earliest-moment", HEAD + "start: 0001-01-01T00:00:00+14:00\n", ("P016", 3, 8)),
    ("answers-impossible-day", HEAD + "start: 2027-02-30\n", ("P016", 3, 8)),
    ("answers-offset-99", HEAD + "start: 2026-01-01T10:00:00+99:99\n", ("P016", 3, 8)),
    ("answers-fact-at-the-edge", HEAD + "facts: {waktu: 9999-12-31T23:59:59-12:00}\n", ("P016", 3, 16)),
    ("answers-huge-integer", HEAD + f"answers: {{jumlah_luka: {BIG}}}\n", ("P017", 3, 24)),
    ("answers-kind-as-list", ANSWERS.replace("kind: answers", "kind: [answers]"), ("P010", 1, 7)),
]


@pytest.fixture
def respond(guideline: Path, run: Run, tmp_path: Path):
    def call(answers: str, *flags: str):
        (guideline / "jawaban.yaml").write_text(answers, encoding="utf-8")
        return run("respond", "uji", "--unit", str(guideline / "unit.yaml"), "--answers", "jawaban.yaml",
                   "--non-interactive", "--format", "json", "--output", str(tmp_path / "keluaran"),
                   "--guideline", str(guideline), "--lang", "en", *flags)  # fmt: skip

    shutil.copyfile(CASES / "unit.yaml", guideline / "unit.yaml")
    return call


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in RESPONSE_CASES], ids=[c[0] for c in RESPONSE_CASES]
)
def test_a_bad_value_in_an_answers_file_is_located(respond, text: str, expected: tuple[str, int, int]) -> None:
    result = respond(text)
    assert (result.code, result.out, _located(result.err)) == (1, "", [expected])


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [("timezone: !!timestamp 2027-02-30", ("P016", 7, 13)), ("kind: {a: b}", ("P010", 1, 7))],
    ids=["impossible-day", "kind-as-mapping"],
)
def test_a_bad_value_in_a_unit_profile_is_located(respond, guideline: Path, replacement: str, expected) -> None:
    _edit(guideline / "unit.yaml", replacement.split(":")[0] + r": .*", replacement)
    result = respond(ANSWERS)
    assert (result.code, result.out, _located(result.err)) == (1, "", [expected])


# --- --start and --at ---------------------------------------------------------------------------------

OUTSIDE = "outside the years 0001-9999 once its offset is applied"
MOMENTS = {
    "9999-12-31T23:59:59-12:00": OUTSIDE,
    "0001-01-01T00:00:00+14:00": OUTSIDE,
    "2026-02-30T10:00": "2026-02 has days 1 to 28 only",
    "2026-01-01T10:00+99:99": "the offset must lie between -12:00 and +14:00 (WIB +07:00, WITA +08:00, WIT +09:00)",
    "2026-13-01 10:00": "there is no month 13 (1 to 12)",
    "0000-01-01 10:00": "there is no year 0000; years start at 0001",
    "30/02/2026 10.00": "2026-02 has days 1 to 28 only",
}


@pytest.mark.parametrize(("moment", "reason"), MOMENTS.items(), ids=list(MOMENTS))
def test_an_impossible_start_is_refused_by_its_flag_with_the_reason(respond, moment: str, reason: str) -> None:
    result = respond(ANSWERS.replace("start: 2025-11-26T14:05:00+08:00\n", ""), "--start", moment)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"error: P407 --start: '{moment}' does not exist: {reason}\n"


def test_an_impossible_at_is_refused_by_its_flag_with_the_reason(respond, run: Run, guideline: Path) -> None:
    opened = respond(ANSWERS, "--set", "lokasi=area dapur")
    assert opened.code == 0, opened.err
    incident = str(json.loads(opened.out)["id"])
    for moment, reason in MOMENTS.items():
        for command in (["notify", incident, "kalapas"], ["status", incident]):
            result = run("incident", *command, "--at", moment, "--guideline", str(guideline), "--lang", "en")
            assert (result.code, result.out) == (1, ""), (moment, command)
            assert result.err == f"error: P407 --at: '{moment}' does not exist: {reason}\n"


def test_a_start_in_no_date_form_says_which_forms_it_takes(respond) -> None:
    result = respond(ANSWERS.replace("start: 2025-11-26T14:05:00+08:00\n", ""), "--start", "kemarin sore")
    assert (
        result.err
        == "error: P407 --start: a date and time such as 2025-11-26 14:35, 10 March 14:35, yesterday 23:50 (or a time alone, 14:35)\n"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2027-02-30", "2027-02 has days 1 to 28 only"),
        ("2024-02-29", None),
        ("2027-01-01 24:00", "hours run 00-23, minutes and seconds 00-59"),
        (
            "2027-01-01T10:00:00-13:00",
            "the offset must lie between -12:00 and +14:00 (WIB +07:00, WITA +08:00, WIT +09:00)",
        ),
        ("9999-12-30T00:00:00Z", None),
        ("0001-01-02T00:00:00+00:00", None),
        ("besok", None),
    ],
)
def test_impossible_date_names_the_part_that_does_not_exist(text: str, reason: str | None) -> None:
    from pasopati_cli.clock import impossible_date

    found = impossible_date(text)
    assert (found[1] if found else None) == reason
