"""A learned detector of the unmarked comment thread at the end of trafilatura's text (article mode), held out.

The second run of :mod:`benchmarks.comments_train`'s experiment (same label, trafilatura_nc's line
prefix; shape features only there), with comment-voice words of ten languages, thresholds chosen for
F1 and scoring through the (c) row, the snippet bars and the ceiling of the label itself. The two
scripts should become one when this work resumes.

Usage::

    python -m benchmarks.comment_tail [--data DIR] [--cache FILE] [--after-filters] [--tolerance T]
                                      [--save FILE.npz] [--folds-dir DIR] [--gate]

Research only: the detector is **not shipped** (it does not earn its place held out; docs/categories.md,
"Comment threads", has the table). ``--cache`` keeps the (c) runs (about a minute) in a pickle outside
the repository; never copy bench data into the repository.

**Label (distillation).** trafilatura's default text keeps a page's comment thread after the article;
its ``include_comments=False`` text is, on most pages where the two differ, an exact line prefix of
it. The lines beyond that prefix are trafilatura's own (HTML-based) decision of what the thread is:
a label for every page of every dataset. Pages whose two texts are equal have no tail (every line
negative); pages where the comment-free text is not a line prefix are left out of training (still
scored).

**Features** (:func:`features`): per line, none naming a site: comment voice
(first/second person pronouns, greetings and thanks from each language's ``voice_*`` word lists,
"Hi X," / "@name", emoticons, ! and ?, a lower-case start), shape (length, neighbours' lengths,
date/time stamps, short name-like lines) and position (lines and words to the end), plus the means
of these over the rest of the text (the thread is a suffix).

**Decision.** A suffix: the start line maximising the summed (log-odds - bias) of the lines from it
to the end; removed only when that sum exceeds a margin. bias and margin are chosen on the training
folds only (out-of-fold line scores, sites never split), maximising the macro F1 against the gold of
the training datasets' pages.

**Protocol.** Leave one dataset out: the trees and the thresholds are fitted on the other gold datasets
(big9, l3s_gn1, scrapinghub, wcxb_dev, dragnet_train) and scored on the one left out (trafilatura_eval,
which has snippets only, is scored with the model fitted on all five). The (c) row is trafilatura's
default text -> ``clean()`` with the rules and a per-site model fitted on the dataset's own texts;
(c)+tail removes the detector's suffix from what (c) keeps; "(c) cut at the label" removes
trafilatura's own tail instead (it reads trafilatura_nc: the ceiling of this distillation); (n) is
trafilatura_nc. The trees are evaluated at scoring time with numpy (``page_trees.Trees``, as a
shipped filter would), not with lightgbm. ``--after-filters``: the detector reads only the lines
the rules and the per-site model kept (a post-pass) instead of the whole text.

**Gate** (``--gate``; both conditions written down here before any gated run was scored, not tuned
after): the detector's cut is refused on a page when

1. the comments filter recognises the page as a forum / a page of posts: its forum guard, called
   as the article-mode filter (``Comments()``, every language, as ``default_pipeline`` builds it for
   trafilatura's text) decides it: at least ``comments.MIN_FORUM_LINES`` of the normalized text's
   content lines are forum post furniture (``Comments.marker(line).kind == comments.FORUM``:
   "Joined: Mar 2016", "Posts: 1,725", "Quote", "mcrouse Admin Hi @Linc, ..."); the guard's condition
   itself, whether or not the filter's earlier "no heading and too little furniture" exit is reached;
2. the cut would take more than half of the page's words: the words of the normalized text's lines
   from the cut's first line to the end exceed ``Config().max_low_confidence_share`` (0.5) of the
   normalized text's words (``Document.words``), the library's low-confidence safety cap.

With ``--gate`` one training run prints the table twice, ungated then gated (the gate changes no
model nor threshold: bias and margin are still chosen ungated on the training folds).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import regex

import cleantext
from cleantext import languages
from cleantext.config import Config
from cleantext.document import Document
from cleantext.filters import comments as comments_filter
from cleantext.filters.page_trees import Trees
from cleantext.normalize import cut

from .comments_eval import ThreadShares, dragnet_comments
from .data import GOLD_DATASETS, find_bench, pages
from .methods import fit_per_site
from .score import PRF, macro, score, tokens
from .snippets import Shares, tally

# ---------------------------------------------------------------------------------------------- features
_TOKEN_RE = regex.compile(r"\w+")
_EMOTICON_RE = regex.compile(r"(?:^|\s)[:;=8][-']?[)(DPpO/\\|3\]\[]|\bx[Dd]\b|<3|\^_?\^|[\p{Extended_Pictographic}]")
_STAMP_RE = regex.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b")
_ADDRESS_RE = regex.compile(r"^\s*(?:@\w|\p{Lu}[\p{L}'’.-]{1,20}(?:\s\p{Lu}[\p{L}'’.-]{0,20})?\s?[,:]\s)")
_END_RE = regex.compile(r"""[.!?…:;]["'”’»)\]]*\s*$""")
_QUOTE_START_RE = regex.compile(r"""^\s*["“‘«„]""")
_CODE_CHARS = frozenset("{}()[];=<>/\\_$#|*`")
_LIST_START_RE = regex.compile(r"^\s*(?:[-*•|>]|\d{1,3}[.)])\s")

