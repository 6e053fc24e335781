#!/usr/bin/env python3
"""Train cleaner's block scorer (cleaner/scorer.py) and write cleaner/scorer_model.json.

Usage, from the repository root (needs the `train` extra: pip install -e '.[train]')::

    .venv/bin/python scripts/train_scorer.py                 # both shared dev sets, 2 processes
    .venv/bin/python scripts/train_scorer.py --folds 2       # also held-out accuracy and F1

Each page of `article-extraction` and `wcxb-dev` goes through cleaner up to the block scorer
(pipeline.html_evidence: trafilatura's fast run and the structure rules); each block gets the
scorer's FEATURES and a label: is its text part of the page's human-made main content? (Blocks of
20 letters or more must occur in the truth's letters; shorter ones as whole words.) Every page
trains the model, not only the pages the scorer will judge, because those are too few. The model
is scikit-learn's HistGradientBoostingClassifier with a fixed seed, so a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from multiprocessing import Pool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.decode import decode
from cleaner.errors import CleanerError
from cleaner.pipeline import DEFAULT_FILTERS, Evidence, assemble, html_evidence, run_filters
from cleaner.scorer import FEATURES, Model, block_features, judge_blocks
from scripts.benchmark import Dataset, Page, mean, page_scores, select_datasets

ROOT = Path(__file__).resolve().parent.parent
_NOT_ALNUM = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_LONG_BLOCK_LETTERS = 20


def labels(truth: str, texts: Sequence[str]) -> list[bool]:
    """Whether each block's text is part of `truth`."""
    letters = _NOT_ALNUM.sub("", truth.lower())
    spaced = f" {' '.join(_WORD.findall(truth.lower()))} "
    found = []
    for text in texts:
        key = _NOT_ALNUM.sub("", text.lower())
        if len(key) >= _LONG_BLOCK_LETTERS:
            found.append(key in letters)
        else:
            found.append(bool(key) and f" {' '.join(_WORD.findall(text.lower()))} " in spaced)
    return found


@dataclass(frozen=True)
class PageRows:
    """One page's block features and labels; its blocks too when the scorer would judge it."""

    rows: list[list[float]]
    labels: list[bool]
    judged: Evidence | None = None


def page_rows(page: Page) -> PageRows:
    """The features and labels of one page's blocks (none when cleaner cannot read it)."""
    try:
        evidence = html_evidence(decode(page.read()), page.url)
    except CleanerError:
        return PageRows([], [])
    if evidence is None:
        return PageRows([], [])
    rows = block_features(evidence.blocks, evidence.layout, evidence.kept_share, evidence.markup.types)
    found = labels(page.truth or "", [block.text for block in evidence.blocks])
    if not evidence.needs_scorer:
        return PageRows(rows, found)
    # The parsed tree stays behind: it cannot cross to the parent process, and judging needs none.
    return PageRows(rows, found, replace(evidence, markup=replace(evidence.markup, tree=None)))


def page_f1(dataset: Dataset, page: Page, evidence: Evidence, model: Model) -> float:
    """The benchmark's F1 for this page when `model` judges its blocks."""
    blocks = judge_blocks(evidence.blocks, evidence.layout, evidence.kept_share, evidence.markup.types, model)
    return page_scores(dataset, page, assemble(run_filters(blocks, DEFAULT_FILTERS)[0])).f1


def report_scored_pages(
    datasets: Sequence[Dataset],
    results: Sequence[PageRows],
    held_out: dict[int, Model],
    final: Model,
) -> None:
    """Mean F1 on the pages the scorer judges: by the model of the fold that did not train on
    the page (what to expect on new pages), and by the shipped model (what the dev benchmark shows)."""
    pages = [(dataset, page) for dataset in datasets for page in dataset.pages]
    for dataset in datasets:
        judged = [
            (number, page, rows.judged)
            for number, ((owner, page), rows) in enumerate(zip(pages, results, strict=True))
            if owner is dataset and rows.judged is not None
        ]
        if judged:
            unseen = mean(page_f1(dataset, page, e, held_out[n % len(held_out)]) for n, page, e in judged)
            seen = mean(page_f1(dataset, page, e, final) for _, page, e in judged)
            print(
                f"{dataset.name}: {len(judged)} pages judged by the scorer, mean page F1 "
                f"{unseen:.3f} held out, {seen:.3f} with the shipped model"
            )


def export(model: Any, threshold: float) -> dict[str, Any]:
    """The trees as plain lists cleaner reads without scikit-learn (see scorer.Model).

    scikit-learn shrinks only the leaves' values by the learning rate; inner nodes are shrunk
    here too, so that the change from a node to its child is a fair credit for the split."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = []
        for node in predictor.nodes:
            leaf = bool(node["is_leaf"])
            value = float(node["value"]) * (1.0 if leaf else model.learning_rate)
            nodes.append(
                [
                    -1 if leaf else int(node["feature_idx"]),
                    float(node["num_threshold"]),
                    int(node["left"]),
                    int(node["right"]),
                    round(value, 6),
                ]
            )
        trees.append(nodes)
    return {
        "features": list(FEATURES),
        "baseline": float(model._baseline_prediction.ravel()[0]),
        "threshold": threshold,
        "trees": trees,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "scorer_model.json")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--depth", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="report held-out block accuracy and page F1 over N folds of pages",
    )
    args = parser.parse_args(argv)

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    datasets = [select_datasets(name, args.data, None)[0] for name in ("article-extraction", "wcxb-dev")]
    pages = [page for dataset in datasets for page in dataset.pages]
    with Pool(args.jobs) as pool:
        results = pool.map(page_rows, pages, chunksize=4)
    rows = [row for result in results for row in result.rows]
    found = [label for result in results for label in result.labels]
    groups = [number for number, result in enumerate(results) for _ in result.rows]
    x, y, group = np.array(rows), np.array(found), np.array(groups)
    print(f"{len(pages)} pages, {len(y)} blocks, {y.mean():.1%} main content")

    def fitted(mask: Any) -> Any:
        model = HistGradientBoostingClassifier(
            max_iter=args.trees, max_depth=args.depth, early_stopping=False, random_state=0
        )
        return model.fit(x[mask], y[mask])

    held_out_models = {}
    for fold in range(args.folds):
        held_out = group % args.folds == fold
        model = fitted(~held_out)
        predicted = model.predict_proba(x[held_out])[:, 1] >= args.threshold
        print(f"fold {fold}: held-out block accuracy {(predicted == y[held_out]).mean():.3f}")
        held_out_models[fold] = Model.from_json(export(model, args.threshold))
    model = fitted(np.ones(len(y), dtype=bool))
    exported = export(model, args.threshold)
    args.out.write_text(json.dumps(exported, separators=(",", ":")) + "\n", encoding="utf-8")
    if args.folds:
        report_scored_pages(datasets, results, held_out_models, Model.from_json(exported))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
