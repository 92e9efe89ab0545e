"""Learned models on the benchmark pages: fit per site, clean each page, score against gold.

Usage (numbers in docs/learning.md come from this)::

    python -m benchmarks.learned_eval [--data DIR] [--dataset big9 l3s_gn1] [--source trafilatura page_text]

For each dataset and source text (``trafilatura``: the extractor's output;
``page_text``: the whole page as text), one model is fitted on the pages with
their site as group, and each page is cleaned with the rules plus its site's
learned spans. This is transductive, the intended usage: a user fits on the
corpus they then clean. Rows: the source as is, the rules alone, rules plus
the model, the model alone, and the rules plus a model fitted without groups.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass

import cleantext

from .data import find_bench, pages
from .score import PRF, macro, score


@dataclass(frozen=True)
class Row:
    dataset: str
    source: str
    method: str
    prf: PRF
    pages: int

    def markdown(self) -> str:
        p = self.prf
        return f"| {self.dataset} | {self.source} | {self.method} | {p.precision:.3f} | {p.recall:.3f} | {p.f1:.3f} | {self.pages} |"


def evaluate(root, dataset: str, source: str, **params) -> list[Row]:
    """Score one dataset and source with and without a per-site model."""
    items = []
    for page in pages(root, dataset):
        text, gold = page.read(source), page.read("gold")
        if text is not None and gold is not None:
            items.append((page.site, text, gold))
    model = cleantext.fit([t for _, t, _ in items], groups=[s for s, _, _ in items], **params)
    ungrouped = cleantext.fit([t for _, t, _ in items], **params)
    learned_only = {site: cleantext.Pipeline([model.filter(site)]) for site, _, _ in items}
    methods = {
        "as is": lambda site, text: text,
        "rules": lambda site, text: cleantext.clean(text),
        "rules + model": lambda site, text: cleantext.clean(text, model=model, group=site),
        "model alone": lambda site, text: learned_only[site].clean(text),
        "rules + model fitted without groups": lambda site, text: cleantext.clean(text, model=ungrouped),
    }
    return [Row(dataset, source, name, macro(score(fn(site, text), gold) for site, text, gold in items), len(items))
            for name, fn in methods.items()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--dataset", nargs="+", default=["big9", "l3s_gn1"])
    parser.add_argument("--source", nargs="+", default=["trafilatura", "page_text"])
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set CLEANTEXT_BENCH")
    print("| dataset | source | method | P | R | F1 | pages |\n|---|---|---|---|---|---|---|")
    for dataset in args.dataset:
        for source in args.source:
            start = time.perf_counter()
            for row in evaluate(root, dataset, source):
                print(row.markdown(), flush=True)
            print(f"<!-- {dataset}/{source}: {time.perf_counter() - start:.1f} s -->", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
