"""cleantext: strip boilerplate from the text of web pages, keep the article.

>>> import cleantext
>>> cleantext.clean("Storm hits coast.\\n\\nAdvertisement\\n\\nSign up for our free weekly newsletter")
'Storm hits coast.'
>>> [(r.category, r.text) for r in cleantext.explain("Storm hits coast.\\nAdvertisement")]
[('ads', 'Advertisement')]
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from . import filters
from .config import CATEGORIES, LANGUAGES, Config
from .document import Document
from .learn import LearnParams, Model, ModelError, Stats, fit, load_model
from .normalize import repair as _repair
from .ownership import ModuleClashWarning, warn_if_clashing
from .pipeline import Pipeline, Result
from .removal import Removal

__version__ = "0.1.0"
#: The PyPI distribution that owns this module (``pip install cleantext-boilerplate``).
__distribution__ = "cleantext-boilerplate"

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "Config",
    "Document",
    "LearnParams",
    "Model",
    "ModelError",
    "ModuleClashWarning",
    "Pipeline",
    "Removal",
    "Result",
    "Stats",
    "clean",
    "default_pipeline",
    "explain",
    "filters",
    "fit",
    "load_model",
    "normalize",
]


@lru_cache(maxsize=32)
def _pipeline_for(config: Config) -> Pipeline:
    return Pipeline(filters.default(config), config)


def default_pipeline(**options: Any) -> Pipeline:
    """The built-in pipeline for these options (see :class:`Config`)."""
    return _pipeline_for(Config.from_options(**options))


def _pipeline(model: Model | None, group: Hashable | None, options: dict[str, Any]) -> Pipeline:
    base = default_pipeline(**options)
    if model is None:
        if group is not None:
            raise TypeError("group= selects a learned model's spans: pass model= too")
        return base
    if not isinstance(model, Model):
        raise TypeError(f"model= expects a cleantext.Model (from fit() or load_model()), got {type(model).__name__}")
    return Pipeline([*base.filters, model.filter(group)], base.config)


def clean(text: str, *, model: Model | None = None, group: Hashable | None = None, **options: Any) -> str:
    """Remove boilerplate from ``text`` with the built-in rules (and a learned ``model``).

    ``options`` are the fields of :class:`Config` (``categories``,
    ``keep_categories``, ``languages``, ``max_low_confidence_share``, ...).
    ``model`` is a :class:`Model` from :func:`fit` or :func:`load_model`;
    ``group`` (a site, a domain) picks that group's learned spans besides the shared ones.
    """
    return _pipeline(model, group, options).clean(text)


def explain(text: str, *, model: Model | None = None, group: Hashable | None = None,
            **options: Any) -> list[Removal]:
    """Every removal ``clean(text, ...)`` makes, in document order, with its reason."""
    return _pipeline(model, group, options).explain(text)



def normalize(text: str, **options: Any) -> str:
    """The repaired text that removal offsets refer to (the input itself if it needed no repair)."""
    config = Config.from_options(**options)
    return _repair(text, fix_unicode=config.fix_unicode, uncurl_quotes=config.uncurl_quotes)


warn_if_clashing()
