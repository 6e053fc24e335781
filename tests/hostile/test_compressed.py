"""Gzip bombs, generated here, in every place cleaner inflates bytes: .gz files, HTTP
Content-Encoding (from the real test server), and WARC records (the HTTP body's gzip and the
archive's own). Each is refused by the ratio cap within a second, holding a few MB at most,
while real compressed pages, small or large, still read."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TypeVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.errors import FetchError, ReadError
from cleaner.fetch import FetchLimits, fetch_url, make_client
from cleaner.pages import read_warc_record, warc_pages
from cleaner.read import MAX_BYTES, MAX_RATIO, read_path
from tests.http_server import serve

T = TypeVar("T")
MB = 1024 * 1024


def gzip_bomb(megabytes: int) -> bytes:
    """`megabytes` MB of zeros, gzipped to about 1/1000 of that, built without holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MB)
    return b"".join(packer.compress(zeros) for _ in range(megabytes)) + packer.flush()


def cost(work: Callable[[], T]) -> tuple[T | BaseException, float, int]:
    """(what `work` returned or raised, seconds it took, peak bytes it allocated)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome: T | BaseException = work()
    except Exception as error:
        outcome = error
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, seconds, peak


def assert_refused_fast(outcome: object, seconds: float, peak: int, error: type[Exception]) -> None:
    assert isinstance(outcome, error), outcome
    assert f"decompresses more than {MAX_RATIO}:1" in str(outcome) and "gzip bomb" in str(outcome)
    assert seconds < 1.0  # inflating it whole would take the size cap's 50 MB
    assert peak < 20 * MB


def test_a_gz_file_bomb_under_the_size_cap_is_refused_by_its_ratio(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip_bomb(40))  # 40 MB: under the 50 MB cap, so only the ratio stops it
    assert_refused_fast(*cost(lambda: read_path(bomb)), ReadError)


@pytest.mark.parametrize(
    "page",
    [
        b"<p>" + b"a" * 200_000 + b"</p>",  # 1,000:1, but a small page: under the floor, read
        b"".join(b"<tr><td>%d</td><td>a row of a long table</td></tr>\n" % i for i in range(60_000)),
    ],
    ids=["small-but-repetitive", "3-MB-table-at-20-to-1"],
)
def test_real_compressed_pages_still_read(tmp_path: Path, page: bytes) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page))
    assert read_path(path) == page


def test_gz_members_and_padding_read_as_gzip_does_and_a_cut_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>one</p>") + gzip.compress(b"<p>two</p>") + bytes(8))
    assert read_path(path) == b"<p>one</p><p>two</p>"
    path.write_bytes(gzip.compress(b"<p>" + bytes(range(256)) * 400 + b"</p>")[:-20])
    with pytest.raises(ReadError, match="ends before its last member does"):
        read_path(path)


def test_a_content_encoding_bomb_is_refused_by_its_ratio() -> None:
    limits = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5, max_bytes=MAX_BYTES)
    with serve() as (base, _), make_client(limits) as client:  # made outside the timing: ~0.4 s of TLS setup
        url = f"{base}/bomb"  # 64 MB of zeros in about 64 KB
        outcome, seconds, peak = cost(lambda: fetch_url(url, limits=limits, client=client))
        assert str(outcome).startswith(f"{url}: the body decompresses more than")
        assert_refused_fast(outcome, seconds, peak, FetchError)
        assert b"foreign ministers" in fetch_url(f"{base}/gzip", limits=limits, client=client).raw


def _warc(path: Path, body: bytes, *, encoding: str | None) -> None:
    """An archive of one HTML response with `body`, gzipped as the HTTP Content-Encoding or not."""
    headers = [("Content-Type", "text/html")] + ([("Content-Encoding", encoding)] if encoding else [])
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://example.com/bomb", "response", payload=BytesIO(body), length=len(body), http_headers=http
        )
        writer.write_record(record)


@pytest.mark.parametrize("where", ["content-encoding", "archive-gzip"])
def test_a_warc_record_bomb_is_refused_by_its_ratio(tmp_path: Path, where: str) -> None:
    if where == "content-encoding":
        path = tmp_path / "crawl.warc"
        _warc(path, gzip_bomb(40), encoding="gzip")
    else:  # the archive's own per-record gzip: a 20 MB body of one letter in about 20 KB
        path = tmp_path / "crawl.warc.gz"
        _warc(path, b"<p>" + b"a" * (20 * MB) + b"</p>", encoding=None)
    (page,), seconds, peak = cost(lambda: list(warc_pages(path)))
    assert page.raw is None and page.error and "gzip bomb" in page.error
    # the archive is read on past the record, which inflates the rest of it: the gzip format
    # has no way to skip a member, so that costs what it costs without the cap too
    assert seconds < 2.0 and peak < 20 * MB
    outcome, seconds, peak = cost(lambda: read_warc_record(str(path), 0))  # the Dask workers' path
    assert_refused_fast(outcome, seconds, peak, ReadError)


def test_a_gzipped_warc_record_of_a_real_page_still_reads(tmp_path: Path) -> None:
    body = b"".join(b"<tr><td>%d</td><td>a row of a long table</td></tr>\n" % i for i in range(60_000))
    _warc(tmp_path / "crawl.warc", gzip.compress(body), encoding="gzip")
    (page,) = warc_pages(tmp_path / "crawl.warc")
    assert page.raw == body and page.error is None
