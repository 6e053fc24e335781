from __future__ import annotations

from cleaner.document import Removal
from cleaner.metadata import collect, from_removals


def removal(filter_name: str, text: str) -> Removal:
    return Removal(filter_name, "reason", "line 1", text)


def test_removed_cruft_becomes_metadata() -> None:
    found = from_removals(
        [
            removal("dateline", "Updated 10:00 GMT, 1 May 2022"),
            removal("byline", "By Jane Doe | 1 May 2022"),
            removal("tag_list", "Tags: Politics, Europe"),
            removal("tag_list", "trade, diplomacy, Europe"),
        ]
    )
    assert found["date"] == ("2022-05-01T10:00:00+00:00", "dateline")
    assert found["author"] == ("Jane Doe", "byline")
    assert found["tags"] == (("Politics", "Europe", "trade", "diplomacy", "Europe"), "tag_list")


def test_markup_wins_but_a_dateline_adds_the_time_of_the_same_day() -> None:
    markup = {
        "title": ("T", "meta og:title"),
        "author": ("Markup Author", "json-ld"),
        "date": ("2022-05-01", "time"),
    }
    metadata = collect(
        [removal("dateline", "1 May 2022 10:00 UTC"), removal("byline", "By Someone Else")],
        markup=markup,
        url=None,
        language="de",
    )
    assert metadata.author == "Markup Author" and metadata.date == "2022-05-01T10:00:00+00:00"
    assert dict(metadata.sources) == {
        "author": "json-ld",
        "date": "dateline",
        "language": "html lang",
        "title": "meta og:title",
    }
    other_day = collect([removal("dateline", "2 May 2022 10:00 UTC")], markup=markup, url=None, language=None)
    assert other_day.date == "2022-05-01"
    assert other_day.tags == ()