#: Feature names, in column order (the shipped model's meta repeats them; a mismatch is refused).
FEATURES = (
    "words", "chars", "pronouns", "pronoun_share", "social", "social_first", "address", "at_signs",
    "emoticons", "exclamations", "questions", "ends_question", "lower_start", "ends_sentence", "stamp",
    "name_like", "quote_start", "digit_share", "code_share", "list_start", "lines_to_end", "words_after_share",
    "prev_words", "next_words", "prev_pronoun_share", "next_pronoun_share",
    "rest_pronoun_share", "rest_social", "rest_words", "rest_lower_start", "rest_short", "rest_emoticons",
    "rest_code", "before_pronoun_share", "before_social", "before_words", "before_lower_start", "before_code",
    "pronoun_change", "social_change", "words_change", "lower_change",
)


@cache
def _voice() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(languages.words("voice_pronouns")), frozenset(languages.words("voice_social"))


def _line_columns(text: str, pronouns: frozenset[str], social: frozenset[str]) -> list[float]:
    toks = _TOKEN_RE.findall(text.casefold())
    n = len(toks)
    pron = sum(t in pronouns for t in toks)
    soc = sum(t in social for t in toks)
    stripped = text.strip()
    first = next((c for c in stripped if c.isalpha()), "")
    words = stripped.split()
    name_like = (0 < len(words) <= 4 and not _END_RE.search(stripped)
                 and all(w[:1].isupper() or not w[:1].isalpha() for w in words))
    digits = sum(c.isdigit() for c in stripped)
    return [
        float(n), float(len(stripped)), float(pron), pron / n if n else 0.0, float(soc),
        float(bool(toks) and toks[0] in social), float(bool(_ADDRESS_RE.match(stripped))),
        float(stripped.count("@")), float(len(_EMOTICON_RE.findall(stripped))), float(stripped.count("!")),
        float(stripped.count("?")), float(stripped.endswith("?")), float(bool(first) and first.islower()),
        float(bool(_END_RE.search(stripped))), float(bool(_STAMP_RE.search(stripped))), float(name_like),
        float(bool(_QUOTE_START_RE.match(stripped))), digits / max(len(stripped), 1),
        sum(c in _CODE_CHARS for c in stripped) / max(len(stripped), 1), float(bool(_LIST_START_RE.match(text))),
    ]


