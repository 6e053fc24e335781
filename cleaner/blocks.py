"""The nouns filters see: a Block, and the segmentation of a plain-text dump into blocks.

A block is one paragraph-like unit (jusText's idea). HTML pages become blocks in parse.py;
text dumps become blocks here, one per non-blank line, because naive scrapers put each
element on its own line. Both kinds then pass through the same filters.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain, compress, count, repeat
from operator import attrgetter, call, contains, itemgetter, not_
from typing import Literal, TypeVar

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "code", "table_row"]
Lines = tuple[list[str], list[int], list[int]]  # a dump's line texts, first and last line numbers

# CJK scripts do not separate words with spaces, so each character counts as a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_CJK}]|[^\\W_]+")
# Sentence-final marks in the major scripts, optionally followed by closing quotes/brackets.
_SENTENCE_END = frozenset(".!?…;:。！？؟।»\"'”’」』)]")
# A closing quote or bracket ends a sentence only after a sentence mark ("... he said.”"), not
# after a word or a number: "Reports: Rudolph will be fined (145)" is a teaser with a count.
_CLOSERS = "»\"'”’」』)]"
_SENTENCE_MARKS = frozenset(".!?…;:。！？؟।")
_TERMINAL_MARKS = ".!?…。！？؟।"
PROSE_WORDS = 6  # a sentence-like block of this many words is prose (Block.prose)
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
    # The <nav> element the block lies in ("nav.site-menu"), however far above its short path.
    nav: str = field(default="", repr=False)
    word_count: int = field(default=-1, repr=False, compare=False)  # counted once: filters ask often
    sentence_like: bool = field(default=False, init=False, repr=False, compare=False)  # as is_prose asks
    prose: bool = field(default=False, init=False, repr=False, compare=False)  # is_prose(), asked most

    def __post_init__(self) -> None:
        if self.word_count < 0:
            object.__setattr__(self, "word_count", count_words(self.text))
        sentence_like = self.ends_like_sentence or _has_two_terminals(self.text)
        object.__setattr__(self, "sentence_like", sentence_like)
        object.__setattr__(self, "prose", sentence_like and self.word_count >= PROSE_WORDS)

    def judged(self, in_main_content: bool | None) -> Block:
        """This block with an extraction's verdict. A slot-by-slot copy: dataclasses.replace would
        re-run __init__ and the counts, for every block of every page (8% of the time on WCXB)."""
        clone = object.__new__(Block)
        # Every slot read in one call and set through its descriptor in C (a loop of getattr
        # and object.__setattr__ took three times as long).
        _consume(map(call, _SLOT_SETTERS, repeat(clone), _slot_values(self)))
        object.__setattr__(clone, "in_main_content", in_main_content)
        return clone

    def rescued_by(self, reason: str) -> Block:
        """This block put in the main content by a structure rule, which says why (a slot-by-slot
        copy, as judged: the same Block as dataclasses.replace makes, for a fraction of the cost)."""
        clone = self.judged(True)
        object.__setattr__(clone, "rescued", reason)
        return clone

    def under_nav(self, nav: str) -> Block:
        """This block, knowing the <nav> element it lies in (a slot-by-slot copy, as judged)."""
        clone = self.judged(self.in_main_content)
        object.__setattr__(clone, "nav", nav)
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
        return _ends_like_sentence(self.text.rstrip())

    def is_prose(self, min_words: int = PROSE_WORDS) -> bool:
        """A sentence-like block: enough words and a sentence mark at the end or inside."""
        return self.word_count >= min_words and self.sentence_like


_slot_values = attrgetter(*Block.__slots__)
_SLOT_SETTERS = tuple(getattr(Block, name).__set__ for name in Block.__slots__)


# Most lines of most pages are Latin-1 text but for a few quotes and dashes ("it’s – so"), and
# have no CJK, so their words are the runs of alphanumerics ([^\W_] is str.isalnum), which
# bytes.translate marks in C: twice as fast as the regular expression, with the same words
# (tests/test_blocks.py checks). Encoding to Latin-1 hands each run of other characters to the
# error handlers below, which spell it in Latin-1 or give up (CJK, letters to return as words).
_ALNUM_OR_SPACE = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_ALNUM_MARK = bytes(120 if chr(c).isalnum() else 32 for c in range(256))  # "x" or " "
_ALNUM_MARK_LINES = _ALNUM_MARK[:10] + b"\n" + _ALNUM_MARK[11:]  # and newlines kept
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_FIRST = _CJK[0]


def _spell_as_spaces(error: UnicodeError) -> tuple[str, int]:
    """Non-Latin-1 punctuation becomes spaces; a letter or digit cannot be spelled, nor CJK
    (each character of its ranges is a word, even a mark like "・")."""
    assert isinstance(error, UnicodeEncodeError)
    chunk = error.object[error.start : error.end]
    if len(chunk) == 1:  # a quote or a dash between Latin-1 words: most calls
        if chunk.isalnum() or (chunk >= _CJK_FIRST and _CJK_CHAR.match(chunk)):
            raise error
        return " ", error.end
    if any(map(str.isalnum, chunk)) or (max(chunk) >= _CJK_FIRST and _CJK_CHAR.search(chunk)):
        raise error
    return " " * len(chunk), error.end


def _spell_as_marks(error: UnicodeError) -> tuple[str, int]:
    """Non-Latin-1 letters and digits become "x", the rest spaces; CJK (each character of its
    ranges is a word) cannot be spelled."""
    assert isinstance(error, UnicodeEncodeError)
    chunk = error.object[error.start : error.end]
    if max(chunk) >= _CJK_FIRST and _CJK_CHAR.search(chunk):  # all below the first CJK: none
        raise error
    if chunk.isalnum():  # a word of a non-Latin script (Cyrillic, Greek): most calls, on such pages
        return "x" * len(chunk), error.end
    if len(chunk) == 1:  # a quote or a dash ("it’s – so"): most calls, on other pages
        return " ", error.end
    return "".join("x" if char.isalnum() else " " for char in chunk), error.end


codecs.register_error("cleaner.spaces", _spell_as_spaces)
codecs.register_error("cleaner.marks", _spell_as_marks)


def words(text: str) -> list[str]:
    """The words of a text, CJK characters counted one by one."""
    try:
        raw = text.encode("latin-1", "cleaner.spaces")
    except UnicodeEncodeError:
        return _WORD.findall(text)
    return raw.translate(_ALNUM_OR_SPACE).decode("latin-1").split()


def count_words(text: str) -> int:
    """len(words(text)), without building the words."""
    try:
        marked = text.encode("latin-1", "cleaner.marks").translate(_ALNUM_MARK)
    except UnicodeEncodeError:
        return len(_WORD.findall(text))
    return marked.count(b" x") + (marked[:1] == b"x")  # a word starts at each " x", or at the start


def _ends_like_sentence(text: str) -> bool:
    """Whether `text` (stripped) ends with a sentence mark, perhaps inside closing quotes."""
    last = text[-1:]
    if last in _SENTENCE_MARKS:
        return True
    return last in _SENTENCE_END and text.rstrip(_CLOSERS)[-1:] in _SENTENCE_MARKS


def _has_two_terminals(text: str) -> bool:
    """Two sentence marks or more ("Dr. Smith arrived. Then"): prose without a final mark."""
    return _TWO_TERMINALS(text) is not None


# A sentence mark, then another after any other characters: searched in C, twice as fast as
# counting each mark with str.count (measured on the dumps' lines without a final mark).
_TWO_TERMINALS = re.compile(f"[{_TERMINAL_MARKS}][^{_TERMINAL_MARKS}]*[{_TERMINAL_MARKS}]").search


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
    raw = text.splitlines()
    paragraphs = _paragraphs(raw)
    if paragraphs is not None:
        lines, rescued = paragraphs, PARAGRAPHED
        counts = [count_words(line) for line in lines[0]]  # code paragraphs hold newlines
    else:
        lines, rescued = _dump_lines(raw), ""
        counts = _word_counts(lines[0])
    texts, firsts, lasts = lines
    paths = [
        f"line {first}" if first == last else f"lines {first}-{last}"
        for first, last in zip(firsts, lasts, strict=True)
    ]
    return _line_blocks(texts, paths, counts, rescued)


# Why the paragraphs of an extracted text are kept: cleaner's own output is such a text (a blank
# line between blocks; a code block's lines together, spaces kept), so cleaning it again changes
# nothing (issue 7). Scrapers' dumps put menus and other short lines next to each other: 0.4% of
# the benchmark's dumps read as paragraphed, and no set's F1 moves by more than 0.0003. Golden
# HTML cases whose text cleans to itself: 11 -> 25 of 25; benchmark HTML pages 420 -> 1593 of
# 1678 (the rest: code whose lines are mostly without brackets, =, or parentheses). Indentation
# as a sign of code was tried: bs4 dumps keep the page source's, WCXB page-bs4 F1 -0.002.
PARAGRAPHED = "a paragraphed text (a blank line between its paragraphs): extracted already"
_CODE_MARK = re.compile(r"[{}();=<>\[\]]")


def _paragraphs(raw: list[str]) -> Lines | None:
    """The paragraphs of an extracted text (texts, first and last line numbers), or None when the
    lines read as a dump. Each run of non-blank lines is a paragraph: a single line without
    indentation or trailing space, or code (half its lines or more hold brackets, parentheses,
    braces or =; an indented single line after code goes on with it). At least two of them."""
    paragraphs: list[str] = []
    firsts: list[int] = []
    lasts: list[int] = []
    start, after_code = 0, False
    for number, line in enumerate([*raw, ""], start=1):
        if line and not line.isspace():
            start = start or number
            continue
        if not start:
            continue
        run = raw[start - 1 : number - 1]
        if len(run) == 1 and not run[0][0].isspace() and not run[0][-1].isspace():
            after_code = False
        elif len(run) > 1 and 2 * sum(1 for text in run if _CODE_MARK.search(text)) >= len(run):
            after_code = True
        elif not (len(run) == 1 and after_code):
            return None  # most dumps, at their first menu: lines in a row that are not code
        paragraphs.append("\n".join(run))
        firsts.append(start)
        lasts.append(number - 1)
        start = 0
    return (paragraphs, firsts, lasts) if len(paragraphs) >= 2 else None


def _dump_lines(raw: list[str]) -> Lines:
    """The dump's non-blank lines, whitespace collapsed and continuations joined, with their
    first and last line numbers. Dumps have tens of thousands of lines, so each step runs over
    all of them at once (str methods, filter, compress, a comprehension), and Python looks
    closer only at the few lines it has to: those with whitespace to collapse inside, and
    those that do not start with a capital (they may continue the line before)."""
    stripped = list(map(str.strip, raw))
    firsts = list(compress(count(1), stripped))
    texts = list(filter(None, stripped))
    _collapse_whitespace(texts)
    lasts = firsts.copy()
    # A line may continue the one before if it opens in lower case or with closing punctuation,
    # not with a brand in mixed case ("eZ Systems", "iPhone") that opens a paragraph (texts are
    # stripped: text[0] opens the first word).
    candidates = [
        position
        for position, text in enumerate(texts)
        if not text[0].isupper() and (text[0] in _CLOSING or text.split(None, 1)[0].islower())
    ]
    joined = _join_continuations(texts, firsts, lasts, candidates)
    if not joined:
        return texts, firsts, lasts
    keep = [True] * len(texts)
    for position in joined:
        keep[position] = False
    return list(compress(texts, keep)), list(compress(firsts, keep)), list(compress(lasts, keep))


def _collapse_whitespace(texts: list[str]) -> None:
    """ " ".join(text.split()) of each stripped text, in place. Only a text with two spaces in a
    row or another whitespace character (a tab, a no-break space: all of them unprintable) has
    any to collapse; most dumps have none, which one look at the whole dump tells."""
    if plainly_spaced(" ".join(texts), within_lines=True):
        return
    messy = chain(
        compress(count(), map(not_, map(str.isprintable, texts))),
        compress(count(), map(contains, texts, repeat("  "))),
    )
    for position in messy:
        texts[position] = " ".join(texts[position].split())


# Every whitespace character but the space (str.isspace; tests/test_blocks.py checks), ASCII first.
OTHER_SPACES = tuple(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_OTHER_SPACES = OTHER_SPACES[:9]
# Those a line from str.splitlines can hold: it breaks lines at the others.
_LINE_SPACES = tuple(space for space in OTHER_SPACES if len(f"a{space}b".splitlines()) == 1)
_ASCII_LINE_SPACES = tuple(filter(str.isascii, _LINE_SPACES))


def plainly_spaced(text: str, *, within_lines: bool = False) -> bool:
    """Whether " ".join(text.split()) is `text`: no space at either end, none doubled, and no
    other whitespace. Each character is looked for in C, which takes a fraction of the time
    of any scan that looks at every character (isprintable, a regular expression). With
    `within_lines`, the text is lines that str.splitlines made, joined by spaces: the
    characters it breaks lines at are not looked for."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    if within_lines:
        spaces = _ASCII_LINE_SPACES if text.isascii() else _LINE_SPACES
    else:
        spaces = _ASCII_OTHER_SPACES if text.isascii() else OTHER_SPACES
    return not any(map(text.__contains__, spaces))


