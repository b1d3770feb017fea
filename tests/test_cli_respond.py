"""The response commands without prompts: flags and files in, exact results and exit codes out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import CASES, Run

UNIT = str(CASES / "unit.yaml")
START = ["--start", "2025-11-26 14:05"]
SIAGA = ["--answer", "ada_luka=ya", "--answer", "jumlah_luka=3", "--answer", "skala=satu_kamar"]


@pytest.fixture
def cli(guideline: Path, run: Run):
    def call(*args: str, input: str | None = None):
        return run(*args, "--guideline", str(guideline), input=input)

    return call


def test_list_gives_ids_and_titles_as_json(cli) -> None:
    result = cli("list", "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == [
        {
            "id": "uji",
            "title": "Kejadian uji",
            "summary": "Kejadian untuk pengujian",
            "phase": "crisis",
            "base_level": "waspada",
        }
    ]


def test_list_speaks_english_with_lang_en(cli) -> None:
    assert json.loads(cli("list", "--format", "json", "--lang", "en").out)[0]["title"] == "Test incident"


def test_list_follows_LANG_when_it_starts_with_en(cli, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert json.loads(cli("list", "--format", "json").out)[0]["title"] == "Test incident"


def test_triage_shows_the_level_and_why(cli) -> None:
    result = cli("triage", "uji", *SIAGA)
    assert result.code == 0
    assert result.out == (
        "Tingkat: SIAGA\n"
        "  Ada korban luka\n"
        "  • Waspada: tingkat dasar jenis kejadian ini\n"
        "  • Siaga: ada korban luka (Ada korban luka? → ya)\n"
    )


def test_triage_json_names_level_reasons_and_answers(cli) -> None:
    result = cli("triage", "uji", *SIAGA, "--format", "json", "--lang", "en")
    assert json.loads(result.out) == {
        "crisis_type": "uji",
        "level": "siaga",
        "level_title": "Standby",
        "base_level": "waspada",
        "required_level": "siaga",
        "reasons": [{"question": "ada_luka", "answer": True, "level": "siaga", "reason": "people are injured"}],
        "manual_raise": None,
        "answers": {"ada_luka": True, "jumlah_luka": 3, "skala": "satu_kamar"},
    }


def test_a_missing_answer_fails_at_once_naming_it(cli) -> None:
    result = cli("triage", "uji", "--answer", "ada_luka=ya")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "galat: P401 jawaban untuk 'jumlah_luka' belum ada (beri dengan --answer jumlah_luka=NILAI atau --answers BERKAS)\n"
        "galat: P401 jawaban untuk 'skala' belum ada (beri dengan --answer skala=NILAI atau --answers BERKAS)\n"
    )


def test_an_unknown_type_lists_the_known_ones(cli) -> None:
    result = cli("triage", "banjir", "--lang", "en")
    assert (result.code, result.err) == (1, "error: P201 unknown crisis type 'banjir' (uji)\n")


def test_an_unknown_answer_value_says_what_fits(cli) -> None:
    result = cli("triage", "uji", "--answer", "ada_luka=mungkin", "--answer", "skala=1", "--lang", "en")
    assert (result.code, result.err) == (1, "error: P402 answer 'ada_luka' is invalid: answer yes or no\n")


def test_a_manual_raise_needs_a_reason_and_cannot_lower(cli) -> None:
    assert cli("triage", "uji", *SIAGA, "--raise-to", "darurat").code == 2
    lowered = cli("triage", "uji", *SIAGA, "--raise-to", "waspada", "--reason", "x", "--lang", "en")
    assert (lowered.code, lowered.err) == (
        1,
        "error: P405 the level cannot go below Siaga, which the answers require\n",
    )
    raised = cli("triage", "uji", *SIAGA, "--raise-to", "darurat", "--reason", "video viral", "--format", "json")
    assert json.loads(raised.out)["manual_raise"] == {"level": "darurat", "reason": "video viral"}


def test_assign_lists_who_by_when_as_json_with_offsets(cli) -> None:
    result = cli("assign", "uji", "--level", "siaga", "--unit", UNIT, *START, "--format", "json")
    assert result.code == 0
    document = json.loads(result.out)
    assert [(a["role"], a["person"], a["channel"], a["deadline"]) for a in document["assignments"]] == [
        ("kalapas", "Siti Rahma", "telepon", "2025-11-26T14:20:00+08:00"),
        ("polres", "AKBP Dewi Lestari", "telepon", "2025-11-26T14:35:00+08:00"),
        ("kakanwil", "Budi Hartono", "telepon", "2025-11-26T15:05:00+08:00"),
    ]
    assert document["actions"] == [
        {
            "action": "hitung",
            "text": "Hitung penghuni",
            "owner": "kalapas",
            "person": "Siti Rahma",
            "deadline": "2025-11-26T14:35:00+08:00",
        }
    ]


def test_assign_without_a_unit_profile_says_how_to_give_one(cli) -> None:
    result = cli("assign", "uji", "--level", "siaga", "--lang", "en")
    assert result.code == 1
    assert result.err == "error: P406 no unit profile: use --unit FILE or PASOPATI_UNIT (example: examples/unit.yaml)\n"


def test_a_unit_profile_without_a_needed_role_is_refused(cli, tmp_path: Path) -> None:
    data = yaml.safe_load(Path(UNIT).read_text())
    del data["roster"]["polres"]
    thin = tmp_path / "unit.yaml"
    thin.write_text(yaml.safe_dump(data))
    result = cli("assign", "uji", "--level", "siaga", "--unit", str(thin), "--lang", "en")
    assert (result.code, result.err) == (1, "error: P403 the unit profile names nobody for role 'polres'\n")


def test_a_time_zone_that_does_not_exist_is_located(cli, tmp_path: Path) -> None:
    bad = tmp_path / "unit.yaml"
    bad.write_text(Path(UNIT).read_text().replace("timezone: WITA", "timezone: Asia/Atlantis"))
    for _ in ("read from the file", "read from the cache"):
        result = cli("assign", "uji", "--level", "siaga", "--unit", str(bad), "--lang", "en")
        assert result.code == 1
        assert result.err.endswith(
            "unit.yaml:7:13: [error] P104 unit.timezone: invalid value: unknown time zone 'Asia/Atlantis'; use WIB, WITA, WIT or an IANA name\n"
        )


def test_an_unknown_level_is_refused(cli) -> None:
    result = cli("assign", "uji", "--level", "gawat", "--unit", UNIT, "--lang", "en")
    assert (result.code, result.err) == (1, "error: P201 unknown level 'gawat' (waspada, siaga, darurat)\n")


def test_statement_renders_with_indonesian_dates_and_values_as_data(cli) -> None:
    result = cli("statement", "uji", "holding", "--level", "siaga", "--unit", UNIT, *START, "--set", "lokasi={{ 7*7 }}")
    assert result.code == 0
    assert result.out == (
        "# Pernyataan awal\n\n"
        "Lapas Kelas IIA Uji mengetahui adanya kejadian di {{ 7*7 }} pada Rabu, 26 November 2025, 14.05 WITA.\n\n"
        "Narahubung: Siti Rahma (0812-0000-0001)\n"
    )


def test_statement_in_english_uses_the_english_template(cli) -> None:
    result = cli(
        "statement",
        "uji",
        "holding",
        "--level",
        "siaga",
        "--unit",
        UNIT,
        *START,
        "--set",
        "lokasi=the kitchen",
        "--lang",
        "en",
        "--format",
        "text",
    )
    assert result.out == (
        "Holding statement\n\n"
        "Lapas Kelas IIA Uji is aware of an incident in the kitchen on Wednesday, 26 November 2025, 14:05 WITA.\n\n"
        "Narahubung: Siti Rahma (0812-0000-0001)\n"
    )


def test_a_fact_the_type_takes_from_a_triage_answer_is_not_asked_again(cli, guideline: Path) -> None:
    playbook = guideline / "playbooks" / "uji.yaml"
    playbook.write_text(playbook.read_text() + "facts_from_answers:\n  lokasi: skala\n")
    answered = ("--answer", "ada_luka=tidak", "--answer", "skala=satu_blok", "--unit", UNIT, *START)
    indonesian = cli("statement", "uji", "holding", *answered)
    assert indonesian.code == 0, indonesian.err
    assert "mengetahui adanya kejadian di Satu blok pada" in indonesian.out
    english = cli("statement", "uji", "holding", *answered, "--lang", "en")
    assert "is aware of an incident in One block on" in english.out
    given = cli("statement", "uji", "holding", *answered, "--set", "lokasi=area dapur")
    assert "kejadian di area dapur pada" in given.out


def test_statement_names_a_missing_fact_and_an_unknown_one(cli) -> None:
    missing = cli("statement", "uji", "holding", "--level", "siaga", "--unit", UNIT)
    assert (missing.code, missing.err) == (
        1,
        "galat: P404 isian 'lokasi' belum ada (beri dengan --set lokasi=NILAI atau --vars BERKAS)\n",
    )
    unknown = cli(
        "statement",
        "uji",
        "holding",
        "--level",
        "siaga",
        "--unit",
        UNIT,
        "--set",
        "lokasi=a",
        "--set",
        "tempat=b",
        "--lang",
        "en",
    )
    assert (unknown.code, unknown.err) == (1, "error: P201 unknown variable 'tempat' (lokasi)\n")


def test_statement_writes_html_to_a_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "rilis.html"
    result = cli(
        "statement",
        "uji",
        "holding",
        "--level",
        "siaga",
        "--unit",
        UNIT,
        *START,
        "--set",
        "lokasi=<b>dapur</b>",
        "--format",
        "html",
        "--output",
        str(target),
    )
    assert result.code == 0
    page = target.read_text()
    assert "&lt;b&gt;dapur&lt;/b&gt;" in page and "<h1>Pernyataan awal</h1>" in page


def test_a_hostile_template_is_refused_by_the_sandbox(cli, guideline: Path) -> None:
    path = guideline / "templates" / "uji" / "holding.id.md"
    path.write_text(path.read_text().replace("{{ lokasi }}", "{{ lokasi.__class__.__mro__ }}"))
    result = cli("statement", "uji", "holding", "--level", "siaga", "--unit", UNIT, "--set", "lokasi=a")
    assert result.code == 1
    assert "P304" in result.err and "templates/uji/holding.id.md" in result.err
    assert "object" not in result.out


@pytest.fixture
def twenty_past_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock reads 14:25 WITA on the incident day: twenty minutes after the start."""
    from datetime import datetime, timezone, tzinfo

    def now(zone: tzinfo) -> datetime:
        return datetime(2025, 11, 26, 6, 25, tzinfo=timezone.utc).astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)


