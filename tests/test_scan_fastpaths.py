"""Fast paths of the rule scan and of the pipeline give exactly what their definitions give.

* ``Matcher._maybe`` scans only the lines the memo has not seen, and lines too long for any
  whole-line or phrase rule only for the inline rules' literals: the scan still equals judging
  every line alone (cold memo, warm memo, half-warm memo), long lines with inline markers included.
* ``coerce`` returns a filter's Removal as it is when it already is what it would build (the built-in
  rule and learned filters give their removals with their text): same fields as building it.
"""

from __future__ import annotations

import random
from dataclasses import astuple

import pytest

import cleantext
from cleantext import linememo
from cleantext.config import LANGUAGES
from cleantext.document import Document
from cleantext.filters.matcher import MAX_LINE_CHARS, MAX_PHRASE_LINE_CHARS, gate_text, _lines_of, matcher_for
from cleantext.pipeline import Pipeline
from cleantext.removal import Removal, coerce
from tests.test_analysis import _documents, _per_line, _rule_lines, _seed_lines

LONG = "The council voted on Tuesday to close the old bridge to cars for the whole summer, the mayor said. " * 4
#: Long lines (too long for whole-line and phrase rules) with inline markers, whole-line literals and
#: markers whose cut leaves a line short enough for a whole-line rule.
LONG_LINES = [
    LONG + "Read more",
    "Date 2023-05-24 " + LONG,
    LONG[:150] + " (Advertisement) " + LONG[:150],
    LONG + "Sign up for our newsletter",
    "Sign up for our newsletter " + LONG,
    "Home " + LONG,
    "\u00bb " + LONG + " \u203a",
    "Subscribe to our newsletter (Advertisement)" + " (Advertisement)" * 30,
    "Weitere\u00a0Artikel\tzum  Thema" + " " * 300,
    "Read more:  " + "  ".join(["word"] * 120),
    "x" * (MAX_PHRASE_LINE_CHARS + 1),
    "Advertisement" + " " * (MAX_LINE_CHARS + 100),
    LONG + "\u00a9 2024 The Daily Example. All rights reserved.",
]


def test_lines_of_cuts_the_gate_text_of_some_lines():
    doc = Document("Ab\n\ncD e\nF\u0130")
    gate = gate_text(doc)[0]
    for picked in ([0], [2], [0, 2, 3], [1, 3], [0, 1, 2, 3]):
        text, starts = _lines_of(gate, [doc.lines[i] for i in picked])
        assert text == "\n" + "\n".join(gate[doc.lines[i].start + 1 : doc.lines[i].end + 1] for i in picked)
        assert [text[s:].split("\n")[0] for s in starts] == text[1:].split("\n")
    assert all(len(line) > MAX_PHRASE_LINE_CHARS for line in LONG_LINES[:1])


def _check(matcher, text: str) -> None:
    doc = Document(text)
    linememo.clear()
    expected = _per_line(matcher, doc)
    linememo.clear()
    assert matcher._scan_doc(doc) == expected  # cold
    assert matcher._scan_doc(Document(text)) == expected  # warm
    # half warm: the memo knows every other line (scanned alone) before the document comes
    linememo.clear()
    for line in doc.lines[::2]:
        if not line.blank:
            matcher._scan_at(line)
    assert matcher._scan_doc(Document(text)) == expected


def test_scan_with_long_lines_equals_judging_every_line():
    matcher = matcher_for(LANGUAGES)
    lines = _seed_lines() + _rule_lines(matcher)
    rng = random.Random(9)
    for text in _documents(lines, seed=21)[:12]:
        mixed = text.split("\n") + LONG_LINES
        rng.shuffle(mixed)
        _check(matcher, "\n".join(mixed))
    _check(matcher, "\n".join(LONG_LINES))
    _check(matcher, "\n".join(LONG_LINES + ["two  spaces", "Read more"]))  # a document with odd whitespace
    assert any(matcher.scan(Document("\n".join(LONG_LINES))))


def _fields(removal: Removal) -> tuple:
    return astuple(removal)


@pytest.mark.parametrize("with_model", [False, True])
def test_builtin_removals_are_what_coerce_makes_of_them(with_model: bool):
    """Every removal of the lines and learned filters already is its coerce() (the pipeline keeps it)."""
    from tests.test_learn_filter import MODEL, _pages

    pipeline = cleantext.default_pipeline(model=MODEL, group="mt") if with_model else cleantext.default_pipeline()
    texts = [*_pages(), *_documents(_seed_lines(), seed=4)[:10], "\n".join(LONG_LINES)]
    checked = 0
    for text in texts:
        doc = Document(cleantext.normalize(text))
        for flt in pipeline.filters:
            if getattr(flt, "name", None) not in ("lines", "learned"):
                continue
            for removal in flt(doc):
                assert removal.text
                assert _fields(coerce(removal, filter_name=flt.name, text=doc.text)) == _fields(removal)
                checked += 1
    assert checked > 20


class _Yields:
    """A filter that yields given items (Removals of every kind the fast path must tell apart)."""

    name = "mine"

    def __init__(self, items):
        self.items = items

    def __call__(self, doc):
        return list(self.items)


class _Sub(Removal):
    pass


def _built(item, filter_name: str, text: str) -> Removal:
    """What coerce() builds, written plainly: the span's text, a "custom" filter named."""
    if not isinstance(item, Removal):
        start, end, category, reason = item
        item = Removal(start, end, filter_name, category, reason)
    start = max(0, min(item.start, len(text)))
    end = max(start, min(item.end, len(text)))
    name = filter_name if item.filter == "custom" else item.filter
    return Removal(start, end, name, item.category, item.reason, item.confidence, text[start:end], item.capped)


