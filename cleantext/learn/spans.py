"""Spans of a document as template keys: what "the same boilerplate" means.

Two spans are one template when they read the same once digits, dates,
counters, case, whitespace, quote styles and punctuation are set aside, so
``Comments (12)`` and ``comments: 7`` are one key. Keys are hashed with
blake2b to 64-bit integers: stable across processes and Python versions
(never ``hash()``, which depends on ``PYTHONHASHSEED``).

A document yields two kinds of span:

* **lines**: each non-blank line, trimmed of bullets and arrows;
* **sentences** of lines that hold more than one sentence, in the same key
  space as lines, so an appeal sentence counts together whether a page puts it
  on its own line or inside a paragraph.

A block (an appeal of six paragraphs, a footer of five lines) is learned line
by line: each of its lines recurs wherever the block does (docs/learning.md
says why runs of lines have no keys of their own).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .. import languages
from ..document import Document, split_sentences
from ..filters.matcher import trimmed
from ..linememo import LineMemo
from .neardup import SpaceOut

#: Month and weekday names that dates are made of: they count as numbers do (``date_words`` of each
#: language's ``words.toml``).
DATE_WORDS = frozenset(languages.words("date_words"))
# Runs of letters, marks and digits: punctuation, symbols, quote styles and dashes all separate words.
_WORDS_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")

# what splitting words is: one C-level translate and split instead of a regex scan
_SEPARATORS = SpaceOut(_WORDS_RE)
# Every sentence end that cleantext.document.split_sentences splits at follows one of these.
_SENTENCE_MARK_RE = re.compile("[.!?…。！？]")
_CLOSING_QUOTES = frozenset("\"'”’»")
# A piece ending in a short capitalised word or initials and a full stop: "Mr.", "Dr.", "U.S.", "J."
_ABBREVIATION_END_RE = regex.compile(r"(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,2}|(?:\p{L}\.)+\p{L})\.$")

#: Lines and sentences longer than this (characters) are not keyed: article text, not a template
#: (the sentences of a longer line still are).
MAX_SPAN_CHARS = 1000

LINE, SENTENCE = "line", "sentence"


def template_key(text: str) -> str:
    """The normalised form of a span: lower-case words, each run of numbers and date words one ``0``.

    "" when nothing but numbers is left.

    >>> template_key("Comments (12)") == template_key("comments: 7")
    True
    >>> template_key("Updated May 24, 2023 at 10:15") == template_key("UPDATED 2023-05-24 AT 9:05")
    True
    >>> template_key("Updated May 24, 2023 at 10:15")
    'updated 0 at 0'
    >>> template_key("“Remind me later.”") == template_key('"remind me LATER"')
    True
    >>> template_key("— 12 —")
    ''
    """
    low = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    found = low.translate(_SEPARATORS).split()  # what _WORDS_RE.findall(low) finds, faster
    words: list[str] = []
    number = False
    for word in found:
        if word[0].isdigit() or word[-1].isdigit() or word in DATE_WORDS:
            if not number:
                words.append("0")
            number = True
        else:
            words.append(word)
            number = False
    if len(words) <= 1 and (not words or words[0] == "0"):
        return ""
    return " ".join(words)


def key_hash(key: str) -> int:
    """A stable unsigned 64-bit hash of a key (the same in every process and version).

    >>> key_hash("comments 0")
    12416310212165919901
    """
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Span:
    """One keyed span of a document: ``doc.text[start:end]``, its kind and key hash."""

    start: int
    end: int
    kind: str
    key: int
    line: int
    words: int


def line_spans(doc: Document) -> Iterator[Span]:
    """Line and sentence spans of ``doc``, in document order (sentences after their line).

    A line of several sentences is keyed by its sentences' keys, joined, so that
    each character is normalised once.
    """
    for line in doc.content_lines:
        for start, end, kind, key, words in spans_of_line(line.text):
            yield Span(line.start + start, line.start + end, kind, key, line.index, words)


#: A line's spans as ``(start, end, kind, key hash, words)``, offsets within the line.
LineSpan = tuple[int, int, str, int, int]
_LINE_SPANS = LineMemo()


def spans_of_line(text: str) -> tuple[LineSpan, ...]:
    """The spans of one line (offsets within it), remembered per line text (see :mod:`cleantext.linememo`).

    >>> [(kind, words) for _, _, kind, _, words in spans_of_line("Storm hits. Read more.")]
    [('line', 4), ('sentence', 2), ('sentence', 2)]
    """
    found = _LINE_SPANS.get(text)
    if found is None:
        found = _LINE_SPANS.remember(text, tuple(_spans_of_line(text)))
    return found  # type: ignore[no-any-return]


def _spans_of_line(text: str) -> Iterator[LineSpan]:
    for start, end, kind, key in _keyed_pieces(text):
        yield start, end, kind, key_hash(key), key.count(" ") + 1


def line_keys(text: str) -> Iterator[str]:
    """The keys (unhashed) of one line's spans: what :func:`spans_of_line` hashes, without offsets.

    >>> list(line_keys("» Comments (12)")), list(line_keys("Storm hits. Read more."))
    (['comments 0'], ['storm hits read more', 'storm hits', 'read more'])
    """
    for _, _, _, key in _keyed_pieces(text):
        yield key


def _keyed_pieces(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, kind, key)`` of one line's spans: the line itself (trimmed), then its sentences
    if it has more than one. A line of several sentences is keyed by its sentences' keys, joined,
    so that each character is normalised once."""
    core = trimmed(text)
    if not core:
        return
    sentences = _sentences(text)
    if len(core) <= MAX_SPAN_CHARS:
        key = " ".join(k for _, _, k in sentences) if len(sentences) > 1 else template_key(core)
        if key:
            offset = text.index(core)
            yield offset, offset + len(core), LINE, key
    if len(sentences) > 1:
        for start, end, skey in sentences:
            if end - start <= MAX_SPAN_CHARS:
                yield start, end, SENTENCE, skey


