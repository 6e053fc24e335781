"""Fetching many URLs at once, politely: fetch_many() on threads, a per-host gate, robots.txt.

fetch_many() runs fetch_url() on threads: at most `per_host` requests at a time to one host,
their starts at least `delay` seconds apart (a robots.txt Crawl-delay raises it), and with
`respect_robots`, no URL that robots.txt disallows to our User-Agent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import httpx
from protego import Protego

from cleaner.errors import FetchError
from cleaner.fetch import Fetched, FetchLimits, fetch_url, make_client


@dataclass(frozen=True, slots=True)
class Politeness:
    """How hard fetch_many() may press one host."""

    per_host: int = 2  # requests in flight to one host at a time
    delay: float = 0.0  # seconds between request starts to one host (robots.txt Crawl-delay may raise it)
    respect_robots: bool = False


class HostGate:
    """At most `per_host` requests at a time to one host, their starts at least `delay` s apart."""

    def __init__(self, politeness: Politeness = Politeness()) -> None:
        self._politeness = politeness
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, url: str, seconds: float) -> None:
        """Raise the delay for the host of `url` (a robots.txt Crawl-delay)."""
        with self._lock:
            self._delays[_host(url)] = max(self._politeness.delay, seconds)

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = _host(url)
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._politeness.per_host))
        with semaphore:
            with self._lock:
                start = max(time.monotonic(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + self._delays.get(host, self._politeness.delay)
            time.sleep(max(0.0, start - time.monotonic()))
            yield


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Robots:
    """robots.txt rules per site, fetched once each (RFC 9309: a 4xx allows all, no answer allows none)."""

    ROBOTS_LIMITS = FetchLimits(total_timeout=20.0, max_bytes=512 * 1024, retries=1, content_types=())

    def __init__(self, client: httpx.Client, gate: HostGate, user_agent: str) -> None:
        self._client, self._gate, self._agent = client, gate, user_agent
        self._lock = threading.Lock()
        self._rules: dict[str, Protego | str] = {}

    def check(self, url: str) -> None:
        """Raise FetchError when robots.txt forbids `url` to our User-Agent."""
        rules = self._for(url)
        if isinstance(rules, str):
            raise FetchError(f"{url}: {rules}; not fetched (--respect-robots)")
        if not rules.can_fetch(url, self._agent):
            raise FetchError(f"{url}: disallowed by robots.txt (--respect-robots)")

    def _for(self, url: str) -> Protego | str:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:  # one fetch per site even when many threads ask at once
            if site not in self._rules:
                self._rules[site] = self._load(site)
            return self._rules[site]

    def _load(self, site: str) -> Protego | str:
        limits = replace(self.ROBOTS_LIMITS, user_agent=self._agent)
        try:
            fetched = fetch_url(f"{site}/robots.txt", limits=limits, client=self._client, gate=self._gate)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                return Protego.parse("")
            return f"robots.txt could not be read ({str(error).split(': ', 1)[-1]})"
        rules = Protego.parse(fetched.raw.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(self._agent)
        if delay:
            self._gate.set_delay(site, float(delay))
        return rules


def fetch_many(
    urls: Iterable[str],
    *,
    limits: FetchLimits | None = None,
    politeness: Politeness = Politeness(),
    threads: int = 8,
) -> Iterator[tuple[str, Fetched | FetchError]]:
    """(url, page or the FetchError that stopped it) for every URL, in the order they finish.

    At most `threads` fetches run at once, and at most `threads` more URLs are read ahead, so
    a list of millions streams through in bounded memory.
    """
    limits = limits or FetchLimits()
    gate = HostGate(politeness)
    client = make_client(limits, connections=threads)
    pool = ThreadPoolExecutor(threads)
    robots = Robots(client, gate, limits.user_agent) if politeness.respect_robots else None

    def one(url: str) -> Fetched | FetchError:
        try:
            if robots:
                robots.check(url)
            return fetch_url(url, limits=limits, client=client, gate=gate)
        except FetchError as error:
            return error

    pending: dict[Future[Fetched | FetchError], str] = {}
    try:
        for url in urls:
            pending[pool.submit(one, url)] = url
            if len(pending) >= 2 * threads:
                yield from _finished(pending)
        while pending:
            yield from _finished(pending)
    finally:  # also on Ctrl-C: drop the queued URLs and cut the running fetches short
        pool.shutdown(wait=False, cancel_futures=True)
        client.close()
        pool.shutdown(wait=True)


def _finished(pending: dict[Future[Fetched | FetchError], str]) -> Iterator[tuple[str, Fetched | FetchError]]:
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        yield pending.pop(future), future.result()
