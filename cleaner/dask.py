"""Scale-out on Dask: the same batch on a cluster, and clean_bag() for those who already use Dask.

run_dask() reads like the steps it takes:
  1. the inputs are planned here into Pages that only name their bytes (a file path, a URL, a
     WARC archive and offset): each worker reads or fetches its own pages, so files must be at
     the same path on every worker (a shared filesystem), as for Dask's own read_text;
  2. the pages become a bag of partitions, each cleaned on a worker by batch.clean_page(), the
     code the local engine runs for every page;
  3. each finished partition comes back here and is written as OUTPUT/part-NNNNN.jsonl (and
     errors-NNNNN.jsonl when pages failed), through a temporary file and a rename, so a part
     is whole or absent; with `resume`, the parts already written are skipped. The partition
     plan is recorded in OUTPUT/plan.json, and a resume with another plan is refused.

Limits on Dask: --max-bytes and the fetch limits hold per page as locally; the per-page time
limit is soft (budget.py: Dask's task threads cannot be killed, so the page is interrupted at
its next Python step); memory is bounded per worker by Dask's own --memory-limit (the nanny
restarts a worker over it, and the partition it was cleaning is reported page by page).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster, as_completed

from cleaner.batch import BatchOptions, Outcome, Summary, Tally, clean_page, error_record
from cleaner.budget import call_within
from cleaner.decode import PageKind
from cleaner.errors import BatchError, PageTimeout
from cleaner.fetch import FetchLimits
from cleaner.filters import Filter
from cleaner.pages import Page, plan_pages
from cleaner.pipeline import DEFAULT_FILTERS

PAGES_PER_PARTITION = 100  # big enough to amortise a task's overhead (~1 ms), small enough to balance


def clean_bag(
    bag: db.Bag,
    *,
    filters: Sequence[Filter] = DEFAULT_FILTERS,
    kind: PageKind | None = None,
    limits: FetchLimits | None = None,
    page_timeout: float | None = None,
) -> db.Bag:
    """A bag of records, one per element of `bag`: {source, url, metadata, text} or {source, url, error}.

    Elements are Pages (cleaner.pages.Page), or pages as str or bytes, whose source is then
    "sha1:<digest of the bytes>". With `page_timeout`, a page still cleaning after that many
    seconds is stopped at its next Python step and becomes an error record.
    """
    settings = {"filters": tuple(filters), "kind": kind, "limits": limits}
    records: db.Bag = bag.map(_as_page).map(_clean_within, page_timeout, settings)
    return records


def _clean_within(page: Page, seconds: float | None, settings: dict[str, Any]) -> dict[str, Any]:
    """clean_page(), stopped after `seconds`: a soft limit, as Dask's task threads cannot be killed.

    The page is stopped at its next Python step (budget.py), so a long call into C finishes first.
    """
    try:
        return call_within(seconds or None, lambda: clean_page(page, **settings))
    except PageTimeout:
        return error_record(page, f"took longer than {seconds:g} s (--page-timeout)")


def _as_page(item: Page | str | bytes) -> Page:
    if isinstance(item, Page):
        return item
    raw = item.encode("utf-8") if isinstance(item, str) else item
    return Page(source="sha1:" + hashlib.sha1(raw).hexdigest(), raw=raw)


def run_dask(
    inputs: Sequence[str],
    output: Path,
    options: BatchOptions | None = None,
    *,
    scheduler: str | None = None,
    partitions: int | None = None,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Clean every page the inputs name on a Dask cluster into OUTPUT/part-NNNNN.jsonl files.

    `scheduler` is the address of a running scheduler; None starts a LocalCluster with
    `options.jobs` single-threaded worker processes. `on_result` hears of each page as its
    partition is written, and of the pages of parts already written ("skipped").
    """
    options = options or BatchOptions()
    tally = Tally(on_result or (lambda outcome: None))
    pages = _unique(plan_pages(inputs, with_payload=False, max_bytes=options.limits.max_bytes))
    wanted = partitions or math.ceil(len(pages) / PAGES_PER_PARTITION) or 1
    size = max(1, math.ceil(len(pages) / wanted))
    chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
    todo = _parts_to_do(output, len(pages), len(chunks), resume=options.resume)
    for index, chunk in enumerate(chunks):
        if index not in todo:
            for _ in chunk:
                tally.count("skipped")
    if todo:
        bag = db.from_sequence(pages, partition_size=size)  # partition i is chunks[i]
        records = clean_bag(
            bag,
            filters=options.filters,
            kind=options.kind,
            limits=options.limits,
            page_timeout=options.page_timeout,
        )
        with _client(scheduler, options.jobs) as client:
            futures = {client.compute(part): i for i, part in enumerate(records.to_delayed()) if i in todo}
            for future in as_completed(futures):
                index = futures[future]
                for outcome in _write_part(output, index, future, chunks[index]):
                    tally.count(outcome)
    return tally.summary()


def _unique(pages: Iterable[Page]) -> list[Page]:
    seen: set[str] = set()
    unique = []
    for page in pages:
        if page.source not in seen:
            seen.add(page.source)
            unique.append(page)
    return unique


def _parts_to_do(output: Path, pages: int, parts: int, *, resume: bool) -> set[int]:
    """The partition numbers still to write; refuses a resume whose plan differs from the first run's."""
    if output.exists() and not output.is_dir():
        raise BatchError(f"{output}: is a file; with --engine dask, -o names a folder of parts")
    plan_file = output / "plan.json"
    plan = {"pages": pages, "partitions": parts}
    if plan_file.exists():
        if not resume:
            raise BatchError(f"{output}: holds a batch already; use --resume to continue it, or remove it")
        if json.loads(plan_file.read_text(encoding="utf-8")) != plan:
            raise BatchError(
                f"{output}: was planned as {plan_file.read_text().strip()}, now {json.dumps(plan)}"
            )
    output.mkdir(parents=True, exist_ok=True)
    plan_file.write_text(json.dumps(plan) + "\n", encoding="utf-8")
    return {i for i in range(parts) if not (output / f"part-{i:05d}.jsonl").exists()}


_WRITTEN: list[Outcome] = ["written"]
_FAILED: list[Outcome] = ["failed"]


def _write_part(output: Path, index: int, future: Any, chunk: list[Page]) -> list[Outcome]:
    """Write one finished partition; the outcome of each of its pages.

    A task that failed (its worker died, or the cluster gave up on it) becomes an error line per
    page and no part file, so --resume tries the partition again.
    """
    try:
        records: list[dict[str, Any]] = future.result()
    except Exception as error:
        cause = f"the Dask task failed ({type(error).__name__}: {' '.join(str(error).split())[:200]})"
        _write_whole(output / f"errors-{index:05d}.jsonl", [error_record(page, cause) for page in chunk])
        return _FAILED * len(chunk)
    good = [r for r in records if "error" not in r]
    bad = [r for r in records if "error" in r]
    if bad:
        _write_whole(output / f"errors-{index:05d}.jsonl", bad)
    _write_whole(output / f"part-{index:05d}.jsonl", good)  # last: its presence marks the part done
    return _WRITTEN * len(good) + _FAILED * len(bad)


def _write_whole(path: Path, records: list[dict[str, Any]]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


@contextmanager
def _client(scheduler: str | None, jobs: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster with `jobs` worker processes."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,  # cleaning is CPU-bound Python: one thread per process
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
