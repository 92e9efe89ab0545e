"""Quality: every method on every page, scored with token-bag P/R/F1 against the gold, snippets counted on the way.

One pass per method and dataset computes each output once and takes from it
everything the report needs: the macro P/R/F1 (pages whose gold has a word; an
empty gold, 17 wcxb_dev pages, cannot be scored, as in the benchmark README), the macro per
page type (wcxb_dev), and the ``with`` / ``without`` snippet counts of the pages
that list snippets (trafilatura_eval, wcxb_dev; see :mod:`benchmarks.snippets`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .data import GOLD_DATASETS, Page
from .methods import Method
from .score import PRF, macro, score, tokens
from .snippets import Shares, tally

__all__ = ["GOLD_DATASETS", "Cell", "run_quality"]


@dataclass(frozen=True)
class Cell:
    """One method on one dataset: the macro scores, or why there are none."""

    prf: PRF | None
    pages: int
    note: str = ""
    #: Macro P/R/F1 per page type (datasets that have page types).
    by_type: dict[str, PRF] = field(default_factory=dict)
    #: Snippet counts over the pages that list ``with`` / ``without`` snippets (None: none do).
    snippets: Shares | None = None
    #: Pages with a gold file that has no word (not scored).
    unscored: int = 0

    def __str__(self) -> str:
        return str(self.prf) if self.prf is not None else f"n/a ({self.note})"


def run_quality(pages: Sequence[Page], methods: Sequence[Method],
                log: Callable[[str], None] = lambda _: None) -> dict[str, dict[str, Cell]]:
    """``{method key: {dataset: Cell}}`` over the datasets present in ``pages`` (gold or snippets)."""
    by_dataset: dict[str, list[Page]] = {}
    for page in pages:
        if page.paths.get("gold") or page.paths.get("extra"):
            by_dataset.setdefault(page.dataset, []).append(page)
    table: dict[str, dict[str, Cell]] = {}
    for method in methods:
        table[method.key] = {}
        for ds, group in by_dataset.items():
            log(f"  ({method.key}) {ds}")
            table[method.key][ds] = _cell(method, group)
    return table


def _cell(method: Method, pages: list[Page]) -> Cell:
    if method.run is None:
        return Cell(None, 0, method.unavailable or "not available")
    usable = [p for p in pages if p.paths.get(method.source)]
    if not usable:
        return Cell(None, 0, f"no {method.source} files in this dataset")
    scores: list[PRF] = []
    types: dict[str, list[PRF]] = {}
    shares: Shares | None = None
    for page in usable:
        text = page.read(method.source) or ""
        output = method.run(text, page)
        gold = page.read("gold")
        if gold is not None and tokens(gold):
            scores.append(score(output, gold))
            if page.page_type:
                types.setdefault(page.page_type, []).append(scores[-1])
        extra = page.extra() if page.paths.get("extra") else None
        if extra and (extra.get("with") or extra.get("without")):
            shares = tally(text, output, extra, shares or Shares())
    note = "" if len(usable) == len(pages) else f"{len(usable)} of {len(pages)} pages have {method.source}"
    unscored = sum(1 for p in usable if p.paths.get("gold")) - len(scores)
    if not scores:
        return Cell(None, len(usable), note or "no gold (snippets only)", snippets=shares)
    return Cell(macro(scores), len(scores), note, {t: macro(s) for t, s in sorted(types.items())}, shares, unscored)
