"""`pasopati init` and `where`: a unit's own guideline, started from the installed one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pasopati_cli.cli.common import LangOption, edge, said

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


def name_checked(guidelines: Sequence[CheckedGuideline], lang: Literal["id", "en"]) -> None:
    """One line on stderr per guideline a validation checked, so that the output names what it checked."""
    from pasopati_cli.messages import t

    for checked in guidelines:
        about = ""
        if checked.name is not None:
            bundled = t("guideline_bundled", lang) if checked.bundled else ""
            about = t("guideline_about", lang, name=checked.name, version=checked.version, bundled=bundled)
        sys.stderr.write(t("guideline_checked", lang, root=checked.root, about=about) + "\n")


COMMANDS: dict[str, Callable[..., None]] = {"init": init, "where": where}
