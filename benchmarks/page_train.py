"""Train page mode's line model on the benchmark, choose it held out, and export it.

    python -m benchmarks.page_train [--data PATH] [--protocol datasets|sites|both] [--compare] [--write]
    python -m benchmarks.page_train --protocol both --learner stacked [--write]

Rows: every non-blank line of every page of the gold datasets, read from both
whole-page inputs (``page_text`` and Resiliparse's main-content text), with
and without a per-site model (:mod:`benchmarks.page_rows`). A line is
labelled content when it is gold; each line weighs its word count (the score
counts tokens), each page the same (each dataset the same was tried and not adopted:
:data:`DATASET_BALANCE`).

Two held-out protocols (``--protocol``, default both):

- ``datasets``, leave one dataset out: for each gold dataset, the model is
  trained on the other four and scores the one left out; the pages the others
  hold of the left-out dataset's sites are left out too (:func:`held_sites`:
  cnn.com is in three datasets), so no site is split. The pessimistic figure:
  the page types of the left-out dataset may be unseen (wcxb_dev's are).
- ``sites``, site-grouped 5-fold: every dataset is in training, the folds are
  assigned by a stable hash of the site (:func:`site_fold`), so a site's pages
  are never split between training and test; each page is scored by the model
  of the fold that left its site out. What other pages of the same sources, on
  other sites, get from a model trained on all five datasets (the shipped one).

Each fold's decision threshold is the one that maximises the mean F1 of the
held-out predictions *outside* the fold while keeping their recall on
``page_text`` at 0.92 or more on each news dataset (content first).
``--compare`` also prints the held-out table of page mode's former two-pass
logistic score; ``--write`` trains the trees on all five datasets and writes
``cleantext/page_data/line_model.npz`` with the threshold chosen on all
site-grouped held-out predictions and the calibration of removal confidence
(``high`` where every protocol's held-out removals are precise enough). Needs
the ``train`` extra (lightgbm).

``--learner stacked`` adds the line model's second stage: trees over each line's first-stage probability and
its neighbours' (:func:`~cleantext.filters.page_features.stack_matrix`). Stage 2 of each held-out fold is
trained on that fold's training rows with *out-of-fold* first-stage probabilities (inner folds by
:func:`site_fold` inside the fold's training set, sites never split; the inner models and each fold's stage 2
are cached beside the fold models, :func:`fold_stage2`) and scores the fold's rows from the fold's own first
stage (:func:`stacked_folds`: both stages of each fold, for ``page_eval --heldout``); the table puts the shipped trees,
stage 2 alone and the mean of the two stages' probabilities (:data:`STACK_BLEND`, shipped) side by side,
each with its thresholds chosen outside the fold. With ``--write`` it writes
``cleantext/page_data/stack_model.npz`` (stage 2 on every row, from the site-grouped fold models'
out-of-fold probabilities) with the calibration of the blended probabilities; ``line_model.npz`` is left as
it is.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import numpy as np

from cleantext.filters.page import decide, later_copies, page_threshold
from cleantext.filters.page_features import MODEL_NAMES, NAMES, STACK_NAMES, model_matrix, stack_matrix
from cleantext.filters.page_trees import Trees
from .data import GOLD_DATASETS, NEWS_DATASETS, find_bench
from .page_rows import CACHE, SOURCES, PageRows, dataset_rows, rows_digest, snippet_rows
from .score import _TOKEN_RE, PRF, score, tokens

MODEL_PATH = Path(__file__).resolve().parents[1] / "cleantext" / "page_data" / "line_model.npz"
#: lightgbm's parameters: small, deterministic, two threads (a shared machine).
TREE_PARAMS: dict = {
    "objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 200,
    "feature_fraction": 0.8, "bagging_fraction": 0.4, "bagging_freq": 1, "lambda_l2": 1.0, "max_bin": 63,
    "deterministic": True, "seed": 7, "num_threads": 2, "verbose": -1, "force_col_wise": True,
}
TREE_ROUNDS = 150
#: The total training weight of one page's lines.
PAGE_WEIGHT = 100.0
#: Each dataset's pages are weighed by (mean pages per dataset / its pages) ** this (:func:`dataset_weights`):
#: 0, every page weighs the same (shipped); 1, every dataset does. 1 was measured in session 20 and not adopted:
#: leave one dataset out it raised every cell (mean F1 of both stages blended .8716 -> .8793, through clean()
#: l3s_gn1 (g) .904 -> .921), but trafilatura_eval's must-keep snippets fell 95.0% -> 92.8% in its own fold
#: (content first; docs/page-mode.md, "Every dataset weighing the same").
DATASET_BALANCE = 0.0
#: Decision thresholds tried (probability of content).
THRESHOLDS = tuple(float(round(t, 2)) for t in np.arange(0.10, 0.71, 0.05))
#: A page's threshold follows its best line down to this share of its probability (page.page_threshold).
#: Mean line-level held-out F1 over the ten dataset x input cells, leave one dataset out / site-grouped
#: (2026-11-30): 0 (off) .846 / .879, 0.3 .859 / .877, 0.35 .859 / .881, 0.4 .859 / .884 (0.5, 0.7 no
#: better than off on LODO); trafilatura_eval `with` snippets kept (page_text, never trained on): off 93.4%,
#: 0.3 94.8%, 0.35 93.6%, 0.4 92.1%. 0.35: better than off on both means and on both snippet kinds (content
#: first: 0.4 loses must-keep snippets). With it, thresholds above RELATIVE change nothing.
RELATIVE = 0.35
#: The chosen threshold keeps at least this recall (page_text) on every news dataset it is chosen on.
MIN_RECALL = 0.92
#: Calibration bins of the content probability of removed lines.
BINS = (0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
#: A removal is "high" confidence where held-out precision of such removals is at least this.
HIGH_PRECISION = 0.95

Key = tuple[str, str]  # (dataset, source)


#: Datasets without gold whose snippets label some lines (:func:`~benchmarks.page_rows.snippet_labels`): with
#: ``snippets=True`` their rows train every fold they are outside of, and are never scored.
SNIPPET_DATASETS = ("trafilatura_eval",)


class Rows(dict):
    """The gold rows per (dataset, source), which are trained on and scored, and ``partial``: the rows of
    :data:`SNIPPET_DATASETS`, labelled only in part, never scored, trained on when ``train_partial``. Their
    sites are held out with them either way (:func:`held_sites`: a held-out fold of trafilatura_eval)."""

    partial: tuple[PageRows, ...] = ()
    train_partial: bool = False


def load_rows(root: Path, datasets: Sequence[str] = GOLD_DATASETS, snippets: bool = False) -> Rows:
    """Rows of every (dataset, source), extracted once and cached, and those of :data:`SNIPPET_DATASETS`
    (``Rows.partial``), which train the models only with ``snippets``."""
    rows = Rows({(d, s): dataset_rows(root, d, s) for d in datasets for s in SOURCES})
    rows.partial = tuple(r for d in SNIPPET_DATASETS for s in SOURCES for r in snippet_rows(root, d, s))
    rows.train_partial = snippets
    return rows


def _matrix(row: PageRows, with_model: bool) -> np.ndarray:
    """``model_matrix`` of ``row`` (float32; cached on the row: the inner folds score and train on it often)."""
    cache = row.__dict__.setdefault("_matrix", {})
    if with_model not in cache:
        cache[with_model] = model_matrix(row.base[with_model]).astype(np.float32)
    return cache[with_model]


def _half(row: PageRows) -> bool:
    """The pages :func:`training_set` also takes without a site model (by a hash of the page id)."""
    return hashlib.sha1(f"{row.dataset}/{row.page_id}".encode()).digest()[0] % 2 == 0


def _items(rows: Sequence[PageRows]) -> list[tuple[PageRows, bool]]:
    """(row, with_model) of every page with lines with its site model's features, then half of them without."""
    return [(r, True) for r in rows if r.lines] + [(r, False) for r in rows if r.lines and _half(r)]


