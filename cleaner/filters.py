"""The filters: each one decides, with a measured reason, whether a block is cruft.

A filter is a small frozen dataclass with a stable `name`, one line on what it `removes`
and `why`, its thresholds as fields, and one of two methods:
- `check(block)` returns a reason to drop one block, or None to keep it;
- `check_all(blocks)` sees the blocks still kept, in order, for rules that need context
  (position relative to the body, runs of similar blocks), and returns one verdict each.
Filters never edit text. Their order, and so the configuration, is DEFAULT_FILTERS in
pipeline.py.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import (
    add,
    attrgetter,
    is_,
    is_not,
    itemgetter,
    lt,
    methodcaller,
)
from typing import ClassVar, Protocol

from cleaner import lexicon
from cleaner.blocks import PROSE_WORDS, Block, plainly_spaced, unglue, words
from cleaner.dates import YEAR_DIGITS, find_date
from cleaner.parse import CONSENT_DIALOG
from cleaner.structure import POSTER_BOX, matched_hints


class Filter(Protocol):
    """A filter may also set `outranks_rescue = True`: its verdict then drops a block that a
    structure rule rescued (run_filters otherwise keeps those)."""

    name: ClassVar[str]
    removes: ClassVar[str]
    why: ClassVar[str]

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]: ...


class BlockFilter:
    """Mixin for filters that judge each block alone through `check`."""

    def check(self, block: Block) -> str | None:
        raise NotImplementedError

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        return [self.check(block) for block in blocks]


def _count(number: int, noun: str) -> str:
    """ "1 word", "3 words": reasons are read by people."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def body_span(blocks: Sequence[Block], min_words: int = PROSE_WORDS) -> tuple[int, int] | None:
    """Positions of the first and last prose blocks: where the body starts and ends. Found from
    both ends, in C: six filters ask, and a dump has thousands of lines between them, which
    are not looked at."""
    if min_words == PROSE_WORDS:
        first = next(compress(count(), map(_PROSE, blocks)), None)
        if first is None:
            return None
        return first, len(blocks) - 1 - next(compress(count(), map(_PROSE, reversed(blocks))))
    flags = [block.is_prose(min_words) for block in blocks]
    if True not in flags:
        return None
    return flags.index(True), len(flags) - 1 - flags[::-1].index(True)


# Attribute getters run in C: summing or testing a fact over thousands of dump lines is a map.
_PROSE = attrgetter("prose")
_WORD_COUNT = attrgetter("word_count")
_TAG = attrgetter("tag")
_HIDDEN = attrgetter("hidden")
_TEXT = attrgetter("text")
_PATH = attrgetter("path")
_HINTS = attrgetter("hints")
_SENTENCE_LIKE = attrgetter("sentence_like")
_FIRST = itemgetter(0)


def _has_dom(blocks: Sequence[Block]) -> bool:
    """HTML blocks carry their tag (never empty); text-dump lines have none. A page's blocks are
    all of one kind, so the first tells: a dozen filters ask, of every line of a dump otherwise."""
    return bool(blocks) and bool(blocks[0].tag)


# --- DOM evidence (HTML only; text-dump blocks carry none and are kept) -------------------


class DomFilter(BlockFilter):
    """Mixin for filters that judge each block alone by its DOM facts: a text dump's lines, which
    have none, are kept without a look at each."""

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        return super().check_all(blocks) if _has_dom(blocks) else [None] * len(blocks)


@dataclass(frozen=True)
class NamedElementFilter(DomFilter):
    """Mixin for filters that drop a block whose own element or parent (the short path's last
    `segments` elements) has a class or id word the filter's `named` pattern finds: a wrapper
    farther up may hold a whole page ("legal-services"). They outrank a structure rule's rescue,
    which vouches for a block's place in a group or a thread, not for what the element says."""

    named: ClassVar[re.Pattern[str]]
    stems: ClassVar[tuple[str, ...]]  # lower-case strings of which each match of `named` holds one
    outranks_rescue: ClassVar[bool] = True
    segments: int = 2

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        paths = "\n".join(map(_PATH, blocks)).lower()
        if not any(stem in paths for stem in self.stems):
            return [None] * len(blocks)  # most pages name no such element anywhere: told in C
        return super().check_all(blocks)

    def check(self, block: Block) -> str | None:
        # A heading's own id is made of its words ("legal-challenges", "github-actions"): only
        # the elements around it say what box it is in.
        word = _element_named(self.named, block, self.segments, own=block.kind != "heading")
        return f"inside an element named {word!r}" if word else None


def _element_named(pattern: re.Pattern[str], block: Block, segments: int, own: bool = True) -> str | None:
    """The class word `pattern` finds in `segments` elements of the short path: the block's own
    and its nearest ancestors, or (not `own`) its nearest ancestors only; None if none."""
    parts = block.path.split(">")
    window = parts[-segments:] if own else parts[-segments - 1 : -1]
    named = pattern.search(">".join(window))
    return named.group(0).strip(" -_.>") if named else None


def _class_words(alternatives: str) -> re.Pattern[str]:
    """A pattern for whole class/id words (or their hyphen- and underscore-joined parts) of
    `alternatives`, in a path ("div.product-legal>p") or a class string, in any case."""
    return re.compile(rf"(?:^|[-_\s.])(?:{alternatives})(?:$|[-_\s.>])", re.IGNORECASE)


def _segments(block: Block, tag: str) -> list[str]:
    """The segments of a block's path for elements of `tag`, outermost first ("article.post-7816")."""
    return [segment for segment in block.path.split(">") if segment.split(".", 1)[0] == tag]


@dataclass(frozen=True)
class HiddenElement(BlockFilter):
    name: ClassVar[str] = "hidden_element"
    removes: ClassVar[str] = "text inside elements the browser does not show (hidden, display:none)"
    why: ClassVar[str] = (
        "hidden elements hold menus, dialogs, metadata and duplicates of the page; but when most "
        "of the main content is hidden, a script shows it on load, and it stays"
    )
    # Above this share of the main content's words hidden, and this many words, the hidden
    # main content stays (a few hidden words are a widget's, whatever their share).
    max_hidden_main_share: float = 0.5
    min_hidden_main_words: int = 50

    def check(self, block: Block) -> str | None:
        if block.hidden:
            return "element is hidden (hidden attribute, display:none or visibility:hidden)"
        return None

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        if not any(map(_HIDDEN, blocks)):  # text dumps, and most pages
            return [None] * len(blocks)
        main_words = sum(block.word_count for block in blocks if block.in_main_content)
        hidden_main_words = sum(
            block.word_count for block in blocks if block.in_main_content and block.hidden
        )
        shown_on_load = (
            hidden_main_words > self.max_hidden_main_share * main_words
            and hidden_main_words >= self.min_hidden_main_words
        )
        return [None if shown_on_load and block.in_main_content else self.check(block) for block in blocks]


@dataclass(frozen=True)
class NotMainContent(BlockFilter):
    name: ClassVar[str] = "not_main_content"
    removes: ClassVar[str] = "HTML blocks outside the main content found by trafilatura or the block scorer"
    why: ClassVar[str] = (
        "trafilatura's fast extraction scores 0.96 F1 on article pages; where it keeps little, "
        "the block scorer trained on dev pages decides (scorer.py)"
    )

    def check(self, block: Block) -> str | None:
        if block.in_main_content is not False:
            return None
        if block.scored:
            return f"the block scorer left this <{block.tag}> out: {block.scored}"
        return f"trafilatura left this <{block.tag}> out of the main content"

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        if not _has_dom(blocks):  # a text dump: no extraction was asked
            return [None] * len(blocks)
        return [self.check(block) for block in blocks]


# Whole class/id words that name navigation (Bootstrap, WordPress and the like). "nav" fragments do
# not count: "wy-nav-content" (Read the Docs) wraps a whole documentation page. Words built on
# "menu" do (_names_menu): measured, they only ever named menus on both dev sets.
# "dropdown" and its panels: the box a menu button opens (a book's chapter list, a language
# picker). Measured with clean() on every dev page: WCXB documentation 0.9311 -> 0.9320, no page
# down on either dev set.
_MENU_CLASSES = frozenset(
    "nav navbar navbar-nav nav-item nav-link navigation menu menus sub-menu submenu menu-item "
    "dropdown dropdown-menu dropdown-panel dropdown-content megamenu mega-menu breadcrumb breadcrumbs".split()
)


def _names_menu(word: str) -> bool:
    """A class word built on "menu" ("menumobile", "main-menu"), though not a state a script
    sets on a wrapper ("menu-open")."""
    return "menu" in word and not word.endswith(_MENU_STATES)


_MENU_STATES = ("open", "opened", "active", "expanded", "visible", "show")


@dataclass(frozen=True)
class MenuLink(DomFilter):
    name: ClassVar[str] = "menu_link"
    removes: ClassVar[str] = "short links inside a navigation menu, even when trafilatura kept them"
    why: ClassVar[str] = (
        "trafilatura's fast run sometimes keeps a whole menu: items are short links under nav or menu"
    )

    # Menu items are one to a few words; 3 and 8 scored within 0.0004 F1 of 5 on both dev sets.
    max_words: int = 5
    min_link_density: float = 0.5

    def check(self, block: Block) -> str | None:
        if block.tag is None or block.word_count > self.max_words or block.sentence_like:
            return None  # a short linked sentence is body text, wherever it stands
        if block.link_density < self.min_link_density:
            # An unlinked item of a <nav>'s list heads a submenu ("Services", then its links); a
            # restaurant's menu of dishes is a list too, but not in a <nav>.
            nav = self._nav(block) if block.tag == "li" else None
            return None if nav is None else f"a list item of {_count(block.word_count, 'word')} inside {nav}"
        where = self._menu(block)
        if where is None:
            return None
        share = f"{block.link_density:.0%} link text"
        return f"a link of {_count(block.word_count, 'word')} ({share}) inside {where}"

    @staticmethod
    def _nav(block: Block) -> str | None:
        navs = _segments(block, "nav")
        nav = navs[0] if navs else block.nav  # the Layout names a <nav> beyond the short path
        return f"<{nav}>" if nav else None

    def _menu(self, block: Block) -> str | None:
        nav = self._nav(block)
        if nav is not None:
            return nav
        hints = block.hints.lower().split()
        named = next((word for word in hints if word in _MENU_CLASSES), None)
        named = named or next((word for word in hints if _names_menu(word)), None)
        return f"an element of class {named!r}" if named else None


@dataclass(frozen=True)
class PosterBox(DomFilter):
    name: ClassVar[str] = "poster_box"
    removes: ClassVar[str] = (
        "a poster's box: user cards, ranks, post counts, reputation; signatures and author bios"
    )
    why: ClassVar[str] = (
        "forum threads and Q&A pages print a profile box with every post; its lines are not the post"
    )
    # A thread's rescue vouches for its posts, not for the user cards and signatures printed in
    # them: measured with clean() on every dev page, WCXB forum 0.8091 -> 0.8094, no page down.
    outranks_rescue: ClassVar[bool] = True

    def check(self, block: Block) -> str | None:
        if block.tag is None:
            return None
        if block.prose:  # a sentence in a poster's box is left to others, but for a signature or bio
            word = _element_named(_SIGNATURE, block, 2)
            return f"a sentence inside an element named {word!r}" if word else None
        box = POSTER_BOX.search(block.hints)
        return (
            f"not a sentence, inside an element of class {box.group(0)!r} (a poster's box)" if box else None
        )


