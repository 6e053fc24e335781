"""What the commands share: one-line errors, the fetch limit flags, and the per-page file writer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import click

from cleaner.crawl import Politeness
from cleaner.errors import CleanerError
from cleaner.fetch import FetchLimits
from cleaner.filters import Filter
from cleaner.rules import configure, load_rules


def echo_error(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)


def pipeline_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --kind, --skip and --rules: which pipeline cleans the pages (see filters_or_exit)."""
    options = [
        click.option(
            "--kind",
            type=click.Choice(["html", "text"]),
            help="Treat input as HTML or a text dump  [default: detect]",
        ),
        click.option("--skip", multiple=True, metavar="NAME", help="Leave out the filter NAME (repeatable)."),
        click.option(
            "--rules",
            type=click.Path(path_type=Path, dir_okay=False),
            help="TOML rules file: skip = [...] and widget_phrases = [...].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def filters_or_exit(skip: tuple[str, ...], rules: Path | None) -> tuple[Filter, ...]:
    """The filter tuple --skip and --rules ask for; a bad rules file exits 1 with one line."""
    try:
        return tuple(load_rules(rules, skip=skip) if rules else configure(skip=skip))
    except CleanerError as error:
        echo_error(str(error))
        sys.exit(1)


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
    """Add the fetch limit flags; read them back with fetch_settings()."""
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


def fetch_settings() -> tuple[FetchLimits, Politeness]:
    given: dict[str, Any] = click.get_current_context().meta.get("cleaner.fetch", {})
    names = {f.name for f in fields(FetchLimits)}
    limits = replace(FetchLimits(), **{k: v for k, v in given.items() if k in names})
    politeness = replace(Politeness(), **{k: v for k, v in given.items() if k not in names})
    return limits, politeness


class Writer:
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
            echo_error(f"{page}: would overwrite {target}, written from another page")
            self.failures += 1
        else:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode() if isinstance(content, str) else content)
                self.written.add(target)
            except OSError as error:
                echo_error(f"{target}: cannot write ({error.strerror or error})")
                self.failures += 1

    def finish(self) -> int:
        """Print the summary line; the exit code: 1 when any page failed."""
        failed = f", {self.failures} failed" if self.failures else ""
        click.echo(f"cleaned {len(self.written)} page(s) into {self.output}{failed}", err=True)
        return 1 if self.failures else 0
