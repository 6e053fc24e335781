"""The errors cleaner raises, all under one base so callers can catch one type.

    CleanerError
    ├── SourceError          could not get the page as text
    │   ├── ReadError        a file is missing, unreadable or not a page
    │   ├── FetchError       a network or HTTP failure (the httpx error is the __cause__)
    │   ├── DecodeError      bytes that are not text in any encoding we can trust
    │   └── PageTooLarge     a page beyond the limits cleaner reads (50 MB, 100,000 elements)
    ├── PageTimeout          cleaning a page took longer than the time budget it was given
    ├── RulesError           a rules file that cannot be read or names unknown filters
    └── BatchError           a batch cannot start (its output exists, or is not a batch's)

An empty result is not an error: it is a Document with empty text and every removal listed.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose."""


class SourceError(CleanerError):
    """The page could not be turned into text."""


class ReadError(SourceError):
    """A file is missing, unreadable, or not a page."""


class FetchError(SourceError):
    """A URL could not be fetched; `status` is the HTTP status when the server answered with an error."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self) -> tuple[type[FetchError], tuple[str], dict[str, int | None]]:
        # keep `status` when a batch worker process sends the error back
        return (FetchError, (str(self),), {"status": self.status})


class DecodeError(SourceError):
    """Bytes that are binary, or not text in any encoding we can trust."""


class PageTooLarge(SourceError):
    """A page beyond the limits cleaner reads: no real page comes near them, and reading one
    that does would take minutes and gigabytes (a million sibling paragraphs, for example)."""


class PageTimeout(CleanerError):
    """Cleaning a page ran past its time budget (clean(timeout=...), --page-timeout).

    Not a SourceError: the page was read; the caller's budget ran out, and a larger one might
    do. `seconds` is the budget.
    """

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds

    def __reduce__(self) -> tuple[type[PageTimeout], tuple[str, float]]:
        # keep `seconds` when the error crosses a process boundary (a batch worker, Dask)
        return (PageTimeout, (str(self), self.seconds))


class RulesError(CleanerError):
    """A rules file that cannot be parsed or that names unknown filters."""


class BatchError(CleanerError):
    """A batch cannot start: its output exists without --resume, or holds lines no batch wrote."""