# The element (or its parent) of a forum signature, the poster's motto under each post, or of
# an article's author box, the writer's bio under the text. Measured with clean() on every dev
# page: WCXB forum 0.8086 -> 0.8091 (signatures), article 0.9477 -> 0.9478 (author boxes, 7 pages
# up by 0.007-0.018); no page down on either dev set.
_SIGNATURE = _class_words(r"signature|author[-_]?bio|author[-_]?box|about[-_]?the[-_]?author")


# --- Text-dump structure (dumps only; HTML blocks are judged by the DOM evidence above) -----

# Over a dump's lines, the filters below read Block facts in comprehensions: Python 3.11 reads a
# slot in a comprehension faster than a chain of map() over attrgetter, one call per line and
# step (measured on the dump_speed sample: OutsideProseRun 129 -> 104 ms, WidgetPhrase 75 -> 67).


def best_run(scores: Sequence[float]) -> tuple[int, int] | None:
    """First and last position of the stretch with the highest sum (None if no sum is positive)."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for position, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, position
        total += score
        if total > best:
            best, best_span = total, (start, position)
    return best_span


def _menu_lines(blocks: Sequence[Block], min_streak: int, max_words: int) -> int:
    """How many lines stand in streaks of at least `min_streak` short lines without a sentence:
    menus, in any language (the furniture lexicon knows a few)."""
    total = streak = 0
    for block in blocks:
        if block.word_count <= max_words and not block.sentence_like:
            streak += 1
            continue
        total += streak if streak >= min_streak else 0
        streak = 0
    return total + (streak if streak >= min_streak else 0)


def _title_opening(text: str, first: int, share: float) -> bool:
    """Whether most of the first words are capitalised: a headline glued to its teaser ("Police:
    2 In Custody After Death Of Student-Athlete A 24-year-old woman..."), or a photo caption
    that opens with names. Not a line that introduces what follows ("Tour dates:")."""
    opening = text.split(None, first)  # the first words and the rest
    if len(opening) < first or text.rstrip()[-1:] in ":：":
        return False
    return sum([word[0].isupper() or word[0].isdigit() for word in opening[:first]]) >= share * first


# Below this share of words in prose lines, a text dump is a listing, a product or a service page
# (cards, specs, short items), where the prose is not the body: measured on WCXB container dumps.
PROSE_PAGE_SHARE = 0.3
# ...unless it shows this many menu or notice lines: a whole page around little prose.
PROSE_PAGE_FURNITURE = 10
# Even then, a best prose run with under this share of the dump's words is a caption or a teaser
# among cards and lists (listings, catalogues, indexes): the page's content lies around it.
# Measured on WCXB page-bs4 dumps: recall 0.864 -> 0.909, F1 0.774 -> 0.789; article-extraction
# unchanged (its articles' runs hold 14% or more of their whole-page dumps' words).
PROSE_RUN_SHARE = 0.1


_NOT_FOUND = object()  # a _ProseRun's span before it is looked for


def prose_is_body(
    blocks: Sequence[Block],
    min_prose_share: float = PROSE_PAGE_SHARE,
    min_run_share: float = PROSE_RUN_SHARE,
    run: tuple[int, int] | None = None,
    furniture: Sequence[bool] | None = None,
) -> bool:
    """Whether the prose lines are the body, so that what lies around them is cruft: always for
    HTML (trafilatura has judged the blocks), for a text dump when prose or menus dominate and
    the main prose run (`run`, found here if not given) is not lost among the rest. `furniture`
    is _furniture_flags(blocks), when the caller has it."""
    if _has_dom(blocks):
        return True
    total = sum([block.word_count for block in blocks])
    prose = _prose_words(blocks)
    prose_dominates = total and prose / total >= min_prose_share
    if furniture is None and run is None:
        known = _known_prose_run(blocks)
    else:
        flags = furniture if furniture is not None else _furniture_flags(blocks)
        known = _ProseRun(blocks, flags, run if run is not None else _NOT_FOUND)
    if not prose_dominates and known.furniture_lines < PROSE_PAGE_FURNITURE:
        return False
    span = known.span()
    return span is not None and sum([block.word_count for block in blocks[span[0] : span[1] + 1]]) >= (
        min_run_share * total
    )


class _ProseRun:
    """The default OutsideProseRun's furniture flags and main prose run of one list of blocks,
    the run found when first asked for."""

    __slots__ = ("_span", "blocks", "furniture", "furniture_lines")

    def __init__(self, blocks: Sequence[Block], furniture: Sequence[bool], span: object = _NOT_FOUND) -> None:
        self.blocks = tuple(blocks)
        self.furniture = furniture
        self.furniture_lines = sum(furniture)
        self._span = span

    def span(self) -> tuple[int, int] | None:
        if self._span is _NOT_FOUND:
            self._span = _DEFAULT_PROSE_RUN.prose_run(self.blocks, self.furniture)
        return self._span  # type: ignore[return-value]

    def of(self, blocks: Sequence[Block]) -> bool:
        """Whether `blocks` are this run's blocks, the same objects in the same order."""
        return len(blocks) == len(self.blocks) and all(map(is_, blocks, self.blocks))


# Three filters ask for the main prose run of a dump (OutsideProseRun, and RelatedHeadlines and
# OutsideBody through prose_is_body), and most often the later two see the same blocks (no filter
# between them dropped any): the last list's run is kept, and found again by the blocks' identity
# (held here, so that no other list of blocks can have their ids). Threads each read the one entry.
_LAST_PROSE_RUN: dict[str, _ProseRun] = {}


def _known_prose_run(blocks: Sequence[Block]) -> _ProseRun:
    known = _LAST_PROSE_RUN.get("last")
    if known is None or not known.of(blocks):
        known = _ProseRun(blocks, _furniture_flags(blocks))
        _LAST_PROSE_RUN["last"] = known
    return known


@dataclass(frozen=True)
class OutsideProseRun:
    name: ClassVar[str] = "outside_prose_run"
    removes: ClassVar[str] = (
        "text-dump lines before or after the main prose run, on a side that shows menu or notice lines"
    )
    why: ClassVar[str] = (
        "a whole-page dump is menus, body, footer: the body is where prose outweighs short lines"
    )

    short_words: int = 3  # a line of at most this many words and no sentence is menu-like
    short_line_cost: float = 4.0  # one menu-like line weighs against this many prose words
    notice_cost: float = 40.0  # a copyright or cookie notice ends a body: it weighs like a long paragraph
    min_furniture_lines: int = 2  # menu or notice lines a side needs before it is dropped
    min_prose_share: float = PROSE_PAGE_SHARE
    min_run_share: float = PROSE_RUN_SHARE
    # On a whole page, a teaser (a prose line of this many words or more whose first
    # `teaser_opening` words are mostly capitalised: a headline glued to its summary, or a photo
    # caption) weighs nothing.
    teaser_words: int = 12
    teaser_opening: int = 8
    teaser_capitals: float = 0.75
    # Whole pages (this many menu or notice lines) are split at notices into stretches, and the
    # body is the first stretch's run that reaches first_run_share of the best or first_run_words.
    page_furniture: int = PROSE_PAGE_FURNITURE
    first_run_share: float = 0.5
    first_run_words: float = 80.0
    # A later run continues the body when it starts within merge_gap lines and reads like an
    # article: long paragraphs, few lines between them, or a weight like the body's own.
    merge_gap: int = 8
    merge_paragraph_words: float = 45.0
    merge_item_ratio: float = 0.2
    merge_share: float = 0.5
    # On a whole page, a side with this many lines in streaks of menu_streak short lines is menus.
    menu_streak: int = 4
    menu_lines: int = 4
    # On a whole page, a line of at most section_end_words that opens what follows an article
    # ("Most read in World", "Related stories", "34 responses to") ends the body like a notice,
    # unless the dump repeats it (a label of listing items). A later run at least merge_share as
    # heavy as the body still continues it within heavy_merge_gap lines (a box inside the body).
    # Measured on page dumps, F1: article-extraction htmltext 0.875 -> 0.885, bs4 0.883 -> 0.893;
    # WCXB htmltext 0.803 -> 0.807, bs4 0.791 -> 0.794 (recall 0.904 -> 0.902).
    section_end_words: int = 6
    heavy_merge_gap: int = 16
    # A streak of short lines of which this share holds code punctuation ("()", "{", "=") is a
    # code sample split into tokens (BeautifulSoup's get_text("\n") does so), not a menu: it
    # weighs nothing. Measured on page dumps, F1: WCXB bs4 0.797 -> 0.801 (documentation
    # 0.823 -> 0.880), container-bs4 0.884 -> 0.886; the html-text sets unchanged.
    code_streak_share: float = 0.3
    code_streak_lines: int = 4
    # On a whole page, a comment thread ends the body: thread_posts or more header lines of one
    # shape (a date, a clock time or "... says:", at most thread_header_words words), the first
    # after thread_body_words words of the body and a line naming comments (thread_start).
    # Measured on page dumps, F1: article-extraction htmltext 0.892 -> 0.900, bs4 0.897 -> 0.903;
    # WCXB htmltext 0.809 -> 0.811, bs4 0.796 -> 0.797 (recall 0.9012 -> 0.9011).
    thread_posts: int = 3
    thread_body_words: int = 80
    thread_opener_lines: int = 8
    thread_lookback: int = 3
    thread_header_words: int = 12
    # Not a whole page (a container's dump): a side holding as much prose as the body is more of
    # the text (a thread's replies, the rest of a guide), not its margin. Measured, F1: WCXB
    # page-htmltext 0.8117 -> 0.8122, page-bs4 0.8007 -> 0.8018, container-htmltext 0.8883 ->
    # 0.8888, container-bs4 0.8855 -> 0.8863 (12 dumps up, 2 down); article-extraction unchanged.
    # On whole pages the same rule cost article-extraction 0.020 F1: there it is a comment thread.
    max_side_prose_share: float = 1.0

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        if _has_dom(blocks):
            return verdicts
        flags = _furniture_flags(blocks)
        span = self.prose_run(blocks, flags)
        if self == _DEFAULT_PROSE_RUN:  # prose_is_body asks next, with the same blocks most often
            _LAST_PROSE_RUN["last"] = _ProseRun(blocks, flags, span)
        if span is None or not prose_is_body(blocks, self.min_prose_share, self.min_run_share, span, flags):
            return verdicts
        start, end = span
        whole_page = self._whole_page(flags)
        thread = self.thread_start(blocks, start) if whole_page else None
        where = ""
        if thread is not None and thread[0] <= end:  # the body ends where its comments start
            end = max(compress(range(start, thread[0]), map(_PROSE, blocks[start : thread[0]])))
            where = f", cut where a comment thread of {thread[1]} posts starts"
        where = f"lines {_line_numbers(blocks[start])[0]}-{_line_numbers(blocks[end])[-1]}{where}"
        body_prose = _prose_words(blocks[start : end + 1])
        for side, label in ((range(start), "before"), (range(end + 1, len(blocks)), "after")):
            if (
                not whole_page
                and _prose_words(blocks[side.start : side.stop]) >= self.max_side_prose_share * body_prose
            ):
                continue
            furniture = sum(flags[side.start : side.stop])
            if furniture >= self.min_furniture_lines:
                found = _count(furniture, "menu or notice line")
            elif thread is not None and label == "after":
                found = f"a comment thread of {thread[1]} posts"
            else:
                menus = (
                    _menu_lines([blocks[p] for p in side], self.menu_streak, self.short_words)
                    if whole_page
                    else 0
                )
                if menus < self.menu_lines:
                    continue
                found = f"{_count(menus, 'line')} in runs of {self.menu_streak} or more short lines"
            verdicts[side.start : side.stop] = [
                f"{label} the main prose run ({where}), on a side with {found}"
            ] * len(side)
        return verdicts

    def _whole_page(self, furniture: Sequence[bool]) -> bool:
        return sum(furniture) >= self.page_furniture

    def prose_run(
        self, blocks: Sequence[Block], furniture: Sequence[bool] | None = None
    ) -> tuple[int, int] | None:
        """First and last position of the main prose run (None if the dump has no prose).
        `furniture` is _furniture_flags(blocks), when the caller has it."""
        furniture = _furniture_flags(blocks) if furniture is None else furniture
        whole_page = self._whole_page(furniture)
        ends = self._section_ends(blocks) if whole_page else set()
        weights = self._weights(blocks, whole_page, ends, furniture)
        if not whole_page:
            return best_run(weights)
        runs = self._stretch_runs(weights)
        if not runs:
            return None
        top = max(score for _, _, score in runs)
        enough = min(self.first_run_share * top, self.first_run_words)
        number = next(number for number, (_, _, score) in enumerate(runs) if score >= enough)
        start, end, score = runs[number]
        for later_start, later_end, later_score in runs[number + 1 :]:
            heavy = later_score >= self.merge_share * score
            boxed = heavy and self._only_boxes_between(weights, ends, end, later_start)
            reach = max(self.heavy_merge_gap, self.merge_gap) if boxed else self.merge_gap
            later = blocks[later_start : later_end + 1]
            if later_start - end - 1 > reach or not self._continues(later, heavy):
                break
            end = later_end
        return start, end

    def thread_start(self, blocks: Sequence[Block], start: int) -> tuple[int, int] | None:
        """Where a comment thread starts after the body's first line `start`, and its number of
        posts: the first of thread_posts header lines of one shape, after thread_body_words
        words of the body and a line that opens comments ("34 Comments") at most
        thread_opener_lines before it. None when a header line repeated in the dump stands
        within thread_lookback lines before the body or inside it: a forum thread's first post
        is the body, and its replies stay."""
        if not _any_opens_comments(blocks[start:]):
            return None  # no line names comments: most pages, told before any header is read
        low = max(0, start - self.thread_lookback)
        most = self.thread_header_words
        hinted = [  # short lines with a digit or a final colon, few: find_date is slow
            p
            for p, block in enumerate(blocks[low:], low)
            if block.word_count <= most and _HEADER_HINT.search(block.text)
        ]
        headers = {p: shape for p in hinted if (shape := _post_header_shape(blocks[p].text))}
        shapes = Counter(headers.values())
        threads = {shape for shape, posts in shapes.items() if posts >= self.thread_posts}
        first = next((p for p in range(start, len(blocks)) if headers.get(p) in threads), None)
        if first is None:
            return None
        if any(shapes[headers.get(p, "")] > 1 for p in range(low, first)):
            return None  # the body is headed like a post or holds posts' headers: a forum or Q&A page
        body_words = _prose_words(blocks[start:first])
        opened = any(map(_opens_comments, blocks[max(start, first - self.thread_opener_lines) : first]))
        return (first, shapes[headers[first]]) if body_words >= self.thread_body_words and opened else None

    def _stretch_runs(self, weights: list[float]) -> list[tuple[int, int, float]]:
        """The best run of each stretch between notices (first, last position and weight)."""
        runs: list[tuple[int, int, float]] = []
        low = 0
        for position in [*[p for p, w in enumerate(weights) if w <= -self.notice_cost], len(weights)]:
            span = best_run(weights[low:position])
            if span is not None:
                first, last = span[0] + low, span[1] + low
                runs.append((first, last, sum(weights[first : last + 1])))
            low = position + 1
        return runs

    def _continues(self, run: Sequence[Block], heavy: bool) -> bool:
        """Whether a run after the body reads as more of it, not comments or teasers."""
        paragraphs = [block.word_count for block in run if block.prose]
        if not paragraphs:
            return False
        others = len(run) - len(paragraphs)
        return (
            heavy
            or sum(paragraphs) / len(paragraphs) >= self.merge_paragraph_words
            or others <= self.merge_item_ratio * len(paragraphs)
        )

    def _only_boxes_between(self, weights: list[float], ends: set[int], end: int, start: int) -> bool:
        """Whether the lines between two runs hold section headings but no notice: a box inside
        the body ("Most read"), not the page's footer."""
        return all(w > -self.notice_cost or p in ends for p, w in enumerate(weights[end:start], end))

    def _weights(
        self, blocks: Sequence[Block], whole_page: bool, ends: set[int], furniture: Sequence[bool]
    ) -> list[float]:
        """Prose counts for its words, a menu-like line or a notice against them, anything else
        nothing. Measured on article-extraction page dumps: the notice cost +0.010 F1. Built
        over every line at once, then the few teasers and notices set apart: a dump has
        thousands of lines. `furniture` is _furniture_flags(blocks): every notice is furniture."""
        short, short_cost = self.short_words, -self.short_line_cost
        weights: list[float] = [
            block.word_count if block.prose else (short_cost if block.word_count <= short else 0.0)
            for block in blocks
        ]
        if whole_page:  # a teaser weighs like any line that is not prose
            least, opening, capitals = self.teaser_words, self.teaser_opening, self.teaser_capitals
            for position, block in enumerate(blocks):
                if (
                    block.prose
                    and block.word_count >= least
                    and _title_opening(block.text, opening, capitals)
                ):
                    weights[position] = short_cost if block.word_count <= short else 0.0
        for first, last in _code_streaks(blocks, weights, self.code_streak_share, self.code_streak_lines):
            weights[first : last + 1] = [0.0] * (last + 1 - first)
        for position in chain(ends, _notices_among(blocks, [p for p, flag in enumerate(furniture) if flag])):
            weights[position] = -self.notice_cost  # a section heading ends a body like a notice
        return weights

    def _section_ends(self, blocks: Sequence[Block]) -> set[int]:
        """The positions of the lines that open what follows an article, each once in the dump."""
        found = _section_headings(blocks, self.section_end_words)
        if not found:
            return set()
        texts = [block.text for block in blocks]
        return {position for position in found if texts.count(texts[position]) == 1}


_DEFAULT_PROSE_RUN = OutsideProseRun()


_SECTION_ENDS = frozenset(tuple(words(phrase)) for phrase in lexicon.SECTION_ENDS)
_SECTION_END_LONGEST = max(map(len, _SECTION_ENDS))


# Code punctuation: braces, brackets, ";", "=", a call's "()" or a lone parenthesis, not a count
# in parentheses ("Comments (12)").
_CODE_LIKE = re.compile(r"[{}\[\];=]|\(\)|^[()]$").search


def _code_streaks(
    blocks: Sequence[Block], weights: list[float], min_share: float, min_lines: int
) -> Iterator[tuple[int, int]]:
    """First and last position of each streak of at least `min_lines` menu-like lines (negative
    weights) of which at least `min_share` hold code punctuation."""
    negative = [position for position, weight in enumerate(weights) if weight < 0.0]
    for first, last in _consecutive(negative):
        if last - first + 1 >= min_lines:
            texts = [block.text for block in blocks[first : last + 1]]
            if min_share > 0 and not any(map("".join(texts).__contains__, _CODE_CHARS)):
                continue  # a menu without code punctuation (most streaks): no line is searched
            marked = sum(map(bool, map(_CODE_LIKE, texts)))
            if marked >= min_share * (last - first + 1):
                yield first, last


_CODE_CHARS = "{}[];=()"  # every match of _CODE_LIKE holds one


def _consecutive(positions: list[int]) -> Iterator[tuple[int, int]]:
    """The first and last of each run of consecutive numbers in sorted `positions`."""
    if not positions:
        return
    first = previous = positions[0]
    for position in positions[1:]:
        if position != previous + 1:
            yield first, previous
            first = position
        previous = position
    yield first, previous


def _section_headings(blocks: Sequence[Block], max_words: int) -> list[int]:
    """The positions of the section headings (_section_heading) among the blocks: only the short
    lines without a sentence mark that open with a letter are asked _opens_section_end."""
    return [
        position
        for position, block in enumerate(blocks)
        if block.word_count <= max_words
        and not block.sentence_like
        and block.text[0].isalpha()  # not "(comments: 9)", an item's count
        and _opens_section_end(block.text)
    ]


def _section_heading(block: Block, max_words: int) -> bool:
    """A short line that is no sentence and opens what follows an article ("Related stories")."""
    return (
        block.word_count <= max_words
        and not block.sentence_like
        and block.text[0].isalpha()  # not "(comments: 9)", an item's count
        and _opens_section_end(block.text)
    )


_SECTION_END_FIRST_WORDS = frozenset(phrase[0] for phrase in _SECTION_ENDS)


def _lower(text: str) -> str:
    """text.lower() without the combining dot that a Turkish capital İ leaves ("İlgili" ->
    "i̇lgili"), which would split the word in two."""
    return text.lower().replace("i\u0307", "i")


@lru_cache(maxsize=4096)  # three filters ask of each short line of a dump
def _opens_section_end(text: str) -> bool:
    """Whether `text` starts with a heading of what follows an article ("Related stories",
    "Most read in World", "34 responses to ..."), numbers aside."""
    first = next(iter(text.split(None, 1)), "").strip(string.punctuation)
    if first.isascii() and first.isalpha() and first.lower() not in _SECTION_END_FIRST_WORDS:
        return False  # most lines, decided without splitting them into words
    tokens = [token for token in words(_lower(text)) if not token.isdigit()]
    if not tokens or tokens[0] not in _SECTION_END_FIRST_WORDS:
        return False
    return any(tuple(tokens[:length]) in _SECTION_ENDS for length in range(1, _SECTION_END_LONGEST + 1))


def _opens_comments(block: Block, max_words: int = 12) -> bool:
    """A short line that names the comments below it ("34 Comments", "Leave a comment")."""
    return (
        not block.prose
        and block.word_count <= max_words
        and any(word in lexicon.COMMENT_WORDS for word in words(block.text.lower()))
    )


def _any_opens_comments(blocks: Sequence[Block], max_words: int = 12) -> bool:
    """Whether any block opens comments (_opens_comments). Only the short lines that are not
    prose may, and a comment word is looked for in all their texts at once first, in C: most
    whole pages hold none, and their lines are not split. (Lowering the joined texts lowers
    each: only a final sigma depends on what follows it, and a newline ends a word as the end
    of a text does.)"""
    candidates = [block for block in blocks if block.word_count <= max_words and not block.prose]
    lowered = "\n".join([block.text for block in candidates]).lower()
    return any(map(lowered.__contains__, _COMMENT_WORD_CORES)) and any(
        map(_opens_comments, candidates, repeat(max_words))
    )


# The comment words that hold no other one: each comment word holds one of them ("commenti"
# holds "comment"), so a text without any holds no comment word.
_COMMENT_WORD_CORES = tuple(
    sorted(
        word
        for word in lexicon.COMMENT_WORDS
        if not any(other in word for other in lexicon.COMMENT_WORDS - {word})
    )
)


_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
_AGO = re.compile(r"\b\d+\s*\w+\s+ago\b|\bvor\s+\d+\s+\w+|\bil y a\s+\d+|\bhace\s+\d+|\bhá\s+\d+", re.I)
_HEADER_HINT = re.compile(r"\d|:\s*$")  # a date, a time or "... says:"


def _post_header_shape(text: str) -> str | None:
    """The shape of a line that heads a comment or post ("Ann says:", "May 2, 2019 at 6:34 am",
    "2 days ago"): its numbers and header verb, with every run of other words as one "w"; None
    for any other line."""
    if text.endswith((".", "!", "?")):
        return None  # a sentence
    tokens = words(text.lower())
    last = tokens[-1] if tokens else ""
    said = last in lexicon.POST_HEADER_VERBS and text.rstrip().endswith(":")
    if not said and not (_CLOCK.search(text) or _AGO.search(text) or find_date(text)):
        return None
    shape: list[str] = []
    for token in tokens:
        kind = "0" if token.isdigit() else (token if token in lexicon.POST_HEADER_VERBS else "w")
        if not (kind == "w" and shape and shape[-1] == "w"):
            shape.append(kind)
    return " ".join(shape)


def _short_notices(blocks: Sequence[Block], max_words: int) -> tuple[list[int], list[str], list[str | None]]:
    """The positions of the blocks of at most `max_words` words, their texts and the notice
    phrase of each (None without one), all asked at once (notice_phrases)."""
    short = [position for position, block in enumerate(blocks) if block.word_count <= max_words]
    texts = [blocks[position].text for position in short]
    return short, texts, notice_phrases(texts)


def _notices_among(blocks: Sequence[Block], positions: list[int]) -> list[int]:
    """Those of `positions` whose block holds a notice phrase."""
    phrases = notice_phrases([blocks[position].text for position in positions])
    return [position for position, phrase in zip(positions, phrases, strict=True) if phrase is not None]


def _line_numbers(block: Block) -> list[str]:
    """The numbers in a dump block's path: "line 12" or, for joined lines, "lines 12-14"."""
    return re.findall(r"\d+", block.path) or ["?"]


_FURNITURE_PHRASES = lexicon.WIDGET_PHRASES + lexicon.NAV_PHRASES


def _furniture(block: Block, max_words: int = 4) -> bool:
    """A menu link ("Contact us"), a widget ("Share") or a notice ("All rights reserved"): the
    definition that _furniture_of applies to many lines at once (tests check they agree)."""
    if block.word_count > Notice.max_words:
        return False
    if block.word_count <= max_words and widget_words(block.text, _FURNITURE_PHRASES) is not None:
        return True
    return notice_phrase(block.text) is not None


# Three filters ask _furniture of every line of a dump, and it depends on the text alone: each
# text is judged once, and the other asks are dictionary look-ups made in C (map).
_FURNITURE_MEMO: dict[str, bool] = {}
_FURNITURE_MEMO_SIZE = 1 << 16


def _prose_words(blocks: Sequence[Block]) -> int:
    return sum([block.word_count for block in blocks if block.prose])


def _furniture_flags(blocks: Sequence[Block]) -> list[bool]:
    """_furniture of each block."""
    memo = _FURNITURE_MEMO
    texts = [block.text for block in blocks]
    flags: list[bool | None] = list(map(memo.get, texts))
    if None not in flags:
        return flags  # type: ignore[return-value]
    if len(memo) > _FURNITURE_MEMO_SIZE:
        memo.clear()
    new = {block.text: block for block, flag in zip(blocks, flags, strict=True) if flag is None}  # each once
    judged = dict(zip(new, _furniture_of(list(new.values())), strict=True))
    memo.update(judged)
    # Read from judged and flags, not the memo: threads share it, and another may empty it meanwhile.
    return list(map(judged.get, texts, flags))  # type: ignore[arg-type]


def _furniture_of(blocks: list[Block], max_words: int = 4) -> list[bool]:
    """_furniture of each block, all asked at once: the notice phrases of the lines short enough
    (notice_phrases), the widget phrases of the short lines whose first word may start one."""
    flags = [False] * len(blocks)
    short, _, phrases = _short_notices(blocks, Notice.max_words)
    for position in compress(short, map(is_not, phrases, repeat(None))):
        flags[position] = True
    for position, _ in _widget_lines(blocks, max_words, _indexed(_FURNITURE_PHRASES)):
        flags[position] = True
    return flags


# --- Cruft that becomes metadata --------------------------------------------------------


class NearTopFilter:
    """Mixin for lines that only count near the top: before the body starts, or in the first
    `top_blocks` blocks, whichever reaches further."""

    top_blocks: int
    # What a line's text must show for _check to find anything, searched in C: the hundreds of
    # lines above the body of a whole-page dump skip _check.
    clue: ClassVar[re.Pattern[str]]

    def _check(self, block: Block) -> str | None:
        raise NotImplementedError

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        span = body_span(blocks)
        top = min(len(blocks), max(self.top_blocks, span[0] if span else 0))
        verdicts: list[str | None] = [None] * len(blocks)
        search = self.clue.search
        for position in [p for p, block in enumerate(blocks[:top]) if search(block.text)]:
            verdicts[position] = self._check(blocks[position])
        return verdicts


@dataclass(frozen=True)
class Dateline(NearTopFilter):
    name: ClassVar[str] = "dateline"
    removes: ClassVar[str] = "a short line near the top that is only a date (it becomes `date`)"
    why: ClassVar[str] = "datelines are metadata, not body; seed case seed-sputnik-text"

    top_blocks: int = 6
    max_words: int = 14
    max_other_words: int = 3
    # Every date find_date reads has a year: a cheap test for the many lines near the top of
    # a whole-page dump that hold numbers but no date ("12 comments", "Top 10").
    clue: ClassVar[re.Pattern[str]] = YEAR_DIGITS

    def _check(self, block: Block) -> str | None:
        if block.word_count > self.max_words:
            return None
        found = find_date(block.text)
        if found is None or found.other_words > self.max_other_words:
            return None
        return f"near the top, {_count(block.word_count, 'word')}, date {found.iso}"


_BYLINE = re.compile(
    r"^(?:" + "|".join(map(re.escape, lexicon.BYLINE_OPENERS)) + r")\s*:?\s+\S", re.IGNORECASE
)


@dataclass(frozen=True)
class Byline(NearTopFilter):
    name: ClassVar[str] = "byline"
    removes: ClassVar[str] = 'a short "By <name>" line near the top (it becomes `author`)'
    why: ClassVar[str] = "bylines are metadata; names are capitalised words after a byline opener"

    top_blocks: int = 8
    max_words: int = 12
    clue: ClassVar[re.Pattern[str]] = _BYLINE  # anchored: its search is a match

    def _check(self, block: Block) -> str | None:
        if block.word_count > self.max_words or not _BYLINE.match(block.text):
            return None
        if block.text.rstrip().endswith((".", "!", "?")) and block.word_count > 4:
            return None  # a sentence that happens to start with "By"
        name_words = words(block.text)[1:]
        if not any(word[:1].isupper() for word in name_words):
            return None
        return f"byline opener and {_count(block.word_count, 'word')} near the top"


_TAG_SEPARATORS = re.compile(r"\s*[,;|·•、，]\s*|\s+/\s+")
# Without a "Tags:" label, only commas make a tag list: "Home | News | Contact" is a menu.
_UNLABELLED_SEPARATORS = re.compile(r"[,;、，]")
# An enumeration ending in "and X" is a phrase of a sentence or heading, not a tag list.
_CONJUNCTION = re.compile(r"^(?:and|or|und|oder|et|ou|y|o|e|i|и|или|en|of)\s", re.IGNORECASE)
_TAG_LABEL = re.compile(
    # The longest label first: "Tagged with: a" is not label "Tagged" and phrase "with: a".
    r"^(?:"
    + "|".join(map(re.escape, sorted(lexicon.TAG_LABELS, key=len, reverse=True)))
    + r")(?:\s*[:：]\s*|\s+)",
    re.IGNORECASE,
)


_SENTENCE_ENDS = ".!?…。"


def _ends_sentence(text: str) -> bool:
    """Whether `text` ends with a sentence mark (or with one and a newline, as regular
    expressions' "$" allows), read from the end: a search would read the whole line."""
    last = text[-2:-1] if text[-1:] == "\n" else text[-1:]
    return last != "" and last in _SENTENCE_ENDS


def _labelled(text: str) -> bool:
    """Whether a tag label opens the line ("Tags: ...", or "Tags" on a line of its own that a
    dump joined to its list). A labelled line holds a colon or a separator, which most lines
    lack, so the label's regular expression runs on few lines."""
    return (
        ":" in text or "：" in text or _UNLABELLED_SEPARATORS.search(text) is not None
    ) and _TAG_LABEL.match(text) is not None


def tag_items(text: str) -> list[str]:
    """The phrases of a tag line, without its label ("Tags: a, b" -> ["a", "b"])."""
    text = _TAG_LABEL.sub("", text.strip())
    return [item.strip() for item in _TAG_SEPARATORS.split(text) if item.strip()]


@dataclass(frozen=True)
class TagList:
    name: ClassVar[str] = "tag_list"
    removes: ClassVar[str] = "a line of short comma-separated phrases outside the body (it becomes `tags`)"
    why: ClassVar[str] = "tag and keyword lists are metadata; prose has long clauses between commas"

    min_items: int = 3
    max_item_words: int = 4
    max_mean_item_words: float = 3.0
    # A line of links, one per phrase, or a labelled line is a tag list with longer phrases too
    # ("city council of the old town"): sentences are not linked phrase by phrase. Labelled:
    # article-extraction container dumps +0.0005 F1 (one page), nothing else changed.
    min_linked_density: float = 0.8
    max_linked_item_words: int = 6
    max_mean_linked_item_words: float = 5.0

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        span = body_span(blocks)
        start, end = span if span is not None else (len(blocks), len(blocks) - 1)
        verdicts: list[str | None] = [None] * len(blocks)
        texts = [block.text for block in blocks]
        labels = {p for p, text in enumerate(texts) if _labelled(text)}
        # Only a labelled line may be a tag list inside the body; outside, a line with a
        # separator too: the body's long lines are not searched for commas (_check asks no other).
        outside = [*range(start), *range(end + 1, len(blocks))]
        separated = [p for p in outside if p in labels or _UNLABELLED_SEPARATORS.search(texts[p])]
        labelled = sorted(p for p in labels if start <= p <= end)
        for position in chain(separated, labelled):
            outside_body = not start <= position <= end
            verdicts[position] = self._check(
                blocks[position], labelled=position in labels, outside=outside_body
            )
        return verdicts

    def _check(self, block: Block, *, labelled: bool, outside: bool) -> str | None:
        if not (labelled or outside) or _ends_sentence(block.text):
            return None
        if not labelled and not _UNLABELLED_SEPARATORS.search(block.text):
            return None
        items = tag_items(block.text)
        if len(items) < (2 if labelled else self.min_items) or _CONJUNCTION.match(items[-1]):
            return None
        lengths = [len(words(item)) for item in items]
        # A label, like a link per phrase, tells a tag list with longer phrases from a clause.
        linked = labelled or block.link_density >= self.min_linked_density
        longest = self.max_linked_item_words if linked else self.max_item_words
        mean = self.max_mean_linked_item_words if linked else self.max_mean_item_words
        if max(lengths) > longest or sum(lengths) / len(lengths) > mean:
            return None
        where = "labelled" if labelled else "outside the body"
        return f"{len(items)} separated phrases of at most {_count(max(lengths), 'word')}, {where}"


@dataclass(frozen=True)
class PageTitle:
    name: ClassVar[str] = "page_title"
    removes: ClassVar[str] = "the page's <h1> title when it stands before the body (it is `title`)"
    why: ClassVar[str] = "bodies start after the headline; measured +0.003 article-extraction F1"

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        if not _has_dom(blocks):
            return verdicts
        span = body_span(blocks)
        for position, block in enumerate(blocks[: span[0] if span else len(blocks)]):
            if block.tag == "h1":
                verdicts[position] = "the first <h1>, before the body starts"
                break
        return verdicts


# --- Widgets, related links and page furniture -----------------------------------------


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """Phrases as word tuples; those with a "*" (any one word) are stored with that word masked."""

    plain: frozenset[tuple[str, ...]]
    masked: frozenset[tuple[str, ...]]  # wildcard phrases as written, "*" included
    masks: dict[int, tuple[frozenset[int], ...]]  # phrase length -> wildcard positions in use
    first_words: frozenset[str]  # words a phrase can start with ("*" if one starts with any)
    longest: int
    first_letters_decide: bool  # every phrase starts with a word of letters: _may_start_phrases rules out
    first_words_or_unsure: frozenset[str]  # first_words and _UNSURE, which _may_start_phrases lets through
    # The lengths of the phrases each first word starts, with those of the phrases that start
    # with "*" (any_lengths, which a word that starts none gets).
    lengths: dict[str, tuple[int, ...]]
    any_lengths: tuple[int, ...]


@lru_cache(maxsize=8)
def _phrase_index(phrases: tuple[str, ...]) -> _PhraseIndex:
    split = [
        tuple(word for part in phrase.lower().split() for word in (["*"] if part == "*" else words(part)))
        for phrase in phrases
    ]
    split = [phrase for phrase in split if phrase]
    wild = [phrase for phrase in split if "*" in phrase]
    lengths: dict[str, set[int]] = {}
    for phrase in split:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    any_lengths = lengths.pop("*", set())
    masks: dict[int, set[frozenset[int]]] = {}
    for phrase in wild:
        masks.setdefault(len(phrase), set()).add(frozenset(i for i, word in enumerate(phrase) if word == "*"))
    return _PhraseIndex(
        plain=frozenset(phrase for phrase in split if "*" not in phrase),
        masked=frozenset(wild),
        masks={length: tuple(found) for length, found in masks.items()},
        first_words=frozenset(phrase[0] for phrase in split),
        longest=max((len(phrase) for phrase in split), default=0),
        first_letters_decide=all(phrase[0].isalpha() for phrase in split),
        first_words_or_unsure=frozenset(phrase[0] for phrase in split) | {_UNSURE},
        lengths={word: tuple(sorted(found | any_lengths)) for word, found in lengths.items()},
        any_lengths=tuple(sorted(any_lengths)),
    )


def widget_words(text: str, phrases: tuple[str, ...]) -> list[str] | None:
    """The words of `text` if it is made of nothing but widget phrases and numbers, else None."""
    return _widget_words(text, _indexed(phrases))


def _widget_words(text: str, index: _PhraseIndex) -> list[str] | None:
    return None if _starts_no_phrase(text, index) else _phrase_words(text, index)


def _phrase_words(text: str, index: _PhraseIndex) -> list[str] | None:
    """_widget_words(text, index), for a text that _may_start_phrases has let through."""
    found = _widget_tokens(text, index.first_words)
    first = next(found, None)
    if first is None or (first not in index.first_words and "*" not in index.first_words):
        return None  # most lines: their first word starts no phrase, and the rest is never split
    tokens = [first, *found]
    if tuple(tokens) in index.plain:
        return tokens  # one phrase ("Share", "Contact us"): most widget lines
    return tokens if _all_phrases(tokens, index) else None


def _all_phrases(tokens: list[str], index: _PhraseIndex) -> bool:
    """Whether `tokens` split into phrases of the index, one after another. From each position
    the tokens reach (a phrase ends there), only the lengths of the phrases its token starts
    are tried: most tokens start none, and the search ends where no position is left to try."""
    size = len(tokens)
    reachable = [True] + [False] * size  # reachable[i]: tokens[:i] is all phrases
    furthest = 0
    for start in range(size):
        if start > furthest:
            return False  # no phrase ends at or after this token: nothing more is reachable
        if not reachable[start]:
            continue
        for length in index.lengths.get(tokens[start], index.any_lengths):
            end = start + length
            if end <= size and not reachable[end] and _is_phrase(tuple(tokens[start:end]), index):
                reachable[end] = True
                furthest = max(furthest, end)
    return reachable[size]


def _phrase_words_of(texts: list[str], index: _PhraseIndex) -> list[list[str] | None]:
    """_phrase_words of each text, each text asked once: menus and widgets repeat in a dump."""
    found = {text: _phrase_words(text, index) for text in set(texts)}
    return list(map(found.__getitem__, texts))


def _widget_lines(
    blocks: Sequence[Block], max_words: int, index: _PhraseIndex
) -> list[tuple[int, list[str]]]:
    """The position and widget words (_widget_words) of each block of at most `max_words` words
    made only of the index's phrases: only the texts _may_start_phrases lets through are split
    into words, each text once."""
    short = [position for position, block in enumerate(blocks) if block.word_count <= max_words]
    texts = [blocks[position].text for position in short]
    let_through = [
        position for position, may in zip(short, _may_start_phrases(texts, index), strict=True) if may
    ]
    words_of = _phrase_words_of([blocks[position].text for position in let_through], index)
    return [
        (position, tokens)
        for position, tokens in zip(let_through, words_of, strict=True)
        if tokens is not None
    ]


_INDEXED: dict[int, tuple[tuple[str, ...], _PhraseIndex]] = {}


def _indexed(phrases: tuple[str, ...]) -> _PhraseIndex:
    """_phrase_index(phrases), found by the tuple's identity: its lru_cache hashes all ~300
    phrases on each call, and widget_words is asked about most lines of a dump."""
    known = _INDEXED.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1]
    if len(_INDEXED) > 8:
        _INDEXED.clear()
    index = _phrase_index(phrases)
    _INDEXED[id(phrases)] = (phrases, index)
    return index


