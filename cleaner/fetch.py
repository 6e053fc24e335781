"""Fetching a page over HTTP(S) with httpx, within limits.

fetch_url() gets one page. It follows redirects itself, so that every hop is checked (http and
https only, at most `max_redirects`, no loops). It streams the body and stops at `max_bytes`,
counting after decompression; it inflates gzip and deflate itself in bounded steps and refuses
a body that inflates past MAX_RATIO (read.py), so a gzip bomb costs neither time nor memory. It
retries 429, 5xx and connection failures with backoff, honouring Retry-After, and it keeps the
whole page (redirects, retries and body) within one time budget.

Many URLs at once, politely, are crawl.py's: fetch_many().

Every failure is a FetchError whose message is one line: "<url>: <cause>".
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import time
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import httpx

from cleaner.decode import decode
from cleaner.errors import FetchError
from cleaner.read import GZIP_OR_ZLIB, MAX_BYTES, Inflater, ratio_problem

if TYPE_CHECKING:
    from cleaner.crawl import HostGate

USER_AGENT = f"cleaner/{version('cleaner')} (boilerplate remover; python-httpx/{httpx.__version__})"
SCHEMES = ("http", "https")
WEB_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # other 5xx (501, 505) do not heal by waiting


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """What one page may cost. Every limit has a flag of the same name in the CLI."""

    connect_timeout: float = 10.0  # seconds to open a connection
    read_timeout: float = 30.0  # seconds of silence allowed while waiting for bytes
    total_timeout: float = 60.0  # seconds for the whole page: redirects, retries, waits and body
    max_bytes: int = MAX_BYTES  # body size after decompression; the same cap as for files
    max_redirects: int = 10  # browsers allow 20; real chains are 1-3 hops, longer ones are traps
    retries: int = 2  # extra attempts after a 429, a 5xx in RETRY_STATUSES or a failed connection
    backoff: float = 1.0  # the first retry waits this long, each later one twice as long
    max_retry_wait: float = 30.0  # a Retry-After longer than this fails the page instead of waiting
    user_agent: str = USER_AGENT
    content_types: tuple[str, ...] = WEB_TYPES  # empty: accept any type


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: the URL asked for, where it ended after redirects, and its body bytes."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None  # from the Content-Type header; decode() weighs it against the page's meta
    raw: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return decode(self.raw, declared=self.charset)


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str


@dataclass(frozen=True, slots=True)
class _Retry:
    cause: str
    after: float | None = None  # seconds the server asked us to wait (Retry-After), if it did
    status: int | None = None


def is_url(text: str) -> bool:
    """True for an http or https URL (what the CLI fetches instead of reading a file)."""
    return text.lower().startswith(("http://", "https://"))


def make_client(limits: FetchLimits = FetchLimits(), *, connections: int = 10) -> httpx.Client:
    """An httpx client for fetch_url(): our User-Agent, no automatic redirects or decompression."""
    return httpx.Client(
        headers={"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,  # we follow them ourselves to check every hop
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


def fetch_url(
    url: str,
    *,
    limits: FetchLimits = FetchLimits(),
    client: httpx.Client | None = None,
    gate: HostGate | None = None,
) -> Fetched:
    """The page at `url`, or FetchError saying in one line why not."""
    _check_scheme(url, url)
    deadline = time.monotonic() + limits.total_timeout
    own = client is None
    client = client or make_client(limits, connections=1)
    try:
        return _with_retries(url, client, limits, deadline, gate)
    finally:
        if own:
            client.close()


def _with_retries(
    url: str, client: httpx.Client, limits: FetchLimits, deadline: float, gate: HostGate | None
) -> Fetched:
    attempt = 0
    while True:
        outcome = _follow(url, client, limits, deadline, gate)
        if isinstance(outcome, Fetched):
            return outcome
        time.sleep(_retry_wait(url, outcome, attempt, limits, deadline))
        attempt += 1


def _retry_wait(url: str, retry: _Retry, attempt: int, limits: FetchLimits, deadline: float) -> float:
    """Seconds to wait before the next attempt, or FetchError when there will be none."""
    if attempt >= limits.retries:
        tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
        raise FetchError(f"{url}: {retry.cause} ({tries})", status=retry.status)
    seconds = retry.after if retry.after is not None else limits.backoff * 2**attempt
    if seconds > limits.max_retry_wait:
        raise FetchError(
            f"{url}: {retry.cause}, and Retry-After {seconds:g} s exceeds the "
            f"{limits.max_retry_wait:g} s we wait (--max-retry-wait)",
            status=retry.status,
        )
    if time.monotonic() + seconds > deadline:
        raise FetchError(
            f"{url}: {retry.cause}, and no time is left to retry within {limits.total_timeout:g} s",
            status=retry.status,
        )
    return seconds


def _follow(
    url: str, client: httpx.Client, limits: FetchLimits, deadline: float, gate: HostGate | None
) -> Fetched | _Retry:
    """One attempt: request `url` and follow its redirects, checking every hop."""
    hops = [url]
    for _ in range(limits.max_redirects + 1):
        with gate.slot(hops[-1]) if gate else nullcontext():
            outcome = _request(url, hops[-1], client, limits, deadline)
        if not isinstance(outcome, _Redirect):
            return outcome
        _check_scheme(url, outcome.location)
        if outcome.location in hops:
            raise FetchError(f"{url}: redirect loop ({' -> '.join([*hops, outcome.location])})")
        hops.append(outcome.location)
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects (--max-redirects)")


def _check_scheme(url: str, target: str) -> None:
    scheme = urlsplit(target).scheme.lower()
    if scheme not in SCHEMES:
        where = "is" if target == url else f"redirects to {target}, which is"
        raise FetchError(f"{url}: {where} not an http or https URL; only those are fetched")


def _request(
    url: str, current: str, client: httpx.Client, limits: FetchLimits, deadline: float
) -> Fetched | _Redirect | _Retry:
    """One HTTP request to `current` (reached from `url`) with timeouts cut to the time left."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: took longer than {limits.total_timeout:g} s in total (--timeout)")
    timeout = httpx.Timeout(min(limits.read_timeout, left), connect=min(limits.connect_timeout, left))
    try:
        with client.stream("GET", current, timeout=timeout) as response:
            return _response(url, response, limits, deadline)
    except httpx.ConnectTimeout:
        return _Retry(f"no connection within {min(limits.connect_timeout, left):g} s")
    except httpx.ReadTimeout:
        if limits.read_timeout >= left:
            raise FetchError(
                f"{url}: took longer than {limits.total_timeout:g} s in total (--timeout)"
            ) from None
        raise FetchError(f"{url}: no data for {limits.read_timeout:g} s (--read-timeout)") from None
    except (httpx.ConnectError, httpx.RemoteProtocolError) as error:
        return _Retry(f"connection failed ({_one_line(error)})")
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {type(error).__name__} ({_one_line(error)})") from error


