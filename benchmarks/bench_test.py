"""`pasopati test` on the bundled guideline: its time against `pasopati validate` on the same guideline.

    python benchmarks/bench_test.py [--repeat 3] [--check]

Each run is a fresh process, `pasopati test|validate <bundled guideline> --format json`, with a cold cache
(`PASOPATI_CACHE` pointed at a new empty folder each time), the two commands interleaved and their order
rotated each round. The table shows wall and CPU time (user + system of the child) of each.

Targets:
  1. ratio: median wall time of `test` / median wall time of `validate` <= 12 (the walk renders every
     statement of some 600 outcomes and the exploration of values, where `validate` renders each template
     once; both load and compile the same templates).
  2. absolute: the slowest `test` run stays under the 60 s the issue allows on the 2-core machine (the
     ratio is printed against 60 s as well, so a slower machine says by how much it is short).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from benchlib import Series, Verdict, finish, header, interleave, machine, run_command

from pasopati_cli.loader import package_guideline_dir

RATIO_LIMIT = 12.0
SECONDS_LIMIT = 60.0


def command_of(name: str, folder: Path) -> list[str]:
    return [sys.executable, "-c", "from pasopati_cli.cli import main; main()", name, str(folder), "--format", "json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    folder = package_guideline_dir()
    cpu: dict[str, Series] = {}

    def job(name: str) -> float:
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "PASOPATI_CACHE": cache, "PASOPATI_JOURNAL": str(Path(cache) / "journal.sqlite3")}
            before = os.times()
            seconds, done = run_command(command_of(name, folder), env=env)
            after = os.times()
        if done.returncode not in (0, 1) or "problems" not in json.loads(done.stdout):
            sys.exit(f"pasopati {name} did not run: {done.stderr.decode()[-2000:]}")
        used = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        cpu.setdefault(name, Series(f"pasopati {name} (CPU)")).times.append(used)
        return seconds

    test, validate = Series("pasopati test <bundled> --format json (wall)"), Series("pasopati validate (wall)")
    print(machine())
    print(f"bundled guideline: {folder}; {options.repeat} interleaved rounds, cold cache each run")
    interleave([(test, lambda: job("test")), (validate, lambda: job("validate"))], options.repeat)
    print(header())
    for series in (test, validate, cpu["test"], cpu["validate"]):
        print(series.row())
    ratio = test.median / validate.median
    slowest = max(test.times)
    print(f"\n  test / validate (wall medians): {ratio:.2f}; slowest test run {slowest:.1f} s of {SECONDS_LIMIT:g} s "
          f"({100 * slowest / SECONDS_LIMIT:.0f}% of the limit)")  # fmt: skip
    finish(
        [
            Verdict("test / validate on the bundled guideline", ratio, RATIO_LIMIT),
            Verdict(f"slowest test run / {SECONDS_LIMIT:g} s", slowest / SECONDS_LIMIT, 1.0),
        ],
        options.check,
    )


if __name__ == "__main__":
    main()
