"""Shallow features of the lines of a whole page (for :mod:`cleantext.filters.page`).

Per line: length, stopword density in the page's language, closing
punctuation, separators (``|``, ``»``, a leading dash), capitals, digits, a
copyright mark, whether a rule matched it, whether a per-site model saw it on
many pages, its position; and the same features of its neighbours, because
content comes in runs. Everything here is plain arithmetic on the text: no
DOM, no links.

What a line's text alone says (its words, stopwords in each language, capitals,
digits, punctuation) is worked out once per distinct line text and remembered
(:class:`LineShapes`, a :mod:`cleantext.linememo` memo: menus and footers recur
on every page of a site); everything that depends on the page (its language,
neighbours, position) is computed for all its lines at once with numpy, with
the same floating-point operations in the same order as one line at a time
(:meth:`LineFeatures.of`, :func:`vectors`' reference in the tests).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, repeat
from operator import itemgetter

import numpy as np
import regex

from .. import languages
from ..analysis.chars import word_lines
from ..analysis.marks import COPYRIGHT_CUE_SET, COPYRIGHT_RE
from ..document import Document, Line
from ..linememo import LineMemo
from ..removal import Removal
from .matcher import Matcher

_WORD_RE = regex.compile(r"\w+")
_first = itemgetter(0)  # a word's first character (``\w+`` words are never empty)
# A line ends like a sentence with one of _SENTENCE_MARKS, then any of _CLOSING; starts with a bullet or a quote.
_SENTENCE_MARKS, _CLOSING = frozenset(".!?…。！？"), "\"'”’»)]"
_BULLETS, _QUOTES = frozenset("-–—•·*>»›■▪●◦"), frozenset("\"“„«‘'")
_SENTENCE_END_RE = regex.compile(f"[{regex.escape(''.join(sorted(_SENTENCE_MARKS)))}][{regex.escape(_CLOSING)}]*$")
_SEPARATOR_RE = regex.compile(r"\s[|•·»›>/]\s|\s-\s(?=\p{Lu})")
_BULLET_RE = regex.compile(f"^[{regex.escape(''.join(sorted(_BULLETS)))}]+")
_QUOTE_RE = regex.compile(f"^[{regex.escape(''.join(sorted(_QUOTES)))}]")
#: A line of at least this many words that ends like a sentence counts as prose.
MIN_PROSE_WORDS = 10
#: A comment's byline: "Alex on September 17, 2018 at 6:34 am said:", "Maria schreibt:".
_COMMENT_META_RE = regex.compile(
    r"^.{1,100}\b(?:said|says|wrote|writes|replied|sagt|schrieb|schreibt|dit|a écrit|dice|escribió|disse"
    r"|escreveu|scrive|ha scritto|schreef|schrijft|napisał|napisała|написал|написала|написав|написала)\s*:\s*$",
    regex.IGNORECASE,
)


def is_comment_byline(text: str) -> bool:
    """
    >>> is_comment_byline("Alex on September 17, 2018 at 6:34 am said:"), is_comment_byline("He said: no.")
    (True, False)
    """
    return bool(_COMMENT_META_RE.match(text.strip()))


#: How many lines above a line :func:`~cleantext.filters.page.later_copies` looks for its copy.
COPY_REACH = 2
#: What a line's text is compared by: without leading bullets, quote marks of lists, separators and spaces.
_COPY_LEAD_RE = regex.compile(f"^[\\s|{regex.escape(''.join(sorted(_BULLETS)))}]+")


def copy_key(text: str) -> str:
    """The text two lines are compared by for :func:`~cleantext.filters.page.later_copies`.

    >>> copy_key("  • Scientists use Hawaii telescope "), copy_key("| - x")
    ('Scientists use Hawaii telescope', 'x')
    """
    return _COPY_LEAD_RE.sub("", text).strip()


#: Names of the per-line feature vector, in order (the weights file uses these names).
NAMES: tuple[str, ...] = (
    "bias", "log_words", "log_chars", "stopwords", "ends_sentence", "separators", "bullet",
    "quote", "copyright", "capitalised", "digits", "rule_hit", "repeated", "position",
    "page_share", "dist_longest", "after_longest", "comment_heading_above",
    "prev_log_words", "next_log_words", "prev_stopwords", "next_stopwords",
    "prev_ends_sentence", "next_ends_sentence", "window_log_words", "window_rule_or_repeated",
)


@cache
def stopwords(language: str) -> frozenset[str]:
    """The shipped stopword list of ``language`` (``cleantext/languages/<lang>/stopwords.txt``).

    >>> "the" in stopwords("en"), "und" in stopwords("de")
    (True, True)
    """
    lines = languages.read_text(language, "stopwords.txt").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def page_language(words: Sequence[str], languages: Sequence[str]) -> str:
    """The language whose stopwords cover most of ``words`` (lower-cased).

    >>> page_language("der hund und die katze".split(), ("en", "de"))
    'de'
    """
    best, best_hits = languages[0], -1
    for language in languages:
        listed = stopwords(language)
        hits = sum(1 for word in words if word in listed)
        if hits > best_hits:
            best, best_hits = language, hits
    return best


@dataclass(frozen=True)
class LineFeatures:
    """Shallow features of one non-blank line, on its own."""

    words: int
    chars: int
    stopword_density: float
    ends_sentence: bool
    separators: int
    bullet: bool
    quote: bool
    copyright: bool
    capitalised_share: float
    digit_share: float

    @classmethod
    def of(cls, text: str, stop: frozenset[str]) -> LineFeatures:
        """
        >>> f = LineFeatures.of("Home | News | Contact", stopwords("en"))
        >>> f.words, f.separators, f.ends_sentence
        (3, 2, False)
        """
        text = text.strip()
        words = _WORD_RE.findall(text)
        n = max(len(words), 1)
        return cls(
            words=len(words),
            chars=len(text),
            stopword_density=sum(1 for w in words if w.casefold() in stop) / n,
            ends_sentence=bool(_SENTENCE_END_RE.search(text)),
            separators=len(_SEPARATOR_RE.findall(text)),
            bullet=bool(_BULLET_RE.match(text)),
            quote=bool(_QUOTE_RE.match(text)),
            copyright=bool(COPYRIGHT_RE.search(text)) and len(words) <= 60,
            capitalised_share=sum(1 for w in words if w[:1].isupper()) / n,
            digit_share=sum(1 for w in words if w.isdigit()) / n,
        )


@dataclass(frozen=True)
class PageLines:
    """:class:`LineFeatures` of every line of a page, as columns (numpy arrays, one entry a line)."""

    words: np.ndarray              # int64
    chars: np.ndarray              # int64
    stopword_density: np.ndarray   # float64
    ends_sentence: np.ndarray      # bool
    separators: np.ndarray         # int64
    bullet: np.ndarray             # bool
    quote: np.ndarray              # bool
    copyright: np.ndarray          # bool
    capitalised_share: np.ndarray  # float64
    digit_share: np.ndarray        # float64
    comment_byline: np.ndarray     # bool: :func:`is_comment_byline`

    def __len__(self) -> int:
        return len(self.words)

    def line(self, i: int) -> LineFeatures:
        """The features of line ``i`` (what :meth:`LineFeatures.of` gives for its text)."""
        return LineFeatures(
            int(self.words[i]), int(self.chars[i]), float(self.stopword_density[i]), bool(self.ends_sentence[i]),
            int(self.separators[i]), bool(self.bullet[i]), bool(self.quote[i]), bool(self.copyright[i]),
            float(self.capitalised_share[i]), float(self.digit_share[i]),
        )


class LineShapes:
    """What each line's text alone says, for one tuple of languages, remembered per distinct line text.

    A line's shape is a row of counts (int64s packed in bytes: a page's rows join into one array
    without a conversion per number): its words, its stripped length in characters, its
    stopwords in each language (case-folded), its capitalised words and its words of digits,
    then whether it ends like a sentence, its separators, whether it starts with a bullet
    or a quote, has a copyright mark, is a comment's byline. The page's language and its
    lines' stopword shares follow from the counts. Lines are remembered in a
    :class:`~cleantext.linememo.LineMemo` (bounded, emptied by :func:`cleantext.linememo.clear`):
    same answer, cold or warm.

    >>> shapes = LineShapes(("en", "de"))
    >>> language, lines = shapes.page(["Der Hund und die Katze.", "2024 | News"])
    >>> language, lines.words.tolist(), lines.separators.tolist(), lines.digit_share.tolist()
    ('de', [5, 2], [0, 1], [0.0, 0.5])
    """

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        #: Case-folded stopword -> the languages that list it (bit ``k``: ``languages[k]``).
        self._stop_masks: dict[str, int] = {}
        for k, language in enumerate(self.languages):
            for word in stopwords(language):
                self._stop_masks[word] = self._stop_masks.get(word, 0) | 1 << k
        self._lines = LineMemo()

    def __repr__(self) -> str:
        return f"LineShapes({self.languages!r})"

    def page(self, texts: Sequence[str]) -> tuple[str, PageLines]:
        """The language of a page of lines ``texts`` (whose stopwords cover most of its words, as
        :func:`page_language`) and its lines' features in that language."""
        memo = self._lines
        found = list(map(memo.get, texts))
        missing = [i for i, row in enumerate(found) if row is None]
        if missing:
            rows = self._shapes([texts[i] for i in missing])
            for i, row in zip(missing, rows):
                found[i] = memo.remember(texts[i], row)
        n_languages = len(self.languages)
        shape = np.frombuffer(b"".join(found), dtype=np.int64).reshape(len(found), n_languages + 10)
        words = shape[:, 0]
        k = int(np.argmax(shape[:, 2 : 2 + n_languages].sum(axis=0)))  # the first language with the most stopwords
        share = np.maximum(words, 1)
        flags = shape[:, n_languages + 4 :]
        return self.languages[k], PageLines(
            words=words,
            chars=shape[:, 1],
            stopword_density=shape[:, 2 + k] / share,
            ends_sentence=flags[:, 0].astype(bool),
            separators=flags[:, 1],
            bullet=flags[:, 2].astype(bool),
            quote=flags[:, 3].astype(bool),
            copyright=flags[:, 4].astype(bool) & (words <= 60),
            capitalised_share=shape[:, 2 + n_languages] / share,
            digit_share=shape[:, 3 + n_languages] / share,
            comment_byline=flags[:, 5].astype(bool),
        )

    def _shapes(self, lines: list[str]) -> list[bytes]:
        """The shapes of ``lines`` (texts without a newline), each packed as int64s, all worked out at once.

        The words of all lines come from one translation of the lines joined by newlines
        (:func:`~cleantext.analysis.chars.word_lines`); what is counted per word (stopwords in each
        language, capitals, digits) is one bit of an integer per word, looked up with C-level
        ``map``, unpacked to one byte a bit and summed per line by one ``reduceat``. The separator
        pattern runs once over the lines joined by NUL, which no match of it can hold; the copyright
        pattern only on the lines whose case-folded text has a cue (as :func:`~cleantext.analysis.marks.has_copyright_mark`),
        found for all lines by one scan. The same counts as :meth:`LineFeatures.of` line by line
        (tests/test_page_features.py).
        """
        stripped = [line.strip() for line in lines]
        joined, starts = "\n".join(stripped), _starts(stripped)
        words = [line.split() for line in word_lines(joined).split("\n")]
        flat = list(chain.from_iterable(words))
        n_languages = len(self.languages)
        shape = np.zeros((len(lines), n_languages + 10), np.int64)
        shape[:, 0] = n_words = np.fromiter(map(len, words), np.int64, len(words))
        shape[:, 1] = np.fromiter(map(len, stripped), np.int64, len(stripped))
        if flat:
            # bit k < n_languages: a stopword of languages[k]; then a capital first letter, then only digits
            codes = np.fromiter(map(self._stop_masks.get, map(str.casefold, flat), repeat(0)), np.uint64, len(flat))
            codes |= np.fromiter(map(str.isupper, map(_first, flat)), np.uint64, len(flat)) << n_languages
            codes |= np.fromiter(map(str.isdigit, flat), np.uint64, len(flat)) << n_languages + 1
            size = (n_languages + 2 + 7) // 8  # bytes a word needs
            bits = np.unpackbits(codes.astype("<u8").view(np.uint8).reshape(-1, 8)[:, :size], axis=1, bitorder="little")
            has = n_words > 0  # a line without words adds nothing: the next line's words start where its would
            shape[has, 2 : 4 + n_languages] = np.add.reduceat(
                bits[:, : n_languages + 2], (np.cumsum(n_words) - n_words)[has], axis=0, dtype=np.int64)
        flags = shape[:, n_languages + 4 :]
        flags[:, 1] = np.bincount(_lines_of(_SEPARATOR_RE, "\0".join(stripped), starts), minlength=len(lines))
        folded = joined.casefold()
        if len(folded) != len(joined):  # a character folded to several: the lines start elsewhere
            starts = _starts(folded.split("\n"))
        cued = COPYRIGHT_CUE_SET.lines_with(folded, starts)
        flags[[i for i in cued if COPYRIGHT_RE.search(stripped[i])], 4] = 1
        flags[:, 0], flags[:, 2], flags[:, 3], flags[:, 5] = zip(*[
            (line.rstrip(_CLOSING)[-1:] in _SENTENCE_MARKS, line[:1] in _BULLETS, line[:1] in _QUOTES,
             line[-1:] == ":" and _COMMENT_META_RE.match(line) is not None)  # a byline's last \S is its colon
            for line in stripped
        ])
        block = shape.tobytes()
        size = 8 * shape.shape[1]
        return [block[i : i + size] for i in range(0, len(block), size)]


