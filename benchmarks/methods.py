"""The methods the benchmark compares: which input each reads, what it does to it, and what was fitted on the bench.

A method that cannot run here (a missing package, an API another branch has
not delivered yet) is kept in the list with the reason, so the report shows a
"not available" row instead of silently dropping it or inventing a number.

Each method says what of it was chosen on the benchmark pages (:data:`FITTED`),
which decides how its numbers are labelled in the report: nothing (one number,
held out by construction), the shipped rules (written and mined on
:data:`RULES_TUNED_ON`: in-sample there, held out elsewhere), or page mode's
line model (fitted with gold labels: the headline is the leave-one-dataset-out
score of :func:`benchmarks.page_eval.heldout_scores`). A per-site model
is fitted on each dataset's own texts without labels, the way a user fits one
on their corpus, so it is legitimately in-sample.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cleantext

from . import anchors
from .data import Page

#: Inputs a method can read: the files of a page (see the benchmark README).
SOURCES = ("page_text", "trafilatura", "trafilatura_nc", "resiliparse", "html")

#: What of a method was chosen on the benchmark pages.
FITTED = {
    "none": "nothing fitted on the bench: the same number held out and in-sample",
    "rules": ("the shipped rules: the hand-written ones were tuned on the datasets marked † (in-sample there); "
              "the mined interface rules (`benchmarks.rule_mining`) are scored held out, each dataset "
              "without the mined rules that only its own evidence would choose; a per-site model, if any, is "
              "fitted unsupervised on the dataset's own texts"),
    "page": ("page mode's line model, fitted on the bench with gold labels: the headline is leave-one-dataset-out "
             "(fitted on the other datasets, sites never split; both stages, each fold's second stage trained "
             "outside the fold), the shipped model's figures are in-sample; the rules and the "
             "comments filter's page-mode guards that run before it were tuned on every dataset (in-sample)"),
}

#: The datasets the shipped rules were written and mined from (issue 12: big9 and trafilatura_eval).
#: ``benchmarks.rules_eval.TUNED_ON``, when the rules work declares it, is added to these.
RULES_TUNED_ON: tuple[str, ...] = ("big9", "trafilatura_eval")


def rules_tuned_on() -> tuple[str, ...]:
    """:data:`RULES_TUNED_ON` plus what :mod:`benchmarks.rules_eval` declares (``TUNED_ON``), if anything."""
    from . import rules_eval

    extra = tuple(getattr(rules_eval, "TUNED_ON", ()) or ())
    return tuple(dict.fromkeys(RULES_TUNED_ON + extra))


@dataclass(frozen=True)
class Method:
    """One row of the quality table."""

    key: str
    label: str
    source: str
    run: Callable[[str, Page], str] | None
    #: Why ``run`` is None (shown in the report).
    unavailable: str | None = None
    #: A key of :data:`FITTED`.
    fitted: str = "none"
    #: For page-mode rows: the ``source`` whose held-out scores ``page_eval.heldout_scores`` gives.
    heldout_source: str | None = None
    #: A few words for the plots.
    short: str = ""
    #: Whether it cleans with the page's per-site model.
    site_model: bool = False


def learning_available() -> str | None:
    """None if this cleantext has the learning API (``fit`` + ``clean(model=, group=)``), else why not."""
    if not callable(getattr(cleantext, "fit", None)):
        return "not available: cleantext.fit() is not in this build (learning API, issue 3)"
    return None


def page_mode_note() -> str | None:
    """A note when ``mode="page"`` runs the same filters as the default (no page-specific filters yet)."""
    from cleantext import filters
    from cleantext.config import Config

    default = [type(f).__name__ for f in filters.default(Config())]
    page = [type(f).__name__ for f in filters.default(Config(mode="page"))]
    if default == page:
        return 'mode="page" runs the same filters as the default in this build (no page-specific filters yet)'
    return None


def fit_per_site(pages: Sequence[Page], source: str) -> cleantext.Model:
    """One learned model over ``pages``' ``source`` texts, grouped by site."""
    chosen = [p for p in pages if p.paths.get(source)]
    return cleantext.fit((p.read(source) or "" for p in chosen), groups=[p.site for p in chosen])


class SiteModels:
    """Per-site models fitted on first use, one per (dataset, source): each dataset's own texts, grouped by site.

    Unsupervised (no gold is read), as a user fits one on their corpus; kept so that the
    rows reading the same source share one fit.
    """

    def __init__(self, pages: Sequence[Page]) -> None:
        self._pages = list(pages)
        self._models: dict[tuple[str, str], cleantext.Model] = {}

    def get(self, dataset: str, source: str) -> cleantext.Model:
        key = (dataset, source)
        if key not in self._models:
            self._models[key] = fit_per_site([p for p in self._pages if p.dataset == dataset], source)
        return self._models[key]


