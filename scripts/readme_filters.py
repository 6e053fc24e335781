#!/usr/bin/env python3
"""Rewrite the filter table in README.md from DEFAULT_FILTERS (tests/test_docs.py checks it)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import DEFAULT_FILTERS  # noqa: E402

START, END = "<!-- filters:start -->\n", "\n<!-- filters:end -->"


def filter_table() -> str:
    rows = [f"| {i} | `{f.name}` | {f.removes} | {f.why} |" for i, f in enumerate(DEFAULT_FILTERS, start=1)]
    return "\n".join(["| # | filter | removes | why |", "|---|---|---|---|", *rows])


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    readme.write_text(head + START + filter_table() + END + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
