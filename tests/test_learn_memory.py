"""The memory bound: Stats never holds more than max_items items, whatever the corpus size."""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Iterator

import cleantext
from cleantext.learn import LearnParams, Stats

SITES = 40


def _word(i: int) -> str:
    """A pronounceable, unique word per integer (digits would normalise away)."""
    out = ""
    while True:
        out += "bcdfghjklmnpqrstvwxz"[i % 20] + "aeiou"[i // 20 % 5]
        i //= 100
        if not i:
            return out


def _corpus(n: int) -> Iterator[tuple[str, str]]:
    for i in range(n):
        site = i % SITES
        story = f"The {_word(i)} council met the {_word(i * 7919 % 1_000_003)} committee on the budget."
        yield f"Menu of site {_word(site)}\n{story}\nShare on the {_word(site)} network", f"site{site}"


def test_items_stay_under_the_bound_on_a_corpus_10_times_larger():
    params = LearnParams(max_items=5000)
    stats = Stats(params)
    worst = 0
    for text, site in _corpus(50_000):  # about 50,000 distinct spans: 10x the bound
        stats.add(text, site)
        worst = max(worst, stats.items)
    assert worst <= params.max_items
    assert stats.pruned > 45_000  # the corpus really overflowed the bound
    model = stats.finalize()
    for site in range(SITES):  # frequent template lines survive pruning
        own = cleantext.clean(f"A new story about the harbour.\nShare on the {_word(site)} network",
                              model=model, group=f"site{site}")
        assert own == "A new story about the harbour."


def test_traced_memory_is_bounded_by_items_not_documents():
    def peak(n: int) -> int:
        stats = Stats(LearnParams(max_items=1000))
        docs = list(_corpus(n))
        tracemalloc.start()
        for text, site in docs:
            stats.add(text, site)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(8_000)
    assert large < 1.5 * small + 200_000  # four times the documents, about the same memory
    assert large < 1000 * 1200  # the documented bound: ~600 bytes an item, with slack for transients


def test_group_bound_drops_the_smallest_groups_only():
    stats = Stats(LearnParams(max_groups=2))
    for i, (text, _) in enumerate(_corpus(60)):
        stats.add(text, "big" if i % 2 else ("medium" if i % 3 else "small" if i % 5 else None))
    assert set(stats.groups) == {"big", "medium"}
    model = stats.finalize()
    assert model.ungrouped == sum(1 for i in range(60) if not i % 2 and not i % 3 and not i % 5)


def test_past_the_bound_shardings_agree_on_the_frequent_spans():
    """Pruning makes counts order-dependent (docs/learning.md, Determinism), but not what recurs on every page."""
    docs = list(_corpus(6_000))
    params = LearnParams(max_items=2_000)

    def learned(order: list[int], shards: int) -> dict[str, set[int]]:
        parts = [Stats(params) for _ in range(shards)]
        for n, i in enumerate(order):
            text, site = docs[i]
            parts[n % shards].add(text, site)
        total = Stats(params)
        for part in reversed(parts):
            total.update(part)
        assert total.pruned > 0  # the bound really pruned
        return {name: set(spans) for name, spans in total.finalize().scopes.items()}

    forward = learned(list(range(len(docs))), 1)
    backward = learned(list(reversed(range(len(docs)))), 3)
    assert forward == backward
    assert all(len(keys) == 2 for name, keys in forward.items() if name)  # each site: its menu and share lines





def test_pruning_gives_back_the_memory_of_the_keys_it_drops():
    """A crawl moves from site to site: each site's table grows, then pruning empties it.

    A dict keeps its size when keys are deleted from it, so a pruned table must be
    rebuilt (and an emptied one dropped), or memory grows with the sites seen, not with
    the items held (fit on 8x the bench's pages as new sites: peak RSS 336 MB before, 197 MB after).
    """
    stats = Stats(LearnParams(max_items=500))
    for i, (text, _) in enumerate(_corpus(4_000)):
        stats.add(text, f"site{i // 25}")  # a new site every 25 pages
    assert len(stats.groups) == 160 and stats.pruned > 0
    assert len(stats.scopes) < 40  # the tables of earlier sites were emptied, and dropped
    assert all(table for table in stats.scopes.values())
    assert all(sys.getsizeof(table) <= sys.getsizeof(dict(table)) for table in stats.scopes.values())


def test_fit_warns_when_the_bound_dropped_keys():
    """Past the memory bound the model is an approximation (a rare span may be missing, another order may
    differ): fit() said nothing, only the Ray and datatrove adapters warned."""
    import pytest

    texts, sites = zip(*_corpus(3000))
    with pytest.warns(RuntimeWarning, match=r"dropped [\d,]+ rare span keys .*max_items=500"):
        cleantext.fit(texts, groups=sites, max_items=500)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cleantext.fit(texts[:50], groups=sites[:50])  # far under the default bound: no warning


def test_the_command_line_warns_when_the_bound_dropped_keys(tmp_path, capsys):
    import json

    from cleantext.cli import main

    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"text": t, "site": s}) + "\n" for t, s in _corpus(3000)), encoding="utf-8")
    assert main(["fit", "--jsonl", "--group-field", "site", str(src), "-o", str(tmp_path / "m.model"),
                 "--param", "max_items=500", "-q"]) == 0
    err = capsys.readouterr().err
    assert "warning: the statistics dropped" in err and "--param max_items=N" in err
    assert main(["fit", "--jsonl", "--group-field", "site", str(src), "-o", str(tmp_path / "m.model"), "-q"]) == 0
    assert "dropped" not in capsys.readouterr().err


def test_groups_of_documents_without_keys_count_against_max_groups():
    """Documents with no span key (empty ones) skipped the bound: 100,000 such groups were all held with
    max_groups=10, and dropping a group without keys was not counted, so nothing warned."""
    stats = Stats(LearnParams(max_groups=10))
    for i in range(500):
        stats.add("", f"site{i}")
    assert len(stats.groups) <= 10 and stats.pruned > 0
