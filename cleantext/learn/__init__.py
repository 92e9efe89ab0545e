"""Learning boilerplate from spans that a corpus repeats (see docs/learning.md).

>>> from cleantext.learn import Stats, LearnParams
>>> stats = Stats(LearnParams())
>>> stats.add("Storm hits the coast.\\nComments (12)")
>>> model = stats.merge(Stats(LearnParams())).finalize()
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from .model import Evidence, Model, ModelError, load_model
from .stats import LearnParams, Stats

__all__ = ["Evidence", "LearnParams", "Model", "ModelError", "Stats", "fit", "load_model"]


def fit(texts: Iterable[str], groups: Iterable[Hashable] | None = None, **params: Any) -> Model:
    """Learn boilerplate spans from a corpus (streamed: texts are read once, never all held).

    ``groups`` is an optional iterable parallel to ``texts`` (the site or domain
    of each text; groups are compared by ``str()``): each group then learns its
    own spans. ``params`` are the fields of :class:`LearnParams`. See docs/learning.md.

    >>> pages = [f"Story {i} about {w}.\\nShare this article\\nComments ({i})"
    ...          for i, w in enumerate(["rain", "snow", "wind", "fog"])]
    >>> model = fit(pages)
    >>> import cleantext
    >>> cleantext.clean("A new story.\\nComments (3)\\nShare this article", model=model)
    'A new story.'
    """
    stats = Stats(LearnParams.from_options(**params))
    if groups is None:
        for text in texts:
            stats.add(text)
    else:
        texts, groups = iter(texts), iter(groups)
        for text in texts:
            group = next(groups, _MISSING)
            if group is _MISSING:
                raise ValueError(f"fit(): groups ran out after {stats.docs} texts; give one group per text")
            stats.add(text, group)
        if next(groups, _MISSING) is not _MISSING:
            raise ValueError(f"fit(): more groups than the {stats.docs} texts; give one group per text")
    return stats.finalize()


_MISSING: Any = object()
