"""Spans of a document as template keys: what "the same boilerplate" means.

Two spans are one template when they read the same once digits, dates,
counters, case, whitespace, quote styles and punctuation are set aside, so
``Comments (12)`` and ``comments: 7`` are one key. Keys are hashed with
blake2b to 64-bit integers: stable across processes and Python versions
(never ``hash()``, which depends on ``PYTHONHASHSEED``).

A document yields three kinds of span:

* **lines**: each non-blank line, trimmed of bullets and arrows;
* **sentences** of lines that hold more than one sentence, in the same key
  space as lines, so an appeal sentence counts together whether a page puts it
  on its own line or inside a paragraph;
* **runs**: pairs of consecutive lines, in their own key space. They are the
  evidence that a short, ambiguous line ("Continue", "Monthly") sits in a
  template block rather than in an article.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from dataclasses import dataclass

import regex

from ..document import Document, Line, split_sentences
from ..filters.matcher import trimmed

#: Month and weekday names (English) that dates are made of: they count as digits do.
_DATE_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
)
_DATE_RE = regex.compile(r"\b(?:" + "|".join(sorted(_DATE_WORDS.split(), key=len, reverse=True)) + r")\b")
_DIGITS_RE = regex.compile(r"\d+(?:[.,:/]\d+)*")
# Punctuation, symbols and marks other than letters/digits: quote styles and dashes alike.
_PUNCT_RE = regex.compile(r"[^\p{L}\p{N}\s]+")
_SPACE_RE = regex.compile(r"\s+")
_LETTER_RE = regex.compile(r"\p{L}")

#: Spans longer than this (characters) are not keyed: an article paragraph, not a template.
MAX_SPAN_CHARS = 1000

LINE, SENTENCE, RUN = "line", "sentence", "run"


def template_key(text: str) -> str:
    """The normalised form of a span; "" when it holds no letter.

    >>> template_key("Comments (12)") == template_key("comments: 7")
    True
    >>> template_key("Updated May 24, 2023 at 10:15")
    'updated 0 0 0 at 0'
    >>> template_key("“Remind me later.”") == template_key('"remind me LATER"')
    True
    >>> template_key("— 12 —")
    ''
    """
    key = unicodedata.normalize("NFKC", text).casefold()
    key = _DIGITS_RE.sub(" 0 ", key)
    key = _DATE_RE.sub("0", key)
    key = _PUNCT_RE.sub(" ", key)
    key = _SPACE_RE.sub(" ", key).strip()
    return key if _LETTER_RE.search(key) else ""


def key_hash(key: str, kind: str = LINE) -> int:
    """A stable unsigned 64-bit hash of a key; runs live in their own key space.

    >>> key_hash("comments 0")
    16387863310721481681
    """
    prefix = b"R\x00" if kind == RUN else b"T\x00"
    return int.from_bytes(hashlib.blake2b(prefix + key.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Span:
    """One keyed span of a document: ``doc.text[start:end]``, its kind and key hash."""

    start: int
    end: int
    kind: str
    key: int
    line: int


def line_spans(doc: Document) -> Iterator[Span]:
    """Line and sentence spans of ``doc``, in document order (sentences after their line)."""
    for line in doc.content_lines:
        core = trimmed(line.text)
        if not core or len(core) > MAX_SPAN_CHARS:
            continue
        key = template_key(core)
        if key:
            offset = line.start + line.text.index(core)
            yield Span(offset, offset + len(core), LINE, key_hash(key), line.index)
        yield from _sentences(line)


def _sentences(line: Line) -> Iterator[Span]:
    pieces = split_sentences(line.text, line.start)
    if len(pieces) < 2:
        return
    for start, end in pieces:
        key = template_key(line.text[start - line.start : end - line.start])
        if key:
            yield Span(start, end, SENTENCE, key_hash(key), line.index)


def run_keys(lines: list[Span]) -> Iterator[tuple[int, int, int]]:
    """``(first line index, second line index, run key)`` for consecutive keyed lines."""
    for a, b in pairwise(lines):
        pair = f"{a.key:016x}{b.key:016x}"
        yield a.line, b.line, key_hash(pair, RUN)


def document_keys(doc: Document) -> set[int]:
    """Every distinct span key of ``doc`` (lines, sentences and runs), each once."""
    spans = list(line_spans(doc))
    keys = {span.key for span in spans}
    keys.update(key for _, _, key in run_keys([s for s in spans if s.kind == LINE]))
    return keys
