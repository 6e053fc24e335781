"""One test per filter rule: what it drops (and the reason it gives) and what it must keep."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import PARAGRAPHED, Block, text_blocks, unglue, words
from cleaner.dates import name_trie
from cleaner.filters import (
    _CAPTION,
    _CODE_CHARS,
    _CODE_LIKE,
    _FURNITURE_PHRASES,
    _NOTICES,
    ActionBar,
    Byline,
    ConsentDialog,
    CustomerReview,
    Dateline,
    DuplicateBlock,
    FinePrint,
    HiddenElement,
    LinkPreview,
    MenuLink,
    NestedArticle,
    Notice,
    NotMainContent,
    OtherStories,
    OutsideBody,
    OutsideProseRun,
    PageTitle,
    PhotoCredit,
    PosterBox,
    RelatedHeadlines,
    RepeatedBlock,
    SiteLinks,
    StoryLink,
    TagList,
    WidgetPhrase,
    _all_phrases,
    _any_opens_comments,
    _code_streaks,
    _ends_sentence,
    _furniture,
    _furniture_flags,
    _has_dom,
    _indexed,
    _may_start_phrases,
    _opens_comments,
    _opens_section_end,
    _photo_credit,
    _post_header_shape,
    _section_heading,
    _section_headings,
    _spaced_lower,
    _spaced_lowers,
    _starts_no_phrase,
    _widget_tokens,
    _widget_words,
    best_run,
    body_span,
    notice_phrase,
    notice_phrases,
    prose_is_body,
    tag_items,
    widget_words,
)
from cleaner.lexicon import NEWSWIRES, PHOTO_AGENCIES, WIDGET_PHRASES
from cleaner.pipeline import parse_page, run_filters
from tests.conftest import PROSE, ROOT, make_blocks


def verdicts(step: object, *texts: str, **facts: object) -> list[str | None]:
    return step.check_all(make_blocks(*texts, **facts))  # type: ignore[attr-defined, no-any-return]


# --- hidden_element, not_main_content ---------------------------------------------------


def test_hidden_element_drops_hidden_blocks_only() -> None:
    shown = Block("Visible", 0, "body>p", tag="p")
    hidden = replace(shown, hidden=True)
    assert HiddenElement().check(shown) is None
    assert "hidden" in (HiddenElement().check(hidden) or "")


def test_hidden_main_content_stays_when_most_of_the_main_content_is_hidden() -> None:
    sentence = "The article body sits in a wrapper that a script reveals once the page loads. "
    body = Block(sentence * 4, 0, "body>div>p", tag="p", hidden=True, in_main_content=True)
    teaser = Block("Read the full story below, it is long.", 1, "body>p", tag="p", in_main_content=True)
    dialog = Block("Sign in to keep reading", 2, "body>div>p", tag="p", hidden=True, in_main_content=False)
    assert HiddenElement().check_all([body, teaser, dialog]) == [None, None, HiddenElement().check(dialog)]
    # A few hidden words are a widget's, whatever their share of a small main content.
    widget = Block("I'm shopping for...", 0, "body>div>p", tag="p", hidden=True, in_main_content=True)
    assert HiddenElement().check_all([widget])[0] is not None
    # Mostly visible main content: hidden blocks go, even those trafilatura kept.
    article = Block(sentence * 8, 1, "body>p", tag="p", in_main_content=True)
    assert HiddenElement().check_all([body, article])[0] is not None


def test_not_main_content_follows_trafilatura_verdict_and_ignores_dumps() -> None:
    block = Block("Menu", 0, "body>nav>a", tag="a")
    assert (
        NotMainContent().check(replace(block, in_main_content=False))
        == "trafilatura left this <a> out of the main content"
    )
    assert NotMainContent().check(replace(block, in_main_content=True)) is None
    assert NotMainContent().check(Block("a dump line", 0, "line 1")) is None


# --- dateline -----------------------------------------------------------------------------


def test_dateline_drops_a_date_line_at_the_top_with_the_date_in_the_reason() -> None:
    result = verdicts(Dateline(), "05:26 GMT29 January 2020", PROSE)
    assert result == ["near the top, 5 words, date 2020-01-29T05:26:00+00:00", None]


def test_dateline_keeps_a_sentence_that_mentions_a_date() -> None:
    sentence = "On 29 January 2020 the two ministers met in Washington to discuss arms control and trade."
    assert verdicts(Dateline(), sentence, PROSE) == [None, None]


def test_dateline_keeps_dates_deep_inside_the_body() -> None:
    texts = [PROSE] * 8 + ["29 January 2020"]
    assert verdicts(Dateline(), *texts)[-1] is None


def test_dateline_max_other_words_boundary() -> None:
    three_others = "Posted in Moscow Russia on 29 January 2020"  # "posted","on" are filler
    assert verdicts(Dateline(max_other_words=3), three_others, PROSE)[0] is not None
    assert verdicts(Dateline(max_other_words=2), three_others, PROSE)[0] is None


def test_dateline_refuses_phone_numbers_and_future_dates() -> None:
    assert verdicts(Dateline(), "Call 555-1234-2020", "Hotline 12/31/2099", PROSE) == [None, None, None]


# --- byline -------------------------------------------------------------------------------


def test_byline_drops_by_lines_in_several_languages() -> None:
    result = verdicts(Byline(), "By Jane Doe", "Von Max Mustermann | 3. März 2021", "Par Jean Dupont", PROSE)
    assert all(reason and "byline opener" in reason for reason in result[:3])
    assert result[3] is None


def test_byline_keeps_sentences_starting_with_by() -> None:
    sentence = "By the end of the year, prices had risen sharply."
    lowercase = "by way of example"
    assert verdicts(Byline(), sentence, lowercase, PROSE) == [None, None, None]


def test_byline_max_words_boundary() -> None:
    line = "By Jane Doe and John Roe and Max Mustermann"  # 9 words
    assert verdicts(Byline(max_words=9), line, PROSE)[0] is not None
    assert verdicts(Byline(max_words=8), line, PROSE)[0] is None


# --- tag_list -----------------------------------------------------------------------------


def test_tag_list_drops_comma_separated_short_phrases_after_the_body() -> None:
    tags = "bilateral meeting, New START Treaty, trade, arms control"
    assert verdicts(TagList(), PROSE, PROSE, tags) == [
        None,
        None,
        "4 separated phrases of at most 3 words, outside the body",
    ]


def test_tag_list_drops_a_labelled_list_anywhere() -> None:
    assert verdicts(TagList(), PROSE, "Tags: Politics, Europe", PROSE)[1] == (
        "2 separated phrases of at most 1 word, labelled"
    )
    assert tag_items("Tags: Politics, Europe") == ["Politics", "Europe"]


def test_tag_list_reads_a_label_on_its_own_line_and_longer_labelled_phrases() -> None:
    tags = "city council budget vote 2024, harbour bridge repair works, new school year plans"
    dump = text_blocks("\n".join([PROSE, PROSE, "Tags", tags, PROSE]))
    assert dump[2].text == f"Tags {tags}"  # the dump's label line joins its list
    assert TagList().check_all(dump)[2] == "3 separated phrases of at most 5 words, labelled"
    assert verdicts(TagList(), PROSE, tags, PROSE)[1] is None  # unlabelled, they read as clauses
    assert tag_items("Tagged with: debian, packaging") == ["debian", "packaging"]  # the longest label


def test_tag_list_keeps_prose_with_commas_and_lists_inside_the_body() -> None:
    long_items = "He met ministers, diplomats from several countries, and many reporters"
    inside = "flour, sugar, eggs"
    assert verdicts(TagList(), PROSE, inside, PROSE, long_items) == [None, None, None, None]


def test_tag_list_thresholds() -> None:
    two = "politics, europe"
    assert verdicts(TagList(), PROSE, two)[1] is None  # below min_items
    assert verdicts(TagList(min_items=2), PROSE, two)[1] is not None
    five_words = "one two three four five, trade, europe"
    assert verdicts(TagList(), PROSE, five_words)[1] is None  # an item over max_item_words


def test_tag_list_takes_longer_phrases_when_each_is_a_link() -> None:
    tags = "city council 2018, city council budget, city council of the old town, city council votes"
    blocks = make_blocks(PROSE, PROSE, tags, tag="p")
    assert TagList().check_all(blocks)[2] is None  # unlinked: a six-word item is a clause
    linked = [*blocks[:2], replace(blocks[2], link_chars=len(tags) - 10)]
    assert TagList().check_all(linked)[2] == "4 separated phrases of at most 6 words, outside the body"


# --- consent_dialog -----------------------------------------------------------------------


def test_consent_dialog_drops_blocks_under_a_consent_managers_class_words() -> None:
    policy = "We use cookies to measure traffic and to show you personalised advertising."
    blocks = [
        Block(policy, 0, "body>div>p", tag="p", hints="ot-sdk-container ot-pc-content"),
        Block(policy, 1, "body>div>p", tag="p", hints="wt-cli-cookie-description cookie-law-info-bar"),
        Block(PROSE, 2, "body>main>p", tag="p", hints="postid-19 single cookies-not-set content"),
        Block(PROSE, 3, "body>div>p", tag="p", hints="col-sm-6 trusted-people"),
        Block(PROSE, 4, "body>div>p", tag="p", hints="consent-form-wrapper"),  # a signup form's box
        Block(PROSE, 5, "body>main>p", tag="p", hints="js cookie-banner-visible main-text"),  # <html>'s state
    ]
    assert ConsentDialog().check_all(blocks) == [
        "inside a consent dialog (class or id 'ot-sdk-container')",
        "inside a consent dialog (class or id 'cookie-law-info-bar')",
        None,
        None,
        None,
        None,
    ]
    assert ConsentDialog().check_all(make_blocks(policy)) == [None]  # a dump line has no class words


# --- other_stories ------------------------------------------------------------------------


def test_other_stories_drops_what_follows_the_body_in_a_box_named_for_stories() -> None:
    teaser = "Coach fired after a season of losses"
    blocks = [
        Block(PROSE, 0, "body>article>p", tag="p", hints="article-content"),
        Block(PROSE, 1, "body>article>p", tag="p", hints="article-content"),
        Block(teaser, 2, "body>div>p", tag="p", hints="row col-12 latest-news-box"),
        Block(teaser, 3, "body>div>p", tag="p", hints="sidebar-related"),
        Block(teaser, 4, "body>div>p", tag="p", hints="relatedness-score"),  # a word, not a box name
    ]
    assert OtherStories().check_all(blocks) == [
        None,
        None,
        "after the body ends, inside a box named 'latest'",
        "after the body ends, inside a box named 'related'",
        None,
    ]
    before = [replace(blocks[2], index=0), *blocks[:2]]  # before the body: a different rule's job
    assert OtherStories().check_all(before) == [None, None, None]
    assert OtherStories().check_all(make_blocks(PROSE, PROSE, "Related: more stories")) == [None] * 3


# --- widget_phrase --------------------------------------------------------------------------


def test_widget_phrase_drops_widget_lines_even_when_glued() -> None:
    result = verdicts(
        WidgetPhrase(), "Listen Live", "Comment via FacebookComment via Sputnik", "12 Comments", PROSE
    )
    assert result[0] == "only widget phrases (Listen Live)"
    assert result[1] == "only widget phrases (Comment via Facebook Comment via Sputnik)"
    assert result[2] == "only widget phrases (12 Comments)"
    assert result[3] is None


def test_widget_phrase_knows_brand_names_with_inner_capitals() -> None:
    result = verdicts(WidgetPhrase(), "WhatsApp", "Share on LinkedIn", "YouTube", "WhatsUp Doc")
    assert all(reason and reason.startswith("only widget phrases") for reason in result[:3])
    assert result[3] is None


def test_widget_phrase_drops_feedback_prompts_in_several_languages() -> None:
    prompts = ("Was this page helpful?", "War dieser Artikel hilfreich?", "¿Te ha resultado útil?")
    assert all(
        reason and reason.startswith("only widget phrases") for reason in verdicts(WidgetPhrase(), *prompts)
    )
    assert verdicts(WidgetPhrase(), "Feedback", PROSE)[0] is None  # a section of that name


def test_widget_phrase_drops_reading_times() -> None:
    times = ("5 min read", "12 minutes de lecture", "4 Min. Lesezeit")
    assert all(verdicts(WidgetPhrase(), *times))
    assert all(verdicts(WidgetPhrase(), "Add to cart", "Quote"))  # a card's and a post's buttons
    form = (
        "Oops! Something went wrong while submitting the form.",
        "Thank you! Your submission has been received!",
    )
    assert all(verdicts(WidgetPhrase(), *form, "Δ"))
    assert verdicts(WidgetPhrase(), "Read the time off the clock", PROSE)[0] is None


def test_widget_phrase_keeps_lines_with_other_words() -> None:
    assert verdicts(WidgetPhrase(), "Share prices fell sharply", "Comment on the budget", PROSE) == [
        None,
        None,
        None,
    ]


def test_widget_phrase_keeps_a_section_heading_over_prose() -> None:
    assert verdicts(WidgetPhrase(), "Discussion", PROSE) == [None, None]
    assert verdicts(WidgetPhrase(), PROSE, "Discussion")[1] is not None


def test_widget_phrase_extra_phrases_and_max_words() -> None:
    custom = replace(WidgetPhrase(), phrases=(*WIDGET_PHRASES, "ask the expert"))
    assert verdicts(custom, "Ask the expert", PROSE)[0] is not None
    assert verdicts(WidgetPhrase(max_words=1), "Listen Live", PROSE)[0] is None
    assert widget_words("Share Tweet Email", WIDGET_PHRASES) == ["share", "tweet", "email"]
    assert widget_words("", WIDGET_PHRASES) is None


# --- related_headlines ----------------------------------------------------------------------


def test_related_headlines_drops_a_run_after_the_body() -> None:
    headlines = ("Pompeo Says Will Discuss Arms Control Issues", "US Seeks Arms Control Treaty With China")
    assert verdicts(RelatedHeadlines(), PROSE, PROSE, *headlines) == [
        None,
        None,
        "headline-shaped, in a run of 2 after the body ends",
        "headline-shaped, in a run of 2 after the body ends",
    ]


def test_related_headlines_keeps_subheadings_followed_by_prose_and_single_lines() -> None:
    assert verdicts(RelatedHeadlines(), PROSE, "Arms Control Talks Resume", PROSE) == [None, None, None]
    assert verdicts(RelatedHeadlines(), PROSE, "One Lonely Headline Here") == [None, None]
    assert verdicts(RelatedHeadlines(min_run=1), PROSE, "One Lonely Headline Here")[1] is not None


def test_related_headlines_spare_a_list_a_colon_introduces() -> None:
    dates = (
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach",
        "June 10 -- Credit Union Amphitheatre, Tampa",
    )
    assert verdicts(RelatedHeadlines(), PROSE, "The tour dates:", *dates) == [None] * 4
    assert verdicts(RelatedHeadlines(), PROSE, "The tour dates", *dates)[2:] != [None, None]


def test_related_headlines_in_html_must_be_links() -> None:
    plain = [Block(PROSE, 0, "p", tag="p")] + [
        Block(f"Some Headline Number {n} Here", n, "li", tag="li", link_chars=0) for n in (1, 2)
    ]
    linked = [replace(block, link_chars=len(block.text)) for block in plain]
    assert RelatedHeadlines().check_all(plain)[1:] == [None, None]
    assert None not in RelatedHeadlines().check_all(linked)[1:]


# --- outside_prose_run -----------------------------------------------------------------------


def test_best_run_is_the_stretch_with_the_highest_sum() -> None:
    assert best_run([-4, 14, -4, 0, 14, -4, -4]) == (1, 4)
    assert best_run([-4, -4]) is None


MENU = ("Home", "News", "Contact us")
FOOTER = ("About us", "Privacy policy", "© 2024 Example Media")


def test_outside_prose_run_drops_menu_and_footer_sides_of_a_page_dump() -> None:
    result = verdicts(OutsideProseRun(), *MENU, PROSE, "A subheading", PROSE, "Read this next story", *FOOTER)
    assert result[:3] == ["before the main prose run (lines 4-6), on a side with 3 menu or notice lines"] * 3
    assert result[3:6] == [None, None, None]
    assert all(reason and reason.startswith("after the main prose run") for reason in result[6:])


def test_a_notice_ends_the_prose_run() -> None:
    related = (
        "Teaser headline of another story",
        "Another story's teaser sentence, long enough to be prose.",
    )
    texts = (*MENU, PROSE, PROSE, "© 2019 Example Media. All Rights Reserved.", "Privacy policy", *related)
    result = verdicts(OutsideProseRun(), *texts)
    assert result[3:5] == [None, None]
    assert all(result[5:]) and result[-1] == (
        "after the main prose run (lines 4-5), on a side with 2 menu or notice lines"
    )
    assert verdicts(OutsideProseRun(notice_cost=0), *texts)[-1] is None


def test_outside_prose_run_keeps_a_side_of_a_container_dump_with_as_much_prose_as_the_body() -> None:
    # a thread's first post, a footer-like break, then the replies: more of the text, not its margin
    texts = (PROSE, "© 2024 Example Forum", "Privacy policy", PROSE)
    assert verdicts(OutsideProseRun(), *texts) == [None] * 4
    assert (
        verdicts(OutsideProseRun(max_side_prose_share=2.0), *texts)[1:]
        == ["after the main prose run (lines 1-1), on a side with 2 menu or notice lines"] * 3
    )


def test_outside_prose_run_names_the_lines_of_joined_blocks() -> None:
    blocks = text_blocks("Home\nContact us\nThe body starts here and goes on for a while\nuntil it ends.\n")
    assert OutsideProseRun().check_all(blocks)[0] == (
        "before the main prose run (lines 3-4), on a side with 2 menu or notice lines"
    )


def test_outside_prose_run_keeps_a_side_without_menu_signs() -> None:
    # a container dump: the title and a list around the prose are content, not furniture
    texts = (
        "Tour dates",
        "June 9, West Palm Beach, FL",
        PROSE,
        PROSE,
        "June 10, Tampa, FL",
        "June 14, Atlanta",
    )
    assert verdicts(OutsideProseRun(), *texts) == [None] * len(texts)
    assert verdicts(OutsideProseRun(min_furniture_lines=1), "Home", "Contact", PROSE)[:2] != [None, None]


def test_filters_around_the_prose_leave_a_dump_with_little_prose_alone() -> None:
    # a listing: card titles and prices, one sentence; its prose is not the body
    cards = [f"Card title number {n}" for n in range(8)] + ["$19.99", "$24.50"]
    listing = ("Home", "Contact us", PROSE, *cards)
    for step in (OutsideProseRun(), OutsideBody(), RelatedHeadlines()):
        assert verdicts(step, *listing) == [None] * len(listing), step.name
    assert verdicts(OutsideBody(min_prose_share=0.0), *listing)[-1] is not None


def test_a_whole_page_listing_with_one_caption_sentence_is_left_alone() -> None:
    # menus on both sides make a whole page (12 menu lines), but the one prose line holds 15
    # of its 170 words: it is a caption among the cards, not the body
    header = ("Home", "News", "Shop", "Blog", "Help", "Contact us")
    footer = ("About us", "Careers", "FAQ", "Sitemap", "Privacy policy", "Terms of use")
    cards = [f"Card title number {n} of the listing" for n in range(20)]
    page = (*header, PROSE, *cards, *footer)
    for step in (OutsideProseRun(), OutsideBody(), RelatedHeadlines()):
        assert verdicts(step, *page) == [None] * len(page), step.name
    assert verdicts(OutsideProseRun(min_run_share=0.05), *page)[0] is not None


# A whole page: ten menu lines the furniture lexicon knows, so page_furniture is reached.
HEADER = (
    "Home",
    "News",
    "Contact us",
    "About us",
    "Newsletter",
    "Search",
    "Menu",
    "Share",
    "Login",
    "Subscribe",
)
ARTICLE = (PROSE,) * 6  # 90 prose words
COMMENT = "I read this twice and I still think the author is wrong about the budget, sadly."


def test_on_a_whole_page_the_body_is_the_first_substantial_run_before_a_notice() -> None:
    # the comments after the footer weigh more than the article, but come after it
    comments = ("Alex says:", "May 2, 2024 at 10:15 pm", COMMENT, COMMENT, COMMENT) * 4
    footer = ("© 2024 Example Media. All rights reserved.", *HEADER[:9])
    page = (*HEADER, *ARTICLE, *footer, *comments)
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:16] == [None] * 6
    assert all(result[16:])
    assert result[-1].startswith("after the main prose run (lines 11-16)")  # type: ignore[union-attr]
    # without the first-run rule, the heavier comment run is the body
    assert verdicts(OutsideProseRun(first_run_share=1.0, first_run_words=1e9), *page)[10] is not None


def test_a_later_run_of_long_paragraphs_goes_on_with_the_body() -> None:
    long_paragraph = " ".join([PROSE] * 4)  # 60 words
    notice = "Cookies help us deliver our services. By using them you accept our use of cookies."
    footer = ("Privacy policy", "Terms of use")
    page = (*HEADER, *ARTICLE, notice, "Image caption", long_paragraph, long_paragraph, *footer)
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:16] == [None] * 6 and result[18:20] == [None, None]
    assert result[-1] is not None
    assert verdicts(OutsideProseRun(merge_gap=0), *page)[18] is not None


def test_teasers_weigh_nothing_on_a_whole_page() -> None:
    teaser = "Police Say 2 In Custody After Death Of Student A woman and a man were arrested on Monday."
    page = (*HEADER, teaser, teaser, "Weather", *ARTICLE)
    result = verdicts(OutsideProseRun(), *page)
    assert all(
        reason and reason.startswith("before the main prose run (lines 14-19)") for reason in result[:13]
    )
    assert result[13:] == [None] * 6
    assert verdicts(OutsideProseRun(teaser_words=100), *page)[10] is None
    # in a container dump (no menus) a title-cased opening is prose like any other
    assert verdicts(OutsideProseRun(), teaser, *ARTICLE) == [None] * 7


def test_a_section_heading_after_the_article_ends_its_body_on_a_whole_page() -> None:
    # teasers after "Most read": each a sentence, together heavier than nothing, lighter than the body
    teasers = ("Most read in world news", PROSE, "TIME TRAVELLER", PROSE, "Warning")
    page = (*HEADER, *ARTICLE, *teasers, *HEADER[:4])
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:16] == [None] * 6
    assert all(result[16:])
    assert verdicts(OutsideProseRun(section_end_words=0), *page)[17] is None  # without the rule
    # a label the dump repeats ("More on" over each item of a listing) ends nothing
    listing = ("More on", PROSE, "More on", PROSE)
    assert verdicts(OutsideProseRun(), *HEADER, *ARTICLE, *listing, *HEADER[:4])[16:20] == [None] * 4


def test_a_heavy_run_after_a_box_inside_the_body_goes_on_with_it() -> None:
    box = ("Most read in world news", *(f"Story number {n} is told here" for n in range(11)))
    page = (*HEADER, *ARTICLE, *box, *ARTICLE, *HEADER[:4])
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:16] == [None] * 6 and result[28:34] == [None] * 6
    assert verdicts(OutsideProseRun(heavy_merge_gap=0), *page)[28] is not None
    # the footer's notice is no box: the comments after it stay out, however heavy
    footer = ("Most read in world news", "© 2024 Example Media. All rights reserved.", *box[1:])
    page = (*HEADER, *ARTICLE, *footer, *ARTICLE, *HEADER[:4])
    assert verdicts(OutsideProseRun(), *page)[29] is not None


def test_a_code_sample_split_into_tokens_does_not_end_the_body() -> None:
    # BeautifulSoup puts each token of a highlighted sample on its own line: not a menu
    sample = (
        "function",
        "Example",
        "()",
        "{",
        "const",
        "[ count,",
        "setCount]",
        "=",
        "useState",
        "(0);",
        "}",
    )
    page = (*HEADER, *ARTICLE[:3], *sample * 2, *ARTICLE[3:], *HEADER[:4])
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:38] == [None] * 28
    assert all(result[38:])
    # without the rule the sample splits the body, and half of it is lost
    assert verdicts(OutsideProseRun(code_streak_share=1.1), *page)[35] is not None
    # a menu's counts in parentheses are no code
    menu = ("Tents (41)", "Sleeping bags (12)", "Stoves (9)", "Lamps (3)", "Sale (20)")
    assert list(_code_streaks(make_blocks(*menu), [-4.0] * 5, 0.3, 4)) == []
    assert list(_code_streaks(make_blocks(*sample), [-4.0] * 11, 0.3, 4)) == [(0, 10)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("(){}[];=a \n") | st.characters(), max_size=8))
def test_a_code_line_holds_a_code_character(text: str) -> None:
    # _code_streaks skips the streaks whose text holds none
    assert _CODE_LIKE(text) is None or any(char in text for char in _CODE_CHARS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Home", "34 Comments", "Kommentare (3)", "ΣΧΌΛΙΑ", PROSE, "Leave a reply"])))
def test_any_opens_comments_asks_each_line(texts: list[str]) -> None:
    blocks = make_blocks(*texts)
    assert _any_opens_comments(blocks) == any(map(_opens_comments, blocks))


def test_a_comment_thread_ends_the_body_of_a_whole_page() -> None:
    # no notice and no footer: the comments would merge with the article as one heavy run
    comments = ("Alex says:", "May 2, 2024 at 10:15 pm", COMMENT, COMMENT, COMMENT) * 4
    page = (*HEADER, *ARTICLE, "34 responses to the budget story", *comments)
    result = verdicts(OutsideProseRun(), *page)
    assert result[10:16] == [None] * 6
    assert all(result[16:])
    assert result[-1] == (
        "after the main prose run (lines 11-16, cut where a comment thread of 4 posts starts), "
        "on a side with a comment thread of 4 posts"
    )
    assert verdicts(OutsideProseRun(thread_posts=5), *page)[-1] is None  # four posts are too few
    # without a line that names comments, the dated lines may be a forum's posts: kept
    assert verdicts(OutsideProseRun(), *HEADER, *ARTICLE, "Our readers", *comments)[-1] is None


def test_a_forum_threads_replies_stay_with_its_first_post() -> None:
    # the first post is headed like the replies: the body is a thread, not an article
    post = ("Alex says:", "May 2, 2024 at 10:15 pm", *ARTICLE)
    page = (*HEADER, *post, "12 Comments", *post[:3] * 4)
    assert verdicts(OutsideProseRun(), *page)[-1] is None


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Milan on September 12, 2018 at 4:47 pm said:", "w 0 0 w 0 0 w said"),
        ("Catherine (Editor) on May 3, 2019 at 5:23 pm said:", "w 0 0 w 0 0 w said"),
        ("joetoronto says:", "w says"),
        ("2 days ago at 07:52 am", "0 w 0 0 w"),
        ("vor 3 Stunden", "w 0 w"),
        ("Anna schreibt:", "w schreibt"),
        ("He says the plan is fine.", None),
        ("Rating: 36 Votes", None),
        ("Reply", None),
    ],
)
def test_post_header_shapes(text: str, shape: str | None) -> None:
    assert _post_header_shape(text) == shape


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Most read in World", True),
        ("Related stories", True),
        ("34 responses to “We needed to win this game”", True),
        ("Comments", True),
        ("Artigos relacionados", True),
        ("Вам также может быть интересно", True),
        ("İlgili Haberler", True),
        ("Đọc nhiều nhất", True),
        ("الأكثر قراءة", True),
        ("Relatedness of two genes", False),
        ("More than a game", False),
        ("Read the full story", False),
    ],
)
def test_section_end_headings_in_several_languages(text: str, opens: bool) -> None:
    assert _opens_section_end(text) is opens


def test_a_whole_page_side_of_short_lines_is_menus_in_any_language() -> None:
    menus = ("Ouvidoria", "Protocolo", "Conselhos Municipais", "Galeria de Fotos", "Diário Oficial")
    page = (*HEADER, *ARTICLE, *menus)
    result = verdicts(OutsideProseRun(), *page)
    assert result[-1] == (
        "after the main prose run (lines 11-16), on a side with 5 lines in runs of 4 or more short lines"
    )
    assert verdicts(OutsideProseRun(menu_lines=6), *page)[-1] is None
    assert verdicts(OutsideProseRun(), *ARTICLE, *menus)[-1] is None  # a container: lists are content


def test_outside_prose_run_leaves_html_blocks_to_the_dom_evidence() -> None:
    assert verdicts(OutsideProseRun(), *MENU, PROSE, tag="p") == [None] * 4


# --- outside_body -----------------------------------------------------------------------------


def test_outside_body_drops_short_lines_around_the_prose_run() -> None:
    result = verdicts(OutsideBody(), "Home", "World News", PROSE, "A subheading", PROSE, "Privacy policy")
    assert result[0] == "1 word without a sentence ending, before the body starts"
    assert result[1] is not None
    assert result[3] is None  # inside the body
    assert result[5] == "2 words without a sentence ending, after the body ends"


def test_outside_body_keeps_what_trafilatura_kept_and_long_lines() -> None:
    kept = make_blocks("Home", PROSE, in_main_content=True)
    assert OutsideBody().check_all(kept) == [None, None]
    long_line = " ".join(["word"] * 13)
    assert verdicts(OutsideBody(), PROSE, long_line)[1] is None
    assert verdicts(OutsideBody(max_words=13), PROSE, long_line)[1] is not None


def test_filters_keep_everything_when_there_is_no_body() -> None:
    texts = ("Home", "News", "Sports")
    assert verdicts(OutsideBody(), *texts) == [None, None, None]
    assert verdicts(RelatedHeadlines(), *texts) == [None, None, None]


# --- site_links ----------------------------------------------------------------------------


def test_site_links_drops_a_footer_menu() -> None:
    footer = ("Company", "About us", "Careers", "• Privacy Policy", "Terms | Privacy", "Newsletter")
    result = verdicts(SiteLinks(), PROSE, PROSE, *footer)
    assert result[:2] == [None, None]
    assert result[2] == (
        "in a run of short lines with 4 site links ('About us', 'Careers', '• Privacy Policy')"
    )
    assert all(result[2:])
    # a footer in another language, and the run's reach: short lines that far from a link stay
    result = verdicts(SiteLinks(reach=1), PROSE, "Archiv", "Suche", "Impressum", "Datenschutz", "AGB")
    assert all(verdicts(SiteLinks(), "İletişim", "Gizlilik Politikası", "Kullanım Koşulları"))
    reason = "in a run of short lines with 3 site links ('Impressum', 'Datenschutz', 'AGB')"
    assert result == [None, None, reason, reason, reason, reason]


def test_site_links_keeps_lone_links_and_sentences() -> None:
    assert verdicts(SiteLinks(), PROSE, "Contact us", PROSE) == [None] * 3
    # a sentence between two links ends the menu; a sentence naming a link is none
    assert verdicts(SiteLinks(), "About us", PROSE, "Careers") == [None] * 3
    assert verdicts(SiteLinks(), "Read our privacy policy.", "See our terms of use.") == [None] * 2
    # links farther apart than max_gap lines are two menus of one link each
    result = verdicts(SiteLinks(max_gap=2), "About us", "Shoes", "Shirts", "Hats", "Careers")
    assert result == [None] * 5
    # HTML blocks are judged alike: a footer that the main content took in is a footer
    assert all(verdicts(SiteLinks(), "About us", "Careers", tag="li"))


# --- notice ----------------------------------------------------------------------------------


def test_notice_drops_subscription_and_follow_pitches() -> None:
    result = verdicts(
        Notice(),
        "Need more news? Subscribe to our sister magazine for the latest stories!",
        "Email Jane Doe at jane@example.com. Follow us on Twitter @example and on Facebook.",
        "This document is subject to copyright.",
        "Customers subscribe to the service monthly, and they follow the usual steps to cancel.",
    )
    assert result[0] == '12 words with the notice phrase "Subscribe to our sister magazine"'
    assert result[1] is not None and result[2] is not None
    assert result[3] is None  # the body's own subscribing and following


def test_notice_drops_cookie_copyright_and_newsletter_sentences() -> None:
    result = verdicts(
        Notice(),
        "We use cookies to give you the best experience. By continuing to browse, you agree.",
        "© 2019 Example News Network. All rights reserved.",
        "Sign up for our newsletter and get the latest posts delivered to your inbox.",
        "Alle Rechte vorbehalten.",
        PROSE,
    )
    assert result[0] == '15 words with the notice phrase "We use cookies"'
    assert result[1] == '7 words with the notice phrase "©"'
    assert result[2] is not None and result[3] is not None
    assert result[4] is None


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Örnek Haber. Tüm hakları saklıdır.",
        "Všechna práva vyhrazena.",
        "Toate drepturile rezervate.",
        "Alla rättigheter förbehållna.",
        "Με την επιφύλαξη παντός δικαιώματος.",
        "جميع الحقوق محفوظة لموقع المثال",
        "כל הזכויות שמורות לאתר",
    ],
)
def test_notice_knows_rights_reserved_lines_in_many_languages(line: str) -> None:
    assert verdicts(Notice(), line)[0] is not None


def test_widget_phrase_knows_share_and_comment_widgets_in_many_languages() -> None:
    widgets = (
        "Paylaş",
        "Baca juga",
        "Bình luận",
        "Komentáře",
        "Citește și",
        "Σχόλια",
        "Lue myös",
        "اقرأ أيضا",
    )
    assert all(verdicts(WidgetPhrase(), *widgets))


def test_notice_keeps_long_paragraphs_that_discuss_cookies() -> None:
    paragraph = (
        "The regulator said that " + "on many pages " * 20 + "the site uses cookies to track visitors."
    )
    assert verdicts(Notice(), paragraph) == [None]
    assert verdicts(Notice(max_words=100), paragraph)[0] is not None


def test_tag_list_takes_a_pipe_separated_line_as_a_menu_unless_labelled() -> None:
    assert verdicts(TagList(), "Home | News | Contact", PROSE)[0] is None
    assert verdicts(TagList(), PROSE, "Tags: arms control | trade | diplomacy")[1] is not None


def test_tag_list_reads_ideographic_commas_and_refuses_enumerations() -> None:
    assert (
        verdicts(TagList(), PROSE, "タグ：商標、知的財産、判例")[1]
        == "3 separated phrases of at most 4 words, labelled"
    )
    assert tag_items("タグ：商標、知的財産、判例") == ["商標", "知的財産", "判例"]
    assert verdicts(TagList(), "Starting, Stopping, and Reloading Configuration", PROSE) == [None, None]


# --- page_title, repeated_block ------------------------------------------------------------


def test_page_title_drops_the_first_h1_before_the_body_only() -> None:
    blocks = [
        Block("Ministers meet in Washington", 0, "h1", kind="heading", tag="h1"),
        Block(PROSE, 1, "p", tag="p"),
        Block("A later h1 inside the body", 2, "h1", kind="heading", tag="h1"),
        Block(PROSE, 3, "p", tag="p"),
    ]
    assert PageTitle().check_all(blocks) == ["the first <h1>, before the body starts", None, None, None]
    assert PageTitle().check_all(make_blocks("Ministers meet in Washington", PROSE)) == [None, None]


def test_repeated_block_drops_repeated_headings_links_and_nearby_copies() -> None:
    title = Block("Browns player on the fight with Garrett", 0, "h1", kind="heading", tag="h1")
    link = Block("Read the full story about the fight here", 1, "a", tag="a", link_chars=40)
    prose = Block(PROSE, 2, "p", tag="p")
    far = [Block(f"Filler paragraph number {n} of the article body.", 3 + n, "p", tag="p") for n in range(4)]
    blocks = [title, link, prose, *far, title, link, prose]
    verdicts_ = RepeatedBlock().check_all(blocks)
    assert verdicts_[:7] == [None] * 7
    assert verdicts_[7] == "repeats the heading of block 1"
    assert verdicts_[8] == "repeats the paragraph of block 2"
    assert verdicts_[9] is None  # a paragraph repeated far away may be a real refrain
    assert RepeatedBlock().check_all([prose, prose])[1] == "repeats block 1, 1 blocks earlier"
    assert RepeatedBlock(max_gap=0).check_all([prose, prose]) == [None, None]


def test_duplicate_block_drops_far_copies_of_paragraphs_even_rescued_ones() -> None:
    story = [Block(f"Paragraph {n} of the story, told once on the page.", n, "p", tag="p") for n in range(6)]
    again = [replace(block, index=6 + n, rescued="card group") for n, block in enumerate(story[:2])]
    result = DuplicateBlock().check_all([*story, *again])
    assert result[:6] == [None] * 6
    assert result[6:] == ["copies block 1 (10 words)", "copies block 2 (10 words)"]
    kept, removed = run_filters([*story, *again], (DuplicateBlock(),))
    assert kept == story  # a rescue does not protect a copy
    assert [removal.filter for removal in removed] == ["duplicate_block"] * 2


def test_duplicate_block_keeps_short_lines_list_items_and_template_pages() -> None:
    short = Block("Share this story", 0, "p", tag="p")
    item = Block("Phone consultation with one of our resume experts", 1, "li", kind="list_item", tag="li")
    prose = Block(PROSE, 2, "p", tag="p")
    assert DuplicateBlock().check_all([short, item, short, item]) == [None] * 4
    assert DuplicateBlock().check_all([prose, prose, prose])[1:] == ["copies block 1 (15 words)"] * 2
    # Four copies: the page is a template of parallel sections (a plan's days), all of it kept.
    assert DuplicateBlock().check_all([prose] * 4) == [None] * 4
    assert DuplicateBlock(max_copies=4).check_all([prose] * 4)[3] == "copies block 1 (15 words)"


def test_duplicate_block_drops_a_dump_lines_far_copy_but_not_a_template_pages() -> None:
    quoted = text_blocks("\n".join([PROSE, "Menu", "Reply", "Quote", "Posted by Ann", "Likes", PROSE]))
    assert DuplicateBlock().check_all(quoted) == [None] * 6 + ["copies block 1 (15 words)"]
    plan = text_blocks("\n".join([PROSE, "Day 1", PROSE, "Day 2", PROSE, "Day 3", PROSE]))
    assert DuplicateBlock().check_all(plan) == [None] * 7


def test_duplicate_block_drops_a_section_laid_out_again_block_for_block() -> None:
    # A responsive layout prints its hero and figures again for each screen size: short labels
    # too short for the paragraph rule, and a sentence printed too often for it.
    section = ["Work together", "Drew", "3.6x", "faster to market", "Maria", "50%", "shorter planning"]
    section += ["Teams plan, draw and write on one canvas.", "Read the story", "Join the team", "Aida", "Ben"]
    layout = [*section, "Our plans", *section, *section, *section]
    blocks = [Block(text, n, "div>p", tag="p") for n, text in enumerate(layout)]
    verdicts_ = DuplicateBlock().check_all(blocks)
    assert verdicts_[:13] == [None] * 13
    assert set(verdicts_[13:]) == {"repeats blocks 1-12 in order (12 blocks, 28 words)"}
    assert DuplicateBlock(min_run_blocks=13).check_all(blocks) == [None] * len(blocks)


def test_duplicate_block_keeps_repeated_runs_of_templates_labels_and_code() -> None:
    def page(texts: list[str], kind: str = "paragraph") -> list[Block]:
        return [Block(text, n, "div>p", kind=kind, tag="p") for n, text in enumerate(texts)]

    labels = ["Winner of the year", "Honoree of the year"] * 6 + ["Best in show"]
    steps = [f"row{n} = load({n});" for n in range(12)]
    items = [f"Feature {n} of the plan" for n in range(12)]
    for texts, kind in ((labels, "paragraph"), (steps, "paragraph"), (items, "list_item")):
        blocks = page([*texts, "Between", *texts], kind)
        assert DuplicateBlock().check_all(blocks) == [None] * len(blocks), texts[0]


def test_related_headlines_under_a_section_heading_inside_a_dump_body() -> None:
    box = ("Most read in world news", "Andrew parties in unearthed pics", "Greta spotted in old photo")
    dump = text_blocks("\n".join((*ARTICLE[:3], *box, *ARTICLE[:3])))
    result = RelatedHeadlines().check_all(dump)
    assert result[:3] == [None] * 3 and result[6:] == [None] * 3
    assert result[3:6] == ["a run of 2 headlines under the heading 'Most read in world news'"] * 3
    # one headline is no box; nor are headlines under a heading that is no section's
    assert (
        RelatedHeadlines().check_all(text_blocks("\n".join((*ARTICLE[:3], *box[:2], *ARTICLE[:3]))))
        == [None] * 8
    )
    other = text_blocks("\n".join((*ARTICLE[:3], "Our findings", *box[1:], *ARTICLE[:3])))
    assert RelatedHeadlines().check_all(other) == [None] * 9


def test_a_dump_line_repeated_a_few_lines_later_is_a_gallery_caption() -> None:
    caption = "Defense ministers shake hands in Hanoi, Vietnam, on Wednesday (Photo: AP)"
    gallery = (caption, "Image 1 of 8", "Caption", "Image 1 of 8", "Photo: Hau Dinh", caption)
    dump = text_blocks(
        "\n".join((*gallery, *[f"Paragraph {n} of the story goes on here." for n in range(8)], caption))
    )
    result = RepeatedBlock().check_all(dump)
    assert result[5] == "repeats block 1, 5 blocks earlier"
    assert result[-1] is None  # 13 lines later: a refrain, as in HTML past max_gap blocks
    assert RepeatedBlock(dump_max_gap=3).check_all(dump)[5] is None


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Photo: Damian Dovarganes, AP", "Photo:"),
        ("(Image credit: Blue Origin)", "(Image credit:"),
        ("China has warned they will cease control of Hong Kong (Image: GETTY )", "(Image: GETTY )"),
        ("Image copyright Getty Images", "Image copyright"),
        ("A hunter killed and ate a rabbit Credit: Getty - Contributor", "Credit: Getty - Contributor"),
        ("Foto: dpa", "Foto:"),
        ("The image shows the ring: a disc of dust around the young star.", None),
        ("Photosynthesis needs light", None),
    ],
)
def test_photo_credits_and_captions_of_dumps(text: str, credit: str | None) -> None:
    assert _photo_credit(text) == credit


def test_notice_drops_photo_credits_in_dumps_only() -> None:
    lines = ("Photo: Damian Dovarganes, AP", PROSE)
    assert verdicts(Notice(), *lines) == ['a photo credit or caption ("Photo:"), in a text dump', None]
    html = [Block(text, n, "figure>figcaption", tag="figcaption") for n, text in enumerate(lines)]
    assert Notice().check_all(html) == [None, None]  # trafilatura judged <figcaption> already


def test_notice_drops_affiliate_and_reprint_lines() -> None:
    result = verdicts(
        Notice(),
        "If you buy something through this post, the site may get a share of the sale.",
        "This copy is for your personal, non-commercial use only.",
        "Get the latest updates right in your inbox.",
        "Read more about the history of the treaty in our archive of older stories today.",
    )
    assert all(result[:3]) and result[3] is None


def test_notice_drops_newswire_credits() -> None:
    result = verdicts(
        Notice(),
        "Reporting by Jane Doe; additional reporting by John Roe; Editing by Mary Major",
        "Associated Press writers Jane Doe and John Roe contributed to this report.",
        "If you enjoyed this article, subscribe to get every story first.",
        "The minister said the reporting by local papers had been fair to both sides.",
    )
    assert result[0] == '13 words with the notice phrase "Reporting by"'
    assert all(result[1:3]) and result[3] is None


# --- shortcuts taken for speed give what the plain definitions give --------------------------

_LINE_CHARS = "aAzZ09 .,:-_'’éÉ\t\u00a0İß"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS) | st.characters(), max_size=30))
def test_widget_tokens_and_spaced_keys_match_their_definitions(text: str) -> None:
    assert list(_widget_tokens(text)) == [t for t in words(unglue(text).lower()) if not t.isdigit()]
    assert _spaced_lower(text) == " ".join(text.lower().split())
    index = _indexed(WIDGET_PHRASES)
    if _starts_no_phrase(text, index):
        assert next(_widget_tokens(text), None) not in index.first_words
        assert next(_widget_tokens(text, index.first_words), None) not in index.first_words


# Lines that open with widget phrases, numbers, marks and letters of several scripts, glued.
_PHRASE_LINE_PIECES = [*_LINE_CHARS, *"²٣・“—©Ж中ǅ", "Share", "share", "12", "Comments", "more"]
_PHRASE_LINE_PIECES += ["WhatsApp", "iPhone", "Café", " on ", "x", "A", "Home", "ABOUT"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_LINE_PIECES), max_size=8).map("".join))
def test_a_line_ruled_out_by_its_first_letters_holds_no_widget_phrase(text: str) -> None:
    for phrases in (WIDGET_PHRASES, _FURNITURE_PHRASES):
        index = _indexed(phrases)
        if not _may_start_phrases([text], index)[0]:
            assert _widget_words(text, index) is None


def test_lines_that_may_start_a_widget_phrase_are_asked() -> None:
    texts = ["Share this", "12 Comments", "“Comments”", "WhatsApp", "Café", "Hello world", "2024", "ABOUT"]
    assert _may_start_phrases(texts, _indexed(WIDGET_PHRASES)) == [True] * 5 + [False] * 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Home", "Share", PROSE, "A short one.", "Two. Marks. Here"]), max_size=10))
def test_body_span_is_the_first_and_last_prose_block(texts: list[str]) -> None:
    prose = [position for position, block in enumerate(make_blocks(*texts)) if block.is_prose()]
    expected = (prose[0], prose[-1]) if prose else None
    assert body_span(make_blocks(*texts)) == expected
    assert body_span(make_blocks(*texts), min_words=3) == body_span_by_definition(texts, 3)


def body_span_by_definition(texts: list[str], min_words: int) -> tuple[int, int] | None:
    prose = [position for position, block in enumerate(make_blocks(*texts)) if block.is_prose(min_words)]
    return (prose[0], prose[-1]) if prose else None


def test_the_first_block_tells_an_html_page_from_a_dump() -> None:
    """_has_dom asks the first block only: every block of an HTML page carries its tag, no
    dump line does (the golden pages of both kinds)."""
    for case in sorted((ROOT / "golden").iterdir()):
        for name, kind in (("input.html", "html"), ("input.txt", "text")):
            if (case / name).is_file():
                blocks = parse_page((case / name).read_bytes(), kind=kind).blocks
                tags = [bool(block.tag) for block in blocks]
                assert tags == [kind == "html"] * len(blocks), case.name
                assert _has_dom(blocks) is (kind == "html" and bool(blocks))


def test_furniture_flags_are_each_lines_own_asked_once_or_again() -> None:
    blocks = text_blocks(
        "Home\nContact us\n" + PROSE + "\nShare\n© 2024 Example Media. All rights reserved.\nHome"
    )
    expected = [_furniture(block) for block in blocks]
    assert expected == [True, True, False, True, True, True]
    assert _furniture_flags(blocks) == expected
    assert _furniture_flags(blocks[1:]) == expected[1:]  # from the memo


def test_notice_phrases_of_a_dump_are_each_lines_own() -> None:
    texts = ["Home", "© 2024 Example Media. All rights reserved.", "We use cookies to improve it.", "Home"]
    assert (
        notice_phrases(texts)
        == [notice_phrase(text) for text in texts]
        == [None, "©", "We use cookies", None]
    )


def _first_notice_by_definition(text: str) -> str | None:
    """The leftmost match of any notice pattern whose keyword the lowered text holds; on a tie,
    the first keyword's."""
    found = [
        match
        for keyword, pattern in _NOTICES
        if keyword in text.lower() and (match := pattern.search(text)) is not None
    ]
    return min(found, key=lambda match: match.start()).group(0) if found else None


