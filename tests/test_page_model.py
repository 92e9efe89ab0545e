"""Page mode's line model: numpy trees equal to lightgbm's, the shipped model, its inputs."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from cleantext.filters.page import PageBlocks, shipped_model, shipped_stage2
from cleantext.filters.page_features import (
    MODEL_NAMES,
    NAMES,
    NEIGHBOUR_OFFSETS,
    RUN_LENGTH,
    STACK_FAR,
    STACK_NAMES,
    model_matrix,
    stack_matrix,
)
from cleantext.filters.page_trees import Trees


def _rows(rng: np.random.Generator, n: int, width: int = 9) -> np.ndarray:
    """Feature rows shaped like page features: counts, shares, flags, and ties on split values."""
    x = rng.normal(size=(n, width))
    x[:, 1] = rng.integers(0, 4, n)          # small counts (separators)
    x[:, 2] = rng.integers(0, 2, n)          # flags (rule_hit)
    x[:, 3] = np.round(rng.random(n), 2)     # shares (stopword density)
    x[:, 4] = np.log1p(rng.integers(0, 60, n))  # log word counts
    return x


@pytest.mark.parametrize("seed", [0, 1])
def test_numpy_trees_equal_lightgbm(seed: int) -> None:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(seed)
    x = _rows(rng, 4000)
    y = ((x[:, 0] + x[:, 2] - 0.5 * x[:, 1] + x[:, 3] * x[:, 4] + rng.normal(size=len(x))) > 0.8).astype(float)
    params = {"objective": "binary", "num_leaves": 31, "learning_rate": 0.1, "min_data_in_leaf": 20,
              "deterministic": True, "seed": seed, "num_threads": 1, "verbose": -1}
    booster = lightgbm.train(params, lightgbm.Dataset(x, y), num_boost_round=60)
    trees = Trees.from_dump(booster.dump_model())
    test = _rows(np.random.default_rng(seed + 10), 3000)
    test[:7] = x[:7]  # rows on the training grid: values equal to split thresholds
    assert np.array_equal(trees.raw(test), booster.predict(test, raw_score=True))
    np.testing.assert_allclose(trees.probability(test), booster.predict(test), rtol=0, atol=1e-15)


def test_trees_round_trip_and_single_leaf(tmp_path) -> None:
    dump = {"tree_info": [
        {"tree_structure": {"leaf_value": 0.25}},
        {"tree_structure": {"split_feature": 1, "threshold": 2.0, "decision_type": "<=",
                            "left_child": {"leaf_value": -1.0},
                            "right_child": {"split_feature": 0, "threshold": 0.0, "decision_type": "<=",
                                            "left_child": {"leaf_value": 0.5}, "right_child": {"leaf_value": 1.5}}}},
    ]}
    trees = Trees.from_dump(dump, {"threshold": 0.4})
    x = np.array([[0.0, 2.0], [-1.0, 3.0], [1.0, 3.0]])
    assert trees.raw(x).tolist() == [-0.75, 0.75, 1.75]
    path = tmp_path / "m.npz"
    trees.save(path)
    again = Trees.load(path.read_bytes())
    assert again.meta == {"threshold": 0.4}
    assert np.array_equal(again.raw(x), trees.raw(x))
    assert trees.raw(np.zeros((0, 2))).shape == (0,)


def _random_tree(rng: np.random.Generator, leaves: int, width: int) -> dict:
    """A dumped tree of ``leaves`` leaves, shaped at random (some deep and lopsided), thresholds on a grid."""
    if leaves == 1:
        return {"leaf_value": float(rng.normal())}
    left = int(rng.integers(1, leaves))
    return {"split_feature": int(rng.integers(0, width)), "threshold": float(np.round(rng.normal(), 1)),
            "decision_type": "<=", "left_child": _random_tree(rng, left, width),
            "right_child": _random_tree(rng, leaves - left, width)}


@pytest.mark.parametrize("leaves", [1, 2, 7, 31, 32, 33, 64, 65])
def test_bit_vectors_equal_the_level_walk(leaves: int) -> None:
    """raw()'s QuickScorer evaluation gives the level-by-level walk's sums exactly (uint32 and uint64
    masks; more than 64 leaves falls back to the walk), in blocks or not, on ties with split values."""
    rng = np.random.default_rng(leaves)
    dump = {"tree_info": [{"tree_structure": _random_tree(rng, int(rng.integers(1, leaves + 1)), 6)}
                          for _ in range(20)] + [{"tree_structure": _random_tree(rng, leaves, 6)}]}
    trees = Trees.from_dump(dump)
    assert (trees._exits is None) == (leaves > 64)
    x = np.round(rng.normal(size=(700, 6)), 1)  # more rows than one block; many equal a threshold
    assert np.array_equal(trees.raw(x), trees._raw_by_levels(x))
    assert np.array_equal(trees.raw(x[:3]), trees._raw_by_levels(x[:3]))


def test_unsupported_split_is_refused() -> None:
    dump = {"tree_info": [{"tree_structure": {"split_feature": 0, "threshold": "1||2", "decision_type": "==",
                                              "left_child": {"leaf_value": 0}, "right_child": {"leaf_value": 1}}}]}
    with pytest.raises(ValueError):
        Trees.from_dump(dump)


def test_shipped_model_is_small_and_describes_itself() -> None:
    data = (resources.files("cleantext") / "page_data" / "line_model.npz").read_bytes()
    assert len(data) < 3_000_000
    model = shipped_model()
    assert model.meta["names"] == list(MODEL_NAMES)
    assert int(model.feature.max()) < len(MODEL_NAMES)
    assert 0.0 < model.meta["high_below"] <= model.meta["threshold"] < 1.0
    assert 0.0 <= model.meta.get("relative", 0.0) < 1.0
    assert set(model.meta["trained_on"]) == {"big9", "l3s_gn1", "scrapinghub", "wcxb_dev", "dragnet_train"}


_NO_LIGHTGBM = """
import sys
sys.modules["lightgbm"] = None  # importing it now fails: the run time must not need it
import numpy as np
from cleantext.filters.page import shipped_model
rng = np.random.default_rng(3)
x = rng.normal(size=(500, {width}))
print(repr(shipped_model().raw(x).tolist()))
from cleantext.filters.page import shipped_stage2
from cleantext.filters.page_features import STACK_NAMES
print(repr(shipped_stage2().raw(rng.normal(size=(500, len(STACK_NAMES)))).tolist()))
"""


def test_shipped_model_runs_without_lightgbm_and_is_deterministic() -> None:
    code = _NO_LIGHTGBM.format(width=len(MODEL_NAMES))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    rng = np.random.default_rng(3)
    here = shipped_model().raw(rng.normal(size=(500, len(MODEL_NAMES))))
    second = shipped_stage2().raw(rng.normal(size=(500, len(STACK_NAMES))))
    assert runs[0].strip().split("\n") == [repr(here.tolist()), repr(second.tolist())]
    assert len(set(np.round(here, 6))) > 10  # the model does not answer the same for every row


def test_model_matrix_reads_neighbours_and_runs() -> None:
    n = 25
    base = np.zeros((n, len(NAMES)))
    base[:, 0] = 1.0
    base[:, NAMES.index("log_words")] = np.arange(n)
    base[:, NAMES.index("rule_hit")] = (np.arange(n) < 5).astype(float)
    m = model_matrix(base)
    assert m.shape == (n, len(MODEL_NAMES))
    col = MODEL_NAMES.index
    for k in NEIGHBOUR_OFFSETS:
        got = m[:, col(f"log_words@{k:+d}")]
        for i in range(n):
            assert got[i] == (i + k if 0 <= i + k < n else -1.0)
    before = m[:, col(f"rule_hit@-{RUN_LENGTH}")]
    assert before[0] == -1.0 and before[1] == 1.0 and before[5] == 1.0 and before[15] == 0.0
    after = m[:, col(f"log_words@+{RUN_LENGTH}")]
    assert after[-1] == -1.0 and after[0] == np.mean(np.arange(1, RUN_LENGTH + 1))
    assert model_matrix(np.zeros((0, len(NAMES)))).shape == (0, len(MODEL_NAMES))


def test_confidence_follows_the_calibrated_cutoff() -> None:
    from cleantext.document import Document

    page = "\n".join(["Home", "Sport", "Weather", "Sign in",
                      "The council met on Tuesday and voted to repair the bridge before the winter, "
                      "after engineers found cracks in two of its supports last month.",
                      "Work will start in October and the bridge will stay open to pedestrians.",
                      "Privacy", "Terms", "Cookies"])
    blocks = PageBlocks()
    analysis = blocks.analyse(Document(page))
    removals = list(blocks(Document(page)))
    assert removals
    by_text = {line.text: p for line, p in zip(analysis.lines, analysis.probabilities)}
    for r in removals:
        assert r.confidence == ("high" if by_text[r.text] < blocks.high_below else "low")
        assert f"content probability {by_text[r.text]:.2f}" in r.reason


def test_the_threshold_follows_an_uncertain_page_down() -> None:
    from cleantext.filters.page import decide, page_threshold

    heading_like, words = [False] * 4, [12] * 4
    # A page the model is sure of: the threshold stays.
    assert decide([0.02, 0.95, 0.9, 0.01], 0.3, heading_like, words, relative=0.3) == [False, True, True, False]
    # A page type it does not know: its best lines (0.4, 0.35) stand out against the menu (0.02) and stay.
    assert page_threshold([0.02, 0.4, 0.35, 0.01], 0.3, 0.3) == 0.12
    assert decide([0.02, 0.4, 0.35, 0.01], 0.3, heading_like, words, relative=0.3) == [False, True, True, False]
    assert decide([0.02, 0.25, 0.2, 0.01], 0.3, heading_like, words) == [False, False, False, False]
    assert decide([0.02, 0.25, 0.2, 0.01], 0.3, heading_like, words, relative=0.3) == [False, True, True, False]


def test_page_blocks_read_the_relative_threshold_from_the_model() -> None:
    from cleantext.document import Document
    from cleantext.filters.page import page_threshold

    model = shipped_model()
    off = Trees(model.feature, model.threshold, model.left, model.right, model.leaf_value, model.depth,
                {**model.meta, "relative": 0.0})
    page = Document("Home\nProducts\nWeight: 2 kg\nColour: red\nAdd to cart\nContact")
    a, b = PageBlocks(model=off, stage2=shipped_stage2()).analyse(page), PageBlocks().analyse(page)
    assert a.threshold == model.meta["threshold"]
    assert b.threshold == page_threshold(b.probabilities, model.meta["threshold"], model.meta.get("relative", 0.0))
    assert np.array_equal(a.probabilities, b.probabilities)


def test_site_grouped_folds_never_split_a_site(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import page_train
    from benchmarks.page_rows import PageRows
    from cleantext.filters.page_features import NAMES

    def row(dataset: str, site: str, i: int) -> PageRows:
        base = np.zeros((2, len(NAMES)))
        return PageRows(dataset, site, f"{site}-{i}", "", ["a b c", "d e f"], np.array([3, 3]),
                        {True: base, False: base}, {True: np.array([False, False]), False: np.array([False, False])},
                        {True: None, False: None}, {True: ["a b c", "d e f"], False: ["a b c", "d e f"]},
                        np.array([1.0, 0.0]), "a b c")

    sites = [f"site{k}.example" for k in range(12)] + ["shared.example"]
    rows = {(d, s): [row(d, site, i) for site in sites for i in range(2)] for d in ("one", "two") for s in ("page_text",)}
    trained_on: list[set[str]] = []

    class Dummy:
        def __init__(self, train):
            trained_on.append({r.site for r in train})

        def probability(self, x):
            return np.full(len(x), 0.5)

    monkeypatch.setitem(page_train.LEARNERS, "dummy", Dummy)
    probs = page_train.heldout_probabilities(rows, "dummy", protocol="sites")
    folds = {page_train.fold_of(r, "sites") for rs in rows.values() for r in rs}
    assert len(trained_on) == len(folds) > 1
    for fold, seen in zip(sorted(folds), trained_on):
        held = {r.site for rs in rows.values() for r in rs if page_train.fold_of(r, "sites") == fold}
        assert held and not held & seen  # a site is on one side only, in every dataset
    assert all(len(p) == 2 for v in probs.values() for p in v)
    assert page_train.site_fold("shared.example") == page_train.site_fold("shared.example")
    trained_on.clear()
    rows["two", "page_text"] += [row("two", "only-two.example", i) for i in range(2)]
    page_train.heldout_probabilities(rows, "dummy", protocol="datasets")
    # leave one dataset out: "two"'s pages of the sites "one" has are held out with "one" (never split)
    assert trained_on == [{"only-two.example"}, set()]


def test_decision_rules_compared_held_out_keep_more_than_decide() -> None:
    from benchmarks import page_train

    p = np.array([0.9, 0.1, 0.1, 0.9, 0.2, 0.02])
    heading_like = np.array([True, True, True, True, True, True])
    words = np.array([3, 3, 3, 3, 3, 3])
    base = np.zeros((6, len(NAMES)))
    shipped = page_train.decide(p, 0.35, heading_like, words, page_train.RELATIVE)
    assert shipped[:4] == [True, False, False, True]
    for name, rule in page_train.DECISIONS.items():
        if rule is None:
            continue
        kept = rule(p, 0.35, heading_like, words, base)
        assert all(k or not s for k, s in zip(kept, shipped)), name  # a rule only ever adds lines
    bridged = page_train.DECISIONS["bridge gaps of <= 3 short lines between short lines (lists)"]
    assert bridged(p, 0.35, heading_like, words, base)[:4] == [True] * 4
    prose_flank = heading_like.copy()
    prose_flank[0] = False  # a paragraph above the gap: not inside a list
    assert bridged(p, 0.35, prose_flank, words, base)[1:3] == [False, False]
    grown = page_train.DECISIONS["grow kept runs over lines >= 0.5 x threshold"](p, 0.35, heading_like, words, base)
    assert grown[4] and not grown[5]  # 0.2 >= 0.5 x 0.315, 0.02 is not
    base[4, NAMES.index("rule_hit")] = 1.0  # a rule marks it: not grown over
    assert not page_train.DECISIONS["grow kept runs over lines >= 0.5 x threshold"](p, 0.35, heading_like, words, base)[4]


def test_shipped_stage2_is_small_and_describes_itself() -> None:
    data = (resources.files("cleantext") / "page_data" / "stack_model.npz").read_bytes()
    assert len(data) < 500_000
    stage2 = shipped_stage2()
    assert stage2 is not None and stage2.meta["names"] == list(STACK_NAMES)
    assert int(stage2.feature.max()) < len(STACK_NAMES)
    assert 0.0 < stage2.meta["blend"] <= 1.0
    assert 0.0 < stage2.meta["high_below"] <= stage2.meta["threshold"] < 1.0
    assert set(stage2.meta["trained_on"]) == set(shipped_model().meta["trained_on"])


def test_stage2_trees_equal_lightgbm_on_stage2_rows() -> None:
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(5)
    pages = []
    for _ in range(60):
        n = int(rng.integers(1, 80))
        p = np.round(rng.random(n), 2)  # ties with split values
        base = rng.normal(size=(n, len(NAMES)))
        pages.append((stack_matrix(p, base, rng.integers(0, 40, n)), (p + rng.normal(0, 0.3, n) > 0.5).astype(float)))
    x, y = np.vstack([m for m, _ in pages]), np.concatenate([t for _, t in pages])
    params = {"objective": "binary", "num_leaves": 15, "min_data_in_leaf": 20, "deterministic": True, "seed": 1,
              "num_threads": 1, "verbose": -1}
    booster = lightgbm.train(params, lightgbm.Dataset(x, y), num_boost_round=40)
    trees = Trees.from_dump(booster.dump_model())
    assert np.array_equal(trees.raw(x), booster.predict(x, raw_score=True))


def test_stack_matrix_reads_neighbours_distances_and_runs() -> None:
    p = np.array([0.1, 0.9, 0.85, 0.2, 0.6, 0.05])
    m = stack_matrix(p, np.zeros((6, len(NAMES))), [1, 10, 8, 2, 5, 1])
    col = STACK_NAMES.index
    assert m.shape == (6, len(STACK_NAMES))
    assert m[:, col("p@-1")].tolist() == [-1.0, 0.1, 0.9, 0.85, 0.2, 0.6]
    assert m[:, col("p@+3")].tolist() == [0.2, 0.6, 0.05, -1.0, -1.0, -1.0]
    assert m[:, col("dist_above@0.8")].tolist() == [STACK_FAR, STACK_FAR, 1, 1, 2, 3]
    assert m[:, col("dist_below@0.5")].tolist() == [1, 1, 2, 1, STACK_FAR, STACK_FAR]
    assert m[:, col("run_above@0.5")].tolist() == [0, 0, 1, 2, 0, 1]
    assert m[:, col("run_below@0.5")].tolist() == [2, 1, 0, 1, 0, 0]
    assert m[0, col("page_max")] == 0.9 and m[1, col("p_rank")] == 1.0
    assert m[:, col("p_max_before5")].tolist() == [-1.0, 0.1, 0.9, 0.9, 0.9, 0.9]
    assert m[0, col("words_below@0.8")] == 18 / 27
    assert stack_matrix([], np.zeros((0, len(NAMES))), []).shape == (0, len(STACK_NAMES))


def test_page_blocks_blend_the_two_stages() -> None:
    from cleantext.document import Document

    page = Document("Home\nNews\nThe council met on Tuesday and voted to repair the bridge before the winter.\n"
                    "Work will start in October.\nPrivacy\nTerms")
    stage2 = shipped_stage2()
    shipped, first_only = PageBlocks().analyse(page), PageBlocks(model=shipped_model()).analyse(page)
    second = stage2.probability(stack_matrix(first_only.probabilities, first_only.vectors,
                                             shipped.inputs.columns.words.tolist()))
    blend = stage2.meta["blend"]
    np.testing.assert_allclose(shipped.probabilities, (1 - blend) * first_only.probabilities + blend * second,
                               rtol=0, atol=1e-15)
