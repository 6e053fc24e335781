"""Reading pages from disk: single files (plain or gzip) and folders of them."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from cleaner.errors import ReadError

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused rather than read into memory whole


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
    """Decompress at most max_bytes, so a gzip bomb is refused instead of filling memory."""
    try:
        with gzip.open(path, "rb") as stream:
            raw = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(f"{path}: not a valid gzip file ({error})") from None
    if len(raw) > max_bytes:
        raise ReadError(f"{path}: decompresses to more than {max_bytes // 1_000_000} MB")
    return raw


def iter_inputs(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(page file, its path relative to the argument that named it) for files and folders."""
    for path in paths:
        if path.is_dir():
            for page in page_files(path):
                yield page, page.relative_to(path)
        else:
            yield path, Path(path.name)