_NOTICE_LINES = st.sampled_from(
    [
        "ΣΟΦΟΣ © 2024 Σ",  # final sigmas lower by their context
        "Copyright 2023\nAll rights reserved",  # a text with a newline
        "© 2024 Example. All rights reserved.",
        "All rights reserved © 2024",
        "Read more: the rest",
        "We use cookies. Copyright 2023",
        "Home",
        "Tous droits réservés",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NOTICE_LINES | st.text(max_size=20), max_size=8))
def test_notice_phrases_asked_at_once_are_each_texts_first_notice(texts: list[str]) -> None:
    assert notice_phrases(texts) == [_first_notice_by_definition(text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_LINE_CHARS), max_size=12), max_size=6))
def test_spaced_keys_of_many_texts_are_each_texts_own(texts: list[str]) -> None:
    assert _spaced_lowers(texts) == [_spaced_lower(text) for text in texts]


def menu_block(text: str, path: str, hints: str = "", link_chars: int | None = None) -> Block:
    return Block(
        text=text,
        index=0,
        path=path,
        kind="list_item",
        tag="li",
        link_chars=len(text) if link_chars is None else link_chars,
        hints=hints,
    )


def test_menu_link_drops_short_links_in_nav_and_menu_elements() -> None:
    in_nav = menu_block("Our Story", "body>header>nav.main>ul>li")
    in_dropdown = menu_block(
        "Conselhos Municipais", "div.navbar-collapse>ul.x>li.y", "navbar-collapse dropdown-menu"
    )
    chapters = menu_block("Chapter 2 Planting roses", "div.dropdown-panel>ol>li", "dropdown-panel")
    verdicts = MenuLink().check_all([in_nav, in_dropdown, chapters])
    assert verdicts[0] == "a link of 2 words (100% link text) inside <nav.main>"
    assert verdicts[1] == "a link of 2 words (100% link text) inside an element of class 'dropdown-menu'"
    assert verdicts[2] == "a link of 4 words (100% link text) inside an element of class 'dropdown-panel'"


