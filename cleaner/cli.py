"""The command line: a thin shell over clean(), the renderers and the golden cases.

    cleaner PAGE|URL... [--format text|json|markdown|explain] [--explain] [-o DIR]
    cleaner fetch URL... -o DIR [--save-raw DIR]
    cleaner golden check|update|add ...

Errors are caught here once, printed as one line on stderr, and mapped to exit codes:
0 success, 1 a page or case failed, 2 a usage error (click's own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import click

from cleaner import golden
from cleaner.decode import PageKind
from cleaner.document import Document
from cleaner.errors import CleanerError, FetchError, ReadError
from cleaner.fetch import Fetched, FetchLimits, Politeness, fetch_many, url_to_path
from cleaner.output import FORMATS, SUFFIXES, Format, render
from cleaner.pipeline import DEFAULT_FILTERS, clean
from cleaner.read import iter_inputs, read_path
from cleaner.rules import configure, load_rules

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


def _echo_error(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)


_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    """A byte count from 5000000, 500k, 10MB or 1G; ValueError when it is none of those."""
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    unit = text[-1:] if text[-1:] in _UNITS else ""
    size = int(float(text.removesuffix(unit)) * _UNITS[unit])
    if size <= 0:
        raise ValueError(text)
    return size


# flag -> (FetchLimits or Politeness field, type, help); defaults come from the dataclasses.
_SECONDS = click.FloatRange(0, min_open=True)
_FETCH_FLAGS: dict[str, tuple[str, Any, str]] = {
    "--connect-timeout": ("connect_timeout", _SECONDS, "Seconds to open a connection."),
    "--read-timeout": ("read_timeout", _SECONDS, "Seconds of silence allowed while reading."),
    "--timeout": ("total_timeout", _SECONDS, "Seconds for a whole fetch: redirects, retries, body."),
    "--max-bytes": ("max_bytes", _size, "Largest page, after decompression (files and URLs): 500k, 10MB."),
    "--max-redirects": ("max_redirects", click.IntRange(0), "Redirects followed before giving up."),
    "--retries": ("retries", click.IntRange(0), "Extra attempts after a 429, 5xx or failed connection."),
    "--max-retry-wait": (
        "max_retry_wait",
        click.FloatRange(0),
        "Longest Retry-After (seconds) worth waiting for.",
    ),
    "--user-agent": ("user_agent", str, "The User-Agent header sent."),
    "--per-host": ("per_host", click.IntRange(1), "Requests in flight to one host at a time."),
    "--delay": ("delay", click.FloatRange(0), "Seconds between request starts to one host."),
}


def _store_setting(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is None or not param.name:
        return
    if param.name == "max_bytes":
        try:
            value = _size(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a size such as 500k, 10MB or 1G") from None
    ctx.meta.setdefault("cleaner.fetch", {})[param.name] = value


def fetch_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the fetch limit flags; read them back with _fetch_settings()."""
    defaults = {f.name: f.default for cls in (FetchLimits, Politeness) for f in fields(cls)}
    command = click.option(
        "--respect-robots",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_store_setting,
        help="Skip URLs that robots.txt disallows to our User-Agent.",
    )(command)
    for flag, (name, kind, text) in reversed(_FETCH_FLAGS.items()):
        default = defaults[name]
        command = click.option(
            flag,
            name,
            type=str if kind is _size else kind,
            metavar="SIZE" if kind is _size else None,
            expose_value=False,
            callback=_store_setting,
            help=f"{text}  [default: {default:,}]"
            if isinstance(default, int)
            else f"{text}  [default: {default}]",
        )(command)
    return command


def _fetch_settings() -> tuple[FetchLimits, Politeness]:
    given: dict[str, Any] = click.get_current_context().meta.get("cleaner.fetch", {})
    names = {f.name for f in fields(FetchLimits)}
    limits = replace(FetchLimits(), **{k: v for k, v in given.items() if k in names})
    politeness = replace(Politeness(), **{k: v for k, v in given.items() if k not in names})
    return limits, politeness


