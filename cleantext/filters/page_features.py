"""Shallow features of the lines of a whole page (for :mod:`cleantext.filters.page`).

Per line: length, stopword density in the page's language, closing
punctuation, separators (``|``, ``»``, a leading dash), capitals, digits, a
copyright mark, whether a rule matched it, whether a per-site model saw it on
many pages, its position; and the same features of its neighbours, because
content comes in runs. Everything here is plain arithmetic on the text: no
DOM, no links.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import regex

from .. import languages
from ..document import Document, Line
from ..removal import Removal
from .matcher import Matcher

_WORD_RE = regex.compile(r"\w+")
_SENTENCE_END_RE = regex.compile(r"""[.!?…。！？]["'”’»)\]]*$""")
_SEPARATOR_RE = regex.compile(r"\s[|•·»›>/]\s|\s-\s(?=\p{Lu})")
_BULLET_RE = regex.compile(r"^[-–—•·*>»›■▪●◦]+")
_QUOTE_RE = regex.compile(r"""^["“„«‘']""")
_COPYRIGHT_RE = regex.compile(
    r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados"
    r"|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены|всі права захищені",
    regex.IGNORECASE,
)

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
            copyright=bool(_COPYRIGHT_RE.search(text)) and len(words) <= 60,
            capitalised_share=sum(1 for w in words if w[:1].isupper()) / n,
            digit_share=sum(1 for w in words if w.isdigit()) / n,
        )


def vectors(
    lines: Sequence[Line],
    feats: Sequence[LineFeatures],
    flagged: Sequence[bool],
    repeated: Sequence[bool],
    comment_headings: Sequence[bool],
) -> list[list[float]]:
    """The feature vector (see :data:`NAMES`) of every line.

    ``flagged``: a rule marks the line as boilerplate; ``repeated``: a per-site
    model saw it on many pages; ``comment_headings``: the line heads comments.
    """
    n = len(lines)
    total = max(sum(f.words for f in feats), 1)
    prose = [f.words if f.ends_sentence and f.words >= MIN_PROSE_WORDS else 0 for f in feats]
    prose_total = sum(prose)
    prose_before = 0
    longest = max(range(n), key=lambda i: feats[i].words) if n else 0
    log_words = [math.log1p(f.words) for f in feats]
    noisy = [1.0 if flagged[i] or repeated[i] else 0.0 for i in range(n)]
    out = []
    heading_seen = False
    for i, f in enumerate(feats):
        # A comment heading counts once most of the page's prose is above it
        # (a "Comments" link in a share bar above the article does not).
        heading_seen = heading_seen or (comment_headings[i] and 2 * prose_before >= prose_total > 0)
        prose_before += prose[i]
        lo, hi = max(0, i - 3), min(n, i + 4)
        p, q = max(0, i - 1), min(n - 1, i + 1)
        out.append([
            1.0,
            log_words[i],
            math.log1p(f.chars),
            f.stopword_density,
            float(f.ends_sentence),
            float(min(f.separators, 3)),
            float(f.bullet),
            float(f.quote),
            float(f.copyright),
            f.capitalised_share,
            f.digit_share,
            float(flagged[i]),
            float(repeated[i]),
            i / max(n - 1, 1),
            f.words / total,
            abs(i - longest) / max(n - 1, 1),
            float(i > longest),
            float(heading_seen),
            log_words[p] if i > 0 else 0.0,
            log_words[q] if i < n - 1 else 0.0,
            feats[p].stopword_density if i > 0 else 0.0,
            feats[q].stopword_density if i < n - 1 else 0.0,
            float(feats[p].ends_sentence) if i > 0 else 0.0,
            float(feats[q].ends_sentence) if i < n - 1 else 0.0,
            sum(log_words[lo:hi]) / (hi - lo),
            sum(noisy[lo:hi]) / (hi - lo),
        ])
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

    >>> m = model_matrix([[1.0] + [0.5] * (len(NAMES) - 1)] * 2)
    >>> m.shape == (2, len(MODEL_NAMES)), float(m[0, MODEL_NAMES.index("log_words@-1")])
    (True, -1.0)
    """
    x = np.asarray(base, dtype=np.float64).reshape(-1, len(NAMES))
    n = x.shape[0]
    cols = [x[:, 1:]]
    keys = [NAMES.index(k) for k in NEIGHBOUR_KEYS]
    padded = np.full((n + 2 * RUN_LENGTH, len(NAMES)), -1.0)
    padded[RUN_LENGTH : RUN_LENGTH + n] = x
    for k in NEIGHBOUR_OFFSETS:
        cols.append(padded[RUN_LENGTH + k : RUN_LENGTH + k + n][:, keys])
    run = [NAMES.index(k) for k in RUN_KEYS]
    sums = np.vstack([np.zeros((1, len(run))), np.cumsum(x[:, run], axis=0)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - RUN_LENGTH, 0), np.minimum(idx + RUN_LENGTH + 1, n)
    before_n, after_n = (idx - lo)[:, None], (hi - idx - 1)[:, None]
    before = (sums[idx] - sums[lo]) / np.maximum(before_n, 1)
    after = (sums[hi] - sums[idx + 1]) / np.maximum(after_n, 1)
    cols += [np.where(before_n > 0, before, -1.0), np.where(after_n > 0, after, -1.0)]
    words = np.expm1(x[:, NAMES.index("log_words")])
    prose = (x[:, NAMES.index("ends_sentence")] > 0) & (words >= MIN_PROSE_WORDS)
    page = [math.log1p(n), math.log1p(float(words.sum())), float(prose.mean()) if n else 0.0]
    cols.append(np.tile(np.array(page), (n, 1)))
    cols.append(_relative(x, words, prose))
    return np.hstack(cols)


def _relative(x: np.ndarray, words: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Features relative to the page (what counts as long or wordy differs between page types)."""
    n = x.shape[0]
    if n == 0:
        return np.zeros((0, 5))
    log_words = x[:, NAMES.index("log_words")]
    stop = x[:, NAMES.index("stopwords")]
    total = max(float(words.sum()), 1.0)
    ranks = np.empty(n)
    ranks[np.argsort(words, kind="stable")] = np.arange(n) / max(n - 1, 1)
    prose_words = np.where(prose, words, 0.0)
    before = (np.cumsum(prose_words) - prose_words) / max(float(prose_words.sum()), 1.0)
    at = np.flatnonzero(prose)
    if len(at):
        pos = np.searchsorted(at, np.arange(n))
        dist = np.minimum(np.abs(np.arange(n) - at[np.clip(pos, 0, len(at) - 1)]),
                          np.abs(np.arange(n) - at[np.clip(pos - 1, 0, len(at) - 1)]))
    else:
        dist = np.full(n, n)
    return np.column_stack([
        log_words - log_words.mean(), stop - float((stop * words).sum()) / total, ranks, before, np.log1p(dist),
    ])