def test_poster_box_drops_user_cards_and_signatures_but_not_other_sentences_or_product_badges() -> None:
    rank = Block(
        "Senior Member", 0, "div.message-user>h5", tag="h5", hints="message-user message-userDetails"
    )
    stats = Block(
        "10.6k 22 gold", 1, "div.post-signature>div", tag="div", hints="post-signature user-details"
    )
    signature = Block(
        "I read every manual before I ask a question here.", 2, "div", tag="div", hints="signature"
    )
    badge = Block("15-year warranty", 3, "div.product-badges>p", tag="p", hints="product-badges")
    dump_line = Block("Senior Member", 4, "line 5", hints="")
    motto = replace(signature, path="div.post>div.signature>p")
    verdicts = PosterBox().check_all([rank, stats, signature, badge, dump_line, motto])
    assert verdicts[0] == "not a sentence, inside an element of class 'userDetails' (a poster's box)"
    assert verdicts[1] == "not a sentence, inside an element of class 'signature' (a poster's box)"
    assert verdicts[2:5] == [None, None, None]  # a sentence is a signature only when its element says so
    assert verdicts[5] == "a sentence inside an element named 'signature'"
    bio = replace(signature, path="article>div.author-bio>p")
    assert PosterBox().check(bio) == "a sentence inside an element named 'author-bio'"
    assert PosterBox.outranks_rescue  # a rescued post's user card is still the poster's


