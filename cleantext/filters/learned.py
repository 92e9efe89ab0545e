"""The learned filter: removes spans a fitted :class:`~cleantext.learn.Model` holds as boilerplate.

A line whose template key was learned goes whole. Inside a line that was not
learned as a whole (an article paragraph), only learned *sentences* are cut,
at sentence boundaries: a learned phrase never takes part of a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..document import Document
from ..learn.spans import LINE, line_spans
from ..removal import Removal

if TYPE_CHECKING:
    from ..learn.model import Evidence, Model


class LearnedSpans:
    """Removes the lines and sentences ``model`` learned for ``group`` (category ``learned``)."""

    name = "learned"

    def __init__(self, model: Model, group: str | None = None) -> None:
        self.group = group
        self.spans = model.spans(group)

    def __repr__(self) -> str:
        return f"LearnedSpans({len(self.spans)} spans, group={self.group!r})"

    def __call__(self, doc: Document) -> Iterator[Removal]:
        if not self.spans:
            return
        removed_line = -1
        for span in line_spans(doc):
            evidence = self.spans.get(span.key)
            if evidence is None or span.line == removed_line:
                continue
            if span.kind == LINE:
                line = doc.lines[span.line]
                removed_line = line.index
                yield Removal(line.start, line.end, self.name, "learned", self._reason("line", evidence), "low")
            else:
                yield Removal(span.start, span.end, self.name, "learned", self._reason("sentence", evidence), "low")

    def _reason(self, kind: str, ev: Evidence) -> str:
        if ev.groups > 1:
            return (f"learned {kind}: recurs in {ev.groups} groups "
                    f"({ev.distinct} distinct documents of {ev.docs} carrying it)")
        where = f"group {self.group!r}" if ev.groups == 1 else "the corpus"
        return f"learned {kind}: recurs in {ev.distinct} distinct documents of {where} ({ev.docs} carrying it)"
