from __future__ import annotations

import codecs

import pytest

from cleaner.decode import decode, detect_kind
from cleaner.errors import DecodeError

TEXT = "Grüße aus Köln – naïve café"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_decode_reads_unicode_encodings(raw: bytes) -> None:
    assert decode(raw) == TEXT


def test_decode_trusts_meta_charset_when_bytes_are_not_utf8() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{TEXT[:16]}</p></body></html>'
    assert TEXT[:16] in decode(page.encode("cp1252"))


def test_decode_detects_legacy_encodings_without_meta() -> None:
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5
    assert decode(text.encode("koi8-r")) == text


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"abc\x00\x00\x00def", "NUL"),
    ],
)
def test_decode_refuses_binary_input_naming_what_it_is(raw: bytes, what: str) -> None:
    with pytest.raises(DecodeError, match=what):
        decode(raw)


def test_detect_kind() -> None:
    assert detect_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_kind("<p>fragment</p>") == "html"
    assert detect_kind("Plain line one.\nPlain line two, with a < sign.") == "text"


RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 3


@pytest.mark.parametrize(
    ("page", "header"),
    [
        (f'<meta charset="utf-8"><p>{TEXT}</p>'.encode(), "iso-8859-1"),  # valid UTF-8 beats a Latin-1 header
        (
            f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("cp1252"),
            "utf-8",
        ),  # header fails, meta decodes
        (
            f'<meta charset="koi8-r"><p>{RUSSIAN}</p>'.encode("koi8-r"),
            "windows-1251",
        ),  # both decode: detection votes
        (f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'.encode("cp1251"), "koi8-r"),
    ],
)
def test_a_lying_header_charset_gives_way_to_the_right_meta(page: bytes, header: str) -> None:
    text = decode(page, declared=header)
    assert TEXT in text or RUSSIAN in text


def test_header_charset_is_used_when_the_page_declares_none() -> None:
    assert decode(RUSSIAN.encode("cp1251"), declared="windows-1251") == RUSSIAN
    assert decode("naïve café".encode("cp1252"), declared="ISO-8859-1") == "naïve café"
