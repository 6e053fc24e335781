"""Text dumps become blocks: one per line, continuation lines joined back into their sentence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import _WORD, Block, count_words, text_blocks, words


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
    dump = "Home\n  The talks ended on Tuesday, officials said.\nit’s 2 a.m. – Dr. Smith left\nShare"
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
