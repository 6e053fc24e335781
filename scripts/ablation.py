#!/usr/bin/env python3
"""What each filter is worth: the benchmark scores with all filters, and with each one left out.

Every page is parsed once (cleaner.pipeline.parse_page); each configuration then only re-runs
the filters, so the comparison is cheap and exact. Run from the repository root:

    .venv/bin/python scripts/ablation.py [--dataset article-extraction|wcxb-dev|all] [--limit N] [--jobs N]

A positive delta means the scores drop without that filter: the filter earns its place.
Metrics are those of scripts/benchmark.py (shingle F1 for article-extraction, word F1 for WCXB).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import DEFAULT_FILTERS  # noqa: E402
from cleaner.pipeline import assemble, parse_page, run_filters  # noqa: E402
from scripts.benchmark import (  # noqa: E402
    BenchmarkError,
    Dataset,
    Page,
    mean,
    select_datasets,
    shingle_counts,
    shingle_scores,
    word_prf,
)

CONFIGS: dict[str, tuple[object, ...]] = {
    "all filters": DEFAULT_FILTERS,
    **{f"without {f.name}": tuple(g for g in DEFAULT_FILTERS if g is not f) for f in DEFAULT_FILTERS},
}


def outputs_for(page: Page) -> dict[str, str]:
    """The text each configuration keeps from one page ("" if the page cannot be read)."""
    try:
        parsed = parse_page(page.read(), url=page.url)
    except Exception as error:  # a bad page scores empty in every configuration, as in benchmark.py
        print(f"{page.id}: {type(error).__name__}: {error}", file=sys.stderr)
        return dict.fromkeys(CONFIGS, "")
    return {name: assemble(run_filters(parsed.blocks, filters)[0]) for name, filters in CONFIGS.items()}  # type: ignore[arg-type]


def score(dataset: Dataset, outputs: Sequence[dict[str, str]]) -> dict[str, tuple[float, float, float]]:
    """(F1, precision, recall) per configuration, with the dataset's own metric."""
    result = {}
    pairs = list(zip(dataset.pages, outputs, strict=True))
    for name in CONFIGS:
        if dataset.kind == "article-extraction":
            scores = shingle_scores(shingle_counts(page.truth, out[name]) for page, out in pairs)
            result[name] = (scores.f1, scores.precision, scores.recall)
        else:
            pages = [word_prf(page.truth, out[name]) for page, out in pairs]
            result[name] = (
                mean(s.f1 for s in pages) or 0.0,
                mean(s.precision for s in pages) or 0.0,
                mean(s.recall for s in pages) or 0.0,
            )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="all")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        datasets = select_datasets(args.dataset, args.data, args.limit)
    except BenchmarkError as error:
        print(f"ablation: {error}", file=sys.stderr)
        return 2
    for dataset in datasets:
        with Pool(args.jobs) as pool:
            outputs = pool.map(outputs_for, dataset.pages, chunksize=4)
        results = score(dataset, outputs)
        base = results["all filters"][0]
        print(f"\n{dataset.name} ({len(dataset.pages)} pages)")
        print(f"{'configuration':32} {'F1':>6} {'P':>6} {'R':>6} {'delta':>7}")
        for name, (f1, precision, recall) in results.items():
            print(f"{name:32} {f1:6.3f} {precision:6.3f} {recall:6.3f} {base - f1:+7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
