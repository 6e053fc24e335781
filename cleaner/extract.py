"""Evidence from trafilatura: which blocks its main-content extraction kept.

trafilatura is strong on article pages, so its verdict is evidence a filter weighs
(not_main_content). We match its output text back onto our blocks instead of using its
text, so that every dropped block is still ours to explain.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import lxml.etree
import lxml.html
import trafilatura

from cleaner.blocks import Block, words
from cleaner.parse import Verdict

_NOT_ALNUM = re.compile(r"[\W_]+")
# Blocks this short must match a whole paragraph, or (from two words) whole words of one:
# a lone "Share" inside a sentence is not a match.
_SHORT_BLOCK_WORDS = 3


# trafilatura's XML elements that hold one paragraph-like unit of text.
_UNIT_TAGS = frozenset(("p", "head", "item", "quote", "code", "row", "cell", "list"))
# We read trafilatura's XML body, never its text: any output format but "python" (which also
# renders body and comments as text, 3% of its time) leaves the same body and commentsbody.
_NO_TEXT = "txt"


@dataclass(frozen=True, slots=True)
class MainContent:
    """trafilatura's main content as paragraphs, and the share of the page's text it kept."""

    paragraphs: tuple[str, ...]
    kept_share: float


def main_content(tree: lxml.html.HtmlElement, url: str | None, visible_chars: int) -> MainContent:
    """trafilatura's fast extraction, on a copy of `tree` (bare_extraction copies a tree it is
    handed), so the same tree serves the full run and the comment run after it."""
    units = _trafilatura_units(tree, url, fast=True)
    kept = sum(len(unit) for unit in units)
    return MainContent(_lines(units), kept / visible_chars if visible_chars else 0.0)


def full_main_content(tree: lxml.html.HtmlElement, url: str | None) -> tuple[str, ...]:
    """trafilatura's full extraction, with its readability and jusText fallbacks.

    A fallback's HTML can leave an inline element's text between two paragraphs ("<p>remain
    the</p>backbone<p>of the economy"), so one of our blocks spans several units: such runs
    of paragraphs joined by loose text are units too, for those blocks to match."""
    body = _trafilatura_body(tree, url, fast=False)
    return _lines(_units(body) + _runs_joined_by_tails(body)) if body is not None else ()


def comment_paragraphs(tree: lxml.html.HtmlElement, url: str | None) -> tuple[str, ...]:
    """What trafilatura files as comments: on a forum thread, the replies. A separate run,
    because taking comments out first changes what its main extraction keeps; none on a page
    where no element's id or class could name comments, or that declares a forum post (then
    trafilatura puts the replies it finds into the main text). Four in five threads are either."""
    if _declares_forum_posting(tree) or not _may_name_comments(tree):
        return ()
    return _comment_run(tree, url)


def _comment_run(tree: lxml.html.HtmlElement, url: str | None) -> tuple[str, ...]:
    result = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_comments=True, output_format=_NO_TEXT
    )
    if result is None or isinstance(result, dict):
        return ()
    return _lines(_units(result.commentsbody))


# trafilatura files as comments only what it finds in an element whose id or class names
# them (its COMMENTS_XPATH: "comment" in some case, "comol", "disqus_thread", an id starting
# "social"); this finds a superset, for a page without any to skip the run.
_COMMENT_NAMES = re.compile("comment|comol|disqus|social", re.IGNORECASE)


def _may_name_comments(tree: lxml.html.HtmlElement) -> bool:
    """Whether any element's id or class could name comments (every element: trafilatura
    renames some tags, and reads inside <template>, before it looks)."""
    return any(
        _COMMENT_NAMES.search(f"{element.get('id', '')} {element.get('class', '')}")
        for element in tree.iter(lxml.etree.Element)
        if element.attrib
    )


# A JSON-LD @type (alone or in a list) of DiscussionForumPosting: the test trafilatura makes
# to read a page as a thread.
_FORUM_POSTING = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*)?"DiscussionForumPosting"')


def _declares_forum_posting(tree: lxml.html.HtmlElement) -> bool:
    return any(
        script.text and _FORUM_POSTING.search(script.text)
        for script in tree.iterfind('.//script[@type="application/ld+json"]')
    )


def _trafilatura_units(tree: lxml.html.HtmlElement, url: str | None, *, fast: bool) -> list[str]:
    """The texts of trafilatura's paragraphs, headings, items, rows and loose tails."""
    return _units(_trafilatura_body(tree, url, fast=fast))


def _trafilatura_body(
    tree: lxml.html.HtmlElement, url: str | None, *, fast: bool
) -> lxml.etree._Element | None:
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        output_format=_NO_TEXT,
    )
    if result is None or isinstance(result, dict):
        return None
    return result.body


def _units(body: lxml.etree._Element | None) -> list[str]:
    if body is None:
        return []
    for line_break in body.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    units = ["".join(element.itertext()) for element in body.iter(*_UNIT_TAGS)]
    return [unit for unit in units + _loose_text(body) if unit.strip()]


def _runs_joined_by_tails(body: lxml.etree._Element) -> list[str]:
    """The text of each run of sibling elements joined by non-blank tails, in order."""
    runs = []
    for parent in body.iter():
        run: list[str] = []
        for child in parent:
            run.append("".join(child.itertext()))
            if child.tail and child.tail.strip():
                run.append(child.tail)
                continue
            if len(run) > 2:
                runs.append("".join(run))
            run = []
        if len(run) > 2:
            runs.append("".join(run))
    return runs


