"""Applying a model: the learned filter removes the spans a fitted :class:`~.model.Model` holds.

(A filter like those of :mod:`cleantext.filters`, kept beside the model it reads: the
learner reads the filters' matcher, so a filter module that read the model would close a
circle. ``Model.filter(group)`` builds it; :mod:`cleantext.compose` puts it in a pipeline.)

A line whose template key was learned goes whole. Inside a line that was not
learned as a whole (an article paragraph), only learned *sentences* are cut,
at sentence boundaries: a learned phrase never takes part of a sentence.

Removals are low-confidence (the safety cap can hold them back) unless the
span recurs in at least half of its scope's documents (and in at least
``STRONG_MIN_DOCS``): a line on every other page of a site is its template,
and whole-page text is mostly template, which the cap would otherwise keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..document import Document
from ..removal import Confidence, Removal
from .spans import LINE, spans_of_line

if TYPE_CHECKING:
    from .model import Evidence, Model


class LearnedSpans:
    """Removes the lines and sentences ``model`` learned for ``group`` (category ``learned``)."""

    name = "learned"

    def __init__(self, model: Model, group: str | None = None) -> None:
        self.group = group
        # The group's own spans, then the shared ones, both read from the model: a merged copy per group
        # (Model.spans) cost the shared spans' size for each of the groups a worker keeps a filter for.
        self._own, self._shared = model.scopes_for(group)
        self.group_docs = model.group_docs.get(group, 0) if group is not None else 0
        self.corpus_docs = model.ungrouped
        #: (kind, key) -> (reason, confidence): at most two per learned span
        self._judged: dict[tuple[str, int], tuple[str, Confidence]] = {}

    def __repr__(self) -> str:
        return f"LearnedSpans({len(self._own)} + {len(self._shared)} shared spans, group={self.group!r})"

    def __call__(self, doc: Document) -> Iterator[Removal]:
        own, shared = self._own, self._shared
        if not own or not shared:  # one scope to ask
            own = own or shared
            if not own:
                return
            shared = _NOTHING
        for line in doc.content_lines:  # the non-blank lines, shared with the other filters of the run
            for start, end, kind, key, _ in spans_of_line(line.text):
                evidence = own.get(key)
                if evidence is None:
                    evidence = shared.get(key)
                    if evidence is None:
                        continue
                judged = self._judged.get((kind, key))
                if judged is None:
                    judged = self._judged[kind, key] = self._judge(kind, evidence)
                reason, confidence = judged
                if kind == LINE:  # the whole line goes, its sentences with it
                    yield Removal(line.start, line.end, self.name, "learned", reason, confidence, line.text)
                    break
                yield Removal(line.start + start, line.start + end, self.name, "learned", reason, confidence,
                              line.text[start:end])

    def _judge(self, kind: str, ev: Evidence) -> tuple[str, Confidence]:
        """The reason of a removal and its confidence, from the span's evidence."""
        if ev.groups > 1:
            return (f"learned {kind}: recurs in {ev.groups} groups "
                    f"({ev.distinct} distinct documents, {ev.docs} carrying it)"), "low"
        scope = self.group_docs if ev.groups == 1 else self.corpus_docs
        where = f"group {self.group!r}" if ev.groups == 1 else "the corpus"
        strong = ev.distinct >= max(STRONG_MIN_DOCS, STRONG_SHARE * scope)
        return (f"learned {kind}: recurs in {ev.distinct} distinct documents out of {scope} in {where} "
                f"({ev.docs} carrying it, near-duplicates counted once)"), "high" if strong else "low"


_NOTHING: dict[int, Evidence] = {}

#: A learned span is a high-confidence removal if it recurs in this share of its scope's documents ...
STRONG_SHARE = 0.5
#: ... and in at least this many.
STRONG_MIN_DOCS = 5
