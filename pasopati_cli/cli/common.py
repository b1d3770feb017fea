"""Options shared by every command, and the edge where problems become output and exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from pasopati_cli.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Bahasa keluaran: id (bawaan) atau en. / Output language.",
        show_default=False,
    ),
]
GuidelineOption = Annotated[
    Path | None,
    typer.Option(
        "--guideline",
        "-g",
        envvar="PASOPATI_GUIDELINE",
        help="Folder pedoman (berisi playbooks/ dan templates/); bawaan: pedoman Pasopati. / Guideline folder.",
        show_default=False,
    ),
]


def resolve_lang(option: str | None) -> Literal["id", "en"]:
    """--lang, else PASOPATI_LANG, else English when LANG starts with 'en', else Indonesian."""
    value = option or os.environ.get("PASOPATI_LANG") or ""
    if not value and os.environ.get("LANG", "").lower().startswith("en"):
        value = "en"
    value = value.lower()
    if value not in ("", "id", "en"):
        raise typer.BadParameter(f"'{option}': pakai id atau en / use id or en", param_hint="--lang")
    return "en" if value == "en" else "id"


def guideline_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    from pasopati_cli.loader import package_guideline_dir

    return package_guideline_dir()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_problems(problems: list[Problem], lang: Literal["id", "en"]) -> None:
    """Problems that stop a command, on stderr: located ones as file:line:col, the rest as 'galat:'."""
    from pasopati_cli.report import parsable

    for found in problems:
        if found.file:
            sys.stderr.write(parsable([found], lang))
        else:
            label = (
                found.severity.value
                if lang == "en"
                else {"error": "galat", "warning": "peringatan"}[found.severity.value]
            )
            sys.stderr.write(f"{label}: {found.code} {found.message(lang)}\n")
    sys.stderr.flush()


@contextmanager
def edge(lang: Literal["id", "en"]) -> Iterator[None]:
    """Turn the domain's one error type and Ctrl-C into messages and exit codes."""
    from pasopati_cli.problems import PasopatiError

    try:
        yield
    except PasopatiError as error:
        print_problems(error.problems, lang)
        if error.hint:
            sys.stderr.write(error.hint + "\n")
        raise typer.Exit(EXIT_INVALID) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nDihentikan.\n" if lang == "id" else "\nInterrupted.\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def crash(exc: BaseException) -> int:
    """Write the traceback to a log file and tell the user where it is."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    try:
        with tempfile.NamedTemporaryFile("w", prefix="pasopati-crash-", suffix=".log", delete=False) as log:
            log.write(text)
            where = log.name
    except OSError:
        where = "-"
        sys.stderr.write(text)
    sys.stderr.write(
        f"pasopati: kesalahan internal ({type(exc).__name__}: {exc}); rincian di {where}. "
        f"Mohon laporkan. / Internal error; details in {where}. Please report it.\n"
    )
    return EXIT_CRASH


# Where each top-level command lives, in the order `pasopati --help` lists them.
COMMAND_MODULES = {
    "list": "respond",
    "triage": "respond",
    "assign": "respond",
    "statement": "respond",
    "respond": "respond",
    "incident": "incident",
    "validate": "validate",
    "schema": "validate",
    "check": "check",
    "docs": "docs",
    "monitor": "monitor",
}


def wanted(argv: Sequence[str], known: Iterable[str]) -> tuple[str | None, bool]:
    """(the command `argv` names, listing?) for building only what a run needs.

    A known command: build just that one. No command (`--help`, nothing): listing stand-ins, which give the
    same command list without building every command's parameters. Anything else: build them all, so that
    Typer's own error (with its suggestions) is the one the user sees."""
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    if name is None:
        return None, True
    return (name, False) if name in set(known) else (None, False)


def add_commands(
    app: typer.Typer, commands: Mapping[str, Callable[..., None]], only: str | None, listing: bool
) -> None:
    for name, function in commands.items():
        if only is None or only == name:
            app.command(name)(listed(function) if listing else function)


def listed(function: Callable[..., object]) -> Callable[[], None]:
    """A stand-in with the command's help and no parameters, for the command list only.

    A run that names the command builds the real one, so a stand-in never runs."""

    def stand_in() -> None:
        raise RuntimeError(f"listing stand-in for {function.__name__} was run")

    stand_in.__doc__ = function.__doc__
    return stand_in


def register(app: typer.Typer, argv: Sequence[str] | None = None) -> None:
    """Every command (argv None: tests, documentation), or only what the command line `argv` needs."""
    import importlib

    only, listing = (None, False) if argv is None else wanted(argv, COMMAND_MODULES)
    modules = dict.fromkeys(COMMAND_MODULES.values()) if only is None else {COMMAND_MODULES[only]: None}
    if listing:  # Typer lists groups after commands; the stand-ins for the groups go last as well
        groups = ("incident", "monitor")
        modules = {name: None for name in modules if name not in groups} | dict.fromkeys(groups)
    rest = None if argv is None else list(argv)  # None: build everything, at every depth
    if rest is not None and only is not None:
        rest = rest[rest.index(only) + 1 :]
    for name in modules:
        module = importlib.import_module(f"pasopati_cli.cli.{name}")
        module.register(app, only, listing, rest)
