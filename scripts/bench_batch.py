#!/usr/bin/env python3
"""Batch throughput: pages/s for 1, 2, ... workers on the local engine and on Dask, same pages.

Every configuration cleans the same page files (the .html and .html.gz files under --data)
with `cleaner batch`'s own functions (run_batch, run_dask), and trafilatura.extract runs over
the same files on a process pool of the same sizes, in the same run, for reference. Wall
time includes starting the workers (and the LocalCluster for Dask), as a user sees it.
Run from the repository root:

    .venv/bin/python scripts/bench_batch.py [--data ../shared/benchmarks] [--workers 1,2] [--limit N]

It prints a Markdown table for README.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.batch import BatchOptions, run_batch  # noqa: E402
from cleaner.read import page_files  # noqa: E402

Run = Callable[[list[str], int], int]  # (page files, workers) -> pages cleaned


def local_engine(files: list[str], workers: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        summary = run_batch(files, Path(folder) / "out.jsonl", BatchOptions(jobs=workers))
    return summary.written + summary.failed


def dask_engine(files: list[str], workers: int) -> int:
    from cleaner.dask import run_dask

    with tempfile.TemporaryDirectory() as folder:
        summary = run_dask(files, Path(folder) / "parts", BatchOptions(jobs=workers))
    return summary.written + summary.failed


def _trafilatura_one(path: str) -> bool:
    import trafilatura

    raw = Path(path).read_bytes()
    html = gzip.decompress(raw) if path.endswith(".gz") else raw
    return trafilatura.extract(html.decode("utf-8", errors="replace")) is not None


def trafilatura_pool(files: list[str], workers: int) -> int:
    with Pool(workers) as pool:
        return len(pool.map(_trafilatura_one, files, chunksize=8))


ENGINES: dict[str, Run] = {
    "cleaner local": local_engine,
    "cleaner dask": dask_engine,
    "trafilatura": trafilatura_pool,
}


def cpu_seconds() -> float:
    """User + system CPU time of this process and its reaped children (workers, nannies, pools)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


Row = tuple[str, int, int, float, float]  # engine, workers, pages, wall seconds, CPU seconds


def measure(files: list[str], workers: Sequence[int], engines: Sequence[str]) -> list[Row]:
    """(engine, workers, pages, wall seconds, CPU seconds) for every engine and worker count."""
    rows = []
    for name in engines:
        for count in workers:
            started, cpu = time.perf_counter(), cpu_seconds()
            pages = ENGINES[name](files, count)
            rows.append((name, count, pages, time.perf_counter() - started, cpu_seconds() - cpu))
            print(f"{name:14} {count} worker(s): {pages} pages in {rows[-1][3]:.1f} s", file=sys.stderr)
    return rows


def table(rows: list[Row]) -> str:
    """Markdown: pages/s, speed-up over the same engine's 1 worker, and pages per CPU second.

    Pages per CPU second does not depend on what else the machine runs, so it is the column to
    compare on a shared machine; pages/s shows the scaling only when cores are idle.
    """
    single = {name: pages / wall for name, count, pages, wall, _ in rows if count == 1}
    lines = [
        "| engine | workers | pages | seconds | pages/s | speed-up | pages per CPU s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, count, pages, wall, cpu in rows:
        rate = pages / wall
        speedup = f"{rate / single[name]:.2f}x" if name in single else "-"
        lines.append(
            f"| {name} | {count} | {pages} | {wall:.1f} | {rate:.1f} | {speedup} | {pages / cpu:.1f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated [1,2]")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"some of {','.join(ENGINES)}")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    engines = [name.strip() for name in args.engines.split(",")]
    unknown = [name for name in engines if name not in ENGINES]
    if unknown or not args.data.is_dir():
        parser.error(f"unknown engine(s) {unknown}" if unknown else f"{args.data}: no such folder")
    files = [str(path) for path in page_files(args.data) if ".htm" in path.name][: args.limit]
    load_before = os.getloadavg()[0]
    rows = measure(files, [int(n) for n in args.workers.split(",")], engines)
    print(table(rows))
    load_after = os.getloadavg()[0]
    print(f"\n{len(files)} pages, {os.cpu_count()} cores; load average {load_before:.1f} -> {load_after:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
