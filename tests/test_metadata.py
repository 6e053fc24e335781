from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.blocks import Block, words
from cleaner.document import Removal
from cleaner.markup import PageMarkup
from cleaner.metadata import (
    _SCRIPTS,
    _STOPWORDS,
    collect,
    from_removals,
    split_authors,
    text_language,
    zone_shift,
)
from cleaner.pagetype import PageSignals


def removal(filter_name: str, text: str) -> Removal:
    return Removal(filter_name, "reason", "line 1", text)


def test_removed_cruft_becomes_metadata() -> None:
    found = from_removals(
        [
            removal("dateline", "Updated 10:00 GMT, 1 May 2022"),
            removal("byline", "By Jane Doe | 1 May 2022"),
            removal("tag_list", "Tags: Politics, Europe"),
            removal("tag_list", "trade, diplomacy, Europe"),
        ]
    )
    assert found["date"] == ("2022-05-01T10:00:00+00:00", "dateline")
    assert found["author"] == ("Jane Doe", "byline")
    assert found["tags"] == (("Politics", "Europe", "trade", "diplomacy", "Europe"), "tag_list")


def test_markup_wins_but_a_dateline_adds_the_time_of_the_same_day() -> None:
    markup = PageMarkup(
        {
            "title": ("T", "meta og:title"),
            "author": ("Markup Author", "json-ld"),
            "date": ("2022-05-01", "time"),
        }
    )
    metadata = collect(
        [removal("dateline", "1 May 2022 10:00 UTC"), removal("byline", "By Someone Else")],
        markup=markup,
        url=None,
        language="de",
    )
    assert metadata.author == "Markup Author" and metadata.date == "2022-05-01T10:00:00+00:00"
    assert dict(metadata.sources) == {
        "author": "json-ld",
        "authors": "json-ld",
        "date": "dateline",
        "language": "html lang",
        "page_type": "an author or date",  # the only evidence of a page without blocks
        "title": "meta og:title",
    }
    other_day = collect([removal("dateline", "2 May 2022 10:00 UTC")], markup=markup, url=None, language=None)
    assert other_day.date == "2022-05-01"
    assert other_day.tags == ()


def html_block(text: str, index: int, tag: str = "p", hints: str = "") -> Block:
    return Block(text, index, f"body>{tag}", tag=tag, hints=hints, in_main_content=tag == "p")


PROSE = "The council approved the new budget on Tuesday after a long and heated debate in the chamber."


def test_a_template_date_is_dropped_on_a_shop_page_but_a_dated_url_stays() -> None:
    markup = PageMarkup(
        {"date": ("2020-02-02", "json-ld web page")}, signals=PageSignals(prices=1, cart_buttons=1)
    )
    blocks = [html_block("Kettle", 0, "h1"), html_block("A kettle.", 1)]
    shop = collect([], markup=markup, url="https://shop.example/kettle", language=None, blocks=blocks)
    assert shop.page_type == "product" and shop.date is None
    dated = PageMarkup({"date": ("2020-02-02", "url")}, signals=PageSignals(prices=1, cart_buttons=1))
    assert collect([], markup=dated, url=None, language=None, blocks=blocks).date == "2020-02-02"


def test_an_article_s_own_date_stays_whatever_the_page_type_but_on_documentation() -> None:
    blocks = [html_block("Kettle", 0, "h1"), html_block("A kettle.", 1)]
    signals = PageSignals(prices=1, cart_buttons=1)
    for source in ("meta article:published_time", "json-ld"):
        shop = PageMarkup({"date": ("2020-02-02", source)}, signals=signals)
        metadata = collect([], markup=shop, url=None, language=None, blocks=blocks)
        assert (metadata.page_type, metadata.date) == ("product", "2020-02-02")
    docs = PageMarkup(
        {"date": ("2020-02-02", "meta article:published_time")}, types=frozenset({"TechArticle"})
    )
    metadata = collect([], markup=docs, url=None, language=None, blocks=blocks)
    assert (metadata.page_type, metadata.date) == ("documentation", None)


