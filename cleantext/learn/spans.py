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
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from functools import partial
from itertools import compress, repeat
from operator import is_, methodcaller

import regex

from .. import languages
from ..analysis.chars import EXPANDS, CodeTable, SpaceOut
from ..document import Document, split_sentences
from ..filters.matcher import trimmed
from ..linememo import LineMemo

#: Month and weekday names that dates are made of: they count as numbers do (``date_words`` of each
#: language's ``words.toml``).
DATE_WORDS = frozenset(languages.words("date_words"))
# Runs of letters, marks and digits: punctuation, symbols, quote styles and dashes all separate words.
_WORDS_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")

# what splitting words is: one C-level translate and split instead of a regex scan
_SEPARATORS = SpaceOut(_WORDS_RE)
# the same for ASCII text as one bytes.translate, lower-cased on the way: letters and digits stay (the
# ASCII characters _WORDS_RE takes), any other byte becomes a space
_ASCII_WORDS = bytes(
    code | 0x20 if chr(code).isalpha() else code if chr(code).isdigit() else 32 for code in range(128)
) + b" " * 128
# a character of a number: every character str.isdigit takes is one (tests/test_learn_fastpaths.py)
_NUMBER_RE = regex.compile(r"\p{N}")
# Every split of cleantext.document.split_sentences is whitespace after a sentence mark and any closing
# quotes or brackets: no match here, no split (``re``'s \s takes all of regex's \s, and \x1c-\x1f too).
_SENTENCE_BREAK_RE = re.compile(r"""[.!?…。！？]["'”’»)\]]*\s""")
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
    if text.isascii():
        raw = text.encode().translate(_ASCII_WORDS)
        found = raw.decode().split()  # what _WORDS_RE.findall finds in the lower-cased text, faster
        # raw is lower-case letters, digits and spaces: all letters once the spaces go is no number
        # (what _NUMBER_RE finds in ASCII; no word at all goes the long way, which gives "" too)
        if raw.translate(None, b" ").isalpha() and DATE_WORDS.isdisjoint(found):
            return " ".join(found)  # no number, no date word: the key is the words
    else:
        spaced = unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
        found = spaced.split()  # what _WORDS_RE.findall finds in the NFKC case-folded text, faster
        if DATE_WORDS.isdisjoint(found) and _NUMBER_RE.search(spaced) is None:
            return " ".join(found)  # no number, no date word: the key is the words
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
        found = _LINE_SPANS.remember(text, _line_spans(text))
    return found  # type: ignore[no-any-return]


