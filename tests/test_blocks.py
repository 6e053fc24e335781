"""Text dumps become blocks: one per line, continuation lines joined back into their sentence."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.blocks import (
    _TERMINAL_MARKS,
    _WORD,
    OTHER_SPACES,
    PARAGRAPHED,
    Block,
    _has_two_terminals,
    count_words,
    plainly_spaced,
    text_blocks,
    words,
)
from tests.conftest import ROOT


def lines(text: str) -> list[tuple[str, str]]:
    return [(block.path, block.text) for block in text_blocks(text)]


def test_one_block_per_line_without_indentation_or_blank_lines() -> None:
    assert lines("  Home\n\n\tNews  \r\n") == [("line 1", "Home"), ("line 3", "News")]


def test_a_sentence_split_at_inline_elements_is_joined() -> None:
    dump = "First we imported the\n  Flask\nclass. An instance of\n\nthis class is the app\n, and it runs.\n"
    assert lines(dump) == [
        ("line 1", "First we imported the"),
        ("lines 2-6", "Flask class. An instance of this class is the app, and it runs."),
    ]


def test_sentences_headlines_and_mixed_case_brands_are_not_joined() -> None:
    dump = (
        "The talks ended on Tuesday.\nofficials said more later\n"
        "New Treaty Talks Stall Over Arms Control - Moscow\nbilateral talks, arms control, trade\n"
        "Our Partner: eZ Systems\neZ Systems is a content platform.\n"
    )
    assert [path for path, _ in lines(dump)] == [f"line {n}" for n in range(1, 7)]


def test_a_bracket_closed_after_a_word_leaves_the_sentence_open() -> None:
    dump = "Japan's Nikkei 225\n(N225)\ndeclined 0.3%, while the\nKospi fell.\n(Reuters)\nThe end.\n"
    assert lines(dump) == [
        ("line 1", "Japan's Nikkei 225"),
        ("lines 2-3", "(N225) declined 0.3%, while the"),
        ("line 4", "Kospi fell."),
        ("line 5", "(Reuters)"),
        ("line 6", "The end."),
    ]
    assert lines("He said (quietly.)\nthen left\n") == [
        ("line 1", "He said (quietly.)"),
        ("line 2", "then left"),
    ]


# --- the fast word counts match the regular expression they stand in for -------------------

_SPECIMEN_CHARS = "aZé9_ .,’“–…İß²ªµ¼\u00a0\u200bжЖ中・カ한١ä\u0301x"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPECIMEN_CHARS) | st.characters(), max_size=40))
def test_words_and_counts_match_the_word_pattern(text: str) -> None:
    expected = _WORD.findall(text)
    assert words(text) == expected
    assert count_words(text) == len(expected)


def test_every_latin1_character_is_a_word_character_exactly_when_the_pattern_says() -> None:
    for code in range(256):
        text = f"a{chr(code)}b {chr(code)}"
        assert words(text) == _WORD.findall(text), hex(code)


def test_dump_blocks_are_the_blocks_the_constructor_makes() -> None:
    dump = (
        "Home\n  The talks ended on Tuesday, officials said.\nit’s 2 a.m. – Dr. Smith left\nShare\n"
        "Переговоры завершились во вторник, — сообщили чиновники.\n会谈于周二结束。\n\n  (Reuters)\n"
    )
    for block in text_blocks(dump):
        made = Block(text=block.text, index=block.index, path=block.path)
        assert block == made
        assert (block.word_count, block.sentence_like, block.prose) == (
            made.word_count,
            made.sentence_like,
            made.prose,
        )
        assert [getattr(block, name) for name in Block.__slots__] == [
            getattr(made, name) for name in Block.__slots__
        ]


# --- the dump's lines, made over all of them at once, are what one line at a time makes ------

_CLOSING_MARKS = ",.;:)]’'”!?%"


def _reference_lines(text: str) -> list[tuple[str, int, int]]:
    """text_blocks' lines by their definition, one line at a time: whitespace collapsed, and a
    line that does not start with a capital joined onto an open sentence that is no headline."""
    lines: list[list[object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if lines and not stripped[0].isupper():
            previous = str(lines[-1][0])
            first = stripped.split(maxsplit=1)[0]
            marks = set(".!?…;:。！？؟।")
            closers = "»\"'”’」』)]"
            ends = previous[-1] in marks or (
                previous[-1] in closers and previous.rstrip(closers)[-1:] in marks
            )
            opens = first[0] in _CLOSING_MARKS or first.islower()
            previous_words = previous.split()
            capitalised = sum(1 for word in previous_words if word[:1].isupper())
            headline = len(previous_words) >= 3 and capitalised >= 0.6 * len(previous_words)
            if not ends and opens and not headline:
                lines[-1][0] = previous + ("" if stripped[0] in _CLOSING_MARKS else " ") + stripped
                lines[-1][2] = number
                continue
        lines.append([stripped, number, number])
    return [(str(text), int(str(first)), int(str(last))) for text, first, last in lines]


_DUMP_LINES = st.lists(
    st.text(alphabet=st.sampled_from("aA b,.)\t\u00a0’—“…Ж中:"), max_size=12)
    | st.sampled_from(["", "  ", "Share", "the rest of it", ", and more", "Most Read Stories Here", "x."]),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_DUMP_LINES)
def test_dump_lines_match_their_one_line_at_a_time_definition(lines: list[str]) -> None:
    text = "\n".join(lines)
    blocks = text_blocks(text)
    if blocks and blocks[0].rescued == PARAGRAPHED:
        return  # an extracted text keeps its paragraphs (tested below)
    expected = _reference_lines(text)
    assert [block.text for block in blocks] == [line for line, _, _ in expected]
    paths = [f"line {a}" if a == b else f"lines {a}-{b}" for _, a, b in expected]
    assert [block.path for block in blocks] == paths
    for block in blocks:
        made = Block(text=block.text, index=block.index, path=block.path)
        assert (block.word_count, block.sentence_like, block.prose) == (
            made.word_count,
            made.sentence_like,
            made.prose,
        )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" a\t\n\x1f\u00a0\u3000’\x07") | st.characters(), max_size=20))
def test_a_text_is_plainly_spaced_exactly_when_it_is_its_own_collapse(text: str) -> None:
    assert plainly_spaced(text) == (" ".join(text.split()) == text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" a\t\x1f\u00a0\u3000’\u2028\x85") | st.characters(), max_size=20))
def test_lines_are_plainly_spaced_as_any_text(text: str) -> None:
    line = " ".join(text.splitlines())  # what str.splitlines leaves, as _collapse_whitespace sees it
    assert plainly_spaced(line, within_lines=True) == plainly_spaced(line)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(".!?…。 a") | st.characters(), max_size=12))
def test_two_terminals_are_two_sentence_marks(text: str) -> None:
    assert _has_two_terminals(text) == (sum(map(text.count, _TERMINAL_MARKS)) >= 2)


def test_other_spaces_are_every_whitespace_character_but_the_space() -> None:
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace() and code != 32]
    assert list(OTHER_SPACES) == spaces


# --- a paragraphed text is extracted already: cleaning it again keeps it -------------------


def test_a_paragraphed_text_keeps_every_line_whole_and_unjoined() -> None:
    text = "Intro line\n\ncontinues in lower case  with  spacing\n\n- a list item\n"
    blocks = text_blocks(text)
    assert [block.text for block in blocks] == [
        "Intro line",
        "continues in lower case  with  spacing",
        "- a list item",
    ]
    assert all(block.rescued == PARAGRAPHED for block in blocks)
    assert not any(block.rescued for block in text_blocks("Home\nNews\n\nA paragraph of the body."))


_PARAGRAPH = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: text == text.strip() and text != "")
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=2, max_size=8))
def test_a_paragraphed_text_is_its_own_cleaning(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    assert clean(text, kind="text").text == text


def _golden_html_cases() -> list[Path]:
    return sorted(path.parent for path in (ROOT / "golden").glob("*/input.html"))


@pytest.mark.parametrize("case", _golden_html_cases(), ids=lambda case: case.name)
def test_a_cleaned_page_cleans_to_itself(case: Path) -> None:
    """clean(clean(html).text, kind="text").text == clean(html).text (issue 7), code blocks too."""
    url_file = case / "url.txt"
    url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
    cleaned = clean((case / "input.html").read_bytes(), url=url)
    assert clean(cleaned.text, kind="text").text == cleaned.text


def test_code_paragraphs_keep_their_lines_and_spaces() -> None:
    text = "Install it:\n\ndef main():\n    run(  1  )\n\n    return 0\n\nThat is all."
    assert [block.text for block in text_blocks(text)] == [
        "Install it:",
        "def main():\n    run(  1  )",
        "    return 0",
        "That is all.",
    ]
    assert clean(text, kind="text").text == text
    menu = "Home\nNews\nContact us\n\nThe body of the page, a sentence or two long."
    assert not any(block.rescued for block in text_blocks(menu))


def test_a_closing_quote_or_bracket_ends_a_sentence_only_after_a_sentence_mark() -> None:
    def ends(text: str) -> bool:
        return Block(text=text, index=0, path="line 1").ends_like_sentence

    assert ends("He said: “we needed to win this game.”")
    assert ends("The result was final (see the table.)")
    assert not ends("Reports: Mason Rudolph will be fined (145)")
    assert not ends("Anthony Lynn: “We needed to win this game”")
    assert [block.sentence_like for block in text_blocks("Vikings come back to beat the Broncos (145)")] == [
        False
    ]