def _starts(lines: list[str]) -> list[int]:
    """Where each of ``lines`` starts once they are joined by one character."""
    return list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


def _lines_of(pattern: regex.Pattern[str], joined: str, starts: list[int]) -> np.ndarray:
    """The line of each match of ``pattern`` in ``joined`` (lines starting at ``starts``, joined by one character)."""
    return np.searchsorted(starts, [match.start() for match in pattern.finditer(joined)], side="right") - 1


#: math.log1p of small counts (numpy's log1p may differ from the C library's in the last bit).
_LOG1P = np.array([math.log1p(k) for k in range(4096)])


def _log1p(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of every count (integers >= 0).

    >>> _log1p(np.array([0, 9, 5000])).tolist() == [0.0, math.log1p(9), math.log1p(5000)]
    True
    """
    out = _LOG1P[np.minimum(counts, len(_LOG1P) - 1)]
    big = counts >= len(_LOG1P)
    if big.any():
        out[big] = [math.log1p(c) for c in counts[big].tolist()]
    return out


def _window_mean(values: np.ndarray, before: int, after: int) -> np.ndarray:
    """The mean of ``values[i - before : i + after + 1]`` (cut at the ends) for every line ``i`` and every
    column of ``values``, each sum added left to right as Python's ``sum`` of the slice does (so the same float).

    >>> _window_mean(np.array([[1.0], [2.0], [4.0]]), 1, 1).ravel().tolist()
    [1.5, 2.3333333333333335, 3.0]
    """
    n = len(values)
    padded = np.zeros((before + n + after, values.shape[1]))
    padded[before : before + n] = values
    total = padded[:n].copy()
    for k in range(1, before + after + 1):
        total += padded[k : k + n]
    idx = np.arange(n)
    return total / (np.minimum(n, idx + after + 1) - np.maximum(0, idx - before))[:, None]


def vectors(
    lines: PageLines,
    flagged: Sequence[bool],
    repeated: Sequence[bool],
    comment_headings: Sequence[bool],
) -> np.ndarray:
    """The feature vector (see :data:`NAMES`) of every line, one row a line.

    ``flagged``: a rule marks the line as boilerplate; ``repeated``: a per-site
    model saw it on many pages; ``comment_headings``: the line heads comments.
    The columns are written into one matrix: a page has a few dozen lines, so numpy's
    cost per call outweighs its cost per line.
    """
    n = len(lines)
    out = np.empty((n, len(NAMES)))
    if n == 0:
        return out
    words = lines.words
    idx = np.arange(n)
    last = max(n - 1, 1)
    prose = np.where(lines.ends_sentence & (words >= MIN_PROSE_WORDS), words, 0)
    prose_total = int(prose.sum())
    prose_before = np.cumsum(prose) - prose
    # A comment heading counts once most of the page's prose is above it
    # (a "Comments" link in a share bar above the article does not).
    heading_seen = np.logical_or.accumulate(
        np.asarray(comment_headings, dtype=bool) & (2 * prose_before >= prose_total) & (prose_total > 0))
    longest = int(np.argmax(words))
    columns = (
        1.0, _log1p(words), _log1p(lines.chars), lines.stopword_density, lines.ends_sentence,
        np.minimum(lines.separators, 3), lines.bullet, lines.quote, lines.copyright, lines.capitalised_share,
        lines.digit_share, flagged, repeated, idx / last, words / max(int(words.sum()), 1),
        np.abs(idx - longest) / last, idx > longest, heading_seen,
    )
    for j, column in enumerate(columns):
        out[:, j] = column
    # prev_ and next_ of log_words, stopwords and ends_sentence, in turn (0.0 outside the page)
    own, at = out[:, [_LOG_WORDS, _STOPWORDS, _ENDS_SENTENCE]], len(columns)
    previous, following = out[:, at : at + 6 : 2], out[:, at + 1 : at + 6 : 2]
    previous[0] = following[-1] = 0.0
    previous[1:], following[:-1] = own[:-1], own[1:]
    windowed = np.empty((n, 2))  # log_words, and whether a rule or the site model marks the line
    windowed[:, 0] = own[:, 0]
    windowed[:, 1] = np.logical_or(flagged, repeated)
    out[:, at + 6 :] = _window_mean(windowed, 3, 3)
    return out


#: Features of the neighbouring lines that the line model also reads (the "sequence" context).
NEIGHBOUR_KEYS: tuple[str, ...] = (
    "log_words", "stopwords", "ends_sentence", "separators", "capitalised", "digits", "rule_hit", "repeated",
    "bullet", "copyright",
)
#: Offsets of the neighbouring lines read (a line outside the page reads as -1 for every key).
NEIGHBOUR_OFFSETS: tuple[int, ...] = (-3, -2, -1, 1, 2, 3)
#: Features averaged over this many lines before and after.
RUN_KEYS: tuple[str, ...] = ("log_words", "stopwords", "ends_sentence", "rule_hit", "repeated")
RUN_LENGTH = 10
#: The columns of :data:`NAMES` that :func:`model_matrix` reads.
_NEIGHBOUR_COLUMNS = [NAMES.index(k) for k in NEIGHBOUR_KEYS]
_RUN_COLUMNS = [NAMES.index(k) for k in RUN_KEYS]
_LOG_WORDS, _STOPWORDS, _ENDS_SENTENCE = (NAMES.index(k) for k in ("log_words", "stopwords", "ends_sentence"))
#: Names of the line model's input columns, in order.
MODEL_NAMES: tuple[str, ...] = (
    *(n for n in NAMES if n != "bias"),
    *(f"{key}@{k:+d}" for k in NEIGHBOUR_OFFSETS for key in NEIGHBOUR_KEYS),
    *(f"{key}@{side}{RUN_LENGTH}" for side in ("-", "+") for key in RUN_KEYS),
    "page_log_lines", "page_log_words", "page_prose_share",
    "log_words_vs_page", "stopwords_vs_page", "words_rank", "prose_before_share", "log_lines_to_prose",
)


def model_matrix(base: Sequence[Sequence[float]]) -> np.ndarray:
    """The line model's inputs (:data:`MODEL_NAMES`) from :func:`vectors`' rows, one row a line.

    Written into one preallocated matrix: a page has a few dozen lines, so numpy's cost per call
    outweighs its cost per line.

    >>> m = model_matrix([[1.0] + [0.5] * (len(NAMES) - 1)] * 2)
    >>> m.shape == (2, len(MODEL_NAMES)), float(m[0, MODEL_NAMES.index("log_words@-1")])
    (True, -1.0)
    """
    x = np.asarray(base, dtype=np.float64).reshape(-1, len(NAMES))
    n = x.shape[0]
    out = np.empty((n, len(MODEL_NAMES)))
    at = len(NAMES) - 1
    out[:, :at] = x[:, 1:]
    reach = max(map(abs, NEIGHBOUR_OFFSETS))
    near = np.full((n + 2 * reach, len(NEIGHBOUR_KEYS)), -1.0)  # the neighbours' keys, -1 outside the page
    near[reach : reach + n] = x[:, _NEIGHBOUR_COLUMNS]
    for k in NEIGHBOUR_OFFSETS:
        out[:, at : at + len(NEIGHBOUR_KEYS)] = near[reach + k : reach + k + n]
        at += len(NEIGHBOUR_KEYS)
    sums = np.zeros((n + 1, len(RUN_KEYS)))
    np.add.accumulate(x[:, _RUN_COLUMNS], axis=0, out=sums[1:])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - RUN_LENGTH, 0), np.minimum(idx + RUN_LENGTH + 1, n)
    before, after = out[:, at : at + len(RUN_KEYS)], out[:, at + len(RUN_KEYS) : at + 2 * len(RUN_KEYS)]
    np.divide(sums[:n] - sums[lo], np.maximum(idx - lo, 1)[:, None], out=before)
    np.divide(sums[hi] - sums[1:], np.maximum(hi - idx - 1, 1)[:, None], out=after)
    before[:1] = after[n - 1 :] = -1.0  # no line before the first, none after the last
    at += 2 * len(RUN_KEYS)
    words = np.expm1(x[:, _LOG_WORDS])
    prose = (x[:, _ENDS_SENTENCE] > 0) & (words >= MIN_PROSE_WORDS)
    out[:, at : at + 3] = (math.log1p(n), math.log1p(float(words.sum())), float(prose.mean()) if n else 0.0)
    out[:, at + 3 :] = _relative(x, words, prose)
    return out


def _relative(x: np.ndarray, words: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Features relative to the page (what counts as long or wordy differs between page types)."""
    n = x.shape[0]
    out = np.empty((n, 5))
    if n == 0:
        return out
    log_words = x[:, _LOG_WORDS]
    stop = x[:, _STOPWORDS]
    total = max(float(words.sum()), 1.0)
    out[:, 0] = log_words - log_words.mean()
    out[:, 1] = stop - float((stop * words).sum()) / total
    out[np.argsort(words, kind="stable"), 2] = np.arange(n) / max(n - 1, 1)  # the line's rank by words
    prose_words = np.where(prose, words, 0.0)
    out[:, 3] = (np.add.accumulate(prose_words) - prose_words) / max(float(prose_words.sum()), 1.0)
    at = np.flatnonzero(prose)
    if len(at):  # the distance to the nearest prose line
        idx = np.arange(n)
        pos = np.searchsorted(at, idx)
        dist = np.minimum(np.abs(idx - at[np.minimum(pos, len(at) - 1)]), np.abs(idx - at[np.maximum(pos - 1, 0)]))
    else:
        dist = np.full(n, n)
    out[:, 4] = np.log1p(dist)
    return out


# --- Stage 2: the line model's second pass over the first stage's probabilities (page_data/stack_model.npz) ---

#: Raw line features stage 2 reads beside the first stage's probabilities (:data:`NAMES`).
STACK_RAW = ("log_words", "stopwords", "ends_sentence", "separators", "rule_hit", "repeated", "position",
             "comment_heading_above", "dist_longest", "capitalised")
#: Probability levels of the distance, share-of-words and run features.
STACK_LEVELS = (0.5, 0.8)
#: Distances and runs (in lines) are capped at this.
STACK_FAR = 50
_STACK_OFFSETS = (-3, -2, -1, 1, 2, 3)
_STACK_REACHES = (5, 10)
#: Stage 2's inputs (:func:`stack_matrix`).
STACK_NAMES: tuple[str, ...] = (
    "p", *(f"p@{k:+d}" for k in _STACK_OFFSETS),
    *(name for reach in _STACK_REACHES
      for name in (f"p_mean_before{reach}", f"p_mean_after{reach}", f"p_max_before{reach}", f"p_max_after{reach}")),
    "page_max", "page_mean", "page_word_mean", "p_over_max", "p_rank", "log_lines",
    *(name for level in STACK_LEVELS
      for name in (f"dist_above@{level}", f"dist_below@{level}", f"words_above@{level}", f"words_below@{level}",
                   f"run_above@{level}", f"run_below@{level}")),
    *(f"raw_{k}" for k in STACK_RAW),
)
_STACK_RAW_COLUMNS = [NAMES.index(k) for k in STACK_RAW]
#: Where each group of :data:`STACK_NAMES` starts: the page's columns, the levels', the raw features'.
_STACK_PAGE, _STACK_LEVELS, _STACK_RAW = (STACK_NAMES.index(name) for name in (
    "page_max", f"dist_above@{STACK_LEVELS[0]}", f"raw_{STACK_RAW[0]}"))
_STACK_OFFSET_ARRAY, _STACK_REACH_ARRAY, _STACK_LEVEL_ARRAY = map(np.array, (_STACK_OFFSETS, _STACK_REACHES,
                                                                             STACK_LEVELS))
#: The lines around a line, out to the farthest reach (offsets from the farthest line above), and what a line
#: outside the page reads as.
_STACK_SPAN, _STACK_OUTSIDE = np.arange(2 * max(_STACK_REACHES) + 1), np.full(max(_STACK_REACHES), -1.0)


def stack_matrix(p: Sequence[float], base: Sequence[Sequence[float]], words: Sequence[float]) -> np.ndarray:
    """Stage 2's inputs (:data:`STACK_NAMES`) for one page: each line's first-stage probability ``p``, its
    neighbours' (-1 outside the page), their means and maxima over 5 and 10 lines each side, the page's highest,
    mean and word-weighted mean probability, the line's against the highest and its rank, the distance to the
    nearest line above / below at 0.5 and 0.8 or more (capped at :data:`STACK_FAR`), the share of the page's
    words above / below in such lines, the run of such lines just above / below, and a few raw features
    (``base``: :func:`vectors` rows; ``words``: each line's words). Content comes in runs: the first stage sees
    its neighbours' features, this sees its neighbours' probabilities.

    A page has a few dozen lines, so numpy's cost per call outweighs its cost per line: the columns are
    written into one matrix, those of every reach or level by the same operations.

    >>> m = stack_matrix([0.1, 0.9, 0.6], np.zeros((3, len(NAMES))), [1, 5, 3])
    >>> m.shape == (3, len(STACK_NAMES)), m[:, STACK_NAMES.index("dist_below@0.5")].tolist()
    (True, [1.0, 1.0, 50.0])
    """
    p = np.asarray(p, dtype=np.float64)
    n = len(p)
    out = np.empty((n, len(STACK_NAMES)))
    if n == 0:
        return out
    words = np.asarray(words, dtype=np.float64)
    x = np.asarray(base, dtype=np.float64).reshape(-1, len(NAMES))
    out[:, 0] = p
    _stack_windows(p, out[:, 1:_STACK_PAGE])
    top = float(p.max())
    page = out[:, _STACK_PAGE:_STACK_LEVELS]
    page[:] = (top, float(p.mean()), float((p * words).sum()) / max(float(words.sum()), 1.0), 0.0, 0.0, np.log1p(n))
    np.divide(p, max(top, 1e-9), out=page[:, 3])
    np.divide(np.searchsorted(np.sort(p), p, side="right"), n, out=page[:, 4])  # the line's rank
    _stack_levels(p, words, out[:, _STACK_LEVELS:_STACK_RAW])
    out[:, _STACK_RAW:] = x[:, _STACK_RAW_COLUMNS]
    return out


def _stack_windows(p: np.ndarray, out: np.ndarray) -> None:
    """Write into ``out`` the neighbours' probabilities (``p@k``), then per reach the mean and the maximum
    of those before and after (:data:`STACK_NAMES`' order)."""
    n = len(p)
    reach = max(_STACK_REACHES)
    pad = np.concatenate([_STACK_OUTSIDE, p, _STACK_OUTSIDE])
    near = pad[np.arange(n)[:, None] + _STACK_SPAN]  # near[i, reach + k] = p[i + k], or -1 outside the page
    out[:, : len(_STACK_OFFSETS)] = near[:, reach + _STACK_OFFSET_ARRAY]
    stats = out[:, len(_STACK_OFFSETS) :]
    mean_before, mean_after, max_before, max_after = (stats[:, k::4] for k in range(4))  # a column per reach
    idx = np.arange(n)[:, None]
    sums = np.zeros(n + 1)
    np.add.accumulate(p, out=sums[1:])
    lo, hi = np.maximum(idx - _STACK_REACH_ARRAY, 0), np.minimum(idx + _STACK_REACH_ARRAY + 1, n)
    np.divide(sums[:n, None] - sums[lo], np.maximum(idx - lo, 1), out=mean_before)
    np.divide(sums[hi] - sums[1:, None], np.maximum(hi - idx - 1, 1), out=mean_after)
    mean_before[0] = mean_after[-1] = -1.0  # no line before the first, none after the last
    for k, r in enumerate(_STACK_REACHES):
        np.maximum.reduce(near[:, reach - r : reach], axis=1, out=max_before[:, k])
        np.maximum.reduce(near[:, reach + 1 : reach + 1 + r], axis=1, out=max_after[:, k])


def _stack_levels(p: np.ndarray, words: np.ndarray, out: np.ndarray) -> None:
    """Write into ``out``, per level of :data:`STACK_LEVELS` (six columns a level): the distance to the
    nearest line at the level or above it, above and below, the share of the page's words in such lines
    above and below, and the run of such lines just above and just below (distances and runs capped at
    :data:`STACK_FAR`)."""
    n = len(p)
    idx = np.arange(n)[:, None]
    hit = p[:, None] >= _STACK_LEVEL_ARRAY
    dist_above, dist_below, words_above, words_below, run_above, run_below = (out[:, k::6] for k in range(6))
    dist_above[0] = dist_below[-1] = STACK_FAR
    last = np.maximum.accumulate(np.where(hit, idx, -STACK_FAR), axis=0)  # the nearest hit at or above
    np.minimum(idx[1:] - last[:-1], STACK_FAR, out=dist_above[1:])
    first = np.minimum.accumulate(np.where(hit, idx, n + STACK_FAR)[::-1], axis=0)[::-1]  # at or below
    np.minimum(first[1:] - idx[:-1], STACK_FAR, out=dist_below[:-1])
    hit_words = words[:, None] * hit
    running = np.add.accumulate(hit_words, axis=0)
    total = max(float(words.sum()), 1.0)
    np.divide(running - hit_words, total, out=words_above)
    np.divide(running[-1] - running, total, out=words_below)
    # the run of hits ending at each line (0 at a miss), then the one ending just above / starting just below
    ending = idx - np.maximum.accumulate(np.where(hit, -1, idx), axis=0)
    starting = np.minimum.accumulate(np.where(hit, n, idx)[::-1], axis=0)[::-1] - idx
    run_above[0] = run_below[-1] = 0
    np.minimum(ending[:-1], STACK_FAR, out=run_above[1:])
    np.minimum(starting[1:], STACK_FAR, out=run_below[:-1])


#: A line of at most this many words may be kept as a heading between two kept lines.
MAX_HEADING_WORDS = 20


@dataclass(frozen=True)
class PageInputs:
    """What the line model reads of one page: its lines, their features, and the cues beside them."""

    lines: list[Line]
    language: str
    columns: PageLines
    vectors: np.ndarray
    flagged: list[bool]
    repeated: list[bool]
    heading_like: list[bool]
    comment_heading: int | None

    @property
    def feats(self) -> list[LineFeatures]:
        """The features of every line, one object a line."""
        return [self.columns.line(i) for i in range(len(self.columns))]


def repeated_lines(doc: Document, removals: Iterable[Removal] | None) -> list[bool]:
    """Per content line of ``doc``: whether ``removals`` (a per-site model's) cover most of its characters."""
    lines = doc.content_lines
    if removals is None:
        return [False] * len(lines)
    covered = [0] * len(lines)
    index = {line.index: i for i, line in enumerate(lines)}
    for removal in removals:
        i = index.get(doc.line_at(removal.start).index)
        if i is not None:
            covered[i] += min(removal.end, lines[i].end) - removal.start
    return [2 * covered[i] >= len(line.stripped) > 0 for i, line in enumerate(lines)]


def page_inputs(
    doc: Document, matcher: Matcher, languages: Sequence[str], learned_removals: Iterable[Removal] | None = None,
    shapes: LineShapes | None = None,
) -> PageInputs:
    """Features of every non-blank line of ``doc``; ``learned_removals``: what a site model removes from it.

    ``shapes``: the memo of line texts to read and fill (one for ``languages``; default: a new one).
    """
    lines = doc.content_lines
    if shapes is None or shapes.languages != tuple(languages):
        shapes = LineShapes(languages)
    language, columns = shapes.page([line.text for line in lines])
    scans = matcher.scan(doc)
    hits = [scans[line.index] for line in lines]
    flagged = [h is not None and h.whole is not None for h in hits]
    headings = [
        (h is not None and h.whole is not None and h.whole.rule.category == "comments") or byline
        for h, byline in zip(hits, columns.comment_byline.tolist())
    ]
    repeated = repeated_lines(doc, learned_removals)
    vecs = vectors(columns, flagged, repeated, headings)
    above = np.flatnonzero(vecs[:, NAMES.index("comment_heading_above")])
    noisy = np.asarray(flagged, dtype=bool) | np.asarray(repeated, dtype=bool)
    heading_like = ((columns.words <= MAX_HEADING_WORDS) & (columns.separators == 0) & ~columns.copyright
                    & ~noisy).tolist()
    return PageInputs(lines, language, columns, vecs, flagged, repeated, heading_like,
                      int(above[0]) if len(above) else None)
