"""cleantext: strip boilerplate from the text of web pages, keep the article.

>>> import cleantext
>>> cleantext.clean("Storm hits coast.\\n\\nAdvertisement\\n\\nSign up for our free weekly newsletter")
'Storm hits coast.'
>>> [(r.category, r.text) for r in cleantext.explain("Storm hits coast.\\nAdvertisement")]
[('ads', 'Advertisement')]

This module only re-exports: composition lives in :mod:`cleantext.compose`, and no
module of the package imports this one.
"""

from __future__ import annotations

from . import filters
from .batch import clean_batch, clean_columns
from .cleaner import Cleaner
from .compose import clean, default_pipeline, explain, normalize
from .config import CATEGORIES, LANGUAGES, Config
from .document import Document
from .learn import LearnParams, Model, ModelError, Stats, fit, load_model
from .ownership import ModuleClashWarning, warn_if_clashing
from .pipeline import Pipeline, Result
from .removal import Removal
from .version import __distribution__ as __distribution__
from .version import __version__ as __version__

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "Cleaner",
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
    "clean_batch",
    "clean_columns",
    "default_pipeline",
    "explain",
    "filters",
    "fit",
    "load_model",
    "normalize",
]

warn_if_clashing()
