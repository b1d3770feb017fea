"""`pasopati docs`: the guideline as a handbook (Markdown or HTML) that the Kalapas reviews instead of YAML."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pasopati_cli.cli.common import GuidelineOption, LangOption, edge, guideline_dir, print_problems, resolve_lang
from pasopati_cli.cli.inputs import ForceOption, UnitOption

if TYPE_CHECKING:
    from pasopati_cli.model import UnitProfile
    from pasopati_cli.response import Guide

FORMATS = {"md": ".md", "markdown": ".md", "html": ".html"}
EXAMPLE_UNIT = Path("examples") / "unit.yaml"


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
    language = resolve_lang(lang)
    if output_format not in FORMATS:
        raise typer.BadParameter(f"'{output_format}' (md, html)", param_hint="--format")
    with edge(language):
        from datetime import date

        from pasopati_cli.files import write_file
        from pasopati_cli.handbook import build_handbook, check_guide, link_html_pages, page_title
        from pasopati_cli.render import to_format
        from pasopati_cli.response import load_guide

        root = guideline_dir(guideline)
        guide = load_guide(root)
        warnings = check_guide(guide, date.today())
        if warnings:
            print_problems(warnings, language)
        pages = build_handbook(guide, handbook_unit(unit, root, guide), language)
        suffix = FORMATS[output_format]
        for stem, markdown in pages.items():
            document = markdown
            if suffix == ".html":
                html = to_format(markdown, "html", page_title(guide, stem, language), language)
                document = link_html_pages(html, pages)
            target = output / f"{stem}{suffix}"
            write_file(target, document, force=force)
            sys.stdout.write(f"{target}\n")


def handbook_unit(path: Path | None, root: Path, guide: Guide) -> UnitProfile:
    """--unit; else examples/unit.yaml in or next to the guideline folder; else the built-in sample unit."""
    from pasopati_cli.response import load_unit, sample_unit

    if path is None:
        path = next((c for c in (root / EXAMPLE_UNIT, root.parent / EXAMPLE_UNIT) if c.is_file()), None)
    if path is None:
        return sample_unit(guide.guideline)
    return load_unit(path, guide.guideline)


def register(
    app: typer.Typer, only: str | None = None, listing: bool = False, rest: Sequence[str] | None = None
) -> None:
    from pasopati_cli.cli.common import add_commands

    add_commands(app, COMMANDS, only, listing)


COMMANDS: dict[str, Callable[..., None]] = {
    "docs": docs,
}
