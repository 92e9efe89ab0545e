"""Evaluate page mode on the benchmark's whole-page text (``page_text/``).

Rows per dataset: the page text unchanged, the naive repeated-line baseline
(lines on >= 20% of a site's pages go), page mode with rules and line features
only, and page mode with a per-site model fitted on the site's own pages.
The C4 line-rule figures are quoted from the benchmark README (datatrove's
C4QualityFilter, measured there).

    python -m cleantext.bench.page_eval [--data PATH] [--dataset big9 ...] [--split train|test|all]

``--split`` picks sites by a stable hash of the site name (half the sites
are "train", the other half "test"): page mode's thresholds were tuned on
the train half only; report both and all.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from .. import Model, clean, fit
from ..config import Config
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


def naive(text: str, repeated: frozenset[str]) -> str:
    """The naive baseline: drop every line in ``repeated``."""
    return "\n".join(line for line in text.split("\n") if line.strip() not in repeated)


def evaluate(items: Sequence[tuple[Page, str, str]], clean: Callable[[Page, str], str]) -> PRF:
    """Macro P/R/F1 of ``clean(page, text)`` against the gold."""
    return macro(score(clean(page, text), gold) for page, text, gold in items)


def page_mode(config: Config | None = None) -> Pipeline:
    """The page-mode pipeline (rules + line features, no model)."""
    config = config or Config(mode="page")
    return Pipeline(default_filters(config), config)


def rows(items: Sequence[tuple[Page, str, str]], dataset: str) -> list[tuple[str, PRF]]:
    """The table rows for one dataset."""
    repeated = repeated_lines(items)
    pipeline = page_mode()
    out = [
        ("page_text, unchanged", evaluate(items, lambda p, t: t)),
        ("naive repeated lines (>= 20% of site pages)", evaluate(items, lambda p, t: naive(t, repeated[p.site]))),
    ]
    if dataset in C4_REFERENCE:
        out.append(("C4 line rules (bench README)", C4_REFERENCE[dataset]))
    out.append(("cleantext page mode, no model", evaluate(items, lambda p, t: pipeline.clean(t))))
    model = fit_sites(items)
    out.append(("cleantext page mode + per-site model", evaluate(
        items, lambda p, t: clean(t, mode="page", model=model, group=p.site))))
    out.append(("cleantext article mode + per-site model", evaluate(
        items, lambda p, t: clean(t, model=model, group=p.site))))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--dataset", action="append", choices=PAGE_DATASETS)
    parser.add_argument("--split", default="all", choices=("all", "train", "test"))
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set $CLEANTEXT_BENCH")
    print(f"| dataset ({args.split} sites) | method | P | R | F1 |")
    print("|---|---|---|---|---|")
    for dataset in args.dataset or PAGE_DATASETS:
        items = load(root, dataset, args.split)
        for name, prf in rows(items, dataset):
            print(f"| {dataset} ({len(items)} pages) | {name} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
