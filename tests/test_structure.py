"""Structure rules: card groups and hidden panels that trafilatura's verdict misses."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from cleaner.blocks import Block
from cleaner.filters import MenuLink
from cleaner.output import render
from cleaner.parse import CaselessPattern, Node, parse_html, segment_html
from cleaner.pipeline import clean
from cleaner.structure import (
    _PANEL,
    Layout,
    _first_word,
    card_groups,
    comments_on_items,
    hints_matching,
    looks_like_thread,
    mark_body_lists,
    mark_continued_paragraphs,
    mark_enclosed_paragraphs,
    mark_section_headings,
    name_deep_navs,
    names_boilerplate,
    rescue_card_groups,
    rescue_embedded_posts,
    rescue_main_landmark,
    rescue_thread_posts,
    reveal_panels,
)

PARAGRAPH = "The state launched an anti-drug campaign whose slogan drew attention across the country"
CARD = """<li class="product"><h3><a href="/p{n}">Automatic watch model {n}</a></h3>
<p>Steel case, sapphire glass, {n}0 m water resistance.</p><span class="price">${n}00</span></li>"""
LISTING = """<html><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">Watches</a></li>
<li><a href="/s">Sell</a></li></ul></nav></header><main><h1>Automatic Watches</h1>
<p>An automatic watch winds itself as you wear it, with no need for a battery at all.</p>
<ul class="products">{cards}</ul></main>
<footer><ul class="links"><li><a href="/a">About us and our story</a> <a href="/c">Contact</a></li>
<li><a href="/t">Terms of use</a> <a href="/p">Privacy</a></li><li><a href="/j">Jobs</a> <a href="/x">Press</a></li>
</ul></footer></body></html>"""


def segmented(page: str) -> tuple[list[Block], Layout]:
    tree = parse_html(page)
    assert tree is not None
    segmentation = segment_html(tree)
    return segmentation.blocks, Layout.of(segmentation.blocks, segmentation.nodes, segmentation.under)


def test_blocks_name_their_block_level_ancestors() -> None:
    blocks, nodes = segmented(LISTING.format(cards=CARD.format(n=1)))
    title = next(b for b in blocks if b.text == "Automatic watch model 1")
    assert [nodes.nodes[n].tag for n in title.ancestors] == ["body", "main", "ul", "li", "h3"]  # type: ignore[index]
    assert nodes.nodes[title.ancestors[3]].hints == "product"  # type: ignore[index]


def test_card_groups_are_found_and_furniture_is_not() -> None:
    blocks, nodes = segmented(LISTING.format(cards="".join(CARD.format(n=n) for n in range(1, 6))))
    groups = card_groups(blocks, nodes)  # type: ignore[arg-type]
    assert [(g.items, g.signature) for g in groups] == [(5, "li.product")]


def test_lists_of_short_links_are_no_card_group() -> None:
    widget = '<div class="well"><h4>{title}</h4><ul>{links}</ul></div>'
    links = "".join(f'<li><a href="/c{n}">Topic {n}</a></li>' for n in range(12))
    widgets = "".join(widget.format(title=title, links=links) for title in ("Categories", "Tags", "Archives"))
    blocks, nodes = segmented(LISTING.format(cards="").replace('<ul class="products"></ul>', widgets))
    assert card_groups(blocks, nodes) == []  # type: ignore[arg-type]
    cards = widgets.replace(
        "</ul></div>", "</ul><p>Twelve topics, each with its own page of stories.</p></div>"
    )
    blocks, nodes = segmented(LISTING.format(cards="").replace('<ul class="products"></ul>', cards))
    assert [g.signature for g in card_groups(blocks, nodes)] == ["div.well"]  # type: ignore[arg-type]


def test_rescued_cards_reach_the_text_with_their_reason() -> None:
    page = LISTING.format(cards="".join(CARD.format(n=n) for n in range(1, 6)))
    document = clean(page)
    assert "Automatic watch model 3" in document.text and "Steel case, sapphire glass, 50 m" in document.text
    assert "Terms of use" not in document.text
    rescued = [b for b in document.blocks if b.rescued]
    assert rescued and rescued[0].rescued.startswith("card group: 5 × li.product")


def test_no_rescue_on_pages_that_declare_one_text_or_before_the_title() -> None:
    blocks, nodes = segmented(LISTING.format(cards="".join(CARD.format(n=n) for n in range(1, 6))))
    marked = [replace(b, in_main_content=False) for b in blocks]
    assert not any(b.rescued for b in rescue_card_groups(marked, nodes, frozenset({"NewsArticle"})))  # type: ignore[arg-type]
    moved = LISTING.replace("<h1>Automatic Watches</h1>", "").replace(
        "</main>", "<h1>Automatic Watches</h1></main>"
    )
    blocks, nodes = segmented(moved.format(cards="".join(CARD.format(n=n) for n in range(1, 6))))
    assert not any(b.rescued for b in rescue_card_groups(blocks, nodes, frozenset()))  # type: ignore[arg-type]


def test_hidden_tab_panels_are_revealed_but_hidden_menus_are_not() -> None:
    page = """<html><body><nav><div class="dropdown-panel" style="display:none"><p>Menu entry one two three four five six seven eight</p></div></nav>
    <div class="tab-pane" style="display:none"><p>The second tab explains the warranty terms in plain words for every buyer.</p></div>
    <p>Visible text of the page that is long enough to count for something here.</p></body></html>"""
    blocks, nodes = segmented(page)
    revealed = {b.text: b.rescued for b in reveal_panels(blocks, nodes)}  # type: ignore[arg-type]
    assert revealed["The second tab explains the warranty terms in plain words for every buyer."].startswith(
        "hidden panel (div.tab-pane)"
    )
    assert revealed["Menu entry one two three four five six seven eight"] == ""


def test_screen_reader_text_inside_a_hidden_panel_stays_hidden() -> None:
    page = """<html><body><div class="tab-pane" style="display:none"><div class="tile">
    <p>The second tab explains the warranty terms in plain words for every buyer.</p>
    <div class="sr-only"><p>This product is available in five different colours for every buyer.</p></div></div></div>
    <p>Visible text of the page that is long enough to count for something here.</p></body></html>"""
    blocks, nodes = segmented(page)
    revealed = {b.text: b.hidden for b in reveal_panels(blocks, nodes)}  # type: ignore[arg-type]
    assert revealed["The second tab explains the warranty terms in plain words for every buyer."] is False
    assert revealed["This product is available in five different colours for every buyer."] is True


def test_search_results_are_no_furniture_but_a_search_box_is() -> None:
    assert not names_boilerplate("container search-results")
    assert not names_boilerplate("product-search-results tab-pane")
    assert names_boilerplate("header-search")
    assert names_boilerplate("search form")


def test_filtered_items_are_no_furniture_but_the_filters_are() -> None:
    # the items a filter shows ("item filter-active", "filter-item") are the page's content
    assert not names_boilerplate("item label_Tools idx_1 mb-small filter-active")
    assert not names_boilerplate("portfolio filter-item")
    assert names_boilerplate("product-filter")
    assert names_boilerplate("filters sidebar-left")
    assert names_boilerplate("filter-bar")


def test_hidden_panels_known_by_their_aria_role_are_revealed() -> None:
    page = """<html><body><div role="tablist"><button>Python</button><button>Java</button></div>
    <div role="tabpanel"><pre>print("sent a message to the phone number")</pre></div>
    <div role="tabpanel" hidden><p>Install the Java library first, then send the message the same way.</p></div>
    <p>Visible text of the page that is long enough to count for something here.</p></body></html>"""
    blocks, nodes = segmented(page)
    revealed = {b.text: b.rescued for b in reveal_panels(blocks, nodes)}  # type: ignore[arg-type]
    java = "Install the Java library first, then send the message the same way."
    assert revealed[java] == "hidden panel (div[role=tabpanel]) a click reveals"


def test_a_hidden_disclosure_widget_is_a_panel() -> None:
    page = """<html><body><button aria-expanded="false">How we rate</button>
    <div class="etdisclosure" style="display:none"><p>Each rating weighs fees, features, research tools and customer support.</p></div>
    <p>Visible text of the page that is long enough to count for something here.</p></body></html>"""
    blocks, nodes = segmented(page)
    revealed = {b.text: b.rescued for b in reveal_panels(blocks, nodes)}  # type: ignore[arg-type]
    assert revealed["Each rating weighs fees, features, research tools and customer support."] == (
        "hidden panel (div.etdisclosure) a click reveals"
    )


def test_the_body_is_no_panel_whatever_its_class() -> None:
    page = """<html><body class="skybox-auto-collapse"><div style="display:none"><p>site: media | arena: sports | pageType: stories | section: news</p></div>
    <p>Visible text of the page that is long enough to count for something here.</p></body></html>"""
    blocks, nodes = segmented(page)
    assert not any(b.rescued for b in reveal_panels(blocks, nodes))  # type: ignore[arg-type]


def test_explanations_list_what_structure_kept() -> None:
    page = LISTING.format(cards="".join(CARD.format(n=n) for n in range(1, 6)))
    document = clean(page)
    rescued = document.to_dict(explain=True)["rescued"]
    assert rescued and all(entry["reason"].startswith("card group: 5 × li.product") for entry in rescued)
    listing = render(document, "explain")
    assert "\nstructure\t" in listing and "card group: 5 × li.product" in listing


POST = """<div class="post"><div class="author">user{n}</div>
<p>This is the text of reply number {n}, where a member explains what worked for them in some detail.</p></div>"""
THREAD = """<html><body><nav><a href="/">Forum home</a></nav><main><h1>How do I fix my bike chain?</h1>
<div class="posts">{posts}</div></main><aside class="sidebar"><p>Related: other threads about bikes and chains.</p></aside>
</body></html>"""


def thread_blocks(posts: int, kept: int) -> tuple[list[Block], object]:
    blocks, nodes = segmented(THREAD.format(posts="".join(POST.format(n=n) for n in range(1, posts + 1))))
    kept_text = "This is the text of reply number {n}"
    marked = [
        replace(b, in_main_content=any(b.text.startswith(kept_text.format(n=n)) for n in range(1, kept + 1)))
        for b in blocks
    ]
    return marked, nodes


def test_thread_posts_come_back_when_trafilatura_kept_one() -> None:
    blocks, nodes = thread_blocks(posts=4, kept=1)
    assert looks_like_thread(blocks, nodes, frozenset())  # type: ignore[arg-type]
    result = rescue_thread_posts(blocks, nodes, frozenset())  # type: ignore[arg-type]
    rescued = [b for b in result if b.rescued]
    assert [b.text[:35] for b in rescued] == [f"This is the text of reply number {n}," for n in (2, 3, 4)]
    assert rescued[0].rescued == "post of a thread: 4 × div.post"


def test_thread_rule_needs_a_thread() -> None:
    blocks, nodes = thread_blocks(posts=2, kept=1)  # two posts are not a thread
    assert not looks_like_thread(blocks, nodes, frozenset())  # type: ignore[arg-type]
    story = "<p>" + "An article of its own, long enough to be a body, sits above its comments. " * 5 + "</p>"
    page = THREAD.replace("<div class=", story + "<div class=", 1)
    blocks, nodes = segmented(page.format(posts="".join(POST.format(n=n) for n in range(1, 5))))
    marked = [replace(b, in_main_content=b.text.startswith("An article")) for b in blocks]
    assert not looks_like_thread(marked, nodes, frozenset())  # type: ignore[arg-type]


def test_a_link_aggregators_story_title_does_not_make_its_thread_an_article() -> None:
    story = '<p><a href="https://example.org/post">Project goals for next year</a> example.org</p>'
    page = THREAD.replace("<div class=", story + "<div class=", 1)
    blocks, nodes = segmented(page.format(posts="".join(POST.format(n=n) for n in range(1, 5))))
    marked = [replace(b, in_main_content=b.text.startswith("Project goals")) for b in blocks]
    assert looks_like_thread(marked, nodes, frozenset())  # type: ignore[arg-type]
    rescued = [b.text[:35] for b in rescue_thread_posts(marked, nodes, frozenset()) if b.rescued]  # type: ignore[arg-type]
    assert rescued == [f"This is the text of reply number {n}," for n in (1, 2, 3, 4)]


def test_declared_threads_take_what_trafilatura_filed_as_comments() -> None:
    blocks, nodes = thread_blocks(posts=2, kept=0)
    sidebar = next(p for p, b in enumerate(blocks) if b.text.startswith("Related"))
    assert looks_like_thread(blocks, nodes, frozenset({"DiscussionForumPosting"}))  # type: ignore[arg-type]
    result = rescue_thread_posts(blocks, nodes, frozenset({sidebar}))  # type: ignore[arg-type]
    assert result[sidebar].rescued == "thread post trafilatura filed as a comment"


def test_prose_in_main_comes_back_when_trafilatura_kept_little_of_it() -> None:
    page = """<html><body><nav><a href="/">Home</a></nav><main><h1>Our services</h1>
    <h2>Tax advice</h2><div>We prepare returns for families and small firms across the whole region.</div>
    <h2>Payroll</h2><div>Monthly payroll for teams of any size, with every filing done for you.</div>
    </main><footer><p>Copyright and other footer words live down here for the test page.</p></footer></body></html>"""
    blocks, nodes = segmented(page)
    marked = [replace(b, in_main_content=b.text.startswith("We prepare")) for b in blocks]
    result = {b.text: b.rescued for b in rescue_main_landmark(marked, nodes, frozenset())}  # type: ignore[arg-type]
    assert result["Monthly payroll for teams of any size, with every filing done for you."].startswith(
        "prose in the page's <main>, of which trafilatura kept "
    )
    assert result["Payroll"] != ""  # a heading over rescued prose
    assert result["Copyright and other footer words live down here for the test page."] == ""
    products = rescue_main_landmark(marked, nodes, frozenset({"Product"}))  # type: ignore[arg-type]
    assert not any(b.rescued for b in products)


ANSWER = """<div class="answer"><p>Answer {n}: restart the router, then renew the lease on every device you own.</p>
<p>That clears the stale address table, which is what usually breaks the connection in cases like this.</p>
<div class="comments"><ul><li class="comment">Thanks, that worked for me {n}.</li></ul></div></div>"""


def test_comments_on_answers_are_not_rescued_with_them() -> None:
    page = f"<html><body><h1>Why does my wifi drop?</h1>{''.join(ANSWER.format(n=n) for n in range(1, 5))}</body></html>"
    blocks, nodes = segmented(page)
    remarks = comments_on_items(blocks, nodes)  # type: ignore[arg-type]
    assert sorted(blocks[p].text for p in remarks) == [
        f"Thanks, that worked for me {n}." for n in range(1, 5)
    ]
    assert next(iter(remarks.values())) == "a comment on a div.answer item (inside div.comments)"
    rescued = rescue_card_groups([replace(b, in_main_content=False) for b in blocks], nodes, frozenset())  # type: ignore[arg-type]
    assert {b.text for b in rescued if b.rescued} == {
        b.text for p, b in enumerate(blocks) if p not in remarks
    } - {"Why does my wifi drop?"}


def test_wrappers_mostly_of_comments_are_a_thread_not_remarks() -> None:
    comments = "".join(
        f'<li class="comment"><p>Reply {n} in a long discussion, with enough words to be most of the page.</p></li>'
        for n in range(1, 6)
    )
    page = f"""<html><body><div class="box"><p>Short intro.</p></div>
    <div class="box"><p>Thread below.</p><ul class="comments">{comments}</ul></div></body></html>"""
    blocks, nodes = segmented(page)
    assert comments_on_items(blocks, nodes) == {}  # type: ignore[arg-type]


def test_card_groups_leave_out_the_posters_box_and_main_leaves_out_remarks() -> None:
    answer = ANSWER.replace(
        '<div class="comments">',
        '<div class="user-info"><span>Senior member 1,204</span></div><div class="comments">',
    )
    page = f"<html><body><main><h1>Why does my wifi drop?</h1>{''.join(answer.format(n=n) for n in range(1, 5))}</main></body></html>"
    blocks, nodes = segmented(page)
    unjudged = [replace(b, in_main_content=False) for b in blocks]
    rescued = {b.text for b in rescue_card_groups(unjudged, nodes, frozenset()) if b.rescued}  # type: ignore[arg-type]
    assert "Senior member 1,204" not in rescued and any(text.startswith("Answer 2:") for text in rescued)
    in_main = {b.text for b in rescue_main_landmark(unjudged, nodes, frozenset()) if b.rescued}  # type: ignore[arg-type]
    assert any(text.startswith("Answer 2:") for text in in_main)
    assert not any(text.startswith("Thanks, that worked") for text in in_main)


def test_posts_an_article_quotes_come_back_but_not_after_its_end() -> None:
    tweet = '<blockquote class="twitter-tweet"><p>The campaign cost half a million dollars, and everyone is talking.</p>— A Reader (@reader) November 18, 2019</blockquote>'
    page = f"""<html><body><article><p>{PARAGRAPH} One.</p>{tweet}<p>{PARAGRAPH} Two.</p></article>
    <aside>{tweet.replace("The campaign", "Another")}</aside></body></html>"""
    blocks, nodes = segmented(page)
    marked = [replace(b, in_main_content=b.text.startswith(PARAGRAPH)) for b in blocks]
    result = rescue_embedded_posts(marked, nodes)  # type: ignore[arg-type]
    rescued = {b.text[:20]: b.rescued for b in result if b.rescued}
    assert rescued == {
        "The campaign cost ha": "a post the article quotes (blockquote.twitter-tweet)",
        "— A Reader (@reader)": "a post the article quotes (blockquote.twitter-tweet)",
    }


def test_hints_matching_finds_the_same_nodes_as_a_search_of_each() -> None:
    nodes = [
        Node("div", "tab-pane active", "", -1),
        Node("div", "card", "", 0),
        Node("div", "tab-pane active", "", 0),
        Node("section", "", "tabpanel", 0),
        Node("div", "FAQ-item", "", 0),
    ]
    found = hints_matching(nodes, _PANEL)
    assert found == {"tab-pane active", "FAQ-item"}
    assert [node.hints in found for node in nodes] == [
        bool(node.hints and _PANEL.search(node.hints)) for node in nodes
    ]


def test_the_first_word_without_digits_is_the_first_such_word_str_split_finds() -> None:
    rng = random.Random(3)
    alphabet = ["a", "b", "-", "_", "3", "٣", " ", "\t", "\u00a0", "\u2003", "\x1c", ".", "é"]
    for _ in range(2000):
        hints = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        plain = next((word for word in hints.split() if not any(char.isdecimal() for char in word)), "")
        assert _first_word(hints) == plain, repr(hints)


def test_a_rescued_block_is_the_block_dataclasses_replace_makes() -> None:
    block = Block("Some text here. And more.", 3, "body>div", tag="p", hints="card", in_main_content=False)
    rescued = block.rescued_by("card group: 3 × div.card, 40 words")
    assert rescued == replace(block, in_main_content=True, rescued="card group: 3 × div.card, 40 words")
    assert (rescued.word_count, rescued.sentence_like, rescued.prose) == (
        block.word_count,
        block.sentence_like,
        block.prose,
    )


def test_a_caseless_pattern_finds_what_ignorecase_finds() -> None:
    pattern = r"(?:user|author)[-_]?(?:info|card)|signature|tab-?pane|(?:^|[-_ ])sk(?:$|[-_ ])"
    caseless = CaselessPattern.compile(pattern)
    plain = re.compile(pattern, re.IGNORECASE)
    rng = random.Random(5)
    pieces = ["user", "USER", "Author", "-", "_", " ", "info", "Card", "tab", "Pane", "sk", "S", "K"]
    pieces += ["\u212a", "\u017f", "\u0130", "signatur", "e", "E", "x"]  # Kelvin sign, long s, dotted I
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(6)))
        found, expected = caseless.search(text), plain.search(text)
        assert (found and found.span(), found and found.group(0)) == (
            expected and expected.span(),
            expected and expected.group(0),
        ), repr(text)
    with pytest.raises(ValueError, match="lower case"):
        CaselessPattern.compile(r"\S+")


def _judged(text: str, kept: bool, **facts: object) -> Block:
    block = replace(Block(text, 0, "body>p", tag="p"), **facts)  # type: ignore[arg-type]
    return block.judged(kept)


def test_a_heading_between_two_kept_blocks_is_main_content() -> None:
    blocks = [
        _judged(PARAGRAPH, True),
        _judged("Hidden tooltip", False, hidden=True),
        _judged("Types of meditation", False, kind="heading", tag="h2"),
        _judged(PARAGRAPH, True),
        _judged("Related posts", False, kind="heading", tag="h2"),
        _judged("Another story", False),
    ]
    marked = mark_section_headings(blocks)
    assert [block.in_main_content for block in marked] == [True, False, True, True, False, False]
    assert not marked[2].rescued  # the filters still judge it
    # a heading that is a link (an anchor's text, a teaser) stays out
    linked = _judged("Types of meditation", False, kind="heading", tag="h2", link_chars=19)
    assert mark_section_headings([blocks[0], linked, blocks[3]])[1].in_main_content is False


def test_a_note_between_two_kept_paragraphs_of_its_element_is_main_content() -> None:
    # ancestors: 1 = the article's body, 2 = a callout box in it, 3 = a sidebar beside it
    body = _judged(PARAGRAPH, True, ancestors=(0, 1), path="main>div.content>p")
    note = _judged("Note: sync the files database before you query it.", False, ancestors=(0, 1, 2))
    note = replace(note, path="main>div.content>div.alert")
    marked = mark_enclosed_paragraphs([body, note, body])
    assert [block.in_main_content for block in marked] == [True, True, True]
    assert not marked[1].rescued  # the filters still judge it
    far = replace(note, ancestors=(0, 3, 4, 5))  # enclosed only by the page's wrapper
    caption = replace(note, path="main>div.content>div.photo-caption")
    short = replace(note, text="Tip", word_count=1)
    code = replace(far, text="pacman -Syu", kind="code", word_count=2)
    for block, kept in ((far, False), (caption, False), (short, False), (code, True)):
        assert mark_enclosed_paragraphs([body, block, body])[1].in_main_content is kept, block.text
    assert mark_enclosed_paragraphs([body, note, note.judged(False)])[1].in_main_content is False


def test_blocks_deep_below_a_nav_know_it_and_menu_link_drops_their_links() -> None:
    depth = 7  # a mega-menu: each link far below the <nav>, out of reach of the short path
    menu = "".join(f'<div class="col"><a href="/{n}">Product {n}</a></div>' for n in range(3))
    nested = f'<nav class="top-bar">{"<div>" * depth}{menu}{"</div>" * depth}</nav>'
    page = f"<html><body>{nested}<main><p>{PARAGRAPH}</p></main></body></html>"
    blocks, layout = segmented(page)
    named = name_deep_navs(blocks, layout)
    links = [block for block in named if block.text.startswith("Product")]
    assert [block.nav for block in links] == ["nav.top-bar"] * 3
    assert all("nav" not in block.path for block in links)
    assert next(block for block in named if block.text == PARAGRAPH).nav == ""
    verdicts = MenuLink().check_all(links)
    assert verdicts == ["a link of 2 words (100% link text) inside <nav.top-bar>"] * 3
    assert MenuLink().check_all(blocks[:3]) == [None] * 3  # without the Layout's word


def test_a_heading_and_its_note_left_out_together_are_main_content() -> None:
    body = _judged(PARAGRAPH, True, ancestors=(0, 1), path="main>div.content>p")
    heading = _judged("A note on restarts", False, kind="heading", tag="h4", ancestors=(0, 1, 2))
    note = _judged("Restarting a container is not restarting the whole pod.", False, ancestors=(0, 1, 2))
    gap = [heading, note]
    marked = mark_enclosed_paragraphs([body, *gap, body])
    assert [block.in_main_content for block in marked] == [True, True, True, True]
    assert [b.in_main_content for b in mark_enclosed_paragraphs([body, *gap * 3, body])][1:-1] == [False] * 6
    assert [b.in_main_content for b in mark_enclosed_paragraphs([body, *gap * 3, body], max_gap=6)][1:-1] == [
        True
    ] * 6
    assert mark_enclosed_paragraphs([body, *gap])[1].in_main_content is False  # no kept block after
    call = _judged("Contact us", False, kind="heading", tag="h4", ancestors=(0, 1, 2))  # a call to action
    assert mark_enclosed_paragraphs([body, call, note, body])[1].in_main_content is False


def test_later_chunks_of_an_article_shaped_like_its_kept_paragraphs_are_main_content() -> None:
    chunk = '<div class="grid"><div class="grid-item"><p>{0}, part {1}.</p><p>{0}, part {1}b.</p></div></div>'
    chunks = "".join(chunk.format(PARAGRAPH, n) for n in range(3))
    page = f"""<html><body><div class="article-chunks">{chunks}
    <div class="grid comment-list"><div class="grid-item"><p>{PARAGRAPH}, said a reader.</p>
    </div></div></div><footer><div class="wrap"><div class="grid"><div class="grid-item">
    <p>{PARAGRAPH}, far away.</p></div></div></div></footer><aside><p>{PARAGRAPH}, in an aside.</p>
    </aside></body></html>"""
    blocks, layout = segmented(page)
    judged = [block.judged("part 0" in block.text) for block in blocks]  # the fast run kept chunk 0
    marked = mark_continued_paragraphs(judged, layout)
    kept = [block.text.rsplit(", ", 1)[1] for block in marked if block.in_main_content]
    # the later chunks; not the comment shaped like them, the twin outside the container, the aside
    assert kept == ["part 0.", "part 0b.", "part 1.", "part 1b.", "part 2.", "part 2b."]
    assert not any(block.rescued for block in marked)  # the filters still judge them
    assert mark_continued_paragraphs(judged, layout, max_climb=2) == judged  # the chunks are 3 levels down
    assert mark_continued_paragraphs(judged, layout, min_words=50) == judged


def test_list_items_and_rows_left_out_of_the_body_element_are_main_content() -> None:
    paragraphs = "".join(f"<p>{PARAGRAPH}, part {n}.</p>" for n in range(3))
    page = f"""<html><body><div class="content">{paragraphs}
    <ul><li>Deployment</li><li>Stateful set<ol><li>one replica per node</li></ol></li></ul>
    <ul><li><a href="/a">Related story one</a></li></ul>
    <table><tr><td>Plan</td><td>Price per month</td></tr></table>
    <div class="box"><ul><li>Inside a box beside the body</li></ul></div></div>
    <aside><ul><li>A list of another element</li></ul></aside></body></html>"""
    blocks, layout = segmented(page)
    judged = [block.judged(block.kind == "paragraph") for block in blocks]
    marked = mark_body_lists(judged, layout)
    kept = [block.text for block in marked if block.in_main_content and block.kind != "paragraph"]
    assert kept == ["Deployment", "Stateful set", "one replica per node", "Plan | Price per month"]
    assert not any(block.rescued for block in marked)  # the filters still judge them
    assert mark_body_lists(judged, layout, min_kept_paragraphs=4) == judged  # too few kept paragraphs
