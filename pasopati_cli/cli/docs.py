"""`pasopati docs`: the guideline as a handbook (Markdown or HTML) that the Kalapas reviews instead of YAML."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pasopati_cli.cli.common import (
    ForceOption,
    GuidelineOption,
    LangOption,
    UnitOption,
    check_choice,
    edge,
    guideline_dir,
    print_problems,
)


def docs(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="md (Markdown, bawaan) atau html. / Output format.")
    ] = "md",
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder tujuan. / Output folder.", show_default=True)
    ] = Path("pasopati-handbook"),
    unit: UnitOption = None,
    force: ForceOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Buku pedoman dari playbook: satu halaman per jenis kejadian. / The guideline as a handbook."""
    if output_format not in ("md", "markdown", "html"):
        check_choice(output_format, ("md", "html"))
    with edge(lang) as language:
        from datetime import date

        from pasopati_cli.app.docs import handbook

        written, warnings = handbook(guideline_root=guideline_dir(guideline), output=output, unit=unit, force=force,
                                     output_format=output_format, lang=language, today=date.today())  # fmt: skip
        print_problems(warnings, language)
        sys.stdout.write("".join(f"{target}\n" for target in written))


COMMANDS: dict[str, Callable[..., None]] = {"docs": docs}
