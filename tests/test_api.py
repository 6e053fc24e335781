"""The public API: clean() on str, bytes, both kinds, and the Document it returns."""

from __future__ import annotations

import gc
import json
import pickle
import time
from collections.abc import Sequence
from dataclasses import FrozenInstanceError, replace
from typing import ClassVar

import pytest

import cleaner
from cleaner import DEFAULT_FILTERS, DecodeError, Document, PageTimeout, clean
from cleaner.blocks import Block
from cleaner.filters import OutsideBody

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><title>Ministers meet in Washington | Example News</title>
<meta property="og:title" content="Ministers meet in Washington">
<meta name="author" content="Jane Doe"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers meet in Washington</h1>
<p>The two foreign ministers met in Washington on Tuesday to discuss arms control, trade and other issues.</p>
<p>They agreed to continue the dialogue and to meet again in the spring, officials said after the talks.</p>
<h2>Arms control</h2>
<p>Both sides said they were ready to consider new proposals on arms control in the coming months.</p>
<ul><li>New treaty talks are planned for the spring of next year.</li><li>Experts will meet in Geneva first to prepare.</li></ul>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""

DUMP = """Home
World
12 March 2023
Share
The two foreign ministers met in Washington on Tuesday to discuss arms control, trade and other issues.
They agreed to continue the dialogue and to meet again in the spring, officials said after the talks.
Ministers Agree To Meet Again In Spring
Trade Talks Stall Over Tariffs Again
arms control, trade, diplomacy, Washington
"""


def test_exports_are_complete() -> None:
    public = {
        name for name in vars(cleaner) if (not name.startswith("_") and name[0].isupper()) or name == "clean"
    }
    assert set(cleaner.__all__) == public
    assert len(cleaner.__all__) == len(set(cleaner.__all__))


def test_clean_html_keeps_body_in_order_and_drops_furniture() -> None:
    doc = clean(ARTICLE_HTML, url="https://example.com/a")
    assert doc.source_kind == "html"
    assert (
        doc.text.index("The two foreign ministers")
        < doc.text.index("Arms control")
        < doc.text.index("- Experts")
    )
    assert "Copyright" not in doc.text and "Privacy policy" not in doc.text and "Home" not in doc.text
    assert doc.title == "Ministers meet in Washington"
    assert doc.author == "Jane Doe"
    assert doc.language == "en"
    assert doc.url == "https://example.com/a"
    footer = [r for r in doc.removed if "Copyright" in r.text]
    assert footer and footer[0].filter == "not_main_content" and footer[0].reason


def test_clean_text_dump_turns_cruft_into_metadata() -> None:
    doc = clean(DUMP)
    assert doc.source_kind == "text"
    assert doc.text == (
        "The two foreign ministers met in Washington on Tuesday to discuss arms control, trade and other issues."
        "\n\nThey agreed to continue the dialogue and to meet again in the spring, officials said after the talks."
    )
    assert doc.date == "2023-03-12"
    assert doc.tags == ("arms control", "trade", "diplomacy", "Washington")
    assert {r.filter for r in doc.removed} == {
        "outside_prose_run",  # "Home", "World", "Share": a side of the body with menu signs
        "dateline",
        "related_headlines",
        "tag_list",
    }
    assert dict(doc.sources) == {"date": "dateline", "tags": "tag_list"}


def test_bytes_and_str_give_the_same_document() -> None:
    assert clean(DUMP.encode("utf-16")) == clean(DUMP)
    assert clean(ARTICLE_HTML.encode()) == clean(ARTICLE_HTML)


def test_kind_override() -> None:
    assert clean(ARTICLE_HTML, kind="text").source_kind == "text"
    assert "<p>" not in clean(ARTICLE_HTML, kind="html").text
    with pytest.raises(ValueError, match="kind"):
        clean(DUMP, kind="pdf")  # type: ignore[arg-type]


def test_empty_input_is_an_empty_document_not_an_error() -> None:
    for page in ("", "   \n", b"", "<html></html>"):
        doc = clean(page)
        assert doc.text == "" and doc.removed == ()


def test_binary_input_raises_decode_error_and_wrong_types_type_error() -> None:
    with pytest.raises(DecodeError):
        clean(b"%PDF-1.4 binary")
    with pytest.raises(TypeError):
        clean(42)  # type: ignore[arg-type]


