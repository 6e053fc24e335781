"""Fetching against a real HTTP server on 127.0.0.1: redirects, errors, limits, encodings, politeness."""

from __future__ import annotations

import email.utils
import socket
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest

from cleaner import clean
from cleaner.crawl import HostGate, Politeness, fetch_many
from cleaner.errors import FetchError
from cleaner.fetch import Fetched, FetchLimits, _retry_after, fetch_url, url_to_path
from tests.http_server import serve

# Small limits keep every test fast; each test changes the one limit it is about.
FAST = FetchLimits(
    connect_timeout=1,
    read_timeout=1,
    total_timeout=3,
    max_bytes=1_000_000,
    retries=1,
    backoff=0.01,
    max_retry_wait=2,
)


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Counter[str]]]:
    with serve() as running:
        yield running


@pytest.fixture
def base(site: tuple[str, Counter[str]]) -> str:
    return site[0]


def fetch_error(url: str, limits: FetchLimits = FAST) -> str:
    with pytest.raises(FetchError) as caught:
        fetch_url(url, limits=limits)
    message = str(caught.value)
    assert message.startswith(url + ": ") and "\n" not in message
    return message


def test_fetches_a_page_and_cleans_it(base: str) -> None:
    page = fetch_url(f"{base}/article", limits=FAST)
    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert page.final_url == page.url == f"{base}/article"
    assert "The two foreign ministers met" in clean(page.text, url=page.final_url).text


def test_follows_redirects_and_reports_the_final_url(base: str) -> None:
    page = fetch_url(f"{base}/hop1", limits=FAST)
    assert page.url == f"{base}/hop1" and page.final_url == f"{base}/article"
    assert "more than 1 redirects" in fetch_error(f"{base}/hop1", replace(FAST, max_redirects=1))


def test_redirect_loop_is_named(base: str) -> None:
    message = fetch_error(f"{base}/loop-a")
    assert message.endswith(f"redirect loop ({base}/loop-a -> {base}/loop-b -> {base}/loop-a)")


def test_only_http_and_https_also_after_a_redirect(base: str) -> None:
    assert "not an http or https URL" in fetch_error("file:///etc/passwd")
    message = fetch_error(f"{base}/to-file")
    assert "redirects to file:///etc/passwd, which is not an http or https URL" in message