def _lines(units: Sequence[str]) -> tuple[str, ...]:
    """Each unit, and each of its lines apart, as trafilatura's <lb> splits them."""
    return tuple(line for unit in units for line in (unit, *unit.split("\n")) if line.strip())


def _loose_text(body: lxml.etree._Element) -> list[str]:
    """Text outside every unit element: the body's own text and tails left in non-unit parents."""
    loose = [body.text or ""]
    for element in body.iter():
        tail = element.tail  # looked at first: most elements have none, and then need no parent
        if tail and (parent := element.getparent()) is not None and parent.tag not in _UNIT_TAGS:
            loose.append(tail)
    return loose


def _letters(text: str) -> str:
    """Only letters and digits: trafilatura and we differ on spaces in code, tables and odd
    whitespace (\x85 is a line break to Python), never on the characters themselves.

    Most texts are Latin-1 but for a few quotes and dashes: bytes.translate drops the rest in C,
    three times faster than the regular expression and the same (\\w is str.isalnum, plus "_").
    """
    latin = text.encode("latin-1", _DROP_PUNCTUATION)
    if _BEYOND_LATIN_1 in latin:  # a letter or digit beyond Latin-1 (or a NUL in the text)
        return _NOT_ALNUM.sub("", text)
    return latin.translate(None, _NOT_ALNUM_BYTES).decode("latin-1")


_NOT_ALNUM_BYTES = bytes(code for code in range(256) if not chr(code).isalnum())
_DROP_PUNCTUATION = "cleaner.drop_punctuation"
_BEYOND_LATIN_1 = b"\0"


def _drop_punctuation(error: UnicodeError) -> tuple[str, int]:
    """Non-Latin-1 punctuation and spaces are dropped; a letter or digit is marked with a NUL.

    Marked, not raised: an exception raised here holds this frame in its traceback, and the
    frame holds the exception, a cycle that keeps every caller's frame, and with them the
    page's blocks and its tree, alive until the garbage collector runs."""
    assert isinstance(error, UnicodeEncodeError)
    chunk = error.object[error.start : error.end]
    if len(chunk) == 1:  # a quote or a dash between Latin-1 words: most calls
        return ("\0" if chunk.isalnum() else ""), error.end
    return ("\0" if any(map(str.isalnum, chunk)) else ""), error.end


codecs.register_error(_DROP_PUNCTUATION, _drop_punctuation)


@dataclass(frozen=True, slots=True)
class _MainContent:
    """trafilatura's paragraphs in forms that make "does it contain this block?" fast.
    A NUL joins paragraphs so that no match runs from one paragraph into the next."""

    paragraphs: frozenset[str]  # letters only
    symbols: frozenset[str]  # paragraphs without letters ("___", "* * *"), stripped
    joined: str  # letters only, NUL between paragraphs
    joined_words: str  # words with spaces around each, NUL between paragraphs
    vocabulary: frozenset[str]  # every word of the paragraphs

    @classmethod
    def of(cls, paragraphs: Sequence[str]) -> _MainContent:
        paragraphs = list(dict.fromkeys(paragraphs))  # a one-line unit comes twice (_lines)
        letters = [_letters(paragraph) for paragraph in paragraphs]
        paragraph_words = [words(paragraph) for paragraph in paragraphs]
        spaced = (" " + " ".join(each) + " " for each in paragraph_words)
        symbols = frozenset(p.strip() for p, key in zip(paragraphs, letters, strict=True) if not key)
        vocabulary = frozenset(chain.from_iterable(paragraph_words))
        return cls(frozenset(letters), symbols, "\0".join(letters), "\0".join(spaced), vocabulary)

    def contains(self, text: str, word_count: int) -> bool:
        """Is this block's text (of `word_count` words) inside one of the paragraphs?"""
        key = _letters(text)
        if not key:
            return text.strip() in self.symbols
        if key in self.paragraphs:  # a set lookup first: the scan below grows with the page
            return True
        if word_count > _SHORT_BLOCK_WORDS:
            return key in self.joined
        if word_count < 2:
            return False
        block_words = words(text)
        # A word the paragraphs lack rules a block out without a scan: most short blocks
        # trafilatura left out (menus, buttons, tags) have one.
        return self.vocabulary.issuperset(block_words) and f" {' '.join(block_words)} " in self.joined_words


def positions_within(blocks: Sequence[Block], paragraphs: Sequence[str]) -> frozenset[int]:
    """Positions of the blocks whose text lies inside one of `paragraphs`."""
    if not paragraphs:
        return frozenset()
    found = _MainContent.of(paragraphs)
    return frozenset(
        position for position, block in enumerate(blocks) if found.contains(block.text, block.word_count)
    )


def main_content_verdict(paragraphs: Sequence[str]) -> Verdict:
    """Is a block's text, of so many words, inside one of trafilatura's paragraphs?"""
    return _MainContent.of(paragraphs).contains


def mark_main_content(blocks: Sequence[Block], paragraphs: Sequence[str]) -> list[Block]:
    """Blocks with `in_main_content` set: is this block's text inside one of trafilatura's paragraphs?"""
    verdict = main_content_verdict(paragraphs)
    return [block.judged(verdict(block.text, block.word_count)) for block in blocks]
