"""The command reference in docs/ is the CLI's own help, so it cannot drift from what the tool does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_the_command_reference_is_what_the_cli_says_about_itself(tmp_path: Path) -> None:
    output = tmp_path / "commands.md"
    command = [sys.executable, "-m", "typer", "--app", "app", "pasopati_cli.cli", "utils", "docs"]
    done = subprocess.run([*command, "--name", "pasopati", "--output", str(output)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    committed = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    header, _, body = committed.partition("-->\n\n")
    assert header.startswith("<!-- Generated from the CLI")
    assert body == output.read_text(encoding="utf-8")
