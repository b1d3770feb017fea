"""A bare three-command Typer app: the reference for `pasopati --help` in benchmarks/bench_cli.py.

    python benchmarks/bare_typer_app.py --help

Same Typer, same Rich, same interpreter as pasopati; no domain code at all.
"""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command()
def triage() -> None:
    """Do nothing (first command)."""


@app.command()
def respond() -> None:
    """Do nothing (second command)."""


@app.command()
def validate() -> None:
    """Do nothing (third command)."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
