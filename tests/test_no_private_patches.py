"""pasopati uses other libraries only through their public names: no private module, no patching.

Start-up speed once leaned on replacing `pydantic.plugin._loader` in `sys.modules`, wrapping functions of
`typer.core` and `typer._adapters`, and rebuilding `re` patterns through `re._parser` and `_sre`. Each of
those breaks silently on a dependency's next release. This scan of the package's source refuses them.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pasopati_cli"
OURS = "pasopati_cli"
# Typer's documented surface is the top-level `typer` namespace (plus `typer.testing` for tests); its
# submodules (`typer.core`, `typer.main`, `typer.models`, ...) are its own workings.
TYPER_PUBLIC = {"typer", "typer.testing"}


def _foreign(module: str) -> bool:
    return module != OURS and not module.startswith(OURS + ".") and module != "__future__"


def _private_part(module: str) -> str | None:
    """The first private component of a dotted module name (`_sre`, `re._parser`), or None."""
    return next((part for part in module.split(".") if part.startswith("_") and not part.endswith("__")), None)


def _typer_submodules() -> set[str]:
    import typer

    return {f"typer.{info.name}" for info in pkgutil.iter_modules(typer.__path__)}


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` for an attribute chain on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def offences(source: str, file: str = "<source>") -> list[str]:
    """Every use of another library's private parts in one module's source: `file:line: what`."""
    tree = ast.parse(source)
    found: list[str] = []
    modules: set[str] = set()  # local names bound to another library's modules

    def say(node: ast.AST, what: str) -> None:
        found.append(f"{file}:{getattr(node, 'lineno', 0)}: {what}")

    def check_module(node: ast.AST, module: str) -> None:
        if not _foreign(module):
            return
        if _private_part(module):
            say(node, f"imports the private module {module}")
        elif module.startswith("typer.") and module not in TYPER_PUBLIC:
            say(node, f"imports Typer's internal module {module}")

    def check_typer_attribute(node: ast.AST, dotted: str) -> None:
        module = ".".join(dotted.split(".")[:2])
        if module in TYPER_SUBMODULES and module not in TYPER_PUBLIC and not _private_part(module):
            say(node, f"imports Typer's internal module {module}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                check_module(node, alias.name)
                if _foreign(alias.name):
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            check_module(node, node.module)
            if _foreign(node.module):
                for alias in node.names:
                    if alias.name.startswith("_"):
                        say(node, f"imports the private name {alias.name} from {node.module}")
                    check_module(node, f"{node.module}.{alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted == "sys.modules":
                say(node, "touches sys.modules")
            elif dotted and dotted.split(".")[0] in modules:
                if dotted.startswith("typer."):
                    check_typer_attribute(node, dotted)
                if _private_part(node.attr):
                    say(node, f"uses the private name {dotted}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                dotted = _dotted(target) if isinstance(target, ast.Attribute) else None
                if dotted and dotted.split(".")[0] in modules:
                    say(node, f"patches {dotted}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
            owner = _dotted(node.args[0]) if node.args else None
            if owner and owner.split(".")[0] in modules:
                say(node, f"patches {owner} with {node.func.id}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
            dotted_name = name.isascii() and "." in name and all(part.isidentifier() for part in name.split("."))
            if dotted_name and _foreign(name) and _private_part(name) and name.split(".")[0] in _WATCHED:
                say(node, f"names the private module {name}")
    return found


TYPER_SUBMODULES = _typer_submodules()
# Top-level packages whose private modules a string could name for importlib or sys.modules.
_WATCHED = {"typer", "click", "pydantic", "pydantic_core", "rich", "jinja2", "yaml", "re", "platformdirs"}


def test_the_package_uses_no_private_part_of_another_library() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    found = [o for path in files for o in offences(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))]
    assert found == []


@pytest.mark.parametrize(
    ("source", "offence"),
    [
        ("import sys\nsys.modules['pydantic.plugin._loader'] = object()\n", "touches sys.modules"),
        ("import sys\nsys.modules.pop('x', None)\n", "touches sys.modules"),
        ("x = 'pydantic.plugin._loader'\n", "names the private module pydantic.plugin._loader"),
        ("import _sre\n", "imports the private module _sre"),
        ("from re import _compiler, _parser\n", "imports the private name _compiler from re"),
        ("import re\nre._parser.parse('x')\n", "uses the private name re._parser"),
        ("from typer import _adapters\n", "imports the private name _adapters from typer"),
        ("import typer.core\n", "imports Typer's internal module typer.core"),
        ("import typer\ncore = typer.core\n", "imports Typer's internal module typer.core"),
        ("from typer.core import TyperCommand\n", "imports Typer's internal module typer.core"),
        ("import typer\ntyper.echo = print\n", "patches typer.echo"),
        ("import jinja2\nsetattr(jinja2, 'Environment', None)\n", "patches jinja2 with setattr"),
    ],
)
def test_the_scan_catches_each_way_of_reaching_into_a_library(source: str, offence: str) -> None:
    assert any(found.endswith(offence) for found in offences(source)), offences(source)


def test_the_scan_lets_public_use_and_our_own_private_names_pass() -> None:
    source = (
        "from __future__ import annotations\nimport re\nimport typer\nfrom rich.console import Console\n"
        "from pasopati_cli.cli import _group\nfrom pasopati_cli import _private\n"
        "re.compile('x').__class__\ntyper.Option(None)\n"
    )
    assert offences(source) == []