def _starts_no_phrase(text: str, index: _PhraseIndex) -> bool:
    """A shortcut for most lines: an ASCII line whose first word (not a number) is a plain word
    that starts no phrase. A word unglue would split goes the long way."""
    if not text.isascii() or "*" in index.first_words:
        return False
    first = next(iter(text.split(None, 1)), "").strip(string.punctuation)
    if first.isalpha():  # the first word, whole: most lines
        return (first.islower() or first[1:].islower()) and first.lower() not in index.first_words
    for word in words(text):
        if not word.isdigit():
            plain = word.isalpha() and (word.islower() or word[1:].islower())
            return plain and word.lower() not in index.first_words
    return False


def _may_start_phrases(texts: Sequence[str], index: _PhraseIndex) -> list[bool]:
    """False for each text that _widget_words surely finds no phrase in, judged by one match of
    a regular expression (most lines of a dump), True for the rest, which _widget_words asks.
    Ruled out: a text with nothing but marks and ASCII digits, or whose first letters, after
    those, are an ASCII word that ends at a mark, an ASCII digit or the end, is plain (lower
    case after its first letter, or all capitals: unglue leaves it whole) and starts no phrase.
    Its first widget token is then that word in lower case, or one that holds a digit ("2a")
    or a mark ("・"), which no phrase starts with (index.first_letters_decide)."""
    if not index.first_letters_decide:
        return [True] * len(texts)
    first_words = index.first_words_or_unsure
    plain_first = _PLAIN_FIRST_WORD  # it always matches
    return [plain_first(text).groups(_UNSURE)[0].lower() in first_words for text in texts]  # type: ignore[union-attr]


