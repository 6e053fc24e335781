"""trafilatura's verdict mapped onto our blocks, and when its fallbacks get their turn."""

from __future__ import annotations

import gc

import lxml.etree
import lxml.html

from cleaner.blocks import Block
from cleaner.extract import (
    _comment_run,
    _declares_forum_posting,
    _letters,
    _may_name_comments,
    _runs_joined_by_tails,
    comment_paragraphs,
    full_main_content,
    main_content,
    main_content_verdict,
    mark_main_content,
)
from cleaner.parse import html_blocks, parse_html, read_segments, segment_html


def verdicts(paragraphs: list[str], *texts: str) -> list[bool | None]:
    blocks = [Block(text, i, "p", tag="p") for i, text in enumerate(texts)]
    return [block.in_main_content for block in mark_main_content(blocks, paragraphs)]


def test_long_blocks_match_inside_one_paragraph_whatever_the_spacing() -> None:
    paragraphs = ["from twilio.rest importClient\naccount = 1", "The second paragraph of the article body."]
    assert verdicts(
        paragraphs, "from twilio.rest import Client account = 1", "second paragraph of the article"
    ) == [
        True,
        True,
    ]


def test_a_match_never_runs_across_two_paragraphs() -> None:
    paragraphs = [
        "Deportees return home from the US",
        "New Delhi: nearly 150 Indians returned home on Wednesday.",
    ]
    assert verdicts(paragraphs, "Deportees return home from the US New Delhi: nearly 150 Indians") == [False]


def test_short_blocks_need_a_whole_paragraph_or_whole_words() -> None:
    paragraphs = ["Share prices fell sharply on Monday after the report.", "Kate Henshaw", "___"]
    assert verdicts(paragraphs, "Share", "Kate Henshaw", "prices fell", "ices fe", "___", "***") == [
        False,
        True,
        True,
        False,
        True,
        False,
    ]


ARTICLE = """<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><article><h1>Title of the story</h1>
{paragraphs}</article><footer>Copyright</footer></body></html>"""


def test_main_content_keeps_the_article_and_says_how_much_of_the_page_that_is() -> None:
    page = ARTICLE.format(
        paragraphs="".join(f"<p>{f'Sentence number {i} of a long article body. ' * 4}</p>" for i in range(8))
    )
    tree = parse_html(page)
    assert tree is not None
    visible = sum(len(b.text) for b in html_blocks(tree))
    result = main_content(tree, None, visible)
    assert any("Sentence number 3" in paragraph for paragraph in result.paragraphs)
    assert 0.8 < result.kept_share <= 1.0
    assert main_content(parse_html(page), None, 10 * visible).kept_share < 0.1  # type: ignore[arg-type]


def test_the_full_run_finds_a_short_body() -> None:
    page = ARTICLE.format(paragraphs="<p>A short story body of one sentence only.</p>")
    tree = parse_html(page)
    assert tree is not None
    assert "A short story body of one sentence only." in full_main_content(tree, None)


def test_every_trafilatura_run_leaves_the_tree_as_it_was() -> None:
    """html_evidence hands one tree to the fast, full and comment runs: trafilatura's
    bare_extraction must prune a copy (if a new version stops copying, this fails)."""
    page = ARTICLE.format(
        paragraphs="".join(f"<p>Sentence number {i} of a long article body.</p>" for i in range(3))
        + '<div id="comments"><p>A reader comment on the story.</p></div>'
    )
    tree = parse_html(page)
    assert tree is not None
    before = lxml.html.tostring(tree)
    main_content(tree, None, 1000)
    full_main_content(tree, None)
    comment_paragraphs(tree, None)
    assert lxml.html.tostring(tree) == before


def test_the_comment_run_is_skipped_only_where_trafilatura_files_no_comments() -> None:
    """Containers named in the ways trafilatura looks for comments, and others it does not
    know: skipping the run must give what the run gives (if a new trafilatura finds comments
    by other names, this fails)."""
    reply = "<p>{} thinks the second answer above is wrong about the cache size.</p>"
    containers = [
        '<div class="comment-list">{}</div>',
        '<section id="comments">{}</section>',
        '<ul class="commentlist"><li>{}</li></ul>',
        '<div id="disqus_thread">{}</div>',
        '<div class="Comments-area">{}</div>',
        '<template><div class="comments">{}</div></template>',
        '<div class="replies">{}</div>',
        '<div class="responses"><div class="post">{}</div></div>',
    ]
    forum = '<script type="application/ld+json">{"@type": ["DiscussionForumPosting"]}</script>'
    skipped = 0
    for container in containers:
        replies = "".join(reply.format(name) for name in ("Ann", "Bob", "Cid"))
        for declared in ("", forum):
            text = declared + "<p>The question about the cache.</p>" + container.format(replies)
            tree = parse_html(ARTICLE.format(paragraphs=text))
            assert tree is not None
            skipped += not _may_name_comments(tree) or _declares_forum_posting(tree)
            assert comment_paragraphs(tree, None) == _comment_run(tree, None), (container, declared)
    assert skipped == 2 + len(containers)
    tree = parse_html(ARTICLE.format(paragraphs='<div id="comments">' + reply.format("Ann") * 3 + "</div>"))
    assert tree is not None
    assert any("Ann thinks" in line for line in comment_paragraphs(tree, None))


