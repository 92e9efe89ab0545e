"""The line memos change speed, never results: cold, warm, cleared or full, the same removals."""

from __future__ import annotations

import cleantext
from cleantext import linememo
from cleantext.linememo import LineMemo

PAGES = [
    ("Home\nNews\nSport\nBusiness\n\nStorm hits the coast.\nAdvertisement\n"
     "“We will rebuild,” the mayor said.\nRead more: Floods in the north\nShare on Facebook"),
    ("Advertisement\nHome\nNews\nSport\nBusiness\nA second story, with a date 2023-05-24 stamp.\n"
     "Sign up for our free weekly newsletter\nShare on Facebook\n“We will rebuild,” the mayor said."),
    "Share on Facebook\n\n\nStorm hits the coast.\nRead more: Floods in the north\nAdvertisement",
]


def _explained(pipeline: cleantext.Pipeline) -> list[list[tuple]]:
    return [[(r.start, r.end, r.filter, r.category, r.reason, r.confidence, r.capped) for r in pipeline.explain(p)]
            for p in PAGES]


def test_a_recurring_line_is_placed_at_its_own_offset_in_each_document() -> None:
    linememo.clear()
    for page in PAGES:
        for removal in cleantext.explain(page):
            assert page[removal.start : removal.end] == removal.text


def test_cold_warm_and_cleared_memos_give_the_same_removals() -> None:
    model = cleantext.fit(PAGES * 3, groups=["site"] * 9)
    for pipeline in (cleantext.default_pipeline(), cleantext.default_pipeline(model=model, group="site")):
        linememo.clear()
        cold = _explained(pipeline)
        warm = _explained(pipeline)
        linememo.clear()
        again = _explained(pipeline)
        assert cold == warm == again
        assert any(cold), "the pages hold boilerplate: the comparison must not be between empty lists"


def test_reversed_order_gives_the_same_removals_per_page() -> None:
    linememo.clear()
    forward = [cleantext.explain(p) for p in PAGES]
    linememo.clear()
    backward = [cleantext.explain(p) for p in reversed(PAGES)][::-1]
    assert forward == backward


def test_a_full_memo_starts_again_and_long_lines_are_not_kept() -> None:
    memo = LineMemo(maxsize=3, max_chars=10)
    for text in ("a", "b", "c", "d"):
        assert memo.remember(text, text.upper()) == text.upper()
    assert dict(memo) == {"d": "D"}
    assert memo.remember("x" * 11, 1) == 1 and "x" * 11 not in memo
    linememo.clear()
    assert not memo


def test_a_pickled_pipeline_does_not_carry_its_memos() -> None:
    import pickle

    pipeline = cleantext.default_pipeline()
    for page in PAGES:
        pipeline.clean(page)
    memo = LineMemo(maxsize=7, max_chars=9)
    memo.remember("Home", None)
    copy = pickle.loads(pickle.dumps(memo))
    assert isinstance(copy, LineMemo) and not copy and (copy.maxsize, copy.max_chars) == (7, 9)
    copy.remember("News", 1)
    linememo.clear()
    assert not copy  # registered like any memo
    restored = pickle.loads(pickle.dumps(pipeline))
    assert [restored.clean(p) for p in PAGES] == [pipeline.clean(p) for p in PAGES]
