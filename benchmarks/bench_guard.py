"""The disclosure guard on 1 MB of hostile text against 1 MB of ordinary text.

    python benchmarks/bench_guard.py [--repeat 5] [--size 1000000] [--check]

ordinary: the clean statements of tests/guard_corpus/clean, repeated to SIZE characters.
hostile:  SIZE characters made of what once made the guard slow or blind, repeated: "NIK" followed by
          30,000 spaces; zero-width spaces, soft hyphens, word joiners and bidi controls inside every
          word of forbidden phrases; Cyrillic and full-width look-alikes; Markdown emphasis and links
          splitting phrases; spaced-out letters ("H I V"); NIKs with separators; long runs of digits,
          of one letter and of the words that start a rule ("bernama", "anak", "stabbed", "urine", "blok")
          with no line break; thousands of findings on one line.

Measured, interleaved with the order rotated every round, after one warm-up each:
  guard:  `guard.guard_statement(text, disclosure)` in this process (the guard's own work);
  check:  `pasopati check FILE --format json` in a fresh process (what an officer or CI runs).
Targets (ratios of medians, same run): hostile <= 3 x ordinary, for both.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchlib import Series, Verdict, finish, header, interleave, machine, run_command, spare_cpu, timed

REPO = Path(__file__).resolve().parent.parent
LIMIT = 3.0
PASOPATI = [sys.executable, "-c", "from pasopati_cli.cli import main; main()"]

ZW = "\u200b"
HOSTILE_BLOCKS = (
    "NIK" + " " * 30_000 + "\n",
    ZW.join("tidak ada komentar") + " \u00ad".join(" diagnosis kami") + "\n",
    "\u2060".join("positif HIV") + " " + "\u202e".join("rekam medis") + " " + "\ufeff".join("pos jaga") + "\n",
    "Warga binaan itu рositif НIV, ｄｉａｇｎｏｓｉｓ dan οverdosis. " * 40 + "\n",
    "tidak *ada* komentar, [tidak ada komentar](https://example.org/x), tidak **ada** komentar. " * 40 + "\n",
    "H I V dan T B C dan N I K 3201 0101 0101 0001 serta 3201.0101.0101.0001. " * 40 + "\n",
    "3" * 20_000 + " " + "a" * 20_000 + "\n",
    "bernama " * 2_000 + "anak " * 2_000 + "stabbed " * 2_000 + "urine " * 2_000 + "blok " * 2_000 + "\n",
    "NIK 3201010101010001 " * 1_000 + "\n",
    "*" * 5_000 + "_" * 5_000 + "[" * 5_000 + "](" * 2_000 + "&#8203;" * 2_000 + "\n",
    ("x" + ZW) * 10_000 + "\n",
    "# " + "pungli diduga " * 2_000 + "\n" + "diduga " * 3_000 + "penyebab " * 2_000 + "masih diselidiki\n",
    "<" + "a" * 20_000 + " " + "." * 10_000 + " " + "x" * 10_000 + " " + "_" * 10_000 + "\n",
    "<<<<<<< " * 2_000 + "\n" + "dijaga oleh " * 2_000 + "petugas " * 2_000 + "\n",
)


def ordinary(size: int) -> str:
    clean = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "tests/guard_corpus/clean").glob("*.md")))
    return (clean * (size // len(clean) + 1))[:size]


def hostile(size: int) -> str:
    block = "".join(HOSTILE_BLOCKS)
    return (block * (size // len(block) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()

    from pasopati_cli.guard import guard_statement
    from pasopati_cli.response import load_guideline

    disclosure = load_guideline(REPO).disclosure
    texts = {"ordinary": ordinary(options.size), "hostile": hostile(options.size)}
    found = {name: len(guard_statement(text, disclosure)) for name, text in texts.items()}  # warm-up
    print(machine())
    print(
        f"  text size {options.size:,} characters; findings: ordinary {found['ordinary']}, hostile {found['hostile']}"
    )

    guard = {name: Series(f"guard_statement, {name}") for name in texts}
    interleave(
        [
            (guard[name], lambda text=text: timed(lambda: guard_statement(text, disclosure)))
            for name, text in texts.items()
        ],
        options.repeat,
    )

    cpu = spare_cpu()
    check = {name: Series(f"pasopati check --format json, {name}") for name in texts}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for name, text in texts.items():
            files[name] = Path(folder) / f"{name}.md"
            files[name].write_text(text, encoding="utf-8")

        def run_check(path: Path) -> float:
            seconds, done = run_command(
                [*PASOPATI, "check", str(path), "--format", "json", "--guideline", str(REPO)], cpu=cpu
            )
            if done.returncode not in (0, 1):
                sys.exit(f"pasopati check {path.name} exited {done.returncode}: {done.stderr.decode()[-500:]}")
            return seconds

        for name in texts:
            run_check(files[name])  # warm-up (caches)
        interleave([(check[name], lambda path=files[name]: run_check(path)) for name in texts], options.repeat)

    print(header())
    for series in [*guard.values(), *check.values()]:
        print(series.row())
    finish(
        [
            Verdict("guard: hostile / ordinary", guard["hostile"].median / guard["ordinary"].median, LIMIT),
            Verdict("check: hostile / ordinary", check["hostile"].median / check["ordinary"].median, LIMIT),
        ],
        options.check,
    )


if __name__ == "__main__":
    main()
