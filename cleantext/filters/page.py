"""Whole-page text (WET) mode: classify every line of a page as content or boilerplate.

Whole-page text keeps menus, footers, link lists and comment threads, but no
DOM to judge them by. Like boilerpipe (a shallow classifier over block
features) and jusText (lines judged with their neighbours), each line gets a
probability of being content from its own shallow features and those of the
lines around it (:mod:`cleantext.filters.page_features`): three lines each
side, and runs of ten, because content comes in runs.

The classifier is a small set of gradient-boosted trees
(``cleantext/page_data/line_model.npz``), trained with lightgbm on five
benchmark datasets of many page types and chosen over a logistic score by
leave-one-dataset-out (``python -m benchmarks.page_train``; see
docs/page-mode.md), and evaluated here with numpy
(:mod:`cleantext.filters.page_trees`). Lines a per-site model saw on many pages
of the site (``repeated``) are one of its features.

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

import copy
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..config import LANGUAGES
from ..document import Document, Line
from ..removal import Removal
from .matcher import Matcher, matcher_for
from .page_features import (
    COPY_REACH,
    MAX_HEADING_WORDS,
    LineFeatures,
    LineShapes,
    PageInputs,
    copy_key,
    model_matrix,
    page_inputs,
    stack_matrix,
)
from .page_trees import Trees

__all__ = [
    "MAX_HEADING_WORDS", "MIN_COPY_WORDS", "PageAnalysis", "PageBlocks", "decide", "introduces", "later_copies",
    "markup_lines", "page_threshold", "shipped_model", "shipped_stage2",
]

#: Heading-like lines kept just above the first kept paragraph (title, byline).
TITLE_LINES = 2
#: ... if they have at least this many words (a menu entry rarely has).
MIN_TITLE_WORDS = 3
#: A kept line ending in a colon keeps at most this many lines after it (:func:`decide`) ...
MAX_ANNOUNCED_LINES = 40
#: ... of at most this many words each.
MAX_ANNOUNCED_WORDS = 40
#: Used when the model file carries no threshold.
DEFAULT_THRESHOLD = 0.5
#: A line of at least this many words that repeats one of the ``COPY_REACH`` lines above it is removed when
#: its text stays above (:func:`later_copies`: a gallery's caption written once per slide).
MIN_COPY_WORDS = 5
#: A line is leaked markup (:func:`markup_lines`) when tags and script calls are at least this share of its
#: characters ...
MIN_MARKUP_SHARE = 0.5
#: ... and at most this many words (and ``MAX_MARKUP_TEXT_CHARS`` word characters: a Chinese title is one
#: ``\w+`` run) are left outside them.
MAX_MARKUP_TEXT_WORDS = 3
MAX_MARKUP_TEXT_CHARS = 30
_TAG_RE = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|\bdocument\.\w+(?:\.\w+)*\s*\([^()]*\)|\bwindow\.\w+"
    r"|\bfunction\s*\([^()]*\)\s*\{")
_LINKED_RE = re.compile(r"\b(?:href|src|action)\s*=\s*[\"']?(?:https?:)?//|\bdocument\.(?:write|getElementById)\s*\(",
                        re.IGNORECASE)
#: An element that shows or runs something (an image, a frame, a player, a script), not a text link.
_SHOWN_RE = re.compile(r"<(?:img|iframe|embed|object|script|video|audio)\b|\bdocument\.write\s*\(", re.IGNORECASE)
#: A line of one bare tag (``<div class="x">``, ``</div>``): the line next to it is part of a code sample.
_BARE_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")  # fullmatch of a stripped line
_WORD_RE = re.compile(r"\w+")
#: A line ending in one of these introduces what follows it (a list, a code sample).
_COLONS = (":", "\uff1a")


def introduces(text: str) -> bool:
    """Whether a line ends in a colon (trailing spaces aside): it introduces what follows it.

    >>> introduces("The 2020 tour dates: "), introduces("\u4ee5\u4e0b\uff1a"), introduces("Dates: June 9")
    (True, True, False)
    """
    return text.rstrip().endswith(_COLONS)


def markup_lines(texts: Sequence[str]) -> list[bool]:
    """Per line: whether it is HTML or script source left in the text, not text a reader sees: an element
    that shows or runs something (an image, a frame, a player, a script, ``document.write``) with a link
    (``href``/``src`` to a URL), markup for at least ``MIN_MARKUP_SHARE`` of its characters, and at most
    ``MAX_MARKUP_TEXT_WORDS`` words outside the markup.

    An ad slot's or an embed's fallback code printed as text (``<a href="http://ad.doubleclick.net/jump/...">
    <img src=...></a>``, ``Embed <iframe src=...>``), a blog badge's code, a tracking pixel: its URL
    parameters are many words, the line model reads them as a long line and may keep it. :func:`decide`
    removes such a line. Code that a page shows is kept: a line introduced by a colon (its own text, or
    the line above it: "paste this into your page:"), a line next to a bare tag line (a code block), a
    sentence that shows a tag (more words outside it), a text link (``<a href>`` with no image), and link
    text of more than 30 word characters (a Chinese title is one ``\\w+`` run).

    >>> markup_lines(['<a href="http://ad.example.net/jump/site/news;sz=300x250"><img src="http://ad.example.net/ad/'
    ...     'site/news;sz=300x250" border="0"></a>', 'Escaping renders <script>alert("bad")</script> as text.',
    ...     '<div class="box"> <div>One</div> </div>', 'Add the bundle:',
    ...     '<script src="https://cdn.example.com/bundle.min.js"></script>'])
    [True, False, False, False, False]
    """
    # a substring test first (the patterns have no literal start; JavaScript writes document.write in lower case)
    shown = [i for i, text in enumerate(texts)
             if ("<" in text or "document." in text) and _SHOWN_RE.search(text) and _LINKED_RE.search(text)]
    out = [False] * len(texts)
    if not shown:
        return out
    filled = [i for i, text in enumerate(texts) if text.strip()]
    where = {line: k for k, line in enumerate(filled)}
    for i in shown:
        stripped = texts[i].strip()
        markup = sum(len(m.group()) for m in _TAG_RE.finditer(stripped))
        visible = _TAG_RE.sub(" ", stripped).strip()
        if (markup < MIN_MARKUP_SHARE * len(stripped) or len(_WORD_RE.findall(visible)) > MAX_MARKUP_TEXT_WORDS
                or sum(map(len, _WORD_RE.findall(visible))) > MAX_MARKUP_TEXT_CHARS or introduces(visible)):
            continue
        k = where[i]
        above = texts[filled[k - 1]].strip() if k > 0 else ""
        below = texts[filled[k + 1]].strip() if k + 1 < len(filled) else ""
        if introduces(above) or any(
                _BARE_TAG_RE.fullmatch(near) and not _LINKED_RE.search(near) for near in (above, below) if near):
            continue  # code the page shows
        out[i] = True
    return out


def later_copies(texts: Sequence[str], words: Sequence[int]) -> list[int]:
    """Per line: the nearest of the ``COPY_REACH`` lines above it with the same text (:func:`copy_key`), for
    a line of ``MIN_COPY_WORDS`` words or more; -1 for every other line.

    ``texts``: a page's non-blank lines; ``words``: their word counts. Resiliparse writes a gallery's caption
    once per slide, line after line, and a caption is kept or removed by the line model like the article's
    text (long, a sentence): the later copies only add words. :func:`decide` removes such a copy when the
    line it repeats stays (or is itself a copy of one that stays), so the text is never lost. A repeated
    line of fewer words (a table cell, "Read more") is left to the line model, and so is a copy further
    down the page (a chorus after a verse, a question asked again).

    >>> caption = "Scientists use Hawaii telescope to map the sky"
    >>> later_copies([caption, caption, "Text of the article.", "• " + caption, "Yes", "Yes"], [8, 8, 4, 8, 1, 1])
    [-1, 0, -1, 1, -1, -1]
    """
    # Only a line of MIN_COPY_WORDS words or more needs its key: copy_key takes no word away, so a shorter
    # line's text is never equal to it.
    keys = [copy_key(text) if n >= MIN_COPY_WORDS else None for text, n in zip(texts, words)]
    out = [-1] * len(keys)
    for i, key in enumerate(keys):
        if key:
            for j in range(i - 1, max(i - 1 - COPY_REACH, -1), -1):
                if keys[j] == key:
                    out[i] = j
                    break
    return out


@lru_cache(maxsize=1)
def shipped_model() -> Trees:
    """The line model shipped in ``cleantext/page_data/line_model.npz``."""
    return Trees.load((resources.files("cleantext") / "page_data" / "line_model.npz").read_bytes())


@lru_cache(maxsize=1)
def shipped_stage2() -> Trees | None:
    """The line model's second stage shipped in ``cleantext/page_data/stack_model.npz`` (None without the file):
    trees over each line's first-stage probability and its neighbours' (:func:`stack_matrix`)."""
    path = resources.files("cleantext") / "page_data" / "stack_model.npz"
    return Trees.load(path.read_bytes()) if path.is_file() else None


def page_threshold(probabilities: Sequence[float], threshold: float, relative: float = 0.0) -> float:
    """The threshold for one page: ``threshold``, lowered to ``relative`` times the page's highest probability.

    On a page type the model knows, its article lines are near 1 and the threshold stays; on one it
    does not (a product or forum page), every line is less certain and the page's best lines still
    stand out against its menus: the threshold follows them down. ``relative`` 0 turns it off.

    >>> page_threshold([0.1, 0.9], 0.3, 0.3), page_threshold([0.05, 0.4], 0.3, 0.3), page_threshold([0.4], 0.3)
    (0.27, 0.12, 0.3)
    """
    if relative <= 0.0 or len(probabilities) == 0:
        return threshold
    return min(threshold, round(relative * float(max(probabilities)), 12))


def decide(
    probabilities: Sequence[float], threshold: float, heading_like: Sequence[bool], words: Sequence[int],
    relative: float = 0.0, copies: Sequence[int] | None = None, markup: Sequence[bool] | None = None,
    announces: Sequence[bool] | None = None, marked: Sequence[bool] | None = None,
) -> list[bool]:
    """Which lines to keep: probable content, plus headings between two kept lines and the title, plus
    what a kept line ending in a colon announces, less the later copies (``copies``: :func:`later_copies`)
    of a line that stays, and less the lines of leaked markup (``markup``: :func:`markup_lines`).

    A line is probable content when its probability is at least :func:`page_threshold`.

    A short line between two kept lines (an in-article heading, a one-line
    quote) stays unless a rule, the site model or a separator marks it; so do
    up to ``TITLE_LINES`` such lines of ``MIN_TITLE_WORDS`` or more words just
    above the first kept paragraph (the title and byline).

    A kept line that ends in a colon (``announces``: "The 2020 tour dates:", "Here are the offers:")
    introduces what follows it: the list after it stays with it, line by line, up to
    ``MAX_ANNOUNCED_LINES`` lines of at most ``MAX_ANNOUNCED_WORDS`` words (the model may keep some of
    them), stopping at a longer line, at the next line ending in a colon (the next section's heading:
    "Reader comments:"; if the model keeps it, it announces its own list), or at one a rule or the site
    model marks (``marked``: "Share this:" over its buttons stops at the first button). The line model
    takes such lists (dates, places, products, short answers) after an article's last paragraph for its
    footer.

    >>> decide([0.1, 0.1, 0.9, 0.1, 0.8, 0.1], 0.5, [True, True, False, True, False, True], [4] * 6)
    [True, True, True, True, True, False]
    """
    threshold = page_threshold(probabilities, threshold, relative)
    keep: list[bool] = (np.asarray(probabilities, dtype=np.float64) >= threshold).tolist()
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
    if announces is not None:
        # A kept line ending in a colon announces what follows it (a list of tour dates, offers, answers):
        # the short lines after it stay, kept by the model or not, up to a longer line, a line a rule or the
        # site model marks, the next line ending in a colon (the next section's heading), or the limit.
        for i in range(len(out)):
            if out[i] and announces[i]:
                for j in range(i + 1, min(len(out), i + 1 + MAX_ANNOUNCED_LINES)):
                    if words[j] > MAX_ANNOUNCED_WORDS or announces[j] or (marked is not None and marked[j]):
                        break
                    out[j] = True
    if copies is not None:
        shown = list(out)  # the line's text is in the output: the line stays, or it is a copy of one shown
        for i, j in enumerate(copies):
            if j >= 0 and shown[j]:
                out[i] = False
                shown[i] = True
    if markup is not None:
        out = [k and not m for k, m in zip(out, markup)]
    return out


@dataclass(frozen=True)
class PageAnalysis:
    """Everything the filter computed about one page (for explanations and training)."""

    inputs: PageInputs
    probabilities: np.ndarray
    keep: list[bool]
    threshold: float = DEFAULT_THRESHOLD  #: this page's threshold (:func:`page_threshold`)
    copies: list[int] | None = None  #: each line's nearest copy just above it (:func:`later_copies`), or -1
    markup: list[bool] | None = None  #: whether each line is leaked markup (:func:`markup_lines`)

    @property
    def lines(self) -> list[Line]:
        return self.inputs.lines

    @property
    def language(self) -> str:
        return self.inputs.language

    @property
    def feats(self) -> list[LineFeatures]:
        return self.inputs.feats

    @property
    def vectors(self) -> np.ndarray:
        return self.inputs.vectors


@dataclass(frozen=True)
class _Facts:
    """What a removal's reason reads of each line of a page, as Python lists (read one line at a time)."""

    probability: list[float]
    words: list[int]
    stopword_density: list[float]
    copyright: list[bool]
    comment_byline: list[bool]

    @classmethod
    def of(cls, page: PageAnalysis) -> _Facts:
        columns = page.inputs.columns
        return cls(page.probabilities.tolist(), columns.words.tolist(), columns.stopword_density.tolist(),
                   columns.copyright.tolist(), columns.comment_byline.tolist())