def _response(
    url: str, response: httpx.Response, limits: FetchLimits, deadline: float
) -> Fetched | _Redirect | _Retry:
    status = response.status_code
    if response.is_redirect:
        return _Redirect(urljoin(str(response.url), response.headers["location"]))
    if status in RETRY_STATUSES:
        after = _retry_after(response.headers.get("retry-after"))
        return _Retry(f"HTTP {status} {response.reason_phrase}", after, status)
    if status >= 300:
        raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}", status=status)
    content_type, charset = _content_type(response.headers.get("content-type"))
    if limits.content_types and content_type and content_type not in limits.content_types:
        raise FetchError(f"{url}: content type {content_type} is not a web page")
    raw = _read_body(url, response, limits, deadline)
    return Fetched(url, str(response.url), status, content_type, charset, raw)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """The media type and the charset parameter of a Content-Type header."""
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media.strip().lower() or None, charset.group(1) if charset else None


def _retry_after(header: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None when absent or bad."""
    if not header:
        return None
    if header.strip().isdigit():
        return float(header.strip())
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read_body(url: str, response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    """The decompressed body, read in chunks and refused as soon as it passes a limit."""
    inflater = _inflater(url, response.headers.get("content-encoding", ""), limits.max_bytes)
    declared = response.headers.get("content-length", "")
    if inflater is None and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{url}: body of {int(declared):,} bytes exceeds {limits.max_bytes:,} (--max-bytes)")
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_raw():  # no chunk_size: it would buffer a trickle past the deadline
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: took longer than {limits.total_timeout:g} s in total (--timeout)")
            for data in inflater.inflate(chunk) if inflater else (chunk,):
                size += len(data)
                if size > limits.max_bytes:
                    grew = " after decompression" if inflater else ""
                    raise FetchError(f"{url}: body exceeds {limits.max_bytes:,} bytes{grew} (--max-bytes)")
                if inflater and (bomb := ratio_problem(inflater.compressed, size)):
                    raise FetchError(f"{url}: the body {bomb}")
                parts.append(data)
    except zlib.error as error:
        raise FetchError(f"{url}: the compressed body is corrupt ({error})") from None
    return b"".join(parts)


def _inflater(url: str, encoding: str, max_bytes: int) -> Inflater | None:
    """An inflater for the Content-Encoding, which checks size and ratio every 256 KB of output."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return Inflater(max_bytes, wbits=GZIP_OR_ZLIB)
    raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def url_to_path(url: str, suffix: str) -> Path:
    """A relative file path for a page from its URL: host/path_segments, a hash for a query string."""
    parts = urlsplit(url)
    segments = [_safe(s)[:100] for s in parts.path.split("/") if s not in ("", ".", "..")]
    stem = re.sub(r"\.(html?|php|aspx?)$", "", "_".join(segments)) or "index"
    if parts.query:  # ?page=1 and ?page=2 are different pages
        stem += "-" + hashlib.sha1(parts.query.encode()).hexdigest()[:8]
    return Path(_safe(parts.netloc.lower()) or "_") / (stem + suffix)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip(".")
