"""Metadata from two sources: the page's markup (markup.py) and the cruft we removed.

A dateline removal becomes `date`, a byline removal `author`, a tag-list removal `tags`.
For HTML, structured markup wins; removed lines fill what it lacks, and a dateline that names
the same day as the markup adds the time. The page type (pagetype.py) then decides whether a
date belongs at all: shop, service and listing pages carry template dates, not publication
dates. The declared language is checked against the text's own words. Each field records the
source it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import htmldate
import lxml.html

from cleaner import lexicon
from cleaner.blocks import Block, words
from cleaner.bylines import BYLINE_IN_ITEM, clean_author
from cleaner.dates import days_in, find_date, says_updated, visible_date
from cleaner.document import PageType, Removal
from cleaner.filters import tag_items
from cleaner.markup import SITE_FIRST, PageMarkup
from cleaner.pagetype import classify

_BYLINE_OPENER = re.compile(
    r"^(?:" + "|".join(map(re.escape, lexicon.BYLINE_OPENERS)) + r")\s*:?\s+", re.IGNORECASE
)
# What follows a name in a byline: a separator, then a date, role or outlet.
_AFTER_NAME = re.compile(r"\s+[|•·–—]\s+.*$|\s*,\s*(?:\d|updated|published).*$", re.IGNORECASE)
# Between two authors' names: "A and B", "A & B", "A; B", "A, B and C" (in several languages).
_AUTHOR_JOINS = re.compile(
    r"\s*(?:;|&|,?\s+(?:and|und|et|y|e|и|en|i)\s+)\s*|\s*,\s*(?=[^\s,]+\s+[^\s,])", re.I
)

# Page types whose pages have a publication date; on the others a declared date is the
# template's or the catalogue's (WCXB dev: 770 of 782 dated pages are articles or forums).
_DATED_TYPES: frozenset[PageType] = frozenset(("article", "forum"))
# Sources of a date that only the page's own text can give: kept on any page type.
_OWN_DATE_SOURCES = frozenset(
    ("dateline", "url", "date shown under the headline", "date shown above the headline")
)
# Sources of a date that the markup gives the text itself (an Article's datePublished, Open
# Graph's article:published_time), not the page or the template: kept on any page type but
# documentation, which is maintained rather than published and whose templates stamp every
# page (WCXB dev pages typed neither article nor forum: right on 4 more, emitted on 3 more
# without a date in the truth; on documentation 0 and 7).
_TEXT_DATE_SOURCES = frozenset(("json-ld", "meta article:published_time"))
# Page types whose dates under the headline are their first item's.
_LIST_TYPES: frozenset[PageType] = frozenset(("listing", "collection"))


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_modified: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    page_type: PageType | None = None
    page_type_confidence: float | None = None
    sources: tuple[tuple[str, str], ...] = ()


def from_removals(removed: Sequence[Removal]) -> dict[str, tuple[object, str]]:
    """Metadata the removed cruft carries: {field: (value, filter name)}."""
    found: dict[str, tuple[object, str]] = {}
    for removal in removed:
        if removal.filter == "dateline" and "date" not in found:
            date = find_date(removal.text)
            if date is not None:
                found["date"] = (date.iso, "dateline")
        elif removal.filter == "byline" and "author" not in found:
            name = _AFTER_NAME.sub("", _BYLINE_OPENER.sub("", removal.text)).strip(" ,;:")
            if name:
                found["author"] = (name, "byline")
        elif removal.filter == "tag_list":
            tags = found.get("tags", ((), ""))[0]
            assert isinstance(tags, tuple)
            found["tags"] = ((*tags, *tag_items(removal.text)), "tag_list")
    return found


def split_authors(author: str) -> tuple[str, ...]:
    """The names in an author line, in order: "A, B and C" -> (A, B, C). A comma before a
    single word is a title or degree ("Jane Doe, MD"), not a second name."""
    names = [name.strip(" ,;") for name in _AUTHOR_JOINS.split(author)]
    return tuple(dict.fromkeys(name for name in names if name))


def collect(
    removed: Sequence[Removal],
    *,
    markup: PageMarkup,
    url: str | None,
    language: str | None,
    evidence: str | None = None,
    blocks: Sequence[Block] = (),
    kept: Sequence[Block] = (),
) -> Metadata:
    """Every metadata field with the source it came from, structured markup first. `evidence`
    names what decided the main text; it is recorded as the source of "text". `blocks` are the
    page's blocks before filtering (page type), `kept` the body's (language check)."""
    fields: dict[str, tuple[object, str]] = {}
    if url:
        fields["url"] = (url, "argument")
    if language:
        fields["language"] = (language, "html lang")
    fields.update(markup.fields)
    for name, (value, source) in from_removals(removed).items():
        if name not in fields or _refines_date(name, value, fields[name][0]):
            fields[name] = (value, source)
    if markup.fields or markup.types or any(block.tag for block in blocks):  # HTML: a dump has no structure
        bylined = "date" in markup.fields or "author" in markup.fields
        guess = classify(blocks, markup.types, markup.signals, url, bylined=bylined)
        fields["page_type"] = (guess.page_type, guess.evidence)
        fields["page_type_confidence"] = (guess.confidence, guess.evidence)
        _drop_template_dates(fields, guess.page_type)
        item_byline = _drop_template_authors(fields, guess.page_type)
        if is_home_page(url) and fields.get("author", ("", "json-ld"))[1] != "json-ld":
            del fields["author"]  # a site's front page is many texts: its byline is an item's
        _prefer_headline(fields, guess.page_type)
        _brand_title(fields, guess.page_type)
        if "date" not in fields and guess.page_type in _DATED_TYPES:
            _visible_date(fields, blocks)
        elif "date" not in fields and guess.page_type not in _LIST_TYPES:
            _byline_date(fields, blocks)
        elif guess.page_type == "article":
            _shown_date_wins(fields, blocks)
        if "date" not in fields and "date" not in markup.fields and guess.page_type != "documentation":
            _modified_only(fields, markup)
        if "date" not in fields and guess.page_type == "documentation":
            _documentation_date(fields, blocks)
        if "date" not in fields and guess.page_type in _DATED_TYPES and markup.tree is not None:
            _guessed_date(fields, markup.tree, url)
        if "author" not in fields and guess.page_type in _DATED_TYPES and not item_byline:
            _visible_byline(fields, blocks)
    fields.pop("headline", None)
    fields.pop("site_title", None)
    _authors(fields, blocks)
    _distinct_modified(fields)
    _check_language(fields, kept)
    return _metadata(fields, evidence)


def _metadata(fields: dict[str, tuple[object, str]], evidence: str | None) -> Metadata:
    values = {name: value for name, (value, _) in fields.items()}
    tags, authors = values.pop("tags", ()), values.pop("authors", ())
    confidence = values.pop("page_type_confidence", None)
    assert isinstance(tags, tuple) and isinstance(authors, tuple)
    sources = [(name, source) for name, (_, source) in fields.items() if name != "page_type_confidence"]
    if evidence:
        sources.append(("text", evidence))
    return Metadata(
        **{name: str(value) for name, value in values.items()},  # type: ignore[arg-type]
        tags=tuple(dict.fromkeys(tags)),
        authors=authors,
        page_type_confidence=round(float(confidence), 2) if isinstance(confidence, float) else None,
        sources=tuple(sorted(sources)),
    )


def _refines_date(name: str, found: object, known: object) -> bool:
    """A dateline with a time on the same day as the markup's date is the more precise one."""
    return name == "date" and str(found).startswith(str(known)[:10]) and len(str(found)) > len(str(known))


