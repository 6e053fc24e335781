"""Who wrote a page, from its visible text: byline elements, a forum's thread starter label.

The markup's text nodes are read one by one: a name is its own node (a profile link, a
<span>), so labels ("By", "Posted by"), avatar letters, dates and roles around it are other
nodes that text_content() would glue to it. Also the repair of text a saved page garbled
(mojibake, invisible characters), which every metadata field read from the page needs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import islice, takewhile

import lxml.html
from lxml import etree

URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.", re.I)


def repair(text: str) -> str:
    """Text without invisible characters, and with UTF-8 that was read as Latin-1 or
    Windows-1252 read again ("Investorâ\x80\x99s" -> "Investor’s"), as a page saved twice shows:
    the repair is kept only when the whole text round-trips."""
    text = _INVISIBLE.sub("", text)
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


# A lead byte of a two- to four-byte UTF-8 sequence read as Latin-1 or Windows-1252, then a
# continuation byte read the same way: "Ã©", "â€™", "â\x80\x99". Text in any language almost
# never has one.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


# Characters that take no room on the page: soft hyphen, zero-width space and joiner marks,
# word joiner, byte order mark, and bidirectional embedding marks (a title wrapped in U+202A).
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


_BY = re.compile(
    r"^(?:(?:written|posted|published|words|story|reviewed)\s+)?(?:by|von|par|por|di|door)\b\s*:?\s*"
    r"|^(?:.*?\s)?by\s*:?\s+|^(?-i:By(?=[A-Z]))|^(?:author|autor|auteur|автор)\b\s*:?\s*",
    re.I,
)
# What follows a name in a byline element: a date, "Published ...", "Updated ...", a profile link.
# Glued text ("PerumalPublished") is told by a capital after a small letter: "Kasun" and
# "Thurmon" end in a weekday's letters and are names.
_AFTER_AUTHOR = re.compile(
    r"(?:\s*[-–—|•·,]\s*|\s+|(?-i:(?<=[a-z])(?=[A-Z])))(?:(?:last\s+)?(?:published|updated|posted|modified|reviewed)\b"
    r"|on\s+\w+\s+\d|\d{1,4}[./-]\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|author.s profile|view all|more from"
    r"|follow\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)\b\.?,?\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\d+\s+(?:mins?|hours?|days?|weeks?)\b"
    r").*$"
    r"|\s+\d{4,}\b.*$"  # a reputation or post count after a user name (not digits in the name)
    r"|\s*[|•⋅／]\s*.*$|\s+/\s+.*$",  # a name never holds a bar, bullet or spaced slash
    re.I,
)
_AVATAR_INITIAL = re.compile(r"^(?P<first>\w)\S*(?:\s+\S+)*?\s+(?P=first)$", re.I)  # "Ejp55230 E"
# Label text that marks where an author would be, never a name.
_NOT_A_NAME = re.compile(
    r"^(?:by|written by|posted by|author|authors|the author|about the author|name|admin|administrator"
    r"|undefined|null|none|anonymous|unknown|staff|editor|guest|sign in|log in|login|register|subscribe"
    r"|webmaster|home|menu|contact|contact us|get in touch|read more|learn more)\W*$"
    r"|\bmin(?:ute)?s?\s+read\b|\b\d{1,2}:\d\d\b"
    r"|\bsays\b|©|\(c\)|\b(?:19|20)\d\d\b|[*{}<>@]|^\W|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d",
    re.I,
)


def clean_author(text: str) -> str | None:
    """A byline's name: without "By", a following date or "Published ...", or None if what is
    left is a label ("Name *", "The Author"), a copyright line or not a name at all."""
    text = repair(html.unescape(" ".join(text.split())))
    text = _AFTER_AUTHOR.sub("", _BY.sub("", text)).strip(" ,;:|-–—")
    if _AVATAR_INITIAL.match(text):  # an avatar's letter printed after the name
        text = text[:-1].rstrip()
    if not text or _NOT_A_NAME.search(text) or URL_LIKE.match(text) or not any(c.isalpha() for c in text):
        return None
    return text


BYLINE_IN_ITEM = "byline element in a repeated item"


def byline_elements(tree: lxml.html.HtmlElement, max_words: int = 25) -> Iterator[tuple[str, str]]:
    """The name in the first element marked as the author (rel, itemprop, class or id) that
    holds one. A whole post (<article class="post author-jane">), or an element with more
    than `max_words` words before its first sentence, is a container, not a byline.

    A byline inside one of a run of like items (cards, teasers, posts) names that item's
    author: it comes only when the page has no byline of its own, with a source that says so
    (BYLINE_IN_ITEM), since a forum's posts are such items and their first author is the
    thread's."""
    in_item: str | None = None
    for element in islice(_byline_elements(tree), 20):
        name = _element_name(element, max_words)
        if name and not in_repeated_item(element):
            yield name, "byline element"
            return
        in_item = in_item or name
    if in_item:
        yield in_item, BYLINE_IN_ITEM


