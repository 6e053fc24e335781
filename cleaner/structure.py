"""Structure rules: main content that trafilatura's verdict misses, found from the DOM's shape.

trafilatura reads a page as an article: it keeps one post of a forum thread, and drops
link-dense repeated siblings (the cards of a listing or collection page, the sections of a
service page) and hidden panels. Four rules put such blocks back, each saying why in
Block.rescued; the filters then spare them (see pipeline.run_filters), because structure is
stronger evidence than line shape.

- thread posts: on a forum thread (declared DiscussionForumPosting/QAPage, or sibling
  elements named like posts holding most of the page's prose and most of what trafilatura
  kept), the other posts, and what trafilatura filed as comments;
- card groups: three or more sibling elements of the same tag and class, each holding a few
  blocks of text, after the page's <h1>, outside navigation landmarks and boilerplate regions,
  carrying at least half as many words as the prose trafilatura kept; never on pages that
  declare one text (JSON-LD Article, Product, QAPage..., or og:type article);
- tab and accordion panels: hidden prose inside an element whose class names a tab,
  accordion, collapse or FAQ panel, which a click reveals;
- the <main> landmark: its prose, when trafilatura kept under half of the words of the
  page's one <main> (not on pages that declare one text).

None of them puts back a comment nested in one of several like items (comments_on_items): the
comments under each answer of a Q&A page are remarks on it, not the thread.

The rules come from error analysis of WCXB dev pages; their measured effect is in the
commit messages that introduced them and in README's benchmark table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median

from cleaner.blocks import Block
from cleaner.parse import SCREEN_READER_CLASSES, CaselessPattern, Node

# Class/id words of page furniture, and of comment threads (not main content of a listing).
# "search" names a search box, but "search-results" the results a shop's category page lists.
BOILERPLATE = CaselessPattern.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menus?|header|footer|foot|breadcrumbs?|sidebar|side|aside|"
    r"cookies?|consent|banner|newsletter|subscribe|social|share|sharing|login|signin|"
    r"search(?![-_ ]?results?)|skip|"
    r"topbar|masthead|offcanvas|drawer|modal|popup|widget|related|promo|advert|ads?|pagination|"
    r"pager|filters?(?![-_ ]?(?:active|items?|content|show|visible|selected)\b)|facets?|sort|toolbar|utility|"
    r"copyright|legal)(?:$|[-_ ])"
)
COMMENTS = CaselessPattern.compile(r"comment|reply|replies|respons|disqus|discussion")


# Class/id words of the box beside a post that describes its poster: user cards, profiles,
# signatures and reputation (phpBB's "postprofile", Stack Exchange's "post-signature"). Not
# "badge": shops badge their products ("15-year warranty"), and that is product text.
POSTER_BOX = CaselessPattern.compile(
    r"(?:user|author|member|poster)[-_]?(?:info|details|card|profile|stats|meta|title|extras)|"
    r"postprofile|signature|reputation"
)


# Nodes repeat their class words: a page asks about a few hundred distinct strings thousands
# of times (measured by the speed helper: Layout and furniture checks).
@lru_cache(maxsize=4096)
def names_boilerplate(hints: str) -> bool:
    return bool(hints) and bool(BOILERPLATE.search(hints))


def hints_matching(nodes: Sequence[Node], pattern: re.Pattern[str] | CaselessPattern) -> frozenset[str]:
    """The nodes' class/id words in which `pattern` finds a match."""
    return frozenset(matched_hints(pattern, (node.hints for node in nodes)))


def matched_hints(
    pattern: re.Pattern[str] | CaselessPattern, hints: Iterable[str]
) -> dict[str, re.Match[str]]:
    """`pattern`'s match in each distinct class/id string that has one. Elements and blocks
    repeat their hints, so the regex runs once per distinct string (a third of the searches on
    a typical page); and most pages have no match at all: one search of them all, a space apart,
    tells first (the patterns match within a word, and a space bounds a word as the start and
    end of a string do)."""
    distinct = set(hints)
    if pattern.search(" ".join(distinct)) is None:
        return {}
    return {each: found for each in distinct if (found := pattern.search(each))}


def _poster_box_lines(blocks: Sequence[Block]) -> set[int]:
    """Positions of the lines of posters' boxes; the regex runs once per distinct hints."""
    lines = [(p, block.hints) for p, block in enumerate(blocks) if not block.prose]
    boxed_hints = {hints for hints in {hints for _, hints in lines} if POSTER_BOX.search(hints)}
    return {p for p, hints in lines if hints in boxed_hints}