_HEADLINE_WORDS = 25
_THREAD_HEADLINE = "h1 (a thread's title; the declared one opens with the site's name)"


def _prefer_headline(fields: dict[str, tuple[object, str]], page_type: PageType) -> None:
    """An article's title is its visible headline, even when the declared title words it
    differently, if the two share a word (WCXB dev: title exact 0.736 -> 0.766 on the same
    candidates); other pages keep the declared title. A thread's title is its headline when
    the declared title opens with the site's name: the rest is the site's tagline as often as
    the thread's title (WCXB dev forums: right on 3 more pages, wrong on 0)."""
    if "headline" not in fields or fields.get("title", ("", ""))[1] == "h1":
        return
    if page_type == "forum" and str(fields.get("title", ("", ""))[1]).endswith(SITE_FIRST):
        fields["title"] = (fields["headline"][0], _THREAD_HEADLINE)
        return
    if page_type != "article":
        return
    headline, title = str(fields["headline"][0]), str(fields.get("title", ("", ""))[0])
    # A headline that shares no word with the title is a logo or a tagline; one that carries a
    # date the title lacks has the dateline glued to it.
    # A headline of more than _HEADLINE_WORDS words is a paragraph set in <h1>.
    shared = set(words(headline.casefold())) & set(words(title.casefold()))
    short = len(words(headline)) <= _HEADLINE_WORDS
    dated = find_date(headline) is not None and find_date(title) is None
    if shared and short and not dated and not _glued_counts(headline, title):
        fields["title"] = (headline, "h1 (an article's headline)")