def features(texts: Sequence[str]) -> np.ndarray:
    """One row of :data:`FEATURES` per line of ``texts`` (the content lines of a text, in order)."""
    pronouns, social = _voice()
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    base = np.array([_line_columns(t, pronouns, social) for t in texts], dtype=np.float64)
    words, pshare, soc, lower, emo = base[:, 0], base[:, 3], (base[:, 4] > 0).astype(float), base[:, 12], base[:, 8]
    code = base[:, 18]
    short = (words <= 3).astype(float)
    idx = np.arange(n, dtype=np.float64)
    to_end = n - idx  # lines from this one to the end (this one included)

    def rest_mean(values: np.ndarray) -> np.ndarray:
        return np.cumsum(values[::-1])[::-1] / to_end

    before_count = np.maximum(idx, 1)

    def before_mean(values: np.ndarray) -> np.ndarray:
        return np.concatenate(([0.0], np.cumsum(values)[:-1])) / before_count

    total = max(words.sum(), 1.0)
    prev_words = np.concatenate(([0.0], words[:-1]))
    next_words = np.concatenate((words[1:], [0.0]))
    prev_p = np.concatenate(([0.0], pshare[:-1]))
    next_p = np.concatenate((pshare[1:], [0.0]))
    rest = [rest_mean(v) for v in (pshare, soc, words, lower)]
    before = [before_mean(v) for v in (pshare, soc, words, lower)]
    extra = np.column_stack([
        to_end - 1, np.cumsum(words[::-1])[::-1] / total, prev_words, next_words, prev_p, next_p,
        *rest, rest_mean(short), rest_mean(emo), rest_mean(code), before[0], before[1], before[2], before[3],
        before_mean(code), *(r - b for r, b in zip(rest, before)),
    ])
    return np.hstack([base, extra])


def best_suffix(logits: np.ndarray, bias: float, margin: float, keep_first: int = 1) -> int | None:
    """The start of the suffix with the largest summed ``logit - bias`` if that sum exceeds ``margin``, else None.

    The first ``keep_first`` lines are never part of it (an article has at least its first line).

    >>> best_suffix(np.array([-3.0, -2.0, 4.0, 5.0]), 0.0, 1.0)
    2
    >>> best_suffix(np.array([-3.0, -2.0, 0.2]), 0.0, 1.0) is None
    True
    """
    if len(logits) <= keep_first:
        return None
    sums = np.cumsum((logits - bias)[::-1])[::-1][keep_first:]
    best = int(np.argmax(sums))
    if sums[best] <= margin:
        return None
    return best + keep_first


class TailModel:
    """The trees and the suffix thresholds (bias, margin) of one training run."""

    def __init__(self, trees: Trees, bias: float, margin: float) -> None:
        self.trees, self.bias, self.margin = trees, float(bias), float(margin)

    @classmethod
    def load(cls, data: bytes) -> TailModel:
        trees = Trees.load(data)
        names = tuple(trees.meta.get("features", ()))
        if names != FEATURES:
            raise ValueError("comment_tail model: its features do not match this cleantext's FEATURES")
        return cls(trees, trees.meta["bias"], trees.meta["margin"])

    def start(self, texts: Sequence[str]) -> int | None:
        """The index (into ``texts``) of the first line of the unmarked thread, or None."""
        if len(texts) < 2:
            return None
        return best_suffix(self.trees.raw(features(texts)), self.bias, self.margin)



ALL = (*GOLD_DATASETS, "trafilatura_eval")


def tail_label(text: str, nc: str | None) -> int | None:
    """The index of the first line of ``text`` beyond trafilatura_nc's line prefix (len(lines) if the texts
    agree); None when the comment-free text is not a line prefix (no label).

    >>> tail_label("Article.\\nMore.\\nGreat post!", "Article.\\nMore."), tail_label("A\\nB", "A\\nB")
    (2, 2)
    >>> tail_label("A\\nB", "X") is None
    True
    """
    lines = text.split("\n")
    if nc is None:
        return None
    nc_lines = nc.rstrip("\n").split("\n")
    if nc.strip() == text.strip():
        return len(lines)
    if len(nc_lines) < len(lines) and [s.strip() for s in lines[:len(nc_lines)]] == [s.strip() for s in nc_lines]:
        return len(nc_lines)
    return None


