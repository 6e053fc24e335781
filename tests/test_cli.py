"""The command line, run as a real subprocess the way users run it."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.test_compressed import gzip_bomb
from tests.hostile.test_timeout import SLOW_PAGE
from tests.http_server import serve
from tests.test_api import ARTICLE_HTML, DUMP

SEED = Path(__file__).resolve().parent.parent / "golden" / "seed-sputnik-text"


def run(
    *args: str | Path, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (folder / "sub" / "dump.txt").write_text(DUMP, encoding="utf-8")
    (folder / "sub" / "zipped.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    (folder / "ignored.css").write_text("body {}", encoding="utf-8")
    return folder


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "cleaner"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "cleaner" in result.stdout


def test_page_to_stdout_as_text() -> None:
    result = run(SEED / "input.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (SEED / "expected.txt").read_text(encoding="utf-8")


def test_json_with_explain(pages: Path) -> None:
    result = run(pages / "sub" / "dump.txt", "--format", "json", "--explain")
    data = json.loads(result.stdout)
    assert data["date"] == "2023-03-12" and data["tags"][0] == "arms control"
    assert {r["filter"] for r in data["removed"]} >= {"dateline", "tag_list"}
    plain = json.loads(run(pages / "sub" / "dump.txt", "--format", "json").stdout)
    assert "removed" not in plain


def test_explain_format_lists_removals_with_reasons() -> None:
    result = run(SEED / "input.txt", "--format", "explain")
    lines = result.stdout.splitlines()
    assert "# removed 9 blocks" in lines
    assert (
        "dateline\tline 1\tnear the top, 5 words, date 2020-01-29T05:26:00+00:00\t05:26 GMT29 January 2020"
        in lines
    )


def test_stdin_kind_and_url(tmp_path: Path) -> None:
    result = run(
        "-", "--kind", "text", "--format", "json", "--url", "https://example.com/x", stdin=DUMP.encode()
    )
    data = json.loads(result.stdout)
    assert data["source_kind"] == "text" and data["url"] == "https://example.com/x"


def test_folder_in_folder_out(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(pages, "-o", out)
    assert result.returncode == 0, result.stderr
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert written == ["article.txt", "sub/dump.txt", "sub/zipped.txt"]
    assert "The two foreign ministers" in (out / "sub" / "zipped.txt").read_text(encoding="utf-8")
    assert "cleaned 3 page(s)" in result.stderr


def test_a_bad_page_in_a_folder_is_reported_and_the_rest_written(pages: Path, tmp_path: Path) -> None:
    (pages / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    out = tmp_path / "out"
    result = run(pages, "-o", out, "--format", "json")
    assert result.returncode == 1
    assert "broken.html: input is a PNG image, not a web page" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "article.json").exists() and (out / "sub" / "dump.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"%PDF-1.5\n%binary", "input is a PDF document, not a web page"),
        (b"\x00\x01\x02\x03" * 50, "binary (NUL bytes)"),
    ],
)
def test_bad_input_gives_one_line_error_and_nonzero_exit(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    page = tmp_path / "page.html"
    if content is not None:
        page.write_bytes(content)
    result = run(page)
    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        result.stderr.count("\n") == 1 and result.stderr.startswith("cleaner: ") and message in result.stderr
    )


def test_a_gzip_bomb_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip_bomb(20))
    result = run(bomb)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"cleaner: {bomb}: decompresses more than 100:1 (")
    assert result.stderr.endswith("), refused as a likely gzip bomb\n") and result.stderr.count("\n") == 1


def test_a_page_past_its_page_timeout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    slow = tmp_path / "slow.html"
    slow.write_text(SLOW_PAGE, encoding="utf-8")
    result = run(slow, "--page-timeout", "0.5")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"cleaner: {slow}: cleaning took longer than 0.5 s (--page-timeout)\n"
    quick = run(SEED / "input.txt", "--page-timeout", "30")
    assert quick.returncode == 0 and quick.stdout == run(SEED / "input.txt").stdout
    assert run(slow, "--page-timeout", "0").returncode == 2


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("clean").returncode == 2
    assert run("a.html", "b.html").returncode == 2  # several pages need -o
    assert run("a.html", "--format", "yaml").returncode == 2


def test_skip_and_rules(tmp_path: Path) -> None:
    skipped = run(
        SEED / "input.txt", "--skip", "widget_phrase", "--skip", "outside_prose_run", "--skip", "outside_body"
    )
    assert "Listen Live" in skipped.stdout
    unknown = run(SEED / "input.txt", "--skip", "no_such_filter")
    assert unknown.returncode == 1 and "unknown filter name(s): no_such_filter" in unknown.stderr
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'skip = ["dateline", "outside_prose_run", "outside_body"]\nwidget_phrases = ["denuclearization of north korea"]\n',
        encoding="utf-8",
    )
    result = run(SEED / "input.txt", "--rules", rules)
    assert "05:26 GMT29 January 2020" in result.stdout
    assert "Denuclearization of North Korea" not in result.stdout
    rules.write_text("skip = 3\n", encoding="utf-8")
    bad = run(SEED / "input.txt", "--rules", rules)
    assert bad.returncode == 1 and "skip must be a list of strings" in bad.stderr


def test_list_filters_names_every_filter() -> None:
    from cleaner import DEFAULT_FILTERS

    result = run("--list-filters")
    assert result.returncode == 0
    for step in DEFAULT_FILTERS:
        assert step.name in result.stdout and step.removes in result.stdout


def test_golden_check_update_and_add(tmp_path: Path, pages: Path) -> None:
    folder = tmp_path / "golden"
    added = run("golden", "add", folder, "dump-case", pages / "sub" / "dump.txt")
    assert added.returncode == 0, added.stderr
    assert sorted(p.name for p in (folder / "dump-case").iterdir()) == [
        "expected.json",
        "expected.txt",
        "input.txt",
    ]
    assert run("golden", "check", folder).stdout.strip().endswith("1 passed, 0 failed")

    expected = folder / "dump-case" / "expected.txt"
    expected.write_text(expected.read_text(encoding="utf-8").replace("Tuesday", "Monday"), encoding="utf-8")
    failed = run("golden", "check", folder)
    assert failed.returncode == 1
    assert "-The two foreign ministers met in Washington on Monday" in failed.stdout
    assert "+The two foreign ministers met in Washington on Tuesday" in failed.stdout

    updated = run("golden", "update", folder)
    assert "dump-case: updated expected.txt" in updated.stdout
    assert run("golden", "check", folder, "dump-case").returncode == 0


def test_golden_check_fails_on_missing_expectations_and_stray_files(tmp_path: Path) -> None:
    case = tmp_path / "golden" / "new-case"
    case.mkdir(parents=True)
    (case / "input.txt").write_text(DUMP, encoding="utf-8")
    missing = run("golden", "check", tmp_path / "golden")
    assert missing.returncode == 1 and "expected.txt is missing" in missing.stdout
    run("golden", "update", tmp_path / "golden")
    (case / "notes.txt").write_text("stray", encoding="utf-8")
    stray = run("golden", "check", tmp_path / "golden")
    assert stray.returncode == 1 and "unknown file(s) notes.txt" in stray.stdout
    assert run("golden", "check", tmp_path / "nowhere").returncode == 1


# Runs the real CLI with clean() replaced by one that fails on one page, as a bug would.
BROKEN_CLEAN = """
import sys
import cleaner.cli as cli
real_clean = cli.clean
def broken(raw, **options):
    if b"boom" in raw:
        raise RuntimeError("a bug in a filter")
    return real_clean(raw, **options)
