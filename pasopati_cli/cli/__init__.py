"""The command line. The only layer that prints problems and chooses exit codes.

Domain modules are imported inside the commands, so `pasopati --help` costs no more than Typer itself.
"""

from __future__ import annotations

import os

import typer

from pasopati_cli.cli import common

app = typer.Typer(
    name="pasopati",
    help="Komunikasi krisis Pemasyarakatan (pedoman Pasopati): triase, pemberitahuan, siaran pers. "
    "/ Crisis communication for Indonesian corrections.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
common.register(app)


def main() -> None:
    """Run the app; an unexpected crash becomes one line and a log file, never a bare traceback."""
    # pydantic would scan every installed package's entry points for plugins at import (~25 ms of
    # a response); pasopati uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # the last net: every known failure is a PasopatiError handled in commands
        raise SystemExit(common.crash(exc)) from None