# A class word naming one comment or a list of them ("comment-text", "js-comments-list").
_COMMENT_WORD = re.compile(r"(?:^|[-_ ])comments?(?:$|[-_ ])", re.IGNORECASE)
# The class of the blockquote each network's embed code wraps a quoted post in (Twitter/X,
# Instagram, TikTok, Bluesky, Reddit, Threads): an article quotes it as part of its text.
_EMBEDDED_POST = re.compile(
    r"(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|reddit-embed-bq|text-post-media)(?:\s|$)",
    re.IGNORECASE,
)
# "disclosure": WAI-ARIA's name for a show/hide widget. With it, WCXB dev: one service page's
# methodology section +0.19, every other page identical.
_PANEL = CaselessPattern.compile(
    r"accordion|collapse|tab-?pane|tabs?-?content|faq|toggle|panel|expand|disclosure"
)
_LANDMARK_TAGS = frozenset(("nav", "header", "footer", "aside"))
_LANDMARK_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog")
)
_ITEM_TAGS = frozenset(
    "div li article section dd dl ul ol figure tr tbody table form header aside details".split()
)
# A whole whitespace-separated word (as str.split() cuts them: \s is str.isspace) without a digit.
_WORD_WITHOUT_DIGITS = re.compile(r"(?<!\S)[^\s\d]+(?!\S)")
# Declared types (JSON-LD @type, og:type) whose main content is one text, not a grid of cards.
SINGLE_TEXT_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report DiscussionForumPosting QAPage Product TechArticle "
    "ScholarlyArticle".split()
)
THREAD_TYPES = frozenset(("DiscussionForumPosting", "QAPage"))
ONE_TEXT_TYPES = SINGLE_TEXT_TYPES - THREAD_TYPES  # one author's text: an article, a product


@dataclass(frozen=True, slots=True)
class Layout:
    """A page's block-level elements: which blocks lie under each, and each one's children.
    Rules change blocks' verdicts, never their places, so one Layout serves every rule."""

    nodes: Sequence[Node]
    under: dict[int, range]  # a run of positions: cheaper to make than a list, for every node
    children: dict[int, list[int]]
    # Children of one parent sharing tag and first class word (see sibling_groups): cards,
    # posts and comment lists are looked for among them, by several rules.
    groups: list[SiblingGroup] = field(default_factory=list)
    # Blocks that are comments on one of several like items, with why (comments_on_items):
    # found once, since every rescue and the block scorer leave them out.
    remarks: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, blocks: Sequence[Block], nodes: Sequence[Node], blocks_under: dict[int, range]) -> Layout:
        """The Layout of `blocks` and `nodes`, with the blocks under each node as parse.py's
        Segments.blocks_under found them."""
        under: dict[int, range] = defaultdict(_no_blocks, blocks_under)
        children: dict[int, list[int]] = defaultdict(list)
        for number, node in enumerate(nodes):
            children[node.parent].append(number)
        layout = cls(nodes, under, children, sibling_groups(nodes, under, children))
        return replace(layout, remarks=comments_on_items(blocks, layout))


def _no_blocks() -> range:
    return range(0)


@dataclass(frozen=True, slots=True)
class Tree:
    """A Layout with the current blocks: word shares and which nodes are furniture."""

    layout: Layout
    blocks: Sequence[Block]
    visible_words: int
    furniture: dict[int, bool] = field(default_factory=dict)  # filled as asked: rules ask often

    @classmethod
    def of(cls, blocks: Sequence[Block], layout: Layout) -> Tree:
        return cls(layout, blocks, sum(block.word_count for block in blocks if not block.hidden) or 1)

    @property
    def nodes(self) -> Sequence[Node]:
        return self.layout.nodes

    @property
    def under(self) -> dict[int, range]:
        return self.layout.under

    @property
    def children(self) -> dict[int, list[int]]:
        return self.layout.children

    def share(self, node: int) -> float:
        """The share of the page's visible words under `node`."""
        positions = self.under.get(node, ())
        return (
            sum(self.blocks[p].word_count for p in positions if not self.blocks[p].hidden)
            / self.visible_words
        )

    def in_furniture(self, node: int) -> bool:
        """Inside a navigation landmark, or a boilerplate-named region that is not most of the page
        (a wrapper called "search-results" or "footer-wrap" around the whole content is no veto)."""
        if node == -1:
            return False
        if node not in self.furniture:
            current = self.nodes[node]
            self.furniture[node] = (
                current.tag in _LANDMARK_TAGS
                or current.role in _LANDMARK_ROLES
                or (names_boilerplate(current.hints) and self.share(node) < 0.5)
                or self.in_furniture(current.parent)
            )
        return self.furniture[node]


