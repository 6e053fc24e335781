"""The pipeline: DEFAULT_FILTERS, their order, and clean(), the one front door.

Read top to bottom, clean() is the whole library:
  1. bytes become text (decode.py), and the text is detected as HTML or a text dump;
  2. the page becomes blocks: lxml's DOM for HTML (parse.py), one line each for dumps (blocks.py);
  3. for HTML, the markup's metadata is read (markup.py), trafilatura's fast extraction marks
     which blocks it kept (extract.py), structure rules add what it missed (structure.py), and
     where it kept little, cleaner's block scorer judges every block instead (scorer.py);
  4. each filter in order looks at the blocks still kept and drops some, with a reason;
  5. the kept blocks are joined, one blank line apart, into a frozen Document;
  6. its metadata comes from the markup, the removed cruft and the page type (metadata.py,
     pagetype.py), when it is first asked for.
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from cleaner.blocks import PARAGRAPHED, Block, filled_instances, text_blocks
from cleaner.budget import call_within
from cleaner.decode import PageKind, decode, detect_kind
from cleaner.document import Document, Removal
from cleaner.errors import PageTooLarge
from cleaner.extract import (
    comment_paragraphs,
    full_main_content,
    main_content,
    main_content_verdict,
    mark_main_content,
    positions_within,
)
from cleaner.filters import (
    ActionBar,
    Byline,
    ConsentDialog,
    CustomerReview,
    Dateline,
    DuplicateBlock,
    Filter,
    FinePrint,
    HiddenElement,
    LinkPreview,
    MenuLink,
    NestedArticle,
    Notice,
    NotMainContent,
    OtherStories,
    OutsideBody,
    OutsideProseRun,
    PageTitle,
    PhotoCredit,
    PosterBox,
    RelatedHeadlines,
    RepeatedBlock,
    SiteLinks,
    StoryLink,
    TagList,
    WidgetPhrase,
)
from cleaner.markup import Declarations, markup_of, read_declarations
from cleaner.metadata import Metadata, collect
from cleaner.parse import drop_consent_dialogs, page_language, parse_html, read_segments
from cleaner.read import MAX_BYTES
from cleaner.scorer import SCORE_BELOW_KEPT_SHARE, judge_blocks
from cleaner.structure import (
    ONE_TEXT_TYPES,
    Layout,
    looks_like_thread,
    mark_body_lists,
    mark_continued_paragraphs,
    mark_enclosed_paragraphs,
    mark_section_headings,
    name_deep_navs,
    rescue_card_groups,
    rescue_embedded_posts,
    rescue_main_landmark,
    rescue_thread_posts,
    reveal_panels,
)

DEFAULT_FILTERS: tuple[Filter, ...] = (
    HiddenElement(),
    ConsentDialog(),
    NotMainContent(),
    Dateline(),  # the filters that turn cruft into metadata see the dump's edges first
    Byline(),
    TagList(),
    MenuLink(),  # after them: a linked date, byline or tag list becomes metadata first
    PosterBox(),
    OutsideProseRun(),
    WidgetPhrase(),
    SiteLinks(),
    Notice(),
    StoryLink(),
    PhotoCredit(),
    NestedArticle(),
    RelatedHeadlines(),
    OtherStories(),
    FinePrint(),
    CustomerReview(),
    LinkPreview(),
    ActionBar(),
    OutsideBody(),
    PageTitle(),
    RepeatedBlock(),
    DuplicateBlock(),
)

_names = [f.name for f in DEFAULT_FILTERS]
assert len(_names) == len(set(_names)), f"filter names must be unique: {_names}"


def clean(
    page: str | bytes,
    *,
    url: str | None = None,
    kind: PageKind | None = None,
    filters: Sequence[Filter] = DEFAULT_FILTERS,
    timeout: float | None = None,
) -> Document:
    """The main text of `page` (HTML or a text dump) with its metadata and every removal explained.

    `kind` forces "html" or "text" instead of detecting it. `filters` is the pipeline: leave
    one out to disable it, or pass `dataclasses.replace(filter, threshold=...)` to tune it.
    `timeout` is a time budget in seconds: past it, PageTimeout (budget.py says how, and by how
    much a page can overshoot); the budget covers the metadata too, which is then read before
    clean() returns. Without one, the metadata is read when first asked for (Document says
    when). Raises DecodeError for bytes that are binary or not text.
    """

    def steps() -> Document:
        parsed = parse_page(page, url=url, kind=kind)
        kept, removed = run_filters(parsed.blocks, filters)
        document = Document.reading_metadata_later(
            assemble(kept),
            parsed.kind,
            tuple(removed),
            tuple(kept),
            _MetadataReader(parsed, url, kept, removed),
        )
        if timeout is not None:
            document.metadata()  # within the budget
        return document

    with _collector_paused():
        return call_within(timeout, steps)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a page is cleaned (as Mercurial's util.nogc):
    it runs each time 700 more container objects are alive, and a page's blocks, nodes and rows
    are thousands that all live until clean() returns, so it would visit them again and again
    (6% of clean()'s time on article-extraction). Objects freed by reference counting, almost
    all of them, are freed at once as ever; cycles wait for the next collection after clean()."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class _MetadataReader:
    """Step 5 of clean(), for a Document to run when its metadata is first asked for."""

    parsed: ParsedPage
    url: str | None
    kept: list[Block]
    removed: list[Removal]

    def __call__(self) -> Metadata:
        try:
            return collect(
                self.removed,
                markup=markup_of(self.parsed.markup, self.url),
                url=self.url,
                language=self.parsed.language,
                evidence=self.parsed.evidence,
                blocks=self.parsed.blocks,
                kept=self.kept,
            )
        except MemoryError:
            raise
        except Exception as error:  # a bug in the metadata must cost neither the text nor a traceback
            problem = f"internal error ({type(error).__name__}: {error}); please report it with this page"
            text = (("text", self.parsed.evidence),) if self.parsed.evidence else ()
            return Metadata(sources=(("metadata", problem), *text))


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page before filtering: its kind, its blocks, and what its markup declares."""

    kind: PageKind
    blocks: tuple[Block, ...]
    markup: Declarations
    language: str | None
    evidence: str | None  # which extraction decided the main content, for Document.sources["text"]


