"""datatrove pipeline steps (``pip install 'cleantext-boilerplate[datatrove]'``): learn, then clean.

Two stages, as datatrove's own sentence dedup runs (signatures, then filter):

* :class:`FitModel` counts the learning statistics of the documents each task
  sees and writes them as one shard per task (``00003-of-00016.stats`` in
  ``output_folder``), passing the documents on unchanged;
* :class:`CleanText`, in a later stage, merges every shard of that folder once
  per task into a :class:`~cleantext.Model`, cleans ``doc.text`` and records
  what it removed in ``doc.metadata``.

Merging is associative and commutative, so the model is the one
``cleantext.fit`` learns in one process from the same documents, whatever the
number of tasks (docs/pipelines.md, "datatrove"). Documents are grouped by the
registrable domain of ``doc.metadata["url"]`` unless ``group_by`` says otherwise.
"""

from __future__ import annotations

import re
import uuid
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep

from cleantext.compose import default_pipeline
from cleantext.config import Config
from cleantext.document import count_words
from cleantext.domains import registrable_domain
from cleantext.learn import LearnParams, Model, Stats
from cleantext.learn.stats import pruned_warning
from cleantext.pipeline import Pipeline

#: What picks a document's group (its site): ``doc -> group`` or ``None`` for no group.
GroupBy = Callable[[Document], Hashable | None]

#: ``doc.metadata`` keys written by :class:`CleanText`.
REMOVED_WORDS = "cleantext_removed_words"
CATEGORIES = "cleantext_categories"

#: Shard file names: ``<rank>-of-<world size>.stats``.
SHARD_SUFFIX = ".stats"
_SHARD_RE = re.compile(r"\A(\d{5,})-of-(\d{5,})\.stats\Z")

#: Pipelines (one per group) a task keeps built; the least recently used is dropped first.
MAX_CACHED_PIPELINES = 1024


def url_domain(doc: Document) -> str | None:
    """The default group: the registrable domain of ``doc.metadata["url"]`` (``None`` without one).

    >>> url_domain(Document(text="", id="1", metadata={"url": "https://news.bbc.co.uk/1"}))
    'bbc.co.uk'
    """
    url = doc.metadata.get("url")
    return registrable_domain(url) if isinstance(url, str) else None


class FitModel(PipelineStep):
    """Write this task's shard of learning statistics to ``output_folder``; pass documents through.

    ``params`` are the fields of :class:`~cleantext.LearnParams` (``min_docs``, ...);
    ``group_by=None`` learns without groups.
    """

    name = "🧹 cleantext: learning statistics"
    type = "📊 - STATS"

    def __init__(self, output_folder: DataFolderLike, *, group_by: GroupBy | None = url_domain,
                 **params: Any) -> None:
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.group_by = group_by
        self.params = LearnParams.from_options(**params)  # a typo fails here, before any task

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        stats = Stats(self.params)
        for doc in data or ():
            self.stat_update("documents")
            with self.track_time():
                stats.add(doc.text, self.group_by(doc) if self.group_by else None)
            yield doc
        # Written even when the task saw no document: CleanText checks that every shard is there.
        _write_atomically(self.output_folder, shard_name(rank, world_size), stats.to_bytes())


class CleanText(PipelineStep):
    """Clean ``doc.text`` with the rules and the model learned by :class:`FitModel` in ``model_folder``.

    Each document gets ``metadata["cleantext_removed_words"]`` (words cut) and
    ``metadata["cleantext_categories"]`` (the sorted categories of what was cut).
    ``model_folder=None`` cleans with the rules only. ``options`` are the fields of
    :class:`~cleantext.Config` (``keep_categories={"credit"}``, ``mode="page"``, ...).
    """

    name = "🧹 cleantext: clean"
    type = "✂️ - FORMAT"

    def __init__(self, model_folder: DataFolderLike | None, *, group_by: GroupBy | None = url_domain,
                 **options: Any) -> None:
        super().__init__()
        self.model_folder = None if model_folder is None else get_datafolder(model_folder)
        self.group_by = group_by
        Config.from_options(**options)  # a typo fails here, before any task
        self.options = dict(options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        model = None if self.model_folder is None else load_shards(self.model_folder)
        pipelines: OrderedDict[Hashable, Pipeline] = OrderedDict()
        for doc in data or ():
            self.stat_update("documents")
            with self.track_time():
                group = self.group_by(doc) if self.group_by and model is not None else None
                pipeline = pipelines.get(group)
                if pipeline is None:
                    pipeline = pipelines[group] = default_pipeline(model=model, group=group, **self.options)
                    if len(pipelines) > MAX_CACHED_PIPELINES:
                        pipelines.popitem(last=False)
                else:
                    pipelines.move_to_end(group)
                result = pipeline.run(doc.text)
            applied = result.applied
            words = sum(count_words(r.text) for r in applied)
            doc.text = result.text
            doc.metadata[REMOVED_WORDS] = words
            doc.metadata[CATEGORIES] = sorted({r.category for r in applied})
            self.stat_update("removed_words", value=words)
            if not doc.text:
                self.stat_update("emptied")
            yield doc


def shard_name(rank: int, world_size: int) -> str:
    """The file a task writes its statistics to.

    >>> shard_name(3, 16)
    '00003-of-00016.stats'
    """
    return f"{rank:05d}-of-{world_size:05d}{SHARD_SUFFIX}"


def load_shards(folder: DataFolderLike) -> Model:
    """The model of every shard :class:`FitModel` wrote in ``folder`` (merged in rank order).

    Raises ``FileNotFoundError`` naming the missing ranks when the fit stage is
    incomplete, and ``ValueError`` when shards of runs with different task counts are mixed.
    """
    folder = get_datafolder(folder)
    found: dict[int, int] = {}
    names = [name.rsplit("/", 1)[-1] for name in folder.list_files(recursive=False)]
    for name in names:
        match = _SHARD_RE.match(name)
        if match:
            found[int(match.group(1))] = int(match.group(2))
    sizes = set(found.values())
    if len(sizes) > 1:
        raise ValueError(f"{folder.path}: shards of fit runs with different task counts {sorted(sizes)}; "
                         "empty the folder and run FitModel again")
    if not found:
        raise FileNotFoundError(f"{folder.path}: no cleantext statistics (*{SHARD_SUFFIX}): run FitModel first")
    world_size = sizes.pop()
    missing = [rank for rank in range(world_size) if rank not in found]
    if missing:
        raise FileNotFoundError(f"{folder.path}: the fit stage is incomplete: no shard for task(s) "
                                f"{missing[:10]} of {world_size}")
    total: Stats | None = None
    for rank in range(world_size):
        name = shard_name(rank, world_size)
        with folder.open(name, "rb") as handle:
            try:
                shard = Stats.from_bytes(handle.read())
            except ValueError as exc:
                raise ValueError(f"{folder.path}/{name}: {exc}") from None
        total = shard if total is None else total.update(shard)
    assert total is not None
    warning = pruned_warning(total)
    if warning:
        warnings.warn(warning, RuntimeWarning, stacklevel=2)
    return total.finalize()


def _write_atomically(folder: Any, name: str, data: bytes) -> None:
    """Write ``name`` under a temporary name, then rename it: a reader never sees half a shard."""
    tmp = f".{name}.{uuid.uuid4().hex}.tmp"
    with folder.open(tmp, "wb") as handle:
        handle.write(data)
    folder.mv(tmp, name)
