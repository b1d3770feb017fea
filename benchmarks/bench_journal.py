"""Appending to the journal stays flat as it grows: per-event cost at 1k, 10k and 100k events.

    python benchmarks/bench_journal.py [--window 500] [--sizes 1000 10000 100000] [--dir DIR] [--check]
                                       [--mode delete|truncate|wal]
    python benchmarks/bench_journal.py --compare [--rounds 20] [--window 25]

The journal is grown to each size inside one transaction (real events, real hashes, through the public
API), then a window of appends is timed, each its own durable transaction (BEGIN IMMEDIATE ... COMMIT
with synchronous=FULL, i.e. an fsync per event). All events go to one incident, the worst case for the
chain-head lookup. Also shown: the cost of an append inside an open transaction (no fsync), where any
growth with the journal's size would show first. Target: durable median at the largest size <= 1.5 x
the smallest; a journal that no longer verifies afterwards is a failure too. With --check the script
exits 1 when a target fails. `--mode` measures another SQLite journal mode than the one pasopati uses
(`delete`: the rollback journal of format 2; `wal`: what format 1 used), to show what durability costs.
`--compare` measures the modes against each other in one run: a journal per mode (1,000 events each),
then rounds of `--window` durable appends to each in turn, the order rotated every round, so that the
noise of a shared disk falls on every mode alike; it prints each mode's median and its ratio to WAL.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TypedDict

from benchlib import Verdict, finish

from pasopati_cli import journal as journal_module
from pasopati_cli.journal import Journal

LIMIT = 1.5


class Stamp(TypedDict):
    operator: str
    playbook_version: str
    playbook_hash: str


STAMP = Stamp(operator="Bench", playbook_version="2025.1", playbook_hash="ab" * 32)
DATA = {"text": "Petugas memeriksa blok C; situasi terkendali, menunggu Polres.", "n": 0}


def timed_appends(journal: Journal, incident: str, count: int, durable: bool) -> list[float]:
    """Microseconds per append, `count` of them, each committed on its own or all in one transaction."""
    costs: list[float] = []
    if durable:
        for number in range(count):
            start = time.perf_counter_ns()
            journal.append(incident, "note", {**DATA, "n": number}, **STAMP)
            costs.append((time.perf_counter_ns() - start) / 1000)
        return costs
    with journal.transaction():
        for number in range(count):
            start = time.perf_counter_ns()
            journal.append(incident, "note", {**DATA, "n": number}, **STAMP)
            costs.append((time.perf_counter_ns() - start) / 1000)
    return costs


def grow(journal: Journal, incident: str, events: int) -> None:
    with journal.transaction():
        for number in range(events):
            journal.append(incident, "note", {**DATA, "n": number}, **STAMP)


def compare(folder: Path, rounds: int, window: int) -> None:
    """Durable appends per journal mode, interleaved in rounds (see the module docstring)."""
    modes = ("delete", "truncate", "wal")
    journals: dict[str, tuple[Journal, str]] = {}
    for mode in modes:
        journal_module.JOURNAL_MODE = mode
        journal = Journal.open(folder / f"{mode}.sqlite3")
        incident = journal.open_incident("kerusuhan", **STAMP, at=datetime.now(timezone.utc))
        grow(journal, incident, 999)
        timed_appends(journal, incident, 50, durable=True)  # warm up
        journals[mode] = (journal, incident)
    costs: dict[str, list[float]] = {mode: [] for mode in modes}
    for number in range(rounds):
        order = modes[number % len(modes) :] + modes[: number % len(modes)]
        for mode in order:
            costs[mode] += timed_appends(*journals[mode], window, durable=True)
    wal = statistics.median(costs["wal"])
    print(f"durable append by journal mode, {rounds} interleaved rounds of {window} appends each\n")
    print(f"{'mode':>9} | {'median µs':>9} | {'mean µs':>9} | {'p99 µs':>9} | {'median / wal':>12}")
    print(f"{'-' * 9}-+-{'-' * 9}-+-{'-' * 9}-+-{'-' * 9}-+-{'-' * 12}")
    for mode in modes:
        median, p99 = statistics.median(costs[mode]), statistics.quantiles(costs[mode], n=100)[98]
        mean = statistics.mean(costs[mode])
        print(f"{mode:>9} | {median:>9.1f} | {mean:>9.1f} | {p99:>9.1f} | {median / wal:>12.2f}")
    for journal, _ in journals.values():
        journal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--window", type=int, default=500, help="appends timed at each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=None, help="where to put the journal (default: temp)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--mode", default=journal_module.JOURNAL_MODE, choices=("delete", "truncate", "wal"))
    parser.add_argument("--compare", action="store_true", help="the journal modes against each other")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of --compare")
    args = parser.parse_args()
    if args.compare:
        with tempfile.TemporaryDirectory(dir=args.dir) as folder:
            compare(Path(folder), args.rounds, args.window if args.window != 500 else 25)
        return
    journal_module.JOURNAL_MODE = args.mode

    with tempfile.TemporaryDirectory(dir=args.dir) as folder, Journal.open(Path(folder) / "bench.sqlite3") as journal:
        incident = journal.open_incident("kerusuhan", **STAMP, at=datetime.now(timezone.utc))
        timed_appends(journal, incident, 200, durable=True)  # warm up caches and the WAL file
        total = 201
        rows: list[tuple[int, float, float, float, float]] = []
        for size in sorted(args.sizes):
            grow(journal, incident, size - total)
            total = size
            durable = timed_appends(journal, incident, args.window, durable=True)
            batched = timed_appends(journal, incident, args.window, durable=False)
            total += 2 * args.window
            rows.append(
                (
                    size,
                    statistics.median(durable),
                    statistics.mean(durable),
                    statistics.quantiles(durable, n=100)[98],
                    statistics.median(batched),
                )
            )
        problems = journal.verify()

    print(f"journal append (journal_mode={args.mode}), {args.window} appends timed per size, one incident\n")
    print(f"{'events':>8} | {'durable median µs':>17} | {'mean µs':>8} | {'p99 µs':>8} | {'in-transaction µs':>17}")
    print(f"{'-' * 8}-+-{'-' * 17}-+-{'-' * 8}-+-{'-' * 8}-+-{'-' * 17}")
    for size, median, mean, p99, in_transaction in rows:
        print(f"{size:>8,} | {median:>17.1f} | {mean:>8.1f} | {p99:>8.1f} | {in_transaction:>17.1f}")
    first, last = rows[0], rows[-1]
    print(
        f"\nratio {last[0]:,}/{first[0]:,}: durable median {last[1] / first[1]:.2f}, "
        f"mean {last[2] / first[2]:.2f}, in-transaction {last[4] / first[4]:.2f}"
    )
    print(f"verify after {total:,} events: {'clean' if not problems else problems[0].message('en')}")
    verdicts = [Verdict(f"durable append at {last[0]:,} / at {first[0]:,} events", last[1] / first[1], LIMIT)]
    if problems:
        verdicts.append(Verdict("journal verifies after the run", float("inf"), LIMIT))
    finish(verdicts, args.check)


if __name__ == "__main__":
    main()
