"""The command line. The only layer that prints problems and chooses exit codes.

Domain modules are imported inside the commands, so `pasopati --help` costs no more than Typer itself.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated

import typer

from pasopati_cli.cli import common


def build_app(argv: Sequence[str] | None = None) -> typer.Typer:
    """The app with every command (argv None), or with only what the command line `argv` needs.

    Typer turns every registered command's signature into parameters before it runs anything; building
    only the command that runs keeps start-up flat however many commands the tool grows."""
    app = typer.Typer(
        name="pasopati",
        help="Komunikasi krisis Pemasyarakatan (pedoman Pasopati): triase, pemberitahuan, siaran pers. "
        "/ Crisis communication for Indonesian corrections.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    # A callback keeps the app a group even when only one command is built (Typer would otherwise run a
    # lone command as the program itself, and `pasopati respond` would read "respond" as its argument).
    app.callback()(_group)
    common.register(app, argv)
    return app


def _print_version(value: bool) -> None:
    if value:
        from pasopati_cli import __version__

        typer.echo(f"pasopati {__version__}")
        raise typer.Exit()


def _group(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Cetak versi. / Print the version."),
    ] = False,
) -> None:
    pass


# gc thresholds for a run: generation 0 is collected after this many allocations net of frees (Python's
# default is 700); the older generations keep their usual ratios.
COLLECT_EVERY = (100_000, 10, 10)


@lru_cache(maxsize=1)
def _full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # every command, for tests and tools that import the app
        return _full_app()
    raise AttributeError(name)


def main() -> None:
    """Run the app; an unexpected crash becomes one line and a log file, never a bare traceback."""
    # pydantic would scan every installed package's entry points for plugins; pasopati uses none.
    # (PYDANTIC_DISABLE_PLUGINS is pydantic's documented switch; an officer's own setting wins.)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command lives for a fraction of a second and what it builds (the command's modules, pydantic's
    # schemas, the guideline) lives until it exits: the cyclic collector, run every 700 allocations by
    # default, walks it all again and again and frees nothing. Collect rarely instead.
    gc.set_threshold(*COLLECT_EVERY)
    try:
        build_app(sys.argv[1:])()
    except SystemExit:
        raise
    except Exception as exc:  # the last net: every known failure is a PasopatiError handled in commands
        raise SystemExit(common.crash(exc)) from None
    finally:
        # The process ends here. Python collects cycles once more while it shuts down, walking every
        # object the command left (modules, classes, schemas): as long as the command took to import them
        # for a respond, and nothing is freed that the exit does not free anyway. Moved out of the
        # collector's sight (gc.freeze, documented), they are released without that walk.
        gc.freeze()
