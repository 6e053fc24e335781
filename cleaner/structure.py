"""Structure rules: main content that trafilatura's verdict misses, found from the DOM's shape.

trafilatura reads a page as an article: it drops link-dense repeated siblings (the cards of a
listing or collection page, the sections of a service page) and hidden panels. Two rules put
such blocks back, each saying why in Block.rescued; later text-shape filters then spare them
(see pipeline.run_filters), because structure is stronger evidence than line shape.

- card groups: three or more sibling elements of the same tag and class, each holding a few
  blocks of text, after the page's <h1>, outside navigation landmarks and boilerplate regions,
  carrying at least half as many words as the prose trafilatura kept;
- tab and accordion panels: hidden prose inside an element whose class names a tab,
  accordion, collapse or FAQ panel, which a click reveals.

Measured on WCXB dev (all 1,497 pages) against trafilatura's verdict alone: collection
0.560 -> 0.615, listing 0.614 -> 0.684, service 0.753 -> 0.793, product 0.623 -> 0.652 with
panels; article-extraction unchanged (0.958). Pages whose JSON-LD declares an article,
product or discussion (or whose og:type is article) are left alone: their main content is
not a card grid.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleaner.blocks import Block
from cleaner.parse import Node

# Class/id words of page furniture, and of comment threads (not main content of a listing).
_BOILERPLATE = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menus?|header|footer|foot|breadcrumbs?|sidebar|side|aside|"
    r"cookies?|consent|banner|newsletter|subscribe|social|share|sharing|login|signin|search|skip|"
    r"topbar|masthead|offcanvas|drawer|modal|popup|widget|related|promo|advert|ads?|pagination|"
    r"pager|filters?|facets?|sort|toolbar|utility|copyright|legal)(?:$|[-_ ])",
    re.IGNORECASE,
)
_COMMENTS = re.compile(r"comment|reply|replies|respons|disqus|discussion", re.IGNORECASE)
_PANEL = re.compile(r"accordion|collapse|tab-?pane|tabs?-?content|faq|toggle|panel|expand", re.IGNORECASE)
_LANDMARK_TAGS = frozenset(("nav", "header", "footer", "aside"))
_LANDMARK_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog")
)
_ITEM_TAGS = frozenset(
    "div li article section dd dl ul ol figure tr tbody table form header aside details".split()
)
_DIGITS = re.compile(r"\d")
# Declared types (JSON-LD @type, og:type) whose main content is one text, not a grid of cards.
SINGLE_TEXT_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report DiscussionForumPosting QAPage Product TechArticle "
    "ScholarlyArticle".split()
)


@dataclass(frozen=True, slots=True)
class _Tree:
    """Which blocks lie under each node, and each node's children."""

    nodes: Sequence[Node]
    blocks: Sequence[Block]
    under: dict[int, list[int]]
    children: dict[int, list[int]]
    visible_words: int

    @classmethod
    def of(cls, blocks: Sequence[Block], nodes: Sequence[Node]) -> _Tree:
        under: dict[int, list[int]] = defaultdict(list)
        for position, block in enumerate(blocks):
            for ancestor in block.ancestors:
                under[ancestor].append(position)
        children: dict[int, list[int]] = defaultdict(list)
        for number, node in enumerate(nodes):
            children[node.parent].append(number)
        words = sum(block.word_count for block in blocks if not block.hidden) or 1
        return cls(nodes, blocks, under, children, words)

    def share(self, node: int) -> float:
        """The share of the page's visible words under `node`."""
        positions = self.under.get(node, ())
        return (
            sum(self.blocks[p].word_count for p in positions if not self.blocks[p].hidden)
            / self.visible_words
        )

    def in_furniture(self, node: int, max_share: float = 0.5) -> bool:
        """Inside a navigation landmark, or a boilerplate-named region that is not most of the page
        (a wrapper called "search-results" or "footer-wrap" around the whole content is no veto)."""
        while node != -1:
            current = self.nodes[node]
            if current.tag in _LANDMARK_TAGS or current.role in _LANDMARK_ROLES:
                return True
            if _BOILERPLATE.search(current.hints) and self.share(node) < max_share:
                return True
            node = current.parent
        return False


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


def _signature(node: Node) -> tuple[str, str]:
    words = [word for word in node.hints.split() if not _DIGITS.search(word)][:1]
    return node.tag, words[0] if words else ""


def card_groups(
    blocks: Sequence[Block],
    nodes: Sequence[Node],
    min_items: int = 3,
    min_blocks_per_item: float = 1.5,
    min_words: int = 30,
) -> list[CardGroup]:
    """Sibling elements with the same tag and first class word, each holding text blocks."""
    tree = _Tree.of(blocks, nodes)
    groups = []
    for parent, children in tree.children.items():
        by_signature: dict[tuple[str, str], list[int]] = defaultdict(list)
        for child in children:
            if tree.under.get(child) and tree.nodes[child].tag in _ITEM_TAGS:
                by_signature[_signature(tree.nodes[child])].append(child)
        for (tag, word), items in by_signature.items():
            positions = tuple(p for item in items for p in tree.under[item] if not tree.blocks[p].hidden)
            words = sum(tree.blocks[p].word_count for p in positions)
            if (
                len(items) < min_items
                or len(positions) < min_blocks_per_item * len(items)
                or words < min_words
                or words < 3 * len(items)
                or _BOILERPLATE.search(word)
                or _COMMENTS.search(word)
                or tree.nodes[items[0]].tag in _LANDMARK_TAGS
                or tree.in_furniture(parent if parent != -1 else items[0])
                or any(_COMMENTS.search(tree.nodes[n].hints) for n in tree.blocks[positions[0]].ancestors)
            ):
                continue
            groups.append(CardGroup(len(items), tag, word, positions, words))
    return groups


def rescue_card_groups(
    blocks: Sequence[Block], nodes: Sequence[Node], page_types: frozenset[str]
) -> list[Block]:
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
    for group in card_groups(blocks, nodes):
        start = min(group.positions)
        if group.words < 0.5 * prose_words:
            continue  # a sidebar list beside a real article
        if prose_words >= 150 and prose and start > prose[-1]:
            continue  # a related-stories grid after an article
        if h1 is not None and start < h1:
            continue  # a menu or promo strip above the title
        reason = f"card group: {group.items} × {group.signature}, {group.words} words"
        rescued.update(dict.fromkeys(group.positions, reason))
    return [
        replace(b, in_main_content=True, rescued=rescued[p]) if p in rescued else b
        for p, b in enumerate(blocks)
    ]


def reveal_panels(blocks: Sequence[Block], nodes: Sequence[Node], min_words: int = 8) -> list[Block]:
    """Hidden prose in tab, accordion and FAQ panels, shown and put in the main content."""
    candidates = [
        p for p, b in enumerate(blocks) if b.hidden and b.word_count >= min_words and b.link_density < 0.3
    ]
    panels = {number for number, node in enumerate(nodes) if _PANEL.search(node.hints)}
    if not candidates or not panels:
        return list(blocks)
    tree = _Tree.of(blocks, nodes)
    revealed = list(blocks)
    for position in candidates:
        block = blocks[position]
        panel = next((n for n in block.ancestors if n in panels), None)
        if panel is None or tree.in_furniture(block.ancestors[-1]):
            continue
        reason = f"hidden panel ({nodes[panel].tag}.{nodes[panel].hints.split()[0]}) a click reveals"
        revealed[position] = replace(block, hidden=False, in_main_content=True, rescued=reason)
    return revealed
