"""The speed work on normalize keeps its output identical.

* ``cut`` copies the lines no span touches in runs instead of walking every
  line: it must give what the line-by-line walk gave (kept here as
  ``_cut_reference``) for any text and any span list.
* ``repair`` sends a line with an ``&`` to ftfy only if ftfy's own entity
  pattern finds something there: the output must be what it was when every
  ``&`` sent the line (and what ``ftfy.fix_text`` gives line by line).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import ftfy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

normalize = importlib.import_module("cleantext.normalize")  # the package's normalize() function shadows the module
cut = normalize.cut


def _cut_reference(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``cut`` as it was before the fast path: every line walked in Python."""
    spans = list(spans)
    lines_out: list[str] = []
    pos = 0
    span_index = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        pieces: list[str] = []
        cursor = line_start
        touched = False
        first_at = None  # where the first piece left starts
        while span_index < len(spans) and spans[span_index][0] < line_end:
            start, end = spans[span_index]
            if end <= line_start:
                span_index += 1
                continue
            touched = True
            if start > cursor:
                first_at = cursor if first_at is None else first_at
                pieces.append(text[cursor:start])
            cursor = max(cursor, min(end, line_end))
            if end > line_end:
                break  # the span goes on into the next line
            span_index += 1
        if touched:
            if cursor < line_end:
                first_at = cursor if first_at is None else first_at
                pieces.append(text[cursor:line_end])
            if not pieces:
                continue
            kept = normalize._join(pieces, indented=first_at == line_start)
            if kept.strip():
                lines_out.append(kept)
            continue
        lines_out.append(line.rstrip())
    return normalize._layout(lines_out)


# Line breaks, blanks str.rstrip strips (no-break space, line/paragraph separators, \x0b, \x1c..\x1f,
# ideographic space), letters, and the punctuation _join glues without a space.
CUT_PIECES = ["\n", "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85", "\u3000",
              "a", "b", "Z", "word", "é", ".", ",", ";", "!", "?", ")", "(", "[", "]", "“", "”", "‘", "’", "«", "»", "„", "…", "-"]
texts = st.one_of(st.lists(st.sampled_from(CUT_PIECES), max_size=60).map("".join), st.text(max_size=80))


def positions(text: str, low: int) -> st.SearchStrategy[int]:
    """Offsets into ``text`` and a little past it, often a line's start, its end (its newline) or just after."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ends = [i for i, c in enumerate(text) if c == "\n"] + [len(text)]
    edges = sorted({*starts, *ends, *(end + 1 for end in ends)})
    return st.one_of(st.integers(low, len(text) + 3), st.sampled_from(edges))


@st.composite
def text_and_sorted_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text and sorted, non-overlapping spans (empty ones, touching ones, ones at or past the end)."""
    text = draw(texts)
    points = sorted(draw(st.lists(positions(text, low=0), max_size=16)))
    if text and draw(st.booleans()):  # spans that start at a newline or cover only one
        points += [i for i, c in enumerate(text) if c == "\n"][: draw(st.integers(0, 4))]
        points.sort()
    return text, list(zip(points[::2], points[1::2], strict=False))


