"""Batches: many pages in, one JSON line per page out, on every core, resumable.

run_batch() reads like the steps it takes:
  1. with `resume`, the sources the output already holds are read back (a half-written last
     line, left by a kill, is cut off first) and skipped; without it, a non-empty output is
     refused rather than overwritten;
  2. the inputs become Pages (pages.py); URLs are fetched here on threads (fetch_many, so the
     per-host limits hold for the whole batch) and WARC records are read here in one pass;
  3. a pebble process pool cleans the pages: a page that runs past `page_timeout` has its worker
     killed and replaced, and each worker's address space is capped at `max_memory`, so one
     pathological page costs one error line, never the batch;
  4. every result is appended as one whole line with a single write() and no buffering: the
     output gets {"source", "url", "metadata", "text"}, the errors file {"source", "url", "error"}.
     A kill loses nothing already reported, and no reader ever sees a half-written line.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Literal

from pebble import ProcessExpired, ProcessPool

from cleaner.crawl import Politeness, fetch_many
from cleaner.decode import PageKind
from cleaner.document import Document
from cleaner.errors import BatchError, CleanerError, FetchError
from cleaner.fetch import FetchLimits
from cleaner.filters import Filter
from cleaner.pages import Page, load_page, plan_pages
from cleaner.pipeline import DEFAULT_FILTERS, clean

try:  # POSIX only; elsewhere the memory limit is not enforced
    import resource
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch runs. The CLI's `batch` flags map one to one onto these fields."""

    jobs: int = os.cpu_count() or 1  # worker processes cleaning pages
    page_timeout: float = 60.0  # seconds to read and clean one page; then its worker is killed
    max_memory: int = 2048 * MB  # address space per worker; a worker idles at about 100 MB
    limits: FetchLimits = field(default_factory=FetchLimits)
    politeness: Politeness = field(default_factory=Politeness)
    fetch_threads: int = 8  # URLs fetched at a time
    resume: bool = False
    errors: Path | None = None  # default: OUTPUT with the suffix .errors.jsonl
    progress: bool = False  # a progress bar on stderr (pages, pages/s, errors, ETA)
    filters: tuple[Filter, ...] = DEFAULT_FILTERS
    kind: PageKind | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did: pages written, pages failed, pages skipped as already done, seconds taken."""

    written: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0


Outcome = Literal["written", "failed", "skipped"]


@dataclass(slots=True)
class Tally:
    """Counts pages by outcome as a batch goes, telling `listener` of each (both engines use it)."""

    listener: Callable[[Outcome], None]
    written: int = 0
    failed: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.listener(outcome)

    def summary(self) -> Summary:
        return Summary(self.written, self.failed, self.skipped, time.monotonic() - self.started)


def errors_path(output: Path) -> Path:
    """Where a batch writing `output` reports failures: out.jsonl -> out.errors.jsonl."""
    return output.with_name(output.name.removesuffix(".jsonl") + ".errors.jsonl")


def run_batch(
    inputs: Sequence[str],
    output: Path,
    options: BatchOptions = BatchOptions(),
    *,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Clean every page the inputs name into `output` (JSON lines); failures go to the errors file.

    `on_result` hears of each page as it is written or skipped (the CLI's progress bar).
    Raises BatchError when the batch cannot start; a bad page never raises.
    """
    tally = Tally(on_result or (lambda outcome: None))
    done = prepare_output(output, options.errors or errors_path(output), resume=options.resume)
    pages = _pages(inputs, done, tally, options)
    initargs = (options.filters, options.kind, options.limits, options.max_memory)
    with (
        JsonLines(output) as good,
        JsonLines(options.errors or errors_path(output)) as bad,
        ProcessPool(max_workers=options.jobs, initializer=_start_worker, initargs=initargs) as pool,
    ):
        try:
            for ok, line in _clean_all(pool, pages, options):
                (good if ok else bad).write(line)
                tally.count("written" if ok else "failed")
        except BaseException:  # Ctrl-C or a write error: stop the workers now, keep what is written
            pool.stop()  # type: ignore[no-untyped-call]
            raise
    return tally.summary()


def count_pages(inputs: Sequence[str], options: BatchOptions) -> int:
    """How many pages the inputs name (one cheap pass: WARC payloads are not read)."""
    return sum(1 for _ in plan_pages(inputs, with_payload=False, max_bytes=options.limits.max_bytes))


def _pages(inputs: Sequence[str], done: set[str], tally: Tally, options: BatchOptions) -> Iterator[Page]:
    """The pages still to clean, input by input; the URLs of a URL input are fetched on threads."""
    for item in inputs:
        pages = _fresh(plan_pages([item], max_bytes=options.limits.max_bytes), done, tally)
        first = next(pages, None)
        if first is None:
            continue
        if first.url is not None and first.path is None and first.error is None:  # a URL, or a URL list
            yield from _fetched((page.url for page in chain([first], pages) if page.url), options)
        else:
            yield first
            yield from pages


def _fresh(pages: Iterable[Page], done: set[str], tally: Tally) -> Iterator[Page]:
    """Pages not yet reported, each source once (an input named twice is cleaned once)."""
    for page in pages:
        if page.source in done:
            tally.count("skipped")
            continue
        done.add(page.source)
        yield page


