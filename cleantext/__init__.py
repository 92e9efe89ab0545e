"""cleantext: strip boilerplate from the text of web pages, keep the article.

>>> import cleantext
>>> cleantext.clean("Storm hits coast.\\n\\nAdvertisement\\n\\nSign up for our free weekly newsletter")
'Storm hits coast.'
>>> [(r.category, r.text) for r in cleantext.explain("Storm hits coast.\\nAdvertisement")]
[('ads', 'Advertisement')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import filters
from .batch import clean_batch, clean_columns
from .config import CATEGORIES, LANGUAGES, Config
from .document import Document
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
    "ModuleClashWarning",
    "Pipeline",
    "Removal",
    "Result",
    "clean",
    "clean_batch",
    "clean_columns",
    "default_pipeline",
    "explain",
    "filters",
    "normalize",
]


@lru_cache(maxsize=32)
def _pipeline_for(config: Config) -> Pipeline:
    return Pipeline(filters.default(config), config)


def default_pipeline(**options: Any) -> Pipeline:
    """The built-in pipeline for these options (see :class:`Config`)."""
    return _pipeline_for(Config.from_options(**options))


def clean(text: str, **options: Any) -> str:
    """Remove boilerplate from ``text`` with the built-in rules.

    ``options`` are the fields of :class:`Config` (``categories``,
    ``keep_categories``, ``languages``, ``max_low_confidence_share``, ...).
    """
    return default_pipeline(**options).clean(text)


def explain(text: str, **options: Any) -> list[Removal]:
    """Every removal ``clean(text, **options)`` makes, in document order, with its reason."""
    return default_pipeline(**options).explain(text)


def normalize(text: str, **options: Any) -> str:
    """The repaired text that removal offsets refer to (the input itself if it needed no repair)."""
    config = Config.from_options(**options)
    return _repair(text, fix_unicode=config.fix_unicode, uncurl_quotes=config.uncurl_quotes)


warn_if_clashing()
