"""HTML to blocks: parse once with lxml and keep the DOM facts each block needs.

The parser never touches the network or the disk and resolves no external entity. Each
block-level element (and each <br>-separated line in one) becomes a Block carrying its tag,
a short path, class/id hints, the share of its text inside links, and whether it is hidden.
The block-level elements themselves become Nodes, and each block names its ancestors among
them, so that structure.py can find landmarks, repeated card groups and tab panels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import lxml.html
from lxml import etree

from cleaner.blocks import Block, BlockKind, dom_blocks
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
_NOT_PLAIN = _BLOCK_TAGS | _SKIPPED_TAGS | _CELL_TAGS | {"br"}  # tags the walk does more for
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PATH_DEPTH = 5  # path segments a block keeps: enough to read, short enough to diff
_HINT_DEPTH = 8  # class/id words a block keeps from itself and its nearest ancestors
_MAX_HIDDEN_SHARE = 0.5
# The largest of 500 WCXB pages has 16,000 elements; 100,000 take about 10 s and 300 MB.
MAX_ELEMENTS = 100_000


def _html_parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    """lxml's HTML parser, resolving nothing outside the page, with a fast element lookup."""
    parser = lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
        recover=True,
        encoding=encoding,
        # No table of id attributes (as trafilatura's own parser): nothing here looks elements up
        # by id, and each tree copy and deletion in trafilatura would update it (parsing: 9% faster).
        collect_ids=False,
    )
    # lxml.html picks each element's class in Python, once per element touched: 12% of
    # cleaner's time on WCXB pages, mostly inside trafilatura. This C-level lookup gives every
    # element the same HtmlElement class (only <form>, <input>... lose their special
    # subclasses, which nothing here uses), with identical output on the dev pages.
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


# Pages are parsed as UTF-8 bytes: lxml hands libxml2 a str in its in-memory form, UTF-16 or
# UCS-4 for any page with a curly quote or a non-Latin letter, which libxml2 then converts to
# UTF-8 itself; encoding first and parsing the bytes takes 15% less time than that (the same
# trees on 391 dev pages). The encoding given to the parser overrides the page's <meta charset>.
_UTF8_PARSER = _html_parser("utf-8")
_TEXT_PARSER = _html_parser()  # for a str with a lone surrogate, which UTF-8 cannot encode


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The page's element tree, or None when nothing parseable is there."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text or text.isspace():  # not text.strip(), which copies the page
        return None
    parser = _UTF8_PARSER
    try:
        page: str | bytes = text.encode("utf-8")
    except UnicodeEncodeError:
        page, parser = text, _TEXT_PARSER
    try:
        tree = lxml.html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(_lost_text(error) for error in parser.error_log):
        raise PageTooLarge("the page has a run of text over 10 MB, more than the HTML parser reads")
    # Cheap bounds first: counting elements costs a walk, counting "<" a scan of the page.
    if len(text) > MAX_ELEMENTS and text.count("<") > MAX_ELEMENTS:
        elements = sum(1 for _ in tree.iter())
        if elements > MAX_ELEMENTS:
            raise PageTooLarge(
                f"the page has {elements:,} elements, more than the {MAX_ELEMENTS:,} cleaner reads"
            )
    if 'class="line' in text:
        _separate_code_lines(tree)
    return tree


_CODE_LINES = etree.XPath("//pre//span[contains(concat(' ', normalize-space(@class), ' '), ' line ')]")


def _separate_code_lines(tree: lxml.html.HtmlElement) -> None:
    """Syntax highlighters (Shiki and its kind) print each line of a code sample as a <span
    class="line">, and some minify away the newline between two: a style sheet shows each line
    as a block. Give them their newline back, or "npm install" and "cd app" read as one line."""
    for line in _CODE_LINES(tree):
        previous = line.getprevious()
        if (
            previous is not None
            and previous.tag == "span"
            and "line" in (previous.get("class") or "").split()
            and "\n" not in (previous.tail or "")
        ):
            previous.tail = "\n" + (previous.tail or "")


def _lost_text(error: etree._LogEntry) -> bool:
    """libxml2 drops the whole document, silently, past a 10 MB run of text in one node. (Past
    its depth limit of 256 it only drops the deeper elements: that page is still read.)"""
    return error.type_name == "ERR_RESOURCE_LIMIT" and "depth" not in error.message


class Node(NamedTuple):
    """A block-level element: its tag, class/id words, ARIA role, and its parent's node number.

    A named tuple, not a frozen dataclass: the walk makes one for every block-level element of
    every page, and tuple.__new__ makes it in one call in C (the dataclass took five, and the
    garbage collector keeps visiting it, where it stops visiting a tuple of strings and ints)."""

    tag: str
    hints: str
    role: str
    parent: int  # -1 for the outermost