def test_blocks_made_with_the_verdict_equal_blocks_judged_after() -> None:
    """html_evidence makes each Block once with trafilatura's verdict: the same Blocks as
    segmenting first and judging every block after."""
    page = ARTICLE.format(
        paragraphs="".join(f"<p>Sentence number {i} of a long article body.</p>" for i in range(3))
        + "<ul><li><a href='/x'>Share</a></li><li>Kate Henshaw</li></ul><pre>  code\n  more</pre>"
    )
    tree = parse_html(page)
    assert tree is not None
    paragraphs = ["Sentence number 1 of a long article body.", "Kate Henshaw", "code more"]
    judged_after = mark_main_content(segment_html(tree).blocks, paragraphs)
    made_with = read_segments(tree).blocks(main_content_verdict(paragraphs))
    assert made_with == judged_after
    assert [b.word_count for b in made_with] == [b.word_count for b in judged_after]
    assert [b.in_main_content for b in made_with].count(True) == 3


def test_paragraphs_split_by_loose_inline_text_match_as_one_run() -> None:
    # A fallback extractor's HTML can leave a link's text between paragraphs it split.
    body = lxml.etree.fromstring(
        "<div><h2>Title</h2><p>Small firms remain the </p>backbone of the economy<p> in many places.</p>"
        "<p>A paragraph of its own.</p></div>"
    )
    assert _runs_joined_by_tails(body) == ["Small firms remain the backbone of the economy in many places."]
    block = Block("Small firms remain the backbone of the economy in many places.", 0, "body>p", tag="p")
    joined = mark_main_content([block], _runs_joined_by_tails(body))
    assert joined[0].in_main_content


def test_a_fast_run_that_kept_a_menu_asks_for_the_full_run() -> None:
    from cleaner.pipeline import _kept_mostly_links

    def kept(text: str, linked: bool) -> Block:
        return Block(
            text, 0, "body>ul>li", tag="li", link_chars=len(text) if linked else 0, in_main_content=True
        )

    menu = [kept(word, linked=True) for word in ("Home", "City Hall", "Taxes", "Contacts", "Jobs")] * 4
    article = kept("The council met on Tuesday and voted to repair the bridge before the winter.", False)
    assert _kept_mostly_links([*menu, article])
    headlines = [
        kept(f"Council votes to repair bridge number {n} before winter", linked=True) for n in range(5)
    ]
    assert not _kept_mostly_links([*headlines, article])  # a listing's linked headlines are its text
    assert not _kept_mostly_links([*menu, article, article])  # 24 words of menu, 30 of text


def test_a_declared_article_whose_fast_run_kept_most_of_its_prose_takes_no_full_run() -> None:
    """Under a third of the text kept, but all of the prose: the rest is a list of links, and
    the fast run's verdict stands (no full run, no block scorer)."""
    from cleaner.pipeline import html_evidence

    declared = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge"}</script>'
    story = "".join(
        f"<p>The council met on Tuesday and voted to repair bridge number {n} before winter.</p>"
        for n in range(6)
    )
    links = "".join(f'<li><a href="/s{n}">Other story {n} headline</a></li>' for n in range(120))
    page = f"<html><head>{declared}</head><body><article>{story}</article><ul>{links}</ul></body></html>"
    evidence = html_evidence(page, None)
    assert evidence is not None
    assert evidence.kept_share < 0.3
    assert evidence.judge.startswith("trafilatura (fast; it kept 100% of the prose")
    assert not evidence.needs_scorer


def test_the_prose_share_counts_sentences_not_links_menus_or_hidden_blocks() -> None:
    from cleaner.pipeline import _kept_prose_share

    def block(text: str, kept: bool, *, linked: bool = False, hidden: bool = False) -> Block:
        link_chars = len(text) if linked else 0
        return Block(text, 0, "body>p", tag="p", link_chars=link_chars, hidden=hidden, in_main_content=kept)

    sentence = "The council met on Tuesday and voted to repair the bridge."  # 11 words
    assert _kept_prose_share([block(sentence, True), block(sentence, False)]) == 0.5
    assert _kept_prose_share([block(sentence, True), block("Home", False), block("Jobs", False)]) == 1.0
    assert _kept_prose_share([block(sentence, True), block(sentence, False, linked=True)]) == 1.0
    assert _kept_prose_share([block(sentence, True), block(sentence, False, hidden=True)]) == 1.0
    assert _kept_prose_share([block("Home", True)]) == 0.0


def test_letters_beyond_latin_1_are_kept_without_leaving_a_reference_cycle() -> None:
    """_letters marks a letter beyond Latin-1 instead of raising from the codec's error handler:
    a raised error keeps the handler's frame, and all its callers' frames, in a cycle."""
    assert _letters("Привет, мир – “quoted” café") == "Приветмирquotedcafé"
    assert _letters("plain – text’s end") == "plaintextsend"
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        _letters("Привет, мир")
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