def test_menu_link_reads_class_words_built_on_menu_but_not_menu_states() -> None:
    mobile = menu_block("Prefeitura", "div.mmm>ul>li", "mmm menumobile")
    main_menu = menu_block("Contact", "div>ul>li", "main-menu")
    opened = menu_block("Our Story", "body.menu-open>main>p", "menu-open")
    assert MenuLink().check_all([mobile, main_menu, opened]) == [
        "a link of 1 word (100% link text) inside an element of class 'menumobile'",
        "a link of 1 word (100% link text) inside an element of class 'main-menu'",
        None,
    ]


def test_menu_link_keeps_long_links_plain_text_links_outside_menus_and_dump_lines() -> None:
    long_link = menu_block("Read the whole story about the harbour fire", "body>nav>ul>li")
    dishes = menu_block("Grilled sea bass", "body>main>ul.menu-items>li", "menu-items", link_chars=0)
    outside = menu_block("Our Story", "body>main>ul.links>li", "links")
    dump_line = Block(text="Our Story", index=0, path="line 3")
    assert MenuLink().check_all([long_link, dishes, outside, dump_line]) == [None] * 4


def test_menu_link_drops_unlinked_items_of_a_navs_list() -> None:
    # A submenu's heading is an unlinked item of the <nav>'s list: "OUR CITY", then its links.
    heading = menu_block("OUR CITY", "body>div.mob>nav.menumobile>ul>li", "mob menumobile", link_chars=0)
    label = replace(menu_block("Opening hours", "body>nav>div>p", link_chars=0), tag="p")  # not an item
    assert MenuLink().check_all([heading, label]) == [
        "a list item of 2 words inside <nav.menumobile>",
        None,
    ]