def test_a_thread_s_title_is_its_headline_when_the_declared_one_opens_with_the_site() -> None:
    blocks = [html_block("Enameled cast iron pan", 0, "h1"), html_block("Is it safe?", 1)]
    fields = {
        "title": ("The heart of the internet", "title (after the site's name)"),
        "headline": ("Enameled cast iron pan", "h1"),
    }
    thread = PageMarkup(dict(fields), types=frozenset({"DiscussionForumPosting"}))
    title = collect([], markup=thread, url=None, language=None, blocks=blocks).title
    assert title == "Enameled cast iron pan"
    fields["title"] = ("Cast iron care", "title")  # a declared title of its own stays
    thread = PageMarkup(dict(fields), types=frozenset({"DiscussionForumPosting"}))
    assert collect([], markup=thread, url=None, language=None, blocks=blocks).title == "Cast iron care"


def test_a_service_page_keeps_its_brand_title_whole() -> None:
    blocks = [html_block("Plan projects together", 0, "h1"), html_block("Start free.", 1)]
    fields = {
        "title": ("Project management for teams", "title (after the site's name)"),
        "site_title": ("Acme - Project management for teams", "title"),
        "headline": ("Plan projects together", "h1"),
    }
    service = PageMarkup(dict(fields), signals=PageSignals(calls_to_action=6))
    metadata = collect([], markup=service, url="https://acme.example/", language=None, blocks=blocks)
    assert (metadata.page_type, metadata.title) == ("service", "Acme - Project management for teams")
    assert dict(metadata.sources)["title"] == "title (a brand's title, with its name)"
    article = PageMarkup(dict(fields), types=frozenset({"BlogPosting"}))
    on_article = collect([], markup=article, url=None, language=None, blocks=blocks).title
    assert on_article != fields["site_title"][0]


def test_an_article_s_headline_loses_a_host_and_count_glued_to_it() -> None:
    title = "Grads Find Their Degrees No Longer Guarantee Jobs"
    blocks = [html_block(f"{title} (latimes.com) 87", 0, "h1"), *(html_block(PROSE, i) for i in range(1, 40))]
    markup = PageMarkup(
        {"title": (title, "title"), "headline": (blocks[0].text, "h1")}, types=frozenset({"BlogPosting"})
    )
    assert collect([], markup=markup, url=None, language=None, blocks=blocks).title == title
    year = PageMarkup(
        {"title": ("Best phones", "title"), "headline": ("Best phones 2025", "h1")},
        types=frozenset({"BlogPosting"}),
    )
    assert collect([], markup=year, url=None, language=None, blocks=blocks).title == "Best phones 2025"


def test_an_article_without_markup_date_takes_the_date_shown_near_its_headline() -> None:
    blocks = [
        html_block("Budget passes", 0, "h1"),
        html_block("Posted on March 3, 2021", 1, "div", hints="entry-meta"),
        *(html_block(PROSE, i) for i in range(2, 40)),
    ]
    markup = PageMarkup({"author": ("Ann Lee", "meta author")}, types=frozenset({"BlogPosting"}))
    metadata = collect([], markup=markup, url=None, language=None, blocks=blocks)
    assert metadata.date == "2021-03-03"
    assert dict(metadata.sources)["date"] == "visible date near the headline"


def test_several_authors_are_joined_as_the_page_lists_them() -> None:
    markup = PageMarkup(
        {"author": ("Ann Lee, Bo Chan", "json-ld"), "authors": (("Ann Lee", "Bo Chan"), "json-ld")}
    )
    blocks = [html_block("Budget passes", 0, "h1"), html_block("By Ann Lee and Bo Chan", 1, "div")]
    metadata = collect([], markup=markup, url=None, language=None, blocks=blocks)
    assert metadata.author == "Ann Lee and Bo Chan" and metadata.authors == ("Ann Lee", "Bo Chan")
    assert dict(metadata.sources)["author"] == "json-ld, joined as the page lists them"


def test_split_authors_keeps_degrees_with_their_name() -> None:
    assert split_authors("Jared Newman and Sam Singleton") == ("Jared Newman", "Sam Singleton")
    assert split_authors("A. Ekert, T. Hosgood & C. Kay") == ("A. Ekert", "T. Hosgood", "C. Kay")
    assert split_authors("Dylan Bailey, MS, RD") == ("Dylan Bailey, MS, RD",)


