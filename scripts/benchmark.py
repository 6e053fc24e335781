#!/usr/bin/env python3
r"""Measure cleaner against other extractors on the shared benchmarks.

Usage, from the repository root::

    .venv/bin/python scripts/benchmark.py                     # both datasets, default systems
    .venv/bin/python scripts/benchmark.py --dataset wcxb-dev --limit 300 --jobs 2
    .venv/bin/python scripts/benchmark.py --systems cleaner,trafilatura --worst 10
    .venv/bin/python scripts/benchmark.py --markdown --memory  # tables to paste into README.md
    .venv/bin/python scripts/benchmark.py --input text --jobs 2  # text dumps (make_textdumps.py first)
    .venv/bin/python scripts/benchmark.py --metadata --jobs 2 --markdown  # title, author, date, page type

Options: ``--dataset article-extraction|wcxb-dev|all|DIR`` (default all; DIR is a folder laid out like
one of the two), ``--data ROOT`` (default ``../shared/benchmarks`` from the repo root), ``--limit N``
(N pages spread evenly over the id-sorted dataset, so every page type stays represented),
``--jobs N`` (worker processes), ``--systems a,b``, ``--worst N``, ``--save DIR`` (writes
``DIR/<dataset>/<system>/<page id>.txt``), ``--memory``, ``--markdown``, ``--input html|text``
(default html), ``--dumps DIR`` (text dumps, default ``../textdumps`` from the repo root),
``--metadata`` (score metadata instead of text, see below).

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
cleaner           ``cleaner.clean(raw_bytes, url=url).text``: the text only, as trafilatura's
                  ``extract()`` gives it (cleaner reads a Document's metadata when first asked for)
cleaner+metadata  the same, then ``to_dict()``: the text and every metadata field, as the CLI
                  and batch runs read them (not in the default list)
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

Text dumps (``--input text``)
----------------------------
Scores text-only systems on the dumps that ``scripts/make_textdumps.py`` writes (see its docstring
for the styles): ``--dumps DIR`` holds ``<dataset>/truth.json`` and ``<dataset>/<style>/<id>.txt``.
Each style of each dataset gets its own table, with the dataset's metric (shingle F1 for
article-extraction, word F1 for WCXB; pages with an empty truth have no dump, so they are not
scored), then one overview table per dataset.  Dumps are read byte for byte (CRLF kept).
as-is             the dump itself: the floor
cleaner           ``cleaner.clean(dump_text, kind="text").text``
c4                the C4 rules as they apply to lines: keep stripped lines that end in . ! ? " ” ’ »
                  and have at least 5 whitespace-separated words; drop lines containing "javascript",
                  "lorem ipsum", a curly brace, or one of C4's cookie/policy phrases ("privacy
                  policy", "cookie policy", "terms of use", "uses cookies", "use of cookies",
                  "use cookies"); see ``c4_keeps``
justext           jusText on the dump's non-blank lines, each wrapped as ``<p>``, with the union of
                  all jusText stoplists (``justext.get_stoplists()``), default thresholds
trafilatura-lines the same ``<p>`` page given to ``trafilatura.extract`` (no URL, default options)
Speed is MB of dump text (UTF-8) per summed second of extraction calls, per core; "x traf-lines" is
the ratio to trafilatura-lines in the same run.  The floor is not timed.  ``--worst N`` lists
cleaner's N worst pages per style, ``--save DIR`` writes ``DIR/<dataset>/<style>/<system>/<id>.txt``;
``--memory`` is for HTML only.

Metadata (``--metadata``)
-------------------------
Scores the metadata of cleaner (``clean(raw_bytes, url=url)``: ``title``, ``author``, ``date``,
``page_type``) and of trafilatura (``bare_extraction(html, url=url, with_metadata=True)``: ``title``,
``author``, ``date``; it has no page type) against WCXB's truth (``title``, ``author``,
``publish_date``, and the page type), on ``wcxb-dev`` unless ``--dataset`` names another WCXB folder.
Values are compared after ``normalise_field``: Unicode NFKC, case folding, whitespace runs folded
to one space, punctuation and spaces stripped at both ends.
title exact       share of pages with a true title whose title is equal (title F1: mean word F1)
author exact      share of pages with a true author whose author is equal, or has the same set of
                  ``\w+`` words ("Kaufman, Jeff" = "Jeff Kaufman", "A & B" = "A, B")
no author: none   share of pages whose truth has no author on which the system emitted none
date same day     share of pages with a true date whose date (ISO 8601) starts with the truth's
                  YYYY-MM-DD (the day the page states, before any time zone conversion)
no date: none     share of pages whose truth has no date on which the system emitted none
page type         share of pages whose page type equals the truth's; a confusion matrix follows
``--worst N`` lists the first N pages where each of cleaner's fields is wrong, beside trafilatura's.

The metric functions are pure and importable, e.g.
``sys.path.insert(0, "scripts"); from benchmark import shingle_counts, shingle_scores, word_prf``.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import importlib.util
import json
import multiprocessing
import re
import resource
import shlex
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
    title: str | None = None  # metadata truth (WCXB only)
    author: str | None = None
    date: str | None = None

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
        title=truth.get("title") or None,
        author=truth.get("author") or None,
        date=truth.get("publish_date") or None,
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


def _load_cleaner(*, with_metadata: bool = False) -> Callable[[], Extractor]:
    def load() -> Extractor:
        from cleaner import clean

        def extract(raw: bytes, html: str, url: str | None) -> str:
            document = clean(raw, url=url)
            if with_metadata:
                document.to_dict()  # reads every metadata field
            return document.text

        return extract

    return load


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
        System("cleaner", "cleaner", _load_cleaner()),
        System("cleaner+metadata", "cleaner", _load_cleaner(with_metadata=True), default=False),
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
    return chosen_names(spec, SYSTEMS, "system")


def chosen_names(spec: str, known: Iterable[str], what: str) -> list[str]:
    """The names in a comma-separated option, each once; BenchmarkError for unknown or none."""
    known = list(known)
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise BenchmarkError(
            f"unknown {what} {', '.join(unknown) or '(none)'}: choose from {', '.join(known)}"
        )
    return list(dict.fromkeys(names))


def load_systems(names: Sequence[str], table: Mapping[str, Any]) -> dict[str, Any]:
    """Each named system's extractor, loaded now; BenchmarkError naming the one that fails."""
    extractors = {}
    for name in names:
        try:
            extractors[name] = table[name].load()
        except Exception as exc:  # report any import-time failure in one line
            raise BenchmarkError(f"cannot load system {name}: {type(exc).__name__}: {exc}") from exc
    return extractors