@dataclass(frozen=True, slots=True)
class CardGroup:
    items: int
    tag: str
    word: str  # the first class/id word without digits that the items share
    positions: tuple[int, ...]  # visible blocks in the group
    words: int

    @property
    def signature(self) -> str:
        return f"{self.tag}.{self.word}" if self.word else self.tag


def _first_word(hints: str) -> str:
    """The first class/id word without digits: "card-3 card" and "card-7 card" are both cards."""
    found = _WORD_WITHOUT_DIGITS.search(hints)  # one search, not one per word
    return found.group(0) if found else ""


SiblingGroup = tuple[int, str, str, list[int]]  # (parent, tag, first class word, items)


def sibling_groups(
    nodes: Sequence[Node], under: dict[int, range], children: dict[int, list[int]]
) -> list[SiblingGroup]:
    """Children of one parent that hold text and share tag and first class word, by parent in
    the order of `children`, then in the order of their first item.

    One pass over the nodes in order, which keeps each parent's groups in the order of their
    first item, then a stable sort by parent: a third less time than a table per parent (most
    parents have one child)."""
    first_words: dict[str, str] = {}  # siblings repeat their hints: each is split once
    signatures: dict[tuple[int, str, str], list[int]] = {}
    for number, node in enumerate(nodes):
        if node.tag in _ITEM_TAGS and under.get(number):
            hints = node.hints
            word = first_words.get(hints)
            if word is None:
                word = first_words[hints] = _first_word(hints)
            signature = (node.parent, node.tag, word)
            items = signatures.get(signature)
            if items is None:
                signatures[signature] = [number]
            else:
                items.append(number)
    place = {parent: rank for rank, parent in enumerate(children)}
    groups = [(parent, tag, word, items) for (parent, tag, word), items in signatures.items()]
    groups.sort(key=lambda group: place[group[0]])
    return groups


def comments_on_items(blocks: Sequence[Block], layout: Layout) -> dict[int, str]:
    """Blocks inside a comment element nested in one of several like items (an answer, a post, a
    card): remarks on the item, not the item. Items themselves named as comments (a comment
    list whose replies nest) are not looked into, since there the comments are the text."""
    comment_hints = hints_matching(layout.nodes, _COMMENT_WORD)
    if not comment_hints:  # most pages: nothing to look for
        return {}
    comment_nodes = {number for number, node in enumerate(layout.nodes) if node.hints in comment_hints}
    tree = Tree.of(blocks, layout)
    in_comment = {p for number in comment_nodes for p in layout.under.get(number, ())}
    nested: dict[int, str] = {}
    for _, tag, word, items in tree.layout.groups:
        if len(items) < 2 or _COMMENT_WORD.search(word) or COMMENTS.search(tree.nodes[items[0]].hints):
            continue
        remarks: dict[int, str] = {}
        for item in items:
            for position in sorted(in_comment.intersection(tree.under[item])):
                ancestors = blocks[position].ancestors
                below = ancestors[ancestors.index(item) + 1 :]
                comment = next((n for n in below if n in comment_nodes), None)
                if comment is not None:
                    remarks[position] = (
                        f"a comment on a {tag}.{word or tag} item "
                        f"(inside {tree.nodes[comment].tag}.{tree.nodes[comment].hints.split()[0]})"
                    )
        remark_words = sum(blocks[p].word_count for p in remarks)
        own_words = sum(blocks[p].word_count for item in items for p in tree.under[item]) - remark_words
        if remarks and own_words >= remark_words:  # wrappers mostly of comments hold a thread
            nested.update(remarks)
    return nested


