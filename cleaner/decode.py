"""Bytes to text, and text to its kind (HTML or a plain-text dump).

Order of trust for the charset: a byte-order mark, strict UTF-8, the charset the server
declared (HTTP Content-Type) and the page's own <meta charset>, then charset-normalizer's
detection. Valid UTF-8 wins over any declaration because servers and templates often declare
ISO-8859-1 by default: decoding real UTF-8 as Latin-1 is the classic mojibake. When the header
and the meta disagree and both decode cleanly, detection chooses between those two only.
Binary files are refused with a DecodeError naming what they look like, rather than cleaned
into garbage.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from charset_normalizer import from_bytes

from cleaner.errors import DecodeError

PageKind = Literal["html", "text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_MARKER = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|table|ul|br)\b",
    re.IGNORECASE,
)


# Browsers decode these labels as windows-1252 (WHATWG Encoding): Latin-1 has no letters at 0x80-0x9F.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}


def decode(raw: bytes, *, declared: str | None = None) -> str:
    """The text of a page given as bytes, or DecodeError if it is binary or undecodable.

    `declared` is the charset the server sent in its Content-Type header, if any.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise DecodeError(f"input is {what}, not a web page")
    if b"\x00" in raw[:4096]:
        raise DecodeError("input is binary (NUL bytes), not a web page")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(raw)
        if mostly is not None:
            return mostly
    meta = _META_CHARSET.search(raw[:4096])
    candidates = _clean_decoders(raw, declared, meta.group(1).decode("ascii") if meta else None)
    if len(candidates) == 1:
        return raw.decode(candidates[0])
    if candidates:  # header and meta disagree: the one whose text reads as a language wins
        vote = from_bytes(raw[:200_000], cp_isolation=candidates).best()
        return raw.decode(vote.encoding if vote else candidates[-1])
    guess = _detected(raw[:200_000])
    if guess is None:
        raise DecodeError("input is not text in any encoding we recognise")
    return raw.decode(guess, errors="replace")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated copy, one pasted Latin-1 character) is still
    UTF-8: multi-byte sequences that decode are rare by chance, and reading the page as a legacy
    encoding would turn every "ü" into mojibake. The text, with U+FFFD for the broken bytes."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    return text if good >= 3 and bad <= good else None  # a legacy page has hardly any good ones


def _detected(raw: bytes) -> str | None:
    """charset-normalizer's best encoding. When windows-1252 reads the bytes exactly as well
    (German text scores the same in windows-1250 and -1252, but "naïve" becomes "naďve"), it
    wins: it is what browsers assume for an unlabelled legacy page (WHATWG Encoding)."""
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence))
    return "cp1252" if any(m.encoding == "cp1252" for m in tied) else best.encoding


def _clean_decoders(raw: bytes, *labels: str | None) -> list[str]:
    """The distinct known codecs among `labels` that decode `raw` without an error.

    A lying or unknown label drops out here and detection takes over.
    """
    found: list[str] = []
    for label in labels:
        if not label:
            continue
        label = label.strip().lower()
        try:
            name = codecs.lookup(_ALIASES.get(label, label)).name
            raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        if name not in found:
            found.append(name)
    return found


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"input starts with a {encoding} byte-order mark but is not {encoding}") from error


def detect_kind(text: str) -> PageKind:
    """'html' when the text carries HTML markup near its start, else 'text'."""
    return "html" if _HTML_MARKER.search(text[:65536]) else "text"