def test_coerce_keeps_only_removals_it_would_not_change():
    text = "Alpha beta.\nAdvertisement\nGamma delta."
    complete = Removal(12, 25, "lines", "ads", "r", "high", "Advertisement")
    items = [
        complete,  # kept as it is
        Removal(0, 5, "mine", "ads", "r", "high", "WRONG"),  # text not the span's
        Removal(26, 31, "custom", "ads", "r", "high", "Gamma"),  # "custom": named after the filter
        Removal(32, 38, "x", "ads", "r", "low", "delta."),  # what a past-the-end span was clamped to
        Removal(6, 10, "x", "ads", "r", "low", ""),  # no text
        _Sub(6, 10, "x", "ads", "r", "low", "beta"),  # a subclass: coerce makes a Removal
        (0, 5, "ads", "tuple"),
    ]
    got = [coerce(item, filter_name="mine", text=text) for item in items]
    assert [_fields(r) for r in got] == [_fields(_built(item, "mine", text)) for item in items]
    assert all(type(r) is Removal for r in got)
    assert got[0] is complete
    assert Pipeline([_Yields(items)]).explain(text)  # the pipeline takes them all through coerce


def test_crumb_gate_literals_is_what_the_comments_gate_reads():
    matcher = matcher_for(("en",))
    literals = matcher.crumb_gate_literals("comments")
    assert literals and all(isinstance(literal, str) and literal for literal in literals)
    assert matcher.crumb_gate_literals("no such category") == frozenset()
    # every English crumb line the matcher accepts holds one of the literals in the gate text
    accepted = 0
    for text in ("Reply", "Report", "Like", "Reply ↓", "Report comment"):
        doc = Document(text)
        if matcher.is_crumb("comments", doc.lines[0]):
            accepted += 1
            assert any(literal in gate_text(doc)[0] for literal in literals), text
    assert accepted


#: Lines the whole-line rules without a literal or prefix of two characters or more match (the
#: share-button row, "© …", "ad", dotted German dates), with decoration, case and near misses.
UNGATED_LINES = [
    "Facebook | Twitter | Email", "X / Facebook", "» Facebook · WhatsApp", "PRINT", "vk",
    "© 2024 The Daily Example", "© Getty Images", "\u00a0\u00a9 Example Media", "Ad", "AD", "  ad", "• Ad", "Adam", "Ads",
    "24.05.2023, 10:15 Uhr", "1. 2. 2024", "3.4.24", "24.05.2023 Bericht", "Version 1.2.3",
    "x", "Home", "News", "Sport und Spiel", "The mayor said so.", "Email us: desk@example.com",
]


def test_lines_of_the_ungated_rules_equal_judging_every_line():
    """Matcher._maybe tries the ungated whole-line rules only on lines their one-character gate leaves
    open (ungated_gate); the scan is still what judging every line gives, and the gate closes lines."""
    matcher = matcher_for(LANGUAGES)
    assert not matcher.ungated_gate.leftover  # each such rule has a one-character prefix or literal
    rng = random.Random(5)
    for seed in range(6):
        lines = UNGATED_LINES + _seed_lines()[:40]
        rng.shuffle(lines)
        _check(matcher, "\n".join(lines))
    _check(matcher, "\n".join(UNGATED_LINES + ["two  spaces"]))  # a document with odd whitespace
    doc = Document("\n".join(UNGATED_LINES))
    hit = {doc.lines[i].text for i, scan in enumerate(matcher.scan(doc)) if scan is not None and scan.whole}
    assert {"Facebook | Twitter | Email", "© Getty Images", "Ad", "24.05.2023, 10:15 Uhr"} <= hit
    assert not {"Adam", "The mayor said so.", "Sport und Spiel"} & hit
    gate_lines = matcher.ungated_gate.gate.lines_with(*_lines_of(gate_text(doc)[0], doc.lines))
    assert UNGATED_LINES.index("Home") not in gate_lines and UNGATED_LINES.index("Ad") in gate_lines



@pytest.mark.parametrize("span, error", [
    ((-4, 38), ValueError), ((-5, 10), ValueError), ((5, 10**9), ValueError), ((10, 5), ValueError),
    ((1.7, 5.9), TypeError), (("1", "5"), TypeError), ((None, 5), TypeError), ((float("nan"), 5), TypeError),
])
def test_a_user_filter_span_out_of_its_text_is_an_error_naming_the_filter(span, error):
    """coerce() clamped such spans: (-4, len(text)), Python's "the last 4 characters", removed the whole text."""
    text = "Alpha beta.\nAdvertisement\nGamma delta."
    with pytest.raises(error, match="filter 'mine'"):
        coerce(span, filter_name="mine", text=text)
    with pytest.raises(error, match="filter 'mine'"):
        Pipeline([_named("mine", [span])]).clean(text)
    assert coerce((0, len(text)), filter_name="mine", text=text).text == text  # the whole text is a span
    import numpy as np
    assert coerce((np.int64(0), np.int32(5)), filter_name="mine", text=text).text == "Alpha"
    with pytest.raises(ValueError, match="confidence 'HIGH'"):
        coerce(Removal(0, 5, "x", "ads", "r", "HIGH"), filter_name="mine", text=text)  # type: ignore[arg-type]


def _named(name, items):
    def flt(doc):
        return list(items)
    flt.__name__ = name
    return flt
