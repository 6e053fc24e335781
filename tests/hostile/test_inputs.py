"""Hostile pages, generated here (nothing large is committed): each gets a clear answer, fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaner import DecodeError, PageTooLarge, clean
from cleaner.parse import MAX_ELEMENTS
from cleaner.read import MAX_BYTES

SECRET = "cleaner-test-secret-4f1d"


def _quick(page: str | bytes, seconds: float = 10.0) -> str:
    started = time.perf_counter()
    text = clean(page).text
    assert time.perf_counter() - started < seconds
    return text


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<html><body><p>Before &x; after, a sentence long enough to be the body.</p></body></html>"
    )
    assert SECRET not in _quick(page)


def test_entity_expansion_does_not_blow_up() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
        for previous, name in zip("abcdef", "bcdefg", strict=True)
    )
    page = f'<?xml version="1.0"?><!DOCTYPE l [{entities}]><html><body><p>&g;</p></body></html>'
    assert len(_quick(page)) < 1000


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 100_000 + "deep" + "</div>" * 100_000,  # nesting far past the parser's depth limit
        "<p>Visible text in a paragraph.</p><!-- a comment that never closes <p>hidden</p>" * 50,
        "<div><p><b><i>unclosed " * 5_000,
        "<html><body><p>" + "&#0;&#xD800;&#x110000;" * 100 + "</p></body></html>",  # invalid references
    ],
    ids=["deep-nesting", "unclosed-comment", "unclosed-tags", "invalid-char-refs"],
)
def test_malformed_html_finishes_quickly(page: str) -> None:
    _quick(page)


def test_an_unclosed_comment_hides_what_follows_it() -> None:
    text = _quick("<p>Visible text in a paragraph of the page.</p><!-- <p>never shown</p>")
    assert "never shown" not in text


@pytest.mark.parametrize(
    "page",
    [
        b"\x00" * 100,
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    ],
    ids=["nul", "all-bytes", "png", "pdf"],
)
def test_binary_input_is_a_decode_error(page: bytes) -> None:
    with pytest.raises(DecodeError):
        clean(page)


def test_a_page_of_too_many_elements_is_refused_quickly() -> None:
    page = "<html><body>" + "<p>paragraph</p>" * (MAX_ELEMENTS + 1) + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(PageTooLarge, match="elements, more than the 100,000 cleaner reads"):
        clean(page)
    assert time.perf_counter() - started < 10


def test_a_long_ordinary_page_is_not_refused() -> None:
    page = (
        "<html><body>"
        + "<p>A sentence of the page, long enough to count as prose.</p>" * 5_000
        + "</body></html>"
    )
    assert clean(page).text


def test_a_text_run_too_long_for_the_parser_is_refused_not_lost() -> None:
    page = "<html><body><p>" + "word " * 2_200_000 + "</p><p>After the long run.</p></body></html>"
    with pytest.raises(PageTooLarge, match="run of text over 10 MB"):
        clean(page)


@pytest.mark.parametrize("kind", [str, bytes])
def test_a_page_over_the_size_cap_is_refused_before_any_work(kind: type) -> None:
    page = "<p>" + "x" * MAX_BYTES + "</p>"
    started = time.perf_counter()
    with pytest.raises(PageTooLarge, match="more than the 52 MB cleaner reads"):
        clean(page if kind is str else page.encode())
    assert time.perf_counter() - started < 1
