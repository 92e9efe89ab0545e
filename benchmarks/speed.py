"""Throughput (MB/s of UTF-8 input) of cleantext and the anchors, timed in this process on the same texts.

Each measurement is the fastest of ``repeat`` passes over the whole list
(the machine is shared, so the minimum is the least noisy estimate); one
warm-up call first keeps compiling patterns and loading rules out of the time.
Each pass starts with cleantext's line memos empty (:mod:`cleantext.linememo`):
a line recurring within the pages is judged once, but nothing is carried over
from an earlier pass over the same pages.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import cleantext
from cleantext import linememo

from . import anchors
from .methods import learning_available


@dataclass(frozen=True)
class Timing:
    key: str
    label: str
    megabytes: float
    seconds: float | None
    note: str = ""

    @property
    def mb_per_s(self) -> float | None:
        return self.megabytes / self.seconds if self.seconds else None


def megabytes(texts: Sequence[str | bytes]) -> float:
    return sum(len(t.encode("utf-8")) if isinstance(t, str) else len(t) for t in texts) / 1e6


def best_time(work: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``work``, in seconds."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        linememo.clear()  # every pass starts cold: lines are reused within a pass, never from the last one
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def best_cpu(works: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The fastest CPU time (``time.process_time``) of each work, in seconds.

    Rounds interleave the works so that load changes hit all alike; every pass starts cold.
    """
    best = {key: float("inf") for key in works}
    for _ in range(max(1, repeat)):
        for key, work in works.items():
            linememo.clear()
            start = time.process_time()
            work()
            best[key] = min(best[key], time.process_time() - start)
    return best


def each(func: Callable[[Any], object], texts: Sequence[Any]) -> Callable[[], None]:
    def work() -> None:
        for text in texts:
            func(text)
    return work


def normalised_line(line: str) -> str:
    """The baseline's line key: whitespace collapsed, case folded."""
    return " ".join(line.split()).casefold()


def counter_of_lines(texts: Sequence[str]) -> Counter[str]:
    """The plain baseline ``fit()`` must match: a Counter of normalised non-blank lines."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(key for key in map(normalised_line, text.split("\n")) if key)
    return counts


def _timed(key: str, label: str, texts: Sequence, work: Callable[[], object] | None, repeat: int,
           unavailable: str | None = None, warm: Callable[[], object] | None = None) -> Timing:
    mb = megabytes(texts)
    if work is None:
        return Timing(key, label, mb, None, unavailable or "not available")
    if warm is not None:
        warm()
    return Timing(key, label, mb, best_time(work, repeat))


def run_speed(page_texts: Sequence[str], groups: Sequence[str], html: Sequence[bytes], repeat: int = 3) -> list[Timing]:
    """All timings; ``page_texts`` (whole-page texts, with their ``groups``) feed every text method."""
    timings = [
        _timed("c4", "datatrove C4QualityFilter (line rules)", page_texts, _c4_work(page_texts), repeat,
               anchors.available("c4"), warm=lambda: anchors.c4_lines("Warm up the filter. It is here.")),
        _timed("clean", "cleantext clean(), rules only", page_texts, each(cleantext.clean, page_texts), repeat,
               warm=lambda: cleantext.clean("Warm up.")),
    ]
    no_learning = learning_available()
    fit_work = None if no_learning else (lambda: cleantext.fit(page_texts, groups=groups))
    timings.append(_timed("fit", "cleantext fit(), per site", page_texts, fit_work, repeat, no_learning))
    model = None if fit_work is None else fit_work()
    timings += [
        _timed("clean_model", "cleantext clean(), rules + learned model", page_texts,
               None if model is None else _clean_with(model, page_texts, groups), repeat, no_learning),
        _timed("clean_page", "cleantext clean(mode=\"page\"), rules + learned model + line model", page_texts,
               None if model is None else _clean_with(model, page_texts, groups, mode="page"), repeat, no_learning),
        _timed("counter", "collections.Counter of normalised lines (fit baseline)", page_texts,
               lambda: counter_of_lines(page_texts), repeat),
        _timed("trafilatura", "trafilatura.extract() on the HTML", html,
               each(anchors.trafilatura_html, html) if not anchors.available("trafilatura") and html else None,
               1, anchors.available("trafilatura") or "no HTML pages"),
    ]
    return timings


def _c4_work(texts: Sequence[str]) -> Callable[[], None] | None:
    if anchors.available("c4"):
        return None
    return each(anchors.c4_filter_call(), texts)


def _clean_with(model: cleantext.Model, texts: Sequence[str], groups: Sequence[str],
                mode: str = "article") -> Callable[[], None]:
    def work() -> None:
        for text, group in zip(texts, groups):
            cleantext.clean(text, model=model, group=group, mode=mode)
    return work


def ratio_to(timings: Sequence[Timing], base: str = "c4") -> dict[str, float | None]:
    """Each timing's throughput divided by ``base``'s (None where either is missing)."""
    ref = next((t.mb_per_s for t in timings if t.key == base), None)
    return {t.key: (t.mb_per_s / ref if t.mb_per_s and ref else None) for t in timings}
