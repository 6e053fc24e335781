"""Legacy encodings, with and without a meta charset, a meta that lies, and broken bytes:
the right text comes out (no mojibake) or a DecodeError, never a crash."""

from __future__ import annotations

import pytest

from cleaner import DecodeError, clean

SAMPLES = {
    "windows-1252": "Grüße aus Köln: das naïve Café öffnet um acht Uhr, sagte die Besitzerin gestern.",
    "shift_jis": "東京の天気は明日も晴れる見込みで、気温は平年より高くなると気象庁が発表した。",
    "gb18030": "北京今天天气晴朗，气温较高，市民纷纷外出游玩，公园里人很多。",
    "koi8-r": "Съешь же ещё этих мягких французских булок, да выпей чаю, сказал он вчера.",
}


def _page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p><p>{text}</p></body></html>"


@pytest.mark.parametrize("encoding", SAMPLES)
@pytest.mark.parametrize("declared", [True, False], ids=["meta", "no-meta"])
def test_legacy_encodings_come_out_as_the_right_text(encoding: str, declared: bool) -> None:
    text = SAMPLES[encoding]
    raw = _page(text, encoding if declared else None).encode(encoding)
    assert text in clean(raw).text


@pytest.mark.parametrize("encoding", ["windows-1252", "shift_jis", "koi8-r"])
def test_a_meta_charset_that_lies_does_not_win_over_valid_utf8(encoding: str) -> None:
    text = SAMPLES[encoding]
    raw = _page(text, encoding).encode("utf-8")  # says legacy, is UTF-8
    assert text in clean(raw).text


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    raw = "<p>Ein Satz mit Umlauten: Grüße aus Köln, schöne Straße.</p>".encode() + b"\xff\xfe<p>weiter</p>"
    text = clean(raw).text
    assert "Grüße aus Köln, schöne Straße." in text and "\ufffd" in text


@pytest.mark.parametrize(
    "raw",
    [
        b"<p>caf\xc3</p><p>truncated sequence at the end \xe2\x82",
        b"\xef\xbb\xbf<p>BOM then an invalid byte \x80 in the middle of a sentence.</p>",
        bytes(range(0x80, 0x100)) * 8,
    ],
    ids=["truncated-sequence", "bom-and-invalid", "high-bytes"],
)
def test_invalid_byte_sequences_give_text_or_a_decode_error(raw: bytes) -> None:
    try:
        clean(raw)
    except DecodeError as error:
        assert str(error)
