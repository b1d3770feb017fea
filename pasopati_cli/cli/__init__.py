"""The command line. The only layer that prints problems and chooses exit codes.

Domain modules are imported inside the commands, so `pasopati --help` costs no more than Typer itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any

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
    _share_type_adapters()
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


# Typer (0.20 and later) builds a pydantic TypeAdapter for every parameter of the command that runs,
# about 1.3 ms each: a third of `respond`'s own start-up for its two dozen options, almost all of them
# plain `str`, `Path` or `bool`. An adapter depends only on the annotation and on the parameter settings
# that change how a value is read, so parameters that agree on those share one. Only display settings are
# left out of the key; a setting Typer adds later is part of it, so a new Typer can cost sharing, never
# correctness. Older Typers without these internals are left alone.
_DISPLAY_ONLY = frozenset(
    {
        "default",
        "default_factory",
        "param_decls",
        "callback",
        "metavar",
        "expose_value",
        "is_eager",
        "envvar",
        "show_envvar",
        "shell_complete",
        "autocompletion",
        "show_default",
        "show_choices",
        "help",
        "hidden",
        "rich_help_panel",
        "prompt",
        "confirmation_prompt",
        "prompt_required",
        "hide_input",
        "allow_from_autoenv",
    }
)


def _adapter_key(annotation: object, parameter_info: object) -> tuple[object, ...] | None:
    settings = tuple(sorted((k, v) for k, v in vars(parameter_info).items() if k not in _DISPLAY_ONLY))
    key = (annotation, type(parameter_info), settings)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _share_type_adapters() -> None:
    import typer.core

    core: Any = typer.core
    build = getattr(core, "build_runtime_param", None)
    if build is None or getattr(build, "_pasopati", False):
        return

    def build_runtime_param(descriptor: object) -> object:
        _memoize_adapters()  # pydantic is needed from here on anyway; --help never gets here
        return build(descriptor)

    build_runtime_param._pasopati = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param


def _memoize_adapters() -> None:
    try:
        from typer import _adapters as imported
    except ImportError:  # pragma: no cover - a Typer without adapters
        return
    adapters: Any = imported
    build = getattr(adapters, "try_build_adapter", None)
    if build is None or getattr(build, "_pasopati", False):
        return
    shared: dict[tuple[object, ...], object] = {}

    def try_build_adapter(annotation: object, parameter_info: object) -> object:
        key = _adapter_key(annotation, parameter_info)
        if key is None:
            return build(annotation, parameter_info)
        if key not in shared:
            shared[key] = build(annotation, parameter_info)
        return shared[key]

    try_build_adapter._pasopati = True  # type: ignore[attr-defined]
    adapters.try_build_adapter = try_build_adapter


@lru_cache(maxsize=1)
def _full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # every command, for tests and tools that import the app
        return _full_app()
    raise AttributeError(name)


_PLUGIN_LOADER = "pydantic.plugin._loader"


def skip_plugin_scan() -> None:
    """With pydantic's plugins disabled, stand in for its plugin loader without importing importlib.metadata.

    pydantic's loader imports importlib.metadata (a twentieth of a response's start-up) when the first
    validator is built, even when PYDANTIC_DISABLE_PLUGINS makes it return no plugins. The stand-in
    returns no plugins too; anything else asked of it loads the real loader in its place."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true") or _PLUGIN_LOADER in sys.modules:
        return
    import types

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asking what kind of module this is
            raise AttributeError(name)
        sys.modules.pop(_PLUGIN_LOADER, None)
        import importlib

        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in = types.ModuleType(_PLUGIN_LOADER, "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS).")
    stand_in.get_plugins = tuple  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = stand_in


def main() -> None:
    """Run the app; an unexpected crash becomes one line and a log file, never a bare traceback."""
    # pydantic would scan every installed package's entry points for plugins; pasopati uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_scan()
    try:
        build_app(sys.argv[1:])()
    except SystemExit:
        raise
    except Exception as exc:  # the last net: every known failure is a PasopatiError handled in commands
        raise SystemExit(common.crash(exc)) from None
