"""Fit page mode's weights on the benchmark's whole-page text, cross-validated by site.

    python -m cleantext.bench.page_train [--data PATH] [--write] [--fit-on train|test --out PATH]

A line is labelled content when it is one of its page's gold lines. Both
passes of :mod:`cleantext.filters.page` are logistic regressions (L2, each
line weighted by its word count, since the score counts tokens); the
threshold maximises macro F1 on the training pages.

Two-fold cross-validation by site (:func:`~cleantext.bench.page_eval.site_split`):
fit on one half of the sites, score on the other, then swap; the printed
held-out figures are what docs/page-mode.md reports. ``--write`` then fits on
all pages and writes ``cleantext/page_data/weights.json``. Needs numpy (not a
runtime dependency of cleantext).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..document import Document
from ..filters.page import CONTEXT_NAMES, PageBlocks, PageWeights, context_vectors, decide, sigmoid
from ..filters.page_features import NAMES
from .data import find_bench
from .page_eval import PAGE_DATASETS, fit_sites, load, site_split
from .score import macro, score

WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "page_data" / "weights.json"


@dataclass
class PageRows:
    """One page's lines, feature vectors and labels (the input of training)."""

    dataset: str
    site: str
    lines: list[str]
    words: list[int]
    vectors: np.ndarray
    labels: np.ndarray
    gold: str
    heading_like: list[bool]


def page_rows(root: Path, with_model: bool) -> list[PageRows]:
    """Feature rows of every page; ``with_model`` fits a per-site model on each dataset's pages first."""
    zero = PageWeights(tuple(0.0 for _ in NAMES), tuple(0.0 for _ in CONTEXT_NAMES))
    out = []
    for dataset in PAGE_DATASETS:
        items = load(root, dataset)
        model = fit_sites(items) if with_model else None
        for page, text, gold in items:
            blocks = PageBlocks(weights=zero, learned=model.filter(page.site) if model else None)
            analysis = blocks.analyse(Document(text))
            gold_lines = {line.strip() for line in gold.split("\n") if line.strip()}
            texts = [line.stripped for line in analysis.lines]
            out.append(PageRows(
                dataset, page.site, texts, [f.words for f in analysis.feats],
                np.array(analysis.vectors, dtype=float).reshape(-1, len(NAMES)),
                np.array([t in gold_lines for t in texts], dtype=float), gold, analysis.heading_like,
            ))
    return out


def logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method; returns the coefficients."""
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (weight * (y - p)) - penalty @ beta
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def fit(rows: Sequence[PageRows]) -> PageWeights:
    """Fit both passes and the threshold on ``rows``."""
    x = np.vstack([r.vectors for r in rows])
    y = np.concatenate([r.labels for r in rows])
    weight = np.concatenate([1.0 + np.array(r.words, dtype=float) for r in rows])
    lines = logistic(x, y, weight)
    contexts = [np.array(context_vectors(list(r.vectors @ lines), r.words)).reshape(-1, len(CONTEXT_NAMES)) for r in rows]
    context = logistic(np.vstack(contexts), y, weight)
    weights = PageWeights(tuple(lines), tuple(context))
    best = max((f1(rows, weights, t), t) for t in np.arange(0.2, 0.81, 0.05))
    return PageWeights(weights.lines, weights.context, round(float(best[1]), 2))


def kept_text(row: PageRows, weights: PageWeights) -> str:
    """The page's lines that page mode keeps (without the rule filters, for speed)."""
    scores = list(row.vectors @ np.array(weights.lines))
    probs = [sigmoid(sum(w * v for w, v in zip(weights.context, c))) for c in context_vectors(scores, row.words)]
    keep = decide(probs, weights.threshold, row.heading_like, row.words)
    return "\n".join(t for t, k in zip(row.lines, keep) if k)


def f1(rows: Sequence[PageRows], weights: PageWeights, threshold: float | None = None) -> float:
    if threshold is not None:
        weights = PageWeights(weights.lines, weights.context, float(threshold))
    return macro(score(kept_text(r, weights), r.gold) for r in rows).f1


def cross_validate(rows: Sequence[PageRows]) -> None:
    """Print held-out P/R/F1 per dataset for the two folds by site."""
    held_out: dict[str, list] = {d: [] for d in PAGE_DATASETS}
    for fold in ("train", "test"):
        train = [r for r in rows if site_split(r.site) == fold]
        test = [r for r in rows if site_split(r.site) != fold]
        weights = fit(train)
        for r in test:
            held_out[r.dataset].append(score(kept_text(r, weights), r.gold))
    for dataset, scores in held_out.items():
        print(f"held-out {dataset}: {macro(scores)}  ({len(scores)} pages)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data")
    parser.add_argument("--write", action="store_true", help=f"fit on all pages and write {WEIGHTS_PATH.name}")
    parser.add_argument("--fit-on", choices=("train", "test"), help="only fit on this half of the sites, write --out")
    parser.add_argument("--out", help="where --fit-on writes its weights")
    args = parser.parse_args(argv)
    if bool(args.fit_on) != bool(args.out):
        parser.error("--fit-on and --out go together")
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set $CLEANTEXT_BENCH")
    rows = page_rows(root, with_model=False) + page_rows(root, with_model=True)
    if args.fit_on:
        weights = fit([r for r in rows if site_split(r.site) == args.fit_on])
        Path(args.out).write_text(json.dumps(weights.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} (fitted on the {args.fit_on} sites, threshold {weights.threshold})")
        return 0
    cross_validate(rows[: len(rows) // 2])
    print("with per-site repeated lines:")
    cross_validate(rows[len(rows) // 2 :])
    if args.write:
        weights = fit(rows)
        WEIGHTS_PATH.write_text(json.dumps(weights.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH} (threshold {weights.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
