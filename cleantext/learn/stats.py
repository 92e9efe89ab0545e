"""Per-shard statistics of repeated spans: add documents, merge shards, finalise.

:class:`Stats` counts, for every span key (see :mod:`.spans`), how many
documents carry it and keeps a small sample of those documents (the
``sample_size`` smallest document ids, a bottom-k sample) whose MinHash
signatures are kept too, so that finalising can tell how many *distinct*
stories the documents are (see :mod:`.neardup`). Keys are counted per group
(site) when documents come with one, else in the corpus-wide scope.

Merging is a sum of counts and a union of bottom-k samples: associative and
commutative, so shards can be counted anywhere and merged in any order.

Memory is bounded: the state never holds more than ``max_items`` items (span
counters plus document signatures, at most about 600 bytes each, so the
default 200,000 is at most about 120 MB of Python objects, typically half
that) and ``max_groups`` groups. When it grows past the bound, the least
frequent keys are dropped, one count at a time, down to half the bound (lossy
counting: a key must recur about once per ``max_items / 2`` new items to
survive). Until the first prune, counts are exact and the model does not
depend on sharding or order; past it, borderline keys may differ between
shardings (``Stats.pruned`` says whether it happened).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Hashable, Iterator
from typing import TYPE_CHECKING, Any

from ..normalize import repair
from .neardup import signature, signatures
from .params import CORPUS, LearnParams, group_id, group_name
from .spans import document_keys, documents_keys

if TYPE_CHECKING:
    from .model import Model

#: The ``format`` of :meth:`Stats.to_bytes`.
STATS_FORMAT = "cleantext.stats/1"

# An entry is (documents, words, item, item, ...): the count, the span's length in words
# (of its key), then the bottom-k sample of the
# documents carrying the key, ascending. An item packs a document id (high 64 bits) with
# where the key first occurs in it: lines before (16 bits) and lines after (16 bits).
Entry = tuple[int, ...]


class Stats:
    """Span statistics of some documents (one shard): picklable, mergeable, bounded.

    >>> s = Stats()
    >>> for t in ["Story one.\\nComments (3)", "Story two.\\nComments (12)"]:
    ...     s.add(t, group="example.com")
    >>> s.docs, s.groups["example.com"]
    (2, 2)
    """

    def __init__(self, params: LearnParams | None = None, part: tuple[int, int] = (0, 1)) -> None:
        self.params = params or LearnParams()
        #: ``(index, parts)``: count only the span keys whose hash modulo ``parts`` is ``index``.
        #: Every document goes to every part; each part holds a share of the keys, and the parts'
        #: models unite exactly (:meth:`Model.union`): memory split without pruning (docs/learning.md).
        self.part = _check_part(part)
        #: Documents added.
        self.docs = 0
        #: Documents added without a group (kept apart: pruned groups must not inflate it).
        self.ungrouped = 0
        #: Documents per group name.
        self.groups: dict[str, int] = {}
        #: scope (CORPUS or a group id) -> span key -> entry.
        self.scopes: dict[int, dict[int, Entry]] = {}
        #: document id -> MinHash signature, for documents in some sample.
        self.signatures: dict[int, bytes] = {}
        #: Keys dropped by pruning, and groups dropped past ``max_groups`` (0 means the counts are exact).
        self.pruned = 0
        self._items = 0
        #: Keys of recently seen short lines (a speed-up only: not pickled, copied or merged).
        self._lines: dict[str, tuple[str, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {name: value for name, value in self.__dict__.items() if name != "_lines"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lines = {}

    def __repr__(self) -> str:
        return f"Stats(docs={self.docs}, groups={len(self.groups)}, items={self.items}, pruned={self.pruned})"

    @property
    def items(self) -> int:
        """Span counters plus signatures held now: what ``max_items`` bounds."""
        return self._items

    def add(self, text: str, group: Hashable | None = None) -> None:
        """Count the spans of one document, in ``group`` (a site, a domain) if given."""
        if not isinstance(text, str):
            raise TypeError(f"Stats.add expects str, got {type(text).__name__}")
        text = repair(text)
        self._add_repaired(text, group, document_keys(text, self._lines_cache()))

    def add_many(self, pairs: list[tuple[str, Hashable | None]]) -> None:
        """:meth:`add` each ``(text, group)`` in order (the same counts), keying the texts together:
        fewer, larger array operations (see :func:`.spans.documents_keys`)."""
        for text, _ in pairs:
            if not isinstance(text, str):
                raise TypeError(f"Stats.add expects str, got {type(text).__name__}")
        texts = [repair(text) for text, _ in pairs]
        # every signature at once: nearly every document enters some sample (its unique lines are new keys)
        for text, (_, group), keys, sig in zip(texts, pairs, documents_keys(texts, self._lines_cache()),
                                               signatures(texts)):
            self._add_repaired(text, group, keys, sig)

    def _lines_cache(self) -> dict[str, tuple[str, ...]]:
        if len(self._lines) > self.params.max_items // 10:
            self._lines.clear()  # the cache is part of the memory bound: up to max_items / 10 short lines
        return self._lines

    def _add_repaired(self, text: str, group: Hashable | None, keys: dict[int, tuple[int, int, int]],
                      sig: bytes | None = None) -> None:
        """Count one repaired document's keys; ``sig`` is its :func:`.neardup.signature` if known."""
        self.docs += 1
        scope = CORPUS
        name = group_name(group)
        if name is None:
            self.ungrouped += 1
        else:
            self.groups[name] = self.groups.get(name, 0) + 1
            scope = group_id(name)
        index, parts = self.part
        if parts > 1:
            keys = {key: value for key, value in keys.items() if key % parts == index}
        if not keys:
            if len(self.groups) > self.params.max_groups:
                self._bound()  # a group of documents without keys counts against max_groups too
            return
        doc = document_id(text)
        table = self.scopes.setdefault(scope, {})
        sampled = False
        k = self.params.sample_size
        added = 0
        for key, (before, after, words) in keys.items():
            item = doc << 32 | before << 16 | after
            entry = table.get(key)
            if entry is None:
                table[key] = (1, words, item)
                added += 1
                continue
            # one more document; the sample keeps the k smallest items (by document id); written out
            # here, not called: a call per key costs as much as the rest
            sample = entry[2:]
            if item in sample:
                table[key] = (entry[0] + 1, entry[1]) + sample
                sampled = True
            elif len(sample) >= k and item > sample[-1]:
                table[key] = (entry[0] + 1, entry[1]) + sample
            else:
                table[key] = (entry[0] + 1, entry[1]) + tuple(sorted(sample + (item,))[:k])
                sampled = True
        if added:
            self._items += added
            sampled = True
        if sampled and doc not in self.signatures:
            self.signatures[doc] = signature(text) if sig is None else sig
            self._items += 1
        self._bound()

    def merge(self, other: Stats) -> Stats:
        """A new Stats holding both: counts add, samples unite. Associative and commutative.

        Copies ``self``; to fold many shards into one running total, use :meth:`update`.
        """
        return self.copy().update(other)

    def update(self, other: Stats) -> Stats:
        """Add ``other``'s counts to this Stats in place (the same result as :meth:`merge`); returns ``self``.

        Costs the size of ``other``, not of the running total: merging shard after
        shard into one total stays linear in the shards.

        >>> total = Stats()
        >>> for text in ["Story one.\\nComments (3)", "Story two.\\nComments (12)"]:
        ...     shard = Stats()
        ...     shard.add(text)
        ...     total = total.update(shard)
        >>> total.docs
        2
        """
        if not isinstance(other, Stats):  # a Model (finalised) or anything else: say what it is
            raise TypeError(f"Stats.update/merge takes a Stats, not {type(other).__name__}")
        if other.params != self.params:
            raise ValueError(f"cannot merge Stats fitted with different parameters: {self.params} != {other.params}")
        if other.part != self.part:
            raise ValueError(f"cannot merge Stats of different key parts ({self.part} and {other.part}): "
                             "finalize each part and unite the models with Model.union")
        self.docs += other.docs
        self.ungrouped += other.ungrouped
        for name, count in other.groups.items():
            self.groups[name] = self.groups.get(name, 0) + count
        k = self.params.sample_size
        added = 0
        for scope, theirs in list(other.scopes.items()):
            table = self.scopes.setdefault(scope, {})
            for key, entry in list(theirs.items()):
                mine = table.get(key)
                if mine is None:
                    table[key] = entry
                    added += 1
                else:
                    table[key] = _combine(mine, entry, k)
        for doc, sig in list(other.signatures.items()):
            if doc not in self.signatures:
                self.signatures[doc] = sig
                added += 1
        self.pruned += other.pruned
        self._items += added
        self._bound()
        return self

    def copy(self) -> Stats:
        """An independent copy (entries are immutable tuples, so the tables are copied shallowly)."""
        out = Stats(self.params, self.part)
        out.docs, out.ungrouped, out.pruned, out._items = self.docs, self.ungrouped, self.pruned, self._items
        out.groups = dict(self.groups)
        out.scopes = {scope: dict(table) for scope, table in self.scopes.items()}
        out.signatures = dict(self.signatures)
        return out

    def to_bytes(self) -> bytes:
        """This shard as bytes (compressed JSON, not a pickle: reading a shard runs no code).

        The same statistics always give the same bytes; :meth:`from_bytes` reads them back.

        >>> s = Stats()
        >>> s.add("Story one.\\nComments (3)", group="example.com")
        >>> t = Stats.from_bytes(s.to_bytes())
        >>> (t.docs, t.groups, t.scopes == s.scopes, t.signatures == s.signatures)
        (1, {'example.com': 1}, True, True)
        """
        state = {
            "format": STATS_FORMAT, "params": self.params.to_dict(), "part": list(self.part),
            "docs": self.docs, "ungrouped": self.ungrouped, "pruned": self.pruned,
            "groups": dict(sorted(self.groups.items())),
            "scopes": [[scope, [[key, *self.scopes[scope][key]] for key in sorted(self.scopes[scope])]]
                       for scope in sorted(self.scopes)],
            "signatures": [[doc, base64.b64encode(self.signatures[doc]).decode("ascii")]
                           for doc in sorted(self.signatures)],
        }
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode("ascii"), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> Stats:
        """Statistics written by :meth:`to_bytes`; ``ValueError`` if ``data`` is not that."""
        try:
            state = json.loads(zlib.decompress(data).decode("ascii"))
            if state.get("format") != STATS_FORMAT:
                raise ValueError(f"format {state.get('format')!r}, expected {STATS_FORMAT!r}")
            out = cls(LearnParams.from_options(**state["params"]), tuple(state["part"]))
            out.docs, out.ungrouped, out.pruned = int(state["docs"]), int(state["ungrouped"]), int(state["pruned"])
            out.groups = {str(name): int(n) for name, n in state["groups"].items()}
            out.scopes = {int(scope): {row[0]: tuple(row[1:]) for row in rows} for scope, rows in state["scopes"]}
            out.signatures = {int(doc): base64.b64decode(sig) for doc, sig in state["signatures"]}
        except (zlib.error, UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not cleantext statistics ({exc})") from None
        out._items = sum(len(table) for table in out.scopes.values()) + len(out.signatures)
        return out

    def finalize(self) -> Model:
        """The learned :class:`~cleantext.learn.model.Model`."""
        from .model import Model

        return Model.from_stats(self)

    def entries(self, scope: int) -> Iterator[tuple[int, Entry]]:
        """``(key, entry)`` of one scope, in key order."""
        table = self.scopes.get(scope, {})
        for key in sorted(table):
            yield key, table[key]

    def _bound(self) -> None:
        if len(self.groups) > self.params.max_groups:
            self._prune_groups()
        if self._items > self.params.max_items:
            self._drop_unsampled()  # signatures that fell out of every sample are dropped lazily, here
        if self._items > self.params.max_items:
            self._prune(self.params.max_items // 2)

    def _prune(self, target: int) -> None:
        """Drop the least frequent keys, one count at a time, until at most ``target`` items remain.

        Each table is rebuilt rather than deleted from, and an emptied one goes: a dict never
        shrinks on deletion, so a table once grown would keep its size through every prune,
        and the bound would hold the keys but not the memory (one table per site).
        """
        while self._items > target:
            counts = [entry[0] for table in self.scopes.values() for entry in table.values()]
            if not counts:
                break
            cutoff = min(counts)
            for scope, table in list(self.scopes.items()):
                kept = {key: entry for key, entry in table.items() if entry[0] > cutoff}
                self.pruned += len(table) - len(kept)
                if kept:
                    self.scopes[scope] = kept
                else:
                    del self.scopes[scope]
            self._drop_unsampled()

    def _drop_unsampled(self) -> None:
        """Forget signatures of documents no sample holds any more; recount the items."""
        live = {item >> 32 for table in self.scopes.values() for entry in table.values() for item in entry[2:]}
        if len(live) < len(self.signatures):
            self.signatures = {doc: sig for doc, sig in self.signatures.items() if doc in live}
        self._items = sum(len(t) for t in self.scopes.values()) + len(self.signatures)

    def _prune_groups(self) -> None:
        ranked = sorted(self.groups.items(), key=lambda item: (-item[1], item[0]))
        for name, _ in ranked[self.params.max_groups :]:
            del self.groups[name]
            table = self.scopes.pop(group_id(name), {})
            self.pruned += len(table) + 1  # its keys, and its document count (which the model reads too)
        self._drop_unsampled()


def pruned_warning(stats: Stats, *, remedy: str = "raise max_items") -> str | None:
    """What to tell the user when the memory bound dropped keys before finalising (None: it did not);
    ``remedy`` says how to raise the bound where the warning is read (the command line: ``--param``).

    Only then is the model an approximation: a rare span may be missing, and another order or
    sharding of the same corpus may give a slightly different model.
    """
    if not stats.pruned:
        return None
    return (f"the statistics dropped {stats.pruned:,} rare span keys or groups to stay under the memory bound "
            f"(max_items={stats.params.max_items:,}, max_groups={stats.params.max_groups:,}): some spans "
            "recurring in few documents may be missing, and another order or sharding of the same corpus "
            f"may give a slightly different model; {remedy} for exact results")


def _check_part(part: tuple[int, int]) -> tuple[int, int]:
    index, parts = (int(v) for v in part)
    if parts < 1 or not 0 <= index < parts:
        raise ValueError(f"Stats part must be (index, parts) with 0 <= index < parts, not {part!r}")
    return index, parts


def _combine(a: Entry, b: Entry, k: int) -> Entry:
    return (a[0] + b[0], a[1]) + tuple(sorted(set(a[2:]) | set(b[2:]))[:k])


def document_id(text: str) -> int:
    """A document's id: a hash of its text (identical documents share it)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