def _line_spans(text: str) -> tuple[LineSpan, ...]:
    """``tuple(_spans_of_line(text))``, with a line of one sentence (most lines: no sentence end inside,
    so :func:`_sentences` finds none) keyed without the generators."""
    if _SENTENCE_BREAK_RE.search(text) is not None:
        return tuple(_spans_of_line(text))
    core = trimmed(text)
    if not core or len(core) > MAX_SPAN_CHARS:
        return ()
    key = template_key(core)
    if not key:
        return ()
    offset = text.index(core)
    return ((offset, offset + len(core), LINE, key_hash(key), key.count(" ") + 1),)


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
    if _SENTENCE_BREAK_RE.search(text) is None:
        return []  # no sentence end inside (menus, headings, labels, one sentence): skip the splitter's regex
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
    no per-line objects: the keys of all lines come from :func:`analyse`, and
    each distinct key is hashed once. ``cache`` is only used by documents keyed
    line by line (see :func:`analyse`).

    >>> sorted(document_keys("Header\\n\\nStory one.\\nFooter").values())
    [(0, 2, 1), (1, 1, 2), (2, 0, 1)]
    """
    found = analyse(text)
    if found is None:
        return _document_keys_by_line(text, cache)
    return _keys_found(text, found, cache)


def documents_keys(texts: list[str], cache: dict[str, tuple[str, ...]] | None = None) -> list[dict[int, tuple[int, int, int]]]:
    """:func:`document_keys` of each text, analysed together (one :func:`analyse` of the texts
    joined by newlines: no line crosses a newline, so each line's keys are its own).

    >>> documents_keys(["Header\\nStory one.", "Footer"]) == [document_keys("Header\\nStory one."), document_keys("Footer")]
    True
    """
    found = analyse("\n".join(texts)) if len(texts) > 1 else None
    if found is None:
        return [document_keys(text, cache) for text in texts]
    out = []
    start = 0
    for text in texts:
        end = start + text.count("\n") + 1
        long = [index - start for index in found.long[bisect_left(found.long, start) : bisect_left(found.long, end)]]
        out.append(_keys_found(text, DocumentKeys(found.lines[start:end], found.keys[start:end], long), cache))
        start = end
    return out


def _keys_found(text: str, found: DocumentKeys, cache: dict[str, tuple[str, ...]] | None) -> dict[int, tuple[int, int, int]]:
    import numpy as np

    lines, keys = found.lines, found.keys
    nonblank = list(compress(range(len(lines)), map(str.strip, lines)))  # what is not whitespace
    last = len(nonblank) - 1
    ordered = list(map(keys.__getitem__, nonblank))
    several = [rank for rank, key in enumerate(ordered) if _PIECE_MARK in key]
    long = set(found.long)
    if long:
        several = sorted({*several, *(rank for rank, index in enumerate(nonblank) if index in long)})
    spans = []
    for rank in several:
        index = nonblank[rank]
        spans.append(line_keys(lines[index]) if index in long else line_key_strings(keys[index]))
        ordered[rank] = ""
    first = dict(zip(reversed(ordered), range(last, -1, -1)))  # each key's first rank: the last one written
    for rank, keys_of_line in zip(several, spans):
        for key in keys_of_line:
            if first.get(key, last + 1) > rank:
                first[key] = rank
    first.pop("", None)
    first.pop("0", None)
    ranks = np.fromiter(first.values(), dtype=np.int64, count=len(first))
    before = np.minimum(ranks, MAX_POSITION).tolist()
    after = np.minimum(last - ranks, MAX_POSITION).tolist()
    words = list(map((1).__add__, map(str.count, first, repeat(" "))))
    hashed = dict(zip(_hashes(first), zip(before, after, words)))
    if len(hashed) != len(first):  # two keys of one document share a hash: the first one's place counts
        return _document_keys_by_line(text, cache)
    return hashed


def _document_keys_by_line(text: str, cache: dict[str, tuple[str, ...]] | None = None) -> dict[int, tuple[int, int, int]]:
    """:func:`document_keys` line by line, through :func:`line_keys`: for documents :func:`analyse`
    declines. ``cache`` (a dict kept between documents; its owner bounds it) remembers the keys
    of short lines, which recur."""
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


# -- whole documents at once ----------------------------------------------------------------
#
# The keys of every line of a document (or of a batch of documents joined by newlines),
# computed with whole-text array operations instead of a Python loop per line and word: a
# numpy lookup maps each character to its case fold (a word character) or a space (offsets
# unchanged, newlines kept as a marker, a marker where a line's sentences split), and
# :func:`_fold` turns every run of numbers and date words into one ``0`` and single-spaces the
# words; the line keys are split out of the result. Only lines of several sentences get a
# little Python of their own (:func:`line_key_strings`). A line with a character whose key is
# not a matter of that character alone (combining marks and conjoining jamo, which NFKC
# composes, in text that is not NFKC-normalised; characters that fold to several) or longer
# than MAX_SPAN_CHARS is keyed line by line as before. The answers are those of
# :func:`_keyed_pieces` (tests/test_learn_speed.py; on the bench, every page_text and
# trafilatura text of every dataset was checked line by line).

_LINE_MARK, _PIECE_MARK, _UNSAFE = "\x01", "\x02", "\x00"
#: A private-use character some tools use as a marker: its lines are keyed line by line.
_MARK_CHAR = 0xE000
#: Distinct keys whose hash is remembered, at most, and the longest key remembered.
_MAX_HASHED = 200_000
_MAX_HASHED_CHARS = 300


def _key_char(code: int, normalized: bool) -> str:
    """What one character becomes in a key-translated document: its case fold (of its NFKC form
    unless the document is NFKC-normalised already) with every character that separates words
    made a space, or ``_UNSAFE`` where that is not a matter of the character alone (marks and
    conjoining jamo, which NFKC composes with their neighbours)."""
    if code == 10:
        return _LINE_MARK
    char = chr(code)
    if code < 128:
        return char.lower() if _WORDS_RE.fullmatch(char) else " "
    if normalized:  # in an NFKC-normalised text every piece is NFKC-normalised: NFKC changes nothing
        folded = char.casefold()
    else:
        norm = unicodedata.normalize("NFKC", char)
        if any(_composes(c) for c in char + norm):
            return _UNSAFE
        folded = norm.casefold()
    return "".join(c if _WORDS_RE.fullmatch(c) else " " for c in folded)


def _composes(char: str) -> bool:
    """Whether NFKC may compose or reorder ``char`` with a neighbour: marks, conjoining jamo, surrogates."""
    code = ord(char)
    return (unicodedata.category(char)[0] == "M" or unicodedata.category(char) == "Cs"
            or unicodedata.combining(char) != 0
            or 0x1100 <= code <= 0x11FF or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF)


class _KeyChars(dict[int, str]):
    """The ``str.translate`` table of :func:`_key_char`, filled on first sight of a character."""

    def __init__(self, normalized: bool) -> None:
        super().__init__()
        self.normalized = normalized

    def __missing__(self, code: int) -> str:
        value = _key_char(code, self.normalized)
        if len(self) >= 100_000:
            self.clear()
        self[code] = value
        return value


class _Hashes(dict[str, int]):
    """A key -> :func:`key_hash`; the empty key (and ``"0"``, which stands for no key) -> -1."""

    def __missing__(self, key: str) -> int:
        if key == "" or key == "0" or _PIECE_MARK in key:
            return -1  # no key, or a line of several sentences (whose keys line_key_strings makes)
        value = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")  # key_hash
        if len(key) <= _MAX_HASHED_CHARS:
            if len(self) >= _MAX_HASHED:
                self.clear()
            self[key] = value
        return value


_NORMAL_CHARS, _OTHER_CHARS = _KeyChars(True), _KeyChars(False)
HASHES = _Hashes()
_BLAKE2B_8 = partial(hashlib.blake2b, digest_size=8)
_DIGEST = methodcaller("digest")


def _hashes(keys: Iterable[str]) -> list[int]:
    """``HASHES[key]`` of each key (none empty, ``"0"`` or of several sentences), the keys
    :data:`HASHES` does not hold hashed together, without a Python call per key."""
    keys = list(keys)
    found = list(map(HASHES.get, keys))
    missing = list(compress(keys, map(is_, found, repeat(None))))
    if not missing:
        return found
    if "" in missing or "0" in missing or _PIECE_MARK in "".join(missing):  # pragma: no cover - not from analyse
        return list(map(HASHES.__getitem__, keys))
    computed = dict(zip(missing, map(int.from_bytes, map(_DIGEST, map(_BLAKE2B_8, map(str.encode, missing))),
                                     repeat("big"))))  # key_hash
    remembered = {key: value for key, value in computed.items() if len(key) <= _MAX_HASHED_CHARS}
    if len(HASHES) + len(remembered) > _MAX_HASHED:
        HASHES.clear()
    HASHES.update(remembered)
    return list(map(computed.get, keys, found))
# A sentence end inside a line, as cleantext.document.split_sentences finds it there (its
# whitespace never crosses a newline); group 1 is the whitespace the split removes.
_DOC_SENTENCE_END_RE = regex.compile(
    r"""[.!?…。！？]["'”’»)\]]*([^\S\n]+)(?=["'“‘«(\[]?[\p{Lu}\p{Lt}\p{Lo}\d])"""
)


_DATE_CHARS = 9  # date words are ASCII and at most this long: packed 7 bits a character


def _key_code(chars: _KeyChars) -> Callable[[int], int]:
    """:func:`_key_char` as a code for a :class:`~cleantext.analysis.chars.CodeTable`: 0 unsafe,
    ``EXPANDS`` several characters."""
    def fill(code: int) -> int:
        value = chars[code]
        if code in _ODD_CODES:
            return 0  # where a sentence starts depends on them: keyed line by line
        return ord(value) if len(value) == 1 else EXPANDS
    return fill


# Characters str.strip() takes for whitespace and regex's \s does not (where a sentence starts
# differs), and the private-use character that marks sentence ends.
# Where _DOC_SENTENCE_END_RE may match: ``re`` finds these faster than ``regex`` scans for it, and only they
# are tried. Every match of it starts at one of these (``re``'s \s takes all of regex's \s; a match holds no
# other sentence mark, so none is skipped), and in the same order.
_SENTENCE_END_CANDIDATE_RE = re.compile(r"""[.!?…。！？]["'”’»)\]]*[^\S\n]""")
_ODD_CODES = frozenset([0x1C, 0x1D, 0x1E, 0x1F, _MARK_CHAR])
_NORMAL_CODES, _OTHER_CODES = CodeTable(_key_code(_NORMAL_CHARS)), CodeTable(_key_code(_OTHER_CHARS))
_DIGITS: Any = None
#: The first two letters of date words (both ASCII), as ``128 * first + second``.
_DATE_PAIRS: Any = None
_DATE_PACKED: Any = None


def _numbers() -> tuple[Any, Any]:
    """Which code points ``str.isdigit`` holds, and the date words packed as integers (built once)."""
    import numpy as np

    global _DIGITS, _DATE_PACKED, _DATE_PAIRS
    if _DIGITS is None:
        pairs = np.zeros(128 * 128, dtype=bool)
        for word in DATE_WORDS:
            pairs[ord(word[0]) * 128 + ord(word[1])] = True
        digits = np.zeros(0x110000, dtype=bool)
        digits[[code for code in range(0x110000) if chr(code).isdigit()]] = True
        _DATE_PACKED = np.array(sorted(sum(ord(c) << (7 * j) for j, c in enumerate(word)) for word in DATE_WORDS),
                                dtype=np.int64)
        _DATE_PAIRS = pairs
        _DIGITS = digits  # last: whoever sees it sees the others built
    return _DIGITS, _DATE_PACKED


#: Whether every date word can be found by :func:`_fold` (ASCII, 2 to 9 letters); if not,
#: documents are keyed line by line.
_DATES_PACKABLE = all(word.isascii() and 2 <= len(word) <= _DATE_CHARS for word in DATE_WORDS)


def _codes(text: str) -> Any:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _fold(m: Any) -> str:
    """The keys of a key-translated text given as code points (word characters, spaces, and the
    marks ``_LINE_MARK`` and ``_PIECE_MARK`` between pieces): each piece's words single-spaced,
    every run of numbers and date words one ``0``; the pieces still separated by their marks.

    What :func:`template_key` does word by word, with array operations over the whole text.
    """
    import numpy as np

    n = len(m)
    if n == 0:
        return ""
    digits, dates = _numbers()
    marks = (m == 1) | (m == 2)
    word = ~marks & (m != 32)
    edges = np.flatnonzero(np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    starts, ends = edges[0::2], edges[1::2]  # word runs: [start, end)
    if len(starts) == 0:
        return m[marks].tobytes().decode("utf-32-le")
    heads = m[starts]
    numeric = digits[heads] | digits[m[ends - 1]]
    sizes = ends - starts
    # date words: the candidates' first two letters, then the whole word packed 7 bits a letter
    seconds = m[np.minimum(starts + 1, n - 1)]
    pair = np.where((heads < 128) & (seconds < 128), heads * 128 + seconds, 0)
    maybe = np.flatnonzero(_DATE_PAIRS[pair] & (sizes <= _DATE_CHARS) & ~numeric)
    if len(maybe):
        at, size = starts[maybe], sizes[maybe]
        packed = np.zeros(len(maybe), dtype=np.uint64)
        ascii_ = np.ones(len(maybe), dtype=bool)
        for j in range(_DATE_CHARS):
            c = np.where(j < size, m[np.minimum(at + j, n - 1)], 0)
            ascii_ &= c < 128
            packed |= c.astype(np.uint64) << np.uint64(7 * j)
        packed = packed.view(np.int64)  # at most 63 bits
        pos = np.minimum(np.searchsorted(dates, packed), len(dates) - 1)
        numeric[maybe[ascii_ & (dates[pos] == packed)]] = True
    # a number right after a number, with no mark between them, folds into it
    where_marks = np.flatnonzero(marks)
    segment = np.searchsorted(where_marks, starts)
    drop = np.zeros(len(starts), dtype=bool)
    drop[1:] = numeric[1:] & numeric[:-1] & (segment[1:] == segment[:-1])
    kept = ~drop
    # characters dropped: all of a dropped word, all but the first of a kept number
    cut = numeric & kept
    lo = np.concatenate([starts[drop], starts[cut] + 1])
    hi = np.concatenate([ends[drop], ends[cut]])
    keep = word.copy()
    if len(lo):
        lengths = hi - lo
        total = int(lengths.sum())
        if total:
            offsets = np.cumsum(lengths) - lengths
            keep[np.repeat(lo - offsets, lengths) + np.arange(total)] = False
    out = m.copy()
    out[starts[cut]] = 48  # "0"
    spaces = ends[kept]
    keep[spaces[spaces < n]] = True  # the separator after each kept word: a space, or a mark (kept anyway)
    keep |= marks
    text = out[keep].tobytes().decode("utf-32-le")
    return text.replace(" " + _LINE_MARK, _LINE_MARK).replace(" " + _PIECE_MARK, _PIECE_MARK).rstrip(" ")


def _merge_numbers(key: str) -> str:
    spaced = f" {key} "
    while " 0 0 " in spaced:
        spaced = spaced.replace(" 0 0 ", " 0 ")
    return spaced.strip(" ")


@dataclass
class DocumentKeys:
    """The keys of every line of one document, found with whole-document operations.

    ``keys[i]`` is line ``i``'s (of ``text.split("\\n")``) normalised words: its key when it is
    one sentence (``""`` or ``"0"``: none); for a line of several sentences, the keys of its
    sentences separated by ``_PIECE_MARK`` (:func:`line_key_strings` makes its spans' keys of
    them). Lines in ``long`` are keyed line by line (:func:`line_keys`): lines longer than
    ``MAX_SPAN_CHARS``, and lines holding a character whose key depends on its neighbours.
    """

    lines: list[str]
    keys: list[str]
    long: list[int]




def analyse(text: str) -> DocumentKeys | None:
    """The :class:`DocumentKeys` of ``text``; None if it must be keyed line by line (the
    language data has date words :func:`_fold` cannot find)."""
    import numpy as np

    if not _DATES_PACKABLE:
        return None
    normal = text.isascii() or unicodedata.is_normalized("NFKC", text)
    codes = _codes(text)
    mapped = (_NORMAL_CODES if normal else _OTHER_CODES)(codes)
    lines = text.split("\n")
    # lines with a character that must be keyed with its neighbours (0) or is several (EXPANDS)
    odd = np.flatnonzero((mapped == 0) | (mapped == EXPANDS))
    exact = [i for i, size in enumerate(map(len, lines)) if size > MAX_SPAN_CHARS]
    if len(odd):
        mapped = mapped.copy()
        mapped[odd] = 32
        exact = sorted({*exact, *np.searchsorted(np.flatnonzero(codes == 10), odd).tolist()})
    # where split_sentences splits lines and _joined keeps the split: a _PIECE_MARK there
    splits = []
    joined_start = -1  # where the sentence being joined starts (see _joined)
    match_at = _DOC_SENTENCE_END_RE.match
    for candidate in _SENTENCE_END_CANDIDATE_RE.finditer(text):
        match = match_at(text, candidate.start())
        if match is None:
            continue
        at = match.start(1)
        line_start = text.rfind("\n", 0, at) + 1
        if joined_start < line_start:  # the line's first sentence: after the line's leading whitespace
            head = text[line_start:at]
            joined_start = line_start + len(head) - len(head.lstrip())
        if not _continues(text[joined_start:at]):
            splits.append(at)
            joined_start = match.end(1)
    if splits:
        if not len(odd):
            mapped = mapped.copy()
        mapped[splits] = 2  # the first whitespace character of the split: _PIECE_MARK
    keys = _fold(mapped).split(_LINE_MARK)
    if len(keys) != len(lines):  # pragma: no cover - defensive
        return None
    return DocumentKeys(lines, keys, exact)


def line_key_strings(key: str) -> list[str]:
    """The keys of a line's spans (line first, then sentences) from its entry in :attr:`DocumentKeys.keys`
    (a line of at most ``MAX_SPAN_CHARS``)."""
    if _PIECE_MARK not in key:
        return [] if key in ("", "0") else [key]
    parts = key.split(_PIECE_MARK)
    keyed = [part for part in parts if part and part != "0"]
    if len(keyed) > 1:
        return [" ".join(keyed), *keyed]
    whole = _merge_numbers(" ".join(part for part in parts if part))
    return [] if whole in ("", "0") else [whole]