def is_url(page: str) -> bool:
    return page.lower().startswith(("http://", "https://"))


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
@click.option(
    "--kind",
    type=click.Choice(["html", "text"]),
    help="Treat input as HTML or a text dump  [default: detect]",
)
@click.option("--skip", multiple=True, metavar="NAME", help="Leave out the filter NAME (repeatable).")
@click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML rules file: skip = [...] and widget_phrases = [...].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one file per page into this folder (mirrors input folders).",
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
    try:
        filters = load_rules(rules, skip=skip) if rules else configure(skip=skip)
    except CleanerError as error:
        _echo_error(str(error))
        sys.exit(1)

    def clean_bytes(raw: bytes | str, page_url: str | None = None) -> Document:
        return clean(raw, url=page_url or url, kind=kind, filters=filters)

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
        limits, politeness = _fetch_settings()
        fetched = _fetch_one(page, limits, politeness)
        return clean_bytes(fetched.text, fetched.final_url)
    if page != "-":
        return clean_bytes(read_path(Path(page), max_bytes=_fetch_settings()[0].max_bytes), None)
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
    except CleanerError as error:
        message = str(error)
    except Exception as error:  # a bug must cost neither a traceback nor the rest of a folder
        message = f"internal error ({type(error).__name__}: {error}); please report it with this page"
    _echo_error(message if page in message else f"{page}: {message}")
    return None


def _print_page(page: str, format_: Format, explain: bool, clean_bytes: Cleaning) -> int:
    document = _try_clean(page, clean_bytes)
    if document is None:
        return 1
    click.echo(render(document, format_, explain=explain), nl=False)
    if not document.text:
        _echo_error(f"{page}: nothing left after cleaning (see --format explain)")
    return 0


def _targets(pages: Sequence[str], suffix: str) -> Iterator[tuple[str, Path]]:
    """(page, its output path relative to -o) for URLs, files and the files in folders."""
    for page in pages:
        if is_url(page):
            yield page, url_to_path(page, suffix)
        else:
            for path, relative in iter_inputs([Path(page)]):
                yield str(path), Path(str(relative).removesuffix(".gz")).with_suffix(suffix)


class _Writer:
    """Writes one output file per page under `output`, counting what was written and what failed."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.written: set[Path] = set()
        self.failures = 0

    def write(self, page: str, relative: Path, content: str | bytes | None) -> None:
        """Write `content` (None: the page failed, already reported) unless another page took the name."""
        target = self.output / relative
        if content is None:
            self.failures += 1
        elif target in self.written:
            _echo_error(f"{page}: would overwrite {target}, written from another page")
            self.failures += 1
        else:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode() if isinstance(content, str) else content)
                self.written.add(target)
            except OSError as error:
                _echo_error(f"{target}: cannot write ({error.strerror or error})")
                self.failures += 1

    def finish(self) -> int:
        """Print the summary line; the exit code: 1 when any page failed."""
        failed = f", {self.failures} failed" if self.failures else ""
        click.echo(f"cleaned {len(self.written)} page(s) into {self.output}{failed}", err=True)
        return 1 if self.failures else 0


def _write_pages(
    pages: Sequence[str], output: Path, format_: Format, explain: bool, clean_bytes: Cleaning
) -> int:
    """Clean every page into `output`; a bad page is reported and the rest go on."""
    writer = _Writer(output)
    for page, relative in _targets(pages, SUFFIXES[format_]):
        if output / relative in writer.written:
            writer.write(page, relative, "")  # reports the clash without cleaning the page
            continue
        document = _try_clean(page, clean_bytes)
        writer.write(page, relative, None if document is None else render(document, format_, explain=explain))
    return writer.finish()


@main.command("fetch")
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
@click.option("--threads", type=click.IntRange(1), default=8, show_default=True, help="Fetches at a time.")
@fetch_options
def fetch_command(
    urls: tuple[str, ...], output: Path, save_raw: Path | None, format_: Format, explain: bool, threads: int
) -> None:
    """Fetch each URL, clean it, and write it into -o DIR; a failed URL is reported and the rest go on.

    \b
    Example:
      cleaner fetch https://example.com/a https://example.com/b -o cleaned/ --save-raw raw/
    """
    limits, politeness = _fetch_settings()
    writer = _Writer(output)
    raw_writer = _Writer(save_raw) if save_raw else None
    for url, result in fetch_many(urls, limits=limits, politeness=politeness, threads=threads):
        if isinstance(result, FetchError):
            _echo_error(str(result))
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
        _echo_error(f"{fetched.url}: {error}")
    except Exception as error:  # a bug must cost neither a traceback nor the other URLs
        _echo_error(f"{fetched.url}: internal error ({type(error).__name__}: {error}); please report it")
    return None


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
        _echo_error(str(error))
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
        _echo_error(f"{case_folder} already exists")
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
        _echo_error(str(error))
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
        _echo_error(str(error))
        sys.exit(1)
