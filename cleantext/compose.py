"""Composition: which filters a pipeline runs, and the one-call API built on it.

``default_pipeline`` is the one place that composes the built-in rule filters,
the page filter (``mode="page"``) and a model's learned filter; ``clean()``,
``explain()``, the CLI jobs and the batch, scikit-learn and Ray adapters all
call it. The package root only re-exports what is defined here.

>>> [type(f).__name__ for f in default_pipeline(mode="page").filters][-1]
'PageBlocks'
>>> default_pipeline() is default_pipeline()  # one shared pipeline per distinct config
True
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from .config import Config
from .document import Document
from .filters import default as default_filters
from .learn import Model
from .normalize import repair
from .pipeline import Pipeline
from .removal import Removal

__all__ = ["clean", "default_pipeline", "explain", "normalize", "pipeline_for"]


@lru_cache(maxsize=32)
def _rules_pipeline(config: Config) -> Pipeline:
    return Pipeline(default_filters(config), config)


def pipeline_for(config: Config, model: Model | None = None, group: Hashable | None = None) -> Pipeline:
    """The pipeline for ``config``: the built-in filters, plus ``model``'s learned spans for ``group``.

    Without a model the pipeline is shared (one per distinct config). With one, the
    learned filter runs once per document: in page mode the page classifier reads the
    same removals (its "repeated line" feature) instead of running the filter again.
    """
    base = _rules_pipeline(config)
    if model is None:
        if group is not None:
            raise TypeError("group= selects a learned model's spans: pass model= too")
        return base
    if not isinstance(model, Model):
        raise TypeError(f"model= expects a cleantext.Model (from fit() or load_model()), got {type(model).__name__}")
    learned = model.filter(group)
    from .filters.page import PageBlocks  # not at import: page mode's module loads numpy (the cold start)

    if not any(isinstance(f, PageBlocks) for f in base.filters) or not config.removes("learned"):
        # (keeping "learned" keeps what the model would remove: the page classifier then judges the page as
        # it does without a model, instead of cutting the same lines under its own categories)
        return Pipeline([*base.filters, learned], config)
    shared = OncePerDocument(learned)
    found = [f.with_learned(shared) if isinstance(f, PageBlocks) else f for f in base.filters]
    return Pipeline([*found, shared], config)


def default_pipeline(*, model: Model | None = None, group: Hashable | None = None, **options: Any) -> Pipeline:
    """The pipeline ``clean()`` runs: the built-in filters for ``options`` (the fields of
    :class:`~cleantext.config.Config`), plus a learned ``model``'s spans for ``group``.

    Build it once and call ``.clean()`` / ``.explain()`` / ``.run()`` on many texts.

    >>> default_pipeline(keep_categories={"ads"}).clean("Rain.\\nAdvertisement")
    'Rain.\\nAdvertisement'
    """
    return pipeline_for(Config.from_options(**options), model, group)


class OncePerDocument:
    """A filter whose removals for the document it last saw are kept, so two readers share one run.

    The page filter (as a feature) and the pipeline (as removals) both read the learned
    filter of a page; wrapped in this, it runs once per document. Only the last document
    is held, as one ``(document, removals)`` pair swapped in whole, so threads sharing a
    pipeline never read another document's removals.

    >>> calls = []
    >>> def marks(doc):
    ...     calls.append(doc)
    ...     return [Removal(0, 4, "marks", "ads", "demo")]
    >>> once, doc = OncePerDocument(marks), Document("Ad. Text.")
    >>> list(once(doc)) == list(once(doc)), len(calls)
    (True, 1)
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", None) or type(inner).__name__
        self._last: tuple[Document, tuple[Removal, ...]] | None = None

    def __repr__(self) -> str:
        return f"OncePerDocument({self.inner!r})"

    def __call__(self, doc: Document) -> Iterator[Removal]:
        last = self._last
        if last is None or last[0] is not doc:
            last = (doc, tuple(self.inner(doc) or ()))
            self._last = last
        return iter(last[1])

    def __getstate__(self) -> dict[str, Any]:
        return {"inner": self.inner, "name": self.name, "_last": None}


