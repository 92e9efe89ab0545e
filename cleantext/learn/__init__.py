"""Learning boilerplate from spans that a corpus repeats (see docs/learning.md).

>>> from cleantext.learn import Stats, LearnParams
>>> stats = Stats(LearnParams())
>>> stats.add("Storm hits the coast.\\nComments (12)")
>>> model = stats.merge(Stats(LearnParams())).finalize()
"""

from __future__ import annotations

from .model import Evidence, Model, ModelError, load_model
from .stats import LearnParams, Stats

__all__ = ["Evidence", "LearnParams", "Model", "ModelError", "Stats", "load_model"]