def test_filters_are_the_configuration() -> None:
    without = tuple(f for f in DEFAULT_FILTERS if f.name not in ("outside_body", "outside_prose_run"))
    assert "Home" in clean(DUMP, filters=without).text
    tuned = tuple(replace(f, max_words=0) if isinstance(f, OutsideBody) else f for f in without)
    assert "Home" in clean(DUMP, filters=tuned).text
    assert clean(DUMP, filters=()).text.startswith("Home")


def test_every_dropped_block_is_explained() -> None:
    doc = clean(DUMP)
    kept = doc.text.split("\n\n")
    lines = [line for line in DUMP.splitlines() if line.strip()]
    assert len(kept) + len(doc.removed) == len(lines)
    assert all(r.filter and r.reason and r.path.startswith("line ") for r in doc.removed)


def test_renderings() -> None:
    doc = clean(ARTICLE_HTML)
    data = doc.to_dict()
    assert set(data) == {
        "source_kind",
        "text",
        "title",
        "author",
        "date",
        "url",
        "sitename",
        "description",
        "language",
        "tags",
        "authors",
        "date_modified",
        "image",
        "page_type",
        "page_type_confidence",
    }
    assert data["page_type"] in ("article", "other") and data["authors"] == list(doc.authors)
    explained = json.loads(doc.to_json(explain=True))
    assert explained["removed"] and explained["sources"]["title"]
    markdown = doc.to_markdown()
    assert markdown.startswith("# Ministers meet in Washington")
    assert "## Arms control" in markdown and "- Experts will meet" in markdown
    assert isinstance(doc, Document)


def test_meta_keywords_become_separate_tags() -> None:
    page = ARTICLE_HTML.replace(
        "</head>", '<meta name="keywords" content="arms control, trade,diplomacy"></head>'
    )
    assert clean(page).tags == ("arms control", "trade", "diplomacy")


def test_metadata_is_read_when_first_asked_for_and_is_the_same() -> None:
    """clean() leaves the metadata to the first field asked for; a timeout reads it at once,
    within the budget. Either way the Document is the same, and stays frozen."""
    later, at_once = clean(ARTICLE_HTML), clean(ARTICLE_HTML, timeout=60)
    assert at_once._metadata_reader is None and later._metadata_reader is not None
    assert later.title == "Ministers meet in Washington" and later.author == "Jane Doe"
    assert later._metadata_reader is None  # the parsed page it held is gone
    assert later == at_once and later.to_json(explain=True) == at_once.to_json(explain=True)
    assert clean(ARTICLE_HTML) == at_once and repr(clean(ARTICLE_HTML)) == repr(at_once)
    assert pickle.loads(pickle.dumps(clean(ARTICLE_HTML))) == at_once
    with pytest.raises(FrozenInstanceError):
        clean(ARTICLE_HTML).title = "Another"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        _ = clean(ARTICLE_HTML).headline  # type: ignore[attr-defined]


def test_a_bug_in_the_metadata_costs_neither_the_text_nor_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr("cleaner.pipeline.collect", broken)
    document = clean(ARTICLE_HTML)
    assert document.text.startswith("The two foreign ministers met in Washington on Tuesday")
    assert document.title is None and document.tags == ()
    sources = dict(document.sources)
    assert sources["metadata"] == "internal error (KeyError: 'oops'); please report it with this page"
    assert sources["text"].startswith("trafilatura")


def test_a_timeout_covers_the_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        until = time.perf_counter() + 10
        while time.perf_counter() < until:  # Python steps, where the budget's raise lands
            pass

    monkeypatch.setattr("cleaner.pipeline.collect", slow)
    started = time.perf_counter()
    with pytest.raises(PageTimeout):
        clean(ARTICLE_HTML, timeout=0.5)
    assert time.perf_counter() - started < 5


def test_clean_pauses_the_garbage_collector_and_leaves_it_as_it_found_it() -> None:

    seen: list[bool] = []

    class Probe:  # a filter that notes whether the collector runs while the page is cleaned
        name: ClassVar[str] = "probe"
        removes: ClassVar[str] = "nothing"
        why: ClassVar[str] = "it only looks"

        def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
            seen.append(gc.isenabled())
            return [None] * len(blocks)

    assert gc.isenabled()
    clean("<p>A paragraph of text to keep, long enough to count.</p>", filters=(Probe(),))
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        clean("<p>Another page, cleaned with the collector already off.</p>")
        assert not gc.isenabled()  # a caller's choice stands
    finally:
        gc.enable()