@pytest.mark.parametrize(("path", "cause"), [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500")])
def test_http_errors(base: str, path: str, cause: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(base + path, limits=FAST)
    assert cause in str(caught.value) and caught.value.status == int(cause.split()[1])


def test_a_5xx_is_retried_and_a_lasting_one_reported_with_the_attempts(
    site: tuple[str, Counter[str]],
) -> None:
    base, hits = site
    assert fetch_url(f"{base}/flaky", limits=FAST).status == 200
    assert hits["/flaky"] == 2
    assert fetch_error(f"{base}/broken").endswith("HTTP 500 Internal Server Error (2 attempts)")


def test_429_waits_for_retry_after(site: tuple[str, Counter[str]]) -> None:
    base, hits = site
    started = time.monotonic()
    assert fetch_url(f"{base}/busy", limits=FAST).status == 200
    assert time.monotonic() - started >= 0.9 and hits["/busy"] == 2  # Retry-After: 1, not backoff 0.01
    message = fetch_error(f"{base}/busy-for-an-hour")
    assert "HTTP 429 Too Many Requests, and Retry-After 3600 s exceeds the 2 s we wait" in message


def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = fetch_error(f"http://127.0.0.1:{port}/")
    assert "connection failed" in message and message.endswith("(2 attempts)")


def test_a_silent_server_hits_the_read_timeout(base: str) -> None:
    started = time.monotonic()
    message = fetch_error(f"{base}/slow", replace(FAST, read_timeout=0.3))
    assert "no data for 0.3 s (--read-timeout)" in message
    assert time.monotonic() - started < 2


def test_a_trickling_body_hits_the_total_time_limit(base: str) -> None:
    started = time.monotonic()
    message = fetch_error(f"{base}/trickle", replace(FAST, total_timeout=1))
    assert "took longer than 1 s in total (--timeout)" in message
    assert time.monotonic() - started < 2.5


def test_endless_and_huge_bodies_stop_at_max_bytes(base: str) -> None:
    assert "body exceeds 1,000,000 bytes (--max-bytes)" in fetch_error(f"{base}/endless")
    assert "body of 3,000,000 bytes exceeds 1,000,000 (--max-bytes)" in fetch_error(f"{base}/huge")


def test_gzip_is_decoded_and_a_gzip_bomb_refused_quickly(base: str) -> None:
    assert "The two foreign ministers" in fetch_url(f"{base}/gzip", limits=FAST).text
    started = time.monotonic()
    message = fetch_error(f"{base}/bomb")
    assert "body exceeds 1,000,000 bytes after decompression" in message
    assert time.monotonic() - started < 1  # 64 MB of zeros are never inflated whole
    assert "the compressed body is corrupt" in fetch_error(f"{base}/corrupt-gzip")


@pytest.mark.parametrize("path", ["/latin1-header-utf8-page", "/utf8-header-cp1252-page"])
def test_a_lying_charset_header_gives_no_mojibake(base: str, path: str) -> None:
    text = fetch_url(base + path, limits=FAST).text
    assert "Grüße aus Köln: the café on the corner serves crème brûlée" in text
    if "cp1252" in path:
        assert "“quoted”" in text


def test_content_types_that_are_not_pages_are_refused(base: str) -> None:
    assert "content type image/png is not a web page" in fetch_error(f"{base}/image")
    assert fetch_url(f"{base}/dump.txt", limits=FAST).text.startswith("Just one line")


def test_fetch_many_reports_each_url_and_respects_robots(base: str) -> None:
    urls = [f"{base}/article", f"{base}/missing", f"{base}/private/page", f"{base}/gzip"]
    results = dict(fetch_many(urls, limits=FAST, politeness=Politeness(respect_robots=True), threads=3))
    assert set(results) == set(urls)
    assert isinstance(results[f"{base}/article"], Fetched) and isinstance(results[f"{base}/gzip"], Fetched)
    assert "HTTP 404" in str(results[f"{base}/missing"])
    assert str(results[f"{base}/private/page"]).endswith("disallowed by robots.txt (--respect-robots)")
    without = dict(fetch_many([f"{base}/private/page"], limits=FAST))
    assert isinstance(without[f"{base}/private/page"], Fetched)


def test_politeness_spaces_requests_to_one_host(base: str) -> None:
    urls = [f"{base}/article?polite={i}" for i in range(3)]
    started = time.monotonic()
    results = list(fetch_many(urls, limits=FAST, politeness=Politeness(per_host=1, delay=0.3), threads=3))
    assert len(results) == 3 and all(isinstance(page, Fetched) for _, page in results)
    assert time.monotonic() - started >= 0.6  # three starts, 0.3 s apart, although 3 threads were free
    gate = HostGate(Politeness(per_host=2))
    with gate.slot(urls[0]), gate.slot(urls[1]):  # a second slot to the same host is free at once
        pass


def test_url_to_path() -> None:
    assert str(url_to_path("https://Example.com/news/a-story.html", ".txt")) == "example.com/news_a-story.txt"
    assert str(url_to_path("https://example.com/", ".txt")) == "example.com/index.txt"
    with_query = url_to_path("https://example.com/list?page=2", ".json")
    assert with_query.parent.name == "example.com" and with_query.name.startswith("list-")
    assert url_to_path("https://example.com/../../etc/passwd", ".txt") == url_to_path(
        "https://example.com/etc/passwd", ".txt"
    )


def test_the_user_agent_names_cleaner_and_can_be_changed(base: str) -> None:
    assert fetch_url(f"{base}/user-agent", limits=FAST).text.startswith(
        "cleaner/0.1.0 (boilerplate remover; "
    )
    mine = replace(FAST, user_agent="my-crawler/2.0 (+mailto:me@example.com)")
    assert fetch_url(f"{base}/user-agent", limits=mine).text == "my-crawler/2.0 (+mailto:me@example.com)"


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    assert _retry_after("120") == 120.0
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55 <= (_retry_after(in_a_minute) or 0) <= 61
    assert _retry_after("soon") is None and _retry_after(None) is None