def test_menu_link_keeps_body_links_in_wrappers_whose_class_only_contains_nav() -> None:
    # Read the Docs wraps the whole page body in "wy-nav-content"; a short linked sentence is body.
    docs_link = menu_block(
        "API reference", "section.wy-nav-content-wrap>div.wy-nav-content>ul>li", "wy-nav-content"
    )
    sentence = menu_block("See the API reference.", "body>nav>div>p")
    assert MenuLink().check_all([docs_link, sentence]) == [None, None]


# --- nested_article -----------------------------------------------------------------------


def test_nested_article_drops_a_list_of_like_posts_inside_the_article() -> None:
    own = Block(PROSE, 0, "div.primary>article.fundo>p", tag="p")
    posts = [
        Block(PROSE, n, f"div.primary>article.post-1806>article.post-{780 + n}>p", tag="p")
        for n in range(1, 4)
    ]
    assert (
        NestedArticle().check_all([own, *posts])
        == [None] + ["inside one of 3 <article.post-N>s within the article"] * 3
    )
    # Sections of one paper (an abstract, the main text) are no list of posts.
    sections = [
        Block(PROSE, n, f"article.paper>section>article.{name}>p", tag="p")
        for n, name in enumerate(("abstract", "main-article", "appendix"), 1)
    ]
    assert NestedArticle().check_all([own, *sections]) == [None] * 4
    # Without prose of the article's own, the posts are the page (a blog's front page).
    assert NestedArticle().check_all(posts) == [None] * 3