class PageBlocks:
    """Labels every line of a whole page; removes navigation, footers, link lists and comments.

    ``learned`` (optional) is a per-site model's filter (``model.filter(site)``):
    the lines whose text it would remove for the most part were seen on many
    pages of the site, a strong boilerplate feature for the line and its
    neighbours. ``clean(text, mode="page", model=m, group=site)`` passes it.
    ``model``: the line model (default: the shipped one).
    """

    name = "page"

    def __init__(
        self,
        languages: tuple[str, ...] = LANGUAGES,
        matcher: Matcher | None = None,
        model: Trees | None = None,
        learned: Callable[[Document], Iterable[Removal]] | None = None,
        stage2: Trees | None = None,
    ) -> None:
        self.languages = languages or LANGUAGES
        self.matcher = matcher or matcher_for(self.languages)
        #: The second stage: the shipped one with the shipped model, none with another model unless given.
        self.stage2 = stage2 if stage2 is not None or model is not None else shipped_stage2()
        self.model = model or shipped_model()
        self.learned = learned
        meta = {**self.model.meta, **(self.stage2.meta if self.stage2 is not None else {})}
        self.threshold = float(meta.get("threshold", DEFAULT_THRESHOLD))
        #: The threshold follows the page's best line down to this share of its probability (:func:`page_threshold`).
        self.relative = float(self.model.meta.get("relative", 0.0))
        #: Removals of lines below this content probability are "high" confidence (see docs/page-mode.md).
        self.high_below = float(meta.get("high_below", 0.0))
        #: A line's probability: this share of the second stage's, the rest the first stage's.
        self.blend = float(meta.get("blend", 1.0)) if self.stage2 is not None else 0.0
        #: What each line's text alone says, remembered across pages (shared with :meth:`with_learned`'s copies).
        self.shapes = LineShapes(self.languages)

    def __repr__(self) -> str:
        return f"PageBlocks(languages={self.languages!r}, learned={self.learned!r})"

    def with_learned(self, learned: Callable[[Document], Iterable[Removal]] | None) -> PageBlocks:
        """The same filter, reading repeated lines from ``learned`` (a model's filter for one site)."""
        other = copy.copy(self)
        other.learned = learned
        return other

    def __call__(self, doc: Document) -> Iterator[Removal]:
        page = self.analyse(doc)
        keep = page.keep
        kept = [i for i, k in enumerate(keep) if k]
        first, last = (kept[0], kept[-1]) if kept else (len(keep), -1)
        facts = _Facts.of(page)
        for i, line in enumerate(page.lines):
            if not keep[i]:
                category, reason = self._why(page, facts, i, first, last)
                confidence = "high" if facts.probability[i] < self.high_below else "low"
                yield Removal(line.start, line.end, self.name, category, reason, confidence, text=line.text)

    def analyse(self, doc: Document) -> PageAnalysis:
        """Features, content probabilities and decisions for every non-blank line of ``doc``."""
        learned = list(self.learned(doc)) if self.learned is not None else None
        inputs = page_inputs(doc, self.matcher, self.languages, learned, self.shapes)
        if not inputs.lines:
            return PageAnalysis(inputs, np.zeros(0), [])
        probabilities = self.model.probability(model_matrix(inputs.vectors))
        words = inputs.columns.words.tolist()
        if self.stage2 is not None:
            second = self.stage2.probability(stack_matrix(probabilities, inputs.vectors, inputs.columns.words))
            probabilities = (1.0 - self.blend) * probabilities + self.blend * second
        threshold = page_threshold(probabilities, self.threshold, self.relative)
        texts = [line.text for line in inputs.lines]
        copies = later_copies(texts, words)
        markup = markup_lines(texts)
        announces = [text.rstrip().endswith(_COLONS) for text in texts]  # introduces(), inlined: every line
        marked = [f or r for f, r in zip(inputs.flagged, inputs.repeated)]
        keep = decide(probabilities, threshold, inputs.heading_like, words, copies=copies, markup=markup,
                      announces=announces, marked=marked)
        return PageAnalysis(inputs, probabilities, keep, threshold, copies, markup)

    def _why(self, page: PageAnalysis, facts: _Facts, i: int, first: int, last: int) -> tuple[str, str]:
        """Category and reason for removing line ``i`` (``first``, ``last``: the first and last kept lines)."""
        heading = page.inputs.comment_heading
        if facts.copyright[i]:
            category = "footer"
        elif (heading is not None and i >= heading) or facts.comment_byline[i]:
            category = "comments"
        elif i < first:
            category = "navigation"
        elif i > last:
            category = "footer"
        else:
            category = "navigation"
        if page.copies is not None and page.copies[i] >= 0 and facts.probability[i] >= page.threshold:
            return category, (
                f"page line repeats the line {i - page.copies[i]} line(s) above it, whose text stays (a caption"
                f" written once per slide; content probability"
                f" {facts.probability[i]:.2f}, {facts.words[i]} words)"
            )
        if page.markup is not None and page.markup[i]:
            return category, (
                f"page line is HTML or script source with a link, not text (an ad's or an embed's code; content"
                f" probability {facts.probability[i]:.2f}, {facts.words[i]} words)"
            )
        cues = []
        if page.inputs.flagged[i]:
            cues.append("a rule matches it")
        if page.inputs.repeated[i]:
            cues.append("the site model saw it on many pages")
        if heading is not None and i >= heading:
            cues.append("below a comment heading")
        return category, (
            f"page line judged boilerplate (content probability {facts.probability[i]:.2f} < {page.threshold:.2f}"
            f" by the line model; {facts.words[i]} words, {facts.stopword_density[i]:.0%} {page.language} stopwords"
            + (f"; {', '.join(cues)}" if cues else "") + ")"
        )
