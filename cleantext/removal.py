"""What a filter asks to remove: a span of the document, with who asked and why."""

from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any, Literal

Confidence = Literal["high", "low"]

_set = object.__setattr__


@dataclass(frozen=True, order=True, init=False)
class Removal:
    """One span of the (normalised) text that a filter wants removed.

    ``start``/``end`` are character offsets into ``cleantext.normalize(text)``,
    which is the input itself whenever the input needed no repair.
    ``capped`` is true when the safety cap kept the span in the output: it is
    still reported by ``explain()`` so that nothing is hidden.

    >>> r = Removal(0, 11, filter="lines", category="ads", reason="ad marker", text="Advertising")
    >>> r.length, r.applied
    (11, True)
    """

    start: int
    end: int
    filter: str = "custom"
    category: str = "custom"
    reason: str = ""
    confidence: Confidence = "high"
    text: str = ""
    capped: bool = False

    def __init__(self, start: int, end: int, filter: str = "custom", category: str = "custom", reason: str = "",
                 confidence: Confidence = "high", text: str = "", capped: bool = False) -> None:
        # What the dataclass's own __init__ does (one object.__setattr__ per field, as it is frozen),
        # with one dict: half the cost, and every filter makes one Removal per span, coerce() another.
        _set(self, "__dict__", {"start": start, "end": end, "filter": filter, "category": category,
                                "reason": reason, "confidence": confidence, "text": text, "capped": capped})

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def applied(self) -> bool:
        """True when this removal is cut from the output (not held back by the cap)."""
        return not self.capped

    def with_(self, **changes: Any) -> Removal:
        """A copy with some fields changed (Removal is immutable)."""
        return replace(self, **changes)

    def trimmed_to(self, start: int, end: int, text: str) -> Removal:
        """The same removal of ``text[start:end]`` (a piece of this one; what ``with_`` does, faster)."""
        return Removal(start, end, self.filter, self.category, self.reason, self.confidence, text[start:end],
                       self.capped)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, the form used by ``--explain --format jsonl``."""
        return {
            "start": self.start,
            "end": self.end,
            "filter": self.filter,
            "category": self.category,
            "reason": self.reason,
            "confidence": self.confidence,
            "capped": self.capped,
            "text": self.text,
        }


#: The order of Removal objects (their fields in order), as a sort key: sorting by it is several
#: times faster than comparing the dataclasses, and gives the same order.
order = attrgetter("start", "end", "filter", "category", "reason", "confidence", "text", "capped")


def coerce(item: Any, *, filter_name: str, text: str) -> Removal:
    """Turn what a user filter returned into a Removal.

    A filter may return ``Removal`` objects, ``(start, end)`` pairs or
    ``(start, end, category, reason)`` tuples. Offsets are integers with
    ``0 <= start <= end <= len(text)`` (of the text the filter was given, ``doc.text``), else a
    ``TypeError`` or ``ValueError`` names the filter: a negative start meant from the end, as in
    Python, and ``(-4, len(text))`` was clamped into removing the whole text.

    >>> coerce((0, 3), filter_name="mine", text="abcdef").text
    'abc'
    >>> coerce((-4, 6), filter_name="mine", text="abcdef")
    Traceback (most recent call last):
    ...
    ValueError: filter 'mine' returned the span (-4, 6) of a text of 6 characters: offsets go from 0 to the text's length, start <= end
    """
    if (type(item) is Removal and item.filter != "custom" and item.text and not item.capped
            and type(item.start) is int and type(item.end) is int and item.confidence in _CONFIDENCES
            and 0 <= item.start <= item.end <= len(text) and text[item.start : item.end] == item.text):
        return item  # already what the lines below would build: the built-in filters give their removals so
    if isinstance(item, Removal):
        removal = item
    elif isinstance(item, tuple) and len(item) in (2, 3, 4):
        start, end, *rest = item
        category = rest[0] if rest else "custom"
        reason = rest[1] if len(rest) > 1 else f"removed by {filter_name}"
        removal = Removal(_offset(start, filter_name, item), _offset(end, filter_name, item), filter_name,
                          str(category), str(reason))
    else:
        raise TypeError(
            f"filter {filter_name!r} returned {item!r}; expected a Removal, "
            "(start, end) or (start, end, category, reason)"
        )
    start, end = _offset(removal.start, filter_name, item), _offset(removal.end, filter_name, item)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"filter {filter_name!r} returned the span ({start}, {end}) of a text of {len(text)} "
                         "characters: offsets go from 0 to the text's length, start <= end")
    if removal.confidence not in _CONFIDENCES:
        raise ValueError(f"filter {filter_name!r} returned a removal of confidence {removal.confidence!r}; "
                         "expected 'high' or 'low'")
    name = filter_name if removal.filter == "custom" and filter_name != "custom" else removal.filter
    # Built directly, not with dataclasses.replace(): this runs once per span and replace() is slow. Never
    # capped: the pipeline alone caps (a filter's capped=True kept a high-confidence removal from applying).
    return Removal(start, end, name, removal.category, removal.reason, removal.confidence, text[start:end])


_CONFIDENCES = ("high", "low")


def _offset(value: Any, filter_name: str, item: Any) -> int:
    """An offset of a span a filter returned, as an int (any integer type), or a TypeError naming the filter."""
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"filter {filter_name!r} returned {item!r}: offsets must be integers, "
                        f"not {type(value).__name__}") from None
