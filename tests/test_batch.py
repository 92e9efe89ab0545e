"""Batch cleaning: lists, dict-of-columns batches, pandas and the Hugging Face ``datasets`` recipe."""

from __future__ import annotations

import pickle

import pytest

import cleantext
from cleantext.batch import clean_batch, clean_columns, mapper

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
    out = clean_columns(
        {"text": np.array(TEXTS, dtype=object), "site": np.array(["a"] * 5)}, group_column="site"
    )
    assert out["text"] == [cleantext.clean(t) for t in TEXTS]


def test_clean_columns_on_a_pandas_frame():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": range(5), "text": TEXTS})
    out = clean_columns(frame, output_column="clean")
    assert isinstance(out, pd.DataFrame)
    assert list(out["clean"]) == [cleantext.clean(t) for t in TEXTS]
    assert list(out["text"]) == TEXTS


def test_pandas_recipe_with_clean_batch():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": TEXTS, "site": ["a", "a", "b", "b", "c"]})
    frame["clean"] = clean_batch(frame["text"], groups=frame["site"])
    assert list(frame["clean"]) == [cleantext.clean(t) for t in TEXTS]


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
