"""Evaluate page mode on the benchmark's whole-page text (``page_text/``).

Rows per dataset: the page text unchanged, the naive repeated-line baseline
(lines on >= 20% of a site's pages go), page mode with rules and line features
only, and page mode with a per-site model fitted on the site's own pages.
The C4 line rules are datatrove's C4QualityFilter as the benchmark README
ran it (quoted from the README when datatrove is not installed).

    python -m cleantext.bench.page_eval [--data PATH] [--dataset big9 ...] [--split train|test|all]
                                        [--weights PATH]

``--split`` picks sites by a stable hash of the site name (:func:`site_split`:
half the sites are "train", the other half "test"). The shipped weights were
fitted on all pages, so their figures here are in-sample; for held-out
figures fit on one half and score the other::

    python -m cleantext.bench.page_train --fit-on train --out /tmp/w_train.json
    python -m cleantext.bench.page_eval --weights /tmp/w_train.json --split test
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import Model, clean, fit
from ..config import Config
from ..filters import PageBlocks, PageWeights
from ..filters import default as default_filters
from ..pipeline import Pipeline
from .data import Page, find_bench, pages
from .score import PRF, macro, score

PAGE_DATASETS = ("big9", "l3s_gn1", "scrapinghub")

#: From the benchmark README (page_text -> datatrove C4QualityFilter), P / R / F1.
C4_REFERENCE = {
    "big9": PRF(0.835, 0.920, 0.863),
    "l3s_gn1": PRF(0.843, 0.893, 0.855),
    "scrapinghub": PRF(0.820, 0.853, 0.815),
}


def site_split(site: str) -> str:
    """``"train"`` or ``"test"``, stable for a site name.

    >>> site_split("example.com") in ("train", "test")
    True
    """
    return "train" if hashlib.sha1(site.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(root, dataset: str, split: str = "all") -> list[tuple[Page, str, str]]:
    """(page, page_text, gold) for the pages of ``dataset`` in ``split``."""
    out = []
    for page in pages(root, dataset):
        if split != "all" and site_split(page.site) != split:
            continue
        text, gold = page.read("page_text"), page.read("gold")
        if text is not None and gold is not None:
            out.append((page, text, gold))
    return out


def repeated_lines(items: Sequence[tuple[Page, str, str]], share: float = 0.2) -> dict[str, frozenset[str]]:
    """Per site: the stripped lines found on at least ``share`` of its pages (and on 2 or more)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    n_pages: Counter[str] = Counter()
    for page, text, _ in items:
        n_pages[page.site] += 1
        counts[page.site].update({line.strip() for line in text.split("\n") if line.strip()})
    return {
        site: frozenset(line for line, c in counter.items() if c >= max(2, share * n_pages[site]))
        for site, counter in counts.items()
    }


def fit_sites(items: Sequence[tuple[Page, str, str]]) -> Model:
    """A per-site model fitted on the pages' text, each page grouped by its site (transductive)."""
    return fit([text for _, text, _ in items], groups=[page.site for page, _, _ in items])


def c4_lines() -> Callable[[str], str] | None:
    """datatrove's C4 line rules as the bench README ran them (sentence counting off); None if absent."""
    try:
        from datatrove.data import Document as C4Document
        from datatrove.pipeline.filters.c4_filters import C4QualityFilter
    except ImportError:
        return None
    flt = C4QualityFilter(min_num_sentences=-1)

    def run(text: str) -> str:
        doc = C4Document(text=text, id="page")
        flt.filter(doc)
        return doc.text

    return run


def naive(text: str, repeated: frozenset[str]) -> str:
    """The naive baseline: drop every line in ``repeated``."""
    return "\n".join(line for line in text.split("\n") if line.strip() not in repeated)


def evaluate(items: Sequence[tuple[Page, str, str]], clean: Callable[[Page, str], str]) -> PRF:
    """Macro P/R/F1 of ``clean(page, text)`` against the gold."""
    return macro(score(clean(page, text), gold) for page, text, gold in items)


def page_mode(weights: PageWeights | None = None) -> list:
    """The page-mode filters (rules + line classifier), with ``weights`` instead of the shipped ones."""
    found = default_filters(Config(mode="page"))
    if weights is None:
        return found
    return [PageBlocks(f.languages, f.matcher, weights) if isinstance(f, PageBlocks) else f for f in found]


def with_model(found: list, model: Model, group: str) -> Pipeline:
    """What ``clean(mode="page", model=, group=)`` runs, for these filters."""
    learned = model.filter(group)
    blocks = [f.with_learned(learned) if isinstance(f, PageBlocks) else f for f in found]
    return Pipeline([*blocks, learned], Config(mode="page"))


def rows(items: Sequence[tuple[Page, str, str]], dataset: str, weights: PageWeights | None = None) -> list[tuple[str, PRF]]:
    """The table rows for one dataset."""
    repeated = repeated_lines(items)
    found = page_mode(weights)
    plain = Pipeline(found, Config(mode="page"))
    out = [
        ("page_text, unchanged", evaluate(items, lambda p, t: t)),
        ("naive repeated lines (>= 20% of site pages)", evaluate(items, lambda p, t: naive(t, repeated[p.site]))),
    ]
    c4 = c4_lines()
    if c4 is not None:
        out.append(("C4 line rules (datatrove C4QualityFilter)", evaluate(items, lambda p, t: c4(t))))
    elif dataset in C4_REFERENCE:
        out.append(("C4 line rules (bench README, all pages)", C4_REFERENCE[dataset]))
    out.append(("cleantext page mode, no model", evaluate(items, lambda p, t: plain.clean(t))))
    model = fit_sites(items)
    out.append(("cleantext page mode + per-site model", evaluate(
        items, lambda p, t: with_model(found, model, p.site).clean(t))))
    out.append(("cleantext article mode + per-site model", evaluate(
        items, lambda p, t: clean(t, model=model, group=p.site))))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--dataset", action="append", choices=PAGE_DATASETS)
    parser.add_argument("--split", default="all", choices=("all", "train", "test"))
    parser.add_argument("--weights", help="page-mode weights JSON (default: the shipped ones)")
    args = parser.parse_args(argv)
    weights = None
    if args.weights:
        weights = PageWeights.from_dict(json.loads(Path(args.weights).read_text(encoding="utf-8")))
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set $CLEANTEXT_BENCH")
    print(f"| dataset ({args.split} sites) | method | P | R | F1 |")
    print("|---|---|---|---|---|")
    for dataset in args.dataset or PAGE_DATASETS:
        items = load(root, dataset, args.split)
        for name, prf in rows(items, dataset, weights):
            print(f"| {dataset} ({len(items)} pages) | {name} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
