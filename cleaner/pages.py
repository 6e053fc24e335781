"""What a batch reads: Pages from files, folders, URL lists and WARC archives.

A Page names one page and says how to get its bytes: a file to read, a URL to fetch, a record
at an offset in a WARC archive, or bytes already in hand. Planning (plan_pages) only names the
pages, so it is cheap and runs where the inputs are listed; loading (load_page) gets the bytes,
and runs where the page is cleaned: in a batch worker process, or on a Dask worker.

An INPUT is classified once, at the top level: an http(s) URL; a folder (recursive, page files
and WARC archives in it); a WARC archive (.warc, .warc.gz); a URL list (a file whose non-blank,
non-# lines are all http(s) URLs); otherwise a page file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from cleaner.decode import decode
from cleaner.errors import CleanerError, ReadError, SourceError
from cleaner.fetch import FetchLimits, fetch_url, is_url
from cleaner.read import INFLATE_STEP, MAX_BYTES, is_page_file, ratio_problem, read_path

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_URL_LIST_PEEK = 64 * 1024  # a URL list is recognised from its first 64 KB
_BLOCK = 4096  # bytes of a gzipped archive or body that warcio inflates at once: at most ~4 MB out


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a batch: `source` is what its output line says and what --resume matches."""

    source: str
    url: str | None = None
    path: str | None = None  # a page file, or with `offset` a WARC archive
    offset: int | None = None  # a WARC record's byte offset in `path`
    raw: bytes | None = field(
        default=None, repr=False
    )  # bytes already in hand (fetched, or read from a WARC)
    charset: str | None = None  # the HTTP Content-Type charset, weighed by decode()
    error: str | None = None  # why the page is already known to fail (a fetch, an oversized record)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def plan_pages(
    inputs: Iterable[str], *, with_payload: bool = True, max_bytes: int = MAX_BYTES
) -> Iterator[Page]:
    """The pages every INPUT names, in order; WARC records carry their bytes when `with_payload`.

    An input that cannot be listed (a corrupt archive) becomes a Page with its `error` set, after
    the pages it did yield, so a batch reports it and goes on.
    """
    for item in inputs:
        path = Path(item)
        if is_url(item):
            yield Page(source=item, url=item)
        elif path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if is_warc(found) or is_page_file(found):
                    yield from _plan_file(found, with_payload, max_bytes)
        else:
            yield from _plan_file(path, with_payload, max_bytes, top_level=True)


def _plan_file(path: Path, with_payload: bool, max_bytes: int, *, top_level: bool = False) -> Iterator[Page]:
    try:
        if is_warc(path):
            yield from warc_pages(path, with_payload=with_payload, max_bytes=max_bytes)
        elif top_level and is_url_list(path):  # files inside folders are pages, never URL lists
            yield from (Page(source=url, url=url) for url in read_url_list(path))
        else:
            yield Page(source=str(path), path=str(path))
    except CleanerError as error:
        yield Page(source=str(path), path=str(path), error=str(error))


