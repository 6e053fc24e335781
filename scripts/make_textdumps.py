#!/usr/bin/env python3
r"""Turn the shared benchmark pages into the text dumps real scrapers produce, keeping the truth.

cleaner also cleans text that a naive scraper already flattened.  This script makes such dumps from
the HTML benchmarks (``../shared/benchmarks``) so ``scripts/benchmark.py --input text`` can score
cleaner on them with the datasets' own ground truth.  Run from the repository root::

    .venv/bin/pip install html-text                        # needed by this script only
    .venv/bin/python scripts/make_textdumps.py             # both datasets -> ../textdumps
    .venv/bin/python scripts/make_textdumps.py --dataset wcxb-dev --limit 200 --out /tmp/dumps
    .venv/bin/python scripts/benchmark.py --input text --jobs 2

Options: ``--data ROOT`` (default ``../shared/benchmarks``), ``--out DIR`` (default ``../textdumps``
beside the repository, never inside it), ``--dataset article-extraction|wcxb-dev|all``, ``--limit N``
(N pages spread evenly over each dataset, as benchmark.py picks them), ``--seed S`` (the noise seed,
default 0), ``--styles a,b`` (default all of them).

Layout
------
``<out>/<dataset>/<style>/<page id>.txt`` holds one dump (UTF-8, written byte for byte: the CRLF
styles keep their ``\r\n``), and ``<out>/<dataset>/truth.json`` maps each page id to
``{"truth", "page_type", "url", "kind", "with", "without"}`` taken from the original dataset
(``kind`` is ``article-extraction`` or ``wcxb``: which metric applies).  Pages whose truth has no
words are skipped.

Styles
------
page-htmltext        The whole page as ``html_text.extract_text(html, guess_layout=True)`` prints it:
                     every text node (menus, footers, cookie banners, related links, the <title>,
                     <noscript> text), one block per line, a blank line around paragraphs.
page-bs4             The whole page as BeautifulSoup ``get_text("\n")`` prints it after removing
                     <script>, <style>, <noscript> and <template>: one text node per line, so inline
                     links split sentences over several lines; trailing spaces are stripped and each
                     run of blank lines becomes one blank line, as scraper code usually does.
container-htmltext   The smallest element holding at least 90% of the truth's words (as a multiset,
container-bs4        lower-cased ``\w+`` tokens), with every widget still inside it (datelines,
                     players, share buttons, related headlines, tag lists, comment prompts), dumped in
                     the html_text or BeautifulSoup way, then given deterministic noise seeded by the
                     page id: uneven indentation (spaces or tabs at line starts, changing in runs) and
                     extra blank lines (some holding only spaces).  When the page holds less of the
                     truth than that, the threshold is 90% of the truth words the page holds at all.
page-htmltext-crlf   page-htmltext and container-htmltext with Windows line endings.
container-htmltext-crlf

No text is invented: every line of a dump is text of the page itself.

The container is found in one pass: the page's tokens are listed in document order, each element
is the span of tokens it encloses, spans with too few truth-vocabulary tokens (a prefix sum) are
pruned, and the rest are checked smallest first with a clipped multiset overlap.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.benchmark import (  # noqa: E402
    DEFAULT_DATA,
    BenchmarkError,
    Dataset,
    Page,
    _positive_int,
    chosen_names,
    select_datasets,
)

DEFAULT_OUT = ROOT.parent / "textdumps"
CONTAINER_SHARE = 0.9  # the container holds at least this share of the truth's words
REMOVED_TAGS = ("script", "style", "noscript", "template")  # what the BeautifulSoup style drops
CRLF_SUFFIX = "-crlf"
BASE_STYLES = ("page-htmltext", "page-bs4", "container-htmltext", "container-bs4")
STYLES = (*BASE_STYLES, "page-htmltext-crlf", "container-htmltext-crlf")

_TOKEN_RE = re.compile(r"\w+")
_INDENTS = ("", "", "", "  ", "    ", "        ", "\t", "\t\t", " \t")
_BLANKS = ("", "", " ", "   ", "\t")


class MissingDependency(Exception):
    """A package this script needs is not installed (reported in one line)."""


# ---------------------------------------------------------------------------------------------
# Words and the container
# ---------------------------------------------------------------------------------------------


def words(text: str | None) -> list[str]:
    """Lower-cased ``\\w+`` tokens, as the container search counts them."""
    return _TOKEN_RE.findall((text or "").lower())


@dataclass(frozen=True)
class Span:
    """An element and the tokens it encloses: ``tokens[start:end]`` of its document."""

    start: int
    end: int
    element: Any  # an lxml element

    @property
    def size(self) -> int:
        return self.end - self.start


def token_spans(root: Any) -> tuple[list[str], list[Span]]:
    """The tree's tokens in document order (text, then children, then tails) and each element's span.

    Spans come in closing order, so an element comes before any ancestor with the same span.
    """
    from lxml import etree

    tokens: list[str] = []
    spans: list[Span] = []
    starts: list[int] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            starts.append(len(tokens))
            tokens.extend(words(element.text))
            continue
        start = starts.pop()
        if isinstance(element.tag, str):
            spans.append(Span(start, len(tokens), element))
        if element is not root:
            tokens.extend(words(element.tail))
    return tokens, spans


def overlap(tokens: Sequence[str], truth: Counter[str]) -> int:
    """Size of the multiset intersection of `tokens` and `truth`."""
    counts = Counter(tokens)
    return sum(min(n, truth[word]) for word, n in counts.items() if word in truth)


def smallest_container(tokens: Sequence[str], spans: Sequence[Span], truth: Counter[str]) -> Span | None:
    """The smallest span holding `CONTAINER_SHARE` of the truth words the document holds at all."""
    if not spans or not truth:
        return None
    held = overlap(tokens, truth)
    need = math.ceil(CONTAINER_SHARE * held)
    if need == 0:
        return None
    in_vocab = [0]
    for token in tokens:
        in_vocab.append(in_vocab[-1] + (token in truth))
    candidates = [s for s in spans if in_vocab[s.end] - in_vocab[s.start] >= need]
    candidates.sort(key=lambda s: s.size)  # stable: inner elements first among equal spans
    for span in candidates:
        if overlap(tokens[span.start : span.end], truth) >= need:
            return span
    return None


# ---------------------------------------------------------------------------------------------
# Dump styles
# ---------------------------------------------------------------------------------------------


def tidy_bs4_text(text: str) -> str:
    """Strip trailing spaces and collapse each run of blank lines to one, as scrapers usually do."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def bs4_text(markup: str) -> str:
    """BeautifulSoup ``get_text("\\n")`` of `markup`, without script, style, noscript, template."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(REMOVED_TAGS):
        tag.decompose()
    return tidy_bs4_text(soup.get_text("\n"))


def add_noise(text: str, rng: random.Random) -> str:
    """Uneven indentation (in runs) and extra blank lines, as real dumps have; words untouched."""
    out: list[str] = []
    indent = ""
    for line in text.splitlines():
        if rng.random() < 0.3:
            indent = rng.choice(_INDENTS)
        out.append(indent + line.lstrip(" \t") if line.strip() else rng.choice(_BLANKS))
        if rng.random() < 0.12:
            out.extend(rng.choice(_BLANKS) for _ in range(rng.randint(1, 3)))
    return "\n".join(out)


def page_rng(seed: int, page_id: str) -> random.Random:
    """A generator seeded by the seed and the page id only, so every run writes the same dumps."""
    return random.Random(f"{seed}:{page_id}")


def to_crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def make_dumps(page: Page, html: str, seed: int) -> dict[str, str]:
    """Every base style's dump of one page (container styles empty if no container is found)."""
    import html_text
    from lxml import etree

    # extract_text's own parse and clean (scripts, styles, comments out), kept to find the container in
    tree = html_text.html_text._cleaned_html_tree(html_text.parse_html(html))
    dumps = {"page-htmltext": html_text.etree_to_text(tree), "page-bs4": bs4_text(html)}
    tokens, spans = token_spans(tree)
    container = smallest_container(tokens, spans, Counter(words(page.truth)))
    if container is None:
        dumps["container-htmltext"] = dumps["container-bs4"] = ""
        return dumps
    markup = etree.tostring(container.element, method="html", encoding="unicode", with_tail=False)
    rng = page_rng(seed, page.id)
    dumps["container-htmltext"] = add_noise(html_text.etree_to_text(container.element), rng)
    dumps["container-bs4"] = add_noise(bs4_text(markup), rng)
    return dumps


