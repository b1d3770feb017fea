"""Validating 1,000 playbooks: pasopati against a parse-and-validate floor and against check-jsonschema.

    python benchmarks/bench_validate.py [--count 1000] [--repeat 3] [--cli-repeat 1] [--part all|inprocess|cli]
                                        [--check-jsonschema PATH] [--no-install] [--check]

The synthetic guideline (benchmarks/_work/synthetic, rebuilt each run by benchmarks/synthetic.py) holds the
real playbooks/guideline.yaml, the real kerusuhan templates and partials, and COUNT generated crisis types
of about 6 KB each. It must validate with zero problems; the script stops (exit 2) if it does not.

Targets, each a ratio of medians measured in this run, measured and reference runs interleaved:
  1. in process: pasopati_cli.validation.validate_paths([dir], dir, today) (positions, duplicate keys,
     every meaning check, the templates) <= 1.3 x the floor: for each file, read + yaml.load(CSafeLoader)
     + CrisisType/Guideline.model_validate.
  2. end to end: check-jsonschema --schemafile schema/crisis-type.schema.json FILES >= 10 x
     `pasopati validate DIR --format json`, each a fresh process.
check-jsonschema is installed on first use into benchmarks/_work/cjs-venv (git-ignored):
    python -m venv benchmarks/_work/cjs-venv && benchmarks/_work/cjs-venv/bin/pip install check-jsonschema
It takes about a minute per run over 1,000 files, so it runs --cli-repeat times (default once), bracketed
by pasopati runs (cli-repeat + 1 of them).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml
from benchlib import Series, Verdict, finish, header, interleave, machine, run_command, timed
from synthetic import DEFAULT_DEST, REPO, TEMPLATE_FOLDERS, WORK, build

from pasopati_cli.model import CrisisType, Guideline
from pasopati_cli.validation import validate_paths

FLOOR_LIMIT = 1.3
CJS_LIMIT = 10.0
SCHEMA = REPO / "schema" / "crisis-type.schema.json"
CJS_VENV = WORK / "cjs-venv"
TEMPLATES_ONLY = WORK / "templates_only"


def floor(guideline: Path, files: list[Path]) -> None:
    """The least any validator must do: read, parse with libyaml, validate with the same models."""
    Guideline.model_validate(yaml.load(guideline.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    for path in files:
        CrisisType.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))


def pasopati(folder: Path) -> None:
    result = validate_paths([folder], folder, date.today())
    # Templates with no crisis type to use them are unused by construction (P121) in the fixed-cost folder.
    problems = [p for p in result.problems if not (folder == TEMPLATES_ONLY and p.code == "P121")]
    if problems:
        sys.stderr.write(f"{folder}: {len(problems)} problems; the synthetic guideline must be clean:\n")
        for found in problems[:20]:
            sys.stderr.write(f"  {found.file}:{found.line}:{found.column} {found.code} {found.message('en')}\n")
        sys.exit(2)


def templates_only() -> Path:
    """The guideline and the templates without any crisis type: validate_paths' fixed cost."""
    build(0, TEMPLATES_ONLY)
    return TEMPLATES_ONLY


