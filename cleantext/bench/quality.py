"""Quality: every method on every page of the gold datasets, scored with token-bag P/R/F1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .data import GOLD_DATASETS, Page
from .methods import Method
from .score import PRF, macro, score


@dataclass(frozen=True)
class Cell:
    """One method on one dataset: the macro scores, or why there are none."""

    prf: PRF | None
    pages: int
    note: str = ""

    def __str__(self) -> str:
        return str(self.prf) if self.prf is not None else f"n/a ({self.note})"


def run_quality(pages: Sequence[Page], methods: Sequence[Method]) -> dict[str, dict[str, Cell]]:
    """``{method key: {dataset: Cell}}`` over the datasets present in ``pages``."""
    by_dataset: dict[str, list[Page]] = {}
    for page in pages:
        if page.dataset in GOLD_DATASETS and page.paths.get("gold"):
            by_dataset.setdefault(page.dataset, []).append(page)
    table: dict[str, dict[str, Cell]] = {}
    for method in methods:
        table[method.key] = {ds: _cell(method, group) for ds, group in by_dataset.items()}
    return table


def _cell(method: Method, pages: list[Page]) -> Cell:
    if method.run is None:
        return Cell(None, 0, method.unavailable or "not available")
    usable = [p for p in pages if p.paths.get(method.source)]
    if not usable:
        return Cell(None, 0, f"no {method.source} files in this dataset")
    scores = [score(method.run(p.read(method.source) or "", p), p.read("gold") or "") for p in usable]
    note = "" if len(usable) == len(pages) else f"{len(usable)} of {len(pages)} pages have {method.source}"
    return Cell(macro(scores), len(usable), note)