def card_groups(
    blocks: Sequence[Block],
    layout: Layout,
    min_items: int = 3,
    min_blocks_per_item: float = 1.5,
    min_words: int = 30,
) -> list[CardGroup]:
    """Sibling elements with the same tag and first class word, each holding text blocks."""
    tree = Tree.of(blocks, layout)
    boxed: set[int] | None = None  # found when a group first needs it: most pages have none
    groups = []
    for parent, tag, word, items in tree.layout.groups:
        if (
            len(items) < min_items
            or names_boilerplate(word)
            or COMMENTS.search(word)
            or tag in _LANDMARK_TAGS
        ):
            continue  # the cheap tests first: most groups are one item
        if boxed is None:
            boxed = _poster_box_lines(blocks)
        positions = tuple(
            p
            for item in items
            for p in tree.under[item]
            if not tree.blocks[p].hidden
            and p not in layout.remarks
            and p not in boxed
            and not tree.in_furniture(tree.blocks[p].ancestors[-1])
        )
        words = sum(tree.blocks[p].word_count for p in positions)
        if (
            not positions
            or len(positions) < min_blocks_per_item * len(items)
            or words < min_words
            or words < 3 * len(items)
            or _link_lists(tree.blocks, positions)
            or tree.in_furniture(parent if parent != -1 else items[0])
            or any(COMMENTS.search(tree.nodes[n].hints) for n in tree.blocks[positions[0]].ancestors)
        ):
            continue
        groups.append(CardGroup(len(items), tag, word, positions, words))
    return groups


def _link_lists(blocks: Sequence[Block], positions: Sequence[int], max_words: int = 3) -> bool:
    """Items that are lists of one- to few-word links (categories, tags, archives) are
    navigation, however many there are: cards have a title or text beside their link."""
    texts = [blocks[p] for p in positions]
    linked = sum(b.word_count for b in texts if b.link_density >= 0.75)
    return (
        linked >= 0.9 * sum(b.word_count for b in texts) and median(b.word_count for b in texts) <= max_words
    )


def rescue_card_groups(blocks: Sequence[Block], layout: Layout, page_types: frozenset[str]) -> list[Block]:
    """Blocks of card groups trafilatura dropped, put back in the main content with a reason."""
    if page_types & SINGLE_TEXT_TYPES:
        return list(blocks)
    prose = [
        p
        for p, b in enumerate(blocks)
        if b.in_main_content and not b.hidden and b.is_prose() and b.word_count >= 12
    ]
    prose_words = sum(blocks[p].word_count for p in prose)
    h1 = next((p for p, b in enumerate(blocks) if b.tag == "h1" and not b.hidden), None)
    rescued: dict[int, str] = {}
    for group in card_groups(blocks, layout):
        start = min(group.positions)
        if group.words < 0.5 * prose_words:
            continue  # a sidebar list beside a real article
        if prose_words >= 150 and prose and start > prose[-1]:
            continue  # a related-stories grid after an article
        if h1 is not None and start < h1:
            continue  # a menu or promo strip above the title
        reason = f"card group: {group.items} × {group.signature}, {group.words} words"
        rescued.update(dict.fromkeys(group.positions, reason))
    return [b.rescued_by(rescued[p]) if p in rescued else b for p, b in enumerate(blocks)]


def reveal_panels(blocks: Sequence[Block], layout: Layout, min_words: int = 8) -> list[Block]:
    """Hidden prose in tab, accordion and FAQ panels, shown and put in the main content."""
    candidates = [
        p for p, b in enumerate(blocks) if b.hidden and b.word_count >= min_words and b.link_density < 0.3
    ]
    if not candidates:
        return list(blocks)
    nodes = layout.nodes
    # The page's own wrappers are no panel, whatever a script names them ("body.auto-collapse").
    panel_hints = hints_matching(nodes, _PANEL)
    panels = {
        number
        for number, node in enumerate(nodes)
        if node.role == "tabpanel"  # ARIA's name for a tab's panel, where class names say nothing
        or (node.hints in panel_hints and node.tag not in ("html", "body"))
    }
    if not panels:
        return list(blocks)
    tree = Tree.of(blocks, layout)
    revealed = list(blocks)
    for position in candidates:
        block = blocks[position]
        panel = next((n for n in block.ancestors if n in panels), None)
        if panel is None or tree.in_furniture(block.ancestors[-1]):
            continue
        inside = block.ancestors[block.ancestors.index(panel) + 1 :]
        if any(SCREEN_READER_CLASSES.intersection(nodes[node].hints.split()) for node in inside):
            continue  # text for screen readers inside the panel ("dd.sr-only"): no click shows it
        reason = f"hidden panel ({_panel_label(nodes[panel])}) a click reveals"
        revealed[position] = replace(block, hidden=False, in_main_content=True, rescued=reason)
    return revealed


