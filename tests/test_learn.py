"""Groups as fit() and clean() take them: what counts as no group, and what is no corpus."""

from __future__ import annotations

import pytest

import cleantext


def test_an_empty_or_missing_group_is_no_group():
    """A group called "" took the place of the shared scope (whose name is ""): its spans applied to every
    group, with a reason naming another group. "" and missing values (NaN, pandas NA) are now no group,
    as None is; every other value is its str()."""
    texts = [f"Story {i} about {w}.\nShare this article\nComments ({i})"
             for i, w in enumerate(["rain", "snow", "wind", "fog", "heat", "ice"])]
    none = cleantext.fit(texts, groups=[None, None, None, "a.com", "a.com", "a.com"])
    for missing in ("", float("nan")):
        model = cleantext.fit(texts, groups=[missing, missing, missing, "a.com", "a.com", "a.com"])
        assert model == none and model.info()["groups"] == 1
        assert model.spans(missing) == model.spans(None)
    pandas = pytest.importorskip("pandas")
    assert cleantext.fit(texts, groups=pandas.Series([pandas.NA] * 3 + ["a.com"] * 3, dtype="string")) == none


def test_a_single_string_is_no_corpus():
    """fit("one text") fitted one document per character, clean_batch("text") cleaned each character."""
    with pytest.raises(TypeError, match="not a single str"):
        cleantext.fit("Story one.\nShare this article")
    with pytest.raises(TypeError, match="not a single str"):
        cleantext.fit(["a", "b", "c"], groups="abc")
    with pytest.raises(TypeError, match="not a single str"):
        cleantext.clean_batch("hello world")
    model = cleantext.fit(["Body one.\nShare this article"] * 3)
    with pytest.raises(TypeError, match="not a single str"):
        cleantext.clean_batch(["a", "b"], model=model, groups="ab")


def test_batch_groups_are_what_clean_looks_up():
    """clean_batch accepted only hashable groups (a list group failed: "unhashable type"), where clean()
    takes any value by its str()."""
    texts = [f"Story {i}.\nShare this article\nRead the full report on our site" for i in range(4)]
    groups = [["site", 1]] * 4
    model = cleantext.fit(texts, groups=groups)
    assert cleantext.clean_batch(texts, model=model, groups=groups) == [
        cleantext.clean(t, model=model, group=g) for t, g in zip(texts, groups)]


def test_merging_and_uniting_name_what_they_were_given():
    """Stats.merge(42) and Model.union([m, "x"]) failed with AttributeError; a model given to Stats.merge was
    reported as "different parameters"; Model.union took no generator."""
    from cleantext.learn import Stats

    texts = [f"Story {i}.\nShare this article" for i in range(4)]
    model = cleantext.fit(texts)
    for other in (42, model):
        with pytest.raises(TypeError, match="takes a Stats"):
            Stats().merge(other)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes Model objects"):
        cleantext.Model.union([model, "x"])  # type: ignore[list-item]
    assert cleantext.Model.union(m for m in [model]) == model


def test_other_missing_values_are_no_group():
    import decimal

    from cleantext.learn.params import group_name

    np = pytest.importorskip("numpy")
    assert [group_name(g) for g in (np.datetime64("NaT"), decimal.Decimal("NaN"), np.float32("nan"))] == [None] * 3
    assert [group_name(g) for g in (0, False, [1, 2], np.int64(3))] == ["0", "False", "[1, 2]", "3"]
