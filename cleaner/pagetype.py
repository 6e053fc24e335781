"""What kind of page this is: article, forum, product, collection, listing, documentation,
service, or other, with a confidence.

Evidence, strongest first: what the page declares (JSON-LD @type, og:type), then its
structure: shop controls and prices (product, collection), posts of a thread (forum), code
and reference navigation (documentation), a long run of prose (article), repeated cards with
little prose (listing, collection, service), and the words of the URL path. Every rule reads
generic features; none is keyed on a site. Each page's evidence is recorded as the source of
`page_type`, so `to_dict(explain=True)` says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from cleaner.blocks import Block
from cleaner.dates import find_date
from cleaner.document import PageType

# Declared JSON-LD @types and og:types (capitalised, as PageMarkup.types holds them).
_DECLARED: dict[str, PageType] = {
    "DiscussionForumPosting": "forum",
    "QAPage": "forum",
    "SocialMediaPosting": "forum",
    "Product": "product",
    "ProductGroup": "product",
    "Product.item": "product",
    "TechArticle": "documentation",
    "APIReference": "documentation",
    "NewsArticle": "article",
    "BlogPosting": "article",
    "Article": "article",
    "ScholarlyArticle": "article",
    "LiveBlogPosting": "article",
    "Report": "article",
    "OpinionNewsArticle": "article",
    "Recipe": "article",
    "CollectionPage": "collection",
    "Product.group": "collection",
    "ItemList": "listing",
    "Service": "service",
    "SoftwareApplication": "service",
    "WebApplication": "service",
}
# Words of URL paths and host names that name a kind of page, in several languages.
_URL_WORDS: dict[PageType, frozenset[str]] = {
    "forum": frozenset("forum forums thread threads topic topics t questions question community discuss"
                       " discussion comments viewtopic showthread showtopic r".split()),
    "documentation": frozenset("docs doc documentation reference api manual handbook guide guides"
                               " library stable latest dev en-us howto reference".split()),
    "product": frozenset("product products p dp item itm produkt produit producto prodotto".split()),
    "collection": frozenset("collections collection shop category categories c catalog store"
                            " kategorie categorie categoria".split()),
    "listing": frozenset("news blog blogs tag tags topics archive archives search list lists"
                         " jobs events page".split()),
    "service": frozenset("services service solutions solution pricing consulting features"
                         " platform product-tour".split()),
}  # fmt: skip
# A forum's URL words (threads, topics, questions) are rarely used for anything else.
_URL_POINTS: dict[PageType, float] = {
    "forum": 2.0, "documentation": 2.0, "product": 1.0, "collection": 1.0, "service": 1.5
}  # fmt: skip
# Sections whose pages are articles: /blog/<slug>, /news/2024/<slug>.
_ARTICLE_SECTIONS = frozenset("blog blogs news article articles post posts story stories insights".split())
_CART = re.compile(
    r"add to (?:cart|bag|basket|trolley)|buy now|buy it now|in den warenkorb|ajouter au panier"
    r"|añadir al carrito|aggiungi al carrello|adicionar ao carrinho|in winkelwagen|в корзину|カートに入れる"
    r"|加入购物车",
    re.IGNORECASE,
)
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|zł|kr|руб|₽|CHF|USD|EUR|GBP)(?!\w))")
# The buttons of a service's landing page, in English (most of the web's service pages).
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:contact us|contact sales|get a (?:free )?(?:quote|demo|consultation)|book a (?:demo|call"
    r"|consultation)|request a (?:demo|quote)|schedule a (?:demo|call|consultation)|get started"
    r"|start (?:your )?free trial|free trial|try (?:it )?(?:for )?free|sign up(?: for free)?"
    r"|talk to (?:sales|an expert|us)|learn more)\W*$",
    re.IGNORECASE,
)
_BUTTONS = ".//button | .//input[@type='submit'] | .//a[contains(@class, 'cart')]"
_DOCS_HOST = re.compile(r"^(?:docs?|developers?|devdocs|api|wiki|learn|help|support|manual)\.", re.I)
_FORUM_HOST = re.compile(r"^(?:forums?|community|discuss|boards?|answers)\.", re.I)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """Counts read from the page's tree before trafilatura prunes it."""

    prices: int = 0  # short elements that show a price
    cart_buttons: int = 0  # "add to cart" buttons and forms
    code_blocks: int = 0  # <pre> elements
    articles: int = 0  # <article> elements
    product_objects: int = 0  # JSON-LD Product objects (many of them: a collection)
    calls_to_action: int = 0  # "Contact us", "Get a quote", "Book a demo" links and buttons


@dataclass(frozen=True, slots=True)
class PageTypeGuess:
    """The page type, how sure (0 to 1) and the evidence that decided it."""

    page_type: PageType
    confidence: float
    evidence: str


