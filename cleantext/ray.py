"""Fit and clean a corpus with Ray Data (``pip install 'cleantext-boilerplate[ray]'``).

``fit`` computes one :class:`~cleantext.learn.Stats` per batch in ``map_batches``,
merges them in a tree of Ray tasks as the blocks arrive (like Spark's
``treeReduce``), and finalises the model on the driver.
The merge is associative and commutative, so the model is the one
:func:`cleantext.fit` learns in one process from the same texts, whatever the
number of blocks, batches or workers. ``clean`` ships the model to each worker
once (``ray.put``, read by the worker's constructor) and cleans batch by batch.

Ray is imported only when these functions run, so ``import cleantext`` never
needs it. Ray Data does not keep row order unless
``DataContext.get_current().execution_options.preserve_order`` is set: keep an
id column to join results back.
"""

from __future__ import annotations

import pickle
import warnings
from collections import deque
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from .batch import ColumnCleaner, mapper
from .learn import LearnParams, Model, Stats
from .learn.stats import pruned_warning

if TYPE_CHECKING:  # pragma: no cover
    import ray.data

#: Parts one merge task takes: the tree of merges is log_FANOUT(blocks) deep.
FANOUT = 8

#: Rows per batch for statistics and cleaning: small enough to stream, large enough to amortise.
BATCH_SIZE = 1024

INSTALL_HINT = "cleantext.ray needs Ray Data: pip install 'cleantext-boilerplate[ray]'"


def fit(
    ds: ray.data.Dataset,
    *,
    text_column: str = "text",
    group_column: str | None = None,
    batch_size: int = BATCH_SIZE,
    compute: Any = None,
    **params: Any,
) -> Model:
    """Learn a model from the ``text_column`` of ``ds`` (``params``: see ``LearnParams``).

    Equal to ``cleantext.fit(texts, groups=groups, **params)`` on the same rows.
    ``compute`` is passed to ``map_batches`` (e.g. ``ray.data.TaskPoolStrategy(size=8)``).
    """
    ray = _require_ray()
    learn = LearnParams.from_options(**params)
    shards = ds.map_batches(
        _batch_stats,  # type: ignore[arg-type]  # Ray's type leaves out fn_kwargs
        fn_kwargs={"params": learn, "text_column": text_column, "group_column": group_column},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=compute,
    )
    merge = ray.remote(_merge_parts)
    pending: deque[Any] = deque()  # blocks of pickled Stats, then refs to merged Stats
    # Streamed: merging starts as soon as the first blocks of statistics exist.
    for bundle in shards.iter_internal_ref_bundles():
        pending.extend(bundle.block_refs)
        while len(pending) >= FANOUT:  # a tree of merges, log_FANOUT(blocks) deep
            pending.append(merge.remote(learn, *(pending.popleft() for _ in range(FANOUT))))
    stats = ray.get(merge.remote(learn, *pending)) if pending else Stats(learn)
    return finalize(stats)


def clean(
    ds: ray.data.Dataset,
    model: Model | None = None,
    *,
    text_column: str = "text",
    group_column: str | None = None,
    output_column: str | None = None,
    batch_size: int = BATCH_SIZE,
    compute: Any = None,
    **options: Any,
) -> ray.data.Dataset:
    """``ds`` with ``text_column`` cleaned (or the cleaned text in ``output_column``).

    Lazy, like every Ray Data transform. ``compute`` is passed to
    ``map_batches`` (e.g. ``ray.data.ActorPoolStrategy(size=8)``; by default an
    autoscaling pool of workers, each holding the model once).
    """
    ray = _require_ray()
    mapper(**options)  # a typo in the options fails here, not in a worker
    return ds.map_batches(
        _BatchCleaner,
        fn_constructor_kwargs={
            "model": None if model is None else ray.put(model),
            "text_column": text_column,
            "group_column": group_column,
            "output_column": output_column,
            "options": options,
        },
        batch_size=batch_size,
        batch_format="numpy",
        compute=compute,
    )


class _BatchCleaner:
    """A Ray Data worker: fetches the model once, then cleans batch after batch."""

    def __init__(
        self,
        model: Any,
        text_column: str,
        group_column: str | None,
        output_column: str | None,
        options: dict[str, Any],
    ) -> None:
        import ray

        if isinstance(model, ray.ObjectRef):
            model = ray.get(model)
        self.clean = ColumnCleaner(text_column, group_column, output_column, model, options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        return self.clean(batch)  # type: ignore[no-any-return]


def finalize(stats: Stats) -> Model:
    """``stats.finalize()``, warning if the memory bound dropped keys.

    Only then can the model differ (slightly) between shardings of the same
    corpus; see docs/pipelines.md, "Determinism".
    """
    warning = pruned_warning(stats)
    if warning:
        warnings.warn(warning, RuntimeWarning, stacklevel=3)
    return stats.finalize()


def _batch_stats(
    batch: Any, *, params: LearnParams, text_column: str, group_column: str | None
) -> dict[str, list[bytes]]:
    """One batch of rows -> one row holding the pickled Stats of the batch."""
    stats = Stats(params)
    texts = batch.column(text_column).to_pylist()
    groups: list[Hashable] = (
        batch.column(group_column).to_pylist() if group_column else [None] * len(texts)
    )
    for text, group in zip(texts, groups):
        if not isinstance(text, str):
            raise TypeError(f"column {text_column!r} holds a {type(text).__name__}, not str")
        stats.add(text, group=group)
    return {"stats": [pickle.dumps(stats, protocol=pickle.HIGHEST_PROTOCOL)]}


def _merge_parts(params: LearnParams, *parts: Any) -> Stats:
    """Merge blocks of pickled Stats (first level) or Stats (the levels above) into one."""
    from ray.data.block import BlockAccessor

    merged = Stats(params)
    for part in parts:
        if isinstance(part, Stats):
            merged = merged.merge(part)
            continue
        table = BlockAccessor.for_block(part).to_arrow()
        for blob in table.column("stats").to_pylist() if table.num_rows else ():
            merged = merged.merge(pickle.loads(blob))
    return merged


def _require_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return ray
