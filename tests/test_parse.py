from __future__ import annotations

import lxml.html

from cleaner.blocks import Block
from cleaner.parse import (
    _HIDDEN_STYLE,
    _hidden_by_class,
    _marked_hidden,
    _may_be_hidden,
    drop_consent_dialogs,
    html_blocks,
    page_language,
    parse_html,
    read_segments,
)

PAGE = """<html lang="en-GB"><head><title>T</title><script>var x = "<p>no</p>";</script></head><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li></ul></nav>
<article id="story"><h2>Heading</h2>
<p>Some <b>bold</b> text with <a href="/x">a link</a>.</p>
<p>Line one<br>Line two</p>
<div style="display: none">Hidden text</div>
<table><tr><td>a1</td><td>b1</td></tr></table>
<pre>code  line
  indented</pre>
</article></body></html>"""


def blocks_by_text() -> dict[str, object]:
    tree = parse_html(PAGE)
    assert tree is not None
    return {block.text: block for block in html_blocks(tree)}


def test_blocks_carry_kind_tag_path_and_link_density() -> None:
    blocks = blocks_by_text()
    home = blocks["Home"]
    assert (home.kind, home.tag, home.link_density) == ("list_item", "li", 1.0)  # type: ignore[attr-defined]
    assert home.path.endswith("nav.main-menu>ul>li")  # type: ignore[attr-defined]
    para = blocks["Some bold text with a link."]
    assert para.kind == "paragraph" and 0.2 < para.link_density < 0.3  # type: ignore[attr-defined]
    assert "story" in para.hints  # type: ignore[attr-defined]
    assert blocks["Heading"].kind == "heading"  # type: ignore[attr-defined]


def test_br_splits_blocks_tables_keep_cells_and_pre_keeps_layout() -> None:
    blocks = blocks_by_text()
    assert "Line one" in blocks and "Line two" in blocks
    assert "a1 | b1" in blocks
    assert "code  line\n  indented" in blocks


def test_code_lines_printed_as_spans_without_newlines_get_them_back() -> None:
    lines = '<span class="line"><span>npm</span> install</span><span class="line highlighted">cd app</span>'
    spaced = '<span class="line">make</span>\n<span class="line">make test</span>'
    prose = '<p><span class="line">Not</span><span class="line">code</span></p>'
    tree = parse_html(f"<html><body><pre><code>{lines}</code></pre><pre>{spaced}</pre>{prose}</body></html>")
    assert tree is not None
    assert [block.text for block in html_blocks(tree)] == [
        "npm install\ncd app",
        "make\nmake test",
        "Notcode",
    ]


def test_hidden_elements_are_marked_and_scripts_skipped() -> None:
    blocks = blocks_by_text()
    assert blocks["Hidden text"].hidden  # type: ignore[attr-defined]
    assert not any("no</p>" in text or "var x" in text for text in blocks)


def test_page_language_and_unparseable_input() -> None:
    tree = parse_html(PAGE)
    assert tree is not None and page_language(tree) == "en-GB"
    assert parse_html("   ") is None
    assert parse_html('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>') is not None


def test_noscript_content_is_text() -> None:
    """Forums such as Discourse put the crawler view of a thread inside <noscript>."""
    tree = parse_html(
        "<html><body><noscript><div><p>The whole thread is here.</p></div></noscript></body></html>"
    )
    assert tree is not None
    assert [block.text for block in html_blocks(tree)] == ["The whole thread is here."]


def test_a_wrapper_hiding_most_of_the_page_is_not_hidden_but_aria_hidden_never_is() -> None:
    """Pages that hide their whole body until a script runs (anti-flicker) are still read."""
    page = """<html><body><div style="visibility:hidden"><p>Most of the page text lives in here, all of it.</p>
    <p style="display:none">A hidden dialog.</p></div><p>Footer</p><p aria-hidden="true">Icon label</p></body></html>"""
    tree = parse_html(page)
    assert tree is not None
    hidden = {block.text: block.hidden for block in html_blocks(tree)}
    assert hidden == {
        "Most of the page text lives in here, all of it.": False,
        "A hidden dialog.": True,
        "Footer": False,
        "Icon label": False,
    }


def test_framework_classes_that_hide_mark_hidden_but_responsive_ones_do_not() -> None:
    page = """<html><body><p>Visible body text of the page, long enough to be most of it all, and more.</p>
    <div class="email-scrim hide"><p>Thank you</p></div><span class="sr-only">Share on Facebook</span>
    <div class="hidden md:block"><p>Shown on wide screens</p></div><div class="d-none d-lg-block"><p>Also shown</p></div>
    <div class="hidden-xs"><p>Not a hiding word</p></div></body></html>"""
    tree = parse_html(page)
    assert tree is not None
    hidden = {block.text: block.hidden for block in html_blocks(tree)}
    assert hidden["Thank you"] and hidden["Share on Facebook"]
    assert (
        not hidden["Shown on wide screens"] and not hidden["Also shown"] and not hidden["Not a hiding word"]
    )


