"""Clean many texts at once: lists, and the dict-of-columns batches of ``datasets`` and Ray Data.

``clean_batch`` resolves the pipeline once per batch instead of once per text;
``clean_columns`` (and the picklable ``mapper``) plug into
``datasets.Dataset.map(..., batched=True)``, ``ray.data.Dataset.map_batches``
and pandas, replacing or adding one text column and keeping the others.

>>> clean_batch(["Storm hits coast.\\nAdvertisement", "Rain."])
['Storm hits coast.', 'Rain.']
>>> clean_columns({"id": [7], "text": ["Storm hits coast.\\nAdvertisement"]})
{'id': [7], 'text': ['Storm hits coast.']}
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .compose import default_pipeline
from .config import Config
from .learn.params import group_name
from .pipeline import Pipeline

#: What cleans one text: ``(text, group) -> cleaned``.
TextCleaner = Callable[[str, Hashable], str]


def clean_batch(
    texts: Iterable[str],
    model: Any = None,
    groups: Iterable[Hashable] | None = None,
    **options: Any,
) -> list[str]:
    """``[clean(t, model=model, group=g, **options) for t, g in zip(texts, groups)]``, faster.

    ``groups`` (one key per text, e.g. the site) picks each text's learned
    spans, so it needs a ``model`` (as for ``clean``); without ``groups`` every
    text is cleaned with ``group=None``.
    A text that is not a ``str`` (``None`` in a column) raises ``TypeError``
    naming its position, rather than being silently dropped or emptied.

    >>> clean_batch(["Rain.\\nSubscribe to our newsletter"])
    ['Rain.']
    """
    texts = _as_list(_not_one(texts, "texts"))
    keys = _groups_for(texts, groups, model)
    clean_one = text_cleaner(model, **options)
    out = []
    for i, (text, key) in enumerate(zip(texts, keys)):
        if not isinstance(text, str):
            raise TypeError(
                f"texts[{i}] is {type(text).__name__}, not str: filter or fill missing texts first"
            )
        out.append(clean_one(text, key))
    return out


def clean_columns(
    batch: Any,
    *,
    text_column: str = "text",
    group_column: str | None = None,
    output_column: str | None = None,
    model: Any = None,
    **options: Any,
) -> Any:
    """Clean one column of a batch; every other column is kept as it is.

    ``batch`` is a dict of columns (``datasets`` batched map: lists; Ray Data:
    numpy arrays) or a pandas DataFrame, and the same kind comes back. The
    cleaned texts replace ``text_column`` unless ``output_column`` names a new one.

    >>> clean_columns({"text": ["Rain.\\nAdvertisement"]}, output_column="clean")
    {'text': ['Rain.\\nAdvertisement'], 'clean': ['Rain.']}
    """
    groups = _as_list(_column(batch, group_column)) if group_column else None
    cleaned = clean_batch(_column(batch, text_column), model=model, groups=groups, **options)
    target = output_column or text_column
    if hasattr(batch, "assign"):  # a pandas DataFrame
        if isinstance(target, str):
            return batch.assign(**{target: cleaned})
        out = batch.copy()  # a label that is no keyword (read_csv(header=None) names columns 0, 1, ...)
        out[target] = cleaned
        return out
    return {**batch, target: cleaned}


@dataclass(frozen=True)
class ColumnCleaner:
    """A picklable ``clean_columns`` with its settings bound: build it with :func:`mapper`."""

    text_column: str = "text"
    group_column: str | None = None
    output_column: str | None = None
    model: Any = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def __call__(self, batch: Any) -> Any:
        return clean_columns(
            batch,
            text_column=self.text_column,
            group_column=self.group_column,
            output_column=self.output_column,
            model=self.model,
            **self.options,
        )


def mapper(
    *,
    text_column: str = "text",
    group_column: str | None = None,
    output_column: str | None = None,
    model: Any = None,
    **options: Any,
) -> ColumnCleaner:
    """A batch function for ``Dataset.map(mapper(...), batched=True)`` or ``map_batches``.

    Options are checked here, so a typo fails before any worker starts.

    >>> fn = mapper(output_column="clean", keep_categories={"ads"})
    >>> fn({"text": ["Rain.\\nAdvertisement"]})["clean"]
    ['Rain.\\nAdvertisement']
    """
    Config.from_options(**options)
    return ColumnCleaner(text_column, group_column, output_column, model, dict(options))


def text_cleaner(model: Any = None, **options: Any) -> TextCleaner:
    """The function that cleans one ``(text, group)``: one pipeline per group, built once."""
    pipelines: dict[Hashable, Pipeline] = {}

    def clean_one(text: str, group: Hashable) -> str:
        pipeline = pipelines.get(group)
        if pipeline is None:
            pipeline = pipelines[group] = default_pipeline(model=model, group=group, **options)
        return pipeline.clean(text)

    default_pipeline(model=model, **options)  # bad options or model fail before any text
    return clean_one


def _not_one(values: Any, name: str) -> Any:
    """``values``, unless it is one string (iterated, it would be one item a character)."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be an iterable with one item per text, not a single {type(values).__name__}")
    return values


def _groups_for(texts: list[Any], groups: Iterable[Hashable] | None, model: Any) -> list[Hashable]:
    if groups is None:
        return [None] * len(texts)
    keys = _as_list(_not_one(groups, "groups"))  # numpy values as Python's, as group_name makes them too
    if len(keys) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(keys)} groups: give one group per text")
    if model is None:
        raise TypeError("groups= selects a learned model's spans: pass model= too")
    return [group_name(key) for key in keys]  # what the model looks them up under (hashable, no NaN "site")


def _column(batch: Any, name: str) -> Any:
    try:
        return batch[name]
    except KeyError:
        columns = list(batch.keys()) if hasattr(batch, "keys") else "?"
        raise KeyError(f"no column {name!r} in the batch; columns: {columns}") from None


def _as_list(values: Iterable[Any]) -> list[Any]:
    """A plain list of Python objects (numpy arrays and pandas Series give numpy scalars otherwise)."""
    if hasattr(values, "tolist"):
        return list(values.tolist())
    return list(values)