# What a page glues after a headline: the source's host in brackets, then a comment count. A
# bare number is not enough: "Best phones 2025" may be the headline the title shortened.
_GLUED_TAIL = re.compile(r"\s*\([\w-]+(?:\.[\w-]+)+\)(?:\s+\d+)?")


def _glued_counts(headline: str, title: str) -> bool:
    """Whether the headline is the title with only a linked source's host (and a comment
    count) glued after it: "Grads Find Their Degrees No Longer Guarantee Jobs (latimes.com) 87"
    (WCXB dev: right on 2 more pages, wrong on 0)."""
    if not title or not headline.startswith(title) or len(headline) == len(title):
        return False
    return _GLUED_TAIL.fullmatch(headline[len(title) :]) is not None


def _brand_title(fields: dict[str, tuple[object, str]], page_type: PageType) -> None:
    """A service page's <title> that opens with the site's name ("Acme - Project management
    for teams") is the brand's own title as a whole, not a headline with the site's name
    around it (WCXB dev pages typed service: right on 8 more, on 2 fewer that the part after
    the name was)."""
    if page_type == "service" and str(fields.get("title", ("", ""))[1]).endswith(SITE_FIRST):
        title, source = fields.get("site_title", (None, ""))
        if title:
            fields["title"] = (title, f"{source} (a brand's title, with its name)")


def _drop_template_dates(fields: dict[str, tuple[object, str]], page_type: PageType) -> None:
    """On pages that are not articles or forums, a declared date is the template's: bad values
    are worse than none. A dateline or a dated URL path is the page's own and stays."""
    if page_type in _DATED_TYPES:
        return
    kept = _OWN_DATE_SOURCES if page_type == "documentation" else _OWN_DATE_SOURCES | _TEXT_DATE_SOURCES
    if "date" in fields and fields["date"][1] not in kept:
        del fields["date"]
    fields.pop("date_modified", None)


def _visible_date(fields: dict[str, tuple[object, str]], blocks: Sequence[Block], after: int = 25) -> None:
    """A date shown near the headline (from five blocks before the <h1> to `after` blocks
    below it), else a bare date further down in an element named for one, for articles and
    threads whose markup declares none. Measured on WCXB dev articles and forums without a
    declared date: right on 139 of 198 pages that have one, wrong on 19, emitted on 11 of 119
    that have none (htmldate: 146 right, 51 wrong, 117 emitted)."""
    lines = [(block.text, f"{block.hints} {block.path}") for block in _near_headline(blocks, None)]
    found = visible_date(lines[: after + 5])
    if found:
        fields["date"] = (found, "visible date near the headline")
    elif _byline_date(fields, blocks):  # a longer byline line right under the headline
        return
    elif found := visible_date(lines, strict=True):
        fields["date"] = (found, "visible date in a date element")


_SHOWN_AFTER = 8  # blocks under the headline where its byline and date sit


