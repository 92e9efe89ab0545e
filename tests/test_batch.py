"""Batch cleaning: lists, dict-of-columns batches, pandas and the Hugging Face ``datasets`` recipe."""

from __future__ import annotations

import pickle

import pytest

import cleantext
from cleantext.batch import clean_batch, clean_columns, mapper
from tests.site_corpus import site_pages

TEXTS = [
    "Storm hits coast.\nAdvertisement\nThe mayor said \u201cwe are ready.\u201d",
    "Rain falls.\n\nSign up for our free weekly newsletter",
    "Short line.",
    "",
    "Ein Sturm traf die K\u00fcste.\nWerbung",
]


def test_clean_batch_equals_clean_one_by_one():
    assert clean_batch(TEXTS) == [cleantext.clean(t) for t in TEXTS]


def test_clean_batch_passes_options():
    kept = clean_batch(TEXTS, keep_categories={"ads"})
    assert kept == [cleantext.clean(t, keep_categories={"ads"}) for t in TEXTS]
    assert "Advertisement" in kept[0]


def test_clean_batch_takes_any_iterable():
    assert clean_batch(iter(TEXTS)) == clean_batch(TEXTS)
    assert clean_batch(()) == []


def test_clean_batch_names_a_missing_text():
    with pytest.raises(TypeError, match=r"texts\[1\] is NoneType"):
        clean_batch(["a", None])


def test_clean_batch_wants_one_group_per_text():
    with pytest.raises(ValueError, match="3 texts but 2 groups"):
        clean_batch(["a", "b", "c"], groups=["x", "y"])


def test_unknown_option_is_named():
    with pytest.raises(TypeError, match="colour"):
        clean_batch(["a"], colour="red")
    with pytest.raises(TypeError, match="colour"):
        mapper(colour="red")


def test_clean_columns_keeps_other_columns():
    batch = {"id": [1, 2, 3, 4, 5], "text": list(TEXTS)}
    out = clean_columns(batch)
    assert out["id"] == [1, 2, 3, 4, 5]
    assert out["text"] == [cleantext.clean(t) for t in TEXTS]
    assert batch["text"] == TEXTS  # the input batch is not modified


def test_clean_columns_output_column_and_missing_column():
    out = clean_columns({"body": TEXTS}, text_column="body", output_column="clean")
    assert out["body"] == TEXTS
    assert out["clean"] == [cleantext.clean(t) for t in TEXTS]
    with pytest.raises(KeyError, match="no column 'text'.*body"):
        clean_columns({"body": TEXTS})


def test_clean_columns_on_numpy_columns():
    np = pytest.importorskip("numpy")
    texts, sites = site_pages(24, sites=2, seed=5)
    model = cleantext.fit(texts, groups=sites)
    batch = {"text": np.array(texts, dtype=object), "site": np.array(sites)}
    out = clean_columns(batch, group_column="site", model=model)
    assert out["text"] == [cleantext.clean(t, model=model, group=g) for t, g in zip(texts, sites)]


def test_clean_columns_on_a_pandas_frame():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": range(5), "text": TEXTS})
    out = clean_columns(frame, output_column="clean")
    assert isinstance(out, pd.DataFrame)
    assert list(out["clean"]) == [cleantext.clean(t) for t in TEXTS]
    assert list(out["text"]) == TEXTS


def test_clean_batch_with_a_model_and_groups_equals_clean():
    texts, sites = site_pages(24, sites=2, seed=5)
    model = cleantext.fit(texts, groups=sites)
    expected = [cleantext.clean(t, model=model, group=g) for t, g in zip(texts, sites)]
    assert clean_batch(texts, model=model, groups=sites) == expected
    assert all("Local news" not in e and "Copyright" not in e for e in expected)
    assert all(t.splitlines()[1] in e for t, e in zip(texts, expected))


def test_groups_need_a_model_as_for_clean():
    with pytest.raises(TypeError, match="pass model= too"):
        clean_batch(["a"], groups=["x"])
    with pytest.raises(TypeError, match="cleantext.Model"):
        clean_batch(["a"], model="not a model")


def test_pandas_recipe_with_clean_batch():
    pd = pytest.importorskip("pandas")
    texts, sites = site_pages(24, sites=2, seed=5)
    frame = pd.DataFrame({"text": texts, "site": sites})
    model = cleantext.fit(frame["text"], groups=frame["site"])
    frame["clean"] = clean_batch(frame["text"], model=model, groups=frame["site"])
    assert list(frame["clean"]) == [
        cleantext.clean(t, model=model, group=g) for t, g in zip(texts, sites)
    ]


def test_mapper_is_picklable_and_bound():
    fn = mapper(output_column="clean", keep_categories={"ads"})
    again = pickle.loads(pickle.dumps(fn))
    assert again == fn
    out = again({"text": TEXTS})
    assert out["clean"] == [cleantext.clean(t, keep_categories={"ads"}) for t in TEXTS]


def test_hugging_face_datasets_recipe():
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"id": list(range(len(TEXTS))), "text": TEXTS})
    out = ds.map(clean_columns, batched=True, batch_size=2)
    assert out["text"] == [cleantext.clean(t) for t in TEXTS]
    assert out["id"] == list(range(len(TEXTS)))
    kept = ds.map(mapper(output_column="clean", keep_categories={"ads"}), batched=True)
    assert kept.column_names == ["id", "text", "clean"]
    assert kept["clean"] == [cleantext.clean(t, keep_categories={"ads"}) for t in TEXTS]
    assert kept["text"] == TEXTS


def test_hugging_face_datasets_recipe_with_a_model():
    datasets = pytest.importorskip("datasets")
    texts, sites = site_pages(24, sites=2, seed=5)
    ds = datasets.Dataset.from_dict({"text": texts, "site": sites})
    model = cleantext.fit(ds["text"], groups=ds["site"])
    out = ds.map(mapper(group_column="site", model=model), batched=True, batch_size=5)
    assert out["text"] == [cleantext.clean(t, model=model, group=g) for t, g in zip(texts, sites)]
    assert out["text"] != texts
