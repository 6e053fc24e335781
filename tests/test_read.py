"""Reading pages from disk: plain and gzip files, and the limits that keep a bad file cheap."""

from __future__ import annotations

import gzip
import time
import zlib
from pathlib import Path

import pytest

from cleaner.errors import ReadError
from cleaner.read import iter_inputs, read_path


def test_reads_plain_and_gzip_pages(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<p>plain</p>")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<p>zipped</p>"))
    assert read_path(tmp_path / "a.html") == b"<p>plain</p>"
    assert read_path(tmp_path / "b.html.gz") == b"<p>zipped</p>"


def test_a_gzip_bomb_is_refused_quickly_without_inflating_it(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(b"".join(packer.compress(zeros) for _ in range(64)) + packer.flush())  # 64 MB of zeros
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"decompresses to more than 1,000,000 bytes \(--max-bytes\)"):
        read_path(bomb, max_bytes=1_000_000)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.html", None, "no such file"),
        ("empty.html", b"  \n", "file is empty"),
        ("big.html", b"x" * 2_000_001, "larger than 2 MB"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00 not gzip", "not a valid gzip file"),
    ],
)
def test_bad_files_are_one_line_read_errors(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError, match=message) as caught:
        read_path(path, max_bytes=2_000_000)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_folder_is_not_a_page_and_iter_inputs_walks_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.htm").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "sub" / "b.css").write_text("body {}", encoding="utf-8")
    with pytest.raises(ReadError, match="is a folder"):
        read_path(tmp_path)
    assert list(iter_inputs([tmp_path])) == [(tmp_path / "sub" / "a.htm", Path("sub/a.htm"))]
