"""An experiment, not shipped: can a line model find a comment thread that has no furniture at all?

trafilatura's default text keeps a page's comments after the article but drops their
furniture (author lines, dates, "Reply"), so most of dragnet_train's threads in it have
no heading and no marker: the comments filter cannot see them. This script fits a line
model on each line's shape (length against the page's, questions, exclamations, a name
alone with a comma, emoticons, links, its neighbours, the text above and below it, its
position) and takes the suffix of the text with the highest summed score as the thread.
No words of any language are read. Held out it takes too much article to ship (see
docs/categories.md, "Comment threads"); the numbers are reproduced by::

    python -m benchmarks.comments_train [--data DIR] [--learner lr|gbt] [--max-loss 0.001]

Labels: on every page of the gold datasets whose trafilatura default text is its
``include_comments=False`` text plus more lines, those further lines are the thread
trafilatura found in the HTML (1); every other line is 0 (pages where the two texts
differ otherwise are left out). The human gold (dragnet_train's ``comments_gold``,
l3s_gn1's ``comments`` blocks) is kept for scoring (``benchmarks.comments_eval``).

Protocol: leave one dataset out. For each gold dataset, a model (logistic, or 60
gradient-boosted trees of 8 leaves, deterministic) is fitted on the pages of the other
datasets whose site is not on the held-out dataset (sites are never split); the suffix
is placed on its scores and taken when they, shifted, sum above a threshold; shift and
threshold are chosen on the training folds (most thread words for at most ``--max-loss``
of the other words), then scored on the dataset left out: thread words taken, other
words taken, pages cut inside the article.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import regex

from cleantext.document import Document, Line
from cleantext.filters.comments import Comments, Marker

from .data import GOLD_DATASETS, find_bench, pages


_URL_RE = regex.compile(r"https?://|www\.\w")
_EMOTICON_RE = regex.compile(r"(?<!\w)[:;=]-?[)(DPp](?!\w)|\^_\^|<3|\bxo+x?\b|\blol\b|\bhaha", regex.IGNORECASE)
_VOCATIVE_RE = regex.compile(r"^[\w.\x27’ -]{1,40}?\s?(?:,|:|--|—|–|!)$")
_EMPHASIS_RE = regex.compile(r"!!|\?\?|\?!|!\?|\.{3}|…")
_TERMINAL = frozenset(".!?\"”’\x27)»:")
_OPEN_QUOTES = frozenset("\"“„«‘\x27")
#: Per-line features, then the same features averaged over the lines around (see :func:`thread_features`).
LINE_FEATURES = ("log_words", "short", "terminal", "question", "exclaim", "vocative", "emoticon", "url",
                 "quote", "lower", "marker", "emphasis")
CONTEXT = 2


def _line_shape(text: str, words: int, marker: Marker | None) -> list[float]:
    core = text.strip()
    return [
        math.log1p(words),
        1.0 if words <= 4 else 0.0,
        1.0 if core[-1:] in _TERMINAL else 0.0,
        1.0 if "?" in core else 0.0,
        1.0 if "!" in core else 0.0,
        1.0 if words <= 4 and _VOCATIVE_RE.match(core) else 0.0,
        1.0 if _EMOTICON_RE.search(core) else 0.0,
        1.0 if _URL_RE.search(core) else 0.0,
        1.0 if core[:1] in _OPEN_QUOTES else 0.0,
        1.0 if core[:1].islower() else 0.0,
        1.0 if marker is not None else 0.0,
        1.0 if _EMPHASIS_RE.search(core) else 0.0,
    ]


def thread_features(lines: Sequence[Line], markers: Sequence[Marker | None]) -> list[list[float]]:
    """The thread-start model's features of each content line: its shape, its neighbours' mean shape,
    the mean shape of the text above it and of the text from it on, its position (share of the words
    above it) and its length against the page's mean line."""
    n = len(lines)
    words = [line.words for line in lines]
    shapes = [_line_shape(line.text, w, m) for line, w, m in zip(lines, words, markers)]
    k = len(LINE_FEATURES)
    prefix = [[0.0] * k]
    for shape in shapes:
        prefix.append([a + b for a, b in zip(prefix[-1], shape)])
    total = max(sum(words), 1)
    mean_words = total / max(n, 1)
    out = []
    above = 0
    for i in range(n):
        lo, hi = max(0, i - CONTEXT), min(n, i + CONTEXT + 1)
        near = [(b - a) / (hi - lo) for a, b in zip(prefix[lo], prefix[hi])]
        up = [(b - a) / i for a, b in zip(prefix[0], prefix[i])] if i else [0.0] * k
        down = [(b - a) / (n - i) for a, b in zip(prefix[i], prefix[n])]
        out.append([*shapes[i], *near, *up, *down, above / total,
                    math.log((words[i] + 1) / (mean_words + 1)), math.log1p(n)])
        above += words[i]
    return out


@dataclass
class PageRows:
    dataset: str
    site: str
    page_id: str
    x: np.ndarray  # lines x features
    y: np.ndarray  # 1 = line of the thread
    words: np.ndarray


