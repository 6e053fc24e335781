"""cleaner's own block scorer: the main content of pages where trafilatura's fast run found little.

When trafilatura's fast extraction keeps under a fifth of a page's text, it usually missed the
main content (a listing, a product, a thread, a service page). Its full run with fallbacks
costs about as much as the rest of the pipeline together, so instead a small model of boosted
decision trees judges every block from what the DOM and the text show: length, links, sentence
shape, tag, landmarks and class names, its neighbours, the densest prose container, and what the
fast run and the structure rules kept.

The model is trained by `scripts/train_scorer.py` on the shared dev pages and ships as
`scorer_model.json`. Each verdict names the features that decided it: the change in score along
a tree's path is credited to the feature each split tests, and the largest credits are the reason.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any

from cleaner.blocks import Block
from cleaner.structure import (
    COMMENTS,
    ONE_TEXT_TYPES,
    THREAD_TYPES,
    Layout,
    Tree,
    names_boilerplate,
)

# Below this share of the page's visible characters kept by trafilatura's fast run, the scorer
# judges the page instead (or trafilatura's full run, on a declared article or product).
# Measured on WCXB dev at 0.2: 14% of pages, where the fast run scores 0.58 word F1 and the
# scorer 0.69 (trafilatura's full run 0.69, at several times the cost). From 0.2 to 0.3, on the
# 34 WCXB pages the scorer gains, the fast run scores 0.617 and the scorer 0.667 with models
# that did not train on the page (two folds of pages, as scripts/train_scorer.py --folds 2);
# the full run gains 3 declared articles and products by 0.19 to 0.46.
SCORE_BELOW_KEPT_SHARE = 0.3
_NEIGHBOURS = 2  # blocks on each side whose prose and links describe a block's surroundings
_OTHER_WORDS_COST = 0.3  # per non-prose word, when finding the densest prose container
_REASON_FEATURES = 3
# Features with one value for every block of a page: true, but they do not tell why this block.
_PAGE_FEATURES = frozenset(
    (
        "share of blocks kept",
        "share of text kept",
        "page declares one text",
        "page declares a thread",
        "log prose words kept",
    )
)

FEATURES: tuple[str, ...] = (
    "log words",
    "link density",
    "link density x log words",
    "sentence-like",
    "prose",
    "heading",
    "list item",
    "table row",
    "code",
    "quote",
    "h1",
    "hidden",
    "in furniture",
    "boilerplate class",
    "comment class",
    "in main or article",
    "position",
    "before h1",
    "after h1",
    "prose around",
    "links around",
    "in densest prose container",
    "prose share of parent",
    "prose share of grandparent",
    "parent's share of page prose",
    "grandparent's share of page prose",
    "repeated on page",
    "share of page words",
    "densest container x prose",
    "densest container x heading",
    "densest container x link density",
    "kept by trafilatura",
    "kept by a structure rule",
    "kept x link density",
    "kept x prose",
    "kept around",
    "share of blocks kept",
    "share of text kept",
    "page declares one text",
    "page declares a thread",
    "comment class x declares one text",
    "log prose words kept",
)


@dataclass(frozen=True, slots=True)
class _Page:
    """Per-page facts every block's features draw on."""

    tree: Tree
    prose: list[bool]
    link_densities: list[float]  # per block, read for its neighbours too
    kept: list[float]  # per block: 1.0 if the fast run or a structure rule kept it
    comment_hints: frozenset[str]  # the blocks' hints that name a comment
    words: list[int]  # visible words per block
    prose_words: dict[int, int]  # per node
    all_words: dict[int, int]  # per node
    total_prose: int
    densest: frozenset[int]  # positions inside the densest prose container
    main_nodes: frozenset[int]
    h1: int | None
    repeated: frozenset[str]
    kept_blocks: float
    kept_text: float
    one_text: float  # the page declares one text (an article, a product)
    thread: float  # the page declares a discussion
    log_prose_kept: float

    @classmethod
    def of(cls, blocks: Sequence[Block], layout: Layout, kept_text: float, types: frozenset[str]) -> _Page:
        tree = Tree.of(blocks, layout)
        prose = [not b.hidden and b.prose and b.link_density < 0.3 for b in blocks]
        words = [0 if b.hidden else b.word_count for b in blocks]
        # Each node's blocks are a run of positions: its sums are differences of running totals.
        all_before = [0, *accumulate(words)]
        prose_before = [0, *accumulate(w if p else 0 for w, p in zip(words, prose, strict=True))]
        under = layout.under.items()
        prose_words = {n: prose_before[ps.stop] - prose_before[ps.start] for n, ps in under}
        all_words = {n: all_before[ps.stop] - all_before[ps.start] for n, ps in under}
        densest = max(  # only among nodes holding prose: on a page without any there is none
            (n for n in prose_words if prose_words[n]),
            key=lambda n: prose_words[n] - _OTHER_WORDS_COST * (all_words[n] - prose_words[n]),
            default=None,
        )
        counts = Counter(b.text for b in blocks)
        return cls(
            tree=tree,
            prose=prose,
            link_densities=[b.link_density for b in blocks],
            kept=[float(bool(b.in_main_content)) for b in blocks],
            comment_hints=frozenset(hints for hints in {b.hints for b in blocks} if COMMENTS.search(hints)),
            words=words,
            prose_words=prose_words,
            all_words=all_words,
            total_prose=sum(w for w, p in zip(words, prose, strict=True) if p) or 1,
            densest=frozenset(layout.under.get(densest, ())) if densest is not None else frozenset(),
            main_nodes=frozenset(
                n
                for n, node in enumerate(layout.nodes)
                if node.tag in ("main", "article") or node.role in ("main", "article")
            ),
            h1=next((p for p, b in enumerate(blocks) if b.tag == "h1" and not b.hidden), None),
            repeated=frozenset(text for text, count in counts.items() if count > 1),
            kept_blocks=sum(bool(b.in_main_content) for b in blocks) / (len(blocks) or 1),
            kept_text=kept_text,
            one_text=float(bool(types & ONE_TEXT_TYPES)),
            thread=float(bool(types & THREAD_TYPES)),
            log_prose_kept=math.log1p(
                sum(w for w, p, b in zip(words, prose, blocks, strict=True) if p and b.in_main_content)
            ),
        )

    def prose_share(self, node: int) -> float:
        total = self.all_words.get(node, 0)
        return self.prose_words.get(node, 0) / total if total else 0.0