def _join_continuations(
    texts: list[str], firsts: list[int], lasts: list[int], candidates: Iterable[int]
) -> list[int]:
    """Joins each candidate line that continues the line before (_continues) onto it, in
    place, and returns the positions joined away. Candidates are the lines that may continue
    one (_dump_lines), in order; the first line of a dump continues nothing. A paragraph that
    a scraper split at each of its links grows by many joins: its words and capitalised words
    are counted as they join, not again from the whole paragraph at each."""
    joined: list[int] = []
    owner = -1  # the line the last joined line went onto
    shapes: dict[int, tuple[int, int]] = {}  # a joined-onto line's words and capitalised words
    for position in candidates:
        if not position:
            continue
        previous = owner if joined and joined[-1] == position - 1 else position - 1
        text, line = texts[previous], texts[position]
        if text[-1] in _SENTENCE_END and _ends_like_sentence(text):
            continue  # a closing bracket or quote after a word ("(N225)") leaves the sentence open
        shape = shapes.get(previous) or _shape(text)
        if not _continues(shape):
            continue
        glued = line[0] in _CLOSING  # "word" and ", more": one word across the join
        texts[previous] = text + ("" if glued else " ") + line
        line_words, line_capitalised = _shape(line)
        shapes[previous] = (shape[0] + line_words - glued, shape[1] + line_capitalised)
        lasts[previous] = firsts[position]
        joined.append(position)
        owner = previous
    return joined