def _shown_date_wins(fields: dict[str, tuple[object, str]], blocks: Sequence[Block]) -> None:
    """The date an article shows under its headline is the one its readers (and WCXB's truth)
    go by when the markup declares a day the page never shows near it, or shows only as the day
    of an update ("Published Apr 26, 2023 / Updated Aug 21, 2025" under a datePublished of Aug
    21: right on 1 more WCXB dev page, wrong on 0). Not when the line says the page was updated
    (a later edit: WCXB's truth kept the markup's date 20 times, the shown one 14), nor when the
    markup's moment falls on the shown day in some time zone (zone_shift; a day apart counted
    as such before: right on 2 more pages, wrong on 0), unless that moment is a <time>'s
    datetime: the page shows its own day beside it (right on 1 more, wrong on 0). WCXB dev
    articles: right on 16 more pages, wrong on 8."""
    shown = [block for block in blocks if not block.hidden]
    heading = next((i for i, block in enumerate(shown) if block.tag == "h1"), None)
    declared, source = str(fields["date"][0]), fields["date"][1]
    if heading is None or source in _OWN_DATE_SOURCES:
        return
    line = next(
        (found for found in map(_date_line, shown[heading + 1 : heading + 1 + _SHOWN_AFTER]) if found), None
    )
    if line is None or says_updated(line[1]):
        return
    nearby = shown[max(0, heading - 3) : heading + 1 + _SHOWN_AFTER]
    days = set().union(
        *(days_in(block.text) for block in nearby if block.word_count <= 40 and not says_updated(block.text))
    )
    if declared[:10] in days or (source != "time" and zone_shift(declared, line[0])):
        return
    fields["date"] = (line[0], f"date shown under the headline ({source} said {declared[:10]})")


def _date_line(block: Block, max_words: int = 14, max_other_words: int = 4) -> tuple[str, str] | None:
    """(ISO date, text) of a short line that is mostly a date ("By Jo Lee · May 2, 2025")."""
    if block.word_count > max_words:
        return None
    found = find_date(block.text)
    return (found.iso, block.text) if found and found.other_words <= max_other_words else None


def _byline_date(fields: dict[str, tuple[object, str]], blocks: Sequence[Block], below: int = 5) -> bool:
    """The date in a line right under the headline (within `below` blocks: a share bar or a
    role may come first), which may name more than a date: "Posted by Jo on Friday May 2, 2025
    @08:00PM from the tech dept.", "Started by jo, May 26, 2025". Five blocks rather than
    three: right on 2 more WCXB dev pages, emitted on 1 more without a date. The line right
    above the headline counts too (a title bar's date: right on 1 more, emitted on 1 more).
    On any page type but lists, where it is the first item's: a page that shows a date under
    its headline dates itself (WCXB dev pages without a declared date: right on 13 more, of
    which 6 not typed article or forum; emitted on 0 pages without one)."""
    shown = [block for block in blocks if not block.hidden]
    heading = next((i for i, block in enumerate(shown) if block.tag == "h1"), None)
    if heading is None:
        return False
    start = max(0, heading - 1)
    for position, block in enumerate(shown[start : heading + 1 + below], start):
        line = _date_line(block, max_words=20, max_other_words=10)
        if line:
            fields["date"] = (
                line[0],
                f"date shown {'above' if position < heading else 'under'} the headline",
            )
            return True
    return False


def _documentation_date(fields: dict[str, tuple[object, str]], blocks: Sequence[Block]) -> None:
    """A documentation page dates itself by a line that is only a date ("Last updated on
    2025-02-23") in an element named for one, wherever it stands (WCXB dev documentation: right
    on 1 more page, wrong on 1 that had none, emitted on 0 more without a date; on shops,
    services and lists it emitted on 26 more without a date and was right on none)."""
    found = visible_date(
        [(block.text, f"{block.hints} {block.path}") for block in blocks if not block.hidden], strict=True
    )
    if found:
        fields["date"] = (found, "visible date in a date element")


def _guessed_date(
    fields: dict[str, tuple[object, str]], tree: lxml.html.HtmlElement, url: str | None
) -> None:
    """htmldate's guess (its fast search: dates in scripts' JSON, in attributes and elements
    named for a date), for an article or thread on which nothing else found one. WCXB dev: right
    on 5 more pages, wrong on 3 that had none, emitted on 22 more without a date in the truth
    (its extensive search: on about 110 more)."""
    found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True)
    if found:
        fields["date"] = (found, "htmldate (a last guess)")