_new_node = tuple.__new__  # Node's fields in one tuple, without NamedTuple's __new__ in Python


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A page's blocks, and the block-level elements their `ancestors` numbers point into."""

    blocks: list[Block]
    nodes: tuple[Node, ...]
    under: dict[int, range]  # as Segments.blocks_under


# A block before it is a Block: text, path, tag, link_chars, hints, hidden, ancestors.
_Row = tuple[str, str, str, int, str, bool, tuple[int, ...]]
Verdict = Callable[[str, int], bool]  # (text, word count) -> is it main content?


@dataclass(frozen=True, slots=True)
class Segments:
    """A page's text blocks as rows of DOM facts, not yet Blocks, and the block-level elements
    their ancestors point into. The pipeline makes each Block once, with trafilatura's verdict
    (setting it on a made Block is a copy of every block: a third of the matching time)."""

    rows: list[_Row]
    nodes: tuple[Node, ...]
    first_rows: list[int]  # each node's first row: the number read before it opened
    end_rows: list[int]  # the number of rows read when each node closed

    def blocks_under(self) -> dict[int, range]:
        """The positions of the blocks under each node, for the nodes with any, in node order:
        the rows read while it was open (the walk records them, which spares structure.Layout
        a pass over the blocks' ancestors)."""
        spans = zip(self.first_rows, self.end_rows, strict=True)
        return {number: range(first, end) for number, (first, end) in enumerate(spans) if end > first}

    @property
    def visible_chars(self) -> int:
        """Characters of text in the blocks that are not hidden."""
        return sum(len(row[0]) for row in self.rows if not row[5])

    def blocks(self, verdict: Verdict | None = None) -> list[Block]:
        """The Blocks, each with in_main_content from `verdict` (None without one)."""
        if not self.rows:
            return []
        texts, paths, tags, link_chars, hints, hidden, ancestors = map(list, zip(*self.rows, strict=True))
        kinds = [_BLOCK_KIND.get(tag, "paragraph") for tag in tags]
        return dom_blocks(texts, paths, kinds, tags, link_chars, hints, hidden, ancestors, verdict)


def segment_html(tree: lxml.html.HtmlElement) -> Segmentation:
    """The page's text blocks in document order, with their DOM facts and ancestor elements."""
    segments = read_segments(tree)
    return Segmentation(segments.blocks(), segments.nodes, segments.blocks_under())


