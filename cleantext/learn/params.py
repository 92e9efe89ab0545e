"""How spans are counted and learned (:class:`LearnParams`), and the scope ids of groups.

Both :mod:`.stats` (counting) and :mod:`.model` (finalising, loading) read these, so they
sit below both: the model never imports the statistics module it is finalised from.
"""

from __future__ import annotations

import hashlib
import math
import numbers
from dataclasses import asdict, dataclass, fields
from typing import Any

#: The corpus-wide scope: documents that came without a group.
CORPUS = 0


@dataclass(frozen=True)
class LearnParams:
    """How spans are counted and when one is learned as boilerplate (the fields are the keywords of ``fit()``)."""

    #: A span is learned only if it recurs in at least this many distinct
    #: (non-near-duplicate) documents of a group, or of the ungrouped corpus.
    min_docs: int = 3
    #: ... and in at least this share of the group's (or ungrouped corpus') documents.
    min_share: float = 0.05
    #: A span learned in at least this many groups is also learned for every group
    #: (and for texts cleaned without a group).
    min_groups: int = 3
    #: Two documents are one story when their estimated Jaccard similarity is at least this.
    near_duplicate: float = 0.5
    #: Documents sampled per span to count distinct stories.
    sample_size: int = 8
    #: The memory bound: span counters plus document signatures held at most.
    max_items: int = 200_000
    #: Groups (sites) tracked at most; the smallest are dropped first.
    max_groups: int = 100_000

    def __post_init__(self) -> None:
        for name in ("min_docs", "min_groups", "sample_size", "max_items", "max_groups"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"LearnParams.{name} must be at least 1, not {getattr(self, name)!r}")
        if not 0.0 <= self.min_share <= 1.0:
            raise ValueError(f"LearnParams.min_share must be between 0 and 1, not {self.min_share!r}")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise ValueError(f"LearnParams.near_duplicate must be in (0, 1], not {self.near_duplicate!r}")
        if self.max_items < 100:
            raise ValueError("LearnParams.max_items must be at least 100")

    @classmethod
    def from_options(cls, **options: Any) -> LearnParams:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown learning parameter(s) {unknown}; known: {sorted(known)}")
        return cls(**options)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def threshold(self, docs: int) -> int:
        """Distinct documents a span needs in a scope of ``docs`` documents.

        >>> LearnParams().threshold(5), LearnParams().threshold(40), LearnParams().threshold(1000)
        (3, 3, 50)
        """
        return max(self.min_docs, math.ceil(self.min_share * docs - 1e-9))


def group_id(name: str) -> int:
    """The scope id of a group name (never CORPUS)."""
    digest = hashlib.blake2b(b"G\x00" + name.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") or 1


def group_name(group: Any) -> str | None:
    """The name a group is counted and looked up under (``str(group)``), or None for no group: None, the
    empty string (the name of the shared scope, whose spans apply to every group: a group called "" took
    its place) and missing values (NaN, pandas' ``NA`` / ``NaT``: a column with gaps is no site called "nan").

    >>> [group_name(g) for g in ("bbc.co.uk", 7, "", None, float("nan"))]
    ['bbc.co.uk', '7', None, None, None]
    """
    if type(group).__module__ == "numpy" and hasattr(group, "item"):
        # a numpy scalar as the Python value tolist() and pyarrow's to_pylist() give (float32 0.1 is
        # 0.10000000149011612 there, NaT is None): fit(groups=array) iterates scalars, clean_batch and Ray
        # read lists
        group = group.item()
    if group is None or type(group).__name__ in ("NAType", "NaTType"):
        return None
    if not isinstance(group, (str, numbers.Integral)) and _is_nan(group):
        return None  # NaN of any float type, Decimal("NaN"), numpy's NaT
    return str(group) or None


def _is_nan(value: Any) -> bool:
    """Whether ``value`` is unequal to itself (NaN, NaT), without asking containers (an array's answer)."""
    try:
        unequal = value != value
    except Exception:  # noqa: BLE001 (a value whose comparison fails is no NaN)
        return False
    return type(unequal).__name__ in ("bool", "bool_") and bool(unequal)
