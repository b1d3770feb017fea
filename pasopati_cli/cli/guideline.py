"""`pasopati init` and `where`: a unit's own guideline, started from the installed one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pasopati_cli.cli.common import (
    GuidelineOption,
    LangOption,
    ReportFormatOption,
    StrictOption,
    check_choice,
    edge,
    report_problems,
    said,
)

if TYPE_CHECKING:
    from pasopati_cli.app.guideline import CheckedGuideline


def init(
    folder: Annotated[Path, typer.Argument(help="Folder pedoman unit yang dibuat. / The unit guideline's folder.")],
    force: Annotated[
        bool, typer.Option("--force", help="Timpa berkas pedoman di folder yang tidak kosong. / Overwrite.")
    ] = False,
    repository: Annotated[
        str | None,
        typer.Option("--repo", help="URL repositori pasopati untuk pre-commit dan CI. / pasopati's repository URL."),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Mulai pedoman unit sendiri dari pedoman terpasang. / Start a unit's own guideline."""
    with edge(lang) as language:
        from pasopati_cli.app.guideline import init_guideline

        done = init_guideline(target=folder, force=force, repository=repository)
        up = done.upstream
        said("init_done", language, root=folder, count=len(done.files), name=up.name, version=up.version,
             hash=up.hash[:19])  # fmt: skip
        if done.to_fill:
            said("init_fill", language, files=", ".join(done.to_fill))
        said("init_next", language, root=folder)


def where(lang: LangOption = None) -> None:
    """Cetak folder pedoman terpasang. / Print the installed guideline's folder."""
    with edge(lang):
        from pasopati_cli.app.guideline import where_guideline

        typer.echo(str(where_guideline()))


def test(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Folder pedoman; bawaan: pedoman folder kerja, atau yang terpasang. / Guideline folder."),
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help="Hanya jenis kejadian ini (boleh berulang). / Only this crisis type.",
            show_default=False,
        ),
    ] = None,
    output_format: ReportFormatOption = "auto",
    strict: StrictOption = False,
    guideline: GuidelineOption = None,
    lang: LangOption = None,
) -> None:
    """Uji setiap jalur triase: pernyataan dirender dan diperiksa, cakupan cabang. / Test every triage path."""
    from pasopati_cli.report import FORMATS

    check_choice(output_format, FORMATS)
    with edge(lang) as language:
        from pasopati_cli.app.coverage import cover_guideline
        from pasopati_cli.cli.views import print_coverage

        done = cover_guideline(folder=folder, guideline=guideline, cwd=Path.cwd(), types=types or [])
        name_checked([done.guideline], language, "guideline_tested")
        summary = lambda screen: print_coverage(screen, done, language)  # noqa: E731
        report_problems(output_format, done.files, done.problems, language, strict, summary, done.as_dict())


def name_checked(
    guidelines: Sequence[CheckedGuideline], lang: Literal["id", "en"], key: str = "guideline_checked"
) -> None:
    """One line on stderr per guideline a validation checked (or `test` tested), naming what it checked."""
    from pasopati_cli.messages import t

    for checked in guidelines:
        about = ""
        if checked.name is not None:
            bundled = t("guideline_bundled", lang) if checked.bundled else ""
            about = t("guideline_about", lang, name=checked.name, version=checked.version, bundled=bundled)
        sys.stderr.write(t(key, lang, root=checked.root, about=about) + "\n")


COMMANDS: dict[str, Callable[..., None]] = {"init": init, "where": where, "test": test}