def read_segments(tree: lxml.html.HtmlElement) -> Segments:
    """The page's text blocks in document order, with their DOM facts and ancestor elements.

    One recursive walk over the elements, on every element of every page: its state lives in
    local lists and its context in plain arguments, which is what keeps it cheap (a frozen
    dataclass per block element, a method call per text and one per inline leaf cost a tenth of
    its time).
    """
    body = tree.find("body")
    root = body if body is not None else tree
    page_chars: list[int] = []  # the page's text length, measured at the first hidden-marked element
    rows: list[_Row] = []
    nodes: list[Node] = []
    open_nodes: list[int] = []  # the block-level elements we are inside
    first_rows: list[int] = []  # for each node, the rows read before it opened
    end_rows: list[int] = []  # and when it closed: Segments.blocks_under's spans
    parts: list[str] = []  # the texts of the block being read
    link_parts: list[str] = []  # those of them inside links

    def flush(tag: str, path: tuple[str, ...], hints: tuple[str, ...], hidden: bool) -> None:
        raw = "".join(parts)
        if raw.isspace():  # most flushes: the indentation between two block elements
            parts.clear()
            link_parts.clear()
            return
        text = raw.strip("\n") if tag == "pre" else " ".join(raw.split())
        if text and (tag != "pre" or not text.isspace()):  # spaces are folded away but in <pre>
            link_chars = sum(len(" ".join(part.split())) for part in link_parts) if link_parts else 0
            row = (
                text,
                ">".join(path),
                tag,
                min(link_chars, len(text)),
                " ".join(hints),
                hidden,
                tuple(open_nodes),
            )
            rows.append(row)
        parts.clear()
        link_parts.clear()

    def walk(
        element: lxml.html.HtmlElement,
        tag: str,
        context_tag: str,
        path: tuple[str, ...],
        hints: tuple[str, ...],
        context_hidden: bool,
        in_link: bool,
    ) -> None:
        """Read `element` (of `tag`) and its children, inside the block element of `context_tag`."""
        # Its attribute names in one call, and only the values it has looked up: each lookup
        # costs as much as the names (most elements have a class or an href, and nothing else).
        names = element.keys()
        classes = element.get("class", "") if "class" in names else ""
        hidden = context_hidden or (
            bool(names)
            and _marked_hidden(element, names, classes)
            and not _most_of(element, root, page_chars)
        )
        starts_block = tag in _BLOCK_TAGS or hidden != context_hidden
        if starts_block:
            if parts:
                if len(parts) == 1 and parts[0].isspace():  # the indentation before it: no call
                    parts.clear()
                    link_parts.clear()
                else:
                    flush(context_tag, path, hints, context_hidden)
            parent = open_nodes[-1] if open_nodes else -1
            if names:
                own_hints = f"{element.get('id', '') if 'id' in names else ''} {classes}".split()
                role = (element.get("role") or "").lower() if "role" in names else ""
            else:  # most block elements (<p>, <li>, <tr>): no attribute to look up
                own_hints, role = [], ""
            if own_hints:
                path = (*path[1 - _PATH_DEPTH :], f"{tag}.{own_hints[0]}")
                hints = (*hints, *own_hints)[-_HINT_DEPTH:]
            else:
                path = (*path[1 - _PATH_DEPTH :], tag)
            context_tag = tag
            nodes.append(_new_node(Node, (tag, " ".join(own_hints), role, parent)))
            open_nodes.append(len(nodes) - 1)
            first_rows.append(len(rows))
            end_rows.append(0)
        elif tag == "br":
            if parts:
                flush(context_tag, path, hints, hidden)
        elif tag in _CELL_TAGS and parts:
            parts.append(" | ")
        in_link = in_link or tag == "a"
        text = element.text
        if text:
            parts.append(text)
            if in_link:
                link_parts.append(text)
        for child in element:
            child_tag = child.tag  # lxml's HTML parser lower-cases tag names; comments have a function here
            if not isinstance(child_tag, str) or child_tag in _SKIPPED_TAGS:
                pass  # never shown; its tail is still text
            elif (  # most children are inline leaves, whose text is all they add: no call for them
                child_tag not in _NOT_PLAIN
                and not len(child)
                and not ((child_names := child.keys()) and _may_be_hidden(child, child_names))
            ):
                text = child.text
                if text:
                    parts.append(text)
                    if in_link or child_tag == "a":
                        link_parts.append(text)
            else:
                walk(child, child_tag, context_tag, path, hints, hidden, in_link)  # noqa: F821 (see del walk)
            tail = child.tail
            if tail:
                parts.append(tail)
                if in_link:
                    link_parts.append(tail)
        if starts_block:
            if parts:
                if len(parts) == 1 and parts[0].isspace():  # the indentation after its last child
                    parts.clear()
                    link_parts.clear()
                else:
                    flush(context_tag, path, hints, hidden)
            end_rows[open_nodes.pop()] = len(rows)

    walk(root, root.tag, "html", (), (), False, False)  # <body>, or <html> without one
    del walk  # it calls itself through its closure: a cycle that only the collector would free
    if parts:
        flush("html", (), (), False)
    return Segments(rows, tuple(nodes), first_rows, end_rows)


def _may_be_hidden(element: lxml.html.HtmlElement, names: list[str]) -> bool:
    """Whether an element with these attribute `names` may be hidden: every hiding class
    contains one of the strings _may_hide looks for. The walk asks this of every
    inline leaf with attributes."""
    if "hidden" in names or "style" in names:
        return True
    return "class" in names and _may_hide(element.get("class", ""))


def _marked_hidden(element: lxml.html.HtmlElement, names: list[str], classes: str) -> bool:
    """Whether a `hidden` attribute, an inline style or a hiding class hides `element`, whose
    attribute names are `names` and class attribute `classes`."""
    return (
        "hidden" in names
        or ("style" in names and _HIDDEN_STYLE.search(element.get("style", "")) is not None)
        or (_may_hide(classes) and _hidden_by_class(classes))
    )


def _most_of(element: lxml.html.HtmlElement, root: lxml.html.HtmlElement, page_chars: list[int]) -> bool:
    """Hidden from sight, but holding most of the page: then a script reveals it on load (an
    anti-flicker wrapper). aria-hidden hides from screen readers only, so it does not count.
    The page's text is measured once, at the first element asked about (most pages have none)."""
    if not page_chars:
        page_chars.append(len(root.text_content()))
    return len(element.text_content()) > _MAX_HIDDEN_SHARE * page_chars[0]


# Class words that mean display:none in the common CSS frameworks (Bootstrap's "hide", "d-none",
# WordPress's "screen-reader-text"). Not when another word shows the element at some screen
# size ("hidden md:block", "d-none d-md-block"): that is a responsive layout, not a hidden one.
# Bootstrap's, WordPress's and others' classes of text that only screen readers are given.
SCREEN_READER_CLASSES = frozenset(("sr-only", "visually-hidden", "screen-reader-text"))
_HIDING_CLASSES = frozenset(("hide", "hidden", "d-none", "is-hidden")) | SCREEN_READER_CLASSES


