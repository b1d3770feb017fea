"""`check`: the disclosure guard over statement files (or stdin), every problem kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pasopati_cli.problems import Problem

if TYPE_CHECKING:
    from pasopati_cli.app.incident import Opened
    from pasopati_cli.app.pin import IncidentGuideline
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType


@dataclass
class Checked:
    files: list[str]  # every file looked at, readable or not
    problems: list[Problem]


def check_statements(
    *,
    files: Sequence[Path],
    guideline_root: IncidentGuideline,
    people: Sequence[str] = (),
    answers: Path | None = None,
    read_stdin: Callable[[int], str] | None = None,
    kind: str | None = None,
    incident: tuple[Journal, str] | None = None,
) -> Checked:
    """The guard and the style check over each file ('-' is `read_stdin`), with the names (and roles) marked
    by flags and the answers file; with `incident` (journal, id), also the incident's marked names, the
    stages its facts have reached, and every count or state phrase that contradicts its current fact sheet."""
    from pasopati_cli.app.pin import given_root
    from pasopati_cli.loader import MAX_FILE_BYTES, display_path, read_text
    from pasopati_cli.naming import parse_marks, unknown_roles
    from pasopati_cli.response import load_answers, load_guide, load_guideline
    from pasopati_cli.style import check_statements as check_texts

    opened = None
    if incident is not None:  # its own guideline, before any file is read (a change is asked first)
        from pasopati_cli.app.incident import open_incident

        opened = open_incident(incident[0], incident[1], guideline_root)
    root = opened.guide.bundle.root if opened is not None else given_root(guideline_root)
    loaded = load_guideline(root)
    naming = loaded.disclosure.naming
    marked = parse_marks(people)
    facts: dict[str, object] = {}
    crisis: CrisisType | None = None
    problems: list[Problem] = unknown_roles(naming, marked)
    if answers is not None:
        document = load_answers(answers)
        problems += unknown_roles(naming, document.marked(), display_path(answers))
        _join(marked, document.marked())
        facts.update(document.facts)
        if naming is not None and document.crisis_type and opened is None:
            crisis = load_guide(root, document.crisis_type).types.get(document.crisis_type)
    texts: list[tuple[str, str]] = []
    for path in files:
        if str(path) == "-" and read_stdin is not None:
            texts.append(("<stdin>", read_stdin(MAX_FILE_BYTES + 1)))
            continue
        display = display_path(path)
        text, unreadable = read_text(path, display)
        problems += unreadable
        if text is not None:
            texts.append((display, text))
    if opened is not None:
        problems += _against_incident(texts, opened, marked, facts)
        crisis = opened.crisis
    context = None
    if naming is not None:
        from pasopati_cli.naming import context as naming_context

        context = naming_context(naming, roles=marked, crisis=crisis, facts=facts)
    problems += check_texts(texts, loaded, names=list(marked), kind=kind, context=context)
    unread = [p.file for p in problems if p.code in ("P001", "P002", "P003") and p.file]
    return Checked([name for name, _ in texts] + unread, problems)


def _join(marked: dict[str, str | None], more: Mapping[str, str | None]) -> None:
    """More marked names; a role given once is kept."""
    for name, role in more.items():
        if marked.get(name) is None:
            marked[name] = role


def _against_incident(
    texts: Sequence[tuple[str, str]], opened: Opened, marked: dict[str, str | None], facts: dict[str, object]
) -> list[Problem]:
    """The incident's marked names (with their roles) join `marked` and its facts join `facts`; each text is
    checked against the current fact sheet."""
    from pasopati_cli.consistency import sheet_problems
    from pasopati_cli.factsheet import fact_sheet

    _join(marked, {name: opened.state.roles.get(name) for name in opened.state.people})
    sheet = fact_sheet(opened.events)
    facts.update({**opened.state.answers, **sheet.current()})
    problems: list[Problem] = []
    for file, text in texts:
        lang = "en" if file.endswith((".en.md", ".en.txt")) else "id"
        problems += sheet_problems(text, sheet, opened.crisis, file, lang)
    return problems