def test_an_author_element_off_an_article_is_the_template_s() -> None:
    blocks = [html_block("Kettle", 0, "h1"), html_block("A kettle.", 1)]
    signals = PageSignals(prices=1, cart_buttons=1)
    shop = PageMarkup({"author": ("Home Goods", "byline element")}, signals=signals)
    assert collect([], markup=shop, url=None, language=None, blocks=blocks).author is None
    declared = PageMarkup({"author": ("Ann Lee", "json-ld")}, signals=signals)
    assert collect([], markup=declared, url=None, language=None, blocks=blocks).author == "Ann Lee"


def test_an_article_s_byline_found_only_in_a_repeated_item_is_not_its_author() -> None:
    blocks = [
        html_block("Latest stories", 0, "h1"),
        html_block("By Ann Lee", 1, "div"),
        *(html_block(PROSE, i) for i in range(2, 40)),
    ]
    markup = PageMarkup(
        {"author": ("Ann Lee", "byline element in a repeated item")}, types=frozenset({"BlogPosting"})
    )
    metadata = collect([], markup=markup, url=None, language=None, blocks=blocks)
    assert metadata.page_type == "article"
    assert metadata.author is None  # nor the "By" line, which is that item's too
    thread = PageMarkup(
        {"author": ("kim", "byline element in a repeated item")}, types=frozenset({"DiscussionForumPosting"})
    )
    assert collect([], markup=thread, url=None, language=None, blocks=blocks).author == "kim"


def test_a_front_page_has_no_author_but_a_declared_one() -> None:
    blocks = [html_block("Budget passes", 0, "h1"), *(html_block(PROSE, i) for i in range(1, 40))]
    markup = PageMarkup({"author": ("Site Team", "meta author")}, types=frozenset({"BlogPosting"}))
    for url in ("https://example.com/", "https://example.com/index.html?ref=1"):
        assert collect([], markup=markup, url=url, language=None, blocks=blocks).author is None
    story = "https://example.com/2024/budget-passes"
    assert collect([], markup=markup, url=story, language=None, blocks=blocks).author == "Site Team"
    declared = PageMarkup({"author": ("Ann Lee", "json-ld")}, types=frozenset({"BlogPosting"}))
    home = "https://example.com/"
    assert collect([], markup=declared, url=home, language=None, blocks=blocks).author == "Ann Lee"


def test_the_text_overrules_a_wrong_declared_language_and_says_so() -> None:
    german = [
        html_block(
            "Die Stadt hat den neuen Haushalt für das nächste Jahr mit einer großen Mehrheit beschlossen.", i
        )
        for i in range(8)
    ]
    metadata = collect([], markup=PageMarkup(), url=None, language="en", kept=german)
    assert metadata.language == "de"
    assert dict(metadata.sources)["language"] == "text (stopwords or script; html lang said en)"
    english = [html_block(PROSE, i) for i in range(8)]
    kept = collect([], markup=PageMarkup(), url=None, language="en-GB", kept=english)
    assert (kept.language, dict(kept.sources)["language"]) == ("en-GB", "html lang")
    assert text_language("短い") is None  # too little text to tell


def test_modified_date_only_when_later_than_published() -> None:
    same = PageMarkup({"date": ("2021-01-01", "json-ld"), "date_modified": ("2021-01-01", "json-ld")})
    assert collect([], markup=same, url=None, language=None).date_modified is None
    later = PageMarkup({"date": ("2021-01-01", "json-ld"), "date_modified": ("2021-02-01", "json-ld")})
    assert collect([], markup=later, url=None, language=None).date_modified == "2021-02-01"


def test_an_article_without_markup_author_takes_a_by_line_near_its_headline() -> None:
    blocks = [
        html_block("Budget passes", 0, "h1"),
        html_block("By Sofia Gonzalez • 4 mins read", 1, "div"),
        *(html_block(PROSE, i) for i in range(2, 40)),
    ]
    markup = PageMarkup(
        {"date": ("2021-03-03", "meta article:published_time")}, types=frozenset({"BlogPosting"})
    )
    metadata = collect([], markup=markup, url=None, language=None, blocks=blocks)
    assert metadata.author == "Sofia Gonzalez"
    assert dict(metadata.sources)["author"] == "visible byline near the headline"
    shop = PageMarkup({}, signals=PageSignals(prices=1, cart_buttons=1))
    assert collect([], markup=shop, url=None, language=None, blocks=blocks[:2]).author is None


