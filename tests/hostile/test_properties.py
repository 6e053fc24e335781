"""Property-based tests of clean(): whatever comes in, a Document or a CleanerError comes out."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import CleanerError, Document, clean

# Bounded so that CI stays fast; each property still sees odd bytes, markup and unicode.
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TAGS = ("p", "div", "span", "a", "li", "ul", "h1", "h2", "table", "tr", "td", "script", "style", "br")
_fragments = st.one_of(
    st.sampled_from([f"<{tag}>" for tag in _TAGS] + [f"</{tag}>" for tag in _TAGS]),
    st.sampled_from(
        ["<!--", "-->", "&amp;", "&#0;", "&#x1F600;", "<?xml version='1.0'?>", "<![CDATA[", "\x00"]
    ),
    st.text(min_size=1, max_size=40),
)
html_like = st.lists(_fragments, max_size=40).map("".join)


def _document_or_error(page: str | bytes) -> Document | None:
    try:
        return clean(page)
    except CleanerError:
        return None


@PROPERTY_SETTINGS
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300), html_like))
def test_any_input_gives_a_document_or_a_cleaner_error(page: str | bytes) -> None:
    result = _document_or_error(page)
    assert result is None or isinstance(result, Document)


@PROPERTY_SETTINGS
@given(html_like)
def test_cleaning_is_deterministic(page: str) -> None:
    assert _document_or_error(page) == _document_or_error(page)


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60))
def test_script_and_style_never_reach_the_text(secret: str) -> None:
    marker = f"SECRET{abs(hash(secret))}MARKER"
    page = (
        f"<html><head><style>.{marker} {{}}</style></head><body><p>Visible paragraph text.</p>"
        f"<script>var x = '{marker}';</script><style>{marker}</style></body></html>"
    )
    document = clean(page)
    assert marker not in document.text


@PROPERTY_SETTINGS
@given(html_like)
def test_cleaning_a_cleaned_dump_again_changes_nothing(page: str) -> None:
    document = _document_or_error(page)
    if document is None or not document.text:
        return
    once = clean(document.text, kind="text").text
    assert clean(once, kind="text").text == once


@pytest.mark.parametrize("page", ["", " ", "\n\n", "<html></html>", "<p></p>"])
def test_empty_pages_are_empty_documents(page: str) -> None:
    assert clean(page).text == ""