def block_features(
    blocks: Sequence[Block], layout: Layout, kept_text: float, types: frozenset[str]
) -> list[list[float]]:
    """One row of FEATURES per block. `kept_text` is the share of the page's visible characters
    that trafilatura's fast run kept; `types` are the page's declared types (JSON-LD, og:type)."""
    page = _Page.of(blocks, layout, kept_text, types)
    return [_features(page, blocks, position) for position in range(len(blocks))]


def _features(page: _Page, blocks: Sequence[Block], position: int) -> list[float]:
    block = blocks[position]
    start, stop = max(position - _NEIGHBOURS, 0), min(position + _NEIGHBOURS + 1, len(blocks))
    around = [p for p in range(start, stop) if p != position]
    parent = block.ancestors[-1] if block.ancestors else -1
    grandparent = block.ancestors[-2] if len(block.ancestors) > 1 else -1
    log_words = math.log1p(block.word_count)
    link_densities = page.link_densities
    link_density = link_densities[position]
    prose = float(page.prose[position])
    densest = float(position in page.densest)
    kept = page.kept[position]
    heading = float(block.kind == "heading")
    comment = float(block.hints in page.comment_hints)
    h1 = page.h1
    return [
        log_words,
        link_density,
        link_density * log_words,
        float(block.sentence_like),
        prose,
        heading,
        float(block.kind == "list_item"),
        float(block.kind == "table_row"),
        float(block.kind == "code"),
        float(block.kind == "quote"),
        float(block.tag == "h1"),
        float(block.hidden),
        float(page.tree.in_furniture(parent)),
        float(names_boilerplate(block.hints)),
        comment,
        float(not page.main_nodes.isdisjoint(block.ancestors)),
        position / max(len(blocks) - 1, 1),
        float(h1 is not None and position < h1),
        float(h1 is not None and position >= h1),
        _mean([float(page.prose[p]) for p in around]),
        _mean([link_densities[p] for p in around]),
        densest,
        page.prose_share(parent),
        page.prose_share(grandparent),
        page.prose_words.get(parent, 0) / page.total_prose,
        page.prose_words.get(grandparent, 0) / page.total_prose,
        float(block.text in page.repeated),
        page.words[position] / page.tree.visible_words,
        densest * prose,
        densest * heading,
        densest * link_density,
        kept,
        float(bool(block.rescued)),
        kept * link_density,
        kept * prose,
        _mean([page.kept[p] for p in around]),
        page.kept_blocks,
        page.kept_text,
        page.one_text,
        page.thread,
        page.one_text * comment,
        page.log_prose_kept,
    ]


