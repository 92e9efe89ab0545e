"""The line model's input matrices equal, bit for bit, the column-by-column code the shipped trees were
trained with (kept below as the reference): a float summed in another order can move a line across a
split, or across the threshold."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.filters.page_features import (
    _ENDS_SENTENCE,
    _LOG_WORDS,
    _NEIGHBOUR_COLUMNS,
    _RUN_COLUMNS,
    _STACK_OFFSETS,
    _STACK_RAW_COLUMNS,
    _STACK_REACHES,
    _STOPWORDS,
    MIN_PROSE_WORDS,
    NAMES,
    NEIGHBOUR_KEYS,
    NEIGHBOUR_OFFSETS,
    RUN_KEYS,
    RUN_LENGTH,
    STACK_FAR,
    STACK_LEVELS,
    model_matrix,
    stack_matrix,
)


def _reference_model_matrix(x: np.ndarray) -> np.ndarray:
    n = x.shape[0]
    reach = max(map(abs, NEIGHBOUR_OFFSETS))
    near = np.full((n + 2 * reach, len(NEIGHBOUR_KEYS)), -1.0)
    near[reach : reach + n] = x[:, _NEIGHBOUR_COLUMNS]
    cols = [x[:, 1:], *(near[reach + k : reach + k + n] for k in NEIGHBOUR_OFFSETS)]
    sums = np.vstack([np.zeros((1, len(RUN_KEYS))), np.cumsum(x[:, _RUN_COLUMNS], axis=0)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - RUN_LENGTH, 0), np.minimum(idx + RUN_LENGTH + 1, n)
    before_n, after_n = (idx - lo)[:, None], (hi - idx - 1)[:, None]
    before = (sums[idx] - sums[lo]) / np.maximum(before_n, 1)
    after = (sums[hi] - sums[idx + 1]) / np.maximum(after_n, 1)
    cols += [np.where(before_n > 0, before, -1.0), np.where(after_n > 0, after, -1.0)]
    words = np.expm1(x[:, _LOG_WORDS])
    prose = (x[:, _ENDS_SENTENCE] > 0) & (words >= MIN_PROSE_WORDS)
    page = [math.log1p(n), math.log1p(float(words.sum())), float(prose.mean()) if n else 0.0]
    cols.append(np.tile(np.array(page), (n, 1)))
    cols.append(_reference_relative(x, words, prose))
    return np.hstack(cols)


def _reference_relative(x: np.ndarray, words: np.ndarray, prose: np.ndarray) -> np.ndarray:
    n = x.shape[0]
    if n == 0:
        return np.zeros((0, 5))
    log_words, stop = x[:, _LOG_WORDS], x[:, _STOPWORDS]
    total = max(float(words.sum()), 1.0)
    ranks = np.empty(n)
    ranks[np.argsort(words, kind="stable")] = np.arange(n) / max(n - 1, 1)
    prose_words = np.where(prose, words, 0.0)
    before = (np.cumsum(prose_words) - prose_words) / max(float(prose_words.sum()), 1.0)
    at = np.flatnonzero(prose)
    if len(at):
        pos = np.searchsorted(at, np.arange(n))
        dist = np.minimum(np.abs(np.arange(n) - at[np.clip(pos, 0, len(at) - 1)]),
                          np.abs(np.arange(n) - at[np.clip(pos - 1, 0, len(at) - 1)]))
    else:
        dist = np.full(n, n)
    return np.column_stack([
        log_words - log_words.mean(), stop - float((stop * words).sum()) / total, ranks, before, np.log1p(dist),
    ])


def _reference_stack_matrix(p: np.ndarray, x: np.ndarray, words: np.ndarray) -> np.ndarray:
    n = len(p)
    idx = np.arange(n)
    pad = np.concatenate([np.full(STACK_FAR, -1.0), p, np.full(STACK_FAR, -1.0)])
    cols = [p, *(pad[STACK_FAR + k : STACK_FAR + k + n] for k in _STACK_OFFSETS)]
    sums = np.concatenate([[0.0], np.cumsum(p)])
    for reach in _STACK_REACHES:
        lo, hi = np.maximum(idx - reach, 0), np.minimum(idx + reach + 1, n)
        cols.append(np.where(idx > lo, (sums[idx] - sums[lo]) / np.maximum(idx - lo, 1), -1.0))
        cols.append(np.where(hi > idx + 1, (sums[hi] - sums[idx + 1]) / np.maximum(hi - idx - 1, 1), -1.0))
        windows = np.lib.stride_tricks.sliding_window_view(pad, reach)
        cols.append(windows[STACK_FAR - reach + idx].max(axis=1))
        cols.append(windows[STACK_FAR + 1 + idx].max(axis=1))
    top = float(p.max())
    total = max(float(words.sum()), 1.0)
    ranks = np.searchsorted(np.sort(p), p, side="right") / n
    cols += [np.full(n, top), np.full(n, float(p.mean())), np.full(n, float((p * words).sum()) / total),
             p / max(top, 1e-9), ranks, np.full(n, np.log1p(n))]
    far = 10**9
    for level in STACK_LEVELS:
        hit = p >= level
        last = np.maximum.accumulate(np.where(hit, idx, -far))
        above = np.concatenate([[-far], last[:-1]])
        nxt = np.minimum.accumulate(np.where(hit, idx, far)[::-1])[::-1]
        below = np.concatenate([nxt[1:], [far]])
        cols += [np.minimum(idx - above, STACK_FAR), np.minimum(below - idx, STACK_FAR)]
        hw = np.cumsum(words * hit)
        cols += [(hw - words * hit) / total, (hw[-1] - hw) / total]
        ending = idx - np.maximum.accumulate(np.where(hit, -1, idx))
        starting = np.minimum.accumulate(np.where(hit, n, idx)[::-1])[::-1] - idx
        run_above = np.concatenate([[0], ending[:-1]])
        run_below = np.concatenate([starting[1:], [0]])
        cols += [np.minimum(run_above, STACK_FAR), np.minimum(run_below, STACK_FAR)]
    cols += [x[:, _STACK_RAW_COLUMNS]]
    return np.column_stack(cols).astype(np.float64)


def _page(seed: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`vectors`-like rows of a page of ``n`` lines, their word counts and first-stage probabilities
    (on a grid: ties with the levels and with each other)."""
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 80, n) * (rng.random(n) < 0.9)
    x = rng.random((n, len(NAMES)))
    x[:, 0] = 1.0
    x[:, _LOG_WORDS] = np.log1p(words)
    x[:, _ENDS_SENTENCE] = rng.random(n) < 0.5
    x[:, NAMES.index("rule_hit")] = rng.random(n) < 0.2
    p = np.round(rng.random(n), int(rng.integers(1, 4)))
    return x, words, p


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 70) | st.sampled_from([0, 1, 2, 300]))
def test_model_matrix_equals_the_reference(seed: int, n: int) -> None:
    x, _, _ = _page(seed, n)
    got, want = model_matrix(x), _reference_model_matrix(x)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want), np.argwhere(got != want)[:5]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 70) | st.sampled_from([1, 2, 300]))
def test_stack_matrix_equals_the_reference(seed: int, n: int) -> None:
    x, words, p = _page(seed, n)
    want = _reference_stack_matrix(p, x, words.astype(np.float64))
    for got in (stack_matrix(p, x, words), stack_matrix(p.tolist(), x, words.tolist())):
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got, want), np.argwhere(got != want)[:5]
