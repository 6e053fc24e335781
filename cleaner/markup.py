"""Metadata the HTML declares: JSON-LD, Open Graph and Twitter cards, <meta>, <time>, <title>.

Read straight from the parsed tree with a few XPath queries, in order of trust. This is
much faster than trafilatura's metadata pass, whose date search through htmldate and
dateparser cost more than half of cleaning time, and it records where each value came from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import lxml.html

Found = dict[str, tuple[Any, str]]  # field -> (value, source)

_ARTICLE_TYPES = re.compile(r"article|posting|report|webpage|product|qapage|discussion|recipe|event", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»/-]\s+|\s+::\s+")
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)


@dataclass(frozen=True, slots=True)
class PageMarkup:
    """What the markup declares: metadata fields with their sources, and what the page says it is
    (every JSON-LD @type, and its og:type capitalised)."""

    fields: Found
    types: frozenset[str]


def read_markup(tree: lxml.html.HtmlElement, url: str | None, *, today: date | None = None) -> PageMarkup:
    """The page's declared metadata and types, reading <meta> and JSON-LD once."""
    meta = _meta_values(tree)
    linked = list(_json_ld_objects(tree))
    return PageMarkup(
        _metadata(tree, url, meta, linked, today or date.today()), _declared_types(meta, linked)
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

    def first(field: str, *candidates: tuple[Any, str]) -> None:
        for value, source in candidates:
            if value:
                found[field] = (value, source)
                return

    main = next((obj for obj in linked if _ARTICLE_TYPES.search(str(obj.get("@type", "")))), {})
    first("title", *_title_candidates(tree, meta, main))
    first(
        "author",
        (_ld_names(main.get("author")), "json-ld"),
        *_meta_first(meta, _AUTHOR_KEYS, plain=True),
        *_byline_elements(tree),
    )
    first("date", *_date_candidates(tree, meta, main, today))
    first(
        "sitename",
        (_ld_names(main.get("publisher")), "json-ld"),
        *_meta_first(meta, ("og:site_name", "application-name")),
    )
    first(
        "description",
        *_meta_first(meta, ("og:description", "description", "twitter:description")),
        (_text(main.get("description")), "json-ld"),
    )
    first("url", *((urljoin(url or "", value), source) for value, source in _canonical(tree, meta)))
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
)


def _declared_types(meta: dict[str, list[str]], linked: list[dict[str, Any]]) -> frozenset[str]:
    types: set[str] = set()
    for obj in linked:
        declared = obj.get("@type")
        types.update(str(t) for t in (declared if isinstance(declared, list) else [declared]) if t)
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


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _ld_names(value: Any) -> str | None:
    """Names of JSON-LD persons or organisations (a list joined with ", "), never URLs."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items]
    kept = [name for name in names if name and not _URL.match(name)]
    return ", ".join(dict.fromkeys(kept)) or None


_BYLINE_XPATH = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'author') or contains(@class, 'byline')"
    " or contains(@id, 'author')][not(self::meta or self::link or self::script)]"
)
_BY = re.compile(r"^(?:(?:written|posted|published|words|story)\s+)?by\s*:?\s+|^author\s*:\s*", re.I)


def _byline_elements(tree: lxml.html.HtmlElement, max_words: int = 6) -> Iterator[tuple[str, str]]:
    """Short visible text of elements marked as the author (rel, itemprop, class or id)."""
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        if element.find(".//style") is not None or element.find(".//script") is not None:
            continue
        text = _BY.sub("", " ".join(element.text_content().split())).strip(" ,|")
        if (
            text
            and len(text.split()) <= max_words
            and not _URL.match(text)
            and any(c.isalpha() for c in text)
        ):
            yield text, "byline element"
            return


def _title_candidates(
    tree: lxml.html.HtmlElement, meta: dict[str, list[str]], main: dict[str, Any]
) -> Iterator[tuple[str, str]]:
    """A visible <h1> that the declared titles contain, then declared titles without the site name."""
    declared = [
        (value, source)
        for value, source in (
            *_meta_first(meta, ("og:title",)),
            (_text(main.get("headline") or main.get("name")), "json-ld"),
            *_meta_first(meta, ("twitter:title",)),
            (_text(tree.findtext(".//title")), "title"),
        )
        if value
    ]
    for heading in tree.iterfind(".//h1"):
        text = " ".join(heading.text_content().split())
        if len(text) > 3 and any(text.lower() in value.lower() for value, _ in declared):
            yield text, "h1"
    site = (meta.get("og:site_name") or [""])[0].lower()
    for value, source in declared:
        yield _strip_site_name(value, site), source


def _strip_site_name(title: str, site: str) -> str:
    """'Story headline | Site' -> 'Story headline': drop parts that name the site, keep the longest."""
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    if len(parts) < 2:
        return title
    named = [part for part in parts if site and part.strip().lower() not in site and site not in part.lower()]
    return max(named or parts, key=len).strip()


def _date_candidates(
    tree: lxml.html.HtmlElement, meta: dict[str, list[str]], main: dict[str, Any], today: date
) -> Iterator[tuple[str, str]]:
    raw = [(main.get("datePublished"), "json-ld"), *_meta_first(meta, _DATE_KEYS)]
    raw += [(element.get("datetime"), "time") for element in tree.iterfind(".//time[@datetime]")][:1]
    for value, source in raw:
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
        return None
    if not date(1990, 1, 1) <= moment.date() <= today + timedelta(days=1):
        return None
    has_time = "T" in text and (moment.hour or moment.minute or moment.second or moment.tzinfo)
    return moment.isoformat() if has_time else moment.date().isoformat()


def _canonical(tree: lxml.html.HtmlElement, meta: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    for link in tree.iterfind(".//link[@rel='canonical']"):
        if link.get("href", "").strip():
            yield link.get("href", "").strip(), "link canonical"
    yield from _meta_first(meta, ("og:url",))


def _tags(meta: dict[str, list[str]], main: dict[str, Any]) -> tuple[str, ...]:
    values = [*meta.get("article:tag", []), *meta.get("keywords", []), *meta.get("news_keywords", [])]
    keywords = main.get("keywords")
    values += keywords if isinstance(keywords, list) else [keywords] if isinstance(keywords, str) else []
    parts = (part.strip() for value in values if isinstance(value, str) for part in value.split(","))
    return tuple(dict.fromkeys(part for part in parts if part))
