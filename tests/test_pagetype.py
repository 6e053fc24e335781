"""Page types from declarations, structure and the URL, each with the evidence that decided."""

from __future__ import annotations

from cleaner.blocks import Block
from cleaner.pagetype import PageSignals, classify, read_signals
from cleaner.parse import parse_html

PROSE = "The council approved the new budget on Tuesday after a long and heated debate in the chamber."


def block(text: str, index: int, *, tag: str = "p", rescued: str = "", link_chars: int = 0) -> Block:
    kind = "heading" if tag in ("h1", "h2") else "paragraph"
    return Block(
        text,
        index,
        f"body>{tag}",
        kind=kind,
        tag=tag,
        in_main_content=True,
        rescued=rescued,
        link_chars=link_chars,
    )


def article_blocks(paragraphs: int = 40) -> list[Block]:
    return [block("Budget passes", 0, tag="h1"), *(block(PROSE, i + 1) for i in range(paragraphs))]


def test_a_json_ld_declaration_decides() -> None:
    guess = classify(article_blocks(2), {"DiscussionForumPosting"}, PageSignals(), "https://example.com/x")
    assert (guess.page_type, guess.confidence, guess.evidence) == (
        "forum",
        0.9,
        "declared DiscussionForumPosting",
    )
    many = classify([], {"Product"}, PageSignals(product_objects=12), None)
    assert many.page_type == "collection"  # twelve products are a collection's grid


def test_og_article_is_weak_evidence_that_structure_can_outweigh() -> None:
    cards = [
        block(f"Card {i} title", i, rescued="card group: 12 × div.card", link_chars=12) for i in range(12)
    ]
    guess = classify(cards, {"Article"}, PageSignals(), "https://example.com/news")
    assert guess.page_type == "listing"
    assert "repeated cards" in guess.evidence


def test_long_prose_with_a_byline_and_a_slug_is_an_article() -> None:
    guess = classify(
        article_blocks(),
        set(),
        PageSignals(),
        "https://example.com/2024/council-approves-new-budget",
        bylined=True,
    )
    assert guess.page_type == "article"
    assert "words of prose" in guess.evidence and 0 < guess.confidence <= 1


def test_shop_controls_make_a_product_and_many_prices_a_collection() -> None:
    product = classify(
        article_blocks(3), set(), PageSignals(prices=1, cart_buttons=1), "https://shop.example/kettle"
    )
    assert product.page_type == "product"
    grid = classify(article_blocks(1), set(), PageSignals(prices=24), "https://shop.example/kettles")
    assert grid.page_type == "collection"


def test_forum_urls_and_thread_posts() -> None:
    posts = [block(PROSE, i, rescued="post of a thread: 5 × div.post") for i in range(5)]
    assert classify(posts, set(), PageSignals(), None).page_type == "forum"
    thread = classify(article_blocks(3), set(), PageSignals(), "https://example.com/threads/which-bike.123/")
    assert thread.page_type == "forum"


def test_docs_host_and_code_blocks_make_documentation() -> None:
    guess = classify(article_blocks(5), set(), PageSignals(code_blocks=6), "https://docs.example.org/api/io")
    assert guess.page_type == "documentation"


def test_no_evidence_is_other_with_low_confidence() -> None:
    guess = classify([block("Hello", 0)], set(), PageSignals(), None)
    assert (guess.page_type, guess.evidence) == ("other", "no evidence")
    assert guess.confidence < 0.5


def test_a_blog_section_url_and_its_pages() -> None:
    short = [block("Posts", 0, tag="h1"), block(PROSE, 1)]
    assert classify(short, set(), PageSignals(), "https://example.com/blog").page_type == "listing"
    post = classify(short, set(), PageSignals(), "https://example.com/blog/why-we-moved-offices")
    assert post.page_type == "article" and "a page under a blog or news section" in post.evidence


def test_calls_to_action_count_for_a_service_page() -> None:
    tree = parse_html(
        "<html><body><h1>Cloud backup</h1>"
        + "<a href='/demo'>Book a demo</a><button>Get started</button>" * 2
        + "<a href='/blog/x'>Read the post</a></body></html>"
    )
    assert tree is not None
    assert read_signals(tree).calls_to_action == 4
    landing = classify(
        [block("Cloud backup", 0, tag="h1")], set(), read_signals(tree), "https://example.com/"
    )
    assert landing.page_type == "service" and "4 calls to action" in landing.evidence


def test_a_strong_declaration_outranks_a_weak_one_in_any_order() -> None:
    signals = PageSignals()
    for types in (["Article", "NewsArticle"], ["NewsArticle", "Article"]):
        guess = classify([], types, signals, None)
        assert (guess.page_type, guess.confidence, guess.evidence) == ("article", 0.9, "declared NewsArticle")
