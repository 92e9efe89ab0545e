"""Turn a phrase list or a regex into a filter in one line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

import regex as _regex

from ..document import Document
from ..removal import Confidence, Removal
from .matcher import trimmed

Match = Literal["line", "contains", "inline"]


class PatternFilter:
    """Removes what a compiled pattern matches, as a whole line, a line containing it, or inline.

    * ``match="line"``: a line that, trimmed of whitespace and bullets, *is* the pattern.
    * ``match="contains"``: every line in which the pattern occurs.
    * ``match="inline"``: only the matched characters.
    """

    def __init__(self, pattern: _regex.Pattern[str], *, category: str, reason: str, match: Match,
                 confidence: Confidence, name: str) -> None:
        if match not in ("line", "contains", "inline"):
            raise ValueError(f"match must be 'line', 'contains' or 'inline', not {match!r}")
        self.pattern = pattern
        self.category = category
        self.reason = reason
        self.match = match
        self.confidence: Confidence = confidence
        self.name = name

    def __repr__(self) -> str:
        return f"{self.name}({self.pattern.pattern!r}, category={self.category!r}, match={self.match!r})"

    def __call__(self, doc: Document) -> Iterator[Removal]:
        if self.match == "inline":
            for m in self.pattern.finditer(doc.text):
                if m.end() > m.start():
                    yield self._removal(m.start(), m.end())
            return
        for line in doc.content_lines:
            if self.match == "line":
                hit = self.pattern.fullmatch(trimmed(line.text)) is not None
            else:
                hit = self.pattern.search(line.text) is not None
            if hit:
                yield self._removal(line.start, line.end)

    def _removal(self, start: int, end: int) -> Removal:
        return Removal(start, end, self.name, self.category, self.reason, self.confidence)


def phrases(items: Iterable[str], *, category: str = "custom", reason: str | None = None,
            match: Match = "line", confidence: Confidence = "high") -> PatternFilter:
    """A filter from literal phrases, matched case-insensitively.

    >>> from cleantext import Pipeline
    >>> f = phrases(["Subscribe to continue reading"], category="paywall")
    >>> Pipeline([f]).clean("Article text.\\nSUBSCRIBE TO CONTINUE READING\\nMore text.")
    'Article text.\\nMore text.'
    """
    if isinstance(items, (str, bytes)):  # iterated, it is one phrase a character: every line with one goes
        raise TypeError(f"phrases() takes a list of phrases, not a single {type(items).__name__}: "
                        f"phrases([{items!r}])")
    items = list(items)
    odd = [item for item in items if not isinstance(item, str)]
    if odd:
        raise TypeError(f"phrases() takes strings, not {odd[0]!r}")
    items = [item for item in items if item.strip()]
    if not items:
        raise ValueError("phrases() needs at least one non-empty phrase")
    body = "|".join(_regex.escape(item.strip()) for item in sorted(items, key=len, reverse=True))
    pattern = _regex.compile(f"(?:{body})", _regex.IGNORECASE)
    return PatternFilter(pattern, category=category, match=match, confidence=confidence,
                         reason=reason or f"matches a {category} phrase", name="phrases")


def regex(pattern: str, *, category: str = "custom", reason: str | None = None,
          match: Match = "line", confidence: Confidence = "high") -> PatternFilter:
    """A filter from one regular expression (``regex`` syntax, case-insensitive).

    >>> from cleantext import Pipeline
    >>> Pipeline([regex(r"comments \\(\\d+\\)", category="comments")]).clean("Body.\\nComments (12)")
    'Body.'
    """
    compiled = _regex.compile(pattern, _regex.IGNORECASE)
    return PatternFilter(compiled, category=category, match=match, confidence=confidence,
                         reason=reason or f"matches /{pattern}/", name="regex")
