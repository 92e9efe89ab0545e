"""The learned model: which spans are boilerplate, per group and corpus-wide.

A :class:`Model` is finalised from :class:`~.stats.Stats` and is small: per
scope (a group name, or ``""`` for spans that hold corpus-wide) the 64-bit span
keys learned, each with its evidence (distinct documents, documents, groups).

The file format is self-describing, versioned and checksummed::

    b"CLEANTEXT-MODEL\\n"            magic
    8 bytes, big-endian               length of the header
    header                            UTF-8 JSON: format, version, params, counts, body layout
    body                              per scope, in name order: the learned spans, packed
    32 bytes                          SHA-256 of everything before it

Saving writes a temporary file beside the target and renames it into place
(``os.replace``), so a crash never leaves a half-written model under the name.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .neardup import count_clusters
from .params import CORPUS, LearnParams, group_id, group_name

if TYPE_CHECKING:
    from .stats import Stats

#: Per-group filters a model keeps built (least recently used dropped first; rebuilt on demand).
MAX_CACHED_FILTERS = 1024

MAGIC = b"CLEANTEXT-MODEL\n"
FORMAT = "cleantext.learned-spans"
VERSION = 1
#: One learned span in the body: key, distinct documents, documents, groups.
_ROW = struct.Struct(">QIII")
_NAME_LEN = struct.Struct(">I")
_U32 = 0xFFFFFFFF
_COUNT = struct.Struct(">Q")
#: The scope of spans that hold whatever the group.
SHARED = ""


class ModelError(ValueError):
    """A model file (or bytes) that cannot be loaded: names the file and what is wrong."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None) -> None:
        self.path = None if path is None else os.fspath(path)
        where = f"{self.path}: " if self.path is not None else ""
        super().__init__(where + message)


@dataclass(frozen=True)
class Evidence:
    """Why a span was learned: in how many distinct documents, documents and groups it recurred."""

    distinct: int
    docs: int
    groups: int


