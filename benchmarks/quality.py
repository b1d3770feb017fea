"""Render every shipped statement with its example answers and count those the guard and the style check pass.

Every crisis type's `examples/<type>.answers.yaml` with `examples/unit.yaml`, every statement kind the type
uses, in Indonesian and in English, rendered as `pasopati statement` renders it; then the disclosure guard
and the style check (`pasopati check`) over the text. Prints one row per statement and the totals; with
`--markdown` the rows are a Markdown table (docs/quality.md). Exits 1 with `--check` when any statement has
a finding.

    python benchmarks/quality.py [--markdown] [--check]
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="pasopati-quality-"))
    os.environ.update(
        PASOPATI_JOURNAL=str(scratch / "journal.sqlite3"), PASOPATI_CACHE="off", PASOPATI_OPERATOR="quality"
    )
    from typer.testing import CliRunner

    from pasopati_cli.cli import app
    from pasopati_cli.guard import guard_statement
    from pasopati_cli.response import load_guide
    from pasopati_cli.style import Target, style_statement

    runner = CliRunner()
    rows: list[tuple[str, str, str, list[str], list[str]]] = []
    for answers in sorted((REPO / "examples").glob("*.answers.yaml")):
        type_id = answers.name.split(".")[0]
        guide = load_guide(REPO, type_id)
        for kind in dict.fromkeys(use.kind for use in guide.crisis(type_id).statements):
            for lang in ("id", "en"):
                args = [
                    "statement",
                    type_id,
                    kind,
                    "--answers",
                    str(answers),
                    "--unit",
                    str(REPO / "examples" / "unit.yaml"),
                ]
                result = runner.invoke(app, [*args, "--lang", lang, "--non-interactive", "--guideline", str(REPO)])
                if result.exit_code != 0:
                    rows.append((type_id, kind, lang, ["render-failed"], []))
                    continue
                text = result.stdout
                guard = [p.code for p in guard_statement(text, guide.guideline.disclosure)]
                style = [p.code for p in style_statement(text, guide.guideline.style, Target(lang, kind))]  # type: ignore[arg-type]
                rows.append((type_id, kind, lang, guard, style))
    markdown = "--markdown" in argv
    if markdown:
        print("| type | kind | lang | guard | style |")
        print("|---|---|---|---|---|")
    for type_id, kind, lang, guard, style in rows:
        cells = [type_id, kind, lang, ", ".join(guard) or "pass", ", ".join(style) or "pass"]
        print(("| " + " | ".join(cells) + " |") if markdown else "  ".join(cells))
    codes = Counter(code for *_, guard, style in rows for code in guard + style)
    guard_ok = sum(not guard for *_, guard, _ in rows)
    style_ok = sum(not style for *_, style in rows)
    both = sum(not guard and not style for *_, guard, style in rows)
    print(
        f"\nstatements rendered: {len(rows)}; pass the guard: {guard_ok}; pass the style check: {style_ok}; "
        f"pass both: {both}; findings by code: {dict(sorted(codes.items())) or 'none'}"
    )
    return 1 if "--check" in argv and both < len(rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
