"""The nouns filters see: a Block, and the segmentation of a plain-text dump into blocks.

A block is one paragraph-like unit (jusText's idea). HTML pages become blocks in parse.py;
text dumps become blocks here, one per non-blank line, because naive scrapers put each
element on its own line. Both kinds then pass through the same filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "code", "table_row"]

# CJK scripts do not separate words with spaces, so each character counts as a word.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
# Sentence-final marks in the major scripts, optionally followed by closing quotes/brackets.
_SENTENCE_END = frozenset(".!?…;:。！？؟।»\"'”’」』)]")
_TERMINAL = re.compile(r"[.!?…。！？؟।]")
_CAMEL_GLUE = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_]{2})")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of a page and what is known about it.

    `path` is a DOM address like ``body>main>p`` or ``line 12`` for text dumps. DOM facts
    (tag, link_chars, hints, hidden, ancestors) stay empty for text dumps. `in_main_content` is
    the verdict on this block of trafilatura's extraction (None when not asked, as for dumps),
    or of a structure rule, which then says why in `rescued`, or of the block scorer (`scored`).
    """

    text: str
    index: int
    path: str
    kind: BlockKind = "paragraph"
    tag: str | None = None
    link_chars: int = 0
    hints: str = ""
    hidden: bool = False
    in_main_content: bool | None = None
    rescued: str = ""  # why a structure rule put this block in the main content ("" if none did)
    scored: str = ""  # the block scorer's verdict and the features that decided it ("" if it did not judge)
    ancestors: tuple[int, ...] = field(default=(), repr=False)  # Node numbers, outermost first
    word_count: int = field(default=-1, repr=False, compare=False)  # counted once: filters ask often
    sentence_like: bool = field(default=False, init=False, repr=False, compare=False)  # as is_prose asks

    def __post_init__(self) -> None:
        if self.word_count < 0:
            object.__setattr__(self, "word_count", len(_WORD.findall(self.text)))
        sentence_like = self.ends_like_sentence or len(_TERMINAL.findall(self.text)) >= 2
        object.__setattr__(self, "sentence_like", sentence_like)

    def judged(self, in_main_content: bool) -> Block:
        """This block with an extraction's verdict. A slot-by-slot copy: dataclasses.replace would
        re-run __init__ and the counts, for every block of every page (8% of the time on WCXB)."""
        clone = object.__new__(Block)
        for name in Block.__slots__:
            object.__setattr__(clone, name, getattr(self, name))
        object.__setattr__(clone, "in_main_content", in_main_content)
        return clone

    def scored_as(self, in_main_content: bool, reason: str) -> Block:
        """This block as the block scorer judged it: its verdict replaces any rescue."""
        clone = self.judged(in_main_content)
        object.__setattr__(clone, "rescued", "")
        object.__setattr__(clone, "scored", reason)
        return clone

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def ends_like_sentence(self) -> bool:
        return self.text.rstrip()[-1:] in _SENTENCE_END

    def is_prose(self, min_words: int = 6) -> bool:
        """A sentence-like block: enough words and a sentence mark at the end or inside."""
        return self.word_count >= min_words and self.sentence_like


def words(text: str) -> list[str]:
    """The words of a text, CJK characters counted one by one."""
    return _WORD.findall(text)


def unglue(text: str) -> str:
    """Put spaces where a scraper glued two elements together ("StandardsDiscussion", "GMT29")."""
    return _CAMEL_GLUE.sub(" ", text)


def text_blocks(text: str) -> list[Block]:
    """One block per line of a text dump, stripped of indentation, with continuation lines joined.

    Scrapers that put every element on its own line (BeautifulSoup's get_text("\\n")) split
    sentences at each link or <code>: a line that starts in lower case or with closing
    punctuation continues the line before it, unless that one ended a sentence. Blank lines do
    not stop the join: the same scrapers scatter them. Measured on make_textdumps.py's bs4 dumps:
    WCXB container 0.868 -> 0.881 and page 0.744 -> 0.763, the other styles unchanged or better.
    """
    lines: list[tuple[str, int, int]] = []  # text, first and last line number
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if lines and _continues(lines[-1][0], stripped):
            previous, first, _ = lines[-1]
            glue = "" if stripped[0] in _CLOSING else " "
            lines[-1] = (previous + glue + stripped, first, number)
        else:
            lines.append((stripped, number, number))
    return [
        Block(text=line, index=index, path=f"line {first}" if first == last else f"lines {first}-{last}")
        for index, (line, first, last) in enumerate(lines)
    ]


_CLOSING = frozenset(",.;:)]’'”!?%")


def _continues(previous: str, line: str) -> bool:
    """Whether `line` goes on with the sentence `previous` left open. Not after a headline
    (mostly capitalised words: a related link, then a tag list in lower case, are two lines),
    and not before a brand in mixed case ("eZ Systems", "iPhone") that opens a paragraph."""
    if previous[-1] in _SENTENCE_END:
        return False
    first = line.split(maxsplit=1)[0]
    if not (first[0] in _CLOSING or first.islower()):
        return False
    previous_words = previous.split()
    capitalised = sum(1 for word in previous_words if word[:1].isupper())
    return len(previous_words) < 3 or capitalised < 0.6 * len(previous_words)
