"""Metadata read from markup: JSON-LD, Open Graph, <meta>, <time>, <title>, with sources."""

from __future__ import annotations

from datetime import date

import pytest

from cleaner.bylines import byline_name, clean_author, repair
from cleaner.markup import host_name, read_markup, site_names, strip_site_name
from cleaner.parse import parse_html

TODAY = date(2026, 1, 1)


def found(head: str, body: str = "", url: str | None = None) -> dict[str, tuple[object, str]]:
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return read_markup(tree, url, today=TODAY).fields


def test_json_ld_article_wins_and_names_its_source() -> None:
    result = found(
        """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": "NewsArticle", "headline": "Ministers meet", "datePublished": "2021-03-04T10:00:00Z",
         "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],
         "publisher": {"name": "Example News"}, "keywords": ["arms control", "trade"]}]}</script>
        <meta name="author" content="Someone Else">"""
    )
    assert result["author"] == ("Jane Doe, John Roe", "json-ld")
    assert result["date"] == ("2021-03-04T10:00:00+00:00", "json-ld")
    assert result["sitename"] == ("Example News", "json-ld")
    assert result["title"] == ("Ministers meet", "json-ld")
    assert result["tags"] == (("arms control", "trade"), "meta keywords")


def test_open_graph_and_meta_fallbacks() -> None:
    result = found(
        """<meta property="og:title" content="Ministers meet in Washington | Example News">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2020-01-29">
        <meta name="author" content="https://example.com/staff/jane">
        <meta name="description" content="Talks on arms control.">
        <link rel="canonical" href="/world/ministers">""",
        url="https://example.com/world/ministers?utm=x",
    )
    assert result["title"] == ("Ministers meet in Washington", "meta og:title")
    assert result["date"] == ("2020-01-29", "meta article:published_time")
    assert "author" not in result  # a URL is not a name
    assert result["description"] == ("Talks on arms control.", "meta description")
    assert result["url"] == ("https://example.com/world/ministers", "link canonical")


def test_visible_h1_contained_in_the_title_is_the_title() -> None:
    result = found(
        "<title>First Trip to Japan - Travel Forum - Example</title>", "<h1>First Trip to Japan</h1>"
    )
    assert result["title"] == ("First Trip to Japan", "h1")


def test_implausible_or_broken_values_are_refused() -> None:
    result = found(
        """<script type="application/ld+json">{"@type": "Article", "datePublished": "2099-01-01"</script>
        <meta name="date" content="1970-01-01"><meta name="pubdate" content="555-1234">""",
        "<time datetime='2019-05-06'>May 6</time>",
    )
    assert result["date"] == ("2019-05-06", "time")
    assert found("") == {}


def test_authors_are_the_people_in_page_order_never_an_organisation() -> None:
    ld = """<script type="application/ld+json">{"@type": "BlogPosting", "headline": "H",
    "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization", "name": "Example Corp"},
    {"@type": "Person", "name": "Bo Chan"}]}</script>"""
    assert found(ld)["author"] == ("Ann Lee, Bo Chan", "json-ld")
    assert found(ld)["authors"] == (("Ann Lee", "Bo Chan"), "json-ld")
    org = """<script type="application/ld+json">{"@type": "Article", "headline": "H",
    "author": {"@type": "Organization", "name": "Example Corp"}}</script>"""
    assert "author" not in found(org)  # the publisher signing its template


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maria &amp; Katerina", "Maria & Katerina"),
        ("Reyan PerumalPublished on July 18, 2025", "Reyan Perumal"),
        ("BySummer Swann-June 12, 2025", "Summer Swann"),
        ("16 December 2025 by Sam O'Brien", "Sam O'Brien"),
        ("Author Isaiah Shelton", "Isaiah Shelton"),
        ("Bywater Smith", "Bywater Smith"),
        ("Mike Marshall, Shipping Expert • Friday", "Mike Marshall, Shipping Expert"),
        ("Alan Woinski | 2 weeks ago", "Alan Woinski"),
        ("KumikoGoingCrAzY 15911 silver badge66 bronze badges", "KumikoGoingCrAzY"),
        ("Sundar Pichai", "Sundar Pichai"),
        ("Matthew Richardson ⋅ Review Editor ⋅", "Matthew Richardson"),
        ("Workzone Team• 4 mins read", "Workzone Team"),
        ("Ejp55230 E", "Ejp55230"),  # the avatar's initial
        ("Shivkumar M", "Shivkumar M"),
        ("Ramon Berenguer", "Ramon Berenguer"),  # "mon", "sun", "thur" inside a name are no weekdays
        ("Scott Kasun", "Scott Kasun"),
        ("annette thurmon", "annette thurmon"),
        ("3d23d65-ddc6-4ce5", "3d23d65-ddc6-4ce5"),
        ("Jane Doe Sun, May 4", "Jane Doe"),
        ("Dec. 19", None),
        ("Jiobal says:December 20", None),  # a comment's heading
        ("Sign In", None),
        ("ライトハウス国際特許事務所 ／ 2016.12.01", "ライトハウス国際特許事務所"),
        ("Written By", None),
        ("Name *", None),
        ("The Pennsylvania State University © 2025", None),
        ("undefined", None),
        ("Webmaster", None),
        ("Get in touch", None),
    ],
)
def test_clean_author_keeps_the_name_and_refuses_labels(text: str, name: str | None) -> None:
    assert clean_author(text) == name


