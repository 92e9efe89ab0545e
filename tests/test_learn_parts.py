"""Key parts: Stats that each count a share of the span keys unite into exactly the single-fit model."""

from __future__ import annotations

import pytest

from cleantext.learn import LearnParams, Model, Stats
from tests.test_learn_memory import _corpus
from tests.test_learn_merge import CORPUS, REFERENCE


def _parts(docs, n: int, params: LearnParams, grouped: bool = True) -> list[Stats]:
    parts = [Stats(params, part=(i, n)) for i in range(n)]
    for site, text in docs:
        for part in parts:
            part.add(text, site if grouped else None)
    return parts


@pytest.mark.parametrize("n", [1, 2, 3, 7])
@pytest.mark.parametrize("grouped", [True, False])
def test_united_parts_give_the_single_fit_model(n, grouped):
    parts = _parts(CORPUS, n, LearnParams(), grouped)
    assert sum(len(t) for p in parts for t in p.scopes.values()) == sum(
        len(t) for t in _parts(CORPUS, 1, LearnParams(), grouped)[0].scopes.values())  # the keys are split
    assert Model.union([p.finalize() for p in reversed(parts)]).to_bytes() == REFERENCE[grouped]


def test_parts_stay_under_a_bound_that_one_stats_would_prune_at():
    docs = [(site, text) for text, site in _corpus(1_500)]
    params = LearnParams(max_items=2_500)
    whole = _parts(docs, 1, params)[0]
    parts = _parts(docs, 4, params)
    assert whole.pruned > 0 and all(p.pruned == 0 for p in parts)
    exact = _parts(docs, 1, LearnParams(max_items=100_000))[0]
    assert exact.pruned == 0
    united = Model.union([p.finalize() for p in parts])
    assert united.scopes == exact.finalize().scopes and len(united.scopes) > 1  # every site's template


def test_parts_do_not_merge_and_mismatched_models_do_not_unite():
    a, b = Stats(part=(0, 2)), Stats(part=(1, 2))
    with pytest.raises(ValueError, match="different key parts"):
        a.merge(b)
    a.add("Story one.\nComments (3)")
    with pytest.raises(ValueError, match="same documents"):
        Model.union([a.finalize(), b.finalize()])
    with pytest.raises(ValueError, match="index, parts"):
        Stats(part=(2, 2))