def is_url_list(path: Path) -> bool:
    """True for a file whose non-blank, non-comment lines (in its first 64 KB) are all URLs."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_URL_LIST_PEEK).decode("utf-8", errors="replace")
    except OSError:
        return False  # reading it as a page will say what is wrong
    lines = _url_lines(head.splitlines()[:-1] if len(head) == _URL_LIST_PEEK else head.splitlines())
    return bool(lines) and all(is_url(line) for line in lines)


def read_url_list(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace") as stream:
        yield from _url_lines(stream)


def _url_lines(lines: Iterable[str]) -> list[str]:
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


def warc_pages(path: Path, *, with_payload: bool = True, max_bytes: int = MAX_BYTES) -> Iterator[Page]:
    """A Page per HTML response record (2xx) of a WARC archive, named `path@offset`."""
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, block_size=_BLOCK)
            for record in records:
                if record.format != "warc":  # warcio reads garbage as ARC records rather than failing
                    raise ReadError(f"{path}: not a WARC archive (found a {record.format} record)")
                if not _is_html_response(record):
                    continue
                start = records.offset  # where this record begins; get_record_offset() would read past it
                raw, problem = _payload(record, max_bytes, stream, start) if with_payload else (None, None)
                page = _warc_page(path, records.get_record_offset(), record)  # the offset reads past the body
                yield replace(page, raw=raw, error=problem and f"{page.source}: {problem}")
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        raise ReadError(f"{path}: not a readable WARC archive ({_one_line(error)})") from None


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and media in HTML_TYPES


def _warc_page(path: Path, offset: int, record: Any) -> Page:
    content_type = record.http_headers.get_header("Content-Type") or ""
    _, _, charset = content_type.lower().partition("charset=")
    return Page(
        source=f"{path}@{offset}",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        path=str(path),
        offset=offset,
        charset=charset.strip(" \"';") or None,
    )


def _payload(record: Any, max_bytes: int, archive: BinaryIO, start: int) -> tuple[bytes | None, str | None]:
    """(the record's HTTP body, de-chunked and decompressed, or None; why not, or None).

    The body is refused past max_bytes, or when it inflates past MAX_RATIO of the archive bytes
    read since the record's `start`: a gzip bomb in the record's Content-Encoding or in the
    archive's own gzip both show there.
    """
    stream = _content_stream(record)
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(INFLATE_STEP):
        size += len(chunk)
        if size > max_bytes:
            return None, f"record body exceeds {max_bytes:,} bytes (--max-bytes)"
        if bomb := ratio_problem(archive.tell() - start, size):
            return None, f"record body {bomb}"
        parts.append(chunk)
    if getattr(record.raw_stream, "limit", 0):  # bytes the record declared but the file did not hold
        return None, "record is cut short (the archive ends inside it)"
    return b"".join(parts), None


def _content_stream(record: Any) -> BufferedReader:
    """record.content_stream(), but inflating 4 KB of the body at a time rather than 16 KB.

    warcio inflates a whole block in one call, and 16 KB of a bomb is 16 MB; 4 KB is at most
    4 MB. (A chunked body is inflated a chunk at a time, as warcio does; we cannot bound that.)
    """
    encoding = (record.http_headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None  # as warcio does: an unknown encoding is passed through as it is
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        return ChunkedDataReader(record.raw_stream, decomp_type=encoding)
    return BufferedReader(record.raw_stream, block_size=_BLOCK, decomp_type=encoding)


def read_warc_record(path: str, offset: int, max_bytes: int = MAX_BYTES) -> bytes:
    """The HTTP body of the record at `offset` (what a Dask worker reads for a planned Page)."""
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, block_size=_BLOCK)))
            body, problem = _payload(record, max_bytes, stream, offset)
    except (ArchiveLoadFailed, OSError, EOFError, StopIteration, ValueError) as error:
        raise ReadError(f"{path}@{offset}: not a readable WARC record ({_one_line(error)})") from None
    if body is None:
        raise ReadError(f"{path}@{offset}: {problem}")
    return body


def load_page(page: Page, *, limits: FetchLimits | None = None) -> tuple[str, str | None]:
    """(the page's text, its URL after redirects): reads, fetches or decodes whatever `page` names."""
    limits = limits or FetchLimits()
    if page.error is not None:
        raise SourceError(page.error)
    if page.raw is not None or page.offset is not None:
        raw = (
            page.raw
            if page.raw is not None
            else read_warc_record(str(page.path), page.offset or 0, limits.max_bytes)
        )
        if not raw.strip():
            raise ReadError(f"{page.source}: the record's body is empty")
        return decode(raw, declared=page.charset), page.url
    if page.path is not None:
        return decode(read_path(Path(page.path), max_bytes=limits.max_bytes)), page.url
    if page.url is None:
        raise ValueError(f"page {page.source!r} names no file, URL or bytes")
    fetched = fetch_url(page.url, limits=limits)
    return fetched.text, fetched.final_url


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."  # warcio quotes whole lines of garbage
