"""`pasopati check`: the disclosure guard and the style check over statement files, in the formats of `validate`."""

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from pasopati_cli.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    GuidelineOption,
    LangOption,
    console,
    edge,
    guideline_dir,
    resolve_lang,
)
from pasopati_cli.cli.inputs import AnswersOption, PersonOption

FORMAT_CHOICES = ("auto", "text", "parsable", "github", "json", "junit")


def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Berkas pernyataan (Markdown atau teks); '-' untuk stdin. / Statement files."),
    ],
    people: PersonOption = None,
    answers: AnswersOption = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="auto, text, parsable, github, json, junit (seperti validate)."),
    ] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Peringatan juga gagal. / Warnings fail too.")] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Jenis pernyataan (mis. siaran_pers); bawaan: ditebak dari nama berkas dan isinya. / Statement kind.",
            show_default=False,
        ),
    ] = None,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Periksa pernyataan: keterbukaan informasi dan gaya bahasa. / Check statements: disclosure and style."""
    language = resolve_lang(lang)
    if output_format not in FORMAT_CHOICES:
        raise typer.BadParameter(f"'{output_format}' ({', '.join(FORMAT_CHOICES)})", param_hint="--format")
    with edge(language):
        from pasopati_cli import report
        from pasopati_cli.loader import MAX_FILE_BYTES, display_path, read_text
        from pasopati_cli.problems import Problem, has_errors
        from pasopati_cli.response import load_answers, load_guideline
        from pasopati_cli.style import check_statements

        names = list(people or [])
        if answers is not None:
            names += load_answers(answers).people
        loaded = load_guideline(guideline_dir(guideline))
        texts: list[tuple[str, str]] = []
        problems: list[Problem] = []
        for path in files:
            if str(path) == "-":
                texts.append(("<stdin>", sys.stdin.read(MAX_FILE_BYTES + 1)))
                continue
            display = display_path(path)
            text, unreadable = read_text(path, display)
            problems += unreadable
            if text is not None:
                texts.append((display, text))
        problems += check_statements(texts, loaded, names=names, kind=kind)
        unread = [p.file for p in problems if p.code in ("P001", "P002", "P003") and p.file]
        shown = [name for name, _ in texts] + unread
        chosen = report.pick_format(output_format, sys.stdout.isatty())
        if chosen == "text":
            report.print_text(console(), shown, problems, language)
        elif chosen == "json":
            sys.stdout.write(report.as_json(shown, problems, language, strict))
        elif chosen == "junit":
            sys.stdout.write(report.junit(shown, problems, language, strict))
        elif chosen == "github":
            sys.stdout.write(report.github(problems, language))
        else:
            sys.stdout.write(report.parsable(problems, language))
        raise typer.Exit(EXIT_INVALID if has_errors(problems, strict) else EXIT_OK)


def register(
    app: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
    from pasopati_cli.cli.common import add_commands

    add_commands(app, COMMANDS, only, listing)


COMMANDS: dict[str, Callable[..., None]] = {
    "check": check,
}
