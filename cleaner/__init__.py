"""cleaner: strip boilerplate from web pages and text dumps, and explain every removal."""

from cleaner.blocks import Block
from cleaner.document import Document, Removal
from cleaner.errors import (
    BatchError,
    CleanerError,
    DecodeError,
    FetchError,
    PageTimeout,
    PageTooLarge,
    ReadError,
    RulesError,
    SourceError,
)
from cleaner.filters import Filter
from cleaner.pipeline import DEFAULT_FILTERS, clean

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_FILTERS",
    "BatchError",
    "Block",
    "CleanerError",
    "DecodeError",
    "Document",
    "FetchError",
    "Filter",
    "PageTimeout",
    "PageTooLarge",
    "ReadError",
    "Removal",
    "RulesError",
    "SourceError",
    "clean",
]