def read_signals(tree: lxml.html.HtmlElement, product_objects: int = 0) -> PageSignals:
    """The shop, code and layout counts of a page."""
    found = _Candidates.of(tree)
    prices = sum(1 for element in found.priced[:200] if _shows_price(element.text_content()))
    buttons = sum(
        1
        for element in found.buttons[:300]
        if _CART.search(element.text_content() or element.get("value", ""))
    )
    return PageSignals(
        prices=prices,
        cart_buttons=buttons + found.cart_forms,
        code_blocks=found.code_blocks,
        articles=found.articles,
        product_objects=product_objects,
        calls_to_action=sum(
            1 for element in found.links[:1500] if _is_call_to_action(element.text_content())
        ),
    )


def _shows_price(text: str) -> bool:
    return len(text) < 40 and _PRICE.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Candidates:
    """The elements read_signals() reads, in page order, found in one walk (six XPaths with
    contains() cost 60% more)."""

    priced: list[lxml.html.HtmlElement]  # a class, itemprop or id that says "price"
    buttons: list[lxml.html.HtmlElement]  # <button>, <input type=submit>, <a class="...cart...">
    links: list[lxml.html.HtmlElement]  # <a> and <button>
    cart_forms: int  # <form action="...cart...">
    code_blocks: int  # <pre>
    articles: int  # <article>

    @classmethod
    def of(cls, tree: lxml.html.HtmlElement) -> _Candidates:
        priced, buttons, links = [], [], []
        forms = code = articles = 0
        for element in tree.iterdescendants(etree.Element):
            tag, attributes = element.tag, element.attrib
            if attributes and (
                "price" in attributes.get("class", "")
                or "price" in attributes.get("itemprop", "")
                or "price" in attributes.get("id", "")
            ):
                priced.append(element)
            if tag == "a":
                links.append(element)
                if "cart" in attributes.get("class", ""):
                    buttons.append(element)
            elif tag == "button":
                links.append(element)
                buttons.append(element)
            elif tag == "input" and attributes.get("type") == "submit":
                buttons.append(element)
            elif tag == "form":
                forms += "cart" in attributes.get("action", "")
            elif tag == "pre":
                code += 1
            elif tag == "article":
                articles += 1
        return cls(priced, buttons, links, forms, code, articles)


def _is_call_to_action(text: str) -> bool:
    return len(text) < 40 and _CALL_TO_ACTION.match(" ".join(text.split())) is not None


@dataclass(frozen=True, slots=True)
class _Features:
    """What the blocks say about the page's shape."""

    prose_words: int  # words in the main content's sentence-like paragraphs
    main_words: int
    headings: int
    thread_posts: int
    card_blocks: int
    card_link_share: float  # share of the cards' text inside links: high on listings
    code_blocks: int
    link_share: float  # share of all visible text inside links
    date_lines: int  # short lines that are mostly a date: one per post of a thread
    linked_headings: int  # headings that are links: the titles of a listing's cards

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> _Features:
        visible = [block for block in blocks if not block.hidden]
        main = [block for block in visible if block.in_main_content]
        prose = [b for b in main if b.kind == "paragraph" and b.sentence_like and b.word_count >= 8]
        chars = sum(len(block.text) for block in visible) or 1
        cards = [block for block in main if block.rescued.startswith("card group")]
        return cls(
            prose_words=sum(block.word_count for block in prose),
            main_words=sum(block.word_count for block in main),
            headings=sum(1 for block in main if block.kind == "heading"),
            thread_posts=sum(1 for block in main if block.rescued.startswith("post of a thread")),
            card_blocks=len(cards),
            card_link_share=sum(b.link_chars for b in cards) / (sum(len(b.text) for b in cards) or 1),
            code_blocks=sum(1 for block in main if block.kind == "code"),
            link_share=sum(block.link_chars for block in visible) / chars,
            date_lines=sum(1 for block in visible if _is_date_line(block.text)),
            linked_headings=sum(
                1 for b in visible if b.kind == "heading" and b.tag != "h1" and b.link_density >= 0.8
            ),
        )


def _is_date_line(text: str) -> bool:
    if len(text) >= 60:
        return False
    found = find_date(text)
    return found is not None and found.other_words <= 4


def classify(
    blocks: Sequence[Block],
    types: Iterable[str],
    signals: PageSignals,
    url: str | None,
    *,
    bylined: bool = False,
) -> PageTypeGuess:
    """The page type with the most evidence. `bylined`: the markup names an author or a date."""
    features = _Features.of(blocks)
    declared = _declared(types, signals)
    if declared is not None and declared.confidence >= 0.9:
        return declared
    scores: dict[PageType, float] = dict.fromkeys(_ORDER, 0.0)
    reasons: dict[PageType, list[str]] = {kind: [] for kind in _ORDER}

    def add(kind: PageType, points: float, reason: str) -> None:
        scores[kind] += points
        reasons[kind].append(reason)

    if declared is not None:
        add(declared.page_type, 1.0, declared.evidence)
    _structure_evidence(features, signals, bylined, add)
    _url_evidence(url, add)
    best = max(_ORDER, key=lambda kind: scores[kind])
    if scores[best] < 1.0:
        return PageTypeGuess("other", 0.3, "no evidence")
    total = sum(max(score, 0.0) for score in scores.values())
    return PageTypeGuess(best, round(scores[best] / total, 2), "; ".join(reasons[best]))