_CAPTION_PIECES = ["Photo", "photos", "IMAGE", "Image ", "picture", "Credit", "credits", "Foto", "Bild"]
_CAPTION_PIECES += ["immagine", "Imagem", ":", " ", "(", ")", "AP", "Getty", ".", "copyright", "caption", "x"]


def test_every_word_a_caption_pattern_names_is_a_caption_word() -> None:
    names = ["photo", "Photos", "IMAGE", "picture", "Credit", "foto", "Bild", "imagem", "Imagen", "immagine"]
    for name in names:
        lines = (f"{name}: AP", f"A boat on the lake ({name}: Getty)", f"{name} credits: Jane Doe")
        found = [_CAPTION.search(line) for line in lines]
        assert found[0] is not None, name  # each name opens a credit
        assert [_photo_credit(line) for line in lines] == [m.group(0).strip() if m else None for m in found]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CAPTION_PIECES), max_size=8).map("".join))
def test_a_photo_credit_is_what_the_caption_patterns_find(text: str) -> None:
    """Lines without a caption word skip the patterns: what they find is what the patterns find."""
    may = ":" in text or text.startswith(("Image ", "image ", "IMAGE "))
    found = _CAPTION.search(text) if may else None
    assert _photo_credit(text) == (found.group(0).strip() if found else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_LINE_PIECES), min_size=1, max_size=5).map("".join))