#: A line of at most this many words may be kept as a heading between two kept lines.
MAX_HEADING_WORDS = 20


@dataclass(frozen=True)
class PageInputs:
    """What the line model reads of one page: its lines, their features, and the cues beside them."""

    lines: list[Line]
    language: str
    feats: list[LineFeatures]
    vectors: list[list[float]]
    flagged: list[bool]
    repeated: list[bool]
    heading_like: list[bool]
    comment_heading: int | None


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
    doc: Document, matcher: Matcher, languages: Sequence[str], learned_removals: Iterable[Removal] | None = None
) -> PageInputs:
    """Features of every non-blank line of ``doc``; ``learned_removals``: what a site model removes from it."""
    lines = doc.content_lines
    words = [w.casefold() for line in lines for w in _WORD_RE.findall(line.text)]
    language = page_language(words, languages) if words else languages[0]
    stop = stopwords(language)
    feats = [LineFeatures.of(line.text, stop) for line in lines]
    scans = matcher.scan(doc)
    hits = [scans[line.index] for line in lines]
    flagged = [h is not None and h.whole is not None for h in hits]
    headings = [
        (h is not None and h.whole is not None and h.whole.rule.category == "comments") or is_comment_byline(line.text)
        for h, line in zip(hits, lines)
    ]
    repeated = repeated_lines(doc, learned_removals)
    vecs = vectors(lines, feats, flagged, repeated, headings)
    above = NAMES.index("comment_heading_above")
    first_heading = next((i for i, v in enumerate(vecs) if v[above]), None)
    heading_like = [
        f.words <= MAX_HEADING_WORDS and not f.separators and not f.copyright and not (flagged[i] or repeated[i])
        for i, f in enumerate(feats)
    ]
    return PageInputs(lines, language, feats, vecs, flagged, repeated, heading_like, first_heading)
