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


def test_a_bug_on_one_case_fails_that_case_and_the_rest_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for slug in ("a-case", "b-case"):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "input.txt").write_text(
            f"The {slug} body is one sentence long.\n", encoding="utf-8"
        )
        golden.update(golden.Case(slug, tmp_path / slug))
    real_clean = golden.clean

    def clean_with_a_bug(page: bytes, **options: object) -> object:
        if b"a-case" in page:
            raise RuntimeError("simulated bug")
        return real_clean(page, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(golden, "clean", clean_with_a_bug)
    cases = golden.find_cases(tmp_path)
    assert golden.problems(cases[0]) == ["a-case: internal error: RuntimeError: simulated bug"]
    assert golden.problems(cases[1]) == []