def _sentences(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of the sentences of a line that have a key; none if it is one sentence."""
    if _SENTENCE_MARK_RE.search(text) is None:
        return []  # no sentence end (menus, headings, labels): skip the splitter's regex
    pieces = _joined(text, split_sentences(text), 0)
    if len(pieces) < 2:
        return []
    return [(start, end, key) for start, end in pieces if (key := template_key(text[start:end]))]


def _joined(text: str, pieces: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """Undo sentence splits that would make a recurring fragment of an article sentence.

    An attribution stays with the quote it follows (``“We will rebuild.” Maria
    Okafor said.``) and a piece ending in an abbreviation or initial stays with
    the next (``Mr.``, ``Dr.``, ``U.S.``, ``J.``): alone, "Maria Okafor said."
    or "Mr." recurs across a site's stories and would be learned.

    >>> t = "“We will rebuild.” Maria Okafor said. Mr. Smith agreed. Then he left."
    >>> [t[s:e] for s, e in _joined(t, split_sentences(t), 0)]
    ['“We will rebuild.” Maria Okafor said.', 'Mr. Smith agreed.', 'Then he left.']
    """
    joined: list[tuple[int, int]] = []
    for start, end in pieces:
        if joined and _continues(text[joined[-1][0] - offset : joined[-1][1] - offset]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _continues(piece: str) -> bool:
    """Whether a sentence piece ends where a sentence cannot: after a closing quote or an abbreviation."""
    if piece[-1] in _CLOSING_QUOTES:
        return True
    if piece[-1] != ".":
        return False
    # A short word's match starts at most 5 characters from the end; only initials ("U.S.") reach further.
    start = 0 if piece[-3:-2] == "." else max(0, len(piece) - 5)
    return _ABBREVIATION_END_RE.search(piece, start) is not None


#: Positions are counted in content lines and capped here (they are packed in 16 bits).
MAX_POSITION = 0xFFFF


#: Lines up to this long have their keys remembered by :func:`document_keys`' cache: the lines
#: that recur (menus, labels, appeals) are short; article paragraphs are long and unique.
CACHED_LINE_CHARS = 300


def document_keys(text: str, cache: dict[str, tuple[str, ...]] | None = None) -> dict[int, tuple[int, int, int]]:
    """Every distinct span key (hashed) of a document with where it first occurs and its length.

    The value is ``(lines before, lines after, words)``, lines counted
    non-blank: boilerplate sits at a fixed distance from the top or the bottom
    of a page, a syndicated story moves with the size of each site's header
    and footer. The same keys as :func:`line_spans` of ``Document(text)``, with
    no per-line objects, and each distinct key hashed once. ``cache`` (a dict
    kept between documents; its owner bounds it) remembers the keys of short lines, which recur.

    >>> sorted(document_keys("Header\\n\\nStory one.\\nFooter").values())
    [(0, 2, 1), (1, 1, 2), (2, 0, 1)]
    """
    cache = {} if cache is None else cache
    lines = [line for line in text.split("\n") if line and not line.isspace()]
    last = len(lines) - 1
    found: dict[str, tuple[int, int, int]] = {}
    for rank, line in enumerate(lines):
        keys = cache.get(line)
        if keys is None:
            keys = tuple(line_keys(line))
            if len(line) <= CACHED_LINE_CHARS:
                cache[line] = keys
        for key in keys:
            if key not in found:
                found[key] = (min(rank, MAX_POSITION), min(last - rank, MAX_POSITION), key.count(" ") + 1)
    hashed: dict[int, tuple[int, int, int]] = {}
    for key, value in found.items():
        hashed.setdefault(key_hash(key), value)
    return hashed