def test_title_is_the_headline_without_the_site_name() -> None:
    head = '<title>How to Fix a Bike | Example Cycles</title><meta property="og:site_name" content="Example Cycles">'
    assert found(head, "<h1>Example Cycles</h1>")["title"] == ("How to Fix a Bike", "title")  # a logo <h1>
    assert found(head, "<h1>How to fix a bike</h1>")["title"] == ("How to fix a bike", "h1")
    # the host names the site when no site name is declared
    assert found("<title>Budget 2025 - examplenews</title>", url="https://www.examplenews.com/b")[
        "title"
    ] == (
        "Budget 2025",
        "title",
    )
    # a colon is part of a headline, not a separator
    assert found("<title>Rust: a guide</title>")["title"] == ("Rust: a guide", "title")


def test_date_sources_in_order_of_trust_and_modified_date_and_image() -> None:
    result = found(
        """<meta property="article:modified_time" content="2021-05-02T08:00:00Z">
        <meta property="og:image" content="/img/lead.jpg">""",
        "<time datetime='2020-01-01'>1 Jan</time>",
        url="https://example.com/2021/05/01/budget-vote/",
    )
    assert result["date"] == ("2021-05-01", "url")  # the URL path names the day before <time>
    assert result["date_modified"] == ("2021-05-02T08:00:00+00:00", "meta article:modified_time")
    assert result["image"] == ("https://example.com/img/lead.jpg", "meta og:image")


def test_web_page_date_is_the_last_resort() -> None:
    page = """<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "datePublished": "2020-02-02"},
    {"@type": "NewsArticle", "headline": "H", "datePublished": "2021-03-03"}]}</script>"""
    assert found(page)["date"] == ("2021-03-03", "json-ld")
    only_page = (
        """<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2020-02-02"}</script>"""
    )
    assert found(only_page)["date"] == ("2020-02-02", "json-ld web page")


def test_signals_count_prices_and_cart_buttons() -> None:
    tree = parse_html(
        "<html><body><h1>Kettle</h1><span class='price'>$24.99</span>"
        "<button>Add to cart</button><pre>code</pre></body></html>"
    )
    assert tree is not None
    signals = read_markup(tree, None, today=TODAY).signals
    assert (signals.prices, signals.cart_buttons, signals.code_blocks) == (1, 1, 1)


def test_a_dated_url_fixes_the_day_of_a_time_in_another_zone() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    result = found(head, url="https://example.com/2025/12/18/evening-post/")
    assert result["date"] == ("2025-12-18", "url (the markup's time falls on the next or previous day)")
    assert found(head, url="https://example.com/2025/11/02/x/")["date"][0] == "2025-12-19T02:41:41+00:00"


def test_a_headline_that_mentions_the_site_is_not_the_site_name() -> None:
    sites = site_names([], "https://legal.example-reuters.com/a")
    assert host_name("https://news.example.co.uk/a") == "example"
    title = "How moving legal work in-house pays off | Example Reuters"
    assert strip_site_name(title, sites) == "How moving legal work in-house pays off"
    assert strip_site_name(
        "Example.org - Trends in example research", site_names([], "https://example.org/")
    ) == ("Trends in example research")
    assert strip_site_name(
        "Teachers train as substitutes : NPR", site_names([], "https://www.npr.org/x")
    ) == ("Teachers train as substitutes")


def test_a_line_break_in_a_headline_is_a_space_and_invisible_characters_go() -> None:
    result = found(
        "<title>News Product Management Certification</title>", "<h1>News Product<br>Management</h1>"
    )
    assert result["headline"] == ("News Product Management", "h1")
    soft = found("<title>\u202aHome Repair Assis\u00adtance\u202c</title>")
    assert soft["title"] == ("Home Repair Assistance", "title")