def _modified_only(fields: dict[str, tuple[object, str]], markup: PageMarkup) -> None:
    """When the markup declares no publication date but a modification date, that is the page's
    date (WCXB dev pages but documentation, whose templates stamp every page: right on 3 more,
    wrong on 6 that had none, emitted on 28 more without a date in the truth)."""
    if "date_modified" in markup.fields:
        value, source = markup.fields["date_modified"]
        fields["date"] = (value, f"{source} (the only date the markup declares)")


# Time zones run from 12 hours behind UTC to 14 ahead.
_ZONES_BEHIND, _ZONES_AHEAD = timedelta(hours=12), timedelta(hours=14)


def zone_shift(declared: str, shown: str) -> bool:
    """Whether the shown day can be the declared moment's day in some time zone: a moment
    declared with its offset (2025-12-02T23:00+00:00) falls on the 3rd east of UTC. A moment
    without an offset is the page's own time, and a bare day is no moment: neither shifts."""
    try:
        moment = datetime.fromisoformat(declared)
    except ValueError:
        return False
    if moment.tzinfo is None:
        return False
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return (utc - _ZONES_BEHIND).date() <= date.fromisoformat(shown[:10]) <= (utc + _ZONES_AHEAD).date()


def _visible_byline(fields: dict[str, tuple[object, str]], blocks: Sequence[Block]) -> None:
    """A short "By ..." line near the headline, for articles and threads whose markup names no
    author (WCXB dev: right on 15 such pages, wrong on 5, emitted on 1 without an author)."""
    for block in _near_headline(blocks, after=30):
        if len(block.text.split()) <= _BYLINE_WORDS and _BYLINE_OPENER.match(block.text):
            name = clean_author(_BYLINE_OPENER.sub("", block.text))
            if name and len(name.split()) <= 6:
                fields["author"] = (name, "visible byline near the headline")
                return


_BYLINE_WORDS = 12


def _near_headline(blocks: Sequence[Block], after: int | None) -> list[Block]:
    """The visible blocks from five before the page's <h1> (or its main content) to `after`
    blocks below it (None: to the end of the page)."""
    shown = [block for block in blocks if not block.hidden]
    heading = next((i for i, block in enumerate(shown) if block.tag == "h1"), None)
    if heading is None:
        heading = next((i for i, block in enumerate(shown) if block.in_main_content), 0)
    return shown[max(0, heading - 5) : None if after is None else heading + after]


def _authors(fields: dict[str, tuple[object, str]], blocks: Sequence[Block]) -> None:
    """`authors`, one name each, from the author line when the markup gave no list; a list is
    joined as the page's own byline lists it."""
    if "author" not in fields:
        return
    author, source = fields["author"]
    if "authors" not in fields:
        fields["authors"] = (split_authors(str(author)), source)
        return
    names = fields["authors"][0]
    assert isinstance(names, tuple)
    listed = _listed_together(names, blocks) if len(names) > 1 else None
    if listed:
        fields["author"] = (listed, f"{source}, joined as the page lists them")


def _drop_template_authors(fields: dict[str, tuple[object, str]], page_type: PageType) -> bool:
    """Off articles and threads, an author element or <meta name=author> names whoever made
    the template or the site (WCXB dev pages of other types: truth had no author on 72 such
    values, and the same author on 13). A JSON-LD author stays. Off threads, whose posts are
    such items, a byline found only in one of a run of like items is that item's author: then
    True, as a "By ..." line near the headline is that item's too."""
    source = fields.get("author", ("", "json-ld"))[1]
    if page_type not in _DATED_TYPES and source != "json-ld":
        del fields["author"]
    elif page_type != "forum" and source == BYLINE_IN_ITEM:
        del fields["author"]
        return True
    return False


def is_home_page(url: str | None) -> bool:
    """Whether the URL is a site's front page ("https://example.com/", "/index.html"), which
    lists or sells, and whose byline or <meta name=author> names an item's author or the site
    (WCXB dev: such an author on 4 front pages, 3 of them without one in the truth)."""
    if not url:
        return False
    path = urlsplit(url).path.strip("/").lower()
    return path in ("", "index.html", "index.htm", "index.php", "home")


