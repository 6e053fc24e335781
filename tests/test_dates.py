from __future__ import annotations

from datetime import date

import pytest

from cleaner.dates import date_in_url, days_in, find_date, says_updated, visible_date

TODAY = date(2026, 1, 1)


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
        ("15. ledna 2024", "2024-01-15"),
        ("3 martie 2023", "2023-03-03"),
        ("5 οκτωβρίου 2022", "2022-10-05"),
        ("1. joulukuuta 2021", "2021-12-01"),
        ("7 січня 2020", "2020-01-07"),
        ("2020年1月29日", "2020-01-29"),
        ("12/31/2019", "2019-12-31"),
        ("Updated 10:00 GMT+3, 1 May 2022", "2022-05-01T10:00:00+03:00"),
        ("2023 Jan 7", "2023-01-07"),  # a citation's date, year first
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


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://example.com/2025/09/04/budget-vote/", "2025-09-04"),
        ("https://example.com/news/2025-09-04-budget-vote", "2025-09-04"),
        ("https://example.com/20250904/budget", "2025-09-04"),
        ("https://example.com/2025/09/budget-vote", None),  # a month is not a day
        ("https://example.com/2025/13/04/x", None),
        ("https://example.com/call/555-2020-1234", None),  # a phone number is not a date
        ("https://example.com/a?d=/2025/09/04/", None),  # only the path counts
        ("https://example.com/articles/2025-12-15+Rust+backend", "2025-12-15"),  # "+" is a space
        ("https://example.com/posts/2025-09-04_budget-vote", "2025-09-04"),
        ("https://example.com/v/2025-09-0412", None),  # more digits: not a day
    ],
)
def test_date_in_url(url: str, iso: str | None) -> None:
    assert date_in_url(url) == iso


def test_visible_date_takes_a_short_dated_line_and_skips_sentences() -> None:
    lines = [
        ("On 3 March 2019 the council met to approve the new budget for the coming year.", ""),
        ("Mar 5, 2021 · 4 min read", ""),
    ]
    assert visible_date(lines, today=date(2026, 1, 1)) == "2021-03-05"
    hinted = [("Posted in News by Ann Lee on 6 May 2020", "entry-meta")]
    assert visible_date(hinted, today=date(2026, 1, 1)) == "2020-05-06"
    assert visible_date([("Call 555-123-4567", "")], today=date(2026, 1, 1)) is None
    assert visible_date([("12 May 2030", "")], today=date(2026, 1, 1)) is None  # never in the future


def test_visible_date_skips_a_poster_s_join_date() -> None:
    today = date(2026, 1, 1)
    thread = [("Founded: Dec 11, 2021", "profile"), ("by Ann » Tue Aug 27, 2019 1:47 am", "postbody")]
    assert visible_date(thread, today=today) == "2019-08-27T01:47:00"
    german = [("Mitglied seit 3. Mai 2018", ""), ("4. Juni 2020", "")]
    assert visible_date(german, today=today) == "2020-06-04"
    assert visible_date([("Registered: 2017-02-01", "")], today=today) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("FlowGuard EMEA on 04-ago-2021 5:11:10", "2021-08-04T05:11:10"),  # a month name between hyphens
        ("11-29-2024, 09:03 AM", "2024-11-29T09:03:00"),
        ("10/12/2023 7:38:01 PM | 3 minute read", "2023-10-12T19:38:01"),  # a 12-hour clock: month first
        ("10/12/2023 19:38", "2023-12-10T19:38:00"),  # otherwise day first
        ("Posted May 2, 2025 (edited 2025-06-01)", "2025-05-02"),  # the leftmost date, whatever its form
    ],
)
def test_find_date_reads_hyphens_us_clocks_and_the_leftmost_date(line: str, iso: str) -> None:
    found = find_date(line, today=TODAY)
    assert found is not None and found.iso == iso


def test_a_hyphenated_number_run_is_not_a_date() -> None:
    assert find_date("Call 555-12-2023 today", today=TODAY) is None


def test_days_in_names_every_day_and_both_readings_of_an_ambiguous_one() -> None:
    assert days_in("Published 8/1/2025, updated 29 Sep 2025", today=TODAY) == {
        "2025-08-01",
        "2025-01-08",
        "2025-09-29",
    }
    assert days_in("no date here") == set()


def test_says_updated_in_several_languages() -> None:
    assert says_updated("Last Updated: Dec 17, 2025")
    assert says_updated("Aktualisiert am 3. März 2024") and says_updated("Mis à jour le 3 mars 2024")
    assert not says_updated("Published March 3, 2024")


def test_a_citation_date_is_read_year_first_and_a_volume_after_it_is_not_a_day() -> None:
    found = find_date("Phys Act Nutr. 2024 Jun 30;28(2):43-51.", today=TODAY)
    assert found is not None and found.iso == "2024-06-30"


def test_visible_date_counts_a_second_date_as_no_other_word() -> None:
    line = [("December 3, 2025. Updated: December 7, 2025", "p date")]
    assert visible_date(line, today=TODAY, strict=True) == "2025-12-03"
    assert (
        visible_date([("December 3, 2025 in the city of Lyon", "p date")], today=TODAY, strict=True) is None
    )
