"""The block scorer: its shipped model, its verdicts on a page, and the reasons it gives."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.pipeline import html_evidence
from cleaner.scorer import (
    _COMPILE_AFTER_BLOCKS,
    _PAGE_FEATURES,
    FEATURES,
    Model,
    _compiled,
    _Explainer,
    _Page,
    block_features,
    judge_blocks,
    shipped_model,
)

_CATEGORIES = "shoes bags hats coats shirts socks belts gloves scarves boots".split()
_MODELS = "Alder Birch Cedar Dogwood Elm Fir Hazel Juniper Larch Maple Oak Pine".split()
NAV = "".join(f'<li><a href="/c{i}">Category {word}</a></li>' for i, word in enumerate(_CATEGORIES))
CARDS = "".join(
    f'<div class="product-card"><a href="/p{i}"><h3>Walking boot model {name}</h3>'
    "<p>Waterproof leather upper with a cushioned sole, made for long days on rough trails.</p></a>"
    f'<span class="price">${40 + i}.99</span></div>'
    for i, name in enumerate(_MODELS)
)
FOOTER = " ".join(f'<a href="/f{i}">Footer link {i}</a>' for i in range(20))
LISTING = f"""<html><head><title>Boots | Shop</title></head><body>
<header><nav><ul>{NAV}</ul></nav></header>
<main><h1>Walking boots</h1><div class="grid">{CARDS}</div></main>
<footer><p>{FOOTER}</p><p>Sign up for our newsletter to get 10% off your first order.</p></footer>
</body></html>"""


def judged_listing() -> dict[str, tuple[bool, str]]:
    evidence = html_evidence(LISTING, None)
    assert evidence is not None
    blocks = judge_blocks(evidence.blocks, evidence.layout, 0.1, frozenset())
    return {block.text: (bool(block.in_main_content), block.scored) for block in blocks}


def test_the_scorer_keeps_the_cards_and_drops_the_menu_and_the_footer() -> None:
    verdicts = judged_listing()
    assert verdicts["Walking boot model Cedar"][0]
    assert verdicts["$44.99"][0]
    assert not verdicts["Category hats"][0]
    assert not verdicts["Sign up for our newsletter to get 10% off your first order."][0]


def test_a_block_left_out_names_the_features_that_decided_it() -> None:
    kept, reason = judged_listing()["Category hats"]
    assert not kept
    assert reason.startswith("p(main) 0.")
    named = reason.split("most against: ")[1].split(", ")
    assert len(named) == 3
    assert all(any(entry.startswith(feature) for feature in FEATURES) for entry in named)
    page_level = ("share of", "page declares", "prose words kept")  # the same for every block
    assert not any(entry.startswith(page_level) for entry in named)


def test_credits_along_the_paths_add_up_to_the_score() -> None:
    model = shipped_model()
    evidence = html_evidence(LISTING, None)
    assert evidence is not None
    for row in block_features(evidence.blocks, evidence.layout, 0.1, frozenset())[:15]:
        roots = sum(tree[0][4] for tree in model.trees)
        score = model.baseline + roots + sum(model.credits(row).values())
        assert 1 / (1 + math.exp(-score)) == pytest.approx(model.probability(row))


def test_the_shipped_model_is_small_and_speaks_of_the_current_features() -> None:
    size = len(resources.files("cleaner").joinpath("scorer_model.json").read_bytes())
    assert size < 5_000_000
    assert shipped_model().features == FEATURES
    assert 0 < shipped_model().threshold < 1


def test_a_model_trained_on_other_features_is_refused() -> None:
    evidence = html_evidence(LISTING, None)
    assert evidence is not None
    stale = Model(features=("log words",), baseline=0.0, threshold=0.5, trees=(((-1, 0.0, 0, 0, 1.0),),))
    with pytest.raises(ValueError, match="train_scorer"):
        judge_blocks(evidence.blocks, evidence.layout, 0.1, frozenset(), stale)


def test_a_tiny_model_scores_by_its_splits() -> None:
    # One tree: a block whose link density is at most 0.5 goes left (main content), others right.
    tree = ((1, 0.5, 1, 2, 0.0), (-1, 0.0, 0, 0, 2.0), (-1, 0.0, 0, 0, -2.0))
    model = Model(features=FEATURES, baseline=0.0, threshold=0.5, trees=(tree,))
    row = [0.0] * len(FEATURES)
    assert model.probability(row) == pytest.approx(1 / (1 + math.exp(-2)))
    row[1] = 0.9
    assert model.probability(row) == pytest.approx(1 / (1 + math.exp(2)))
    assert model.credits(row) == {1: -2.0}
    assert model.reason(model.probability(row), row) == "p(main) 0.12 < 0.50, most against: link density 0.9"


def test_clean_hands_a_page_trafilatura_barely_kept_to_the_scorer() -> None:
    page = (Path(__file__).parent.parent / "golden" / "service-scorer-en" / "input.html").read_bytes()
    doc = clean(page)
    assert dict(doc.sources)["text"].startswith("cleaner's block scorer (trafilatura's fast run kept ")
    scored = [removal for removal in doc.removed if removal.filter == "not_main_content"]
    assert scored and all("most against: " in removal.reason for removal in scored)
    assert "7 Cups connects you to caring listeners for free emotional support." in doc.text


def _walked_score(model: Model, row: Sequence[float]) -> float:
    """The score by walking each tree's node tuples: what the compiled trees must equal."""
    score = model.baseline
    for tree in model.trees:
        node = tree[0]
        while node[0] >= 0:
            node = tree[node[2] if row[node[0]] <= node[1] else node[3]]
        score += node[4]
    return score