def _fetched(urls: Iterable[str], options: BatchOptions) -> Iterator[Page]:
    results = fetch_many(
        urls, limits=options.limits, politeness=options.politeness, threads=options.fetch_threads
    )
    for url, result in results:
        if isinstance(result, FetchError):
            yield Page(source=url, url=url, error=str(result))
        else:
            yield Page(source=url, url=result.final_url, raw=result.raw, charset=result.charset)


def _clean_all(pool: ProcessPool, pages: Iterable[Page], options: BatchOptions) -> Iterator[tuple[bool, str]]:
    """(ok, JSON line) per page, as workers finish; at most 4 pages per worker wait in the queue."""
    pending: dict[Future[tuple[bool, str]], Page] = {}
    for page in pages:
        if page.error is not None:
            yield False, error_line(page, page.error)
            continue
        pending[pool.schedule(_clean_in_worker, args=[page], timeout=options.page_timeout)] = page
        if len(pending) >= 4 * options.jobs:
            yield from _finished(pending, options)
    while pending:
        yield from _finished(pending, options)


def _finished(
    pending: dict[Future[tuple[bool, str]], Page], options: BatchOptions
) -> Iterator[tuple[bool, str]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        page = pending.pop(future)
        try:
            yield future.result()
        except TimeoutError:
            yield False, error_line(page, f"took longer than {options.page_timeout:g} s (--page-timeout)")
        except ProcessExpired as died:
            memory = f"; over --max-memory {options.max_memory // MB} MB?" if died.exitcode else ""
            yield False, error_line(page, f"the worker cleaning it died (exit code {died.exitcode}{memory})")


# Worker side: each process is set up once by _start_worker, then cleans one page per call.
_WORKER: dict[str, Any] = {}


def _start_worker(
    filters: tuple[Filter, ...], kind: PageKind | None, limits: FetchLimits, max_memory: int
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if resource is not None and max_memory:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    _WORKER.update(filters=filters, kind=kind, limits=limits)


def _clean_in_worker(page: Page) -> tuple[bool, str]:
    """(True, output line) or (False, errors line), serialised here to spare the parent the work."""
    record = clean_page(page, filters=_WORKER["filters"], kind=_WORKER["kind"], limits=_WORKER["limits"])
    return "error" not in record, json.dumps(record, ensure_ascii=False) + "\n"


def clean_page(
    page: Page,
    *,
    filters: Sequence[Filter] = DEFAULT_FILTERS,
    kind: PageKind | None = None,
    limits: FetchLimits | None = None,
) -> dict[str, Any]:
    """The record of one page: {source, url, metadata, text}, or {source, url, error} when it fails.

    Both engines clean every page through here; nothing a page does escapes as an exception.
    """
    try:
        text, url = load_page(page, limits=limits)
        return page_record(page, clean(text, url=url, kind=kind, filters=filters))
    except CleanerError as error:
        return error_record(page, str(error))
    except MemoryError:
        return error_record(page, "ran out of memory (--max-memory)")
    except Exception as error:  # a bug costs one error line, not the batch
        return error_record(page, f"internal error ({type(error).__name__}: {error}); please report it")


def page_record(page: Page, document: Document) -> dict[str, Any]:
    """The output record of a cleaned page: source, url, metadata, text."""
    metadata = document.to_dict()
    text = metadata.pop("text")
    return {"source": page.source, "url": document.url or page.url, "metadata": metadata, "text": text}


def error_record(page: Page, error: str) -> dict[str, Any]:
    """The errors-file record of a page that failed, its message naming the page."""
    message = error if error.startswith(page.source) else f"{page.source}: {error}"
    return {"source": page.source, "url": page.url, "error": message}


def error_line(page: Page, error: str) -> str:
    return json.dumps(error_record(page, error), ensure_ascii=False) + "\n"


class JsonLines:
    """An append-only JSON-lines file written one whole line per write() call, unbuffered.

    O_APPEND and a single write() per line mean a kill leaves at most a torn last line, which
    prepare_output() cuts off on resume; nothing sits in a userspace buffer to be lost.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> JsonLines:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        return self

    def write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8"))
        while data:  # a regular file takes it all at once unless the disk is full
            data = data[os.write(self._fd, data) :]

    def __exit__(self, *exc: object) -> None:
        os.fsync(self._fd)
        os.close(self._fd)


def prepare_output(output: Path, errors: Path, *, resume: bool) -> set[str]:
    """The sources `output` already holds (with `resume`); starts the errors file afresh.

    Pages not in the output are all tried again, so their earlier errors are dropped.
    """
    if output.is_dir():
        raise BatchError(f"{output}: is a folder; -o names the JSON-lines file to write")
    done: set[str] = set()
    if output.exists() and output.stat().st_size:
        if not resume:
            raise BatchError(f"{output}: exists and is not empty; use --resume to continue it, or remove it")
        done = reported_sources(output)
    if errors.exists():
        errors.unlink()
    return done


def reported_sources(path: Path) -> set[str]:
    """The `source` of every whole line in `path`, after cutting off a torn last line."""
    sources: set[str] = set()
    end = 0
    with path.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            end += len(line)
            try:
                sources.add(json.loads(line)["source"])
            except (ValueError, KeyError, TypeError):
                raise BatchError(f"{path}: line {len(sources) + 1} is not a batch record") from None
    if end < path.stat().st_size:
        os.truncate(path, end)
    return sources