def parse_page(page: str | bytes, *, url: str | None = None, kind: PageKind | None = None) -> ParsedPage:
    """Steps 1 to 3 of clean(): the blocks every filter will see (scripts reuse it to compare filters)."""
    if not isinstance(page, (str, bytes)):
        raise TypeError(f"clean() takes str or bytes, not {type(page).__name__}")
    if len(page) > MAX_BYTES:  # the cap files and fetched bodies have; for str, in characters
        raise PageTooLarge(
            f"the page is {len(page) / 1e6:.0f} MB, more than the {MAX_BYTES / 1e6:.0f} MB cleaner reads"
        )
    text = decode(page) if isinstance(page, bytes) else page
    kind = kind or detect_kind(text)
    if kind not in ("html", "text"):
        raise ValueError(f'kind must be "html" or "text", not {kind!r}')
    if kind == "text":
        return ParsedPage(kind, tuple(text_blocks(text)), Declarations(), None, None)
    return _parse_html_page(text, url)


@dataclass(frozen=True, slots=True)
class Evidence:
    """An HTML page's blocks as trafilatura and the structure rules judged them, before the
    block scorer (scripts/train_scorer.py learns from this stage)."""

    blocks: list[Block]
    layout: Layout
    kept_share: float  # of the visible text, by trafilatura's fast run
    markup: Declarations
    language: str | None
    judge: str  # which extraction decided, for Document.sources["text"]
    needs_scorer: bool  # the fast run kept little of a page with text, and no full run followed or found any


def html_evidence(text: str, url: str | None) -> Evidence | None:
    """Steps 2 and 3 of clean() for HTML, up to the block scorer; None for an empty page."""
    tree = parse_html(text)
    if tree is None:
        return None
    page = read_segments(tree)
    markup = read_declarations(tree)
    language = page_language(tree)
    # The last change to the tree: each trafilatura run prunes a copy, and the metadata read
    # later finds no consent dialog's buttons and dates either.
    drop_consent_dialogs(tree, page.nodes)
    visible = page.visible_chars
    main = main_content(tree, url, visible)
    judge = "trafilatura (fast)"
    blocks = page.blocks(main_content_verdict(main.paragraphs))  # each Block made once, with its verdict
    kept_little = visible > 0 and main.kept_share < SCORE_BELOW_KEPT_SHARE
    one_text = bool(markup.types & ONE_TEXT_TYPES)
    needs_scorer = kept_little and not one_text
    if kept_little and one_text:
        prose_share = _kept_prose_share(blocks)
        if prose_share < FULL_RUN_BELOW_PROSE_SHARE:
            # On a declared article or product, trafilatura's fallbacks beat the block scorer,
            # which keeps comments and reviews there (measured on the dev pages the fast run failed).
            blocks = mark_main_content(blocks, full_main_content(tree, url))
            judge = f"trafilatura (with fallbacks; the fast run kept {main.kept_share:.0%} of the text)"
            # ...unless they found nothing either: the scorer's answer beats an empty page.
            needs_scorer = not any(map(attrgetter("in_main_content"), blocks))
        else:  # it found the text: the rest is menus, link lists and comments
            kept = f"{prose_share:.0%} of the prose, {main.kept_share:.0%} of the text"
            judge = f"trafilatura (fast; it kept {kept})"
    elif not kept_little and _kept_mostly_links(blocks):
        # The fast run kept a menu: trafilatura's fallbacks find the text beside it.
        blocks = mark_main_content(blocks, full_main_content(tree, url))
        judge = "trafilatura (with fallbacks; the fast run kept mostly links)"
    layout = Layout.of(blocks, page.nodes, page.blocks_under())
    blocks = name_deep_navs(blocks, layout)
    if looks_like_thread(blocks, layout, markup.types):
        in_comments = positions_within(blocks, comment_paragraphs(tree, url))
        blocks = rescue_thread_posts(blocks, layout, in_comments)
    blocks = rescue_card_groups(blocks, layout, markup.types)
    blocks = reveal_panels(blocks, layout)
    blocks = rescue_main_landmark(blocks, layout, markup.types)
    blocks = rescue_embedded_posts(blocks, layout)
    blocks = mark_section_headings(blocks)
    if not needs_scorer:  # the scorer weighs trafilatura's verdicts as they were
        blocks = mark_enclosed_paragraphs(blocks)
        blocks = mark_continued_paragraphs(blocks, layout)
        blocks = mark_body_lists(blocks, layout)
    return Evidence(blocks, layout, main.kept_share, markup, language, judge, needs_scorer)