def test_the_compiled_trees_score_exactly_as_walking_them() -> None:
    model = shipped_model()
    thresholds = sorted({node[1] for tree in model.trees for node in tree if node[0] >= 0})
    rng = random.Random(7)
    for _ in range(300):  # values at, just under and just over the split thresholds
        row = [rng.choice(thresholds) + rng.choice((-1e-9, 0.0, 1e-9)) for _ in model.features]
        assert model.probability(row) == 1 / (1 + math.exp(-_walked_score(model, row)))
        roots = sum(tree[0][4] for tree in model.trees)
        assert model.baseline + roots + sum(model.credits(row).values()) == pytest.approx(
            _walked_score(model, row)
        )


def test_walking_the_trees_answers_as_the_compiled_trees_to_the_last_bit() -> None:
    """A process walks the trees for its first blocks, then compiles them: a block's score and
    credits must not depend on which of the two judged it."""
    model = shipped_model()
    page_level = frozenset(f for f, name in enumerate(FEATURES) if name in _PAGE_FEATURES)
    walking = _Explainer(model.trees, model.baseline, page_level)
    compiled = _compiled(model.trees, model.baseline, page_level)
    thresholds = sorted({node[1] for tree in model.trees for node in tree if node[0] >= 0})
    rng = random.Random(11)
    for _ in range(300):
        row = [rng.choice(thresholds) + rng.choice((-1e-9, 0.0, 1e-9)) for _ in model.features]
        walked = walking(row)
        assert walked == compiled(row)
        assert walked[0] == _walked_score(model, row)
        assert any(walked[1]) and not any(walked[1][f] for f in page_level)
    assert walking.compiled is None and walking.walked == 300
    walking.walked = _COMPILE_AFTER_BLOCKS  # from the next block on, the compiled trees answer
    assert walking(row) == walked and walking.compiled is not None


def test_a_reason_names_the_features_with_the_most_negative_credits() -> None:
    # The compiled walk keeps credits only for block-level features: it must name the same ones
    # as the credits of the walked paths.
    model = shipped_model()
    evidence = html_evidence(LISTING, None)
    assert evidence is not None
    left_out = 0
    for row in block_features(evidence.blocks, evidence.layout, 0.1, frozenset()):
        kept, reason = model.judged(row)
        if kept:
            continue
        left_out += 1
        credit = model.credits(row)
        against = sorted(
            (f for f in credit if credit[f] < 0 and FEATURES[f] not in _PAGE_FEATURES),
            key=credit.__getitem__,
        )
        named = reason.split("most against: ")[1].split(", ")
        assert len(named) == len(against[:3])
        for entry, feature in zip(named, against, strict=False):
            assert entry.startswith(FEATURES[feature].removeprefix("log "))
    assert left_out


def test_node_word_sums_equal_the_sums_over_each_nodes_blocks() -> None:
    """_Page sums a node's words from running totals: the same as summing its blocks."""
    evidence = html_evidence(LISTING, None)
    assert evidence is not None
    blocks, layout = evidence.blocks, evidence.layout
    page = _Page.of(blocks, layout, 0.1, frozenset())
    assert page.all_words == {n: sum(page.words[p] for p in ps) for n, ps in layout.under.items()}
    assert page.prose_words == {
        n: sum(page.words[p] for p in ps if page.prose[p]) for n, ps in layout.under.items()
    }
    assert any(page.prose_words.values())