@pytest.mark.parametrize(
    ("pieces", "name"),
    [
        (["Posted by", "Damien Walter"], "Damien Walter"),  # glued as "Posted byDamien Walter"
        (["Liz Kenny", "Former McKinsey Consultant"], "Liz Kenny"),  # the role is its own node
        (["S", "spikeymike", "macrumors 6502", "Jul 6, 2010"], "spikeymike"),  # an avatar's letter first
        (["J", "Offline", "JonB", "wrote on", "last edited by", "#1"], "JonB"),
        (
            ["Updated", "January 08, 2026", "Written by", "Meghan Neville", "Content Coordinator"],
            "Meghan Neville",
        ),
        (["By", "Benjamin Preston", "Updated by", "Jon Linkov"], "Benjamin Preston"),
        (["October 17, 2023", "Heard on", "All Things Considered", "By", "Sergio Beltrán"], "Sergio Beltrán"),
        (["By", "Adrien Ramirez", ",", "Joanna Nelius"], "Adrien Ramirez, Joanna Nelius"),
        (["By", "Ann Lee", "and", "Bo Chan", "|", "May 2"], "Ann Lee and Bo Chan"),
        (["Posted by msmash", "on Friday January 12, 2024 @11:40AM"], "msmash"),
        (["August 28, 2025", "•", "5 min read"], None),
        (["Ray graduated from NYU with a degree in Chemistry and Computer Science."], None),
    ],
)
def test_byline_name_reads_the_name_node_among_labels_roles_and_dates(
    pieces: list[str], name: str | None
) -> None:
    assert byline_name(pieces) == name


def test_byline_element_skips_whole_posts_and_sign_in_links() -> None:
    body = """<a class="authorize__link">Join Us</a>
    <article class="post author-jane-doe"><p>Lead</p><span class="byline">By <a>Jane Doe</a></span></article>"""
    assert found("", body)["author"] == ("Jane Doe", "byline element")


def test_a_byline_in_a_run_of_like_items_is_the_item_s_and_comes_last() -> None:
    cards = "".join(
        f'<div class="card card-{i}"><h2>Story {i}</h2><span class="author">{name}</span></div>'
        for i, name in enumerate(["Ann Lee", "Bo Chan", "Cy Diaz"])
    )
    assert found("", f"<main>{cards}</main>")["author"] == ("Ann Lee", "byline element in a repeated item")
    own = f'<header><span class="byline">By <a>Jo Park</a></span></header><aside>{cards}</aside>'
    assert found("", own)["author"] == ("Jo Park", "byline element")  # the page's own, after the cards
    two = "".join(f'<div class="card"><span class="author">{n}</span></div>' for n in ["Ann Lee", "Bo Chan"])
    assert found("", two)["author"] == ("Ann Lee", "byline element")  # two items are no run


def test_byline_parts_and_elements_that_name_no_one() -> None:
    byline = """<section class="byline"><span class="byline__date">March 20, 2023</span> |
    <span class="byline__category"><a>Wellness &amp; Prevention</a></span></section>
    <li class="menu-item authorities-board"><a>Authorities Board</a></li>
    <h3 id="authorization">Authorization Forms</h3><div class="no-byline"><a>Home</a></div>"""
    assert "author" not in found("", byline)
    assert found("", '<div class="authors"><a>Get in touch</a></div>').get("author") is None


def test_a_forum_names_the_thread_starter_before_the_posters() -> None:
    body = """<div class="message-user"><a>Moderator Bob</a> Moderator Joined 2011</div>
    <ul><li><span class="u-srOnly">Thread starter</span> <a class="username">felixen</a></li></ul>
    <p>Started by <a href="/u/1">kim</a></p>"""
    assert found("", body)["author"] == ("felixen", "thread starter label")
    assert found("", "<p>Iniciado por <a>lucía</a></p>")["author"] == ("lucía", "thread starter label")


def test_dates_written_for_people_and_the_first_readable_time() -> None:
    assert found('<meta name="published" content="July 17, 2025">')["date"] == (
        "2025-07-17",
        "meta published",
    )
    times = "<time datetime='02-12-2025'>x</time><time datetime='2025-12-02'>December 02, 2025</time>"
    assert found("", times)["date"] == ("2025-12-02", "time")
    ld = '<script type="application/ld+json">{"@type": "Article", "datePublished": "Jan 17, 2025"}</script>'
    assert found(ld)["date"] == ("2025-01-17", "json-ld")