class Model:
    """Learned boilerplate spans. Build with :func:`cleantext.fit` or ``Stats.finalize()``."""

    def __init__(self, params: LearnParams, docs: int, group_docs: Mapping[str, int],
                 scopes: Mapping[str, Mapping[int, Evidence]], ungrouped: int | None = None) -> None:
        self.params = params
        #: Documents fitted on, and those of them that came without a group.
        self.docs = docs
        self.ungrouped = docs - sum(group_docs.values()) if ungrouped is None else ungrouped
        self.group_docs = dict(sorted(group_docs.items()))
        self.scopes = {name: dict(sorted(spans.items())) for name, spans in sorted(scopes.items()) if spans}
        self._filters: OrderedDict[str | None, Any] = OrderedDict()

    def __repr__(self) -> str:
        spans = sum(len(s) for s in self.scopes.values())
        return f"<cleantext.Model: {spans} learned spans in {len(self.scopes)} scopes, from {self.docs} documents>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())

    def __getstate__(self) -> dict[str, Any]:
        return {"bytes": self.to_bytes()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        other = Model.from_bytes(state["bytes"])
        self.__dict__.update(other.__dict__)

    def info(self) -> dict[str, Any]:
        """A JSON-ready summary: documents, groups, learned spans per scope, parameters.

        >>> Model(LearnParams(), 0, {}, {}).info()["learned_spans"]
        {}
        """
        return {
            "format": FORMAT,
            "version": VERSION,
            "documents": self.docs,
            "ungrouped_documents": self.ungrouped,
            "groups": len(self.group_docs),
            "learned_spans": {name or "(all groups)": len(spans) for name, spans in self.scopes.items()},
            "params": self.params.to_dict(),
        }

    def spans(self, group: Any = None) -> dict[int, Evidence]:
        """Learned spans that apply to a text of ``group``: the group's own plus the shared ones."""
        own, shared = self.scopes_for(group)
        return {**shared, **own}

    def scopes_for(self, group: Any = None) -> tuple[dict[int, Evidence], dict[int, Evidence]]:
        """The spans of ``group``'s own scope and the shared spans (the model's tables, not copies):
        :meth:`spans` is the two merged, the group's own first."""
        name = group_name(group)
        own = self.scopes.get(name, {}) if name is not None else {}
        return own, self.scopes.get(SHARED, {})

    def filter(self, group: Any = None) -> Any:
        """The pipeline filter applying this model to texts of ``group``.

        The filters of the :data:`MAX_CACHED_FILTERS` most recently used groups are kept, so that
        a worker cleaning a stream of many sites does not grow with them.
        """
        key = group_name(group)
        found = self._filters.get(key)
        if found is None:
            from .apply import LearnedSpans

            found = self._filters[key] = LearnedSpans(self, key)
            if len(self._filters) > MAX_CACHED_FILTERS:
                self._filters.popitem(last=False)
        else:
            self._filters.move_to_end(key)
        return found

    # -- finalising ---------------------------------------------------------------------

    @classmethod
    def from_stats(cls, stats: Stats) -> Model:
        """Decide which counted spans are boilerplate (the rules are in docs/learning.md)."""
        params = stats.params
        scopes: dict[str, dict[int, Evidence]] = {}
        if stats.ungrouped:
            scopes[SHARED] = _learn_scope(stats, CORPUS, stats.ungrouped, 0)
        per_group: dict[int, int] = {}
        for name, docs in sorted(stats.groups.items()):
            learned = _learn_scope(stats, group_id(name), docs, 1)
            if learned:
                scopes[name] = learned
            for key in learned:
                per_group[key] = per_group.get(key, 0) + 1
        shared = scopes.setdefault(SHARED, {})
        for key, count in per_group.items():
            if count >= params.min_groups:
                evidence = [scopes[n][key] for n in scopes if n != SHARED and key in scopes[n]]
                old = shared.get(key, Evidence(0, 0, 0))
                shared[key] = Evidence(old.distinct + sum(e.distinct for e in evidence),
                                       old.docs + sum(e.docs for e in evidence), count)
        return cls(params, stats.docs, stats.groups, scopes, stats.ungrouped)

    @classmethod
    def union(cls, models: Iterable[Model]) -> Model:
        """One model from the models of the key parts of one corpus (``Stats(params, part=(i, n))``).

        The parts counted the same documents and disjoint sets of keys, so their
        learned spans only need uniting; the result is the model of a single fit.
        Give every part: a model does not record its part, so one left out is not
        noticed (its spans are missing from the result).
        """
        models = list(models)
        odd = [m for m in models if not isinstance(m, Model)]
        if odd:
            raise TypeError(f"Model.union takes Model objects, not {type(odd[0]).__name__}")
        if not models:
            raise ValueError("Model.union needs at least one model")
        first = models[0]
        for other in models[1:]:
            if (other.params, other.docs, other.ungrouped, other.group_docs) != (
                    first.params, first.docs, first.ungrouped, first.group_docs):
                raise ValueError("Model.union: the models were not fitted on the same documents with the same "
                                 "parameters (each key part must see every document)")
        scopes: dict[str, dict[int, Evidence]] = {}
        for model in models:
            for name, spans in model.scopes.items():
                scope = scopes.setdefault(name, {})
                if not scope.keys().isdisjoint(spans):
                    raise ValueError(f"Model.union: scope {name!r} has spans in two models (overlapping key parts)")
                scope.update(spans)
        return cls(first.params, first.docs, first.group_docs, scopes, first.ungrouped)

    # -- bytes and files ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The model file's bytes: the same model always gives the same bytes."""
        body = bytearray()
        for name, spans in self.scopes.items():
            raw = name.encode("utf-8", "surrogatepass")
            body += _NAME_LEN.pack(len(raw)) + raw + _COUNT.pack(len(spans))
            for key, ev in spans.items():
                body += _ROW.pack(key, *(min(v, _U32) for v in (ev.distinct, ev.docs, ev.groups)))
        header = {
            "format": FORMAT,
            "version": VERSION,
            "params": self.params.to_dict(),
            "documents": self.docs,
            "ungrouped_documents": self.ungrouped,
            "group_documents": self.group_docs,
            "scopes": {name: len(spans) for name, spans in self.scopes.items()},
            "body_bytes": len(body),
            "body_layout": "per scope in header order: u32 name length, UTF-8 name, u64 row count, "
                           "rows of (u64 span key, u32 distinct docs, u32 docs, u32 groups), big-endian",
        }
        head = json.dumps(header, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        blob = MAGIC + _COUNT.pack(len(head)) + head + bytes(body)
        return blob + hashlib.sha256(blob).digest()

    @classmethod
    def from_bytes(cls, data: bytes, path: str | os.PathLike[str] | None = None) -> Model:
        """Read a model from its bytes; :class:`ModelError` says what is wrong."""
        return _decode(bytes(data), path)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to ``path`` atomically (temporary file, then rename), readable by all (0644)."""
        target = Path(path)
        data = self.to_bytes()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            umask = os.umask(0)  # mkstemp makes 0600: give the model the usual 0666 minus the umask (0644)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def load_model(path: str | os.PathLike[str]) -> Model:
    """Load a model saved with :meth:`Model.save`; :class:`ModelError` names the file and the problem."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ModelError("is a directory, not a model file", path) from None
    except FileNotFoundError:
        raise ModelError("no such file", path) from None
    return Model.from_bytes(data, path)


def _learn_scope(stats: Stats, scope: int, docs: int, groups: int) -> dict[int, Evidence]:
    params = stats.params
    need = params.threshold(docs)
    learned: dict[int, Evidence] = {}
    memo: dict[tuple[bytes, bytes], bool] = {}  # near-duplicate answers per pair of signatures
    table = stats.scopes.get(scope, {})
    # in key order (as Stats.entries gives them), only the keys counted often enough: most are not
    for key in sorted([key for key, entry in table.items() if entry[0] >= need]):
        entry = table[key]
        if scope == CORPUS and entry[1] > FLOATING_WORDS and not _anchored(entry[2:]):
            continue  # without groups, a long span must sit at a fixed place (docs/learning.md)
        distinct = _distinct(entry, stats.signatures, params, memo)
        if distinct >= need:
            learned[key] = Evidence(distinct, entry[0], groups)
    return learned


#: Without groups, spans of at most this many words may float ("Advertisement", "Comments (12)").
FLOATING_WORDS = 4


def _anchored(sample: tuple[int, ...]) -> bool:
    """Whether most sampled documents carry the span at one distance from their top or their bottom.

    >>> _anchored((1 << 32 | 5 << 16 | 2, 2 << 32 | 9 << 16 | 2, 3 << 32 | 7 << 16 | 4))
    True
    >>> _anchored((1 << 32 | 5 << 16 | 2, 2 << 32 | 9 << 16 | 3, 3 << 32 | 7 << 16 | 4))
    False
    """
    before = Counter(item >> 16 & 0xFFFF for item in sample).most_common(1)[0][1]
    after = Counter(item & 0xFFFF for item in sample).most_common(1)[0][1]
    return 2 * max(before, after) > len(sample)


def _distinct(entry: tuple[int, ...], signatures: Mapping[int, bytes], params: LearnParams,
              memo: dict[tuple[bytes, bytes], bool]) -> int:
    """Distinct stories among a span's documents, estimated from its bottom-k sample."""
    n, sample = entry[0], entry[2:]
    clusters = count_clusters([signatures.get(item >> 32, b"") for item in sample], params.near_duplicate, memo)
    if len(sample) < params.sample_size:
        return clusters  # the sample is every distinct document
    return (n * clusters) // len(sample)


def _decode(data: bytes, path: str | os.PathLike[str] | None) -> Model:
    if not data.startswith(MAGIC):
        if not data:
            raise ModelError("empty file, not a cleantext model", path)
        raise ModelError(f"not a cleantext model file (it starts with {data[:16]!r}, expected {MAGIC!r})", path)
    pos = len(MAGIC)
    if len(data) < pos + 8:
        raise ModelError("truncated: the file ends inside the header length", path)
    (head_len,) = _COUNT.unpack_from(data, pos)
    pos += 8
    if len(data) < pos + head_len:
        raise ModelError(f"truncated: the header needs {head_len} bytes, the file has {len(data) - pos}", path)
    try:
        header = json.loads(data[pos : pos + head_len].decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"corrupt header ({exc})", path) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelError(f"wrong type of file: format {header.get('format') if isinstance(header, dict) else header!r}, "
                         f"expected {FORMAT!r}", path)
    version = header.get("version")
    if type(version) is not int or version != VERSION:  # JSON true is an int to isinstance()
        newer = type(version) is int and version > VERSION
        raise ModelError(f"model format version {version!r} "
                         + (f"is newer than this cleantext reads ({VERSION}); upgrade cleantext or refit the model"
                            if newer else f"is not one this cleantext reads ({VERSION}); refit the model"), path)
    pos += head_len
    expected = pos + int(header.get("body_bytes", -1)) + 32
    if len(data) != expected:
        how = "truncated" if len(data) < expected else "has trailing bytes"
        raise ModelError(f"{how}: expected {expected} bytes, found {len(data)}", path)
    if hashlib.sha256(data[:-32]).digest() != data[-32:]:
        raise ModelError("checksum mismatch: the file is corrupt", path)
    try:
        params = LearnParams.from_options(**header["params"])
        scopes = _decode_body(data[pos:-32], header["scopes"])
        return Model(params, int(header["documents"]), header["group_documents"], scopes,
                     int(header["ungrouped_documents"]))
    except (KeyError, TypeError, ValueError, struct.error) as exc:
        raise ModelError(f"corrupt model contents ({exc})", path) from None


def _decode_body(body: bytes, counts: Mapping[str, int]) -> dict[str, dict[int, Evidence]]:
    scopes: dict[str, dict[int, Evidence]] = {}
    pos = 0
    for _ in counts:
        (name_len,) = _NAME_LEN.unpack_from(body, pos)
        pos += 4
        name = body[pos : pos + name_len].decode("utf-8", "surrogatepass")
        pos += name_len
        (rows,) = _COUNT.unpack_from(body, pos)
        pos += 8
        spans = {}
        for key, distinct, docs, groups in _ROW.iter_unpack(body[pos : pos + rows * _ROW.size]):
            spans[key] = Evidence(distinct, docs, groups)
        pos += rows * _ROW.size
        if counts.get(name) != rows:
            raise ValueError(f"scope {name!r} holds {rows} rows, the header says {counts.get(name)}")
        scopes[name] = spans
    if pos != len(body):
        raise ValueError("body longer than its scopes")
    return scopes
