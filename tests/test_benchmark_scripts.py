"""Pure functions of scripts/make_textdumps.py and the text mode of scripts/benchmark.py.

The scripts are not part of the package; these tests need neither ../shared/ nor any dumps.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import benchmark, make_textdumps  # noqa: E402
from scripts.benchmark import c4_keeps, c4_lines, lines_as_paragraphs  # noqa: E402
from scripts.make_textdumps import (  # noqa: E402
    add_noise,
    smallest_container,
    tidy_bs4_text,
    token_spans,
    words,
)

PAGE = """<html><head><title>Site</title></head><body>
<nav>Home News Sport</nav>
<div id="main">
  <article id="story">
    <p id="first">The council approved the new budget on Tuesday after a long debate.</p>
    <p id="second">Residents will see lower fees for waste collection next year.</p>
    <aside id="share">Share this story</aside>
  </article>
  <ul id="related"><li>Another headline here</li></ul>
</div>
<footer>Copyright 2024 Example News</footer>
</body></html>"""


def _container_id(truth: str) -> str | None:
    tree = lxml.html.fromstring(PAGE)
    tokens, spans = token_spans(tree)
    span = smallest_container(tokens, spans, Counter(words(truth)))
    return None if span is None else span.element.get("id") or span.element.tag


# --- C4 line rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("The council approved the new budget on Tuesday.", True),
        ('"We are happy to consider that too," he told reporters."', True),
        ("  Residents will see lower fees next year!  ", True),
        ("Is this the end of the road?", True),
        ("Too short to keep.", False),
        ("A headline without any terminal punctuation at all", False),
        ("This site uses cookies to improve your experience.", False),
        ("Please enable JavaScript to view the comments powered by Disqus.", False),
        ("Read our privacy policy before you sign up today.", False),
        ("By continuing you accept our Cookie Policy and terms.", False),
        ("The bank left its monetary policy unchanged on Thursday.", True),
        ("He said 'no' and walked away from the talks '", False),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", False),
        ("function f() { return the value of it; }.", False),
    ],
)
def test_c4_keeps(line: str, kept: bool) -> None:
    assert c4_keeps(line) is kept


def test_c4_lines_handles_crlf_and_strips() -> None:
    text = "Menu\r\n   The council approved the new budget on Tuesday.\r\n\r\nShare\r\n"
    assert c4_lines(text) == "The council approved the new budget on Tuesday."


def test_lines_as_paragraphs_escapes_and_skips_blank_lines() -> None:
    html = lines_as_paragraphs("a < b & c\r\n\r\n   \n  second line ")
    assert "<p>a &lt; b &amp; c</p>" in html
    assert "<p>second line</p>" in html
    assert html.count("<p>") == 2
    assert lines_as_paragraphs(" \n\t\n") == ""


# --- the container ---------------------------------------------------------------------------------


def test_container_is_the_smallest_element_with_the_truth() -> None:
    first = "The council approved the new budget on Tuesday after a long debate."
    second = "Residents will see lower fees for waste collection next year."
    assert _container_id(first) == "first"
    assert _container_id(f"{first}\n\n{second}") == "story"  # the widget inside comes along
    assert _container_id(f"{first}\n\n{second}\n\nAnother headline here") == "main"


def test_container_threshold_is_relative_to_what_the_page_holds() -> None:
    first = "The council approved the new budget on Tuesday after a long debate."
    assert _container_id(f"{first} words that the page does not hold at all") == "first"


def test_no_container_without_truth_words() -> None:
    assert _container_id("") is None
    assert _container_id("zebra quokka") is None


def test_token_spans_follow_document_order() -> None:
    tree = lxml.html.fromstring("<div>a <b>b c</b> d<i>e</i></div>")
    tokens, spans = token_spans(tree)
    assert tokens == ["a", "b", "c", "d", "e"]
    assert [(s.element.tag, s.start, s.end) for s in spans] == [("b", 1, 3), ("i", 4, 5), ("div", 0, 5)]


# --- noise and tidying -----------------------------------------------------------------------------


def test_noise_is_deterministic_and_keeps_the_words() -> None:
    text = "\n".join(f"line number {i} of the dump" for i in range(40))
    first = add_noise(text, random.Random("0:page"))
    assert first == add_noise(text, random.Random("0:page"))
    assert first != add_noise(text, random.Random("1:page"))
    assert [line.strip() for line in first.splitlines() if line.strip()] == text.splitlines()
    assert any(line.startswith(("\t", " ")) for line in first.splitlines())
    assert len(first.splitlines()) > 40  # extra blank lines


def test_tidy_bs4_text_collapses_blank_runs() -> None:
    assert tidy_bs4_text("\n\nA  \n   \n\n\nB\n  keep indent\n\n") == "A\n\nB\n  keep indent"


def test_out_folder_must_be_outside_the_repository() -> None:
    with pytest.raises(benchmark.BenchmarkError):
        make_textdumps.check_out_folder(ROOT / "dumps")
    make_textdumps.check_out_folder(ROOT.parent / "textdumps")


def test_dumps_keep_crlf_when_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    make_textdumps.write_text(path, make_textdumps.to_crlf("a\nb\n"))
    assert path.read_bytes() == b"a\r\nb\r\n"
    assert benchmark.read_dump(path) == "a\r\nb\r\n"


# --- text-mode summary -----------------------------------------------------------------------------


def test_summarise_text_reports_mb_per_second_against_trafilatura_lines() -> None:
    page = benchmark.Page(id="p", path=Path("p.txt"), url=None, truth="one two three", page_type="article")
    dataset = benchmark.Dataset("wcxb-dev/page-htmltext", "wcxb", (page,))
    run = benchmark.DumpRun(
        "p",
        outputs={"as-is": "one two three menu", "cleaner": "one two three", "trafilatura-lines": "one"},
        seconds={"as-is": 0.0, "cleaner": 0.5, "trafilatura-lines": 1.0},
        errors={},
        size=1_000_000,
    )
    rows = benchmark.summarise_text(dataset, [run], ["as-is", "cleaner", "trafilatura-lines"])
    assert rows["as-is"]["MB/s"] is None
    assert rows["cleaner"]["MB/s"] == pytest.approx(2.0)
    assert rows["cleaner"]["ratio"] == pytest.approx(2.0)
    assert rows["cleaner"]["f1"] == pytest.approx(1.0)
    assert rows["as-is"]["precision"] == pytest.approx(0.75)


def test_make_dumps_writes_every_style() -> None:
    page = benchmark.Page(
        id="p",
        path=Path("p.html.gz"),
        url=None,
        truth="The council approved the new budget on Tuesday after a long debate.",
    )
    dumps = make_textdumps.with_crlf_styles(make_textdumps.make_dumps(page, PAGE, seed=0))
    assert set(dumps) == set(make_textdumps.STYLES)
    assert "Home News Sport" in dumps["page-htmltext"] and "Copyright" in dumps["page-bs4"]
    assert "Home" not in dumps["container-htmltext"]
    assert words(dumps["container-bs4"]) == words(page.truth)
    assert dumps["page-htmltext-crlf"] == dumps["page-htmltext"].replace("\n", "\r\n")


# --- metadata scoring (--metadata) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("  The  Title.  ", "the title"),
        ("«Ｆｕｌｌ Width»", "full width"),  # NFKC folds the full-width letters
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("(Updated) Plan!", "updated) plan"),  # only the ends lose punctuation
        (None, ""),
    ],
)
def test_normalise_field(text: str | None, form: str) -> None:
    assert benchmark.normalise_field(text) == form


@pytest.mark.parametrize(
    ("true", "pred", "match"),
    [
        ("Jeff T. Kaufman", "jeff t kaufman", True),
        ("Kaufman, Jeff T.", "Jeff T. Kaufman", True),  # the same words in another order
        ("Maria & Katerina", "Maria, Katerina", True),
        ("Ann Lee", "Ann Lee, Bo Chan", False),
        ("Ann Lee", None, False),
    ],
)
def test_author_matches_on_exact_form_or_word_set(true: str, pred: str | None, match: bool) -> None:
    assert benchmark.author_matches(true, pred) is match


def test_title_match_needs_the_same_form_and_a_title() -> None:
    assert benchmark.title_matches("Get started", "get started.")
    assert not benchmark.title_matches("Get started", "Get started | Docs")
    assert not benchmark.title_matches(None, None)


@pytest.mark.parametrize(
    ("true", "pred", "match"),
    [
        ("2025-09-04", "2025-09-04T23:30:00-05:00", True),  # the day the page states, not UTC's
        ("2025-09-04", "2025-09-05", False),
        ("2015-11", "2015-11-20", True),  # a month-only truth is matched on its month
        ("2025-09-04", None, False),
        ("2025-09-04", "September 4, 2025", False),  # only ISO 8601 counts
    ],
)
def test_same_day(true: str, pred: str | None, match: bool) -> None:
    assert benchmark.same_day(true, pred) is match


def test_metadata_row_scores_each_field_on_the_pages_that_have_it() -> None:
    def page(page_id: str, page_type: str, **truth: str) -> benchmark.Page:
        return benchmark.Page(
            id=page_id, path=Path(f"{page_id}.html.gz"), url=None, truth="", page_type=page_type, **truth
        )

    pages = [
        page("a", "article", title="A story", author="Ann Lee", date="2024-01-02"),
        page("b", "product", title="Kettle"),
    ]
    found = [
        {"title": "A Story", "author": "Ann Lee", "date": "2024-01-03", "page_type": "article"},
        {"title": "Kettle | Shop", "author": "Shop", "date": None, "page_type": "listing"},
    ]
    row = benchmark.metadata_row(pages, found)
    assert (row["title"], row["author"], row["date"]) == (0.5, 1.0, 0.0)
    assert (row["no author"], row["no date"], row["page type"]) == (0.0, 1.0, 0.5)
    matrix = benchmark.confusion_matrix(pages, found)
    assert matrix["product"]["listing"] == 1 and matrix["article"]["article"] == 1
    assert benchmark.metadata_hit(pages[1], found[1], "date") and not benchmark.metadata_hit(
        pages[1], found[1], "author"
    )
