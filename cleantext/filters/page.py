"""Whole-page text (WET) mode: classify every line of a page as content or boilerplate.

Whole-page text keeps menus, footers, link lists and comment threads, but no
DOM to judge them by. Like boilerpipe (a shallow classifier over block
features, learned from news pages) and jusText (lines judged alone first,
then by their neighbours), the filter works in two passes:

1. each line gets a score from its own shallow features and those of the
   lines around it (:mod:`cleantext.filters.page_features`);
2. each score is revised from the scores of the neighbouring lines, so that
   content comes in runs: a short heading inside an article stays, a
   sentence-like line inside a menu goes.

The weights of both passes are data (``cleantext/page_data/weights.json``),
fitted by ``python -m cleantext.bench.page_train`` (logistic regression,
cross-validated by site; see docs/page-mode.md). Lines a per-site model saw on
many pages of the site (``repeated``) are a feature of both passes.

>>> page = "\\n".join(["Home", "News", "Sport", "Contact us",
...     "Storm hits the coast", "By Jane Doe, 12 May 2024",
...     "The storm reached the coast on Monday night and it was the worst in a decade, "
...     "officials said, as thousands of homes were left without power across the region.",
...     "Repairs will take weeks, according to the utility, which has sent crews from three "
...     "states and expects most customers to be reconnected by the end of the month.",
...     "© 2024 Example Media. All rights reserved."])
>>> [(r.category, r.text) for r in PageBlocks()(Document(page))]  # doctest: +NORMALIZE_WHITESPACE
[('navigation', 'Home'), ('navigation', 'News'), ('navigation', 'Sport'),
 ('navigation', 'Contact us'), ('footer', '© 2024 Example Media. All rights reserved.')]
>>> PageBlocks().analyse(Document(page)).language
'en'
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from ..config import LANGUAGES
from ..document import Document, Line
from ..removal import Removal
from .matcher import Matcher, matcher_for
from .page_features import NAMES, LineFeatures, is_comment_byline, page_language, stopwords, vectors

_WORD_RE = regex.compile(r"\w+")

#: Names of the second (context) pass's inputs, in order.
CONTEXT_NAMES: tuple[str, ...] = (
    "bias", "score", "prev1", "next1", "prev3", "next3", "prev10", "next10",
    "short", "short_prev3", "short_next3",
)
#: A line of at most this many words may be kept as a heading between two kept lines.
MAX_HEADING_WORDS = 20
#: Heading-like lines kept just above the first kept paragraph (title, byline).
TITLE_LINES = 2
#: ... if they have at least this many words (a menu entry rarely has).
MIN_TITLE_WORDS = 3
#: Scores are clipped to this magnitude before the context pass.
MAX_SCORE = 8.0


@dataclass(frozen=True)
class PageWeights:
    """The two passes' weights and the decision threshold (a probability)."""

    lines: tuple[float, ...]
    context: tuple[float, ...]
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict) -> PageWeights:
        """Read ``{"lines": {name: w}, "context": {name: w}, "threshold": t}``; missing names weigh 0."""
        lines = tuple(float(data["lines"].get(name, 0.0)) for name in NAMES)
        context = tuple(float(data["context"].get(name, 0.0)) for name in CONTEXT_NAMES)
        return cls(lines, context, float(data.get("threshold", 0.5)))

    def to_dict(self) -> dict:
        return {
            "lines": {name: round(w, 4) for name, w in zip(NAMES, self.lines)},
            "context": {name: round(w, 4) for name, w in zip(CONTEXT_NAMES, self.context)},
            "threshold": self.threshold,
        }


@lru_cache(maxsize=1)
def shipped_weights() -> PageWeights:
    """The weights shipped in ``cleantext/page_data/weights.json``."""
    path = resources.files("cleantext") / "page_data" / "weights.json"
    return PageWeights.from_dict(json.loads(path.read_text(encoding="utf-8")))


def dot(weights: Sequence[float], values: Sequence[float]) -> float:
    return sum(w * v for w, v in zip(weights, values))


def context_vectors(scores: Sequence[float], words: Sequence[int]) -> list[list[float]]:
    """The context pass's inputs (see :data:`CONTEXT_NAMES`) from the first pass's scores.

    >>> context_vectors([1.0, -2.0], [10, 2])[1][:4]
    [1.0, -2.0, 1.0, 0.0]
    """
    s = [max(-MAX_SCORE, min(MAX_SCORE, x)) for x in scores]
    n = len(s)
    out = []
    for i in range(n):
        prev3, next3 = _mean(s[max(0, i - 3) : i]), _mean(s[i + 1 : i + 4])
        short = 1.0 if words[i] < 8 else 0.0
        out.append([
            1.0, s[i],
            s[i - 1] if i > 0 else 0.0, s[i + 1] if i < n - 1 else 0.0,
            prev3, next3,
            _mean(s[max(0, i - 10) : i]), _mean(s[i + 1 : i + 11]),
            short, short * prev3, short * next3,
        ])
    return out


def decide(
    probabilities: Sequence[float], threshold: float, heading_like: Sequence[bool], words: Sequence[int]
) -> list[bool]:
    """Which lines to keep: probable content, plus headings between two kept lines and the title.

    A short line between two kept lines (an in-article heading, a one-line
    quote) stays unless a rule, the site model or a separator marks it; so do
    up to ``TITLE_LINES`` such lines of ``MIN_TITLE_WORDS`` or more words just
    above the first kept paragraph (the title and byline).

    >>> decide([0.1, 0.1, 0.9, 0.1, 0.8, 0.1], 0.5, [True, True, False, True, False, True], [4] * 6)
    [True, True, True, True, True, False]
    """
    keep = [p >= threshold for p in probabilities]
    out = list(keep)
    for i in range(1, len(keep) - 1):
        if not keep[i] and heading_like[i] and keep[i - 1] and keep[i + 1]:
            out[i] = True
    first = next((i for i, k in enumerate(keep) if k and not heading_like[i]), None)
    if first is not None:
        # The article's title (and byline) just above its first paragraph.
        for i in range(first - 1, max(first - 1 - TITLE_LINES, -1), -1):
            if not heading_like[i] or words[i] < MIN_TITLE_WORDS:
                break
            out[i] = True
    return out