def _listed_together(names: tuple[str, ...], blocks: Sequence[Block]) -> str | None:
    """The stretch of a short visible line that names every author in order ("A, B and C")."""
    for block in blocks:
        if len(block.text) > 40 * len(names) or names[0] not in block.text:
            continue
        start = block.text.index(names[0])
        end = start
        for name in names:
            found = block.text.find(name, end)
            if found < 0 or found - end > 8:  # only a short joiner between two names
                break
            end = found + len(name)
        else:
            return block.text[start:end]
    return None


def _distinct_modified(fields: dict[str, tuple[object, str]]) -> None:
    """`date_modified` only when it says something `date` does not: a later moment."""
    if "date_modified" not in fields:
        return
    modified, published = str(fields["date_modified"][0]), str(fields.get("date", ("", ""))[0])
    if not published or modified[:19] <= published[:19]:
        del fields["date_modified"]


# The most frequent function words of each language: a text in that language uses several
# of them in any paragraph, and a text in another language almost none.
_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(text.split())
    for code, text in {
        "en": "the and of to in is that for it with as was on are this be by not you or from",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch",
        "fr": "le la les de des et en un une du est pour que qui dans pas au sur avec ce par",
        "es": "el la de que y en los del se las por un una para con no es al lo como más",
        "it": "il di che la e per un una non in sono del della le con si da gli al è",
        "pt": "de que e o a do da em um para com não uma os no se na por mais as dos",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er die maar ook",
        "ru": "и в не на что с по это как из но он она они к для от за так же",
        "pl": "i w nie na się z że do to jest jak o po ale co tak za od przez",
        "sv": "och i att det som en på är av för med till den har inte om ett",
        "tr": "ve bir bu da de için ile çok olarak daha gibi ne ama en kadar",
    }.items()
}
# Each stopword's languages, so that one pass over the text counts them all.
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(code for code, stop in _STOPWORDS.items() if word in stop)
    for word in frozenset().union(*_STOPWORDS.values())
}
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: Japanese, whatever Han it mixes in
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
# Any character of the scripts above: one search over the sample, where most texts have none
# (curly quotes and dashes lie between them), spares the eight counts.
_ANY_SCRIPT = re.compile("[" + "".join(script.pattern[1:-1] for _, script in _SCRIPTS) + "]")
_MIN_WORDS = 40  # fewer words than this are too few to contradict the markup


def text_language(text: str) -> str | None:
    """The language the text's own words show: its script, or its stopwords; None if unclear."""
    sample = text[:5000]
    if not sample.isascii() and _ANY_SCRIPT.search(sample):
        for code, script in _SCRIPTS:
            if len(script.findall(sample)) >= 50:
                return code
    tokens = words(sample.lower())
    if len(tokens) < _MIN_WORDS:
        return None
    counts = dict.fromkeys(_STOPWORDS, 0)
    # The stopwords picked and counted in C, then each distinct one looked up: a Python loop
    # over every word was a tenth of the time of cleaning a dump.
    for token, frequency in Counter(filter(_STOPWORD_LANGUAGES.__contains__, tokens)).items():
        for code in _STOPWORD_LANGUAGES[token]:
            counts[code] += frequency
    best = max(counts, key=lambda code: counts[code])
    share = counts[best] / len(tokens)
    runner_up = max(count for code, count in counts.items() if code != best)
    return best if share >= 0.15 and counts[best] >= 2 * runner_up else None


def _check_language(fields: dict[str, tuple[object, str]], kept: Sequence[Block]) -> None:
    """Keep the declared language when the text agrees (or cannot tell); else the text's own,
    with a source that says the markup was overruled."""
    shown = text_language("\n".join(block.text for block in kept))
    if shown is None:
        return
    declared, source = fields.get("language", (None, ""))
    if declared is None:
        fields["language"] = (shown, "text (stopwords or script)")
    elif str(declared).split("-")[0].lower() != shown and not _same_family(str(declared), shown):
        fields["language"] = (shown, f"text (stopwords or script; {source} said {declared})")


def _same_family(declared: str, shown: str) -> bool:
    """Chinese text is also what zh-Hant, yue and cmn pages are written in."""
    return shown == "zh" and declared.split("-")[0].lower() in ("zh", "yue", "cmn", "ja")
