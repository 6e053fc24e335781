"""Metadata read from markup: JSON-LD, Open Graph, <meta>, <time>, <title>, with sources."""

from __future__ import annotations

from datetime import date

from cleaner.markup import read_markup
from cleaner.parse import parse_html

TODAY = date(2026, 1, 1)


def found(head: str, body: str = "", url: str | None = None) -> dict[str, tuple[object, str]]:
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return read_markup(tree, url, today=TODAY).fields


def test_json_ld_article_wins_and_names_its_source() -> None:
    result = found(
        """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": "NewsArticle", "headline": "Ministers meet", "datePublished": "2021-03-04T10:00:00Z",
         "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],
         "publisher": {"name": "Example News"}, "keywords": ["arms control", "trade"]}]}</script>
        <meta name="author" content="Someone Else">"""
    )
    assert result["author"] == ("Jane Doe, John Roe", "json-ld")
    assert result["date"] == ("2021-03-04T10:00:00+00:00", "json-ld")
    assert result["sitename"] == ("Example News", "json-ld")
    assert result["title"] == ("Ministers meet", "json-ld")
    assert result["tags"] == (("arms control", "trade"), "meta keywords")


def test_open_graph_and_meta_fallbacks() -> None:
    result = found(
        """<meta property="og:title" content="Ministers meet in Washington | Example News">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2020-01-29">
        <meta name="author" content="https://example.com/staff/jane">
        <meta name="description" content="Talks on arms control.">
        <link rel="canonical" href="/world/ministers">""",
        url="https://example.com/world/ministers?utm=x",
    )
    assert result["title"] == ("Ministers meet in Washington", "meta og:title")
    assert result["date"] == ("2020-01-29", "meta article:published_time")
    assert "author" not in result  # a URL is not a name
    assert result["description"] == ("Talks on arms control.", "meta description")
    assert result["url"] == ("https://example.com/world/ministers", "link canonical")


def test_visible_h1_contained_in_the_title_is_the_title() -> None:
    result = found(
        "<title>First Trip to Japan - Travel Forum - Example</title>", "<h1>First Trip to Japan</h1>"
    )
    assert result["title"] == ("First Trip to Japan", "h1")


def test_implausible_or_broken_values_are_refused() -> None:
    result = found(
        """<script type="application/ld+json">{"@type": "Article", "datePublished": "2099-01-01"</script>
        <meta name="date" content="1970-01-01"><meta name="pubdate" content="555-1234">""",
        "<time datetime='2019-05-06'>May 6</time>",
    )
    assert result["date"] == ("2019-05-06", "time")
    assert found("") == {}