def page_rows(root, datasets: Sequence[str] = GOLD_DATASETS) -> list[PageRows]:
    flt = Comments()
    out = []
    for dataset in datasets:
        for page in pages(root, dataset):
            text, nc = page.read("trafilatura"), page.read("trafilatura_nc")
            if text is None or nc is None:
                continue
            raw, nc_lines = text.split("\n"), nc.split("\n")
            if text == nc or not nc.strip():
                boundary = len(raw)
            elif raw[: len(nc_lines)] == nc_lines:
                boundary = len(nc_lines)
            else:
                continue
            doc = Document(text)
            lines = doc.content_lines
            if not lines:
                continue
            markers = [flt.marker(line) for line in lines]
            x = np.array(thread_features(lines, markers), dtype=float)
            y = np.array([1.0 if line.index >= boundary else 0.0 for line in lines])
            out.append(PageRows(dataset, page.site, page.page_id, x, y, np.array([line.words for line in lines])))
    return out


def fit(rows: Sequence[PageRows], c: float = 1.0) -> np.ndarray:
    """Logistic weights (bias last) on raw features; each page weighs the same."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r.x for r in rows])
    y = np.concatenate([r.y for r in rows])
    w = np.concatenate([np.full(len(r.y), 1.0 / len(r.y)) for r in rows])
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mu) / sd, y, sample_weight=w * len(rows))
    coef = model.coef_[0] / sd
    bias = model.intercept_[0] - float((model.coef_[0] * mu / sd).sum())
    return np.concatenate([coef, [bias]])


def best_suffix(z: np.ndarray, words: np.ndarray, min_words: int) -> tuple[int, float]:
    """(start, sum) of the suffix with the highest summed logit that starts after ``min_words`` words."""
    suffix = np.cumsum(z[::-1])[::-1]
    above = np.concatenate([[0], np.cumsum(words)[:-1]])
    allowed = above >= min_words
    if not allowed.any():
        return len(z), 0.0
    k = int(np.argmax(np.where(allowed, suffix, -np.inf)))
    return k, float(suffix[k])


def outcome(scores: list[np.ndarray], rows: Sequence[PageRows], shift: float, t_sum: float,
            min_words: int = 40) -> tuple[int, int, int, int, int]:
    """(thread words taken, thread words, other words taken, other words, pages cut inside the article):
    the suffix is placed on the raw scores and taken when its scores plus ``shift`` sum to ``t_sum``."""
    tt = tw = ot = ow = bad = 0
    for z, r in zip(scores, rows):
        k, _ = best_suffix(z, r.words, min_words)
        if (z[k:] + shift).sum() < t_sum:
            k = len(z)
        taken = np.arange(len(z)) >= k
        tw += int(r.words[r.y == 1].sum())
        tt += int(r.words[(r.y == 1) & taken].sum())
        ow += int(r.words[r.y == 0].sum())
        lost = int(r.words[(r.y == 0) & taken].sum())
        ot += lost
        bad += lost > 0
    return tt, tw, ot, ow, bad


def choose(scores, rows, max_loss: float) -> tuple[float, float]:
    """The shift and threshold taking the most thread words of ``rows`` while taking at most ``max_loss`` of
    their other words."""
    best = None
    for shift in np.arange(-3, 3.01, 0.25):
        for t_sum in (1, 2, 4, 8, 16, 32, 64):
            tt, tw, ot, ow, bad = outcome(scores, rows, float(shift), t_sum)
            if ot <= max_loss * ow and (best is None or tt > best[0]):
                best = (tt, float(shift), float(t_sum))
    return (best[1], best[2]) if best else (0.0, math.inf)


def fit_gbt(rows: Sequence[PageRows]):
    import lightgbm as lgb

    x = np.vstack([r.x for r in rows])
    y = np.concatenate([r.y for r in rows])
    w = np.concatenate([np.full(len(r.y), 1.0 / len(r.y)) for r in rows])
    model = lgb.LGBMClassifier(n_estimators=60, num_leaves=8, learning_rate=0.1, min_child_samples=50,
                               verbose=-1, deterministic=True, n_jobs=1, seed=0)
    model.fit(x, y, sample_weight=w * len(rows))
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--learner", choices=("lr", "gbt"), default="gbt")
    parser.add_argument("--max-loss", type=float, default=0.001,
                        help="share of non-thread words the thresholds may take on the training folds")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    rows = page_rows(root)
    for held in GOLD_DATASETS:
        test = [r for r in rows if r.dataset == held]
        sites = {r.site for r in test}
        train = [r for r in rows if r.dataset != held and r.site not in sites]
        if args.learner == "lr":
            weights = fit(train)
            score_of = lambda r, w=weights: r.x @ w[:-1] + w[-1]  # noqa: E731
        else:
            model = fit_gbt(train)
            score_of = lambda r, m=model: m.predict(r.x, raw_score=True)  # noqa: E731
        shift, t_sum = choose([score_of(r) for r in train], train, args.max_loss)
        tt, tw, ot, ow, bad = outcome([score_of(r) for r in test], test, shift, t_sum)
        print(f"held out {held} ({args.learner}, shift {shift}, sum {t_sum}): thread words taken {tt}/{tw} "
              f"({tt / max(tw, 1):.1%}), other words taken {ot}/{ow} ({ot / max(ow, 1):.3%}), "
              f"pages cut inside the article {bad}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
