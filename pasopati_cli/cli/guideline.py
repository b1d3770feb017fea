"""`pasopati init` and `where`: a unit's own guideline, started from the installed one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pasopati_cli.cli.common import (
    EXIT_INVALID,
    ReportFormatOption,
    Session,
    StrictOption,
    check_choice,
    command,
    display,
    emit,
    print_problems,
    report_problems,
)

if TYPE_CHECKING:
    from pasopati_cli.app.guideline import CheckedGuideline


FolderArgument = Annotated[Path, typer.Argument(help="Folder pedoman unit yang dibuat. / The unit guideline's folder.")]
InitForceOption = Annotated[bool, typer.Option("--force", help="Timpa berkas pedoman di folder yang tidak kosong. / "
                                               "Overwrite.")]  # fmt: skip
RepoOption = Annotated[str | None, typer.Option("--repo", help="URL repositori pasopati untuk pre-commit dan CI. / "
                                                "pasopati's repository URL.")]  # fmt: skip
UnitFolderArgument = Annotated[Path, typer.Argument(help="Folder pedoman unit. / The unit guideline's folder.")]
BaseOption = Annotated[Path | None, typer.Option("--base", show_default=False, help="Folder rilis awal pedoman ini, "
                       "bila salinan aslinya hilang. / The release it started from, if its copy is lost.")]  # fmt: skip
ToOption = Annotated[Path | None, typer.Option("--to", show_default=False, help="Pedoman tujuan; bawaan: yang "
                     "terpasang. / Upgrade to this guideline folder instead of the installed one.")]  # fmt: skip
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Tampilkan saja, jangan tulis. / Write nothing.")]


@command("lang")
def init(s: Session, folder: FolderArgument, force: InitForceOption = False, repository: RepoOption = None) -> None:
    """Mulai pedoman unit sendiri dari pedoman terpasang. / Start a unit's own guideline."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.guideline import init_guideline

    display(screens.initialised(init_guideline(target=folder, force=force, repository=repository), folder, s.lang))


@command("lang")
def where(s: Session) -> None:
    """Cetak folder pedoman terpasang. / Print the installed guideline's folder."""
    from pasopati_cli.app.guideline import where_guideline

    typer.echo(str(where_guideline()))


@command("output_format", "lang", formats=("text", "json"))
def upgrade(s: Session, folder: UnitFolderArgument = Path("."), base: BaseOption = None, to: ToOption = None,
            dry_run: DryRunOption = False) -> None:  # fmt: skip
    """Gabungkan rilis pedoman terpasang ke pedoman unit. / Take the installed guideline release."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.upgrade import upgrade_guideline

    done = upgrade_guideline(target=folder, installed=to, base=base, dry_run=dry_run)
    if s.format == "json":
        emit(done.as_dict(s.lang))
    else:  # what changed, the problems (on stderr), then what to do next
        display(screens.upgraded(done, folder, s.lang))
        print_problems(done.problems, s.lang)
        display(screens.upgrade_next(done, folder, dry_run, s.lang))
    if done.problems:
        raise typer.Exit(EXIT_INVALID)


TestFolderArgument = Annotated[Path | None, typer.Argument(help="Folder pedoman; bawaan: pedoman folder kerja, atau "
                               "yang terpasang. / Guideline folder.")]  # fmt: skip
TypesOption = Annotated[list[str] | None, typer.Option("--type", "-t", show_default=False, help="Hanya jenis kejadian "
                        "ini (boleh berulang). / Only this crisis type.")]  # fmt: skip


@command("guideline", "lang")
def test(s: Session, folder: TestFolderArgument = None, types: TypesOption = None,
         output_format: ReportFormatOption = "auto", strict: StrictOption = False) -> None:  # fmt: skip
    """Uji setiap jalur triase: pernyataan dirender dan diperiksa, cakupan cabang. / Test every triage path."""
    from pasopati_cli.app import screens
    from pasopati_cli.app.coverage import cover_guideline
    from pasopati_cli.report import FORMATS

    check_choice(output_format, FORMATS)
    done = cover_guideline(folder=folder, guideline=s.options["guideline"], cwd=Path.cwd(), types=types or [])
    name_checked([done.guideline], s.lang, "guideline_tested")
    report_problems(output_format, done.files, done.problems, s.lang, strict, screens.coverage(done, s.lang),
                    done.as_dict())  # fmt: skip


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


COMMANDS: dict[str, Callable[..., None]] = {"init": init, "upgrade": upgrade, "where": where, "test": test}