# Always matches, after marks (not str.isalnum) and ASCII digits: group 1 holds the first
# letters when they are a plain ASCII word that ends at a mark, an ASCII digit or the end, ""
# at the end of a text without letters, and nothing otherwise (then _UNSURE). Possessive: "Café"
# must not give "Caf".
_PLAIN_FIRST_WORD = re.compile(r"[\W_0-9]*+(?:([A-Za-z][a-z]*+|[A-Z]++|\Z)(?![^\W_0-9]))?").match
_UNSURE = "?"  # no phrase starts with it (first_letters_decide), and no first word is it


def _widget_tokens(text: str, known: frozenset[str] = frozenset()) -> Iterator[str]:
    """The lower-case words of unglue(text) that are not numbers, lazily. An ASCII word that is
    all letters, lower case after its first, has no glue inside ("Share"): it skips unglue's
    regular expression, which costs more than the rest of widget_words together. A `known`
    word stays whole whatever its capitals ("WhatsApp", "YouTube" are not two words)."""
    if not text.isascii():
        yield from (token for token in words(_lower(unglue(text))) if not token.isdigit())
        return
    for word in words(text):
        if word.isalpha() and (word.islower() or word[1:].islower() or word.lower() in known):
            yield word.lower()
        elif not word.isdigit():
            yield from (piece for piece in unglue(word).lower().split() if not piece.isdigit())


