"""The command line: a thin shell over clean(), the renderers and the golden cases.

    cleaner PAGE|URL... [--format text|json|markdown|explain] [--explain] [-o DIR]
    cleaner fetch URL... -o DIR [--save-raw DIR]
    cleaner batch INPUT... -o out.jsonl [--jobs N] [--resume] [--engine local|dask]
    cleaner golden check|update|add ...

Errors are caught here once, printed as one line on stderr, and mapped to exit codes:
0 success, 1 a page or case failed (also a page past --page-timeout), 2 a usage error (click's own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import click

from cleaner import golden
from cleaner.cli_batch import batch_command, fetch_command
from cleaner.cli_common import (
    Writer,
    echo_error,
    fetch_options,
    fetch_settings,
    filters_or_exit,
    pipeline_options,
)
from cleaner.crawl import Politeness, fetch_many
from cleaner.decode import PageKind
from cleaner.document import Document
from cleaner.errors import CleanerError, FetchError, PageTimeout, ReadError
from cleaner.fetch import Fetched, FetchLimits, is_url, url_to_path
from cleaner.output import FORMATS, SUFFIXES, Format, render
from cleaner.pipeline import DEFAULT_FILTERS, clean
from cleaner.read import iter_inputs, read_path

Cleaning = Callable[[bytes | str, str | None], Document]  # (page, its URL) -> Document


class _PagesByDefault(click.Group):
    """A group whose first argument, when it names no subcommand, is a page for `clean`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["clean", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_PagesByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def main() -> None:
    """Strip boilerplate from web pages and text dumps, and explain every removal.

    Run `cleaner PAGE` to clean a page (see `cleaner clean --help`).

    \b
    Example:
      cleaner page.html --format json --explain
    """


@main.command("clean")
@click.argument("pages", nargs=-1)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="What to print: the clean text, JSON with metadata, Markdown, or text plus removals.",
)
@click.option("--explain", is_flag=True, help="With --format json: add removed blocks and metadata sources.")
@click.option("--url", help="The page's URL (helps metadata); only with a single page.")
@pipeline_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one file per page into this folder (mirrors input folders).",
)
@click.option(
    "--page-timeout",
    type=click.FloatRange(0, min_open=True),
    help="Seconds to clean one page; a page past it fails with one line on stderr  [default: no limit]",
)
@click.option("--list-filters", is_flag=True, help="List the filters in pipeline order and exit.")
@fetch_options
def clean_command(
    pages: tuple[str, ...],
    format_: Format,
    explain: bool,
    url: str | None,
    kind: PageKind | None,
    skip: tuple[str, ...],
    rules: Path | None,
    output: Path | None,
    page_timeout: float | None,
    list_filters: bool,
) -> None:
    """Clean PAGE (a file, a folder of .html/.htm/.txt[.gz] files, an http(s) URL, or - for stdin).

    \b
    Examples:
      cleaner page.html
      cleaner https://example.com/news/story --format json
      cleaner page.txt --format json --explain
      cleaner saved_pages/ -o cleaned/
    """
    if list_filters:
        _list_filters()
        return
    if not pages:
        raise click.UsageError("give at least one PAGE (a file, a folder, or -)")
    filters = filters_or_exit(skip, rules)

    def clean_bytes(raw: bytes | str, page_url: str | None = None) -> Document:
        return clean(raw, url=page_url or url, kind=kind, filters=filters, timeout=page_timeout)

    single = len(pages) == 1 and (pages[0] == "-" or is_url(pages[0]) or not Path(pages[0]).is_dir())
    if output is None and not single:
        raise click.UsageError("several pages or a folder need -o DIR to write into")
    if url and not single:
        raise click.UsageError("--url applies to a single page")
    if output is None:
        sys.exit(_print_page(pages[0], format_, explain, clean_bytes))
    sys.exit(_write_pages(pages, output, format_, explain, clean_bytes))


def _list_filters() -> None:
    for step in DEFAULT_FILTERS:
        click.echo(f"{step.name}\n    removes: {step.removes}\n    why: {step.why}")


def _clean_path(page: str, clean_bytes: Cleaning) -> Document:
    if is_url(page):
        limits, politeness = fetch_settings()
        fetched = _fetch_one(page, limits, politeness)
        return clean_bytes(fetched.text, fetched.final_url)
    if page != "-":
        return clean_bytes(read_path(Path(page), max_bytes=fetch_settings()[0].max_bytes), None)
    raw = sys.stdin.buffer.read()
    if not raw.strip():
        raise ReadError("standard input is empty")
    return clean_bytes(raw, None)


