"""The comments filter's fast paths give what their definitions do.

* :meth:`Comments.markers` asks :meth:`Comments.marker` only of the lines the document-wide gates leave
  (entry crumbs, a literal of a forum or byline rule, a time, a date or a last digit): the other lines
  are no furniture, so it is ``_marker`` of every content line;
* :data:`_STAMP_GATE_RE` finds every line whose core a stamp or a month-dated author line needs;
* words per line counted from :func:`~cleantext.analysis.chars.word_lines` are ``line.words``, and the
  prose sums :func:`_article_above` is given are the ones it would add up.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.config import LANGUAGES
from cleantext.document import Document
from cleantext.filters.comments import (
    _DATE_RE,
    _NAME_DATE_RE,
    _STAMP_GATE_RE,
    _TIME_RE,
    MIN_QUOTE_WORDS,
    Comments,
    _article_above,
    _line_words,
    _rules_for,
    _words_before,
)
from cleantext.filters.literals import needs_time
from cleantext.filters.matcher import TRIM, core_of
from cleantext.rules import load_all

from benchmarks.data import find_bench

#: Lines of every kind of furniture, near misses, and prose.
LINES = [
    "Rosa said...", "Dan says:", "Sharon says", "written by lynn, October 22, 2012",
    "Posted by: Travis Pahl on March 3, 2008 at 10:15 pm", "mark on May 3, 2020 at 10:15 pm", "mark on May 3, 2020",
    "anna | 12 June 2019 10:15 | Reply | Report", "bob - 12 June 2019 10h15", "Joined: May 2019", "Messages 196",
    "Messages", "196", "Reaction score 76", "Beiträge: 1.204", "Inscrit le : 12/03/2016", "Сообщений: 45",
    "mcrouse Admin " + "Hi there, the update fixed it for me. " * 8, "Reply", "Report", "Like", "3 likes", "Reply ↓",
    "2 years ago", "Permalink", "12 Comments", "Leave a Reply", "Post a Comment", "Jermaine 07 Nov 12",
    "Ash Menon November 8, 2012", "Friday December 28 2007", "October 22, 2012 at 3:15 pm", "03/04/2012",
    "12.03.2016 - 10:15", "10:15", "IPL 2024", "$29.95", "x = 10:15;", "Results 1 to 10 of 45", "Quote",
    "The council met on Monday at 10:15 to vote on the budget.",
    "The vote was 7 to 4, and the mayor said the plan protects essential services for the whole town.",
    "On 12/03/2016 the ferry ran late, a commenter wrote, and nobody said why it happened.",
]
#: What a line may carry around or inside it: decoration, odd whitespace.
WRAPS = ["", "» ", "| ", "- ", " ", "\t", "\u00a0", "• ", "  ", "\r"]


def _plain(flt: Comments, doc: Document) -> list:
    return [flt._marker(line) for line in doc.content_lines]


def _line(text: str, lead: str, trail: str, odd: bool) -> str:
    return lead + (text.replace(" ", "  ", 1) if odd else text) + trail


ODD_TEXT = st.text(st.sampled_from(list("aZ19:./- \t\u00a0|»٣²")), max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES) | ODD_TEXT, st.sampled_from(WRAPS), st.sampled_from(WRAPS),
                          st.booleans()), max_size=25),
       st.booleans())
def test_markers_of_a_document_are_each_lines_marker(parts: list, page: bool) -> None:
    doc = Document("\n".join(_line(*part) for part in parts))
    flt = Comments(page=page)
    assert flt.markers(doc) == _plain(flt, doc)


def test_markers_of_the_seed_pages(seeds: dict[str, str]) -> None:
    flt = Comments()
    for text in seeds.values():
        doc = Document(text)
        assert flt.markers(doc) == _plain(flt, doc)


@pytest.mark.bench
@pytest.mark.skipif(find_bench() is None, reason="no ../shared/bench pages here")
def test_markers_of_the_bench_pages() -> None:
    root = find_bench()
    assert root is not None
    flt = Comments()
    paths = sorted((root / "big9").rglob("*.txt"))[:400] + sorted((root / "l3s_gn1").rglob("*.txt"))[:200]
    for path in paths:
        doc = Document(path.read_text(encoding="utf-8", errors="replace"))
        assert flt.markers(doc) == _plain(flt, doc), path


def test_the_rules_the_gate_leaves_to_the_stamp_gate_need_a_time() -> None:
    """The forum and byline rules whose literals the document gate leaves out each need a clock time."""
    timed = [r.pattern for r in load_all(LANGUAGES) if r.category == "comments" and r.kind in ("bylines", "forum")
             and needs_time(r.pattern)]
    assert timed  # " on ", " at ", " | " ...: the literals of prose
    for pattern in timed:
        assert r"\d{1,2}:\d{2}" in pattern
    for kind in ("bylines", "forum"):
        assert _rules_for(LANGUAGES, kind).literals() is not None
    assert Comments()._gate is not None  # the document gate is in use (the crumb gate's literals are known)
    assert " on " not in _rules_for(LANGUAGES, "bylines").literals()


STAMPISH = st.text(st.sampled_from(list("0123456789٣²:h./- aZNov,") + list(TRIM[:12])), max_size=24)


@settings(max_examples=2000, deadline=None)
@given(STAMPISH | st.sampled_from(LINES), st.sampled_from(WRAPS), st.sampled_from(WRAPS))
def test_the_stamp_gate_finds_every_stamp_and_dated_author(text: str, lead: str, trail: str) -> None:
    line = lead + text + trail
    core = core_of(line)
    if _TIME_RE.search(core) or _DATE_RE.search(core) or _NAME_DATE_RE.fullmatch(core):
        assert _STAMP_GATE_RE.search(line)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab Z1_-.,’\t²٣ßé日")), max_size=40).map(lambda t: t * 9),
                max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_words_and_prose_sums_are_the_definitions(texts: list[str], start: int, end: int) -> None:
    doc = Document("\n".join(texts))
    lines = doc.content_lines
    words = [line.words for line in lines]
    assert _line_words(lines, doc.text) == words
    assert _words_before(words) == [sum(words[:i]) for i in range(len(lines))]
    assert _words_before(words, MIN_QUOTE_WORDS) == [
        sum(w for w in words[:i] if w >= MIN_QUOTE_WORDS) for i in range(len(lines))]
    if lines:
        start, end = min(start, len(lines) - 1), min(max(start, end), len(lines) - 1)
        assert _article_above(lines, start, end, _words_before(words, MIN_QUOTE_WORDS)) == _article_above_plain(
            lines, start, end)


def _article_above_plain(lines: list, start: int, end: int) -> bool:
    prose = [line.words if line.words >= MIN_QUOTE_WORDS else 0 for line in lines]
    above, after = sum(prose[:start]), sum(prose[end + 1 :])
    return above >= 40 and above >= 2.0 * after


#: Furniture of each shipped language besides English (bylines, forum furniture, crumbs).
OTHER_LANGUAGES = [
    "Peter sagt:", "von Hans am 12.03.2016", "Registriert seit: Mai 2019", "Zitat", "Antworten", "Gefällt mir",
    "vor 3 Tagen", "Marie dit :", "Posté par Jean le 12/03/2016", "Messages : 1 204", "Répondre", "J’aime",
    "il y a 3 jours", "Carlos dice:", "Mensajes: 45", "Me gusta", "hace 3 días", "Giulia ha scritto:",
    "Messaggi: 45", "Segnala abuso", "3 giorni fa", "João disse:", "Mensagens: 45", "Curtir", "há 3 dias",
    "Jan zegt:", "Lid sinds: 2019", "Reageer", "3 dagen geleden", "Kasia pisze:", "Postów: 45", "Zgłoś naruszenie",
    "3 dni temu", "Иван пишет:", "Сообщений: 45", "Ответить", "3 дня назад", "Олена пише:", "Повідомлень: 45",
    "Відповісти", "3 дні тому", "Łukasz Żak 12 października 2015", "Jürgen Öztürk 3. März 2019",
]
#: Cases ``regex``'s IGNORECASE matches as the line's own (dotted capital İ, long s, the Kelvin sign, capital
#: sharp s): the document gate must let them through.
FOLDED_CASES = [str, str.upper, str.title, lambda t: t.replace("i", "İ").replace("I", "İ"),
                lambda t: t.replace("s", "ſ"), lambda t: t.replace("k", "\u212a"), lambda t: t.replace("ß", "ẞ")]
#: ... and one it does not (dotless ı), which the gate folds to "i" and lets through all the same.
CASES = [*FOLDED_CASES, lambda t: t.upper().replace("I", "ı")]
PROSE = " The update fixed it for me, and the other posters here said the same about their own machines."


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("prose", [0, 3])
def test_markers_of_each_furniture_line_in_any_case(case, prose: int) -> None:
    """Each line alone, so that no other line of the document changes how it is folded; with prose after it,
    a forum post printed after its author on one long line."""
    flt = Comments()
    for text in LINES + OTHER_LANGUAGES:
        doc = Document(case(text) + PROSE * prose)
        assert flt.markers(doc) == _plain(flt, doc), case(text)


@pytest.mark.parametrize("languages", [LANGUAGES, *((code,) for code in LANGUAGES)])
def test_markers_of_each_language_alone(languages: tuple[str, ...]) -> None:
    """A matcher of one language has gates of its own rules only."""
    flt = Comments(languages)
    assert flt._gate is not None
    for case in CASES:
        doc = Document("\n".join(case(text) for text in LINES + OTHER_LANGUAGES))
        assert flt.markers(doc) == _plain(flt, doc)


def test_the_case_variants_are_furniture() -> None:
    """The tests above see furniture, not only lines the gates rightly skip."""
    flt = Comments()
    for text in ["Zitat", "Ответить", "Joined: May 2019", "Dan says:", "Reply", "Kasia pisze:"]:
        for case in FOLDED_CASES:
            doc = Document(case(text))
            assert flt.markers(doc)[0] is not None, case(text)
