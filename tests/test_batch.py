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


# -- found by the API review (session 16) ------------------------------------------------------


def test_numpy_groups_are_named_as_fit_names_them():
    """fit(groups=array) named a float32 0.1 group "0.1" (str of the numpy scalar) while clean_batch, Cleaner
    and Ray read lists (0.10000000149011612): a model fitted on the same array removed nothing for those
    groups. group_name makes a numpy scalar its Python value everywhere."""
    import numpy as np

    for groups in (np.array([0.1, 0.2, 0.3] * 4, dtype=np.float32),
                   np.array(["2024-01-01", "2024-02-01", "2024-03-01"] * 4, dtype="datetime64[ns]")):
        # each group's own line (no key in common: only the group's own scope holds it)
        texts = [f"{_STORIES[i]}\nA line only {('alpha', 'beta', 'gamma')[i % 3]} prints" for i in range(12)]
        model = cleantext.fit(texts, groups=groups, min_docs=2)
        assert cleantext.clean_batch(texts, model=model, groups=groups) == [
            cleantext.clean(t, model=model, group=g) for t, g in zip(texts, groups)]
        assert all("prints" not in out for out in cleantext.clean_batch(texts, model=model, groups=groups))
        cleaner = cleantext.Cleaner(min_docs=2)  # fit_transform reads lists, transform the array: one name
        assert cleaner.fit_transform(texts, groups=groups) == cleaner.transform(texts, groups=groups)
        assert all("prints" not in out for out in cleaner.transform(texts, groups=groups))


_WORDS = ("barley harbour council ferry orchard quarry meadow bridge choir tanker valley winter spring "
          "school market river forest castle garden island station theatre museum village").split()
#: Twelve stories no two alike (near duplicates would count once, and learn nothing).
_STORIES = [" ".join(_WORDS[(7 * i + j) % len(_WORDS)] for j in range(20)) + "." for i in range(12)]


def test_clean_columns_with_a_column_label_that_is_no_string():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({0: ["Rain.\nAdvertisement"], 1: ["x"]})
    out = cleantext.clean_columns(frame, text_column=0)
    assert list(out[0]) == ["Rain."] and list(frame[0]) == ["Rain.\nAdvertisement"]  # a new frame


def test_normalize_takes_the_keywords_explain_takes():
    model = cleantext.fit(["a\nb", "a\nc"])
    options = {"model": model, "group": "x", "fix_unicode": True}
    assert cleantext.normalize("caf\u00c3\u00a9", **options) == "café"


def test_no_language_means_no_language_rules_in_the_comments_filter():
    text = ("The council voted on Tuesday to approve the budget after a long debate about school funding and roads "
            "in the north of the county.\nThe measure passed with a narrow majority, officials said.\n23 Comments\nJohn Smith\nMay 5, 2023 at 10:15 am\nGreat article, thanks!\nReply\n"
            "Mary Jones\nMay 5, 2023 at 11:15 am\nI disagree with this.\nReply")
    assert any(r.filter == "comments" for r in cleantext.explain(text))
    assert not any(r.filter == "comments" for r in cleantext.explain(text, languages=[]))


def test_a_removal_from_a_user_filter_is_checked_even_with_its_text():
    """A Removal carrying the right text skipped every check: float offsets, confidence 'HIGH', and a
    capped=True that kept a high-confidence removal from ever applying."""
    from cleantext import Pipeline
    from cleantext.removal import Removal

    text = "Rain fell.\nAdvertisement\nMore rain."
    with pytest.raises(TypeError, match="filter 'floats' returned .*offsets must be integers"):
        Pipeline([_filter("floats", Removal(11.0, 24.0, "mine", "ads", "x", "high", "Advertisement"))]).clean(text)
    with pytest.raises(ValueError, match="filter 'shouting' returned a removal of confidence 'HIGH'"):
        Pipeline([_filter("shouting", Removal(11, 24, "mine", "ads", "x", "HIGH", "Advertisement"))]).clean(text)
    capped = Removal(11, 24, "mine", "ads", "x", "high", "Advertisement", True)
    assert Pipeline([_filter("capped", capped)]).clean(text) == "Rain fell.\nMore rain."


def _filter(name, removal):
    def flt(doc):
        return [removal]

    flt.__name__ = name
    return flt
