"""One benchmark run: quality (held out and in-sample), snippets, comment threads, speed, memory and a profile."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleantext

from . import coldstart, hotspots, machine, memory
from .data import GOLD_DATASETS, Page, pages
from .methods import (Method, SiteModels, default_methods, learning_available, mined_left_out, rules_tuned_on,
                      without_patterns)
from .quality import Cell, run_quality
from .reference import reference_for
from .score import PRF
from .speed import Timing, ratio_to, run_speed

#: The dataset with snippets only (no whole gold), and the rows run on it.
SNIPPET_DATASET = "trafilatura_eval"
SNIPPET_ROWS = ("a", "b", "c", "g")

Log = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    repeat: int = 3
    #: How many HTML pages trafilatura's extraction is timed on (it is the slowest step).
    html_pages: int = 60
    #: The generated corpus for the memory measurement is this many times the bench pages, and half
    #: as many (memory flat in corpus size: the same peak at both sizes); 0: skip.
    memory_times: int = 4
    #: Profile clean() on the page texts (0: skip; else how many hotspots to list).
    profile_top: int = 12
    #: ... on every n-th page text (profiling is slow; the shares hardly change).
    profile_every: int = 4
    #: Quality, snippets, held-out and comment figures only: no speed, memory or profile.
    quick: bool = False


@dataclass
class Run:
    root: Path
    command: str
    facts: dict[str, str]
    versions: dict[str, str]
    methods: list[Method]
    quality: dict[str, dict[str, Cell]]
    reference: dict[str, dict[str, str]]
    #: ``{source: {dataset: {"heldout": PRF, "insample": PRF}}}`` from page_eval.heldout_scores, or why not.
    heldout: dict[str, dict[str, dict[str, PRF]] | str]
    #: comments_eval's report (``threads``, ``forum``), or why there is none.
    comments: Any
    rules_tuned_on: tuple[str, ...]
    #: The datasets page mode's shipped weights were fitted on (``page_eval.PAGE_DATASETS``; None: unknown).
    page_trained_on: tuple[str, ...] | None = None
    #: Per dataset, the mined rule patterns not chosen without it (rule_mining), or why unknown.
    rules_left_out: dict[str, frozenset[str]] | str = "not computed"
    #: ``{rules row: {dataset: Cell}}`` with those patterns left out (datasets where any are).
    rules_heldout: dict[str, dict[str, Cell]] = field(default_factory=dict)
    timings: list[Timing] = field(default_factory=list)
    ratios: dict[str, float | None] = field(default_factory=dict)
    memory: list[dict] = field(default_factory=list)
    #: benchmarks.coldstart.measure(): CPU and wall seconds of import + first clean() in fresh interpreters.
    coldstart: dict = field(default_factory=dict)
    #: html_end_to_end(): pages per second of each HTML front end on the same pages, or why not measured.
    html: dict | str = field(default_factory=dict)
    hotspots: list[hotspots.Hotspot] = field(default_factory=list)
    quick: bool = False
    #: Page mode's (g) on trafilatura_eval with the fold that holds it out (no page of its sites in training:
    #: ``page_eval.snippets_kept(protocol="datasets")``), or why not measured.
    page_snippets_heldout: Any = "not computed"

    def method(self, key: str) -> Method:
        return next(m for m in self.methods if m.key == key)

    def in_sample(self, key: str, dataset: str) -> PRF | None:
        cell = self.quality.get(key, {}).get(dataset)
        return cell.prf if cell is not None else None

    def rules_cell(self, key: str, dataset: str) -> Cell | None:
        """A rules row's cell with the mined rules chosen without ``dataset`` (held out), when known;
        the shipped rules' cell otherwise (the same when no mined rule depends on the dataset)."""
        found = self.rules_heldout.get(key, {}).get(dataset)
        return found if found is not None else self.quality.get(key, {}).get(dataset)

    def headline(self, key: str, dataset: str) -> tuple[PRF | None, str]:
        """The number the headline shows for a row and dataset, and how it was obtained.

        The second item is "" (nothing fitted on the bench), "in-sample" / "held out" (the
        shipped rules, by where they were tuned), "held out" (page mode, leave-one-dataset-out)
        or, when there is no number, why.
        """
        method = self.method(key)
        if method.fitted == "none":
            return self.in_sample(key, dataset), ""
        if method.fitted == "rules":
            cell = self.rules_cell(key, dataset)
            held = isinstance(self.rules_left_out, dict) and dataset not in self.rules_tuned_on
            return (cell.prf if cell is not None else None), ("held out" if held else "in-sample")
        if method.heldout_source is None:
            return None, "in-sample only (no held-out fit for this row)"
        found = self.heldout.get(method.heldout_source)
        if isinstance(found, str) or found is None:
            return None, found or "not available yet"
        prf = as_prf((found.get(dataset) or {}).get("heldout"))
        return (prf, "held out") if prf is not None else (None, f"no held-out score for {dataset}")


