#!/usr/bin/env python3
"""Text-dump speed: MB of dump text cleaned per CPU second, on one core, next to trafilatura.

Every dump style of each dataset under --dumps (make_textdumps.py writes them) gives --sample
dumps spread over its ids (benchmark.py's spread_sample); each system runs on each dump in turn,
`--repeat` times, and the best CPU time (time.process_time, so other processes on the machine
do not count) of each dump is summed. MB/s = dump bytes (UTF-8) / summed seconds; "x traf-lines"
divides by trafilatura's rate on the same dumps (benchmark.py's trafilatura-lines). The systems
take turns dump by dump. cleaner keeps the notice and furniture verdicts of the lines it has
seen: with --repeat above 1 a dump's later runs find all its lines there, so the best run is a
warm cleaner's (measured: a fifth faster than one run, or more); the default, one run per dump, is
the nearest to new pages. Each style samples other pages than the rest, so that no dump finds
the lines of its own page in another style (before, the CRLF twins made it read 25% faster).
Run from the repository root:

    .venv/bin/python scripts/dump_speed.py [--sample 40] [--systems cleaner,trafilatura-lines]
    .venv/bin/python scripts/dump_speed.py --profile 25   # cProfile of cleaner, top 25 by own time
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.benchmark import (  # noqa: E402
    DATASET_NAMES,
    TEXT_REFERENCE,
    load_dump_sets,
    load_text_extractors,
    read_dump,
    spread_sample,
)


def cpu_seconds(call: Callable[[], object], repeat: int) -> float:
    """The best CPU time of `repeat` calls: the least disturbed by the machine's other work."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def sample_dumps(dumps_root: Path, sample: int) -> dict[str, list[str]]:
    """Per "<dataset>/<style>", the texts of `sample` dumps spread over its ids, each style
    taking other pages than the rest: cleaner keeps the verdicts of the lines it has seen, and
    the same page in another style (its CRLF twin above all) would find its lines there."""
    found: dict[str, list[str]] = {}
    for name in DATASET_NAMES:
        if (dumps_root / name).is_dir():
            dump_sets = load_dump_sets(dumps_root / name, None)
            for number, dump_set in enumerate(dump_sets):
                own_pages = dump_set.dataset.pages[number :: len(dump_sets)]
                found[dump_set.dataset.name] = [
                    read_dump(page.path) for page in spread_sample(own_pages, sample)
                ]
    return found


def measure(texts: dict[str, list[str]], names: Sequence[str], repeat: int) -> dict[str, dict[str, float]]:
    """Per style and system, MB/s over the style's dumps (CPU time)."""
    extractors = load_text_extractors(names)
    for extract in extractors.values():
        extract("Warm up.\nA line of warm-up text, long enough to be prose here.\n")
    speeds: dict[str, dict[str, float]] = {}
    systems = list(extractors.items())
    for style, dumps in texts.items():
        megabytes = sum(len(text.encode("utf-8")) for text in dumps) / 1e6
        seconds = dict.fromkeys(extractors, 0.0)
        for number, text in enumerate(dumps):
            # Each dump by every system in turn, the order alternating: the machine's other
            # work then slows both alike, and the ratio holds (system by system, it drifted).
            for name, extract in systems if number % 2 == 0 else systems[::-1]:
                seconds[name] += cpu_seconds(partial(extract, text), repeat)
        speeds[style] = {
            name: megabytes / spent if spent else float("inf") for name, spent in seconds.items()
        }
    return speeds


def report(texts: dict[str, list[str]], speeds: dict[str, dict[str, float]], names: Sequence[str]) -> str:
    header = ["style", "dumps", "MB", *(f"{name} MB/s" for name in names)]
    if "cleaner" in names and TEXT_REFERENCE in names:
        header.append("cleaner x traf-lines")
    rows = [header]
    total_mb = {name: 0.0 for name in names}
    total_s = {name: 0.0 for name in names}
    for style, dumps in texts.items():
        megabytes = sum(len(text.encode("utf-8")) for text in dumps) / 1e6
        row = [style, str(len(dumps)), f"{megabytes:.2f}"]
        for name in names:
            row.append(f"{speeds[style][name]:.2f}")
            total_mb[name] += megabytes
            total_s[name] += megabytes / speeds[style][name]
        if len(row) < len(header):
            row.append(f"{speeds[style]['cleaner'] / speeds[style][TEXT_REFERENCE]:.2f}x")
        rows.append(row)
    overall = {name: total_mb[name] / total_s[name] for name in names}
    last = ["all", str(sum(map(len, texts.values()))), f"{total_mb[names[0]]:.2f}"]
    last += [f"{overall[name]:.2f}" for name in names]
    if len(last) < len(header):
        last.append(f"{overall['cleaner'] / overall[TEXT_REFERENCE]:.2f}x")
    rows.append(last)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(lines)


def profile(texts: dict[str, list[str]], top: int) -> None:
    """cProfile of cleaner over every sampled dump, the `top` functions by own time."""
    extract = load_text_extractors(["cleaner"])["cleaner"]
    dumps = [text for style in texts.values() for text in style]
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: [extract(text) for text in dumps])
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dumps", type=Path, default=ROOT.parent / "textdumps")
    parser.add_argument("--sample", type=int, default=40, help="dumps per style (default 40)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per dump, the best counts (default 1)")
    parser.add_argument("--systems", default=f"cleaner,{TEXT_REFERENCE}")
    parser.add_argument("--profile", type=int, metavar="N", help="profile cleaner instead, top N functions")
    args = parser.parse_args(argv)
    texts = sample_dumps(args.dumps, args.sample)
    if not texts:
        print(f"dump_speed: no dumps under {args.dumps} (run scripts/make_textdumps.py)", file=sys.stderr)
        return 2
    if args.profile:
        profile(texts, args.profile)
        return 0
    names = args.systems.split(",")
    print(report(texts, measure(texts, names, args.repeat), names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
