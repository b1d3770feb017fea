"""Typer's per-parameter value adapters are shared between parameters that read values the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from pasopati_cli.cli import _adapter_key, build_app

adapters = pytest.importorskip("typer._adapters")
models = pytest.importorskip("typer.models")


def test_parameters_that_differ_only_in_help_and_default_share_a_key() -> None:
    first = models.OptionInfo(default=None, help="Berkas jawaban")
    second = models.OptionInfo(default="x", help="Berkas unit", rich_help_panel="Masukan")
    assert _adapter_key(str, first) == _adapter_key(str, second)


def test_parameters_that_read_values_differently_do_not_share() -> None:
    plain = models.OptionInfo(default=None)
    existing = models.OptionInfo(default=None, exists=True)
    assert _adapter_key(Path, plain) != _adapter_key(Path, existing)
    assert _adapter_key(str, plain) != _adapter_key(Path, plain)
    assert _adapter_key(str, plain) != _adapter_key(str, models.ArgumentInfo(default=None))


def test_the_options_of_respond_share_one_adapter_per_way_of_reading_a_value() -> None:
    command = typer.main.get_command(build_app(["respond"])).commands["respond"]  # type: ignore[attr-defined]
    texts = [
        p
        for p in command.params
        if p.type_descriptor.annotation is str and isinstance(p.type_descriptor.parameter_info, models.OptionInfo)
    ]
    assert len(texts) > 3
    shared = {id(p.get_runtime_param().adapter) for p in texts}
    assert len(shared) == 1


def test_a_bad_value_is_still_refused_through_a_shared_adapter(run) -> None:
    result = run("triage", "kerusuhan", "--lang", "xx")
    assert result.code == 2
    assert "--lang" in result.err


def _python(code: str, **env: str) -> str:
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True)
    return done.stdout


SCRIPT = """
import sys
from pasopati_cli.cli import skip_plugin_scan
skip_plugin_scan()
import pydantic
print(pydantic.TypeAdapter(int).validate_python("7"), "importlib.metadata" in sys.modules)
from pydantic.plugin import _loader
print(_loader.PYDANTIC_ENTRY_POINT_GROUP, "importlib.metadata" in sys.modules)
"""


def test_with_plugins_disabled_pydantic_validates_without_scanning_entry_points() -> None:
    assert _python(SCRIPT, PYDANTIC_DISABLE_PLUGINS="__all__") == "7 False\npydantic True\n"


def test_with_plugins_enabled_the_real_plugin_loader_is_used() -> None:
    assert _python(SCRIPT) == "7 True\npydantic True\n"