def _byline_elements(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements under `tree` marked as the author (rel, itemprop, class or id), in page
    order, one at a time: the first with a name usually comes early, where an XPath (with
    libxml2's slow contains()) would walk the whole page first. "authorize__link" is a sign-in
    link, "authorities-..." a menu item, id="authorization" a heading; "no-byline" marks a post
    without one."""
    for element in tree.iterdescendants(etree.Element):
        names = element.keys()  # one call; then only the values it has are looked up (as parse's walk)
        if not names:
            continue
        classes = element.get("class", "") if "class" in names else ""
        ids = element.get("id", "") if "id" in names else ""
        if (
            (
                ("rel" in names and element.get("rel") == "author")
                or ("itemprop" in names and element.get("itemprop") == "author")
                or "author" in classes
                or "byline" in classes
                or "author" in ids
            )
            and not ("authori" in classes or "authori" in ids or "no-byline" in classes)
            and element.tag not in ("meta", "link", "script", "style")
        ):
            yield element


def _element_name(element: lxml.html.HtmlElement, max_words: int) -> str | None:
    """The name a byline element holds, or None for a container, a byline's category or date
    part, or text that names no one."""
    if element.tag in ("article", "main", "body") or element.find(".//style") is not None:
        return None
    if _NOT_NAME_CLASS.search(element.get("class") or ""):  # "byline__category"
        return None
    if element.find(".//script") is not None:
        return None
    pieces = _pieces(element, skip_labelled=True)
    short = list(takewhile(lambda piece: len(piece.split()) <= _NAME_WORDS, pieces))
    if sum(len(piece.split()) for piece in short) > max_words:
        return None
    return byline_name(pieces)


_ITEM_DEPTH = 6  # levels above a byline where the item that holds it may be
_LIKE_ITEMS = 2  # other items with a byline of their own: three in all make a run
_SIBLINGS_CHECKED = 40


def in_repeated_item(element: lxml.html.HtmlElement) -> bool:
    """Whether the element sits in one of a run of like items: an ancestor (or the element)
    with at least two siblings of the same tag and first class word that hold a byline element
    too (among the parent's first _SIBLINGS_CHECKED children), as a listing's cards or a blog's
    teasers do. WCXB dev pages typed article whose byline element is in one: no author in the
    truth on 10 (4 of them listings), the right one on 0."""
    node = element
    for _ in range(_ITEM_DEPTH):
        parent = node.getparent()
        if parent is None:
            return False
        like = 0
        for sibling in parent[:_SIBLINGS_CHECKED]:
            if sibling is node or sibling.tag != node.tag or _first_class(sibling) != _first_class(node):
                continue
            like += next(_byline_elements(sibling), None) is not None
            if like >= _LIKE_ITEMS:
                return True
        node = parent
    return False


def _first_class(element: lxml.html.HtmlElement) -> str:
    """An item's kind: its first class word ("review" of "review odd depth-1"), as like items
    differ in the words after it (odd and even rows, the item's own id)."""
    return next(iter((element.get("class") or "").split()), "")


def _pieces(element: lxml.html.HtmlElement, *, skip_labelled: bool = False) -> list[str]:
    """The element's text nodes, each with its spaces folded, empty ones left out.
    `skip_labelled`: without the text of descendants whose class says they hold a category,
    tag or date ("byline__category": "Wellness & Prevention" is a section, not a name)."""
    texts = _texts_but_labelled(element) if skip_labelled else element.itertext()
    folded = (" ".join(repair(text).split()) for text in texts)
    return [text for text in folded if text]


def _texts_but_labelled(element: lxml.html.HtmlElement) -> Iterator[str]:
    """itertext(), without the descendants a class marks as not holding the name."""
    if isinstance(element.tag, str):  # a comment's own text is not shown
        yield element.text or ""
    for child in element:
        if not (isinstance(child.tag, str) and _NOT_NAME_CLASS.search(child.get("class") or "")):
            yield from _texts_but_labelled(child)
        yield child.tail or ""


# Classes of the parts of a byline that are not its name.
_NOT_NAME_CLASS = re.compile(r"categor|\btags?\b|topic|date|time", re.I)


# Words between two names in a byline, each its own text node: "<a>A</a>, <a>B</a> and <a>C</a>".
_NAME_JOINERS = frozenset((",", "&", "and", ", and", "und", "et", "y", "e", "i", "и", "en", "·"))


# A text node that ends with the word before a name: "By", "Text by", "Insights from".
_NAME_FOLLOWS = re.compile(r"(?:^|\s)(?:by|von|par|por|di|door|av|przez|from|via)\s*:?$", re.I)
# ... before the name of someone who is not the author: "Updated by", "Reviewed by".
_OTHER_FOLLOWS = re.compile(
    r"\b(?:updated|edited|reviewed|modified|checked|photos?|images?)\s+by\s*:?$", re.I
)
_NAME_WORDS = 6  # a longer text node is a sentence or a bio, not a name


def byline_name(pieces: list[str]) -> str | None:
    """The author named by a byline's text nodes. A name is its own node in the markup (a
    profile link, a <span>), so the label before it ("By", an avatar's letter, a date) and the
    role or counts after it ("Senior Editor", "Joined 2019", "1,655 reputation") are other
    nodes: text_content() glues them into one string ("Posted byDamien Walter", "Liz Kenny
    Former Consultant"). A name after "By" outranks an unlabelled one before it; names joined
    by "," or "and" are kept together, as the page joins them."""
    found, joiner = "", ""
    labelled = closed = False
    for piece in pieces:
        if _OTHER_FOLLOWS.search(piece):
            if found:
                break
            continue
        if _NAME_FOLLOWS.search(piece):
            if found and labelled:
                break
            found, joiner, labelled, closed = "", "", True, False
            continue
        if found and not closed and piece.casefold() in _NAME_JOINERS:
            joiner = piece
            continue
        name = _piece_name(piece)
        if name and not found:
            found = name
        elif name and joiner and not closed:
            found += f"{joiner} {name}" if joiner == "," else f" {joiner} {name}"
            joiner = ""
        elif found:
            if labelled:
                break
            closed = True  # an unlabelled name: a "By" further on may still name the author
    return found or None


def _piece_name(piece: str) -> str | None:
    """A name, if this text node is one: not an avatar's letter, a label or a sentence."""
    if len(piece) < 2 or len(piece.split()) > _NAME_WORDS:
        return None
    if _LABEL_PIECE.match(piece) and not _BY_NAME.search(piece):  # "Posted by X" names X
        return None
    return clean_author(piece)


# Text nodes beside a name that are never one: what a byline says about the post or the user.
_LABEL_PIECE = re.compile(
    r"(?:(?:last|originally)\s+)?(?:updated|published|posted|modified|edited)\b"
    r"|(?:offline|online|post|reply|quote|email|share|follow|on|at|in)\W*$",
    re.I,
)
_BY_NAME = re.compile(r"\bby\s*:?\s+\w", re.I)


# Labels a forum prints just before the name of whoever started the thread.
_STARTER_LABELS = frozenset(
    (
        "thread starter",
        "topic starter",
        "discussion starter",
        "started by",
        "themenstarter",
        "themenersteller",
        "auteur de la discussion",
        "créateur du sujet",
        "autor del tema",
        "iniciado por",
        "autore della discussione",
        "criador do tópico",
        "автор темы",
        "topicstarter",
    )
)
# The most words a text can have and still be a label: rstrip(":") may drop a last word (":").
_STARTER_LABEL_WORDS = max(len(label.split()) for label in _STARTER_LABELS) + 1


def thread_starter(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    """The name a forum labels as the thread's starter: "<span>Thread starter</span> <a>name</a>"
    or "Started by <a>name</a>". The first post on a page is not always the first of the
    thread, and the markup names a post's author in many more places than this one."""
    for element in tree.iter("span", "dt", "div", "li", "p", "em", "small", "strong", "b", "label"):
        text = element.text
        if not text:  # most elements: their text is in their children
            continue
        own_words = text.split()
        if not own_words or len(own_words) > _STARTER_LABEL_WORDS:  # no label: spared the join
            continue
        own = " ".join(own_words).rstrip(":").casefold()
        if own not in _STARTER_LABELS:
            continue
        pieces = _pieces(element)[1:] if len(element) else []  # "Started by <a>name</a>"
        following = element.getnext()
        if not pieces and element.tail and element.tail.strip():
            pieces = [" ".join(element.tail.split())]
        elif not pieces and following is not None:
            pieces = _pieces(following)
        name = byline_name(pieces)
        if name:
            yield name, "thread starter label"
            return
