"""`pasopati validate`, `schema` and `check`: problems in guideline files and in statements."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from pasopati_cli.cli.common import (
    AcceptGuidelineOption,
    AnswersOption,
    ForceOption,
    GuidelineOption,
    JournalOption,
    LangOption,
    PersonOption,
    ReportFormatOption,
    StrictOption,
    check_choice,
    edge,
    journal_at,
    pinned,
    report_problems,
)

KindOption = Annotated[
    str | None,
    typer.Option("--kind", "-k", help="Jenis pernyataan; bawaan: ditebak dari nama berkas dan isinya.",
                 show_default=False),
]  # fmt: skip
IncidentOption = Annotated[
    str | None,
    typer.Option("--incident", help="Periksa juga terhadap lembar fakta insiden ini. / Against its facts.",
                 show_default=False),
]  # fmt: skip
SchemaGuidelineOption = Annotated[  # no PASOPATI_GUIDELINE: without the option, the generic schema
    Path | None,
    typer.Option("--guideline", "-g", show_default=False, help="Id pedoman ini (tingkat, peran, jenis pernyataan, "
                 "pertanyaan, opsi) sebagai enum untuk editor; bawaan: skema umum. / The guideline ids as enums."),
]  # fmt: skip
FORMAT_CHOICES = ("auto", "text", "parsable", "github", "json", "junit")


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Folder pedoman atau berkas; bawaan: pedoman aktif. / Guideline folders or files."),
    ] = None,
    output_format: ReportFormatOption = "auto",
    strict: StrictOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Periksa berkas pedoman dan laporkan setiap masalah. / Check guideline files, report every problem."""
    check_choice(output_format, FORMAT_CHOICES)
    with edge(lang) as language:
        from pasopati_cli.app.guideline import validate_guideline
        from pasopati_cli.cli.guideline import name_checked

        result = validate_guideline(paths=paths or [], guideline=guideline, cwd=Path.cwd(), today=date.today())
        name_checked(result.guidelines, language)
        report_problems(output_format, result.files, result.problems, language, strict)


def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder tujuan. / Where to write NAME.schema.json.")
    ] = Path("schema"),
    force: ForceOption = False,
    guideline: SchemaGuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Tulis JSON Schema tiap jenis berkas. / Write the JSON Schema of every file kind."""
    with edge(lang):
        from pasopati_cli.app.docs import write_schemas

        for target in write_schemas(output=output, force=force, guideline=guideline):
            typer.echo(str(target))


def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Berkas pernyataan (Markdown atau teks); '-' untuk stdin. / Statement files."),
    ],
    people: PersonOption = None,
    answers: AnswersOption = None,
    output_format: ReportFormatOption = "auto",
    strict: StrictOption = False,
    kind: KindOption = None,
    incident: IncidentOption = None,
    journal: JournalOption = None,
    guideline: GuidelineOption = None,
    accept: AcceptGuidelineOption = False,
    lang: LangOption = None,
) -> None:
    """Periksa pernyataan: keterbukaan informasi, gaya bahasa, fakta insiden. / Check statements."""
    check_choice(output_format, FORMAT_CHOICES)
    with edge(lang) as language:
        from pasopati_cli.app.check import check_statements

        def run(against: tuple[Any, str] | None) -> None:
            root = pinned(guideline, accept, language)
            found = check_statements(files=files, guideline_root=root, people=people or [], answers=answers,
                                     read_stdin=sys.stdin.read, kind=kind, incident=against)  # fmt: skip
            report_problems(output_format, found.files, found.problems, language, strict)

        if incident is None:
            run(None)
        else:
            with journal_at(journal, language) as (store, _):
                run((store, incident))


COMMANDS: dict[str, Callable[..., None]] = {"validate": validate, "schema": schema, "check": check}