def test_an_og_title_that_is_a_piece_of_the_title_comes_first() -> None:
    head = '<title>PostgreSQL: Documentation: 18: SELECT</title><meta property="og:title" content="SELECT">'
    assert found(head)["title"] == ("SELECT", "meta og:title")
    tagline = '<title>Trending repositories today</title><meta property="og:title" content="Build better, together">'
    assert found(tagline)["title"] == ("Trending repositories today", "title")  # a tagline is not a piece


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("A DIY Investor\u00e2\u0080\u0099s Guide", "A DIY Investor\u2019s Guide"),  # UTF-8 read as Latin-1
        ("Investor\u00e2\u20ac\u2122s Guide", "Investor\u2019s Guide"),  # ... as Windows-1252
        ("Dariusz Jaro\u00c5\u0084", "Dariusz Jaro\u0144"),
        ("Café crème, Ação, naïve Ångström", "Café crème, Ação, naïve Ångström"),  # already right
        ("« café» à l’heure", "« café» à l’heure"),  # looks odd, does not round-trip: kept
    ],
)
def test_repair_undoes_utf8_read_as_a_single_byte_encoding(text: str, repaired: str) -> None:
    assert repair(text) == repaired


def test_a_bar_in_a_headline_sets_off_the_site_or_a_tagline() -> None:
    head = '<title>Catering Tips | Cookshack</title><meta property="og:site_name" content="Cookshack">'
    assert found(head, "<h1>Catering Tips | Cookshack</h1>")["title"] == ("Catering Tips", "h1")
    tagline = "<h1>12 Data Tools for 2026 | Python, SQL &amp;#x26; AI</h1>"  # an entity escaped twice
    assert found("<title>12 Data Tools for 2026 | Python, SQL &amp; AI | Splunk</title>", tagline)[
        "headline"
    ] == ("12 Data Tools for 2026", "h1")
    one_word = found("", "<h1>Tips | Cookshack</h1>")["headline"][0]
    assert one_word == "Tips | Cookshack"  # a single word before the bar is no headline
    site = '<meta property="og:site_name" content="Artlyst">'
    assert found(site, "<h1>Critics’ Choice: Best Exhibitions 2025 – Artlyst</h1>")["headline"] == (
        "Critics’ Choice: Best Exhibitions 2025",
        "h1",
    )
    assert found(site, "<h1>Rust – a guide</h1>")["headline"] == ("Rust – a guide", "h1")  # a dash is its own


def test_a_label_that_opens_a_headline_is_not_part_of_it() -> None:
    prefix = '<h1><span class="label label--red">Question</span><span>&nbsp;</span>Which GPU to buy?</h1>'
    assert found("", prefix)["headline"] == ("Which GPU to buy?", "h1")
    badge = '<h1><span class="badge">New</span> Release notes</h1>'
    assert found("", badge)["headline"] == ("Release notes", "h1")
    word = '<h1><span class="highlight">Which</span> GPU to buy?</h1>'  # any other first word stays
    assert found("", word)["headline"] == ("Which GPU to buy?", "h1")
    alone = '<h1><span class="label">Solved</span></h1>'
    assert found("", alone)["headline"] == ("Solved", "h1")


def test_a_title_that_opens_with_the_site_s_name_says_so() -> None:
    head = "<title>Reddit - The heart of the internet</title>"
    page = found(head, "<h1>Enameled cast iron pan</h1>", url="https://www.reddit.com/r/x/comments/1")
    assert page["title"] == ("The heart of the internet", "title (after the site's name)")
    assert found("<title>How to Fix a Bike - Reddit</title>", url="https://www.reddit.com/r/x")["title"] == (
        "How to Fix a Bike",
        "title",
    )
    brand = found("<title>Acme – Project management for teams |</title>", url="https://acme.example/")
    assert brand["site_title"] == ("Acme – Project management for teams", "title")  # for a service page
    # a site name declared as the whole title names both ends: the last part is the site
    whole = '<title>Acme: the planner | Acme</title><meta property="og:site_name" content="Acme: the planner | Acme">'
    assert found(whole, url="https://acme.example/")["title"] == ("Acme: the planner", "title")


def test_a_headline_saved_with_mojibake_is_repaired() -> None:
    head = "<title>A DIY Investor\u00e2\u0080\u0099s Guide | Example</title>"
    assert found(head, "<h1>A DIY Investor\u00e2\u0080\u0099s Guide</h1>")["title"] == (
        "A DIY Investor\u2019s Guide",
        "h1",
    )


def test_an_h1_that_closes_the_title_is_the_site_s_name() -> None:
    page = found(
        "<title>What is Ownership? - The Rust Programming Language</title>",
        "<h1>The Rust Programming Language</h1><h2>What is Ownership?</h2>",
    )
    assert page["title"] == ("What is Ownership?", "title")
    site_first = found(
        '<title>Tastify | Top 7 Catering Trends</title><meta property="og:site_name" content="Tastify">',
        "<h1>Top 7 Catering Trends</h1>",
    )
    assert site_first["title"] == ("Top 7 Catering Trends", "h1")  # the headline closes it here
