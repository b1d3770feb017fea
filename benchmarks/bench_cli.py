"""Start-up cost of the command line: `pasopati --help`, a whole non-interactive `pasopati respond`, and
`pasopati incident status` on a long incident.

    python benchmarks/bench_cli.py [--repeat 21] [--no-pin] [--importtime] [--check]

Every run is a fresh process launched the same way, `python -c "...; main()" ARGS`:
  bare:    python -c "<benchmarks on sys.path>; from bare_typer_app import main; main()" --help
  help:    python -c "from pasopati_cli.cli import main; main()" --help
  respond: python -c "from pasopati_cli.cli import main; main()" respond kerusuhan
               --answers examples/kerusuhan.answers.yaml --unit examples/unit.yaml --non-interactive
               --output <fresh temp dir> --format json
  status:  python -c "from pasopati_cli.cli import main; main()" incident status ID --format json
The four are interleaved, their order rotated every round, after two warm-up runs each. The journal
goes to a temporary file (PASOPATI_JOURNAL), the same environment for all. The children run pinned
to one CPU (the last one allowed; --no-pin to let them float), which narrows the run-to-run spread on a
small VM.

Targets (ratios of medians, same run):
  a. pasopati --help <= 1.15 x the bare three-command Typer app's --help (benchmarks/bare_typer_app.py);
  b. respond <= 1.5 x pasopati --help;
  c. incident status --format json, on an incident of 1,000 events in a journal of its own, <= 1.5 x
     pasopati --help.
When (b) fails (or with --importtime), `python -X importtime` of both commands is compared and the modules
that only the respond path imports are listed, largest first.

The verdicts are on wall time. Each child's CPU time (user + system, from getrusage) is shown too, with
the same ratios, for information: on a machine shared with other jobs the wall times stretch with the
load (and with fsync waits on a busy disk) while the CPU times move much less.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchlib import Series, Verdict, finish, header, interleave, machine, run_command, spare_cpu

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
ANSWERS = Path("examples/kerusuhan.answers.yaml")
UNIT = Path("examples/unit.yaml")
HELP_LIMIT = 1.15
RESPOND_LIMIT = 1.5
STATUS_LIMIT = 1.5
STATUS_EVENTS = 1000

PASOPATI = [sys.executable, "-c", "from pasopati_cli.cli import main; main()"]
BARE_CODE = f"import sys; sys.path.insert(0, {str(BENCH)!r}); from bare_typer_app import main; main()"
BARE = [sys.executable, "-c", BARE_CODE]


def respond_args(output: Path) -> list[str]:
    flags = ["--answers", str(ANSWERS), "--unit", str(UNIT), "--non-interactive"]
    return ["respond", "kerusuhan", *flags, "--output", str(output), "--format", "json"]


class Runner:
    def __init__(self, scratch: Path, cpu: int | None) -> None:
        self.scratch = scratch
        self.cpu_pin = cpu
        self.env = {**os.environ, "PASOPATI_JOURNAL": str(scratch / "journal.sqlite3")}
        self.env.pop("PASOPATI_GUIDELINE", None)
        self.runs = 0
        self.incident = ""
        self.cpu: dict[str, list[float]] = defaultdict(list)  # label -> CPU seconds of each timed child

    def timed(self, command: list[str], what: str) -> tuple[float, subprocess.CompletedProcess[bytes]]:
        """run_command, noting the child's CPU time (its user + system time) under `what`."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, done = run_command(command, cwd=REPO, env=self.env, cpu=self.cpu_pin)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu[what].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return seconds, done

    def seed_incident(self, events: int) -> None:
        """An incident of `events` events in a journal of its own, for `incident status`."""
        from pasopati_cli.journal import Journal
        from pasopati_cli.response import load_guide, load_unit

        self.env["PASOPATI_JOURNAL"] = str(self.scratch / "status.sqlite3")
        guide = load_guide(REPO, "kerusuhan")
        unit = load_unit(REPO / UNIT, guide.guideline)
        common = {"operator": "Bench", "playbook_version": guide.version, "playbook_hash": guide.content_hash()}
        with Journal.open(Path(self.env["PASOPATI_JOURNAL"])) as journal:
            self.incident = journal.open_incident(
                "kerusuhan",
                unit=unit.unit.name,
                data={"unit_profile": unit.model_dump(mode="json", by_alias=True)},
                **common,
            )
            journal.append(self.incident, "triaged", {"level": "siaga", "reasons": []}, **common)
            roles = ["kalapas", "kplp", "humas", "kakanwil"]
            with journal.transaction():
                for number in range(events - 2):
                    if number % 10 == 0:
                        journal.append(self.incident, "role_notified", {"role": roles[number % 4]}, **common)
                    else:
                        journal.append(self.incident, "note", {"text": f"catatan ke-{number}"}, **common)

    def run(self, command: list[str], what: str) -> float:
        seconds, done = self.timed(command, what)
        if done.returncode != 0:
            sys.stderr.write(f"{what} failed (exit {done.returncode}):\n{done.stderr.decode(errors='replace')}\n")
            sys.exit(2)
        return seconds

    def bare(self) -> float:
        return self.run([*BARE, "--help"], "bare Typer app --help")

    def help(self) -> float:
        return self.run([*PASOPATI, "--help"], "pasopati --help")

    def status(self) -> float:
        return self.run([*PASOPATI, "incident", "status", self.incident, "--format", "json"], "incident status")

    def respond(self) -> float:
        self.runs += 1
        output = self.scratch / f"out-{self.runs}"
        output.mkdir()
        seconds, done = self.timed([*PASOPATI, *respond_args(output)], "pasopati respond")
        try:
            statement = json.loads(done.stdout)["statement"]["file"]
        except (ValueError, KeyError, TypeError):
            statement = None
        if done.returncode != 0 or statement is None:
            sys.stderr.write(f"pasopati respond failed (exit {done.returncode}):\n")
            sys.stderr.write(done.stderr.decode(errors="replace")[-3000:] + "\n")
            sys.exit(2)
        return seconds