def with_crlf_styles(dumps: dict[str, str]) -> dict[str, str]:
    """The base dumps plus the CRLF variants (``<style>-crlf`` of each base style in STYLES)."""
    extra = {
        style: to_crlf(dumps[style.removesuffix(CRLF_SUFFIX)])
        for style in STYLES
        if style.endswith(CRLF_SUFFIX)
    }
    return dumps | extra


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def truth_entry(page: Page, kind: str) -> dict[str, Any]:
    return {
        "truth": page.truth,
        "page_type": page.page_type,
        "url": page.url,
        "kind": kind,
        "with": list(page.with_snippets),
        "without": list(page.without_snippets),
    }


def write_text(path: Path, text: str) -> None:
    """Write `text` as UTF-8 exactly (no newline translation, so CRLF stays CRLF)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


@dataclass
class Stats:
    pages: int = 0
    skipped: int = 0  # truth without words
    no_container: int = 0
    partial_truth: int = 0  # the page holds less than CONTAINER_SHARE of the truth's words
    dump_bytes: int = 0


def dump_dataset(dataset: Dataset, out: Path, styles: Sequence[str], seed: int) -> Stats:
    """Write the chosen styles of every page with a truth, and truth.json."""
    stats = Stats()
    truth: dict[str, dict[str, Any]] = {}
    folder = out / dataset.name
    for page in dataset.pages:
        if not words(page.truth):
            stats.skipped += 1
            continue
        html = page.read().decode("utf-8", errors="replace")
        dumps = with_crlf_styles(make_dumps(page, html, seed))
        stats.pages += 1
        stats.no_container += not dumps["container-htmltext"]
        stats.partial_truth += holds_little_truth(page.truth, dumps["page-htmltext"])
        for style in styles:
            write_text(folder / style / f"{page.id}.txt", dumps[style])
            stats.dump_bytes += len(dumps[style].encode("utf-8"))
        truth[page.id] = truth_entry(page, dataset.kind)
    write_text(folder / "truth.json", json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True))
    return stats


def holds_little_truth(truth: str, page_text: str) -> bool:
    """Whether the page's text holds less than CONTAINER_SHARE of the truth's words."""
    truth_words = Counter(words(truth))
    return overlap(words(page_text), truth_words) < CONTAINER_SHARE * sum(truth_words.values())


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def check_dependencies() -> None:
    try:
        import bs4  # noqa: F401
        import html_text  # noqa: F401
    except ImportError as exc:
        raise MissingDependency(
            f"{exc.name} is not installed: run `.venv/bin/pip install html-text beautifulsoup4`"
        ) from exc


def parse_styles(spec: str | None) -> list[str]:
    return list(STYLES) if spec is None else chosen_names(spec, STYLES, "style")


def check_out_folder(out: Path) -> None:
    if out.resolve().is_relative_to(ROOT):
        raise BenchmarkError(f"--out {out} is inside the repository; write dumps outside it")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make_textdumps.py",
        description="Write scraper-style text dumps of the shared benchmark pages (see the docstring).",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"default {DEFAULT_DATA}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default {DEFAULT_OUT}")
    parser.add_argument("--dataset", default="all", help="article-extraction, wcxb-dev or all (default)")
    parser.add_argument("--limit", type=_positive_int, help="N pages spread evenly over each dataset")
    parser.add_argument("--seed", type=int, default=0, help="noise seed (default 0)")
    parser.add_argument("--styles", help=f"comma-separated, from: {', '.join(STYLES)} (default all)")
    return parser.parse_args(argv)


def report(name: str, stats: Stats, seconds: float) -> str:
    return (
        f"{name}: {stats.pages} pages dumped ({stats.skipped} skipped: empty truth), "
        f"{stats.no_container} without a container, {stats.partial_truth} whose text holds "
        f"< {CONTAINER_SHARE:.0%} of the truth; {stats.dump_bytes / 1e6:.1f} MB in {seconds:.0f} s"
    )


def run(args: argparse.Namespace, progress: Callable[[str], None]) -> None:
    check_dependencies()
    check_out_folder(args.out)
    styles = parse_styles(args.styles)
    for dataset in select_datasets(args.dataset, args.data, args.limit):
        start = time.perf_counter()
        stats = dump_dataset(dataset, args.out, styles, args.seed)
        progress(report(dataset.name, stats, time.perf_counter() - start))
    progress(f"dumps written to {args.out}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run(args, lambda line: print(line, flush=True))
    except (BenchmarkError, MissingDependency) as exc:
        print(f"make_textdumps: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
