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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from ..document import Line

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
    """The shipped stopword list of ``language`` (``cleantext/page_data/stopwords/<lang>.txt``).

    >>> "the" in stopwords("en"), "und" in stopwords("de")
    (True, True)
    """
    path = resources.files("cleantext") / "page_data" / "stopwords" / f"{language}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
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
