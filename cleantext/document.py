"""The document model: a text split into lines, paragraphs and sentences with offsets.

Filters read a :class:`Document`; they never change it. Everything is computed
once, lazily, and shared by all filters of a pipeline run.
"""

from __future__ import annotations

import bisect
import gc
from functools import cached_property
from itertools import accumulate, repeat
from typing import NamedTuple

import regex

from .analysis.chars import count_word_runs
from .linememo import LineMemo

#: Words per line text: several filters ask a line's word count, and lines recur across pages.
_WORDS = LineMemo()
# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets)
# when whitespace (group 1, which the split removes) and an upper-case letter, digit or opening quote follow.
# (The mark is matched, not looked behind at: the scan then starts only at marks, not at every space.)
_SENTENCE_END_RE = regex.compile(
    r"""[.!?…。！？]["'”’»)\]]*(\s+)(?=["'“‘«(\[]?[\p{Lu}\p{Lt}\p{Lo}\d])"""
)


#: Pages of more lines than this build their lines with the cyclic garbage collector paused (see Document).
_GC_PAUSE_LINES = 10_000


class Line(NamedTuple):
    """One line of the document: ``text`` is ``doc.text[start:end]`` (no newline).

    A NamedTuple, not a frozen dataclass: :class:`Document` builds one per line
    without a Python call (a frozen dataclass sets each field through
    ``object.__setattr__``, most of ``Document()``'s time on Python 3.11). Lines are
    immutable and compare and hash by their fields; a line also equals the plain
    tuple of its fields and unpacks like one.

    Plain properties, not ``cached_property``: a document has thousands of
    lines, and on Python 3.11 ``cached_property`` takes a lock on every read,
    which cost more than ``str.strip()`` itself (profile in docs/benchmarks.md).
    """

    index: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def words(self) -> int:
        text = self.text
        found = _WORDS.get(text)
        if found is None:
            found = _WORDS.remember(text, count_words(text))
        return found  # type: ignore[no-any-return]

    @property
    def blank(self) -> bool:
        return self.text.isspace() or not self.text


class Document:
    """A text with its lines, paragraphs and sentences, each with character offsets.

    >>> doc = Document("Title\\n\\nFirst sentence. Second one!\\nNext line")
    >>> [line.text for line in doc.lines]
    ['Title', '', 'First sentence. Second one!', 'Next line']
    >>> [doc.text[s:e] for s, e in doc.sentences(doc.lines[2])]
    ['First sentence.', 'Second one!']
    >>> [(p[0].index, p[-1].index) for p in doc.paragraphs]
    [(0, 0), (2, 3)]
    """

    __slots__ = ("__dict__", "_starts", "lines", "memo", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = text.split("\n")
        steps = [len(piece) + 1 for piece in pieces]  # each line and its newline
        starts = [0, *accumulate(steps)]
        starts.pop()
        fields = zip(range(len(pieces)), starts, [start + step - 1 for start, step in zip(starts, steps)], pieces)
        # Every line is a new tuple (of ints and a str: no reference cycle to find). Built with the cyclic
        # collector on, a page of a million lines sets off collection after collection during the build,
        # and Document() grows faster than its size: 8x the lines took 10-27x the CPU on 1M blank lines,
        # 8x with the collector paused. So it is paused while the lines of a long page are built, and only
        # if it was on (a caller who turned it off keeps it off).
        self.lines: list[Line]
        if len(pieces) > _GC_PAUSE_LINES and gc.isenabled():
            gc.disable()
            try:
                self.lines = list(map(tuple.__new__, repeat(Line), fields))
            finally:
                gc.enable()
        else:
            self.lines = list(map(tuple.__new__, repeat(Line), fields))
        self._starts = starts
        #: Work shared between the filters of one run (e.g. one rule scan), keyed by its owner.
        self.memo: dict[object, object] = {}

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def content_lines(self) -> list[Line]:
        """The non-blank lines, in order."""
        return [line for line in self.lines if line.text and not line.text.isspace()]  # not line.blank, inlined

    @cached_property
    def words(self) -> int:
        """Number of ``\\w+`` words in the whole document (no word spans a newline: the sum over its lines)."""
        return count_words(self.text)

    @cached_property
    def paragraphs(self) -> list[list[Line]]:
        """Runs of non-blank lines separated by blank lines."""
        paragraphs: list[list[Line]] = []
        current: list[Line] = []
        for line in self.lines:
            if line.blank:
                if current:
                    paragraphs.append(current)
                    current = []
            else:
                current.append(line)
        if current:
            paragraphs.append(current)
        return paragraphs

    def line_at(self, offset: int) -> Line:
        """The line that contains character ``offset``."""
        return self.lines[bisect.bisect_right(self._starts, offset) - 1]

    def next_content_line(self, line: Line) -> Line | None:
        """The first non-blank line after ``line`` (no copy of the line list: callers loop)."""
        for index in range(line.index + 1, len(self.lines)):
            if not self.lines[index].blank:
                return self.lines[index]
        return None

    def sentences(self, line: Line) -> list[tuple[int, int]]:
        """Sentence spans (document offsets) within one line, whitespace excluded."""
        return split_sentences(line.text, line.start)


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans, shifted by ``offset``.

    >>> t = '“The night was not calm. There were attacks,” he said. Then: more.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['“The night was not calm.', 'There were attacks,” he said.', 'Then: more.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        _add_span(text, start, match.start(1), offset, spans)
        start = match.end(1)
    _add_span(text, start, len(text), offset, spans)
    return spans


def _add_span(text: str, start: int, end: int, offset: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def count_words(text: str) -> int:
    """Number of ``\\w+`` words.

    >>> count_words("It's 2 o'clock.")
    5

    Counted as the words :func:`~cleantext.analysis.chars.word_lines` leaves (one translation,
    a numpy lookup for long non-ASCII texts: several times faster than the pattern's scan; long texts
    counted in a numpy mask, see :func:`~cleantext.analysis.chars.count_word_runs`).
    """
    return count_word_runs(text)