def _word_counts(texts: list[str]) -> list[int]:
    """count_words of each text (none holds a newline), the whole dump marked at once: one
    encode and one translate instead of one per line. Each line gets a leading space, so that
    its words are its b" x" marks, counted in C."""
    if not texts:
        return []
    joined = " " + "\n ".join(texts)
    if not joined.isascii():
        for mark in _COMMON_MARKS:  # replaced in C, or each one costs a call of the error handler
            joined = joined.replace(mark, " ")
    try:
        marked = joined.encode("latin-1", "cleaner.marks").translate(_ALNUM_MARK_LINES)
    except UnicodeEncodeError:
        return list(map(count_words, texts))
    return list(map(bytes.count, marked.split(b"\n"), repeat(b" x")))


# The punctuation beyond Latin-1 that dumps hold most (measured on the benchmark's dumps: 96% of
# the characters _spell_as_marks was called for). A space in their place marks the same words.
_COMMON_MARKS = "’—–“”‘…"


def _line_blocks(texts: list[str], paths: list[str], counts: list[int], rescued: str) -> list[Block]:
    """Block(text=text, index=index, path=path) for each line of a dump, whose text is already
    stripped, built field by field over all the lines at once (map runs the slot setters in C):
    the dataclass's frozen __init__ costs 3x more, for every line of a dump."""
    sentence_like = _sentence_likes(texts)
    columns: dict[str, Iterable[object]] = {name: repeat(value) for name, value in _DUMP_CONSTANTS}
    columns |= {
        "text": texts,
        "index": range(len(texts)),
        "path": paths,
        "word_count": counts,
        "sentence_like": sentence_like,
        "prose": _prose_flags(sentence_like, counts),
        "rescued": repeat(rescued),
    }
    return _filled_blocks(len(texts), columns)