cli.clean = broken
cli.main(args=sys.argv[1:], prog_name="cleaner")
"""


def test_an_unexpected_error_is_one_line_and_the_folder_goes_on(tmp_path: Path, pages: Path) -> None:
    (pages / "boom.txt").write_text(
        "boom\\nThis page trips a bug somewhere in the pipeline.", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-c", BROKEN_CLEAN, str(pages), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        "boom.txt: internal error (RuntimeError: a bug in a filter); please report it with this page"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "article.txt").exists() and (tmp_path / "out" / "sub" / "dump.txt").exists()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as (base, _):
        yield base


def test_a_url_is_fetched_and_cleaned(site: str) -> None:
    result = run(f"{site}/hop1", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == f"{site}/article" and "The two foreign ministers" in data["text"]


def test_a_failed_url_is_one_line_naming_it(site: str) -> None:
    result = run(f"{site}/trickle", "--timeout", "0.5")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"cleaner: {site}/trickle: took longer than 0.5 s in total (--timeout)\n"
    assert run(f"{site}/article", "--max-bytes", "lots").returncode == 2


def test_fetch_writes_cleaned_and_raw_pages_and_reports_failures(site: str, tmp_path: Path) -> None:
    urls = [f"{site}/article", f"{site}/gzip", f"{site}/missing", f"{site}/bomb"]
    result = run("fetch", *urls, "-o", tmp_path / "out", "--save-raw", tmp_path / "raw", "--max-bytes", "1MB")
    assert result.returncode == 1
    host = site.removeprefix("http://").replace(":", "_")
    assert sorted(p.name for p in (tmp_path / "out" / host).iterdir()) == ["article.txt", "gzip.txt"]
    assert "The two foreign ministers" in (tmp_path / "out" / host / "article.txt").read_text(
        encoding="utf-8"
    )
    assert (tmp_path / "raw" / host / "gzip.html").read_bytes() == ARTICLE_HTML.encode()
    errors = result.stderr.splitlines()
    assert f"cleaner: {site}/missing: HTTP 404 Not Found" in errors
    assert f"cleaner: {site}/bomb: body exceeds 1,048,576 bytes after decompression (--max-bytes)" in errors
    assert errors[-1] == f"cleaned 2 page(s) into {tmp_path / 'out'}, 2 failed"
