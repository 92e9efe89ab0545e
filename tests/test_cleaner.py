"""Cleaner (scikit-learn style) and the Spark/Dask pattern: shards -> Stats -> tree merge -> finalize."""

from __future__ import annotations

import pickle
import random
from concurrent.futures import ProcessPoolExecutor

import pytest

import cleantext
from cleantext.cleaner import Cleaner, NotFittedError
from cleantext.learn import LearnParams, Stats
from tests.site_corpus import site_pages

TEXTS, GROUPS = site_pages(60, extra=["Follow the newsroom on every platform"])


def test_cleaner_equals_fit_then_clean():
    expected = [cleantext.clean(t, model=cleantext.fit(TEXTS)) for t in TEXTS]
    assert Cleaner().fit(TEXTS).transform(TEXTS) == expected
    assert all("Local news" not in e for e in expected)  # the model learned something
    assert all(t.splitlines()[1] in e for t, e in zip(TEXTS, expected))


def test_cleaner_with_groups_params_and_options():
    cleaner = Cleaner(min_docs=4, keep_categories={"social"})
    out = cleaner.fit_transform(TEXTS, groups=GROUPS)
    model = cleantext.fit(TEXTS, groups=GROUPS, min_docs=4)
    assert cleaner.model_ == model
    options = {"keep_categories": {"social"}}
    assert out == [
        cleantext.clean(t, model=model, group=g, **options) for t, g in zip(TEXTS, GROUPS)
    ]


def test_cleaner_streams_a_generator_once():
    cleaner = Cleaner().fit(iter(TEXTS))
    assert cleaner.model_ == cleantext.fit(TEXTS)
    assert Cleaner().fit_transform(iter(TEXTS)) == Cleaner().fit(TEXTS).transform(TEXTS)


def test_transform_before_fit_says_so():
    with pytest.raises(NotFittedError, match="call fit"):
        Cleaner().transform(["a"])


def test_params_are_named_and_round_trip():
    with pytest.raises(TypeError, match="colour"):
        Cleaner(colour="red")
    keep = {"ads"}
    cleaner = Cleaner(min_docs=5, keep_categories=keep)
    assert cleaner.get_params() == {"min_docs": 5, "keep_categories": keep}
    assert cleaner.get_params()["keep_categories"] is keep  # scikit-learn's clone checks identity
    assert cleaner.set_params(min_docs=6) is cleaner
    assert cleaner.get_params(deep=False)["min_docs"] == 6
    with pytest.raises(TypeError, match="colour"):
        cleaner.set_params(colour="red")
    assert repr(cleaner) == "Cleaner(keep_categories={'ads'}, min_docs=6)"


def test_bad_param_value_fails_at_fit():
    with pytest.raises(ValueError, match="min_docs"):
        Cleaner(min_docs=0).fit(TEXTS)


def test_cleaner_pickles_with_its_model():
    cleaner = Cleaner(min_docs=4).fit(TEXTS, groups=GROUPS)
    again = pickle.loads(pickle.dumps(cleaner))
    assert again.get_params() == cleaner.get_params()
    assert again.model_ == cleaner.model_
    assert again.transform(TEXTS, groups=GROUPS) == cleaner.transform(TEXTS, groups=GROUPS)


def test_in_a_scikit_learn_pipeline():
    sklearn = pytest.importorskip("sklearn", reason="scikit-learn is optional")
    from sklearn.base import clone
    from sklearn.pipeline import Pipeline

    pipe = Pipeline([("clean", Cleaner(min_docs=4))])
    assert pipe.fit_transform(TEXTS) == Cleaner(min_docs=4).fit_transform(TEXTS)
    assert pipe.transform(TEXTS[:3]) == Cleaner(min_docs=4).fit(TEXTS).transform(TEXTS[:3])
    twin = clone(Cleaner(min_docs=4))
    assert twin.get_params() == {"min_docs": 4} and not hasattr(twin, "model_")
    assert sklearn.__version__


# -- the Spark / Dask pattern: mapPartitions -> Stats, treeReduce(merge), finalize -----------


def _shard_stats(shard: list[tuple[str, str | None]]) -> Stats:
    """What a Spark mapPartitions or a Dask map_partitions task runs."""
    stats = Stats(LearnParams(min_docs=4))
    for text, group in shard:
        stats.add(text, group=group)
    return stats


def _tree_merge(parts: list[Stats]) -> Stats:
    """Spark's treeReduce: merge neighbours level by level."""
    while len(parts) > 1:
        pairs = [parts[i : i + 2] for i in range(0, len(parts), 2)]
        parts = [p[0].merge(p[1]) if len(p) == 2 else p[0] for p in pairs]
    return parts[0]


@pytest.mark.parametrize("shards", [1, 4, 7])
@pytest.mark.parametrize("grouped", [False, True])
def test_sharded_stats_in_worker_processes_equal_in_process_fit(shards, grouped):
    rows = list(zip(TEXTS, GROUPS if grouped else [None] * len(TEXTS)))
    random.Random(shards).shuffle(rows)  # shards see the rows in another order
    parts = [rows[i::shards] for i in range(shards)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        stats = list(pool.map(_shard_stats, parts))
    model = _tree_merge(stats).finalize()
    expected = cleantext.fit(TEXTS, groups=GROUPS if grouped else None, min_docs=4)
    assert model == expected
    assert model.spans(GROUPS[0] if grouped else None)  # something was learned
    assert _tree_merge(stats[::-1]).finalize() == expected


def test_a_bad_cleaning_option_fails_at_fit():
    """Cleaner(mode="nope").fit(...) went through the whole fit and failed only at transform."""
    with pytest.raises(ValueError, match="mode must be one of"):
        Cleaner(mode="nope").fit(["Body one.", "Body two."])
    with pytest.raises(ValueError, match="unknown category"):
        Cleaner(keep_categories={"adverts"}).fit(["Body one."])
