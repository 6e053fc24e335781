"""HTML to blocks: parse once with lxml and keep the DOM facts each block needs.

The parser never touches the network or the disk and resolves no external entity. Each
block-level element (and each <br>-separated line in one) becomes a Block carrying its tag,
a short path, class/id hints, the share of its text inside links, and whether it is hidden.
The block-level elements themselves become Nodes, and each block names its ancestors among
them, so that structure.py can find landmarks, repeated card groups and tab panels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from cleaner.blocks import Block, BlockKind
from cleaner.errors import PageTooLarge

_BLOCK_KIND: dict[str, BlockKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "pre": "code",
    "tr": "table_row",
}
_BLOCK_TAGS = frozenset(_BLOCK_KIND) | frozenset(
    "html body p div section article main header footer nav aside ul ol dl table thead tbody "
    "tfoot caption form fieldset figure figcaption address details summary center hgroup "
    "menu dialog".split()
)
# Never shown as text. <noscript> is not here: forums put the crawler view of a thread in it.
_SKIPPED_TAGS = frozenset(
    "head script style template svg math iframe object embed canvas select option textarea".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PATH_DEPTH = 5  # path segments a block keeps: enough to read, short enough to diff
_HINT_DEPTH = 8  # class/id words a block keeps from itself and its nearest ancestors
_MAX_HIDDEN_SHARE = 0.5
# The largest of 500 WCXB pages has 16,000 elements; 100,000 take about 10 s and 300 MB.
MAX_ELEMENTS = 100_000

_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, recover=True
)
# lxml.html picks each element's class in Python, once per element touched: 12% of cleaner's
# time on WCXB pages, mostly inside trafilatura. This C-level lookup gives every element the
# same HtmlElement class (only <form>, <input>... lose their special subclasses, which nothing
# here uses), with identical output on the dev pages.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The page's element tree, or None when nothing parseable is there."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if any(_lost_text(error) for error in _PARSER.error_log):
        raise PageTooLarge("the page has a run of text over 10 MB, more than the HTML parser reads")
    if text.count("<") > MAX_ELEMENTS:  # cheap bound first: counting elements costs a walk
        elements = sum(1 for _ in tree.iter())
        if elements > MAX_ELEMENTS:
            raise PageTooLarge(
                f"the page has {elements:,} elements, more than the {MAX_ELEMENTS:,} cleaner reads"
            )
    return tree


def _lost_text(error: etree._LogEntry) -> bool:
    """libxml2 drops the whole document, silently, past a 10 MB run of text in one node. (Past
    its depth limit of 256 it only drops the deeper elements: that page is still read.)"""
    return error.type_name == "ERR_RESOURCE_LIMIT" and "depth" not in error.message


@dataclass(frozen=True, slots=True)
class Node:
    """A block-level element: its tag, class/id words, ARIA role, and its parent's node number."""

    tag: str
    hints: str
    role: str
    parent: int  # -1 for the outermost


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A page's blocks, and the block-level elements their `ancestors` numbers point into."""

    blocks: list[Block]
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class _Context:
    """What a piece of text inherits from the block element that holds it."""

    tag: str = "html"
    path: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    hidden: bool = False


@dataclass
class _Segmenter:
    page_chars: int  # characters of text in the whole body, to tell a hidden wrapper from a dialog
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    nodes: list[Node] = field(default_factory=list)
    open_nodes: list[int] = field(default_factory=list)  # the block-level elements we are inside

    def add(self, text: str | None, *, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(" ".join(text.split()))

    def flush(self, context: _Context) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        text = raw.strip("\n") if context.tag == "pre" else " ".join(raw.split())
        if text.strip():
            self.blocks.append(
                Block(
                    text=text,
                    index=len(self.blocks),
                    path=">".join(context.path),
                    kind=_BLOCK_KIND.get(context.tag, "paragraph"),
                    tag=context.tag,
                    link_chars=min(self.link_chars, len(text)),
                    hints=" ".join(context.hints),
                    hidden=context.hidden,
                    ancestors=tuple(self.open_nodes),
                )
            )
        self.parts, self.link_chars = [], 0

    def walk(self, element: lxml.html.HtmlElement, context: _Context, in_link: bool) -> None:
        tag = element.tag  # lxml's HTML parser lower-cases tag names; comments have a function here
        if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            return
        hidden = context.hidden or self._is_hidden(element)
        starts_block = tag in _BLOCK_TAGS or hidden != context.hidden
        inner = context
        if starts_block:
            self.flush(context)
            hints = tuple(_hint_words(element))
            path = (*context.path[1 - _PATH_DEPTH :], _path_segment(tag, hints))
            inner = _Context(tag, path, (*context.hints, *hints)[-_HINT_DEPTH:], hidden)
            parent = self.open_nodes[-1] if self.open_nodes else -1
            self.nodes.append(Node(tag, " ".join(hints), (element.get("role") or "").lower(), parent))
            self.open_nodes.append(len(self.nodes) - 1)
        elif tag == "br":
            self.flush(context)
        elif tag in _CELL_TAGS and self.parts:
            self.parts.append(" | ")
        in_link = in_link or tag == "a"
        self.add(element.text, in_link=in_link)
        for child in element:
            self.walk(child, inner, in_link)
            self.add(child.tail, in_link=in_link)
        if starts_block:
            self.flush(inner)
            self.open_nodes.pop()

    def _is_hidden(self, element: lxml.html.HtmlElement) -> bool:
        """Hidden from sight, unless it holds most of the page: then a script reveals it on load
        (an anti-flicker wrapper). aria-hidden hides from screen readers only, so it does not count."""
        if element.get("hidden") is None and not _HIDDEN_STYLE.search(element.get("style", "")):
            return False
        return len(element.text_content()) <= _MAX_HIDDEN_SHARE * self.page_chars


def segment_html(tree: lxml.html.HtmlElement) -> Segmentation:
    """The page's text blocks in document order, with their DOM facts and ancestor elements."""
    body = tree.find("body")
    root = body if body is not None else tree
    segmenter = _Segmenter(page_chars=len(root.text_content()))
    segmenter.walk(root, _Context(), in_link=False)
    segmenter.flush(_Context())
    return Segmentation(segmenter.blocks, tuple(segmenter.nodes))


def html_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """The page's text blocks in document order, with their DOM facts."""
    return segment_html(tree).blocks


def _hint_words(element: lxml.html.HtmlElement) -> list[str]:
    return f"{element.get('id', '')} {element.get('class', '')}".split()


def _path_segment(tag: str, hints: tuple[str, ...]) -> str:
    return f"{tag}.{hints[0]}" if hints else tag


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the markup declares (<html lang>), as a BCP 47 tag."""
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().replace("_", "-")
    return lang or None