def load_extractors(names: Sequence[str]) -> dict[str, Extractor]:
    return load_systems(names, SYSTEMS)


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


def _init_worker(names: Sequence[str], table: str = "html") -> None:
    """Load the named systems of one table ("html": SYSTEMS, "metadata": METADATA_SYSTEMS)."""
    _worker_extractors.clear()
    _worker_extractors.update(load_systems(names, METADATA_SYSTEMS if table == "metadata" else SYSTEMS))
    warm_up(_worker_extractors)


def warm_up(extractors: dict[str, Extractor]) -> None:
    raw = _WARM_UP_HTML.encode()
    for extract in extractors.values():
        timed_extract(extract, raw, _WARM_UP_HTML, "https://example.com/warm-up")


def timed(call: Callable[[], str | None]) -> tuple[str, float, str | None]:
    """Output, seconds spent in the call, and the error (output "" then) of one extraction."""
    start = time.perf_counter()
    try:
        text = call()
    except Exception as exc:
        message = " ".join(str(exc).split())
        return "", time.perf_counter() - start, f"{type(exc).__name__}: {message}"
    return text or "", time.perf_counter() - start, None


def timed_extract(
    extract: Extractor, raw: bytes, html: str, url: str | None
) -> tuple[str, float, str | None]:
    return timed(lambda: extract(raw, html, url))


def run_rotated(
    names: Sequence[str], index: int, call: Callable[[str], Callable[[], str | None]]
) -> tuple[dict[str, str], dict[str, float], dict[str, str]]:
    """Outputs, seconds and errors of every system on one page, starting with a different system
    on each page so that all share the machine's noise."""
    shift = index % len(names)
    outputs, seconds, errors = {}, {}, {}
    for name in [*names[shift:], *names[:shift]]:
        outputs[name], seconds[name], error = timed(call(name))
        if error:
            errors[name] = error
    return outputs, seconds, errors