def test_respond_writes_the_statement_and_says_what_is_due_next(cli, tmp_path: Path, twenty_past_two) -> None:
    result = cli(
        "respond",
        "uji",
        "--unit",
        UNIT,
        *START,
        *SIAGA,
        "--set",
        "lokasi=area dapur",
        "--output",
        str(tmp_path),
        "--format",
        "json",
    )
    assert result.code == 0
    document = json.loads(result.out)
    written = tmp_path / "uji-holding-20251126-1405.id.md"
    assert document["statement"] == {
        "id": "S1",
        "kind": "holding",
        "file": str(written),
        "lang": "id",
        "format": "markdown",
    }
    assert document["id"].endswith("-0001") and document["exercise"] is False
    assert document["level"] == "siaga"
    assert [a["deadline"] for a in document["assignments"]] == [
        "2025-11-26T14:20:00+08:00",
        "2025-11-26T14:35:00+08:00",
        "2025-11-26T15:05:00+08:00",
    ]
    assert document["next_due"] == [
        "Kepala Lapas (Siti Rahma, telepon): paling lambat 14.20 WITA (TERLAMBAT 5 menit)",
        "Polres (AKBP Dewi Lestari, telepon): paling lambat 14.35 WITA",
        "Hitung penghuni: paling lambat 14.35 WITA",
    ]
    assert "area dapur" in written.read_text()