# A declared article or product whose fast run kept under SCORE_BELOW_KEPT_SHARE of the text
# but this share of its prose (sentence-like blocks, few links) has found the text, and the rest
# is menus, link lists and comments: trafilatura's full run, a second and longer extraction, gave
# the same text on 34 of the 35 such dev pages (15 of the 27 full runs on article-extraction, 20
# of 97 on WCXB dev, 52% to 100% of the prose kept; the other page lost 0.003 word F1). The
# pages its fallbacks did rescue had kept at most 30% of their prose.
FULL_RUN_BELOW_PROSE_SHARE = 0.5


def _kept_prose_share(blocks: Sequence[Block]) -> float:
    """The share of the visible prose words (sentence-like blocks, under 0.3 of them linked)
    in the blocks trafilatura's fast run kept."""
    prose = [block for block in blocks if block.prose and not block.hidden and block.link_density < 0.3]
    total = sum(block.word_count for block in prose)
    kept = sum(block.word_count for block in prose if block.in_main_content)
    return kept / total if total else 0.0


def _kept_mostly_links(blocks: Sequence[Block], max_share: float = 0.6, max_words: int = 3) -> bool:
    """Whether most of what trafilatura's fast run kept is links of a few words: a menu's
    items, not a listing's headlines (measured on the dev sets: menus over 0.6, listings under)."""
    kept = [block for block in blocks if block.in_main_content and not block.hidden]
    items = sum(b.word_count for b in kept if b.word_count <= max_words and b.link_density >= 0.5)
    return items > max_share * sum(block.word_count for block in kept)


def _parse_html_page(text: str, url: str | None) -> ParsedPage:
    evidence = html_evidence(text, url)
    if evidence is None:
        return ParsedPage("html", (), Declarations(), None, None)
    blocks, judge = evidence.blocks, evidence.judge
    if evidence.needs_scorer:
        blocks = judge_blocks(blocks, evidence.layout, evidence.kept_share, evidence.markup.types)
        judge = f"cleaner's block scorer (trafilatura's fast run kept {evidence.kept_share:.0%} of the text)"
    return ParsedPage("html", tuple(blocks), evidence.markup, evidence.language, judge)


def run_filters(blocks: Sequence[Block], filters: Sequence[Filter]) -> tuple[list[Block], list[Removal]]:
    """The blocks every filter kept, and a Removal for each dropped one, in page order."""
    kept = list(blocks)
    removed: list[tuple[int, str, str, str, str]] = []  # each Removal's fields after its block's index
    for step in filters:
        verdicts = step.check_all(kept)
        if not any(verdicts):
            continue
        outranks_rescue = getattr(step, "outranks_rescue", False)
        survivors = []
        for block, reason in zip(kept, verdicts, strict=True):
            if reason is None or _rescue_holds(block, outranks_rescue):
                survivors.append(block)
            else:
                removed.append((block.index, step.name, reason, block.path, block.text))
        kept = survivors
    removed.sort(key=itemgetter(0))
    return kept, _removals(removed)


def _rescue_holds(block: Block, outranks_rescue: bool) -> bool:
    """Structure outranks the filters' guesses, except a filter's that rescue cannot answer; a
    paragraphed text (cleaner's own output) keeps every line, so cleaning it again changes nothing."""
    return bool(block.rescued) and (not outranks_rescue or block.rescued == PARAGRAPHED)


def _removals(rows: list[tuple[int, str, str, str, str]]) -> list[Removal]:
    """Removal(filter, reason, path, text) of each row (after its block's index), built field by
    field over all the rows at once, like blocks.py's dump Blocks: a whole-page dump loses
    thousands of lines, and the frozen __init__ costs 3x more."""
    if not rows:
        return []
    columns = dict(zip(Removal.__slots__, list(zip(*rows, strict=True))[1:], strict=True))
    return filled_instances(Removal, len(rows), columns)


def assemble(blocks: Sequence[Block]) -> str:
    """The body text: one block per paragraph, a blank line between, list items bulleted."""
    parts = [f"- {block.text}" if block.kind == "list_item" else block.text for block in blocks]
    return unicodedata.normalize("NFC", "\n\n".join(parts))
