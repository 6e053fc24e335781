"""Metadata from two sources: the page's markup (markup.py) and the cruft we removed.

A dateline removal becomes `date`, a byline removal `author`, a tag-list removal `tags`.
For HTML, structured markup wins; removed lines fill what it lacks, and a dateline that names
the same day as the markup adds the time. Each field records the source it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner import lexicon
from cleaner.dates import find_date
from cleaner.document import Removal
from cleaner.filters import tag_items

_BYLINE_OPENER = re.compile(
    r"^(?:" + "|".join(map(re.escape, lexicon.BYLINE_OPENERS)) + r")\s*:?\s+", re.IGNORECASE
)
# What follows a name in a byline: a separator, then a date, role or outlet.
_AFTER_NAME = re.compile(r"\s+[|•·–—]\s+.*$|\s*,\s*(?:\d|updated|published).*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()


def from_removals(removed: Sequence[Removal]) -> dict[str, tuple[object, str]]:
    """Metadata the removed cruft carries: {field: (value, filter name)}."""
    found: dict[str, tuple[object, str]] = {}
    for removal in removed:
        if removal.filter == "dateline" and "date" not in found:
            date = find_date(removal.text)
            if date is not None:
                found["date"] = (date.iso, "dateline")
        elif removal.filter == "byline" and "author" not in found:
            name = _AFTER_NAME.sub("", _BYLINE_OPENER.sub("", removal.text)).strip(" ,;:")
            if name:
                found["author"] = (name, "byline")
        elif removal.filter == "tag_list":
            tags = found.get("tags", ((), ""))[0]
            assert isinstance(tags, tuple)
            found["tags"] = ((*tags, *tag_items(removal.text)), "tag_list")
    return found


def collect(
    removed: Sequence[Removal],
    *,
    markup: dict[str, tuple[object, str]],
    url: str | None,
    language: str | None,
    evidence: str | None = None,
) -> Metadata:
    """Every metadata field with the source it came from, structured markup first. `evidence`
    names what decided the main text; it is recorded as the source of "text"."""
    fields: dict[str, tuple[object, str]] = {}
    if url:
        fields["url"] = (url, "argument")
    if language:
        fields["language"] = (language, "html lang")
    fields.update(markup)
    for name, (value, source) in from_removals(removed).items():
        if name not in fields or _refines_date(name, value, fields[name][0]):
            fields[name] = (value, source)
    values = {name: value for name, (value, _) in fields.items()}
    tags = values.pop("tags", ())
    assert isinstance(tags, tuple)
    sources = [(name, source) for name, (_, source) in fields.items()]
    if evidence:
        sources.append(("text", evidence))
    return Metadata(
        **{name: str(value) for name, value in values.items()},
        tags=tuple(dict.fromkeys(tags)),
        sources=tuple(sorted(sources)),
    )


def _refines_date(name: str, found: object, known: object) -> bool:
    """A dateline with a time on the same day as the markup's date is the more precise one."""
    return name == "date" and str(found).startswith(str(known)[:10]) and len(str(found)) > len(str(known))
