"""The pipeline: overlaps, categories, the safety cap, user filters, explain."""

from __future__ import annotations

from itertools import pairwise

import pytest

import cleantext
from cleantext import Config, Pipeline, Removal, filters


def test_explain_is_in_document_order_and_disjoint(seeds):
    for text in seeds.values():
        removals = cleantext.explain(text)
        for before, after in pairwise(removals):
            assert before.end <= after.start


def test_explain_spans_point_at_their_text(seeds):
    for text in seeds.values():
        normalized = cleantext.normalize(text)
        for r in cleantext.explain(text):
            assert normalized[r.start : r.end] == r.text
            assert r.filter and r.category and r.reason


def test_keep_category_keeps_it():
    text = "A storm hit the coast on Monday.\nAdvertisement\nIt was the worst in years."
    assert "Advertisement" not in cleantext.clean(text)
    assert "Advertisement" in cleantext.clean(text, keep_categories={"ads"})
    assert "Advertisement" in cleantext.clean(text, categories={"donation"})


def test_unknown_option_and_category_are_named():
    with pytest.raises(TypeError, match="colour"):
        cleantext.clean("x", colour="red")
    with pytest.raises(ValueError, match="recipes"):
        cleantext.clean("x", categories={"recipes"})
    with pytest.raises(ValueError, match="xx"):
        cleantext.clean("x", languages=["xx"])


def test_user_callable_returning_pairs():
    def first_word(doc):
        return [(0, doc.text.index(" ") + 1)]

    p = Pipeline([first_word])
    assert p.clean("Breaking: storm hits coast") == "storm hits coast"
    (r,) = p.explain("Breaking: storm hits coast")
    assert (r.filter, r.category, r.text) == ("first_word", "custom", "Breaking: ")


def test_user_filter_returning_garbage_is_named():
    with pytest.raises(TypeError, match="nope"):
        Pipeline([lambda doc: ["nope"]]).clean("text")


def test_overlapping_removals_are_merged_not_doubled():
    def a(doc):
        return [Removal(0, 10, "a", "ads", "a")]

    def b(doc):
        return [Removal(5, 15, "b", "ads", "b")]

    removals = Pipeline([a, b]).explain("0123456789abcdefghij")
    assert [(r.start, r.end) for r in removals] == [(0, 10), (10, 15)]


def test_low_confidence_is_trimmed_around_high():
    def high(doc):
        return [Removal(4, 8, "h", "ads", "h")]

    def low(doc):
        return [Removal(0, 12, "l", "ads", "l", "low")]

    removals = Pipeline([high, low], Config(max_low_confidence_share=1.0)).explain("aaa bbb ccc ddd")
    assert [(r.start, r.end, r.confidence) for r in removals] == [(0, 4, "low"), (4, 8, "high"), (8, 12, "low")]


def test_safety_cap_keeps_text_and_says_why():
    text = "Short line one here\nShort line two here\nShort line three here"

    def everything(doc):
        return [Removal(line.start, line.end, "greedy", "navigation", "looks like a menu", "low")
                for line in doc.content_lines]

    p = Pipeline([everything])
    assert p.clean(text) == text
    removals = p.explain(text)
    assert removals and all(r.capped for r in removals)
    assert "safety cap" in removals[0].reason
    # raising the cap lets them through
    assert Pipeline([everything], Config(max_low_confidence_share=1.0)).clean(text) == ""


def test_high_confidence_is_not_capped():
    assert cleantext.clean("Advertisement") == ""


def test_phrases_filter_match_modes():
    text = "Intro.\nPlease subscribe to continue reading this story.\nEnd."
    contains = filters.phrases(["subscribe to continue reading"], category="paywall", match="contains")
    line = filters.phrases(["subscribe to continue reading"], category="paywall")
    inline = filters.phrases([" this story"], category="paywall", match="inline")
    assert Pipeline([contains]).clean(text) == "Intro.\nEnd."
    assert Pipeline([line]).clean(text) == text
    assert Pipeline([inline]).clean(text) == "Intro.\nPlease subscribe to continue reading.\nEnd."


def test_phrases_filter_refuses_a_single_string():
    """phrases("Subscribe to read") took each letter for a phrase: with match="contains" every line with an
    "s" went, and the document came out empty."""
    with pytest.raises(TypeError, match=r"phrases\(\['Subscribe to read'\]\)"):
        filters.phrases("Subscribe to read", match="contains")
    with pytest.raises(TypeError, match="takes strings"):
        filters.phrases([1, 2])  # type: ignore[list-item]
    assert Pipeline([filters.phrases(iter(["subscribe to read"]), match="contains")]).clean(
        "Body.\nSubscribe to read more") == "Body."


def test_regex_filter():
    f = filters.regex(r"comments \(\d+\)", category="comments")
    assert Pipeline([f]).clean("Body text.\n  Comments (12)  \nMore.") == "Body text.\nMore."


def test_bytes_give_a_clear_type_error():
    with pytest.raises(TypeError, match="decode"):
        cleantext.clean(b"bytes")  # type: ignore[arg-type]


def test_crlf_input_keeps_its_lines():
    assert cleantext.clean("Line one.\r\nAdvertisement\r\nLine two.") == "Line one.\nLine two."


def test_removal_init_matches_its_fields():
    """Removal's hand-written __init__ (one dict, for speed) takes the dataclass fields, in order, with
    the same defaults, and behaves as the generated one would (equality, replace, frozen, pickling)."""
    import dataclasses
    import inspect
    import pickle

    params = list(inspect.signature(Removal.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Removal)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        assert p.default == (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default), f.name
    r = Removal(3, 9, "lines", "ads", "ad marker", text="Advert")
    assert dataclasses.replace(r, capped=True) == Removal(3, 9, "lines", "ads", "ad marker", "high", "Advert", True)
    assert pickle.loads(pickle.dumps(r)) == r and hash(r) == hash(Removal(**dataclasses.asdict(r)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.start = 0  # type: ignore[misc]