def run_page(job: tuple[int, Page]) -> PageRun:
    """Run every loaded system on one page."""
    index, page = job
    raw = page.read()
    html = raw.decode("utf-8", errors="replace")
    extractors = _worker_extractors
    outputs, seconds, errors = run_rotated(
        list(extractors), index, lambda name: lambda: extractors[name](raw, html, page.url)
    )
    return PageRun(page.id, outputs, seconds, errors)


def run_dataset(dataset: Dataset, names: Sequence[str], jobs: int, table: str = "html") -> list[PageRun]:
    work = list(enumerate(dataset.pages))
    if jobs <= 1:
        _init_worker(names, table)
        return _collect(map(run_page, work), dataset)
    with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(names, table)) as pool:
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
    columns: list[Column] | None = None,
) -> str:
    columns = columns or columns_for(dataset, memory is not None)
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


def format_header(names: Sequence[str], jobs: int, markdown: bool, versions: str | None = None) -> str:
    command = shlex.join(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
    date = datetime.now().astimezone().isoformat(timespec="seconds")
    versions = versions or ", ".join(f"{name} {system_version(name)}" for name in names)
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
# Text dumps (--input text)
# ---------------------------------------------------------------------------------------------

DEFAULT_DUMPS = REPO_ROOT.parent / "textdumps"  # make_textdumps.py's default --out
TextExtractor = Callable[[str], str]  # dump text -> kept text

C4_END_MARKS = (".", "!", "?", '"', "”", "’", "»")  # C4's . ? ! " plus typographic closing quotes
C4_MIN_WORDS = 5
C4_POLICY_SUBSTRINGS = (  # C4's reference code (tensorflow_datasets c4_utils): cookie and policy notices
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
C4_BAD_SUBSTRINGS = ("javascript", "lorem ipsum", "{", "}", *C4_POLICY_SUBSTRINGS)


def c4_keeps(line: str) -> bool:
    """The C4 rules, as they apply to one line: terminal punctuation, >= 5 words, no bad substring.

    C4 (Raffel et al. 2020) keeps lines that end in a terminal punctuation mark and have at least
    five words, and drops lines naming javascript or a cookie or privacy/use policy (its code's
    list of phrases: a bare "policy" or "cookie" stays, as in "monetary policy").  Its page-level
    rules (pages with "lorem ipsum" or a curly brace) apply here to the line alone; the one on pages
    of fewer than three sentences is not applied.
    """
    line = line.strip()
    lowered = line.lower()
    return (
        line.endswith(C4_END_MARKS)
        and len(line.split()) >= C4_MIN_WORDS
        and not any(bad in lowered for bad in C4_BAD_SUBSTRINGS)
    )


def c4_lines(text: str) -> str:
    """The lines of `text` that the C4 rules keep, stripped, one per line."""
    return "\n".join(line.strip() for line in text.splitlines() if c4_keeps(line))


def lines_as_paragraphs(text: str) -> str:
    """An HTML page with each non-blank line of `text` as one ``<p>`` ("" if there is none)."""
    paragraphs = "".join(
        f"<p>{html_lib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>" if paragraphs else ""


def _load_text_identity() -> TextExtractor:
    return lambda text: text


def _load_text_cleaner() -> TextExtractor:
    from cleaner import clean

    return lambda text: clean(text, kind="text").text


def _load_text_c4() -> TextExtractor:
    return c4_lines


def _load_text_justext() -> TextExtractor:
    import justext

    stoplist = frozenset().union(*(justext.get_stoplist(name) for name in justext.get_stoplists()))

    def extract(text: str) -> str:
        html = lines_as_paragraphs(text)
        if not html:
            return ""
        return "\n\n".join(p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate)

    return extract


def _load_text_trafilatura() -> TextExtractor:
    import trafilatura

    def extract(text: str) -> str:
        html = lines_as_paragraphs(text)
        return (trafilatura.extract(html) or "") if html else ""

    return extract


@dataclass(frozen=True)
class TextSystem:
    name: str
    module: str | None  # the distribution whose version the header prints
    load: Callable[[], TextExtractor]


TEXT_SYSTEMS = {
    system.name: system
    for system in (
        TextSystem("as-is", None, _load_text_identity),
        TextSystem("cleaner", "cleaner", _load_text_cleaner),
        TextSystem("c4", None, _load_text_c4),
        TextSystem("justext", "jusText", _load_text_justext),
        TextSystem("trafilatura-lines", "trafilatura", _load_text_trafilatura),
    )
}
TEXT_FLOOR = "as-is"  # the dump itself: not a system, so not timed
TEXT_REFERENCE = "trafilatura-lines"  # the speed reference in text mode


def resolve_text_systems(spec: str | None) -> list[str]:
    return list(TEXT_SYSTEMS) if spec is None else chosen_names(spec, TEXT_SYSTEMS, "text system")


def load_text_extractors(names: Sequence[str]) -> dict[str, TextExtractor]:
    return load_systems(names, TEXT_SYSTEMS)


def text_versions(names: Sequence[str]) -> str:
    parts = []
    for name in names:
        module = TEXT_SYSTEMS[name].module
        parts.append(f"{name} {metadata.version(module)}" if module else name)
    return ", ".join(parts)


@dataclass(frozen=True)
class DumpSet:
    """One dump style of one dataset: its pages (truth from truth.json) and their dump files."""

    dataset: Dataset  # named "<dataset>/<style>"; Page.path is the dump file
    style: str


def read_dump(path: Path) -> str:
    """A dump's text exactly as written (no newline translation: CRLF dumps keep their CR)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def load_dump_sets(folder: Path, limit: int | None) -> list[DumpSet]:
    """Every style folder of one dataset's dumps, with the pages of truth.json that have a dump."""
    truth_path = folder / "truth.json"
    if not truth_path.is_file():
        raise BenchmarkError(f"{truth_path} not found: run scripts/make_textdumps.py first")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = spread_sample(tuple(sorted(truth)), limit)
    kind: DatasetKind = truth[ids[0]]["kind"] if ids else "wcxb"
    dump_sets = []
    for style_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        pages = tuple(
            _dump_page(style_folder / f"{page_id}.txt", page_id, truth[page_id])
            for page_id in ids
            if (style_folder / f"{page_id}.txt").is_file()
        )
        dataset = Dataset(f"{folder.name}/{style_folder.name}", kind, pages)
        dump_sets.append(DumpSet(dataset, style_folder.name))
    return dump_sets


def _dump_page(path: Path, page_id: str, entry: dict[str, Any]) -> Page:
    return Page(
        id=page_id,
        path=path,
        url=entry.get("url"),
        truth=entry.get("truth") or "",
        page_type=entry.get("page_type"),
        with_snippets=tuple(entry.get("with") or ()),
        without_snippets=tuple(entry.get("without") or ()),
    )


def select_dump_sets(choice: str, dumps_root: Path, limit: int | None) -> list[list[DumpSet]]:
    """Resolve ``--dataset`` against the dumps folder: per dataset, its dump styles."""
    if choice not in (*DATASET_NAMES, "all"):
        raise BenchmarkError(
            f"unknown dataset {choice!r} for --input text: use {', '.join(DATASET_NAMES)} or all"
        )
    if not dumps_root.is_dir():
        raise BenchmarkError(
            f"dumps folder not found: {dumps_root} (run scripts/make_textdumps.py, or set --dumps)"
        )
    if choice == "all":  # the datasets that have dumps
        return [load_dump_sets(dumps_root / n, limit) for n in DATASET_NAMES if (dumps_root / n).is_dir()]
    return [load_dump_sets(dumps_root / choice, limit)]


@dataclass(frozen=True)
class DumpRun(PageRun):
    """A PageRun on one dump, with the dump's size in bytes (for MB/s)."""

    size: int = 0


_worker_text_extractors: dict[str, TextExtractor] = {}  # per process, filled by _init_text_worker


def _init_text_worker(names: Sequence[str]) -> None:
    _worker_text_extractors.clear()
    _worker_text_extractors.update(load_text_extractors(names))
    for extract in _worker_text_extractors.values():
        extract(lines_as_paragraphs(_WARM_UP_HTML).replace("<", " "))


def run_dump(job: tuple[int, Page]) -> DumpRun:
    """Run every loaded text system on one dump."""
    index, page = job
    text = read_dump(page.path)
    extractors = _worker_text_extractors
    outputs, seconds, errors = run_rotated(
        list(extractors), index, lambda name: lambda: extractors[name](text)
    )
    return DumpRun(page.id, outputs, seconds, errors, size=len(text.encode("utf-8")))


def run_dump_sets(
    dump_sets: Sequence[DumpSet], names: Sequence[str], jobs: int
) -> Iterator[tuple[DumpSet, list[DumpRun]]]:
    """Run the systems on every dump of each set in turn (one pool of workers for all sets)."""
    if jobs <= 1:
        _init_text_worker(names)
        for dump_set in dump_sets:
            yield dump_set, _collect_dumps(map(run_dump, enumerate(dump_set.dataset.pages)), dump_set)
        return
    with multiprocessing.Pool(jobs, initializer=_init_text_worker, initargs=(names,)) as pool:
        for dump_set in dump_sets:
            work = enumerate(dump_set.dataset.pages)
            yield dump_set, _collect_dumps(pool.imap(run_dump, work, chunksize=2), dump_set)


def _collect_dumps(runs: Iterator[DumpRun], dump_set: DumpSet) -> list[DumpRun]:
    return [run for run in _collect(runs, dump_set.dataset) if isinstance(run, DumpRun)]


def summarise_text(dataset: Dataset, runs: Sequence[DumpRun], names: Sequence[str]) -> dict[str, Row]:
    """Quality per system, and speed in MB of dump text per second (the floor is not timed)."""
    megabytes = sum(run.size for run in runs) / 1e6
    rows = {}
    for name in names:
        row = quality_row(dataset, [run.outputs[name] for run in runs])
        seconds = [run.seconds[name] for run in runs]
        timed = name != TEXT_FLOOR and sum(seconds) > 0
        row["MB/s"] = megabytes / sum(seconds) if timed else None
        row["median ms"] = statistics.median(seconds) * 1000 if timed else None
        rows[name] = row
    reference = rows.get(TEXT_REFERENCE, {}).get("MB/s")
    for row in rows.values():
        speed = row["MB/s"]
        row["ratio"] = speed / reference if speed and reference else None
    return rows


TEXT_SPEED_COLUMNS: list[Column] = [
    ("MB/s", "MB/s", "{:.2f}"),
    ("ratio", "x traf-lines", "{:.2f}x"),
    ("median ms", "median ms", "{:.1f}"),
]


def text_columns(dataset: Dataset) -> list[Column]:
    extra = [(t, t, "{:.3f}") for t in PAGE_TYPES] if dataset.kind == "wcxb" else []
    return QUALITY_COLUMNS + extra + TEXT_SPEED_COLUMNS


def format_text_overview(name: str, results: Sequence[tuple[DumpSet, dict[str, Row]]], markdown: bool) -> str:
    """One line per style: every system's F1, the best text-only baseline and cleaner's margin over it."""
    names = list(results[0][1]) if results else []
    baselines = [n for n in names if n not in ("cleaner", TEXT_FLOOR)]
    headers = ["style", "pages", *names, "best baseline", "cleaner - best", "cleaner R", "cleaner MB/s"]
    body = []
    for dump_set, rows in results:
        best = max(baselines, key=lambda n: rows[n]["f1"] or 0.0, default=None)
        cleaner = rows.get("cleaner", {})
        margin = (cleaner["f1"] or 0.0) - (rows[best]["f1"] or 0.0) if cleaner and best else None
        body.append(
            [
                dump_set.style,
                str(len(dump_set.dataset.pages)),
                *(_cell(rows[n]["f1"], "{:.3f}") for n in names),
                f"{best} {rows[best]['f1']:.3f}" if best else "-",
                _cell(margin, "{:+.3f}"),
                _cell(cleaner.get("recall"), "{:.3f}"),
                _cell(cleaner.get("MB/s"), "{:.2f}"),
            ]
        )
    title = f"{name} text dumps: F1 per style"
    heading = f"### {title}" if markdown else f"{title}\n{'=' * len(title)}"
    return "\n".join([heading, "", format_table(headers, body, markdown)])


def main_text(args: argparse.Namespace) -> int:
    """``--input text``: score the text systems on every dump style of each dataset."""
    try:
        if args.memory:
            raise BenchmarkError("--memory measures HTML extraction only; drop it with --input text")
        datasets = select_dump_sets(args.dataset, args.dumps, args.limit)
        names = resolve_text_systems(args.systems)
        load_text_extractors(names)  # fail here, in one line, rather than inside a worker
    except BenchmarkError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2

    print(format_header(names, args.jobs, args.markdown, text_versions(names)), end="\n\n", flush=True)
    focus = "cleaner" if "cleaner" in names else names[0]
    other = TEXT_REFERENCE if TEXT_REFERENCE in names and focus != TEXT_REFERENCE else None
    worst = []  # reports, printed at the end (the runs themselves are not kept)
    for dump_sets in datasets:
        results = []
        for dump_set, runs in run_dump_sets(dump_sets, names, args.jobs):
            results.append((dump_set, report_dump_set(dump_set, runs, names, args)))
            if args.worst:
                worst.append(format_worst(dump_set.dataset, runs, focus, other, args.worst))
        if results:
            name = results[0][0].dataset.name.split("/")[0]
            print(format_text_overview(name, results, args.markdown), end="\n\n", flush=True)
    for report in worst:
        print(f"```text\n{report}\n```\n" if args.markdown else f"{report}\n")
    return 0


def report_dump_set(
    dump_set: DumpSet, runs: Sequence[DumpRun], names: Sequence[str], args: argparse.Namespace
) -> dict[str, Row]:
    """Print one style's table (and errors), save outputs if asked; return the rows."""
    rows = summarise_text(dump_set.dataset, runs, names)
    print(format_results(dump_set.dataset, rows, None, args.markdown, text_columns(dump_set.dataset)))
    if errors := format_errors(dump_set.dataset, runs):
        print(errors)
    print(flush=True)
    if args.save:
        save_outputs(args.save, dump_set.dataset, runs)
    return rows


# ---------------------------------------------------------------------------------------------
# Metadata (--metadata)
# ---------------------------------------------------------------------------------------------

METADATA_FIELDS = ("title", "author", "date", "page_type")
PAGE_TYPE_LABELS = (*PAGE_TYPES, "other")  # what cleaner may answer: the WCXB types and "other"
_ISO_DAY = re.compile(r"\d{4}-\d\d(?:-\d\d)?")


def normalise_field(text: str | None) -> str:
    """The issue's comparison form: NFKC, case folded, whitespace folded, punctuation and
    whitespace stripped at both ends ("" for None)."""
    folded = " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())
    start, end = 0, len(folded)
    while start < end and (folded[start].isspace() or unicodedata.category(folded[start]).startswith("P")):
        start += 1
    while end > start and (
        folded[end - 1].isspace() or unicodedata.category(folded[end - 1]).startswith("P")
    ):
        end -= 1
    return folded[start:end]


def title_matches(true: str | None, pred: str | None) -> bool:
    return bool(normalise_field(true)) and normalise_field(true) == normalise_field(pred)


def author_matches(true: str | None, pred: str | None) -> bool:
    """Exact after normalising, or the same set of words ("Kaufman, Jeff" = "Jeff Kaufman";
    "A & B" = "A, B")."""
    true_form, pred_form = normalise_field(true), normalise_field(pred)
    if not true_form or not pred_form:
        return False
    return true_form == pred_form or set(tokenize(true_form)) == set(tokenize(pred_form))


def same_day(true: str | None, pred: str | None) -> bool:
    """The predicted ISO date falls on the truth's calendar day (its month, for a month-only truth).

    The day is the one the page states, before any time zone conversion: "2025-09-04T23:30-05:00"
    is September 4.
    """
    true_day = _ISO_DAY.match((true or "").strip())
    pred_day = _ISO_DAY.match((pred or "").strip())
    if true_day is None or pred_day is None:
        return False
    return pred_day.group().startswith(true_day.group())


def token_f1(true: str | None, pred: str | None) -> float:
    """Word F1 of two normalised field values (how close a title is when it is not exact)."""
    return word_prf(normalise_field(true), normalise_field(pred)).f1


def metadata_row(pages: Sequence[Page], found: Sequence[Mapping[str, Any]]) -> Row:
    """The issue's measures for one system: exact rates on pages whose truth has the field, and
    the share of pages without it where the system emitted nothing."""
    pairs = list(zip(pages, found, strict=True))
    row: Row = {
        "title": mean(title_matches(p.title, f.get("title")) for p, f in pairs if p.title),
        "title F1": mean(token_f1(p.title, f.get("title")) for p, f in pairs if p.title),
        "author": mean(author_matches(p.author, f.get("author")) for p, f in pairs if p.author),
        "no author": mean(not f.get("author") for p, f in pairs if not p.author),
        "date": mean(same_day(p.date, f.get("date")) for p, f in pairs if p.date),
        "no date": mean(not f.get("date") for p, f in pairs if not p.date),
        "page type": None,
    }
    if any(f.get("page_type") for f in found):
        row["page type"] = mean(f.get("page_type") == p.page_type for p, f in pairs)
    return row


def confusion_matrix(pages: Sequence[Page], found: Sequence[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """For each true page type, how often each label was answered ("-" for none)."""
    matrix: dict[str, Counter[str]] = {page_type: Counter() for page_type in PAGE_TYPES}
    for page, fields in zip(pages, found, strict=True):
        matrix.setdefault(page.page_type or "?", Counter())[fields.get("page_type") or "-"] += 1
    return matrix


def _load_cleaner_metadata() -> Extractor:
    from cleaner import clean

    def extract(raw: bytes, html: str, url: str | None) -> str:
        doc = clean(raw, url=url)
        return json.dumps({name: getattr(doc, name, None) for name in METADATA_FIELDS})

    return extract


def _load_trafilatura_metadata() -> Extractor:
    import trafilatura

    def extract(raw: bytes, html: str, url: str | None) -> str:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        fields = {name: getattr(found, name, None) for name in ("title", "author", "date")}
        return json.dumps(fields | {"page_type": None})  # trafilatura does not classify pages

    return extract


METADATA_SYSTEMS = {
    system.name: system
    for system in (
        System("cleaner", "cleaner", _load_cleaner_metadata),
        System("trafilatura", "trafilatura", _load_trafilatura_metadata),
    )
}
METADATA_COLUMNS: list[Column] = [
    ("title", "title exact", "{:.3f}"),
    ("title F1", "title F1", "{:.3f}"),
    ("author", "author exact", "{:.3f}"),
    ("no author", "no author: none", "{:.3f}"),
    ("date", "date same day", "{:.3f}"),
    ("no date", "no date: none", "{:.3f}"),
    ("page type", "page type", "{:.3f}"),
]


def parse_found(runs: Sequence[PageRun], name: str) -> list[dict[str, Any]]:
    """Each page's metadata from one system (empty when it raised)."""
    return [json.loads(run.outputs[name]) if run.outputs[name] else {} for run in runs]


def format_confusion(matrix: dict[str, Counter[str]], markdown: bool) -> str:
    labels = [*PAGE_TYPE_LABELS, "-"]
    headers = ["truth \\ cleaner", *PAGE_TYPE_LABELS, "none", "pages", "recall"]  # markdown needs a dash
    body = []
    for page_type, counts in matrix.items():
        total = sum(counts.values())
        recall = counts[page_type] / total if total else None
        body.append(
            [page_type, *(str(counts[label]) for label in labels), str(total), _cell(recall, "{:.3f}")]
        )
    return format_table(headers, body, markdown)


def format_metadata_counts(pages: Sequence[Page]) -> str:
    with_field = {name: sum(1 for p in pages if getattr(p, name)) for name in ("title", "author", "date")}
    return (
        f"Truth: title on {with_field['title']} pages, author on {with_field['author']} "
        f"(none on {len(pages) - with_field['author']}), date on {with_field['date']} "
        f"(none on {len(pages) - with_field['date']})."
    )


def metadata_hit(page: Page, found: Mapping[str, Any], name: str) -> bool:
    """Whether one field is right on one page: it matches the truth, or both have none."""
    value = found.get(name)
    if name == "page_type":
        return value == page.page_type
    true = getattr(page, name)
    if not true:
        return name == "title" or not value  # every WCXB page has a title; no-title pages are not scored
    return {"title": title_matches, "author": author_matches, "date": same_day}[name](true, value)


def format_metadata_misses(pages: Sequence[Page], runs: Sequence[PageRun], count: int) -> str:
    """Up to `count` pages per field where cleaner's value is wrong, beside trafilatura's value,
    for error analysis."""
    ours = parse_found(runs, "cleaner")
    theirs = parse_found(runs, "trafilatura") if "trafilatura" in runs[0].outputs else None
    lines = []
    for name in METADATA_FIELDS:
        misses = [i for i, page in enumerate(pages) if not metadata_hit(page, ours[i], name)]
        lines.append(f"cleaner's {name} misses: {len(misses)} (first {min(count, len(misses))})")
        for i in misses[:count]:
            page = pages[i]
            truth = getattr(page, name)
            other = f"   trafilatura {theirs[i].get(name)!r}" if theirs else ""
            lines.append(
                f"  {page.id} [{page.page_type}] truth {truth!r}   cleaner {ours[i].get(name)!r}{other}"
            )
    return "\n".join(lines)


def main_metadata(args: argparse.Namespace) -> int:
    """``--metadata``: score title, author, date and page type against WCXB's truth."""
    try:
        choice = "wcxb-dev" if args.dataset == "all" else args.dataset
        datasets = select_datasets(choice, args.data, args.limit)
        if any(dataset.kind != "wcxb" for dataset in datasets):
            raise BenchmarkError(
                "--metadata needs a WCXB dataset (its truth has title, author, publish_date)"
            )
        names = (
            chosen_names(args.systems, METADATA_SYSTEMS, "system") if args.systems else list(METADATA_SYSTEMS)
        )
        load_systems(names, METADATA_SYSTEMS)  # fail here, in one line, rather than inside a worker
    except BenchmarkError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2

    print(format_header(names, args.jobs, args.markdown), end="\n\n", flush=True)
    for dataset in datasets:
        runs = run_dataset(dataset, names, args.jobs, table="metadata")
        found = {name: parse_found(runs, name) for name in names}
        rows = {name: metadata_row(dataset.pages, found[name]) for name in names}
        print(format_results(dataset, rows, None, args.markdown, METADATA_COLUMNS))
        print("\n" + format_metadata_counts(dataset.pages))
        if args.save:
            save_outputs(args.save, dataset, runs)
        if errors := format_errors(dataset, runs):
            print(errors)
        if "cleaner" in names:
            print("\nPage types (rows: truth; columns: cleaner's answer):\n")
            print(format_confusion(confusion_matrix(dataset.pages, found["cleaner"]), args.markdown))
            if args.worst:
                report = format_metadata_misses(dataset.pages, runs, args.worst)
                print(f"\n```text\n{report}\n```" if args.markdown else f"\n{report}")
        print(flush=True)
    return 0


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
    parser.add_argument(
        "--systems",
        help=f"comma-separated, from: {', '.join(SYSTEMS)} (--input text: {', '.join(TEXT_SYSTEMS)})",
    )
    parser.add_argument(
        "--worst", type=_positive_int, metavar="N", help="list cleaner's N lowest-F1 pages per dataset"
    )
    parser.add_argument(
        "--save", type=Path, metavar="DIR", help="write every output to DIR/<dataset>/<system>/<id>.txt"
    )
    parser.add_argument("--memory", action="store_true", help="measure peak RSS per system (slower)")
    parser.add_argument(
        "--input",
        choices=("html", "text"),
        default="html",
        help="html (default): the pages; text: the dumps of scripts/make_textdumps.py",
    )
    parser.add_argument(
        "--dumps", type=Path, default=DEFAULT_DUMPS, help=f"text dumps folder (default {DEFAULT_DUMPS})"
    )
    parser.add_argument("--markdown", action="store_true", help="print GitHub markdown tables")
    parser.add_argument(
        "--metadata",
        action="store_true",
        help="score title, author, date and page type on WCXB (cleaner vs trafilatura's bare_extraction)",
    )
    return parser.parse_args(argv)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.input == "text":
        return main_text(args)
    if args.metadata:
        return main_metadata(args)
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
