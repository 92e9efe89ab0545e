"""``Cleaner``: learn a corpus model and clean with it, in the scikit-learn estimator style.

It follows the scikit-learn conventions (``fit`` returns ``self``, learned state
ends in ``_``, ``get_params``/``set_params``, ``y`` accepted and ignored) so it
works as a step of a scikit-learn ``Pipeline`` or in ``clone``, without
depending on scikit-learn.

>>> texts = ["Storm hits coast.\\nAdvertisement", "Rain falls.\\nAdvertisement"]
>>> Cleaner().fit(texts).transform(texts)
['Storm hits coast.', 'Rain falls.']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import fields
from typing import Any

from .batch import _as_list, clean_batch
from .config import Config
from .learn import LearnParams, fit


class NotFittedError(ValueError, AttributeError):
    """``transform`` was called before ``fit`` (the same bases as scikit-learn's)."""


class Cleaner:
    """``fit`` learns a model from texts, ``transform`` cleans texts with it.

    ``params`` are the learning parameters of :func:`cleantext.fit` (see
    ``cleantext.learn.LearnParams``) and the cleaning options of
    :func:`cleantext.clean` (see :class:`cleantext.Config`); each goes where it
    belongs. ``Cleaner().fit(texts).transform(texts)`` equals
    ``[clean(t, model=fit(texts)) for t in texts]``. The fit learns on the repaired text
    whatever ``fix_unicode`` says (see "Limits" in the documentation's page on learning).
    """

    def __init__(self, **params: Any) -> None:
        _check_names(params)
        self._params = dict(params)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in sorted(self._params.items()))
        return f"Cleaner({args})"

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The parameters given to the constructor (the same objects: ``clone`` checks)."""
        return dict(self._params)

    def set_params(self, **params: Any) -> Cleaner:
        """Change parameters; a fitted model stays until the next ``fit``."""
        _check_names(params)
        self._params.update(params)
        return self

    def __sklearn_tags__(self) -> Any:
        """Tell scikit-learn (1.6 or newer, only imported when it asks) this takes a list of strings."""
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(preserves_dtype=[]),
            input_tags=InputTags(one_d_array=True, two_d_array=False, string=True),
            no_validation=True,
        )

    def fit(
        self, texts: Iterable[str], y: Any = None, groups: Iterable[Hashable] | None = None
    ) -> Cleaner:
        """Learn ``model_`` from ``texts`` (streamed); ``y`` is ignored, as for any transformer."""
        learn, options = _split(self._params)
        Config.from_options(**options)  # a bad cleaning option fails here, not after the fit at transform
        self.model_ = fit(texts, groups=groups, **learn)
        return self

    def transform(
        self, texts: Iterable[str], groups: Iterable[Hashable] | None = None
    ) -> list[str]:
        """The cleaned texts, in order, with the fitted model.

        Give groups as ``fit`` had them: without, only the spans learned
        corpus-wide (or in at least ``min_groups`` groups) apply.
        """
        model = getattr(self, "model_", None)
        if model is None:
            raise NotFittedError("this Cleaner is not fitted yet: call fit(texts) before transform")
        _, options = _split(self._params)
        return clean_batch(texts, model=model, groups=groups, **options)

    def fit_transform(
        self, texts: Iterable[str], y: Any = None, groups: Iterable[Hashable] | None = None
    ) -> list[str]:
        """``fit`` then ``transform`` on the same texts (read once into a list)."""
        texts = _as_list(texts)
        groups = None if groups is None else _as_list(groups)
        return self.fit(texts, groups=groups).transform(texts, groups=groups)


def _learn_names() -> frozenset[str]:
    return frozenset(f.name for f in fields(LearnParams))


def _clean_names() -> frozenset[str]:
    return frozenset(f.name for f in fields(Config))


def _split(params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(learning parameters, cleaning options); a name both know goes to both."""
    learn_names, clean_names = _learn_names(), _clean_names()
    learn = {k: v for k, v in params.items() if k in learn_names}
    options = {k: v for k, v in params.items() if k in clean_names}
    return learn, options


def _check_names(params: dict[str, Any]) -> None:
    known = _learn_names() | _clean_names()
    unknown = sorted(set(params) - known)
    if unknown:
        raise TypeError(f"unknown Cleaner parameter(s) {unknown}; known: {sorted(known)}")