@st.composite
def text_and_any_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text and spans as they come: unsorted, overlapping, reversed, negative, past the end."""
    text = draw(texts)
    position = positions(text, low=-3)
    return text, draw(st.lists(st.tuples(position, position), max_size=10))


@settings(max_examples=1500, deadline=None)
@given(text_and_sorted_spans())
def test_cut_is_the_line_walk_on_sorted_spans(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    assert cut(text, spans) == _cut_reference(text, spans)


@settings(max_examples=1000, deadline=None)
@given(text_and_any_spans())
def test_cut_is_the_line_walk_on_any_spans(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    assert cut(text, spans) == _cut_reference(text, spans)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", []),
        ("", [(0, 0)]),
        ("", [(0, 5)]),
        ("\n", [(0, 1)]),
        ("a\nb", [(1, 2)]),  # only the newline
        ("a\nb\n", [(1, 2), (3, 4)]),
        ("ab\ncd\nef", [(2, 4)]),  # starts at a newline, runs into the next line
        ("ab\ncd\nef", [(2, 6)]),
        ("ab\ncd\nef", [(1, 7)]),  # over several lines
        ("ab\ncd\nef", [(0, 8)]),
        ("ab\ncd\nef", [(0, 3)]),
        ("ab cd", [(2, 2)]),  # an empty span mid-line splits the line in two pieces
        ("ab(cd", [(3, 3)]),
        ("ab.cd", [(3, 3)]),
        ("ab cd", [(0, 0), (5, 5)]),  # empty spans at the line's edges
        ("ab\ncd", [(3, 3)]),
        ("ab\ncd", [(2, 2)]),
        ("ab\ncd", [(5, 5), (9, 12)]),  # at and past the end
        ("ab\ncd", [(4, 99)]),
        ("ab\ncd\n", [(6, 6)]),
        ("ab\ncd\n", [(5, 6)]),
        ("x \u00a0\u2028\nab \x0b\x1c\ncd", [(9, 10)]),  # trailing Unicode whitespace, untouched and touched lines
        ("x \u00a0\nab \u00a0cd\u00a0\nz\u3000", [(7, 8)]),
        ("Title\n\nAd\n\nBody text.\n", [(7, 9)]),
        ("date 2023-05-24 A sentence. Read more", [(0, 16), (28, 37)]),
        ("one\ntwo\nthree\nfour\nfive\nsix", [(4, 5), (5, 6), (6, 6), (14, 18), (30, 40)]),
        ("a\n\n\n\nb\n\n\nc", [(0, 1)]),  # blank runs around a removed line
        ("keep\nad\n\nkeep", [(5, 7)]),
    ],
)
def test_cut_edge_cases(text: str, spans: list[tuple[int, int]]) -> None:
    assert cut(text, spans) == _cut_reference(text, spans)
    assert cut(text, iter(spans)) == _cut_reference(text, spans)  # any iterable, read once


@pytest.mark.parametrize("far", [10**30, float("inf"), float("nan"), 7.5])
def test_cut_with_odd_offsets(far: float) -> None:
    """Offsets far past the end or not integers at all: the walk never sliced with them, nor does cut."""
    text = "ab\ncd\nef gh\n"
    for spans in ([(far, far)], [(1, 2), (far, far)], [(4, 4), (far, far + 1)], [(3, far)]):
        try:
            expected = _cut_reference(text, spans)
        except TypeError:
            with pytest.raises(TypeError):
                cut(text, spans)
        else:
            assert cut(text, spans) == expected


def test_cut_on_many_lines_with_few_spans() -> None:
    lines = [f"line {i} \u00a0" if i % 3 else f"({i}) menu" for i in range(3000)]
    text = "\n".join(lines) + "\n"
    spans, pos = [], 0
    for i, line in enumerate(lines):
        if i % 97 == 0:
            spans.append((pos, pos + len(line)))
        elif i % 101 == 0:
            spans.append((pos + 2, pos + 2))
        elif i % 89 == 0:
            spans.append((pos + 1, pos + len(line) + 8))
        pos += len(line) + 1
    assert cut(text, spans) == _cut_reference(text, spans)


# ---- repair: an "&" sends a line to ftfy only if ftfy's entity pattern matches there ----

#: "&" with and without entities, entities ftfy decodes to what repair strips or to markup,
#: mojibake, C1 controls, markup (ftfy's "auto" mode), escapes, line breaks.
REPAIR_PIECES = ["&", "& ", "Q&A", "AT&T", "R&D", "Fish & chips", "&amp;", "&amp", "&AMP;", "&#39;", "&#x27;", "&#X27;",
                 "&nbsp", "&nbsp;", "&NBSP;", "&eacute;", "&EACUTE;", "&Eacute", "&#128512;", "&#0;", "&#13;", "&#65279;",
                 "&#27;", "&#x1b;", "&#xD800;", "&#150;", "&#x85;", "&#x92;", "&lt;", "&gt;", "&#;", "&x;", "&amp;amp;",
                 "&#38;", "&#x26;", "amp;", "#39;", ";", "#", "â€™", "Ã©", "Ã ", "Â", "Ã", "\x85", "\x92", "\x9c", "<b>",
                 "<", ">", "</b>", "\n", "\n", " ", "a", "Z", "é", "’", "“", "\ufffd", "\x1b[31m", "\x1b", "\r", "\r\n",
                 "\u2028", "\x00", "\ufeff", "ðŸ˜€", "\ud800", "вЂ", "×²", "ÃƒÂ©", "\u00a0"]
repair_texts = st.one_of(
    st.lists(st.sampled_from(REPAIR_PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(REPAIR_PIECES[:40] + [" ", "\n", "a", ".", "<"]), max_size=30).map("".join),  # ASCII mostly
    st.text(alphabet=st.sampled_from("&#;amp1xAZ <>\n\x85\x92éÃâ€™"), max_size=40),
)


def _repair_every_ampersand(text: str, **kwargs: bool) -> str:
    """``repair`` as before the entity test: every line with an "&" goes to ftfy (memos emptied around it)."""
    saved = normalize._has_entity
    normalize._has_entity = lambda text: "&" in text
    for memo in normalize._MAY_CHANGE:
        memo.clear()
    try:
        return normalize.repair(text, **kwargs)  # type: ignore[no-any-return]
    finally:
        normalize._has_entity = saved
        for memo in normalize._MAY_CHANGE:
            memo.clear()


def test_the_entity_pattern_is_ftfys() -> None:
    from ftfy import fixes

    assert normalize._ENTITY_RE is fixes.HTML_ENTITY_RE, "ftfy changed how unescape_html works: every '&' goes to ftfy"
    assert normalize._has_entity("Fish &amp; chips") and normalize._has_entity("&#39;") and normalize._has_entity("&EACUTE;")
    assert not any(map(normalize._has_entity, ["Q&A", "AT&T", "R&D", "Fish & chips", "&nbsp", "&amp", "&#;", "plain"]))


@settings(max_examples=800, deadline=None)
@given(repair_texts)
@example("Q&A with AT&T\nFish &amp; chips\n<b>R&D</b> &#39;x&#39;\nThe Moscow Timesâ€™ Q&A")
@example("Ã© & Ã©")
@example("caf\u00c3\u00a9 & co\x85")
@example("&am\x00p; &amp\r; &#x1b;[31m &")
def test_repair_is_what_it_was_when_every_ampersand_went_to_ftfy(text: str) -> None:
    assert normalize.repair(text) == _repair_every_ampersand(text)


@settings(max_examples=200, deadline=None)
@given(repair_texts)
def test_repair_with_options_is_what_it_was(text: str) -> None:
    assert normalize.repair(text, uncurl_quotes=True) == _repair_every_ampersand(text, uncurl_quotes=True)
    assert normalize.repair(text, fix_unicode=False) == _repair_every_ampersand(text, fix_unicode=False)


@settings(max_examples=800, deadline=None)
@given(repair_texts)
def test_no_entity_means_ftfy_unescapes_nothing(text: str) -> None:
    """Where the entity test says no, unescape_html is the identity and ftfy fixes what it would without it."""
    from ftfy import fixes

    config = normalize._ftfy_config(False)
    if not normalize._has_entity(text):
        assert fixes.unescape_html(text) == text
        assert ftfy.fix_text(text, config) == ftfy.fix_text(text, config._replace(unescape_html=False))
    assert normalize.fix_text(text, config) == ftfy.fix_text(text, config)
    for line in text.splitlines(keepends=True):
        if not normalize._may_change_now(line, config):
            assert ftfy.fix_and_explain(line, config).text == line


@settings(max_examples=800, deadline=None)
@given(repair_texts)
def test_the_pre_tests_wave_through_only_ftfys_fixed_points(text: str) -> None:
    """No "&"-only trigger is left that the entity test should have replaced, and none too strict.

    On text as repair hands it to them (controls, escapes and surrogates gone first).
    """
    config = normalize._ftfy_config(False)
    text = normalize._strip_controls(text)
    if not normalize._may_need_ftfy(text):
        assert ftfy.fix_text(text, config) == text
    if text.isascii():
        # (not checked on non-ASCII text: needs_ftfy judges it whole, ftfy line by line, so
        # needs_ftfy("\nÃ ") is False though ftfy fixes the line "Ã " (BADNESS_RE's "^[ÃÂ][ ]").
        # repair never asks needs_ftfy: see test_a_text_longer_than_ftfys_segments_is_repaired.)
        assert normalize.needs_ftfy(text) == normalize._may_need_ftfy(text) == (
            ftfy.fix_text(text, config) != text or "\x1b" in text or normalize._has_entity(text)
        )


@settings(max_examples=600, deadline=None)
@given(repair_texts, st.integers(min_value=1, max_value=12), st.sampled_from(["auto", True, False]))
def test_fix_text_is_ftfys_when_lines_outgrow_its_segments(text: str, longest: int, unescape: object) -> None:
    """A line longer than ``max_decode_length`` is fixed in ftfy's pieces of it (each judged whole, "^"
    at each piece's start), "auto" unescaping turned off from the piece holding the first "<"."""
    config = normalize._ftfy_config(False)._replace(max_decode_length=longest, unescape_html=unescape)
    assert normalize.fix_text(text, config) == ftfy.fix_text(text, config)


