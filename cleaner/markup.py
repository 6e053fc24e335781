"""Metadata the HTML declares: JSON-LD, Open Graph and Twitter cards, <meta>, <time>, <title>.

Read straight from the parsed tree with a few XPath queries, in order of trust. This is
much faster than trafilatura's metadata pass, whose date search through htmldate and
dateparser cost more than half of cleaning time, and it records where each value came from.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import takewhile
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from cleaner.dates import date_in_url, find_date
from cleaner.pagetype import PageSignals, read_signals

Found = dict[str, tuple[Any, str]]  # field -> (value, source)

_ARTICLE_TYPES = re.compile(r"article|posting|report|webpage|product|qapage|discussion|recipe|event", re.I)
# Types whose datePublished is the publication of the text itself (a WebPage's is often the
# template's); the others are weaker evidence, named in the source.
_TEXT_TYPES = re.compile(r"article|posting|report|qapage|discussion|recipe", re.I)
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_ORGANISATION = re.compile(r"organi[sz]ation|corporation|company|business|brand|ngo|newsmedia", re.I)


@dataclass(frozen=True, slots=True)
class PageMarkup:
    """What the markup declares: metadata fields with their sources, what the page says it is
    (every JSON-LD @type, and its og:type capitalised), and the counts page types are told by."""

    fields: Found = field(default_factory=dict)
    types: frozenset[str] = frozenset()
    signals: PageSignals = field(default_factory=PageSignals)


def read_markup(tree: lxml.html.HtmlElement, url: str | None, *, today: date | None = None) -> PageMarkup:
    """The page's declared metadata and types, reading <meta> and JSON-LD once."""
    meta = _meta_values(tree)
    linked = list(_json_ld_objects(tree))
    products = sum(1 for obj in linked if _types_of(obj) & {"Product", "ProductGroup"})
    return PageMarkup(
        _metadata(tree, url, meta, linked, today or date.today()),
        _declared_types(meta, linked),
        read_signals(tree, products),
    )


def _metadata(
    tree: lxml.html.HtmlElement,
    url: str | None,
    meta: dict[str, list[str]],
    linked: list[dict[str, Any]],
    today: date,
) -> Found:
    """Every metadata field the markup declares, with the source each value came from."""
    found: Found = {}

    def first(name: str, *candidates: tuple[Any, str]) -> None:
        for value, source in candidates:
            if value:
                found[name] = (value, source)
                return

    main = next((obj for obj in linked if _ARTICLE_TYPES.search(str(obj.get("@type", "")))), {})
    first(
        "sitename",
        (_ld_names(main.get("publisher")), "json-ld"),
        *_meta_first(meta, ("og:site_name", "application-name")),
    )
    sites = site_names(
        [*meta.get("og:site_name", []), *meta.get("application-name", []), *_site_objects(linked)], url
    )
    declared = _declared_titles(tree, meta, main)
    sites += _closing_headings(tree, declared, sites)
    heads = headings(tree, sites)
    first("title", *pick_title(heads, declared, sites))
    if heads:  # the visible headline, which an article's title prefers (see metadata.py)
        found["headline"] = (heads[0], "h1")
    first("authors", *_author_candidates(tree, meta, main))
    if "authors" in found:  # a JSON-LD list is joined; a <meta> or byline text is kept as written
        authors, source = found.pop("authors")
        found["author"] = (", ".join(authors), source)
        if source == "json-ld":
            found["authors"] = (tuple(authors), source)
    first("date", *_date_candidates(tree, meta, linked, main, url, today))
    first("date_modified", *_modified_candidates(meta, main, today))
    first(
        "description",
        *_meta_first(meta, ("og:description", "description", "twitter:description")),
        (_text(main.get("description")), "json-ld"),
    )
    first("url", *((urljoin(url or "", value), source) for value, source in _canonical(tree, meta)))
    base = found.get("url", (url, ""))[0] or ""
    first("image", *((urljoin(base, value), source) for value, source in _images(meta, [main, *linked])))
    first("tags", (_tags(meta, main), "meta keywords"))
    return found