def test_consent_dialogs_leave_the_tree_trafilatura_reads_but_not_the_blocks() -> None:
    page = (
        "<html><body><main><p>The article's first paragraph.</p>"
        '<div id="onetrust-consent-sdk"><div class="ot-pc-content"><p>We use cookies.</p></div></div>'
        " The text after the dialog.<p>The last paragraph.</p></main></body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    segments = read_segments(tree)
    drop_consent_dialogs(tree, segments.nodes)
    assert "We use cookies." not in tree.text_content()
    assert "The text after the dialog." in tree.text_content()  # the dialog's tail stays
    assert "We use cookies." in [block.text for block in segments.blocks()]
    plain = parse_html("<html><body><p>Cookie recipes: a consent of flavours.</p></body></html>")
    assert plain is not None
    before = lxml.html.tostring(plain)
    drop_consent_dialogs(plain, read_segments(plain).nodes)
    assert lxml.html.tostring(plain) == before


def test_a_hidden_inline_leaf_is_its_own_hidden_block() -> None:
    """The walk reads inline leaves without a call, unless they may be hidden: a hidden <span>
    inside a paragraph still becomes a hidden block of its own."""
    page = """<html><body><p>Read the <span hidden>secret</span> text and <b style="display:none">more</b>
    then <i class="icon sr-only">Share</i> and <em class="hide-on-print">this</em>.</p></body></html>"""
    tree = parse_html(page)
    assert tree is not None
    hidden = [(block.text, block.hidden) for block in html_blocks(tree)]
    assert hidden == [
        ("Read the", False),
        ("secret", True),
        ("text and", False),
        ("more", True),
        ("then", False),
        ("Share", True),
        ("and this.", False),
    ]


def test_every_element_a_hiding_mark_hides_passes_the_walks_quick_test() -> None:
    """_may_be_hidden, the quick test the walk runs on every inline leaf, misses no element
    that the full definition (hidden attribute, hiding style or hiding class) marks."""
    classes = ["", "hide", "hidden", "d-none", "d-none d-md-block", "is-hidden", "visually-hidden", "sr-only"]
    classes += ["screen-reader-text", "hidden md:block", "hide-xs", "card", "shidden", "Hide"]
    styles = [None, "display:none", "visibility: hidden", "DISPLAY : NONE", "color: red", ""]
    for hidden_attribute in (False, True):
        for class_value in classes:
            for style in styles:
                attributes = {"class": class_value} if class_value else {}
                attributes |= {"style": style} if style is not None else {}
                attributes |= {"hidden": ""} if hidden_attribute else {}
                element = lxml.html.Element("span", attributes)
                marked = (
                    element.get("hidden") is not None
                    or bool(_HIDDEN_STYLE.search(element.get("style", "")))
                    or _hidden_by_class(element.get("class", ""))
                )
                names = element.keys()
                assert _marked_hidden(element, names, element.get("class", "")) == marked, attributes
                assert _may_be_hidden(element, names) or not marked, attributes


def test_segments_make_the_blocks_blocks_init_makes() -> None:
    """Segments.blocks fills Blocks column by column; each equals Block(...) of its row, with
    the derived counts (word_count, sentence_like, prose) the dataclass computes itself."""
    tree = parse_html(PAGE)
    assert tree is not None
    segments = read_segments(tree)
    asked: dict[str, int] = {}
    made = segments.blocks(lambda text, words: asked.setdefault(text, words) > 2)
    assert len(made) == len(segments.rows) > 5
    for index, (block, row) in enumerate(zip(made, segments.rows, strict=True)):
        text, path, tag, link_chars, hints, hidden, ancestors = row
        plain = Block(
            text,
            index,
            path,
            kind=block.kind,
            tag=tag,
            link_chars=link_chars,
            hints=hints,
            hidden=hidden,
            in_main_content=asked[text] > 2,
            ancestors=ancestors,
        )
        assert block == plain
        assert asked[text] == plain.word_count  # the verdict is asked with the block's word count
        assert (block.word_count, block.sentence_like, block.prose) == (
            plain.word_count,
            plain.sentence_like,
            plain.prose,
        )
    assert segments.blocks()[0].in_main_content is None