def _is_phrase(candidate: tuple[str, ...], index: _PhraseIndex) -> bool:
    if candidate in index.plain:
        return True
    return any(
        tuple("*" if i in mask else word for i, word in enumerate(candidate)) in index.masked
        for mask in index.masks.get(len(candidate), ())
    )


@dataclass(frozen=True)
class WidgetPhrase:
    name: ClassVar[str] = "widget_phrase"
    removes: ClassVar[str] = (
        "short blocks made only of widget phrases (share, listen, comment, subscribe, ...)"
    )
    why: ClassVar[str] = "player, share and comment widgets print the same few phrases on every site"
    # A card group or a thread keeps its members' buttons ("Add to cart", "2 likes", "Quote")
    # with them; a rescue vouches for a block's place, and a button is no text wherever it is.
    # Measured with clean() on every dev page: WCXB collection 0.7061 -> 0.7079, article, forum,
    # listing and service +0.03 to +0.05 page points each, product -0.01 (6 pages down by at
    # most 0.010, 27 up by up to 0.048); article-extraction unchanged.
    outranks_rescue: ClassVar[bool] = True

    phrases: tuple[str, ...] = lexicon.WIDGET_PHRASES
    max_words: int = 16

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        for position, tokens in _widget_lines(blocks, self.max_words, _indexed(self.phrases)):
            block = blocks[position]
            if _could_be_heading(block, tokens) and _prose_follows(blocks, position):
                continue  # "Discussion" heading over real paragraphs
            verdicts[position] = f"only widget phrases ({unglue(block.text)[:60]})"
        return verdicts


# Marks that stand around or between a footer's links ("• Privacy Policy", "Terms | Privacy").
_LINK_MARKS = " \t•·|/>»›-–—*"
_LINK_SEPARATORS = re.compile(r"[ \t]*[|•·/][ \t]*")
# What a line of several links holds, or a lowered Turkish capital İ (see _lower).
_SPLIT_SIGN = re.compile("[|/•·\u0307]")