def test_furniture_and_widget_lines_asked_at_once_are_each_lines_own(text: str) -> None:
    """The lines that _may_start_phrases lets through are asked without _starts_no_phrase, and
    one-phrase lines without splitting them into phrases: the same verdicts as one by one."""
    texts = [text, text.lower(), f"{text} Share", f"Contact us {text}", "Share", PROSE]
    blocks = make_blocks(*texts)
    assert _furniture_flags(blocks) == [_furniture(block) for block in blocks]
    expected = [widget_words(line, WIDGET_PHRASES) is not None for line in texts]
    assert [verdict is not None for verdict in WidgetPhrase().check_all(blocks)] == expected


_HEADING_LINES = [
    "Related stories",
    "related",
    "Most read in World",
    "(comments: 9)",
    "34 responses to",
    "Home",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_HEADING_LINES, PROSE, "Comments", "Share", "Más leídas", "関連記事"]), max_size=12
    )
)
def test_section_headings_found_at_once_are_each_lines_own(texts: list[str]) -> None:
    blocks = make_blocks(*texts)
    for max_words in (1, 3, 6):
        expected = [p for p, block in enumerate(blocks) if _section_heading(block, max_words)]
        assert _section_headings(blocks, max_words) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_NOTICE_LINES | st.sampled_from([*HEADER, PROSE, COMMENT]), min_size=1, max_size=6).map(" ".join)
)
def test_every_notice_line_is_furniture(text: str) -> None:
    """OutsideProseRun._weights looks for notices among the furniture lines only."""
    block = make_blocks(text)[0]
    if block.word_count <= Notice.max_words and notice_phrase(text) is not None:
        assert _furniture(block)


def test_customer_review_drops_shoppers_reviews_named_by_their_element() -> None:
    def block(path: str) -> Block:
        return Block("Fits well and kept me warm on a cold morning walk.", 0, path, tag="p")

    assert CustomerReview().check(block("div.reviews>div.review-card>p.review-text")) == (
        "inside an element named 'review-text'"
    )
    assert CustomerReview().check(block("ul.reviews-list>li")) == "inside an element named 'reviews-list'"
    assert CustomerReview().check(block("div.jdgm-rev>div.jdgm-rev__review-body")) is not None
    # a review site's own verdict, a preview, a wrapper far up: not a shopper's review
    for path in (
        "article.review>div.entry-content>p",
        "div.post-preview>p",
        "div.customer-reviews>div>div>p",
    ):
        assert CustomerReview().check(block(path)) is None, path
    rescued = block("div.review-body>p").rescued_by("card group: 3 × div.review, 90 words")
    assert CustomerReview().check_all([rescued])[0] is not None and CustomerReview.outranks_rescue
    assert CustomerReview().check_all([Block("Great review text here.", 0, "line 1")]) == [None]


def test_link_preview_drops_the_card_a_forum_makes_of_a_posted_link() -> None:
    def block(path: str) -> Block:
        return Block("A guide to pruning roses in early spring, with photos.", 0, path, tag="p")

    assert (
        LinkPreview().check(block("aside.onebox>article.onebox-body>p")) == "inside an element named 'onebox'"
    )
    assert LinkPreview().check(block("div.post>div.link-preview")) == "inside an element named 'link-preview'"
    assert LinkPreview().check(block("div.cooked>p")) is None  # the post's own words
    assert LinkPreview.outranks_rescue  # a rescued post's preview is still the other page's


@pytest.mark.parametrize(
    ("step", "words"),
    [
        (FinePrint(), ["legal", "Disclaimers", "fine-print", "fineprint", "price-disclaimer"]),
        (
            CustomerReview(),
            ["reviewText", "review_body", "individual-review", "CustomerReviews", "reviews-list"],
        ),
        (LinkPreview(), ["onebox", "link-preview", "linkCard", "embed_card", "rich-preview"]),
        (ActionBar(), ["actions", "product-actions", "card__actions", "Post-Actions"]),
    ],
)
def test_a_named_element_filter_asks_its_pattern_only_where_a_stem_is(step: object, words: list[str]) -> None:
    """check_all skips a page whose paths hold none of the stems: each match must hold one."""
    for word in words:
        assert step.named.search(f"div.{word}"), word  # type: ignore[attr-defined]
        assert any(stem in word.lower() for stem in step.stems), word  # type: ignore[attr-defined]
        block = Block("Some sentence of the block, long enough.", 0, f"div.{word}>p", tag="p")
        assert step.check_all([block])[0] is not None, word  # type: ignore[attr-defined]


def test_a_named_element_filter_reads_a_headings_box_not_its_own_id() -> None:
    own_id = Block("Legal challenges", 0, "article>div.content>h2.legal-challenges", kind="heading", tag="h2")
    boxed = Block("Terms", 0, "div.main>div.legal>h3", kind="heading", tag="h3")
    assert FinePrint().check(own_id) is None  # an anchor made of the heading's words
    assert FinePrint().check(boxed) == "inside an element named 'legal'"
    assert ActionBar().check(replace(own_id, path="main>h2.github-actions")) is None


def test_fine_print_drops_legal_text_and_disclaimers_named_by_their_element() -> None:
    def block(path: str) -> Block:
        return Block("Offer valid for new customers only, while stocks last.", 0, path, tag="p")

    legal = block("div.product>div.game_area_legal>p")
    disclaimer = block("div.row>p.price-disclaimer")
    fine = block("section.offer>div.fine-print")
    assert FinePrint().check(legal) == "inside an element named 'legal'"
    assert FinePrint().check(disclaimer) == "inside an element named 'disclaimer'"
    assert FinePrint().check(fine) == "inside an element named 'fine-print'"
    # a law firm's page is wrapped in "legal" far up; a shop's collapsible section is a "disclosure"
    for path in ("div.legal-services>div.content>section>p", "details.disclosure>div.disclosure__content>p"):
        assert FinePrint().check(block(path)) is None, path
    assert FinePrint().check(block("div.legal>div.content>section>p")) is None
    assert (
        FinePrint(segments=4).check(block("div.legal>div.content>section>p"))
        == "inside an element named 'legal'"
    )
    dump_line = Block("Legal notice: all rights reserved.", 0, "line 1")
    assert FinePrint().check_all([dump_line]) == [None]
    rescued = legal.rescued_by("card group: 3 × div.card, 120 words")
    kept, removed = run_filters([rescued], (FinePrint(),))
    assert kept == [] and [removal.filter for removal in removed] == ["fine_print"]


