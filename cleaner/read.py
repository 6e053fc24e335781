"""Reading pages from disk: single files (plain or gzip) and folders of them.

Compressed bytes, here and in fetch.py and pages.py, are inflated under two caps: the size
after decompression (MAX_BYTES) and the ratio of that size to the compressed bytes read
(MAX_RATIO, past RATIO_FLOOR), so that a gzip bomb is refused after a megabyte or two of work.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from cleaner.errors import ReadError

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused rather than read into memory whole
# 1,678 gzipped pages of the two benchmark corpora inflate 5.3:1 at the median and 16.7:1 at
# most; deflate's own ceiling is about 1,032:1 (runs of one byte). 100:1 is six times the worst
# real page, and a bomb passes it within its first megabyte of output.
MAX_RATIO = 100
# Below this many inflated bytes the ratio is not checked: a small, very repetitive page (a
# stub of 10 KB that gzips to 50 bytes) costs nothing and is no bomb.
RATIO_FLOOR = 1024 * 1024
INFLATE_STEP = 256 * 1024  # inflate at most this much per call, so a limit is checked every step
GZIP_ONLY = 16 + zlib.MAX_WBITS  # a .gz file: a gzip header is required
GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS  # Content-Encoding gzip or deflate: either header is accepted


def is_page_file(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(PAGE_SUFFIXES)


def page_files(folder: Path) -> list[Path]:
    """The page files under `folder`, recursively, in a stable order."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and is_page_file(path))


def read_path(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a page file, decompressed when it ends in .gz; ReadError when unusable."""
    try:
        if path.is_dir():
            raise ReadError(f"{path}: is a folder, not a page")
        if path.stat().st_size > max_bytes and path.suffix != ".gz":
            raise ReadError(f"{path}: larger than {max_bytes // 1_000_000} MB")
        raw = _read_gzip(path, max_bytes) if path.suffix.lower() == ".gz" else path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReadError(f"{path}: {error.strerror or error}") from None
    if not raw.strip():
        raise ReadError(f"{path}: file is empty")
    return raw


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    """The inflated file, refused as soon as it passes max_bytes or MAX_RATIO (a gzip bomb)."""
    inflater = Inflater(max_bytes, wbits=GZIP_ONLY)
    parts: list[bytes] = []
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(64 * 1024), b""):
                for data in inflater.inflate(chunk):
                    if (problem := inflater.problem()) is not None:
                        raise ReadError(f"{path}: {problem}")
                    parts.append(data)
    except zlib.error as error:
        raise ReadError(f"{path}: not a valid gzip file ({error})") from None
    if not inflater.finished:
        raise ReadError(f"{path}: not a valid gzip file (it ends before its last member does)")
    return b"".join(parts)


def ratio_problem(compressed: int, inflated: int) -> str | None:
    """Why `inflated` bytes from `compressed` look like a bomb (past MAX_RATIO), or None."""
    if inflated <= RATIO_FLOOR or inflated <= MAX_RATIO * compressed:
        return None
    return (
        f"decompresses more than {MAX_RATIO}:1 ({inflated:,} bytes from {compressed:,} so far), "
        "refused as a likely gzip bomb"
    )


class Inflater:
    """Inflates a gzip (or zlib) stream fed chunk by chunk, in steps of at most 256 KB.

    After each step, problem() says whether the output passed `max_bytes` or MAX_RATIO, so the
    caller stops a bomb after one step too many rather than after inflating it. Concatenated
    gzip members are read one after another, as gzip.open() reads them.
    """

    def __init__(self, max_bytes: int, *, wbits: int = GZIP_OR_ZLIB) -> None:
        self.max_bytes = max_bytes
        self.compressed = 0  # input bytes inflated so far
        self.size = 0  # output bytes so far
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._inside = False  # within a member whose end has not been read yet

    def inflate(self, chunk: bytes) -> Iterator[bytes]:
        """The inflated bytes of `chunk`, step by step; raises zlib.error on corrupt input."""
        data = chunk
        while True:
            if not self._inside:  # between members, gzip.open() skips zero padding too
                data = data.lstrip(b"\0")
                if not data:
                    return
            out = self._zlib.decompress(data, INFLATE_STEP)
            rest = self._zlib.unconsumed_tail or self._zlib.unused_data
            self.compressed += len(data) - len(rest)
            self.size += len(out)
            self._inside = not self._zlib.eof
            yield out
            if self._zlib.eof:  # a member ended; another may follow
                self._zlib = zlib.decompressobj(self._wbits)
            elif not rest and len(out) < INFLATE_STEP:  # a full step may leave output inside zlib: go on
                return
            data = rest

    @property
    def finished(self) -> bool:
        """True when the input so far ends where a member ends (a cut-off stream does not)."""
        return not self._inside

    def problem(self) -> str | None:
        """Why the output so far is refused (past max_bytes, or a bomb's ratio), or None."""
        if self.size > self.max_bytes:
            return f"decompresses to more than {self.max_bytes:,} bytes (--max-bytes)"
        return ratio_problem(self.compressed, self.size)


def iter_inputs(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(page file, its path relative to the argument that named it) for files and folders."""
    for path in paths:
        if path.is_dir():
            for page in page_files(path):
                yield page, page.relative_to(path)
        else:
            yield path, Path(path.name)
