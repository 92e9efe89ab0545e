"""The shipped trees, evaluated by bit vectors, give the level-by-level walk's sums bit for bit: each line's
leaf in every tree, and the leaves' values added in tree order (as lightgbm adds them)."""

from __future__ import annotations

import numpy as np
import pytest

from cleantext.filters.page import shipped_model, shipped_stage2
from cleantext.filters.page_trees import BLOCK


@pytest.mark.parametrize("stage", [shipped_model, shipped_stage2])
@pytest.mark.parametrize("n", [1, 34, BLOCK + 3])
def test_shipped_trees_equal_the_level_walk(stage, n: int) -> None:
    trees = stage()
    rng = np.random.default_rng(n)
    width = int(trees.feature.max()) + 1
    x = rng.normal(size=(n, width))
    x[:, ::2] = np.round(x[:, ::2], 1)  # ties with split values
    assert np.array_equal(trees.raw(x), trees._raw_by_levels(x))


def test_missing_and_infinite_values_read_as_zero_and_as_huge() -> None:
    trees = shipped_model()
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, int(trees.feature.max()) + 1))
    x[3, 5], x[7, :], x[9, 2] = np.nan, np.inf, -np.inf
    want = np.nan_to_num(x, nan=0.0, posinf=1e300, neginf=-1e300)
    assert np.array_equal(trees.raw(x), trees.raw(want))
    assert np.array_equal(trees.raw(want), trees._raw_by_levels(want))
