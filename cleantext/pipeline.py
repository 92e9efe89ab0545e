"""The pipeline: run filters, resolve overlaps, apply the safety cap, cut, lay out.

Filters only *find* spans; this is the one place where text is removed, so
explanations, the safety cap and the "nothing invented" guarantee live here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Protocol, runtime_checkable

from .config import Config
from .document import Document, count_words
from .normalize import cut, repair
from .removal import Removal, coerce, order


@runtime_checkable
class Filter(Protocol):
    """Anything with a ``name`` that, called on a Document, returns spans to remove."""

    name: str

    def __call__(self, doc: Document) -> Iterable[Removal]: ...


FilterLike = Filter | Callable[[Document], Iterable[Any]]


@dataclass(frozen=True)
class Result:
    """The outcome of one pipeline run: the cleaned text and every removal."""

    text: str
    removals: list[Removal]
    normalized: str

    @property
    def applied(self) -> list[Removal]:
        return [r for r in self.removals if r.applied]


class Pipeline:
    """An ordered list of filters with one config.

    >>> from cleantext import filters
    >>> p = Pipeline([filters.phrases(["Subscribe to read"], category="paywall")])
    >>> p.clean("A sentence.\\nSubscribe to read\\nAnother.")
    'A sentence.\\nAnother.'
    >>> [(r.category, r.text) for r in p.explain("Subscribe to read")]
    [('paywall', 'Subscribe to read')]
    """

    def __init__(self, filters: Sequence[FilterLike], config: Config | None = None) -> None:
        self.filters = list(filters)
        self.config = config or Config()

    def __repr__(self) -> str:
        names = ", ".join(_filter_name(f) for f in self.filters)
        return f"Pipeline([{names}])"

    def run(self, text: str) -> Result:
        config = self.config
        normalized = repair(text, fix_unicode=config.fix_unicode, uncurl_quotes=config.uncurl_quotes)
        doc = Document(normalized)
        found: list[Removal] = []
        for flt in self.filters:
            name = _filter_name(flt)
            for item in flt(doc) or ():
                removal = coerce(item, filter_name=name, text=normalized)
                if removal.length and config.removes(removal.category):
                    found.append(removal)
        removals = _apply_cap(_resolve(found, normalized), doc, config)
        # not r.capped is r.applied without the property call (once per removal)
        cleaned = cut(normalized, [(r.start, r.end) for r in removals if not r.capped])
        return Result(cleaned, removals, normalized)

    def clean(self, text: str) -> str:
        """The text with every applied removal cut out."""
        return self.run(text).text

    def explain(self, text: str) -> list[Removal]:
        """Every removal in document order, including those the safety cap held back."""
        return self.run(text).removals


def _filter_name(flt: Any) -> str:
    return str(getattr(flt, "name", None) or getattr(flt, "__name__", None) or type(flt).__name__)


def _resolve(found: list[Removal], text: str) -> list[Removal]:
    """Make removals disjoint: high confidence first, then low trimmed around them."""
    high = _disjoint(sorted((r for r in found if r.confidence == "high"), key=order), text)
    low = _disjoint(sorted((r for r in found if r.confidence != "high"), key=order), text)
    if high and low:
        high_ends = [c.end for c in high]
        high_starts = [c.start for c in high]
        kept: list[Removal] = []
        for r in low:
            index = bisect.bisect_right(high_ends, r.start)  # the first high removal ending after r starts
            if index == len(high_starts) or high_starts[index] >= r.end:
                # none overlaps r: r is its own only piece (what _subtract would rebuild, field for field)
                if r.text.strip():
                    kept.append(r)
            else:
                kept += _subtract(r, high, high_ends, text)
        low = kept
    # Disjoint and none empty (run() keeps no empty removal; trims and pieces are never empty):
    # no two start at one offset, so their start alone gives the order of ``order``.
    return sorted(high + low, key=_START)


_START = attrgetter("start")


def _disjoint(removals: list[Removal], text: str) -> list[Removal]:
    """Drop removals inside an earlier one; trim partial overlaps (input sorted by ``order``)."""
    out: list[Removal] = []
    last_end = -1
    starts = list(map(_START, removals))
    if len(set(starts)) < len(starts):  # removals sharing a start: the longest first (then by ``order``)
        removals = sorted(removals, key=lambda r: (r.start, -r.end))
    for r in removals:
        if r.end <= last_end:
            continue
        if r.start < last_end:
            r = r.trimmed_to(last_end, r.end, text)
        out.append(r)
        last_end = r.end
    return out


def _subtract(r: Removal, cuts: list[Removal], cut_ends: list[int], text: str) -> list[Removal]:
    """The parts of ``r`` outside ``cuts`` (disjoint, sorted; ``cut_ends`` their ends).

    Only the cuts that overlap ``r`` are visited (found by bisection), so resolving
    many low-confidence removals against many high-confidence ones stays linear.
    """
    pieces: list[Removal] = []
    start = r.start
    index = bisect.bisect_right(cut_ends, r.start)  # the first cut ending after r starts
    while index < len(cuts) and cuts[index].start < r.end:
        c = cuts[index]
        index += 1
        if c.start > start:
            pieces.append(r.trimmed_to(start, c.start, text))
        start = max(start, c.end)
    if start < r.end:
        pieces.append(r.trimmed_to(start, r.end, text))
    return [p for p in pieces if p.text.strip()]


def _apply_cap(removals: list[Removal], doc: Document, config: Config) -> list[Removal]:
    """Hold back every low-confidence removal when together they take too much."""
    # One count over the texts joined by newlines (no word spans one) instead of one per removal.
    # Page mode's line removals are exempt: on whole pages, boilerplate is routinely most of the words.
    low_words = count_words("\n".join([r.text for r in removals if r.confidence != "high" and r.filter != "page"]))
    if not low_words or _within_share(doc, low_words, config.max_low_confidence_share):
        return removals
    share = low_words / max(doc.words, 1)
    note = (
        f" [kept by the safety cap: low-confidence rules would remove {share:.0%} of the words,"
        f" more than max_low_confidence_share={config.max_low_confidence_share:.0%}]"
    )
    return [
        r if r.confidence == "high" or r.filter == "page" else r.with_(capped=True, reason=r.reason + note)
        for r in removals
    ]


#: :func:`_within_share` counts the words of a document's first this many characters first.
_FIRST_CHUNK = 4096


def _within_share(doc: Document, words: int, share: float) -> bool:
    """``words <= share * doc.words``, counting only as much of the document as that takes.

    Words of the document's first lines are a lower bound of its words (no word spans a
    newline), so the count stops once they are enough; the whole document is counted (and
    ``doc.words`` remembered) only when they are not. Same answer as counting it all.

    >>> doc = Document("one two\\n" * 5000)
    >>> _within_share(doc, 10, 0.5), "words" in doc.__dict__, _within_share(doc, 6000, 0.5)
    (True, False, False)
    """
    if "words" not in doc.__dict__:
        text, counted, start, end = doc.text, 0, 0, _FIRST_CHUNK
        while end < len(text):
            cut_at = text.rfind("\n", start, end)
            if cut_at > start:
                counted += count_words(text[start:cut_at])
                start = cut_at
                if words <= share * counted:
                    return True
            end *= 4
    return words <= share * doc.words