def default_methods(pages: Sequence[Page], models: SiteModels | None = None) -> list[Method]:
    """Every row of the quality table, in order; ``pages`` are what the per-site models are fitted on."""
    models = models or SiteModels(pages)
    return [
        Method("p", "page_text, unchanged", "page_text", lambda text, page: text, short="page_text as is"),
        _anchor("d", "page_text → C4 line rules (datatrove C4QualityFilter)", "page_text", "c4",
                lambda text, page: anchors.c4_lines(text), "page_text → C4 rules"),
        _anchor("f", "html → jusText", "html", "justext", lambda text, page: anchors.justext_html(_raw_html(page)),
                "html → jusText"),
        Method("a", "trafilatura text, as is (html → trafilatura defaults)", "trafilatura",
               lambda text, page: text, short="trafilatura"),
        Method("n", "html → trafilatura, include_comments=False (the anchor)", "trafilatura_nc",
               lambda text, page: text, short="trafilatura_nc (anchor)"),
        Method("r", "html → Resiliparse main content", "resiliparse", lambda text, page: text, short="resiliparse"),
        Method("b", "trafilatura text → cleantext rules", "trafilatura", lambda text, page: cleantext.clean(text),
               fitted="rules", short="trafilatura → rules"),
        _learned("c", "trafilatura text → cleantext rules + per-site model", "trafilatura", models, {},
                 fitted="rules", short="trafilatura → rules + model"),
        Method("e", 'page_text → cleantext page mode (no model)', "page_text",
               lambda text, page: cleantext.clean(text, mode="page"), fitted="page", short="page_text → page mode"),
        _learned("g", "page_text → cleantext page mode + per-site model", "page_text", models, {"mode": "page"},
                 fitted="page", heldout_source="page_text", short="page_text → page mode + model"),
        _learned("h", "resiliparse text → cleantext page mode + per-site model", "resiliparse", models,
                 {"mode": "page"}, fitted="page", heldout_source="resiliparse", short="resiliparse → page mode + model"),
    ]


def _anchor(key: str, label: str, source: str, anchor: str, run: Callable[[str, Page], str], short: str) -> Method:
    reason = anchors.available(anchor)
    return Method(key, label, source, None if reason else run, reason, short=short)


def _learned(key: str, label: str, source: str, models: SiteModels, options: dict, **kw: object) -> Method:
    """A row that cleans with the per-site model of the page's dataset (fitted on first use)."""
    reason = learning_available()
    if reason is not None:
        return Method(key, label, source, None, reason, **kw)  # type: ignore[arg-type]

    def run(text: str, page: Page) -> str:
        return cleantext.clean(text, model=models.get(page.dataset, source), group=page.site, **options)

    return Method(key, label, source, run, site_model=True, **kw)  # type: ignore[arg-type]


def _raw_html(page: Page) -> bytes:
    """The HTML file's bytes, so that jusText reads the page's own charset declaration."""
    return (page.root / page.paths["html"]).read_bytes()


def mined_left_out(root: Path, datasets: Sequence[str]) -> dict[str, frozenset[str]] | str:
    """Per dataset, the shipped mined rule patterns that would not have been chosen without it, or why unknown.

    The mined interface rules are picked on the bench (:mod:`benchmarks.rule_mining`); a rule
    picked only because of a dataset's own evidence is left out when that dataset is scored.
    """
    try:
        from .rule_mining import GENERIC_UI, evidence_of, select_patterns
    except Exception as exc:  # another engineer's module
        return f"not available ({type(exc).__name__}: {exc})"
    from cleantext.config import LANGUAGES
    from cleantext.rules import COMMON, load
    from .data import DATASETS

    patterns = {rule.pattern for language in (COMMON, *LANGUAGES) for rule in load(language)}
    shipped = frozenset(p for p in GENERIC_UI if p in patterns)
    evidence = evidence_of(root, DATASETS)
    return {ds: shipped - frozenset(select_patterns(evidence, ds)) for ds in datasets}


def without_patterns(method: Method, patterns: frozenset[str], models: SiteModels) -> Method:
    """Row ``method`` (a rules row) as if the rules with these ``patterns`` were not shipped.

    Its removals but theirs, cut as the pipeline cuts (``cut(normalize(text), applied) == clean(text)``),
    with the page's per-site model for the rows that use one.
    """
    from cleantext.normalize import cut
    from .rules_eval import rule_of

    def run(text: str, page: Page) -> str:
        kw = {"model": models.get(page.dataset, method.source), "group": page.site} if method.site_model else {}
        kept = [(r.start, r.end) for r in cleantext.explain(text, **kw)
                if r.applied and (rule_of(r) or ("", ""))[1] not in patterns]
        return cut(cleantext.normalize(text), kept)

    return Method(method.key, method.label, method.source, run, fitted=method.fitted, short=method.short,
                  site_model=method.site_model)

