"""Mergeable statistics: any order, any sharding, any merge order gives the same model bytes."""

from __future__ import annotations

import itertools
import os
import pickle
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.learn import LearnParams, Stats
from tests.conftest import ROOT

TEMPLATES = {
    "alpha.example": ["Alpha Daily", "Sign up for the Alpha briefing", "Advertisement", "Comments ({n})", "© Alpha Media"],
    "beta.example": ["BETA NEWS", "Share this story", "Advertisement", "Read more from Beta"],
    "gamma.example": ["Gamma Post", "Advertisement", "Follow us for updates", "Posted {n} hours ago"],
}
WORDS = ["river", "council", "bridge", "harvest", "storm", "school", "choir", "market", "rail", "budget",
         "hospital", "festival", "election", "museum", "harbour", "drought", "vaccine", "library"]


def _corpus(seed: int = 7, size: int = 30) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    docs = []
    for i in range(size):
        site = sorted(TEMPLATES)[i % 3]
        head, *rest = TEMPLATES[site]
        story = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(4)]
        if i % 7 == 0 and docs:  # a syndicated copy of an earlier story, in this site's template
            story = docs[-1][1].split("\n")[1:5]
        lines = [head, *story, *(t.format(n=rng.randint(1, 99)) for t in rest)]
        docs.append((site, "\n".join(lines)))
    return docs


CORPUS = _corpus()
PARAMS = LearnParams()


def _fit(docs, grouped=True) -> bytes:
    stats = Stats(PARAMS)
    for site, text in docs:
        stats.add(text, site if grouped else None)
    return stats.finalize().to_bytes()


def _merge_in_order(shards: list[Stats], order: list[int]) -> Stats:
    """Merge shards pairwise: each step merges the pair at position order[i] % (len - 1)."""
    shards = list(shards)
    for pick in order:
        if len(shards) == 1:
            break
        i = pick % (len(shards) - 1)
        shards[i : i + 2] = [shards[i].merge(shards[i + 1])]
    while len(shards) > 1:
        shards[-2:] = [shards[-1].merge(shards[-2])]
    return shards[0]


REFERENCE = {grouped: _fit(CORPUS, grouped) for grouped in (True, False)}


def test_the_corpus_teaches_something():
    model = cleantext.Model.from_bytes(REFERENCE[True])
    assert model.spans("alpha.example") and model.spans()  # per group, and 'Advertisement' across groups


@settings(max_examples=40, deadline=None)
@given(
    perm=st.permutations(range(len(CORPUS))),
    cuts=st.lists(st.integers(0, len(CORPUS)), max_size=6),
    order=st.lists(st.integers(0, 100), max_size=8),
    grouped=st.booleans(),
)
def test_any_order_sharding_and_merge_order_gives_the_same_model(perm, cuts, order, grouped):
    docs = [CORPUS[i] for i in perm]
    bounds = [0, *sorted(cuts), len(docs)]
    shards = []
    for start, end in itertools.pairwise(bounds):
        stats = Stats(PARAMS)
        for site, text in docs[start:end]:
            stats.add(text, site if grouped else None)
        shards.append(stats)
    merged = _merge_in_order(shards, order)
    assert merged.pruned == 0
    assert merged.finalize().to_bytes() == REFERENCE[grouped]


def test_merge_is_commutative_and_associative_on_counts():
    a, b, c = (Stats(PARAMS) for _ in range(3))
    for i, (site, text) in enumerate(CORPUS):
        (a, b, c)[i % 3].add(text, site)
    left, right = a.merge(b).merge(c), a.merge(b.merge(c))
    assert left.scopes == right.scopes == c.merge(b).merge(a).scopes
    assert left.docs == len(CORPUS) and left.groups == {s: 10 for s in TEMPLATES}


def test_update_folds_shards_in_place_like_merge():
    shards = [Stats(PARAMS) for _ in range(5)]
    for i, (site, text) in enumerate(CORPUS):
        shards[i % 5].add(text, site)
    before = [(dict(s.scopes), s.docs) for s in shards]
    total = Stats(PARAMS)
    for shard in shards:
        assert total.update(shard) is total
    assert [(dict(s.scopes), s.docs) for s in shards] == before  # the shards are left as they were
    merged = shards[0].merge(shards[1]).merge(shards[2]).merge(shards[3]).merge(shards[4])
    assert total.scopes == merged.scopes and total.groups == merged.groups and total.docs == len(CORPUS)
    assert total.finalize().to_bytes() == REFERENCE[True]


def test_merge_leaves_both_operands_unchanged():
    a, b = Stats(PARAMS), Stats(PARAMS)
    for i, (site, text) in enumerate(CORPUS):
        (a, b)[i % 2].add(text, site)
    a_scopes, b_scopes, a_docs = {s: dict(t) for s, t in a.scopes.items()}, {s: dict(t) for s, t in b.scopes.items()}, a.docs
    a.merge(b)
    assert a.scopes == a_scopes and b.scopes == b_scopes and a.docs == a_docs


def test_merging_with_empty_stats_changes_nothing():
    stats = Stats(PARAMS)
    for site, text in CORPUS:
        stats.add(text, site)
    assert stats.merge(Stats(PARAMS)).finalize().to_bytes() == REFERENCE[True]


def test_stats_pickle_round_trip():
    stats = Stats(PARAMS)
    for site, text in CORPUS[:10]:
        stats.add(text, site)
    clone = pickle.loads(pickle.dumps(stats))
    assert clone.scopes == stats.scopes and clone.signatures == stats.signatures


def test_different_params_do_not_merge():
    with pytest.raises(ValueError, match="different parameters"):
        Stats(LearnParams(min_docs=3)).merge(Stats(LearnParams(min_docs=4)))


def test_unknown_parameter_is_named():
    with pytest.raises(TypeError, match="min_dox"):
        cleantext.fit(["text"], min_dox=3)
    with pytest.raises(ValueError, match="min_share"):
        LearnParams(min_share=2.0)


def test_groups_must_be_as_long_as_texts():
    with pytest.raises(ValueError, match="groups ran out after 1 texts"):
        cleantext.fit(["a", "b"], groups=["x"])
    with pytest.raises(ValueError, match="more groups than the 1 texts"):
        cleantext.fit(["a"], groups=["x", "y"])


def test_model_bytes_do_not_depend_on_the_hash_seed():
    script = ("import sys, hashlib, pathlib, cleantext\n"
              "seeds = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path('fixtures/seeds').glob('*.txt'))]\n"
              "model = cleantext.fit(seeds + [s.upper() for s in seeds], groups=['a', 'b', 'a', 'a', 'c'] * 2)\n"
              "print(hashlib.sha256(model.to_bytes()).hexdigest())\n")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=False)
        assert run.returncode == 0, run.stderr
        digests.add(run.stdout.strip())
    assert len(digests) == 1
