from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.blocks import Block

ROOT = Path(__file__).resolve().parent.parent


def make_blocks(*texts: str, **facts: object) -> list[Block]:
    """Text-dump style blocks, one per text, with optional DOM facts applied to all."""
    return [Block(text=text, index=i, path=f"line {i + 1}", **facts) for i, text in enumerate(texts)]  # type: ignore[arg-type]


PROSE = "This is an ordinary sentence of the article body, long enough to count as prose."


@pytest.fixture
def root() -> Path:
    return ROOT
