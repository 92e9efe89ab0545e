"""Evaluate page mode on the benchmark's whole-page text (``page_text/``) and Resiliparse's text.

Two reports:

- ``--heldout``: held out (:func:`heldout_scores`), through the whole
  page-mode pipeline with a per-site model fitted on the dataset's own texts.
  ``--protocol datasets`` (the default): leave one dataset out, each gold
  dataset cleaned by the line model trained on the other four (a site is in
  one dataset): the pessimistic figure for an unseen page type.
  ``--protocol sites``: site-grouped 5-fold, every dataset in training but a
  site's pages all in one fold, each page cleaned by the model of the fold
  that left its site out: what other pages of the same sources, on other
  sites, get. ``both``: both columns. Beside them, the shipped model (trained
  on all five: in-sample). Both inputs, ``page_text`` and ``resiliparse``.
  Then the trafilatura_eval ``with`` snippets page mode keeps on
  ``page_text`` (a dataset the model never saw).
  The held-out column runs both stages of the line model as shipped (:data:`HELDOUT_STAGES`): each fold's
  first stage and the second stage trained outside the fold on out-of-fold first-stage probabilities,
  blended as shipped, at a threshold chosen outside the fold (:func:`benchmarks.page_train.stacked_folds`).
- ``--lost``: every trafilatura_eval ``with`` snippet (text annotators say must
  stay) that page mode with a per-site model loses on ``page_text``, with the
  filters whose removals alone lose it and the removals that touch it (filter,
  category, confidence, reason: what ``cleantext.explain()`` says), and the
  counts by filter (:func:`lost_snippets`).
- the default table: page text unchanged, the naive repeated-line baseline,
  the C4 line rules (datatrove's C4QualityFilter as the benchmark README ran
  it), page mode with and without a per-site model (shipped model: in-sample).

    python -m benchmarks.page_eval --heldout [--protocol datasets|sites|both] [--data PATH] [--source page_text ...]
    python -m benchmarks.page_eval --lost [--data PATH]
    python -m benchmarks.page_eval [--data PATH] [--dataset big9 ...] [--source page_text]
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from cleantext import Model, clean, fit
from cleantext.config import Config
from cleantext.filters import PageBlocks
from cleantext.filters.page import shipped_stage2
from cleantext.filters.page_trees import Trees
from cleantext.filters import default as default_filters
from cleantext.normalize import cut
from cleantext.pipeline import Pipeline, Result
from cleantext.removal import Removal
from .data import GOLD_DATASETS, Page, find_bench, pages
from .snippets import Shares, snippet_shares, tally
from .score import PRF, macro, normalise, score, survives

PAGE_DATASETS = GOLD_DATASETS
#: Inputs page mode is scored on.
PAGE_SOURCES = ("page_text", "resiliparse")

#: From the benchmark README (page_text -> datatrove C4QualityFilter), P / R / F1.
C4_REFERENCE = {
    "big9": PRF(0.835, 0.920, 0.863),
    "l3s_gn1": PRF(0.843, 0.893, 0.855),
    "scrapinghub": PRF(0.820, 0.853, 0.815),
    "wcxb_dev": PRF(0.780, 0.758, 0.735),
    "dragnet_train": PRF(0.661, 0.820, 0.685),
}


def site_split(site: str) -> str:
    """``"train"`` or ``"test"``, stable for a site name.

    >>> site_split("example.com") in ("train", "test")
    True
    """
    return "train" if hashlib.sha1(site.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load(root, dataset: str, split: str = "all", source: str = "page_text") -> list[tuple[Page, str, str]]:
    """(page, text of ``source``, gold) for the pages of ``dataset`` in ``split`` (of :func:`site_split`)."""
    out = []
    for page in pages(root, dataset):
        if split != "all" and site_split(page.site) != split:
            continue
        text, gold = page.read(source), page.read("gold")
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


#: What the held-out column of :func:`heldout_scores` runs (see the module docstring).
HELDOUT_STAGES = ("both stages of the line model, as shipped (each fold's second stage trained outside the fold "
                  "on out-of-fold first-stage probabilities, the blend's threshold chosen outside the fold)")


def page_mode(model: Trees | None = None, stage2: Trees | None = None) -> list:
    """The page-mode filters (rules + line classifier), with line ``model`` and its second stage ``stage2``
    instead of the shipped ones (``model`` alone: no second stage)."""
    found = default_filters(Config(mode="page"))
    if model is None:
        return found
    return [PageBlocks(f.languages, f.matcher, model, stage2=stage2) if isinstance(f, PageBlocks) else f for f in found]


def with_model(found: list, model: Model, group: str) -> Pipeline:
    """What ``clean(mode="page", model=, group=)`` runs, for these filters."""
    learned = model.filter(group)
    blocks = [f.with_learned(learned) if isinstance(f, PageBlocks) else f for f in found]
    return Pipeline([*blocks, learned], Config(mode="page"))


def rows(items: Sequence[tuple[Page, str, str]], dataset: str, model: Trees | None = None) -> list[tuple[str, PRF]]:
    """The table rows for one dataset."""
    repeated = repeated_lines(items)
    found = page_mode(model)
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


@lru_cache(maxsize=2)  # heldout_scores asks once per input; the folds, probabilities and thresholds are the same
def fold_models(root: Path, protocol: str = "datasets", snippets: bool = False) -> dict[str, tuple[Trees, Trees]]:
    """Per fold of ``protocol``: the line model's two stages trained outside it, the blend's threshold chosen
    outside it (:func:`benchmarks.page_train.stacked_folds`), with the meta page mode reads.

    ``"datasets"``: one fold per gold dataset (trained on the other four); ``"sites"``: site-grouped k-fold (every
    dataset in training, a site's pages all in one fold; :func:`benchmarks.page_train.fold_of`).
    Trained by :mod:`benchmarks.page_train` (lightgbm, the ``train`` extra) and cached under
    ``~/.cache/cleantext-bench/`` by :func:`benchmarks.page_train.rows_key` (the rows and what the package's
    feature code makes of them), the training code and the parameters.
    """
    from . import page_train
    found = page_train.load_rows(root, snippets=snippets)
    key = page_train.rows_key(found)
    # 'high' confidence: the shipped second stage's cutoff, itself calibrated on held-out blended probabilities
    # (every protocol's folds, page_train --learner stacked --write); not re-calibrated per fold.
    high = float(shipped_stage2().meta.get("high_below", 0.0))
    out = {}
    extra = page_train.SNIPPET_DATASETS if protocol == "datasets" else ()
    for fold, stages in page_train.stacked_folds(found, key, protocol, extra).items():
        trained_on = {r.dataset for r in page_train.training_rows(found, fold, protocol)}
        stage1 = replace(stages.stage1, meta={**stages.stage1.meta, "relative": page_train.RELATIVE})
        out[fold] = (stage1, page_train.with_stack_meta(stages.stage2, stages.threshold, high, trained_on))
    return out


def page_fold(page: Page, protocol: str) -> str:
    """The fold of ``protocol`` that holds ``page`` out (:func:`benchmarks.page_train.fold_of`)."""
    from .page_train import site_fold

    return page.dataset if protocol == "datasets" else f"sites{site_fold(page.site)}"


def heldout_scores(root: Path, source: str = "page_text", protocol: str = "datasets", snippets: bool = False
                   ) -> dict[str, dict[str, PRF]]:
    """``{dataset: {"heldout": PRF, "insample": PRF}}``: page mode with a per-site model on ``source``.

    Held out: each page cleaned by the line model that never saw it (:func:`fold_models`): with
    ``protocol="datasets"`` (the default) a model that never saw its dataset, with ``"sites"`` one trained on
    every dataset but never on its site; both stages, as shipped (:data:`HELDOUT_STAGES`). In-sample: the
    shipped model. ``snippets``: the fold models also trained on the rows of snippets
    (:data:`benchmarks.page_train.SNIPPET_DATASETS`).
    """
    models = fold_models(Path(root), protocol, snippets)
    filters = {fold: page_mode(*pair) for fold, pair in models.items()}
    shipped = page_mode()
    out = {}
    for dataset in GOLD_DATASETS:
        items = load(root, dataset, source=source)
        site_model = fit_sites(items)
        out[dataset] = {
            "heldout": evaluate(items, lambda p, t: with_model(filters[page_fold(p, protocol)], site_model, p.site).clean(t)),
            "insample": evaluate(items, lambda p, t: with_model(shipped, site_model, p.site).clean(t)),
        }
    return out


def snippets_kept(root: Path, source: str = "page_text", protocol: str | None = None, snippets: bool = False) -> Shares:
    """trafilatura_eval's snippets through page mode with a per-site model: with the shipped line model, or with
    ``protocol`` each page with the fold model that held it out (:func:`fold_models`: leave one dataset out,
    the fold of trafilatura_eval, trained on no page of its sites; site-grouped, its site's fold)."""
    found = [p for p in pages(root, "trafilatura_eval") if p.paths.get(source)]
    texts = {p.page_id: p.read(source) or "" for p in found}
    site_model = fit([texts[p.page_id] for p in found], groups=[p.site for p in found])
    if protocol is None:
        filters = page_mode()
        return snippet_shares(found, lambda text, p: with_model(filters, site_model, p.site).clean(text), source)
    by_fold = {fold: page_mode(*pair) for fold, pair in fold_models(Path(root), protocol, snippets).items()}
    return snippet_shares(found, lambda text, p: with_model(by_fold[page_fold(p, protocol)], site_model,
                                                            p.site).clean(text), source)


@dataclass(frozen=True)
class Lost:
    """A ``with`` snippet (must stay) that the cleaner removed, and who removed it."""

    page_id: str
    site: str
    snippet: str
    #: Each filter whose applied removals alone lose the snippet (empty: only their union does).
    filters: tuple[str, ...]
    #: The applied removals that touch the snippet, in document order (filter, category, confidence, reason).
    removals: tuple[Removal, ...]


def touches(snippet: str, removed: str, run: int = 3) -> bool:
    """Whether a removed text and a snippet overlap: one holds the other, or they share ``run`` words in a row.

    >>> touches("200 g Zucker", "200 g Zucker"), touches("Mehl und Zucker mischen", "Zucker mischen, dann")
    (True, False)
    >>> touches("the storm reached the coast on Monday", "It said the storm reached the coast.")
    True
    """
    a, b = normalise(snippet), normalise(removed)
    if not a or not b:
        return False
    if f" {b} " in f" {a} " or f" {a} " in f" {b} ":
        return True
    words = a.split()
    return any(f" {' '.join(words[i:i + run])} " in f" {b} " for i in range(len(words) - run + 1))


def lost_in(result: Result, snippets: Iterable[str]) -> list[tuple[str, tuple[str, ...], tuple[Removal, ...]]]:
    """The ``snippets`` present in the input of ``result`` and gone from its output: (snippet, filters, removals).

    ``filters``: each filter whose applied removals, cut alone, lose the snippet.

    >>> from cleantext.pipeline import Result
    >>> text = "Storm hits coast\\nHome\\n200 g Zucker"
    >>> r = Result("Storm hits coast", [Removal(17, 21, "page", "navigation"), Removal(22, 34, "page", "navigation",
    ...     text="200 g Zucker")], text)
    >>> [(s, f, [x.text for x in rs]) for s, f, rs in lost_in(r, ["200 g Zucker", "Storm hits", "absent"])]
    [('200 g Zucker', ('page',), ['200 g Zucker'])]
    """
    before, after = normalise(result.normalized), normalise(result.text)
    applied = [r for r in result.removals if r.applied]
    names = sorted({r.filter for r in applied})
    out = []
    for snippet in snippets:
        if not survives(snippet, before) or survives(snippet, after):
            continue
        alone = tuple(
            name for name in names
            if not survives(snippet, normalise(cut(result.normalized, [(r.start, r.end) for r in applied if r.filter == name])))
        )
        out.append((snippet, alone, tuple(r for r in applied if touches(snippet, result.normalized[r.start:r.end]))))
    return out


def lost_snippets(root: Path, source: str = "page_text") -> tuple[Shares, list[Lost]]:
    """trafilatura_eval's ``with`` snippets that page mode with a per-site model loses on ``source``, and why.

    The same cleaning as :func:`snippets_kept` (the shipped line model, a per-site model fitted on the dataset's
    ``source`` texts grouped by site), run with its removals kept (``Pipeline.run``, what ``explain()`` returns).
    """
    found = [p for p in pages(root, "trafilatura_eval") if p.paths.get(source)]
    texts = {p.page_id: p.read(source) or "" for p in found}
    site_model = fit([texts[p.page_id] for p in found], groups=[p.site for p in found])
    filters = page_mode()
    shares, lost = Shares(), []
    for page in found:
        extra = page.extra()
        if not extra:
            continue
        text = texts[page.page_id]
        result = with_model(filters, site_model, page.site).run(text)
        shares = tally(text, result.text, extra, shares)
        for snippet, alone, touching in lost_in(result, extra.get("with") or ()):
            lost.append(Lost(page.page_id, page.site, snippet, alone, touching))
    return shares, lost


def print_lost(root: Path, source: str = "page_text") -> None:
    """The lost ``with`` snippets (markdown): counts by filter, by the touching removals' kind, then each one."""
    shares, lost = lost_snippets(root, source)
    print(f"trafilatura_eval, {source} -> page mode + per-site model: `with` snippets kept "
          f"{shares.with_kept}/{shares.with_found} ({shares.kept_share:.1%}); lost {len(lost)}\n")
    by_filter = Counter(" + ".join(x.filters) or "(only together)" for x in lost)
    print("| filter(s) whose removals alone lose it | snippets |\n|---|---|")
    for name, n in by_filter.most_common():
        print(f"| {name} | {n} |")
    kinds = Counter((r.filter, r.category, r.confidence) for x in lost for r in x.removals[:1])
    print("\n| first touching removal: filter / category / confidence | snippets |\n|---|---|")
    for (f, c, conf), n in kinds.most_common():
        print(f"| {f} / {c} / {conf} | {n} |")
    print("\n| site | snippet | lost by | first touching removal |\n|---|---|---|---|")
    for x in lost:
        first = x.removals[0] if x.removals else None
        why = f"{first.filter}/{first.category}/{first.confidence}: {first.reason}" if first else ""
        cell = x.snippet.replace("|", "/")[:80]
        print(f"| {x.site} | {cell} | {' + '.join(x.filters) or '(together)'} | {why.replace('|', '/')[:200]} |")


def print_heldout(root: Path, sources: Sequence[str], protocols: Sequence[str] = ("datasets",),
                  snippets: bool = False) -> None:
    """The held-out table: one held-out column per protocol, in-sample beside them."""
    names = {"datasets": "leave one dataset out", "sites": "site-grouped 5-fold"}
    print("| input | dataset | " + " | ".join(f"held out ({names[p]}) P / R / F1" for p in protocols)
          + " | in-sample P / R / F1 |")
    print("|---|---|" + "---|" * (len(protocols) + 1))
    for source in sources:
        found = {p: heldout_scores(root, source, p, snippets) for p in protocols}
        for dataset in GOLD_DATASETS:
            cells = " | ".join(str(found[p][dataset]["heldout"]) for p in protocols)
            print(f"| {source} | {dataset} | {cells} | {found[protocols[0]][dataset]['insample']} |", flush=True)
    print("\ntrafilatura_eval, page_text -> page mode + per-site model:")
    for label, protocol in [*((f"held out ({names[p]})", p) for p in protocols), ("the shipped line model", None)]:
        shares = snippets_kept(root, protocol=protocol, snippets=snippets)
        print(f"- {label}: `with` snippets kept {shares.with_kept}/{shares.with_found} ({shares.kept_share:.1%}), "
              f"`without` removed {shares.without_removed}/{shares.without_found} ({shares.removed_share:.1%})",
              flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="benchmark folder (default: $CLEANTEXT_BENCH or ../shared/bench)")
    parser.add_argument("--heldout", action="store_true", help="held-out table (trains the fold models)")
    parser.add_argument("--lost", action="store_true",
                        help="trafilatura_eval `with` snippets page mode loses, and the removals that lose them")
    parser.add_argument("--protocol", choices=("datasets", "sites", "both"), default="datasets",
                        help="with --heldout: leave one dataset out (default), site-grouped 5-fold, or both")
    parser.add_argument("--snippets", action="store_true", help="with --heldout: the fold models also train on "
                        "the lines trafilatura_eval's snippets label (benchmarks.page_train --snippets)")
    parser.add_argument("--dataset", action="append", choices=PAGE_DATASETS)
    parser.add_argument("--source", action="append", choices=PAGE_SOURCES)
    parser.add_argument("--split", default="all", choices=("all", "train", "test"))
    parser.add_argument("--model", help="a line model .npz (default: the shipped one)")
    args = parser.parse_args(argv)
    root = find_bench(args.data)
    if root is None:
        parser.error("benchmark folder not found: pass --data or set $CLEANTEXT_BENCH")
    if args.lost:
        print_lost(root)
        return 0
    if args.heldout:
        protocols = ("datasets", "sites") if args.protocol == "both" else (args.protocol,)
        print_heldout(root, args.source or PAGE_SOURCES, protocols, args.snippets)
        return 0
    model = Trees.load(Path(args.model).read_bytes()) if args.model else None
    print(f"| dataset ({args.split} sites) | input | method | P | R | F1 |")
    print("|---|---|---|---|---|---|")
    for source in args.source or ("page_text",):
        for dataset in args.dataset or PAGE_DATASETS:
            items = load(root, dataset, args.split, source)
            for name, prf in rows(items, dataset, model):
                print(f"| {dataset} ({len(items)} pages) | {source} | {name} | {prf.precision:.3f} | {prf.recall:.3f}"
                      f" | {prf.f1:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