def _article(date_line: str, declared: str = "2024-01-04") -> tuple[PageMarkup, list[Block]]:
    markup = PageMarkup({"date": (declared, "json-ld")}, types=frozenset({"NewsArticle"}))
    blocks = [
        html_block("Budget passes", 0, "h1"),
        html_block("By Ann Lee", 1, "div"),
        html_block(date_line, 2, "div"),
        *(html_block(PROSE, i) for i in range(3, 40)),
    ]
    return markup, blocks


def test_the_date_shown_under_an_article_headline_wins_over_a_day_it_never_shows() -> None:
    markup, blocks = _article("December 19, 2025")
    metadata = collect([], markup=markup, url=None, language=None, blocks=blocks)
    assert metadata.date == "2025-12-19"
    assert dict(metadata.sources)["date"] == "date shown under the headline (json-ld said 2024-01-04)"


def test_the_markup_date_stays_when_shown_beside_it_updated_or_a_day_apart() -> None:
    for line, declared in (
        ("Published January 4, 2024 · December 19, 2025", "2024-01-04"),  # the declared day is shown too
        ("Updated December 19, 2025", "2024-01-04"),  # a later edit, not the publication
        ("December 19, 2025", "2025-12-20T02:00:00+00:00"),  # the markup's time in UTC
        ("December 20, 2025", "2025-12-19T23:00:00+00:00"),  # ... or east of it
    ):
        markup, blocks = _article(line, declared)
        assert collect([], markup=markup, url=None, language=None, blocks=blocks).date == declared


def test_a_long_byline_under_the_headline_dates_a_page_that_declares_none() -> None:
    blocks = [
        html_block("Why the job market is skewed", 0, "h1"),
        html_block(
            "Posted by BeauHD on Friday December 19, 2025 @08:00PM from the skewed-job-market dept.", 1
        ),
        *(html_block(PROSE, i) for i in range(2, 40)),
    ]
    metadata = collect([], markup=PageMarkup(), url=None, language=None, blocks=blocks)
    assert metadata.date == "2025-12-19T20:00:00"
    assert dict(metadata.sources)["date"] == "date shown under the headline"


def test_a_byline_line_below_a_share_bar_and_a_role_still_dates_the_page() -> None:
    line = "By Matthew Richardson ⋅ Review Editor ⋅ Updated November 18, 2025"
    blocks = [
        html_block("The best GPS watches", 0, "h1"),
        *(html_block(text, i, "div") for i, text in enumerate(["Share", "Tweet", "Email"], 1)),
        html_block(line, 4, "div"),
        *(html_block(PROSE, i) for i in range(5, 40)),
    ]
    metadata = collect([], markup=PageMarkup(), url=None, language=None, blocks=blocks)
    assert metadata.date == "2025-11-18"
    blocks.insert(1, html_block("Advertisement", 1, "div"))
    blocks.insert(1, html_block("Menu", 1, "div"))
    assert collect([], markup=PageMarkup(), url=None, language=None, blocks=blocks).date is None


def test_a_shown_day_a_day_from_the_markup_s_wins_when_no_time_zone_explains_it() -> None:
    for line, declared, shown in (
        ("December 18, 2025", "2025-12-19T22:02:58+00:00", "2025-12-18"),  # the 19th in every zone
        ("12 November 2025", "2025-11-13T09:21:40", "2025-11-12"),  # no offset: the page's own time
    ):
        markup, blocks = _article(line, declared)
        assert collect([], markup=markup, url=None, language=None, blocks=blocks).date == shown


def test_a_time_element_s_moment_gives_way_to_the_day_shown_under_the_headline() -> None:
    markup, blocks = _article("February 23, 2026", "2026-02-24T04:13:00+00:00")
    markup = PageMarkup({"date": ("2026-02-24T04:13:00+00:00", "time")}, types=markup.types)
    assert collect([], markup=markup, url=None, language=None, blocks=blocks).date == "2026-02-23"