_ORDER: tuple[PageType, ...] = (
    "article", "forum", "product", "collection", "listing", "documentation", "service"
)  # fmt: skip


def _structure_evidence(
    features: _Features, signals: PageSignals, bylined: bool, add: Callable[[PageType, float, str], None]
) -> None:
    """Points for each page type from the page's shape (thresholds from WCXB dev medians: an
    article has ~1,200 words of prose, 85% of its main text; listings and collections ~200,
    half; service pages ~500)."""
    prose, share = features.prose_words, features.prose_words / max(features.main_words, 1)
    if features.thread_posts >= 2:
        add("forum", 3.0, f"{features.thread_posts} posts of a thread")
    if features.date_lines >= 8:  # WCXB dev: 65% of forum threads, 7% of articles
        add("forum", 1.5, f"{features.date_lines} dated lines")
    if features.linked_headings >= 8:  # WCXB dev: 46% of listings, 38% of collections, 18% of articles
        add(
            "collection" if signals.prices >= 3 else "listing",
            1.0,
            f"{features.linked_headings} linked headings",
        )
    if signals.cart_buttons:
        add("product", 2.0, "a cart button")
    if 1 <= signals.prices <= 3:
        add("product", 1.0, f"{signals.prices} prices")
    if signals.prices >= 4:
        add("collection", 2.0, f"{signals.prices} prices")
    if features.card_blocks >= 6:
        cards = f"{features.card_blocks} blocks in repeated cards, {features.card_link_share:.0%} links"
        if signals.prices >= 3:
            add("collection", 2.0, cards)
        elif features.card_link_share >= 0.5:
            add("listing", 1.5, cards)
        else:
            add("service", 1.0, cards)
    if signals.code_blocks >= 2:
        add("documentation", 1.5, f"{signals.code_blocks} code blocks")
    if bylined:
        add("article", 1.0, "an author or date")
    if prose >= 600 and share >= 0.7:
        add("article", 1.0, f"{prose} words of prose")
    if features.link_share >= 0.35:
        add("listing", 0.5, f"{features.link_share:.0%} of the text in links")
        add("collection", 0.5, f"{features.link_share:.0%} of the text in links")
    if prose < 300:
        add("listing", 0.5, f"only {prose} words of prose")
        add("collection", 0.5, f"only {prose} words of prose")
    if signals.calls_to_action >= 4:  # WCXB dev: 44% of service pages, 15% of articles
        add("service", 1.0, f"{signals.calls_to_action} calls to action")
    if not bylined and prose < 1000 and features.headings >= 3:
        add("service", 1.0, f"{features.headings} headings, {prose} words of prose, no byline")


def _url_evidence(url: str | None, add: Callable[[PageType, float, str], None]) -> None:
    """Points from the URL: a host named for docs or a forum, words of the path, and the shape
    of its last part (a long slug names one text; a bare path names a section or a home page)."""
    if not url:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    if _FORUM_HOST.match(host):
        add("forum", 3.0, "a forum host")
    if _DOCS_HOST.match(host):
        add("documentation", 2.0, "a documentation host")
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    path_words = {word for segment in segments[:3] for word in re.split(r"[._=]+", segment)}
    for kind, points in _URL_POINTS.items():
        if path_words & _URL_WORDS[kind]:
            add(kind, points, f"'{kind}' words in the URL path")
    if segments and segments[-1] in _URL_WORDS["listing"]:
        add("listing", 1.5, "a section URL")
    elif any(segment in _ARTICLE_SECTIONS for segment in segments[:-1]):
        add("article", 1.0, "a page under a blog or news section")
    slug = max((len(re.split(r"[-_+]", segment)) for segment in segments), default=0)
    if slug >= 4:
        add("article", 1.0, f"a {slug}-word slug")
        add("forum", 0.5, f"a {slug}-word slug")
    elif len(segments) <= 1:
        add("service", 1.0, "a top-level URL")


def _declared(types: Iterable[str], signals: PageSignals) -> PageTypeGuess | None:
    """What the page says it is: JSON-LD types are strong; og:type "Article" (which many site
    templates put on every page) and generic types only add points."""
    kinds: dict[PageType, str] = {}
    for name in sorted(types):  # sorted: a set's order changes from one process to the next
        kind = _DECLARED.get(name)
        if kind is not None and (kind not in kinds or kinds[kind] in _WEAK_DECLARATIONS):
            kinds[kind] = name  # "NewsArticle" outranks a template's "Article", whatever the order
    if signals.product_objects >= 3:
        return PageTypeGuess("collection", 0.9, f"{signals.product_objects} JSON-LD Product objects")
    for kind in ("forum", "documentation", "product", "article", "collection", "listing", "service"):
        if kind in kinds:
            name = kinds[kind]
            strong = name not in _WEAK_DECLARATIONS
            return PageTypeGuess(kind, 0.9 if strong else 0.6, f"declared {name}")
    return None


# og:type values and JSON-LD types that site templates put on pages of every kind.
_WEAK_DECLARATIONS = frozenset(("Article", "Service", "SoftwareApplication", "WebApplication", "ItemList"))