def _site_link_lines(texts: Sequence[str]) -> set[int]:
    """The numbers of the texts that are nothing but links of lexicon.SITE_LINKS, whatever marks
    stand around or between them. Most such lines are one link, found by a look-up; only the
    lines with a separator are split (looked for in all lines joined first)."""
    keys = [text.strip(_LINK_MARKS).lower() for text in texts]
    found = {number for number, key in enumerate(keys) if key in lexicon.SITE_LINKS}
    if not _SPLIT_SIGN.search("\n".join(keys)):
        return found
    for number in [number for number, key in enumerate(keys) if _SPLIT_SIGN.search(key)]:
        if all(part in lexicon.SITE_LINKS for part in _LINK_SEPARATORS.split(_lower(keys[number]))):
            found.add(number)
    return found


@dataclass(frozen=True)
class SiteLinks:
    name: ClassVar[str] = "site_links"
    removes: ClassVar[str] = "runs of short lines around two or more site links (Privacy policy, About us)"
    why: ClassVar[str] = "a footer or account menu lists the site's own pages; no text lists them in a row"
    # Measured with clean(), F1: WCXB dev page-htmltext dumps 0.8139 -> 0.8157 (listing +1.2,
    # collection +0.6 points), page-bs4 0.8040 -> 0.8067, containers and article-extraction
    # dumps +0.00 to +0.01; HTML pages: WCXB 0.8694 -> 0.8695 (listing +0.11), article-extraction
    # unchanged. 1 in 10 words it drops is in the truth (footers some truths keep).

    max_words: int = 6  # a menu's line; longer ones, and sentences, end the run
    min_links: int = 2
    max_gap: int = 8  # lines between two site links of one menu
    reach: int = 20  # short lines of the same menu before its first link and after its last

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        short = [block.word_count <= self.max_words and not block.prose for block in blocks]
        candidates = list(compress(range(len(blocks)), short))
        found = _site_link_lines([blocks[p].text for p in candidates])
        links = [p for number, p in enumerate(candidates) if number in found]
        for menu in self._menus(links, short):
            first, last = menu[0], menu[-1]
            while first > 0 and menu[0] - first < self.reach and short[first - 1]:
                first -= 1
            while last + 1 < len(blocks) and last - menu[-1] < self.reach and short[last + 1]:
                if last + 2 < len(blocks) and blocks[last + 2].prose:
                    break  # the heading of the text after the menu
                last += 1
            examples = ", ".join(repr(blocks[p].text[:30]) for p in menu[:3])
            reason = f"in a run of short lines with {_count(len(menu), 'site link')} ({examples})"
            verdicts[first : last + 1] = [reason] * (last + 1 - first)
        return verdicts

    def _menus(self, links: list[int], short: list[bool]) -> list[list[int]]:
        """The site links grouped by menu: each within max_gap short lines of the last."""
        menus: list[list[int]] = []
        for position in links:
            if menus and position - menus[-1][-1] <= self.max_gap and all(short[menus[-1][-1] : position]):
                menus[-1].append(position)
            else:
                menus.append([position])
        return [menu for menu in menus if len(menu) >= self.min_links]


_NOTICES = tuple(
    (keyword, re.compile("|".join(patterns), re.IGNORECASE))
    for keyword, patterns in lexicon.NOTICE_PATTERNS.items()
)
# The first character of each keyword beyond Latin-1 ("права", "著作権"): looked for alone, at
# the speed of memchr, it rules the keyword out of pages in other scripts, where a search for
# the whole keyword reads all the text (in a page all in Latin-1, that search ends at once).
_NOTICE_GATES = {keyword: keyword[0] for keyword in lexicon.NOTICE_PATTERNS if max(keyword) > "\xff"}


_NOTICE_MEMO: dict[str, str | None] = {}  # several filters ask about each line of a dump
_NOTICE_MEMO_SIZE = 1 << 16
_UNSEEN = object()  # what the memo gives for a text not in it


def notice_phrase(text: str) -> str | None:
    """The first notice phrase in `text` ("All rights reserved"), or None."""
    try:
        return _NOTICE_MEMO[text]  # asked again by the next filter, most often
    except KeyError:
        return notice_phrases((text,))[0]


def notice_phrases(texts: Sequence[str]) -> list[str | None]:
    """notice_phrase of each text. The keywords are looked for in all new texts joined, once
    each, so that a line is searched only for the few keywords its dump holds: the ~35 tests
    per line were a fifth of the time on whole-page dumps."""
    memo = _NOTICE_MEMO
    found = list(map(memo.get, texts, repeat(_UNSEEN)))
    if _UNSEEN not in found:  # each text asked before, by an earlier filter: found in C
        return found  # type: ignore[return-value]
    # Kept here too: threads share the memo, and another may empty it meanwhile.
    known: dict[str, object] = dict(zip(texts, found, strict=True))
    new = [text for text, phrase in known.items() if phrase is _UNSEEN]
    if len(memo) + len(new) > _NOTICE_MEMO_SIZE:
        memo.clear()
    phrases = _first_notices(new)
    known.update(zip(new, phrases, strict=True))
    memo.update(zip(new, phrases, strict=True))
    return list(map(known.__getitem__, texts))  # type: ignore[arg-type]


def _first_notices(texts: list[str]) -> list[str | None]:
    """The leftmost notice phrase of each text. Each keyword is looked for in C, in all the
    texts at once, and its pattern run only on the texts that hold it."""
    lowered = list(map(str.lower, texts))
    joined = "\n".join(lowered)  # no keyword holds a newline: a match lies in one text
    starts = _starts(lowered)
    matches: dict[int, list[re.Match[str]]] = {}
    for keyword, pattern in _NOTICES:
        gate = _NOTICE_GATES.get(keyword)
        if gate is not None and gate not in joined:
            continue
        for position in _texts_holding(keyword, joined, starts):
            match = pattern.search(texts[position])
            if match is not None:
                matches.setdefault(position, []).append(match)
    phrases: list[str | None] = [None] * len(texts)
    for position, found in matches.items():
        phrases[position] = min(found, key=_START).group(0)  # the first keyword's, on a tie
    return phrases


_START = methodcaller("start")


def _starts(texts: list[str]) -> list[int]:
    """Where each text starts in "\\n".join(texts), and where one more would."""
    return list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))


def _texts_holding(word: str, joined: str, starts: list[int]) -> list[int]:
    """The positions of the texts that hold `word` (which holds no newline), in order, found
    in C in the texts joined by newlines (`starts`: _starts of the texts). A dump has thousands
    of lines and a word is in few: each look is at the rest of the texts, not at each text."""
    found: list[int] = []
    at = joined.find(word)
    while at >= 0:
        position = bisect_right(starts, at) - 1
        found.append(position)
        at = joined.find(word, starts[position + 1])  # in the texts after this one
    return found


@dataclass(frozen=True)
class Notice(BlockFilter):
    name: ClassVar[str] = "notice"
    removes: ClassVar[str] = "cookie banners, copyright lines, newsletter pitches, enable-JavaScript notices"
    why: ClassVar[str] = "every site prints the same few notice sentences; C4 drops lines naming cookies"
    # A notice is no text wherever it stands, also in a rescued card group or thread. With
    # story_link's and photo_credit's: WCXB collection +0.03, service +0.02, article +0.01,
    # listing -0.01 page points (one page by 0.006); article-extraction unchanged.
    outranks_rescue: ClassVar[bool] = True

    max_words: int = 60  # copyright and credit paragraphs run long; measured +0.0004 article F1 over 40

    def check(self, block: Block) -> str | None:
        if block.word_count > self.max_words:
            return None
        phrase = notice_phrase(block.text)
        return f'{_count(block.word_count, "word")} with the notice phrase "{phrase}"' if phrase else None

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        """check() of each block, the blocks short enough asked at once (notice_phrases)."""
        verdicts: list[str | None] = [None] * len(blocks)
        short, texts, phrases = _short_notices(blocks, self.max_words)
        for position, phrase in compress(zip(short, phrases, strict=True), phrases):
            size = _count(blocks[position].word_count, "word")
            verdicts[position] = f'{size} with the notice phrase "{phrase}"'
        if not _has_dom(blocks):
            # Most lines hold no colon, and do not open with "Image ...": only the others may credit.
            may_credit = [
                (position, text)
                for position, text in zip(short, texts, strict=True)
                if ":" in text or text.startswith(_IMAGE_OPENERS)
            ]
            for position, text in may_credit:
                credit = _photo_credit(text) if verdicts[position] is None else None
                if credit is not None:
                    verdicts[position] = f'a photo credit or caption ("{credit}"), in a text dump'
        return verdicts


_CAPTION = re.compile("|".join(lexicon.CAPTION_PATTERNS), re.IGNORECASE)


_IMAGE_OPENERS = ("Image ", "image ", "IMAGE ")


def _may_credit(text: str) -> bool:
    """Credits hold a colon ("Photo: AP") or open with "Image" ("Image copyright Getty"), and name
    a picture or a credit: an ASCII line, whose case folds as lower() does, without one of the
    caption words is not searched (the patterns look at every position of the long lines)."""
    if not (":" in text or text.startswith(_IMAGE_OPENERS)):
        return False
    return not text.isascii() or any(map(text.lower().__contains__, lexicon.CAPTION_WORDS))


def _photo_credit(text: str) -> str | None:
    """The credit in a dump line that is a photo credit ("Photo: AP") or a caption ending with
    one ("... (Image: Getty)"). HTML keeps captions in <figcaption>, which trafilatura judges."""
    found = _CAPTION.search(text) if _may_credit(text) else None
    return found.group(0).strip() if found else None


def _could_be_heading(block: Block, tokens: list[str]) -> bool:
    """Section words without a count: "Comments" may head a section, "12 Comments" is a widget."""
    return set(tokens) <= lexicon.SECTION_WORDS and not any(char.isdigit() for char in block.text)


def _prose_follows(blocks: Sequence[Block], position: int) -> bool:
    return position + 1 < len(blocks) and blocks[position + 1].is_prose()


_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True)
class NestedArticle:
    name: ClassVar[str] = "nested_article"
    removes: ClassVar[str] = "posts listed inside the article: sibling <article>s named alike, one per post"
    why: ClassVar[str] = (
        "the article's own text sits outside them; like <article>s within it list other posts"
    )

    min_posts: int = 3  # distinct <article>s of one kind ("article.post-7816", "article.post-7908", ...)

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        if not _has_dom(blocks):
            return verdicts
        # Only a path naming "article" has segments of one (a substring test first: most have none).
        paths = [_segments(block, "article") if "article" in block.path else [] for block in blocks]
        if not any(len(path) == 1 and block.prose for path, block in zip(paths, blocks, strict=True)):
            return verdicts  # no prose of the article's own, outside any nested one
        kinds: dict[str, set[str]] = {}
        for path in paths:
            if len(path) >= 2:
                kinds.setdefault(_NUMBERS.sub("", path[-1]), set()).add(path[-1])
        for position, path in enumerate(paths):
            if len(path) >= 2 and len(posts := kinds[_NUMBERS.sub("", path[-1])]) >= self.min_posts:
                verdicts[position] = (
                    f"inside one of {len(posts)} <{_NUMBERS.sub('N', path[-1])}>s within the article"
                )
        return verdicts


