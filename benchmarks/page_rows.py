"""The training rows of page mode's line model: every line of every benchmark page, with its features and label.

One :class:`PageRows` per page and input (``page_text`` or ``resiliparse``): the
line features with and without a per-site model (fitted per dataset,
grouped by site, on the same input), what the other page-mode filters (rules,
and the learned spans) leave of each line, and the label (the line is gold).
Extracting them runs the rule matcher and the learned filter on every page
(minutes), so they are cached under ``~/.cache/cleantext-bench/page-rows/``,
keyed by a hash of the feature code and the benchmark manifest.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import cleantext
from cleantext import fit
from cleantext.config import Config
from cleantext.document import Document
from cleantext.filters import default as default_filters
from cleantext.filters.matcher import matcher_for
from cleantext.filters.page import PageBlocks
from cleantext.filters.page_features import page_inputs
from cleantext.config import LANGUAGES
from cleantext.pipeline import Pipeline
from .data import pages
from .rules_eval import normalise

#: The inputs page mode is trained and scored on.
SOURCES = ("page_text", "resiliparse")
CACHE = Path(os.environ.get("CLEANTEXT_BENCH_CACHE", Path.home() / ".cache" / "cleantext-bench")) / "page-rows"


@dataclass
class PageRows:
    """One page's non-blank lines: features (with / without a site model), labels, what other filters leave."""

    dataset: str
    site: str
    page_id: str
    page_type: str
    lines: list[str]
    words: np.ndarray
    base: dict[bool, np.ndarray]          # with_model -> vectors() rows
    heading_like: dict[bool, np.ndarray]
    comment_heading: dict[bool, int | None]
    left: dict[bool, list[str]]           # with_model -> each line's text after the other filters
    labels: np.ndarray                    # 1.0 = gold line
    gold: str


def gold_labels(lines: Sequence[str], gold: str) -> np.ndarray:
    """1.0 for a line that is one of the gold's lines, or (4+ words) a run of the gold's words.

    >>> gold_labels(["Home", "The storm hit the coast", "Menu"], "Intro.\\nThe storm hit the coast on Monday.")
    array([0., 1., 0.])
    """
    gold_lines = {normalise(line) for line in gold.split("\n")}
    gold_words = f" {normalise(gold)} "
    out = np.zeros(len(lines))
    for i, line in enumerate(lines):
        n = normalise(line)
        if n and (n in gold_lines or (n.count(" ") >= 3 and f" {n} " in gold_words)):
            out[i] = 1.0
    return out


def snippet_labels(lines: Sequence[str], extra: dict) -> np.ndarray:
    """Labels from a page's ``with`` / ``without`` snippets (trafilatura_eval): 1.0 for a line holding a
    ``with`` snippet, 0.0 for one holding a ``without`` snippet and no ``with`` one, NaN (unlabelled) for
    every other line. A snippet is held as :func:`benchmarks.score.survives` finds it (whole case-folded
    words), with each snippet normalised once per page, not once per line.

    >>> snippet_labels(["Home", "The storm hit the coast.", "Share this"],
    ...                {"with": ["storm hit"], "without": ["Share this", "absent"]}).tolist()
    [nan, 1.0, 0.0]
    """
    keep = [f" {n} " for s in extra.get("with") or () if (n := normalise(s))]
    drop = [f" {n} " for s in extra.get("without") or () if (n := normalise(s))]
    out = np.full(len(lines), np.nan)
    for i, line in enumerate(lines):
        n = f" {normalise(line)} "
        if any(s in n for s in keep):
            out[i] = 1.0
        elif any(s in n for s in drop):
            out[i] = 0.0
    return out


def snippet_rows(root: Path, dataset: str, source: str) -> list[PageRows]:
    """Rows of a dataset without gold whose pages carry snippets, labelled by :func:`snippet_labels` (a page
    without a snippet in its text has no labelled line). The features come from :func:`dataset_rows` (cached);
    the labels are set here, after the cache."""
    extras = {page.page_id: page.extra() or {} for page in pages(root, dataset)}
    out = dataset_rows(root, dataset, source, gold_kind="none")
    for row in out:
        row.labels = snippet_labels(row.lines, extras.get(row.page_id) or {})
    return out


def _left_of_lines(doc: Document, spans: Sequence[tuple[int, int]]) -> list[str]:
    """Each content line's text with ``spans`` cut out."""
    mask = bytearray(len(doc.text) + 1)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    out = []
    for line in doc.content_lines:
        if not any(mask[line.start : line.end]):
            out.append(line.text)
        else:
            out.append("".join(c for c, m in zip(line.text, mask[line.start : line.end]) if not m))
    return out


