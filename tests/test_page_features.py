"""Page mode's features computed for all lines at once equal those computed one line at a time.

The reference below is the per-line code the line model was trained with (``LineFeatures.of``
per line and a loop over the lines); the vectorised features must give the same floats,
bit for bit, or the trees may take another branch.
"""

from __future__ import annotations

import math

import numpy as np
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.config import LANGUAGES
from cleantext.document import Document
from cleantext.filters.matcher import matcher_for
from cleantext.analysis.marks import COPYRIGHT_RE, has_copyright_mark
from cleantext.filters.page_features import (
    MIN_PROSE_WORDS,
    NAMES,
    LineFeatures,
    LineShapes,
    is_comment_byline,
    page_inputs,
    page_language,
    stopwords,
    vectors,
)
from cleantext.linememo import clear


def _reference_vectors(feats, flagged, repeated, comment_headings) -> list[list[float]]:
    """The feature rows, one line at a time (the code the shipped trees were trained with)."""
    n = len(feats)
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
        heading_seen = heading_seen or (comment_headings[i] and 2 * prose_before >= prose_total > 0)
        prose_before += prose[i]
        lo, hi = max(0, i - 3), min(n, i + 4)
        p, q = max(0, i - 1), min(n - 1, i + 1)
        out.append([
            1.0, log_words[i], math.log1p(f.chars), f.stopword_density, float(f.ends_sentence),
            float(min(f.separators, 3)), float(f.bullet), float(f.quote), float(f.copyright),
            f.capitalised_share, f.digit_share, float(flagged[i]), float(repeated[i]), i / max(n - 1, 1),
            f.words / total, abs(i - longest) / max(n - 1, 1), float(i > longest), float(heading_seen),
            log_words[p] if i > 0 else 0.0, log_words[q] if i < n - 1 else 0.0,
            feats[p].stopword_density if i > 0 else 0.0, feats[q].stopword_density if i < n - 1 else 0.0,
            float(feats[p].ends_sentence) if i > 0 else 0.0, float(feats[q].ends_sentence) if i < n - 1 else 0.0,
            sum(log_words[lo:hi]) / (hi - lo), sum(noisy[lo:hi]) / (hi - lo),
        ])
    return out


LINES = [
    "Home | News | Sport | Contact", "» Weather", "- Business", "• Shop", "Sign in",
    "Storm hits the coast", "By Jane Doe, 12 May 2024", "2024", "12 34 56",
    ("The storm reached the coast on Monday night and it was the worst in a decade, officials said, as "
     "thousands of homes were left without power across the region."),
    "\u201cThis is not the budget any of us wanted,\u201d said council member Ana Ruiz.",
    "Der Sturm erreichte am Montag die K\u00fcste und war der schlimmste seit zehn Jahren.",
    "La temp\u00eate a atteint la c\u00f4te lundi soir, selon les autorit\u00e9s.",
    "Alex on September 17, 2018 at 6:34 am said:", "12 Comments", "Reply", "...", "\u2014", "   padded line   ",
    "\u00a9 2024 Example Media. All rights reserved.", "Copyright 2020 " + "word " * 70,
    "Related stories", "Privacy policy", "Terms of use",
    "\u0421\u0442\u0430\u0442\u044c\u044f \u043e \u043f\u043e\u0433\u043e\u0434\u0435 "
    "\u0438 \u043e \u0433\u043e\u0440\u043e\u0434\u0435.",
    "x" * 5000, " ".join(["word"] * 5000) + ".",
]


def _check(text: str, flagged_every: int = 0) -> None:
    doc = Document(text)
    lines = doc.content_lines
    clear()
    inputs = page_inputs(doc, matcher_for(LANGUAGES), LANGUAGES)
    found = [w.casefold() for line in lines for w in regex.findall(r"\w+", line.text)]
    language = page_language(found, LANGUAGES) if found else LANGUAGES[0]
    assert inputs.language == language
    feats = [LineFeatures.of(line.text, stopwords(language)) for line in lines]
    assert inputs.feats == feats
    assert inputs.columns.comment_byline.tolist() == [is_comment_byline(line.text) for line in lines]
    flagged = inputs.flagged if not flagged_every else [i % flagged_every == 0 for i in range(len(lines))]
    repeated = [i % 5 == 2 for i in range(len(lines))]
    headings = [is_comment_byline(line.text) or line.text == "12 Comments" for line in lines]
    got = vectors(inputs.columns, flagged, repeated, headings)
    want = np.asarray(_reference_vectors(feats, flagged, repeated, headings), dtype=np.float64).reshape(-1, len(NAMES))
    assert got.dtype == np.float64 and got.shape == want.shape
    assert np.array_equal(got, want), np.argwhere(got != want)[:5]
    scans = matcher_for(LANGUAGES).scan(doc)
    rule_headings = [(scans[line.index] is not None and scans[line.index].whole is not None
                      and scans[line.index].whole.rule.category == "comments") or is_comment_byline(line.text)
                     for line in lines]
    want = _reference_vectors(feats, inputs.flagged, inputs.repeated, rule_headings)
    assert np.array_equal(inputs.vectors, np.asarray(want, dtype=np.float64).reshape(-1, len(NAMES)))