@dataclass(frozen=True)
class RelatedHeadlines:
    name: ClassVar[str] = "related_headlines"
    removes: ClassVar[str] = "runs of headline-shaped lines after the body ends (related links)"
    why: ClassVar[str] = "related-story lists follow the article: titles without sentence punctuation"

    min_run: int = 2
    min_words: int = 3
    max_words: int = 25
    min_link_density: float = 0.5  # HTML only: a related headline is a link
    min_prose_share: float = PROSE_PAGE_SHARE  # text dumps: below it, headline runs are listings
    min_run_share: float = PROSE_RUN_SHARE
    # HTML: a run of linked headlines with more words than the body's prose is the page's own
    # list (a listing's or a shop category's items after its introduction), not links beside it.
    # Measured, WCXB dev: listing 0.6858 -> 0.6890, collection 0.6929 -> 0.6951 (one category
    # page whose truth is its introduction alone lost 0.54); article-extraction unchanged.
    max_run_to_body_words: float = 1.0

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        span = body_span(blocks)
        verdicts: list[str | None] = [None] * len(blocks)
        if span is None or not prose_is_body(blocks, self.min_prose_share, self.min_run_share):
            return verdicts
        dom = _has_dom(blocks)
        if not dom:  # HTML boxes are left to trafilatura and link density
            self._headed_runs(blocks, verdicts)
        body_words = _prose_words(blocks[span[0] : span[1] + 1])
        run: list[int] = []
        for position in range(span[1] + 1, len(blocks) + 1):
            if position < len(blocks) and self._headline(blocks[position]):
                run.append(position)
                continue
            introduced = bool(run) and blocks[run[0] - 1].text.rstrip()[-1:] in ":："
            listed = dom and sum(blocks[p].word_count for p in run) > self.max_run_to_body_words * body_words
            if len(run) >= self.min_run and not introduced and not listed:  # "Tour dates:" introduces a list
                for member in run:
                    verdicts[member] = f"headline-shaped, in a run of {len(run)} after the body ends"
            run = []
        return verdicts

    def _headed_runs(self, blocks: Sequence[Block], verdicts: list[str | None]) -> None:
        """Marks each run of headlines under a section heading ("Most read in World", "More
        from UK"), and its heading, wherever it stands in a dump: boxes inside the body.
        Measured, F1: article-extraction container-htmltext 0.965 -> 0.966, page-htmltext
        0.887 -> 0.888; the other sets +0.0001 to +0.0005, recall unchanged."""
        for position in _section_headings(blocks, OutsideProseRun.section_end_words):
            block = blocks[position]
            end = position + 1
            while end < len(blocks) and self._headline(blocks[end]):
                end += 1
            if end - position - 1 >= self.min_run:
                reason = f"a run of {end - position - 1} headlines under the heading {block.text[:40]!r}"
                verdicts[position:end] = [reason] * (end - position)

    def _headline(self, block: Block) -> bool:
        if not self.min_words <= block.word_count <= self.max_words:
            return False
        if block.tag is not None and block.link_density < self.min_link_density:
            return False
        return not _HEADLINE_END.search(block.text)


_HEADLINE_END = re.compile(r"[.!…:;。]$")