_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "published",
    "published-date",
    "publication-date",
    "publication_date",
    "publish_date",
)
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")


def _types_of(obj: dict[str, Any]) -> set[str]:
    declared = obj.get("@type")
    return {str(t) for t in (declared if isinstance(declared, list) else [declared]) if t}


def _declared_types(meta: dict[str, list[str]], linked: list[dict[str, Any]]) -> frozenset[str]:
    types: set[str] = set()
    for obj in linked:
        types |= _types_of(obj)
    types.update(value.strip().capitalize() for value in meta.get("og:type", []))
    return frozenset(types)


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """<meta name|property|itemprop=... content=...> values by lower-cased key, in page order."""
    values: dict[str, list[str]] = {}
    for element in tree.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content") or element.get("datetime")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
    return values


def _meta_first(
    meta: dict[str, list[str]], keys: tuple[str, ...], *, plain: bool = False
) -> Iterator[tuple[str, str]]:
    for key in keys:
        for value in meta.get(key, []):
            if not (plain and _URL.match(value)):
                yield value, f"meta {key}"


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph members included; broken JSON is skipped."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            elif isinstance(item, list):
                stack.extend(item)


def _site_objects(linked: list[dict[str, Any]]) -> Iterator[str]:
    """Names of the WebSite and the organisations a page declares: names a title may end with."""
    for obj in linked:
        if _types_of(obj) & {"WebSite", "Organization", "NewsMediaOrganization", "Corporation"}:
            name = _text(obj.get("name"))
            if name:
                yield name


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _ld_names(value: Any) -> str | None:
    """Names of JSON-LD persons or organisations (a list joined with ", "), never URLs."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items]
    kept = [name for name in names if name and not _URL.match(name)]
    return ", ".join(dict.fromkeys(kept)) or None


def _ld_people(value: Any) -> list[str]:
    """Names of the JSON-LD authors that are people, in the order given. An organisation as
    author is the publisher signing its template (WCXB dev pages whose JSON-LD authors are all
    organisations: no true author on 13, that organisation on 5, someone else on 5)."""
    people: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and _ORGANISATION.search(" ".join(_types_of(item))):
            continue
        name = _text(item.get("name") if isinstance(item, dict) else item)
        name = clean_author(name) if name else None
        if name:
            people.append(name)
    return list(dict.fromkeys(people))


def _author_candidates(
    tree: lxml.html.HtmlElement, meta: dict[str, list[str]], main: dict[str, Any]
) -> Iterator[tuple[list[str], str]]:
    yield _ld_people(main.get("author")), "json-ld"
    for value, source in _thread_starter(tree):
        yield [value], source
    for value, source in _meta_first(meta, _AUTHOR_KEYS, plain=True):
        name = clean_author(value)
        yield ([name] if name else []), source
    for value, source in _byline_elements(tree):
        yield [value], source


_BYLINE_XPATH = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'author') or contains(@class, 'byline')"
    " or contains(@id, 'author')][not(contains(@class, 'authoriz'))]"  # "authorize__link": a sign-in link
    "[not(self::meta or self::link or self::script or self::style)]"
)
_BY = re.compile(
    r"^(?:(?:written|posted|published|words|story|reviewed)\s+)?(?:by|von|par|por|di|door)\b\s*:?\s*"
    r"|^(?:.*?\s)?by\s*:?\s+|^(?-i:By(?=[A-Z]))|^(?:author|autor|auteur|автор)\b\s*:?\s*",
    re.I,
)
# What follows a name in a byline element: a date, "Published ...", "Updated ...", a profile link.
_AFTER_AUTHOR = re.compile(
    r"(?:\s*[-–—|•·,]\s*|\s+|(?<=[a-z]))(?:(?:last\s+)?(?:published|updated|posted|modified|reviewed)\b"
    r"|on\s+\w+\s+\d|\d{1,4}[./-]\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|author.s profile|view all|more from"
    r"|follow\b|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\d+\s+(?:mins?|hours?|days?|weeks?)\b"
    r").*$"
    r"|\s+\d{4,}\b.*$"  # a reputation or post count after a user name (not digits in the name)
    r"|\s*[|•⋅／]\s*.*$|\s+/\s+.*$",  # a name never holds a bar, bullet or spaced slash
    re.I,
)
_AVATAR_INITIAL = re.compile(r"^(?P<first>\w)\S*(?:\s+\S+)*?\s+(?P=first)$", re.I)  # "Ejp55230 E"
# Label text that marks where an author would be, never a name.
_NOT_A_NAME = re.compile(
    r"^(?:by|written by|posted by|author|authors|the author|about the author|name|admin|administrator"
    r"|undefined|null|none|anonymous|unknown|staff|editor|guest|sign in|log in|login|register|subscribe)\W*$"
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
    if not text or _NOT_A_NAME.search(text) or _URL.match(text) or not any(c.isalpha() for c in text):
        return None
    return text


def _byline_elements(tree: lxml.html.HtmlElement, max_words: int = 25) -> Iterator[tuple[str, str]]:
    """The name in the first element marked as the author (rel, itemprop, class or id) that
    holds one. A whole post (<article class="post author-jane">), or an element with more
    than `max_words` words before its first sentence, is a container, not a byline."""
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        if element.tag in ("article", "main", "body") or element.find(".//style") is not None:
            continue
        if element.find(".//script") is not None:
            continue
        pieces = _pieces(element)
        short = list(takewhile(lambda piece: len(piece.split()) <= _NAME_WORDS, pieces))
        if sum(len(piece.split()) for piece in short) > max_words:
            continue
        name = byline_name(pieces)
        if name:
            yield name, "byline element"
            return


def _pieces(element: lxml.html.HtmlElement) -> list[str]:
    """The element's text nodes, each with its spaces folded, empty ones left out."""
    texts = (" ".join(repair(text).split()) for text in element.itertext())
    return [text for text in texts if text]


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