def build_cache(root: Path, datasets: Sequence[str] = ALL) -> list[dict]:
    """Per page: the normalized text's lines, what (c) keeps of each line, the label and the references."""
    rows = []
    for dataset in datasets:
        items = [p for p in pages(root, dataset) if p.paths.get("trafilatura")]
        model = fit_per_site(items, "trafilatura")
        for page in items:
            text = page.read("trafilatura") or ""
            result = cleantext.default_pipeline(model=model, group=page.site).run(text)
            normalized = result.normalized
            spans = sorted((r.start, r.end) for r in result.removals if r.applied)
            doc = Document(normalized)
            kept = []
            for line in doc.lines:
                inside = [(max(s, line.start) - line.start, min(e, line.end) - line.start)
                          for s, e in spans if s < line.end and e > line.start]
                kept.append(cut(line.text, inside) if inside else line.text)
            nc = page.read("trafilatura_nc")
            rows.append({
                "dataset": dataset, "site": page.site, "page_id": page.page_id,
                "lines": [line.text for line in doc.lines], "kept": kept, "text": text,
                "baseline": result.text,
                "label": tail_label(normalized, None if nc is None else cleantext.normalize(nc)),
                "gold": page.read("gold"), "nc": nc,
                "comments": dragnet_comments(page) if dataset == "dragnet_train" else "",
                "extra": page.extra() if dataset in ("trafilatura_eval", "wcxb_dev") else None,
            })
        print(f"cached {dataset}: {len(items)} pages", file=sys.stderr)
    return rows


def load_cache(root: Path, path: Path) -> list[dict]:
    if path.is_file():
        with open(path, "rb") as handle:
            return pickle.load(handle)
    rows = build_cache(root)
    with open(path, "wb") as handle:
        pickle.dump(rows, handle)
    return rows


# ---------------------------------------------------------------------------------------------- per page arrays
class PageData:
    """One cached page ready to score: its content lines' features and labels, and, for every suffix start,
    the token overlap with the gold of what (c) keeps before it."""

    def __init__(self, row: dict, after_filters: bool = False) -> None:
        self.row = row
        #: after_filters: the detector reads only what the other filters kept (a post-pass), not the whole text
        lines = row["kept"] if after_filters else row["lines"]
        self.content = [i for i, t in enumerate(lines) if t.strip()]
        self.texts = [lines[i] for i in self.content]
        self.x = features(self.texts)
        label = row["label"]
        self.y = None if label is None else np.array([i >= label for i in self.content], dtype=np.float64)
        gold = tokens(row["gold"]) if row.get("gold") is not None else None
        # out_len[j] / overlap[j]: tokens (c) keeps of the lines before content line j, and how many match the gold
        n = len(self.content)
        self.out_len = np.zeros(n + 1)
        self.overlap = np.zeros(n + 1)
        self.gold_len = sum(gold.values()) if gold else 0
        if gold is not None:
            used: Counter[str] = Counter()
            out = ov = 0
            bounds = self.content[1:] + [len(lines)]
            prev = 0
            for j, end in enumerate([self.content[0] if n else len(lines)] + bounds):
                for i in range(prev, end):
                    for tok in tokens(row["kept"][i]).elements():
                        out += 1
                        if used[tok] < gold[tok]:
                            ov += 1
                        used[tok] += 1
                prev = end
                if j <= n:
                    self.out_len[j] = out
                    self.overlap[j] = ov

    def prf(self, start: int | None) -> tuple[float, float, float]:
        """P/R/F1 (score.py's definitions) of (c)'s output cut at content line ``start`` (None: not cut)."""
        j = len(self.content) if start is None else start
        out, ov, gold = self.out_len[j], self.overlap[j], self.gold_len
        p = ov / out if out else (1.0 if not gold else 0.0)
        r = ov / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def output(self, start: int | None) -> str:
        lines, kept = self.row["kept"], self.row["kept"]
        end = len(lines) if start is None or start >= len(self.content) else self.content[start]
        return "\n".join(k for k in kept[:end] if k.strip())


