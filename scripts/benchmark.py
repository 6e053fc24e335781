#!/usr/bin/env python3
r"""Measure cleaner against other extractors on the shared benchmarks.

Usage, from the repository root::

    .venv/bin/python scripts/benchmark.py                     # both datasets, default systems
    .venv/bin/python scripts/benchmark.py --dataset wcxb-dev --limit 300 --jobs 2
    .venv/bin/python scripts/benchmark.py --systems cleaner,trafilatura --worst 10
    .venv/bin/python scripts/benchmark.py --markdown --memory  # tables to paste into README.md

Options: ``--dataset article-extraction|wcxb-dev|all|DIR`` (default all; DIR is a folder laid out like
one of the two), ``--data ROOT`` (default ``../shared/benchmarks`` from the repo root), ``--limit N``
(N pages spread evenly over the id-sorted dataset, so every page type stays represented),
``--jobs N`` (worker processes), ``--systems a,b``, ``--worst N``, ``--save DIR`` (writes
``DIR/<dataset>/<system>/<page id>.txt``), ``--memory``, ``--markdown``.

Datasets
--------
article-extraction
    The Zyte (ScrapingHub) article extraction benchmark, 181 news and blog pages, scored as its
    ``evaluate.py`` does.  Tokens are ``\w+`` matches (case kept); shingles are 4-token n-grams, and a
    text shorter than 4 tokens is one shingle of all its tokens.  Per page, TP/FP/FN are the multiset
    overlaps of predicted and true shingles, normalised to sum to 1.  Page precision is TP/(TP+FP)
    and page recall TP/(TP+FN); both are 1 when FP = FN = 0 and 0 when TP = 0.  Precision is the mean
    over pages with TP+FP > 0, recall the mean over pages with TP+FN > 0, and F1 is the harmonic mean
    of those two means (not a mean of page F1s).

wcxb-dev
    The development split of WCXB, 1,497 pages of 7 types.  Word F1 per page: tokens are ``\w+``
    matches of the lower-cased text, overlap is the multiset intersection, P = overlap / predicted
    tokens, R = overlap / true tokens.  Truth and output both without tokens score P = R = F1 = 1;
    exactly one of them without tokens scores 0.  F1, P and R are means over pages, overall and per
    page type.  "with found" is the share of all ``with`` snippets (pooled over pages) that occur in
    the output, "without avoided" the share of ``without`` snippets that do not; both are compared
    after lower-casing and collapsing whitespace.

Systems (``--systems``; default: cleaner, trafilatura, and readability when installed)
--------------------------------------------------------------------------------------
cleaner           ``cleaner.clean(raw_bytes, url=url).text``
trafilatura       ``trafilatura.extract(html, url=url)``, nothing else set; None counts as ""
trafilatura-fast  the same with ``fast=True``
trafilatura-nocomments  the same with ``include_comments=False``, as the Zyte benchmark's own runner
                  calls it.  The trafilatura 2.3.1 figures in shared/README.md (article-extraction
                  F1 0.960, wcxb-dev 0.823) are this setting; the true default scores 0.953 and 0.818.
justext           jusText with the English stoplist, non-boilerplate paragraphs
readability       readability-lxml ``Document(html).summary()`` flattened to text
Each page is read and gunzipped once; cleaner gets the bytes, the others the UTF-8 text (errors
replaced).  A system that raises on a page scores it as empty output; the error goes to stderr.

Speed and memory
----------------
For each page every system runs in turn (the order rotates page by page), so all systems share the
same machine noise.  Only the extraction call is timed (``time.perf_counter``).  pages/s = pages /
summed extraction seconds, so it is per core even with ``--jobs``; "x traf" is that rate divided by
trafilatura's; "median ms" is the median time per page.  Every worker warms each system up on a tiny
page before timing starts.

``--memory`` adds "peak MB": for each system a freshly spawned process imports every selected
system, warms them up, then runs only that one system over the dataset's pages; the figure is that
process's peak resident set size (``ru_maxrss``).  It therefore includes the interpreter and all
imports; the shared baseline after imports is printed under the table.  It reruns every system
sequentially, so it roughly doubles the run time.

The metric functions are pure and importable, e.g.
``sys.path.insert(0, "scripts"); from benchmark import shingle_counts, shingle_scores, word_prf``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import multiprocessing
import re
import resource
import shlex
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, NamedTuple

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "benchmarks"
DATASET_NAMES = ("article-extraction", "wcxb-dev")
PAGE_TYPES = ("article", "documentation", "service", "forum", "collection", "listing", "product")

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # so `import cleaner` works without installing it


class BenchmarkError(Exception):
    """A problem with the command line or the data, reported in one line with exit code 2."""


# ---------------------------------------------------------------------------------------------
# Metrics (pure functions)
# ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+")


class Scores(NamedTuple):
    precision: float
    recall: float
    f1: float


ShingleCounts = tuple[float, float, float]  # (TP, FP, FN) of one page, normalised to sum to 1


def tokenize(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of `text`, case kept."""
    return _TOKEN_RE.findall(text or "")


