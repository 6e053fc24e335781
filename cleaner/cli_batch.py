"""The commands for many pages: `cleaner fetch URL... -o DIR` and `cleaner batch INPUT... -o out.jsonl`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from tqdm import tqdm

from cleaner.batch import MB, BatchOptions, Outcome, Summary, count_pages, run_batch
from cleaner.cli_common import (
    Writer,
    echo_error,
    fetch_options,
    fetch_settings,
    filters_or_exit,
    pipeline_options,
)
from cleaner.crawl import fetch_many
from cleaner.decode import PageKind
from cleaner.document import Document
from cleaner.errors import BatchError, CleanerError, FetchError
from cleaner.fetch import Fetched, url_to_path
from cleaner.output import FORMATS, SUFFIXES, Format, render
from cleaner.pipeline import clean

DEFAULTS = BatchOptions()


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Write one cleaned file per URL into this folder, as HOST/PATH.",
)
@click.option(
    "--save-raw",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also save each page's bytes as fetched (decompressed) here, e.g. for golden cases.",
)
@click.option("-f", "--format", "format_", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="With --format json: add removed blocks and metadata sources.")
@click.option(
    "--fetch-threads",
    "threads",
    type=click.IntRange(1),
    default=DEFAULTS.fetch_threads,
    show_default=True,
    help="URLs fetched at a time.",
)
@fetch_options
def fetch_command(
    urls: tuple[str, ...], output: Path, save_raw: Path | None, format_: Format, explain: bool, threads: int
) -> None:
    """Fetch each URL, clean it, and write it into -o DIR; a failed URL is reported and the rest go on.

    \b
    Example:
      cleaner fetch https://example.com/a https://example.com/b -o cleaned/ --save-raw raw/
    """
    limits, politeness = fetch_settings()
    writer = Writer(output)
    raw_writer = Writer(save_raw) if save_raw else None
    for url, result in fetch_many(urls, limits=limits, politeness=politeness, threads=threads):
        if isinstance(result, FetchError):
            echo_error(str(result))
            writer.write(url, url_to_path(url, SUFFIXES[format_]), None)
            continue
        if raw_writer:
            suffix = ".txt" if result.content_type == "text/plain" else ".html"
            raw_writer.write(url, url_to_path(url, suffix), result.raw)
        document = _try_clean_fetched(result)
        writer.write(
            url,
            url_to_path(url, SUFFIXES[format_]),
            None if document is None else render(document, format_, explain=explain),
        )
    sys.exit(writer.finish())


def _try_clean_fetched(fetched: Fetched) -> Document | None:
    try:
        return clean(fetched.text, url=fetched.final_url)
    except CleanerError as error:
        echo_error(f"{fetched.url}: {error}")
    except Exception as error:  # a bug must cost neither a traceback nor the other URLs
        echo_error(f"{fetched.url}: internal error ({type(error).__name__}: {error}); please report it")
    return None


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The JSON-lines file to write (one line per page); with --engine dask, a folder of parts.",
)
@click.option(
    "--errors",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where failures go, one JSON line each  [default: OUTPUT.errors.jsonl]",
)
@click.option("-j", "--jobs", type=click.IntRange(1), help="Worker processes  [default: all cores]")
@click.option("--resume", is_flag=True, help="Skip the pages OUTPUT already holds and append the rest.")
@click.option(
    "--page-timeout",
    type=click.FloatRange(0, min_open=True),
    default=DEFAULTS.page_timeout,
    show_default=True,
    help="Seconds to read and clean one page; then its worker is killed and the page reported.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(64),
    default=DEFAULTS.max_memory // MB,
    show_default=True,
    help="Megabytes of address space per worker process.",
)
@click.option(
    "--fetch-threads",
    type=click.IntRange(1),
    default=DEFAULTS.fetch_threads,
    show_default=True,
    help="URLs fetched at a time.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr  [default: when stderr is a terminal]",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Clean on this machine's cores, or on a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://10.0.0.5:8786  [default: a LocalCluster]",
)
@click.option(
    "--partitions", type=click.IntRange(1), help="Dask: output parts  [default: about 100 pages each]"
)
@pipeline_options
@fetch_options
def batch_command(
    inputs: tuple[str, ...],
    output: Path,
    errors: Path | None,
    jobs: int | None,
    resume: bool,
    page_timeout: float,
    max_memory: int,
    fetch_threads: int,
    progress: bool | None,
    engine: str,
    scheduler: str | None,
    partitions: int | None,
    kind: PageKind | None,
    skip: tuple[str, ...],
    rules: Path | None,
) -> None:
    """Clean every page the INPUTs name into one JSON line each: {source, url, metadata, text}.

    INPUT is a file, a folder (recursive: .html .htm .xhtml .txt, their .gz, and WARC archives),
    a WARC archive (.warc, .warc.gz; HTML response records), a file listing URLs, or a URL.
    A page that fails is written to the errors file with the reason, and the batch goes on.

    \b
    Examples:
      cleaner batch saved_pages/ crawl.warc.gz urls.txt -o out.jsonl
      cleaner batch saved_pages/ -o out.jsonl --resume
      cleaner batch crawl/ -o parts/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    if engine == "local" and (scheduler or partitions):
        raise click.UsageError("--scheduler and --partitions go with --engine dask")
    if engine == "dask" and errors:
        raise click.UsageError(
            "with --engine dask, errors go to OUTPUT/errors-NNNNN.jsonl; leave out --errors"
        )
    limits, politeness = fetch_settings()
    options = BatchOptions(
        jobs=jobs or DEFAULTS.jobs,
        page_timeout=page_timeout,
        max_memory=max_memory * MB,
        limits=limits,
        politeness=politeness,
        fetch_threads=fetch_threads,
        resume=resume,
        errors=errors,
        filters=filters_or_exit(skip, rules),
        kind=kind,
    )
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _progress_bar(inputs, options, show) as tick:
            if engine == "dask":
                summary = _run_dask(inputs, output, options, scheduler, partitions, tick)
            else:
                summary = run_batch(inputs, output, options, on_result=tick)
    except CleanerError as error:
        echo_error(str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        echo_error(f"interrupted; everything already in {output} is whole; run again with --resume to go on")
        sys.exit(130)
    rate = summary.written / summary.seconds if summary.seconds else 0.0
    skipped = f", {summary.skipped} already done" if summary.skipped else ""
    click.echo(
        f"batch: {summary.written} written, {summary.failed} failed{skipped} in {summary.seconds:.1f} s "
        f"({rate:.1f} pages/s) -> {output}",
        err=True,
    )
    sys.exit(1 if summary.failed else 0)


@contextmanager
def _progress_bar(
    inputs: tuple[str, ...], options: BatchOptions, show: bool
) -> Iterator[Callable[[Outcome], None]]:
    """A callback that moves a tqdm bar on stderr (pages, pages/s, errors, ETA) as pages finish."""
    total = count_pages(inputs, options) if show else None
    with tqdm(total=total, unit="page", disable=not show, file=sys.stderr, dynamic_ncols=True) as bar:
        failed = 0

        def tick(outcome: Outcome) -> None:
            nonlocal failed
            if outcome == "skipped":  # already done: not part of this run's work or rate
                bar.total = (bar.total or 1) - 1
                return
            failed += outcome == "failed"
            bar.set_postfix(errors=failed, refresh=False)
            bar.update(1)

        yield tick


def _run_dask(
    inputs: tuple[str, ...],
    output: Path,
    options: BatchOptions,
    scheduler: str | None,
    partitions: int | None,
    tick: Callable[[Outcome], None],
) -> Summary:
    try:
        from cleaner.dask import run_dask
    except ImportError as error:
        raise BatchError(
            f"--engine dask needs dask[distributed] ({error}); pip install 'cleaner[dask]'"
        ) from None
    return run_dask(inputs, output, options, scheduler=scheduler, partitions=partitions, on_result=tick)
