"""Evidence from trafilatura: which blocks its main-content extraction kept.

trafilatura is strong on article pages, so its verdict is evidence a filter weighs
(not_main_content). We match its output text back onto our blocks instead of using its
text, so that every dropped block is still ours to explain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import lxml.html
import trafilatura

from cleaner.blocks import Block, words

_TABLE_OR_BULLET = re.compile(r"^\s*(?:[-*•]\s+)|\s*\|\s*")
# Blocks this short must match a whole output line, or (from two words) whole words of it:
# a lone "Share" inside a sentence is not a match.
_SHORT_BLOCK_WORDS = 3


def main_text(tree: lxml.html.HtmlElement, url: str | None) -> str:
    """trafilatura's main-content text for the page. It prunes `tree`: segment before calling."""
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True
    )
    if result is None or isinstance(result, dict):
        return ""
    return result.text or ""


def _normalise(text: str) -> str:
    return " ".join(_TABLE_OR_BULLET.sub(" ", text).split())


def mark_main_content(blocks: Sequence[Block], main_text: str) -> list[Block]:
    """Blocks with `in_main_content` set: does trafilatura's output contain this block's text?"""
    lines = "\n" + "\n".join(_normalise(line) for line in main_text.splitlines()) + "\n"
    flat = " " + _normalise(main_text) + " "  # trafilatura keeps the source's line breaks
    flat_words = " " + " ".join(words(main_text)) + " "
    return [replace(block, in_main_content=_found(block, lines, flat, flat_words)) for block in blocks]


def _found(block: Block, lines: str, flat: str, flat_words: str) -> bool:
    key = _normalise(block.text)
    if block.word_count > _SHORT_BLOCK_WORDS:
        return key in flat
    if f"\n{key}\n" in lines:
        return True
    return block.word_count > 1 and f" {' '.join(words(key))} " in flat_words