def test_a_text_longer_than_ftfys_segments_is_repaired() -> None:
    """ftfy's mojibake "Ã " opening a line deep inside a text of more than ftfy's max_decode_length
    (1M characters) is repaired as in a short text; it was left as it was (the whole text was judged
    at once, where ftfy's "^" only sees its start)."""
    config = normalize._ftfy_config(False)
    body = "word " * (config.max_decode_length // 5 + 10)
    for text in (body + "\nÃ \nend", "Ã \n" + body, body + body + "Ã  la carte\n<b>&amp;</b>\n"):
        assert len(text) > config.max_decode_length
        assert normalize.repair(text) == ftfy.fix_text(text, config) != text
    assert normalize.repair("Ã \nend") == "à \nend"


def test_repair_sends_fewer_lines_to_ftfy() -> None:
    calls = []
    real = ftfy.fix_and_explain

    def counting(text, config=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, config, **kwargs)

    text = "Q&A\nAT&T and R&D\nFish & chips\nFish &amp; chips\ncafé & bar\n"
    ftfy.fix_and_explain = counting
    try:
        for memo in normalize._MAY_CHANGE:
            memo.clear()
        assert normalize.repair(text) == "Q&A\nAT&T and R&D\nFish & chips\nFish & chips\ncafé & bar\n"
        assert normalize.repair("Q&A and AT&T") == "Q&A and AT&T"
    finally:
        ftfy.fix_and_explain = real
    assert calls == ["Fish &amp; chips\n"]


# ---- _looks_bad: ftfy's is_bad, searched only around the characters mojibake needs ----

BAD_PIECES = ["Ã", "Â", " ", "\n", "a", "Z", "x", ".", "’", "“", "”", "é", "ï", "»", "«", "€", "£", "°", "µ", "×", "²", "©",
              "\x85", "\x92", "\u00a0", "вЂ", "В", "Г", "Р", "С", "Β", "Γ", "Ξ", "Ο", "Œ", "œ", "ðŸ˜€", "â€™", "Ã©",
              "Ã ", "Â ", "ÃƒÂ©", "×²", "\ufffd", "ˆ", "˜", "™", "‰", "‹", "›", "ƒ", "¦", "§", "¨", "1", "2"]
bad_texts = st.one_of(
    st.lists(st.sampled_from(BAD_PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(BAD_PIECES + ["plain words here "] * 3), max_size=60).map("".join),  # spread apart
    st.text(max_size=120),
)


def test_the_badness_width_is_read_from_ftfy() -> None:
    assert normalize._BAD_WIDTH is not None, "ftfy's BADNESS_RE changed shape: _looks_bad scans whole lines again"
    assert 2 <= normalize._BAD_WIDTH <= 64


@settings(max_examples=1500, deadline=None)
@given(bad_texts)
@example("\nÃ ")  # "^[ÃÂ][ ]": only at the text's start
@example("Ã ")
@example("plain words here " * 3 + "Ã ")
@example("â" + "plain words here " + "€™")
def test_looks_bad_is_is_bad_on_any_text(text: str) -> None:
    from ftfy.badness import is_bad

    assert normalize._looks_bad(text) == is_bad(text)


def test_a_cut_at_a_lines_start_leaves_no_leading_space():
    """A sentence cut from the start of a line left the space after it (" Teachers announced ..."); a line's
    own indent stays when its start is kept."""
    text = "First sentence here. Teachers announced a strike.\n    code(x)  # Read more"
    assert cut(text, [(0, 20)]) == "Teachers announced a strike.\n    code(x)  # Read more"
    assert _cut_reference(text, [(0, 20)]) == cut(text, [(0, 20)])
    end = len(text)
    assert cut(text, [(end - 10, end)]).endswith("\n    code(x)  #")