def _sentence_likes(texts: list[str]) -> list[bool]:
    """_ends_like_sentence(text.rstrip()) or _has_two_terminals(text), for each text (none
    blank), over all of them at once: the last characters decide most, and only the texts
    that end without a sentence mark are searched for two."""
    last_chars = [text.rstrip()[-1] for text in texts]
    likes = [char in _SENTENCE_MARKS for char in last_chars]
    for position in [p for p, char in enumerate(last_chars) if char in _CLOSERS_SET]:
        likes[position] = _ends_like_sentence(texts[position].rstrip())
    for position in [p for p, like in enumerate(likes) if not like and _TWO_TERMINALS(texts[p])]:
        likes[position] = True
    return likes


_CLOSERS_SET = frozenset(_CLOSERS) - _SENTENCE_MARKS


def dom_blocks(
    texts: list[str],
    paths: list[str],
    kinds: list[BlockKind],
    tags: list[str],
    link_chars: list[int],
    hints: list[str],
    hidden: list[bool],
    ancestors: list[tuple[int, ...]],
    verdict: Callable[[str, int], bool] | None,
) -> list[Block]:
    """Block(...) of each segment of an HTML page (columns of its DOM facts, texts not blank),
    with its words counted and `verdict`'s in_main_content (None without one). Built column by
    column like _line_blocks (map runs the slot setters in C): the same Blocks, for a fraction
    of the cost of __init__, on every block of every page."""
    counts = list(map(count_words, texts))
    sentence_like = _sentence_likes(texts)
    columns: dict[str, Iterable[object]] = {
        "text": texts,
        "index": range(len(texts)),
        "path": paths,
        "kind": kinds,
        "tag": tags,
        "link_chars": link_chars,
        "hints": hints,
        "hidden": hidden,
        "in_main_content": repeat(None) if verdict is None else map(verdict, texts, counts),
        "rescued": repeat(""),
        "scored": repeat(""),
        "ancestors": ancestors,
        "nav": repeat(""),  # structure.name_deep_navs fills it in, with the page's Layout
        "word_count": counts,
        "sentence_like": sentence_like,
        "prose": _prose_flags(sentence_like, counts),
    }
    return _filled_blocks(len(texts), columns)


