"""Batches through the real CLI and real parts: folders, WARC archives, URL lists, kills, resumes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import click
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.batch import BatchOptions, reported_sources, run_batch
from cleaner.cli_batch import batch_command, fetch_command
from cleaner.errors import BatchError
from cleaner.fetch import FetchLimits
from tests.hostile.test_timeout import SLOW_PAGE  # several seconds of cleaning
from tests.http_server import serve
from tests.test_api import ARTICLE_HTML, DUMP
from tests.test_cli import run


def batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run("batch", *args)


def lines(path: Path) -> list[dict[str, object]]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "a half-written line"
    return [json.loads(line) for line in text.splitlines()]


def article(i: int) -> str:
    return ARTICLE_HTML.replace("Ministers meet in Washington", f"Ministers meet in Washington, round {i}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    files = {
        "article.html": ARTICLE_HTML.encode(),
        "sub/dump.txt": DUMP.encode(),
        "sub/zipped.htm.gz": gzip.compress(article(2).encode()),
        "photo.html": b"\x89PNG\r\n\x1a\n" + bytes(64),  # binary with a page's name
        "style.css": b"body {}",  # not a page: not listed
    }
    for name, content in files.items():
        (tmp_path / "pages" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pages" / name).write_bytes(content)
    return tmp_path / "pages"


def write_warc(path: Path, base: str = "https://example.com") -> None:
    """Two HTML responses, a 404, an image, and a request record: two pages to clean."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        records = [
            ("/a", "200 OK", "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            ("/b", "200 OK", "text/html", article(7).encode("utf-16")),
            ("/gone", "404 Not Found", "text/html", b"<h1>Not found</h1>"),
            ("/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ]
        for page, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(  # with a length, warcio needs no temporary file for the digests
                writer.create_warc_record(
                    base + page, "response", payload=BytesIO(body), length=len(body), http_headers=headers
                )
            )
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.com")], protocol="")
        writer.write_record(
            writer.create_warc_record(
                base + "/a", "request", payload=BytesIO(), length=0, http_headers=request
            )
        )


def test_a_folder_becomes_one_line_per_page_and_a_bad_page_an_error_line(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--jobs", "2")
    assert result.returncode == 1  # one page failed; the others are written
    records = {r["source"]: r for r in lines(out)}
    assert set(records) == {
        str(folder / "article.html"),
        str(folder / "sub/dump.txt"),
        str(folder / "sub/zipped.htm.gz"),
    }
    first = records[str(folder / "article.html")]
    assert set(first) == {"source", "url", "metadata", "text"}
    assert first["metadata"]["title"] == "Ministers meet in Washington"  # type: ignore[index]
    assert "The two foreign ministers met" in str(first["text"])
    assert records[str(folder / "sub/dump.txt")]["metadata"]["date"] == "2023-03-12"  # type: ignore[index]
    errors = lines(tmp_path / "out.errors.jsonl")
    assert [e["source"] for e in errors] == [str(folder / "photo.html")]
    assert "a PNG image, not a web page" in str(errors[0]["error"])
    assert "batch: 3 written, 1 failed" in result.stderr and "Traceback" not in result.stderr


def test_warc_archive_html_responses_only(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    out = tmp_path / "out.jsonl"
    result = batch(warc, "-o", out)
    assert result.returncode == 0, result.stderr
    records = lines(out)
    assert sorted(str(r["url"]) for r in records) == ["https://example.com/a", "https://example.com/b"]
    assert all(str(r["source"]).startswith(f"{warc}@") for r in records)
    round7 = next(r for r in records if r["url"] == "https://example.com/b")
    assert round7["metadata"]["title"] == "Ministers meet in Washington, round 7"  # type: ignore[index]


def test_a_corrupt_warc_is_an_error_line_and_the_batch_goes_on(tmp_path: Path, folder: Path) -> None:
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 not really gzip, not a WARC" * 5)
    out = tmp_path / "out.jsonl"
    cut = tmp_path / "cut.warc.gz"  # an archive whose download stopped inside its second record
    write_warc(cut)
    cut.write_bytes(cut.read_bytes()[:1300])
    result = batch(bad, cut, folder / "article.html", "-o", out)
    assert result.returncode == 1
    assert sorted(str(r["source"]) for r in lines(out)) == [f"{cut}@0", str(folder / "article.html")]
    errors = {e["source"]: e["error"] for e in lines(tmp_path / "out.errors.jsonl")}
    assert errors[str(bad)] == f"{bad}: not a WARC archive (found a arc record)"
    second = next(source for source in errors if str(source).startswith(f"{cut}@"))
    assert errors[second] == f"{second}: record is cut short (the archive ends inside it)"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as (base, _):
        yield base


def test_a_url_list_is_fetched_and_failures_name_the_url(site: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# today's pages\n{site}/hop1\n\n{site}/missing\n{site}/gzip\n{site}/image\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = batch(urls, "-o", out, "--retries", "0")
    assert result.returncode == 1
    records = {r["source"]: r for r in lines(out)}
    assert set(records) == {f"{site}/hop1", f"{site}/gzip"}
    assert records[f"{site}/hop1"]["url"] == f"{site}/article"  # where the redirect ended
    errors = {e["source"]: e["error"] for e in lines(tmp_path / "out.errors.jsonl")}
    assert errors == {
        f"{site}/missing": f"{site}/missing: HTTP 404 Not Found",
        f"{site}/image": f"{site}/image: content type image/png is not a web page",
    }


def test_a_page_past_the_time_limit_is_reported_and_the_rest_are_cleaned(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "slow.html").write_text(SLOW_PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = batch(folder, "-o", out, "--jobs", "2", "--page-timeout", "1")
    assert time.monotonic() - started < 30
    assert len(lines(out)) == 3  # article, dump and zipped: the worker that timed out was replaced
    errors = {e["source"]: e["error"] for e in lines(tmp_path / "out.errors.jsonl")}
    assert (
        errors[str(folder / "slow.html")] == f"{folder / 'slow.html'}: took longer than 1 s (--page-timeout)"
    )
    assert result.returncode == 1


def test_a_page_over_the_memory_limit_is_reported(folder: Path, tmp_path: Path) -> None:
    big = folder / "big.html"
    big.write_text(SLOW_PAGE * 2, encoding="utf-8")  # 2.7 MB of markup: its parse needs more than 200 MB
    out = tmp_path / "out.jsonl"
    result = batch(big, folder / "article.html", "-o", out, "--max-memory", "200", "--page-timeout", "60")
    assert [r["source"] for r in lines(out)] == [str(folder / "article.html")]
    errors = lines(tmp_path / "out.errors.jsonl")
    assert errors[0]["source"] == str(big) and "memory" in str(errors[0]["error"])
    assert result.returncode == 1


def test_engine_options_that_do_not_go_together_are_usage_errors(folder: Path, tmp_path: Path) -> None:
    assert batch(folder, "-o", tmp_path / "out.jsonl", "--scheduler", "tcp://127.0.0.1:1").returncode == 2
    assert (
        batch(
            folder, "-o", tmp_path / "parts", "--engine", "dask", "--errors", tmp_path / "e.jsonl"
        ).returncode
        == 2
    )
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "parts").exists()


def test_existing_output_is_refused_without_resume(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "x"}\n', encoding="utf-8")
    result = batch(folder, "-o", out)
    assert result.returncode == 1
    assert (
        result.stderr
        == f"cleaner: {out}: exists and is not empty; use --resume to continue it, or remove it\n"
    )


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_an_interrupted_batch_resumes_without_duplicates_or_torn_lines(
    tmp_path: Path, stop: signal.Signals
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(120):
        (pages / f"page{i:03d}.html").write_text(article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "cleaner", "batch", str(pages), "-o", str(out), "--jobs", "2"]
    # A shell that starts a job in the background (as CI runners may) hands it SIGINT ignored;
    # the batch must hear Ctrl-C as from a terminal, so its child starts with the default.
    running = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while running.poll() is None and time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.05)
    running.send_signal(stop)
    _, stderr = running.communicate(timeout=60)
    before = lines(out)
    assert 10 <= len(before) < 120, "the batch should have been stopped midway"
    if stop == signal.SIGINT:
        assert running.returncode == 130 and "run again with --resume" in stderr and "Traceback" not in stderr
    with out.open("ab") as stream:  # what a kill during a write could leave: a torn last line
        stream.write(b'{"source": "torn')

    result = batch(pages, "-o", out, "--jobs", "2", "--resume")
    assert result.returncode == 0, result.stderr
    after = lines(out)
    sources = [r["source"] for r in after]
    assert len(sources) == len(set(sources)) == 120
    assert after[: len(before)] == before  # what was reported before the stop is kept as it was
    assert f"{len(before)} already done" in result.stderr


def test_reported_sources_cuts_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"source": "a"}\n{"source": "b"}\n{"sour')
    assert reported_sources(out) == {"a", "b"}
    assert out.read_bytes() == b'{"source": "a"}\n{"source": "b"}\n'


def test_dask_engine_writes_the_same_records_as_the_local_engine(
    site: str, folder: Path, tmp_path: Path
) -> None:
    from cleaner.dask import run_dask

    warc = tmp_path / "crawl.warc"
    write_warc(warc)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site}/article\n{site}/missing\n", encoding="utf-8")
    inputs = [str(folder), str(warc), str(urls)]
    options = BatchOptions(jobs=2, limits=FetchLimits(retries=0))
    local = run_batch(inputs, tmp_path / "local.jsonl", options)
    assert (local.written, local.failed) == (6, 2)
    result = batch(
        *inputs,
        "-o",
        tmp_path / "parts",
        "--engine",
        "dask",
        "-j",
        "2",
        "--partitions",
        "3",
        "--retries",
        "0",
    )
    assert result.returncode == 1 and "batch: 6 written, 2 failed" in result.stderr, result.stderr

    def records(paths: list[Path]) -> list[str]:
        return sorted(json.dumps(record, sort_keys=True) for path in paths for record in lines(path))

    parts = tmp_path / "parts"
    assert records(sorted(parts.glob("part-*.jsonl"))) == records([tmp_path / "local.jsonl"])
    assert records(sorted(parts.glob("errors-*.jsonl"))) == records([tmp_path / "local.errors.jsonl"])
    assert sorted(p.name for p in parts.glob("part-*.jsonl")) == [
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]

    os.remove(parts / "part-00001.jsonl")  # as if the run had stopped before that part came back
    resumed = run_dask(inputs, parts, replace(options, resume=True), partitions=3)
    assert resumed.written + resumed.failed < 8 and resumed.skipped > 0
    assert records(sorted(parts.glob("part-*.jsonl"))) == records([tmp_path / "local.jsonl"])
    with pytest.raises(BatchError, match="was planned as"):
        run_dask(inputs, parts, replace(options, resume=True), partitions=2)


def test_clean_bag_cleans_pages_and_reports_failures_as_records() -> None:
    import dask.bag as db

    from cleaner.dask import clean_bag

    records = clean_bag(db.from_sequence([ARTICLE_HTML, b"%PDF-1.7 binary"], npartitions=2)).compute(
        scheduler="sync"
    )
    assert "The two foreign ministers" in records[0]["text"] and records[0]["source"].startswith("sha1:")
    assert records[1]["error"].endswith("input is a PDF document, not a web page")


# The stop is an exception raised into the task's thread; when one lands in a garbage-collector
# callback Python reports it as unraisable and drops it (clean_bag raises it again), and pytest
# would turn that report into an error of this test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_clean_bag_stops_a_page_past_its_time_and_goes_on() -> None:
    import dask.bag as db

    from cleaner.dask import clean_bag

    started = time.monotonic()
    bag = db.from_sequence([SLOW_PAGE, ARTICLE_HTML], npartitions=1)
    slow, article = clean_bag(bag, page_timeout=1).compute(scheduler="sync")
    assert slow["error"].endswith(": took longer than 1 s (--page-timeout)")
    assert "The two foreign ministers" in article["text"]
    assert time.monotonic() - started < 6  # the slow page alone takes several seconds


def test_readme_names_every_fetch_and_batch_option() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in (batch_command, fetch_command):
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in readme for opt in param.opts), (command.name, param.opts)


def test_bench_batch_measures_every_engine_on_the_same_pages(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scripts.bench_batch import main

    assert main(["--data", str(folder), "--workers", "1", "--engines", "cleaner local,trafilatura"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith(
        "| engine | workers | pages | seconds | pages/s | speed-up | pages per CPU s |"
    )
    rows = [line.split(" | ") for line in table[2:4]]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("| cleaner local", "1", "3"),
        ("| trafilatura", "1", "3"),
    ]
    assert table[-1].startswith("3 pages, ")