def _mean(items: Sequence[float]) -> float:
    return sum(items) / len(items) if items else 0.0


# A tree node: (feature, threshold, left, right, value); a leaf has feature -1. Rows with
# feature <= threshold go left. `value` is the node's score, so that the change from a node to
# the child a block goes to can be credited to the node's feature.
_Node = tuple[int, float, int, int, float]


@dataclass(frozen=True, slots=True)
class Model:
    """Boosted trees over FEATURES: the score is the baseline plus one leaf value per tree."""

    features: tuple[str, ...]
    baseline: float
    threshold: float  # probability at or above which a block is main content
    trees: tuple[tuple[_Node, ...], ...]
    # Each block's score and credits: the trees walked, then compiled (see _Explainer).
    _explained: _Explainer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        page_level = frozenset(f for f, name in enumerate(self.features) if name in _PAGE_FEATURES)
        object.__setattr__(self, "_explained", _Explainer(self.trees, self.baseline, page_level))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(
            features=tuple(data["features"]),
            baseline=float(data["baseline"]),
            threshold=float(data["threshold"]),
            trees=tuple(
                tuple((int(f), float(t), int(left), int(right), float(v)) for f, t, left, right, v in tree)
                for tree in data["trees"]
            ),
        )

    def probability(self, row: Sequence[float]) -> float:
        """The probability that a block with these features is main content."""
        return _probability(self._explained(row)[0])

    def credits(self, row: Sequence[float]) -> dict[int, float]:
        """Each feature's share of the score (log-odds): the changes along each tree's path.
        Walks the node tuples: the compiled walk leaves out the page-level features."""
        credit: dict[int, float] = {}
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                child = tree[node[2] if row[node[0]] <= node[1] else node[3]]
                credit[node[0]] = credit.get(node[0], 0.0) + child[4] - node[4]
                node = child
        return {feature: value for feature, value in sorted(credit.items()) if value}

    def reason(self, probability: float, row: Sequence[float]) -> str:
        """The verdict; for a block left out, with its own features that pushed it out most."""
        if probability >= self.threshold:
            return self._kept(probability)
        return self._left_out(probability, row, self._explained(row)[1])

    def judged(self, row: Sequence[float]) -> tuple[bool, str]:
        """Whether a block with these features is main content, and the reason (as `reason`)."""
        score, credit = self._explained(row)
        probability = _probability(score)
        if probability >= self.threshold:
            return True, self._kept(probability)
        return False, self._left_out(probability, row, credit)

    def _kept(self, probability: float) -> str:
        return f"p(main) {probability:.2f} >= {self.threshold:.2f}"

    def _left_out(self, probability: float, row: Sequence[float], credit: Sequence[float]) -> str:
        against = sorted(
            (f for f, value in enumerate(credit) if value < 0 and self.features[f] not in _PAGE_FEATURES),
            key=credit.__getitem__,
        )
        named = ", ".join(_shown(self.features[f], row[f]) for f in against[:_REASON_FEATURES])
        return f"p(main) {probability:.2f} < {self.threshold:.2f}, most against: {named}"


def _probability(score: float) -> float:
    return 1 / (1 + math.exp(-score))


Explained = tuple[float, tuple[float, ...]]  # a block's score, and each feature's credit
# Compiling the trees takes 0.1 s, once per process, and then saves 36 us a block over walking
# them (measured on WCXB dev blocks: 18 and 54 us): a process walks its first blocks, and
# compiles once walking them has cost about as much as compiling (so a one-page run never does).
_COMPILE_AFTER_BLOCKS = 3000


@dataclass(slots=True)
class _Explainer:
    """A block's score and credits: by walking the trees' node tuples for a process's first
    _COMPILE_AFTER_BLOCKS blocks, then by the trees compiled to Python (_compiled). Both add the
    same numbers in the same order, so their answers are equal to the last bit. The
    `page_level` features get no credit (0.0): no reason names them, and they take 2 in 5 of
    the splits."""

    trees: Sequence[Sequence[_Node]]
    baseline: float
    page_level: frozenset[int]
    width: int = field(init=False)  # features up to the last one a split tests
    walked: int = 0
    compiled: Callable[[Sequence[float]], Explained] | None = None

    def __post_init__(self) -> None:
        self.width = 1 + max((node[0] for tree in self.trees for node in tree), default=-1)

    def __call__(self, row: Sequence[float]) -> Explained:
        if self.compiled is None:
            if self.walked < _COMPILE_AFTER_BLOCKS:
                self.walked += 1
                return _walked(self.trees, self.baseline, self.page_level, self.width, row)
            self.compiled = _compiled(self.trees, self.baseline, self.page_level)
        return self.compiled(row)


