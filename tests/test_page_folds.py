"""The held-out page-mode rows run both stages of the line model, as shipped.

``page_train`` scores a fold's pages from its rows (features extracted once, :mod:`benchmarks.page_rows`);
``page_eval.heldout_scores`` cleans them with ``PageBlocks(model=stage1, stage2=stage2)``. These check, on
generated pages (no benchmark data), that both paths give each line the same probability for a pair of stages
with a fold's meta, and that the pair reaches the filter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest

from benchmarks import page_eval, page_train
from benchmarks.page_rows import page_rows
from cleantext import fit
from cleantext.config import Config
from cleantext.document import Document
from cleantext.filters import PageBlocks
from cleantext.filters import default as default_filters
from cleantext.filters.page import shipped_model, shipped_stage2
from cleantext.pipeline import Pipeline
from tests.site_corpus import site_pages

MENU = ["Home", "News", "Sport", "Contact us"]


@dataclass(frozen=True)
class _Page:
    """What :func:`page_rows` reads of a benchmark page."""

    site: str
    page_id: str
    dataset: str = "synthetic"
    page_type: str = "article"


def _fold_pair() -> tuple:
    """The shipped stages with a fold's meta, as ``page_eval.fold_models`` sets it (threshold 0.3, not 0.35)."""
    stage1 = replace(shipped_model(), meta={**shipped_model().meta, "relative": page_train.RELATIVE})
    return stage1, page_train.with_stack_meta(shipped_stage2(), 0.3, 0.01, ["big9", "l3s_gn1"])


def test_a_fold_pair_carries_the_meta_of_the_shipped_stage2() -> None:
    stage1, stage2 = _fold_pair()
    assert set(stage2.meta) == set(shipped_stage2().meta)
    blocks = PageBlocks(model=stage1, stage2=stage2)
    assert (blocks.threshold, blocks.blend, blocks.high_below) == (0.3, page_train.STACK_BLEND, 0.01)
    assert blocks.relative == page_train.RELATIVE


def test_page_mode_runs_the_pair() -> None:
    stage1, stage2 = _fold_pair()
    found = [f for f in page_eval.page_mode(stage1, stage2) if isinstance(f, PageBlocks)]
    assert len(found) == 1 and found[0].model is stage1 and found[0].stage2 is stage2


@pytest.mark.parametrize("with_model", [True, False])
def test_page_train_probabilities_are_page_modes(with_model: bool) -> None:
    """page_train's blended probabilities of a page's rows == what PageBlocks computes when it cleans the page."""
    texts, sites = site_pages(12, extra=["Read more", *MENU])
    texts = ["\n".join([*MENU, text]) for text in texts]
    site_model = fit(texts, groups=sites)
    stage1, stage2 = _fold_pair()
    config = Config(mode="page")
    rules = [f for f in default_filters(config) if not isinstance(f, PageBlocks)]
    for i, (text, site) in enumerate(zip(texts[:4], sites)):
        row = page_rows(_Page(site, f"p{i}"), text, "", site_model)
        first = page_train.predict(stage1, row, with_model)
        key = ("synthetic", "page_text", with_model)
        ours = page_train.blended({key: [first]}, {key: [page_train.stage2_probability(stage2, row, with_model, first)]})
        doc = Document(Pipeline(rules, config).run(text).normalized)
        blocks = PageBlocks(model=stage1, stage2=stage2, learned=site_model.filter(site) if with_model else None)
        theirs = blocks.analyse(doc).probabilities
        assert len(theirs) == len(row.lines) > 0
        np.testing.assert_allclose(ours[key][0], theirs, rtol=0, atol=1e-12)


def test_the_fold_models_key_follows_the_rows_not_the_package_source() -> None:
    """``rows_key`` (the trained models' cache key) is the same for rows that hold the same, whatever was
    cached on them, and changes with any field of any row: a stale model is never served for other rows."""
    texts, sites = site_pages(6, extra=["Read more", *MENU])
    site_model = fit(texts, groups=sites)

    def rows() -> dict:
        return {("synthetic", "page_text"): [page_rows(_Page(s, f"p{i}"), t, t.split("\n")[-1], site_model)
                                             for i, (t, s) in enumerate(zip(texts, sites))]}

    first, second = rows(), rows()
    page_train.training_set(second[("synthetic", "page_text")])  # caches matrices on the rows
    assert page_train.rows_key(first) == page_train.rows_key(second)
    row = second[("synthetic", "page_text")][2]
    row.labels[0] = 1.0 - row.labels[0]
    assert page_train.rows_key(first) != page_train.rows_key(second)
    third = rows()
    third[("synthetic", "page_text")][0].base[True][0, 0] += 1.0
    assert page_train.rows_key(first) != page_train.rows_key(third)


def _row(dataset: str, site: str, page_id: str, labels=(1.0, 0.0)) -> "page_train.PageRows":
    return page_train.PageRows(dataset, site, page_id, "article", ["a", "b"][: len(labels)], np.ones(len(labels)),
                               {}, {}, {}, {}, np.array(labels, dtype=float), "")


def test_leave_one_dataset_out_never_splits_a_site() -> None:
    """cnn.com has pages in two datasets: holding one out holds out the site's pages in the other too."""
    rows = page_train.Rows({("news", "page_text"): [_row("news", "cnn.com", "1"), _row("news", "a.com", "2")],
                            ("wire", "page_text"): [_row("wire", "cnn.com", "3"), _row("wire", "b.com", "4")]})
    rows.partial = (_row("snips", "cnn.com", "5", (1.0, np.nan)), _row("snips", "c.com", "6", (np.nan, 0.0)),
                    _row("snips", "d.com", "7", (np.nan, np.nan)))
    assert page_train.held_sites(rows, "news") == {"cnn.com", "a.com"}
    assert [r.page_id for r in page_train.training_rows(rows, "news")] == ["4"]  # rows of snippets: not asked for
    # trafilatura_eval's own fold: no gold page of its sites trains it
    assert page_train.held_sites(rows, "snips") == {"cnn.com", "c.com", "d.com"}
    assert [r.page_id for r in page_train.training_rows(rows, "snips")] == ["2", "4"]
    rows.train_partial = True  # page_train --snippets: the labelled rows of snippets train too
    assert [r.page_id for r in page_train.training_rows(rows, "news")] == ["4", "6"]
    assert [r.page_id for r in page_train.training_rows(rows, "wire")] == ["2", "6"]
    assert [r.page_id for r in page_train.every_row(rows)] == ["1", "2", "3", "4", "5", "6"]
    outside = page_train.outside_masks(rows, "datasets")
    assert outside(("wire", "page_text"), "news").tolist() == [False, True]
    assert outside(("news", "page_text"), None).tolist() == [True, True]
    # site-grouped folds hold a site in one fold already: nothing more is left out
    fold = page_train.fold_of(rows["news", "page_text"][0], "sites")
    trained = {r.page_id for r in page_train.training_rows(rows, fold, "sites")}
    assert "1" not in trained and "3" not in trained and "5" not in trained


def test_unlabelled_lines_of_snippet_rows_weigh_nothing() -> None:
    row = _row("snips", "c.com", "6", (np.nan, 0.0, 1.0))
    y, w = page_train.labels_and_weights([(row, True)])
    assert y.tolist() == [0.0, 0.0, 1.0]
    assert w[0] == 0.0 and w[1] == w[2] == page_train.PAGE_WEIGHT / 3
