"""trafilatura's verdict mapped onto our blocks, and when its fallbacks get their turn."""

from __future__ import annotations

from cleaner.blocks import Block
from cleaner.extract import main_content, mark_main_content
from cleaner.parse import html_blocks, parse_html


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


def test_fast_run_decides_when_it_keeps_enough_of_the_page() -> None:
    page = ARTICLE.format(
        paragraphs="".join(f"<p>{f'Sentence number {i} of a long article body. ' * 4}</p>" for i in range(8))
    )
    tree = parse_html(page)
    assert tree is not None
    blocks = html_blocks(tree)
    result = main_content(tree, page, None, sum(len(b.text) for b in blocks))
    assert result.evidence == "trafilatura (fast)"
    assert any("Sentence number 3" in paragraph for paragraph in result.paragraphs)


def test_fallbacks_run_when_the_fast_run_keeps_too_little() -> None:
    page = ARTICLE.format(paragraphs="<p>A short story body of one sentence only.</p>")
    tree = parse_html(page)
    assert tree is not None
    visible = 100 * sum(len(b.text) for b in html_blocks(tree))  # as if the page held far more text
    result = main_content(tree, page, None, visible)
    assert result.evidence.startswith("trafilatura (with fallbacks; the fast run kept ")
    assert "A short story body of one sentence only." in result.paragraphs