def _panel_label(node: Node) -> str:
    """div.tab-pane, or div[role=tabpanel] for a panel known by its ARIA role alone."""
    return f"{node.tag}.{node.hints.split()[0]}" if node.hints else f"{node.tag}[role={node.role}]"


_POST_WORD = re.compile(r"^(?:post|message|repl|comment|answer|thread|topic|entry|crawler)", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class _Thread:
    items: list[int]  # nodes of the posts
    label: str
    prose_words: int


def _is_post_prose(block: Block) -> bool:
    return not block.hidden and block.link_density < 0.5 and block.is_prose()


def _best_thread(tree: Tree, min_items: int) -> _Thread | None:
    """The sibling group holding the most prose, counting only items that hold some."""
    best: _Thread | None = None
    prose_words = [block.word_count if _is_post_prose(block) else 0 for block in tree.blocks]
    for _, tag, word, items in tree.layout.groups:
        if len(items) < min_items:
            continue
        prose = {item: sum(prose_words[p] for p in tree.under[item]) for item in items}
        with_prose = [item for item, words in prose.items() if words]
        if len(with_prose) < min_items:
            continue
        thread = _Thread(
            items,
            f"{len(with_prose)} × {tag}.{word}" if word else f"{len(with_prose)} × {tag}",
            sum(prose.values()),
        )
        if best is None or thread.prose_words > best.prose_words:
            best = thread
    return best


def _looks_like_thread(
    tree: Tree, thread: _Thread, page_types: frozenset[str], max_story_words: int = 50
) -> bool:
    """Declared a discussion, or: posts named like posts, holding most of the page's prose, and
    trafilatura's pick lies inside them (it kept one post; the others are its siblings, while
    an article keeps its body outside its comment list)."""
    if page_types & THREAD_TYPES:
        return True
    hints = tree.nodes[thread.items[0]].hints
    if not any(_POST_WORD.match(word) for word in _WORD_SPLIT.split(hints) if word):
        return False
    page_prose = sum(b.word_count for b in tree.blocks if _is_post_prose(b))
    if len(thread.items) < 3 or thread.prose_words < 0.5 * page_prose:
        return False
    inside = {p for item in thread.items for p in tree.under[item]}
    kept = [p for p, b in enumerate(tree.blocks) if b.in_main_content and not b.hidden]
    kept_words = sum(tree.blocks[p].word_count for p in kept)
    kept_inside = sum(tree.blocks[p].word_count for p in kept if p in inside)
    # A link aggregator's "article" is a title and a link: too short to be a body of its own.
    return kept_inside >= 0.5 * kept_words or kept_words - kept_inside < max_story_words


def looks_like_thread(blocks: Sequence[Block], layout: Layout, page_types: frozenset[str]) -> bool:
    """Declared a discussion, or its posts found by structure (see _looks_like_thread)."""
    if page_types & THREAD_TYPES:
        return True
    tree = Tree.of(blocks, layout)
    thread = _best_thread(tree, min_items=3)
    return thread is not None and _looks_like_thread(tree, thread, page_types)


def rescue_thread_posts(blocks: Sequence[Block], layout: Layout, in_comments: frozenset[int]) -> list[Block]:
    """On a forum thread, the posts trafilatura dropped or filed as comments, back in the text."""
    tree = Tree.of(blocks, layout)
    thread = _best_thread(tree, min_items=2)
    remarks = layout.remarks
    rescued: dict[int, str] = {}
    # difference(): `in_comments - remarks.keys()` is a set at run time, not the frozenset mypy
    # infers, and mypyc-compiled code checks the type.
    for position in in_comments.difference(remarks):
        if not blocks[position].in_main_content and not blocks[position].hidden:
            rescued[position] = "thread post trafilatura filed as a comment"
    if thread is not None:
        for item in thread.items:
            for position in tree.under[item]:
                block = blocks[position]
                if (
                    not block.in_main_content
                    and not block.hidden
                    and position not in remarks
                    and block.link_density < 0.3
                    and block.is_prose()
                ):
                    rescued[position] = f"post of a thread: {thread.label}"
    return [b.rescued_by(rescued[p]) if p in rescued else b for p, b in enumerate(blocks)]


def rescue_embedded_posts(blocks: Sequence[Block], layout: Layout, min_words: int = 8) -> list[Block]:
    """Posts the article quotes through a network's embed code, between the first and last
    blocks trafilatura kept: it drops them as widgets, but the writer chose them as text. An
    embed without a line of `min_words` holds no post text ("View this post on Instagram")."""
    embed_hints = hints_matching(layout.nodes, _EMBEDDED_POST)
    if not embed_hints:  # most pages
        return list(blocks)
    embeds = {
        number: f"{node.tag}.{match.group(0).strip()}"
        for number, node in enumerate(layout.nodes)
        if node.hints in embed_hints
        and (match := _EMBEDDED_POST.search(node.hints))
        and any(blocks[p].word_count >= min_words for p in layout.under.get(number, ()))
    }
    if not embeds:
        return list(blocks)
    kept = [p for p, block in enumerate(blocks) if block.in_main_content and not block.hidden]
    if not kept:
        return list(blocks)
    rescued = list(blocks)
    for position in range(kept[0], kept[-1] + 1):
        block = blocks[position]
        embed = next((n for n in block.ancestors if n in embeds), None)
        if embed is None or block.in_main_content or block.hidden:
            continue
        reason = f"a post the article quotes ({embeds[embed]})"
        rescued[position] = block.rescued_by(reason)
    return rescued


def rescue_main_landmark(
    blocks: Sequence[Block], layout: Layout, page_types: frozenset[str], min_words: int = 8
) -> list[Block]:
    """Prose inside the page's one <main> landmark, when trafilatura kept under half of it.

    Pages that declare one text (an article, a product) are left alone: there the rest of
    <main> is reviews, comments and recommendations, and trafilatura's choice stands.
    """
    mains = [n for n, node in enumerate(layout.nodes) if node.tag == "main" or node.role == "main"]
    if len(mains) != 1 or page_types & SINGLE_TEXT_TYPES:
        return list(blocks)
    tree = Tree.of(blocks, layout)
    inside = [p for p in tree.under.get(mains[0], ()) if not blocks[p].hidden]
    inside_words = sum(blocks[p].word_count for p in inside)
    kept_words = sum(blocks[p].word_count for p in inside if blocks[p].in_main_content)
    if inside_words < 0.3 * tree.visible_words or kept_words >= 0.5 * inside_words:
        return list(blocks)

    def prose(position: int) -> bool:
        return blocks[position].word_count >= min_words and blocks[position].link_density < 0.3

    rescued = {}
    for rank, position in enumerate(inside):
        block = blocks[position]
        heading = block.kind == "heading" and block.link_density < 0.5 and rank + 1 < len(inside)
        wanted = prose(position) or (heading and prose(inside[rank + 1]))
        if (
            not block.in_main_content
            and wanted
            and position not in layout.remarks
            and not tree.in_furniture(block.ancestors[-1])
        ):
            rescued[position] = (
                f"prose in the page's <main>, of which trafilatura kept {kept_words / inside_words:.0%}"
            )
    return [b.rescued_by(rescued[p]) if p in rescued else b for p, b in enumerate(blocks)]


def mark_section_headings(blocks: Sequence[Block], max_link_density: float = 0.5) -> list[Block]:
    """Headings that trafilatura left out between two shown blocks it kept, marked as main
    content: section titles it drops (many of them carry an anchor link or a block class).

    Not a rescue: the filters still judge them. Measured with clean() on every dev page: WCXB
    mean page F1 0.8617 -> 0.8626 (112 pages up, 39 down; service 0.824 -> 0.827, article
    0.943 -> 0.944), article-extraction unchanged (0.9718); as a rescue, which the filters
    cannot overrule, 118 up and 44 down, and article-extraction 0.9717."""
    shown = [position for position, block in enumerate(blocks) if block.word_count and not block.hidden]
    marked = list(blocks)
    for before, position, after in zip(shown, shown[1:], shown[2:], strict=False):
        block = blocks[position]
        if (
            block.kind == "heading"
            and block.in_main_content is False
            and block.link_density < max_link_density
            and blocks[before].in_main_content
            and blocks[after].in_main_content
        ):
            marked[position] = block.judged(True)
    return marked


# Class words of a caption, a photo credit or an author's box: trafilatura leaves those out
# between two paragraphs it kept, and the truths mostly do too.
_CAPTION_OR_BIO = re.compile(r"capt|photo|image|img|figure|credit|byline|author|bio", re.IGNORECASE)


def mark_enclosed_paragraphs(
    blocks: Sequence[Block],
    max_gap: int = 5,
    min_words: int = 5,
    min_heading_words: int = 3,
    max_link_density: float = 0.5,
) -> list[Block]:
    """Blocks trafilatura left out in a gap of at most `max_gap` shown blocks between two it kept,
    marked as main content: the notes, callouts and definitions of a text it kept around them,
    and their headings ("Note:", then the note). Paragraphs and code count when they lie inside
    the element that holds both kept blocks (as its child or grandchild); headings of three words
    or more under half links count in a gap of two or more (a lone one is mark_section_headings's;
    shorter ones are mostly calls to action: "Contact us", "Call us").

    Not a rescue: the filters still judge them. Measured with clean() on every dev page, one
    block per gap against five: WCXB documentation 0.9245 -> 0.9265 -> 0.9298, service 0.8285 ->
    0.8285 -> 0.8321, listing 0.6835 -> 0.6845 -> 0.6899, article 0.9444 -> 0.9447 -> 0.9453;
    article-extraction F1 0.9718 -> 0.9718 -> 0.9726 (P 0.9637 -> 0.9635 -> 0.9632). Gaps of
    any length cost articles (WCXB article 0.9444, article-extraction P 0.9603). Paragraphs
    enclosed farther up are mostly not main content (21% of their words in the WCXB truths,
    against 61% for a grandchild's), nor are short cells of a spec table."""
    shown = [position for position, block in enumerate(blocks) if block.word_count and not block.hidden]
    marked = list(blocks)
    start = 0
    while start < len(shown):
        if blocks[shown[start]].in_main_content is not False:
            start += 1
            continue
        end = start
        while end < len(shown) and blocks[shown[end]].in_main_content is False:
            end += 1
        gap = shown[start:end]
        if start > 0 and end < len(shown) and len(gap) <= max_gap:
            before, after = blocks[shown[start - 1]], blocks[shown[end]]
            if before.in_main_content and after.in_main_content:
                enclosing = set(before.ancestors).intersection(after.ancestors)
                for position in gap:
                    block = blocks[position]
                    if _enclosed(block, enclosing, len(gap), min_words, min_heading_words, max_link_density):
                        marked[position] = block.judged(True)
        start = end
    return marked


def _enclosed(
    block: Block,
    enclosing: set[int],
    gap: int,
    min_words: int,
    min_heading_words: int,
    max_link_density: float,
) -> bool:
    if block.link_density >= max_link_density:
        return False
    if block.kind == "heading":
        return gap > 1 and block.word_count >= min_heading_words
    if (
        block.kind not in ("paragraph", "code")
        or block.tag == "figcaption"
        or _CAPTION_OR_BIO.search(block.path.rsplit(">", 1)[-1])
    ):
        return False
    return block.kind == "code" or (
        block.word_count >= min_words and not enclosing.isdisjoint(block.ancestors[-2:])
    )


def mark_continued_paragraphs(
    blocks: Sequence[Block],
    layout: Layout,
    min_words: int = 15,
    max_climb: int = 3,
    shape_depth: int = 3,
    max_link_density: float = 0.3,
) -> list[Block]:
    """<p> paragraphs trafilatura left out that are shaped like one it kept (the same tags and
    first class words on the last `shape_depth` ancestors) and lie in the same container (at most
    `max_climb` levels below the ancestor they share with it), marked as main content: the later
    chunks of an article that a page splits into sibling blocks ("div.article__chunks > div.grid
    > div.grid--item > p", an ad or a newsletter box between them), of which trafilatura's fast
    run keeps the first. Not in comments: a post's paragraphs can be shaped like a comment's.

    Not a rescue: the filters still judge them. Measured with clean() on every dev page:
    article-extraction F1 0.9737 -> 0.9765 (recall 0.9824 -> 0.9886; two chunked articles of one
    publisher, recall 0.35 and 0.46 before); WCXB dev 0.8694 -> 0.8694 (4 pages up by at most
    0.006, 7 down by at most 0.017)."""
    nodes = layout.nodes

    def shape(block: Block) -> tuple[tuple[str, str], ...]:
        last = block.ancestors[-shape_depth:]
        return tuple((nodes[n].tag, next(iter(nodes[n].hints.split()), "")) for n in last)

    kept: dict[tuple[tuple[str, str], ...], list[Block]] = defaultdict(list)
    for block in blocks:
        if block.in_main_content and block.tag == "p" and block.prose and not block.hidden:
            kept[shape(block)].append(block)
    if not kept:
        return list(blocks)
    marked = list(blocks)
    for position, block in enumerate(blocks):
        if (
            block.in_main_content is not False
            or block.tag != "p"
            or block.hidden
            or not block.prose
            or block.word_count < min_words
            or block.link_density >= max_link_density
            or position in layout.remarks
        ):
            continue
        twins = kept.get(shape(block), ())
        if any(_climb(twin, block) <= max_climb for twin in twins) and not any(
            COMMENTS.search(nodes[n].hints) for n in block.ancestors
        ):
            marked[position] = block.judged(True)
    return marked


def _climb(twin: Block, block: Block) -> int:
    """How many levels `block` lies below the deepest ancestor it shares with `twin`."""
    shared = 0
    for mine, theirs in zip(block.ancestors, twin.ancestors, strict=False):
        if mine != theirs:
            break
        shared += 1
    return len(block.ancestors) - shared


# The elements of a list or a table: the blocks mark_body_lists looks for stand below them only.
_LIST_OR_TABLE_TAGS = frozenset("ul ol li dl dt dd table caption thead tbody tfoot tr".split())


def mark_body_lists(
    blocks: Sequence[Block],
    layout: Layout,
    min_kept_paragraphs: int = 3,
    max_link_density: float = 0.5,
) -> list[Block]:
    """List items and table rows trafilatura left out of the element whose paragraphs it kept,
    marked as main content: its fast run drops many bare <ul>/<ol>/<dl> lists and tables of a
    text's body (the options a paragraph introduces, a "What's next" list), yet keeps the
    paragraphs around them. The body element is the parent of the most kept paragraphs (at least
    `min_kept_paragraphs`); an item or row counts when only list or table elements lie between it
    and that element, and under half of it is links.

    Not a rescue: the filters still judge them. Measured with clean() on every dev page: WCXB
    article 0.9453 -> 0.9477, collection 0.6955 -> 0.6991, listing 0.6899 -> 0.6916,
    documentation 0.9298 -> 0.9311, service +0.0002; article-extraction unchanged (F1 0.9726).
    With 8 kept paragraphs asked for, collection and listing gained half as much; tables add
    article +0.0001, listing +0.0001."""
    parents = Counter(
        block.ancestors[-2]
        for block in blocks
        if block.in_main_content and block.kind == "paragraph" and len(block.ancestors) > 1
    )
    if not parents:
        return list(blocks)
    body, kept = parents.most_common(1)[0]
    if kept < min_kept_paragraphs:
        return list(blocks)
    marked = list(blocks)
    for position, block in enumerate(blocks):
        if (
            block.kind in ("list_item", "table_row")
            and block.in_main_content is False
            and block.word_count
            and not block.hidden
            and block.link_density < max_link_density
            and _listed_under(block, body, layout)
        ):
            marked[position] = block.judged(True)
    return marked


def _listed_under(block: Block, body: int, layout: Layout) -> bool:
    """Whether only list or table elements lie between `block` and the `body` element above it."""
    if body not in block.ancestors:
        return False
    below = block.ancestors[block.ancestors.index(body) + 1 :]
    return all(layout.nodes[node].tag in _LIST_OR_TABLE_TAGS for node in below)


def name_deep_navs(blocks: Sequence[Block], layout: Layout) -> list[Block]:
    """Each block's <nav> element, named in Block.nav: a mega-menu's links may sit ten elements
    below their <nav>, beyond the reach of their short path; the Layout knows it.

    Measured with clean() on every dev page (menu_link reads it): WCXB service 0.8285 -> 0.8302,
    listing 0.6845 -> 0.6858, documentation 0.9265 -> 0.9275, collection 0.6951 -> 0.6929 (one
    page whose reviewed main content is its menus, -0.33); article-extraction F1 0.9718 -> 0.9719."""
    named = list(blocks)
    end = 0  # of the blocks under the last <nav> named: a <nav> inside it names none of them
    for number in [number for number, node in enumerate(layout.nodes) if node.tag == "nav"]:
        span = layout.under.get(number)  # nodes are numbered in document order: outer ones first
        if span and span.start >= end:
            hints = layout.nodes[number].hints
            nav = f"nav.{hints.split()[0]}" if hints else "nav"
            for position in span:
                named[position] = blocks[position].under_nav(nav)
            end = span.stop
    return named