def _filled_blocks(size: int, columns: dict[str, Iterable[object]]) -> list[Block]:
    """`size` Blocks, each slot filled from its column."""
    return filled_instances(Block, size, columns)


def filled_instances(
    cls: type[_Slotted], size: int, columns: Mapping[str, Iterable[object]]
) -> list[_Slotted]:
    """`size` new instances of the slotted (frozen) dataclass `cls`, each slot filled from its
    column without running __init__: map runs the slot setters in C, for a fraction of the cost
    of the frozen __init__ on each of thousands of rows."""
    assert columns.keys() == set(vars(cls)["__slots__"]), f"every {cls.__name__} field needs a column"
    instances = list(map(_new_instance, repeat(cls, size)))
    for name, values in columns.items():
        _consume(map(getattr(cls, name).__set__, instances, values))
    return instances


def _prose_flags(sentence_like: list[bool], counts: list[int]) -> Iterable[bool]:
    """Block.prose of each block: sentence-like, with PROSE_WORDS words or more."""
    return [like and number >= PROSE_WORDS for like, number in zip(sentence_like, counts, strict=True)]


_Slotted = TypeVar("_Slotted")
_new_instance = object.__new__
_consume = deque[object](maxlen=0).extend  # runs an iterator to its end, keeping nothing
# The fields a dump line leaves at their defaults: it has no DOM, and no extraction judged it.
_DUMP_CONSTANTS = (
    ("kind", "paragraph"),
    ("tag", None),
    ("link_chars", 0),
    ("hints", ""),
    ("hidden", False),
    ("in_main_content", None),
    ("scored", ""),
    ("ancestors", ()),
    ("nav", ""),
)


_CLOSING = frozenset(",.;:)]’'”!?%")


def _shape(text: str) -> tuple[int, int]:
    """The words of a text (split at whitespace) and how many of them start with a capital."""
    text_words = text.split()
    return len(text_words), sum(map(str.isupper, map(itemgetter(0), text_words)))


def _continues(shape: tuple[int, int]) -> bool:
    """Whether a line of this shape (_shape) is open to a continuation: not a headline (mostly
    capitalised words: a related link, then a tag list in lower case, are two lines)."""
    words_in, capitalised = shape
    return words_in < 3 or capitalised < 0.6 * words_in
