"""`pasopati docs`: the guideline as a handbook (Markdown or HTML) that the Kalapas reviews instead of YAML."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pasopati_cli.cli.common import ForceOption, Session, UnitOption, check_choice, command, print_problems

HandbookFormatOption = Annotated[str, typer.Option("--format", "-f", help="md (Markdown, bawaan) atau html. / "
                                                   "Output format.")]  # fmt: skip
HandbookOutputOption = Annotated[Path, typer.Option("--output", "-o", help="Folder tujuan. / Output folder.",
                                                    show_default=True)]  # fmt: skip


@command("guideline", "lang")
def docs(s: Session, output_format: HandbookFormatOption = "md",
         output: HandbookOutputOption = Path("pasopati-handbook"), unit: UnitOption = None,
         force: ForceOption = False) -> None:  # fmt: skip
    """Buku pedoman dari playbook: satu halaman per jenis kejadian. / The guideline as a handbook."""
    from datetime import date

    from pasopati_cli.app.docs import handbook

    if output_format not in ("md", "markdown", "html"):
        check_choice(output_format, ("md", "html"))
    written, warnings = handbook(guideline_root=s.root, output=output, unit=unit, force=force,
                                 output_format=output_format, lang=s.lang, today=date.today())  # fmt: skip
    print_problems(warnings, s.lang)
    sys.stdout.write("".join(f"{target}\n" for target in written))


COMMANDS: dict[str, Callable[..., None]] = {"docs": docs}
