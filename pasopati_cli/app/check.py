"""`check`: the disclosure guard over statement files (or stdin), every problem kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pasopati_cli.problems import Problem

if TYPE_CHECKING:
    from pasopati_cli.journal import Journal
    from pasopati_cli.model import CrisisType


@dataclass
class Checked:
    files: list[str]  # every file looked at, readable or not
    problems: list[Problem]


def check_statements(
    *,
    files: Sequence[Path],
    guideline_root: Path,
    people: Sequence[str] = (),
    answers: Path | None = None,
    read_stdin: Callable[[int], str] | None = None,
    kind: str | None = None,
    incident: tuple[Journal, str] | None = None,
) -> Checked:
    """The guard and the style check over each file ('-' is `read_stdin`), with the names marked by flags
    and the answers file; with `incident` (journal, id), also the incident's marked names and every count
    or state phrase that contradicts its current fact sheet."""
    from pasopati_cli.loader import MAX_FILE_BYTES, display_path, read_text
    from pasopati_cli.naming import parse_marks, unknown_roles
    from pasopati_cli.response import load_answers, load_guide, load_guideline
    from pasopati_cli.style import check_statements as check_texts

    marked = parse_marks(people)
    facts: dict[str, object] = {}
    crisis: CrisisType | None = None
    loaded = load_guideline(guideline_root)
    naming = loaded.disclosure.naming
    problems: list[Problem] = unknown_roles(naming, marked)
    if answers is not None:
        document = load_answers(answers)
        problems += unknown_roles(naming, document.marked(), display_path(answers))
        _join(marked, document.marked())
        facts.update(document.facts)
        if naming is not None and document.crisis_type:
            crisis = load_guide(guideline_root, document.crisis_type).types.get(document.crisis_type)
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
    if incident is not None:
        found, crisis = _against_incident(texts, incident, guideline_root, marked, facts)
        problems += found
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
    texts: Sequence[tuple[str, str]],
    incident: tuple[Journal, str],
    guideline_root: Path,
    marked: dict[str, str | None],
    facts: dict[str, object],
) -> tuple[list[Problem], CrisisType]:
    """The incident's marked names (with their roles) join `marked` and its facts join `facts`; each text is
    checked against the current fact sheet."""
    from pasopati_cli.app.incident import open_incident
    from pasopati_cli.consistency import sheet_problems
    from pasopati_cli.factsheet import fact_sheet

    journal, incident_id = incident
    opened = open_incident(journal, incident_id, guideline_root)
    _join(marked, {name: opened.state.roles.get(name) for name in opened.state.people})
    sheet = fact_sheet(opened.events)
    facts.update({**opened.state.answers, **sheet.current()})
    problems: list[Problem] = []
    for file, text in texts:
        lang = "en" if file.endswith((".en.md", ".en.txt")) else "id"
        problems += sheet_problems(text, sheet, opened.crisis, file, lang)
    return problems, opened.crisis
