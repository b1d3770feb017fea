"""What the officer sees, as data: the screens a command draws, read without a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from pasopati_cli.app import incident, screens
from pasopati_cli.cli.views import draw
from pasopati_cli.journal import Journal


def text_of(screen: screens.Screen, width: int = 100) -> str:
    out = Console(file=io.StringIO(), width=width, record=True, color_system=None, highlight=False)
    draw(out, screen)
    return out.export_text()


def cells(grid: screens.Grid) -> list[list[str]]:
    return [["".join(text for text, _ in cell) for cell in row] for row, _ in grid.rows]


def test_a_cell_is_built_from_text_spans_and_sequences_of_both() -> None:
    assert screens.spans("a") == (("a", ""),)
    assert screens.spans(("a", "bold")) == (("a", "bold"),)
    assert screens.spans(["a ", ("(b)", "dim")]) == (("a ", ""), ("(b)", "dim"))


def test_text_a_person_typed_is_shown_as_typed_never_as_styling() -> None:
    shown = [screens.line(("[bold]Napi[/] [red]kabur", "")), screens.line("\\[x] [link=http://x]y[/link]")]
    assert text_of(shown) == "[bold]Napi[/] [red]kabur\n\\[x] [link=http://x]y[/link]\n"


def test_status_marks_what_is_done_late_overdue_and_still_open(journal: Journal, guideline: Path, opened: str) -> None:
    incident.notify(journal=journal, incident_id=opened, role="kakanwil", channel="WhatsApp", at="14:20",
                    operator=None, guideline_root=guideline, lang="id")  # fmt: skip
    found = incident.status(journal=journal, incident_id=opened, guideline_root=guideline)
    [table] = screens.status(found, "id")
    assert isinstance(table, screens.Grid) and table.expand
    assert [column.header for column in table.columns] == ["Paling lambat", "Apa", "Nama", "Status"]
    marks = {"".join(text for text, _ in row[1]).split("\n")[0]: row[3][0] for row, _ in table.rows}
    told = [mark for label, mark in marks.items() if "Kakanwil" in label or "Kepala Kantor" in label]
    assert told == [("selesai 14.20 WITA", "green")]  # told at 14.20, within its deadline
    overdue = [mark for mark in marks.values() if mark[0].startswith("TERLAMBAT")]
    assert overdue and all(style == "bold red" for _, style in overdue)  # 15.00, and the first deadlines passed
    assert all(style == "" for text, style in marks.values() if text.startswith("sisa"))


def test_an_issue_list_names_its_columns_in_the_officers_language() -> None:
    assert text_of(screens.issues([], "id")) == "Tidak ada isu.\n"
    assert text_of(screens.issues([], "en")) == "No issues.\n"
    empty = screens.issue_table([], "en", "New relevant issues")
    assert [column.header for column in empty.columns] == [
        "issue",
        "title",
        "outlets",
        "relevant",
        "type",
        "tone",
        "status",
    ]


def test_an_empty_list_says_where_the_drills_are() -> None:
    assert text_of(screens.incidents([], False, "id")) == (
        "Belum ada insiden nyata di jurnal ini. Insiden latihan: pasopati incident list --latihan\n"
    )
    assert text_of(screens.incidents([], True, "en")) == "No drill in this journal yet.\n"
