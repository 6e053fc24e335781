"""The nouns users see: a cleaned Document and the Removals that explain it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from cleaner.blocks import Block
    from cleaner.metadata import Metadata

SourceKind = Literal["html", "text"]
PageType = Literal[
    "article", "forum", "product", "collection", "listing", "documentation", "service", "other"
]


@dataclass(frozen=True, slots=True)
class Removal:
    """One dropped block: which filter dropped it, why (with the measured numbers), and what it was."""

    filter: str
    reason: str
    path: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"filter": self.filter, "reason": self.reason, "path": self.path, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    """The result of clean(): the body text, its metadata, and every removal with its reason.

    Metadata fields are None (or an empty tuple) when unknown. `author` joins several authors
    the way the page lists them; `authors` holds them one by one. `page_type_confidence` is how
    sure the page-type guess is, from 0 to 1. `sources` names where each metadata field came
    from, e.g. {"date": "dateline"}. `blocks` are the kept blocks the text was assembled from
    (for renderings that need their kinds, such as Markdown).

    A Document from clean() reads its metadata from the page when a metadata field (or
    metadata(), to_dict(), to_json(), to_markdown(), ==, repr, pickling) is first asked for, so
    that reading only `text` costs only the text. Until then it holds the parsed page (its
    lxml tree is about twice the HTML's size): read the metadata before keeping many Documents.
    The values are the same either way (but for the last plausible day of a date: the day they
    are read), and reading them never raises (a bug in the metadata code leaves them empty,
    with a "metadata" source that says so).
    """

    text: str
    source_kind: SourceKind
    title: str | None = None
    author: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_modified: str | None = None
    url: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    page_type: PageType | None = None
    page_type_confidence: float | None = None
    removed: tuple[Removal, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()
    blocks: tuple[Block, ...] = field(default=(), repr=False, compare=False)
    # What reads the metadata fields, until they are read (then None).
    _metadata_reader: Callable[[], Metadata] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @classmethod
    def reading_metadata_later(
        cls,
        text: str,
        source_kind: SourceKind,
        removed: tuple[Removal, ...],
        blocks: tuple[Block, ...],
        reader: Callable[[], Metadata],
    ) -> Document:
        """A Document whose metadata fields `reader` fills when one is first asked for: until
        then they are unset slots, and __getattr__ (called only for those) reads them."""
        document = object.__new__(cls)
        values = (text, source_kind, removed, blocks, reader)
        for name, value in zip(_NOT_METADATA, values, strict=True):
            object.__setattr__(document, name, value)
        return document

    if not TYPE_CHECKING:  # mypy would take any attribute name for one of the metadata fields

        def __getattr__(self, name: str) -> Any:
            reader = object.__getattribute__(self, "_metadata_reader")
            if name not in _METADATA_FIELDS or reader is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            metadata = reader()
            for field_name in _METADATA_FIELDS:  # a plain copy: the frozen fields stay frozen for users
                object.__setattr__(self, field_name, getattr(metadata, field_name))
            object.__setattr__(self, "_metadata_reader", None)  # and the parsed page it held goes
            return object.__getattribute__(self, name)

    def metadata(self) -> dict[str, Any]:
        """The metadata fields as a plain dict (tags and authors as lists)."""
        return {
            "author": self.author,
            "authors": list(self.authors),
            "date": self.date,
            "date_modified": self.date_modified,
            "description": self.description,
            "image": self.image,
            "language": self.language,
            "page_type": self.page_type,
            "page_type_confidence": self.page_type_confidence,
            "sitename": self.sitename,
            "tags": list(self.tags),
            "title": self.title,
            "url": self.url,
        }

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """Text and metadata; with explain=True also the removals, the blocks a structure rule
        kept against trafilatura's verdict, and each field's source."""
        result: dict[str, Any] = {"source_kind": self.source_kind, "text": self.text, **self.metadata()}
        if explain:
            result["removed"] = [removal.to_dict() for removal in self.removed]
            result["rescued"] = [
                {"path": block.path, "reason": block.rescued, "text": block.text}
                for block in self.blocks
                if block.rescued
            ]
            result["sources"] = dict(self.sources)
        return result

    def to_json(self, *, explain: bool = False) -> str:
        """JSON with sorted keys, two-space indent and real Unicode (stable for golden files)."""
        return json.dumps(self.to_dict(explain=explain), indent=2, sort_keys=True, ensure_ascii=False)

    def to_markdown(self) -> str:
        """The body as Markdown with a title heading and a short metadata line."""
        from cleaner.output import markdown  # output owns every rendering

        return markdown(self)


# The fields a metadata reader fills: all but the text, its kind, the removals, the blocks and
# the reader itself.
_NOT_METADATA = ("text", "source_kind", "removed", "blocks", "_metadata_reader")
_METADATA_FIELDS = tuple(f.name for f in fields(Document) if f.name not in _NOT_METADATA)