# Class/id words of the boxes that list other stories: "related-posts", "latest-news-box",
# "most-read", "read-next", and the recommendation widgets' own names. Not "recommended": an
# article's own section of recommendations (a packing list) is named so.
_OTHER_STORIES = re.compile(
    r"(?:^|[\s_-])(?:related|latest|trending|most[-_]?(?:read|popular|viewed|shared)"
    r"|more[-_](?:stories|news|articles|posts)|read[-_]?next|up[-_]?next|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ConsentDialog:
    name: ClassVar[str] = "consent_dialog"
    removes: ClassVar[str] = "text inside a cookie-consent dialog, named so by its class or id"
    why: ClassVar[str] = (
        "consent dialogs hold paragraphs of policy prose that extractors take for the body; "
        "the consent managers' class names say what they are"
    )

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        if not _has_dom(blocks):
            return [None] * len(blocks)
        named = matched_hints(CONSENT_DIALOG, map(_HINTS, blocks))
        if not named:
            return [None] * len(blocks)
        return [
            f"inside a consent dialog (class or id {found.group(0).strip()!r})"
            if (found := named.get(block.hints))
            else None
            for block in blocks
        ]


@dataclass(frozen=True)
class OtherStories:
    name: ClassVar[str] = "other_stories"
    removes: ClassVar[str] = "blocks after the body ends inside a box named for related or latest stories"
    why: ClassVar[str] = (
        "teaser boxes follow the article and their teasers read as sentences; the box's class says what it is"
    )

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        if not _has_dom(blocks):
            return verdicts
        box_names = matched_hints(_OTHER_STORIES, map(_HINTS, blocks))
        if not box_names:
            return verdicts
        boxes = [box_names.get(block.hints) for block in blocks]
        # The body ends at its last prose outside such boxes: teasers are sentences too.
        last = max((p for p, block in enumerate(blocks) if block.prose and not boxes[p]), default=None)
        if last is None:
            return verdicts
        for position in range(last + 1, len(blocks)):
            named = boxes[position]
            if named:
                box = named.group(0).strip(" -_")
                verdicts[position] = f"after the body ends, inside a box named {box!r}"
        return verdicts


# Class/id words of a site's small print: "legal", "disclaimer", "fine-print". Not "disclosure":
# shops name their collapsible product sections so (a <details> "disclosure" widget).
_FINE_PRINT = _class_words(r"legal|disclaimers?|fine-?print")


@dataclass(frozen=True)
class FinePrint(NamedElementFilter):
    name: ClassVar[str] = "fine_print"
    removes: ClassVar[str] = "blocks whose element, or its parent, is named as legal text or a disclaimer"
    why: ClassVar[str] = (
        "terms of offers, advertiser disclosures and legal notes are the site's small print, not the "
        "page's text, however sentence-like; their class says what they are"
    )
    # Measured with clean() on every dev page: outranking a card group's rescue (the offer terms
    # printed in a card) took WCXB dev service 0.8321 -> 0.8325, product 0.6892 -> 0.6895.
    named: ClassVar[re.Pattern[str]] = _FINE_PRINT
    stems: ClassVar[tuple[str, ...]] = ("legal", "disclaimer", "fine")


# Class words of a shop's review widget: the review's text or body, an individual review, a
# list of them. Not "user reviews" alone: a review site names its own verdicts so.
_CUSTOMER_REVIEW = _class_words(
    r"review[-_]?(?:text|body|content)|individual[-_]?review|customer[-_]?reviews?|reviews?[-_]?list"
)


@dataclass(frozen=True)
class CustomerReview(NamedElementFilter):
    name: ClassVar[str] = "customer_review"
    removes: ClassVar[str] = "shoppers' reviews, in an element named as a review's text or a list of reviews"
    why: ClassVar[str] = (
        "shops print what buyers said under a product or a category; like comments, they are not "
        "the page's text, however sentence-like"
    )
    # A card group rescues a list of reviews as the page's list. Measured with clean() on every
    # dev page: WCXB product 0.6895 -> 0.6945, collection 0.6991 -> 0.7030, service +0.0003;
    # article -0.0001 (a VPN review whose truth keeps its readers' reviews, 10 pages up, 1 down);
    # article-extraction unchanged (no page has such elements).
    named: ClassVar[re.Pattern[str]] = _CUSTOMER_REVIEW
    stems: ClassVar[tuple[str, ...]] = ("review",)


# Class words of a preview card that a forum or a chat makes of a posted link.
_LINK_PREVIEW = _class_words(r"onebox|link[-_]?preview|link[-_]?card|embed[-_]?card|rich[-_]?preview")


@dataclass(frozen=True)
class LinkPreview(NamedElementFilter):
    name: ClassVar[str] = "link_preview"
    removes: ClassVar[str] = (
        "the preview card of a linked page inside a post (Discourse's onebox, link cards)"
    )
    why: ClassVar[str] = (
        "forums expand a posted link into the linked page's title and opening lines: that text is "
        "the other page's, not the post's"
    )
    # A thread's rescue keeps its posts with their previews. Measured with clean() on every dev
    # page: WCXB forum 0.8094 -> 0.8109 (4 threads up, none down), the other types and
    # article-extraction unchanged.
    named: ClassVar[re.Pattern[str]] = _LINK_PREVIEW
    stems: ClassVar[tuple[str, ...]] = ("onebox", "preview", "card")


# Class words of a card's or a post's bar of buttons ("product-actions", "card__actions").
_ACTION_BAR = _class_words("actions")


@dataclass(frozen=True)
class ActionBar(NamedElementFilter):
    name: ClassVar[str] = "action_bar"
    removes: ClassVar[str] = "the labels of an element named as an action bar (a card's or a post's buttons)"
    why: ClassVar[str] = (
        "product cards and posts print their buttons in a bar named so (add to cart, wishlist, "
        "reply); button labels are not text, and a card group would rescue them"
    )
    # Measured with clean() on every dev page: WCXB collection 0.7030 -> 0.7055, listing 0.6916 ->
    # 0.6922, product +0.0001; 16 pages up by 0.001-0.133, one down by 0.003, once a heading's own
    # id is left out (a docs page headed "GitHub Actions" lost 0.003); article-extraction unchanged.
    named: ClassVar[re.Pattern[str]] = _ACTION_BAR
    stems: ClassVar[tuple[str, ...]] = ("actions",)


def _spaced_lower(text: str) -> str:
    """The text in lower case with its whitespace collapsed to single spaces, without splitting
    text that is spaced so already (dump lines are)."""
    lowered = text.lower()
    return lowered if plainly_spaced(lowered) else " ".join(lowered.split())


def _earliest_positions(keys: list[str]) -> list[int] | None:
    """For each key, the first position of an equal key; None when no key repeats (most
    pages), which is told in C."""
    first = dict(zip(reversed(keys), reversed(range(len(keys))), strict=True))
    if len(first) == len(keys):
        return None
    return list(map(first.__getitem__, keys))


def _spaced_lowers(texts: list[str]) -> list[str]:
    """_spaced_lower of each text. When none has whitespace to collapse (a dump's lines never
    have), one look at them all joined tells, and each text is only lowered, in C."""
    lowered = list(map(str.lower, texts))
    if plainly_spaced(" ".join(lowered)):
        return lowered
    return list(map(_spaced_lower, texts))


@dataclass(frozen=True)
class RepeatedBlock:
    name: ClassVar[str] = "repeated_block"
    removes: ClassVar[str] = (
        "a heading or link repeated from earlier, or any block repeated within a few blocks"
    )
    why: ClassVar[str] = (
        "templates repeat titles, teasers and links; articles rarely repeat a paragraph nearby"
    )

    min_chars: int = 20
    max_gap: int = 3  # blocks between a paragraph and its copy
    # In a text dump a gallery prints each caption and credit again a few lines later ("Image 1
    # of 8", "Caption"), which the dump keeps apart. Measured, F1: article-extraction container
    # htmltext 0.963 -> 0.965, page-htmltext 0.885 -> 0.887; WCXB sets +0.000 to +0.001, page-bs4
    # recall 0.902 -> 0.902 (16 lines: container-bs4 +0.002 more, but page-bs4 recall 0.900).
    dump_max_gap: int = 8

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        keys = _spaced_lowers(list(map(_TEXT, blocks)))
        earliest = _earliest_positions(keys)
        if earliest is None:
            return [None] * len(blocks)
        verdicts: list[str | None] = [None] * len(blocks)
        gap = self.max_gap if _has_dom(blocks) else self.dump_max_gap
        for position in compress(count(), map(lt, earliest, count())):  # the copies, found in C
            block, earlier = blocks[position], earliest[position]
            if len(keys[position]) < self.min_chars:
                continue
            if block.kind == "heading" or block.link_density > 0.5:
                verdicts[position] = f"repeats the {block.kind} of block {earlier + 1}"
            elif position - earlier <= gap:
                verdicts[position] = f"repeats block {earlier + 1}, {position - earlier} blocks earlier"
        return verdicts


@dataclass(frozen=True)
class DuplicateBlock:
    name: ClassVar[str] = "duplicate_block"
    removes: ClassVar[str] = (
        "a second or third copy of a paragraph or line of the page, however far apart, and a "
        "section printed again block for block"
    )
    why: ClassVar[str] = (
        "responsive layouts, sticky summaries and quoting print the same text twice; a copy adds nothing"
    )
    # A structure rule vouches for a block's place in the main content, not for printing it twice:
    # a page laid out twice for phone and desktop is rescued twice.
    outranks_rescue: ClassVar[bool] = True

    min_words: int = 5
    # A text printed more often than this is an item of a template of parallel sections (a meal
    # plan's days, pricing tiers), whose copies are content: such a page keeps them all.
    max_copies: int = 3
    # Parallel lists, tables, quotations and code samples repeat their items by design.
    kinds_kept: frozenset[str] = frozenset({"list_item", "table_row", "quote", "code"})
    # A section laid out again for another screen size repeats a long run of blocks in order,
    # however short each is ("Drew", "3.6x"), and however often. A template of parallel
    # sections repeats shorter runs (a meal plan's "Meal 1 / Eat every 2-3 hours / ..." broke
    # at 10 blocks), and documentation repeats its steps for each language's code tab.
    min_run_blocks: int = 12
    min_run_words: int = 20

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        # Dumps too: a forum's quoted posts, a product's or a card's text printed twice are
        # copies there as well. Measured on dumps, F1: WCXB page-htmltext 0.8156 -> 0.8193,
        # page-bs4 0.8066 -> 0.8102 (recall 0.9095 -> 0.9063), container-htmltext 0.8889 ->
        # 0.8905, container-bs4 0.8873 -> 0.8891 (forum +0.012); article-extraction page
        # dumps +0.001, container dumps +0.000.
        keys = _spaced_lowers(list(map(_TEXT, blocks)))
        earliest = _earliest_positions(keys)
        if earliest is None:
            return verdicts
        seen_before = bytes(map(lt, earliest, count()))  # 1 where the text appeared earlier
        self._mark_copied_runs(keys, blocks, verdicts, seen_before)
        copies = Counter(compress(keys, (block.word_count >= self.min_words for block in blocks)))
        most = max(copies.values(), default=1)
        if most == 1 or most > self.max_copies:
            return verdicts
        for position in compress(count(), seen_before):
            block = blocks[position]
            if keys[position] in copies and block.kind not in self.kinds_kept:
                verdicts[position] = (
                    f"copies block {earliest[position] + 1} ({_count(block.word_count, 'word')})"
                )
        return verdicts

    def _mark_copied_runs(
        self, keys: list[str], blocks: Sequence[Block], verdicts: list[str | None], seen_before: bytes
    ) -> None:
        """Mark each run of blocks that repeats an earlier run in order, block for block. A copied
        run can only start where the next min_run_blocks texts each appeared before
        (`seen_before`, a 1 byte per such block), which a search finds in C."""
        streak = re.compile(b"(?=\x01{%d})" % self.min_run_blocks)
        starts = [found.start() for found in streak.finditer(seen_before)]
        if not starts:
            return  # no line starts min_run_blocks lines seen before: most pages
        positions: dict[str, list[int]] = {}  # every position of a key: later ones match nothing
        for position, key in enumerate(keys):
            positions.setdefault(key, []).append(position)
        resume = 0
        for position in starts:
            if position < resume:
                continue  # inside a run already matched: a run that is no copy has no tail that is one
            source, length = _longest_earlier_run(keys, position, positions[keys[position]])
            if length < self.min_run_blocks:
                continue
            run = range(position, position + length)
            if self._is_copied_section(keys, blocks, run):
                words = sum(blocks[p].word_count for p in run)
                reason = (
                    f"repeats blocks {source + 1}-{source + length} in order ({length} blocks, {words} words)"
                )
                for p in run:
                    verdicts[p] = reason
            resume = position + length

    def _is_copied_section(self, keys: list[str], blocks: Sequence[Block], run: range) -> bool:
        """A run of varied prose and labels, not of one repeated label ("Winner", "Winner", ...),
        nor of list items, rows or code that may repeat by design."""
        run_blocks = [blocks[p] for p in run]
        return (
            sum(block.word_count for block in run_blocks) >= self.min_run_words
            and len({keys[p] for p in run}) >= len(run) // 2
            and not any(block.kind in self.kinds_kept or _CODE_LIKE(block.text) for block in run_blocks)
        )


def _longest_earlier_run(keys: list[str], start: int, sources: Sequence[int]) -> tuple[int, int]:
    """The earlier position whose run of equal keys, ending before `start`, is the longest match
    of the run from `start`, and that length."""
    best_source, best_length = -1, 0
    for source in sources:
        length = 0
        while (
            start + length < len(keys)
            and source + length < start
            and keys[source + length] == keys[start + length]
        ):
            length += 1
        if length > best_length:
            best_source, best_length = source, length
    return best_source, best_length


@dataclass(frozen=True)
class OutsideBody:
    name: ClassVar[str] = "outside_body"
    removes: ClassVar[str] = "short non-sentence lines before the body starts or after it ends"
    why: ClassVar[str] = "menus, footers and widgets cluster around the prose run; body lines are sentences"

    max_words: int = 12
    min_prose_share: float = PROSE_PAGE_SHARE  # text dumps: below it, the prose is not the body
    min_run_share: float = PROSE_RUN_SHARE

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        span = body_span(blocks)
        verdicts: list[str | None] = [None] * len(blocks)
        if span is None or not prose_is_body(blocks, self.min_prose_share, self.min_run_share):
            return verdicts
        outside = chain(range(span[0]), range(span[1] + 1, len(blocks)))  # the body's own lines stay
        for position in outside:
            block = blocks[position]
            if block.in_main_content or block.prose or block.word_count > self.max_words:
                continue
            where = "before the body starts" if position < span[0] else "after the body ends"
            verdicts[position] = f"{_count(block.word_count, 'word')} without a sentence ending, {where}"
        return verdicts


# "Related: <headline>": a label, a colon, then at most a headline's words. Not after an opening
# bracket: "(Related reading: ...)" is the author's aside inside a paragraph.
_STORY_LINK = re.compile(
    r"^[\s\[»>]*(?:" + "|".join(map(re.escape, lexicon.STORY_LINK_LABELS)) + r")\s*[:：]\s*(\S.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StoryLink(BlockFilter):
    name: ClassVar[str] = "story_link"
    removes: ClassVar[str] = 'a line that links another story from inside the body ("Related: <headline>")'
    why: ClassVar[str] = (
        "sites set links to their other stories between an article's paragraphs; the headline "
        "after the label belongs to that story"
    )
    outranks_rescue: ClassVar[bool] = True  # what the label says decides, not the line's place

    max_words: int = 20  # a headline's length

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        """check() of each block, asked only of the few that it does not rule out at once (a
        call for each line of a dump cost more than the look at the line)."""
        verdicts: list[str | None] = [None] * len(blocks)
        most = self.max_words + 3
        for position in [
            p
            for p, block in enumerate(blocks)
            if block.word_count <= most and (":" in block.text or "：" in block.text)
        ]:
            verdicts[position] = self.check(blocks[position])
        return verdicts

    def check(self, block: Block) -> str | None:
        if block.word_count > self.max_words + 3 or (":" not in block.text and "：" not in block.text):
            return None
        found = _STORY_LINK.match(block.text)
        if found is None:
            return None
        headline = len(found[1].split())
        if headline > self.max_words:
            return None
        label = block.text[: found.start(1)].strip()
        return f'a link to another story: "{label}" and a headline of {_count(headline, "word")}'


# An agency's credit that closes a line: after a separator, "via" or a bracket ("Jane Doe/Getty
# Images", "Photo: Shutterstock", "... via Getty Images"), or the newswires' "(AP Photo/Jane Doe)".
_AGENCY_CREDIT = re.compile(
    r"(?:^|[/|©:]\s*|\bvia\s+|\(\s*)(?:"
    + "|".join(agency.replace(" ", " ?") for agency in lexicon.PHOTO_AGENCIES)
    + r")(?:\.com)?\b[^.!?]{0,30}[.)\]]?\s*$"
    + r"|\((?:"
    + "|".join(lexicon.NEWSWIRES)
    + r")(?: photos?| images)?\s*/[^)]*\)\W*$",
    re.IGNORECASE,
)


def _fewest_holding(strings: set[str]) -> tuple[str, ...]:
    """The strings that hold none of the others: a text holds one of `strings` if it holds one of these."""
    return tuple(sorted(s for s in strings if not any(other != s and other in s for other in strings)))


# Strings of which each credit holds one, in lower case: the lines without any are not searched,
# and most pages hold none. Each string is one more scan of the page: "getty" serves for
# "gettyimages", "(ap" for "(ap photo/".
_CREDIT_WORDS = _fewest_holding(
    {agency.split()[0] for agency in lexicon.PHOTO_AGENCIES} | {f"({wire}" for wire in lexicon.NEWSWIRES}
)


@dataclass(frozen=True)
class PhotoCredit:
    name: ClassVar[str] = "photo_credit"
    removes: ClassVar[str] = (
        'a picture\'s credit to a photo agency, or a caption ending with one ("Jane Doe/Getty Images")'
    )
    why: ClassVar[str] = (
        "captions and credits stay between the paragraphs, as text in a dump and often in "
        "<figcaption> or a <p> in HTML; the agency's name closes them"
    )
    outranks_rescue: ClassVar[bool] = True  # a card's caption credit is a credit all the same

    max_words: int = 40  # a dump's caption with its credit
    # In HTML, only a credit with a few words of caption: a listing's cards keep whole captions
    # as teasers (measured on WCXB dev: at 40 words, listing -0.0007; at 12, +0.0000).
    max_words_in_html: int = 12

    def check_all(self, blocks: Sequence[Block]) -> list[str | None]:
        verdicts: list[str | None] = [None] * len(blocks)
        max_words = self.max_words_in_html if _has_dom(blocks) else self.max_words
        short = [position for position, block in enumerate(blocks) if block.word_count <= max_words]
        lowered = [blocks[position].text.lower() for position in short]
        joined = "\n".join(lowered)
        present = [word for word in _CREDIT_WORDS if word in joined]
        if not present:
            return verdicts  # most pages name no agency: told in C
        starts = _starts(lowered)
        holding = set(chain.from_iterable(_texts_holding(word, joined, starts) for word in present))
        for position in [short[number] for number in sorted(holding)]:
            credit = _AGENCY_CREDIT.search(blocks[position].text)
            if credit is not None:
                words = _count(blocks[position].word_count, "word")
                verdicts[position] = f'{words} ending with a photo credit ("{credit[0].strip()}")'
        return verdicts