# ---------------------------------------------------------------------------------------------- training
PARAMS = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 15, "min_data_in_leaf": 50,
          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
          "verbose": -1, "num_threads": 2, "seed": 7, "deterministic": True, "force_row_wise": True}
ROUNDS = 150
BIASES = tuple(np.round(np.arange(-1.0, 6.01, 0.5), 2))
MARGINS = (0.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 32.0)


def fit_trees(data: Sequence[PageData]):
    import lightgbm as lgb

    train = [d for d in data if d.y is not None and len(d.y)]
    x = np.vstack([d.x for d in train])
    y = np.concatenate([d.y for d in train])
    return lgb.train(PARAMS, lgb.Dataset(x, y), num_boost_round=ROUNDS)


def _logits(booster, data: Sequence[PageData]) -> list[np.ndarray]:
    return [booster.predict(d.x, raw_score=True) if len(d.content) else np.zeros(0) for d in data]


def out_of_fold(data: Sequence[PageData], folds: int = 4) -> list[np.ndarray]:
    """Each page's line logits from trees that never saw its site (sites hashed into ``folds`` groups)."""
    import zlib

    fold = [zlib.crc32(d.row["site"].encode()) % folds for d in data]
    out: list[np.ndarray] = [np.zeros(0)] * len(data)
    for k in range(folds):
        booster = fit_trees([d for d, f in zip(data, fold) if f != k])
        held = [i for i, f in enumerate(fold) if f == k]
        for i, logit in zip(held, _logits(booster, [data[i] for i in held])):
            out[i] = logit
    return out


def choose_thresholds(data: Sequence[PageData], logits: Sequence[np.ndarray],
                      tolerance: float = 0.0) -> tuple[float, float, float]:
    """(bias, margin, macro F1) maximising the macro F1 over the gold pages of ``data`` (training folds only)."""
    scored = [(d, lg) for d, lg in zip(data, logits) if d.gold_len or d.row.get("gold") is not None]
    by_dataset: dict[str, list] = {}
    for d, lg in scored:
        by_dataset.setdefault(d.row["dataset"], []).append((d, lg))
    grid = []
    for bias in BIASES:
        for margin in MARGINS:
            # each dataset weighs the same (the table is per dataset)
            f1 = np.mean([np.mean([d.prf(best_suffix(lg, bias, margin))[2] for d, lg in items])
                          for items in by_dataset.values()])
            grid.append((float(bias), float(margin), float(f1)))
    top = max(f1 for _, _, f1 in grid)
    # the most conservative setting within TOLERANCE of the best: content is worth more than a tie
    return max((g for g in grid if g[2] >= top - tolerance), key=lambda g: (g[0] + g[1] / 4, g[1]))


def trees_of(booster, meta: dict):
    return Trees.from_dump(booster.dump_model(), meta)


def train_model(data: Sequence[PageData], tolerance: float = 0.0):
    """Trees on every labelled page of ``data``, thresholds from out-of-fold logits: a TailModel.

    ``tolerance``: take the most conservative (bias, margin) whose training F1 is within it of the best."""
    bias, margin, f1 = choose_thresholds(data, out_of_fold(data), tolerance)
    booster = fit_trees(data)
    meta = {"features": list(FEATURES), "bias": bias, "margin": margin, "train_f1": round(f1, 4),
            "datasets": sorted({d.row["dataset"] for d in data})}
    return TailModel(trees_of(booster, meta), bias, margin), booster


# ---------------------------------------------------------------------------------------------- gate
@cache
def _forum_guard() -> comments_filter.Comments:
    return comments_filter.Comments()


