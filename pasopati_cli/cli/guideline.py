"""`pasopati init` and `where`: a unit's own guideline, started from the installed one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pasopati_cli.cli.common import (
    EXIT_INVALID,
    LangOption,
    ResultFormatOption,
    check_choice,
    edge,
    emit,
    print_problems,
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


def upgrade(
    folder: Annotated[Path, typer.Argument(help="Folder pedoman unit. / The unit guideline's folder.")] = Path("."),
    base: Annotated[Path | None, typer.Option("--base", show_default=False, help="Folder rilis awal pedoman ini, "
                    "bila salinan aslinya hilang. / The release it started from, if its kept copy is lost.")] = None,
    to: Annotated[Path | None, typer.Option("--to", show_default=False, help="Pedoman tujuan; bawaan: yang "
                  "terpasang. / Upgrade to this guideline folder instead of the installed one.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Tampilkan saja, jangan tulis. / Write nothing.")] = False,
    output_format: ResultFormatOption = "text",
    lang: LangOption = None,
) -> None:  # fmt: skip
    """Gabungkan rilis pedoman terpasang ke pedoman unit. / Take the installed guideline release."""
    check_choice(output_format, ("text", "json"))
    with edge(lang) as language:
        from pasopati_cli.app.upgrade import upgrade_guideline
        from pasopati_cli.messages import t

        done = upgrade_guideline(target=folder, installed=to, base=base, dry_run=dry_run)
        up = done.upstream
        if output_format == "json":
            emit(done.as_dict(language))
        elif not done.changes:
            said("upgrade_current", language, root=folder, name=up.name, version=up.version)
        else:
            for change in done.changes:
                typer.echo(f"  {t('upgrade_' + change.action, language):<12} {change.file}")
            old = "-" if done.previous is None else f"{done.previous.name} {done.previous.version}"
            said("upgrade_done", language, root=folder, old=old, name=up.name, version=up.version,
                 count=len(done.changes), conflicts=len(done.problems))  # fmt: skip
            print_problems(done.problems, language)
            if dry_run or done.problems:
                said("upgrade_dry" if dry_run else "upgrade_resolve", language, root=folder)
        if done.problems:
            raise typer.Exit(EXIT_INVALID)


def name_checked(guidelines: Sequence[CheckedGuideline], lang: Literal["id", "en"]) -> None:
    """One line on stderr per guideline a validation checked, so that the output names what it checked."""
    from pasopati_cli.messages import t

    for checked in guidelines:
        about = ""
        if checked.name is not None:
            bundled = t("guideline_bundled", lang) if checked.bundled else ""
            about = t("guideline_about", lang, name=checked.name, version=checked.version, bundled=bundled)
        sys.stderr.write(t("guideline_checked", lang, root=checked.root, about=about) + "\n")


COMMANDS: dict[str, Callable[..., None]] = {"init": init, "upgrade": upgrade, "where": where}