def _fetch_one(url: str, limits: FetchLimits, politeness: Politeness) -> Fetched:
    """fetch_url(), or the robots.txt verdict when --respect-robots asks for one."""
    for _, result in fetch_many([url], limits=limits, politeness=politeness, threads=1):
        if isinstance(result, FetchError):
            raise result
        return result
    raise AssertionError("fetch_many() yields one result per URL")


def _try_clean(page: str, clean_bytes: Cleaning) -> Document | None:
    """The cleaned page, or None after one line on stderr saying why not."""
    try:
        return _clean_path(page, clean_bytes)
    except PageTimeout as error:
        message = f"{error} (--page-timeout)"
    except CleanerError as error:
        message = str(error)
    except Exception as error:  # a bug must cost neither a traceback nor the rest of a folder
        message = f"internal error ({type(error).__name__}: {error}); please report it with this page"
    echo_error(message if page in message else f"{page}: {message}")
    return None


def _print_page(page: str, format_: Format, explain: bool, clean_bytes: Cleaning) -> int:
    document = _try_clean(page, clean_bytes)
    if document is None:
        return 1
    click.echo(render(document, format_, explain=explain), nl=False)
    if not document.text:
        echo_error(f"{page}: nothing left after cleaning (see --format explain)")
    return 0


def _targets(pages: Sequence[str], suffix: str) -> Iterator[tuple[str, Path]]:
    """(page, its output path relative to -o) for URLs, files and the files in folders."""
    for page in pages:
        if is_url(page):
            yield page, url_to_path(page, suffix)
        else:
            for path, relative in iter_inputs([Path(page)]):
                yield str(path), Path(str(relative).removesuffix(".gz")).with_suffix(suffix)


def _write_pages(
    pages: Sequence[str], output: Path, format_: Format, explain: bool, clean_bytes: Cleaning
) -> int:
    """Clean every page into `output`; a bad page is reported and the rest go on."""
    writer = Writer(output)
    for page, relative in _targets(pages, SUFFIXES[format_]):
        if output / relative in writer.written:
            writer.write(page, relative, "")  # reports the clash without cleaning the page
            continue
        document = _try_clean(page, clean_bytes)
        writer.write(page, relative, None if document is None else render(document, format_, explain=explain))
    return writer.finish()


main.add_command(fetch_command)
main.add_command(batch_command)


@main.group("golden")
def golden_group() -> None:
    """Check or update golden cases (a page plus its expected text and metadata)."""


@golden_group.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("slugs", nargs=-1)
def golden_check(folder: Path, slugs: tuple[str, ...]) -> None:
    """Compare every case in FOLDER (or only SLUGS) with what cleaner produces now."""
    try:
        cases = golden.find_cases(folder, slugs)
    except CleanerError as error:
        echo_error(str(error))
        sys.exit(1)
    failed = 0
    for case in cases:
        found = golden.problems(case)
        if found:
            failed += 1
            click.echo("\n".join(found))
    click.echo(f"{len(cases) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


@golden_group.command("add")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.argument("slug")
@click.argument("page", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--url", help="The page's URL, saved as url.txt.")
def golden_add(folder: Path, slug: str, page: Path, url: str | None) -> None:
    """Make case SLUG in FOLDER from PAGE (copied byte for byte) and write its expected files for review."""
    case_folder = folder / slug
    if case_folder.exists():
        echo_error(f"{case_folder} already exists")
        sys.exit(1)
    try:
        raw = read_path(page)
        kind = "text" if page.name.lower().removesuffix(".gz").endswith(".txt") else "html"
        case_folder.mkdir(parents=True)
        (case_folder / f"input.{'txt' if kind == 'text' else 'html'}").write_bytes(raw)
        if url:
            (case_folder / "url.txt").write_text(url + "\n", encoding="utf-8")
        golden.update(golden.Case(slug, case_folder))
    except CleanerError as error:
        echo_error(str(error))
        sys.exit(1)
    click.echo(f"{slug}: written; review {case_folder}/expected.txt and expected.json")


@golden_group.command("update")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("slugs", nargs=-1)
def golden_update(folder: Path, slugs: tuple[str, ...]) -> None:
    """Rewrite the expected files of every case in FOLDER (or only SLUGS) after a deliberate change."""
    try:
        for case in golden.find_cases(folder, slugs):
            changed = golden.update(case)
            click.echo(f"{case.slug}: {'updated ' + ', '.join(changed) if changed else 'unchanged'}")
    except CleanerError as error:
        echo_error(str(error))
        sys.exit(1)