def test_a_mixed_page_equals_the_per_line_reference() -> None:
    _check("\n".join(LINES))
    _check("\n".join(LINES), flagged_every=3)
    _check("\n".join(reversed(LINES)))


def test_a_page_with_repeated_lines_equals_the_per_line_reference() -> None:
    caption = "In this Sunday, Nov. 10, 2019, photograph, a man walks past a shop in Hong Kong."
    _check("\n".join([*LINES[:6], caption, "  " + caption, "• " + caption, *LINES[6:], "•", "•", caption, *LINES[:4]]))


def test_short_and_empty_pages() -> None:
    for text in ("", "\n\n", "One line.", "...\n--", "A\nB", "\u00a9"):
        _check(text)


def test_memo_warm_or_cold_gives_the_same_features() -> None:
    shapes = LineShapes(LANGUAGES)
    doc = Document("\n".join(LINES))
    cold = page_inputs(doc, matcher_for(LANGUAGES), LANGUAGES, None, shapes)
    warm = page_inputs(doc, matcher_for(LANGUAGES), LANGUAGES, None, shapes)
    assert np.array_equal(cold.vectors, warm.vectors) and cold.feats == warm.feats
    other = page_inputs(doc, matcher_for(("de",)), ("de",), None, shapes)  # another language set: its own memo
    assert other.language == "de"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES) | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
                max_size=30))
def test_any_page_equals_the_per_line_reference(lines: list[str]) -> None:
    _check("\n".join(lines))


NOTICES = [alternative.replace("\\(", "(").replace("\\)", ")").replace("\\s*\\d{4}", " 2024").replace("\\b", "")
           for alternative in COPYRIGHT_RE.pattern.split("|")]


def test_the_copyright_cues_cover_every_notice() -> None:
    assert len(NOTICES) == 13 and all(COPYRIGHT_RE.search(n) for n in NOTICES)
    for notice in NOTICES:
        variants = (notice, notice.upper(), notice.title(), notice.swapcase(), f"x{notice}y",
                    notice.replace("s", "\u017f"))  # a long s: case-folds to "s"
        for variant in variants:
            assert has_copyright_mark(variant) == bool(COPYRIGHT_RE.search(variant)), variant


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NOTICES) | st.text(max_size=8), max_size=6), st.sampled_from(
    [str, str.upper, str.title, str.swapcase]))
def test_the_copyright_test_equals_the_pattern(parts: list[str], case) -> None:
    text = case(" ".join(parts))
    assert has_copyright_mark(text) == bool(COPYRIGHT_RE.search(text))


#: Lines whose edges matter once the lines are joined: a copyright year or a separator on the next
#: line, NUL (what the joined patterns run over), a byline's colon, whitespace str.strip takes.
EDGES = ["(c)", "2024", "(c) 2024", "| x", "x |", "x - Y", "- Y", "Y", "\0", "a\0b", "\u00a9\0", "copyright",
         "Alex said:", "Alex said: \u2003", "Alex said:\x1c", "x \u00bb", "\u00bb y", "\u201cQuote.\u201d",
         "\u2022 item"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EDGES) | st.text(alphabet="ab Y(c)|-\u00bb:\0\t\u00a92 .\u201d\x1c", max_size=12),
                max_size=12))
def test_lines_meeting_at_their_edges_equal_the_per_line_reference(lines: list[str]) -> None:
    _check("\n".join(lines))


def test_no_word_character_is_whitespace() -> None:
    """The words of all lines at once are split at whitespace after every other character became a space."""
    word = regex.compile(r"\w")
    assert not [code for code in range(0x110000) if chr(code).isspace() and word.match(chr(code))]