_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_times(command: list[str], env: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """module -> (self us, cumulative us, depth) from one `python -X importtime` run."""
    _, done = run_command([command[0], "-X", "importtime", *command[1:]], cwd=REPO, env=env)
    found: dict[str, tuple[int, int, int]] = {}
    for line in done.stderr.decode(errors="replace").splitlines():
        match = _LINE.match(line)
        if match:
            found.setdefault(match.group(4), (int(match.group(1)), int(match.group(2)), len(match.group(3)) // 2))
    return found


def report_imports(runner: Runner) -> None:
    """What the respond path imports beyond --help, by package and by the module that pulled it in."""
    output = runner.scratch / "importtime"
    output.mkdir()
    respond = import_times([*PASOPATI, *respond_args(output)], runner.env)
    helped = import_times([*PASOPATI, "--help"], runner.env)
    extra = {name: times for name, times in respond.items() if name not in helped}
    total_self = sum(times[0] for times in extra.values())
    print(
        f"\npython -X importtime: respond imports {len(extra)} modules that --help does not, "
        f"{total_self / 1000:.0f} ms self time in all (importtime inflates absolute figures)"
    )
    by_package: dict[str, int] = defaultdict(int)
    for name, (own, _, _) in extra.items():
        by_package[name.split(".")[0]] += own
    print("  by top-level package (self time):")
    for package, own in sorted(by_package.items(), key=lambda item: -item[1])[:12]:
        print(f"    {own / 1000:8.1f} ms  {package}")
    print("  largest subtrees imported only by respond (cumulative):")
    for name, (_, cumulative, depth) in sorted(extra.items(), key=lambda item: -item[1][1])[:15]:
        print(f"    {cumulative / 1000:8.1f} ms  {'  ' * min(depth, 6)}{name}")
    helped_only = {name: times for name, times in helped.items() if name not in respond}
    if helped_only:
        top = sorted(helped_only.items(), key=lambda item: -item[1][1])[:3]
        names = ", ".join(f"{name} ({times[1] / 1000:.0f} ms)" for name, times in top)
        print(f"  (--help alone imports {len(helped_only)} modules respond does not, e.g. {names})")


def report_cpu(runner: Runner) -> None:
    """The CPU-time medians of the timed runs (the warm-up runs left out) and the targets' ratios over them."""
    timed = {what: times[2:] for what, times in runner.cpu.items() if len(times) > 2}
    median = {what: statistics.median(times) * 1000 for what, times in timed.items()}
    print("\nCPU time (user + system) per process, for information:")
    for what, value in median.items():
        print(f"  {what:<70}{value:>10.1f} ms")
    ratios = [("pasopati --help", "bare Typer app --help"), ("incident status", "pasopati --help"),
              ("pasopati respond", "pasopati --help")]  # fmt: skip
    shown = [f"{top} / {bottom} {median[top] / median[bottom]:.2f}" for top, bottom in ratios
             if top in median and bottom in median]  # fmt: skip
    if shown:
        print("  CPU ratios: " + ", ".join(shown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=21, help="interleaved rounds (default 21)")
    parser.add_argument("--importtime", action="store_true", help="list respond's import offenders even on PASS")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the child processes to one CPU")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args()

    cpu = None if args.no_pin else spare_cpu()
    missing = [str(path) for path in (ANSWERS, UNIT) if not (REPO / path).is_file()]
    print(f"bench_cli — {machine()}")
    print(f"launcher for every command: {sys.executable} -c '...; main()' ARGS (fresh process per run)")
    print(f"child processes pinned to CPU {cpu} (--no-pin to let them float)" if cpu is not None else "not pinned")
    # An installed package has its bytecode compiled; without this, PYTHONDONTWRITEBYTECODE=1 (set on some
    # machines) would make every run recompile whatever changed since the last cached import.
    compileall.compile_dir(str(REPO / "pasopati_cli"), quiet=1)
    compileall.compile_file(str(BENCH / "bare_typer_app.py"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="pasopati-bench-cli-") as folder:
        runner = Runner(Path(folder), cpu)
        runner.seed_incident(STATUS_EVENTS)
        statused = Series(f"pasopati incident status (incident of {STATUS_EVENTS:,} events)")
        bare = Series("bare 3-command Typer app --help (benchmarks/bare_typer_app.py)")
        helped = Series("pasopati --help")
        responded = Series("pasopati respond kerusuhan --non-interactive --format json")
        jobs = [(bare, runner.bare), (helped, runner.help), (statused, runner.status)]
        if missing:
            print(f"{' and '.join(missing)} not found (examples/ is being written): skipping target (b)")
        else:
            jobs.append((responded, runner.respond))
        for _, job in jobs * 2:  # warm-up: bytecode caches, page cache, the journal file
            job()
        print(f"\n{args.repeat} interleaved rounds, wall time per process:", flush=True)
        interleave(jobs, args.repeat)
        print(header())
        verdicts = [
            Verdict("pasopati --help / bare Typer --help", helped.median / bare.median, HELP_LIMIT),
            Verdict(
                f"incident status ({STATUS_EVENTS} events) / --help", statused.median / helped.median, STATUS_LIMIT
            ),
        ]
        for series in (bare, helped, statused, responded):
            if series.times:
                print(series.row("ms"))
        report_cpu(runner)
        if missing:
            why = f"{' and '.join(missing)} not found"
            verdicts.append(Verdict("respond / pasopati --help", None, RESPOND_LIMIT, skipped=why))
        else:
            verdicts.append(Verdict("respond / pasopati --help", responded.median / helped.median, RESPOND_LIMIT))
            if args.importtime or not verdicts[-1].passed:
                report_imports(runner)
    finish(verdicts, args.check)


if __name__ == "__main__":
    main()
