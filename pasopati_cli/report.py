"""Problem output formats: text (Rich), parsable, github, json and junit.

Formatters return strings (the text format writes to a Rich console it is given), so every format's
exact output can be asserted in a test. Pattern: yamllint's output formats.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from pasopati_cli.problems import Lang, Problem, Severity

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("auto", "text", "parsable", "github", "json", "junit")


def pick_format(requested: str, is_terminal: bool) -> str:
    """`auto`: github annotations under GitHub Actions, text on a terminal, parsable otherwise."""
    if requested != "auto":
        return requested
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text" if is_terminal else "parsable"


def _position(p: Problem) -> str:
    if p.line is None:
        return ""
    return f"{p.line}:{p.column}" if p.column is not None else f"{p.line}"


def _text(p: Problem, lang: Lang) -> str:
    return f"{p.path}: {p.message(lang)}" if p.path else p.message(lang)


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def parsable(problems: Sequence[Problem], lang: Lang) -> str:
    lines = []
    for p in ordered(problems):
        where = ":".join(str(part) for part in (p.file or "-", p.line, p.column) if part is not None)
        lines.append(f"{where}: [{p.severity.value}] {p.code} {_text(p, lang)}")
    return "".join(line + "\n" for line in lines)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(problems: Sequence[Problem], lang: Lang) -> str:
    lines = []
    for p in ordered(problems):
        props = []
        if p.file:
            props.append(f"file={_gh_escape(p.file, True)}")
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_gh_escape(f'{p.code} {p.name}', True)}")
        lines.append(f"::{p.severity.value} {','.join(props)}::{_gh_escape(_text(p, lang))}")
    return "".join(line + "\n" for line in lines)


def problem_dicts(problems: Sequence[Problem], lang: Lang) -> list[dict[str, object]]:
    """Problems as the json format's objects, in report order."""
    return [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "path": p.path,
            "code": p.code,
            "severity": p.severity.value,
            "message": p.message(lang),
        }
        for p in ordered(problems)
    ]


def as_json(
    files: Sequence[str],
    problems: Sequence[Problem],
    lang: Lang,
    strict: bool = False,
    extra: Mapping[str, object] | None = None,
) -> str:
    """The json report; `extra`: what a command adds beside the problems (`test`: its coverage)."""
    ok = not any(p.severity is Severity.ERROR or strict for p in problems)
    document = {"ok": ok, "files_checked": len(files), "problems": problem_dicts(problems, lang), **(extra or {})}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def junit(files: Sequence[str], problems: Sequence[Problem], lang: Lang, strict: bool = False) -> str:
    from xml.sax.saxutils import escape, quoteattr  # only here: it pulls in urllib, http and ssl

    """One test case per file; a file with errors (or warnings under --strict) fails."""
    by_file: dict[str, list[Problem]] = {name: [] for name in files}
    for p in ordered(problems):
        by_file.setdefault(p.file or "-", []).append(p)
    failures = sum(1 for found in by_file.values() if any(p.severity is Severity.ERROR or strict for p in found))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<testsuites name="pasopati validate" tests="{len(by_file)}" failures="{failures}">',
        f'  <testsuite name="pasopati validate" tests="{len(by_file)}" failures="{failures}" errors="0">',
    ]
    for name, found in by_file.items():
        failing = [p for p in found if p.severity is Severity.ERROR or strict]
        if not found:
            out.append(f'    <testcase classname="pasopati" name={quoteattr(name)}/>')
            continue
        out.append(f'    <testcase classname="pasopati" name={quoteattr(name)}>')
        body = escape(parsable(found, lang))
        if failing:
            summary = quoteattr(f"{len(failing)} problem(s)")
            out.append(f'      <failure message={summary} type="{failing[0].code}">{body}</failure>')
        else:
            out.append(f"      <system-out>{body}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def _github(files: Sequence[str], problems: Sequence[Problem], lang: Lang, strict: bool) -> str:
    return github(problems, lang)


def _parsable(files: Sequence[str], problems: Sequence[Problem], lang: Lang, strict: bool) -> str:
    return parsable(problems, lang)


# The reporters that return text, by the name --format takes (`text` prints to a console: print_text).
REPORTERS: dict[str, Callable[[Sequence[str], Sequence[Problem], Lang, bool], str]] = {
    "parsable": _parsable,
    "github": _github,
    "json": as_json,
    "junit": junit,
}


_WORDS = {
    "id": {
        "error": "galat",
        "warning": "peringatan",
        "clean": "{files} berkas diperiksa: tidak ada masalah.",
        "summary": "{total} masalah ({errors} galat, {warnings} peringatan) dalam {bad} dari {files} berkas.",
    },
    "en": {
        "error": "error",
        "warning": "warning",
        "clean": "{files} file(s) checked: no problems.",
        "summary": "{total} problem(s) ({errors} error(s), {warnings} warning(s)) in {bad} of {files} file(s).",
    },
}


def print_text(console: Console, files: Sequence[str], problems: Sequence[Problem], lang: Lang) -> None:
    """Problems grouped by file, then one summary line; colour comes from the console (TTY only)."""
    from rich.markup import escape as markup_escape

    words = _WORDS[lang]
    current: str | None = None
    for p in ordered(problems):
        if p.file != current:
            if current is not None:
                console.print()
            current = p.file
            console.print(f"[bold underline]{markup_escape(p.file or '-')}[/]")
        style = "red" if p.severity is Severity.ERROR else "yellow"
        position = _position(p).ljust(8)
        label = words[p.severity.value].ljust(10)
        console.print(
            f"  {position}[{style}]{label}[/] [dim]{p.code} {p.name}[/]  {markup_escape(_text(p, lang))}",
            highlight=False,
            soft_wrap=True,
        )
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if problems:
        console.print()
        bad = len({p.file for p in problems})
        line = words["summary"].format(total=len(problems), errors=errors, warnings=warnings, bad=bad, files=len(files))
        console.print(f"[{'red' if errors else 'yellow'}]{line}[/]", highlight=False)
    else:
        console.print(f"[green]{words['clean'].format(files=len(files))}[/]", highlight=False)