def clean(
    text: str,
    *,
    model: Model | None = None,
    group: Hashable | None = None,
    mode: str = "article",
    categories: Iterable[str] | None = None,
    keep_categories: Iterable[str] = (),
    languages: Iterable[str] | None = None,
    max_low_confidence_share: float = 0.5,
    fix_unicode: bool = True,
    uncurl_quotes: bool = False,
) -> str:
    """Remove boilerplate from ``text``; keep the article.

    * ``model``, ``group``: a :class:`~cleantext.learn.Model` from :func:`~cleantext.fit` or
      :func:`~cleantext.load_model` adds the spans it learned; ``group`` (a site, a domain)
      picks that group's spans besides the shared ones.
    * ``mode``: ``"article"`` for extracted article text (conservative); ``"page"`` for
      whole-page text (menus, footers and link lists too, by a line classifier).
    * ``categories``, ``keep_categories``: which categories of boilerplate go
      (``None``: all of ``cleantext.CATEGORIES``) and which stay anyway.
    * ``languages``: rule languages (``None``: every shipped one, see ``cleantext.LANGUAGES``).
    * ``max_low_confidence_share``: the safety cap; when low-confidence removals would take
      more than this share of the words, none of them is applied.
    * ``fix_unicode``, ``uncurl_quotes``: repair mojibake and entities; straighten quotes.

    These are the fields of :class:`~cleantext.config.Config`, with its defaults.

    >>> clean("Storm hits coast.\\nAdvertisement\\nSign up for our free weekly newsletter")
    'Storm hits coast.'
    >>> clean("Storm hits coast.\\nAdvertisement", keep_categories={"ads"})
    'Storm hits coast.\\nAdvertisement'
    >>> page = "\\n".join(["Home", "News", "Sport", "Contact us", "Storm hits the coast",
    ...     "The storm reached the coast on Monday night and it was the worst in a decade, officials"
    ...     " said, as thousands of homes were left without power across the region.",
    ...     "Repairs will take weeks, according to the utility, which has sent crews from three"
    ...     " states and expects most customers to be reconnected by the end of the month.",
    ...     "© 2024 Example Media. All rights reserved."])
    >>> [line[:20] for line in clean(page, mode="page").splitlines()]
    ['Storm hits the coast', 'The storm reached th', 'Repairs will take we']
    """
    config = Config(categories=categories, keep_categories=keep_categories, languages=languages,
                    max_low_confidence_share=max_low_confidence_share, fix_unicode=fix_unicode,
                    uncurl_quotes=uncurl_quotes, mode=mode)
    return pipeline_for(config, model, group).clean(text)


def explain(
    text: str,
    *,
    model: Model | None = None,
    group: Hashable | None = None,
    mode: str = "article",
    categories: Iterable[str] | None = None,
    keep_categories: Iterable[str] = (),
    languages: Iterable[str] | None = None,
    max_low_confidence_share: float = 0.5,
    fix_unicode: bool = True,
    uncurl_quotes: bool = False,
) -> list[Removal]:
    """Every removal ``clean(text, ...)`` makes with the same arguments, in document order.

    Each :class:`~cleantext.removal.Removal` has offsets into ``normalize(text)``, the filter
    that found it, a category, a reason and a confidence; those the safety cap held back
    are included with ``capped=True`` (and are not applied). See :func:`clean` for the
    arguments.

    >>> [(r.filter, r.category, r.text) for r in explain("Storm hits coast.\\nAdvertisement")]
    [('lines', 'ads', 'Advertisement')]
    >>> explain("Storm hits coast.\\nAdvertisement", keep_categories={"ads"})
    []
    """
    config = Config(categories=categories, keep_categories=keep_categories, languages=languages,
                    max_low_confidence_share=max_low_confidence_share, fix_unicode=fix_unicode,
                    uncurl_quotes=uncurl_quotes, mode=mode)
    return pipeline_for(config, model, group).explain(text)


def normalize(text: str, **options: Any) -> str:
    """The repaired text that removal offsets refer to (the input itself if it needed no repair).

    ``options`` are those of :func:`clean` (``model`` and ``group`` too, so that the keywords given to
    :func:`explain` can be given here); only ``fix_unicode`` and ``uncurl_quotes`` change it.

    >>> normalize("caf\\u00c3\\u00a9 &amp; bar")
    'café & bar'
    """
    options.pop("model", None)
    options.pop("group", None)
    config = Config.from_options(**options)
    return repair(text, fix_unicode=config.fix_unicode, uncurl_quotes=config.uncurl_quotes)