def _walked(
    trees: Sequence[Sequence[_Node]],
    baseline: float,
    page_level: frozenset[int],
    width: int,
    row: Sequence[float],
) -> Explained:
    """What _compiled's function answers, by walking each tree's node tuples."""
    score = baseline
    credit = [0.0] * width
    for tree in trees:
        node = tree[0]
        while node[0] >= 0:
            feature = node[0]
            child = tree[node[2] if row[feature] <= node[1] else node[3]]
            if feature not in page_level:
                credit[feature] = credit[feature] + child[4] - node[4]
            node = child
        score += node[4]
    return score, tuple(credit)


def _compiled(
    trees: Sequence[Sequence[_Node]], baseline: float, page_level: frozenset[int]
) -> Callable[[Sequence[float]], Explained]:
    """The trees as one Python function of a block's features: its score, with each feature's
    credit along the block's paths (a tuple indexed by feature), from one walk.
    Nested ifs run three times faster than walking node tuples in a loop, and the scorer walks
    100 trees for every block of the pages it judges (measured: judge_blocks was 15% of clean()'s
    CPU time on WCXB pages, most of it here). Features and credits live in local variables,
    which Python reads and writes faster than the items of a list."""
    used = sorted({node[0] for tree in trees for node in tree if node[0] >= 0})
    credited = frozenset(used) - page_level
    load = [f"    r{feature} = r[{feature}]" for feature in used]
    zero = ["    " + "".join(f"c{feature} = " for feature in sorted(credited)) + "0.0"] if credited else []
    explained = ["def explained(r):", *load, *zero, f"    s = {baseline!r}"]
    for tree in trees:
        explained += _tree_code(tree, 0, 1, credited=credited)
    width = 1 + max(used, default=-1)
    credit = "".join(f"c{feature}, " if feature in credited else "0.0, " for feature in range(width))
    source = "\n".join([*explained, f"    return s, ({credit})"])
    namespace: dict[str, Any] = {"inf": math.inf}  # what repr() writes for an infinite threshold
    exec(compile(source, "<scorer trees>", "exec"), namespace)
    function: Callable[[Sequence[float]], Explained] = namespace["explained"]
    return function


def _tree_code(tree: Sequence[_Node], index: int, depth: int, *, credited: frozenset[int]) -> list[str]:
    """Lines of code for the subtree at `index`: its leaf adds its value to the score `s`, and
    each split taken on a `credited` feature adds the change in value to the feature's credit."""
    feature, threshold, left, right, value = tree[index]
    pad = "    " * depth
    if feature < 0:
        return [f"{pad}s += {value!r}"]
    lines = [f"{pad}if r{feature} <= {threshold!r}:"]
    for child, keyword in ((left, None), (right, "else:")):
        if keyword:
            lines.append(pad + keyword)
        if feature in credited:
            lines.append(f"{pad}    c{feature} = c{feature} + {tree[child][4]!r} - {value!r}")
        lines += _tree_code(tree, child, depth + 1, credited=credited)
    return lines


def _shown(feature: str, value: float) -> str:
    if feature.startswith("log "):  # a count the model sees on a log scale
        return f"{feature.removeprefix('log ')} {math.expm1(value):.0f}"
    return f"{feature} {value:.2g}"


@cache
def shipped_model() -> Model:
    """The model scripts/train_scorer.py wrote into the package."""
    text = resources.files("cleaner").joinpath("scorer_model.json").read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def judge_blocks(
    blocks: Sequence[Block],
    layout: Layout,
    kept_text: float,
    types: frozenset[str],
    model: Model | None = None,
) -> list[Block]:
    """Every block judged by the scorer, with its reason in `Block.scored`; structure rules'
    rescues give way, since the scorer weighs them as features."""
    model = model or shipped_model()
    if model.features != FEATURES:
        raise ValueError("the scorer model was trained on other features: rerun scripts/train_scorer.py")
    remarks = layout.remarks
    judged = []
    for position, (block, row) in enumerate(
        zip(blocks, block_features(blocks, layout, kept_text, types), strict=True)
    ):
        if position in remarks:
            judged.append(block.scored_as(False, remarks[position]))
            continue
        judged.append(block.scored_as(*model.judged(row)))
    return judged