def harmonic_mean(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of `n`-token shingles; a text shorter than `n` tokens is one shingle (none if empty)."""
    tokens = tokenize(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(true: str | None, pred: str | None, n: int = 4) -> ShingleCounts:
    """TP, FP, FN shingle counts of one page, normalised to sum to 1 (all 0 if both are empty)."""
    true_shingles, pred_shingles = shingles(true, n), shingles(pred, n)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_precision(counts: ShingleCounts) -> float:
    tp, fp, fn = counts
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def shingle_recall(counts: ShingleCounts) -> float:
    tp, fp, fn = counts
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def shingle_page_scores(counts: ShingleCounts) -> Scores:
    """One page's shingle precision, recall and F1 (for listing pages, not for the dataset score)."""
    precision, recall = shingle_precision(counts), shingle_recall(counts)
    return Scores(precision, recall, harmonic_mean(precision, recall))


def shingle_scores(page_counts: Iterable[ShingleCounts]) -> Scores:
    """Dataset scores as the Zyte benchmark defines them: F1 of mean precision and mean recall."""
    counts = list(page_counts)
    precisions = [shingle_precision(c) for c in counts if c[0] + c[1] > 0]
    recalls = [shingle_recall(c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return Scores(precision, recall, harmonic_mean(precision, recall))


def word_prf(true: str | None, pred: str | None) -> Scores:
    """WCXB word-level precision, recall and F1 of one page (lower-cased ``\\w+`` bags of words)."""
    true_bag = Counter(tokenize((true or "").lower()))
    pred_bag = Counter(tokenize((pred or "").lower()))
    if not true_bag and not pred_bag:
        return Scores(1.0, 1.0, 1.0)
    if not true_bag or not pred_bag:
        return Scores(0.0, 0.0, 0.0)
    overlap = sum((true_bag & pred_bag).values())
    precision = overlap / sum(pred_bag.values())
    recall = overlap / sum(true_bag.values())
    return Scores(precision, recall, harmonic_mean(precision, recall))


def word_f1(true: str | None, pred: str | None) -> float:
    return word_prf(true, pred).f1


def normalise_space(text: str) -> str:
    """Lower-cased, with every run of whitespace collapsed to one space (for snippet matching)."""
    return " ".join(text.lower().split())


def snippets_found(snippets: Iterable[str], text: str) -> int:
    """How many of `snippets` occur in `text`, compared after `normalise_space`."""
    haystack = normalise_space(text)
    return sum(normalise_space(snippet) in haystack for snippet in snippets)


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


def lines_not_in(text: str, other: str) -> list[str]:
    """Lines of `text` whose words do not occur, as a run of words, anywhere in `other`.

    Comparing word runs rather than raw lines makes the check blind to punctuation, case and
    where either side breaks its lines.
    """
    haystack = f" {' '.join(tokenize(other.lower()))} "
    missing = []
    for line in text.splitlines():
        words = " ".join(tokenize(line.lower()))
        if words and f" {words} " not in haystack:
            missing.append(line.strip())
    return missing


# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------

DatasetKind = Literal["article-extraction", "wcxb"]


@dataclass(frozen=True)
class Page:
    id: str
    path: Path  # gzipped HTML
    url: str | None
    truth: str
    page_type: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()

    def read(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())


@dataclass(frozen=True)
class Dataset:
    name: str
    kind: DatasetKind
    pages: tuple[Page, ...]


def load_dataset(folder: Path) -> Dataset:
    """Load a benchmark folder, telling the two layouts apart by their ground-truth files."""
    if (folder / "ground-truth.json").is_file():
        return load_article_extraction(folder)
    if (folder / "ground-truth").is_dir():
        return load_wcxb(folder)
    raise BenchmarkError(f"{folder}: no ground-truth.json or ground-truth/ folder in it")


def load_article_extraction(folder: Path) -> Dataset:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = tuple(
        Page(
            id=page_id,
            path=folder / "html" / f"{page_id}.html.gz",
            url=entry.get("url"),
            truth=entry.get("articleBody") or "",
            page_type="article",
        )
        for page_id, entry in sorted(truth.items())
    )
    return Dataset(folder.name, "article-extraction", pages)


def load_wcxb(folder: Path) -> Dataset:
    metadata_path = folder / "metadata.json"
    files_meta: dict[str, Any] = {}
    if metadata_path.is_file():
        files_meta = json.loads(metadata_path.read_text(encoding="utf-8")).get("files", {})
    pages = tuple(
        _wcxb_page(folder, path, files_meta.get(path.stem, {}))
        for path in sorted((folder / "ground-truth").glob("*.json"))
    )
    return Dataset(folder.name, "wcxb", pages)


def _wcxb_page(folder: Path, truth_path: Path, file_meta: dict[str, Any]) -> Page:
    record = json.loads(truth_path.read_text(encoding="utf-8"))
    truth = record.get("ground_truth") or {}
    page_type = (
        (record.get("_internal") or {}).get("page_type", {}).get("primary")
        or file_meta.get("page_type")
        or truth.get("page_type")
    )
    return Page(
        id=truth_path.stem,
        path=folder / "html" / f"{truth_path.stem}.html.gz",
        url=record.get("url"),
        truth=truth.get("main_content") or "",
        page_type=page_type,
        with_snippets=tuple(s for s in truth.get("with") or () if s),
        without_snippets=tuple(s for s in truth.get("without") or () if s),
    )


def spread_sample(pages: tuple[Page, ...], limit: int | None) -> tuple[Page, ...]:
    """`limit` pages spread evenly over `pages` (all of them if `limit` is None or large)."""
    if limit is None or limit >= len(pages):
        return pages
    return tuple(pages[i * len(pages) // limit] for i in range(limit))


def select_datasets(choice: str, data_root: Path, limit: int | None) -> list[Dataset]:
    """Resolve ``--dataset`` (a name, ``all``, or a folder) to loaded, sampled datasets."""
    if choice not in (*DATASET_NAMES, "all") and Path(choice).is_dir():
        folders = [Path(choice)]
    elif choice in (*DATASET_NAMES, "all"):
        if not data_root.is_dir():
            raise BenchmarkError(f"data folder not found: {data_root} (set it with --data)")
        folders = [data_root / name for name in DATASET_NAMES if choice in (name, "all")]
    else:
        raise BenchmarkError(f"unknown dataset {choice!r}: use {', '.join(DATASET_NAMES)}, all or a folder")
    datasets = []
    for folder in folders:
        if not folder.is_dir():
            raise BenchmarkError(f"dataset folder not found: {folder}")
        dataset = load_dataset(folder)
        datasets.append(Dataset(dataset.name, dataset.kind, spread_sample(dataset.pages, limit)))
    return datasets


# ---------------------------------------------------------------------------------------------
# Systems
# ---------------------------------------------------------------------------------------------

Extractor = Callable[[bytes, str, str | None], str]  # (raw bytes, decoded html, url) -> text


def _load_cleaner() -> Extractor:
    from cleaner import clean

    def extract(raw: bytes, html: str, url: str | None) -> str:
        return clean(raw, url=url).text

    return extract


def _load_trafilatura(**options: Any) -> Callable[[], Extractor]:
    def load() -> Extractor:
        import trafilatura

        def extract(raw: bytes, html: str, url: str | None) -> str:
            return trafilatura.extract(html, url=url, **options) or ""

        return extract

    return load


def _load_justext() -> Extractor:
    import justext

    stoplist = justext.get_stoplist("English")

    def extract(raw: bytes, html: str, url: str | None) -> str:
        paragraphs = justext.justext(html, stoplist)
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return extract


def _load_readability() -> Extractor:
    import lxml.html
    from readability import Document

    blocks = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "br"}

    def extract(raw: bytes, html: str, url: str | None) -> str:
        tree = lxml.html.fromstring(Document(html, url=url).summary(html_partial=True))
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag in blocks:
                element.tail = "\n" + (element.tail or "")
        return re.sub(r"\n\s*\n+", "\n\n", tree.text_content()).strip()

    return extract


@dataclass(frozen=True)
class System:
    name: str
    module: str  # the import that must work for the system to be available
    load: Callable[[], Extractor]
    default: bool = True  # in the default --systems list (if its module is installed)


SYSTEMS = {
    system.name: system
    for system in (
        System("cleaner", "cleaner", _load_cleaner),
        System("trafilatura", "trafilatura", _load_trafilatura()),
        System("trafilatura-fast", "trafilatura", _load_trafilatura(fast=True), default=False),
        System(
            "trafilatura-nocomments",
            "trafilatura",
            _load_trafilatura(include_comments=False),
            default=False,
        ),
        System("justext", "justext", _load_justext, default=False),
        System("readability", "readability", _load_readability),
    )
}
ALWAYS_MEASURED = ("cleaner", "trafilatura")  # a failure to load these is an error, even by default


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def resolve_systems(spec: str | None) -> list[str]:
    """System names from ``--systems``, or the default set: cleaner, trafilatura, optional extras."""
    if spec is None:
        return [
            s.name
            for s in SYSTEMS.values()
            if s.default and (s.name in ALWAYS_MEASURED or _installed(s.module))
        ]
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in SYSTEMS]
    if unknown or not names:
        raise BenchmarkError(
            f"unknown system {', '.join(unknown) or '(none)'}: choose from {', '.join(SYSTEMS)}"
        )
    return list(dict.fromkeys(names))


def load_extractors(names: Sequence[str]) -> dict[str, Extractor]:
    extractors = {}
    for name in names:
        try:
            extractors[name] = SYSTEMS[name].load()
        except Exception as exc:  # report any import-time failure in one line
            raise BenchmarkError(f"cannot load system {name}: {type(exc).__name__}: {exc}") from exc
    return extractors


def system_version(name: str) -> str:
    distribution = {"readability": "readability-lxml"}.get(name, SYSTEMS[name].module)
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        module = sys.modules.get(SYSTEMS[name].module)
        return str(getattr(module, "__version__", "?"))


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------

_WARM_UP_HTML = (
    "<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav><article>"
    + "<p>This paragraph only warms the extractors up before any page is timed.</p>" * 5
    + "</article></body></html>"
)


@dataclass(frozen=True)
class PageRun:
    """What every system produced on one page, and how long each extraction call took."""

    page_id: str
    outputs: dict[str, str]
    seconds: dict[str, float]
    errors: dict[str, str]


_worker_extractors: dict[str, Extractor] = {}  # per process, filled by _init_worker


def _init_worker(names: Sequence[str]) -> None:
    _worker_extractors.clear()
    _worker_extractors.update(load_extractors(names))
    warm_up(_worker_extractors)


def warm_up(extractors: dict[str, Extractor]) -> None:
    raw = _WARM_UP_HTML.encode()
    for extract in extractors.values():
        timed_extract(extract, raw, _WARM_UP_HTML, "https://example.com/warm-up")


def timed_extract(
    extract: Extractor, raw: bytes, html: str, url: str | None
) -> tuple[str, float, str | None]:
    """Output, seconds spent in the call, and the error (output "" then) of one extraction."""
    start = time.perf_counter()
    try:
        text = extract(raw, html, url)
    except Exception as exc:
        message = " ".join(str(exc).split())
        return "", time.perf_counter() - start, f"{type(exc).__name__}: {message}"
    return text or "", time.perf_counter() - start, None


def run_page(job: tuple[int, Page]) -> PageRun:
    """Run every loaded system on one page, starting with a different system on each page."""
    index, page = job
    raw = page.read()
    html = raw.decode("utf-8", errors="replace")
    names = list(_worker_extractors)
    shift = index % len(names)
    outputs, seconds, errors = {}, {}, {}
    for name in names[shift:] + names[:shift]:
        outputs[name], seconds[name], error = timed_extract(_worker_extractors[name], raw, html, page.url)
        if error:
            errors[name] = error
    return PageRun(page.id, outputs, seconds, errors)


def run_dataset(dataset: Dataset, names: Sequence[str], jobs: int) -> list[PageRun]:
    work = list(enumerate(dataset.pages))
    if jobs <= 1:
        _init_worker(names)
        return _collect(map(run_page, work), dataset)
    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(names,)) as pool:
        return _collect(pool.imap(run_page, work), dataset)


def _collect(runs: Iterator[PageRun], dataset: Dataset) -> list[PageRun]:
    """Gather page runs in order, reporting errors (and progress on a terminal) to stderr."""
    collected = []
    show_progress = sys.stderr.isatty()
    for done, run in enumerate(runs, 1):
        for name, error in run.errors.items():
            _clear_progress(show_progress)
            print(f"{dataset.name}/{run.page_id}: {name} raised {error}", file=sys.stderr)
        if show_progress:
            print(f"\r{dataset.name}: {done}/{len(dataset.pages)} pages", end="", file=sys.stderr)
        collected.append(run)
    _clear_progress(show_progress)
    return collected


def _clear_progress(show_progress: bool) -> None:
    if show_progress:
        print("\r\033[K", end="", file=sys.stderr)


def _max_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _peak_rss_child(name: str, names: Sequence[str], pages: Sequence[Page]) -> tuple[float, float]:
    """In a fresh process: RSS after importing every system, and peak RSS after running `name`."""
    extractors = load_extractors(names)
    warm_up(extractors)
    baseline = _max_rss_mb()
    for page in pages:
        raw = page.read()
        timed_extract(extractors[name], raw, raw.decode("utf-8", errors="replace"), page.url)
    return baseline, _max_rss_mb()


def measure_peak_memory(dataset: Dataset, names: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Per system: (baseline MB, peak MB) of a spawned process that runs only that system."""
    context = multiprocessing.get_context("spawn")
    peaks = {}
    for name in names:
        with context.Pool(1) as pool:
            peaks[name] = pool.apply(_peak_rss_child, (name, names, dataset.pages))
    return peaks


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

Row = dict[str, float | None]


def page_scores(dataset: Dataset, page: Page, output: str) -> Scores:
    if dataset.kind == "article-extraction":
        return shingle_page_scores(shingle_counts(page.truth, output))
    return word_prf(page.truth, output)


def quality_row(dataset: Dataset, outputs: Sequence[str]) -> Row:
    if dataset.kind == "article-extraction":
        scores = shingle_scores(
            shingle_counts(p.truth, o) for p, o in zip(dataset.pages, outputs, strict=True)
        )
        return {"f1": scores.f1, "precision": scores.precision, "recall": scores.recall}
    return wcxb_row(dataset.pages, outputs)


def wcxb_row(pages: Sequence[Page], outputs: Sequence[str]) -> Row:
    scores = [word_prf(page.truth, output) for page, output in zip(pages, outputs, strict=True)]
    row: Row = {
        "f1": mean(s.f1 for s in scores),
        "precision": mean(s.precision for s in scores),
        "recall": mean(s.recall for s in scores),
    }
    for page_type in PAGE_TYPES:
        row[page_type] = mean(s.f1 for p, s in zip(pages, scores, strict=True) if p.page_type == page_type)
    with_total = sum(len(p.with_snippets) for p in pages)
    without_total = sum(len(p.without_snippets) for p in pages)
    found = sum(snippets_found(p.with_snippets, o) for p, o in zip(pages, outputs, strict=True))
    leaked = sum(snippets_found(p.without_snippets, o) for p, o in zip(pages, outputs, strict=True))
    row["with"] = found / with_total if with_total else None
    row["without"] = 1 - leaked / without_total if without_total else None
    return row


def speed_row(seconds: Sequence[float]) -> Row:
    total = sum(seconds)
    return {
        "pages/s": len(seconds) / total if total > 0 else None,
        "median ms": statistics.median(seconds) * 1000 if seconds else None,
    }


def summarise(
    dataset: Dataset,
    runs: Sequence[PageRun],
    names: Sequence[str],
    memory: dict[str, tuple[float, float]] | None,
) -> dict[str, Row]:
    """One row of quality, speed and (optionally) memory figures per system."""
    rows = {}
    for name in names:
        row = quality_row(dataset, [run.outputs[name] for run in runs])
        row |= speed_row([run.seconds[name] for run in runs])
        if memory:
            row["peak MB"] = memory[name][1]
        rows[name] = row
    reference = rows.get("trafilatura", {}).get("pages/s")
    for row in rows.values():
        speed = row["pages/s"]
        row["ratio"] = speed / reference if speed and reference else None
    return rows


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------

Column = tuple[str, str, str]  # row key, header, format string

QUALITY_COLUMNS: list[Column] = [
    ("f1", "F1", "{:.3f}"),
    ("precision", "P", "{:.3f}"),
    ("recall", "R", "{:.3f}"),
]
WCXB_COLUMNS: list[Column] = [(t, t, "{:.3f}") for t in PAGE_TYPES] + [
    ("with", "with found", "{:.3f}"),
    ("without", "without avoided", "{:.3f}"),
]
SPEED_COLUMNS: list[Column] = [
    ("pages/s", "pages/s", "{:.1f}"),
    ("ratio", "x traf", "{:.2f}x"),
    ("median ms", "median ms", "{:.1f}"),
]
MEMORY_COLUMNS: list[Column] = [("peak MB", "peak MB", "{:.0f}")]


def columns_for(dataset: Dataset, with_memory: bool) -> list[Column]:
    extra = WCXB_COLUMNS if dataset.kind == "wcxb" else []
    return QUALITY_COLUMNS + extra + SPEED_COLUMNS + (MEMORY_COLUMNS if with_memory else [])


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    """An aligned plain-text table (first column left, others right), or a GitHub markdown one."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [cells[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)
        ]
        return f"| {' | '.join(padded)} |" if markdown else "  ".join(padded)

    rule = ["-" * widths[0]] + ["-" * (w - 1) + ":" for w in widths[1:]]
    separator = f"| {' | '.join(rule)} |" if markdown else "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])


def format_results(
    dataset: Dataset,
    rows: dict[str, Row],
    memory: dict[str, tuple[float, float]] | None,
    markdown: bool,
) -> str:
    columns = columns_for(dataset, memory is not None)
    headers = ["system", *(header for _, header, _ in columns)]
    body = [[name, *(_cell(row.get(key), fmt) for key, _, fmt in columns)] for name, row in rows.items()]
    title = f"{dataset.name} ({len(dataset.pages)} pages)"
    parts = [
        f"### {title}" if markdown else f"{title}\n{'=' * len(title)}",
        "",
        format_table(headers, body, markdown),
    ]
    if memory:
        baseline = max(base for base, _ in memory.values())
        parts += ["", f"peak MB: peak RSS of one process per system; {baseline:.0f} MB after imports alone."]
    return "\n".join(parts)


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def format_errors(dataset: Dataset, runs: Sequence[PageRun]) -> str:
    failures = Counter(name for run in runs for name in run.errors)
    return "\n".join(
        f"{name}: raised on {count} of {len(runs)} {dataset.name} pages (scored as empty)"
        for name, count in failures.items()
    )


def format_worst(dataset: Dataset, runs: Sequence[PageRun], name: str, other: str | None, count: int) -> str:
    """The `count` pages where system `name` scores lowest, with `other`'s F1 and a short diff."""
    scored = [
        (page_scores(dataset, page, run.outputs[name]), page, run)
        for page, run in zip(dataset.pages, runs, strict=True)
    ]
    scored.sort(key=lambda item: (item[0].f1, item[1].id))
    lines = [f"Worst {min(count, len(scored))} {dataset.name} pages for {name}:"]
    for rank, (scores, page, run) in enumerate(scored[:count], 1):
        lines.append(f"{rank:>3}. {page.id}  [{page.page_type or '?'}]  {page.url or '(no url)'}")
        summary = f"{name} F1 {scores.f1:.3f} (P {scores.precision:.3f}, R {scores.recall:.3f})"
        if other:
            summary += f"   {other} F1 {page_scores(dataset, page, run.outputs[other]).f1:.3f}"
        lines.append(f"     {summary}")
        lines.append(f"     missing: {_clip(lines_not_in(page.truth, run.outputs[name]))}")
        lines.append(f"     extra:   {_clip(lines_not_in(run.outputs[name], page.truth))}")
    return "\n".join(lines)


def _clip(lines: Sequence[str], limit: int = 300) -> str:
    text = " ¶ ".join(line for line in lines if line)
    if not text:
        return "(none)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_header(names: Sequence[str], jobs: int, markdown: bool) -> str:
    command = shlex.join(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
    date = datetime.now().astimezone().isoformat(timespec="seconds")
    versions = ", ".join(f"{name} {system_version(name)}" for name in names)
    python = ".".join(map(str, sys.version_info[:3]))
    if markdown:
        return f"Command: `{command}`  \nDate: {date}  \nSystems: {versions}; Python {python}; jobs {jobs}"
    return f"command: {command}\ndate:    {date}\nsystems: {versions}; Python {python}; jobs {jobs}"


def save_outputs(folder: Path, dataset: Dataset, runs: Sequence[PageRun]) -> None:
    """Write every system's output as ``folder/<dataset>/<system>/<page id>.txt``."""
    for run in runs:
        for name, text in run.outputs.items():
            path = folder / dataset.name / name / f"{run.page_id}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmark.py",
        description="Score cleaner and other extractors on the shared benchmarks (see the module docstring).",
    )
    parser.add_argument(
        "--dataset", default="all", help="article-extraction, wcxb-dev, all (default) or a folder"
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"benchmarks folder (default {DEFAULT_DATA})"
    )
    parser.add_argument("--limit", type=_positive_int, help="use N pages spread evenly over each dataset")
    parser.add_argument("--jobs", type=_positive_int, default=1, help="worker processes (default 1)")
    parser.add_argument("--systems", help=f"comma-separated, from: {', '.join(SYSTEMS)}")
    parser.add_argument(
        "--worst", type=_positive_int, metavar="N", help="list cleaner's N lowest-F1 pages per dataset"
    )
    parser.add_argument(
        "--save", type=Path, metavar="DIR", help="write every output to DIR/<dataset>/<system>/<id>.txt"
    )
    parser.add_argument("--memory", action="store_true", help="measure peak RSS per system (slower)")
    parser.add_argument("--markdown", action="store_true", help="print GitHub markdown tables")
    return parser.parse_args(argv)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        datasets = select_datasets(args.dataset, args.data, args.limit)
        names = resolve_systems(args.systems)
        load_extractors(names)  # fail here, in one line, rather than inside a worker
    except BenchmarkError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2

    print(format_header(names, args.jobs, args.markdown), end="\n\n", flush=True)
    results = []
    for dataset in datasets:
        runs = run_dataset(dataset, names, args.jobs)
        memory = measure_peak_memory(dataset, names) if args.memory else None
        rows = summarise(dataset, runs, names, memory)
        print(format_results(dataset, rows, memory, args.markdown))
        if errors := format_errors(dataset, runs):
            print(errors)
        print(flush=True)
        if args.save:
            save_outputs(args.save, dataset, runs)
        results.append((dataset, runs))

    if args.worst:
        focus = "cleaner" if "cleaner" in names else names[0]
        other = "trafilatura" if "trafilatura" in names and focus != "trafilatura" else None
        for dataset, runs in results:
            report = format_worst(dataset, runs, focus, other, args.worst)
            print(f"```text\n{report}\n```\n" if args.markdown else f"{report}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