def is_forum(doc: Document) -> bool:
    """Gate condition 1: the article-mode comments filter's forum guard holds for ``doc`` (its posts are content).

    >>> is_forum(Document("Great thread.\\nJoined: Mar 2016\\nPosts: 1,725\\nI agree with you."))
    True
    >>> is_forum(Document("An article about boats.\\nGreat post, thanks!"))
    False
    """
    guard = _forum_guard()
    found = sum(1 for line in doc.content_lines
                if (m := guard.marker(line)) is not None and m.kind == comments_filter.FORUM)
    return found >= comments_filter.MIN_FORUM_LINES


def too_much(doc: Document, first_line: int, share: float | None = None) -> bool:
    """Gate condition 2: cutting ``doc`` from line ``first_line`` on takes more than ``share`` (the library's
    ``max_low_confidence_share``, 0.5) of its words.

    >>> too_much(Document("one two three\\nfour five six seven"), 1), too_much(Document("one two three\\nfour"), 1)
    (True, False)
    """
    share = Config().max_low_confidence_share if share is None else share
    cut_words = sum(line.words for line in doc.lines[first_line:])
    return cut_words > share * doc.words


def gate_refuses(d: PageData, start: int) -> str | None:
    """Why the gate refuses the detector's cut of page ``d`` at content line ``start`` ("forum", "share"), or None."""
    doc = Document("\n".join(d.row["lines"]))
    if is_forum(doc):
        return "forum"
    first_line = d.content[start] if start < len(d.content) else len(d.row["lines"])
    if too_much(doc, first_line):
        return "share"
    return None


# ---------------------------------------------------------------------------------------------- evaluation
def label_start(d: PageData) -> int | None:
    """The first content line of trafilatura's own tail (the label), None when there is none or no label."""
    if d.y is None or not d.y.any():
        return None
    return int(np.argmax(d.y))


#: The rows of the table: (c) as is, cut by the detector, cut at trafilatura's own boundary (the label: the
#: ceiling of this distillation, it reads trafilatura_nc).
CUTS = ("(c)", "(c)+tail", "(c) cut at the label")


def evaluate(data: Sequence[PageData], model, gate: bool = False) -> dict:
    """(c), (c)+tail, (c) cut at the label, and (n) on ``data``'s pages with the given TailModel.

    ``gate``: the detector's cut is refused where :func:`gate_refuses` says so (counted in ``refused``)."""
    out: dict = {}
    refused: Counter[str] = Counter()
    prf: dict[str, list[PRF]] = {k: [] for k in (*CUTS, "(n)")}
    threads = {k: ThreadShares() for k in (*CUTS, "(n)")}
    snippets = {k: Shares() for k in CUTS}
    cut_pages = 0
    for d in data:
        row = d.row
        start = model.start(d.texts) if len(d.content) >= 2 else None
        if gate and start is not None and (why := gate_refuses(d, start)) is not None:
            refused[why] += 1
            start = None
        starts = dict(zip(CUTS, (None, start, label_start(d))))
        cut_pages += start is not None
        if row.get("gold") is not None:
            for key, at in starts.items():
                prf[key].append(PRF(*d.prf(at)))
            if row.get("nc") is not None:
                prf["(n)"].append(score(row["nc"], row["gold"]))
        if row.get("comments", "").strip():
            for key, at in starts.items():
                threads[key].add(row["text"], d.output(at), row["gold"], row["comments"])
            threads["(n)"].add(row["text"], row["nc"] or "", row["gold"], row["comments"])
        if row.get("extra") and (row["extra"].get("with") or row["extra"].get("without")):
            for key, at in starts.items():
                snippets[key] = tally(row["text"], d.output(at), row["extra"], snippets[key])
    out["pages"], out["cut"], out["refused"] = len(data), cut_pages, refused
    if prf["(c)"]:
        out["prf"] = {k: macro(v) if v else None for k, v in prf.items()}
    if threads["(c)"].pages:
        out["threads"] = threads
    if snippets["(c)"].with_found or snippets["(c)"].without_found:
        out["snippets"] = snippets
    return out


def _fmt(prf) -> str:
    return "" if prf is None else f"{prf.precision:.3f} / {prf.recall:.3f} / {prf.f1:.3f}"


