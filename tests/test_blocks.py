"""Text dumps become blocks: one per line, continuation lines joined back into their sentence."""

from __future__ import annotations

from cleaner.blocks import text_blocks


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
