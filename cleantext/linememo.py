"""Bounded memos of what a pure per-line function says about a line, shared across documents.

Most lines of a corpus recur: the menu, the footer and the appeal of a site are on
every one of its pages (on the bench pages, 70% of the short lines of big9 are
repeats of an earlier line). What the rules or the learned keys say about a line
depends on its text alone, so it is computed once per distinct line and reused,
with offsets relative to the line's start. The result is the same whether the
memo is cold, warm or was cleared half-way: only the time differs.

Each memo holds at most ``maxsize`` lines of at most ``max_chars`` characters
(long lines are article paragraphs, which do not recur) and starts again when
full, so memory stays bounded in a worker that cleans for weeks.
:func:`clear` empties every memo: benchmarks call it before each timed pass, so
that a pass over the same pages twice is not measured as a warm one.
"""

from __future__ import annotations

import weakref
from typing import Any

#: Lines up to this many characters are remembered.
MAX_CHARS = 300
#: Each memo remembers at most this many lines (a few tens of MB at most).
MAX_LINES = 50_000

_MEMOS: weakref.WeakSet[LineMemo] = weakref.WeakSet()


class LineMemo(dict[str, Any]):
    """A dict of line text -> verdict, bounded; use :meth:`remember` to add.

    >>> memo = LineMemo(maxsize=2)
    >>> memo.remember("a", 1), memo.remember("b", 2), memo.remember("c", 3)
    (1, 2, 3)
    >>> sorted(memo)  # full at two: started again
    ['c']
    """

    def __init__(self, maxsize: int = MAX_LINES, max_chars: int = MAX_CHARS) -> None:
        super().__init__()
        self.maxsize = maxsize
        self.max_chars = max_chars
        _MEMOS.add(self)

    def __hash__(self) -> int:  # a WeakSet member: identity, not contents
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __reduce__(self) -> tuple[type[LineMemo], tuple[int, int]]:
        """Pickled empty: a pipeline sent to a worker does not carry what this process remembered."""
        return (LineMemo, (self.maxsize, self.max_chars))

    def remember(self, line: str, verdict: Any) -> Any:
        """Store ``verdict`` for ``line`` (if the line is short enough) and return it."""
        if len(line) <= self.max_chars:
            if len(self) >= self.maxsize:
                self.clear()
            self[line] = verdict
        return verdict


def clear() -> None:
    """Empty every line memo of this process (the next documents are judged from scratch)."""
    for memo in list(_MEMOS):
        memo.clear()
