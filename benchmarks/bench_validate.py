"""Validating playbooks: pasopati against check-jsonschema and against libyaml's C loader.

    python benchmarks/bench_validate.py [--count 1000] [--repeat 3] [--cli-repeat 1] [--fresh-repeat 7]
                                        [--part all|inprocess|cli|bundled|large]
                                        [--check-jsonschema PATH] [--no-install] [--check]

Targets, each a ratio of medians measured in this run, measured and reference runs interleaved:
  1. in process, over the synthetic guideline (benchmarks/_work/synthetic, rebuilt each run by
     benchmarks/synthetic.py: the real playbooks/guideline.yaml, the real kerusuhan templates and
     partials, COUNT generated crisis types of about 6 KB; it must validate with zero problems, else the
     script stops with exit 2): pasopati_cli.validation.validate_paths([dir], dir, today) (positions,
     duplicate keys, every meaning check, the templates) <= 1.3 x the floor: for each file, read +
     yaml.load(CSafeLoader) + CrisisType/Guideline.model_validate.
  2. end to end over the same folder: check-jsonschema --schemafile schema/crisis-type.schema.json FILES
     >= 10 x `pasopati validate DIR --format json`, each a fresh process.
  a. the bundled guideline, cold: `pasopati validate --format json` in the repository (every playbook and
     template, the trial renders), a fresh process with an empty PASOPATI_CACHE <= 0.5 x check-jsonschema
     --schemafile schema/crisis-type.schema.json over the bundled crisis types (playbooks/*.yaml but
     guideline.yaml and monitoring.yaml, whose kinds that schema does not describe), a fresh process.
  b. in process: validate_paths over a guideline of COUNT copies of the largest shipped crisis type
     (benchmarks/_work/large: the real guideline.yaml, the copies renamed to their file names, the type's
     own templates and the partials) <= 1.3 x reading the copies and yaml.load(text, Loader=CSafeLoader)
     alone (no model). validate_paths pauses the cyclic garbage collector while it works; the reference is
     timed with it paused too, so that the ratio compares the loaders and not Python's collector (the
     plain reference, collector running, is shown beside it).
Fresh processes are also shown in CPU time (user + system of the child, from getrusage): on a shared
machine the wall time of a short process swings with the load, its CPU time much less.
check-jsonschema is installed on first use into benchmarks/_work/cjs-venv (git-ignored):
    python -m venv benchmarks/_work/cjs-venv && benchmarks/_work/cjs-venv/bin/pip install check-jsonschema
Over 1,000 files it takes about a minute per run, so target 2 runs it --cli-repeat times (default once),
bracketed by pasopati runs (cli-repeat + 1 of them); target a runs both --fresh-repeat times.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from benchlib import Series, Verdict, finish, header, interleave, machine, timed
from synthetic import DEFAULT_DEST, REPO, TEMPLATE_FOLDERS, WORK, build

from pasopati_cli.model import CrisisType, Guideline
from pasopati_cli.validation import validate_paths

FLOOR_LIMIT = 1.3
CJS_LIMIT = 10.0
BUNDLED_LIMIT = 0.5
LARGE_LIMIT = 1.3
LARGE = WORK / "large"
CPU_LABEL = "  the same, CPU time (user + system)"
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


def cli_pasopati(folder: Path, count: int, cpu: Series) -> float:
    command = [sys.executable, "-c", "from pasopati_cli.cli import main; main()"]
    command += ["validate", str(folder.relative_to(REPO)), "--format", "json"]
    seconds, used, done = run_timed(command)
    report = json.loads(done.stdout or b"{}")
    if done.returncode != 0 or report.get("problems") or report.get("files_checked", 0) < count + 1:
        sys.stderr.write(f"pasopati validate failed (exit {done.returncode}):\n{done.stdout[:2000]!r}\n")
        sys.exit(2)
    cpu.times.append(used)
    return seconds


# --- fresh processes, in wall and CPU time ------------------------------------------------------------------


def run_timed(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall and CPU seconds (user + system) of one fresh process, with its captured output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


# --- target a: the bundled guideline, cold ------------------------------------------------------------------


def bundled_crisis_types() -> list[Path]:
    """The shipped playbooks check-jsonschema can check with the crisis-type schema."""
    return [path for path in sorted((REPO / "playbooks").glob("*.yaml")) if kind_of(path) == "crisis-type"]


def kind_of(path: Path) -> str | None:
    found = re.search(r"^kind:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else None


def cold_pasopati(cpu: Series, seen: dict[str, int]) -> float:
    """`pasopati validate` of the guideline the repository holds (the bundled one), with an empty cache:
    wall seconds (returned) and CPU seconds (into `cpu`); `seen`: files checked, entries it left in the cache."""
    command = [sys.executable, "-c", "from pasopati_cli.cli import main; main()", "validate", "--format", "json"]
    with tempfile.TemporaryDirectory(prefix="pasopati-cold-") as cache:
        seconds, used, done = run_timed(command, env={**os.environ, "PASOPATI_CACHE": cache})
        seen["cache entries"] = sum(1 for _ in Path(cache).rglob("*"))
    report = json.loads(done.stdout or b"{}")
    if done.returncode != 0 or report.get("problems") or report.get("files_checked", 0) < 2:
        sys.stderr.write(f"pasopati validate failed (exit {done.returncode}):\n{done.stdout[:2000]!r}\n")
        sys.exit(2)
    seen["files"] = report["files_checked"]
    cpu.times.append(used)
    return seconds


def cjs_run(executable: str, files: list[Path], cpu: Series) -> float:
    """check-jsonschema over `files` with the crisis-type schema: wall seconds (returned), CPU into `cpu`."""
    command = [executable, "--schemafile", str(SCHEMA.relative_to(REPO))]
    command += [str(path.relative_to(REPO)) for path in files]
    seconds, used, done = run_timed(command)
    if done.returncode != 0:
        sys.stderr.write(f"check-jsonschema failed (exit {done.returncode}):\n{done.stdout[-2000:]!r}\n")
        sys.exit(2)
    cpu.times.append(used)
    return seconds


def bundled(executable: str, version: str, rounds: int) -> list[Verdict]:
    files = bundled_crisis_types()
    seen: dict[str, int] = {}
    ours = Series("pasopati validate --format json (bundled guideline, empty cache)")
    theirs = Series(f"{version} --schemafile {SCHEMA.stem} ({len(files)} crisis types)")
    ours_cpu, theirs_cpu = Series(CPU_LABEL), Series(CPU_LABEL)
    cold_pasopati(Series(""), seen)  # warm-up: the page cache, and proof that the guideline is clean
    cjs_run(executable, files, Series(""))
    interleave(
        [(ours, lambda: cold_pasopati(ours_cpu, seen)), (theirs, lambda: cjs_run(executable, files, theirs_cpu))],
        rounds,
    )
    print(f"\nthe bundled guideline, cold: {rounds} interleaved rounds of fresh processes; pasopati checks")
    print(f"  {seen['files']} files (playbooks, templates), leaving {seen['cache entries']} entries in its cache:")
    print(header())
    for series in (ours, ours_cpu, theirs, theirs_cpu):
        print(series.row())
    print(f"  -> in CPU time: {ours_cpu.median / theirs_cpu.median:.2f}")
    return [Verdict("bundled guideline cold / check-jsonschema", ours.median / theirs.median, BUNDLED_LIMIT)]


# --- target b: copies of the largest shipped playbook ---------------------------------------------------------


def largest_crisis_type() -> Path:
    return max(bundled_crisis_types(), key=lambda path: path.stat().st_size)


def build_large(count: int) -> tuple[Path, list[Path]]:
    """A guideline of `count` copies of the largest crisis type, each with the id of its file name."""
    source = largest_crisis_type()
    type_id = source.stem
    if LARGE.exists():
        shutil.rmtree(LARGE)
    (LARGE / "playbooks").mkdir(parents=True)
    shutil.copy2(REPO / "playbooks" / "guideline.yaml", LARGE / "playbooks" / "guideline.yaml")
    for folder in (type_id, "_partials"):
        shutil.copytree(REPO / "templates" / folder, LARGE / "templates" / folder)
    text = source.read_text(encoding="utf-8")
    files = []
    for number in range(1, count + 1):
        copy_id = f"{type_id}_{number:04d}"
        copy, found = re.subn(rf"^id: {type_id}$", f"id: {copy_id}", text, count=1, flags=re.MULTILINE)
        assert found == 1, f"no 'id: {type_id}' line in {source}"
        path = LARGE / "playbooks" / f"{copy_id}.yaml"
        path.write_text(copy, encoding="utf-8")
        files.append(path)
    return source, files


def c_loader(files: list[Path]) -> None:
    """The reference of target b: read each file and load it with libyaml's C loader, nothing else."""
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def paused(function: Callable[[], object]) -> float:
    """`timed(function)` with the cyclic garbage collector paused, as validate_paths pauses it."""
    gc.disable()
    try:
        return timed(function)
    finally:
        gc.enable()