def repeated_lines(doc: Document, learned: Callable[[Document], Iterable[Removal]] | None) -> list[bool]:
    """Per content line of ``doc``: whether ``learned`` removes most of its characters."""
    lines = doc.content_lines
    if learned is None:
        return [False] * len(lines)
    covered = [0] * len(lines)
    index = {line.index: i for i, line in enumerate(lines)}
    for removal in learned(doc):
        i = index.get(doc.line_at(removal.start).index)
        if i is not None:
            covered[i] += min(removal.end, lines[i].end) - removal.start
    return [2 * covered[i] >= len(line.stripped) > 0 for i, line in enumerate(lines)]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else -MAX_SCORE / 2


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass(frozen=True)
class PageAnalysis:
    """Everything the filter computed about one page (for explanations and training)."""

    lines: list[Line]
    language: str
    feats: list[LineFeatures]
    vectors: list[list[float]]
    scores: list[float]
    context: list[list[float]]
    probabilities: list[float]
    comment_heading: int | None
    heading_like: list[bool]


class PageBlocks:
    """Labels every line of a whole page; removes navigation, footers, link lists and comments.

    ``learned`` (optional) is a per-site model's filter (``model.filter(site)``):
    the lines whose text it would remove for the most part were seen on many
    pages of the site, a strong boilerplate feature for the line and its
    neighbours. ``clean(text, mode="page", model=m, group=site)`` passes it.
    """

    name = "page"

    def __init__(
        self,
        languages: tuple[str, ...] = LANGUAGES,
        matcher: Matcher | None = None,
        weights: PageWeights | None = None,
        learned: Callable[[Document], Iterable[Removal]] | None = None,
    ) -> None:
        self.languages = languages or LANGUAGES
        self.matcher = matcher or matcher_for(self.languages)
        self.weights = weights or shipped_weights()
        self.learned = learned

    def __repr__(self) -> str:
        return f"PageBlocks(languages={self.languages!r}, learned={self.learned!r})"

    def with_learned(self, learned: Callable[[Document], Iterable[Removal]] | None) -> PageBlocks:
        """The same filter, reading repeated lines from ``learned`` (a model's filter for one site)."""
        return PageBlocks(self.languages, self.matcher, self.weights, learned)

    def __call__(self, doc: Document) -> Iterator[Removal]:
        page = self.analyse(doc)
        keep = decide(page.probabilities, self.weights.threshold, page.heading_like, [f.words for f in page.feats])
        for i, line in enumerate(page.lines):
            if not keep[i]:
                category, reason = self._why(page, i, keep)
                yield Removal(line.start, line.end, self.name, category, reason, text=line.text)

    def analyse(self, doc: Document) -> PageAnalysis:
        """Features, scores and probabilities of every non-blank line of ``doc``."""
        lines = doc.content_lines
        words = [w.casefold() for line in lines for w in _WORD_RE.findall(line.text)]
        language = page_language(words, self.languages) if words else self.languages[0]
        stop = stopwords(language)
        feats = [LineFeatures.of(line.text, stop) for line in lines]
        scans = self.matcher.scan(doc)
        hits = [scans[line.index] for line in lines]
        flagged = [h is not None and h.whole is not None for h in hits]
        headings = [
            (h is not None and h.whole is not None and h.whole.rule.category == "comments") or is_comment_byline(line.text)
            for h, line in zip(hits, lines)
        ]
        repeated = repeated_lines(doc, self.learned)
        vecs = vectors(lines, feats, flagged, repeated, headings)
        scores = [dot(self.weights.lines, v) for v in vecs]
        context = context_vectors(scores, [f.words for f in feats])
        probabilities = [sigmoid(dot(self.weights.context, c)) for c in context]
        first_heading = next((i for i, v in enumerate(vecs) if v[NAMES.index("comment_heading_above")]), None)
        heading_like = [
            f.words <= MAX_HEADING_WORDS and not f.separators and not f.copyright and not (flagged[i] or repeated[i])
            for i, f in enumerate(feats)
        ]
        return PageAnalysis(lines, language, feats, vecs, scores, context, probabilities, first_heading, heading_like)

    def _why(self, page: PageAnalysis, i: int, keep: Sequence[bool]) -> tuple[str, str]:
        """Category and reason for removing line ``i``."""
        f = page.feats[i]
        p = page.probabilities[i]
        vec = page.vectors[i]
        if f.copyright:
            category = "footer"
        elif page.comment_heading is not None and i >= page.comment_heading:
            category = "comments"
        elif not any(keep[:i]):
            category = "navigation"
        elif not any(keep[i + 1 :]):
            category = "footer"
        else:
            category = "navigation"
        contributions = sorted(
            ((w * x, name) for w, x, name in zip(self.weights.lines, vec, NAMES) if name != "bias"),
        )[:2]
        cues = ", ".join(f"{name}={x:+.1f}" for x, name in contributions)
        return category, (
            f"page line judged boilerplate (content probability {p:.2f} < {self.weights.threshold:.2f};"
            f" line score {page.scores[i]:+.1f}, strongest against: {cues}; {f.words} words,"
            f" {f.stopword_density:.0%} {page.language} stopwords)"
        )
