"""A night replayed hour by hour: a mass escape whose counts move for 30 hours, driven through the CLI.

Lapas Kelas IIA Contoh (fictional), Tuesday 10 March 2026. 18.15 WIB: a disturbance after the evening count;
a large group gets out through the kitchen yard. The first count is an estimate; the recount and the police
bring it to 52; recaptures and surrenders follow until, 30 hours later, nobody is still sought. Every stage
runs the command an officer would type at that clock time; each released statement is compared with its
golden copy (tests/golden/scenario/, PASOPATI_UPDATE_GOLDEN=1 rewrites them after a deliberate change), and
no statement may carry a count the fact sheet had already replaced when it was released.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest

from tests.conftest import Result, Run

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "tests" / "scenario" / "malam_pelarian.answers.yaml"
UNIT = REPO / "examples" / "unit.yaml"
GOLDEN = REPO / "tests" / "golden" / "scenario"
WIB = timezone(timedelta(hours=7))


@pytest.fixture
def clock_at(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Stop the clock at a WIB moment ("2026-03-10 18:40"); call again to move it on."""
    moment = [datetime(2026, 3, 10, 18, 40, tzinfo=WIB)]

    def now(zone: tzinfo) -> datetime:
        return moment[0].astimezone(zone)

    monkeypatch.setattr("pasopati_cli.clock.now", now)

    def set_to(text: str) -> None:
        moment[0] = datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)

    return set_to


class Officer:
    """The press officer at the keyboard: every command must succeed unless told otherwise."""

    def __init__(self, run: Run, clock_at: Callable[[str], None], folder: Path) -> None:
        self.run, self.clock_at, self.folder = run, clock_at, folder
        self.incident = ""

    def at(self, moment: str, *args: str, code: int = 0) -> Result:
        self.clock_at(moment)
        result = self.run(*args)
        assert result.code == code, (moment, args, result)
        return result

    def incident_cmd(self, moment: str, verb: str, *args: str, code: int = 0) -> Result:
        return self.at(moment, "incident", verb, self.incident, *args, code=code)

    def statement(self, moment: str, kind: str, name: str, *sets: str) -> str:
        """Draft, approve and release a statement; its id. The text is kept in `name`.md for the golden."""
        target = self.folder / f"{name}.md"
        flags = [item for pair in (("--set", value) for value in sets) for item in pair]
        drafted = self.incident_cmd(moment, "statement", kind, *flags, "--output", str(target))
        assert drafted.out == ""
        listed = json.loads(self.run("incident", "show", self.incident, "--format", "json").out)["statements"]
        statement_id = listed[-1]["id"]
        self.incident_cmd(moment, "approve", statement_id, "--by", "kakanwil")
        self.incident_cmd(moment, "release", statement_id)
        golden(name, target.read_text(encoding="utf-8"))
        return statement_id


def golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.md"
    if os.environ.get("PASOPATI_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), name


def test_a_thirty_hour_escape_replayed_hour_by_hour(run: Run, clock_at: Callable[[str], None], tmp_path: Path) -> None:
    officer = Officer(run, clock_at, tmp_path)
    # 18.40: the officer opens the incident 25 minutes after it began; the count is still an estimate.
    opened = officer.at("2026-03-10 18:40", "incident", "open", "pelarian", "--answers", str(ANSWERS), "--unit",
                        str(UNIT), "--output", str(tmp_path / "awal"), "--format", "json")  # fmt: skip
    document = json.loads(opened.out)
    officer.incident = document["id"]
    assert (document["level"], document["start"]) == ("darurat", "2026-03-10T18:15:00+07:00")
    holding = (tmp_path / "awal").glob("*.md")
    golden("01_holding", next(iter(holding)).read_text(encoding="utf-8"))
    # 18.20-18.35: who was told, recorded afterwards with the time it happened.
    told = (("kalapas", "18.20"), ("kplp", "18.20"), ("polres", "18.25"), ("kakanwil", "18.35"), ("ditjenpas", "18.45"))
    for role, when in told:
        officer.incident_cmd("2026-03-10 18:50", "notify", role, "--at", f"2026-03-10 {when}")
    officer.incident_cmd("2026-03-10 19:05", "approve", "S1", "--by", "kakanwil")
    officer.incident_cmd("2026-03-10 19:06", "release", "S1")

    # 20.30: the recount is not finished: at least 49; three already caught near the prison.
    officer.incident_cmd("2026-03-10 20:30", "fact", "jumlah_kabur=sedikitnya 49", "jumlah_tertangkap=3",
                         "jumlah_menyerahkan_diri=0", "--source", "KPLP", "--at", "2026-03-10 20:15")  # fmt: skip
    # 21.50: the police confirm 52; eight recaptured. The holding statement (about 50) is now out of date.
    officer.incident_cmd("2026-03-10 21:50", "fact", "jumlah_kabur=52", "jumlah_tertangkap=8", "--source",
                         "Polres Sukamaju")  # fmt: skip
    officer.incident_cmd(
        "2026-03-10 21:52", "fact",
        "belum_diketahui=Bagaimana para warga binaan dapat keluar melalui halaman belakang masih didalami bersama kepolisian.",
        "langkah_penanganan=Tim gabungan Lapas Kelas IIA Contoh, Polres Sukamaju, dan Kodim Sukamaju menyisir permukiman dan jalur keluar kota.",
        "--source", "Kalapas",
    )  # fmt: skip
    stale = officer.at("2026-03-10 21:50", "check", "--incident", officer.incident, str(next(iter((tmp_path / "awal").glob("*.md")))),
                       "--format", "parsable", code=1)  # fmt: skip
    assert " P436 " in stale.out
    update_1 = officer.statement(
        "2026-03-10 21:55", "update", "02_update_1",
        "perkembangan=Penghitungan ulang selesai pukul 21.30 WIB. Kepolisian memastikan jumlah warga binaan yang melarikan diri.",
        "pembaruan_berikutnya=2026-03-11 06:00",
        "langkah_berjalan=Tim gabungan Lapas Kelas IIA Contoh, Polres Sukamaju, dan Kodim Sukamaju menyisir permukiman di sekitar lapas dan jalur keluar kota.",
    )  # fmt: skip
    assert update_1 == "S2"

    # 23.08: the press release, from the sheet as it stands.
    officer.statement(
        "2026-03-10 23:08", "siaran_pers", "03_siaran_pers",
        "judul=Lapas Kelas IIA Contoh dan Polres Sukamaju Lanjutkan Pencarian Warga Binaan yang Melarikan Diri",
        "kutipan=Kami menyesalkan kejadian ini dan bekerja bersama kepolisian sejak malam ini untuk menemukan warga binaan yang belum kembali.",
    )  # fmt: skip

    # 06.00 next morning: thirty recaptured, five gave themselves up; the update is ten minutes late.
    officer.incident_cmd("2026-03-11 05:45", "fact", "jumlah_tertangkap=30", "jumlah_menyerahkan_diri=5", "--source",
                         "Polres Sukamaju")  # fmt: skip
    officer.statement(
        "2026-03-11 06:10", "update", "04_update_2",
        "perkembangan=Sepanjang malam tim gabungan menyisir permukiman di sekitar lapas; lima warga binaan menyerahkan diri melalui keluarganya.",
        "pembaruan_berikutnya=2026-03-11 12:00",
        "langkah_berjalan=Pencarian dipusatkan di terminal, stasiun, dan rumah keluarga warga binaan yang masih dicari, bersama kepolisian.",
    )  # fmt: skip
    status = json.loads(officer.incident_cmd("2026-03-11 06:15", "status", "--format", "json").out)
    promised = [(i["key"], i["deadline"][11:16], i["late"]) for i in status["items"] if i.get("promised_by")]
    assert promised == [("update", "22:00", False), ("update", "06:00", True), ("update", "12:00", False)]

    # 11.50: more back; 12.10 the third update. Day two, 00.15: the last two give themselves up.
    officer.incident_cmd("2026-03-11 11:50", "fact", "jumlah_tertangkap=40", "jumlah_menyerahkan_diri=7")
    officer.statement(
        "2026-03-11 11:55", "update", "05_update_3",
        "perkembangan=Tiga orang lagi diamankan di terminal bus Sukamaju dan dua orang menyerahkan diri di Polsek terdekat.",
        "pembaruan_berikutnya=2026-03-11 18:00",
        "langkah_berjalan=Kepolisian dan petugas terus mendatangi keluarga warga binaan yang masih dicari dan mengimbau mereka menyerahkan diri.",
    )  # fmt: skip
    officer.incident_cmd("2026-03-11 17:40", "fact", "jumlah_tertangkap=42", "jumlah_menyerahkan_diri=8")
    officer.statement(
        "2026-03-11 17:55", "update", "06_update_4",
        "perkembangan=Dua orang lagi diamankan kepolisian, dan satu orang menyerahkan diri melalui keluarganya.",
        "pembaruan_berikutnya=2026-03-12 06:00",
        "langkah_berjalan=Pencarian terhadap warga binaan yang masih dicari berlanjut bersama kepolisian.",
    )  # fmt: skip
    officer.incident_cmd("2026-03-12 00:10", "fact", "jumlah_tertangkap=44", "jumlah_menyerahkan_diri=8", "--source",
                         "Polres Sukamaju")  # fmt: skip
    sheet = json.loads(officer.incident_cmd("2026-03-12 00:12", "facts", "--format", "json").out)
    assert sheet["derived"] == {"jumlah_masih_dicari": "0"}
    assert [h["value"] for h in sheet["facts"]["jumlah_kabur"]["history"]] == ["~50", ">=49", 52]
    officer.statement(
        "2026-03-12 00:20", "closing", "07_closing",
        "kondisi_terkini=Seluruh warga binaan yang melarikan diri telah kembali. Kegiatan pembinaan dan layanan kunjungan dibuka kembali mulai Kamis, 12 Maret 2026.",
        "tindak_lanjut_publik=Tim pemeriksa bersama Kanwil menelusuri bagaimana pelarian terjadi, dan hasilnya disampaikan setelah pemeriksaan selesai.",
        "waktu_pulih=2026-03-12 00:00",
    )  # fmt: skip
    closed = officer.incident_cmd("2026-03-12 00:30", "close", "--yes")  # knowingly: some steps never recorded
    # Closing tells the truth: the statements that were due and never went out are named with the rest.
    assert "statement media_sosial" in closed.err and "statement laporan_internal" in closed.err
    assert "statement update" not in closed.err  # every promised update went out, one of them late

    # No released statement carried a count the sheet had already replaced when it went out.
    _no_statement_outran_its_sheet(officer.incident)
    report = officer.incident_cmd("2026-03-12 00:35", "report", "--format", "md").out
    # The chain head covers the statements' file paths, which are in this run's temporary folder; the
    # guideline's hash changes with every edit of the bundled guideline.
    report = re.sub(r"\b[0-9a-f]{64}\b", "<kode verifikasi>", report)
    golden("08_report", re.sub(r"\(sha256 [0-9a-f]{12}\)", "(sha256 <pedoman>)", report))


def _no_statement_outran_its_sheet(incident_id: str) -> None:
    from pasopati_cli.consistency import sheet_problems
    from pasopati_cli.events import STATEMENT_RELEASED
    from pasopati_cli.factsheet import fact_sheet
    from pasopati_cli.incident import derive_state
    from pasopati_cli.journal import Journal, default_journal_path
    from pasopati_cli.loader import package_guideline_dir
    from pasopati_cli.response import load_guide

    crisis = load_guide(package_guideline_dir(), "pelarian").crisis("pelarian")
    with Journal.open(default_journal_path()) as journal:
        events = journal.events(incident_id)
    statements = derive_state(events).statements
    released = [(index, event) for index, event in enumerate(events) if event.type == STATEMENT_RELEASED]
    assert len(released) == 7
    for index, event in released:
        sheet = fact_sheet(events[: index + 1])
        text = statements[event.data["statement"]].text
        assert sheet_problems(text, sheet, crisis, None, "id") == [], event.data["statement"]
