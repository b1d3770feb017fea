"""Small helpers shared by the benchmark scripts: interleaved timing, medians, a table, verdicts.

Every target is a ratio of two medians measured in the same run, with the measured and the reference
runs interleaved (and their order rotated each round) so that slow drift of the machine cancels out.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Series:
    label: str
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self, unit: str = "s") -> str:
        scale = 1000.0 if unit == "ms" else 1.0
        values = [self.median, min(self.times), max(self.times)]
        cells = "".join(f"{value * scale:>10.3f}" if unit == "s" else f"{value * scale:>10.1f}" for value in values)
        return f"  {self.label:<70}{cells} {unit}  n={len(self.times)}"


def header() -> str:
    return f"  {'':<70}{'median':>10}{'min':>10}{'max':>10}"


def interleave(
    jobs: Sequence[tuple[Series, Callable[[], float]]], rounds: int, before_each: Callable[[], None] | None = None
) -> None:
    """Run every job once per round, rotating which goes first; each job returns its own duration."""
    for index in range(rounds):
        shift = index % len(jobs)
        for series, job in [*jobs[shift:], *jobs[:shift]]:
            if before_each is not None:
                before_each()
            series.times.append(job())


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def run_command(
    command: Sequence[str],
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    cpu: int | None = None,
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall time of one fresh process, with its captured output (checked by the caller).

    `cpu`: run the child on that CPU only (Linux), which takes most of the scheduler's noise out of
    short runs on a small VM; both sides of a ratio must then use the same CPU.
    """
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False, preexec_fn=pin)
    return time.perf_counter() - start, done


def spare_cpu() -> int | None:
    """The last CPU this process may use, for pinning children; None where affinity is unsupported."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    return max(os.sched_getaffinity(0))


def machine() -> str:
    return (
        f"Python {platform.python_version()} ({sys.executable}), {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )


@dataclass
class Verdict:
    name: str
    ratio: float | None
    limit: float
    at_most: bool = True  # True: ratio <= limit passes; False: ratio >= limit passes
    skipped: str = ""

    @property
    def passed(self) -> bool:
        if self.ratio is None:
            return True
        return self.ratio <= self.limit if self.at_most else self.ratio >= self.limit

    def line(self) -> str:
        if self.ratio is None:
            return f"SKIP {self.name}: {self.skipped}"
        sign = "<=" if self.at_most else ">="
        word = "PASS" if self.passed else "FAIL"
        return f"{word} {self.name}: ratio {self.ratio:.2f} (target {sign} {self.limit:g})"


def finish(verdicts: Sequence[Verdict], check: bool) -> None:
    """Print one line per target, last; exit 1 on a failure only with --check."""
    print()
    for verdict in verdicts:
        print(verdict.line())
    sys.stdout.flush()
    if check and not all(verdict.passed for verdict in verdicts):
        sys.exit(1)