def as_prf(value: object) -> PRF | None:
    """A :class:`PRF` from a PRF or a (P, R, F1) triple; None otherwise."""
    if isinstance(value, PRF):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return PRF(*(float(v) for v in value))
    for attrs in (("precision", "recall", "f1"),):
        if all(hasattr(value, a) for a in attrs):
            return PRF(*(float(getattr(value, a)) for a in attrs))
    return None


def run(root: Path, command: str, options: Options = Options(), log: Log = print) -> Run:
    """Everything the report shows, measured now on the pages under ``root``."""
    all_pages = list(pages(root))
    gold_pages = [p for p in all_pages if p.dataset in GOLD_DATASETS]
    log(f"{len(all_pages)} pages under {root}")
    models = SiteModels(all_pages)
    methods = default_methods(all_pages, models)
    log("quality ...")
    quality = run_quality(gold_pages, methods, log)
    log(f"snippets ({SNIPPET_DATASET}) ...")
    snippet_pages = [p for p in all_pages if p.dataset == SNIPPET_DATASET]
    for key, row in run_quality(snippet_pages, [m for m in methods if m.key in SNIPPET_ROWS], log).items():
        quality[key].update(row)
    log("rules, held out (rule_mining) ...")
    left_out = mined_left_out(root, (*GOLD_DATASETS, SNIPPET_DATASET))
    rules_heldout = rules_heldout_quality(all_pages, methods, left_out, models, log)
    log("page mode, held out (page_eval.heldout_scores) ...")
    heldout = heldout_page_scores(root, [m.heldout_source for m in methods if m.heldout_source], log)
    log("page mode, held out on trafilatura_eval's snippets (its own fold) ...")
    page_snippets = heldout_page_snippets(root)
    log("comment threads (comments_eval) ...")
    comments = comment_figures(root, log)
    result = Run(root, command, machine.describe(), machine.versions(), methods, quality, reference_for(root),
                 heldout, comments, rules_tuned_on(), page_trained_on(), left_out, rules_heldout,
                 quick=options.quick, page_snippets_heldout=page_snippets)
    if not options.quick:
        measure_speed(result, gold_pages, options, log)
    return result


def rules_heldout_quality(all_pages: list[Page], methods: list[Method], left_out: dict[str, frozenset[str]] | str,
                          models: SiteModels, log: Log) -> dict[str, dict[str, Cell]]:
    """The rules rows rerun, per dataset, without the mined rules chosen only with that dataset."""
    out: dict[str, dict[str, Cell]] = {}
    if isinstance(left_out, str):
        return out
    for method in methods:
        if method.fitted != "rules" or method.run is None:
            continue
        for ds, patterns in left_out.items():
            if not patterns or (ds == SNIPPET_DATASET and method.key not in SNIPPET_ROWS):
                continue
            log(f"  ({method.key}) {ds} without {len(patterns)} mined rules")
            ds_pages = [p for p in all_pages if p.dataset == ds]
            row = run_quality(ds_pages, [without_patterns(method, patterns, models)])
            out.setdefault(method.key, {}).update(row[method.key])
    return out


