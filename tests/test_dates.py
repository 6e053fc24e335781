from __future__ import annotations

from datetime import date

import pytest

from cleaner.dates import find_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("05:26 GMT29 January 2020", "2020-01-29T05:26:00+00:00"),
        ("Published: March 3, 2021 at 4:05 pm EST", "2021-03-03T16:05:00-05:00"),
        ("2019-11-04T10:00:00+02:00", "2019-11-04T10:00:00+02:00"),
        ("29.01.2020 14:30", "2020-01-29T14:30:00"),
        ("Veröffentlicht am 3. März 2021, 14:05 Uhr", "2021-03-03T14:05:00"),
        ("Le 5 mars 2019 à 14h30", "2019-03-05T14:30:00"),
        ("Publicado el 7 de junio de 2018", "2018-06-07"),
        ("12 июня 2021 г.", "2021-06-12"),
        ("2020年1月29日", "2020-01-29"),
        ("12/31/2019", "2019-12-31"),
        ("Updated 10:00 GMT+3, 1 May 2022", "2022-05-01T10:00:00+03:00"),
    ],
)
def test_find_date_reads_datelines(line: str, iso: str) -> None:
    found = find_date(line, today=date(2026, 1, 1))
    assert found is not None and found.iso == iso and found.other_words == 0


@pytest.mark.parametrize(
    "line", ["Call 555-1234", "Updated 3 hours ago", "Score 3:1", "1/2/1989", "1 January 2031"]
)
def test_find_date_refuses_what_is_not_a_plausible_date(line: str) -> None:
    assert find_date(line, today=date(2026, 1, 1)) is None


def test_find_date_counts_other_words() -> None:
    found = find_date("By Jane Doe | Jan 5, 2022")
    assert found is not None and found.iso == "2022-01-05" and found.other_words == 3