def check_jsonschema(explicit: str | None, install: bool) -> tuple[str | None, str]:
    """The check-jsonschema executable, installing it into a throwaway venv if allowed."""
    if explicit:
        return explicit, ""
    executable = CJS_VENV / "bin" / "check-jsonschema"
    if executable.is_file():
        return str(executable), ""
    if not install:
        return None, f"not installed (run: python -m venv {CJS_VENV} && {CJS_VENV}/bin/pip install check-jsonschema)"
    print(f"installing check-jsonschema into {CJS_VENV.relative_to(REPO)} ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(CJS_VENV)], check=True, capture_output=True)
        subprocess.run(
            [str(CJS_VENV / "bin" / "pip"), "install", "--quiet", "check-jsonschema"], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        last = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(exc)]
        return None, f"could not be installed ({last[0]})"
    return (str(executable), "") if executable.is_file() else (None, "installed, but no check-jsonschema executable")


def cli_pasopati(folder: Path, count: int) -> float:
    command = [sys.executable, "-c", "from pasopati_cli.cli import main; main()"]
    command += ["validate", str(folder.relative_to(REPO)), "--format", "json"]
    seconds, done = run_command(command, cwd=REPO)
    report = json.loads(done.stdout or b"{}")
    if done.returncode != 0 or report.get("problems") or report.get("files_checked", 0) < count + 1:
        sys.stderr.write(f"pasopati validate failed (exit {done.returncode}):\n{done.stdout[:2000]!r}\n")
        sys.exit(2)
    return seconds


def cli_check_jsonschema(executable: str, files: list[Path]) -> float:
    command = [executable, "--schemafile", str(SCHEMA.relative_to(REPO))]
    command += [str(path.relative_to(REPO)) for path in files]
    seconds, done = run_command(command, cwd=REPO)
    if done.returncode != 0:
        sys.stderr.write(f"check-jsonschema failed (exit {done.returncode}):\n{done.stdout[-2000:]!r}\n")
        sys.exit(2)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="synthetic crisis types (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="in-process rounds (default 3)")
    parser.add_argument("--cli-repeat", type=int, default=1, help="check-jsonschema runs (default 1)")
    parser.add_argument("--part", choices=("all", "inprocess", "cli"), default="all")
    parser.add_argument("--check-jsonschema", default=None, help="use this executable instead of the venv's")
    parser.add_argument("--no-install", action="store_true", help="do not install check-jsonschema")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args()

    os.chdir(REPO)
    folder = DEFAULT_DEST
    files = build(args.count, folder)
    guideline = folder / "playbooks" / "guideline.yaml"
    sizes = [path.stat().st_size for path in files]
    templates = sorted(p.relative_to(folder / "templates") for p in (folder / "templates").rglob("*.md"))
    print(f"bench_validate — {machine()}")
    print(
        f"synthetic guideline: {folder.relative_to(REPO)}: {len(files)} crisis types, "
        f"{sum(sizes) / len(sizes) / 1000:.1f} KB on average ({min(sizes)}-{max(sizes)} bytes), + guideline.yaml"
    )
    print(
        f"templates: only the {len(templates)} real ones ({', '.join(f'{f}/' for f in TEMPLATE_FOLDERS)}); "
        "validate_paths checks them (Jinja parse + compile, a trial render of each statement template), "
        "the floor and check-jsonschema do not"
    )
    verdicts: list[Verdict] = []

    if args.part in ("all", "inprocess"):
        fixed = templates_only()
        floor(guideline, files)  # warm-up: imports, pydantic model building, page cache
        pasopati(fixed)  # warm-up: jinja2 and the checks
        measured = Series("pasopati validate_paths (in process)")
        reference = Series("floor: read + yaml.load(CSafeLoader) + model_validate")
        print(f"\nin process, {args.repeat} interleaved rounds (gc.collect() before each run):", flush=True)
        interleave(
            [
                (measured, lambda: timed(lambda: pasopati(folder))),
                (reference, lambda: timed(lambda: floor(guideline, files))),
            ],
            args.repeat,
            before_each=gc.collect,
        )
        info = Series("info: validate_paths on guideline + templates only (fixed cost)")
        interleave([(info, lambda: timed(lambda: pasopati(fixed)))], 3, before_each=gc.collect)
        print(header())
        for series in (measured, reference, info):
            print(series.row())
        verdict = Verdict("validate_paths / floor", measured.median / reference.median, FLOOR_LIMIT)
        if not verdict.passed:
            diagnostic = Series("diagnostic: validate_paths with gc.disable() (not a target)")

            def without_gc() -> float:
                gc.disable()
                try:
                    return timed(lambda: pasopati(folder))
                finally:
                    gc.enable()

            interleave([(diagnostic, without_gc)], 3, before_each=gc.collect)
            print(diagnostic.row())
            paused = diagnostic.median / reference.median
            print(f"  -> {paused:.2f} x the floor if validate_paths paused the cyclic GC (floor unchanged)")
            if paused <= FLOOR_LIMIT:
                print("     the excess is full GC passes over the node trees, data and models kept for every file")
        verdicts.append(verdict)

    if args.part in ("all", "cli"):
        executable, why = check_jsonschema(args.check_jsonschema, not args.no_install)
        print(f"\nend to end, fresh processes ({args.cli_repeat} check-jsonschema run(s), bracketed by pasopati):")
        if executable is None:
            print(f"  check-jsonschema {why}; skipping that target")
            verdicts.append(Verdict("check-jsonschema / pasopati validate", None, CJS_LIMIT, False, skipped=why))
        else:
            version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout.strip()
            version = version.replace(", version", "")
            cli_pasopati(folder, args.count)  # warm-up, and proof that the folder is clean end to end
            ours = Series(f"pasopati validate {folder.relative_to(REPO)} --format json (whole folder)")
            theirs = Series(f"{version} --schemafile {SCHEMA.stem} ({len(files)} files)")
            ours.times.append(cli_pasopati(folder, args.count))
            for _ in range(args.cli_repeat):
                print(f"  running {version} over {len(files)} files ...", flush=True)
                theirs.times.append(cli_check_jsonschema(executable, files))
                ours.times.append(cli_pasopati(folder, args.count))
            print(header())
            print(ours.row())
            print(theirs.row())
            verdicts.append(
                Verdict("check-jsonschema / pasopati validate", theirs.median / ours.median, CJS_LIMIT, at_most=False)
            )
    finish(verdicts, args.check)


if __name__ == "__main__":
    main()
