"""Gradient-boosted trees evaluated with numpy: page mode's line model at run time, without lightgbm.

The trees are trained with lightgbm (``python -m benchmarks.page_train``)
and exported from its ``Booster.dump_model()`` into flat arrays, one row a tree:
for internal node ``j`` of tree ``t``, ``feature[t, j]``, ``threshold[t, j]``
and the children ``left[t, j]`` / ``right[t, j]`` (a child ``c < 0`` is leaf
``-c - 1``, lightgbm's own ``~leaf`` encoding); ``leaf_value[t, k]``. A row
goes left when ``x <= threshold`` (lightgbm's numerical split); missing
values do not occur (inputs are finite). The trees' outputs are summed in
tree order, as lightgbm does.

Every line of a page goes through every tree at once by QuickScorer's
bit vectors (Lucchese et al., SIGIR 2015): each split node knows which leaves
of its tree lie in its left subtree (a bit mask, leaves in left-to-right
order); a line that goes right at a node cannot end in any of them. All the
splits of all the trees are compared in one array operation (each distinct
feature and threshold once), the masks of the nodes a line goes right at are
OR-ed per tree, and the line's leaf is the lowest leaf still possible (the
exit leaf). No level-by-level walk: a page of ``n`` lines costs a handful of
array operations over ``nodes x n`` values, processed in blocks of
:data:`BLOCK` lines to bound memory. Trees of more than 64 leaves are walked
level by level instead.

>>> dump = {"tree_info": [{"tree_structure": {"split_feature": 0, "threshold": 0.5, "decision_type": "<=",
...     "left_child": {"leaf_value": -1.0}, "right_child": {"leaf_value": 2.0}}}]}
>>> trees = Trees.from_dump(dump)
>>> trees.raw(np.array([[0.0], [1.0]])).tolist()
[-1.0, 2.0]
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: Lines scored per block (the comparisons and masks take ``nodes x BLOCK`` values: under 10 bytes each).
BLOCK = 256


@dataclass(frozen=True)
class Trees:
    """A sum of binary decision trees over numeric features (a lightgbm model without lightgbm)."""

    feature: np.ndarray      # (trees, nodes) int32
    threshold: np.ndarray    # (trees, nodes) float64
    left: np.ndarray         # (trees, nodes) int32, negative = leaf
    right: np.ndarray        # (trees, nodes) int32
    leaf_value: np.ndarray   # (trees, leaves) float64
    depth: int
    meta: dict[str, Any] = field(default_factory=dict)
    #: The same trees as bit vectors (what :meth:`raw` evaluates); None when a tree has more than 64 leaves.
    _exits: _ExitLeaves | None = field(init=False, repr=False, compare=False, default=None)

    @classmethod
    def from_dump(cls, dump: dict[str, Any], meta: dict[str, Any] | None = None) -> Trees:
        """From lightgbm's ``Booster.dump_model()`` (numerical ``<=`` splits only)."""
        trees = [info["tree_structure"] for info in dump["tree_info"]]
        parsed = [_flatten(tree) for tree in trees]
        n_nodes = max(1, max(len(p[0]) for p in parsed))
        n_leaves = max(len(p[4]) for p in parsed)
        t = len(parsed)
        feature = np.zeros((t, n_nodes), np.int32)
        threshold = np.full((t, n_nodes), np.inf)
        left = np.full((t, n_nodes), -1, np.int32)
        right = np.full((t, n_nodes), -1, np.int32)
        leaf_value = np.zeros((t, n_leaves))
        depth = 1
        for i, (f, thr, lo, hi, values, d) in enumerate(parsed):
            k = len(f)
            feature[i, :k], threshold[i, :k], left[i, :k], right[i, :k] = f, thr, lo, hi
            leaf_value[i, : len(values)] = values
            depth = max(depth, d)
        return cls(feature, threshold, left, right, leaf_value, depth, dict(meta or {}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exits", _ExitLeaves.of(self))

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed tree outputs (lightgbm's raw score) of every row of ``x``."""
        x = np.asarray(x, dtype=np.float64)
        if not np.isfinite(x).all():  # rare: the conversion costs more than the check
            x = np.nan_to_num(x, nan=0.0, posinf=1e300, neginf=-1e300)
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        exits = self._exits
        if exits is None:
            return self._raw_by_levels(x)
        if n <= BLOCK:
            return exits.raw(x)
        return np.concatenate([exits.raw(x[i : i + BLOCK]) for i in range(0, n, BLOCK)])

    def _raw_by_levels(self, x: np.ndarray) -> np.ndarray:
        """:meth:`raw` by moving all rows and all trees one level down at a time (any number of leaves)."""
        n = x.shape[0]
        tree = np.arange(self.feature.shape[0])[:, None]
        row = np.arange(n)[None, :]
        node = np.zeros((self.feature.shape[0], n), np.int64)
        for _ in range(self.depth):
            inner = node >= 0
            if not inner.any():
                break
            at = np.where(inner, node, 0)
            go_left = x[row, self.feature[tree, at]] <= self.threshold[tree, at]
            node = np.where(inner, np.where(go_left, self.left[tree, at], self.right[tree, at]), node)
        values = self.leaf_value[tree, -node - 1]
        out = np.zeros(n)
        for t in range(values.shape[0]):  # in tree order, as lightgbm sums
            out += values[t]
        return out

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The logistic of :meth:`raw` (a binary model's predicted probability)."""
        return 1.0 / (1.0 + np.exp(-self.raw(x)))

    def save(self, path: str | Path) -> None:
        """Write the arrays and ``meta`` (as JSON) to one ``.npz`` file."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer, feature=self.feature, threshold=self.threshold, left=self.left, right=self.right,
            leaf_value=self.leaf_value, depth=np.array(self.depth), meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )
        Path(path).write_bytes(buffer.getvalue())

    @classmethod
    def load(cls, data: bytes) -> Trees:
        """Read what :meth:`save` wrote (the file's bytes)."""
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            return cls(
                z["feature"], z["threshold"], z["left"], z["right"], z["leaf_value"], int(z["depth"]),
                json.loads(str(z["meta"])),
            )


@dataclass(frozen=True)
class _ExitLeaves:
    """The trees as QuickScorer's bit vectors (see the module docstring), node-major: row ``j * trees + t``
    is node ``j`` of tree ``t``, so OR-ing a tree's nodes is an operation over whole rows. Splits on the
    same feature and threshold (a third of them in the shipped model) are compared once."""

    split_feature: np.ndarray    # (splits,) int: the feature each distinct split reads
    split_threshold: np.ndarray  # (splits, 1) float64: go right when x > threshold
    split_of_node: np.ndarray    # (nodes * trees,) int: each node's split
    left_leaves: np.ndarray      # (nodes * trees, 1) uint: the leaves left of the node (bit k: k-th leaf from the left)
    values: np.ndarray           # (trees * bits,) float64: the k-th leaf from the left of tree t at t * bits + k
    first_leaf: np.ndarray       # (trees, 1) int: t * bits, where tree t's leaves start in values
    trees: int
    bits: int                    # 32 or 64: the width of the masks

    @classmethod
    def of(cls, trees: Trees) -> _ExitLeaves | None:
        """The bit vectors of ``trees``; None if a tree has more than 64 leaves."""
        t, nodes = trees.feature.shape
        n_leaves = trees.leaf_value.shape[1]
        if n_leaves > 64:
            return None
        bits = 32 if n_leaves <= 32 else 64
        dtype = np.uint32 if bits == 32 else np.uint64
        left_leaves = np.zeros((nodes, t), dtype)
        values = np.zeros((t, bits))
        for i in range(t):
            masks, order = _left_leaf_masks(trees.left[i], trees.right[i])
            for j, mask in masks.items():
                left_leaves[j, i] = mask
            values[i, : len(order)] = trees.leaf_value[i, order]
        splits = np.column_stack([trees.feature.T.ravel(), trees.threshold.T.ravel()]).astype(np.float64)
        distinct, split_of_node = np.unique(splits, axis=0, return_inverse=True)
        return cls(distinct[:, 0].astype(np.intp), distinct[:, 1:].copy(), split_of_node.ravel().astype(np.intp),
                   left_leaves.reshape(-1, 1), values.ravel(), (np.arange(t) * bits)[:, None], t, bits)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed tree outputs of every row of ``x`` (finite values)."""
        n = x.shape[0]
        split_right = np.take(np.ascontiguousarray(x.T), self.split_feature, axis=0) > self.split_threshold
        right = np.take(split_right, self.split_of_node, axis=0)
        gone = np.bitwise_or.reduce((right * self.left_leaves).reshape(-1, self.trees, n), axis=0)
        exit_bit = ~gone & (gone + gone.dtype.type(1))  # the lowest leaf not ruled out
        leaf = np.frexp(exit_bit)[1] - 1  # the exit bit's index: 2**k is exactly 0.5 * 2**(k + 1) as a float
        values = np.take(self.values, leaf + self.first_leaf)
        return np.add.accumulate(values, axis=0)[-1]  # in tree order, as lightgbm sums (a reduce may sum pairwise)


def _left_leaf_masks(left: np.ndarray, right: np.ndarray) -> tuple[dict[int, int], list[int]]:
    """For one flattened tree: each reachable split's mask of the leaves in its left subtree (bit k: the
    k-th leaf from the left) and the leaves' indices from left to right. Unreachable nodes are padding."""
    masks: dict[int, int] = {}
    order: list[int] = []

    def visit(child: int) -> int:
        if child < 0:
            leaf = -child - 1
            if leaf not in order:  # a single-leaf tree lists its leaf twice
                order.append(leaf)
            return 1 << order.index(leaf)
        below_left = visit(int(left[child]))
        masks[child] = below_left
        return below_left | visit(int(right[child]))

    visit(0)
    return masks, order


def _flatten(tree: dict[str, Any]) -> tuple[list[int], list[float], list[int], list[int], list[float], int]:
    """One dumped tree as node arrays (breadth of lightgbm's indices) and its depth."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    values: list[float] = []

    def visit(node: dict[str, Any], depth: int) -> tuple[int, int]:
        if "leaf_value" in node:
            values.append(float(node["leaf_value"]))
            return -len(values), depth
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        j = len(feature)
        feature.append(int(node["split_feature"]))
        threshold.append(float(node["threshold"]))
        left.append(0)
        right.append(0)
        left[j], d_left = visit(node["left_child"], depth + 1)
        right[j], d_right = visit(node["right_child"], depth + 1)
        return j, max(d_left, d_right)

    root, depth = visit(tree, 0)
    if root < 0:  # a single leaf: one node whose both children are that leaf
        feature, threshold, left, right = [0], [float("inf")], [root], [root]
        depth = 1
    return feature, threshold, left, right, values, depth
