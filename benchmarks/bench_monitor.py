"""Media monitoring keeps up with feedparser: classifying and grouping 10,000 news items costs at most
1.5 x feedparser's own parse of the same feeds, and grouping stays near-linear (1k, 10k, 50k items).

    python benchmarks/bench_monitor.py [--items 10000] [--rounds 7] [--sizes 1000 10000 50000] [--check]

The stories are synthetic and fictional (40 invented units, a few dozen kinds of headline about prisons
and other news, a third of them retold by several outlets with the words shuffled, as copies spread);
they are written as 100 RSS feeds of 100 items. Each round, interleaved with the reference: (a)
feedparser.parse of every feed (the reference); (b) our classification (a fresh classifier and empty
word caches each round, so every round pays for its words) and grouping into issues of every item those
feeds hold. Target: median (b) / median (a) <= 1.5. Grouping alone is then timed at each size; target:
cost per item at the largest size <= 1.5 x the cost per item at the smallest (near-linear: an O(n^2)
grouping would be 50x). With --check the script exits 1 when a target fails.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
from benchlib import Series, Verdict, finish, header, interleave, machine

from pasopati_cli.app.monitor import load_setup
from pasopati_cli.monitor import group as grouping
from pasopati_cli.monitor.classify import Classifier
from pasopati_cli.monitor.group import Grouper
from pasopati_cli.monitor.text import roots

LIMIT = 1.5
REPO = Path(__file__).resolve().parent.parent
START = datetime(2026, 11, 26, tzinfo=timezone.utc)

UNITS = [f"{kind} {name}" for kind in ("Lapas Kelas IIA", "Rutan Kelas I", "Lapas Kelas IIB", "LPKA")
         for name in ("Contoh", "Sukamaju", "Batuhijau", "Kota Lama", "Pantai Timur", "Tanjung", "Sumber Rejeki",
                      "Karang Asri", "Bukit Indah", "Muara Baru")]  # fmt: skip
SUBJECTS = ["Dua napi", "Seorang tahanan", "Puluhan warga binaan", "Tiga narapidana", "Petugas", "Oknum sipir",
            "Keluarga napi", "Kalapas", "Ratusan warga binaan", "Pengunjung"]  # fmt: skip
EVENTS = [
    "kabur lewat atap blok hunian", "melarikan diri saat dibawa berobat", "ricuh setelah listrik padam",
    "ditemukan meninggal di kamar hunian", "terlibat perkelahian antarnapi", "gagalkan penyelundupan sabu",
    "diduga memeras keluarga saat kunjungan", "mogok makan menolak pemindahan", "keracunan makanan massal",
    "panen raya melon hasil pembinaan", "terima remisi hari besar keagamaan", "raih penghargaan zona integritas",
    "ikuti pelatihan las bersertifikat", "dievakuasi akibat banjir", "disandera napi selama dua jam",
    "beredar video viral sel mewah", "bantah hoaks pembebasan massal", "gelar simulasi kebakaran bersama damkar",
]  # fmt: skip
OTHER = ["Harga cabai naik jelang akhir tahun", "Timnas menang di laga uji coba", "Jalan tol baru diresmikan",
         "Festival kuliner digelar akhir pekan", "Kereta api tambahan untuk libur panjang"]  # fmt: skip
DETAILS = ["Polisi masih melakukan penyelidikan.", "Kepala unit memastikan situasi kondusif.",
           "Keluarga diminta menunggu informasi resmi.", "Kanwil menurunkan tim untuk memeriksa.",
           "Kegiatan ini didukung pemerintah daerah setempat.", "Warga sekitar diminta tetap tenang."]  # fmt: skip


def stories(count: int, seed: int = 7) -> list[tuple[str, str, str, datetime]]:
    """(title, summary, url, published): a third of the stories are retold by other outlets."""
    rng = random.Random(seed)
    result: list[tuple[str, str, str, datetime]] = []
    originals: list[tuple[str, str]] = []
    for index in range(count):
        moment = START + timedelta(minutes=index * 7 * 10_000 // max(count, 1))
        if originals and rng.random() < 0.33:
            title, summary = rng.choice(originals[-200:])
            words = title.split()
            cut = rng.randrange(1, len(words))
            title = " ".join(words[cut:] + words[:cut])  # another outlet's wording of the same story
        elif rng.random() < 0.15:
            title, summary = f"{rng.choice(OTHER)} ({index})", rng.choice(DETAILS)
        else:
            title = f"{rng.choice(SUBJECTS)} {rng.choice(UNITS)} {rng.choice(EVENTS)}"
            summary = f"{rng.choice(DETAILS)} {rng.choice(DETAILS)} Peristiwa nomor {index}."
            originals.append((title, summary))
        result.append((title, summary, f"https://outlet{index % 100}.example/berita/{index}", moment))
    return result


def feeds(items: list[tuple[str, str, str, datetime]], per_feed: int = 100) -> list[bytes]:
    documents = []
    for start in range(0, len(items), per_feed):
        entries = "".join(
            f"<item><title>{escape(title)}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{moment.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            f"<description>{escape(summary)}</description></item>"
            for title, summary, url, moment in items[start : start + per_feed]
        )
        documents.append(
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet {start}</title>'
            f"<link>https://outlet.example/</link><description>fiktif</description>{entries}</channel></rss>".encode()
        )
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    print(machine())
    setup = load_setup(guideline=REPO, unit=REPO / "examples" / "unit.yaml")
    documents = feeds(stories(options.items))
    parsed = [feedparser.parse(document) for document in documents]
    entries = [(e.title, e.summary, e.link, START) for feed in parsed for e in feed.entries]
    assert len(entries) == options.items, len(entries)

    def parse_all() -> float:
        start = time.perf_counter()
        for document in documents:
            feedparser.parse(document)
        return time.perf_counter() - start

    issues: list[int] = []

    def classify_and_group() -> float:
        roots.cache_clear()
        grouping._HASHES.clear()
        start = time.perf_counter()
        classifier = Classifier(setup.classifier.vocabulary)
        grouper = Grouper(similarity=setup.monitoring.grouping.similarity, window=setup.monitoring.grouping.window)
        numbers = []
        for title, summary, url, moment in entries:
            classifier.classify(title, summary)
            numbers.append(grouper.assign(title, summary, url, moment))
        elapsed = time.perf_counter() - start
        issues[:] = numbers
        return elapsed

    reference = Series(f"feedparser.parse of {len(documents)} feeds ({options.items:,} items)")
    measured = Series(f"classify + group {options.items:,} items (cold word caches)")
    interleave([(reference, parse_all), (measured, classify_and_group)], options.rounds)
    print()
    print(header())
    print(reference.row())
    print(measured.row())
    print(f"  ({len(set(issues)):,} issues from {options.items:,} items)")
    ratio = measured.median / reference.median

    per_item: dict[int, float] = {}
    print()
    print(f"  {'grouping alone':<70}{'median':>10}{'per item':>12}")
    for size in options.sizes:
        items = stories(size, seed=11)
        times = []
        for _ in range(3 if size <= 10_000 else 1):
            grouping._HASHES.clear()
            start = time.perf_counter()
            grouper = Grouper()
            for title, summary, url, moment in items:
                grouper.assign(title, summary, url, moment)
            times.append(time.perf_counter() - start)
        median = sorted(times)[len(times) // 2]
        per_item[size] = median / size
        print(f"  {f'{size:,} items':<70}{median:>10.3f}s{per_item[size] * 1e6:>10.1f}µs")
    growth = per_item[max(options.sizes)] / per_item[min(options.sizes)]
    finish(
        [
            Verdict(f"classify+group {options.items:,} items vs feedparser parse", ratio, LIMIT),
            Verdict(f"grouping cost per item, {max(options.sizes):,} vs {min(options.sizes):,} items", growth, LIMIT),
        ],
        options.check,
    )


if __name__ == "__main__":
    main()
