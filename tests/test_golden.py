"""Every golden case, one test each (run one with `pytest -k SLUG`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import golden

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = golden.find_cases(GOLDEN)


@pytest.mark.parametrize("case", CASES, ids=[case.slug for case in CASES])
def test_golden_case(case: golden.Case) -> None:
    found = golden.problems(case)
    assert not found, (
        "\n".join(found) + f"\n(after a deliberate change: cleaner golden update golden {case.slug})"
    )


def test_seed_matches_the_shared_expectation_exactly() -> None:
    """The seed's expected.txt is the one the project started from, not a copy of our output."""
    seed = GOLDEN / "seed-sputnik-text"
    text = (seed / "expected.txt").read_text(encoding="utf-8")
    assert "Get short URL" not in text and "Listen Live" not in text
    assert text.startswith("Russian Foreign Minister Sergei Lavrov and US Secretary of State Mike Pompeo")
    assert text.rstrip().endswith("than we've had the last few years,\" Pompeo said.")
    assert text.count("\n\n") == 33  # 34 paragraphs and subheadings


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 13