def test_related_headlines_keep_a_run_of_links_longer_than_the_body_on_a_page() -> None:
    intro = Block(PROSE, 0, "main>p", tag="p")

    def links(count: int) -> list[Block]:
        titles = [f"Tech conference number {n} in Toronto" for n in range(count)]
        return [
            Block(title, 1 + n, "main>ul>li>a", tag="a", link_chars=len(title))
            for n, title in enumerate(titles)
        ]

    beside = RelatedHeadlines().check_all([intro, *links(2)])  # 12 words of links, 15 of prose
    assert beside[1:] == ["headline-shaped, in a run of 2 after the body ends"] * 2
    assert RelatedHeadlines().check_all([intro, *links(3)]) == [None] * 4  # the page's own list
    assert RelatedHeadlines(max_run_to_body_words=2).check_all([intro, *links(3)])[1] is not None


# --- story_link -----------------------------------------------------------------------


def test_story_link_drops_a_labelled_headline_between_paragraphs() -> None:
    result = verdicts(
        StoryLink(),
        PROSE,
        "Related: Moon landers picked for the next missions",
        "[Related: Five things to know about the new chip]",
        "Lesen Sie auch: Was der neue Chip kann",
        "READ MORE: Plague outbreak confirmed in the capital",
        PROSE,
    )
    assert result[0] is None and result[-1] is None
    assert result[1] == 'a link to another story: "Related:" and a headline of 7 words'
    assert all(result[2:5])
    # not a notice: those end a dump's body, and this line stands between two of its paragraphs
    assert verdicts(Notice(), "READ MORE: Plague outbreak confirmed in the capital") == [None]


def test_story_link_keeps_asides_long_lines_and_unlabelled_colons() -> None:
    result = verdicts(
        StoryLink(),
        "(Related reading: how the survey was run.)",  # the author's aside, inside a paragraph
        "Related: " + " ".join(["word"] * 21),  # past a headline's length
        "Update: the company answered after this story ran.",
        "Related",  # a section heading: outside_prose_run and related_headlines judge those
    )
    assert result == [None] * 4
    assert verdicts(StoryLink(max_words=30), "Related: " + " ".join(["word"] * 21))[0] is not None


# --- photo_credit ---------------------------------------------------------------------


def test_photo_credit_drops_credits_and_captions_closed_by_an_agency() -> None:
    caption = "Shoppers queue outside a store on Tuesday morning. Jane Doe/AFP via Getty Images"
    result = verdicts(
        PhotoCredit(),
        PROSE,
        caption,
        "John Roe / Shutterstock",
        "A worker loads timber into a truck. (AP Photo/Jane Doe, File)",
        "Photo via Pexels",
        PROSE,
    )
    assert result[0] is None and result[-1] is None
    assert result[1] == '14 words ending with a photo credit ("via Getty Images")'
    assert all(result[2:5])


def test_photo_credit_finds_every_agency_and_newswire_past_its_gate() -> None:
    # each credit must hold one of the strings the filter scans the page for first
    credits = [f"A crowd gathers. Jane Doe/{agency.title()}" for agency in PHOTO_AGENCIES]
    credits += [f"A crowd gathers. ({wire.upper()} Photo/Jane Doe)" for wire in NEWSWIRES]
    assert all(verdicts(PhotoCredit(), *credits))


def test_photo_credit_keeps_prose_naming_an_agency() -> None:
    result = verdicts(
        PhotoCredit(),
        "A spokesperson declined to comment to Reuters.",
        "The company bought Getty Images shares last year, the filing shows.",
        "Getty Images and Shutterstock both license the pictures.",
    )
    assert result == [None] * 3


def test_photo_credit_in_html_takes_only_short_captions() -> None:
    caption = "Researchers watch the launch from the control room near the coast. Jane Doe/Getty Images"
    assert verdicts(PhotoCredit(), caption)[0] is not None  # a text dump
    in_html = {"tag": "figcaption"}
    assert verdicts(PhotoCredit(), caption, **in_html)[0] is None  # a card's teaser caption
    assert verdicts(PhotoCredit(), "Jane Doe/Getty Images", **in_html)[0] is not None


# --- Speed-ups that must not change a verdict -------------------------------------------

_TRIE_LETTERS = "aAiIıİsSſkKmMrRoOéÉ"


@given(
    st.sets(st.text(alphabet="aiısſkmro", max_size=4), min_size=1, max_size=8),
    st.lists(st.text(alphabet=_TRIE_LETTERS, max_size=6), max_size=20),
)
@settings(max_examples=300, deadline=None)
def test_name_trie_matches_as_the_longest_first_alternation(names: set[str], texts: list[str]) -> None:
    plain = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)), re.IGNORECASE)
    trie = re.compile(name_trie(names), re.IGNORECASE)
    for text in [*texts, *names, *(name.upper() for name in names)]:
        expected, found = plain.match(text), trie.match(text)
        assert (expected and expected.span()) == (found and found.span()), (names, text)


def test_name_trie_keeps_letters_one_character_matches_in_one_alternation() -> None:
    pattern = name_trie(["ia", "ıab"])  # "I" matches both "i" and "ı"
    assert re.match(pattern, "IAB", re.IGNORECASE).group(0) == "IAB"  # type: ignore[union-attr]
    assert "ıab|ia" in pattern


def _filled(pattern_word: str, word: str) -> str:
    return word if pattern_word == "*" else pattern_word


def _splits_into_phrases(tokens: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    """The plain definition _all_phrases speeds up: some phrase is a prefix and the rest splits."""
    if not tokens:
        return True
    return any(
        tokens[:length] in phrases and _splits_into_phrases(tokens[length:], phrases)
        for length in range(1, len(tokens) + 1)
    )


@given(
    st.lists(st.lists(st.sampled_from("abc*"), min_size=1, max_size=3), min_size=1, max_size=6),
    st.lists(st.sampled_from("abcd"), min_size=1, max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_all_phrases_finds_the_splits_the_plain_search_finds(
    written: list[list[str]], tokens: list[str]
) -> None:
    index = _indexed(tuple(" ".join(words) for words in written))
    phrases = {tuple(words) for words in written}
    wild = {  # each phrase with every word of the tokens' alphabet in place of its "*"
        tuple(map(_filled, phrase, candidate))
        for phrase in phrases
        for candidate in product("abcd", repeat=len(phrase))
    }
    assert _all_phrases(tokens, index) == _splits_into_phrases(tuple(tokens), frozenset(wild))


_DUMP_LINES = st.sampled_from(
    [
        "Home",
        "Share",
        "Contact us",
        "© 2024 Example. All rights reserved.",
        "34 Comments",
        "Leave a comment",
        PROSE,
        "A short line",
        "The council met on Tuesday to discuss the budget for the coming year.",
        "Related stories",
        "Police: 2 In Custody After Death Of Student A 24-year-old woman was found.",
    ]
)


@given(st.lists(_DUMP_LINES, max_size=40))
@settings(max_examples=150, deadline=None)
def test_prose_is_body_reuses_the_last_run_only_for_the_same_blocks(lines: list[str]) -> None:
    blocks = text_blocks("\n".join(lines))
    OutsideProseRun().check_all(blocks)  # keeps this list's run for the filters after it
    for sample in (blocks, blocks[1:], blocks[:-1], list(reversed(blocks)), blocks):
        fresh = prose_is_body(sample, furniture=_furniture_flags(sample))  # no reuse on this path
        assert prose_is_body(sample) == fresh
        assert prose_is_body(sample) == fresh  # asked again, the kept run answers


@given(st.text(alphabet="ab .!?…。\n", max_size=8))
def test_ends_sentence_reads_the_end_as_the_regular_expression_does(text: str) -> None:
    assert _ends_sentence(text) == (re.search(r"[.!?…。]$", text) is not None)


def test_a_filter_that_outranks_rescue_drops_a_rescued_block_but_not_a_paragraphed_line() -> None:
    notice = "© 2024 Example Media. All rights reserved."
    rescued = Block(notice, 0, "body>div.card>p", tag="p", rescued="a card group (div.card)")
    kept, removed = run_filters([rescued], (Notice(),))
    assert kept == [] and removed[0].filter == "notice"
    paragraphed = Block(notice, 0, "line 1", rescued=PARAGRAPHED)  # cleaner's own output
    kept, removed = run_filters([paragraphed], (Notice(), WidgetPhrase()))
    assert kept == [paragraphed] and removed == []
