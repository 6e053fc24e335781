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

Limits on Dask: --max-bytes and the fetch limits hold per page as locally; memory is bounded
per worker by Dask's own --memory-limit (the nanny restarts a worker over it); the per-page
time limit is not enforced, because Dask runs tasks on threads that cannot be stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster, as_completed

from cleaner.batch import BatchOptions, Summary, clean_page
from cleaner.decode import PageKind
from cleaner.errors import BatchError
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
) -> db.Bag:
    """A bag of records, one per element of `bag`: {source, url, metadata, text} or {source, url, error}.

    Elements are Pages (cleaner.pages.Page), or pages as str or bytes, whose source is then
    "sha1:<digest of the bytes>".
    """
    records: db.Bag = bag.map(_as_page).map(clean_page, filters=tuple(filters), kind=kind, limits=limits)
    return records


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
) -> Summary:
    """Clean every page the inputs name on a Dask cluster into OUTPUT/part-NNNNN.jsonl files.

    `scheduler` is the address of a running scheduler; None starts a LocalCluster with
    `options.jobs` single-threaded worker processes.
    """
    options = options or BatchOptions()
    started = time.monotonic()
    pages = _unique(plan_pages(inputs, with_payload=False, max_bytes=options.limits.max_bytes))
    count = partitions or max(1, math.ceil(len(pages) / PAGES_PER_PARTITION))
    bag = db.from_sequence(pages, npartitions=count) if pages else db.from_sequence([], npartitions=1)
    todo = _parts_to_do(output, len(pages), bag.npartitions, resume=options.resume)
    records = clean_bag(bag, filters=options.filters, kind=options.kind, limits=options.limits)
    written = failed = 0
    with _client(scheduler, options.jobs) as client:
        futures = {
            client.compute(part): index for index, part in enumerate(records.to_delayed()) if index in todo
        }
        for future in as_completed(futures):
            good, bad = _write_part(output, futures[future], future.result())
            written, failed = written + good, failed + bad
    skipped = len(pages) - written - failed
    return Summary(written, failed, skipped, time.monotonic() - started)


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


def _write_part(output: Path, index: int, records: list[dict[str, Any]]) -> tuple[int, int]:
    """Write one partition's records; (pages written, pages failed)."""
    good = [r for r in records if "error" not in r]
    bad = [r for r in records if "error" in r]
    if bad:
        _write_whole(output / f"errors-{index:05d}.jsonl", bad)
    _write_whole(output / f"part-{index:05d}.jsonl", good)  # last: its presence marks the part done
    return len(good), len(bad)


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