def table(results: dict[str, dict], models: dict[str, object]) -> str:
    rows = ["| left out | pages (detector cut) | gate refused (forum / share) | bias / margin | (c)+tail P / R / F1 | (c) "
            "| (c) cut at trafilatura's boundary (ceiling) | (n) trafilatura_nc |", "|---|---|---|---|---|---|---|---|"]
    for ds, res in results.items():
        prf = res.get("prf") or {}
        m = models[ds]
        ref = res.get("refused") or Counter()
        rows.append(f"| {ds} | {res['pages']} ({res['cut']}) | {ref['forum']} / {ref['share']} | {m.bias:g} / {m.margin:g} | {_fmt(prf.get('(c)+tail'))} "
                    f"| {_fmt(prf.get('(c)'))} | {_fmt(prf.get(CUTS[2]))} | {_fmt(prf.get('(n)'))} |")
    rows += ["", "| left out | | comment-only words removed | article words lost | article lines' words lost |",
             "|---|---|---|---|---|"]
    for ds, res in results.items():
        for key, sh in (res.get("threads") or {}).items():
            rows.append(f"| {ds} ({sh.pages} thread pages) | {key} | {sh.removed:.1%} | {sh.lost:.2%} "
                        f"| {sh.lines_lost:.2%} ({sh.line_lost}) |")
    rows += ["", "| left out | | `with` kept | `without` removed |", "|---|---|---|---|"]
    for ds, res in results.items():
        for key, sh in (res.get("snippets") or {}).items():
            rows.append(f"| {ds} | {key} | {sh.with_kept}/{sh.with_found} ({sh.kept_share:.2%}) "
                        f"| {sh.without_removed}/{sh.without_found} ({sh.removed_share:.1%}) |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--cache", default=None, help="a pickle of the (c) runs (built when missing)")
    parser.add_argument("--save", default=None, help="write the model trained on all five gold datasets here")
    parser.add_argument("--folds-dir", default=None, help="also write each left-out fold's model here")
    parser.add_argument("--tolerance", type=float, default=0.0,
                        help="take the most conservative bias/margin within this much training F1 of the best")
    parser.add_argument("--after-filters", action="store_true",
                        help="the detector reads only what the rules and the per-site model kept (a post-pass)")
    parser.add_argument("--gate", action="store_true",
                        help="also score with the pre-declared gate (forum guard, half the words; module doc)")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        print("no benchmark folder", file=sys.stderr)
        return 2
    rows = load_cache(root, Path(args.cache)) if args.cache else build_cache(root)
    data = [PageData(r, args.after_filters) for r in rows]
    by_ds: dict[str, list[PageData]] = {}
    for d in data:
        by_ds.setdefault(d.row["dataset"], []).append(d)
    results, models, gated = {}, {}, {}
    for ds in GOLD_DATASETS:
        train = [d for other in GOLD_DATASETS if other != ds for d in by_ds[other]]
        model, _ = train_model(train, args.tolerance)
        models[ds] = model
        results[ds] = evaluate(by_ds[ds], model)
        if args.gate:
            gated[ds] = evaluate(by_ds[ds], model, gate=True)
        print(f"{ds}: bias {model.bias} margin {model.margin}", file=sys.stderr)
        if args.folds_dir:
            Path(args.folds_dir).mkdir(parents=True, exist_ok=True)
            model.trees.save(Path(args.folds_dir) / f"comment_tail_without_{ds}.npz")
    everything = [d for ds in GOLD_DATASETS for d in by_ds[ds]]
    full, _ = train_model(everything, args.tolerance)
    models["trafilatura_eval"] = full
    results["trafilatura_eval"] = evaluate(by_ds["trafilatura_eval"], full)
    if args.gate:
        gated["trafilatura_eval"] = evaluate(by_ds["trafilatura_eval"], full, gate=True)
    if args.save:
        full.trees.save(args.save)
    print(table(results, models))
    if args.gate:
        print("\n**Gated** (module doc, \"Gate\"):\n")
        print(table(gated, models))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
