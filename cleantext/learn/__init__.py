"""Learning boilerplate from spans that a corpus repeats ("Learning from a corpus" in the docs).

>>> from cleantext.learn import Stats, LearnParams
>>> stats = Stats(LearnParams())
>>> stats.add("Storm hits the coast.\\nComments (12)")
>>> model = stats.merge(Stats(LearnParams())).finalize()
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from .model import Evidence, Model, ModelError, load_model
from .stats import LearnParams, Stats, pruned_warning

__all__ = ["Evidence", "LearnParams", "Model", "ModelError", "Stats", "fit", "load_model"]


def fit(
    texts: Iterable[str],
    groups: Iterable[Hashable] | None = None,
    *,
    min_docs: int = 3,
    min_share: float = 0.05,
    min_groups: int = 3,
    near_duplicate: float = 0.5,
    sample_size: int = 8,
    max_items: int = 200_000,
    max_groups: int = 100_000,
) -> Model:
    """Learn the spans a corpus repeats (menus, footers, a site's appeals) as boilerplate.

    Texts are streamed: read once, never all held. ``groups`` is an optional iterable
    parallel to ``texts`` (the site or domain of each text; compared by ``str()``; None, "" and
    NaN are no group): each
    group then learns its own spans, and a span found in ``min_groups`` groups holds for
    all of them. Clean with ``clean(text, model=model, group=site)``; save with
    ``model.save(path)``, load with :func:`load_model`.

    * ``min_docs``, ``min_share``: a span is learned when it recurs in at least
      ``min_docs`` distinct (non-near-duplicate) documents of its group and in at least
      ``min_share`` of them.
    * ``min_groups``: a span learned in this many groups is learned for every group.
    * ``near_duplicate``: two documents at least this similar (estimated Jaccard) count
      as one story; ``sample_size``: documents sampled per span to tell them apart.
    * ``max_items``, ``max_groups``: the memory bound (span counters and signatures held,
      groups tracked).

    These are the fields of :class:`LearnParams`, with its defaults (``help(LearnParams)``;
    the "Learning from a corpus" page of the documentation explains the method).

    >>> pages = [f"Story {i} about {w}.\\nShare this article\\nComments ({i})"
    ...          for i, w in enumerate(["rain", "snow", "wind", "fog"])]
    >>> model = fit(pages)
    >>> from cleantext.compose import clean
    >>> clean("A new story.\\nComments (3)\\nShare this article", model=model)
    'A new story.'
    >>> fit(pages, min_docs=5).info()["learned_spans"]
    {}
    """
    for name, value in (("texts", texts), ("groups", groups)):
        if isinstance(value, (str, bytes)):  # iterated, one character a document (or a group)
            raise TypeError(f"fit(): {name} must be an iterable with one item per text, not a single "
                            f"{type(value).__name__} (fit([text]) fits one text)")
    params = LearnParams(min_docs=min_docs, min_share=min_share, min_groups=min_groups,
                         near_duplicate=near_duplicate, sample_size=sample_size,
                         max_items=max_items, max_groups=max_groups)
    stats = Stats(params)
    batch: list[tuple[str, Hashable | None]] = []
    size = 0
    pairs = ((text, None) for text in texts) if groups is None else _paired(texts, groups)
    for text, group in pairs:
        batch.append((text, group))
        size += len(text) if isinstance(text, str) else 0
        if size >= BATCH_CHARS or len(batch) >= BATCH_TEXTS:
            stats.add_many(batch)
            batch, size = [], 0
    if batch:
        stats.add_many(batch)
    warning = pruned_warning(stats)
    if warning:
        warnings.warn(warning, RuntimeWarning, stacklevel=2)
    return stats.finalize()


_MISSING: Any = object()

#: ``fit`` keys texts in batches of about this many characters (or texts): whole-array work on
#: larger arrays, memory still bounded (see :meth:`Stats.add_many`).
BATCH_CHARS = 1_000_000
BATCH_TEXTS = 256


def _paired(texts: Iterable[str], groups: Iterable[Hashable]) -> Iterator[tuple[str, Hashable]]:
    """``zip(texts, groups)`` that fails when one runs out before the other."""
    groups = iter(groups)
    seen = 0
    for text in texts:
        group = next(groups, _MISSING)
        if group is _MISSING:
            raise ValueError(f"fit(): groups ran out after {seen} texts; give one group per text")
        seen += 1
        yield text, group
    if next(groups, _MISSING) is not _MISSING:
        raise ValueError(f"fit(): more groups than the {seen} texts; give one group per text")