def test_zone_shift_asks_whether_some_time_zone_puts_the_moment_on_the_shown_day() -> None:
    assert zone_shift("2025-12-02T23:00:55+00:00", "2025-12-03")  # UTC+1 and east
    assert zone_shift("2026-02-23T00:57:30+00:00", "2026-02-22")  # America
    assert zone_shift("2025-12-02T23:00:55-05:00", "2025-12-03")
    assert not zone_shift("2025-12-19T22:02:58+00:00", "2025-12-18")
    assert not zone_shift("2025-11-13T09:21:40", "2025-11-12")  # no offset: the page's own time
    assert not zone_shift("2024-01-04", "2024-01-03")  # a day, not a moment


def test_the_shown_date_wins_when_the_markup_s_day_is_shown_only_as_an_update() -> None:
    markup = PageMarkup({"date": ("2025-08-21", "json-ld")}, types=frozenset({"BlogPosting"}))
    blocks = [
        html_block("Top electrical contractors", 0, "h1"),
        html_block("By Claire Wilson", 1, "div"),
        html_block("Published Apr 26, 2023", 2, "div"),
        html_block("Updated Aug 21, 2025", 3, "div"),
        *(html_block(PROSE, i) for i in range(4, 40)),
    ]
    assert collect([], markup=markup, url=None, language=None, blocks=blocks).date == "2023-04-26"


def test_a_date_right_above_the_headline_dates_a_page_that_declares_none() -> None:
    blocks = [
        html_block("Nutrition", 0, "div"),
        html_block("March 1, 2024", 1, "div"),
        html_block("Healthy eating tips", 2, "h1"),
        *(html_block(PROSE, i) for i in range(3, 40)),
    ]
    metadata = collect([], markup=PageMarkup(), url=None, language=None, blocks=blocks)
    assert metadata.date == "2024-03-01"


PAGE = (
    "<html lang=en><head><title>Budget passes</title>{head}</head><body><article>"
    "<h1>Budget passes</h1><p>By Ann Lee</p>" + f"<p>{PROSE}</p>" * 6 + "</article></body></html>"
)


def test_a_modification_date_dates_a_page_whose_markup_declares_no_publication_date() -> None:
    modified = '<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">'
    doc = clean(PAGE.format(head=modified), url="https://news.example/budget-passes")
    assert doc.date == "2023-06-12T10:39:42+00:00"
    assert dict(doc.sources)["date"] == "meta article:modified_time (the only date the markup declares)"
    published = '<meta property="article:published_time" content="2023-06-01T08:00:00+00:00">'
    doc = clean(PAGE.format(head=modified + published), url="https://news.example/budget-passes")
    assert doc.date == "2023-06-01T08:00:00+00:00"


def test_htmldate_guesses_an_article_s_date_when_nothing_else_dates_it() -> None:
    data = (
        '<meta property="og:type" content="article"><script type="application/json">'
        '{"post": {"datePublished": "2025-11-17T09:00:00-05:00"}}</script>'
    )
    doc = clean(PAGE.format(head=data), url="https://news.example/news/budget-passes-after-long-debate")
    assert (doc.page_type, doc.date, dict(doc.sources)["date"]) == (
        "article",
        "2025-11-17",
        "htmldate (a last guess)",
    )


def _language_by_definition(text: str) -> str | None:
    """text_language without its shortcuts: each script counted, each word looked up."""
    sample = text[:5000]
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) >= 50:
            return code
    tokens = words(sample.lower())
    if len(tokens) < 40:
        return None
    counts = dict.fromkeys(_STOPWORDS, 0)
    for token in tokens:
        for code, stop in _STOPWORDS.items():
            counts[code] += token in stop
    best = max(counts, key=lambda code: counts[code])
    runner_up = max(count for code, count in counts.items() if code != best)
    return best if counts[best] / len(tokens) >= 0.15 and counts[best] >= 2 * runner_up else None


_LANGUAGE_WORDS = st.sampled_from(
    "the and of der die und le la de el que и в не il di che ’ “ – Ж 中 カ 한 ع α ש ก ह word. 12".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LANGUAGE_WORDS, min_size=30, max_size=120))
def test_text_language_matches_its_definition(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert text_language(text) == _language_by_definition(text)
