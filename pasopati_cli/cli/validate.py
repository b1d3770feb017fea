"""`pasopati validate` and `pasopati schema`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
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

FORMAT_CHOICES = ("auto", "text", "parsable", "github", "json", "junit")


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Folder pedoman atau berkas; bawaan: pedoman aktif. / Guideline folders or files."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="auto, text, parsable, github, json, junit. auto: github di GitHub Actions, "
            "text di terminal, parsable selain itu.",
        ),
    ] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Peringatan juga gagal. / Warnings fail too.")] = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Periksa berkas pedoman dan laporkan setiap masalah. / Check guideline files, report every problem."""
    language = resolve_lang(lang)
    if output_format not in FORMAT_CHOICES:
        raise typer.BadParameter(f"'{output_format}' ({', '.join(FORMAT_CHOICES)})", param_hint="--format")
    with edge(language):
        from pasopati_cli import report
        from pasopati_cli.problems import has_errors
        from pasopati_cli.validation import validate_paths

        result = validate_paths(paths or [], guideline_dir(guideline), date.today())
        chosen = report.pick_format(output_format, sys.stdout.isatty())
        if chosen == "text":
            report.print_text(console(), result.files, result.problems, language)
        elif chosen == "json":
            sys.stdout.write(report.as_json(result.files, result.problems, language, strict))
        elif chosen == "junit":
            sys.stdout.write(report.junit(result.files, result.problems, language, strict))
        elif chosen == "github":
            sys.stdout.write(report.github(result.problems, language))
        else:
            sys.stdout.write(report.parsable(result.problems, language))
        raise typer.Exit(EXIT_INVALID if has_errors(result.problems, strict) else EXIT_OK)


def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder tujuan. / Where to write NAME.schema.json.")
    ] = Path("schema"),
    force: Annotated[bool, typer.Option("--force", help="Timpa skema yang ada. / Replace existing schemas.")] = False,
    lang: LangOption = None,
) -> None:
    """Tulis JSON Schema tiap jenis berkas. / Write the JSON Schema of every file kind."""
    language = resolve_lang(lang)
    with edge(language):
        from pasopati_cli.files import write_file
        from pasopati_cli.schema import dump, schemas

        for kind, document in schemas().items():
            target = output / f"{kind}.schema.json"
            write_file(target, dump(document), force=force)
            typer.echo(str(target))


def register(
    app: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
    from pasopati_cli.cli.common import add_commands

    add_commands(app, COMMANDS, only, listing)


COMMANDS: dict[str, Callable[..., None]] = {
    "validate": validate,
    "schema": schema,
}
