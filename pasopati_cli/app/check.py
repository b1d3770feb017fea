"""`check`: the disclosure guard over statement files (or stdin), every problem kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pasopati_cli.problems import Problem


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
) -> Checked:
    """The guard over each file ('-' is `read_stdin`), with the names marked by flags and answers file."""
    from pasopati_cli.guard import check_texts
    from pasopati_cli.loader import MAX_FILE_BYTES, display_path, read_text
    from pasopati_cli.response import load_answers, load_guideline

    names = list(people)
    if answers is not None:
        names += load_answers(answers).people
    disclosure = load_guideline(guideline_root).disclosure
    texts: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for path in files:
        if str(path) == "-" and read_stdin is not None:
            texts.append(("<stdin>", read_stdin(MAX_FILE_BYTES + 1)))
            continue
        display = display_path(path)
        text, unreadable = read_text(path, display)
        problems += unreadable
        if text is not None:
            texts.append((display, text))
    problems += check_texts(texts, disclosure, names)
    unread = [p.file for p in problems if p.code in ("P001", "P002", "P003") and p.file]
    return Checked([name for name, _ in texts] + unread, problems)