def test_save_answers_then_replay_gives_the_same_result(cli, tmp_path: Path) -> None:
    saved = tmp_path / "jawaban.yaml"
    first = cli(
        "respond",
        "uji",
        "--unit",
        UNIT,
        *START,
        *SIAGA,
        "--set",
        "lokasi=area dapur",
        "--output",
        str(tmp_path / "a"),
        "--format",
        "json",
        "--save-answers",
        str(saved),
    )
    replay = cli(
        "respond", "--answers", str(saved), "--unit", UNIT, "--output", str(tmp_path / "b"), "--format", "json"
    )
    assert replay.code == 0
    one, two = json.loads(first.out), json.loads(replay.out)
    assert {k: v for k, v in one.items() if k not in ("statement", "id")} == {
        k: v for k, v in two.items() if k not in ("statement", "id")
    }
    assert Path(one["statement"]["file"]).read_text() == Path(two["statement"]["file"]).read_text()


def test_an_answers_file_for_another_type_is_refused(cli, tmp_path: Path) -> None:
    other = tmp_path / "lain.answers.yaml"
    other.write_text("kind: answers\ncrisis_type: kebakaran\nanswers: {}\n")
    result = cli("triage", "uji", "--answers", str(other), "--lang", "en")
    assert result.code == 1
    assert result.err.endswith("[error] P406 this answers file is for type 'kebakaran', not 'uji'\n")