def page_rows(page, text: str, gold: str, model) -> PageRows:
    """The rows of one page (``model``: the dataset's per-site model)."""
    config = Config(mode="page")
    rules = [f for f in default_filters(config) if not isinstance(f, PageBlocks)]
    normalized = Pipeline(rules, config).run(text)
    doc = Document(normalized.normalized)
    rule_spans = [(r.start, r.end) for r in normalized.removals if r.applied]
    learned = list(model.filter(page.site)(doc))
    learned_spans = [(r.start, r.end) for r in learned]
    base, heading_like, comment_heading, left = {}, {}, {}, {}
    for with_model in (False, True):
        inputs = page_inputs(doc, matcher_for(LANGUAGES), LANGUAGES, learned_removals=learned if with_model else None)
        base[with_model] = np.asarray(inputs.vectors, dtype=np.float64)
        heading_like[with_model] = np.asarray(inputs.heading_like, dtype=bool)
        comment_heading[with_model] = inputs.comment_heading
        left[with_model] = _left_of_lines(doc, rule_spans + (learned_spans if with_model else []))
    lines = [line.stripped for line in doc.content_lines]
    return PageRows(
        page.dataset, page.site, page.page_id, page.page_type, lines,
        np.array([len(normalise(t).split()) for t in lines]), base, heading_like, comment_heading, left,
        gold_labels(lines, gold), gold,
    )


def code_hash(root: Path) -> str:
    """A hash of the code the rows come from and of the benchmark manifest (the cache key).

    Every file of the ``cleantext`` package (code, rules, word lists, models) is hashed, not only the
    feature functions: a row also holds what the rules, the learner and the comments filter decided
    before the line model, and a key that missed a change there served rows of older code.
    """
    h = hashlib.sha1()
    for part in (page_rows, gold_labels, _left_of_lines):
        h.update(inspect.getsource(part).encode("utf-8"))
    package = Path(cleantext.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode("utf-8"))
            h.update(path.read_bytes())
    h.update((root / "manifest.tsv").read_bytes())
    return h.hexdigest()[:12]


def rows_digest(rows: dict[tuple[str, str], list[PageRows]]) -> str:
    """A hash of what ``rows`` hold (every field of every row), the key of the models trained on them.

    :func:`code_hash` keys the rows by the package they come from, so any edit of the package
    (speed work that changes no output, a docstring) re-extracts them; the fold models are keyed
    by this instead, so rows that came out the same reuse the models trained on them.
    """
    h = hashlib.sha1()
    for key in sorted(rows):
        h.update(repr(key).encode("utf-8"))
        for row in rows[key]:
            for name in _ROW_FIELDS:
                _digest(h, getattr(row, name))
    return h.hexdigest()[:12]


_ROW_FIELDS = tuple(PageRows.__dataclass_fields__)


def _digest(h: "hashlib._Hash", value: object) -> None:
    if isinstance(value, np.ndarray):
        h.update(f"{value.dtype.str}{value.shape}".encode())
        h.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        for key in sorted(value):
            h.update(repr(key).encode())
            _digest(h, value[key])
    elif isinstance(value, list):
        h.update(f"[{len(value)}]".encode())
        for item in value:
            _digest(h, item)
    else:
        h.update(repr(value).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")


def dataset_rows(root: Path, dataset: str, source: str, gold_kind: str = "gold") -> list[PageRows]:
    """Rows of every page of ``dataset`` read from ``source``, from the cache when it is there."""
    path = CACHE / code_hash(root) / f"{dataset}.{source}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    items = []
    for page in pages(root, dataset):
        text, gold = page.read(source), page.read(gold_kind) if gold_kind != "none" else ""
        if text is not None and gold is not None:
            items.append((page, text, gold))
    model = fit([text for _, text, _ in items], groups=[page.site for page, _, _ in items])
    out = [page_rows(page, text, gold, model) for page, text, gold in items]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return out


if __name__ == "__main__":  # pragma: no cover - fills the cache: python -m benchmarks.page_rows DATASET SOURCE
    import sys
    import time

    from benchmarks import page_rows as module  # pickles name the module, not __main__
    from benchmarks.data import find_bench

    bench = find_bench(None)
    for name in sys.argv[1].split(","):
        for src in sys.argv[2].split(","):
            t0 = time.time()
            rows = module.dataset_rows(bench, name, src)
            print(name, src, len(rows), f"{time.time() - t0:.0f}s", flush=True)