def measure_speed(result: Run, gold_pages: list[Page], options: Options, log: Log) -> None:
    """Speed, memory and the profile of clean(), into ``result``."""
    log("speed ...")
    texts, groups = _page_texts(gold_pages)
    result.timings = run_speed(texts, groups, _html_sample(gold_pages, options.html_pages), options.repeat)
    result.ratios = ratio_to(result.timings)
    if options.memory_times:
        no_fit = learning_available()
        sizes = sorted({max(1, options.memory_times // 2), options.memory_times})
        for what in ("fit", "clean", "counter"):
            for times in sizes if what != "counter" else sizes[-1:]:
                log(f"memory: {what}, corpus x{times} (subprocess) ...")
                result.memory.append({"what": what, "times": times, "error": no_fit} if no_fit and what != "counter"
                                     else memory.measure(result.root, times, what, trace=True))
    log("cold start (fresh interpreters) ...")
    result.coldstart = coldstart.measure()
    log("HTML end to end (trafilatura vs Resiliparse + clean) ...")
    result.html = html_end_to_end(gold_pages, options)
    if options.profile_top:
        log("profile of clean() ...")
        result.hotspots = hotspots.profile(cleantext.clean, texts[:: max(1, options.profile_every)],
                                           options.profile_top)


def heldout_page_scores(root: Path, sources: list[str], log: Log) -> dict[str, Mapping | str]:
    """Page mode's leave-one-dataset-out scores per source, or, per source, why there are none."""
    fn = find_heldout_scores()
    if isinstance(fn, str):
        return {s: fn for s in sources}
    out: dict[str, Mapping | str] = {}
    for source in dict.fromkeys(sources):
        log(f"  held out: {source}")
        try:
            out[source] = fn(root, source)
        except Exception as exc:  # another engineer's code: a failure is reported in the table, not fatal
            out[source] = f"failed: {type(exc).__name__}: {exc}"
    return out


def heldout_page_snippets(root: Path) -> Any:
    """trafilatura_eval's snippet shares through page mode (``page_text``, per-site model) with the
    leave-one-dataset-out fold that holds it out, or why there are none."""
    try:
        from . import page_eval

        return page_eval.snippets_kept(root, protocol="datasets")
    except Exception as exc:  # another engineer's code: a failure is reported in the table, not fatal
        return f"failed: {type(exc).__name__}: {exc}"


def page_trained_on() -> tuple[str, ...] | None:
    """The datasets the shipped page-mode weights were fitted on, as ``page_eval.PAGE_DATASETS`` declares them."""
    try:
        from . import page_eval
    except Exception:
        return None
    found = getattr(page_eval, "PAGE_DATASETS", None)
    return tuple(found) if found else None


def find_heldout_scores() -> Callable[[Path, str], Mapping] | str:
    """``benchmarks.page_eval.heldout_scores``, or why it cannot be called."""
    try:
        from . import page_eval
    except Exception as exc:
        return f"not available yet (page_eval does not import: {type(exc).__name__}: {exc})"
    fn = getattr(page_eval, "heldout_scores", None)
    if not callable(fn):
        return "not available yet (benchmarks.page_eval.heldout_scores is not in this build)"
    return fn


def comment_figures(root: Path, log: Log) -> Any:
    """comments_eval's thread and forum figures (its P/R/F1 table is row (c) here), or why there are none."""
    try:
        from . import comments_eval
    except Exception as exc:
        return f"not available yet (comments_eval does not import: {type(exc).__name__}: {exc})"
    if not callable(getattr(comments_eval, "evaluate", None)):
        return "not available yet (benchmarks.comments_eval.evaluate is not in this build)"
    try:
        return comments_eval.evaluate(root, (), log=log)
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {exc}"


def _page_texts(gold_pages: list[Page]) -> tuple[list[str], list[str]]:
    chosen = [p for p in gold_pages if p.paths.get("page_text")]
    return [p.read("page_text") or "" for p in chosen], [p.site for p in chosen]


def html_end_to_end(gold_pages: list[Page], options: Options) -> dict | str:
    """Pages per second of trafilatura, Resiliparse, and Resiliparse + clean(mode="page") with a per-site model.

    The same sample of HTML pages as trafilatura's speed row, timed as :mod:`benchmarks.html_speed`
    times them (CPU seconds, interleaved passes; the model fitted beforehand on these pages'
    Resiliparse text, grouped by site). ``python -m benchmarks.html_speed`` runs it on every page.
    """
    from . import html_speed

    with_html = [p for p in gold_pages if p.paths.get("html") and p.paths.get("gold")]
    if not with_html or options.html_pages <= 0:
        return "no HTML pages"
    step = max(1, len(with_html) // options.html_pages)
    items = [html_speed.HtmlPage(p, (p.root / p.paths["html"]).read_bytes())
             for p in with_html[::step][:options.html_pages]]
    try:
        measured = html_speed.measure(items, html_speed.fit_model(items), options.repeat)
    except ImportError as exc:
        return f"not measured ({exc})"
    return {"pages": len(items), **{key: measured.pages_per_second(key) for key in measured.seconds}}


def _html_sample(gold_pages: list[Page], limit: int) -> list[bytes]:
    """Every k-th page with HTML, ``limit`` at most, so the sample spans all sites and datasets."""
    with_html = [p for p in gold_pages if p.paths.get("html")]
    if not with_html or limit <= 0:
        return []
    step = max(1, len(with_html) // limit)
    return [(p.root / p.paths["html"]).read_bytes() for p in with_html[::step][:limit]]