def _thread_starter(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    """The name a forum labels as the thread's starter: "<span>Thread starter</span> <a>name</a>"
    or "Started by <a>name</a>". The first post on a page is not always the first of the
    thread, and the markup names a post's author in many more places than this one."""
    for element in tree.iter("span", "dt", "div", "li", "p", "em", "small", "strong", "b", "label"):
        own = " ".join((element.text or "").split()).rstrip(":").casefold()
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


def _declared_titles(
    tree: lxml.html.HtmlElement, meta: dict[str, list[str]], main: dict[str, Any]
) -> list[tuple[str, str]]:
    """The titles the page declares, in order of trust: <title>, or first its og:title when
    that is a piece of it (the <title> with the site's name or a section around it:
    "PostgreSQL: Documentation: 18: SELECT" and "SELECT"; WCXB dev: right on 8 more pages)."""
    declared = [
        (" ".join(repair(html.unescape(value)).split()), source)
        for value, source in (
            (_text(tree.findtext(".//title")), "title"),
            *_meta_first(meta, ("og:title",)),
            (_text(main.get("headline") or main.get("name")), "json-ld"),
            *_meta_first(meta, ("twitter:title",)),
        )
        if value
    ]
    if len(declared) > 1 and declared[0][1] == "title" and declared[1][1] == "meta og:title":
        title, open_graph = squash(declared[0][0]), squash(declared[1][0])
        if open_graph and open_graph != title and open_graph in title:
            declared[:2] = declared[1::-1]
    return declared


# Title separators: a site name follows " | ", " - ", " · ", " » " and the like. A colon is not
# one: "Topic: subtitle" is the headline itself.
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»/:-]\s+|\s+::\s+|\s*[|·•»]\s*")
_NON_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Letters and digits only, case folded: how title parts are compared."""
    return _NON_WORD.sub("", text.casefold())


def host_name(url: str | None) -> str:
    """The site's own label in a URL's host, before its public suffix:
    "https://legal.example.co.uk/a" -> "example"."""
    labels = (urlsplit(url or "").hostname or "").split(".")
    if len(labels) < 2:
        return labels[0]
    # "co.uk", "com.au": a short second-level label belongs to the suffix
    short_suffix = len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2
    return labels[-3] if short_suffix else labels[-2]


def site_names(names: list[str], url: str | None) -> list[str]:
    """Squashed names a title's site suffix may take: declared site names and the host's name."""
    return [squashed for squashed in map(squash, [*names, host_name(url)]) if len(squashed) > 2]


def _names_site(part: str, sites: list[str]) -> bool:
    """A title part names the site when it is the site's name, a piece of it, or the name with
    a few more letters ("Example.org"); a headline that merely mentions the site does not."""
    squashed = squash(part)
    return not squashed or any(
        squashed in site or (site in squashed and len(squashed) <= len(site) + _SITE_SUFFIX_LETTERS)
        for site in sites
    )


_SITE_SUFFIX_LETTERS = 6  # "Example.org", "Example News": the site name and a short word


def strip_site_name(title: str, sites: list[str]) -> str:
    """'Headline | Site' -> 'Headline': the first part that does not name the site."""
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2:
        return title.strip()
    kept = [part for part in parts if not _names_site(part, sites)]
    return kept[0] if kept else parts[0]


def element_text(element: lxml.html.HtmlElement) -> str:
    """An element's text as shown: a line break (<br>) is a space, where text_content() glues
    the words on either side ("News Product<br>Management" -> "News ProductManagement"), and
    invisible characters (soft hyphens, zero-width spaces, direction marks) go."""
    parts: list[str] = []
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if event == "start" and isinstance(node.tag, str):
            parts.append(" " if node.tag == "br" else node.text or "")
        elif event == "end" and node is not element:
            parts.append(node.tail or "")
    return " ".join(repair("".join(parts)).split())


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


def _closing_headings(
    tree: lxml.html.HtmlElement, declared: list[tuple[str, str]], sites: list[str]
) -> list[str]:
    """Squashed <h1> texts that close the <title> after a separator: the site's or the book's
    name, which its template sets in <h1> on every page ("What is Ownership? - The Rust
    Programming Language" under <h1>The Rust Programming Language</h1>). Not when the
    <title> opens with the site's name ("Site | Headline")."""
    title = next((value for value, source in declared if source == "title"), "")
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2 or _names_site(parts[0], sites):
        return []
    texts = (squash(element_text(h)) for h in tree.iterfind(".//h1"))
    return [text for text in texts if text and text == squash(parts[-1])]


def headings(tree: lxml.html.HtmlElement, sites: list[str]) -> list[str]:
    """The page's first <h1> texts, without permalink marks; an <h1> that only names the site
    is a logo, not a headline."""
    texts = [" ".join(element_text(h).replace("¶", " ").split()) for h in tree.iterfind(".//h1")]
    return [text for text in texts if len(squash(text)) > 2 and not _names_site(text, sites)][:3]


def pick_title(
    heads: list[str], declared: list[tuple[str, str]], sites: list[str]
) -> Iterator[tuple[str, str]]:
    """The visible <h1> when it is a declared title or part of one, else the first declared
    title without its site name. An <h1> longer than the declared title is a tagline around it
    (measured on WCXB dev: the declared title was the right one twice as often)."""
    if declared:
        stripped = strip_site_name(declared[0][0], sites)
        for text in heads:
            if squash(text) == squash(stripped) or any(
                squash(text) in squash(value) for value, _ in declared
            ):
                yield text, "h1"
        yield stripped, declared[0][1]
    for text in heads[:1]:
        yield text, "h1"


def _date_candidates(
    tree: lxml.html.HtmlElement,
    meta: dict[str, list[str]],
    linked: list[dict[str, Any]],
    main: dict[str, Any],
    url: str | None,
    today: date,
) -> Iterator[tuple[str, str]]:
    """Publication dates, most trusted first: the text's own JSON-LD object, <meta>, a date in
    the URL path, the first <time>, then a web page object's date."""
    texts = [obj for obj in linked if _TEXT_TYPES.search(" ".join(_types_of(obj)))]
    raw: list[tuple[Any, str]] = [(obj.get("datePublished"), "json-ld") for obj in texts]
    raw += list(_meta_first(meta, _DATE_KEYS))
    in_url = date_in_url(url or "")
    raw += [(in_url, "url")]
    times = (element.get("datetime") for element in tree.iterfind(".//time[@datetime]"))
    raw += [(next((value for value in times if _iso_date(value, today)), None), "time")]  # the first readable
    raw += [(main.get("datePublished"), "json-ld web page")]
    for value, source in raw:
        iso = _iso_date(value, today)
        if iso and in_url and _next_day(iso[:10], in_url):
            # The markup's moment is in UTC or another zone; the URL files it on the day the
            # page states (a post at 21:00 in New York is the next day in UTC).
            yield in_url, "url (the markup's time falls on the next or previous day)"
        elif iso:
            yield iso, source


def _next_day(one: str, other: str) -> bool:
    return abs(date.fromisoformat(one) - date.fromisoformat(other)) == timedelta(days=1)


def _modified_candidates(
    meta: dict[str, list[str]], main: dict[str, Any], today: date
) -> Iterator[tuple[str, str]]:
    for value, source in [(main.get("dateModified"), "json-ld"), *_meta_first(meta, _MODIFIED_KEYS)]:
        iso = _iso_date(value, today)
        if iso:
            yield iso, source


def _iso_date(value: Any, today: date) -> str | None:
    """ISO 8601 text for a declared date, or None if unreadable or implausible (before 1990, future)."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(text[:32])
    except ValueError:
        written = find_date(value, today=today)  # "July 17, 2025": a date written for people
        return written.iso if written and written.other_words == 0 else None
    if not date(1990, 1, 1) <= moment.date() <= today + timedelta(days=1):
        return None
    has_time = "T" in text and (moment.hour or moment.minute or moment.second or moment.tzinfo)
    return moment.isoformat() if has_time else moment.date().isoformat()


def _canonical(tree: lxml.html.HtmlElement, meta: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    for link in tree.iterfind(".//link[@rel='canonical']"):
        if link.get("href", "").strip():
            yield link.get("href", "").strip(), "link canonical"
    yield from _meta_first(meta, ("og:url",))


def _images(meta: dict[str, list[str]], objects: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """The lead image: Open Graph, Twitter card, then the main JSON-LD object's image, then the
    first other object's that has one."""
    yield from _meta_first(meta, ("og:image", "og:image:url", "og:image:secure_url", "twitter:image"))
    image = next((obj.get("image") for obj in objects if obj.get("image")), None)
    for item in image if isinstance(image, list) else [image]:
        value = item.get("url") if isinstance(item, dict) else item
        if (
            isinstance(value, str)
            and value.strip()
            and urlsplit(value.strip()).scheme in ("", "http", "https")
        ):
            yield value.strip(), "json-ld"


def _tags(meta: dict[str, list[str]], main: dict[str, Any]) -> tuple[str, ...]:
    values = [*meta.get("article:tag", []), *meta.get("keywords", []), *meta.get("news_keywords", [])]
    keywords = main.get("keywords")
    values += keywords if isinstance(keywords, list) else [keywords] if isinstance(keywords, str) else []
    parts = (part.strip() for value in values if isinstance(value, str) for part in value.split(","))
    return tuple(dict.fromkeys(part for part in parts if part))
