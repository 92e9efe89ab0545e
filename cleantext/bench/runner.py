"""One benchmark run: quality, snippets, speed, memory and a profile, on the same pages, in one process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cleantext

from . import hotspots, machine, memory, snippets
from .data import Page, pages
from .methods import Method, default_methods, learning_available, reference_methods
from .quality import GOLD_DATASETS, Cell, run_quality
from .reference import reference_for
from .speed import Timing, ratio_to, run_speed


@dataclass(frozen=True)
class Options:
    repeat: int = 3
    #: How many HTML pages trafilatura's extraction is timed on (it is the slowest step).
    html_pages: int = 60
    #: The generated corpus for the memory measurement is this many times the bench pages (0: skip).
    memory_times: int = 10
    #: Profile clean() on the page texts (0: skip; else how many hotspots to list).
    profile_top: int = 12
    #: ... on every n-th page text (profiling is slow; the shares hardly change).
    profile_every: int = 4


@dataclass
class Run:
    root: Path
    command: str
    facts: dict[str, str]
    versions: dict[str, str]
    methods: list[Method]
    quality: dict[str, dict[str, Cell]]
    reference: dict[str, dict[str, str]]
    snippets: dict[str, snippets.Shares | str]
    timings: list[Timing]
    ratios: dict[str, float | None]
    memory: list[dict] = field(default_factory=list)
    hotspots: list[hotspots.Hotspot] = field(default_factory=list)


def run(root: Path, command: str, options: Options = Options(), log: Callable[[str], None] = print) -> Run:
    """Everything the report shows, measured now on the pages under ``root``."""
    all_pages = list(pages(root))
    gold_pages = [p for p in all_pages if p.dataset in GOLD_DATASETS]
    log(f"{len(all_pages)} pages under {root}")
    methods = reference_methods() + default_methods(gold_pages)
    log("quality ...")
    quality = run_quality(gold_pages, methods)
    log("snippets (trafilatura_eval) ...")
    shares = {m.key: (snippets.snippet_shares(all_pages, m.run) if m.run else (m.unavailable or "not available"))
              for m in methods if m.source == "trafilatura"}
    log("speed ...")
    texts, groups = _page_texts(gold_pages)
    timings = run_speed(texts, groups, _html_sample(gold_pages, options.html_pages), options.repeat)
    ratios = ratio_to(timings)
    mem = []
    if options.memory_times:
        log(f"memory (corpus x{options.memory_times}, subprocess) ...")
        no_fit = learning_available()
        mem = [{"what": "fit", "times": options.memory_times, "error": no_fit} if no_fit
               else memory.measure(root, options.memory_times, "fit"),
               memory.measure(root, options.memory_times, "counter")]
    spots = []
    if options.profile_top:
        log("profile of clean() ...")
        spots = hotspots.profile(cleantext.clean, texts[:: max(1, options.profile_every)], options.profile_top)
    return Run(root, command, machine.describe(), machine.versions(), methods, quality, reference_for(root),
               shares, timings, ratios, mem, spots)


def _page_texts(gold_pages: list[Page]) -> tuple[list[str], list[str]]:
    chosen = [p for p in gold_pages if p.paths.get("page_text")]
    return [p.read("page_text") or "" for p in chosen], [p.site for p in chosen]


def _html_sample(gold_pages: list[Page], limit: int) -> list[bytes]:
    """Every k-th page with HTML, ``limit`` at most, so the sample spans all sites and datasets."""
    with_html = [p for p in gold_pages if p.paths.get("html")]
    if not with_html or limit <= 0:
        return []
    step = max(1, len(with_html) // limit)
    return [(p.root / p.paths["html"]).read_bytes() for p in with_html[::step][:limit]]