def large(count: int, rounds: int) -> list[Verdict]:
    source, files = build_large(count)
    print(
        f"\n{count} copies of the largest shipped crisis type ({source.relative_to(REPO)}, "
        f"{source.stat().st_size / 1000:.1f} KB) in {LARGE.relative_to(REPO)}, in process, {rounds} interleaved rounds:"
    )
    pasopati(LARGE)  # warm-up, and proof that the folder is clean
    c_loader(files[:50])
    measured = Series("pasopati validate_paths (guideline, copies, their templates)")
    reference = Series("reference: read + yaml.load(CSafeLoader), collector paused")
    plain = Series("info: the same reference, collector running (plain)")
    interleave(
        [
            (measured, lambda: timed(lambda: pasopati(LARGE))),
            (reference, lambda: paused(lambda: c_loader(files))),
            (plain, lambda: timed(lambda: c_loader(files))),
        ],
        rounds,
        before_each=gc.collect,
    )
    print(header())
    for series in (measured, reference, plain):
        print(series.row())
    print(f"  -> {measured.median / plain.median:.2f} x the plain reference")
    return [Verdict(f"{count} large playbooks / C loader alone", measured.median / reference.median, LARGE_LIMIT)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="synthetic crisis types (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="in-process rounds (default 3)")
    parser.add_argument("--cli-repeat", type=int, default=1, help="check-jsonschema runs (default 1)")
    parser.add_argument("--fresh-repeat", type=int, default=7, help="rounds of target a (default 7)")
    parser.add_argument("--part", choices=("all", "inprocess", "cli", "bundled", "large"), default="all")
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
            cli_pasopati(folder, args.count, Series(""))  # warm-up, and proof that the folder is clean end to end
            ours = Series(f"pasopati validate {folder.relative_to(REPO)} --format json (whole folder)")
            theirs = Series(f"{version} --schemafile {SCHEMA.stem} ({len(files)} files)")
            ours_cpu, theirs_cpu = Series(CPU_LABEL), Series(CPU_LABEL)
            ours.times.append(cli_pasopati(folder, args.count, ours_cpu))
            for _ in range(args.cli_repeat):
                print(f"  running {version} over {len(files)} files ...", flush=True)
                theirs.times.append(cjs_run(executable, files, theirs_cpu))
                ours.times.append(cli_pasopati(folder, args.count, ours_cpu))
            print(header())
            for series in (ours, ours_cpu, theirs, theirs_cpu):
                print(series.row())
            print(f"  -> in CPU time: {theirs_cpu.median / ours_cpu.median:.2f}")
            verdicts.append(
                Verdict("check-jsonschema / pasopati validate", theirs.median / ours.median, CJS_LIMIT, at_most=False)
            )
    if args.part in ("all", "bundled"):
        executable, why = check_jsonschema(args.check_jsonschema, not args.no_install)
        if executable is None:
            print(f"\ncheck-jsonschema {why}; skipping the bundled-guideline target")
            verdicts.append(Verdict("bundled guideline cold / check-jsonschema", None, BUNDLED_LIMIT, skipped=why))
        else:
            version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout.strip()
            verdicts += bundled(executable, version.replace(", version", ""), args.fresh_repeat)

    if args.part in ("all", "large"):
        verdicts += large(args.count, args.repeat)
    finish(verdicts, args.check)


if __name__ == "__main__":
    main()