def _may_hide(classes: str) -> bool:
    """Whether a class attribute may name a hiding class: each contains one of these strings.
    Asked of most elements; four substring tests cost a third of one regex search."""
    return "hid" in classes or "d-none" in classes or "sr-only" in classes or "screen-reader-text" in classes


def _hidden_by_class(classes: str) -> bool:
    words = classes.split()
    return bool(_HIDING_CLASSES.intersection(words)) and not any(
        ":" in word or (word.startswith("d-") and word != "d-none") for word in words
    )


def html_blocks(tree: lxml.html.HtmlElement) -> list[Block]:
    """The page's text blocks in document order, with their DOM facts."""
    return segment_html(tree).blocks


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the markup declares (<html lang>), as a BCP 47 tag."""
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().replace("_", "-")
    return lang or None


@dataclass(frozen=True, slots=True)
class CaselessPattern:
    """A regular expression written in lower case, searched ignoring case, three times faster
    on class names: an ASCII text is first searched lower-cased and case-sensitively, where the
    regex engine skips ahead on the pattern's first letters (IGNORECASE tries every position).
    Only a text found so (or not ASCII: Unicode case rules, such as the Kelvin sign being a k,
    are not lower()'s) is searched with IGNORECASE, for the same Match as re.search gives."""

    ignoring_case: re.Pattern[str]
    lower_case: re.Pattern[str]

    @classmethod
    def compile(cls, pattern: str) -> CaselessPattern:
        if any(char.isupper() for char in pattern):  # the lower-cased text could never match it
            raise ValueError(f"write the pattern in lower case: {pattern!r}")
        return cls(re.compile(pattern, re.IGNORECASE), re.compile(pattern))

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii() and self.lower_case.search(text.lower()) is None:
            return None
        return self.ignoring_case.search(text)


# Class and id words of cookie-consent dialogs: the common consent managers' own prefixes
# (OneTrust, Cookiebot, CookieLawInfo, Complianz, Quantcast, Sourcepoint, Didomi, Usercentrics,
# TrustArc, Osano, iubenda) and the plain names sites give their own banners. Whole words only:
# a body class such as "cookies-not-set" or a "trusted-people" box is no dialog, and neither is a
# word that reports the dialog's state ("cookie-banner-visible" on <html>: every block inherits it).
CONSENT_DIALOG = CaselessPattern.compile(
    r"(?:^|\s)(?:onetrust|ot-sdk|ot-pc|cybotcookiebot|cookielawinfo|cli-tab|cmplz|qc-cmp|sp_message|"
    r"didomi|usercentrics|truste[-_]|osano|iubenda|cookie-?consent|cookie[-_]?(?:banner|notice|bar|"
    r"popup|modal|law|pref)|cc-window|gdpr[-_](?:banner|overlay|consent|popup|modal|notice)|"
    r"consent[-_](?:banner|dialog|modal|popup|manager|overlay))[\w-]*"
    r"(?<!visible)(?<!shown)(?<!open)(?<!active)(?<!accepted)(?<!given)(?<!closed)(?<!dismissed)"
    r"(?<!hidden)(?<!enabled)(?<!disabled)(?<!pending)(?=\s|$)"
)


def drop_consent_dialogs(tree: lxml.html.HtmlElement, nodes: Sequence[Node]) -> None:
    """Take cookie-consent dialogs out of `tree`, for the trafilatura runs that read it after
    the blocks were made (consent_dialog explains their removal): its fallbacks take a dialog's
    policy prose for the article. The dialog's own element is a block-level node, so pages
    without one are told from their nodes' class words alone, searched at once: a match never
    spans a line break (whitespace ends a class word), and one search of their lines costs a
    fraction of one search per node's words."""
    if CONSENT_DIALOG.search("\n".join({node.hints for node in nodes})) is None:
        return
    dialogs = []
    named: dict[str, bool] = {}  # a page repeats its class names: each is searched once
    for element in tree.iter(tag=etree.Element):
        names = f"{element.get('id', '')} {element.get('class', '')}"
        found = named.get(names)
        if found is None:
            found = named[names] = CONSENT_DIALOG.search(names) is not None
        if found and element.tag not in ("html", "body"):  # the page itself, whatever its classes report
            dialogs.append(element)
    for dialog in dialogs:
        if dialog.getparent() is not None:
            dialog.drop_tree()  # keeps the text that follows it