def training_set(rows: Sequence[PageRows]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inputs, labels and weights of :func:`_items`' (row, with_model) pairs."""
    items = _items(rows)
    x = np.vstack([_matrix(r, wm) for r, wm in items])
    y, w = labels_and_weights(items)
    return x, y, w


def labels_and_weights(items: Sequence[tuple[PageRows, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """The labels of ``items``' lines and their weights (:func:`page_weights`, times :func:`dataset_weights`); an
    unlabelled line (NaN, rows of snippets) weighs nothing, a labelled one what it would weigh were its whole
    page labelled.

    >>> r = PageRows("d", "s", "p", "", ["a", "b"], np.array([0, 3]), {}, {}, {}, {}, np.array([np.nan, 1.0]), "")
    >>> [v.tolist() for v in labels_and_weights([(r, True)])]
    [[0.0, 1.0], [0.0, 80.0]]
    """
    labels = [r.labels for r, _ in items]
    scale = dataset_weights(items)
    w = [page_weights(r.words) * scale[r.dataset] for r, _ in items]
    w = [wi if np.isfinite(y).all() else wi * np.isfinite(y) for wi, y in zip(w, labels)]
    return np.nan_to_num(np.concatenate(labels)), np.concatenate(w)


def dataset_weights(items: Sequence[tuple[PageRows, bool]], balance: float | None = None) -> dict[str, float]:
    """Each dataset's pages weigh (the mean number of pages a dataset has in ``items`` / its own) ** ``balance``
    (default :data:`DATASET_BALANCE`): with 1, every dataset weighs the same in all, whatever its size
    (wcxb_dev's 1,270 pages would no longer outweigh the three other sets of a fold that leaves a news set
    out, 880 pages in the fold leaving l3s_gn1 out); with 0, every page does.

    >>> rows = [PageRows(d, "s", str(i), "", [], np.array([]), {}, {}, {}, {}, np.array([]), "")
    ...         for d, n in (("a", 3), ("b", 1)) for i in range(n)]
    >>> dataset_weights([(r, True) for r in rows], balance=1.0), dataset_weights([(r, True) for r in rows], 0.0)
    ({'a': 0.6666666666666666, 'b': 2.0}, {'a': 1.0, 'b': 1.0})
    """
    power = DATASET_BALANCE if balance is None else balance
    pages = Counter(r.dataset for r, _ in items)
    mean = sum(pages.values()) / max(len(pages), 1)
    return {d: (mean / n) ** power for d, n in pages.items()}


def page_weights(words: np.ndarray) -> np.ndarray:
    """Each line weighs its words (the score counts tokens), each page the same in all (scores are per page).

    >>> page_weights(np.array([0, 3])).tolist()
    [20.0, 80.0]
    """
    w = 1.0 + np.asarray(words, dtype=np.float64)
    return PAGE_WEIGHT * w / w.sum()


def train_trees(rows: Sequence[PageRows]) -> Trees:
    """lightgbm trees on ``rows`` (:func:`training_set`), exported to :class:`Trees`."""
    booster = _fit(*training_set(rows), TREE_PARAMS, TREE_ROUNDS, MODEL_NAMES)
    return Trees.from_dump(booster.dump_model(), {"names": list(MODEL_NAMES)})


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict, rounds: int, names: Sequence[str]):
    """A lightgbm booster trained on inputs ``x`` (columns ``names``), labels ``y`` and weights ``w``."""
    import lightgbm

    data = lightgbm.Dataset(x, y, weight=w, feature_name=[_safe(n) for n in names], free_raw_data=True)
    return lightgbm.train(params, data, num_boost_round=rounds)


def _safe(name: str) -> str:
    return name.replace("@", "_at_").replace("+", "p").replace("-", "m")


@dataclass(frozen=True)
class TwoPass:
    """Page mode's former model: a logistic line score, then a logistic pass over the neighbours' scores."""

    lines: np.ndarray
    context: np.ndarray

    def probability_of(self, base: np.ndarray, words: np.ndarray) -> np.ndarray:
        c = context_inputs(base @ self.lines, words)
        return 1.0 / (1.0 + np.exp(-np.clip(c @ self.context, -30, 30)))


def context_inputs(scores: np.ndarray, words: np.ndarray, clip: float = 8.0) -> np.ndarray:
    """The former context pass's inputs: the score, its neighbours', their means over 3 and 10 lines."""
    s = np.clip(scores, -clip, clip)
    n = len(s)
    sums = np.concatenate([[0.0], np.cumsum(s)])
    idx = np.arange(n)

    def mean(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        return np.where(hi > lo, (sums[hi] - sums[lo]) / np.maximum(hi - lo, 1), -clip / 2)

    prev3, next3 = mean(np.maximum(idx - 3, 0), idx), mean(idx + 1, np.minimum(idx + 4, n))
    short = (np.asarray(words) < 8).astype(float)
    return np.column_stack([
        np.ones(n), s, np.concatenate([[0.0], s[:-1]])[:n], np.concatenate([s[1:], [0.0]])[:n], prev3, next3,
        mean(np.maximum(idx - 10, 0), idx), mean(idx + 1, np.minimum(idx + 11, n)), short, short * prev3, short * next3,
    ])


def train_two_pass(rows: Sequence[PageRows]) -> TwoPass:
    """Fit the former two-pass model (both passes logistic, each line weighted by its words)."""
    half = [r for r in rows if hashlib.sha1(f"{r.dataset}/{r.page_id}".encode()).digest()[0] % 2 == 0]
    items = [(r, True) for r in rows if r.lines] + [(r, False) for r in half if r.lines]
    x = np.vstack([r.base[wm] for r, wm in items])
    y = np.concatenate([r.labels for r, _ in items])
    w = np.concatenate([1.0 + r.words for r, _ in items])
    lines = _newton(x, y, w)
    c = np.vstack([context_inputs(r.base[wm] @ lines, r.words) for r, wm in items])
    return TwoPass(lines, _newton(c, y, w))


def _newton(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, steps: int = 15) -> np.ndarray:
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        step = np.linalg.solve((x * (w * p * (1 - p))[:, None]).T @ x + penalty, x.T @ (w * (y - p)) - penalty @ beta)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return beta


LEARNERS: dict[str, Callable[[Sequence[PageRows]], object]] = {
    "two-pass logistic (former)": train_two_pass, "trees": train_trees,
}


def predict(model: object, row: PageRows, with_model: bool) -> np.ndarray:
    """Content probabilities of ``row``'s lines under any of :data:`LEARNERS`' models."""
    if isinstance(model, TwoPass):
        return model.probability_of(row.base[with_model].reshape(-1, len(NAMES)), row.words)
    return model.probability(model_matrix(row.base[with_model]))  # type: ignore[attr-defined]


def copies_of(row: PageRows, with_model: bool) -> list[int]:
    """The lines of ``row`` that page mode removes as copies of a line just above (:func:`later_copies`; cached on
    the row, as :func:`_page_tokens`)."""
    cache = row.__dict__.setdefault("_copies", {})
    if with_model not in cache:
        cache[with_model] = later_copies(row.lines, _words(row.base[with_model]).tolist())
    return cache[with_model]


def _words(base: np.ndarray) -> np.ndarray:
    """Each line's word count as page mode counts it (``\\w+`` words: its ``log_words``), from :func:`vectors`' rows."""
    return np.rint(np.expm1(np.asarray(base, dtype=np.float64).reshape(-1, len(NAMES))[:, NAMES.index("log_words")]))


def kept_text(row: PageRows, probabilities: np.ndarray, threshold: float, with_model: bool) -> str:
    """What page mode keeps of the page: kept lines, less what the other filters remove of them."""
    keep = decide(probabilities, threshold, row.heading_like[with_model], row.words, RELATIVE,
                  copies_of(row, with_model))
    return "\n".join(t for t, k in zip(row.left[with_model], keep) if k)


Probabilities = dict[tuple[str, str, bool], list[np.ndarray]]


#: The held-out protocols: leave one dataset out, and site-grouped k-fold.
PROTOCOLS = ("datasets", "sites")
#: Folds of the site-grouped protocol.
SITE_FOLDS = 5


def site_fold(site: str, k: int = SITE_FOLDS) -> int:
    """The fold of a site in the site-grouped protocol: a stable hash of its name (the same in every dataset).

    >>> site_fold("example.com") == site_fold("example.com") and 0 <= site_fold("example.com") < SITE_FOLDS
    True
    """
    return int.from_bytes(hashlib.sha1(site.encode("utf-8")).digest()[:4], "big") % k


def fold_of(row: PageRows, protocol: str = "datasets") -> str:
    """The fold that holds ``row`` out: its dataset (leave one dataset out) or ``sites<k>`` (its site's fold)."""
    if protocol == "datasets":
        return row.dataset
    if protocol == "sites":
        return f"sites{site_fold(row.site)}"
    raise ValueError(f"unknown protocol {protocol!r}")


def held_sites(rows: dict[Key, list[PageRows]], fold: str, protocol: str = "datasets") -> frozenset[str]:
    """The sites of the pages ``fold`` holds out. Under leave one dataset out a site can also have pages in
    another dataset (cnn.com is in big9, l3s_gn1 and scrapinghub; 47 sites of the gold datasets are in two or
    more), and none of those pages may train the fold's models or choose its threshold: sites are never split."""
    return frozenset(r.site for rs in (*rows.values(), getattr(rows, "partial", ())) for r in rs
                     if fold_of(r, protocol) == fold)


def training_rows(rows: dict[Key, list[PageRows]], fold: str, protocol: str = "datasets") -> list[PageRows]:
    """The rows ``fold``'s models are trained on: outside the fold, and of none of its sites (:func:`held_sites`)."""
    held = held_sites(rows, fold, protocol)
    return [r for r in every_row(rows) if fold_of(r, protocol) != fold and r.site not in held]


def every_row(rows: dict[Key, list[PageRows]]) -> list[PageRows]:
    """Every row a model may train on: the gold rows and, when asked for (``Rows.train_partial``), the rows of
    snippets that have a labelled line."""
    partial = [r for r in getattr(rows, "partial", ()) if np.isfinite(r.labels).any()] if getattr(
        rows, "train_partial", False) else []
    return [r for rs in (*rows.values(), partial) for r in rs]


def heldout_probabilities(
    rows: dict[Key, list[PageRows]], learner: str, key: str = "", protocol: str = "datasets"
) -> Probabilities:
    """Per (dataset, source, with_model): each page's content probabilities from the model that held it out.

    ``protocol``: ``"datasets"`` (each dataset scored by a model trained on the others) or ``"sites"`` (every
    dataset in training, each site's pages scored by the model of the one fold its site is not in).
    ``key`` (:func:`rows_key`) caches the trees trained per fold.
    """
    out: Probabilities = {(d, s, wm): [None] * len(rs) for (d, s), rs in rows.items() for wm in (True, False)}
    folds = sorted({fold_of(r, protocol) for rs in rows.values() for r in rs})
    for fold in folds:
        model = fold_model(rows, learner, fold, key, protocol)
        for (d, s), page_rows in rows.items():
            for i, r in enumerate(page_rows):
                if fold_of(r, protocol) == fold:
                    for wm in (True, False):
                        out[d, s, wm][i] = predict(model, r, wm)
    return out


def fold_model(rows: dict[Key, list[PageRows]], learner: str, fold: str, key: str = "", protocol: str = "datasets"):
    """The ``learner`` model trained on every row outside ``fold`` (trees: cached when ``key`` names the rows)."""
    train = training_rows(rows, fold, protocol)
    if learner != "trees" or not key:
        return LEARNERS[learner](train)
    spec = (protocol, fold, SITE_FOLDS if protocol == "sites" else None, tuple(sorted({d for d, _ in rows})))
    digest = hashlib.sha1(repr((TREE_PARAMS, TREE_ROUNDS, PAGE_WEIGHT, spec, key, training_code())).encode())
    path = CACHE.parent / "page-models" / f"{digest.hexdigest()[:12]}.npz"
    if path.exists():
        return Trees.load(path.read_bytes())
    model = train_trees(train)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    return model


def training_code() -> str:
    """The source of everything that turns rows into a trained model (part of the fold models' cache key;
    what the package's feature code makes of the rows is in :func:`rows_key`)."""
    parts = (held_sites, training_rows, every_row, labels_and_weights, dataset_weights, page_weights, _matrix, _half, _items,
             training_set, train_trees, _fit, Trees.from_dump, Trees.save, Trees.load)
    return "".join(inspect.getsource(part) for part in parts) + repr((MODEL_NAMES, DATASET_BALANCE))


#: Pages whose stage-2 inputs, on probe probabilities, go into :func:`rows_key`.
STACK_PROBE_PAGES = 300


def rows_key(rows: dict[Key, list[PageRows]]) -> str:
    """The cache key of the models trained on ``rows``: what the rows hold (:func:`rows_digest`) and what
    the package's feature code makes of them, stage 1's inputs (``model_matrix``) of every row and stage
    2's (``stack_matrix``) on every n-th page (probe probabilities), and :func:`probe_trees`' probabilities of
    those pages (how trees are evaluated).

    Keyed by behaviour, not by the package's source: after a change that leaves every row and both
    matrices as they were (speed work), the trained models are reused instead of retrained (an hour).
    """
    h = hashlib.sha1(rows_digest(rows).encode())
    listed = [r for key in sorted(rows) for r in rows[key] if r.lines]
    if getattr(rows, "train_partial", False) and (partial := rows.partial):  # rows of snippets (load_rows(snippets=True))
        h.update(rows_digest({("partial", ""): list(partial)}).encode())
        listed += [r for r in partial if r.lines]
    for row in listed:
        for with_model in (True, False):
            h.update(model_matrix(row.base[with_model]).tobytes())
    probe = np.random.default_rng(0)
    probed = listed[:: max(1, len(listed) // STACK_PROBE_PAGES)]
    for row in probed:
        h.update(stack_matrix(probe.random(len(row.lines)), row.base[True], row.words).tobytes())
    x = np.vstack([model_matrix(row.base[True]) for row in probed] or [np.zeros((0, len(MODEL_NAMES)))])
    h.update(probe_trees(x).probability(x).tobytes())  # how trees are evaluated
    return h.hexdigest()[:12]


def probe_trees(x: np.ndarray, seed: int = 0) -> Trees:
    """Random trees over the columns of ``x``, split at values of its rows, for :func:`rows_key` to read how
    :class:`Trees` evaluates: not the shipped model, so that writing a new one keeps the fold models cached.
    Small trees (the bit-vector walk) and one of 128 leaves (the level-by-level walk).

    >>> x = np.arange(12.0).reshape(4, 3)
    >>> t = probe_trees(x)
    >>> t.depth, t.leaf_value.shape, bool((t.probability(x) == probe_trees(x).probability(x)).all())
    (7, (31, 128), True)
    """
    rng = np.random.default_rng(seed)

    def node(depth: int) -> dict:
        if depth == 0 or not len(x):
            return {"leaf_value": float(rng.normal())}
        j = int(rng.integers(x.shape[1]))
        split = float(x[int(rng.integers(len(x))), j])
        return {"split_feature": j, "threshold": split, "decision_type": "<=",
                "left_child": node(depth - 1), "right_child": node(depth - 1)}

    depths = [int(d) for d in rng.integers(1, 6, size=30)] + [7]
    return Trees.from_dump({"tree_info": [{"tree_structure": node(d)} for d in depths]})


def _page_tokens(row: PageRows, with_model: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``row``'s tokens as :func:`~benchmarks.score.score` counts them: per line its token count, the (line, gold
    token) pairs, and the gold's token counts (cached: scoring many thresholds tokenises each page once)."""
    cache = row.__dict__.setdefault("_tokens", {})  # on the row itself: an id() key could be reused by new rows
    found = cache.get(with_model)
    if found is None:
        gold = tokens(row.gold)
        ids = {t: i for i, t in enumerate(gold)}
        per_line, at, tok = [], [], []
        for i, text in enumerate(row.left[with_model]):
            found_tokens = _TOKEN_RE.findall(text.lower())
            per_line.append(len(found_tokens))
            for t in found_tokens:
                j = ids.get(t)
                if j is not None:
                    at.append(i)
                    tok.append(j)
        found = (np.array(per_line, dtype=np.int64), np.array(at, dtype=np.int64), np.array(tok, dtype=np.int64),
                 np.array(list(gold.values()), dtype=np.int64))
        cache[with_model] = found
    return found


def fast_score(row: PageRows, probabilities: np.ndarray, threshold: float, with_model: bool,
               keep: Sequence[bool] | None = None) -> tuple[float, float, float]:
    """P, R, F1 of what page mode keeps of ``row`` (equal to ``score(kept_text(...), row.gold)``).

    ``keep``: the lines kept, when another decision than :func:`~cleantext.filters.page.decide` made it.

    >>> r = PageRows("d", "s", "p", "", ["Home", "The cat sat"], np.array([1, 3]), {True: np.zeros((2, len(NAMES)))},
    ...     {True: np.array([True, False])},
    ...     {True: None}, {True: ["Home", "The cat sat"]}, np.array([0.0, 1.0]), "the cat sat down")
    >>> p = np.array([0.9, 0.9])
    >>> fast_score(r, p, 0.5, True) == tuple(vars(score(kept_text(r, p, 0.5, True), r.gold)).values())
    True
    """
    per_line, at, tok, gold = _page_tokens(row, with_model)
    if keep is None:
        keep = decide(probabilities, threshold, row.heading_like[with_model], row.words, RELATIVE,
                      copies_of(row, with_model))
    keep = np.array(keep, dtype=bool)
    n_out, n_ref = int(per_line[keep].sum()) if len(keep) else 0, int(gold.sum())
    common = int(np.minimum(np.bincount(tok[keep[at]], minlength=len(gold)), gold).sum()) if len(at) else 0
    precision = common / n_out if n_out else (1.0 if not n_ref else 0.0)
    recall = common / n_ref if n_ref else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_scores(rows: Sequence[PageRows], probs: Sequence[np.ndarray], thresholds: Sequence[float] | float,
                with_model: bool) -> np.ndarray:
    """(pages, 3): each page's P, R, F1 at its threshold."""
    if isinstance(thresholds, float):
        thresholds = [thresholds] * len(rows)
    found = [fast_score(r, p, t, with_model) for r, p, t in zip(rows, probs, thresholds)]
    return np.array(found, dtype=np.float64).reshape(-1, 3)


def prf(rows: Sequence[PageRows], probs: Sequence[np.ndarray], threshold, with_model: bool) -> PRF:
    """Macro P/R/F1 of ``rows`` at ``threshold`` (one for all, or one per page)."""
    m = page_scores(rows, probs, threshold, with_model)
    return PRF(*m.mean(axis=0)) if len(m) else PRF(0.0, 0.0, 0.0)


def choose_thresholds(rows: dict[Key, list[PageRows]], probs: Probabilities, protocol: str = "datasets",
                      extra_folds: Sequence[str] = ()) -> dict[str, float]:
    """Per fold: the threshold with the best mean held-out F1 (with model) over the (dataset, input) cells, on
    the pages *outside* the fold, among those that keep recall >= MIN_RECALL on page_text on each news dataset
    (content first; pages of the fold's sites in other datasets are not outside it, :func:`held_sites`); key
    "all": chosen on all pages."""
    outside = outside_masks(rows, protocol)
    folds = {k: np.array([fold_of(r, protocol) for r in rs]) for k, rs in rows.items()}
    scores = {(k, t): page_scores(rs, probs[(*k, True)], t, True) for k, rs in rows.items() for t in THRESHOLDS}

    def best(exclude: str | None) -> float:
        def cells(t: float) -> dict[Key, np.ndarray]:
            out = {}
            for k in rows:
                m = outside(k, exclude)
                if m.any():
                    out[k] = scores[k, t][m].mean(axis=0)
            return out

        found = {t: cells(t) for t in THRESHOLDS}

        def ok(t: float) -> bool:
            return all(v[1] >= MIN_RECALL for (d, s), v in found[t].items() if d in NEWS_DATASETS and s == SOURCES[0])

        allowed = [t for t in THRESHOLDS if ok(t)] or [min(THRESHOLDS)]
        return max(allowed, key=lambda t: (np.mean([v[2] for v in found[t].values()]), -t))

    out = {str(f): best(f) for f in sorted({f for v in folds.values() for f in v} | set(extra_folds))}
    out["all"] = best(None)
    return out


def outside_masks(rows: dict[Key, list[PageRows]], protocol: str) -> Callable[[Key, str | None], np.ndarray]:
    """``outside(key, fold)``: which pages of ``rows[key]`` are outside ``fold`` (not in it, and of none of its
    sites: :func:`held_sites`); every page when ``fold`` is None."""
    folds = {k: np.array([fold_of(r, protocol) for r in rs]) for k, rs in rows.items()}
    sites = {k: np.array([r.site for r in rs], dtype=object) for k, rs in rows.items()}
    held: dict[str, frozenset[str]] = {}

    def outside(key: Key, fold: str | None) -> np.ndarray:
        if fold is None:
            return np.ones(len(folds[key]), dtype=bool)
        if fold not in held:
            held[fold] = held_sites(rows, fold, protocol)
        return (folds[key] != fold) & np.array([s not in held[fold] for s in sites[key]], dtype=bool)

    return outside


def page_thresholds(rows: Sequence[PageRows], thresholds: dict[str, float], protocol: str) -> list[float]:
    """Each page's threshold: its fold's."""
    return [thresholds[fold_of(r, protocol)] for r in rows]


def calibration(rows: dict[Key, list[PageRows]], probs: Probabilities, threshold: float) -> list[tuple[str, float, float, int]]:
    """Held-out removals (with model, both sources) by content probability: (bin, precision, share, words)."""
    removed_words = np.zeros(len(BINS) - 1)
    wrong_words = np.zeros(len(BINS) - 1)
    for (d, s), page_rows in rows.items():
        for r, p in zip(page_rows, probs[d, s, True]):
            keep = np.array(decide(p, threshold, r.heading_like[True], r.words, RELATIVE, copies_of(r, True)), dtype=bool)
            gone = ~keep
            b = np.clip(np.searchsorted(BINS, p[gone], side="right") - 1, 0, len(BINS) - 2)
            np.add.at(removed_words, b, r.words[gone])
            np.add.at(wrong_words, b, r.words[gone] * r.labels[gone])
    total = removed_words.sum()
    return [
        (f"{BINS[i]:g}-{BINS[i + 1]:g}", 1 - wrong_words[i] / removed_words[i] if removed_words[i] else float("nan"),
         removed_words[i] / total, int(removed_words[i]))
        for i in range(len(BINS) - 1) if removed_words[i]
    ]


def high_cutoff(table: list[tuple[str, float, float, int]]) -> float:
    """The content probability below which every bin's held-out removal precision is >= HIGH_PRECISION."""
    cutoff = 0.0
    for label, precision, _, _ in table:
        if precision < HIGH_PRECISION:
            break
        cutoff = float(label.split("-")[1])
    return cutoff


def report(
    rows: dict[Key, list[PageRows]], learner: str, key: str = "", protocol: str = "datasets"
) -> tuple[Probabilities, dict[str, float]]:
    """Print the held-out table of ``learner`` under ``protocol`` (markdown)."""
    probs = heldout_probabilities(rows, learner, key, protocol)
    thresholds = choose_thresholds(rows, probs, protocol)
    name = {"datasets": "leave one dataset out", "sites": f"site-grouped {SITE_FOLDS}-fold"}[protocol]
    folds = ", ".join(f"{f} {t:.2f}" for f, t in thresholds.items())
    print(f"\n{learner}: held-out ({name}), each fold's threshold chosen on the pages outside it ({folds})")
    print("| dataset | source | P / R / F1 with site model | P / R / F1 without |")
    print("|---|---|---|---|")
    for (d, s), page_rows in sorted(rows.items()):
        t = page_thresholds(page_rows, thresholds, protocol)
        a, b = prf(page_rows, probs[d, s, True], t, True), prf(page_rows, probs[d, s, False], t, False)
        print(f"| {d} | {s} | {a} | {b} |", flush=True)
    return probs, thresholds


#: (probabilities, threshold, heading_like, words, vectors() rows, later copies) -> lines kept.
Decision = Callable[..., list[bool]]


def _bridge(max_gap: int, short_flanks: bool) -> Decision:
    """Keep the lines of a gap of at most ``max_gap`` short lines (``heading_like``) between two kept lines
    (``short_flanks``: only when both kept lines are short too, as inside a list)."""
    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        out = decide(p, threshold, heading_like, words, RELATIVE, copies)
        kept = [i for i, k in enumerate(out) if k]
        for a, b in zip(kept, kept[1:]):
            if 1 < b - a <= max_gap + 1 and all(heading_like[a + 1 : b]) and (
                    not short_flanks or (heading_like[a] and heading_like[b])):
                out[a + 1 : b] = [True] * (b - a - 1)
        return out
    return keep


def _hysteresis(share: float) -> Decision:
    """Grow each kept run over neighbouring lines at least ``share`` of the page's threshold (no rule or site-model
    mark): a weak line next to content is kept."""
    noisy = [NAMES.index("rule_hit"), NAMES.index("repeated")]

    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        out = decide(p, threshold, heading_like, words, RELATIVE, copies)
        low = share * page_threshold(p, threshold, RELATIVE)
        weak = (np.asarray(p) >= low) & ~(np.asarray(base)[:, noisy] > 0).any(axis=1)
        for order in (range(1, len(out)), range(len(out) - 2, -1, -1)):
            for i in order:
                j = i - 1 if order.step == 1 else i + 1
                out[i] = out[i] or bool(out[j] and weak[i])
        return out
    return keep


def _prose(min_words: int, share: float) -> Decision:
    """Also keep a prose line (``min_words`` words or more, a sentence end, 20% stopwords, no rule or site-model mark,
    not below a comment heading) whose probability is at least ``share`` of the page's threshold."""
    cols = [NAMES.index(k) for k in ("ends_sentence", "stopwords", "rule_hit", "repeated", "comment_heading_above")]

    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        out = decide(p, threshold, heading_like, words, RELATIVE, copies)
        low = share * page_threshold(p, threshold, RELATIVE)
        b = np.asarray(base)[:, cols]
        extra = (np.asarray(words) >= min_words) & (b[:, 0] > 0) & (b[:, 1] >= 0.2) & (b[:, 2:].sum(axis=1) == 0)
        return [bool(k or (e and q >= low)) for k, e, q in zip(out, extra, p)]
    return keep


def _long_prose(min_words: int, min_stopwords: float) -> Decision:
    """Also keep every line of ``min_words`` words or more with a sentence end and ``min_stopwords`` stopwords,
    no rule or site-model mark, not below a comment heading, whatever its probability (session 15: an
    article printed as one line of 1,000+ words, which a fold model never saw, went as footer)."""
    cols = [NAMES.index(k) for k in ("ends_sentence", "stopwords", "rule_hit", "repeated", "comment_heading_above")]

    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        out = decide(p, threshold, heading_like, words, RELATIVE, copies)
        b = np.asarray(base)[:, cols]
        extra = (np.asarray(words) >= min_words) & (b[:, 0] > 0) & (b[:, 1] >= min_stopwords) & (b[:, 2:].sum(axis=1) == 0)
        return [bool(k or e) for k, e in zip(out, extra)]
    return keep


def _unsure(rule: Decision, below: float) -> Decision:
    """``rule`` on the pages whose most probable line is below ``below`` (a page type the model does not know);
    :func:`decide` on the others."""
    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        if len(p) and float(np.max(p)) < below:
            return rule(p, threshold, heading_like, words, base, copies)
        return decide(p, threshold, heading_like, words, RELATIVE, copies)
    return keep


def _headline_runs(min_run: int, max_p: float, below_prose: bool) -> Decision:
    """Also remove each run of at least ``min_run`` consecutive headline-like lines (4-15 words, no sentence end,
    separator or quote mark) whose highest probability is below ``max_p`` (``below_prose``: only below the
    page's last kept prose line): related-headline lists the model keeps on a page whose threshold fell."""
    ends, seps, quotes = (NAMES.index(k) for k in ("ends_sentence", "separators", "quote"))

    def keep(p: np.ndarray, threshold: float, heading_like: np.ndarray, words: np.ndarray, base: np.ndarray,
             copies: Sequence[int] | None = None) -> list[bool]:
        out = decide(p, threshold, heading_like, words, RELATIVE, copies)
        b, w, p = np.asarray(base), np.asarray(words), np.asarray(p)
        headline = (w >= 4) & (w <= 15) & ~(b[:, ends] > 0) & ~(b[:, seps] > 0) & ~(b[:, quotes] > 0)
        prose = [i for i, k in enumerate(out) if k and w[i] >= 10 and b[i, ends] > 0]
        last = prose[-1] if prose else -1
        i = 0
        while i < len(out):
            j = i
            while j < len(out) and headline[j]:
                j += 1
            if j - i >= min_run and p[i:j].max() < max_p and (not below_prose or -1 < last < i):
                out[i:j] = [False] * (j - i)
            i = max(j, i + 1)
        return out
    return keep


#: Decision rules tried on top of the line model to keep more content (``--decisions``); "shipped" is :func:`decide`.
DECISIONS: dict[str, Decision | None] = {
    "shipped": None,
    "bridge gaps of <= 3 short lines": _bridge(3, False),
    "bridge gaps of <= 3 short lines between short lines (lists)": _bridge(3, True),
    "bridge gaps of <= 5 short lines between short lines (lists)": _bridge(5, True),
    "grow kept runs over lines >= 0.5 x threshold": _hysteresis(0.5),
    "keep prose of 20+ words >= 0.3 x threshold": _prose(20, 0.3),
    "the same, only on pages whose best line is < 0.8": _unsure(_prose(20, 0.3), 0.8),
    "the same, only on pages whose best line is < 0.9": _unsure(_prose(20, 0.3), 0.9),
    "keep prose lines of 150+ words (30% stopwords) at any probability": _long_prose(150, 0.3),
    "keep prose lines of 300+ words (30% stopwords) at any probability": _long_prose(300, 0.3),
    # ... and to remove more (session 10: docs/page-mode.md, "Runs of headline-like lines")
    "headline runs >= 4, p < 0.5, below the last kept prose": _headline_runs(4, 0.5, True),
    "headline runs >= 4, p < 0.5, anywhere": _headline_runs(4, 0.5, False),
    "headline runs >= 4, p < 0.7, anywhere": _headline_runs(4, 0.7, False),
    "headline runs >= 6, p < 0.5, below the last kept prose": _headline_runs(6, 0.5, True),
}


def compare_decisions(rows: dict[Key, list[PageRows]], results: dict[str, tuple[Probabilities, dict[str, float]]]) -> None:
    """Held-out table of :data:`DECISIONS` (with a per-site model, each fold at its threshold), and each fold's choice
    among them by the same rule as the threshold (best mean F1 outside the fold, news recall >= MIN_RECALL)."""
    for protocol, (probs, thresholds) in results.items():
        scores = {}
        for name, rule in DECISIONS.items():
            for (d, s), page_rows in rows.items():
                found = []
                for r, p in zip(page_rows, probs[d, s, True]):
                    t = thresholds[fold_of(r, protocol)]
                    keep = None if rule is None or not r.lines else rule(
                        p, t, r.heading_like[True], r.words, r.base[True], copies_of(r, True))
                    found.append(fast_score(r, p, t, True, keep))
                scores[name, d, s] = np.array(found, dtype=np.float64).reshape(-1, 3)
        folds = {k: np.array([fold_of(r, protocol) for r in rs]) for k, rs in rows.items()}
        outside_of = outside_masks(rows, protocol)

        def cells(name: str, exclude: str | None) -> dict[Key, np.ndarray]:
            return {k: scores[(name, *k)][outside_of(k, exclude)].mean(axis=0) for k in rows if outside_of(k, exclude).any()}

        def outside(name: str, fold: str) -> float:
            found = cells(name, fold)
            ok = all(v[1] >= MIN_RECALL for (d, s), v in found.items() if d in NEWS_DATASETS and s == SOURCES[0])
            return float(np.mean([v[2] for v in found.values()])) if ok else -1.0

        chosen = {f: max(DECISIONS, key=lambda n: (outside(n, f), n == "shipped")) for f in sorted({f for v in folds.values() for f in v})}
        print(f"\ndecision rules, held out ({protocol}); chosen per fold outside it: "
              + ", ".join(f"{f}: {n}" for f, n in chosen.items()))
        keys = sorted(rows)
        print("| decision | mean F1 | " + " | ".join(f"{d} {s} R / F1" for d, s in keys) + " |")
        print("|---|---|" + "---|" * len(keys))
        nested = {k: np.vstack([scores[(chosen[f], *k)][i] for i, f in enumerate(folds[k])]).mean(axis=0) for k in keys}
        for name, found in [*((n, cells(n, None)) for n in DECISIONS), ("each fold's choice", nested)]:
            print(f"| {name} | {np.mean([found[k][2] for k in keys]):.4f} | "
                  + " | ".join(f"{found[k][1]:.3f} / {found[k][2]:.3f}" for k in keys) + " |", flush=True)


# --- The stacked learner (``--learner stacked``): a second stage of trees over the first stage's probabilities ---

#: Stage 2's lightgbm parameters (fewer, smaller trees: its inputs are few and already informative).
STACK_PARAMS: dict = {**TREE_PARAMS, "num_leaves": 15, "min_data_in_leaf": 400}
STACK_ROUNDS = 100
#: The shipped probability: the mean of the two stages' (stage 2 alone moved a leave-one-dataset-out fold's
#: threshold and lost dragnet_train page_text F1; see docs/page-mode.md).
STACK_BLEND = 0.5
STACK_PATH = MODEL_PATH.with_name("stack_model.npz")


def inner_model(rows: Sequence[PageRows], excluded: tuple, key: str):
    """First-stage trees (:func:`train_trees`' data and parameters) trained on ``rows`` (the rows outside
    ``excluded``, a sorted tuple of (protocol, fold)); cached like :func:`fold_model`."""
    digest = hashlib.sha1(repr((TREE_PARAMS, TREE_ROUNDS, PAGE_WEIGHT, "inner", excluded, key, training_code())).encode())
    path = CACHE.parent / "page-models" / f"inner-{digest.hexdigest()[:12]}.npz"
    if path.exists():
        return Trees.load(path.read_bytes())
    model = train_trees(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    return model


def _score_rows(model: Trees, items: Sequence[tuple[PageRows, bool]]) -> list[np.ndarray]:
    """``model``'s probabilities of each (row, with_model), in one pass over all their lines."""
    if not items:
        return []
    x = np.vstack([_matrix(r, wm) for r, wm in items])
    p = model.probability(x)
    ends = np.cumsum([len(r.lines) for r, _ in items])
    return np.split(p, ends[:-1])


def oof_probabilities(rows: dict[Key, list[PageRows]], protocol: str, outer: str, key: str
                      ) -> dict[tuple[int, bool], np.ndarray]:
    """First-stage probabilities of every training row of fold ``outer`` (with and without a site model), each
    from an inner model that did not see its site: the inner folds are :func:`site_fold`'s, inside the outer
    training set (``{(id(row), with_model): p}``)."""
    train = [r for r in training_rows(rows, outer, protocol) if r.lines]
    out: dict[tuple[int, bool], np.ndarray] = {}
    for inner in range(SITE_FOLDS):
        excluded = tuple(sorted({(protocol, outer), ("sites", f"sites{inner}")}))
        fit_rows = [r for r in train if site_fold(r.site) != inner]
        scored = [r for r in train if site_fold(r.site) == inner]
        if not scored:
            continue
        model = inner_model(fit_rows, excluded, key)
        items = [(r, wm) for r in scored for wm in (True, False)]
        for (r, wm), p in zip(items, _score_rows(model, items)):
            out[id(r), wm] = p
        print(f"  inner {protocol} {outer} / sites{inner}: {len(fit_rows)} pages in, {len(scored)} scored", flush=True)
    return out


def _fit_stage2(rows: Sequence[PageRows], first: dict[tuple[int, bool], np.ndarray]) -> Trees:
    """Stage 2 trained on ``rows`` (each with and without a site model, :func:`_items`) from their out-of-fold
    first-stage probabilities ``first`` (``{(id(row), with_model): p}``), exported to :class:`Trees`."""
    items = _items(rows)
    x = np.vstack([stack_matrix(first[id(r), wm], r.base[wm], r.words) for r, wm in items])
    y, w = labels_and_weights(items)
    booster = _fit(x, y, w, STACK_PARAMS, STACK_ROUNDS, STACK_NAMES)
    return Trees.from_dump(booster.dump_model(), {"names": list(STACK_NAMES)})


def fold_stage2(rows: dict[Key, list[PageRows]], fold: str, key: str, protocol: str) -> Trees:
    """Stage 2 of held-out ``fold``: trained on the rows outside it from their out-of-fold first-stage
    probabilities (:func:`oof_probabilities`); cached beside the fold models, keyed like them (the rows'
    ``key``, the training code, the protocol and the fold)."""
    spec = (protocol, fold, SITE_FOLDS, tuple(sorted({d for d, _ in rows})))
    digest = hashlib.sha1(repr((STACK_PARAMS, STACK_ROUNDS, "stage2", spec, key, stage2_code())).encode())
    path = CACHE.parent / "page-models" / f"stage2-{digest.hexdigest()[:12]}.npz"
    if path.exists():
        return Trees.load(path.read_bytes())
    oof = oof_probabilities(rows, protocol, fold, key)
    model = _fit_stage2(training_rows(rows, fold, protocol), oof)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    return model


def stage2_code() -> str:
    """The source of everything that turns a fold's rows into its stage 2 (part of its cache key; what the
    package's ``stack_matrix`` and tree evaluation make of the rows is in :func:`rows_key`)."""
    parts = (inner_model, _score_rows, oof_probabilities, _fit_stage2)
    return training_code() + "".join(inspect.getsource(part) for part in parts)


def stacked_probabilities(rows: dict[Key, list[PageRows]], first: Probabilities, key: str, protocol: str
                          ) -> Probabilities:
    """Per (dataset, source, with_model): each page's second-stage probabilities, held out like ``first`` (the
    first stage's held-out probabilities): stage 2 of each fold is trained on the fold's training rows with
    out-of-fold first-stage probabilities (:func:`oof_probabilities`), and scores the fold's rows from the
    first stage of that fold."""
    out: Probabilities = {k: [None] * len(v) for k, v in first.items()}
    folds = sorted({fold_of(r, protocol) for rs in rows.values() for r in rs})
    for fold in folds:
        stage2 = fold_stage2(rows, fold, key, protocol)
        for (d, s), page_rows in rows.items():
            for i, r in enumerate(page_rows):
                if fold_of(r, protocol) == fold:
                    for wm in (True, False):
                        out[d, s, wm][i] = stage2_probability(stage2, r, wm, first[d, s, wm][i])
        print(f"stage 2 {protocol} {fold}: scored", flush=True)
    return out


def stage2_probability(stage2: Trees, row: PageRows, with_model: bool, first: np.ndarray) -> np.ndarray:
    """``stage2``'s probabilities of ``row``'s lines from their first-stage probabilities ``first``."""
    return stage2.probability(stack_matrix(first, row.base[with_model], row.words)) if len(first) else first


def blended(first: Probabilities, second: Probabilities) -> Probabilities:
    """The shipped probability of each line: :data:`STACK_BLEND` of stage 2's, the rest the first stage's (as
    :meth:`~cleantext.filters.page.PageBlocks.analyse` blends them)."""
    return {k: [(1 - STACK_BLEND) * a + STACK_BLEND * b for a, b in zip(first[k], second[k])] for k in first}


class FoldStages(NamedTuple):
    """One held-out fold of the shipped line model: both stages trained outside the fold, and the threshold of
    their blended probabilities chosen outside it (:func:`choose_thresholds`, as :func:`compare_stacked`)."""

    stage1: Trees
    stage2: Trees
    threshold: float


def stacked_folds(rows: dict[Key, list[PageRows]], key: str, protocol: str, extra_folds: Sequence[str] = ()
                  ) -> dict[str, FoldStages]:
    """Per fold of ``protocol``: its :class:`FoldStages` (the models cached, :func:`fold_model` and
    :func:`fold_stage2`); ``extra_folds``: also these folds, which hold no gold page (``"trafilatura_eval"``:
    trained on no page of its sites, its threshold chosen on the gold pages of other sites)."""
    first = heldout_probabilities(rows, "trees", key, protocol)
    thresholds = choose_thresholds(rows, blended(first, stacked_probabilities(rows, first, key, protocol)), protocol,
                                   extra_folds)
    return {fold: FoldStages(fold_model(rows, "trees", fold, key, protocol), fold_stage2(rows, fold, key, protocol), t)
            for fold, t in thresholds.items() if fold != "all"}


def compare_stacked(rows: dict[Key, list[PageRows]], key: str, protocol: str) -> tuple[Probabilities, dict[str, float]]:
    """Held-out table of the shipped trees, the stacked learner and the mean of the two probabilities, side by side
    (``protocol``, with a site model, each fold at its own threshold chosen outside it), with the mean F1 over
    the cells."""
    first = heldout_probabilities(rows, "trees", key, protocol)
    second = stacked_probabilities(rows, first, key, protocol)
    blend = blended(first, second)
    learners = {"trees (shipped)": first, "stacked": second, "mean of both": blend}
    cells, chosen = {}, {}
    for name, probs in learners.items():
        chosen[name] = choose_thresholds(rows, probs, protocol)
        cells[name] = {k: prf(rs, probs[(*k, True)], page_thresholds(rs, chosen[name], protocol), True)
                       for k, rs in rows.items()}
        print(f"{name} ({protocol}) thresholds: " + ", ".join(f"{f} {t:.2f}" for f, t in chosen[name].items()))
    others = list(learners)[1:]
    print(f"\nheld out ({protocol}), with site model, line level: P / R / F1")
    print("| dataset | input | " + " | ".join(f"{n} | ΔF1" if n in others else n for n in learners) + " |")
    print("|---|---|" + "---|" * (len(learners) + len(others)))
    base = cells["trees (shipped)"]
    for k in sorted(rows):
        print(f"| {k[0]} | {k[1]} | {_cell(base[k])} | "
              + " | ".join(f"{_cell(cells[n][k])} | {cells[n][k].f1 - base[k].f1:+.4f}" for n in others) + " |")
    means = {n: float(np.mean([c.f1 for c in v.values()])) for n, v in cells.items()}
    print(f"| mean F1 | | {means['trees (shipped)']:.4f} | "
          + " | ".join(f"{means[n]:.4f} | {means[n] - means['trees (shipped)']:+.4f}" for n in others) + " |", flush=True)
    return blend, chosen["mean of both"]


def train_stack(rows: dict[Key, list[PageRows]], key: str) -> Trees:
    """Stage 2 on every row, from out-of-fold first-stage probabilities (each row scored by the site-grouped fold
    model that did not see its site: the inner folds of the shipped model's training set), as :class:`Trees`."""
    first: dict[tuple[int, bool], np.ndarray] = {}
    for k in range(SITE_FOLDS):
        model = fold_model(rows, "trees", f"sites{k}", key, "sites")
        items = [(r, wm) for r in every_row(rows) if r.lines and site_fold(r.site) == k for wm in (True, False)]
        for (r, wm), p in zip(items, _score_rows(model, items)):
            first[id(r), wm] = p
    return _fit_stage2(every_row(rows), first)


def with_stack_meta(stage2: Trees, threshold: float, high_below: float, trained_on: Iterable[str]) -> Trees:
    """``stage2`` with the meta page mode reads of a second stage (:data:`STACK_BLEND`, the blended
    probabilities' threshold and ``high_below`` cutoff) and what it was trained on, as ``stack_model.npz``
    carries it."""
    meta = {**stage2.meta, "blend": STACK_BLEND, "threshold": threshold, "high_below": high_below,
            "trained_on": sorted(trained_on), "sources": list(SOURCES)}
    return replace(stage2, meta=meta)


def _cell(c: PRF) -> str:
    return f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.4f}"


def print_calibration(table: list[tuple[str, float, float, int]], title: str) -> None:
    print(f"\n{title}")
    print("| content probability | precision of removals | share of removed words | removed words |")
    print("|---|---|---|---|")
    for label, precision, share, n in table:
        print(f"| {label} | {precision:.3f} | {share:.1%} | {n} |", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    global RELATIVE  # --relative: every scoring function reads the module's value
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data")
    parser.add_argument("--compare", action="store_true", help="also score the former two-pass logistic model held out")
    parser.add_argument("--protocol", choices=(*PROTOCOLS, "both"), default="both",
                        help="leave one dataset out, site-grouped k-fold, or both (default)")
    parser.add_argument("--write", action="store_true", help=f"train on all datasets and write {MODEL_PATH.name}")
    parser.add_argument("--decisions", action="store_true", help="also compare the decision rules of DECISIONS held out")
    parser.add_argument("--learner", choices=("trees", "stacked"), default="trees",
                        help="stacked: also train a second stage of trees over the first stage's out-of-fold "
                             "probabilities and compare it with the trees held out (not shipped)")
    parser.add_argument("--snippets", action="store_true",
                        help=f"also train on the lines the snippets of {', '.join(SNIPPET_DATASETS)} label (never scored)")
    parser.add_argument("--relative", type=float, help=f"score with this page-relative threshold instead of "
                        f"RELATIVE ({RELATIVE}); with --write it goes into the model's meta")
    args = parser.parse_args(argv)
    if args.relative is not None:
        RELATIVE = args.relative
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set $CLEANTEXT_BENCH")
    rows = load_rows(root, snippets=args.snippets)
    key = rows_key(rows)
    protocols = PROTOCOLS if args.protocol == "both" else (args.protocol,)
    results = {}
    for protocol in protocols:
        if args.compare:
            for learner in LEARNERS:
                if learner != "trees":
                    report(rows, learner, protocol=protocol)
        if args.learner == "stacked":
            results[protocol] = compare_stacked(rows, key, protocol)
        else:
            results[protocol] = report(rows, "trees", key, protocol)
    if args.decisions:
        compare_decisions(rows, results)
    # The shipped threshold: chosen on the site-grouped folds' held-out predictions when they are there (the
    # shipped model is trained on every dataset, as those folds are), else on leave-one-dataset-out.
    threshold = results["sites" if "sites" in results else protocols[0]][1]["all"]
    highs = []
    for protocol, (probs, _) in results.items():
        table = calibration(rows, probs, threshold)
        highs.append(high_cutoff(table))
        print_calibration(table, f"calibration ({protocol}: held-out removals, with site model, both sources, "
                                 f"threshold {threshold:.2f}):")
    # 'high' where every protocol's held-out removals are at least HIGH_PRECISION precise.
    high = min(highs)
    print(f"\nshipped threshold {threshold:.2f}; 'high' confidence below content probability {high:g}")
    if args.write and args.learner == "stacked":
        with_stack_meta(train_stack(rows, key), threshold, high, {r.dataset for r in every_row(rows)}).save(STACK_PATH)
        print(f"wrote {STACK_PATH} ({STACK_PATH.stat().st_size // 1024} KB, threshold {threshold}, high below {high})")
        return 0
    if args.write:
        model = train_trees(every_row(rows))
        meta = {**model.meta, "threshold": threshold, "relative": RELATIVE, "high_below": high,
                "trained_on": sorted({r.dataset for r in every_row(rows)}), "sources": list(SOURCES)}
        Trees(model.feature, model.threshold, model.left, model.right, model.leaf_value, model.depth, meta).save(MODEL_PATH)
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB, threshold {threshold}, high below {high})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
