#!/usr/bin/env python3
"""Does a long run grow memory? Clean N pages in one process and print the RSS curve.

The pages cycle through the benchmark data (article-extraction and WCXB dev, HTML), so a
10,000-page run sees each of the 1,678 pages about six times (clean() runs trafilatura inside,
so its caches are in the curve too). Run from the repo root:

    .venv/bin/python scripts/memory_curve.py [--pages 10000] [--every 1000] [--data DIR]

A flat curve (the last RSS within a few MB of the first after warm-up) means no leak; the
script exits 1 when RSS after warm-up grows by more than --max-growth MB.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import CleanerError, clean  # noqa: E402
from scripts.benchmark import BenchmarkError, Page, select_datasets  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"


def current_rss_mb() -> float:
    """This process's resident set size now (not the peak: a leak shows as a rising floor)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1e6


def clean_page(page: Page) -> None:
    with contextlib.suppress(CleanerError):  # a page cleaner refuses is part of a real run
        clean(page.read(), url=page.url).to_dict()  # the metadata too: a Document reads it when asked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages to clean (default 10000)")
    parser.add_argument("--every", type=int, default=1_000, help="print RSS every N pages")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data (default {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--max-growth", type=float, default=50.0, help="MB of growth after warm-up that fails"
    )
    args = parser.parse_args(argv)
    try:
        datasets = select_datasets("all", args.data, None)
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    pages = [page for dataset in datasets for page in dataset.pages]
    print(f"| pages cleaned | RSS MB |\n| ---: | ---: |\n| 0 | {current_rss_mb():.0f} |", flush=True)
    curve = []
    for done, page in enumerate(itertools.islice(itertools.cycle(pages), args.pages), start=1):
        clean_page(page)
        if done % args.every == 0:
            curve.append(current_rss_mb())
            print(f"| {done} | {curve[-1]:.0f} |", flush=True)
    growth = curve[-1] - curve[0] if len(curve) > 1 else 0.0
    print(f"\nRSS growth after the first {args.every} pages: {growth:+.0f} MB")
    return 1 if growth > args.max_growth else 0


if __name__ == "__main__":
    sys.exit(main())