def test_an_answers_file_with_a_typo_is_located(cli, tmp_path: Path) -> None:
    bad = tmp_path / "salah.answers.yaml"
    bad.write_text("kind: answers\ncrisis_type: uji\nanswer: {ada_luka: ya}\n")
    result = cli("triage", "uji", "--answers", str(bad), "--lang", "en")
    assert result.code == 1
    assert result.err.endswith(
        "salah.answers.yaml:3:1: [error] P101 answer: unknown key 'answer'; did you mean 'answers'?\n"
    )


def test_a_bad_start_time_is_refused(cli) -> None:
    result = cli("assign", "uji", "--level", "siaga", "--unit", UNIT, "--start", "kemarin sore", "--lang", "en")
    assert result.code == 1
    assert (
        result.err
        == "error: P407 --start: a date and time such as 2025-11-26 14:35, 10 March 14:35, yesterday 23:50 (or a time alone, 14:35)\n"
    )


@pytest.fixture
def two_am(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock reads Sunday 30 November 2025, 02:05 WIB (03:05 WITA, the test unit's zone)."""
    from datetime import datetime, timezone, tzinfo

    def now(zone: tzinfo) -> datetime:
        return datetime(2025, 11, 29, 19, 5, tzinfo=timezone.utc).astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)


def test_a_start_that_has_not_happened_yet_is_refused_before_any_deadline_is_counted(cli, two_am) -> None:
    for start in ("9999-12-31 23:59", "2025-11-30 12:00"):
        result = cli("assign", "uji", "--level", "siaga", "--unit", UNIT, "--start", start, "--lang", "en")
        assert (result.code, result.err) == (
            1,
            "error: P407 --start: that time has not come yet (it is now Sunday, 30 November 2025, 03:05 WITA)\n",
        )


def test_a_start_given_as_a_time_alone_is_the_latest_such_time(cli, two_am) -> None:
    result = cli("assign", "uji", "--level", "siaga", "--unit", UNIT, "--start", "23.50", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["start"] == "2025-11-29T23:50:00+08:00"


def test_respond_without_a_type_and_without_a_terminal_names_what_is_missing(cli) -> None:
    result = cli("respond", "--unit", UNIT, "--lang", "en")
    assert result.code == 1
    assert result.err.startswith("error: P401 no answer for 'TYPE'")


def test_a_fact_given_per_language_is_taken_in_the_statement_language(cli, tmp_path: Path) -> None:
    answers = tmp_path / "jawaban.yaml"
    answers.write_text(
        "kind: answers\ncrisis_type: uji\nanswers: {ada_luka: tidak, skala: satu_kamar}\n"
        "facts:\n  lokasi: {id: area dapur, en: the kitchen}\n"
    )
    english = cli("statement", "uji", "holding", "--answers", str(answers), "--unit", UNIT, *START, "--lang", "en")
    indonesian = cli("statement", "uji", "holding", "--answers", str(answers), "--unit", UNIT, *START)
    assert "incident in the kitchen on" in english.out
    assert "kejadian di area dapur pada" in indonesian.out


def test_templates_can_read_the_roster(cli, guideline: Path) -> None:
    path = guideline / "templates" / "uji" / "holding.id.md"
    path.write_text(path.read_text().replace("# Pernyataan awal", "# Pernyataan awal {{ roster.kakanwil.name }}"))
    result = cli("statement", "uji", "holding", "--level", "siaga", "--unit", UNIT, *START, "--set", "lokasi=dapur")
    assert result.out.startswith("# Pernyataan awal Budi Hartono\n")


@pytest.mark.parametrize(
    "argv",
    [["--help"], [], ["incident", "--help"], ["incident"], ["respond", "--help"], ["incident", "status", "--help"]],
)
def test_building_only_what_a_command_line_needs_changes_no_output(argv: list[str]) -> None:
    """`main` builds only the command that runs (or stand-ins to list them); the help must not change."""
    from typer.testing import CliRunner

    from pasopati_cli.cli import _full_app, build_app

    lazy = CliRunner().invoke(build_app(argv), argv)
    full = CliRunner().invoke(_full_app(), argv)
    assert (lazy.exit_code, lazy.output) == (full.exit_code, full.output)
    assert "Usage: pasopati" in lazy.output


def test_a_mistyped_command_gets_typers_suggestion() -> None:
    from typer.testing import CliRunner

    from pasopati_cli.cli import build_app

    result = CliRunner().invoke(build_app(["incident", "stat"]), ["incident", "stat"])
    assert result.exit_code == 2
    assert "No such command 'stat'. Did you mean 'start', 'status', 'statement'?" in result.output


def test_a_fact_set_on_the_command_line_overrides_the_answers_file(run) -> None:
    repo = Path(__file__).parent.parent
    common = [
        "--answers",
        str(repo / "examples" / "kerusuhan.answers.yaml"),
        "--unit",
        str(repo / "examples" / "unit.yaml"),
    ]
    result = run(
        "statement", "kerusuhan", "holding", *common, "--set", "lokasi_umum=area dapur", "--guideline", str(repo)
    )
    assert result.code == 0, result.err
    assert "pada area dapur" in result.out or "di area dapur" in result.out
    typo = run("statement", "kerusuhan", "holding", *common, "--set", "lokasi_umu=area dapur", "--guideline", str(repo))
    assert typo.code == 1
    assert typo.err.startswith("galat: P201 isian 'lokasi_umu' tidak dikenal (belum_diketahui, ")


def test_the_list_table_shows_only_the_first_sentence_of_each_summary(run: Run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    table = run("list")
    assert table.code == 0
    flowed = " ".join(table.out.split())
    assert "gudang atau perkantoran." in flowed
    assert "Petugas memanggil pemadam" not in flowed
    rows = {row["id"]: row for row in json.loads(run("list", "--format", "json").out)}
    assert "Petugas memanggil pemadam kebakaran" in rows["kebakaran"]["summary"]


@pytest.mark.parametrize(
    ("lang", "said"), [("id", "belum ditemukan masih dipastikan"), ("en", "unaccounted for is still")]
)
def test_a_fire_with_the_missing_not_yet_counted_says_so_once_and_makes_no_appeal(
    run: Run, tmp_path: Path, lang: str, said: str
) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    answers = yaml.safe_load((examples / "kebakaran.answers.yaml").read_text(encoding="utf-8"))
    answers["facts"]["jumlah_belum_ditemukan"] = "?"
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    for kind in ("holding", "update"):
        done = run("statement", "kebakaran", kind, "--answers", str(tmp_path / "a.yaml"), "--unit",
                   str(examples / "unit.yaml"), "--lang", lang, "--non-interactive")  # fmt: skip
        assert done.code == 0, done.err
        assert done.out.count(said) == 1 and "110" not in done.out
