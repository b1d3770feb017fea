"""Draws a screen (`app/screens.py`: lines and tables of styled spans) with Rich. What is shown is decided
there; this module only knows Rich."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pasopati_cli.app.screens import Grid, Screen, Span


def _text(spans: tuple[Span, ...]) -> Text:
    return Text.assemble(*spans)


def _table(shown: Grid) -> Table:
    table = Table(title=shown.title, title_justify="left", expand=shown.expand)
    if shown.plain:
        table = Table(show_header=True, header_style="bold", box=None)
    for column in shown.columns:
        table.add_column(column.header, no_wrap=column.no_wrap, justify=column.justify, ratio=column.ratio,
                         min_width=column.min_width, overflow="fold" if column.fold else "ellipsis")  # fmt: skip
    for cells, style in shown.rows:
        table.add_row(*(_text(cell) for cell in cells), style=style or None)
    return table


def renderable(screen: Screen) -> RenderableType:
    """One Rich renderable for a whole screen (what a live display updates)."""
    return Group(*(_table(block) if isinstance(block, Grid) else _text(block.spans) for block in screen))


def draw(console: Console, screen: Screen) -> None:
    for block in screen:
        console.print(_table(block) if isinstance(block, Grid) else _text(block.spans))
